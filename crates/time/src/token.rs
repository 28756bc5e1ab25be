//! The tagger's own tokeniser: runs of letters and digits, and single
//! punctuation characters, as byte ranges into the text. No allocation per
//! token; words are looked up in the lexicon as they are cut.

use crate::lexicon::{Lex, Lexicon};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// ASCII digits only.
    Num,
    /// Letters only.
    Word,
    /// Letters and digits mixed ("21st", "1990s", "Q3", "5G").
    Alnum,
    /// One character that is neither a letter, a digit nor white space.
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Value of a `Num` (saturating), 0 otherwise.
    pub num: u32,
    /// White space (or the span start) right before the token.
    pub space_before: bool,
    /// The punctuation character, normalised (curly apostrophe -> `'`, en
    /// and em dash -> `-`); `'\0'` for other kinds.
    pub ch: char,
    pub lex: Lex,
}

impl Tok {
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn norm_punct(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '`' | '\u{2032}' => '\'',
        '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2010}' | '\u{2011}' | '\u{2212}' => '-',
        '\u{201c}' | '\u{201d}' => '"',
        c => c,
    }
}

/// Tokenises `text[start..end]`; returns whether any token may start a
/// temporal expression (a digit or a trigger word).
pub(crate) fn tokenize(
    text: &str,
    start: usize,
    end: usize,
    lx: &Lexicon,
    out: &mut Vec<Tok>,
) -> bool {
    let Some(s) = text.get(start..end) else {
        return false;
    };
    let bytes = s.as_bytes();
    let mut trigger = false;
    let mut i = 0;
    let mut space = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let (c, clen) = if b < 0x80 {
            (b as char, 1)
        } else {
            match s[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if c.is_whitespace() {
            space = true;
            i += clen;
            continue;
        }
        let tstart = i;
        if is_word_char(c) {
            let mut digits = 0usize;
            let mut letters = 0usize;
            let mut j = i;
            while j < bytes.len() {
                // a run of ASCII letters eight bytes at a time (most words
                // are one); the byte after it is decided below
                let k = ascii_letter_run(bytes, j);
                letters += k - j;
                j = k;
                let Some(&bj) = bytes.get(j) else {
                    break;
                };
                if bj.is_ascii_digit() {
                    digits += 1;
                    j += 1;
                } else if bj >= 0x80 {
                    match s[j..].chars().next() {
                        Some(cj) if is_word_char(cj) => {
                            letters += 1;
                            j += cj.len_utf8();
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            let word = &s[tstart..j];
            let kind = if letters == 0 {
                Kind::Num
            } else if digits == 0 {
                Kind::Word
            } else {
                Kind::Alnum
            };
            let mut num = 0u32;
            let mut lex = Lex::default();
            match kind {
                Kind::Num => {
                    trigger = true;
                    for d in word.bytes() {
                        num = num.saturating_mul(10).saturating_add((d - b'0') as u32);
                    }
                }
                Kind::Alnum => trigger = true,
                _ => {
                    if let Some(l) = lx.get(word) {
                        lex = *l;
                        trigger |= l.trigger;
                    }
                }
            }
            out.push(Tok {
                start: start + tstart,
                end: start + j,
                kind,
                num,
                space_before: space,
                ch: '\0',
                lex,
            });
            i = j;
        } else {
            out.push(Tok {
                start: start + tstart,
                end: start + tstart + clen,
                kind: Kind::Punct,
                num: 0,
                space_before: space,
                ch: norm_punct(c),
                lex: Lex::default(),
            });
            i += clen;
        }
        space = false;
    }
    trigger
}

/// The cheap first pass: does `s` hold a digit or a trigger word? Looks at
/// bytes only; non-ASCII letters end a word (no trigger word has one).
pub(crate) fn prescan(s: &str, lx: &Lexicon) -> bool {
    // one table load per byte instead of two range tests (this runs on
    // every sentence the coder, claims or commitments tag)
    // a digit anywhere answers yes (tested first, eight bytes at a time);
    // then the runs of letters, read eight bytes at a time
    let b = s.as_bytes();
    if has_ascii_digit(b) {
        return true;
    }
    let mut i = 0;
    while i < b.len() {
        if BYTE_CLASS[b[i] as usize] != LETTER {
            i += 1;
            continue;
        }
        let st = i;
        i = ascii_letter_run(b, i + 1);
        if lx.is_trigger(&b[st..i]) {
            return true;
        }
    }
    false
}

// byte classes of the pre-scan, shared with the other scanners
use dyad_text::token::{
    ascii_letter_run, has_ascii_digit, ASCII_CLASS as BYTE_CLASS, ASCII_LETTER as LETTER,
};

/// Token texts of a phrase (for the lexicon's multi-word entries).
pub(crate) fn tokenize_plain(p: &str) -> Vec<String> {
    let lx = Lexicon::default();
    let mut toks = Vec::new();
    tokenize(p, 0, p.len(), &lx, &mut toks);
    toks.iter()
        .map(|t| {
            if t.kind == Kind::Punct {
                t.ch.to_string()
            } else {
                p[t.start..t.end].to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_words_numbers_and_punct() {
        let lx = Lexicon::default();
        let text = "xx On Dec. 15, 2021 the 21st\u{2013}5G’s";
        let mut toks = Vec::new();
        let trig = tokenize(text, 3, text.len(), &lx, &mut toks);
        assert!(trig);
        let kinds: Vec<Kind> = toks.iter().map(|t| t.kind).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            vec![Word, Word, Punct, Num, Punct, Num, Word, Alnum, Punct, Alnum, Punct, Word]
        );
        assert_eq!(&text[toks[0].start..toks[0].end], "On");
        assert_eq!(toks[5].num, 2021);
        assert_eq!(toks[8].ch, '-');
        assert_eq!(toks[10].ch, '\'');
        assert!(toks[3].space_before && !toks[4].space_before);
        assert_eq!(
            tokenize_plain("New Year’s Day"),
            vec!["New", "Year", "'", "s", "Day"]
        );
    }
}
