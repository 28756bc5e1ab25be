//! Modality from the words before the trigger: negated, hypothetical,
//! future, intent, or asserted.
use crate::Modality;
use dyad_lexicon::Lexicon;
use dyad_lexicon::Words;

/// Whether a phrase of `list` occurs in `ids[from..to]`; returns its start
/// and the phrase as text (for the trace).
fn find_in(
    norms: &[&str],
    ids: &[u32],
    from: usize,
    to: usize,
    (list, firsts, starts): dyad_lexicon::SpecialList<'_>,
) -> Option<(usize, String)> {
    if from >= to {
        return None;
    }
    // the phrases' first words as a bit set, made with the lexicon: most
    // tokens start none (the lists hold dozens of phrases; this is called
    // for every candidate event)
    for i in from..to {
        let t = ids[i];
        if t == u32::MAX || !dyad_lexicon::mask_has(firsts, t) {
            continue;
        }
        // the phrases that start with this word, in list order (the first
        // that matches wins, as when the list was scanned)
        let lo = starts.partition_point(|&(f, _)| f < t);
        for &(f, k) in &starts[lo..] {
            if f != t {
                break;
            }
            let p = &list[k as usize];
            if i + p.len() <= to && p[..] == ids[i..i + p.len()] {
                return Some((i, norms[i..i + p.len()].join(" ")));
            }
        }
    }
    None
}

