//! The store: coded documents in an embedded SQLite database.
//!
//! # Design
//!
//! - **One file, WAL, numbered migrations.** `migrations/NNNN_*.sql` are
//!   embedded with `include_str!`; `PRAGMA user_version` is the last one
//!   applied and `PRAGMA application_id` marks the file as dyad's, so a
//!   foreign database or a newer schema is refused before anything is
//!   written (see [`db`]).
//! - **Documents are versioned, rows are never edited in place.** A
//!   document is keyed by its id (the record contract's `doc`) and a content
//!   hash. Ingesting the same bytes again is a no-op; changed bytes add a
//!   new version and mark the old one and its rows `current = 0`, so history
//!   is kept and every query reads `current = 1`.
//! - **Whole documents per transaction.** Ingest codes a batch of documents
//!   outside any transaction, then writes the batch in one `BEGIN IMMEDIATE`
//!   transaction; a process killed at any point leaves whole documents only,
//!   and a rerun skips what was stored (its hash matches) and does the rest.
//! - **Rows keep the record as produced.** Events, claims and commitments
//!   store the contract fields as columns (for filters and indexes) and the
//!   JSON record itself, so output is exactly what `dyad code` wrote and
//!   fields added later need no migration.
//! - **The pair series is pre-aggregated.** `pair_counts` (direction,
//!   month, quad class, modality -> count, Goldstein sum) is updated in the
//!   same transaction as the events, so `dyad dyad` reads a few hundred rows
//!   whatever the size of the store. `actor_pair_counts` (source and
//!   target code and country -> count, undated events too) is kept by
//!   triggers on `events`, so the count of an actor filter (the API's
//!   total before a page) is a sum over a few thousand rows.
//! - **Recode reads the stored original bytes**, re-parses them in the
//!   stored format, and replaces the events of each document in one
//!   transaction, reporting what was added, removed or recoded.

pub mod checks;
pub mod db;
mod query;
mod series;

pub use checks::{CheckOptions, ClaimSide, Conflict, RefFinding, Report, Resolved};
pub use db::{schema_version, Error, ErrorKind, Mode, Result};
pub use query::{Filter, Kind, Row};
pub use series::{ActorCount, By, Cell, PairCount, Series, SeriesRow};

use dyad_code::{event_record, Coded, Coder};
use dyad_text::{Doc, Format, Span};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// An open store.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
}

/// What an ingest did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestStats {
    /// Documents offered.
    pub seen: usize,
    /// New documents stored.
    pub added: usize,
    /// Documents whose content changed: stored as a new version.
    pub replaced: usize,
    /// Documents already stored with the same content: skipped.
    pub unchanged: usize,
    /// Unchanged documents whose events came from another lexicon version.
    pub other_lexicon: usize,
    pub sentences: usize,
    pub events: usize,
    pub records: usize,
    pub batches: usize,
}

/// What a recode changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RecodeStats {
    pub documents: usize,
    pub changed_documents: usize,
    pub added: usize,
    pub removed: usize,
    pub recoded: usize,
    pub unchanged: usize,
    /// Claim and commitment records that are new, or gone, after recoding
    /// (a changed record counts once in each).
    pub other_added: usize,
    pub other_removed: usize,
}

/// Progress of a long run: documents done out of a total.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Counts of what a store holds (current versions).
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub documents: i64,
    pub versions: i64,
    pub sentences: i64,
    pub events: i64,
    pub claims: i64,
    pub commitments: i64,
    pub lexicons: Vec<(String, i64)>,
}

/// Options for ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Documents per transaction.
    pub batch: usize,
    /// Threads that code documents (the writer is the calling thread).
    pub threads: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch: 200,
            threads: 1,
        }
    }
}

/// A 128-bit FNV-1a hash, hex: enough to tell whether bytes changed.
pub fn content_hash(parts: &[&[u8]]) -> String {
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for p in parts {
        // length-prefixed, so ("ab","c") and ("a","bc") differ
        for b in (p.len() as u64).to_le_bytes().iter().chain(p.iter()) {
            h ^= *b as u128;
            h = h.wrapping_mul(PRIME);
        }
    }
    format!("{h:032x}")
}

