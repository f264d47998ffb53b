#!/usr/bin/env python3
"""Load balancer and autoscaler benchmarks (issue 6), one run on the same daemon, wrk on loopback:
- throughput and p99 latency through swiftcompose's balancer vs straight to one replica's port
  (same replica, same wrk settings), with 1 and with 2 replicas behind the balancer, for two workloads:
  * keep-alive (the main figure): keepalive-httpd.c, a tiny HTTP/1.1 server that answers every request
    on a connection; wrk keeps its connections open, so this measures the proxying of requests;
  * one connection per request: busybox httpd closes the connection after every response, so each
    request also pays a TCP connect through the balancer (and through docker's port proxy);
  "direct" still goes through docker-proxy (wrk → docker-proxy → replica), "balancer" adds a hop
  (wrk → balancer → docker-proxy → replica): the ratio is what that hop costs;
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
KEEPALIVE_IMAGE = "swiftcompose/keepalive-httpd:bench"
DURATION = os.environ.get("BENCH_WRK_SECONDS", "10")
# Direct and balanced runs alternate this many times; the medians are reported (the machine may be shared).
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
HERE = os.path.dirname(os.path.abspath(__file__))
# wrk connections per workload. busybox httpd listens with a backlog of 9 and forks per connection:
# with 16 connections a burst of SYNs overflows it and the dropped ones are retried after 1 s, so
# p99 would measure SYN retransmits (both direct and balanced); with 8 it stays below the backlog.
CONNECTIONS = {"keepalive": 16, "close": 8}
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


def keepalive_image():
    """keepalive-httpd.c, static, in an image on top of the busybox one (FROM scratch + busybox)."""
    d = tempfile.mkdtemp(prefix="sc-kahttpd-")
    sh(["gcc", "-O2", "-static", "-o", os.path.join(d, "keepalive-httpd"), os.path.join(HERE, "keepalive-httpd.c")])
    open(os.path.join(d, "Dockerfile"), "w").write(f"FROM {IMAGE}\nCOPY keepalive-httpd /bin/keepalive-httpd\n")
    sh(["docker", "build", "-q", "-t", KEEPALIVE_IMAGE, d])


def stack(name, port, replicas, extra="", keepalive=False, env=None):
    d = tempfile.mkdtemp(prefix="sc-lbbench-")
    os.makedirs(os.path.join(d, "www/cgi-bin"))
    open(os.path.join(d, "www/index.html"), "w").write("hello\n")
    burn = os.path.join(d, "www/cgi-bin/burn")
    open(burn, "w").write(BURN)
    os.chmod(burn, 0o755)
    image, command = ((KEEPALIVE_IMAGE, '["/bin/keepalive-httpd", "80"]') if keepalive
                      else (IMAGE, '["httpd", "-f", "-p", "80", "-h", "/www"]'))
    open(os.path.join(d, "compose.yaml"), "w").write(f"""services:
  web:
    image: {image}
    command: {command}
    volumes:
      - ./www:/www:ro
    ports:
      - "127.0.0.1:{port}:80"
    deploy:
      replicas: {replicas}
{extra}""")
    f = os.path.join(d, "compose.yaml")
    r = subprocess.run([SC, "-p", name, "-f", f, "up", "-d", "--wait"], capture_output=True, text=True,
                       env=dict(os.environ, **(env or {})))
    if r.returncode != 0:
        raise RuntimeError(f"up: {r.stderr[-400:]}")
    return f


def wrk(url, connections):
    out = sh(["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{DURATION}s", "--latency", url])
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return rps, p99


def replica_port(container):
    return sh(["docker", "port", container, "80/tcp"]).split("\n")[0].rsplit(":", 1)[1]


def direct_twin(name, f, keepalive):
    """A container like the replicas, on the project network, outside the balancer's rotation: the
    direct runs must not share docker-proxy's TIME_WAIT sockets with the balanced ones (mixing
    DNAT'd and plain connections on one proxy port makes its TIME_WAIT sockets reject up to 7% of SYNs by
    PAWS, a second each, which would charge the benchmark's alternation to whichever path runs next)."""
    image, command = ((KEEPALIVE_IMAGE, ["/bin/keepalive-httpd", "80"]) if keepalive
                      else (IMAGE, ["httpd", "-f", "-p", "80", "-h", "/www"]))
    www = os.path.join(os.path.dirname(f), "www")
    sh(["docker", "run", "-d", "--name", f"{name}-direct", "--network", f"{name}_default",
        "-p", "127.0.0.1::80", "-v", f"{www}:/www:ro", image] + command)
    return replica_port(f"{name}-direct")


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2


