//! Lossless tokenisation: tokens plus the gaps between them give the text back.
//!
//! Rules, in the order they are tried at each position:
//!
//! * whitespace (and the invisible U+200B, U+FEFF, U+00AD) is a gap, never a
//!   token;
//! * a **word** is a run of letters, digits and combining marks starting with
//!   a letter. Hyphens always split (`China-Russia` → `china` `-` `russia`).
//!   Dotted abbreviations made of one- or two-letter pieces stay whole, with
//!   their final dot (`U.S.` → `u.s.`, `a.m.`, `e.g.`, `D.P.R.K.`); a single
//!   initial (`F.`) or a title (`Mr.`) gives the word and a separate `.`.
//!   The clitics `'s 're 've 'll 'd 'm` split off with their apostrophe
//!   (`China's` and `China’s` → `china` `'s`), `n't` splits off whole
//!   (`don't` → `do` `n't`); any other apostrophe between letters stays in
//!   the word (`O'Neill` → `o'neill`);
//! * a **number** starts with an ASCII digit and keeps `.`/`,` that sit
//!   between digits (`107.8`, `4,300`, and `1.2.3` as one token so a later
//!   stage can flag it). An ordinal or decade suffix stays on it and makes the
//!   token a word (`21st`, `1990s`); any other letters split off (`100km` →
//!   `100` `km`);
//! * currency is split: `US$200` → `us` `$` `200`; `$` and `%` are symbols
//!   of their own;
//! * a run of dots (`...`) or of hyphens (`--`) is one punctuation token;
//!   every other punctuation or symbol character is a token by itself.
//!
//! `norm` is the lower-cased text with curly quotes and apostrophes made
//! straight and `…` written `...`; a [`Norm`] keeps it inside the token
//! (no allocation) unless it is longer than [`Norm::INLINE`] bytes.
use crate::Span;

/// The normalised form of a token. Nearly every word is short, so it is
/// stored inline; a heap string only for the rare long one. It derefs to
/// `str` and compares, hashes, prints and orders as that string does.
#[derive(Clone)]
pub struct Norm(Repr);

#[derive(Clone)]
enum Repr {
    /// `buf[..len]` is valid UTF-8: it is only ever copied from a `&str`.
    Inline {
        len: u8,
        buf: [u8; Norm::INLINE],
    },
    Heap(Box<str>),
}

str_like!(Norm);

impl Norm {
    /// The longest form kept inline (the type is as large as a `String`).
    pub const INLINE: usize = 22;

