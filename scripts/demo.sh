#!/usr/bin/env bash
# `make demo`: prepares the machine (scripts/env.sh), builds the package, then drives examples/basic with the real
# Pulumi CLI against a fresh in-process emulator: up, outputs, an out-of-band change, refresh, up, destroy.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
mosaic_ready
cd "$MOSAIC_ROOT"
npx tsc -p tsconfig.json
node scripts/demo.ts "$@"
