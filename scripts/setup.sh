#!/usr/bin/env bash
# Idempotent set-up: system packages, npm dependencies, the Go helper and the TypeScript build.
# Fast when everything is present; run by `npm start` and `npm test` through pre-scripts.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; exit 1; fi
}

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x "${MONITOR_CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v go >/dev/null 2>&1; then
  say "Go is required to build the embedded store (embedded/go); install Go 1.24 or newer"; exit 1
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  # npm 11 leaves other platforms' optional packages out of the lock file and `npm ci` then
  # refuses it (npm/cli#4828); `npm install` honours the locked versions and fills them in.
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error
fi

helper=embedded/bin/monitor-embedded
if [ ! -x "$helper" ] || [ -n "$(find embedded/go -newer "$helper" -type f 2>/dev/null | head -n 1)" ]; then
  say "building the embedded FerretDB helper (first time: a few minutes)"
  bash embedded/go/build.sh
fi

if [ ! -f dist/.build-stamp ] || [ -n "$(find config lib embedded db jobs api app crawler classifier -name '*.ts' -newer dist/.build-stamp 2>/dev/null | head -n 1)" ] || [ tsconfig.build.json -nt dist/.build-stamp ]; then
  say "compiling TypeScript"
  rm -rf dist
  npx tsc -p tsconfig.build.json
  touch dist/.build-stamp
fi
