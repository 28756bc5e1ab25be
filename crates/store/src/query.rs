//! Filtered reads of events, claims and commitments.

use crate::{Error, ErrorKind, Result, Store};
use rusqlite::types::Value as Sql;
use std::str::FromStr;

/// Which table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Events,
    Claims,
    Commitments,
}

impl Kind {
    fn table(self) -> &'static str {
        match self {
            Kind::Events => "events",
            Kind::Claims => "claims",
            Kind::Commitments => "commitments",
        }
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Kind, String> {
        match s {
            "events" | "event" => Ok(Kind::Events),
            "claims" | "claim" => Ok(Kind::Claims),
            "commitments" | "commitment" => Ok(Kind::Commitments),
            _ => Err(format!(
                "unknown kind \"{s}\" (expected events, claims or commitments)"
            )),
        }
    }
}

/// Filters; every one given must hold. Actor arguments match an actor code
/// by prefix (`CHN` matches `CHNGOV`) or a country exactly.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Source or target.
    pub actor: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    /// Either direction: (A, B) matches A -> B and B -> A.
    pub dyad: Option<(String, String)>,
    /// Source or target country, exactly.
    pub country: Option<String>,
    /// CAMEO code by prefix (`04` is the whole root, `041` its branch).
    pub code: Option<String>,
    pub root: Option<String>,
    pub plover: Option<String>,
    pub quad: Option<u8>,
    pub modality: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Document id; `*` and `?` are wildcards.
    pub doc: Option<String>,
    /// Include superseded versions.
    pub all_versions: bool,
    pub limit: Option<usize>,
}

/// One row: its id, document and version, and the record as produced.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub doc: String,
    pub version: i64,
    pub current: bool,
    pub url: Option<String>,
    pub source: Option<String>,
    pub ingested_at: String,
    pub record: String,
}

/// The lower bound of a `--from` date, as `YYYY-MM-DD`.
pub(crate) fn lower(d: &str) -> Result<String> {
    check_date(d)?;
    Ok(match d.len() {
        4 => format!("{d}-01-01"),
        7 => format!("{d}-01"),
        _ => d.to_string(),
    })
}

/// The upper bound of a `--to` date, for string comparison with `YYYY-MM-DD`.
pub(crate) fn upper(d: &str) -> Result<String> {
    check_date(d)?;
    Ok(match d.len() {
        4 => format!("{d}-12-31"),
        7 => format!("{d}-31"),
        _ => d.to_string(),
    })
}

fn check_date(d: &str) -> Result<()> {
    let ok = match d.len() {
        4 => d.bytes().all(|b| b.is_ascii_digit()),
        7 => {
            d[..4].bytes().all(|b| b.is_ascii_digit())
                && &d[4..5] == "-"
                && d[5..].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        }
        10 => dyad_code::parse_date(d).is_some(),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::Usage,
            format!("date \"{d}\": write YYYY, YYYY-MM or YYYY-MM-DD"),
        ))
    }
}

fn usage(flag: &str, kind: Kind) -> Error {
    Error::new(
        ErrorKind::Usage,
        format!(
            "--{flag} does not apply to {}; it filters events",
            kind.table()
        ),
    )
}

/// `(code GLOB 'x*' OR country = x)` for one actor column pair: the code
/// by prefix, the country exactly. GLOB rather than LIKE because SQLite
/// answers a GLOB prefix from the column's (binary) index, and both sides
/// of the OR from their indexes (`events_source` or `events_target`, and
/// `events_pair_date`); LIKE would scan the table. Codes are upper case
/// (the lexicon refuses others) and `v` comes upper-cased, so the case
/// insensitivity LIKE had changed nothing.
///
/// With `scan`, the columns are written `+col`, which keeps SQLite off
/// their indexes: a page (`--limit`) of a frequent actor is found sooner by
/// reading the events in document order until the page is full than by
/// collecting every match from the indexes and sorting them (measured in
/// `BENCHMARKS.md`).
fn actor_cond(code: &str, country: &str, v: &str, args: &mut Vec<Sql>, scan: bool) -> String {
    args.push(Sql::Text(format!("{}*", glob_escape(v))));
    args.push(Sql::Text(v.to_string()));
    let p = if scan { "+" } else { "" };
    format!(
        "({p}{code} GLOB ?{} OR {p}{country} = ?{})",
        args.len() - 1,
        args.len()
    )
}

