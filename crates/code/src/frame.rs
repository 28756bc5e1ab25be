//! Pattern matching and event frames: who did it, to whom.
use crate::mention::{determiners_start, is_aux_core, is_determiner, is_modal, Group, Np};
use crate::modality::modality;
use crate::{ActorRef, Coder, Dates, DocContext, Event, Modality};
use dyad_lexicon::Words;
use dyad_lexicon::{Elem, Lexicon};
use dyad_text::{Doc, SharedStr, Span, Token};
use dyad_time::{Relation, TimeExpr};

/// One pattern matched at one place.
#[derive(Debug, Clone)]
pub struct Match {
    pub pattern: u32,
    /// Token indices of the literal words matched (the trigger).
    pub lits: Vec<usize>,
    pub start: usize,
    pub end: usize,
    /// Index of the noun phrase in a `{T}`/`{S}` slot.
    pub target_np: Option<usize>,
    pub source_np: Option<usize>,
    /// An actor inside the matched words ("gave *Tanzania* a grant"):
    /// the target when the pattern has no {T}.
    pub inner_np: Option<usize>,
    pub kept: bool,
    /// An appeal or a demand that gave no event in the first run (its
    /// addressee names no one: "called on all parties to"): in the second
    /// run it is no longer kept, but the act it asks for is still not done.
    pub asks: bool,
}

/// Token index -> noun phrase starting there.
fn np_at(nps: &[Np], tok: usize) -> Option<usize> {
    nps.iter().position(|n| n.toks.0 == tok)
}

/// Whether a token belongs to an actor (an agent noun alone, with no
/// country, may still be part of a pattern: "joint *military* exercises").
fn in_np(nps: &[Np], tok: usize) -> bool {
    nps.iter()
        .any(|n| n.toks.0 <= tok && tok < n.toks.1 && (n.code.is_some() || n.reciprocal))
}

/// The last word of an actor of two or more words that ends in an agent
/// noun ("Iraqi *refugees*", "Venezuelan *activists*"): a pattern's word may
/// match it, the actor then being the one the words name.
/// So is the first word of one that opens with its agent noun and says
/// where its people come from ("*refugees* from Syria"; not "a former *spy*
/// in the United Kingdom", where a pattern's "poisoning of" would take the
/// place for the victim).
fn agent_head(nps: &[Np], norms: &[&str], tok: usize) -> bool {
    let agent = |p: Option<&crate::Mention>| {
        matches!(
            p.map(|p| &p.kind),
            Some(crate::mention::MentionKind::Agent(_))
        )
    };
    nps.iter().any(|n| {
        n.toks.1 - n.toks.0 >= 2
            && n.code.is_some()
            && ((n.toks.1 == tok + 1 && agent(n.parts.last()))
                || (n.toks.0 == tok
                    && norms.get(tok + 1) == Some(&"from")
                    && agent(n.parts.first())
                    && n.parts.first().is_some_and(|p| p.toks == (tok, tok + 1))))
    })
}

/// Inside a noun phrase that names its actor: a generic agent noun whose
/// country was only guessed ("withdraw its *troops*") stays a word that
/// patterns can match.
fn in_named_np(nps: &[Np], tok: usize) -> bool {
    nps.iter().any(|n| {
        n.toks.0 <= tok && tok < n.toks.1 && (n.code.is_some() || n.reciprocal) && !n.defaulted
    })
}

const BARRIERS: &[&str] = &[";", ":", ".", "?", "!"];

/// Words that end the search for a default target: the object of a verb
/// comes before a comma or a subordinate clause.
const TARGET_BARRIERS: &[&str] = &[
    ";", ":", ".", "?", "!", ",", "that", "which", "who", "whom", "while", "when", "whereas",
    "because", "although", "if", "saying",
];

/// Words that open a new verb between a promised act and a later one: the
/// later one is then not its purpose.
const VERB_BEFORE_PURPOSE: &[&str] = &[
    "has", "have", "had", "was", "were", "is", "are", "did", "said", "but",
];

/// Words before a one-word trigger that make it a noun, not a verb.
const NOMINAL_BEFORE: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "of", "public", "mutual", "this",
    "that", "such", "strong", "firm", "full", "further", "more", "greater", "for",
];

/// Words after which the bare form of a verb is a verb.
const VERB_BEFORE: &[&str] = &[
    "to",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "not",
    "n't",
    "and",
    "or",
    "we",
    "they",
    "i",
    "you",
    "also",
    "jointly",
    "further",
    "firmly",
    "strongly",
    "never",
    "always",
    "continue",
    "let",
    "please",
    "also",
    "resolutely",
    // adverbs that only go with verbs: "we once again condemn"
    "again",
    "hereby",
    "therefore",
    "thus",
    "hence",
    "still",
    "already",
    "fully",
    "vehemently",
    "categorically",
    "unequivocally",
    "sincerely",
    "warmly",
    "deeply",
    "highly",
    "repeatedly",
    "consistently",
    "actively",
    "publicly",
    "openly",
    "officially",
    "formally",
    "immediately",
    "urgently",
    "unreservedly",
];

/// Prepositions that introduce a topic or a place, not the one acted upon:
/// "maintained coordination *on* Afghanistan".
const TOPIC_PREPOSITIONS: &[&str] = &[
    "on",
    "over",
    "about",
    "regarding",
    "concerning",
    "during",
    "amid",
    "like",
];

fn after_topic_preposition(lex: &Lexicon, norms: &[&str], start: usize) -> bool {
    let mut k = start;
    while k > 0 && crate::mention::is_determiner(norms[k - 1]) {
        k -= 1;
    }
    if in_venue_list(lex, norms, k) || in_synergy_between(norms, k) {
        return true;
    }
    // "sanctions imposed without the authorization of the UN Security
    // Council", "under the auspices of the AU": whose leave or frame it is
    // is no party to the act
    if k >= 2
        && norms[k - 1] == "of"
        && matches!(
            norms[k - 2],
            "authorization"
                | "authorisation"
                | "approval"
                | "consent"
                | "mandate"
                | "permission"
                | "auspices"
                // "resume negotiations on the basis of Security Council
                // resolutions"
                | "basis"
                // "detained Ms. Meng Wanzhou at the request of the US"
                | "request"
                | "behest"
                | "instigation"
        )
    {
        return true;
    }
    if k == 0 || !TOPIC_PREPOSITIONS.contains(&norms[k - 1]) {
        return false;
    }
    // "called on X", "imposed sanctions on X": after a verb or its object,
    // the preposition leads to the one acted upon
    let before = if k >= 2 { norms[k - 2] } else { "" };
    !(before.ends_with("ed")
        || matches!(
            before,
            "call"
                | "calls"
                | "calling"
                | "sanctions"
                | "sanction"
                | "pressure"
                | "impose"
                | "imposes"
                // "lift the ban on Cypriot ships", "an embargo on Iran"
                | "ban"
                | "bans"
                | "embargo"
                | "embargoes"
                | "restrictions"
                | "curbs"
                | "tariffs"
                | "blockade"
                | "boycott"
                // "expressed serious concern about NATO's expansion": the
                // one a concern is about is the one commented upon
                | "concern"
                | "concerns"
                | "worry"
                | "worries"
                | "dissatisfaction"
                | "displeasure"
                | "indignation"
                // "launched air strikes on Baghdad", "opened fire on
                // protesters": force lands on the one named
                | "strike"
                | "strikes"
                | "airstrike"
                | "airstrikes"
                | "bombing"
                | "bombings"
                | "shelling"
                | "offensive"
                | "fire"
                | "war"
                // "carried out coordinated attacks on Iran's parliament"
                | "attack"
                | "attacks"
                // "bombed rebel camps on Mindanao": what is struck stands
                // on the place
                | "camps"
                | "positions"
                | "bases"
                | "targets"
                | "strongholds"
                | "hideouts"
        ))
}

/// "enhance synergy between the Belt and Road Initiative and the Eurasian
/// Economic Union": what is aligned is the topic, not a party.
fn in_synergy_between(norms: &[&str], k: usize) -> bool {
    let from = k.saturating_sub(10);
    (from..k).any(|i| {
        i + 1 < k
            && matches!(norms[i], "synergy" | "alignment" | "docking" | "synergies")
            && norms[i + 1] == "between"
            && !norms[i..k].iter().any(|w| TARGET_BARRIERS.contains(w))
    })
}

/// A group naming places: countries or cities from the actor list, after a
/// preposition of place ("in Abidjan", "across Ukraine").
fn is_place(g: &Group, nps: &[Np], norms: &[&str]) -> bool {
    let mut k = g.toks.0;
    // "in *central* Baghdad", "in the *north of*" are still the place
    while k > 0
        && (is_determiner(norms[k - 1])
            || matches!(
                norms[k - 1],
                "central"
                    | "northern"
                    | "southern"
                    | "eastern"
                    | "western"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "downtown"
            ))
    {
        k -= 1;
    }
    k > 0
        && matches!(
            norms[k - 1],
            "in" | "at" | "near" | "throughout" | "across" | "inside" | "outside"
        )
        && g.members.iter().all(|&n| names_a_place(&nps[n]))
}

/// A group that names the occasion of a joint act, not a party to it: "on
/// the sidelines of the G20 Buenos Aires Summit", "at the BRICS summit",
/// "on the margins of the UN General Assembly" (the group just after
/// "sidelines of" / "margins of", or one followed by the name of a
/// gathering).
fn names_occasion(g: &Group, norms: &[&str]) -> bool {
    let k = determiners_start(norms, g.toks.0);
    let sidelines = k >= 2
        && norms[k - 1] == "of"
        && matches!(
            norms[k - 2],
            "sidelines" | "margins" | "sideline" | "margin"
        );
    // (a place or a year may stand between: "at the G20 Osaka Summit")
    // (or the phrase's own last word: "at the G20 summit in Hamburg"; not a
    // forum's name, "the Annual Meeting of the World Economic Forum")
    let own = matches!(
        norms[g.toks.1 - 1],
        "summit" | "summits" | "conference" | "session"
    );
    let gathering = (g.toks.1 - usize::from(own)..(g.toks.1 + 3).min(norms.len()))
        .take_while(|&i| {
            i <= g.toks.1
                || norms[i - 1]
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '\'')
                    && !is_determiner(norms[i - 1])
                    && !crate::mention::PREPOSITIONS.contains(&norms[i - 1])
                    && !matches!(norms[i - 1], "and" | "or" | "to")
        })
        .any(|i| {
            matches!(
                norms[i],
                "summit"
                    | "summits"
                    | "forum"
                    | "conference"
                    | "session"
                    | "games"
                    | "olympics"
                    | "expo"
            )
        })
        && k > 0
        && matches!(
            norms[k - 1],
            "at" | "during" | "of" | "on" | "in" | "before" | "after"
        );
    sidelines || gathering
}

/// A mention that is a place's own name: one actor phrase with a country,
/// named in the text (not guessed, not reciprocal, no agent noun).
fn names_a_place(np: &Np) -> bool {
    !np.defaulted
        && !np.reciprocal
        && np.country.is_some()
        && np.parts.len() == 1
        && matches!(np.parts[0].kind, crate::mention::MentionKind::Actor(_))
}

/// A place named where something happened: `is_place`, or the name after
/// "the town of", "the city of".
fn is_named_place(lex: &Lexicon, g: &Group, nps: &[Np], norms: &[&str]) -> bool {
    let k = g.toks.0;
    is_place(g, nps, norms)
        || (k >= 2
            && norms[k - 1] == "of"
            && lex.special.words.has(Words::PlaceNouns, norms[k - 2])
            && g.members.iter().all(|&n| names_a_place(&nps[n])))
}

/// A place inside a state, not the state's own name: a city or province
/// from `actors/places.txt`, or a name after "the town of".
fn is_town(lex: &Lexicon, g: &Group, nps: &[Np], norms: &[&str]) -> bool {
    let k = g.toks.0;
    let town_of =
        k >= 2 && norms[k - 1] == "of" && lex.special.words.has(Words::PlaceNouns, norms[k - 2]);
    is_named_place(lex, g, nps, norms)
        && (town_of
            || g.members.iter().all(|&n| {
                nps[n].parts.iter().all(|p| {
                    lex.phrases.entries[p.entry as usize]
                        .origin
                        .file
                        .ends_with("places.txt")
                })
            }))
}

/// "A roadside bombing near the town of Samarra killed one U.S. soldier",
/// "were killed by an improvised explosive device outside of the Iraqi city
/// of Basra": violence whose doers the text does not name, at a named town
/// or province, is coded as the PLOVER records code unknown attackers: the
/// place's country's unidentified forces (`IRQUAF`). The first such place
/// of the clause; a country's own name is not enough ("a suicide attack on
/// a convoy of the Nato mission in Afghanistan" says where the mission is).
fn unknown_attackers(
    lex: &Lexicon,
    groups: &[Group],
    nps: &[Np],
    norms: &[&str],
    text: &str,
    tstart: usize,
) -> Option<ActorRef> {
    let cs = clause_start(norms, tstart);
    let ce = (tstart..norms.len())
        .find(|&i| matches!(norms[i], ";" | ":"))
        .unwrap_or(norms.len());
    let g = groups
        .iter()
        .find(|g| g.toks.0 >= cs && g.toks.1 <= ce && is_town(lex, g, nps, norms))?;
    let np = &nps[*g.members.first()?];
    let country = np.country.clone()?;
    Some(ActorRef {
        code: SharedStr::concat(&[&country, "UAF"]),
        country: Some(country.clone()),
        span: np.span,
        via: format!(
            "unnamed attackers at \"{}\": the place's country's unidentified forces",
            &text[np.span]
        )
        .into(),
    })
}

/// "were killed by an improvised explosive device": a noun trigger that is
/// the agent (after "by") of a verb in the passive.
fn instrument_of_passive(norms: &[&str], start: usize) -> bool {
    let k = determiners_start(norms, start);
    k >= 2 && norms[k - 1] == "by" && in_passive(norms, k - 2)
}

/// Whether the mention at `k` stands in a list of venues: "platforms such
/// as X", "multilateral mechanisms including X", "the framework of X".
fn in_venue_list(lex: &Lexicon, norms: &[&str], k: usize) -> bool {
    if k >= 2 && norms[k - 1] == "of" {
        // "within the framework of the SCO"
        return matches!(norms[k - 2], "framework" | "frameworks");
    }
    // "within such frameworks as the UN and G20"
    if k >= 3
        && norms[k - 1] == "as"
        && norms[k - 3] == "such"
        && lex.special.words.has(Words::VenueNouns, norms[k - 2])
    {
        return true;
    }
    let intro = match example_intro(norms, k) {
        Some(j) => j,
        None if k >= 1 && norms[k - 1] == "like" => k - 1,
        None => return false,
    };
    norms[intro.saturating_sub(2)..intro]
        .iter()
        .any(|w| lex.special.words.has(Words::VenueNouns, w))
}

/// Where "such as" or "including" ends right before token `i`: the start
/// of the words that introduce a list of examples.
fn example_intro(norms: &[&str], i: usize) -> Option<usize> {
    if i >= 2 && norms[i - 1] == "as" && norms[i - 2] == "such" {
        Some(i - 2)
    } else if i >= 1 && norms[i - 1] == "including" {
        Some(i - 1)
    } else {
        None
    }
}

/// Whether the mention starting at `k` is an item of a list of examples
/// ("platforms such as the UN, the SCO (SCO) and BRICS", "partners
/// including Russia"): such items are never the subject of what follows.
fn in_example_list(norms: &[&str], groups: &[Group], k: usize) -> bool {
    let mut i = k;
    while i > 0 {
        let w = norms[i - 1];
        if let Some(j) = example_intro(norms, i) {
            // only a list hanging from a place: "in platforms such as X";
            // "Many organizations, including the EU, ..." is a subject
            return norms[j.saturating_sub(4)..j].iter().any(|w| {
                matches!(
                    *w,
                    "in" | "at" | "within" | "through" | "via" | "under" | "across"
                )
            });
        }
        let listy = matches!(w, "," | "and" | "or" | "the" | "(" | ")");
        let in_group = groups.iter().any(|g| g.toks.0 < i && i <= g.toks.1);
        if !listy && !in_group {
            return false;
        }
        i -= 1;
    }
    false
}

struct Matcher<'a> {
    lex: &'a Lexicon,
    norms: &'a [&'a str],
    /// Vocabulary ids of the tokens (u32::MAX: in no pattern).
    ids: &'a [u32],
    nps: &'a [Np],
}

#[derive(Clone, Default)]
struct Partial {
    lits: Vec<usize>,
    target: Option<usize>,
    source: Option<usize>,
    /// The first actor mention a gap stepped over.
    gap_np: Option<usize>,
}

impl Matcher<'_> {
    /// Matches `elems` from token `pos`; returns the end and the captures.
    fn go(&self, elems: &[Elem], pos: usize, acc: &mut Partial, depth: usize) -> Option<usize> {
        if depth > 64 {
            return None;
        }
        let Some((first, rest)) = elems.split_first() else {
            return Some(pos);
        };
        match first {
            Elem::Lit { ids, opt, .. } => {
                if pos < self.ids.len()
                    && ids.binary_search(&self.ids[pos]).is_ok()
                    && (!in_named_np(self.nps, pos) || agent_head(self.nps, self.norms, pos))
                {
                    acc.lits.push(pos);
                    if let Some(e) = self.go(rest, pos + 1, acc, depth + 1) {
                        return Some(e);
                    }
                    acc.lits.pop();
                }
                if *opt {
                    return self.go(rest, pos, acc, depth + 1);
                }
                None
            }
            Elem::Gap(n) => {
                // skip up to n units: a word, or a whole actor mention (the
                // recipient of "give Tanzania a grant"), never punctuation
                // that ends a clause
                let mut p = pos;
                let saved_gap = acc.gap_np;
                for unit in 0..=*n as usize {
                    if unit > 0 {
                        if p >= self.norms.len() || BARRIERS.contains(&self.norms[p]) {
                            break;
                        }
                        match self
                            .nps
                            .iter()
                            .position(|np| np.toks.0 == p && (np.code.is_some() || np.reciprocal))
                        {
                            // a generic noun whose country was only guessed
                            // ("meets the people's expectations") is one unit
                            // too
                            Some(i) => {
                                // "accepted 1,141 Iraqi refugees": the head
                                // noun of an actor may be the pattern's
                                // word, its country a word of the gap
                                let (a, b) = self.nps[i].toks;
                                if b - a >= 2 && agent_head(self.nps, self.norms, b - 1) {
                                    if let Some(e) = self.go(rest, b - 1, acc, depth + 1) {
                                        return Some(e);
                                    }
                                }
                                if acc.gap_np.is_none() {
                                    acc.gap_np = Some(i);
                                }
                                p = self.nps[i].toks.1;
                            }
                            None if in_np(self.nps, p) => break,
                            None => p += 1,
                        }
                        p = past_joiners(self.norms, p);
                    }
                    if let Some(e) = self.go(rest, p, acc, depth + 1) {
                        return Some(e);
                    }
                }
                acc.gap_np = saved_gap;
                None
            }
            Elem::NoTarget => self.go(rest, pos, acc, depth + 1),
            Elem::Target | Elem::Source => {
                let mut p = pos;
                let mut skipped = 0;
                // (and a count: "imposed sanctions on five Iranian officials")
                while p < self.norms.len()
                    && skipped < 3
                    && (is_determiner(self.norms[p])
                        || crate::mention::is_modifier(self.norms[p])
                        || crate::mention::is_count_word(self.norms[p])
                        || is_epithet(self.norms[p])
                        || self.norms[p].bytes().all(|b| b.is_ascii_digit()))
                    && np_at(self.nps, p).is_none()
                {
                    p += 1;
                    skipped += 1;
                }
                // "called President Ilham Aliyev and urged him to cease ...":
                // an object pronoun is the nearest actor named before it
                if *first == Elem::Target
                    && p < self.norms.len()
                    && matches!(self.norms[p], "him" | "her" | "them")
                    && np_at(self.nps, p).is_none()
                {
                    // (one named before the pronoun's own clause, past an
                    // "and" or a comma: not the subject of "Li Zhanshu will
                    // meet with him")
                    let np = self.nps.iter().rposition(|n| {
                        n.toks.1 <= p && n.code.is_some() && !n.reciprocal && !n.defaulted
                    })?;
                    if !self.norms[self.nps[np].toks.1..p]
                        .iter()
                        .any(|w| matches!(*w, "and" | ","))
                    {
                        return None;
                    }
                    let saved = acc.clone();
                    acc.target = Some(np);
                    if let Some(e) = self.go(rest, p + 1, acc, depth + 1) {
                        return Some(e);
                    }
                    *acc = saved;
                    return None;
                }
                // "solidarity with our northeastern neighbour, Zimbabwe": the
                // actor named after a relational noun and a comma
                let np = np_at(self.nps, p)
                    .or_else(|| appositive_actor(self.lex, self.norms, self.nps, p))
                    .or_else(|| listed_actor(self.norms, self.nps, p))?;
                if self.nps[np].code.is_none() && !self.nps[np].reciprocal {
                    return None;
                }
                let saved = acc.clone();
                if *first == Elem::Target {
                    acc.target = Some(np);
                } else {
                    acc.source = Some(np);
                }
                if let Some(e) = self.go(rest, self.nps[np].toks.1, acc, depth + 1) {
                    return Some(e);
                }
                // "the Lebanese Armed Forces (LAF) with": an abbreviation in
                // brackets after the actor belongs to it
                let end = self.nps[np].toks.1;
                if self.norms.get(end) == Some(&"(") {
                    if let Some(close) =
                        (end + 2..(end + 5).min(self.norms.len())).find(|&k| self.norms[k] == ")")
                    {
                        if let Some(e) = self.go(rest, close + 1, acc, depth + 1) {
                            return Some(e);
                        }
                    }
                }
                // "hope that the DPRK and the US could": the slot holds a
                // coordination of actors; the pattern goes on after the last
                let mut end = self.nps[np].toks.1;
                for _ in 0..3 {
                    let mut k = end;
                    if !matches!(self.norms.get(k), Some(&("and" | "," | "or"))) {
                        break;
                    }
                    k += 1;
                    if self.norms.get(k) == Some(&"and") {
                        k += 1;
                    }
                    while k < self.norms.len() && is_determiner(self.norms[k]) {
                        k += 1;
                    }
                    match np_at(self.nps, k) {
                        Some(n) if self.nps[n].code.is_some() || self.nps[n].reciprocal => {
                            end = self.nps[n].toks.1;
                            if let Some(e) = self.go(rest, end, acc, depth + 1) {
                                return Some(e);
                            }
                        }
                        _ => break,
                    }
                }
                // "asking China and other countries to cease imports": others
                // no one names joined to the actor; the pattern goes on
                // after them
                let end = self.nps[np].toks.1;
                if self.norms.get(end) == Some(&"and")
                    && matches!(
                        self.norms.get(end + 1).copied(),
                        Some("other" | "others" | "some" | "several" | "many")
                    )
                {
                    let mut k = end + 2;
                    while k < self.norms.len()
                        && k < end + 4
                        && self.norms[k].bytes().all(|b| b.is_ascii_lowercase())
                        && !BARRIERS.contains(&self.norms[k])
                        && self.norms[k] != "to"
                        && !crate::mention::PREPOSITIONS.contains(&self.norms[k])
                        && !in_np(self.nps, k)
                    {
                        k += 1;
                    }
                    if let Some(e) = self.go(rest, k, acc, depth + 1) {
                        return Some(e);
                    }
                }
                *acc = saved;
                None
            }
        }
    }
}

/// A noun by its ending ("intimidation", "shelling", "harassment"): an act
/// named by a noun, not a verb.
fn is_act_noun(w: &str) -> bool {
    w.len() > 5
        && ["ing", "tion", "sion", "ence", "ance", "ment", "ism"]
            .iter()
            .any(|e| w.ends_with(e))
}

/// A word that describes the actor named right after it in a slot ("will
/// meet regional rival Japan's Prime Minister", "visited longtime ally
/// Pakistan"): skipped like a determiner, and only when an actor follows.
fn is_epithet(w: &str) -> bool {
    matches!(
        w,
        "rival" | "regional" | "arch" | "longtime" | "ally" | "allied" | "traditional" | "close"
    )
}

/// Two actor mentions joined by a hyphen ("China-Singapore", "US-DPRK")
/// after `from` in the clause.
fn hyphen_pair(norms: &[&str], nps: &[Np], from: usize) -> Option<(usize, usize)> {
    for (i, a) in nps.iter().enumerate() {
        if a.toks.0 < from {
            continue;
        }
        if norms[from..a.toks.0].iter().any(|w| BARRIERS.contains(w)) {
            return None;
        }
        let end = a.toks.1;
        if norms.get(end) == Some(&"-") {
            if let Some(j) = np_at(nps, end + 1) {
                let ok = |n: &Np| n.code.is_some() && !n.reciprocal && !n.defaulted;
                if ok(a) && ok(&nps[j]) && a.country.is_some() && a.country != nps[j].country {
                    return Some((i, j));
                }
            }
        }
    }
    None
}

/// The actors of a hyphened pair, when both resolve.
fn pair_refs(nps: &[Np], text: &str, (a, b): (usize, usize)) -> Option<Vec<ActorRef>> {
    Some(vec![nps[a].actor_ref(text)?, nps[b].actor_ref(text)?])
}

/// The actor named in apposition after a relational noun: from `p`, up to
/// four words ending in a relational noun, a comma, then the actor.
fn appositive_actor(lex: &Lexicon, norms: &[&str], nps: &[Np], p: usize) -> Option<usize> {
    let comma = (p..(p + 5).min(norms.len())).find(|&k| norms[k] == ",")?;
    if comma == p
        || !lex
            .special
            .words
            .has(Words::RelationalNouns, norms[comma - 1])
    {
        return None;
    }
    let mut k = comma + 1;
    while k < norms.len() && is_determiner(norms[k]) && np_at(nps, k).is_none() {
        k += 1;
    }
    let np = np_at(nps, k)?;
    (nps[np].code.is_some() && !nps[np].reciprocal).then_some(np)
}

/// The first actor of a list of examples that a slot's generic plural
/// noun introduces: "medical supplies to dozens of countries and regional
/// organizations including Pakistan, Laos and Iran", "to subnational
/// governments in 19 countries, including Algeria". From `p`, up to ten
/// lower-case words, numbers, commas and "and"/"of"/"in" (one of them a
/// plural noun of states or bodies, no actor among them), then
/// "including" or "such as" and the actor. The list's other members are
/// its group's.
fn listed_actor(norms: &[&str], nps: &[Np], p: usize) -> Option<usize> {
    // (the slot opens the noun phrase: not "support from bilateral
    // partners such as", "support and assistance of partners including",
    // "the host country of organizations including")
    let first = *norms.get(p)?;
    if matches!(first, "and" | "or" | "," | "country")
        || crate::mention::PREPOSITIONS.contains(&first)
    {
        return None;
    }
    let mut generic = false;
    let mut k = p;
    while k < norms.len() && k < p + 10 {
        let w = norms[k];
        if list_intro(norms, k) {
            break;
        }
        // (a generic noun whose country was only guessed, "subnational
        // governments", is a word of the list's head)
        if nps
            .iter()
            .any(|n| n.toks.0 <= k && k < n.toks.1 && !n.defaulted)
        {
            return None;
        }
        let wordlike = w == ","
            || w.bytes().all(|b| b.is_ascii_digit() || b == b',')
            || w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
        if !wordlike {
            return None;
        }
        generic |= matches!(
            w,
            "countries"
                | "nations"
                | "states"
                | "organizations"
                | "organisations"
                | "governments"
                | "partners"
                | "economies"
        );
        k += 1;
    }
    if !generic || k >= norms.len() || !list_intro(norms, k) {
        return None;
    }
    k += if matches!(norms[k], "such" | "in") {
        2
    } else {
        1
    };
    while k < norms.len() && (is_determiner(norms[k]) || norms[k] == ",") && np_at(nps, k).is_none()
    {
        k += 1;
    }
    let np = np_at(nps, k)?;
    (nps[np].code.is_some() && !nps[np].reciprocal).then_some(np)
}

/// Whether the words at `k` introduce examples of a plural: "including",
/// "such as", "especially", "particularly", "notably", "in particular".
fn list_intro(norms: &[&str], k: usize) -> bool {
    match norms[k] {
        "including" | "especially" | "particularly" | "notably" => true,
        "such" => norms.get(k + 1) == Some(&"as"),
        "in" => norms.get(k + 1) == Some(&"particular"),
        _ => false,
    }
}

/// Whether the word at `i` is a participle right after its noun with "by"
/// after it, a reduced relative clause ("the two Canadians detained by
/// China", "a deal brokered by China"): the doer follows, and the act is
/// told as done. The word before must be a lower-case content word, not a
/// determiner, a preposition, an auxiliary or a clause word.
fn participle_after_noun(norms: &[&str], i: usize) -> bool {
    if i == 0 || !norms[i].ends_with("ed") || norms.get(i + 1) != Some(&"by") {
        return false;
    }
    let w = norms[i - 1];
    w.len() > 2
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && !is_determiner(w)
        && !crate::mention::PREPOSITIONS.contains(&w)
        && !is_be_form(w)
        && !crate::mention::is_aux_core(w)
        && !crate::mention::is_modal(w)
        && !matches!(
            w,
            "and" | "or" | "not" | "to" | "that" | "who" | "which" | "have" | "had" | "has"
        )
}

/// Whether an act's participants are named right after it, its last word
/// or the next being "between", "among" or "with" ("a phone call between",
/// "the establishment of diplomatic relations between China and El
/// Salvador").
fn participants_named(norms: &[&str], m: &Match) -> bool {
    let named = |w: &str| matches!(w, "between" | "among" | "with");
    m.lits.last().is_some_and(|&l| named(norms[l])) || norms.get(m.end).is_some_and(|w| named(w))
}

/// Quotation marks and the hyphens of a compound are not words a gap
/// counts: "held four “face-to-face” meetings" is a gap of two units
/// (four, face-to-face) before "meetings".
fn past_joiners(norms: &[&str], mut p: usize) -> usize {
    loop {
        match norms.get(p) {
            Some(
                &("\u{201c}" | "\u{201d}" | "\"" | "\u{2018}" | "\u{2019}" | "'" | "\u{ab}"
                | "\u{bb}"),
            ) => p += 1,
            Some(&"-") if p + 1 < norms.len() && !BARRIERS.contains(&norms[p + 1]) => p += 2,
            _ => return p,
        }
    }
}

