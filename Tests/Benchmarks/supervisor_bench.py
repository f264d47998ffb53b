#!/usr/bin/env python3
"""Supervisor benchmarks (issue 5), one run on the same daemon:
- restart latency: from a container's `die` event to its next `start` event (the engine's clock),
  median over KILLS SIGKILLs of the process, the supervisor vs the engine's own `restart: always`
  side by side on the same daemon (killed one after the other, alternating which goes first; 11 s
  between rounds so neither backoff grows);
- replica repair: from `destroy` of a removed replica to the `start` of its replacement;
- supervisor CPU while idle with 50 supervised containers, and its peak memory (VmHWM)."""
import json
import os
import statistics
import subprocess
import tempfile
import threading
import time

SC = os.environ.get("SWIFTCOMPOSE_BIN", os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.build/release/swiftcompose")))
IMAGE = "swiftcompose/busybox:latest"
KILLS = int(os.environ.get("BENCH_KILLS", "20"))
REPAIRS = int(os.environ.get("BENCH_REPAIRS", "10"))
IDLE = int(os.environ.get("BENCH_IDLE_SECONDS", "30"))


def sh(argv, check=True):
    r = subprocess.run(argv, capture_output=True, text=True)
    if check and r.returncode != 0:
        raise RuntimeError(f"{argv}: {r.stderr[-400:]}")
    return r.stdout.strip()


class Events:
    """`docker events` for the given filters, collected in the background."""
    def __init__(self, *filters):
        args = ["docker", "events", "--format", "{{json .}}"]
        for f in filters:
            args += ["--filter", f]
        self.p = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        self.events = []
        self.t = threading.Thread(target=self._read, daemon=True)
        self.t.start()
        time.sleep(0.3)

    def _read(self):
        for line in self.p.stdout:
            try:
                self.events.append(json.loads(line))
            except ValueError:
                pass

    def stop(self):
        self.p.terminate()


def project(yaml, name):
    d = tempfile.mkdtemp(prefix="sc-supbench-")
    with open(os.path.join(d, "compose.yaml"), "w") as f:
        f.write(yaml)
    sh([SC, "-p", name, "-f", os.path.join(d, "compose.yaml"), "up", "-d", "--wait"])
    return os.path.join(d, "compose.yaml")


def wait_running(name, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        if sh(["docker", "inspect", "-f", "{{.State.Running}}", name], check=False) == "true":
            return True
        time.sleep(0.05)
    return False


def latency(events, container_id, action_from, action_to, after_ns):
    """Time between the first `action_from` of `container_id` after `after_ns` and the next `action_to`."""
    start = None
    for e in events:
        if e.get("id") != container_id or e.get("timeNano", 0) < after_ns:
            continue
        if start is None and e.get("Action") == action_from:
            start = e["timeNano"]
        elif start is not None and e.get("Action") == action_to:
            return (e["timeNano"] - start) / 1e9
    return None


def restart_latency():
    name = f"supbench{os.getpid()}"
    f = project(f"""services:
  sup:
    image: {IMAGE}
    command: ["sleep", "2147483647"]
    deploy:
      restart_policy:
        condition: any
""", name)
    engine = f"{name}-engine"
    # On the project's network like the supervised one: a start on a user-defined network costs more
    # (embedded DNS, its iptables rules) than on the default bridge, so both must pay it.
    sh(["docker", "run", "-d", "--name", engine, "--network", f"{name}_default", "--restart", "always",
        IMAGE, "sleep", "2147483647"])
    ev = Events("type=container")
    sup_id = sh(["docker", "inspect", "-f", "{{.Id}}", f"{name}-sup-1"])
    eng_id = sh(["docker", "inspect", "-f", "{{.Id}}", engine])
    ours, theirs = [], []
    try:
        for k in range(KILLS):
            time.sleep(11)  # both backoffs reset after 10 s of running
            # One at a time, so neither restart competes with the other inside the daemon; the order
            # alternates so neither side always goes first after the pause.
            order = [(sup_id, f"{name}-sup-1", ours), (eng_id, engine, theirs)]
            for cid, cname, out in (order if k % 2 == 0 else order[::-1]):
                t0 = time.time_ns()
                sh(["kill", "-9", sh(["docker", "inspect", "-f", "{{.State.Pid}}", cid])])
                # Wait for the `start` event: a container the engine restarts reads as running throughout.
                d, end = None, time.time() + 15
                while d is None and time.time() < end:
                    time.sleep(0.05)
                    d = latency(ev.events, cid, "die", "start", t0)
                if d is not None:
                    out.append(d)
                wait_running(cname)
    finally:
        ev.stop()
        sh(["docker", "rm", "-f", engine], check=False)
        sh([SC, "-p", name, "-f", f, "down"], check=False)
    return ours, theirs


def repair_latency():
    name = f"suprepair{os.getpid()}"
    f = project(f"""services:
  web:
    image: {IMAGE}
    command: ["sleep", "2147483647"]
    deploy:
      replicas: 3
""", name)
    ev = Events(f"label=com.docker.compose.project={name}")
    out = []
    try:
        for _ in range(REPAIRS):
            target = f"{name}-web-2"
            old = sh(["docker", "inspect", "-f", "{{.Id}}", target])
            t0 = time.time_ns()
            sh(["docker", "rm", "-f", target])
            end = time.time() + 30
            while time.time() < end:
                new = sh(["docker", "inspect", "-f", "{{.Id}}", target], check=False)
                if new and new != old and wait_running(target, 5):
                    break
                time.sleep(0.05)
            time.sleep(0.5)
            destroyed = next((e["timeNano"] for e in ev.events if e.get("id") == old and e.get("Action") == "destroy"), None)
            started = next((e["timeNano"] for e in ev.events
                            if e.get("Action") == "start" and e.get("timeNano", 0) > (destroyed or t0)
                            and e.get("Actor", {}).get("Attributes", {}).get("name") == target), None)
            if destroyed and started:
                out.append((started - destroyed) / 1e9)
    finally:
        ev.stop()
        sh([SC, "-p", name, "-f", f, "down"], check=False)
    return out


def idle_cost():
    name = f"supidle{os.getpid()}"
    f = project(f"""services:
  web:
    image: {IMAGE}
    command: ["sleep", "2147483647"]
    init: true
    deploy:
      replicas: 50
      restart_policy:
        condition: on-failure
""", name)
    try:
        pid = sh(["docker", "inspect", "-f", "{{.State.Pid}}", f"{name}-supervisor"])
        time.sleep(5)
        hz = os.sysconf("SC_CLK_TCK")

        def cpu():
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / hz
        c0, t0 = cpu(), time.time()
        time.sleep(IDLE)
        c1, t1 = cpu(), time.time()
        status = open(f"/proc/{pid}/status").read()
        hwm = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM"))
        rss = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmRSS"))
        return (c1 - c0) / (t1 - t0) * 100, hwm / 1024, rss / 1024
    finally:
        sh([SC, "-p", name, "-f", f, "down"], check=False)


def med(xs):
    return statistics.median(xs) if xs else float("nan")


if __name__ == "__main__":
    if os.environ.get("BENCH_ONLY") == "restart":
        ours, theirs = restart_latency()
        print(f"ours median {med(ours)*1000:.0f} ms of {len(ours)}, engine median {med(theirs)*1000:.0f} ms of {len(theirs)}")
        print("ours", sorted(round(x * 1000) for x in ours))
        print("engine", sorted(round(x * 1000) for x in theirs))
        raise SystemExit(0)
    ours, theirs = restart_latency()
    repairs = repair_latency()
    cpu, hwm, rss = idle_cost()
    print("| measure | swiftcompose supervisor | engine's own policy | target |")
    print("|---|---|---|---|")
    print(f"| die → running again, median of {len(ours)}/{len(theirs)} SIGKILLs | {med(ours)*1000:.0f} ms "
          f"(p90 {sorted(ours)[int(len(ours)*0.9)-1]*1000 if ours else float('nan'):.0f} ms) | {med(theirs)*1000:.0f} ms | no slower than the engine |")
    print(f"| removed replica → replacement started, median of {len(repairs)} | {med(repairs)*1000:.0f} ms | (engine: never) | < 1 s |")
    print(f"| supervisor CPU idle, 50 supervised containers, {IDLE} s | {cpu:.2f} % of a core | | < 1 % |")
    print(f"| supervisor memory | peak {hwm:.1f} MiB, now {rss:.1f} MiB | | < 30 MiB |")
