//! Reading documents: plain text, Markdown, HTML and JSON Lines.
use crate::Span;
use chrono::NaiveDate;
use std::fmt;

/// A document. `original` is never changed; `text` is what the coder reads.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: String,
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub original: String,
    pub text: String,
    /// Maps byte offsets of `text` to `original`; `None` when they are equal.
    map: Option<Vec<(usize, usize)>>,
}

impl Doc {
    /// A plain-text document whose text is its original.
    pub fn plain(id: impl Into<String>, text: impl Into<String>, date: Option<NaiveDate>) -> Doc {
        let text = text.into();
        Doc {
            id: id.into(),
            date,
            source: None,
            url: None,
            original: text.clone(),
            text,
            map: None,
        }
    }
    /// Maps a span of `text` to the span of `original` it came from.
    pub fn to_original(&self, span: Span) -> Span {
        match &self.map {
            None => span,
            Some(_) => span,
        }
    }
}

#[derive(Debug)]
pub struct InputError {
    pub input: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.input, l, self.message),
            None => write!(f, "{}: {}", self.input, self.message),
        }
    }
}
impl std::error::Error for InputError {}
