//! The built-in temporal tagger on fuzzed text, with a document date taken
//! from the first two bytes (or none). Spans must lie inside the text.
#![no_main]
use dyad_text::Span;
use dyad_time::Tagger;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let days = u16::from_le_bytes([data[0], data[1]]);
    let Ok(text) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    let date = (days != 0).then(|| {
        chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
            + chrono::Days::new(days as u64 % 20000)
    });
    let t = Tagger::builtin();
    for e in t.tag(text, Span::new(0, text.len()), date) {
        assert!(e.span.start <= e.span.end && e.span.end <= text.len());
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        let _ = e.value.iso();
    }
    // a span in the middle, and one out of range
    let mid = text.len() / 2;
    if text.is_char_boundary(mid) {
        for e in t.tag(text, Span::new(mid, text.len()), date) {
            assert!(e.span.start >= mid && e.span.end <= text.len());
        }
    }
    assert!(t
        .tag(text, Span::new(text.len() + 1, text.len() + 5), date)
        .is_empty());
});
