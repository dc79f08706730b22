// mosaic.SigningKey through the real engine against the emulator: a generated key and an uploaded JWK, name and
// status updated in place, drift reverted, adoption with importId, a new JWK replacing the key, a lookup, destroy;
// after every step the stored state file, the CLI's output and the engine's events are searched for the JWK's private
// members. Then the same resource from a YAML program through the plugin: a JWK given in the clear, `pulumi import`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type StartedEmulator } from "../../emulator";
import { MosaicClient } from "../../provider/api";
import { emulatorStackConfig, storedState } from "../../scripts/lib/isolated-pulumi";
import { privateJwk, privateValues, type Jwk } from "../support/jwk";
import { failureOf } from "./support/engine";
import { callCounts, createMosaicStack, eventsLeaking, mosaic, totalCalls, type MosaicStack } from "./support/mosaic-stack";
import { requireYamlPlugin, yamlProject, yamlStack, type YamlStack } from "./support/yaml-stack";

type Json = Record<string, any>;

/** Routes as the emulator's request log names them. */
const ROUTE = {
  create: "POST /v1/applications/signing-keys",
  upload: "POST /v1/applications/signing-keys/upload",
  list: "GET /v1/applications/signing-keys",
  update: "PUT /v1/applications/signing-keys/:keyId",
  delete: "DELETE /v1/applications/signing-keys/:keyId",
};

function keysOf(emulator: StartedEmulator): Json[] {
  return (emulator.admin.dump().signingKeys ?? []) as Json[];
}

