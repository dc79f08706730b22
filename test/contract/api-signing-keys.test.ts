// The API client's signing-key operations against the emulator: every operation sends the application as the
// `app_id` query parameter, parses the bare key, and an uploaded JWK's private members never reach an error message
// or a log line, even when the API echoes them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MosaicApiError, type MosaicClient } from "../../provider/api";
import { resetSharedStateForTests } from "../../provider/api/testing";
import { privateJwk, privateValues } from "../support/jwk";
import { CapturingLogger, apiRequests, clientFor, uniqueName, withEmulator, type Emulator } from "./support/api-support";

let emu: Emulator;
let mosaic: MosaicClient;

beforeAll(async () => {
  emu = await withEmulator();
});
afterAll(async () => {
  await emu.close();
  await resetSharedStateForTests();
});
afterEach(async () => {
  await mosaic?.close();
  await resetSharedStateForTests();
  emu.admin.reset();
  emu.admin.setFaults([]);
});

async function newApp(client: MosaicClient): Promise<string> {
  const name = uniqueName("keys");
  return (await client.applications.create({ app_name: name, client_display_name: name })).app_id;
}

describe("signing keys", () => {
  it("create, upload, list, find, update and delete, each with the app_id query parameter", async () => {
    mosaic = clientFor(emu);
    const appId = await newApp(mosaic);
    const created = await mosaic.signingKeys.create({ app_id: appId }, { name: "generated" });
    expect(created).toMatchObject({ app_id: appId, name: "generated", source: "mosaic" });
    const uploaded = await mosaic.signingKeys.upload({ app_id: appId }, { name: "uploaded", jwk: privateJwk("EC", "kid-ec") });
    expect(uploaded).toMatchObject({ kid: "kid-ec", source: "uploaded" });
    expect((await mosaic.signingKeys.getAll({ app_id: appId })).map((key) => key.id)).toEqual([created.id, uploaded.id]);
    expect(await mosaic.signingKeys.find({ app_id: appId, key_id: uploaded.id })).toEqual(uploaded);
    expect(await mosaic.signingKeys.find({ app_id: appId, key_id: "nope" })).toBeUndefined();
    const updated = await mosaic.signingKeys.update({ app_id: appId, key_id: created.id }, { status: "validating", name: "renamed" });
    expect(updated).toMatchObject({ status: "validating", name: "renamed" });
    await mosaic.signingKeys.delete({ app_id: appId, key_id: created.id });
    const gone = await mosaic.signingKeys.delete({ app_id: appId, key_id: created.id }).catch((error: unknown) => error);
    expect(MosaicApiError.isInstance(gone) && gone.code).toBe("MOSAIC_NOT_FOUND");
    // The emulator answers 400 to any of these without app_id (emulator-signing-keys.test.ts): 8 calls went through.
    const keyRequests = apiRequests(emu.admin.requestLog()).filter((entry) => entry.route.includes("signing-keys"));
    expect(keyRequests.map((entry) => `${entry.method} ${entry.status}`)).toEqual([
      "POST 201",
      "POST 201",
      "GET 200",
      "GET 200",
      "GET 200",
      "PUT 200",
      "DELETE 204",
      "DELETE 404",
    ]);
  });

  it("refuses an empty app_id or key id before sending anything", async () => {
    mosaic = clientFor(emu);
    await expect(mosaic.signingKeys.getAll({ app_id: "" })).rejects.toMatchObject({ code: "MOSAIC_INVALID_ARGUMENT" });
    await expect(mosaic.signingKeys.update({ app_id: "a", key_id: " " }, {})).rejects.toMatchObject({ code: "MOSAIC_INVALID_ARGUMENT" });
    expect(apiRequests(emu.admin.requestLog())).toEqual([]);
  });

  it("an error that echoes the JWK's private members is redacted in its message and in the log", async () => {
    const logger = new CapturingLogger();
    mosaic = clientFor(emu, {}, { logger });
    const appId = await newApp(mosaic);
    const jwk = privateJwk("RSA");
    // The emulator's 404 names the application id it was given, so an id holding a private member echoes it back.
    const error = await mosaic.signingKeys.upload({ app_id: `${appId}-${String(jwk.d)}` }, { name: "k", jwk }).catch((e: unknown) => e);
    expect(MosaicApiError.isInstance(error) && error.code).toBe("MOSAIC_NOT_FOUND");
    expect(MosaicApiError.isInstance(error)).toBe(true);
    const seen = [String((error as Error).message), JSON.stringify(error), ...logger.lines].join("\n");
    for (const secret of privateValues(jwk)) expect(seen).not.toContain(secret);
    expect(seen).toContain("[REDACTED]");
  });
});
