// A fault soak through the real Pulumi engine (Automation API, file backend) against the emulator with a share of
// every request failing: create a fleet of applications, clients and resource lists, update every one of them, then
// destroy them. A phase that fails under faults (the engine reports a resource whose retries ran out) is run again,
// as a user would, up to a bounded number of attempts. After each phase the tenant (the emulator's dump) and the
// stack's state as stored on disk must agree exactly: no duplicates, no orphans, no lost creates or updates, and no
// client secret in plaintext in the state file. bench/engine-soak.ts runs it at full size, test/e2e/engine-soak.test.ts
// at a small one.
// An ES module when Node strips its types (bench/engine-soak.ts), imported through Vite by the e2e test; the engine,
// the SDK and the emulator are loaded with Node's own require, so the inline program and the Automation API share one
// @pulumi/pulumi, as in a user's program.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as automation from "@pulumi/pulumi/automation";
import type * as emulatorModule from "../../emulator";
import type * as sdk from "../../sdk";
import type * as isolatedPulumiModule from "./isolated-pulumi";

const nodeRequire = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface EngineSoakSettings {
  /** Resources in the stack: 5 per application (the application, three clients, a resource list). */
  resources: number;
  /** Share of API and token requests that get a random fault (emulator `faultRate`). */
  faultRate: number;
  /** Seed of the emulator's fault draws and ids. */
  seed: number;
  /** Runs of one phase (`up` or `destroy`) before the soak gives up on it. */
  maxAttempts: number;
  /** The whole soak is aborted after this many seconds. */
  deadlineSeconds: number;
  /** `mosaic:maxRetries`, or undefined for the provider's default (what a user gets). */
  maxRetries?: number;
}

/** SOAK_RESOURCES, SOAK_FAULT_RATE, SOAK_SEED, SOAK_MAX_ATTEMPTS, SOAK_DEADLINE_S, SOAK_MAX_RETRIES. */
export function engineSoakSettings(env: NodeJS.ProcessEnv, defaults: EngineSoakSettings): EngineSoakSettings {
  const number = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === "") return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative number, got "${value}"`);
    return parsed;
  };
  const maxRetries = env.SOAK_MAX_RETRIES;
  return {
    resources: number("SOAK_RESOURCES", defaults.resources),
    faultRate: number("SOAK_FAULT_RATE", defaults.faultRate),
    seed: number("SOAK_SEED", defaults.seed),
    maxAttempts: number("SOAK_MAX_ATTEMPTS", defaults.maxAttempts),
    deadlineSeconds: number("SOAK_DEADLINE_S", defaults.deadlineSeconds),
    maxRetries: maxRetries === undefined || maxRetries === "" ? defaults.maxRetries : number("SOAK_MAX_RETRIES", 0),
  };
}

export type PhaseName = "create" | "update" | "delete";

export interface AttemptResult {
  seconds: number;
  ok: boolean;
  /** Resource operations the engine reported as failed in this run. */
  failedResources: number;
  /** The first error line of a failed run. */
  error?: string;
}

/** What the tenant and the stored state disagree on after a phase; every count must be 0. */
export interface Agreement {
  /** State resources (this provider's types). */
  stateResources: number;
  tenantApplications: number;
  tenantClients: number;
  /** Objects beyond the first for one intended resource (an application name, a client name in its application). */
  duplicates: number;
  /** Tenant objects that no state resource knows (a default client counts as known through its application). */
  orphans: number;
  /** Intended creates or updates that the tenant does not show: a missing object or a field with an old value. */
  lost: number;
  /** Disagreements of the state with the program or the tenant: missing or extra resources, ids, stored fields. */
  stateMismatches: number;
  /** Operations the engine left pending in the stored state. */
  pendingOperations: number;
  /** Client secrets (and the provider's credentials and tokens) found in plaintext in the stored state file. */
  plaintextSecrets: number;
  /** The first few problems, for the report. */
  problems: string[];
}

export interface PhaseResult {
  phase: PhaseName;
  converged: boolean;
  attempts: AttemptResult[];
  seconds: number;
  /** API and token requests the emulator received, by "METHOD route". */
  calls: Record<string, number>;
  /** Faults injected, by kind (emulator request-log label, e.g. "status:429+retry-after"). */
  faults: Record<string, number>;
  agreement: Agreement;
}

export interface EngineSoakResult {
  settings: EngineSoakSettings;
  applications: number;
  resources: number;
  phases: PhaseResult[];
  seconds: number;
  /** Every phase converged within its attempts and every agreement count is 0. */
  ok: boolean;
}

const CLIENT_NAMES = ["web", "mobile", "api"] as const;
/** Each phase and the program generation it deploys (none: destroy). */
const PLAN: ReadonlyArray<readonly [PhaseName, number | undefined]> = [
  ["create", 0],
  ["update", 1],
  ["delete", undefined],
];
const RESOURCES_PER_APPLICATION = 1 + CLIENT_NAMES.length + 1;

/** What the program declares for application `i` at generation `generation` (0 creates, 1 updates every resource). */
export function intended(i: number, generation: number) {
  return {
    application: { appName: `Soak app ${i}`, appDescription: `soak app ${i}, generation ${generation}` },
    clients: CLIENT_NAMES.map((name) => ({
      name,
      description: `${name} client of app ${i}, generation ${generation}`,
      redirectUris: [`https://app${i}.example.com/${name}/cb`],
    })),
    resourceIds: [`res-${i}-${generation}`],
  };
}

