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

/// The full `dyad code` pipeline on one thread: per document its events
/// and claims written as JSON Lines and its commitments detected; at the
/// end the commitments resolved against the run's events and figures and
/// written. The end of the run is the CLI's in-memory collector as it was
/// before the commitment spool (`crates/cli/src/commitments.rs`), so the
/// figures measure the library's stages, not the spool's storage.
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
            // as `dyad code`: the records are events, the acts' phrases
            // are not read
            coder: dyad_code::Coder {
                act_phrases: false,
                ..dyad_code::Coder::new(lex, tagger)
            },
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
        let start = out.len();
        let (mut n, mut g) = self.gather(docs, out);
        let outcomes = g.resolve();
        write_commitments(&g.commitments, &outcomes, out);
        n.commitments = g.commitments.len();
        n.bytes = out.len() - start;
        n
    }

    /// The per-document part: events and claims coded and written,
    /// commitments detected, evidence gathered.
    pub fn gather(&self, docs: &[Doc], out: &mut Vec<u8>) -> (Counts, Gathered) {
        let mut n = Counts {
            documents: docs.len(),
            ..Default::default()
        };
        let mut g = Gathered::default();
        for d in docs {
            let coded = self.coder.code(d);
            n.sentences += coded.sentences.len();
            for e in &coded.events {
                // as `dyad code` writes them
                dyad_code::event_view(self.lex, d, e).write_json(out);
                out.push(b'\n');
            }
            n.events += coded.events.len();
            let figures = self.extractor.extract_coded(
                d,
                &coded.sentences,
                &coded.tokens,
                &coded.ids,
                &coded.dates,
                &coded.phrases,
            );
            for c in &figures {
                dyad_extract::claim_view(d, c).write_json(out);
                out.push(b'\n');
            }
            n.claims += figures.len();
            g.commitments.extend(self.detector.detect(d, &coded));
            g.events.extend(
                coded
                    .events
                    .iter()
                    .filter(|e| evidence(e))
                    .map(|e| dyad_commit::EventFact::from_event(d, e)),
            );
            g.claims
                .extend(dyad_commit::claims_from_extract(d, &figures));
            if d.date > g.latest {
                g.latest = d.date;
            }
        }
        (n, g)
    }
}

/// What the per-document part gathers for the resolution at the end.
#[derive(Default, Clone)]
pub struct Gathered {
    pub commitments: Vec<dyad_commit::Commitment>,
    pub events: Vec<dyad_commit::EventFact>,
    pub claims: Vec<dyad_commit::Claim>,
    pub latest: Option<chrono::NaiveDate>,
}

impl Gathered {
    /// The collector's end of run: sorts (so that the output does not
    /// depend on --jobs), the events that can decide a specific commitment,
    /// and each commitment's outcome.
    pub fn resolve(&mut self) -> Vec<dyad_commit::Outcome> {
        dyad_commit::resolve::canonical_order(
            &mut self.commitments,
            &mut self.events,
            &mut self.claims,
        );
        let named: std::collections::HashSet<&str> = self
            .commitments
            .iter()
            .filter(|c| c.specific)
            .flat_map(|c| c.actors.iter().chain(&c.counterparts))
            .filter_map(|a| a.country.as_deref())
            .collect();
        let mut relevant = std::mem::take(&mut self.events);
        relevant.retain(|e| {
            [&e.source_country, &e.target_country]
                .iter()
                .any(|c| c.as_deref().is_some_and(|c| named.contains(c)))
        });
        dyad_commit::resolve(&self.commitments, &relevant, &self.claims, self.latest)
    }
}

/// Writes the commitment records with their outcomes.
pub fn write_commitments(
    commitments: &[dyad_commit::Commitment],
    outcomes: &[dyad_commit::Outcome],
    out: &mut Vec<u8>,
) {
    for (c, o) in commitments.iter().zip(outcomes) {
        dyad_commit::commitment_view(c, Some(o)).write_json(out);
        out.push(b'\n');
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

/// CPU time of the calling thread in seconds (`CLOCK_THREAD_CPUTIME_ID`,
/// exact to the nanosecond: `/proc`'s counters advance only at scheduler
/// ticks, too coarse for a stage of a few milliseconds).
pub fn cpu_seconds() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill in.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    if r != 0 {
        return 0.0;
    }
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}
