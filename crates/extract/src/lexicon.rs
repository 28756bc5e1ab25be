//! The quantity lexicon: number words, scales, currencies, units,
//! qualifiers, change words, measures and target words, read from the
//! `.qty` files of `data/lexicon/quantity/`.
//!
//! Every file has the same line format, so one parser serves them all:
//!
//! ```text
//! # comment
//! KEY   POSITION   form, form, form
//! ```
//!
//! Columns are separated by two or more spaces or a tab (so a key may
//! hold a single space: `at least`). `KEY` is what the entry means (a value, a unit code, a qualifier name),
//! `POSITION` a small word whose meaning depends on the file (`before`,
//! `after`, `word`, `money`, a dimension ...). Forms are tokenised with the
//! same scanner as the text, so "US$" and "US $" are both the two tokens
//! `us` `$`. The files use the `.qty` extension so that the actor lexicon's
//! loader, which embeds every `.txt` under `data/lexicon/`, leaves them alone.
use crate::scan::{lex_tokens, TokKind};
use dyad_lexicon::FastMap;
use std::fmt;

/// The built-in files, embedded at compile time.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "quantity/numbers.qty",
        include_str!("../../../data/lexicon/quantity/numbers.qty"),
    ),
    (
        "quantity/scales.qty",
        include_str!("../../../data/lexicon/quantity/scales.qty"),
    ),
    (
        "quantity/currencies.qty",
        include_str!("../../../data/lexicon/quantity/currencies.qty"),
    ),
    (
        "quantity/units.qty",
        include_str!("../../../data/lexicon/quantity/units.qty"),
    ),
    (
        "quantity/qualifiers.qty",
        include_str!("../../../data/lexicon/quantity/qualifiers.qty"),
    ),
    (
        "quantity/changes.qty",
        include_str!("../../../data/lexicon/quantity/changes.qty"),
    ),
    (
        "quantity/measures.qty",
        include_str!("../../../data/lexicon/quantity/measures.qty"),
    ),
    (
        "quantity/targets.qty",
        include_str!("../../../data/lexicon/quantity/targets.qty"),
    ),
];

/// An error in a quantity lexicon file, with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct QtyError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for QtyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error: {}\n  --> {}:{}",
            self.message, self.file, self.line
        )
    }
}

impl std::error::Error for QtyError {}

/// Where an entry came from: `quantity/units.qty:12`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub file: &'static str,
    pub line: usize,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One entry of a phrase set: the tokens to match and what they mean.
#[derive(Debug, Clone)]
pub struct Entry {
    pub tokens: Vec<String>,
    /// The tokens as written in the file (single letters match by case).
    pub raw: Vec<String>,
    pub key: String,
    pub pos: String,
    pub rule: Rule,
}

/// Token sequences, indexed by their first and by their last token, longest first.
#[derive(Debug, Default, Clone)]
pub struct PhraseSet {
    pub entries: Vec<Entry>,
    // the fast hasher: the figure scanner looks every token up here
    by_first: FastMap<String, Vec<u32>>,
    by_last: FastMap<String, Vec<u32>>,
    /// A filter in front of each map: the bit [`word_bit`] of every key is
    /// set, so a word whose bit is clear is no key, known without hashing
    /// it (the scanner asks for every token of a sentence that may hold a
    /// figure, and nearly every one is no key).
    first_bits: Vec<u64>,
    last_bits: Vec<u64>,
}

/// Bits in a [`PhraseSet`] filter (a few hundred keys set ~5 % of them).
const FILTER_BITS: usize = 8192;

/// A word's bit in a [`PhraseSet`] filter: from its length and its first,
/// middle and last bytes.
#[inline]
fn word_bit(w: &str) -> usize {
    let b = w.as_bytes();
    let n = b.len();
    let key = match n {
        0 => 0,
        _ => b[0] as u32 | (b[n / 2] as u32) << 8 | (b[n - 1] as u32) << 16 | (n as u32) << 24,
    };
    (key.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS.trailing_zeros())) as usize
}

#[inline]
fn bit_set(bits: &[u64], w: &str) -> bool {
    let k = word_bit(w);
    bits.get(k / 64).is_some_and(|m| m >> (k % 64) & 1 != 0)
}

fn set_bit(bits: &mut Vec<u64>, w: &str) {
    if bits.is_empty() {
        *bits = vec![0; FILTER_BITS / 64];
    }
    let k = word_bit(w);
    bits[k / 64] |= 1 << (k % 64);
}

impl PhraseSet {
    fn push(&mut self, e: Entry) {
        let id = self.entries.len() as u32;
        set_bit(&mut self.first_bits, &e.tokens[0]);
        set_bit(&mut self.last_bits, &e.tokens[e.tokens.len() - 1]);
        self.by_first
            .entry(e.tokens[0].clone())
            .or_default()
            .push(id);
        self.by_last
            .entry(e.tokens[e.tokens.len() - 1].clone())
            .or_default()
            .push(id);
        self.entries.push(e);
    }