function fleet(mosaic: typeof sdk, applications: number, generation: number): void {
  for (let i = 0; i < applications; i++) {
    const want = intended(i, generation);
    const app = new mosaic.Application(`app-${i}`, want.application);
    const clients = want.clients.map((client) => new mosaic.Client(`app-${i}-${client.name}`, { applicationId: app.appId, ...client }));
    new mosaic.ClientResources(`app-${i}-apis`, { applicationId: app.appId, clientId: clients[0].clientId, resourceIds: want.resourceIds });
  }
}

type Fields = Record<string, unknown>;
interface StoredResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  outputs?: Fields;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares the tenant with the stored checkpoint and with what the program intends (`generation`, or nothing
 * after destroy). The state's logical names (app-3, app-3-web, app-3-apis) tie each stored resource to its intent.
 */
export function checkAgreement(
  dump: { applications: Fields[]; clients: Fields[] },
  storedText: string,
  secrets: ReadonlySet<string>,
  applications: number,
  generation: number | undefined,
): Agreement {
  const problems: string[] = [];
  const counts = { duplicates: 0, orphans: 0, lost: 0, stateMismatches: 0 };
  const problem = (kind: keyof typeof counts, text: string) => {
    counts[kind]++;
    if (problems.length < 20) problems.push(`${kind}: ${text}`);
  };

  const checkpoint = JSON.parse(storedText).checkpoint ?? {};
  const stored = ((checkpoint.latest?.resources ?? []) as StoredResource[]).filter(
    (r) => r.custom !== false && !r.type.startsWith("pulumi:"),
  );
  const pendingOperations = (checkpoint.latest?.pending_operations ?? []).length as number;
  const byName = new Map<string, StoredResource>();
  for (const r of stored) {
    const name = r.urn.slice(r.urn.lastIndexOf("::") + 2);
    if (byName.has(name)) problem("stateMismatches", `state holds ${name} twice`);
    byName.set(name, r);
  }

  const appsById = new Map(dump.applications.map((a) => [String(a.app_id), a]));
  const clientsById = new Map(dump.clients.map((c) => [String(c.client_id), c]));
  const known = new Set<string>();
  const expectedNames = new Set<string>();

  for (let i = 0; generation !== undefined && i < applications; i++) {
    const want = intended(i, generation);
    const appState = byName.get(`app-${i}`);
    expectedNames.add(`app-${i}`);
    const app = appState?.id ? appsById.get(appState.id) : undefined;
    if (!appState?.id) problem("stateMismatches", `app-${i} is not in the state`);
    else if (!app) problem("lost", `app-${i} (${appState.id}) is not in the tenant`);
    else {
      known.add(appState.id);
      known.add(String(appState.outputs?.defaultClientId));
      if (app.app_name !== want.application.appName || app.app_description !== want.application.appDescription) {
        problem("lost", `app-${i} has ${JSON.stringify([app.app_name, app.app_description])} in the tenant`);
      }
      const out = appState.outputs ?? {};
      if (out.appId !== appState.id || out.appName !== app.app_name || out.appDescription !== app.app_description) {
        problem("stateMismatches", `app-${i}'s stored outputs differ from the tenant`);
      }
    }
    for (const wantClient of want.clients) {
      const name = `app-${i}-${wantClient.name}`;
      expectedNames.add(name);
      const clientState = byName.get(name);
      const clientId = String(clientState?.outputs?.clientId ?? "");
      const client = clientsById.get(clientId);
      if (!clientState) problem("stateMismatches", `${name} is not in the state`);
      else if (!client) problem("lost", `${name} (${clientId}) is not in the tenant`);
      else {
        known.add(clientId);
        const fieldsMatch =
          (appState?.id === undefined || client.app_id === appState.id) &&
          client.name === wantClient.name &&
          client.description === wantClient.description &&
          sameJson(client.redirect_uris, wantClient.redirectUris);
        if (!fieldsMatch) problem("lost", `${name} has stale fields in the tenant`);
        const out = clientState.outputs ?? {};
        if (out.applicationId !== client.app_id || out.description !== client.description || out.name !== client.name) {
          problem("stateMismatches", `${name}'s stored outputs differ from the tenant`);
        }
      }
    }
    const listName = `app-${i}-apis`;
    expectedNames.add(listName);
    const listState = byName.get(listName);
    const web = clientsById.get(String(byName.get(`app-${i}-web`)?.outputs?.clientId ?? ""));
    if (!listState) problem("stateMismatches", `${listName} is not in the state`);
    else if (!sameJson(listState.outputs?.resourceIds, web?.resources) || listState.outputs?.clientId !== web?.client_id) {
      problem("stateMismatches", `${listName}'s stored outputs differ from the tenant`);
    }
    if (!sameJson(web?.resources, want.resourceIds)) problem("lost", `${listName} is ${JSON.stringify(web?.resources)} in the tenant`);
  }
  for (const name of byName.keys())
    if (!expectedNames.has(name)) problem("stateMismatches", `state holds ${name}, which the program does not`);

  // One object per intended resource: an application per name, a client per name within its application.
  const perKey = new Map<string, number>();
  for (const a of dump.applications) perKey.set(`app ${a.app_name}`, (perKey.get(`app ${a.app_name}`) ?? 0) + 1);
  for (const c of dump.clients) perKey.set(`client ${c.app_id}/${c.name}`, (perKey.get(`client ${c.app_id}/${c.name}`) ?? 0) + 1);
  for (const [key, n] of perKey) if (n > 1) for (let k = 1; k < n; k++) problem("duplicates", `${n} objects for ${key}`);
  for (const a of dump.applications) if (!known.has(String(a.app_id))) problem("orphans", `application ${a.app_id} (${a.app_name})`);
  for (const c of dump.clients) if (!known.has(String(c.client_id))) problem("orphans", `client ${c.client_id} (${c.name})`);

  const plaintextSecrets = [...secrets].filter((secret) => storedText.includes(secret)).length;
  if (plaintextSecrets > 0) problems.push(`plaintextSecrets: ${plaintextSecrets} secrets in the stored state file`);
  if (pendingOperations > 0) problems.push(`pendingOperations: ${pendingOperations}`);
  return {
    stateResources: stored.length,
    tenantApplications: dump.applications.length,
    tenantClients: dump.clients.length,
    ...counts,
    pendingOperations,
    plaintextSecrets,
    problems,
  };
}

