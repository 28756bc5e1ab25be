//! Import tests on small hand-written PETRARCH dictionaries.
use super::*;

const VERBS: &str = "\
&FOOD
+FOOD
+RICE
+BABY_FORMULA_

--- RUSH   [---]  ---
RUSH
SPEED {SPEEDING SPEEDS SPED }
- * (TO) +                                   [042:043]  # RUSH
- * &FOOD                                    [073]
- + * ROCKET                                 [193]
- * NOTHING                                  [---]

--- MEET  [031:031]  ---
MEET
- SAID WOULD NOT *  [112]
~ a (a b ATTACK) SAY = a b 015

--- WELCOME  [041]  ---
WELCOME
- * RUMORS ABOUT  [915]
";

const ACTORS: &str = "\
ARNOR_  [ARN]
+ARNORIAN
GOLLUM  # pas
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
LORIEN  [ELR/GAL]
PALESTINIAN [pse]
SMEAGOL [XXX]
";

const AGENTS: &str = "\
!PERSON! = MAN, MEN
GOVERNMENT [~GOV]
FOREIGN_MINISTER [~GOVFRM]
CONGRESS!PERSON! [~LEG]
MSF {}  [NGO~]
";

fn sources() -> Sources {
    Sources {
        verbs: Some(("V.txt".into(), VERBS.into())),
        actors: vec![("A.txt".into(), ACTORS.into())],
        agents: Some(("G.txt".into(), AGENTS.into())),
        discards: Some(("D.txt".into(), "+Manchester United\nMONTHS LATER\n".into())),
        issues: None,
    }
}

fn file<'a>(imp: &'a Imported, path: &str) -> &'a str {
    imp.files
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, c)| c.as_str())
        .unwrap_or_else(|| panic!("no {path}"))
}

fn noted(imp: &Imported, file: &str, line: usize, word: &str) -> bool {
    imp.notes
        .iter()
        .any(|n| n.file == file && n.line == line && n.reason.contains(word))
}

#[test]
fn imports_and_loads() {
    let imp = import(&sources(), &Options { dyad_extras: false }).unwrap();
    // it loads (import checks) and has what we expect
    let lex = Lexicon::from_files(&imp.files).unwrap();
    assert!(lex.actors.iter().any(|a| a.code == "ARN"));
    let verbs = file(&imp, "verbs/petrarch.txt");
    assert!(
        verbs.contains("042 | (rush+|sped|speed|speeding|speeds) * to * {T} | V.txt:9"),
        "{verbs}"
    );
    assert!(
        verbs.contains("073 | (rush+|sped|speed|speeding|speeds) * (food+|rice+)"),
        "{verbs}"
    );
    assert!(
        verbs.contains("073 | (rush+|sped|speed|speeding|speeds) * baby formula"),
        "{verbs}"
    );
    assert!(verbs.contains("031 | meet+ |"), "{verbs}");
    assert!(
        verbs.contains("112 | said * would * not * meet+"),
        "{verbs}"
    );
    // the object of a final preposition is the target; the verb's object may be too
    assert!(
        verbs.contains("915 | welcome+ * rumors+ * about {T} |"),
        "{verbs}"
    );
    assert!(
        verbs.contains("915 | welcome+ * {T} * rumors+ * about |"),
        "{verbs}"
    );
    // passives of the bare verbs: the agent after "by" is the source
    assert!(verbs.contains("031 | be+ * meet+ by {S} |"), "{verbs}");
    let sym = file(&imp, "cameo/symmetric.txt");
    assert!(sym.contains("031"));
    // what could not be expressed is noted with its line
    assert!(noted(&imp, "V.txt", 9, "reverse event 043"));
    assert!(noted(&imp, "V.txt", 11, "target (+) before the verb"));
    // a null code [---] becomes a blocking pattern: it codes nothing
    assert!(!noted(&imp, "V.txt", 12, "null code"));
    assert!(verbs.lines().any(|l| l.starts_with("--- |")), "{verbs}");
    assert!(noted(&imp, "V.txt", 17, "transformation"));
    assert_eq!(imp.stats.patterns, 6);
    assert_eq!(imp.stats.patterns_not, 1);
}

#[test]
fn actors_people_and_agents() {
    let imp = import(&sources(), &Options { dyad_extras: false }).unwrap();
    let people = file(&imp, "people/petrarch.txt");
    assert!(people.contains("GOLLUM | SMEAGOL"), "{people}");
    assert!(
        people.contains("  HOB |  | 1995-06-01 | imported"),
        "{people}"
    );
    assert!(people.contains("  HOBGOV | 1995-06-01 | 1999-08-15 | imported"));
    assert!(people.contains("  HOBREB | 1999-08-16 |  | imported"));
    let lex = Lexicon::from_files(&imp.files).unwrap();
    let g = lex.people.iter().find(|p| p.name == "GOLLUM").unwrap();
    let d = |s: &str| chrono_date(s);
    assert_eq!(g.role_on(Some(d("1997-01-01"))).unwrap().code, "HOBGOV");
    assert_eq!(g.role_on(Some(d("1990-01-01"))).unwrap().code, "HOB");
    assert_eq!(g.role_on(Some(d("2005-01-01"))).unwrap().code, "HOBREB");
    assert!(noted(&imp, "A.txt", 8, "several codes"));
    assert!(noted(&imp, "A.txt", 9, "lower-case"));
    // SMEAGOL already names GOLLUM: the second meaning is reported
    assert!(noted(&imp, "A.txt", 10, "already names"));
    let agents = file(&imp, "agents/petrarch.txt");
    assert!(agents.contains("GOV | GOVERNMENT"));
    assert!(
        agents.contains("LEG | CONGRESSMAN | CONGRESSMEN"),
        "{agents}"
    );
    assert!(noted(&imp, "G.txt", 3, "kept as GOV"));
    assert!(noted(&imp, "G.txt", 5, "prefix agent"));
    let na = file(&imp, "special/not_actors.txt");
    assert!(na.contains("Manchester United"));
    assert_eq!(imp.discards.len(), 2);
    assert!(imp.discards[0].story);
}

#[test]
fn report_lists_every_note() {
    let imp = import(&sources(), &Options::default()).unwrap();
    let report = &imp.extra.iter().find(|(p, _)| p == REPORT_FILE).unwrap().1;
    for n in &imp.notes {
        assert!(
            report.contains(&format!("{}:{} |", n.file, n.line)),
            "{report}"
        );
    }
    assert!(report.contains("entries converted:"));
    // with dyad's extras the built-in modality lists come along
    assert!(imp.files.iter().any(|(p, _)| p == "special/negation.txt"));
}

fn chrono_date(s: &str) -> dyad_lexicon_date::NaiveDate {
    dyad_lexicon_date::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

mod dyad_lexicon_date {
    pub use chrono::NaiveDate;
}
