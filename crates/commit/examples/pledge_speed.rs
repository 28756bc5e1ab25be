//! CPU cost of the pledge model: reads the English pledge rows PASSES times
//! in one genre, so that `/usr/bin/time` of a diplomatic and a manifesto run
//! differ by the model's cost (BENCHMARKS.md):
//! `cargo run --release -p dyad-commit --example pledge_speed -- TSV manifesto 20`.
use dyad_commit::eval::read_pledges;
use dyad_commit::{Detector, Genre};
use dyad_text::Span;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(genre)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: pledge_speed TSV diplomatic|manifesto [PASSES]");
        std::process::exit(2);
    };
    let genre = Genre::parse(genre).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let passes: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10);
    let rows = read_pledges(std::path::Path::new(path)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let lex = dyad_lexicon::Lexicon::builtin().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let det = Detector::new(&lex, dyad_time::Tagger::builtin()).with_genre(genre);
    let mut found = 0usize;
    for _ in 0..passes {
        for r in &rows {
            if det
                .sentence(&r.text, Span::new(0, r.text.len()), None)
                .is_ok_and(|f| f.specific)
            {
                found += 1;
            }
        }
    }
    println!(
        "{} sentences read {passes} times as {}: {found} pledges",
        rows.len(),
        genre.as_str()
    );
}