/// The format a document was read in, as far as re-reading needs it: plain
/// text and JSON Lines documents have `text == original`.
fn format_of(doc: &Doc) -> Format {
    if !doc.is_mapped() {
        return Format::Text;
    }
    if let Some(f) = Format::from_path(Path::new(&doc.id)) {
        if matches!(f, Format::Markdown | Format::Html) {
            return f;
        }
    }
    // Forced format or an id without an extension: find the one that
    // gives the same text back.
    for f in [Format::Html, Format::Markdown] {
        if Doc::parse("", doc.original.as_str(), f, None).text == doc.text {
            return f;
        }
    }
    Format::Html
}

fn doc_hash(doc: &Doc, format: Format) -> String {
    let date = doc.date.map(|d| d.to_string()).unwrap_or_default();
    content_hash(&[
        format.name().as_bytes(),
        date.as_bytes(),
        doc.source.as_deref().unwrap_or("").as_bytes(),
        doc.url.as_deref().unwrap_or("").as_bytes(),
        doc.title.as_deref().unwrap_or("").as_bytes(),
        doc.original.as_bytes(),
    ])
}

pub(crate) fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// The first day a record date can mean: `2021` -> `2021-01-01`,
/// `2021-07/2021-12` -> `2021-07-01`. `None` if it is not a date.
pub fn date_start(date: &str) -> Option<String> {
    let d = date.split('/').next()?.trim();
    let ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match d.len() {
        4 if ok(d) => Some(format!("{d}-01-01")),
        7 if ok(&d[..4]) && ok(&d[5..7]) && &d[4..5] == "-" => Some(format!("{d}-01")),
        n if n >= 10 && dyad_code::parse_date(d).is_some() => Some(d[..10].to_string()),
        _ => None,
    }
}

/// The period a record date is counted in: `YYYY-MM`, or `YYYY` when only
/// the year is known (an interval counts at its start).
pub fn date_period(date: &str) -> Option<String> {
    let s = date_start(date)?;
    let d = date.split('/').next().unwrap_or("").trim();
    Some(if d.len() == 4 {
        s[..4].to_string()
    } else {
        s[..7].to_string()
    })
}

fn span_of(v: &Value) -> (Option<i64>, Option<i64>) {
    (
        v.get(0).and_then(Value::as_i64),
        v.get(1).and_then(Value::as_i64),
    )
}

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string)
}

fn json_or_null(v: Option<&Value>) -> Option<String> {
    v.filter(|x| !x.is_null()).map(|x| x.to_string())
}

/// The actor code of a commitment's `actor` field (a string or an object
/// with `code`), with its country when given.
fn actor_of(v: Option<&Value>) -> (Option<String>, Option<String>) {
    match v {
        Some(Value::String(s)) => (Some(s.clone()), None),
        Some(Value::Object(o)) => (
            o.get("code").and_then(Value::as_str).map(str::to_string),
            o.get("country").and_then(Value::as_str).map(str::to_string),
        ),
        _ => (None, None),
    }
}

/// Counts for the pair series not yet written: summed in memory over a
/// batch of documents and written once per key (a batch of short
/// documents repeats a few hundred keys thousands of times).
#[derive(Default)]
struct PairSums(HashMap<PairKey, (i64, f64)>);

/// Source and target country, period, quad class, modality.
type PairKey = (String, String, String, i64, String);

impl PairSums {
    /// Adds one event's counts.
    fn add(&mut self, ev: &EventCols) {
        if let (Some(src), Some(tgt), Some(period), Some(q)) =
            (&ev.src_country, &ev.tgt_country, &ev.period, ev.quad)
        {
            let e = self
                .0
                .entry((
                    src.clone(),
                    tgt.clone(),
                    period.clone(),
                    q,
                    ev.modality.clone(),
                ))
                .or_default();
            e.0 += 1;
            e.1 += ev.goldstein.unwrap_or(0.0);
        }
    }

    /// Writes what was added to `pair_counts` and forgets it.
    fn flush(&mut self, tx: &Transaction) -> rusqlite::Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO pair_counts (src, tgt, period, quad, modality, n, gsum)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT DO UPDATE SET n = n + excluded.n, gsum = gsum + excluded.gsum",
        )?;
        for ((src, tgt, period, q, modality), (n, g)) in self.0.drain() {
            st.execute(params![src, tgt, period, q, modality, n, g])?;
        }
        Ok(())
    }
}

