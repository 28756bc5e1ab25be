//! Sentences and tokens per second over the documents in a path:
//! `cargo run --release -p dyad-text --example throughput -- PATH [ROUNDS]`.
use dyad_text::{read_path, sentences_into, tokenize_into, ReadOptions};
use std::path::Path;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: throughput PATH [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let docs: Vec<_> = read_path(Path::new(&path), &ReadOptions::default())
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let (mut sents, mut toks) = (Vec::new(), Vec::new());
    let (mut n_s, mut n_t) = (0usize, 0usize);
    let t0 = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            sents.clear();
            sentences_into(&d.text, &mut sents);
            n_s += sents.len();
            for s in &sents {
                toks.clear();
                tokenize_into(&d.text, *s, &mut toks);
                n_t += toks.len();
            }
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{} docs, {:.1} MB x {rounds}: {:.0} sentences/s, {:.0} tokens/s, {:.1} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        n_s as f64 / secs,
        n_t as f64 / secs,
        (bytes * rounds) as f64 / 1e6 / secs
    );
}
