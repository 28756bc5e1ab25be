//! The noun phrase around an actor mention (`Event::phrases`): it grows the
//! dictionary match to the words that name the actor, and never changes
//! which actor is coded. Sentences written for these tests.
use dyad_code::{Coder, Event};
use dyad_lexicon::Lexicon;
use dyad_text::Doc;
use dyad_time::Tagger;

fn events(lex: &Lexicon, text: &str) -> Vec<Event> {
    let coder = Coder::new(lex, Tagger::builtin());
    coder.code(&Doc::plain("p", text, None)).events
}

/// (sentence, source code, source mention, source phrase, target mention,
/// target phrase) of the first event.
const CASES: &[(&str, &str, &str, &str, &str, &str)] = &[
    // force at a place named after the thing struck: the thing with its place
    (
        "Houthi fighters shelled a border post in Saudi Arabia on Monday.",
        "YEMREB",
        "Houthi",
        "Houthi fighters",
        "Saudi Arabia",
        "a border post in Saudi Arabia",
    ),
    // an article, and a compound that goes past the dictionary match
    (
        "The Kenyan government rejected a Somali request for more troops.",
        "KENGOV",
        "Kenyan government",
        "The Kenyan government",
        "Somali",
        "a Somali request",
    ),
    // a possessive: what is named is the decision, whose is Uganda
    (
        "Rwanda praised Uganda's decision to reopen the border.",
        "RWA",
        "Rwanda",
        "Rwanda",
        "Uganda",
        "Uganda's decision",
    ),
    // an acronym in parentheses; a compound after a group's name
    (
        "The Nigerian Air Force (NAF) bombed Boko Haram hideouts.",
        "NGAMIL",
        "Nigerian Air Force",
        "The Nigerian Air Force (NAF)",
        "Boko Haram",
        "Boko Haram hideouts",
    ),
    // a head with "of" before the mention, a place after it
    (
        "Nigerian police arrested dozens of Boko Haram fighters in Maiduguri.",
        "NGACOP",
        "Nigerian police",
        "Nigerian police",
        "Boko Haram",
        "dozens of Boko Haram fighters in Maiduguri",
    ),
    // a name in apposition to a title
    (
        "Japan criticized the Chinese ambassador, Wu Jianghao, on Monday.",
        "JPN",
        "Japan",
        "Japan",
        "Chinese ambassador",
        "the Chinese ambassador, Wu Jianghao",
    ),
    // which base: "in" a province after a common noun; the trigger
    // "fighters attacked" opens with the noun the source's name modifies
    (
        "Taliban fighters attacked an Afghan army base in southern Kandahar province on Tuesday.",
        "AFGREB",
        "Taliban",
        "Taliban fighters",
        "Afghan army",
        "an Afghan army base in southern Kandahar province",
    ),
    // where a person was is not part of the person: "in Berlin" stays out,
    // and so does the time
    (
        "German Chancellor Olaf Scholz will meet Brazilian President Lula in Berlin on Friday.",
        "DEUGOV",
        "German Chancellor Olaf Scholz",
        "German Chancellor Olaf Scholz",
        "Brazilian President Lula",
        "Brazilian President Lula",
    ),
];

