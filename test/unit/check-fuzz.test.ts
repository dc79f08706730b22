// Property-based test of check() and diff() of every resource, as both front ends call them (the dynamic
// provider's stubs and the plugin's gRPC server call the same handlers). Thousands of adversarial inputs: any JSON
// at the top level, null, lists, nesting thousands of levels deep, blank and dotted keys, prototype names, huge
// lists, the preview's unknown sentinel, and valid inputs with one field broken. Every case must return (never
// throw), never echo a value it was given, name a usable property path in every failure and report at most
// MAX_REPORTED_FAILURES failures. The counts are printed as one line per resource and asserted.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_REPORTED_FAILURES } from "../../provider/resources/check";
import { applicationHandlers } from "../../provider/resources/application/handlers";
import { clientResourcesHandlers } from "../../provider/resources/client-resources/handlers";
import { clientHandlers } from "../../provider/resources/client/handlers";
import { signingKeyHandlers } from "../../provider/resources/signing-key/handlers";
import { MosaicResourceError } from "../../provider/resources/errors";
import type { FieldMap } from "../../provider/resources/field-spec";
import type { HandlerDeps, ResourceHandlers } from "../../provider/resources/handler-contract";
import { RESOURCE_MODELS } from "../../provider/resources/models";
import { UNKNOWN } from "../../provider/resources/unknown";

// check and diff run at preview, without the API: any call fails the case.
const offline = (): never => {
  throw new Error("check and diff must not call the API");
};
const deps: HandlerDeps = { api: offline, clients: offline, log: { info: offline, warn: offline } };
const HANDLERS: Record<string, ResourceHandlers> = {
  Application: applicationHandlers(deps),
  Client: clientHandlers(deps),
  ClientResources: clientResourcesHandlers(deps),
  SigningKey: signingKeyHandlers(deps),
};
/** One valid input per resource: the base that single-field mutations break. */
const VALID: Record<string, Record<string, unknown>> = {
  Application: { appName: "Portal", appDescription: "B2C", redirectUris: ["https://portal.example.com/cb"] },
  Client: { applicationId: "app1", name: "web", redirectUris: ["https://portal.example.com/callback"] },
  ClientResources: { applicationId: "app1", clientId: "c1", resourceIds: ["orders-api"] },
  SigningKey: { applicationId: "app1", name: "2026-q1", status: "validating", jwk: { kty: "EC", crv: "P-256", x: "x", y: "y", d: "d" } },
};

/** Every generated string value carries this mark; a failure message that contains it echoed an input value. */
const MARK = "ECHO~";
const CHECK_RUNS = 1200;
const DIFF_RUNS = 500;
const SEED = 20261203;
/** Bounded: a few seconds alone, much longer on a loaded 2-core machine running other test files at once. */
const FUZZ_TIMEOUT_MS = 120_000;

const marked = fc.string({ maxLength: 30 }).map((text) => `${MARK}${text}`);
const adversarialKey = fc.oneof(
  fc.constantFrom("", " ", "  \t", "a.b", "x..y", ".", "[0]", '"', "__proto__", "constructor", "toString", "hasOwnProperty", "__provider"),
  fc.constantFrom("k".repeat(5000), "日本語", "key\nwith\nnewlines", "\u0000"),
  fc.string({ maxLength: 12 }),
);

function nested(depth: number, asList: boolean): unknown {
  let value: unknown = `${MARK}deep`;
  for (let level = 0; level < depth; level++) value = asList ? [value] : { [level % 2 ? "a.b" : ""]: value };
  return value;
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, UNKNOWN, "", " ") },
  { weight: 4, arbitrary: marked },
  { weight: 3, arbitrary: fc.array(fc.oneof(marked, fc.integer(), fc.constant(null), fc.constant(UNKNOWN)), { maxLength: 5 }) },
  { weight: 3, arbitrary: fc.dictionary(adversarialKey, fc.oneof(marked, fc.integer(), fc.constant(null)), { maxKeys: 4 }) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 500, max: 5000 }), fc.boolean()).map(([depth, asList]) => nested(depth, asList)) },
  { weight: 1, arbitrary: fc.constant(20_000).map((length) => Array.from({ length }, (_, i) => `${MARK}${i}`)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => markStrings(value)) },
);

/** JSON with every string value marked (keys are left as they are: naming a key is not echoing a value). */
function markStrings(value: unknown): unknown {
  if (typeof value === "string") return `${MARK}${value}`;
  if (Array.isArray(value)) return value.map(markStrings);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markStrings(v)]));
  return value;
}

