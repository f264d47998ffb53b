#!/usr/bin/env bash
# make fuzz: a bounded libFuzzer run of the loader (YAML → project), seeded with the examples
# and the compose-go fixtures. Any crash, sanitizer report or timeout fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
swift build --scratch-path .build-fuzz --product LoaderFuzzer --sanitize=fuzzer --sanitize=address --disable-dead-strip
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
find examples Tests/Fixtures ../shared/conformance/compose-go -name '*.y*ml' 2>/dev/null | while read -r f; do
  cp "$f" "$corpus/$(echo "$f" | tr '/ ' '__')"
done
./.build-fuzz/debug/LoaderFuzzer "$corpus" -max_total_time="$seconds" -timeout=10 -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1
