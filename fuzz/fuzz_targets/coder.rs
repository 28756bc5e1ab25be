//! The coder end to end: a fuzzed document (first byte: the format) is
//! read, coded with the built-in lexicon, each event written as a record,
//! and its commitments detected. Event spans must lie inside the text.
#![no_main]
use dyad_code::{event_record, Coder};
use dyad_lexicon::Lexicon;
use dyad_text::input::{read_bytes_as, Format, ReadOptions};
use dyad_time::Tagger;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LEX: OnceLock<Lexicon> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else {
        return;
    };
    let format = [Format::Text, Format::Markdown, Format::Html, Format::Jsonl][sel as usize % 4];
    let opts = ReadOptions {
        date: chrono::NaiveDate::from_ymd_opt(2022, 2, 4),
        ..Default::default()
    };
    let lex = LEX.get_or_init(|| Lexicon::builtin().expect("built-in lexicon"));
    let coder = Coder::new(lex, Tagger::builtin());
    let detector = dyad_commit::Detector::new(lex, Tagger::builtin());
    for doc in read_bytes_as("f", bytes, format, &opts)
        .into_iter()
        .flatten()
    {
        let coded = coder.code(&doc);
        for e in &coded.events {
            let n = doc.text.len();
            assert!(e.sentence_span.end <= n && e.trigger.end <= n && e.source.span.end <= n);
            assert!(e.target.as_ref().is_none_or(|t| t.span.end <= n));
            let _ = serde_json::to_string(&event_record(lex, &doc, e)).expect("record");
        }
        let _ = detector.detect(&doc, &coded);
    }
});