/// The columns of an event record the pair series needs.
struct EventCols {
    src_country: Option<String>,
    tgt_country: Option<String>,
    period: Option<String>,
    quad: Option<i64>,
    goldstein: Option<f64>,
    modality: String,
}

/// Marks a document version's rows as history and takes its events out of
/// the pair series.
fn retire_rows(tx: &Transaction, doc_id: i64) -> rusqlite::Result<()> {
    unbump_doc(tx, doc_id)?;
    for t in ["events", "claims", "commitments"] {
        tx.prepare_cached(&format!(
            "UPDATE {t} SET current = 0 WHERE doc_id = ?1 AND current = 1"
        ))?
        .execute([doc_id])?;
    }
    Ok(())
}

/// Takes a document's current events out of the pair series.
fn unbump_doc(tx: &Transaction, doc_id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE pair_counts SET n = pair_counts.n - x.n, gsum = pair_counts.gsum - x.g
         FROM (SELECT source_country s, target_country t, period p, quad_class q, modality m,
                      count(*) n, total(goldstein) g
               FROM events
               WHERE doc_id = ?1 AND current = 1 AND source_country IS NOT NULL
                 AND target_country IS NOT NULL AND period IS NOT NULL AND quad_class IS NOT NULL
               GROUP BY 1, 2, 3, 4, 5) x
         WHERE src = x.s AND tgt = x.t AND period = x.p AND quad = x.q AND modality = x.m",
    )?
    .execute([doc_id])?;
    tx.prepare_cached("DELETE FROM pair_counts WHERE n <= 0")?
        .execute([])?;
    Ok(())
}

/// Stores one record of the contract (`kind` event, claim or commitment)
/// for a document version. Returns false for an unknown kind.
pub fn insert_record(
    tx: &Transaction,
    doc_id: i64,
    rec: &Value,
    lexicon: &str,
) -> rusqlite::Result<bool> {
    let mut pairs = PairSums::default();
    let known = insert_record_into(tx, doc_id, rec, lexicon, &mut pairs)?;
    pairs.flush(tx)?;
    Ok(known)
}

