// Generic diff for every resource: only the fields the user manages are compared, a nested object is one value
// (any change inside it changes the field, and the update sends it whole), unknowns count as changed, and fields
// marked replaceOnChange force replacement.
import type { FieldMap } from "./field-spec";
import { pickFields } from "./field-mapping";
import { sameValue } from "./json-equal";
import { asProps } from "./props";
import { containsUnknown } from "./unknown";

export interface InputDiff {
  /** Every managed field whose value differs (or is not yet known). */
  changed: string[];
  /** The changed fields that force replacement. */
  replaces: string[];
  /** The changed fields the API must be told about (an update's body); removed fields are not sent. */
  toSend: string[];
}

/**
 * `olds` may be the old outputs: only names in the field table are compared, so server-only outputs are ignored.
 * Anything but an object (the engine sends none, but diff must not throw) counts as no properties.
 */
export function diffInputs(fields: FieldMap, olds: unknown, news: unknown): InputDiff {
  const before = pickFields(fields, asProps(olds));
  const after = pickFields(fields, asProps(news));
  const result: InputDiff = { changed: [], replaces: [], toSend: [] };
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const field = fields[name];
    const changed = containsUnknown(after[name]) || !sameValue(before[name], after[name]);
    if (!changed) continue;
    // A local-only field that neither replaces nor reaches the API (importId) acts only when the object is created:
    // removing it afterwards changes nothing, so it must not preview as an update.
    if (after[name] === undefined && field.localOnly && !field.replaceOnChange) continue;
    result.changed.push(name);
    if (field.replaceOnChange) result.replaces.push(name);
    // A field removed from the program stops being managed: the API has no way to clear it (no field is nullable),
    // so the server keeps its value and only the state forgets it.
    if (!field.localOnly && after[name] !== undefined) result.toSend.push(name);
  }
  return result;
}

/**
 * What adopting an existing object (importId) must send so it matches the program: every managed field whose
 * server value differs, plus every write-only field, whose server value cannot be compared.
 */
export function fieldsToConverge(fields: FieldMap, current: Record<string, unknown>, managed: Record<string, unknown>): string[] {
  const toSend = new Set(diffInputs(fields, current, managed).toSend);
  for (const [name, field] of Object.entries(fields)) if (field.writeOnly && managed[name] !== undefined) toSend.add(name);
  return [...toSend];
}
