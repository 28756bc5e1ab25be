//! Outcome: kept, broken, overdue or open, from later events and figures.
//!
//! [`resolve`] is pure: commitments, events and figures in, one
//! [`Outcome`] per commitment out. The store calls it with what it holds;
//! `dyad commitments` with what one run read. The rules, first match wins:
//!
//! * **kept (event)**: an asserted or reported event whose code falls under
//!   the promised act (`036` is fulfilled by root `04`), between the
//!   committed actor's country and the counterpart's (either direction), or
//!   between two of the countries of a joint commitment, dated inside the
//!   window. A commitment naming fewer than two countries is not checked
//!   against events.
//! * **kept (figure)**: a figure of the same measure, unit and countries
//!   whose period lies inside the window and meets the target (at least it
//!   for "increase to", at most it for "cut to").
//! * **broken (event)**: a negated event of that act and those actors
//!   inside the window ("Putin did not travel to Beijing").
//! * **broken (figure)**: the figure for the last period of the window
//!   falls short of the target.
//! * **overdue**: the window ended before the as-of date, no evidence.
//! * **open**: otherwise.
//!
//! Only specific commitments are checked: a broad one ("will step up
//! coordination") stays open whatever happens, since no single event or
//! figure can show it kept or broken.
//!
//! The window runs from the date the commitment was made (or the start of
//! an "in February 2022" due) to the end of its due; a due given as one day
//! is taken as that day give or take a week (a festival, a summit date);
//! without a due it runs [`HORIZON_DAYS`] from the date made. Evidence
//! comes from a later document than the commitment and is not dated after
//! its own document (a report of what happened, not a further announcement).
use crate::Commitment;
use chrono::{Duration, NaiveDate};
use dyad_code::Event;
use dyad_text::{Doc, Span};
use std::collections::HashMap;

/// An event as resolution needs it (from the coder, or from the store).
#[derive(Debug, Clone)]
pub struct EventFact {
    pub doc: String,
    pub sentence: usize,
    pub text: String,
    /// Original-byte span of the sentence.
    pub span: Span,
    pub source_code: String,
    pub source_country: Option<String>,
    pub target_code: Option<String>,
    pub target_country: Option<String>,
    pub cameo: String,
    /// `asserted`, `future`, `negated`, ...
    pub modality: String,
    /// ISO date at its precision, or an interval `a/b`.
    pub date: Option<String>,
    /// The date of the document that reports it.
    pub doc_date: Option<NaiveDate>,
}

impl EventFact {
    pub fn from_event(doc: &Doc, e: &Event) -> EventFact {
        EventFact {
            doc: doc.id.clone(),
            sentence: e.sentence,
            text: doc
                .text
                .get(e.sentence_span.start..e.sentence_span.end)
                .unwrap_or("")
                .to_string(),
            span: doc.to_original(e.sentence_span),
            source_code: e.source.code.as_str().to_owned(),
            source_country: e.source.country.as_deref().map(str::to_owned),
            target_code: e.target.as_ref().map(|t| t.code.as_str().to_owned()),
            target_country: e
                .target
                .as_ref()
                .and_then(|t| t.country.as_deref().map(str::to_owned)),
            cameo: e.cameo.clone(),
            modality: e.modality.as_str().to_string(),
            date: e.date.clone(),
            doc_date: doc.date,
        }
    }
}

/// A figure as an observation: what it measures, whose, for which period.
/// (A stand-in for the claims of `dyad-extract` until they land; the store
/// can fill it from its claims table.)
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub doc: String,
    pub sentence: usize,
    pub text: String,
    pub span: Span,
    pub measure: String,
    /// Country codes.
    pub actors: Vec<String>,
    /// ISO period and its bounds.
    pub period: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub value: f64,
    pub unit: String,
    /// The date of the document that reports it.
    pub doc_date: Option<NaiveDate>,
    /// The figure's own text and span.
    pub figure: String,
    pub figure_span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Kept,
    Broken,
    Overdue,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Kept => "kept",
            Status::Broken => "broken",
            Status::Overdue => "overdue",
        }
    }
}

