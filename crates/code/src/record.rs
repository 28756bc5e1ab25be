//! The JSON record contract of `dyad code` (see the shared DESIGN.md).
//!
//! [`EventView`] borrows everything it writes, so that `dyad code` serialises
//! a record without building a JSON tree; [`event_record`] gives the same
//! record as a `serde_json::Value` for callers that edit or store it.
use crate::{ActorRef, Event};
use dyad_lexicon::{EventCode, Lexicon};
use dyad_text::{json, Doc, Span};
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
        rule: origin_text(&e.rule),
        pattern: &e.pattern,
        modality: e.modality.as_str(),
        date: e.date.as_deref(),
        date_basis: e.date_basis,
        reported_by: e.reported_by.as_ref().map(|a| actor(doc, a, None)),
        lexicon: &lex.version,
    }
}

/// `origin.to_string()` ("file:line"), without the formatting machinery
/// (once for every event record).
fn origin_text(origin: &dyad_lexicon::Origin) -> String {
    let mut s = String::with_capacity(origin.file.len() + 21);
    crate::mention::push_origin(&mut s, origin);
    s
}

impl ActorView<'_> {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"code\":");
        json::string(out, self.code);
        out.extend_from_slice(b",\"country\":");
        json::opt_string(out, self.country);
        out.extend_from_slice(b",\"text\":");
        json::string(out, self.text);
        out.extend_from_slice(b",\"span\":");
        json::pair(out, self.span);
        if let Some(p) = &self.phrase {
            out.extend_from_slice(b",\"phrase\":");
            p.write_json(out);
        }
        out.push(b'}');
    }
}

impl TextView<'_> {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"text\":");
        json::string(out, self.text);
        out.extend_from_slice(b",\"span\":");
        json::pair(out, self.span);
        out.push(b'}');
    }
}

impl EventView<'_> {
    /// Appends the record's JSON to `out`: the bytes `serde_json::to_writer`
    /// writes for it (unit-tested), without going through a serializer
    /// (escaping every string, keys too, byte by byte was most of the cost
    /// of writing the records).
    pub fn write_json(&self, out: &mut Vec<u8>) {
        json::record_head(
            out,
            self.kind,
            self.doc,
            self.sentence,
            self.text,
            self.span,
        );
        out.extend_from_slice(b",\"source\":");
        self.source.write_json(out);
        out.extend_from_slice(b",\"target\":");
        json::opt(out, self.target.as_ref(), |out, t| t.write_json(out));
        out.extend_from_slice(b",\"cameo\":");
        json::string(out, self.cameo);
        out.extend_from_slice(b",\"root\":");
        json::string(out, self.root);
        out.extend_from_slice(b",\"quad_class\":");
        json::opt(out, self.quad_class, |out, q| json::uint(out, q as u64));
        out.extend_from_slice(b",\"goldstein\":");
        // serde_json's own float formatting (and `null` when not finite)
        json::opt_float(out, self.goldstein);
        out.extend_from_slice(b",\"plover\":");
        match &self.plover {
            Some(p) => {
                out.extend_from_slice(b"{\"event\":");
                json::string(out, p.event);
                out.extend_from_slice(b",\"mode\":");
                json::opt_string(out, p.mode);
                out.extend_from_slice(b",\"context\":[");
                for (i, c) in p.context.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    json::string(out, c);
                }
                out.extend_from_slice(b"]}");
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"trigger\":{\"text\":");
        json::string(out, self.trigger.text);
        out.extend_from_slice(b",\"span\":");
        json::pair(out, self.trigger.span);
        out.extend_from_slice(b"},\"rule\":");
        json::string(out, &self.rule);
        out.extend_from_slice(b",\"pattern\":");
        json::string(out, self.pattern);
        out.extend_from_slice(b",\"modality\":");
        json::string(out, self.modality);
        out.extend_from_slice(b",\"date\":");
        json::opt_string(out, self.date);
        out.extend_from_slice(b",\"date_basis\":");
        json::opt_string(out, self.date_basis);
        out.extend_from_slice(b",\"reported_by\":");
        json::opt(out, self.reported_by.as_ref(), |out, a| a.write_json(out));
        out.extend_from_slice(b",\"lexicon\":");
        json::string(out, self.lexicon);
        out.push(b'}');
    }
}

/// The record of one event as a JSON value (same fields, same order).
pub fn event_record(lex: &Lexicon, doc: &Doc, e: &Event) -> Value {
    serde_json::to_value(event_view(lex, doc, e)).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::origin_text;
    use dyad_lexicon::Origin;

    #[test]
    fn origin_text_is_the_display() {
        for line in [0, 1, 9, 10, 77, 1000, 123_456, usize::MAX] {
            for file in ["verbs/04_consult.txt", "", "a b/\"x\".txt"] {
                let o = Origin {
                    file: file.into(),
                    line,
                };
                assert_eq!(origin_text(&o), o.to_string());
            }
        }
    }
}
