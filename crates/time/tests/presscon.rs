//! Robustness over real input: the Chinese Foreign Ministry press
//! conferences (`../shared/corpora/fmprc-presscon/fmprc_en.jsonl.gz`, read
//! through the system `gzip`). Checks that nothing panics, that every span
//! is in bounds and on character boundaries, prints what the rules found,
//! and dogfoods the tagger on the date in each page title. Skips when the
//! file or `gzip` is absent.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use dyad_text::Span;
use dyad_time::{Tagger, TimeValue};

fn pages() -> Option<Vec<serde_json::Value>> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/fmprc-presscon/fmprc_en.jsonl.gz");
    if !p.is_file() {
        return None;
    }
    let out = Command::new("gzip").arg("-dc").arg(&p).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    Some(
        text.lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect(),
    )
}

#[test]
fn press_conferences() {
    let Some(pages) = pages() else {
        println!("note: ../shared/corpora/fmprc-presscon or gzip absent; skipping");
        return;
    };
    let t = Tagger::builtin();
    let (mut dated, mut sentences, mut with_expr, mut exprs) = (0, 0, 0, 0);
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut samples = Vec::new();
    for page in &pages {
        // The date in the title (some pages lack the field: read the title).
        let title = page["date_in_title"]
            .as_str()
            .or(page["title"].as_str())
            .unwrap_or("");
        let doc = t
            .tag_str(title, None)
            .into_iter()
            .find_map(|e| match e.value {
                TimeValue::Day(d) => Some(d),
                _ => None,
            });
        dated += usize::from(doc.is_some());
        let text = page["text"].as_str().unwrap_or("");
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '\n' || ((c == '.' || c == '?') && text[i + 1..].starts_with(' ')) {
                let span = Span::new(start, i + c.len_utf8());
                start = span.end;
                sentences += 1;
                let found = t.tag(text, span, doc);
                with_expr += usize::from(!found.is_empty());
                for e in found {
                    assert!(span.contains(e.span), "{:?} outside {:?}", e.span, span);
                    assert!(
                        text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end)
                    );
                    exprs += 1;
                    *by_rule.entry(e.rule).or_default() += 1;
                    if exprs % 97 == 0 {
                        samples.push(format!(
                            "{:?} -> {} [{}] (doc {:?})",
                            &text[e.span.start..e.span.end],
                            e.value,
                            e.rule,
                            doc
                        ));
                    }
                }
            }
        }
    }
    println!(
        "{} pages ({} with a title date), {} sentences, {} with an expression, {} expressions",
        pages.len(),
        dated,
        sentences,
        with_expr,
        exprs
    );
    println!("by rule: {by_rule:?}");
    for s in samples.iter().take(60) {
        println!("  {s}");
    }
    assert!(
        dated * 100 >= pages.len() * 93,
        "title dates: {dated}/{}",
        pages.len()
    );
    assert!(
        with_expr * 100 <= sentences * 60,
        "implausibly many sentences with dates"
    );
}