/// One piece of evidence for a status.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// `event` or `claim`.
    pub kind: &'static str,
    pub doc: String,
    pub sentence: usize,
    pub text: String,
    pub span: Span,
    pub date: Option<String>,
    /// What matched, in words.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: Status,
    pub evidence: Vec<Evidence>,
    /// The rule that decided, in words.
    pub rule: String,
    /// The window the act was due in, ISO days.
    pub window: Option<(NaiveDate, NaiveDate)>,
}

/// How long after it was made a commitment without a due date is looked
/// for: announced visits and meetings happen within weeks.
pub const HORIZON_DAYS: i64 = 90;

/// Evidence must be reported by a later document than the commitment (not
/// the commitment's own, nor one of the same day) and must not lie after
/// its own document's date: a report of what happened, not another
/// announcement.
fn later_report(c: &Commitment, doc: &str, doc_date: Option<NaiveDate>, end: NaiveDate) -> bool {
    if doc == c.doc {
        return false;
    }
    if let (Some(m), Some(d)) = (c.made, doc_date) {
        if d <= m {
            return false;
        }
    }
    doc_date.is_none_or(|d| end <= d)
}

/// Bounds of an ISO date at any precision, or of an interval `a/b`.
pub fn iso_bounds(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    // the forms the tagger writes, read without splitting into a vector
    // or chrono's format parser (~1,800 instructions a call; every event
    // of `dyad code` is looked at twice)
    if let Some(b) = plain_iso(s) {
        return b;
    }
    iso_bounds_parsed(s)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in ASCII digits: what
/// [`iso_bounds_parsed`] gives for it (`Some(None)` for a date that does
/// not exist); `None` for any other form.
fn plain_iso(s: &str) -> Option<Option<(NaiveDate, NaiveDate)>> {
    fn digits(b: &[u8]) -> Option<u32> {
        b.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    }
    let b = s.as_bytes();
    let y = i32::try_from(digits(b.get(..4)?)?).ok()?;
    match b.len() {
        4 => Some(NaiveDate::from_ymd_opt(y, 1, 1).zip(NaiveDate::from_ymd_opt(y, 12, 31))),
        7 if b[4] == b'-' => {
            let m = digits(&b[5..7])?;
            let start = NaiveDate::from_ymd_opt(y, m, 1);
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            };
            Some(start.zip(next.and_then(|n| n.pred_opt())))
        }
        10 if b[4] == b'-' && b[7] == b'-' => {
            let (m, d) = (digits(&b[5..7])?, digits(&b[8..10])?);
            Some(NaiveDate::from_ymd_opt(y, m, d).map(|d| (d, d)))
        }
        _ => None,
    }
}

/// [`iso_bounds`] by the general route (signs, other widths, intervals).
pub(crate) fn iso_bounds_parsed(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Some((a, b)) = s.split_once('/') {
        return Some((iso_bounds(a)?.0, iso_bounds(b)?.1));
    }
    let parts: Vec<&str> = s.split('-').collect();
    let y: i32 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 => Some((
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
        )),
        2 => {
            let m: u32 = parts[1].parse().ok()?;
            let start = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            Some((start, next.pred_opt()?))
        }
        3 => {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
            Some((d, d))
        }
        _ => None,
    }
}

/// The window a commitment's act is due in, if it has a due date.
pub fn window(c: &Commitment) -> Option<(NaiveDate, NaiveDate)> {
    let d = c.due.as_ref()?;
    let (mut start, mut end) = (d.start, d.end);
    if d.relation == "before" {
        if let Some(m) = c.made {
            start = start.min(m);
        }
    } else if start == end {
        start -= Duration::days(7);
        if let Some(m) = c.made {
            start = start.max(m);
        }
        end += Duration::days(7);
    }
    Some((start, end))
}

