//! The rules. Each rule looks at the token stream from one position and
//! either fails fast on the first token or returns how far it matched, the
//! resolved value and its name. The tagger keeps the longest match at the
//! leftmost position.

use chrono::{Datelike, Duration, NaiveDate};

use crate::lexicon::{Anchor, Kw, Lexicon, PhraseKind};
use crate::token::{Kind, Tok};
use crate::value::{
    add_months, infer_year_day, infer_year_month, month_end, week_start, ymd, Relation, TimeValue,
};

pub(crate) struct M {
    pub end: usize,
    pub val: TimeValue,
    pub rule: &'static str,
    pub rel: Relation,
}

impl M {
    fn new(end: usize, val: TimeValue, rule: &'static str) -> M {
        M {
            end,
            val,
            rule,
            rel: Relation::At,
        }
    }
}

/// A date with the parts the text gave.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Dp {
    y: Option<i32>,
    m: Option<u32>,
    d: Option<u32>,
}

/// Months whose full name is also a common English word: bare, they need a
/// preposition or modifier before them to count as a month.
const AMBIGUOUS_MONTHS: &[u32] = &[3, 5];

pub(crate) struct Cx<'a> {
    pub text: &'a str,
    pub t: &'a [Tok],
    pub lx: &'a Lexicon,
    pub doc: Option<NaiveDate>,
}

