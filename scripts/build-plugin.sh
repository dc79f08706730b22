#!/usr/bin/env bash
# `make build`, second half: the pulumi-resource-mosaic plugin folder, dist/pulumi-plugin/ (docs/multi-language.md).
# It holds the launcher (plugin/launcher/pulumi-resource-mosaic), the provider bundled into one CommonJS file with its
# dependencies (so the folder works on its own once copied, e.g. by `pulumi plugin install --file`), the package
# schema (schema.json, generated from the field model) and a package.json with the version GetPluginInfo reports.
# Expects dist/ to be compiled already (`npx tsc -p tsconfig.json`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
ensure_node
cd "$MOSAIC_ROOT"
out=dist/pulumi-plugin
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
npx rolldown dist/plugin/main.js --platform node --format cjs --no-codeSplitting --file "$out.tmp/pulumi-resource-mosaic.js" --log-level warn >/dev/null
install -m 0755 plugin/launcher/pulumi-resource-mosaic "$out.tmp/pulumi-resource-mosaic"
cp schema.json "$out.tmp/schema.json"
node -e '
  const { version } = require("./package.json");
  const meta = { name: "pulumi-resource-mosaic", version, private: true, type: "commonjs" };
  require("fs").writeFileSync(process.argv[1], JSON.stringify(meta, null, 2) + "\n");
' "$out.tmp/package.json"
rm -rf "$out" && mv "$out.tmp" "$out"
mosaic_log "plugin folder: $out ($(du -sh "$out" | cut -f1))"