/// [`insert_record`], with an event's counts for the pair series added to
/// `pairs` (written by the caller before the transaction ends).
fn insert_record_into(
    tx: &Transaction,
    doc_id: i64,
    rec: &Value,
    lexicon: &str,
    pairs: &mut PairSums,
) -> rusqlite::Result<bool> {
    let kind = rec.get("kind").and_then(Value::as_str).unwrap_or("");
    let sentence = rec.get("sentence").and_then(Value::as_i64).unwrap_or(0);
    let (ss, se) = span_of(&rec["span"]);
    let lex = rec
        .get("lexicon")
        .and_then(Value::as_str)
        .unwrap_or(lexicon);
    let json = rec.to_string();
    match kind {
        "event" => {
            let src = &rec["source"];
            let tgt = &rec["target"];
            let (src_s, src_e) = span_of(&src["span"]);
            let (tgt_s, tgt_e) = span_of(&tgt["span"]);
            let (tr_s, tr_e) = span_of(&rec["trigger"]["span"]);
            let date = s(rec, "date");
            let cols = EventCols {
                src_country: s(src, "country"),
                tgt_country: s(tgt, "country"),
                period: date.as_deref().and_then(date_period),
                quad: rec.get("quad_class").and_then(Value::as_i64),
                goldstein: rec.get("goldstein").and_then(Value::as_f64),
                modality: s(rec, "modality").unwrap_or_else(|| "asserted".into()),
            };
            let cameo = s(rec, "cameo").unwrap_or_default();
            let root = s(rec, "root").unwrap_or_else(|| cameo.chars().take(2).collect());
            tx.prepare_cached(
                "INSERT INTO events (doc_id, sentence, sent_start, sent_end,
                   source_code, source_country, source_text, source_start, source_end,
                   target_code, target_country, target_text, target_start, target_end,
                   cameo, root, quad_class, goldstein, plover_event, plover_mode, plover_context,
                   trigger_text, trigger_start, trigger_end, rule, pattern, modality,
                   date, date_basis, date_start, period, lexicon, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                   ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31,
                   ?32, ?33)",
            )?
            .execute(params![
                doc_id,
                sentence,
                ss,
                se,
                s(src, "code").unwrap_or_default(),
                cols.src_country,
                s(src, "text"),
                src_s,
                src_e,
                s(tgt, "code"),
                cols.tgt_country,
                s(tgt, "text"),
                tgt_s,
                tgt_e,
                cameo,
                root,
                cols.quad,
                cols.goldstein,
                s(&rec["plover"], "event"),
                json_or_null(rec["plover"].get("mode")),
                json_or_null(rec["plover"].get("context")),
                s(&rec["trigger"], "text"),
                tr_s,
                tr_e,
                s(rec, "rule"),
                s(rec, "pattern"),
                cols.modality,
                date,
                s(rec, "date_basis"),
                date.as_deref().and_then(date_start),
                cols.period,
                lex,
                json,
            ])?;
            pairs.add(&cols);
        }
        "claim" => {
            let period = rec.get("period").map(|p| match p {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            tx.prepare_cached(
                "INSERT INTO claims (doc_id, sentence, sent_start, sent_end, quantity, value, unit,
                   qualifier, period, actors, checks, date_start, lexicon, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![
                doc_id,
                sentence,
                ss,
                se,
                s(rec, "quantity"),
                rec.get("value").and_then(Value::as_f64),
                s(rec, "unit"),
                s(rec, "qualifier"),
                period.as_deref().filter(|p| *p != "null"),
                json_or_null(rec.get("actors")),
                json_or_null(rec.get("checks")),
                period.as_deref().and_then(date_start),
                lex,
                json,
            ])?;
        }
        "commitment" => {
            let (actor, country) = actor_of(rec.get("actor"));
            let due = s(rec, "due");
            tx.prepare_cached(
                "INSERT INTO commitments (doc_id, sentence, sent_start, sent_end, actor,
                   actor_country, action, due, date_start, status, evidence, lexicon, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                doc_id,
                sentence,
                ss,
                se,
                actor,
                country.or_else(|| actor.as_ref().map(|a| a.chars().take(3).collect())),
                s(rec, "action").or_else(|| json_or_null(rec.get("action"))),
                due,
                due.as_deref().and_then(date_start),
                s(rec, "status"),
                json_or_null(rec.get("evidence")),
                lex,
                json,
            ])?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// A document coded and ready to be written.
pub struct Prepared {
    pub doc: Doc,
    pub format: Format,
    pub hash: String,
    /// Sentence spans in the original bytes.
    pub sentences: Vec<Span>,
    /// Contract records (events, and claims and commitments when an
    /// extractor produced them).
    pub records: Vec<Value>,
}

/// Records a document adds beside its events, given its coding (claims,
/// commitments): see [`Store::ingest_coded`].
pub type ExtraCoded<'a> = dyn Fn(&Doc, &Coded) -> Vec<Value> + Sync + 'a;

/// Codes a document into records.
pub fn prepare(coder: &Coder<'_>, doc: Doc) -> Prepared {
    prepare_with(coder, doc, &|_, _| Vec::new())
}

/// Codes a document into records, and adds `extra`'s records after its
/// events (the document is coded once for both).
pub fn prepare_with(coder: &Coder<'_>, doc: Doc, extra: &ExtraCoded) -> Prepared {
    let format = format_of(&doc);
    let hash = doc_hash(&doc, format);
    let coded = coder.code(&doc);
    let mut records: Vec<Value> = coded
        .events
        .iter()
        .map(|e| event_record(coder.lex, &doc, e))
        .collect();
    records.extend(extra(&doc, &coded));
    let sentences = coded
        .sentences
        .iter()
        .map(|&sp| doc.to_original(sp))
        .collect();
    Prepared {
        doc,
        format,
        hash,
        sentences,
        records,
    }
}

impl Store {
    /// Opens a store (see [`Mode`]); the error names the file.
    pub fn open(path: &Path, mode: Mode) -> Result<Store> {
        let (conn, path) = db::open(path, mode)?;
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for callers with their own SQL.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> Error {
        Error::sql(&self.path, e)
    }

    /// The stored current version of a document: (row id, hash, lexicon).
    fn live(&self, doc: &str) -> Result<Option<(i64, String, String)>> {
        self.conn
            .prepare_cached(
                "SELECT id, hash, lexicon FROM documents WHERE doc = ?1 AND current = 1",
            )
            .and_then(|mut st| {
                st.query_row([doc], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
            })
            .map_err(|e| self.err(e))
    }

    /// Codes and stores documents, skipping those already stored with the
    /// same content. `extra` may add records (claims, commitments) per
    /// document; `progress` is called after every batch.
    pub fn ingest(
        &mut self,
        docs: impl IntoIterator<Item = Doc>,
        coder: &Coder<'_>,
        opts: &IngestOptions,
        extra: &(dyn Fn(&Doc) -> Vec<Value> + Sync),
        progress: &mut dyn FnMut(Progress),
    ) -> Result<IngestStats> {
        self.ingest_coded(docs, coder, opts, &|d, _| extra(d), progress)
    }

    /// [`Store::ingest`] with a hook that also sees each document's coding,
    /// so that records derived from the events (commitments) need no
    /// second coding. The documents are taken one batch at a time, so a
    /// lazy iterator is ingested in bounded memory (`total` in the
    /// progress is then what is known so far).
    pub fn ingest_coded(
        &mut self,
        docs: impl IntoIterator<Item = Doc>,
        coder: &Coder<'_>,
        opts: &IngestOptions,
        extra: &ExtraCoded,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<IngestStats> {
        let lexicon = coder.lex.version.clone();
        // a larger page cache for the writer while the indexes grow
        let _ = self.conn.pragma_update(None, "cache_size", -65536);
        let mut stats = IngestStats::default();
        let mut done = 0;
        let mut it = docs.into_iter().peekable();
        // Batch n+1 is coded while batch n is written: the writer's
        // transaction and the coder threads overlap. (A document already
        // written by the batch before is found by write_batch's own check.)
        std::thread::scope(|sc| -> Result<()> {
            let mut coding: Option<(std::thread::ScopedJoinHandle<'_, Vec<Prepared>>, usize)> =
                None;
            loop {
                let chunk: Vec<Doc> = it.by_ref().take(opts.batch.max(1)).collect();
                let n = chunk.len();
                stats.seen += n;
                // 1. skip what is stored with the same content
                let mut todo = Vec::new();
                for doc in chunk {
                    let format = format_of(&doc);
                    let hash = doc_hash(&doc, format);
                    match self.live(&doc.id)? {
                        Some((_, h, lex)) if h == hash => {
                            stats.unchanged += 1;
                            if lex != lexicon {
                                stats.other_lexicon += 1;
                            }
                        }
                        _ => todo.push(doc),
                    }
                }
                // 2. code, outside any transaction, beside the writer
                let next = (n > 0).then(|| {
                    let threads = opts.threads;
                    (sc.spawn(move || code_all(coder, todo, threads, extra)), n)
                });
                // 3. write the batch before in one transaction
                if let Some((h, m)) = coding.take() {
                    let prepared = match h.join() {
                        Ok(v) => v,
                        Err(p) => std::panic::resume_unwind(p),
                    };
                    if !prepared.is_empty() {
                        self.write_batch(&prepared, &lexicon, &mut stats)
                            .map_err(|e| self.err(e))?;
                        stats.batches += 1;
                    }
                    done += m;
                    progress(Progress {
                        done,
                        total: stats.seen + it.size_hint().0,
                    });
                }
                match next {
                    Some(c) => coding = Some(c),
                    None => return Ok(()),
                }
            }
        })?;
        Ok(stats)
    }

    fn write_batch(
        &mut self,
        batch: &[Prepared],
        lexicon: &str,
        stats: &mut IngestStats,
    ) -> rusqlite::Result<()> {
        let now = now();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut pairs = PairSums::default();
        for p in batch {
            let old: Option<(i64, String, i64)> = tx
                .prepare_cached(
                    "SELECT id, hash, version FROM documents WHERE doc = ?1 AND current = 1",
                )?
                .query_row([&p.doc.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let version = match &old {
                // stored meanwhile by another run
                Some((_, h, _)) if *h == p.hash => {
                    stats.unchanged += 1;
                    continue;
                }
                Some((id, _, v)) => {
                    // the old version may be of this batch: its counts
                    // must be in the table before they are taken out
                    pairs.flush(&tx)?;
                    retire_rows(&tx, *id)?;
                    tx.prepare_cached(
                        "UPDATE documents SET current = 0, replaced_at = ?2 WHERE id = ?1",
                    )?
                    .execute(params![id, now])?;
                    stats.replaced += 1;
                    v + 1
                }
                None => {
                    // an older version may exist without a live one
                    let v: i64 = tx
                        .prepare_cached(
                            "SELECT coalesce(max(version), 0) FROM documents WHERE doc = ?1",
                        )?
                        .query_row([&p.doc.id], |r| r.get(0))?;
                    stats.added += 1;
                    v + 1
                }
            };
            let d = &p.doc;
            tx.prepare_cached(
                "INSERT INTO documents (doc, version, current, hash, format, date, source, url,
                   title, original, sentences, lexicon, ingested_at)
                 VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                d.id,
                version,
                p.hash,
                p.format.name(),
                d.date.map(|x| x.to_string()),
                d.source,
                d.url,
                d.title,
                d.original,
                p.sentences.len() as i64,
                lexicon,
                now,
            ])?;
            let doc_id = tx.last_insert_rowid();
            {
                let mut st = tx.prepare_cached(
                    "INSERT INTO sentences (doc_id, idx, start, \"end\") VALUES (?1, ?2, ?3, ?4)",
                )?;
                for (i, sp) in p.sentences.iter().enumerate() {
                    st.execute(params![doc_id, i as i64, sp.start as i64, sp.end as i64])?;
                }
            }
            stats.sentences += p.sentences.len();
            for r in &p.records {
                if insert_record_into(&tx, doc_id, r, lexicon, &mut pairs)? {
                    stats.records += 1;
                    if r["kind"] == "event" {
                        stats.events += 1;
                    }
                }
            }
        }
        pairs.flush(&tx)?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_lexicon', ?1)",
            [lexicon],
        )?;
        tx.commit()
    }

    /// Re-runs the coder over the stored current documents and replaces
    /// their events; `extra` gives their claims and commitments again (as
    /// at ingest), which replace the stored ones where they differ.
    pub fn recode(
        &mut self,
        coder: &Coder<'_>,
        opts: &IngestOptions,
        extra: &(dyn Fn(&Doc) -> Vec<Value> + Sync),
        progress: &mut dyn FnMut(Progress),
    ) -> Result<RecodeStats> {
        self.recode_coded(coder, opts, &|d, _| extra(d), progress)
    }

    /// [`Store::recode`] with a hook that also sees each document's coding.
    pub fn recode_coded(
        &mut self,
        coder: &Coder<'_>,
        opts: &IngestOptions,
        extra: &ExtraCoded,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<RecodeStats> {
        let lexicon = coder.lex.version.clone();
        let total: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM documents WHERE current = 1",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let mut stats = RecodeStats::default();
        let mut last = 0i64;
        loop {
            let rows = self
                .load_docs(last, opts.batch.max(1))
                .map_err(|e| self.err(e))?;
            let Some(&(id, _)) = rows.last() else { break };
            last = id;
            let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
            let docs: Vec<Doc> = rows.into_iter().map(|r| r.1).collect();
            let prepared = code_all(coder, docs, opts.threads, extra);
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(|e| Error::sql(&self.path, e))?;
            let res =
                recode_batch(&tx, &ids, &prepared, &lexicon, &mut stats).and_then(|_| tx.commit());
            res.map_err(|e| Error::sql(&self.path, e))?;
            stats.documents += ids.len();
            progress(Progress {
                done: stats.documents,
                total: total as usize,
            });
        }
        self.rebuild_pairs()?;
        Ok(stats)
    }

    /// Recomputes the pair series from the current events (recode ends
    /// with this, so a series damaged by hand is healed too).
    pub fn rebuild_pairs(&mut self) -> Result<()> {
        self.conn
            .execute_batch(
                "BEGIN IMMEDIATE;
                 DELETE FROM pair_counts;
                 INSERT INTO pair_counts (src, tgt, period, quad, modality, n, gsum)
                   SELECT source_country, target_country, period, quad_class, modality,
                          count(*), total(goldstein)
                   FROM events
                   WHERE current = 1 AND source_country IS NOT NULL AND target_country IS NOT NULL
                     AND period IS NOT NULL AND quad_class IS NOT NULL
                   GROUP BY 1, 2, 3, 4, 5;
                 COMMIT;",
            )
            .map_err(|e| {
                let _ = self.conn.execute_batch("ROLLBACK");
                self.err(e)
            })
    }

    fn load_docs(&self, after: i64, n: usize) -> rusqlite::Result<Vec<(i64, Doc)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, doc, format, date, source, url, title, original FROM documents
             WHERE current = 1 AND id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = st.query_map(params![after, n as i64], |r| {
            let format: String = r.get(2)?;
            let date: Option<String> = r.get(3)?;
            let mut doc = Doc::parse(
                r.get::<_, String>(1)?,
                r.get::<_, String>(7)?,
                format.parse().unwrap_or(Format::Text),
                date.as_deref().and_then(dyad_code::parse_date),
            );
            doc.source = r.get(4)?;
            doc.url = r.get(5)?;
            doc.title = r.get(6)?;
            Ok((r.get::<_, i64>(0)?, doc))
        })?;
        rows.collect()
    }

    /// What the store holds.
    pub fn summary(&self) -> Result<Summary> {
        let q = |sql: &str| -> Result<i64> {
            self.conn
                .query_row(sql, [], |r| r.get(0))
                .map_err(|e| self.err(e))
        };
        let mut s = Summary {
            documents: q("SELECT count(*) FROM documents WHERE current = 1")?,
            versions: q("SELECT count(*) FROM documents")?,
            sentences: q("SELECT coalesce(sum(sentences), 0) FROM documents WHERE current = 1")?,
            // kept by triggers (schema 5): no read of the events
            events: q("SELECT coalesce(sum(n), 0) FROM actor_pair_counts")?,
            claims: q("SELECT count(*) FROM claims WHERE current = 1")?,
            commitments: q("SELECT count(*) FROM commitments WHERE current = 1")?,
            lexicons: Vec::new(),
        };
        let mut st = self
            .conn
            .prepare(
                "SELECT lexicon, count(*) FROM documents WHERE current = 1
                 GROUP BY lexicon ORDER BY 2 DESC",
            )
            .map_err(|e| self.err(e))?;
        s.lexicons = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        Ok(s)
    }
}

/// Codes documents on `threads` threads, keeping their order.
fn code_all(
    coder: &Coder<'_>,
    docs: Vec<Doc>,
    threads: usize,
    extra: &ExtraCoded,
) -> Vec<Prepared> {
    let one = |d: Doc| prepare_with(coder, d, extra);
    if threads <= 1 || docs.len() < 2 {
        return docs.into_iter().map(one).collect();
    }
    let per = docs.len().div_ceil(threads);
    let mut parts: Vec<Vec<Doc>> = Vec::new();
    let mut it = docs.into_iter();
    loop {
        let part: Vec<Doc> = it.by_ref().take(per).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    std::thread::scope(|sc| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| sc.spawn(move || part.into_iter().map(one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(v) => v,
                Err(p) => std::panic::resume_unwind(p),
            })
            .collect()
    })
}

/// The identity of an event across codings: where its trigger and actors are.
fn event_key(r: &Value) -> String {
    format!(
        "{}|{}|{}|{}",
        r["sentence"], r["trigger"]["span"], r["source"]["span"], r["target"]["span"]
    )
}

fn without_lexicon(r: &Value) -> Value {
    let mut r = r.clone();
    if let Some(o) = r.as_object_mut() {
        o.remove("lexicon");
    }
    r
}

/// Replaces a document's claims and commitments when they changed.
fn recode_others(
    tx: &Transaction,
    doc_id: i64,
    p: &Prepared,
    lexicon: &str,
    stats: &mut RecodeStats,
) -> rusqlite::Result<()> {
    let mut old: Vec<String> = Vec::new();
    for t in ["claims", "commitments"] {
        let rows = tx
            .prepare_cached(&format!(
                "SELECT record FROM {t} WHERE doc_id = ?1 AND current = 1"
            ))?
            .query_map([doc_id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        old.extend(rows);
    }
    let norm = |v: &Value| without_lexicon(v).to_string();
    let mut old: Vec<String> = old
        .iter()
        .filter_map(|s| serde_json::from_str::<Value>(s).ok())
        .map(|v| norm(&v))
        .collect();
    let new: Vec<&Value> = p.records.iter().filter(|r| r["kind"] != "event").collect();
    let mut added = 0;
    for r in &new {
        let k = norm(r);
        match old.iter().position(|o| *o == k) {
            Some(i) => {
                old.swap_remove(i);
            }
            None => added += 1,
        }
    }
    stats.other_added += added;
    stats.other_removed += old.len();
    if added + old.len() > 0 {
        for t in ["claims", "commitments"] {
            tx.prepare_cached(&format!(
                "DELETE FROM {t} WHERE doc_id = ?1 AND current = 1"
            ))?
            .execute([doc_id])?;
        }
        for r in new {
            insert_record(tx, doc_id, r, lexicon)?;
        }
    }
    Ok(())
}

fn recode_batch(
    tx: &Transaction,
    ids: &[i64],
    prepared: &[Prepared],
    lexicon: &str,
    stats: &mut RecodeStats,
) -> rusqlite::Result<()> {
    for (&doc_id, p) in ids.iter().zip(prepared) {
        recode_others(tx, doc_id, p, lexicon, stats)?;
        let old: Vec<Value> = tx
            .prepare_cached("SELECT record FROM events WHERE doc_id = ?1 AND current = 1")?
            .query_map([doc_id], |r| r.get::<_, String>(0))?
            .filter_map(|r| r.ok())
            .filter_map(|s| serde_json::from_str(&s).ok())
            .collect();
        let mut old_by: HashMap<String, Vec<Value>> = HashMap::new();
        for r in &old {
            old_by
                .entry(event_key(r))
                .or_default()
                .push(without_lexicon(r));
        }
        let (mut added, mut recoded, mut same) = (0, 0, 0);
        for r in p.records.iter().filter(|r| r["kind"] == "event") {
            let k = event_key(r);
            match old_by.get_mut(&k) {
                Some(v) if !v.is_empty() => {
                    let mine = without_lexicon(r);
                    if let Some(i) = v.iter().position(|x| *x == mine) {
                        v.swap_remove(i);
                        same += 1;
                    } else {
                        v.pop();
                        recoded += 1;
                    }
                }
                _ => added += 1,
            }
        }
        let removed: usize = old_by.values().map(Vec::len).sum();
        stats.added += added;
        stats.recoded += recoded;
        stats.unchanged += same;
        stats.removed += removed;
        let lex_changed: bool = tx
            .prepare_cached("SELECT lexicon != ?2 FROM documents WHERE id = ?1")?
            .query_row(params![doc_id, lexicon], |r| r.get(0))?;
        if added + recoded + removed == 0 && !lex_changed {
            continue;
        }
        if added + recoded + removed > 0 {
            stats.changed_documents += 1;
        }
        unbump_doc(tx, doc_id)?;
        tx.prepare_cached("DELETE FROM events WHERE doc_id = ?1 AND current = 1")?
            .execute([doc_id])?;
        for r in p.records.iter().filter(|r| r["kind"] == "event") {
            insert_record(tx, doc_id, r, lexicon)?;
        }
        tx.prepare_cached("UPDATE documents SET lexicon = ?2 WHERE id = ?1")?
            .execute(params![doc_id, lexicon])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_map_to_start_and_period() {
        assert_eq!(date_start("2021").as_deref(), Some("2021-01-01"));
        assert_eq!(date_start("2021-12").as_deref(), Some("2021-12-01"));
        assert_eq!(date_start("2021-12-15").as_deref(), Some("2021-12-15"));
        assert_eq!(date_start("2021-07/2021-12").as_deref(), Some("2021-07-01"));
        assert_eq!(date_start("soon"), None);
        assert_eq!(date_period("2021").as_deref(), Some("2021"));
        assert_eq!(date_period("2021-12-15").as_deref(), Some("2021-12"));
        assert_eq!(date_period("2021-07/2021-12").as_deref(), Some("2021-07"));
    }

    #[test]
    fn hash_separates_parts() {
        assert_ne!(content_hash(&[b"ab", b"c"]), content_hash(&[b"a", b"bc"]));
        assert_eq!(content_hash(&[b"x"]), content_hash(&[b"x"]));
        assert_eq!(content_hash(&[b"x"]).len(), 32);
    }
}
