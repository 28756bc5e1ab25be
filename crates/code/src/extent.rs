//! The extent of an actor mention: the whole noun phrase that names it.
//!
//! The coder decides *who* acted from the dictionary phrase it found
//! ("Afghan", "Swiss court", "ISIS"); a reader wants the words that name the
//! actor in the sentence ("the Afghan Interior Ministry", "a Swiss court",
//! "the last ISIS group bastion in the country"). [`phrase`] grows a
//! mention's tokens to that noun phrase, without a parser, from the shape of
//! the words around it:
//!
//! - to the left: determiners and quantifiers ("the", "several", "at least
//!   81"), modifiers ("former", "rebel-held", "Taliban"), a possessor
//!   ("Catalonia's former leader"), and a head noun with "of" ("positions
//!   of", "members of"); a determiner ends the walk;
//! - to the right: the rest of a compound ("Taliban *attackers*", "ISIS
//!   *group bastion*"), a possessed noun ("Trump's *decision*"), an acronym
//!   in parentheses ("(NAF)"), an "of" phrase, an "in"/"near" phrase that
//!   names a place (not after a person or a country: "Macron in Paris" is
//!   where Macron was, "a military base in Borno state" is which base), and
//!   an apposition that names a person ("the Palestinian president, Mahmoud
//!   Abbas,").
//!
//! The phrase never takes a word of the trigger, of a time expression or of
//! another actor of the event, so a source's and a target's phrases are
//! disjoint. It only adds words around the mention: which actor is coded,
//! and the mention's own span, do not change.
use crate::mention::{is_determiner, MentionKind, Np};
use dyad_lexicon::{ActorKind, Lexicon};
use dyad_text::{Span, Token, TokenKind};

/// Words that never belong to a noun phrase (besides punctuation):
/// prepositions other than the ones handled, conjunctions, pronouns,
/// auxiliaries, common adverbs and reporting verbs.
const CLOSED: &[&str] = &[
    // prepositions and subordinators
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
    "with",
    "without",
    "near",
    "after",
    "before",
    "since",
    "during",
    "following",
    "despite",
    "per",
    "as",
    "while",
    "because",
    "if",
    "when",
    "where",
    "although",
    "though",
    "until",
    "unless",
    "whether",
    "once",
    "whereas",
    "off",
    "out",
    "up",
    "down",
    "along",
    "around",
    "behind",
    "beyond",
    "outside",
    "inside",
    "onto",
    "including",
    "amongst",
    "regarding",
    "concerning",
    "according", // conjunctions
    "and",
    "or",
    "nor",
    "but",
    "so",
    "yet",
    "then",
    "than", // pronouns and relatives
    "it",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "them",
    "him",
    "us",
    "me",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "that",
    "there",
    "here",
    "itself",
    "themselves",
    "himself",
    "herself", // auxiliaries and modals
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "having",
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
    "'s",
    "'", // adverbs
    "also",
    "already",
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "however",
    "reportedly",
    "recently",
    "still",
    "just",
    "again",
    "earlier",
    "later",
    "late",
    "overnight",
    "too",
    "very",
    "even",
    "only",
    "never",
    "ever",
    "always",
    "often",
    "soon",
    "jointly",
    "firmly",
    "strongly",
    "officially",
    "allegedly",
    "repeatedly",
    "previously",
    "meanwhile",
    "separately",
    "immediately",
    "finally",
    "currently",
    "formally",
    "publicly",
    "further",
    "this",
    "ago",
    "tonight",
    "instead",
    "together",
    "well",
    "due",
    // reporting and other verbs that follow a subject
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "claimed",
    "claims",
    "stated",
    "states",
    "noted",
    "notes",
    "warned",
    "warns",
    "insists",
    "insisted",
    "reported",
    "reports",
    "announced",
    "announces",
    "urged",
    "urges",
    "called",
    "calls",
    "asked",
    "asks",
    "wants",
    "wanted",
    "seeks",
    "sought",
    "made",
    "makes",
    "took",
    "takes",
    "gave",
    "gives",
    "got",
    "gets",
    "went",
    "goes",
    "came",
    "comes",
    "holds",
    "met",
    "meets",
    "sent",
    "sends",
    "leads",
    "won",
    "began",
    "begins",
    "put",
    "let",
    "kept",
    "keeps",
    "agree",
    "agreed",
    "agrees", // bare verbs that take an actor as object
    "help",
    "assist",
    "get",
    "make",
    "allow",
    "enable",
    "force",
    "persuade",
    "convince",
    "bring",
    "keep",
    "push",
    "prevent",
    "stop",
    "urge",
    "ask",
    "tell",
    "join",
    "meet",
    "see",
    "cope",
    "propose",
    "provide",
    "give",
    "send",
    "protect",
    "defend",
    "punish",
    "warn",
    "condemn",
    "accuse",
    "recognize",
    "recognise",
    "receive",
];

