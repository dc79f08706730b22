// Generic input validation for every resource: zod over the field table, failures as Pulumi CheckFailures with
// property paths such as `deviceAuthorization.approvalUri`. Never throws on any JSON the engine can send (null, a
// list, nesting thousands deep, blank keys, keys with dots), never echoes a value (an input may be a secret), names
// a property path in every failure, caps what reaches the terminal, and lets preview-time unknowns through.
import { z } from "zod";
import { schemaOf, type FieldMap } from "./field-spec";
import { asProps } from "./props";
import { pathHitsUnknown } from "./unknown";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckOutcome {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

/** How many failures one check hands to the engine; the last one shown says how many more there are. */
export const MAX_REPORTED_FAILURES = 20;
/** A key longer than this is shortened in a property path (a 100 kB key must not become a 100 kB message). */
const MAX_KEY_IN_PATH = 40;
const PLAIN_NAME = /^[A-Za-z_$][\w$]*$/;

function keyInPath(key: string): string {
  const shown = key.length > MAX_KEY_IN_PATH ? `${key.slice(0, MAX_KEY_IN_PATH)}...` : key;
  return JSON.stringify(shown);
}

/**
 * `a.b[0].c` from ["a", "b", 0, "c"]; a key that is not a plain name is quoted, so an empty, blank or dotted key
 * stays visible and unambiguous: `[""]`, `a[" "]`, `["x.y"]`.
 */
export function propertyPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (typeof key === "string" && PLAIN_NAME.test(key)) text += text === "" ? key : `.${key}`;
    else text += `[${keyInPath(String(key))}]`;
  }
  return text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function closestName(candidate: string, names: string[]): string | undefined {
  const lower = candidate.trim().toLowerCase();
  // A blank or one-letter key is contained in almost every name: no suggestion beats a wrong one.
  if (lower.length < 2 || lower.length > MAX_KEY_IN_PATH) return undefined;
  return (
    names.find((name) => name.toLowerCase() === lower) ??
    names.find((name) => name.toLowerCase().includes(lower) || lower.includes(name.toLowerCase()))
  );
}

function knownNamesAt(fields: FieldMap, path: readonly PropertyKey[]): string[] {
  let current: FieldMap | undefined = fields;
  for (const key of path) {
    const field: FieldMap[string] | undefined =
      typeof key === "string" && current && Object.hasOwn(current, key) ? current[key] : undefined;
    current = field?.kind === "object" ? field.fields : undefined;
  }
  return current ? Object.keys(current) : [];
}

function toFailures(fields: FieldMap, inputs: unknown, issue: z.core.$ZodIssue): CheckFailure[] {
  if (issue.code === "unrecognized_keys") {
    const known = knownNamesAt(fields, issue.path);
    return issue.keys.map((key) => {
      const suggestion = closestName(key, known);
      return {
        property: propertyPath([...issue.path, key]),
        reason: `is not a known property${suggestion ? `; did you mean "${suggestion}"?` : `; known properties: ${known.join(", ")}`}`,
      };
    });
  }
  const missing = issue.code === "invalid_type" && valueAt(inputs, issue.path) === undefined;
  return [{ property: propertyPath(issue.path), reason: missing ? "is required" : issue.message }];
}

/**
 * Validates `news` against the table plus the resource's cross-field `rules` (which must themselves skip unknown
 * values). `__provider` is not an input of ours: the dynamic-provider host puts it back after check. Anything but
 * an object counts as no inputs, so the required fields are reported by name.
 */
export function checkInputs(
  fields: FieldMap,
  news: unknown,
  rules: (inputs: Record<string, unknown>) => CheckFailure[] = () => [],
): CheckOutcome {
  const { __provider: _provider, ...inputs } = asProps(news);
  const parsed = schemaOf(fields).safeParse(inputs);
  const failures = parsed.success
    ? []
    : parsed.error.issues.filter((issue) => !pathHitsUnknown(inputs, issue.path)).flatMap((issue) => toFailures(fields, inputs, issue));
  failures.push(...rules(inputs));
  return { inputs, failures };
}

/**
 * The failures as handed to the engine: the property path moves into the reason. The engine prints a failure on a
 * top-level property together with that property's input value ("property x value {...} has a problem"), secret
 * inputs included (pkg/resource/deploy/step_generator.go, issueCheckFailures), and prints "{<nil>}" for nested
 * paths. A resource-level failure reads "resource 'c' has a problem: clientType: must be one of ..." and shows
 * no value, so a secret passed to a wrong field never reaches the console.
 */
export function forEngine(outcome: CheckOutcome): CheckOutcome {
  const failures = outcome.failures.map(({ property, reason }) => ({ property: "", reason: property ? `${property}: ${reason}` : reason }));
  return { inputs: outcome.inputs, failures: capped(failures) };
}

/** The first MAX_REPORTED_FAILURES failures, the last of them saying how many were left out (a 20,000-item list). */
function capped(failures: CheckFailure[]): CheckFailure[] {
  if (failures.length <= MAX_REPORTED_FAILURES) return failures;
  const shown = failures.slice(0, MAX_REPORTED_FAILURES);
  const last = shown[MAX_REPORTED_FAILURES - 1];
  const more = failures.length - MAX_REPORTED_FAILURES;
  shown[MAX_REPORTED_FAILURES - 1] = { property: last.property, reason: `${last.reason} (and ${more} more failures not shown)` };
  return shown;
}

/**
 * `inputs` without the top-level fields that fail check: what a lookup read (`pulumi import`, `*.get`) reports as
 * the inputs and managed outputs, so that the imported state and the program pasted from it agree. The API answers
 * server defaults that are not valid inputs (an empty string for an unset URL in `deviceAuthorization`), and the
 * code `pulumi import` prints from them would fail the next preview.
 */
export function passingInputs(
  fields: FieldMap,
  inputs: Record<string, unknown>,
  rules?: (inputs: Record<string, unknown>) => CheckFailure[],
): Record<string, unknown> {
  const failing = new Set(checkInputs(fields, inputs, rules).failures.map(({ property }) => property.split(/[.[]/)[0]));
  return Object.fromEntries(Object.entries(inputs).filter(([name]) => !failing.has(name)));
}
