//! The common case: a sentence with no temporal expression gives nothing,
//! and one with several gives each. (Its speed is measured by the
//! `tagger` benchmark in benches/benches/code.rs, not in a timed test.)
use dyad_time::Tagger;

const NO_TIME: &str = "The two sides emphasized that they respect each other's choice for the path of political, economic, social and cultural development in line with the nation's actual conditions, and support each other's policies.";
const WITH_TIME: &str = "The trade volume in the first 11 months of 2021 was US$130.428 billion, up by 33.6% over the same period last year, exceeding the figure of 2020.";

#[test]
fn sentences_without_and_with_dates() {
    let t = Tagger::builtin();
    let doc = chrono::NaiveDate::from_ymd_opt(2022, 1, 1);
    assert!(t.tag_str(NO_TIME, doc).is_empty());
    let found = t.tag_str(WITH_TIME, doc);
    assert!(found.len() >= 3, "{found:?}");
}
