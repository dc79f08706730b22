// Provider settings through the real engine: credentials from the environment instead of stack config, a wrong
// client secret, and a missing setting. Errors name the setting and never show the secret.
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type StartedEmulator } from "../../emulator";
import { createTestStack, failureOf, type TestStack } from "./support/engine";
import { mosaic } from "./support/mosaic-stack";

describe("provider configuration", () => {
  let emulator: StartedEmulator;
  const stacks: TestStack[] = [];
  afterAll(async () => {
    for (const test of stacks) await test.dispose();
    await emulator?.close();
  });
  const program = async () => ({ appId: new mosaic.Application("portal", { appName: `Config portal ${stacks.length}` }).appId });

  it("reads the MOSAIC_* environment variables when the stack has no mosaic:* config", async () => {
    emulator = await startEmulator({});
    const test = await createTestStack({
      projectName: "config-env",
      program,
      env: { MOSAIC_API_URL: emulator.url, MOSAIC_CLIENT_ID: emulator.clientId, MOSAIC_CLIENT_SECRET: emulator.clientSecret },
    });
    stacks.push(test);
    const up = await test.stack.up({ ...test.capture });
    expect(up.summary.resourceChanges).toMatchObject({ create: 2 });
    expect(emulator.admin.dump().applications).toHaveLength(1);
    expect(await test.exportedState()).not.toContain(emulator.clientSecret);
  });

  it("fails with an authentication error that names the settings, not the secret, when the secret is wrong", async () => {
    const wrongSecret = "wrong-secret-value-that-must-not-be-printed";
    const test = await createTestStack({
      projectName: "config-wrong-secret",
      program,
      config: {
        "mosaic:apiUrl": { value: emulator.url },
        "mosaic:clientId": { value: emulator.clientId },
        "mosaic:clientSecret": { value: wrongSecret, secret: true },
      },
    });
    stacks.push(test);
    const before = emulator.admin.dump();
    const error = await failureOf(test.stack.up({ ...test.capture }));
    expect(error?.message).toContain("refused the client credentials");
    expect(error?.message).toContain("Check mosaic:clientId and mosaic:clientSecret");
    expect(error?.message).not.toContain(wrongSecret);
    expect(test.logs.join("")).not.toContain(wrongSecret);
    expect(await test.exportedState()).not.toContain(wrongSecret);
    expect(emulator.admin.dump()).toEqual(before);
  });

  it("fails naming the missing setting when there is no client id anywhere", async () => {
    const test = await createTestStack({ projectName: "config-missing", program, config: { "mosaic:apiUrl": { value: emulator.url } } });
    stacks.push(test);
    const error = await failureOf(test.stack.up({ ...test.capture }));
    expect(error?.message).toContain("mosaic:clientId (or MOSAIC_CLIENT_ID) is required");
  });
});
