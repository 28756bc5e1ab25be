//! The seed article (`../shared/seed/000_ce1873e8b18f2cc2.txt`, a journal
//! article written at the turn of 2021-2022), tagged with a document date
//! of 2022-01-01. Skips when the file is absent.

use std::path::PathBuf;

use chrono::NaiveDate;
use dyad_text::Span;
use dyad_time::{Relation, Tagger, TimeExpr};

fn seed() -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/000_ce1873e8b18f2cc2.txt");
    std::fs::read_to_string(p).ok()
}

/// Rough sentence spans: split after ". " / "? " / "! " and at line ends.
fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    for i in 0..b.len() {
        let end_here =
            b[i] == b'\n' || (matches!(b[i], b'.' | b'?' | b'!') && b.get(i + 1) == Some(&b' '));
        if end_here {
            if i + 1 > start {
                out.push(Span::new(start, i + 1));
            }
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

#[test]
fn seed_article() {
    let Some(text) = seed() else {
        println!("note: ../shared/seed absent; skipping");
        return;
    };
    let doc = NaiveDate::from_ymd_opt(2022, 1, 1);
    let tagger = Tagger::builtin();
    let mut all: Vec<TimeExpr> = Vec::new();
    for s in sentences(&text) {
        all.extend(tagger.tag(&text, s, doc));
    }
    let shown: Vec<(String, String, Relation, &str)> = all
        .iter()
        .map(|e| {
            (
                text[e.span.start..e.span.end].to_string(),
                e.value.iso(),
                e.relation,
                e.rule,
            )
        })
        .collect();
    for s in &shown {
        println!("{:?} -> {} {:?} [{}]", s.0, s.1, s.2, s.3);
    }
    let has = |span: &str, iso: &str, rel: Relation| {
        assert!(
            shown
                .iter()
                .any(|s| s.0 == span && s.1 == iso && s.2 == rel),
            "missing {span:?} -> {iso} {rel:?}"
        );
    };
    has("Twenty years ago", "2002", Relation::At);
    has("2021", "2021", Relation::At);
    has("On the eve of July 1", "2021-06-30", Relation::Around);
    has("December", "2021-12", Relation::At);
    has("February 2022", "2022-02", Relation::At);
    has("by 2024", "2024", Relation::Before);
    has("by 2030", "2030", Relation::Before);
    has("the 21st century", "2001/2100", Relation::At);
    has(
        "the first 11 months of 2021",
        "2021-01/2021-11",
        Relation::At,
    );
    has("the same period last year", "2020-01/2020-11", Relation::At);
    has("the second half of 2021", "2021-07/2021-12", Relation::At);
    has("The past two decades", "2002/2021", Relation::At);
    has("from 2020 to 2025", "2020/2025", Relation::At);
    has("September 2021", "2021-09", Relation::At);
    // Quantities and ordinals are never dates.
    for bad in ["4,300", "300", "200", "25th", "13", "8", "107", "33"] {
        assert!(
            !shown
                .iter()
                .any(|s| s.0.contains(bad) && !s.0.contains("20")),
            "{bad} tagged as a date"
        );
    }
    assert!(!shown
        .iter()
        .any(|s| s.0.contains("anniversary") || s.0.contains("kilometers")));
}