    fn finish(&mut self) {
        let es = &self.entries;
        for v in self.by_first.values_mut().chain(self.by_last.values_mut()) {
            v.sort_by_key(|&i| std::cmp::Reverse(es[i as usize].tokens.len()));
        }
    }

    /// Whether an entry starts with the token `w`.
    #[inline]
    pub fn starts_with(&self, w: &str) -> bool {
        bit_set(&self.first_bits, w) && self.by_first.contains_key(w)
    }

    /// The longest entry whose tokens start at `i` (with `filter`).
    pub fn longest_at(
        &self,
        norms: &[&str],
        i: usize,
        filter: impl Fn(&Entry) -> bool,
    ) -> Option<(&Entry, usize)> {
        let w = *norms.get(i)?;
        if !bit_set(&self.first_bits, w) {
            return None;
        }
        let ids = self.by_first.get(w)?;
        for &id in ids {
            let e = &self.entries[id as usize];
            let n = e.tokens.len();
            if i + n <= norms.len()
                && e.tokens.iter().zip(&norms[i..i + n]).all(|(a, b)| a == b)
                && filter(e)
            {
                return Some((e, n));
            }
        }
        None
    }

    /// The longest entry whose tokens end just before `end` (exclusive).
    pub fn longest_ending(
        &self,
        norms: &[&str],
        end: usize,
        filter: impl Fn(&Entry) -> bool,
    ) -> Option<(&Entry, usize)> {
        if end == 0 {
            return None;
        }
        let w = *norms.get(end - 1)?;
        if !bit_set(&self.last_bits, w) {
            return None;
        }
        let ids = self.by_last.get(w)?;
        for &id in ids {
            let e = &self.entries[id as usize];
            let n = e.tokens.len();
            if n <= end
                && e.tokens
                    .iter()
                    .zip(&norms[end - n..end])
                    .all(|(a, b)| a == b)
                && filter(e)
            {
                return Some((e, n));
            }
        }
        None
    }
}

/// The whole quantity lexicon.
#[derive(Debug, Default, Clone)]
pub struct QtyLexicon {
    pub numbers: PhraseSet,
    pub scales: PhraseSet,
    pub currencies: PhraseSet,
    pub units: PhraseSet,
    pub qualifiers: PhraseSet,
    pub changes: PhraseSet,
    pub measures: PhraseSet,
    pub targets: PhraseSet,
}

