//! Fixed corpora for dyad's benchmarks, read from `../shared` beside the
//! checkout (benchmarks may read it; the product never does).
use dyad_text::input::{read_bytes, Format, ReadOptions};
use dyad_text::Doc;
use std::io::Read;
use std::path::PathBuf;

/// The shared reference folder, if present.
pub fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    p.is_dir().then_some(p)
}

/// The English press conferences of China's foreign ministry, 2018–2020
/// (`corpora/fmprc-presscon/fmprc_en.jsonl.gz`, 513 pages), as documents
/// dated by their titles.
pub fn presscon_en() -> Option<Vec<Doc>> {
    let path = shared()?.join("corpora/fmprc-presscon/fmprc_en.jsonl.gz");
    let f = std::fs::File::open(path).ok()?;
    let mut s = String::new();
    flate2::read::GzDecoder::new(f)
        .read_to_string(&mut s)
        .ok()?;
    let opts = ReadOptions {
        format: Some(Format::Jsonl),
        ..Default::default()
    };
    Some(
        read_bytes("fmprc_en.jsonl", s.as_bytes(), &opts)
            .into_iter()
            .filter_map(|d| d.ok())
            .collect(),
    )
}

/// The UN General Debate speeches of 2021 (`corpora/ungdc/sessions_2021_2022/2021`).
pub fn ungdc_2021() -> Option<Vec<Doc>> {
    let dir = shared()?.join("corpora/ungdc/sessions_2021_2022/2021");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    Some(
        paths
            .into_iter()
            .filter_map(|p| {
                let t = std::fs::read_to_string(&p).ok()?;
                Some(Doc::plain(
                    p.file_name()?.to_string_lossy().to_string(),
                    t,
                    None,
                ))
            })
            .collect(),
    )
}

/// What one pass of the full pipeline produced: the expected counts double
/// as a correctness check of a timed run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub documents: usize,
    pub sentences: usize,
    pub events: usize,
    pub claims: usize,
    pub commitments: usize,
    /// Bytes of JSON Lines written.
    pub bytes: usize,
}

impl Counts {
    /// Panics (this is a benchmark) when a count is below its minimum.
    pub fn check(&self, name: &str, min: &Counts) {
        let pairs = [
            ("sentences", self.sentences, min.sentences),
            ("events", self.events, min.events),
            ("claims", self.claims, min.claims),
            ("commitments", self.commitments, min.commitments),
        ];
        for (what, got, want) in pairs {
            assert!(
                got >= want,
                "{name}: {got} {what}, expected at least {want}: the coder is broken"
            );
        }
    }
}

/// The full `dyad code` pipeline on one thread, as `crates/cli` runs it
/// (`main.rs`, the `code` arm, and `commitments.rs`, `Collector`): per
/// document its events and claims written as JSON Lines and its
/// commitments detected; at the end the commitments resolved against the
/// run's events and figures and written.
pub struct Pipeline<'a> {
    pub lex: &'a dyad_lexicon::Lexicon,
    pub coder: dyad_code::Coder<'a>,
    pub extractor: dyad_extract::Extractor<'a>,
    pub detector: dyad_commit::Detector<'a>,
}

impl<'a> Pipeline<'a> {
    pub fn new(
        lex: &'a dyad_lexicon::Lexicon,
        tagger: &'a dyad_time::Tagger,
        reference: &'a dyad_extract::Reference,
    ) -> Pipeline<'a> {
        Pipeline {
            lex,
            coder: dyad_code::Coder::new(lex, tagger),
            extractor: dyad_extract::Extractor::new(
                dyad_extract::QtyLexicon::builtin(),
                lex,
                tagger,
                reference,
            ),
            detector: dyad_commit::Detector::new(lex, tagger),
        }
    }

    /// Codes `docs` and writes every record to `out`.
    pub fn run(&self, docs: &[Doc], out: &mut Vec<u8>) -> Counts {
        use std::io::Write;
        let mut n = Counts {
            documents: docs.len(),
            ..Default::default()
        };
        let start = out.len();
        let mut commitments = Vec::new();
        let mut events = Vec::new();
        let mut claims = Vec::new();
        let mut latest = None;
        for d in docs {
            let coded = self.coder.code(d);
            n.sentences += coded.sentences.len();
            for e in &coded.events {
                serde_json::to_writer(&mut *out, &dyad_code::event_view(self.lex, d, e))
                    .expect("writing to memory");
                out.push(b'\n');
            }
            n.events += coded.events.len();
            let figures = self.extractor.extract(d);
            for c in &figures {
                serde_json::to_writer(&mut *out, &dyad_extract::claim_record(d, c))
                    .expect("writing to memory");
                out.push(b'\n');
            }
            n.claims += figures.len();
            commitments.extend(self.detector.detect(d, &coded));
            events.extend(
                coded
                    .events
                    .iter()
                    .filter(|e| evidence(e))
                    .map(|e| dyad_commit::EventFact::from_event(d, e)),
            );
            claims.extend(dyad_commit::claims_from_extract(d, &figures));
            if d.date > latest {
                latest = d.date;
            }
        }
        commitments.sort_by(|a: &dyad_commit::Commitment, b| {
            (a.made, &a.doc, a.sentence).cmp(&(b.made, &b.doc, b.sentence))
        });
        // the collector's sorts, so that the output does not depend on --jobs
        events.sort_by(|a: &dyad_commit::EventFact, b| {
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
        claims.sort_by_cached_key(|c| format!("{c:?}"));
        // only events between countries that specific commitments name can
        // decide one (as the CLI's collector does)
        let named: std::collections::HashSet<&str> = commitments
            .iter()
            .filter(|c| c.specific)
            .flat_map(|c| c.actors.iter().chain(&c.counterparts))
            .filter_map(|a| a.country.as_deref())
            .collect();
        let relevant: Vec<dyad_commit::EventFact> = events
            .into_iter()
            .filter(|e: &dyad_commit::EventFact| {
                [&e.source_country, &e.target_country]
                    .iter()
                    .any(|c| c.as_deref().is_some_and(|c| named.contains(c)))
            })
            .collect();
        let outcomes = dyad_commit::resolve(&commitments, &relevant, &claims, latest);
        for (c, o) in commitments.iter().zip(&outcomes) {
            serde_json::to_writer(&mut *out, &dyad_commit::commitment_record(c, Some(o)))
                .expect("writing to memory");
            out.write_all(b"\n").expect("writing to memory");
        }
        n.commitments = commitments.len();
        n.bytes = out.len() - start;
        n
    }
}

/// Events that can be evidence of a commitment kept or broken.
fn evidence(e: &dyad_code::Event) -> bool {
    matches!(
        e.modality,
        dyad_code::Modality::Asserted
            | dyad_code::Modality::Negated
            | dyad_code::Modality::Reported
    )
}

/// CPU time of the calling thread in seconds (Linux: `/proc/thread-self/
/// schedstat`, nanoseconds; else `/proc/self/stat`, 10 ms ticks).
pub fn cpu_seconds() -> f64 {
    if let Ok(s) = std::fs::read_to_string("/proc/thread-self/schedstat") {
        if let Some(ns) = s
            .split_whitespace()
            .next()
            .and_then(|x| x.parse::<f64>().ok())
        {
            return ns / 1e9;
        }
    }
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}
