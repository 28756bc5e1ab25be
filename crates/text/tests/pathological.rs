//! Hostile and degenerate input for the text layer (issue 10): documents
//! over the size limit, lines without sentence ends, markup nested or
//! broken, NUL bytes, invalid UTF-8, invisible and bidirectional characters.
//! Every case must end with a correct result or an error that names the
//! input, in time linear in its size.

use dyad_text::input::{read_bytes_as, read_reader, Format, ReadOptions, DEFAULT_MAX_BYTES};
use dyad_text::segment::MAX_SENTENCE_BYTES;
use dyad_text::{sentences, tokenize, Doc, Span};
use std::io::Cursor;
use std::time::{Duration, Instant};

fn opts(max: usize) -> ReadOptions {
    ReadOptions {
        max_bytes: max,
        ..Default::default()
    }
}

/// Sentences and tokens of `text` keep the text layer's promises.
fn check_layers(text: &str) {
    let mut prev = 0;
    for s in sentences(text) {
        assert!(s.start >= prev && s.start < s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(
            s.len() <= MAX_SENTENCE_BYTES,
            "sentence of {} bytes",
            s.len()
        );
        prev = s.end;
        let mut last = s.start;
        for t in tokenize(text, s) {
            assert!(t.span.start >= last && t.span.end <= s.end);
            last = t.span.end;
        }
    }
}

#[test]
fn default_limit_is_64_mib() {
    assert_eq!(ReadOptions::default().max_bytes, 64 << 20);
    assert_eq!(DEFAULT_MAX_BYTES, 64 << 20);
}

#[test]
fn document_over_the_limit_is_an_error_naming_it() {
    let bytes = vec![b'a'; 1001];
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let r = read_bytes_as("big.txt", &bytes, format, &opts(1000));
        assert_eq!(r.len(), 1);
        let e = r[0].as_ref().unwrap_err().to_string();
        assert!(e.starts_with("big.txt: "), "{e}");
        assert!(
            e.contains("1001 bytes") && e.contains("limit of 1000"),
            "{e}"
        );
    }
    // at the limit it is read
    let r = read_bytes_as("ok.txt", &bytes[..1000], Format::Text, &opts(1000));
    assert!(r[0].is_ok());
}

#[test]
fn jsonl_limit_is_per_line_and_the_other_lines_are_read() {
    let long = format!("{{\"text\": \"{}\"}}", "x".repeat(5000));
    let src = format!("{{\"text\": \"one\"}}\n{long}\n{{\"text\": \"three\"}}\n");
    let r: Vec<_> = read_reader(
        "in.jsonl",
        Cursor::new(src.into_bytes()),
        &ReadOptions {
            format: Some(Format::Jsonl),
            max_bytes: 1000,
            ..Default::default()
        },
    )
    .collect();
    assert_eq!(r.len(), 3);
    assert_eq!(r[0].as_ref().unwrap().text, "one");
    let e = r[1].as_ref().unwrap_err().to_string();
    assert!(e.starts_with("in.jsonl:2: "), "{e}");
    assert!(e.contains("limit of 1000"), "{e}");
    assert_eq!(r[2].as_ref().unwrap().text, "three");
}

#[test]
fn stdin_over_the_limit_is_not_read_whole() {
    let r: Vec<_> = read_reader(
        "<stdin>",
        Cursor::new(vec![b'a'; 10_000]),
        &ReadOptions {
            format: Some(Format::Text),
            max_bytes: 100,
            ..Default::default()
        },
    )
    .collect();
    let e = r[0].as_ref().unwrap_err().to_string();
    assert!(e.contains("over the limit"), "{e}");
}

#[test]
fn jsonl_line_that_is_not_an_object() {
    let src = "[1, 2]\n\"text\"\n42\nnull\n{\"text\": \"fine\"}\n{\"text\": 5}\n";
    let r = read_bytes_as("in.jsonl", src.as_bytes(), Format::Jsonl, &opts(1 << 20));
    assert_eq!(r.len(), 6);
    for (i, x) in r.iter().take(4).enumerate() {
        let e = x.as_ref().unwrap_err().to_string();
        assert_eq!(e, format!("in.jsonl:{}: expected a JSON object", i + 1));
    }
    assert_eq!(r[4].as_ref().unwrap().text, "fine");
    let e = r[5].as_ref().unwrap_err().to_string();
    assert!(e.contains("\"text\" must be a string"), "{e}");
}

#[test]
fn nul_bytes_and_invalid_utf8_are_errors_with_the_offset() {
    let r = read_bytes_as("a.txt", b"China\0Russia", Format::Text, &opts(1 << 20));
    let e = r[0].as_ref().unwrap_err().to_string();
    assert_eq!(e, "a.txt: not UTF-8 text (NUL byte at offset 5)");
    let r = read_bytes_as("b.txt", b"abc\xff\xfe", Format::Html, &opts(1 << 20));
    let e = r[0].as_ref().unwrap_err().to_string();
    assert_eq!(e, "b.txt: not UTF-8 text (invalid byte at offset 3)");
    // in JSON Lines the line is named and the next line still read
    let r: Vec<_> = read_reader(
        "c.jsonl",
        Cursor::new(b"{\"text\": \"a\xffb\"}\n{\"text\": \"ok\"}\n".to_vec()),
        &ReadOptions {
            format: Some(Format::Jsonl),
            ..Default::default()
        },
    )
    .collect();
    let e = r[0].as_ref().unwrap_err().to_string();
    assert!(e.starts_with("c.jsonl:1: not UTF-8 text"), "{e}");
    assert_eq!(r[1].as_ref().unwrap().text, "ok");
    // an escaped NUL inside JSON is text like any other character
    let r = read_bytes_as(
        "d.jsonl",
        b"{\"text\": \"China\\u0000 met Russia.\"}\n",
        Format::Jsonl,
        &opts(1 << 20),
    );
    check_layers(&r[0].as_ref().unwrap().text);
}

