#!/usr/bin/env node
// The `mosaic-export` bin (package.json "bin" → dist/export/cli.js). All logic is in cli-main.ts.
import { runCli } from "./cli-main";

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mosaic-export: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
