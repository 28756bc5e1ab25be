//! `cargo run -p dyad-extract --example claims -- FILE [YYYY-MM-DD]`:
//! prints the claim records of a plain-text file.
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: claims FILE [DATE]");
        return;
    };
    let date = args
        .next()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let doc = dyad_text::Doc::plain(path.clone(), text, date);
    let lex = dyad_lexicon::Lexicon::builtin().expect("built-in lexicon");
    let reference = dyad_extract::Reference::builtin();
    let ex = dyad_extract::Extractor::new(
        dyad_extract::QtyLexicon::builtin(),
        &lex,
        dyad_time::Tagger::builtin(),
        &reference,
    );
    for c in ex.extract(&doc) {
        println!("{}", dyad_extract::claim_record(&doc, &c));
    }
}
