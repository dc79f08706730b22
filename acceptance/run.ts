// The live acceptance run (`make acceptance`, docs/acceptance.md): the resources' lifecycle through the real engine
// and one check per behaviour choice of the emulator, against the tenant named by the MOSAIC_* settings. Everything
// it creates is named under a per-run prefix and removed in a finally step, then swept by that prefix; it touches
// no object whose name lacks the prefix family (a start sweep removes leftovers of runs over an hour old).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as automation from "@pulumi/pulumi/automation";
import { resolveSettings, type ResolvedMosaicSettings } from "../provider/api";
import { createInlineStack } from "../scripts/lib/isolated-pulumi";
import { BEHAVIOUR_CHECKS, Differs, type CheckContext } from "./behaviour-checks";
import { rawApi, unwrap, type RawApi } from "./raw-api";

/** Every name the run creates starts with this, then a UTC timestamp (yyyymmddhhmmss), a random tag and "-". */
export const PREFIX_FAMILY = "mosaic-acc-";
/** Leftovers of earlier runs are swept at start only when their run began this long ago (a concurrent run is younger). */
const STALE_AFTER_MS = 60 * 60 * 1000;
/** The documented test hook: the run fails on purpose when it reaches the step of this name. */
export const FAIL_AT_VARIABLE = "MOSAIC_ACCEPTANCE_FAIL_AT";
export const STEPS = ["sweep-start", "up", "update", "refresh", "behaviour-checks", "destroy"] as const;

export interface Output {
  write(text: string): unknown;
}

/** The run's prefix, e.g. "mosaic-acc-20261203153000-1a2b-". */
export function runPrefix(now: Date, tag = randomBytes(2).toString("hex")): string {
  return `${PREFIX_FAMILY}${now.toISOString().replace(/\D/g, "").slice(0, 14)}-${tag}-`;
}

/** When the run that made `name` started, if `name` is in the prefix family. */
export function prefixStart(name: string): Date | undefined {
  const match = new RegExp(`^${PREFIX_FAMILY}(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})-[0-9a-f]+-`).exec(name);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}

/** Deletes every application whose name `owned` accepts, its non-default clients first; returns the names deleted. */
async function sweep(api: RawApi, owned: (name: string) => boolean): Promise<string[]> {
  const list = await api.call("GET", "/v1/applications/list");
  if (list.status !== 200) throw new Error(`listing applications answered ${list.status}`);
  const deleted: string[] = [];
  for (const app of unwrap(list) as { app_id: string; app_name: string }[]) {
    if (!owned(app.app_name)) continue;
    const base = `/v1/applications/${encodeURIComponent(app.app_id)}`;
    const full = unwrap(await api.call("GET", base));
    const clients = await api.call("GET", `${base}/clients`);
    for (const client of clients.status === 200 ? (unwrap(clients) as { client_id: string }[]) : []) {
      if (client.client_id !== full?.client_id) await api.call("DELETE", `${base}/clients/${encodeURIComponent(client.client_id)}`);
    }
    const gone = await api.call("DELETE", base);
    if (gone.status !== 204 && gone.status !== 404) throw new Error(`deleting ${app.app_name} answered ${gone.status}`);
    deleted.push(app.app_name);
  }
  return deleted;
}

function lifecycleProgram(prefix: string, description: string): automation.PulumiFn {
  return async () => {
    // Loaded as a user's program loads it: the package (this repository's node_modules link), not the sources.
    const mosaic = require("pulumi-mosaic") as typeof import("../sdk");
    const app = new mosaic.Application("app", { appName: `${prefix}app`, appDescription: description });
    const web = new mosaic.Client("web", {
      applicationId: app.appId,
      name: `${prefix}web`,
      redirectUris: ["https://acceptance.example.com/callback"],
      tokenExpiration: { accessTokenTtl: 3600, refreshTokenTtl: 1209600 },
    });
    return { appId: app.appId, clientId: web.clientId };
  };
}

