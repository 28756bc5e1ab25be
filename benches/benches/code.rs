//! Throughput of `dyad code` on fixed corpora: sentences per second on one
//! core, end to end from raw text to JSON Lines, and per stage.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_code::{event_record, Coder};
use dyad_lexicon::Lexicon;
use dyad_text::{sentences, tokenize, Doc};
use dyad_time::Tagger;
use std::hint::black_box;
use std::io::Write;

/// Codes every document and writes its records, as `dyad code` does.
fn code_all(coder: &Coder, lex: &Lexicon, docs: &[Doc], out: &mut Vec<u8>) -> (usize, usize) {
    let (mut sents, mut events) = (0, 0);
    for d in docs {
        let c = coder.code(d);
        sents += c.sentences.len();
        for e in &c.events {
            serde_json::to_writer(&mut *out, &event_record(lex, d, e)).expect("serialise");
            out.write_all(b"\n").expect("write");
            events += 1;
        }
    }
    (sents, events)
}

fn corpus(c: &mut Criterion, name: &str, docs: Vec<Doc>, min_sentences: usize, min_events: usize) {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let tagger = Tagger::builtin();
    let coder = Coder::new(&lex, tagger);
    let mut out = Vec::new();
    let (n_sent, n_ev) = code_all(&coder, &lex, &docs, &mut out);
    // the expected counts double as a correctness check of the run
    assert!(
        n_sent >= min_sentences,
        "{name}: {n_sent} sentences, expected at least {min_sentences}"
    );
    assert!(
        n_ev >= min_events,
        "{name}: {n_ev} events, expected at least {min_events}"
    );
    eprintln!(
        "{name}: {} documents, {n_sent} sentences, {n_ev} events, {} bytes of text",
        docs.len(),
        docs.iter().map(|d| d.text.len()).sum::<usize>()
    );
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.throughput(Throughput::Elements(n_sent as u64));
    g.bench_function("segment", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| sentences(black_box(&d.text)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("segment+tokenize", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                for s in sentences(&d.text) {
                    n += tokenize(&d.text, s).len();
                }
            }
            n
        })
    });
    g.bench_function("temporal_tagger", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                for s in sentences(&d.text) {
                    n += tagger.tag(&d.text, s, d.date).len();
                }
            }
            n
        })
    });
    g.bench_function("code_end_to_end", |b| {
        b.iter(|| {
            out.clear();
            code_all(&coder, &lex, black_box(&docs), &mut out)
        })
    });
    let reference = dyad_extract::Reference::builtin();
    let full = dyad_bench::Pipeline::new(&lex, tagger, &reference);
    let n = full.run(&docs, &mut out);
    // a full pass finds claims and commitments too
    n.check(
        name,
        &dyad_bench::Counts {
            sentences: min_sentences,
            events: min_events,
            claims: min_events / 2,
            commitments: min_events / 2,
            ..Default::default()
        },
    );
    g.bench_function("full_pipeline", |b| {
        b.iter(|| {
            out.clear();
            full.run(black_box(&docs), &mut out)
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    match dyad_bench::presscon_en() {
        Some(docs) => corpus(c, "presscon_en", docs, 20_000, 1_000),
        None => eprintln!("note: ../shared is absent; presscon benchmark skipped"),
    }
    if let Some(docs) = dyad_bench::ungdc_2021() {
        corpus(c, "ungdc_2021", docs, 10_000, 500);
    }
}

criterion_group!(code, benches);
criterion_main!(code);
