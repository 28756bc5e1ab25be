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

/// `dyad code` writes claim records with `ClaimView::write_json`: the same
/// bytes as serde_json gives for the view (checks, periods, measures,
/// ranges, actors, text that needs escapes).
#[test]
fn claim_json_is_serde_json_byte_for_byte() {
    let lex = Lexicon::builtin().unwrap();
    let reference = Reference::builtin();
    let ex = Extractor::new(QtyLexicon::builtin(), &lex, Tagger::builtin(), &reference);
    let text = "Trade between China and Russia reached US$146.9 billion in 2022, \
                up 35.8% year on year.\nThe \"new\" plan\tcosts 5 to 6 billion euros, \
                and unemployment fell to 4.2 percent in the first quarter.\u{1} \
                Some 17,000 people were displaced; about half of them were children. \
                China\u{2019}s exports rose 3 times.";
    let doc = Doc::plain("f \"q\"", text, chrono::NaiveDate::from_ymd_opt(2022, 2, 4));
    let mut claims = ex.extract(&doc);
    CrossIndex::default().check_and_add("f", &mut claims);
    assert!(claims.len() >= 4, "{claims:?}");
    for c in &claims {
        let view = dyad_extract::claim_view(&doc, c);
        let mut ours = Vec::new();
        view.write_json(&mut ours);
        let theirs = serde_json::to_vec(&view).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }
}