/// `s` matched literally inside a GLOB pattern.
fn glob_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '*' | '?' | '[' => {
                out.push('[');
                out.push(ch);
                out.push(']');
            }
            _ => out.push(ch),
        }
    }
    out
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

impl Filter {
    /// The WHERE clause (over alias `x` for the table and `d` for documents)
    /// and its arguments; `scan` keeps the actor and code conditions off
    /// their indexes (see [`actor_cond`]).
    pub(crate) fn sql(&self, kind: Kind, scan: bool) -> Result<(String, Vec<Sql>)> {
        let mut c: Vec<String> = Vec::new();
        let mut a: Vec<Sql> = Vec::new();
        if !self.all_versions {
            c.push("x.current = 1".into());
        }
        let up = |s: &String| s.to_ascii_uppercase();
        match kind {
            Kind::Events => {
                if let Some(v) = &self.actor {
                    let s = actor_cond("x.source_code", "x.source_country", &up(v), &mut a, scan);
                    let t = actor_cond("x.target_code", "x.target_country", &up(v), &mut a, scan);
                    c.push(format!("({s} OR {t})"));
                }
                if let Some(v) = &self.source {
                    c.push(actor_cond(
                        "x.source_code",
                        "x.source_country",
                        &up(v),
                        &mut a,
                        scan,
                    ));
                }
                if let Some(v) = &self.target {
                    c.push(actor_cond(
                        "x.target_code",
                        "x.target_country",
                        &up(v),
                        &mut a,
                        scan,
                    ));
                }
                if let Some((p, q)) = &self.dyad {
                    let s1 = actor_cond("x.source_code", "x.source_country", &up(p), &mut a, scan);
                    let t1 = actor_cond("x.target_code", "x.target_country", &up(q), &mut a, scan);
                    let s2 = actor_cond("x.source_code", "x.source_country", &up(q), &mut a, scan);
                    let t2 = actor_cond("x.target_code", "x.target_country", &up(p), &mut a, scan);
                    c.push(format!("(({s1} AND {t1}) OR ({s2} AND {t2}))"));
                }
                if let Some(v) = &self.country {
                    a.push(Sql::Text(up(v)));
                    let n = a.len();
                    let p = if scan { "+" } else { "" };
                    c.push(format!(
                        "({p}x.source_country = ?{n} OR {p}x.target_country = ?{n})"
                    ));
                }
                if let Some(v) = &self.code {
                    // digits: GLOB is LIKE here, and answered from events_cameo
                    a.push(Sql::Text(format!("{}*", glob_escape(v))));
                    let p = if scan { "+" } else { "" };
                    c.push(format!("{p}x.cameo GLOB ?{}", a.len()));
                }
                if let Some(v) = &self.root {
                    a.push(Sql::Text(format!("{v:0>2}")));
                    c.push(format!("x.root = ?{}", a.len()));
                }
                if let Some(v) = &self.plover {
                    a.push(Sql::Text(up(v)));
                    c.push(format!("x.plover_event = ?{}", a.len()));
                }
                if let Some(v) = self.quad {
                    a.push(Sql::Integer(v as i64));
                    c.push(format!("x.quad_class = ?{}", a.len()));
                }
                if let Some(v) = &self.modality {
                    a.push(Sql::Text(v.to_ascii_lowercase()));
                    c.push(format!("x.modality = ?{}", a.len()));
                }
            }
            Kind::Claims | Kind::Commitments => {
                let flags = [
                    ("source", self.source.is_some()),
                    ("target", self.target.is_some()),
                    ("dyad", self.dyad.is_some()),
                    ("code", self.code.is_some()),
                    ("root", self.root.is_some()),
                    ("plover", self.plover.is_some()),
                    ("quad", self.quad.is_some()),
                    ("modality", self.modality.is_some()),
                ];
                if let Some(&(f, _)) = flags.iter().find(|f| f.1) {
                    return Err(usage(f, kind));
                }
                let actor = self.actor.as_ref().or(self.country.as_ref());
                if let Some(v) = actor {
                    if kind == Kind::Claims {
                        // actors is JSON: match a quoted code that starts with v
                        a.push(Sql::Text(format!("%\"{}%", like_escape(&up(v)))));
                        c.push(format!("x.actors LIKE ?{} ESCAPE '\\'", a.len()));
                    } else {
                        c.push(actor_cond(
                            "x.actor",
                            "x.actor_country",
                            &up(v),
                            &mut a,
                            scan,
                        ));
                    }
                }
            }
        }
        if let Some(v) = &self.from {
            a.push(Sql::Text(lower(v)?));
            c.push(format!("x.date_start >= ?{}", a.len()));
        }
        if let Some(v) = &self.to {
            a.push(Sql::Text(upper(v)?));
            c.push(format!("x.date_start <= ?{}", a.len()));
        }
        if let Some(v) = &self.doc {
            a.push(Sql::Text(v.clone()));
            if v.contains(['*', '?']) {
                c.push(format!("d.doc GLOB ?{}", a.len()));
            } else {
                c.push(format!("d.doc = ?{}", a.len()));
            }
        }
        let w = if c.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", c.join(" AND "))
        };
        Ok((w, a))
    }
}