/// The modality of a trigger at `trig`, looking back to the clause start.
/// `lits` are the words the pattern matched: a negation in a gap between them
/// ("have long *refused* direct talks with") counts too; one of them does not.
#[allow(clippy::too_many_arguments)]
pub fn modality(
    lex: &Lexicon,
    text: &str,
    toks: &[dyad_text::Token],
    norms: &[&str],
    ids: &[u32],
    clause: usize,
    trig: usize,
    lits: &[usize],
) -> (Modality, Option<String>) {
    let s = &lex.special.ids;
    let near = trig.saturating_sub(4).max(clause);
    let trig_end = lits.last().copied().unwrap_or(trig).max(trig);
    if let Some((i, w)) = find_in(norms, ids, near, trig_end, s.list(0)) {
        // "not only", and "cannot fail to condemn" (two negations: it is
        // done)
        let after = i + w.split(' ').count();
        let only = norms.get(after) == Some(&"only")
            || (w.starts_with("fail")
                && i > 0
                && matches!(norms[i - 1], "cannot" | "not" | "never" | "n't"))
            || (matches!(w.as_str(), "cannot" | "can not" | "not" | "never" | "n't")
                && norms.get(after) == Some(&"fail"))
            // "Japan spares no efforts in supporting", "will no doubt
            // sign", "no less than": emphasis, not denial
            || (w == "no"
                && ((i > 0 && matches!(norms[i - 1], "spare" | "spares" | "spared" | "sparing"))
                    || matches!(norms.get(after).copied(), Some("doubt" | "less"))))
            // "I could not agree with him more": emphasis, not denial
            || agree_more(norms, after)
            // "Mr. Pompeo cannot stop attacking China": what one cannot
            // stop doing goes on
            || (matches!(w.as_str(), "cannot" | "can not" | "not" | "n't")
                && matches!(norms.get(after).copied(), Some("stop" | "help"))
                && norms.get(after + 1).is_some_and(|x| x.len() > 4 && x.ends_with("ing")))
            // a negation inside one of the speaker's set phrases: "I would
            // be remiss if I did not pay tribute to" (special/hedges.txt)
            || in_hedge(ids, i, &s.hedges);
        // "we should not surrender to a future of crises", "Russia must not
        // invade": what should not be done is an obligation, neither done
        // nor refused
        if !only
            && !lits.contains(&i)
            && matches!(w.as_str(), "not" | "n't")
            && i > 0
            && matches!(norms[i - 1], "should" | "must")
        {
            return (
                Modality::Hypothetical,
                Some(format!(
                    "modality: hypothetical by \"{} not\" (an obligation)",
                    norms[i - 1]
                )),
            );
        }
        // the pattern's own words ("refuse+ to meet" for 125) do not negate it
        // (a negation asked about, "Can we presume that the Taliban was not
        // ready for talks?", is a question, not a refusal told)
        if !only && !lits.contains(&i) && norms.last() != Some(&"?") {
            return (
                Modality::Negated,
                Some(format!("modality: negated by \"{w}\"")),
            );
        }
    }
    if norms.last() == Some(&"?") {
        return (
            Modality::Hypothetical,
            Some("modality: hypothetical (a question)".into()),
        );
    }
    // "any future agreement with Iran must address ...", "opposes any
    // interference": an act named after "any" is whichever may come, no
    // act in particular
    let any_before = (trig > clause && norms[trig - 1] == "any")
        || (trig >= 2
            && trig - 1 > clause
            && norms[trig - 2] == "any"
            && norms[trig - 1].bytes().all(|b| b.is_ascii_lowercase())
            && !lits.contains(&(trig - 1)));
    if any_before && !lits.iter().any(|&l| l < trig) {
        return (
            Modality::Hypothetical,
            Some("modality: hypothetical by \"any\" (no act in particular)".into()),
        );
    }
    // "I would like to thank", "allow me to congratulate", "we wish to
    // express": the saying is the act, done as it is said
    // (a performative noun may stand further on: "would like to place on
    // record our deepest gratitude")
    let reach = if lex.special.words.has(
        Words::PerformativeNouns,
        norms.get(trig).copied().unwrap_or(""),
    ) {
        9
    } else {
        4
    };
    // ("I would also like to congratulate": adverbs left out)
    let before: Vec<&str> = norms[trig.saturating_sub(reach + 1).max(clause)..trig]
        .iter()
        .copied()
        .filter(|w| !POLITE_ADVERBS.contains(w))
        .collect();
    let performative = before
        .windows(3)
        .any(|w| {
            matches!(
                w,
                ["would" | "should", "like", "to"] | ["allow", "me", "to"]
            )
        })
        || before
            .windows(2)
            .any(|w| matches!(w, ["let", "me"] | ["wish", "to"] | ["want", "to"]))
        // "I want to use this occasion to congratulate", "I take this
        // opportunity to thank"
        || before.windows(3).any(|w| {
            matches!(
                w,
                ["this" | "the", "occasion" | "opportunity", "to"]
            )
        })
        // "The Chinese side must once again urge the relevant American
        // politicians to ...", "I must also thank": the speaker's own
        // "must" right before a verb of saying is no condition (not before
        // a noun: "we must support the continuation of")
        || (matches!(before[..], [.., "we" | "i" | "side", "must"])
            && norms
                .get(trig)
                .is_some_and(|w| lex.special.words.has(Words::Performative, w)));
    if performative
        && norms.get(trig).is_some_and(|w| {
            lex.special.words.has(Words::Performative, w)
                || lex.special.words.has(Words::PerformativeNouns, w)
        })
    {
        return (
            Modality::Asserted,
            Some("modality: asserted (a performative: saying it does it)".into()),
        );
    }
    // "Trump said he would visit China": a reported future, not a wish
    if let Some((_, w)) = find_in(
        norms,
        ids,
        trig.saturating_sub(10).max(clause),
        trig,
        s.list(2),
    )
    .filter(|(_, w)| w.split(' ').any(|x| x == "would"))
    {
        return (
            Modality::Intent,
            Some(format!("modality: intent by \"{w}\" (a reported future)")),
        );
    }
    // (the month: "In May 2022 Biden called ..." is no "may")
    let mut from = clause;
    let mut asked_until: Option<usize> = None;
    while let Some((i, w)) = find_in(norms, ids, from, trig, s.list(3)) {
        if w == "may" && (month_may(norms, i) || may_name(text, toks, i)) {
            from = i + 1;
            continue;
        }
        // "If my memory serves me right, not long ago the US threatened
        // ...": a set phrase of the speaker's, no condition
        if let Some(len) = hedge_at(ids, i, &s.hedges) {
            from = i + len;
            continue;
        }
        // "I could not agree with him more": emphasis, no condition
        if matches!(w.as_str(), "could" | "can")
            && norms
                .get(i + 1)
                .is_some_and(|x| matches!(*x, "not" | "n't"))
            && agree_more(norms, i + 2)
        {
            from = i + 1;
            continue;
        }
        // "As to whether the two heads of state will meet, I can tell you
        // that they maintain contact": what is asked ends at the comma
        if w == "whether" {
            // (the comma before the answer's own subject, not one of a
            // list: "whether a meeting between China, Russia and the DPRK
            // will take place")
            if let Some(c) = (i + 1..trig).find(|&k| {
                norms[k] == ","
                    && norms.get(k + 1).is_some_and(|w| {
                        matches!(
                            *w,
                            "i" | "we" | "they" | "he" | "she" | "it" | "you" | "there" | "this"
                        )
                    })
            }) {
                from = c + 1;
                asked_until = Some(c + 1);
                continue;
            }
        }
        if w == "would" {
            match polite_would(lex, norms, i) {
                Some(true) => {
                    from = i + 1;
                    continue;
                }
                Some(false) => {
                    return (
                        Modality::Intent,
                        Some("modality: intent by \"would like to\" (a wish to act)".into()),
                    )
                }
                None => {}
            }
            // "Retief said South Africa would give Nigeria technical
            // assistance": a future reported of a named actor, not a
            // condition (the list of reported futures holds only pronouns)
            if let Some(r) = reported_would(norms, ids, i, trig, s.list(4)) {
                return (
                    Modality::Intent,
                    Some(format!(
                        "modality: intent by \"{r} ... would\" (a reported future)"
                    )),
                );
            }
        }
        return (
            Modality::Hypothetical,
            Some(format!("modality: hypothetical by \"{w}\"")),
        );
    }
    let mid = trig
        .saturating_sub(10)
        .max(clause)
        .max(asked_until.unwrap_or(0))
        .min(trig);
    // (not an aside to the hearer: "As Your Excellency will recall, the
    // Declaration that Eritrea and Ethiopia signed ...")
    let mut from = mid;
    while let Some((i, w)) = find_in(norms, ids, from, trig, s.list(1)) {
        if aside_will(norms, i) {
            from = i + 3;
            continue;
        }
        // "I shall stress that the US' accusations constitute ...", "we
        // will point out that ...": the speaker saying something now
        if let Some(that) = saying_will(lex, norms, i, trig) {
            from = that;
            continue;
        }
        return (
            Modality::Future,
            Some(format!("modality: future by \"{w}\"")),
        );
    }
    if let Some((_, w)) = find_in(norms, ids, mid, trig, s.list(2)) {
        return (
            Modality::Intent,
            Some(format!("modality: intent by \"{w}\"")),
        );
    }
    // "agreed in principle on Saturday to provide aid": a promise verb
    // further back, its "to" right before the trigger
    if trig > 0 && norms[trig - 1] == "to" {
        let from = trig.saturating_sub(10).max(clause);
        if let Some(i) = (from..trig - 1)
            .rev()
            .find(|&i| lex.special.words.has(Words::PromiseVerbs, norms[i]))
        {
            if !norms[i + 1..trig - 1]
                .iter()
                .any(|w| SUBORDINATORS.contains(w) || matches!(*w, "and" | "or" | "to"))
            {
                return (
                    Modality::Intent,
                    Some(format!("modality: intent by \"{} ... to\"", norms[i])),
                );
            }
        }
    }
    // a long chain of coordinated verbs shares its modal: "we will focus on
    // priorities, address inadequacies, and shore up ... to upgrade ..."
    if let Some((i, w)) = find_in(
        norms,
        ids,
        clause.max(asked_until.unwrap_or(0)),
        mid,
        s.list(1),
    )
    .filter(|&(i, _)| !aside_will(norms, i))
    {
        let opens_clause = |k: usize| {
            SUBORDINATORS.contains(&norms[k])
                // "such as", "as well as" list, they do not subordinate
                && !(norms[k] == "as" && k > 0 && matches!(norms[k - 1], "such" | "well"))
                && !(norms[k] == "as" && norms.get(k + 1) == Some(&"well"))
        };
        if !(i..trig).any(opens_clause) {
            return (
                Modality::Future,
                Some(format!(
                    "modality: future by \"{w}\" (shared by the coordinated verbs)"
                )),
            );
        }
    }
    // "The ROK-DPRK summit will be held in Pyongyang tomorrow": an act
    // named by a noun, told as a future or possible one after it
    if let Some(m) = held_after(norms, trig_end) {
        return m;
    }
    if let Some(m) = needed_after(lex, norms, clause, trig, trig_end) {
        return m;
    }
    (Modality::Asserted, None)
}