#[test]
fn phrases_grow_mentions_to_noun_phrases() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let mut failures = Vec::new();
    for &(text, code, src, src_phrase, tgt, tgt_phrase) in CASES {
        let evs = events(&lex, text);
        let Some(e) = evs.first() else {
            failures.push(format!("{text}: no event"));
            continue;
        };
        let t = e.target.as_ref().expect("a target");
        let got = (
            e.source.code.as_str(),
            &text[e.source.span.start..e.source.span.end],
            &text[e.source_phrase().start..e.source_phrase().end],
            &text[t.span.start..t.span.end],
            e.target_phrase()
                .map(|p| &text[p.start..p.end])
                .unwrap_or(""),
        );
        let want = (code, src, src_phrase, tgt, tgt_phrase);
        if got != want {
            failures.push(format!("{text}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The phrases of one event never overlap each other, the trigger's first
/// and last words, or a time expression, and they always contain the
/// mention.
#[test]
fn phrases_contain_the_mention_and_stay_apart() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    for &(text, ..) in CASES {
        for e in events(&lex, text) {
            let sp = e.source_phrase();
            assert!(sp.start <= e.source.span.start && e.source.span.end <= sp.end);
            if let (Some(t), Some(tp)) = (&e.target, e.target_phrase()) {
                assert!(tp.start <= t.span.start && t.span.end <= tp.end);
                assert!(
                    tp.end <= sp.start || sp.end <= tp.start,
                    "{text}: source and target phrases overlap"
                );
            }
            let on_friday = text.find("on Friday").map(|i| (i, i + 9));
            for p in [Some(sp), e.target_phrase()].into_iter().flatten() {
                if let Some((a, b)) = on_friday {
                    assert!(p.end <= a || b <= p.start, "{text}: a date in a phrase");
                }
            }
        }
    }
}

/// A pronoun keeps its own span: there is no noun phrase to grow.
#[test]
fn a_pronoun_source_is_its_own_phrase() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let text = "Japan protested to China. It also criticized the Chinese ambassador.";
    let evs = events(&lex, text);
    let e = evs
        .iter()
        .find(|e| e.sentence == 1)
        .expect("an event in the second sentence");
    assert_eq!(e.source_phrase(), e.source.span);
}

/// Every prefix of sentences full of the words the phrase rules look at
/// (hyphens, parentheses, possessives, appositions, places) codes without
/// a panic, and every phrase contains its mention.
#[test]
fn phrases_never_panic_on_cut_sentences() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let texts = [
        "Kristina Baum, a spokesperson for the White House, criticized Russia's decision (NAF) in eastern-",
        "The Nigerian Air Force (NAF bombed Boko Haram hideouts near the border of Chad-",
        "Unknown gunmen killed at least 26 soldiers of the Afghan army in Kandahar province's",
        "Both Britain and Germany agreed, and the Palestinian president, Mahmoud Abbas, met Gen. Haftar's",
    ];
    for text in texts {
        for (i, _) in text.char_indices().skip(1) {
            let cut = &text[..i];
            for e in events(&lex, cut) {
                let sp = e.source_phrase();
                assert!(sp.start <= e.source.span.start && e.source.span.end <= sp.end);
                assert!(sp.end <= cut.len(), "{cut}");
                if let (Some(t), Some(tp)) = (&e.target, e.target_phrase()) {
                    assert!(tp.start <= t.span.start && t.span.end <= tp.end, "{cut}");
                }
            }
        }
    }
}

/// What the act is done to besides its target, joined by "and" or a
/// list's commas, each phrase on its own; a bare noun after "and" shares
/// the target's determiner and a verb after it opens a second clause, so
/// neither is joined. Sentences written for this test.
#[test]
fn phrases_joined_to_the_target() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    type Case = (&'static str, &'static [&'static str]);
    let cases: &[Case] = &[
        (
            "Ethiopian soldiers detained a Kenyan aid worker and two local drivers on Friday.",
            &["two local drivers"],
        ),
        (
            "Ethiopian soldiers detained a Kenyan aid worker, a local driver and the guards of the convoy.",
            &["a local driver", "the guards of the convoy"],
        ),
        (
            "Ethiopian soldiers detained a Kenyan doctor and nurse in Tigray.",
            &[],
        ),
        (
            "Ethiopian soldiers detained a Kenyan aid worker and seized his car.",
            &[],
        ),
    ];
    let mut failures = Vec::new();
    for &(text, want) in cases {
        let evs = events(&lex, text);
        let Some(e) = evs.first() else {
            failures.push(format!("{text}: no event"));
            continue;
        };
        let got: Vec<&str> = e
            .phrases
            .target_joined
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect();
        if got != want {
            failures.push(format!("{text}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An act whose trigger ends in its noun or takes its object with a
/// preposition: the object is the noun phrase after the preposition.
#[test]
fn an_act_object_after_a_preposition() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let coder = Coder::new(&lex, Tagger::builtin());
    let text =
        "Local volunteers provided emergency assistance to about 300 families in the valley.";
    let coded = coder.code(&Doc::plain("a", text, None));
    let act = coded.acts.first().expect("an act");
    let obj = act.object.map(|o| &text[o.start..o.end]);
    assert_eq!(obj, Some("about 300 families in the valley"));
}

/// A criticism of an attack whose doer it does not name is aimed at no
/// actor (no event); its act's object is where the attack struck, as the
/// ConfliBERT spans mark it.
#[test]
fn a_criticised_attack_points_the_act_at_where_it_struck() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let coder = Coder::new(&lex, Tagger::builtin());
    let text = "The Italian foreign minister condemned terrorist attacks in Tehran.";
    let coded = coder.code(&Doc::plain("a", text, None));
    assert!(coded.events.is_empty(), "{:?}", coded.events.len());
    let act = coded.acts.first().expect("an act");
    let obj = act.object.map(|o| &text[o.start..o.end]);
    assert_eq!(obj, Some("Tehran"));
}

/// In the passive the phrase before the trigger is what the act was done
/// to, and the agent is the phrase after "by".
#[test]
fn a_passive_act_turns_its_phrases_round() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let coder = Coder::new(&lex, Tagger::builtin());
    let text = "Two local journalists were abducted by masked gunmen on Sunday.";
    let coded = coder.code(&Doc::plain("a", text, None));
    let act = coded.acts.first().expect("an act");
    let phrase = |s: Option<dyad_text::Span>| s.map(|o| &text[o.start..o.end]);
    assert_eq!(phrase(act.object), Some("Two local journalists"));
    assert_eq!(phrase(act.subject), Some("masked gunmen"));
}

/// A time expression between the subject and the trigger is skipped with
/// its preposition ("on Wednesday", "in March").
#[test]
fn an_act_subject_before_a_time_expression() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let coder = Coder::new(&lex, Tagger::builtin());
    let text = "A Kenyan magistrate on Wednesday freed three opposition activists.";
    let coded = coder.code(&Doc::plain("a", text, None));
    let act = coded.acts.first().expect("an act");
    let subject = act.subject.map(|o| &text[o.start..o.end]);
    assert_eq!(subject, Some("A Kenyan magistrate"));
}

/// A phrase joined to an act's subject by "and" is who did it too.
#[test]
fn an_act_subject_joined_by_and() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let coder = Coder::new(&lex, Tagger::builtin());
    let text = "The farmers' union and several transport associations rejected the new fuel levy.";
    let coded = coder.code(&Doc::plain("a", text, None));
    let act = coded.acts.first().expect("an act");
    let phrase = |s: Option<dyad_text::Span>| s.map(|o| &text[o.start..o.end]);
    assert_eq!(phrase(act.subject), Some("several transport associations"));
    assert_eq!(phrase(act.subject_joined), Some("The farmers' union"));
}

/// A sentence that tells no act the patterns know still has a subject:
/// its first noun phrase when a verb follows, after an opening phrase set
/// off by a comma.
#[test]
fn a_sentence_without_an_act_keeps_its_subject() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let coder = Coder::new(&lex, Tagger::builtin());
    let text = "On Monday, the Kenyan health minister planted trees in Nairobi.";
    let coded = coder.code(&Doc::plain("a", text, None));
    assert!(coded.acts.is_empty(), "{:?}", coded.acts);
    let got: Vec<(usize, &str)> = coded
        .subjects
        .iter()
        .map(|&(i, s)| (i, &text[s.start..s.end]))
        .collect();
    assert_eq!(got, [(0, "the Kenyan health minister")]);
}

/// Two phrases joined by "and" before the verb are the sentence's subject
/// together, also when both name actors.
#[test]
fn a_coordinated_sentence_subject() {
    let lex = Lexicon::builtin().expect("built-in lexicon");
    let coder = Coder::new(&lex, Tagger::builtin());
    let text = "Kenya and Uganda have opened a joint fisheries office in Kisumu.";
    let coded = coder.code(&Doc::plain("a", text, None));
    assert!(coded.acts.is_empty(), "{:?}", coded.acts);
    let got: Vec<&str> = coded
        .subjects
        .iter()
        .map(|&(_, s)| &text[s.start..s.end])
        .collect();
    assert_eq!(got, ["Kenya and Uganda"]);
}
