#!/usr/bin/env bash
# Build-context benchmark: `swiftcompose build` against `DOCKER_BUILDKIT=0 docker build` on the same daemon,
# for a generated context of about 1 GiB (many small files plus a few large ones). Reports wall time and
# peak RSS (from /usr/bin/time -v) per run. The Dockerfile copies nothing, so the figures measure sending
# the context and the daemon receiving it.
#
#   Tests/Benchmarks/build-bench.sh [RUNS]     (SWIFTCOMPOSE_BIN overrides the binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-3}"
BIN="${SWIFTCOMPOSE_BIN:-$PWD/.build/release/swiftcompose}"
[ -x "$BIN" ] || BIN="$PWD/.build/debug/swiftcompose"
[ -x "$BIN" ] || { echo "build swiftcompose first (swift build -c release --product swiftcompose)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

WORK="$(mktemp -d /tmp/sc-build-bench.XXXXXX)"
TAG="sc-build-bench-$$"
PROJECT="scbench$$"
BUILT=()  # every image ID the runs produced (each --no-cache run replaces the previous one)
cleanup() {
    docker rmi -f "$TAG-docker" "$PROJECT-bench" "${BUILT[@]}" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

CTX="$WORK/ctx"
mkdir -p "$CTX"
# 16,384 files of 32 KiB in 64 directories (512 MiB) + 4 files of 128 MiB (512 MiB), incompressible.
python3 - "$CTX" <<'PY'
import os, sys
root = sys.argv[1]
block = os.urandom(1 << 20)
for d in range(64):
    os.makedirs(f"{root}/src/d{d:02}", exist_ok=True)
    for f in range(256):
        off = (d * 256 + f) * 4096 % ((1 << 20) - 32768)
        with open(f"{root}/src/d{d:02}/f{f:03}.bin", "wb") as fh:
            fh.write(block[off:off + 32768])
os.makedirs(f"{root}/assets", exist_ok=True)
for i in range(4):
    with open(f"{root}/assets/large{i}.bin", "wb") as fh:
        for _ in range(128):
            fh.write(os.urandom(1 << 20))
PY
printf 'FROM swiftcompose/busybox:latest\nLABEL bench=context\n' > "$CTX/Dockerfile"
printf 'services:\n  bench:\n    build: ./ctx\n' > "$WORK/compose.yaml"
SIZE=$(du -sb "$CTX" | cut -f1)
FILES=$(find "$CTX" -type f | wc -l)

measure() {  # command...: prints "wall_seconds peak_rss_kib cpu_seconds" (cpu = user + system of the client)
    local out="$WORK/time.txt"
    /usr/bin/time -v -o "$out" "$@" >/dev/null 2>"$WORK/stderr.txt" || { cat "$WORK/stderr.txt" >&2; return 1; }
    local wall rss cpu
    cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$out")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out")
    echo "$wall $rss $cpu"
}

echo "# build context: $((SIZE / 1048576)) MiB in $FILES files, $RUNS runs each (alternating)"
echo
echo "| tool | run | wall (s) | client CPU (s) | peak RSS (MiB) |"
echo "| --- | --- | --- | --- | --- |"
for run in $(seq 1 "$RUNS"); do
    # --no-cache on both so every run sends and processes the whole context.
    read -r w r c < <(measure "$BIN" -f "$WORK/compose.yaml" -p "$PROJECT" build -q --no-cache)
    echo "| swiftcompose build | $run | $w | $c | $((r / 1024)) |"
    BUILT+=("$(docker image inspect -f '{{.Id}}' "$PROJECT-bench")")
    read -r w r c < <(measure env DOCKER_BUILDKIT=0 docker build -q --no-cache -t "$TAG-docker" "$CTX")
    echo "| DOCKER_BUILDKIT=0 docker build | $run | $w | $c | $((r / 1024)) |"
    BUILT+=("$(docker image inspect -f '{{.Id}}' "$TAG-docker")")
done
