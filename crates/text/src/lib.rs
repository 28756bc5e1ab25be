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

/// The traits of a string type with an `as_str()` ([`token::Norm`],
/// [`SharedStr`]): it derefs to, compares with, orders, hashes and prints
/// as its text.
macro_rules! str_like {
    ($t:ty) => {
        impl std::ops::Deref for $t {
            type Target = str;
            #[inline]
            fn deref(&self) -> &str {
                self.as_str()
            }
        }
        impl AsRef<str> for $t {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl std::borrow::Borrow<str> for $t {
            #[inline]
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }
        impl PartialEq for $t {
            #[inline]
            fn eq(&self, o: &$t) -> bool {
                self.as_str() == o.as_str()
            }
        }
        impl Eq for $t {}
        impl PartialEq<str> for $t {
            #[inline]
            fn eq(&self, o: &str) -> bool {
                self.as_str() == o
            }
        }
        impl PartialEq<&str> for $t {
            #[inline]
            fn eq(&self, o: &&str) -> bool {
                self.as_str() == *o
            }
        }
        impl PartialEq<String> for $t {
            #[inline]
            fn eq(&self, o: &String) -> bool {
                self.as_str() == o.as_str()
            }
        }
        impl PartialOrd for $t {
            fn partial_cmp(&self, o: &$t) -> Option<std::cmp::Ordering> {
                Some(self.cmp(o))
            }
        }
        impl Ord for $t {
            fn cmp(&self, o: &$t) -> std::cmp::Ordering {
                self.as_str().cmp(o.as_str())
            }
        }
        impl std::hash::Hash for $t {
            #[inline]
            fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
                self.as_str().hash(h)
            }
        }
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(self.as_str(), f)
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(self.as_str(), f)
            }
        }
    };
}

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
