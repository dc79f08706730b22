// mosaic.SigningKey's handlers driven in process against the emulator: create and upload (with the status set
// after), adopt by importId, a name clash, drift on read, a key or application gone, replacement semantics and the
// refusals check makes. Each test counts the API calls it expects; the JWK's private members never reach a
// message or a log line.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MosaicClient } from "../../provider/api";
import { ClientDirectory } from "../../provider/resources/client-directory";
import type { ResourceHandlers } from "../../provider/resources/handler-contract";
import { RunRegistry } from "../../provider/resources/run-registry";
import { signingKeyHandlers } from "../../provider/resources/signing-key/handlers";
import { privateJwk, privateValues } from "../support/jwk";
import { apiRequests, clientFor, uniqueName, withEmulator, type Emulator } from "./support/api-support";

let emu: Emulator;
let api: MosaicClient;
let keys: ResourceHandlers;
const logged: string[] = [];

beforeAll(async () => {
  emu = await withEmulator();
  api = clientFor(emu, { maxRetries: 0 });
  const directory = new ClientDirectory(api);
  keys = signingKeyHandlers({
    api: () => api,
    clients: () => directory,
    log: { info: (message) => logged.push(`info ${message}`), warn: (message) => logged.push(`warn ${message}`) },
    run: new RunRegistry(),
  });
});
afterAll(async () => {
  await api.close();
  await emu.close();
});
afterEach(() => {
  logged.length = 0;
});

function calls(): string[] {
  const made = apiRequests(emu.admin.requestLog()).map((entry) => `${entry.method} ${entry.route}`);
  emu.admin.clearLog();
  return made;
}

async function newApp(): Promise<string> {
  const name = uniqueName("keys");
  const app = await api.applications.create({ app_name: name, client_display_name: name });
  emu.admin.clearLog();
  return app.app_id;
}

async function checked(inputs: Record<string, unknown>) {
  const result = await keys.check({}, inputs);
  expect(result.failures).toEqual([]);
  return result.inputs!;
}

