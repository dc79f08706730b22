// Entry of the pulumi-resource-mosaic plugin (docs/multi-language.md). The engine starts the launcher with its own
// address as the first argument and reads the port this process listens on from the first line of stdout.
//
// The schema lives next to it in the plugin folder (what `make build` writes into dist/pulumi-plugin/) or, when run
// as dist/plugin/main.js from a checkout, in the repository root. The version is the package's (provider/version.ts).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setLogSink, version, watchEngine } from "../provider";
import { engineLogSink } from "./engine-log";
import { serve } from "./server";

function asset(name: string): string {
  const beside = join(__dirname, name);
  return readFileSync(existsSync(beside) ? beside : join(__dirname, "..", "..", name), "utf8");
}

async function main(): Promise<void> {
  // An engine killed with SIGKILL cannot stop its plugins: stop with it (provider/engine-lifetime.ts).
  watchEngine();
  const engineAddress = process.argv[2];
  if (engineAddress) setLogSink(engineLogSink(engineAddress));
  const { port } = await serve({ schemaText: asset("schema.json"), version });
  // As a string, so that Node never colours it.
  process.stdout.write(`${String(port)}\n`);
}

main().catch((error: unknown) => {
  console.error(`pulumi-resource-mosaic: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
