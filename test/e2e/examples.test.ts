// The example projects are real Pulumi projects: each runs as committed, as a directory program (Pulumi.yaml,
// index.ts, and for examples/ci its stack config file) through the CLI and its Node.js language host, against the
// emulator: up, an empty refresh, an empty preview, destroy. A copy is used so the run never writes stack files
// into the repository; it sits inside the repository so `pulumi-mosaic` resolves as the examples' file:../..
// dependency would.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { emulatorStackConfig, isolatedPulumi, preparedPulumiCommand, storedState } from "../../scripts/lib/isolated-pulumi";
import { startEmulator, type StartedEmulator } from "../../emulator";
import { auto, repoRoot } from "./support/engine";
import { secretsIn } from "./support/mosaic-stack";

describe("examples", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it.each([
    { example: "basic", stackName: "dev", resources: 4, apps: 1 },
    { example: "ci", stackName: "ci", resources: 6, apps: 3 },
  ])(
    "examples/$example runs as committed: up, then refresh and preview find nothing to change",
    async ({ example, stackName, resources, apps }) => {
      const scratch = path.join(repoRoot, ".mosaic-work");
      mkdirSync(scratch, { recursive: true });
      const base = mkdtempSync(path.join(scratch, `example-${example}-`));
      const workDir = path.join(base, example);
      cpSync(path.join(repoRoot, "examples", example), workDir, { recursive: true, filter: (source) => !source.includes(".demo-build") });
      const emulator: StartedEmulator = await startEmulator({});
      const pulumi = isolatedPulumi(path.join(base, "pulumi"));
      const stack = await auto.LocalWorkspace.createOrSelectStack(
        { stackName, workDir },
        { pulumiHome: pulumi.home, envVars: pulumi.envVars, pulumiCommand: await preparedPulumiCommand(auto) },
      );
      cleanups.push(async () => {
        await emulator.close();
        rmSync(base, { recursive: true, force: true });
      });
      // Point the committed configuration at the emulator, as a user trying the example locally would.
      await stack.removeConfig("mosaic:region");
      await stack.setAllConfig(emulatorStackConfig(emulator));

      const output: string[] = [];
      const capture = { onOutput: (text: string) => void output.push(text) };
      const up = await stack.up(capture);
      expect(up.summary.resourceChanges).toMatchObject({ create: resources + 1 });
      expect(emulator.admin.dump().applications).toHaveLength(apps);
      await stack.refresh({ ...capture, expectNoChanges: true });
      await stack.preview({ ...capture, expectNoChanges: true });
      const projectName: string = YAML.parse(readFileSync(path.join(workDir, "Pulumi.yaml"), "utf8")).name;
      const state = storedState(pulumi.backend, projectName, stackName);
      for (const secret of secretsIn(emulator)) {
        expect(state.includes(secret), "a secret is in the stored state").toBe(false);
        expect(output.join("").includes(secret), "a secret is in the CLI's output").toBe(false);
      }

      await stack.destroy(capture);
      expect(emulator.admin.dump()).toEqual({ applications: [], clients: [], signingKeys: [] });
    },
  );
});
