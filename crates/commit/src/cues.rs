//! The cue lexicon: `data/lexicon/commitment/*.cue`, embedded at build time
//! and validated at load with `file:line` errors.
//!
//! The files use the extension `.cue` rather than `.txt` on purpose: the
//! main lexicon loader embeds every `.txt` under `data/lexicon/`, and these
//! lists are not actor or verb dictionaries.
//!
//! Format: `kind: phrase | phrase | ...` or `kind=value: phrase | ...`; `#`
//! starts a comment. Each file admits its own kinds; a phrase may appear
//! only once per file.
use dyad_lexicon::{pack7, FastMap};
use dyad_text::{tokenize, Span, Token};
use std::collections::HashMap;
use std::fmt;

/// The built-in cue files, as `(path, contents)`.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "commitment/bind.cue",
        include_str!("../../../data/lexicon/commitment/bind.cue"),
    ),
    (
        "commitment/block.cue",
        include_str!("../../../data/lexicon/commitment/block.cue"),
    ),
    (
        "commitment/agents.cue",
        include_str!("../../../data/lexicon/commitment/agents.cue"),
    ),
    (
        "commitment/scope.cue",
        include_str!("../../../data/lexicon/commitment/scope.cue"),
    ),
    (
        "commitment/figure.cue",
        include_str!("../../../data/lexicon/commitment/figure.cue"),
    ),
    (
        crate::pledge::BUILTIN_PATH,
        include_str!("../../../data/lexicon/commitment/pledge.model"),
    ),
];

/// Kinds each file admits.
const KINDS: &[(&str, &[&str])] = &[
    (
        "bind",
        &["modal", "ready", "pledge", "agree", "goal", "plan"],
    ),
    (
        "block",
        &[
            "conditional",
            "exempt",
            "forecast",
            "soft",
            "negation",
            "question",
            "noun_before",
            "noun_after",
            "wish",
        ],
    ),
    ("agents", &["agent", "inert"]),
    (
        "scope",
        &["specific", "broad", "vague", "nominal", "vague_object"],
    ),
    ("figure", &["measure", "up", "down"]),
];

/// A problem in a cue file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for CueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error: {}\n  --> {}:{}",
            self.message, self.file, self.line
        )
    }
}

impl std::error::Error for CueError {}

/// One phrase of a cue file.
#[derive(Debug, Clone)]
pub struct Cue {
    /// Normalised tokens.
    pub tokens: Vec<String>,
    pub kind: String,
    /// The `=value` part of the kind, if any (`measure=trade` -> `trade`).
    pub value: Option<String>,
    /// `file:line`.
    pub origin: String,
}

/// A list of phrases matched on normalised tokens, longest first.
#[derive(Debug, Clone, Default)]
pub struct CueSet {
    pub cues: Vec<Cue>,
    /// Cues by the first four characters of their first word (a fast
    /// hasher: every token of every sentence is looked up here), longest
    /// first, each with what rejects most of them without reading the cue.
    by_first: FastMap<String, Vec<CueCand>>,
    /// The same for keys of up to seven bytes (all but some non-ASCII
    /// ones), keyed by [`pack7`]: an integer hashed and compared, not a
    /// string.
    by_packed: FastMap<u64, Vec<CueCand>>,
    /// A pre-filter before the map: bit `second byte % 64` of entry `first
    /// byte` is set when a bucket key starts with those two bytes (0 for a
    /// one-byte key). A word whose bit is clear has no bucket.
    first_bytes: Vec<u64>,
    /// The same bits for the first words of the cues of one word only.
    single_bytes: Vec<u64>,
    /// A second pre-filter, for a word whose bit in `single_bytes` is
    /// clear (every cue it may start has two words or more): bit
    /// [`pair_bit`] of its first two bytes and the [`sig`] of the word
    /// after it is set when a cue of two words or more starts so. Most
    /// words that open a bucket ("the", "is", "has", "said") start no cue
    /// with the word that follows them, and are turned away here instead
    /// of looking their bucket up.
    pairs: Vec<u64>,
}

