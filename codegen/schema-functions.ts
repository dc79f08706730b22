// The package schema's functions (invokes): one per lookup of provider/resources/lookups/model.ts, with the object
// types of the list results. The plugin serves them through Invoke (plugin/invoke.ts).
import type { ObjectField, ResourceModel } from "../provider/resources/field-spec";
import { LOOKUP_FUNCTIONS, LOOKUP_ITEM_TYPES, type ObjectResult } from "../provider/resources/lookups/model";
import { outputProperty, ref, token, typeSpec } from "./schema";
import { objectTypesOf } from "./walk";

type Json = Record<string, unknown>;

function objectProperties(result: ObjectResult, objectName: (field: ObjectField) => string): Json {
  const properties: Json = {};
  for (const [name, field] of Object.entries(result.objectFields)) {
    properties[name] = { ...(field.kind === "object" ? ref(objectName(field)) : typeSpec(field.type.shape)), description: field.doc };
  }
  for (const [name, out] of Object.entries(result.properties)) properties[name] = outputProperty(out);
  return properties;
}

function alwaysSet(result: ObjectResult): string[] {
  return Object.keys(result.properties).filter((name) => !result.properties[name].optional);
}

export function renderFunctions(models: readonly ResourceModel[]): { functions: Json; types: Json } {
  // Nested objects of a result are the resource's own object types (same field objects, same names).
  const names = new Map<ObjectField, string>();
  for (const model of models) for (const [field, name] of objectTypesOf(model).names) names.set(field, name);
  const objectName = (field: ObjectField) => names.get(field) as string;

  const types: Json = {};
  for (const [name, item] of Object.entries(LOOKUP_ITEM_TYPES)) {
    types[token(name)] = { type: "object", properties: objectProperties(item, objectName), required: alwaysSet(item) };
  }
  const functions: Json = {};
  for (const fn of LOOKUP_FUNCTIONS) {
    const inputs = Object.fromEntries(Object.entries(fn.args).map(([name, field]) => [name, { type: "string", description: field.doc }]));
    const required = Object.keys(fn.args).filter((name) => fn.args[name].required);
    const outputs =
      fn.result.kind === "object"
        ? { properties: objectProperties(fn.result, objectName), required: alwaysSet(fn.result) }
        : { properties: { [fn.result.property]: { type: "array", items: ref(fn.result.item) } }, required: [fn.result.property] };
    functions[token(fn.name)] = { description: fn.doc, inputs: { properties: inputs, required }, outputs };
  }
  return { functions, types };
}
