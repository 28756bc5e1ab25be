//! Reading documents: plain text, Markdown, HTML and JSON Lines.
//!
//! Every reader keeps the bytes it was given in [`Doc::original`] and builds
//! the readable [`Doc::text`] next to an offset map, so that any span of
//! `text` maps back to the original bytes it came from
//! ([`Doc::to_original`]). Plain text and JSON Lines need no map.
//!
//! The map is a sorted list of pieces, each a run of `text` bytes that came
//! either from a run of original bytes of the same length (copied, perhaps
//! with whitespace changed, mapped byte for byte) or from a construct that
//! was replaced (an entity, a tag that became a newline: every byte of the
//! replacement maps to the whole construct).
use crate::Span;
use chrono::NaiveDate;
use std::fmt;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A document. `original` is never changed; `text` is what the coder reads.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: String,
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// A title given with the document (JSON Lines `title`), if any.
    pub title: Option<String>,
    pub original: String,
    pub text: String,
    /// Maps byte offsets of `text` to `original`; `None` when they are equal.
    map: Option<Vec<Piece>>,
}

/// A run of `text` starting at `t` that came from `original[o..o_end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    t: usize,
    o: usize,
    o_end: usize,
    /// Same length as its original run and mapped byte for byte.
    copy: bool,
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
            title: None,
            original: text.clone(),
            text,
            map: None,
        }
    }

    /// A document from a string in the given format (Markdown and HTML are
    /// converted to text with an offset map; JSON Lines is taken as text).
    pub fn parse(
        id: impl Into<String>,
        original: impl Into<String>,
        format: Format,
        date: Option<NaiveDate>,
    ) -> Doc {
        let original = original.into();
        let (text, map) = match format {
            Format::Text | Format::Jsonl => return Doc::plain(id, original, date),
            Format::Markdown => markdown(&original),
            Format::Html => html(&original),
        };
        Doc {
            id: id.into(),
            date,
            source: None,
            url: None,
            title: None,
            original,
            text,
            map: Some(map),
        }
    }

    /// Maps a span of `text` to the span of `original` it came from.
    ///
    /// A span that covers part of a replaced construct (an entity, a tag)
    /// covers the whole construct; the result is always inside `original`
    /// and on character boundaries.
    pub fn to_original(&self, span: Span) -> Span {
        let Some(map) = &self.map else {
            return clamp(&self.original, span);
        };
        let Some(last) = map.last() else {
            return Span::new(0, 0);
        };
        let len = self.text.len();
        let p = span.start.min(len);
        let q = span.end.min(len);
        let start = if p >= len {
            last.o_end
        } else {
            let pc = map[piece_at(map, p)];
            if pc.copy {
                pc.o + (p - pc.t)
            } else {
                pc.o
            }
        };
        let end = if q <= p {
            start
        } else {
            let pc = map[piece_at(map, q - 1)];
            if pc.copy {
                pc.o + (q - pc.t)
            } else {
                pc.o_end
            }
        };
        clamp(&self.original, Span::new(start, end.max(start)))
    }

    /// The original bytes a span of `text` came from (see [`Doc::to_original`]).
    pub fn original_str(&self, span: Span) -> &str {
        let o = self.to_original(span);
        &self.original[o.start..o.end]
    }

    /// Whether `text` differs from `original` (markup was converted).
    pub fn is_mapped(&self) -> bool {
        self.map.is_some()
    }
}

/// The index of the piece holding text offset `p`.
fn piece_at(map: &[Piece], p: usize) -> usize {
    match map.binary_search_by(|pc| pc.t.cmp(&p)) {
        Ok(i) => i,
        Err(0) => 0,
        Err(i) => i - 1,
    }
}

/// Shrinks `span` to lie inside `s` on character boundaries.
fn clamp(s: &str, span: Span) -> Span {
    let mut end = span.end.min(s.len());
    while !s.is_char_boundary(end) {
        end += 1;
    }
    let mut start = span.start.min(end);
    while !s.is_char_boundary(start) {
        start -= 1;
    }
    Span::new(start, end)
}

/// Builds `text` and its offset map from an original string.
struct Builder<'a> {
    orig: &'a str,
    text: String,
    map: Vec<Piece>,
}

impl<'a> Builder<'a> {
    fn new(orig: &'a str) -> Self {
        Builder {
            orig,
            text: String::with_capacity(orig.len()),
            map: Vec::new(),
        }
    }
    /// Copies `orig[a..b]` unchanged.
    fn copy(&mut self, a: usize, b: usize) {
        if a >= b {
            return;
        }
        let s = &self.orig[a..b];
        self.copy_as(a, b, s);
    }
    /// Appends `s`, which has the same length as `orig[a..b]` and replaces it
    /// byte for byte (e.g. newlines made spaces).
    fn copy_as(&mut self, a: usize, b: usize, s: &str) {
        debug_assert_eq!(s.len(), b - a);
        if let Some(last) = self.map.last_mut() {
            if last.copy && last.o_end == a && last.t + (last.o_end - last.o) == self.text.len() {
                last.o_end = b;
                self.text.push_str(s);
                return;
            }
        }
        self.map.push(Piece {
            t: self.text.len(),
            o: a,
            o_end: b,
            copy: true,
        });
        self.text.push_str(s);
    }
    /// Appends `s` in place of the construct `orig[a..b]`.
    fn replace(&mut self, a: usize, b: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        self.map.push(Piece {
            t: self.text.len(),
            o: a,
            o_end: b,
            copy: false,
        });
        self.text.push_str(s);
    }
    fn ends_with_newline(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n')
    }
    fn finish(self) -> (String, Vec<Piece>) {
        (self.text, self.map)
    }
}