/// A word of a text as the cue sets read it: its normalised form, or a
/// token (whose norm it is), so that a caller holding tokens need not
/// collect their norms first.
pub trait Word {
    fn word(&self) -> &str;
}

impl Word for &str {
    #[inline(always)]
    fn word(&self) -> &str {
        self
    }
}

impl Word for Token {
    #[inline(always)]
    fn word(&self) -> &str {
        self.norm.as_str()
    }
}

/// A cue as a candidate in its bucket: its id, its number of tokens and
/// the [`sig`] of its second token (0 with one token). A text word can
/// match a cue word (equal, or an inflection by [`stem_eq`]) only if their
/// signatures are equal, so most candidates are rejected by comparing two
/// integers instead of strings (the bucket of "is" holds 13 cues).
#[derive(Debug, Clone, Copy)]
struct CueCand {
    id: u32,
    len: u32,
    second: u32,
}

/// A word's length class (0, 1, or 2 for two bytes or more) and first two
/// bytes. Equal words have equal signatures, and so do a word and its
/// inflection under [`stem_eq`] (the lexicon word has five bytes or more
/// and the text word starts with all but its last, so both have at least
/// two bytes and the same first two).
#[inline]
fn sig(w: &str) -> u32 {
    match w.as_bytes() {
        [] => 0,
        [a] => 1 << 16 | (*a as u32) << 8,
        [a, b, ..] => 2 << 16 | (*a as u32) << 8 | *b as u32,
    }
}

impl CueSet {
    fn insert(&mut self, c: Cue) {
        let id = self.cues.len();
        let k = key(&c.tokens[0]);
        if self.first_bytes.is_empty() {
            self.first_bytes = vec![0; 256];
            self.single_bytes = vec![0; 256];
            self.pairs = vec![0; PAIR_BITS / 64];
        }
        let (b0, bit) = two_bytes(k);
        self.first_bytes[b0] |= bit;
        let cand = CueCand {
            id: id as u32,
            len: c.tokens.len() as u32,
            second: c.tokens.get(1).map_or(0, |t| sig(t)),
        };
        if cand.len < 2 {
            self.single_bytes[b0] |= bit;
        } else {
            let (w, b) = pair_bit(k, cand.second);
            self.pairs[w] |= b;
        }
        match pack7(k) {
            Some(p) => self.by_packed.entry(p).or_default().push(cand),
            None => self.by_first.entry(k.to_string()).or_default().push(cand),
        }
        self.cues.push(c);
    }

    /// The bucket of a key.
    #[inline]
    fn bucket(&self, k: &str) -> Option<&Vec<CueCand>> {
        match pack7(k) {
            Some(p) => self.by_packed.get(&p),
            None => self.by_first.get(k),
        }
    }

    fn finish(&mut self) {
        for cands in self
            .by_first
            .values_mut()
            .chain(self.by_packed.values_mut())
        {
            cands.sort_by_key(|c| std::cmp::Reverse(c.len));
        }
    }

    /// The longest cue (of one of `kinds`, or any when empty) starting at
    /// token `i`.
    // (inlined: it is asked about every token of every sentence, and the
    // pre-filter turns half of them away; the call saved and restored
    // registers for ~18 instructions)
    #[inline(always)]
    pub fn at<W: Word>(&self, norms: &[W], i: usize, kinds: &[&str]) -> Option<&Cue> {
        let w = norms.get(i)?.word();
        if !self.may_start(norms, i, w) {
            return None;
        }
        self.at_bucket(norms, i, kinds, w)
    }

