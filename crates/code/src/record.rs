//! The JSON record contract of `dyad code` (see the shared DESIGN.md).
use crate::{ActorRef, Event};
use dyad_lexicon::Lexicon;
use dyad_text::Doc;
use serde_json::{json, Value};

fn actor(doc: &Doc, a: &ActorRef) -> Value {
    json!({
        "code": a.code,
        "country": a.country,
        "text": &doc.text.as_str()[a.span],
        "span": doc.to_original(a.span).pair(),
    })
}

/// The record of one event, with spans mapped to the original bytes.
pub fn event_record(lex: &Lexicon, doc: &Doc, e: &Event) -> Value {
    let code = lex.code(&e.cameo);
    let plover = code.map(
        |c| json!({"event": c.plover_event, "mode": c.plover_mode, "context": c.plover_context}),
    );
    json!({
        "kind": "event",
        "doc": doc.id,
        "sentence": e.sentence,
        "text": &doc.text.as_str()[e.sentence_span],
        "span": doc.to_original(e.sentence_span).pair(),
        "source": actor(doc, &e.source),
        "target": e.target.as_ref().map(|t| actor(doc, t)),
        "cameo": e.cameo,
        "root": &e.cameo[..2.min(e.cameo.len())],
        "quad_class": code.map(|c| c.quad),
        "goldstein": code.map(|c| c.goldstein),
        "plover": plover,
        "trigger": {"text": &doc.text.as_str()[e.trigger], "span": doc.to_original(e.trigger).pair()},
        "rule": e.rule.to_string(),
        "pattern": e.pattern,
        "modality": e.modality.as_str(),
        "date": e.date,
        "date_basis": e.date_basis,
        "reported_by": e.reported_by.as_ref().map(|a| actor(doc, a)),
        "lexicon": lex.version,
    })
}
