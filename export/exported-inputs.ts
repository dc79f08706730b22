// What an exported program declares for one object: the fields the field model says a user manages, read from the
// API object the way a lookup read does (provider/resources: fromApi, then only values that pass check), minus
// what would only restate the server or cannot be read back.
import type { CheckFailure } from "../provider/resources/check";
import { passingInputs } from "../provider/resources/check";
import { sameValue } from "../provider/resources/json-equal";
import { fromApi } from "../provider/resources/field-mapping";
import type { Field, FieldMap } from "../provider/resources/field-spec";

export interface ExportedInputs {
  /** Managed inputs in camelCase, ready to write into a program. */
  inputs: Record<string, unknown>;
  /** Fields the API returned with a value that is not a valid input (so the program would fail preview): left out. */
  invalid: string[];
}

/** Why a field the API returned is not written, or undefined when it is. */
function leftOutBecause(field: Field, value: unknown): string | undefined {
  // Local-only fields are the program's own (importId is written separately); write-only ones are never returned.
  if (field.localOnly || field.writeOnly) return "not read from the API";
  if (field.mirrorsDefaultClient) return "managed on the default client";
  // A required field is written even when it equals the server's default: the program must set it.
  if (field.required || field.requiredFor) return undefined;
  if (field.serverDefault !== undefined && sameValue(value, field.serverDefault)) return "the server's default";
  return undefined;
}

/** The inputs to export from an API object, in the field model's order. */
export function exportedInputs(
  fields: FieldMap,
  apiObject: Record<string, unknown>,
  rules?: (inputs: Record<string, unknown>) => CheckFailure[],
): ExportedInputs {
  const read = fromApi(fields, apiObject);
  const passing = passingInputs(fields, read, rules);
  const inputs: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const [name, value] of Object.entries(read)) {
    const field = fields[name];
    if (leftOutBecause(field, value) !== undefined) continue;
    if (!(name in passing)) invalid.push(name);
    else inputs[name] = value;
  }
  return { inputs, invalid };
}
