//! Prints pledge-detection scores on the English election pledges and a
//! sample of errors: `cargo run -p dyad-commit --example pledges [TSV] [N]`.
use dyad_commit::eval::{read_pledges, read_row, score_pledges};
use dyad_commit::Detector;
use dyad_lexicon::Lexicon;
use dyad_time::Tagger;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpora/election-pledges/pledges_train.tsv".into());
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let rows = match read_pledges(std::path::Path::new(&path)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let lex = match Lexicon::builtin() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let det = Detector::new(&lex, Tagger::builtin());
    let c = score_pledges(&det, &rows);
    println!(
        "rows {} tp {} fp {} fn {} P {:.3} R {:.3} F1 {:.3}",
        rows.len(),
        c.tp,
        c.fp,
        c.fn_,
        c.precision(),
        c.recall(),
        c.f1()
    );
    let mut shown = (0, 0);
    for (k, r) in rows.iter().enumerate() {
        if k % 7 != 3 {
            continue;
        }
        let (is, sp) = read_row(&det, &r.text);
        let pred = is && sp;
        let gold = r.label > 0;
        if pred && !gold && shown.0 < n {
            shown.0 += 1;
            let why = det
                .sentence(&r.text, dyad_text::Span::new(0, r.text.len()), None)
                .map(|f| f.scope_rule)
                .unwrap_or_default();
            println!("FP {} | {}", r.text, why);
        } else if gold && !pred && shown.1 < n {
            shown.1 += 1;
            let why = match det.sentence(&r.text, dyad_text::Span::new(0, r.text.len()), None) {
                Ok(f) => format!("broad: {}", f.scope_rule),
                Err(e) => e.reason,
            };
            println!("FN {} | {}", r.text, why);
        }
    }
}
