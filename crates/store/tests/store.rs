//! The store through its library API, with the built-in lexicon.
use dyad_code::Coder;
use dyad_lexicon::Lexicon;
use dyad_store::{By, ErrorKind, Filter, IngestOptions, Kind, Mode, Store};
use dyad_text::Doc;
use dyad_time::Tagger;
use serde_json::{json, Value};
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d.join("t.db")
}

fn lex() -> Lexicon {
    Lexicon::builtin().expect("built-in lexicon")
}

const TEXT: &str =
    "President Xi Jinping met Russian President Vladimir Putin in Beijing on 4 February 2022.\n\n\
China criticized the United States on 3 March 2022. Russia will not attack Ukraine. \
Russia accused the United States in June 2021.\n";

fn docs() -> Vec<Doc> {
    let d = chrono::NaiveDate::from_ymd_opt(2022, 1, 10);
    vec![
        Doc::plain("a.txt", TEXT, d),
        Doc::plain("b.txt", "Russia praised China on 5 May 2022.\n", d),
    ]
}

fn none(_: &Doc) -> Vec<Value> {
    Vec::new()
}

fn ingest(store: &mut Store, lex: &Lexicon, docs: Vec<Doc>) -> dyad_store::IngestStats {
    let coder = Coder::new(lex, Tagger::builtin());
    let opts = IngestOptions {
        batch: 1,
        threads: 2,
    };
    store
        .ingest(docs, &coder, &opts, &none, &mut |_| {})
        .unwrap()
}

fn events(store: &Store, f: &Filter) -> Vec<Value> {
    let mut v = Vec::new();
    store
        .query::<dyad_store::Error>(Kind::Events, f, |r| {
            v.push(serde_json::from_str(&r.record).unwrap());
            Ok(())
        })
        .unwrap();
    v
}

#[test]
fn ingest_is_idempotent_and_versions_changed_documents() {
    let db = tmp("idem");
    let lex = lex();
    let mut s = Store::open(&db, Mode::Create).unwrap();
    let st = ingest(&mut s, &lex, docs());
    assert_eq!((st.added, st.unchanged, st.replaced), (2, 0, 0));
    assert!(st.events >= 5, "{st:?}");
    let first = events(&s, &Filter::default());
    assert_eq!(first.len(), st.events);
    // the stored record is the record as produced, spans included
    let coder = Coder::new(&lex, Tagger::builtin());
    let doc = &docs()[0];
    let fresh: Vec<Value> = coder
        .code(doc)
        .events
        .iter()
        .map(|e| dyad_code::event_record(&lex, doc, e))
        .collect();
    assert_eq!(first[..fresh.len()], fresh[..]);

    let again = ingest(&mut s, &lex, docs());
    assert_eq!((again.added, again.unchanged, again.events), (0, 2, 0));
    assert_eq!(events(&s, &Filter::default()).len(), first.len());

    // b.txt changes: a new version, the old one kept as history
    let d = chrono::NaiveDate::from_ymd_opt(2022, 1, 10);
    let st = ingest(
        &mut s,
        &lex,
        vec![Doc::plain(
            "b.txt",
            "Russia criticized China on 5 May 2022.\n",
            d,
        )],
    );
    assert_eq!((st.added, st.replaced), (0, 1));
    let b = events(
        &s,
        &Filter {
            doc: Some("b.txt".into()),
            ..Default::default()
        },
    );
    assert_eq!(b.len(), 1);
    assert_eq!(b[0]["root"], "11");
    let all = events(
        &s,
        &Filter {
            doc: Some("b.txt".into()),
            all_versions: true,
            ..Default::default()
        },
    );
    assert_eq!(all.len(), 2);
    let sum = s.summary().unwrap();
    assert_eq!((sum.documents, sum.versions), (2, 3));
}