/// "as you will recall,", "as Members will know,": a "will" that speaks to
/// the hearer in an aside, not of the act.
fn aside_will(norms: &[&str], i: usize) -> bool {
    norms[i] == "will"
        && matches!(
            norms.get(i + 1).copied(),
            Some(
                "recall"
                    | "remember"
                    | "know"
                    | "see"
                    | "note"
                    | "agree"
                    | "appreciate"
                    | "understand"
                    | "recognize"
                    | "recognise"
            )
        )
        && norms.get(i + 2) == Some(&",")
}

/// "Resuming direct talks between the Israelis and the Palestinians is
/// desirable", "a ceasefire is urgently needed": an act named by a gerund
/// opening the clause, or by a noun after "a", that the clause then calls
/// necessary or desirable is wished for, not done (not "the visit is
/// important", a visit that took place and is judged).
fn needed_after(
    lex: &Lexicon,
    norms: &[&str],
    clause: usize,
    trig: usize,
    trig_end: usize,
) -> Option<(Modality, Option<String>)> {
    let opens = |k: usize| k == clause || norms[k - 1] == "that";
    let gerund = opens(trig) && norms[trig].len() > 5 && norms[trig].ends_with("ing");
    let indefinite = trig > clause && matches!(norms[trig - 1], "a" | "an") && opens(trig - 1);
    if !gerund && !indefinite {
        return None;
    }
    let stop = (trig_end + 12).min(norms.len());
    let mut k = trig_end + 1;
    while k < stop {
        let w = norms[k];
        if matches!(w, "," | ";" | ":" | "that" | "which" | "who") {
            return None;
        }
        if matches!(w, "is" | "are" | "remains" | "remain" | "would" | "will") {
            let mut a = k + 1;
            while a < norms.len()
                && (norms[a].ends_with("ly")
                    || matches!(
                        norms[a],
                        "be" | "also" | "therefore" | "more" | "most" | "very"
                    ))
            {
                a += 1;
            }
            let adj = norms.get(a).copied().unwrap_or("");
            if lex.special.words.has(Words::NecessityAdjectives, adj) {
                return Some((
                    Modality::Hypothetical,
                    Some(format!(
                        "modality: hypothetical by \"{w} ... {adj}\" after it"
                    )),
                ));
            }
            return None;
        }
        k += 1;
    }
    None
}

