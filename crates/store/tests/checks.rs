//! Cross-document checks over a store (issue 6 item 5), through the
//! library: claim conflicts, claims against a reference table, commitment
//! outcomes as of a date.
use chrono::NaiveDate;
use dyad_code::Coder;
use dyad_commit::{Detector, Status};
use dyad_extract::{Extractor, QtyLexicon, Reference};
use dyad_lexicon::Lexicon;
use dyad_store::{CheckOptions, IngestOptions, Mode, Store};
use dyad_text::input::{read_path, ReadOptions};
use dyad_text::Doc;
use dyad_time::Tagger;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-checks-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d.join("t.db")
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Ingests documents with their claims and (unresolved) commitments, as
/// `dyad ingest` stores them.
fn ingest(store: &mut Store, lex: &Lexicon, docs: Vec<Doc>) {
    let tagger = Tagger::builtin();
    let coder = Coder::new(lex, tagger);
    let reference = Reference::builtin();
    let ex = Extractor::new(QtyLexicon::builtin(), lex, tagger, &reference);
    let det = Detector::new(lex, tagger);
    let extra = |d: &Doc, coded: &dyad_code::Coded| -> Vec<Value> {
        let mut v: Vec<Value> = ex
            .extract(d)
            .iter()
            .map(|c| dyad_extract::claim_record(d, c))
            .collect();
        v.extend(
            det.detect(d, coded)
                .iter()
                .map(|c| dyad_commit::commitment_record(c, None)),
        );
        v
    };
    store
        .ingest_coded(
            docs,
            &coder,
            &IngestOptions {
                batch: 10,
                threads: 1,
            },
            &extra,
            &mut |_| {},
        )
        .unwrap();
}

fn samples() -> Vec<Doc> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples/samples.jsonl");
    read_path(&p, &ReadOptions::default())
        .into_iter()
        .map(|r| r.expect("a sample document"))
        .collect()
}

fn seed() -> Option<Doc> {
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/000_ce1873e8b18f2cc2.txt");
    if !p.is_file() {
        eprintln!("note: ../shared/seed is absent; skipping the seed checks");
        return None;
    }
    let opts = ReadOptions {
        date: date("2022-01-01"),
        ..Default::default()
    };
    read_path(&p, &opts).into_iter().next()?.ok()
}

#[test]
fn conflicting_figures_across_documents_are_found_with_both_sides() {
    let lex = Lexicon::builtin().unwrap();
    let db = tmp("conflict");
    let mut store = Store::open(&db, Mode::Create).unwrap();
    let a = "Trade between China and Russia reached US$107.8 billion in 2020.";
    let b = "Officials said that trade between China and Russia reached US$104 billion in 2020.";
    // agrees with the first within its rounding and stated qualifier
    let c = "Trade between China and Russia exceeded US$100 billion in 2020.";
    ingest(
        &mut store,
        &lex,
        vec![
            Doc::plain("a", a, date("2021-01-15")),
            Doc::plain("b", b, date("2021-02-15")),
            Doc::plain("c", c, date("2021-03-15")),
        ],
    );
    let reference = Reference::builtin();
    let r = store
        .checks(&CheckOptions {
            as_of: None,
            reference: Some(&reference),
        })
        .unwrap();
    assert_eq!(r.documents, 3);
    assert_eq!(r.conflicts.len(), 1, "{:#?}", r.conflicts);
    let k = &r.conflicts[0];
    assert_eq!((k.a.doc.as_str(), k.b.doc.as_str()), ("a", "b"));
    assert_eq!(
        (k.measure.as_str(), k.actors.as_str()),
        ("trade", "CHN;RUS")
    );
    assert_eq!(k.period, "2020");
    // the arithmetic and the spans of both sides
    assert!(k.detail.contains("107.8 billion") && k.detail.contains("104 billion"));
    assert!(k.detail.contains("-3.53%"), "{}", k.detail);
    let fs = k.b.figure_span;
    assert_eq!(&b[fs[0] as usize..fs[1] as usize], "US$104 billion");
    let fs = k.a.figure_span;
    assert_eq!(&a[fs[0] as usize..fs[1] as usize], "US$107.8 billion");
    assert_eq!(k.b.span, [0, b.len() as i64]);
    // against the bundled reference (107.76 billion for 2020)
    let bad: Vec<_> = r
        .reference
        .iter()
        .filter(|f| f.result == "inconsistent")
        .collect();
    assert_eq!(bad.len(), 1, "{:#?}", r.reference);
    assert_eq!(bad[0].claim.doc, "b");
    assert!(bad[0].against.contains("china_russia_trade.csv"));
    // a table of one's own
    let mine = Reference::parse(
        "mine.csv",
        "measure,actors,period,value,unit,source\ntrade,RUS;CHN,2020,104,USD billion,test\n",
    )
    .unwrap();
    let (_, _, refs) = store.claim_checks(Some(&mine)).unwrap();
    let by: Vec<(&str, &str)> = refs
        .iter()
        .map(|f| (f.claim.doc.as_str(), f.result))
        .collect();
    assert!(by.contains(&("a", "inconsistent")), "{by:?}");
    assert!(by.contains(&("b", "consistent")), "{by:?}");
}

