// One table per resource describes every input: its camelCase name, the API's key, its validation and how it
// behaves (create-only, write-only). Validation, the camelCase <-> API mapping, diff and the docs all read the same
// table, so a field cannot be validated one way and sent another. Mapping is per field, never by a regex over key
// names: some API keys are already camelCase (`isMtlsCertTokenBound`, the refresh-token trigger flags) and some
// values are opaque JSON that must pass through untouched (`jwks`).
import { z } from "zod";

interface FieldFlags {
  /** Required by the input schema (cross-field requirements live in the resource's own rules). */
  required?: boolean;
  /** The API never returns it: drift cannot be seen, so the last input value is kept (api-notes §5.0). */
  writeOnly?: boolean;
  /** Changing it replaces the object (the API cannot update it). */
  replaceOnChange?: boolean;
  /** Never sent to the API (e.g. a replacement trigger). */
  localOnly?: boolean;
}

export interface ValueField extends FieldFlags {
  kind: "value";
  api: string;
  schema: z.ZodType;
  doc: string;
  /** Turns the API's representation into the input's (e.g. custom_domain is a string in, an object out). */
  decode?: (apiValue: unknown) => unknown;
}

export interface ObjectField extends FieldFlags {
  kind: "object";
  api: string;
  fields: FieldMap;
  doc: string;
}

export type Field = ValueField | ObjectField;
export type FieldMap = Record<string, Field>;

export function value(api: string, schema: z.ZodType, doc: string, flags: FieldFlags & { decode?: ValueField["decode"] } = {}): ValueField {
  return { kind: "value", api, schema, doc, ...flags };
}

/** A nested object: sent whole on every change, because the API replaces object fields whole (api-notes §5.0). */
export function object(api: string, fields: FieldMap, doc: string, flags: FieldFlags = {}): ObjectField {
  return { kind: "object", api, fields, doc, ...flags };
}

const isAbsoluteUrl = (text: string) => URL.canParse(text) && /^[a-z][a-z0-9+.-]*:/i.test(text);

/** An absolute URI (https://..., or a custom scheme such as com.example.app:/callback for native apps). */
export const uri = () =>
  z.string({ error: "must be a string" }).refine(isAbsoluteUrl, { error: "must be an absolute URL, e.g. https://app.example.com/callback" });

export const text = () => z.string({ error: "must be a string" });
export const nonEmptyText = () => z.string({ error: "must be a string" }).min(1, { error: "must not be empty" });
export const flag = () => z.boolean({ error: "must be true or false" });
export const positiveInt = () =>
  z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).positive({ error: "must be greater than 0" });
export const list = (item: z.ZodType) => z.array(item, { error: "must be a list" });
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.map((v) => JSON.stringify(v)).join(", ")}` });
/** Opaque JSON (e.g. a JWKS document): validated as an object, passed through without any key mapping. */
export const json = () => z.record(z.string(), z.unknown(), { error: "must be an object" });

/** The zod schema for a field table; unknown keys are failures so typos do not pass silently. */
export function schemaOf(fields: FieldMap): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(fields)) {
    const schema = field.kind === "object" ? schemaOf(field.fields) : field.schema;
    shape[name] = field.required ? schema : schema.optional();
  }
  return z.strictObject(shape, { error: "must be an object" });
}
