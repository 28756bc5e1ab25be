#!/usr/bin/env python3
"""Writes a large JSON Lines corpus of short documents for the store benchmark.

The documents are made of real sentences: every sentence of the shared
corpora in which `dyad code` finds an event (China's foreign-ministry press
conferences, English, and the UN General Debate speeches of 2021-2022).
Each document gets a distinct id, a date drawn uniformly from 2018-01-01
to 2022-12-31 (relative dates in its sentences resolve against it), and
`--sentences` sentences drawn with replacement, all from a fixed seed, so
the same command writes the same file.

    python3 scripts/store_corpus.py --dyad target/release/dyad \
        --docs 1000000 --sentences 6 > corpus.jsonl

Needs ../shared beside the checkout (or --shared). See BENCHMARKS.md, "Store".
"""
import argparse
import datetime
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile


def event_sentences(dyad, shared):
    """The distinct sentences with at least one event, in corpus order."""
    fmprc = os.path.join(shared, "corpora/fmprc-presscon/fmprc_en.jsonl.gz")
    ungdc = os.path.join(shared, "corpora/ungdc/sessions_2021_2022")
    with tempfile.TemporaryDirectory() as tmp:
        plain = os.path.join(tmp, "fmprc_en.jsonl")
        with gzip.open(fmprc, "rb") as src, open(plain, "wb") as dst:
            dst.write(src.read())
        out = subprocess.run(
            [dyad, "code", "--date", "2020-01-01", plain, ungdc],
            check=True,
            stdout=subprocess.PIPE,
        ).stdout
    seen, order = set(), []
    for line in out.splitlines():
        r = json.loads(line)
        if r.get("kind") != "event":
            continue
        t = " ".join(r["text"].split())
        if t and t not in seen:
            seen.add(t)
            order.append(t)
    return order


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dyad", required=True, help="the dyad binary")
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--sentences", type=int, default=6, help="sentences per document")
    ap.add_argument("--seed", type=int, default=9)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    a = ap.parse_args()
    sents = event_sentences(a.dyad, a.shared)
    print(f"{len(sents)} sentences with events", file=sys.stderr)
    rng = random.Random(a.seed)
    start = datetime.date(2018, 1, 1)
    days = (datetime.date(2022, 12, 31) - start).days + 1
    out = sys.stdout
    for i in range(a.docs):
        date = start + datetime.timedelta(days=rng.randrange(days))
        text = " ".join(rng.choice(sents) for _ in range(a.sentences))
        out.write(json.dumps({"id": f"s{i:07d}", "date": date.isoformat(), "text": text}))
        out.write("\n")


if __name__ == "__main__":
    main()
