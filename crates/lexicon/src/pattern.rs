//! Verb patterns: a small token language compiled to element lists.
//!
//! `pay+ [a|an] * visit to {T}` becomes
//! `[Lit{pay,pays,paid,paying}, Opt{a,an}, Gap(3), Lit{visit}, Lit{to}, Target]`.
//! Inflections are generated here, once, so matching only compares strings.
use crate::Origin;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    /// One of these normalised tokens, as vocabulary ids (sorted, without
    /// repeats), filled when the lexicon is compiled so that matching
    /// compares integers; optional when `opt`. `forms` is how many forms
    /// the pattern lists (each inflection of a `word+` counts): more than
    /// one is a verb written with its inflections or a group of
    /// alternatives. (The forms as strings are in the vocabulary; they
    /// are not kept here, where loading the built-in lexicon allocated
    /// 54,000 of them.)
    Lit {
        ids: Vec<u32>,
        forms: u16,
        opt: bool,
    },
    /// Skip 0..=n tokens.
    Gap(u8),
    /// The target actor mention starts here.
    Target,
    /// The source actor mention starts here.
    Source,
    /// `{-}`: the actor after the trigger is a topic, not a target
    /// ("discussed Iran"); only joint subjects pair up.
    NoTarget,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub code: String,
    pub elems: Vec<Elem>,
    pub text: String,
    pub note: Option<String>,
    pub origin: Origin,
    /// Number of mandatory literal elements: the pattern's specificity.
    pub weight: u32,
    /// For each required word after the first, the bits of its token ids
    /// (see [`id_bit`]): a sentence lacking all of them cannot match.
    pub masks: Vec<Mask>,
    /// `@speaker` after the code: the document's speaker says this of the
    /// actor the pattern names (guidelines 12 and 17 of ANNOTATION.md); the
    /// match does not take its words from other patterns.
    pub speaker: bool,
}

impl Pattern {
    /// Whether the pattern opens with a slot (`{T} aggression`): the actor
    /// named just before its first word.
    pub fn leading_slot(&self) -> Option<&Elem> {
        self.elems
            .first()
            .filter(|e| matches!(e, Elem::Target | Elem::Source))
    }
}

/// A pattern as a candidate at its first word: its id and its first mask
/// (all bits when it has none), where its other masks are in the
/// lexicon's one array of them (`rest`, `rest_len`: read there rather than
/// in the pattern, which the test would otherwise touch for every
/// candidate), and how many candidates right after it in its list have the
/// same first mask (`same`: they fail that mask's test with it, and are
/// skipped with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternCand {
    pub mask: Mask,
    pub id: u32,
    pub rest: u32,
    pub rest_len: u16,
    pub same: u16,
    /// Where the pattern's required words after its first are in the
    /// lexicon's array of them ([`Present::has_words_at`]); `u32::MAX`
    /// when it has none.
    pub words: u32,
}

/// The candidate lists of a pattern index (token id -> the patterns
/// starting with it); the masks after the first of every pattern, one
/// pattern after another (what [`PatternCand::rest`] points into); and the
/// required words after the first of every pattern, one pattern after
/// another (what [`PatternCand::words`] points into: the number of words,
/// then for each the number of its token ids and the ids).
pub fn candidates(
    index: &[Vec<u32>],
    patterns: &[Pattern],
) -> (Vec<Vec<PatternCand>>, Vec<Mask>, Vec<u32>) {
    let a = PatternArrays::of(patterns);
    let lists = index
        .iter()
        .map(|ids| PatternCand::list(ids, patterns, &a.at, &a.words_at))
        .collect();
    (lists, a.rest, a.words)
}

/// What [`candidates`] reads in every pattern besides its first mask: the
/// masks after the first (`rest`) and the required words after the first
/// (`words`) of every pattern, one pattern after another, and where each
/// pattern's are in them (`at`, `words_at`).
pub(crate) struct PatternArrays {
    pub at: Vec<u32>,
    pub words_at: Vec<u32>,
    pub rest: Vec<Mask>,
    pub words: Vec<u32>,
}

