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
    assert!(c.f1() >= 0.55, "pledge F1 {:.3}", c.f1());
}

#[test]
#[ignore]
fn debug_one() {
    let s = std::env::var("S").unwrap_or_default();
    println!("{:#?}", one(&s));
}
