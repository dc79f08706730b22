// What the package says about itself agrees with package.json, the one source of the version and requirements:
// the provider's run-time `version`, the CHANGELOG and the README's Install section. The packed file list itself is
// checked on a real `npm pack` of a fresh clone (test/e2e/package.test.ts); here, the expectation's own rules.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { userAgent, version } from "../../provider/version";
import { forbiddenReason, packageProblems, requiredFiles } from "../../scripts/lib/package-files";

const root = path.resolve(__dirname, "../..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const nodeRequire = createRequire(__filename);

/** The packages a shipped folder imports or requires (bare specifiers; node: built-ins and relative paths left out). */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".ts")) continue;
    const text = read(path.join(dir, entry));
    for (const match of text.matchAll(/(?:from |require\(|import\()"([^"./][^"]*)"/g)) {
      if (match[1].startsWith("node:")) continue;
      const parts = match[1].split("/");
      found.add(match[1].startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]);
    }
  }
  return found;
}

describe("package metadata", () => {
  it("the provider reports package.json's version, in source and as built", () => {
    expect(version).toBe(pkg.version);
    expect(nodeRequire("pulumi-mosaic/provider").version).toBe(pkg.version);
    expect(userAgent.startsWith(`pulumi-mosaic/${pkg.version} `)).toBe(true);
  });

  it("the CHANGELOG follows Keep a Changelog and semantic versioning, with the current version as the first release", () => {
    const changelog = read("CHANGELOG.md");
    expect(changelog).toMatch(/^# Changelog\n/);
    expect(changelog).toContain("[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)");
    expect(changelog).toContain("[Semantic Versioning](https://semver.org/spec/v2.0.0.html)");
    const headings = changelog.match(/^## .*$/gm) ?? [];
    expect(headings[0]).toBe("## [Unreleased]");
    expect(changelog).toContain(`released as **${pkg.version}, the first release**`);
    // Every release heading is `## [x.y.z] - YYYY-MM-DD`; none yet, since nothing is published.
    for (const heading of headings.slice(1)) expect(heading).toMatch(/^## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/);
  });

  it("the README's Install section states the Node.js and Pulumi versions package.json requires and the tests use", () => {
    const install = read("README.md").split("\n## Install\n")[1].split("\n## ")[0].replace(/\s+/g, " ");
    expect(pkg.engines.node).toBe(">=22");
    expect(install).toContain("**Node.js 22 or newer**");
    expect(pkg.peerDependencies["@pulumi/pulumi"]).toBe("^3.216.0");
    expect(install).toContain("**`@pulumi/pulumi` 3.216 or newer**");
    expect(install).toContain(`the tests use ${pkg.devDependencies["@pulumi/pulumi"]} of both`);
    expect(read("scripts/pulumi-cli/go.mod")).toContain(`github.com/pulumi/pulumi/pkg/v3 v${pkg.devDependencies["@pulumi/pulumi"]}`);
    expect(pkg.scripts.prepare).toBe("npm run build:package");
  });

  it("what the shipped code imports is declared: dependencies or the peer @pulumi/pulumi, their types as devDependencies", () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies), pkg.name]);
    const imported = new Set(["provider", "sdk", "emulator", "export"].flatMap((dir) => [...importedPackages(dir)]));
    expect([...imported].sort()).toEqual(expect.arrayContaining(["@pulumi/pulumi", "undici", "zod"]));
    expect([...imported].filter((name) => !declared.has(name))).toEqual([]);
    // The build (prepare, on a git install too) compiles against these; a dependency without its own types needs @types.
    for (const name of ["typescript", "@types/node", "@pulumi/pulumi"]) expect(pkg.devDependencies[name], name).toBeDefined();
  });

  it("the packed-file expectation requires every entry point and rejects sources, maps, tests and tooling", () => {
    const required = requiredFiles(pkg, ["README.md"]);
    expect(required).toEqual(
      expect.arrayContaining([
        "dist/sdk/index.js",
        "dist/provider/index.d.ts",
        "dist/emulator/cli.js",
        "dist/export/cli.js",
        "CHANGELOG.md",
        "docs/README.md",
      ]),
    );
    expect(packageProblems(required, pkg, ["README.md"])).toEqual([]);
    for (const file of [
      "dist/sdk/index.js.map",
      "sdk/index.ts",
      "dist/codegen/generate.js",
      "test/unit/x.js",
      "dist/emulator/spec/openapi.json",
      "scripts/env.sh",
      "tsconfig.json",
      ".npmrc",
    ]) {
      expect(forbiddenReason(file), file).toBeDefined();
    }
    expect(packageProblems([...required, "bench/run.js"], pkg, ["README.md"])).toEqual([
      "must not ship: bench/run.js (repository-only (bench/))",
    ]);
  });
});
