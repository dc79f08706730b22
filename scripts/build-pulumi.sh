#!/usr/bin/env bash
# Builds the Pulumi CLI from the Go module proxy into <root>/bin, stamped with its version.
#   usage: scripts/build-pulumi.sh <version without v> <root>
# `go install github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@vX` is refused (pkg/go.mod has directory replace
# directives), so scripts/pulumi-cli/ is a wrapper module that requires pkg/v3 and sdk/v3 at the same version and
# lists the CLI as a `tool`; its go.sum is committed, so the build is reproducible and needs no checksum lookups.
# Release flags as Pulumi's own release builds use them. The first build takes several minutes on 2 cores; the
# result is cached by the caller under a directory keyed by version.
set -euo pipefail
version="$1"; root="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v go >/dev/null 2>&1 || { echo "[mosaic] go is not installed: cannot build the Pulumi CLI" >&2; exit 1; }

ldflags="-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
tmp="$root.partial"
rm -rf "$tmp" && mkdir -p "$tmp/bin"
echo "[mosaic] building pulumi v$version from Go modules (first time only; several minutes)" >&2
start=$(date +%s)
CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -C "$here/pulumi-cli" -trimpath -tags osusergo,grpcnotrace \
  -ldflags "$ldflags" -o "$tmp/bin/" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

# The Node.js language host is only needed for programs run from a directory (`pulumi up` in a project);
# inline Automation API programs (our tests and demo) talk to an in-process language server instead. Its module
# has no tags and must be fetched by pseudo-version, which a module proxy may refuse: try, and say so if not.
lang="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
langtmp="$(mktemp -d)"
cp "$here/pulumi-cli/go.mod" "$here/pulumi-cli/go.sum" "$langtmp/"
if (cd "$langtmp" && GOFLAGS=-mod=mod go get "$lang@$(cat "$here/pulumi-cli/language-host.commit")" >/dev/null 2>&1 &&
    CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$tmp/bin/pulumi-language-nodejs" "$lang" 2>/dev/null); then
  echo "[mosaic] built pulumi-language-nodejs" >&2
else
  echo "[mosaic] note: the module proxy did not serve $lang; inline programs work without it," >&2
  echo "[mosaic]       directory programs (pulumi up in examples/) need a Pulumi CLI from PATH." >&2
fi
rm -rf "$langtmp"

"$tmp/bin/pulumi" version >/dev/null
rm -rf "$root" && mv "$tmp" "$root"
echo "[mosaic] pulumi v$version ready in $root/bin after $(( $(date +%s) - start ))s" >&2
