//! Actor mentions, noun phrases and compound groups.
//!
//! Dictionary phrases are found longest-first; adjacent pieces that belong
//! together ("Chinese" + "President" + "Xi Jinping", "the government of" +
//! "China", "China" + "'s" + "foreign minister") are joined into one noun
//! phrase with one code; noun phrases joined by "and" or commas form a
//! compound group, which the frames split into one event per actor pair.
use crate::ActorRef;
use chrono::NaiveDate;
use dyad_lexicon::Words;
use dyad_lexicon::{ActorKind, Lexicon, PhraseHits, PhraseTarget};
use dyad_text::{SharedStr, Span, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Actor(u32),
    Person(u32),
    Agent(u32),
    Reciprocal,
}

/// One dictionary phrase found in the text.
#[derive(Debug, Clone)]
pub struct Mention {
    pub kind: MentionKind,
    /// Token range `[start, end)`.
    pub toks: (usize, usize),
    pub entry: u32,
}

/// A noun phrase naming one actor (or a reciprocal reference).
#[derive(Debug, Clone)]
pub struct Np {
    pub toks: (usize, usize),
    pub span: Span,
    pub code: Option<SharedStr>,
    pub country: Option<SharedStr>,
    pub reciprocal: bool,
    /// Reciprocal phrases naming governments ("the two presidents").
    pub gov: bool,
    pub via: SharedStr,
    pub parts: Vec<Mention>,
    /// The country came from the context, not from the phrase itself
    /// ("the rebels" in a sentence about Sudan).
    pub defaulted: bool,
}

impl Np {
    pub fn actor_ref(&self, _text: &str) -> Option<ActorRef> {
        let code = self.code.clone()?;
        Some(ActorRef {
            code,
            country: self.country.clone(),
            span: self.span,
            via: self.via.clone(),
        })
    }
    pub fn describe(&self, text: &str) -> String {
        let what = if self.reciprocal {
            "reciprocal (both actors of the pair)".to_string()
        } else {
            match &self.code {
                Some(c) => format!(
                    "{c} (country {})",
                    self.country.as_deref().unwrap_or("none")
                ),
                None => "no country: not an actor by itself".into(),
            }
        };
        format!(
            "\"{}\" tokens {}..{} -> {} via {}",
            &text[self.span], self.toks.0, self.toks.1, what, self.via
        )
    }
}

/// Noun phrases joined by "and"/commas.
#[derive(Debug, Clone)]
pub struct Group {
    pub members: Vec<usize>,
    pub toks: (usize, usize),
    /// Preceded by a preposition: an object, not a subject.
    pub object_like: bool,
}

impl Group {
    pub fn describe(&self, text: &str, nps: &[Np]) -> String {
        let names: Vec<String> = self
            .members
            .iter()
            .map(|&m| format!("\"{}\"", &text[nps[m].span]))
            .collect();
        format!(
            "group [{}] tokens {}..{}{}",
            names.join(", "),
            self.toks.0,
            self.toks.1,
            if self.object_like {
                " (after a preposition: object)"
            } else {
                ""
            }
        )
    }
}

pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "certain", "some", "other", "all",
    "both", "fellow", "various", "several", "many", "few", "these", "those", "this", "that", "any",
    "each",
];

/// `words` then " (file:line)": the same text as `format!("{words} ({origin})")`,
/// built without the formatting machinery (a few in every sentence).
fn via(words: &[&str], origin: &dyad_lexicon::Origin) -> SharedStr {
    let mut s = via_buffer();
    push_via(&mut s, words, origin);
    via_done(s)
}

/// Appends [`via`]'s text.
fn push_via(s: &mut String, words: &[&str], origin: &dyad_lexicon::Origin) {
    for w in words {
        s.push_str(w);
    }
    s.push_str(" (");
    push_origin(s, origin);
    s.push(')');
}

thread_local! {
    /// Where `via` texts are written before they are shared (see
    /// [`via_buffer`]).
    static VIA_BUFFER: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// An empty string to write a `via` text in, kept from the last one: the
/// text is then copied once into its [`SharedStr`] ([`via_done`]), with no
/// string of its own allocated and freed for every noun phrase.
fn via_buffer() -> String {
    let mut s = VIA_BUFFER.take();
    s.clear();
    s
}

/// The text written in `s`, shared; `s` goes back for the next one.
fn via_done(s: String) -> SharedStr {
    let v = SharedStr::new(&s);
    VIA_BUFFER.set(s);
    v
}

/// Appends "file:line" (`origin.to_string()`) without the formatting
/// machinery: for the `via` texts of mentions and the `rule` of every event
/// record.
pub(crate) fn push_origin(s: &mut String, origin: &dyad_lexicon::Origin) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut n = origin.line;
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    s.push_str(&origin.file);
    s.push(':');
    for &d in &digits[k..] {
        s.push(d as char);
    }
}

pub fn is_determiner(w: &str) -> bool {
    // the words of `DETERMINERS` (a test checks they agree), as a match:
    // by length first, then a compare of known length, where `contains`
    // called memcmp for each word of the same length
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "certain"
            | "some"
            | "other"
            | "all"
            | "both"
            | "fellow"
            | "various"
            | "several"
            | "many"
            | "few"
            | "these"
            | "those"
            | "this"
            | "that"
            | "any"
            | "each"
    )
}

pub const PREPOSITIONS: &[&str] = &[
    "with",
    "to",
    "for",
    "by",
    "of",
    "in",
    "on",
    "against",
    "at",
    "from",
    "between",
    "among",
    "toward",
    "towards",
    "into",
    "about",
    "over",
    "upon",
    "within",
    "across",
    "through",
    "via",
    "under",
    "than",
    "like",
    "amid",
    "throughout",
];

/// Finds the noun phrases of a sentence.
/// `ids` are the vocabulary ids of the tokens (`Lexicon::token_id`).
pub fn find(
    lex: &Lexicon,
    text: &str,
    toks: &[Token],
    ids: &[u32],
    date: Option<NaiveDate>,
) -> Vec<Np> {
    find_reading(lex, text, toks, ids, date, &mut PhraseHits::default())
}

