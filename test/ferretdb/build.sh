#!/usr/bin/env bash
# Builds bin/ferretdb-embedded when it is missing or older than its sources. Idempotent: CI calls
# it before `npm test`, and test/ferretdb/ferretdb-server.ts calls it before starting the server.
# Needs Go (>= 1.24, or any Go that may fetch that toolchain) and the Go module proxy; a first
# build takes about a minute on two cores.
set -euo pipefail
cd "$(dirname "$0")"

out=bin/ferretdb-embedded
if [ -x "$out" ] && [ -z "$(find main.go go.mod go.sum -newer "$out" 2>/dev/null)" ]; then
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "ferretdb build: no Go toolchain on PATH (https://go.dev/dl/)" >&2
  exit 2
fi

mkdir -p bin
start=$(date +%s)
# Build beside the target and rename, so a concurrent caller never runs a half-written binary.
tmp="$(mktemp "bin/.ferretdb-embedded.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
# -mod=readonly: go.mod and go.sum pin every module; a build never changes them.
# ferretdb_no_postgresql: only the SQLite backend is used; it keeps pgx out of the build.
GOFLAGS="${GOFLAGS:-} -mod=readonly" go build -trimpath -tags ferretdb_no_postgresql -o "$tmp" .
mv -f "$tmp" "$out"
echo "ferretdb build: $out built in $(($(date +%s) - start))s" >&2
