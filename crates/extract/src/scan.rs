//! Finding figures in a sentence: a small scanner of its own (numbers keep
//! their commas and points in one token, so "4,30,0" can be refused whole),
//! then a left-to-right grammar: [change] [qualifier] [currency] NUMBER
//! [scale] [currency | unit | counted noun] [per unit], with ranges.
use crate::lexicon::{Entry, QtyLexicon};
use dyad_text::{Norm, Span, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Num,
    Word,
    Sym,
    Space,
}

#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte offsets relative to the scanned string.
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Kept inline for all but long words (no allocation per token).
    pub norm: Norm,
    /// Whitespace right before the token.
    pub space_before: bool,
}

/// The character at byte `i` of `s` (`s[i..].chars().next()`), without
/// decoding when it is ASCII, as most are.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s[i..].chars().next(),
        None => None,
    }
}

/// Scans a string into numbers, words, single symbols and spaces.
pub fn lex_tokens(s: &str) -> Vec<Tok> {
    lex(s, true, usize::MAX)
}

/// [`lex_tokens`] without the spaces (what the scanners read): the same
/// tokens as filtering them out, without pushing them first.
pub(crate) fn lex_words(s: &str) -> Vec<Tok> {
    lex(s, false, usize::MAX)
}

/// The norms of the first `n` words of `s` (those of the word tokens of
/// [`lex_tokens`], which lexes from left to right, so the first words do
/// not depend on what follows them): for callers that look at a few.
pub(crate) fn first_words(s: &str, n: usize) -> Vec<Norm> {
    lex(s, false, n)
        .into_iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| t.norm)
        .collect()
}

/// Lexes `s`, stopping after `max_words` word tokens.
#[inline(always)]
fn lex(s: &str, keep_space: bool, max_words: usize) -> Vec<Tok> {
    let b = s.as_bytes();
    let mut out: Vec<Tok> = Vec::with_capacity(s.len() / if keep_space { 3 } else { 5 } + 1);
    let mut i = 0;
    let mut space = false;
    let mut words = 0;
    while i < s.len() && words < max_words {
        let c = char_at(s, i).unwrap_or(' ');
        let cl = c.len_utf8();
        if c.is_whitespace() {
            let st = i;
            while i < s.len() {
                let c2 = char_at(s, i).unwrap_or('x');
                if !c2.is_whitespace() {
                    break;
                }
                i += c2.len_utf8();
            }
            if keep_space {
                out.push(Tok {
                    start: st,
                    end: i,
                    kind: TokKind::Space,
                    norm: Norm::from(""),
                    space_before: false,
                });
            }
            space = true;
            continue;
        }
        let st = i;
        let kind = if c.is_ascii_digit() {
            i += 1;
            while i < b.len() {
                if b[i].is_ascii_digit() {
                    i += 1;
                } else if (b[i] == b',' || b[i] == b'.')
                    && i + 1 < b.len()
                    && b[i + 1].is_ascii_digit()
                {
                    i += 2;
                } else {
                    break;
                }
            }
            TokKind::Num
        } else if c.is_alphabetic() {
            i += cl;
            // ASCII letters eight bytes at a time; the loop below decides
            // at the first other character, as it would have
            i = ascii_letter_run(b, i);
            while i < s.len() {
                let c2 = char_at(s, i).unwrap_or(' ');
                let apostrophe = (c2 == '\'' || c2 == '’')
                    && char_at(s, i + c2.len_utf8()).is_some_and(|c3| c3.is_alphabetic());
                if c2.is_alphabetic() || apostrophe {
                    i += c2.len_utf8();
                } else {
                    break;
                }
            }
            TokKind::Word
        } else {
            i += cl;
            TokKind::Sym
        };
        let raw = &s[st..i];
        let norm = if kind == TokKind::Word {
            if let Some(n) = Norm::ascii_at(s, st, i) {
                // what Norm::of gives, from words of eight bytes
                n
            } else if raw.is_ascii() {
                // ASCII lower case: what the line below gives, inline
                Norm::of(raw)
            } else {
                Norm::from(raw.to_lowercase().replace('’', "'").as_str())
            }
        } else {
            match raw {
                "–" | "—" | "‑" => Norm::from("-"),
                _ => Norm::from(raw),
            }
        };
        words += usize::from(kind == TokKind::Word);
        out.push(Tok {
            start: st,
            end: i,
            kind,
            norm,
            space_before: space,
        });
        space = false;
    }
    out
}

/// A figure found in a sentence. Spans are absolute into the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub span: Span,
    /// The value in base units (the stated number times its scale); `None`
    /// when the figure could not be parsed.
    pub value: Option<f64>,
    /// Upper end of a range ("1 to 1.5 degrees").
    pub value_to: Option<f64>,
    /// Half the step of the last stated digit, in base units: how far the
    /// true value may be from the stated one by rounding alone.
    pub rounding: f64,
    /// Unit code (`USD`, `percent`, `km`, `times`, a counted noun ...).
    pub unit: Option<String>,
    /// Dimension: `currency`, `percent`, `multiple`, `length`, `count` ...
    pub dim: Option<String>,
    pub qualifier: Option<String>,
    /// `"up"` or `"down"` when the figure is a change.
    pub change: Option<String>,
    /// The scale word's factor (1 without one).
    pub scale: f64,
    /// The counted noun of a share or a count ("half of Russian users" -> "user").
    pub counted: Option<String>,
    /// The entry or grammar rule that decided the unit.
    pub rule: String,
    /// Why the figure was refused, when `value` is `None`.
    pub unparsed: Option<String>,
}

/// Words that end a counted-noun run or may not be one.
const STOP: &[&str] = &[
    "of", "in", "on", "at", "to", "for", "and", "or", "the", "a", "an", "with", "from", "by",
    "than", "that", "which", "who", "is", "are", "was", "were", "be", "been", "has", "have", "had",
    "will", "would", "can", "could", "as", "per", "this", "these", "those", "its", "their", "his",
    "her", "our", "it", "he", "she", "they", "we", "i", "you", "into", "over", "under", "after",
    "before", "since", "ago", "more", "less", "up", "down", "not", "no", "but", "if", "when",
    "while", "there", "here", "so", "such", "about", "between", "each", "other", "another",
    "worth", "times", "one", "same", "all", "both", "out", "off", "did", "do", "does", "said",
    "says", "also", "only", "just", "last", "next", "ago", "am", "pm", "percent", "then", "now",
    "again", "where", "through", "across", "against",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// The first letters of the number words of [`may_have_figure`], as bits
/// (`a` is bit 0).
const FIRST_LETTERS: u32 = {
    let mut m = 0u32;
    let s = b"bdefhmnoqst";
    let mut k = 0;
    while k < s.len() {
        m |= 1 << (s[k] - b'a');
        k += 1;
    }
    m
};

/// Whether `w` (lower case) is one of the number words of
/// [`may_have_figure`] (a word added here must have its first letter in
/// [`FIRST_LETTERS`]).
// a match on the word's bytes (a jump on its length, then a few
// compares), not a scan of the list for every word of every sentence
#[inline(always)]
fn number_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"one"
            | b"two"
            | b"three"
            | b"four"
            | b"five"
            | b"six"
            | b"seven"
            | b"eight"
            | b"nine"
            | b"ten"
            | b"eleven"
            | b"twelve"
            | b"thirteen"
            | b"fourteen"
            | b"fifteen"
            | b"sixteen"
            | b"seventeen"
            | b"eighteen"
            | b"nineteen"
            | b"twenty"
            | b"thirty"
            | b"forty"
            | b"fifty"
            | b"sixty"
            | b"seventy"
            | b"eighty"
            | b"ninety"
            | b"hundred"
            | b"thousand"
            | b"million"
            | b"billion"
            | b"dozen"
            | b"half"
            | b"doubled"
            | b"tripled"
            | b"quadrupled"
            | b"trillion"
            | b"quarter"
            | b"third"
            | b"tens"
            | b"dozens"
            | b"hundreds"
            | b"thousands"
            | b"millions"
            | b"billions"
            | b"minus"
    )
}