/// The actor mention that ends just before token `i`, or before a
/// possessive "'s" there: the possessor or the adjective of a noun
/// ("Russia's aggression", "the Russian aggression"). An agent noun whose
/// country was only guessed ("a military occupation") names no one.
fn possessor_before(nps: &[Np], norms: &[&str], i: usize) -> Option<usize> {
    let end = match i.checked_sub(1).map(|k| norms[k]) {
        Some("'s" | "\u{2019}s" | "'" | "\u{2019}") => i - 1,
        _ => i,
    };
    nps.iter()
        .position(|n| n.toks.1 == end && n.code.is_some() && !n.reciprocal && !n.defaulted)
}

/// All pattern matches of a sentence, with overlaps resolved.
pub fn find_matches(lex: &Lexicon, norms: &[&str], tok_ids: &[u32], nps: &[Np]) -> Vec<Match> {
    // the words of this sentence as a bit set, to reject at once a pattern
    // one of whose required words is absent (most attempts end here)
    let present = lex.present(tok_ids);
    let m = Matcher {
        lex,
        norms,
        ids: tok_ids,
        nps,
    };
    let mut out = Vec::new();
    // one buffer for all attempts (most fail): cleared for each pattern
    let mut acc = Partial::default();
    for (i, &t) in tok_ids.iter().enumerate() {
        let starting = lex.pattern_cands(t);
        if starting.is_empty() || in_named_np(nps, i) {
            continue;
        }
        // (a pattern one of whose required words is absent is not among
        // them: most attempts end there, before the pattern itself is read)
        for id in lex.patterns_may_match(t, &present) {
            let p = &lex.patterns[id as usize];
            acc.lits.clear();
            (acc.target, acc.source, acc.gap_np) = (None, None, None);
            // a one-word pattern on a noun ("the basis of public support")
            // is not an act
            let one_verb = p.weight == 1
                && p.elems.len() == 1
                && matches!(p.elems.first(), Some(Elem::Lit { forms, .. }) if *forms > 1);
            // (but a gerund after "of" or "for" with its own object is a
            // verb: "the policy of requesting the authorities of Iran to
            // cooperate")
            let gerund_with_object = i > 0
                && matches!(norms[i - 1], "of" | "for")
                && norms[i].len() > 5
                && norms[i].ends_with("ing")
                && norms
                    .get(i + 1)
                    .is_some_and(|w| matches!(*w, "the" | "a" | "an" | "its" | "their" | "all"));
            if one_verb && i > 0 && NOMINAL_BEFORE.contains(&norms[i - 1]) && !gerund_with_object {
                continue;
            }
            // the end of a hyphened compound is an adjective: "the
            // self-proclaimed authorities", "the Saudi-led coalition",
            // "Iranian-backed militias"
            if i > 0 && norms[i - 1] == "-" && (one_verb || norms[i].ends_with("ed")) {
                continue;
            }
            // "non-interference in each other's internal affairs",
            // "non-aggression": the act denied, a principle
            if i >= 2 && norms[i - 1] == "-" && norms[i - 2] == "non" {
                continue;
            }
            // "free" as an adjective: "the free peoples", "free and fair
            // elections", "the free movement of people"
            if norms[i] == "free"
                && p.code.starts_with("084")
                && ((i > 0 && NOMINAL_BEFORE.contains(&norms[i - 1]))
                    || norms
                        .get(i + 1)
                        .is_some_and(|w| lex.special.words.has(Words::FreeAdjNouns, w)))
            {
                continue;
            }
            // a participle that describes a thing: "some 17,000 looted
            // artifacts", "bronzes looted by British troops" (after a word
            // that names no actor, with no auxiliary) is no act of the
            // sentence
            if one_verb && i > 0 && norms[i].ends_with("ed") {
                let prev = norms[i - 1];
                let counted = prev.bytes().next().is_some_and(|b| b.is_ascii_digit())
                    || matches!(prev, "some" | "several" | "many" | "these" | "those");
                let relative = norms.get(i + 1) == Some(&"by")
                    && !in_np(nps, i - 1)
                    && !VERB_BEFORE.contains(&prev)
                    && !matches!(
                        prev,
                        "was"
                            | "were"
                            | "been"
                            | "is"
                            | "are"
                            | "be"
                            | "being"
                            | "had"
                            | "has"
                            | "have"
                            | "not"
                            | "and"
                            | "or"
                            | ","
                            | "then"
                            | "also"
                    )
                    && !prev.ends_with("ly");
                if counted || relative {
                    continue;
                }
            }
            // the bare form of a one-word verb pattern ("visit", "attack") is a
            // verb only after an auxiliary, "to", a subject pronoun or "and";
            // elsewhere it is a noun ("during a brief private visit")
            // (a floating quantifier after the subject keeps it a verb:
            // "The American people all commend China", "they both oppose")
            let floating = i >= 2
                && matches!(norms[i - 1], "all" | "both" | "each")
                && (in_np(nps, i - 2) || VERB_BEFORE.contains(&norms[i - 2]));
            // ("let me thank", "let us condemn": a verb after "let")
            let after_let = i >= 2 && matches!(norms[i - 1], "me" | "us") && norms[i - 2] == "let";
            if one_verb
                && p.text.trim_end_matches('+') == norms[i]
                && !(i == 0
                    || VERB_BEFORE.contains(&norms[i - 1])
                    || in_np(nps, i - 1)
                    || floating
                    || after_let)
            {
                continue;
            }
            // a leading slot: the actor named just before the first word
            // ("Russia's aggression", "the Russian aggression")
            let mut elems = &p.elems[..];
            if let Some(slot) = p.leading_slot() {
                let Some(np) = possessor_before(nps, norms, i) else {
                    continue;
                };
                // (the one obliged is the subject of "must", not a place or
                // an object before it: "The war in Ukraine must stop", "the
                // reform process in WHO should reflect")
                if matches!(norms[i], "must" | "should") {
                    let mut k = nps[np].toks.0;
                    while k > 0 && is_determiner(norms[k - 1]) {
                        k -= 1;
                    }
                    if k > 0 && crate::mention::PREPOSITIONS.contains(&norms[k - 1]) {
                        continue;
                    }
                }
                if *slot == Elem::Target {
                    acc.target = Some(np);
                } else {
                    acc.source = Some(np);
                }
                elems = &elems[1..];
            }
            // "a semiconductor company called Fujian Jinhua": called as in
            // named is no call
            if matches!(norms[i], "called" | "named" | "dubbed")
                && i > 0
                && lex.special.words.has(Words::NamingNouns, norms[i - 1])
            {
                continue;
            }
            if let Some(end) = m.go(elems, i, &mut acc, 0) {
                out.push(Match {
                    pattern: id,
                    lits: acc.lits.clone(),
                    start: i,
                    end,
                    target_np: acc.target,
                    source_np: acc.source,
                    inner_np: acc.gap_np,
                    kept: false,
                    asks: false,
                });
            }
        }
    }
    // strongest first: more literal words, then slots, then the finer code
    out.sort_by(|a, b| {
        let pa = &lex.patterns[a.pattern as usize];
        let pb = &lex.patterns[b.pattern as usize];
        pb.weight
            .cmp(&pa.weight)
            .then((b.target_np.is_some() as u8).cmp(&(a.target_np.is_some() as u8)))
            .then(pb.code.len().cmp(&pa.code.len()))
            .then(a.start.cmp(&b.start))
            .then(a.pattern.cmp(&b.pattern))
    });
    // what the speaker says of an actor (`@speaker`) does not take words
    // from the acts: those matches compete only among themselves
    let mut used = vec![false; norms.len()];
    let mut used_by_speaker = vec![false; norms.len()];
    for m in out.iter_mut() {
        let used = if lex.patterns[m.pattern as usize].speaker {
            &mut used_by_speaker
        } else {
            &mut used
        };
        // (a modal is shared: "We hope the US will work with China" is
        // the appeal "hope {T} will" and the intent "will work with {T}")
        let shared = |t: usize| crate::mention::is_modal(norms[t]);
        if m.lits.iter().any(|&t| used[t] && !shared(t)) {
            continue;
        }
        for &t in &m.lits {
            used[t] = !shared(t);
        }
        m.kept = true;
    }
    out.sort_by_key(|m| (m.start, !m.kept));
    out
}

/// A subject of everyone in general between `from` and the trigger: "all
/// (other) countries", "every civilized nation", "the international
/// community", set off by a comma, "that" or "but" and followed by a modal
/// or an auxiliary ("should", "must", "has"). Returns its tokens.
fn generic_subject(
    lex: &Lexicon,
    norms: &[&str],
    from: usize,
    tstart: usize,
) -> Option<(usize, usize)> {
    (from..tstart).find_map(|i| {
        let opens = i == 0
            || matches!(
                norms[i - 1],
                "," | "that" | "but" | "while" | "whereas" | "hope" | "hopes"
            )
            || (i >= 2 && norms[i - 1] == "and" && norms[i - 2] == ",");
        if !opens {
            return None;
        }
        let noun = match norms[i] {
            // ("We hope all will respond to his call and support the UN")
            "all" | "everyone" | "everybody" if norms.get(i + 1).is_some_and(|w| is_modal(w)) => {
                return Some((i, i + 1));
            }
            "all" | "every" | "each" | "no" => (i + 1..(i + 4).min(tstart))
                .find(|&j| lex.special.words.has(Words::GenericSubjects, norms[j]))?,
            "the" if norms.get(i + 1) == Some(&"international") => i + 2,
            _ => return None,
        };
        if noun >= tstart || !lex.special.words.has(Words::GenericSubjects, norms[noun]) {
            return None;
        }
        // (a word of the list may follow: "all countries concerned")
        let mut k = noun + 1;
        if matches!(
            norms.get(k).copied(),
            Some("concerned" | "alike" | "together")
        ) {
            k += 1;
        }
        norms
            .get(k)
            .is_some_and(|w| {
                is_modal(w)
                    || matches!(
                        *w,
                        "need" | "needs" | "ought" | "has" | "have" | "is" | "are"
                    )
            })
            .then_some((i, noun + 1))
    })
}

/// "the hegemonic policies that undermine the peaceful settlement of
/// conflicts and that represent threats to ...": the nearest relative
/// "that" or "which" before the trigger (past "and that" to the first of
/// the chain), after a plural common noun that no reporting verb ends and
/// before a lower-case word that is no determiner or pronoun (the verb).
/// The position of the "that", or None.
fn relative_after_noun(
    norms: &[&str],
    report_spots: &[(usize, usize)],
    cs: usize,
    tstart: usize,
) -> Option<usize> {
    let mut r = (cs + 1..tstart)
        .rev()
        .find(|&r| matches!(norms[r], "that" | "which"))?;
    if norms[r..tstart].iter().any(|w| BARRIERS.contains(w)) {
        return None;
    }
    // ("... and that represent": the chain's first "that")
    while norms[r - 1] == "and" {
        r = (cs + 1..r - 1)
            .rev()
            .find(|&k| matches!(norms[k], "that" | "which"))?;
    }
    let noun = norms[r - 1];
    let next = norms.get(r + 1).copied().unwrap_or("");
    let plural_noun = noun.len() > 4
        && noun.ends_with('s')
        && !noun.ends_with("ss")
        && noun.bytes().all(|b| b.is_ascii_lowercase());
    let verb_next = !next.is_empty()
        && next.bytes().all(|b| b.is_ascii_lowercase())
        && !is_determiner(next)
        && !matches!(
            next,
            "i" | "we"
                | "they"
                | "he"
                | "she"
                | "it"
                | "you"
                | "there"
                | "this"
                | "these"
                | "those"
        );
    let reported = report_spots.iter().any(|&(_, end)| end == r);
    (plural_noun && verb_next && !reported).then_some(r)
}

/// "the pledging conference, where countries pledged $1.2 billion in
/// humanitarian aid for Afghanistan", "at which 45 countries agreed on key
/// priorities": a relative clause opened by "where" or a preposition and
/// "which", whose subject is a common noun of [generic_subjects] (after a
/// number or a quantifier), between the candidate subject and the
/// trigger. Its words, or None.
fn relative_own_subject(
    lex: &Lexicon,
    norms: &[&str],
    from: usize,
    tstart: usize,
) -> Option<(usize, usize)> {
    (from..tstart).find_map(|r| {
        let opens = matches!(norms[r], "where" | "whereby")
            || (norms[r] == "which"
                && r > 0
                && matches!(
                    norms[r - 1],
                    "at" | "in" | "during" | "under" | "through" | "by"
                ));
        if !opens || norms[r..tstart].iter().any(|w| BARRIERS.contains(w)) {
            return None;
        }
        let mut j = r + 1;
        while j < tstart
            && j < r + 3
            && (norms[j].bytes().all(|b| b.is_ascii_digit())
                || matches!(
                    norms[j],
                    "some"
                        | "many"
                        | "several"
                        | "most"
                        | "all"
                        | "the"
                        | "other"
                        | "dozens"
                        | "of"
                ))
        {
            j += 1;
        }
        (j < tstart && lex.special.words.has(Words::GenericSubjects, norms[j]))
            .then_some((r + 1, j + 1))
    })
}

/// "we have worked to degrade Al-Qaida at its core and have supported a
/// transition": an actor between a subject with its auxiliary and a
/// trigger after "and" and an auxiliary is inside the first verb's object;
/// the trigger shares the first verb's subject.
fn object_before_coordinated_verb(
    norms: &[&str],
    groups: &[Group],
    cs: usize,
    g: (usize, usize),
    tstart: usize,
) -> bool {
    let aux = |w: &str| matches!(w, "has" | "have" | "had") || is_modal(w);
    let coordinated = (g.1..tstart).any(|a| {
        norms[a] == "and"
            && a + 1 < tstart
            && aux(norms[a + 1])
            && norms[a + 2..tstart]
                .iter()
                .all(|w| w.ends_with("ly") || matches!(*w, "also" | "always" | "further" | "been"))
    });
    // ("Wang Yi will attend the China-Afghanistan-Pakistan dialogue in
    // Islamabad and visit Pakistan and Nepal": a bare verb after "and"
    // shares the modal before the first)
    let bare = tstart > 0
        && norms[tstart - 1] == "and"
        && !norms[tstart].ends_with("ing")
        && !norms[tstart].ends_with("ed");
    // (the subject: a pronoun or an actor right before an auxiliary, with
    // a verb between it and the actor; not an actor that is itself a
    // subject: "I would like to stress that China will continue to ...,
    // and will stay in close communication")
    (coordinated || bare)
        && !norms.get(g.1).is_some_and(|w| aux(w))
        && (cs + 1..g.0).any(|q| {
            (if coordinated {
                aux(norms[q])
            } else {
                is_modal(norms[q])
            }) && q + 1 < g.0
                && !norms[q..g.0].contains(&"that")
                && (matches!(norms[q - 1], "we" | "i" | "he" | "she" | "they" | "it")
                    || groups.iter().any(|h| h.toks.1 == q))
        })
}

pub(crate) fn clause_start(norms: &[&str], from: usize) -> usize {
    let mut i = from;
    while i > 0 {
        if matches!(norms[i - 1], ";" | ":") {
            return i;
        }
        i -= 1;
    }
    0
}

