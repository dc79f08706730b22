#!/usr/bin/env bash
# `make test`: prepares the machine (scripts/env.sh) and the YAML language host (test/e2e/yaml-plugin.test.ts runs a
# YAML program; built once, about 2 minutes cold), builds the package (the dynamic-provider host loads dist/) and the
# plugin folder dist/pulumi-plugin,
# checks the generated files are current, lints, type-checks the tests, scripts and examples, and runs every vitest
# project: unit, contract and e2e (the real Pulumi engine).
# Extra arguments go to vitest, e.g. `bash scripts/test.sh --project unit`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
mosaic_ready
ensure_yaml_host
cd "$MOSAIC_ROOT"
mosaic_log "node $(node --version), pulumi v$MOSAIC_PULUMI_VERSION ($MOSAIC_PULUMI_ROOT)"
npx tsc -p tsconfig.json
bash scripts/build-plugin.sh
# The SDK declarations, docs tables and schema.json derive from the field model: fail early when they are stale.
node dist/codegen/generate.js --check
# Lint (typescript-eslint, the layer boundaries, 140-character lines) and formatting (prettier): `npm run format` fixes most.
npx eslint .
npx prettier --check "**/*.{ts,mts,mjs}"
npx tsc -p tsconfig.test.json
for example in examples/*/; do npx tsc --noEmit -p "$example/tsconfig.json"; done
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# One plain closing line that any CI log reader understands, with skipped tests counted separately.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  if (r.numTotalTests === 0) { console.error("no tests ran"); process.exit(1); }
' "$report" || status=1
exit "$status"