#[test]
fn seed_commitments_are_kept_by_the_samples_and_open_before() {
    let Some(seed) = seed() else { return };
    let lex = Lexicon::builtin().unwrap();
    let db = tmp("seed");
    let mut store = Store::open(&db, Mode::Create).unwrap();
    let mut docs = samples();
    docs.push(seed.clone());
    ingest(&mut store, &lex, docs);
    let (as_of, all) = store.resolve_commitments(None).unwrap();
    // default: the latest document date in the store
    assert_eq!(as_of, store.latest_doc_date().unwrap());
    assert_eq!(as_of, date("2024-01-12"));
    let of_seed = |needle: &str| {
        all.iter()
            .find(|x| x.doc == seed.id && x.commitment.text.contains(needle))
            .unwrap_or_else(|| panic!("no seed commitment with \"{needle}\""))
    };
    let visit = of_seed("opening ceremony of Beijing Winter Olympics");
    assert_eq!(visit.outcome.status, Status::Kept, "{:?}", visit.outcome);
    assert!(visit
        .outcome
        .evidence
        .iter()
        .any(|e| e.doc == "sample-2022-02-04-beijing-visit" && e.kind == "event"));
    assert_eq!(visit.record["status"], "kept");
    assert!(!visit.record["evidence"].as_array().unwrap().is_empty());
    let trade = of_seed("US$200 billion by 2024");
    assert_eq!(trade.outcome.status, Status::Kept, "{:?}", trade.outcome);
    let e = &trade.outcome.evidence[0];
    assert_eq!(
        (e.kind, e.doc.as_str()),
        ("claim", "sample-2024-01-12-trade-2023")
    );
    assert!(e.detail.contains("meets the target"), "{}", e.detail);

    // as of the day before the seed, nothing later is known
    let (_, before) = store.resolve_commitments(date("2021-12-31")).unwrap();
    let visit = before
        .iter()
        .find(|x| x.id == visit.id)
        .expect("the visit is listed");
    assert_eq!(visit.outcome.status, Status::Open, "{:?}", visit.outcome);
    assert!(visit.outcome.evidence.is_empty());
    assert!(before.iter().all(|x| x.outcome.status == Status::Open));
    // as of March 2022: the visit kept, the 2024 trade goal still open
    let (_, march) = store.resolve_commitments(date("2022-03-15")).unwrap();
    let st = |id: i64| march.iter().find(|x| x.id == id).unwrap().outcome.status;
    assert_eq!(st(visit.id), Status::Kept);
    assert_eq!(st(trade.id), Status::Open);
}

#[test]
fn a_visit_with_no_report_is_overdue_after_its_month() {
    let lex = Lexicon::builtin().unwrap();
    let db = tmp("overdue");
    let mut store = Store::open(&db, Mode::Create).unwrap();
    let docs: Vec<Doc> = samples()
        .into_iter()
        .filter(|d| d.id == "sample-2021-12-15-video-summit")
        .collect();
    assert_eq!(docs.len(), 1);
    ingest(&mut store, &lex, docs);
    let (_, v) = store.resolve_commitments(date("2022-06-01")).unwrap();
    let visit = v
        .iter()
        .find(|x| {
            x.commitment
                .due
                .as_ref()
                .is_some_and(|d| d.iso == "2022-02")
        })
        .expect("the February visit");
    assert_eq!(visit.outcome.status, Status::Overdue, "{:?}", visit.outcome);
}