    /// The pre-filters: may a cue start at word `w`, token `i` of `norms`?
    /// (No when no cue's first word shares its first two bytes, or when
    /// every cue that may starts with two words or more and none of them
    /// goes on with the [`sig`] of the next word: a cue word and a text
    /// word it matches, equal or inflected, have the same first two bytes
    /// and the same signature, and the candidates' first test asks for
    /// the second word's.)
    #[inline(always)]
    fn may_start<W: Word>(&self, norms: &[W], i: usize, w: &str) -> bool {
        let (b0, bit) = two_bytes(w);
        if self.first_bytes.get(b0).is_none_or(|m| m & bit == 0) {
            return false;
        }
        if self.single_bytes.get(b0).is_some_and(|m| m & bit != 0) {
            return true;
        }
        let second = norms.get(i + 1).map_or(0, |n| sig(n.word()));
        let (k, b) = pair_bit(w, second);
        self.pairs.get(k).is_some_and(|m| m & b != 0)
    }

    /// [`CueSet::at`] for a word `w` (token `i`) past the pre-filter.
    #[inline(never)]
    fn at_bucket<W: Word>(&self, norms: &[W], i: usize, kinds: &[&str], w: &str) -> Option<&Cue> {
        let cands = self.bucket(key(w))?;
        // the text's second word, for the candidates' first test
        let second = norms.get(i + 1).map_or(0, |w| sig(w.word()));
        cands
            .iter()
            .filter(|c| i + c.len as usize <= norms.len() && (c.len < 2 || c.second == second))
            .map(|c| &self.cues[c.id as usize])
            .find(|c| {
                (kinds.is_empty() || kinds.contains(&c.kind.as_str()))
                    && c.tokens.iter().zip(&norms[i..]).all(|(a, b)| {
                        let b = b.word();
                        a == b || stem_eq(a, b)
                    })
            })
    }

    /// Every cue of any kind starting at token `i`, longest first (in the
    /// order [`CueSet::at`] tries them, with the same tests): one lookup
    /// for several kinds.
    pub fn matches<'s: 'n, 'n>(
        &'s self,
        norms: &'n [&'n str],
        i: usize,
    ) -> impl Iterator<Item = &'s Cue> + 'n {
        let cands: &[CueCand] = match norms.get(i) {
            Some(w) if self.may_start(norms, i, w) => {
                self.bucket(key(w)).map_or(&[], |v| v.as_slice())
            }
            _ => &[],
        };
        // the text's second word, for the candidates' first test
        let second = norms.get(i + 1).map_or(0, |w| sig(w));
        cands
            .iter()
            .filter(move |c| i + c.len as usize <= norms.len() && (c.len < 2 || c.second == second))
            .map(|c| &self.cues[c.id as usize])
            .filter(move |c| {
                c.tokens
                    .iter()
                    .zip(&norms[i..])
                    .all(|(a, b)| a == b || stem_eq(a, b))
            })
    }

    /// The first cue of `kinds` in `norms[from..to]`, with its position.
    pub fn find(
        &self,
        norms: &[&str],
        from: usize,
        to: usize,
        kinds: &[&str],
    ) -> Option<(usize, &Cue)> {
        let to = to.min(norms.len());
        (from..to).find_map(|i| self.at(&norms[..to], i, kinds).map(|c| (i, c)))
    }

    pub fn len(&self) -> usize {
        self.cues.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cues.is_empty()
    }
}

/// Bucket key of a first token: its first four characters, so that an
/// inflected form ("established") finds its base form ("establish").
/// The pre-filter's entry and bit for a word: its first byte, and its
/// second byte modulo 64 (0 when it has one byte). Words with the same
/// bucket key have the same two.
#[inline]
fn two_bytes(w: &str) -> (usize, u64) {
    let b = w.as_bytes();
    let b0 = b.first().copied().unwrap_or(0) as usize;
    let b1 = b.get(1).copied().unwrap_or(0) as u64;
    (b0, 1u64 << (b1 % 64))
}

/// The size of [`CueSet::pairs`], in bits.
const PAIR_BITS: usize = 4096;