/** Every name of a field table, nested ones included: keys a fuzzer should hit often. */
function allNames(fields: FieldMap): string[] {
  return Object.entries(fields).flatMap(([name, field]) => [name, ...(field.kind === "object" ? allNames(field.fields) : [])]);
}

/** A path down the table to a nested field, so mutations reach `deviceAuthorization.approvalUri` and the like. */
function fieldPaths(fields: FieldMap, prefix: string[] = []): string[][] {
  return Object.entries(fields).flatMap(([name, field]) => [
    [...prefix, name],
    ...(field.kind === "object" ? fieldPaths(field.fields, [...prefix, name]) : []),
  ]);
}

function withValueAt(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(base);
  let target = copy;
  for (const key of path.slice(0, -1)) {
    if (target[key] === null || typeof target[key] !== "object" || Array.isArray(target[key])) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[path[path.length - 1]] = value;
  return copy;
}

function inputsFor(fields: FieldMap, valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const names = allNames(fields);
  const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...names) }, { weight: 2, arbitrary: adversarialKey });
  return fc.oneof(
    // Anything the engine could send as a whole: null, a string, a list, a number.
    { weight: 1, arbitrary: hostileValue },
    // An object of field names and hostile keys with hostile values.
    { weight: 3, arbitrary: fc.dictionary(key, hostileValue, { maxKeys: 8 }) },
    // A valid input with one (possibly nested) field broken, or an extra hostile key.
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...fieldPaths(fields)), hostileValue, fc.option(fc.tuple(adversarialKey, hostileValue)))
        .map(([path, value, extra]) => {
          const broken = withValueAt(valid, path, value);
          if (extra) broken[extra[0]] = extra[1];
          return broken;
        }),
    },
  );
}

interface Tally {
  cases: number;
  throws: number;
  echoes: number;
  pathless: number;
  overCap: number;
  failures: number;
  refusals: number;
  slowestMs: number;
}
const tallies = new Map<string, Tally>();
const tallyOf = (name: string): Tally => {
  if (!tallies.has(name))
    tallies.set(name, { cases: 0, throws: 0, echoes: 0, pathless: 0, overCap: 0, failures: 0, refusals: 0, slowestMs: 0 });
  return tallies.get(name)!;
};
const firstProblems: string[] = [];
const note = (problem: string) => {
  if (firstProblems.length < 10) firstProblems.push(problem.slice(0, 300));
};

/** The top-level name a failure's path starts with: `name`, `name.x`, `name[0]` or a quoted key `["x.y"]`. */
function topOfPath(reason: string): string | undefined {
  if (reason.startsWith('["')) {
    // Read the JSON string literal, escapes included, up to its closing quote.
    let end = 2;
    while (end < reason.length && reason[end] !== '"') end += reason[end] === "\\" ? 2 : 1;
    return reason.slice(end, end + 2) === '"]' ? (JSON.parse(reason.slice(1, end + 1)) as string) : undefined;
  }
  const match = /^([A-Za-z_$][\w$]*)[.[:]/.exec(reason);
  return match?.[1];
}

/** A failure names a usable path when it starts with one: a field of the resource, or a key the input has. */
function namesUsablePath(reason: string, fields: FieldMap, input: unknown): boolean {
  const top = topOfPath(reason);
  if (top === undefined || !reason.includes(": ")) return false;
  const given = input !== null && typeof input === "object" && !Array.isArray(input) ? Object.keys(input) : [];
  // A long key is shortened in the path ("kkk..."): it still names the key the input has.
  return Object.hasOwn(fields, top) || given.includes(top) || given.some((key) => top.endsWith("...") && key.startsWith(top.slice(0, -3)));
}

async function timed<T>(tally: Tally, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    tally.slowestMs = Math.max(tally.slowestMs, performance.now() - started);
  }
}