/// [`find`], keeping the dictionary phrases it reads in the sentence in
/// `hits` (the sentence after those already there), for the passes after
/// the coder that read the same tokens.
pub fn find_reading(
    lex: &Lexicon,
    text: &str,
    toks: &[Token],
    ids: &[u32],
    date: Option<NaiveDate>,
    hits: &mut PhraseHits,
) -> Vec<Np> {
    let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
    let raws: Vec<&str> = toks.iter().map(|t| &text[t.span]).collect();
    let mut raw = Vec::new();
    // the longest phrase at each token, reading on after each (the tests
    // below skip a phrase, they never make the reading resume inside it)
    for (i, m) in hits.read(&lex.phrases, ids, &raws) {
        let i = *i;
        {
            // prefer actors over persons over agents when one phrase is several
            let best = m
                .entries
                .iter()
                .copied()
                .min_by_key(|&e| match lex.phrases.entries[e as usize].value {
                    PhraseTarget::Actor(_) => 0,
                    PhraseTarget::Person(_) => 1,
                    PhraseTarget::Reciprocal => 2,
                    PhraseTarget::Agent(_) => 3,
                    PhraseTarget::NotActor => 4,
                })
                .unwrap_or(m.entries[0]);
            // "pro-Iranian Hizbollah", "US-backed SDF", "Syrian-backed Amal
            // militia", "Tunisia-inspired protests", "Soviet-style": a
            // country named as a sympathy, a backer or a model is not the
            // actor ("anti-Gondor parade" keeps its target)
            if let PhraseTarget::Actor(_) = lex.phrases.entries[best as usize].value {
                let next = i + m.len;
                let attitude = i >= 2 && norms[i - 1] == "-" && norms[i - 2] == "pro";
                let backer = next + 1 < toks.len()
                    && norms[next] == "-"
                    && lex.special.words.has(Words::Backers, norms[next + 1]);
                if attitude || backer {
                    continue;
                }
            }
            // "US$200 billion", "US $50 million", "Canadian dollars": a
            // country's name before a currency sign or word is the currency,
            // not the country acting
            if let PhraseTarget::Actor(a) = lex.phrases.entries[best as usize].value {
                let next = i + m.len;
                if lex.actors[a as usize].kind == dyad_lexicon::ActorKind::Country
                    && next < toks.len()
                    && matches!(norms[next], "$" | "dollar" | "dollars")
                {
                    continue;
                }
            }
            // "the divided Mediterranean island", "Asian markets": a region's
            // adjective before a common noun that names no actor is a place
            // or a market, not the region acting
            // (nor before a country's noun and "of" a country: "the Central
            // Asian nation of Kyrgyzstan")
            if let PhraseTarget::Actor(a) = lex.phrases.entries[best as usize].value {
                let next = i + m.len;
                let last = next - 1;
                let nation_of = next + 2 < toks.len()
                    && lex.special.words.has(Words::CountryNouns, norms[next])
                    // (or "to": "the first West African country to sign")
                    && matches!(norms[next + 1], "of" | "to");
                if (m.len == 1 || nation_of)
                    && lex.actors[a as usize].kind == dyad_lexicon::ActorKind::Region
                    && next < toks.len()
                    && ["an", "ic", "ern"].iter().any(|e| norms[last].ends_with(e))
                    && raws[next].chars().all(|c| c.is_ascii_lowercase())
                    && !matches!(norms[next], "and" | "or" | "nor")
                    && !PREPOSITIONS.contains(&norms[next])
                    && (nation_of || lex.phrases.longest_at_ids(ids, &raws, next).is_none())
                {
                    continue;
                }
            }
            // "a strict Islamic state": a group's or organisation's name of
            // several words whose last word its file capitalises, written in
            // lower case after "a"/"an", is a common noun phrase (a kind of
            // state), not the named group
            if let PhraseTarget::Actor(a) = lex.phrases.entries[best as usize].value {
                let last = i + m.len - 1;
                if m.len >= 2
                    && matches!(
                        lex.actors[a as usize].kind,
                        dyad_lexicon::ActorKind::Group | dyad_lexicon::ActorKind::Igo
                    )
                    && raws[i].chars().next().is_some_and(|c| c.is_uppercase())
                    && raws[last].chars().all(|c| c.is_ascii_lowercase())
                    && lex.phrases.entries[best as usize]
                        .text
                        .split_whitespace()
                        .last()
                        .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
                    && (i.saturating_sub(3)..i).rev().any(|k| {
                        matches!(norms[k], "a" | "an")
                            && (k + 1..i).all(|j| raws[j].chars().all(|c| c.is_ascii_lowercase()))
                    })
                {
                    continue;
                }
            }
            // "the United Nations' Mideast envoy", "the EU's Africa envoy": a
            // region between a possessive and a role noun names the role's
            // brief; the role is the possessor's
            if let PhraseTarget::Actor(a) = lex.phrases.entries[best as usize].value {
                let next = i + m.len;
                if lex.actors[a as usize].kind == dyad_lexicon::ActorKind::Region
                    && i > 0
                    && matches!(norms[i - 1], "'s" | "’s" | "'" | "’")
                    && next < toks.len()
                    && lex
                        .phrases
                        .longest_at_ids(ids, &raws, next)
                        .is_some_and(|n| {
                            n.entries.iter().all(|&e| {
                                matches!(
                                    lex.phrases.entries[e as usize].value,
                                    PhraseTarget::Agent(_)
                                )
                            })
                        })
                {
                    continue;
                }
            }
            // "the Hong Kong Human Rights and Democracy Act", "the Taiwan
            // Travel Act": after "the", a country's or region's name, then
            // capitalised words (or "and", "of") up to a capitalised noun
            // that ends a law's title, is part of that title (not "the
            // Russian BRICS Chairmanship Statement", Russia's statement)
            if let PhraseTarget::Actor(a) = lex.phrases.entries[best as usize].value {
                let next = i + m.len;
                let capital = |k: usize| raws[k].chars().next().is_some_and(|c| c.is_uppercase());
                if i > 0
                    && norms[i - 1] == "the"
                    && matches!(
                        lex.actors[a as usize].kind,
                        dyad_lexicon::ActorKind::Region | dyad_lexicon::ActorKind::Country
                    )
                    && next + 1 < toks.len()
                    && capital(next)
                {
                    let run_end = (next..(next + 7).min(toks.len()))
                        .find(|&k| !(capital(k) || matches!(norms[k], "and" | "of")))
                        .unwrap_or((next + 7).min(toks.len()));
                    if run_end > next + 1
                        && capital(run_end - 1)
                        && lex.special.words.has(Words::LawNouns, norms[run_end - 1])
                    {
                        continue;
                    }
                }
            }
            // "blocked the Europe Bridge", "a rally in Independence Square":
            // a country's or region's name before a capitalised noun of a
            // building or a road names that place, not the actor
            if let PhraseTarget::Actor(a) = lex.phrases.entries[best as usize].value {
                let next = i + m.len;
                if matches!(
                    lex.actors[a as usize].kind,
                    dyad_lexicon::ActorKind::Region | dyad_lexicon::ActorKind::Country
                ) && next < toks.len()
                    && (raws[next].chars().next().is_some_and(|c| c.is_uppercase())
                        && lex.special.words.has(Words::FacilityNouns, norms[next])
                        // (a seat of government's name needs no capital
                        // before a document: "a successful Doha agreement",
                        // "the Minsk agreements")
                        || m.len == 1
                            && lex.actors[a as usize].code.ends_with("GOV")
                            && raws[i].chars().next().is_some_and(|c| c.is_uppercase())
                            && lex.special.words.has(Words::DocumentNouns, norms[next]))
                {
                    continue;
                }
            }
            // "dissidents from military-ruled Myanmar": a role's noun before
            // a hyphen and a participle, in an adjective of a name, describes
            // the country named (but "the rebel-held enclave" is the rebels')
            if let PhraseTarget::Agent(_) = lex.phrases.entries[best as usize].value {
                let next = i + m.len;
                if next + 2 < toks.len()
                    && norms[next] == "-"
                    && raws[next + 1].chars().all(|c| c.is_ascii_lowercase())
                    && (norms[next + 1].ends_with("ed") || matches!(norms[next + 1], "run" | "led"))
                    && raws[next + 2]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase())
                {
                    continue;
                }
            }
            // "a Chinese businesswoman, dubbed the \"Ivory Queen\"": a role
            // noun in a nickname is no one's office
            if let PhraseTarget::Agent(_) = lex.phrases.entries[best as usize].value {
                let nicknamed = (i.saturating_sub(4)..i).rev().any(|k| {
                    matches!(norms[k], "dubbed" | "nicknamed" | "codenamed" | "so-called")
                        && (k + 1..i).all(|j| {
                            matches!(norms[j], "\"" | "“" | "the" | "'" | "‘")
                                || raws[j].chars().next().is_some_and(|c| c.is_uppercase())
                        })
                        && (k + 1..i).any(|j| matches!(norms[j], "\"" | "“" | "'" | "‘"))
                });
                if nicknamed {
                    continue;
                }
            }
            let kind = match lex.phrases.entries[best as usize].value {
                PhraseTarget::Actor(a) => MentionKind::Actor(a),
                PhraseTarget::Person(p) => MentionKind::Person(p),
                PhraseTarget::Agent(a) => MentionKind::Agent(a),
                PhraseTarget::Reciprocal => MentionKind::Reciprocal,
                PhraseTarget::NotActor => {
                    continue;
                }
            };
            raw.push(Mention {
                kind,
                toks: (i, i + m.len),
                entry: best,
            });
        }
    }
    // Join adjacent pieces into noun phrases.
    let mut nps: Vec<Np> = Vec::new();
    let mut k = 0;
    while k < raw.len() {
        let mut parts = vec![raw[k].clone()];
        let mut end = raw[k].toks.1;
        let mut j = k + 1;
        while j < raw.len() {
            let next = &raw[j];
            if next.kind == MentionKind::Reciprocal || parts[0].kind == MentionKind::Reciprocal {
                break;
            }
            let gap: &[&str] = &norms[end..next.toks.0];
            // ("dissidents from military-ruled Myanmar", "India's front-line
            // troops": an adjective made with a hyphen before the second
            // piece leaves a preposition's or a possessive's join)
            let gap = match gap {
                [p @ .., a, "-", b]
                    if matches!(p, ["from" | "of" | "in", ..] | ["'s" | "’s", ..])
                        && a.chars().all(|c| c.is_alphabetic())
                        && b.chars().all(|c| c.is_alphabetic()) =>
                {
                    p
                }
                _ => gap,
            };
            let last_is_country =
                matches!(parts.last().map(|p| p.kind), Some(MentionKind::Actor(_)));
            let next_is_agent_or_person =
                matches!(next.kind, MentionKind::Agent(_) | MentionKind::Person(_));
            let last_is_title = matches!(parts.last().map(|p| p.kind), Some(MentionKind::Agent(_)));
            // "Israeli Prime Minister Benjamim Netanyahu": a title, words of a
            // name we do not know, then a person we do
            let name_gap = !gap.is_empty()
                && gap.len() <= 3
                && last_is_title
                && matches!(next.kind, MentionKind::Person(_))
                && (end..next.toks.0).all(|t| is_name_token(text, &toks[t]));
            let joins = name_gap
                || match gap {
                    [] => true,
                    ["'s"] | ["’s"] => last_is_country && next_is_agent_or_person,
                    // (a plural's possessive: "the United Nations' envoy")
                    ["'" | "’"] => {
                        last_is_country
                            && next_is_agent_or_person
                            && norms[end - 1].ends_with('s')
                            && matches!(next.kind, MentionKind::Agent(_))
                    }
                    // "Iraq's interim government", "Lebanon's new President"
                    ["'s" | "’s", rest @ ..] if rest.len() <= 2 => {
                        last_is_country
                            && next_is_agent_or_person
                            && rest.iter().all(|w| {
                                w.chars().all(|c| c.is_alphabetic())
                                    && !is_determiner(w)
                                    && !PREPOSITIONS.contains(w)
                                    && !matches!(*w, "and" | "or" | "own")
                            })
                    }
                    ["of"]
                    | ["of", "the"]
                    | ["in"]
                    | ["in", "the"]
                    | ["from"]
                    | ["from", "the"] => {
                        // "withdrew its troops from Afghanistan": whose the
                        // troops are was said before them
                        // (a few words may stand between: "withdrew its last
                        // troops from Cambodia", "its remaining 5,000 troops")
                        let first = parts.first().map_or(0, |p| p.toks.0);
                        let owned = gap[0] != "of"
                            && (first.saturating_sub(3)..first)
                                .rev()
                                .take_while(|&k| {
                                    !PREPOSITIONS.contains(&norms[k])
                                        && !matches!(norms[k], "," | "and" | "the" | "a" | "an")
                                })
                                .any(|k| {
                                    matches!(norms[k], "its" | "their" | "his" | "her" | "our")
                                })
                            // ("Chinese students and scholars in the US": the
                            // second noun shares the first's country
                            // adjective; "in" says where they are)
                            || (gap[0] == "in"
                                && first >= 3
                                && norms[first - 1] == "and"
                                && norms[first - 2].len() > 3
                                && norms[first - 2].ends_with('s')
                                && text[toks[first - 3].span]
                                    .chars()
                                    .next()
                                    .is_some_and(|c| c.is_uppercase()));
                        matches!(parts.last().map(|p| p.kind), Some(MentionKind::Agent(_)))
                            && matches!(next.kind, MentionKind::Actor(_))
                            && !owned
                    }
                    // "Russian archives department", "Chinese health authorities"
                    [a] | [a, _]
                        if last_is_country && matches!(next.kind, MentionKind::Agent(_)) =>
                    {
                        gap.iter().all(|w| {
                            w.chars().all(|c| c.is_alphabetic())
                                && !is_determiner(w)
                                && !PREPOSITIONS.contains(w)
                                && !w.ends_with("ed")
                                && !matches!(*w, "and" | "or")
                                && !is_aux_core(w)
                                // (an irregular past is a verb too: "Russia
                                // held military exercises", and so is a
                                // verb of the present: "China welcomes
                                // foreign companies")
                                && !lex.irregular_pasts.contains(*w)
                                && !lex.special.words.has(Words::SubjectVerbs, w)
                        })
                    }
                    _ => false,
                };
            // two different countries side by side are two phrases ("China Russia" is rare; "Chinese Russian" never one actor)
            // (but a country right before one of its own bodies names that
            // body: "the U.S. Central Command")
            let own_body = gap.is_empty()
                && matches!(parts.as_slice(), [p] if matches!(p.kind, MentionKind::Actor(a)
                    if lex.actors[a as usize].kind == ActorKind::Country
                        && lex.actors[a as usize].code.len() == 3))
                && matches!(next.kind, MentionKind::Actor(b)
                    if lex.actors[b as usize].code.len() == 6
                        && parts.first().is_some_and(|p| matches!(p.kind, MentionKind::Actor(a)
                            if lex.actors[b as usize].code.starts_with(&lex.actors[a as usize].code))));
            let both_actors = !own_body
                && matches!(next.kind, MentionKind::Actor(_))
                && parts
                    .iter()
                    .any(|p| matches!(p.kind, MentionKind::Actor(_) | MentionKind::Person(_)));
            if !joins || both_actors {
                break;
            }
            end = next.toks.1;
            parts.push(next.clone());
            j += 1;
        }
        let start = parts[0].toks.0;
        let mut titled = false;
        // "President Todor Zhivkov", "Vice Foreign Minister Kong": a title
        // followed by a name we do not know is still one actor.
        if matches!(parts.last().map(|p| p.kind), Some(MentionKind::Agent(_))) {
            let limit = raw.get(j).map(|m| m.toks.0).unwrap_or(toks.len());
            let mut e = end;
            while e < limit && e < end + 4 && is_name_token(text, &toks[e]) {
                e += 1;
            }
            // "President Abbas": a surname the files do not list alone
            // names the one person who held that title on the day
            if e > end {
                if let Some(m) = titled_surname(lex, toks, &parts, e - 1, date) {
                    parts.push(m);
                    titled = true;
                }
            }
            end = e;
        }
        let mut np = resolve(lex, toks, parts, (start, end), date);
        if titled && np.code.is_some() {
            np.via = SharedStr::concat(&[np.via.as_str(), "; the surname after the title"]);
        }
        nps.push(np);
        k = j;
    }
    nps
}