/// Words that end in -ed or -ing but are nouns or adjectives.
const NOT_VERBS: &[&str] = &[
    "red",
    "hundred",
    "need",
    "speed",
    "bed",
    "seed",
    "creed",
    "shed",
    "united",
    "limited",
    "meeting",
    "building",
    "bombing",
    "killing",
    "shooting",
    "fighting",
    "funding",
    "training",
    "wing",
    "king",
    "beijing",
    "uprising",
    "spring",
    "ceiling",
    "offering",
    "hearing",
    "briefing",
    "landing",
    "bearing",
    "wedding",
    "ring",
    "string",
    "thing",
    "something",
    "nothing",
    "anything",
    "everything",
    "morning",
    "evening",
    "during",
    "following",
    "including",
    "according",
    "concerning",
    "regarding",
    "nothing",
];

/// Number words.
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "dozen",
    "dozens",
    "scores",
    "billion",
];

/// Determiners that may come before the words [`is_determiner`] knows
/// ("all the", "both the").
const PREDETERMINERS: &[&str] = &["all", "both", "half"];

/// Words that open a quantity before a number ("at least 81", "more than
/// 500", "around one hundred").
const QUANTITY_OPENERS: &[&str] = &[
    "least",
    "than",
    "around",
    "about",
    "nearly",
    "almost",
    "some",
    "over",
    "roughly",
    "approximately",
    "another",
];

/// "in X" phrases that say how or why, not where.
const IN_IDIOMS: &[&str] = &[
    "order",
    "exchange",
    "response",
    "recognition",
    "relation",
    "virtue",
    "support",
    "protest",
    "solidarity",
    "line",
    "addition",
    "part",
    "particular",
    "turn",
    "accordance",
    "favour",
    "favor",
    "charge",
    "retaliation",
    "return",
    "power",
    "office",
    "talks",
    "private",
    "public",
    "person",
    "a",
    "an",
];

/// Adjectives of direction and position that may open a place ("in
/// *eastern* Afghanistan", "in *neighbouring* Lebanon").
const PLACE_ADJECTIVES: &[&str] = &[
    "eastern",
    "western",
    "northern",
    "southern",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north",
    "south",
    "east",
    "west",
    "neighbouring",
    "neighboring",
    "occupied",
    "rural",
    "remote",
];

/// Common nouns a place phrase may be made of ("the country", "Kandahar
/// province").
const PLACE_NOUNS: &[&str] = &[
    "country",
    "region",
    "city",
    "province",
    "state",
    "town",
    "village",
    "area",
    "capital",
    "district",
    "border",
    "territory",
    "territories",
    "camp",
    "countryside",
    "island",
    "port",
    "county",
    "enclave",
    "zone",
    "strip",
    "valley",
    "desert",
    "outskirts",
    "centre",
    "center",
    "north",
    "south",
    "east",
    "west",
    "agency",
    "prison",
    "party",
    "congress",
];

/// Role nouns that an apposition may name ("the Palestinian president,
/// Mahmoud Abbas").
const TITLES: &[&str] = &[
    "president",
    "minister",
    "premier",
    "chancellor",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "leader",
    "chief",
    "king",
    "queen",
    "prince",
    "emir",
    "ruler",
    "governor",
    "mayor",
    "commander",
    "general",
    "director",
    "head",
    "chairman",
    "affairs",
    "representative",
    "negotiator",
    "official",
];

/// The words of one sentence as the extent rules read them.
struct Words<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// Tokens no phrase may take (trigger, time expressions, other actors).
    blocked: Vec<bool>,
}