/// The cheap test run on every sentence: a digit, or a word that can be a number.
pub fn may_have_figure(s: &str) -> bool {
    // one pass over the bytes: a digit anywhere, or a run of ASCII letters
    // that is a number word (a byte of a multi-byte character is neither
    // a digit nor an ASCII letter, so it ends a run as the character would)
    // (a byte's class is one table load, not two range tests)
    // (a digit anywhere is tested first, eight bytes at a time, and the
    // runs of letters are read eight bytes at a time: the answer is the
    // same whichever is found first)
    let b = s.as_bytes();
    if has_ascii_digit(b) {
        return true;
    }
    let mut buf = [0u8; 12];
    let mut i = 0;
    while i < b.len() {
        if BYTE_CLASS[b[i] as usize] != LETTER {
            i += 1;
            continue;
        }
        let start = i;
        i = ascii_letter_run(b, i + 1);
        let n = i - start;
        if !(3..=10).contains(&n) {
            continue;
        }
        // the number words start with one of "bdefhmnoqst": a word that
        // starts otherwise is not copied and compared
        if FIRST_LETTERS & (1 << ((b[start] | 0x20) - b'a')) == 0 {
            continue;
        }
        for (d, c) in buf.iter_mut().zip(&b[start..i]) {
            *d = c.to_ascii_lowercase();
        }
        if number_word(&buf[..n]) {
            return true;
        }
    }
    false
}

/// [`may_have_figure`] of a sentence `s` (`text[span]`) from its tokens
/// `toks` (`tokenize(text, span)`, the coder's): the same answer, from
/// the tokens' norms instead of finding the runs of letters byte by byte
/// (~1,400 instructions a sentence).
///
/// A digit is found in the bytes, as there. Without one, every run of
/// ASCII letters lies inside one token (letters are word characters, and
/// the tokenizer splits a word between two letters only before "n't"),
/// and in a token of ASCII bytes the norm is the bytes in lower case, so
/// the runs are the norm's: a norm of letters only is its run, and the
/// others hold dots (abbreviations, pieces of one or two letters) or
/// apostrophes. A token that opens with an apostrophe (a clitic or a
/// quote) has one and at most two letters after it; any other apostrophe
/// (inside a word, "n't") and any "n't" (whose "n" ends the run of the
/// word before it) send the sentence to [`may_have_figure`], as does
/// nothing else: a token that is not ASCII is read byte by byte.
pub(crate) fn may_have_figure_tokens(text: &str, s: &str, toks: &[Token]) -> bool {
    let b = s.as_bytes();
    // one pass, eight bytes at a time: a digit; any byte not ASCII; the
    // number of apostrophes (counted only in a word that has one)
    let mut high = 0u64;
    let mut apostrophes = 0u32;
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        if ascii_digits8(w) != 0 {
            return true;
        }
        high |= w;
        let a = bytes_equal8(w, b'\'');
        if a != 0 {
            apostrophes += a.count_ones();
        }
    }
    for &c in words.remainder() {
        if c.is_ascii_digit() {
            return true;
        }
        high |= c as u64;
        apostrophes += u32::from(c == b'\'');
    }
    let ascii = high & HIGH_BITS == 0;
    // (most sentences: ASCII without an apostrophe, so every token's norm
    // of letters only is a run, and the first number word found decides)
    if ascii && apostrophes == 0 {
        return toks.iter().any(|t| {
            let n = t.norm.as_str().as_bytes();
            (3..=10).contains(&n.len())
                && FIRST_LETTERS & (1u32 << (n[0].wrapping_sub(b'a') & 31)) != 0
                && number_word(n)
        });
    }
    let bytes = text.as_bytes();
    let mut found = false;
    let mut opening = 0u32;
    let mut other = false;
    for t in toks {
        if bytes.get(t.span.start) == Some(&b'\'') {
            opening += 1;
            continue;
        }
        if !ascii {
            let raw = bytes.get(t.span.start..t.span.end).unwrap_or(&[]);
            if !raw.is_ascii() {
                other |= t.norm.as_str() == "n't";
                // (its bytes are valid UTF-8: the token is a whole span of
                // the text)
                found |= may_have_figure(std::str::from_utf8(raw).unwrap_or(""));
                continue;
            }
        }
        // (a word of three to ten letters, the first one that can start a
        // number word, is compared; "n't" has three)
        let n = t.norm.as_str().as_bytes();
        if (3..=10).contains(&n.len())
            && FIRST_LETTERS & (1u32 << (n[0].wrapping_sub(b'a') & 31)) != 0
        {
            other |= n == b"n't";
            found |= number_word(n);
        }
    }
    if other || opening != apostrophes {
        return may_have_figure(s);
    }
    found
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The bytes of `w` equal to `c`, as the high bit of each byte (exact:
/// a byte is zero after the xor only where it was `c`).
#[inline]
fn bytes_equal8(w: u64, c: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let x = w ^ (ONES * c as u64);
    // a byte's high bit set where it was zero: (0x7F + low seven bits)
    // reaches 0x80 for any non-zero low bits, and a byte with its high bit
    // set is not zero
    !(((x & !HIGH_BITS) + ONES * 0x7F) | x) & HIGH_BITS
}

// byte classes of the pre-scan, shared with the other scanners
use dyad_text::token::{
    ascii_digits8, ascii_letter_run, has_ascii_digit, ASCII_CLASS as BYTE_CLASS,
    ASCII_LETTER as LETTER,
};

/// Finds the figures of `text[span]`.
pub fn figures(lex: &QtyLexicon, text: &str, span: Span) -> Vec<Figure> {
    figures_and_tokens(lex, text, span, None).0
}

/// [`figures`] of the text from the start of `toks` to the end of its last
/// token, given those tokens as [`dyad_text::tokenize`] gives them (the
/// coder's tokens of a sentence, or a run of them): the same figures, the
/// pre-test read from the tokens ([`may_have_figure_tokens`]).
pub fn figures_of_tokens(lex: &QtyLexicon, text: &str, toks: &[Token]) -> Vec<Figure> {
    match (toks.first(), toks.last()) {
        (Some(a), Some(z)) if a.span.start <= z.span.end => {
            figures_and_tokens(lex, text, Span::new(a.span.start, z.span.end), Some(toks)).0
        }
        _ => Vec::new(),
    }
}

/// [`figures`], and the sentence's tokens without spaces when it has a
/// figure (empty when it has none), for the caller to reuse. `coder`: the
/// sentence's tokens by [`dyad_text::tokenize`] when the caller has them
/// (for the pre-test, [`may_have_figure_tokens`]).
pub(crate) fn figures_and_tokens(
    lex: &QtyLexicon,
    text: &str,
    span: Span,
    coder: Option<&[Token]>,
) -> (Vec<Figure>, Vec<Tok>) {
    let Some(s) = text.get(span.start..span.end) else {
        return (Vec::new(), Vec::new());
    };
    // (tokens that do not lie in the sentence are not read)
    let may = match coder {
        Some(toks)
            if toks.first().is_none_or(|t| t.span.start >= span.start)
                && toks.last().is_none_or(|t| t.span.end <= span.end) =>
        {
            may_have_figure_tokens(text, s, toks)
        }
        _ => may_have_figure(s),
    };
    if !may {
        return (Vec::new(), Vec::new());
    }
    let toks: Vec<Tok> = lex_words(s);
    let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
    let raw: Vec<&str> = toks.iter().map(|t| &s[t.start..t.end]).collect();
    let mut sc = Scanner {
        lex,
        toks: &toks,
        norms: &norms,
        raw,
        base: span.start,
    };
    let mut out: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // "minus 233", "minus-5", " -1.4"
        let neg = match norms[i] {
            "minus" => {
                if norms.get(i + 1) == Some(&"-") {
                    Some(i + 2)
                } else {
                    Some(i + 1)
                }
            }
            "-" if (i == 0 || toks[i].space_before || norms[i - 1] == "$")
                && !(i > 0 && toks[i - 1].kind == TokKind::Word && sc.capital(i - 1))
                && toks
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokKind::Num && !t.space_before) =>
            {
                Some(i + 1)
            }
            _ => None,
        };
        if let Some(k) = neg {
            if toks
                .get(k)
                .is_some_and(|t| t.kind == TokKind::Num || norms[i] == "minus")
            {
                if let Some((mut f, end)) = sc.figure_at(k) {
                    f.value = f.value.map(|v| -v);
                    f.span = Span::new(span.start + toks[i].start, f.span.end);
                    out.push(f);
                    i = end;
                    continue;
                }
            }
        }
        if !sc.may_start_figure(i) {
            i += 1;
            continue;
        }
        match sc.figure_at(i) {
            Some((mut f, end)) => {
                // ranges: "1 to 1.5 degrees", "5-7%", "between 3 and 4 km"
                if let Some((g, end2)) = sc.range_tail(&f, end) {
                    f.span = Span::new(f.span.start, g.span.end);
                    {
                        // "5 to 6 billion": the scale of the second applies
                        if f.scale == 1.0 && g.scale > 1.0 && !sc.own_currency(&g) {
                            f.value = f.value.map(|v| v * g.scale);
                            f.rounding *= g.scale;
                            f.scale = g.scale;
                        }
                        f.value_to = g.value;
                        f.unit = g.unit.clone();
                        f.dim = g.dim.clone();
                        f.rule = g.rule.clone();
                        if f.change.is_none() {
                            f.change = g.change.clone();
                        }
                    }
                    out.push(f);
                    i = end2;
                } else {
                    out.push(f);
                    i = end;
                }
            }
            None => i += 1,
        }
    }
    out.retain(|f| {
        f.unparsed.is_some()
            || f.unit.is_some()
            || f.qualifier.is_some()
            || f.change.is_some()
            || f.rounding >= 1000.0
    });
    (out, toks)
}

