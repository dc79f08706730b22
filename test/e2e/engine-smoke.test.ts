// Proves the toolchain end to end before any Mosaic resource is involved: the Pulumi CLI that scripts/ prepared,
// the Automation API, an inline program, and a dynamic resource in the stub shape the SDK uses (its methods only
// `require()` this package at run time, from the project's directory) go through up, an empty preview, an empty
// refresh and destroy, and the serialized provider stored in state stays small and machine-independent.
import { afterAll, describe, expect, it } from "vitest";
import { tmpdir } from "node:os";
import type * as pulumiSdk from "@pulumi/pulumi";
import { createTestStack, repoRoot, requireNative, type TestStack } from "./support/engine";

const pulumi = requireNative<typeof pulumiSdk>("@pulumi/pulumi");

// The stub: nothing but a run-time require of the installed package, so state carries no code or settings.
const probeProvider: pulumiSdk.dynamic.ResourceProvider = {
  async create(inputs) {
    const pkg = require("pulumi-mosaic/package.json");
    return { id: `probe-${inputs.label}`, outs: { label: inputs.label, packageName: pkg.name } };
  },
  async read(id, props) {
    const pkg = require("pulumi-mosaic/package.json");
    return { id, props: { ...props, packageName: pkg.name }, inputs: { label: props?.label } };
  },
  async diff(_id, olds, news) {
    return { changes: olds.label !== news.label };
  },
  async delete() {},
};

class Probe extends pulumi.dynamic.Resource {
  declare readonly label: pulumiSdk.Output<string>;
  declare readonly packageName: pulumiSdk.Output<string>;
  constructor(name: string, label: string) {
    super(probeProvider, name, { label, packageName: undefined }, {}, "mosaic", "Probe");
  }
}

describe("the real Pulumi engine", () => {
  let test: TestStack;
  afterAll(async () => test?.dispose());

  it("runs up, an empty preview, an empty refresh and destroy on a stub-shaped dynamic resource", async () => {
    test = await createTestStack({
      projectName: "engine-smoke",
      program: async () => {
        const probe = new Probe("probe", "hello");
        return { label: probe.label, packageName: probe.packageName };
      },
    });
    const { stack, capture } = test;

    const up = await stack.up({ ...capture });
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.label.value).toBe("hello");
    // Resolved inside the dynamic-provider process, so the package really was found from the project dir.
    expect(up.outputs.packageName.value).toBe("pulumi-mosaic");

    const preview = await stack.preview({ ...capture, expectNoChanges: true });
    expect(preview.changeSummary.create ?? 0).toBe(0);
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(preview.changeSummary.same).toBe(2); // the stack and the probe

    const refresh = await stack.refresh({ ...capture, expectNoChanges: true });
    expect(refresh.summary.result).toBe("succeeded");

    const probe = (await test.stateResources()).find((r) => r.type === "pulumi-nodejs:dynamic/mosaic:Probe");
    expect(probe, "the probe is in state under its own type token").toBeDefined();
    const serialized: string = probe!.inputs!.__provider;
    expect(serialized.length).toBeLessThan(5_000);
    expect(serialized).toContain('require("pulumi-mosaic/package.json")');
    for (const machinePath of [repoRoot, tmpdir(), process.env.HOME ?? "/root"]) {
      expect(serialized).not.toContain(machinePath);
    }

    const destroy = await stack.destroy({ ...capture });
    expect(destroy.summary.resourceChanges?.delete).toBe(2);
    expect(await test.stateResources()).toHaveLength(0);
  });
});
