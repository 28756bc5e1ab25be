//! The text layer: documents, sentences and tokens as byte spans into text
//! that never changes.
//!
//! A [`Doc`] owns two strings: `original`, the bytes exactly as read, and
//! `text`, the readable text the coder works on (for plain text and JSONL the
//! same; for HTML and Markdown with markup removed and entities decoded).
//! Every span the rest of dyad produces is a byte span into `text`;
//! [`Doc::to_original`] maps it back into `original` at the output boundary,
//! so records always point at the bytes the user gave us.

mod span;
pub use span::Span;

pub mod input;
pub mod segment;
pub mod token;

pub use input::{
    read_bytes, read_path, read_reader, read_stdin, Doc, Format, InputError, ReadOptions,
};
pub use segment::{sentences, sentences_into};
pub use token::{tokenize, tokenize_into, Token, TokenKind};

/// `doc.text[span]` works on `String`s as on `str`.
impl std::ops::Index<Span> for String {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self.as_str()[span.start..span.end]
    }
}