/// The person a surname at `k` names right after the title that ends
/// `parts` ("President Abbas", "Foreign Minister Qureshi", "Australian
/// Foreign Minister Payne"): the one person of [`Lexicon::surnames`] whose
/// role on `date` has the title's words (not after "vice", "deputy" or
/// "acting") and, where the phrase names a country, is of that country.
fn titled_surname(
    lex: &Lexicon,
    toks: &[Token],
    parts: &[Mention],
    k: usize,
    date: Option<NaiveDate>,
) -> Option<Mention> {
    let cands = lex.surnames().get(toks[k].norm.as_str())?;
    let title = parts.last()?;
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| match w.to_lowercase().as_str() {
                "defense" => "defence".to_string(),
                w => w.to_string(),
            })
            .collect()
    };
    let t: Vec<String> = toks[title.toks.0..title.toks.1]
        .iter()
        .flat_map(|x| words(&x.norm))
        .collect();
    if t.is_empty() {
        return None;
    }
    let country = parts.iter().find_map(|p| match p.kind {
        MentionKind::Actor(a) => lex.country_of(&lex.actors[a as usize].code),
        _ => None,
    });
    let mut found = None;
    for &(pi, entry) in cands {
        let Some(role) = lex.people[pi as usize].role_on(date) else {
            continue;
        };
        if country
            .as_ref()
            .is_some_and(|c| lex.country_of(&role.code).as_ref() != Some(c))
        {
            continue;
        }
        let r = words(&role.title);
        let holds = (0..r.len().saturating_sub(t.len() - 1)).any(|i| {
            r[i..i + t.len()] == t[..]
                && (i == 0 || !matches!(r[i - 1].as_str(), "vice" | "deputy" | "acting"))
        });
        if holds {
            if found.is_some() {
                return None;
            }
            found = Some(Mention {
                kind: MentionKind::Person(pi),
                toks: (k, k + 1),
                entry,
            });
        }
    }
    found
}

fn resolve(
    lex: &Lexicon,
    toks: &[Token],
    parts: Vec<Mention>,
    range: (usize, usize),
    date: Option<NaiveDate>,
) -> Np {
    let span = toks[range.0].span.cover(toks[range.1 - 1].span);
    let mut np = Np {
        toks: range,
        span,
        code: None,
        country: None,
        reciprocal: false,
        gov: false,
        via: SharedStr::default(),
        parts: Vec::new(),
        defaulted: false,
    };
    let entry = |m: &Mention| &lex.phrases.entries[m.entry as usize];
    if parts[0].kind == MentionKind::Reciprocal {
        np.reciprocal = true;
        let t = &entry(&parts[0]).text;
        np.gov = [
            "president",
            "leader",
            "government",
            "minister",
            "head",
            "side",
        ]
        .iter()
        .any(|w| t.to_lowercase().contains(w));
        np.via = via(&["reciprocal phrase"], &entry(&parts[0]).origin);
        np.parts = parts;
        return np;
    }
    let person = parts.iter().find_map(|p| match p.kind {
        MentionKind::Person(i) => Some((i, p)),
        _ => None,
    });
    // (the most specific: "U.S. Central Command" is the command)
    let actor = parts
        .iter()
        .filter_map(|p| match p.kind {
            MentionKind::Actor(i) => Some((i, p)),
            _ => None,
        })
        .max_by_key(|&(i, p)| {
            (
                lex.actors[i as usize].code.len(),
                std::cmp::Reverse(p.toks.0),
            )
        });
    let agent = parts.iter().rev().find_map(|p| match p.kind {
        MentionKind::Agent(i) => Some((i, p)),
        _ => None,
    });
    if let Some((pi, m)) = person {
        let p = &lex.people[pi as usize];
        // "Ousted president Jean-Bertrand Aristide", "former President
        // Obasanjo": no longer in office whatever the date (CAMEO codes
        // former officials as elites, ELI)
        let former = range.0 > 0
            && matches!(
                toks[range.0 - 1].norm.as_str(),
                "former" | "ousted" | "deposed" | "toppled" | "ex"
            )
            || parts.iter().any(
                |q| matches!(q.kind, MentionKind::Agent(i) if lex.agents[i as usize].code == "ELI"),
            );
        // (a former official of an organisation alone, "former UN
        // Secretary-General Kofi Annan", keeps the organisation's code)
        let national = || p.roles.iter().any(|r| lex.country_of(&r.code).is_some());
        match p.role_on(date).filter(|_| !(former && national())) {
            Some(r) => {
                np.code = Some(SharedStr::new(&r.code));
                // "person {name} as {title} ({origin}; named at {origin})",
                // without the formatting machinery (one in most documents'
                // sentences that name a person)
                let mut v = via_buffer();
                v.push_str("person ");
                v.push_str(&p.name);
                v.push_str(" as ");
                v.push_str(&r.title);
                v.push_str(" (");
                push_origin(&mut v, &r.origin);
                v.push_str("; named at ");
                push_origin(&mut v, &entry(m).origin);
                v.push(')');
                np.via = via_done(v);
            }
            None => {
                // (with no date, the latest role, as for one in office:
                // "former Yugoslav President Slobodan Milosevic")
                let r = date
                    .and_then(|d| p.nearest_role(d))
                    .or_else(|| p.roles.iter().max_by_key(|r| r.from));
                // a former official of an organisation is not the
                // organisation; without a national role we do not know
                // their country, so they are no actor
                if let Some(r) = r.filter(|r| lex.country_of(&r.code).is_some()) {
                    let c = lex
                        .country_of(&r.code)
                        .unwrap_or_else(|| SharedStr::new(&r.code));
                    // (only a word of the text makes them former: an office
                    // the lexicon does not list, "Vice Foreign Minister Ma
                    // Zhaoxu" before his later one, is no former office)
                    if former {
                        np.via = format!(
                            "person {} no longer in office (\"{}\"); country of role {} ({}), a former official (ELI)",
                            p.name, toks[range.0.saturating_sub(1)].norm, r.title, r.origin
                        )
                        .into();
                        np.code = Some(SharedStr::concat(&[&c, "ELI"]));
                    } else if let Some((gi, gm)) = agent.filter(|_| {
                        c.len() == 3
                            && lex.countries.contains(c.as_str())
                            && p.roles
                                .iter()
                                .any(|r| r.from.zip(date).is_some_and(|(f, d)| d < f))
                    }) {
                        // "Vice Foreign Minister Ma Zhaoxu" in 2019: the
                        // title the text gives, before a role the lexicon
                        // lists, is an office it does not list (after the
                        // last one, "King Rassendyll" is a title kept by
                        // courtesy: the bare country)
                        let g = &lex.agents[gi as usize];
                        np.via = format!(
                            "person {} holds no listed office then; country of role {} ({}) + the title the text gives, agent {} ({})",
                            p.name, r.title, r.origin, g.code, entry(gm).origin
                        )
                        .into();
                        np.code = Some(SharedStr::concat(&[&c, &g.code]));
                    } else {
                        np.via = format!(
                            "person {} holds no office then; country of role {} ({})",
                            p.name, r.title, r.origin
                        )
                        .into();
                        np.code = Some(c);
                    }
                }
            }
        }
    } else if let Some((ai, m)) = actor {
        let a = &lex.actors[ai as usize];
        let mut code = SharedStr::new(&a.code);
        let mut v = via_buffer();
        push_via(&mut v, &[&a.code], &entry(m).origin);
        if let Some((gi, gm)) = agent {
            let g = &lex.agents[gi as usize];
            if code.len() == 3 && matches!(a.kind, ActorKind::Country | ActorKind::Region) {
                code = SharedStr::concat(&[&code, &g.code]);
                push_via(&mut v, &[" + agent ", &g.code], &entry(gm).origin);
            } else if code.len() == 6
                && code.ends_with("CVL")
                && gm.toks.0 >= m.toks.1
                && a.kind == ActorKind::Country
            {
                // a people ("Tamil rebels", "the Basque government"): the
                // role named after it narrows its civilians; but a people's
                // "leaders" lead the people, not the state ("Yoruba leaders
                // are willing to forgive President Obasanjo")
                let head = toks.get(gm.toks.1.wrapping_sub(1)).map(|t| t.norm.as_str());
                if g.code == "GOV" && head.is_some_and(|h| h.starts_with("leader")) {
                    v.push_str(" (a people's leaders are its own, not the state's)");
                } else {
                    code = SharedStr::concat(&[&code[..3], &g.code]);
                    push_via(&mut v, &[" + agent ", &g.code], &entry(gm).origin);
                }
            } else if gm.toks.0 < m.toks.0
                && code.len() == 6
                && code.ends_with("GOV")
                && lex.countries.contains(&code[..3])
            {
                // "students in Moscow": a capital after the people named
                // is where they are, not the government it stands for
                code = SharedStr::concat(&[&code[..3], &g.code]);
                push_via(
                    &mut v,
                    &[" (the place) + agent ", &g.code],
                    &entry(gm).origin,
                );
            }
        }
        np.code = Some(code);
        np.via = via_done(v);
    } else if let Some((gi, gm)) = agent {
        let code = &lex.agents[gi as usize].code;
        np.via = via(&["agent ", code, " alone"], &entry(gm).origin);
    }
    if let Some(c) = &np.code {
        np.country = lex.country_of(c).or_else(|| {
            actor.and_then(|(ai, _)| {
                lex.actors[ai as usize]
                    .country
                    .as_deref()
                    .map(SharedStr::new)
            })
        });
    }
    np.parts = parts;
    np
}

/// A small number written as a word ("the three armed groups", "killing
/// four civilians").
pub(crate) fn is_count_word(w: &str) -> bool {
    matches!(
        w,
        "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
    )
}

/// Where the count before a noun starting at `k` begins ("30 people",
/// "several dozen people", "hundreds of people", "two civilians"), or
/// `None` when no count comes right before it.
fn count_start(toks: &[Token], k: usize) -> Option<usize> {
    let number = |w: &str| {
        (w.starts_with(|c: char| c.is_ascii_digit())
            && w.bytes().all(|b| b.is_ascii_digit() || b == b','))
            || matches!(
                w,
                "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "eleven"
                    | "twelve"
                    | "fifteen"
                    | "twenty"
                    | "thirty"
                    | "forty"
                    | "fifty"
                    | "dozen"
                    | "hundred"
                    | "thousand"
            )
    };
    let mut c = k;
    if c >= 2
        && toks[c - 1].norm == "of"
        && matches!(
            toks[c - 2].norm.as_str(),
            "dozens" | "hundreds" | "thousands" | "scores"
        )
    {
        c -= 2;
    } else {
        while c > 0 && number(&toks[c - 1].norm) {
            c -= 1;
        }
        if c == k {
            return None;
        }
    }
    if c > 0 && matches!(toks[c - 1].norm.as_str(), "several" | "a" | "few") {
        c -= 1;
    }
    Some(c)
}

/// Where a noun phrase starting at `k` begins with its determiners ("the",
/// "its", "all the").
pub(crate) fn determiners_start(norms: &[&str], mut k: usize) -> usize {
    while k > 0 && is_determiner(norms[k - 1]) {
        k -= 1;
    }
    k
}

