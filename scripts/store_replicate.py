#!/usr/bin/env python3
"""Grows a dyad store by copies of what it holds, under new document ids.

For the store benchmark only (BENCHMARKS.md, "Store"): when ingesting the
documents themselves would take longer than the machine can be given, the
current documents and all their rows (sentences, events, claims,
commitments) are copied --copies times in SQL, each copy's documents named
`<doc>~<k>`, and the pair series is then rebuilt from the events with the
statement `Store::rebuild_pairs` runs. The copies are what ingesting the
same documents again under new ids would store, except that the JSON
records keep the original `doc` field. Nothing is coded. From schema 5 on,
the triggers on `events` keep `actor_pair_counts` during the copies.

    python3 scripts/store_replicate.py big.db --copies 3
"""
import argparse
import sqlite3
import time

REBUILD = """
DELETE FROM pair_counts;
INSERT INTO pair_counts (src, tgt, period, quad, modality, n, gsum)
  SELECT source_country, target_country, period, quad_class, modality,
         count(*), total(goldstein)
  FROM events
  WHERE current = 1 AND source_country IS NOT NULL AND target_country IS NOT NULL
    AND period IS NOT NULL AND quad_class IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;
"""


def cols(c, table):
    return [r[1] for r in c.execute(f"PRAGMA table_info({table})")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--copies", type=int, default=1)
    a = ap.parse_args()
    c = sqlite3.connect(a.db, isolation_level=None)
    c.execute("PRAGMA cache_size = -262144")
    top = c.execute("SELECT max(id) FROM documents").fetchone()[0]
    base = c.execute("SELECT count(*) FROM documents WHERE current = 1 AND id <= ?", (top,)).fetchone()[0]
    print(f"{base} documents (ids up to {top}), {a.copies} copies", flush=True)
    for k in range(1, a.copies + 1):
        t = time.time()
        off = k * top
        c.execute("BEGIN IMMEDIATE")
        d = cols(c, "documents")
        sel = ["id + ?" if x == "id" else ("doc || '~' || ?" if x == "doc" else x) for x in d]
        c.execute(f"INSERT INTO documents ({', '.join(d)}) SELECT {', '.join(sel)} FROM documents "
                  f"WHERE current = 1 AND id <= ?", (off, k, top))
        for table in ["sentences", "events", "claims", "commitments"]:
            cs = [x for x in cols(c, table) if x != "id"]
            sel = ["doc_id + ?" if x == "doc_id" else x for x in cs]
            where = "doc_id <= ?" + ("" if table == "sentences" else " AND current = 1")
            c.execute(f"INSERT INTO {table} ({', '.join(cs)}) SELECT {', '.join(sel)} "
                      f"FROM {table} WHERE {where}", (off, top))
        c.execute("COMMIT")
        print(f"copy {k}: {time.time() - t:.0f} s", flush=True)
    t = time.time()
    c.execute("BEGIN IMMEDIATE")
    for statement in REBUILD.split(";"):
        if statement.strip():
            c.execute(statement)
    c.execute("COMMIT")
    print(f"pair series rebuilt: {time.time() - t:.0f} s", flush=True)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for table in ["documents", "events", "claims", "commitments", "pair_counts"]:
        print(table, c.execute(f"SELECT count(*) FROM {table}").fetchone()[0], flush=True)


if __name__ == "__main__":
    main()