impl PatternArrays {
    pub(crate) fn of(patterns: &[Pattern]) -> PatternArrays {
        let mut rest = Vec::new();
        let mut at = Vec::with_capacity(patterns.len());
        let mut words = Vec::new();
        let mut words_at = Vec::with_capacity(patterns.len());
        for p in patterns {
            at.push(rest.len() as u32);
            rest.extend(p.masks.iter().skip(1));
            // the words `Present::has_words_of` reads in the pattern: the
            // literals after its first that are not optional
            let start = words.len();
            words.push(0);
            let mut lits = p.elems.iter().filter_map(|e| match e {
                Elem::Lit { ids, opt, .. } => Some((ids, *opt)),
                _ => None,
            });
            lits.next();
            for (ids, opt) in lits {
                if !opt {
                    words[start] += 1;
                    words.push(ids.len() as u32);
                    words.extend_from_slice(ids);
                }
            }
            if words[start] == 0 {
                words.truncate(start);
                words_at.push(u32::MAX);
            } else {
                words_at.push(start as u32);
            }
        }
        PatternArrays {
            at,
            words_at,
            rest,
            words,
        }
    }

    /// The candidate for pattern `id` (`id` must be a pattern's).
    #[inline]
    pub(crate) fn cand(&self, id: u32, patterns: &[Pattern]) -> PatternCand {
        let i = id as usize;
        PatternCand::new(id, &patterns[i], self.at[i], self.words_at[i])
    }
}

/// The bits of the token ids whose candidate list is not empty
/// ([`crate::Lexicon::pattern_firsts`]).
pub fn firsts(lists: &[Vec<PatternCand>]) -> Vec<u64> {
    let mut bits = vec![0u64; lists.len().div_ceil(64)];
    for (id, l) in lists.iter().enumerate() {
        if !l.is_empty() {
            bits[id / 64] |= 1 << (id % 64);
        }
    }
    bits
}

/// A long candidate list's candidates by the bits of their first two
/// masks: for each of the 256 bits, the candidates whose first mask has
/// it, and those whose second has it, as sets of places in the list
/// (`words` words a bit). The candidates a sentence may match are among
/// those whose first mask and whose second mask (if any) meet its words:
/// the unions of the sets of its words' bits, read in list order, so that
/// the others are never visited. (The forms of "be" and "'s" open some
/// 130 to 270 patterns each, most of them in a few runs sharing a first
/// mask such as that of "to", and are in most sentences: every pattern of
/// a run whose first mask passed was tested on its own. Lists of more
/// than 256 are left to that test: their sets would not fit the
/// iterator's four words, and a larger iterator is copied by `memcpy`.)
#[derive(Debug, Clone, Default)]
pub struct CandIndex {
    /// The bits of all the candidates' first masks.
    union: Mask,
    /// Words of candidate bits per set (at most [`CandIndex::MAX_WORDS`]).
    words: usize,
    /// `words` words for each mask bit, bit 0 first: the first masks.
    first: Vec<u64>,
    /// The same for the second masks.
    second: Vec<u64>,
    /// The candidates without a second mask.
    no_second: Vec<u64>,
}

impl CandIndex {
    /// The fewest candidates a list must have to be indexed: below that
    /// the candidates' own tests cost less than the unions of the sets.
    pub const MIN_CANDS: usize = 24;
    /// Sets of up to 256 candidates (a longer list is not indexed).
    pub const MAX_WORDS: usize = 4;

