// The field model is the one place a field is written; the SDK, the package schema and the docs are generated from
// it. These tests read the committed files and check both directions for every resource: each field of the model
// is in each of them, and nothing else is. They also check that no enum value list is written a second time.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { docPage, generatedFiles } from "../../codegen/generate";
import { fileStem } from "../../codegen/text";
import * as enumValues from "../../provider/api/enums";
import { SETTING_KEYS } from "../../provider/api/setting-keys";
import type { FieldMap } from "../../provider/resources/field-spec";
import { RESOURCE_MODELS } from "../../provider/resources/models";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** Every input path of a field map, nested ones as `a.b`. */
function inputPaths(fields: FieldMap, prefix = ""): string[] {
  return Object.entries(fields).flatMap(([name, field]) => [
    prefix + name,
    ...(field.kind === "object" ? inputPaths(field.fields, `${prefix}${name}.`) : []),
  ]);
}

/** Member names of every interface declared in sdk/generated.ts, parsed with the TypeScript compiler. */
function sdkInterfaces(): Map<string, string[]> {
  const source = ts.createSourceFile("generated.ts", read("sdk/generated.ts"), ts.ScriptTarget.Latest);
  const interfaces = new Map<string, string[]>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    interfaces.set(
      node.name.text,
      node.members.map((member) => (member.name as ts.Identifier).text),
    );
  });
  return interfaces;
}

/** SDK input paths of a resource, following `pulumi.Input<XArgs>` into the nested interfaces. */
function sdkInputPaths(interfaces: Map<string, string[]>, interfaceName: string, prefix = ""): string[] {
  const source = read("sdk/generated.ts");
  return (interfaces.get(interfaceName) ?? []).flatMap((member) => {
    const declaration = new RegExp(`export interface ${interfaceName} \\{[^}]*?\\n  ${member}\\??: pulumi\\.Input<(\\w+Args)>;`).exec(
      source,
    );
    return [prefix + member, ...(declaration ? sdkInputPaths(interfaces, declaration[1], `${prefix}${member}.`) : [])];
  });
}

/** Names in the first column of the table between `<!-- generated:<key> -->` and its end marker. */
function docTableNames(page: string, key: string): string[] {
  const text = read(page);
  const from = text.indexOf(`<!-- generated:${key} -->`);
  const section = text.slice(from, text.indexOf("<!-- /generated -->", from));
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => /^\| `([^`]+)`/.exec(line)?.[1] ?? "");
}

const schema = JSON.parse(read("schema.json")) as {
  resources: Record<
    string,
    { inputProperties: Record<string, { $ref?: string }>; properties: Record<string, unknown>; requiredInputs: string[] }
  >;
  types: Record<string, { properties?: Record<string, { $ref?: string }>; enum?: { value: string }[] }>;
};

function schemaInputPaths(properties: Record<string, { $ref?: string }>, prefix = ""): string[] {
  return Object.entries(properties).flatMap(([name, property]) => {
    const nested = property.$ref?.startsWith("#/types/") ? schema.types[property.$ref.slice("#/types/".length)]?.properties : undefined;
    return [prefix + name, ...(nested ? schemaInputPaths(nested, `${prefix}${name}.`) : [])];
  });
}

describe("the field model drives the SDK, the schema and the docs", () => {
  it("the generated files are current (otherwise run `npm run generate`)", () => {
    for (const [file, content] of generatedFiles(root)) expect(read(file), file).toBe(content);
  });

  it("the schema declares exactly the model's resources", () => {
    expect(Object.keys(schema.resources).sort()).toEqual(RESOURCE_MODELS.map((model) => `mosaic:index:${model.name}`).sort());
  });

  it("the schema's provider config and docs/configuration.md list exactly the provider's settings", () => {
    const names = Object.keys(SETTING_KEYS).sort();
    const config = JSON.parse(read("schema.json")) as { config: { variables: object }; provider: { inputProperties: object } };
    expect(Object.keys(config.config.variables).sort()).toEqual(names);
    expect(Object.keys(config.provider.inputProperties).sort()).toEqual(names);
    expect(docTableNames("docs/configuration.md", "settings").sort()).toEqual(
      Object.values(SETTING_KEYS)
        .map((key) => key.config)
        .sort(),
    );
  });

  describe.each(RESOURCE_MODELS.map((model) => [model.name, model] as const))("%s", (_name, model) => {
    const inputs = inputPaths(model.inputs).sort();
    const serverOutputs = Object.keys(model.outputs);

    it("the SDK's Args declare every input of the model, nested ones too, and nothing else", () => {
      expect(sdkInputPaths(sdkInterfaces(), `${model.name}Args`).sort()).toEqual(inputs);
    });

    it("the SDK declares every server output (those taken from the id are class properties) and nothing else", () => {
      const declared = sdkInterfaces().get(`${model.name}ServerOutputs`) ?? [];
      const fromIdInClass = serverOutputs.filter((name) => model.outputs[name].fromId);
      const classSource = read(`sdk/${fileStem(model)}.ts`);
      for (const name of fromIdInClass) expect(classSource).toContain(`readonly ${name}: pulumi.Output<string>;`);
      expect([...declared, ...fromIdInClass].sort()).toEqual([...serverOutputs].sort());
    });

    it("the schema has every input as an input property and every input and output as a property, and nothing else", () => {
      const resource = schema.resources[`mosaic:index:${model.name}`];
      expect(schemaInputPaths(resource.inputProperties).sort()).toEqual(inputs);
      expect(Object.keys(resource.properties).sort()).toEqual([...Object.keys(model.inputs), ...serverOutputs].sort());
      expect(resource.requiredInputs).toEqual(Object.keys(model.inputs).filter((name) => model.inputs[name].required));
    });

    it("the docs' tables list every input and output, and nothing else", () => {
      const documented = Object.keys(model.inputGroups).flatMap((group) => docTableNames(docPage(model), `inputs:${group}`));
      expect(documented.sort()).toEqual(inputs);
      expect(docTableNames(docPage(model), "outputs").sort()).toEqual([...serverOutputs].sort());
    });
  });
});

describe("enum values are written once", () => {
  const sourceFiles = (dir: string): string[] =>
    readdirSync(path.join(root, dir)).flatMap((entry) => {
      const file = path.join(dir, entry);
      return statSync(path.join(root, file)).isDirectory() ? sourceFiles(file) : file.endsWith(".ts") ? [file] : [];
    });
  // The generated SDK repeats them by design (it may not load the provider); everything else imports them.
  const handWritten = [...sourceFiles("provider"), ...sourceFiles("sdk"), ...sourceFiles("codegen")].filter(
    (file) => file !== path.join("provider", "api", "enums.ts") && file !== path.join("sdk", "generated.ts"),
  );

  it.each(Object.entries(enumValues))("%s appears as a list in no other source file", (_name, values) => {
    // A list written again shows as two of its values quoted side by side; single values may be compared in code.
    const pairs = values.slice(1).map((value, i) => new RegExp(`"${values[i]}",\\s*"${value}"`));
    for (const file of handWritten) {
      const text = read(file);
      for (const pair of pairs) expect(pair.test(text), `${file} repeats ${pair.source}`).toBe(false);
    }
  });

  it("the schema's enum types carry exactly the API's values", () => {
    for (const values of Object.values(enumValues)) {
      const match = Object.values(schema.types).find((type) => type.enum?.[0]?.value === values[0] && type.enum.length === values.length);
      if (values === enumValues.TOKEN_ENDPOINT_AUTH_METHODS) continue; // deprecated API field: no input uses it
      expect(match?.enum?.map((entry) => entry.value)).toEqual([...values]);
    }
  });
});
