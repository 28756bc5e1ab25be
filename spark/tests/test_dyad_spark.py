"""The Spark job in local[2] mode against a direct `dyad code` run.

Sample: the first 50 English press conferences of ../shared beside the
checkout, or the bundled samples (data/samples/samples.jsonl) without it.
The dyad binary is $DYAD_BIN (the Rust integration test sets it), else the
newest of target/{release,debug}/dyad.

Run: python3 -m pytest spark/tests -q
"""

import collections
import gzip
import json
import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "spark"))

import dyad_spark  # noqa: E402

pyspark = pytest.importorskip("pyspark")

PRESSCON = os.path.join(REPO, "..", "shared", "corpora", "fmprc-presscon", "fmprc_en.jsonl.gz")
SAMPLES = os.path.join(REPO, "data", "samples", "samples.jsonl")
EXTRA_DOCS = [
    {"id": "gallia", "date": "2022-03-01", "text": "Gallia criticized Russia on Monday."},
    {"id": "undated", "text": "Chinese President Xi Jinping met Russian President Vladimir Putin."},
]


def dyad_binary():
    if os.environ.get("DYAD_BIN"):
        return os.environ["DYAD_BIN"]
    found = [
        os.path.join(REPO, "target", t, "dyad")
        for t in ("release", "debug")
        if os.path.isfile(os.path.join(REPO, "target", t, "dyad"))
    ]
    if not found:
        pytest.skip("no dyad binary: build it first (cargo build) or set DYAD_BIN")
    return max(found, key=os.path.getmtime)


@pytest.fixture(scope="module")
def dyad(tmp_path_factory):
    """A private copy of the binary: every run of the module codes with the
    same one even if the build tree is rebuilt meanwhile."""
    copy = tmp_path_factory.mktemp("bin") / "dyad"
    shutil.copy2(dyad_binary(), copy)
    return str(copy)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample as JSON Lines, with the document ids dyad will use."""
    d = tmp_path_factory.mktemp("sample")
    docs = []
    if os.path.isfile(PRESSCON):
        with gzip.open(PRESSCON, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i == 50:
                    break
                doc = json.loads(line)
                doc["id"] = f"presscon-{i}"
                docs.append(doc)
    else:
        print("note: ../shared is absent; the Spark test codes the bundled samples")
        with open(SAMPLES, encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
    docs += EXTRA_DOCS
    path = d / "docs.jsonl"
    path.write_text("".join(json.dumps(doc) + "\n" for doc in docs), encoding="utf-8")
    return path, docs


@pytest.fixture(scope="module")
def lexicon(dyad, tmp_path_factory):
    """The built-in lexicon exported, plus an actor it lacks ("Gallia" = FRA)."""
    d = tmp_path_factory.mktemp("lex") / "my-lexicon"
    subprocess.run([dyad, "lexicon", "export", str(d)], check=True, capture_output=True)
    (d / "actors" / "extra.txt").write_text("@kind country\nFRA | Gallia\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    s = (
        SparkSession.builder.master("local[2]")
        .appName("dyad-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def direct(dyad, path, *extra):
    out = subprocess.run(
        [dyad, "code", str(path), *extra], check=True, capture_output=True, text=True
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def key(r):
    return (r["kind"], r["doc"], r["sentence"], tuple(r["span"]), r.get("cameo"), r.get("rule"))


def read_output(spark, out):
    """Records of every kind folder, as dicts, with their partition month."""
    recs = []
    for folder in ("events", "claims", "commitments"):
        p = os.path.join(out, folder)
        if not os.path.isdir(p):
            continue
        for row in spark.read.parquet(p).collect():
            recs.append(row.asDict(recursive=True))
    return recs


def check_same(spark_recs, direct_recs):
    by_kind = collections.Counter(r["kind"] for r in spark_recs)
    want = collections.Counter(r["kind"] for r in direct_recs)
    assert by_kind == want
    assert collections.Counter(map(key, spark_recs)) == collections.Counter(map(key, direct_recs))


def run_job(spark, dyad, *argv):
    return dyad_spark.run(spark, dyad_spark.parse_args([*argv, "--dyad", str(dyad)]))


def test_jsonl_input_with_a_shipped_lexicon(spark, dyad, sample, lexicon, tmp_path):
    path, docs = sample
    want = direct(dyad, path, "--lexicon", str(lexicon))
    assert sum(r["kind"] == "event" for r in want) > 20
    out = str(tmp_path / "out")
    argv = ["--input", str(path), "--format", "json", "--output", out, "--lexicon", str(lexicon)]
    summary = run_job(spark, dyad, *argv)
    assert summary["documents"] == len(docs)
    assert summary["partitions"] >= 2
    assert summary["records"] == dict(collections.Counter(r["kind"] for r in want))
    got = read_output(spark, out)
    check_same(got, want)
    # the shipped lexicon was used: it knows "Gallia", the built-in one does not
    gallia = [r for r in got if r["doc"] == "gallia" and r["kind"] == "event"]
    assert any(r["source"]["country"] == "FRA" for r in gallia), gallia
    plain = [r for r in direct(dyad, path) if r["doc"] == "gallia" and r["kind"] == "event"]
    assert not any(r["source"]["country"] == "FRA" for r in plain), plain
    # partitioned by the month of the record's date, or of the document's
    doc_dates = {d["id"]: dyad_spark.doc_date(d, None) for d in docs}
    months = set()
    for r in got:
        expect = dyad_spark.month_of(r.get("date")) or dyad_spark.month_of(doc_dates[r["doc"]])
        assert r["month"] == (expect or "unknown"), r
        months.add(r["month"])
    assert os.path.isdir(os.path.join(out, "events", "month=" + sorted(months)[0]))
    assert "unknown" in months and len(months) >= 3, months
    assert os.path.isdir(os.path.join(out, "events", "month=unknown"))


def test_parquet_input_with_a_date_column(spark, dyad, sample, tmp_path):
    from pyspark.sql import functions as F

    path, docs = sample
    pq = str(tmp_path / "docs.parquet")
    df = spark.read.json(str(path))
    if "date" in df.columns:
        df = df.withColumn("date", F.to_date("date"))
    df.write.parquet(pq)
    out = str(tmp_path / "out")
    summary = run_job(spark, dyad, "--input", pq, "--format", "parquet", "--output", out)
    assert summary["documents"] == len(docs)
    check_same(read_output(spark, out), direct(dyad, path))


def test_spark_submit_style_command_line(dyad, sample, tmp_path):
    """The script as spark-submit runs it: its own session, summary on stdout."""
    path, docs = sample
    out = str(tmp_path / "out")
    script = os.path.join(REPO, "spark", "dyad_spark.py")
    cmd = [sys.executable, script, "--master", "local[2]", "--input", str(path)]
    cmd += ["--output", out, "--dyad", str(dyad)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert summary["documents"] == len(docs)
    assert summary["records"]["event"] == sum(r["kind"] == "event" for r in direct(dyad, path))


def test_a_missing_binary_fails_the_job(spark, sample, tmp_path):
    path, _ = sample
    with pytest.raises(Exception, match="dyad binary not found"):
        run_job(spark, tmp_path / "no-such-dyad", "--input", str(path), "--output", str(tmp_path / "o"))