/// Builds events from the kept matches of a sentence.
#[allow(clippy::too_many_arguments)]
pub(crate) fn events(
    coder: &Coder,
    doc: &Doc,
    idx: usize,
    span: Span,
    toks: &[Token],
    norms: &[&str],
    ids: &[u32],
    nps: &[Np],
    groups: &[Group],
    matches: &[Match],
    dates: &Dates,
    ctx: &mut DocContext,
    no_event: &mut Vec<(usize, String)>,
) -> Vec<Event> {
    let lex = coder.lex;
    let text = doc.text.as_str();
    // why a kept match gave no event, for `dyad explain` (only when tracing)
    macro_rules! skip {
        ($mi:expr, $why:expr) => {{
            if coder.trace {
                no_event.push(($mi, $why));
            }
            continue;
        }};
    }
    let group_of = |np: usize| groups.iter().position(|g| g.members.contains(&np));
    // where reporting verbs stand in the sentence, found once for all events
    // (looked for only in a sentence with a match to report)
    let report_spots = if matches.iter().any(|m| m.kept) {
        phrase_spots(ids, lex.special.ids.list(4))
    } else {
        Vec::new()
    };
    let mut out: Vec<Event> = Vec::new();
    // (trigger start, source group or actors, target group)
    let mut prev: Option<(Vec<ActorRef>, Option<usize>)> = None;
    // the first word of the previous event's trigger, when "to" stands
    // before it (an infinitive a later "and to ..." is coordinated with)
    let mut prev_infinitive: Option<usize> = None;
    let mut targets_taken: Vec<usize> = Vec::new();
    // (source group, end of the trigger) of the statements, appeals,
    // praise and criticism told so far: what they speak of is not done by
    // their speaker
    // who said what up to where: the subject group, or None for the
    // speaker, "we" or a subject shared from before
    let mut spoken_by: Vec<(Option<usize>, usize)> = Vec::new();
    // where the criticisms aimed at no actor end ("strongly condemned recent
    // raids, alleged assault and ..."): the acts listed after them are
    // criticised, not done
    let mut criticised_from: Vec<usize> = Vec::new();
    // (last word of the trigger, modality) of the promised acts told so far
    let mut promised: Vec<(usize, Modality)> = Vec::new();
    // where a blame in the passive with no agent ends ("Iran was accused
    // of"): the acts it alleges after it are not asserted
    let mut alleged_from: Option<usize> = None;
    // where the last act whose end is called for ends ("an end to the
    // sanctions and ..."): an act joined to it by "and" is ended too
    let mut ended_until: Option<usize> = None;
    for (mi, m) in matches.iter().enumerate().filter(|(_, m)| m.kept) {
        let p = &lex.patterns[m.pattern as usize];
        if p.code == dyad_lexicon::BLOCK {
            skip!(
                mi,
                "a block pattern: it only keeps weaker patterns from matching here".into()
            );
        }
        let tstart = m.lits.first().copied().unwrap_or(m.start);
        // the start of the trigger's clause, found once for all the rules
        let cs = clause_start(norms, tstart);
        // a pattern that opens with its subject ("we urge"): the speaker's
        // "we" is the trigger's first word
        let fp_to = if matches!(norms[tstart], "we" | "i") {
            tstart + 1
        } else {
            tstart
        };
        // "paid his respects to a South Korean soldier killed in
        // Afghanistan": a participle right after the object of a
        // preposition describes that object; it is no act of the sentence
        // (not a main verb with its object: "an explosion near the town of
        // Samarra killed two Iraqi youths")
        if m.lits.len() == 1
            && norms[tstart].ends_with("ed")
            && matches!(
                norms.get(tstart + 1).copied(),
                Some(
                    "in" | "at"
                        | "near"
                        | "during"
                        | "on"
                        | "last"
                        | "earlier"
                        | "since"
                        | "after"
                        | "while"
                        | "inside"
                        | "outside"
                        | ","
                )
            )
            && groups.iter().any(|g| g.toks.1 == tstart && g.object_like)
        {
            skip!(
                mi,
                "a participle right after the object of a preposition describes that object; no act".into()
            );
        }
        // "We call upon Iran to fully cooperate with the IAEA": the act asked
        // for in an appeal or a demand is not done (guideline 12)
        if !p.speaker
            && !p.code.starts_with("02")
            && !p.code.starts_with("10")
            // ("urged Muslim nations to unite against Israel": rallying
            // others is the caller's act, 113)
            && p.code != "113"
            // ("lobbied governments to help support the rights of
            // Palestinians": the lobbyist's own support, as below)
            && (tstart == 0 || norms[tstart - 1] != "help")
            && matches.iter().any(|a| {
                (a.kept || a.asks)
                    && matches!(&lex.patterns[a.pattern as usize].code[..2], "02" | "10")
                    && ((a.end <= tstart && asked_act(norms, nps, a, tstart))
                        // ("We hope that Japan will work with China": the
                        // act opens with the appeal's own modal)
                        || (a.lits.last() == Some(&tstart)
                            && a.target_np.is_some()
                            && crate::mention::is_modal(norms[tstart])))
            })
        {
            skip!(
                mi,
                "the act is asked for by an appeal or a demand before it, not done".into()
            );
        }
        // "held talks with visiting German Chancellor Olaf Scholz":
        // "visiting" before a person or an official describes the visitor,
        // whose visit the host's act already tells; it is no visit to them
        if m.lits.len() == 1
            && norms[tstart] == "visiting"
            && nps.iter().any(|n| {
                n.toks.0 == tstart + 1
                    && n.parts.iter().any(|p| {
                        matches!(
                            p.kind,
                            crate::MentionKind::Person(_) | crate::MentionKind::Agent(_)
                        )
                    })
            })
        {
            skip!(
                mi,
                "\"visiting\" before a person describes the visitor, no visit to them".into()
            );
        }
        // "played a mediating role in the armed conflict in the Sudan", "a
        // political solution to the conflict": a fight named as what
        // another act is about has no doer there
        if matches!(&p.code[..2], "18" | "19" | "20") && m.source_np.is_none() && {
            let k = modifiers_start(norms, tstart, &["in", "to", "of", "on"]);
            k >= 2
                && matches!(norms[k - 1], "in" | "to" | "of" | "on")
                && lex.special.words.has(Words::FightTopics, norms[k - 2])
        } {
            skip!(
                mi,
                "the fight is the topic of another act, no act of its own".into()
            );
        }
        // "Iran threatened to launch a new military offensive": the act
        // threatened is not done (the threat is coded by its own pattern)
        if !p.code.starts_with("13")
            && (tstart.saturating_sub(6)..tstart).any(|k| {
                norms[k] == "to"
                    && k > 0
                    && matches!(
                        norms[k - 1],
                        "threaten" | "threatens" | "threatened" | "threatening"
                    )
                    && !norms[k + 1..tstart].iter().any(|w| {
                        BARRIERS.contains(w)
                            || matches!(*w, "," | "if" | "unless" | "when" | "that" | "because")
                    })
            })
        {
            skip!(mi, "the act is threatened, not done".into());
        }
        // "wanted on suspicion of plotting attacks in France": an act of
        // force plotted is not done (unless the pattern holds the word:
        // "plotted to kill")
        if matches!(&p.code[..2], "15" | "17" | "18" | "19" | "20")
            && (tstart.saturating_sub(4)..tstart).rev().any(|k| {
                lex.special.words.has(Words::Plotting, norms[k])
                    && !m.lits.contains(&k)
                    // (only the act's determiner, modifiers or "to" between)
                    && norms[k + 1..tstart].iter().all(|w| {
                        is_determiner(w)
                            || (w.bytes().all(|b| b.is_ascii_lowercase()) && !is_be_form(w))
                    })
            })
        {
            skip!(mi, "the act is plotted, not done".into());
        }
        // "until those responsible for sexual violence committed in Ukraine
        // are held to account": the doers are those responsible, whom the
        // text does not name
        {
            let mut k = tstart;
            while k > 0
                && tstart - k < 3
                && norms[k - 1].bytes().all(|b| b.is_ascii_lowercase())
                && !matches!(norms[k - 1], "for" | "of")
            {
                k -= 1;
            }
            // (and "holding accountable the perpetrators of ethnic
            // cleansing in Rwanda")
            if (k >= 3
                && norms[k - 1] == "for"
                && matches!(norms[k - 2], "responsible" | "accountable")
                && matches!(
                    norms[k - 3],
                    "those"
                        | "all"
                        | "people"
                        | "anyone"
                        | "whoever"
                        | "perpetrators"
                        | "individuals"
                ))
                || (k >= 2
                    && norms[k - 1] == "of"
                    && matches!(
                        norms[k - 2],
                        "perpetrators"
                            | "perpetrator"
                            | "culprits"
                            | "masterminds"
                            | "organizers"
                            | "organisers"
                    ))
            {
                skip!(
                    mi,
                    "the act's doers are \"those responsible\", not named".into()
                );
            }
        }
        // "There were 10 Russian soldiers killed in Ukraine today": a harm
        // told by its participle right after those who suffered it, with no
        // doer after "by", names no doer
        if tstart > 0
            && norms[tstart].ends_with("ed")
            && m.lits.len() == 1
            && lex.special.words.has(Words::HarmVerbs, norms[tstart])
            && nps.iter().any(|n| n.toks.1 == tstart && n.code.is_some())
            && !matches!(norms[tstart - 1], "have" | "has" | "had")
            && norms.get(tstart + 1).is_none_or(|w| {
                matches!(
                    *w,
                    "in" | "on"
                        | "at"
                        | "during"
                        | "near"
                        | "when"
                        | "while"
                        | "since"
                        | "as"
                        | "."
                        | ","
                        | ";"
                        | "last"
                        | "this"
                        | "today"
                        | "yesterday"
                )
            })
            && !norms[tstart + 1..(tstart + 8).min(norms.len())].contains(&"by")
        {
            skip!(
                mi,
                "no source: those named right before the participle suffered the act".into()
            );
        }
        // "unfurling giant \"Free Tibet\" banners": a slogan quoted is no act
        if m.lits.iter().any(|&t| {
            t > 0
                && norms[t] == "free"
                && text[toks[t].span].starts_with('F')
                && matches!(norms[t - 1], "\"" | "\u{201c}" | "``" | "'" | "\u{2018}")
        }) {
            skip!(mi, "a slogan in quotes, no act".into());
        }
        // "to be held in Doha in March 2023": a month is no march
        if m.lits.iter().any(|&t| {
            norms[t] == "march"
                && dates
                    .get()
                    .iter()
                    .any(|d| d.span.start <= toks[t].span.start && toks[t].span.end <= d.span.end)
        }) {
            skip!(mi, "\"March\" is the month of a date here".into());
        }
        // "Obama wants Putin to attack Switzerland": an act wanted of
        // another is not done (as one asked for in an appeal)
        if !p.speaker && wanted_act(lex, norms, groups, cs, tstart) {
            skip!(mi, "the act is wanted of another, not done".into());
        }
        // "it calls the UN visits \"highly inappropriate\"", "called the
        // council a cesspool": calling someone something names, it is no
        // phone call
        if p.code.starts_with("041")
            && norms[tstart].starts_with("call")
            && m.target_np.is_some_and(|np| {
                // (past a phrase that says whose the target is: "called
                // Britain's ambassador to the United States a very stupid
                // guy")
                let mut end = nps[np].toks.1;
                if matches!(norms.get(end).copied(), Some("to" | "of" | "in")) {
                    if let Some(n) = np_at(nps, end + 1).or_else(|| {
                        norms
                            .get(end + 1)
                            .filter(|w| is_determiner(w))
                            .and_then(|_| np_at(nps, end + 2))
                    }) {
                        end = nps[n].toks.1;
                    }
                }
                matches!(
                    norms.get(end).copied(),
                    Some(
                        "a" | "an"
                            | "\u{201c}"
                            | "\""
                            | "\u{2018}"
                            | "'"
                            | "highly"
                            | "so"
                            | "visits"
                    )
                )
                // (or a quoted name after the target's relative clause:
                // "called extremists and terrorists who staged violent
                // attacks \"heroes\"")
                || norms[end..(end + 12).min(norms.len())]
                    .iter()
                    .take_while(|w| !matches!(**w, "," | "." | ";" | ":"))
                    .any(|w| matches!(*w, "\u{201c}" | "\""))
            })
        {
            skip!(mi, "\"call X something\" names; it is no phone call".into());
        }
        // "The Taliban have refused official talks with ...": "have" before
        // a participle of refusing is an auxiliary, not having talks
        if m.lits.len() >= 2
            && matches!(norms[m.lits[0]], "have" | "has" | "had" | "having")
            && norms[m.lits[0] + 1..m.lits[1]]
                .iter()
                .any(|w| lex.special.words.has(Words::RefusedParticiples, w))
        {
            skip!(mi, "\"have\" is an auxiliary here: no talks held".into());
        }
        // "We call upon Israel, the occupying Power, to end its blockade of
        // Gaza", "We urge the US to stop smearing China and oppress Chinese
        // companies": after an appeal, its target and "to", an act with no
        // subject of its own is what the appeal asks, not one done
        // (not "lobbied governments to help support the rights of
        // Palestinians": the lobbyist's own support)
        let asked = m.source_np.is_none()
            && !(tstart > 0 && norms[tstart - 1] == "help")
            && out
                .last()
                .is_some_and(|e| e.cameo.starts_with("02") || e.cameo.starts_with("10"))
            && prev.as_ref().and_then(|(_, tg)| *tg).is_some_and(|g| {
                let gap = &norms[groups[g].toks.1.min(tstart)..tstart];
                // ("Russia says Israel must end attacks on Syria": the
                // demand's target and "must" right before the act)
                // (or a bare verb of stopping after "that X": "insisted
                // that the US stop its arms sales to Taiwan")
                let before = &norms[..groups[g].toks.0];
                let that_bare = before.ends_with(&["that"]) || before.ends_with(&["that", "the"]);
                let stopping = |w: &str| {
                    matches!(
                        w,
                        "stop" | "cease" | "end" | "halt" | "abandon" | "withdraw"
                    )
                };
                let (must, gap) = match gap.split_first() {
                    Some((&("must" | "should"), rest)) => (true, rest),
                    Some((&w, rest)) if that_bare && stopping(w) => (true, rest),
                    // (the stopping verb opening the trigger itself: "stop
                    // its arms sales", 1622)
                    None if that_bare && stopping(norms[tstart]) => (true, gap),
                    _ => (false, gap),
                };
                groups[g].toks.1 <= tstart
                    && (must || gap.contains(&"to"))
                    // (no other actor named between: "The US should stop
                    // interfering and Japan held talks with China")
                    && !(must
                        && groups.iter().any(|h| {
                            h.toks.0 > groups[g].toks.1
                                && h.toks.0 < tstart
                                && matches!(norms[h.toks.0 - 1], "and" | "but" | "while" | ",")
                        }))
                    && !gap
                        .iter()
                        .any(|w| BARRIERS.contains(w) || is_aux_core(w) || is_modal(w))
            });
        if asked {
            skip!(
                mi,
                "the act is what an appeal asks of its target, not one done".into()
            );
        }
        // "Pakistan has insisted on bringing down tensions through dialogue
        // with India": insisting on doing something oneself is no demand
        if p.code.starts_with("10")
            && norms[tstart].starts_with("insist")
            && norms[tstart] != "insistence"
            && norms.get(tstart + 1) == Some(&"on")
            && norms
                .get(tstart + 2)
                .is_some_and(|w| w.len() > 5 && w.ends_with("ing"))
        {
            skip!(
                mi,
                "insisting on doing something oneself is no demand".into()
            );
        }
        // "unfurling giant "Free Tibet" banners": words in quotation marks
        // before a noun of a banner or a slogan are the slogan's, no act
        {
            let quote = |w: &str| matches!(w, "\"" | "“" | "”" | "`" | "'" | "‘" | "’");
            let mut e = m.end;
            while e < norms.len() && e < m.end + 3 && !quote(norms[e]) {
                e += 1;
            }
            let opened = (tstart.saturating_sub(3)..tstart).any(|k| quote(norms[k]));
            let mut after = e;
            while after < norms.len() && quote(norms[after]) {
                after += 1;
            }
            if opened
                && after > e
                && norms
                    .get(after)
                    .is_some_and(|w| lex.special.words.has(Words::SloganNouns, w))
            {
                skip!(
                    mi,
                    "the words are a slogan in quotation marks, no act".into()
                );
            }
        }
        // "barbarous weapons are being used to kill and maim people in
        // Ukraine": an act that things are used for, in the passive, has no
        // doer the clause names
        if tstart >= 3
            && norms[tstart - 1] == "to"
            && norms[tstart - 2] == "used"
            && is_be_form(norms[tstart - 3])
        {
            skip!(
                mi,
                "no source: what things \"are used to\" do, in the passive, names no doer".into()
            );
        }
        // "We hope for an end to the political persecution against
        // Nicaragua": an act whose end is asked for is not the asker's (not
        // one the possessive names: "put an end to its aggression")
        let end_called_for = {
            let k = modifiers_start(norms, tstart, &["to", "of", "and"]);
            k >= 2
                && (matches!(
                    (norms[k - 2], norms[k - 1]),
                    ("end", "to") | ("halt", "to") | ("stop", "to") | ("cessation", "of")
                )
                    // (and an act joined to it: "an end to the illegal
                    // economic sanctions and political persecution")
                    || (norms[k - 1] == "and" && ended_until == Some(k - 1)))
                && m.source_np.is_none()
                // (nor one whose doer is named: "an end to the Israeli
                // occupation", "an end to the occupation by Israel")
                && !doer_named(norms, groups, k, tstart, m.end)
        };
        // "We reaffirm our rejection of the imposition of unilateral
        // sanctions against the Russian Federation": an act named after a
        // noun of opposition (past "the imposition/use of") is what is
        // opposed, not the opponent's (unless its doer is named)
        // (not the speaker's judgment the words carry: "a rejection of
        // the ruthless aggression by the United States" is Cuba's 111)
        let opposed = !matches!(&p.code[..2], "01" | "02" | "10" | "11" | "12") && {
            let stops = ["to", "of", "and"];
            let mut k = modifiers_start(norms, tstart, &stops);
            if k >= 3
                && norms[k - 1] == "of"
                && matches!(
                    norms[k - 2],
                    "imposition" | "use" | "application" | "continuation" | "expansion"
                )
            {
                k = modifiers_start(norms, k - 2, &stops);
            }
            k >= 2
                && matches!(
                    (norms[k - 2], norms[k - 1]),
                    ("rejection" | "condemnation" | "denunciation", "of") | ("opposition", "to")
                )
                && m.source_np.is_none()
                // (up to the pattern's last word: the target of "sanctions
                // against {T}" does not do them)
                && !doer_named(norms, groups, k, tstart, m.lits.last().map_or(m.end, |&l| l + 1))
        };
        // "launched a mediation effort to try to prevent a military
        // confrontation between Turkey and Syria": an act to be prevented
        // or averted is not done, by anyone
        // (also what is warned against: "warned against isolating and
        // besieging Afghanistan")
        let prevented = (tstart.saturating_sub(3)..tstart).any(|k| {
            // (the verb, then at most two determiners, modifiers or
            // joined gerunds)
            norms[k + 1..tstart].iter().all(|w| {
                is_determiner(w)
                    || (w.bytes().all(|b| b.is_ascii_lowercase())
                        && !matches!(*w, "to" | "or" | "from"))
            }) && (lex.special.words.has(Words::PreventingVerbs, norms[k])
                || (norms[k] == "against" && k > 0 && norms[k - 1].starts_with("warn")))
                && !m.lits.contains(&k)
                // (not the object of a gerund between: "avoided implementing
                // the joint statement reached in Singapore" names a statement
                // made)
                && !(k + 1..tstart).any(|j| {
                    norms[j].len() > 4 && norms[j].ends_with("ing") && is_determiner(norms[j + 1])
                })
        });
        // ("aimed at preventing genocide, ethnic cleansing and the
        // atrocities perpetrated against women": the acts listed after it
        // too)
        let prevented = prevented
            || (!norms[tstart].ends_with("ed")
                && (tstart.saturating_sub(8)..tstart.saturating_sub(2)).any(|k| {
                    lex.special.words.has(Words::PreventingVerbs, norms[k])
                        && !m.lits.contains(&k)
                        && norms[k + 1..tstart]
                            .iter()
                            .any(|w| matches!(*w, "," | "and"))
                        && norms[k + 1..tstart].iter().all(|w| {
                            matches!(*w, "," | "and")
                                || is_determiner(w)
                                || (w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                                    && !w.ends_with("ed")
                                    && !matches!(*w, "to" | "or" | "from" | "but"))
                        })
                }));
        if prevented {
            skip!(mi, "an act to be prevented or averted is not done".into());
        }
        // "the right to peaceful protest is protected", "freedom of
        // assembly and demonstration": an act named as a right is not done
        let as_right = (tstart.saturating_sub(3)..tstart).any(|k| {
            k > 0
                && matches!(
                    (norms[k - 1], norms[k]),
                    ("right" | "rights", "to") | ("freedom" | "freedoms", "of" | "to")
                )
                // (one reserves the right to what it threatens: "China
                // reserved the right to take countermeasures")
                && !(k >= 3 && norms[k - 2] == "the" && norms[k - 3].starts_with("reserv"))
                && norms[k + 1..tstart]
                    .iter()
                    .all(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
        });
        if as_right {
            skip!(mi, "an act named as a right is not done".into());
        }
        // "protected in both the Sino-British Joint Declaration": a
        // document's title after a preposition names a text that exists,
        // not its signing
        if p.code.starts_with("05")
            && (named_document(text, toks, norms, tstart) || existing_document(norms, tstart))
        {
            skip!(
                mi,
                "a document's title after a preposition names a text, not its signing".into()
            );
        }
        if opposed {
            skip!(
                mi,
                "no source: an act named after a noun of opposition (\"rejection of\") is what is opposed".into()
            );
        }
        if end_called_for {
            ended_until = Some(m.end);
            skip!(
                mi,
                "no source: an act whose end is called for is not the caller's".into()
            );
        }
        // "has sent seven military experts to investigate this weekend's
        // attacks on Saudi oil facilities": an act inside what an
        // investigation's words name is investigated, not done by the
        // investigator
        if !p.code.starts_with("09")
            && matches.iter().any(|o| {
                o.kept
                    && o.start < tstart
                    && lex.patterns[o.pattern as usize].code.starts_with("09")
                    // (the act's noun inside the investigation's words or
                    // its object: "investigate this weekend's attacks")
                    && (tstart < o.end || tstart - o.end <= 4)
                    // (not a second verb: "investigating and prosecuting the
                    // crimes")
                    && !norms[o.start + 1..tstart].iter().any(|w| {
                        matches!(*w, "," | "and" | "or" | "to" | "that" | "which" | "after")
                            || crate::mention::is_aux_core(w)
                    })
            })
        {
            skip!(
                mi,
                "the act is what an investigation looks into, not the investigator's".into()
            );
        }
        // "The civilians imprisoned for acting against Moscow were
        // released": a participle of a verb that takes an object, right
        // after a common noun's phrase and before a preposition, describes
        // the people it was done to; it names no doer ("a Sudanese militia
        // leader charged with 50 crimes")
        if m.source_np.is_none()
            && m.target_np.is_none()
            && m.lits.first() == Some(&tstart)
            && lex
                .special
                .words
                .has(Words::DoneToParticiples, norms[tstart])
            && matches!(
                norms.get(tstart + 1).copied(),
                Some(
                    "with"
                        | "for"
                        | "in"
                        | "on"
                        | "over"
                        | "after"
                        | "since"
                        | "during"
                        | "under"
                        | "without"
                )
            )
            && groups.iter().any(|g| {
                g.toks.1 == tstart
                    && determiners_start(norms, g.toks.0) < g.toks.0
                    && norms[tstart - 1].bytes().all(|b| b.is_ascii_lowercase())
            })
        {
            skip!(
                mi,
                "no source: a participle after the people it was done to (\"the civilians imprisoned for\") names no doer".into()
            );
        }
        let mut why = Why::new(coder.trace);
        why.add(|| format!("pattern {} \"{}\" at {}", p.code, p.text, p.origin));
        // --- source ---
        let mut sources: Vec<ActorRef> = Vec::new();
        let mut source_group = None;
        // "has been indicted by the U.N. war crimes court": a verb pattern
        // in the passive, its agent after "by"
        let passive_agent = if m.source_np.is_none() && m.target_np.is_none() {
            passive_by_agent(norms, groups, tstart, m.end)
        } else {
            None
        };
        // "Three US servicemen were killed by an improvised explosive
        // device", "was arrested on Monday": force in the passive with no
        // actor as its agent; the subject suffered it (13: not coded)
        // ... unless the text names where it happened: the attackers are then
        // the place's unidentified forces, the subject the one attacked
        let mut unknown_passive = false;
        let mut from_modifier = false;
        if passive_agent.is_none()
            && m.source_np.is_none()
            && m.target_np.is_none()
            && (matches!(&p.code[..2], "17" | "18" | "19" | "20") && in_passive(norms, tstart)
                || matches!(&p.code[..2], "18" | "19" | "20")
                    && instrument_of_passive(norms, m.start)
                    // (not an act whose doer follows it: "I was shocked by
                    // the military aggression launched by Russia")
                    && !matches!(
                        committed_by_phrase(lex, norms, groups, m.end, p.code.starts_with("19")),
                        Some(Some(_))
                    ))
        {
            let unknown = matches!(&p.code[..2], "18" | "19" | "20")
                .then(|| unknown_attackers(lex, groups, nps, norms, text, tstart))
                .flatten();
            let Some(a) = unknown else {
                skip!(mi, "force in the passive with no actor as its agent".into());
            };
            why.add(|| format!("source: {}", a.via));
            sources.push(a);
            unknown_passive = true;
        }
        // "Iran was accused of plotting", "Pakistan has been blamed for the
        // attack": blame in the passive with no agent names no accuser
        // (the accused was coded as its source)
        // (not with a "by" later in the clause: "accused of spying for
        // China by the Russian government")
        if passive_agent.is_none() && m.source_np.is_none() && m.target_np.is_none() && {
            let t = if is_be_form(norms[tstart]) {
                tstart + 1
            } else {
                tstart
            };
            let by_later = norms[t..]
                .iter()
                .take_while(|w| !matches!(**w, "," | ";" | ":" | "." | "?" | "!"))
                .any(|w| *w == "by");
            t < norms.len()
                && !by_later
                && (t > tstart || in_passive(norms, t))
                && lex.special.words.has(Words::PassiveBlame, norms[t])
        } {
            alleged_from = Some(m.end);
            skip!(
                mi,
                "blame in the passive with no agent: no accuser named".into()
            );
        }
        // "a Japanese man was sentenced to 12 years in prison", "firms that
        // had been blacklisted for links to Cuba", "Chinese shops were
        // looted": a sanction, a sentence, a protest or a threat in the
        // passive with no agent names no doer either (13); the one before it
        // suffered it (not a commitment, a meeting, cooperation or a
        // deployment, whose subject may act: "Russian soldiers were
        // deployed", "is prepared to facilitate", nor a concession, which
        // the subject may make: "guerrillas have been demobilized")
        if passive_agent.is_none()
            && m.source_np.is_none()
            && m.target_np.is_none()
            && matches!(&p.code[..2], "09" | "10" | "11" | "12" | "13" | "14" | "16")
            && in_passive(norms, tstart)
            && !norms[tstart..]
                .iter()
                .take_while(|w| !matches!(**w, "," | ";" | ":" | "." | "?" | "!"))
                .any(|w| *w == "by")
        {
            skip!(
                mi,
                "an act in the passive with no agent: no doer named".into()
            );
        }
        if alleged_from.is_some_and(|f| {
            m.start >= f
                && m.start - f <= 8
                && !norms[f..m.start]
                    .iter()
                    .any(|w| matches!(*w, "," | ";" | ":" | "but" | "and" | "while" | "which"))
        }) {
            skip!(
                mi,
                "the act is alleged by a blame in the passive, not asserted".into()
            );
        }
        // "rejected accusations by Netanyahu that Tehran was behind the
        // attack on the Israeli-owned ship": what an accusation says
        // happened is alleged by it, not asserted (the accusation is the
        // event)
        if !matches!(&p.code[..2], "01" | "11" | "12") && accused_content(norms, cs, tstart) {
            skip!(
                mi,
                "the act is what an accusation alleges (\"accusations that ...\"), not asserted"
                    .into()
            );
        }
        if unknown_passive {
            // the source is set; the target is the passive's subject below
        } else if let Some(np) = m.source_np {
            source_group = group_of(np);
            why.add(|| "source: the {S} slot of the pattern".into());
        } else if let Some(gi) = passive_agent {
            source_group = Some(gi);
            why.add(|| "source: the agent of the passive (after \"by\")".into());
        // ("prosecutors investigating the case of atrocities committed by
        // the occupying Soviet Army": the doer of what is investigated is
        // its target, not the investigator)
        } else if let Some(doer) = (!p.code.starts_with("08") && !p.code.starts_with("09"))
            .then(|| {
                // (sanctions, blockades and curbs are imposed; laws a
                // protest is against are not the protest's)
                let imposed_ok = matches!(&p.code[..2], "16" | "17" | "19");
                committed_by_phrase(lex, norms, groups, m.end, imposed_ok)
            })
            .flatten()
        {
            // (not what is lifted or eased: in "lifted the sanctions imposed
            // by the US" the lifter is the subject)
            // "stop the massacres and ethnic cleansing atrocities committed
            // by the PKK": the act's noun names its doer after "by"
            let Some(gi) = doer else {
                // "the sanctions imposed on Zimbabwe by some countries":
                // a doer the text names is not the sentence's subject
                skip!(
                    mi,
                    "no source: the act's doer after \"by\" is no actor".into()
                );
            };
            source_group = Some(gi);
            why.add(|| "source: the actor the act was committed by".into());
        } else if let Some(gi) = noun_by_doer(norms, groups, m, tstart).filter(|_| !p.speaker) {
            // "arranged multiple consular visits by the Canadian embassy",
            // "a visit by President Xi to Russia": an act named by a noun
            // right before "by" is done by the actor after it
            source_group = Some(gi);
            why.add(|| "source: the actor after \"by\" right after the act's noun".into());
        } else if let Some(doer) = while_done(norms, groups, tstart) {
            // "three activists detained while investigating a Chinese
            // company": the gerund after "while" is done by those the
            // participle before it describes, not the sentence's subject
            let Some(gi) = doer else {
                skip!(
                    mi,
                    "no source: the people a participle before \"while\" describes are no actor"
                        .into()
                );
            };
            source_group = Some(gi);
            why.add(|| {
                "source: the actor a participle before \"while\" or \"when\" describes".into()
            });
        } else if let Some(gi) = decided_by(lex, norms, groups, tstart) {
            // "firmly opposes the US decision to sell arms to Taiwan": the
            // act a decision or a plan is to do is the decider's
            source_group = Some(gi);
            why.add(|| "source: the actor whose decision or plan the act is".into());
        } else if let Some(gi) =
            adjective_source(lex, text, toks, norms, groups, nps, tstart, &spoken_by)
        {
            // (only a bare country or organisation: a person's possessive,
            // "Vice President Mourao's visit", is still who "he" is next)
            from_modifier = groups[gi].members.iter().all(|&n| {
                matches!(&nps[n].parts[..], [p] if matches!(p.kind, crate::MentionKind::Actor(_)))
            });
            // "to prevent a military confrontation over Turkish allegations
            // that Syria is harboring ...", "condemn the Russian invasion of
            // Ukraine", "Russia's illegal invasion of": a country's adjective
            // or possessive on an act's noun names who does it
            source_group = Some(gi);
            why.add(|| "source: the country's adjective or possessive on the act's noun".into());
        } else if let Some(gi) = aided_actor(lex, norms, groups, tstart)
            // (not aid: "assisted the Russian side in procuring and
            // transporting medical oxygen from China" is the helper's aid)
            .filter(|_| !p.code.starts_with("07"))
        {
            // "we support the ICC in fully investigating and prosecuting":
            // the act is the one helped or backed in doing it
            source_group = Some(gi);
            why.add(|| {
                "source: the actor helped or backed in the act (\"support X in ...ing\")".into()
            });
        } else if let Some(gi) = lex
            .special
            .words
            .has(Words::Protesters, norms[tstart])
            .then(|| {
                groups
                    .iter()
                    .position(|g| g.toks.0 <= tstart && tstart < g.toks.1)
            })
            .flatten()
        {
            // "joining thousands of demonstrators in demanding a
            // referendum": a protest named by its protesters is theirs
            source_group = Some(gi);
            why.add(|| "source: the protesters the trigger names".into());
        } else if let Some(gi) = joined_in(norms, groups, tstart) {
            // "Prisoners rioted ..., joining thousands of demonstrators in
            // demanding a referendum": those joined do the act too
            source_group = Some(gi);
            why.add(|| "source: the actors joined in the act (\"joined X in ...ing\")".into());
        } else if let Some(gi) = credited_actor(lex, norms, groups, tstart) {
            // "we applaud the United Nations for their role in brokering the
            // deal": the act is the one praised or thanked for it
            source_group = Some(gi);
            why.add(|| "source: the actor credited with the act (\"for its/their ...\")".into());
        } else {
            let subject = |(gi, g): &(usize, &Group)| {
                g.toks.1 <= tstart
                    && g.toks.0 >= cs
                    && !g.object_like
                    // "the one-China principle" names a policy, no subject
                    && !(g.toks.0 >= 2 && norms[g.toks.0 - 1] == "-" && norms[g.toks.0 - 2] == "one")
                    && (!targets_taken.contains(gi)
                        // ("threatened to stop negotiations if the United
                        // States deploys missiles": an earlier act's target
                        // that opens a clause right before the verb is its
                        // subject)
                        || (g.toks.1 == tstart && {
                            let k = determiners_start(norms, g.toks.0);
                            k > 0
                                && matches!(
                                    norms[k - 1],
                                    "if" | "unless" | "when" | "because" | "after" | "before"
                                        | "while" | "until" | "since"
                                )
                        }))
                    && !in_example_list(norms, groups, g.toks.0)
                    && !object_before_coordinated_verb(norms, groups, cs, g.toks, tstart)
                    // "Pence misrepresented China's social system and
                    // criticized ...": a bare possessive after an earlier
                    // subject of the clause is inside that subject's object
                    // (not past a reporting verb: "Vietnam has said China's
                    // claim violates ...")
                    && !(matches!(norms.get(g.toks.1).copied(), Some("'s" | "’s"))
                        && groups.iter().any(|h| {
                            h.toks.0 >= cs
                                && h.toks.1 <= g.toks.0
                                && !h.object_like
                                && !report_spots
                                    .iter()
                                    .any(|&(a, _)| a >= h.toks.1 && a < g.toks.0)
                                && !norms[h.toks.1..g.toks.0].contains(&"that")
                        }))
            };
            // "sanctions on Lockheed Martin, which has participated in arms
            // sales to Taiwan": the subject of a relative clause with no
            // subject of its own is the actor its "which" or "who" follows
            let relative_antecedent = (tstart.saturating_sub(12).max(1)..tstart)
                .rev()
                .find(|&k| matches!(norms[k], "which" | "who"))
                // (", which" only: "materials to African countries which
                // arrived in Addis Ababa" are the materials; and no subject
                // pronoun of its own: "a speech which he ...")
                .filter(|&k| norms[k] == "who" || norms[k - 1] == ",")
                .filter(|&k| {
                    !norms[k + 1..tstart]
                        .iter()
                        .any(|w| matches!(*w, "he" | "she" | "they" | "it" | "we" | "i" | "you"))
                        && !groups
                            .iter()
                            .any(|g| g.toks.0 > k && g.toks.1 <= tstart && !g.object_like)
                        && !norms[k + 1..tstart]
                            .iter()
                            .any(|w| BARRIERS.contains(w) || matches!(*w, "," | "and" | "but"))
                })
                .and_then(|k| {
                    let end = if norms[k - 1] == "," { k - 1 } else { k };
                    groups.iter().enumerate().find(|(_, g)| {
                        // (not a place a "which" may follow without naming
                        // it: "services linking Japan and Europe via China,
                        // which will help ...")
                        g.toks.1 == end
                            && !(norms[k] == "which"
                                && g.toks.0 > 0
                                && matches!(
                                    norms[g.toks.0 - 1],
                                    "via" | "in" | "at" | "through" | "across" | "to" | "into"
                                ))
                    })
                });
            // a named actor is a better subject than an agent noun whose
            // country was guessed from the context
            let cand = relative_antecedent
                .or_else(|| {
                    groups
                        .iter()
                        .enumerate()
                        .rev()
                        .filter(subject)
                        .find(|(_, g)| g.members.iter().any(|&n| !nps[n].defaulted))
                })
                .or_else(|| groups.iter().enumerate().rev().find(subject))
                // "We have held talks with health experts ... and sent
                // medical teams": a guessed agent after "we" is not the subject
                .filter(|(_, g)| {
                    g.members.iter().any(|&n| !nps[n].defaulted)
                        || first_person_before(norms, cs, g.toks.0).is_none()
                })
                // "As the UK makes preparations to exit the European Union,
                // I have made clear that we stand ready to complete a trade
                // agreement": the speaker's "we" nearer the trigger is its
                // subject
                // (not the "we" of what the candidate says: "The two sides
                // stress that we will ...", "tweeting \"we stand with\"";
                // nor a parenthetical one: "which, I do not need to recall,
                // is ...", "as we have noted, expressed")
                .filter(|(_, g)| {
                    if ctx.speaker.is_empty() || ctx.in_question {
                        return true;
                    }
                    let Some(p) = (g.toks.1..tstart).find(|&i| matches!(norms[i], "we" | "i"))
                    else {
                        return true;
                    };
                    let reported = norms[g.toks.1..p]
                        .iter()
                        .any(|w| matches!(*w, "that" | "\"" | "“" | ":" | "saying" | "tweeting"));
                    // (nor one the candidate is part of: "China and Myanmar
                    // are friendly neighbors, and we have been conducting",
                    // "As the two sides share common interests, we can"; nor
                    // when another pronoun follows as the subject: "the two
                    // heads of state ..., I can tell you that they maintain")
                    let includes_speaker = g.members.iter().any(|&n| {
                        nps[n].reciprocal
                            || ctx
                                .speaker
                                .iter()
                                .any(|sp| sp.country.is_some() && nps[n].country == sp.country)
                    });
                    let other_subject = norms[p + 1..tstart]
                        .iter()
                        .any(|w| matches!(*w, "they" | "he" | "she" | "it"));
                    reported
                        || includes_speaker
                        || other_subject
                        || norms[p + 1..tstart].contains(&",")
                });
            // "Guterres condemned the terrorist attack on a church": an act
            // named by a noun as the object of what the subject said is not
            // the subject's act
            let nominal = tstart > 0
                && (is_determiner(norms[tstart - 1])
                    || NOMINAL_BEFORE.contains(&norms[tstart - 1])
                    // "oppose the gross interference in": one word between
                    // the determiner and the act's noun
                    || (tstart > 1
                        && matches!(norms[tstart - 2], "the" | "a" | "an" | "such" | "this")
                        && norms[tstart - 1].chars().all(|c| c.is_ascii_lowercase())));
            // (the subject may be told by the name a phrase stands in
            // apposition to: "Zabihullah Mujahid, the Taliban spokesman,
            // claimed responsibility for the attacks")
            // (not an act between parties it names: "China supports the
            // dialogue between Armenia and Azerbaijan" is their dialogue)
            let between = m
                .lits
                .last()
                .is_some_and(|&l| matches!(norms[l], "between" | "among"));
            let said_of = cand.is_some_and(|(gi, _)| {
                nominal
                    && !between
                    && spoken_by.iter().any(|&(g, end)| {
                        end <= tstart
                            && (g == Some(gi)
                                || g.is_some() && g == apposition_head(norms, groups, gi, tstart))
                    })
            })
                // "We firmly oppose the blatant interference in Hong Kong
                // affairs": the same for the speaker's or a shared subject
                // (not "support the dialogue between Armenia and
                // Azerbaijan": its participants are named)
                || (cand.is_none()
                    && nominal
                    && !between
                    && spoken_by.iter().any(|&(g, end)| g.is_none() && end <= tstart));
            // "opposes the illegal unilateral sanctions against Iran": an
            // act named by a noun right after a verbal act (past a
            // determiner and adjectives) is what that act is about, not
            // another act of the same subject
            let object_of_spoken = {
                let mut k = tstart;
                let mut adj = 0;
                // ("the immediate and unconditional withdrawal of": "and"
                // between two modifiers, never right before the trigger)
                while k > 0
                    && adj < 4
                    && norms[k - 1].chars().all(|c| c.is_ascii_lowercase())
                    && !is_determiner(norms[k - 1])
                    && !crate::mention::is_aux_core(norms[k - 1])
                    // (unless the act is a noun joined to another: "condemns
                    // the use of violence and intimidation against
                    // protesters", "the shelling and killing of civilians")
                    && !(norms[k - 1] == "and"
                        && k == tstart
                        && !(k >= 2
                            && (is_act_noun(norms[tstart])
                                // (or a plural noun of force: "acts of
                                // aggression and attacks against")
                                || (matches!(&p.code[..2], "18" | "19" | "20")
                                    && norms[tstart].ends_with('s')
                                    && !norms[tstart].ends_with("ss")))
                            && norms[k - 2].bytes().all(|b| b.is_ascii_lowercase())
                            && !norms[k - 2].ends_with("ed")))
                    && !matches!(
                        norms[k - 1],
                        "or" | "but"
                            | "nor"
                            | "be"
                            | "been"
                            | "would"
                            | "to"
                            | "not"
                            | "also"
                            | "then"
                            | "that"
                            | "which"
                    )
                    && !spoken_by.iter().any(|&(_, end)| end == k)
                {
                    k -= 1;
                    adj += 1;
                }
                let before_det = k;
                while k > 0 && is_determiner(norms[k - 1]) {
                    k -= 1;
                }
                // (a determiner opens the noun phrase: "smeared and
                // oppressed China" is two acts; without one, a plural noun
                // right after the verbal act is its object: "condemned
                // terrorist attacks in Tehran", "opposes unilateral
                // sanctions")
                // (not "supports the dialogue between Armenia and
                // Azerbaijan": its participants are named)
                let w = norms[tstart];
                // (not past a verb: "is considering putting sanctions on")
                let bare_plural = k == before_det
                    && w.len() > 3
                    && w.ends_with('s')
                    && !w.ends_with("ss")
                    && !norms[k..tstart].iter().any(|x| x.ends_with("ing"));
                // (or one adjective, before the act's noun or as the
                // pattern's first word, right after the verbal act:
                // "condemned military aggression against Syria", "condemned
                // terrorist attacks"; not after a modal or "to", nor after
                // "announced" or "declared": "announced military exercises"
                // are the announcer's)
                let adjective = |w: &str| {
                    ["al", "ic", "ist", "ary", "ive", "ous", "ian"]
                        .iter()
                        .any(|e| w.len() > 4 && w.ends_with(e))
                        // ("strongly condemned recent assault on female
                        // activists")
                        || lex.special.words.has(Words::CriticisedAdjectives, w)
                };
                let bare_phrase = k == before_det
                    && match adj {
                        0 => m.lits.len() >= 2 && adjective(norms[tstart]),
                        1 => adjective(norms[k]),
                        _ => false,
                    }
                    && k > 0
                    && !crate::mention::is_aux_core(norms[k - 1])
                    && !crate::mention::is_modal(norms[k - 1])
                    && !matches!(
                        norms[k - 1],
                        "to" | "announced"
                            | "announces"
                            | "announce"
                            | "announcing"
                            | "declared"
                            | "declares"
                            | "declare"
                            | "declaring"
                    );
                (k < before_det || bare_plural || bare_phrase)
                    && spoken_by.iter().any(|&(_, end)| end == k)
                    && !between
            };
            // "Trump said on Thursday that the brutal oppression of the
            // Venezuelan people must end": an act named by a noun that opens
            // what the subject says is not the sayer's (not after
            // "announced" or "declared": "Russia announced the withdrawal
            // of its troops" is Russia's own act)
            // (an act, not a judgment the words carry: "pointed out that the
            // recent wrong words of the US side" is the sayer's criticism;
            // not an act whose parties are named: "stressed that the
            // establishment of diplomatic relations between China and El
            // Salvador"; and only when the noun phrase is the subject of a
            // verb that follows: "said that the country welcomes Chinese
            // students" names no act by a noun)
            let said_before = tstart > 0
                && matches!(norms[tstart - 1], "said" | "says")
                && report_spots.iter().any(|&(_, end)| end == tstart);
            let reported_nominal = (nominal || said_before)
                && !matches!(&p.code[..2], "01" | "02" | "10" | "11" | "12")
                && !participants_named(norms, m)
                && (m.end..(m.end + 8).min(norms.len()))
                    .take_while(|&k| !matches!(norms[k], "," | ";" | "that" | "which"))
                    .any(|k| {
                        crate::mention::is_aux_core(norms[k]) || crate::mention::is_modal(norms[k])
                    })
                && cand.is_some_and(|(_, g)| {
                    report_spots.iter().any(|&(i, end)| {
                        g.toks.1 <= i
                            && end <= tstart
                            && !matches!(
                                norms[i],
                                "announced"
                                    | "announces"
                                    | "declared"
                                    | "declares"
                                    | "according"
                                    | "claimed"
                                    | "claims"
                            )
                            // "that", then the noun phrase's determiner and
                            // modifiers before the act (or a bare plural:
                            // "said that sanctions on the DPRK are"; not a
                            // gerund: "said that removing the sanctions on
                            // Burma is out of the question" is the sayer's)
                            // (or right after "says" without "that": "EU
                            // says military intervention in Venezuela must be
                            // avoided")
                            && (end.saturating_sub(1)..tstart.min(end + 4)).any(|t| {
                                let gap = &norms[t + 1..tstart];
                                let w = norms[tstart];
                                let said = t + 1 == end && matches!(norms[t], "said" | "says");
                                (norms[t] == "that" || said)
                                    && gap.len() <= 3
                                    && gap.first().map_or(
                                        (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
                                            || (said && !w.ends_with("ing") && !w.ends_with("ed")),
                                        // (not the sayer's own: "said their
                                        // attacks on US military base were
                                        // self-defense")
                                        |d| {
                                            is_determiner(d)
                                                && !(said
                                                    && matches!(
                                                        *d,
                                                        "their" | "its" | "our" | "his" | "her"
                                                    ))
                                        },
                                    )
                                    && gap.iter().skip(1).all(|w| {
                                        w.chars().all(|c| c.is_ascii_lowercase())
                                            && !w.ends_with("ed")
                                            && !crate::mention::is_aux_core(w)
                                            && !crate::mention::is_modal(w)
                                    })
                            })
                    })
                });
            // "strongly condemned recent raids, alleged assault and sexual
            // harassment of over 100 women": an act of force or coercion
            // in a list of nouns right after a criticism is criticised too,
            // not done ("condemns all forms of lawlessness, murder, looting
            // and oppression against the people of Afghanistan")
            let listed_force = matches!(&p.code[..2], "14" | "17" | "18" | "19" | "20")
                && tstart > 0
                // (a noun, or a gerund that is itself a list's item: not
                // the participle of "continue their aggressive actions,
                // obstructing the political process")
                && (!(norms[tstart].ends_with("ing") || norms[tstart].ends_with("ed"))
                    || matches!(norms.get(tstart + 1).copied(), Some("," | "and")))
                && {
                    let w = norms[tstart - 1];
                    is_determiner(w)
                        || matches!(w, "," | "and")
                        || lex.special.words.has(Words::CriticisedAdjectives, w)
                }
                && spoken_by
                    .iter()
                    .map(|&(_, end)| end)
                    .chain(criticised_from.iter().copied())
                    .any(|end| {
                        end < tstart
                            && tstart - end <= 10
                            && norms[end..tstart].contains(&",")
                            && (end..tstart).all(|i| {
                                let w = norms[i];
                                // (a gerund or participle as a list's item,
                                // before its comma or "and": "murder,
                                // looting and oppression")
                                let item = matches!(norms.get(i + 1).copied(), Some("," | "and"));
                                matches!(w, "," | "and")
                                    || is_determiner(w)
                                    || lex.special.words.has(Words::CriticisedAdjectives, w)
                                    || (w.bytes().all(|b| b.is_ascii_lowercase())
                                        && (item || (!w.ends_with("ed") && !w.ends_with("ing")))
                                        && !crate::mention::is_aux_core(w)
                                        && !crate::mention::is_modal(w)
                                        && !matches!(w, "to" | "that" | "which" | "but" | "or"))
                            })
                    });
            if said_of || object_of_spoken || reported_nominal || listed_force {
                skip!(
                    mi,
                    "no source: the act is the object of what the subject said".into()
                );
            }
            // "at a time when there is a military aggression in Europe": an
            // act said to exist has no doer before "there"
            let existential = {
                let k = modifiers_start(norms, tstart, &["there", "and", "or", "of"]);
                k >= 2
                    && is_be_form(norms[k - 1])
                    && (norms[k - 2] == "there"
                        || (k >= 3 && norms[k - 3] == "there" && norms[k - 2] == "has"))
            };
            // (a noun, not "there are US senators calling for"; not "there
            // was a phone call between": its participants are named)
            let existential = existential
                && !norms[tstart].ends_with("ing")
                && !norms[tstart].ends_with("ed")
                && !participants_named(norms, m);
            // "several journalists asked you about the travel restrictions
            // on mainland tourists": an act named as what is asked or
            // spoken about is no act of the clause's subject
            // (a noun right after the topic word and its determiners or
            // adjectives; not "about to visit", a verb, a doer named by an
            // adjective, a possessive, "by" or "between": "his visit to the
            // DPRK", "the US threat to levy tariffs", "these military drills
            // by the ROK", "the upcoming talks between the DPRK and the US")
            let topic = {
                let k = modifiers_start(norms, tstart, &["about", "regarding", "concerning"]);
                let w = norms[tstart];
                k > 0
                    && matches!(norms[k - 1], "about" | "regarding" | "concerning")
                    && tstart - k <= 3
                    && !w.ends_with("ing")
                    && !w.ends_with("ed")
                    && !lex.is_symmetric(&p.code)
                    && norms[k..tstart].iter().all(|x| {
                        !x.ends_with("ing")
                            && !crate::mention::PREPOSITIONS.contains(x)
                            && !matches!(
                                *x,
                                "to" | "and"
                                    | "or"
                                    | "whether"
                                    | "which"
                                    | "that"
                                    | "he"
                                    | "she"
                                    | "it"
                                    | "they"
                                    | "we"
                                    | "i"
                            )
                    })
                    && !doer_named(norms, groups, k, tstart, m.end)
                    && !norms[tstart..(m.end + 6).min(norms.len())].contains(&"between")
            };
            if topic && cand.is_some() {
                skip!(
                    mi,
                    "no source: an act named as the topic (\"asked about the ...\") is not the subject's"
                        .into()
                );
            }
            if existential && cand.is_some() {
                skip!(
                    mi,
                    "no source: an act said to exist (\"there is ...\") has no doer before it"
                        .into()
                );
            }
            // "condemned the terrorist attack on a church in Quetta which
            // killed nine people": a past verb right after a "which" or
            // "that" with no comma is done by the noun before it; when that
            // noun is no actor, the act has no doer the text names
            let relative_of_non_actor = tstart >= 2
                && matches!(norms[tstart - 1], "which" | "that")
                && norms[tstart - 2] != ","
                && norms[tstart].len() > 4
                && norms[tstart].ends_with("ed")
                // (a place after a preposition is no doer: "in Pakistan's
                // city of Quetta which killed")
                && !groups
                    .iter()
                    .any(|g| g.toks.1 == tstart - 1 && !g.object_like)
                // (the noun is a violent act or an incident, named shortly
                // before: not "Cuba was the first country that established
                // diplomatic relations", whose country is the subject)
                && norms[tstart.saturating_sub(20)..tstart - 1]
                    .iter()
                    .rev()
                    .take_while(|w| !matches!(**w, "," | ";" | ":" | "and" | "but"))
                    .any(|w| lex.special.words.has(Words::ViolentIncidents, w));
            if relative_of_non_actor && cand.is_some() {
                skip!(
                    mi,
                    "no source: the act's subject is the noun before \"which\"/\"that\", no actor"
                        .into()
                );
            }
            // "imposed sanctions on Belarusian officials over the crackdown
            // on protesters", "expelled 60 Russian diplomats over the
            // poisoning": an act named as the cause of another is done by
            // that other act's target, not by its subject
            let over_cause = {
                let k = modifiers_start(norms, tstart, &["over", "and", "or", "of", "to"]);
                // (not "from all over the world came to China")
                k > 0
                    && norms[k - 1] == "over"
                    && !(k >= 2 && norms[k - 2] == "all")
                    && cand.is_some()
            };
            // "sanctioned three Chinese companies for supplying Russia with
            // drone parts": a gerund after "for" is done by the one the act
            // before it was aimed at
            // (also the second of two joined gerunds, "for organizing and
            // hosting the Paris conference", and after the speaker's thanks,
            // whose subject is no named actor)
            let for_at = if tstart >= 3
                && norms[tstart - 1] == "and"
                && norms[tstart - 2].ends_with("ing")
                && norms[tstart - 3] == "for"
            {
                tstart - 2
            } else {
                tstart
            };
            let for_gerund = for_at > 0
                && norms[for_at - 1] == "for"
                && norms[tstart].len() > 5
                && norms[tstart].ends_with("ing")
                && (cand.is_some() || prev.is_some());
            let cause_doer = prev.as_ref().and_then(|(_, tg)| *tg).filter(|&tg| {
                over_cause
                    // (the one aimed at just before the "for")
                    || (for_gerund && groups[tg].toks.1 < for_at && for_at - groups[tg].toks.1 <= 6)
            });
            if over_cause && cause_doer.is_none() {
                skip!(
                    mi,
                    "no source: an act named as the cause (\"over the ...\") with no act before it to take its doer from"
                        .into()
                );
            }
            // "China welcomes the agreement, and all countries should
            // support Ukraine": a generic subject nearer the trigger than
            // the candidate is the clause's own, and names no doer
            let generic_from = cand.map_or(cs, |(_, g)| g.toks.1.max(cs));
            // (not an act whose parties are named: "promoting dialogue
            // between Myanmar and Bangladesh")
            let parties_named =
                between || matches!(norms.get(m.end).copied(), Some("between" | "among"));
            if cause_doer.is_none() && !parties_named {
                // "hosted the Ukraine Accountability Conference, at which 45
                // countries agreed on ...": a relative clause with its own
                // unnamed subject names no doer either
                if let Some(g) = relative_own_subject(lex, norms, generic_from, tstart) {
                    skip!(
                        mi,
                        format!(
                            "no source: the relative clause's own subject \"{}\" names no actor",
                            norms[g.0..g.1].join(" ")
                        )
                    );
                }
                // "those who fire rockets at innocent women and children",
                // "thank all those who have assisted the people of
                // Kiribati": the relative's antecedent names no one
                if let Some(k) = those_who(norms, generic_from, tstart) {
                    skip!(
                        mi,
                        format!("no source: \"{} who\" names no actor", norms[k])
                    );
                }
                if let Some(g) = generic_subject(lex, norms, generic_from, tstart) {
                    skip!(
                        mi,
                        format!(
                            "no source: the clause's subject \"{}\" is everyone in general",
                            norms[g.0..g.1].join(" ")
                        )
                    );
                }
            }
            // "Allow me to congratulate Mr. Korosi on his election as
            // President of the General Assembly and to thank the
            // Secretary-General": an infinitive after "and to" shares the
            // subject of the infinitive before it, past that one's objects
            let infinitive_shared = tstart >= 2
                && norms[tstart - 1] == "to"
                && matches!(norms[tstart - 2], "and" | "or")
                && prev.as_ref().is_some_and(|(srcs, _)| !srcs.is_empty())
                && prev_infinitive.is_some_and(|at| {
                    cand.is_none_or(|(_, g)| g.toks.0 > at && g.toks.1 <= tstart)
                });
            if let (true, Some((srcs, _))) = (infinitive_shared && cause_doer.is_none(), &prev) {
                sources = srcs.clone();
                why.add(|| "source: the subject of the infinitive before (\"and to ...\")".into());
            } else if let Some(tg) = cause_doer {
                source_group = Some(tg);
                why.add(|| {
                    "source: the target of the act before, which this act is the cause of (\"over the ...\", \"for V-ing\")"
                        .into()
                });
            } else if let Some((gi, _)) = cand {
                source_group = Some(gi);
                why.add(|| "source: nearest subject before the trigger".into());
                if let Some(h) = apposition_head(norms, groups, gi, tstart)
                    .filter(|&h| groups[h].toks.0 >= cs && !groups[h].object_like)
                {
                    source_group = Some(h);
                    why.add(|| {
                        "source: the actor before the apposition the nearest one stands in".into()
                    });
                }
            } else if let Some((srcs, _)) = &prev {
                // "We condemn the hegemonic policies that undermine ... and
                // that represent threats to Russia": a verb right after a
                // relative "that" after a plural noun has that noun as its
                // subject, not the subject of the verb before
                if let Some(at) = relative_after_noun(norms, &report_spots, cs, tstart) {
                    skip!(
                        mi,
                        format!(
                            "no source: the subject of the relative clause is \"{}\", no actor",
                            norms[at - 1]
                        )
                    );
                }
                sources = srcs.clone();
                why.add(|| {
                    "source: the same as the previous event of the sentence (coordinated verb)"
                        .into()
                });
            } else if let Some(pr) = first_person_subject(norms, groups, cs, fp_to)
                .filter(|_| !ctx.in_question && !ctx.speaker.is_empty())
                // "We know it kidnapped a Japanese girl": a pronoun nearer
                // the trigger is its subject
                .filter(|&pr| pronoun_before(norms, (pr + 1).min(tstart), tstart).is_none())
                // "we have seen peaceful protests bring change": what the
                // speaker saw is done by others
                .filter(|&pr| {
                    !norms[(pr + 1).min(tstart)..tstart].iter().any(|w| {
                        matches!(
                            *w,
                            "seen"
                                | "saw"
                                | "see"
                                | "witnessed"
                                | "watched"
                                | "watching"
                                | "witnessing"
                                | "noticed"
                                | "observed"
                        )
                    })
                })
                // "if we look at the US, an open fact is that the Patriot Act
                // passed after the September 11 terror attack requires ...":
                // an act named by a noun after "the" in a clause opened by
                // "that" or "which" after the "we" is not the speaker's
                // (the words between "the" and the act's noun are numbers,
                // capitalised words or adjectives; not "the Chinese
                // government lodged representations"; and no parties are
                // named: "the consultations between China and the US")
                .filter(|&pr| {
                    let modifier = |w: &str| {
                        w.chars().all(|c| c.is_ascii_digit())
                            || ["al", "ic", "ist", "ary", "ive", "ous", "ian", "ent", "ant"]
                                .iter()
                                .any(|e| w.len() > 4 && w.ends_with(e))
                    };
                    let det = (tstart.saturating_sub(3)..tstart)
                        .rev()
                        .take_while(|&k| {
                            modifier(norms[k])
                                || text[toks[k].span].starts_with(|c: char| c.is_ascii_uppercase())
                                || matches!(norms[k], "the" | "a" | "an")
                        })
                        .any(|k| matches!(norms[k], "the" | "a" | "an"))
                        && !groups
                            .iter()
                            .any(|g| g.toks.0 < tstart && g.toks.1 > tstart.saturating_sub(3))
                        && !participants_named(norms, m);
                    !(det
                        && norms[(pr + 1).min(tstart)..tstart]
                            .iter()
                            .any(|w| matches!(*w, "that" | "which")))
                })
            {
                for sp in &ctx.speaker {
                    let mut a = sp.clone();
                    a.span = toks[pr].span;
                    sources.push(a);
                }
                why.add(|| {
                    format!(
                        "source: \"{}\" is the speaker of the document",
                        &text[toks[pr].span]
                    )
                });
            } else if let Some(pr) = first_person_subject(norms, groups, cs, tstart).filter(|_| {
                !ctx.in_question
                    && ctx.speaker.is_empty()
                    && pair_in_view(ctx, nps, groups)
                    // "we" speaks for two states, never for two regions
                    // ("Africa" and "the Horn of Africa")
                    && ctx.pair.as_ref().is_some_and(|(a, b)| {
                        !lex.regions.contains(a.as_str()) && !lex.regions.contains(b.as_str())
                    })
            }) {
                // an article with no named speaker that speaks of both
                // countries ("between the two countries, we will ..."):
                // "we" speaks for the pair
                if let Some((a, b)) = &ctx.pair {
                    for c in [a, b] {
                        sources.push(ActorRef {
                            country: lex.country_of(c).or(Some(c.clone())),
                            code: c.clone(),
                            span: toks[pr].span,
                            via: format!(
                                "\"{}\" -> the document's pair {a}–{b} (no named speaker; the pair is in view)",
                                &text[toks[pr].span]
                            )
                            .into(),
                        });
                    }
                }
                why.add(|| "source: \"we\" is the document's pair".into());
            } else if let Some(pr) = pronoun_before(norms, cs, tstart)
                // "They are radical, violent activities that severely
                // undermine ...": the relative clause has its own subject
                .filter(|&pr| {
                    !norms[pr + 1..tstart]
                        .iter()
                        .any(|w| matches!(*w, "that" | "which"))
                })
            {
                let plural = matches!(norms[pr], "they" | "we");
                let n = if plural { usize::MAX } else { 1 };
                for last in ctx.last_subject.iter().take(n) {
                    sources.push(pronoun_ref(last, text, toks[pr].span));
                }
                if !sources.is_empty() {
                    why.add(|| "source: pronoun resolved to the last subject".into());
                }
            } else {
                // "In his phone conversation with Putin, Xi stated ...": the
                // subject comes after an introductory phrase and a comma.
                let tg = m.target_np.and_then(group_of);
                let after = groups
                    .iter()
                    .enumerate()
                    .find(|(gi, g)| g.toks.0 >= m.end && !g.object_like && Some(*gi) != tg);
                if let Some((gi, g)) = after {
                    // "on behalf of the Caribbean, I thank India": the
                    // pronoun is the subject, the actor after it the object
                    // (nor after the speaker's own noun of the act: "My deep
                    // gratitude goes to France, Germany, Romania")
                    let pronoun = norms[m.end..g.toks.0]
                        .iter()
                        .any(|w| matches!(*w, "i" | "we" | "he" | "she" | "they" | "it"))
                        || (tstart.saturating_sub(3).max(cs)..tstart)
                            .any(|i| matches!(norms[i], "my" | "our"));
                    // "Tomorrow we will meet with the African Union, United
                    // Nations agencies, ...": a pronoun before the trigger is
                    // its clause's subject, so what follows the comma is no
                    // subject after an introductory phrase
                    let own_subject = (cs..tstart).any(|i| {
                        matches!(norms[i], "i" | "we" | "he" | "she" | "they")
                            && tstart - i <= 4
                            && !norms[i + 1..tstart]
                                .iter()
                                .any(|w| matches!(*w, "," | "that" | "which" | "who"))
                    });
                    // (not past a coordinated clause: in "that man from
                    // Brazil gave help to ..., and was aiding the people of
                    // Iraq" the people of Iraq are aided, not the subject)
                    // (a list goes on: "the joint exercise X, Joint Sea
                    // 2021, and the third joint patrol has demonstrated")
                    let coordinated = norms[m.end..g.toks.0].windows(3).any(|w| {
                        w[0] == ","
                            && matches!(w[1], "and" | "but" | "or")
                            && (matches!(
                                w[2],
                                "was"
                                    | "were"
                                    | "is"
                                    | "are"
                                    | "has"
                                    | "have"
                                    | "had"
                                    | "will"
                                    | "would"
                                    | "can"
                                    | "could"
                                    | "did"
                                    | "also"
                            ) || w[2].ends_with("ed"))
                    });
                    // (the phrase before the comma has no verb of its own,
                    // and the subject opens the words after a comma: in "A
                    // suicide bomber have carried out attacks on Iran's
                    // parliament, state media said, with at least two
                    // people reported killed" the bomber is the subject)
                    let first_comma = (m.end..g.toks.0).find(|&i| norms[i] == ",");
                    let phrase_verbless = first_comma.is_some_and(|c| {
                        !norms[m.end..c]
                            .iter()
                            .any(|w| crate::mention::is_aux_core(w) || is_modal(w))
                    });
                    let opens_after_comma = (m.end..g.toks.0)
                        .rev()
                        .find(|&i| norms[i] == ",")
                        .is_some_and(|c| {
                            norms[c + 1..g.toks.0].iter().all(|w| {
                                crate::mention::is_determiner(w)
                                    || crate::mention::is_modifier(w)
                                    || !matches!(
                                        *w,
                                        "with" | "at" | "least" | "than" | "about" | "over"
                                    )
                            })
                        });
                    if first_comma.is_some()
                        && phrase_verbless
                        && opens_after_comma
                        && !pronoun
                        && !own_subject
                        && !coordinated
                    {
                        source_group = Some(gi);
                        why.add(|| "source: the subject after the introductory phrase".into());
                    }
                }
                // "The missiles fired by the Israeli military struck an arms
                // depot": the agent of the subject's participle acts
                if source_group.is_none() {
                    if let Some((gi, _)) = groups.iter().enumerate().rev().find(|(_, g)| {
                        let k = determiners_start(norms, g.toks.0);
                        g.toks.1 <= tstart
                            && g.toks.0 >= cs
                            && k >= 2
                            && norms[k - 1] == "by"
                            && norms[k - 2].ends_with("ed")
                            && tstart - g.toks.1 <= 3
                            && !norms[g.toks.1..tstart]
                                .iter()
                                .any(|w| TARGET_BARRIERS.contains(w))
                    }) {
                        source_group = Some(gi);
                        why.add(|| "source: the agent (\"by\") of the subject's participle".into());
                    }
                }
            }
        }
        if let Some(gi) = source_group {
            sources = expand(coder, &groups[gi], nps, text, ctx);
        }
        // "negotiations between Egypt, Ethiopia and Sudan": the actors after
        // "between" are the participants, acting on each other
        let mut participants = false;
        // (also right after the match: "the peace talks between Syria and
        // Israel", where "peace talks" is the stronger match)
        let between_at = m
            .lits
            .last()
            .filter(|&&l| matches!(norms[l], "between" | "among"))
            .copied()
            .or_else(|| {
                // (not when the talks are what a demand, a refusal or a cut
                // is about: "the US canceled the trade meeting between the
                // US and Chinese officials" is the US's act)
                let about = matches!(&p.code[..2], "10" | "11" | "12" | "13" | "16");
                (!about
                    && m.lits.last().is_some_and(|&l| l + 1 == m.end)
                    && matches!(norms.get(m.end).copied(), Some("between" | "among")))
                .then_some(m.end)
            });
        let talk_lits = if between_at.is_some_and(|b| m.lits.last() == Some(&b)) {
            &m.lits[..m.lits.len() - 1]
        } else {
            &m.lits[..]
        };
        let talks_between = between_at.is_some()
            && talk_lits.iter().any(|&l| {
                matches!(
                    norms[l],
                    "talks"
                        | "negotiations"
                        | "negotiation"
                        | "meeting"
                        | "meetings"
                        | "consultations"
                        | "consultation"
                        | "dialogue"
                        | "summit"
                        | "call"
                        | "conversation"
                        | "war"
                        | "fighting"
                        | "clashes"
                        | "fire"
                        | "gunfire"
                )
            });
        // (also over the clause's subject: in "X launched an attack after an
        // exchange of fire between A and B" the exchange is A's and B's)
        if talks_between {
            let after = between_at.unwrap_or(0) + 1;
            // the list after "between": one group ("China and Russia"), or
            // groups joined by commas and "and" ("between the Afghan
            // government, the Taliban and other parties")
            let mut list: Vec<&Group> = Vec::new();
            let mut from = after;
            for g in groups.iter().filter(|g| g.toks.0 >= after) {
                let joined = g.toks.0 >= from
                    && g.toks.0 <= from + 2
                    && norms[from..g.toks.0]
                        .iter()
                        .all(|w| matches!(*w, "," | "and" | "the" | "other" | "its" | "their"));
                if !joined {
                    break;
                }
                list.push(g);
                from = g.toks.1;
            }
            let n: usize = list.iter().map(|g| g.members.len()).sum();
            let recip = list
                .iter()
                .any(|g| g.members.iter().any(|&n| nps[n].reciprocal));
            if n >= 2 || recip {
                sources = list
                    .iter()
                    .flat_map(|g| expand(coder, g, nps, text, ctx))
                    .collect();
                participants = true;
                why.add(|| "source: the participants after \"between\"".into());
            } else if norms[after..(after + 6).min(norms.len())].contains(&"and") && {
                // (only when the words after "between", up to the clause's
                // end, name fewer than two actors: "the meeting between
                // General Secretary Xi Jinping and Chairman Kim Jong Un" is
                // left to the other rules)
                let stop = (after..(after + 12).min(norms.len()))
                    .find(|&k| matches!(norms[k], "," | ";" | "." | "which" | "that" | "who"))
                    .unwrap_or((after + 12).min(norms.len()));
                let named: usize = groups
                    .iter()
                    .filter(|g| g.toks.0 >= after && g.toks.0 < stop)
                    .map(|g| g.members.len())
                    .sum();
                // ("a summit between President Xi and himself")
                named < 2
                    && !norms[after..stop]
                        .iter()
                        .any(|w| matches!(*w, "himself" | "herself" | "itself" | "themselves"))
            } {
                // "after deadly clashes between Hindu and Muslim gangs": the
                // parties are named, though not as two actors; the clause's
                // subject is none of them
                skip!(
                    mi,
                    "no pair: the parties after \"between\" are not two actors, and the subject is none of them".into()
                );
            }
        }
        // in a statement or an answer, a verdict with no subject is the
        // speaker's ("It is ridiculous for the UK to ...")
        let verdict = matches!(&p.code[..2], "10" | "11" | "12" | "05" | "01");
        if sources.is_empty() && verdict && !ctx.in_question && m.target_np.is_some() {
            for sp in &ctx.speaker {
                let mut a = sp.clone();
                a.span = toks[tstart].span;
                sources.push(a);
            }
            if !sources.is_empty() {
                why.add(|| {
                    "source: the speaker of the document (a verdict with no subject)".into()
                });
            }
        }
        if p.speaker {
            // what the document's speaker says of an actor: the speaker
            // criticises (or praises) the actor the words name
            if let Some(e) = speaker_event(
                coder,
                doc,
                idx,
                span,
                toks,
                norms,
                ids,
                &report_spots,
                groups,
                nps,
                m,
                tstart,
                &sources,
                ctx,
                why,
            ) {
                out.extend(e);
                // ("The US side must immediately stop arms sales to Taiwan":
                // the acts the speaker's demand asks of the actor it names
                // are not done, as after an appeal)
                if matches!(&p.code[..2], "02" | "10") {
                    if let Some(g) = m
                        .target_np
                        .and_then(|np| groups.iter().position(|g| g.members.contains(&np)))
                    {
                        prev = Some((Vec::new(), Some(g)));
                    }
                }
                continue;
            }
            skip!(
                mi,
                "the speaker's words (@speaker): no named speaker, a question, or another's report"
                    .into()
            );
        }
        // "the start of which was agreed at a Russia-United States summit":
        // a symmetric act with no subject is between the two of a hyphened
        // pair in or after its words
        if sources.is_empty() && m.target_np.is_none() && lex.is_symmetric(&p.code) {
            let at_trigger = hyphen_pair(norms, nps, tstart.saturating_sub(3))
                .filter(|&(a, _)| nps[a].toks.0 <= m.end + 3)
                .and_then(|pair| pair_refs(nps, text, pair));
            if let Some(pair) = at_trigger {
                sources = pair;
                participants = true;
                why.add(|| "source: the two of the hyphened pair at the trigger".into());
            }
        }
        // "A roadside bombing near the town of Samarra killed one U.S.
        // soldier": violence with no doer named, at a named place
        let mut unknown_active = false;
        if sources.is_empty() && m.target_np.is_none() && matches!(&p.code[..2], "18" | "19" | "20")
        {
            if let Some(a) = unknown_attackers(lex, groups, nps, norms, text, tstart) {
                why.add(|| format!("source: {}", a.via));
                sources.push(a);
                unknown_active = true;
            }
        }
        // "Hundreds of Palestinians protested in Hebron": a pattern that
        // opens with a crowd's count holds the crowd's people in its words
        if sources.is_empty()
            && lex.special.words.has(Words::CountOf, norms[tstart])
            && m.lits.len() >= 2
        {
            let last = *m.lits.last().unwrap_or(&tstart);
            if let Some(gi) = groups
                .iter()
                .position(|g| g.toks.0 > tstart && g.toks.1 <= last)
            {
                sources = expand(coder, &groups[gi], nps, text, ctx);
                source_group = Some(gi);
                if !sources.is_empty() {
                    why.add(|| "source: the people the crowd's count names".into());
                }
            }
        }
        // "Thousands of people protested in Tbilisi against a bill": a
        // crowd with no country that protests at a named place is that
        // place's people
        if sources.is_empty()
            && p.code.starts_with("14")
            && (cs..tstart)
                .any(|i| norms[i] == "people" || lex.special.words.has(Words::CountOf, norms[i]))
        {
            let place = groups.iter().find(|g| {
                g.toks.0 > tstart
                    && g.toks.0 <= m.end.max(tstart) + 6
                    && g.members.len() == 1
                    && is_place(g, nps, norms)
            });
            if let Some(c) = place.and_then(|g| nps[g.members[0]].country.clone()) {
                let span = toks[tstart].span;
                sources.push(ActorRef {
                    code: SharedStr::concat(&[&c, "CVL"]),
                    country: Some(c.clone()),
                    span,
                    via: format!("the crowd at a place of {c} ({c}CVL)").into(),
                });
                why.add(|| "source: the people of the place where the crowd protests".into());
            }
        }
        if sources.is_empty() {
            skip!(
                mi,
                why_last(
                    &why,
                    "no source: no actor before the trigger can be its subject"
                )
            );
        }
        // "Armenia's foreign ministry said Baku had launched an aggression
        // ... and called on Russian peacekeepers to stop it": a verbal act
        // coordinated after a reported clause is the reporter's, not the
        // reported subject's
        if tstart > 0
            && norms[tstart - 1] == "and"
            && matches!(&p.code[..2], "01" | "02" | "05" | "10" | "11")
        {
            // (only after a backshifted act, "said Baku had launched ...":
            // "said that China supports Iran and opposes ..." keeps both
            // acts China's)
            let backshifted = |e: &Event| {
                let from = toks.iter().position(|t| t.span.start >= e.source.span.end);
                let to = toks.iter().position(|t| t.span.start >= e.trigger.start);
                match (from, to) {
                    (Some(a), Some(b)) if a < b => {
                        norms[a..b].iter().any(|w| matches!(*w, "had" | "would"))
                    }
                    _ => false,
                }
            };
            if let Some(last) = out.last().filter(|e| backshifted(e)) {
                if let Some(r) = &last.reported_by {
                    let same = sources.iter().all(|s| s.code == last.source.code);
                    if same && r.span.end <= last.source.span.start {
                        sources = vec![r.clone()];
                        source_group = None;
                        why.add(|| {
                            format!(
                                "source: {} (\"{}\"), who reported the act before it: a verbal act coordinated after a report is the reporter's",
                                r.code,
                                &text[r.span]
                            )
                        });
                    }
                }
            }
        }
        // --- target ---
        // "the joint statement issued by the DPRK and the ROK": an {S}
        // after "by" with no form of "be" is the maker of a thing named,
        // not the agent of a passive whose subject is acted upon
        let by_noun = m.source_np.is_some()
            && matches!(
                norms[tstart],
                "statement"
                    | "statements"
                    | "declaration"
                    | "communique"
                    | "joint"
                    | "report"
                    | "resolution"
                    | "proposal"
                    | "letter"
                    | "message"
            )
            && !m.lits.iter().chain(tstart.checked_sub(1).iter()).any(|&l| {
                matches!(
                    norms[l],
                    "is" | "are" | "was" | "were" | "be" | "been" | "being" | "get" | "got"
                )
            });
        let mut target_group = None;
        // a joint subject's symmetric act whose object is "the two
        // countries" / "each other": between the subjects
        let mut joint_reciprocal = false;
        // the target is the main clause's subject, which stays free to be
        // the subject of its own verb
        let mut intro_subject = false;
        // "the Declaration that Eritrea and Ethiopia signed": an {S} opening
        // a relative clause is its subject, and no one is acted upon
        let relative_subject = m.source_np.is_some_and(|np| {
            let k = determiners_start(norms, nps[np].toks.0);
            k > 0 && matches!(norms[k - 1], "that" | "which")
        });
        if participants {
            // the participants pair up among themselves below
        } else if let Some(np) = m.target_np {
            target_group = group_of(np);
            why.add(|| "target: the {T} slot of the pattern".into());
        } else if relative_subject {
            why.add(|| "target: none (the {S} is the subject of a relative clause)".into());
        } else if ((m.source_np.is_some() && !by_noun)
            || passive_agent.is_some()
            || unknown_passive)
            && !doer_only(p)
        {
            // a passive ("Japan was criticized by Russia"): the subject before
            // the trigger is the one acted upon
            // the speaker of "X said eight people were killed by ..." is no
            // subject of the passive: a reporting verb between them ends
            // the search
            let reported_after =
                |end: usize| report_spots.iter().any(|&(i, e)| i >= end && e <= tstart);
            let subj = groups.iter().enumerate().rev().find(|(gi, g)| {
                g.toks.1 <= tstart
                    && g.toks.0 >= cs
                    && !g.object_like
                    && Some(*gi) != source_group
                    && !reported_after(g.toks.1)
            });
            // "A camp for Congolese refugees was attacked by ...": the actor
            // inside the passive's subject is the one acted upon
            let inside = groups.iter().enumerate().rev().find(|(gi, g)| {
                g.toks.1 <= tstart
                    && g.toks.0 >= cs
                    && Some(*gi) != source_group
                    && tstart - g.toks.1 <= 3
                    && !norms[g.toks.1..tstart]
                        .iter()
                        .any(|w| TARGET_BARRIERS.contains(w))
            });
            if let Some((gi, _)) = subj {
                target_group = Some(gi);
                why.add(|| "target: the subject of the passive".into());
            } else if let Some((gi, _)) = inside {
                target_group = Some(gi);
                why.add(|| "target: the actor inside the subject of the passive".into());
            } else if let Some((gi, _)) = groups.iter().enumerate().find(|(gi, g)| {
                // "At the invitation of Xi, Putin will come ...": the
                // subject after the introductory phrase and its comma
                g.toks.0 >= m.end
                    && !g.object_like
                    && Some(*gi) != source_group
                    && norms[m.end..g.toks.0].contains(&",")
                    && !norms[m.end..g.toks.0].iter().any(|w| BARRIERS.contains(w))
            }) {
                target_group = Some(gi);
                intro_subject = true;
                why.add(|| "target: the subject after the introductory phrase".into());
            }
        } else if p.elems.contains(&Elem::NoTarget) {
            why.add(|| "target: none after the trigger ({-}: what follows is a topic)".into());
        } else if let Some(np) = m
            .inner_np
            .filter(|_| !p.elems.contains(&dyad_lexicon::Elem::Target))
            // (not the crowd that is the source: "Thousands of students
            // marched")
            .filter(|&np| source_group.is_none() || group_of(np) != source_group)
        {
            target_group = group_of(np);
            why.add(|| "target: the actor inside the matched words".into());
        } else if let Some(np) = m
            .lits
            .last()
            .and_then(|&l| nps.iter().position(|n| n.toks.0 <= l && l < n.toks.1))
            .filter(|&np| Some(np) != m.source_np && nps[np].toks.0 > tstart)
            // only where the words name the ones acted upon (released,
            // arrested, banned, attacked, given refuge), not what is given
            // or moved ("allow
            // humanitarian workers", "withdraw its troops")
            .filter(|&np| {
                p.code.starts_with("0841")
                    // refugees named by their country ("Iraqi refugees"),
                    // not ones whose country is only guessed
                    || (p.code.starts_with("075") && !nps[np].defaulted)
                    || matches!(&p.code[..2], "11" | "16" | "17" | "18" | "19" | "20")
                    // the head noun of a longer actor ("threatened to ban
                    // Ugandan opposition candidates"), unless the act moves
                    // the forces it names ("deployment of NATO peacekeeping
                    // troops", "withdraw Russian troops")
                    || (nps[np].toks.1 - nps[np].toks.0 >= 2
                        && !p.code.starts_with("15")
                        && !p.code.starts_with("087")
                        && !p.code.starts_with("07")
                        && !p.code.starts_with("086"))
            })
            .filter(|&np| {
                let k = nps[np].toks.0;
                !(k > 0 && matches!(norms[k - 1], "its" | "their" | "his" | "her" | "our"))
            })
            .filter(|_| !p.elems.contains(&dyad_lexicon::Elem::Target))
            .filter(|&np| group_of(np).is_some_and(|g| Some(g) != source_group))
        {
            // "Venezuela releases dozens of political activists", "banned
            // opposition parties": the pattern's last word names the ones
            // acted upon, an actor of its own
            target_group = group_of(np);
            why.add(|| "target: the actor the pattern's last word names".into());
        } else if !p.elems.contains(&dyad_lexicon::Elem::Target) {
            let end = m.end;
            // "have sent emergency supplies and personnel such as doctors to
            // Nepal": a noun of people whose country is only guessed is not
            // the object when a named recipient follows in the clause (after
            // "to", "for" or "with"; not a place: "attacked a military base
            // in Borno")
            let guessed_before_named = |g: &Group| {
                g.members.iter().all(|&n| nps[n].defaulted)
                    && groups.iter().any(|h| {
                        h.toks.0 >= g.toks.1
                            && h.toks.0 <= end + 12
                            && h.toks.0 > 0
                            && matches!(norms[h.toks.0 - 1], "to" | "for" | "with")
                            && h.members
                                .iter()
                                .any(|&n| !nps[n].defaulted && nps[n].code.is_some())
                            && !(g.toks.1..h.toks.0).any(|k| TARGET_BARRIERS.contains(&norms[k]))
                    })
            };
            // "launched a military operation, Operation Rah-e-Nijat, against
            // militants": the commas around a name in apposition to the
            // act's noun do not end its clause
            // (and so do those around a short adverbial right after the
            // act: "I would like to thank, once again, the Governments of")
            let named_apposition = (norms.get(end) == Some(&",")).then(|| {
                (end + 2..(end + 8).min(norms.len()))
                    .find(|&k| norms[k] == ",")
                    .filter(|&k| {
                        // (a hyphened name's lower-case inner word too:
                        // "Rah-e-Nijat")
                        let name = (end + 1..k).all(|i| {
                            let w = &text[toks[i].span.start..toks[i].span.end];
                            w == "-"
                                || norms[i - 1] == "-"
                                || w.starts_with(|c: char| c.is_uppercase())
                        });
                        let adverbial = k - end <= 4
                            && norms[end + 1..k].iter().all(|w| {
                                (w.len() > 4 && w.ends_with("ly"))
                                    || matches!(
                                        *w,
                                        "once"
                                            | "again"
                                            | "also"
                                            | "therefore"
                                            | "moreover"
                                            | "furthermore"
                                            | "indeed"
                                            | "too"
                                            | "first"
                                            | "above"
                                            | "all"
                                            | "in"
                                            | "particular"
                                            | "more"
                                            | "most"
                                            | "of"
                                            | "course"
                                            | "today"
                                            | "here"
                                    )
                            });
                        // (the object resumes after it: a determiner or a
                        // name, not "subsequently, it was stayed", not a
                        // second adverbial "multilaterally, bilaterally")
                        let resumes = k + 1 < norms.len()
                            && (is_determiner(norms[k + 1])
                                || text[toks[k + 1].span.start..toks[k + 1].span.end]
                                    .starts_with(|c: char| c.is_uppercase()));
                        name || (adverbial && resumes)
                    })
            });
            let named_apposition = named_apposition.flatten();
            // "the military aggression launched by Russia, a great Power,
            // against its neighbour Ukraine": so do the commas around an
            // apposition to the doer named after the act
            let doer_apposition = source_group.and_then(|sg| {
                let e = groups[sg].toks.1;
                (e >= end
                    && norms.get(e) == Some(&",")
                    && norms.get(e + 1).is_some_and(|w| is_determiner(w)))
                .then(|| {
                    (e + 2..(e + 8).min(norms.len()))
                        .find(|&k| norms[k] == ",")
                        .filter(|&k| {
                            !norms[e + 1..k].iter().any(|w| {
                                crate::mention::is_aux_core(w)
                                    || crate::mention::is_modal(w)
                                    || TARGET_BARRIERS.contains(w)
                            })
                        })
                        .map(|k| (e, k))
                })
                .flatten()
            });
            // "deported children, most of whom spent their lives here, to
            // Georgia and Armenia": a relative clause between commas right
            // after the act is an aside; the object comes after it
            // (one that names no actor: "prosecuted Michael Spavor, who is of
            // Canadian citizenship, in the court" tells whom)
            let aside = relative_aside(norms, end)
                .filter(|&(a, c)| !groups.iter().any(|g| g.toks.0 > a && g.toks.0 < c));
            let apposition_comma = |k: usize| {
                named_apposition.is_some_and(|c| k == end || k == c)
                    || doer_apposition.is_some_and(|(a, c)| k == a || k == c)
                    || aside.is_some_and(|(a, c)| a <= k && k <= c)
            };
            let reach = end + 12 + aside.map_or(0, |(a, c)| c - a);
            // "Colombia is ready to contribute troops to the NATO-led force":
            // in a cooperative act the source's own forces, their country
            // only guessed, are what it sends, not whom the act is aimed at
            // (an attack on "an army base" is aimed at the army)
            let src_country = sources.first().and_then(|s| s.country.clone());
            let own_forces = |g: &Group| {
                matches!(&p.code[..2], "03" | "05" | "06" | "07" | "08")
                    && src_country.is_some()
                    && g.members.iter().all(|&n| {
                        nps[n].defaulted
                            && nps[n].country == src_country
                            && nps[n].code.as_deref().is_some_and(|c| c.ends_with("MIL"))
                    })
            };
            let cand = groups.iter().enumerate().find(|(gi, g)| {
                g.toks.0 >= end
                    && g.toks.0 <= reach
                    && !own_forces(g)
                    // (a unilateral ceasefire is aimed at no one: "declared
                    // a unilateral ceasefire effective from Sunday in
                    // Somalia" names where, not with whom)
                    && !(unilateral_ceasefire(p, norms, m) && is_place(g, nps, norms))
                    && aside.is_none_or(|(a, c)| g.toks.0 < a || g.toks.0 > c)
                    && !guessed_before_named(g)
                    && named_apposition.is_none_or(|k| g.toks.0 > k)
                    // "remain in contact on implementing the consensus reached
                    // by their leaders": the agent of a participle, people of
                    // someone already named whose country is only guessed,
                    // is not the object (unlike "used chemical weapons
                    // against its people")
                    && !(g.toks.0 > 1
                        && matches!(norms[g.toks.0 - 1], "their" | "its")
                        && norms[g.toks.0 - 2] == "by"
                        && g.members.iter().all(|&n| nps[n].defaulted))
                    && Some(*gi) != source_group
                    // ("carried out a raid earlier in the day, targeting
                    // Islamic State commanders": the comma before
                    // "targeting" leads on to the one attacked)
                    && !(end..g.toks.0).any(|k| {
                        TARGET_BARRIERS.contains(&norms[k])
                            && !apposition_comma(k)
                            && !(norms[k] == ","
                                && matches!(&p.code[..2], "18" | "19" | "20")
                                && norms.get(k + 1) == Some(&"targeting"))
                            // "We urge the relevant parties, the US side in
                            // particular, to ...", "all sides, especially
                            // Israel": the one singled out after the comma
                            && !(norms[k] == ","
                                && (matches!(
                                    norms.get(k + 1).copied(),
                                    // (and the examples of a plural the act
                                    // is aimed at: "welcome the mediation
                                    // efforts of international organizations,
                                    // including the United Nations")
                                    Some("especially" | "particularly" | "notably" | "including")
                                ) && !matches!(
                                    norms.get(k + 2).copied(),
                                    Some("from" | "in" | "for" | "at" | "on")
                                )
                                    || (norms.get(g.toks.1) == Some(&"in")
                                    && norms.get(g.toks.1 + 1) == Some(&"particular"))))
                            // "We thank our immediate neighbours, India and
                            // China, ...": the actors named in apposition to a
                            // relational noun are the object
                            // (not the parties after "between": "dialogue
                            // between our two brotherly countries, Morocco and
                            // Algeria" is theirs, not the speaker's with them)
                            && !(norms[k] == ","
                                && k > end
                                && k + 1 == determiners_start(norms, g.toks.0)
                                && lex.special.words.has(Words::RelationalNouns, norms[k - 1])
                                && !matches!(norms[end - 1], "between" | "among"))
                    })
                    && !after_topic_preposition(lex, norms, g.toks.0)
                    // "oppose the gross interference in Hong Kong affairs
                    // by relevant countries": disapproval of an
                    // interference named after it is not aimed at where
                    // it interferes
                    && !(p.code.starts_with("11") && interfered_in(norms, g.toks.0, end))
                    // "strongly condemns the terrorist attack in Nairobi,
                    // Kenya", "condemn the missile attacks on Israel": a
                    // criticism of an attack its doer is not named for is
                    // not aimed at where or whom it struck
                    && !(p.code.starts_with("11")
                        && criticised_incident(lex, norms, groups, g.toks.0, end))
                    // "agreed on Friday to restore relations in a deal
                    // brokered by China": the agent of a later participle is
                    // not what the earlier act is aimed at
                    // (a cooperative act, past a prepositional phrase: not
                    // "condemned the war crimes committed by Russia", aimed at
                    // their doer; not "attacked targets in areas controlled
                    // by the army"; nor praise: "we welcome the deal mediated
                    // by the Secretary-General and Türkiye" praises them)
                    && !(matches!(&p.code[..2], "03" | "04" | "05" | "06" | "07" | "08")
                        && !p.code.starts_with("051")
                        && {
                        let d = determiners_start(norms, g.toks.0);
                        d >= 2
                            && d - 2 >= end
                            && norms[d - 1] == "by"
                            && norms[d - 2].ends_with("ed")
                            // (or a go-between's participle: "agreed to a
                            // 72-hour ceasefire brokered by the United States")
                            && (lex.special.words.has(Words::GoBetween, norms[d - 2])
                                || norms[(d - 2).saturating_sub(4).max(end)..d - 2].iter().any(|w| {
                                matches!(*w, "in" | "under" | "through" | "during" | "within" | "at")
                            }))
                    })
                    // "launched war games in the Mediterranean", "held talks
                    // in Moscow": where a joint act is done is its venue
                    && !(lex.is_symmetric(&p.code) && is_place(g, nps, norms))
                    // "held a meeting on the sidelines of the G20 Summit":
                    // the gathering is the occasion, not a party
                    && !(p.code.starts_with("04") && names_occasion(g, norms))
                    // "issued a statement calling on the Greek government
                    // to ...": the slot of a later act is that act's, and
                    // so is every actor after it ("calling on the U.N.
                    // Security Council to apply pressure to Ortega's
                    // government")
                    && !(p.code == "010" && matches.iter().any(|o| {
                        o.kept
                            && o.start > m.start
                            && (o.start < g.toks.0
                                || o.target_np.is_some_and(|t| group_of(t) == Some(*gi)))
                    }))
                    // "surrendered last week ... following a government
                    // offensive": one surrenders or resigns *to* someone
                    && !(intransitive(lex, norms, m) && (end >= norms.len() || norms[end] != "to"))
                    // the place of unnamed attackers is theirs, not the attacked
                    && !(unknown_active && is_named_place(lex, g, nps, norms))
            });
            // "Britain and the United States signed an agreement ... between
            // the two countries": a joint subject's symmetric act is between
            // its members, whom a later "the two countries" only names again
            let two_named = source_group.is_some_and(|sg| {
                let m = &groups[sg].members;
                m.iter().any(|&a| {
                    m.iter().any(|&b| {
                        !nps[a].defaulted
                            && !nps[b].defaulted
                            && nps[a].country.is_some()
                            && nps[b].country.is_some()
                            && nps[a].country != nps[b].country
                    })
                })
            });
            // (nor is an actor after "of", "on", "in" or "at" a party to it:
            // "China and Africa will hold a summit and the ministerial
            // meeting of the Forum on China-Africa Cooperation", "Arab
            // countries and Israel will end their disputes through
            // negotiations on the basis of United Nations resolutions")
            let no_party = |g: &Group| {
                let k = modifiers_start(norms, g.toks.0, crate::mention::PREPOSITIONS);
                k > 0
                    && matches!(
                        norms[k - 1],
                        "of" | "on"
                            | "in"
                            | "at"
                            | "under"
                            | "within"
                            | "through"
                            | "during"
                            | "from"
                            | "near"
                            | "along"
                            | "off"
                            | "across"
                            | "by"
                    )
            };
            // "We deplore the continued occupation of the Syrian Golan by
            // Israel": disapproval of an act named right after it, whose
            // pattern names its doer, is aimed at that doer (not at the
            // first actor, the one the act was done to)
            let disapproved_doer = matches!(&p.code[..2], "11" | "12")
                .then(|| {
                    matches.iter().find(|o| {
                        o.kept
                            && o.start >= end
                            && o.start <= end + 4
                            && o.source_np.is_some()
                            && norms[end..o.start].iter().all(|w| {
                                is_determiner(w)
                                    || (w.bytes().all(|b| b.is_ascii_lowercase())
                                        && !crate::mention::PREPOSITIONS.contains(w)
                                        && !matches!(*w, "and" | "or" | "to" | "that"))
                            })
                    })
                })
                .flatten()
                .and_then(|o| o.source_np.and_then(group_of))
                .filter(|&g| Some(g) != source_group);
            // (and restoring or establishing relations or a ceasefire, whose
            // joint subjects agree on it with each other: "Saudi Arabia and
            // Iran agreed to restore relations in a deal brokered by China")
            if cand.is_some_and(|(_, g)| {
                (lex.is_symmetric(&p.code)
                    || p.code.starts_with("054")
                    // (a ceasefire only past its broker, not at its place:
                    // "Turkey and Russia announced a ceasefire in Idlib")
                    || (p.code.starts_with("0871") && {
                        let d = determiners_start(norms, g.toks.0);
                        d > 0 && norms[d - 1] == "by"
                    }))
                    && two_named
                    && (g.members.iter().all(|&n| nps[n].reciprocal) || no_party(g))
            }) {
                joint_reciprocal = true;
            } else if let Some(gi) = disapproved_doer {
                target_group = Some(gi);
                why.add(|| {
                    "target: the doer (its {S} slot) of the act disapproved of, named right after"
                        .into()
                });
            } else if let Some((gi, _)) = cand.filter(|&(gi, _)| {
                let cand_g_start = groups[gi].toks.0;
                !doer_only(p)
                    && object_pronoun_after(norms, end, true).is_none()
                    && unnamed_object_after(lex, norms, end).is_none_or(|k| cand_g_start <= k)
            }) {
                target_group = Some(gi);
                why.add(|| "target: first actor after the trigger in the clause".into());
            } else if let Some(gi) = object_pronoun(norms, groups, nps, tstart, end, source_group) {
                target_group = Some(gi);
                why.add(|| {
                    "target: the object pronoun after the trigger names the actors before it, past a comma or \"and\"".into()
                });
            } else if let Some(gi) = victim_named(lex, norms, nps, groups, p, &sources, ctx) {
                target_group = Some(gi);
                why.add(|| {
                    "target: the one state the sentence names besides the doer and the speaker (an aggression told by its doer alone)".into()
                });
            } else if p.code.starts_with("13") {
                // "threatened to stop negotiations ... if the United States
                // goes ahead with the deployment": a threat names no one, its
                // condition does: the one threatened is the condition's subject
                let cond = (end..norms.len())
                    .take_while(|&i| !BARRIERS.contains(&norms[i]))
                    .find(|&i| norms[i] == "if");
                let subject = cond.and_then(|f| {
                    groups.iter().enumerate().find(|(gi, g)| {
                        g.toks.0 > f
                            && norms[f + 1..g.toks.0].iter().all(|w| is_determiner(w))
                            && Some(*gi) != source_group
                            // one does not threaten one's own country (an
                            // organisation has none: "if the UN imposed
                            // sanctions")
                            && g.members.iter().all(|&n| {
                                nps[n].code.is_some()
                                    && (nps[n].country.is_none()
                                        || sources.iter().all(|a| a.country != nps[n].country))
                            })
                    })
                });
                if let Some((gi, _)) = subject {
                    target_group = Some(gi);
                    why.add(|| "target: the subject of the threat's condition (\"if ...\")".into());
                }
            }
        }
        let anaphoric = m.lits.len() >= 2
            && lex
                .special
                .words
                .has(Words::AnaphoricNouns, norms[*m.lits.last().unwrap_or(&0)])
            && m.lits
                .iter()
                .any(|&i| matches!(norms[i], "these" | "such" | "this" | "those" | "their"));
        let mut targets: Vec<ActorRef> = Vec::new();
        if anaphoric {
            if let Some(last) = out.last() {
                let src_country = sources.first().and_then(|s| s.country.clone());
                for e in out.iter().filter(|e| e.trigger == last.trigger) {
                    if e.source.country != src_country
                        && !targets.iter().any(|t| t.code == e.source.code)
                    {
                        targets.push(e.source.clone());
                    }
                }
                if !targets.is_empty() {
                    target_group = None;
                    why.add(|| {
                        format!(
                            "target: \"{}\" points at the acts of the previous event's source",
                            &text[toks[*m.lits.last().unwrap_or(&0)].span]
                        )
                    });
                }
            }
        }
        if targets.is_empty() {
            if let Some(gi) = target_group {
                // "grateful that the Secretary-General visited Pakistan": the
                // actor after "that" is also the subject of its own clause
                let mut k = groups[gi].toks.0;
                while k > 0 && is_determiner(norms[k - 1]) && norms[k - 1] != "that" {
                    k -= 1;
                }
                let clause_subject = k > 0 && matches!(norms[k - 1], "that" | "how");
                if !intro_subject && !clause_subject {
                    targets_taken.push(gi);
                }
                targets = expand(coder, &groups[gi], nps, text, ctx);
            }
        }
        // "cut diplomatic ties with Qatar, accusing it of supporting
        // terrorism": an object pronoun right after the trigger's verb
        // stands for the previous act's target (not a subject: "warned it
        // would")
        if targets.is_empty() && target_group.is_none() && m.target_np.is_none() {
            let object_pronoun = norms
                .get(tstart + 1)
                .is_some_and(|w| matches!(*w, "it" | "them" | "him" | "her"))
                && !norms.get(tstart + 2).is_some_and(|w| {
                    crate::mention::is_aux_core(w)
                        || matches!(
                            *w,
                            "would"
                                | "could"
                                | "should"
                                | "must"
                                | "can"
                                | "may"
                                | "might"
                                | "did"
                                | "does"
                                | "do"
                                | "to"
                        )
                });
            // (the pronoun agrees in number with the target it stands for:
            // "opposes the US for ... misusing its power to oppress them"
            // is not the US)
            let agrees = |g: &Group| {
                let plural = g.members.len() > 1
                    || g.members.iter().any(|&n| {
                        nps[n].reciprocal
                            || nps[n].code.as_ref().is_some_and(|c| c.len() > 3)
                                && norms[nps[n].toks.1 - 1].ends_with('s')
                    });
                let person = g.members.iter().any(|&n| {
                    nps[n]
                        .parts
                        .iter()
                        .any(|p| matches!(p.kind, crate::MentionKind::Person(_)))
                });
                match norms[tstart + 1] {
                    "them" => plural,
                    "it" => !plural && !person,
                    _ => !plural && person,
                }
            };
            if let Some((_, Some(tg))) = prev
                .as_ref()
                .filter(|_| object_pronoun)
                .filter(|(_, tg)| tg.is_some_and(|g| agrees(&groups[g])))
            {
                targets = expand(coder, &groups[*tg], nps, text, ctx);
                why.add(|| {
                    format!(
                        "target: \"{}\" stands for the previous act's target",
                        norms[tstart + 1]
                    )
                });
            }
        }
        // "The UK announced new visa rules for Hong Kong residents. We urge
        // them to stop interfering": an object pronoun right after an appeal,
        // a demand, criticism or thanks, with no actor for it in the
        // sentence, stands for the previous sentence's subject ("it" and
        // "him" for its first actor, "them" for all)
        // (only when nothing before the act in the sentence but its subject
        // could be what the pronoun stands for: not "congratulate Mr.
        // Guterres ... and thank him for")
        let nothing_before = !groups
            .iter()
            .enumerate()
            .any(|(gi, g)| g.toks.1 <= tstart && Some(gi) != source_group);
        if targets.is_empty()
            && target_group.is_none()
            && m.target_np.is_none()
            && nothing_before
            && matches!(&p.code[..2], "02" | "05" | "10" | "11")
        {
            if let Some(k) = object_pronoun_after(norms, m.end, false) {
                let n = if norms[k] == "them" { usize::MAX } else { 1 };
                for last in ctx.last_subject.iter().take(n) {
                    if sources
                        .iter()
                        .any(|s| s.country.is_some() && s.country == last.country)
                    {
                        continue;
                    }
                    targets.push(pronoun_ref(last, text, toks[k].span));
                }
                if !targets.is_empty() {
                    why.add(|| {
                        format!(
                            "target: the object pronoun \"{}\" stands for the last subject of an earlier sentence",
                            norms[k]
                        )
                    });
                }
            }
        }
        // "imposed a curfew in Abidjan", "shelled targets in Syria": a
        // conflictual act done at a named place is aimed at that country, the
        // place and not its government, even by the country's own rulers
        // (and so is a concession made there: "lifted a state of emergency in
        // Darfur", "steps to enhance political freedoms in Sudan")
        let place = m.target_np.is_none()
            && matches!(
                &p.code[..2],
                "08" | "13" | "14" | "15" | "17" | "18" | "19" | "20"
            )
            && !intransitive(lex, norms, m)
            && target_group.is_some_and(|g| {
                is_place(&groups[g], nps, norms)
                    // "banning it from buying products in the US": the
                    // pronoun is the one acted upon
                    && !norms[m.start.min(groups[g].toks.0)..groups[g].toks.0]
                        .iter()
                        .any(|w| matches!(*w, "it" | "them" | "him" | "her"))
            });
        if place {
            for t in targets.iter_mut() {
                if let Some(c) = &t.country {
                    t.code = c.clone();
                }
            }
            why.add(|| "target: the place where the act happened (its country)".into());
        }
        // --- modality and code ---
        let (mut modality, mwhy) = modality(lex, text, toks, norms, ids, cs, tstart, &m.lits);
        if let Some(w) = mwhy {
            why.add(|| w);
        }
        // "agreed to restore relations in a deal brokered by China": a
        // participle after its noun tells a done act; the intent before it
        // is not its own
        let done_participle = participle_after_noun(norms, tstart);
        if matches!(modality, Modality::Intent | Modality::Future) && done_participle {
            modality = Modality::Asserted;
            why.add(|| "modality: asserted (a participle after its noun: a done act)".into());
        }
        // "removing the sanctions on Burma is currently out of the question":
        // an act said to be out of the question is refused
        if modality == Modality::Asserted {
            let rest = &norms[m.end.min(norms.len())..];
            let stop = rest
                .iter()
                .position(|w| TARGET_BARRIERS.contains(w))
                .unwrap_or(rest.len())
                .min(12);
            let ruled_out = rest[..stop].windows(5).any(|w| {
                w[1..] == ["out", "of", "the", "question"]
                    && matches!(
                        w[0],
                        "is" | "are"
                            | "was"
                            | "were"
                            | "remains"
                            | "remain"
                            | "currently"
                            | "now"
                            | "still"
                    )
            });
            if ruled_out {
                modality = Modality::Negated;
                why.add(|| "modality: negated (\"out of the question\" after it)".into());
            }
            // "military intervention in Venezuela must be avoided": an act
            // that must or should be avoided or prevented has not happened
            let undone = |w: &str| matches!(w, "avoided" | "prevented" | "averted");
            let avoided = rest[..stop]
                .windows(3)
                .any(|w| matches!(w[0], "must" | "should") && w[1] == "be" && undone(w[2]))
                || rest[..stop].windows(4).any(|w| {
                    matches!(w[0], "has" | "have" | "needs" | "need")
                        && w[1] == "to"
                        && w[2] == "be"
                        && undone(w[3])
                });
            if avoided {
                modality = Modality::Hypothetical;
                why.add(|| "modality: hypothetical (to be avoided or prevented, after it)".into());
            }
        }
        // "Putin is coming to China for the Forum and a meeting with Xi",
        // "will travel to Moscow for talks with": an act named as the
        // purpose of a promised one is promised too
        if modality == Modality::Asserted {
            if let Some(&(end, pm)) = promised.iter().rev().find(|(end, _)| {
                *end < tstart
                    && tstart - *end <= 15
                    && norms[*end..tstart].contains(&"for")
                    && !norms[*end + 1..tstart]
                        .iter()
                        .any(|w| TARGET_BARRIERS.contains(w) || VERB_BEFORE_PURPOSE.contains(w))
            }) {
                modality = pm;
                why.add(|| {
                    format!(
                        "modality: {} — the purpose (\"{}\") of a promised act",
                        pm.as_str(),
                        norms[end..=tstart].join(" ")
                    )
                });
            }
        }
        // "The Security Council agreed to a six-month extension of the
        // mandate for the peacekeeping force in Lebanon": an act further on
        // in the clause of a promise ("agreed to", "pledged to") is what is
        // promised, however far the promise's words stand before it
        if modality == Modality::Asserted && !p.code.starts_with("03") && !done_participle {
            if let Some(o) = matches.iter().find(|o| {
                o.kept
                    && o.start >= cs
                    && o.end <= tstart
                    && lex.patterns[o.pattern as usize].code.starts_with("03")
                    && !norms[o.end..tstart].iter().any(|w| {
                        TARGET_BARRIERS.contains(w)
                            || matches!(*w, "and" | "but" | "after" | "before")
                    })
            }) {
                modality = Modality::Intent;
                why.add(|| {
                    format!(
                        "modality: intent (the object of the promise \"{}\" before it in the clause)",
                        norms[o.start..o.end].join(" ")
                    )
                });
            }
        }
        // "President Putin is reported to visit China next week": an act
        // dated wholly after the text that tells it has not happened yet
        if modality == Modality::Asserted && !p.code.starts_with("03") {
            if let Some(d) = future_date(dates.get(), toks, norms, tstart, doc) {
                modality = Modality::Future;
                why.add(|| {
                    format!(
                        "modality: future — dated \"{}\", after the document's date",
                        &text[d]
                    )
                });
            }
        }
        let mut code = p.code.clone();
        if code == "190" && verbal_attack(lex, norms, tstart, m.end) {
            why.add(|| {
                "code: an attack in words (special/words.txt [verbal_attack]): criticism, 111"
                    .into()
            });
            code = "111".to_string();
        }
        // "Japan is sending troops to the United Nations peacekeeping force
        // in South Sudan": forces sent to a peacekeeping force keep the
        // peace (074), they show no force
        if code.starts_with("15")
            && !targets.is_empty()
            && targets.iter().all(|t| t.code.ends_with("PKO"))
        {
            why.add(|| {
                format!("code: {code} of forces sent to a peacekeeping force: peacekeeping, 074")
            });
            code = "074".to_string();
        }
        // "Some 163 Chinese peacekeepers arrived in South Sudan": troops that
        // arrive are deployed, they pay no visit (the built-in "arrive"
        // patterns only: a pattern of the user's keeps its code)
        let troops = |a: &ActorRef| {
            text.get(a.span.start..a.span.end)
                .and_then(|t| t.rsplit(' ').next())
                .is_some_and(|w| troop_noun(&w.to_ascii_lowercase()))
        };
        let troops_before = tstart > 0 && troop_noun(norms[tstart - 1]);
        let arrival = m.lits.iter().any(|&l| norms[l].starts_with("arriv"));
        if code == "042"
            && arrival
            && !sources.is_empty()
            && (troops_before || sources.iter().all(troops))
        {
            why.add(|| "code: troops that arrive are deployed, no visit: 154".into());
            code = "154".to_string();
        }
        // "announced the deployment of 230 troops to Liberia on a
        // peacekeeping mission", "peacekeepers arrived ... for a
        // peacekeeping mission": forces deployed to keep the peace
        let after: &[&str] = {
            let from = m.end.min(norms.len());
            let to = (from..(from + 16).min(norms.len()))
                .find(|&k| matches!(norms[k], "." | ";" | ":"))
                .unwrap_or((from + 16).min(norms.len()));
            &norms[from..to]
        };
        if code.starts_with("15")
            && (after.iter().any(|w| w.starts_with("peacekeep"))
                || sources.iter().any(|a| {
                    text.get(a.span.start..a.span.end)
                        .is_some_and(|t| t.to_ascii_lowercase().contains("peacekeep"))
                }))
        {
            why.add(|| format!("code: {code} of forces on a peacekeeping mission: 074"));
            code = "074".to_string();
        }
        // "has offered to send troops to Jordan to help combat Islamist
        // militants": forces offered to help are military aid promised
        if code.starts_with("15")
            && modality == Modality::Intent
            && after.windows(2).any(|w| {
                w[0] == "to"
                    && matches!(
                        w[1],
                        "help"
                            | "assist"
                            | "support"
                            | "protect"
                            | "distribute"
                            | "train"
                            | "defend"
                    )
            })
        {
            why.add(|| {
                format!("code: {code} offered to help: intent to provide military aid, 0332")
            });
            code = "0332".to_string();
        }
        // "Ukraine's plants must be protected from Russia's reckless
        // attacks", "my statement will focus on the Azerbaijani aggression":
        // an act named by its doer's noun is told as done, whatever the
        // clause around it promises or supposes
        if doer_only(p) && modality != Modality::Asserted {
            why.add(|| {
                "modality: asserted (an act named by its doer's noun is told as done)".into()
            });
            modality = Modality::Asserted;
        }
        if matches!(modality, Modality::Future | Modality::Intent) {
            if let Some(ic) = lex.intent_of(&code) {
                why.add(|| format!(
                    "code: {code} is promised, not done: coded as the intent {ic} (cameo/intent.txt)"
                ));
                code = ic.to_string();
            }
        }
        if modality == Modality::Negated {
            if let Some(rc) = lex.refusal_of(&code) {
                why.add(|| format!(
                    "code: {code} is refused, not done: coded as the refusal {rc}, asserted (cameo/refusal.txt)"
                ));
                code = rc.to_string();
                modality = Modality::Asserted;
            }
        }
        if code.starts_with("03") && modality == Modality::Asserted {
            modality = Modality::Intent;
        }
        // a promised meeting ("Xi will meet Kim", 036) is promised by both,
        // a failed agreement ("X and Y failed to reach agreement", 127)
        // failed for both
        // (but a pledge, an offer or a readiness voiced by one party is
        // that party's alone: "Chinese leaders pledged to boost trade with
        // African countries", "Washington is ready to resume negotiations
        // with Pyongyang"; not an agreement, which takes two)
        // (a plain "will/would meet" stays a meeting of both)
        let one_sided = modality == Modality::Intent
            && sources.len() < 2
            && code != p.code
            && code.starts_with("03")
            && (cs..tstart.min(norms.len()))
                .any(|i| lex.special.words.has(Words::OneSidedIntent, norms[i]))
            && !(cs..m.end.min(norms.len())).any(|i| norms[i].starts_with("agree"));
        // (a refusal is both sides' when they failed together or one
        // "failed" to reach it; one subject's "not" is its own: "the
        // Kremlin is threatening not to extend the agreement concluded with
        // the United Nations" is no refusal by the UN)
        let one_sided_refusal = code.starts_with("12")
            && sources.len() < 2
            && !(cs..tstart.min(norms.len())).any(|i| norms[i].starts_with("fail"));
        let symmetric = lex.is_symmetric(&code)
            || (code != p.code
                && (code.starts_with("03") || code.starts_with("12"))
                && lex.is_symmetric(&p.code)
                && !one_sided
                && !one_sided_refusal);
        // "witnessed the signing of the protocol on upgrading the
        // China-Singapore Free Trade Agreement": a symmetric act with one
        // subject and no target is between the two of a hyphened pair
        // after it in the clause
        if symmetric && sources.len() < 2 && m.target_np.is_none() {
            let hy = hyphen_pair(norms, nps, tstart)
                .filter(|&(a, b)| {
                    targets.is_empty()
                        || target_group.is_some_and(|g| {
                            groups[g].members.contains(&a) || groups[g].members.contains(&b)
                        })
                })
                .and_then(|pair| pair_refs(nps, text, pair));
            if let Some(pair) = hy {
                sources = pair;
                targets.clear();
                why.add(|| "source: the two of the hyphened pair after the trigger".into());
            }
        }
        // "During President Xi's visit, China and France issued ...": a
        // visit named by its visitor goes to the other country the sentence
        // names, else to the document's speaker
        if targets.is_empty()
            && p.code == "042"
            && p.leading_slot().is_some()
            && m.target_np.is_none()
        {
            let src_country = sources.first().and_then(|s| s.country.clone());
            let host = groups.iter().enumerate().find(|(gi, g)| {
                Some(*gi) != source_group
                    && g.members.iter().all(|&n| {
                        !nps[n].defaulted
                            && !nps[n].reciprocal
                            && nps[n].country.is_some()
                            && nps[n].country != src_country
                    })
            });
            if let Some((gi, _)) = host {
                targets = expand(coder, &groups[gi], nps, text, ctx);
                why.add(|| "target: the visit's host, the other country the sentence names".into());
            } else if let Some(sp) = ctx.speaker.first().filter(|sp| sp.country != src_country) {
                let mut a = sp.clone();
                a.span = toks[tstart].span;
                targets.push(a);
                why.add(|| "target: the visit's host, the document's speaker".into());
            }
        }
        // "the leaders of the two countries reached consensus on advancing
        // China-Nepal relations": a target that is one of the subjects
        // themselves leaves the act between the subjects
        let mut between_subjects = joint_reciprocal;
        // (the subjects a reciprocal phrase or a coordination: not an
        // actor and its head in apposition, "NATO Secretary General Jens
        // Stoltenberg")
        let joint_subject = source_group.is_some_and(|g| {
            groups[g].members.iter().any(|&n| nps[n].reciprocal)
                || norms[groups[g].toks.0..groups[g].toks.1].contains(&"and")
        });
        if sources.len() >= 2
            && joint_subject
            && !targets.is_empty()
            && m.target_np.is_none()
            && targets
                .iter()
                .all(|t| t.country.is_some() && sources.iter().any(|s| s.country == t.country))
            // (subjects named with their country, not given it from the
            // context: "Gunmen and a suicide bomber have carried out attacks
            // on Iran's parliament" are not Iran's)
            && source_group.is_some_and(|g| {
                groups[g].members.iter().any(|&n| nps[n].reciprocal)
                    || targets.iter().all(|t| {
                    groups[g]
                        .members
                        .iter()
                        .any(|&n| !nps[n].defaulted && nps[n].country == t.country)
                })
            })
        {
            targets.clear();
            between_subjects = true;
            why.add(|| "target: one of the subjects themselves; the act is between them".into());
        }
        // "a Russian airstrike killed a family", "the Azerbaijani attack
        // targeted civilians": force named by its doer's adjective and aimed
        // at no one the sentence names is aimed at the other country of the
        // pair the text is about (not a blockade, which a possessive names
        // the victim of: "Cuba's blockade"; nor force aimed at a thing
        // named after it: "China's battle against the epidemic")
        if targets.is_empty()
            && from_modifier
            && !between_subjects
            && m.target_np.is_none()
            && matches!(&code[..2], "18" | "19" | "20")
            && !code.starts_with("191")
            && !matches!(
                norms.get(m.end).copied(),
                Some("against" | "on" | "of" | "to" | "with")
            )
            && !(m.end > 0 && norms[m.end - 1] == "against")
        {
            let pair = ctx.local_pair.as_ref().or(ctx.pair.as_ref());
            if let (Some((a, b)), [src]) = (pair, &sources[..]) {
                let other = if src.country.as_deref() == Some(a.as_str()) {
                    Some(b)
                } else if src.country.as_deref() == Some(b.as_str()) {
                    Some(a)
                } else {
                    None
                };
                if let Some(o) = other {
                    targets.push(ActorRef {
                        code: o.clone(),
                        country: Some(o.clone()),
                        span: trigger_span(toks, m, tstart),
                        via: format!("the other of the pair the text is about ({a}–{b})").into(),
                    });
                    why.add(|| {
                        "target: none named; the other country of the pair the text is about".into()
                    });
                }
            }
        }
        // "Inviting President Maduro to visit China will help the two sides
        // consolidate mutual trust": help aimed at both sides of a pair its
        // source belongs to is what an occasion does, no one's aid
        if (code.starts_with("07") || code.starts_with("033"))
            && m.target_np.is_some_and(|np| {
                // (not "helped each other": mutual aid)
                let t = text[nps[np].span].to_ascii_lowercase();
                nps[np].reciprocal && !t.contains("each other") && !t.contains("one another")
            })
            && sources
                .iter()
                .any(|s| s.country.is_some() && targets.iter().any(|t| t.country == s.country))
        {
            skip!(
                mi,
                "aid aimed at both sides of a pair its source is one of (an occasion's help)"
                    .into()
            );
        }
        // --- pairs ---
        let mut pairs: Vec<(ActorRef, ActorRef)> = Vec::new();
        if targets.is_empty() {
            // "Czechia and Albania upgraded their ties": an act on what the
            // subjects share is between them
            // (and so is one on a ceasefire, which binds its parties: "both
            // the army and the MILF violated the ceasefire")
            // (and so is a clash: "Chinese and Indian troops clashed", and
            // an exchange: "Indian and Pakistani troops exchanged fire")
            let mutual = (m.start..m.end.min(norms.len())).any(|i| {
                matches!(
                    norms[i],
                    "their"
                        | "ceasefire"
                        | "truce"
                        | "armistice"
                        | "clashed"
                        | "clashing"
                        | "exchanged"
                        | "exchanging"
                )
            });
            // "Saudi Arabia and Iran have restored diplomatic ties": ties
            // established, restored or normalised are between the subjects
            // (not an anniversary of them: "celebrate the 70th anniversary
            // of the establishment of diplomatic ties")
            let ties = code.starts_with("054")
                && m.lits
                    .iter()
                    .any(|&i| matches!(norms[i], "relations" | "ties"))
                && !norms[m.start.saturating_sub(4)..m.start].contains(&"anniversary");
            // (a promise of a list of more than three subjects is each
            // one's own: "Kuwait, the Netherlands, Belgium and Ireland have
            // vowed to deliver the full funds"; what they agreed binds them
            // to each other: "Six members of the Agreement, namely China,
            // India, ..., agreed to cut tariffs")
            let agreed = (m.start.saturating_sub(4)..m.end.min(norms.len()))
                .any(|i| norms[i].starts_with("agree"));
            let joint_ok = symmetric
                || mutual
                || participants
                || between_subjects
                || ties
                || (code.starts_with("03") && (sources.len() <= 3 || agreed));
            if sources.len() >= 2 && !joint_ok {
                why.add(|| {
                    "no target: a joint act of the subjects aimed at no one is not coded".into()
                });
            } else if sources.len() >= 2 {
                why.add(|| {
                    "no target: the compound or reciprocal subject acts on itself, both ways".into()
                });
                // "the Sudanese government and SPLM/A have agreed": two
                // roles of one country act on each other too (not the
                // parties named after "between", which are the country's)
                for a in &sources {
                    for b in &sources {
                        // (fighting between two roles of one country, "Sudan's
                        // army and the RSF", is between them)
                        let roles = !participants || matches!(&code[..2], "18" | "19" | "20");
                        if a.country != b.country || (roles && distinct_actors(a, b)) {
                            pairs.push((a.clone(), b.clone()));
                        }
                    }
                }
            }
        } else {
            let recip_target = target_group
                .map(|g| groups[g].members.iter().any(|&n| nps[n].reciprocal))
                .unwrap_or(false);
            for a in &sources {
                for b in &targets {
                    if recip_target && a.country == b.country {
                        continue;
                    }
                    pairs.push((a.clone(), b.clone()));
                }
            }
        }
        let before_filter = pairs.len();
        // an invasion or an annexation is of another country ("Iraqi
        // servicemen ... thrown out in the wake of the invasion of Iraq" is
        // not Iraq's army invading Iraq)
        let foreign = m
            .lits
            .iter()
            .any(|&l| lex.special.words.has(Words::ForeignActs, norms[l]));
        pairs.retain(|(a, b)| {
            (distinct_actors(a, b) || (place && a.code != b.code))
                && !(foreign && a.country.is_some() && a.country == b.country)
                // "Hungary says it will not accept returned asylum seekers":
                // refugees whose country is only guessed are not the
                // receiving country's own
                && !(b.code.ends_with("REF")
                    && a.country.is_some()
                    && a.country == b.country
                    && b.via.contains("from the context"))
        });
        if pairs.len() < before_filter {
            why.add(|| "dropped pairs of an actor with itself".into());
        }
        // "students staged mass demonstrations", "workers went on strike": a
        // protest that names no one is aimed at the protesters' own rulers
        // (not when the trigger names the protesters themselves: in "the UK
        // criticized the police action against rioters" the UK riots not)
        let protester_noun = m
            .lits
            .first()
            .is_some_and(|&l| lex.special.words.has(Words::Protesters, norms[l]));
        // nor when the protesters' country is only guessed from the context
        let named = source_group.is_none_or(|g| groups[g].members.iter().any(|&n| !nps[n].defaulted))
                // nor when "we" stands for the speaker ("we have seen largely
                // peaceful protests bring change"): the speaker watched them
                && !sources.iter().any(|s| s.via.starts_with("the speaker named in the title"));
        // nor when the protest names what it is against ("an anti-American
        // protest")
        let against = norms[m.start..m.end.min(norms.len())].contains(&"anti");
        let domestic = pairs.is_empty()
            && !participants
            && p.code.starts_with("14")
            && !protester_noun
            && !against
            && named;
        if domestic
            && own_role_targets(
                &sources,
                "GOV",
                trigger_span(toks, m, tstart),
                "a protest aimed at no one named: the protesters' own government",
                &mut pairs,
            )
        {
            why.add(|| {
                "target: none named; a protest is aimed at the protesters' own government".into()
            });
        }
        // "Authorities in Pakistan have imposed a curfew", "Morales declared
        // a state of siege in Pando": a curfew or a state of emergency
        // aimed at no one named binds the state's own people (and its
        // lifting frees them: "Egypt has lifted a state of emergency")
        let emergency = pairs.is_empty()
            && !participants
            && m.target_np.is_none()
            && matches!(p.code.as_str(), "1723" | "1724" | "0813" | "0814")
            && source_group.is_none_or(|g| groups[g].members.iter().any(|&n| !nps[n].defaulted));
        if emergency
            && own_role_targets(
                &sources,
                "CVL",
                trigger_span(toks, m, tstart),
                "a curfew or emergency aimed at no one named: the state's own people",
                &mut pairs,
            )
        {
            why.add(|| {
                "target: none named; a curfew or state of emergency binds the state's own people"
                    .into()
            });
        }
        // "Zimbabwean police have fired teargas to break up protests",
        // "security forces dispersed the rally": repression of a protest
        // that names no protester is aimed at the state's own protesters
        let repressed = pairs.is_empty()
            && !participants
            && m.target_np.is_none()
            && code == "175"
            // (in the pattern's words or just after them: "cracked down
            // on the protests")
            && m
                .lits
                .iter()
                .copied()
                .chain(m.end..(m.end + 3).min(norms.len()))
                .any(|l| lex.special.words.has(Words::ProtestNouns, norms[l]))
            && source_group.is_none_or(|g| groups[g].members.iter().any(|&n| !nps[n].defaulted));
        if repressed
            && own_role_targets(
                &sources,
                "OPP",
                trigger_span(toks, m, tstart),
                "a protest repressed, its protesters not named: the state's own protesters",
                &mut pairs,
            )
        {
            why.add(|| {
                "target: none named; a protest put down is the state's own protesters'".into()
            });
        }
        if symmetric && !pairs.is_empty() {
            let rev: Vec<(ActorRef, ActorRef)> =
                pairs.iter().map(|(a, b)| (b.clone(), a.clone())).collect();
            for r in rev {
                if !pairs
                    .iter()
                    .any(|(a, b)| a.code == r.0.code && b.code == r.1.code)
                {
                    pairs.push(r);
                }
            }
            why.add(|| format!("{code} is symmetric (cameo/symmetric.txt): coded both ways"));
        }
        // "Shevardnadze resigned", "the rebels surrendered": an act done to
        // no one is coded with a null target when the text names none
        let mut lone: Vec<ActorRef> = Vec::new();
        // (and so is a military retreat whose only target was its own
        // country: "their forces had completed their withdrawal from the
        // Bosnian town of Gorazde" is a withdrawal, not an act on Bosnia)
        // (named near it, not a pronoun nor a subject far back: "the
        // Ukrainian State ... until he withdraws his forces from the
        // occupied territories of Ukraine" is a guess twice over)
        // (only worked out when a null target is in question)
        let named_sources = || {
            sources.iter().all(|s| {
                toks.binary_search_by_key(&s.span.start, |t| t.span.start)
                    .is_ok_and(|i| {
                        i + 12 >= tstart
                            && !matches!(norms[i], "it" | "he" | "she" | "they" | "we" | "i")
                    })
            })
        };
        // (and a show of force that names no enemy: "Israel mobilized the
        // army for a potential ground assault")
        let null_target = || {
            let retreat_home = before_filter > 0 && code.starts_with("087");
            let posture = code.starts_with("152") || code.starts_with("154");
            intransitive(lex, norms, m)
                || ((retreat_home || posture || unilateral_ceasefire(p, norms, m))
                    && named_sources())
        };
        if pairs.is_empty() && m.target_np.is_none() && !participants && null_target() {
            for s in &sources {
                if !lone.iter().any(|l| l.code == s.code) {
                    lone.push(s.clone());
                }
            }
            if !lone.is_empty() {
                why.add(|| "target: none; the act is done to no one (a null target)".into());
            }
        }
        if pairs.is_empty() && lone.is_empty() {
            // (an interference it disapproves of is still what the subject
            // said: no act of the subject's; so is an attack it condemns)
            if p.code.starts_with("11")
                && groups.iter().any(|g| {
                    g.toks.0 >= m.end
                        && g.toks.0 <= m.end + 12
                        && (interfered_in(norms, g.toks.0, m.end)
                            || criticised_incident(lex, norms, groups, g.toks.0, m.end))
                })
            {
                spoken_by.push((source_group, m.lits.last().map_or(m.end, |&l| l + 1)));
            }
            // (any criticism aimed at no actor still names what it
            // criticises: "condemned recent raids")
            if p.code.starts_with("11") {
                criticised_from.push(m.lits.last().map_or(m.end, |&l| l + 1));
            }
            skip!(
                mi,
                if targets.is_empty() && sources.len() < 2 {
                    "no target: the act is aimed at no actor the clause names (only the acts of special/words.txt [intransitive], such as resigning, are coded with a null target)".to_string()
                } else {
                    why_last(&why, "no target: every pair is an actor with itself")
                }
            );
        }
        let trigger = trigger_span(toks, m, tstart);
        let asserted = modality == Modality::Asserted;
        // an introductory phrase ("At the invitation of Xi, Putin will come
        // in February") is not dated by what its main clause tells
        let intro_dates: Vec<TimeExpr>;
        let dates = match target_group.filter(|_| intro_subject) {
            Some(g) => {
                let main = toks[groups[g].toks.0].span.start;
                intro_dates = dates
                    .get()
                    .iter()
                    .filter(|d| d.span.end <= main)
                    .cloned()
                    .collect();
                &intro_dates[..]
            }
            None => dates.get(),
        };
        let (date, basis, dspan) = pick_date(dates, trigger, doc, asserted, &mut why);
        let reporter = reporter_of(lex, norms, ids, &report_spots, groups, nps, text, m, tstart);
        if let Some(r) = &reporter {
            why.add(|| format!("reported by {} (\"{}\")", r.code, &text[r.span]));
        }
        let coded = pairs
            .into_iter()
            .map(|(s, t)| (s, Some(t)))
            .chain(lone.into_iter().map(|s| (s, None)));
        let thanked = p.code.starts_with("05")
            && m.lits
                .iter()
                .any(|&l| lex.special.words.has(Words::Thanks, norms[l]));
        // one record of this match: what differs from event to event
        let record = |source: ActorRef,
                      target: Option<ActorRef>,
                      cameo: String,
                      why: Vec<String>,
                      reported_by: Option<ActorRef>| Event {
            sentence: idx,
            sentence_span: span,
            source,
            target,
            cameo,
            trigger,
            rule: p.origin.clone(),
            pattern: p.text.clone(),
            modality,
            date: date.clone(),
            date_basis: basis,
            date_span: dspan,
            why,
            reported_by,
            by_speaker: false,
            from_modifier,
            phrases: Default::default(),
        };
        // "Netanyahu met Putin on Wednesday at the Kremlin", "holds talks
        // with ... at his office in Seoul": a meeting held at the other
        // party's seat of government is a visit there too (042), found once
        // for the match (not a meeting with an ambassador or an embassy's
        // staff, who are posted there: "met with the Chinese Ambassador in
        // Islamabad")
        let seat: Option<(&str, &str)> = (code == "040" && asserted)
            .then(|| host_seat(lex, norms, nps, m.end))
            .flatten()
            .filter(|_| {
                !norms
                    .iter()
                    .any(|w| lex.special.words.has(Words::Posted, w))
            })
            .map(|(np, c)| (&text[nps[np].span], c));
        for (s, t) in coded {
            // "I thank the government of India for their early gift of
            // vaccines": the one thanked gave what it is thanked for
            if let Some((t, aid)) = t
                .as_ref()
                .filter(|_| thanked && modality == Modality::Asserted)
                .and_then(|t| gift_thanked_for(lex, toks, norms, t.span).map(|c| (t, c)))
            {
                let mut w = why.lines.clone();
                if coder.trace {
                    w.push(format!(
                        "also: {} gave the {} it is thanked for (code {aid}, to the one who thanks)",
                        t.code,
                        if aid == "073" { "medical aid" } else { "aid" }
                    ));
                }
                out.push(record(t.clone(), Some(s.clone()), aid.to_string(), w, None));
            }
            if let Some((place, c)) = seat.filter(|&(_, c)| {
                t.as_ref().is_some_and(|t| t.country.as_deref() == Some(c))
                    && s.country.as_deref() != Some(c)
            }) {
                let mut w = why.lines.clone();
                if coder.trace {
                    w.push(format!(
                        "also: the meeting was held at \"{place}\", {c}'s seat: {} visited (042)",
                        s.code
                    ));
                }
                out.push(record(s.clone(), t.clone(), "042".into(), w, None));
            }
            let reported_by = reporter.clone().filter(|r| r.code != s.code);
            out.push(record(s, t, code.clone(), why.lines.clone(), reported_by));
        }
        if matches!(modality, Modality::Future | Modality::Intent) {
            // from its last word, which may be the "for" of "is coming to
            // China for"
            promised.push((m.lits.last().copied().unwrap_or(tstart), modality));
        }
        if matches!(&code[..2], "01" | "02" | "05" | "10" | "11" | "12") {
            spoken_by.push((source_group, m.lits.last().map_or(m.end, |&l| l + 1)));
        }
        // "X has been indicted by Y and will resign": the verb coordinated
        // with a passive shares its subject, the one acted upon
        // (not "the aggression of X against Y is a violation of": an {S}
        // with a {T} after it and no "by" before it is the act's subject)
        let passive = m.source_np.is_some_and(|np| {
            let k = determiners_start(norms, nps[np].toks.0);
            (k > 0 && norms[k - 1] == "by") || m.target_np.is_none_or(|t| t < np)
        }) || passive_agent.is_some();
        // (an act named by its doer's noun, "condemns Russia's aggression
        // and urges Russia to", is no verb a later one is coordinated with)
        if doer_only(p) {
            continue;
        }
        prev_infinitive = (tstart > 0 && norms[tstart - 1] == "to").then_some(tstart);
        prev = if passive && !targets.is_empty() {
            Some((targets, None))
        } else {
            Some((sources, target_group))
        };
    }
    let trace = coder.trace;
    traced_drop(
        &mut out,
        no_event,
        trace,
        text,
        "a general intent (030) where the same pair has a specific one in the sentence",
        drop_general_intents,
    );
    traced_drop(
        &mut out,
        no_event,
        trace,
        text,
        "a bare statement (010) with no audience after \"to\", \"at\" or \"before\", or by a party with another act in the sentence",
        |o| drop_bare_statements(o, text),
    );
    if !ctx.speaker.is_empty() {
        traced_drop(
            &mut out,
            no_event,
            trace,
            text,
            "a state speaking to, praising or cooperating with itself, one side's country only guessed from the context (in a statement)",
            drop_guessed_self_pairs,
        );
    }
    out
}

/// Whether the noun phrase of an act (its modifiers from `k`, the trigger at
/// `tstart`, the match ending at `end`) names who does it: a possessive
/// before the noun ("its aggression"), an actor among its words ("the
/// Israeli occupation") or "by" shortly after ("the occupation by Israel").
/// Acts said to be ended or talked about are not the subject's unless so.
fn doer_named(norms: &[&str], groups: &[Group], k: usize, tstart: usize, end: usize) -> bool {
    norms[k..tstart]
        .iter()
        .any(|w| matches!(*w, "its" | "their" | "his" | "her" | "our" | "my"))
        || groups.iter().any(|g| g.toks.0 >= k && g.toks.1 <= end)
        || norms[end..(end + 6).min(norms.len())].contains(&"by")
}

/// "declared a unilateral ceasefire": a ceasefire no other party agreed to.
fn unilateral_ceasefire(p: &dyad_lexicon::Pattern, norms: &[&str], m: &Match) -> bool {
    p.code.starts_with("0871") && norms[m.start.saturating_sub(3)..m.end].contains(&"unilateral")
}

/// The match index under which [`events`] reports, for `dyad explain`, an
/// event that was coded and then dropped by a rule run over the whole
/// sentence's events (its line says which event and why).
pub(crate) const DROPPED: usize = usize::MAX;

/// Runs `drop` over the sentence's events; when tracing, each event it
/// removes is noted under [`DROPPED`] with `why`.
fn traced_drop(
    out: &mut Vec<Event>,
    notes: &mut Vec<(usize, String)>,
    trace: bool,
    text: &str,
    why: &str,
    drop: impl FnOnce(&mut Vec<Event>),
) {
    if !trace {
        drop(out);
        return;
    }
    let before = out.clone();
    drop(out);
    for e in before
        .iter()
        .filter(|e| !out.iter().any(|k| same_event(k, e)))
    {
        notes.push((DROPPED, describe_dropped(text, e, why)));
    }
}

/// Whether two events are the same record (trigger, actors, code, modality).
pub(crate) fn same_event(a: &Event, b: &Event) -> bool {
    a.trigger == b.trigger
        && a.source.code == b.source.code
        && a.target.as_ref().map(|t| &t.code) == b.target.as_ref().map(|t| &t.code)
        && a.cameo == b.cameo
        && a.modality == b.modality
}

/// One line of `dyad explain` for an event dropped after coding.
pub(crate) fn describe_dropped(text: &str, e: &Event, why: &str) -> String {
    format!(
        "{} -> {}  {} {} (trigger \"{}\", rule {}): {why}",
        e.source.code,
        e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
        e.cameo,
        e.modality.as_str(),
        text.get(e.trigger.start..e.trigger.end).unwrap_or(""),
        e.rule
    )
}

/// "Foreign officials and experts spoke highly of China's measures" in a
/// spokesperson's answer: in a statement, a country only guessed from the
/// context for one side, that makes a state speak to or cooperate with
/// itself, is a wrong guess (run after the sentence's acts, so that what the
/// dropped event said still keeps its object from being the speaker's act);
/// force and coercion stay ("We have arrested 2,855 people" is the
/// speaker's own police at work).
fn drop_guessed_self_pairs(out: &mut Vec<Event>) {
    let guessed = |a: &ActorRef| {
        a.via.contains(" from the context") || a.via.contains(" from the named actor")
    };
    out.retain(|e| {
        let Some(t) = &e.target else { return true };
        matches!(
            &e.cameo[..2],
            "14" | "15" | "16" | "17" | "18" | "19" | "20"
        ) || e.source.country.is_none()
            || e.source.country != t.country
            || !(guessed(&e.source) || guessed(t))
    });
}

/// Where the words before the noun at `tstart` begin: back over up to three
/// determiners and lower-case modifiers ("a military aggression", "the
/// crackdown"), stopping at a form of "be" and at the words of `stop`.
fn modifiers_start(norms: &[&str], tstart: usize, stop: &[&str]) -> usize {
    let mut k = tstart;
    while k > 0
        && tstart - k < 4
        && (is_determiner(norms[k - 1])
            || (norms[k - 1].bytes().all(|b| b.is_ascii_lowercase())
                && !is_be_form(norms[k - 1])
                && !stop.contains(&norms[k - 1])))
    {
        k -= 1;
    }
    k
}

/// Whether the "attack" of a 190 match at `tstart..end` is an attack in
/// words ("maliciously slander and attack China", "Pompeo attacked China's
/// political system"): a word of `[verbal_attack]` within six words before
/// or eight after it, or of `[verbal_attack_objects]` within six after, and
/// no word of `[force_words]` in that window.
fn verbal_attack(lex: &Lexicon, norms: &[&str], tstart: usize, end: usize) -> bool {
    if !norms[tstart..end].iter().any(|w| w.starts_with("attack")) {
        return false;
    }
    let words = &lex.special.words;
    let from = tstart.saturating_sub(6);
    let to = (end + 8).min(norms.len());
    let window = &norms[from..to];
    if window.iter().any(|w| words.has(Words::ForceWords, w)) {
        return false;
    }
    window.iter().any(|w| words.has(Words::VerbalAttack, w))
        || norms[end..(end + 6).min(norms.len())]
            .iter()
            .any(|w| words.has(Words::VerbalAttackObjects, w))
}

/// An adverb that may stand between a passive's auxiliary and its
/// participle ("was reportedly shot", "was also attacked by", "has been
/// repeatedly targeted", "were once again hit").
fn passive_adverb(w: &str) -> bool {
    w.ends_with("ly")
        || matches!(
            w,
            "also"
                | "again"
                | "once"
                | "even"
                | "often"
                | "already"
                | "still"
                | "never"
                | "not"
                | "twice"
                | "just"
                | "first"
                | "further"
        )
}

/// A form of "be" that makes a participle after it passive.
fn is_be_form(w: &str) -> bool {
    matches!(w, "was" | "were" | "been" | "is" | "are" | "be" | "being")
}

/// Whether the trigger at `tstart` is a participle after a passive
/// auxiliary ("were killed", "has been arrested", "was reportedly shot").
fn in_passive(norms: &[&str], tstart: usize) -> bool {
    let mut k = tstart;
    while k > 0 && passive_adverb(norms[k - 1]) {
        k -= 1;
    }
    k > 0
        && is_be_form(norms[k - 1])
        && (norms[tstart].ends_with("ed")
            || matches!(
                norms[tstart],
                "shot" | "hit" | "struck" | "beaten" | "held" | "taken"
            ))
}

/// The group after "by" when the trigger at `tstart` is a verb in the
/// passive ("was / has been indicted by X"); `end` is where the match ends.
fn passive_by_agent(norms: &[&str], groups: &[Group], tstart: usize, end: usize) -> Option<usize> {
    // (a pattern that starts with the auxiliary, "be+ accused of", when
    // the agent is set off at the clause's end, below; not "is concerned
    // by reports of China's interference": the one concerned is no target)
    let tstart = if is_be_form(norms[tstart])
        && norms.get(tstart + 1).is_some_and(|w| w.ends_with("ed"))
        && tstart + 1 < end
        && norms.get(end) != Some(&"by")
    {
        tstart + 1
    } else {
        tstart
    };
    // coordinated participles share the auxiliary and the agent: "are
    // being tortured, detained and murdered by the Syrian regime"
    let joiner = |i: usize| matches!(norms.get(i).copied(), Some("," | "and" | "or"));
    let mut k = tstart;
    while k >= 2 && joiner(k - 1) {
        let mut j = k - 1;
        if j >= 1 && norms[j] != "," && norms[j - 1] == "," {
            j -= 1;
        }
        if j >= 1 && norms[j - 1].ends_with("ed") {
            k = j - 1;
        } else {
            break;
        }
    }
    let mut end = end;
    while joiner(end) {
        let mut j = end + 1;
        if norms[end] == "," && matches!(norms.get(j).copied(), Some("and" | "or")) {
            j += 1;
        }
        if norms.get(j).is_some_and(|w| w.ends_with("ed")) {
            end = j + 1;
        } else {
            break;
        }
    }
    while k > 0 && passive_adverb(norms[k - 1]) {
        k -= 1;
    }
    // (or a participle set off by a comma: "the Syrian opposition,
    // supported by the West, ...")
    // (or a second participle joined to a first one's passive: "is banned
    // by the government and rejected by the people")
    let joined_passive = k > 0
        && matches!(norms[k - 1], "and" | "or")
        && norms.get(end) == Some(&"by")
        && (0..k - 1).rev().take(12).any(|i| {
            let mut j = i + 1;
            while j < k - 1 && passive_adverb(norms[j]) {
                j += 1;
            }
            is_be_form(norms[i]) && j < k - 1 && in_passive(norms, j)
        });
    // (or a participle right after its noun, a reduced relative clause:
    // "the two Canadians detained by China", "a deal brokered by China")
    let reduced = k == tstart && end == tstart + 1 && participle_after_noun(norms, tstart);
    let aux =
        k > 0 && (is_be_form(norms[k - 1]) || norms[k - 1] == "," || joined_passive || reduced);
    if !aux || !norms[tstart].ends_with("ed") {
        return None;
    }
    // "Russia was accused by the United States of meddling": the agent
    // right after the participle, inside the pattern's gap
    // (inside it: not "are disappointed by the Solomon Islands' decision",
    // whose pattern ends with "by")
    if tstart + 1 < end && norms[tstart + 1] == "by" {
        return groups
            .iter()
            .position(|g| g.toks.0 > tstart + 1 && g.toks.0 <= tstart + 4 && g.toks.1 < end);
    }
    // "was sentenced to life in prison by a Chinese court": a pattern that
    // ends with its preposition, that preposition's object (no actor, no
    // comma), then "by"
    if end >= 1 && matches!(norms[end - 1], "to" | "for") && norms.get(end) != Some(&"by") {
        if let Some(k) = (end + 1..(end + 5).min(norms.len())).find(|&k| norms[k] == "by") {
            if !norms[end..k]
                .iter()
                .any(|w| *w == "," || BARRIERS.contains(w) || *w == "and")
                && !groups.iter().any(|g| g.toks.0 >= end && g.toks.0 < k)
            {
                if let Some(g) = groups
                    .iter()
                    .position(|g| g.toks.0 > k && g.toks.0 <= k + 3)
                {
                    return Some(g);
                }
            }
        }
    }
    if norms.get(end) != Some(&"by") {
        // the agent set off at the clause's end: "has been accused of
        // misusing up to US $50 million in public funds, much of it
        // believed to have been embezzled, by current Haitian government
        // officials" (the first "by" after the match, after a comma)
        let k = (end..norms.len()).find(|&k| {
            norms[k] == "by" || matches!(norms[k], ";" | "." | "?" | "!" | "but" | "while")
        })?;
        if norms[k] != "by" || norms[k - 1] != "," {
            return None;
        }
        return groups
            .iter()
            .position(|g| g.toks.0 > k && g.toks.0 <= k + 3);
    }
    groups.iter().position(|g| {
        g.toks.0 > end && g.toks.0 <= end + 3 && !norms[end + 1..g.toks.0].contains(&",")
    })
}

/// A target no words name, of each source's own country in `role` (a
/// protest's own government, the people a curfew binds, the protesters
/// repression puts down); the trigger's span is its only evidence. Returns
/// whether it added a pair.
fn own_role_targets(
    sources: &[ActorRef],
    role: &str,
    span: Span,
    why: &str,
    pairs: &mut Vec<(ActorRef, ActorRef)>,
) -> bool {
    let before = pairs.len();
    for s in sources {
        let Some(c) = s.country.clone() else { continue };
        if s.code.get(3..) == Some(role) {
            continue;
        }
        pairs.push((
            s.clone(),
            ActorRef {
                code: format!("{c}{role}").into(),
                country: Some(c.clone()),
                span,
                via: format!("{why} ({c}{role})").into(),
            },
        ));
    }
    pairs.len() > before
}

/// "joining thousands of demonstrators in demanding": the group joined,
/// right before the "in" that opens the trigger's gerund.
fn joined_in(norms: &[&str], groups: &[Group], tstart: usize) -> Option<usize> {
    if tstart < 3 || norms[tstart - 1] != "in" || !norms[tstart].ends_with("ing") {
        return None;
    }
    let gi = groups.iter().position(|g| g.toks.1 == tstart - 1)?;
    let mut k = determiners_start(norms, groups[gi].toks.0);
    // (a count before the people: "thousands of")
    if k >= 2
        && norms[k - 1] == "of"
        && matches!(
            norms[k - 2],
            "thousands" | "hundreds" | "dozens" | "millions" | "scores"
        )
    {
        k -= 2;
    }
    (k > 0 && matches!(norms[k - 1], "join" | "joins" | "joined" | "joining")).then_some(gi)
}

/// The "committed / perpetrated / carried out / imposed ... by" phrase
/// within a few words after an act's noun ending at `end` ("the atrocities
/// committed by the PKK"): `Some(Some(group))` when it names an actor,
/// `Some(None)` when its doer is no actor ("imposed on Zimbabwe by some
/// countries"), `None` when there is no such phrase.
fn committed_by_phrase(
    lex: &Lexicon,
    norms: &[&str],
    groups: &[Group],
    end: usize,
    imposed_ok: bool,
) -> Option<Option<usize>> {
    let stop = (end + 4).min(norms.len());
    let k = (end..stop).find(|&k| lex.special.words.has(Words::DoneBy, norms[k]))?;
    // ("imposed" only right after the act's noun: in "a hunger strike in
    // protest against new agricultural laws imposed by the government"
    // the laws are imposed, not the strike)
    if norms[k] == "imposed" && (k != end || !imposed_ok) {
        return None;
    }
    // (only more nouns of the act between: in "expressed concerns about
    // the repression conducted by Hong Kong police" the concerns are not
    // the police's)
    if norms[end..k].iter().any(|w| {
        *w == ","
            || BARRIERS.contains(w)
            || is_determiner(w)
            || crate::mention::PREPOSITIONS.contains(w)
    }) {
        return None;
    }
    let mut b = if norms[k] == "carried" && norms.get(k + 1) == Some(&"out") {
        k + 2
    } else {
        k + 1
    };
    // (the one it is done to may come first: "the sanctions imposed on
    // Zimbabwe by some countries")
    if matches!(norms.get(b).copied(), Some("on" | "against" | "upon")) {
        b = (b + 1..(b + 7).min(norms.len()))
            .take_while(|&i| {
                // (nor past another participle: "because of transactions
                // made by two Chinese companies")
                let participle = norms[i].ends_with("ed") && norms[i] != "united";
                !(participle
                    || matches!(
                        norms[i],
                        "," | ";" | "and" | "that" | "which" | "because" | "after" | "for" | "over"
                    ))
            })
            .find(|&i| norms[i] == "by")?;
    }
    if norms.get(b) != Some(&"by") {
        return None;
    }
    Some(
        groups.iter().position(|g| {
            g.toks.0 > b && g.toks.0 <= b + 3 && !norms[b + 1..g.toks.0].contains(&",")
        }),
    )
}

/// "We applaud the Secretary-General and the United Nations for their role
/// in brokering the deal", "congratulate Guterres for his leadership in
/// achieving agreement": the group just before "for his/her/its/their",
/// when the trigger follows within a few words in the same clause.
/// "we support the ICC in fully investigating and prosecuting the crimes":
/// the actor after a verb of [aiding_verbs] and before "in" and the
/// gerund trigger (and the gerunds and adverbs joined before it).
fn aided_actor(lex: &Lexicon, norms: &[&str], groups: &[Group], tstart: usize) -> Option<usize> {
    if !norms[tstart].ends_with("ing") {
        return None;
    }
    let mut k = tstart;
    while k > 0
        && tstart - k < 6
        && (norms[k - 1].ends_with("ly")
            || norms[k - 1].ends_with("ing")
            || matches!(norms[k - 1], "and" | "," | "or"))
    {
        k -= 1;
    }
    if k < 2 || norms[k - 1] != "in" {
        return None;
    }
    let gi = groups.iter().position(|g| g.toks.1 == k - 1)?;
    let start = determiners_start(norms, groups[gi].toks.0);
    (start > 0 && lex.special.words.has(Words::AidingVerbs, norms[start - 1])).then_some(gi)
}

fn credited_actor(lex: &Lexicon, norms: &[&str], groups: &[Group], tstart: usize) -> Option<usize> {
    // "President Duterte thanked China for helping the Philippines": a
    // gerund right after the one thanked and "for" is what it is thanked
    // for
    if tstart >= 3 && norms[tstart - 1] == "for" && norms[tstart].ends_with("ing") {
        if let Some(gi) = groups.iter().position(|g| g.toks.1 == tstart - 1) {
            let start = determiners_start(norms, groups[gi].toks.0);
            if start > 0 && lex.special.words.has(Words::Thanks, norms[start - 1]) {
                return Some(gi);
            }
        }
    }
    let from = tstart.saturating_sub(8);
    let f = (from..tstart).rev().find(|&k| {
        norms[k] == "for"
            && matches!(
                norms.get(k + 1).copied(),
                Some("his" | "her" | "its" | "their")
            )
    })?;
    if norms[f..tstart]
        .iter()
        .any(|w| BARRIERS.contains(w) || *w == ",")
    {
        return None;
    }
    groups.iter().position(|g| g.toks.1 == f)
}

/// After the actor thanked (its mention ends at `span`): "for their early
/// gift of Covishield vaccines", "for its assistance": the aid code of what
/// it gave (073 when medical, else 070).
fn gift_thanked_for(
    lex: &Lexicon,
    toks: &[Token],
    norms: &[&str],
    span: Span,
) -> Option<&'static str> {
    let end = toks.iter().position(|t| t.span.start >= span.end)?;
    let f = (end..(end + 3).min(norms.len())).find(|&k| norms[k] == "for")?;
    let stop = (f + 8).min(norms.len());
    let gift = norms[f + 1..stop]
        .iter()
        .position(|w| lex.special.words.has(Words::Gifts, w))?;
    let after = &norms[f + 1..(f + 1 + gift + 6).min(norms.len())];
    let medical = after
        .iter()
        .any(|w| lex.special.words.has(Words::MedicalGifts, w));
    Some(if medical { "073" } else { "070" })
}

/// The seat of government named as a place after `from` ("at the
/// Kremlin", "in Seoul"): its noun phrase and country. Only a capital or a
/// seat the lexicon names as a government (`KORGOV | Seoul`), right after
/// "in" or "at" (and a determiner), and not past a new clause's subject.
fn host_seat<'a>(
    lex: &Lexicon,
    norms: &[&str],
    nps: &'a [Np],
    from: usize,
) -> Option<(usize, &'a str)> {
    nps.iter().enumerate().find_map(|(i, np)| {
        let (a, _) = np.toks;
        if a < from || a > from + 14 || np.parts.len() != 1 {
            return None;
        }
        let crate::MentionKind::Actor(x) = np.parts[0].kind else {
            return None;
        };
        let code = &lex.actors[x as usize].code;
        if code.len() != 6 || !code.ends_with("GOV") {
            return None;
        }
        let mut k = a;
        if k > 0 && matches!(norms[k - 1], "the") {
            k -= 1;
        }
        if k == 0 || !matches!(norms[k - 1], "in" | "at") {
            return None;
        }
        // (not "said in Beijing that ...": a later clause's place)
        if norms[from..a]
            .iter()
            .any(|w| matches!(*w, "said" | "says" | "told" | "and" | ";"))
        {
            return None;
        }
        np.country.as_deref().map(|c| (i, c))
    })
}