def compare(direct_url, balanced_url, connections):
    """Alternates direct and balanced runs; medians of req/s and of p99."""
    d, b = [], []
    for _ in range(ROUNDS):
        d.append(wrk(direct_url, connections))
        b.append(wrk(balanced_url, connections))
    return (median([r for r, _ in b]), median([p for _, p in b]),
            median([r for r, _ in d]), median([p for _, p in d]))


# "kernel": the default, connections from this host forwarded by nat rules; "proxy": the balancer's
# own TCP proxy (SWIFTCOMPOSE_KERNEL_FORWARDING=0), which serves other hosts and containers.
PATHS = os.environ.get("BENCH_PATHS", "kernel,proxy").split(",")
WORKLOADS = os.environ.get("BENCH_WORKLOADS", "keepalive,close").split(",")


def throughput(workload, path):
    keepalive = workload == "keepalive"
    name, port = f"lbbench{workload}{path}{os.getpid()}", 18000 + os.getpid() % 1000 + (0 if keepalive else 1)
    c = CONNECTIONS[workload]
    f = stack(name, port, 2, keepalive=keepalive, env={"SWIFTCOMPOSE_KERNEL_FORWARDING": "0"} if path == "proxy" else {})
    rows = []
    try:
        direct = direct_twin(name, f, keepalive)
        rows.append((workload, path, 2, c) + compare(f"http://127.0.0.1:{direct}/", f"http://127.0.0.1:{port}/", c))
        # One connection: no queueing in front of a saturated CPU, so p99 shows what the hop adds.
        rows.append((workload, path, 2, 1) + compare(f"http://127.0.0.1:{direct}/", f"http://127.0.0.1:{port}/", 1))
        sh([SC, "-p", name, "-f", f, "scale", "web=1"])
        rows.append((workload, path, 1, c) + compare(f"http://127.0.0.1:{direct}/", f"http://127.0.0.1:{port}/", c))
    finally:
        sh(["docker", "rm", "-f", f"{name}-direct"], check=False)
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
    keepalive_image()
    rows = [row for path in PATHS for workload in WORKLOADS for row in throughput(workload, path)]
    labels = {"keepalive": "keep-alive (keepalive-httpd)", "close": "one connection per request (busybox httpd)"}
    print(f"wrk -t2 (-t1 for -c1) -d{DURATION}s, medians of {ROUNDS} alternating runs; "
          "direct = wrk → docker-proxy → a twin of the replicas; balancer, kernel path = wrk → nat rule → docker-proxy → replica; "
          "balancer, proxy path = wrk → balancer → docker-proxy → replica")
    print()
    print("| workload | path | replicas behind the balancer | wrk -c | through the balancer | straight to one replica | ratio | p99 added |")
    print("|---|---|---|---|---|---|---|---|")
    for workload, path, replicas, c, l_rps, l_p99, d_rps, d_p99 in rows:
        print(f"| {labels[workload]} | {path} | {replicas} | {c} | {l_rps:.0f} req/s, p99 {l_p99:.2f} ms | "
              f"{d_rps:.0f} req/s, p99 {d_p99:.2f} ms | {l_rps / d_rps * 100:.0f}% | {l_p99 - d_p99:+.2f} ms |")
    if os.environ.get("BENCH_SKIP_LOAD_STEP"):
        raise SystemExit(0)
    second, peak, up_ok, up_failed, down_ok, down_failed, final = load_step()
    print()
    print("| load step (autoscaled, cpu target 20%, interval 3 s) | result |")
    print("|---|---|")
    print(f"| load start → a second replica answers | {second:.1f} s |")
    print(f"| replicas at peak | {peak} |")
    print(f"| failed requests during scale-up | {up_failed} of {up_ok + up_failed} |")
    print(f"| failed requests during scale-down (to {final}) | {down_failed} of {down_ok + down_failed} |")
