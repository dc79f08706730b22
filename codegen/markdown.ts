// Renders the input and output tables of docs/<resource>.md and puts them between the markers there:
//   <!-- generated:inputs:<group> --> ... <!-- /generated -->   and   <!-- generated:outputs --> ... <!-- /generated -->
// Everything outside the markers is hand-written prose.
import type { SettingKey } from "../provider/api/setting-keys";
import type { Field, FieldMap, ResourceModel, TypeShape } from "../provider/resources/field-spec";
import type { UnmappedField } from "../provider/resources/unmapped-fields";

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function typeLabel(shape: TypeShape): string {
  switch (shape.kind) {
    case "string":
      return { uri: "string (URI)", nonEmpty: "string (not empty)", plain: "string" }[shape.format ?? "plain"];
    case "boolean":
      return "boolean";
    case "positiveInteger":
      return "integer > 0";
    case "json":
      return "JSON object (passed through as is)";
    case "enum":
      return shape.enum.values.map((value) => code(JSON.stringify(value))).join(" | ");
    case "list": {
      const items = shape.items;
      if (items.kind === "enum") return `(${typeLabel(items)})[]`;
      if (items.kind === "string" && items.format) return `string[] (${items.format === "uri" ? "URIs" : "each not empty"})`;
      return `${typeLabel(items)}[]`;
    }
  }
}

function changeLabel(field: Field, nested: boolean): string {
  if (nested) return "sent with its object";
  const parts = [
    field.replaceOnChange
      ? "**replaces**"
      : field.localOnly
        ? ""
        : field.kind === "object"
          ? "update in place (sent whole)"
          : "update in place",
  ];
  if (field.localOnly) parts.push("local only");
  if (field.writeOnly) parts.push("**write-only**");
  return parts.filter(Boolean).join(", ");
}

function requiredLabel(field: Field): string {
  if (field.required) return "yes";
  return field.requiredFor ? `**yes for ${field.requiredFor.toUpperCase()}**` : "";
}

function inputRows(fields: FieldMap, prefix: string): string[] {
  const rows: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const path = prefix + name;
    const type = field.kind === "object" ? "object" : typeLabel(field.type.shape);
    const api = field.localOnly ? "–" : code(field.api);
    rows.push(
      `| ${code(path)} | ${cell(type)} | ${requiredLabel(field)} | ${api} | ${changeLabel(field, prefix !== "")} | ${cell(field.doc)} |`,
    );
    if (field.kind === "object") rows.push(...inputRows(field.fields, `${path}.`));
  }
  return rows;
}

export function renderInputTable(fields: FieldMap): string {
  return ["| Input | Type | Required | API field | Change | Description |", "|---|---|---|---|---|---|", ...inputRows(fields, "")].join(
    "\n",
  );
}

export function renderOutputTable(model: ResourceModel): string {
  const rows = Object.entries(model.outputs).map(([name, out]) => {
    const type = typeLabel(out.type.shape) + (out.optional ? " | undefined" : "");
    return `| ${code(name)} | ${cell(type)} | ${out.secret ? "**yes**" : ""} | ${cell(out.doc)} |`;
  });
  const examples = Object.keys(model.inputs).slice(0, 2).map(code).join(", ");
  rows.push(
    `| every input (${examples}, ...) | as the input | | ` +
      "The managed value: what the program set, or after a refresh what the API returned. " +
      "Typed properties of the class. |",
  );
  return ["| Output | Type | Secret | Description |", "|---|---|---|---|", ...rows].join("\n");
}

/** `document` with the text between each `<!-- generated:<key> -->` marker and its `<!-- /generated -->` replaced. */
export function fillMarkers(document: string, sections: Record<string, string>, documentName: string): string {
  let filled = document;
  for (const [key, content] of Object.entries(sections)) {
    const start = `<!-- generated:${key} -->`;
    const from = filled.indexOf(start);
    const to = filled.indexOf("<!-- /generated -->", from);
    if (from < 0 || to < 0) throw new Error(`${documentName}: missing the markers "${start}" ... "<!-- /generated -->"`);
    filled = `${filled.slice(0, from + start.length)}\n${content}\n${filled.slice(to)}`;
  }
  return filled;
}

/** The generated sections of one resource's docs page. */
export function docSections(model: ResourceModel): Record<string, string> {
  const sections: Record<string, string> = {};
  for (const [group, fields] of Object.entries(model.inputGroups)) sections[`inputs:${group}`] = renderInputTable(fields);
  sections.outputs = renderOutputTable(model);
  return sections;
}

/** docs/configuration.md's settings table. */
export function renderSettingsTable(settings: Record<string, SettingKey>, defaults: Record<string, unknown>): string {
  const rows = Object.entries(settings).map(([name, key]) => {
    const defaultText = name in defaults ? code(String(defaults[name])) : (key.defaultText ?? "–");
    return `| ${code(key.config)} | ${code(key.env)} | ${cell(defaultText)} | ${cell(key.doc)} |`;
  });
  return ["| Stack config | Environment | Default | Description |", "|---|---|---|---|", ...rows].join("\n");
}

/** docs/api-behaviour.md's table of request fields no input maps (provider/resources/unmapped-fields.ts). */
export function renderUnmappedTable(
  unmapped: Record<string, Record<string, UnmappedField>>,
  openEnums: Record<string, Record<string, string>>,
): string {
  const rows = Object.entries(unmapped).flatMap(([resource, fields]) =>
    Object.entries(fields).map(([api, entry]) => `| ${resource} | ${code(api)} | ${entry.reason} | ${cell(entry.detail)} |`),
  );
  const openRows = Object.entries(openEnums).flatMap(([resource, fields]) =>
    Object.entries(fields).map(([api, why]) => `| ${resource} | ${code(api)} | vendor enum not enforced | ${cell(why)} |`),
  );
  return ["| Resource | API field | Left out because | Instead / why |", "|---|---|---|---|", ...rows, ...openRows].join("\n");
}
