// The demo behind `make demo` (run by scripts/demo.sh with Node's own TypeScript type stripping, so it loads the
// built package from dist/ exactly as a user's program would). It runs examples/basic with the real Pulumi CLI,
// through the Automation API, against a fresh emulator, and walks through what a platform team sees:
//   up -> outputs (secrets masked) -> someone edits a client in the admin portal -> refresh shows the drift ->
//   up reverts it -> refresh finds nothing -> destroy leaves the tenant empty.
// Only erasable TypeScript and `require`, all inside one function, so Node runs it directly and tsc checks it.
void (async function demo(): Promise<void> {
  const { mkdtempSync, rmSync } = require("node:fs") as typeof import("node:fs");
  const os = require("node:os") as typeof import("node:os");
  const path = require("node:path") as typeof import("node:path");
  const automation = require("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");

  const repoRoot = path.resolve(__dirname, "..");
  const { startEmulator } = require(path.join(repoRoot, "dist/emulator")) as typeof import("../emulator");
  const { createInlineStack, emulatorStackConfig } = require(
    path.join(__dirname, "lib/isolated-pulumi.ts"),
  ) as typeof import("./lib/isolated-pulumi");
  const { exampleProgram } = require(path.join(__dirname, "lib/example-program.ts")) as typeof import("./lib/example-program");
  const exampleDir = path.join(repoRoot, "examples/basic");

  const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
  let stepNumber = 0;
  function step(title: string): void {
    stepNumber += 1;
    console.log(`\n${bold(`== ${stepNumber}. ${title}`)}\n`);
  }

  async function main(): Promise<void> {
    step("Start the Mosaic emulator (a local Applications API with its token endpoint)");
    const emulator = await startEmulator({});
    console.log(`API:            ${emulator.url}`);
    console.log(`token endpoint: ${emulator.tokenUrl}`);

    const example = exampleProgram(exampleDir);
    const base = mkdtempSync(path.join(os.tmpdir(), "mosaic-demo-"));
    const print = { onOutput: (text: string) => process.stdout.write(text) };
    try {
      const { stack } = await createInlineStack(automation, {
        base,
        projectName: "mosaic-demo",
        stackName: "dev",
        program: example.run,
        main: repoRoot,
        passphrase: "mosaic-demo",
      });
      // As a user would: the API URL and client id in plain config, the client secret as an encrypted secret.
      await stack.setAllConfig(emulatorStackConfig(emulator));

      step("pulumi up: create the application, its clients and a resource list");
      const up = await stack.up(print);

      step("Stack outputs (secrets stay masked)");
      for (const [name, output] of Object.entries(up.outputs as Record<string, { value: unknown; secret: boolean }>)) {
        console.log(`${name.padEnd(18)} ${output.secret ? "[secret]" : JSON.stringify(output.value)}`);
      }

      const appId = String(up.outputs.appId.value);
      const webClientId = String(up.outputs.webClientId.value);
      step("Someone edits the web client in the admin portal (an out-of-band change)");
      emulator.admin.mutateClient(appId, webClientId, { redirect_uris: ["https://attacker.example/steal"] });
      console.log(`redirect_uris of client ${webClientId} set to ["https://attacker.example/steal"]`);

      step("pulumi refresh: the drift shows up");
      const refresh = await stack.refresh(print);
      const drifted = refresh.summary.resourceChanges?.update ?? 0;
      console.log(`\n${drifted} resource(s) drifted`);

      step("pulumi up --diff: the program's values are restored");
      await stack.up({ ...print, diff: true });
      const web = emulator.admin.dump().clients.find((c) => c.client_id === webClientId);
      console.log(`\nredirect_uris in the tenant again: ${JSON.stringify(web?.redirect_uris)}`);

      step("pulumi refresh --expect-no-changes: the scheduled drift check passes");
      await stack.refresh({ ...print, expectNoChanges: true });

      step("pulumi destroy");
      await stack.destroy(print);
      const left = emulator.admin.dump();
      console.log(`\nleft in the tenant: ${left.applications.length} applications, ${left.clients.length} clients`);
      if (drifted === 0 || left.applications.length > 0) throw new Error("the demo did not behave as described");
      console.log(`\n${bold("Demo complete.")} API requests served by the emulator: ${emulator.admin.requestLog().length}`);
    } finally {
      await emulator.close();
      rmSync(base, { recursive: true, force: true });
      example.cleanUp();
    }
  }

  await main();
})().catch((error: Error) => {
  console.error(`\ndemo failed: ${error.message}`);
  process.exit(1);
});
