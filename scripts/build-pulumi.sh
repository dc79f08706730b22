#!/usr/bin/env bash
# Builds the Pulumi CLI and its Node.js language host from the Go module proxy into <root>/bin, each stamped with
# its version; a binary already there is kept, so a second run does nothing.
#   usage: scripts/build-pulumi.sh <version without v> <root>
#
# pulumi: `go install github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@vX` is refused (pkg/go.mod has directory replace
#   directives), so scripts/pulumi-cli/ is a wrapper module that requires pkg/v3 and sdk/v3 at the same version and
#   lists the CLI as a `tool`. Its go.sum is committed: the build is reproducible and needs no checksum lookups.
#   Release flags as Pulumi's own release builds use them. About 8 minutes the first time on 2 cores (v3.276.0).
# pulumi-language-nodejs: needed by directory programs (`pulumi up` in examples/), not by the inline programs of
#   the tests and the demo. Since v3.69 it is a module of its own with no tags, fetchable only by pseudo-version,
#   which module proxies may refuse. The current one is tried first; otherwise scripts/pulumi-language-nodejs/
#   builds the last release that shipped it inside sdk/v3 (v3.68.0), which runs today's Node.js SDK programs: the
#   host only starts `node` on @pulumi/pulumi's own run script.
set -euo pipefail
version="$1"; root="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v go >/dev/null 2>&1 || { echo "[mosaic] go is not installed: cannot build the Pulumi CLI" >&2; exit 1; }
mkdir -p "$root/bin"
stamp() { echo "-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$1"; }
# Builds package $2 of module dir $1 into <root>/bin/$3 through a temporary name, so an interrupted build leaves
# nothing that looks finished.
build_into_bin() {
  local module_dir="$1" package="$2" name="$3" ldflags="$4" tmp
  tmp="$(mktemp -d "$root/bin/.partial.XXXXXX")"
  CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -C "$module_dir" -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" \
    -o "$tmp/$name" "$package"
  mv "$tmp/$name" "$root/bin/$name" && rmdir "$tmp"
}

start=$(date +%s)
if [ ! -x "$root/bin/pulumi" ]; then
  echo "[mosaic] building pulumi v$version from Go modules (first time only; several minutes)" >&2
  build_into_bin "$here/pulumi-cli" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi pulumi "$(stamp "$version")"
  "$root/bin/pulumi" version >/dev/null
fi

if [ ! -x "$root/bin/pulumi-language-nodejs" ]; then
  lang="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
  current="$(mktemp -d)"
  cp "$here/pulumi-cli/go.mod" "$here/pulumi-cli/go.sum" "$current/"
  commit="$(cd "$here/pulumi-cli" && GOFLAGS=-mod=mod go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$version" 2>/dev/null |
    sed -n 's/.*"Hash": "\([0-9a-f]\{12\}\).*/\1/p' | head -n1)"
  if [ -n "$commit" ] && (cd "$current" && GOFLAGS=-mod=mod go get "$lang@$commit" >/dev/null 2>&1); then
    echo "[mosaic] building pulumi-language-nodejs v$version" >&2
    (cd "$current" && GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1 || true)
    CGO_ENABLED=0 GOFLAGS=-mod=mod go build -C "$current" -trimpath -tags osusergo,grpcnotrace -ldflags "$(stamp "$version")" \
      -o "$root/bin/pulumi-language-nodejs" "$lang"
  else
    lang_version="$(sed -n 's#^[[:space:]]*github.com/pulumi/pulumi/sdk/v3 v\([0-9.]*\).*#\1#p' \
      "$here/pulumi-language-nodejs/go.mod" | head -n1)"
    echo "[mosaic] the module proxy does not serve pulumi-language-nodejs v$version;" \
      "building v$lang_version, the last release inside sdk/v3" >&2
    build_into_bin "$here/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs \
      pulumi-language-nodejs "$(stamp "$lang_version")"
  fi
  rm -rf "$current"
fi
echo "[mosaic] pulumi v$version ready in $root/bin after $(( $(date +%s) - start ))s" >&2
