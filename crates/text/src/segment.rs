//! Sentence segmentation.
//!
//! A single left-to-right pass over the bytes looks only at candidate
//! boundaries (`.`, `!`, `?`, `…`, the CJK full stops, line breaks) and
//! decides each from a few characters of context:
//!
//! * **Line breaks** end a sentence (a title line, a `Q:`/`A:` paragraph, a
//!   list item). The one exception is hard-wrapped text (fixed-width lines
//!   such as UN records, detected per text: many lines that end mid-phrase
//!   and continue in lower case); there a single newline is a space, and
//!   only blank lines, short lines (titles) followed by a capital and list
//!   items end sentences.
//! * `?` and `!` end a sentence unless a lower-case word follows
//!   (`“Why?” he asked`). An ellipsis ends one only before a capital.
//! * `.` needs whitespace after it (so `3.5`, `U.S.-led` and `example.com`
//!   never split) and then is judged by the word before it, looked up in
//!   `data/abbreviations.txt`:
//!   `title` words (`Mr.`, `St.`, `e.g.`) never end a sentence, `number`
//!   words (`No.`, `Jan.`) do not before a digit, `name` words (`U.S.`,
//!   `a.m.`), unlisted dotted initials and single capital initials (`F.`)
//!   end one only before a typical sentence opener (`The`, `It`, `However`,
//!   from `data/sentence_starters.txt`), and everything else (including
//!   `weak` words such as `etc.`) ends one unless a lower-case word or
//!   continuing punctuation follows.
//! * A list marker at the start of a line (`1. `, `a. `, `iv. `) is not a
//!   sentence end.
//! * Closing quotes and brackets after the terminal stay in the sentence
//!   (`… he said.” The` splits after `”`).
//!
//! Spans are trimmed of whitespace and are in order, non-overlapping and on
//! character boundaries.
use crate::Span;
use std::sync::OnceLock;

/// How an abbreviation behaves before a space (see `data/abbreviations.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AbbrevClass {
    /// Never ends a sentence ("Mr.", "St.", "e.g.").
    Title,
    /// Does not end a sentence before a digit ("No. 10", "Jan. 5").
    Number,
    /// Ends a sentence before a capital, like an ordinary word ("etc.").
    Weak,
    /// Ends a sentence only before a typical sentence opener ("U.S.").
    Name,
}

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");
const STARTERS: &str = include_str!("../data/sentence_starters.txt");

struct Tables {
    abbrev: WordMap<&'static str, AbbrevClass>,
    /// The same in capitals, for all-caps text ("MR. PRESIDENT").
    upper: WordMap<String, AbbrevClass>,
    starters: crate::fasthash::FastSet<&'static str>,
}

// The tables are keyed by the segmenter's own word lists, not by input an
// attacker picks; the standard library's keyed SipHash was most of the cost
// of a look-up (the coder asks about every word before a period, ~32 k times
// on 200 press conferences).
type WordMap<K, V> = crate::fasthash::FastMap<K, V>;

/// Parses the abbreviation file; returns the table and the bad lines
/// (1-based line number and text).
fn parse_abbreviations(
    src: &'static str,
) -> (
    WordMap<&'static str, AbbrevClass>,
    Vec<(usize, &'static str)>,
) {
    let mut map = WordMap::default();
    let mut bad = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let body = line.split('#').next().unwrap_or("");
        let mut parts = body.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let class = match parts.next() {
            Some("title") => AbbrevClass::Title,
            Some("number") => AbbrevClass::Number,
            Some("weak") => AbbrevClass::Weak,
            Some("name") => AbbrevClass::Name,
            _ => {
                bad.push((n + 1, line));
                continue;
            }
        };
        if parts.next().is_some() || !word.ends_with('.') || map.insert(word, class).is_some() {
            bad.push((n + 1, line));
        }
    }
    (map, bad)
}