impl Words<'_> {
    fn len(&self) -> usize {
        self.toks.len()
    }
    fn norm(&self, i: usize) -> &str {
        self.toks[i].norm.as_str()
    }
    fn raw(&self, i: usize) -> &str {
        &self.text[self.toks[i].span]
    }
    fn free(&self, i: usize) -> bool {
        i < self.len() && !self.blocked[i]
    }
    fn is_word(&self, i: usize) -> bool {
        i < self.len() && self.toks[i].kind == TokenKind::Word
    }
    fn is_cap(&self, i: usize) -> bool {
        self.is_word(i)
            && self.raw(i).chars().next().is_some_and(|c| c.is_uppercase())
            && !CLOSED.contains(&self.norm(i))
            && !is_determiner(self.norm(i))
    }
    fn is_number(&self, i: usize) -> bool {
        i < self.len()
            && (self.toks[i].kind == TokenKind::Number || NUMBER_WORDS.contains(&self.norm(i)))
    }
    fn is_hyphen(&self, i: usize) -> bool {
        i < self.len() && self.norm(i) == "-"
    }
    fn is_possessive(&self, i: usize) -> bool {
        i < self.len() && matches!(self.norm(i), "'s" | "'")
    }
    /// A lower-case word that may be a noun or an adjective: not a closed
    /// word, and not a verb form (-ed, -ing) unless `after_det` (the word
    /// follows a determiner: "the *detained* leaders").
    fn is_open(&self, i: usize, after_det: bool) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let n = self.norm(i);
        if CLOSED.contains(&n) || is_determiner(n) || n.len() < 2 {
            return false;
        }
        if !self.raw(i).chars().next().is_some_and(|c| c.is_lowercase()) {
            return false;
        }
        let verbish = (n.ends_with("ed") && n.len() > 4) || (n.ends_with("ing") && n.len() > 5);
        !verbish || after_det || NOT_VERBS.contains(&n)
    }
    /// A word that may continue a noun compound to the right: a name, a
    /// number, or a lower-case noun that is not a verb ("forces" is, "says"
    /// is not: a word in -s followed by a determiner or a pronoun is read as
    /// a verb).
    fn continues(&self, i: usize) -> bool {
        if !self.free(i) {
            return false;
        }
        if self.is_cap(i) {
            return true;
        }
        if !self.is_open(i, false) {
            return false;
        }
        let n = self.norm(i);
        if n.ends_with('s') && !n.ends_with("ss") {
            if let Some(next) = (i + 1 < self.len()).then(|| self.norm(i + 1)) {
                if is_determiner(next)
                    || matches!(
                        next,
                        "it" | "they" | "he" | "she" | "we" | "him" | "them" | "that"
                    )
                {
                    return false;
                }
            }
        }
        true
    }
}

/// Whether the head of the phrase names a person or a country by itself
/// ("French President Emmanuel Macron", "the Egyptian ambassador",
/// "Turkey"): an "in" phrase after it says where it was, not which one it
/// is, and an "of" phrase after it is not part of it.
fn person_like(lex: &Lexicon, w: &Words, np: Option<&Np>, head_end: usize) -> bool {
    if TITLES.contains(&w.norm(head_end - 1)) {
        return true;
    }
    let Some(np) = np else { return false };
    if np.toks.1 != head_end {
        return false;
    }
    if np
        .parts
        .iter()
        .any(|p| matches!(p.kind, MentionKind::Person(_)))
    {
        return true;
    }
    np.parts.iter().all(|p| match p.kind {
        MentionKind::Actor(a) => matches!(
            lex.actors.get(a as usize).map(|x| x.kind),
            Some(ActorKind::Country | ActorKind::Region)
        ),
        _ => false,
    })
}

/// Extends `..end` to the right over a compound's words and possessives:
/// "ISIS" -> "ISIS group bastion", "Trump" -> "Trump's decision".
fn head_right(w: &Words, mut end: usize) -> usize {
    loop {
        if w.free(end) && w.is_possessive(end) && w.continues(end + 1) {
            end += 2;
            continue;
        }
        // "rebel-held", "Russia-backed", "ex-ministers"
        if w.free(end) && w.is_hyphen(end) && w.free(end + 1) && w.is_word(end + 1) {
            end += 2;
            continue;
        }
        if w.continues(end) {
            end += 1;
            continue;
        }
        return end;
    }
}

