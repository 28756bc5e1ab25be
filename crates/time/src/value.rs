//! Resolved values of temporal expressions and the calendar arithmetic the
//! rules share.

use chrono::{Datelike, Duration, NaiveDate};

/// What a temporal expression denotes, at the precision the text gives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TimeValue {
    /// A calendar day.
    Day(NaiveDate),
    /// A calendar month: year, month 1..=12.
    Month(i32, u32),
    /// A calendar year.
    Year(i32),
    /// A quarter: year, quarter 1..=4.
    Quarter(i32, u32),
    /// An inclusive interval from the start of the first value to the end of
    /// the second ("the 1990s" is `Range(Year(1990), Year(1999))`).
    Range(Box<TimeValue>, Box<TimeValue>),
    /// A temporal expression that cannot be placed on the calendar (a
    /// relative one without a document date, "in recent years"); the text
    /// is kept for `dyad explain`.
    Unresolved(String),
}

/// How the event relates to the time the expression names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Relation {
    /// At (within) the time: "in 2021", "on Tuesday".
    #[default]
    At,
    /// By or until the time: "by 2024", "until 2030".
    Before,
    /// From the time on: "since 2000".
    After,
    /// Near the time: "on the eve of July 1", "around 2000".
    Around,
}

impl Relation {
    /// Lower-case name, as the JSON records write it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Relation::At => "at",
            Relation::Before => "before",
            Relation::After => "after",
            Relation::Around => "around",
        }
    }
}

impl TimeValue {
    /// ISO 8601 at the value's precision: `"2021"`, `"2021-12"`,
    /// `"2021-12-15"`; a quarter or range as an interval
    /// `"2021-07/2021-09"`. An unresolved value gives the empty string.
    pub fn iso(&self) -> String {
        match self {
            TimeValue::Day(d) => iso_day(*d),
            TimeValue::Month(y, m) => format!("{}-{:02}", fmt_year(*y), m),
            TimeValue::Year(y) => fmt_year(*y),
            TimeValue::Quarter(..) | TimeValue::Range(..) => {
                let (a, b) = (self.iso_start(), self.iso_end());
                if a == b {
                    a
                } else {
                    format!("{a}/{b}")
                }
            }
            TimeValue::Unresolved(_) => String::new(),
        }
    }

    fn iso_start(&self) -> String {
        match self {
            TimeValue::Quarter(y, q) => format!("{}-{:02}", fmt_year(*y), (q - 1) * 3 + 1),
            TimeValue::Range(a, _) => a.iso_start(),
            other => other.iso(),
        }
    }

    fn iso_end(&self) -> String {
        match self {
            TimeValue::Quarter(y, q) => format!("{}-{:02}", fmt_year(*y), q * 3),
            TimeValue::Range(_, b) => b.iso_end(),
            other => other.iso(),
        }
    }

    /// True unless the value is [`TimeValue::Unresolved`].
    pub fn is_resolved(&self) -> bool {
        !matches!(self, TimeValue::Unresolved(_))
    }

    /// The first and last day the value covers (inclusive), if resolved.
    pub fn bounds(&self) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            TimeValue::Day(d) => Some((*d, *d)),
            TimeValue::Month(y, m) => Some((ymd(*y, *m, 1)?, month_end(*y, *m)?)),
            TimeValue::Year(y) => Some((ymd(*y, 1, 1)?, ymd(*y, 12, 31)?)),
            TimeValue::Quarter(y, q) => {
                let m0 = (q.checked_sub(1)?) * 3 + 1;
                Some((ymd(*y, m0, 1)?, month_end(*y, m0 + 2)?))
            }
            TimeValue::Range(a, b) => Some((a.bounds()?.0, b.bounds()?.1)),
            TimeValue::Unresolved(_) => None,
        }
    }

    /// The same value moved by `years` (for "the same period last year").
    pub fn shift_years(&self, years: i32) -> Option<TimeValue> {
        Some(match self {
            TimeValue::Day(d) => {
                let y = d.year() + years;
                // 29 February moves to 28 February in a common year.
                TimeValue::Day(ymd(y, d.month(), d.day()).or_else(|| ymd(y, d.month(), 28))?)
            }
            TimeValue::Month(y, m) => TimeValue::Month(y + years, *m),
            TimeValue::Year(y) => TimeValue::Year(y + years),
            TimeValue::Quarter(y, q) => TimeValue::Quarter(y + years, *q),
            TimeValue::Range(a, b) => TimeValue::Range(
                Box::new(a.shift_years(years)?),
                Box::new(b.shift_years(years)?),
            ),
            TimeValue::Unresolved(_) => return None,
        })
    }

    pub(crate) fn range(a: TimeValue, b: TimeValue) -> TimeValue {
        if a == b {
            a
        } else {
            TimeValue::Range(Box::new(a), Box::new(b))
        }
    }
}

impl std::fmt::Display for TimeValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TimeValue::Unresolved(s) => write!(f, "unresolved({s})"),
            v => f.write_str(&v.iso()),
        }
    }
}

