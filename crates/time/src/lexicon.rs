//! Loading and validating the temporal word lists (`data/lexicon/temporal/`).
//!
//! Every file is a list of lines, `|`-separated fields, `#` comments. The
//! file's kind is its base name (`months.txt`, `weekdays.txt`, ...); each
//! kind has a key in its first field. Problems are collected, never
//! panicked on, and reported with the file and line.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasherDefault;

use dyad_text::fasthash::FastHasher;

use crate::value::Relation;

/// A problem in a temporal word list, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    pub file: String,
    pub line: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for LexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error: {}\n  --> {}:{}",
            self.message, self.file, self.line
        )?;
        if let Some(h) = &self.hint {
            write!(f, "\n  = help: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LexError {}

/// Grammar words the rules test for. They are part of the rules, not of
/// the data, so they live here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Kw {
    /// "night", "morning", "afternoon", "evening" ("last night", "this morning")
    PartOfDay,
    #[default]
    None,
    Year,
    Month,
    Week,
    Day,
    Decade,
    Century,
    Quarter,
    Half,
    Period,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Ago,
    Earlier,
    Later,
    Last,
    Next,
    This,
    Past,
    Previous,
    Coming,
    Current,
    The,
    Of,
    In,
    On,
    During,
    From,
    To,
    Between,
    And,
    Through,
    Until,
    Early,
    Mid,
    Late,
    End,
    Beginning,
    Same,
    Recent,
    Eve,
    A,
    Before,
    After,
    Since,
    By,
}

const KEYWORDS: &[(&str, Kw)] = &[
    ("year", Kw::Year),
    ("years", Kw::Year),
    ("month", Kw::Month),
    ("months", Kw::Month),
    ("week", Kw::Week),
    ("weeks", Kw::Week),
    ("day", Kw::Day),
    ("days", Kw::Day),
    ("decade", Kw::Decade),
    ("decades", Kw::Decade),
    ("century", Kw::Century),
    ("centuries", Kw::Century),
    ("quarter", Kw::Quarter),
    ("quarters", Kw::Quarter),
    ("half", Kw::Half),
    ("period", Kw::Period),
    ("today", Kw::Today),
    ("yesterday", Kw::Yesterday),
    ("tomorrow", Kw::Tomorrow),
    ("tonight", Kw::Tonight),
    ("night", Kw::PartOfDay),
    ("morning", Kw::PartOfDay),
    ("afternoon", Kw::PartOfDay),
    ("evening", Kw::PartOfDay),
    ("ago", Kw::Ago),
    ("earlier", Kw::Earlier),
    ("later", Kw::Later),
    ("last", Kw::Last),
    ("next", Kw::Next),
    ("this", Kw::This),
    ("past", Kw::Past),
    ("previous", Kw::Previous),
    ("coming", Kw::Coming),
    ("upcoming", Kw::Coming),
    ("current", Kw::Current),
    ("the", Kw::The),
    ("of", Kw::Of),
    ("in", Kw::In),
    ("on", Kw::On),
    ("during", Kw::During),
    ("from", Kw::From),
    ("to", Kw::To),
    ("between", Kw::Between),
    ("and", Kw::And),
    ("through", Kw::Through),
    ("thru", Kw::Through),
    ("until", Kw::Until),
    ("till", Kw::Until),
    ("early", Kw::Early),
    ("mid", Kw::Mid),
    ("middle", Kw::Mid),
    ("late", Kw::Late),
    ("end", Kw::End),
    ("beginning", Kw::Beginning),
    ("start", Kw::Beginning),
    ("same", Kw::Same),
    ("recent", Kw::Recent),
    ("eve", Kw::Eve),
    ("a", Kw::A),
    ("an", Kw::A),
    ("before", Kw::Before),
    ("after", Kw::After),
    ("since", Kw::Since),
    ("by", Kw::By),
];

/// Keywords that can only occur in (or next to) a temporal expression; a
/// sentence without one of them, a digit or a calendar word is skipped.
fn is_trigger_kw(k: Kw) -> bool {
    matches!(
        k,
        Kw::Year
            | Kw::Month
            | Kw::Week
            | Kw::Day
            | Kw::Decade
            | Kw::Century
            | Kw::Quarter
            | Kw::Today
            | Kw::Yesterday
            | Kw::Tomorrow
            | Kw::Tonight
            | Kw::PartOfDay
            | Kw::Ago
            | Kw::Eve
    )
}

/// Everything the lexicon knows about one lower-case word.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Lex {
    /// Month 1..=12, 0 if none.
    pub month: u8,
    /// The month's full name (first field), usable without a day or year.
    pub month_full: bool,
    /// ISO weekday 1..=7, 0 if none.
    pub weekday: u8,
    pub weekday_full: bool,
    /// Cardinal value, if a number word.
    pub card: Option<u32>,
    /// Ordinal value, if an ordinal word.
    pub ord: Option<u32>,
    /// Season index + 1, 0 if none.
    pub season: u8,
    pub unit_after: bool,
    pub unit_before: bool,
    pub kw: Kw,
    /// Starts a holiday or relation phrase.
    pub phrase: bool,
    /// Starts a holiday phrase.
    pub holiday: bool,
    /// Cheap pre-filter: the sentence may hold a temporal expression.
    pub trigger: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Fixed(u32, u32),
    Lunar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    Holiday(Anchor),
    Relation(Relation),
}