/// The actor right before "decision / plan / move ... to" just before the
/// trigger at `tstart` ("the US decision to sell", "Japan's plan to
/// release").
fn decided_by(lex: &Lexicon, norms: &[&str], groups: &[Group], tstart: usize) -> Option<usize> {
    if tstart < 3 || norms[tstart - 1] != "to" {
        return None;
    }
    let noun = tstart - 2;
    if !lex.special.words.has(Words::DecisionNouns, norms[noun]) {
        // "the decision of China's General Administration of Customs to
        // revoke": the actor after "of" (and its own "of" phrase)
        return groups.iter().position(|g| {
            let d = determiners_start(norms, g.toks.0);
            // (or "by": "efforts by the United States to impose illegal
            // sanctions")
            d >= 2
                && matches!(norms[d - 1], "of" | "by")
                && lex.special.words.has(Words::DecisionNouns, norms[d - 2])
                && g.toks.1 < tstart
                && tstart - 1 - g.toks.1 <= 2
                && norms[g.toks.1..tstart - 1]
                    .first()
                    .is_none_or(|w| *w == "of")
        });
    }
    let end = if norms[noun - 1] == "'s" || norms[noun - 1] == "’s" {
        noun - 1
    } else {
        noun
    };
    groups.iter().position(|g| g.toks.1 == end)
}

