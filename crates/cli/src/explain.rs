//! `dyad explain`: the trace of the real run, sentence by sentence.
use anyhow::{bail, Result};
use chrono::NaiveDate;
use dyad_code::{event_record, Coder};
use dyad_lexicon::Lexicon;
use dyad_text::input::{read_path, ReadOptions};
use dyad_time::Tagger;
use std::path::Path;

pub fn run(
    lex: &Lexicon,
    tagger: &Tagger,
    path: &Path,
    sentence: Option<usize>,
    date: Option<NaiveDate>,
) -> Result<i32> {
    let opts = ReadOptions {
        date,
        ..Default::default()
    };
    let mut docs = Vec::new();
    for r in read_path(path, &opts) {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => bail!("{e}"),
        }
    }
    let Some(doc) = docs.into_iter().next() else {
        bail!("{}: no document read", path.display())
    };
    let mut coder = Coder::new(lex, tagger);
    coder.trace = true;
    let coded = coder.code(&doc);
    let text = doc.text.as_str();
    let Some(n) = sentence else {
        println!(
            "{}: {} sentences (lexicon {})",
            doc.id,
            coded.sentences.len(),
            lex.version
        );
        for (i, sp) in coded.sentences.iter().enumerate() {
            let k = coded.events.iter().filter(|e| e.sentence == i).count();
            let s: String = text[sp.start..sp.end].chars().take(100).collect();
            println!("{i:>4} [{k} event(s)] {s}");
        }
        println!(
            "\nrun `dyad explain {} --sentence N` for one sentence",
            path.display()
        );
        return Ok(0);
    };
    let Some(sp) = coded.sentences.get(n) else {
        bail!(
            "{}: sentence {n} does not exist (the document has {})",
            doc.id,
            coded.sentences.len()
        )
    };
    let t = &coded.traces[n];
    let o = doc.to_original(*sp);
    println!(
        "document {} · sentence {n} · bytes {}..{} · document date {}",
        doc.id,
        o.start,
        o.end,
        doc.date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "none".into())
    );
    println!("lexicon {}\n", lex.version);
    println!("{}\n", &text[sp.start..sp.end]);
    println!("tokens:");
    let toks: Vec<String> = t
        .tokens
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{i}:{}", &text[k.span.start..k.span.end]))
        .collect();
    println!("  {}\n", toks.join(" "));
    section("actor phrases (noun phrases)", &t.mentions);
    section("groups", &t.groups);
    section("pattern matches", &t.matches);
    section("temporal expressions", &t.dates);
    if !t.dropped.is_empty() {
        section("events dropped after coding", &t.dropped);
    }
    let evs: Vec<_> = coded.events.iter().filter(|e| e.sentence == n).collect();
    println!("events: {}", evs.len());
    for e in evs {
        let r = event_record(lex, &doc, e);
        println!(
            "  {} -> {}  {} {} ({}), {} {}",
            e.source.code,
            e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
            e.cameo,
            r["plover"]["event"].as_str().unwrap_or(""),
            lex.code(&e.cameo).map(|c| c.label.as_str()).unwrap_or(""),
            e.modality.as_str(),
            e.date.as_deref().unwrap_or("undated")
        );
        println!(
            "     trigger \"{}\" · rule {}",
            &text[e.trigger.start..e.trigger.end],
            e.rule
        );
        println!(
            "     source \"{}\"{} via {}",
            &text[e.source.span.start..e.source.span.end],
            phrase_note(text, e.source.span, e.source_phrase()),
            e.source.via
        );
        if let (Some(tg), Some(tp)) = (&e.target, e.target_phrase()) {
            println!(
                "     target \"{}\"{} via {}",
                &text[tg.span.start..tg.span.end],
                phrase_note(text, tg.span, tp),
                tg.via
            );
        }
        for w in &e.why {
            println!("     · {w}");
        }
    }
    Ok(0)
}

/// ", in the phrase \"...\"" when the noun phrase is longer than the mention.
fn phrase_note(text: &str, mention: dyad_text::Span, phrase: dyad_text::Span) -> String {
    if phrase == mention {
        String::new()
    } else {
        format!(" (phrase \"{}\")", &text[phrase.start..phrase.end])
    }
}

fn section(title: &str, lines: &[String]) {
    println!("{title}: {}", if lines.is_empty() { "none" } else { "" });
    for l in lines {
        println!("  {l}");
    }
    println!();
}