// ---------------------------------------------------------------- HTML

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "title",
    "ul",
    "ol",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "nav",
    "aside",
    "main",
    "figure",
    "figcaption",
    "caption",
    "address",
    "body",
    "head",
    "html",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "thead",
    "tbody",
    "tfoot",
];
const DROP_TAGS: &[&str] = &["script", "style", "noscript", "template", "svg"];

/// Converts HTML to text with an offset map. Linear in the input; never
/// panics on malformed markup.
fn html(src: &str) -> (String, Vec<Piece>) {
    let b = src.as_bytes();
    let mut out = Builder::new(src);
    let mut i = 0;
    let mut run = 0; // start of the pending text run
    let mut pre = 0usize; // depth of <pre>
    while i < b.len() {
        match b[i] {
            b'<' => {
                let Some((end, tag)) = html_tag(src, i) else {
                    i += 1;
                    continue;
                };
                flush_html_text(&mut out, run, i, pre > 0);
                match tag {
                    Tag::Other => {}
                    Tag::Open(name) | Tag::Close(name) => {
                        let name = name.to_ascii_lowercase();
                        let closing = matches!(tag, Tag::Close(_));
                        if !closing && DROP_TAGS.contains(&name.as_str()) {
                            // Skip to the matching close tag (or the end).
                            let skip_to = find_close_tag(src, end, &name).unwrap_or(b.len());
                            i = skip_to;
                            run = i;
                            continue;
                        }
                        if name == "pre" {
                            pre = if closing {
                                pre.saturating_sub(1)
                            } else {
                                pre + 1
                            };
                        }
                        if BLOCK_TAGS.contains(&name.as_str()) {
                            if !out.ends_with_newline() || name == "br" {
                                out.replace(i, end, "\n");
                            }
                        } else if matches!(name.as_str(), "td" | "th")
                            && !closing
                            && !out.text.ends_with([' ', '\n'])
                            && !out.text.is_empty()
                        {
                            out.replace(i, end, " ");
                        }
                    }
                }
                i = end;
                run = i;
            }
            b'&' => {
                if let Some((end, dec)) = entity(src, i) {
                    flush_html_text(&mut out, run, i, pre > 0);
                    let mut buf = [0u8; 4];
                    out.replace(i, end, dec.encode_utf8(&mut buf));
                    i = end;
                    run = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    flush_html_text(&mut out, run, b.len(), pre > 0);
    out.finish()
}

/// Appends the text `src[a..b]`; outside `<pre>` line breaks and tabs are
/// spaces (HTML source wrapping is not a sentence break).
fn flush_html_text(out: &mut Builder, a: usize, b: usize, pre: bool) {
    let mut a = a;
    if !pre && out.ends_with_newline() {
        // Indentation and blank source lines between blocks are dropped.
        let s = &out.orig[a..b.max(a)];
        a += s.len() - s.trim_start_matches([' ', '\t', '\n', '\r']).len();
    }
    if a >= b {
        return;
    }
    let s = &out.orig[a..b];
    if pre || !s.bytes().any(|c| matches!(c, b'\n' | b'\r' | b'\t')) {
        out.copy(a, b);
    } else {
        let spaced: String = s
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        out.copy_as(a, b, &spaced);
    }
}

enum Tag<'a> {
    Open(&'a str),
    Close(&'a str),
    Other,
}

/// Parses a tag, comment or declaration at `i` (a `<`); returns its end and
/// what it was, or `None` if the `<` is literal text.
fn html_tag(src: &str, i: usize) -> Option<(usize, Tag<'_>)> {
    let b = src.as_bytes();
    let rest = &src[i..];
    if let Some(body) = rest.strip_prefix("<!--") {
        let end = body.find("-->").map_or(b.len(), |p| i + 4 + p + 3);
        return Some((end, Tag::Other));
    }
    let next = *b.get(i + 1)?;
    if next == b'!' || next == b'?' {
        let end = rest.find('>').map_or(b.len(), |p| i + p + 1);
        return Some((end, Tag::Other));
    }
    let (closing, name_start) = if next == b'/' {
        (true, i + 2)
    } else {
        (false, i + 1)
    };
    if !b.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let mut j = name_start;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
        j += 1;
    }
    let name = &src[name_start..j];
    // Find the closing `>`, skipping quoted attribute values; an unclosed
    // quote falls back to the first `>`.
    // Attribute text is bounded so that malformed markup stays linear.
    let limit = b.len().min(j + 4096);
    let mut k = j;
    let mut quote = 0u8;
    while k < limit {
        let c = b[k];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            break;
        } else if c == b'<' {
            // A new tag starts: this one was never closed.
            break;
        }
        k += 1;
    }
    let end = if k < b.len() && b[k] == b'>' {
        k + 1
    } else if k < b.len() && b[k] == b'<' {
        k
    } else {
        match src[j..].find('>') {
            Some(p) => j + p + 1,
            None => b.len(),
        }
    };
    Some((
        end,
        if closing {
            Tag::Close(name)
        } else {
            Tag::Open(name)
        },
    ))
}

/// Finds the end of `</name ...>` at or after `from` (case-insensitive).
fn find_close_tag(src: &str, from: usize, name: &str) -> Option<usize> {
    let b = src.as_bytes();
    let n = name.as_bytes();
    let mut i = from;
    while i + 2 + n.len() <= b.len() {
        if b[i] == b'<'
            && b[i + 1] == b'/'
            && b[i + 2..i + 2 + n.len()].eq_ignore_ascii_case(n)
            && !b
                .get(i + 2 + n.len())
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            let after = i + 2 + n.len();
            return Some(src[after..].find('>').map_or(b.len(), |p| after + p + 1));
        }
        i += 1;
    }
    None
}

/// Decodes an entity at `i` (an `&`); returns its end and the character.
fn entity(src: &str, i: usize) -> Option<(usize, char)> {
    let b = src.as_bytes();
    let rest = &b[i + 1..];
    let semi = rest.iter().take(12).position(|&c| c == b';')?;
    let body = &src[i + 1..i + 1 + semi];
    let end = i + 1 + semi + 1;
    let c = if let Some(num) = body.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        match v {
            0xA0 => ' ',
            0 => '\u{FFFD}',
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        }
    } else {
        named_entity(body)?
    };
    Some((end, c))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "sbquo" => '\u{201A}',
        "bdquo" => '\u{201E}',
        "hellip" => '\u{2026}',
        "laquo" => '\u{00AB}',
        "raquo" => '\u{00BB}',
        "middot" => '\u{00B7}',
        "bull" => '\u{2022}',
        "copy" => '\u{00A9}',
        "reg" => '\u{00AE}',
        "trade" => '\u{2122}',
        "deg" => '\u{00B0}',
        "euro" => '\u{20AC}',
        "pound" => '\u{00A3}',
        "yen" => '\u{00A5}',
        "cent" => '\u{00A2}',
        "sect" => '\u{00A7}',
        "para" => '\u{00B6}',
        "times" => '\u{00D7}',
        "divide" => '\u{00F7}',
        "minus" => '\u{2212}',
        "plusmn" => '\u{00B1}',
        "permil" => '\u{2030}',
        "shy" => '\u{00AD}',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "auml" => 'ä',
        "atilde" => 'ã',
        "aring" => 'å',
        "ccedil" => 'ç',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "iacute" => 'í',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "otilde" => 'õ',
        "oslash" => 'ø',
        "uacute" => 'ú',
        "uuml" => 'ü',
        "szlig" => 'ß',
        "Eacute" => 'É',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "Auml" => 'Ä',
        _ => return None,
    })
}

