#!/usr/bin/env bash
# `make test`: prepares the machine (scripts/env.sh), the YAML, Python and Go language hosts and a Python venv with
# the generated SDK (test/e2e/yaml-plugin.test.ts, python-sdk.test.ts and go-sdk.test.ts run programs in those
# languages; each built once, cached, and rebuilt only when its pins change), builds the package (the dynamic-provider host loads dist/)
# and the plugin folder dist/pulumi-plugin, checks the generated files are current (the field model's, and the SDKs
# in sdks/ against scripts/sdk-gen), lints, type-checks the tests, scripts, examples and the generated Node.js SDK,
# compiles and vets the Go program on the generated Go SDK (test/programs/go), and runs every vitest project: unit, contract and e2e (the
# real Pulumi engine).
# Extra arguments go to vitest, e.g. `bash scripts/test.sh --project unit`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
mosaic_ready
ensure_yaml_host
ensure_python_host
ensure_go_host
cd "$MOSAIC_ROOT"
mosaic_log "node $(node --version), pulumi v$MOSAIC_PULUMI_VERSION ($MOSAIC_PULUMI_ROOT)"
npx tsc -p tsconfig.json
bash scripts/build-plugin.sh
# The SDK declarations, docs tables and schema.json derive from the field model: fail early when they are stale.
node dist/codegen/generate.js --check
# The SDKs in sdks/ derive from schema.json (scripts/generate-sdks.sh rewrites them).
bash scripts/generate-sdks.sh --check
ensure_python_sdk_venv
# Lint (typescript-eslint, the layer boundaries, 140-character lines) and formatting (prettier): `npm run format` fixes most.
npx eslint .
npx prettier --check "**/*.{ts,mts,mjs}"
npx tsc -p tsconfig.test.json
for example in examples/*/; do npx tsc --noEmit -p "$example/tsconfig.json"; done
# The generated Node.js SDK type-checks against this repository's @pulumi/pulumi.
npx tsc --noEmit -p sdks/nodejs/tsconfig.json
# A Go program compiles against the generated Go SDK (the Go build cache makes reruns quick; minutes the first time).
# Compiled here once, so the Go host's builds of it in test/e2e/go-sdk.test.ts hit the build cache.
go_out="$(mktemp -d)"
(cd test/programs/go && GOFLAGS=-mod=readonly go vet ./... && GOFLAGS=-mod=readonly go build -o "$go_out/program" .)
rm -rf "$go_out"
# Small versions of bench/scale.ts and bench/rate-limits.ts (docs/performance.md) on a full run: correctness only
# (every run succeeds, the provider's API calls at the minimum, no 429 with the limiter on), never timings.
if [ "$#" -eq 0 ]; then
  bench_out="$(mktemp -d)"
  BENCH_SIZES=50 BENCH_LATENCIES=0 BENCH_CHECK=1 BENCH_JSON="$bench_out/scale.json" node bench/scale.ts
  BENCH_APPS=6 BENCH_RATE=10 BENCH_CHECK=1 BENCH_OUT="$bench_out" node bench/rate-limits.ts
  rm -rf "$bench_out"
fi
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
