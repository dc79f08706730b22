// Dev-time only (never loaded by the running emulator): reads the vendor's OpenAPI 3.0 document and turns its
// schemas into plain JSON Schema, for the generated request-schema extract and for the contract tests' ajv.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";

export type JsonObject = { [key: string]: unknown };

export interface OpenApiDocument {
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, JsonObject>; securitySchemes?: Record<string, JsonObject> };
  [key: string]: unknown;
}

/**
 * The vendor's OpenAPI document for the Applications API, kept in the repository (test/contract/spec/) so a fresh
 * clone can run the contract tests on its own. See test/contract/spec/README.md for where it comes from.
 */
export const VENDOR_OPENAPI_PATH = path.resolve(__dirname, "../spec/applications-openapi.yml");

export function loadOpenApiDocument(file: string): OpenApiDocument {
  if (!existsSync(file)) {
    throw new Error(
      `The vendor's OpenAPI document is missing at ${file}; restore test/contract/spec/applications-openapi.yml ` +
        "(see test/contract/spec/README.md).",
    );
  }
  return YAML.parse(readFileSync(file, "utf8")) as OpenApiDocument;
}

const COMPONENT_REF_PREFIX = "#/components/schemas/";

/** Keywords that only document a schema; dropped from the compact extract the emulator ships. */
const ANNOTATION_KEYWORDS = new Set(["description", "example", "examples", "deprecated", "title"]);

export interface ConvertOptions {
  /** Maps a component name to the `$ref` the output should use. */
  refTarget(componentName: string): string;
  /** Drop description/example/deprecated/title (the runtime extract does; the contract tests keep them). */
  dropAnnotations?: boolean;
}

/**
 * OpenAPI 3.0 schema object → JSON Schema: rewrites component refs, and turns `nullable: true` into a union with
 * null (3.0's `nullable` has no JSON Schema meaning; ajv would ignore it and reject nulls the document allows).
 */
export function convertSchema(node: unknown, options: ConvertOptions): unknown {
  if (Array.isArray(node)) return node.map((item) => convertSchema(item, options));
  if (node === null || typeof node !== "object") return node;
  const source = node as JsonObject;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(source)) {
    if (options.dropAnnotations && ANNOTATION_KEYWORDS.has(key)) continue;
    if (key === "$ref" && typeof value === "string") {
      if (!value.startsWith(COMPONENT_REF_PREFIX)) throw new Error(`unsupported $ref ${value}`);
      out.$ref = options.refTarget(value.slice(COMPONENT_REF_PREFIX.length));
    } else if (key === "properties" && value && typeof value === "object") {
      // Property names are data, not keywords: never treat a property called "description" as an annotation.
      const props: JsonObject = {};
      for (const [name, schema] of Object.entries(value as JsonObject)) props[name] = convertSchema(schema, options);
      out.properties = props;
    } else if (key === "nullable") {
      continue;
    } else {
      out[key] = convertSchema(value, options);
    }
  }
  if (source.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

/** Names of the component schemas reachable from `roots` through `$ref`s, in first-seen order. */
export function reachableComponents(doc: OpenApiDocument, roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    const schema = doc.components.schemas[name];
    if (!schema) throw new Error(`component schema ${name} is not in the document`);
    seen.add(name);
    walkRefs(schema, visit);
  };
  roots.forEach(visit);
  return [...seen];
}

function walkRefs(node: unknown, onRef: (name: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item) => walkRefs(item, onRef));
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node as JsonObject)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith(COMPONENT_REF_PREFIX)) {
        onRef(value.slice(COMPONENT_REF_PREFIX.length));
      } else {
        walkRefs(value, onRef);
      }
    }
  }
}