// ---------------------------------------------------------------- Markdown

/// Converts Markdown to text with an offset map: heading marks, emphasis,
/// bullets, block quote marks, code-span backticks and link syntax go;
/// fenced code is kept as text (its fence lines go).
fn markdown(src: &str) -> (String, Vec<Piece>) {
    let mut out = Builder::new(src);
    let mut fence: Option<&str> = None;
    let mut pos = 0;
    while pos < src.len() {
        let line_end = src[pos..].find('\n').map_or(src.len(), |p| pos + p);
        let next = (line_end + 1).min(src.len());
        let line = &src[pos..line_end];
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
                out.replace(pos, next, "\n");
            } else {
                out.copy(pos, next);
            }
            pos = next;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.replace(pos, next, "\n");
            pos = next;
            continue;
        }
        if is_rule(trimmed) || is_link_definition(trimmed) {
            out.replace(pos, next, "\n");
            pos = next;
            continue;
        }
        // Block prefixes: `>` quotes, `#` headings, bullets.
        let mut p = pos + indent;
        loop {
            let rest = &src[p..line_end];
            if let Some(r) = rest.strip_prefix('>') {
                p += 1 + (r.len() - r.trim_start().len());
                continue;
            }
            break;
        }
        let rest = &src[p..line_end];
        let hashes = rest.bytes().take_while(|&c| c == b'#').count();
        let mut content_end = line_end;
        if (1..=6).contains(&hashes)
            && matches!(rest.as_bytes().get(hashes), None | Some(b' ') | Some(b'\t'))
        {
            p += hashes;
            p += src[p..line_end].len() - src[p..line_end].trim_start().len();
            // Closing hashes of an ATX heading.
            let body = src[p..line_end].trim_end();
            let without = body.trim_end_matches('#');
            if without.len() < body.len() && (without.is_empty() || without.ends_with(' ')) {
                content_end = p + without.len();
            }
        } else if rest.len() >= 2
            && matches!(rest.as_bytes()[0], b'-' | b'*' | b'+')
            && rest.as_bytes()[1] == b' '
        {
            p += 2;
        }
        let p = p.min(content_end);
        markdown_inline(&mut out, p, content_end);
        out.copy(line_end, next);
        pos = next;
    }
    out.finish()
}

fn is_rule(t: &str) -> bool {
    let t = t.trim_end();
    let Some(c) = t.chars().next() else {
        return false;
    };
    matches!(c, '-' | '*' | '_' | '=')
        && t.chars().filter(|&x| x == c).count() >= 3
        && t.chars().all(|x| x == c || x == ' ')
}

fn is_link_definition(t: &str) -> bool {
    t.starts_with('[')
        && t.find("]:")
            .is_some_and(|p| p > 1 && !t[1..p].contains(']'))
}

