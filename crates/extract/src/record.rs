//! The JSON record of a claim (`kind: "claim"`, see the shared DESIGN.md).
//!
//! [`claim_view`] borrows from the claim and serialises straight to the
//! output (what `dyad code` writes); [`claim_record`] is the same record as
//! a JSON tree, for callers that keep or extend it.
use crate::claim::Claim;
use dyad_text::Doc;
use serde::Serialize;
use serde_json::Value;

/// A claim record, borrowed: serialising it writes the fields in the
/// record's order without building a JSON tree.
#[derive(Serialize)]
pub struct ClaimView<'a> {
    kind: &'static str,
    doc: &'a str,
    sentence: usize,
    text: &'a str,
    span: [usize; 2],
    quantity: Option<&'a str>,
    value: Option<f64>,
    value_to: Option<f64>,
    unit: Option<&'a str>,
    dimension: Option<&'a str>,
    qualifier: Option<&'a str>,
    change: Option<&'a str>,
    period: Option<String>,
    period_text: Option<&'a str>,
    base_period: Option<String>,
    status: &'static str,
    actors: &'a [String],
    actors_basis: Option<&'static str>,
    checks: Vec<CheckView<'a>>,
    figure: TextSpan<'a>,
    measure: Option<MeasureView<'a>>,
    rule: &'a str,
    unparsed: Option<&'a str>,
}

#[derive(Serialize)]
struct CheckView<'a> {
    check: &'static str,
    result: &'static str,
    detail: &'a str,
    against: Option<&'a str>,
}

#[derive(Serialize)]
struct TextSpan<'a> {
    text: &'a str,
    span: [usize; 2],
}

#[derive(Serialize)]
struct MeasureView<'a> {
    text: &'a str,
    span: [usize; 2],
    rule: Option<&'a str>,
}

/// The record of one claim, spans mapped to the original bytes, borrowed.
pub fn claim_view<'a>(doc: &'a Doc, c: &'a Claim) -> ClaimView<'a> {
    let text = doc.text.as_str();
    let f = &c.figure;
    ClaimView {
        kind: "claim",
        doc: &doc.id,
        sentence: c.sentence,
        text: &text[c.sentence_span],
        span: doc.to_original(c.sentence_span).pair(),
        quantity: c.measure.as_deref(),
        value: f.value,
        value_to: f.value_to,
        unit: f.unit.as_deref(),
        dimension: f.dim.as_deref(),
        qualifier: f.qualifier.as_deref(),
        change: f.change.as_deref(),
        period: c.period_iso(),
        period_text: c.period_span.map(|s| &text[s]),
        base_period: c.base_period.as_ref().map(|p| p.iso()),
        status: c.status.as_str(),
        actors: &c.actors,
        actors_basis: if c.actors.is_empty() {
            None
        } else if c.actors_from_pair {
            Some("document")
        } else {
            Some("sentence")
        },
        checks: c
            .checks
            .iter()
            .map(|k| CheckView {
                check: k.check,
                result: k.result.as_str(),
                detail: &k.detail,
                against: k.against.as_deref(),
            })
            .collect(),
        figure: TextSpan {
            text: &text[f.span],
            span: doc.to_original(f.span).pair(),
        },
        measure: c.measure_span.map(|s| MeasureView {
            text: &text[s],
            span: doc.to_original(s).pair(),
            rule: c.measure_rule.as_deref(),
        }),
        rule: &f.rule,
        unparsed: f.unparsed.as_deref(),
    }
}

/// The record of one claim, spans mapped to the original bytes.
pub fn claim_record(doc: &Doc, c: &Claim) -> Value {
    // a view of plain fields always converts
    serde_json::to_value(claim_view(doc, c)).unwrap_or(Value::Null)
}
