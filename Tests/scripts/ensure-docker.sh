#!/usr/bin/env bash
# Installs what swiftcompose needs on a fresh Debian machine, starts dockerd when nothing
# answers /_ping, waits for it, and builds the busybox image that examples and tests use.
set -euo pipefail
need=()
for p in docker.io busybox-static libyaml-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  echo "==> apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
sock=/var/run/docker.sock
ping() { curl -sf --max-time 2 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1; }
if ! ping; then
  echo "==> starting dockerd (log: /tmp/swiftcompose-dockerd.log)"
  nohup dockerd >/tmp/swiftcompose-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do ping && break; sleep 1; done
  ping || { echo "dockerd did not answer /_ping within 60 s; see /tmp/swiftcompose-dockerd.log" >&2; exit 1; }
fi
echo "==> dockerd answers on $sock"
# The busybox image (FROM scratch + the static busybox) is built by `swiftcompose build`
# once swiftcompose is built: see `make image`. Nothing is pulled.
cp /bin/busybox "$(dirname "$0")/../Fixtures/busybox-image/busybox"
