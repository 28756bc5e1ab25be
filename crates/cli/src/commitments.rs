//! `dyad commitments`: what was promised, by when, and whether it was kept;
//! and the commitment records `dyad code` writes after its events.
//!
//! Resolution needs every document of the run (a promise made in one is
//! kept in another), so commitments are collected while the documents are
//! coded and resolved at the end, as of the latest document date unless
//! `--as-of` says otherwise.
//!
//! What is collected does not stay in memory beyond a budget: the
//! [`Collector`] holds each commitment, and each event and figure that
//! could ever be evidence, in memory up to 16 MB (the press conferences of
//! three years take ~10 MB) and past that writes them all to a private
//! SQLite database (for `dyad code` a file in the temporary folder,
//! unlinked as soon as it is open, so nothing is left even by a killed
//! run; in memory for the few documents of `dyad commitments` and the
//! server). What is held is resolved as the database would resolve it:
//! the same rows, keys and order. At the end an index is built once and each commitment,
//! read back in output order, fetches only its candidates: events between
//! its countries under the root of its act whose date starts inside its
//! window, figures of its measure and unit whose period starts inside it.
//! [`resolve`] then decides on those exactly as it would on all the
//! evidence (the candidates are a superset of what its rules accept, in
//! the same order), so memory stays bounded by the budget and SQLite's
//! page cache and the resolution is one indexed look-up per commitment
//! rather than commitments × evidence.
use anyhow::{bail, Context, Result};
use chrono::{Datelike, Duration, NaiveDate};
use dyad_code::{Coded, Coder};
use dyad_commit::resolve::{iso_bounds, window, HORIZON_DAYS};
use dyad_commit::{
    claims_from_extract, commitment_view, resolve, Actor, Claim, Commitment, Cues, Detector, Due,
    EventFact, Genre, Outcome, Status, TargetFigure,
};
use dyad_extract::{Extractor, QtyLexicon, Reference};
use dyad_lexicon::Lexicon;
use dyad_text::input::ReadOptions;
use dyad_text::{Doc, Span};
use dyad_time::Tagger;
use rusqlite::{params, Connection};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

/// Collects commitments, events and figures from documents coded on any
/// thread, into a [`Spool`].
pub struct Collector<'a> {
    det: Detector<'a>,
    extractor: Extractor<'a>,
    inner: Mutex<Spool>,
}

impl<'a> Collector<'a> {
    /// A collector that keeps what it gathers in memory (a handful of
    /// documents: `dyad commitments`, the server).
    pub fn new(
        lex: &'a Lexicon,
        tagger: &'a Tagger,
        reference: &'a Reference,
        cues: &'a Cues,
    ) -> Collector<'a> {
        Self::with_spool(lex, tagger, reference, cues, Spool::memory())
    }

    /// A collector that spills what it gathers to a temporary file, so that
    /// a stream of any length is collected in bounded memory (`dyad code`).
    pub fn spilling(
        lex: &'a Lexicon,
        tagger: &'a Tagger,
        reference: &'a Reference,
        cues: &'a Cues,
    ) -> Result<Collector<'a>> {
        let spool = Spool::temp_file()?;
        Ok(Self::with_spool(lex, tagger, reference, cues, Ok(spool)))
    }

    fn with_spool(
        lex: &'a Lexicon,
        tagger: &'a Tagger,
        reference: &'a Reference,
        cues: &'a Cues,
        spool: Result<Spool>,
    ) -> Collector<'a> {
        // an in-memory database that cannot be opened is reported by finish
        let spool = spool.unwrap_or_else(|e| Spool::broken(format!("{e:#}")));
        Collector {
            det: Detector::new(lex, tagger).with_cues(cues),
            extractor: Extractor::new(QtyLexicon::builtin(), lex, tagger, reference),
            inner: Mutex::new(spool),
        }
    }

    /// Reads the documents as this genre (manifestos: the pledge model
    /// decides what is a pledge).
    pub fn with_genre(mut self, genre: Genre) -> Collector<'a> {
        self.det.genre = genre;
        self
    }

    /// Adds one coded document; `list` says whether its own commitments
    /// are wanted (evidence-only documents give events and figures).
    pub fn add(&self, doc: &Doc, coded: &Coded, list: bool) {
        self.add_with_claims(doc, coded, &self.extractor.extract(doc), list);
    }

    /// As [`Collector::add`], with the document's claims already extracted
    /// (`dyad code` writes them too, and should not extract them twice).
    /// A failure to keep them (a full disk) is reported by `finish`.
    pub fn add_with_claims(
        &self,
        doc: &Doc,
        coded: &Coded,
        figures: &[dyad_extract::Claim],
        list: bool,
    ) {
        let commitments = if list {
            self.det.detect(doc, coded)
        } else {
            Vec::new()
        };
        // only what can be evidence: acts reported as done or as not done
        // (a promise is not evidence of another promise kept), between two
        // countries, with a date (resolution passes over any other event)
        let events: Vec<EventFact> = coded
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e.modality,
                    dyad_code::Modality::Asserted
                        | dyad_code::Modality::Negated
                        | dyad_code::Modality::Reported
                ) && e.source.country.is_some()
                    && e.target.as_ref().is_some_and(|t| t.country.is_some())
                    && e.date.as_deref().and_then(iso_bounds).is_some()
            })
            .map(|e| EventFact::from_event(doc, e))
            .collect();
        let claims = claims_from_extract(doc, figures);
        let mut s = match self.inner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        s.add(doc.date, commitments, events, claims);
    }

    /// The commitments in document and sentence order, each with its outcome.
    pub fn finish(self, as_of: Option<NaiveDate>) -> Result<(Vec<Resolved>, Option<NaiveDate>)> {
        let mut items = Vec::new();
        let as_of = self.finish_each(as_of, |c, o| {
            items.push((c, o));
            Ok(())
        })?;
        Ok((items, as_of))
    }

    /// Resolves the commitments one at a time, in the order of
    /// [`Collector::finish`], and hands each to `each` (which writes it):
    /// nothing but the current commitment and its candidates is in memory.
    /// Returns the as-of date used.
    pub fn finish_each(
        self,
        as_of: Option<NaiveDate>,
        each: impl FnMut(Commitment, Outcome) -> Result<()>,
    ) -> Result<Option<NaiveDate>> {
        let spool = match self.inner.into_inner() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        spool.resolve_each(as_of, each)
    }
}

/// A commitment and its outcome.
pub type Resolved = (Commitment, Outcome);

/// Where a run's commitments and evidence wait for the resolution: a
/// private SQLite database, written inside one transaction. Each row has
/// the columns it is looked up by and a blob of the rest ([`keep_event`],
/// [`keep_claim`], [`keep`]): a column per field cost a bind and a
/// record field each (16 for an event, 18 for a figure).
pub struct Spool {
    conn: Option<Connection>,
    /// The temporary file, removed on drop.
    path: Option<PathBuf>,
    seq: i64,
    latest: Option<NaiveDate>,
    /// The first failure; later documents are not kept.
    error: Option<String>,
    /// What is kept while it fits in [`Spool::budget`]: the rows of the
    /// database, in memory, resolved without it (`None` once spilled).
    held: Option<Held>,
    /// Bytes (roughly) that may be held in memory before everything goes
    /// to the database.
    budget: usize,
}

/// The rows of a [`Spool`] before they go to its database: each with the
/// `seq` and the keys its row would have, so that resolving them here
/// gives what the database's queries give ([`EventQuery`], [`ClaimQuery`]).
/// Most runs (the press conferences: ~10 MB) never write to SQLite: its
/// inserts, index sorts and queries were ~9 % of `dyad code`.
#[derive(Default)]
struct Held {
    cm: Vec<(i64, Commitment)>,
    /// With the first day they are indexed by (and by their countries:
    /// only events with both are kept).
    ev: Vec<(i64, Option<i64>, EventFact)>,
    /// With the first day they are indexed by.
    cl: Vec<(i64, Option<i64>, Claim)>,
    bytes: usize,
}

/// What a spool holds in memory before it writes to its file: the size
/// of the page cache the file has.
const HELD_BUDGET: usize = 16 << 20;