/// The group of a country's adjective right before the trigger's noun when
/// a preposition or a determiner shows it modifies that noun ("over
/// *Turkish* allegations", "the *Russian* invasion of"): one capitalised
/// word with an adjective's ending, the trigger's word in lower case; or
/// a country's possessive before the noun and its adjectives ("of
/// *Russia's* illegal and immoral invasion of Ukraine").
#[allow(clippy::too_many_arguments)]
fn adjective_source(
    lex: &Lexicon,
    text: &str,
    toks: &[Token],
    norms: &[&str],
    groups: &[Group],
    nps: &[Np],
    tstart: usize,
    spoken_by: &[(Option<usize>, usize)],
) -> Option<usize> {
    // (a verb's past after a place, "Bainimarama of Fiji traveled to", is no
    // noun)
    if tstart == 0
        || !text[toks[tstart].span].starts_with(|c: char| c.is_ascii_lowercase())
        || norms[tstart].ends_with("ed")
    {
        return None;
    }
    // (after a preposition, a determiner, or right after a verbal act:
    // "China firmly opposes US arms sales to Taiwan")
    let fronted = |g: &Group| {
        g.object_like
            || (g.toks.0 > 0 && crate::mention::is_determiner(norms[g.toks.0 - 1]))
            || spoken_by.iter().any(|&(_, end)| end == g.toks.0)
    };
    // the possessive: "Russia's" and up to four lower-case words (adjectives,
    // "and", commas) before the noun
    let possessive = (tstart.saturating_sub(5)..tstart).find_map(|k| {
        if norms[k] != "'s" || k == 0 {
            return None;
        }
        // (lower-case in the text, not nouns by their ending, and not a
        // coordination right before the trigger: in "commend Cuba's
        // resilience and urge the United States" the trigger is a verb)
        let between = k + 1..tstart;
        let plain = between.clone().all(|i| {
            let w = norms[i];
            let raw = &text[toks[i].span];
            matches!(w, "," | "and")
                || (raw.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                    && !crate::mention::is_determiner(w)
                    // (no auxiliary: in "Abe's visit will help" the
                    // possessive is the visit's, not the helping's)
                    && !crate::mention::is_aux_core(w)
                    && !matches!(
                        w,
                        "would" | "can" | "could" | "may" | "might" | "should" | "must"
                            | "shall" | "be" | "been" | "do" | "does" | "did"
                    )
                    && !["tion", "ment", "ness", "ence", "ance", "ity", "ship", "ism"]
                        .iter()
                        .any(|e| w.ends_with(e)))
        }) && !matches!(norms[tstart - 1], "," | "and" | "or");
        // (any possessive: "condemn Russia's war against Ukraine" too)
        let gi = groups.iter().position(|g| g.toks.1 == k)?;
        plain.then_some(gi)
    });
    let (gi, poss) = match possessive {
        Some(gi) => (gi, true),
        None => (
            groups
                .iter()
                .position(|g| g.toks.1 == tstart && fronted(g))?,
            false,
        ),
    };
    let g = &groups[gi];
    if g.members.len() != 1 || (!poss && g.toks.1 - g.toks.0 != 1) {
        return None;
    }
    // (not the second of a hyphened pair, "China-US trade talks", nor one of
    // a coordination, "the DPRK and the US")
    if g.toks.0 > 0 && matches!(norms[g.toks.0 - 1], "-" | "and" | "or")
        || g.toks.0 > 1 && matches!(norms[g.toks.0 - 2], "-" | "and" | "or")
    {
        return None;
    }
    let np = &nps[g.members[0]];
    if np.defaulted || np.country.is_none() {
        return None;
    }
    if poss {
        return Some(gi);
    }
    let raw = &text[toks[g.toks.0].span];
    // (names that end like an adjective are no adjective)
    let name = lex
        .special
        .words
        .has(Words::NamesLikeAdjectives, norms[g.toks.0]);
    // (or an abbreviation used as one: "US arms sales", "EU sanctions")
    let abbreviation = raw.len() <= 5
        && raw.bytes().any(|b| b.is_ascii_uppercase())
        && raw.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
    let adjective = abbreviation
        || (raw.starts_with(|c: char| c.is_uppercase())
            && !name
            && ["ish", "ian", "ean", "ese", "ic", "i", "ch", "can"]
                .iter()
                .any(|e| norms[g.toks.0].ends_with(e)));
    adjective.then_some(gi)
}

