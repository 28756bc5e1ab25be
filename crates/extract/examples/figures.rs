//! `cargo run -p dyad-extract --example figures -- "text" ...`: prints the
//! figures the scanner finds in each argument.
fn main() {
    let lex = dyad_extract::QtyLexicon::builtin();
    for text in std::env::args().skip(1) {
        let span = dyad_text::Span::new(0, text.len());
        for f in dyad_extract::figures(lex, &text, span) {
            println!(
                "{:?} value={:?} to={:?} unit={:?} dim={:?} q={:?} ch={:?} rule={} {}",
                &text[f.span.start..f.span.end],
                f.value,
                f.value_to,
                f.unit,
                f.dim,
                f.qualifier,
                f.change,
                f.rule,
                f.unparsed.as_deref().unwrap_or("")
            );
        }
        println!("--");
    }
}