pub fn group(lex: &Lexicon, _text: &str, toks: &[Token], nps: &[Np]) -> Vec<Group> {
    // (a group starts only at a phrase with a code or a reciprocal one: a
    // sentence with neither has none)
    if !nps.iter().any(|n| n.code.is_some() || n.reciprocal) {
        return Vec::new();
    }
    let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < nps.len() {
        if nps[i].code.is_none() && !nps[i].reciprocal {
            i += 1;
            continue;
        }
        // "imposed sanctions on its NATO ally Turkey": an actor before
        // "ally" or "member" and another actor only says what the second is
        if nps.get(i + 1).is_some_and(|n| {
            n.code.is_some()
                && n.toks.0 == nps[i].toks.1 + 1
                && matches!(
                    norms[nps[i].toks.1],
                    "ally" | "member" | "partner" | "neighbour" | "neighbor"
                )
        }) {
            i += 1;
            continue;
        }
        let mut members = vec![i];
        let mut comma_joins: Vec<(usize, bool)> = Vec::new();
        let mut end = nps[i].toks.1;
        let mut j = i + 1;
        let start = nps[i].toks.0;
        // where the phrase begins with its determiners and modifiers
        let mut k = start;
        while k > 0 && (is_determiner(norms[k - 1]) || is_modifier(norms[k - 1])) {
            k -= 1;
        }
        // (and a place noun before a name: "police in the capital Harare
        // fired", where Harare is the object of "in")
        // (or after a possessive: "Syria's second city Aleppo")
        if k >= 2
            && matches!(
                norms[k - 1],
                "capital" | "city" | "town" | "village" | "port" | "province" | "district"
            )
        {
            let mut h = k - 1;
            while h > 0
                && k - 1 - h < 3
                && (is_determiner(norms[h - 1])
                    || is_modifier(norms[h - 1])
                    || matches!(
                        norms[h - 1],
                        "second"
                            | "third"
                            | "largest"
                            | "biggest"
                            | "restive"
                            | "southwestern"
                            | "southeastern"
                            | "northwestern"
                            | "northeastern"
                            | "border"
                            | "coastal"
                            | "ancient"
                            | "holy"
                    ))
            {
                h -= 1;
            }
            if h < k - 1
                || h == 0
                || PREPOSITIONS.contains(&norms[h - 1])
                || matches!(norms[h - 1], "'s" | "’s")
            {
                k = h;
            }
        }
        // (only in a phrase that is no object: after a preposition the
        // acronym stays a phrase of its own, which the subject rules read
        // as the actor the preposition's phrase belongs to: "the Council
        // of Foreign Ministers of the OIC (OIC) adopted")
        let after_preposition = k > 0 && PREPOSITIONS.contains(&norms[k - 1]);
        while j < nps.len() {
            // "China and the Eurasia Economic Union (EAEU) signed": an
            // acronym in parentheses of the same actor is part of the
            // phrase before it, not a second actor
            if !after_preposition
                && norms.get(end) == Some(&"(")
                && nps[j].toks.0 == end + 1
                && norms.get(nps[j].toks.1) == Some(&")")
                && nps[j].code.is_some()
                && members.last().is_some_and(|&m| nps[m].code == nps[j].code)
            {
                end = nps[j].toks.1 + 1;
                j += 1;
                continue;
            }
            let gap = &norms[end..nps[j].toks.0];
            // (a hyphened modifier of the next name is no word between:
            // "Ukraine and Russia-backed separatist rebels")
            let backed = |w: &str| {
                matches!(
                    w,
                    "backed"
                        | "led"
                        | "based"
                        | "controlled"
                        | "allied"
                        | "aligned"
                        | "supported"
                        | "sponsored"
                        | "affiliated"
                        | "linked"
                        | "funded"
                        | "armed"
                )
            };
            let mut unhyphened: Vec<&str> = Vec::with_capacity(gap.len());
            let mut g = 0;
            while g < gap.len() {
                if g > 0
                    && g + 2 < gap.len() + 1
                    && gap.get(g + 1) == Some(&"-")
                    && gap.get(g + 2).is_some_and(|w| backed(w))
                {
                    g += 3;
                    continue;
                }
                unhyphened.push(gap[g]);
                g += 1;
            }
            let gap = unhyphened.as_slice();
            // ("inform the General Assembly that Tajikistan and Kyrgyzstan
            // have reached": "that" alone between two names opens a clause;
            // it is no determiner there)
            if gap.first() == Some(&"that") {
                break;
            }
            // (and the modifiers of a name after the joining word: "The
            // Philippine government and Muslim rebels agreed"; not the
            // participle after a name, "US officials visiting Africa")
            // (read up to a fourth word: no gap that joins has more, and
            // the gap can be the rest of the sentence)
            let mut kept = [""; 4];
            let mut n_kept = 0;
            for w in gap
                .iter()
                .copied()
                // (and a count: "the Myanmar government and the three
                // northern ethnic armed groups")
                .filter(|w| !is_determiner(w) && !is_count_word(w))
                .enumerate()
                .filter(|&(n, w)| {
                    n == 0 || !is_modifier(w) || w.ends_with("ing") || w.ends_with("ed")
                })
                .map(|(_, w)| w)
                .take(kept.len())
            {
                kept[n_kept] = w;
                n_kept += 1;
            }
            let gap = &kept[..n_kept];
            let comma_only = gap == [","];
            let joins = comma_only
                || gap.is_empty()
                || matches!(
                    gap,
                    ["and"]
                        | [",", "and"]
                        | ["as", "well", "as"]
                        | ["and", "other"]
                        | ["and", "some", "other"]
                );
            if !joins || nps[j].code.is_none() || nps[j].reciprocal || nps[i].reciprocal {
                break;
            }
            comma_joins.push((members.len(), comma_only));
            members.push(j);
            end = nps[j].toks.1;
            j += 1;
        }
        // "Between China and the EAEU, China and Russia will ...": a comma
        // after an "and" ends a list ("A, B and C" has its commas first)
        if let Some(&(k, _)) = comma_joins
            .iter()
            .skip_while(|&&(_, c)| c)
            .find(|&&(_, c)| c)
        {
            members.truncate(k);
            comma_joins.retain(|&(x, _)| x < k);
            j = members.last().map(|&m| m + 1).unwrap_or(i + 1);
            end = nps[j - 1].toks.1;
        }
        // A list joined by commas must end with "and" ("China, Russia and
        // India"); otherwise the comma separates clauses ("with Putin, Xi said").
        if comma_joins.last().is_some_and(|&(_, c)| c) {
            let cut = comma_joins
                .iter()
                .find(|&&(_, c)| c)
                .map(|&(k, _)| k)
                .unwrap_or(members.len());
            members.truncate(cut);
            j = members.last().map(|&m| m + 1).unwrap_or(i + 1);
            end = nps[j - 1].toks.1;
        }
        // "as close neighbors of the Korean Peninsula and permanent
        // members of the UN Security Council, China and Russia have ...":
        // a comma right after a first name that a preposition governs ends
        // an introductory phrase opened by "as", "when" ...
        // (not after "between" or "among", which take a list: "as to
        // whether a meeting between China, Russia and the DPRK will")
        if comma_joins.first().is_some_and(|&(m, c)| m == 1 && c)
            && after_preposition
            && !matches!(norms[k - 1], "between" | "among")
        {
            let open = (0..k)
                .rev()
                .find(|&x| matches!(norms[x], "," | ";" | ":" | "that"))
                .map_or(0, |x| x + 1);
            if matches!(
                norms[open],
                "as" | "when"
                    | "while"
                    | "although"
                    | "though"
                    | "since"
                    | "because"
                    | "after"
                    | "unlike"
                    | "like"
                    | "despite"
            ) {
                members.truncate(1);
                comma_joins.clear();
                j = i + 1;
                end = nps[i].toks.1;
            }
        }
        // an object when a preposition (or a verb-like possessive) comes
        // just before the phrase's determiners and modifiers (`k`)
        // "of the China-Russia Year": the second half of a hyphenated pair
        // stands where the first stands
        let after_hyphen = k > 0
            && matches!(norms[k - 1], "-" | "\u{2013}")
            && groups.last().is_some_and(|g| g.toks.1 == k - 1);
        // "heads of Chinese and Russian agencies": the people named by the
        // noun before "of" are the actors, the country is theirs
        let named = members.iter().any(|&m| !nps[m].defaulted);
        let of_people = k >= 2
            // ("officials from", "delegates from China and nine Caribbean
            // states attended")
            && ((norms[k - 1] == "from"
                && lex.special.words.has(Words::PeopleOf, norms[k - 2]))
                || (norms[k - 1] == "of"
                && (lex.special.words.has(Words::PeopleOf, norms[k - 2])
                    || (named && lex.special.words.has(Words::CountOf, norms[k - 2]))))
                // "some in the US have been smearing China", "politicians
                // in Washington": the people in a country are its actors
                // (not in an aside: "asks all countries, particularly those
                // in the OIC, to denounce")
                || (norms[k - 1] == "in"
                    && lex.special.words.has(Words::PeopleIn, norms[k - 2])
                    && !(k >= 3
                        && matches!(
                            norms[k - 3],
                            "particularly" | "especially" | "notably" | "including" | "like"
                        ))))
            && {
                // ... unless those people are themselves an object ("reached by
                // the leaders of the two countries")
                let mut h = k - 2;
                while h > 0 && is_determiner(norms[h - 1]) {
                    h -= 1;
                }
                // "tens of thousands of students": a count of counts
                while h >= 2
                    && norms[h - 1] == "of"
                    && matches!(
                        norms[h - 2],
                        "tens" | "hundreds" | "thousands" | "millions" | "dozens" | "scores"
                    )
                {
                    h -= 2;
                }
                h == 0 || !PREPOSITIONS.contains(&norms[h - 1])
            };
        // "loyal to Iraq's Al-Qaeda": what an object's possessive names is
        // that object too
        let after_possessive = k > 0
            && matches!(norms[k - 1], "'s" | "’s")
            && groups.last().is_some_and(|g| g.toks.1 == k - 1);
        // "in Islamabad, Pakistan": a country after a comma that only
        // names the country of the place before it stands where that
        // place stands
        let place_apposition = k > 0
            && norms[k - 1] == ","
            && members.len() == 1
            && groups.last().is_some_and(|g| {
                let bare = |n: &Np| {
                    !n.defaulted
                        && n.parts.len() == 1
                        && matches!(n.parts[0].kind, MentionKind::Actor(_))
                };
                let p = determiners_start(&norms, g.toks.0);
                g.toks.1 == k - 1
                    && g.members.len() == 1
                    && p > 0
                    && matches!(norms[p - 1], "in" | "at" | "near" | "from" | "to")
                    && bare(&nps[g.members[0]])
                    && bare(&nps[members[0]])
                    // (the country's bare name: not "In Colombia, the ELN
                    // declared", the subject after the place)
                    && nps[members[0]].toks.0 == k
                    && nps[members[0]].code.as_deref().is_some_and(|c| c.len() == 3)
                    && nps[g.members[0]].country.is_some()
                    && nps[g.members[0]].country == nps[members[0]].country
            });
        // "sent medical teams to 10 countries, namely Italy, Serbia ...":
        // the list after ", namely" stands where the phrase it names stands
        let namely_object = k >= 2 && norms[k - 1] == "namely" && norms[k - 2] == "," && {
            // (not "of", which is inside the phrase: "Six members of the
            // Agreement, namely China, India ... agreed")
            let mut h = k - 2;
            while h > 0
                && k - 2 - h < 5
                && (norms[h - 1] == "of" || !PREPOSITIONS.contains(&norms[h - 1]))
                && (is_determiner(norms[h - 1])
                    || norms[h - 1]
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
            {
                h -= 1;
            }
            h > 0 && norms[h - 1] != "of" && PREPOSITIONS.contains(&norms[h - 1])
        };
        let object_like = if namely_object {
            true
        } else if after_hyphen || after_possessive || place_apposition {
            groups.last().is_some_and(|g| g.object_like)
        } else {
            // ("for no other reason than the Chinese government is
            // disappointed with": after "than" or "like" a phrase before a
            // finite verb is a clause's subject)
            let clause_after = k > 0
                && matches!(norms[k - 1], "than" | "like")
                && norms.get(end).is_some_and(|w| {
                    is_aux_core(w) || is_modal(w) || matches!(*w, "does" | "did" | "do")
                });
            // ("killing seven people": a count right after a verb is its
            // object; not one told to act, "persuading three Latin American
            // countries to sever ties")
            let counted_object = norms.get(end) != Some(&"to")
                && count_start(toks, start).is_some_and(|c| {
                    c > 0
                        && norms[c - 1].len() > 4
                        && (norms[c - 1].ends_with("ing") || norms[c - 1].ends_with("ed"))
                });
            counted_object
                || (k > 0 && PREPOSITIONS.contains(&norms[k - 1]) && !of_people && !clause_after)
        };
        groups.push(Group {
            members,
            toks: (start, end),
            object_like,
        });
        i = j;
    }
    groups
}

/// One phrase entry of the actor at `ai`, for a mention the rules add
/// ("the Council", "my country") that the phrase index did not find.
fn actor_phrase_entry(lex: &Lexicon, ai: usize) -> Option<usize> {
    lex.phrases
        .entries
        .iter()
        .position(|e| matches!(e.value, PhraseTarget::Actor(a) if a as usize == ai))
}

/// A compass adjective before a place ("northern Mali", "the central
/// region").
fn is_compass_adjective(w: &str) -> bool {
    matches!(
        w,
        "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
    )
}

/// The forms of "have", "be" and "will" that several rules treat as no
/// content word ("has lodged", "were killed", "will visit").
pub fn is_aux_core(w: &str) -> bool {
    matches!(
        w,
        "has" | "have" | "had" | "is" | "are" | "was" | "were" | "will"
    )
}

/// The modal verbs ("will", "should", "may" ...), which several rules read
/// as the mark of a finite verb after its subject.
pub fn is_modal(w: &str) -> bool {
    matches!(
        w,
        "will" | "would" | "can" | "could" | "should" | "must" | "shall" | "may" | "might"
    )
}

/// Words that may stand between a preposition and its actor ("with *visiting* ...").
pub fn is_modifier(w: &str) -> bool {
    matches!(
        w,
        "visiting"
            // "called new Australian Prime Minister Scott Morrison"
            | "new"
            // "released former Vice President Amado Boudou"
            | "former"
            | "ousted"
            | "deposed"
            | "exiled"
            | "jailed"
            | "detained"
            | "imprisoned"
            | "newly"
            | "outgoing"
            | "incoming"
            | "other"
            | "western"
            | "fellow"
            // "the brotherly people of Cuba", "the sisterly Republic of"
            | "brotherly"
            | "sisterly"
            | "fraternal"
            | "heroic"
            | "valiant"
            | "neighbouring"
            | "neighboring"
            | "friendly"
            // "of southern Serbia", "in northern Iraq"
            | "southern"
            | "northern"
            | "eastern"
            | "central"
            // "based in Christian east Beirut", "in Shiite south Lebanon"
            | "east"
            | "west"
            | "north"
            | "south"
            | "christian"
            | "muslim"
            | "shiite"
            | "sunni"
            // "Ukraine and Russia-backed separatist rebels"
            | "separatist"
    )
}

/// Gives agent nouns without a country ("the rebels", "opposition groups",
/// "the judge") the country the sentence is about: the first country named in
/// the sentence, else the document's main country. Only plural nouns or
/// nouns after a determiner count, so that adjectives ("joint *military*
/// exercises") stay words.
/// In a document with a speaker (a press conference), an untitled official
/// ("Vice Foreign Minister Kong") is the speaker's.
pub fn default_countries(
    lex: &Lexicon,
    text: &str,
    toks: &[Token],
    nps: &mut [Np],
    doc_country: Option<&str>,
    speaker_country: Option<&str>,
) {
    // (most sentences have no agent noun without a code, the only phrases
    // the loop below changes: nothing to find a country for)
    let bare_agent = |n: &Np| {
        n.code.is_none()
            && !n.reciprocal
            && !n.parts.is_empty()
            && n.parts
                .iter()
                .all(|p| matches!(p.kind, MentionKind::Agent(_)))
    };
    if !nps.iter().any(bare_agent) {
        return;
    }
    let sentence_country = nps.iter().filter(|n| !n.reciprocal).find_map(|n| {
        n.country
            .as_ref()
            .filter(|c| lex.countries.contains(c.as_str()) && c.len() == 3)
            .cloned()
    });
    let Some(country) = sentence_country
        .or(doc_country.map(SharedStr::from))
        .or(speaker_country.map(SharedStr::from))
    else {
        return;
    };
    // "Thousands of demonstrators marched on the US embassy in Athens":
    // protesters, workers and students are where they protest, a country or
    // a seat of government named after "in", before the first country named
    // (looked for only when such a noun needs a country)
    let place_country = |nps: &[Np]| {
        nps.iter().find_map(|n| {
            let mut k = n.toks.0;
            // ("in northern Mali")
            while k > 0
                && (is_determiner(&toks[k - 1].norm)
                    || is_compass_adjective(&toks[k - 1].norm)
                    || matches!(
                        toks[k - 1].norm.as_str(),
                        "north" | "south" | "east" | "west"
                    ))
            {
                k -= 1;
            }
            // (or "the city of Kharkiv")
            let of_place = k >= 2
                && toks[k - 1].norm == "of"
                && lex
                    .special
                    .words
                    .has(Words::PlaceNouns, toks[k - 2].norm.as_str());
            if k == 0 || (toks[k - 1].norm != "in" && !of_place) || n.reciprocal {
                return None;
            }
            let [p] = &n.parts[..] else { return None };
            let MentionKind::Actor(a) = p.kind else {
                return None;
            };
            let code = &lex.actors[a as usize].code;
            let c = &code[..3.min(code.len())];
            (lex.countries.contains(c) && (code.len() == 3 || code.ends_with("GOV")))
                .then(|| SharedStr::new(c))
        })
    };
    let mut place_country_memo: Option<Option<SharedStr>> = None;
    for i in 0..nps.len() {
        let n = &nps[i];
        // "Moslem fundamentalist demonstrators": agent nouns only, the last
        // one the head
        if n.code.is_some()
            || n.reciprocal
            || n.parts.is_empty()
            || !n
                .parts
                .iter()
                .all(|p| matches!(p.kind, MentionKind::Agent(_)))
        {
            continue;
        }
        let MentionKind::Agent(ai) = n.parts[n.parts.len() - 1].kind else {
            continue;
        };
        // "congratulate Mr. Chakwera on winning the presidency": an office
        // won or taken is a post, not the government holding it
        if n.toks.1 - n.toks.0 == 1
            && lex
                .special
                .words
                .has(Words::OfficeNouns, toks[n.toks.0].norm.as_str())
        {
            let mut k = n.toks.0;
            while k > 0 && is_determiner(&toks[k - 1].norm) {
                k -= 1;
            }
            if k > 0
                && lex
                    .special
                    .words
                    .has(Words::TakingOffice, toks[k - 1].norm.as_str())
            {
                continue;
            }
        }
        // "condemned the military aggression against Syria": an agent noun
        // before the noun of an act is an adjective, no one's
        if toks.get(n.toks.1).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "aggression"
                    | "intervention"
                    | "interventions"
                    | "action"
                    | "actions"
                    | "operation"
                    | "operations"
                    | "attack"
                    | "attacks"
                    | "strike"
                    | "strikes"
                    | "offensive"
                    | "buildup"
                    | "provocation"
                    | "provocations"
                    | "threat"
                    | "threats"
                    | "pressure"
                    // ("to prevent a military confrontation")
                    | "confrontation"
                    | "confrontations"
                    | "conflict"
                    | "conflicts"
                    | "escalation"
            )
        }) {
            continue;
        }
        // "would not allow foreign troops on its soil", "interference by
        // external forces": people called foreign are not the country the
        // sentence is about
        if n.toks.0 > 0
            && matches!(
                toks[n.toks.0 - 1].norm.as_str(),
                "foreign" | "overseas" | "outside" | "international" | "external"
            )
        {
            continue;
        }
        // "take action against any armed group that tries to ...": a role
        // noun after "any", "every" or "no" is whoever fits it, no one
        // actor of the context's country
        if n.toks.0 > 0 && matches!(toks[n.toks.0 - 1].norm.as_str(), "any" | "every" | "no") {
            continue;
        }
        // "a certain country said it launched a cyber war against Iran":
        // a country the text will not name is no country of the context
        if n.toks.0 > 0
            && toks[n.toks.0 - 1].norm == "certain"
            && n.toks.1 - n.toks.0 == 1
            && lex
                .special
                .words
                .has(Words::CountryNouns, toks[n.toks.0].norm.as_str())
        {
            continue;
        }
        // "all sides", "relevant sides": sides named by no country are no
        // one's ("the Chinese side" has its country; "Iran, the US and
        // other sides" keeps the list's end)
        if n.toks.1 - n.toks.0 == 1
            && matches!(toks[n.toks.0].norm.as_str(), "side" | "sides")
            && n.toks.0 > 0
            && matches!(
                toks[n.toks.0 - 1].norm.as_str(),
                "all" | "relevant" | "concerned" | "various" | "both" | "either"
            )
        {
            continue;
        }
        // "delegates from over 60 countries": people said to come from
        // somewhere the text does not name are no one's in particular
        if toks
            .get(n.toks.1)
            .is_some_and(|t| matches!(t.norm.as_str(), "from" | "of"))
            && toks
                .get(n.toks.1 + 1..(n.toks.1 + 5).min(toks.len()))
                .is_some_and(|w| {
                    w.iter().any(|t| {
                        matches!(
                            t.norm.as_str(),
                            "countries" | "nations" | "states" | "regions"
                        )
                    })
                })
        {
            continue;
        }
        let shared = joined_country(lex, toks, nps, i)
            .or_else(|| adjective_shared(lex, toks, nps, i))
            .or_else(|| of_country(lex, toks, nps, i))
            .or_else(|| modified_country(lex, toks, nps, i))
            .or_else(|| where_country(lex, toks, nps, i));
        // (students, not the experts and scholars EDU also names: "medical
        // experts sent by the Chinese government arrived in Kazakhstan")
        // (and armed groups, "Militants abducted 20 Chinese workers in
        // northern Mali": of where they act, not of the workers)
        // (only as a subject: "a ceasefire pact with major rebel groups at
        // peace talks in Juba" names where the talks were)
        let protesting = match lex.agents[ai as usize].code.as_str() {
            "OPP" | "LAB" => true,
            "REB" => {
                // (the prepositions before an object)
                let object_mark = |w: &str| {
                    matches!(
                        w,
                        "with"
                            | "against"
                            | "to"
                            | "of"
                            | "on"
                            | "by"
                            | "for"
                            | "from"
                            | "at"
                            | "in"
                            | "and"
                    )
                };
                let mut k = nps[i].toks.0;
                while k > 0
                    && (is_determiner(&toks[k - 1].norm)
                        || toks[k - 1].norm.bytes().all(|b| b.is_ascii_lowercase())
                            && !object_mark(&toks[k - 1].norm))
                {
                    k -= 1;
                }
                k == 0 || !object_mark(&toks[k - 1].norm)
            }
            "EDU" => toks[nps[i].toks.1 - 1].norm.starts_with("student"),
            // "shelled the city of Kharkiv, killing three civilians": the
            // people harmed are of the place, not of the attacker
            "CVL" => {
                let mut k = nps[i].toks.0;
                while k > 0
                    && (is_determiner(&toks[k - 1].norm)
                        || toks[k - 1]
                            .norm
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b',')
                        || matches!(
                            toks[k - 1].norm.as_str(),
                            "innocent"
                                | "unarmed"
                                | "least"
                                | "at"
                                | "some"
                                | "about"
                                | "over"
                                | "more"
                                | "than"
                                | "dozens"
                                | "hundreds"
                                | "of"
                        )
                        || is_count_word(&toks[k - 1].norm))
                {
                    k -= 1;
                }
                k > 0
                    && lex
                        .special
                        .words
                        .has(Words::HarmVerbs, toks[k - 1].norm.as_str())
            }
            _ => false,
        };
        if protesting && place_country_memo.is_none() {
            place_country_memo = Some(place_country(nps));
        }
        let place = place_country_memo
            .as_ref()
            .filter(|_| protesting)
            .and_then(|p| p.as_ref());
        let n = &mut nps[i];
        if let Some(c) = &shared {
            let agent = &lex.agents[ai as usize].code;
            n.code = Some(SharedStr::concat(&[c, agent]));
            n.country = Some(c.clone());
            n.via = SharedStr::concat(&[
                &n.via,
                "; country ",
                c,
                " from the named actor it is joined to or belongs to",
            ]);
            continue;
        }
        // "supported by many Governments", "other officials": a plural
        // counted by a vague quantifier, and joined to no named actor, is no
        // one's in particular (not the end of a list: "Iran, the US and
        // other sides")
        let list_end =
            n.toks.0 >= 2 && matches!(toks[n.toks.0 - 2].norm.as_str(), "and" | "or" | ",");
        if n.toks.0 > 0
            && toks[n.toks.1 - 1].norm.ends_with('s')
            && match toks[n.toks.0 - 1].norm.as_str() {
                "many" | "numerous" | "various" | "countless" => true,
                "other" => !list_end,
                _ => false,
            }
        {
            continue;
        }
        // "a second opposition member", "the jailed opposition leader": a
        // determiner, then words that rank or describe a person (the
        // determiner may be the phrase's own: "the opposition newspaper")
        let mut k = n.toks.0;
        while k > 0
            && k + 3 > n.toks.0
            && lex
                .special
                .words
                .has(Words::PersonPremodifiers, toks[k - 1].norm.as_str())
        {
            k -= 1;
        }
        let noun_use = k > 0 && is_determiner(&toks[k - 1].norm)
            || is_determiner(&toks[n.toks.0].norm)
            || toks[n.toks.1 - 1].norm.ends_with('s')
            // (an irregular plural: "women and children")
            || toks[n.toks.1 - 1].norm == "children"
            // (after a count that is a verb's object: "detained 18
            // people", "killing over 50 people"; not a subject, "116 people
            // arrived in Kyrgyzstan", whose country is not the place's)
            // (the count may be words: "detained several dozen people",
            // "arrested hundreds of people", "killed two civilians")
            || (n.toks.1 - n.toks.0 == 1
                && count_start(toks, k).is_some_and(|c| {
                    c >= 1 && c < k && {
                        let w = toks[c - 1].norm.as_str();
                        w.ends_with("ed")
                            || w.ends_with("ing")
                            || matches!(
                                w,
                                "over" | "about" | "least" | "nearly" | "almost" | "than"
                                    | "around" | "approximately" | "some"
                            )
                    }
                }))
            // (the object of a past verb before a name: "freed activist
            // pastor Evan Mawarire")
            || (k > 0
                && toks[k - 1].norm.len() > 4
                && toks[k - 1].norm.ends_with("ed")
                && toks.get(n.toks.1).is_some_and(|t| {
                    text[t.span].chars().next().is_some_and(|c| c.is_uppercase())
                        || t.norm.bytes().all(|b| b.is_ascii_lowercase())
                            && toks.get(n.toks.1 + 1).is_some_and(|u| {
                                text[u.span].chars().next().is_some_and(|c| c.is_uppercase())
                            })
                }))
            || text[toks[n.toks.0].span]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
            || n.toks.0 == 0;
        if !noun_use {
            continue;
        }
        let agent = &lex.agents[ai as usize].code;
        let country = place.unwrap_or(&country);
        // "Vice Foreign Minister Kong met with ... Foreign Secretary
        // Tehmina Janjua": an untitled official met "with" is the other
        // country's, when the sentence names one
        let met_with = n.toks.0 > 0
            && matches!(
                toks[n.toks.0 - 1].norm.as_str(),
                "with" | "met" | "meets" | "meet"
            );
        let country = match speaker_country {
            Some(sc) if agent == "GOV" && !(met_with && *country != *sc) => SharedStr::new(sc),
            _ => country.clone(),
        };
        n.code = Some(SharedStr::concat(&[&country, agent]));
        n.country = Some(country.clone());
        n.defaulted = true;
        n.via = SharedStr::concat(&[&n.via, "; country ", &country, " from the context"]);
    }
}

