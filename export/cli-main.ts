// The `mosaic-export` command as a function of its arguments and I/O (tests run it in process): resolve the
// provider's settings (flags, then `--stack` config, then the MOSAIC_* environment, as the provider does), read the
// tenant through the provider's API client, and write a ready Pulumi project into --out. Secrets are never written:
// the programs hold only the field model's managed inputs, ids and references.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { MosaicApiError, MosaicClient, MosaicErrorCodes, type MosaicSettingsInput } from "../provider/api";
import { version, userAgent } from "../provider/version";
import { planExport, type ExportPlan } from "./plan";
import { progressReporter, type ProgressOutput } from "./progress";
import { typescriptProjectFiles } from "./project-files";
import { readTenant, UnknownApplicationError } from "./read-tenant";
import { renderImportFile } from "./render-import";
import { renderTypeScript } from "./render-typescript";
import { renderYaml } from "./render-yaml";
import { StackConfigError, stackSettings } from "./stack-config";

export interface ExportIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressOutput;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

const USAGE = `Usage: mosaic-export --out <dir> [options]

Writes a Pulumi project that adopts every application, client and client resource list of a Mosaic tenant
(docs/export.md): index.ts (TypeScript), yaml/Pulumi.yaml (YAML, for the pulumi-resource-mosaic plugin) and
import.json (pulumi import --file). Connection settings as for the provider: flags, else --stack's config, else
MOSAIC_CLIENT_ID, MOSAIC_CLIENT_SECRET, MOSAIC_REGION or MOSAIC_API_URL. The client secret is never a flag.

  --out <dir>              where to write the project (created; must be empty unless --force)
  --application <name|id>  export only this application (exact name or id); repeatable
  --project-name <name>    the Pulumi project's name (default mosaic-tenant)
  --package <spec>         package.json's dependency on pulumi-mosaic (default ^${version}; a tarball path or git URL works)
  --plugin-path <dir>      the plugin folder the YAML program names (default: none; install the plugin instead)
  --region <region>        us | eu | ca | au | sandbox
  --api-url <url>          Applications API base (e.g. the emulator's http://127.0.0.1:PORT/cis)
  --client-id <id>         management application client id
  --stack <name>           read mosaic:* settings from this stack (runs \`pulumi config\` in --cwd)
  --cwd <dir>              the Pulumi project directory for --stack (default: the current directory)
  --force                  write into a directory that is not empty (the files above are overwritten)
  --help                   show this help
`;

const FLAGS = {
  out: { type: "string" },
  application: { type: "string", multiple: true },
  "project-name": { type: "string" },
  package: { type: "string" },
  "plugin-path": { type: "string" },
  region: { type: "string" },
  "api-url": { type: "string" },
  "client-id": { type: "string" },
  stack: { type: "string" },
  cwd: { type: "string" },
  force: { type: "boolean" },
  help: { type: "boolean" },
} as const;

class UsageError extends Error {}

export interface ExportResult {
  plan: ExportPlan;
  /** Applications API requests, retries included (the token request excluded). */
  requests: number;
  /** Wall time of reading the tenant and writing the files. */
  elapsedMs: number;
  files: string[];
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs the export; throws UsageError and the API client's errors. */
export async function runExport(argv: readonly string[], io: ExportIo): Promise<ExportResult | "help"> {
  const flags = parse(argv);
  if (flags.help) return "help";
  if (!flags.out) throw new UsageError("--out <dir> is required: the directory to write the project into.");
  const projectName = flags["project-name"] ?? "mosaic-tenant";
  if (!/^[A-Za-z0-9_.-]+$/.test(projectName)) {
    throw new UsageError(
      `--project-name must use only letters, digits, "_", "." and "-" (a Pulumi project name); got ${JSON.stringify(projectName)}.`,
    );
  }
  const out = path.resolve(io.cwd, flags.out);
  if (existsSync(out) && readdirSync(out).length > 0 && !flags.force) {
    throw new UsageError(`--out ${flags.out} is not empty; choose a new directory or pass --force to overwrite the exported files.`);
  }
  const fromStack = flags.stack ? await stackSettings(flags.stack, path.resolve(io.cwd, flags.cwd ?? ".")) : {};
  const fromFlags: MosaicSettingsInput = { region: flags.region, apiUrl: flags["api-url"], clientId: flags["client-id"] };
  // A layer that names the endpoint wins as a whole (settings.ts): a --region flag overrides the stack's apiUrl.
  const settings: MosaicSettingsInput = { ...fromStack, ...definedOf(fromFlags) };
  if (fromFlags.region !== undefined || fromFlags.apiUrl !== undefined) {
    settings.region = fromFlags.region;
    settings.apiUrl = fromFlags.apiUrl;
  }

  const started = Date.now();
  const api = new MosaicClient(settings, {
    env: io.env,
    userAgent,
    logger: { warn: (message: string) => void io.stderr.write(`mosaic-export: ${message}\n`) },
  });
  const progress = progressReporter(io.stderr);
  try {
    const tenant = await readTenant(api, { applications: flags.application, onProgress: progress.update });
    progress.end();
    const plan = planExport(tenant);
    const header = [
      `Exported by mosaic-export (pulumi-mosaic ${version}) from ${api.settings.apiUrl}.`,
      "Every resource adopts an existing object through importId; see docs/export.md in the pulumi-mosaic package.",
    ];
    const files = typescriptProjectFiles(
      { projectName, packageSpec: flags.package ?? `^${version}` },
      `Mosaic tenant at ${api.settings.apiUrl} (exported by mosaic-export)`,
    );
    files.set("index.ts", renderTypeScript(plan, header));
    files.set("yaml/Pulumi.yaml", renderYaml(plan, { projectName, pluginPath: flags["plugin-path"], version, header }));
    files.set("import.json", renderImportFile(plan));
    for (const [file, content] of files) {
      mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      writeFileSync(path.join(out, file), content);
    }
    return { plan, requests: api.stats.requests, elapsedMs: Date.now() - started, files: [...files.keys()] };
  } finally {
    progress.end();
    await api.close();
  }
}

function definedOf<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Resolves with the exit code: 0 written, 1 the API or the stack config failed, 2 bad usage or settings. */
export async function runCli(argv: readonly string[], io: ExportIo): Promise<number> {
  try {
    const result = await runExport(argv, io);
    if (result === "help") {
      io.stdout.write(USAGE);
      return 0;
    }
    const { applications, clients, defaultClients, resourceLists, signingKeys } = result.plan.counts;
    io.stdout.write(
      `mosaic-export: wrote ${result.files.length} files: ${applications} applications, ${clients} clients ` +
        `(${defaultClients} default), ${resourceLists} resource lists, ${signingKeys} signing keys; ${result.requests} API requests in ` +
        `${(result.elapsedMs / 1000).toFixed(1)} s\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`mosaic-export: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof MosaicApiError && error.code === MosaicErrorCodes.CONFIG) {
      io.stderr.write(`mosaic-export: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UnknownApplicationError || error instanceof StackConfigError || error instanceof MosaicApiError) {
      io.stderr.write(`mosaic-export: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