/// A noun phrase that starts at `i` (for the object of "of", "in"): its end,
/// or `None` when none starts there.
fn np_from(w: &Words, i: usize) -> Option<usize> {
    let mut j = i;
    if w.free(j) && PREDETERMINERS.contains(&w.norm(j)) && w.free(j + 1) && is_det(w, j + 1) {
        j += 1;
    }
    let mut after_det = false;
    if w.free(j) && is_det(w, j) {
        j += 1;
        after_det = true;
    }
    while w.free(j) && (w.is_number(j) || (after_det && w.is_open(j, true) && !w.continues(j))) {
        j += 1;
    }
    let content = j;
    let end = head_right(w, j);
    (end > content).then_some(end)
}

fn is_det(w: &Words, i: usize) -> bool {
    is_determiner(w.norm(i)) && !matches!(w.norm(i), "that" | "this")
}

/// Words that may head an "of" before the phrase ("*positions of* the
/// Hezbollah group", "*some of* the peacekeepers").
fn of_head(w: &Words, j: usize) -> bool {
    if !w.free(j) {
        return false;
    }
    let n = w.norm(j);
    if matches!(
        n,
        "part"
            | "ahead"
            | "because"
            | "instead"
            | "out"
            | "top"
            | "support"
            | "behalf"
            | "capable"
            | "aware"
            | "accused"
            | "guilty"
            | "free"
            | "consisting"
            | "made"
            | "think"
            | "spoke"
            | "speak"
            | "informed"
            | "convinced"
            | "rid"
            | "regardless"
            | "irrespective"
    ) {
        return false;
    }
    w.is_open(j, false)
        || w.is_cap(j)
        || w.is_number(j)
        || matches!(
            n,
            "some" | "all" | "many" | "most" | "both" | "several" | "each" | "any" | "none" | "few"
        )
}

/// Extends `start` to the left.
fn left(w: &Words, start: usize) -> usize {
    let mut s = start;
    loop {
        if s == 0 || !w.free(s - 1) {
            break;
        }
        let j = s - 1;
        let n = w.norm(j);
        if n == "of" && j > 0 && of_head(w, j - 1) {
            s = j - 1;
            continue;
        }
        if is_det(w, j) {
            s = j;
            if j > 0 && w.free(j - 1) && PREDETERMINERS.contains(&w.norm(j - 1)) {
                s = j - 1;
            }
            // "the brutal oppression *of* the Venezuelan people"
            if s > 1 && w.free(s - 1) && w.norm(s - 1) == "of" && of_head(w, s - 2) {
                s -= 2;
                continue;
            }
            break;
        }
        if w.is_number(j) {
            s = j;
            // "at least 81", "more than 500", "around one hundred"
            if j > 0 && w.free(j - 1) && QUANTITY_OPENERS.contains(&w.norm(j - 1)) {
                s = j - 1;
                if j > 1
                    && w.free(j - 2)
                    && matches!(w.norm(j - 2), "at" | "more" | "less" | "fewer")
                {
                    s = j - 2;
                }
                break;
            }
            continue;
        }
        if w.is_possessive(j)
            && j > 0
            && w.free(j - 1)
            && (w.is_cap(j - 1) || w.is_open(j - 1, false))
        {
            s = j;
            continue;
        }
        // "rebel-held", "US-backed", "state-led": the words around a hyphen
        if j > 1
            && w.is_hyphen(j - 1)
            && w.free(j - 1)
            && w.free(j - 2)
            && w.is_word(j)
            && w.is_word(j - 2)
        {
            s = j - 2;
            continue;
        }
        if w.is_hyphen(j) && j > 0 && w.free(j - 1) && w.is_word(j - 1) {
            s = j - 1;
            continue;
        }
        if w.is_cap(j) {
            s = j;
            continue;
        }
        // a verb form is a modifier only after a determiner, a number or
        // a hyphen ("the detained leaders", "Iranian-backed")
        let before_ok = j > 0
            && w.free(j - 1)
            && (is_det(w, j - 1) || w.is_number(j - 1) || w.is_hyphen(j - 1));
        // a bare word after "to" is a verb ("to assist Ethiopia")
        let after_to = j > 0 && w.norm(j - 1) == "to";
        if !after_to && w.is_open(j, before_ok) {
            s = j;
            continue;
        }
        break;
    }
    // a phrase does not open with a joining word
    while s < start && (w.is_hyphen(s) || w.is_possessive(s) || w.norm(s) == "of") {
        s += 1;
    }
    s
}

