// One scenario for the programs on the generated SDKs (test/programs/<language>), run through the real engine and the
// language host against the emulator: up, no-op preview (zero API calls), drift reverted by up, a nested
// whole-object update, the `import` resource option, the stored state free of plaintext secrets, destroy. Each
// program reads the same stack config (accessTokenTtl, adoptClient) and exports the same outputs, so one test body
// serves every language; the API calls of each scenario are printed next to the minimum.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type StartedEmulator } from "../../../emulator";
import { MosaicClient } from "../../../provider/api";
import { emulatorStackConfig, storedState } from "../../../scripts/lib/isolated-pulumi";
import { callCounts, secretsIn, totalCalls } from "./mosaic-stack";
import { createProjectStack, launcher, type ProjectStack } from "./project-stack";

type Dump = { applications: Record<string, any>[]; clients: Record<string, any>[] };

export interface SdkProgram {
  /** "Python", "Go": names the describe block and the printed call counts. */
  language: string;
  /** The project name the program's Pulumi.yaml declares (the stored state's path depends on it). */
  projectName: string;
  /** What the test needs before it starts, each with whether it is there. */
  needs: [what: string, found: boolean][];
  /** Lays the program out in workDir, with a Pulumi.yaml pointing at the plugin folder. */
  writeProject(workDir: string): void;
  /** Added to the engine's environment (e.g. PATH with a venv first). */
  extraEnv?: Record<string, string>;
  seed: number;
}

