//! `dyad checks`: cross-document checks over a store (claim conflicts,
//! claims against reference tables, commitment outcomes as of a date); the
//! commitment records `dyad ingest` stores; and the resolved status and
//! findings `dyad query commitments|claims` show. The work is in
//! `dyad_store::checks`; this is arguments and printing.
use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::ValueEnum;
use dyad_code::Coded;
use dyad_commit::{Cues, Detector, Status};
use dyad_lexicon::Lexicon;
use dyad_store::checks::{conflict_json, reference_json};
use dyad_store::{CheckOptions, Kind, Mode, Report, Row, Store};
use dyad_text::Doc;
use dyad_time::Tagger;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum ChecksFormat {
    Table,
    Jsonl,
}

#[derive(clap::Args)]
pub struct ChecksArgs {
    /// The store file.
    #[arg(long, value_name = "FILE", default_value = "dyad.db")]
    db: PathBuf,
    /// The date the question is asked (YYYY-MM-DD); default: the latest
    /// document date in the store.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Reference table (CSV, repeatable) instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    reference: Vec<PathBuf>,
    /// `table` (default) or `jsonl`: one `check` record per finding, then
    /// the commitment records with their status.
    #[arg(long, value_enum, default_value = "table")]
    format: ChecksFormat,
}

/// Parses `--as-of`.
pub fn parse_as_of(s: &Option<String>) -> Result<Option<NaiveDate>> {
    match s {
        None => Ok(None),
        Some(s) => match dyad_code::parse_date(s) {
            Some(d) if s.len() == 10 => Ok(Some(d)),
            _ => anyhow::bail!("--as-of: \"{s}\" is not a date; write YYYY-MM-DD"),
        },
    }
}

