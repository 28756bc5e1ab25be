//! One test per supported form: what is found, its span text, value,
//! relation and rule.

use chrono::NaiveDate;
use dyad_text::Span;
use dyad_time::{Relation, Tagger, TimeValue};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// (span text, iso, relation) of every expression.
fn tag(text: &str, doc: Option<&str>) -> Vec<(String, String, Relation)> {
    Tagger::builtin()
        .tag_str(text, doc.map(d))
        .into_iter()
        .map(|e| {
            (
                text[e.span.start..e.span.end].to_string(),
                e.value.iso(),
                e.relation,
            )
        })
        .collect()
}

/// The single expression in `text`, as (span text, iso).
fn one(text: &str, doc: Option<&str>) -> (String, String) {
    let all = tag(text, doc);
    assert_eq!(all.len(), 1, "{text:?}: {all:?}");
    (all[0].0.clone(), all[0].1.clone())
}

fn check(text: &str, doc: &str, span: &str, iso: &str) {
    assert_eq!(
        one(text, Some(doc)),
        (span.to_string(), iso.to_string()),
        "{text:?}"
    );
}

const DOC: &str = "2022-01-01";

#[test]
fn absolute_years_and_months() {
    check("It grew in 2021.", DOC, "2021", "2021");
    check("2021 was a good year", DOC, "2021", "2021");
    check(
        "They met in December 2021.",
        DOC,
        "December 2021",
        "2021-12",
    );
    check(
        "They met in December, 2021.",
        DOC,
        "December, 2021",
        "2021-12",
    );
    check("the year 2022 will mark", DOC, "the year 2022", "2022");
}

#[test]
fn absolute_days() {
    check(
        "Signed on December 15, 2021 in Moscow.",
        DOC,
        "December 15, 2021",
        "2021-12-15",
    );
    check(
        "Signed on 15 December 2021.",
        DOC,
        "15 December 2021",
        "2021-12-15",
    );
    check(
        "Signed on Wednesday, December 15, 2021.",
        DOC,
        "Wednesday, December 15, 2021",
        "2021-12-15",
    );
    check("Signed 2021-12-15.", DOC, "2021-12-15", "2021-12-15");
    check("Signed 12/15/2021.", DOC, "12/15/2021", "2021-12-15");
    check("Signed 15/12/2021.", DOC, "15/12/2021", "2021-12-15");
    check(
        "Signed on the 1st of May 2019.",
        DOC,
        "the 1st of May 2019",
        "2019-05-01",
    );
}

#[test]
fn month_day_without_year_takes_the_nearest_sensible_year() {
    // Doc year unless the day lies more than ~2 months after the doc date.
    check("He spoke on Dec. 15.", DOC, "Dec. 15", "2021-12-15");
    check("He spoke on Jan. 5.", DOC, "Jan. 5", "2022-01-05");
    check("He will visit on Feb. 20.", DOC, "Feb. 20", "2022-02-20");
    check("He spoke on July 1.", DOC, "July 1", "2021-07-01");
    check("He spoke on Jan. 5.", "2021-12-20", "Jan. 5", "2022-01-05");
    check("He spoke on Nov. 5.", "2021-12-20", "Nov. 5", "2021-11-05");
    check("They met in December.", DOC, "December", "2021-12");
    check("They meet in February.", DOC, "February", "2022-02");
    check("They met in June.", DOC, "June", "2021-06");
}

#[test]
fn decades_parts_and_fractions() {
    check("in the 1990s", DOC, "the 1990s", "1990/1999");
    check("in the 1990's", DOC, "the 1990's", "1990/1999");
    check(
        "growth in mid-2021 slowed",
        DOC,
        "mid-2021",
        "2021-05/2021-08",
    );
    check(
        "Talks resume in early 2022.",
        DOC,
        "early 2022",
        "2022-01/2022-06",
    );
    check(
        "It happened in late December.",
        DOC,
        "late December",
        "2021-12-16/2021-12-31",
    );
    check(
        "at the end of 2021",
        DOC,
        "the end of 2021",
        "2021-09/2021-12",
    );
    check(
        "the first 11 months of 2021",
        DOC,
        "the first 11 months of 2021",
        "2021-01/2021-11",
    );
    check(
        "in the first half of 2021",
        DOC,
        "the first half of 2021",
        "2021-01/2021-06",
    );
    check(
        "in the second half of 2021",
        DOC,
        "the second half of 2021",
        "2021-07/2021-12",
    );
    check(
        "in the third quarter, trade rose",
        DOC,
        "the third quarter",
        "2021-07/2021-09",
    );
    check(
        "in the third quarter of 2020",
        DOC,
        "the third quarter of 2020",
        "2020-07/2020-09",
    );
    check("GDP in Q3 2021", DOC, "Q3 2021", "2021-07/2021-09");
    check("GDP in 2021 Q3", DOC, "2021 Q3", "2021-07/2021-09");
    check("in H1 2021", DOC, "H1 2021", "2021-01/2021-06");
    check(
        "in the summer of 2021",
        DOC,
        "the summer of 2021",
        "2021-06/2021-08",
    );
    check(
        "in the winter of 2021",
        DOC,
        "the winter of 2021",
        "2021-12/2022-02",
    );
}

