//! The text layer: documents, sentences and tokens as byte spans into text
//! that never changes.
//!
//! # Documents
//!
//! A [`Doc`] owns two strings: `original`, the bytes exactly as read, and
//! `text`, the readable text the coder works on (for plain text and JSONL the
//! same; for HTML and Markdown with markup removed and entities decoded).
//! Every span the rest of dyad produces is a byte span into `text`;
//! [`Doc::to_original`] maps it back into `original` at the output boundary,
//! so records always point at the bytes the user gave us. Converting markup
//! while recording where each piece of `text` came from (rather than
//! converting and then searching) keeps the mapping exact and linear: a
//! decoded entity or a tag turned into a newline maps to the whole
//! construct, copied text maps byte for byte.
//!
//! Readers ([`read_path`], [`read_bytes`], [`read_stdin`],
//! [`input::JsonlReader`]) return one `Result` per document, so one bad
//! JSON line or one binary file in a folder is reported with its name and
//! line while everything else is still read.
//!
//! # Sentences and tokens
//!
//! Nothing is copied or rewritten: [`sentences`] returns spans into `text`
//! and [`tokenize`] returns tokens whose spans, together with the
//! whitespace gaps between them, give the text back exactly (lossless). The
//! only derived string is each token's `norm` (lower case, straight quotes),
//! kept inside the token without allocation for all but long words. Both are single forward passes with a few
//! bytes of look-around, built for hundreds of thousands of sentences per
//! second; the `*_into` variants reuse the caller's buffers.
//!
//! Segmentation is rule-based and table-driven: what counts as an
//! abbreviation, and how it behaves before a capital, is data
//! (`data/abbreviations.txt`, `data/sentence_starters.txt`, compiled in and
//! parsed once), so a wrong split is fixed by editing a line, not code. See
//! [`segment`] for the rules and [`token`] for the tokenisation choices
//! (e.g. `US$200` is `us` `$` `200`).

mod span;
pub use span::Span;

pub mod fasthash;
pub mod input;
pub mod json;
pub mod segment;
mod shared;
pub mod token;

pub use input::{
    read_bytes, read_bytes_as, read_path, read_reader, read_stdin, Doc, Format, InputError,
    ReadOptions,
};
pub use segment::{sentences, sentences_into};
pub use shared::SharedStr;
pub use token::{tokenize, tokenize_into, Norm, Token, TokenKind};

/// `doc.text[span]` works on `String`s as on `str`.
impl std::ops::Index<Span> for String {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self.as_str()[span.start..span.end]
    }
}
