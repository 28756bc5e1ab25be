//! Counts of gold labels per decision rule on the English pledges (for tuning).
use dyad_commit::eval::read_pledges;
use dyad_commit::Detector;
use std::collections::BTreeMap;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let rows = read_pledges(std::path::Path::new(&path)).unwrap_or_default();
    let lex = dyad_lexicon::Lexicon::builtin().expect("lexicon");
    let det = Detector::new(&lex, dyad_time::Tagger::builtin());
    let mut m: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in &rows {
        let key = match det.sentence(&r.text, dyad_text::Span::new(0, r.text.len()), None) {
            Ok(f) => {
                let rule: String = f
                    .scope_rule
                    .split(['"', '('])
                    .next()
                    .unwrap_or("")
                    .to_string();
                format!(
                    "{} {} | {}{}",
                    if f.specific { "S" } else { "B" },
                    f.cue_kind,
                    rule,
                    if f.passive { " [passive]" } else { "" }
                )
            }
            Err(e) => format!("- {}", e.reason.split(['"', '(']).next().unwrap_or("")),
        };
        let e = m.entry(key).or_default();
        if r.label > 0 {
            e.0 += 1
        } else {
            e.1 += 1
        }
    }
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by_key(|(_, (p, n))| std::cmp::Reverse(p + n));
    for (k, (p, n)) in v.iter().take(45) {
        println!("{:5} {:5} {:.2}  {}", p, n, *p as f64 / (p + n) as f64, k);
    }
}