/// Inline Markdown in `src[a..b]`.
fn markdown_inline(out: &mut Builder, a: usize, b: usize) {
    let src = out.orig;
    let bytes = src.as_bytes();
    let mut run = a;
    let mut i = a;
    while i < b {
        let c = bytes[i];
        match c {
            b'\\' if i + 1 < b && bytes[i + 1].is_ascii_punctuation() => {
                out.copy(run, i);
                i += 1; // drop the backslash, keep the escaped character
                run = i;
                i += 1;
            }
            b'*' | b'`' => {
                out.copy(run, i);
                i += 1;
                run = i;
            }
            b'_' => {
                let prev_word = i > a && bytes[i - 1].is_ascii_alphanumeric();
                let next_word = i + 1 < b && bytes[i + 1].is_ascii_alphanumeric();
                if prev_word && next_word {
                    i += 1; // snake_case: keep
                } else {
                    out.copy(run, i);
                    i += 1;
                    run = i;
                }
            }
            b'!' if i + 1 < b && bytes[i + 1] == b'[' => {
                if let Some(l) = md_link(src, i + 1, b) {
                    out.copy(run, i);
                    markdown_inline(out, i + 2, l.text_end);
                    i = l.end;
                    run = i;
                } else {
                    i += 1;
                }
            }
            b'[' => {
                if let Some(l) = md_link(src, i, b) {
                    out.copy(run, i);
                    markdown_inline(out, i + 1, l.text_end);
                    i = l.end;
                    run = i;
                } else {
                    i += 1;
                }
            }
            b'<' if src[i..b].starts_with("<http") => {
                if let Some(p) = src[i..b].find('>') {
                    out.copy(run, i);
                    out.copy(i + 1, i + p);
                    i += p + 1;
                    run = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out.copy(run, b);
}

struct MdLink {
    text_end: usize,
    end: usize,
}

/// `[text](url)` or `[text][ref]` at `i` (a `[`) within `..b`.
fn md_link(src: &str, i: usize, b: usize) -> Option<MdLink> {
    let bytes = src.as_bytes();
    let mut depth = 0;
    let mut j = i;
    let b = b.min(i + 1000); // link text is short; keeps long lines linear
    let close = loop {
        if j >= b {
            return None;
        }
        match bytes[j] {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break j;
                }
            }
            _ => {}
        }
        j += 1;
    };
    if close + 2 > b {
        return None;
    }
    let shut = match bytes.get(close + 1) {
        Some(b'(') => b')',
        Some(b'[') => b']',
        _ => return None,
    };
    let p = src[close + 2..b].find(shut as char)?;
    Some(MdLink {
        text_end: close,
        end: close + 2 + p + 1,
    })
}

// ---------------------------------------------------------------- errors

#[derive(Debug)]
pub struct InputError {
    pub input: String,
    pub line: Option<usize>,
    pub message: String,
}

impl InputError {
    fn new(input: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        InputError {
            input: input.into(),
            line,
            message: message.into(),
        }
    }
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

// ---------------------------------------------------------------- reading

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
}

impl Format {
    /// The format a file name's extension implies, if it names one.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
        }
    }
}

impl FromStr for Format {
    type Err = String;
    /// `text`/`txt`, `markdown`/`md`, `html`/`htm`, `jsonl`/`ndjson`.
    fn from_str(s: &str) -> Result<Format, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Format::Text,
            "markdown" | "md" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "jsonl" | "ndjson" | "json" => Format::Jsonl,
            _ => {
                return Err(format!(
                    "unknown format \"{s}\" (expected text, markdown, html or jsonl)"
                ))
            }
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The default limit on one document's size: 64 MiB.
pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Used when a document carries no date of its own.
    pub date: Option<NaiveDate>,
    /// Forces the format instead of guessing it from the file name.
    pub format: Option<Format>,
    /// The largest document, in bytes: a file (or standard input) in a
    /// format other than JSON Lines, or one JSON Lines line. A larger one is
    /// an error naming the limit and is not read into memory; the other
    /// documents are still read. Default [`DEFAULT_MAX_BYTES`];
    /// `usize::MAX` for no limit.
    pub max_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            date: None,
            format: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

fn too_large(size: u64, max: usize) -> String {
    format!("document of {size} bytes is over the limit of {max} bytes (--max-doc-bytes)")
}

/// Reads a file or, recursively, a folder (sorted, hidden entries skipped).
///
/// A file document's id is the path as given; a document from a folder has
/// its path relative to the folder (with `/`). JSON Lines give one result
/// per non-blank line. Problems come back as errors beside the documents
/// that could be read.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Vec<Result<Doc, InputError>> {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return vec![Err(InputError::new(shown, None, io_message(&e)))],
    };
    if !meta.is_dir() {
        return read_file(path, &shown, opts, true);
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    walk(path, path, &mut files, &mut errors);
    files.sort();
    let mut out: Vec<Result<Doc, InputError>> = errors.into_iter().map(Err).collect();
    let mut docs = 0;
    for rel in files {
        let id = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let full = path.join(&rel);
        let known = opts.format.is_some() || Format::from_path(&full).is_some();
        let res = read_file(&full, &id, opts, known);
        docs += res.iter().filter(|r| r.is_ok()).count();
        out.extend(res);
    }
    if docs == 0 && out.is_empty() {
        out.push(Err(InputError::new(
            shown,
            None,
            "directory contains no readable text files",
        )));
    }
    out
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError::new(
                dir.display().to_string(),
                None,
                io_message(&e),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let p = entry.path();
        // Follows symlinks; a broken one is skipped.
        let Ok(meta) = std::fs::metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            walk(root, &p, files, errors);
        } else if meta.is_file() {
            if let Ok(rel) = p.strip_prefix(root) {
                files.push(rel.to_path_buf());
            }
        }
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Reads one file; `report_binary` is false for files of unknown type found
/// in a folder, which are skipped quietly when they are not text.
fn read_file(
    path: &Path,
    id: &str,
    opts: &ReadOptions,
    report_binary: bool,
) -> Vec<Result<Doc, InputError>> {
    let format = opts
        .format
        .or_else(|| Format::from_path(path))
        .unwrap_or(Format::Text);
    if format != Format::Jsonl {
        if let Ok(m) = std::fs::metadata(path) {
            if m.len() > opts.max_bytes as u64 {
                return vec![Err(InputError::new(
                    id,
                    None,
                    too_large(m.len(), opts.max_bytes),
                ))];
            }
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return vec![Err(InputError::new(id, None, io_message(&e)))],
    };
    if !report_binary && check_text(&bytes).is_err() {
        return Vec::new();
    }
    read_bytes_as(id, &bytes, format, opts)
}

/// Checks that `bytes` are UTF-8 text without NUL bytes.
fn check_text(bytes: &[u8]) -> Result<&str, String> {
    // (`contains` on bytes is core's memchr, a word at a time; the byte
    // loop of `position` was ~4 instructions a byte of every file read)
    if bytes.contains(&0) {
        let p = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(format!("not UTF-8 text (NUL byte at offset {p})"));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        )
    })
}

