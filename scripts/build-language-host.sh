#!/usr/bin/env bash
# Builds one Pulumi language host, for programs written in a language other than TypeScript, from the Go module
# proxy into <root>/bin. `make test` needs all three (the YAML, Python and Go e2e programs), `make demo` none:
# scripts/env.sh's ensure_yaml_host, ensure_python_host and ensure_go_host call this only when <root> is missing,
# and `make hosts` builds all three.
#   usage: scripts/build-language-host.sh yaml|python|go <root>
#
# Each host has a wrapper module, scripts/pulumi-language-<name>/, that lists it as a `tool` and pins it with a
# committed go.sum, so the build is reproducible, needs no checksum lookups and runs with -mod=readonly (plain
# `go install` is refused for the sdk/v3 hosts: sdk's go.mod has directory replace directives).
#   yaml    github.com/pulumi/pulumi-yaml, a module with tags of its own.
#   python  the last release inside sdk/v3 (v3.79.0); later ones are a module of their own without tags, like the
#           Node.js host, and the module proxy refuses them. It runs programs through the Python script
#           `pulumi-language-python-exec`, which it looks for next to its own executable; the script ships in
#           the sdk/v3 module zip, so it is copied from the module cache.
#   go      the last release inside sdk/v3 (v3.66.0). It compiles each program with `go build` when it runs it.
# The hosts of sdk/v3 are stamped through sdk's version variable, the YAML host through its own.
# <root> is laid out under a temporary name beside it and renamed when complete, so an interrupted build leaves
# nothing that looks finished, and two builds at once are harmless: the one that renames second drops its copy.
set -euo pipefail
name="$1"; root="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
module_dir="$here/pulumi-language-$name"
case "$name" in
  yaml)
    module=github.com/pulumi/pulumi-yaml package=github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
    version_var=github.com/pulumi/pulumi-yaml/pkg/version.Version ;;
  python)
    module=github.com/pulumi/pulumi/sdk/v3 package=github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python
    version_var=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version ;;
  go)
    module=github.com/pulumi/pulumi/sdk/v3 package=github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go
    version_var=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version ;;
  *) echo "[mosaic] unknown language host '$name' (yaml, python or go)" >&2; exit 2 ;;
esac
command -v go >/dev/null 2>&1 || { echo "[mosaic] go is not installed: cannot build pulumi-language-$name" >&2; exit 1; }
version="$(sed -n "s#^[[:space:]]*$module v\([0-9.]*\).*#\1#p" "$module_dir/go.mod" | head -n1)"

start=$(date +%s)
mkdir -p "$(dirname "$root")"
tmp="$(mktemp -d "$root.partial.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
chmod 0755 "$tmp"   # mktemp makes it private; the cache is meant to be shared like the CLI's directory
mkdir "$tmp/bin"
echo "[mosaic] building pulumi-language-$name v$version from Go modules (first time only)" >&2
# Same flags as the CLI's build (scripts/build-pulumi.sh): static, reproducible paths, stripped.
CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -C "$module_dir" -trimpath -tags osusergo,grpcnotrace \
  -ldflags "-w -s -X $version_var=v$version" -o "$tmp/bin/pulumi-language-$name" "$package"
if [ "$name" = python ]; then
  src="$(GOFLAGS=-mod=readonly go list -C "$module_dir" -m -f '{{.Dir}}' "$module")/python/cmd/pulumi-language-python-exec"
  install -m 0755 "$src" "$tmp/bin/pulumi-language-python-exec"
fi
# A concurrent build may have finished first; then its copy is kept (mv -T refuses a non-empty target).
if ! mv -T "$tmp" "$root" 2>/dev/null && [ ! -x "$root/bin/pulumi-language-$name" ]; then
  echo "[mosaic] could not move the build into $root" >&2; exit 1
fi
echo "[mosaic] pulumi-language-$name v$version ready in $root/bin after $(( $(date +%s) - start ))s" >&2
