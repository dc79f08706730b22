// What the user reads, through the real engine: a refused replacement is said once and only about the client it
// concerns, removing importId from an adopted client previews no change, and each provider warning is printed once.
import { afterAll, describe, expect, it } from "vitest";
import { MosaicClient } from "../../provider/api";
import { failureOf } from "./support/engine";
import { createMosaicStack, mosaic, type MosaicStack } from "./support/mosaic-stack";

/** How often `text` occurs in `haystack`. */
const occurrences = (haystack: string, text: string): number => haystack.split(text).length - 1;
/** The engine's diagnostics (one event per message a provider or the engine emitted) that contain `text`. */
const diagnosticsWith = (events: string[], text: string): string[] =>
  events.filter((event) => (JSON.parse(event).diagnosticEvent?.message ?? "").includes(text));
/**
 * The CLI shows every diagnostic twice: as a progress line and again in its closing "Diagnostics:" section. Printed
 * once means one diagnostic, so once in that section.
 */
const summaryOf = (output: string): string => output.slice(output.indexOf("\nDiagnostics:"));

describe("messages the engine prints", () => {
  let test: MosaicStack;
  let api: MosaicClient;
  let existing: { appId: string; defaultClientId: string; webId: string };
  let rotation: string | undefined;
  let adoptDefault = true;
  afterAll(async () => {
    await api?.close();
    await test?.dispose();
  });

  const declare = () => {
    const app = new mosaic.Application("portal", { appName: "Messages portal", importId: existing.appId });
    new mosaic.Client("web", {
      applicationId: app.appId,
      name: "web",
      redirectUris: ["https://portal.example.com/cb"],
      importId: existing.webId,
      secretRotationTrigger: rotation,
    });
    new mosaic.Client("default", {
      applicationId: app.appId,
      name: "Messages portal",
      redirectUris: ["https://portal.example.com/default"],
      importId: adoptDefault ? existing.defaultClientId : undefined,
    });
    return {};
  };

  it("adopts an application, its default client and another client", async () => {
    test = await createMosaicStack({ projectName: "messages", program: async () => declare() });
    const { emulator, stack, capture } = test;
    api = new MosaicClient({ apiUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret }, { env: {} });
    const app = await api.applications.create({ app_name: "Messages portal", client_display_name: "Messages portal" });
    const web = await api.clients.create({ app_id: app.app_id }, { name: "web", redirect_uris: ["https://old.example.com/cb"] });
    existing = { appId: app.app_id, defaultClientId: String(app.client_id), webId: web.client_id };
    await stack.up({ ...capture });
  });

  it("a refused replacement of an adopted client is printed once, without a stack trace or a word about default clients", async () => {
    const { stack, capture, emulator } = test;
    const before = emulator.admin.dump();
    const logsBefore = test.logs.length;
    const eventsBefore = test.events.length;
    rotation = "rotate-now";
    const error = await failureOf(stack.up({ ...capture }));
    rotation = undefined;
    const output = test.logs.slice(logsBefore).join("");
    const refusal = "replaces the client, but importId is still set";
    expect(error?.message).toContain("MOSAIC_REPLACE_WITH_IMPORT_ID");
    expect(diagnosticsWith(test.events.slice(eventsBefore), refusal), output).toHaveLength(1);
    expect(occurrences(summaryOf(output), refusal), output).toBe(1);
    expect(output).not.toMatch(/Error: [^\n]*: (Mosaic\w*)?Error: /);
    expect(output).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack frames
    expect(output).not.toContain("default client");
    expect(output).toContain("Remove importId");
    expect(emulator.admin.dump()).toEqual(before);
  });

  it("removing importId from the adopted default client (or any adopted client) previews no change", async () => {
    const { stack, capture, emulator } = test;
    adoptDefault = false;
    emulator.admin.clearLog();
    const preview = await stack.preview({ ...capture, diff: true });
    expect(preview.changeSummary).toEqual({ same: expect.any(Number) });
    expect(preview.stdout).not.toContain("importId");
    await stack.up({ ...capture });
    await stack.preview({ ...capture, expectNoChanges: true });
    expect(emulator.admin.requestLog().filter((entry) => entry.method !== "GET" && !entry.path.includes("oidc"))).toEqual([]);
  });

  it("a provider warning is printed once", async () => {
    const { stack, capture, emulator } = test;
    emulator.admin.deleteClient(existing.appId, existing.webId);
    const logsBefore = test.logs.length;
    const eventsBefore = test.events.length;
    await stack.refresh({ ...capture });
    const output = test.logs.slice(logsBefore).join("");
    const warning = `client ${existing.webId} of application ${existing.appId} no longer exists (deleted outside Pulumi)`;
    expect(diagnosticsWith(test.events.slice(eventsBefore), warning), output).toHaveLength(1);
    expect(occurrences(summaryOf(output), warning), output).toBe(1);
  });
});
