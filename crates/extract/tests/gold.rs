//! The claims gold files of `testdata/gold/claims_*.jsonl` (format in
//! docs/CLAIMS.md): every gold figure must be found with its value, unit,
//! qualifier, period, status, measure, actors and the results of its
//! checks; figures that are not in the gold are counted and held to a
//! ceiling. Documents come from `../shared` and are skipped with a note
//! when it is absent.
use dyad_extract::{Claim, Extractor, QtyLexicon, Reference};
use dyad_lexicon::Lexicon;
use dyad_text::Doc;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Score {
    gold: usize,
    found: usize,
    exact: usize,
    spurious: usize,
    errors: Vec<String>,
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9)
}

/// Compares one claim with one gold line; returns the mismatches.
fn compare(c: &Claim, g: &Value) -> Vec<String> {
    let mut bad = Vec::new();
    let f = &c.figure;
    match (f.value, g["value"].as_f64()) {
        (Some(v), Some(w)) if close(v, w) => {}
        (v, w) => bad.push(format!("value {v:?} != {w:?}")),
    }
    let s = |v: &Value| v.as_str().map(|x| x.to_string());
    if f.unit != s(&g["unit"]) {
        bad.push(format!("unit {:?} != {}", f.unit, g["unit"]));
    }
    if f.qualifier != s(&g["qualifier"]) {
        bad.push(format!("qualifier {:?} != {}", f.qualifier, g["qualifier"]));
    }
    if !g["change"].is_null() && f.change != s(&g["change"]) {
        bad.push(format!("change {:?} != {}", f.change, g["change"]));
    }
    if c.period_iso() != s(&g["period"]) {
        bad.push(format!("period {:?} != {}", c.period_iso(), g["period"]));
    }
    if Some(c.status.as_str().to_string()) != s(&g["status"]) {
        bad.push(format!("status {} != {}", c.status.as_str(), g["status"]));
    }
    if !g["quantity"].is_null() && c.measure != s(&g["quantity"]) {
        bad.push(format!("quantity {:?} != {}", c.measure, g["quantity"]));
    }
    if let Some(a) = g["actors"].as_array() {
        let want: Vec<String> = a.iter().filter_map(s).collect();
        if c.actors != want {
            bad.push(format!("actors {:?} != {want:?}", c.actors));
        }
    }
    if let Some(ks) = g["checks"].as_array() {
        for k in ks {
            let hit = c.checks.iter().any(|x| {
                Some(x.check.to_string()) == s(&k["check"])
                    && Some(x.result.as_str().to_string()) == s(&k["result"])
            });
            if !hit {
                bad.push(format!(
                    "check {} {} missing (have {:?})",
                    k["check"],
                    k["result"],
                    c.checks
                        .iter()
                        .map(|x| format!("{} {}: {}", x.check, x.result.as_str(), x.detail))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    bad
}

/// Scores one gold file; `None` when its documents are absent.
fn score(gold: &str) -> Option<Score> {
    let text = std::fs::read_to_string(repo().join("testdata/gold").join(gold))
        .expect("gold file is readable");
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let reference = Reference::builtin();
    let ex = Extractor::new(
        QtyLexicon::builtin(),
        &lex,
        dyad_time::Tagger::builtin(),
        &reference,
    );
    let mut sc = Score {
        gold: 0,
        found: 0,
        exact: 0,
        spurious: 0,
        errors: Vec::new(),
    };
    let mut doc: Option<(Doc, Vec<Claim>, Vec<bool>)> = None;
    let flush = |d: &mut Option<(Doc, Vec<Claim>, Vec<bool>)>, sc: &mut Score| {
        if let Some((doc, claims, used)) = d.take() {
            for (c, u) in claims.iter().zip(&used) {
                if !u {
                    sc.spurious += 1;
                    sc.errors.push(format!(
                        "{}: not in the gold: {:?}",
                        doc.id, &doc.text[c.figure.span]
                    ));
                }
            }
        }
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let g: Value = serde_json::from_str(line).expect("gold line is JSON");
        if let Some(file) = g["file"].as_str() {
            flush(&mut doc, &mut sc);
            let path = repo().join(file);
            let Ok(body) = std::fs::read_to_string(&path) else {
                println!("note: {} is absent; {gold} skipped", path.display());
                return None;
            };
            let date = g["date"]
                .as_str()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let d = Doc::plain(g["doc"].as_str().unwrap_or("doc"), body, date);
            let claims = ex.extract(&d);
            let used = vec![false; claims.len()];
            doc = Some((d, claims, used));
            continue;
        }
        if let Some(t) = g["text"].as_str() {
            // a document given inline (press conference excerpts)
            flush(&mut doc, &mut sc);
            let date = g["date"]
                .as_str()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let d = Doc::plain(g["doc"].as_str().unwrap_or("doc"), t, date);
            let claims = ex.extract(&d);
            let used = vec![false; claims.len()];
            doc = Some((d, claims, used));
            continue;
        }
        let Some((d, claims, used)) = doc.as_mut() else {
            panic!("{gold}: a figure before any document line");
        };
        sc.gold += 1;
        let fig = g["figure"].as_str().unwrap_or("");
        let hit = claims
            .iter()
            .enumerate()
            .position(|(k, c)| !used[k] && &d.text[c.figure.span] == fig);
        match hit {
            None => sc.errors.push(format!("{}: missed {fig:?}", d.id)),
            Some(k) => {
                used[k] = true;
                sc.found += 1;
                let bad = compare(&claims[k], &g);
                if bad.is_empty() {
                    sc.exact += 1;
                } else {
                    sc.errors
                        .push(format!("{}: {fig:?}: {}", d.id, bad.join("; ")));
                }
            }
        }
    }
    flush(&mut doc, &mut sc);
    Some(sc)
}

fn report(name: &str, sc: &Score) {
    println!(
        "{name}: {} gold figures, {} found, {} with every field right, {} not in the gold",
        sc.gold, sc.found, sc.exact, sc.spurious
    );
    for e in &sc.errors {
        println!("  {e}");
    }
}

#[test]
fn seed_article_every_figure() {
    let Some(sc) = score("claims_seed.jsonl") else {
        return;
    };
    report("seed", &sc);
    assert_eq!(sc.found, sc.gold, "every seed figure is found");
    assert_eq!(sc.exact, sc.gold, "every seed figure has the right fields");
    assert!(sc.spurious <= 3, "{} figures not in the gold", sc.spurious);
}

#[test]
fn press_conference_claims() {
    let Some(sc) = score("claims_presscon.jsonl") else {
        return;
    };
    report("presscon", &sc);
    let recall = sc.found as f64 / sc.gold as f64;
    let exact = sc.exact as f64 / sc.gold as f64;
    let precision = sc.found as f64 / (sc.found + sc.spurious) as f64;
    println!("presscon: found {recall:.3}, all fields right {exact:.3}, precision {precision:.3}");
    // floors that lock in what the extractor reaches (raise them as it improves)
    assert!(recall >= 0.9, "found {recall:.3}");
    assert!(exact >= 0.85, "all fields right {exact:.3}");
    assert!(precision >= 0.95, "precision {precision:.3}");
}