/** Runs the whole acceptance suite; resolves with the exit code (0 passed and clean, 1 failed, 2 refused). */
export async function runAcceptance(env: NodeJS.ProcessEnv, out: Output, now = new Date()): Promise<number> {
  if (env.MOSAIC_ACCEPTANCE !== "1") {
    out.write(
      "acceptance: refusing to run without MOSAIC_ACCEPTANCE=1. It creates and deletes applications in the tenant named by\n" +
        "MOSAIC_REGION or MOSAIC_API_URL with MOSAIC_CLIENT_ID / MOSAIC_CLIENT_SECRET; use a sandbox tenant (docs/acceptance.md).\n",
    );
    return 2;
  }
  let settings: ResolvedMosaicSettings;
  try {
    settings = resolveSettings({}, env);
  } catch (error) {
    out.write(`acceptance: ${(error as Error).message}\n`);
    return 2;
  }
  const prefix = runPrefix(now);
  const failAt = env[FAIL_AT_VARIABLE];
  out.write(
    `acceptance: tenant ${settings.apiUrl} (management client ${settings.clientId})\n` +
      `acceptance: creates, changes and deletes applications and clients named ${prefix}*\n` +
      `acceptance: deletes leftovers of runs started over an hour ago (${PREFIX_FAMILY}<timestamp>-<tag>-*); touches nothing else\n` +
      (failAt ? `acceptance: ${FAIL_AT_VARIABLE}=${failAt}: the run fails on purpose at that step\n` : ""),
  );
  const api = await rawApi(settings);
  const ownedByRun = (name: string) => name.startsWith(prefix);
  const failures: string[] = [];
  const results: { choice: number; summary: string; result: string }[] = [];
  const base = mkdtempSync(path.join(tmpdir(), "mosaic-acceptance-"));
  let stack: automation.Stack | undefined;
  const step = async (name: (typeof STEPS)[number], work: () => Promise<void>): Promise<void> => {
    out.write(`acceptance: step ${name}\n`);
    if (failAt === name) throw new Error(`${FAIL_AT_VARIABLE}=${name}: failing on purpose`);
    await work();
  };
  try {
    await step("sweep-start", async () => {
      const stale = (name: string) => {
        const started = prefixStart(name);
        return started !== undefined && now.getTime() - started.getTime() > STALE_AFTER_MS;
      };
      for (const name of await sweep(api, stale)) out.write(`acceptance: swept a leftover of an earlier run: ${name}\n`);
    });
    const auto = require("@pulumi/pulumi/automation") as typeof automation;
    const repoRoot = path.resolve(__dirname, "..", "..");
    const created = await createInlineStack(auto, {
      base,
      projectName: "mosaic-acceptance",
      stackName: "acceptance",
      program: lifecycleProgram(prefix, "created by the acceptance run"),
      main: repoRoot,
    });
    stack = created.stack;
    await stack.setAllConfig({
      "mosaic:apiUrl": { value: settings.apiUrl },
      "mosaic:clientId": { value: settings.clientId },
      "mosaic:clientSecret": { value: settings.clientSecret, secret: true },
    });
    const activeStack = stack;
    await step("up", async () => {
      const up = await activeStack.up();
      if (up.summary.result !== "succeeded") throw new Error(`up: ${up.summary.result}`);
      await activeStack.preview({ expectNoChanges: true });
    });
    await step("update", async () => {
      activeStack.workspace.program = lifecycleProgram(prefix, "updated by the acceptance run");
      const up = await activeStack.up();
      if (up.summary.resourceChanges?.update !== 1) throw new Error(`update: ${JSON.stringify(up.summary.resourceChanges)}`);
    });
    await step("refresh", async () => void (await activeStack.refresh({ expectNoChanges: true })));
    await step("behaviour-checks", async () => {
      const context: CheckContext = {
        api,
        name: (suffix) => `${prefix}${suffix}`,
        async createApp(suffix, extra = {}) {
          const answer = await api.call("POST", "/v1/applications", {
            app_name: `${prefix}${suffix}`,
            client_display_name: `${prefix}${suffix}`,
            ...extra,
          });
          if (answer.status !== 201) throw new Error(`creating ${prefix}${suffix} answered ${answer.status}`);
          return unwrap(answer);
        },
      };
      for (const entry of BEHAVIOUR_CHECKS) {
        let result = "held";
        if (!entry.check) result = `not observable: ${entry.notObservable}`;
        else {
          try {
            await entry.check(context);
          } catch (error) {
            result = `${error instanceof Differs ? "differs" : "error"}: ${(error as Error).message}`;
          }
        }
        results.push({ choice: entry.choice, summary: entry.summary, result });
      }
    });
    await step("destroy", async () => {
      await activeStack.destroy();
      stack = undefined;
    });
  } catch (error) {
    failures.push((error as Error).message);
  } finally {
    if (stack) {
      await stack
        .destroy()
        .then((result) => out.write(`acceptance: cleanup destroyed the stack (${result.summary.resourceChanges?.delete ?? 0} resources)\n`))
        .catch((error: Error) => failures.push(`cleanup destroy: ${error.message.slice(0, 300)}`));
    }
    try {
      for (const name of await sweep(api, ownedByRun)) out.write(`acceptance: cleanup deleted ${name}\n`);
      const left = (unwrap(await api.call("GET", "/v1/applications/list")) as { app_name: string }[]).filter((app) =>
        ownedByRun(app.app_name),
      );
      if (left.length > 0) failures.push(`left behind: ${left.map((app) => app.app_name).join(", ")}`);
    } catch (error) {
      failures.push(`cleanup sweep: ${(error as Error).message}`);
    }
    rmSync(base, { recursive: true, force: true });
  }
  if (results.length > 0) {
    out.write("\nemulator choice (emulator/README.md) | on this tenant\n");
    for (const { choice, summary, result } of results) out.write(`${choice}. ${summary} | ${result}\n`);
  }
  for (const failure of failures) out.write(`acceptance: FAILED: ${failure}\n`);
  out.write(`acceptance: ${failures.length === 0 ? "passed" : "failed"}; nothing named ${prefix}* is left\n`);
  return failures.length === 0 ? 0 : 1;
}