/// A day as ISO 8601, `YYYY-MM-DD`: what chrono's `format("%Y-%m-%d")`
/// writes, without parsing the format at every call (~1,700 instructions;
/// every event dated by its document's date writes one). A year outside
/// 0..=9999, which chrono writes with a sign, is left to chrono.
pub fn iso_day(d: NaiveDate) -> String {
    use chrono::Datelike;
    let y = d.year();
    if !(0..10000).contains(&y) {
        return d.format("%Y-%m-%d").to_string();
    }
    let (y, m, day) = (y as u32, d.month(), d.day());
    let digit = |n: u32| char::from(b'0' + n as u8);
    let mut s = String::with_capacity(10);
    s.push(digit(y / 1000));
    s.push(digit(y / 100 % 10));
    s.push(digit(y / 10 % 10));
    s.push(digit(y % 10));
    s.push('-');
    s.push(digit(m / 10));
    s.push(digit(m % 10));
    s.push('-');
    s.push(digit(day / 10));
    s.push(digit(day % 10));
    s
}

fn fmt_year(y: i32) -> String {
    if (0..10000).contains(&y) {
        format!("{y:04}")
    } else {
        y.to_string()
    }
}

pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(crate) fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m >= 12 { (y + 1, 1) } else { (y, m + 1) };
    Some(ymd(ny, nm, 1)? - Duration::days(1))
}

/// Month arithmetic on a (year, month) pair.
pub(crate) fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// How far after the document date a date without a year may lie and still
/// be read in the document's year (see the crate docs: "nearest sensible
/// year").
pub(crate) const FUTURE_WINDOW_DAYS: i64 = 61;
pub(crate) const FUTURE_WINDOW_MONTHS: i32 = 2;

/// The year for a month and day written without one: the latest year in
/// which that day is not more than about two months after the document date.
pub(crate) fn infer_year_day(m: u32, d: u32, doc: NaiveDate) -> Option<i32> {
    let limit = doc + Duration::days(FUTURE_WINDOW_DAYS);
    for y in [
        doc.year() + 1,
        doc.year(),
        doc.year() - 1,
        doc.year() - 2,
        doc.year() - 3,
        doc.year() - 4,
    ] {
        if let Some(date) = ymd(y, m, d) {
            if date <= limit {
                return Some(y);
            }
        }
    }
    None
}

/// The year for a month written without one: the latest year in which the
/// month starts no more than two months after the document's month.
pub(crate) fn infer_year_month(m: u32, doc: NaiveDate) -> i32 {
    let doc_idx = doc.year() * 12 + doc.month() as i32 - 1 + FUTURE_WINDOW_MONTHS;
    let mut y = doc.year() + 1;
    while y * 12 + m as i32 - 1 > doc_idx {
        y -= 1;
    }
    y
}

/// Monday of the ISO week holding `d`.
pub(crate) fn week_start(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `iso_day` writes what chrono's `format("%Y-%m-%d")` writes, over
    /// four centuries of days, the years around 0 and 9999, and chrono's
    /// extremes.
    #[test]
    fn iso_day_is_chronos_format() {
        let chrono_iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let mut d = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
        while d.year() < 2200 {
            assert_eq!(iso_day(d), chrono_iso(d));
            d = d.succ_opt().unwrap();
        }
        for y in [-10000, -1, 0, 1, 9, 99, 999, 1000, 9999, 10000, 123456] {
            for (m, day) in [(1, 1), (2, 28), (12, 31)] {
                let d = NaiveDate::from_ymd_opt(y, m, day).unwrap();
                assert_eq!(iso_day(d), chrono_iso(d), "{y}");
            }
        }
        for d in [NaiveDate::MIN, NaiveDate::MAX] {
            assert_eq!(iso_day(d), chrono_iso(d));
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn iso_forms() {
        assert_eq!(TimeValue::Year(2021).iso(), "2021");
        assert_eq!(TimeValue::Month(2021, 12).iso(), "2021-12");
        assert_eq!(TimeValue::Day(d("2021-12-15")).iso(), "2021-12-15");
        assert_eq!(TimeValue::Quarter(2021, 3).iso(), "2021-07/2021-09");
        let r = TimeValue::range(TimeValue::Month(2021, 7), TimeValue::Month(2021, 12));
        assert_eq!(r.iso(), "2021-07/2021-12");
        assert_eq!(TimeValue::Unresolved("x".into()).iso(), "");
    }

    #[test]
    fn bounds_and_shift() {
        assert_eq!(
            TimeValue::Quarter(2021, 4).bounds(),
            Some((d("2021-10-01"), d("2021-12-31")))
        );
        assert_eq!(
            TimeValue::Day(d("2020-02-29")).shift_years(-1),
            Some(TimeValue::Day(d("2019-02-28")))
        );
    }

    #[test]
    fn year_inference() {
        let doc = d("2022-01-01");
        assert_eq!(infer_year_day(7, 1, doc), Some(2021));
        assert_eq!(infer_year_day(2, 15, doc), Some(2022));
        assert_eq!(infer_year_month(12, doc), 2021);
        assert_eq!(infer_year_month(2, doc), 2022);
        assert_eq!(infer_year_month(3, doc), 2022);
        assert_eq!(infer_year_month(4, doc), 2021);
        assert_eq!(infer_year_day(1, 5, d("2021-12-15")), Some(2022));
        assert_eq!(add_months(2022, 1, -1), (2021, 12));
        assert_eq!(add_months(2021, 12, 1), (2022, 1));
    }
}
