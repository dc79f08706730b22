// `--stack <name>`: the provider settings of a Pulumi stack, read with the user's own Pulumi CLI (`pulumi config
// --json --show-secrets`, run in the project's directory), so the export talks to the tenant that stack manages.
// The decrypted secret stays in this process's memory; nothing here writes or prints a value.
import { execFile } from "node:child_process";
import { settingsFromStackConfig } from "../provider/api/setting-keys";
import type { MosaicSettingsInput } from "../provider/api";

export class StackConfigError extends Error {}

export async function stackSettings(stack: string, cwd: string, pulumiCommand = "pulumi"): Promise<MosaicSettingsInput> {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      pulumiCommand,
      ["config", "--json", "--show-secrets", "--stack", stack],
      { cwd, maxBuffer: 16 * 1024 * 1024 },
      (error, out, err) => {
        if (!error) return resolve(out);
        const reason = String(err).trim().split("\n")[0] || error.message;
        reject(new StackConfigError(`--stack ${JSON.stringify(stack)}: \`pulumi config\` in ${cwd} failed: ${reason}`));
      },
    );
  });
  let config: Record<string, { value?: unknown }>;
  try {
    config = JSON.parse(stdout);
  } catch {
    throw new StackConfigError(`--stack ${JSON.stringify(stack)}: \`pulumi config --json\` did not print JSON.`);
  }
  return settingsFromStackConfig((key) => {
    const value = config[key]?.value;
    return value === undefined || value === null ? undefined : String(value);
  });
}
