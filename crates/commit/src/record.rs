//! The JSON record of a commitment (`kind: "commitment"`, see the shared
//! DESIGN.md): the contract fields `actor`, `action`, `due`, `status`,
//! `evidence`, plus the spans, scope, CAMEO code and the rules that fired.
use crate::{Actor, Commitment, Outcome};
use serde_json::{json, Value};

fn actor(a: &Actor) -> Value {
    json!({
        "code": a.code,
        "country": a.country,
        "text": a.text,
        "span": a.span.map(|s| s.pair()),
    })
}

/// The record of one commitment and its outcome (when resolved).
pub fn commitment_record(c: &Commitment, o: Option<&Outcome>) -> Value {
    json!({
        "kind": "commitment",
        "doc": c.doc,
        "sentence": c.sentence,
        "text": c.text,
        "span": c.span.pair(),
        "actor": c.actors.iter().map(actor).collect::<Vec<_>>(),
        "counterpart": c.counterparts.iter().map(actor).collect::<Vec<_>>(),
        "action": {
            "text": c.action,
            "span": c.action_span.pair(),
            "verb": c.verb,
            "cameo": c.cameo,
            "fulfilled_by": c.acts,
            "target": c.target.as_ref().map(|t| json!({
                "measure": t.measure,
                "value": t.value,
                "unit": t.unit,
                "at_least": t.floor,
                "text": t.text,
                "span": t.span.pair(),
            })),
        },
        "cameo": c.cameo,
        "cue": {"text": c.cue, "span": c.cue_span.pair(), "kind": c.cue_kind},
        "rule": c.rule,
        "specific": c.specific,
        "scope": if c.specific { "specific" } else { "broad" },
        "scope_rule": c.scope_rule,
        "due": c.due.as_ref().map(|d| d.iso.clone()),
        "due_relation": c.due.as_ref().map(|d| d.relation),
        "due_span": c.due.as_ref().map(|d| d.span.pair()),
        "window": o.and_then(|o| o.window).map(|(a, b)| [a.to_string(), b.to_string()]),
        "made": c.made.map(|d| d.to_string()),
        "status": o.map(|o| o.status.as_str()),
        "status_rule": o.map(|o| o.rule.clone()),
        "evidence": o.map(|o| o.evidence.iter().map(|e| json!({
            "kind": e.kind,
            "doc": e.doc,
            "sentence": e.sentence,
            "text": e.text,
            "span": e.span.pair(),
            "date": e.date,
            "detail": e.detail,
        })).collect::<Vec<_>>()).unwrap_or_default(),
        "why": c.why,
    })
}