impl<'a> Cx<'a> {
    const RULES: [fn(&Cx<'a>, usize) -> Option<M>; 17] = [
        Self::r_range,
        Self::r_date,
        Self::r_eve,
        Self::r_holiday,
        Self::r_decade,
        Self::r_century,
        Self::r_same_period,
        Self::r_relative,
        Self::r_ago,
        Self::r_deictic,
        Self::r_weekday,
        Self::r_month_rel,
        Self::r_part,
        Self::r_fraction,
        Self::r_season,
        Self::r_recent,
        Self::r_year,
    ];

    // ---- token helpers -------------------------------------------------

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.t.get(i)
    }
    fn kw(&self, i: usize) -> Kw {
        match self.t.get(i) {
            Some(t) if t.kind == Kind::Word => t.lex.kw,
            _ => Kw::None,
        }
    }
    fn is(&self, i: usize, k: Kw) -> bool {
        self.kw(i) == k
    }
    fn punct(&self, i: usize, c: char) -> bool {
        matches!(self.t.get(i), Some(t) if t.kind == Kind::Punct && t.ch == c)
    }
    fn glued(&self, i: usize) -> bool {
        matches!(self.t.get(i), Some(t) if !t.space_before)
    }
    fn txt(&self, i: usize) -> &'a str {
        self.t
            .get(i)
            .map(|t| &self.text[t.start..t.end])
            .unwrap_or("")
    }
    fn skip_the(&self, i: usize) -> usize {
        if self.is(i, Kw::The) {
            i + 1
        } else {
            i
        }
    }
    fn capitalised(&self, i: usize) -> bool {
        self.txt(i).chars().next().is_some_and(char::is_uppercase)
    }
    fn unres(&self, i: usize, end: usize) -> TimeValue {
        let s = match (
            self.t.get(i),
            end.checked_sub(1).and_then(|e| self.t.get(e)),
        ) {
            (Some(a), Some(b)) if a.start <= b.end => &self.text[a.start..b.end],
            _ => "",
        };
        TimeValue::Unresolved(s.to_string())
    }
    fn num(&self, i: usize, max_digits: usize) -> Option<u32> {
        match self.t.get(i) {
            Some(t) if t.kind == Kind::Num && t.len() <= max_digits => Some(t.num),
            _ => None,
        }
    }

    /// Could a rule start at token `i`? (fast reject)
    pub fn may_start(&self, i: usize) -> bool {
        match self.t.get(i) {
            Some(t) => match t.kind {
                Kind::Num | Kind::Alnum => true,
                Kind::Punct => t.ch == '\'',
                Kind::Word => {
                    let l = &t.lex;
                    l.kw != Kw::None
                        || l.month > 0
                        || l.weekday > 0
                        || l.card.is_some()
                        || l.ord.is_some()
                        || l.season > 0
                        || l.phrase
                }
            },
            None => false,
        }
    }

    /// Does token `i` mark a time (what [`Cx::may_start`] accepts, but
    /// for a bare function word: "the", "of", "in", "a", "from" ...)? Every
    /// rule that matches at `i` reads such a token at `i`, `i + 1` or
    /// `i + 2` (a function word is only ever skipped before one: "the",
    /// "on the", "from", "between", "a" before "year ago"; a relation
    /// phrase's first word is marked as a phrase), so [`Cx::match_at`]
    /// skips a position without one there and does not try the rules.
    fn marks_time(&self, i: usize) -> bool {
        match self.t.get(i) {
            Some(t) if t.kind == Kind::Word => {
                let l = &t.lex;
                !matches!(
                    l.kw,
                    Kw::None
                        | Kw::The
                        | Kw::Of
                        | Kw::In
                        | Kw::On
                        | Kw::During
                        | Kw::From
                        | Kw::To
                        | Kw::Between
                        | Kw::And
                        | Kw::Through
                        | Kw::Until
                        | Kw::A
                        | Kw::Before
                        | Kw::After
                        | Kw::Since
                        | Kw::By
                ) || l.month > 0
                    || l.weekday > 0
                    || l.card.is_some()
                    || l.ord.is_some()
                    || l.season > 0
                    || l.phrase
            }
            Some(_) => self.may_start(i),
            None => false,
        }
    }

    // ---- numbers -------------------------------------------------------

    /// A cardinal: digits or number words ("twenty one", "twenty-one").
    fn card(&self, i: usize) -> Option<(usize, u32)> {
        if let Some(n) = self.num(i, 6) {
            if self.punct(i + 1, ',') && self.glued(i + 1) && self.num(i + 2, 3).is_some() {
                return None;
            }
            return Some((i + 1, n));
        }
        let t = self.tok(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let n = t.lex.card?;
        if (20..=90).contains(&n) && n % 10 == 0 {
            let j = if self.punct(i + 1, '-') { i + 2 } else { i + 1 };
            if let Some(u) = self
                .tok(j)
                .filter(|u| u.kind == Kind::Word)
                .and_then(|u| u.lex.card)
            {
                if (1..=9).contains(&u) {
                    return Some((j + 1, n + u));
                }
            }
        }
        Some((i + 1, n))
    }

    /// A count for "N years ago": a cardinal or "a"/"an".
    fn count(&self, i: usize) -> Option<(usize, u32)> {
        if self.is(i, Kw::A) {
            return Some((i + 1, 1));
        }
        self.card(i)
    }

    /// An ordinal: "21st", "third", "twenty-first".
    fn ordinal(&self, i: usize) -> Option<(usize, u32)> {
        let t = self.tok(i)?;
        match t.kind {
            Kind::Alnum => {
                let s = self.txt(i);
                let split = s.find(|c: char| !c.is_ascii_digit())?;
                let (d, suf) = s.split_at(split);
                let suf = suf.to_ascii_lowercase();
                if !d.is_empty()
                    && d.len() <= 3
                    && matches!(suf.as_str(), "st" | "nd" | "rd" | "th")
                {
                    return Some((i + 1, d.parse().ok()?));
                }
                None
            }
            Kind::Word => {
                if let Some(o) = t.lex.ord {
                    return Some((i + 1, o));
                }
                let n = t.lex.card?;
                if (20..=90).contains(&n) && n % 10 == 0 {
                    let j = if self.punct(i + 1, '-') { i + 2 } else { i + 1 };
                    if let Some(u) = self
                        .tok(j)
                        .filter(|u| u.kind == Kind::Word)
                        .and_then(|u| u.lex.ord)
                    {
                        if (1..=9).contains(&u) {
                            return Some((j + 1, n + u));
                        }
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// A day of the month: 1-2 digits, or an ordinal.
    fn day_num(&self, i: usize, allow_words: bool) -> Option<(usize, u32)> {
        let (j, d) = if let Some(n) = self.num(i, 2) {
            // "15:30", "15%", "15.5" are not days.
            if self.glued(i + 1)
                && (self.punct(i + 1, ':')
                    || self.punct(i + 1, '%')
                    || (self.punct(i + 1, '.')
                        && self.num(i + 2, 9).is_some()
                        && self.glued(i + 2)))
            {
                return None;
            }
            (i + 1, n)
        } else if let Some(o) = self.ordinal(i) {
            if self.tok(i)?.kind == Kind::Word && !allow_words {
                return None;
            }
            o
        } else if allow_words {
            let (j, n) = self.card(i)?;
            if self.tok(i)?.kind != Kind::Word {
                return None;
            }
            (j, n)
        } else {
            return None;
        };
        (1..=31).contains(&d).then_some((j, d))
    }

    /// A 4-digit year 1900..=2100 that is not part of a bigger number or a
    /// quantity with a unit.
    fn year_at(&self, i: usize) -> Option<(usize, i32)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.len() != 4 || !(1900..=2100).contains(&t.num) {
            return None;
        }
        // The year of a numeric date ("2021-12-15") is not a year alone.
        if self.glued(i + 1) && self.numeric_date(i).is_some() {
            return None;
        }
        // Part of a number: "12,2021", "2,021,000", "2021.5".
        if self.glued(i)
            && i > 0
            && (self.punct(i - 1, ',') || self.punct(i - 1, '.'))
            && i >= 2
            && self.num(i - 2, 9).is_some()
            && self.glued(i - 1)
        {
            return None;
        }
        if self.glued(i + 1)
            && (self.punct(i + 1, ',') || self.punct(i + 1, '.'))
            && self.glued(i + 2)
            && self.num(i + 2, 9).is_some()
        {
            return None;
        }
        if let Some(n) = self.tok(i + 1) {
            match n.kind {
                Kind::Word if n.lex.unit_after => return None,
                Kind::Punct if n.ch == '%' => return None,
                _ => {}
            }
        }
        if i > 0 {
            if let Some(p) = self.tok(i - 1) {
                match p.kind {
                    Kind::Word if p.lex.unit_before => return None,
                    Kind::Punct if matches!(p.ch, '$' | '\u{20ac}' | '\u{a3}' | '\u{a5}' | '#') => {
                        return None
                    }
                    _ => {}
                }
            }
        }
        Some((i + 1, t.num as i32))
    }

    /// The year of "this year" / "last year" / "next year" at `i`.
    fn rel_year(&self, i: usize) -> Option<(usize, i32)> {
        let off = match self.kw(i) {
            Kw::This | Kw::Current => 0,
            Kw::Last | Kw::Previous => -1,
            Kw::Next | Kw::Coming => 1,
            _ => return None,
        };
        if !self.is(i + 1, Kw::Year) || self.txt(i + 1).eq_ignore_ascii_case("years") {
            return None;
        }
        Some((i + 2, self.doc?.year() + off))
    }

    /// A year given by number or as this/last/next year; `Err(end)` when the
    /// words are there but there is no document date to resolve them.
    fn year_target(&self, i: usize) -> Option<(usize, Option<i32>)> {
        if let Some((j, y)) = self.year_at(i) {
            return Some((j, Some(y)));
        }
        if matches!(
            self.kw(i),
            Kw::This | Kw::Current | Kw::Last | Kw::Previous | Kw::Next | Kw::Coming
        ) && self.is(i + 1, Kw::Year)
            && !self.txt(i + 1).eq_ignore_ascii_case("years")
        {
            return Some((i + 2, self.rel_year(i).map(|(_, y)| y)));
        }
        None
    }

    fn month_tok(&self, i: usize) -> Option<u32> {
        match self.tok(i) {
            Some(t) if t.kind == Kind::Word && t.lex.month > 0 => Some(t.lex.month as u32),
            _ => None,
        }
    }

    // ---- date atoms ----------------------------------------------------

    /// Numeric dates: 2021-12-15, 12/15/2021, 15.12.2021, 2016-11, 11/2016.
    fn numeric_date(&self, i: usize) -> Option<(usize, Dp)> {
        let a = self.tok(i).filter(|t| t.kind == Kind::Num)?;
        let sep = self
            .tok(i + 1)
            .filter(|t| t.kind == Kind::Punct && !t.space_before)?
            .ch;
        if !matches!(sep, '-' | '/' | '.') {
            return None;
        }
        let b = self
            .tok(i + 2)
            .filter(|t| t.kind == Kind::Num && !t.space_before)?;
        let three = self.punct(i + 3, sep)
            && self.glued(i + 3)
            && self.glued(i + 4)
            && self.num(i + 4, 4).is_some();
        if three {
            let c = self.tok(i + 4)?;
            // Reject longer chains (version numbers, phone numbers).
            if self.glued(i + 5)
                && self.tok(i + 5).is_some_and(|t| {
                    t.kind == Kind::Num
                        || (t.kind == Kind::Punct && t.ch == sep && self.num(i + 6, 9).is_some())
                })
            {
                return None;
            }
            let (y, m, d) = if a.len() == 4 {
                (a.num as i32, b.num, c.num)
            } else {
                if b.len() > 2 || a.len() > 2 || !(c.len() == 4 || (c.len() == 2 && sep != '.')) {
                    return None;
                }
                let y = if c.len() == 4 {
                    c.num as i32
                } else if c.num < 50 {
                    2000 + c.num as i32
                } else {
                    1900 + c.num as i32
                };
                if sep == '.' || a.num > 12 {
                    (y, b.num, a.num)
                } else {
                    (y, a.num, b.num)
                }
            };
            ymd(y, m, d)?;
            return Some((
                i + 5,
                Dp {
                    y: Some(y),
                    m: Some(m),
                    d: Some(d),
                },
            ));
        }
        if self.glued(i + 3)
            && self.tok(i + 3).is_some_and(|t| {
                t.kind == Kind::Num || (t.kind == Kind::Punct && matches!(t.ch, '-' | '/' | '.'))
            })
        {
            return None;
        }
        if sep == '.' {
            return None;
        }
        if a.len() == 4
            && (1900..=2100).contains(&a.num)
            && b.len() <= 2
            && (1..=12).contains(&b.num)
        {
            return Some((
                i + 3,
                Dp {
                    y: Some(a.num as i32),
                    m: Some(b.num),
                    d: None,
                },
            ));
        }
        if a.len() <= 2
            && (1..=12).contains(&a.num)
            && b.len() == 4
            && (1900..=2100).contains(&b.num)
        {
            return Some((
                i + 3,
                Dp {
                    y: Some(b.num as i32),
                    m: Some(a.num),
                    d: None,
                },
            ));
        }
        // Month/day without a year only after "on": "on 4/22".
        if sep == '/' && a.len() <= 2 && b.len() <= 2 && i > 0 && self.is(i - 1, Kw::On) {
            let (m, d) = if a.num > 12 {
                (b.num, a.num)
            } else {
                (a.num, b.num)
            };
            ymd(2000, m, d)?;
            return Some((
                i + 3,
                Dp {
                    y: None,
                    m: Some(m),
                    d: Some(d),
                },
            ));
        }
        None
    }

    /// After a month name at `i` (already checked), an optional full stop.
    fn after_month(&self, i: usize) -> usize {
        if self.punct(i + 1, '.') && self.glued(i + 1) && self.txt(i).len() <= 4 {
            // Only swallow the dot when the date goes on.
            let k = i + 2;
            if self.day_num(k, false).is_some() || self.year_at(k).is_some() || self.punct(k, ',') {
                return i + 2;
            }
        }
        i + 1
    }

    /// An optional ", 2021" / " 2021" / " of 2021" after a day or month.
    fn opt_year(&self, k: usize, allow_of: bool) -> (usize, Option<i32>) {
        let j = if self.punct(k, ',') || (allow_of && self.is(k, Kw::Of)) {
            k + 1
        } else {
            k
        };
        match self.year_at(j) {
            Some((e, y)) => (e, Some(y)),
            None => (k, None),
        }
    }

    /// Month-name dates, optionally after a weekday: "December 15, 2021",
    /// "Dec. 15", "December 2021", "15 December 2021", "the 1st of May",
    /// "Monday, January 12th, 2016". Bare months and bare days are included
    /// (`bare` says whether a bare month is allowed here).
    fn name_date(&self, i: usize, bare: bool) -> Option<(usize, Dp, &'static str)> {
        let mut j = i;
        if let Some(t) = self.tok(j) {
            if t.kind == Kind::Word && t.lex.weekday > 0 {
                j += 1;
                if self.punct(j, ',') {
                    j += 1;
                }
            }
        }
        let weekday = j > i;
        // Month and day run together: "June12", "Oct2".
        if let Some(t) = self.tok(j).filter(|t| t.kind == Kind::Alnum) {
            let w = self.txt(j);
            let split = w.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
            let (name, digits) = w.split_at(split);
            if split > 0 && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()) {
                if let (Some(l), Ok(d)) = (self.lx.get(name), digits.parse::<u32>()) {
                    let m = l.month as u32;
                    if m > 0 && ymd(2000, m, d).is_some() && t.len() > 2 {
                        let (e2, y) = self.opt_year(j + 1, false);
                        let rule = if y.is_some() {
                            "month_day_year"
                        } else {
                            "month_day"
                        };
                        return Some((
                            e2,
                            Dp {
                                y,
                                m: Some(m),
                                d: Some(d),
                            },
                            rule,
                        ));
                    }
                }
            }
        }
        // Month first.
        if let Some(m) = self.month_tok(j) {
            let k = self.after_month(j);
            let kk = if self.is(k, Kw::The) { k + 1 } else { k };
            if let Some((e, d)) = self.day_num(kk, true) {
                // A day number glued to a following word is not a day
                // ("May 5G"); a 2-digit number followed by a unit is not one.
                let unit = self
                    .tok(e)
                    .is_some_and(|t| t.kind == Kind::Word && t.lex.unit_after);
                let is_digits = self.tok(kk).is_some_and(|t| t.kind != Kind::Word);
                if !unit && (self.capitalised(j) || is_digits) && ymd(2000, m, d).is_some() {
                    let (e2, y) = self.opt_year(e, false);
                    return Some((
                        e2,
                        Dp {
                            y,
                            m: Some(m),
                            d: Some(d),
                        },
                        if y.is_some() {
                            "month_day_year"
                        } else {
                            "month_day"
                        },
                    ));
                }
            }
            if let (e, Some(y)) = self.opt_year(k, true) {
                return Some((
                    e,
                    Dp {
                        y: Some(y),
                        m: Some(m),
                        d: None,
                    },
                    "month_year",
                ));
            }
            if weekday {
                return None;
            }
            let t = self.tok(j)?;
            if bare && t.lex.month_full && self.capitalised(j) {
                let cue = j > 0
                    && matches!(
                        self.kw(j - 1),
                        Kw::In
                            | Kw::Since
                            | Kw::Until
                            | Kw::By
                            | Kw::Early
                            | Kw::Mid
                            | Kw::Late
                            | Kw::Of
                            | Kw::From
                            | Kw::To
                            | Kw::Through
                            | Kw::Between
                            | Kw::And
                            | Kw::During
                            | Kw::Before
                            | Kw::After
                            | Kw::End
                    );
                if !AMBIGUOUS_MONTHS.contains(&m) || cue {
                    return Some((
                        j + 1,
                        Dp {
                            y: None,
                            m: Some(m),
                            d: None,
                        },
                        "month",
                    ));
                }
            }
            return None;
        }
        // Day first: "15 December 2021", "1st of May".
        let jj = if self.is(j, Kw::The) { j + 1 } else { j };
        if let Some((k, d)) = self.day_num(jj, true) {
            let k2 = if self.is(k, Kw::Of) { k + 1 } else { k };
            let m = self.month_tok(k2)?;
            let word_day = self.tok(jj)?.kind == Kind::Word;
            if word_day && k2 == k {
                return None; // "second May" is not a date
            }
            ymd(2000, m, d)?;
            let mut e = k2 + 1;
            if self.punct(e, '.') && self.glued(e) && self.txt(k2).len() <= 4 {
                let (e2, y) = self.opt_year(e + 1, false);
                if y.is_some() {
                    return Some((
                        e2,
                        Dp {
                            y,
                            m: Some(m),
                            d: Some(d),
                        },
                        "day_month_year",
                    ));
                }
                e += 1;
                if self.tok(e).is_none() {
                    e -= 1;
                }
            }
            let (e2, y) = self.opt_year(e, false);
            return Some((
                e2,
                Dp {
                    y,
                    m: Some(m),
                    d: Some(d),
                },
                if y.is_some() {
                    "day_month_year"
                } else {
                    "day_month"
                },
            ));
        }
        None
    }

    fn date_atom(&self, i: usize, bare: bool) -> Option<(usize, Dp, &'static str)> {
        if let Some((e, dp)) = self.numeric_date(i) {
            return Some((e, dp, "numeric_date"));
        }
        self.name_date(i, bare)
    }

    /// Resolves a date with its parts; missing year from the document date.
    fn resolve(&self, dp: Dp, i: usize, end: usize) -> Option<TimeValue> {
        Some(match (dp.y, dp.m, dp.d) {
            (Some(y), Some(m), Some(d)) => TimeValue::Day(ymd(y, m, d)?),
            (Some(y), Some(m), None) => TimeValue::Month(y, m),
            (Some(y), None, None) => TimeValue::Year(y),
            (None, Some(m), Some(d)) => match self.doc {
                Some(doc) => TimeValue::Day(ymd(infer_year_day(m, d, doc)?, m, d)?),
                None => self.unres(i, end),
            },
            (None, Some(m), None) => match self.doc {
                Some(doc) => TimeValue::Month(infer_year_month(m, doc), m),
                None => self.unres(i, end),
            },
            _ => return None,
        })
    }

    // ---- rules ---------------------------------------------------------

    fn r_date(&self, i: usize) -> Option<M> {
        let (mut e, mut dp, rule) = self.date_atom(i, true)?;
        if dp.y.is_none() {
            // "June next year", "December of last year"
            let k = if self.is(e, Kw::Of) { e + 1 } else { e };
            if let Some((e2, y)) = self.year_target(k) {
                match y {
                    Some(y) => {
                        dp.y = Some(y);
                        e = e2;
                    }
                    None => return Some(M::new(e2, self.unres(i, e2), rule)),
                }
            }
        }
        let val = self.resolve(dp, i, e)?;
        Some(M::new(e, val, rule))
    }

    /// One end of a range: a date atom, a year or a bare day.
    fn point(&self, i: usize) -> Option<(usize, Dp)> {
        if let Some((e, dp, _)) = self.date_atom(i, true) {
            return Some((e, dp));
        }
        if let Some((e, y)) = self.year_at(i) {
            return Some((
                e,
                Dp {
                    y: Some(y),
                    ..Dp::default()
                },
            ));
        }
        let (e, d) = self.day_num(i, false)?;
        Some((
            e,
            Dp {
                d: Some(d),
                ..Dp::default()
            },
        ))
    }

    fn r_range(&self, i: usize) -> Option<M> {
        let intro = self.kw(i);
        let j = if matches!(intro, Kw::From | Kw::Between) {
            i + 1
        } else {
            i
        };
        let (k, mut a) = self.point(j)?;
        let conn = self.kw(k);
        let ok = match intro {
            Kw::Between => conn == Kw::And || self.punct(k, '-'),
            _ => matches!(conn, Kw::To | Kw::Until | Kw::Through) || self.punct(k, '-'),
        };
        if !ok {
            return None;
        }
        // "2019-20": a two-digit second year.
        let (e, mut b) = match (a, self.num(k + 1, 2)) {
            (
                Dp {
                    y: Some(y),
                    m: None,
                    d: None,
                },
                Some(n),
            ) if self.punct(k, '-') && self.tok(k + 1).is_some_and(|t| t.len() == 2) => {
                let y2 = y / 100 * 100 + n as i32;
                if y2 <= y {
                    return None;
                }
                (
                    k + 2,
                    Dp {
                        y: Some(y2),
                        ..Dp::default()
                    },
                )
            }
            _ => self.point(k + 1)?,
        };
        if a.m.is_none() && a.y.is_none() && intro == Kw::None {
            return None;
        }
        // Both ends must say something beyond a bare day.
        if a.m.is_none() && a.y.is_none() && b.m.is_none() && b.y.is_none() {
            return None;
        }
        // A year-only end pairs with an end that has a year.
        if (a.m.is_none() && a.d.is_none() && b.y.is_none())
            || (b.m.is_none() && b.d.is_none() && a.y.is_none())
        {
            return None;
        }
        if a.d.is_some() && a.m.is_none() {
            a.m = b.m;
        }
        if b.d.is_some() && b.m.is_none() {
            b.m = a.m;
        }
        if a.y.is_none() {
            a.y = b.y;
        }
        let va = self.resolve(a, j, e)?;
        if b.y.is_none() {
            if let (Some(ma), Some(mb)) = (a.m, b.m) {
                if let Some((start, _)) = va.bounds() {
                    let y = start.year();
                    b.y = Some(if mb < ma { y + 1 } else { y });
                }
            }
        }
        let vb = self.resolve(b, j, e)?;
        if let (Some((s, _)), Some((_, end))) = (va.bounds(), vb.bounds()) {
            if end < s {
                return None;
            }
        }
        let val = match (&va, &vb) {
            (TimeValue::Unresolved(_), _) | (_, TimeValue::Unresolved(_)) => self.unres(i, e),
            _ => TimeValue::range(va, vb),
        };
        Some(M::new(e, val, "range"))
    }

    fn r_eve(&self, i: usize) -> Option<M> {
        let mut j = i;
        if self.is(j, Kw::On) {
            j += 1;
        }
        j = self.skip_the(j);
        if !(self.is(j, Kw::Eve) && self.is(j + 1, Kw::Of)) {
            return None;
        }
        let k = j + 2;
        let inner = Self::RULES
            .iter()
            .filter_map(|r| r(self, k))
            .max_by_key(|m| m.end)?;
        let val = match inner.val {
            TimeValue::Day(d) => TimeValue::Day(d.pred_opt()?),
            v => v,
        };
        Some(M {
            end: inner.end,
            val,
            rule: "eve_of",
            rel: Relation::Around,
        })
    }

    fn r_holiday(&self, i: usize) -> Option<M> {
        let mut j = self.skip_the(i);
        let mut year = None;
        if let Some((e, y)) = self.year_at(j) {
            year = Some(y);
            j = e;
        }
        let (e, anchor) = self.phrase_at(j, true)?;
        let (e, y2) = if year.is_none() {
            self.opt_year(e, true)
        } else {
            (e, None)
        };
        let year = year.or(y2);
        let val = match anchor {
            Anchor::Fixed(m, d) => match (year, self.doc) {
                (Some(y), _) => TimeValue::Day(ymd(y, m, d)?),
                (None, Some(doc)) => TimeValue::Day(ymd(infer_year_day(m, d, doc)?, m, d)?),
                (None, None) => self.unres(i, e),
            },
            Anchor::Lunar => {
                let lunar = |y: i32| self.lx.lunar.get(&y).and_then(|&(m, d)| ymd(y, m, d));
                match (year, self.doc) {
                    (Some(y), _) => lunar(y)
                        .map(TimeValue::Day)
                        .unwrap_or_else(|| self.unres(i, e)),
                    (None, Some(doc)) => {
                        let limit = doc + Duration::days(crate::value::FUTURE_WINDOW_DAYS);
                        [doc.year() + 1, doc.year(), doc.year() - 1]
                            .into_iter()
                            .filter_map(lunar)
                            .find(|d| *d <= limit)
                            .map(TimeValue::Day)
                            .unwrap_or_else(|| self.unres(i, e))
                    }
                    (None, None) => self.unres(i, e),
                }
            }
        };
        Some(M::new(e, val, "holiday"))
    }

    /// A holiday (or relation) phrase from the word lists at `i`.
    fn phrase_at(&self, i: usize, holiday: bool) -> Option<(usize, Anchor)> {
        self.phrase_match(i, holiday).and_then(|(e, k)| match k {
            PhraseKind::Holiday(a) => Some((e, a)),
            _ => None,
        })
    }

    pub fn phrase_match(&self, i: usize, holiday: bool) -> Option<(usize, PhraseKind)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word || !t.lex.phrase {
            return None;
        }
        'outer: for &pi in self.lx.phrases_starting(self.txt(i)) {
            let p = &self.lx.phrases[pi];
            if matches!(p.kind, PhraseKind::Holiday(_)) != holiday {
                continue;
            }
            for (n, w) in p.words.iter().enumerate() {
                let Some(tk) = self.tok(i + n) else {
                    continue 'outer;
                };
                let same = if tk.kind == Kind::Punct {
                    w.starts_with(tk.ch) && w.chars().count() == 1
                } else {
                    self.txt(i + n).eq_ignore_ascii_case(w)
                };
                if !same {
                    continue 'outer;
                }
            }
            return Some((i + p.words.len(), p.kind));
        }
        None
    }

    fn r_decade(&self, i: usize) -> Option<M> {
        let j = self.skip_the(i);
        let t = self.tok(j)?;
        let (e, n, digits) = match t.kind {
            Kind::Alnum => {
                let s = self.txt(j);
                let d = s.strip_suffix('s').or_else(|| s.strip_suffix('S'))?;
                if !d.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                (j + 1, d.parse::<i32>().ok()?, d.len())
            }
            Kind::Num
                if self.punct(j + 1, '\'')
                    && self.glued(j + 1)
                    && self.glued(j + 2)
                    && self.txt(j + 2).eq_ignore_ascii_case("s") =>
            {
                (j + 3, t.num as i32, t.len())
            }
            Kind::Punct if t.ch == '\'' => {
                let s = self.txt(j + 1);
                let d = s.strip_suffix('s')?;
                if d.len() != 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                (j + 2, d.parse::<i32>().ok()?, 2)
            }
            _ => return None,
        };
        if n % 10 != 0 {
            return None;
        }
        let start = match digits {
            4 if (1000..=2090).contains(&n) => n,
            2 if n <= 10 => 2000 + n,
            2 => 1900 + n,
            _ => return None,
        };
        Some(M::new(
            e,
            TimeValue::range(TimeValue::Year(start), TimeValue::Year(start + 9)),
            "decade",
        ))
    }

    fn r_century(&self, i: usize) -> Option<M> {
        let j = self.skip_the(i);
        let (k, n) = self.ordinal(j)?;
        let k = if self.punct(k, '-') { k + 1 } else { k };
        if !self.is(k, Kw::Century) || !(1..=30).contains(&n) {
            return None;
        }
        let n = n as i32;
        Some(M::new(
            k + 1,
            TimeValue::range(TimeValue::Year((n - 1) * 100 + 1), TimeValue::Year(n * 100)),
            "century",
        ))
    }

    fn r_same_period(&self, i: usize) -> Option<M> {
        let j = self.skip_the(i);
        if !(self.is(j, Kw::Same) && self.is(j + 1, Kw::Period)) {
            return None;
        }
        let mut k = j + 2;
        if self.is(k, Kw::Of) || self.is(k, Kw::In) {
            k += 1;
        }
        let k = self.skip_the(k);
        let e = if matches!(self.kw(k), Kw::Last | Kw::Previous) && self.is(k + 1, Kw::Year) {
            k + 2
        } else if self.is(k, Kw::A)
            && self.is(k + 1, Kw::Year)
            && matches!(self.kw(k + 2), Kw::Ago | Kw::Earlier | Kw::Before)
        {
            k + 3
        } else {
            return None;
        };
        let val = match self.doc {
            Some(doc) => TimeValue::Year(doc.year() - 1),
            None => self.unres(i, e),
        };
        Some(M::new(e, val, "same_period_last_year"))
    }

    fn r_relative(&self, i: usize) -> Option<M> {
        let j = self.skip_the(i);
        let dir = self.kw(j);
        let sign: i32 = match dir {
            Kw::Last | Kw::Past | Kw::Previous => -1,
            Kw::This | Kw::Current => 0,
            Kw::Next | Kw::Coming => 1,
            _ => return None,
        };
        let mut k = j + 1;
        let count = if sign != 0 {
            match self.card(k) {
                Some((e, n)) if n > 0 && n < 1000 => {
                    k = e;
                    Some(n as i32)
                }
                _ => None,
            }
        } else {
            None
        };
        let unit = self.kw(k);
        if !matches!(
            unit,
            Kw::Year | Kw::Month | Kw::Week | Kw::Decade | Kw::Quarter | Kw::Century | Kw::Day
        ) {
            return None;
        }
        let plural = self.txt(k).ends_with(['s', 'S']) && unit != Kw::Century
            || self.txt(k).eq_ignore_ascii_case("centuries");
        if plural != count.is_some() {
            return None;
        }
        let e = k + 1;
        let Some(doc) = self.doc else {
            return Some(M::new(e, self.unres(i, e), "relative"));
        };
        let y = doc.year();
        let (ym_y, ym_m) = (doc.year(), doc.month());
        let day = |d: i64| TimeValue::Day(doc + Duration::days(d));
        let val = match (count, unit) {
            (Some(n), Kw::Year | Kw::Decade | Kw::Century) => {
                let n = n * match unit {
                    Kw::Decade => 10,
                    Kw::Century => 100,
                    _ => 1,
                };
                if sign < 0 {
                    TimeValue::range(TimeValue::Year(y - n), TimeValue::Year(y - 1))
                } else {
                    TimeValue::range(TimeValue::Year(y + 1), TimeValue::Year(y + n))
                }
            }
            (Some(n), Kw::Month) => {
                let (a, b) = if sign < 0 {
                    (add_months(ym_y, ym_m, -n), add_months(ym_y, ym_m, -1))
                } else {
                    (add_months(ym_y, ym_m, 1), add_months(ym_y, ym_m, n))
                };
                TimeValue::range(TimeValue::Month(a.0, a.1), TimeValue::Month(b.0, b.1))
            }
            (Some(n), Kw::Week | Kw::Day) => {
                let n = n as i64 * if unit == Kw::Week { 7 } else { 1 };
                if sign < 0 {
                    TimeValue::range(day(-n), day(-1))
                } else {
                    TimeValue::range(day(1), day(n))
                }
            }
            (Some(n), Kw::Quarter) => {
                let q0 = y * 4 + (ym_m as i32 - 1) / 3;
                let (a, b) = if sign < 0 {
                    (q0 - n, q0 - 1)
                } else {
                    (q0 + 1, q0 + n)
                };
                TimeValue::range(
                    TimeValue::Quarter(a.div_euclid(4), (a.rem_euclid(4) + 1) as u32),
                    TimeValue::Quarter(b.div_euclid(4), (b.rem_euclid(4) + 1) as u32),
                )
            }
            (None, Kw::Year) if dir == Kw::Past => TimeValue::range(
                TimeValue::Day(doc.with_year(y - 1).unwrap_or(doc - Duration::days(365))),
                day(-1),
            ),
            (None, Kw::Year) => TimeValue::Year(y + sign),
            (None, Kw::Month) => {
                let (a, b) = add_months(ym_y, ym_m, sign);
                TimeValue::Month(a, b)
            }
            (None, Kw::Week) => {
                let ws = week_start(doc) + Duration::days(7 * sign as i64);
                TimeValue::range(TimeValue::Day(ws), TimeValue::Day(ws + Duration::days(6)))
            }
            (None, Kw::Quarter) => {
                let q0 = y * 4 + (ym_m as i32 - 1) / 3 + sign;
                TimeValue::Quarter(q0.div_euclid(4), (q0.rem_euclid(4) + 1) as u32)
            }
            (None, Kw::Decade | Kw::Century) => {
                let span = if unit == Kw::Decade { 10 } else { 100 };
                if sign < 0 {
                    TimeValue::range(TimeValue::Year(y - span), TimeValue::Year(y - 1))
                } else if unit == Kw::Decade {
                    let d0 = y.div_euclid(10) * 10 + 10 * sign;
                    TimeValue::range(TimeValue::Year(d0), TimeValue::Year(d0 + 9))
                } else {
                    let c0 = (y - 1).div_euclid(100) * 100 + 1 + 100 * sign;
                    TimeValue::range(TimeValue::Year(c0), TimeValue::Year(c0 + 99))
                }
            }
            _ => return None,
        };
        Some(M::new(e, val, "relative"))
    }

    fn r_ago(&self, i: usize) -> Option<M> {
        let (k, n) = self.count(i)?;
        let unit = self.kw(k);
        if !self.is(k + 1, Kw::Ago) || n > 1000 {
            return None;
        }
        let e = k + 2;
        let Some(doc) = self.doc else {
            return Some(M::new(e, self.unres(i, e), "ago"));
        };
        let n = n as i32;
        let val = match unit {
            Kw::Year => TimeValue::Year(doc.year() - n),
            Kw::Decade => TimeValue::Year(doc.year() - 10 * n),
            Kw::Century => TimeValue::Year(doc.year() - 100 * n),
            Kw::Month => {
                let (y, m) = add_months(doc.year(), doc.month(), -n);
                TimeValue::Month(y, m)
            }
            Kw::Week => TimeValue::Day(doc - Duration::days(7 * n as i64)),
            Kw::Day => TimeValue::Day(doc - Duration::days(n as i64)),
            _ => return None,
        };
        Some(M::new(e, val, "ago"))
    }

    fn r_deictic(&self, i: usize) -> Option<M> {
        let (e, off) = match self.kw(i) {
            Kw::Today | Kw::Tonight => (i + 1, 0),
            Kw::Yesterday => (i + 1, -1),
            Kw::Tomorrow => (i + 1, 1),
            // "his phone call with President Xi last night", "this morning"
            Kw::Last
                if self.is(i + 1, Kw::PartOfDay)
                    && matches!(
                        self.txt(i + 1).to_ascii_lowercase().as_str(),
                        "night" | "evening"
                    ) =>
            {
                (i + 2, -1)
            }
            Kw::This if self.is(i + 1, Kw::PartOfDay) => (i + 2, 0),
            Kw::The if self.is(i + 1, Kw::Day) && !self.txt(i + 1).eq_ignore_ascii_case("days") => {
                match (self.kw(i + 2), self.kw(i + 3)) {
                    (Kw::Before, Kw::Yesterday) => (i + 4, -2),
                    (Kw::After, Kw::Tomorrow) => (i + 4, 2),
                    _ => return None,
                }
            }
            _ => return None,
        };
        let val = match self.doc {
            Some(doc) => TimeValue::Day(doc + Duration::days(off)),
            None => self.unres(i, e),
        };
        Some(M::new(e, val, "deictic"))
    }

    fn r_weekday(&self, i: usize) -> Option<M> {
        let modk = self.kw(i);
        let has_mod = matches!(modk, Kw::Last | Kw::Past | Kw::Next | Kw::Coming | Kw::This);
        let j = if has_mod { i + 1 } else { i };
        let t = self
            .tok(j)
            .filter(|t| t.kind == Kind::Word && t.lex.weekday > 0)?;
        if !t.lex.weekday_full || !(self.capitalised(j) || has_mod) {
            return None;
        }
        let wd = t.lex.weekday as i64;
        let mut e = j + 1;
        // "Tuesday next week"
        let mut week_mod = None;
        if !has_mod
            && matches!(self.kw(e), Kw::Last | Kw::Next | Kw::This)
            && self.is(e + 1, Kw::Week)
            && !self.txt(e + 1).eq_ignore_ascii_case("weeks")
        {
            week_mod = Some(self.kw(e));
            e += 2;
        }
        let Some(doc) = self.doc else {
            return Some(M::new(e, self.unres(i, e), "weekday"));
        };
        let ws = week_start(doc);
        let cur = doc.weekday().number_from_monday() as i64;
        let date = match (has_mod.then_some(modk), week_mod) {
            (_, Some(Kw::Next)) | (Some(Kw::Next | Kw::Coming), _) => {
                ws + Duration::days(7 + wd - 1)
            }
            (_, Some(Kw::Last)) => ws + Duration::days(wd - 1 - 7),
            (_, Some(Kw::This)) | (Some(Kw::This), _) => ws + Duration::days(wd - 1),
            (Some(Kw::Last | Kw::Past), _) => {
                doc - Duration::days((cur - wd - 1).rem_euclid(7) + 1)
            }
            _ => doc - Duration::days((cur - wd).rem_euclid(7)),
        };
        Some(M::new(e, TimeValue::Day(date), "weekday"))
    }

    fn r_month_rel(&self, i: usize) -> Option<M> {
        let modk = self.kw(i);
        if !matches!(modk, Kw::Last | Kw::Next | Kw::This | Kw::Coming | Kw::Past) {
            return None;
        }
        let m = self.month_tok(i + 1)?;
        let e = if self.after_month(i + 1) == i + 3 {
            i + 3
        } else {
            i + 2
        };
        let Some(doc) = self.doc else {
            return Some(M::new(e, self.unres(i, e), "month_relative"));
        };
        let (y, dm) = (doc.year(), doc.month());
        let year = match modk {
            Kw::This => y,
            Kw::Last | Kw::Past => {
                if m < dm {
                    y
                } else {
                    y - 1
                }
            }
            _ => {
                if m > dm {
                    y
                } else {
                    y + 1
                }
            }
        };
        Some(M::new(e, TimeValue::Month(year, m), "month_relative"))
    }

    /// The thing a part-of modifier applies to: a year, a month (with or
    /// without a year) or this/last/next year/month.
    fn part_target(&self, i: usize) -> Option<(usize, Option<TimeValue>)> {
        if let Some((e, y)) = self.year_at(i) {
            return Some((e, Some(TimeValue::Year(y))));
        }
        if let Some((mut e, mut dp, _)) = self.name_date(i, true) {
            if dp.d.is_some() {
                return None;
            }
            if dp.y.is_none() {
                // "the end of March this year"
                let k = if self.is(e, Kw::Of) { e + 1 } else { e };
                if let Some((e2, y)) = self.year_target(k) {
                    if y.is_none() {
                        return Some((e2, None));
                    }
                    dp.y = y;
                    e = e2;
                }
            }
            return Some((e, self.resolve(dp, i, e).filter(TimeValue::is_resolved)));
        }
        let sign = match self.kw(i) {
            Kw::This | Kw::Current => 0,
            Kw::Last | Kw::Previous => -1,
            Kw::Next | Kw::Coming => 1,
            _ => return None,
        };
        let unit = self.kw(i + 1);
        if self.txt(i + 1).ends_with(['s', 'S']) {
            return None;
        }
        let doc = self.doc;
        match unit {
            Kw::Year => Some((i + 2, doc.map(|d| TimeValue::Year(d.year() + sign)))),
            Kw::Month => Some((
                i + 2,
                doc.map(|d| {
                    let (y, m) = add_months(d.year(), d.month(), sign);
                    TimeValue::Month(y, m)
                }),
            )),
            _ => None,
        }
    }

    fn r_part(&self, i: usize) -> Option<M> {
        let j = self.skip_the(i);
        let modk = self.kw(j);
        // "earlier this year", "later this month"
        if matches!(modk, Kw::Earlier | Kw::Later) && j == i {
            if !(self.is(j + 1, Kw::This) || (self.is(j + 1, Kw::In) && self.is(j + 2, Kw::The))) {
                return None;
            }
            let k = j + 2;
            let unit = self.kw(k);
            if !matches!(unit, Kw::Year | Kw::Month) || self.txt(k).ends_with('s') {
                return None;
            }
            let e = k + 1;
            let Some(doc) = self.doc else {
                return Some(M::new(e, self.unres(i, e), "part_of"));
            };
            let (s, end) = if unit == Kw::Year {
                (ymd(doc.year(), 1, 1)?, ymd(doc.year(), 12, 31)?)
            } else {
                (
                    ymd(doc.year(), doc.month(), 1)?,
                    month_end(doc.year(), doc.month())?,
                )
            };
            let val = if modk == Kw::Earlier {
                TimeValue::range(
                    TimeValue::Day(s),
                    TimeValue::Day((doc - Duration::days(1)).max(s)),
                )
            } else {
                TimeValue::range(TimeValue::Day(doc), TimeValue::Day(end))
            };
            return Some(M::new(e, val, "part_of"));
        }
        // 0 early, 1 mid, 2 late, 3 beginning, 4 end
        let which = match modk {
            Kw::Early => 0,
            Kw::Mid => 1,
            Kw::Late => 2,
            Kw::Beginning => 3,
            Kw::End => 4,
            _ => return None,
        };
        let mut k = j + 1;
        if self.punct(k, '-') {
            k += 1;
        } else if self.is(k, Kw::Of) {
            k += 1;
            k = self.skip_the(k);
        } else if matches!(modk, Kw::Beginning | Kw::End) {
            return None; // "the end" alone
        }
        let (e, target) = self.part_target(k)?;
        let Some(target) = target else {
            return Some(M::new(e, self.unres(i, e), "part_of"));
        };
        let val = match target {
            TimeValue::Year(y) => {
                let (a, b) = [(1, 6), (5, 8), (7, 12), (1, 4), (9, 12)][which];
                TimeValue::range(TimeValue::Month(y, a), TimeValue::Month(y, b))
            }
            TimeValue::Month(y, m) => {
                let last = month_end(y, m)?.day();
                let (a, b) = [(1, 15), (10, 20), (16, last), (1, 15), (16, last)][which];
                TimeValue::range(TimeValue::Day(ymd(y, m, a)?), TimeValue::Day(ymd(y, m, b)?))
            }
            _ => return None,
        };
        Some(M::new(e, val, "part_of"))
    }

    /// "the first half of 2021", "the third quarter", "Q3 2021", "2021 Q3",
    /// "H1 2016", "the first 11 months of 2021".
    fn r_fraction(&self, i: usize) -> Option<M> {
        // Q3 / H1 tokens, with a year before or after.
        let qh = |k: usize| -> Option<(Kw, u32)> {
            let t = self.tok(k).filter(|t| t.kind == Kind::Alnum)?;
            let s = self.txt(k).as_bytes();
            if t.len() != 2 || !s[1].is_ascii_digit() {
                return None;
            }
            let n = (s[1] - b'0') as u32;
            match s[0].to_ascii_uppercase() {
                b'Q' if (1..=4).contains(&n) => Some((Kw::Quarter, n)),
                b'H' if (1..=2).contains(&n) => Some((Kw::Half, n)),
                _ => None,
            }
        };
        let (unit, n, mut e, mut year, had_year, rule, months) = if let Some((y_end, y)) =
            self.year_at(i).filter(|(e, _)| qh(*e).is_some())
        {
            let (u, n) = qh(y_end)?;
            (u, n, y_end + 1, Some(y), true, "quarter", 0)
        } else if let Some((u, n)) = qh(i) {
            (u, n, i + 1, None, false, "quarter", 0)
        } else {
            let j = self.skip_the(i);
            let (k, ord) = if self.is(j, Kw::Last) {
                (j + 1, 0)
            } else {
                self.ordinal(j)?
            };
            // "the first 11 months"
            if let Some((k2, cnt)) = self.card(k).filter(|_| ord == 1) {
                if self.is(k2, Kw::Month) && (1..=12).contains(&cnt) && self.txt(k2).ends_with('s')
                {
                    (Kw::Month, cnt, k2 + 1, None, false, "first_months", cnt)
                } else {
                    return None;
                }
            } else {
                let u = self.kw(k);
                if !matches!(u, Kw::Quarter | Kw::Half) || self.txt(k).ends_with('s') {
                    return None;
                }
                let max = if u == Kw::Quarter { 4 } else { 2 };
                let ord = if ord == 0 { max } else { ord };
                if !(1..=max).contains(&ord) {
                    return None;
                }
                if self.is(j, Kw::Last) && !self.is(k + 1, Kw::Of) {
                    return None; // "last quarter" is relative
                }
                (
                    u,
                    ord,
                    k + 1,
                    None,
                    false,
                    if u == Kw::Quarter { "quarter" } else { "half" },
                    0,
                )
            }
        };
        let mut unresolved = false;
        if !had_year {
            let k = if self.is(e, Kw::Of) || self.is(e, Kw::In) || self.punct(e, ',') {
                let k = self.skip_the(e + 1);
                if self.is(k, Kw::Year) && !self.txt(k).ends_with('s') && k == e + 2 {
                    // "of the year": the document's year
                    e = k + 1;
                    year = self.doc.map(|d| d.year());
                    unresolved = year.is_none();
                    usize::MAX
                } else {
                    k
                }
            } else {
                e
            };
            if k != usize::MAX {
                if let Some((e2, y)) = self.year_target(k) {
                    e = e2;
                    year = y;
                    unresolved = y.is_none();
                }
            }
        }
        let last_month = match unit {
            Kw::Quarter => n * 3,
            Kw::Half => n * 6,
            _ => months,
        };
        let y = match year {
            Some(y) => y,
            None if unresolved => return Some(M::new(e, self.unres(i, e), rule)),
            None => match self.doc {
                Some(doc) => infer_year_month(last_month, doc),
                None => return Some(M::new(e, self.unres(i, e), rule)),
            },
        };
        let val = match unit {
            Kw::Quarter => TimeValue::Quarter(y, n),
            Kw::Half => {
                TimeValue::range(TimeValue::Month(y, n * 6 - 5), TimeValue::Month(y, n * 6))
            }
            _ => TimeValue::range(TimeValue::Month(y, 1), TimeValue::Month(y, months)),
        };
        Some(M::new(e, val, rule))
    }

    fn r_season(&self, i: usize) -> Option<M> {
        let j = self.skip_the(i);
        let modk = self.kw(j);
        let has_mod = matches!(modk, Kw::This | Kw::Last | Kw::Next | Kw::Past | Kw::Coming);
        let k = if has_mod { j + 1 } else { j };
        let t = self
            .tok(k)
            .filter(|t| t.kind == Kind::Word && t.lex.season > 0)?;
        let (a, b) = *self.lx.seasons.get(t.lex.season as usize - 1)?;
        let (mut e, year) = self.opt_year(k + 1, true);
        let y = match (year, has_mod, self.doc) {
            (Some(y), false, _) => y,
            (None, true, Some(doc)) => {
                let (y, dm) = (doc.year(), doc.month());
                match modk {
                    Kw::This => y,
                    Kw::Last | Kw::Past => {
                        if b < a || b >= dm {
                            y - 1
                        } else {
                            y
                        }
                    }
                    _ => {
                        if a > dm {
                            y
                        } else {
                            y + 1
                        }
                    }
                }
            }
            (None, true, None) => {
                e = k + 1;
                return Some(M::new(e, self.unres(i, e), "season"));
            }
            _ => return None,
        };
        let y2 = if b < a { y + 1 } else { y };
        Some(M::new(
            e,
            TimeValue::range(TimeValue::Month(y, a), TimeValue::Month(y2, b)),
            "season",
        ))
    }

    fn r_recent(&self, i: usize) -> Option<M> {
        if !self.is(i, Kw::Recent) {
            return None;
        }
        let u = self.kw(i + 1);
        if !matches!(u, Kw::Year | Kw::Month | Kw::Week | Kw::Day | Kw::Decade)
            || !self.txt(i + 1).ends_with('s')
        {
            return None;
        }
        Some(M::new(i + 2, self.unres(i, i + 2), "recent"))
    }

    fn r_year(&self, i: usize) -> Option<M> {
        let mut j = self.skip_the(i);
        let lead = self.is(j, Kw::Year) && !self.txt(j).ends_with('s');
        if lead {
            j += 1;
        } else if j != i {
            // "the 2022 Olympics": leave "the" out of the span
            return None;
        }
        if !lead && self.in_name(j) {
            return None;
        }
        let (e, y) = self.year_at(j)?;
        Some(M::new(e, TimeValue::Year(y), "year"))
    }

    /// A bare year right after a capitalised name inside a sentence is part
    /// of the name, not a time: "the Beijing 2022 Olympic Winter Games",
    /// "Vision 2030", "Expo 2020".
    fn in_name(&self, i: usize) -> bool {
        if i < 2 || self.kw(i - 1) != Kw::None {
            return false;
        }
        let Some(p) = self.tok(i - 1) else {
            return false;
        };
        let word = self.txt(i - 1);
        let capital = p.kind == Kind::Word && word.chars().next().is_some_and(char::is_uppercase);
        // the word before starts a sentence or clause: "By 2024, ..."
        let first = matches!(self.tok(i - 2), Some(t) if t.kind == Kind::Punct);
        capital && !first && !FUNCTION_WORDS.contains(&word.to_lowercase().as_str())
    }

    // ---- driver --------------------------------------------------------

    /// The rules of [`Cx::RULES`] that cannot match at `i`, as bits (bit
    /// `n` for `RULES[n]`), from where the first number, alphanumeric token,
    /// month name, holiday's first word, fraction unit, weekday, season,
    /// "century" and "ago" are at `i` or after it (within nine tokens): a
    /// rule is skipped only when none of the tokens it must read is where
    /// it would read it (the bounds are argued at each test below, and
    /// checked by a unit test wherever a rule matches).
    fn cannot_match(&self, i: usize) -> u32 {
        const NONE: usize = usize::MAX;
        let (mut num, mut alnum, mut month, mut unit) = (NONE, NONE, NONE, NONE);
        let (mut weekday, mut season, mut century, mut ago) = (NONE, NONE, NONE, NONE);
        let mut holiday = NONE;
        let end = self.t.len().min(i + 9);
        for (d, t) in self.t.get(i..end).unwrap_or(&[]).iter().enumerate() {
            match t.kind {
                Kind::Num if num == NONE => num = d,
                Kind::Alnum if alnum == NONE => alnum = d,
                Kind::Word => {
                    let l = &t.lex;
                    if l.month > 0 && month == NONE {
                        month = d;
                    }
                    if l.holiday && holiday == NONE {
                        holiday = d;
                    }
                    if l.weekday > 0 && weekday == NONE {
                        weekday = d;
                    }
                    if l.season > 0 && season == NONE {
                        season = d;
                    }
                    match l.kw {
                        Kw::Quarter | Kw::Half | Kw::Month if unit == NONE => unit = d,
                        Kw::Century if century == NONE => century = d,
                        Kw::Ago if ago == NONE => ago = d,
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        let mut skip = 0u32;
        // r_date: a numeric date starts with a number at `i`; a name date
        // reads, after at most a weekday and a comma (`j` <= i + 2), an
        // alphanumeric ("June12") or a month at `j`, or a day ("the", then
        // at most three tokens) and at most "of" before its month (<= i + 7)
        let date = |from: usize| num == from || alnum <= from + 2 || month <= from + 7;
        if !date(0) {
            skip |= 1 << 1;
        }
        // r_range: its first point at `i` or after "from"/"between" (i + 1)
        // is a date (as above), a year (a number), or a bare day (a number
        // or an alphanumeric ordinal)
        if !(date(0) || date(1) || alnum <= 1) {
            skip |= 1 << 0;
        }
        // r_holiday: its phrase (a holiday's, not a relation's) after at
        // most "the" and a year
        if holiday > 2 {
            skip |= 1 << 3;
        }
        // r_fraction: "Q3"/"H1" at `i` or after a year; else an ordinal
        // (at most three tokens after "the") and its unit, "quarter",
        // "half", or "months" after a count of at most three tokens
        if !(alnum <= 1 || unit <= 7) {
            skip |= 1 << 13;
        }
        // r_year: a number after at most "the year"
        if num > 2 {
            skip |= 1 << 16;
        }
        // r_century: "century" after at most "the", an ordinal of at most
        // three tokens and a hyphen
        if century > 5 {
            skip |= 1 << 5;
        }
        // r_ago: "ago" after a count of at most three tokens and its unit
        if ago > 4 {
            skip |= 1 << 8;
        }
        // r_weekday: its weekday after at most "last/next/this"
        if weekday > 1 {
            skip |= 1 << 10;
        }
        // r_season: its season after at most "the" and "this/last/next"
        if season > 2 {
            skip |= 1 << 14;
        }
        skip
    }

    /// The longest match of any rule at `i`.
    fn expr_at(&self, i: usize) -> Option<M> {
        let mut best: Option<M> = None;
        let skip = self.cannot_match(i);
        for (n, r) in Self::RULES.iter().enumerate() {
            if skip & (1 << n) != 0 {
                continue;
            }
            if let Some(m) = r(self, i) {
                if !matches!(&best, Some(b) if m.end <= b.end) {
                    best = Some(m);
                }
            }
        }
        best
    }

    /// The best expression at `i`, with a relation phrase before it.
    pub fn match_at(&self, i: usize) -> Option<M> {
        if !self.may_start(i)
            || !(self.marks_time(i) || self.marks_time(i + 1) || self.marks_time(i + 2))
        {
            return None;
        }
        let plain = self.expr_at(i);
        if let Some((j, PhraseKind::Relation(rel))) = self.phrase_match(i, false) {
            if let Some(mut m) = self.expr_at(j) {
                if !matches!(&plain, Some(p) if m.end <= p.end) {
                    if m.rel == Relation::At {
                        m.rel = rel;
                    }
                    return Some(m);
                }
            }
        }
        plain
    }
}

/// Words before a year that make it a time even when capitalised (in a
/// title or after a quote): "By 2024", "Until 2030".
const FUNCTION_WORDS: &[&str] = &[
    "by",
    "until",
    "till",
    "since",
    "before",
    "after",
    "from",
    "through",
    "in",
    "on",
    "at",
    "during",
    "for",
    "to",
    "of",
    "and",
    "or",
    "the",
    "circa",
    "around",
    "about",
    "early",
    "late",
    "mid",
    "end",
    "beginning",
    "start",
    "between",
    "within",
    "throughout",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "fiscal",
    "financial",
    "calendar",
    "as",
    "than",
    "of",
    "whole",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    /// What [`Cx::match_at`] skips without trying the rules never holds an
    /// expression: wherever a rule or a relation phrase matches, a token
    /// that marks a time is at the position or one of the two after it.
    /// (Over every quoted text of the forms' tests, and a few more.)
    /// Every quoted text of the forms' tests and `extra`, each tokenised and
    /// handed to `f` with its context (the document dated 2022-01-01).
    fn each_probe_text(extra: &[&str], mut f: impl FnMut(&str, &Cx, usize)) {
        let lx = &crate::Tagger::builtin().lx;
        let forms = include_str!("../tests/forms.rs");
        let mut texts: Vec<&str> = forms.split('"').skip(1).step_by(2).collect();
        texts.extend(extra);
        let doc = NaiveDate::from_ymd_opt(2022, 1, 1);
        for text in texts {
            let mut toks = Vec::new();
            tokenize(text, 0, text.len(), lx, &mut toks);
            let cx = Cx {
                text,
                t: &toks,
                lx,
                doc,
            };
            f(text, &cx, toks.len());
        }
    }

    #[test]
    fn a_match_has_a_time_mark_within_three_tokens() {
        let extra = [
            "on the eve of the summit",
            "from the 5th to the 9th of May",
            "between the first and the third of June",
            "a year ago and a decade ago",
            "the day before yesterday, the day after tomorrow",
            "the same period a year earlier",
            "the '90s and the 1990s and the 1990's",
            "the first half of 2021, the third quarter of the year",
            "the end of the year, the beginning of next month",
            "in the run-up to Christmas",
        ];
        let mut matched = 0;
        each_probe_text(&extra, |text, cx, n| {
            for i in 0..n {
                let relation = matches!(
                    cx.phrase_match(i, false),
                    Some((_, PhraseKind::Relation(_)))
                );
                if cx.expr_at(i).is_some() || relation {
                    matched += 1;
                    assert!(
                        cx.marks_time(i) || cx.marks_time(i + 1) || cx.marks_time(i + 2),
                        "{text:?} at token {i}"
                    );
                }
            }
        });
        assert!(matched > 300, "{matched}");
    }

    /// What [`Cx::cannot_match`] says a rule cannot match never matches:
    /// wherever a rule matches, over the same texts and more, its bit is
    /// clear.
    #[test]
    fn a_rule_that_matches_is_never_skipped() {
        let extra = [
            "from the 5th to the 9th of May",
            "between the first and the third of June",
            "from Monday, the twenty-first of May to the 2nd of June 2021",
            "on Tuesday, twenty-first of May, and on Friday, the 5th of May",
            "the twenty-first of March 2020 and the 3rd of April",
            "the first 11 months of 2021, the first eleven months",
            "the twenty-first quarter, the last half of the year",
            "the first half of 2021, the third quarter of the year",
            "2021 Q3, Q3 2021, H1 2016 and 2016 H2",
            "the year 2020, the 2022 Olympics, in 1999",
            "the 2021 Christmas, Christmas 2021, the Christmas of 2020",
            "2019-20, 2019-2020, 12/15/2021 to 12/20/2021, June12 - June15",
            "the twenty-first-century, the 21st century, the twenty-first century",
            "twenty-one years ago, a year ago, 3 months ago, three weeks ago",
            "last Monday, on Friday, next Tuesday, Tuesday next week",
            "the last winter, this summer, in the spring of 2021, autumn 2020",
            "in the run-up to Christmas",
        ];
        let mut matched = [0usize; 17];
        each_probe_text(&extra, |text, cx, n| {
            for i in 0..n + 1 {
                let skip = cx.cannot_match(i);
                for (k, r) in Cx::RULES.iter().enumerate() {
                    if r(cx, i).is_some() {
                        matched[k] += 1;
                        assert_eq!(skip & (1 << k), 0, "rule {k} in {text:?} at token {i}");
                    }
                }
            }
        });
        // the rules with a pre-test match often here
        for n in [0, 1, 3, 5, 8, 10, 13, 14, 16] {
            assert!(matched[n] >= 5, "rule {n}: {matched:?}");
        }
    }
}