fn parse_words(src: &'static str) -> crate::fasthash::FastSet<&'static str> {
    src.lines()
        .filter_map(|l| l.split('#').next())
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect()
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let abbrev = parse_abbreviations(ABBREVIATIONS).0;
        let mut upper = WordMap::default();
        // (no two entries have one capitalised form, so the order of this
        // walk decides nothing: a test checks it)
        for (w, c) in &abbrev {
            upper.entry(w.to_uppercase()).or_insert(*c);
        }
        Tables {
            abbrev,
            upper,
            starters: parse_words(STARTERS),
        }
    })
}

/// The class of a known abbreviation, written with its final dot ("Mr.").
/// A word in capitals also matches the capitalised form of an entry.
pub fn abbreviation(word: &str) -> Option<AbbrevClass> {
    let t = tables();
    match t.abbrev.get(word) {
        Some(c) => Some(*c),
        None if !word.chars().any(char::is_lowercase) => t.upper.get(word).copied(),
        None => None,
    }
}

/// Whether `word` (capitalised, e.g. "The") typically opens a sentence.
pub fn is_sentence_starter(word: &str) -> bool {
    tables().starters.contains(word)
}

/// Splits `text` into sentence spans (trimmed of surrounding whitespace).
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 120 + 1);
    sentences_into(text, &mut out);
    out
}

/// The bytes [`sentences_into`] looks at: line breaks, `.` `!` `?`, and the
/// first bytes of the three-byte characters it reads (`…`, the line and
/// paragraph separators, the ideographic full stop, the full-width `!` `?`).
static MAY_END: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// The bytes of `w` that may end a sentence (those of [`MAY_END`]), with
/// other controls below 0x0E and other bytes from 0x80, as the high bit of
/// each byte. The lowest is exactly the first such byte: a "has a zero
/// byte" test only errs in bytes above a true hit, where a borrow runs.
#[inline]
fn may_end8(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let below = w.wrapping_sub(ONES * 0x0E) & !w & HIGH;
    below
        | zero(w ^ (ONES * b'.' as u64))
        | zero(w ^ (ONES * b'!' as u64))
        | zero(w ^ (ONES * b'?' as u64))
        | (w & HIGH)
}

/// Like [`sentences`], appending to `out`.
pub fn sentences_into(text: &str, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let wrap = wrap_info(text);
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // most bytes can end no sentence: skip them eight at a time to the
        // first that may (or is a control or not ASCII), then by a table
        if let Some(w) = b.get(i..i + 8) {
            let m = may_end8(u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
            // (the next address does not wait for the count of zeros: a
            // predicted branch, not a data dependence, carries the loop)
            if m == 0 {
                i += 8;
                continue;
            }
            i += (m.trailing_zeros() / 8) as usize;
        }
        if !MAY_END[b[i] as usize] {
            i += 1;
            continue;
        }
        match b[i] {
            b'\n' | b'\r' => {
                let mut j = i + 1;
                if b[i] == b'\r' && j < b.len() && b[j] == b'\n' {
                    j += 1;
                }
                let ends = match wrap {
                    None => !continues_line(text, i, j),
                    Some(w) => wrapped_break(text, i, j, w),
                };
                if ends {
                    push(text, start, i, out);
                    start = j;
                }
                i = j;
            }
            b'.' | b'!' | b'?' => {
                i = terminal(text, i, &mut start, out);
            }
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0xA6) => i = terminal(text, i, &mut start, out),
                Some(0xA8) | Some(0xA9) => {
                    push(text, start, i, out);
                    start = i + 3;
                    i += 3;
                }
                _ => i += 1,
            },
            0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x82) => {
                i = terminal(text, i, &mut start, out);
            }
            0xEF if b.get(i + 1) == Some(&0xBC)
                && matches!(b.get(i + 2), Some(0x81) | Some(0x9F)) =>
            {
                i = terminal(text, i, &mut start, out);
            }
            _ => i += 1,
        }
    }
    push(text, start, text.len(), out);
}

/// The longest sentence: text running longer without a sentence end (a
/// 10 MB line, a table flattened into one paragraph) is cut at the last
/// space before this many bytes, or at a character boundary when there is
/// none. Real sentences stay far below it; the cap keeps the coder's work
/// per sentence bounded, so time stays linear in the length of the text.
pub const MAX_SENTENCE_BYTES: usize = 8192;

