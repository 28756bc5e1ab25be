//! Integration tests: the segmenter on real documents from `../shared`
//! (skipped with a note when it is absent) and property tests for spans.
use dyad_text::input::JsonlReader;
use dyad_text::{read_path, sentences, tokenize, Doc, Format, ReadOptions, Span};
use proptest::prelude::*;
use std::io::Read;
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("note: {} is absent; skipping", p.display());
        None
    }
}

fn sents(text: &str) -> Vec<&str> {
    sentences(text).into_iter().map(|s| &text[s]).collect()
}

#[test]
fn seed_article_boundaries() {
    let Some(root) = shared() else { return };
    let path = root.join("seed/000_ce1873e8b18f2cc2.txt");
    let docs = read_path(&path, &ReadOptions::default());
    let doc = match docs.into_iter().next() {
        Some(Ok(d)) => d,
        other => panic!("seed not read: {other:?}"),
    };
    let s = sents(&doc.text);
    assert!((120..260).contains(&s.len()), "{} sentences", s.len());
    // Title lines are sentences of their own.
    assert_eq!(s[0], "Journal");
    assert_eq!(
        s[1],
        "Carrying Forward China-Russia Good-neighborliness and Writing a Splendid Chapter for a New Era"
    );
    assert!(s.contains(&"Sustaining the Treaty Spirit"));
    // St. Petersburg stays inside its sentence.
    let spb: Vec<&&str> = s.iter().filter(|x| x.contains("Petersburg")).collect();
    assert_eq!(spb.len(), 1);
    assert!(spb[0].starts_with(
        "As President Putin pointed out at the 23rd St. Petersburg International Economic Forum"
    ));
    assert!(spb[0].ends_with("with any other country."));
    // Decimals and currency do not split.
    assert!(s.contains(
        &"The past two decades witnessed the increase of bilateral trade by over 13 times, from US$8 billion in 2000 to US$107.8 billion in 2020."
    ));
    assert!(s.iter().any(|x| x.starts_with(
        "The trade volume in the first 11 months of 2021 was US$130.428 billion, up by 33.6% over"
    )));
    // Dash list items start sentences.
    assert!(s.contains(&"— China and Russia are committed to justice and mutual trust."));
    // A closing quote ends the sentence after the quote.
    assert!(s.contains(&"Indeed, we are strategic partners in the full sense of this word.”"));
    // Every sentence is trimmed and non-empty.
    for x in &s {
        assert!(!x.is_empty() && x.trim() == *x);
    }
}

const TITLES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Gen.", "Lt.", "Sen.", "Rep.", "Prof.", "e.g.", "i.e.",
    "vs.",
];

#[test]
fn fmprc_press_conferences() {
    let Some(root) = shared() else { return };
    let path = root.join("corpora/fmprc-presscon/fmprc_en.jsonl.gz");
    let Ok(file) = std::fs::File::open(&path) else {
        eprintln!("note: {} is absent; skipping", path.display());
        return;
    };
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut raw)
        .expect("gunzip");
    let docs: Vec<Doc> = JsonlReader::new("fmprc_en.jsonl", &raw[..], ReadOptions::default())
        .map(|r| r.expect("every line is a document"))
        .collect();
    assert!(docs.len() > 500);
    let dated = docs.iter().filter(|d| d.date.is_some()).count();
    assert!(dated > 450, "date_in_title gives dates ({dated})");

    let (mut n_sent, mut n_tok, mut bytes) = (0usize, 0usize, 0usize);
    let mut bad = Vec::new();
    let mut long = 0;
    let start = std::time::Instant::now();
    for d in &docs {
        let text = &d.text;
        let spans = sentences(text);
        n_sent += spans.len();
        bytes += text.len();
        for (k, sp) in spans.iter().enumerate() {
            n_tok += tokenize(text, *sp).len();
            if sp.len() > 3000 {
                long += 1;
            }
            let s = &text[*sp];
            let Some(next) = spans.get(k + 1) else {
                continue;
            };
            let gap = &text[sp.end..next.start];
            if gap.contains('\n') {
                continue;
            }
            let next_word = text[next.start..].split(' ').next().unwrap_or("");
            let ends_title = TITLES.iter().any(|t| {
                s.ends_with(t)
                    && !s[..s.len() - t.len()]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric())
            });
            let ends_us = s.ends_with(" U.S.") || s.ends_with(" U.N.");
            let name_next = next_word.chars().next().is_some_and(char::is_uppercase)
                && !dyad_text::segment::is_sentence_starter(next_word);
            if ends_title || (ends_us && name_next) {
                bad.push(format!("{} | {}", s, &text[*next]));
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "fmprc: {} docs, {} sentences, {} tokens, {} bytes in {:.2}s ({:.0} sentences/s, unoptimised build)",
        docs.len(),
        n_sent,
        n_tok,
        bytes,
        secs,
        n_sent as f64 / secs
    );
    assert!(
        bad.is_empty(),
        "sentences split after an abbreviation: {bad:#?}"
    );
    let per_doc = n_sent as f64 / docs.len() as f64;
    assert!(
        (20.0..400.0).contains(&per_doc),
        "{per_doc} sentences per document"
    );
    let mean = bytes as f64 / n_sent as f64;
    assert!((60.0..250.0).contains(&mean), "mean sentence length {mean}");
    assert!(long < 5, "{long} sentences over 3000 bytes");
}

