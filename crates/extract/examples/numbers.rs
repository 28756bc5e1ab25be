//! `cargo run -p dyad-extract --example numbers -- "text" ...`: the parsing
//! layer alone (every number, with or without a unit).
fn main() {
    let lex = dyad_extract::QtyLexicon::builtin();
    for text in std::env::args().skip(1) {
        let span = dyad_text::Span::new(0, text.len());
        let found: Vec<String> = dyad_extract::numbers(lex, &text, span)
            .into_iter()
            .map(|(s, v)| format!("{:?}={:?}", &text[s.start..s.end], v))
            .collect();
        println!("{text:?} -> {}", found.join(" "));
    }
}
