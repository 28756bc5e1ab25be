#!/usr/bin/env python3
"""Times store reads: each command run --runs times as a whole process.

Prints, per command, the median and maximum wall time and the median CPU
time (user + system of the process) in milliseconds, and the size of its
output. Used for the "Store" figures of BENCHMARKS.md:

    python3 scripts/store_queries.py --dyad target/release/dyad --db big.db
"""
import argparse
import os
import statistics
import subprocess
import time

COMMANDS = [
    ["dyad", "CHN", "RUS", "--by", "month"],
    ["dyad", "CHN", "USA", "--by", "month"],
    ["dyad", "CHN", "RUS", "--by", "quarter", "--from", "2020"],
    ["query", "events", "--source", "RUS", "--limit", "50", "--format", "jsonl"],
    ["query", "events", "--target", "IGOUNO", "--limit", "50", "--format", "jsonl"],
    ["query", "events", "--actor", "RUS", "--limit", "50", "--format", "jsonl"],
    ["query", "events", "--dyad", "CHN,RUS", "--limit", "50", "--format", "jsonl"],
    ["query", "events", "--code", "042", "--from", "2021-03", "--to", "2021-03", "--format", "jsonl"],
    ["query", "events", "--from", "2020-02-01", "--to", "2020-02-03", "--format", "jsonl"],
    ["query", "events", "--source", "RUS", "--target", "CHN", "--from", "2021-06", "--to", "2021-06", "--format", "jsonl"],
    ["query", "events", "--dyad", "CHN,RUS", "--from", "2021-06", "--to", "2021-06", "--format", "jsonl"],
    ["query", "events", "--target", "IGOUNO", "--format", "csv"],
    ["query", "events", "--source", "RUS", "--target", "CHN", "--format", "csv"],
    ["query", "events", "--dyad", "CHN,RUS", "--format", "csv"],
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dyad", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--only", help="run only commands whose text contains this")
    a = ap.parse_args()
    for cmd in COMMANDS:
        if a.only and a.only not in " ".join(cmd):
            continue
        full = [a.dyad] + cmd + ["--db", a.db]
        walls, cpus, size = [], [], 0
        for _ in range(a.runs):
            before = os.times()
            t = time.perf_counter()
            out = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            walls.append((time.perf_counter() - t) * 1000)
            after = os.times()
            cpus.append(((after.children_user - before.children_user)
                         + (after.children_system - before.children_system)) * 1000)
            if out.returncode != 0:
                raise SystemExit(f"{' '.join(full)}: exit {out.returncode}: {out.stderr.decode()}")
            size = len(out.stdout)
        lines = out.stdout.count(b"\n")
        print(f"{' '.join(cmd)}\t median {statistics.median(walls):.1f} ms, max {max(walls):.1f} ms wall;"
              f" CPU median {statistics.median(cpus):.0f} ms; {lines} lines, {size} bytes", flush=True)


if __name__ == "__main__":
    main()