/// `dyad checks`.
pub fn run(a: ChecksArgs) -> Result<i32> {
    let as_of = parse_as_of(&a.as_of)?;
    let reference = crate::claims::load_reference(&a.reference)?;
    let store = Store::open(&a.db, Mode::Existing)?;
    let report = store.checks(&CheckOptions {
        as_of,
        reference: Some(&reference),
    })?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match a.format {
        ChecksFormat::Jsonl => write_jsonl(&mut out, &report)?,
        ChecksFormat::Table => {
            let name = if a.reference.is_empty() {
                "bundled".to_string()
            } else {
                a.reference
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            write_table(&mut out, &report, &name)?
        }
    }
    out.flush()?;
    Ok(0)
}

fn write_jsonl(out: &mut dyn Write, r: &Report) -> Result<()> {
    for c in &r.conflicts {
        serde_json::to_writer(&mut *out, &conflict_json(c))?;
        out.write_all(b"\n")?;
    }
    for f in &r.reference {
        serde_json::to_writer(&mut *out, &reference_json(f))?;
        out.write_all(b"\n")?;
    }
    for c in &r.commitments {
        serde_json::to_writer(&mut *out, &c.record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write_table(out: &mut dyn Write, r: &Report, reference: &str) -> Result<()> {
    let as_of = r.as_of.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "checks over {} documents as of {as_of} (reference: {reference})",
        r.documents
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "== claim conflicts across documents: {} (among {} comparable figures)",
        r.conflicts.len(),
        r.compared
    )?;
    for c in &r.conflicts {
        writeln!(out, "!! {}", c.detail)?;
        for (tag, s) in [("a", &c.a), ("b", &c.b)] {
            writeln!(
                out,
                "   {tag}: {} #{} [{}] \"{}\" at {:?} in \"{}\" {:?}",
                s.doc,
                s.sentence,
                s.doc_date.as_deref().unwrap_or("-"),
                s.figure,
                s.figure_span,
                one_line(&s.text),
                s.span
            )?;
        }
    }
    writeln!(out)?;
    let n = |res: &str| r.reference.iter().filter(|f| f.result == res).count();
    writeln!(
        out,
        "== claims against the reference: {} checked: {} consistent, {} inconsistent; targets: {} met, {} missed",
        r.reference.len(),
        n("consistent"),
        n("inconsistent"),
        n("met"),
        n("missed")
    )?;
    for f in &r.reference {
        let mark = match f.result {
            "consistent" | "met" => "ok",
            _ => "!!",
        };
        writeln!(
            out,
            "{mark} {} {} {}: {} #{} \"{}\": {}  [{}]",
            f.check,
            f.result,
            f.measure,
            f.claim.doc,
            f.claim.sentence,
            f.claim.figure,
            f.detail,
            f.against
        )?;
    }
    writeln!(out)?;
    let specific = r
        .commitments
        .iter()
        .filter(|c| c.commitment.specific)
        .count();
    writeln!(
        out,
        "== commitments as of {as_of}: {} ({} specific): {} kept, {} broken, {} overdue, {} open",
        r.commitments.len(),
        specific,
        r.count(Status::Kept),
        r.count(Status::Broken),
        r.count(Status::Overdue),
        r.count(Status::Open)
    )?;
    // broad commitments stay open by rule: counted above, listed only when
    // something decided them
    let mut broad_open = 0;
    for x in &r.commitments {
        let c = &x.commitment;
        let o = &x.outcome;
        if !c.specific && o.status == Status::Open {
            broad_open += 1;
            continue;
        }
        writeln!(
            out,
            "{} {} #{}  due {}  made {}: \"{}\"",
            o.status.as_str().to_uppercase(),
            x.doc,
            c.sentence,
            c.due.as_ref().map(|d| d.iso.as_str()).unwrap_or("-"),
            c.made.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            one_line(&c.text)
        )?;
        writeln!(out, "   {}", o.rule)?;
        for e in &o.evidence {
            writeln!(
                out,
                "   evidence: {} #{} {:?} [{}] {}: \"{}\"",
                e.doc,
                e.sentence,
                e.span.pair(),
                e.date.as_deref().unwrap_or("-"),
                e.detail,
                one_line(&e.text)
            )?;
        }
    }
    if broad_open > 0 {
        writeln!(
            out,
            "({broad_open} broad commitments are open: no single event or figure can decide them; --format jsonl lists them)"
        )?;
    }
    Ok(())
}

/// Detects the commitments of a document for the store; they are stored
/// without a status, which only the whole store can decide.
pub struct CommitmentHook<'a> {
    det: Detector<'a>,
}

impl<'a> CommitmentHook<'a> {
    pub fn new(lex: &'a Lexicon, tagger: &'a Tagger, cues: &'a Cues) -> CommitmentHook<'a> {
        CommitmentHook {
            det: Detector::new(lex, tagger).with_cues(cues),
        }
    }

    /// The commitment records of a coded document (`Store::ingest_coded`
    /// gives the coding, so the document is coded once).
    pub fn records_coded(&self, doc: &Doc, coded: &Coded) -> Vec<Value> {
        self.det
            .detect(doc, coded)
            .iter()
            .map(|c| dyad_commit::commitment_record(c, None))
            .collect()
    }
}

/// What `dyad query` shows instead of the stored records: commitments
/// resolved over the store, claims with the cross-document findings.
pub struct QueryPatch {
    records: HashMap<i64, Value>,
}

impl QueryPatch {
    /// `None` when nothing is to be changed (events, or claims without
    /// `--checks`).
    pub fn new(
        store: &Store,
        kind: Kind,
        as_of: Option<NaiveDate>,
        checks: bool,
    ) -> Result<Option<QueryPatch>> {
        let mut records = HashMap::new();
        match kind {
            Kind::Events => return Ok(None),
            Kind::Commitments => {
                let (_, items) = store
                    .resolve_commitments(as_of)
                    .context("resolving the stored commitments")?;
                for x in items {
                    records.insert(x.id, x.record);
                }
            }
            Kind::Claims => {
                if !checks {
                    return Ok(None);
                }
                let reference = dyad_extract::Reference::builtin();
                let (_, conflicts, refs) = store.claim_checks(Some(&reference))?;
                let mut found: HashMap<i64, Vec<Value>> = HashMap::new();
                for c in &conflicts {
                    for (me, other) in [(&c.a, &c.b), (&c.b, &c.a)] {
                        found.entry(me.id).or_default().push(json!({
                            "check": "across-texts",
                            "result": "inconsistent",
                            "detail": c.detail,
                            "against": format!("{} sentence {} (claim {})", other.doc, other.sentence, other.id),
                        }));
                    }
                }
                for f in &refs {
                    found.entry(f.claim.id).or_default().push(json!({
                        "check": f.check,
                        "result": f.result,
                        "detail": f.detail,
                        "against": f.against,
                    }));
                }
                for (id, new) in found {
                    let rec: Option<String> = store
                        .conn()
                        .query_row("SELECT record FROM claims WHERE id = ?1", [id], |r| {
                            r.get(0)
                        })
                        .ok();
                    let Some(mut rec) = rec.and_then(|s| serde_json::from_str::<Value>(&s).ok())
                    else {
                        continue;
                    };
                    // the stored reference findings are replaced by the new ones
                    let mut checks: Vec<Value> = rec["checks"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|k| {
                            !matches!(
                                k["check"].as_str(),
                                Some("reference" | "target" | "across-texts")
                            )
                        })
                        .collect();
                    checks.extend(new);
                    rec["checks"] = Value::Array(checks);
                    records.insert(id, rec);
                }
            }
        }
        Ok(Some(QueryPatch { records }))
    }

    /// The row with its record replaced, when there is a new one.
    pub fn apply(&self, mut r: Row) -> Row {
        if let Some(v) = self.records.get(&r.id) {
            r.record = v.to_string();
        }
        r
    }
}
