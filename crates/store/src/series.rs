//! The time series of one pair of countries, and the most active actors.

use crate::query::{lower, upper};
use crate::{Error, ErrorKind, Result, Store};
use std::collections::BTreeMap;
use std::str::FromStr;

/// Period length of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Month,
    Quarter,
    Year,
}

impl FromStr for By {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<By, String> {
        match s {
            "month" => Ok(By::Month),
            "quarter" => Ok(By::Quarter),
            "year" => Ok(By::Year),
            _ => Err(format!(
                "unknown period \"{s}\" (expected month, quarter or year)"
            )),
        }
    }
}

/// Counts of one direction in one period.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cell {
    pub n: i64,
    /// Events per quad class 1..=4.
    pub quad: [i64; 4],
    pub goldstein_sum: f64,
}

impl Cell {
    pub fn goldstein_mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.goldstein_sum / self.n as f64)
    }
}

/// One period: `[A -> B, B -> A]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRow {
    pub period: String,
    pub dirs: [Cell; 2],
}

/// A pair's series, every period from the first to the last with events
/// (periods without events are present with zero counts).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub a: String,
    pub b: String,
    pub rows: Vec<SeriesRow>,
    /// Events dated only to a year, left out of monthly and quarterly rows.
    pub year_only: i64,
}

fn period_key(period: &str, by: By) -> Option<String> {
    match (by, period.len()) {
        (By::Year, _) => Some(period[..4].to_string()),
        (_, 4) => None,
        (By::Month, _) => Some(period.to_string()),
        (By::Quarter, _) => {
            let m: u32 = period[5..7].parse().ok()?;
            Some(format!("{}-Q{}", &period[..4], m.div_ceil(3)))
        }
    }
}

/// The period after `p`.
fn next_period(p: &str, by: By) -> Option<String> {
    let y: i32 = p.get(..4)?.parse().ok()?;
    Some(match by {
        By::Year => format!("{}", y + 1),
        By::Month => {
            let m: u32 = p.get(5..7)?.parse().ok()?;
            if m == 12 {
                format!("{}-01", y + 1)
            } else {
                format!("{y}-{:02}", m + 1)
            }
        }
        By::Quarter => {
            let q: u32 = p.get(6..7)?.parse().ok()?;
            if q == 4 {
                format!("{}-Q1", y + 1)
            } else {
                format!("{y}-Q{}", q + 1)
            }
        }
    })
}

/// Modalities counted by default: what was done or said, not what was
/// denied or imagined.
pub const DEFAULT_MODALITIES: &[&str] = &["asserted", "reported", "future", "intent"];

/// An actor and how often it acts and is acted on.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorCount {
    pub actor: String,
    pub as_source: i64,
    pub as_target: i64,
}

/// A directed pair and its events.
#[derive(Debug, Clone, PartialEq)]
pub struct PairCount {
    pub source: String,
    pub target: String,
    pub n: i64,
    pub goldstein_mean: f64,
}

