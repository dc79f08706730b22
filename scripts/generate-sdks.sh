#!/usr/bin/env bash
# Writes the Python, Go and Node.js SDKs in sdks/ from schema.json (itself generated from the field model by
# `npm run generate`), with the generator scripts/sdk-gen (pkg/v3's codegen; built and cached by ensure_sdk_gen).
#   bash scripts/generate-sdks.sh           rewrite sdks/python, sdks/go and sdks/nodejs
#   bash scripts/generate-sdks.sh --check   write nothing; fail, naming the differences, when sdks/ is stale (make test)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
ensure_sdk_gen
out="$(mktemp -d "${TMPDIR:-/tmp}/mosaic-sdks.XXXXXX")"
trap 'rm -rf "$out"' EXIT
"$MOSAIC_SDK_GEN" "$MOSAIC_ROOT/schema.json" "$out"
languages=(python go nodejs)
if [ "${1:-}" = "--check" ]; then
  stale=()
  for language in "${languages[@]}"; do
    diff -r "$out/$language" "$MOSAIC_ROOT/sdks/$language" >"$out/$language.diff" 2>&1 || stale+=("sdks/$language")
  done
  if [ "${#stale[@]}" -gt 0 ]; then
    for language in "${languages[@]}"; do head -n 40 "$out/$language.diff" >&2; done
    mosaic_log "generated SDKs are stale: ${stale[*]}. Run \`bash scripts/generate-sdks.sh\` (after \`npm run generate\`)" \
      "and commit the result."
    exit 1
  fi
  exit 0
fi
for language in "${languages[@]}"; do
  rm -rf "$MOSAIC_ROOT/sdks/$language"
  mkdir -p "$MOSAIC_ROOT/sdks"
  cp -r "$out/$language" "$MOSAIC_ROOT/sdks/$language"
done
mosaic_log "wrote sdks/python, sdks/go and sdks/nodejs from schema.json"