/// Reads documents from bytes named `name` (used in ids and errors). The
/// format is [`ReadOptions::format`], else the one `name`'s extension
/// implies, else plain text.
pub fn read_bytes(name: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<Result<Doc, InputError>> {
    let format = opts
        .format
        .or_else(|| Format::from_path(Path::new(name)))
        .unwrap_or(Format::Text);
    read_bytes_as(name, bytes, format, opts)
}

/// Reads documents from bytes in the given format.
pub fn read_bytes_as(
    name: &str,
    bytes: &[u8],
    format: Format,
    opts: &ReadOptions,
) -> Vec<Result<Doc, InputError>> {
    if format != Format::Jsonl && bytes.len() > opts.max_bytes {
        let m = too_large(bytes.len() as u64, opts.max_bytes);
        return vec![Err(InputError::new(name, None, m))];
    }
    let s = match check_text(bytes) {
        Ok(s) => s,
        Err(m) => return vec![Err(InputError::new(name, None, m))],
    };
    if s.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .is_empty()
    {
        return vec![Err(InputError::new(name, None, "empty"))];
    }
    if format == Format::Jsonl {
        let out: Vec<_> = JsonlReader::new(name, s.as_bytes(), opts.clone()).collect();
        return out;
    }
    vec![Ok(Doc::parse(name, s, format, opts.date))]
}

/// Reads standard input: JSON Lines are streamed; other formats are read
/// whole into one document named `<stdin>`.
pub fn read_stdin(opts: &ReadOptions) -> Box<dyn Iterator<Item = Result<Doc, InputError>>> {
    read_reader("<stdin>", std::io::stdin().lock(), opts)
}

/// Reads documents from any reader (see [`read_stdin`]).
pub fn read_reader<R: BufRead + 'static>(
    name: &str,
    mut reader: R,
    opts: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<Doc, InputError>>> {
    let format = opts.format.unwrap_or(Format::Text);
    if format == Format::Jsonl {
        return Box::new(JsonlReader::new(name, reader, opts.clone()));
    }
    let mut bytes = Vec::new();
    // one byte past the limit is enough to know the input is too large
    let cap = (opts.max_bytes as u64).saturating_add(1);
    if let Err(e) = std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::Read::by_ref(&mut reader), cap),
        &mut bytes,
    ) {
        return Box::new(std::iter::once(Err(InputError::new(
            name,
            None,
            io_message(&e),
        ))));
    }
    if bytes.len() > opts.max_bytes {
        let m = format!(
            "more than {} bytes, over the limit (--max-doc-bytes)",
            opts.max_bytes
        );
        return Box::new(std::iter::once(Err(InputError::new(name, None, m))));
    }
    Box::new(read_bytes_as(name, &bytes, format, opts).into_iter())
}

/// A streaming JSON Lines reader: one result per non-blank line.
///
/// Each line is an object with `text` (required) and optional `id`,
/// `date` (`YYYY-MM-DD` or an ISO timestamp starting with it), `source`,
/// `url` and `title`. Without `date`, a `date_in_title` such as
/// "November 29, 2018" is used, then [`ReadOptions::date`]. The id defaults
/// to `<name>#<line>`.
pub struct JsonlReader<R> {
    name: String,
    reader: R,
    opts: ReadOptions,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(name: &str, reader: R, opts: ReadOptions) -> Self {
        JsonlReader {
            name: name.to_string(),
            reader,
            opts,
            line_no: 0,
            buf: Vec::new(),
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Doc, InputError>;
    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match read_line_bounded(&mut self.reader, &mut self.buf, self.opts.max_bytes) {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some((n, true))) => {
                    self.line_no += 1;
                    return Some(Err(InputError::new(
                        &self.name,
                        Some(self.line_no),
                        too_large(n, self.opts.max_bytes),
                    )));
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::new(
                        &self.name,
                        Some(self.line_no + 1),
                        io_message(&e),
                    )));
                }
            }
            self.line_no += 1;
            let line = match std::str::from_utf8(&self.buf) {
                Ok(s) => s,
                Err(e) => {
                    return Some(Err(InputError::new(
                        &self.name,
                        Some(self.line_no),
                        format!(
                            "not UTF-8 text (invalid byte at offset {} of the line)",
                            e.valid_up_to()
                        ),
                    )))
                }
            };
            let line = line.trim_start_matches('\u{FEFF}').trim();
            if line.is_empty() {
                continue;
            }
            return Some(jsonl_doc(&self.name, self.line_no, line, &self.opts));
        }
        None
    }
}