    /// A normalised form as it is (no normalisation is applied).
    pub fn from_str_exact(s: &str) -> Norm {
        if s.len() <= Norm::INLINE {
            let mut buf = [0u8; Norm::INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            Norm(Repr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            Norm(Repr::Heap(s.into()))
        }
    }

    /// The normal form of `raw`: as [`normalize`], without allocating for
    /// a short ASCII token.
    pub fn of(raw: &str) -> Norm {
        if raw.len() <= Norm::INLINE && raw.is_ascii() {
            let mut buf = [0u8; Norm::INLINE];
            for (d, s) in buf.iter_mut().zip(raw.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            return Norm(Repr::Inline {
                len: raw.len() as u8,
                buf,
            });
        }
        Norm::from_str_exact(&normalize(raw))
    }

    /// [`Norm::of`] `s[a..b]`. A token of up to 16 bytes is read as one or
    /// two words of eight bytes straight from `s` (the bytes after the
    /// token, where `s` has them, are masked off), tested for ASCII and
    /// lower-cased all at once: the byte loops of `of` were ~85
    /// instructions a token.
    #[inline(always)]
    pub(crate) fn of_at(s: &str, a: usize, b: usize) -> Norm {
        match Norm::ascii_at(s, a, b) {
            Some(n) => n,
            None => Norm::of(&s[a..b]),
        }
    }

    /// [`Norm::of`] `s[a..b]` when that is ASCII of up to 16 bytes and `s`
    /// has 16 bytes from `a` (see [`Norm::of_at`]); `None` otherwise.
    #[inline(always)]
    pub fn ascii_at(s: &str, a: usize, b: usize) -> Option<Norm> {
        let bytes = s.as_bytes();
        let n = b - a;
        if n <= 16 && a + 16 <= bytes.len() {
            let lo = u64::from_le_bytes(bytes[a..a + 8].try_into().unwrap_or([0; 8]));
            let hi = u64::from_le_bytes(bytes[a + 8..a + 16].try_into().unwrap_or([0; 8]));
            let (lo, hi) = if n <= 8 {
                (lo & low_bytes(n), 0)
            } else {
                (lo, hi & low_bytes(n - 8))
            };
            if (lo | hi) & 0x8080_8080_8080_8080 == 0 {
                let mut buf = [0u8; Norm::INLINE];
                buf[..8].copy_from_slice(&ascii_lower8(lo).to_le_bytes());
                buf[8..16].copy_from_slice(&ascii_lower8(hi).to_le_bytes());
                return Some(Norm(Repr::Inline { len: n as u8, buf }));
            }
        }
        None
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, buf } => {
                let b = &buf[..*len as usize];
                // SAFETY: an inline form is only built by copying all the
                // bytes of a `&str` (`from_str_exact`) or ASCII bytes
                // lower-cased one by one (`of`), so `b` is valid UTF-8.
                unsafe { std::str::from_utf8_unchecked(b) }
            }
            Repr::Heap(s) => s,
        }
    }
}

/// A mask of the low `n` bytes of a word (`n` from 1 to 8).
#[inline]
fn low_bytes(n: usize) -> u64 {
    debug_assert!((1..=8).contains(&n));
    !0u64 >> (64 - 8 * n)
}

/// Each byte of `w` (all below 0x80) lower-cased as
/// `u8::to_ascii_lowercase` does: 0x20 added to the bytes from `A` (0x41)
/// to `Z` (0x5A). No byte carries into the next: each stays below 0xC0.
#[inline]
fn ascii_lower8(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let from_a = w + ONES * (0x80 - 0x41);
    let past_z = w + ONES * (0x80 - 0x5B);
    let upper = from_a & !past_z & (ONES * 0x80);
    w | (upper >> 2)
}

impl From<&str> for Norm {
    fn from(s: &str) -> Norm {
        Norm::from_str_exact(s)
    }
}

impl From<Norm> for String {
    fn from(n: Norm) -> String {
        n.as_str().to_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    pub norm: Norm,
    pub kind: TokenKind,
}

/// Tokenises `text[span]`; token spans are absolute offsets into `text`.
///
/// A span that reaches past the text or cuts a character is first shrunk to
/// the nearest valid span inside it, so this never panics.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    tokenize_into(text, span, &mut out);
    out
}

/// Like [`tokenize`], appending to `out` (lets callers reuse one buffer).
pub fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let span = clamp_span(text, span);
    let base = Base {
        text,
        start: span.start,
    };
    let s = &text[span.start..span.end];
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (c, n) = char_at(s, i);
        let cls = class(c);
        match cls {
            Cls::Gap => {
                i += n;
            }
            Cls::Word => {
                i = word(s, i, base, out);
            }
            Cls::Digit => {
                i = number(s, i, base, out);
            }
            Cls::Punct | Cls::Symbol => {
                let start = i;
                i += n;
                if c == '.' || c == '-' {
                    while i < b.len() && b[i] == c as u8 {
                        i += 1;
                    }
                }
                let kind = if cls == Cls::Punct {
                    TokenKind::Punct
                } else {
                    TokenKind::Symbol
                };
                push(start, i, base, kind, out);
            }
        }
    }
}

/// Shrinks `span` to lie inside `text` on character boundaries.
pub(crate) fn clamp_span(text: &str, span: Span) -> Span {
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = span.start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    Span::new(start, end.max(start))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cls {
    Gap,
    Word,
    Digit,
    Punct,
    Symbol,
}

#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
        (c, c.len_utf8())
    }
}

