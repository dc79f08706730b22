// index.ts of an exported project: one `new mosaic.<Type>(name, {...})` per planned resource, wired through the
// variables of the resources it references, with the object's title and notes as a comment above it.
import { isScalar, Reference, type ExportPlan, type PlannedResource } from "./plan";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const WIDTH = 120;

function scalar(value: unknown): string {
  if (value instanceof Reference) return `${value.resource.variable}.${value.output}`;
  return JSON.stringify(value);
}

/** A TypeScript expression for a plain JSON value (or a Reference), `indent` being the current line's indentation. */
export function tsValue(value: unknown, indent: string): string {
  if (isScalar(value)) return scalar(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const oneLine = `[${value.map((item) => tsValue(item, inner)).join(", ")}]`;
    if (value.every(isScalar) && indent.length + oneLine.length <= WIDTH - 20) return oneLine;
    return `[\n${value.map((item) => `${inner}${tsValue(item, inner)},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
  return `{\n${entries.map(([name, item]) => `${inner}${key(name)}: ${tsValue(item, inner)},`).join("\n")}\n${indent}}`;
}

function comment(resource: PlannedResource): string[] {
  return [resource.title, ...resource.notes].map((line) => `// ${line}`);
}

function declaration(resource: PlannedResource): string[] {
  const properties = Object.fromEntries(resource.properties);
  return [
    ...comment(resource),
    `const ${resource.variable} = new mosaic.${resource.model.name}(${JSON.stringify(resource.name)}, ${tsValue(properties, "")});`,
  ];
}

export function renderTypeScript(plan: ExportPlan, header: string[]): string {
  const lines = [...header.map((line) => `// ${line}`), 'import * as mosaic from "pulumi-mosaic";', ""];
  for (const resource of plan.resources) {
    if (resource.model.name === "Application" && lines[lines.length - 1] !== "") lines.push("");
    lines.push(...declaration(resource));
  }
  return `${lines.join("\n")}\n`;
}