#[test]
fn hard_wrapped_un_speech() {
    let Some(root) = shared() else { return };
    let path = root.join("corpora/ungdc/chn_rus_usa_2000_2024/CHN_55_2000.txt");
    let docs = read_path(&path, &ReadOptions::default());
    let Some(Ok(doc)) = docs.into_iter().next() else {
        eprintln!("note: {} is absent; skipping", path.display());
        return;
    };
    let lines = doc.text.lines().filter(|l| !l.trim().is_empty()).count();
    let s = sents(&doc.text);
    assert!(
        s.len() * 2 < lines,
        "{} sentences for {} lines",
        s.len(),
        lines
    );
    assert!(s[0].starts_with("Please allow me") && s[0].ends_with("current session."));
    assert!(s
        .iter()
        .any(|x| x.contains("thanks to Mr. Gurirab for the\ncontribution he made")));
}

fn check_sentences(text: &str) -> Result<(), TestCaseError> {
    let spans = sentences(text);
    let mut last = 0;
    for sp in spans {
        prop_assert!(sp.start >= last && sp.start < sp.end && sp.end <= text.len());
        prop_assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
        let s = &text[sp];
        prop_assert!(!s.starts_with(char::is_whitespace) && !s.ends_with(char::is_whitespace));
        last = sp.end;
    }
    Ok(())
}

fn is_gap(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_control()
        || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{AD}' | '\u{2060}')
}

fn check_tokens(text: &str, span: Span) -> Result<(), TestCaseError> {
    let toks = tokenize(text, span);
    let mut last = span.start;
    let mut rebuilt = String::new();
    for t in &toks {
        prop_assert!(t.span.start >= last && t.span.start < t.span.end && t.span.end <= span.end);
        let gap = &text[last..t.span.start];
        let blank = gap.chars().all(is_gap);
        prop_assert!(blank, "gap {:?}", gap);
        rebuilt.push_str(gap);
        rebuilt.push_str(&text[t.span]);
        prop_assert!(!t.norm.is_empty());
        last = t.span.end;
    }
    rebuilt.push_str(&text[last..span.end]);
    prop_assert_eq!(rebuilt, &text[span]);
    Ok(())
}

fn texty() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("U.S.".to_string()),
            Just("Mr. ".to_string()),
            Just("St. Petersburg".to_string()),
            Just(". ".to_string()),
            Just("...".to_string()),
            Just("…".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("“".to_string()),
            Just("”".to_string()),
            Just("’s".to_string()),
            Just("n't".to_string()),
            Just("1. ".to_string()),
            Just("3.5%".to_string()),
            Just("&amp;".to_string()),
            Just("<p>".to_string()),
            Just("</div>".to_string()),
            Just("<script>".to_string()),
            Just("**".to_string()),
            Just("[a](b)".to_string()),
            Just("# ".to_string()),
            Just("```".to_string()),
            "[a-zA-Z]{1,8}",
            "[ \t]{1,3}",
            "[0-9]{1,4}",
            "\\PC",
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn tokens_lossless_any(s in any::<String>()) {
        check_tokens(&s, Span::new(0, s.len()))?;
    }

    #[test]
    fn tokens_lossless_texty(s in texty(), a in 0usize..200, b in 0usize..200) {
        check_tokens(&s, Span::new(0, s.len()))?;
        // Arbitrary, possibly invalid sub-spans never panic and stay inside.
        let toks = tokenize(&s, Span::new(a, b));
        for t in toks {
            prop_assert!(t.span.end <= s.len());
        }
    }

    #[test]
    fn sentence_spans_valid(s in any::<String>()) {
        check_sentences(&s)?;
    }

    #[test]
    fn sentence_spans_valid_texty(s in texty()) {
        check_sentences(&s)?;
    }

    #[test]
    fn html_and_markdown_map_in_bounds(s in texty(), a in 0usize..300, b in 0usize..300) {
        for format in [Format::Html, Format::Markdown] {
            let doc = Doc::parse("p", s.clone(), format, None);
            check_sentences(&doc.text)?;
            for sp in [Span::new(a, b), Span::new(0, doc.text.len()), Span::new(a, a)] {
                let o = doc.to_original(sp);
                prop_assert!(o.start <= o.end && o.end <= doc.original.len());
                prop_assert!(doc.original.is_char_boundary(o.start));
                prop_assert!(doc.original.is_char_boundary(o.end));
            }
        }
    }
}

/// Pathological inputs stay (roughly) linear: 200 KB of each finishes fast
/// even in an unoptimised build.
#[test]
fn pathological_inputs_are_linear() {
    let pieces = [
        "<a b='", "<p", "[[", "&#", "<!--", "a. ", "U.S. ", "\n", " \n", "中", "...", "’", "1.2.",
        "<script>", "**", "`", "\\",
    ];
    for p in pieces {
        let s = p.repeat(200_000 / p.len());
        let t0 = std::time::Instant::now();
        for format in [Format::Text, Format::Html, Format::Markdown] {
            let doc = Doc::parse("x", s.clone(), format, None);
            for sp in sentences(&doc.text) {
                let _ = tokenize(&doc.text, sp);
                let _ = doc.to_original(sp);
            }
        }
        let secs = t0.elapsed().as_secs_f64();
        assert!(secs < 5.0, "{p:?} took {secs:.2}s");
    }
}