impl Store {
    /// The series of pair A, B in both directions, from `pair_counts`.
    /// `modalities` None counts [`DEFAULT_MODALITIES`].
    pub fn series(
        &self,
        a: &str,
        b: &str,
        by: By,
        from: Option<&str>,
        to: Option<&str>,
        modalities: Option<&[&str]>,
    ) -> Result<Series> {
        let a = a.to_ascii_uppercase();
        let b = b.to_ascii_uppercase();
        let mods = modalities.unwrap_or(DEFAULT_MODALITIES);
        let from = from.map(lower).transpose()?;
        let to = to.map(upper).transpose()?;
        let marks: Vec<String> = (0..mods.len()).map(|i| format!("?{}", i + 3)).collect();
        let sql = format!(
            "SELECT src, period, quad, sum(n), sum(gsum) FROM pair_counts
             WHERE ((src = ?1 AND tgt = ?2) OR (src = ?2 AND tgt = ?1)) AND modality IN ({})
             GROUP BY src, period, quad",
            marks.join(", ")
        );
        let mut args: Vec<String> = vec![a.clone(), b.clone()];
        args.extend(mods.iter().map(|m| m.to_string()));
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let mut rows = st
            .query(rusqlite::params_from_iter(args))
            .map_err(|e| self.err(e))?;
        let mut cells: BTreeMap<String, [Cell; 2]> = BTreeMap::new();
        let mut year_only = 0;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let get = || -> rusqlite::Result<(String, String, i64, i64, f64)> {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            };
            let (src, period, quad, n, g) = get().map_err(|e| self.err(e))?;
            // the period's first day against the range
            let start = crate::date_start(&period).unwrap_or_default();
            let end = upper(&period).unwrap_or_default();
            if from.as_ref().is_some_and(|f| end < *f) || to.as_ref().is_some_and(|t| start > *t) {
                continue;
            }
            let Some(key) = period_key(&period, by) else {
                year_only += n;
                continue;
            };
            let dir = if src == a { 0 } else { 1 };
            let c = &mut cells.entry(key).or_default()[dir];
            c.n += n;
            if (1..=4).contains(&quad) {
                c.quad[quad as usize - 1] += n;
            }
            c.goldstein_sum += g;
        }
        let mut out = Vec::new();
        if let (Some(first), Some(last)) = (
            cells.keys().next().cloned(),
            cells.keys().next_back().cloned(),
        ) {
            let mut p = first;
            loop {
                let dirs = cells.get(&p).copied().unwrap_or_default();
                out.push(SeriesRow {
                    period: p.clone(),
                    dirs,
                });
                if p >= last || out.len() > 100_000 {
                    break;
                }
                match next_period(&p, by) {
                    Some(n) => p = n,
                    None => break,
                }
            }
        }
        Ok(Series {
            a,
            b,
            rows: out,
            year_only,
        })
    }

    /// The most active actors (by full code, or by country when
    /// `by_country`) and the most active directed country pairs.
    pub fn actors(
        &self,
        limit: usize,
        by_country: bool,
    ) -> Result<(Vec<ActorCount>, Vec<PairCount>)> {
        let (s, t) = if by_country {
            ("source_country", "target_country")
        } else {
            ("source_code", "target_code")
        };
        let sql = format!(
            "SELECT a, sum(s), sum(t) FROM (
               SELECT {s} a, 1 s, 0 t FROM events WHERE current = 1 AND {s} IS NOT NULL
               UNION ALL
               SELECT {t} a, 0 s, 1 t FROM events WHERE current = 1 AND {t} IS NOT NULL)
             GROUP BY a ORDER BY sum(s) + sum(t) DESC, a LIMIT ?1"
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let actors = st
            .query_map([limit as i64], |r| {
                Ok(ActorCount {
                    actor: r.get(0)?,
                    as_source: r.get(1)?,
                    as_target: r.get(2)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        let mut st = self
            .conn
            .prepare(
                "SELECT source_country, target_country, count(*), avg(goldstein) FROM events
                 WHERE current = 1 AND source_country IS NOT NULL AND target_country IS NOT NULL
                   AND source_country != target_country
                 GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?1",
            )
            .map_err(|e| self.err(e))?;
        let pairs = st
            .query_map([limit as i64], |r| {
                Ok(PairCount {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    n: r.get(2)?,
                    goldstein_mean: r.get::<_, Option<f64>>(3)?.unwrap_or(0.0),
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok((actors, pairs))
    }

    /// Checks that a country code looks like one, for a clear usage error.
    pub fn check_country(code: &str) -> Result<()> {
        if (2..=6).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::Usage,
                format!("\"{code}\" is not a country code (e.g. CHN, RUS, USA)"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_step_and_group() {
        assert_eq!(
            next_period("2021-12", By::Month).as_deref(),
            Some("2022-01")
        );
        assert_eq!(
            next_period("2021-Q4", By::Quarter).as_deref(),
            Some("2022-Q1")
        );
        assert_eq!(next_period("2021", By::Year).as_deref(), Some("2022"));
        assert_eq!(
            period_key("2021-08", By::Quarter).as_deref(),
            Some("2021-Q3")
        );
        assert_eq!(period_key("2021", By::Month), None);
        assert_eq!(period_key("2021-08", By::Year).as_deref(), Some("2021"));
    }
}