/// "resigned", "surrendered": acts done to no one (coded with a null target).
fn intransitive(lex: &Lexicon, norms: &[&str], m: &Match) -> bool {
    m.lits
        .first()
        .is_some_and(|&l| lex.special.words.has(Words::Intransitive, norms[l]))
}

/// The events of an `@speaker` pattern: the document's speaker (never a
/// journalist asking, never someone the sentence reports) acts on the actor
/// the words name: the pattern's slot, else the subject of the described
/// act ("it illegally detained" criticises whoever "it" is). The speaker's
/// words are asserted, and dated by the document (the date of the act they
/// describe is not the date they are said).
#[allow(clippy::too_many_arguments)]
fn speaker_event(
    coder: &Coder,
    doc: &Doc,
    idx: usize,
    span: Span,
    toks: &[Token],
    norms: &[&str],
    ids: &[u32],
    report_spots: &[(usize, usize)],
    groups: &[Group],
    nps: &[Np],
    m: &Match,
    tstart: usize,
    subjects: &[ActorRef],
    ctx: &DocContext,
    mut why: Why,
) -> Option<Vec<Event>> {
    let lex = coder.lex;
    let p = &lex.patterns[m.pattern as usize];
    let text = doc.text.as_str();
    if ctx.in_question || ctx.speaker.is_empty() {
        return None;
    }
    let speaker_country = ctx.speaker.first().and_then(|s| s.country.clone());
    if let Some(r) = reporter_of(lex, norms, ids, report_spots, groups, nps, text, m, tstart) {
        if r.country != speaker_country {
            return None;
        }
    }
    let slot = m.target_np.or(m.source_np);
    let about: Vec<ActorRef> = match slot {
        Some(np) => match groups.iter().find(|g| g.members.contains(&np)) {
            Some(g) => expand(coder, g, nps, text, ctx),
            None => return None,
        },
        None => subjects.to_vec(),
    };
    why.add(|| match slot {
        Some(_) => "source: the speaker of the document; target: the actor the words name".into(),
        None => {
            "source: the speaker of the document; target: the subject of the act described".into()
        }
    });
    let trigger = trigger_span(toks, m, tstart);
    let (date, basis) = match doc.date {
        Some(dd) => (Some(dyad_time::iso_day(dd)), Some("document")),
        None => (None, None),
    };
    let mut out = Vec::new();
    for t in about {
        if t.country.is_some() && t.country == speaker_country {
            continue;
        }
        for sp in &ctx.speaker {
            let mut s = sp.clone();
            s.span = trigger;
            if !distinct_actors(&s, &t) {
                continue;
            }
            out.push(Event {
                sentence: idx,
                sentence_span: span,
                source: s,
                target: Some(t.clone()),
                cameo: p.code.clone(),
                trigger,
                rule: p.origin.clone(),
                pattern: p.text.clone(),
                modality: Modality::Asserted,
                date: date.clone(),
                date_basis: basis,
                date_span: None,
                why: why.lines.clone(),
                reported_by: None,
                by_speaker: true,
                from_modifier: false,
                phrases: Default::default(),
            });
        }
    }
    Some(out)
}

