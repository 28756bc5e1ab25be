//! `dyad commitments`: what was promised, by when, and whether it was kept;
//! and the commitment records `dyad code` writes after its events.
//!
//! Resolution needs every document of the run (a promise made in one is
//! kept in another), so commitments are collected while the documents are
//! coded and resolved at the end, as of the latest document date unless
//! `--as-of` says otherwise.
use anyhow::Result;
use chrono::NaiveDate;
use dyad_code::{Coded, Coder};
use dyad_commit::{
    claims_from_extract, commitment_record, resolve, Claim, Commitment, Cues, Detector, EventFact,
    Genre, Outcome, Status,
};
use dyad_extract::{Extractor, QtyLexicon, Reference};
use dyad_lexicon::Lexicon;
use dyad_text::input::ReadOptions;
use dyad_text::Doc;
use dyad_time::Tagger;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

/// What one run gathers for resolution.
#[derive(Default)]
pub struct Gathered {
    pub commitments: Vec<Commitment>,
    pub events: Vec<EventFact>,
    pub claims: Vec<Claim>,
    pub latest: Option<NaiveDate>,
}

/// Collects commitments, events and figures from documents coded on any
/// thread.
pub struct Collector<'a> {
    det: Detector<'a>,
    extractor: Extractor<'a>,
    inner: Mutex<Gathered>,
}

impl<'a> Collector<'a> {
    pub fn new(
        lex: &'a Lexicon,
        tagger: &'a Tagger,
        reference: &'a Reference,
        cues: &'a Cues,
    ) -> Collector<'a> {
        Collector {
            det: Detector::new(lex, tagger).with_cues(cues),
            extractor: Extractor::new(QtyLexicon::builtin(), lex, tagger, reference),
            inner: Mutex::new(Gathered::default()),
        }
    }

    /// Reads the documents as this genre (manifestos: the pledge model
    /// decides what is a pledge).
    pub fn with_genre(mut self, genre: Genre) -> Collector<'a> {
        self.det.genre = genre;
        self
    }

    /// Adds one coded document; `list` says whether its own commitments
    /// are wanted (evidence-only documents give events and figures).
    pub fn add(&self, doc: &Doc, coded: &Coded, list: bool) {
        self.add_with_claims(doc, coded, &self.extractor.extract(doc), list);
    }

    /// As [`Collector::add`], with the document's claims already extracted
    /// (`dyad code` writes them too, and should not extract them twice).
    pub fn add_with_claims(
        &self,
        doc: &Doc,
        coded: &Coded,
        figures: &[dyad_extract::Claim],
        list: bool,
    ) {
        let commitments = if list {
            self.det.detect(doc, coded)
        } else {
            Vec::new()
        };
        // only what can be evidence: acts reported as done or as not done
        // (a promise is not evidence of another promise kept)
        let events: Vec<EventFact> = coded
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e.modality,
                    dyad_code::Modality::Asserted
                        | dyad_code::Modality::Negated
                        | dyad_code::Modality::Reported
                )
            })
            .map(|e| EventFact::from_event(doc, e))
            .collect();
        let claims = claims_from_extract(doc, figures);
        let mut g = match self.inner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        g.commitments.extend(commitments);
        g.events.extend(events);
        g.claims.extend(claims);
        if doc.date > g.latest {
            g.latest = doc.date;
        }
    }

    /// The commitments in document and sentence order, each with its outcome.
    pub fn finish(
        self,
        as_of: Option<NaiveDate>,
    ) -> (Vec<(Commitment, Outcome)>, Option<NaiveDate>) {
        let mut g = match self.inner.into_inner() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        g.commitments
            .sort_by(|a, b| (a.made, &a.doc, a.sentence).cmp(&(b.made, &b.doc, b.sentence)));
        let as_of = as_of.or(g.latest);
        // worker threads add documents in any order: sort the evidence so
        // that the output does not depend on --jobs
        g.events.sort_by(|a, b| {
            (
                &a.doc,
                a.sentence,
                a.span.start,
                &a.cameo,
                &a.source_code,
                &a.target_code,
            )
                .cmp(&(
                    &b.doc,
                    b.sentence,
                    b.span.start,
                    &b.cameo,
                    &b.source_code,
                    &b.target_code,
                ))
        });
        g.claims
            .sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        // only events between countries that specific commitments name can
        // decide one (broad commitments stay open): keeps resolution fast
        let named: std::collections::HashSet<&str> = g
            .commitments
            .iter()
            .filter(|c| c.specific)
            .flat_map(|c| c.actors.iter().chain(&c.counterparts))
            .filter_map(|a| a.country.as_deref())
            .collect();
        let relevant: Vec<EventFact> = g
            .events
            .iter()
            .filter(|e| {
                e.source_country
                    .as_deref()
                    .is_some_and(|c| named.contains(c))
                    || e.target_country
                        .as_deref()
                        .is_some_and(|c| named.contains(c))
            })
            .cloned()
            .collect();
        let outcomes = resolve(&g.commitments, &relevant, &g.claims, as_of);
        (g.commitments.into_iter().zip(outcomes).collect(), as_of)
    }
}