    /// The index of a candidate list, or `None` when it has fewer than
    /// [`CandIndex::MIN_CANDS`] candidates or too many.
    pub fn of(l: &[PatternCand], rest_masks: &[Mask]) -> Option<CandIndex> {
        if l.len() < CandIndex::MIN_CANDS || l.len() > 64 * CandIndex::MAX_WORDS {
            return None;
        }
        let words = l.len().div_ceil(64);
        let mut ix = CandIndex {
            union: [0; 4],
            words,
            first: vec![0; 256 * words],
            second: vec![0; 256 * words],
            no_second: vec![0; words],
        };
        let set = |sets: &mut [u64], m: &Mask, k: usize| {
            for (w, &bits) in m.iter().enumerate() {
                let mut b = bits;
                while b != 0 {
                    let bit = 64 * w + b.trailing_zeros() as usize;
                    sets[bit * words + k / 64] |= 1 << (k % 64);
                    b &= b - 1;
                }
            }
        };
        for (k, c) in l.iter().enumerate() {
            for (u, &w) in ix.union.iter_mut().zip(&c.mask) {
                *u |= w;
            }
            set(&mut ix.first, &c.mask, k);
            match c.rest_len {
                0 => ix.no_second[k / 64] |= 1 << (k % 64),
                _ => set(&mut ix.second, rest_masks.get(c.rest as usize)?, k),
            }
        }
        Some(ix)
    }

    /// The candidates whose first mask meets `present` and whose second
    /// mask, if they have one, does too, as a set of places in the list.
    #[inline]
    fn meeting(&self, present: &Mask) -> [u64; CandIndex::MAX_WORDS] {
        let n = self.words;
        let mut first = [0u64; CandIndex::MAX_WORDS];
        let mut second = [0u64; CandIndex::MAX_WORDS];
        second[..n].copy_from_slice(&self.no_second);
        for (w, &p) in present.iter().enumerate() {
            let mut b = p;
            while b != 0 {
                let bit = 64 * w + b.trailing_zeros() as usize;
                let at = bit * n;
                if self.union[w] >> (bit % 64) & 1 != 0 {
                    for (s, &x) in first[..n].iter_mut().zip(&self.first[at..at + n]) {
                        *s |= x;
                    }
                }
                for (s, &x) in second[..n].iter_mut().zip(&self.second[at..at + n]) {
                    *s |= x;
                }
                b &= b - 1;
            }
        }
        for (f, s) in first.iter_mut().zip(&second) {
            *f &= s;
        }
        first
    }
}

/// The indexes of the long candidate lists ([`CandIndex::of`]), by the
/// token id of the lists' first word; lists of the same patterns (the
/// forms of one verb) share one.
pub fn cand_indexes(
    lists: &[Vec<PatternCand>],
    rest_masks: &[Mask],
) -> (crate::FastMap<u32, u32>, Vec<CandIndex>) {
    let mut by_id = crate::FastMap::default();
    let mut indexes = Vec::new();
    let mut seen: HashMap<Vec<u32>, u32> = HashMap::new();
    for (id, l) in lists.iter().enumerate() {
        if l.len() < CandIndex::MIN_CANDS {
            continue;
        }
        let key: Vec<u32> = l.iter().map(|c| c.id).collect();
        let k = match seen.get(&key) {
            Some(&k) => k,
            None => {
                let Some(ix) = CandIndex::of(l, rest_masks) else {
                    continue;
                };
                indexes.push(ix);
                let k = indexes.len() as u32 - 1;
                seen.insert(key, k);
                k
            }
        };
        by_id.insert(id as u32, k);
    }
    (by_id, indexes)
}

impl PatternCand {
    /// The candidate for pattern `id`, whose masks after the first are at
    /// `rest` in the lexicon's array of them.
    pub fn new(id: u32, p: &Pattern, rest: u32, words: u32) -> PatternCand {
        PatternCand {
            mask: p.masks.first().copied().unwrap_or([u64::MAX; 4]),
            id,
            rest,
            rest_len: u16::try_from(p.masks.len().saturating_sub(1)).unwrap_or(u16::MAX),
            same: 0,
            words,
        }
    }

