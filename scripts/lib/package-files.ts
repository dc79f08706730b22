// What the published package must and must not contain, checked against `npm pack --json`'s file list of a fresh
// clone by test/e2e/package.test.ts. Users get the built SDK, provider and emulator with their type declarations,
// the README, CHANGELOG, LICENSE and docs; sources, tests, fixtures, benchmarks, scripts, examples, the code generator and
// source maps (their sources are not shipped) stay in the repository.
import path from "node:path";

interface PackageJson {
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  typesVersions?: Record<string, Record<string, string[]>>;
}

/** Files that must be in the package: every entry point package.json names (types too), and the user documentation. */
export function requiredFiles(pkg: PackageJson, docs: string[]): string[] {
  const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin)];
  for (const entry of Object.values(pkg.exports)) targets.push(...(typeof entry === "string" ? [entry] : Object.values(entry)));
  for (const mapping of Object.values(pkg.typesVersions ?? {})) for (const files of Object.values(mapping)) targets.push(...files);
  const required = new Set(targets.map((target) => path.posix.normalize(target)));
  for (const file of ["package.json", "README.md", "CHANGELOG.md", "LICENSE", "emulator/README.md", "dist/provider/version.js"])
    required.add(file);
  for (const doc of docs) required.add(`docs/${doc}`);
  return [...required].sort();
}

/** Why a packed file must not ship, or undefined when it may. */
export function forbiddenReason(file: string): string | undefined {
  if (file.endsWith(".map")) return "a source map (the sources are not shipped)";
  if (file.endsWith(".ts") && !file.endsWith(".d.ts")) return "TypeScript source (users get dist/)";
  if (/(^|\/)(test|tests|__tests__|fixtures|spec)(\/|$)/.test(file) || /\.test\.[cm]?[jt]s$/.test(file)) return "a test or fixture";
  const top = file.split("/")[0];
  if (["bench", "scripts", "examples", "codegen", "node_modules", ".ci", ".mosaic-work", "coverage"].includes(top)) {
    return `repository-only (${top}/)`;
  }
  if (file.startsWith("dist/") && !/^dist\/(sdk|provider|emulator|export)\//.test(file)) return "a build output users do not load";
  if (/^(tsconfig.*\.json|eslint\.config\.mjs|vitest\.config\.mts|Makefile|package-lock\.json|\.[^/]+)$/.test(file)) {
    return "development configuration";
  }
  return undefined;
}

/** Every problem with a packed file list: required files missing, forbidden files present. Empty when it is right. */
export function packageProblems(files: string[], pkg: PackageJson, docs: string[]): string[] {
  const present = new Set(files);
  const problems = requiredFiles(pkg, docs)
    .filter((file) => !present.has(file))
    .map((file) => `missing: ${file}`);
  for (const file of files) {
    const reason = forbiddenReason(file);
    if (reason) problems.push(`must not ship: ${file} (${reason})`);
  }
  return problems;
}
