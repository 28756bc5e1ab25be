//! Regressions from fuzzing the claims extractor (issue 10): inputs that
//! made it panic. Each must give claims, or none, without panicking.

use dyad_extract::{claim_record, CrossIndex, Extractor, QtyLexicon, Reference};
use dyad_lexicon::Lexicon;
use dyad_text::Doc;
use dyad_time::Tagger;

fn extract_all(text: &str) -> usize {
    let lex = Lexicon::builtin().unwrap();
    let reference = Reference::builtin();
    let ex = Extractor::new(QtyLexicon::builtin(), &lex, Tagger::builtin(), &reference);
    let doc = Doc::plain("f", text, chrono::NaiveDate::from_ymd_opt(2022, 2, 4));
    let mut claims = ex.extract(&doc);
    CrossIndex::default().check_and_add("f", &mut claims);
    for c in &claims {
        serde_json::to_string(&claim_record(&doc, c)).unwrap();
    }
    claims.len()
}

/// fuzz/artifacts/claims/crash-5f270f8b...: the 40 bytes after a change
/// figure ("year on year" look-ahead) ended inside an em dash.
#[test]
fn fuzz_change_lookahead_ends_inside_a_multibyte_character() {
    let text = "Trade between China and Russia reached US$146.9 billion in 2022, \
                up 35.8% year on year, aen should reach $200 b\u{2014}4.";
    assert!(extract_all(text) >= 2);
    // the same with the dash at every offset of the look-ahead window
    for pad in 0..45 {
        let text = format!(
            "Trade reached US$146.9 billion in 2022, up 35.8%{}\u{2014}\u{4E2D}\u{1F1E8} more.",
            "x".repeat(pad)
        );
        extract_all(&text);
    }
}
