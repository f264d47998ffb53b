#!/usr/bin/env bash
# make bench: every benchmark, measured against docker-compose v1 and the raw engine in one run.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v docker-compose >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; }
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
mkdir -p bench-results
export SWIFTCOMPOSE_BIN="$PWD/.build/release/swiftcompose"
echo "== loader: swiftcompose config vs docker-compose config"
bash Tests/Benchmarks/config-bench.sh | tee bench-results/config.md
echo "== reconciler: up/down/scale vs docker-compose v1 vs raw engine"
python3 Tests/Benchmarks/bench_up.py | tee bench-results/up.md
echo "== build: a 1 GiB context, swiftcompose build vs the legacy docker build"
bash Tests/Benchmarks/build-bench.sh | tee bench-results/build.md
echo "== supervisor: restart latency vs the engine's own policy, replica repair, idle cost"
python3 Tests/Benchmarks/supervisor_bench.py | tee bench-results/supervisor.md
echo "== load balancer and autoscaler: wrk through the balancer vs straight to a replica, a load step"
python3 Tests/Benchmarks/lb_bench.py | tee bench-results/lb.md
