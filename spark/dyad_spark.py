#!/usr/bin/env python3
"""Code documents on Apache Spark with the dyad binary.

Reads documents from any Spark source (JSON Lines, Parquet, ORC, CSV, a
table...), pipes each partition through one ``dyad code -`` process (JSON
Lines in, JSON Lines out), and writes the records as Parquet, one folder per
record kind, partitioned by month::

    OUT/events/month=2021-12/part-....parquet
    OUT/claims/month=unknown/...
    OUT/commitments/...

``month`` is the year-month of the record's ``date`` (``2021`` when the date
is only a year), else of its document's date, else ``unknown``. The record
fields are those of ``dyad code`` (docs/SPARK.md); nothing is renamed.

The binary and an optional custom lexicon are shipped to the executors with
``SparkContext.addFile`` (or ``spark-submit --files/--archives``; see
docs/SPARK.md). Run ``spark-submit spark/dyad_spark.py --help``.
"""

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from datetime import datetime

# Columns of a document that dyad's JSON Lines reader understands.
DOC_FIELDS = ("id", "date", "date_in_title", "source", "url", "title", "text")
KIND_FOLDERS = {"event": "events", "claim": "claims", "commitment": "commitments"}


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        prog="dyad_spark.py",
        description="Code documents with dyad on Spark; write Parquet by record kind and month.",
    )
    p.add_argument("--input", required=True, help="input path (any Spark-readable path or glob)")
    p.add_argument(
        "--format",
        default="json",
        help="Spark source format: json (JSON Lines), parquet, orc, csv, ... (default json)",
    )
    p.add_argument("--output", required=True, help="output folder (events/, claims/, commitments/)")
    p.add_argument(
        "--dyad",
        default=None,
        help="the dyad binary: a path on the driver (shipped with addFile), the name of a "
        "file shipped with --files, or a command on the executors' PATH "
        "(default: `dyad` on PATH, else target/release/dyad of this checkout)",
    )
    p.add_argument(
        "--lexicon",
        default=None,
        help="lexicon folder (dyad code --lexicon): a folder on the driver (shipped), or the "
        "name of a folder shipped with --archives",
    )
    p.add_argument(
        "--lexicon-extra",
        default=None,
        help="folder laid over the built-in lexicon (dyad code --lexicon-extra); shipped like --lexicon",
    )
    p.add_argument("--date", default=None, help="date (YYYY-MM-DD) for documents that carry none")
    p.add_argument("--id-col", default="id", help="column with the document id (default id)")
    p.add_argument("--text-col", default="text", help="column with the text (default text)")
    p.add_argument(
        "--partitions",
        type=int,
        default=0,
        help="repartition the input into N partitions (default: at least the default parallelism)",
    )
    p.add_argument(
        "--dyad-jobs",
        type=int,
        default=1,
        help="threads per dyad process (default 1: Spark runs one task per core)",
    )
    p.add_argument("--mode", default="errorifexists", help="Parquet save mode (default errorifexists; overwrite)")
    p.add_argument("--master", default=None, help="Spark master when not run by spark-submit (e.g. local[2])")
    return p.parse_args(argv)


# --------------------------------------------------------------- executors


def resolve_shipped(name, want_dir=False):
    """Finds a file or folder shipped to this executor, else returns `name` as given."""
    from pyspark import SparkFiles

    base = os.path.basename(os.path.normpath(name))
    candidates = []
    try:
        candidates.append(SparkFiles.get(base))
    except Exception:  # no SparkContext files on this worker
        pass
    candidates += [os.path.join(os.getcwd(), base), name]
    for c in candidates:
        if (want_dir and os.path.isdir(c)) or (not want_dir and os.path.isfile(c)):
            return c
    return name


def executable(path):
    """The binary to run; a shipped copy may have lost its executable bit."""
    if os.path.isfile(path):
        mode = os.stat(path).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path
    found = shutil.which(path)
    if found is None:
        raise RuntimeError(f"dyad binary not found on this executor: {path!r}")
    return found


def doc_date(row, default):
    """The document date dyad itself uses: `date`, else `date_in_title`, else --date."""
    d = row.get("date")
    if isinstance(d, str) and len(d) >= 10:
        return d[:10]
    t = row.get("date_in_title")
    if isinstance(t, str):
        try:
            return datetime.strptime(t.strip(), "%B %d, %Y").strftime("%Y-%m-%d")
        except ValueError:
            pass
    return default


def month_of(date):
    """`2021-12` for dates and intervals with a month, `2021` for a year, else None."""
    if not isinstance(date, str) or len(date) < 4 or not date[:4].isdigit():
        return None
    if len(date) >= 7 and date[4] == "-" and date[5:7].isdigit():
        return date[:7]
    return date[:4]


