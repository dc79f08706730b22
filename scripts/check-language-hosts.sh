#!/usr/bin/env bash
# `make check-hosts`: proves that each language host really runs a program under the CLI that scripts/env.sh
# prepares. It builds what is missing (CLI, hosts), then runs scripts/smoke-programs/<name> (one output, no
# resources) in a temporary copy: stack init, `pulumi up`, the output's value, destroy, stack rm. The environment is
# the one scripts/lib/isolated-pulumi.ts gives every engine run: a local file backend, a passphrase, its own
# PULUMI_HOME, no update checks and no plugin downloads.
#   bash scripts/check-language-hosts.sh [yaml] [python] [go]
# python: a fresh venv with the `pulumi` SDK pinned in smoke-programs/python/requirements.txt, from PyPI (pip's own
#   cache makes reruns quick), first on PATH: the host finds `python3` there, and the CLI no longer passes
#   runtime.options.virtualenv to a host this old.
# go: the host compiles the program with `go build` against the sdk/v3 pinned in smoke-programs/go/go.mod (go.sum
#   committed, -mod=readonly). The first compile takes minutes on 2 cores; later ones hit the Go build cache.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
[ "$#" -gt 0 ] || set -- yaml python go
mosaic_ready
work="$(mktemp -d "${TMPDIR:-/tmp}/mosaic-hosts.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export PULUMI_HOME="$work/home" PULUMI_BACKEND_URL="file://$work/backend" PULUMI_CONFIG_PASSPHRASE=mosaic-local \
  PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true \
  PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true PULUMI_SKIP_CONFIRMATIONS=true
mkdir -p "$PULUMI_HOME" "$work/backend"

# Runs the smoke program of language $1 in $work/$1; its log goes to $work/$1.log.
run_program() {
  local name="$1" dir="$work/$1" out
  cp -r "$MOSAIC_ROOT/scripts/smoke-programs/$name" "$dir"
  cd "$dir"
  if [ "$name" = python ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt
    export PATH="$work/venv/bin:$PATH"
  fi
  [ "$name" != go ] || export GOFLAGS=-mod=readonly
  pulumi stack init smoke --non-interactive
  pulumi up --yes --skip-preview --non-interactive
  out="$(pulumi stack output greeting --non-interactive)"
  [ "$out" = "hello from $name" ] || { echo "output greeting is '$out', expected 'hello from $name'"; return 1; }
  pulumi destroy --yes --non-interactive
  pulumi stack rm smoke --yes --non-interactive
}

passed=0 failed=0
for name in "$@"; do
  case "$name" in yaml|python|go) ;; *) mosaic_log "unknown language host '$name' (yaml, python or go)"; exit 2 ;; esac
  "ensure_${name}_host"
  start=$(date +%s)
  # errexit is off inside a subshell used as a condition, so it runs as a statement of its own with errexit on.
  set +e
  (set -e; run_program "$name") >"$work/$name.log" 2>&1
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    mosaic_log "$name: ok, $(command -v "pulumi-language-$name") ran the program in $(( $(date +%s) - start ))s"
    # The engine's own lines (outputs, warnings such as "using ... from $PATH"), for a reader to see what ran.
    grep -E '^(warning|    greeting|Outputs|Resources)' "$work/$name.log" | sed 's/^/    /' >&2 || true
  else
    failed=$((failed + 1))
    mosaic_log "$name: FAILED after $(( $(date +%s) - start ))s; its log:"
    sed 's/^/    /' "$work/$name.log" >&2
  fi
done
echo "language hosts: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
