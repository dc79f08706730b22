// camelCase inputs <-> the API's wire objects, driven by a resource's field table (field-spec.ts).
import type { FieldMap } from "./field-spec";

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Maps inputs to an API body. Local-only fields and undefined values are left out; nested objects are mapped whole.
 * `Body` names the wire type the caller sends; the field table's `api` keys are what make the body match it.
 */
export function toApi<Body = Json>(fields: FieldMap, inputs: Json): Body {
  const body: Json = {};
  for (const [name, inputValue] of Object.entries(inputs)) {
    const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!field || field.localOnly || inputValue === undefined) continue;
    body[field.api] = field.kind === "object" && isPlainObject(inputValue) ? toApi(field.fields, inputValue) : inputValue;
  }
  return body as Body;
}

/**
 * Maps an API object back to inputs. With `shape` (the inputs the user manages), only the fields present in it are
 * read, and nested objects only on the sub-keys the user set: server defaults filled into keys the user never set
 * are not drift. Fields the API does not return (write-only) are taken from `shape`, since drift in them cannot be
 * seen. Without `shape` every field the API returned is read (a read-only lookup).
 */
export function fromApi(fields: FieldMap, apiObject: Json, shape?: Json): Json {
  const inputs: Json = {};
  const names = shape ? Object.keys(shape).filter((name) => Object.hasOwn(fields, name)) : Object.keys(fields);
  for (const name of names) {
    const field = fields[name];
    if (field.localOnly) {
      if (shape && shape[name] !== undefined) inputs[name] = shape[name];
      continue;
    }
    const apiValue = apiObject[field.api];
    if (field.writeOnly || apiValue === undefined) {
      if (shape && shape[name] !== undefined) inputs[name] = shape[name];
      continue;
    }
    if (field.kind === "object") {
      if (!isPlainObject(apiValue)) continue;
      const nestedShape = shape && isPlainObject(shape[name]) ? (shape[name] as Json) : undefined;
      inputs[name] = fromApi(field.fields, apiValue, nestedShape);
    } else {
      inputs[name] = field.decode ? field.decode(apiValue) : apiValue;
    }
  }
  return inputs;
}

/**
 * The subset of `inputs` that names fields of the table (drops __provider, outputs and other keys). Own names only:
 * an input key such as "constructor" or "__proto__" is not a field.
 */
export function pickFields(fields: FieldMap, inputs: Json): Json {
  const picked: Json = {};
  for (const [name, inputValue] of Object.entries(inputs)) {
    if (Object.hasOwn(fields, name) && inputValue !== undefined) picked[name] = inputValue;
  }
  return picked;
}
