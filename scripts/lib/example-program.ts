// Runs an example project's index.ts as an inline Automation API program (the demo and the examples' e2e test).
// The example is a plain top-level Pulumi program: it is transpiled to CommonJS next to itself, so `pulumi-mosaic`
// and `@pulumi/pulumi` resolve from this repository, and required afresh on every run, since each run of a program
// is one evaluation of it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import ts from "typescript";

// This file is an ES module when Node strips its types, so it has no `require` of its own.
const nodeRequire = createRequire(import.meta.url);

export interface ExampleProgram {
  /** The inline program: evaluates the example and returns its exports as stack outputs. */
  run(): Promise<Record<string, unknown>>;
  /** Removes the transpiled copy. */
  cleanUp(): void;
}

export function exampleProgram(exampleDir: string): ExampleProgram {
  const source = readFileSync(path.join(exampleDir, "index.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const buildDir = path.join(exampleDir, ".demo-build");
  mkdirSync(buildDir, { recursive: true });
  const compiled = path.join(buildDir, "index.js");
  writeFileSync(compiled, outputText);
  return {
    run: async () => {
      delete nodeRequire.cache[compiled];
      return { ...nodeRequire(compiled) };
    },
    cleanUp: () => rmSync(buildDir, { recursive: true, force: true }),
  };
}