const SCHEMA: &str = "
CREATE TABLE ev(seq INTEGER PRIMARY KEY, src TEXT NOT NULL, tgt TEXT NOT NULL,
  root TEXT NOT NULL, lo INTEGER, body BLOB NOT NULL);
CREATE TABLE cl(seq INTEGER PRIMARY KEY, measure TEXT NOT NULL, unit TEXT NOT NULL,
  lo INTEGER, body BLOB NOT NULL);
CREATE TABLE cm(seq INTEGER PRIMARY KEY, made INTEGER, doc TEXT NOT NULL,
  sentence INTEGER NOT NULL, body BLOB NOT NULL);
BEGIN;
";

/// Built once all documents are in: one sort each instead of index upkeep
/// on every insert.
const INDEXES: &str = "
CREATE INDEX ev_key ON ev(src, tgt, root, lo);
CREATE INDEX cl_key ON cl(measure, unit, lo);
CREATE INDEX cm_order ON cm(made, doc, sentence, seq);
";

fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn from_day(n: Option<i64>) -> Option<NaiveDate> {
    n.and_then(|n| i32::try_from(n).ok())
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// The day an event's or a figure's period starts, as the index key; none
/// for a reversed interval, which is fetched whatever the window.
fn key(start: NaiveDate, end: NaiveDate) -> Option<i64> {
    (start <= end).then(|| day(start))
}

/// The days between which a commitment's evidence must start, as
/// [`resolve`] computes them (none: any day).
fn days_looked_at(c: &Commitment) -> Option<(i64, i64)> {
    let win = window(c);
    let from = win.map(|w| w.0).or(c.made)?;
    let to = win
        .map(|w| w.1)
        .or_else(|| c.made.map(|m| m + Duration::days(HORIZON_DAYS)))?;
    Some((day(from), day(to)))
}

fn countries(v: &[Actor]) -> BTreeSet<&str> {
    v.iter().filter_map(|a| a.country.as_deref()).collect()
}

impl Spool {
    fn memory() -> Result<Spool> {
        Spool::open(Connection::open_in_memory()?, None, 16 * 1024)
    }

    fn temp_file() -> Result<Spool> {
        Spool::temp_file_with_cache(16 * 1024)
    }

    /// A spool in a new file of the temporary folder, with a page cache of
    /// `cache_kib`. The file is unlinked as soon as it is set up (SQLite
    /// keeps using it, without a journal), so that nothing is left behind
    /// even when the process is killed; where that is refused (Windows),
    /// it is removed when the spool is dropped.
    fn temp_file_with_cache(cache_kib: u32) -> Result<Spool> {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "dyad-commitments-{}-{n}.sqlite",
            std::process::id()
        ));
        // left by a killed process that had our id
        let _ = std::fs::remove_file(&path);
        let opened = Connection::open(&path)
            .map_err(anyhow::Error::from)
            .and_then(|conn| Spool::open(conn, Some(path.clone()), cache_kib));
        match opened {
            Ok(mut s) => {
                if std::fs::remove_file(&path).is_ok() {
                    s.path = None;
                }
                Ok(s)
            }
            Err(e) => {
                let _ = std::fs::remove_file(&path);
                Err(e.context(format!(
                    "cannot create {} to keep commitments for resolution (TMPDIR chooses the folder)",
                    path.display()
                )))
            }
        }
    }

    fn open(conn: Connection, path: Option<PathBuf>, cache_kib: u32) -> Result<Spool> {
        // nothing to recover after a crash: no journal, no syncs; the page
        // cache and sorts spilled to files bound the memory
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
             PRAGMA cache_size = -{cache_kib}; PRAGMA temp_store = FILE;"
        ))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Spool {
            conn: Some(conn),
            path,
            seq: 0,
            latest: None,
            error: None,
            held: Some(Held::default()),
            budget: HELD_BUDGET,
        })
    }

    fn broken(error: String) -> Spool {
        Spool {
            conn: None,
            path: None,
            seq: 0,
            latest: None,
            error: Some(error),
            held: None,
            budget: 0,
        }
    }

    /// The same spool, holding at most `budget` bytes in memory (0: every
    /// row goes to the database at once).
    #[cfg(test)]
    fn with_budget(mut self, budget: usize) -> Spool {
        self.budget = budget;
        self
    }

    fn add(
        &mut self,
        date: Option<NaiveDate>,
        commitments: Vec<Commitment>,
        events: Vec<EventFact>,
        claims: Vec<Claim>,
    ) {
        if date > self.latest {
            self.latest = date;
        }
        if self.error.is_some() {
            return;
        }
        if let Some(held) = &mut self.held {
            let bytes = held.bytes + held_size(&commitments, &events, &claims);
            if bytes <= self.budget {
                held.bytes = bytes;
                self.seq = held.push(self.seq, commitments, events, claims);
                return;
            }
            // beyond the budget: what was held goes to the database, in
            // the order and with the `seq` it was given, and so does
            // everything after it
            if let Err(e) = self.spill() {
                self.error = Some(format!("{e:#}"));
                return;
            }
        }
        if let Err(e) = self.insert(&commitments, &events, &claims) {
            self.error = Some(format!("{e:#}"));
        }
    }

    /// Writes what is held to the database (once: the spool holds nothing
    /// after it).
    fn spill(&mut self) -> Result<()> {
        let Some(held) = self.held.take() else {
            return Ok(());
        };
        let Some(conn) = &self.conn else {
            bail!("no database")
        };
        let mut body = Vec::new();
        let mut st = conn.prepare_cached(
            "INSERT INTO cm(seq, made, doc, sentence, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (seq, c) in &held.cm {
            put_commitment(&mut st, *seq, c, &mut body)?;
        }
        let mut st = conn.prepare_cached(
            "INSERT INTO ev(seq, src, tgt, root, lo, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (seq, lo, e) in &held.ev {
            let (src, tgt) = event_countries(e);
            body.clear();
            keep_event(e, &mut body);
            st.execute(params![seq, src, tgt, root(&e.cameo), lo, body])?;
        }
        let mut st = conn.prepare_cached(
            "INSERT INTO cl(seq, measure, unit, lo, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (seq, lo, c) in &held.cl {
            body.clear();
            keep_claim(c, &mut body);
            st.execute(params![seq, c.measure, c.unit, lo, body])?;
        }
        Ok(())
    }

    fn insert(
        &mut self,
        commitments: &[Commitment],
        events: &[EventFact],
        claims: &[Claim],
    ) -> Result<()> {
        let Some(conn) = &self.conn else {
            bail!("no database")
        };
        let mut seq = self.seq;
        let mut body = Vec::new();
        if !commitments.is_empty() {
            let mut st = conn.prepare_cached(
                "INSERT INTO cm(seq, made, doc, sentence, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for c in commitments {
                seq += 1;
                put_commitment(&mut st, seq, c, &mut body)?;
            }
        }
        if !events.is_empty() {
            let mut st = conn.prepare_cached(
                "INSERT INTO ev(seq, src, tgt, root, lo, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for e in events {
                // add_with_claims passes only events with both countries
                // and a date; anything else could never be evidence
                let Some((src, tgt, lo)) = evidence_row(e) else {
                    continue;
                };
                seq += 1;
                body.clear();
                keep_event(e, &mut body);
                st.execute(params![seq, src, tgt, root(&e.cameo), lo, body])?;
            }
        }
        if !claims.is_empty() {
            let mut st = conn.prepare_cached(
                "INSERT INTO cl(seq, measure, unit, lo, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for c in claims {
                seq += 1;
                body.clear();
                keep_claim(c, &mut body);
                st.execute(params![
                    seq,
                    c.measure,
                    c.unit,
                    key(c.period_start, c.period_end),
                    body
                ])?;
            }
        }
        self.seq = seq;
        Ok(())
    }

    fn resolve_each(
        mut self,
        as_of: Option<NaiveDate>,
        mut each: impl FnMut(Commitment, Outcome) -> Result<()>,
    ) -> Result<Option<NaiveDate>> {
        if let Some(e) = &self.error {
            bail!("could not keep the commitments of the run for their resolution: {e}");
        }
        let as_of = as_of.or(self.latest);
        if let Some(held) = self.held.take() {
            held.resolve_each(as_of, each)
                .context("resolving the commitments of the run")?;
            return Ok(as_of);
        }
        let Some(conn) = self.conn.take() else {
            bail!("no database")
        };
        let res = (|| -> Result<()> {
            conn.execute_batch("COMMIT;")?;
            conn.execute_batch(INDEXES)?;
            let mut st = conn.prepare("SELECT body FROM cm ORDER BY made, doc, sentence, seq")?;
            let mut rows = st.query([])?;
            while let Some(row) = rows.next()? {
                let c = unkeep(row.get_ref(0)?.as_blob()?)?;
                let events = candidate_events(&conn, &c)?;
                let claims = candidate_claims(&conn, &c)?;
                let o = resolve(std::slice::from_ref(&c), &events, &claims, as_of)
                    .pop()
                    .context("resolve gave no outcome")?;
                each(c, o)?;
            }
            Ok(())
        })();
        drop(conn);
        res.context("resolving the commitments of the run")?;
        Ok(as_of)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        // close before removing
        self.conn.take();
        if let Some(p) = &self.path {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// The index key of a CAMEO code: its root (two digits).
fn root(cameo: &str) -> &str {
    cameo.get(..2).unwrap_or(cameo)
}

/// The events that can decide `c`: between its countries as its sides
/// allow, under the root of one of its acts, starting inside its window.
/// In the order resolution has always seen them (by document, sentence,
/// position, code, actors; then as they were added).
fn candidate_events(conn: &Connection, c: &Commitment) -> Result<Vec<EventFact>> {
    let Some(q) = EventQuery::of(c) else {
        return Ok(Vec::new());
    };
    let EventQuery {
        from,
        to,
        pairs,
        roots,
    } = q;
    let cols = "seq, body";
    let mut found: BTreeMap<i64, EventFact> = BTreeMap::new();
    let mut take = |rows: &mut rusqlite::Rows<'_>| -> Result<()> {
        while let Some(r) = rows.next()? {
            let e = unkeep_event(r.get_ref(1)?.as_blob()?)?;
            if c.acts.iter().any(|a| e.cameo.starts_with(a.as_str())) {
                found.insert(r.get(0)?, e);
            }
        }
        Ok(())
    };
    for (src, tgt) in pairs {
        match &roots {
            Some(roots) => {
                let mut st = conn.prepare_cached(&format!(
                    "SELECT {cols} FROM ev WHERE src = ?1 AND tgt = ?2 AND root = ?3
                       AND lo BETWEEN ?4 AND ?5
                     UNION ALL
                     SELECT {cols} FROM ev WHERE src = ?1 AND tgt = ?2 AND root = ?3
                       AND lo IS NULL"
                ))?;
                for r in roots {
                    take(&mut st.query(params![src, tgt, r, from, to])?)?;
                }
            }
            None => {
                let mut st = conn.prepare_cached(&format!(
                    "SELECT {cols} FROM ev WHERE src = ?1 AND tgt = ?2"
                ))?;
                take(&mut st.query(params![src, tgt])?)?;
            }
        }
    }
    let mut v: Vec<(i64, EventFact)> = found.into_iter().collect();
    v.sort_by(|(sa, a), (sb, b)| dyad_commit::resolve::event_order(a, b).then(sa.cmp(sb)));
    Ok(v.into_iter().map(|(_, e)| e).collect())
}

/// Which events can decide a commitment, as the spool's rows are keyed:
/// those from one country to the other of one of `pairs`, and, when there
/// are `roots`, under one of them and starting from day `from` to day `to`
/// or on no known first day. (An event must then also fall under one of
/// the commitment's acts.)
struct EventQuery<'c> {
    from: i64,
    to: i64,
    pairs: BTreeSet<(&'c str, &'c str)>,
    /// `None`: an act shorter than a root, looked for under every root,
    /// whatever its day.
    roots: Option<BTreeSet<&'c str>>,
}