/// The word and bit of [`CueSet::pairs`] for a first word `w` (its first
/// two bytes, 0 for a missing one) and the signature `second` of the word
/// after it.
#[inline]
fn pair_bit(w: &str, second: u32) -> (usize, u64) {
    let b = w.as_bytes();
    let b0 = b.first().copied().unwrap_or(0) as u64;
    let b1 = b.get(1).copied().unwrap_or(0) as u64;
    let x = b0 | b1 << 8 | (second as u64) << 16;
    let h = (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PAIR_BITS.trailing_zeros())) as usize;
    (h / 64, 1u64 << (h % 64))
}

#[inline]
fn key(w: &str) -> &str {
    // borrowed, not collected: this runs for every token of every sentence
    // (a word of four bytes or fewer, or whose first four are ASCII, needs
    // no decoding)
    let b = w.as_bytes();
    if b.len() <= 4 {
        return w;
    }
    if b[..4].is_ascii() {
        return &w[..4];
    }
    match w.char_indices().nth(4) {
        Some((end, _)) => &w[..end],
        None => w,
    }
}

/// Whether a text word is an inflection of a lexicon word (`establish` ~
/// `established`, `establishes`, `establishing`; `increase` ~ `increased`).
/// Only words of five letters or more are inflected, so that short function
/// words match exactly.
fn stem_eq(lex: &str, word: &str) -> bool {
    if lex.len() < 5 || !word.starts_with(&lex[..lex.len() - 1]) {
        return false;
    }
    let base = lex.strip_suffix('e').unwrap_or(lex);
    let rest = match word.strip_prefix(base) {
        Some(r) => r,
        None => return false,
    };
    matches!(
        rest,
        "s" | "es" | "ed" | "d" | "ing" | "e" | "ment" | "ments" | "ation" | "ion"
    ) || (lex.ends_with('y') && {
        let b = &lex[..lex.len() - 1];
        word.strip_prefix(b)
            .is_some_and(|r| matches!(r, "ies" | "ied"))
    })
}

/// All cue lists, compiled.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    pub bind: CueSet,
    pub block: CueSet,
    pub agents: CueSet,
    pub scope: CueSet,
    pub figure: CueSet,
    /// `(file, number of phrases)` of the cue files.
    pub files: Vec<(String, usize)>,
    /// The pledge model (`pledge.model`), used for manifestos; see
    /// [`Cues::pledge_model`], which also reads the built-in one.
    pub pledge: Option<crate::pledge::PledgeModel>,
    /// The built-in model's `(path, text)`, parsed the first time a
    /// manifesto asks for it: parsing its ~9,000 weights took ~19 M
    /// instructions at every start (1 % of `dyad code` on 200 press
    /// conferences), and only the manifesto genre reads it.
    lazy_pledge: Option<(&'static str, &'static str)>,
    lazy_parsed: std::sync::OnceLock<Option<crate::pledge::PledgeModel>>,
}