    /// The candidates of one first word (`ids`: the patterns starting with
    /// it; `at`: where each pattern's masks after the first are), ordered
    /// by first mask, so that those sharing one (the forms of "be" open 130
    /// patterns with some 30 first masks) are tested once (`words_at`:
    /// where each pattern's required words are, [`PatternCand::words`]).
    pub fn list(
        ids: &[u32],
        patterns: &[Pattern],
        at: &[u32],
        words_at: &[u32],
    ) -> Vec<PatternCand> {
        let mut l: Vec<PatternCand> = ids
            .iter()
            .map(|&id| {
                let id_ = id as usize;
                PatternCand::new(id, &patterns[id_], at[id_], words_at[id_])
            })
            .collect();
        l.sort_unstable_by_key(|a| (a.mask, a.id));
        PatternCand::mark_same(&mut l);
        l
    }

    /// Sets each candidate's `same`: how many candidates right after it
    /// share its first mask (the list is in [`PatternCand::list`]'s order).
    pub(crate) fn mark_same(l: &mut [PatternCand]) {
        for k in (0..l.len().saturating_sub(1)).rev() {
            if l[k].mask == l[k + 1].mask {
                l[k].same = l[k + 1].same.saturating_add(1);
            }
        }
    }

    /// Whether the pattern may match a sentence whose words are `present`
    /// (`rest_masks`: the lexicon's array of the masks after the first):
    /// the same answer as testing all the pattern's masks, given that
    /// `present` is not empty (it holds at least the first word's bit).
    #[inline]
    pub fn may_match(&self, present: &Mask, rest_masks: &[Mask]) -> bool {
        overlaps(&self.mask, present) && self.rest_may_match(present, rest_masks)
    }

    /// The test of the masks after the first.
    #[inline]
    fn rest_may_match(&self, present: &Mask, rest_masks: &[Mask]) -> bool {
        if self.rest_len == 0 {
            return true;
        }
        let a = self.rest as usize;
        // (never out of range: the array was made with the candidates)
        rest_masks
            .get(a..a + self.rest_len as usize)
            .is_none_or(|ms| ms.iter().all(|m| overlaps(m, present)))
    }
}

/// The words of a sentence, for rejecting the patterns that cannot match
/// it before they are read: the [`Mask`] of their ids and, for the few
/// patterns that pass the masks, the ids themselves as a set over the
/// vocabulary (the masks are hashed: three in four patterns that pass them
/// lack a word).
#[derive(Debug, Clone)]
pub struct Present {
    pub mask: Mask,
    bits: Vec<u64>,
}

impl Present {
    /// The words of a sentence whose token ids are `ids` (`u32::MAX` for a
    /// word in no dictionary), in a vocabulary of `vocab` ids.
    pub fn new(vocab: usize, ids: &[u32]) -> Present {
        let mut bits = vec![0u64; vocab.div_ceil(64)];
        let mut mask = [0u64; 4];
        for &id in ids {
            if id == u32::MAX {
                continue;
            }
            let (w, b) = id_bit(id);
            mask[w] |= b;
            if let Some(word) = bits.get_mut(id as usize / 64) {
                *word |= 1 << (id % 64);
            }
        }
        Present { mask, bits }
    }

    /// Whether the token id is one of the sentence's.
    #[inline]
    pub fn has(&self, id: u32) -> bool {
        self.bits
            .get(id as usize / 64)
            .is_some_and(|w| w >> (id % 64) & 1 != 0)
    }

    /// Whether every required word of the pattern after its first (the
    /// words its masks stand for) is one of the sentence's.
    #[inline]
    pub fn has_words_of(&self, p: &Pattern) -> bool {
        let mut lits = p.elems.iter().filter_map(|e| match e {
            Elem::Lit { ids, opt, .. } => Some((ids, *opt)),
            _ => None,
        });
        // (the first is the word the pattern is a candidate at)
        lits.next();
        lits.all(|(ids, opt)| opt || ids.iter().any(|&id| self.has(id)))
    }

    /// [`Present::has_words_of`] the pattern whose required words after
    /// its first are at `at` in `words` (the lexicon's array of them,
    /// [`candidates`]): one contiguous read instead of the pattern's
    /// elements and each of their id vectors. `None` if `at` is not in
    /// `words` (never for the lexicon's own candidates).
    #[inline]
    pub fn has_words_at(&self, words: &[u32], at: u32) -> Option<bool> {
        if at == u32::MAX {
            return Some(true);
        }
        let at = at as usize;
        let n = *words.get(at)?;
        let mut k = at + 1;
        for _ in 0..n {
            let len = *words.get(k)? as usize;
            let ids = words.get(k + 1..k + 1 + len)?;
            if !ids.iter().any(|&id| self.has(id)) {
                return Some(false);
            }
            k += 1 + len;
        }
        Some(true)
    }
}