/// Pushes the trimmed `text[a..b]` if it is not empty, in pieces of at
/// most [`MAX_SENTENCE_BYTES`].
fn push(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let mut a = a;
    while a < b {
        let s = &text[a..b];
        let t = s.trim_start_matches(is_space);
        let lead = s.len() - t.len();
        let t = t.trim_end_matches(is_space);
        if t.is_empty() {
            return;
        }
        let start = a + lead;
        if t.len() <= MAX_SENTENCE_BYTES {
            out.push(Span::new(start, start + t.len()));
            return;
        }
        let mut cut = MAX_SENTENCE_BYTES;
        while !t.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &t[..cut];
        let cut = match head.rfind(is_space) {
            Some(p) if !head[..p].trim_end_matches(is_space).is_empty() => p,
            _ => cut,
        };
        let piece = t[..cut].trim_end_matches(is_space);
        out.push(Span::new(start, start + piece.len()));
        a = start + cut;
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}')
}

#[inline]
fn char_at(s: &str, i: usize) -> char {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        s[i..].chars().next().unwrap_or(' ')
    }
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201D}'
            | '\u{2019}'
            | ')'
            | ']'
            | '}'
            | '\u{00BB}'
            | '\u{203A}'
            | '\u{300D}'
            | '\u{300F}'
            | '\u{FF09}'
            | '\u{3011}'
            | '\u{300B}'
    )
}

/// Handles a run of terminal punctuation starting at `i`; returns where to
/// continue scanning.
fn terminal(text: &str, i: usize, start: &mut usize, out: &mut Vec<Span>) -> usize {
    let len = text.len();
    let mut j = i;
    let (mut dots, mut question, mut ellipsis, mut cjk) = (0, false, false, false);
    while j < len {
        let c = char_at(text, j);
        match c {
            '.' => dots += 1,
            '!' | '?' => question = true,
            '\u{2026}' => ellipsis = true,
            '\u{3002}' | '\u{FF01}' | '\u{FF1F}' => cjk = true,
            _ => break,
        }
        j += c.len_utf8();
    }
    let mut k = j;
    while k < len {
        let c = char_at(text, k);
        if !is_closer(c) {
            break;
        }
        k += c.len_utf8();
    }
    if cjk {
        push(text, *start, k, out);
        *start = k;
        return k;
    }
    if k < len && !is_space(char_at(text, k)) {
        return j;
    }
    let mut n = k;
    while n < len {
        let c = char_at(text, n);
        if !is_space(c) {
            break;
        }
        n += c.len_utf8();
    }
    if n >= len {
        return k;
    }
    let next = char_at(text, n);
    let split = if question {
        !next.is_lowercase()
    } else if ellipsis || dots >= 2 {
        next.is_uppercase()
    } else if k > j {
        ordinary(next)
    } else {
        period(text, i, n, next)
    };
    if split {
        push(text, *start, k, out);
        *start = k;
    }
    k
}

/// The rule for a word that is not an abbreviation: a sentence ends unless
/// a lower-case word or continuing punctuation follows.
fn ordinary(next: char) -> bool {
    !(next.is_lowercase()
        || matches!(
            next,
            ',' | ';' | ':' | ')' | ']' | '}' | '%' | '-' | '\u{2013}' | '\u{2014}'
        ))
}

/// Whether the word at `n` typically opens a sentence.
fn starter_at(text: &str, n: usize) -> bool {
    let rest = &text[n..];
    let mut end = 0;
    for (p, c) in rest.char_indices().take(16) {
        if !c.is_alphabetic() {
            break;
        }
        end = p + c.len_utf8();
    }
    is_sentence_starter(&rest[..end])
}

