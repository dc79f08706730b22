// The live acceptance run (docs/acceptance.md), pointed by its MOSAIC_* settings at a separately started emulator
// bin instead of a tenant. The tenant is seeded with objects the run must not touch (no prefix, the prefix family
// without a run stamp, a concurrent run's fresh prefix) and a stale leftover it must sweep. A run made to fail at
// its last step (the MOSAIC_ACCEPTANCE_FAIL_AT hook) still leaves nothing of its own; a full run passes and every
// observable emulator choice holds; neither sends a write to a foreign object.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BEHAVIOUR_CHECKS } from "../../acceptance/behaviour-checks";
import { FAIL_AT_VARIABLE, PREFIX_FAMILY, runPrefix } from "../../acceptance/run";
import { repoRoot } from "./support/engine";
import { emulatorDump, startEmulatorProcess, type EmulatorProcess } from "./support/emulator-process";

const run = promisify(execFile);

interface CommandResult {
  code: number;
  output: string;
}

describe("the acceptance run against a separately started emulator", () => {
  let emulator: EmulatorProcess;
  let foreignIds: string[];
  let foreignBefore: unknown;
  const stale = `${PREFIX_FAMILY}20000101000000-dead-app`;
  const foreignNames = ["customer-portal", `${PREFIX_FAMILY}not-a-run`, `${runPrefix(new Date(), "beef")}concurrent`];

  /** The command as a user runs it: `bash scripts/acceptance.sh`, or the program it execs after preparing and building. */
  async function acceptance(command: string[], extra: Record<string, string>): Promise<CommandResult> {
    const env: NodeJS.ProcessEnv = { ...process.env, MOSAIC_REGION: "", MOSAIC_API_URL: emulator.url, ...extra };
    env.MOSAIC_CLIENT_ID = emulator.clientId;
    env.MOSAIC_CLIENT_SECRET = emulator.clientSecret;
    try {
      const { stdout, stderr } = await run(command[0], command.slice(1), { cwd: repoRoot, env, timeout: 300_000, maxBuffer: 16 << 20 });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      if (typeof failed.code !== "number") throw error;
      return { code: failed.code, output: `${failed.stdout}${failed.stderr}` };
    }
  }
  const program = [process.execPath, path.join(repoRoot, "dist", "acceptance", "cli.js")];

  const foreign = async () => {
    const state = await emulatorDump(emulator);
    const apps = state.applications.filter((app) => foreignIds.includes(app.app_id));
    return { apps, clients: state.clients.filter((client) => foreignIds.includes(client.app_id)) };
  };
  const prefixed = async () => (await emulatorDump(emulator)).applications.filter((app) => app.app_name.startsWith(PREFIX_FAMILY));
  /** Writes (anything but GET) the emulator received for a foreign application. */
  const foreignWrites = async () => {
    const log = (await (await fetch(`${emulator.origin}/__admin/requests`)).json()) as { method: string; path: string }[];
    return log.filter((entry) => entry.method !== "GET" && foreignIds.some((id) => entry.path.includes(id)));
  };

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    const tokenAnswer = await fetch(emulator.url.replace(/\/cis$/, "/oidc/token"), {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: emulator.clientId, client_secret: emulator.clientSecret }),
    });
    const token = ((await tokenAnswer.json()) as { access_token: string }).access_token;
    const post = async (route: string, body: unknown) => {
      const response = await fetch(`${emulator.url}${route}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      const answer = (await response.json()) as { result?: { app_id: string }; client_id?: string };
      return answer.result ?? answer;
    };
    foreignIds = [];
    for (const name of [...foreignNames, stale]) {
      const app = (await post("/v1/applications", { app_name: name, client_display_name: name })) as { app_id: string };
      await post(`/v1/applications/${app.app_id}/clients`, { name: `${name}-web`, redirect_uris: ["https://portal.example.com/cb"] });
      if (name !== stale) foreignIds.push(app.app_id);
    }
    foreignBefore = await foreign();
    // From here on the log holds only what the acceptance runs send.
    expect((await fetch(`${emulator.origin}/__admin/requests`, { method: "DELETE" })).status).toBe(204);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("refuses without MOSAIC_ACCEPTANCE=1 and touches nothing", async () => {
    const before = await emulatorDump(emulator);
    for (const command of [["bash", path.join(repoRoot, "scripts", "acceptance.sh")], program]) {
      const refused = await acceptance(command, { MOSAIC_ACCEPTANCE: "" });
      expect(refused.code).toBe(2);
      expect(refused.output).toContain("MOSAIC_ACCEPTANCE=1");
    }
    expect(await emulatorDump(emulator)).toEqual(before);
  });

  it("a run failing at its last step still removes everything it created, and sweeps only stale leftovers", async () => {
    const failed = await acceptance(program, { MOSAIC_ACCEPTANCE: "1", [FAIL_AT_VARIABLE]: "destroy" });
    console.log(failed.output);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain(`FAILED: ${FAIL_AT_VARIABLE}=destroy`);
    expect(failed.output).toContain(`swept a leftover of an earlier run: ${stale}`);
    // What the engine created (the stack was never destroyed) and what the checks created went in the cleanup.
    expect(failed.output).toContain("cleanup destroyed the stack (3 resources)");
    expect(failed.output).toMatch(/cleanup deleted mosaic-acc-\d{14}-[0-9a-f]+-dup\n/);
    expect((await prefixed()).map((app) => app.app_name).sort()).toEqual(foreignNames.slice(1).sort());
    expect(await foreign()).toEqual(foreignBefore);
    expect(await foreignWrites()).toEqual([]);
    expect(failed.output).not.toContain(emulator.clientSecret);
  });

  it("a full run passes, prints a table in which every observable emulator choice held, and leaves only foreign objects", async () => {
    const passed = await acceptance(program, { MOSAIC_ACCEPTANCE: "1" });
    console.log(passed.output);
    expect(passed.code).toBe(0);
    const rows = passed.output.split("\n").filter((line) => /^\d+\. .* \| /.test(line));
    expect(rows.map((row) => Number(row.split(".")[0]))).toEqual(BEHAVIOUR_CHECKS.map((entry) => entry.choice));
    for (const row of rows) expect(row).toMatch(/ \| (held|not observable: .+)$/);
    expect(rows.filter((row) => row.endsWith("| held")).length).toBe(BEHAVIOUR_CHECKS.filter((entry) => entry.check).length);
    expect((await prefixed()).map((app) => app.app_name).sort()).toEqual(foreignNames.slice(1).sort());
    expect(await foreign()).toEqual(foreignBefore);
    expect(await foreignWrites()).toEqual([]);
    expect(passed.output).not.toContain(emulator.clientSecret);
  });
});
