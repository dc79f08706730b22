// Generic input validation for every resource: zod over the field table, failures as Pulumi CheckFailures with
// property paths such as `deviceAuthorization.approvalUri`. Never throws on bad input, never echoes a value (an
// input may be a secret), and lets preview-time unknowns through.
import { z } from "zod";
import { schemaOf, type FieldMap } from "./field-spec";
import { pathHitsUnknown } from "./unknown";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckOutcome {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

/** `a.b[0].c` from ["a", "b", 0, "c"] (a key that is not a plain name is quoted: `a["x.y"]`), as zod prints paths. */
const propertyPath = (path: readonly PropertyKey[]): string => z.core.toDotPath([...path]);

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function closestName(candidate: string, names: string[]): string | undefined {
  const lower = candidate.toLowerCase();
  return (
    names.find((name) => name.toLowerCase() === lower) ??
    names.find((name) => name.toLowerCase().includes(lower) || lower.includes(name.toLowerCase()))
  );
}

function knownNamesAt(fields: FieldMap, path: readonly PropertyKey[]): string[] {
  let current: FieldMap | undefined = fields;
  for (const key of path) {
    const field: FieldMap[string] | undefined = typeof key === "string" ? current?.[key] : undefined;
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
 * values). `__provider` is not an input of ours: the dynamic-provider host puts it back after check.
 */
export function checkInputs(
  fields: FieldMap,
  news: Record<string, unknown>,
  rules: (inputs: Record<string, unknown>) => CheckFailure[] = () => [],
): CheckOutcome {
  const { __provider: _provider, ...inputs } = news;
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
  return {
    inputs: outcome.inputs,
    failures: outcome.failures.map(({ property, reason }) => ({ property: "", reason: property ? `${property}: ${reason}` : reason })),
  };
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
