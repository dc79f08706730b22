// A local journal of create intents, so that a `pulumi up` killed mid-create is recovered by the next plain
// `pulumi up` on the same machine, with no program edit (docs/README.md#crash-recovery).
//
// Before the POST of an application or a client, the provider writes one small file keyed by the object's natural
// key (tenant + application name, or tenant + application id + client name): when it started and which process.
// The entry stays until the engine has certainly recorded the id: the engine ends the provider gracefully (SIGINT
// from a live engine, after it has written the state), or a later run shows the id in state (diff, read, update or
// delete of that object). A create that certainly did not happen removes its entry at once.
//
// A create whose natural key has an entry left by a process that is no longer running is the retry of an
// interrupted create: the handler looks for an object of that name created in the entry's time window and adopts
// it instead of failing with MOSAIC_NAME_TAKEN. Only such objects: an entry never makes the provider adopt an
// object older than the interrupted attempt. Entries hold no secret (ids, names, times, a hash of the tenant).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

export const JOURNAL_DIR_ENV = "MOSAIC_JOURNAL_DIR";
/** Created before the interrupted attempt's start minus this (clock skew between this machine and the API): not ours. */
export const RECOVERY_SKEW_MS = 120_000;
/** Created later than this after the attempt's start: someone else's (a create never takes that long, retries included). */
export const RECOVERY_WINDOW_MS = 15 * 60_000;

export interface NaturalKey {
  kind: "application" | "client" | "signingKey";
  /** API origin, base path and management client id: one tenant. Stored only as part of a hash. */
  tenant: string;
  name: string;
  applicationId?: string;
}

export interface JournalEntry {
  kind: NaturalKey["kind"];
  name: string;
  applicationId?: string;
  /** ISO time the create started. */
  startedAt: string;
  pid: number;
  /** The id, once the API returned it. */
  id?: string;
}