describe("mosaic.SigningKey (dynamic provider)", () => {
  let test: MosaicStack;
  let api: MosaicClient;
  /** Every JWK the program has uploaded so far: none of their private members may reach state, output or events. */
  const uploaded: Jwk[] = [];
  let jwk = privateJwk("RSA", "e2e-rsa-1");
  uploaded.push(jwk);
  let declare: () => Record<string, unknown> = () => ({});
  let ids: { appId: string; generated: string; imported: string };

  afterAll(async () => {
    await api?.close();
    await test?.dispose();
  });

  async function expectNoPrivateMaterial(stillManaged = true): Promise<void> {
    const stored = await test.exportedState();
    const printed = test.logs.join("\n");
    for (const secret of uploaded.flatMap(privateValues)) {
      expect(stored).not.toContain(secret);
      expect(printed).not.toContain(secret);
      // The Node SDK's own debug lines aside (mosaic-stack.ts), no engine event carries a private member.
      expect(eventsLeaking(test.events, secret).other).toEqual([]);
    }
    if (!stillManaged) return;
    const resource = (await test.stateResources()).find((r) => r.urn.endsWith("mosaic:SigningKey::imported"));
    // Kept (the diff needs it to see a new key), but only as a secret in both the inputs and the outputs: not even
    // the public members are readable.
    for (const stored of [resource?.outputs?.jwk, resource?.inputs?.jwk]) {
      expect(stored?.["4dabf18193072939515e22adb298388d"]).toBe("1b47061264138c4ac30d75fd1eb44270");
    }
    expect(JSON.stringify(resource)).not.toContain(String(jwk.kty === "RSA" ? jwk.n : jwk.x));
  }

  it("creates a generated key and uploads a JWK with a status, keeping the JWK out of plaintext state", async () => {
    let status: "signing" | "disabled" | "validating" | undefined = "validating";
    let generatedName = "generated";
    declare = () => {
      const app = new mosaic.Application("app", { appName: "Signing keys e2e" });
      const generated = new mosaic.SigningKey("generated", { applicationId: app.appId, name: generatedName, status });
      const imported = new mosaic.SigningKey("imported", { applicationId: app.appId, name: "imported", jwk });
      return {
        appId: app.appId,
        generated: generated.signingKeyId,
        generatedStatus: generated.status,
        imported: imported.signingKeyId,
        kid: imported.kid,
        source: imported.source,
      };
    };
    test = await createMosaicStack({ projectName: "signing-key", program: async () => declare() });
    const { stack, capture, emulator } = test;
    api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
    const up = await stack.up({ ...capture });
    ids = { appId: up.outputs.appId.value, generated: up.outputs.generated.value, imported: up.outputs.imported.value };
    expect(up.outputs).toMatchObject({
      kid: { value: "e2e-rsa-1" },
      source: { value: "uploaded" },
      generatedStatus: { value: "validating" },
    });
    const counts = callCounts(emulator);
    expect(counts[ROUTE.create]).toBe(1);
    expect(counts[ROUTE.upload]).toBe(1);
    // A new key starts as "signing": the program's "validating" takes one PUT right after the create.
    expect(counts[ROUTE.update]).toBe(1);
    // The engine creates the two keys in parallel: compare them by name.
    expect(
      keysOf(emulator)
        .map((key) => [key.name, key.status, key.source])
        .sort(),
    ).toEqual([
      ["generated", "validating", "mosaic"],
      ["imported", "signing", "uploaded"],
    ]);
    await expectNoPrivateMaterial();

    emulator.admin.clearLog();
    await stack.preview({ ...capture, expectNoChanges: true });
    await stack.up({ ...capture, expectNoChanges: true });
    expect(totalCalls(emulator)).toBe(0);

    // Name and status update in place: one PUT, no POST, no DELETE, the same key.
    generatedName = "generated-renamed";
    status = "disabled";
    emulator.admin.clearLog();
    const renamed = await stack.up({ ...capture });
    expect(renamed.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(callCounts(emulator)).toEqual({ "POST /oidc/token": 1, [ROUTE.update]: 1 });
    expect(renamed.outputs.generated.value).toBe(ids.generated);
    expect(keysOf(emulator).find((key) => key.id === ids.generated)).toMatchObject({ name: "generated-renamed", status: "disabled" });
  });

  it("refresh reports a name and a status changed outside Pulumi, up reverts both; an unmanaged status is left alone", async () => {
    const { stack, capture, emulator } = test;
    emulator.admin.mutateSigningKey!(ids.appId, ids.generated, { status: "signing" });
    emulator.admin.mutateSigningKey!(ids.appId, ids.imported, { name: "renamed in the portal" });
    emulator.admin.clearLog();
    const refresh = await stack.refresh({ ...capture });
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 2 });
    // One key list per key (there is no single-key GET), plus the application's GET.
    expect(callCounts(emulator)[ROUTE.list]).toBe(2);
    const preview = await stack.preview({ ...capture });
    expect(preview.changeSummary).toMatchObject({ update: 2 });
    emulator.admin.clearLog();
    await stack.up({ ...capture });
    expect(callCounts(emulator)[ROUTE.update]).toBe(2);
    expect(keysOf(emulator).find((key) => key.id === ids.generated)?.status).toBe("disabled");
    expect(keysOf(emulator).find((key) => key.id === ids.imported)?.name).toBe("imported");
    await stack.refresh({ ...capture, expectNoChanges: true });
    await expectNoPrivateMaterial();

    // The program does not set the uploaded key's status: a change to it is none of the program's business.
    emulator.admin.mutateSigningKey!(ids.appId, ids.imported, { status: "validating" });
    await stack.refresh({ ...capture, expectNoChanges: true });
    await stack.preview({ ...capture, expectNoChanges: true });

    emulator.admin.deleteSigningKey!(ids.appId, ids.generated);
    const logsBefore = test.logs.length;
    const dropped = await stack.refresh({ ...capture });
    expect(dropped.summary.resourceChanges).toMatchObject({ delete: 1 });
    expect(test.logs.slice(logsBefore).join("\n")).toContain(`signing key ${ids.generated} of application ${ids.appId} no longer exists`);
    const up = await stack.up({ ...capture });
    expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
    ids.generated = up.outputs.generated.value;
  });

  it("a new JWK replaces the key (the old one deleted first, as the name stays), with no private member in state", async () => {
    const { stack, capture, emulator } = test;
    jwk = privateJwk("EC", "e2e-ec-2");
    uploaded.push(jwk);
    emulator.admin.clearLog();
    const up = await stack.up({ ...capture });
    expect(up.summary.resourceChanges).toMatchObject({ replace: 1 });
    const counts = callCounts(emulator);
    expect(counts[ROUTE.upload]).toBe(1);
    expect(counts[ROUTE.delete]).toBe(1);
    expect(up.outputs.imported.value).not.toBe(ids.imported);
    expect(up.outputs.kid.value).toBe("e2e-ec-2");
    expect(keysOf(emulator).map((key) => key.kid)).not.toContain("e2e-rsa-1");
    ids.imported = up.outputs.imported.value;
    await expectNoPrivateMaterial();
  });

  it("importId adopts an existing key with one PUT and never POSTs; a missing one fails clearly; get reads one", async () => {
    const { stack, capture, emulator } = test;
    const existing = await api.signingKeys.create({ app_id: ids.appId }, { name: "made by hand" });
    const previous = declare;
    declare = () => {
      const outputs = previous();
      const adopted = new mosaic.SigningKey("adopted", {
        applicationId: ids.appId,
        name: "made by hand",
        status: "validating",
        importId: existing.id,
      });
      const looked = mosaic.SigningKey.get("looked-up", `${ids.appId}/${existing.id}`);
      return { ...outputs, adopted: adopted.signingKeyId, lookedUpKid: looked.kid };
    };
    emulator.admin.clearLog();
    const up = await stack.up({ ...capture });
    expect(up.outputs.adopted.value).toBe(existing.id);
    expect(up.outputs.lookedUpKid.value).toBe(existing.kid);
    const counts = callCounts(emulator);
    expect(counts[ROUTE.create]).toBeUndefined();
    expect(counts[ROUTE.upload]).toBeUndefined();
    expect(counts[ROUTE.update]).toBe(1);
    expect(keysOf(emulator).find((key) => key.id === existing.id)?.status).toBe("validating");
    await stack.preview({ ...capture, expectNoChanges: true });

    const adopting = declare;
    declare = () => {
      const outputs = adopting();
      new mosaic.SigningKey("ghost", { applicationId: ids.appId, name: "ghost", importId: "no-such-key" });
      return outputs;
    };
    const error = await failureOf(stack.up({ ...capture }));
    expect(error?.message).toContain('importId "no-such-key": no signing key of application');
    declare = adopting;
  });

  it("a name taken in the application fails with MOSAIC_NAME_TAKEN naming the key; destroy deletes every managed key", async () => {
    const { stack, capture, emulator } = test;
    const adopting = declare;
    declare = () => {
      const outputs = adopting();
      new mosaic.SigningKey("clash", { applicationId: ids.appId, name: "imported" });
      return outputs;
    };
    const error = await failureOf(stack.up({ ...capture }));
    expect(error?.message).toContain("A signing key in application");
    expect(error?.message).toContain("[MOSAIC_NAME_TAKEN]");
    declare = adopting;
    await stack.up({ ...capture });
    await stack.destroy({ ...capture });
    expect(keysOf(emulator)).toEqual([]);
    await expectNoPrivateMaterial(false);
  });
});