/// Decides a single `.` at `dot` followed by whitespace and `next` at `n`.
fn period(text: &str, dot: usize, n: usize, next: char) -> bool {
    // The word before the dot: letters, digits and inner dots.
    let before = &text[..dot];
    let mut ws = dot;
    for (p, c) in before.char_indices().rev() {
        if c.is_alphanumeric() || c == '.' {
            ws = p;
            if dot - p > 24 {
                break;
            }
        } else {
            break;
        }
    }
    while ws < dot && text.as_bytes()[ws] == b'.' {
        ws += 1;
    }
    let word = &text[ws..dot];
    if word.is_empty() {
        return ordinary(next);
    }
    if is_list_marker(text, ws, word) {
        return false;
    }
    match abbreviation(&text[ws..dot + 1]) {
        Some(AbbrevClass::Title) => false,
        Some(AbbrevClass::Number) => !next.is_ascii_digit() && ordinary(next),
        Some(AbbrevClass::Weak) => ordinary(next),
        Some(AbbrevClass::Name) => starter_at(text, n),
        None => {
            let mut cs = word.chars();
            let initial = matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase());
            if initial || word.contains('.') {
                starter_at(text, n)
            } else {
                ordinary(next)
            }
        }
    }
}

/// `1.`, `12.`, `a.`, `iv.` at the start of a line (or `1.` after a colon
/// or another sentence).
fn is_list_marker(text: &str, ws: usize, word: &str) -> bool {
    let digits = word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit());
    let letter = word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic();
    let roman = word.len() <= 4
        && (word.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'))
            || word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')));
    if !(digits || letter || roman) {
        return false;
    }
    let pre = text[..ws].trim_end_matches([' ', '\t']);
    match pre.as_bytes().last() {
        None | Some(b'\n') | Some(b'\r') => true,
        Some(b':') | Some(b'.') | Some(b';') => digits,
        _ => false,
    }
}

/// For hard-wrapped text, the median length of its non-blank lines.
fn wrap_info(text: &str) -> Option<usize> {
    let (mut breaks, mut soft) = (0usize, 0usize);
    let mut prev: Option<&str> = None;
    for line in text.split('\n') {
        let t = line.trim();
        if t.is_empty() {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            breaks += 1;
            let ends_open = p
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == ',');
            let starts_low = t.chars().next().is_some_and(char::is_lowercase);
            if ends_open && starts_low {
                soft += 1;
            }
        }
        prev = Some(t);
    }
    if breaks < 4 || soft * 4 < breaks {
        return None;
    }
    let mut lens: Vec<usize> = text
        .split('\n')
        .map(|l| l.trim().chars().count())
        .filter(|&l| l > 0)
        .collect();
    let mid = lens.len() / 2;
    let (_, m, _) = lens.select_nth_unstable(mid);
    Some(*m)
}

/// A stray line break inside a sentence: the line ends in a lower-case
/// letter or a comma and the next one starts with a lower-case letter, or
/// the line ends in a word no sentence or title ends with ("Russia has
/// occupied parts of\nGeorgia since 2008": "of", "the", "and", ...).
fn continues_line(text: &str, i: usize, j: usize) -> bool {
    let before = text[..i].trim_end_matches([' ', '\t', '\r']);
    let last_word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if matches!(
        last_word,
        "of" | "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "to"
            | "in"
            | "on"
            | "for"
            | "with"
            | "by"
            | "from"
            | "at"
            | "between"
            | "against"
            | "into"
            | "that"
            | "its"
            | "their"
            | "our"
    ) && text[j..]
        .trim_start_matches([' ', '\t'])
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
    {
        return true;
    }
    let ends_open = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_lowercase() || c == ',');
    ends_open
        && text[j..]
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}

/// In hard-wrapped text: does the line break at `text[i..j]` end a sentence?
fn wrapped_break(text: &str, i: usize, j: usize, median: usize) -> bool {
    let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
    let prev = text[line_start..i].trim();
    if prev.is_empty() {
        return true;
    }
    let rest = &text[j..];
    let next_line = rest.split('\n').next().unwrap_or("");
    let next = next_line.trim_start();
    if next.trim_end().is_empty() {
        return true; // blank line: a paragraph break
    }
    if starts_with_marker(next) {
        return true;
    }
    let first = next.chars().next().unwrap_or(' ');
    let last = prev.chars().next_back().unwrap_or(' ');
    let short = prev.chars().count() * 2 < median;
    // A short line without final punctuation before a capital: a title.
    // (Lines ending in `.` were already judged by the punctuation rules.)
    short && (first.is_uppercase() || first.is_ascii_digit()) && last.is_alphanumeric()
}

