#!/usr/bin/env python3
"""Times the HTTP API over a large store: starts `dyad serve` on it and
asks each URL --runs times with curl.

Prints, per URL, the median and maximum of curl's total time in
milliseconds, the HTTP status, the `total` a listing answers and the size
of the body. Used for the "Store" figures of BENCHMARKS.md:

    python3 scripts/store_api.py --dyad target/release/dyad --db big.db
"""
import argparse
import json
import statistics
import subprocess

URLS = [
    "/healthz",
    "/api/v1/events?dyad=CHN,RUS&limit=25",
    "/api/v1/events?dyad=CHN,RUS&limit=50&offset=5000",
    "/api/v1/events?dyad=RUS,CHN&format=csv&limit=1000",
    "/api/v1/events?dyad=CHNGOV,RUSGOV&limit=50",
    "/api/v1/events?dyad=CHN,XYZ&limit=50",
    "/api/v1/events?actor=RUS&limit=50",
    "/api/v1/events?source=RUS&target=CHN&limit=50",
    "/api/v1/events?country=USA&limit=50&offset=500",
    "/api/v1/dyad?a=CHN&b=RUS&by=month",
    "/api/v1/pairs?limit=300",
    "/api/v1/claims?dyad=CHN,RUS&limit=50",
    "/api/v1/commitments?dyad=CHN,RUS&limit=50",
    "/api/v1/summary?limit=12",
    "/api/v1/actors?countries=true&limit=25",
    "/api/v1/documents?limit=50",
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dyad", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", help="ask only URLs that contain this")
    ap.add_argument("--extra", action="append", default=[], help="another URL path to ask")
    ap.add_argument("--max-time", type=int, default=120, help="seconds before curl gives up")
    a = ap.parse_args()
    srv = subprocess.Popen(
        [a.dyad, "serve", "--db", a.db, "--addr", "127.0.0.1:0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        addr = None
        for line in srv.stdout:
            if line.startswith("listening on http://"):
                addr = line[len("listening on http://"):].split("/")[0]
                break
        if addr is None:
            raise SystemExit("dyad serve printed no address")
        for url in URLS + a.extra:
            if a.only and a.only not in url:
                continue
            times, total, status, size = [], None, None, 0
            for _ in range(a.runs):
                run = subprocess.run(
                    ["curl", "-s", "-m", str(a.max_time), "-o", "/dev/stdout",
                     "-w", "\n%{http_code} %{time_total}", f"http://{addr}{url}"],
                    stdout=subprocess.PIPE,
                )
                if run.returncode == 28:
                    print(f"{url}\t no answer within {a.max_time} s", flush=True)
                    break
                if run.returncode != 0:
                    raise SystemExit(f"curl {url}: exit {run.returncode}")
                out = run.stdout
                body, _, tail = out.rpartition(b"\n")
                code, secs = tail.decode().split()
                times.append(float(secs) * 1000)
                status, size = code, len(body)
                try:
                    total = json.loads(body).get("total", total)
                except (ValueError, AttributeError):
                    pass
            if not times:
                continue
            print(f"{url}\t median {statistics.median(times):.1f} ms, max {max(times):.1f} ms;"
                  f" status {status}; total {total}; {size} bytes", flush=True)
    finally:
        srv.terminate()
        srv.wait()


if __name__ == "__main__":
    main()
