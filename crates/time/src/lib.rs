//! Temporal tagger for news and diplomatic text.
//!
//! [`Tagger::tag`] finds the temporal expressions of one sentence ("in
//! December 2021", "Twenty years ago", "by 2024", "the first 11 months of
//! 2021", "On the eve of July 1") and resolves each against the document
//! date into a [`TimeValue`] at the precision the text gives, with a
//! [`Relation`] ("by 2024" is *before*, "since 2000" *after*) and the name of
//! the rule that fired (for `dyad explain`). Spans are byte ranges into the
//! caller's text.
//!
//! # Design
//!
//! * **Words are data, grammar is code.** Month and weekday names, number
//!   and ordinal words, seasons, holidays (with a table of Chinese New Year
//!   dates), relation phrases and the unit words that stop a number from
//!   being a year are plain text files under `data/lexicon/temporal/`,
//!   embedded with `include_str!` and validated at load with `file:line`
//!   errors and a suggested fix ([`LexError`]). The small closed set of
//!   grammar words the rules test for ("ago", "last", "of", ...) lives in the
//!   code, beside the rules that use it.
//! * **Cheap first pass.** The sentence is cut into tokens (letters, digits,
//!   single punctuation) without allocating per token; each word is looked up
//!   once (a length/first-letter bitmask rejects most words before hashing).
//!   If no token is a digit or a calendar word ("December", "Tuesday",
//!   "year", "ago", "Christmas", ...) the sentence is done.
//! * **Rules as functions, longest match wins.** Each rule looks at the
//!   tokens from one position and fails on the first token that does not
//!   fit; at each position the longest match of any rule is kept, then the
//!   scan resumes after it. A relation phrase ("by", "since", "until",
//!   "around") directly before an expression is folded into it.
//! * **Resolution is explicit and needs no clock.** Nothing reads the system
//!   time. Relative expressions resolve against the document date given to
//!   [`Tagger::tag`]; without one they stay [`TimeValue::Unresolved`] while
//!   absolute ones still resolve.
//!
//! # Resolution rules
//!
//! * A month and day without a year ("Dec. 15", "July 1") take the latest
//!   year in which that day is at most about two months (61 days) after the
//!   document date: news mostly reports the past, but does announce the near
//!   future. With a document date of 2022-01-01, "July 1" is 2021-07-01 and
//!   "February 5" is 2022-02-05. A month alone ("in December") works the same
//!   way at month precision (at most two months after the document's month).
//! * A quarter, half or "the first N months" without a year takes the latest
//!   year in which the period ends no more than two months after the
//!   document's month.
//! * A bare weekday ("on Tuesday") is the most recent such day on or before
//!   the document date (news is written in the past tense); "last Tuesday"
//!   is the most recent one strictly before it; "this Tuesday" is the one in
//!   the document's ISO week (Monday to Sunday) and "next Tuesday" the one in
//!   the following week.
//! * "last week" / "this week" / "next week" are the Monday-to-Sunday range of
//!   that ISO week.
//! * "N years ago" is the year (document year - N); "two decades ago" is
//!   20 years. "N months ago" is a month, "N days/weeks ago" a day.
//! * "the past decade", "the past N years" are the N whole years before the
//!   document's year (rolling); "this decade"/"next decade" are calendar
//!   decades; "the 21st century" is 2001-2100.
//! * Parts of a year: "early" is January-June and "late" July-December;
//!   "the beginning of" is January-April, "mid"/"the middle of" May-August,
//!   "the end of" September-December. Parts of a month: "early"/"beginning
//!   of" days 1-15, "mid" days 10-20, "late"/"end of" day 16 to the end.
//! * "in recent years" is deliberately [`TimeValue::Unresolved`]: any span
//!   would be invented.
//! * "the same period last year" is the period one year before the last
//!   resolved expression earlier in the same sentence ("the first 11 months
//!   of 2021 ... the same period last year" is January-November 2020), or the
//!   year before the document's year when there is none.
//! * A bare 4-digit number is a year only in 1900..=2100, when it is not part
//!   of a larger number ("2,000", "2021.5") and is not next to a unit or
//!   currency word from `units.txt` ("2000 troops", "US$ 2021").

mod lexicon;
mod parse;
mod token;
mod value;

use std::sync::OnceLock;

use chrono::NaiveDate;
use dyad_text::Span;

pub use lexicon::LexError;
pub use value::{iso_day, Relation, TimeValue};

/// One temporal expression found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// Byte span into the text given to [`Tagger::tag`]; includes a relation
    /// word ("by 2024") but not a plain preposition ("in 2021" -> "2021").
    pub span: Span,
    pub value: TimeValue,
    /// Name of the rule that matched (shown by `dyad explain`).
    pub rule: &'static str,
    pub relation: Relation,
}

