#!/usr/bin/env bash
# End-to-end: supervision survives a dockerd restart and repairs what changed while it was down.
# Run by `make test` after `swift test` (it restarts the daemon, so it cannot run beside other tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${SWIFTCOMPOSE:-$root/.build/debug/swiftcompose}
project=supdaemon$$
dir=$(mktemp -d)
trap 'cd /; "$bin" -p $project -f "$dir/compose.yaml" down -v >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
cat > "$dir/compose.yaml" <<YAML
services:
  web:
    image: swiftcompose/busybox:latest
    command: ["sleep", "2147483647"]
    deploy:
      replicas: 2
      restart_policy:
        condition: any
  plain:
    image: swiftcompose/busybox:latest
    command: ["sleep", "2147483647"]
    deploy:
      replicas: 2
YAML
fail() { echo "FAIL: $*" >&2; docker ps -a --filter "label=com.docker.compose.project=$project" >&2 || true; docker logs $project-supervisor >&2 || true; exit 1; }
running() { [ "$(docker inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" = "true" ]; }
wait_running() {
  for _ in $(seq 1 300); do
    local ok=1
    for c in "$@"; do running "$c" || ok=0; done
    [ $ok = 1 ] && return 0
    sleep 0.2
  done
  return 1
}
all="$project-web-1 $project-web-2 $project-plain-1 $project-plain-2"

cd "$dir"
"$bin" -p $project up -d >/dev/null || fail "up -d"
wait_running $project-supervisor $all || fail "stack not running after up -d"

echo "==> restarting dockerd while supervising"
bash "$root/Tests/scripts/restart-dockerd.sh"
wait_running $project-supervisor $all || fail "after the dockerd restart, not everything runs again"
echo "ok: the supervisor came back with the daemon and restarted every replica"

echo "==> a replica removed while the supervisor is down"
docker stop $project-supervisor >/dev/null
docker rm -f $project-web-2 >/dev/null
docker start $project-supervisor >/dev/null
wait_running $project-web-2 || fail "web-2 was not recreated when supervision resumed"
[ "$(docker inspect -f '{{index .Config.Labels "com.docker.compose.container-number"}}' $project-web-2)" = "2" ] || fail "web-2 has the wrong number"
echo "ok: web-2 recreated with its number"

"$bin" -p $project down >/dev/null || fail "down"
left=$(docker ps -aq --filter "label=com.docker.compose.project=$project")
[ -z "$left" ] || fail "down left containers: $left"
echo "PASS: supervision across a dockerd restart"