/// "I call on the Assembly", "We wish the Assembly every success": in a
/// document spoken in or about the UN General Assembly (one that names it),
/// "the Assembly" with a capital and no country is that Assembly, not a
/// parliament of the country in view.
/// The same for "the Council" in a document that names the Security Council
/// ("South Sudan's ambassador thanked the Council"): there a new phrase of
/// its own, as "Council" alone names no actor elsewhere ("the Legislative
/// Council" keeps its own name).
pub fn forum_bodies(
    lex: &Lexicon,
    text: &str,
    toks: &[Token],
    nps: &mut Vec<Np>,
    forums: &[(&str, &str)],
) {
    if forums.is_empty() {
        return;
    }
    for n in nps.iter_mut() {
        if !n.defaulted || n.toks.1 - n.toks.0 != 1 || n.toks.0 == 0 {
            continue;
        }
        let t = &toks[n.toks.0];
        let Some(&(_, code)) = forums.iter().find(|(w, _)| &text[t.span] == *w) else {
            continue;
        };
        if !matches!(toks[n.toks.0 - 1].norm.as_str(), "the" | "this") {
            continue;
        }
        n.code = Some(code.into());
        n.country = None;
        n.defaulted = false;
        n.via = SharedStr::concat(&[&n.via, "; the UN body of that name the document names"]);
    }
    let Some(&(_, code)) = forums.iter().find(|(w, _)| *w == "Council") else {
        return;
    };
    // (most sentences have no "council": one pass over the norms)
    if !toks.iter().any(|t| t.norm == "council") {
        return;
    }
    let spots: Vec<usize> = (1..toks.len())
        .filter(|&i| {
            toks[i].norm == "council"
                && &text[toks[i].span] == "Council"
                && matches!(toks[i - 1].norm.as_str(), "the" | "this")
                && !nps.iter().any(|n| n.toks.0 <= i && i < n.toks.1)
        })
        .collect();
    if spots.is_empty() {
        return;
    }
    // (the actor and one of its phrases, looked up only when needed)
    let Some(ai) = lex.actors.iter().position(|a| a.code == code) else {
        return;
    };
    let Some(entry) = actor_phrase_entry(lex, ai) else {
        return;
    };
    for i in spots {
        let t = &toks[i];
        let at = nps.iter().position(|n| n.toks.0 > i).unwrap_or(nps.len());
        nps.insert(
            at,
            Np {
                toks: (i, i + 1),
                span: t.span,
                code: Some(code.into()),
                country: None,
                reciprocal: false,
                gov: false,
                via: format!(
                    "\"the Council\": {code}, the UN body of that name the document names"
                )
                .into(),
                parts: vec![Mention {
                    kind: MentionKind::Actor(ai as u32),
                    toks: (i, i + 1),
                    entry: entry as u32,
                }],
                defaulted: false,
            },
        );
    }
}