#[test]
fn ranges() {
    check(
        "held from December 5 to 10",
        DOC,
        "from December 5 to 10",
        "2021-12-05/2021-12-10",
    );
    check(
        "held December 5-10",
        DOC,
        "December 5-10",
        "2021-12-05/2021-12-10",
    );
    check(
        "held from 4 to 22 January, 1995",
        DOC,
        "from 4 to 22 January, 1995",
        "1995-01-04/1995-01-22",
    );
    check(
        "trade between 2000 and 2020 grew",
        DOC,
        "between 2000 and 2020",
        "2000/2020",
    );
    check("trade in 2000–2020 grew", DOC, "2000–2020", "2000/2020");
    check("trade in 2000-2020 grew", DOC, "2000-2020", "2000/2020");
    check(
        "a roadmap from 2020 to 2025",
        DOC,
        "from 2020 to 2025",
        "2020/2025",
    );
    check("the 2019-20 season", DOC, "2019-20", "2019/2020");
    check(
        "from January to March 2021",
        DOC,
        "from January to March 2021",
        "2021-01/2021-03",
    );
    // Quantities are not ranges of days.
    assert!(tag("rose from 5 to 10 percent", Some(DOC)).is_empty());
}

#[test]
fn relative_years_and_months() {
    check(
        "Twenty years ago, they signed",
        DOC,
        "Twenty years ago",
        "2002",
    );
    check("20 years ago, they signed", DOC, "20 years ago", "2002");
    check("two decades ago", DOC, "two decades ago", "2002");
    check("twenty-one years ago", DOC, "twenty-one years ago", "2001");
    check("a year ago", DOC, "a year ago", "2021");
    check("three months ago", DOC, "three months ago", "2021-10");
    check("last year", DOC, "last year", "2021");
    check("this year", DOC, "this year", "2022");
    check("next year", DOC, "next year", "2023");
    check("last month", DOC, "last month", "2021-12");
    check("next month", DOC, "next month", "2022-02");
    check("last quarter", DOC, "last quarter", "2021-10/2021-12");
    check("the past decade", DOC, "the past decade", "2012/2021");
    check(
        "over the past two decades",
        DOC,
        "the past two decades",
        "2002/2021",
    );
    check(
        "over the past 20 years",
        DOC,
        "the past 20 years",
        "2002/2021",
    );
    check(
        "in the next five years",
        DOC,
        "the next five years",
        "2023/2027",
    );
    check(
        "over the past century",
        DOC,
        "the past century",
        "1922/2021",
    );
    check("this decade", DOC, "this decade", "2020/2029");
    check(
        "earlier this year",
        "2018-05-28",
        "earlier this year",
        "2018-01-01/2018-05-27",
    );
    check(
        "later this year",
        "2017-11-08",
        "later this year",
        "2017-11-08/2017-12-31",
    );
    check("late last year", DOC, "late last year", "2021-07/2021-12");
    check(
        "from the end of March this year",
        "2020-06-10",
        "the end of March this year",
        "2020-03-16/2020-03-31",
    );
    check(
        "in September this year",
        "2019-06-15",
        "September this year",
        "2019-09",
    );
    check("last September", DOC, "last September", "2021-09");
    check("next June", DOC, "next June", "2022-06");
}