export function describeSdkProgram(program: SdkProgram): void {
  beforeAll(() => {
    const needs: [string, boolean][] = [
      ["the plugin folder (make build, or scripts/build-plugin.sh)", existsSync(launcher)],
      ...program.needs,
    ];
    for (const [what, found] of needs) if (!found) throw new Error(`this test needs ${what}; run it through scripts/test.sh`);
  });

  describe(`a ${program.language} program on the generated SDK`, () => {
    let base: string;
    let emulator: StartedEmulator;
    let api: MosaicClient;
    let test: ProjectStack;
    const calls: Record<string, { made: number; minimum: number }> = {};
    beforeAll(async () => {
      base = mkdtempSync(path.join(tmpdir(), `mosaic-${program.language.toLowerCase()}-`));
      emulator = await startEmulator({ seed: program.seed });
      api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
    });
    afterAll(async () => {
      console.log(`${program.language} SDK: API calls per scenario (made / minimum):`, JSON.stringify(calls));
      await api?.close();
      await emulator?.close();
      if (base) rmSync(base, { recursive: true, force: true });
    });

    it("creates, previews without changes, reverts drift, updates a nested object, imports and destroys", async () => {
      test = await createProjectStack(base, {
        writeProject: program.writeProject,
        config: emulatorStackConfig(emulator),
        extraEnv: program.extraEnv,
      });
      const { stack, capture } = test;
      const dump = () => emulator.admin.dump() as Dump;
      const measure = (scenario: string, minimum: number) => (calls[scenario] = { made: totalCalls(emulator), minimum });

      emulator.admin.clearLog();
      const up = await stack.up({ ...capture });
      expect(up.summary.resourceChanges).toMatchObject({ create: 3 }); // the stack, app and web
      expect(callCounts(emulator)).toMatchObject({ "POST /v1/applications": 1, "POST /v1/applications/:appId/clients": 1 });
      measure("up", 3); // token + POST application + POST client
      const appId = up.outputs.appId.value as string;
      const clientId = up.outputs.clientId.value as string;
      expect(up.outputs.clientSecret.secret).toBe(true);
      expect(up.outputs.clientSecret.value).toMatch(/.{8,}/);
      expect(up.outputs.defaultClientSecret.secret).toBe(true);
      const web = () => dump().clients.find((c) => c.client_id === clientId);
      expect(web()?.token_expiration).toMatchObject({ access_token_ttl: 3600, refresh_token_ttl: 86400 });

      // An unchanged program makes no API call at all.
      emulator.admin.clearLog();
      await stack.preview({ ...capture, expectNoChanges: true });
      expect(totalCalls(emulator)).toBe(0);
      measure("no-op preview", 0);

      // Drift: refresh records the out-of-band edit, and up puts the program's value back with one PUT.
      emulator.admin.mutateClient(appId, clientId, { redirect_uris: ["https://attacker.example/steal"] });
      emulator.admin.clearLog();
      const refresh = await stack.refresh({ ...capture });
      expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
      measure("refresh with drift", 3); // token + GET application + one list of its clients
      emulator.admin.clearLog();
      const revert = await stack.up({ ...capture });
      expect(revert.summary.resourceChanges).toMatchObject({ update: 1, same: 2 });
      expect(callCounts(emulator)).toMatchObject({ "PUT /v1/applications/:appId/clients/:clientId": 1 });
      measure("up reverting drift", 2); // token + PUT client
      expect(web()?.redirect_uris).toEqual(["https://portal.example.com/callback"]);
      await stack.refresh({ ...capture, expectNoChanges: true });

      // A nested object changes in place: one PUT carrying the whole object (the API replaces it whole), so the
      // sibling field the program did not change survives.
      await stack.setConfig("accessTokenTtl", { value: "7200" });
      emulator.admin.clearLog();
      const nested = await stack.up({ ...capture });
      expect(nested.summary.resourceChanges).toMatchObject({ update: 1, same: 2 });
      expect(callCounts(emulator)).toEqual({ "POST /oidc/token": 1, "PUT /v1/applications/:appId/clients/:clientId": 1 });
      measure("nested update", 2);
      expect(web()?.token_expiration).toMatchObject({ access_token_ttl: 7200, refresh_token_ttl: 86400 });
      expect(nested.outputs.clientId.value).toBe(clientId);

      // A client created outside Pulumi, adopted with the `import` resource option: read, not created.
      const made = await api.clients.create({ app_id: appId }, { name: "mobile", redirect_uris: ["https://m.example.com/cb"] });
      await stack.setConfig("adoptClient", { value: `${appId}/${made.client_id}` });
      emulator.admin.clearLog();
      const imported = await stack.up({ ...capture });
      expect(imported.summary.resourceChanges).toMatchObject({ import: 1, same: 3 });
      expect(Object.keys(callCounts(emulator)).filter((route) => !route.startsWith("GET") && !route.includes("token"))).toEqual([]);
      measure("import", 2); // token + one read of the client
      expect(imported.outputs.mobileId.value).toBe(`${appId}/${made.client_id}`);
      expect(dump().clients.filter((c) => c.name === "mobile")).toHaveLength(1);
      emulator.admin.clearLog();
      await stack.preview({ ...capture, expectNoChanges: true });
      expect(totalCalls(emulator)).toBe(0);

      // The state as stored on disk holds no secret in plaintext; the secret outputs are stored encrypted.
      const stored = storedState(test.backend, program.projectName, "dev");
      for (const secret of secretsIn(emulator)) expect(stored).not.toContain(secret);
      const resources = JSON.parse(stored).checkpoint.latest.resources as { urn: string; outputs: Record<string, unknown> }[];
      const stateOf = (suffix: string) => resources.find((r) => r.urn.endsWith(suffix));
      expect(stateOf("mosaic:index:Client::web")?.outputs.clientSecret).toHaveProperty("ciphertext");
      expect(stateOf("mosaic:index:Client::mobile")?.outputs.clientSecret).toHaveProperty("ciphertext");
      expect(stateOf("mosaic:index:Application::app")?.outputs.defaultClientSecret).toHaveProperty("ciphertext");
      const logs = test.logs.join("\n");
      for (const secret of secretsIn(emulator)) expect(logs).not.toContain(secret);

      emulator.admin.clearLog();
      const destroy = await stack.destroy({ ...capture });
      expect(destroy.summary.resourceChanges).toMatchObject({ delete: 4 });
      expect(callCounts(emulator)).toMatchObject({ "DELETE /v1/applications/:appId": 1 });
      measure("destroy", 4); // token + 2 client DELETEs + application DELETE
      expect(dump().applications).toEqual([]);
      await stack.workspace.removeStack("dev");
    });
  });
}
