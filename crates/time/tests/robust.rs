//! No panics on any input: random token soups (with multi-byte characters)
//! and random spans, including spans that cut a character or run past the
//! end. Every returned span must lie inside the requested one and on
//! character boundaries. Deterministic (a fixed-seed xorshift generator).

use chrono::NaiveDate;
use dyad_text::Span;
use dyad_time::Tagger;

const PIECES: &[&str] = &[
    "2021",
    "1990",
    "12",
    "31",
    "7",
    "2,000",
    "0",
    "99999999999",
    "-",
    "/",
    ".",
    ",",
    "'",
    "’",
    "–",
    "s",
    "é",
    "日本",
    "December",
    "Dec",
    "May",
    "the",
    "of",
    "eve",
    "on",
    "On",
    "Q3",
    "H1",
    "21st",
    "first",
    "11",
    "months",
    "year",
    "years",
    "ago",
    "last",
    "next",
    "Tuesday",
    "from",
    "to",
    "between",
    "and",
    "by",
    "since",
    "until",
    "mid",
    "early",
    "late",
    "end",
    "same",
    "period",
    "century",
    "decade",
    "Spring",
    "Festival",
    "New",
    "Year's",
    "Day",
    "Christmas",
    "twenty",
    "one",
    "a",
    "recent",
    "km",
    "US$",
    "%",
    "the 1990s",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_token_soup_never_panics() {
    let t = Tagger::builtin();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let docs = [
        None,
        NaiveDate::from_ymd_opt(2022, 1, 1),
        NaiveDate::from_ymd_opt(2020, 2, 29),
        NaiveDate::from_ymd_opt(1, 1, 1),
        Some(NaiveDate::MAX),
        Some(NaiveDate::MIN),
    ];
    let mut found = 0usize;
    for _ in 0..20_000 {
        let n = 1 + rng.below(14);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(PIECES[rng.below(PIECES.len())]);
            if rng.below(3) > 0 {
                s.push(' ');
            }
        }
        let a = rng.below(s.len() + 2);
        let b = rng.below(s.len() + 4);
        let span = Span::new(a, b);
        let doc = docs[rng.below(docs.len())];
        for e in t.tag(&s, span, doc) {
            found += 1;
            assert!(
                span.contains(e.span) && e.span.end <= s.len(),
                "{s:?} {span:?} -> {:?}",
                e.span
            );
            assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
            let _ = e.value.iso();
            let _ = e.value.bounds();
        }
    }
    assert!(found > 1000, "the soup should hold dates: {found}");
}
