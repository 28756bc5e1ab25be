//! Table-driven coding cases (`testdata/coding/cases.jsonl`), run through the
//! library with the built-in lexicon: each names a decision of the coder
//! (a frame, a reference, a modality rule) and the events it must and must
//! not produce. Codes are compared by prefix: `"CHN"` accepts `CHNGOV` only
//! when written so; a `null` field is not checked; a target `"-"` must be
//! a null target. An optional `"act": {"cameo": ...}` checks the code of
//! the sentence's first act as told (`Act::code`), events or not.
use dyad_code::{parse_date, Coder, Event};
use dyad_lexicon::Lexicon;
use dyad_text::Doc;
use dyad_time::Tagger;
use serde_json::Value;

fn matches(e: &Event, want: &Value) -> bool {
    let src_ok = want["source"].as_str().is_none_or(|s| {
        if s.len() == 3 {
            e.source.country.as_deref() == Some(s) || e.source.code.starts_with(s)
        } else {
            e.source.code == s
        }
    });
    let tgt = e.target.as_ref();
    // "-": the event must have a null target
    let tgt_ok = want["target"].as_str().is_none_or(|s| {
        if s == "-" {
            return tgt.is_none();
        }
        tgt.is_some_and(|t| {
            if s.len() == 3 {
                t.country.as_deref() == Some(s) || t.code.starts_with(s)
            } else {
                t.code == s
            }
        })
    });
    let code_ok = want["cameo"].as_str().is_none_or(|c| e.cameo == c);
    let root_ok = want["root"].as_str().is_none_or(|r| e.cameo.starts_with(r));
    let mod_ok = want["modality"]
        .as_str()
        .is_none_or(|m| e.modality.as_str() == m);
    let date_ok = want["date"]
        .as_str()
        .is_none_or(|d| e.date.as_deref() == Some(d));
    src_ok && tgt_ok && code_ok && root_ok && mod_ok && date_ok
}

#[test]
fn coding_cases() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let coder = Coder::new(&lex, Tagger::builtin());
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/coding/cases.jsonl"
    );
    let body = std::fs::read_to_string(path).expect("cases file");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in body.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("case is JSON");
        n += 1;
        let name = case["name"].as_str().unwrap_or("?");
        let mut doc = Doc::plain(
            name,
            case["text"].as_str().unwrap_or(""),
            case["date"].as_str().and_then(parse_date),
        );
        doc.title = case["title"].as_str().map(String::from);
        let coded = coder.code(&doc);
        let events = &coded.events;
        let shown: Vec<String> = events
            .iter()
            .map(|e| {
                format!(
                    "{}->{} {} {} {}",
                    e.source.code,
                    e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
                    e.cameo,
                    e.modality.as_str(),
                    e.date.as_deref().unwrap_or("-")
                )
            })
            .collect();
        for want in case["expect"].as_array().into_iter().flatten() {
            if !events.iter().any(|e| matches(e, want)) {
                failures.push(format!("{name}: missing {want} in {shown:?}"));
            }
        }
        for bad in case["reject"].as_array().into_iter().flatten() {
            if events.iter().any(|e| matches(e, bad)) {
                failures.push(format!("{name}: must not code {bad}, got {shown:?}"));
            }
        }
        // "act": the code of the sentence's first act as told (a promise
        // its intent, a refusal its refusal), which the ConfliBERT scores
        // read when no event is coded
        if let Some(want) = case["act"]["cameo"].as_str() {
            let got = coded.acts.first().map(|a| a.code(&lex));
            if got != Some(want) {
                failures.push(format!("{name}: first act {got:?}, want {want}"));
            }
        }
        if case["expect"].as_array().is_some_and(|a| a.is_empty())
            && case["reject"].as_array().is_some_and(|a| a.is_empty())
            && !events.is_empty()
        {
            failures.push(format!("{name}: expected no event, got {shown:?}"));
        }
    }
    assert!(n >= 20, "only {n} cases");
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The reporting actor stays on the event it reports (issue 3, item 2).
#[test]
fn reported_speech_keeps_the_reporter() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let coder = Coder::new(&lex, Tagger::builtin());
    let doc = Doc::plain(
        "r",
        "President Putin emphasized that Russia firmly supports China on Taiwan.",
        parse_date("2021-12-15"),
    );
    let events = coder.code(&doc).events;
    let e = events
        .iter()
        .find(|e| e.source.country.as_deref() == Some("RUS") && e.cameo.starts_with("05"))
        .expect("Russia supports China");
    assert_eq!(
        e.reported_by.as_ref().map(|r| r.code.as_str()),
        Some("RUSGOV")
    );
    assert_eq!(e.source.code, "RUS");
}

/// `dyad code` writes event records with `EventView::write_json`: the same
/// bytes as serde_json gives for the view, on events with and without a
/// target, a reporter, a date, and text that needs escapes.
#[test]
fn event_json_is_serde_json_byte_for_byte() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let coder = Coder::new(&lex, Tagger::builtin());
    let doc = Doc::plain(
        "doc \"1\"\\",
        "President Putin emphasized that Russia firmly supports China on Taiwan.\n\
         China\u{2019}s troops attacked \"rebel\" positions in Syria on 3 May 2021.\t\
         Germany will visit France. The United States condemned Iran\u{1}.",
        parse_date("2021-12-15"),
    );
    let events = coder.code(&doc).events;
    assert!(events.len() >= 3, "{events:?}");
    for e in &events {
        let view = dyad_code::event_view(&lex, &doc, e);
        let mut ours = Vec::new();
        view.write_json(&mut ours);
        let theirs = serde_json::to_vec(&view).expect("serialises");
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }
}