/// A compiled temporal lexicon; cheap to share, immutable.
#[derive(Debug, Clone)]
pub struct Tagger {
    lx: lexicon::Lexicon,
}

/// The built-in word lists, as `(path, contents)`.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "temporal/months.txt",
        include_str!("../../../data/lexicon/temporal/months.txt"),
    ),
    (
        "temporal/weekdays.txt",
        include_str!("../../../data/lexicon/temporal/weekdays.txt"),
    ),
    (
        "temporal/numbers.txt",
        include_str!("../../../data/lexicon/temporal/numbers.txt"),
    ),
    (
        "temporal/ordinals.txt",
        include_str!("../../../data/lexicon/temporal/ordinals.txt"),
    ),
    (
        "temporal/seasons.txt",
        include_str!("../../../data/lexicon/temporal/seasons.txt"),
    ),
    (
        "temporal/holidays.txt",
        include_str!("../../../data/lexicon/temporal/holidays.txt"),
    ),
    (
        "temporal/lunar_new_year.txt",
        include_str!("../../../data/lexicon/temporal/lunar_new_year.txt"),
    ),
    (
        "temporal/units.txt",
        include_str!("../../../data/lexicon/temporal/units.txt"),
    ),
    (
        "temporal/relations.txt",
        include_str!("../../../data/lexicon/temporal/relations.txt"),
    ),
];

impl Tagger {
    /// The tagger over the built-in word lists, compiled once.
    pub fn builtin() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            let files: Vec<(String, String)> = BUILTIN_FILES
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect();
            match Tagger::from_files(&files) {
                Ok(t) => t,
                // The built-in lists are checked by the test suite; should
                // they ever be broken, tag nothing rather than panic.
                Err(_) => Tagger {
                    lx: lexicon::Lexicon::default(),
                },
            }
        })
    }

    /// Compiles word lists given as `(path, contents)`; the kind of each file
    /// is its base name (`months.txt`, `holidays.txt`, ...). All problems are
    /// returned, each with its file and line.
    pub fn from_files(files: &[(String, String)]) -> Result<Tagger, Vec<LexError>> {
        lexicon::compile(files).map(|lx| Tagger { lx })
    }

    /// Temporal expressions in `text[span]`, left to right, not
    /// overlapping; spans are absolute into `text`. `doc_date` anchors the
    /// relative ones (a date outside the years 1000..=9000 counts as absent).
    /// An out-of-range span gives no expressions.
    ///
    /// ```
    /// use dyad_time::{Relation, Tagger, TimeValue};
    /// let text = "Trade should reach US$200 billion by 2024, up from 2021.";
    /// let doc = chrono::NaiveDate::from_ymd_opt(2022, 1, 1);
    /// let found = Tagger::builtin().tag(text, dyad_text::Span::new(0, text.len()), doc);
    /// assert_eq!(found[0].value, TimeValue::Year(2024));
    /// assert_eq!(found[0].relation, Relation::Before);
    /// assert_eq!(&text[found[0].span.start..found[0].span.end], "by 2024");
    /// assert_eq!(found[1].value.iso(), "2021");
    /// ```
    pub fn tag(&self, text: &str, span: Span, doc_date: Option<NaiveDate>) -> Vec<TimeExpr> {
        let end = span.end.min(text.len());
        match text.get(span.start..end) {
            Some(s) if token::prescan(s, &self.lx) => {}
            _ => return Vec::new(),
        }
        let mut toks = Vec::with_capacity(64);
        if !token::tokenize(text, span.start, end, &self.lx, &mut toks) {
            return Vec::new();
        }
        // Calendar arithmetic stays far from chrono's limits: a document
        // date outside 1000..=9000 is treated as absent.
        let doc_date = doc_date.filter(|d| (1000..=9000).contains(&chrono::Datelike::year(d)));
        let cx = parse::Cx {
            text,
            t: &toks,
            lx: &self.lx,
            doc: doc_date,
        };
        let mut out: Vec<TimeExpr> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let Some(m) = cx.match_at(i) else {
                i += 1;
                continue;
            };
            let end = m.end.max(i + 1).min(toks.len());
            let mut value = m.val;
            if m.rule == "same_period_last_year" && value.is_resolved() {
                if let Some(prev) = out.iter().rev().find_map(|e| e.value.shift_years(-1)) {
                    value = prev;
                }
            }
            out.push(TimeExpr {
                span: Span::new(toks[i].start, toks[end - 1].end),
                value,
                rule: m.rule,
                relation: m.rel,
            });
            i = end;
        }
        out
    }

    /// Convenience: tag a whole string.
    pub fn tag_str(&self, text: &str, doc_date: Option<NaiveDate>) -> Vec<TimeExpr> {
        self.tag(text, Span::new(0, text.len()), doc_date)
    }
}
