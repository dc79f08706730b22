// The field model: one table per resource describes every input (its camelCase name, the API's key, its type, how
// it behaves: create-only, write-only, local-only, secret, and its one-line description) and every output. The
// handlers validate, map, diff and fill outputs from these tables, and `npm run generate` (codegen/) writes the
// SDK's declarations, the docs' tables and the Pulumi package schema from them: a field is written here only.
// Mapping is per field, never by a regex over key names: some API keys are already camelCase
// (`isMtlsCertTokenBound`, the refresh-token trigger flags) and some values are opaque JSON that must pass through
// untouched (`jwks`).
import { z } from "zod";

/** What the generator needs to describe a value's type in TypeScript, Markdown and the package schema. */
export type TypeShape =
  | { kind: "string"; format?: "uri" | "nonEmpty" }
  | { kind: "boolean" }
  | { kind: "positiveInteger" }
  | { kind: "json" }
  | { kind: "enum"; enum: EnumType }
  | { kind: "list"; items: TypeShape };

/** A value type: its validation and its description, built together so they cannot disagree. */
export interface FieldType {
  zod: z.ZodType;
  shape: TypeShape;
}

/** A named set of string values: one TypeScript union, one schema enum type. */
export interface EnumType {
  name: string;
  values: readonly string[];
  doc: string;
}

interface FieldFlags {
  /** Required by the input schema (cross-field requirements live in the resource's own rules). */
  required?: boolean;
  /** Required only for clients of this protocol (checked by client/rules.ts). */
  requiredFor?: "oidc" | "saml";
  /** The API never returns it: drift cannot be seen, so the last input value is kept (docs/api-behaviour.md#write-only-fields). */
  writeOnly?: boolean;
  /** Changing it replaces the object (the API cannot update it). */
  replaceOnChange?: boolean;
  /** Never sent to the API (e.g. a replacement trigger). */
  localOnly?: boolean;
  /** Stored encrypted and masked by the engine. */
  secret?: boolean;
  /**
   * What the API answers for the field (in input form) on an object created without it
   * (docs/api-behaviour.md#server-defaults). `mosaic-export` leaves a value equal to it out of the program.
   */
  serverDefault?: unknown;
  /**
   * An application field that mirrors its default client (docs/api-behaviour.md#the-default-client): `mosaic-export`
   * writes it on the adopted default Client instead, so one object is managed by one resource.
   */
  mirrorsDefaultClient?: boolean;
}

export interface ValueField extends FieldFlags {
  kind: "value";
  api: string;
  type: FieldType;
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

export function value(api: string, type: FieldType, doc: string, flags: FieldFlags & { decode?: ValueField["decode"] } = {}): ValueField {
  return { kind: "value", api, type, doc, ...flags };
}

/** A nested object: sent whole on every change, because the API replaces object fields whole (docs/api-behaviour.md#updates). */
export function object(api: string, fields: FieldMap, doc: string, flags: FieldFlags = {}): ObjectField {
  return { kind: "object", api, fields, doc, ...flags };
}

/** A server-computed output of a resource (every input is an output too). */
export interface OutputField {
  type: FieldType;
  doc: string;
  /** The API's key it is read from; absent when the provider computes it (e.g. `isDefaultClient`). */
  api?: string;
  /** Turns the API's value into the output's (e.g. the status inside the `custom_domain` object). */
  decode?: (apiValue: unknown) => unknown;
  /** Marked secret by the SDK and the schema: encrypted in state, masked in output. */
  secret?: boolean;
  /** May be absent (e.g. SAML-only values of an OIDC client). */
  optional?: boolean;
  /** Derived from the resource id, so it stays known while a preview shows an update. */
  fromId?: boolean;
}
export type OutputMap = Record<string, OutputField>;

export function output(
  api: string | undefined,
  type: FieldType,
  doc: string,
  flags: Omit<OutputField, "type" | "doc" | "api"> = {},
): OutputField {
  return { api, type, doc, ...flags };
}

/** Everything the generator and the handlers know about one resource type. */
export interface ResourceModel {
  /** The type's name: `mosaic.<name>` in the SDK, `mosaic:index:<name>` in the package schema. */
  name: string;
  doc: string;
  /** The docs page's file name under docs/, when it is not the type's (e.g. `signing-keys` for SigningKey). */
  docStem?: string;
  /** Input groups as the docs present them (e.g. common / OIDC / SAML inputs); together they are the inputs. */
  inputGroups: Record<string, FieldMap>;
  inputs: FieldMap;
  outputs: OutputMap;
}

export function resourceModel(model: Omit<ResourceModel, "inputs">): ResourceModel {
  return { ...model, inputs: Object.assign({}, ...Object.values(model.inputGroups)) as FieldMap };
}

const isAbsoluteUrl = (text: string) => URL.canParse(text) && /^[a-z][a-z0-9+.-]*:/i.test(text);

/** An absolute URI (https://..., or a custom scheme such as com.example.app:/callback for native apps). */
export const uri = (): FieldType => ({
  zod: z
    .string({ error: "must be a string" })
    .refine(isAbsoluteUrl, { error: "must be an absolute URL, e.g. https://app.example.com/callback" }),
  shape: { kind: "string", format: "uri" },
});
export const text = (): FieldType => ({ zod: z.string({ error: "must be a string" }), shape: { kind: "string" } });
export const nonEmptyText = (): FieldType => ({
  zod: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }),
  shape: { kind: "string", format: "nonEmpty" },
});
export const flag = (): FieldType => ({ zod: z.boolean({ error: "must be true or false" }), shape: { kind: "boolean" } });
export const positiveInt = (): FieldType => ({
  zod: z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).positive({ error: "must be greater than 0" }),
  shape: { kind: "positiveInteger" },
});
export const list = (item: FieldType): FieldType => ({
  zod: z.array(item.zod, { error: "must be a list" }),
  shape: { kind: "list", items: item.shape },
});
export const oneOf = (enumType: EnumType): FieldType => ({
  zod: z.enum(enumType.values as [string, ...string[]], {
    error: `must be one of: ${enumType.values.map((v) => JSON.stringify(v)).join(", ")}`,
  }),
  shape: { kind: "enum", enum: enumType },
});
/** Opaque JSON (e.g. a JWKS document): validated as an object, passed through without any key mapping. */
export const json = (): FieldType => ({ zod: z.record(z.string(), z.unknown(), { error: "must be an object" }), shape: { kind: "json" } });

/** The zod schema for a field table; unknown keys are failures so typos do not pass silently. */
export function schemaOf(fields: FieldMap): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(fields)) {
    const schema = field.kind === "object" ? schemaOf(field.fields) : field.type.zod;
    shape[name] = field.required ? schema : schema.optional();
  }
  return z.strictObject(shape, { error: "must be an object" });
}

/** The outputs the API returns, read from an API object by the output table; provider-computed ones are left out. */
export function serverOutputsFrom(outputs: OutputMap, apiObject: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(outputs)) {
    if (spec.api === undefined) continue;
    const apiValue = apiObject[spec.api];
    values[name] = spec.decode ? spec.decode(apiValue) : apiValue;
  }
  return values;
}