/// Writes commitment records as JSON Lines.
pub fn write_records(out: &mut dyn Write, items: &[(Commitment, Outcome)]) -> Result<()> {
    for (c, o) in items {
        serde_json::to_writer(&mut *out, &commitment_record(c, Some(o)))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Options of `dyad commitments`.
pub struct Options {
    pub as_of: Option<NaiveDate>,
    pub sample: bool,
    pub json: bool,
    pub specific_only: bool,
    pub genre: Genre,
}

/// `dyad commitments PATH... [--as-of DATE] [--sample] [--json]`.
pub fn run(
    lex: &Lexicon,
    tagger: &Tagger,
    cues: &Cues,
    paths: &[PathBuf],
    read: &ReadOptions,
    o: &Options,
) -> Result<i32> {
    let mut failures = 0;
    let docs = crate::read_inputs(paths, read, &mut failures);
    let reference = Reference::builtin();
    let coder = Coder::new(lex, tagger);
    let col = Collector::new(lex, tagger, &reference, cues).with_genre(o.genre);
    // the samples are evidence of what happened later; their own promises
    // are listed only when no file is given
    let samples = if o.sample {
        crate::samples::docs()
    } else {
        Vec::new()
    };
    let list_samples = docs.is_empty();
    for d in &samples {
        col.add(d, &coder.code(d), list_samples);
    }
    for d in &docs {
        col.add(d, &coder.code(d), true);
    }
    let (mut items, as_of) = col.finish(o.as_of);
    if o.specific_only {
        items.retain(|(c, _)| c.specific);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if o.json {
        write_records(&mut out, &items)?;
    } else {
        print_table(&mut out, &items, as_of)?;
    }
    out.flush()?;
    Ok(if failures > 0 { 1 } else { 0 })
}

fn actors(v: &[dyad_commit::Actor]) -> String {
    let s: Vec<&str> = v
        .iter()
        .map(|a| a.code.as_deref().unwrap_or(a.text.as_str()))
        .collect();
    if s.is_empty() {
        "?".into()
    } else {
        s.join("+")
    }
}

fn print_table(
    out: &mut dyn Write,
    items: &[(Commitment, Outcome)],
    as_of: Option<NaiveDate>,
) -> Result<()> {
    let count = |s: Status| items.iter().filter(|(_, o)| o.status == s).count();
    writeln!(
        out,
        "{} commitments ({} specific) as of {}: {} kept, {} broken, {} overdue, {} open",
        items.len(),
        items.iter().filter(|(c, _)| c.specific).count(),
        as_of.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
        count(Status::Kept),
        count(Status::Broken),
        count(Status::Overdue),
        count(Status::Open)
    )?;
    for (c, o) in items {
        writeln!(out)?;
        writeln!(
            out,
            "{} #{}  {}  {}  due {}  made {}",
            c.doc,
            c.sentence,
            o.status.as_str().to_uppercase(),
            if c.specific { "specific" } else { "broad" },
            c.due
                .as_ref()
                .map(|d| format!("{} ({})", d.iso, d.relation))
                .unwrap_or_else(|| "-".into()),
            c.made.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
        )?;
        writeln!(out, "  \"{}\"", c.text.trim())?;
        let mut act = format!("  {} -> {}", actors(&c.actors), actors(&c.counterparts));
        if let Some(code) = &c.cameo {
            act.push_str(&format!(
                " · CAMEO {code} (kept by {})",
                if c.acts.is_empty() {
                    "-".to_string()
                } else {
                    c.acts.join("/")
                }
            ));
        }
        if let Some(t) = &c.target {
            act.push_str(&format!(
                " · target {} {} {} \"{}\"",
                t.measure.as_deref().unwrap_or("?"),
                if t.floor { ">=" } else { "<=" },
                t.unit,
                t.text
            ));
        }
        writeln!(out, "{act}")?;
        writeln!(out, "  cue \"{}\" ({}) · {}", c.cue, c.rule, c.scope_rule)?;
        writeln!(out, "  {}", o.rule)?;
        for e in &o.evidence {
            writeln!(
                out,
                "    evidence: {} #{} [{}] {}: \"{}\"",
                e.doc,
                e.sentence,
                e.date.as_deref().unwrap_or("-"),
                e.detail,
                e.text.trim()
            )?;
        }
    }
    Ok(())
}

/// The cue lists for a lexicon choice: `commitment/*.cue` of `--lexicon` or
/// `--lexicon-extra` laid over the built-in ones.
pub fn load_cues(args: &crate::LexArgs) -> Result<&'static Cues> {
    let dir = args.lexicon.as_ref().or(args.lexicon_extra.as_ref());
    if let Some(d) = dir {
        match Cues::overlay_dir(d) {
            Ok(Some(c)) => return Ok(Box::leak(Box::new(c))),
            Ok(None) => {}
            Err(errs) => anyhow::bail!(
                "{}",
                errs.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
    }
    Ok(Cues::builtin())
}

/// `dyad lexicon check`: the commitment cue lists of a folder (or the
/// built-in ones). Prints a summary or the errors; true when valid.
pub fn check_cues(dir: Option<&std::path::Path>, name: &str) -> bool {
    let res = match dir {
        Some(d) => Cues::overlay_dir(d).map(|c| c.map(|c| (c.files.len(), c.phrases()))),
        None => {
            let files: Vec<(String, String)> = dyad_commit::cues::BUILTIN
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect();
            Cues::from_files(&files).map(|c| Some((c.files.len(), c.phrases())))
        }
    };
    let model = match dir {
        Some(d) => Cues::overlay_dir(d).ok().flatten().and_then(|c| {
            c.pledge
                .map(|m| (m.origin.clone(), m.weights.len(), m.threshold))
        }),
        None => Cues::builtin()
            .pledge
            .as_ref()
            .map(|m| (m.origin.clone(), m.weights.len(), m.threshold)),
    };
    match res {
        Ok(Some((files, phrases))) => {
            println!("{name}: commitment cues ok ({files} files, {phrases} phrases)");
            if let Some((origin, n, t)) = model {
                println!("{name}: pledge model ok ({origin}: {n} weights, threshold {t})");
            }
            true
        }
        Ok(None) => true,
        Err(errs) => {
            for e in errs {
                eprintln!("{e}");
            }
            false
        }
    }
}