/// "(summit) will be held", "(talks) are to take place", "(the meeting) can
/// be held": the modality an event noun gets from the words right after it.
fn held_after(norms: &[&str], trig_end: usize) -> Option<(Modality, Option<String>)> {
    let stop = (trig_end + 7).min(norms.len());
    for k in trig_end + 1..stop {
        let w = norms[k];
        if matches!(
            w,
            "," | ";"
                | ":"
                | "that"
                | "which"
                | "who"
                | "and"
                | "said"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
        ) {
            return None;
        }
        let rest = &norms[k..norms.len().min(k + 5)];
        let held = |r: &[&str]| {
            matches!(
                r,
                ["be", "held", ..]
                    | ["be", "convened", ..]
                    | ["take", "place", ..]
                    | ["be", "hosted", ..]
                    | ["be", "staged", ..]
            )
        };
        let future = match rest {
            ["will" | "shall", r @ ..] => held(r),
            ["is" | "are", "to", r @ ..] => held(r),
            ["is" | "are", "scheduled" | "expected" | "set" | "due", "to", r @ ..] => held(r),
            _ => false,
        };
        if future {
            return Some((
                Modality::Future,
                Some(format!(
                    "modality: future by \"{} {}\" after it",
                    rest[0], rest[1]
                )),
            ));
        }
        if matches!(rest, ["can" | "could" | "may" | "might" | "would", r @ ..] if held(r)) {
            return Some((
                Modality::Hypothetical,
                Some(format!(
                    "modality: hypothetical by \"{} {}\" after it",
                    rest[0], rest[1]
                )),
            ));
        }
    }
    None
}

/// Adverbs that may stand inside "would (also) like to", "let me (now)".
const POLITE_ADVERBS: &[&str] = &[
    "also",
    "further",
    "now",
    "first",
    "again",
    "once",
    "sincerely",
    "therefore",
    "especially",
    "particularly",
    "really",
    "just",
];

/// "(could not) agree with him more" from `from`: "agree" within five words
/// and "more" within seven, the emphasis of full agreement.
fn agree_more(norms: &[&str], from: usize) -> bool {
    let upto = |n: usize| &norms[from.min(norms.len())..(from + n).min(norms.len())];
    upto(5).contains(&"agree") && upto(7).contains(&"more")
}

/// "I shall stress that ...", "we will reiterate that ...": the speaker's
/// "will" or "shall" before a verb of saying and its "that" (before the
/// trigger at `trig`) is said now; returns where the "that" clause starts.
fn saying_will(lex: &Lexicon, norms: &[&str], i: usize, trig: usize) -> Option<usize> {
    if i == 0 || !matches!(norms[i - 1], "i" | "we") {
        return None;
    }
    let mut v = i + 1;
    while v < trig && (POLITE_ADVERBS.contains(&norms[v]) || norms[v].ends_with("ly")) {
        v += 1;
    }
    if !norms
        .get(v)
        .is_some_and(|w| lex.special.words.has(Words::SayingNow, w))
    {
        return None;
    }
    let that = (v + 1..trig.min(v + 4)).find(|&k| norms[k] == "that")?;
    Some(that + 1)
}