#[inline]
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{200C}' | '\u{200D}')
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_mark(c)
    }
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn class(c: char) -> Cls {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Cls::Word,
            '0'..='9' => Cls::Digit,
            ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C' => Cls::Gap,
            '$' | '%' | '&' | '+' | '<' | '=' | '>' | '#' | '@' | '*' | '^' | '~' | '|' => {
                Cls::Symbol
            }
            c if c.is_ascii_control() => Cls::Gap,
            _ => Cls::Punct,
        };
    }
    if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}') {
        return Cls::Gap;
    }
    if c.is_alphanumeric() || is_mark(c) {
        return Cls::Word;
    }
    match c {
        '\u{2010}'..='\u{2015}'
        | '\u{2018}'..='\u{201F}'
        | '\u{2026}'
        | '\u{2039}'
        | '\u{203A}'
        | '\u{00AB}'
        | '\u{00BB}'
        | '\u{00B7}'
        | '\u{2022}'
        | '\u{00A1}'
        | '\u{00BF}'
        | '\u{00A7}'
        | '\u{00B6}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF1F}'
        | '\u{FF3B}'..='\u{FF3D}'
        | '\u{FF5B}'..='\u{FF5D}' => Cls::Punct,
        _ => Cls::Symbol,
    }
}

/// Where the span being tokenised starts: its text and its offset there.
/// A token's norm is read from the whole text, so that the eight-byte
/// reads of [`Norm::of_at`] may go past the span's end (those bytes are
/// masked off) and only the last sixteen bytes of a text take the slower
/// path, not those of every sentence.
#[derive(Clone, Copy)]
struct Base<'a> {
    text: &'a str,
    start: usize,
}

/// Appends a token for `s[a..b]` (at `base`), normalising once.
#[inline(always)]
fn push(a: usize, b: usize, base: Base, kind: TokenKind, out: &mut Vec<Token>) {
    let (a, b) = (base.start + a, base.start + b);
    out.push(Token {
        span: Span::new(a, b),
        norm: Norm::of_at(base.text, a, b),
        kind,
    });
}

/// Lower case, straight quotes, `…` as `...`: the `norm` of a token.
pub fn normalize(raw: &str) -> String {
    if raw.is_ascii() {
        return raw.to_ascii_lowercase();
    }
    let mut n = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => n.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => n.push('"'),
            '\u{2026}' => n.push_str("..."),
            c if c.is_ascii() => n.push(c.to_ascii_lowercase()),
            c => n.extend(c.to_lowercase()),
        }
    }
    n
}

/// Byte classes for [`word_run`]: [`ASCII_CLASS`]'s letter and digit, or
/// the first or a later byte of a multi-byte character (0 for any other
/// byte).
const ALPHA: u8 = ASCII_LETTER;
const DIGIT: u8 = ASCII_DIGIT;
const WIDE: u8 = 4;
static WORD_BYTES: [u8; 256] = {
    let mut t = ASCII_CLASS;
    let mut c = 0x80;
    while c < 256 {
        t[c] = WIDE;
        c += 1;
    }
    t
};

/// Scans a run of word characters from `i`; returns its end.
#[inline]
fn word_run(s: &str, i: usize) -> usize {
    word_run_alpha(s, i).0
}

/// Scans a run of word characters from `i`; returns its end, and whether
/// the run is ASCII letters only (the end of [`ascii_alpha_run`] from `i`
/// is then the same).
#[inline(always)]
fn word_run_alpha(s: &str, mut i: usize) -> (usize, bool) {
    let b = s.as_bytes();
    let mut seen = 0u8;
    // ASCII letters and digits eight bytes at a time while eight are left;
    // then, and at the byte that stops a word there, by a table lookup per
    // byte; a character is decoded only where a byte is not ASCII
    loop {
        if let Some(w) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
            let (alnum, digit) = ascii_alnum8(w);
            // bytes in the run: up to the first that is not one (8: all)
            let n = ((!alnum & HIGH_BITS).trailing_zeros() / 8) as usize;
            // a digit before the first byte not in the run
            if (digit.trailing_zeros() / 8) < n as u32 {
                seen |= DIGIT;
            }
            i += n;
            if n == 8 {
                continue;
            }
        }
        let Some(&byte) = b.get(i) else {
            break;
        };
        let k = WORD_BYTES[byte as usize];
        if k == 0 {
            break;
        }
        if k != WIDE {
            seen |= k;
            i += 1;
            continue;
        }
        match wide_word_char(s, i) {
            0 => break,
            n => {
                seen |= WIDE;
                i += n;
            }
        }
    }
    (i, seen & !ALPHA == 0)
}

