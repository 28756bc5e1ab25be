//! `cargo run -p dyad-time --example tag -- 2022-01-01 "text"`: prints the
//! temporal expressions of a text.
fn main() {
    let mut args = std::env::args().skip(1);
    let doc = args
        .next()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    for text in args {
        for e in dyad_time::Tagger::builtin().tag_str(&text, doc) {
            println!(
                "{:?} -> {} [{}] {:?} {:?}",
                &text[e.span.start..e.span.end],
                e.value,
                e.rule,
                e.relation,
                e.value
            );
        }
        println!("--");
    }
}