/// Whether the trigger at `tstart` is the act an appeal asks for: "call
/// upon Iran to [fully] cooperate", right after the appeal's target and
/// "to", with at most two words (adverbs) between.
///
/// When no actor is named as the appeal's target before the act ("calls on
/// donor countries to maintain and increase development assistance"), the
/// words the appeal is made to are a few words with no barrier, then "to"
/// and at most three words (verbs joined by "and") before the trigger.
fn asked_act(norms: &[&str], nps: &[Np], appeal: &Match, tstart: usize) -> bool {
    let Some(t) = appeal.target_np.filter(|&t| nps[t].toks.1 <= tstart) else {
        let plain = |w: &&str| !BARRIERS.contains(w) && *w != "," && !is_aux_core(w);
        // ("a solemn appeal to the international community to stand with
        // Haiti": the appeal's own "to" before those appealed to)
        let from = if norms.get(appeal.end) == Some(&"to") {
            appeal.end + 1
        } else {
            appeal.end
        };
        let Some(to) = (from..tstart.min(from + 5)).find(|&i| norms[i] == "to") else {
            return false;
        };
        let object = &norms[from..to];
        // (those appealed to are a noun phrase: not "demanding instead to
        // negotiate", "lobbying so as to smear"; and the act follows its
        // verbs: not "to condemn Iran's interference", whose interference
        // is done)
        return tstart - to <= 4
            && object.iter().all(plain)
            && object.iter().any(|w| {
                !w.ends_with("ly")
                    && !matches!(
                        *w,
                        "instead" | "also" | "again" | "so" | "as" | "in" | "order"
                    )
            })
            && norms[to + 1..tstart]
                .iter()
                .all(|w| plain(w) && !is_determiner(w) && !matches!(*w, "'s" | "’s"))
            && !nps.iter().any(|n| n.toks.0 > to && n.toks.0 < tstart);
    };
    let mut after = nps[t].toks.1.max(appeal.end);
    // "asked Seoul to impose ...": the appeal's own pattern may end with
    // its "to"
    if after > 0 && norms[after - 1] == "to" && after <= tstart {
        after -= 1;
    }

    after < tstart
        && norms[after] == "to"
        && tstart - after <= 3
        && !norms[after..tstart]
            .iter()
            .any(|w| BARRIERS.contains(w) || *w == ",")
}

/// An act wanted of another actor ("wants Putin to attack Switzerland",
/// "pressure from Congress to help Iran"): a word of `[wanting]` (special/words.txt) before an
/// actor, or "pressure from" an actor, then "to" (and at most two words)
/// right before the trigger. The act is not done.
fn wanted_act(lex: &Lexicon, norms: &[&str], groups: &[Group], cs: usize, tstart: usize) -> bool {
    // ("warned Washington against sending missiles to Kyiv": an act
    // warned against, a gerund after "against")
    let Some(to) = (tstart.saturating_sub(3).max(cs)..tstart)
        .rev()
        .find(|&i| norms[i] == "to" || (norms[i] == "against" && norms[tstart].ends_with("ing")))
    else {
        return false;
    };
    let against = norms[to] == "against";
    if norms[to + 1..tstart]
        .iter()
        .any(|w| BARRIERS.contains(w) || *w == ",")
    {
        return false;
    }
    // the actor just before "to", and the wanting word just before it
    let Some(g) = groups.iter().find(|g| g.toks.1 == to && g.toks.0 >= cs) else {
        return false;
    };
    let mut k = g.toks.0;
    while k > cs && is_determiner(norms[k - 1]) {
        k -= 1;
    }
    if k == cs {
        return false;
    }
    let prev = norms[k - 1];
    if against {
        return lex.special.words.has(Words::Warning, prev);
    }
    lex.special.words.has(Words::Wanting, prev)
        || (prev == "from" && k >= 2 && matches!(norms[k - 2], "pressure" | "pressures"))
        // ("Obama is being pressured by Congress to help Iran": the one
        // pressed or asked in the passive, the pressing actor after "by")
        || (prev == "by"
            && k >= 2
            && lex.special.words.has(Words::PressingParticiples, norms[k - 2]))
}

/// Whether the trigger at `tstart` is in a clause after "that" opened by a
/// noun of accusation ("accusations by Netanyahu that Tehran was behind
/// the attack", "allegations that ..."): the noun at most five words
/// before the "that", the "that" at most eight words before the trigger,
/// no barrier or second "that" between.
fn accused_content(norms: &[&str], cs: usize, tstart: usize) -> bool {
    let Some(that) = (tstart.saturating_sub(8).max(cs)..tstart)
        .rev()
        .find(|&k| norms[k] == "that")
    else {
        return false;
    };
    if norms[that + 1..tstart]
        .iter()
        .any(|w| BARRIERS.contains(w) || matches!(*w, "," | ";" | "that"))
    {
        return false;
    }
    (that.saturating_sub(5)..that).any(|k| {
        matches!(
            norms[k],
            "accusation" | "accusations" | "allegation" | "allegations" | "charge" | "charges"
        ) && !norms[k + 1..that].iter().any(|w| matches!(*w, "," | ";"))
    })
}

/// "consular visits by the Canadian embassy": the group right after a
/// "by" that follows a match ending in a noun of the act (a plural, or a
/// noun of action: not a participle, "was visited by", which the passive
/// reads), with the noun itself after a determiner, an adjective or a
/// number rather than a subject.
fn noun_by_doer(norms: &[&str], groups: &[Group], m: &Match, tstart: usize) -> Option<usize> {
    if norms.get(m.end) != Some(&"by") || m.target_np.is_some() || tstart == 0 {
        return None;
    }
    // (every word of the match a noun: not "rejected accusations by the
    // US", "demand the lifting of sanctions by", whose verb is the subject's)
    let noun = |w: &str| {
        !w.ends_with("ed")
            && !w.ends_with("ing")
            && (is_act_noun(w)
                || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
                || matches!(
                    w,
                    "visit"
                        | "trip"
                        | "attack"
                        | "raid"
                        | "strike"
                        | "airstrike"
                        | "offensive"
                        // (the weapon before the act: "an air strike by")
                        | "air"
                        | "missile"
                        | "drone"
                        | "rocket"
                        | "artillery"
                ))
    };
    // (and the first after a determiner, a number or an adjective: not
    // "the government accepts the key demands by protesters")
    let before = norms[tstart - 1];
    let adjective = ["al", "ar", "ic", "ive", "ous", "ary", "ian", "less", "ful"]
        .iter()
        .any(|e| before.len() > 4 && before.ends_with(e))
        || matches!(
            before,
            "new" | "recent" | "latest" | "wrong" | "further" | "multiple" | "joint" | "first"
        );
    let nominal = is_determiner(before) || before.chars().all(|c| c.is_ascii_digit()) || adjective;
    if !m.lits.iter().all(|&l| noun(norms[l])) || !nominal {
        return None;
    }
    groups
        .iter()
        .position(|g| g.toks.0 > m.end && determiners_start(norms, g.toks.0) == m.end + 1)
}

/// The words that fired a match, as one span.
fn trigger_span(toks: &[Token], m: &Match, tstart: usize) -> Span {
    m.lits
        .iter()
        .map(|&i| toks[i].span)
        .reduce(|a, b| a.cover(b))
        .unwrap_or(toks[tstart].span)
}

