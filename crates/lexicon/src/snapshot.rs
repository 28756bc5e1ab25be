//! A compiled lexicon as bytes, so that a program can load the built-in
//! lexicon instead of building it at every start.
//!
//! Building the lexicon (parsing ~12,000 lines, tokenising phrases,
//! inflecting and compiling patterns, the cross-file checks) took ~200 M
//! instructions, ~45 ms per process: 11 % of `dyad code` on 200 press
//! conferences, more of a short run. The binary's build script builds it
//! once and writes it with [`Lexicon::snapshot`]; [`Lexicon::from_snapshot`]
//! reads it back with no parsing beyond this format: every field in order,
//! integers as LEB128, strings as indexes into one table of distinct
//! strings (file names repeat on every entry). Everything is written as it
//! is in memory, in the same order (candidate lists, vocabulary ids), so the
//! loaded lexicon answers every lookup as the built one does; maps are
//! written sorted by key, so the bytes depend only on the lexicon.
//!
//! The format has no compatibility promise: a snapshot is only read by the
//! code that wrote it (the build script and the binary are built from the
//! same sources), and a test compares the embedded bytes with a fresh build.
use crate::pattern::{Elem, Mask, Pattern, PatternCand};
use crate::phrase::{Cand, PhraseEntry, PhraseIndex};
use crate::*;
use crate::{FastMap, FastSet};
use chrono::Datelike;

const MAGIC: &[u8; 8] = b"DYADLX01";

/// Writes fields in order; strings go to a table of distinct strings.
#[derive(Default)]
struct Writer {
    body: Vec<u8>,
    ids: FastMap<String, u32>,
    table: Vec<String>,
}

/// Appends `v` as LEB128: seven bits a byte, the high bit set on all but
/// the last (also the commitment spool's number form).
#[inline]
pub fn put_leb128(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 number at `*at` and moves past it; `None` when the bytes
/// end first or the number runs past ten bytes.
#[inline(always)]
pub fn get_leb128(b: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let x = *b.get(*at)?;
        *at += 1;
        v |= ((x & 0x7f) as u64) << shift;
        if x & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

impl Writer {
    fn u(&mut self, v: u64) {
        put_leb128(&mut self.body, v);
    }
    fn len(&mut self, n: usize) {
        self.u(n as u64);
    }
    fn bool(&mut self, b: bool) {
        self.body.push(b as u8);
    }
    fn s(&mut self, s: &str) {
        let next = self.table.len() as u32;
        let id = *self.ids.entry(s.to_string()).or_insert(next);
        if id == next {
            self.table.push(s.to_string());
        }
        self.u(id as u64);
    }
    fn opt_s(&mut self, s: Option<&str>) {
        match s {
            None => self.u(0),
            Some(s) => {
                self.u(1);
                self.s(s);
            }
        }
    }
    fn strs(&mut self, v: &[String]) {
        self.len(v.len());
        for s in v {
            self.s(s);
        }
    }
    fn ids(&mut self, v: &[u32]) {
        self.len(v.len());
        for &x in v {
            self.u(x as u64);
        }
    }
    fn mask(&mut self, m: &Mask) {
        for w in m {
            self.body.extend_from_slice(&w.to_le_bytes());
        }
    }
    fn origin(&mut self, o: &Origin) {
        self.s(&o.file);
        self.u(o.line as u64);
    }
    fn date(&mut self, d: Option<NaiveDate>) {
        match d {
            None => self.u(0),
            // days from 0001-01-01 (day 1), shifted so 0 stays "none"
            Some(d) => self.u((d.num_days_from_ce() as i64 + (1 << 31)) as u64 + 1),
        }
    }
    fn target(&mut self, t: PhraseTarget) {
        let (tag, v) = match t {
            PhraseTarget::Actor(i) => (0, i),
            PhraseTarget::Person(i) => (1, i),
            PhraseTarget::Agent(i) => (2, i),
            PhraseTarget::Reciprocal => (3, 0),
            PhraseTarget::NotActor => (4, 0),
        };
        self.u(tag);
        self.u(v as u64);
    }
    fn sorted_set<'a>(&mut self, it: impl Iterator<Item = &'a String>) {
        let mut v: Vec<&String> = it.collect();
        v.sort();
        self.len(v.len());
        for s in v {
            self.s(s);
        }
    }
    fn sorted_map(&mut self, m: &HashMap<String, String>) {
        let mut v: Vec<(&String, &String)> = m.iter().collect();
        v.sort();
        self.len(v.len());
        for (k, x) in v {
            self.s(k);
            self.s(x);
        }
    }
}

/// Reads what [`Writer`] wrote; `None` on anything malformed.
struct Reader<'a> {
    b: &'a [u8],
    at: usize,
    table: Vec<&'a str>,
    /// The origins' file names longer than a [`SharedStr`] keeps in
    /// place, by their index in `table`.
    files: FastMap<u32, SharedStr>,
}

