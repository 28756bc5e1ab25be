//! The temporal tagger's word lists: the built-in files with one of them
//! (first byte) replaced by the fuzzed contents; when they compile, the
//! tagger runs over a fixed sentence.
#![no_main]
use dyad_time::Tagger;
use libfuzzer_sys::fuzz_target;

const FILES: &[(&str, &str)] = &[
    (
        "temporal/months.txt",
        include_str!("../../data/lexicon/temporal/months.txt"),
    ),
    (
        "temporal/weekdays.txt",
        include_str!("../../data/lexicon/temporal/weekdays.txt"),
    ),
    (
        "temporal/numbers.txt",
        include_str!("../../data/lexicon/temporal/numbers.txt"),
    ),
    (
        "temporal/ordinals.txt",
        include_str!("../../data/lexicon/temporal/ordinals.txt"),
    ),
    (
        "temporal/seasons.txt",
        include_str!("../../data/lexicon/temporal/seasons.txt"),
    ),
    (
        "temporal/holidays.txt",
        include_str!("../../data/lexicon/temporal/holidays.txt"),
    ),
    (
        "temporal/lunar_new_year.txt",
        include_str!("../../data/lexicon/temporal/lunar_new_year.txt"),
    ),
    (
        "temporal/units.txt",
        include_str!("../../data/lexicon/temporal/units.txt"),
    ),
    (
        "temporal/relations.txt",
        include_str!("../../data/lexicon/temporal/relations.txt"),
    ),
];

const SENTENCE: &str = "On Friday, two weeks after the Spring Festival of 2022, the talks \
    resumed; by the end of next year, and in the first quarter of 2024, more will follow.";

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let k = sel as usize % FILES.len();
    let files: Vec<(String, String)> = FILES
        .iter()
        .enumerate()
        .map(|(i, (p, c))| (p.to_string(), if i == k { text } else { c }.to_string()))
        .collect();
    match Tagger::from_files(&files) {
        Ok(t) => {
            let d = chrono::NaiveDate::from_ymd_opt(2022, 2, 4);
            for e in t.tag_str(SENTENCE, d) {
                assert!(e.span.end <= SENTENCE.len());
            }
        }
        Err(errs) => {
            for e in errs {
                let _ = e.to_string();
            }
        }
    }
});