describe("check and diff under adversarial input (fast-check)", () => {
  afterAll(() => {
    const rows = [...tallies].map(
      ([name, t]) =>
        `${name}: ${t.cases} cases, ${t.throws} throws, ${t.echoes} echoes, ${t.pathless} pathless failures, ` +
        `${t.overCap} over the cap, ${t.failures} failures reported, ${t.refusals} refusals, slowest ${t.slowestMs.toFixed(0)} ms`,
    );
    const total = [...tallies.values()].reduce(
      (sum, t) => ({
        cases: sum.cases + t.cases,
        throws: sum.throws + t.throws,
        echoes: sum.echoes + t.echoes,
        pathless: sum.pathless + t.pathless,
      }),
      { cases: 0, throws: 0, echoes: 0, pathless: 0 },
    );
    const summary = `${total.cases} cases run, ${total.throws} throws, ${total.echoes} echoes, ${total.pathless} pathless failures`;
    console.log(`check/diff fuzz (seed ${SEED}): ${summary}\n  ${rows.join("\n  ")}`);
  });

  for (const model of RESOURCE_MODELS) {
    const handlers = HANDLERS[model.name];
    const valid = VALID[model.name];

    it(
      `${model.name}.check: returns, echoes nothing, names a path in every failure, caps its output`,
      async () => {
        const tally = tallyOf(`${model.name}.check`);
        await fc.assert(
          fc.asyncProperty(inputsFor(model.inputs, valid), async (input) => {
            tally.cases++;
            let result: Awaited<ReturnType<ResourceHandlers["check"]>>;
            try {
              result = await timed(tally, () => handlers.check({}, input as Record<string, unknown>));
            } catch (error) {
              tally.throws++;
              note(`${model.name}.check threw ${String(error)}`);
              return;
            }
            const failures = result.failures ?? [];
            tally.failures += failures.length;
            if (failures.length > MAX_REPORTED_FAILURES) tally.overCap++;
            for (const { property, reason } of failures) {
              if (`${property} ${reason}`.includes(MARK)) {
                tally.echoes++;
                note(`${model.name}.check echoed: ${reason}`);
              }
              if (!namesUsablePath(reason, model.inputs, input)) {
                tally.pathless++;
                note(`${model.name}.check without a path: ${reason}`);
              }
            }
          }),
          { numRuns: CHECK_RUNS, seed: SEED, endOnFailure: true },
        );
        expect(tally).toMatchObject({ cases: CHECK_RUNS, throws: 0, echoes: 0, pathless: 0, overCap: 0 });
        expect(firstProblems).toEqual([]);
      },
      FUZZ_TIMEOUT_MS,
    );

    it(
      `${model.name}.diff: returns (or refuses by code) on any pair of old and new inputs, echoing nothing`,
      async () => {
        const tally = tallyOf(`${model.name}.diff`);
        const anyInputs = inputsFor(model.inputs, valid);
        await fc.assert(
          fc.asyncProperty(fc.oneof(anyInputs, fc.constant(valid)), anyInputs, async (olds, news) => {
            tally.cases++;
            try {
              const result = await timed(tally, () =>
                handlers.diff("app1/c1", olds as Record<string, unknown>, news as Record<string, unknown>),
              );
              for (const name of result.replaces ?? []) if (!Object.hasOwn(model.inputs, name)) tally.pathless++;
            } catch (error) {
              // A designed refusal (MOSAIC_REPLACE_WITH_IMPORT_ID) is an answer, not a crash; it must not echo either.
              if (error instanceof MosaicResourceError) {
                tally.refusals++;
                if (error.message.includes(MARK)) tally.echoes++;
                return;
              }
              tally.throws++;
              note(`${model.name}.diff threw ${String(error)}`);
            }
          }),
          { numRuns: DIFF_RUNS, seed: SEED, endOnFailure: true },
        );
        expect(tally).toMatchObject({ cases: DIFF_RUNS, throws: 0, echoes: 0, pathless: 0 });
        expect(firstProblems).toEqual([]);
      },
      FUZZ_TIMEOUT_MS,
    );
  }

  it("a 20,000-item list of bad URLs reports 20 failures, the last saying how many more there are", async () => {
    const redirectUris = Array.from({ length: 20_000 }, (_, i) => `${MARK}${i}`);
    const { failures = [] } = await HANDLERS.Client.check({}, { ...VALID.Client, redirectUris });
    expect(failures).toHaveLength(MAX_REPORTED_FAILURES);
    expect(failures[0].reason).toMatch(/^redirectUris\[0\]: must be an absolute URL/);
    expect(failures[MAX_REPORTED_FAILURES - 1].reason).toContain(`(and ${20_000 - MAX_REPORTED_FAILURES} more failures not shown)`);
  });

  it("blank, dotted and prototype keys are named quoted, never as another field", async () => {
    const { failures = [] } = await HANDLERS.Application.check(
      {},
      JSON.parse('{"appName":"a","":1," ":2,"a.b":3,"__proto__":4,"constructor":5}'),
    );
    expect(failures.map((failure) => failure.reason.split(":")[0])).toEqual(['[""]', '[" "]', '["a.b"]', "__proto__", "constructor"]);
  });
});