#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    /// Lower-case tokens as the tagger's tokeniser splits the phrase.
    pub words: Vec<String>,
    pub kind: PhraseKind,
}

/// The word maps hash with the workspace's multiply-rotate hasher, eight
/// bytes at a time (a byte at a time, the tagger's tokeniser spent ~100
/// instructions on every word it looked up).
type WordMap<V> = HashMap<Box<[u8]>, V, BuildHasherDefault<FastHasher>>;

/// The compiled word lists.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    words: WordMap<Lex>,
    /// For trigger words only: bit `last letter` of
    /// `trigger_mask[first letter][len]`. The first pass rejects almost every
    /// word of a sentence with one table read.
    trigger_mask: Vec<[u32; MAX_WORD + 1]>,
    /// The same for every word (made when the lists are complete): what
    /// [`Lexicon::get`] asks before it lower-cases and hashes a word. The
    /// tagger's tokenizer looks up every word of a sentence; a mask of the
    /// first letter and the length alone let most of them through.
    word_mask: Vec<[u32; MAX_WORD + 1]>,
    pub phrases: Vec<Phrase>,
    phrase_index: WordMap<Vec<usize>>,
    /// Season (first month, last month) by index.
    pub seasons: Vec<(u32, u32)>,
    /// Chinese New Year by year: (month, day).
    pub lunar: HashMap<i32, (u32, u32)>,
}

pub(crate) const MAX_WORD: usize = 31;

impl Lexicon {
    fn entry(&mut self, word: &str) -> &mut Lex {
        let key: Box<[u8]> = word.to_lowercase().into_bytes().into_boxed_slice();
        self.words.entry(key).or_default()
    }

    /// Looks a word up, ignoring ASCII case.
    pub fn get(&self, word: &str) -> Option<&Lex> {
        self.get_bytes(word.as_bytes())
    }

    /// [`Lexicon::get`] of a word's bytes (no UTF-8 check: the keys are
    /// compared as bytes).
    fn get_bytes(&self, b: &[u8]) -> Option<&Lex> {
        if b.is_empty() || b.len() > MAX_WORD {
            return None;
        }
        let row = self.word_mask.get(mask_slot(b[0]))?;
        if row[b.len()] & (1 << mask_slot(b[b.len() - 1])) == 0 {
            return None;
        }
        let mut buf = [0u8; MAX_WORD];
        for (o, c) in buf.iter_mut().zip(b) {
            *o = c.to_ascii_lowercase();
        }
        self.words.get(&buf[..b.len()])
    }

