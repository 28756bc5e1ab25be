//! Multi-token phrase lookup keyed by the first token, longest match first.
//!
//! Phrases are tokenised with the same tokenizer as the text, so a phrase
//! matches exactly when its tokens' normalised forms equal the text's.
//! Exact-case phrases (`=US`) also compare the original spelling, so that
//! the pronoun "us" is not the United States.
use crate::FastMap;
use crate::Origin;
use dyad_text::SharedStr;

/// A phrase. Its tokens are kept as vocabulary ids only (the vocabulary
/// has their strings): loading the built-in lexicon made ~19,500 token
/// strings and ~9,800 vectors of them that nothing read.
#[derive(Debug, Clone)]
pub struct PhraseEntry<T> {
    /// The tokens as vocabulary ids (filled by [`PhraseIndex::intern`]).
    pub ids: Vec<u32>,
    /// For exact-case phrases, the tokens as written.
    pub exact: Option<Vec<String>>,
    pub value: T,
    pub origin: Origin,
    /// The phrase as its file writes it (nearly all fit in a
    /// [`SharedStr`] without an allocation).
    pub text: SharedStr,
}

#[derive(Debug, Clone)]
pub struct PhraseIndex<T> {
    /// Entries by the vocabulary id of their first token, longest first:
    /// indexed by the id (ids are dense), not hashed, as this is looked up
    /// for every token of every sentence. Each carries its length and second
    /// id, so that most candidates are rejected without reading the entry.
    pub(crate) by_first_id: Vec<Vec<Cand>>,
    /// For the first ids with long candidate lists ("the", "of", ...;
    /// see [`PhraseIndex::index_pairs`]): whether the list is long, its
    /// phrases of two tokens or more by `first << 32 | second id`, and its
    /// phrases of one token, each in list order.
    pub(crate) long: Vec<bool>,
    pub(crate) by_pair: FastMap<u64, Vec<Cand>>,
    pub(crate) singles: FastMap<u32, Vec<Cand>>,
    /// The longest phrase, in tokens.
    pub max_len: usize,
    pub entries: Vec<PhraseEntry<T>>,
    /// The normalised tokens of each entry inserted, while the index is
    /// built ([`PhraseIndex::intern`] takes them; empty afterwards).
    pub(crate) pending: Vec<Vec<String>>,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            by_first_id: Vec::new(),
            long: Vec::new(),
            by_pair: FastMap::default(),
            singles: FastMap::default(),
            max_len: 0,
            entries: Vec::new(),
            pending: Vec::new(),
        }
    }
}

/// An entry as a candidate at its first token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cand {
    pub(crate) id: u32,
    pub(crate) len: u32,
    /// The id of its second token (`u32::MAX` when it has one token).
    pub(crate) second: u32,
}

/// A match: which entries (all with the same, longest, token length).
#[derive(Debug, Clone)]
pub struct PhraseMatch {
    pub len: usize,
    pub entries: Entries,
}

/// The entries of a [`PhraseMatch`]: nearly always one or two, kept in
/// place (a match is made for every phrase of every sentence, and a vector
/// was an allocation each); a slice of them by `Deref`.
#[derive(Clone, Default)]
pub struct Entries {
    len: u32,
    inline: [u32; Entries::INLINE],
    /// All of them, once there are more than fit in place.
    more: Vec<u32>,
}

impl Entries {
    const INLINE: usize = 4;

    /// One entry.
    pub fn one(id: u32) -> Entries {
        let mut e = Entries::default();
        e.push(id);
        e
    }

    pub fn push(&mut self, id: u32) {
        let n = self.len as usize;
        if n < Entries::INLINE {
            self.inline[n] = id;
        } else {
            if n == Entries::INLINE {
                self.more.extend_from_slice(&self.inline);
            }
            self.more.push(id);
        }
        self.len += 1;
    }
}

impl std::ops::Deref for Entries {
    type Target = [u32];
    #[inline]
    fn deref(&self) -> &[u32] {
        let n = self.len as usize;
        if n <= Entries::INLINE {
            &self.inline[..n]
        } else {
            &self.more
        }
    }
}

