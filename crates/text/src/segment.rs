//! Sentence segmentation.
use crate::Span;

/// Splits `text` into sentence spans (trimmed of surrounding whitespace).
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' || c == '\n' || c == '?' || c == '!' {
            push(text, start, i + 1, &mut out);
            start = i + 1;
        }
    }
    push(text, start, text.len(), &mut out);
    out
}

fn push(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let s = &text[a..b];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if a + lead < b - trail {
        out.push(Span::new(a + lead, b - trail));
    }
}