/// Statements (010) say little on their own: "Amnesty International issued
/// a statement calling on the Belarusian authorities to ..." is the appeal,
/// the statement only its vehicle; "made remarks related to China" or
/// "issued a statement on the situation in Hong Kong" names a topic, not
/// one spoken to. A 010 event is kept only when its speaker does nothing
/// more specific in the sentence and its target is the audience (after
/// "to", "at" or "before": "made a statement to the media", "delivered a
/// speech at the UN").
fn drop_bare_statements(out: &mut Vec<Event>, text: &str) {
    if !out.iter().any(|e| e.cameo == "010") {
        return;
    }
    let party = |a: &ActorRef| a.country.clone().unwrap_or_else(|| a.code.clone());
    let speakers: Vec<SharedStr> = out
        .iter()
        .filter(|e| e.cameo != "010")
        .map(|e| party(&e.source))
        .collect();
    let audience = |e: &Event| {
        e.target.as_ref().is_some_and(|t| {
            let before = text.get(..t.span.start).unwrap_or("");
            let mut words = before
                .split_whitespace()
                .rev()
                .map(|w| w.to_lowercase())
                .filter(|w| !matches!(w.as_str(), "the" | "a" | "an"));
            let word = words.next().unwrap_or_default();
            // not "related to", "in the run-up to", "according to"
            let prev = words.next().unwrap_or_default();
            matches!(word.as_str(), "to" | "at" | "before")
                && !matches!(
                    prev.as_str(),
                    "related"
                        | "relating"
                        | "pertaining"
                        | "according"
                        | "due"
                        | "runup"
                        | "run-up"
                        | "lead-up"
                        | "prior"
                        | "ahead"
                        | "regard"
                )
        })
    };
    out.retain(|e| e.cameo != "010" || (!speakers.contains(&party(&e.source)) && audience(e)));
}

/// "China and Russia will work together to upgrade practical cooperation"
/// is one promise: the general intent (030, "work together") frames the
/// specific one (0311, "upgrade practical cooperation"), so the general one
/// is dropped where the same pair also has a specific intent in the
/// sentence.
fn drop_general_intents(out: &mut Vec<Event>) {
    let specific = |e: &Event| e.cameo.starts_with("03") && e.cameo != "030";
    // a country and its government are one party here
    let party = |a: &ActorRef| a.country.clone().unwrap_or_else(|| a.code.clone());
    let pairs: Vec<(SharedStr, Option<SharedStr>)> = out
        .iter()
        .filter(|e| specific(e))
        .map(|e| (party(&e.source), e.target.as_ref().map(party)))
        .collect();
    if pairs.is_empty() {
        return;
    }
    out.retain(|e| {
        e.cameo != "030"
            || !pairs
                .iter()
                .any(|(s, t)| *s == party(&e.source) && *t == e.target.as_ref().map(party))
    });
}

fn first_person_before(norms: &[&str], from: usize, to: usize) -> Option<usize> {
    // "allow me to express my thanks": the speaker acts
    (from..to).find(|&i| {
        matches!(norms[i], "we" | "i")
            || (norms[i] == "me" && i > 0 && matches!(norms[i - 1], "allow" | "let" | "permit"))
            // "the right time for me to thank" (not the hortative "let us
            // work together": everyone in the hall, no act of the speaker)
            || (norms[i] == "me"
                && i > 0
                && norms[i - 1] == "for"
                && norms.get(i + 1) == Some(&"to"))
            // "it is my pleasure to congratulate", "it is our honour to"
            || (matches!(norms[i], "my" | "our") && {
                let k = if matches!(
                    norms.get(i + 1).copied(),
                    Some("great" | "distinct" | "special" | "singular" | "deep" | "sad")
                ) {
                    i + 2
                } else {
                    i + 1
                };
                matches!(
                    norms.get(k).copied(),
                    Some("pleasure" | "honour" | "honor" | "privilege" | "duty")
                )
            })
    })
}

/// "we" or "I" as the subject of the clause at `to`: in the clause, or
/// earlier in the sentence when the clause is one of its coordinated verbs
/// ("we will focus on priorities, address inadequacies, and upgrade ...")
/// and no other subject stands between.
fn first_person_subject(norms: &[&str], groups: &[Group], cs: usize, to: usize) -> Option<usize> {
    if let Some(i) = first_person_before(norms, cs, to) {
        return Some(i);
    }
    let i = (0..cs).rev().find(|&i| matches!(norms[i], "we" | "i"))?;
    let other = groups
        .iter()
        .any(|g| g.toks.0 > i && g.toks.1 <= to && !g.object_like);
    let barrier = norms[i..to]
        .iter()
        .any(|w| BARRIERS.contains(w) || matches!(*w, "that" | "which" | "who" | "if" | "when"));
    (!other && !barrier).then_some(i)
}

/// Whether "we" in a text with no named speaker can stand for the
/// document's pair: the sentence names both ("between the two countries",
/// "the China-Russia Year of ...") or both were the last subject.
fn pair_in_view(ctx: &DocContext, nps: &[Np], groups: &[Group]) -> bool {
    let Some((a, b)) = &ctx.pair else {
        return false;
    };
    if nps.iter().any(|n| n.reciprocal) {
        return true;
    }
    let named = |c: &str| {
        groups.iter().any(|g| {
            g.members
                .iter()
                .any(|&m| nps[m].country.as_deref() == Some(c) && !nps[m].defaulted)
        })
    };
    let in_group = named(a) && named(b);
    let has = |c: &str| {
        ctx.last_subject
            .iter()
            .any(|s| s.country.as_deref() == Some(c))
    };
    in_group || (has(a) && has(b))
}

/// "Pakistan, a key U.S. ally in the war against terrorism, has refused
/// ...": the group `gi` stands in an apposition (", a/an/the ... ,") that
/// follows an earlier group and closes before the trigger; that earlier
/// group is the subject.
fn apposition_head(norms: &[&str], groups: &[Group], gi: usize, tstart: usize) -> Option<usize> {
    let g = &groups[gi];
    let close = (g.toks.1..tstart).find(|&i| norms[i] == ",")?;
    if norms[close + 1..tstart]
        .iter()
        .any(|w| BARRIERS.contains(w) || *w == ",")
    {
        return None;
    }
    // "the Myanmar government and the three armed groups, namely the NDAA,
    // the TNLA and the AA, reached": the list after ", namely" stands in
    // for the phrase before it
    if let Some(h) = groups[..gi].iter().rposition(|h| {
        h.toks.1 + 1 < g.toks.0 && norms[h.toks.1] == "," && norms[h.toks.1 + 1] == "namely"
    }) {
        if !norms[groups[h].toks.1..tstart]
            .iter()
            .any(|w| BARRIERS.contains(w))
        {
            return Some(h);
        }
    }
    let h = groups[..gi].iter().rposition(|h| {
        h.toks.1 < g.toks.0
            && norms[h.toks.1] == ","
            && matches!(
                norms.get(h.toks.1 + 1),
                Some(&"a") | Some(&"an") | Some(&"the")
            )
    })?;
    let open = groups[h].toks.1;
    (!norms[open + 1..close].contains(&",")).then_some(h)
}

/// "made clear its position to the Canadian side and the US side,
/// demanding them to clarify": an object pronoun right after the trigger
/// ("them", "him", or "her" before "to") names the nearest actors before
/// the trigger that are not its subject, when a comma or "and" stands
/// between them and the trigger. Returns their group.
fn object_pronoun(
    norms: &[&str],
    groups: &[Group],
    nps: &[Np],
    tstart: usize,
    end: usize,
    source_group: Option<usize>,
) -> Option<usize> {
    let k = (tstart + 1..(tstart + 3).min(end + 1).min(norms.len())).find(|&i| {
        matches!(norms[i], "them" | "him") || (norms[i] == "her" && norms.get(i + 1) == Some(&"to"))
    })?;
    let gi = groups.iter().rposition(|g| g.toks.1 <= tstart)?;
    let g = &groups[gi];
    if Some(gi) == source_group
        || !norms[g.toks.1..tstart]
            .iter()
            .any(|w| matches!(*w, "," | "and"))
        || norms[g.toks.1..tstart].iter().any(|w| BARRIERS.contains(w))
        || !g.members.iter().all(|&n| nps[n].code.is_some())
    {
        return None;
    }
    // (not a place: "the U.S. consulate in the southern province of Adana,
    // after it convicted him")
    let d = determiners_start(norms, g.toks.0);
    if d > 0 && matches!(norms[d - 1], "in" | "of" | "at" | "from" | "near" | "on") {
        return None;
    }
    // ("them" for several actors or a plural noun, "him"/"her" for one:
    // not "made donations to China, for which we thank them")
    let ok = if norms[k] == "them" {
        g.members.len() > 1 || norms[g.toks.1 - 1].ends_with('s')
    } else {
        g.members.len() == 1
    };
    ok.then_some(gi)
}

/// Whether a pattern names an armed act by its doer alone ("{S}
/// aggression"): its target is never the first actor after it, only the
/// victim [`victim_named`] finds.
fn doer_only(p: &dyad_lexicon::Pattern) -> bool {
    p.code.starts_with("19")
        && p.leading_slot() == Some(&dyad_lexicon::Elem::Source)
        && !p.elems.contains(&dyad_lexicon::Elem::Target)
}

/// "condemn the Russian aggression and emphasize Portugal's support for
/// the sovereignty of Ukraine": an armed act told by its doer alone (a
/// pattern whose first slot is its doer, "{S} aggression") is aimed at the
/// one state the sentence names besides the doer's and the speaker's
/// country, if there is exactly one. Returns its group.
fn victim_named(
    lex: &Lexicon,
    norms: &[&str],
    nps: &[Np],
    groups: &[Group],
    p: &dyad_lexicon::Pattern,
    sources: &[ActorRef],
    ctx: &DocContext,
) -> Option<usize> {
    if !doer_only(p) {
        return None;
    }
    let doer = sources.first()?.country.as_deref()?;
    let speaker = ctx.speaker.first().and_then(|s| s.country.as_deref());
    // the speaker's own country only where it is the object of a
    // preposition ("the aggression against the sovereign territory of the
    // Republic of Armenia" in Armenia's statement), not "Portugal's support"
    let object = |np: &Np| {
        let d = determiners_start(norms, np.toks.0);
        d > 0 && matches!(norms[d - 1], "of" | "against" | "on" | "into" | "in")
    };
    for with_speaker in [false, true] {
        let mut found: Option<(usize, &str)> = None;
        for (gi, g) in groups.iter().enumerate() {
            for &n in &g.members {
                let np = &nps[n];
                let Some(c) = np.country.as_deref() else {
                    continue;
                };
                if np.reciprocal || np.defaulted || c == doer {
                    continue;
                }
                if Some(c) == speaker && !(with_speaker && object(np)) {
                    continue;
                }
                if !lex.countries.contains(c) || lex.regions.contains(c) {
                    continue;
                }
                match found {
                    Some((_, f)) if f != c => return None,
                    Some(_) => {}
                    None => found = Some((gi, c)),
                }
            }
        }
        if let Some((gi, _)) = found {
            return (groups[gi].members.len() == 1).then_some(gi);
        }
    }
    None
}

/// An object pronoun right after an act's words, followed by the word
/// that goes on with what the act asks or holds against it ("urge them
/// to", "accuse it of", and unless `strict` "thank them for",
/// "congratulate him on", after which the actor meant may be named:
/// "congratulate him on his re-election as Secretary-General"). Returns
/// its token.
fn object_pronoun_after(norms: &[&str], end: usize, strict: bool) -> Option<usize> {
    let next = norms.get(end + 1).copied();
    (matches!(norms.get(end).copied(), Some("it" | "them" | "him" | "her"))
        && (matches!(next, Some("to" | "of" | "not"))
            || (!strict && matches!(next, Some("for" | "on")))))
    .then_some(end)
}

/// A gerund after "while", "whilst" or "when" right after a past participle
/// ("activists detained while investigating a company", "journalists
/// killed when covering the protests"): `Some` with the group that ends
/// right before the participle (the people it describes), or `Some(None)`
/// when no actor ends there.
fn while_done(norms: &[&str], groups: &[Group], tstart: usize) -> Option<Option<usize>> {
    if tstart < 3
        || !norms[tstart].ends_with("ing")
        || !matches!(norms[tstart - 1], "while" | "whilst" | "when")
        || !norms[tstart - 2].ends_with("ed")
    {
        return None;
    }
    // ("protesters were arrested while marching on the embassy": a
    // passive's auxiliary may stand between)
    let mut end = tstart - 2;
    while end > 0
        && (is_be_form(norms[end - 1]) || matches!(norms[end - 1], "have" | "has" | "had"))
    {
        end -= 1;
    }
    Some(groups.iter().position(|g| g.toks.1 == end))
}

/// Where "those", "anyone" or "everyone" stands before a "who" that opens
/// the trigger's clause (past auxiliaries, modals, "not", "continue to"
/// and adverbs), after `from`.
fn those_who(norms: &[&str], from: usize, tstart: usize) -> Option<usize> {
    let mut k = tstart;
    while k > from + 1
        && k + 4 > tstart
        && (is_aux_core(norms[k - 1])
            || is_modal(norms[k - 1])
            || norms[k - 1].ends_with("ly")
            || matches!(
                norms[k - 1],
                "not" | "continue" | "continues" | "to" | "still"
            ))
    {
        k -= 1;
    }
    (k >= from + 2
        && norms[k - 1] == "who"
        && matches!(
            norms[k - 2],
            "those" | "anyone" | "anybody" | "everyone" | "whoever"
        ))
    .then(|| k - 2)
}

/// Whether the capitalised trigger at `tstart` is part of a document's title
/// after "the" and a preposition ("in both the Sino-British Joint
/// Declaration", "under the Joint Comprehensive Plan of Action"): the
/// capitalised words and hyphens before it back to "the", and "in", "under",
/// "of", "by", "with", "to", "within" or "from" before that (at most
/// "both" or "all" between).
fn named_document(text: &str, toks: &[Token], norms: &[&str], tstart: usize) -> bool {
    let capital = |i: usize| text[toks[i].span].starts_with(|c: char| c.is_ascii_uppercase());
    if tstart == 0 || !capital(tstart) {
        return false;
    }
    let mut k = tstart;
    while k > 0 && (capital(k - 1) || norms[k - 1] == "-") && norms[k - 1] != "the" {
        k -= 1;
    }
    if k == 0 || norms[k - 1] != "the" {
        return false;
    }
    let mut b = k - 1;
    if b > 0 && matches!(norms[b - 1], "both" | "all") {
        b -= 1;
    }
    b > 0
        && matches!(
            norms[b - 1],
            "in" | "under" | "of" | "by" | "with" | "to" | "within" | "from"
        )
}

/// Whether the trigger at `tstart` names a document that exists, after
/// "according to", "under", "in accordance with", "pursuant to" or "in
/// violation of" and "the" (and at most three modifiers): "according to
/// the withdrawal agreement between the UK and the EU".
fn existing_document(norms: &[&str], tstart: usize) -> bool {
    let mut k = tstart;
    while k > 0 && k + 3 >= tstart && norms[k - 1] != "the" && !is_determiner(norms[k - 1]) {
        if !norms[k - 1]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-')
        {
            return false;
        }
        k -= 1;
    }
    if k < 3 || norms[k - 1] != "the" {
        return false;
    }
    matches!(
        (norms[k - 3], norms[k - 2]),
        ("according" | "pursuant" | "contrary", "to")
            | (
                "accordance" | "line" | "violation" | "breach" | "framework",
                "with" | "of"
            )
            | (_, "under")
    )
}

/// Where an object that names no one ends, when the words at `end`, right
/// after an act's trigger, are one before "to" or "for" ("urged certain
/// countries to stop interfering in China's internal affairs", "ready to
/// work with other parties to implement the resolution", "thank all
/// countries for the trust they placed in Viet Nam"): an actor named after it in the
/// clause is no target (one inside it, "urge certain US politicians to",
/// still is).
fn unnamed_object_after(lex: &Lexicon, norms: &[&str], end: usize) -> Option<usize> {
    if !matches!(
        norms.get(end).copied(),
        Some("certain" | "some" | "other" | "relevant" | "all" | "those" | "these" | "several")
    ) {
        return None;
    }
    (end + 1..(end + 4).min(norms.len())).find(|&k| {
        let w = norms[k];
        (lex.special.words.has(Words::GenericSubjects, w)
            || lex.special.words.has(Words::PeopleIn, w))
            && match norms.get(k + 1).copied() {
                // (not "relevant parties to the Afghan issue")
                Some("to") => norms.get(k + 2).is_some_and(|w| !is_determiner(w)),
                // ("thank all countries for the trust they have placed in
                // Viet Nam")
                Some("for") => true,
                _ => false,
            }
            // (nor "pooling supplies all over the country to help China")
            && !norms[end + 1..k]
                .iter()
                .any(|w| crate::mention::PREPOSITIONS.contains(w))
    })
}

/// Whether the phrase at `start` is where an interference named by a noun
/// after the act's words (at or after `end`) takes place ("oppose the interference
/// in Hong Kong affairs", "the meddling in the internal affairs of
/// Venezuela").
/// Whether the group at `start` comes after an attack or an incident
/// named right after a criticism that ends at `end`, and after the
/// preposition of where or whom it struck ("condemned the terrorist attack
/// on a church", "condemns these terrorist attacks in Surabaya"), with no
/// actor named before the attack (its doer: "condemned Israel's attack on
/// Gaza") and no "by" after it ("the attack on the embassy by militias").
fn criticised_incident(
    lex: &Lexicon,
    norms: &[&str],
    groups: &[Group],
    start: usize,
    end: usize,
) -> bool {
    let stop = |w: &str| matches!(w, "," | ";" | ":" | "." | "by" | "which" | "that" | "who");
    (end..start.min(end + 7)).any(|k| {
        lex.special.words.has(Words::ViolentIncidents, norms[k])
            // (not the last of a list the criticism opens: "accusations,
            // smears and attacks against China" are the critic's own)
            && !norms[end..k].iter().any(|w| matches!(*w, "and" | "or"))
            && matches!(
                norms.get(k + 1).copied(),
                Some("on" | "in" | "at" | "against" | "near" | "targeting")
            )
            && !norms[end..k].iter().any(|w| stop(w))
            && !groups.iter().any(|h| h.toks.0 >= end && h.toks.0 < k)
            && !norms[k + 1..start].iter().any(|w| stop(w) && *w != ",")
            && !norms[k + 1..start].contains(&"by")
    })
}

fn interfered_in(norms: &[&str], start: usize, end: usize) -> bool {
    let d = determiners_start(norms, start);
    let k = if d >= 2 && norms[d - 1] == "of" && norms[d - 2] == "affairs" {
        determiners_start(norms, modifiers_start(norms, d - 2, &[]))
    } else {
        d
    };
    // (the noun, not a verb coordinated with the act: "criticizing and
    // meddling in the Human Rights Council's affairs" is aimed at it)
    k >= end + 2
        && matches!(norms[k - 1], "in" | "into")
        && matches!(
            norms[k - 2],
            "interference" | "intervention" | "meddling" | "intrusion"
        )
        && !matches!(norms[k - 3], "and" | "or" | ",")
}

/// A relative clause set off by commas within a few words after `end`
/// (", who ...,", ", which ...,", ", most of whom ...,"): the tokens of its
/// two commas.
fn relative_aside(norms: &[&str], end: usize) -> Option<(usize, usize)> {
    let a = (end..(end + 6).min(norms.len())).find(|&k| norms[k] == ",")?;
    let w = |i: usize| norms.get(i).copied().unwrap_or("");
    // (or an example of its object: "the deployment of 230 troops,
    // including 19 officers, to Liberia")
    let opens = matches!(w(a + 1), "who" | "whom" | "whose" | "which" | "including")
        || (matches!(
            w(a + 1),
            "most" | "many" | "some" | "all" | "none" | "several" | "both" | "one" | "two"
        ) && w(a + 2) == "of"
            && matches!(w(a + 3), "whom" | "which"));
    if !opens {
        return None;
    }
    let c = (a + 2..(a + 25).min(norms.len()))
        .take_while(|&k| !matches!(norms[k], ";" | ":" | "." | "?" | "!"))
        .find(|&k| norms[k] == ",")?;
    // (the act's phrase goes on after it with a preposition: "..., to
    // Georgia"; not "the attack, which killed dozens in Kabul,
    // Afghanistan")
    matches!(
        w(c + 1),
        "to" | "into" | "from" | "with" | "for" | "against" | "on" | "in" | "at"
    )
    .then_some((a, c))
}

/// An earlier sentence's subject `last` as the actor a pronoun at `span`
/// stands for.
fn pronoun_ref(last: &ActorRef, text: &str, span: Span) -> ActorRef {
    let mut a = last.clone();
    a.span = span;
    a.via = format!(
        "pronoun \"{}\" -> {} of an earlier sentence",
        &text[span], last.code
    )
    .into();
    a
}

/// A noun for a body of soldiers ("troops arrived in", "peacekeepers").
fn troop_noun(w: &str) -> bool {
    matches!(
        w,
        "troops" | "soldiers" | "peacekeepers" | "marines" | "paratroopers" | "contingent"
    )
}

fn pronoun_before(norms: &[&str], from: usize, to: usize) -> Option<usize> {
    (from..to).find(|&i| matches!(norms[i], "it" | "they" | "he" | "she"))
}

/// The actors of a group, with reciprocal references resolved to the pair.
fn expand(coder: &Coder, g: &Group, nps: &[Np], text: &str, ctx: &DocContext) -> Vec<ActorRef> {
    let mut out = Vec::new();
    for &n in &g.members {
        let np = &nps[n];
        if np.reciprocal {
            let local = ctx.local_pair.is_some() && ctx.local_pair != ctx.pair;
            if let Some((a, b)) = ctx.local_pair.as_ref().or(ctx.pair.as_ref()) {
                for c in [a, b] {
                    let code: SharedStr = if np.gov && c.len() == 3 {
                        SharedStr::concat(&[c, "GOV"])
                    } else {
                        c.clone()
                    };
                    out.push(ActorRef {
                        country: coder.lex.country_of(&code).or(Some(c.clone())),
                        code,
                        span: np.span,
                        via: if local {
                            format!(
                                "{}; the pair named in or just before the sentence {a}–{b}",
                                np.via
                            )
                        } else {
                            format!("{}; the document's pair {a}–{b}", np.via)
                        }
                        .into(),
                    });
                }
            }
        } else if let Some(a) = np.actor_ref(text) {
            out.push(a);
        }
    }
    out
}

/// The span of a time expression in the clause of the trigger at `tstart`,
/// the one nearest it, when that time begins after the document's date
/// ("visit China next week"); a deadline ("by 2024") or a start ("since")
/// does not date the act.
fn future_date(
    dates: &[TimeExpr],
    toks: &[Token],
    norms: &[&str],
    tstart: usize,
    doc: &Doc,
) -> Option<Span> {
    let dd = doc.date?;
    let trig = toks[tstart].span;
    let clause = |tok_of: usize| {
        let (a, b) = if tok_of < tstart {
            (tok_of, tstart)
        } else {
            (tstart, tok_of)
        };
        let span = &norms[a..b];
        !span
            .iter()
            .any(|w| BARRIERS.contains(w) || matches!(*w, "after" | "before" | "since" | "when"))
            // (nor a relative clause set off by a comma: "was refused
            // entry into China, which had planned a trip ... in September")
            && !span
                .windows(2)
                .any(|w| w[0] == "," && matches!(w[1], "which" | "who" | "whose"))
    };
    let tok_at = |pos: usize| {
        toks.iter()
            .position(|t| t.span.start >= pos)
            .unwrap_or(toks.len().saturating_sub(1))
    };
    let best = dates
        .iter()
        .filter(|d| d.value.is_resolved() && matches!(d.relation, Relation::At))
        .filter(|d| clause(tok_at(d.span.start)))
        // "to run in the October 2020 election": a date after a
        // determiner names a thing, not when the act happens
        .filter(|d| {
            let k = tok_at(d.span.start);
            !(k > 0 && crate::mention::is_determiner(norms[k - 1]))
        })
        .min_by_key(|d| {
            if d.span.end <= trig.start {
                trig.start - d.span.end
            } else {
                d.span.start.saturating_sub(trig.end)
            }
        })?;
    let (start, _) = best.value.bounds()?;
    (start > dd).then_some(best.span)
}

/// A year or date that names a document: "extend the 2001 treaty", "the
/// 1997 Joint Declaration", "the 2015 nuclear agreement" (a determiner
/// before it, a document's noun within two words after it). Such a date is
/// the document's, not the act's; "at the 2019 summit" still dates it.
fn names_a_document(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end();
    let det = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "the" | "a" | "an" | "its" | "their"
            )
        });
    if !det {
        return false;
    }
    text[span.end..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2)
        .any(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "treaty"
                    | "treaties"
                    | "agreement"
                    | "agreements"
                    | "accord"
                    | "accords"
                    | "declaration"
                    | "communique"
                    | "resolution"
                    | "convention"
                    | "constitution"
                    | "law"
                    | "act"
                    | "pact"
                    | "deal"
                    | "protocol"
                    | "charter"
                    | "memorandum"
            )
        })
}

/// The temporal expression nearest the trigger, else the document date.
fn pick_date(
    dates: &[TimeExpr],
    trigger: Span,
    doc: &Doc,
    asserted: bool,
    why: &mut Why,
) -> (Option<String>, Option<&'static str>, Option<Span>) {
    // what has been done cannot be dated after the text that tells it: "a
    // road map for cooperation from 2020 to 2025" dates the plan, not the
    // signing
    // (a single date after the document's is kept: the document date may
    // be the one that is wrong)
    let too_late = |v: &dyad_time::TimeValue| match (doc.date, v.bounds()) {
        (Some(dd), Some((_, end))) => matches!(v, dyad_time::TimeValue::Range(..)) && end > dd,
        _ => false,
    };
    let best = dates
        .iter()
        // "since 2000" starts a span and "by 2024" is a deadline (a
        // commitment's due date): neither is when the act happened
        .filter(|d| {
            d.value.is_resolved()
                && !matches!(d.relation, Relation::After | Relation::Before)
                && !(asserted && too_late(&d.value))
        })
        .filter(|d| !names_a_document(doc.text.as_str(), d.span))
        // "issued a joint statement extending the Treaty, which the two
        // countries signed on July 16, 2001": a relative clause between the
        // trigger and the date has its own time
        .filter(|d| {
            let (a, b) = if d.span.start >= trigger.end {
                (trigger.end, d.span.start)
            } else {
                (d.span.end.min(trigger.start), trigger.start)
            };
            !doc.text.as_str()[a..b]
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "which" || w == "whom")
        })
        .min_by_key(|d| {
            if d.span.end <= trigger.start {
                trigger.start - d.span.end
            } else {
                d.span.start.saturating_sub(trigger.end)
            }
        });
    if let Some(d) = best {
        why.add(|| {
            format!(
                "date: {} from \"{}\" (rule {})",
                d.value.iso(),
                &doc.text.as_str()[d.span],
                d.rule
            )
        });
        return (Some(d.value.iso()), Some("text"), Some(d.span));
    }
    match doc.date {
        Some(dd) => {
            why.add(|| "date: no temporal expression; the document date".into());
            (Some(dyad_time::iso_day(dd)), Some("document"), None)
        }
        None => (None, None, None),
    }
}

/// Two actors that can be source and target of one event: different
/// countries, or one country's distinct roles (government and rebels), but
/// not a country and its own government ("China" and "the Chinese side").
fn distinct_actors(a: &ActorRef, b: &ActorRef) -> bool {
    if a.code == b.code {
        return false;
    }
    if a.country.is_none() || a.country != b.country {
        return true;
    }
    let role = |x: &ActorRef| x.code.get(3..).unwrap_or("").to_string();
    let (ra, rb) = (role(a), role(b));
    ra != rb && !matches!((ra.as_str(), rb.as_str()), ("", "GOV") | ("GOV", ""))
}

/// The actor of a reporting verb in the sentence ("X said that ...",
/// "..., a spokesman said"), other than the trigger itself.
#[allow(clippy::too_many_arguments)]
fn reporter_of(
    lex: &dyad_lexicon::Lexicon,
    norms: &[&str],
    ids: &[u32],
    spots: &[(usize, usize)],
    groups: &[Group],
    nps: &[Np],
    text: &str,
    m: &Match,
    tstart: usize,
) -> Option<ActorRef> {
    let _ = (lex, ids);
    for &(i, end) in spots {
        if m.lits.contains(&i) {
            continue;
        }
        // the reporter is the group just before the verb, or just after it
        // ("said Putin"); a report before the trigger governs it, one after
        // the trigger closes the sentence ("..., the minister said")
        if i >= tstart
            && !norms[end..]
                .iter()
                .all(|w| !w.chars().any(char::is_alphanumeric) || *w == "on" || *w == "today")
            && end < norms.len()
        {
            let after = groups.iter().find(|g| {
                g.toks.0 >= end && g.toks.0 <= end + 2 && !norms[end..g.toks.0].contains(&"that")
            });
            if let Some(g) = after {
                return g.members.first().and_then(|&n| nps[n].actor_ref(text));
            }
            continue;
        }
        let before = groups
            .iter()
            .rev()
            .find(|g| g.toks.1 <= i && g.toks.1 + 3 >= i);
        if let Some(g) = before {
            return g.members.first().and_then(|&n| nps[n].actor_ref(text));
        }
        // ("it is reported that the DPRK-US summit ...": what follows
        // "that" is what was reported, not who reported it)
        let after = groups.iter().find(|g| {
            g.toks.0 >= end && g.toks.0 <= end + 2 && !norms[end..g.toks.0].contains(&"that")
        });
        if let Some(g) = after {
            return g.members.first().and_then(|&n| nps[n].actor_ref(text));
        }
    }
    None
}

/// The reasons of an event, written only when tracing (`dyad explain`):
/// formatting them for every event would cost more than coding it.
pub(crate) struct Why {
    on: bool,
    pub(crate) lines: Vec<String>,
}

/// The last line of a trace when it says why the event stopped, else `or`.
fn why_last(why: &Why, or: &str) -> String {
    why.lines
        .last()
        .filter(|l| l.starts_with("no ") || l.starts_with("dropped"))
        .cloned()
        .unwrap_or_else(|| or.to_string())
}

impl Why {
    fn new(on: bool) -> Why {
        Why {
            on,
            lines: Vec::new(),
        }
    }
    fn add(&mut self, line: impl FnOnce() -> String) {
        if self.on {
            self.lines.push(line());
        }
    }
}

/// The places `(start, end)` where phrases of a word list stand.
fn phrase_spots(
    ids: &[u32],
    (list, firsts, starts): dyad_lexicon::SpecialList<'_>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // the phrases' first words as a bit set (made with the lexicon): most
    // tokens start none
    for i in 0..ids.len() {
        let t = ids[i];
        if t == u32::MAX || !dyad_lexicon::mask_has(firsts, t) {
            continue;
        }
        // the phrases that start with this word, in list order
        let lo = starts.partition_point(|&(f, _)| f < t);
        if let Some(p) = starts[lo..]
            .iter()
            .take_while(|&&(f, _)| f == t)
            .map(|&(_, k)| &list[k as usize])
            .find(|p| i + p.len() <= ids.len() && p[..] == ids[i..i + p.len()])
        {
            out.push((i, i + p.len()));
        }
    }
    out
}
