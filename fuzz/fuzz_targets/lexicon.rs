//! Lexicon files: the fuzzed contents as one file of a folder kind (first
//! byte), loaded beside the built-in CAMEO code table so that verb patterns
//! and actor codes are validated against real codes. Any result is fine;
//! a panic, a hang or unbounded memory is not.
#![no_main]
use dyad_lexicon::{builtin_files, Lexicon};
use libfuzzer_sys::fuzz_target;

const KINDS: &[&str] = &[
    "actors/fuzz.txt",
    "agents/fuzz.txt",
    "cameo/codes.txt",
    "cameo/symmetric.txt",
    "cameo/intent.txt",
    "cameo/refusal.txt",
    "people/fuzz.txt",
    "special/future.txt",
    "special/negation.txt",
    "special/reciprocal.txt",
    "special/not_actors.txt",
    "verbs/fuzz.txt",
];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let path = KINDS[sel as usize % KINDS.len()];
    let mut files: Vec<(String, String)> = builtin_files()
        .iter()
        .filter(|(p, _)| *p == "cameo/codes.txt" && path != "cameo/codes.txt")
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect();
    files.push((path.to_string(), text.to_string()));
    if let Err(e) = Lexicon::from_files(&files) {
        // every error must render
        let _ = e.to_string();
    }
});
