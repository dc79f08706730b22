// The acceptance run's behaviour checks (acceptance/behaviour-checks.ts) and the emulator's numbered behaviour
// choices (emulator/README.md) are one list in two places: each choice has exactly one entry with its number, and an
// entry without a live check says why the choice cannot be observed through the API.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BEHAVIOUR_CHECKS } from "../../acceptance/behaviour-checks";
import { PREFIX_FAMILY, prefixStart, runPrefix } from "../../acceptance/run";

const readme = readFileSync(path.join(__dirname, "../../emulator/README.md"), "utf8");

/** The numbers of the list under "## Behaviour choices", up to the next heading. */
function documentedChoices(): number[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith("Behaviour choices"));
  if (!section) throw new Error('emulator/README.md has no "## Behaviour choices" section');
  return [...section.matchAll(/^(\d+)\. /gm)].map((match) => Number(match[1]));
}

describe("acceptance behaviour checks", () => {
  it("has one entry per behaviour choice of emulator/README.md, in its order", () => {
    const documented = documentedChoices();
    expect(documented.length).toBeGreaterThan(0);
    expect(BEHAVIOUR_CHECKS.map((entry) => entry.choice)).toEqual(documented);
  });

  it("gives every entry either a live check or the reason it has none", () => {
    for (const entry of BEHAVIOUR_CHECKS) {
      expect(Boolean(entry.check) !== Boolean(entry.notObservable), `choice ${entry.choice}`).toBe(true);
      expect(entry.summary.length, `choice ${entry.choice}`).toBeGreaterThan(0);
    }
  });
});

describe("acceptance prefixes", () => {
  it("stamps a run's prefix with its start, which prefixStart reads back; other names have none", () => {
    const start = new Date("2026-12-03T15:30:07.123Z");
    const prefix = runPrefix(start, "1a2b");
    expect(prefix).toBe(`${PREFIX_FAMILY}20261203153007-1a2b-`);
    expect(prefixStart(`${prefix}app`)).toEqual(new Date("2026-12-03T15:30:07Z"));
    expect(runPrefix(start)).toMatch(/^mosaic-acc-20261203153007-[0-9a-f]{4}-$/);
    for (const foreign of ["customer-portal", `${PREFIX_FAMILY}not-a-run`, `x-${prefix}app`, `${PREFIX_FAMILY}20261203153007-nothex-app`]) {
      expect(prefixStart(foreign), foreign).toBeUndefined();
    }
  });
});