/// A noun phrase of the single token `i` that is an agent noun alone
/// ("delegation", "Government") not already given the speaker's country:
/// no named actor, and none the speaker's "my" can leave standing.
fn stray_agent(n: &Np, i: usize, speaker: &str) -> bool {
    n.toks == (i, i + 1)
        && n.parts
            .iter()
            .all(|p| matches!(p.kind, MentionKind::Agent(_)))
        && n.country.as_deref() != Some(speaker)
}

/// "Iran attacked my country", "My Government condemns ...": in a document
/// with a speaker (a statement, a press conference), "my/our country",
/// "my/our nation", "my/our State" are the speaker's country and "my/our
/// Government", "my delegation" its government. A phrase of the lexicon
/// already there ("our country's armed forces" read by another rule) is
/// left alone.
pub fn first_person_country(
    lex: &Lexicon,
    text: &str,
    toks: &[Token],
    nps: &mut Vec<Np>,
    speaker_country: Option<&str>,
) {
    let Some(country) = speaker_country else {
        return;
    };
    // (most sentences have neither word: one pass over the norms)
    if !toks.iter().any(|t| matches!(t.norm.as_str(), "my" | "our")) {
        return;
    }
    let spots: Vec<(usize, bool)> = (1..toks.len())
        .filter_map(|i| {
            // (a bare agent noun there, "delegation" or "Government" read
            // alone, gives way)
            if !matches!(toks[i - 1].norm.as_str(), "my" | "our")
                || nps
                    .iter()
                    .any(|n| n.toks.0 <= i && i < n.toks.1 && !stray_agent(n, i, country))
            {
                return None;
            }
            let words = &lex.special.words;
            let norm = toks[i].norm.as_str();
            // ("our State", capitalised: not "our state of readiness")
            let gov = if words.has(Words::SpeakerGovernment, norm) {
                true
            } else if words.has(Words::SpeakerNouns, norm)
                && (norm != "state" || &text[toks[i].span] == "State")
            {
                false
            } else {
                return None;
            };
            let next = |k: usize| toks.get(i + k).map_or("", |t| t.norm.as_str());
            let possessive = matches!(next(1), "'s" | "’s");
            let blocked = words.has(Words::NotSpeakerAfter, next(1))
                || (possessive && words.has(Words::NotSpeakerPossessed, next(2)));
            (!blocked).then_some((i, gov))
        })
        .collect();
    if spots.is_empty() {
        return;
    }
    for (i, gov) in spots {
        let code = if gov {
            format!("{country}GOV")
        } else {
            country.to_string()
        };
        // (the actor and one of its phrases: a state without a `GOV` line
        // falls back to the country)
        let Some((code, ai)) = [code.clone(), country.to_string()]
            .into_iter()
            .find_map(|c| {
                lex.actors
                    .iter()
                    .position(|a| a.code == c)
                    .map(|ai| (c, ai))
            })
        else {
            continue;
        };
        let Some(entry) = actor_phrase_entry(lex, ai) else {
            continue;
        };
        let s = i - 1;
        nps.retain(|n| !stray_agent(n, i, country));
        let span = Span::new(toks[s].span.start, toks[i].span.end);
        let at = nps.iter().position(|n| n.toks.0 > s).unwrap_or(nps.len());
        nps.insert(
            at,
            Np {
                toks: (s, i + 1),
                span,
                code: Some(code.as_str().into()),
                country: Some(country.into()),
                reciprocal: false,
                gov: false,
                via: format!(
                    "\"{}\": {code}, the speaker's own in a document with a speaker",
                    &text[span]
                )
                .into(),
                parts: vec![Mention {
                    kind: MentionKind::Actor(ai as u32),
                    toks: (s, i + 1),
                    entry: entry as u32,
                }],
                defaulted: false,
            },
        );
    }
}