    pub fn phrases_starting(&self, word: &str) -> &[usize] {
        // (lower-cased on the stack: no string made for each word asked)
        let b = word.as_bytes();
        let mut buf = [0u8; MAX_WORD];
        let lower = match buf.get_mut(..b.len()) {
            Some(l) => {
                for (o, c) in l.iter_mut().zip(b) {
                    *o = c.to_ascii_lowercase();
                }
                &*l
            }
            None => return self.phrases_starting_long(word),
        };
        self.phrase_index
            .get(lower)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// [`Lexicon::phrases_starting`] for a word longer than `MAX_WORD`.
    #[cold]
    fn phrases_starting_long(&self, word: &str) -> &[usize] {
        let lower = word.to_ascii_lowercase();
        self.phrase_index
            .get(lower.as_bytes())
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    fn finish(&mut self) {
        for &(w, k) in KEYWORDS {
            self.entry(w).kw = k;
        }
        for e in self.words.values_mut() {
            e.trigger = e.month > 0 || e.weekday > 0 || e.season > 0 || is_trigger_kw(e.kw)
        }
        let mut idx: WordMap<Vec<usize>> = WordMap::default();
        let mut firsts = Vec::new();
        let mut holiday_firsts = Vec::new();
        let mut triggers = Vec::new();
        for (i, p) in self.phrases.iter().enumerate() {
            if let Some(first) = p.words.first() {
                idx.entry(first.as_bytes().into()).or_default().push(i);
                firsts.push(first.clone());
                // A holiday's trigger is its last word ("Festival", "Day",
                // "Christmas"): first words like "Chinese" or "New" are too
                // common in this genre to be worth a full parse.
                if matches!(p.kind, PhraseKind::Holiday(_)) {
                    holiday_firsts.push(first.clone());
                    if let Some(last) = p
                        .words
                        .iter()
                        .rev()
                        .find(|w| w.chars().all(char::is_alphabetic))
                    {
                        triggers.push(last.clone());
                    }
                }
            }
        }
        for w in firsts {
            self.entry(&w).phrase = true;
        }
        for w in holiday_firsts {
            self.entry(&w).holiday = true;
        }
        for w in triggers {
            self.entry(&w).trigger = true;
        }
        // Longest phrase first so that the first full match is the longest.
        for v in idx.values_mut() {
            v.sort_by_key(|&i| std::cmp::Reverse(self.phrases[i].words.len()));
        }
        self.phrase_index = idx;
        let mut tm = vec![[0u32; MAX_WORD + 1]; 27];
        for (k, e) in &self.words {
            if e.trigger && !k.is_empty() && k.len() <= MAX_WORD {
                tm[mask_slot(k[0])][k.len()] |= 1 << mask_slot(k[k.len() - 1]);
            }
        }
        self.trigger_mask = tm;
        let mut wm = vec![[0u32; MAX_WORD + 1]; 27];
        for k in self.words.keys() {
            if let (Some(&first), Some(&last)) = (k.first(), k.last()) {
                if k.len() <= MAX_WORD {
                    wm[mask_slot(first)][k.len()] |= 1 << mask_slot(last);
                }
            }
        }
        self.word_mask = wm;
    }

    /// Is this ASCII word (any case) a trigger word?
    pub fn is_trigger(&self, w: &[u8]) -> bool {
        if w.is_empty() || w.len() > MAX_WORD {
            return false;
        }
        let Some(row) = self.trigger_mask.get(mask_slot(w[0])) else {
            return false;
        };
        if row[w.len()] & (1 << mask_slot(w[w.len() - 1])) == 0 {
            return false;
        }
        self.get_bytes(w).is_some_and(|l| l.trigger)
    }
}

/// A byte's slot in the masks: its letter (either case) from 0 to 25, 26
/// for any other byte; one table load (the pre-scan asks it twice for
/// each word of every sentence).
#[inline]
fn mask_slot(b: u8) -> usize {
    MASK_SLOTS[b as usize] as usize
}

static MASK_SLOTS: [u8; 256] = {
    let mut t = [26u8; 256];
    let mut c = 0;
    while c < 26 {
        t[b'a' as usize + c] = c as u8;
        t[b'A' as usize + c] = c as u8;
        c += 1;
    }
    t
};

const KINDS: &[&str] = &[
    "months",
    "weekdays",
    "numbers",
    "ordinals",
    "seasons",
    "holidays",
    "lunar_new_year",
    "units",
    "relations",
];

struct Line<'a> {
    no: usize,
    fields: Vec<&'a str>,
}

fn lines(contents: &str) -> impl Iterator<Item = Line<'_>> {
    contents.lines().enumerate().filter_map(|(i, raw)| {
        let body = match raw.find('#') {
            // A '#' starts a comment only at the start or after a space.
            Some(p) if p == 0 || raw[..p].ends_with(char::is_whitespace) => &raw[..p],
            _ => raw,
        };
        let body = body.trim();
        if body.is_empty() {
            return None;
        }
        Some(Line {
            no: i + 1,
            fields: body.split('|').map(str::trim).collect(),
        })
    })
}