/// The patterns of a candidate list that may match a sentence: those whose
/// masks all meet its words ([`PatternCand::may_match`]) and whose required
/// words it has ([`Present::has_words_of`]), in the list's order, testing
/// a first mask shared by several candidates once.
pub struct MayMatch<'a> {
    cands: &'a [PatternCand],
    present: &'a Present,
    patterns: &'a [Pattern],
    rest_masks: &'a [Mask],
    words: &'a [u32],
    /// How many of the next candidates are known to pass the first mask.
    known: usize,
    /// With an index ([`CandIndex`]): the places in `cands` not yet
    /// visited of the candidates whose first two masks the sentence meets
    /// (`cands` is then the whole list).
    sel: Option<[u64; CandIndex::MAX_WORDS]>,
}

impl<'a> MayMatch<'a> {
    #[inline]
    pub fn new(
        cands: &'a [PatternCand],
        present: &'a Present,
        patterns: &'a [Pattern],
        rest_masks: &'a [Mask],
        words: &'a [u32],
    ) -> Self {
        MayMatch {
            cands,
            present,
            patterns,
            rest_masks,
            words,
            known: 0,
            sel: None,
        }
    }

    /// This iterator visiting only the candidates of `sel`.
    #[inline]
    fn selecting(self, sel: [u64; CandIndex::MAX_WORDS]) -> Self {
        MayMatch {
            sel: Some(sel),
            ..self
        }
    }

    /// As [`MayMatch::new`], with the list's index ([`CandIndex::of`]
    /// the list `cands`): the same patterns in the same order, visiting
    /// only the candidates whose first two masks the sentence meets.
    #[inline]
    pub fn with_index(
        cands: &'a [PatternCand],
        index: &'a CandIndex,
        present: &'a Present,
        patterns: &'a [Pattern],
        rest_masks: &'a [Mask],
        words: &'a [u32],
    ) -> Self {
        MayMatch::new(cands, present, patterns, rest_masks, words)
            .selecting(index.meeting(&present.mask))
    }
}

/// Whether a candidate that passes its first mask passes the rest of the
/// test ([`MayMatch`]'s).
#[inline]
fn passes(
    c: &PatternCand,
    present: &Present,
    patterns: &[Pattern],
    rest_masks: &[Mask],
    words: &[u32],
) -> bool {
    if !c.rest_may_match(&present.mask, rest_masks) {
        return false;
    }
    match present.has_words_at(words, c.words) {
        Some(has) => has,
        None => patterns
            .get(c.id as usize)
            .is_some_and(|p| present.has_words_of(p)),
    }
}

impl Iterator for MayMatch<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        if let Some(sel) = &mut self.sel {
            // the next candidate whose first two masks the sentence meets
            while let Some(w) = sel.iter().position(|&x| x != 0) {
                let k = 64 * w + sel[w].trailing_zeros() as usize;
                sel[w] &= sel[w] - 1;
                let c = self.cands.get(k)?;
                if passes(c, self.present, self.patterns, self.rest_masks, self.words) {
                    return Some(c.id);
                }
            }
            return None;
        }
        while let Some((c, rest)) = self.cands.split_first() {
            if self.known == 0 {
                // a run shares its first mask: when it fails, all of it
                // does; when it passes, the rest of the run is known to
                if !overlaps(&c.mask, &self.present.mask) {
                    self.cands = &rest[c.same as usize..];
                    continue;
                }
                self.known = c.same as usize;
            } else {
                self.known -= 1;
            }
            self.cands = rest;
            if !c.rest_may_match(&self.present.mask, self.rest_masks) {
                continue;
            }
            let has = match self.present.has_words_at(self.words, c.words) {
                Some(has) => has,
                None => self
                    .patterns
                    .get(c.id as usize)
                    .is_some_and(|p| self.present.has_words_of(p)),
            };
            if has {
                return Some(c.id);
            }
        }
        None
    }
}