describe("mosaic:index:SigningKey from a YAML program (the plugin)", () => {
  let base: string;
  let emulator: StartedEmulator;
  let api: MosaicClient;
  let yaml: YamlStack;
  const jwk = privateJwk("EC", "yaml-ec");

  afterAll(async () => {
    await yaml?.stack.destroy({ ...yaml.capture }).catch(() => undefined);
    await api?.close();
    await emulator?.close();
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it("uploads a JWK given in the clear, stores it only encrypted, and pulumi import takes <applicationId>/<signingKeyId>", async () => {
    requireYamlPlugin();
    base = mkdtempSync(path.join(tmpdir(), "mosaic-yaml-signing-key-"));
    emulator = await startEmulator({ seed: 31 });
    api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
    const app = await api.applications.create({ app_name: "yaml keys", client_display_name: "yaml keys" });
    const resources = [
      "  uploaded:",
      "    type: mosaic:index:SigningKey",
      "    properties:",
      `      applicationId: ${app.app_id}`,
      "      name: uploaded",
      // In the clear in the program: the plugin's Check makes it a secret all the same (the schema marks it so).
      `      jwk: ${JSON.stringify(jwk)}`,
    ].join("\n");
    const project = yamlProject("yaml-signing-key", resources, "  kid: ${uploaded.kid}\n  id: ${uploaded.signingKeyId}");
    yaml = await yamlStack(base, project, emulatorStackConfig(emulator));
    const up = await yaml.stack.up({ ...yaml.capture });
    expect(up.outputs.kid.value).toBe("yaml-ec");
    const state = JSON.stringify(await yaml.stack.exportStack());
    expect(state).toContain("yaml-ec");
    const stored = storedState(yaml.backend, "yaml-signing-key", "dev");
    // Even the public member is unreadable: inputs and outputs hold the whole JWK as a secret.
    expect(stored).not.toContain(String(jwk.x));
    for (const secret of privateValues(jwk)) {
      expect(stored).not.toContain(secret);
      expect(yaml.logs.join("\n")).not.toContain(secret);
    }
    await yaml.stack.preview({ ...yaml.capture, expectNoChanges: true });

    const existing = await api.signingKeys.create({ app_id: app.app_id }, { name: "to import" });
    const imported = await yaml.cli([
      "import",
      "mosaic:index:SigningKey",
      "imported",
      `${app.app_id}/${existing.id}`,
      "--yes",
      "--protect=false",
      "--generate-code=false",
    ]);
    expect(imported).toContain("imported");
    const bad = await yaml
      .cli(["import", "mosaic:index:SigningKey", "bad", existing.id, "--yes", "--generate-code=false"])
      .catch((e: Error) => e);
    expect(String(bad)).toContain('is not a SigningKey id: expected "<applicationId>/<signingKeyId>"');
  });
});
