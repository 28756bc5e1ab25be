//! The full `dyad code` pipeline (events, claims, commitments, JSON Lines)
//! over a fixed corpus on one thread, in CPU time, then each stage alone:
//! where the microseconds of a sentence go. For figures on a busy machine,
//! where criterion's wall-clock times are not meaningful, and for profiling
//! (`perf record`).
//!
//! `cargo run --release -p dyad-bench --example code_once [presscon|ungdc] [ROUNDS]`
//!
//! Every figure is the best of ROUNDS passes (default 5) in CPU seconds of
//! this thread. A stage is timed alone over the whole corpus with its inputs
//! prepared beforehand, so the stages of the coder overlap: "events" is the
//! whole coder, of which segmentation, tokens, actor matching, pattern
//! matching and dates are parts.
use dyad_bench::{cpu_seconds, Counts, Pipeline};
use dyad_code::stages;
use dyad_lexicon::Lexicon;
use dyad_text::{sentences, tokenize, Doc, Span, Token};
use dyad_time::Tagger;
use std::hint::black_box;

/// The allocator of the `dyad` binary, so that the figures are its figures.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The best CPU time of `rounds` runs of `f`.
fn best<T>(rounds: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let t = cpu_seconds();
        black_box(f());
        best = best.min(cpu_seconds() - t);
    }
    best
}