#[test]
fn relative_weeks_and_days() {
    // 2022-01-01 is a Saturday.
    check("last week", DOC, "last week", "2021-12-20/2021-12-26");
    check("this week", DOC, "this week", "2021-12-27/2022-01-02");
    check("next week", DOC, "next week", "2022-01-03/2022-01-09");
    check("yesterday", DOC, "yesterday", "2021-12-31");
    check("today", DOC, "today", "2022-01-01");
    check("tomorrow", DOC, "tomorrow", "2022-01-02");
    // the part of a day: "last night" is the day before
    check(
        "their phone call last night was positive",
        DOC,
        "last night",
        "2021-12-31",
    );
    check("They spoke last evening", DOC, "last evening", "2021-12-31");
    check(
        "This morning, the two ministers met",
        DOC,
        "This morning",
        "2022-01-01",
    );
    // a bare part of a day is no date
    assert!(tag("The night was quiet and the morning cold.", Some(DOC)).is_empty());
    check(
        "the day before yesterday",
        DOC,
        "the day before yesterday",
        "2021-12-30",
    );
    // Bare weekday: most recent on or before the doc date.
    check("He said on Tuesday that", DOC, "Tuesday", "2021-12-28");
    check("He said on Saturday that", DOC, "Saturday", "2022-01-01");
    check("He said Tuesday that", DOC, "Tuesday", "2021-12-28");
    check("They meet next Tuesday", DOC, "next Tuesday", "2022-01-04");
    check("They met last Saturday", DOC, "last Saturday", "2021-12-25");
    check(
        "They met this Monday",
        "2016-11-09",
        "this Monday",
        "2016-11-07",
    );
    check(
        "They meet Tuesday next week",
        DOC,
        "Tuesday next week",
        "2022-01-04",
    );
    check("three days ago", DOC, "three days ago", "2021-12-29");
}

#[test]
fn same_period_last_year() {
    let r = tag(
        "Trade in the first 11 months of 2021 rose 33.6% over the same period last year.",
        Some(DOC),
    );
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[1].0, "the same period last year");
    assert_eq!(r[1].1, "2020-01/2020-11");
    let r = tag("Exports rose over the same period last year.", Some(DOC));
    assert_eq!(r[0].1, "2021");
    let r = tag(
        "In the third quarter of 2021 exports rose over the same period of last year.",
        Some(DOC),
    );
    assert_eq!(r[1].1, "2020-07/2020-09");
}

#[test]
fn recent_years_is_unresolved() {
    let r = Tagger::builtin().tag_str("In recent years, ties have grown.", Some(d(DOC)));
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].value, TimeValue::Unresolved("recent years".into()));
    assert_eq!(r[0].rule, "recent");
}

#[test]
fn holidays_and_anchors() {
    let r = tag(
        "On the eve of July 1, President Putin sent a message.",
        Some(DOC),
    );
    assert_eq!(
        r,
        vec![(
            "On the eve of July 1".into(),
            "2021-06-30".into(),
            Relation::Around
        )]
    );
    check(
        "greetings on New Year's Day",
        DOC,
        "New Year's Day",
        "2022-01-01",
    );
    check(
        "greetings on New Year’s Day",
        "2021-06-01",
        "New Year’s Day",
        "2021-01-01",
    );
    check(
        "before Christmas",
        "2021-12-01",
        "before Christmas",
        "2021-12-25",
    );
    check(
        "during the Spring Festival",
        DOC,
        "the Spring Festival",
        "2022-02-01",
    );
    check(
        "the Chinese Lunar New Year holiday",
        "2021-03-01",
        "the Chinese Lunar New Year",
        "2021-02-12",
    );
    check(
        "the Spring Festival of 2020",
        DOC,
        "the Spring Festival of 2020",
        "2020-01-25",
    );
    check(
        "on the eve of the Spring Festival",
        DOC,
        "on the eve of the Spring Festival",
        "2022-01-31",
    );
    check("Christmas 2019", DOC, "Christmas 2019", "2019-12-25");
    assert_eq!(tag("on the eve of his visit", Some(DOC)), vec![]);
}

#[test]
fn centuries_and_non_dates() {
    check(
        "to thrive in the 21st century",
        DOC,
        "the 21st century",
        "2001/2100",
    );
    check(
        "in the twentieth century",
        DOC,
        "the twentieth century",
        "1901/2000",
    );
    let none = [
        "the 76th session of the UN General Assembly",
        "the 25th anniversary of the treaty",
        "5G networks and 4G ones",
        "the over 4,300 kilometers of border",
        "trade of US$200 billion",
        "trade of US$2021 billion",
        "some 2,000 people",
        "2000 troops were sent",
        "1999 km of railway",
        "a 2021% rise",
        "the figure was 3000",
        "the figure was 1850",
        "the price was 2,021,000",
        "May I ask a question?",
        "They march on.",
        "It may rain.",
        "The Arab Spring spread.",
        "He did it the second time.",
        "They sat on Sun.",
        "a 24/7 service",
        "hosting the Beijing 2022 Olympic Winter Games",
        "the goals of Saudi Vision 2030",
        "visitors to Expo 2020 in Dubai",
    ];
    for text in none {
        assert_eq!(tag(text, Some(DOC)), vec![], "{text:?}");
    }
}