/// "ethnic Albanian guerrillas operating in Macedonia", "ethnic Albanians
/// demonstrated in Serbia", "the Albanians of southern Serbia": an ethnic
/// group named by a nation's demonym is coded, as CAMEO does, by the country
/// it lives in (the one after "of"/"in", else the first other country named
/// in the sentence), as that country's civilians when no role is named; with
/// no other country named it keeps the demonym's.
pub fn ethnic_residents(lex: &Lexicon, toks: &[Token], nps: &mut [Np]) {
    for i in 0..nps.len() {
        let n = &nps[i];
        let ethnic = n.toks.0 > 0 && toks[n.toks.0 - 1].norm == "ethnic";
        // "the Albanians of southern Serbia", "Kurds in Turkey": a people
        // named by a plural demonym, then where it lives
        let mut k = n.toks.1;
        // (a plural word, not a short name that ends in "s": "the leaders
        // of Russia and the US in Helsinki")
        let living = n.toks.1 - n.toks.0 == 1
            && toks[n.toks.0].norm.len() > 3
            && toks[n.toks.0].norm.ends_with('s')
            && k < toks.len()
            && matches!(toks[k].norm.as_str(), "of" | "in")
            && {
                k += 1;
                while k < toks.len()
                    && (is_determiner(&toks[k].norm)
                        || matches!(
                            toks[k].norm.as_str(),
                            "southern"
                                | "northern"
                                | "eastern"
                                | "western"
                                | "central"
                                | "south"
                                | "north"
                                | "east"
                                | "west"
                        ))
                {
                    k += 1;
                }
                nps.get(i + 1)
                    .is_some_and(|m| m.toks.0 == k && m.code.is_some())
            };
        // (the code is cloned only when the phrase qualifies)
        let Some(own) = n
            .country
            .as_ref()
            .filter(|_| (ethnic || living) && !n.reciprocal)
            .cloned()
        else {
            continue;
        };
        let from_demonym = n.parts.iter().any(|p| {
            matches!(p.kind, MentionKind::Actor(a) if lex.actors[a as usize].kind == dyad_lexicon::ActorKind::Country)
        });
        // "Palestinians in the Gaza Strip" live at home
        if living && !ethnic && nps[i + 1].country.as_deref() == Some(own.as_str()) {
            continue;
        }
        let home = if living {
            nps[i + 1]
                .country
                .as_ref()
                .filter(|c| **c != own && c.len() == 3)
                .cloned()
        } else {
            None
        };
        let home = home.or_else(|| {
            nps.iter().enumerate().find_map(|(j, m)| {
                (j != i && !m.reciprocal)
                    .then(|| m.country.clone())
                    .flatten()
                    .filter(|c| *c != own && c.len() == 3 && lex.countries.contains(c.as_str()))
            })
        });
        let (true, Some(home)) = (from_demonym, home) else {
            continue;
        };
        let n = &mut nps[i];
        // a people with no role named is the country's civilians
        if let Some(code) = &n.code {
            let role = code.get(3..).unwrap_or("");
            let role = if role.is_empty() { "CVL" } else { role };
            n.code = Some(SharedStr::concat(&[&home, role]));
        }
        n.country = Some(home.clone());
        n.via = format!(
            "{}; an ethnic group: coded by the country it lives in, {home}",
            n.via
        )
        .into();
    }
}

/// "Minister of Foreign Affairs and Expatriates of the Hashemite Kingdom of
/// Jordan": a title's country named after "of" within a few words.
fn of_country(lex: &Lexicon, toks: &[Token], nps: &[Np], i: usize) -> Option<SharedStr> {
    let end = nps[i].toks.1;
    let stop = (end + 5).min(toks.len());
    let of = (end..stop).find(|&k| toks[k].norm == "of")?;
    // (no verb between: "the government warned the population of Gondor")
    if toks[end..of].iter().any(|t| {
        !matches!(t.kind, dyad_text::TokenKind::Word)
            || t.norm == "for"
            || t.norm.ends_with("ed")
            || matches!(
                t.norm.as_str(),
                "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will" | "said" | "says"
            )
    }) {
        return None;
    }
    let mut k = of + 1;
    while k < toks.len() && is_determiner(&toks[k].norm) {
        k += 1;
    }
    // "the mayor of the northern West Bank city of Nablus": a compass
    // adjective before the place
    if k < toks.len() && is_compass_adjective(&toks[k].norm) {
        k += 1;
    }
    let next = nps.iter().find(|n| n.toks.0 == k)?;
    (next.code.is_some() && !next.reciprocal && !next.defaulted)
        .then(|| next.country.clone())
        .flatten()
        .filter(|c| lex.countries.contains(c.as_str()) && c.len() == 3)
}

/// "Saudi Arabian high-ranking officials", "Chinese senior diplomats": the
/// country adjective just before the agent noun at `i`, with only a few
/// words that rank or count people between them.
fn modified_country(lex: &Lexicon, toks: &[Token], nps: &[Np], i: usize) -> Option<SharedStr> {
    let start = nps[i].toks.0;
    let prev = nps[..i].iter().rev().find(|n| n.toks.1 <= start)?;
    let gap = &toks[prev.toks.1..start];
    let modifier = |t: &Token| {
        t.norm == "-"
            || lex
                .special
                .words
                .has(Words::PersonPremodifiers, t.norm.as_str())
            || matches!(
                t.norm.as_str(),
                "high"
                    | "ranking"
                    | "level"
                    | "visiting"
                    | "new"
                    | "other"
                    | "local"
                    | "some"
                    | "several"
                    | "many"
                    | "two"
                    | "three"
            )
    };
    if gap.is_empty() || gap.len() > 4 || !gap.iter().all(modifier) {
        return None;
    }
    // a country named as such, not one of its agents ("Chinese officials")
    (prev.code.is_some() && prev.code == prev.country && !prev.reciprocal && !prev.defaulted)
        .then(|| prev.country.clone())
        .flatten()
        .filter(|c| lex.countries.contains(c.as_str()) && c.len() == 3)
}

/// "university students throughout Indonesia", "workers across France": a
/// plural agent noun followed at once by where its people are, a named
/// country, is that country's.
fn where_country(lex: &Lexicon, toks: &[Token], nps: &[Np], i: usize) -> Option<SharedStr> {
    let (start, end) = nps[i].toks;
    // "its forces in Lebanon" are someone else's
    let owned = start > 0
        && matches!(
            toks[start - 1].norm.as_str(),
            "its" | "their" | "his" | "her" | "our" | "my" | "your"
        );
    // (past what says how they are there: "the people in need in
    // Afghanistan", "civilians still living in Gaza")
    let mut end = end;
    loop {
        match toks.get(end).map(|t| t.norm.as_str()) {
            Some("in") if toks.get(end + 1).is_some_and(|t| t.norm == "need") => end += 2,
            Some("still" | "living" | "trapped" | "stranded" | "residing") => end += 1,
            _ => break,
        }
    }
    if owned
        || !(toks[nps[i].toks.1 - 1].norm.ends_with('s')
            || matches!(
                toks[nps[i].toks.1 - 1].norm.as_str(),
                "people" | "children" | "women" | "men"
            ))
        || !matches!(
            toks.get(end).map(|t| t.norm.as_str()),
            Some("in" | "throughout" | "across")
        )
    {
        return None;
    }
    let mut k = end + 1;
    while k < toks.len() && is_determiner(&toks[k].norm) {
        k += 1;
    }
    let next = nps.iter().find(|n| n.toks.0 == k)?;
    let c = next.code.as_deref()?;
    (!next.reciprocal && !next.defaulted && lex.countries.contains(c)).then(|| SharedStr::new(c))
}

/// "the United States declared that Venezuela poses a threat ... and
/// imposed sanctions on that country": "that country" names again the
/// nearest state named before it in the sentence (a bare state's name, not
/// the speaker's own, not a guessed or reciprocal one, not after "of").
pub fn that_country(toks: &[Token], nps: &mut Vec<Np>, speaker_country: Option<&str>) {
    let mut k = 0;
    while k + 1 < toks.len() {
        if toks[k].norm.as_str() != "that" || toks[k + 1].norm.as_str() != "country" {
            k += 1;
            continue;
        }
        let taken = nps.iter().any(|n| n.toks.0 <= k + 1 && k < n.toks.1);
        let antecedent = nps.iter().rev().find(|n| {
            n.toks.1 <= k
                && !n.defaulted
                && !n.reciprocal
                && n.code.is_some()
                && n.code == n.country
                && n.country.as_deref() != speaker_country
                // (not the complement of "of": "a threat to the national
                // security of the United States")
                && !{
                    let mut b = n.toks.0;
                    while b > 0 && is_determiner(&toks[b - 1].norm) {
                        b -= 1;
                    }
                    b > 0 && toks[b - 1].norm.as_str() == "of"
                }
        });
        if let (false, Some(a)) = (taken, antecedent) {
            let code = a.code.clone().unwrap_or_default();
            let np = Np {
                toks: (k, k + 2),
                span: toks[k].span.cover(toks[k + 1].span),
                code: a.code.clone(),
                country: a.country.clone(),
                reciprocal: false,
                gov: false,
                via: format!("\"that country\": {code}, named before it in the sentence").into(),
                parts: a
                    .parts
                    .iter()
                    .map(|p| Mention {
                        toks: (k, k + 2),
                        ..p.clone()
                    })
                    .collect(),
                defaulted: false,
            };
            let at = nps.partition_point(|n| n.toks.0 < k);
            nps.insert(at, np);
        }
        k += 2;
    }
}

