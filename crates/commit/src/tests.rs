use super::*;

fn lex() -> &'static Lexicon {
    static L: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    L.get_or_init(|| Lexicon::builtin().expect("built-in lexicon"))
}

fn one(s: &str) -> Result<Finding, Rejection> {
    let d = Detector::new(lex(), Tagger::builtin());
    d.sentence(
        s,
        Span::new(0, s.len()),
        NaiveDate::from_ymd_opt(2022, 1, 1),
    )
}

#[test]
fn smoke() {
    let f = one("President Putin will come to China for the opening ceremony of Beijing Winter Olympics in February 2022.").unwrap();
    assert!(f.specific, "{f:?}");
    assert_eq!(f.due.unwrap().iso, "2022-02");
    assert!(one("The year 2022 will mark the 25th anniversary of the Committee.").is_err());
}
