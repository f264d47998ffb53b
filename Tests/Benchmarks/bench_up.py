#!/usr/bin/env python3
"""Reconciler benchmarks (issue 3): swiftcompose vs docker-compose v1 vs the raw engine floor,
all measured in one run on the same daemon. Prints a markdown table of medians and ratios."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import engine_floor as raw

SC = os.environ.get("SWIFTCOMPOSE_BIN", os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.build/release/swiftcompose")))
V1 = "/usr/bin/docker-compose"
IMAGE = "swiftcompose/busybox:latest"
CMD = ["sleep", "2147483647"]
REPS = int(os.environ.get("BENCH_REPS", "3"))
# BENCH_ONLY=no-op runs only the scenarios whose name contains it.
ONLY = os.environ.get("BENCH_ONLY", "")


def compose_file(services, chain=False):
    lines = ["services:"]
    for i in range(services):
        lines += [f"  s{i}:", f"    image: {IMAGE}", "    init: true", f"    command: {json.dumps(CMD)}"]
        if chain and i > 0:
            lines += ["    depends_on:", f"      - s{i-1}"]
    d = tempfile.mkdtemp(prefix="sc-bench-")
    path = os.path.join(d, "compose.yaml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def timed(argv, env=None):
    t = time.perf_counter()
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    dt = time.perf_counter() - t
    if r.returncode != 0:
        raise RuntimeError(f"{argv}: exit {r.returncode}: {r.stderr.decode()[-500:]}")
    return dt


def timed_fn(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


RUN = [0]


def P(name):
    """A fresh project name per repetition, so one leftover never skews the next run."""
    return f"{name}{RUN[0]}"


def clean(project):
    try:
        raw.down(project)
    except RuntimeError as e:  # dockerd 20.10 can keep a stale endpoint on a network: report, go on
        print(f"  cleanup of {project}: {e}", file=sys.stderr)


def sc(project, f, *args):
    return timed([SC, "-f", f, "-p", project, *args])


def v1(project, f, *args):
    env = dict(os.environ, COMPOSE_PROJECT_NAME=project)
    return timed([V1, "--no-ansi", "-f", f, "-p", project, *args], env=env)


def median(xs):
    return statistics.median(xs)


def main():
    results = []
    f50 = compose_file(50)
    f1 = compose_file(1)
    chain = compose_file(10, chain=True)

    def scenario(name, fns, reps=REPS):
        if ONLY not in name:
            return
        row = {"scenario": name}
        for tool, (setup, run, teardown) in fns.items():
            xs = []
            for _ in range(reps):
                RUN[0] += 1
                setup()
                xs.append(run())
                teardown()
            row[tool] = median(xs)
            print(f"  {name:28s} {tool:14s} {row[tool]*1000:9.1f} ms", file=sys.stderr, flush=True)
        results.append(row)

    nothing = lambda: None
    groups50 = [[(f"s{i}", 1) for i in range(50)]]

    # Cold up of 50 services.
    scenario("cold up -d, 50 services", {
        "swiftcompose": (nothing, lambda: sc(P("bsc"), f50, "up", "-d"), lambda: clean(P("bsc"))),
        "docker-compose v1": (nothing, lambda: v1(P("bv1"), f50, "up", "-d"), lambda: clean(P("bv1"))),
        "raw engine": (nothing, lambda: timed_fn(lambda: raw.up(P("braw"), groups50, IMAGE, CMD)), lambda: clean(P("braw"))),
    })
    # No-op up on 50 running services.
    scenario("no-op up -d, 50 services", {
        "swiftcompose": (lambda: sc(P("bsc"), f50, "up", "-d"), lambda: sc(P("bsc"), f50, "up", "-d"), lambda: clean(P("bsc"))),
        "docker-compose v1": (lambda: v1(P("bv1"), f50, "up", "-d"), lambda: v1(P("bv1"), f50, "up", "-d"), lambda: clean(P("bv1"))),
        "raw engine": (lambda: raw.up(P("braw"), groups50, IMAGE, CMD), lambda: timed_fn(lambda: raw.list_project(P("braw"))), lambda: clean(P("braw"))),
    })
    # Down of 50.
    scenario("down, 50 services", {
        "swiftcompose": (lambda: sc(P("bsc"), f50, "up", "-d"), lambda: sc(P("bsc"), f50, "down"), lambda: clean(P("bsc"))),
        "docker-compose v1": (lambda: v1(P("bv1"), f50, "up", "-d"), lambda: v1(P("bv1"), f50, "down"), lambda: clean(P("bv1"))),
        "raw engine": (lambda: raw.up(P("braw"), groups50, IMAGE, CMD), lambda: timed_fn(lambda: raw.down(P("braw"))), nothing),
    })
    # Scale 1 -> 20.
    scenario("up -d --scale s0=20 from 1", {
        "swiftcompose": (lambda: sc(P("bsc"), f1, "up", "-d"), lambda: sc(P("bsc"), f1, "up", "-d", "--scale", "s0=20"), lambda: clean(P("bsc"))),
        "docker-compose v1": (lambda: v1(P("bv1"), f1, "up", "-d"), lambda: v1(P("bv1"), f1, "up", "-d", "--scale", "s0=20"), lambda: clean(P("bv1"))),
        "raw engine": (lambda: raw.up(P("braw"), [[("s0", 1)]], IMAGE, CMD),
                       lambda: timed_fn(lambda: raw.up_more(P("braw"), [[("s0", n) for n in range(2, 21)]], IMAGE, CMD)), lambda: clean(P("braw"))),
    })
    # 10-deep depends_on chain.
    scenario("cold up -d, 10-deep chain", {
        "swiftcompose": (nothing, lambda: sc(P("bsc"), chain, "up", "-d"), lambda: clean(P("bsc"))),
        "docker-compose v1": (nothing, lambda: v1(P("bv1"), chain, "up", "-d"), lambda: clean(P("bv1"))),
        "raw engine": (nothing, lambda: timed_fn(lambda: raw.up(P("braw"), [[(f"s{i}", 1)] for i in range(10)], IMAGE, CMD)), lambda: clean(P("braw"))),
    })

    out = ["| scenario | swiftcompose | docker-compose v1 | raw engine | v1 / swiftcompose | swiftcompose / raw |",
           "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        s, v, e = r["swiftcompose"], r["docker-compose v1"], r["raw engine"]
        out.append(f"| {r['scenario']} | {s*1000:.0f} ms | {v*1000:.0f} ms | {e*1000:.1f} ms | {v/s:.1f}x | {s/e:.2f}x |")
    table = "\n".join(out)
    print(table)
    os.makedirs("bench-results", exist_ok=True)
    with open("bench-results/up.md", "w") as fh:
        fh.write(table + "\n")


if __name__ == "__main__":
    main()