/// A source country, a target country, and how many events of a filter
/// have them.
type CountryPair = (String, String, i64);

/// How [`Store::query`] reads the events of a `dyad` filter.
enum DyadPlan {
    /// As [`Filter::sql`] says (a scan in document order, or another
    /// filter's index).
    Default,
    /// No current event matches the pair.
    Empty,
    /// From `events_pair_date`, over these (source, target) country pairs:
    /// every matching event has one of them.
    Pairs(Vec<(String, String)>),
}

impl Filter {
    /// True when every condition is on the actor columns and only current
    /// versions are asked for: `actor_pair_counts` answers the count.
    fn actors_only(&self) -> bool {
        let values = [&self.actor, &self.source, &self.target, &self.country];
        self.code.is_none()
            && self.root.is_none()
            && self.plover.is_none()
            && self.quad.is_none()
            && self.modality.is_none()
            && self.from.is_none()
            && self.to.is_none()
            && self.doc.is_none()
            && !self.all_versions
            && self.actor_values_nonempty(&values)
    }

    /// An empty value matches every code by prefix, but '' in
    /// `actor_pair_counts` stands for a missing country or target.
    fn actor_values_nonempty(&self, values: &[&Option<String>]) -> bool {
        values
            .iter()
            .all(|v| v.as_ref().is_none_or(|s| !s.is_empty()))
            && self
                .dyad
                .as_ref()
                .is_none_or(|(a, b)| !a.is_empty() && !b.is_empty())
    }

    /// The actor conditions alone. Its [`Filter::sql`] has no `current`
    /// condition (`all_versions`), so it reads the columns of
    /// `actor_pair_counts` exactly as it reads those of `events`.
    fn actor_part(&self) -> Filter {
        Filter {
            actor: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            dyad: self.dyad.clone(),
            country: self.country.clone(),
            all_versions: true,
            ..Default::default()
        }
    }
}

impl Store {
    /// Chooses how to read a `dyad` filter's events. SQLite cannot split
    /// the pair's condition (an OR of ANDs of ORs) over the indexes, so
    /// it scans in document order: quick for a page of a frequent pair,
    /// a read of the whole table for a rare one or a whole listing. The
    /// country pairs of the matching events are in `actor_pair_counts`;
    /// when reading their rows from `events_pair_date` (and sorting them)
    /// costs less than the scan is expected to read, that is the plan.
    fn dyad_plan(&self, filter: &Filter) -> Result<DyadPlan> {
        let values = [
            &filter.actor,
            &filter.source,
            &filter.target,
            &filter.country,
        ];
        if filter.dyad.is_none() || filter.all_versions || !filter.actor_values_nonempty(&values) {
            return Ok(DyadPlan::Default);
        }
        let (w, args) = filter.actor_part().sql(Kind::Events, false)?;
        let sql = format!(
            "SELECT source_country, target_country, sum(n) FROM actor_pair_counts x {w}
             GROUP BY 1, 2"
        );
        let q = || -> rusqlite::Result<(Vec<CountryPair>, i64, i64)> {
            let mut st = self.conn.prepare(&sql)?;
            let found = st
                .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let total: i64 = self.conn.query_row(
                "SELECT coalesce(sum(n), 0) FROM actor_pair_counts",
                [],
                |r| r.get(0),
            )?;
            // every current event of those country pairs, matching or not
            let mut st = self.conn.prepare_cached(
                "SELECT coalesce(sum(n), 0) FROM actor_pair_counts
                 WHERE source_country = ?1 AND target_country = ?2",
            )?;
            let mut rows = 0i64;
            for (s, t, _) in &found {
                rows += st.query_row([s, t], |r| r.get::<_, i64>(0))?;
            }
            Ok((found, total, rows))
        };
        let (found, total, pair_rows) = q().map_err(|e| self.err(e))?;
        if found.is_empty() {
            return Ok(DyadPlan::Empty);
        }
        // '' is a missing country: no index range holds those rows
        if found.iter().any(|(s, t, _)| s.is_empty() || t.is_empty())
            || filter.from.is_some()
            || filter.to.is_some()
            || filter.code.is_some()
            || filter.doc.is_some()
        {
            return Ok(DyadPlan::Default);
        }
        let matched: i64 = found.iter().map(|f| f.2).sum();
        let scan = match filter.limit {
            Some(l) => (l as f64 * total as f64 / matched as f64).min(total as f64),
            None => total as f64,
        };
        // an index entry and a row read out of order, and the sort:
        // a few times a row read in order
        if (pair_rows as f64) * 4.0 < scan {
            Ok(DyadPlan::Pairs(
                found.into_iter().map(|(s, t, _)| (s, t)).collect(),
            ))
        } else {
            Ok(DyadPlan::Default)
        }
    }

