//! The JSON record of a claim (`kind: "claim"`, see the shared DESIGN.md).
//!
//! [`claim_view`] borrows from the claim and serialises straight to the
//! output (what `dyad code` writes); [`claim_record`] is the same record as
//! a JSON tree, for callers that keep or extend it.
use crate::claim::Claim;
use dyad_text::{json, Doc};
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

impl ClaimView<'_> {
    /// Appends the record's JSON to `out`: the bytes `serde_json::to_writer`
    /// writes for it (unit-tested), without a serializer.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        json::record_head(
            out,
            self.kind,
            self.doc,
            self.sentence,
            self.text,
            self.span,
        );
        out.extend_from_slice(b",\"quantity\":");
        json::opt_string(out, self.quantity);
        out.extend_from_slice(b",\"value\":");
        json::opt_float(out, self.value);
        out.extend_from_slice(b",\"value_to\":");
        json::opt_float(out, self.value_to);
        out.extend_from_slice(b",\"unit\":");
        json::opt_string(out, self.unit);
        out.extend_from_slice(b",\"dimension\":");
        json::opt_string(out, self.dimension);
        out.extend_from_slice(b",\"qualifier\":");
        json::opt_string(out, self.qualifier);
        out.extend_from_slice(b",\"change\":");
        json::opt_string(out, self.change);
        out.extend_from_slice(b",\"period\":");
        json::opt_string(out, self.period.as_deref());
        out.extend_from_slice(b",\"period_text\":");
        json::opt_string(out, self.period_text);
        out.extend_from_slice(b",\"base_period\":");
        json::opt_string(out, self.base_period.as_deref());
        out.extend_from_slice(b",\"status\":");
        json::string(out, self.status);
        out.extend_from_slice(b",\"actors\":[");
        for (i, a) in self.actors.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json::string(out, a);
        }
        out.extend_from_slice(b"],\"actors_basis\":");
        json::opt_string(out, self.actors_basis);
        out.extend_from_slice(b",\"checks\":[");
        for (i, k) in self.checks.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"check\":");
            json::string(out, k.check);
            out.extend_from_slice(b",\"result\":");
            json::string(out, k.result);
            out.extend_from_slice(b",\"detail\":");
            json::string(out, k.detail);
            out.extend_from_slice(b",\"against\":");
            json::opt_string(out, k.against);
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"figure\":{\"text\":");
        json::string(out, self.figure.text);
        out.extend_from_slice(b",\"span\":");
        json::pair(out, self.figure.span);
        out.extend_from_slice(b"},\"measure\":");
        match &self.measure {
            Some(m) => {
                out.extend_from_slice(b"{\"text\":");
                json::string(out, m.text);
                out.extend_from_slice(b",\"span\":");
                json::pair(out, m.span);
                out.extend_from_slice(b",\"rule\":");
                json::opt_string(out, m.rule);
                out.push(b'}');
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"rule\":");
        json::string(out, self.rule);
        out.extend_from_slice(b",\"unparsed\":");
        json::opt_string(out, self.unparsed);
        out.push(b'}');
    }
}

/// The record of one claim, spans mapped to the original bytes.
pub fn claim_record(doc: &Doc, c: &Claim) -> Value {
    // a view of plain fields always converts
    serde_json::to_value(claim_view(doc, c)).unwrap_or(Value::Null)
}