/** The journal's directory: MOSAIC_JOURNAL_DIR, else `<PULUMI_HOME or ~/.pulumi>/mosaic-journal`; "off" disables it. */
export function journalDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env[JOURNAL_DIR_ENV];
  if (chosen === "off") return undefined;
  if (chosen) return chosen;
  return path.join(env.PULUMI_HOME || path.join(homedir(), ".pulumi"), "mosaic-journal");
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class CreateJournal {
  readonly #where: string | undefined | (() => string | undefined);
  #resolved: { dir: string | undefined } | undefined;
  /** Files this process wrote and whose create returned an id to the engine. */
  readonly #returned = new Set<string>();
  #warn: (message: string) => void;
  #failed = false;

  /**
   * `dir` undefined: a journal that keeps nothing (tests, and MOSAIC_JOURNAL_DIR=off). A function is asked once, at
   * the first use, so the environment is read when the provider runs rather than when it is loaded.
   */
  constructor(dir: string | undefined | (() => string | undefined), warn: (message: string) => void = () => {}) {
    this.#where = dir;
    this.#warn = warn;
  }

  get dir(): string | undefined {
    this.#resolved ??= { dir: typeof this.#where === "function" ? this.#where() : this.#where };
    return this.#resolved.dir;
  }

  #file(key: NaturalKey): string | undefined {
    if (!this.dir) return undefined;
    const digest = createHash("sha256")
      .update(JSON.stringify([key.kind, key.tenant, key.applicationId ?? "", key.name]))
      .digest("hex");
    return path.join(this.dir, `${key.kind}-${digest.slice(0, 32)}.json`);
  }

  #read(file: string): JournalEntry | undefined {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as JournalEntry;
    } catch {
      return undefined;
    }
  }

  #write(file: string, entry: JournalEntry): void {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(entry));
      renameSync(temp, file);
    } catch (error) {
      // Recovery is a convenience on top of the no-duplicate rules; a read-only home must not stop a deployment.
      if (!this.#failed) this.#warn(`cannot write the create journal in ${this.dir} (${(error as Error).message}); crash recovery is off`);
      this.#failed = true;
    }
  }

  /** The entry a process that is no longer running left for this key: its create was interrupted. */
  interrupted(key: NaturalKey): JournalEntry | undefined {
    const file = this.#file(key);
    const entry = file ? this.#read(file) : undefined;
    if (!entry || entry.pid === process.pid || isRunning(entry.pid)) return undefined;
    return entry;
  }

  /** Written before the POST. */
  begin(key: NaturalKey): void {
    const file = this.#file(key);
    if (file)
      this.#write(file, {
        kind: key.kind,
        name: key.name,
        applicationId: key.applicationId,
        startedAt: new Date().toISOString(),
        pid: process.pid,
      });
  }

  /** The API returned `id` (created or adopted): the entry waits for the engine to record it. */
  created(key: NaturalKey, id: string, startedAt?: string): void {
    const file = this.#file(key);
    if (!file) return;
    const entry = this.#read(file);
    this.#write(file, {
      kind: key.kind,
      name: key.name,
      applicationId: key.applicationId,
      startedAt: startedAt ?? entry?.startedAt ?? new Date().toISOString(),
      pid: process.pid,
      id,
    });
    this.#returned.add(file);
  }

  /** The create certainly did not happen. */
  abandon(key: NaturalKey): void {
    const file = this.#file(key);
    if (file) rmSync(file, { force: true });
  }

  /** The engine has `id` in state: an entry for it is done. */
  settle(key: NaturalKey, id: string): void {
    const file = this.#file(key);
    if (!file) return;
    const entry = this.#read(file);
    if (entry?.id === id) {
      rmSync(file, { force: true });
      this.#returned.delete(file);
    }
  }

  /**
   * settle() for a key that may not be known yet: `key` answers undefined when the props do not name the object,
   * and throws before the provider has settings (a diff at preview without credentials). Either way there is
   * nothing to settle against, and a failure to settle never fails the engine's call.
   */
  settleIfKnown(key: () => NaturalKey | undefined, id: string): void {
    try {
      const known = key();
      if (known) this.settle(known, id);
    } catch {
      // Nothing to settle against (see above); the entry stays for a later call.
    }
  }

  /** The engine ended this process gracefully, so it recorded every id this process returned. */
  settleReturned(): void {
    for (const file of this.#returned) {
      const entry = this.#read(file);
      if (entry?.pid === process.pid) rmSync(file, { force: true });
    }
    this.#returned.clear();
  }
}

/** Whether `createdAt` falls in the window of the interrupted attempt that `entry` describes. */
export function createdByInterruptedRun(entry: JournalEntry, createdAt: string | undefined): boolean {
  const at = createdAt === undefined ? Number.NaN : Date.parse(createdAt);
  const started = Date.parse(entry.startedAt);
  return !Number.isNaN(at) && at >= started - RECOVERY_SKEW_MS && at <= started + RECOVERY_WINDOW_MS;
}

/** The tenant part of a natural key: the API base and the management client id. */
export function tenantOf(settings: { origin: string; basePath: string; clientId: string }): string {
  return `${settings.origin}${settings.basePath}|${settings.clientId}`;
}

/**
 * The journal keys of an object named within its application (a client, a signing key): `keyOf` for a create, and
 * `settle` for every later call, which tells the journal that the engine holds the id in state.
 */
export function applicationScopedKeys(
  kind: "client" | "signingKey",
  settings: () => { origin: string; basePath: string; clientId: string },
  journal: CreateJournal,
) {
  const keyOf = (applicationId: string, name: unknown): NaturalKey => ({
    kind,
    tenant: tenantOf(settings()),
    applicationId,
    name: String(name),
  });
  const settle = (id: string, props: Record<string, unknown> | undefined): void =>
    journal.settleIfKnown(
      () =>
        typeof props?.applicationId === "string" && typeof props.name === "string" ? keyOf(props.applicationId, props.name) : undefined,
      id,
    );
  return { keyOf, settle };
}