impl<'a> Reader<'a> {
    #[inline(always)]
    fn u(&mut self) -> Option<u64> {
        get_leb128(self.b, &mut self.at)
    }
    #[inline(always)]
    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.u()?).ok()
    }
    #[inline(always)]
    fn len(&mut self) -> Option<usize> {
        let n = self.u()? as usize;
        // every element takes at least a byte: a corrupt length fails here
        // instead of reserving memory it cannot fill
        (n <= self.b.len() - self.at.min(self.b.len())).then_some(n)
    }
    fn bool(&mut self) -> Option<bool> {
        let b = *self.b.get(self.at)?;
        self.at += 1;
        Some(b != 0)
    }
    #[inline(always)]
    fn str(&mut self) -> Option<&'a str> {
        let i = self.u()? as usize;
        self.table.get(i).copied()
    }
    #[inline(always)]
    fn s(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }
    fn opt_s(&mut self) -> Option<Option<String>> {
        Some(match self.u()? {
            0 => None,
            _ => Some(self.s()?),
        })
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.s()?);
        }
        Some(v)
    }
    fn ids(&mut self) -> Option<Vec<u32>> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.u32()?);
        }
        Some(v)
    }
    fn mask(&mut self) -> Option<Mask> {
        let b = self.b.get(self.at..self.at + 32)?;
        self.at += 32;
        let w = |k: usize| {
            u64::from_le_bytes([
                b[k],
                b[k + 1],
                b[k + 2],
                b[k + 3],
                b[k + 4],
                b[k + 5],
                b[k + 6],
                b[k + 7],
            ])
        };
        Some([w(0), w(8), w(16), w(24)])
    }
    fn origin(&mut self) -> Option<Origin> {
        let i = self.u32()?;
        let s = *self.table.get(i as usize)?;
        // a name too long to be kept in place is made once and shared
        let file = if s.len() <= SharedStr::INLINE {
            SharedStr::new(s)
        } else {
            self.files
                .entry(i)
                .or_insert_with(|| SharedStr::new(s))
                .clone()
        };
        Some(Origin {
            file,
            line: self.u()? as usize,
        })
    }
    fn date(&mut self) -> Option<Option<NaiveDate>> {
        match self.u()? {
            0 => Some(None),
            v => {
                let days = i32::try_from(v as i64 - 1 - (1 << 31)).ok()?;
                NaiveDate::from_num_days_from_ce_opt(days).map(Some)
            }
        }
    }
    fn target(&mut self) -> Option<PhraseTarget> {
        let tag = self.u()?;
        let v = self.u32()?;
        Some(match tag {
            0 => PhraseTarget::Actor(v),
            1 => PhraseTarget::Person(v),
            2 => PhraseTarget::Agent(v),
            3 => PhraseTarget::Reciprocal,
            4 => PhraseTarget::NotActor,
            _ => return None,
        })
    }
    fn fast_set(&mut self) -> Option<FastSet<String>> {
        let n = self.len()?;
        let mut m = FastSet::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            m.insert(self.s()?);
        }
        Some(m)
    }
    fn map(&mut self) -> Option<HashMap<String, String>> {
        let n = self.len()?;
        let mut m = HashMap::with_capacity(n);
        for _ in 0..n {
            m.insert(self.s()?, self.s()?);
        }
        Some(m)
    }
    fn lists(&mut self, f: impl Fn(&mut Self) -> Option<Vec<u32>>) -> Option<Vec<Vec<u32>>> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(f(self)?);
        }
        Some(v)
    }
}

