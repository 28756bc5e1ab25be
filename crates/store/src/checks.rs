//! Cross-document checks over everything a store holds.
//!
//! Three checks, computed on demand from the stored records (nothing is
//! written, so a result can never be stale after an ingest or a recode):
//!
//! - **Claim conflicts**: two current claims of different documents with the
//!   same measure, the same (non-empty) set of countries, the same period,
//!   unit and status (observation or target), whose values disagree beyond
//!   the tolerance `dyad-extract` uses for its across-texts check: the
//!   rounding of the stated digits of either figure, and at least 0.5% of
//!   the other value; `over`/`at least`, `under`/`at most`, `nearly` and
//!   `about` (5%) change the test. A pair is a conflict only when neither
//!   figure, read with its own qualifier, admits the other ("over 100
//!   billion" does not conflict with "107 billion"). Only levels are compared
//!   (no changes, percentages, multiples or shares) with a measure phrase
//!   (not a counted noun), as in `dyad-extract`.
//! - **Reference**: each such level (and each target) against a reference
//!   table ([`dyad_extract::Reference`]: the bundled one or the caller's).
//! - **Commitment outcomes**: every current commitment resolved by
//!   [`dyad_commit::resolve`] against every current event and observed
//!   figure of the store, as of a date (default: the latest document date
//!   in the store, as `dyad commitments` does over its inputs). Only
//!   documents dated no later than that date are evidence: the outcome is
//!   what could be known then. Every stored commitment is listed, even one
//!   made after the date (it is then open: nothing later is known).
//!
//! The stored records are the input: a commitment is rebuilt from its
//! record (actors, act and the codes that fulfil it, target figure, due),
//! events from their columns, figures from the claim records.
use crate::{Error, Result, Store};
use chrono::NaiveDate;
use dyad_commit::resolve::iso_bounds;
use dyad_commit::{Actor, Commitment, Due, EventFact, Outcome, Status, TargetFigure};
use dyad_extract::reference::actors_key;
use dyad_extract::{QtyLexicon, Reference};
use dyad_text::Span;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What the checks are asked.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions<'a> {
    /// The date the question is asked (commitments due before it with no
    /// evidence are overdue). `None`: the latest document date in the store.
    pub as_of: Option<NaiveDate>,
    /// Reference tables; `None` skips the reference check.
    pub reference: Option<&'a Reference>,
}

/// One side of a claim finding: a stored claim and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimSide {
    /// Row id in `claims`.
    pub id: i64,
    pub doc: String,
    pub doc_date: Option<String>,
    pub sentence: i64,
    /// The sentence and its byte span in the original document.
    pub text: String,
    pub span: [i64; 2],
    /// The figure as written and its span.
    pub figure: String,
    pub figure_span: [i64; 2],
    pub value: f64,
    pub qualifier: Option<String>,
    /// Half the step of the last stated digit, in base units.
    pub rounding: f64,
}

/// Two documents giving different values for the same thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub measure: String,
    /// ISO codes joined by `;`, sorted.
    pub actors: String,
    pub period: String,
    pub unit: String,
    /// `observation` or `target`.
    pub status: String,
    /// The earlier document (by date, then id) and the later one.
    pub a: ClaimSide,
    pub b: ClaimSide,
    /// The arithmetic, in words.
    pub detail: String,
}

/// A claim checked against a reference row.
#[derive(Debug, Clone, PartialEq)]
pub struct RefFinding {
    pub claim: ClaimSide,
    pub measure: String,
    pub actors: String,
    pub period: String,
    pub unit: String,
    /// `reference` (an observation) or `target`.
    pub check: &'static str,
    /// `consistent`, `inconsistent`, `met` or `missed`.
    pub result: &'static str,
    pub detail: String,
    /// The reference row's source and `file:line`.
    pub against: String,
}

/// A stored commitment with its outcome over the store.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Row id in `commitments`.
    pub id: i64,
    pub doc: String,
    pub commitment: Commitment,
    pub outcome: Outcome,
    /// The stored record with `status`, `status_rule`, `evidence` and
    /// `window` replaced by this outcome.
    pub record: Value,
}

/// Everything the checks found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub documents: i64,
    /// The as-of date used.
    pub as_of: Option<NaiveDate>,
    /// Claims eligible for comparison (levels with measure, actors, period).
    pub compared: usize,
    pub conflicts: Vec<Conflict>,
    pub reference: Vec<RefFinding>,
    pub commitments: Vec<Resolved>,
}