    /// Whether a page of events under actor filters (`actor`, `source`,
    /// `target`, `country`) is better read from their indexes than in
    /// document order: the scan stops at the page, after reading about
    /// page × events / matches rows, which for a rare actor or country is
    /// the whole table, while the indexes give the matches themselves (read
    /// out of order and sorted: counted four times). `None` when nothing
    /// matches; `Some(false)` (the scan) when the counts cannot tell.
    fn page_from_indexes(&self, filter: &Filter) -> Result<Option<bool>> {
        let values = [
            &filter.actor,
            &filter.source,
            &filter.target,
            &filter.country,
        ];
        let Some(limit) = filter.limit else {
            return Ok(Some(false));
        };
        if filter.all_versions
            || values.iter().all(|v| v.is_none())
            || !filter.actor_values_nonempty(&values)
        {
            return Ok(Some(false));
        }
        let (w, args) = filter.actor_part().sql(Kind::Events, false)?;
        let q = || -> rusqlite::Result<(i64, i64)> {
            let matched: i64 = self.conn.query_row(
                &format!("SELECT coalesce(sum(n), 0) FROM actor_pair_counts x {w}"),
                rusqlite::params_from_iter(args.iter()),
                |r| r.get(0),
            )?;
            let total: i64 = self.conn.query_row(
                "SELECT coalesce(sum(n), 0) FROM actor_pair_counts",
                [],
                |r| r.get(0),
            )?;
            Ok((matched, total))
        };
        let (matched, total) = q().map_err(|e| self.err(e))?;
        if matched == 0 {
            return Ok(None);
        }
        let scan = (limit as f64 * total as f64 / matched as f64).min(total as f64);
        Ok(Some((matched as f64) * 4.0 < scan))
    }

    /// The SELECT of [`Store::query`] and its arguments; `None` when the
    /// pair counts show that nothing can match.
    fn select(&self, kind: Kind, filter: &Filter) -> Result<Option<(String, Vec<Sql>)>> {
        let pairs = match kind {
            Kind::Events => self.dyad_plan(filter)?,
            _ => DyadPlan::Default,
        };
        // a page is read in document order; a whole listing from the indexes
        let mut scan = filter.limit.is_some();
        if kind == Kind::Events && scan && matches!(pairs, DyadPlan::Default) {
            match self.page_from_indexes(filter)? {
                None => return Ok(None),
                Some(index) => scan = !index,
            }
        }
        let (mut w, mut args) = filter.sql(kind, scan)?;
        let mut order = "x.doc_id, x.id";
        match pairs {
            DyadPlan::Empty => return Ok(None),
            DyadPlan::Default => {}
            DyadPlan::Pairs(p) => {
                // the actor conditions stay off their indexes (they are
                // checked on the pairs' rows), and the order is a sort, so
                // that SQLite reads events_pair_date rather than the
                // events in document order
                (w, args) = filter.sql(kind, true)?;
                let mut v = Vec::new();
                for (s, t) in p {
                    args.push(Sql::Text(s));
                    args.push(Sql::Text(t));
                    v.push(format!("(?{}, ?{})", args.len() - 1, args.len()));
                }
                w = format!(
                    "{w} AND (x.source_country, x.target_country) IN (VALUES {})",
                    v.join(", ")
                );
                order = "+x.doc_id, +x.id";
            }
        }
        let limit = filter
            .limit
            .map(|n| format!(" LIMIT {n}"))
            .unwrap_or_default();
        let sql = format!(
            "SELECT x.id, d.doc, d.version, x.current, d.url, d.source, d.ingested_at, x.record
             FROM {} x JOIN documents d ON d.id = x.doc_id {w}
             ORDER BY {order}{limit}",
            kind.table()
        );
        Ok(Some((sql, args)))
    }