impl QtyLexicon {
    /// The built-in lexicon (parsed once, then shared).
    pub fn builtin() -> &'static QtyLexicon {
        static LEX: std::sync::OnceLock<QtyLexicon> = std::sync::OnceLock::new();
        LEX.get_or_init(|| {
            // The built-in files are tested to parse; an error here is a
            // build defect, not user data.
            QtyLexicon::from_files(BUILTIN).expect("built-in quantity lexicon is valid")
        })
    }

    /// Parses a set of files (`path`, contents); all errors are reported.
    pub fn from_files(files: &[(&'static str, &str)]) -> Result<QtyLexicon, Vec<QtyError>> {
        let mut lex = QtyLexicon::default();
        let mut errs = Vec::new();
        for &(path, text) in files {
            let name = path.rsplit('/').next().unwrap_or(path);
            let (set, positions): (&mut PhraseSet, &[&str]) = match name {
                "numbers.qty" => (&mut lex.numbers, &["unit", "ten", "mult", "frac", "denom"]),
                "scales.qty" => (&mut lex.scales, &["word", "money"]),
                "currencies.qty" => (&mut lex.currencies, &["before", "after"]),
                "units.qty" => (&mut lex.units, &[]),
                "qualifiers.qty" => (&mut lex.qualifiers, &["before"]),
                "changes.qty" => (&mut lex.changes, &["before"]),
                "measures.qty" => (&mut lex.measures, &["bilateral", "own"]),
                "targets.qty" => (&mut lex.targets, &["near"]),
                _ => {
                    errs.push(QtyError {
                        file: path.to_string(),
                        line: 0,
                        message: format!("unknown quantity file \"{name}\""),
                    });
                    continue;
                }
            };
            parse_file(path, text, set, positions, &mut errs);
            if name == "numbers.qty" || name == "scales.qty" {
                for e in set.entries.iter().filter(|e| !e.key.is_empty()) {
                    if e.key.parse::<f64>().map(|v| !v.is_finite()).unwrap_or(true) {
                        errs.push(QtyError {
                            file: path.to_string(),
                            line: e.rule.line,
                            message: format!("\"{}\" is not a number", e.key),
                        });
                    }
                }
            }
        }
        for s in [
            &mut lex.numbers,
            &mut lex.scales,
            &mut lex.currencies,
            &mut lex.units,
            &mut lex.qualifiers,
            &mut lex.changes,
            &mut lex.measures,
            &mut lex.targets,
        ] {
            s.finish();
        }
        if errs.is_empty() {
            Ok(lex)
        } else {
            Err(errs)
        }
    }

    /// The numeric key of a numbers/scales entry.
    pub fn num(e: &Entry) -> f64 {
        e.key.parse().unwrap_or(0.0)
    }
}

/// Splits a line at runs of two or more spaces or at tabs.
fn columns(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\t'
            || (b[i] == b' ' && i + 1 < b.len() && (b[i + 1] == b' ' || b[i + 1] == b'\t'))
        {
            out.push(&line[start..i]);
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out.into_iter().filter(|c| !c.is_empty()).collect()
}

fn parse_file(
    path: &'static str,
    text: &str,
    set: &mut PhraseSet,
    positions: &[&str],
    errs: &mut Vec<QtyError>,
) {
    for (n, line) in text.lines().enumerate() {
        let lineno = n + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |m: String| QtyError {
            file: path.to_string(),
            line: lineno,
            message: m,
        };
        let cols = columns(line);
        if cols.len() != 3 {
            errs.push(err(format!(
                "expected three columns (KEY  POSITION  form, form, ...) separated by two spaces or a tab, but found {} in \"{line}\"",
                cols.len()
            )));
            continue;
        }
        let (key, pos, forms) = (cols[0], cols[1], cols[2]);
        if !positions.is_empty() && !positions.contains(&pos) {
            errs.push(err(format!(
                "unknown position \"{pos}\" (expected one of: {})",
                positions.join(", ")
            )));
            continue;
        }
        for form in forms.split(',') {
            let form = form.trim();
            if form.is_empty() {
                errs.push(err("empty form between commas".into()));
                continue;
            }
            let lexed: Vec<_> = lex_tokens(form)
                .into_iter()
                .filter(|t| t.kind != TokKind::Space)
                .collect();
            let raw: Vec<String> = lexed
                .iter()
                .map(|t| form[t.start..t.end].to_string())
                .collect();
            let toks: Vec<String> = lexed.into_iter().map(|t| String::from(t.norm)).collect();
            if toks.is_empty() {
                errs.push(err(format!("form \"{form}\" has no tokens")));
                continue;
            }
            set.push(Entry {
                tokens: toks,
                raw,
                key: key.to_string(),
                pos: pos.to_string(),
                rule: Rule {
                    file: path,
                    line: lineno,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let l = QtyLexicon::from_files(BUILTIN).unwrap();
        assert!(l.units.entries.len() > 50);
        assert!(l.currencies.entries.iter().any(|e| e.key == "USD"));
    }

    #[test]
    fn the_filters_pass_every_key_and_stop_most_words() {
        let l = QtyLexicon::builtin();
        let sets = [
            &l.numbers,
            &l.scales,
            &l.currencies,
            &l.units,
            &l.qualifiers,
            &l.changes,
        ];
        let mut stopped = 0;
        let words = "the of and to in a is that for on it with as was he be by at this are \
                     from have an they which or we had not but his been were has their";
        for set in sets {
            for e in &set.entries {
                let (first, last) = (&e.tokens[0], &e.tokens[e.tokens.len() - 1]);
                assert!(set.starts_with(first), "{first:?}");
                let toks: Vec<&str> = e.tokens.iter().map(|t| t.as_str()).collect();
                assert!(set.longest_at(&toks, 0, |_| true).is_some(), "{toks:?}");
                assert!(
                    set.longest_ending(&toks, toks.len(), |_| true).is_some(),
                    "{last:?}"
                );
            }
            for w in words.split_whitespace() {
                assert_eq!(
                    bit_set(&set.first_bits, w) && set.by_first.contains_key(w),
                    set.starts_with(w)
                );
                stopped += usize::from(!bit_set(&set.first_bits, w));
            }
        }
        // most of the commonest words are stopped before any hashing
        assert!(stopped > sets.len() * 30 / 2, "{stopped}");
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = QtyLexicon::from_files(&[(
            "quantity/units.qty",
            "# c\nkm  length  km, kilometres\nbroken\n",
        )])
        .unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 3);
        assert!(e[0].to_string().contains("quantity/units.qty:3"));
        let e = QtyLexicon::from_files(&[(
            "quantity/scales.qty",
            "1e6  often  million\nxx  word  m\n",
        )])
        .unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].message.contains("unknown position"));
        assert!(e[1].message.contains("not a number"));
    }

    #[test]
    fn builtin_forms_are_unique_per_file() {
        for (path, text) in BUILTIN {
            let l = QtyLexicon::from_files(&[(path, text)]).unwrap();
            let set = [
                &l.numbers,
                &l.scales,
                &l.currencies,
                &l.units,
                &l.qualifiers,
                &l.changes,
                &l.measures,
                &l.targets,
            ]
            .into_iter()
            .find(|s| !s.entries.is_empty())
            .unwrap();
            let mut seen = std::collections::HashMap::new();
            for e in &set.entries {
                if let Some(prev) = seen.insert((e.tokens.clone(), e.pos.clone()), e.rule.line) {
                    panic!(
                        "{path}:{}: form {:?} already at line {prev}",
                        e.rule.line, e.tokens
                    );
                }
            }
        }
    }
}
