//! `dyad claims`: the figures of documents as a table, with every finding
//! and its arithmetic; and the claim records `dyad code` writes.
use anyhow::{Context, Result};
use dyad_extract::{Claim, CrossIndex, Extractor, QtyLexicon, Reference, Verdict};
use dyad_lexicon::Lexicon;
use dyad_text::input::ReadOptions;
use dyad_text::Doc;
use dyad_time::Tagger;
use std::io::Write;
use std::path::PathBuf;

/// The claim extractor `dyad code` uses (built-in reference tables).
pub fn extractor<'a>(
    lex: &'a Lexicon,
    tagger: &'a Tagger,
    reference: &'a Reference,
) -> Extractor<'a> {
    Extractor::new(QtyLexicon::builtin(), lex, tagger, reference)
}

/// The claim records of one document's claims as JSON Lines.
pub fn write_records(doc: &Doc, claims: &[dyad_extract::Claim]) -> Vec<u8> {
    let mut buf = Vec::new();
    for c in claims {
        dyad_extract::claim_view(doc, c).write_json(&mut buf);
        buf.push(b'\n');
    }
    buf
}

/// Loads `--reference` tables (or the built-in one when none is given).
pub fn load_reference(files: &[PathBuf]) -> Result<Reference> {
    if files.is_empty() {
        return Ok(Reference::builtin());
    }
    let mut r = Reference::default();
    for f in files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("reading reference table {}", f.display()))?;
        r.add(&f.display().to_string(), &text)
            .map_err(|errs| anyhow::anyhow!("{}", errs.join("\n")))?;
    }
    Ok(r)
}

fn cell(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n > w {
        let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
        t.push('…');
        t
    } else {
        format!("{s:<w$}")
    }
}

fn value_cell(c: &Claim) -> String {
    let f = &c.figure;
    match (f.value, f.value_to) {
        (None, _) => "UNPARSED".into(),
        (Some(v), Some(t)) => format!(
            "{}–{}",
            dyad_extract::claim::human(v),
            dyad_extract::claim::human(t)
        ),
        (Some(v), None) => dyad_extract::claim::human(v),
    }
}

/// `dyad claims PATH... [--date D] [--reference FILE]`.
pub fn run(
    lex: &Lexicon,
    tagger: &Tagger,
    paths: &[PathBuf],
    opts: &ReadOptions,
    reference: &Reference,
) -> Result<i32> {
    let mut failures = 0;
    let docs = crate::read_inputs(paths, opts, &mut failures);
    let ex = extractor(lex, tagger, reference);
    let mut cross = CrossIndex::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut n, mut bad, mut ok, mut unparsed) = (0, 0, 0, 0);
    for doc in &docs {
        let mut claims = ex.extract(doc);
        cross.check_and_add(&doc.id, &mut claims);
        if claims.is_empty() {
            continue;
        }
        writeln!(out, "== {} ({} figures)", doc.id, claims.len())?;
        writeln!(
            out,
            "{} {} {} {} {} {} {} {} status",
            cell("sent", 4),
            cell("figure", 28),
            cell("value", 18),
            cell("unit", 8),
            cell("qual", 7),
            cell("measure", 16),
            cell("actors", 8),
            cell("period", 16),
        )?;
        let text = doc.text.as_str();
        for c in &claims {
            n += 1;
            let f = &c.figure;
            let mut period = c.period_iso().unwrap_or_default();
            if let Some(b) = &c.base_period {
                period = format!("{period} vs {}", b.iso());
            }
            let qual = match (&f.qualifier, &f.change) {
                (Some(q), Some(ch)) => format!("{ch} {q}"),
                (Some(q), None) => q.clone(),
                (None, Some(ch)) => ch.clone(),
                (None, None) => String::new(),
            };
            writeln!(
                out,
                "{} {} {} {} {} {} {} {} {}",
                cell(&c.sentence.to_string(), 4),
                cell(&text[f.span].replace('\n', " "), 28),
                cell(&value_cell(c), 18),
                cell(f.unit.as_deref().unwrap_or("-"), 8),
                cell(&qual, 7),
                cell(c.measure.as_deref().unwrap_or("-"), 16),
                cell(&c.actors.join("+"), 8),
                cell(&period, 16),
                c.status.as_str()
            )?;
            if let Some(why) = &f.unparsed {
                unparsed += 1;
                writeln!(out, "       ! unparsed: {why}")?;
            }
            for k in &c.checks {
                match k.result {
                    Verdict::Inconsistent | Verdict::Missed => bad += 1,
                    Verdict::Consistent | Verdict::Met => ok += 1,
                    Verdict::Unchecked => {}
                }
                let mark = match k.result {
                    Verdict::Consistent | Verdict::Met => "ok",
                    Verdict::Inconsistent | Verdict::Missed => "!!",
                    Verdict::Unchecked => "..",
                };
                writeln!(
                    out,
                    "       {mark} {} {}: {}{}",
                    k.check,
                    k.result.as_str(),
                    k.detail,
                    k.against
                        .as_deref()
                        .map(|a| format!("  [{a}]"))
                        .unwrap_or_default()
                )?;
            }
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{n} figures in {} documents; findings: {ok} consistent, {bad} inconsistent; {unparsed} unparsed",
        docs.len()
    )?;
    out.flush()?;
    Ok(if failures > 0 { 1 } else { 0 })
}