/// A number read at a token: Ok((value, decimals, end, from words)) or
/// Err((reason or special form, end)).
type NumberAt = Result<(f64, u32, usize, bool), (String, usize)>;

/// The parsing layer alone: every number of `text[span]`, in digits or
/// words, with a scale word applied ("10k", "1.5 million", "two hundred"),
/// whether or not it has a unit. Malformed digits come back as errors.
pub fn numbers(lex: &QtyLexicon, text: &str, span: Span) -> Vec<(Span, Result<f64, String>)> {
    let Some(s) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let toks: Vec<Tok> = lex_tokens(s)
        .into_iter()
        .filter(|t| t.kind != TokKind::Space)
        .collect();
    let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
    let raw: Vec<&str> = toks.iter().map(|t| &s[t.start..t.end]).collect();
    let sc = Scanner {
        lex,
        toks: &toks,
        norms: &norms,
        raw,
        base: span.start,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let neg = (norms[i] == "-" || norms[i] == "minus")
            && (i == 0 || toks[i].space_before || norms[i] == "minus")
            && toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Num);
        let k = if neg { i + 1 } else { i };
        match sc.number_at(k) {
            Some(Ok((v, _, mut end, _))) => {
                let mut v = v;
                let glued_k =
                    sc.glued(end) && matches!(norms.get(end).copied(), Some("k" | "m" | "b"));
                if let Some((e, n)) = lex
                    .scales
                    .longest_at(&norms, end, |e| e.pos == "word" || glued_k)
                {
                    v *= QtyLexicon::num(e);
                    end += n;
                }
                if neg {
                    v = -v;
                }
                out.push((sc.abs(i, end), Ok(v)));
                i = end;
            }
            Some(Err((why, end))) if !why.contains(':') => {
                out.push((sc.abs(i, end), Err(why)));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

struct Scanner<'a> {
    lex: &'a QtyLexicon,
    toks: &'a [Tok],
    norms: &'a [&'a str],
    /// Each token as written.
    raw: Vec<&'a str>,
    base: usize,
}

/// Checks the digits of a number token: plain, decimal, or grouped by
/// thousands. Returns (value, decimals) or why it is refused.
pub fn parse_digits(s: &str) -> Result<(f64, u32), String> {
    let dots = s.matches('.').count();
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    if dots > 1 {
        return Err(format!("\"{s}\" has more than one decimal point"));
    }
    if let Some(f) = frac {
        if f.contains(',') {
            return Err(format!("\"{s}\" has a comma after its decimal point"));
        }
    }
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return Err(format!("\"{s}\" is not grouped by thousands"));
        }
    }
    let clean: String = s.chars().filter(|&c| c != ',').collect();
    let v: f64 = clean
        .parse()
        .map_err(|_| format!("\"{s}\" is not a number"))?;
    Ok((v, frac.map(|f| f.len() as u32).unwrap_or(0)))
}

impl<'a> Scanner<'a> {
    fn abs(&self, a: usize, b: usize) -> Span {
        Span::new(
            self.base + self.toks[a].start,
            self.base + self.toks[b - 1].end,
        )
    }

    fn glued(&self, i: usize) -> bool {
        i < self.toks.len() && !self.toks[i].space_before
    }

    fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == TokKind::Word
    }

    /// The second half of a range right after a figure: "to 6 billion",
    /// "-7%", "and 4 km" after "between", "to 193" after "from 208 pounds".
    fn range_tail(&mut self, f: &Figure, end: usize) -> Option<(Figure, usize)> {
        f.value?;
        let sep = *self.norms.get(end)?;
        let start_tok = self
            .toks
            .iter()
            .position(|t| self.base + t.start >= f.span.start)?;
        let before = |w: &str| start_tok > 0 && self.norms[start_tok - 1] == w;
        let ok = match sep {
            "to" => true,
            "-" => {
                (self.glued(end) && self.glued(end + 1))
                    || self
                        .toks
                        .get(end + 1)
                        .is_some_and(|t| t.kind == TokKind::Num)
            }
            "and" => before("between"),
            _ => false,
        };
        if !ok {
            return None;
        }
        // "increased by $43.6 billion to $419.2 billion": a change, then a level
        if sep == "to" && f.change.is_some() {
            return None;
        }
        let (mut g, e2) = self.figure_at(end + 1)?;
        g.value?;
        if g.qualifier.is_some() {
            return None;
        }
        match (&f.unit, &g.unit) {
            (None, Some(_)) => {}
            (Some(a), Some(b)) if a == b || b.starts_with(&format!("{a}/")) => {}
            (Some(a), None) if before("from") && sep == "to" => {
                g.unit = Some(a.clone());
                g.dim = f.dim.clone();
                g.rule = f.rule.clone();
            }
            // "$40 to 50 billion worth": the sign of the first, the scale of the second
            (Some(a), _)
                if f.dim.as_deref() == Some("currency")
                    && g.dim.as_deref() != Some("currency")
                    && g.scale > 1.0 =>
            {
                g.unit = Some(a.clone());
                g.dim = f.dim.clone();
                g.rule = f.rule.clone();
                g.counted = None;
            }
            _ => return None,
        }
        Some((g, e2))
    }

    /// A number starting at `i`: (value, decimals, end, rule, from words).
    fn number_at(&self, i: usize) -> Option<NumberAt> {
        let t = &self.toks[i];
        if t.kind == TokKind::Num {
            // numbers glued behind a letter word are names: "G20", "COVID-19"
            if i > 0 && !t.space_before {
                let p = &self.toks[i - 1];
                if p.kind == TokKind::Word
                    && self
                        .lex
                        .currencies
                        .longest_ending(self.norms, i, |e| e.pos == "before")
                        .is_none()
                {
                    return None;
                }
                if p.norm == "-"
                    && i > 1
                    && !p.space_before
                    && self.toks[i - 2].kind == TokKind::Word
                    && self.norms[i - 2] != "minus"
                    && self
                        .lex
                        .qualifiers
                        .longest_ending(self.norms, i - 1, |_| true)
                        .is_none()
                {
                    return None;
                }
                if p.kind == TokKind::Num || p.norm == "." || p.norm == "/" || p.norm == ":" {
                    return None;
                }
            }
            // "4/5" (but not a date such as 4/5/2020)
            if self.norms.get(i + 1) == Some(&"/")
                && self.glued(i + 1)
                && self.glued(i + 2)
                && self.toks.get(i + 2).is_some_and(|x| x.kind == TokKind::Num)
                && self.norms.get(i + 3) != Some(&"/")
            {
                if let (Ok((a, 0)), Ok((b, 0))) =
                    (parse_digits(&t.norm), parse_digits(self.norms[i + 2]))
                {
                    if b > 0.0 {
                        return Some(Ok((a / b, 3, i + 3, false)));
                    }
                }
            }
            return Some(match parse_digits(&t.norm) {
                Ok((v, d)) => {
                    // "2 1/2"
                    let mut end = i + 1;
                    let mut v = v;
                    if d == 0
                        && end + 2 < self.toks.len()
                        && self.toks[end].kind == TokKind::Num
                        && self.norms.get(end + 1) == Some(&"/")
                        && self
                            .toks
                            .get(end + 2)
                            .is_some_and(|x| x.kind == TokKind::Num)
                    {
                        if let (Ok((a, 0)), Ok((b, 0))) = (
                            parse_digits(self.norms[end]),
                            parse_digits(self.norms[end + 2]),
                        ) {
                            if b > a && b > 0.0 {
                                v += a / b;
                                end += 3;
                            }
                        }
                    }
                    Ok((v, d, end, false))
                }
                Err(e) => {
                    // swallow what follows so "km" is not read on its own
                    let mut end = i + 1;
                    while end < self.toks.len()
                        && (self.toks[end].kind == TokKind::Num
                            || (self.glued(end)
                                && self.norms[end] != ")"
                                && self.norms[end] != ","))
                    {
                        end += 1;
                    }
                    Err((e, end))
                }
            });
        }
        if t.kind != TokKind::Word {
            return None;
        }
        // "dozens of", "hundreds of", "tens of thousands of": a vague range
        {
            let (tens, k) = if t.norm == "tens" && self.norms.get(i + 1) == Some(&"of") {
                (true, i + 2)
            } else {
                (false, i)
            };
            let lo = match self.norms.get(k).copied() {
                Some("dozens") => Some(12.0),
                Some("hundreds") => Some(100.0),
                Some("thousands") => Some(1e3),
                Some("millions") => Some(1e6),
                Some("billions") => Some(1e9),
                _ => None,
            };
            if let Some(lo) = lo {
                if self.norms.get(k + 1) == Some(&"of") {
                    let lo = if tens { lo * 10.0 } else { lo };
                    return Some(Err((format!("vague:{lo}"), k + 2)));
                }
                if tens || k > i {
                    return None;
                }
            }
        }
        // number words
        let mut total = 0.0;
        let mut cur = 0.0;
        let mut j = i;
        let mut any = false;
        let mut last_end = i;
        // "a dozen", "a hundred", "a million"
        if (t.norm == "a" || t.norm == "an") && i + 1 < self.toks.len() {
            let n = self.norms[i + 1];
            let denom = self
                .lex
                .numbers
                .longest_at(self.norms, i + 1, |e| e.pos == "denom")
                .map(|(e, k)| (QtyLexicon::num(e), k));
            if let Some((d, k)) = denom {
                // "a fifth", "a third"
                return Some(Ok((1.0 / d, 3, i + 1 + k, true)));
            }
            if matches!(
                n,
                "dozen" | "hundred" | "thousand" | "million" | "billion" | "half"
            ) {
                cur = if matches!(n, "thousand" | "million" | "billion") {
                    1.0
                } else {
                    0.0
                };
                j = i + 1;
                if n == "half" {
                    return Some(Ok((0.5, 1, i + 2, true)));
                }
            } else {
                return None;
            }
        }
        while j < self.toks.len() {
            if self.norms[j] == "-" && any && self.glued(j) {
                j += 1;
                continue;
            }
            if self.norms[j] == "and" && any && j + 1 < self.toks.len() {
                // "one hundred and five"
                if self
                    .lex
                    .numbers
                    .longest_at(self.norms, j + 1, |e| e.pos == "unit" || e.pos == "ten")
                    .is_some()
                    && cur >= 100.0
                {
                    j += 1;
                    continue;
                }
                break;
            }
            if let Some((e, n)) = self.lex.numbers.longest_at(self.norms, j, |_| true) {
                let v = QtyLexicon::num(e);
                match e.pos.as_str() {
                    "unit" | "ten" => cur += v,
                    "mult" => cur = if cur == 0.0 { v } else { cur * v },
                    "denom" => {
                        if !any || cur == 0.0 {
                            break;
                        }
                        // "two thirds", "three quarters"
                        return Some(Ok((total + cur / v, 3, j + n, true)));
                    }
                    "frac" => {
                        if any {
                            break;
                        }
                        // "half of Russian users": a share
                        return Some(Err((format!("share:{v}"), j + n)));
                    }
                    _ => {}
                }
                any = true;
                j += n;
                last_end = j;
                continue;
            }
            if matches!(
                self.norms[j],
                "thousand" | "million" | "billion" | "trillion"
            ) && any
                && cur > 0.0
                && !matches!(self.norms.get(j + 1).copied(), Some("-"))
                && self.next_is_number_word(j + 1)
            {
                // "two million three hundred thousand": fold and go on
                let f = match self.norms[j] {
                    "thousand" => 1e3,
                    "million" => 1e6,
                    "billion" => 1e9,
                    _ => 1e12,
                };
                total += cur * f;
                cur = 0.0;
                j += 1;
                last_end = j;
                continue;
            }
            break;
        }
        if !any && cur == 0.0 {
            return None;
        }
        Some(Ok((total + cur, 0, last_end.max(i + 1), true)))
    }

    fn next_is_number_word(&self, j: usize) -> bool {
        j < self.toks.len()
            && self
                .lex
                .numbers
                .longest_at(self.norms, j, |_| true)
                .is_some()
    }

    /// The figure starting at token `i`, if any, and the token after it.
    /// Whether [`Scanner::figure_at`] can find a figure at token `i`: a
    /// cheap and exact pre-test for the tokens of a figure sentence. A
    /// figure starts with a number, a currency sign or word that starts
    /// a currency entry, or a word that `number_at` reads: one that starts
    /// a number-word entry, "a"/"an" ("a dozen"), or a vague count ("tens
    /// of", "dozens of", ...). For any other token `figure_at` finds no
    /// currency, `number_at` returns `None`, and so does `figure_at`.
    #[inline]
    fn may_start_figure(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let w = self.norms[i];
        t.kind == TokKind::Num
            || self.lex.currencies.starts_with(w)
            || (t.kind == TokKind::Word
                && (matches!(
                    w,
                    "a" | "an"
                        | "tens"
                        | "dozens"
                        | "hundreds"
                        | "thousands"
                        | "millions"
                        | "billions"
                ) || self.lex.numbers.starts_with(w)))
    }

    fn figure_at(&mut self, i: usize) -> Option<(Figure, usize)> {
        // a currency sign may start the figure
        let mut cur_before: Option<&Entry> = None;
        let mut num_i = i;
        if let Some((e, n)) = self.lex.currencies.longest_at(self.norms, i, |e| {
            // "A$5" is Australian dollars, "a $5 fund" is not: a sign that
            // starts with a letter matches glued and in its own case
            e.pos == "before"
                && (e.tokens.len() < 2
                    || e.tokens[0].chars().count() > 1
                    || (e
                        .raw
                        .iter()
                        .enumerate()
                        .all(|(k, r)| self.raw.get(i + k) == Some(&r.as_str()))
                        && (1..e.tokens.len()).all(|k| self.glued(i + k))))
        }) {
            let k = i + n;
            if k < self.toks.len() && self.toks[k].kind == TokKind::Num {
                cur_before = Some(e);
                num_i = k;
            } else {
                return None;
            }
        }
        let parsed = self.number_at(num_i)?;
        let (value, decimals, mut end, from_words) = match parsed {
            Ok(x) => x,
            Err((why, end)) if why.starts_with("share:") => {
                if self.norms.get(end) != Some(&"of") {
                    return None;
                }
                let v: f64 = why[6..].parse().unwrap_or(0.5);
                let noun = self.counted_noun(end + 1);
                let mut e2 = noun.as_ref().map(|(_, e)| *e).unwrap_or(end);
                if e2 == end {
                    // "half of eastern China": a share of a named whole
                    let mut k = end + 1;
                    while k < self.toks.len()
                        && k < end + 4
                        && self.is_word(k)
                        && !STOP.contains(&self.norms[k])
                    {
                        k += 1;
                        if self.capital(k - 1) {
                            break;
                        }
                    }
                    if k == end + 1 {
                        return None;
                    }
                    e2 = k;
                }
                let f = Figure {
                    span: self.abs(i, e2),
                    value: Some(v),
                    value_to: None,
                    rounding: 0.0,
                    scale: 1.0,
                    unit: Some("share".into()),
                    dim: Some("share".into()),
                    qualifier: None,
                    change: None,
                    rule: "grammar:fraction-of".into(),
                    unparsed: None,
                    counted: noun.map(|(n, _)| n),
                };
                return Some((self.with_prefix(f, i), e2));
            }
            Err((why, end)) if why.starts_with("vague:") => {
                let lo: f64 = why[6..].parse().unwrap_or(1.0);
                let (unit, dim, e2) = if let Some((e, n)) =
                    self.lex
                        .currencies
                        .longest_at(self.norms, end, |e| e.pos == "after")
                {
                    (e.key.clone(), "currency", end + n)
                } else if let Some((noun, e2)) = self.counted_noun(end) {
                    (noun, "count", e2)
                } else {
                    return None;
                };
                let counted = (dim == "count").then(|| unit.clone());
                let f = Figure {
                    span: self.abs(i, e2),
                    value: Some(lo),
                    value_to: Some(lo * 10.0),
                    rounding: 0.0,
                    scale: 1.0,
                    unit: Some(unit),
                    dim: Some(dim.into()),
                    qualifier: Some("about".into()),
                    change: None,
                    rule: "grammar:vague-plural".into(),
                    unparsed: None,
                    counted,
                };
                return Some((self.with_prefix(f, i), e2));
            }
            Err((why, mut end)) => {
                let start = self.prefix_start(i).0;
                if let Some((_, n)) = self.lex.scales.longest_at(self.norms, end, |_| true) {
                    end += n;
                }
                if let Some((_, n)) = self
                    .lex
                    .currencies
                    .longest_at(self.norms, end, |e| e.pos == "after")
                    .or_else(|| self.lex.units.longest_at(self.norms, end, |_| true))
                {
                    end += n;
                }
                return Some((
                    Figure {
                        span: self.abs(start, end),
                        value: None,
                        value_to: None,
                        rounding: 0.0,
                        scale: 1.0,
                        unit: None,
                        dim: None,
                        qualifier: None,
                        change: None,
                        rule: "grammar:digits".into(),
                        unparsed: Some(why),
                        counted: None,
                    },
                    end,
                ));
            }
        };
        let tok = &self.toks[num_i];
        // times and dates: "10:27", "5 am", "February 11", "8 September", "21st"
        if !from_words {
            if self.norms.get(end) == Some(&":") && self.glued(end) {
                return None;
            }
            if num_i > 0 && MONTHS.contains(&self.norms[num_i - 1]) {
                return None;
            }
            if num_i > 1 && self.norms[num_i - 1] == "." && MONTHS.contains(&self.norms[num_i - 2])
            {
                return None;
            }
            if let Some(n) = self.norms.get(end) {
                if MONTHS.contains(n) && !self.toks[end].norm.is_empty() && self.capital(end) {
                    return None;
                }
                if self.glued(end) && matches!(*n, "st" | "nd" | "rd" | "th" | "s" | "'s") {
                    return None;
                }
                if matches!(*n, "am" | "pm" | "a" | "p")
                    && (self.glued(end) || self.norms.get(end + 1) == Some(&"."))
                    && matches!(*n, "am" | "pm" | "a" | "p")
                    && (*n == "am" || *n == "pm" || self.norms.get(end + 2) == Some(&"m"))
                {
                    return None;
                }
            }
        }
        let mut rule = if from_words {
            "grammar:number-words"
        } else {
            "grammar:digits"
        }
        .to_string();
        let mut dim: Option<String> = None;
        let mut unit: Option<String> = None;
        let mut value = value;
        let mut step = 10f64.powi(-(decimals as i32)) / 2.0;
        if from_words && value.fract() == 0.0 {
            step = 0.5;
        }
        // "one in 13 cars"
        if from_words
            && value == 1.0
            && self.norms.get(end) == Some(&"in")
            && self
                .toks
                .get(end + 1)
                .is_some_and(|t| t.kind == TokKind::Num)
        {
            if let Ok((d, 0)) = parse_digits(self.norms[end + 1]) {
                if d > 1.0 {
                    let sp_end = end + 2;
                    let noun = self.counted_noun(sp_end);
                    let e2 = noun.as_ref().map(|(_, e)| *e).unwrap_or(sp_end);
                    let f = Figure {
                        span: self.abs(i, e2),
                        value: Some(1.0 / d),
                        value_to: None,
                        rounding: 0.0,
                        scale: 1.0,
                        unit: Some("share".into()),
                        dim: Some("share".into()),
                        qualifier: None,
                        change: None,
                        rule: "grammar:one-in-n".into(),
                        unparsed: None,
                        counted: noun.map(|(n, _)| n),
                    };
                    return Some((self.with_prefix(f, i), e2));
                }
            }
        }
        // scale
        let mut scale = 1.0;
        let skip_hyphen = |k: usize| -> usize {
            if self.norms.get(k) == Some(&"-") && self.glued(k) {
                k + 1
            } else {
                k
            }
        };
        let k = skip_hyphen(end);
        let money_ctx = cur_before.is_some()
            || self
                .lex
                .scales
                .longest_at(self.norms, k, |e| e.pos == "money")
                .is_some_and(|(_, n)| {
                    self.lex
                        .currencies
                        .longest_at(self.norms, skip_hyphen(k + n), |e| e.pos == "after")
                        .is_some()
                });
        let glued_upper_m = self.glued(k) && self.norms.get(k) == Some(&"m") && self.capital(k);
        if let Some((e, n)) = self.lex.scales.longest_at(self.norms, k, |e| {
            e.pos == "word" || ((money_ctx || glued_upper_m) && e.pos == "money")
        }) {
            // "m" glued to a number without a currency is metres, "M" million
            scale = QtyLexicon::num(e);
            end = k + n;
            // "4 hundred million"
            let k2 = skip_hyphen(end);
            if let Some((e2, n2)) = self
                .lex
                .scales
                .longest_at(self.norms, k2, |e| e.pos == "word")
            {
                if QtyLexicon::num(e2) > scale {
                    scale *= QtyLexicon::num(e2);
                    end = k2 + n2;
                }
            }
        }
        value *= scale;
        step *= scale;
        // currency after ("billion US dollars", "million-yuan")
        let k = skip_hyphen(end);
        if let Some(e) = cur_before {
            unit = Some(e.key.clone());
            dim = Some("currency".into());
            rule = e.rule.to_string();
            // "$5 billion US dollars" is rare; "US$ 5 billion dollars" too: swallow a repeat
            if let Some((e2, n)) = self
                .lex
                .currencies
                .longest_at(self.norms, k, |e2| e2.pos == "after" && e2.key == e.key)
            {
                let _ = e2;
                end = k + n;
            }
        } else if let Some((e, n)) = self
            .lex
            .currencies
            .longest_at(self.norms, k, |e| e.pos == "after")
        {
            // "won" and "real" and "rand" are words too: only after a scale or with a capital
            let ambiguous = matches!(e.tokens[0].as_str(), "won" | "real" | "rand" | "lira");
            if !ambiguous || scale > 1.0 {
                unit = Some(e.key.clone());
                dim = Some("currency".into());
                rule = e.rule.to_string();
                end = k + n;
            }
        }
        if let Some(u) = &unit {
            if let Some(c) = u.strip_prefix("USD-") {
                // cents
                let _ = c;
                value /= 100.0;
                step /= 100.0;
                unit = Some("USD".into());
            }
        }
        if unit.is_none() {
            let glued = self.glued(k);
            let raw_k = self.raw.get(k).copied().unwrap_or("");
            if let Some((e, n)) = self.lex.units.longest_at(self.norms, k, |e| {
                // single letters only when glued ("5m", "45g") and written
                // in the lexicon's case ("5G" is not grams)
                let single = e.tokens.len() == 1
                    && e.tokens[0].chars().count() == 1
                    && e.tokens[0] != "%"
                    && e.tokens[0] != "°";
                !single || (glued && e.raw[0] == raw_k)
            }) {
                // "in" for inches only as "in." and not a preposition
                let is_in_prep = e.tokens[0] == "in"
                    && e.tokens.len() == 2
                    && self.toks.get(k + 2).is_some_and(|t| {
                        t.kind == TokKind::Word && t.norm.chars().all(|c| c.is_lowercase())
                    });
                if !is_in_prep {
                    if e.pos == "duration" && k > end && self.is_word(k + n) {
                        // "a five-year award": an adjective, not a figure
                        return None;
                    }
                    unit = Some(e.key.clone());
                    dim = Some(e.pos.clone());
                    rule = e.rule.to_string();
                    end = k + n;
                    if e.key == "decade" {
                        value *= 10.0;
                        step *= 10.0;
                        unit = Some("year".into());
                    }
                }
            } else if self.glued(k) && self.is_word(k) {
                // a number glued to an unknown word: "5G", "3D"
                return None;
            }
        }
        // per unit: "$58.24 per barrel", "$3500 a month"
        if unit.is_some() {
            let k = end;
            let per = matches!(
                self.norms.get(k).copied(),
                Some("per" | "a" | "an" | "/" | "each")
            ) && !matches!(
                self.norms.get(k + 2).copied(),
                Some("earlier" | "ago" | "later" | "before" | "after")
            );
            if per && k + 1 < self.toks.len() {
                if let Some((e, n)) = self.lex.units.longest_at(self.norms, k + 1, |e| {
                    e.tokens.len() > 1 || e.tokens[0].len() > 1
                }) {
                    unit = Some([unit.as_deref().unwrap_or(""), "/", e.key.as_str()].concat());
                    end = k + 1 + n;
                } else if self.norms[k] != "a"
                    && self.norms[k] != "an"
                    && self.is_word(k + 1)
                    && !STOP.contains(&self.norms[k + 1])
                {
                    unit = Some(
                        [
                            unit.as_deref().unwrap_or(""),
                            "/",
                            singular(self.norms[k + 1]).as_str(),
                        ]
                        .concat(),
                    );
                    end = k + 2;
                }
            }
        }
        // counted nouns: "20 Russian cities", "110 countries"
        if unit.is_none() {
            let max = if value == 1.0 { 1 } else { 3 };
            if let Some((noun, e)) = self.counted_noun_n(end, max) {
                unit = Some(noun);
                dim = Some("count".into());
                rule.push_str("+noun");
                end = e;
            }
        }
        if dim.as_deref() == Some("count")
            && !from_words
            && scale == 1.0
            && decimals == 0
            && !tok.norm.contains(',')
            && (1000.0..=2100.0).contains(&value)
        {
            return None;
        }
        let dimless = unit.is_none();
        // a bare year is a date, not a figure
        if dimless
            && scale == 1.0
            && !from_words
            && decimals == 0
            && !tok.norm.contains(',')
            && (1000.0..=2100.0).contains(&value)
        {
            return None;
        }
        // "Article 10", "Big 12", "iPhone 11": a number after a capitalised word
        if (dimless || dim.as_deref() == Some("count"))
            && !from_words
            && scale == 1.0
            && cur_before.is_none()
            && num_i > 1
            && self.capital(num_i - 1)
            && self
                .lex
                .qualifiers
                .longest_ending(self.norms, num_i, |_| true)
                .is_none()
            && self
                .lex
                .changes
                .longest_ending(self.norms, num_i, |_| true)
                .is_none()
        {
            return None;
        }
        // "one" without a noun or unit is a pronoun far more often than a figure
        if from_words && dimless {
            let range_next = matches!(
                self.norms.get(end).copied(),
                Some("to" | "-" | "and" | "or")
            ) && self.toks.get(end + 1).is_some_and(|t| {
                t.kind == TokKind::Num
                    || self
                        .lex
                        .numbers
                        .longest_at(self.norms, end + 1, |_| true)
                        .is_some()
            });
            if !range_next {
                return None;
            }
        }
        // "the two sides", "both countries": a reference, not a figure
        if from_words
            && dim.as_deref() == Some("count")
            && num_i > 0
            && matches!(
                self.norms[num_i - 1],
                "the"
                    | "these"
                    | "those"
                    | "its"
                    | "their"
                    | "our"
                    | "his"
                    | "her"
                    | "my"
                    | "your"
                    | "first"
                    | "last"
                    | "next"
                    | "past"
            )
        {
            return None;
        }
        let counted = if dim.as_deref() == Some("count") {
            unit.clone()
        } else {
            None
        };
        let f = Figure {
            span: self.abs(i, end),
            value: Some(value),
            value_to: None,
            rounding: step,
            scale,
            unit,
            dim,
            qualifier: None,
            change: None,
            rule,
            unparsed: None,
            counted,
        };
        Some((self.with_prefix(f, i), end))
    }

    /// Whether a figure's text starts with its own currency sign ("$414 million").
    fn own_currency(&self, g: &Figure) -> bool {
        self.toks
            .iter()
            .position(|t| self.base + t.start == g.span.start)
            .is_some_and(|k| {
                self.lex
                    .currencies
                    .longest_at(self.norms, k, |e| e.pos == "before")
                    .is_some()
            })
    }

    /// Whether token `i` has an upper-case letter (found when asked: few
    /// tokens are, and a vector of it for every token of every sentence
    /// that may hold a figure was most of its cost).
    fn capital(&self, i: usize) -> bool {
        self.raw
            .get(i)
            .is_some_and(|r| r.chars().any(|c| c.is_uppercase()))
    }

    /// Adds qualifier and change words found before token `i` to the figure.
    fn with_prefix(&self, mut f: Figure, i: usize) -> Figure {
        let (start, mut q, c) = self.prefix_start(i);
        // "30 years or so", "100 or more"
        if q.is_none() {
            if let Some(k) = self
                .toks
                .iter()
                .position(|t| self.base + t.end == f.span.end)
            {
                match (
                    self.norms.get(k + 1).copied(),
                    self.norms.get(k + 2).copied(),
                ) {
                    (Some("or"), Some("so")) => q = Some("about".into()),
                    (Some("or"), Some("more")) => q = Some("at least".into()),
                    _ => {}
                }
            }
        }
        f.qualifier = q;
        f.change = c;
        if start < i {
            f.span = Span::new(self.base + self.toks[start].start, f.span.end);
        }
        f
    }

    /// Walks back from token `i` over a qualifier and a change phrase.
    fn prefix_start(&self, i: usize) -> (usize, Option<String>, Option<String>) {
        let mut start = i;
        let mut qual = None;
        let mut change = None;
        let mut k = i;
        if k > 0 && self.norms[k - 1] == "-" && self.glued(k - 1) {
            k -= 1; // "over-4"
        }
        if let Some((e, n)) = self.lex.qualifiers.longest_ending(self.norms, k, |_| true) {
            qual = Some(e.key.clone());
            start = k - n;
            k = start;
        }
        if let Some((e, n)) = self.lex.changes.longest_ending(self.norms, k, |_| true) {
            change = Some(e.key.clone());
            start = k - n;
        } else if k > 0 && self.norms[k - 1] == "by" {
            // "the increase of bilateral trade by over 13 times"
            for j in (k.saturating_sub(7)..k - 1).rev() {
                if matches!(self.norms[j], "," | ";" | "." | "to") {
                    break;
                }
                if let Some((e, _)) = self
                    .lex
                    .changes
                    .longest_at(self.norms, j, |e| e.tokens.len() == 1)
                {
                    change = Some(e.key.clone());
                    break;
                }
                if matches!(self.norms[j], "increase" | "growth" | "rise") {
                    change = Some("up".into());
                    break;
                }
                if matches!(self.norms[j], "decrease" | "decline" | "drop" | "fall") {
                    change = Some("down".into());
                    break;
                }
            }
        }
        (start, qual, change)
    }

    /// A counted noun after a number: up to three words, the first plural
    /// one (or the last) is the head. None when the next word may not
    /// start a noun phrase.
    fn counted_noun(&self, k: usize) -> Option<(String, usize)> {
        self.counted_noun_n(k, 3)
    }

    fn counted_noun_n(&self, k: usize, max: usize) -> Option<(String, usize)> {
        let mut j = k;
        let mut head: Option<usize> = None;
        let mut n = 0;
        while j < self.toks.len() && n < max {
            let t = &self.toks[j];
            if t.kind == TokKind::Sym && matches!(t.norm.as_str(), "“" | "”" | "\"") {
                j += 1;
                continue;
            }
            if t.kind == TokKind::Sym && t.norm == "-" && self.glued(j) && n > 0 {
                j += 1;
                continue;
            }
            if t.kind != TokKind::Word
                || STOP.contains(&t.norm.as_str())
                || MONTHS.contains(&t.norm.as_str())
            {
                break;
            }
            // "face-to-face": a hyphenated compound is one word
            if self.norms.get(j + 1) == Some(&"-")
                && self.glued(j + 1)
                && self.glued(j + 2)
                && self.is_word(j + 2)
            {
                let mut e = j + 2;
                while self.norms.get(e + 1) == Some(&"-")
                    && self.glued(e + 1)
                    && self.glued(e + 2)
                    && self.is_word(e + 2)
                {
                    e += 2;
                }
                n += 1;
                head = Some(e);
                j = e + 1;
                continue;
            }
            if self
                .lex
                .numbers
                .longest_at(self.norms, j, |_| true)
                .is_some()
            {
                break;
            }
            n += 1;
            let w = t.norm.as_str();
            let plural = (w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !w.ends_with("us")
                && !w.ends_with("is"))
                || matches!(
                    w,
                    "people" | "children" | "police" | "cattle" | "personnel" | "staff"
                )
                || (w.len() > 4 && w.ends_with("men"));
            head = Some(j);
            j += 1;
            if plural {
                break;
            }
        }
        let h = head?;
        let w = self.norms[h];
        if self.capital(h) && !w.ends_with("ans") && !w.ends_with("ese") {
            return None;
        }
        if w.ends_with("ed") || w.ends_with("ly") || w.ends_with("ing") {
            return None;
        }
        Some((singular(w), h + 1))
    }
}

