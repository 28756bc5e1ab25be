//! Codes a fixed corpus once and prints sentences per CPU second, for
//! profiling (`perf record`) and for figures on a busy machine where
//! criterion's wall-clock times are not meaningful.
//!
//! `cargo run --release -p dyad-bench --example code_once [presscon|ungdc]`
use dyad_code::Coder;
use dyad_lexicon::Lexicon;
use dyad_time::Tagger;
use std::io::Write;

fn cpu_seconds() -> f64 {
    // user + system time of this process, from /proc (Linux)
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

fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "presscon".into());
    let docs = match which.as_str() {
        "ungdc" => dyad_bench::ungdc_2021(),
        _ => dyad_bench::presscon_en(),
    }
    .expect("../shared corpora");
    let lex = Lexicon::builtin().expect("lexicon");
    let coder = Coder::new(&lex, Tagger::builtin());
    let rounds = 3;
    let start = cpu_seconds();
    let (mut sents, mut events) = (0usize, 0usize);
    let mut out = Vec::with_capacity(1 << 20);
    for _ in 0..rounds {
        for d in &docs {
            let c = coder.code(d);
            sents += c.sentences.len();
            for e in &c.events {
                serde_json::to_writer(&mut out, &dyad_code::event_view(&lex, d, e)).expect("json");
                out.write_all(b"\n").expect("write");
                events += 1;
            }
            out.clear();
        }
    }
    let cpu = cpu_seconds() - start;
    println!(
        "{which}: {} sentences, {} events per round; {:.0} sentences per CPU second (events, one core)",
        sents / rounds,
        events / rounds,
        sents as f64 / cpu
    );
}