/// A 256-bit set of hashed token ids, for rejecting patterns at once.
pub type Mask = [u64; 4];

/// The bit of a token id in a [`Mask`].
#[inline]
pub fn id_bit(id: u32) -> (usize, u64) {
    let h = id.wrapping_mul(0x9E37_79B1) >> 24;
    ((h >> 6) as usize & 3, 1u64 << (h & 63))
}

/// The mask of a set of token ids.
pub fn mask_of(ids: impl IntoIterator<Item = u32>) -> Mask {
    let mut m = [0u64; 4];
    for id in ids {
        let (w, b) = id_bit(id);
        m[w] |= b;
    }
    m
}

/// Whether the bit of a token id is in a mask (what `overlaps(m,
/// &mask_of([id]))` answers, without building the second mask).
#[inline]
pub fn mask_has(m: &Mask, id: u32) -> bool {
    let (w, b) = id_bit(id);
    m[w] & b != 0
}

/// Whether two masks share a bit.
#[inline]
pub fn overlaps(a: &Mask, b: &Mask) -> bool {
    (a[0] & b[0]) | (a[1] & b[1]) | (a[2] & b[2]) | (a[3] & b[3]) != 0
}

/// Irregular forms: lemma -> [3rd person, past, participle, -ing].
pub type Irregulars = HashMap<String, [Option<String>; 4]>;

const VOWELS: &[u8] = b"aeiou";

fn is_vowel(c: u8) -> bool {
    VOWELS.contains(&c)
}

/// All inflected forms of a lemma (the lemma itself included).
pub fn inflect(lemma: &str, irr: &Irregulars) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    if lemma == "be" {
        for f in [
            "am", "is", "are", "was", "were", "been", "being", "'s", "'re", "'m",
        ] {
            out.push(f.into());
        }
        return out;
    }
    let b = lemma.as_bytes();
    let n = b.len();
    let last = b.last().copied().unwrap_or(b'x');
    let prev = if n >= 2 { b[n - 2] } else { b'x' };
    // third person / plural
    let s = if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || (last == b'o' && !is_vowel(prev))
    {
        format!("{lemma}es")
    } else if last == b'y' && !is_vowel(prev) {
        format!("{}ies", &lemma[..n - 1])
    } else {
        format!("{lemma}s")
    };
    // consonant doubling for short CVC verbs (stop -> stopped), not for w/x/y
    let stressed_last = ["mit", "pel", "trol", "cur", "gret", "fer"]
        .iter()
        .any(|s| lemma.ends_with(s))
        && !["offer", "differ", "suffer"].contains(&lemma);
    let cvc = n >= 3
        && !is_vowel(last)
        && !b"wxy".contains(&last)
        && is_vowel(prev)
        && !is_vowel(b[n - 3])
        && (stressed_last || lemma.chars().filter(|c| "aeiou".contains(*c)).count() == 1);
    let (ed, ing) = if last == b'e' && prev != b'e' {
        (format!("{lemma}d"), format!("{}ing", &lemma[..n - 1]))
    } else if last == b'e' {
        (format!("{lemma}d"), format!("{lemma}ing"))
    } else if last == b'y' && !is_vowel(prev) {
        (format!("{}ied", &lemma[..n - 1]), format!("{lemma}ing"))
    } else if cvc {
        let c = last as char;
        (format!("{lemma}{c}ed"), format!("{lemma}{c}ing"))
    } else {
        (format!("{lemma}ed"), format!("{lemma}ing"))
    };
    let regular = [Some(s), Some(ed.clone()), Some(ed), Some(ing)];
    let forms = irr.get(lemma);
    for (k, reg) in regular.into_iter().enumerate() {
        let f = forms.and_then(|f| f[k].clone()).or(reg);
        if let Some(f) = f {
            // a participle like "criticised" (British) is added beside the
            // American spelling by the file's own entries; nothing to do here
            out.push(f);
        }
    }
    // British/American -ize/-ise: generate both so one entry serves both.
    if let Some(stem) = lemma.strip_suffix("ize") {
        out.extend(
            inflect(&format!("{stem}ise"), irr)
                .into_iter()
                .filter(|f| !f.is_empty()),
        );
    }
    out.sort();
    out.dedup();
    out
}