/// The length of the character at `i` (not ASCII) if it is a word
/// character, else 0: out of line, so that the ASCII loops that call it
/// stay small enough to be inlined.
#[cold]
#[inline(never)]
fn wide_word_char(s: &str, i: usize) -> usize {
    let (c, n) = char_at(s, i);
    if is_word_char(c) {
        n
    } else {
        0
    }
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

const ONES: u64 = 0x0101_0101_0101_0101;

/// The bytes of `w` that are ASCII letters or digits, and those that are
/// digits, as the high bit of each byte.
#[inline]
fn ascii_alnum8(w: u64) -> (u64, u64) {
    let digit = ascii_digits8(w);
    (ascii_letters8(w) | digit, digit)
}

/// The bytes of `w` that are ASCII letters, as the high bit of each byte.
/// Each test adds to the low seven bits of a byte (at most 0x7F) less
/// than 0x80, so no byte carries into the next; a byte of 0x80 or above
/// is no letter.
#[inline]
fn ascii_letters8(w: u64) -> u64 {
    // a letter in either case is one from `a` to `z` with 0x20 set
    let folded = (w & !HIGH_BITS) | (ONES * 0x20);
    let letter = (folded + ONES * (0x80 - b'a' as u64)) & !(folded + ONES * (0x80 - 0x7B));
    letter & !w & HIGH_BITS
}

/// The bytes of `w` that are ASCII digits, as the high bit of each byte
/// (no carries, as in [`ascii_letters8`]); for the pre-scans of other
/// crates too.
#[inline]
pub fn ascii_digits8(w: u64) -> u64 {
    let seven = w & !HIGH_BITS;
    let digit = (seven + ONES * (0x80 - b'0' as u64)) & !(seven + ONES * (0x80 - 0x3A));
    digit & !w & HIGH_BITS
}

/// The end of the run of ASCII letters in `b` from `i`: eight bytes at a
/// time while eight are left (for the pre-scans of other crates too).
#[inline]
pub fn ascii_letter_run(b: &[u8], mut i: usize) -> usize {
    while let Some(w) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        let n = ((!ascii_letters8(w) & HIGH_BITS).trailing_zeros() / 8) as usize;
        i += n;
        if n < 8 {
            return i;
        }
    }
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// Whether `b` has an ASCII digit, tested eight bytes at a time.
pub fn has_ascii_digit(b: &[u8]) -> bool {
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        if ascii_digits8(u64::from_le_bytes(w.try_into().unwrap_or([0; 8]))) != 0 {
            return true;
        }
    }
    words.remainder().iter().any(u8::is_ascii_digit)
}

/// Scans a run of ASCII letters from `i`; returns its end.
#[inline]
fn ascii_alpha_run(b: &[u8], i: usize) -> usize {
    ascii_letter_run(b, i)
}

fn followed_by_word_char(s: &str, i: usize) -> bool {
    i < s.len() && is_word_char(char_at(s, i).0)
}

/// A word starting at `start`; pushes one or more tokens and returns the end.
fn word(s: &str, start: usize, base: Base, out: &mut Vec<Token>) -> usize {
    let b = s.as_bytes();
    let (mut i, all_alpha) = word_run_alpha(s, start);

    // Dotted abbreviation: pieces of one or two ASCII letters joined by dots.
    if all_alpha && i - start <= 2 && i < b.len() && b[i] == b'.' {
        let mut j = i;
        let mut pieces = 1;
        while j < b.len() && b[j] == b'.' {
            let k = ascii_alpha_run(b, j + 1);
            if k == j + 1 || k - (j + 1) > 2 || followed_by_word_char(s, k) {
                break;
            }
            pieces += 1;
            j = k;
        }
        if pieces > 1 {
            if j < b.len() && b[j] == b'.' {
                j += 1;
            }
            push(start, j, base, TokenKind::Word, out);
            return j;
        }
    }

    // Apostrophes: clitics split off, others stay inside the word.
    loop {
        if i >= b.len() {
            break;
        }
        let (c, n) = char_at(s, i);
        if !is_apostrophe(c) {
            break;
        }
        let after = i + n;
        if !followed_by_word_char(s, after) {
            // No letter after the apostrophe: it is punctuation.
            break;
        }
        let k = ascii_alpha_run(b, after);
        let suffix = &s[after..k];
        let clitic_end = k > after && !followed_by_word_char(s, k);
        if clitic_end && suffix.eq_ignore_ascii_case("t") && i - start >= 2 {
            let (last, ln) = last_char(&s[start..i]);
            if last == 'n' || last == 'N' {
                let split = i - ln;
                push(start, split, base, TokenKind::Word, out);
                push(split, k, base, TokenKind::Word, out);
                return k;
            }
        }
        if clitic_end && is_clitic(suffix) {
            push(start, i, base, TokenKind::Word, out);
            push(i, k, base, TokenKind::Word, out);
            return k;
        }
        // O'Neill: keep the apostrophe and continue the word.
        i = word_run(s, after);
    }
    push(start, i, base, TokenKind::Word, out);
    i
}