impl<'c> EventQuery<'c> {
    /// `None` when no event can decide `c`.
    fn of(c: &'c Commitment) -> Option<EventQuery<'c>> {
        let (from, to) = days_looked_at(c)?;
        if !c.specific || c.acts.is_empty() {
            return None;
        }
        let mine = countries(&c.actors);
        let theirs = countries(&c.counterparts);
        if mine.union(&theirs).count() < 2 {
            return None;
        }
        let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
        if theirs.is_empty() {
            for &a in &mine {
                for &b in &mine {
                    if a != b {
                        pairs.insert((a, b));
                    }
                }
            }
        } else {
            for &a in &mine {
                for &b in &theirs {
                    pairs.insert((a, b));
                    pairs.insert((b, a));
                }
            }
        }
        // an act shorter than a root is looked for under every root
        let roots: Option<BTreeSet<&str>> = c
            .acts
            .iter()
            .map(|a| (a.len() >= 2).then(|| root(a)))
            .collect();
        Some(EventQuery {
            from,
            to,
            pairs,
            roots,
        })
    }

    /// Whether an event keyed by `root` and `lo` answers the query (its
    /// countries being one of the pairs): the test of the database's
    /// `WHERE`.
    fn admits(&self, root: &str, lo: Option<i64>) -> bool {
        match &self.roots {
            Some(roots) => {
                roots.contains(root) && lo.is_none_or(|lo| self.from <= lo && lo <= self.to)
            }
            None => true,
        }
    }
}

/// The figures that can decide `c`: of its target's measure and unit,
/// for a period starting inside its window; in the order resolution has
/// always seen them.
fn candidate_claims(conn: &Connection, c: &Commitment) -> Result<Vec<Claim>> {
    let Some(ClaimQuery {
        from,
        to,
        measure,
        unit,
    }) = ClaimQuery::of(c)
    else {
        return Ok(Vec::new());
    };
    let cols = "seq, body";
    let mut st = conn.prepare_cached(&format!(
        "SELECT {cols} FROM cl WHERE measure = ?1 AND unit = ?2 AND lo BETWEEN ?3 AND ?4
         UNION ALL
         SELECT {cols} FROM cl WHERE measure = ?1 AND unit = ?2 AND lo IS NULL"
    ))?;
    let mut rows = st.query(params![measure, unit, from, to])?;
    let mut v: Vec<(String, i64, Claim)> = Vec::new();
    while let Some(r) = rows.next()? {
        let cl = unkeep_claim(r.get_ref(1)?.as_blob()?)?;
        v.push((format!("{cl:?}"), r.get(0)?, cl));
    }
    Ok(claim_order(v))
}

/// The order the figures were always resolved in: by their printed form
/// (then as they were added).
fn claim_order(mut v: Vec<(String, i64, Claim)>) -> Vec<Claim> {
    v.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    v.into_iter().map(|(_, _, c)| c).collect()
}

/// Which figures can decide a commitment, as the spool's rows are keyed:
/// of its target's `measure` and `unit`, for a period starting from day
/// `from` to day `to` or on no known first day.
struct ClaimQuery<'c> {
    from: i64,
    to: i64,
    measure: &'c str,
    unit: &'c str,
}

