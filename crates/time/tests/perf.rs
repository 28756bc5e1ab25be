//! Speed of the common case: a sentence with no temporal expression must
//! be rejected by the first pass. Prints the time per sentence; asserts a
//! bound only in optimised builds (`cargo test --release -p dyad-time`).

use std::time::Instant;

use dyad_time::Tagger;

const NO_TIME: &str = "The two sides emphasized that they respect each other's choice for the path of political, economic, social and cultural development in line with the nation's actual conditions, and support each other's policies.";
const WITH_TIME: &str = "The trade volume in the first 11 months of 2021 was US$130.428 billion, up by 33.6% over the same period last year, exceeding the figure of 2020.";

fn per_call(text: &str, n: u32) -> f64 {
    let t = Tagger::builtin();
    let doc = chrono::NaiveDate::from_ymd_opt(2022, 1, 1);
    let mut found = 0usize;
    let start = Instant::now();
    for _ in 0..n {
        found += std::hint::black_box(t.tag_str(std::hint::black_box(text), doc)).len();
    }
    let ns = start.elapsed().as_nanos() as f64 / n as f64;
    assert!(found < usize::MAX);
    ns
}

#[test]
fn first_pass_is_fast() {
    let _ = Tagger::builtin();
    let none = per_call(NO_TIME, 20_000);
    let some = per_call(WITH_TIME, 20_000);
    println!(
        "no temporal expression ({} words): {:.0} ns/sentence; with three: {:.0} ns/sentence",
        NO_TIME.split_whitespace().count(),
        none,
        some
    );
    if !cfg!(debug_assertions) {
        assert!(none < 2_000.0, "{none} ns for a sentence without dates");
    }
}
