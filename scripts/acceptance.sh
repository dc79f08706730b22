#!/usr/bin/env bash
# `make acceptance`: the live acceptance run against a real tenant (docs/acceptance.md). Prepares the machine
# (scripts/env.sh), builds, then runs acceptance/cli.ts. Refuses without MOSAIC_ACCEPTANCE=1; the tenant comes from
# MOSAIC_REGION or MOSAIC_API_URL, MOSAIC_CLIENT_ID and MOSAIC_CLIENT_SECRET.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if [ "${MOSAIC_ACCEPTANCE:-}" != "1" ]; then
  echo "acceptance: refusing to run without MOSAIC_ACCEPTANCE=1 (it creates and deletes objects in a tenant; see docs/acceptance.md)" >&2
  exit 2
fi
mosaic_ready
cd "$MOSAIC_ROOT"
npx tsc -p tsconfig.json >&2
node dist/acceptance/cli.js