/// Reads one line (through `\n`) into `buf`, keeping at most `max` bytes
/// of it plus the newline; the rest of a longer line is read and dropped.
/// Returns `None` at the end of the input, else the line's length (without
/// the newline) and whether it was over `max`.
/// The position of the first `\n` in `b`: eight bytes at a time while
/// none of them is one (a JSON Lines document is a line of tens of
/// kilobytes, and a byte loop was a quarter of reading it).
fn newline_in(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while i + 8 <= b.len() {
        let w = u64::from_le_bytes([
            b[i],
            b[i + 1],
            b[i + 2],
            b[i + 3],
            b[i + 4],
            b[i + 5],
            b[i + 6],
            b[i + 7],
        ]) ^ (ONES * b'\n' as u64);
        // a zero byte in `w` (a newline in `b`) sets its high bit here;
        // no zero byte sets none
        if w.wrapping_sub(ONES) & !w & HIGH != 0 {
            break;
        }
        i += 8;
    }
    b[i..].iter().position(|&c| c == b'\n').map(|p| i + p)
}

fn read_line_bounded<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<(u64, bool)>> {
    let mut total: u64 = 0;
    let mut ended = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (take, end) = match newline_in(chunk) {
            Some(p) => (p + 1, true),
            None => (chunk.len(), false),
        };
        let room = (max.saturating_add(1)).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        total += take as u64;
        reader.consume(take);
        if end {
            ended = true;
            break;
        }
    }
    if total == 0 {
        return Ok(None);
    }
    let content = total - u64::from(ended);
    Ok(Some((content, content > max as u64)))
}

fn jsonl_doc(
    name: &str,
    line_no: usize,
    line: &str,
    opts: &ReadOptions,
) -> Result<Doc, InputError> {
    let err = |m: String| InputError::new(name, Some(line_no), m);
    let mut value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
    let obj = value
        .as_object_mut()
        .ok_or_else(|| err("expected a JSON object".to_string()))?;
    // taken, not copied: the text is most of the line
    let text = match obj.get_mut("text") {
        Some(serde_json::Value::String(s)) => std::mem::take(s),
        None | Some(serde_json::Value::Null) => {
            return Err(err("missing field \"text\"".to_string()))
        }
        Some(_) => return Err(err("field \"text\" must be a string".to_string())),
    };
    let obj = &*obj;
    let string_field = |key: &str| -> Result<Option<String>, InputError> {
        match obj.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(serde_json::Value::Number(n)) if key == "id" => Ok(Some(n.to_string())),
            Some(_) => Err(err(format!("field \"{key}\" must be a string"))),
        }
    };
    let id = string_field("id")?.unwrap_or_else(|| format!("{name}#{line_no}"));
    let date = match string_field("date")? {
        Some(d) => Some(parse_date(&d).ok_or_else(|| {
            err(format!(
                "field \"date\": expected YYYY-MM-DD or an ISO 8601 timestamp, got \"{d}\""
            ))
        })?),
        None => match obj.get("date_in_title").and_then(|v| v.as_str()) {
            Some(d) => NaiveDate::parse_from_str(d.trim(), "%B %d, %Y").ok(),
            None => None,
        },
    }
    .or(opts.date);
    let mut doc = Doc::plain(id, text, date);
    doc.source = string_field("source")?;
    doc.url = string_field("url")?;
    doc.title = string_field("title")?;
    Ok(doc)
}

