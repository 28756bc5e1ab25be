//! `dyad lexicon import --from petrarch` and `dyad eval --petrarch-suite`:
//! glue around the dyad-petrarch crate.
use anyhow::{bail, Context, Result};
use dyad_code::Coder;
use dyad_lexicon::Lexicon;
use dyad_petrarch::suite::{self, Score, Triple};
use dyad_petrarch::{import, Options, Sources};
use dyad_text::{tokenize, Doc, Span};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// Converts a folder of PETRARCH dictionaries into a dyad lexicon folder.
pub fn run_import(from: &str, dir: &Path, out: &Path, bare: bool) -> Result<i32> {
    if from != "petrarch" {
        bail!("--from {from}: only \"petrarch\" is supported");
    }
    let t0 = Instant::now();
    let src = Sources::from_dir(dir)?;
    let imported = import(&src, &Options { dyad_extras: !bare })?;
    dyad_petrarch::write(&imported, out)?;
    let secs = t0.elapsed().as_secs_f64();
    let s = &imported.stats;
    let (ok, not) = s.totals();
    println!(
        "imported {} into {} in {secs:.2}s: {ok} entries converted ({} patterns, {} actors/people, {} agents), {not} not converted; {} dyad patterns; {} notes in {}",
        dir.display(),
        out.display(),
        s.patterns_ok,
        s.actor_ok,
        s.agent_ok,
        s.dyad_patterns,
        imported.notes.len(),
        out.join(dyad_petrarch::REPORT_FILE).display()
    );
    Ok(0)
}

/// Whether a sentence contains a discard phrase (token sequence).
fn discarded(norms: &[String], phrases: &[Vec<String>]) -> bool {
    phrases
        .iter()
        .any(|p| !p.is_empty() && norms.windows(p.len()).any(|w| w == p.as_slice()))
}

fn norms(s: &str) -> Vec<String> {
    tokenize(s, Span::new(0, s.len()))
        .into_iter()
        .map(|t| String::from(t.norm))
        .collect()
}

/// Runs PETRARCH's validation suite with its own dictionaries imported.
pub fn run_suite(file: &Path, errors: bool, json: bool) -> Result<i32> {
    let xml =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file.display().to_string();
    let st = suite::read(&name, &xml)?;
    let dir = file.parent().unwrap_or(Path::new("."));
    let rd = |n: &Option<String>| -> Result<Option<(String, String)>> {
        match n {
            None => Ok(None),
            Some(n) => {
                let p = dir.join(n);
                let t = std::fs::read(&p)
                    .with_context(|| format!("reading {} (named in {name})", p.display()))?;
                Ok(Some((n.clone(), String::from_utf8_lossy(&t).into_owned())))
            }
        }
    };
    let mut src = Sources {
        verbs: rd(&st.verbs)?,
        agents: rd(&st.agents)?,
        discards: rd(&st.discards)?,
        ..Default::default()
    };
    for a in &st.actors {
        if let Some(x) = rd(&Some(a.clone()))? {
            src.actors.push(x);
        }
    }
    let t0 = Instant::now();
    let imported = import(&src, &Options { dyad_extras: false })?;
    let lex = Lexicon::from_files(&imported.files).map_err(|e| anyhow::anyhow!("{e}"))?;
    let import_secs = t0.elapsed().as_secs_f64();
    let sentence_discards: Vec<Vec<String>> =
        imported.discards.iter().map(|d| norms(&d.phrase)).collect();
    let tagger = dyad_time::Tagger::builtin();
    let coder = Coder::new(&lex, tagger);
    let mut total = Score::default();
    let mut by_cat: BTreeMap<String, Score> = BTreeMap::new();
    let mut lines = Vec::new();
    let t1 = Instant::now();
    let mut not_applicable = Vec::new();
    for r in st.included() {
        if !r.applicable() {
            not_applicable.push(r.id.clone());
            continue;
        }
        let date = r.date.as_deref().and_then(dyad_code::parse_date);
        let doc = Doc::plain(r.id.clone(), r.text.clone(), date);
        let mut coded: BTreeSet<Triple> = BTreeSet::new();
        if !discarded(&norms(&r.text), &sentence_discards) {
            for e in coder.code(&doc).events {
                let target = e.target.as_ref().map(|t| String::from(t.code.as_str()));
                if r.config.require_dyad && target.is_none() {
                    continue;
                }
                coded.insert((
                    String::from(e.source.code.as_str()),
                    target.unwrap_or_else(|| "---".into()),
                    e.cameo.clone(),
                ));
            }
        }
        let expected = r.expected_set();
        total.add(&expected, &coded);
        by_cat
            .entry(r.category.clone())
            .or_default()
            .add(&expected, &coded);
        if errors && expected != coded {
            let show = |s: &BTreeSet<Triple>| {
                s.iter()
                    .map(|(a, b, c)| format!("{a}>{b} {c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            lines.push(format!(
                "{name}:{} {}: expected [{}] coded [{}]\n    {}",
                r.line,
                r.id,
                show(&expected),
                show(&coded),
                r.text
            ));
        }
    }
    let code_secs = t1.elapsed().as_secs_f64();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        let cats: serde_json::Map<String, serde_json::Value> = by_cat
            .iter()
            .map(|(k, s)| (k.clone(), score_json(s)))
            .collect();
        let mut v = score_json(&total);
        v["categories"] = serde_json::Value::Object(cats);
        v["not_applicable"] = serde_json::json!(not_applicable);
        v["import_seconds"] = serde_json::json!(import_secs);
        v["code_seconds"] = serde_json::json!(code_secs);
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        for l in &lines {
            writeln!(out, "{l}")?;
        }
        writeln!(
            out,
            "PETRARCH validation suite {}: {} records, {} dictionaries imported in {import_secs:.2}s, coded in {code_secs:.2}s",
            file.display(),
            total.records,
            src.actors.len() + 3
        )?;
        writeln!(
            out,
            "{:<10} {:>7} {:>9} {:>9} {:>9}",
            "category", "records", "exact", "precision", "recall"
        )?;
        for (k, s) in &by_cat {
            writeln!(
                out,
                "{k:<10} {:>7} {:>8.1}% {:>8.1}% {:>8.1}%",
                s.records,
                100.0 * s.accuracy(),
                100.0 * s.precision(),
                100.0 * s.recall()
            )?;
        }
        writeln!(
            out,
            "{:<10} {:>7} {:>8.1}% {:>8.1}% {:>8.1}%   (events: {} right, {} spurious, {} missed)",
            "all",
            total.records,
            100.0 * total.accuracy(),
            100.0 * total.precision(),
            100.0 * total.recall(),
            total.tp,
            total.fp,
            total.fn_
        )?;
        if !not_applicable.is_empty() {
            writeln!(
                out,
                "not scored: {} record(s) that test PETRARCH's parse-tree input (error=\"bad_input_parse\"), which dyad does not read: {}",
                not_applicable.len(),
                not_applicable.join(", ")
            )?;
        }
    }
    Ok(0)
}

fn score_json(s: &Score) -> serde_json::Value {
    serde_json::json!({
        "records": s.records,
        "exact_records": s.exact,
        "exact_accuracy": s.accuracy(),
        "precision": s.precision(),
        "recall": s.recall(),
        "events_right": s.tp,
        "events_spurious": s.fp,
        "events_missed": s.fn_,
    })
}
