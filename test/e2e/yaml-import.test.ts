// `pulumi import` through the mosaic plugin, with the real engine, a Pulumi YAML project and the emulator: each
// type by its id (docs/multi-language.md#importing-existing-objects), malformed ids, the `import` resource option and
// a bulk `pulumi import --file` whose generated YAML, pasted into the program, previews with no changes and no API
// call. Also what the engine prints from the plugin's per-property diffs, and provider settings that CheckConfig
// refuses. Every scenario's API calls are counted from the emulator's log and printed next to the minimum.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { startEmulator, type StartedEmulator } from "../../emulator";
import { MosaicClient } from "../../provider/api";
import { emulatorStackConfig } from "../../scripts/lib/isolated-pulumi";
import { secretsIn } from "./support/mosaic-stack";
import { requireYamlPlugin, yamlProject, yamlStack, type YamlStack } from "./support/yaml-stack";

const PROJECT = "yaml-import";

/** API calls of the emulator's log since the last clearLog(), without the token endpoint (one per plugin process). */
function apiCalls(emulator: StartedEmulator): Record<string, number> {
  return Object.fromEntries(Object.entries(emulator.admin.requestCounts()).filter(([route]) => !route.includes("/oidc/token")));
}
const total = (calls: Record<string, number>) => Object.values(calls).reduce((sum, n) => sum + n, 0);
const writes = (calls: Record<string, number>) => Object.keys(calls).filter((route) => !route.startsWith("GET "));

/** The resources of a generated program, indented to be pasted under `resources:`. */
const resourcesOf = (code: string) => code.replace(/^resources:\n/, "").trimEnd();

beforeAll(requireYamlPlugin);

