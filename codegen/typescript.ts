// Renders sdk/generated.ts: the SDK's enum unions, Args interfaces (nested objects included), server-output
// declarations and the name lists the SDK's classes seed their outputs from.
import type { Field, FieldMap, OutputField, ResourceModel, TypeShape } from "../provider/resources/field-spec";
import { docComment, flagSentences, GENERATED_BY, objectNoun } from "./text";
import { enumTypesOf, objectTypesOf } from "./walk";

function plainType(shape: TypeShape): string {
  switch (shape.kind) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "positiveInteger":
      return "number";
    case "json":
      return "Record<string, unknown>";
    case "enum":
      return shape.enum.name;
    case "list":
      return `pulumi.Input<${plainType(shape.items)}>[]`;
  }
}

function constName(model: ResourceModel, suffix: string): string {
  return `${model.name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}_${suffix}`;
}

function argsLines(fields: FieldMap, owner: string, typeName: (field: Field) => string): string[] {
  const lines: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const description = [field.doc, flagSentences(field, owner)].filter(Boolean).join(" ");
    lines.push(...docComment(description, "  "));
    const type = field.kind === "object" ? typeName(field) : plainType(field.type.shape);
    lines.push(`  ${name}${field.required ? "" : "?"}: pulumi.Input<${type}>;`);
  }
  return lines;
}

/** `prefix [items]suffix` on one line, or one item per line when that would be too long. */
function constList(prefix: string, items: string[], suffix: string): string[] {
  const quoted = items.map((item) => JSON.stringify(item));
  const oneLine = `${prefix} [${quoted.join(", ")}]${suffix}`;
  return oneLine.length <= 120 ? [oneLine] : [`${prefix} [`, ...quoted.map((item) => `  ${item},`), `]${suffix}`];
}

function outputType(out: OutputField): string {
  return `pulumi.Output<${plainType(out.type.shape)}${out.optional ? " | undefined" : ""}>`;
}

function modelLines(model: ResourceModel): string[] {
  const owner = objectNoun(model);
  const { types, names } = objectTypesOf(model);
  const typeName = (field: Field) => `${names.get(field as never)}Args`;
  const lines: string[] = [];
  for (const { name, field } of types) {
    lines.push(...docComment(field.doc, ""), `export interface ${name}Args {`, ...argsLines(field.fields, owner, typeName), "}", "");
  }
  lines.push(...docComment(`Inputs of {@link ${model.name}}.`, ""), `export interface ${model.name}Args {`);
  lines.push(...argsLines(model.inputs, owner, typeName), "}", "");
  // Outputs taken from the resource id are class properties of their own (see the class), not declarations.
  const declared = Object.entries(model.outputs).filter(([, out]) => !out.fromId);
  lines.push(`/** Outputs of {@link ${model.name}} that the API computes (every input is an output too). */`);
  lines.push(`export interface ${model.name}ServerOutputs {`);
  for (const [name, out] of declared) {
    lines.push(
      ...docComment(out.secret ? `${out.doc} A Pulumi secret: encrypted in state, masked in output.` : out.doc, "  "),
      `  readonly ${name}: ${outputType(out)};`,
    );
  }
  lines.push("}", "");
  // Every input is an output too, so a secret input (a private key) is a secret output as well.
  const secrets = [...Object.entries(model.inputs), ...Object.entries(model.outputs)]
    .filter(([, field]) => field.secret)
    .map(([name]) => name);
  lines.push(...constList(`export const ${constName(model, "INPUT_NAMES")} =`, Object.keys(model.inputs), " as const;"));
  lines.push(
    ...constList(
      `export const ${constName(model, "SERVER_OUTPUT_NAMES")} =`,
      declared.map(([name]) => name),
      " as const;",
    ),
  );
  lines.push(...constList(`export const ${constName(model, "SECRET_OUTPUTS")}: string[] =`, secrets, ";"), "");
  return lines;
}

export function renderSdkTypes(models: readonly ResourceModel[]): string {
  const lines = [`// ${GENERATED_BY}`, 'import type * as pulumi from "@pulumi/pulumi";', ""];
  for (const enumType of enumTypesOf(models)) {
    const union = enumType.values.map((v) => JSON.stringify(v)).join(" | ");
    const declaration = `export type ${enumType.name} = ${union};`;
    lines.push(...docComment(enumType.doc, ""));
    if (declaration.length <= 120) lines.push(declaration);
    else
      lines.push(
        `export type ${enumType.name} =`,
        ...enumType.values.map((v, i) => `  | ${JSON.stringify(v)}${i === enumType.values.length - 1 ? ";" : ""}`),
      );
    lines.push("");
  }
  for (const model of models) lines.push(...modelLines(model));
  return lines.join("\n").replace(/\n+$/, "\n");
}
