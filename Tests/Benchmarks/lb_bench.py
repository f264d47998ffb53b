#!/usr/bin/env python3
"""Load balancer and autoscaler benchmarks (issue 6), one run on the same daemon, wrk on loopback:
- throughput and p99 latency through swiftcompose's balancer vs straight to one replica's port
  (same replica, same wrk settings), with 1 and with 2 replicas behind the balancer;
- a load step on an autoscaled service: time until a second replica answers, and failed requests
  (curl loops, not wrk, which counts httpd's connection close as a read error) during the scale-up and
  the scale-down that follows."""
import os
import re
import subprocess
import tempfile
import threading
import time

SC = os.environ.get("SWIFTCOMPOSE_BIN", os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.build/release/swiftcompose")))
IMAGE = "swiftcompose/busybox:latest"
DURATION = os.environ.get("BENCH_WRK_SECONDS", "10")
BURN = """#!/bin/sh
n=${QUERY_STRING:-20000}
i=0
while [ $i -lt $n ]; do i=$((i + 1)); done
echo "Content-Type: text/plain"
echo
hostname
"""


def sh(argv, check=True):
    r = subprocess.run(argv, capture_output=True, text=True)
    if check and r.returncode != 0:
        raise RuntimeError(f"{argv}: {r.stderr[-400:]}")
    return r.stdout.strip()


def stack(name, port, replicas, extra=""):
    d = tempfile.mkdtemp(prefix="sc-lbbench-")
    os.makedirs(os.path.join(d, "www/cgi-bin"))
    open(os.path.join(d, "www/index.html"), "w").write("hello\n")
    burn = os.path.join(d, "www/cgi-bin/burn")
    open(burn, "w").write(BURN)
    os.chmod(burn, 0o755)
    open(os.path.join(d, "compose.yaml"), "w").write(f"""services:
  web:
    image: {IMAGE}
    command: ["httpd", "-f", "-p", "80", "-h", "/www"]
    volumes:
      - ./www:/www:ro
    ports:
      - "127.0.0.1:{port}:80"
    deploy:
      replicas: {replicas}
{extra}""")
    f = os.path.join(d, "compose.yaml")
    sh([SC, "-p", name, "-f", f, "up", "-d", "--wait"])
    return f


def wrk(url):
    out = sh(["wrk", "-t2", "-c16", f"-d{DURATION}s", "--latency", url])
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return rps, p99


def replica_port(container):
    return sh(["docker", "port", container, "80/tcp"]).split("\n")[0].rsplit(":", 1)[1]


def throughput():
    name, port = f"lbbench{os.getpid()}", 18000 + os.getpid() % 1000
    f = stack(name, port, 2)
    rows = []
    try:
        direct = replica_port(f"{name}-web-1")
        d_rps, d_p99 = wrk(f"http://127.0.0.1:{direct}/")
        l_rps, l_p99 = wrk(f"http://127.0.0.1:{port}/")
        rows.append(("2 replicas behind the balancer", l_rps, l_p99, d_rps, d_p99))
        sh([SC, "-p", name, "-f", f, "scale", "web=1"])
        direct = replica_port(f"{name}-web-1")
        d_rps, d_p99 = wrk(f"http://127.0.0.1:{direct}/")
        l_rps, l_p99 = wrk(f"http://127.0.0.1:{port}/")
        rows.append(("1 replica behind the balancer", l_rps, l_p99, d_rps, d_p99))
    finally:
        sh([SC, "-p", name, "-f", f, "down"], check=False)
    return rows


class CurlLoops:
    def __init__(self, url, loops):
        self.url, self.ok, self.failed, self.running = url, 0, 0, True
        self.hosts = {}  # host → first time seen
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.loop, daemon=True) for _ in range(loops)]
        for t in self.threads:
            t.start()

    def loop(self):
        while self.running:
            r = subprocess.run(["curl", "-sf", "--max-time", "10", self.url], capture_output=True, text=True)
            with self.lock:
                if r.returncode == 0:
                    self.ok += 1
                    self.hosts.setdefault(r.stdout.strip(), time.time())
                else:
                    self.failed += 1

    def stop(self):
        self.running = False
        for t in self.threads:
            t.join()


def count(name):
    return len(sh(["docker", "ps", "-q", "--filter", f"label=com.docker.compose.project={name}",
                   "--filter", "label=com.docker.compose.service=web"]).split())


def load_step():
    name, port = f"lbstep{os.getpid()}", 19000 + os.getpid() % 1000
    f = stack(name, port, 1, """    x-autoscale:
      min: 1
      max: 3
      cpu: 20
      interval: 3s
      scale_down_stabilization: 10s
""")
    try:
        t0 = time.time()
        load = CurlLoops(f"http://127.0.0.1:{port}/cgi-bin/burn?20000", 4)
        end = time.time() + 120
        while time.time() < end and len(load.hosts) < 2:
            time.sleep(0.2)
        serving = (min(t for h, t in load.hosts.items() if t > t0 + 0.001) if len(load.hosts) >= 2 else None)
        second = sorted(load.hosts.values())[1] - t0 if len(load.hosts) >= 2 else float("nan")
        peak = count(name)
        time.sleep(5)
        peak = max(peak, count(name))
        load.stop()
        up_failed, up_ok = load.failed, load.ok
        steady = CurlLoops(f"http://127.0.0.1:{port}/", 2)  # light load while it scales down
        end = time.time() + 120
        while time.time() < end and count(name) > 1:
            time.sleep(0.5)
        time.sleep(2)
        steady.stop()
        return second, peak, up_ok, up_failed, steady.ok, steady.failed, count(name)
    finally:
        sh([SC, "-p", name, "-f", f, "down"], check=False)


if __name__ == "__main__":
    rows = throughput()
    print("| setup | through the balancer | straight to one replica | ratio | p99 added |")
    print("|---|---|---|---|---|")
    for label, l_rps, l_p99, d_rps, d_p99 in rows:
        print(f"| {label} | {l_rps:.0f} req/s, p99 {l_p99:.2f} ms | {d_rps:.0f} req/s, p99 {d_p99:.2f} ms | "
              f"{l_rps / d_rps * 100:.0f}% | {l_p99 - d_p99:+.2f} ms |")
    second, peak, up_ok, up_failed, down_ok, down_failed, final = load_step()
    print()
    print("| load step (autoscaled, cpu target 20%, interval 3 s) | result |")
    print("|---|---|")
    print(f"| load start → a second replica answers | {second:.1f} s |")
    print(f"| replicas at peak | {peak} |")
    print(f"| failed requests during scale-up | {up_failed} of {up_ok + up_failed} |")
    print(f"| failed requests during scale-down (to {final}) | {down_failed} of {down_ok + down_failed} |")
