#!/usr/bin/env bash
# `make hosts`: builds the YAML, Python and Go language hosts into the cache (scripts/env.sh's ensure_*_host), each
# only if it is not there yet, and prints where they are. Name some to build only those:
#   bash scripts/build-language-hosts.sh [yaml] [python] [go]
# Nothing else needs Node or the CLI for this; scripts/check-language-hosts.sh runs a program on each.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
[ "$#" -gt 0 ] || set -- yaml python go
for name in "$@"; do
  case "$name" in
    yaml|python|go) "ensure_${name}_host" ;;
    *) mosaic_log "unknown language host '$name' (yaml, python or go)"; exit 2 ;;
  esac
  mosaic_log "pulumi-language-$name: $(command -v "pulumi-language-$name")"
done