/// The minimum counts a correct coder reaches on each corpus (a little
/// below what it finds, so that accuracy work does not break the check).
fn minimum(which: &str) -> Counts {
    match which {
        "ungdc" => Counts {
            sentences: 17_000,
            events: 600,
            claims: 1_000,
            commitments: 1_000,
            ..Default::default()
        },
        _ => Counts {
            sentences: 45_000,
            events: 11_000,
            claims: 3_000,
            commitments: 4_000,
            ..Default::default()
        },
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "presscon".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let docs: Vec<Doc> = match which.as_str() {
        "ungdc" => dyad_bench::ungdc_2021(),
        _ => dyad_bench::presscon_en(),
    }
    .expect("the corpora in ../shared");
    let lex = Lexicon::builtin().expect("lexicon");
    let tagger = Tagger::builtin();
    let reference = dyad_extract::Reference::builtin();
    let p = Pipeline::new(&lex, tagger, &reference);

    // the whole pipeline, and the check that it still finds what it should
    let mut out = Vec::with_capacity(16 << 20);
    let n = p.run(&docs, &mut out);
    n.check(&which, &minimum(&which));
    let full = best(rounds, || {
        out.clear();
        p.run(&docs, &mut out)
    });
    let per = |secs: f64| secs * 1e6 / n.sentences as f64;
    println!(
        "{which}: {} documents, {} sentences; {} events, {} claims, {} commitments, {} bytes of JSON Lines",
        n.documents, n.sentences, n.events, n.claims, n.commitments, n.bytes
    );
    println!(
        "full pipeline: {full:.3} CPU s per pass, {:.2} µs per sentence, {:.0} sentences per CPU second",
        per(full),
        n.sentences as f64 / full
    );

    // inputs of the later stages, prepared once
    let spans: Vec<Vec<Span>> = docs.iter().map(|d| sentences(&d.text)).collect();
    let toks: Vec<Vec<Vec<Token>>> = docs
        .iter()
        .zip(&spans)
        .map(|(d, ss)| ss.iter().map(|&s| tokenize(&d.text, s)).collect())
        .collect();
    let ids: Vec<Vec<Vec<u32>>> = toks
        .iter()
        .map(|ts| {
            ts.iter()
                .map(|t| t.iter().map(|t| lex.token_id(&t.norm)).collect())
                .collect()
        })
        .collect();
    let nps: Vec<Vec<Vec<dyad_code::Np>>> = docs
        .iter()
        .enumerate()
        .map(|(di, d)| {
            (0..spans[di].len())
                .map(|si| stages::mentions(&lex, &d.text, &toks[di][si], &ids[di][si], d.date))
                .collect()
        })
        .collect();
    let coded: Vec<dyad_code::Coded> = docs.iter().map(|d| p.coder.code(d)).collect();
    let figures: Vec<Vec<dyad_extract::Claim>> =
        docs.iter().map(|d| p.extractor.extract(d)).collect();

    // (stage, CPU seconds per pass)
    let mut rows: Vec<(&str, f64)> = Vec::new();
    rows.push((
        "segmentation",
        best(rounds, || {
            docs.iter().map(|d| sentences(&d.text).len()).sum::<usize>()
        }),
    ));
    rows.push((
        "tokens (tokenize every sentence)",
        best(rounds, || {
            let mut k = 0;
            for (d, ss) in docs.iter().zip(&spans) {
                for &s in ss {
                    k += tokenize(&d.text, s).len();
                }
            }
            k
        }),
    ));
    rows.push((
        "token ids (vocabulary lookup)",
        best(rounds, || {
            let mut k = 0u64;
            for ts in &toks {
                for t in ts {
                    k += t.iter().map(|t| lex.token_id(&t.norm) as u64).sum::<u64>();
                }
            }
            k
        }),
    ));
    rows.push((
        "actor matching (noun phrases)",
        best(rounds, || {
            let mut k = 0;
            for (di, d) in docs.iter().enumerate() {
                for si in 0..spans[di].len() {
                    k += stages::mentions(&lex, &d.text, &toks[di][si], &ids[di][si], d.date).len();
                }
            }
            k
        }),
    ));
    rows.push((
        "pattern matching",
        best(rounds, || {
            let mut k = 0;
            for di in 0..docs.len() {
                for si in 0..spans[di].len() {
                    k += stages::matches(&lex, &toks[di][si], &ids[di][si], &nps[di][si]);
                }
            }
            k
        }),
    ));
    rows.push((
        "dates (tagger on every sentence)",
        best(rounds, || {
            let mut k = 0;
            for (d, ss) in docs.iter().zip(&spans) {
                for &s in ss {
                    k += tagger.tag(&d.text, s, d.date).len();
                }
            }
            k
        }),
    ));
    rows.push((
        "events (the whole coder)",
        best(rounds, || {
            docs.iter()
                .map(|d| p.coder.code(d).events.len())
                .sum::<usize>()
        }),
    ));
    rows.push((
        "claims (extraction, the coder's tokens and dates)",
        best(rounds, || {
            docs.iter()
                .zip(&coded)
                .map(|(d, c)| {
                    p.extractor
                        .extract_tokenized_dated(d, &c.sentences, &c.tokens, &c.ids, &c.dates)
                        .len()
                })
                .sum::<usize>()
        }),
    ));
    rows.push((
        "commitments (detection)",
        best(rounds, || {
            docs.iter()
                .zip(&coded)
                .map(|(d, c)| p.detector.detect(d, c).len())
                .sum::<usize>()
        }),
    ));
    let mut buf: Vec<u8> = Vec::with_capacity(16 << 20);
    rows.push((
        "output (event and claim records)",
        best(rounds, || {
            buf.clear();
            for ((d, c), f) in docs.iter().zip(&coded).zip(&figures) {
                for e in &c.events {
                    dyad_code::event_view(&lex, d, e).write_json(&mut buf);
                    buf.push(b'\n');
                }
                for x in f {
                    dyad_extract::claim_view(d, x).write_json(&mut buf);
                    buf.push(b'\n');
                }
            }
            buf.len()
        }),
    ));
    // the end of the run: resolution (timed without cloning its input),
    // then the commitment records
    let (_, gathered) = p.gather(&docs, &mut buf);
    let mut outcomes = Vec::new();
    let mut resolved = gathered.clone();
    let mut resolution = f64::INFINITY;
    for _ in 0..rounds {
        resolved = gathered.clone();
        let t = cpu_seconds();
        outcomes = resolved.resolve();
        resolution = resolution.min(cpu_seconds() - t);
    }
    rows.push(("resolution (sorts, outcomes)", resolution));
    rows.push((
        "output (commitment records)",
        best(rounds, || {
            buf.clear();
            dyad_bench::write_commitments(&resolved.commitments, &outcomes, &mut buf);
            buf.len()
        }),
    ));
    println!(
        "{:<40} {:>10} {:>14}",
        "stage (alone)", "CPU ms", "µs/sentence"
    );
    for (name, secs) in &rows {
        println!("{name:<40} {:>10.1} {:>14.2}", secs * 1e3, per(*secs));
    }
    let whole: f64 = rows
        .iter()
        .filter(|(n, _)| {
            ["events", "claims", "commitments", "output", "resolution"]
                .iter()
                .any(|w| n.starts_with(w))
        })
        .map(|r| r.1)
        .sum();
    println!(
        "{:<40} {:>10.1} {:>14.2}",
        "rest (evidence, stages interleaved)",
        (full - whole) * 1e3,
        per(full - whole)
    );
}
