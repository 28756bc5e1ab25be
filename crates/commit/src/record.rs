//! The JSON record of a commitment (`kind: "commitment"`, see the shared
//! DESIGN.md): the contract fields `actor`, `action`, `due`, `status`,
//! `evidence`, plus the spans, scope, CAMEO code and the rules that fired.
//!
//! [`commitment_view`] borrows from the commitment and serialises straight
//! to the output (what `dyad code` writes); [`commitment_record`] is the
//! same record as a JSON tree.
use crate::{Actor, Commitment, Outcome};
use dyad_text::json;
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

impl ActorView<'_> {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"code\":");
        json::opt_string(out, self.code);
        out.extend_from_slice(b",\"country\":");
        json::opt_string(out, self.country);
        out.extend_from_slice(b",\"text\":");
        json::string(out, self.text);
        out.extend_from_slice(b",\"span\":");
        json::opt_pair(out, self.span);
        out.push(b'}');
    }
}

fn actors_json(out: &mut Vec<u8>, actors: &[ActorView<'_>]) {
    out.push(b'[');
    for (i, a) in actors.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        a.write_json(out);
    }
    out.push(b']');
}

impl CommitmentView<'_> {
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
        out.extend_from_slice(b",\"actor\":");
        actors_json(out, &self.actor);
        out.extend_from_slice(b",\"counterpart\":");
        actors_json(out, &self.counterpart);
        let a = &self.action;
        out.extend_from_slice(b",\"action\":{\"text\":");
        json::string(out, a.text);
        out.extend_from_slice(b",\"span\":");
        json::pair(out, a.span);
        out.extend_from_slice(b",\"verb\":");
        json::opt_string(out, a.verb);
        out.extend_from_slice(b",\"cameo\":");
        json::opt_string(out, a.cameo);
        out.extend_from_slice(b",\"fulfilled_by\":");
        json::strings(out, a.fulfilled_by);
        out.extend_from_slice(b",\"target\":");
        match &a.target {
            Some(t) => {
                out.extend_from_slice(b"{\"measure\":");
                json::opt_string(out, t.measure);
                out.extend_from_slice(b",\"value\":");
                json::float(out, t.value);
                out.extend_from_slice(b",\"unit\":");
                json::string(out, t.unit);
                out.extend_from_slice(b",\"at_least\":");
                json::boolean(out, t.at_least);
                out.extend_from_slice(b",\"text\":");
                json::string(out, t.text);
                out.extend_from_slice(b",\"span\":");
                json::pair(out, t.span);
                out.push(b'}');
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b"},\"cameo\":");
        json::opt_string(out, self.cameo);
        out.extend_from_slice(b",\"cue\":{\"text\":");
        json::string(out, self.cue.text);
        out.extend_from_slice(b",\"span\":");
        json::pair(out, self.cue.span);
        out.extend_from_slice(b",\"kind\":");
        json::string(out, self.cue.kind);
        out.extend_from_slice(b"},\"rule\":");
        json::string(out, self.rule);
        out.extend_from_slice(b",\"specific\":");
        json::boolean(out, self.specific);
        out.extend_from_slice(b",\"scope\":");
        json::string(out, self.scope);
        out.extend_from_slice(b",\"scope_rule\":");
        json::string(out, self.scope_rule);
        out.extend_from_slice(b",\"due\":");
        json::opt_string(out, self.due);
        out.extend_from_slice(b",\"due_relation\":");
        json::opt_string(out, self.due_relation);
        out.extend_from_slice(b",\"due_span\":");
        json::opt_pair(out, self.due_span);
        out.extend_from_slice(b",\"window\":");
        json::opt(out, self.window.as_ref(), |out, w| json::strings(out, w));
        out.extend_from_slice(b",\"made\":");
        json::opt_string(out, self.made.as_deref());
        out.extend_from_slice(b",\"status\":");
        json::opt_string(out, self.status);
        out.extend_from_slice(b",\"status_rule\":");
        json::opt_string(out, self.status_rule);
        out.extend_from_slice(b",\"evidence\":[");
        for (i, e) in self.evidence.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json::record_head(out, e.kind, e.doc, e.sentence, e.text, e.span);
            out.extend_from_slice(b",\"date\":");
            json::opt_string(out, e.date);
            out.extend_from_slice(b",\"detail\":");
            json::string(out, e.detail);
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"why\":");
        json::strings(out, self.why);
        out.push(b'}');
    }
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