#[test]
fn a_capitalised_function_word_keeps_the_year() {
    check("By 2024, trade will double", DOC, "By 2024", "2024");
    check("It grew. In 2021 trade rose", DOC, "2021", "2021");
    check("the summit of Moscow, 2021", DOC, "2021", "2021");
}

#[test]
fn relations() {
    assert_eq!(
        tag("to US$200 billion by 2024.", Some(DOC)),
        vec![("by 2024".into(), "2024".into(), Relation::Before)]
    );
    assert_eq!(
        tag("ties since 2000 have grown", Some(DOC)),
        vec![("since 2000".into(), "2000".into(), Relation::After)]
    );
    assert_eq!(
        tag("valid until 2030", Some(DOC)),
        vec![("until 2030".into(), "2030".into(), Relation::Before)]
    );
    assert_eq!(
        tag("around 2000", Some(DOC)),
        vec![("around 2000".into(), "2000".into(), Relation::Around)]
    );
    assert_eq!(
        tag("by the end of 2021", Some(DOC)),
        vec![(
            "by the end of 2021".into(),
            "2021-09/2021-12".into(),
            Relation::Before
        )]
    );
}

#[test]
fn without_doc_date_relative_stays_unresolved() {
    let t = Tagger::builtin();
    let r = t.tag_str(
        "Twenty years ago, in December 2021, last year, on July 1, 2019 and on Dec. 15",
        None,
    );
    let v: Vec<String> = r.iter().map(|e| e.value.to_string()).collect();
    assert_eq!(
        v,
        vec![
            "unresolved(Twenty years ago)",
            "2021-12",
            "unresolved(last year)",
            "2019-07-01",
            "unresolved(Dec. 15)"
        ]
    );
    assert!(!r[0].value.is_resolved());
}

#[test]
fn spans_are_absolute_into_the_text() {
    let text = "Intro. In 2021, they met. Later, in December, again.";
    let s = Span::new(7, 25);
    let r = Tagger::builtin().tag(text, s, Some(d(DOC)));
    assert_eq!(r.len(), 1);
    assert_eq!(&text[r[0].span.start..r[0].span.end], "2021");
    assert_eq!(r[0].span, Span::new(10, 14));
    // Out-of-range or non-boundary spans give nothing and do not panic.
    let _ = Tagger::builtin().tag(text, Span::new(40, 400), None);
    assert!(Tagger::builtin()
        .tag(text, Span::new(400, 500), None)
        .is_empty());
    assert!(Tagger::builtin()
        .tag("é 2021", Span::new(1, 7), None)
        .is_empty());
}

#[test]
fn rule_names_are_reported() {
    let r = Tagger::builtin().tag_str("Twenty years ago, by 2024, in the 1990s", Some(d(DOC)));
    let rules: Vec<&str> = r.iter().map(|e| e.rule).collect();
    assert_eq!(rules, vec!["ago", "year", "decade"]);
}

#[test]
fn lexicon_from_files_reports_errors_with_file_and_line() {
    let files = vec![
        (
            "my/months.txt".to_string(),
            "1 | january\n13 | smarch\n".to_string(),
        ),
        ("my/relations.txt".to_string(), "bfore | by\n".to_string()),
    ];
    let errs = Tagger::from_files(&files).unwrap_err();
    assert_eq!(errs.len(), 2);
    assert_eq!(
        errs[0].to_string(),
        "error: unknown month number \"13\"\n  --> my/months.txt:2\n  = help: month numbers run from 1 (January) to 12 (December)"
    );
    assert_eq!(errs[1].file, "my/relations.txt");
    assert!(errs[1].hint.as_deref().unwrap_or("").contains("\"before\""));
    // A hand-built small lexicon works on its own.
    let small = Tagger::from_files(&[(
        "months.txt".to_string(),
        "12 | december | dec\n".to_string(),
    )])
    .unwrap();
    let r = small.tag_str("in December 2021", None);
    assert_eq!(r[0].value, TimeValue::Month(2021, 12));
}

#[test]
fn builtin_lists_are_valid_and_complete() {
    let files: Vec<(String, String)> = dyad_time::BUILTIN_FILES
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect();
    let t = Tagger::from_files(&files).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    // Every year 2000..=2030 has a Chinese New Year date.
    for y in 2000..=2030 {
        let r = t.tag_str(&format!("the Spring Festival of {y}"), None);
        assert!(matches!(r[0].value, TimeValue::Day(_)), "{y}: {r:?}");
    }
}
