//! The JSON record contract of `dyad code` (see the shared DESIGN.md).
//!
//! [`EventView`] borrows everything it writes, so that `dyad code` serialises
//! a record without building a JSON tree; [`event_record`] gives the same
//! record as a `serde_json::Value` for callers that edit or store it.
use crate::{ActorRef, Event};
use dyad_lexicon::{EventCode, Lexicon};
use dyad_text::{Doc, Span};
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize)]
pub struct ActorView<'a> {
    code: &'a str,
    country: Option<&'a str>,
    text: &'a str,
    span: [usize; 2],
    /// The whole noun phrase naming the actor (source and target only).
    #[serde(skip_serializing_if = "Option::is_none")]
    phrase: Option<TextView<'a>>,
}

/// Words of the text: what they say and where.
#[derive(Serialize)]
pub struct TextView<'a> {
    text: &'a str,
    span: [usize; 2],
}

#[derive(Serialize)]
pub struct PloverView<'a> {
    event: &'a str,
    mode: Option<&'a str>,
    context: &'a [String],
}

#[derive(Serialize)]
pub struct TriggerView<'a> {
    text: &'a str,
    span: [usize; 2],
}

/// One event record, borrowing from the document, the event and the lexicon.
#[derive(Serialize)]
pub struct EventView<'a> {
    kind: &'static str,
    doc: &'a str,
    sentence: usize,
    text: &'a str,
    span: [usize; 2],
    source: ActorView<'a>,
    target: Option<ActorView<'a>>,
    cameo: &'a str,
    root: &'a str,
    quad_class: Option<u8>,
    goldstein: Option<f64>,
    plover: Option<PloverView<'a>>,
    trigger: TriggerView<'a>,
    rule: String,
    pattern: &'a str,
    modality: &'static str,
    date: Option<&'a str>,
    date_basis: Option<&'static str>,
    reported_by: Option<ActorView<'a>>,
    lexicon: &'a str,
}

fn actor<'a>(doc: &'a Doc, a: &'a ActorRef, phrase: Option<Span>) -> ActorView<'a> {
    ActorView {
        code: &a.code,
        country: a.country.as_deref(),
        text: &doc.text.as_str()[a.span],
        span: doc.to_original(a.span).pair(),
        phrase: phrase.map(|p| TextView {
            text: &doc.text.as_str()[p],
            span: doc.to_original(p).pair(),
        }),
    }
}

/// The record of one event, ready to serialise, with spans mapped to the
/// original bytes.
pub fn event_view<'a>(lex: &'a Lexicon, doc: &'a Doc, e: &'a Event) -> EventView<'a> {
    let code: Option<&EventCode> = lex.code(&e.cameo);
    EventView {
        kind: "event",
        doc: &doc.id,
        sentence: e.sentence,
        text: &doc.text.as_str()[e.sentence_span],
        span: doc.to_original(e.sentence_span).pair(),
        source: actor(doc, &e.source, Some(e.source_phrase())),
        target: e.target.as_ref().map(|t| actor(doc, t, e.target_phrase())),
        cameo: &e.cameo,
        root: &e.cameo[..2.min(e.cameo.len())],
        quad_class: code.map(|c| c.quad),
        goldstein: code.map(|c| c.goldstein),
        plover: code.map(|c| PloverView {
            event: &c.plover_event,
            mode: c.plover_mode.as_deref(),
            context: &c.plover_context,
        }),
        trigger: TriggerView {
            text: &doc.text.as_str()[e.trigger],
            span: doc.to_original(e.trigger).pair(),
        },
        rule: e.rule.to_string(),
        pattern: &e.pattern,
        modality: e.modality.as_str(),
        date: e.date.as_deref(),
        date_basis: e.date_basis,
        reported_by: e.reported_by.as_ref().map(|a| actor(doc, a, None)),
        lexicon: &lex.version,
    }
}

/// The record of one event as a JSON value (same fields, same order).
pub fn event_record(lex: &Lexicon, doc: &Doc, e: &Event) -> Value {
    serde_json::to_value(event_view(lex, doc, e)).unwrap_or(Value::Null)
}