/// `YYYY-MM-DD`, or a longer ISO 8601 timestamp whose first 10 characters
/// are the date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10)?;
    if s.len() > 10 && !matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newline_search_finds_the_first_newline() {
        let mut text = Vec::new();
        for n in 0..40u8 {
            text.push(b'a' + n % 26);
            text.push(0x80 | n);
            text.push(b'\n' + 1);
            text.push(b'\n' - 1);
        }
        for len in 0..text.len() {
            for at in 0..=len {
                let mut b = text[..len].to_vec();
                if at < len {
                    b[at] = b'\n';
                    if at + 3 < len {
                        b[at + 3] = b'\n';
                    }
                }
                assert_eq!(
                    newline_in(&b),
                    b.iter().position(|&c| c == b'\n'),
                    "{len} {at}"
                );
            }
        }
    }

    fn check_map(doc: &Doc) {
        for a in 0..=doc.text.len() {
            for b in a..=doc.text.len() {
                let o = doc.to_original(Span::new(a, b));
                assert!(o.end <= doc.original.len());
                assert!(doc.original.is_char_boundary(o.start));
                assert!(doc.original.is_char_boundary(o.end));
            }
        }
    }

    fn find(doc: &Doc, needle: &str) -> Span {
        let p = doc.text.find(needle).expect("needle in text");
        Span::new(p, p + needle.len())
    }

    #[test]
    fn html_text_and_map() {
        let src = "<html><head><title>Talks</title><style>p{color:red}</style></head>\
                   <body><p>China &amp; Russia met.</p><script>var x = '<p>';</script>\
                   <div>He said &ldquo;yes&rdquo;&#8230; It&#x2019;s done.<br>New line</div></body></html>";
        let doc = Doc::parse("t", src, Format::Html, None);
        assert!(doc.text.contains("Talks\n"));
        assert!(doc.text.contains("China & Russia met.\n"));
        assert!(doc.text.contains("He said “yes”… It’s done.\nNew line"));
        assert!(!doc.text.contains("color"));
        assert!(!doc.text.contains("var x"));
        let s = find(&doc, "China & Russia");
        assert_eq!(&doc.original[doc.to_original(s)], "China &amp; Russia");
        let s = find(&doc, "&");
        assert_eq!(&doc.original[doc.to_original(s)], "&amp;");
        let s = find(&doc, "“yes”");
        assert_eq!(&doc.original[doc.to_original(s)], "&ldquo;yes&rdquo;");
        let s = find(&doc, "New line");
        assert_eq!(&doc.original[doc.to_original(s)], "New line");
        check_map(&doc);
        let sents = crate::sentences(&doc.text);
        let texts: Vec<&str> = sents.iter().map(|s| &doc.text[*s]).collect();
        assert!(texts.contains(&"Talks"));
        assert!(texts.contains(&"China & Russia met."));
        assert!(texts.contains(&"New line"));
    }

    #[test]
    fn html_press_page() {
        let src = "<!DOCTYPE html>\n<HTML><HEAD><TITLE>Spokesperson&#39;s Press Conference</TITLE>\n\
                   <script>if (a < b) { document.write(\"</div>\"); }</script></HEAD>\n\
                   <BODY><DIV><P>Q: The U.S. side said&nbsp;so. What&rsquo;s your comment?</P>\n\
                   <P>A: China opposes this.<BR/>We urge the U.S. side to stop.</P>\n\
                   <table><tr><td>Trade</td><td>US$107.8&nbsp;billion</td></tr></table></DIV></BODY></HTML>";
        let doc = Doc::parse("p.html", src, Format::Html, None);
        let sents: Vec<&str> = crate::sentences(&doc.text)
            .into_iter()
            .map(|s| &doc.text[s])
            .collect();
        assert_eq!(
            sents,
            [
                "Spokesperson's Press Conference",
                "Q: The U.S. side said so.",
                "What’s your comment?",
                "A: China opposes this.",
                "We urge the U.S. side to stop.",
                "Trade US$107.8 billion"
            ]
        );
        let s = find(&doc, "What’s your comment?");
        assert_eq!(
            &doc.original[doc.to_original(s)],
            "What&rsquo;s your comment?"
        );
        check_map(&doc);
    }

    #[test]
    fn html_malformed() {
        for src in [
            "<p>unclosed <b attr=\"x>y",
            "a < b and c > d",
            "<",
            "&",
            "&#;",
            "&#xZZ;",
            "&#99999999999;",
            "<script>never closed",
            "<!-- comment",
            "<p attr='x>text",
            "<<<>>>",
            "&amp",
            "<p>wrapped\nsource\ttext</p>",
            "<pre>keep\nlines</pre>",
            "é&eacute;<ü>",
        ] {
            let doc = Doc::parse("t", src, Format::Html, None);
            check_map(&doc);
        }
        let doc = Doc::parse("t", "a < b and c > d", Format::Html, None);
        assert_eq!(doc.text, "a < b and c > d");
        let doc = Doc::parse(
            "t",
            "<p>wrapped\nsource</p><pre>keep\nlines</pre>",
            Format::Html,
            None,
        );
        assert!(doc.text.contains("wrapped source"));
        assert!(doc.text.contains("keep\nlines"));
    }

    #[test]
    fn markdown_text_and_map() {
        let src = "# The *Treaty* Spirit #\n\nChina and **Russia** signed the [Treaty](http://x.org/t) in 2001.\n\n\
                   - item one\n> quoted _text_ here\n\n```\ncode *stays*\n```\nsnake_case and \\*star\\* ![alt](i.png)\n";
        let doc = Doc::parse("m", src, Format::Markdown, None);
        assert!(
            doc.text.starts_with(" The Treaty Spirit\n")
                || doc.text.starts_with("The Treaty Spirit"),
            "{:?}",
            doc.text
        );
        assert!(doc
            .text
            .contains("China and Russia signed the Treaty in 2001."));
        assert!(doc.text.contains("item one\n"));
        assert!(doc.text.contains("quoted text here"));
        assert!(doc.text.contains("code *stays*"));
        assert!(!doc.text.contains("```"));
        assert!(doc.text.contains("snake_case and *star* alt"));
        let s = find(&doc, "Russia signed the Treaty");
        assert_eq!(
            &doc.original[doc.to_original(s)],
            "Russia** signed the [Treaty"
        );
        let s = find(&doc, "Treaty in 2001.");
        assert_eq!(
            &doc.original[doc.to_original(s)],
            "Treaty](http://x.org/t) in 2001."
        );
        check_map(&doc);
    }

    #[test]
    fn plain_map_is_identity() {
        let doc = Doc::plain("p", "abc", None);
        assert_eq!(doc.to_original(Span::new(1, 2)), Span::new(1, 2));
        assert_eq!(doc.to_original(Span::new(1, 99)), Span::new(1, 3));
    }

    #[test]
    fn jsonl_lines_and_errors() {
        let src = "{\"id\":\"a\",\"text\":\"China met Russia.\",\"date\":\"2021-12-15\",\"source\":\"MFA\",\"url\":\"http://x\"}\n\
                   \n\
                   {\"text\":\"No id.\",\"date\":\"2021-12-15T10:00:00Z\"}\n\
                   {\"id\":\"c\"}\n\
                   not json\n\
                   {\"text\":\"Bad date\",\"date\":\"15/12/2021\"}\n\
                   {\"text\":\"Title date\",\"date_in_title\":\"November 29, 2018\"}\n\
                   {\"text\":\"Default date\"}\n";
        let opts = ReadOptions {
            date: NaiveDate::from_ymd_opt(2020, 1, 1),
            format: None,
            ..Default::default()
        };
        let out = read_bytes("f.jsonl", src.as_bytes(), &opts);
        assert_eq!(out.len(), 7);
        let a = out[0].as_ref().expect("doc a");
        assert_eq!(a.id, "a");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2021, 12, 15));
        assert_eq!(a.source.as_deref(), Some("MFA"));
        let b = out[1].as_ref().expect("doc b");
        assert_eq!(b.id, "f.jsonl#3");
        assert_eq!(b.date, NaiveDate::from_ymd_opt(2021, 12, 15));
        let e = out[2].as_ref().expect_err("missing text");
        assert_eq!(e.to_string(), "f.jsonl:4: missing field \"text\"");
        let e = out[3].as_ref().expect_err("bad json");
        assert!(e.to_string().starts_with("f.jsonl:5: invalid JSON"));
        let e = out[4].as_ref().expect_err("bad date");
        assert!(e.to_string().contains("f.jsonl:6: field \"date\""), "{e}");
        assert_eq!(
            out[5].as_ref().expect("doc").date,
            NaiveDate::from_ymd_opt(2018, 11, 29)
        );
        assert_eq!(
            out[6].as_ref().expect("doc").date,
            NaiveDate::from_ymd_opt(2020, 1, 1)
        );
    }

    #[test]
    fn bytes_errors() {
        let o = ReadOptions::default();
        let e = read_bytes("x.txt", b"", &o);
        assert_eq!(
            e[0].as_ref().expect_err("empty").to_string(),
            "x.txt: empty"
        );
        let e = read_bytes_as("x.bin", b"ab\0cd", Format::Text, &o);
        assert_eq!(
            e[0].as_ref().expect_err("nul").to_string(),
            "x.bin: not UTF-8 text (NUL byte at offset 2)"
        );
        let e = read_bytes("x.bin", b"abc\xff", &o);
        assert_eq!(
            e[0].as_ref().expect_err("utf8").to_string(),
            "x.bin: not UTF-8 text (invalid byte at offset 3)"
        );
    }

    #[test]
    fn paths() {
        let dir = std::env::temp_dir().join(format!("dyad-text-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).expect("mkdir");
        std::fs::write(dir.join("b.txt"), "Plain text.").expect("write");
        std::fs::write(dir.join("sub/a.html"), "<p>Hi &amp; bye.</p>").expect("write");
        std::fs::write(dir.join("sub/c.md"), "# Head\n\nBody.").expect("write");
        std::fs::write(dir.join(".hidden.txt"), "secret").expect("write");
        std::fs::write(dir.join("blob.bin"), b"\0\x01\x02").expect("write");
        std::fs::write(dir.join("d.jsonl"), "{\"text\":\"x\"}\n{\"text\":1}\n").expect("write");
        let out = read_path(&dir, &ReadOptions::default());
        let ids: Vec<String> = out
            .iter()
            .map(|r| match r {
                Ok(d) => d.id.clone(),
                Err(e) => format!("ERR {e}"),
            })
            .collect();
        assert_eq!(
            ids,
            [
                "b.txt",
                "d.jsonl#1",
                "ERR d.jsonl:2: field \"text\" must be a string",
                "sub/a.html",
                "sub/c.md"
            ]
        );
        if let Ok(d) = &out[3] {
            assert_eq!(d.text.trim(), "Hi & bye.");
        }
        let one = read_path(&dir.join("b.txt"), &ReadOptions::default());
        assert_eq!(one.len(), 1);
        assert!(one[0]
            .as_ref()
            .is_ok_and(|d| d.id.ends_with("b.txt") && d.text == d.original));
        let missing = read_path(&dir.join("nope.txt"), &ReadOptions::default());
        assert!(missing[0]
            .as_ref()
            .is_err_and(|e| e.message == "no such file or directory"));
        let bin = read_path(&dir.join("blob.bin"), &ReadOptions::default());
        assert!(bin[0]
            .as_ref()
            .is_err_and(|e| e.message.contains("not UTF-8 text")));
        let empty = dir.join("empty");
        std::fs::create_dir_all(&empty).expect("mkdir");
        let out = read_path(&empty, &ReadOptions::default());
        assert!(out[0]
            .as_ref()
            .is_err_and(|e| e.message.contains("no readable text files")));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn dates_and_formats() {
        assert_eq!(
            parse_date("2021-12-15"),
            NaiveDate::from_ymd_opt(2021, 12, 15)
        );
        assert_eq!(
            parse_date("2021-12-15T08:00:00+08:00"),
            NaiveDate::from_ymd_opt(2021, 12, 15)
        );
        assert_eq!(parse_date("2021-12-15x"), None);
        assert_eq!(parse_date("2021-13-01"), None);
        assert_eq!(parse_date("2021"), None);
        assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
        assert!("pdf".parse::<Format>().is_err());
        assert_eq!(Format::from_path(Path::new("a/b.HTM")), Some(Format::Html));
    }
}