/// "would" of "I would (also) like to", "we would wish to". `Some(true)`:
/// the polite formula of saying something ("I would like to announce
/// that France will fund ..." is a future, not a condition); `Some(false)`:
/// a wish to act, an intent ("we would like to strengthen exchanges with
/// the DPRK side"); `None`: another "would".
fn polite_would(lex: &Lexicon, norms: &[&str], i: usize) -> Option<bool> {
    let mut k = i + 1;
    while k < norms.len() && (POLITE_ADVERBS.contains(&norms[k]) || norms[k].ends_with("ly")) {
        k += 1;
    }
    if !matches!(
        (norms.get(k).copied(), norms.get(k + 1).copied()),
        (Some("like" | "wish" | "want"), Some("to"))
    ) {
        return None;
    }
    let mut v = k + 2;
    while v < norms.len() && (POLITE_ADVERBS.contains(&norms[v]) || norms[v].ends_with("ly")) {
        v += 1;
    }
    let verb = norms.get(v).copied().unwrap_or("");
    // "take this opportunity to thank", not "take the visit as an
    // opportunity to deepen cooperation"
    if verb == "take" {
        return Some(norms.get(v + 1..v + 3) == Some(&["this", "opportunity"][..]));
    }
    Some(
        lex.special.words.has(Words::PoliteSaying, verb)
            || lex.special.words.has(Words::Performative, verb),
    )
}

/// The reporting verb of "X said Y would ...": one within eight words
/// before the "would" at `i` (whatever the sentence's clauses), with no
/// condition between it and the trigger at `trig` nor in the eight words
/// after the trigger.
fn reported_would(
    norms: &[&str],
    ids: &[u32],
    i: usize,
    trig: usize,
    reporting: dyad_lexicon::SpecialList<'_>,
) -> Option<String> {
    let (at, r) = find_in(norms, ids, i.saturating_sub(8), i, reporting)?;
    let conditional = |w: &&str| matches!(*w, "if" | "unless" | "whether" | "should" | "could");
    let after = norms.get(trig..(trig + 9).min(norms.len())).unwrap_or(&[]);
    if norms[at..trig].iter().any(conditional) || after.iter().any(conditional) {
        return None;
    }
    Some(r)
}

/// The length of the hedge ("if I am not mistaken") that starts at `i`.
/// Whether the token at `i` lies inside a hedge that starts at most ten
/// tokens before it.
fn in_hedge(ids: &[u32], i: usize, hedges: &[Vec<u32>]) -> bool {
    (i.saturating_sub(10)..=i).any(|j| hedge_at(ids, j, hedges).is_some_and(|len| j + len > i))
}

fn hedge_at(ids: &[u32], i: usize, hedges: &[Vec<u32>]) -> Option<usize> {
    hedges
        .iter()
        .filter(|h| !h.is_empty() && ids.get(i..i + h.len()) == Some(&h[..]))
        .map(|h| h.len())
        .max()
}

/// "May" capitalized inside a sentence and not before another capitalized
/// word (a headline's "China May Impose") and after a word (not a quote or a
/// colon): a name ("Theresa May has held talks", "talks with May on") or
/// the month, not the modal.
fn may_name(text: &str, toks: &[dyad_text::Token], i: usize) -> bool {
    let upper = |k: usize| {
        toks.get(k)
            .and_then(|t| text.get(t.span.start..t.span.end))
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
    };
    let after_word = i > 0 && toks[i - 1].kind == dyad_text::TokenKind::Word;
    after_word && upper(i) && !upper(i + 1)
}

/// "may" as the month: before a day or a year, after "in", "on", "of",
/// "since", "until", "by", "early", "late", "mid", "last", "next", "this".
fn month_may(norms: &[&str], i: usize) -> bool {
    let next_num = norms
        .get(i + 1)
        .is_some_and(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()));
    let prev = if i > 0 { norms[i - 1] } else { "" };
    next_num
        || matches!(
            prev,
            "in" | "on"
                | "of"
                | "since"
                | "until"
                | "by"
                | "early"
                | "late"
                | "mid"
                | "last"
                | "next"
                | "this"
                | "-"
                | "from"
                | "to"
                | "between"
                | "during"
        )
}

/// Words that open a new clause, which does not share the modal of the one
/// before it.
const SUBORDINATORS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "because", "after", "since", "when", "while", "as",
    "where", "although", "though", "but", "whereas", "before", "until", "if", "unless", "said",
    "says", ";", ":",
];
