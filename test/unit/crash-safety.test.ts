// The pure parts of crash and rename safety: the create journal's life cycle in a temp directory, which objects an
// interrupted attempt may claim, the per-deployment registry, and duplicate names seen by check through the plugin.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { adoptCreatedSince } from "../../provider/resources/create-once";
import { CreateJournal, createdByInterruptedRun, journalDir, type NaturalKey } from "../../provider/resources/create-journal";
import { NameClaims } from "../../provider/resources/name-claims";
import { keptByThisRun, RunRegistry } from "../../provider/resources/run-registry";
import { UNKNOWN } from "../../provider/resources/unknown";

const key: NaturalKey = { kind: "client", tenant: "http://127.0.0.1:1/cis|mgmt", applicationId: "app1", name: "web" };
const dirs: string[] = [];
function journalIn(): { journal: CreateJournal; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "mosaic-journal-"));
  dirs.push(dir);
  return { journal: new CreateJournal(dir), dir };
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("create journal", () => {
  it("keeps an intent until the engine has the id, and removes a create that certainly did not happen", () => {
    const { journal, dir } = journalIn();
    journal.begin(key);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(journal.interrupted(key), "this process's own entry is not an interrupted one").toBeUndefined();
    journal.created(key, "app1/c1");
    journal.settle(key, "app1/other");
    expect(readdirSync(dir)).toHaveLength(1);
    journal.settle(key, "app1/c1");
    expect(readdirSync(dir)).toEqual([]);
    journal.begin(key);
    journal.abandon(key);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a graceful end settles what this process returned; an entry of a dead process is an interrupted create", () => {
    const { journal, dir } = journalIn();
    journal.created(key, "app1/c1");
    journal.settleReturned();
    expect(readdirSync(dir)).toEqual([]);
    journal.begin(key);
    const [file] = readdirSync(dir);
    // The same entry as written by a process that no longer runs (pid 2^22 + 1 is above Linux's pid_max).
    writeFileSync(path.join(dir, file!), JSON.stringify({ kind: "client", name: "web", startedAt: "2026-01-01T00:00:00Z", pid: 4194305 }));
    expect(journal.interrupted(key)).toMatchObject({ name: "web", pid: 4194305 });
    expect(journal.interrupted({ ...key, name: "api" })).toBeUndefined();
    expect(journal.interrupted({ ...key, tenant: "another tenant" })).toBeUndefined();
  });

  it("an interrupted attempt claims only objects created in its window", () => {
    const entry = { kind: "client" as const, name: "web", startedAt: "2026-01-01T12:00:00Z", pid: 1 };
    expect(createdByInterruptedRun(entry, "2026-01-01T12:00:01Z")).toBe(true);
    expect(createdByInterruptedRun(entry, "2026-01-01T11:59:00Z"), "within the clock-skew allowance").toBe(true);
    expect(createdByInterruptedRun(entry, "2026-01-01T11:00:00Z"), "older: someone else's").toBe(false);
    expect(createdByInterruptedRun(entry, "2026-01-01T13:00:00Z"), "much later: someone else's").toBe(false);
    expect(createdByInterruptedRun(entry, undefined)).toBe(false);
  });

  it("lives under PULUMI_HOME unless MOSAIC_JOURNAL_DIR says otherwise; off disables it", () => {
    expect(journalDir({ PULUMI_HOME: "/p" })).toBe(path.join("/p", "mosaic-journal"));
    expect(journalDir({ PULUMI_HOME: "/p", MOSAIC_JOURNAL_DIR: "/j" })).toBe("/j");
    expect(journalDir({ MOSAIC_JOURNAL_DIR: "off" })).toBeUndefined();
    const off = new CreateJournal(undefined);
    off.begin(key);
    expect(off.interrupted(key)).toBeUndefined();
  });

  it("MOSAIC_ADOPT_CREATED_SINCE must be a date-time", () => {
    expect(adoptCreatedSince({})).toBeUndefined();
    expect(adoptCreatedSince({ MOSAIC_ADOPT_CREATED_SINCE: "2026-01-31T12:00:00Z" })).toBe(Date.parse("2026-01-31T12:00:00Z"));
    expect(() => adoptCreatedSince({ MOSAIC_ADOPT_CREATED_SINCE: "yesterday" })).toThrow(/MOSAIC_INVALID_RECOVERY_SETTING/);
  });
});

describe("run registry", () => {
  it("keeps an object this deployment adopted or created from another resource's delete, per kind, and says why", () => {
    const run = new RunRegistry();
    const said: string[] = [];
    const log = { info: (message: string) => void said.push(message) };
    run.claim("client", "app1/c1", "adopted with importId");
    expect(keptByThisRun(run, "client", "app1/c1", "client c1", log)).toBe(true);
    expect(said[0]).toMatch(/^client c1 is not deleted: another resource of this deployment adopted it \(importId\)/);
    expect(keptByThisRun(run, "clientResources", "app1/c1", "list", log), "a client's resource list is another kind").toBe(false);
    expect(keptByThisRun(run, "client", "app1/c2", "client c2", log)).toBe(false);
  });
});

describe("name claims (check through the plugin)", () => {
  it("fails the second resource with one name, naming both URNs; the same URN, unknowns and importId never clash", () => {
    const claims = new NameClaims();
    const a = "urn:pulumi:s::p::mosaic:index:Client::a";
    const b = "urn:pulumi:s::p::mosaic:index:Client::b";
    expect(claims.claim("client", a, { applicationId: "app1", name: "web" })).toBeUndefined();
    expect(claims.claim("client", a, { applicationId: "app1", name: "web" })).toBeUndefined();
    const clash = claims.claim("client", b, { applicationId: "app1", name: "web" });
    expect(clash?.property).toBe("name");
    expect(clash?.reason).toContain(a);
    expect(clash?.reason).toContain(b);
    expect(clash?.reason).toContain("[MOSAIC_DUPLICATE_NAME]");
    expect(clash?.reason, "no input value is echoed").not.toContain("web");
    expect(claims.claim("client", b, { applicationId: "app2", name: "web" })).toBeUndefined();
    expect(claims.claim("client", "urn:c", { applicationId: UNKNOWN, name: "web" })).toBeUndefined();
    expect(claims.claim("client", "urn:d", { applicationId: "app1", name: "web", importId: "c9" })).toBeUndefined();
    expect(claims.claim("application", "urn:e", { appName: "Portal" })).toBeUndefined();
    expect(claims.claim("application", "urn:f", { appName: "Portal" })?.property).toBe("appName");
  });
});