impl Report {
    /// How many commitments have this status.
    pub fn count(&self, s: Status) -> usize {
        self.commitments
            .iter()
            .filter(|r| r.outcome.status == s)
            .count()
    }
}

/// Whether `other` agrees with a figure stated as `qualifier stated`,
/// within `tol`: `dyad-extract`'s rule, so that a check in the store and the
/// same check in one run of `dyad code` decide alike.
pub use dyad_extract::agrees;

/// The rounding of a figure as written ("US$107.8 billion" -> 0.05
/// billion), found by scanning its text again; 0 when it does not scan to
/// the stored value.
fn rounding_of(figure: &str, value: f64) -> f64 {
    let qty = QtyLexicon::builtin();
    dyad_extract::figures(qty, figure, Span::new(0, figure.len()))
        .into_iter()
        .find(|f| {
            f.value
                .is_some_and(|v| (v - value).abs() <= 1e-9 * value.abs().max(1.0))
        })
        .map(|f| f.rounding)
        .unwrap_or(0.0)
}

fn span2(v: &Value) -> [i64; 2] {
    [
        v.get(0).and_then(Value::as_i64).unwrap_or(0),
        v.get(1).and_then(Value::as_i64).unwrap_or(0),
    ]
}

fn span_of(v: &Value) -> Option<Span> {
    let a = v.get(0)?.as_u64()? as usize;
    let b = v.get(1)?.as_u64()? as usize;
    Some(Span::new(a, b))
}

fn str_of(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string)
}

/// A claim record with what the comparisons need.
struct Level {
    side: ClaimSide,
    measure: String,
    actors: String,
    actor_list: Vec<String>,
    period: String,
    unit: String,
    status: String,
    /// A level with a measure phrase: compared across documents.
    comparable: bool,
}

