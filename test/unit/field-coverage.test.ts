// Every field of the vendor's create and update request schemas for applications, clients and signing keys is either
// an input of the field model or listed, with its reason, in provider/resources/unmapped-fields.ts. Read from the vendor's OpenAPI
// document kept in the repository (test/contract/spec/), so a new vendor version that adds a field fails here.
import { describe, expect, it } from "vitest";
import type { FieldMap, TypeShape } from "../../provider/resources/field-spec";
import { RESOURCE_MODELS } from "../../provider/resources/models";
import { OPEN_ENUM_FIELDS, REQUEST_SCHEMAS, UNMAPPED_REQUEST_FIELDS } from "../../provider/resources/unmapped-fields";
import { loadOpenApiDocument, VENDOR_OPENAPI_PATH, type JsonObject } from "../contract/support/openapi-document";

const document = loadOpenApiDocument(VENDOR_OPENAPI_PATH);
const components = document.components.schemas;

/** Follows `$ref` and single-member `allOf` wrappers to the schema they name. */
function resolve(schema: JsonObject): JsonObject {
  if (typeof schema.$ref === "string") return resolve(components[schema.$ref.split("/").pop()!]);
  const allOf = schema.allOf as JsonObject[] | undefined;
  if (allOf?.length === 1) return resolve(allOf[0]);
  return schema;
}

interface DocumentProperty {
  deprecated: boolean;
  enumValues?: readonly unknown[];
}

/** Every property of a request schema by its API path (`a.b` for nested keys). */
function documentProperties(schema: JsonObject, prefix = "", into = new Map<string, DocumentProperty>()): Map<string, DocumentProperty> {
  for (const [key, raw] of Object.entries((resolve(schema).properties ?? {}) as Record<string, JsonObject>)) {
    const property = resolve(raw);
    const items = property.items ? resolve(property.items as JsonObject) : undefined;
    into.set(prefix + key, {
      deprecated: raw.deprecated === true || property.deprecated === true,
      enumValues: (property.enum ?? items?.enum) as unknown[] | undefined,
    });
    if (property.properties) documentProperties(property, `${prefix}${key}.`, into);
  }
  return into;
}

/** Every API path the model sends, with the enum values it accepts there. */
function modelPaths(fields: FieldMap, prefix = "", into = new Map<string, readonly string[] | undefined>()) {
  for (const field of Object.values(fields)) {
    if (field.localOnly) continue;
    const path = prefix + field.api;
    if (field.kind === "object") {
      into.set(path, undefined);
      modelPaths(field.fields, `${path}.`, into);
    } else {
      into.set(path, enumOf(field.type.shape));
    }
  }
  return into;
}

function enumOf(shape: TypeShape): readonly string[] | undefined {
  if (shape.kind === "enum") return shape.enum.values;
  return shape.kind === "list" ? enumOf(shape.items) : undefined;
}

/** Fewer properties than this means the wrong schemas were named: the signing-key schemas have three in all. */
const MIN_PROPERTIES: Record<string, number> = { Application: 10, Client: 10, SigningKey: 3 };

const covers = (exclusions: Record<string, unknown>, path: string) =>
  path.split(".").some((_, depth, parts) => parts.slice(0, depth + 1).join(".") in exclusions);

describe.each(Object.entries(REQUEST_SCHEMAS))("every request field of %s is mapped or left out with a reason", (resource, schemaNames) => {
  const model = RESOURCE_MODELS.find((candidate) => candidate.name === resource)!;
  const mapped = modelPaths(model.inputs);
  const exclusions = UNMAPPED_REQUEST_FIELDS[resource as keyof typeof REQUEST_SCHEMAS];
  const properties = new Map<string, DocumentProperty>();
  for (const name of schemaNames) {
    expect(components[name], `${name} is in the vendor's document`).toBeDefined();
    for (const [path, property] of documentProperties(components[name])) properties.set(path, property);
  }

  it("has the vendor's request schemas to compare with", () => {
    expect(model).toBeDefined();
    expect(properties.size).toBeGreaterThanOrEqual(MIN_PROPERTIES[resource]);
  });

  it("maps or lists every property of the vendor's create and update schemas", () => {
    const missing = [...properties.keys()].filter((path) => !mapped.has(path) && !covers(exclusions, path));
    expect(missing, `add these to the ${resource} field model or to provider/resources/unmapped-fields.ts`).toEqual([]);
  });

  it("maps only properties the vendor's document has", () => {
    expect([...mapped.keys()].filter((path) => !properties.has(path))).toEqual([]);
  });

  it("lists only properties the document has and the model does not map, each with a reason", () => {
    for (const [path, entry] of Object.entries(exclusions)) {
      expect(properties.has(path), `${path} is in the vendor's document`).toBe(true);
      expect(mapped.has(path), `${path} is both mapped and left out`).toBe(false);
      expect(entry.detail.length, `${path} says why`).toBeGreaterThan(20);
      if (entry.reason === "deprecated") expect(properties.get(path)!.deprecated, `${path} is deprecated by the vendor`).toBe(true);
    }
  });

  it("accepts exactly the vendor's values for every enum-valued field, except the listed open ones", () => {
    const open = OPEN_ENUM_FIELDS[resource as keyof typeof REQUEST_SCHEMAS];
    for (const path of Object.keys(open)) {
      expect(properties.get(path)?.enumValues, `${path} has a vendor enum`).toBeDefined();
      expect(mapped.has(path) && mapped.get(path) === undefined, `${path} is mapped as free text`).toBe(true);
    }
    for (const [path, values] of mapped) {
      const documented = properties.get(path)?.enumValues;
      if ((values === undefined && documented === undefined) || path in open) continue;
      expect([...(values ?? [])].sort(), path).toEqual([...((documented as string[] | undefined) ?? [])].sort());
    }
  });
});
