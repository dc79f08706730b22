// The generated Python SDK (sdks/python) over the plugin (dist/pulumi-plugin), through the real engine and the
// Python language host, against the emulator: test/programs/python run as a user runs it, from a venv with the PyPI
// `pulumi` package and the SDK installed from its folder. scripts/test.sh prepares all of it (ensure_python_host,
// ensure_python_sdk_venv, scripts/build-plugin.sh); the venv's bin goes first on PATH, where the host looks for
// python (the CLI no longer passes runtime.options.virtualenv to a host this old). The scenario: support/sdk-program.ts.
import { cpSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./support/engine";
import { pluginByPath } from "./support/project-stack";
import { describeSdkProgram } from "./support/sdk-program";

const venv = process.env.MOSAIC_PYTHON_VENV ?? "";

describeSdkProgram({
  language: "Python",
  projectName: "mosaic-python",
  seed: 13,
  needs: [
    ["pulumi-language-python on PATH (ensure_python_host in scripts/env.sh)", (process.env.PATH ?? "").includes("pulumi-language-python")],
    ["MOSAIC_PYTHON_VENV, a venv with pulumi and sdks/python (ensure_python_sdk_venv)", existsSync(path.join(venv, "bin", "python"))],
  ],
  writeProject: (workDir) => {
    cpSync(path.join(repoRoot, "test", "programs", "python"), workDir, { recursive: true });
    writeFileSync(path.join(workDir, "Pulumi.yaml"), `name: mosaic-python\nruntime: python\n${pluginByPath}`);
  },
  extraEnv: { PATH: `${path.join(venv, "bin")}${path.delimiter}${process.env.PATH}` },
});
