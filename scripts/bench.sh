#!/usr/bin/env bash
# `make bench`: every benchmark, each printing a markdown table. Bounded in time; loopback only.
#   bench/emulator.ts        the emulator's throughput (target >= 5,000 requests/s on 2 cores)
#   bench/api-soak.ts        500 creates + 500 gets + 500 deletes through the API client at 20% injected faults
#   bench/client-timing.ts   the API client in wall-clock time: limiter rate, Retry-After waits, request deadline
#   bench/provider-scale.ts  up / no-op up / preview / refresh / destroy of 100 resources through the real engine
#   bench/rate-limits.ts     300 resources against an emulator limited to 20 requests/s: the limiter on and off
#   bench/state-size.ts      state bytes per resource at 400 resources: dynamic resources vs the plugin (YAML)
#   bench/engine-soak.ts     1,000 resources created, updated, destroyed through the engine at 20% faults; tenant == state
#   bench/scale.ts           floor / dynamic / plugin / naive peer at 100, 400, 1,000 resources, latency 0 and 50 ms
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
mosaic_ready
ensure_yaml_host
cd "$MOSAIC_ROOT"
npx tsc -p tsconfig.json
bash scripts/build-plugin.sh
node bench/emulator.ts
node bench/api-soak.ts
node bench/client-timing.ts
node bench/provider-scale.ts
node bench/rate-limits.ts
node bench/state-size.ts
node bench/engine-soak.ts
node bench/scale.ts