impl<'a> IntoIterator for &'a Entries {
    type Item = &'a u32;
    type IntoIter = std::slice::Iter<'a, u32>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::fmt::Debug for Entries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl PartialEq for Entries {
    fn eq(&self, o: &Entries) -> bool {
        **self == **o
    }
}

/// The dictionary phrases of a run of sentences as one reading from left
/// to right finds them ([`PhraseIndex::read`]): at each token the longest
/// phrase that starts there, and the reading goes on after it (or at the
/// next token when none starts there). The coder's mention search makes
/// this reading of every sentence; the passes after it that read the same
/// sentences' tokens (claims' countries, the commitment detector's
/// mentions) take it from `Coded::phrases` instead of looking every token
/// up again.
#[derive(Debug, Clone, Default)]
pub struct PhraseHits {
    /// Every sentence's phrases in order: (first token, match).
    hits: Vec<(usize, PhraseMatch)>,
    /// Where each sentence's phrases start in `hits`, and where the last
    /// ends (empty before the first sentence).
    starts: Vec<usize>,
}

impl PhraseHits {
    /// Reads the phrases of the next sentence (its tokens' vocabulary ids
    /// and their text) and keeps them; returns them.
    pub fn read<T: Clone>(
        &mut self,
        index: &PhraseIndex<T>,
        ids: &[u32],
        raws: &[&str],
    ) -> &[(usize, PhraseMatch)] {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let from = self.hits.len();
        index.read_into(ids, raws, &mut self.hits);
        self.starts.push(self.hits.len());
        &self.hits[from..]
    }

    /// How many sentences have been read.
    pub fn sentences(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// The phrases of sentence `i` (`None` when it was not read).
    pub fn sentence(&self, i: usize) -> Option<&[(usize, PhraseMatch)]> {
        let (&a, &b) = (self.starts.get(i)?, self.starts.get(i + 1)?);
        self.hits.get(a..b)
    }
}

impl<T: Clone> PhraseIndex<T> {
    /// The phrases of one sentence as [`PhraseHits`] reads them: at each
    /// token the longest phrase there ([`PhraseIndex::longest_at_ids`]),
    /// then on after it.
    pub fn read(&self, ids: &[u32], raws: &[&str]) -> Vec<(usize, PhraseMatch)> {
        let mut out = Vec::new();
        self.read_into(ids, raws, &mut out);
        out
    }

    fn read_into(&self, ids: &[u32], raws: &[&str], out: &mut Vec<(usize, PhraseMatch)>) {
        let mut i = 0;
        while i < ids.len().min(raws.len()) {
            match self.longest_at_ids(ids, raws, i) {
                Some(m) => {
                    let n = m.len.max(1);
                    out.push((i, m));
                    i += n;
                }
                None => i += 1,
            }
        }
    }
}

impl<T: Clone> PhraseIndex<T> {
    /// Adds a phrase whose normalised tokens are `tokens` (none: nothing
    /// is added); its ids are given by [`PhraseIndex::intern`].
    pub fn insert(&mut self, tokens: Vec<String>, entry: PhraseEntry<T>) {
        if tokens.is_empty() {
            return;
        }
        self.max_len = self.max_len.max(tokens.len());
        self.pending.push(tokens);
        self.entries.push(entry);
    }

    /// Gives every phrase token a vocabulary id and builds the id index.
    pub fn intern(&mut self, vocab: &mut FastMap<String, u32>) {
        let pending = std::mem::take(&mut self.pending);
        for (e, tokens) in self.entries.iter_mut().zip(&pending) {
            e.ids = tokens
                .iter()
                .map(|t| {
                    let next = vocab.len() as u32;
                    *vocab.entry(t.clone()).or_insert(next)
                })
                .collect();
        }
        self.by_first_id = vec![Vec::new(); vocab.len()];
        for (n, e) in self.entries.iter().enumerate() {
            self.by_first_id[e.ids[0] as usize].push(Cand {
                id: n as u32,
                len: e.ids.len() as u32,
                second: e.ids.get(1).copied().unwrap_or(u32::MAX),
            });
        }
        let entries = &self.entries;
        for ids in self.by_first_id.iter_mut() {
            ids.sort_by_key(|c| std::cmp::Reverse(entries[c.id as usize].ids.len()));
        }
        self.index_pairs();
    }