fn countries(v: &[crate::Actor]) -> Vec<&str> {
    let mut out: Vec<&str> = v.iter().filter_map(|a| a.country.as_deref()).collect();
    out.sort();
    out.dedup();
    out
}

/// Resolves each commitment against the events and figures given.
/// `as_of` is the date the question is asked; without one nothing is
/// overdue.
pub fn resolve(
    commitments: &[Commitment],
    events: &[EventFact],
    claims: &[Claim],
    as_of: Option<NaiveDate>,
) -> Vec<Outcome> {
    // events by (source, target) country: an event can only decide a
    // commitment both of whose sides are among its parties, so each
    // commitment reads the few events between its parties, not all of them
    let mut by_pair: PairIndex = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        if let (Some(src), Some(tgt)) = (e.source_country.as_deref(), e.target_country.as_deref()) {
            by_pair.entry((src, tgt)).or_default().push(i);
        }
    }
    commitments
        .iter()
        .map(|c| resolve_one(c, events, &by_pair, claims, as_of))
        .collect()
}

/// Event indices by (source country, target country), in input order.
type PairIndex<'a> = HashMap<(&'a str, &'a str), Vec<usize>>;

fn resolve_one(
    c: &Commitment,
    events: &[EventFact],
    by_pair: &PairIndex,
    claims: &[Claim],
    as_of: Option<NaiveDate>,
) -> Outcome {
    let win = window(c);
    if win.is_none() && c.made.is_none() {
        return Outcome {
            status: Status::Open,
            rule: "open: neither a due date nor the date it was made is known, so no evidence can be placed after it".into(),
            evidence: Vec::new(),
            window: None,
        };
    }
    if !c.specific {
        return Outcome {
            status: Status::Open,
            rule: format!(
                "open: a broad commitment ({}) is not checked against single events or figures",
                c.scope_rule
            ),
            evidence: Vec::new(),
            window: win,
        };
    }
    let from = win.map(|w| w.0).or(c.made);
    // without a due date, the act is looked for within a horizon
    let to = win
        .map(|w| w.1)
        .or_else(|| c.made.map(|m| m + Duration::days(HORIZON_DAYS)));
    let in_window =
        |a: NaiveDate, b: NaiveDate| from.is_none_or(|f| a >= f) && to.is_none_or(|t| b <= t);
    let mine = countries(&c.actors);
    let theirs = countries(&c.counterparts);
    // (written only into the rule of a kept or broken commitment: most
    // stay open and never read it)
    let window_txt = || match (from, to) {
        (Some(a), Some(b)) => format!("{a}..{b}"),
        (Some(a), None) => format!("from {a}"),
        _ => "any time".to_string(),
    };
    // events: both sides of the act must be the commitment's (its actor and
    // counterpart, or two of its joint actors), so that "China will meet
    // Russia" is not kept by China meeting anyone
    let mut parties: Vec<&str> = mine.iter().chain(theirs.iter()).copied().collect();
    parties.sort();
    parties.dedup();
    // a promised figure ("trade of US$200 billion by 2024") is checked
    // against figures first: any trade event between the two is weaker
    // evidence than the figure itself
    let figure_first = c.target.as_ref().is_some_and(|t| t.measure.is_some());
    let by_events = || -> Option<Outcome> {
        if !c.acts.is_empty() && parties.len() >= 2 {
            let mut kept = Vec::new();
            let mut broken = Vec::new();
            // in input order, as a scan of all events would meet them
            let mut candidates: Vec<usize> = parties
                .iter()
                .flat_map(|&a| parties.iter().map(move |&b| (a, b)))
                .filter_map(|k| by_pair.get(&k))
                .flatten()
                .copied()
                .collect();
            candidates.sort_unstable();
            for e in candidates.iter().map(|&i| &events[i]) {
                if !c.acts.iter().any(|a| e.cameo.starts_with(a.as_str())) {
                    continue;
                }
                let (Some(src), Some(tgt)) =
                    (e.source_country.as_deref(), e.target_country.as_deref())
                else {
                    continue;
                };
                let sides_ok = if theirs.is_empty() {
                    src != tgt && mine.contains(&src) && mine.contains(&tgt)
                } else {
                    (mine.contains(&src) && theirs.contains(&tgt))
                        || (theirs.contains(&src) && mine.contains(&tgt))
                };
                if !sides_ok {
                    continue;
                }
                let Some((a, b)) = e.date.as_deref().and_then(iso_bounds) else {
                    continue;
                };
                if !later_report(c, &e.doc, e.doc_date, b) {
                    continue;
                }
                if !in_window(a, b) {
                    continue;
                }
                // (an event of a sentence already kept is skipped before its
                // evidence is written)
                let seen = |v: &Vec<Evidence>| {
                    v.iter().any(|x| x.doc == e.doc && x.sentence == e.sentence)
                };
                if seen(&kept) || seen(&broken) {
                    continue;
                }
                let ev = Evidence {
                    kind: "event",
                    doc: e.doc.clone(),
                    sentence: e.sentence,
                    text: e.text.clone(),
                    span: e.span,
                    date: e.date.clone(),
                    detail: format!(
                        "{} {} -> {} ({}), {}",
                        e.cameo,
                        e.source_code,
                        e.target_code.as_deref().unwrap_or("-"),
                        e.modality,
                        e.date.as_deref().unwrap_or("")
                    ),
                };
                match e.modality.as_str() {
                    "asserted" | "reported" => kept.push(ev),
                    "negated" => broken.push(ev),
                    _ => {}
                }
            }
            if !kept.is_empty() {
                return Some(Outcome {
                    status: Status::Kept,
                    rule: format!(
                        "kept: an asserted event of the promised act ({}) between {} inside the window {window_txt}",
                        c.acts.join("/"),
                        parties.join(" and "), window_txt = window_txt()
                    ),
                    evidence: kept,
                    window: win,
                });
            }
            if !broken.is_empty() {
                return Some(Outcome {
                    status: Status::Broken,
                    rule: format!(
                        "broken: a negated event of the promised act ({}) between {} inside the window {window_txt}",
                        c.acts.join("/"),
                        parties.join(" and "), window_txt = window_txt()
                    ),
                    evidence: broken,
                    window: win,
                });
            }
        }
        None
    };
    if !figure_first {
        if let Some(o) = by_events() {
            return o;
        }
    }
    // figures
    if let (Some(t), Some(measure)) = (
        &c.target,
        c.target.as_ref().and_then(|t| t.measure.as_deref()),
    ) {
        let mut kept = Vec::new();
        let mut short = Vec::new();
        for cl in claims {
            if cl.measure != measure || cl.unit != t.unit {
                continue;
            }
            if !mine.is_empty() && !mine.iter().all(|m| cl.actors.iter().any(|a| a == m)) {
                continue;
            }
            if !later_report(c, &cl.doc, cl.doc_date, cl.period_end) {
                continue;
            }
            if !in_window(cl.period_start, cl.period_end) {
                continue;
            }
            let meets = if t.floor {
                cl.value >= t.value
            } else {
                cl.value <= t.value
            };
            let ev = Evidence {
                kind: "claim",
                doc: cl.doc.clone(),
                sentence: cl.sentence,
                text: cl.text.clone(),
                span: cl.span,
                date: Some(cl.period.clone()),
                detail: format!(
                    "{} {} {} {} in {}: {} the target {} {}",
                    mine.join("-"),
                    cl.measure,
                    fmt_num(cl.value),
                    cl.unit,
                    cl.period,
                    if meets { "meets" } else { "falls short of" },
                    if t.floor { "of at least" } else { "of at most" },
                    fmt_num(t.value)
                ),
            };
            if meets {
                kept.push(ev);
            } else if to.is_some_and(|end| cl.period_end + Duration::days(31) >= end) {
                short.push(ev);
            }
        }
        if !kept.is_empty() {
            return Outcome {
                status: Status::Kept,
                rule: format!(
                    "kept: a {measure} figure of {} inside the window {window_txt} meets the target",
                    mine.join("-"), window_txt = window_txt()
                ),
                evidence: kept,
                window: win,
            };
        }
        if !short.is_empty() {
            return Outcome {
                status: Status::Broken,
                rule: format!(
                    "broken: the {measure} figure for the last period of the window {window_txt} falls short of the target", window_txt = window_txt()
                ),
                evidence: short,
                window: win,
            };
        }
    }
    if figure_first {
        if let Some(o) = by_events() {
            return o;
        }
    }
    if let (Some((_, end)), Some(now)) = (win, as_of) {
        if now > end {
            return Outcome {
                status: Status::Overdue,
                rule: format!("overdue: due by {end}, as of {now} no evidence either way"),
                evidence: Vec::new(),
                window: win,
            };
        }
    }
    Outcome {
        status: Status::Open,
        rule: match (win.map(|w| w.1), as_of) {
            (Some(end), Some(now)) => format!("open: due by {end}, as of {now} no evidence yet"),
            (Some(end), None) => format!("open: due by {end}, no evidence yet"),
            (None, _) => format!(
                "open: no due date, and no evidence within {HORIZON_DAYS} days of it being made"
            ),
        },
        evidence: Vec::new(),
        window: win,
    }
}