/// The post-modifiers after a head: "(NAF)", "of the Syrian army", "in
/// eastern Afghanistan", ", Mahmoud Abbas", ", the German chancellor".
fn post(w: &Words, mut end: usize, person: bool, title: bool) -> usize {
    let mut took_place = false;
    for _ in 0..4 {
        if !w.free(end) {
            break;
        }
        let n = w.norm(end);
        if n == "(" {
            let close = (end + 1..w.len().min(end + 16)).find(|&k| w.norm(k) == ")");
            if let Some(c) = close {
                if c > end + 1 && (end + 1..c).all(|k| w.free(k) && !CLOSED.contains(&w.norm(k))) {
                    end = c + 1;
                    continue;
                }
            }
            break;
        }
        if n == "of" && !person {
            if let Some(e) = np_from(w, end + 1) {
                end = e;
                continue;
            }
            break;
        }
        // "the UAE Ambassador to Bahrain"
        if n == "to"
            && title
            && matches!(w.norm(end - 1), "ambassador" | "envoy" | "representative")
        {
            if let Some(e) =
                np_from(w, end + 1).filter(|_| w.is_cap(end + 1) || w.norm(end + 1) == "the")
            {
                end = e;
                continue;
            }
            break;
        }
        if matches!(n, "in" | "near") && !person && !took_place {
            if let Some(e) = place_from(w, end + 1) {
                end = e;
                took_place = true;
                continue;
            }
            break;
        }
        // "British forces based in ...", "the group known as the White Helmets"
        if matches!(n, "based" | "stationed" | "deployed") && !person && !took_place {
            if w.free(end + 1) && matches!(w.norm(end + 1), "in" | "at" | "near") {
                if let Some(e) = place_from(w, end + 2) {
                    end = e;
                    took_place = true;
                    continue;
                }
            }
            break;
        }
        if n == "known" && w.free(end + 1) && w.norm(end + 1) == "as" {
            if let Some(e) = np_from(w, end + 2) {
                end = e;
                continue;
            }
            break;
        }
        if n == "," {
            end = apposition(w, end, person, title).unwrap_or(end);
        }
        break;
    }
    end
}

/// An apposition after a comma at `comma`: a name after a title ("the
/// Palestinian president, Mahmoud Abbas,"), or a title after a person's name
/// ("Angela Merkel, the German chancellor,"). It must be closed by a comma
/// or the sentence's end. Returns the end of the apposition.
fn apposition(w: &Words, comma: usize, person: bool, title: bool) -> Option<usize> {
    let closed = |k: usize| k >= w.len() || matches!(w.norm(k), "," | "." | ";");
    let mut k = comma + 1;
    if title {
        while w.free(k) && w.is_cap(k) {
            k += 1;
        }
        let names = k - (comma + 1);
        return ((2..=6).contains(&names) && closed(k)).then_some(k);
    }
    if person && w.free(k) && w.norm(k) == "the" {
        k += 1;
        let first = k;
        while w.free(k) && (w.is_cap(k) || w.is_open(k, false)) && k < first + 5 {
            k += 1;
        }
        return (k > first && TITLES.contains(&w.norm(k - 1)) && closed(k)).then_some(k);
    }
    None
}

/// A place after "in"/"near": "eastern Afghanistan", "the country", "Borno
/// state village of Kamuya", "Kenya's Garissa town". Not a time, not an
/// idiom ("in response to"), not an event ("in a ceremony").
fn place_from(w: &Words, i: usize) -> Option<usize> {
    if !w.free(i) || IN_IDIOMS.contains(&w.norm(i)) {
        return None;
    }
    let mut j = i;
    if w.norm(j) == "the" {
        j += 1;
    }
    while w.free(j) && PLACE_ADJECTIVES.contains(&w.norm(j)) {
        j += 1;
        if w.is_hyphen(j) && PLACE_ADJECTIVES.contains(&w.norm(j + 1)) {
            j += 2;
        }
    }
    let content = j;
    let mut end = j;
    // names, a possessive or a hyphen between names, and place nouns
    // ("Kandahar province"; "the country" alone after an article)
    while w.free(end)
        && (w.is_cap(end)
            || ((w.is_possessive(end) || w.is_hyphen(end)) && w.is_cap(end + 1))
            || (PLACE_NOUNS.contains(&w.norm(end)) && (end > content || j > i)))
    {
        end += 1;
    }
    if end == content {
        return None;
    }
    // "Borno state village of Kamuya"
    if w.free(end) && w.norm(end) == "of" && w.is_cap(end + 1) {
        let mut k = end + 1;
        while w.free(k) && w.is_cap(k) {
            k += 1;
        }
        end = k;
    }
    Some(end)
}