/// A crude singular for counted nouns: cities -> city, cars -> car.
pub fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies") {
        if s.len() > 1 {
            return format!("{s}y");
        }
    }
    if w.len() > 4 {
        if let Some(s) = w.strip_suffix("men") {
            return format!("{s}man");
        }
    }
    if w == "people" || w == "children" || w == "police" {
        return w.to_string();
    }
    if let Some(s) = w.strip_suffix("uses") {
        return format!("{s}us");
    }
    for suf in ["ches", "shes", "sses", "xes"] {
        if w.ends_with(suf) {
            return w[..w.len() - 2].to_string();
        }
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::may_have_figure;

    #[test]
    fn first_words_are_the_first_words_of_the_whole_lexing() {
        use super::*;
        for s in [
            "",
            "It rose to 5% in 2020, O'Neill’s team said - the figure exceeded US$200bn.",
            "  The  total  volume   of trade, 1,200.5 tonnes; up 3 per cent  ",
            "Ελλάδα’s exports ΣΟΦΊΑ rose... 12 — ok?",
        ] {
            let all: Vec<String> = lex_tokens(s)
                .into_iter()
                .filter(|t| t.kind == TokKind::Word)
                .map(|t| String::from(t.norm))
                .collect();
            for n in 0..=all.len() + 2 {
                assert_eq!(first_words(s, n), all[..n.min(all.len())], "{s:?} {n}");
            }
        }
    }

    /// What claims' `status` reads for the words before a figure: lexing a
    /// sentence up to a point that no token straddles gives the tokens of
    /// the whole lexing that end before it (words, numbers, symbols,
    /// norms), at every character boundary of sentences with numbers cut
    /// at their separators, apostrophes before letters and not, curly
    /// ones, dashes, and letters that are not ASCII, and of pseudo-random
    /// strings of such pieces.
    #[test]
    fn lexing_up_to_a_token_boundary_is_the_start_of_the_whole_lexing() {
        use super::*;
        let key = |t: &Tok| (t.start, t.end, t.kind, String::from(t.norm.clone()));
        let mut cases: Vec<String> = [
            "",
            "It rose to 5% in 2020, O'Neill’s team said - the figure exceeded US$200bn.",
            "  The  total  volume   of trade, 1,200.5 tonnes; up 3 per cent  ",
            "Ελλάδα’s exports ΣΟΦΊΑ rose... 12 — ok?",
            "1,2,3.4. 5.,6 a'b a' 'b x’y z’ don't 10,000,000.25abc US$1.5bn-2bn",
            "SOMEVERYLONGWORDTHATISMORETHANSIXTEENBYTES 1.5 billion",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let pieces = [
            "a",
            "Ab",
            " ",
            "  ",
            ".",
            ",",
            "-",
            "'",
            "’",
            "7",
            "12",
            "é",
            "\u{212A}",
            "…",
            "\u{00A0}",
            "\t",
            "$",
            "%",
            "seventeen",
            "ABCDEFGHIJKLMNOPQR",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3_000 {
            let mut t = String::new();
            for _ in 0..(x % 14) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push_str(pieces[(x % pieces.len() as u64) as usize]);
            }
            cases.push(t);
        }
        for s in &cases {
            let all = lex_words(s);
            for cut in (0..=s.len()).filter(|&k| s.is_char_boundary(k)) {
                let n = all.partition_point(|t| t.end <= cut);
                if all.get(n).is_some_and(|t| t.start < cut) {
                    continue;
                }
                let want: Vec<_> = all[..n].iter().map(key).collect();
                let got: Vec<_> = lex_words(&s[..cut]).iter().map(key).collect();
                assert_eq!(got, want, "{s:?} cut at {cut}");
            }
        }
    }

    /// The figure scanner's pre-test rejects no token where a figure
    /// starts: on sentences of every kind of figure, wherever it says no,
    /// `figure_at` finds none.
    #[test]
    fn the_figure_pre_test_rejects_no_figure() {
        use super::*;
        let lex = QtyLexicon::builtin();
        let mut text = String::new();
        for (_, body) in crate::lexicon::BUILTIN {
            text.push_str(body);
            text.push('\n');
        }
        text.push_str(
            "Trade grew 5 percent to US$1.2 billion, a third of it in RMB 300 million; \
             tens of thousands of people, dozens of firms and a dozen states, minus 5 degrees, \
             two hundred and five km, half of Russian users, three quarters, 1/2, 4/5 of it, \
             € 30, ¥5, $ 7, £6.5m, Rs 40 crore, a fifth, an hour, hundreds, millions of tons.",
        );
        let mut looked = 0;
        let mut found = 0;
        for line in text.lines() {
            let toks = lex_words(line);
            let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
            let mut sc = Scanner {
                lex,
                toks: &toks,
                norms: &norms,
                raw: toks.iter().map(|t| &line[t.start..t.end]).collect(),
                base: 0,
            };
            for (i, w) in norms.iter().enumerate() {
                looked += 1;
                let at = sc.figure_at(i).is_some();
                found += at as usize;
                assert!(!at || sc.may_start_figure(i), "{w:?} at {i} of {line:?}");
            }
        }
        assert!(found > 50 && looked > 10 * found, "{found} of {looked}");
    }

    /// The pre-test from the coder's tokens says what the pre-test of the
    /// bytes says: on the lexicons' lines, every number word in any case
    /// glued to letters, apostrophes ("n't", clitics, inner ones, curly
    /// ones), dots, digits and characters that are not ASCII (a Kelvin
    /// sign lower-cases to "k"), alone or inside a longer text, and on
    /// pseudo-random strings of those pieces.
    #[test]
    fn figure_pre_test_from_tokens_is_the_pre_test_of_the_bytes() {
        use super::{may_have_figure, may_have_figure_tokens};
        use dyad_text::{tokenize, Span};
        let words = [
            "one",
            "two",
            "three",
            "ten",
            "seven",
            "eleven",
            "twenty",
            "hundred",
            "thousand",
            "million",
            "billion",
            "dozen",
            "half",
            "doubled",
            "quadrupled",
            "trillion",
            "quarter",
            "third",
            "tens",
            "dozens",
            "hundreds",
            "thousands",
            "minus",
            "seventeen",
        ];
        let pieces = [
            "a", "ab", "x", " ", ".", ",", "-", "'", "’", "n't", "n’t", "'s", "’s", "o'", "O’",
            "é", "\u{0301}", "\u{212A}", "…", "“", "7", "U.S.", "e.g.", "Ⅻ", "don't", "won’t",
            "someone", "tennis", "\u{00AD}", "\u{200B}", "seve", "$", "%", "'tis",
        ];
        let mut cases: Vec<String> = Vec::new();
        for (_, body) in crate::lexicon::BUILTIN {
            cases.extend(body.lines().map(String::from));
        }
        for w in words {
            let upper = w.to_uppercase();
            let title = format!("{}{}", &upper[..1], &w[1..]);
            for form in [w.to_string(), upper, title] {
                cases.push(form.clone());
                for p in pieces {
                    for q in pieces {
                        cases.push(format!("{p}{form}{q}"));
                        cases.push(format!("{p} {form}{q} end"));
                    }
                }
            }
        }
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..30_000 {
            let mut t = String::new();
            for _ in 0..(x % 10) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let k = (x % (pieces.len() + words.len()) as u64) as usize;
                t.push_str(if k < pieces.len() {
                    pieces[k]
                } else {
                    words[k - pieces.len()]
                });
            }
            cases.push(t);
        }
        let (mut yes, mut no) = (0, 0);
        for c in &cases {
            // alone, and as the second sentence of a text
            let text = format!("Seventy. {c} Eight.");
            for (text, span) in [
                (c.as_str(), Span::new(0, c.len())),
                (text.as_str(), Span::new(9, 9 + c.len())),
            ] {
                let s = &text[span.start..span.end];
                let want = may_have_figure(s);
                let toks = tokenize(text, span);
                assert_eq!(may_have_figure_tokens(text, s, &toks), want, "{s:?}");
                // and each run of its tokens, from the first one's start to
                // the last one's end
                for i in 0..toks.len().min(8) {
                    for j in i + 1..=toks.len().min(8) {
                        let (a, z) = (toks[i].span.start, toks[j - 1].span.end);
                        let sub = &text[a..z];
                        assert_eq!(
                            may_have_figure_tokens(text, sub, &toks[i..j]),
                            may_have_figure(sub),
                            "{sub:?} of {s:?}"
                        );
                    }
                }
                if want {
                    yes += 1;
                } else {
                    no += 1;
                }
            }
        }
        assert!(yes > 10_000 && no > 10_000, "{yes} {no}");
    }

    #[test]
    fn figure_pre_filter_sees_digits_and_number_words_only() {
        for s in [
            "Trade grew 5 percent.",
            "Twenty-one countries signed.",
            "HUNDREDS of people",
            "éone", // a multi-byte letter ends the run before "one"
            "it doubled",
            "tripled.",
            "a half",
            "in 2021",
            "Ⅻ billion", // a non-ASCII numeral before a scale word
        ] {
            assert!(may_have_figure(s), "{s:?}");
        }
        for s in [
            "",
            "No figures here at all.",
            "someone", // a number word inside a longer word
            "tennis and halftime",
            "oné", // "on" and a non-ASCII letter: no run of three
            "Ⅻ",
            "thousandsandthousands", // a run longer than any number word
        ] {
            assert!(!may_have_figure(s), "{s:?}");
        }
    }
}