    /// Calls `f` for every matching row, in document order; returns how
    /// many matched. `f` returning an error stops the scan.
    pub fn query<E: From<Error>>(
        &self,
        kind: Kind,
        filter: &Filter,
        mut f: impl FnMut(Row) -> std::result::Result<(), E>,
    ) -> std::result::Result<usize, E> {
        let Some((sql, args)) = self.select(kind, filter)? else {
            return Ok(0);
        };
        let mut st = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let mut rows = st
            .query(rusqlite::params_from_iter(args))
            .map_err(|e| self.err(e))?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let row = (|| -> rusqlite::Result<Row> {
                Ok(Row {
                    id: r.get(0)?,
                    doc: r.get(1)?,
                    version: r.get(2)?,
                    current: r.get::<_, i64>(3)? == 1,
                    url: r.get(4)?,
                    source: r.get(5)?,
                    ingested_at: r.get(6)?,
                    record: r.get(7)?,
                })
            })()
            .map_err(|e| self.err(e))?;
            n += 1;
            f(row)?;
        }
        Ok(n)
    }

    /// How many rows match. Events under actor filters only (`actor`,
    /// `source`, `target`, `dyad`, `country`, current versions) are
    /// counted from `actor_pair_counts` (schema 5), whatever their number.
    pub fn count(&self, kind: Kind, filter: &Filter) -> Result<i64> {
        if kind == Kind::Events && filter.actors_only() {
            let (w, args) = filter.actor_part().sql(Kind::Events, false)?;
            let sql = format!("SELECT coalesce(sum(n), 0) FROM actor_pair_counts x {w}");
            return self
                .conn
                .query_row(&sql, rusqlite::params_from_iter(args), |r| r.get(0))
                .map_err(|e| self.err(e));
        }
        let (w, args) = filter.sql(kind, false)?;
        let sql = format!(
            "SELECT count(*) FROM {} x JOIN documents d ON d.id = x.doc_id {w}",
            kind.table()
        );
        self.conn
            .query_row(&sql, rusqlite::params_from_iter(args), |r| r.get(0))
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Mode;

    /// The plan SQLite picks for the events query of `f`.
    fn plan(store: &Store, f: &Filter) -> String {
        let (w, args) = f.sql(Kind::Events, false).unwrap();
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT x.id FROM events x JOIN documents d ON d.id = x.doc_id {w}
             ORDER BY x.doc_id, x.id"
        );
        let mut st = store.conn.prepare(&sql).unwrap();
        let rows = st
            .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
            .unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<String>>().join("; ")
    }

    #[test]
    fn actor_code_and_date_filters_are_answered_from_indexes() {
        let dir = std::env::temp_dir().join(format!("dyad-query-plan-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&dir.join("s.db"), Mode::Create).unwrap();
        let cases = [
            (
                Filter {
                    actor: Some("CHN".into()),
                    ..Default::default()
                },
                ["events_source", "events_target", "events_target_country"].as_slice(),
            ),
            (
                Filter {
                    source: Some("RUS".into()),
                    ..Default::default()
                },
                ["events_source", "events_pair_date"].as_slice(),
            ),
            (
                Filter {
                    target: Some("IGOUNO".into()),
                    ..Default::default()
                },
                ["events_target", "events_target_country"].as_slice(),
            ),
            (
                Filter {
                    code: Some("042".into()),
                    ..Default::default()
                },
                ["events_cameo"].as_slice(),
            ),
            (
                Filter {
                    from: Some("2020-01".into()),
                    to: Some("2020-02".into()),
                    ..Default::default()
                },
                ["events_date"].as_slice(),
            ),
        ];
        for (f, indexes) in cases {
            let p = plan(&store, &f);
            for i in indexes {
                assert!(p.contains(&format!("USING INDEX {i}")), "{f:?}: {p}");
            }
            assert!(!p.contains("SCAN x"), "{f:?}: {p}");
        }
        // a page reads in document order instead
        let page = Filter {
            source: Some("RUS".into()),
            code: Some("04".into()),
            ..Default::default()
        };
        let (w, args) = page.sql(Kind::Events, true).unwrap();
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT x.id FROM events x JOIN documents d ON d.id = x.doc_id {w}
             ORDER BY x.doc_id, x.id LIMIT 50"
        );
        let p: Vec<String> = {
            let mut st = store.conn.prepare(&sql).unwrap();
            let rows = st
                .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
                .unwrap();
            rows.map(|r| r.unwrap()).collect()
        };
        assert!(p[0].contains("SCAN x USING INDEX events_doc"), "{p:?}");
        assert_eq!(glob_escape("a*b?[c"), "a[*]b[?][[]c");
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_rare_pair_is_read_from_the_pair_index_and_an_absent_one_not_at_all() {
        let dir = std::env::temp_dir().join(format!("dyad-query-pairs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&dir.join("s.db"), Mode::Create).unwrap();
        store
            .conn
            .execute(
                "INSERT INTO documents (id, doc, version, hash, format, original, sentences,
                   lexicon, ingested_at) VALUES (1, 'a', 1, 'h', 'text', '', 0, 'x', 'now')",
                [],
            )
            .unwrap();
        let ins = |src: &str, sc: &str, tgt: &str, tc: &str| {
            store
                .conn
                .execute(
                    "INSERT INTO events (doc_id, sentence, sent_start, sent_end, source_code,
                       source_country, target_code, target_country, cameo, root, modality,
                       lexicon, record)
                     VALUES (1, 0, 0, 1, ?1, ?2, ?3, ?4, '010', '01', 'asserted', 'x', '{}')",
                    [src, sc, tgt, tc],
                )
                .unwrap()
        };
        for _ in 0..50 {
            ins("CHNGOV", "CHN", "USAGOV", "USA");
        }
        ins("RUSGOV", "RUS", "CHN", "CHN");
        let dyad = |a: &str, b: &str, limit| Filter {
            dyad: Some((a.into(), b.into())),
            limit,
            ..Default::default()
        };
        let plan = |f: &Filter| -> String {
            let (sql, args) = store.select(Kind::Events, f).unwrap().unwrap();
            let mut st = store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let rows = st
                .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
                .unwrap();
            rows.map(|r| r.unwrap()).collect::<Vec<String>>().join("; ")
        };
        // rare: from an index on both countries, whole or a page
        for f in [dyad("CHN", "RUS", None), dyad("CHN", "RUS", Some(50))] {
            let p = plan(&f);
            let pair = ["source_country=?", "target_country=?"];
            assert!(
                p.starts_with("SEARCH x USING INDEX") && pair.iter().all(|c| p.contains(c)),
                "{p}"
            );
        }
        // frequent: a page is the scan in document order
        let p = plan(&dyad("USA", "CHN", Some(10)));
        assert!(p.contains("SCAN x USING INDEX events_doc"), "{p}");
        // a page of a rare country or actor from the indexes, of a
        // frequent one in document order, of an absent one not read
        let page = |country: Option<&str>, source: Option<&str>| Filter {
            country: country.map(str::to_string),
            source: source.map(str::to_string),
            limit: Some(10),
            ..Default::default()
        };
        for f in [page(Some("RUS"), None), page(None, Some("RUSGOV"))] {
            let p = plan(&f);
            assert!(!p.contains("SCAN x"), "{f:?}: {p}");
        }
        for f in [page(Some("USA"), None), page(None, Some("CHN"))] {
            let p = plan(&f);
            assert!(p.contains("SCAN x USING INDEX events_doc"), "{f:?}: {p}");
        }
        assert!(store
            .select(Kind::Events, &page(Some("GBR"), None))
            .unwrap()
            .is_none());
        // absent: not read
        assert!(store
            .select(Kind::Events, &dyad("CHN", "GBR", None))
            .unwrap()
            .is_none());
        // a missing country: no index range, the default plan
        ins("IGOUNO", "", "RUSGOV", "RUS");
        store
            .conn
            .execute(
                "UPDATE events SET source_country = NULL WHERE source_code = 'IGOUNO'",
                [],
            )
            .unwrap();
        let p = plan(&dyad("IGO", "RUS", None));
        assert!(!p.contains("country=?"), "{p}");
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