/// Compiles a pattern; `tok` tokenises a literal the way text is
/// tokenised. Gives the elements (each literal's `ids` empty, for the
/// caller to fill), the forms of each literal in order, and the weight.
#[allow(clippy::type_complexity)]
pub fn compile(
    src: &str,
    irr: &Irregulars,
    tok: &dyn Fn(&str) -> Vec<String>,
) -> Result<(Vec<Elem>, Vec<Vec<String>>, u32), (String, Option<String>)> {
    let mut elems = Vec::new();
    let mut lit_forms: Vec<Vec<String>> = Vec::new();
    let mut lit = |alts: Vec<String>, opt: bool| {
        let forms = u16::try_from(alts.len()).unwrap_or(u16::MAX);
        lit_forms.push(alts);
        Elem::Lit {
            ids: Vec::new(),
            forms,
            opt,
        }
    };
    let mut weight = 0;
    for part in src.split_whitespace() {
        if part == "{T}" {
            elems.push(Elem::Target);
        } else if part == "{S}" {
            elems.push(Elem::Source);
        } else if part == "{-}" {
            elems.push(Elem::NoTarget);
        } else if let Some(rest) = part.strip_prefix('*') {
            let n = if rest.is_empty() {
                3
            } else {
                match rest.parse::<u8>() {
                    Ok(n) if n <= 8 => n,
                    _ => {
                        return Err((
                            format!("bad gap \"{part}\""),
                            Some("write * (0 to 3 tokens) or *N with N from 1 to 8".into()),
                        ))
                    }
                }
            };
            elems.push(Elem::Gap(n));
        } else if (part.starts_with('(') && part.ends_with(')'))
            || (part.starts_with('[') && part.ends_with(']'))
        {
            let opt = part.starts_with('[');
            let inner = &part[1..part.len() - 1];
            let mut alts = Vec::new();
            for a in inner.split('|') {
                if a.is_empty() {
                    return Err((format!("empty alternative in \"{part}\""), None));
                }
                let (word, infl) = match a.strip_suffix('+') {
                    Some(w) => (w, true),
                    None => (a, false),
                };
                let toks = tok(word);
                if toks.len() != 1 {
                    return Err((
                        format!("alternative \"{a}\" is {} tokens, not one", toks.len()),
                        Some("alternatives hold single tokens; write two patterns instead".into()),
                    ));
                }
                if infl {
                    alts.extend(inflect(&toks[0], irr));
                } else {
                    alts.push(toks[0].clone());
                }
            }
            if !opt {
                weight += 1;
            }
            elems.push(lit(alts, opt));
        } else if part.contains(['(', ')', '[', ']', '{', '}']) {
            return Err((
                format!("unbalanced bracket in \"{part}\""),
                Some(
                    "groups are (a|b) or [a|b] with no spaces inside; slots are {T} and {S}".into(),
                ),
            ));
        } else {
            let (word, infl) = match part.strip_suffix('+') {
                Some(w) if !w.is_empty() => (w, true),
                _ => (part, false),
            };
            let toks = tok(word);
            if toks.is_empty() {
                return Err((format!("\"{part}\" has no token"), None));
            }
            if infl && toks.len() == 1 {
                elems.push(lit(inflect(&toks[0], irr), false));
                weight += 1;
            } else {
                for t in toks {
                    elems.push(lit(vec![t], false));
                    weight += 1;
                }
            }
        }
    }
    match elems.first() {
        Some(Elem::Lit { opt: false, .. }) => {}
        // a leading slot names the actor just before the first word:
        // "{S} aggression" is "Russia's aggression", "the Russian aggression"
        Some(Elem::Target | Elem::Source)
            if matches!(elems.get(1), Some(Elem::Lit { opt: false, .. })) => {}
        Some(_) => {
            return Err((
                "a pattern must start with a required word".into(),
                Some("drop the leading optional word or gap (a leading {S} or {T} must be followed by a required word); the subject before the verb is found anyway".into()),
            ))
        }
        None => return Err(("empty pattern".into(), None)),
    }
    if elems.iter().filter(|e| **e == Elem::Target).count() > 1
        || elems.iter().filter(|e| **e == Elem::Source).count() > 1
    {
        return Err(("a pattern has at most one {T} and one {S}".into(), None));
    }
    if matches!(elems.last(), Some(Elem::Gap(_))) {
        return Err((
            "a pattern cannot end with a gap".into(),
            Some("remove the trailing *".into()),
        ));
    }
    Ok((elems, lit_forms, weight))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(l: &str) -> Vec<String> {
        inflect(l, &Irregulars::new())
    }

    #[test]
    fn regular_inflections() {
        assert!(forms("visit").contains(&"visited".to_string()));
        assert!(forms("visit").contains(&"visiting".to_string()));
        assert!(forms("criticize").contains(&"criticized".to_string()));
        assert!(forms("criticize").contains(&"criticised".to_string()));
        assert!(forms("criticize").contains(&"criticising".to_string()));
        assert!(forms("stop").contains(&"stopped".to_string()));
        assert!(forms("accuse").contains(&"accuses".to_string()));
        assert!(forms("deny").contains(&"denied".to_string()));
        assert!(forms("deny").contains(&"denies".to_string()));
        assert!(forms("agree").contains(&"agreed".to_string()));
        assert!(forms("agree").contains(&"agreeing".to_string()));
        assert!(forms("reach").contains(&"reaches".to_string()));
        assert!(forms("be").contains(&"was".to_string()));
    }

    #[test]
    fn irregulars_override() {
        let mut irr = Irregulars::new();
        irr.insert(
            "meet".into(),
            [None, Some("met".into()), Some("met".into()), None],
        );
        let f = inflect("meet", &irr);
        assert!(f.contains(&"met".to_string()));
        assert!(!f.contains(&"meeted".to_string()));
        assert!(f.contains(&"meets".to_string()));
    }

    #[test]
    fn compile_elements() {
        let tok = |s: &str| vec![s.to_lowercase()];
        let (e, f, w) = compile("pay+ [a|an] * visit to {T}", &Irregulars::new(), &tok).unwrap();
        assert_eq!(w, 3);
        assert_eq!(e.len(), 6);
        assert_eq!(e[2], Elem::Gap(3));
        assert_eq!(e[5], Elem::Target);
        assert_eq!(f.len(), 4);
        assert_eq!(f[1], ["a", "an"]);
        assert!(matches!(
            e[1],
            Elem::Lit {
                forms: 2,
                opt: true,
                ..
            }
        ));
        assert!(compile("[a] visit", &Irregulars::new(), &tok).is_err());
        assert!(compile("visit *", &Irregulars::new(), &tok).is_err());
        assert!(compile("visit (a|b", &Irregulars::new(), &tok).is_err());
        assert!(compile("visit *12", &Irregulars::new(), &tok).is_err());
    }

    #[test]
    fn an_alternative_may_carry_its_inflections() {
        let tok = |s: &str| vec![s.to_lowercase()];
        let (e, f, w) = compile("(reject+|refute) * claims", &Irregulars::new(), &tok).unwrap();
        assert_eq!(w, 2);
        let alts = &f[0];
        assert!(matches!(e[0], Elem::Lit { forms, .. } if forms as usize == alts.len()));
        for f in ["reject", "rejects", "rejected", "rejecting", "refute"] {
            assert!(alts.contains(&f.to_string()), "{f} in {alts:?}");
        }
        assert!(!alts.contains(&"refuted".to_string()), "{alts:?}");
    }
}
