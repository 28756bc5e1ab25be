//! The JSON record of a commitment (`kind: "commitment"`, see the shared
//! DESIGN.md): the contract fields `actor`, `action`, `due`, `status`,
//! `evidence`, plus the spans, scope, CAMEO code and the rules that fired.
//!
//! [`commitment_view`] borrows from the commitment and serialises straight
//! to the output (what `dyad code` writes); [`commitment_record`] is the
//! same record as a JSON tree.
use crate::{Actor, Commitment, Outcome};
use serde::Serialize;
use serde_json::Value;

/// A commitment record, borrowed: serialising it writes the fields in the
/// record's order without building a JSON tree.
#[derive(Serialize)]
pub struct CommitmentView<'a> {
    kind: &'static str,
    doc: &'a str,
    sentence: usize,
    text: &'a str,
    span: [usize; 2],
    actor: Vec<ActorView<'a>>,
    counterpart: Vec<ActorView<'a>>,
    action: ActionView<'a>,
    cameo: Option<&'a str>,
    cue: CueView<'a>,
    rule: &'a str,
    specific: bool,
    scope: &'static str,
    scope_rule: &'a str,
    due: Option<&'a str>,
    due_relation: Option<&'static str>,
    due_span: Option<[usize; 2]>,
    window: Option<[String; 2]>,
    made: Option<String>,
    status: Option<&'static str>,
    status_rule: Option<&'a str>,
    evidence: Vec<EvidenceView<'a>>,
    why: &'a [String],
}

#[derive(Serialize)]
struct ActorView<'a> {
    code: Option<&'a str>,
    country: Option<&'a str>,
    text: &'a str,
    span: Option<[usize; 2]>,
}

#[derive(Serialize)]
struct ActionView<'a> {
    text: &'a str,
    span: [usize; 2],
    verb: Option<&'a str>,
    cameo: Option<&'a str>,
    fulfilled_by: &'a [String],
    target: Option<TargetView<'a>>,
}

#[derive(Serialize)]
struct TargetView<'a> {
    measure: Option<&'a str>,
    value: f64,
    unit: &'a str,
    at_least: bool,
    text: &'a str,
    span: [usize; 2],
}

#[derive(Serialize)]
struct CueView<'a> {
    text: &'a str,
    span: [usize; 2],
    kind: &'a str,
}

#[derive(Serialize)]
struct EvidenceView<'a> {
    kind: &'static str,
    doc: &'a str,
    sentence: usize,
    text: &'a str,
    span: [usize; 2],
    date: Option<&'a str>,
    detail: &'a str,
}

fn actor(a: &Actor) -> ActorView<'_> {
    ActorView {
        code: a.code.as_deref(),
        country: a.country.as_deref(),
        text: &a.text,
        span: a.span.map(|s| s.pair()),
    }
}

/// The record of one commitment and its outcome (when resolved), borrowed.
pub fn commitment_view<'a>(c: &'a Commitment, o: Option<&'a Outcome>) -> CommitmentView<'a> {
    CommitmentView {
        kind: "commitment",
        doc: &c.doc,
        sentence: c.sentence,
        text: &c.text,
        span: c.span.pair(),
        actor: c.actors.iter().map(actor).collect(),
        counterpart: c.counterparts.iter().map(actor).collect(),
        action: ActionView {
            text: &c.action,
            span: c.action_span.pair(),
            verb: c.verb.as_deref(),
            cameo: c.cameo.as_deref(),
            fulfilled_by: &c.acts,
            target: c.target.as_ref().map(|t| TargetView {
                measure: t.measure.as_deref(),
                value: t.value,
                unit: &t.unit,
                at_least: t.floor,
                text: &t.text,
                span: t.span.pair(),
            }),
        },
        cameo: c.cameo.as_deref(),
        cue: CueView {
            text: &c.cue,
            span: c.cue_span.pair(),
            kind: &c.cue_kind,
        },
        rule: &c.rule,
        specific: c.specific,
        scope: if c.specific { "specific" } else { "broad" },
        scope_rule: &c.scope_rule,
        due: c.due.as_ref().map(|d| d.iso.as_str()),
        due_relation: c.due.as_ref().map(|d| d.relation),
        due_span: c.due.as_ref().map(|d| d.span.pair()),
        window: o
            .and_then(|o| o.window)
            .map(|(a, b)| [a.to_string(), b.to_string()]),
        made: c.made.map(|d| d.to_string()),
        status: o.map(|o| o.status.as_str()),
        status_rule: o.map(|o| o.rule.as_str()),
        evidence: o
            .map(|o| {
                o.evidence
                    .iter()
                    .map(|e| EvidenceView {
                        kind: e.kind,
                        doc: &e.doc,
                        sentence: e.sentence,
                        text: &e.text,
                        span: e.span.pair(),
                        date: e.date.as_deref(),
                        detail: &e.detail,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        why: &c.why,
    }
}

/// The record of one commitment and its outcome (when resolved).
pub fn commitment_record(c: &Commitment, o: Option<&Outcome>) -> Value {
    // a view of plain fields always converts
    serde_json::to_value(commitment_view(c, o)).unwrap_or(Value::Null)
}
