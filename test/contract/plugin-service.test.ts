// The plugin's gRPC service (plugin/server.ts) in process, over a real gRPC connection, against the emulator: config
// from Configure (a wrapped secret, a number), secret outputs, secret inputs kept secret, partial state as the
// engine's ErrorResourceInitFailed, previews that call no handler, per-property diffs and CheckConfig failures. The
// engine's side is test/e2e/yaml-plugin.test.ts and yaml-import.test.ts.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MosaicClient } from "../../provider/api";
import { serve } from "../../plugin/server";
import { isSecret, secret } from "../../plugin/values";
import { apiRequests, clientFor, uniqueName, withEmulator, type Emulator } from "./support/api-support";

const urn = (type: string, name: string) => `urn:pulumi:dev::proj::mosaic:index:${type}::${name}`;
const struct = (value: Record<string, unknown>) => structproto.Struct.fromJavaScript(value as never);

let emu: Emulator;
let api: MosaicClient;
let server: grpc.Server;
let client: provrpc.ResourceProviderClient;

/** One unary call as a promise. */
function call<Res>(invoke: (callback: (error: grpc.ServiceError | null, res: Res) => void) => unknown): Promise<Res> {
  return new Promise((resolve, reject) => invoke((error, res) => (error ? reject(error) : resolve(res))));
}

// The provider's create journal goes to a temp dir, not the user's ~/.pulumi (docs/README.md#crash-recovery).
const journal = mkdtempSync(path.join(tmpdir(), "mosaic-plugin-journal-"));
process.env.MOSAIC_JOURNAL_DIR = journal;

beforeAll(async () => {
  emu = await withEmulator();
  api = clientFor(emu, { maxRetries: 0 });
  const schemaText = readFileSync(path.resolve(__dirname, "../../schema.json"), "utf8");
  const served = await serve({ schemaText, version: "0.0.0-test" });
  server = served.server;
  client = new provrpc.ResourceProviderClient(`127.0.0.1:${served.port}`, grpc.credentials.createInsecure());
  const configure = new provproto.ConfigureRequest().setAcceptsecrets(true);
  configure.setArgs(struct({ apiUrl: emu.url, clientId: emu.clientId, clientSecret: secret(emu.clientSecret), maxRetries: 0 }));
  const configured = await call<provproto.ConfigureResponse>((callback) => client.configure(configure, callback));
  expect(configured.getAcceptsecrets()).toBe(true);
});
afterAll(async () => {
  client?.close();
  server?.forceShutdown();
  await api?.close();
  await emu?.close();
  rmSync(journal, { recursive: true, force: true });
});
afterEach(() => emu.admin.setFaults([]));

