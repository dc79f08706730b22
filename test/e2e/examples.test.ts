// The example projects stay true: each runs as committed (its index.ts and, for examples/ci, its stack config file)
// through the real engine against the emulator: up, an empty refresh, an empty preview, destroy.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { exampleProgram, type ExampleProgram } from "../../scripts/lib/example-program";
import { repoRoot } from "./support/engine";
import { createMosaicStack, secretsIn, type MosaicStack } from "./support/mosaic-stack";

/** The example's committed stack config, minus the tenant settings the emulator replaces. */
function committedConfig(file: string): Record<string, { value: string }> {
  const config: Record<string, unknown> = YAML.parse(readFileSync(file, "utf8")).config ?? {};
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => !["mosaic:region", "mosaic:apiUrl", "mosaic:clientId", "mosaic:clientSecret"].includes(key))
      .map(([key, value]) => [key, { value: typeof value === "string" ? value : JSON.stringify(value) }]),
  );
}

describe("examples", () => {
  const opened: { test: MosaicStack; example: ExampleProgram }[] = [];
  afterAll(async () => {
    for (const { test, example } of opened) {
      example.cleanUp();
      await test.dispose();
    }
  });

  it.each([
    { dir: "examples/basic", project: "mosaic-basic", stackFile: undefined, resources: 4, apps: 1 },
    { dir: "examples/ci", project: "mosaic-ci", stackFile: "Pulumi.ci.yaml", resources: 6, apps: 3 },
  ])("$dir runs as committed: up, then refresh and preview find nothing to change", async ({ dir, project, stackFile, resources, apps }) => {
    const exampleDir = path.join(repoRoot, dir);
    // The project name decides the namespace of the example's own config keys (e.g. mosaic-ci:environments).
    expect(YAML.parse(readFileSync(path.join(exampleDir, "Pulumi.yaml"), "utf8")).name).toBe(project);
    const example = exampleProgram(exampleDir);
    const test = await createMosaicStack({
      projectName: project,
      program: example.run,
      config: stackFile ? committedConfig(path.join(exampleDir, stackFile)) : {},
    });
    opened.push({ test, example });

    const up = await test.stack.up({ ...test.capture });
    expect(up.summary.resourceChanges).toMatchObject({ create: resources + 1 });
    expect((test.emulator.admin.dump() as { applications: unknown[] }).applications).toHaveLength(apps);
    await test.stack.refresh({ ...test.capture, expectNoChanges: true });
    await test.stack.preview({ ...test.capture, expectNoChanges: true });
    const state = await test.exportedState();
    for (const secret of secretsIn(test.emulator)) expect(state.includes(secret)).toBe(false);

    await test.stack.destroy({ ...test.capture });
    expect(test.emulator.admin.dump()).toEqual({ applications: [], clients: [] });
  });
});