impl<'c> ClaimQuery<'c> {
    /// `None` when no figure can decide `c`.
    fn of(c: &'c Commitment) -> Option<ClaimQuery<'c>> {
        let (from, to) = days_looked_at(c)?;
        let t = c.target.as_ref()?;
        let measure = t.measure.as_deref()?;
        if !c.specific {
            return None;
        }
        Some(ClaimQuery {
            from,
            to,
            measure,
            unit: &t.unit,
        })
    }

    /// Whether a figure of the query's measure and unit, keyed by `lo`,
    /// answers it: the test of the database's `WHERE`.
    fn admits(&self, lo: Option<i64>) -> bool {
        lo.is_none_or(|lo| self.from <= lo && lo <= self.to)
    }
}

/// Roughly the memory `commitments`, `events` and `claims` take when held
/// (their text; the rest is small beside it).
fn held_size(commitments: &[Commitment], events: &[EventFact], claims: &[Claim]) -> usize {
    let cm: usize = commitments
        .iter()
        .map(|c| {
            std::mem::size_of::<Commitment>()
                + c.doc.len()
                + c.text.len()
                + c.why.iter().map(|w| w.len() + 24).sum::<usize>()
                + (c.actors.len() + c.counterparts.len()) * (std::mem::size_of::<Actor>() + 32)
                + c.cue.len()
                + c.action.len()
                + 64
        })
        .sum();
    let ev: usize = events
        .iter()
        .map(|e| std::mem::size_of::<EventFact>() + e.doc.len() + e.text.len() + 64)
        .sum();
    let cl: usize = claims
        .iter()
        .map(|c| std::mem::size_of::<Claim>() + c.doc.len() + c.text.len() + c.figure.len() + 64)
        .sum();
    cm + ev + cl
}

/// The source's and the target's country of a held event (it has both).
fn event_countries(e: &EventFact) -> (&str, &str) {
    (
        e.source_country.as_deref().unwrap_or(""),
        e.target_country.as_deref().unwrap_or(""),
    )
}

impl Held {
    /// Holds the rows [`Spool::insert`] would write, numbered from after
    /// `seq` as it numbers them; returns the last number.
    fn push(
        &mut self,
        mut seq: i64,
        commitments: Vec<Commitment>,
        events: Vec<EventFact>,
        claims: Vec<Claim>,
    ) -> i64 {
        for c in commitments {
            seq += 1;
            self.cm.push((seq, c));
        }
        for e in events {
            let Some((_, _, lo)) = evidence_row(&e) else {
                continue;
            };
            seq += 1;
            self.ev.push((seq, lo, e));
        }
        for c in claims {
            seq += 1;
            self.cl.push((seq, key(c.period_start, c.period_end), c));
        }
        seq
    }

    /// [`Spool::resolve_each`] of what is held: the commitments in the
    /// order of the database's `ORDER BY made, doc, sentence, seq` (no date
    /// first), each with the candidates its queries would fetch.
    fn resolve_each(
        self,
        as_of: Option<NaiveDate>,
        mut each: impl FnMut(Commitment, Outcome) -> Result<()>,
    ) -> Result<()> {
        let Held { cm, ev, cl, .. } = self;
        // (the order of indices sorted, not of the commitments moved: they
        // are large; `seq` is unique, so the order is total)
        let mut order: Vec<usize> = (0..cm.len()).collect();
        order.sort_unstable_by_key(|&i| {
            let (seq, c) = &cm[i];
            (c.made.map(day), c.doc.as_str(), c.sentence, *seq)
        });
        let mut cm: Vec<Option<Commitment>> = cm.into_iter().map(|(_, c)| Some(c)).collect();
        let cm = order.into_iter().filter_map(|i| cm[i].take());
        let mut by_pair: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (i, (_, _, e)) in ev.iter().enumerate() {
            by_pair.entry(event_countries(e)).or_default().push(i);
        }
        let mut by_measure: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (i, (_, _, c)) in cl.iter().enumerate() {
            by_measure.entry((&c.measure, &c.unit)).or_default().push(i);
        }
        for c in cm {
            let mut events: Vec<(i64, &EventFact)> = Vec::new();
            if let Some(q) = EventQuery::of(&c) {
                for pair in &q.pairs {
                    for &i in by_pair.get(pair).map_or(&[][..], |v| &v[..]) {
                        let (seq, lo, e) = &ev[i];
                        if q.admits(root(&e.cameo), *lo)
                            && c.acts.iter().any(|a| e.cameo.starts_with(a.as_str()))
                        {
                            events.push((*seq, e));
                        }
                    }
                }
            }
            // (the pairs are distinct, so no event is found twice)
            events.sort_by(|(sa, a), (sb, b)| {
                dyad_commit::resolve::event_order(a, b).then(sa.cmp(sb))
            });
            let events: Vec<EventFact> = events.into_iter().map(|(_, e)| e.clone()).collect();
            let mut claims: Vec<(String, i64, Claim)> = Vec::new();
            if let Some(q) = ClaimQuery::of(&c) {
                for &i in by_measure
                    .get(&(q.measure, q.unit))
                    .map_or(&[][..], |v| &v[..])
                {
                    let (seq, lo, f) = &cl[i];
                    if q.admits(*lo) {
                        claims.push((format!("{f:?}"), *seq, f.clone()));
                    }
                }
            }
            let claims = claim_order(claims);
            let o = resolve(std::slice::from_ref(&c), &events, &claims, as_of)
                .pop()
                .context("resolve gave no outcome")?;
            each(c, o)?;
        }
        Ok(())
    }
}

/// A commitment as it waits in the spool: every field, losslessly, in a
/// binary form read back by [`unkeep`] (numbers as LEB128, the target's
/// value as its bits, dates as days, strings as a length and their bytes;
/// the events and figures of the spool are kept the same way). It was JSON through
/// serde, written and parsed back: ~1.3 KB of text per commitment, 2.5 %
/// of `dyad code` on 200 press conferences. The spool lives for one run,
/// so the form needs no versioning.
/// An event's source and target countries and the key of its date's
/// start, when it has all three: only such an event can be evidence.
fn evidence_row(e: &EventFact) -> Option<(&str, &str, Option<i64>)> {
    let (a, b) = e.date.as_deref().and_then(iso_bounds)?;
    Some((
        e.source_country.as_deref()?,
        e.target_country.as_deref()?,
        key(a, b),
    ))
}

/// One commitment's row of the spool's `cm` table (its body encoded into
/// `body`, a buffer kept between rows).
fn put_commitment(
    st: &mut rusqlite::CachedStatement<'_>,
    seq: i64,
    c: &Commitment,
    body: &mut Vec<u8>,
) -> Result<()> {
    body.clear();
    keep(c, body)?;
    st.execute(params![
        seq,
        c.made.map(day),
        c.doc,
        c.sentence as i64,
        &body[..]
    ])?;
    Ok(())
}

fn keep(c: &Commitment, out: &mut Vec<u8>) -> Result<()> {
    // every field by name: a field added to `Commitment` fails to compile
    // here until it is kept
    let Commitment {
        doc,
        made,
        sentence,
        text,
        span,
        actors,
        counterparts,
        cue,
        cue_span,
        cue_kind,
        rule,
        action,
        action_span,
        verb,
        cameo,
        acts,
        target,
        due,
        specific,
        scope_rule,
        why,
    } = c;
    let relation = match due {
        Some(d) => Some(
            RELATIONS
                .iter()
                .position(|r| *r == d.relation)
                .with_context(|| {
                    format!("a due date related by \"{}\" cannot be kept", d.relation)
                })?,
        ),
        None => None,
    };
    let mut w = KeptWriter(out);
    w.s(doc);
    w.opt_i(made.map(day));
    w.u(*sentence as u64);
    w.s(text);
    w.span(*span);
    for v in [actors, counterparts] {
        w.u(v.len() as u64);
        for a in v {
            let Actor {
                code,
                country,
                text,
                span,
            } = a;
            w.opt_s(code.as_deref());
            w.opt_s(country.as_deref());
            w.s(text);
            match span {
                None => w.byte(0),
                Some(sp) => {
                    w.byte(1);
                    w.span(*sp);
                }
            }
        }
    }
    w.s(cue);
    w.span(*cue_span);
    w.s(cue_kind);
    w.s(rule);
    w.s(action);
    w.span(*action_span);
    w.opt_s(verb.as_deref());
    w.opt_s(cameo.as_deref());
    w.strs(acts);
    match target {
        None => w.byte(0),
        Some(t) => {
            let TargetFigure {
                measure,
                value,
                unit,
                floor,
                text,
                span,
            } = t;
            w.byte(1);
            w.opt_s(measure.as_deref());
            w.u(value.to_bits());
            w.s(unit);
            w.byte(*floor as u8);
            w.s(text);
            w.span(*span);
        }
    }
    match (due, relation) {
        (Some(d), Some(r)) => {
            let Due {
                iso,
                relation: _,
                start,
                end,
                span,
            } = d;
            w.byte(1);
            w.s(iso);
            w.u(r as u64);
            w.i(day(*start));
            w.i(day(*end));
            w.span(*span);
        }
        _ => w.byte(0),
    }
    w.byte(*specific as u8);
    w.s(scope_rule);
    w.strs(why);
    Ok(())
}

/// The commitment [`keep`] wrote.
fn unkeep(b: &[u8]) -> Result<Commitment> {
    let mut r = KeptReader { b, at: 0 };
    let doc = r.s()?;
    let made = from_day(r.opt_i()?);
    let sentence = r.u()? as usize;
    let text = r.s()?;
    let span = r.span()?;
    let mut sides = [Vec::new(), Vec::new()];
    for v in sides.iter_mut() {
        let n = r.len()?;
        v.reserve_exact(n);
        for _ in 0..n {
            v.push(Actor {
                code: r.opt_s()?,
                country: r.opt_s()?,
                text: r.s()?,
                span: match r.byte()? {
                    0 => None,
                    _ => Some(r.span()?),
                },
            });
        }
    }
    let [actors, counterparts] = sides;
    let cue = r.s()?;
    let cue_span = r.span()?;
    let cue_kind = r.s()?;
    let rule = r.s()?;
    let action = r.s()?;
    let action_span = r.span()?;
    let verb = r.opt_s()?;
    let cameo = r.opt_s()?;
    let acts = r.strs()?;
    let target = match r.byte()? {
        0 => None,
        _ => Some(TargetFigure {
            measure: r.opt_s()?,
            value: f64::from_bits(r.u()?),
            unit: r.s()?,
            floor: r.byte()? != 0,
            text: r.s()?,
            span: r.span()?,
        }),
    };
    let due = match r.byte()? {
        0 => None,
        _ => {
            let iso = r.s()?;
            let k = r.u()? as usize;
            Some(Due {
                iso,
                relation: RELATIONS
                    .get(k)
                    .copied()
                    .with_context(|| format!("unknown due relation {k}"))?,
                start: from_day(Some(r.i()?)).context("a due date out of range")?,
                end: from_day(Some(r.i()?)).context("a due date out of range")?,
                span: r.span()?,
            })
        }
    };
    let specific = r.byte()? != 0;
    let scope_rule = r.s()?;
    let why = r.strs()?;
    if r.at != b.len() {
        bail!("a kept commitment with {} bytes too many", b.len() - r.at);
    }
    Ok(Commitment {
        doc,
        made,
        sentence,
        text,
        span,
        actors,
        counterparts,
        cue,
        cue_span,
        cue_kind,
        rule,
        action,
        action_span,
        verb,
        cameo,
        acts,
        target,
        due,
        specific,
        scope_rule,
        why,
    })
}

/// An event as it waits in the spool, in the form of [`keep`]; read back
/// by [`unkeep_event`].
fn keep_event(e: &EventFact, out: &mut Vec<u8>) {
    // every field by name, as in `keep`
    let EventFact {
        doc,
        sentence,
        text,
        span,
        source_code,
        source_country,
        target_code,
        target_country,
        cameo,
        modality,
        date,
        doc_date,
    } = e;
    let mut w = KeptWriter(out);
    w.s(doc);
    w.u(*sentence as u64);
    w.s(text);
    w.span(*span);
    w.s(source_code);
    w.opt_s(source_country.as_deref());
    w.opt_s(target_code.as_deref());
    w.opt_s(target_country.as_deref());
    w.s(cameo);
    w.s(modality);
    w.opt_s(date.as_deref());
    w.opt_i(doc_date.map(day));
}

/// The event [`keep_event`] wrote.
fn unkeep_event(b: &[u8]) -> Result<EventFact> {
    let mut r = KeptReader { b, at: 0 };
    let e = EventFact {
        doc: r.s()?,
        sentence: r.u()? as usize,
        text: r.s()?,
        span: r.span()?,
        source_code: r.s()?,
        source_country: r.opt_s()?,
        target_code: r.opt_s()?,
        target_country: r.opt_s()?,
        cameo: r.s()?,
        modality: r.s()?,
        date: r.opt_s()?,
        doc_date: from_day(r.opt_i()?),
    };
    r.end()?;
    Ok(e)
}

/// A figure as it waits in the spool, in the form of [`keep`]; read back
/// by [`unkeep_claim`].
fn keep_claim(c: &Claim, out: &mut Vec<u8>) {
    let Claim {
        doc,
        sentence,
        text,
        span,
        measure,
        actors,
        period,
        period_start,
        period_end,
        value,
        unit,
        doc_date,
        figure,
        figure_span,
    } = c;
    let mut w = KeptWriter(out);
    w.s(doc);
    w.u(*sentence as u64);
    w.s(text);
    w.span(*span);
    w.s(measure);
    w.strs(actors);
    w.s(period);
    w.i(day(*period_start));
    w.i(day(*period_end));
    w.u(value.to_bits());
    w.s(unit);
    w.opt_i(doc_date.map(day));
    w.s(figure);
    w.span(*figure_span);
}

/// The figure [`keep_claim`] wrote.
fn unkeep_claim(b: &[u8]) -> Result<Claim> {
    let mut r = KeptReader { b, at: 0 };
    let c = Claim {
        doc: r.s()?,
        sentence: r.u()? as usize,
        text: r.s()?,
        span: r.span()?,
        measure: r.s()?,
        actors: r.strs()?,
        period: r.s()?,
        period_start: from_day(Some(r.i()?)).context("a stored period without a start")?,
        period_end: from_day(Some(r.i()?)).context("a stored period without an end")?,
        value: f64::from_bits(r.u()?),
        unit: r.s()?,
        doc_date: from_day(r.opt_i()?),
        figure: r.s()?,
        figure_span: r.span()?,
    };
    r.end()?;
    Ok(c)
}

/// The relations a due date can have (`Due::relation` is static text).
const RELATIONS: &[&str] = &["before", "at"];

struct KeptWriter<'a>(&'a mut Vec<u8>);