fn write_special_ids(w: &mut Writer, s: &SpecialIds) {
    for l in [
        &s.negation,
        &s.future,
        &s.intent,
        &s.hypothetical,
        &s.reporting,
        &s.hedges,
    ] {
        w.len(l.len());
        for p in l {
            w.ids(p);
        }
    }
    for m in &s.firsts {
        w.mask(m);
    }
    for st in &s.starts {
        w.len(st.len());
        for &(a, b) in st {
            w.u(a as u64);
            w.u(b as u64);
        }
    }
}

impl Lexicon {
    /// The lexicon as bytes for [`Lexicon::from_snapshot`].
    pub fn snapshot(&self) -> Vec<u8> {
        let mut w = Writer::default();
        // codes, sorted by key
        let mut keyed: Vec<(&String, &EventCode)> = self.codes.iter().collect();
        keyed.sort_by(|a, b| a.0.cmp(b.0));
        w.len(keyed.len());
        for (k, c) in keyed {
            w.s(k);
            w.s(&c.code);
            w.u(c.quad as u64);
            w.body
                .extend_from_slice(&c.goldstein.to_bits().to_le_bytes());
            w.s(&c.plover_event);
            w.opt_s(c.plover_mode.as_deref());
            w.strs(&c.plover_context);
            w.s(&c.label);
        }
        w.len(self.actors.len());
        for a in &self.actors {
            w.s(&a.code);
            w.u(match a.kind {
                ActorKind::Country => 0,
                ActorKind::Region => 1,
                ActorKind::Igo => 2,
                ActorKind::Group => 3,
            });
            w.opt_s(a.country.as_deref());
            w.origin(&a.origin);
        }
        w.len(self.people.len());
        for p in &self.people {
            w.s(&p.name);
            w.len(p.roles.len());
            for r in &p.roles {
                w.s(&r.code);
                w.date(r.from);
                w.date(r.to);
                w.s(&r.title);
                w.origin(&r.origin);
            }
            w.origin(&p.origin);
        }
        w.len(self.agents.len());
        for a in &self.agents {
            w.s(&a.code);
            w.origin(&a.origin);
        }
        w.len(self.patterns.len());
        for p in &self.patterns {
            w.s(&p.code);
            w.len(p.elems.len());
            for e in &p.elems {
                match e {
                    Elem::Lit { ids, forms, opt } => {
                        w.u(0);
                        w.ids(ids);
                        w.u(*forms as u64);
                        w.bool(*opt);
                    }
                    Elem::Gap(n) => {
                        w.u(1);
                        w.u(*n as u64);
                    }
                    Elem::Target => w.u(2),
                    Elem::Source => w.u(3),
                    Elem::NoTarget => w.u(4),
                }
            }
            w.s(&p.text);
            w.opt_s(p.note.as_deref());
            w.origin(&p.origin);
            w.u(p.weight as u64);
            w.len(p.masks.len());
            for m in &p.masks {
                w.mask(m);
            }
            w.bool(p.speaker);
        }
        let sp = &self.special;
        for l in [
            &sp.negation,
            &sp.future,
            &sp.intent,
            &sp.hypothetical,
            &sp.reporting,
            &sp.hedges,
            &sp.words.sets,
        ] {
            w.len(l.len());
            for p in l {
                w.strs(p);
            }
        }
        write_special_ids(&mut w, &sp.ids);
        // the phrase index as it is: entries and candidate lists in order
        let ph = &self.phrases;
        w.len(ph.max_len);
        w.len(ph.entries.len());
        for e in &ph.entries {
            w.ids(&e.ids);
            match &e.exact {
                None => w.u(0),
                Some(x) => {
                    w.u(1);
                    w.strs(x);
                }
            }
            w.target(e.value);
            w.origin(&e.origin);
            w.s(&e.text);
        }
        w.len(ph.by_first_id.len());
        for l in &ph.by_first_id {
            w.len(l.len());
            for c in l {
                w.u(c.id as u64);
                w.u(c.len as u64);
                w.u(c.second as u64);
            }
        }
        w.len(self.pattern_index.len());
        for l in &self.pattern_index {
            w.ids(l);
        }
        // the pattern candidates are derived from the index and the
        // patterns' masks on loading, in the order written here (for each
        // candidate, its pattern's place in the index's list), so that
        // loading does not sort them again (4 M instructions a process)
        w.len(self.pattern_cands.len());
        for (cands, ids) in self.pattern_cands.iter().zip(&self.pattern_index) {
            w.len(cands.len());
            for c in cands {
                let k = ids.iter().position(|&id| id == c.id).unwrap_or(ids.len());
                w.len(k);
            }
        }
        // the vocabulary by id (ids are dense: 0..len)
        let mut vocab: Vec<(&String, u32)> = self.vocab.iter().map(|(k, &v)| (k, v)).collect();
        vocab.sort_by_key(|&(_, v)| v);
        w.len(vocab.len());
        for (k, v) in vocab {
            w.s(k);
            w.u(v as u64);
        }
        w.sorted_set(self.symmetric.iter());
        w.sorted_map(&self.intent);
        w.sorted_map(&self.refusal);
        w.sorted_set(self.countries.iter());
        w.sorted_set(self.irregular_pasts.iter());
        w.sorted_set(self.regions.iter());
        w.s(&self.version);
        w.len(self.files.len());
        for (f, n) in &self.files {
            w.s(f);
            w.u(*n as u64);
        }
        // header: magic, the string table (lengths, then the bytes), body
        let mut out = Vec::with_capacity(w.body.len() + 64 * w.table.len());
        out.extend_from_slice(MAGIC);
        let mut head = Writer::default();
        head.len(w.table.len());
        for s in &w.table {
            head.len(s.len());
        }
        head.len(w.body.len());
        out.extend_from_slice(&head.body);
        for s in &w.table {
            out.extend_from_slice(s.as_bytes());
        }
        out.extend_from_slice(&w.body);
        out
    }

