#!/usr/bin/env bash
# Times `swiftcompose config` (release build) against `docker-compose config` (v1, Python) on
# generated 1000- and 10000-service files; prints the speed ratio and peak RSS of each.
#
# usage: Tests/Benchmarks/config-bench.sh [runs]      (from the repository root; runs defaults to 5)
#        SKIP_V1_10K=1 Tests/Benchmarks/config-bench.sh   skips docker-compose on 10000 services (it takes minutes)
set -euo pipefail

runs=${1:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/swiftcompose-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
v1=/usr/bin/docker-compose
[ -x "$v1" ] || { echo "needs docker-compose v1 at $v1" >&2; exit 1; }

# The release binary `make release` builds (static); SWIFTCOMPOSE_BIN points elsewhere.
sc="${SWIFTCOMPOSE_BIN:-$root/.build/release/swiftcompose}"
[ -x "$sc" ] || { echo "no release binary at $sc: run make release first" >&2; exit 1; }

# Best wall time (ms) and peak RSS (KB) of a command over $2 runs.
measure() {
    local n=$1; shift
    local best_ms="" rss=0
    for _ in $(seq "$n"); do
        local t0 t1 ms secs kb
        t0=$(date +%s%N)
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
            echo "failed: $*" >&2; cat "$work/err" >&2; return 1; }
        t1=$(date +%s%N)
        read -r secs kb <"$work/time"
        ms=$(( (t1 - t0) / 1000000 ))
        if [ -z "$best_ms" ] || [ "$ms" -lt "$best_ms" ]; then best_ms=$ms; fi
        if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
    done
    echo "$best_ms $rss"
}

printf '%-9s %-14s %10s %12s\n' services tool "best ms" "peak RSS MB"
for n in 1000 10000; do
    dir="$work/n$n"
    mkdir -p "$dir"
    python3 "$root/Tests/Benchmarks/gen-compose.py" "$n" >"$dir/compose.yaml"
    sc_runs=$runs
    v1_runs=$([ "$n" -ge 10000 ] && echo 1 || echo "$runs")
    read -r sc_ms sc_kb < <(cd "$dir" && measure "$sc_runs" "$sc" config -f compose.yaml -p bench)
    if [ "$n" -ge 10000 ] && [ "${SKIP_V1_10K:-0}" = 1 ]; then
        printf '%-9s %-14s %10d %12.1f\n' "$n" swiftcompose "$sc_ms" "$(awk -v k="$sc_kb" 'BEGIN{print k/1024}')"
        continue
    fi
    read -r v1_ms v1_kb < <(cd "$dir" && measure "$v1_runs" "$v1" -f compose.yaml -p bench config)
    printf '%-9s %-14s %10d %12.1f\n' "$n" swiftcompose "$sc_ms" "$(awk -v k="$sc_kb" 'BEGIN{print k/1024}')"
    printf '%-9s %-14s %10d %12.1f\n' "$n" docker-compose "$v1_ms" "$(awk -v k="$v1_kb" 'BEGIN{print k/1024}')"
    awk -v a="$v1_ms" -v b="$sc_ms" -v n="$n" 'BEGIN { if (b < 1) b = 1; printf "%-9s ratio          %9.1fx faster\n", n, a / b }'
done
