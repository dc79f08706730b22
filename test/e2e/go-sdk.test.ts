// The generated Go SDK (sdks/go) over the plugin (dist/pulumi-plugin), through the real engine and the Go language
// host (v3.66.0, which compiles the program with `go build` for every engine run), against the emulator:
// test/programs/go copied to a temp dir, its `replace` of the SDK made absolute. scripts/test.sh compiles the same
// program first (go vet, go build), so the host's builds hit the Go build cache. The scenario: support/sdk-program.ts.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./support/engine";
import { pluginByPath } from "./support/project-stack";
import { describeSdkProgram } from "./support/sdk-program";

describeSdkProgram({
  language: "Go",
  projectName: "mosaic-go",
  seed: 17,
  needs: [["pulumi-language-go on PATH (ensure_go_host in scripts/env.sh)", (process.env.PATH ?? "").includes("pulumi-language-go")]],
  writeProject: (workDir) => {
    cpSync(path.join(repoRoot, "test", "programs", "go"), workDir, { recursive: true });
    const goMod = path.join(workDir, "go.mod");
    const sdk = path.join(repoRoot, "sdks", "go");
    writeFileSync(goMod, readFileSync(goMod, "utf8").replace("=> ../../../sdks/go", `=> ${sdk}`));
    writeFileSync(path.join(workDir, "Pulumi.yaml"), `name: mosaic-go\nruntime: go\n${pluginByPath}`);
  },
  extraEnv: { GOFLAGS: "-mod=readonly" },
});