describe("mosaic.SigningKey handlers", () => {
  it("creates a generated key in one POST, and an uploaded one with its status in a POST and a PUT", async () => {
    const appId = await newApp();
    const generated = await keys.create(await checked({ applicationId: appId, name: "gen" }));
    expect(calls()).toEqual(["POST /v1/applications/signing-keys"]);
    expect(generated.id).toMatch(new RegExp(`^${appId}/[a-z0-9]+$`));
    expect(generated.outs).toMatchObject({ applicationId: appId, name: "gen", source: "mosaic" });

    const jwk = privateJwk("EC", "handlers-ec");
    const uploaded = await keys.create(await checked({ applicationId: appId, name: "up", status: "validating", jwk }));
    expect(calls()).toEqual(["POST /v1/applications/signing-keys/upload", "PUT /v1/applications/signing-keys/:keyId"]);
    expect(uploaded.outs).toMatchObject({ name: "up", status: "validating", source: "uploaded", kid: "handlers-ec", jwk });
    // The emulator keeps no key material, and its request log keeps none either.
    const everything = JSON.stringify([emu.admin.dump(), emu.admin.requestLog(), logged]);
    for (const secret of privateValues(jwk)) expect(everything).not.toContain(secret);
  });

  it("reads through the list: drift in name and status, the JWK kept from state, a key or application gone", async () => {
    const appId = await newApp();
    const jwk = privateJwk("RSA");
    const created = await keys.create(await checked({ applicationId: appId, name: "k", status: "signing", jwk }));
    calls();
    const keyId = created.id.split("/")[1]!;
    emu.admin.mutateSigningKey!(appId, keyId, { name: "renamed", status: "disabled" });
    const read = await keys.read(created.id, created.outs);
    expect(calls()).toEqual(["GET /v1/applications/signing-keys"]);
    // Compared by content, so a failure does not print the private key.
    expect(read.inputs && JSON.stringify(read.inputs)).toBe(
      JSON.stringify({ applicationId: appId, name: "renamed", status: "disabled", jwk }),
    );
    const program = await checked({ applicationId: appId, name: "k", status: "signing", jwk });
    const { changes, replaces } = await keys.diff(created.id, read.props!, program);
    expect([changes, replaces]).toEqual([true, []]);

    emu.admin.deleteSigningKey!(appId, keyId);
    expect(await keys.read(created.id, created.outs)).toEqual({});
    expect(logged.join("\n")).toContain(`signing key ${keyId} of application ${appId} no longer exists`);
    await api.applications.delete({ app_id: appId });
    expect(await keys.read(created.id, created.outs)).toEqual({});
    // Deleting what is already gone is done.
    await keys.delete(created.id, created.outs!);
  });

  it("a pulumi import (no state) reads name and status only, and names a missing key", async () => {
    const appId = await newApp();
    const key = await api.signingKeys.create({ app_id: appId }, { name: "outside" });
    const read = await keys.read(`${appId}/${key.id}`, {});
    expect(read.inputs).toEqual({ applicationId: appId, name: "outside", status: "signing" });
    await expect(keys.read(`${appId}/nope`, {})).rejects.toThrow(/MOSAIC_LOOKUP_NOT_FOUND/);
    await expect(keys.read("no-slash", {})).rejects.toThrow(/expected "<applicationId>\/<signingKeyId>".*MOSAIC_INVALID_RESOURCE_ID/);
  });

  it("adopts with importId, updating only what differs; a clash names the existing key and the way to adopt it", async () => {
    const appId = await newApp();
    const existing = await api.signingKeys.create({ app_id: appId }, { name: "portal-key" });
    await expect(keys.create(await checked({ applicationId: appId, name: "portal-key" }))).rejects.toThrow(
      new RegExp(
        `signing key in application ${appId} named "portal-key" already exists \\(id ${existing.id}\\).*importId: "${existing.id}"`,
      ),
    );
    calls();
    const adopted = await keys.create(
      await checked({ applicationId: appId, name: "portal-key", status: "validating", importId: existing.id }),
    );
    expect(calls()).toEqual(["GET /v1/applications/signing-keys", "PUT /v1/applications/signing-keys/:keyId"]);
    expect(adopted).toMatchObject({ id: `${appId}/${existing.id}`, outs: { status: "validating" } });
    await expect(keys.create(await checked({ applicationId: appId, name: "x", importId: "missing" }))).rejects.toThrow(
      /MOSAIC_IMPORT_NOT_FOUND/,
    );
  });

  it("updates name and status in one PUT; new key material replaces (deleting first when the name stays)", async () => {
    const appId = await newApp();
    const jwk = privateJwk("EC");
    const olds = (await keys.create(await checked({ applicationId: appId, name: "k", jwk }))).outs;
    const created = (await api.signingKeys.getAll({ app_id: appId }))[0]!;
    calls();
    const renamed = await checked({ applicationId: appId, name: "k2", status: "disabled", jwk });
    expect(await keys.diff(`${appId}/${created.id}`, olds!, renamed)).toMatchObject({ changes: true, replaces: [] });
    const updated = await keys.update(`${appId}/${created.id}`, olds!, renamed);
    expect(calls()).toEqual(["PUT /v1/applications/signing-keys/:keyId"]);
    expect(updated.outs).toMatchObject({ name: "k2", status: "disabled", jwk });

    const rotated = await checked({ applicationId: appId, name: "k2", status: "disabled", jwk: privateJwk("EC") });
    expect(await keys.diff(`${appId}/${created.id}`, updated.outs!, rotated)).toMatchObject({
      replaces: ["jwk"],
      deleteBeforeReplace: true,
    });
    const generatedInstead = await checked({ applicationId: appId, name: "k3", status: "disabled" });
    expect(await keys.diff(`${appId}/${created.id}`, updated.outs!, generatedInstead)).toMatchObject({
      replaces: ["jwk"],
      deleteBeforeReplace: false,
    });
  });

  it("check refuses importId with a jwk and a JWK that is not an object, without echoing it", async () => {
    const jwk = privateJwk("RSA");
    const both = await keys.check({}, { applicationId: "a", name: "n", importId: "k", jwk });
    expect(both.failures).toEqual([{ property: "", reason: expect.stringContaining("jwk: cannot be set together with importId") }]);
    const text = await keys.check({}, { applicationId: "a", name: "n", jwk: JSON.stringify(jwk) });
    expect(text.failures?.map((failure) => failure.reason.split(":")[0])).toEqual(["jwk"]);
    const messages = JSON.stringify([both.failures, text.failures]);
    for (const secret of privateValues(jwk)) expect(messages).not.toContain(secret);
  });
});