function tally(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Runs the soak; `log` gets one line per engine run. Never throws for a failed phase: the result says so. */
export async function runEngineSoak(settings: EngineSoakSettings, log: (line: string) => void = () => {}): Promise<EngineSoakResult> {
  const auto = nodeRequire("@pulumi/pulumi/automation") as typeof automation;
  const mosaic = nodeRequire("pulumi-mosaic") as typeof sdk;
  const { startEmulator } = nodeRequire(path.join(repoRoot, "dist/emulator")) as typeof emulatorModule;
  const { createInlineStack, emulatorStackConfig, storedState } = nodeRequire(
    path.join(repoRoot, "scripts/lib/isolated-pulumi.ts"),
  ) as typeof isolatedPulumiModule;

  const applications = Math.max(1, Math.ceil(settings.resources / RESOURCES_PER_APPLICATION));
  const projectName = "mosaic-engine-soak";
  const stackName = "soak";
  let generation = 0;
  const emulator = await startEmulator({ faultRate: settings.faultRate, seed: settings.seed, maxLogEntries: 1_000_000 });
  const base = mkdtempSync(path.join(os.tmpdir(), "mosaic-engine-soak-"));
  const abort = new AbortController();
  const deadline = setTimeout(() => abort.abort(), settings.deadlineSeconds * 1000);
  const started = performance.now();
  const phases: PhaseResult[] = [];
  // Every secret the tenant ever held: a deleted client's secret must not be in the state either.
  const secrets = new Set<string>([emulator.clientSecret]);
  try {
    const { stack, backend } = await createInlineStack(auto, {
      base,
      projectName,
      stackName,
      program: async () => fleet(mosaic, applications, generation),
      main: repoRoot,
      passphrase: "soak",
    });
    const config: automation.ConfigMap = emulatorStackConfig(emulator);
    if (settings.maxRetries !== undefined) config["mosaic:maxRetries"] = { value: String(settings.maxRetries) };
    await stack.setAllConfig(config);

    for (const [phase, phaseGeneration] of PLAN) {
      emulator.admin.clearLog();
      const phaseStarted = performance.now();
      const attempts: AttemptResult[] = [];
      while (attempts.length < settings.maxAttempts && !abort.signal.aborted && !attempts.at(-1)?.ok) {
        let failedResources = 0;
        const options = {
          signal: abort.signal,
          onEvent: (event: automation.EngineEvent) => void (event.resOpFailedEvent && failedResources++),
        };
        const attemptStarted = performance.now();
        let error: string | undefined;
        try {
          if (phaseGeneration === undefined) await stack.destroy(options);
          else {
            generation = phaseGeneration;
            await stack.up(options);
          }
        } catch (err) {
          error = String((err as Error).message ?? err)
            .split("\n")
            .map((line) => line.trim())
            .find((line) => /error/i.test(line) && !/^(stderr|stdout):?$/i.test(line));
          error ??= "failed";
        }
        const attempt = { seconds: (performance.now() - attemptStarted) / 1000, ok: error === undefined, failedResources, error };
        attempts.push(attempt);
        const outcome = attempt.ok ? "ok" : `failed (${failedResources} resources): ${error}`;
        log(`${phase} attempt ${attempts.length}: ${outcome} in ${attempt.seconds.toFixed(1)} s`);
        // A run that failed still added the secrets of what it created; collect them before the next run.
        for (const client of emulator.admin.dump().clients) if (typeof client.client_secret === "string") secrets.add(client.client_secret);
      }
      for (const token of emulator.admin.issuedTokens()) secrets.add(token);
      const requests = emulator.admin.requestLog();
      const agreement = checkAgreement(
        emulator.admin.dump(),
        storedState(backend, projectName, stackName),
        secrets,
        applications,
        phaseGeneration,
      );
      phases.push({
        phase,
        converged: attempts.at(-1)?.ok === true,
        attempts,
        seconds: (performance.now() - phaseStarted) / 1000,
        calls: emulator.admin.requestCounts(),
        faults: tally(requests.flatMap((entry) => (entry.fault ? [entry.fault] : []))),
        agreement,
      });
      log(`${phase}: ${agreement.problems.length === 0 ? "tenant and state agree" : agreement.problems.join("; ")}`);
      if (!phases.at(-1)!.converged) break;
    }
    await stack.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
  } finally {
    clearTimeout(deadline);
    await emulator.close();
    rmSync(base, { recursive: true, force: true });
  }
  const clean = (a: Agreement) => a.duplicates + a.orphans + a.lost + a.stateMismatches + a.pendingOperations + a.plaintextSecrets === 0;
  return {
    settings,
    applications,
    resources: applications * RESOURCES_PER_APPLICATION,
    phases,
    seconds: (performance.now() - started) / 1000,
    ok: phases.length === PLAN.length && phases.every((p) => p.converged && clean(p.agreement)),
  };
}

const cell = (counts: Record<string, number>, key: string) => String(counts[key] ?? 0);
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The result as markdown tables: per phase, faults by kind, API calls by route. */
export function engineSoakTables(result: EngineSoakResult): string {
  const { settings, phases } = result;
  const lines: string[] = [];
  const row = (cells: Array<string | number>) => lines.push(`| ${cells.join(" | ")} |`);
  lines.push(
    `### Fault soak through the engine: ${result.resources} resources (${result.applications} applications x 5), ` +
      `${Math.round(settings.faultRate * 100)}% faults, seed ${settings.seed}`,
  );
  const header = (cells: string[]) =>
    lines.push(
      "",
      `| ${cells.join(" | ")} |`,
      `|---|${cells
        .slice(1)
        .map(() => "---:|")
        .join("")}`,
    );
  header(["phase", "engine runs", "failed resource operations", "seconds", "API requests", "faults injected"]);
  for (const p of phases) {
    const runs = p.attempts.map((t) => (t.ok ? "ok" : "failed")).join(", ");
    const failed = p.attempts.reduce((n, t) => n + t.failedResources, 0);
    row([
      `${p.phase}${p.converged ? "" : " (not converged)"}`,
      `${p.attempts.length} (${runs})`,
      failed,
      p.seconds.toFixed(1),
      total(p.calls),
      total(p.faults),
    ]);
  }
  row([
    `**all** (${result.ok ? "ok" : "FAILED"})`,
    phases.reduce((n, p) => n + p.attempts.length, 0),
    "",
    result.seconds.toFixed(1),
    "",
    "",
  ]);

  header([
    "after",
    "state resources",
    "tenant apps / clients",
    "duplicates",
    "orphans",
    "lost",
    "state mismatches",
    "pending ops",
    "secrets in state",
  ]);
  for (const { phase, agreement: a } of phases) {
    const counts = [a.duplicates, a.orphans, a.lost, a.stateMismatches, a.pendingOperations, a.plaintextSecrets];
    row([phase, a.stateResources, `${a.tenantApplications} / ${a.tenantClients}`, ...counts]);
  }

  const sections: Array<[string, (p: PhaseResult) => Record<string, number>]> = [
    ["fault injected", (p) => p.faults],
    ["API requests (method route)", (p) => p.calls],
  ];
  for (const [title, pick] of sections) {
    const keys = [...new Set(phases.flatMap((p) => Object.keys(pick(p))))].sort();
    header([title, ...phases.map((p) => p.phase), "total"]);
    for (const key of keys) row([key, ...phases.map((p) => cell(pick(p), key)), phases.reduce((n, p) => n + (pick(p)[key] ?? 0), 0)]);
    row(["**total**", ...phases.map((p) => total(pick(p))), phases.reduce((n, p) => n + total(pick(p)), 0)]);
  }
  const problems = phases.flatMap((p) => p.agreement.problems.map((text) => `- ${p.phase}: ${text}`));
  const failures = phases.flatMap((p) => p.attempts.flatMap((t, i) => (t.error ? [`- ${p.phase} attempt ${i + 1}: ${t.error}`] : [])));
  if (failures.length > 0) lines.push("", "Failed runs (rerun as a user would):", "", ...failures);
  if (problems.length > 0) lines.push("", "Disagreements:", "", ...problems);
  return lines.join("\n");
}
