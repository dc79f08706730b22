// Pulumi.yaml of the YAML variant: the same resources as index.ts for the pulumi-resource-mosaic plugin
// (docs/multi-language.md), references as `${name.output}`. Strings are written double-quoted (JSON's escapes are
// valid YAML), and `${` inside a value is escaped as `$${` so Pulumi YAML never reads an object's name as an expression.
import { isScalar, Reference, type ExportPlan } from "./plan";

function scalar(value: unknown): string {
  if (value instanceof Reference) return `"\${${value.resource.name}.${value.output}}"`;
  if (typeof value === "string") return JSON.stringify(value.replaceAll("${", () => "$${"));
  return JSON.stringify(value);
}

/** YAML lines for `key: value` at `indent`. */
function entry(key: string, value: unknown, indent: string): string[] {
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key);
  if (isScalar(value)) return [`${indent}${name}: ${scalar(value)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}${name}: []`];
    if (value.every(isScalar)) return [`${indent}${name}: [${value.map(scalar).join(", ")}]`];
    return [`${indent}${name}:`, ...value.flatMap((item) => listItem(item, `${indent}  `))];
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return [`${indent}${name}: {}`];
  return [`${indent}${name}:`, ...entries.flatMap(([k, v]) => entry(k, v, `${indent}  `))];
}

function listItem(value: unknown, indent: string): string[] {
  if (isScalar(value) || Array.isArray(value)) return [`${indent}- ${isScalar(value) ? scalar(value) : JSON.stringify(value)}`];
  const [first, ...rest] = Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => entry(k, v, `${indent}  `));
  return first === undefined ? [`${indent}- {}`] : [`${indent}- ${first.trimStart()}`, ...rest];
}

export function renderYaml(
  plan: ExportPlan,
  options: { projectName: string; pluginPath?: string; version: string; header: string[] },
): string {
  const lines = [...options.header.map((line) => `# ${line}`), `name: ${JSON.stringify(options.projectName)}`, "runtime: yaml"];
  if (options.pluginPath === undefined) {
    lines.push(
      `# Install the plugin once: pulumi plugin install resource mosaic ${options.version} --file <dir of pulumi-resource-mosaic>`,
    );
  } else {
    lines.push("plugins:", "  providers:", "    - name: mosaic", `      path: ${JSON.stringify(options.pluginPath)}`);
  }
  lines.push("resources:");
  for (const resource of plan.resources) {
    lines.push(...[resource.title, ...resource.notes].map((line) => `  # ${line}`));
    lines.push(`  ${resource.name}:`, `    type: mosaic:index:${resource.model.name}`, "    properties:");
    for (const [key, value] of resource.properties) lines.push(...entry(key, value, "      "));
  }
  return `${lines.join("\n")}\n`;
}