#[test]
fn ten_megabyte_line_without_sentence_end_is_cut_into_bounded_sentences() {
    let words = [
        "China",
        "and",
        "Russia",
        "met",
        "officials",
        "in",
        "Beijing",
    ];
    let mut text = String::with_capacity(10 << 20);
    let mut i = 0;
    while text.len() < 10 << 20 {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        i += 1;
    }
    let t0 = Instant::now();
    let spans = sentences(&text);
    assert!(t0.elapsed() < Duration::from_secs(20));
    assert!(spans.len() >= (10 << 20) / MAX_SENTENCE_BYTES);
    // the pieces cover all the text: only whitespace between them
    let mut last = 0;
    for s in &spans {
        assert!(s.len() <= MAX_SENTENCE_BYTES);
        assert!(text[last..s.start].trim().is_empty());
        // cut at spaces: no word is split
        assert!(!text[s.start..s.end].ends_with("Chin"));
        last = s.end;
    }
    assert!(text[last..].trim().is_empty());
}

#[test]
fn long_run_without_any_space_is_cut_on_character_boundaries() {
    // multi-byte characters and no whitespace at all
    let text = "中国和俄罗斯".repeat(20_000);
    let spans = sentences(&text);
    assert!(spans.len() > 1);
    let joined: String = spans.iter().map(|s| &text[s.start..s.end]).collect();
    assert_eq!(joined, text);
    check_layers(&text);
}

#[test]
fn deeply_nested_and_malformed_html() {
    let depth = 200_000;
    let mut html = "<div>".repeat(depth);
    html.push_str("China &amp; Russia met.");
    html.push_str(&"</div>".repeat(depth));
    let t0 = Instant::now();
    let r = read_bytes_as("deep.html", html.as_bytes(), Format::Html, &opts(64 << 20));
    let doc = r[0].as_ref().unwrap();
    assert!(doc.text.contains("China & Russia met."), "{:?}", &doc.text);
    check_layers(&doc.text);
    assert!(t0.elapsed() < Duration::from_secs(20));

    for bad in [
        "<p>unclosed <b>bold <i>italic",
        "<<<<>>>> < > <",
        "<!-- never closed",
        "<script>var x = '<p>';",
        "<p attr=\"unterminated>text",
        "&#xFFFFFFFF; &#0; &#55296; &bogus; &; &#;",
        "</p></p></div>text",
        "<style>p{}</sty",
        "<a href='x'>&lt;&gt&amp&quot</a>",
    ] {
        let r = read_bytes_as("bad.html", bad.as_bytes(), Format::Html, &opts(1 << 20));
        for d in r.iter().flatten() {
            check_layers(&d.text);
            for s in sentences(&d.text) {
                let o = d.to_original(s);
                assert!(o.end <= d.original.len());
            }
        }
    }
}

#[test]
fn invisible_bidi_and_mixed_script_text() {
    let text = "\u{202E}China\u{202C} criticized \u{200B}Japan\u{200D}. \
                \u{FEFF}Россия и 中国 signed ‏اتفاقية‎ in Beijing.\u{2066}x\u{2069} \
                e\u{301}\u{301}\u{301} \u{200B}\u{200B}\u{200B}. 🇨🇳🇷🇺 met.";
    let doc = Doc::plain("bidi", text, None);
    check_layers(&doc.text);
    let toks = tokenize(text, Span::new(0, text.len()));
    assert!(toks
        .iter()
        .any(|t| t.norm == "japan\u{200d}" || t.norm == "japan"));
    // only zero-width characters: no tokens, no panic
    let zw = "\u{200B}\u{FEFF}\u{2060}".repeat(1000);
    check_layers(&zw);
    let r = read_bytes_as("zw.txt", zw.as_bytes(), Format::Text, &opts(1 << 20));
    for d in r.iter().flatten() {
        assert!(sentences(&d.text)
            .iter()
            .all(|&s| tokenize(&d.text, s).is_empty()));
    }
}

// The fuzz `input` target's invariants as a property test, so that CI runs
// a short version of it on every build (cargo-fuzz needs nightly flags).
mod smoke {
    use super::*;
    use proptest::prelude::*;

    fn bytes() -> impl Strategy<Value = Vec<u8>> {
        // markup, entities, JSON and multi-byte pieces mixed with noise
        let piece = prop_oneof![
            Just(b"<p>".to_vec()),
            Just(b"</div>".to_vec()),
            Just(b"<!--".to_vec()),
            Just(b"&amp;".to_vec()),
            Just(b"&#x2014;".to_vec()),
            Just(b"[a](b)".to_vec()),
            Just(b"{\"text\": \"".to_vec()),
            Just(b"\"}\n".to_vec()),
            Just("\u{200B}\u{202E}—中".as_bytes().to_vec()),
            Just(b". ".to_vec()),
            Just(b"\n\n".to_vec()),
            Just(b"China met Russia".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..8),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_bytes_in_any_format_keep_the_text_invariants(b in bytes(), f in 0usize..4) {
            let format = [Format::Text, Format::Markdown, Format::Html, Format::Jsonl][f];
            for doc in read_bytes_as("p", &b, format, &ReadOptions::default()).into_iter().flatten() {
                check_layers(&doc.text);
                for s in sentences(&doc.text) {
                    let o = doc.to_original(s);
                    prop_assert!(o.start <= o.end && o.end <= doc.original.len());
                    prop_assert!(doc.original.is_char_boundary(o.start));
                    prop_assert!(doc.original.is_char_boundary(o.end));
                }
            }
        }
    }
}