/// Compiles the lexicon from `(path, contents)` pairs; every problem in
/// every file is reported.
pub(crate) fn compile(files: &[(String, String)]) -> Result<Lexicon, Vec<LexError>> {
    let mut lx = Lexicon::default();
    let mut errs = Vec::new();
    let mut seen_words: HashMap<(String, String), (String, usize)> = HashMap::new();
    for (path, contents) in files {
        let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let kind = base.strip_suffix(".txt").unwrap_or(base);
        let err = |line: usize, message: String, hint: Option<String>| LexError {
            file: path.clone(),
            line,
            message,
            hint,
        };
        if !KINDS.contains(&kind) {
            errs.push(err(
                1,
                format!("unknown temporal word list \"{base}\""),
                Some(match nearest(kind, KINDS) {
                    Some(k) => format!(
                        "did you mean \"{k}.txt\"? known lists: {}",
                        KINDS.join(", ")
                    ),
                    None => format!("known lists: {}", KINDS.join(", ")),
                }),
            ));
            continue;
        }
        for line in lines(contents) {
            let key = line.fields[0];
            let rest: Vec<&str> = line.fields[1..].to_vec();
            if rest.is_empty() || rest.iter().any(|w| w.is_empty()) {
                errs.push(err(
                    line.no,
                    format!("line with key \"{key}\" has an empty or missing field"),
                    Some("write `key | word | word ...` with no empty field".into()),
                ));
                continue;
            }
            let mut dup = |word: &str, errs: &mut Vec<LexError>| {
                let k = (kind.to_string(), word.to_lowercase());
                if let Some((f, l)) = seen_words.get(&k) {
                    errs.push(err(
                        line.no,
                        format!("\"{word}\" is listed twice"),
                        Some(format!("it is already at {f}:{l}; remove one")),
                    ));
                    true
                } else {
                    seen_words.insert(k, (path.clone(), line.no));
                    false
                }
            };
            match kind {
                "months" | "weekdays" => {
                    let max = if kind == "months" { 12 } else { 7 };
                    let n = match key.parse::<u8>() {
                        Ok(n) if (1..=max).contains(&n) => n,
                        _ => {
                            errs.push(err(
                                line.no,
                                format!("unknown {} number \"{key}\"", &kind[..kind.len() - 1]),
                                Some(if kind == "months" {
                                    "month numbers run from 1 (January) to 12 (December)".into()
                                } else {
                                    "weekday numbers run from 1 (Monday) to 7 (Sunday)".into()
                                }),
                            ));
                            continue;
                        }
                    };
                    for (j, w) in rest.iter().enumerate() {
                        if !single_word(w) {
                            errs.push(err(
                                line.no,
                                format!("\"{w}\" is not a single word"),
                                Some("names must be letters only".into()),
                            ));
                            continue;
                        }
                        if dup(w, &mut errs) {
                            continue;
                        }
                        let e = lx.entry(w);
                        if kind == "months" {
                            e.month = n;
                            e.month_full = j == 0;
                        } else {
                            e.weekday = n;
                            e.weekday_full = j == 0;
                        }
                    }
                }
                "numbers" | "ordinals" => {
                    let Ok(n) = key.parse::<u32>() else {
                        errs.push(err(
                            line.no,
                            format!("\"{key}\" is not a number"),
                            Some(
                                "the first field is the value in digits, e.g. `20 | twenty`".into(),
                            ),
                        ));
                        continue;
                    };
                    for w in &rest {
                        if !single_word(w) {
                            errs.push(err(
                                line.no,
                                format!("\"{w}\" is not a single word"),
                                Some("compounds are built by the tagger; list the parts".into()),
                            ));
                            continue;
                        }
                        if dup(w, &mut errs) {
                            continue;
                        }
                        let e = lx.entry(w);
                        if kind == "numbers" {
                            e.card = Some(n);
                        } else {
                            e.ord = Some(n);
                        }
                    }
                }
                "seasons" => {
                    let range = key.split_once('-').and_then(|(a, b)| {
                        let a = a.trim().parse::<u32>().ok()?;
                        let b = b.trim().parse::<u32>().ok()?;
                        ((1..=12).contains(&a) && (1..=12).contains(&b)).then_some((a, b))
                    });
                    let Some(r) = range else {
                        errs.push(err(
                            line.no,
                            format!("bad season month range \"{key}\""),
                            Some("write the first and last month as numbers 1..12, e.g. `6-8 | summer`".into()),
                        ));
                        continue;
                    };
                    lx.seasons.push(r);
                    let idx = lx.seasons.len() as u8;
                    for w in &rest {
                        if !dup(w, &mut errs) {
                            lx.entry(w).season = idx;
                        }
                    }
                }
                "holidays" => {
                    let anchor = if key.eq_ignore_ascii_case("lunar") {
                        Some(Anchor::Lunar)
                    } else {
                        parse_mm_dd(key).map(|(m, d)| Anchor::Fixed(m, d))
                    };
                    let Some(anchor) = anchor else {
                        errs.push(err(
                            line.no,
                            format!("bad holiday anchor \"{key}\""),
                            Some("write a valid `MM-DD` (e.g. `12-25`) or `lunar`".into()),
                        ));
                        continue;
                    };
                    for w in &rest {
                        if !dup(w, &mut errs) {
                            lx.phrases.push(Phrase {
                                words: phrase_words(w),
                                kind: PhraseKind::Holiday(anchor),
                            });
                        }
                    }
                }
                "relations" => {
                    let rel = match key.to_ascii_lowercase().as_str() {
                        "before" => Relation::Before,
                        "after" => Relation::After,
                        "around" => Relation::Around,
                        _ => {
                            errs.push(err(
                                line.no,
                                format!("unknown relation \"{key}\""),
                                Some(match nearest(key, &["before", "after", "around"]) {
                                    Some(k) => format!(
                                        "did you mean \"{k}\"? relations are before, after, around"
                                    ),
                                    None => "relations are before, after, around".into(),
                                }),
                            ));
                            continue;
                        }
                    };
                    for w in &rest {
                        if !dup(w, &mut errs) {
                            lx.phrases.push(Phrase {
                                words: phrase_words(w),
                                kind: PhraseKind::Relation(rel),
                            });
                        }
                    }
                }
                "units" => {
                    let after = match key.to_ascii_lowercase().as_str() {
                        "after" => true,
                        "before" => false,
                        _ => {
                            errs.push(err(
                                line.no,
                                format!("unknown unit position \"{key}\""),
                                Some(match nearest(key, &["after", "before"]) {
                                    Some(k) => format!(
                                        "did you mean \"{k}\"? the key is `after` or `before`"
                                    ),
                                    None => "the key is `after` or `before`".into(),
                                }),
                            ));
                            continue;
                        }
                    };
                    for w in &rest {
                        let k = (format!("units-{after}"), w.to_lowercase());
                        if seen_words.insert(k, (path.clone(), line.no)).is_some() {
                            errs.push(err(
                                line.no,
                                format!("\"{w}\" is listed twice"),
                                Some("remove one".into()),
                            ));
                            continue;
                        }
                        let e = lx.entry(w);
                        if after {
                            e.unit_after = true;
                        } else {
                            e.unit_before = true;
                        }
                    }
                }
                "lunar_new_year" => {
                    let year = key
                        .parse::<i32>()
                        .ok()
                        .filter(|y| (1900..=2100).contains(y));
                    let md = parse_mm_dd(rest[0]);
                    match (year, md) {
                        (Some(y), Some((m, d))) if rest.len() == 1 => {
                            if !(1..=2).contains(&m) {
                                errs.push(err(
                                    line.no,
                                    format!("Chinese New Year {y} given as {}, outside January-February", rest[0]),
                                    Some("the lunar new year falls between 21 January and 20 February".into()),
                                ));
                            } else if lx.lunar.insert(y, (m, d)).is_some() {
                                errs.push(err(
                                    line.no,
                                    format!("year {y} is listed twice"),
                                    Some("keep one line per year".into()),
                                ));
                            }
                        }
                        _ => errs.push(err(
                            line.no,
                            format!("bad lunar new year line \"{}\"", line.fields.join(" | ")),
                            Some(
                                "write `YYYY | MM-DD` with a year 1900..2100, e.g. `2022 | 02-01`"
                                    .into(),
                            ),
                        )),
                    }
                }
                _ => {}
            }
        }
    }
    if errs.is_empty() {
        lx.finish();
        Ok(lx)
    } else {
        Err(errs)
    }
}

