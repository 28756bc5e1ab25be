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
                    c.push(format!(
                        "(x.source_country = ?{n} OR x.target_country = ?{n})"
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

impl Store {
    /// Calls `f` for every matching row, in document order; returns how
    /// many matched. `f` returning an error stops the scan.
    pub fn query<E: From<Error>>(
        &self,
        kind: Kind,
        filter: &Filter,
        mut f: impl FnMut(Row) -> std::result::Result<(), E>,
    ) -> std::result::Result<usize, E> {
        // a page is read in document order; a whole listing from the indexes
        let (w, args) = filter.sql(kind, filter.limit.is_some())?;
        let limit = filter
            .limit
            .map(|n| format!(" LIMIT {n}"))
            .unwrap_or_default();
        let sql = format!(
            "SELECT x.id, d.doc, d.version, x.current, d.url, d.source, d.ingested_at, x.record
             FROM {} x JOIN documents d ON d.id = x.doc_id {w}
             ORDER BY x.doc_id, x.id{limit}",
            kind.table()
        );
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

    /// How many rows match.
    pub fn count(&self, kind: Kind, filter: &Filter) -> Result<i64> {
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
}