fn fmt_num(v: f64) -> String {
    if v.abs() >= 1e9 {
        format!("{}e9", (v / 1e7).round() / 100.0)
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The observed figures among the claims `dyad-extract` found in a
/// document: those with a value, a measure and a period (targets and
/// changes are left out: a target is not evidence that it was met).
pub fn claims_from_extract(doc: &Doc, claims: &[dyad_extract::Claim]) -> Vec<Claim> {
    claims
        .iter()
        .filter(|c| c.status == dyad_extract::Status::Observation && c.figure.change.is_none())
        .filter_map(|c| {
            let value = c.figure.value?;
            let unit = c.figure.unit.clone()?;
            let measure = c.measure.clone()?;
            let period = c.period.as_ref()?;
            let (ps, pe) = period.bounds()?;
            Some(Claim {
                doc: doc.id.clone(),
                sentence: c.sentence,
                text: doc
                    .text
                    .get(c.sentence_span.start..c.sentence_span.end)
                    .unwrap_or("")
                    .to_string(),
                span: doc.to_original(c.sentence_span),
                measure,
                actors: c.actors.clone(),
                period: period.iso(),
                period_start: ps,
                period_end: pe,
                value,
                unit,
                figure: doc
                    .text
                    .get(c.figure.span.start..c.figure.span.end)
                    .unwrap_or("")
                    .to_string(),
                figure_span: doc.to_original(c.figure.span),
                doc_date: doc.date,
            })
        })
        .collect()
}

/// Puts commitments, events and figures in the order resolution over a
/// whole run reads them (commitments by date made and place, events by
/// place, figures by their content), so that outcomes do not depend on the
/// order in which worker threads finished documents.
pub fn canonical_order(cms: &mut [Commitment], evs: &mut [EventFact], cls: &mut [Claim]) {
    cms.sort_by(|a, b| (a.made, &a.doc, a.sentence).cmp(&(b.made, &b.doc, b.sentence)));
    evs.sort_by(event_order);
    cls.sort_by_cached_key(|c| format!("{c:?}"));
}

/// The order of events in [`canonical_order`]: by place in the run, then
/// code and actors.
pub fn event_order(a: &EventFact, b: &EventFact) -> std::cmp::Ordering {
    fn key(e: &EventFact) -> (&str, usize, usize, &str, &str, Option<&str>) {
        (
            e.doc.as_str(),
            e.sentence,
            e.span.start,
            e.cameo.as_str(),
            e.source_code.as_str(),
            e.target_code.as_deref(),
        )
    }
    key(a).cmp(&key(b))
}
