// The package's version, read at run time from package.json: the one source for every place that reports it (this
// module's `version` export, the API client's User-Agent, a plugin front end's GetPluginInfo), so a release only
// bumps package.json. Plain Node, like the rest of provider/: safe to load from any host.
import { readFileSync } from "node:fs";
import path from "node:path";
import { userAgentOf } from "./api/client";

const PACKAGE_NAME = "pulumi-mosaic";
/** The plugin folder's package.json (scripts/build-plugin.sh) carries the package's version under this name. */
const PLUGIN_NAME = "pulumi-resource-mosaic";

function readVersion(): string {
  // provider/version.ts under the test runner, dist/provider/version.js when built or installed, and the plugin's
  // one-file bundle in its folder.
  const candidates = [
    path.join(__dirname, "..", "package.json"),
    path.join(__dirname, "..", "..", "package.json"),
    path.join(__dirname, "package.json"),
  ];
  for (const file of candidates) {
    let pkg: { name?: unknown; version?: unknown };
    try {
      pkg = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      continue;
    }
    if ((pkg.name === PACKAGE_NAME || pkg.name === PLUGIN_NAME) && typeof pkg.version === "string") return pkg.version;
  }
  throw new Error(`${PACKAGE_NAME}: no package.json of ${PACKAGE_NAME} next to ${__dirname}; the package is incomplete.`);
}

/** The installed package's version, e.g. "0.1.0" (package.json's `version`). */
export const version: string = readVersion();

/** What the API client should send as User-Agent: the product token with this version. */
export const userAgent = userAgentOf(version);