impl KeptWriter<'_> {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }
    /// LEB128 (lengths, positions and days take one to three bytes, not
    /// eight).
    fn u(&mut self, v: u64) {
        dyad_lexicon::put_leb128(self.0, v);
    }
    fn i(&mut self, v: i64) {
        self.u(v as u64);
    }
    fn opt_i(&mut self, v: Option<i64>) {
        match v {
            None => self.byte(0),
            Some(v) => {
                self.byte(1);
                self.i(v);
            }
        }
    }
    fn s(&mut self, s: &str) {
        self.u(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_s(&mut self, s: Option<&str>) {
        match s {
            None => self.byte(0),
            Some(s) => {
                self.byte(1);
                self.s(s);
            }
        }
    }
    fn strs(&mut self, v: &[String]) {
        self.u(v.len() as u64);
        for s in v {
            self.s(s);
        }
    }
    fn span(&mut self, s: Span) {
        self.u(s.start as u64);
        self.u(s.end as u64);
    }
}

struct KeptReader<'a> {
    b: &'a [u8],
    at: usize,
}

impl KeptReader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8]> {
        let end = self
            .at
            .checked_add(n)
            .context("a kept commitment cut short")?;
        let s = self
            .b
            .get(self.at..end)
            .context("a kept commitment cut short")?;
        self.at = end;
        Ok(s)
    }
    fn byte(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u(&mut self) -> Result<u64> {
        dyad_lexicon::get_leb128(self.b, &mut self.at)
            .context("a kept commitment cut short (or a number longer than ten bytes)")
    }
    fn i(&mut self) -> Result<i64> {
        Ok(self.u()? as i64)
    }
    fn len(&mut self) -> Result<usize> {
        let n = self.u()? as usize;
        // each element takes a byte at least
        if n > self.b.len() - self.at {
            bail!("a kept commitment cut short");
        }
        Ok(n)
    }
    fn opt_i(&mut self) -> Result<Option<i64>> {
        Ok(match self.byte()? {
            0 => None,
            _ => Some(self.i()?),
        })
    }
    fn s(&mut self) -> Result<String> {
        let n = self.len()?;
        let b = self.take(n)?;
        Ok(std::str::from_utf8(b)
            .context("a kept commitment with text that is not UTF-8")?
            .to_string())
    }
    fn opt_s(&mut self) -> Result<Option<String>> {
        Ok(match self.byte()? {
            0 => None,
            _ => Some(self.s()?),
        })
    }
    fn strs(&mut self) -> Result<Vec<String>> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.s()?);
        }
        Ok(v)
    }
    fn span(&mut self) -> Result<Span> {
        let a = self.u()? as usize;
        let b = self.u()? as usize;
        Ok(Span::new(a, b))
    }
    fn end(&self) -> Result<()> {
        if self.at != self.b.len() {
            bail!(
                "a kept record with {} bytes too many",
                self.b.len() - self.at
            );
        }
        Ok(())
    }
}