fn last_char(s: &str) -> (char, usize) {
    s.chars()
        .next_back()
        .map(|c| (c, c.len_utf8()))
        .unwrap_or((' ', 0))
}

fn is_clitic(suffix: &str) -> bool {
    ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|c| suffix.eq_ignore_ascii_case(c))
}

/// A number starting at `start` (an ASCII digit); returns its end.
fn number(s: &str, start: usize, base: Base, out: &mut Vec<Token>) -> usize {
    let b = s.as_bytes();
    let mut i = start;
    loop {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < b.len() && (b[i] == b'.' || b[i] == b',') && b[i + 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        break;
    }
    // Ordinal and decade suffixes stay on the number and make it a word.
    let k = ascii_alpha_run(b, i);
    if k > i && !followed_by_word_char(s, k) {
        let suf = &s[i..k];
        if ["st", "nd", "rd", "th", "s"]
            .iter()
            .any(|x| suf.eq_ignore_ascii_case(x))
        {
            push(start, k, base, TokenKind::Word, out);
            return k;
        }
    }
    push(start, i, base, TokenKind::Number, out);
    i
}

/// ASCII byte classes for quick pre-scans over raw bytes (the figure
/// scanner's and the time tagger's): [`ASCII_DIGIT`], [`ASCII_LETTER`], or
/// 0 for any other byte.
pub const ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_digit() {
            ASCII_DIGIT
        } else if b.is_ascii_alphabetic() {
            ASCII_LETTER
        } else {
            0
        };
        c += 1;
    }
    t
};
/// An ASCII digit in [`ASCII_CLASS`].
pub const ASCII_DIGIT: u8 = 1;
/// An ASCII letter in [`ASCII_CLASS`].
pub const ASCII_LETTER: u8 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, TokenKind)> {
        tokenize(s, Span::new(0, s.len()))
            .into_iter()
            .map(|t| (t.norm.to_string(), t.kind))
            .collect()
    }
    fn norms(s: &str) -> Vec<String> {
        toks(s).into_iter().map(|t| t.0).collect()
    }

    /// `word_run_alpha` as it was, a byte at a time.
    fn word_run_alpha_bytes(s: &str, mut i: usize) -> (usize, bool) {
        let b = s.as_bytes();
        let mut seen = 0u8;
        while i < b.len() {
            let k = WORD_BYTES[b[i] as usize];
            if k == 0 {
                break;
            }
            if k != WIDE {
                seen |= k;
                i += 1;
                continue;
            }
            let (c, n) = char_at(s, i);
            if !is_word_char(c) {
                break;
            }
            seen |= WIDE;
            i += n;
        }
        (i, seen & !ALPHA == 0)
    }

    #[test]
    fn word_runs_read_eight_bytes_at_once_end_where_byte_by_byte() {
        let wide = ["\u{e9}", "\u{2019}", "\u{301}", "\u{4e2d}", "\u{a0}"];
        let mut stops: Vec<String> = (0u8..0x80).map(|c| (c as char).to_string()).collect();
        stops.extend(wide.iter().map(|w| w.to_string()));
        for len in 0..=19 {
            for at in 0..=len {
                for stop in &stops {
                    for fill in ["a", "Z", "7"] {
                        let mut t = String::new();
                        for k in 0..len {
                            t.push_str(if k == at { stop } else { fill });
                        }
                        t.push_str(if at == len { stop } else { "" });
                        t.push_str(" tail of the sentence");
                        for from in [0, 1] {
                            if t.is_char_boundary(from) {
                                assert_eq!(
                                    word_run_alpha(&t, from),
                                    word_run_alpha_bytes(&t, from),
                                    "{t:?} from {from}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn letter_runs_and_digit_tests_read_eight_bytes_at_once_as_byte_by_byte() {
        let mut stops: Vec<String> = (0u8..0x80).map(|c| (c as char).to_string()).collect();
        stops.extend(["\u{e9}", "\u{2019}", "\u{4e2d}"].map(String::from));
        for len in 0..=19 {
            for at in 0..=len {
                for stop in &stops {
                    for fill in ["a", "Z", "-"] {
                        let mut t = String::new();
                        for k in 0..len {
                            t.push_str(if k == at { stop } else { fill });
                        }
                        if at == len {
                            t.push_str(stop);
                        }
                        let b = t.as_bytes();
                        for from in 0..b.len().min(3) {
                            let mut end = from;
                            while end < b.len() && b[end].is_ascii_alphabetic() {
                                end += 1;
                            }
                            assert_eq!(ascii_letter_run(b, from), end, "{t:?} from {from}");
                        }
                        assert_eq!(
                            has_ascii_digit(b),
                            b.iter().any(u8::is_ascii_digit),
                            "{t:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn words_lowered_at_once_are_lowered_as_byte_by_byte() {
        // every ASCII byte at every place of tokens of every length up to
        // 16, with bytes after the token (masked) and without (the loop)
        for len in 1..=17 {
            for at in 0..len {
                for c in 0u8..0x80 {
                    let mut t = vec![b'Q'; len];
                    t[at] = c;
                    for tail in [
                        &b""[..],
                        b"ABCDEFGHIJKLMNOPQR",
                        b"\xc3\xa9xxxxxxxxxxxxxxxxx",
                    ] {
                        let mut text = b"Zq".to_vec();
                        text.extend_from_slice(&t);
                        text.extend_from_slice(tail);
                        let text = String::from_utf8(text).unwrap();
                        let n = Norm::of_at(&text, 2, 2 + len);
                        assert_eq!(n.as_str(), normalize(&text[2..2 + len]), "{text:?}");
                    }
                }
            }
        }
        // non-ASCII inside the token goes the long way
        let text = "Z\u{c9}COLE ET L'\u{c9}TAT DU MONDE ENTIER";
        for b in 2..=text.len() {
            if text.is_char_boundary(b) {
                assert_eq!(Norm::of_at(text, 1, b).as_str(), normalize(&text[1..b]));
            }
        }
    }

    #[test]
    fn norm_is_the_normalised_string_inline_or_not() {
        let long = "Internationalisation-of-Everything-Together";
        for raw in [
            "",
            "China",
            "U.S.",
            "’s",
            "Ünited",
            "…",
            "ABCDEFGHIJKLMNOPQRSTUV",  // 22 bytes: the longest inline
            "ABCDEFGHIJKLMNOPQRSTUVW", // 23: on the heap
            "ÉÉÉÉÉÉÉÉÉÉÉ",             // 22 bytes, not ASCII
            long,
        ] {
            let n = Norm::of(raw);
            let want = normalize(raw);
            assert_eq!(n.as_str(), want, "{raw:?}");
            assert_eq!(n, Norm::from(want.as_str()));
            assert!(n == want.as_str() && n == want);
            assert_eq!(format!("{n}|{n:?}"), format!("{want}|{want:?}"));
            assert_eq!(n.len(), want.len());
        }
        // hashes as its string, so a map keyed by Norm answers for a &str
        let mut m = std::collections::HashMap::new();
        m.insert(Norm::of("Beijing"), 1);
        m.insert(Norm::of(long), 2);
        assert_eq!(m.get("beijing"), Some(&1));
        assert_eq!(m.get(long.to_lowercase().as_str()), Some(&2));
        assert!(Norm::of("a") < Norm::of("b") && Norm::of("b") > Norm::of("ab"));
    }

    #[test]
    fn hyphen_and_possessive() {
        assert_eq!(norms("China-Russia"), ["china", "-", "russia"]);
        assert_eq!(norms("China's"), ["china", "'s"]);
        assert_eq!(norms("China’s trade"), ["china", "'s", "trade"]);
        assert_eq!(norms("CHINA’S"), ["china", "'s"]);
        assert_eq!(norms("don't"), ["do", "n't"]);
        assert_eq!(norms("doesn’t"), ["does", "n't"]);
        assert_eq!(norms("we'll"), ["we", "'ll"]);
        assert_eq!(norms("O'Neill said"), ["o'neill", "said"]);
        assert_eq!(norms("partners' views"), ["partners", "'", "views"]);
        assert_eq!(norms("'Belt'"), ["'", "belt", "'"]);
    }

    #[test]
    fn dotted_abbreviations() {
        assert_eq!(norms("the U.S. and U.N."), ["the", "u.s.", "and", "u.n."]);
        assert_eq!(
            norms("at 10 a.m., e.g. x"),
            ["at", "10", "a.m.", ",", "e.g.", "x"]
        );
        assert_eq!(norms("U.S.-China"), ["u.s.", "-", "china"]);
        assert_eq!(norms("D.P.R.K."), ["d.p.r.k."]);
        assert_eq!(norms("U.S"), ["u.s"]);
        assert_eq!(norms("Mr. Xi"), ["mr", ".", "xi"]);
        assert_eq!(norms("John F. Kennedy"), ["john", "f", ".", "kennedy"]);
        assert_eq!(norms("example.com"), ["example", ".", "com"]);
        assert_eq!(norms("end."), ["end", "."]);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            toks("107.8 4,300 1.2.3"),
            [
                ("107.8".into(), TokenKind::Number),
                ("4,300".into(), TokenKind::Number),
                ("1.2.3".into(), TokenKind::Number)
            ]
        );
        assert_eq!(norms("US$107.8 billion"), ["us", "$", "107.8", "billion"]);
        assert_eq!(norms("3.5%"), ["3.5", "%"]);
        assert_eq!(toks("%")[0].1, TokenKind::Symbol);
        assert_eq!(norms("in 2021."), ["in", "2021", "."]);
        assert_eq!(norms("1,000,"), ["1,000", ","]);
        assert_eq!(toks("21st")[0], ("21st".into(), TokenKind::Word));
        assert_eq!(
            norms("1990s 100km COVID-19"),
            ["1990s", "100", "km", "covid", "-", "19"]
        );
    }

    #[test]
    fn punctuation_and_quotes() {
        assert_eq!(
            norms("“Yes,” he said…"),
            ["\"", "yes", ",", "\"", "he", "said", "..."]
        );
        assert_eq!(norms("wait... -- now"), ["wait", "...", "--", "now"]);
        assert_eq!(toks("—")[0].1, TokenKind::Punct);
        assert_eq!(toks("€")[0].1, TokenKind::Symbol);
    }

    #[test]
    fn unicode_words() {
        assert_eq!(norms("Łódź São Paulo"), ["łódź", "são", "paulo"]);
        assert_eq!(norms("e\u{301}te"), ["e\u{301}te"]);
        assert_eq!(norms("中国外交部"), ["中国外交部"]);
    }

    #[test]
    fn sub_span_and_bad_span() {
        let t = "abc def ghi";
        let v = tokenize(t, Span::new(4, 7));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].span, Span::new(4, 7));
        assert!(tokenize(t, Span::new(5, 100)).len() == 2);
        let u = "é";
        assert!(tokenize(u, Span::new(1, 2)).is_empty());
    }

    #[test]
    fn lossless() {
        let t = "Q: What's China’s view on the U.S.-led \"coalition\"?\n\nA: US$200 billion, i.e. 3.5%.";
        let v = tokenize(t, Span::new(0, t.len()));
        let mut rebuilt = String::new();
        let mut last = 0;
        for tok in &v {
            assert!(t[last..tok.span.start].chars().all(char::is_whitespace));
            rebuilt.push_str(&t[last..tok.span.start]);
            rebuilt.push_str(&t[tok.span]);
            last = tok.span.end;
        }
        rebuilt.push_str(&t[last..]);
        assert_eq!(rebuilt, t);
    }
}
