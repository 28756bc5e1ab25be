//! Document input in every format, then segmentation and tokenisation of
//! what was read. First byte: the format; the rest: the document bytes.
//! Checks the text layer's promises: sentence and token spans inside the
//! text and on character boundaries, tokens in order with only gaps of
//! whitespace (or the control and invisible characters the tokenizer skips) between
//! them, and every span mapping back inside the original.
#![no_main]
use dyad_text::input::{read_bytes, read_bytes_as, Format, ReadOptions};
use dyad_text::{sentences, tokenize, Span};
use libfuzzer_sys::fuzz_target;

fn gap_ok(s: &str) -> bool {
    s.chars().all(|c| {
        // ASCII control characters are gaps too (token.rs `class`)
        c.is_whitespace()
            || c.is_ascii_control()
            || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}')
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else {
        return;
    };
    let opts = ReadOptions::default();
    let docs = match sel % 5 {
        0 => read_bytes_as("f", bytes, Format::Text, &opts),
        1 => read_bytes_as("f", bytes, Format::Markdown, &opts),
        2 => read_bytes_as("f", bytes, Format::Html, &opts),
        3 => read_bytes_as("f", bytes, Format::Jsonl, &opts),
        _ => read_bytes("f.htm", bytes, &opts),
    };
    for doc in docs.into_iter().flatten() {
        let text = doc.text.as_str();
        let mut prev_end = 0;
        for s in sentences(text) {
            assert!(s.start <= s.end && s.end <= text.len(), "sentence {s:?}");
            assert!(s.start >= prev_end, "sentences overlap");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prev_end = s.end;
            let mut last = s.start;
            for t in tokenize(text, s) {
                assert!(t.span.start >= last && t.span.end <= s.end, "token {t:?}");
                assert!(t.span.start < t.span.end, "empty token");
                assert!(gap_ok(&text[last..t.span.start]), "non-space gap");
                last = t.span.end;
                let o = doc.to_original(t.span);
                assert!(o.start <= o.end && o.end <= doc.original.len());
                let _ = doc.original_str(t.span);
            }
            assert!(gap_ok(&text[last..s.end]), "non-space tail");
        }
        // spans past the end clamp instead of panicking
        let _ = doc.to_original(Span::new(text.len(), text.len() + 10));
    }
});
