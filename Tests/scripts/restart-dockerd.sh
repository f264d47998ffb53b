#!/usr/bin/env bash
# Restarts the dockerd that Tests/scripts/ensure-docker.sh started (or any running one) and waits for /_ping.
set -euo pipefail
sock=/var/run/docker.sock
ping() { curl -sf --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1; }
pid=$(pidof dockerd || true)
if [ -n "$pid" ]; then
  kill -TERM $pid
  for _ in $(seq 1 120); do kill -0 $pid 2>/dev/null || break; sleep 0.5; done
fi
nohup dockerd >>/tmp/swiftcompose-dockerd.log 2>&1 &
for _ in $(seq 1 120); do ping && exit 0; sleep 0.5; done
echo "dockerd did not come back within 60 s; see /tmp/swiftcompose-dockerd.log" >&2
exit 1
