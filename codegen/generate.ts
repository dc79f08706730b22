// `npm run generate`: writes every file derived from the field model. With `--check` (run by `make test`) it
// writes nothing and fails, naming the stale files, when any of them differs from what it would write.
//   sdk/generated.ts        the SDK's typed Args, enums and output declarations
//   docs/<resource>.md      the input and output tables between the generated markers
//   docs/configuration.md   the provider settings table (from provider/api/setting-keys.ts)
//   docs/api-behaviour.md   the request fields no input maps (from provider/resources/unmapped-fields.ts)
//   schema.json             the Pulumi package schema
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SETTINGS } from "../provider/api/settings";
import { SETTING_KEYS } from "../provider/api/setting-keys";
import type { ResourceModel } from "../provider/resources/field-spec";
import { RESOURCE_MODELS } from "../provider/resources/models";
import { OPEN_ENUM_FIELDS, UNMAPPED_REQUEST_FIELDS } from "../provider/resources/unmapped-fields";
import { docSections, fillMarkers, renderSettingsTable, renderUnmappedTable } from "./markdown";
import { renderSchema } from "./schema";
import { fileStem } from "./text";
import { renderSdkTypes } from "./typescript";

/** The docs page of a resource, e.g. docs/client-resources.md. */
export const docPage = (model: ResourceModel) => `docs/${model.docStem ?? fileStem(model)}.md`;

/** Every generated file: repository-relative path -> content, given how to read the current hand-written pages. */
export function generatedFiles(
  root: string,
  read: (file: string) => string = (file) => readFileSync(path.join(root, file), "utf8"),
): Map<string, string> {
  const pkg = JSON.parse(read("package.json")) as { description: string; version: string };
  const files = new Map<string, string>();
  files.set("sdk/generated.ts", renderSdkTypes(RESOURCE_MODELS));
  files.set("schema.json", `${JSON.stringify(renderSchema(RESOURCE_MODELS, SETTING_KEYS, pkg), null, 2)}\n`);
  files.set(
    "docs/configuration.md",
    fillMarkers(read("docs/configuration.md"), { settings: renderSettingsTable(SETTING_KEYS, DEFAULT_SETTINGS) }, "docs/configuration.md"),
  );
  files.set(
    "docs/api-behaviour.md",
    fillMarkers(
      read("docs/api-behaviour.md"),
      { "unmapped-fields": renderUnmappedTable(UNMAPPED_REQUEST_FIELDS, OPEN_ENUM_FIELDS) },
      "docs/api-behaviour.md",
    ),
  );
  for (const model of RESOURCE_MODELS) {
    const page = docPage(model);
    files.set(page, fillMarkers(read(page), docSections(model), page));
  }
  return files;
}

function main(): void {
  const root = path.resolve(__dirname, "../..");
  const check = process.argv.includes("--check");
  const readOrEmpty = (file: string) => {
    try {
      return readFileSync(path.join(root, file), "utf8");
    } catch {
      return "";
    }
  };
  const stale: string[] = [];
  for (const [file, content] of generatedFiles(root)) {
    if (readOrEmpty(file) === content) continue;
    stale.push(file);
    if (!check) writeFileSync(path.join(root, file), content);
  }
  if (check && stale.length > 0) {
    console.error(`generated files are stale: ${stale.join(", ")}. Run \`npm run generate\` and commit the result.`);
    process.exit(1);
  }
  console.log(stale.length === 0 ? "generated files are current" : `generated: ${stale.join(", ")}`);
}

if (require.main === module) main();