/// The noun phrase around the mention `np` (tokens `mention`), avoiding
/// blocked tokens. Returns a token range that contains `mention`.
fn phrase_tokens(
    lex: &Lexicon,
    w: &Words,
    np: Option<&Np>,
    mention: (usize, usize),
) -> (usize, usize) {
    let (a, b) = mention;
    let mut s = left(w, a);
    let head_end = head_right(w, b);
    let person = person_like(lex, w, np, head_end);
    let title = TITLES.contains(&w.norm(head_end - 1));
    let e = post(w, head_end, person, title);
    // "against both India and Pakistan": "both" belongs to the pair
    if s < a
        && matches!(w.norm(s), "both" | "either" | "neither")
        && e < w.len()
        && matches!(w.norm(e), "and" | "or" | "nor")
    {
        s += 1;
    }
    (s, e)
}

/// The phrase of an actor mention at byte span `mention`, as a byte span.
/// `nps` are the sentence's noun phrases; `blocked` byte spans may not be
/// taken (the trigger's words, time expressions, the event's other actor).
pub fn phrase(
    lex: &Lexicon,
    text: &str,
    toks: &[Token],
    nps: &[Np],
    mention: Span,
    blocked: &[Span],
) -> Span {
    let hit: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.span.start >= mention.start && t.span.end <= mention.end)
        .map(|(i, _)| i)
        .collect();
    let (Some(&a), Some(&b)) = (hit.first(), hit.last()) else {
        return mention;
    };
    let b = b + 1;
    // a pronoun or a word of the trigger standing for an actor is no noun
    // phrase to grow
    let Some(np) = nps.iter().find(|n| n.span == mention) else {
        return mention;
    };
    let blocked = toks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            !(a..b).contains(&i)
                && blocked
                    .iter()
                    .any(|x| x.start < t.span.end && t.span.start < x.end)
        })
        .collect();
    let w = Words {
        text,
        toks,
        blocked,
    };
    let (s, e) = phrase_tokens(lex, &w, Some(np), (a, b));
    Span::new(
        toks[s].span.start.min(mention.start),
        toks[e - 1].span.end.max(mention.end),
    )
}

/// The phrases of an event's source and target: the source's may not take
/// the target's mention, the target's may not take the source's phrase;
/// neither takes a time expression or the first and last words of the
/// trigger (the words between them may belong to the target: "released *a
/// Turkish ship*", "violated *Philippine's holiday* ceasefire").
pub fn event_phrases(
    lex: &Lexicon,
    text: &str,
    toks: &[Token],
    nps: &[Np],
    e: &crate::Event,
    dates: &[dyad_time::TimeExpr],
) -> crate::Phrases {
    let mut blocked: Vec<Span> = dates.iter().map(|d| d.span).collect();
    let in_trigger: Vec<&Token> = toks
        .iter()
        .filter(|t| t.span.start >= e.trigger.start && t.span.end <= e.trigger.end)
        .collect();
    match in_trigger.as_slice() {
        [] => blocked.push(e.trigger),
        [first, .., last] => {
            blocked.push(first.span);
            blocked.push(last.span);
        }
        [one] => blocked.push(one.span),
    }
    let in_sentence = |s: Span| s.start >= e.sentence_span.start && s.end <= e.sentence_span.end;
    let mut source_blocked = blocked.clone();
    if let Some(t) = &e.target {
        source_blocked.push(t.span);
    }
    let source = in_sentence(e.source.span)
        .then(|| phrase(lex, text, toks, nps, e.source.span, &source_blocked));
    let target = e.target.as_ref().filter(|t| in_sentence(t.span)).map(|t| {
        let mut b = blocked;
        b.push(source.unwrap_or(e.source.span));
        phrase(lex, text, toks, nps, t.span, &b)
    });
    crate::Phrases { source, target }
}