    /// Splits the long candidate lists by second token. A candidate of
    /// two tokens or more can only match where the text's second token is
    /// its own, and the lists are sorted longest first, so the candidates
    /// that pass that test are, in list order, those of the text's pair,
    /// then those of one token: [`PhraseIndex::longest_at_ids`] reads
    /// those instead of the whole list (the list of "the" holds hundreds).
    pub(crate) fn index_pairs(&mut self) {
        const LONG: usize = 8;
        self.long = self.by_first_id.iter().map(|l| l.len() > LONG).collect();
        self.by_pair = FastMap::default();
        self.singles = FastMap::default();
        for (first, l) in self.by_first_id.iter().enumerate() {
            if l.len() <= LONG {
                continue;
            }
            for c in l {
                if c.len > 1 {
                    let k = (first as u64) << 32 | c.second as u64;
                    self.by_pair.entry(k).or_default().push(*c);
                } else {
                    self.singles.entry(first as u32).or_default().push(*c);
                }
            }
        }
    }

    /// As [`PhraseIndex::longest_at`], over vocabulary ids of the tokens
    /// (`u32::MAX` for a word in no dictionary): no string comparisons.
    // (inlined: it is asked about every token of a text, and most start no
    // phrase; the call saved and restored registers for ~25 instructions)
    #[inline]
    pub fn longest_at_ids(&self, ids: &[u32], raws: &[&str], i: usize) -> Option<PhraseMatch> {
        match self.by_first_id.get(ids[i] as usize) {
            Some(all) if !all.is_empty() => self.longest_at_ids_from(ids, raws, i, all),
            _ => None,
        }
    }

    /// [`PhraseIndex::longest_at_ids`] at a token that starts phrases
    /// (`all`: its candidates).
    #[inline(never)]
    fn longest_at_ids_from(
        &self,
        ids: &[u32],
        raws: &[&str],
        i: usize,
        all: &[Cand],
    ) -> Option<PhraseMatch> {
        let first = ids[i];
        let (pairs, singles): (&[Cand], &[Cand]) = if self.long[first as usize] {
            let pairs = match ids.get(i + 1) {
                Some(&second) => self
                    .by_pair
                    .get(&((first as u64) << 32 | second as u64))
                    .map_or(&[][..], |v| v.as_slice()),
                None => &[],
            };
            let singles = self.singles.get(&first).map_or(&[][..], |v| v.as_slice());
            (pairs, singles)
        } else {
            (all, &[])
        };
        let mut best: Option<PhraseMatch> = None;
        for c in pairs.iter().chain(singles) {
            let n = c.len as usize;
            if let Some(b) = &best {
                if n < b.len {
                    break;
                }
            }
            // the first ids are equal (that is the bucket); the second, from
            // the candidate, rejects most without reading the entry
            if i + n > ids.len() || (n > 1 && ids[i + 1] != c.second) {
                continue;
            }
            let id = c.id;
            let e = &self.entries[id as usize];
            // the rest, a word or two, compared inline rather than by a call
            // to memcmp
            if !e.ids[1..]
                .iter()
                .zip(&ids[i + 1..i + n])
                .all(|(a, b)| a == b)
            {
                continue;
            }
            if let Some(exact) = &e.exact {
                if !exact.iter().zip(&raws[i..i + n]).all(|(a, b)| a == b) {
                    continue;
                }
            }
            match &mut best {
                Some(b) if b.len == n => b.entries.push(id),
                _ => {
                    best = Some(PhraseMatch {
                        len: n,
                        entries: Entries::one(id),
                    })
                }
            }
        }
        best
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