describe("pulumi import with the mosaic plugin", () => {
  let base: string;
  let emulator: StartedEmulator;
  let api: MosaicClient;
  let test: YamlStack;
  /** Resources of the program so far (YAML text), in the order they were imported. */
  const program: string[] = [];
  /** scenario → [API calls made, the minimum], printed at the end. */
  const measured: Array<[string, number, number]> = [];

  beforeAll(async () => {
    base = mkdtempSync(path.join(tmpdir(), "mosaic-yaml-import-"));
    emulator = await startEmulator({ seed: 23 });
    api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
    test = await yamlStack(base, yamlProject(PROJECT, ""), emulatorStackConfig(emulator));
  });
  afterAll(async () => {
    if (measured.length > 0) {
      console.log(
        [
          "| scenario | API calls | minimum |",
          "|---|---:|---:|",
          ...measured.map(([what, calls, min]) => `| ${what} | ${calls} | ${min} |`),
        ].join("\n"),
      );
    }
    await test?.stack.destroy({ ...test.capture }).catch(() => undefined);
    await api?.close();
    await emulator?.close();
    if (base) rmSync(base, { recursive: true, force: true });
  });

  /** `pulumi import` with the CLI's own preview (as users run it); the generated code, pasted into the program. */
  async function importOne(type: string, name: string, id: string): Promise<{ code: string; calls: Record<string, number> }> {
    const out = path.join(base, `${name}.yaml`);
    emulator.admin.clearLog();
    await test.cli(["import", type, name, id, "--protect=false", "--out", out, "--yes"]);
    const calls = apiCalls(emulator);
    const code = readFileSync(out, "utf8");
    program.push(resourcesOf(code));
    test.writeProgram(yamlProject(PROJECT, program.join("\n")));
    return { code, calls };
  }

  async function expectNoChangesAndNoCalls(): Promise<void> {
    emulator.admin.clearLog();
    await test.stack.preview({ ...test.capture, expectNoChanges: true });
    expect(apiCalls(emulator)).toEqual({});
  }

  it("imports an Application, a Client and its ClientResources by their ids; the pasted code has nothing left to change", async () => {
    const app = await api.applications.create({ app_name: "Legacy portal", client_display_name: "legacy", app_description: "by hand" });
    const web = await api.clients.create(
      { app_id: app.app_id },
      { name: "legacy-web", redirect_uris: ["https://legacy.example.com/cb"], token_expiration: { access_token_ttl: 900 } },
    );
    await api.clients.updateResources({ app_id: app.app_id, client_id: web.client_id }, { resource_ids: ["orders-api", "billing-api"] });

    const imported = await importOne("mosaic:index:Application", "legacy", app.app_id);
    // The CLI writes the short form of the type token (`mosaic:Application`), which YAML accepts.
    expect(imported.code).toMatch(/type: mosaic:(index:)?Application\n/);
    expect(YAML.parse(imported.code).resources.legacy.properties).toMatchObject({ appName: "Legacy portal", appDescription: "by hand" });
    // One GET of the application in the CLI's preview, one in the import itself.
    expect(imported.calls).toEqual({ "GET /v1/applications/:appId": 2 });
    measured.push(["`pulumi import` Application (preview + import)", total(imported.calls), 1]);
    await expectNoChangesAndNoCalls();

    const client = await importOne("mosaic:index:Client", "legacyWeb", `${app.app_id}/${web.client_id}`);
    expect(YAML.parse(client.code).resources.legacyWeb.properties).toMatchObject({
      applicationId: app.app_id,
      name: "legacy-web",
      redirectUris: ["https://legacy.example.com/cb"],
      tokenExpiration: { accessTokenTtl: 900 },
    });
    // Per read: the application's client list, and a GET of the application (is it the default client?).
    expect(writes(client.calls)).toEqual([]);
    expect(client.calls["GET /v1/applications/:appId/clients"]).toBeLessThanOrEqual(2);
    expect(client.calls["GET /v1/applications/:appId"]).toBe(2);
    measured.push(["`pulumi import` Client (preview + import)", total(client.calls), 2]);
    await expectNoChangesAndNoCalls();

    const apis = await importOne("mosaic:index:ClientResources", "legacyWebApis", `${app.app_id}/${web.client_id}`);
    expect(YAML.parse(apis.code).resources.legacyWebApis.properties).toEqual({
      applicationId: app.app_id,
      clientId: web.client_id,
      resourceIds: ["orders-api", "billing-api"],
    });
    expect(apis.calls).toEqual({ "GET /v1/applications/:appId/clients": 2 });
    measured.push(["`pulumi import` ClientResources (preview + import)", total(apis.calls), 1]);
    await expectNoChangesAndNoCalls();

    const state = await test.stack.exportStack();
    const ids = Object.fromEntries(state.deployment.resources.filter((r: any) => r.id).map((r: any) => [r.urn.split("::").at(-1), r.id]));
    expect(ids).toMatchObject({
      legacy: app.app_id,
      legacyWeb: `${app.app_id}/${web.client_id}`,
      legacyWebApis: `${app.app_id}/${web.client_id}`,
    });
    for (const secret of secretsIn(emulator)) expect(program.join("\n")).not.toContain(secret);

    // Managed from now on: an edit is one PUT, and the engine prints the plugin's per-property diff.
    program[0] = program[0].replace("appDescription: by hand", "appDescription: managed now");
    test.writeProgram(yamlProject(PROJECT, program.join("\n")));
    const preview = await test.stack.preview({ ...test.capture, diff: true });
    expect(preview.changeSummary).toMatchObject({ update: 1 });
    expect(preview.stdout).toMatch(/~ appDescription\s*: "by hand" => "managed now"/);
    emulator.admin.clearLog();
    await test.stack.up({ ...test.capture });
    expect(apiCalls(emulator)).toEqual({ "PUT /v1/applications/:appId": 1 });
  });

  it("refuses a malformed id, naming the form expected, without an API call", async () => {
    const cases: Array<[string, string, RegExp]> = [
      ["mosaic:index:Application", "app/client", /"app\/client" is not an Application id: expected "<applicationId>"/],
      ["mosaic:index:Client", "no-slash", /"no-slash" is not a Client id: expected "<applicationId>\/<clientId>"/],
      ["mosaic:index:ClientResources", "a/b/c", /"a\/b\/c" is not a ClientResources id: expected "<applicationId>\/<clientId>"/],
    ];
    for (const [type, id, message] of cases) {
      emulator.admin.clearLog();
      const failure = await test.cli(["import", type, "bad", id, "--yes"]).then(
        () => expect.unreachable(`importing ${type} ${id} should fail`),
        (error: Error) => error.message,
      );
      expect(failure).toMatch(message);
      expect(failure).toContain("[MOSAIC_INVALID_RESOURCE_ID]");
      expect(apiCalls(emulator)).toEqual({});
    }
    emulator.admin.clearLog();
    const missing = await test.cli(["import", "mosaic:index:Application", "gone", "no-such-app", "--yes"]).then(
      () => expect.unreachable("importing an application that does not exist should fail"),
      (error: Error) => error.message,
    );
    expect(missing).toMatch(/no application with id "no-such-app" exists\. \[MOSAIC_LOOKUP_NOT_FOUND\]/);
    await expectNoChangesAndNoCalls();
  });

  it("adopts an object through the `import` resource option; the next preview has no changes", async () => {
    const appId = String((await test.stack.exportStack()).deployment.resources.find((r: any) => r.urn.endsWith("::legacy"))?.id);
    const partner = await api.clients.create({ app_id: appId }, { name: "partner", redirect_uris: ["https://partner.example.com/cb"] });
    const adopted = [
      "  partner:",
      "    type: mosaic:index:Client",
      "    properties:",
      `      applicationId: ${appId}`,
      "      name: partner",
      '      redirectUris: ["https://partner.example.com/cb"]',
      "    options:",
      `      import: ${appId}/${partner.client_id}`,
    ].join("\n");
    test.writeProgram(yamlProject(PROJECT, [...program, adopted].join("\n")));
    emulator.admin.clearLog();
    const preview = await test.stack.preview({ ...test.capture });
    expect(preview.changeSummary).toMatchObject({ import: 1 });
    const previewCalls = apiCalls(emulator);
    expect(writes(previewCalls)).toEqual([]);
    emulator.admin.clearLog();
    const up = await test.stack.up({ ...test.capture });
    expect(up.summary.resourceChanges).toMatchObject({ import: 1 });
    const upCalls = apiCalls(emulator);
    expect(writes(upCalls)).toEqual([]);
    measured.push(["`import:` option, preview", total(previewCalls), 2]);
    measured.push(["`import:` option, up", total(upCalls), 2]);
    program.push(adopted);
    await expectNoChangesAndNoCalls();
  });

  it("imports several objects from `pulumi import --file`; the generated YAML is valid and previews with no changes", async () => {
    const app = await api.applications.create({ app_name: "Bulk portal", client_display_name: "bulk", app_description: "bulk" });
    const mobile = await api.clients.create({ app_id: app.app_id }, { name: "mobile", redirect_uris: ["myapp://callback"] });
    await api.clients.updateResources({ app_id: app.app_id, client_id: mobile.client_id }, { resource_ids: ["orders-api"] });
    const file = path.join(base, "import.json");
    writeFileSync(
      file,
      JSON.stringify({
        resources: [
          { type: "mosaic:index:Application", name: "bulk", id: app.app_id },
          { type: "mosaic:index:Client", name: "bulkMobile", id: `${app.app_id}/${mobile.client_id}` },
          { type: "mosaic:index:ClientResources", name: "bulkMobileApis", id: `${app.app_id}/${mobile.client_id}` },
        ],
      }),
    );
    const out = path.join(base, "bulk.yaml");
    emulator.admin.clearLog();
    await test.cli(["import", "--file", file, "--protect=false", "--out", out, "--yes"]);
    const calls = apiCalls(emulator);
    expect(writes(calls)).toEqual([]);
    measured.push(["`pulumi import --file`, 3 resources (preview + import)", total(calls), 2]);

    const code = readFileSync(out, "utf8");
    console.log(`pulumi import --file generated:\n${code}`);
    const parsed = YAML.parse(code);
    expect(Object.keys(parsed.resources).sort()).toEqual(["bulk", "bulkMobile", "bulkMobileApis"]);
    expect(parsed.resources.bulkMobile).toMatchObject({
      type: expect.stringMatching(/^mosaic:(index:)?Client$/),
      properties: { name: "mobile" },
    });
    // The generated code refers to the imported application rather than repeating its id.
    expect(parsed.resources.bulkMobileApis.properties).toMatchObject({ applicationId: "${bulk.id}", clientId: mobile.client_id });
    for (const secret of secretsIn(emulator)) expect(code).not.toContain(secret);
    program.push(resourcesOf(code));
    test.writeProgram(yamlProject(PROJECT, program.join("\n")));
    await expectNoChangesAndNoCalls();
  });

  it("imports into the state alone with --generate-code=false (as other languages must); the default client is marked", async () => {
    const bulk = (await test.stack.exportStack()).deployment.resources.find((r: any) => r.urn.endsWith("::bulk"));
    const defaultClientId = String(bulk?.outputs.defaultClientId);
    emulator.admin.clearLog();
    const printed = await test.cli([
      "import",
      "mosaic:index:Client",
      "bulkDefault",
      `${bulk?.id}/${defaultClientId}`,
      "--protect=false",
      "--generate-code=false",
      "--yes",
    ]);
    expect(writes(apiCalls(emulator))).toEqual([]);
    expect(printed).not.toContain("type: mosaic");
    const state = (await test.stack.exportStack()).deployment.resources.find((r: any) => r.urn.endsWith("::bulkDefault"));
    expect(state?.outputs).toMatchObject({ clientId: defaultClientId, isDefaultClient: true });
    // The resource written by hand from the inputs the state holds, as a Python or Go program would have to.
    const written = YAML.stringify({ bulkDefault: { type: "mosaic:index:Client", properties: state?.inputs } }).trimEnd();
    program.push(written.replace(/^/gm, "  "));
    test.writeProgram(yamlProject(PROJECT, program.join("\n")));
    await expectNoChangesAndNoCalls();
  });

  it("refuses provider settings CheckConfig finds wrong, at preview, naming the mosaic: key", async () => {
    const config = emulatorStackConfig(emulator);
    const failing: Array<[Record<string, string | undefined>, RegExp]> = [
      [
        { "mosaic:apiUrl": undefined, "mosaic:region": "mars" },
        /mosaic:region \(or MOSAIC_REGION\) must be one of us, eu, ca, au, sandbox/,
      ],
      [{ "mosaic:apiUrl": "localhost:4000/cis" }, /mosaic:apiUrl \(or MOSAIC_API_URL\) must be an absolute http\(s\) URL/],
      [
        { "mosaic:clientSecret": undefined },
        /mosaic:clientSecret \(or MOSAIC_CLIENT_SECRET\) is required\. Set it with `pulumi config set --secret/,
      ],
    ];
    try {
      for (const [change, message] of failing) {
        for (const [key, value] of Object.entries(change)) {
          if (value === undefined) await test.stack.removeConfig(key);
          else await test.stack.setConfig(key, { value });
        }
        emulator.admin.clearLog();
        const failure = await test.stack.preview({ ...test.capture }).then(
          () => expect.unreachable(`a preview with ${JSON.stringify(change)} should fail`),
          (error: Error) => error.message,
        );
        expect(failure).toMatch(message);
        expect(failure).toContain("[MOSAIC_CONFIG]");
        expect(emulator.admin.requestLog()).toEqual([]);
        for (const key of Object.keys(change)) {
          if (config[key]) await test.stack.setConfig(key, config[key]);
          else await test.stack.removeConfig(key);
        }
      }
    } finally {
      await test.stack.setAllConfig(config);
    }
    await expectNoChangesAndNoCalls();
    const logs = test.logs.join("\n");
    for (const secret of secretsIn(emulator)) expect(logs).not.toContain(secret);
  });
});