fn level_of(id: i64, doc: String, doc_date: Option<String>, rec: &Value) -> Option<Level> {
    let value = rec.get("value").and_then(Value::as_f64)?;
    if !rec["change"].is_null() || !rec["value_to"].is_null() {
        return None;
    }
    if matches!(
        rec["dimension"].as_str(),
        Some("percent" | "multiple" | "share")
    ) {
        return None;
    }
    let measure = str_of(rec, "quantity")?;
    let unit = str_of(rec, "unit")?;
    let period = str_of(rec, "period").filter(|p| !p.is_empty())?;
    let actor_list: Vec<String> = rec["actors"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let figure = rec["figure"]["text"].as_str().unwrap_or("").to_string();
    let rounding = rounding_of(&figure, value);
    Some(Level {
        side: ClaimSide {
            id,
            doc,
            doc_date,
            sentence: rec["sentence"].as_i64().unwrap_or(0),
            text: str_of(rec, "text").unwrap_or_default(),
            span: span2(&rec["span"]),
            figure,
            figure_span: span2(&rec["figure"]["span"]),
            value,
            qualifier: str_of(rec, "qualifier"),
            rounding,
        },
        measure,
        actors: actors_key(&actor_list),
        actor_list,
        period,
        unit,
        status: str_of(rec, "status").unwrap_or_else(|| "observation".into()),
        comparable: rec["measure"].is_object(),
    })
}

/// `107.8 billion`, `1.2 trillion`, `4,300`: a value for people.
fn human(v: f64) -> String {
    dyad_extract::claim::human(v)
}

fn qual(q: &Option<String>) -> String {
    q.as_deref().map(|q| format!("{q} ")).unwrap_or_default()
}

/// Conflicts among levels that share a key, pairwise across documents.
fn conflicts(levels: &[Level]) -> Vec<Conflict> {
    let mut groups: BTreeMap<(&str, &str, &str, &str, &str), Vec<&Level>> = BTreeMap::new();
    for l in levels
        .iter()
        .filter(|l| l.comparable && !l.actor_list.is_empty())
    {
        groups
            .entry((&l.measure, &l.actors, &l.period, &l.unit, &l.status))
            .or_default()
            .push(l);
    }
    let mut out = Vec::new();
    for ((m, actors, p, u, st), mut v) in groups {
        v.sort_by(|x, y| {
            (&x.side.doc_date, &x.side.doc, x.side.sentence, x.side.id).cmp(&(
                &y.side.doc_date,
                &y.side.doc,
                y.side.sentence,
                y.side.id,
            ))
        });
        // one finding per pair of documents and pair of values
        let mut seen: HashSet<(String, String, u64, u64)> = HashSet::new();
        for j in 0..v.len() {
            for i in 0..j {
                let (a, b) = (&v[i].side, &v[j].side);
                if a.doc == b.doc {
                    continue;
                }
                let tol = a
                    .rounding
                    .max(b.rounding)
                    .max(0.005 * a.value.abs().min(b.value.abs()));
                let ab = agrees(a.qualifier.as_deref(), a.value, b.value, tol);
                let ba = agrees(b.qualifier.as_deref(), b.value, a.value, tol);
                if ab || ba {
                    continue;
                }
                let key = (
                    a.doc.clone(),
                    b.doc.clone(),
                    a.value.to_bits(),
                    b.value.to_bits(),
                );
                if !seen.insert(key) {
                    continue;
                }
                let detail = format!(
                    "{m} of {} for {p} ({u}, {st}): {}{} {u} in {} sentence {} vs {}{} {u} in {} sentence {}; \
                     difference {} {u} ({:+.2}% of the first), tolerance {} {u} \
                     (rounding of the stated digits, at least 0.5%)",
                    actors.replace(';', "-"),
                    qual(&a.qualifier),
                    human(a.value),
                    a.doc,
                    a.sentence,
                    qual(&b.qualifier),
                    human(b.value),
                    b.doc,
                    b.sentence,
                    human((b.value - a.value).abs()),
                    if a.value != 0.0 {
                        (b.value - a.value) / a.value * 100.0
                    } else {
                        0.0
                    },
                    human(tol),
                );
                out.push(Conflict {
                    measure: m.to_string(),
                    actors: actors.to_string(),
                    period: p.to_string(),
                    unit: u.to_string(),
                    status: st.to_string(),
                    a: a.clone(),
                    b: b.clone(),
                    detail,
                });
            }
        }
    }
    out
}

/// Levels and targets against the reference tables.
fn against_reference(levels: &[Level], r: &Reference) -> Vec<RefFinding> {
    let mut out = Vec::new();
    for l in levels {
        let rows = r.lookup(&l.measure, &l.actors, &l.period, &l.unit);
        let Some(row) = rows.first() else { continue };
        let (v, u, p) = (l.side.value, &l.unit, &l.period);
        let against = format!("{} ({})", row.source, row.origin);
        let (check, result, detail) = if l.status == "target" {
            let met = row.value >= v;
            (
                "target",
                if met { "met" } else { "missed" },
                format!(
                    "target {} {u} for {p}; reference {} {u} ({:+.1}%)",
                    human(v),
                    human(row.value),
                    if v != 0.0 {
                        (row.value - v) / v * 100.0
                    } else {
                        0.0
                    }
                ),
            )
        } else {
            let tol = l.side.rounding.max(0.005 * row.value.abs());
            let ok = agrees(l.side.qualifier.as_deref(), v, row.value, tol);
            (
                "reference",
                if ok { "consistent" } else { "inconsistent" },
                format!(
                    "stated {}{} {u} for {p}; reference {} {u}; difference {:+.2}% (tolerance {})",
                    qual(&l.side.qualifier),
                    human(v),
                    human(row.value),
                    if row.value != 0.0 {
                        (v - row.value) / row.value * 100.0
                    } else {
                        0.0
                    },
                    human(tol)
                ),
            )
        };
        out.push(RefFinding {
            claim: l.side.clone(),
            measure: l.measure.clone(),
            actors: l.actors.clone(),
            period: l.period.clone(),
            unit: l.unit.clone(),
            check,
            result,
            detail,
            against,
        });
    }
    out
}

fn actor_of(v: &Value) -> Actor {
    Actor {
        code: str_of(v, "code"),
        country: str_of(v, "country"),
        text: str_of(v, "text").unwrap_or_default(),
        span: span_of(&v["span"]),
    }
}

fn actors_of(v: &Value) -> Vec<Actor> {
    match v {
        Value::Array(a) => a.iter().map(actor_of).collect(),
        Value::Object(_) => vec![actor_of(v)],
        Value::String(s) => vec![Actor {
            code: Some(s.clone()),
            country: Some(s.chars().take(3).collect()),
            text: String::new(),
            span: None,
        }],
        _ => Vec::new(),
    }
}

fn ymd(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Rebuilds a commitment from its stored record (as `commitment_record`
/// writes it). `None` when the record lacks its sentence span.
pub fn commitment_from_record(rec: &Value, doc_date: Option<NaiveDate>) -> Option<Commitment> {
    let span = span_of(&rec["span"])?;
    let action = &rec["action"];
    let made = rec["made"].as_str().and_then(ymd).or(doc_date);
    let due = rec["due"].as_str().and_then(|iso| {
        let (start, end) = iso_bounds(iso)?;
        let relation: &'static str = match rec["due_relation"].as_str() {
            Some("before") => "before",
            _ => "at",
        };
        let start = if relation == "before" {
            made.map_or(start, |m| m.min(start))
        } else {
            start
        };
        Some(Due {
            iso: iso.to_string(),
            relation,
            start,
            end,
            span: span_of(&rec["due_span"]).unwrap_or(span),
        })
    });
    let target = action["target"].as_object().and_then(|t| {
        Some(TargetFigure {
            measure: t.get("measure").and_then(Value::as_str).map(str::to_string),
            value: t.get("value")?.as_f64()?,
            unit: t.get("unit")?.as_str()?.to_string(),
            floor: t.get("at_least").and_then(Value::as_bool).unwrap_or(true),
            text: t
                .get("text")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            span: t.get("span").and_then(span_of).unwrap_or(span),
        })
    });
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    Some(Commitment {
        doc: str_of(rec, "doc").unwrap_or_default(),
        made,
        sentence: rec["sentence"].as_u64().unwrap_or(0) as usize,
        text: str_of(rec, "text").unwrap_or_default(),
        span,
        actors: actors_of(&rec["actor"]),
        counterparts: actors_of(&rec["counterpart"]),
        cue: rec["cue"]["text"].as_str().unwrap_or("").to_string(),
        cue_span: span_of(&rec["cue"]["span"]).unwrap_or(span),
        cue_kind: rec["cue"]["kind"].as_str().unwrap_or("").to_string(),
        rule: str_of(rec, "rule").unwrap_or_default(),
        action: match action {
            Value::String(s) => s.clone(),
            _ => action["text"].as_str().unwrap_or("").to_string(),
        },
        action_span: span_of(&action["span"]).unwrap_or(span),
        verb: action["verb"].as_str().map(str::to_string),
        cameo: action["cameo"]
            .as_str()
            .or(rec["cameo"].as_str())
            .map(str::to_string),
        acts: strings(&action["fulfilled_by"]),
        target,
        due,
        specific: rec["specific"].as_bool().unwrap_or(false),
        scope_rule: str_of(rec, "scope_rule").unwrap_or_default(),
        why: strings(&rec["why"]),
    })
}

/// The stored record with the outcome's fields.
pub fn with_outcome(rec: &Value, c: &Commitment, o: &Outcome) -> Value {
    let fresh = dyad_commit::commitment_record(c, Some(o));
    let mut rec = rec.clone();
    if let Some(obj) = rec.as_object_mut() {
        for k in ["status", "status_rule", "evidence", "window"] {
            obj.insert(k.to_string(), fresh[k].clone());
        }
    }
    rec
}

/// The unordered pair of two countries, as an index key.
fn pair_key(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

impl Store {
    /// The latest date of a current document, if any has one.
    pub fn latest_doc_date(&self) -> Result<Option<NaiveDate>> {
        let d: Option<String> = self
            .conn
            .query_row(
                "SELECT max(date) FROM documents WHERE current = 1",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(d.as_deref().and_then(ymd))
    }

    /// Current claims as levels (see the module doc).
    fn levels(&self) -> Result<Vec<Level>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT c.id, d.doc, d.date, c.record FROM claims c
                 JOIN documents d ON d.id = c.doc_id
                 WHERE c.current = 1 AND c.value IS NOT NULL AND c.period IS NOT NULL
                 ORDER BY c.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, doc, date, rec) = row.map_err(|e| self.err(e))?;
            let rec: Value = serde_json::from_str(&rec).map_err(|e| {
                Error::new(
                    crate::ErrorKind::Corrupt,
                    format!(
                        "{}: claim row {id} of {doc}: the stored record is not JSON: {e}",
                        self.path.display()
                    ),
                )
            })?;
            if let Some(l) = level_of(id, doc, date, &rec) {
                out.push(l);
            }
        }
        Ok(out)
    }

    /// Claim conflicts across documents and, with a reference, claims
    /// against it (no commitments).
    pub fn claim_checks(
        &self,
        reference: Option<&Reference>,
    ) -> Result<(usize, Vec<Conflict>, Vec<RefFinding>)> {
        let levels = self.levels()?;
        let compared = levels
            .iter()
            .filter(|l| l.comparable && !l.actor_list.is_empty())
            .count();
        let conflicts = conflicts(&levels);
        let refs = reference
            .map(|r| against_reference(&levels, r))
            .unwrap_or_default();
        Ok((compared, conflicts, refs))
    }

    /// Every current commitment resolved against every current event and
    /// observed figure, as of `as_of` (default: the latest document date).
    /// Returns the date used and the commitments in document-date order.
    pub fn resolve_commitments(
        &self,
        as_of: Option<NaiveDate>,
    ) -> Result<(Option<NaiveDate>, Vec<Resolved>)> {
        let as_of = match as_of {
            Some(d) => Some(d),
            None => self.latest_doc_date()?,
        };
        let sql_err = |e| self.err(e);
        // 1. commitments
        let mut st = self
            .conn
            .prepare(
                "SELECT m.id, d.doc, d.date, m.record FROM commitments m
                 JOIN documents d ON d.id = m.doc_id
                 WHERE m.current = 1 ORDER BY d.date, d.doc, m.sentence, m.id",
            )
            .map_err(sql_err)?;
        let mut items: Vec<(i64, String, Value, Commitment)> = Vec::new();
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(sql_err)?;
        for row in rows {
            let (id, doc, date, rec) = row.map_err(sql_err)?;
            let bad = |why: String| {
                Error::new(
                    crate::ErrorKind::Corrupt,
                    format!(
                        "{}: commitment row {id} of {doc}: {why}",
                        self.path.display()
                    ),
                )
            };
            let rec: Value = serde_json::from_str(&rec)
                .map_err(|e| bad(format!("the stored record is not JSON: {e}")))?;
            let mut c = commitment_from_record(&rec, date.as_deref().and_then(ymd))
                .ok_or_else(|| bad("the stored record has no sentence span".into()))?;
            // the store's document id is the one evidence is compared with
            c.doc = doc.clone();
            items.push((id, doc, rec, c));
        }
        if items.is_empty() {
            return Ok((as_of, Vec::new()));
        }
        // 2. the events and figures that could be evidence: acts that some
        // specific commitment promises, between countries it names; in the
        // order `dyad commitments` sorts them (the first event of a sentence
        // is its evidence), so that both give the same records
        let acts: Vec<String> = items
            .iter()
            .filter(|x| x.3.specific)
            .flat_map(|x| x.3.acts.iter().cloned())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        // what was known as of the date: documents dated later are not evidence
        let known = |d: Option<NaiveDate>| match (d, as_of) {
            (Some(d), Some(a)) => d <= a,
            _ => true,
        };
        let mut by_pair: HashMap<(String, String), Vec<EventFact>> = HashMap::new();
        if !acts.is_empty() {
            let mut st = self
                .conn
                .prepare(
                    "SELECT d.doc, d.date, e.sentence, e.sent_start, e.sent_end,
                            json_extract(e.record, '$.text'), e.source_code, e.source_country,
                            e.target_code, e.target_country, e.cameo, e.modality, e.date
                     FROM events e JOIN documents d ON d.id = e.doc_id
                     WHERE e.current = 1 AND e.source_country IS NOT NULL
                       AND e.target_country IS NOT NULL AND e.date IS NOT NULL
                       AND e.modality IN ('asserted', 'reported', 'negated')
                     ORDER BY d.doc, e.sentence, e.sent_start, e.cameo, e.source_code,
                              e.target_code",
                )
                .map_err(sql_err)?;
            let rows = st
                .query_map([], |r| {
                    let cameo: String = r.get(10)?;
                    if !acts.iter().any(|a| cameo.starts_with(a.as_str())) {
                        return Ok(None);
                    }
                    let doc_date: Option<String> = r.get(1)?;
                    Ok(Some(EventFact {
                        doc: r.get(0)?,
                        doc_date: doc_date.as_deref().and_then(ymd),
                        sentence: r.get::<_, i64>(2)? as usize,
                        span: Span::new(
                            r.get::<_, i64>(3)?.max(0) as usize,
                            r.get::<_, i64>(4)?.max(0) as usize,
                        ),
                        text: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                        source_code: r.get(6)?,
                        source_country: r.get(7)?,
                        target_code: r.get(8)?,
                        target_country: r.get(9)?,
                        cameo,
                        modality: r.get(11)?,
                        date: r.get(12)?,
                    }))
                })
                .map_err(sql_err)?;
            for row in rows {
                if let Some(e) = row.map_err(sql_err)? {
                    if !known(e.doc_date) {
                        continue;
                    }
                    let k = pair_key(
                        e.source_country.as_deref().unwrap_or(""),
                        e.target_country.as_deref().unwrap_or(""),
                    );
                    by_pair.entry(k).or_default().push(e);
                }
            }
        }
        let mut figures = self.observed_figures()?;
        for v in figures.values_mut() {
            v.retain(|c| known(c.doc_date));
        }
        // 3. resolve each commitment with its candidates (the same answer
        // as resolving against everything: `resolve` only keeps evidence
        // between the commitment's own countries and of its own measure)
        let mut out = Vec::with_capacity(items.len());
        for (id, doc, rec, c) in items {
            let mut countries: Vec<&str> = c
                .actors
                .iter()
                .chain(c.counterparts.iter())
                .filter_map(|a| a.country.as_deref())
                .collect();
            countries.sort();
            countries.dedup();
            let mut events: Vec<EventFact> = Vec::new();
            if c.specific {
                for (i, a) in countries.iter().enumerate() {
                    for b in &countries[i + 1..] {
                        if let Some(v) = by_pair.get(&pair_key(a, b)) {
                            events.extend(v.iter().cloned());
                        }
                    }
                }
            }
            let measure = c.target.as_ref().and_then(|t| t.measure.as_deref());
            let claims: Vec<dyad_commit::Claim> = match measure {
                Some(m) if c.specific => figures.get(m).cloned().unwrap_or_default(),
                _ => Vec::new(),
            };
            let outcome = dyad_commit::resolve(std::slice::from_ref(&c), &events, &claims, as_of)
                .pop()
                .expect("resolve returns one outcome per commitment");
            let record = with_outcome(&rec, &c, &outcome);
            out.push(Resolved {
                id,
                doc,
                commitment: c,
                outcome,
                record,
            });
        }
        Ok((as_of, out))
    }

    /// Observed figures (no targets, no changes) with a measure, unit and
    /// period, by measure: what a commitment's target is compared with.
    fn observed_figures(&self) -> Result<HashMap<String, Vec<dyad_commit::Claim>>> {
        let mut out: HashMap<String, Vec<dyad_commit::Claim>> = HashMap::new();
        for l in self.levels()? {
            if l.status != "observation" {
                continue;
            }
            let Some((ps, pe)) = iso_bounds(&l.period) else {
                continue;
            };
            let s = &l.side;
            out.entry(l.measure.clone())
                .or_default()
                .push(dyad_commit::Claim {
                    doc: s.doc.clone(),
                    sentence: s.sentence.max(0) as usize,
                    text: s.text.clone(),
                    span: Span::new(s.span[0].max(0) as usize, s.span[1].max(0) as usize),
                    measure: l.measure.clone(),
                    actors: l.actor_list.clone(),
                    period: l.period.clone(),
                    period_start: ps,
                    period_end: pe,
                    value: s.value,
                    unit: l.unit.clone(),
                    doc_date: s.doc_date.as_deref().and_then(ymd),
                    figure: s.figure.clone(),
                    figure_span: Span::new(
                        s.figure_span[0].max(0) as usize,
                        s.figure_span[1].max(0) as usize,
                    ),
                });
        }
        // a stable order, independent of the order of ingest
        for v in out.values_mut() {
            v.sort_by(|a, b| {
                (&a.doc, a.sentence, a.figure_span.start).cmp(&(
                    &b.doc,
                    b.sentence,
                    b.figure_span.start,
                ))
            });
        }
        Ok(out)
    }

    /// All three checks.
    pub fn checks(&self, opts: &CheckOptions) -> Result<Report> {
        let documents: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM documents WHERE current = 1",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let (compared, conflicts, reference) = self.claim_checks(opts.reference)?;
        let (as_of, commitments) = self.resolve_commitments(opts.as_of)?;
        Ok(Report {
            documents,
            as_of,
            compared,
            conflicts,
            reference,
            commitments,
        })
    }
}

/// A claim side as JSON (for the `check` records).
pub fn side_json(s: &ClaimSide) -> Value {
    json!({
        "claim": s.id,
        "doc": s.doc,
        "doc_date": s.doc_date,
        "sentence": s.sentence,
        "text": s.text,
        "span": s.span,
        "figure": {"text": s.figure, "span": s.figure_span},
        "value": s.value,
        "qualifier": s.qualifier,
    })
}

/// A conflict as a `check` record.
pub fn conflict_json(c: &Conflict) -> Value {
    json!({
        "kind": "check",
        "check": "across-texts",
        "result": "inconsistent",
        "quantity": c.measure,
        "actors": c.actors.split(';').filter(|s| !s.is_empty()).collect::<Vec<_>>(),
        "period": c.period,
        "unit": c.unit,
        "status": c.status,
        "detail": c.detail,
        "a": side_json(&c.a),
        "b": side_json(&c.b),
    })
}

/// A reference finding as a `check` record.
pub fn reference_json(f: &RefFinding) -> Value {
    json!({
        "kind": "check",
        "check": f.check,
        "result": f.result,
        "quantity": f.measure,
        "actors": f.actors.split(';').filter(|s| !s.is_empty()).collect::<Vec<_>>(),
        "period": f.period,
        "unit": f.unit,
        "detail": f.detail,
        "against": f.against,
        "a": side_json(&f.claim),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_follows_the_qualifier() {
        assert!(agrees(None, 100.0, 100.4, 0.5));
        assert!(!agrees(None, 100.0, 101.0, 0.5));
        assert!(agrees(Some("over"), 100.0, 107.0, 0.5));
        assert!(!agrees(Some("over"), 100.0, 90.0, 0.5));
        assert!(agrees(Some("about"), 100.0, 104.0, 0.5));
        assert!(!agrees(Some("nearly"), 100.0, 80.0, 0.5));
    }

    #[test]
    fn rounding_comes_from_the_written_digits() {
        let r = rounding_of("US$107.8 billion", 107.8e9);
        assert!((r - 0.05e9).abs() < 1.0, "{r}");
        assert_eq!(rounding_of("nonsense", 5.0), 0.0);
    }

    #[test]
    fn a_record_round_trips_into_a_commitment() {
        let rec = json!({
            "kind": "commitment", "doc": "d", "sentence": 3, "text": "X will visit Y in February 2022.",
            "span": [10, 42],
            "actor": [{"code": "RUSGOV", "country": "RUS", "text": "X", "span": [10, 11]}],
            "counterpart": [{"code": "CHN", "country": "CHN", "text": "Y", "span": null}],
            "action": {"text": "visit Y", "span": [17, 24], "verb": "visit", "cameo": "036",
                       "fulfilled_by": ["04"], "target": null},
            "cue": {"text": "will", "span": [12, 16], "kind": "bind"},
            "rule": "commitment/bind.cue:8", "specific": true, "scope_rule": "s",
            "due": "2022-02", "due_relation": "at", "due_span": [25, 41], "made": "2022-01-01",
            "status": null, "evidence": [], "why": ["w"]
        });
        let c = commitment_from_record(&rec, None).unwrap();
        assert_eq!(c.made, NaiveDate::from_ymd_opt(2022, 1, 1));
        assert_eq!(c.acts, vec!["04"]);
        let d = c.due.as_ref().unwrap();
        assert_eq!(
            (d.start, d.end),
            (
                NaiveDate::from_ymd_opt(2022, 2, 1).unwrap(),
                NaiveDate::from_ymd_opt(2022, 2, 28).unwrap()
            )
        );
        assert_eq!(c.actors[0].country.as_deref(), Some("RUS"));
        assert_eq!(c.counterparts[0].span, None);
        // the record written again from it keeps the fields it was read from
        let again = dyad_commit::commitment_record(&c, None);
        for k in [
            "actor",
            "counterpart",
            "action",
            "due",
            "due_relation",
            "made",
            "specific",
        ] {
            assert_eq!(again[k], rec[k], "{k}");
        }
    }
}