fn single_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(char::is_alphabetic)
}

fn parse_mm_dd(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (m, d) = (m.trim().parse::<u32>().ok()?, d.trim().parse::<u32>().ok()?);
    // 2000 is a leap year, so 02-29 passes.
    chrono::NaiveDate::from_ymd_opt(2000, m, d).map(|_| (m, d))
}

/// Splits a phrase the way the tagger tokenises text, lower-cased.
pub(crate) fn phrase_words(p: &str) -> Vec<String> {
    crate::token::tokenize_plain(p)
        .into_iter()
        .map(|w| w.to_lowercase())
        .collect()
}

fn nearest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    let w = word.to_ascii_lowercase();
    options
        .iter()
        .map(|o| (edit_distance(&w, o), *o))
        .filter(|(d, o)| *d <= 2.max(o.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str, text: &str) -> Result<Lexicon, Vec<LexError>> {
        compile(&[(name.to_string(), text.to_string())])
    }

    #[test]
    fn bad_month_number_is_reported_with_place_and_hint() {
        let errs = one("temporal/months.txt", "# c\n1 | january\n13 | smarch\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 3);
        let shown = errs[0].to_string();
        assert!(shown.starts_with("error: unknown month number \"13\"\n  --> temporal/months.txt:3\n  = help: month numbers"), "{shown}");
    }

    #[test]
    fn other_errors() {
        assert!(one("x/relations.txt", "befor | by\n").unwrap_err()[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("\"before\""));
        assert!(one("x/holidays.txt", "13-40 | Nowhere Day\n").is_err());
        assert!(one("x/lunar_new_year.txt", "2022 | 07-01\n").is_err());
        assert!(one("x/months.txt", "1 | jan\n2 | jan\n").unwrap_err()[0]
            .message
            .contains("twice"));
        assert!(one("x/month.txt", "1 | jan\n").unwrap_err()[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("months.txt"));
        assert!(one("x/seasons.txt", "6_8 | summer\n").is_err());
        assert!(one("x/numbers.txt", "two | 2\n").is_err());
        assert!(one("x/months.txt", "1 | \n").is_err());
    }

    #[test]
    fn lookup_ignores_case() {
        let lx = one("months.txt", "12 | december | dec\n").unwrap();
        assert_eq!(lx.get("DEC").map(|l| l.month), Some(12));
        assert!(lx.get("December").unwrap().month_full);
        assert!(lx.get("decembers").is_none());
        assert!(lx.get("the").is_some());
    }

    /// The mask `get` asks first lets every word of the built-in lists
    /// through, in lower, upper and title case.
    #[test]
    fn word_mask_keeps_every_word() {
        let lx = &crate::Tagger::builtin().lx;
        let mut n = 0;
        for k in lx.words.keys() {
            let Ok(w) = std::str::from_utf8(k) else {
                continue;
            };
            if w.is_empty() || w.len() > MAX_WORD || !w.is_ascii() {
                continue;
            }
            let title = w[..1].to_ascii_uppercase() + &w[1..];
            for v in [w.to_string(), w.to_ascii_uppercase(), title] {
                assert!(lx.get(&v).is_some(), "{v}");
            }
            n += 1;
        }
        assert!(n > 100, "{n}");
    }
}
