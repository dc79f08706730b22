// Renders schema.json: the Pulumi package schema of the mosaic provider (mosaic:index:Application, Client,
// ClientResources, their object and enum types), which the multi-language provider serves and SDK generators read.
import type { SettingKey } from "../provider/api/setting-keys";
import type { FieldMap, OutputField, ResourceModel, TypeShape } from "../provider/resources/field-spec";
import { flagSentences, objectNoun } from "./text";
import { renderFunctions } from "./schema-functions";
import { enumTypesOf, objectTypesOf } from "./walk";

type Json = Record<string, unknown>;
export const token = (name: string) => `mosaic:index:${name}`;
export const ref = (name: string) => ({ $ref: `#/types/${token(name)}` });

export function typeSpec(shape: TypeShape): Json {
  switch (shape.kind) {
    case "string":
      return { type: "string" };
    case "boolean":
      return { type: "boolean" };
    case "positiveInteger":
      return { type: "integer" };
    case "json":
      return { $ref: "pulumi.json#/Any" };
    case "enum":
      return ref(shape.enum.name);
    case "list":
      return { type: "array", items: typeSpec(shape.items) };
  }
}

function propertiesOf(fields: FieldMap, owner: string, objectName: (field: FieldMap[string]) => string): Json {
  const properties: Json = {};
  for (const [name, field] of Object.entries(fields)) {
    const description = [field.doc, flagSentences(field, owner)].filter(Boolean).join(" ");
    properties[name] = {
      ...(field.kind === "object" ? ref(objectName(field)) : typeSpec(field.type.shape)),
      description,
      ...(field.secret ? { secret: true } : {}),
      ...(field.replaceOnChange ? { replaceOnChanges: true } : {}),
    };
  }
  return properties;
}

const requiredOf = (fields: FieldMap) => Object.keys(fields).filter((name) => fields[name].required);

export function outputProperty(out: OutputField): Json {
  return { ...typeSpec(out.type.shape), description: out.doc, ...(out.secret ? { secret: true } : {}) };
}

/** Provider config: `mosaic:<name>` stack config, with the MOSAIC_* variable as the schema's default source. */
function configOf(settings: Record<string, SettingKey>): { variables: Json; provider: Json } {
  const variables: Json = {};
  for (const [name, key] of Object.entries(settings)) {
    variables[name] = {
      type: key.type,
      description: `${key.doc} Environment fallback: ${key.env}.`,
      defaultInfo: { environment: [key.env] },
      ...(key.secret ? { secret: true } : {}),
    };
  }
  return {
    variables,
    provider: { description: "The provider type for the mosaic package.", inputProperties: variables },
  };
}

/**
 * Where the generated SDKs (sdks/, scripts/generate-sdks.sh) get their names. The Go module has no public home yet:
 * its path ends in .invalid (RFC 2606), so nobody mistakes it for a fetchable one; Go programs use it through a
 * `replace` directive pointing at a checkout (docs/multi-language.md). respectSchemaVersion makes each SDK carry the
 * schema's version instead of 0.0.0: the engine asks for the plugin at the version the SDK reports.
 */
export const SDK_NAMES = {
  python: "pulumi_mosaic",
  nodejs: "pulumi-mosaic-sdk",
  goImportBasePath: "pulumi-mosaic.invalid/sdks/go/mosaic",
} as const;

function languageOf(): Json {
  return {
    python: { packageName: SDK_NAMES.python, respectSchemaVersion: true },
    nodejs: { packageName: SDK_NAMES.nodejs, respectSchemaVersion: true },
    go: { importBasePath: SDK_NAMES.goImportBasePath, respectSchemaVersion: true },
  };
}

export function renderSchema(
  models: readonly ResourceModel[],
  settings: Record<string, SettingKey>,
  pkg: { description: string; version: string },
): Json {
  const types: Json = {};
  for (const enumType of enumTypesOf(models)) {
    types[token(enumType.name)] = { type: "string", description: enumType.doc, enum: enumType.values.map((value) => ({ value })) };
  }
  const resources: Json = {};
  for (const model of models) {
    const owner = objectNoun(model);
    const { types: objectTypes, names } = objectTypesOf(model);
    const objectName = (field: FieldMap[string]) => names.get(field as never) as string;
    for (const { name, field } of objectTypes) {
      types[token(name)] = {
        type: "object",
        description: field.doc,
        properties: propertiesOf(field.fields, owner, objectName),
        required: requiredOf(field.fields),
      };
    }
    const inputProperties = propertiesOf(model.inputs, owner, objectName);
    const serverOutputs = Object.fromEntries(Object.entries(model.outputs).map(([name, out]) => [name, outputProperty(out)]));
    const alwaysSet = Object.keys(model.outputs).filter((name) => !model.outputs[name].optional);
    resources[token(model.name)] = {
      description: model.doc,
      properties: { ...inputProperties, ...serverOutputs },
      required: [...requiredOf(model.inputs), ...alwaysSet],
      inputProperties,
      requiredInputs: requiredOf(model.inputs),
    };
  }
  const { functions, types: functionTypes } = renderFunctions(models);
  Object.assign(types, functionTypes);
  const { variables, provider } = configOf(settings);
  return {
    name: "mosaic",
    displayName: "Mosaic (Transmit Security)",
    version: pkg.version,
    description: pkg.description,
    keywords: ["pulumi", "mosaic", "transmit-security", "identity", "openid-connect", "category/security"],
    license: "Apache-2.0",
    config: { variables },
    provider,
    resources,
    functions,
    types,
    // The SDK generators then write each SDK's package file (pyproject.toml, package.json, go.mod) themselves.
    meta: { supportPack: true },
    language: languageOf(),
  };
}
