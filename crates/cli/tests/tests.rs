//! End-to-end tests of the `dyad` binary: one integration-test binary, as
//! the CLI is what users run.
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn run(args: &[&str]) -> Output {
    dyad().args(args).output().expect("run dyad")
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the checkout, if present.
fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("note: ../shared is absent; skipping");
        None
    }
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn samples_code_to_the_record_contract() {
    let out = run(&["code", "--sample"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = records(&out);
    for r in &all {
        for f in ["kind", "doc", "sentence", "text", "span"] {
            assert!(!r[f].is_null(), "field {f} missing in {r}");
        }
    }
    let recs: Vec<Value> = all.into_iter().filter(|r| r["kind"] == "event").collect();
    assert!(recs.len() >= 10, "only {} events", recs.len());
    for r in &recs {
        for f in [
            "doc",
            "sentence",
            "text",
            "span",
            "source",
            "cameo",
            "root",
            "quad_class",
            "goldstein",
            "plover",
            "trigger",
            "rule",
            "modality",
        ] {
            assert!(!r[f].is_null(), "field {f} missing in {r}");
        }
        let q = r["quad_class"].as_u64().unwrap();
        assert!((1..=4).contains(&q));
        assert_eq!(
            &r["cameo"].as_str().unwrap()[..2],
            r["root"].as_str().unwrap()
        );
        assert!(
            r["rule"].as_str().unwrap().contains(".txt:"),
            "rule is file:line: {}",
            r["rule"]
        );
        assert!([
            "asserted",
            "future",
            "intent",
            "negated",
            "hypothetical",
            "reported"
        ]
        .contains(&r["modality"].as_str().unwrap()));
    }
    // Putin's visit to Beijing on 4 February 2022: Russia -> China, consult/visit root 04
    let visit = recs.iter().find(|r| {
        r["doc"] == "sample-2022-02-04-beijing-visit"
            && r["source"]["country"] == "RUS"
            && r["target"]["country"] == "CHN"
            && r["root"] == "04"
    });
    let visit =
        visit.unwrap_or_else(|| panic!("no RUS->CHN 04 event in the Beijing sample: {recs:#?}"));
    assert_eq!(visit["source"]["code"], "RUSGOV");
    assert_eq!(visit["date"], "2022-02-04");
    // the invasion: Russia -> Ukraine, root 19 or 20 (material conflict)
    assert!(recs.iter().any(|r| r["source"]["country"] == "RUS"
        && r["target"]["country"] == "UKR"
        && r["quad_class"] == 4));
    // the promised trip is future, not a visit that happened
    assert!(recs
        .iter()
        .any(|r| r["doc"] == "sample-2021-12-15-video-summit"
            && r["source"]["country"] == "RUS"
            && r["modality"] == "future"));
}

#[test]
fn spans_point_into_the_original_bytes() {
    let d = tmpdir("spans");
    let html = "<html><head><script>var x = 'Russia';</script></head><body><p>Russian President Vladimir Putin &amp; his team visited China on 4 February 2022.</p></body></html>";
    let f = d.join("visit.html");
    std::fs::write(&f, html).unwrap();
    let out = run(&["code", f.to_str().unwrap()]);
    assert!(out.status.success());
    let recs = records(&out);
    assert!(!recs.is_empty(), "no event from the HTML document");
    for r in &recs {
        let sp = &r["source"]["span"];
        let (a, b) = (
            sp[0].as_u64().unwrap() as usize,
            sp[1].as_u64().unwrap() as usize,
        );
        assert_eq!(&html[a..b], r["source"]["text"].as_str().unwrap());
        let tp = &r["trigger"]["span"];
        let (a, b) = (
            tp[0].as_u64().unwrap() as usize,
            tp[1].as_u64().unwrap() as usize,
        );
        assert_eq!(&html[a..b], r["trigger"]["text"].as_str().unwrap());
    }
}

#[test]
fn bad_inputs_are_named_and_the_rest_is_coded() {
    let d = tmpdir("bad");
    let good = d.join("good.txt");
    std::fs::write(&good, "Russia criticized the United States on Monday.").unwrap();
    let empty = d.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = d.join("blob.txt");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41, 0x80]).unwrap();
    let missing = d.join("missing.txt");
    let out = run(&[
        "code",
        missing.to_str().unwrap(),
        empty.to_str().unwrap(),
        binary.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.txt"), "{err}");
    assert!(err.contains("empty.txt"), "{err}");
    assert!(err.contains("blob.txt"), "{err}");
    let recs = records(&out);
    assert!(
        recs.iter().any(|r| r["source"]["country"] == "RUS"
            && r["target"]["country"] == "USA"
            && r["root"] == "11"),
        "{recs:?}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["code", "--date", "2021-13-45", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--date"));
    let out = run(&["code"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn jsonl_from_stdin_with_dates() {
    use std::io::Write;
    let mut child = dyad()
        .args(["code", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let input = "{\"id\":\"a\",\"date\":\"2021-12-20\",\"text\":\"Russia praised China last week.\"}\nnot json\n{\"id\":\"b\",\"text\":\"Japan criticized North Korea.\"}\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a bad line is an input failure");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(":2"),
        "the bad line is named"
    );
    let recs = records(&out);
    let a = recs.iter().find(|r| r["doc"] == "a").expect("doc a coded");
    assert_eq!(a["source"]["country"], "RUS");
    assert_eq!(a["date_basis"], "text");
    let b = recs.iter().find(|r| r["doc"] == "b").expect("doc b coded");
    assert!(
        b["date"].is_null(),
        "no document date and no expression: no date"
    );
}

#[test]
fn lexicon_check_builtin_and_broken() {
    let out = run(&["lexicon", "check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("ok"), "{s}");
    // export, break a line, check again
    let d = tmpdir("lex");
    assert!(run(&["lexicon", "export", d.to_str().unwrap()])
        .status
        .success());
    let verbs = std::fs::read_dir(d.join("verbs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| !p.ends_with("irregular.txt"))
        .unwrap();
    let mut body = std::fs::read_to_string(&verbs).unwrap();
    body.push_str("02120 | demand+ {T}\n");
    let line = body.lines().count();
    std::fs::write(&verbs, body).unwrap();
    let out = run(&["lexicon", "check", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let name = verbs.file_name().unwrap().to_str().unwrap();
    assert!(err.contains(&format!("{name}:{line}")), "{err}");
    assert!(err.contains("did you mean"), "{err}");
    // the broken lexicon is refused by `code` too, with the same message
    let out = run(&["code", "--sample", "--lexicon", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn lexicon_override_changes_coding() {
    let d = tmpdir("extra");
    std::fs::create_dir_all(d.join("actors")).unwrap();
    std::fs::write(d.join("actors/extra.txt"), "@kind country\nFRA | Gallia\n").unwrap();
    let f = tmpdir("extra-doc").join("t.txt");
    std::fs::write(&f, "Gallia criticized Russia.").unwrap();
    let plain = records(&run(&["code", f.to_str().unwrap()]));
    assert!(plain.iter().all(|r| r["source"]["country"] != "FRA"));
    let over = records(&run(&[
        "code",
        "--lexicon-extra",
        d.to_str().unwrap(),
        f.to_str().unwrap(),
    ]));
    assert!(
        over.iter()
            .any(|r| r["source"]["country"] == "FRA" && r["target"]["country"] == "RUS"),
        "{over:?}"
    );
}

#[test]
fn explain_shows_the_real_run() {
    let d = tmpdir("explain");
    let f = d.join("t.txt");
    std::fs::write(&f, "Intro line.\nOn the eve of July 1, President Putin sent a warm congratulatory message to President Xi Jinping.").unwrap();
    let out = run(&[
        "explain",
        f.to_str().unwrap(),
        "--sentence",
        "1",
        "--date",
        "2022-01-01",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    for want in [
        "tokens:",
        "Putin",
        "pattern matches",
        "RUSGOV -> CHNGOV",
        "2021-06-30",
        ".txt:",
    ] {
        assert!(s.contains(want), "missing {want} in\n{s}");
    }
    let out = run(&["explain", f.to_str().unwrap(), "--sentence", "99"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A pattern that matched but gave no event says why in `dyad explain`.
#[test]
fn explain_says_why_a_match_gave_no_event() {
    let d = tmpdir("explain_none");
    let f = d.join("t.txt");
    std::fs::write(
        &f,
        "Obama wants Putin to attack Switzerland.\nA Russian official offered concessions last November.",
    )
    .unwrap();
    let explain = |n: &str| {
        let out = run(&["explain", f.to_str().unwrap(), "--sentence", n]);
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let s = explain("0");
    assert!(
        s.contains("matched \"attack\" — no event: the act is wanted of another"),
        "{s}"
    );
    let s = explain("1");
    assert!(
        s.contains("matched \"offered concessions\" — no event: no target"),
        "{s}"
    );
    // the weaker match used when the stronger one gave no event
    let q = d.join("q.jsonl");
    std::fs::write(
        &q,
        "{\"id\":\"pc\",\"date\":\"2019-07-30\",\"title\":\"Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on July 30, 2019\",\"text\":\"Q: You talked about State Councilor and Foreign Minister Wang Yi's visit to Russia.\"}\n",
    )
    .unwrap();
    let out = run(&["explain", q.to_str().unwrap(), "--sentence", "0"]);
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("matched \"visit\" — used: the stronger match it overlapped gave no event")
            && s.contains("-> RUS  042"),
        "{s}"
    );
    // an event coded and then dropped over the whole sentence is listed
    // with its reason
    let g = d.join("g.jsonl");
    std::fs::write(
        &g,
        "{\"id\":\"pc\",\"date\":\"2020-03-01\",\"title\":\"Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on March 1, 2020\",\"text\":\"Foreign officials and experts spoke highly of China's measures.\"}\n",
    )
    .unwrap();
    let out = run(&["explain", g.to_str().unwrap(), "--sentence", "0"]);
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("its events were dropped after coding")
            && s.contains("events dropped after coding:")
            && s.contains("-> CHN  051 asserted (trigger \"spoke highly of\"")
            && s.contains("cooperating with itself")
            && s.contains("events: 0"),
        "{s}"
    );
}

/// An actor's record carries the whole noun phrase around its mention
/// (`source.phrase`, `target.phrase`: text and span into the original
/// bytes), and `dyad explain` shows it; the codes and mention spans are
/// the coder's as before.
#[test]
fn actor_phrases_in_records_and_explain() {
    let d = tmpdir("phrases");
    let f = d.join("p.txt");
    let text = "Intro.\nThe Nigerian Air Force (NAF) bombed Boko Haram hideouts near the border.";
    std::fs::write(&f, text).unwrap();
    let out = run(&["code", f.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    let e = recs
        .iter()
        .find(|r| r["kind"] == "event" && r["source"]["country"] == "NGA")
        .unwrap_or_else(|| panic!("no NGA event in {recs:#?}"));
    let slice = |v: &Value| {
        let a = v[0].as_u64().unwrap() as usize;
        let b = v[1].as_u64().unwrap() as usize;
        &text[a..b]
    };
    assert_eq!(e["source"]["text"], "Nigerian Air Force");
    assert_eq!(
        e["source"]["phrase"]["text"],
        "The Nigerian Air Force (NAF)"
    );
    assert_eq!(
        slice(&e["source"]["phrase"]["span"]),
        "The Nigerian Air Force (NAF)"
    );
    assert_eq!(e["target"]["text"], "Boko Haram");
    // which hideouts: the place after a common noun belongs to it
    let hideouts = "Boko Haram hideouts near the border";
    assert_eq!(e["target"]["phrase"]["text"], hideouts);
    assert_eq!(slice(&e["target"]["phrase"]["span"]), hideouts);
    assert_eq!(slice(&e["target"]["span"]), "Boko Haram");
    let out = run(&["explain", f.to_str().unwrap(), "--sentence", "1"]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("source \"Nigerian Air Force\" (phrase \"The Nigerian Air Force (NAF)\")"),
        "{s}"
    );
    assert!(s.contains(&format!("(phrase \"{hideouts}\")")), "{s}");
}

/// Runs `dyad eval` on a gold file and returns its JSON scores.
fn eval(gold: &str, extra: &[&str]) -> Option<Value> {
    shared()?;
    let g = repo().join("testdata/gold").join(gold);
    if !g.exists() {
        panic!("gold file {} missing", g.display());
    }
    let mut args = vec!["eval", g.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    eprintln!(
        "{gold} {extra:?}: P {:.3} R {:.3} F1 {:.3}",
        v["precision"], v["recall"], v["f1"]
    );
    Some(v)
}

/// Floors that lock in the accuracy reached; raise them as it improves
/// (figures in the README and the issue notes).
#[test]
fn eval_floors_on_the_gold_files() {
    let Some(seed) = eval("seed.jsonl", &[]) else {
        return;
    };
    assert!(
        seed["f1"].as_f64().unwrap() >= 0.86,
        "seed F1 {}",
        seed["f1"]
    );
    assert_eq!(
        seed["unaligned"], 0,
        "every seed gold sentence is found in the article"
    );
    let seed_dated = eval("seed.jsonl", &["--with-date"]).unwrap();
    assert!(
        seed_dated["f1"].as_f64().unwrap() >= 0.86,
        "seed F1 with dates {}",
        seed_dated["f1"]
    );
    let plover = eval("plover_gsr.jsonl", &[]).unwrap();
    assert!(
        plover["records_with_plover_event_right"].as_f64().unwrap() >= 0.81,
        "PLOVER records right {}",
        plover["records_with_plover_event_right"]
    );
    assert!(
        plover["f1"].as_f64().unwrap() >= 0.725,
        "PLOVER F1 {}",
        plover["f1"]
    );
    let pc_dev = eval("presscon.jsonl", &["--split", "dev"]).unwrap();
    assert!(
        pc_dev["f1"].as_f64().unwrap() >= 0.88,
        "presscon dev F1 {}",
        pc_dev["f1"]
    );
    let pc_test = eval("presscon.jsonl", &["--split", "test"]).unwrap();
    assert!(
        // (0.662 -> 0.658 in the fifteenth session when a role noun after
        // "and" came to share the country adjective of the role before it,
        // guidelines 19 and 46; dev unchanged)
        pc_test["f1"].as_f64().unwrap() >= 0.655,
        "presscon test F1 {}",
        pc_test["f1"]
    );
}

#[test]
fn eval_errors_name_the_plover_sentences_no_event_gets_right() {
    let d = tmpdir("evalplover");
    let gold = d.join("g.jsonl");
    std::fs::write(
        &gold,
        "{\"doc\":\"a\",\"text\":\"Russia praised Japan.\",\"events\":[{\"source\":\"RUS\",\"target\":\"JPN\",\"cameo\":\"051\",\"plover\":\"SUPPORT\"}]}\n\
         {\"doc\":\"b\",\"text\":\"Japan praised Russia.\",\"events\":[{\"source\":\"JPN\",\"target\":\"RUS\",\"cameo\":\"051\",\"plover\":\"SUPPORT\"}]}\n",
    )
    .unwrap();
    let pred = d.join("p.jsonl");
    // the first right; the second coded the wrong way round
    std::fs::write(
        &pred,
        "{\"kind\":\"event\",\"doc\":\"a\",\"text\":\"Russia praised Japan.\",\"source\":{\"code\":\"RUS\",\"country\":\"RUS\"},\"target\":{\"code\":\"JPN\",\"country\":\"JPN\"},\"cameo\":\"051\",\"root\":\"05\",\"modality\":\"asserted\",\"plover\":{\"event\":\"SUPPORT\"}}\n\
         {\"kind\":\"event\",\"doc\":\"b\",\"text\":\"Japan praised Russia.\",\"source\":{\"code\":\"RUS\",\"country\":\"RUS\"},\"target\":{\"code\":\"JPN\",\"country\":\"JPN\"},\"cameo\":\"051\",\"root\":\"05\",\"modality\":\"asserted\",\"plover\":{\"event\":\"SUPPORT\"}}\n",
    )
    .unwrap();
    let out = run(&[
        "eval",
        gold.to_str().unwrap(),
        "--pred",
        pred.to_str().unwrap(),
        "--errors",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("PLOVER")).collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].contains("line 2")
            && lines[0].contains("wanted Some(\"JPN\")->Some(\"RUS\") SUPPORT")
            && lines[0].contains("coded Some(\"RUS\")->Some(\"JPN\") SUPPORT"),
        "{}",
        lines[0]
    );
    assert!(text.contains("with the PLOVER event type and both countries right: 0.500"));
}

#[test]
fn eval_scores_a_prediction_file_and_enforces_floors() {
    let d = tmpdir("evalpred");
    let gold = d.join("g.jsonl");
    std::fs::write(
        &gold,
        "{\"doc\":\"a\",\"text\":\"Russia criticized Japan.\",\"events\":[{\"source\":\"RUS\",\"target\":\"JPN\",\"cameo\":\"111\"}]}\n\
         {\"doc\":\"b\",\"text\":\"Japan praised Russia.\",\"events\":[{\"source\":\"JPN\",\"target\":\"RUS\",\"cameo\":\"051\"}]}\n",
    )
    .unwrap();
    let pred = d.join("p.jsonl");
    // one right, one wrong direction, one spurious
    std::fs::write(
        &pred,
        "{\"kind\":\"event\",\"doc\":\"a\",\"text\":\"Russia criticized Japan.\",\"source\":{\"code\":\"RUS\",\"country\":\"RUS\"},\"target\":{\"code\":\"JPN\",\"country\":\"JPN\"},\"cameo\":\"111\",\"root\":\"11\",\"modality\":\"asserted\"}\n\
         {\"kind\":\"event\",\"doc\":\"b\",\"text\":\"Japan praised Russia.\",\"source\":{\"code\":\"RUS\",\"country\":\"RUS\"},\"target\":{\"code\":\"JPN\",\"country\":\"JPN\"},\"cameo\":\"051\",\"root\":\"05\",\"modality\":\"asserted\"}\n",
    )
    .unwrap();
    let out = run(&[
        "eval",
        gold.to_str().unwrap(),
        "--pred",
        pred.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tp"], 1);
    assert_eq!(v["fp"], 1);
    assert_eq!(v["fn"], 1);
    assert_eq!(v["per_root"]["05"]["fn"], 1);
    let out = run(&[
        "eval",
        gold.to_str().unwrap(),
        "--pred",
        pred.to_str().unwrap(),
        "--min-f1",
        "0.9",
    ]);
    assert_eq!(out.status.code(), Some(3));
    // a broken gold line is named
    std::fs::write(&gold, "{\"doc\":\"a\",\"text\":\"x\"}\n").unwrap();
    let out = run(&["eval", gold.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("g.jsonl:1"));
}
// ------------------------------------------------------------ the store (issue 6)

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn store_ingest_is_idempotent_and_queries_give_the_records() {
    let d = tmpdir("store");
    let docs = d.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "President Xi Jinping met Russian President Vladimir Putin in Beijing on 4 February 2022.\n\n\
         China criticized the United States on 3 March 2022. Russia accused the United States in June 2021.\n\n\
         Bilateral trade reached 190 billion US dollars in 2022.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("b.md"),
        "# Note\n\nRussia praised *China* on 5 May 2022.\n",
    )
    .unwrap();
    let db = d.join("s.db");
    let (db_s, docs_s) = (db.to_str().unwrap(), docs.to_str().unwrap());
    let first = ok(&run(&[
        "ingest",
        "--db",
        db_s,
        "--date",
        "2022-01-10",
        docs_s,
    ]));
    assert!(first.contains("2 new"), "{first}");
    let again = ok(&run(&[
        "ingest",
        "--db",
        db_s,
        "--date",
        "2022-01-10",
        docs_s,
    ]));
    assert!(
        again.contains("0 new") && again.contains("2 unchanged"),
        "{again}"
    );

    // stored records are the records `dyad code` writes
    let coded = records(&run(&["code", "--date", "2022-01-10", docs_s]));
    let stored = records(&run(&[
        "query", "events", "--db", db_s, "--format", "jsonl",
    ]));
    let coded_events: Vec<Value> = coded
        .iter()
        .filter(|r| r["kind"] == "event")
        .cloned()
        .collect();
    assert_eq!(stored, coded_events);
    assert!(stored.len() >= 5);
    let claims = records(&run(&[
        "query", "claims", "--db", db_s, "--format", "jsonl",
    ]));
    let coded_claims: Vec<Value> = coded
        .iter()
        .filter(|r| r["kind"] == "claim")
        .cloned()
        .collect();
    assert_eq!(claims, coded_claims);
    assert!(!claims.is_empty());

    let q = records(&run(&[
        "query", "events", "--db", db_s, "--format", "jsonl", "--dyad", "RUS,CHN", "--from",
        "2022-05",
    ]));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0]["doc"], "b.md");
    let csv = ok(&run(&[
        "query", "events", "--db", db_s, "--format", "csv", "--root", "11",
    ]));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("id,doc,sentence,date"), "{csv}");
    assert_eq!(lines.len(), 3, "{csv}");
    let table = ok(&run(&["query", "events", "--db", db_s]));
    assert!(table.lines().all(|l| l.chars().count() <= 120), "{table}");
    assert!(table.contains("CHNGOV"));

    // the pair series, both directions
    let s = ok(&run(&[
        "dyad", "CHN", "RUS", "--db", db_s, "--format", "csv",
    ]));
    assert!(s.contains("2022-02,CHN,RUS,1,1,0,0,0,"), "{s}");
    assert!(s.contains("2022-05,RUS,CHN,1,1,0,0,0,"), "{s}");
    assert_eq!(s.lines().count(), 1 + 2 * 4, "{s}");
    let t = ok(&run(&["dyad", "chn", "rus", "--db", db_s, "--by", "year"]));
    assert!(t.contains("CHN -> RUS") && t.contains("sparklines"), "{t}");
    let a = ok(&run(&["actors", "--db", db_s, "--countries"]));
    assert!(a.contains("RUS->USA"), "{a}");

    // exports
    let p = records(&run(&["export", "plover", "--db", db_s]));
    assert_eq!(p.len(), stored.len());
    for r in &p {
        for f in ["id", "date", "actor", "event"] {
            assert!(!r[f].is_null(), "{f} missing in {r}");
        }
        assert!(r["event"][0].is_string());
    }
    let g = ok(&run(&["export", "gdelt", "--db", db_s]));
    for l in g.lines() {
        assert_eq!(l.split('\t').count(), 22, "{l}");
    }
    let out = d.join("e.csv");
    ok(&run(&[
        "export",
        "csv",
        "--db",
        db_s,
        "--country",
        "USA",
        "-o",
        out.to_str().unwrap(),
    ]));
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 3);

    // a changed document is a new version; the old events stay as history
    std::fs::write(
        docs.join("b.md"),
        "# Note\n\nRussia criticized *China* on 5 May 2022.\n",
    )
    .unwrap();
    let third = ok(&run(&[
        "ingest",
        "--db",
        db_s,
        "--date",
        "2022-01-10",
        docs_s,
    ]));
    assert!(
        third.contains("1 changed") && third.contains("1 unchanged"),
        "{third}"
    );
    let b = records(&run(&[
        "query", "events", "--db", db_s, "--format", "jsonl", "--doc", "b.*",
    ]));
    assert_eq!(b.len(), 1);
    assert_eq!(b[0]["root"], "11");
    let all = records(&run(&[
        "query",
        "events",
        "--db",
        db_s,
        "--format",
        "jsonl",
        "--doc",
        "b.md",
        "--all-versions",
    ]));
    assert_eq!(all.len(), 2);

    // recode with the same lexicon changes nothing
    let r = ok(&run(&["recode", "--db", db_s]));
    assert!(r.contains("0 events added, 0 removed, 0 recoded"), "{r}");
}

#[test]
fn store_refuses_files_that_are_not_its_own() {
    let d = tmpdir("store-bad");
    let db = d.join("notes.db");
    std::fs::write(&db, "my precious notes\n").unwrap();
    let doc = d.join("a.txt");
    std::fs::write(&doc, "Russia criticized the United States on Monday.").unwrap();
    let out = run(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("notes.db") && err.contains("not"), "{err}");
    assert_eq!(std::fs::read_to_string(&db).unwrap(), "my precious notes\n");
    // read-only commands do not create a store
    let none = d.join("none.db");
    let out = run(&["query", "events", "--db", none.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!none.exists());
    // a bad filter is a usage error
    let db2 = d.join("ok.db");
    ok(&run(&[
        "ingest",
        "--db",
        db2.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]));
    let out = run(&[
        "query",
        "claims",
        "--db",
        db2.to_str().unwrap(),
        "--code",
        "04",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&[
        "query",
        "events",
        "--db",
        db2.to_str().unwrap(),
        "--from",
        "May",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("May"));
}

/// The template of docs/HOWTO-LEXICON.md codes what the guide says it does.
#[test]
fn howto_template_codes() {
    let d = tmpdir("howto");
    let f = d.join("t.txt");
    std::fs::write(
        &f,
        "King Rassendyll appealed to China for medical aid on Monday. Ruritanian troops made an unexpected landfall in Japan.",
    )
    .unwrap();
    let howto = repo().join("testdata/howto");
    let out = run(&[
        "code",
        "--lexicon-extra",
        howto.to_str().unwrap(),
        "--date",
        "2022-05-04",
        f.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    let appeal = recs
        .iter()
        .find(|r| r["cameo"] == "0234")
        .unwrap_or_else(|| panic!("{recs:#?}"));
    assert_eq!(appeal["source"]["code"], "RURGOV");
    assert_eq!(appeal["target"]["country"], "CHN");
    assert_eq!(appeal["date"], "2022-05-02");
    assert!(appeal["rule"]
        .as_str()
        .unwrap()
        .starts_with("verbs/extra.txt:"));
    let landing = recs
        .iter()
        .find(|r| r["cameo"] == "042")
        .unwrap_or_else(|| panic!("{recs:#?}"));
    assert_eq!(landing["source"]["code"], "RURMIL");
    assert_eq!(landing["target"]["country"], "JPN");
    // the same person after the end of his role is the bare country
    let out = run(&[
        "code",
        "--lexicon-extra",
        howto.to_str().unwrap(),
        "--date",
        "2025-05-04",
        f.to_str().unwrap(),
    ]);
    let recs = records(&out);
    assert!(
        recs.iter()
            .any(|r| r["cameo"] == "0234" && r["source"]["code"] == "RUR"),
        "{recs:#?}"
    );
}

/// Issue 4: `dyad code` writes claim records after each document's events;
/// the 2023 trade sample is checked against the bundled China customs table.
#[test]
fn code_sample_emits_trade_claims_checked_against_the_reference() {
    let out = run(&["code", "--sample"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    let claims: Vec<&Value> = recs
        .iter()
        .filter(|r| r["kind"] == "claim" && r["doc"] == "sample-2024-01-12-trade-2023")
        .collect();
    for c in &claims {
        for f in [
            "doc", "sentence", "text", "span", "value", "unit", "figure", "rule", "actors",
            "checks",
        ] {
            assert!(!c[f].is_null(), "field {f} missing in {c}");
        }
        let [s, e] = [
            c["figure"]["span"][0].as_u64(),
            c["figure"]["span"][1].as_u64(),
        ];
        assert!(s.is_some() && e.is_some() && s <= e, "{c}");
    }
    let level = claims
        .iter()
        .find(|c| c["figure"]["text"] == "US$240.11 billion")
        .unwrap_or_else(|| panic!("no US$240.11 billion claim in {claims:#?}"));
    assert_eq!(level["value"].as_f64(), Some(240.11e9));
    assert_eq!(level["unit"], "USD");
    assert_eq!(level["quantity"], "trade");
    assert_eq!(level["period"], "2023");
    assert_eq!(level["status"], "observation");
    assert_eq!(level["actors"], serde_json::json!(["CHN", "RUS"]));
    let reference = level["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["check"] == "reference")
        .unwrap_or_else(|| panic!("no reference check in {level}"));
    assert_eq!(reference["result"], "consistent", "{reference}");
    assert!(
        reference["detail"]
            .as_str()
            .unwrap()
            .contains("240.11 billion"),
        "{reference}"
    );
    let change = claims
        .iter()
        .find(|c| c["figure"]["text"] == "up 26.3 percent")
        .unwrap_or_else(|| panic!("no 26.3 percent claim in {claims:#?}"));
    assert_eq!(change["value"].as_f64(), Some(26.3));
    assert_eq!(change["unit"], "percent");
    assert_eq!(change["change"], "up");
    assert_eq!(change["period"], "2023");
    let target = claims
        .iter()
        .find(|c| c["figure"]["text"] == "US$200 billion")
        .unwrap_or_else(|| panic!("no target claim in {claims:#?}"));
    assert_eq!(target["status"], "target");
    assert_eq!(target["period"], "2024");
}

/// `--merge`: the same act told in several sentences is one event with its
/// mentions.
#[test]
fn merge_joins_mentions_of_one_act() {
    let out = run(&["code", "--sample", "--merge"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    let meeting = recs
        .iter()
        .find(|r| {
            r["kind"] == "event"
                && r["doc"] == "sample-2022-02-04-beijing-visit"
                && r["source"]["code"] == "RUSGOV"
                && r["cameo"] == "040"
        })
        .expect("the Beijing meeting");
    let mentions = meeting["mentions"].as_array().expect("mentions");
    assert!(mentions.len() >= 2, "{meeting:#}");
    let plain = records(&run(&["code", "--sample"]));
    let n_events = |v: &[Value]| v.iter().filter(|r| r["kind"] == "event").count();
    assert!(n_events(&recs) < n_events(&plain));
}

// ---- issue 3: evaluation material (gold files issue3_*, ConfliBERT scoring)

const ISSUE3_GOLD: [&str; 3] = [
    "issue3_presscon.jsonl",
    "issue3_ungdc.jsonl",
    "issue3_conflibert.jsonl",
];

/// The issue-3 gold files keep the format and the rules of docs/ANNOTATION.md:
/// every line a sentence with a split, dev and test never share a document,
/// about a quarter of the sentences without events, codes from the lexicon,
/// and every 03 event a promise (future or intent).
#[test]
fn issue3_gold_files_are_well_formed_and_split_by_document() {
    let codes_txt = std::fs::read_to_string(repo().join("data/lexicon/cameo/codes.txt")).unwrap();
    let codes: std::collections::HashSet<&str> = codes_txt
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .filter_map(|l| l.split('|').next())
        .map(str::trim)
        .collect();
    for name in ISSUE3_GOLD {
        let path = repo().join("testdata/gold").join(name);
        let body = std::fs::read_to_string(&path).unwrap();
        let (mut n, mut empty, mut dev) = (0, 0, 0);
        let mut split_of: std::collections::HashMap<String, String> = Default::default();
        for (i, line) in body.lines().enumerate() {
            let v: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}:{}: {e}", i + 1));
            let doc = v["doc"].as_str().expect("doc");
            // a press conference or a speech is one document; a ConfliBERT line is its own
            let doc = if name.contains("conflibert") {
                doc.to_string()
            } else {
                doc.split('#').next().unwrap().to_string()
            };
            let split = v["split"].as_str().expect("split").to_string();
            assert!(split == "dev" || split == "test", "{name}:{}", i + 1);
            let prev = split_of.entry(doc.clone()).or_insert_with(|| split.clone());
            assert_eq!(*prev, split, "{name}:{}: {doc} in both splits", i + 1);
            assert!(!v["text"].as_str().expect("text").is_empty());
            let evs = v["events"].as_array().expect("events");
            n += 1;
            dev += usize::from(split == "dev");
            empty += usize::from(evs.is_empty());
            for e in evs {
                let c = e["cameo"].as_str().unwrap();
                assert!(codes.contains(c), "{name}:{}: unknown CAMEO {c}", i + 1);
                assert!(e["source"].is_string(), "{name}:{}: no source", i + 1);
                let m = e["modality"].as_str().unwrap();
                if c.starts_with("03") {
                    assert!(m == "future" || m == "intent", "{name}:{}: 03 {m}", i + 1);
                }
            }
            if name.contains("ungdc") {
                let t = v["title"]
                    .as_str()
                    .expect("a speech line names its speaker");
                assert!(t.contains("statement at the UN General Debate"), "{t}");
            }
        }
        assert_eq!(n, 100, "{name}");
        assert!((15..=30).contains(&empty), "{name}: {empty} without events");
        assert!((40..=60).contains(&dev), "{name}: {dev} dev lines");
    }
}

/// Floors that lock in the scores on the issue-3 gold (dev and test); raise
/// them as the coder improves.
#[test]
fn issue3_eval_floors_on_the_new_gold() {
    let floors = [
        ("issue3_presscon.jsonl", 0.72, 0.57),
        ("issue3_ungdc.jsonl", 0.80, 0.56),
        ("issue3_conflibert.jsonl", 0.81, 0.60),
    ];
    for (name, dev_floor, test_floor) in floors {
        let Some(dev) = eval(name, &["--split", "dev"]) else {
            return;
        };
        let test = eval(name, &["--split", "test"]).unwrap();
        for (v, floor, split) in [(dev, dev_floor, "dev"), (test, test_floor, "test")] {
            let f1 = v["f1"].as_f64().unwrap();
            assert!(f1 >= floor, "{name} {split}: F1 {f1:.3} below {floor}");
            assert_eq!(v["unaligned"], 0);
        }
    }
}

fn conflibert_json(mode: &str, file: &Path) -> Value {
    let out = run(&["eval", mode, file.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The ConfliBERT modes on small files written here: the class of a
/// sentence comes from its first asserted event (none: 0), span F1 counts
/// exact and partial matches, and a bad line is named.
#[test]
fn issue3_conflibert_modes_on_small_files() {
    let d = tmpdir("conflibert");
    let class = d.join("class.tsv");
    std::fs::write(
        &class,
        "Russia condemned Japan.\t3\nJapan praised Russia.\t1\nThe weather was fine.\t0\nThe weather was fine again.\t4\nA car bomb killed two soldiers in the north.\t4\n",
    )
    .unwrap();
    let v = conflibert_json("--conflibert-class", &class);
    assert_eq!(v["sentences"], 5);
    // no actor known, but an act told: its class
    assert_eq!(v["confusion"][4][4], 1, "{v}");
    assert_eq!(v["confusion"][3][3], 1, "{v}");
    assert_eq!(v["confusion"][1][1], 1, "{v}");
    assert_eq!(v["confusion"][0][0], 1, "no event is class 0: {v}");
    assert_eq!(v["confusion"][4][0], 1, "{v}");
    assert_eq!(v["accuracy"].as_f64().unwrap(), 0.8);
    let spans = d.join("ner.txt");
    std::fs::write(
        &spans,
        "Russia B-S\ncondemned O\nJapan B-T\n. O\n\nThe B-S\nJapanese I-S\ngovernment I-S\npraised O\nRussia B-T\n. O\n",
    )
    .unwrap();
    let v = conflibert_json("--conflibert-spans", &spans);
    assert_eq!(v["sentences"], 2);
    let exact = &v["exact"]["all"];
    let partial = &v["partial"]["all"];
    assert_eq!(exact["gold"], 4);
    assert!(
        partial["tp"].as_u64().unwrap() >= exact["tp"].as_u64().unwrap(),
        "{v}"
    );
    assert!(exact["tp"].as_u64().unwrap() >= 2, "Russia and Japan: {v}");
    // a broken line is named, exit 2; a floor that is not reached exits 3
    std::fs::write(&class, "Russia condemned Japan.\t7\n").unwrap();
    let out = run(&["eval", "--conflibert-class", class.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("class.tsv:1"));
    let out = run(&[
        "eval",
        "--conflibert-spans",
        spans.to_str().unwrap(),
        "--min-f1",
        "1.01",
    ]);
    assert_eq!(out.status.code(), Some(3));
}

/// The span rules on sentences written here: the phrase around a mention
/// ("The Nigerian Air Force (NAF)"), one run over both sides of a symmetric
/// act named together ("Britain and Germany agreed"), the main event's roles
/// for a meeting coded both ways, and for a sentence whose actors the
/// dictionaries do not know, the act's subject and named object; `--split`
/// takes the even (dev) or odd (test) sentences.
#[test]
fn issue3_conflibert_span_rules_on_small_files() {
    let d = tmpdir("conflibert-spans");
    let spans = d.join("ner.txt");
    std::fs::write(&spans, "Britain B-R\nand I-R\nGermany I-R\nagreed O\nto O\nshare O\ninformation O\n. O\n\nIn O\nSeptember O\n, O\nunknown B-S\ngunmen I-S\nkilled O\nanother B-T\nethnic I-T\nChechen I-T\n. O\n\nThe B-S\nNigerian I-S\nAir I-S\nForce I-S\n( I-S\nNAF I-S\n) I-S\nbombed O\nBoko B-T\nHaram I-T\nhideouts I-T\n. O\n\nJapanese B-S\nPrime I-S\nMinister I-S\nFumio I-S\nKishida I-S\nmet O\nChinese B-T\nPresident I-T\nXi I-T\nJinping I-T\nin O\nBeijing O\n. O\n").unwrap();
    let v = conflibert_json("--conflibert-spans", &spans);
    assert_eq!(v["sentences"], 4);
    assert_eq!(v["sentences_with_an_event"], 3, "{v}");
    assert_eq!(v["sentences_with_an_act_only"], 1, "{v}");
    assert_eq!(v["exact"]["all"]["gold"], 7);
    assert_eq!(v["exact"]["all"]["tp"], 7, "{v}");
    assert_eq!(v["exact"]["all"]["predicted"], 7, "{v}");
    let out = run(&[
        "eval",
        "--conflibert-spans",
        spans.to_str().unwrap(),
        "--split",
        "test",
        "--json",
    ]);
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(t["sentences"], 2);
    assert_eq!(t["split"], "test");
    assert_eq!(
        t["exact"]["all"]["gold"], 4,
        "the gunmen and the Kishida sentences: {t}"
    );
    let out = run(&[
        "eval",
        "--conflibert-spans",
        spans.to_str().unwrap(),
        "--split",
        "train",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// Floors that lock in the ConfliBERT figures (quad-class accuracy on
/// cameo_class_train.tsv, span F1 on cameo_ner_train.txt); raise them as
/// the coder improves.
#[test]
fn issue3_conflibert_floors() {
    let Some(shared) = shared() else {
        return;
    };
    let dir = shared.join("corpora/conflibert-cameo");
    let class = conflibert_json("--conflibert-class", &dir.join("cameo_class_train.tsv"));
    let acc = class["accuracy"].as_f64().unwrap();
    eprintln!("ConfliBERT quad-class accuracy {acc:.3}");
    assert_eq!(class["sentences"], 1349);
    assert!(acc >= 0.85, "quad-class accuracy {acc:.3}");
    let spans = conflibert_json("--conflibert-spans", &dir.join("cameo_ner_train.txt"));
    let exact = spans["f1_exact"].as_f64().unwrap();
    let partial = spans["f1_partial"].as_f64().unwrap();
    eprintln!("ConfliBERT span F1 exact {exact:.3} partial {partial:.3}");
    assert_eq!(spans["sentences"], 1153);
    assert!(exact >= 0.73, "exact span F1 {exact:.3}");
    assert!(partial >= 0.83, "partial span F1 {partial:.3}");
    // both halves (dev: even sentences, on which the rules were chosen;
    // test: odd ones)
    for (split, floor) in [("dev", 0.74), ("test", 0.71)] {
        let out = run(&[
            "eval",
            "--conflibert-spans",
            dir.join("cameo_ner_train.txt").to_str().unwrap(),
            "--split",
            split,
            "--json",
        ]);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let f1 = v["f1_exact"].as_f64().unwrap();
        eprintln!("ConfliBERT span F1 exact, {split}: {f1:.3}");
        assert!(f1 >= floor, "{split}: exact span F1 {f1:.3}");
    }
}

// ---- issue 5: commitments -------------------------------------------------

fn commitment_records(args: &[&str]) -> Vec<Value> {
    let out = run(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    records(&out)
        .into_iter()
        .filter(|r| r["kind"] == "commitment")
        .collect()
}

#[test]
fn issue5_commitments_kept_overdue_and_open() {
    let dir = tmpdir("issue5");
    let f = dir.join("promises.txt");
    std::fs::write(
        &f,
        "President Putin will come to China for the opening ceremony of the Winter Olympics in February 2022. \
         The year 2022 will mark the 25th anniversary of the committee. \
         The two countries will increase bilateral trade between China and Russia to US$200 billion by 2024. \
         China and Russia will step up coordination in multilateral platforms.",
    )
    .unwrap();
    let p = f.to_str().unwrap();
    let recs = commitment_records(&[
        "commitments",
        p,
        "--date",
        "2022-01-01",
        "--sample",
        "--json",
    ]);
    assert_eq!(recs.len(), 3, "{recs:#?}");
    for r in &recs {
        for k in [
            "kind", "doc", "sentence", "text", "span", "actor", "action", "due", "status",
            "evidence", "rule", "specific",
        ] {
            assert!(r.get(k).is_some(), "field {k} missing in {r}");
        }
        let [a, b] = [
            r["span"][0].as_u64().unwrap(),
            r["span"][1].as_u64().unwrap(),
        ];
        let text = std::fs::read_to_string(&f).unwrap();
        assert_eq!(&text[a as usize..b as usize], r["text"].as_str().unwrap());
    }
    let visit = &recs[0];
    assert_eq!(
        (visit["status"].as_str(), visit["due"].as_str()),
        (Some("kept"), Some("2022-02"))
    );
    assert_eq!(
        visit["evidence"][0]["doc"],
        "sample-2022-02-04-beijing-visit"
    );
    assert_eq!(visit["cameo"], "036");
    let trade = &recs[1];
    assert_eq!(
        (trade["status"].as_str(), trade["due"].as_str()),
        (Some("kept"), Some("2024"))
    );
    assert_eq!(trade["evidence"][0]["doc"], "sample-2024-01-12-trade-2023");
    assert_eq!(trade["action"]["target"]["value"], 200e9);
    let broad = &recs[2];
    assert_eq!(
        (broad["specific"].as_bool(), broad["status"].as_str()),
        (Some(false), Some("open"))
    );
    // without the later documents: open before the due date, overdue after
    let open = commitment_records(&[
        "commitments",
        p,
        "--date",
        "2022-01-01",
        "--as-of",
        "2022-01-15",
        "--json",
    ]);
    assert!(open.iter().all(|r| r["status"] == "open"), "{open:#?}");
    let late = commitment_records(&[
        "commitments",
        p,
        "--date",
        "2022-01-01",
        "--as-of",
        "2025-03-01",
        "--json",
    ]);
    let st: Vec<&str> = late.iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(st, ["overdue", "overdue", "open"]);
    // the listing names status, rule and evidence
    let out = run(&["commitments", p, "--date", "2022-01-01", "--sample"]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("KEPT") && s.contains("evidence: sample-2022-02-04-beijing-visit"),
        "{s}"
    );
    let bad = run(&["commitments", p, "--as-of", "soon"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--as-of"));
}

#[test]
fn issue5_code_writes_commitments_after_events() {
    let out = run(&["code", "--sample"]);
    assert!(out.status.success());
    let recs = records(&out);
    let first = recs
        .iter()
        .position(|r| r["kind"] == "commitment")
        .expect("a commitment record");
    assert!(recs[first..].iter().all(|r| r["kind"] == "commitment"));
    let travel = recs[first..]
        .iter()
        .find(|r| r["doc"] == "sample-2021-12-15-video-summit")
        .expect("Putin's promised trip");
    assert_eq!(travel["status"], "kept");
    assert_eq!(travel["due"], "2022-02");
    assert_eq!(travel["actor"][0]["code"], "RUSGOV");
}

#[test]
fn issue5_seed_commitments_kept_by_the_samples() {
    let Some(shared) = shared() else { return };
    let seed = shared.join("seed/000_ce1873e8b18f2cc2.txt");
    let recs = commitment_records(&[
        "commitments",
        seed.to_str().unwrap(),
        "--date",
        "2022-01-01",
        "--sample",
        "--specific",
        "--json",
    ]);
    let find = |needle: &str| {
        recs.iter()
            .find(|r| r["text"].as_str().unwrap_or("").contains(needle))
            .unwrap_or_else(|| panic!("no commitment with \"{needle}\" in {recs:#?}"))
    };
    let visit = find("will come to China for the opening ceremony");
    assert_eq!(
        (visit["due"].as_str(), visit["status"].as_str()),
        (Some("2022-02"), Some("kept"))
    );
    let trade = find("US$200 billion by 2024");
    assert_eq!(
        (trade["due"].as_str(), trade["status"].as_str()),
        (Some("2024"), Some("kept"))
    );
    assert!(trade["evidence"][0]["text"]
        .as_str()
        .unwrap()
        .contains("240.11"));
    assert!(!recs.iter().any(|r| r["text"]
        .as_str()
        .unwrap_or("")
        .contains("will mark the 25th")));
}

/// The output of `dyad code` as lines, byte for byte, except that the
/// `evidence` of a commitment record is sorted: the commitment collector
/// gathers evidence events in the order the workers finish documents (its
/// own order, not the output's; see crates/cli/src/commitments.rs).
fn comparable(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            let mut r: Value = serde_json::from_str(l).unwrap();
            if r["kind"] != "commitment" {
                return l.to_string();
            }
            if let Some(ev) = r.get_mut("evidence").and_then(|e| e.as_array_mut()) {
                ev.sort_by_key(|e| e.to_string());
            }
            r.to_string()
        })
        .collect()
}

/// Issue 9: `--jobs N` output is byte for byte the single-threaded output,
/// in input order, for folders, JSON Lines files and stdin.
#[test]
fn issue9_jobs_keep_the_output_and_its_order() {
    let d = tmpdir("jobs");
    let samples = std::fs::read_to_string(repo().join("data/samples/samples.jsonl")).unwrap();
    for (i, line) in samples.lines().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        let name = format!("{i:02}-{}.txt", v["id"].as_str().unwrap());
        std::fs::write(d.join(name), v["text"].as_str().unwrap()).unwrap();
    }
    let mut jsonl = samples.repeat(3);
    if let Some(shared) = shared() {
        let gz = shared.join("corpora/fmprc-presscon/fmprc_en.jsonl.gz");
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("gzip -dc '{}' | head -n 40", gz.display()))
            .output()
            .expect("gzip");
        jsonl.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    std::fs::write(d.join("more.jsonl"), &jsonl).unwrap();
    let dir = d.to_str().unwrap();
    let one = run(&["code", "--date", "2022-01-01", "--jobs", "1", dir]);
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    let recs = records(&one);
    assert!(recs.len() > 50, "only {} records", recs.len());
    // files in sorted order, and within a file in line order
    let docs: Vec<&str> = recs.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert!(docs[0].starts_with("00-"), "{}", docs[0]);
    for jobs in ["2", "4", "7"] {
        let many = run(&["code", "--date", "2022-01-01", "--jobs", jobs, dir]);
        assert!(many.status.success());
        assert_eq!(
            comparable(&many.stdout),
            comparable(&one.stdout),
            "--jobs {jobs} changed the output"
        );
    }
    // stdin streams the same documents as the file
    let file = run(&[
        "code",
        "--jobs",
        "1",
        d.join("more.jsonl").to_str().unwrap(),
    ]);
    let mut child = dyad()
        .args(["code", "--jobs", "3", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feed = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(jsonl.as_bytes()).unwrap();
    });
    let piped = child.wait_with_output().unwrap();
    feed.join().unwrap();
    assert!(!file.stdout.is_empty());
    // ids of stdin documents without an id name the input: compare the rest
    let strip = |o: &[u8]| {
        let s = String::from_utf8_lossy(o)
            .replace("<stdin>", "")
            .replace(d.join("more.jsonl").to_str().unwrap(), "");
        comparable(s.as_bytes())
    };
    assert_eq!(strip(&piped.stdout), strip(&file.stdout));
}

/// Issue 9: a stream through stdin codes in constant memory. The peak RSS
/// (VmHWM) is read while the input is still open, after all of it has been
/// written, for a small and a 40 MB input; they must be about the same.
#[test]
fn issue9_stdin_streams_in_bounded_memory() {
    if !Path::new("/proc/self/status").exists() {
        eprintln!("note: no /proc; skipping the memory check");
        return;
    }
    fn peak_kb(docs: usize) -> (u64, usize) {
        use std::io::{BufRead, Write};
        let mut child = dyad()
            .args(["code", "--jobs", "2", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || std::io::BufReader::new(stdout).lines().count());
        let mut stdin = std::io::BufWriter::new(child.stdin.take().unwrap());
        let filler = "x".repeat(4000);
        for i in 0..docs {
            // every 50th document has an event, the rest are cheap to code
            let text = if i % 50 == 0 {
                "China and Russia signed an agreement on Monday.".to_string()
            } else {
                filler.clone()
            };
            let line =
                serde_json::json!({"id": format!("d{i}"), "date": "2022-01-01", "text": text});
            writeln!(stdin, "{line}").unwrap();
        }
        stdin.flush().unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        let kb = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap();
        drop(stdin);
        assert!(child.wait().unwrap().success());
        (kb, reader.join().unwrap())
    }
    let (small, small_lines) = peak_kb(100);
    let (large, large_lines) = peak_kb(10_000);
    assert!(
        small_lines >= 2 && large_lines >= 200,
        "{small_lines} {large_lines}"
    );
    eprintln!("peak RSS: {small} kB for 0.4 MB, {large} kB for 40 MB of JSON Lines");
    assert!(
        large < small + 16 * 1024,
        "peak RSS grew from {small} kB to {large} kB with the input"
    );
}

/// Issue 9: the PySpark job in local[2] mode (spark/tests), when pyspark,
/// pytest and Java are there; CI (.ci/run) installs them, so there their
/// absence is a failure.
#[test]
fn issue9_spark_job_in_local_mode() {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let ok = |c: &mut Command| c.output().is_ok_and(|o| o.status.success());
    let ready = ok(Command::new(&python).args(["-c", "import pyspark, pytest"]))
        && ok(Command::new("java").arg("-version"));
    if !ready {
        let note = "pyspark, pytest or java is missing (pip install pyspark==4.0.1 pytest==8.4.2)";
        if std::env::var_os("CI").is_some() {
            panic!("{note}: .ci/run should have installed them");
        }
        eprintln!("note: {note}; skipping the Spark test");
        return;
    }
    let out = Command::new(&python)
        .args([
            "-m",
            "pytest",
            "spark/tests",
            "-q",
            "-p",
            "no:cacheprovider",
        ])
        .current_dir(repo())
        .env("DYAD_BIN", env!("CARGO_BIN_EXE_dyad"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("run pytest");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "spark/tests failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{}", text.lines().last().unwrap_or(""));
}
// --- issue 7: PETRARCH compatibility -------------------------------------

/// A small PETRARCH dictionary set in a temporary folder.
fn petrarch_dicts(name: &str) -> PathBuf {
    let d = tmpdir(name);
    let w = |f: &str, s: &str| std::fs::write(d.join(f), s).unwrap();
    w(
        "PETR.Test.verbs.txt",
        "&AIDSYN\n+AID\n+RELIEF\n\n--- SEND  [---]  ---\nSEND {SENDS SENT SENDING}\n- * &AIDSYN (TO +)  [070]\n- + * BACK  [---]\n\n--- CONDEMN  [111]  ---\nCONDEMN\n",
    );
    w(
        "PETR.Test.actors.txt",
        "ARNOR_  [ARN]\n+ARNORIAN\nGONDOR [GON]\nARAGORN\n\t[ARN < 950601]\n\t[ARNGOV > 950601]\n",
    );
    w(
        "PETR.Test.agents.txt",
        "GOVERNMENT [~GOV]\nFOREIGN_MINISTER [~GOVFRM]\n",
    );
    w("PETR.Test.discards.txt", "+World Golf Championships\n");
    d
}

#[test]
fn issue7_petrarch_import_loads_codes_and_reports() {
    let src = petrarch_dicts("petr-src");
    let out = tmpdir("petr-out");
    let o = run(&[
        "lexicon",
        "import",
        "--from",
        "petrarch",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // what could not be expressed is listed with file:line
    let report = std::fs::read_to_string(out.join("IMPORT-REPORT.log")).unwrap();
    assert!(
        report.contains("PETR.Test.verbs.txt:8 | not converted"),
        "{report}"
    );
    assert!(
        report.contains("PETR.Test.agents.txt:2 | converted with a loss"),
        "{report}"
    );
    let o = run(&["lexicon", "check", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // the imported lexicon codes raw text, dated roles included
    let text = src.join("in.txt");
    std::fs::write(
        &text,
        "Aragorn sent relief to Gondor. The Arnorian government condemned Gondor.",
    )
    .unwrap();
    let o = run(&[
        "code",
        "--lexicon",
        out.to_str().unwrap(),
        "--date",
        "2000-01-01",
        text.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got: Vec<(String, String, String)> = records(&o)
        .iter()
        .map(|r| {
            (
                r["source"]["code"].as_str().unwrap_or("").to_string(),
                r["target"]["code"].as_str().unwrap_or("").to_string(),
                r["cameo"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(
        got.contains(&("ARNGOV".into(), "GON".into(), "070".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("ARNGOV".into(), "GON".into(), "111".into())),
        "{got:?}"
    );
    let o = run(&[
        "lexicon",
        "import",
        "--from",
        "tabari",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn issue7_petrarch_suite_beats_petrarch2() {
    let Some(sh) = shared() else { return };
    let suite = sh.join("corpora/petrarch2/PETR.UnitTest.records.xml");
    let o = run(&[
        "eval",
        "--petrarch-suite",
        suite.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["records"], 279, "{v}");
    // PETRARCH2 itself: precision 0.55, recall 0.33, 30.7% of records exact
    let f = |k: &str| v[k].as_f64().unwrap();
    // the issue's targets: precision 0.75, recall 0.65
    // (0.804 -> 0.799 in the fifteenth session: "Danish media and
    // government warned at the Gondor of the Prince of Dol Amroth" now
    // forwards the adjective, as COMPOUND-25 asks, and codes DNKGOV with the
    // same wrong target as DNKMED)
    assert!(f("precision") >= 0.795, "{v}");
    assert!(f("recall") >= 0.66, "{v}");
    assert!(f("exact_accuracy") >= 0.60, "{v}");
}

#[test]
fn issue7_phoenix_dictionaries_import_and_code_the_seed() {
    let Some(sh) = shared() else { return };
    let out = tmpdir("phoenix");
    let dir = sh.join("corpora/petrarch2");
    let o = run(&[
        "lexicon",
        "import",
        "--from",
        "petrarch",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&[
        "code",
        "--lexicon",
        out.to_str().unwrap(),
        sh.join("seed").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let recs = records(&o);
    assert!(recs.len() > 50, "only {} records", recs.len());
    assert!(recs
        .iter()
        .any(|r| r["source"]["country"] == "CHN" && r["target"]["country"] == "RUS"));
}

// ---------- issue 8: the HTTP API and the dashboard ----------

/// A running `dyad demo` (or `dyad serve`) on 127.0.0.1:0; stopped on
/// drop (SIGTERM, so that a demo removes its store; SIGKILL if it has not
/// ended after five seconds).
struct Served {
    child: std::process::Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Ok(pid) = libc::pid_t::try_from(self.child.id()) {
            // SAFETY: signals our own child, which has not been waited for.
            unsafe { libc::kill(pid, libc::SIGTERM) };
            let end = std::time::Instant::now() + std::time::Duration::from_secs(5);
            while std::time::Instant::now() < end {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `dyad demo` without `--db` keeps its store only while it runs: SIGTERM
/// and SIGINT remove the file with its -wal and -shm, and a demo's start
/// removes the stores of demos whose process has ended.
#[cfg(unix)]
#[test]
fn regression_demo_store_goes_with_the_demo() {
    use std::io::BufRead;
    let dir = tmpdir("demo-store");
    let mut ended = Command::new("true").spawn().unwrap();
    let dead = ended.id();
    ended.wait().unwrap();
    let stale: Vec<PathBuf> = ["", "-wal", "-shm"]
        .iter()
        .map(|x| dir.join(format!("dyad-demo-{dead}.db{x}")))
        .collect();
    for p in &stale {
        std::fs::write(p, b"left by a killed demo").unwrap();
    }
    let unrelated = dir.join("dyad-demo-notes.txt");
    std::fs::write(&unrelated, b"not a store").unwrap();
    for sig in [libc::SIGTERM, libc::SIGINT] {
        let mut child = dyad()
            .args(["demo", "--addr", "127.0.0.1:0"])
            .env("TMPDIR", &dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let mut lines = std::io::BufReader::new(out).lines();
        let db = dir.join(format!("dyad-demo-{}.db", child.id()));
        let listening = lines
            .by_ref()
            .map(Result::unwrap)
            .any(|l| l.starts_with("listening on http://"));
        assert!(listening, "the demo did not start");
        assert!(db.exists(), "{} while serving", db.display());
        // the process that left them has ended (unless its id was taken again)
        let taken = unsafe { libc::kill(dead as libc::pid_t, 0) } == 0;
        if !taken {
            for p in &stale {
                assert!(!p.exists(), "{} swept", p.display());
            }
        }
        assert!(unrelated.exists());
        unsafe { libc::kill(child.id() as libc::pid_t, sig) };
        let status = child.wait().unwrap();
        assert!(status.success(), "signal {sig}: {status:?}");
        for x in ["", "-wal", "-shm"] {
            let p = dir.join(format!("dyad-demo-{}.db{x}", child.id()));
            assert!(!p.exists(), "signal {sig}: {} left", p.display());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Starts `dyad ARGS --addr 127.0.0.1:0` and waits for its "listening on"
/// line (printed after the socket is bound), so no sleep is needed.
fn serve_with(args: &[&str]) -> Served {
    use std::io::BufRead;
    let mut child = dyad()
        .args(args)
        .args(["--addr", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("start dyad");
    let out = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(out).lines();
    let mut addr = None;
    for l in lines.by_ref() {
        let l = l.unwrap();
        if let Some(rest) = l.strip_prefix("listening on http://") {
            addr = Some(rest.split('/').next().unwrap().to_string());
            break;
        }
    }
    // keep draining stdout so the server never blocks on a full pipe
    std::thread::spawn(move || for _ in lines {});
    let addr = addr.expect("dyad printed no address");
    Served { child, addr }
}

/// One HTTP/1.1 request; returns (status, content type, body).
fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("no header end");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    let ct = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Type: "))
        .unwrap_or("")
        .to_string();
    (status, ct, raw[split + 4..].to_vec())
}

fn get_json(addr: &str, path: &str) -> (u16, Value) {
    let (st, _, body) = http(addr, "GET", path, &[], b"");
    let v: Value = serde_json::from_slice(&body).unwrap_or_else(|e| {
        panic!(
            "GET {path}: not JSON ({e}): {}",
            String::from_utf8_lossy(&body)
        )
    });
    (st, v)
}

fn post_json(addr: &str, path: &str, key: Option<&str>, body: &Value) -> (u16, Value) {
    let auth = key.map(|k| format!("Bearer {k}"));
    let mut h = vec![("Content-Type", "application/json")];
    if let Some(a) = &auth {
        h.push(("Authorization", a.as_str()));
    }
    let (st, _, b) = http(addr, "POST", path, &h, body.to_string().as_bytes());
    (st, serde_json::from_slice(&b).unwrap_or(Value::Null))
}

fn assert_error(v: &Value, code: &str, field: Option<&str>) {
    assert_eq!(v["code"], code, "{v}");
    assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    assert!(v["type"].is_string(), "{v}");
    if let Some(f) = field {
        assert_eq!(v["field"], f, "{v}");
    }
}

#[test]
fn issue8_api_serves_the_demo_with_filters_paging_csv_and_errors() {
    let dir = tmpdir("api");
    let db = dir.join("demo.db");
    let s = serve_with(&["demo", "--db", db.to_str().unwrap()]);
    let a = s.addr.as_str();

    let (st, h) = get_json(a, "/healthz");
    assert_eq!(st, 200);
    assert_eq!(h["status"], "ok");
    assert_eq!(h["documents"], 7);

    // the pair series, both directions, with quad classes
    let (st, d) = get_json(a, "/api/v1/dyad?a=CHN&b=RUS&by=year");
    assert_eq!(st, 200);
    let rows = d["rows"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["period"] == "2022"));
    let n: i64 = rows
        .iter()
        .map(|r| r["dirs"][0]["n"].as_i64().unwrap() + r["dirs"][1]["n"].as_i64().unwrap())
        .sum();
    assert!(n > 10, "{n} events in the series");
    for r in rows {
        for dir in r["dirs"].as_array().unwrap() {
            let q: i64 = dir["quad"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_i64().unwrap())
                .sum();
            assert_eq!(q, dir["n"].as_i64().unwrap(), "quad classes add up: {r}");
        }
    }
    let (st, ct, csv) = http(
        a,
        "GET",
        "/api/v1/dyad?a=CHN&b=RUS&by=year",
        &[("Accept", "text/csv")],
        b"",
    );
    assert_eq!(st, 200);
    assert!(ct.starts_with("text/csv"));
    assert!(String::from_utf8_lossy(&csv).starts_with("period,source,target,n,q1"));

    // events: a filter, paging, CSV
    let (_, all) = get_json(a, "/api/v1/events?dyad=CHN,RUS&limit=1000");
    let total = all["total"].as_i64().unwrap();
    assert_eq!(all["items"].as_array().unwrap().len() as i64, total);
    assert!(all["items"].as_array().unwrap().iter().all(|e| {
        let (s, t) = (&e["source"]["country"], &e["target"]["country"]);
        (s == "CHN" && t == "RUS") || (s == "RUS" && t == "CHN")
    }));
    let (_, p1) = get_json(a, "/api/v1/events?dyad=CHN,RUS&limit=3&offset=0");
    let (_, p2) = get_json(a, "/api/v1/events?dyad=CHN,RUS&limit=3&offset=3");
    assert_eq!(p1["total"], total);
    assert_eq!(p1["items"][0]["id"], all["items"][0]["id"]);
    assert_eq!(p2["items"][0]["id"], all["items"][3]["id"]);
    let (_, q1) = get_json(a, "/api/v1/events?quad=1&root=04");
    assert!(q1["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["quad_class"] == 1 && e["root"] == "04"));
    let (st, ct, csv) = http(a, "GET", "/api/v1/events?format=csv&limit=5", &[], b"");
    assert_eq!(st, 200);
    assert!(ct.starts_with("text/csv"));
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("id,doc,sentence,date,source"));
    assert_eq!(csv.lines().count(), 6);

    // claims and commitments with their statuses
    // stored without a status, shown resolved over the store
    let (_, every) = get_json(a, "/api/v1/commitments?limit=1000");
    assert!(every["total"].as_i64().unwrap() > 0);
    for x in every["items"].as_array().unwrap() {
        assert!(x["status"].is_string(), "no status: {x}");
    }
    let (_, c) = get_json(a, "/api/v1/commitments?dyad=RUS,CHN");
    assert!(
        c["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["status"] == "kept"),
        "{c}"
    );
    let (st, cl) = get_json(a, "/api/v1/claims?limit=100");
    assert_eq!(st, 200);
    assert!(cl["total"].as_i64().unwrap() > 0);

    // actors and pairs
    let (_, ac) = get_json(a, "/api/v1/actors?countries=true&limit=5");
    assert!(ac["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["actor"] == "CHN"));
    let (_, pr) = get_json(a, "/api/v1/pairs?limit=3");
    assert!(!pr["pairs"].as_array().unwrap().is_empty());

    // full-text search: every word in each hit, and a link back by span
    let (st, sr) = get_json(a, "/api/v1/search?q=putin+BEIJING");
    assert_eq!(st, 200);
    let hits = sr["items"].as_array().unwrap();
    assert!(!hits.is_empty(), "{sr}");
    for h in hits {
        let t = h["text"].as_str().unwrap().to_lowercase();
        assert!(t.contains("putin") && t.contains("beijing"), "{h}");
    }
    let (st, v) = get_json(a, "/api/v1/search?q=%22%22");
    assert_eq!(st, 400);
    assert_error(&v, "invalid_parameter", Some("q"));

    // validation errors come from one table and name the field
    for (path, code, field) in [
        ("/api/v1/events?quad=7", "invalid_parameter", Some("quad")),
        (
            "/api/v1/events?limit=abc",
            "invalid_parameter",
            Some("limit"),
        ),
        (
            "/api/v1/events?from=2021-13",
            "invalid_parameter",
            Some("from"),
        ),
        (
            "/api/v1/events?colour=red",
            "invalid_parameter",
            Some("colour"),
        ),
        ("/api/v1/claims?quad=1", "invalid_parameter", Some("quad")),
        ("/api/v1/dyad?a=CHN", "missing_field", Some("b")),
        (
            "/api/v1/dyad?a=CHN&b=RUS&by=week",
            "invalid_parameter",
            Some("by"),
        ),
        (
            "/api/v1/events?format=xml",
            "invalid_parameter",
            Some("format"),
        ),
    ] {
        let (st, v) = get_json(a, path);
        assert_eq!(st, 400, "{path}: {v}");
        assert_error(&v, code, field);
    }
    let (st, v) = get_json(a, "/api/v1/nothing");
    assert_eq!(st, 404);
    assert_error(&v, "not_found", None);
    let (st, v) = get_json(a, "/api/v1/documents/no-such-doc");
    assert_eq!(st, 404);
    assert_error(&v, "not_found", None);
    let (st, _, b) = http(a, "DELETE", "/api/v1/events", &[], b"");
    assert_eq!(st, 405);
    assert_error(
        &serde_json::from_slice(&b).unwrap(),
        "method_not_allowed",
        None,
    );
}

#[test]
fn issue8_document_spans_convert_to_utf16_at_the_boundary() {
    let dir = tmpdir("api-doc");
    let db = dir.join("demo.db");
    let s = serve_with(&["demo", "--db", db.to_str().unwrap()]);
    let a = s.addr.as_str();
    let (_, list) = get_json(a, "/api/v1/documents?limit=100");
    assert_eq!(list["total"], 7);
    for d in list["items"].as_array().unwrap() {
        let id = d["doc"].as_str().unwrap();
        let (st, doc) = get_json(a, &format!("/api/v1/documents/{id}"));
        assert_eq!(st, 200);
        let text = doc["text"].as_str().unwrap();
        let u16: Vec<u16> = text.encode_utf16().collect();
        let slice16 = |sp: &Value| {
            let (s, e) = (
                sp[0].as_u64().unwrap() as usize,
                sp[1].as_u64().unwrap() as usize,
            );
            String::from_utf16(&u16[s..e]).unwrap()
        };
        let slice8 = |sp: &Value| {
            text[sp[0].as_u64().unwrap() as usize..sp[1].as_u64().unwrap() as usize].to_string()
        };
        for e in doc["events"].as_array().unwrap() {
            for part in [&e["trigger"], &e["source"], e] {
                // bytes and UTF-16 point at the same text
                assert_eq!(
                    slice16(&part["span16"]),
                    slice8(&part["span"]),
                    "{id}: {part}"
                );
            }
            assert_eq!(
                slice16(&e["trigger"]["span16"]),
                e["trigger"]["text"].as_str().unwrap()
            );
            assert_eq!(slice16(&e["span16"]), e["text"].as_str().unwrap());
        }
        for sent in doc["sentences"].as_array().unwrap() {
            assert_eq!(slice16(&sent["span16"]), slice8(&sent["span"]));
        }
    }
    // non-ASCII text through POST /code: span16 differs from span and is right
    let text = "Le président français Emmanuel Macron a rencontré Xi Jinping à Pékin. China criticized Japan on Monday.";
    let (st, v) = post_json(
        a,
        "/api/v1/code",
        None,
        &serde_json::json!({"text": text, "date": "2023-04-06"}),
    );
    assert_eq!(st, 200, "{v}");
    let recs = v["records"].as_array().unwrap();
    assert!(!recs.is_empty(), "{v}");
    let u16: Vec<u16> = text.encode_utf16().collect();
    for r in recs.iter().filter(|r| r["kind"] == "event") {
        let t = &r["trigger"];
        let (s, e) = (
            t["span16"][0].as_u64().unwrap() as usize,
            t["span16"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&u16[s..e]).unwrap(),
            t["text"].as_str().unwrap()
        );
    }
    // POST /code validates its body and names the field
    let (st, v) = post_json(a, "/api/v1/code", None, &serde_json::json!({"txt": "x"}));
    assert_eq!(st, 400);
    assert_error(&v, "invalid_parameter", Some("txt"));
    let (st, v) = post_json(
        a,
        "/api/v1/code",
        None,
        &serde_json::json!({"text": "x", "date": "May 1"}),
    );
    assert_eq!(st, 400);
    assert_error(&v, "invalid_parameter", Some("date"));
    let (st, v) = post_json(
        a,
        "/api/v1/code",
        None,
        &serde_json::json!({"date": "2022-01-01"}),
    );
    assert_eq!(st, 400);
    assert_error(&v, "missing_field", Some("text"));
    let (st, _, b) = http(
        a,
        "POST",
        "/api/v1/code",
        &[("Content-Type", "application/json")],
        b"{not json",
    );
    assert_eq!(st, 400);
    assert_error(&serde_json::from_slice(&b).unwrap(), "invalid_json", None);
    // nothing was stored
    assert_eq!(get_json(a, "/healthz").1["documents"], 7);
}

#[test]
fn issue8_ingest_needs_a_key_and_revoked_keys_stop_working() {
    let dir = tmpdir("api-key");
    let db = dir.join("k.db");
    let o = run(&[
        "key",
        "create",
        "--name",
        "tests",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let key = String::from_utf8(o.stdout).unwrap().trim().to_string();
    assert!(key.starts_with("dyad_") && key.len() > 40, "{key}");
    // only a hash is stored
    let raw = std::fs::read(&db).unwrap();
    assert!(
        !raw.windows(key.len()).any(|w| w == key.as_bytes()),
        "the key is stored in clear"
    );

    let s = serve_with(&["serve", "--db", db.to_str().unwrap()]);
    let a = s.addr.as_str();
    let doc = serde_json::json!({"id": "posted-1", "date": "2022-02-04", "title": "Visit",
        "text": "Russian President Vladimir Putin arrived in Beijing on Friday and met Chinese President Xi Jinping."});
    let (st, v) = post_json(a, "/api/v1/documents", None, &doc);
    assert_eq!(st, 401);
    assert_error(&v, "unauthorized", None);
    let (st, v) = post_json(a, "/api/v1/documents", Some("dyad_wrong"), &doc);
    assert_eq!(st, 401, "{v}");
    let (st, v) = post_json(
        a,
        "/api/v1/documents",
        Some(&key),
        &serde_json::json!({"text": "no id"}),
    );
    assert_eq!(st, 400);
    assert_error(&v, "missing_field", Some("id"));
    let (st, v) = post_json(
        a,
        "/api/v1/documents",
        Some(&key),
        &serde_json::json!({"documents": [doc.clone(), {"id": "x", "text": 5}]}),
    );
    assert_eq!(st, 400);
    assert_error(&v, "invalid_parameter", Some("documents[1].text"));
    let (st, v) = post_json(a, "/api/v1/documents", Some(&key), &doc);
    assert_eq!(st, 201, "{v}");
    assert_eq!(v["added"], 1);
    assert!(v["events"].as_i64().unwrap() >= 1);
    let (st, d) = get_json(a, "/api/v1/documents/posted-1");
    assert_eq!(st, 200);
    assert_eq!(d["title"], "Visit");
    assert!(d["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["cameo"].as_str().unwrap().starts_with("04")));
    // the same document again changes nothing
    let (_, v) = post_json(a, "/api/v1/documents", Some(&key), &doc);
    assert_eq!(v["unchanged"], 1);

    let o = run(&["key", "revoke", "tests", "--db", db.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (st, _) = post_json(a, "/api/v1/documents", Some(&key), &doc);
    assert_eq!(st, 401);
}

#[test]
fn issue8_every_openapi_route_answers_as_documented() {
    let dir = tmpdir("api-openapi");
    let db = dir.join("demo.db");
    let s = serve_with(&["demo", "--db", db.to_str().unwrap()]);
    let a = s.addr.as_str();
    let (st, spec) = get_json(a, "/api/v1/openapi.json");
    assert_eq!(st, 200);
    let mut checked = 0;
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            let documented: Vec<u16> = op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.parse().unwrap())
                .collect();
            // a valid request from the documented required parameters
            let mut q: Vec<String> = Vec::new();
            for p in op["parameters"].as_array().unwrap() {
                let p = match p["$ref"].as_str() {
                    Some(r) => &spec["components"]["parameters"][r.rsplit('/').next().unwrap()],
                    None => p,
                };
                if p["in"] == "query" && p["required"] == true {
                    let v = match p["name"].as_str().unwrap() {
                        "a" => "CHN",
                        "b" => "RUS",
                        _ => "Putin",
                    };
                    q.push(format!("{}={v}", p["name"].as_str().unwrap()));
                }
            }
            let url = format!(
                "{}{}{}",
                path.replace("{doc}", "sample-2022-02-04-beijing-visit"),
                if q.is_empty() { "" } else { "?" },
                q.join("&")
            );
            let (st, ct, body) = match method.as_str() {
                "get" => http(a, "GET", &url, &[], b""),
                "post" if path == "/api/v1/code" => http(
                    a,
                    "POST",
                    &url,
                    &[("Content-Type", "application/json")],
                    br#"{"text": "China criticized Japan."}"#,
                ),
                // needs a key: documented 401 without one
                "post" => http(
                    a,
                    "POST",
                    &url,
                    &[("Content-Type", "application/json")],
                    b"{}",
                ),
                m => panic!("undocumented method {m}"),
            };
            assert!(
                documented.contains(&st),
                "{method} {url}: {st} is not documented ({documented:?})"
            );
            assert!(
                st < 300 || path == "/api/v1/documents",
                "{method} {url}: {st}"
            );
            assert!(ct.starts_with("application/json"), "{method} {url}: {ct}");
            let v: Value = serde_json::from_slice(&body).unwrap();
            if st >= 400 {
                assert_error(&v, "unauthorized", None);
            }
            // a parameter no route knows is refused by name
            if method == "get" {
                let sep = if q.is_empty() { "?" } else { "&" };
                let (st, _, b) = http(a, "GET", &format!("{url}{sep}bogus=1"), &[], b"");
                assert_eq!(st, 400, "{url}");
                assert_error(
                    &serde_json::from_slice(&b).unwrap(),
                    "invalid_parameter",
                    Some("bogus"),
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 14, "only {checked} operations documented");
    // the dashboard is embedded
    let (st, ct, body) = http(a, "GET", "/", &[], b"");
    assert_eq!(st, 200);
    assert!(ct.starts_with("text/html"));
    assert!(String::from_utf8_lossy(&body).contains("/app.js"));
    for asset in ["/app.js", "/charts.js", "/style.css", "/favicon.svg"] {
        assert_eq!(http(a, "GET", asset, &[], b"").0, 200, "{asset}");
    }
}

#[test]
fn issue8_dashboard_in_headless_chromium() {
    let web = repo().join("web");
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let chromium = Path::new("/usr/bin/chromium");
    if !node_ok || !chromium.exists() || !web.join("node_modules/playwright-core").is_dir() {
        eprintln!(
            "note: skipping the browser test: it needs node, /usr/bin/chromium and `npm ci` in web/ (.ci/run installs them)"
        );
        return;
    }
    let dir = tmpdir("browser");
    let db = dir.join("demo.db");
    let mut seed_query = String::new();
    if let Some(sh) = shared() {
        // run beside shared/ so the document id is "shared/seed/000_....txt"
        let o = dyad()
            .current_dir(sh.parent().unwrap())
            .args([
                "ingest",
                "--db",
                db.to_str().unwrap(),
                "--date",
                "2022-01-01",
            ])
            .arg("shared/seed/000_ce1873e8b18f2cc2.txt")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        seed_query = "000_ce1873e8b18f2cc2".into();
    }
    let s = serve_with(&["demo", "--db", db.to_str().unwrap()]);
    let shots = repo().join("target/screenshots");
    let o = Command::new("node")
        .arg("tests/run.mjs")
        .current_dir(&web)
        .env("DYAD_URL", format!("http://{}", s.addr))
        .env("SEED_QUERY", &seed_query)
        .env("SCREENSHOT_DIR", &shots)
        .output()
        .expect("run node");
    let out = String::from_utf8_lossy(&o.stdout);
    println!("{out}");
    assert!(
        o.status.success(),
        "browser tests failed:\n{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(shots.join("pair-CHN-RUS.png").exists());
    if !seed_query.is_empty() {
        assert!(shots.join("doc-seed.png").exists());
    }
}

#[test]
fn issue5_commitment_cues_are_checked_and_overridable() {
    let out = run(&["lexicon", "check"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("commitment cues ok"));
    let dir = tmpdir("issue5-cues");
    std::fs::create_dir_all(dir.join("commitment")).unwrap();
    std::fs::write(
        dir.join("commitment/bind.cue"),
        "modal: will\nmodel: shall\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let out = run(&["lexicon", "check", d]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("commitment/bind.cue:2") && err.contains("did you mean \"modal\""),
        "{err}"
    );
    // a folder's cue file replaces the built-in one: "vowed to" alone now binds
    std::fs::write(dir.join("commitment/bind.cue"), "pledge: vowed to\n").unwrap();
    let f = tmpdir("issue5-text").join("t.txt");
    std::fs::write(
        &f,
        "China vowed to open a consulate in 2023. Russia will open a consulate in 2023.",
    )
    .unwrap();
    let recs = commitment_records(&[
        "commitments",
        f.to_str().unwrap(),
        "--lexicon-extra",
        d,
        "--json",
    ]);
    assert_eq!(recs.len(), 1, "{recs:#?}");
    assert_eq!(recs[0]["cue"]["text"], "vowed to");
}

/// Ingests the samples (and the seed article, when `../shared` is there)
/// and a crafted pair of reports with different 2020 trade figures.
fn issue6_store(name: &str) -> (PathBuf, Option<String>) {
    let dir = tmpdir(name);
    let db = dir.join("checks.db");
    let db_s = db.to_str().unwrap();
    let samples = repo().join("data/samples/samples.jsonl");
    ok(&run(&["ingest", "--db", db_s, samples.to_str().unwrap()]));
    let pair = dir.join("pair.jsonl");
    std::fs::write(
        &pair,
        "{\"id\":\"a-report\",\"date\":\"2021-01-15\",\"text\":\"Trade between China and Russia reached US$107.8 billion in 2020.\"}\n\
         {\"id\":\"b-report\",\"date\":\"2021-02-15\",\"text\":\"Officials said trade between China and Russia reached US$104 billion in 2020.\"}\n",
    )
    .unwrap();
    ok(&run(&["ingest", "--db", db_s, pair.to_str().unwrap()]));
    let seed = shared()
        .map(|s| s.join("seed/000_ce1873e8b18f2cc2.txt"))
        .filter(|p| p.is_file());
    let seed_id = seed.map(|p| {
        let p = p.to_str().unwrap().to_string();
        ok(&run(&["ingest", "--db", db_s, "--date", "2022-01-01", &p]));
        p
    });
    (db, seed_id)
}

#[test]
fn issue6_checks_find_conflicts_and_commitment_outcomes() {
    let (db, seed) = issue6_store("issue6-checks");
    let db_s = db.to_str().unwrap();
    let recs = records(&run(&["checks", "--db", db_s, "--format", "jsonl"]));
    // (a) the crafted pair conflicts, with the arithmetic and both spans
    let conflict = recs
        .iter()
        .find(|r| r["check"] == "across-texts" && r["a"]["doc"] == "a-report")
        .unwrap_or_else(|| panic!("no conflict: {recs:#?}"));
    assert_eq!(conflict["result"], "inconsistent");
    assert_eq!(conflict["b"]["doc"], "b-report");
    assert_eq!(conflict["b"]["figure"]["text"], "US$104 billion");
    // spans are byte offsets into each document
    for side in ["a", "b"] {
        let text = conflict[side]["text"].as_str().unwrap();
        let sp = &conflict[side]["figure"]["span"];
        let (s, e) = (
            sp[0].as_u64().unwrap() as usize,
            sp[1].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[s..e],
            conflict[side]["figure"]["text"].as_str().unwrap()
        );
    }
    assert!(conflict["detail"].as_str().unwrap().contains("-3.53%"));
    // (b) the reference flags 104 billion for 2020
    assert!(recs.iter().any(|r| r["check"] == "reference"
        && r["result"] == "inconsistent"
        && r["a"]["doc"] == "b-report"));
    // (c) commitments: the sample's own promise of the February visit is kept
    let visit = |recs: &[Value], doc: &str| -> Value {
        recs.iter()
            .find(|r| r["kind"] == "commitment" && r["doc"] == doc && r["due"] == "2022-02")
            .cloned()
            .unwrap_or_else(|| panic!("no February commitment in {doc}"))
    };
    let v = visit(&recs, "sample-2021-12-15-video-summit");
    assert_eq!(v["status"], "kept", "{v:#}");
    let table = ok(&run(&["checks", "--db", db_s]));
    assert!(
        table.contains("claim conflicts across documents: "),
        "{table}"
    );
    assert!(
        table.contains("KEPT sample-2021-12-15-video-summit"),
        "{table}"
    );
    // a reference table of one's own: now the first report is off
    let mine = db.with_file_name("mine.csv");
    std::fs::write(
        &mine,
        "measure,actors,period,value,unit,source\ntrade,CHN;RUS,2020,104,USD billion,test\n",
    )
    .unwrap();
    let recs2 = records(&run(&[
        "checks",
        "--db",
        db_s,
        "--format",
        "jsonl",
        "--reference",
        mine.to_str().unwrap(),
    ]));
    assert!(recs2.iter().any(|r| r["check"] == "reference"
        && r["result"] == "inconsistent"
        && r["a"]["doc"] == "a-report"));
    // as of the day before the visit was promised to happen: open
    let early = records(&run(&[
        "checks",
        "--db",
        db_s,
        "--format",
        "jsonl",
        "--as-of",
        "2021-12-31",
    ]));
    assert_eq!(
        visit(&early, "sample-2021-12-15-video-summit")["status"],
        "open"
    );
    // the query shows the same statuses, and claims with --checks the findings
    let q = records(&run(&[
        "query",
        "commitments",
        "--db",
        db_s,
        "--as-of",
        "2021-12-31",
        "--format",
        "jsonl",
    ]));
    assert_eq!(
        visit(&q, "sample-2021-12-15-video-summit")["status"],
        "open"
    );
    let c = records(&run(&[
        "query", "claims", "--db", db_s, "--doc", "b-report", "--checks", "--format", "jsonl",
    ]));
    assert_eq!(c.len(), 1);
    let checks = c[0]["checks"].as_array().unwrap();
    assert!(checks
        .iter()
        .any(|k| k["check"] == "across-texts"
            && k["against"].as_str().unwrap().starts_with("a-report")));
    // usage errors
    let bad = run(&["checks", "--db", db_s, "--as-of", "2021-13-01"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--as-of"));
    assert_eq!(
        run(&["query", "events", "--db", db_s, "--as-of", "2022-01-01"])
            .status
            .code(),
        Some(2)
    );
    let missing = db.with_file_name("none.db");
    assert_ne!(
        run(&["checks", "--db", missing.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    assert!(!missing.exists());

    // the seed's two specific commitments, kept by the samples
    let Some(seed) = seed else { return };
    let of_seed = |recs: &[Value], needle: &str| -> Value {
        recs.iter()
            .find(|r| {
                r["kind"] == "commitment"
                    && r["doc"] == seed.as_str()
                    && r["text"].as_str().unwrap().contains(needle)
            })
            .cloned()
            .unwrap_or_else(|| panic!("no seed commitment with \"{needle}\""))
    };
    let v = of_seed(&recs, "opening ceremony of Beijing Winter Olympics");
    assert_eq!(v["status"], "kept", "{v:#}");
    assert!(v["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["doc"] == "sample-2022-02-04-beijing-visit"));
    let t = of_seed(&recs, "US$200 billion by 2024");
    assert_eq!(t["status"], "kept", "{t:#}");
    assert_eq!(t["evidence"][0]["doc"], "sample-2024-01-12-trade-2023");
    assert_eq!(t["evidence"][0]["kind"], "claim");
    let v = of_seed(&early, "opening ceremony of Beijing Winter Olympics");
    assert_eq!(v["status"], "open", "{v:#}");
    assert_eq!(v["evidence"], serde_json::json!([]));
}

#[test]
fn issue6_stored_commitments_resolve_as_dyad_code_writes_them() {
    let dir = tmpdir("issue6-same");
    let db = dir.join("s.db");
    let db_s = db.to_str().unwrap();
    let samples = repo().join("data/samples/samples.jsonl");
    ok(&run(&["ingest", "--db", db_s, samples.to_str().unwrap()]));
    let key = |r: &Value| format!("{}#{}", r["doc"], r["sentence"]);
    let mut coded: Vec<Value> = records(&run(&["code", "--sample"]))
        .into_iter()
        .filter(|r| r["kind"] == "commitment")
        .collect();
    let mut stored = records(&run(&[
        "query",
        "commitments",
        "--db",
        db_s,
        "--format",
        "jsonl",
    ]));
    coded.sort_by_key(key);
    stored.sort_by_key(key);
    assert!(coded.iter().any(|r| r["status"] == "kept"));
    assert_eq!(stored, coded);
}

// ---------------------------------------------------------------- issue 10: crash safety, backup

/// A corpus of `n` generated documents (a few sentences each, with events,
/// figures and dates) in a new folder.
fn issue10_corpus(dir: &Path, n: usize) -> PathBuf {
    let docs = dir.join("corpus");
    std::fs::create_dir_all(&docs).unwrap();
    let actors = [
        "China", "Russia", "Japan", "India", "France", "Germany", "Iran", "Brazil",
    ];
    let acts = [
        "criticized",
        "praised",
        "met officials of",
        "accused",
        "signed an agreement with",
        "threatened",
        "hosted the president of",
        "urged",
    ];
    for i in 0..n {
        let a = actors[i % actors.len()];
        let b = actors[(i * 7 + 3) % actors.len()];
        let b = if a == b { "the United States" } else { b };
        let act = acts[(i / 3) % acts.len()];
        let text = format!(
            "Document {i}.\n\n{a} {act} {b} on {} March 2022. \
             Trade between {a} and {b} reached {} billion US dollars in 2021. \
             The foreign minister of {b} said that {b} will visit {a} next year.\n",
            1 + i % 28,
            10 + i
        );
        std::fs::write(docs.join(format!("d{i:04}.txt")), text).unwrap();
    }
    docs
}

/// Everything a store holds that an ingest decides, without row ids and
/// timestamps: per current document its hash, sentence rows and records.
type Issue10Doc = (String, i64, Vec<(i64, i64)>, Vec<String>);

fn issue10_snapshot(db: &Path) -> std::collections::BTreeMap<String, Issue10Doc> {
    // read-write, as the next dyad run opens it: a killed writer's WAL is
    // recovered on open, which a read-only connection may not do
    let conn = rusqlite::Connection::open(db).unwrap();
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(verdict, "ok", "{}", db.display());
    let mut out = std::collections::BTreeMap::new();
    // killed before its first migration committed: an empty store
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'documents'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    if tables == 0 {
        return out;
    }
    let mut docs = conn
        .prepare("SELECT id, doc, hash, sentences, version FROM documents WHERE current = 1")
        .unwrap();
    let rows: Vec<(i64, String, String, i64, i64)> = docs
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (id, doc, hash, n, version) in rows {
        assert_eq!(version, 1, "{doc} stored twice");
        let sents: Vec<(i64, i64)> = conn
            .prepare("SELECT start, \"end\" FROM sentences WHERE doc_id = ?1 ORDER BY idx")
            .unwrap()
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut recs = Vec::new();
        for t in ["events", "claims", "commitments"] {
            let q = format!("SELECT record FROM {t} WHERE doc_id = ?1 AND current = 1 ORDER BY id");
            let mut st = conn.prepare(&q).unwrap();
            let r = st.query_map([id], |r| r.get::<_, String>(0)).unwrap();
            recs.extend(r.map(|x| format!("{t}: {}", x.unwrap())));
        }
        out.insert(doc, (hash, n, sents, recs));
    }
    // the pair series is derived at ingest: it must agree too
    let pairs: Vec<String> = conn
        .prepare("SELECT src, tgt, period, quad, modality, n, gsum FROM pair_counts WHERE n != 0 ORDER BY 1, 2, 3, 4, 5")
        .unwrap()
        .query_map([], |r| {
            Ok(format!(
                "{} {} {} {} {} {} {:.3}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, f64>(6)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    out.insert(" pair_counts".into(), (String::new(), 0, Vec::new(), pairs));
    out
}

#[test]
fn issue10_ingest_killed_at_random_moments_loses_nothing() {
    let d = tmpdir("issue10-kill");
    let docs = issue10_corpus(&d, 300);
    let docs_s = docs.to_str().unwrap();
    let reference = d.join("ref.db");
    let t0 = std::time::Instant::now();
    ok(&run(&[
        "ingest",
        "--db",
        reference.to_str().unwrap(),
        "--batch",
        "10",
        docs_s,
    ]));
    let full = t0.elapsed();
    let want = issue10_snapshot(&reference);
    assert!(want.len() > 300);

    let db = d.join("killed.db");
    let db_s = db.to_str().unwrap();
    // xorshift, seeded from the clock; the seed is printed to replay a failure
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill test: uninterrupted ingest {full:?}, seed {seed}");
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let budget = std::time::Duration::from_secs(60);
    let started = std::time::Instant::now();
    let (mut kills, mut partial) = (0, 0);
    // at least 20 kills, more while the time budget lasts
    while kills < 20 || (started.elapsed() < budget && kills < 60) {
        let mut child = dyad()
            .args(["ingest", "--db", db_s, "--batch", "10", docs_s])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // anywhere from start-up to the end of a whole run
        let at = full.mul_f64((next() % 1000) as f64 / 1000.0);
        std::thread::sleep(at);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if finished {
            // it ended first: start again from an empty store
            std::fs::remove_file(&db).unwrap();
            for ext in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(d.join(format!("killed.db{ext}")));
            }
            continue;
        }
        kills += 1;
        if !db.exists() {
            continue;
        }
        // integrity, and every stored document exactly as in the full run
        let got = issue10_snapshot(&db);
        for (doc, v) in &got {
            if doc.starts_with(' ') {
                continue;
            }
            assert_eq!(
                Some(v),
                want.get(doc),
                "{doc} half-stored after kill {kills}"
            );
        }
        if got.len() > 1 && got.len() < want.len() {
            partial += 1;
        }
    }
    eprintln!(
        "kill test: {kills} kills in {:?}, {partial} left a partly ingested store",
        started.elapsed()
    );
    assert!(partial > 0, "no kill landed in the middle of an ingest");
    // a rerun completes the store to exactly the uninterrupted result
    ok(&run(&["ingest", "--db", db_s, "--batch", "10", docs_s]));
    let got = issue10_snapshot(&db);
    assert_eq!(got.len(), want.len());
    for (doc, v) in &want {
        assert_eq!(Some(v), got.get(doc), "{doc} differs after the rerun");
    }
    // and a second rerun changes nothing
    let again = ok(&run(&["ingest", "--db", db_s, docs_s]));
    assert!(again.contains(" 0 new, 0 changed"), "{again}");
}

#[test]
fn issue10_backup_restores_the_same_store() {
    let d = tmpdir("issue10-backup");
    let docs = issue10_corpus(&d, 40);
    let db = d.join("s.db");
    let (db_s, docs_s) = (db.to_str().unwrap(), docs.to_str().unwrap());
    ok(&run(&["ingest", "--db", db_s, docs_s]));
    let copy = d.join("copy.db");
    let copy_s = copy.to_str().unwrap();
    let out = ok(&run(&["backup", copy_s, "--db", db_s]));
    assert!(out.contains("40 documents"), "{out}");
    assert!(!d.join("copy.db.partial").exists());
    // the copy is a whole store: same contents, and dyad reads it
    assert_eq!(issue10_snapshot(&copy), issue10_snapshot(&db));
    let q = |db: &str| ok(&run(&["query", "events", "--db", db, "--format", "csv"]));
    assert_eq!(q(copy_s), q(db_s));
    // restoring: the copy is used in place of a lost store
    std::fs::remove_file(&db).unwrap();
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(d.join(format!("s.db{ext}")));
    }
    std::fs::copy(&copy, &db).unwrap();
    let rerun = ok(&run(&["ingest", "--db", db_s, docs_s]));
    assert!(rerun.contains("0 new, 0 changed"), "{rerun}");
    // no overwriting without --force, no backup onto the store itself
    let again = run(&["backup", copy_s, "--db", db_s]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    ok(&run(&["backup", copy_s, "--db", db_s, "--force"]));
    let same = run(&["backup", db_s, "--db", db_s, "--force"]);
    assert_eq!(same.status.code(), Some(2));
    // a missing store is an error naming it
    let missing = run(&[
        "backup",
        d.join("x.db").to_str().unwrap(),
        "--db",
        "/nonexistent/s.db",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/s.db"));
}

// ---------------------------------------------------------------- issue 10: pathological input

/// Runs `dyad` with `stdin` from a file (or none), killing it after
/// `limit`; returns the output and the peak resident memory in MB (VmHWM,
/// polled from /proc while it runs; 0 where /proc is absent).
fn issue10_run_bounded(
    args: &[&str],
    stdin: Option<&Path>,
    limit: std::time::Duration,
) -> (Output, u64) {
    use std::process::Stdio;
    let mut cmd = dyad();
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    match stdin {
        Some(p) => cmd.stdin(std::fs::File::open(p).unwrap()),
        None => cmd.stdin(Stdio::null()),
    };
    let mut child = cmd.spawn().unwrap();
    let pid = child.id();
    // drain the pipes on threads so a large output cannot block the child
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut so, &mut v).unwrap();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut se, &mut v).unwrap();
        v
    });
    let start = std::time::Instant::now();
    let mut peak_kb = 0u64;
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak_kb = peak_kb.max(kb);
            }
        }
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dyad {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let out = Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    };
    let mb = peak_kb / 1024;
    eprintln!(
        "dyad {}: {:.1}s, peak RSS {mb} MB",
        args.join(" "),
        start.elapsed().as_secs_f64()
    );
    (out, mb)
}

const ISSUE10_WORDS: [&str; 8] = [
    "China",
    "and",
    "Russia",
    "criticized",
    "Japan",
    "in",
    "Beijing",
    "talks",
];

#[test]
fn issue10_long_line_without_sentence_end() {
    // 2 MB here; the 10 MB variant below is the issue's case
    issue10_line(2 << 20, 120);
}

#[test]
#[ignore = "a 10 MB line: about a minute on a loaded machine; run with --ignored"]
fn issue10_ten_megabyte_line_without_sentence_end() {
    issue10_line(10 << 20, 600);
}

fn issue10_line(size: usize, secs: u64) {
    let d = tmpdir(&format!("issue10-line-{size}"));
    let f = d.join("line.txt");
    let mut text = String::with_capacity(size);
    let mut i = 0;
    while text.len() < size {
        text.push_str(ISSUE10_WORDS[i % 8]);
        text.push(' ');
        i += 1;
    }
    std::fs::write(&f, &text).unwrap();
    let (out, mb) = issue10_run_bounded(
        &[
            "code",
            "-j",
            "1",
            "--date",
            "2022-01-01",
            f.to_str().unwrap(),
        ],
        None,
        std::time::Duration::from_secs(secs),
    );
    let text = ok(&out);
    // coded in bounded sentences: events from all over the line
    let recs: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let last = recs
        .iter()
        .filter_map(|r| r["span"][1].as_u64())
        .max()
        .unwrap();
    assert!(
        last as usize > size - size / 10,
        "nothing coded near the end ({last})"
    );
    assert!(mb < 3000, "peak RSS {mb} MB");
}

#[test]
fn issue10_document_over_the_limit_is_named_and_skipped() {
    let d = tmpdir("issue10-limit");
    let big = d.join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(50_000_000).unwrap(); // 50 MB, sparse: zeros
    std::fs::write(
        d.join("small.txt"),
        "China criticized Japan on 3 March 2022.\n",
    )
    .unwrap();
    let (out, mb) = issue10_run_bounded(
        &["code", "--max-doc-bytes", "10000000", d.to_str().unwrap()],
        None,
        std::time::Duration::from_secs(120),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("big.txt: document of 50000000 bytes is over the limit of 10000000 bytes"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"cameo\""));
    // the large file was never read into memory
    assert!(mb < 200, "peak RSS {mb} MB");
    // JSON Lines: the limit is per line
    let jl = d.join("in.jsonl");
    let long = "China criticized Japan. ".repeat(100);
    std::fs::write(
        &jl,
        format!("{{\"text\": \"{long}\"}}\n{{\"text\": \"Russia praised China.\"}}\n"),
    )
    .unwrap();
    let out = run(&["code", "--max-doc-bytes", "1000", jl.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in.jsonl:1: document of 2412 bytes"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("RUS"));
}

#[test]
#[ignore = "a 50 MB document: about a minute of CPU and 2 GB; run with --ignored"]
fn issue10_fifty_megabyte_document() {
    let d = tmpdir("issue10-50mb");
    let f = d.join("big.txt");
    let mut text = String::with_capacity(51 << 20);
    let mut i = 0usize;
    while text.len() < 50_000_000 {
        for k in 0..(6 + i % 12) {
            text.push_str(ISSUE10_WORDS[(i * 3 + k) % 8]);
            text.push(' ');
        }
        text.push_str("on 4 March 2022. ");
        i += 1;
    }
    std::fs::write(&f, &text).unwrap();
    let (out, mb) = issue10_run_bounded(
        &["code", "--date", "2022-01-01", f.to_str().unwrap()],
        None,
        std::time::Duration::from_secs(900),
    );
    ok(&out);
    assert!(mb < 4096, "peak RSS {mb} MB");
}

#[test]
fn issue10_hostile_documents_are_errors_or_coded() {
    let d = tmpdir("issue10-hostile");
    std::fs::write(d.join("nul.txt"), b"China\0criticized Japan.").unwrap();
    std::fs::write(d.join("latin1.txt"), b"Caf\xe9 talks in Beijing.").unwrap();
    let depth = 100_000;
    let html = format!(
        "{}China criticized Japan on 3 March 2022.{}<p><b>unclosed <!-- never closed",
        "<div><span>".repeat(depth),
        "</span></div>".repeat(depth)
    );
    std::fs::write(d.join("deep.html"), html).unwrap();
    std::fs::write(
        d.join("bidi.txt"),
        "\u{202E}China\u{202C} criticized \u{200B}Japan\u{200D} on 3 March 2022. \
         Россия и 中国 met in ‏بكين‎ with 🇨🇳 officials.\u{2066}x\u{2069} \
         Russia praised China\u{200B} on 4 March 2022.\n",
    )
    .unwrap();
    let (out, _) = issue10_run_bounded(
        &["code", "--date", "2022-01-01", d.to_str().unwrap()],
        None,
        std::time::Duration::from_secs(120),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nul.txt: not UTF-8 text (NUL byte at offset 5)"),
        "{err}"
    );
    assert!(
        err.contains("latin1.txt: not UTF-8 text (invalid byte at offset 3)"),
        "{err}"
    );
    let recs = records(&out);
    for doc in ["deep.html", "bidi.txt"] {
        assert!(
            recs.iter().any(|r| r["doc"] == doc && r["kind"] == "event"),
            "no event from {doc}"
        );
    }
    // every span points into the original bytes
    for r in &recs {
        let doc = r["doc"].as_str().unwrap();
        let bytes = std::fs::read(d.join(doc)).unwrap();
        let (a, b) = (
            r["span"][0].as_u64().unwrap(),
            r["span"][1].as_u64().unwrap(),
        );
        assert!(a <= b && b as usize <= bytes.len(), "{r}");
    }
}

#[test]
fn issue10_jsonl_lines_that_are_not_objects() {
    let d = tmpdir("issue10-jsonl");
    let f = d.join("in.jsonl");
    std::fs::write(
        &f,
        "[1, 2]\n\"China criticized Japan.\"\n{\"text\": \"China criticized Japan on 3 March 2022.\"}\n\
         {\"text\": 5}\nnot json at all\n{\"id\": \"x\"}\n",
    )
    .unwrap();
    let out = dyad()
        .args(["code", "--date", "2022-01-01", "-"])
        .stdin(std::fs::File::open(&f).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for m in [
        "<stdin>:1: expected a JSON object",
        "<stdin>:2: expected a JSON object",
        "<stdin>:4: field \"text\" must be a string",
        "<stdin>:5: invalid JSON",
        "<stdin>:6: missing field \"text\"",
    ] {
        assert!(err.contains(m), "{m} not in {err}");
    }
    assert!(records(&out).iter().any(|r| r["doc"] == "<stdin>#3"));
}

#[test]
fn issue10_many_one_word_documents_from_stdin() {
    // a million in the ignored variant; 100,000 here keeps CI short
    issue10_one_word_docs(100_000, 180);
}

#[test]
#[ignore = "a million documents: a minute or more on a loaded machine; run with --ignored"]
fn issue10_million_one_word_documents_from_stdin() {
    issue10_one_word_docs(1_000_000, 900);
}

fn issue10_one_word_docs(n: usize, secs: u64) {
    let d = tmpdir(&format!("issue10-docs-{n}"));
    let f = d.join("docs.jsonl");
    let mut s = String::with_capacity(n * 20);
    for i in 0..n {
        s.push_str(&format!("{{\"text\": \"{}\"}}\n", ISSUE10_WORDS[i % 8]));
    }
    std::fs::write(&f, s).unwrap();
    let (out, mb) = issue10_run_bounded(
        &["code", "--date", "2022-01-01", "-"],
        Some(&f),
        std::time::Duration::from_secs(secs),
    );
    ok(&out);
    // memory does not grow with the number of documents
    assert!(mb < 1024, "peak RSS {mb} MB for {n} documents");
}

// ---------- issue 10: the server's hardening ----------

/// Sends raw bytes as one request and returns (status, head lines, body).
fn raw_http(addr: &str, request: &str) -> (u16, Vec<String>, Vec<u8>) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end: {}", String::from_utf8_lossy(&raw)));
    let head: Vec<String> = String::from_utf8_lossy(&raw[..split])
        .lines()
        .map(String::from)
        .collect();
    let status: u16 = head[0].split(' ').nth(1).unwrap().parse().unwrap();
    (status, head, raw[split + 4..].to_vec())
}

fn header_of<'a>(head: &'a [String], name: &str) -> Option<&'a str> {
    head.iter().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[test]
fn issue10_read_only_server_refuses_writes_with_403() {
    let doc = serde_json::json!({"documents": [{"id": "ro1", "text": "China criticized Russia on Monday."}]});
    // without the flag the write route is there (and wants a key)
    let open = serve_with(&["demo"]);
    let (st, v) = post_json(&open.addr, "/api/v1/documents", None, &doc);
    assert_eq!(st, 401, "{v}");
    drop(open);
    let ro = serve_with(&["demo", "--read-only"]);
    let (st, v) = post_json(&ro.addr, "/api/v1/documents", Some("anything"), &doc);
    assert_eq!(st, 403, "{v}");
    assert_error(&v, "read_only", None);
    assert_eq!(v["type"], "auth");
    // reads still answer
    let (st, _) = get_json(&ro.addr, "/api/v1/dyad?a=CHN&b=RUS&by=month");
    assert_eq!(st, 200);
    let (st, _) = get_json(&ro.addr, "/healthz");
    assert_eq!(st, 200);
}

#[test]
fn issue10_no_cors_headers_unless_an_origin_is_configured() {
    let get = |addr: &str, origin: &str| {
        raw_http(
            addr,
            &format!(
                "GET /healthz HTTP/1.1\r\nHost: x\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n"
            ),
        )
    };
    let preflight = |addr: &str, origin: &str| {
        raw_http(
            addr,
            &format!(
                "OPTIONS /api/v1/documents HTTP/1.1\r\nHost: x\r\nOrigin: {origin}\r\n\
                 Access-Control-Request-Method: POST\r\n\
                 Access-Control-Request-Headers: authorization, content-type\r\n\
                 Connection: close\r\n\r\n"
            ),
        )
    };
    let plain = serve_with(&["demo"]);
    let (st, head, _) = get(&plain.addr, "https://evil.example");
    assert_eq!(st, 200);
    assert!(
        head.iter()
            .all(|l| !l.to_ascii_lowercase().starts_with("access-control-")),
        "{head:?}"
    );
    let (st, head, _) = preflight(&plain.addr, "https://evil.example");
    assert_ne!(st, 204, "{head:?}");
    assert!(header_of(&head, "access-control-allow-origin").is_none());
    drop(plain);

    let cors = serve_with(&["demo", "--cors-origin", "https://dash.example"]);
    let (st, head, _) = get(&cors.addr, "https://dash.example");
    assert_eq!(st, 200);
    assert_eq!(
        header_of(&head, "access-control-allow-origin"),
        Some("https://dash.example"),
        "{head:?}"
    );
    let (_, head, _) = get(&cors.addr, "https://evil.example");
    assert!(
        header_of(&head, "access-control-allow-origin").is_none(),
        "{head:?}"
    );
    let (st, head, _) = preflight(&cors.addr, "https://dash.example");
    assert_eq!(st, 204, "{head:?}");
    assert_eq!(
        header_of(&head, "access-control-allow-origin"),
        Some("https://dash.example")
    );
    let methods = header_of(&head, "access-control-allow-methods").unwrap_or("");
    assert!(methods.contains("POST"), "{head:?}");
    let hdrs = header_of(&head, "access-control-allow-headers")
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(hdrs.contains("authorization") && hdrs.contains("content-type"));
    let (st, head, _) = preflight(&cors.addr, "https://evil.example");
    assert_eq!(st, 204);
    assert!(header_of(&head, "access-control-allow-origin").is_none());
    drop(cors);
    // a wildcard is refused: one origin only
    let out = dyad()
        .args(["serve", "--cors-origin", "*", "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--cors-origin"));
}

#[test]
fn issue10_slow_headers_get_408_within_the_read_timeout() {
    use std::io::{Read, Write};
    use std::time::{Duration, Instant};
    let srv = serve_with(&["demo", "--read-timeout", "1"]);
    let mut s = std::net::TcpStream::connect(&srv.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let started = Instant::now();
    // a slowloris client: one more header line every 200 ms, never the end
    let mut w = s.try_clone().unwrap();
    let dribble = std::thread::spawn(move || {
        for i in 0..50 {
            std::thread::sleep(Duration::from_millis(200));
            if w.write_all(format!("X-Slow-{i}: y\r\n").as_bytes())
                .is_err()
            {
                return;
            }
        }
    });
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw); // ends when the server closes
    let took = started.elapsed();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.starts_with("HTTP/1.1 408 "), "{text}");
    assert!(text.contains("\"request_timeout\""), "{text}");
    assert!(
        took < Duration::from_secs(4),
        "closed after {took:?}, limit 1 s"
    );
    assert!(took >= Duration::from_millis(900), "closed after {took:?}");
    let _ = dribble.join();
    // an idle keep-alive connection is not cut by the request limit: a
    // request sent 1.5 s after connecting is answered
    let mut s = std::net::TcpStream::connect(&srv.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    assert!(String::from_utf8_lossy(&raw).starts_with("HTTP/1.1 200 "));
    // a bad flag value is named
    let out = dyad()
        .args(["serve", "--read-timeout", "0", "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--read-timeout"));
}

#[test]
fn issue10_no_path_traversal_in_asset_serving() {
    let srv = serve_with(&["demo"]);
    let (st, _, body) = raw_http(
        &srv.addr,
        "GET /app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(st, 200);
    assert!(!body.is_empty());
    for target in [
        "/../Cargo.toml",
        "/../../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2E%2E/Cargo.toml",
        "/%2e%2e%2fCargo.toml",
        "/..%2f..%2fCargo.toml",
        "/app.js/../../Cargo.toml",
        "/web/..%2f..%2fCargo.toml",
        "/..%5c..%5cCargo.toml",
        "/..\\Cargo.toml",
        "/%252e%252e/Cargo.toml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/./app.js/..",
        "/web/index.html",
        "/crates/server/src/lib.rs",
    ] {
        let (st, _, body) = raw_http(
            &srv.addr,
            &format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        );
        let text = String::from_utf8_lossy(&body);
        assert_eq!(st, 404, "{target}: {text}");
        assert!(
            !text.contains("[workspace]") && !text.contains("root:") && !text.contains("fn "),
            "{target}: {text}"
        );
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["code"], "not_found", "{target}");
    }
}

#[test]
fn issue10_connections_past_the_cap_wait_instead_of_failing() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;
    let srv = serve_with(&["demo", "--max-connections", "2"]);
    // two idle connections take both slots
    let held: Vec<TcpStream> = (0..2)
        .map(|_| TcpStream::connect(&srv.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut third = TcpStream::connect(&srv.addr).unwrap(); // in the backlog
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    third
        .set_read_timeout(Some(Duration::from_millis(700)))
        .unwrap();
    let mut buf = [0u8; 1];
    let waited = third.read(&mut buf);
    assert!(
        waited.as_ref().is_err_and(|e| matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        )),
        "answered past the cap: {waited:?}"
    );
    // one slot frees: the waiting connection is served, not refused, and
    // (the server being at its cap again) closed after its response
    let mut held = held;
    drop(held.pop());
    third
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut raw = Vec::new();
    let _ = third.read_to_end(&mut raw); // closed after the response (at the cap)
    let text = String::from_utf8_lossy(&raw);
    assert!(text.starts_with("HTTP/1.1 200 "), "{text}");
    let split = text.find("\r\n\r\n").unwrap();
    let head: Vec<String> = text[..split].lines().map(String::from).collect();
    assert_eq!(header_of(&head, "connection"), Some("close"), "{text}");
    drop(held);
}

#[test]
fn issue10_sql_in_parameters_is_data_not_code() {
    let srv = serve_with(&["demo"]);
    let (st, before) = get_json(&srv.addr, "/api/v1/events?limit=1");
    assert_eq!(st, 200);
    let total = before["total"].as_u64().unwrap();
    assert!(total > 0);
    for path in [
        "/api/v1/documents?q=%27%20OR%201%3D1%20--",
        "/api/v1/documents?q=%25%27%3B%20DROP%20TABLE%20events%3B%20--",
        "/api/v1/events?actor=CHN%27)%20OR%20(%271%27%3D%271",
        "/api/v1/claims?actor=%22%25%27%20OR%201%3D1%20--",
        "/api/v1/search?q=%22%20OR%20%22",
        "/api/v1/documents/x%27%20OR%20%271%27%3D%271",
    ] {
        let (st, v) = get_json(&srv.addr, path);
        assert!(st == 200 || st == 400 || st == 404, "{path}: {st} {v}");
        if st == 200 {
            // nothing matches: the quotes were searched for, not run
            if let Some(t) = v["total"].as_u64() {
                assert_eq!(t, 0, "{path}: {v}");
            }
        }
    }
    let (_, after) = get_json(&srv.addr, "/api/v1/events?limit=1");
    assert_eq!(after["total"].as_u64(), Some(total));
}

#[test]
fn issue5_manifesto_genre_uses_the_pledge_model() {
    let f = tmpdir("issue5-manifesto").join("m.txt");
    std::fs::write(
        &f,
        "Our economy is still over-regulated. We will establish a College of Agriculture \
         and a College of Veterinary Sciences in every district of the country.",
    )
    .unwrap();
    let f = f.to_str().unwrap();
    let args = ["commitments", f, "--date", "2019-04-01", "--json"];
    let recs = commitment_records(&[&args[..], &["--genre", "manifesto"]].concat());
    assert_eq!(recs.len(), 1, "{recs:#?}");
    assert_eq!(recs[0]["specific"], true);
    let why = recs[0]["scope_rule"].as_str().unwrap();
    assert!(
        why.starts_with("pledge model: p") && why.contains("commitment/pledge.model"),
        "{why}"
    );
    // `dyad code` writes the same decision (through its spool)
    let coded = commitment_records(&["code", f, "--date", "2019-04-01", "--genre", "manifesto"]);
    assert_eq!(coded.len(), 1, "{coded:#?}");
    assert_eq!(coded[0]["scope_rule"], recs[0]["scope_rule"]);
    // diplomatic text (the default) keeps the rules' reading
    for r in commitment_records(&args) {
        assert!(!r["scope_rule"].as_str().unwrap().contains("pledge model"));
    }
    let out = run(&["commitments", f, "--genre", "novel"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected diplomatic or manifesto"));
}

#[test]
fn issue5_pledge_model_is_checked_and_overridable() {
    let out = run(&["lexicon", "check"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("pledge model ok"));
    let dir = tmpdir("issue5-model");
    std::fs::create_dir_all(dir.join("commitment")).unwrap();
    let model = dir.join("commitment/pledge.model");
    let head = "# a test model\nformat: dyad-pledge-logreg 1\nthreshold: 0.5\nbias: -5\n";
    std::fs::write(&model, format!("{head}10 w:everything\n0.2 x:nothing\n")).unwrap();
    let d = dir.to_str().unwrap();
    let f = tmpdir("issue5-model-text").join("m.txt");
    std::fs::write(
        &f,
        "Everything is fine. We will establish a College of Agriculture in every district.",
    )
    .unwrap();
    let f = f.to_str().unwrap();
    let args = [
        "commitments",
        f,
        "--json",
        "--genre",
        "manifesto",
        "--lexicon-extra",
        d,
    ];
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("commitment/pledge.model:6") && err.contains("known family"),
        "{err}"
    );
    // the folder's model replaces the built-in one: "everything" alone is a pledge
    std::fs::write(&model, format!("{head}10 w:everything\n")).unwrap();
    let recs = commitment_records(&args);
    assert_eq!(recs.len(), 2, "{recs:#?}");
    assert_eq!(recs[0]["text"], "Everything is fine.");
    assert_eq!(recs[0]["specific"], true);
    assert_eq!(recs[0]["rule"], "commitment/pledge.model");
    // the rules' commitment the model does not take stays, as a broad one
    assert_eq!(recs[1]["specific"], false);
    assert!(recs[1]["scope_rule"]
        .as_str()
        .unwrap()
        .starts_with("not a checkable pledge"));
}

#[test]
fn issue5_pledges_train_and_eval() {
    // a small table in the corpus's format: manifestos of three elections,
    // 1999INC among those held out from training
    let dir = tmpdir("issue5-train");
    let mut tsv = String::from("manifesto_id\tfile\tcountry\tparty\tyear\tpledge\ttext\n");
    let files = [
        "X1_2014BJPmanifesto",
        "X2_2019INCManifesto",
        "X3_2014INCmanifesto",
        "X4_1999INCManifesto",
    ];
    for (k, file) in files.iter().enumerate() {
        for i in 0..30 {
            let (label, text) = if i % 3 == 0 {
                (
                    1,
                    format!("We will build {} new schools in each district.", i + k),
                )
            } else {
                (
                    0,
                    format!(
                        "Our nation has a long history of {} proud traditions.",
                        i + k
                    ),
                )
            };
            tsv.push_str(&format!("{k}\t{file}\tIndia\tP\t2014\t{label}\t{text}\n"));
        }
    }
    tsv.push_str("99\tS_2014Xmanifesto\tSweden\tP\t2014\t1\tVi ska bygga skolor.\n");
    let t = dir.join("p.tsv");
    std::fs::write(&t, tsv).unwrap();
    std::fs::create_dir_all(dir.join("commitment")).unwrap();
    let model = dir.join("commitment/pledge.model");
    let (t, m, d) = (
        t.to_str().unwrap(),
        model.to_str().unwrap(),
        dir.to_str().unwrap(),
    );
    let out = run(&[
        "pledges", "train", t, "--out", m, "--epochs", "20", "--rate", "0.1",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&model).unwrap();
    assert!(
        text.contains("Trained on 90 English rows (30 pledges)"),
        "{text}"
    );
    let out = run(&[
        "pledges",
        "eval",
        t,
        "--lexicon-extra",
        d,
        "--min-f1",
        "0.99",
    ]);
    let so = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{so}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(so.contains("held out 30 rows (1999INC"), "{so}");
    assert!(so.contains("held out, model"), "{so}");
    // bad input: a clear error, no panic
    let out = run(&["pledges", "train", "/nonexistent.tsv", "--out", m]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent.tsv"));
    std::fs::write(
        dir.join("bad.tsv"),
        "country\tfile\tpledge\ttext\nIndia\tf_2014Xmanifesto\tyes\tWe will.\n",
    )
    .unwrap();
    let out = run(&["pledges", "eval", dir.join("bad.tsv").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.tsv:2: pledge label"));
}

/// The issue's figure on the real corpus, held out (see docs/COMMITMENTS.md).
#[test]
fn issue5_pledges_held_out_floor() {
    let Some(s) = shared() else { return };
    let t = s.join("corpora/election-pledges/pledges_train.tsv");
    let out = run(&["pledges", "eval", t.to_str().unwrap(), "--min-f1", "0.64"]);
    let so = String::from_utf8_lossy(&out.stdout);
    eprintln!("{so}");
    assert!(
        out.status.success(),
        "{so}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
