#!/usr/bin/env node
// The `mosaic-emulator` bin (package.json "bin" → dist/emulator/cli.js). All logic is in cli-main.ts.
import { runCli } from "./cli-main";

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signals: process }).then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; this only guards against a stray handle keeping a stopped emulator alive.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`mosaic-emulator: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