/// A bullet or numbered list marker opening a line.
fn starts_with_marker(line: &str) -> bool {
    let b = line.as_bytes();
    if line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("\u{2022} ")
        || line.starts_with("\u{2014} ")
        || line.starts_with("\u{2013} ")
    {
        return true;
    }
    let d = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&d)
        && matches!(b.get(d), Some(b'.') | Some(b')'))
        && b.get(d + 1) == Some(&b' ')
    {
        return true;
    }
    b.first() == Some(&b'(') && b.iter().skip(1).take(4).any(|&c| c == b')')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_byte_skip_stops_at_the_first_byte_that_may_end_a_sentence() {
        let flagged = |c: u8| MAY_END[c as usize] || !(0x0E..0x80).contains(&c);
        for at in 0..8 {
            for c in 0..=255u8 {
                for fill in [b'a', b' ', b'-', 0x0E, 0x7F] {
                    let mut w = [fill; 8];
                    w[at] = c;
                    // a second hit above, whose borrow must not matter
                    if at < 7 {
                        w[7] = b'.';
                    }
                    let first = w.iter().position(|&x| flagged(x)).unwrap_or(8);
                    let got = (may_end8(u64::from_le_bytes(w)).trailing_zeros() / 8) as usize;
                    assert_eq!(got, first, "{w:?}");
                }
            }
        }
    }

    fn sents(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|s| &t[s]).collect()
    }

    #[test]
    fn data_files_parse() {
        let (map, bad) = parse_abbreviations(ABBREVIATIONS);
        assert!(bad.is_empty(), "bad lines in abbreviations.txt: {bad:?}");
        assert!(map.len() > 50);
        assert_eq!(abbreviation("Mr."), Some(AbbrevClass::Title));
        assert_eq!(abbreviation("U.S."), Some(AbbrevClass::Name));
        assert!(is_sentence_starter("The"));
        assert!(!is_sentence_starter("President"));
        // each capitalised form comes from entries of one class
        for (w, c) in &map {
            assert_eq!(tables().upper.get(&w.to_uppercase()), Some(c), "{w}");
        }
        for w in parse_words(STARTERS) {
            assert!(is_sentence_starter(w), "{w}");
        }
    }

    #[test]
    fn basic() {
        assert_eq!(
            sents("One. Two! Three? four"),
            ["One.", "Two!", "Three? four"]
        );
        assert_eq!(sents("  Hello world.  "), ["Hello world."]);
        assert!(sents("").is_empty());
        assert!(sents(" \n\n ").is_empty());
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            sents("Mr. Xi met Dr. Smith in St. Petersburg on Jan. 5 at 10 a.m. local time."),
            ["Mr. Xi met Dr. Smith in St. Petersburg on Jan. 5 at 10 a.m. local time."]
        );
        assert_eq!(
            sents("He lives at No. 10 Downing St. in London, i.e. here. Sept. 11 was a Tuesday."),
            [
                "He lives at No. 10 Downing St. in London, i.e. here.",
                "Sept. 11 was a Tuesday."
            ]
        );
        assert_eq!(
            sents("Gen. Lt. Sen. Rep. Co. Ltd. vs. others."),
            ["Gen. Lt. Sen. Rep. Co. Ltd. vs. others."]
        );
        assert_eq!(sents("John F. Kennedy spoke."), ["John F. Kennedy spoke."]);
        assert_eq!(
            sents("e.g. China and the U.N. agreed."),
            ["e.g. China and the U.N. agreed."]
        );
    }

    #[test]
    fn us_and_etc_at_sentence_end() {
        assert_eq!(
            sents("The U.S. President met the U.S. Government team."),
            ["The U.S. President met the U.S. Government team."]
        );
        assert_eq!(
            sents("Sanctions hit the U.S. The move failed."),
            ["Sanctions hit the U.S.", "The move failed."]
        );
        assert_eq!(
            sents("They buy oil, gas, etc. China sells grain, etc. and more."),
            [
                "They buy oil, gas, etc.",
                "China sells grain, etc. and more."
            ]
        );
        assert_eq!(sents("He met U.S. officials."), ["He met U.S. officials."]);
    }

    #[test]
    fn numbers_and_ellipses() {
        assert_eq!(
            sents("Trade hit US$107.8 billion, up 3.5%. It grew."),
            ["Trade hit US$107.8 billion, up 3.5%.", "It grew."]
        );
        assert_eq!(
            sents("We wait... and wait… Then go."),
            ["We wait... and wait…", "Then go."]
        );
        assert_eq!(sents("In 2021. 2022 came."), ["In 2021.", "2022 came."]);
    }

    #[test]
    fn quotes() {
        assert_eq!(
            sents("He said “we agree.” The talks ended."),
            ["He said “we agree.”", "The talks ended."]
        );
        assert_eq!(
            sents("He said \"we agree.\" Then left."),
            ["He said \"we agree.\"", "Then left."]
        );
        assert_eq!(sents("“Why?” he asked."), ["“Why?” he asked."]);
        assert_eq!(
            sents("the principles of “non-alliance”. The two sides"),
            ["the principles of “non-alliance”.", "The two sides"]
        );
        assert_eq!(
            sents("(See above.) Next one."),
            ["(See above.)", "Next one."]
        );
    }

    #[test]
    fn lines_and_lists() {
        assert_eq!(
            sents("Journal\nCarrying Forward Relations\nTwenty years ago, it began."),
            [
                "Journal",
                "Carrying Forward Relations",
                "Twenty years ago, it began."
            ]
        );
        assert_eq!(
            sents("Q: Could you comment? \n\nA: Yes. We agree.\r\nNext"),
            ["Q: Could you comment?", "A: Yes.", "We agree.", "Next"]
        );
        assert_eq!(
            sents("Points:\n1. The first point.\n2. The second.\n(a) Third\n— Fourth"),
            [
                "Points:",
                "1. The first point.",
                "2. The second.",
                "(a) Third",
                "— Fourth"
            ]
        );
        assert_eq!(
            sents("We agreed as follows: 1. Trade grows. 2. Peace holds."),
            ["We agreed as follows: 1. Trade grows.", "2. Peace holds."]
        );
        assert_eq!(
            sents("A. Introduction\nText."),
            ["A. Introduction", "Text."]
        );
    }

    #[test]
    fn a_line_ending_in_a_function_word_goes_on() {
        assert_eq!(
            sents("Russia has occupied parts of\nGeorgia since 2008. It must leave."),
            vec![
                "Russia has occupied parts of\nGeorgia since 2008.",
                "It must leave."
            ]
        );
        // a title line still ends at its break
        assert_eq!(
            sents("Carrying Forward Relations\nTwenty years ago, it began."),
            vec!["Carrying Forward Relations", "Twenty years ago, it began."]
        );
    }

    #[test]
    fn hard_wrapped() {
        let t = "Please allow me to extend my warm congratulations to\n\
                 you, Sir, on your assumption of the presidency of the\n\
                 General Assembly at its current session. I am confident\n\
                 that, with your wisdom and experience, and with the\n\
                 support of member States, the Assembly will succeed.\n\
                 I thank Mr.\n\
                 Gurirab for the contribution he made as President of the\n\
                 Assembly at its last session.\n\
                 \n\
                 The Summit has just concluded.";
        assert_eq!(sents(t).len(), 4, "{:#?}", sents(t));
        assert!(sents(t)[0].starts_with("Please allow") && sents(t)[0].ends_with("session."));
        assert!(sents(t)[2].starts_with("I thank Mr.\nGurirab"));
    }

    #[test]
    fn cjk() {
        assert_eq!(
            sents("中国和俄罗斯。双方同意！好吗？"),
            ["中国和俄罗斯。", "双方同意！", "好吗？"]
        );
    }

    #[test]
    fn spans_on_boundaries() {
        let t = "Ça va. Été… Über! “Ja.” Ok";
        for s in sentences(t) {
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
        }
    }
}