describe("the plugin's ResourceProvider service", () => {
  it("creates with the configured credentials; the schema's secret outputs and secret inputs come back secret", async () => {
    const appName = uniqueName("plugin");
    const news = struct({ appName, appDescription: secret("quiet") });
    const checked = await call<provproto.CheckResponse>((callback) =>
      client.check(new provproto.CheckRequest().setUrn(urn("Application", "a")).setNews(news), callback),
    );
    expect(checked.getFailuresList()).toEqual([]);
    const inputs = checked.getInputs()!.toJavaScript();
    expect(isSecret(inputs.appDescription)).toBe(true);

    emu.admin.clearLog();
    const preview = await call<provproto.CreateResponse>((callback) =>
      client.create(
        new provproto.CreateRequest().setUrn(urn("Application", "a")).setProperties(checked.getInputs()).setPreview(true),
        callback,
      ),
    );
    expect(preview.getId()).toBe("");
    expect(apiRequests(emu.admin.requestLog())).toEqual([]);

    const created = await call<provproto.CreateResponse>((callback) =>
      client.create(new provproto.CreateRequest().setUrn(urn("Application", "a")).setProperties(checked.getInputs()), callback),
    );
    const outs = created.getProperties()!.toJavaScript() as Record<string, unknown>;
    expect(outs).toMatchObject({ appId: created.getId(), appName });
    expect(isSecret(outs.defaultClientSecret)).toBe(true);
    expect(isSecret(outs.appDescription) && outs.appDescription.value).toBe("quiet");
    expect((await api.applications.get({ app_id: created.getId() })).app_description).toBe("quiet");
  });

  it("turns a partial create into ErrorResourceInitFailed with the id, and no secret in its properties", async () => {
    const existing = await api.applications.create({ app_name: uniqueName("partial"), client_display_name: "d" });
    emu.admin.setFaults([{ method: "PUT", route: "/v1/applications/:appId", kind: "status", status: 503 }]);
    const request = new provproto.CreateRequest()
      .setUrn(urn("Application", "p"))
      .setProperties(struct({ appName: existing.app_name, appDescription: "x", importId: existing.app_id }));
    const error = await call<provproto.CreateResponse>((callback) => client.create(request, callback)).then(
      () => expect.unreachable("create should fail"),
      (failure: grpc.ServiceError) => failure,
    );
    expect(error.details).toContain("MOSAIC_PARTIAL_CREATE");
    const status = statusproto.Status.deserializeBinary(error.metadata.get("grpc-status-details-bin")[0] as Buffer);
    const detail = provproto.ErrorResourceInitFailed.deserializeBinary(status.getDetailsList()[0].getValue_asU8());
    expect(detail.getId()).toBe(existing.app_id);
    expect(detail.getProperties()!.toJavaScript()).toMatchObject({ appId: existing.app_id, appName: existing.app_name });
    expect(JSON.stringify(detail.getProperties()!.toJavaScript())).not.toContain(String(existing.client_secret));
  });

  it("reads an id alone (an import) as a lookup, and answers a gone object with no id", async () => {
    const created = await api.applications.create({ app_name: uniqueName("import"), client_display_name: "d", app_description: "made" });
    const read = await call<provproto.ReadResponse>((callback) =>
      client.read(new provproto.ReadRequest().setId(created.app_id).setUrn(urn("Application", "i")), callback),
    );
    expect(read.getId()).toBe(created.app_id);
    expect(read.getInputs()!.toJavaScript()).toMatchObject({ appName: created.app_name, appDescription: "made" });
    expect(isSecret(read.getProperties()!.toJavaScript().defaultClientSecret)).toBe(true);
    await api.applications.delete({ app_id: created.app_id });
    const props = read.getProperties()!;
    const gone = await call<provproto.ReadResponse>((callback) =>
      client.read(new provproto.ReadRequest().setId(created.app_id).setUrn(urn("Application", "i")).setProperties(props), callback),
    );
    expect(gone.getId()).toBe("");
  });

  it("answers Diff with every changed property's kind, replacements marked, and no API call", async () => {
    const olds = struct({
      applicationId: "app1",
      name: "web",
      description: "old",
      authenticationProtocol: "oidc",
      redirectUris: ["https://a.example/cb"],
      clientId: "c1",
      clientSecret: secret("shh"),
    });
    const news = struct({ applicationId: "app1", name: "web2", authenticationProtocol: "saml", redirectUris: ["https://a.example/cb"] });
    emu.admin.clearLog();
    const diff = await call<provproto.DiffResponse>((callback) =>
      client.diff(new provproto.DiffRequest().setUrn(urn("Client", "c")).setId("app1/c1").setOlds(olds).setNews(news), callback),
    );
    expect(apiRequests(emu.admin.requestLog())).toEqual([]);
    expect(diff.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(diff.getHasdetaileddiff()).toBe(true);
    expect(diff.getReplacesList()).toEqual(["authenticationProtocol"]);
    expect(diff.getDiffsList().sort()).toEqual(["authenticationProtocol", "description", "name"]);
    const details = diff.getDetaileddiffMap();
    const kinds = Object.fromEntries(diff.getDiffsList().map((name) => [name, details.get(name)?.getKind()]));
    expect(details.getLength()).toBe(3);
    const { UPDATE, DELETE, UPDATE_REPLACE } = provproto.PropertyDiff.Kind;
    expect(kinds).toEqual({ name: UPDATE, description: DELETE, authenticationProtocol: UPDATE_REPLACE });

    const same = await call<provproto.DiffResponse>((callback) =>
      client.diff(new provproto.DiffRequest().setUrn(urn("Client", "c")).setId("app1/c1").setOlds(news).setNews(news), callback),
    );
    expect(same.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_NONE);
    expect(same.getDetaileddiffMap().getLength()).toBe(0);
  });

  it("answers CheckConfig with a failure naming the mosaic: key, and passes valid settings with their secrets", async () => {
    const checkConfig = (news: Record<string, unknown>) =>
      call<provproto.CheckResponse>((callback) =>
        client.checkConfig(
          new provproto.CheckRequest().setUrn("urn:pulumi:dev::proj::pulumi:providers:mosaic::default").setNews(struct(news)),
          callback,
        ),
      );
    const good = await checkConfig({ apiUrl: emu.url, clientId: emu.clientId, clientSecret: secret(emu.clientSecret) });
    expect(good.getFailuresList()).toEqual([]);
    expect(isSecret(good.getInputs()!.toJavaScript().clientSecret)).toBe(true);
    const bad = await checkConfig({ region: "mars", clientId: emu.clientId, clientSecret: secret(emu.clientSecret) });
    expect(bad.getFailuresList().map((failure) => [failure.getProperty(), failure.getReason()])).toEqual([
      ["", expect.stringMatching(/^settings: mosaic:region \(or MOSAIC_REGION\) must be one of us, eu, ca, au, sandbox/)],
    ]);
    expect(JSON.stringify(bad.getFailuresList().map((failure) => failure.toObject()))).not.toContain(emu.clientSecret);
  });

  it("fails the second of two resources with one appName at check, naming both URNs", async () => {
    const news = struct({ appName: uniqueName("twin") });
    const check = (name: string) =>
      call<provproto.CheckResponse>((callback) =>
        client.check(new provproto.CheckRequest().setUrn(urn("Application", name)).setNews(news), callback),
      );
    expect((await check("twin-a")).getFailuresList()).toEqual([]);
    expect((await check("twin-a")).getFailuresList(), "the same resource checked again").toEqual([]);
    const [failure] = (await check("twin-b")).getFailuresList();
    expect(failure?.getProperty()).toBe("appName");
    expect(failure?.getReason()).toContain(urn("Application", "twin-a"));
    expect(failure?.getReason()).toContain(urn("Application", "twin-b"));
    expect(failure?.getReason()).toContain("[MOSAIC_DUPLICATE_NAME]");
  });

  it("keeps an application adopted with importId when the same process deletes the old resource (a rename)", async () => {
    const existing = await api.applications.create({ app_name: uniqueName("renamed"), client_display_name: "d", app_description: "kept" });
    const adopted = await call<provproto.CreateResponse>((callback) =>
      client.create(
        new provproto.CreateRequest()
          .setUrn(urn("Application", "new-name"))
          .setProperties(struct({ appName: existing.app_name, appDescription: "kept", importId: existing.app_id })),
        callback,
      ),
    );
    expect(adopted.getId()).toBe(existing.app_id);
    emu.admin.clearLog();
    await call((callback) =>
      client.delete(
        new provproto.DeleteRequest()
          .setUrn(urn("Application", "old-name"))
          .setId(existing.app_id)
          .setProperties(struct({ appName: existing.app_name, appId: existing.app_id })),
        callback,
      ),
    );
    expect(apiRequests(emu.admin.requestLog()).filter((entry) => entry.method === "DELETE")).toEqual([]);
    expect((await api.applications.get({ app_id: existing.app_id })).app_description).toBe("kept");
    await api.applications.delete({ app_id: existing.app_id });
  });
});