def code_partition(rows, cfg, failures=None):
    """Runs one `dyad code -` process over a partition's documents.

    `rows` are JSON strings of documents; yields (kind, record JSON with a
    `month` field added). The input is fed from a thread so that a full
    output pipe can never block the feeder (and vice versa).
    """
    cmd = [executable(resolve_shipped(cfg["dyad"])), "code", "-", "--jobs", str(cfg["dyad_jobs"])]
    if cfg.get("lexicon"):
        cmd += ["--lexicon", resolve_shipped(cfg["lexicon"], want_dir=True)]
    if cfg.get("lexicon_extra"):
        cmd += ["--lexicon-extra", resolve_shipped(cfg["lexicon_extra"], want_dir=True)]
    if cfg.get("date"):
        cmd += ["--date", cfg["date"]]
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=1 << 16
    )
    dates = {}
    feed_error = []

    def feed():
        try:
            for line in rows:
                doc = json.loads(line)
                dates[doc.get("id")] = doc_date(doc, cfg.get("date"))
                proc.stdin.write(line.encode("utf-8"))
                proc.stdin.write(b"\n")
        except BrokenPipeError:
            pass  # dyad stopped; its exit status says why
        except Exception as e:  # reported by the task below
            feed_error.append(e)
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    err_lines = []

    def drain():
        for line in proc.stderr:
            err_lines.append(line.decode("utf-8", "replace").rstrip("\n"))

    feeder = threading.Thread(target=feed, daemon=True)
    drainer = threading.Thread(target=drain, daemon=True)
    feeder.start()
    drainer.start()
    for raw in proc.stdout:
        line = raw.decode("utf-8").rstrip("\n")
        if not line:
            continue
        rec = json.loads(line)
        # the feeder has written this record's document before dyad could code it
        month = month_of(rec.get("date")) or month_of(dates.get(rec.get("doc"))) or "unknown"
        yield rec.get("kind", "unknown"), line[:-1] + ',"month":' + json.dumps(month) + "}"
    feeder.join()
    rc = proc.wait()
    drainer.join()
    if feed_error:
        raise feed_error[0]
    if rc not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited with {rc}:\n" + "\n".join(err_lines[-20:]))
    if rc == 1:
        # some documents could not be read: dyad named each one
        for line in err_lines:
            print(line, file=sys.stderr)
        if failures is not None:
            failures.add(sum(1 for line in err_lines if line.startswith("dyad:")))


# ------------------------------------------------------------------ driver


def default_binary():
    found = shutil.which("dyad")
    if found:
        return found
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "target", "release", "dyad")


def already_shipped(sc):
    """Names of what spark-submit --files/--archives ship (archives by their
    #alias), which must not be added a second time under the same name."""
    conf = sc.getConf()
    names = set()
    for key in ("spark.files", "spark.archives", "spark.yarn.dist.files", "spark.yarn.dist.archives"):
        for uri in filter(None, (conf.get(key) or "").split(",")):
            path, _, alias = uri.partition("#")
            names.add(alias or os.path.basename(path.rstrip("/")))
    return names


def documents(spark, args):
    """The input as a DataFrame of dyad's document fields, as JSON strings."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DateType, TimestampType

    df = spark.read.format(args.format).load(args.input)
    if args.text_col not in df.columns:
        raise SystemExit(
            f"dyad_spark: input {args.input} has no column {args.text_col!r} "
            f"(columns: {', '.join(df.columns)}); name it with --text-col"
        )
    types = {f.name: f.dataType for f in df.schema.fields}
    cols = []
    for name in DOC_FIELDS:
        src = {"id": args.id_col, "text": args.text_col}.get(name, name)
        if src not in df.columns:
            continue
        c = F.col(src)
        if name == "date" and isinstance(types[src], (DateType, TimestampType)):
            c = F.date_format(c, "yyyy-MM-dd")
        elif name != "text":
            c = c.cast("string")
        cols.append(c.alias(name))
    if args.id_col not in df.columns:
        # a stable id from the content, so that reruns agree
        cols.insert(0, F.substring(F.sha2(F.col(args.text_col), 256), 1, 16).alias("id"))
    return df.select(F.to_json(F.struct(*cols)).alias("doc"))


def run(spark, args):
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    started = time.time()
    # executors import this module for code_partition when it is not __main__
    sc.addPyFile(os.path.abspath(__file__))
    binary = args.dyad or default_binary()
    cfg = {"dyad_jobs": max(1, args.dyad_jobs), "date": args.date}
    shipped = already_shipped(sc)
    if os.path.isfile(binary) and os.path.basename(binary) not in shipped:
        sc.addFile(os.path.abspath(binary))
    cfg["dyad"] = binary
    for key in ("lexicon", "lexicon_extra"):
        d = getattr(args, key)
        if d and os.path.isdir(d) and os.path.basename(os.path.normpath(d)) not in shipped:
            sc.addFile(os.path.abspath(d), recursive=True)
        cfg[key] = d

    docs = documents(spark, args)
    n_parts = args.partitions or max(docs.rdd.getNumPartitions(), sc.defaultParallelism)
    if n_parts != docs.rdd.getNumPartitions():
        docs = docs.repartition(n_parts)
    failures = sc.accumulator(0)
    doc_count = sc.accumulator(0)

    def task(rows):
        def counted():
            for r in rows:
                doc_count.add(1)
                yield r.doc
        return code_partition(counted(), cfg, failures)

    records = docs.rdd.mapPartitions(task).persist(StorageLevel.MEMORY_AND_DISK)
    counts = dict(records.map(lambda kr: (kr[0], 1)).reduceByKey(lambda a, b: a + b).collect())
    for kind, n in sorted(counts.items()):
        folder = KIND_FOLDERS.get(kind, kind + "s")
        lines = records.filter(lambda kr, k=kind: kr[0] == k).values()
        df = spark.read.json(lines)
        df = df.withColumn("month", F.coalesce(F.col("month"), F.lit("unknown")))
        df.write.mode(args.mode).partitionBy("month").parquet(os.path.join(args.output, folder))
    records.unpersist()
    summary = {
        "documents": doc_count.value,
        "unreadable": failures.value,
        "records": counts,
        "partitions": n_parts,
        "seconds": round(time.time() - started, 2),
        "output": args.output,
    }
    return summary


def main(argv=None):
    args = parse_args(argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("dyad")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        summary = run(spark, args)
    finally:
        spark.stop()
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
