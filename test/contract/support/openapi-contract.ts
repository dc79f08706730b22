// Dev-time only (the contract tests): ajv validators built straight from the vendor's OpenAPI document, so every
// request the emulator accepts and every response it sends can be checked against the contract. Deliberately
// independent of the emulator's own validator (validation.ts): a shared mistake would pass both.
import Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { convertSchema, loadOpenApiDocument } from "./openapi-document";
import type { JsonObject, OpenApiDocument } from "./openapi-document";
import { patchedDocument } from "./spec-inconsistencies";

const ROOT_ID = "mosaic-openapi";

/**
 * Statuses the document does not declare on some operations, and the schema their bodies are held to. 401 uses
 * the shape the vendor's Auth API declares (InvalidTokenHttpError); the rest use the declared error schemas or
 * the generic `{message, error_code}` every Mosaic error has.
 */
const GENERIC_ERROR: JsonObject = {
  type: "object",
  required: ["message", "error_code"],
  properties: {
    message: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
    error_code: { type: "number" },
  },
};
const UNDECLARED_STATUS_SCHEMAS: Readonly<Record<number, JsonObject>> = {
  400: { $ref: "#/components/schemas/BadRequestHttpError" },
  401: {
    type: "object",
    required: ["message", "error_code"],
    properties: { message: { const: "Invalid token" }, error_code: { const: 401 } },
  },
  404: { $ref: "#/components/schemas/NotFoundHttpError" },
  409: { $ref: "#/components/schemas/IdentifierIsTakenHttpError" },
  413: GENERIC_ERROR,
  415: GENERIC_ERROR,
  429: GENERIC_ERROR,
  500: GENERIC_ERROR,
  502: GENERIC_ERROR,
  503: GENERIC_ERROR,
};

export interface ResponseCheck {
  /** Whether the document declares this status for the operation. */
  declared: boolean;
  errors: string[];
}

export interface OpenApiContract {
  readonly document: OpenApiDocument;
  /** The document's path template for a concrete path relative to /cis, e.g. "/v1/applications/{appId}". */
  templateFor(method: string, path: string): string | undefined;
  requestErrors(method: string, template: string, body: unknown): string[];
  checkResponse(method: string, template: string, status: number, body: unknown): ResponseCheck;
  schemaErrors(componentName: string, value: unknown): string[];
}

export function loadOpenApiContract(yamlPath: string): OpenApiContract {
  return createOpenApiContract(loadOpenApiDocument(yamlPath));
}

export function createOpenApiContract(original: OpenApiDocument): OpenApiContract {
  const doc = patchedDocument(original);
  const refTarget = (name: string): string => `${ROOT_ID}#/definitions/${name}`;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const definitions: JsonObject = {};
  for (const [name, schema] of Object.entries(doc.components.schemas)) definitions[name] = convertSchema(schema, { refTarget });
  ajv.addSchema({ $id: ROOT_ID, definitions });

  const cache = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: () => unknown): ValidateFunction => {
    let validate = cache.get(key);
    if (!validate) {
      validate = ajv.compile(convertSchema(schema(), { refTarget }) as object);
      cache.set(key, validate);
    }
    return validate;
  };
  const errorsOf = (validate: ValidateFunction, value: unknown): string[] =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);

  const operation = (method: string, template: string): JsonObject => {
    const found = doc.paths[template]?.[method.toLowerCase()];
    if (!found) throw new Error(`the document has no operation ${method} ${template}`);
    return found;
  };

  // Literal segments beat parameters ("/v1/applications/list" before "/v1/applications/{appId}").
  const templates = Object.keys(doc.paths)
    .map((template) => {
      const segments = template.split("/").filter(Boolean);
      return { template, segments, literals: segments.filter((s) => !s.startsWith("{")).length };
    })
    .sort((a, b) => b.literals - a.literals);

  return {
    document: original,
    templateFor(method, path) {
      const segments = path.split("?")[0]!.split("/").filter(Boolean);
      for (const candidate of templates) {
        if (candidate.segments.length !== segments.length) continue;
        if (!doc.paths[candidate.template]?.[method.toLowerCase()]) continue;
        if (candidate.segments.every((s, i) => s.startsWith("{") || s === segments[i])) return candidate.template;
      }
      return undefined;
    },
    requestErrors(method, template, body) {
      const content = (operation(method, template).requestBody as JsonObject | undefined)?.content as JsonObject | undefined;
      const schema = (content?.["application/json"] as JsonObject | undefined)?.schema;
      if (!schema) return [`${method} ${template} declares no JSON request body`];
      return errorsOf(
        compile(`req ${method} ${template}`, () => schema),
        body,
      );
    },
    checkResponse(method, template, status, body) {
      const responses = operation(method, template).responses as Record<string, JsonObject>;
      const declared = responses[String(status)];
      if (declared) {
        const schema = ((declared.content as JsonObject | undefined)?.["application/json"] as JsonObject | undefined)?.schema;
        if (!schema) return { declared: true, errors: body === undefined ? [] : [`status ${status} declares no body`] };
        return {
          declared: true,
          errors: errorsOf(
            compile(`res ${method} ${template} ${status}`, () => schema),
            body,
          ),
        };
      }
      const fallback = UNDECLARED_STATUS_SCHEMAS[status];
      if (!fallback) return { declared: false, errors: [`status ${status} is neither declared nor a known error status`] };
      return {
        declared: false,
        errors: errorsOf(
          compile(`undeclared ${status}`, () => fallback),
          body,
        ),
      };
    },
    schemaErrors(componentName, value) {
      if (!doc.components.schemas[componentName]) throw new Error(`no component schema ${componentName}`);
      return errorsOf(
        compile(`component ${componentName}`, () => ({ $ref: `#/components/schemas/${componentName}` })),
        value,
      );
    },
  };
}