/// Writes commitment records as JSON Lines.
pub fn write_records(out: &mut dyn Write, items: &[(Commitment, Outcome)]) -> Result<()> {
    let mut buf = Vec::with_capacity(4096);
    for (c, o) in items {
        // the borrowed view, not a JSON tree: same fields, same bytes
        buf.clear();
        commitment_view(c, Some(o)).write_json(&mut buf);
        buf.push(b'\n');
        out.write_all(&buf)?;
    }
    Ok(())
}

/// Options of `dyad commitments`.
pub struct Options {
    pub as_of: Option<NaiveDate>,
    pub sample: bool,
    pub json: bool,
    pub specific_only: bool,
    pub genre: Genre,
}

/// `dyad commitments PATH... [--as-of DATE] [--sample] [--json]`.
pub fn run(
    lex: &Lexicon,
    tagger: &Tagger,
    cues: &Cues,
    paths: &[PathBuf],
    read: &ReadOptions,
    o: &Options,
) -> Result<i32> {
    let mut failures = 0;
    let docs = crate::read_inputs(paths, read, &mut failures);
    let reference = Reference::builtin();
    let coder = Coder::new(lex, tagger);
    let col = Collector::new(lex, tagger, &reference, cues).with_genre(o.genre);
    // the samples are evidence of what happened later; their own promises
    // are listed only when no file is given
    let samples = if o.sample {
        crate::samples::docs()
    } else {
        Vec::new()
    };
    let list_samples = docs.is_empty();
    for d in &samples {
        col.add(d, &coder.code(d), list_samples);
    }
    for d in &docs {
        col.add(d, &coder.code(d), true);
    }
    let (mut items, as_of) = col.finish(o.as_of)?;
    if o.specific_only {
        items.retain(|(c, _)| c.specific);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if o.json {
        write_records(&mut out, &items)?;
    } else {
        print_table(&mut out, &items, as_of)?;
    }
    out.flush()?;
    Ok(if failures > 0 { 1 } else { 0 })
}

fn actors(v: &[dyad_commit::Actor]) -> String {
    let s: Vec<&str> = v
        .iter()
        .map(|a| a.code.as_deref().unwrap_or(a.text.as_str()))
        .collect();
    if s.is_empty() {
        "?".into()
    } else {
        s.join("+")
    }
}

fn print_table(
    out: &mut dyn Write,
    items: &[(Commitment, Outcome)],
    as_of: Option<NaiveDate>,
) -> Result<()> {
    let count = |s: Status| items.iter().filter(|(_, o)| o.status == s).count();
    writeln!(
        out,
        "{} commitments ({} specific) as of {}: {} kept, {} broken, {} overdue, {} open",
        items.len(),
        items.iter().filter(|(c, _)| c.specific).count(),
        as_of.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
        count(Status::Kept),
        count(Status::Broken),
        count(Status::Overdue),
        count(Status::Open)
    )?;
    for (c, o) in items {
        writeln!(out)?;
        writeln!(
            out,
            "{} #{}  {}  {}  due {}  made {}",
            c.doc,
            c.sentence,
            o.status.as_str().to_uppercase(),
            if c.specific { "specific" } else { "broad" },
            c.due
                .as_ref()
                .map(|d| format!("{} ({})", d.iso, d.relation))
                .unwrap_or_else(|| "-".into()),
            c.made.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
        )?;
        writeln!(out, "  \"{}\"", c.text.trim())?;
        let mut act = format!("  {} -> {}", actors(&c.actors), actors(&c.counterparts));
        if let Some(code) = &c.cameo {
            act.push_str(&format!(
                " · CAMEO {code} (kept by {})",
                if c.acts.is_empty() {
                    "-".to_string()
                } else {
                    c.acts.join("/")
                }
            ));
        }
        if let Some(t) = &c.target {
            act.push_str(&format!(
                " · target {} {} {} \"{}\"",
                t.measure.as_deref().unwrap_or("?"),
                if t.floor { ">=" } else { "<=" },
                t.unit,
                t.text
            ));
        }
        writeln!(out, "{act}")?;
        writeln!(out, "  cue \"{}\" ({}) · {}", c.cue, c.rule, c.scope_rule)?;
        writeln!(out, "  {}", o.rule)?;
        for e in &o.evidence {
            writeln!(
                out,
                "    evidence: {} #{} [{}] {}: \"{}\"",
                e.doc,
                e.sentence,
                e.date.as_deref().unwrap_or("-"),
                e.detail,
                e.text.trim()
            )?;
        }
    }
    Ok(())
}

/// The cue lists for a lexicon choice: `commitment/*.cue` of `--lexicon` or
/// `--lexicon-extra` laid over the built-in ones.
pub fn load_cues(args: &crate::LexArgs) -> Result<&'static Cues> {
    let dir = args.lexicon.as_ref().or(args.lexicon_extra.as_ref());
    if let Some(d) = dir {
        match Cues::overlay_dir(d) {
            Ok(Some(c)) => return Ok(Box::leak(Box::new(c))),
            Ok(None) => {}
            Err(errs) => anyhow::bail!(
                "{}",
                errs.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
    }
    Ok(Cues::builtin())
}

/// `dyad lexicon check`: the commitment cue lists of a folder (or the
/// built-in ones). Prints a summary or the errors; true when valid.
pub fn check_cues(dir: Option<&std::path::Path>, name: &str) -> bool {
    let res = match dir {
        Some(d) => Cues::overlay_dir(d).map(|c| c.map(|c| (c.files.len(), c.phrases()))),
        None => {
            let files: Vec<(String, String)> = dyad_commit::cues::BUILTIN
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect();
            Cues::from_files(&files).map(|c| Some((c.files.len(), c.phrases())))
        }
    };
    let model = match dir {
        Some(d) => Cues::overlay_dir(d).ok().flatten().and_then(|c| {
            c.pledge
                .map(|m| (m.origin.clone(), m.weights.len(), m.threshold))
        }),
        None => Cues::builtin()
            .pledge_model()
            .map(|m| (m.origin.clone(), m.weights.len(), m.threshold)),
    };
    match res {
        Ok(Some((files, phrases))) => {
            println!("{name}: commitment cues ok ({files} files, {phrases} phrases)");
            if let Some((origin, n, t)) = model {
                println!("{name}: pledge model ok ({origin}: {n} weights, threshold {t})");
            }
            true
        }
        Ok(None) => true,
        Err(errs) => {
            for e in errs {
                eprintln!("{e}");
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_commit::commitment_record;

    fn ymd(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn actor(c: &str) -> Actor {
        Actor {
            code: Some(format!("{c}GOV")),
            country: Some(c.to_string()),
            text: c.to_string(),
            span: Some(Span::new(1, 4)),
        }
    }

    struct C<'a> {
        doc: &'a str,
        made: Option<&'a str>,
        sentence: usize,
        actors: &'a [&'a str],
        counterparts: &'a [&'a str],
        acts: &'a [&'a str],
        due: Option<(&'a str, &'static str, &'a str, &'a str)>,
        target: Option<(&'a str, f64, &'a str, bool)>,
        specific: bool,
    }

    fn commitment(c: C) -> Commitment {
        Commitment {
            doc: c.doc.into(),
            made: c.made.map(ymd),
            sentence: c.sentence,
            text: format!("{} promised", c.doc),
            span: Span::new(0, 12),
            actors: c.actors.iter().map(|a| actor(a)).collect(),
            counterparts: c.counterparts.iter().map(|a| actor(a)).collect(),
            cue: "will".into(),
            cue_span: Span::new(5, 9),
            cue_kind: "will".into(),
            rule: "commitment/cues.cue:1".into(),
            action: "come".into(),
            action_span: Span::new(10, 14),
            verb: Some("come".into()),
            cameo: c.acts.first().map(|a| format!("03{a}")),
            acts: c.acts.iter().map(|a| a.to_string()).collect(),
            target: c.target.map(|(m, v, u, floor)| TargetFigure {
                measure: Some(m.into()),
                value: v,
                unit: u.into(),
                floor,
                text: "a figure".into(),
                span: Span::new(20, 28),
            }),
            due: c.due.map(|(iso, relation, a, b)| Due {
                iso: iso.into(),
                relation,
                start: ymd(a),
                end: ymd(b),
                span: Span::new(30, 40),
            }),
            specific: c.specific,
            scope_rule: "a specific act".into(),
            why: vec!["made up for a test".into()],
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        doc: &str,
        doc_date: &str,
        sentence: usize,
        at: usize,
        src: &str,
        tgt: &str,
        cameo: &str,
        modality: &str,
        date: &str,
    ) -> EventFact {
        EventFact {
            doc: doc.into(),
            sentence,
            text: format!("{doc} sentence {sentence}"),
            span: Span::new(at, at + 30),
            source_code: format!("{src}GOV"),
            source_country: Some(src.into()),
            target_code: Some(tgt.into()),
            target_country: Some(tgt.into()),
            cameo: cameo.into(),
            modality: modality.into(),
            date: Some(date.into()),
            doc_date: Some(ymd(doc_date)),
        }
    }

    fn claim(
        doc: &str,
        doc_date: &str,
        sentence: usize,
        measure: &str,
        period: (&str, &str, &str),
        value: f64,
    ) -> Claim {
        Claim {
            doc: doc.into(),
            sentence,
            text: format!("{doc} figure {sentence}"),
            span: Span::new(0, 40),
            measure: measure.into(),
            actors: vec!["CHN".into(), "RUS".into()],
            period: period.0.into(),
            period_start: ymd(period.1),
            period_end: ymd(period.2),
            value,
            unit: "USD".into(),
            doc_date: Some(ymd(doc_date)),
            figure: "a figure".into(),
            figure_span: Span::new(3, 11),
        }
    }

    /// Resolution as it was before the spool: every commitment against all
    /// the evidence, both sorted.
    fn over_everything(
        mut cms: Vec<Commitment>,
        mut evs: Vec<EventFact>,
        mut cls: Vec<Claim>,
        as_of: Option<NaiveDate>,
    ) -> Vec<String> {
        dyad_commit::resolve::canonical_order(&mut cms, &mut evs, &mut cls);
        let outcomes = resolve(&cms, &evs, &cls, as_of);
        cms.iter()
            .zip(&outcomes)
            .map(|(c, o)| commitment_record(c, Some(o)).to_string())
            .collect()
    }

    fn case() -> (Vec<Commitment>, Vec<EventFact>, Vec<Claim>) {
        let cms = vec![
            // a visit due in February, between CHN and RUS
            commitment(C {
                doc: "a",
                made: Some("2022-01-10"),
                sentence: 3,
                actors: &["RUS"],
                counterparts: &["CHN"],
                acts: &["04"],
                due: Some(("2022-02", "at", "2022-02-01", "2022-02-28")),
                target: None,
                specific: true,
            }),
            // a joint promise with an act shorter than a root
            commitment(C {
                doc: "a",
                made: Some("2022-01-10"),
                sentence: 1,
                actors: &["CHN", "RUS", "IND"],
                counterparts: &[],
                acts: &["0"],
                due: None,
                target: None,
                specific: true,
            }),
            // a trade target by 2024
            commitment(C {
                doc: "b",
                made: Some("2021-06-01"),
                sentence: 0,
                actors: &["CHN", "RUS"],
                counterparts: &[],
                acts: &[],
                due: Some(("2024", "before", "2024-01-01", "2024-12-31")),
                target: Some(("trade", 200e9, "USD", true)),
                specific: true,
            }),
            // a cut that falls short, and one broken by a negated event
            commitment(C {
                doc: "b",
                made: Some("2021-06-01"),
                sentence: 2,
                actors: &["CHN", "RUS"],
                counterparts: &[],
                acts: &[],
                due: Some(("2023", "before", "2023-01-01", "2023-12-31")),
                target: Some(("trade", 100e9, "USD", false)),
                specific: true,
            }),
            commitment(C {
                doc: "c",
                made: Some("2022-03-01"),
                sentence: 0,
                actors: &["USA"],
                counterparts: &["IRN"],
                acts: &["111", "12"],
                due: Some(("2022-03", "at", "2022-03-01", "2022-03-31")),
                target: None,
                specific: true,
            }),
            // a counterpart of the same country as the actor
            commitment(C {
                doc: "c",
                made: Some("2022-03-01"),
                sentence: 4,
                actors: &["CHN"],
                counterparts: &["CHN", "USA"],
                acts: &["05"],
                due: None,
                target: None,
                specific: true,
            }),
            // broad, undated, overdue
            commitment(C {
                doc: "d",
                made: Some("2022-01-01"),
                sentence: 0,
                actors: &["CHN", "RUS"],
                counterparts: &[],
                acts: &["04"],
                due: Some(("2022", "at", "2022-01-01", "2022-12-31")),
                target: None,
                specific: false,
            }),
            commitment(C {
                doc: "e",
                made: None,
                sentence: 0,
                actors: &["CHN"],
                counterparts: &["RUS"],
                acts: &["04"],
                due: None,
                target: None,
                specific: true,
            }),
            commitment(C {
                doc: "f",
                made: Some("2020-01-01"),
                sentence: 0,
                actors: &["FRA"],
                counterparts: &["DEU"],
                acts: &["04"],
                due: Some(("2020-06", "at", "2020-06-01", "2020-06-30")),
                target: None,
                specific: true,
            }),
        ];
        let evs = vec![
            // the same sentence reported as done and as not done: the
            // first in order decides
            event(
                "g",
                "2022-02-06",
                5,
                100,
                "RUS",
                "CHN",
                "042",
                "negated",
                "2022-02-04",
            ),
            event(
                "g",
                "2022-02-06",
                5,
                100,
                "RUS",
                "CHN",
                "040",
                "asserted",
                "2022-02-04",
            ),
            event(
                "g",
                "2022-02-06",
                7,
                10,
                "CHN",
                "RUS",
                "043",
                "asserted",
                "2022-02-05",
            ),
            // in the commitment's own document, or reported before it
            event(
                "a",
                "2022-01-10",
                9,
                0,
                "CHN",
                "RUS",
                "042",
                "asserted",
                "2022-02-04",
            ),
            event(
                "h",
                "2022-01-09",
                0,
                0,
                "CHN",
                "RUS",
                "042",
                "asserted",
                "2022-01-08",
            ),
            // outside the window; a reversed interval
            event(
                "i",
                "2022-05-01",
                0,
                0,
                "CHN",
                "RUS",
                "042",
                "asserted",
                "2022-04-01",
            ),
            event(
                "j",
                "2022-03-05",
                1,
                0,
                "CHN",
                "RUS",
                "042",
                "reported",
                "2022-02-20/2022-02-10",
            ),
            // joint actors meeting each other, under any root
            event(
                "k",
                "2022-02-01",
                0,
                0,
                "IND",
                "CHN",
                "036",
                "asserted",
                "2022-01-30",
            ),
            event(
                "k",
                "2022-02-01",
                1,
                0,
                "IND",
                "IND",
                "036",
                "asserted",
                "2022-01-30",
            ),
            // a negated sanction, and one between other countries
            event(
                "l",
                "2022-03-20",
                2,
                0,
                "USA",
                "IRN",
                "1212",
                "negated",
                "2022-03-15",
            ),
            event(
                "l",
                "2022-03-20",
                3,
                0,
                "USA",
                "IRQ",
                "1212",
                "asserted",
                "2022-03-15",
            ),
            // the actor with itself
            event(
                "m",
                "2022-03-10",
                0,
                0,
                "CHN",
                "CHN",
                "051",
                "asserted",
                "2022-03-09",
            ),
            event(
                "n",
                "2022-03-10",
                0,
                0,
                "USA",
                "CHN",
                "057",
                "asserted",
                "2022-03",
            ),
        ];
        let cls = vec![
            claim(
                "o",
                "2024-01-12",
                4,
                "trade",
                ("2023", "2023-01-01", "2023-12-31"),
                240e9,
            ),
            claim(
                "o",
                "2024-01-12",
                6,
                "trade",
                ("2022", "2022-01-01", "2022-12-31"),
                190e9,
            ),
            claim(
                "p",
                "2023-02-01",
                0,
                "exports",
                ("2022", "2022-01-01", "2022-12-31"),
                300e9,
            ),
            claim(
                "q",
                "2024-02-01",
                1,
                "trade",
                ("2023-12/2023-01", "2023-12-01", "2023-01-31"),
                250e9,
            ),
        ];
        (cms, evs, cls)
    }

    fn through_the_spool(spool: Spool, as_of: Option<NaiveDate>) -> Vec<String> {
        let (cms, evs, cls) = case();
        let mut spool = spool;
        // added in another order than the output's, one document at a time
        for c in cms.iter().rev() {
            spool.add(c.made, vec![c.clone()], Vec::new(), Vec::new());
        }
        for e in evs.iter().rev() {
            spool.add(e.doc_date, Vec::new(), vec![e.clone()], Vec::new());
        }
        for c in cls.iter().rev() {
            spool.add(c.doc_date, Vec::new(), Vec::new(), vec![c.clone()]);
        }
        let mut out = Vec::new();
        spool
            .resolve_each(as_of, |c, o| {
                out.push(commitment_record(&c, Some(&o)).to_string());
                Ok(())
            })
            .unwrap();
        out
    }

    #[test]
    fn the_spool_resolves_as_resolution_over_all_the_evidence() {
        let (cms, evs, cls) = case();
        let latest = [ymd("2024-02-01")];
        for as_of in [None, Some(ymd("2022-02-15")), Some(ymd("2030-01-01"))] {
            let want = over_everything(
                cms.clone(),
                evs.clone(),
                cls.clone(),
                as_of.or(latest.first().copied()),
            );
            // held in memory, written to the database from the start, and
            // held until the budget is passed half way through
            let spools = [
                Spool::memory().unwrap(),
                Spool::temp_file().unwrap(),
                Spool::memory().unwrap().with_budget(0),
                Spool::temp_file().unwrap().with_budget(0),
                Spool::temp_file().unwrap().with_budget({
                    let (cms, evs, cls) = case();
                    held_size(&cms, &evs, &cls) / 2
                }),
            ];
            for spool in spools {
                let got = through_the_spool(spool, as_of);
                assert_eq!(got.len(), want.len());
                for (g, w) in got.iter().zip(&want) {
                    assert_eq!(g, w);
                }
            }
        }
        // the case reaches every outcome, through the paths the index
        // takes (no root, a reversed interval, an actor with itself)
        let got = through_the_spool(Spool::memory().unwrap(), None);
        let status: Vec<serde_json::Value> = got
            .iter()
            .map(|s| serde_json::from_str::<serde_json::Value>(s).unwrap())
            .collect();
        let of = |doc: &str, sentence: u64| {
            status
                .iter()
                .find(|r| r["doc"] == doc && r["sentence"] == sentence)
                .unwrap()
                .clone()
        };
        // the asserted 040 sorts before the negated 042 of the same
        // sentence, so that sentence counts as kept
        let visit = of("a", 3);
        assert_eq!(visit["status"], "kept", "{visit:#}");
        let docs: Vec<&str> = visit["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["doc"].as_str().unwrap())
            .collect();
        assert_eq!(docs, ["g", "g", "j"], "{visit:#}");
        assert_eq!(of("a", 1)["status"], "kept");
        assert_eq!(of("a", 1)["evidence"][0]["doc"], "g");
        let trade = of("b", 0);
        assert_eq!(trade["status"], "kept");
        // the 2022 figure is too low, the reversed period is found
        assert_eq!(trade["evidence"][0]["doc"], "o", "{trade:#}");
        assert_eq!(trade["evidence"][1]["doc"], "q", "{trade:#}");
        assert_eq!(of("b", 2)["status"], "broken");
        assert_eq!(of("c", 0)["status"], "broken");
        assert_eq!(of("c", 4)["status"], "kept");
        assert_eq!(of("d", 0)["status"], "open");
        assert_eq!(of("f", 0)["status"], "overdue");
        assert_eq!(of("e", 0)["status"], "open");
        // output order: by date made (none first), document, sentence
        let order: Vec<(String, u64)> = status
            .iter()
            .map(|r| {
                (
                    r["doc"].as_str().unwrap().to_string(),
                    r["sentence"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(order[0], ("e".to_string(), 0));
        assert_eq!(order[1], ("f".to_string(), 0));
        assert_eq!(order[2..4], [("b".to_string(), 0), ("b".to_string(), 2)]);
    }

    #[test]
    fn a_kept_commitment_comes_back_whole() {
        let (cms, _, _) = case();
        for c in &cms {
            let mut b = Vec::new();
            keep(c, &mut b).unwrap();
            let back = unkeep(&b).unwrap();
            // anything cut short is refused, not misread
            for n in 0..b.len() {
                assert!(unkeep(&b[..n]).is_err());
            }
            assert_eq!(
                commitment_record(&back, None),
                commitment_record(c, None),
                "{c:?}"
            );
            assert_eq!(format!("{back:?}"), format!("{c:?}"));
        }
    }

    #[test]
    fn kept_events_and_figures_come_back_whole() {
        let (_, evs, cls) = case();
        assert!(!evs.is_empty() && !cls.is_empty());
        for e in &evs {
            let mut b = Vec::new();
            keep_event(e, &mut b);
            assert_eq!(format!("{:?}", unkeep_event(&b).unwrap()), format!("{e:?}"));
            for n in 0..b.len() {
                assert!(unkeep_event(&b[..n]).is_err());
            }
        }
        for c in &cls {
            let mut b = Vec::new();
            keep_claim(c, &mut b);
            let back = unkeep_claim(&b).unwrap();
            assert_eq!(format!("{back:?}"), format!("{c:?}"));
            assert_eq!(back.value.to_bits(), c.value.to_bits());
            for n in 0..b.len() {
                assert!(unkeep_claim(&b[..n]).is_err());
            }
        }
    }

    fn spool_files() -> usize {
        let me = format!("dyad-commitments-{}-", std::process::id());
        std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().starts_with(&me))
            })
            .count()
    }

    #[test]
    fn the_temporary_file_is_gone_at_once_and_spills_beyond_its_cache() {
        // a cache of 256 KiB, and several MB of evidence: pages go to the
        // unlinked file and come back
        let mut spool = Spool::temp_file_with_cache(256).unwrap().with_budget(0);
        #[cfg(unix)]
        assert!(spool.path.is_none());
        let (cms, evs, _) = case();
        spool.add(cms[0].made, cms[..1].to_vec(), Vec::new(), Vec::new());
        let mut kept = 0;
        for i in 0..5_000 {
            let mut e = evs[2].clone();
            e.doc = format!("copy{i:05}");
            e.text = format!("{} {}", e.text, "padding ".repeat(100));
            spool.add(e.doc_date, Vec::new(), vec![e], Vec::new());
            kept += 1;
        }
        let mut evidence = 0;
        spool
            .resolve_each(None, |_, o| {
                evidence = o.evidence.len();
                Ok(())
            })
            .unwrap();
        assert_eq!(evidence, kept);
        #[cfg(unix)]
        assert_eq!(spool_files(), 0);
    }

    #[test]
    fn a_spool_holds_its_rows_until_its_budget_is_passed() {
        let (cms, evs, cls) = case();
        let all = held_size(&cms, &evs, &cls);
        let mut held = Spool::memory().unwrap();
        let mut spilled = Spool::memory().unwrap().with_budget(all / 2);
        for spool in [&mut held, &mut spilled] {
            spool.add(None, cms.clone(), evs.clone(), cls.clone());
        }
        assert!(held.held.as_ref().is_some_and(|h| h.bytes == all));
        assert!(spilled.held.is_none());
        let rows: i64 = spilled
            .conn
            .as_ref()
            .unwrap()
            .query_row(
                "SELECT (SELECT count(*) FROM cm) + (SELECT count(*) FROM ev) + (SELECT count(*) FROM cl)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(rows, spilled.seq);
        assert_eq!(held.seq, spilled.seq);
    }

    #[test]
    fn a_failure_to_keep_is_reported_at_the_end() {
        let spool = Spool::broken("disk full".into());
        let e = spool.resolve_each(None, |_, _| Ok(())).unwrap_err();
        assert!(format!("{e:#}").contains("disk full"), "{e:#}");
    }
}