/// "met Alice Wells, a senior US State Department official, at a hotel":
/// a name the dictionaries do not know, followed by a comma and a phrase
/// naming an office-holder (its last word a role noun) that closes at a
/// comma, a stop or a preposition, is that office-holder: the name gets the
/// phrase's code, so that an act's slot right after the act takes it. (The
/// phrase itself stays a mention; a name in subject position was already
/// found through it.) Not "X met Y, the British foreign secretary said":
/// the phrase must not be followed by a verb of its own.
pub fn named_in_apposition(text: &str, toks: &[Token], nps: &mut Vec<Np>) {
    let mut added = Vec::new();
    for (ai, a) in nps.iter().enumerate() {
        let (s, mut e) = a.toks;
        if a.code.is_none() || a.reciprocal || a.defaulted || e == 0 {
            continue;
        }
        // ("a US State Department official": the role noun after the
        // actor's phrase)
        if toks.get(e).is_some_and(|t| is_role_noun(t.norm.as_str())) {
            e += 1;
        } else if !is_role_noun(toks[e - 1].norm.as_str()) {
            continue;
        }
        // the comma before the phrase (past "a", "an", "the" and "senior",
        // "top", "visiting")
        let mut c = s;
        while c > 0 && matches!(toks[c - 1].norm.as_str(), "senior" | "top" | "visiting") {
            c -= 1;
        }
        if c > 0 && matches!(toks[c - 1].norm.as_str(), "a" | "an" | "the") {
            c -= 1;
        }
        if c < 2 || toks[c - 1].norm.as_str() != "," {
            continue;
        }
        let closed = match toks.get(e).map(|t| t.norm.as_str()) {
            None => true,
            Some(w) => matches!(
                w,
                "," | "."
                    | ";"
                    | ":"
                    | ")"
                    | "to"
                    | "of"
                    | "in"
                    | "at"
                    | "on"
                    | "for"
                    | "from"
                    | "who"
                    | "and"
            ),
        };
        if !closed {
            continue;
        }
        // the name: up to four capitalised words no phrase covers
        let end = c - 1;
        let mut b = end;
        while b > 0
            && end - b < 4
            && is_name_token(text, &toks[b - 1])
            && !nps.iter().any(|n| n.toks.0 < b && b - 1 < n.toks.1)
        {
            b -= 1;
        }
        // (a lone capitalised word opening the sentence is no name:
        // "Meanwhile, the foreign minister")
        if b == end || (b == 0 && end - b < 2) || (b > 0 && is_name_token(text, &toks[b - 1])) {
            continue;
        }
        added.push((b, end, ai, toks[s].span.cover(toks[e - 1].span)));
    }
    for (b, end, ai, role) in added.into_iter().rev() {
        let a = &nps[ai];
        let np = Np {
            toks: (b, end),
            span: toks[b].span.cover(toks[end - 1].span),
            code: a.code.clone(),
            country: a.country.clone(),
            reciprocal: false,
            gov: false,
            via: format!("a name in apposition to \"{}\": {}", &text[role], a.via).into(),
            parts: a
                .parts
                .iter()
                .map(|p| Mention {
                    toks: (b, end),
                    ..p.clone()
                })
                .collect(),
            defaulted: false,
        };
        let at = nps.partition_point(|n| n.toks.0 < b);
        nps.insert(at, np);
    }
}

/// The last word of a phrase naming an office-holder.
fn is_role_noun(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "minister"
            | "premier"
            | "chancellor"
            | "ambassador"
            | "envoy"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "secretary"
            | "official"
            | "diplomat"
            | "negotiator"
            | "representative"
            | "adviser"
            | "advisor"
            | "commander"
            | "chief"
            | "governor"
            | "senator"
            | "lawmaker"
            | "legislator"
            | "deputy"
            | "aide"
            | "director"
            | "chairman"
            | "chairwoman"
            | "leader"
            | "king"
            | "emir"
            | "prince"
    )
}

/// "about 200 supporters of former President Ahmed Ben Bella": the
/// followers of a person are that person's country's people, not the
/// person's office (the bare country code); those of a rebel or opposition
/// leader keep the movement's code.
pub fn supporters_of(toks: &[Token], nps: &mut [Np]) {
    for n in nps.iter_mut() {
        let k = n.toks.0;
        let followers = k >= 2
            && toks[k - 1].norm == "of"
            && matches!(
                toks[k - 2].norm.as_str(),
                "supporters" | "followers" | "loyalists"
            );
        let person = n
            .parts
            .iter()
            .any(|p| matches!(p.kind, MentionKind::Person(_)));
        let Some(c) = n.country.as_ref().filter(|_| followers && person).cloned() else {
            continue;
        };
        // (a rebel or opposition leader's followers are the movement's:
        // "released two followers of rebel leader Riek Machar")
        if n.code.as_deref().is_some_and(|code| {
            matches!(
                code.get(3..6),
                Some("REB" | "INS" | "OPP" | "SEP" | "RAD" | "UAF")
            )
        }) {
            continue;
        }
        n.code = Some(c.clone());
        n.via = format!("{}; their supporters: the people of {c}", n.via).into();
    }
}

/// "the people and Government of Cambodia": the country of the named actor
/// that the bare agent noun at `i` is joined to by "and", if any.
fn joined_country(lex: &Lexicon, toks: &[Token], nps: &[Np], i: usize) -> Option<SharedStr> {
    let next = nps.get(i + 1)?;
    let mut between = toks[nps[i].toks.1..next.toks.0]
        .iter()
        .map(|t| t.norm.as_str())
        .filter(|w| !is_determiner(w));
    let first = between.next();
    let joined = first == Some("and") && between.next().is_none();
    // "Prime Minister Tun Dr. Mahathir": a title and honorifics cut off
    // from the person's name by the stop of an abbreviation
    let titled = first == Some(".")
        && between.next().is_none()
        && matches!(
            next.parts.first().map(|p| p.kind),
            Some(MentionKind::Person(_))
        );
    ((joined || titled) && next.code.is_some() && !next.reciprocal)
        .then(|| next.country.clone())
        .flatten()
        .filter(|c| lex.countries.contains(c.as_str()))
}

/// "Chinese students and scholars in the US": a bare agent noun right
/// after "and" and an agent noun whose country is an adjective before it
/// shares that adjective (before "in", not where "in" says they are).
fn adjective_shared(lex: &Lexicon, toks: &[Token], nps: &[Np], i: usize) -> Option<SharedStr> {
    let prev = nps.get(i.checked_sub(1)?)?;
    // (also before any other word: "Lithuanian judges and prosecutors
    // investigating", not before "from" or "of", which name the second
    // noun's own country)
    let joined = prev.toks.1 + 1 == nps[i].toks.0
        && toks[prev.toks.1].norm == "and"
        && !toks
            .get(nps[i].toks.1)
            .is_some_and(|t| matches!(t.norm.as_str(), "from" | "of"));
    let adjective = matches!(
        &prev.parts[..],
        [a, b] if matches!(a.kind, MentionKind::Actor(_)) && matches!(b.kind, MentionKind::Agent(_))
    );
    (joined && adjective && !prev.reciprocal && !prev.defaulted)
        .then(|| prev.country.clone())
        .flatten()
        .filter(|c| lex.countries.contains(c.as_str()))
}

/// A capitalised word that can be part of a person's name.
fn is_name_token(text: &str, t: &Token) -> bool {
    let raw = &text[t.span];
    let mut chars = raw.chars();
    matches!(t.kind, dyad_text::TokenKind::Word)
        && chars.next().is_some_and(|c| c.is_uppercase())
        && !matches!(
            t.norm.as_str(),
            "on" | "in" | "the" | "and" | "of" | "said" | "today" | "yesterday"
        )
        && ![
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .contains(&t.norm.as_str())
}

/// "The ambassadors of Arnor, Osgiliath and Gondor", "lawmakers in Fornost
/// and Gondor": an agent before a list of countries belongs to each of them.
pub fn distribute_agents(lex: &Lexicon, toks: &[Token], nps: &mut [Np]) {
    for i in 0..nps.len() {
        let np = &nps[i];
        let Some(MentionKind::Agent(ai)) = np.parts.first().map(|p| p.kind) else {
            continue;
        };
        if !np
            .parts
            .iter()
            .any(|p| matches!(p.kind, MentionKind::Actor(_)))
            || np.defaulted
        {
            continue;
        }
        let agent = lex.agents[ai as usize].code.clone();
        let mut end = np.toks.1;
        for j in i + 1..nps.len() {
            let gap: Vec<&str> = toks[end..nps[j].toks.0]
                .iter()
                .map(|t| t.norm.as_str())
                .filter(|w| !is_determiner(w))
                .collect();
            if !matches!(gap.as_slice(), ["and"] | [","] | [",", "and"]) {
                break;
            }
            let other = &mut nps[j];
            if !bare_country(lex, other) {
                break;
            }
            let code = format!("{}{agent}", other.code.as_deref().unwrap_or(""));
            other.via = format!("{}; agent {agent} of the list it belongs to", other.via).into();
            other.code = Some(code.into());
            end = other.toks.1;
        }
    }
}

/// A phrase that is one country's name and nothing else ("Russia",
/// "Chinese"): an item of a list that may take the list's role.
fn bare_country(lex: &Lexicon, np: &Np) -> bool {
    np.parts.len() == 1
        && np
            .code
            .as_ref()
            .is_some_and(|c| c.len() == 3 && lex.countries.contains(c.as_str()))
}

/// "U.S. and British forces", "Chinese, Indian and Pakistani troops": bare
/// countries listed right before a country with a role share the role (the
/// list's last word is the head of every item). Only when nothing stands
/// between the items but "and" or a comma: "China and the US military" is
/// the state and an army.
pub fn distribute_agents_back(lex: &Lexicon, toks: &[Token], nps: &mut [Np]) {
    for j in (1..nps.len()).rev() {
        let Some(code) = nps[j].code.clone() else {
            continue;
        };
        let last_is_agent = matches!(
            nps[j].parts.last().map(|p| p.kind),
            Some(MentionKind::Agent(_))
        );
        let first_is_country = matches!(
            nps[j].parts.first().map(|p| p.kind),
            Some(MentionKind::Actor(a)) if lex.actors[a as usize].kind == ActorKind::Country
        );
        if code.len() != 6 || !last_is_agent || !first_is_country || nps[j].parts.len() != 2 {
            continue;
        }
        let role = code[3..].to_string();
        let mut start = nps[j].toks.0;
        for i in (0..j).rev() {
            let gap: Vec<&str> = toks[nps[i].toks.1..start]
                .iter()
                .map(|t| t.norm.as_str())
                .collect();
            // (the item next to the last is joined by "and" or "or": in
            // "barred her from leaving Turkey, German officials said" the
            // comma ends a clause)
            let joined = match gap.as_slice() {
                ["and"] | [",", "and"] | ["or"] => true,
                [","] => start < nps[j].toks.0,
                _ => false,
            };
            if !joined {
                break;
            }
            let other = &mut nps[i];
            if !bare_country(lex, other) || other.reciprocal {
                break;
            }
            other.code = Some(format!("{}{role}", other.code.as_deref().unwrap_or("")).into());
            other.via = format!("{}; role {role} of the list's last item", other.via).into();
            start = other.toks.0;
        }
    }
}

#[cfg(test)]
mod via_tests {
    use super::via;
    use dyad_lexicon::Origin;

    #[test]
    fn via_is_the_formatted_text() {
        for line in [0, 7, 10, 268, 4096, usize::MAX] {
            let o = Origin {
                file: "actors/countries.txt".into(),
                line,
            };
            assert_eq!(via(&["DEU"], &o), format!("DEU ({o})"));
            assert_eq!(
                via(&[" + agent ", "GOV"], &o),
                format!(" + agent GOV ({o})")
            );
            assert_eq!(
                via(&["agent ", "MIL", " alone"], &o),
                format!("agent MIL alone ({o})")
            );
            assert_eq!(
                via(&["reciprocal phrase"], &o),
                format!("reciprocal phrase ({o})")
            );
        }
    }
}

#[cfg(test)]
mod determiner_tests {
    use super::{is_determiner, DETERMINERS};

    /// The match is the list: every word of it, and no other word.
    #[test]
    fn is_determiner_is_the_list() {
        for w in DETERMINERS {
            assert!(is_determiner(w), "{w}");
        }
        for w in [
            "", "th", "thes", "The", "an ", "every", "own", "whose", "such",
        ] {
            assert_eq!(is_determiner(w), DETERMINERS.contains(&w), "{w}");
        }
    }
}