#[test]
fn filters_and_series() {
    let db = tmp("filters");
    let lex = lex();
    let mut s = Store::open(&db, Mode::Create).unwrap();
    ingest(&mut s, &lex, docs());
    let f = |f: Filter| events(&s, &f).len();
    assert_eq!(
        f(Filter {
            dyad: Some(("CHN".into(), "RUS".into())),
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        f(Filter {
            source: Some("chn".into()),
            target: Some("USA".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        f(Filter {
            root: Some("11".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        f(Filter {
            modality: Some("negated".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        f(Filter {
            from: Some("2022-02".into()),
            to: Some("2022-03".into()),
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        f(Filter {
            actor: Some("CHNGOV".into()),
            ..Default::default()
        }),
        2
    );
    // codes by prefix; wildcards in a value are literal
    assert_eq!(
        f(Filter {
            code: Some("11".into()),
            ..Default::default()
        }),
        2
    );
    for (code, source) in [(Some("1*"), None), (None, Some("C*")), (None, Some("R?S"))] {
        assert_eq!(
            f(Filter {
                code: code.map(String::from),
                source: source.map(String::from),
                ..Default::default()
            }),
            0
        );
    }
    let bad = Filter {
        code: Some("04".into()),
        ..Default::default()
    };
    let err = s
        .query::<dyad_store::Error>(Kind::Claims, &bad, |_| Ok(()))
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Usage);

    let ser = s.series("CHN", "RUS", By::Month, None, None, None).unwrap();
    let periods: Vec<&str> = ser.rows.iter().map(|r| r.period.as_str()).collect();
    assert_eq!(periods, ["2022-02", "2022-03", "2022-04", "2022-05"]);
    assert_eq!(ser.rows[0].dirs[0].n, 1);
    assert_eq!(ser.rows[0].dirs[1].n, 1);
    assert_eq!(ser.rows[0].dirs[0].quad[0], 1);
    assert_eq!(ser.rows[3].dirs[1].n, 1); // RUS -> CHN in May
    assert_eq!(ser.rows[1].dirs, [dyad_store::Cell::default(); 2]);
    let q = s
        .series("RUS", "CHN", By::Quarter, Some("2022"), None, None)
        .unwrap();
    assert_eq!(q.rows.len(), 2);
    assert_eq!(q.rows[0].dirs[0].n, 1);
    let (actors, pairs) = s.actors(5, true).unwrap();
    assert_eq!(actors[0].actor, "RUS");
    assert!(pairs.iter().any(|p| p.source == "RUS" && p.target == "USA"));
}

#[test]
fn recode_reports_added_removed_recoded() {
    let db = tmp("recode");
    let lex = lex();
    let mut s = Store::open(&db, Mode::Create).unwrap();
    let st = ingest(&mut s, &lex, docs());
    let coder = Coder::new(&lex, Tagger::builtin());
    let r = s
        .recode(&coder, &IngestOptions::default(), &none, &mut |_| {})
        .unwrap();
    assert_eq!((r.added, r.removed, r.recoded), (0, 0, 0));
    assert_eq!(r.unchanged, st.events);
    // Pretend an older lexicon: one event missing, one coded otherwise, one extra.
    let c = s.conn();
    c.execute(
        "DELETE FROM events WHERE id = (SELECT min(id) FROM events)",
        [],
    )
    .unwrap();
    c.execute(
        "UPDATE events SET record = json_set(record, '$.cameo', '010') WHERE id = (SELECT max(id) FROM events)",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO events (doc_id, sentence, sent_start, sent_end, source_code, cameo, root, modality, lexicon, record)
         SELECT doc_id, 9, 0, 1, 'XXX', '010', '01', 'asserted', lexicon, '{\"sentence\":9}' FROM events LIMIT 1",
        [],
    )
    .unwrap();
    let r = s
        .recode(&coder, &IngestOptions::default(), &none, &mut |_| {})
        .unwrap();
    assert_eq!((r.added, r.removed, r.recoded), (1, 1, 1), "{r:?}");
    assert_eq!(events(&s, &Filter::default()).len(), st.events);
    // the pair series is still consistent with the events
    let n: i64 = s
        .conn()
        .query_row("SELECT sum(n) FROM pair_counts", [], |r| r.get(0))
        .unwrap();
    let m: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM events WHERE current = 1 AND source_country IS NOT NULL
             AND target_country IS NOT NULL AND period IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, m);
}

#[test]
fn claims_and_commitments_are_stored_as_produced() {
    let db = tmp("claims");
    let lex = lex();
    let mut s = Store::open(&db, Mode::Create).unwrap();
    let coder = Coder::new(&lex, Tagger::builtin());
    let extra = |d: &Doc| {
        vec![
            json!({"kind": "claim", "doc": d.id, "sentence": 0, "text": "x", "span": [0, 5],
                   "quantity": "bilateral trade", "value": 1.5e11, "unit": "USD",
                   "qualifier": "over", "period": "2021", "actors": ["CHN", "RUS"], "checks": []}),
            json!({"kind": "commitment", "doc": d.id, "sentence": 0, "text": "x", "span": [0, 5],
                   "actor": {"code": "CHNGOV", "country": "CHN"}, "action": "visit Moscow",
                   "due": "2023-03", "status": "open", "evidence": null}),
        ]
    };
    let st = s
        .ingest(
            docs(),
            &coder,
            &IngestOptions::default(),
            &extra,
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(st.records, st.events + 4);
    let mut claims = Vec::new();
    s.query::<dyad_store::Error>(
        Kind::Claims,
        &Filter {
            actor: Some("RUS".into()),
            ..Default::default()
        },
        |r| {
            claims.push(r.record);
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(claims.len(), 2);
    let v: Value = serde_json::from_str(&claims[0]).unwrap();
    assert_eq!(v["quantity"], "bilateral trade");
    let n = s
        .count(
            Kind::Commitments,
            &Filter {
                actor: Some("CHN".into()),
                from: Some("2023".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(n, 2);

    // recode: the same records change nothing, a changed claim is replaced
    let r = s
        .recode(&coder, &IngestOptions::default(), &extra, &mut |_| {})
        .unwrap();
    assert_eq!((r.other_added, r.other_removed), (0, 0));
    let extra2 = |d: &Doc| {
        let mut v = extra(d);
        v[0]["value"] = json!(1.6e11);
        v
    };
    let r = s
        .recode(&coder, &IngestOptions::default(), &extra2, &mut |_| {})
        .unwrap();
    assert_eq!((r.other_added, r.other_removed), (2, 2));
    let vals: Vec<f64> = s
        .conn()
        .prepare("SELECT value FROM claims WHERE current = 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|x| x.unwrap())
        .collect();
    assert_eq!(vals, [1.6e11, 1.6e11]);
    assert_eq!(s.summary().unwrap().commitments, 2);
}

#[test]
fn foreign_corrupt_and_newer_databases_are_refused_untouched() {
    let db = tmp("bad");
    // not SQLite at all
    std::fs::write(&db, b"hello, this is not a database at all").unwrap();
    let e = Store::open(&db, Mode::Create).err().unwrap();
    assert_eq!(e.kind, ErrorKind::Corrupt);
    assert!(e.message.contains("t.db"), "{}", e.message);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        b"hello, this is not a database at all"
    );
    // an SQLite file someone else made
    std::fs::remove_file(&db).unwrap();
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let e = Store::open(&db, Mode::Create).err().unwrap();
    assert_eq!(e.kind, ErrorKind::Foreign);
    assert!(e.message.contains("songs"), "{}", e.message);
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // a store from a newer dyad
    std::fs::remove_file(&db).unwrap();
    drop(Store::open(&db, Mode::Create).unwrap());
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let e = Store::open(&db, Mode::Existing).err().unwrap();
    assert_eq!(e.kind, ErrorKind::TooNew);
    assert!(e.message.contains("99"), "{}", e.message);
    // damaged after the header
    std::fs::remove_file(&db).unwrap();
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xAB, 8192));
    std::fs::write(&db, &bytes).unwrap();
    let e = Store::open(&db, Mode::Create).err().unwrap();
    assert_eq!(e.kind, ErrorKind::Corrupt, "{}", e.message);
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
    // missing, for read-only commands
    let e = Store::open(&db.with_file_name("none.db"), Mode::Existing)
        .err()
        .unwrap();
    assert_eq!(e.kind, ErrorKind::Missing);
}

/// `actor_pair_counts` as it must be: the current events grouped by their
/// actor columns, a missing value as ''.
fn assert_actor_counts_consistent(s: &Store, step: &str) {
    let c = s.conn();
    let diff = |a: &str, b: &str| -> i64 {
        c.query_row(&format!("SELECT count(*) FROM ({a} EXCEPT {b})"), [], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let from_events = "SELECT source_code, coalesce(source_country, ''), coalesce(target_code, ''),
          coalesce(target_country, ''), count(*) FROM events WHERE current = 1 GROUP BY 1, 2, 3, 4";
    let table =
        "SELECT source_code, source_country, target_code, target_country, n FROM actor_pair_counts";
    assert_eq!(diff(from_events, table), 0, "{step}: rows missing");
    assert_eq!(diff(table, from_events), 0, "{step}: rows too many");
}

/// The current events matching an actor filter, found without SQL
/// conditions: the code by prefix or the country exactly, as `Filter`
/// says, on the event's columns.
fn by_hand(s: &Store, f: &Filter) -> Vec<i64> {
    type Side = (Option<String>, Option<String>);
    let side = |v: &Side, a: &str| -> bool {
        v.0.as_deref().is_some_and(|c| c.starts_with(a)) || v.1.as_deref() == Some(a)
    };
    let mut st = s
        .conn()
        .prepare(
            "SELECT id, source_code, source_country, target_code, target_country FROM events
             WHERE current = 1 ORDER BY doc_id, id",
        )
        .unwrap();
    let rows: Vec<(i64, Side, Side)> = st
        .query_map([], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?), (r.get(3)?, r.get(4)?)))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.into_iter()
        .filter(|(_, src, tgt)| {
            f.actor
                .as_deref()
                .is_none_or(|a| side(src, a) || side(tgt, a))
                && f.source.as_deref().is_none_or(|a| side(src, a))
                && f.target.as_deref().is_none_or(|a| side(tgt, a))
                && f.country
                    .as_deref()
                    .is_none_or(|a| src.1.as_deref() == Some(a) || tgt.1.as_deref() == Some(a))
                && f.dyad.as_ref().is_none_or(|(a, b)| {
                    (side(src, a) && side(tgt, b)) || (side(src, b) && side(tgt, a))
                })
        })
        .map(|(id, _, _)| id)
        .collect()
}

fn ids(s: &Store, f: &Filter) -> Vec<i64> {
    let mut v = Vec::new();
    s.query::<dyad_store::Error>(Kind::Events, f, |r| {
        v.push(r.id);
        Ok(())
    })
    .unwrap();
    v
}

/// Counts and listings of actor filters equal what the events say, dated
/// or not, after every way events are written or retired.
#[test]
fn actor_counts_follow_ingest_reingest_replace_recode_and_delete() {
    let db = tmp("actor-counts");
    let lex = lex();
    let mut s = Store::open(&db, Mode::Create).unwrap();
    let undated = Doc::plain(
        "c.txt",
        "Russia praised China. China criticized Russia. The United States met Russia.\n",
        None,
    );
    let mut all = docs();
    all.push(undated);
    let p = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
    let o = |a: &str| Some(a.to_string());
    let filters = [
        Filter::default(),
        Filter {
            dyad: p("CHN", "RUS"),
            ..Default::default()
        },
        Filter {
            dyad: p("RUS", "USA"),
            ..Default::default()
        },
        Filter {
            dyad: p("CH", "RUSGOV"),
            ..Default::default()
        },
        Filter {
            dyad: p("XYZ", "RUS"),
            ..Default::default()
        },
        Filter {
            actor: o("RUS"),
            ..Default::default()
        },
        Filter {
            source: o("CHN"),
            target: o("RUS"),
            ..Default::default()
        },
        Filter {
            country: o("USA"),
            ..Default::default()
        },
        Filter {
            dyad: p("CHN", "RUS"),
            actor: o("RUSGOV"),
            ..Default::default()
        },
    ];
    let check = |s: &Store, step: &str| {
        assert_actor_counts_consistent(s, step);
        for f in &filters {
            let want = by_hand(s, f);
            assert_eq!(
                s.count(Kind::Events, f).unwrap(),
                want.len() as i64,
                "{step}: count of {f:?}"
            );
            assert_eq!(ids(s, f), want, "{step}: listing of {f:?}");
            for limit in [1, 2] {
                let page = Filter {
                    limit: Some(limit),
                    ..f.clone()
                };
                let n = limit.min(want.len());
                assert_eq!(ids(s, &page), want[..n], "{step}: page of {f:?}");
            }
        }
    };
    ingest(&mut s, &lex, all.clone());
    let undated_events: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM events WHERE current = 1 AND date IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(undated_events >= 2, "the test needs undated events");
    check(&s, "ingest");
    let st = ingest(&mut s, &lex, all.clone());
    assert_eq!(st.unchanged, 3);
    check(&s, "the same documents again");
    let changed = Doc::plain(
        "c.txt",
        "Russia praised China. The United States criticized China.\n",
        None,
    );
    let st = ingest(&mut s, &lex, vec![changed]);
    assert_eq!(st.replaced, 1);
    check(&s, "a replaced document");
    // recode after the events were damaged by hand
    s.conn()
        .execute(
            "DELETE FROM events WHERE id = (SELECT min(id) FROM events WHERE current = 1)",
            [],
        )
        .unwrap();
    check(&s, "an event deleted by hand");
    let coder = Coder::new(&lex, Tagger::builtin());
    let r = s
        .recode(&coder, &IngestOptions::default(), &none, &mut |_| {})
        .unwrap();
    assert_eq!(r.added, 1, "{r:?}");
    check(&s, "recode");
    s.conn()
        .execute(
            "UPDATE events SET target_country = 'XYZ', current = 1 WHERE id = (SELECT max(id) FROM events)",
            [],
        )
        .unwrap();
    check(&s, "an actor column changed by hand");
    s.conn()
        .execute(
            "DELETE FROM events WHERE doc_id = (SELECT id FROM documents WHERE doc = 'a.txt')",
            [],
        )
        .unwrap();
    check(&s, "a document's events deleted");
}

/// A store written before schema 5 gets the counts from its events.
#[test]
fn actor_counts_are_built_for_an_older_store() {
    let db = tmp("actor-counts-migrate");
    let lex = lex();
    let mut s = Store::open(&db, Mode::Create).unwrap();
    ingest(&mut s, &lex, docs());
    s.conn()
        .execute_batch(
            "DROP TRIGGER events_actor_count_insert; DROP TRIGGER events_actor_count_delete;
             DROP TRIGGER events_actor_count_update; DROP TABLE actor_pair_counts;
             PRAGMA user_version = 4;",
        )
        .unwrap();
    drop(s);
    let s = Store::open(&db, Mode::Existing).unwrap();
    assert_actor_counts_consistent(&s, "after the migration");
    let n: i64 = s
        .conn()
        .query_row("SELECT sum(n) FROM actor_pair_counts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, events(&s, &Filter::default()).len() as i64);
}
