use super::*;
use std::path::PathBuf;

fn lex() -> &'static Lexicon {
    static L: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    L.get_or_init(|| Lexicon::builtin().expect("built-in lexicon"))
}

fn det() -> Detector<'static> {
    Detector::new(lex(), Tagger::builtin())
}

fn one(s: &str) -> Result<Finding, Rejection> {
    det().sentence(
        s,
        Span::new(0, s.len()),
        NaiveDate::from_ymd_opt(2022, 1, 1),
    )
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn seed_visit_is_specific_with_its_month() {
    let f = one("At the invitation of President Xi Jinping, President Putin will come to China for the opening ceremony of Beijing Winter Olympics in February 2022.").unwrap();
    assert!(f.specific, "{f:?}");
    let d = f.due.unwrap();
    assert_eq!((d.iso.as_str(), d.relation), ("2022-02", "at"));
}

#[test]
fn seed_trade_target_is_a_figure_due_by_2024() {
    let f = one("By leveraging resource complementarities between the two countries, we will focus on priorities, address inadequacies, and shore up points of weakness to transform and upgrade our practical cooperation, and make steady progress to increase bilateral trade to US$200 billion by 2024, the goal set by the two leaders.").unwrap();
    assert!(f.specific);
    let t = f.target.unwrap();
    assert_eq!(
        (t.value, t.unit.as_str(), t.measure.as_deref(), t.floor),
        (200e9, "USD", Some("trade"), true)
    );
    let d = f.due.unwrap();
    assert_eq!((d.iso.as_str(), d.relation), ("2024", "before"));
    assert_eq!(d.start, NaiveDate::from_ymd_opt(2022, 1, 1).unwrap());
}

#[test]
fn forecasts_conditionals_wishes_and_nouns_are_not_commitments() {
    for (s, why) in [
        (
            "The year 2022 will mark the 25th anniversary of the Committee.",
            "forecast",
        ),
        (
            "This will be the first meeting in person between the two leaders.",
            "forecast",
        ),
        (
            "If the US continues, China will take resolute countermeasures.",
            "conditional",
        ),
        (
            "We hope the US will stop dragging China into its domestic politics.",
            "wish",
        ),
        (
            "The Treaty has demonstrated the will and determination of both sides.",
            "noun",
        ),
        (
            "China and Russia are committed to justice and mutual trust.",
            "stance",
        ),
        (
            "Will the Chinese side target the US enterprises?",
            "question",
        ),
        (
            "Continued growth in agriculture will create new employment opportunities.",
            "forecast",
        ),
    ] {
        let r = one(s);
        let e = r
            .as_ref()
            .err()
            .map(|e| e.reason.clone())
            .unwrap_or_default();
        assert!(e.contains(why), "{s}: expected {why}, got {r:?}");
    }
}

#[test]
fn broad_and_specific() {
    for (s, specific) in [
        (
            "The two sides will step up coordination in multilateral platforms.",
            false,
        ),
        (
            "China is ready to work together with Russia for the implementation of the GDI.",
            false,
        ),
        (
            "China will continue to play a constructive role to this end.",
            false,
        ),
        (
            "We will set up five regional centres of excellence on urban issues.",
            true,
        ),
        (
            "A Central Madarsa Education Board will be established.",
            true,
        ),
        (
            "Set up four dedicated defence universities to meet the shortage of manpower.",
            true,
        ),
        (
            "Infant and maternal mortality levels will be reduced by half.",
            true,
        ),
    ] {
        let f = one(s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        assert_eq!(f.specific, specific, "{s}: {}", f.scope_rule);
    }
}

/// Scores on the hand-annotated gold files (in the repository).
fn gold(name: &str) -> eval::GoldScores {
    let g = eval::read_gold(&repo().join("testdata/gold").join(name)).unwrap();
    let s = eval::score_gold(&det(), &g);
    let d = &s.detection;
    println!(
        "{name}: {} lines; detection P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {}); specific among found P {:.3} R {:.3} F1 {:.3}; due {}/{}",
        g.len(), d.precision(), d.recall(), d.f1(), d.tp, d.fp, d.fn_,
        s.specific.precision(), s.specific.recall(), s.specific.f1(), s.due_right, s.due_gold
    );
    for (line, gl, pr, why) in &s.errors {
        println!("  line {line}: gold {gl}, found {pr} ({why})");
    }
    s
}

#[test]
fn gold_seed() {
    let s = gold("commitments_seed.jsonl");
    assert!(
        s.detection.f1() >= 0.85,
        "seed detection F1 {:.3}",
        s.detection.f1()
    );
    assert!(
        s.specific.f1() >= 0.85,
        "seed specific F1 {:.3}",
        s.specific.f1()
    );
    assert!(s.due_right >= 3, "seed due dates right: {}", s.due_right);
}

#[test]
fn gold_presscon() {
    let s = gold("commitments_presscon.jsonl");
    assert!(
        s.detection.f1() >= 0.80,
        "presscon detection F1 {:.3}",
        s.detection.f1()
    );
    assert!(
        s.specific.f1() >= 0.70,
        "presscon specific F1 {:.3}",
        s.specific.f1()
    );
}

#[test]
fn election_pledges_f1_floor() {
    let p = repo().join("../shared/corpora/election-pledges/pledges_train.tsv");
    if !p.exists() {
        println!("note: {} not found; pledge evaluation skipped", p.display());
        return;
    }
    let rows = eval::read_pledges(&p).unwrap();
    let c = eval::score_pledges(&det(), &rows);
    println!(
        "election pledges (English, {} rows): P {:.3} R {:.3} F1 {:.3}",
        rows.len(),
        c.precision(),
        c.recall(),
        c.f1()
    );
    assert!(rows.len() > 6000);
    assert!(c.f1() >= 0.58, "pledge F1 {:.3}", c.f1());
}

fn d(s: &str) -> NaiveDate {
    parse_ymd(s).unwrap()
}

fn commitment(specific: bool, due: Option<(&str, &'static str, &str, &str)>) -> Commitment {
    let actor = |c: &str| Actor {
        code: Some(c.to_string()),
        country: Some(c[..3].to_string()),
        text: String::new(),
        span: None,
    };
    Commitment {
        doc: "a".into(),
        made: Some(d("2022-01-01")),
        sentence: 0,
        text: String::new(),
        span: Span::new(0, 0),
        actors: vec![actor("RUSGOV")],
        counterparts: vec![actor("CHN")],
        cue: "will".into(),
        cue_span: Span::new(0, 0),
        cue_kind: "modal".into(),
        rule: "commitment/bind.cue:8".into(),
        action: String::new(),
        action_span: Span::new(0, 0),
        verb: None,
        cameo: Some("036".into()),
        acts: vec!["04".into()],
        target: None,
        due: due.map(|(iso, rel, a, b)| Due {
            iso: iso.into(),
            relation: rel,
            start: d(a),
            end: d(b),
            span: Span::new(0, 0),
        }),
        specific,
        scope_rule: String::new(),
        why: Vec::new(),
    }
}

fn event(cameo: &str, modality: &str, date: &str) -> EventFact {
    EventFact {
        doc: "b".into(),
        sentence: 1,
        text: "Putin arrived in Beijing.".into(),
        span: Span::new(0, 25),
        source_code: "RUSGOV".into(),
        source_country: Some("RUS".into()),
        target_code: Some("CHNGOV".into()),
        target_country: Some("CHN".into()),
        cameo: cameo.into(),
        modality: modality.into(),
        date: Some(date.into()),
        doc_date: Some(d(date.get(..10).unwrap_or("2022-02-04"))),
    }
}

#[test]
fn resolve_rules() {
    let feb = Some(("2022-02", "at", "2022-02-01", "2022-02-28"));
    let c = commitment(true, feb);
    let kept = &resolve(
        std::slice::from_ref(&c),
        &[event("042", "asserted", "2022-02-04")],
        &[],
        None,
    )[0];
    assert_eq!(kept.status, Status::Kept, "{}", kept.rule);
    assert_eq!(kept.evidence.len(), 1);
    // outside the window, another act, or only promised: no evidence
    for e in [
        event("042", "asserted", "2022-05-04"),
        event("190", "asserted", "2022-02-04"),
        event("036", "future", "2022-02-04"),
    ] {
        let o = &resolve(std::slice::from_ref(&c), &[e], &[], Some(d("2022-01-10")))[0];
        assert_eq!(o.status, Status::Open, "{}", o.rule);
    }
    // evidence must be reported later, by another document, as done
    let mut own = event("042", "asserted", "2022-02-04");
    own.doc = "a".into();
    let mut announced = event("042", "asserted", "2022-02-04");
    announced.doc_date = Some(d("2022-01-20"));
    for e in [own, announced] {
        let o = &resolve(std::slice::from_ref(&c), &[e], &[], None)[0];
        assert_eq!(o.status, Status::Open, "{}", o.rule);
    }
    // without a due date: a horizon of HORIZON_DAYS, never overdue
    let nodue = commitment(true, None);
    let o = &resolve(
        std::slice::from_ref(&nodue),
        &[event("042", "asserted", "2022-02-04")],
        &[],
        None,
    )[0];
    assert_eq!(o.status, Status::Kept);
    let o = &resolve(
        std::slice::from_ref(&nodue),
        &[event("042", "asserted", "2023-02-04")],
        &[],
        Some(d("2024-01-01")),
    )[0];
    assert_eq!(o.status, Status::Open, "{}", o.rule);
    let broken = &resolve(
        std::slice::from_ref(&c),
        &[event("042", "negated", "2022-02-04")],
        &[],
        None,
    )[0];
    assert_eq!(broken.status, Status::Broken);
    let overdue = &resolve(std::slice::from_ref(&c), &[], &[], Some(d("2022-03-01")))[0];
    assert_eq!(overdue.status, Status::Overdue, "{}", overdue.rule);
    // a broad commitment is not checked
    let b = commitment(false, feb);
    let o = &resolve(
        &[b],
        &[event("042", "asserted", "2022-02-04")],
        &[],
        Some(d("2023-01-01")),
    )[0];
    assert_eq!(o.status, Status::Open);
    // figures: at least US$200 billion by 2024
    let mut t = commitment(true, Some(("2024", "before", "2022-01-01", "2024-12-31")));
    t.actors = vec![
        Actor {
            code: Some("CHN".into()),
            country: Some("CHN".into()),
            text: String::new(),
            span: None,
        },
        Actor {
            code: Some("RUS".into()),
            country: Some("RUS".into()),
            text: String::new(),
            span: None,
        },
    ];
    t.counterparts.clear();
    t.acts.clear();
    t.target = Some(TargetFigure {
        measure: Some("trade".into()),
        value: 200e9,
        unit: "USD".into(),
        floor: true,
        text: "US$200 billion".into(),
        span: Span::new(0, 0),
    });
    let claim = |year: &str, v: f64| Claim {
        doc: "c".into(),
        sentence: 0,
        text: String::new(),
        span: Span::new(0, 0),
        measure: "trade".into(),
        actors: vec!["CHN".into(), "RUS".into()],
        period: year.into(),
        period_start: d(&format!("{year}-01-01")),
        period_end: d(&format!("{year}-12-31")),
        value: v,
        unit: "USD".into(),
        doc_date: Some(d(&format!("{year}-12-31"))),
        figure: String::new(),
        figure_span: Span::new(0, 0),
    };
    let o = &resolve(
        std::slice::from_ref(&t),
        &[],
        &[claim("2023", 240.11e9)],
        None,
    )[0];
    assert_eq!(o.status, Status::Kept, "{}", o.rule);
    let o = &resolve(
        std::slice::from_ref(&t),
        &[],
        &[claim("2023", 190e9)],
        Some(d("2024-01-12")),
    )[0];
    assert_eq!(o.status, Status::Open, "{}", o.rule);
    let o = &resolve(
        std::slice::from_ref(&t),
        &[],
        &[claim("2024", 190e9)],
        Some(d("2025-01-12")),
    )[0];
    assert_eq!(o.status, Status::Broken, "{}", o.rule);
    let o = &resolve(&[t], &[], &[claim("2021", 250e9)], Some(d("2025-01-12")))[0];
    assert_eq!(
        o.status,
        Status::Overdue,
        "before the commitment: {}",
        o.rule
    );
}

#[test]
fn iso_bounds_of_all_precisions() {
    use resolve::iso_bounds;
    assert_eq!(iso_bounds("2022"), Some((d("2022-01-01"), d("2022-12-31"))));
    assert_eq!(
        iso_bounds("2022-02"),
        Some((d("2022-02-01"), d("2022-02-28")))
    );
    assert_eq!(
        iso_bounds("2022-02-04"),
        Some((d("2022-02-04"), d("2022-02-04")))
    );
    assert_eq!(
        iso_bounds("2021-07/2021-12"),
        Some((d("2021-07-01"), d("2021-12-31")))
    );
    assert_eq!(iso_bounds("nonsense"), None);
    assert_eq!(iso_bounds("2022-13"), None);
}

#[test]
fn no_panic_on_odd_input() {
    let det = det();
    for s in [
        "",
        "will",
        "will.",
        "?",
        "We will",
        "by 2024",
        "— will —",
        "shall be",
        "\u{feff}will be to",
    ] {
        let _ = det.sentence(s, Span::new(0, s.len()), None);
    }
    let doc = dyad_text::Doc::plain(
        "x",
        "We will. Will? The will of. By 2024 we will reach US$ billion.",
        None,
    );
    let coded = dyad_code::Coder::new(lex(), Tagger::builtin()).code(&doc);
    let _ = det.detect(&doc, &coded);
}

#[test]
fn detection_on_the_coders_tokens_equals_detection_on_its_own() {
    let text =
        "Foreign Minister Wang Yi said China will send a delegation to Moscow in March 2022. \
                The two sides will raise bilateral trade to US$200 billion by 2024. \
                Russia is ready to hold talks with Ukraine. It rained.";
    let doc = dyad_text::Doc::plain("x", text, NaiveDate::from_ymd_opt(2022, 1, 10));
    let coded = dyad_code::Coder::new(lex(), Tagger::builtin()).code(&doc);
    assert_eq!(coded.tokens.len(), coded.sentences.len());
    let shared = det().detect(&doc, &coded);
    assert!(shared.len() >= 2, "{shared:?}");
    // the same sentences and events without the coder's tokens: tokenised here
    let bare = Coded {
        sentences: coded.sentences.clone(),
        events: coded.events.clone(),
        ..Default::default()
    };
    let own = det().detect(&doc, &bare);
    assert_eq!(format!("{shared:?}"), format!("{own:?}"));
}