    /// A lexicon from the bytes of [`Lexicon::snapshot`]; `None` when they
    /// are not such bytes.
    pub fn from_snapshot(bytes: &[u8]) -> Option<Lexicon> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let mut r = Reader {
            b: rest,
            at: 0,
            table: Vec::new(),
            files: FastMap::default(),
        };
        let n = r.len()?;
        let mut lens = Vec::with_capacity(n);
        for _ in 0..n {
            lens.push(r.len()?);
        }
        let body_len = r.len()?;
        let total: usize = lens.iter().sum();
        let text = std::str::from_utf8(rest.get(r.at..r.at + total)?).ok()?;
        let mut table = Vec::with_capacity(n);
        let mut at = 0;
        for l in lens {
            table.push(text.get(at..at + l)?);
            at += l;
        }
        let start = r.at + total;
        if start + body_len != rest.len() {
            return None;
        }
        let mut r = Reader {
            b: &rest[start..],
            at: 0,
            table,
            files: FastMap::default(),
        };
        let lex = read_lexicon(&mut r)?;
        (r.at == r.b.len()).then_some(lex)
    }
}

fn read_lexicon(r: &mut Reader) -> Option<Lexicon> {
    let n = r.len()?;
    let mut codes = HashMap::with_capacity(n);
    for _ in 0..n {
        let k = r.s()?;
        let code = r.s()?;
        let quad = u8::try_from(r.u()?).ok()?;
        let g = r.b.get(r.at..r.at + 8)?;
        r.at += 8;
        let goldstein = f64::from_bits(u64::from_le_bytes([
            g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7],
        ]));
        codes.insert(
            k,
            EventCode {
                code,
                quad,
                goldstein,
                plover_event: r.s()?,
                plover_mode: r.opt_s()?,
                plover_context: r.strs()?,
                label: r.s()?,
            },
        );
    }
    let n = r.len()?;
    let mut actors = Vec::with_capacity(n);
    for _ in 0..n {
        let code = r.s()?;
        let kind = match r.u()? {
            0 => ActorKind::Country,
            1 => ActorKind::Region,
            2 => ActorKind::Igo,
            3 => ActorKind::Group,
            _ => return None,
        };
        actors.push(Actor {
            code,
            kind,
            country: r.opt_s()?,
            origin: r.origin()?,
        });
    }
    let n = r.len()?;
    let mut people = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.s()?;
        let m = r.len()?;
        let mut roles = Vec::with_capacity(m);
        for _ in 0..m {
            roles.push(Role {
                code: r.s()?,
                from: r.date()?,
                to: r.date()?,
                title: r.s()?,
                origin: r.origin()?,
            });
        }
        people.push(Person {
            name,
            roles,
            origin: r.origin()?,
        });
    }
    let n = r.len()?;
    let mut agents = Vec::with_capacity(n);
    for _ in 0..n {
        agents.push(Agent {
            code: r.s()?,
            origin: r.origin()?,
        });
    }
    let n = r.len()?;
    let mut patterns = Vec::with_capacity(n);
    for _ in 0..n {
        let code = r.s()?;
        let m = r.len()?;
        let mut elems = Vec::with_capacity(m);
        for _ in 0..m {
            elems.push(match r.u()? {
                0 => Elem::Lit {
                    ids: r.ids()?,
                    forms: u16::try_from(r.u()?).ok()?,
                    opt: r.bool()?,
                },
                1 => Elem::Gap(u8::try_from(r.u()?).ok()?),
                2 => Elem::Target,
                3 => Elem::Source,
                4 => Elem::NoTarget,
                _ => return None,
            });
        }
        let text = r.s()?;
        let note = r.opt_s()?;
        let origin = r.origin()?;
        let weight = r.u32()?;
        let k = r.len()?;
        let mut masks = Vec::with_capacity(k);
        for _ in 0..k {
            masks.push(r.mask()?);
        }
        patterns.push(Pattern {
            code,
            elems,
            text,
            note,
            origin,
            weight,
            masks,
            speaker: r.bool()?,
        });
    }
    let mut lists: [Vec<Vec<String>>; 7] = Default::default();
    for l in lists.iter_mut() {
        let n = r.len()?;
        l.reserve_exact(n);
        for _ in 0..n {
            l.push(r.strs()?);
        }
    }
    let mut id_lists: [Vec<Vec<u32>>; 6] = Default::default();
    for l in id_lists.iter_mut() {
        *l = r.lists(|r| r.ids())?;
    }
    let mut firsts = [[0u64; 4]; 5];
    for m in firsts.iter_mut() {
        *m = r.mask()?;
    }
    let mut starts: [Vec<(u32, u32)>; 5] = Default::default();
    for st in starts.iter_mut() {
        let n = r.len()?;
        st.reserve_exact(n);
        for _ in 0..n {
            st.push((r.u32()?, r.u32()?));
        }
    }
    let [negation, future, intent, hypothetical, reporting, hedges, word_sets] = lists;
    let [n_ids, f_ids, i_ids, h_ids, r_ids, hedge_ids] = id_lists;
    let special = Special {
        negation,
        future,
        intent,
        hypothetical,
        reporting,
        hedges,
        // written sorted and without repeats, as from_sets leaves them
        words: CoderWords::from_sorted(word_sets),
        ids: SpecialIds {
            negation: n_ids,
            future: f_ids,
            intent: i_ids,
            hypothetical: h_ids,
            reporting: r_ids,
            hedges: hedge_ids,
            firsts,
            starts,
        },
    };
    let max_len = r.len()?;
    let n = r.len()?;
    let mut entries = Vec::with_capacity(n);
    for _ in 0..n {
        let ids = r.ids()?;
        let exact = match r.u()? {
            0 => None,
            _ => Some(r.strs()?),
        };
        entries.push(PhraseEntry {
            ids,
            exact,
            value: r.target()?,
            origin: r.origin()?,
            text: SharedStr::from(r.str()?),
        });
    }
    let n = r.len()?;
    let mut by_first_id = Vec::with_capacity(n);
    for _ in 0..n {
        let m = r.len()?;
        let mut l = Vec::with_capacity(m);
        for _ in 0..m {
            l.push(Cand {
                id: r.u32()?,
                len: r.u32()?,
                second: r.u32()?,
            });
        }
        by_first_id.push(l);
    }
    let mut phrases = PhraseIndex {
        by_first_id,
        max_len,
        entries,
        // derived from the lists, below
        long: Vec::new(),
        by_pair: FastMap::default(),
        singles: FastMap::default(),
        pending: Vec::new(),
    };
    phrases.index_pairs();
    let pattern_index = r.lists(|r| r.ids())?;
    if pattern_index
        .iter()
        .flatten()
        .any(|&id| id as usize >= patterns.len())
    {
        return None;
    }
    // the candidates as `crate::candidates` makes them, in the order the
    // snapshot gives (`Lexicon::snapshot`): every pattern of each list once
    let arrays = crate::pattern::PatternArrays::of(&patterns);
    if r.len()? != pattern_index.len() {
        return None;
    }
    let mut pattern_cands = Vec::with_capacity(pattern_index.len());
    for ids in &pattern_index {
        let m = r.len()?;
        if m != ids.len() {
            return None;
        }
        let mut l = Vec::with_capacity(m);
        for _ in 0..m {
            let id = *ids.get(r.u()? as usize)?;
            l.push(arrays.cand(id, &patterns));
        }
        PatternCand::mark_same(&mut l);
        pattern_cands.push(l);
    }
    let crate::pattern::PatternArrays {
        rest: rest_masks,
        words: pattern_words,
        ..
    } = arrays;
    let (cand_index_of, cand_indexes) = crate::cand_indexes(&pattern_cands, &rest_masks);
    let n = r.len()?;
    let mut vocab = FastMap::with_capacity_and_hasher(n, Default::default());
    for _ in 0..n {
        let k = r.s()?;
        vocab.insert(k, r.u32()?);
    }
    let symmetric = r.fast_set()?;
    let intent = r.map()?;
    let refusal = r.map()?;
    let countries = r.fast_set()?;
    let irregular_pasts = r.fast_set()?;
    let n = r.len()?;
    let mut regions = HashSet::with_capacity(n);
    for _ in 0..n {
        regions.insert(r.s()?);
    }
    let version = r.s()?;
    let n = r.len()?;
    let mut files = Vec::with_capacity(n);
    for _ in 0..n {
        files.push((r.s()?, r.u()? as usize));
    }
    Some(Lexicon {
        codes,
        actors,
        people,
        agents,
        patterns,
        special,
        phrases,
        pattern_index,
        pattern_firsts: crate::pattern::firsts(&pattern_cands),
        cand_indexes,
        cand_index_of,
        pattern_cands,
        rest_masks,
        pattern_words,
        vocab_short: crate::vocab_short(&vocab),
        surname_index: std::sync::OnceLock::new(),
        vocab,
        symmetric,
        intent,
        refusal,
        countries,
        irregular_pasts,
        regions,
        version,
        files,
    })
}