impl Cues {
    /// The built-in cue lexicon, compiled once. The shipped files are
    /// checked by the tests; were they broken, no cue would match rather
    /// than the program stopping.
    pub fn builtin() -> &'static Cues {
        static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
        CUES.get_or_init(|| {
            let files: Vec<(String, String)> = BUILTIN
                .iter()
                .filter(|(p, _)| *p != crate::pledge::BUILTIN_PATH)
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect();
            let mut cues = Cues::from_files(&files).unwrap_or_default();
            cues.lazy_pledge = BUILTIN
                .iter()
                .find(|(p, _)| *p == crate::pledge::BUILTIN_PATH)
                .copied();
            cues
        })
    }

    /// The pledge model: the one of the files read, else the built-in one
    /// (parsed on first use; the tests check that it parses).
    pub fn pledge_model(&self) -> Option<&crate::pledge::PledgeModel> {
        if let Some(m) = &self.pledge {
            return Some(m);
        }
        let (path, text) = self.lazy_pledge?;
        self.lazy_parsed
            .get_or_init(|| crate::pledge::PledgeModel::parse(path, text).ok())
            .as_ref()
    }

    /// The `commitment/*.cue` files of a lexicon folder, laid over the
    /// built-in ones (same file name replaces); `Ok(None)` when the folder
    /// has none.
    pub fn overlay_dir(dir: &std::path::Path) -> Result<Option<Cues>, Vec<CueError>> {
        let sub = dir.join("commitment");
        let Ok(rd) = std::fs::read_dir(&sub) else {
            return Ok(None);
        };
        let mut files: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        let mut errs = Vec::new();
        let mut any = false;
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if !matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("cue" | "model")
            ) {
                continue;
            }
            let name = format!(
                "commitment/{}",
                p.file_name().and_then(|n| n.to_str()).unwrap_or("")
            );
            match std::fs::read_to_string(&p) {
                Ok(c) => {
                    any = true;
                    files.retain(|(q, _)| *q != name);
                    files.push((name, c));
                }
                Err(e) => errs.push(CueError {
                    file: p.display().to_string(),
                    line: 0,
                    message: format!("cannot read: {e}"),
                }),
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        if !any {
            return Ok(None);
        }
        Cues::from_files(&files).map(Some)
    }

    /// Number of phrases over all files.
    pub fn phrases(&self) -> usize {
        self.files.iter().map(|f| f.1).sum()
    }

    /// Parses and validates `(path, contents)` pairs; the kind of a file is
    /// its base name (`bind.cue` ...); a `.model` file is the pledge model.
    /// Every problem is reported.
    pub fn from_files(files: &[(String, String)]) -> Result<Cues, Vec<CueError>> {
        let mut cues = Cues::default();
        let mut errs = Vec::new();
        for (path, contents) in files {
            if path.ends_with(".model") {
                if path.rsplit('/').next() == Some("pledge.model") {
                    match crate::pledge::PledgeModel::parse(path, contents) {
                        Ok(m) => cues.pledge = Some(m),
                        Err(e) => errs.extend(e),
                    }
                } else {
                    errs.push(CueError {
                        file: path.clone(),
                        line: 0,
                        message: "unknown model file (the only one is pledge.model)".into(),
                    });
                }
                continue;
            }
            let base = path
                .rsplit('/')
                .next()
                .unwrap_or(path)
                .trim_end_matches(".cue");
            let Some((_, kinds)) = KINDS.iter().find(|(f, _)| *f == base) else {
                errs.push(CueError {
                    file: path.clone(),
                    line: 0,
                    message: format!(
                        "unknown cue file \"{base}\" (expected one of: {})",
                        KINDS.iter().map(|k| k.0).collect::<Vec<_>>().join(", ")
                    ),
                });
                continue;
            };
            let set = match base {
                "bind" => &mut cues.bind,
                "block" => &mut cues.block,
                "agents" => &mut cues.agents,
                "scope" => &mut cues.scope,
                _ => &mut cues.figure,
            };
            let mut seen: HashMap<(String, Vec<String>), usize> = HashMap::new();
            let mut n = 0;
            for (ln, line) in contents.lines().enumerate() {
                let ln = ln + 1;
                let line = line.split('#').next().unwrap_or("").trim();
                if line.is_empty() {
                    continue;
                }
                let err = |m: String| CueError {
                    file: path.clone(),
                    line: ln,
                    message: m,
                };
                let Some((head, rest)) = line.split_once(':') else {
                    errs.push(err(format!(
                        "\"{line}\" has no kind; write `kind: phrase | phrase`"
                    )));
                    continue;
                };
                let head = head.trim();
                let (kind, value) = match head.split_once('=') {
                    Some((k, v)) => (k.trim(), Some(v.trim().to_string())),
                    None => (head, None),
                };
                if !kinds.contains(&kind) {
                    let hint = dyad_lexicon::closest(kind, kinds.iter().copied())
                        .map(|c| format!(" (did you mean \"{c}\"?)"))
                        .unwrap_or_default();
                    errs.push(err(format!(
                        "unknown kind \"{kind}\" in {base}.cue{hint}; allowed: {}",
                        kinds.join(", ")
                    )));
                    continue;
                }
                if value.as_deref() == Some("") {
                    errs.push(err(format!("empty value after \"{kind}=\"")));
                    continue;
                }
                for phrase in rest.split('|') {
                    let phrase = phrase.trim();
                    if phrase.is_empty() {
                        errs.push(err("empty phrase (two `|` in a row?)".into()));
                        continue;
                    }
                    let tokens: Vec<String> = tokenize(phrase, Span::new(0, phrase.len()))
                        .into_iter()
                        .map(|t| String::from(t.norm))
                        .collect();
                    if tokens.is_empty() {
                        errs.push(err(format!("phrase \"{phrase}\" has no words")));
                        continue;
                    }
                    if let Some(prev) = seen.get(&(kind.to_string(), tokens.clone())) {
                        errs.push(err(format!(
                            "phrase \"{phrase}\" is already listed as {kind} at {path}:{prev}"
                        )));
                        continue;
                    }
                    seen.insert((kind.to_string(), tokens.clone()), ln);
                    set.insert(Cue {
                        tokens,
                        kind: kind.to_string(),
                        value: value.clone(),
                        origin: format!("{path}:{ln}"),
                    });
                    n += 1;
                }
            }
            cues.files.push((path.clone(), n));
        }
        for s in [
            &mut cues.bind,
            &mut cues.block,
            &mut cues.agents,
            &mut cues.scope,
            &mut cues.figure,
        ] {
            s.finish();
        }
        if errs.is_empty() {
            Ok(cues)
        } else {
            Err(errs)
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn bucket_key_is_the_first_four_characters() {
        for w in [
            "",
            "a",
            "will",
            "wills",
            "establish",
            "ça va",
            "éta",
            "ééééé",
            "abcé",
            "abcdé",
            "’s",
        ] {
            let want: String = w.chars().take(4).collect();
            assert_eq!(super::key(w), want, "{w:?}");
        }
    }

    use super::*;

    fn files(s: &str) -> Vec<(String, String)> {
        vec![("commitment/bind.cue".to_string(), s.to_string())]
    }

    /// The five cue sets, in the order the detector reads them.
    fn all_sets(cues: &Cues) -> [&CueSet; 5] {
        [
            &cues.bind,
            &cues.block,
            &cues.agents,
            &cues.scope,
            &cues.figure,
        ]
    }

    /// The candidates' first test rejects no word that could match: a
    /// word and every form `stem_eq` takes for it have one signature.
    #[test]
    fn a_matching_word_has_the_cue_words_signature() {
        let cues = Cues::builtin();
        let mut words: Vec<&str> = Vec::new();
        for set in all_sets(cues) {
            for c in &set.cues {
                words.extend(c.tokens.iter().map(|t| t.as_str()));
            }
        }
        words.extend(["", "a", "é", "'s", "-", "is", "i"]);
        let mut text: Vec<String> = Vec::new();
        for w in &words {
            text.push(w.to_string());
            for end in [
                "s", "es", "ed", "d", "ing", "e", "ment", "ments", "ation", "ion", "ies", "ied",
            ] {
                text.push(format!("{w}{end}"));
                if let Some(b) = w.strip_suffix(['e', 'y']) {
                    text.push(format!("{b}{end}"));
                }
            }
        }
        let mut matched = 0;
        for a in &words {
            for b in &text {
                if a == b || stem_eq(a, b) {
                    matched += 1;
                    assert_eq!(sig(a), sig(b), "{a:?} ~ {b:?}");
                }
            }
        }
        assert!(matched > words.len(), "{matched}");
    }

    /// The pre-filters turn away no word that starts a cue: every cue,
    /// with its first two words as written or inflected, is found.
    #[test]
    fn the_pre_filters_pass_every_cue() {
        let cues = Cues::builtin();
        let forms = |w: &str| -> Vec<String> {
            let mut v = vec![w.to_string()];
            for end in ["s", "ed", "d", "ing", "ies", "ied"] {
                v.push(format!("{w}{end}"));
                if let Some(b) = w.strip_suffix(['e', 'y']) {
                    v.push(format!("{b}{end}"));
                }
            }
            v
        };
        let mut checked = 0;
        for set in all_sets(cues) {
            for c in &set.cues {
                let rest = c.tokens.get(2..).unwrap_or(&[]);
                let seconds = c.tokens.get(1).map_or(vec![], |t| forms(t));
                for a in forms(&c.tokens[0]) {
                    for b in seconds.iter().map(|b| Some(b.as_str())).chain([None]) {
                        let mut text: Vec<&str> = vec![a.as_str()];
                        text.extend(b);
                        text.extend(rest.iter().map(|t| t.as_str()));
                        let whole = c
                            .tokens
                            .iter()
                            .zip(&text)
                            .all(|(w, t)| w == t || stem_eq(w, t))
                            && text.len() == c.tokens.len();
                        if whole {
                            checked += 1;
                            assert!(set.may_start(&text, 0, &a), "{text:?}");
                            assert!(set.at(&text, 0, &[]).is_some(), "{text:?}");
                        }
                    }
                }
            }
        }
        assert!(checked > 200, "{checked}");
    }

    #[test]
    fn builtin_files_are_valid() {
        let files: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        let cues = Cues::from_files(&files).unwrap_or_else(|e| {
            panic!(
                "{}",
                e.iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert!(cues.bind.len() > 50);
        assert!(cues.scope.len() > 100);
        assert_eq!(cues.files.len(), 5);
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = Cues::from_files(&files("# c\nmodal: will\nmodel: shall\n")).unwrap_err();
        assert_eq!(e[0].line, 3);
        assert!(e[0].message.contains("did you mean \"modal\""), "{}", e[0]);
        assert!(e[0].to_string().contains("commitment/bind.cue:3"));
        let e =
            Cues::from_files(&files("modal: will\nplan: will | x\nplan: x | | y\n")).unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(
            e[0].message
                .contains("already listed as plan at commitment/bind.cue:2"),
            "{}",
            e[0]
        );
        assert!(e[1].message.contains("empty phrase"));
        let e = Cues::from_files(&files("no kind here\n")).unwrap_err();
        assert!(e[0].message.contains("no kind"));
        let e = Cues::from_files(&[("commitment/x.cue".into(), String::new())]).unwrap_err();
        assert!(e[0].message.contains("unknown cue file"));
    }

    #[test]
    fn overlay_from_a_folder() {
        let d = std::env::temp_dir().join(format!("dyad-cues-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        assert!(Cues::overlay_dir(&d).unwrap().is_none());
        std::fs::create_dir_all(d.join("commitment")).unwrap();
        std::fs::write(
            d.join("commitment/bind.cue"),
            "modal: will\npledge: swore to\n",
        )
        .unwrap();
        let c = Cues::overlay_dir(&d).unwrap().unwrap();
        assert_eq!(c.bind.len(), 2);
        assert!(c.scope.len() > 100, "other files stay built-in");
        std::fs::write(d.join("commitment/bind.cue"), "modal will\n").unwrap();
        let e = Cues::overlay_dir(&d).unwrap_err();
        assert!(
            e[0].to_string().contains("commitment/bind.cue:1"),
            "{}",
            e[0]
        );
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn longest_match_and_inflection() {
        let c =
            Cues::from_files(&files("modal: will\nready: is ready to\nplan: plans to\n")).unwrap();
        let n = ["china", "is", "ready", "to", "work"];
        let (i, cue) = c.bind.find(&n, 0, n.len(), &[]).unwrap();
        assert_eq!((i, cue.kind.as_str()), (1, "ready"));
        assert!(stem_eq("establish", "established"));
        assert!(stem_eq("increase", "increased"));
        assert!(stem_eq("increase", "increasing"));
        assert!(stem_eq("create", "creation"));
        assert!(!stem_eq("will", "willing"));
        assert!(!stem_eq("set", "settle"));
    }
}
