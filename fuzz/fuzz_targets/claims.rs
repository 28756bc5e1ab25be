//! The claims extractor on a fuzzed plain-text document (built-in lexicon,
//! quantity lexicon and reference table), with every record written.
#![no_main]
use dyad_extract::{claim_record, CrossIndex, Extractor, QtyLexicon, Reference};
use dyad_lexicon::Lexicon;
use dyad_text::Doc;
use dyad_time::Tagger;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LEX: OnceLock<(Lexicon, Reference)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (lex, reference) = LEX.get_or_init(|| {
        (
            Lexicon::builtin().expect("built-in lexicon"),
            Reference::builtin(),
        )
    });
    let ex = Extractor::new(QtyLexicon::builtin(), lex, Tagger::builtin(), reference);
    let doc = Doc::plain("f", text, chrono::NaiveDate::from_ymd_opt(2022, 2, 4));
    let mut claims = ex.extract(&doc);
    let mut cross = CrossIndex::default();
    cross.check_and_add("f", &mut claims);
    for c in &claims {
        let _ = serde_json::to_string(&claim_record(&doc, c)).expect("record serialises");
    }
});
