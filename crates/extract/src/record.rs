//! The JSON record of a claim (`kind: "claim"`, see the shared DESIGN.md).
use crate::claim::Claim;
use dyad_text::Doc;
use serde_json::{json, Value};

/// The record of one claim, spans mapped to the original bytes.
pub fn claim_record(doc: &Doc, c: &Claim) -> Value {
    let text = doc.text.as_str();
    let f = &c.figure;
    let checks: Vec<Value> = c
        .checks
        .iter()
        .map(|k| {
            json!({
                "check": k.check,
                "result": k.result.as_str(),
                "detail": k.detail,
                "against": k.against,
            })
        })
        .collect();
    json!({
        "kind": "claim",
        "doc": doc.id,
        "sentence": c.sentence,
        "text": &text[c.sentence_span],
        "span": doc.to_original(c.sentence_span).pair(),
        "quantity": c.measure,
        "value": f.value,
        "value_to": f.value_to,
        "unit": f.unit,
        "dimension": f.dim,
        "qualifier": f.qualifier,
        "change": f.change,
        "period": c.period_iso(),
        "period_text": c.period_span.map(|s| &text[s]),
        "base_period": c.base_period.as_ref().map(|p| p.iso()),
        "status": c.status.as_str(),
        "actors": c.actors,
        "actors_basis": if c.actors.is_empty() { None } else if c.actors_from_pair { Some("document") } else { Some("sentence") },
        "checks": checks,
        "figure": {"text": &text[f.span], "span": doc.to_original(f.span).pair()},
        "measure": c.measure_span.map(|s| json!({"text": &text[s], "span": doc.to_original(s).pair(), "rule": c.measure_rule})),
        "rule": f.rule,
        "unparsed": f.unparsed,
    })
}
