//! Tuning aid: one line per English pledge row with the detector's reading.
use dyad_commit::eval::read_pledges;
use dyad_commit::Detector;
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let rows = read_pledges(std::path::Path::new(&path)).unwrap_or_default();
    let lex = dyad_lexicon::Lexicon::builtin().expect("lexicon");
    let det = Detector::new(&lex, dyad_time::Tagger::builtin());
    for r in &rows {
        let (kind, verb, spec, pass, rule) =
            match det.sentence(&r.text, dyad_text::Span::new(0, r.text.len()), None) {
                Ok(f) => (
                    f.cue_kind.clone(),
                    f.verb.clone().unwrap_or_default(),
                    f.specific,
                    f.passive,
                    f.scope_rule.clone(),
                ),
                Err(e) => ("-".into(), String::new(), false, false, e.reason),
            };
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.label,
            r.manifesto,
            kind,
            verb,
            spec as u8,
            pass as u8,
            rule.replace('\t', " "),
            r.text.replace('\t', " ")
        );
    }
}
