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
use crate::mention::{MentionKind, Np};
use dyad_lexicon::FastMap;
use dyad_lexicon::{ActorKind, Lexicon};
use dyad_text::{Span, Token, TokenKind};

/// Words that never belong to a noun phrase, capitalised or not (besides
/// punctuation): prepositions other than the ones handled, conjunctions,
/// pronouns, auxiliaries and common adverbs.
#[rustfmt::skip]
const CLOSED: &[&str] = &[
    "to", "for", "by", "of", "in", "on", "against", "at", "from", "between", "among", "toward",
    "towards", "into", "about", "over", "upon", "within", "across", "through", "via", "under",
    "than", "like", "amid", "throughout", "with", "without", "near", "after", "before", "since",
    "during", "following", "despite", "per", "as", "while", "because", "if", "when", "where",
    "although", "though", "until", "unless", "whether", "once", "whereas", "off", "out", "up",
    "down", "along", "around", "behind", "beyond", "outside", "inside", "onto", "including",
    "amongst", "regarding", "concerning", "according", "and", "or", "nor", "but", "so", "yet",
    "then", "it", "they", "he", "she", "we", "i", "you", "them", "him", "us", "me", "who",
    "whom", "whose", "which", "what", "that", "there", "here", "itself", "themselves", "himself",
    "herself", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had",
    "having", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do",
    "does", "did", "not", "'s", "'", "also", "already", "today", "yesterday", "tomorrow", "now",
    "however", "reportedly", "recently", "still", "just", "again", "earlier", "later", "late",
    "overnight", "too", "very", "even", "only", "never", "ever", "always", "often", "soon",
    "meanwhile", "separately", "immediately", "finally", "currently", "further", "this", "ago",
    "tonight", "instead", "together", "well", "due", "known", "more", "less", "fewer", "most",
];

/// Verb forms that follow a subject or take an object, which no lower-case
/// noun phrase contains: reporting verbs, and bare verbs after "to" ("to
/// help Haiti").
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "noted", "warned",
    "warns", "insists", "insisted", "reported", "announced", "announces", "urged", "urges",
    "called", "asked", "asks", "wants", "wanted", "seeks", "sought", "made", "makes", "took",
    "takes", "take", "gave", "gives", "got", "gets", "went", "goes", "came", "comes", "holds", "met",
    "meets", "sent", "sends", "leads", "won", "began", "begins", "put", "let", "kept", "keeps",
    "agree", "agreed", "agrees", "help", "assist", "get", "make", "allow", "enable",
    "persuade", "convince", "bring", "keep", "push", "prevent", "stop", "urge", "ask", "tell",
    "join", "meet", "see", "cope", "propose", "provide", "give", "send", "protect", "defend",
    "punish", "warn", "condemn", "accuse", "recognize", "recognise", "receive",
];

/// Words that end in -ed or -ing but are nouns or adjectives.
#[rustfmt::skip]
const NOT_VERBS: &[&str] = &[
    "red", "hundred", "need", "speed", "bed", "seed", "creed", "shed", "united", "limited",
    "meeting", "building", "bombing", "killing", "shooting", "fighting", "funding", "training",
    "wing", "king", "beijing", "uprising", "spring", "ceiling", "offering", "hearing", "briefing",
    "landing", "bearing", "wedding", "ring", "string", "thing", "something", "nothing",
    "anything", "everything", "morning", "evening", "during", "following", "including",
    "according", "concerning", "regarding", "nothing",
];

/// Titles written short, with a period ("Gen. Khalifa Haftar").
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep",
    "prof", "rev", "st", "sr", "jr", "pres",
];

/// Words in -ly that are nouns or adjectives.
#[rustfmt::skip]
const NOT_ADVERBS: &[&str] = &[
    "family", "assembly", "supply", "rally", "ally", "monopoly", "anomaly", "italy", "daily",
    "weekly", "monthly", "quarterly", "yearly", "elderly", "friendly", "early", "holy", "only",
    "july", "reply", "deadly", "costly", "likely", "unlikely", "orderly",
];

/// Number words.
#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "hundreds", "thousand", "thousands", "million", "millions", "dozen", "dozens", "scores",
    "billion",
];

/// Determiners that may come before the words [`is_determiner`] knows
/// ("all the", "both the").
const PREDETERMINERS: &[&str] = &["all", "both", "half"];

/// Words that open a quantity before a number ("at least 81", "more than
/// 500", "around one hundred").
#[rustfmt::skip]
const QUANTITY_OPENERS: &[&str] = &[
    "least", "than", "around", "about", "nearly", "almost", "some", "over", "roughly",
    "approximately", "another",
];

/// "in X" phrases that say how or why, not where.
#[rustfmt::skip]
const IN_IDIOMS: &[&str] = &[
    "order", "exchange", "response", "recognition", "relation", "virtue", "support", "protest",
    "solidarity", "line", "addition", "part", "particular", "turn", "accordance", "favour",
    "favor", "charge", "retaliation", "return", "power", "office", "talks", "private", "public",
    "person", "a", "an",
];

/// Adjectives of direction and position that may open a place ("in
/// *eastern* Afghanistan", "in *neighbouring* Lebanon").
#[rustfmt::skip]
const PLACE_ADJECTIVES: &[&str] = &[
    "eastern", "western", "northern", "southern", "central", "northeastern", "northwestern",
    "southeastern", "southwestern", "northeast", "northwest", "southeast", "southwest", "north",
    "south", "east", "west", "neighbouring", "neighboring", "occupied", "rural", "remote",
];

/// Common nouns a place phrase may be made of ("the country", "Kandahar
/// province").
#[rustfmt::skip]
const PLACE_NOUNS: &[&str] = &[
    "country", "region", "city", "province", "state", "town", "village", "area", "capital",
    "district", "border", "territory", "territories", "camp", "countryside", "island", "port",
    "county", "enclave", "zone", "strip", "valley", "desert", "outskirts", "centre", "center",
    "north", "south", "east", "west", "agency", "prison", "party", "congress",
];

/// Role nouns that an apposition may name ("the Palestinian president,
/// Mahmoud Abbas").
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "president", "minister", "premier", "chancellor", "ambassador", "envoy", "spokesman",
    "spokeswoman", "spokesperson", "secretary", "leader", "chief", "king", "queen", "prince",
    "emir", "ruler", "governor", "mayor", "commander", "general", "director", "head", "chairman",
    "affairs", "representative", "negotiator", "official",
];

/// Word classes of a token, as bits: which of the lists above its
/// normalised form is in, and what the rules ask of it (capitalised name,
/// open-class word, ...). Computed once per sentence ([`Sentence`]), so
/// that the rules test bits instead of scanning the word lists.
mod bits {
    // list memberships of the normalised form
    pub const CLOSED: u32 = 1;
    pub const VERB: u32 = 1 << 1;
    pub const NOT_VERB: u32 = 1 << 2;
    pub const ABBREVIATION: u32 = 1 << 3;
    pub const NOT_ADVERB: u32 = 1 << 4;
    pub const NUMBER_WORD: u32 = 1 << 5;
    pub const PREDETERMINER: u32 = 1 << 6;
    pub const QUANTITY_OPENER: u32 = 1 << 7;
    pub const IN_IDIOM: u32 = 1 << 8;
    pub const PLACE_ADJECTIVE: u32 = 1 << 9;
    pub const PLACE_NOUN: u32 = 1 << 10;
    pub const TITLE: u32 = 1 << 11;
    pub const DETERMINER: u32 = 1 << 12;
    pub const PREPOSITION: u32 = 1 << 13;
    pub const SUBJECT_LINK: u32 = 1 << 14;
    // what the rules ask of the token
    pub const WORD: u32 = 1 << 16;
    pub const NUMBER: u32 = 1 << 17;
    pub const CAP: u32 = 1 << 18;
    pub const OPEN: u32 = 1 << 19;
    pub const OPEN_AFTER_DET: u32 = 1 << 20;
    pub const CONTINUES: u32 = 1 << 21;
    pub const HYPHEN: u32 = 1 << 22;
    pub const POSSESSIVE: u32 = 1 << 23;
    pub const ABBREV_DOT: u32 = 1 << 24;
    pub const DET: u32 = 1 << 25;
    pub const LOWER_FIRST: u32 = 1 << 26;
}

/// The list bits of a word (0 for a word in no list).
fn list_bits(word: &str) -> u32 {
    static MAP: std::sync::OnceLock<FastMap<&'static str, u32>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m: FastMap<&'static str, u32> = FastMap::default();
        let lists: [(&[&'static str], u32); 15] = [
            (CLOSED, bits::CLOSED),
            (VERBS, bits::VERB),
            (NOT_VERBS, bits::NOT_VERB),
            (ABBREVIATIONS, bits::ABBREVIATION),
            (NOT_ADVERBS, bits::NOT_ADVERB),
            (NUMBER_WORDS, bits::NUMBER_WORD),
            (PREDETERMINERS, bits::PREDETERMINER),
            (QUANTITY_OPENERS, bits::QUANTITY_OPENER),
            (IN_IDIOMS, bits::IN_IDIOM),
            (PLACE_ADJECTIVES, bits::PLACE_ADJECTIVE),
            (PLACE_NOUNS, bits::PLACE_NOUN),
            (TITLES, bits::TITLE),
            (crate::mention::DETERMINERS, bits::DETERMINER),
            (crate::mention::PREPOSITIONS, bits::PREPOSITION),
            (SUBJECT_LINKS, bits::SUBJECT_LINK),
        ];
        for (list, bit) in lists {
            for &w in list {
                *m.entry(w).or_default() |= bit;
            }
        }
        m
    });
    map.get(word).copied().unwrap_or(0)
}

/// What the extent rules need to know of one sentence, computed once for
/// all its acts and events: each token's word classes ([`bits`], worked
/// out the first time a rule asks, as the rules read only the words near a
/// trigger or a mention), which tokens fall in a time expression, and which
/// belong to a mention that names an actor by itself (not "allied forces",
/// whose country only the context gave).
pub(crate) struct Sentence<'a> {
    text: &'a str,
    toks: &'a [Token],
    nps: &'a [Np],
    flags: Vec<std::cell::Cell<u32>>,
    dated: Vec<bool>,
    actor: Vec<bool>,
}

/// Set in [`Sentence::flags`] once a token's classes are known.
const KNOWN: u32 = 1 << 31;

impl<'a> Sentence<'a> {
    pub(crate) fn new(
        text: &'a str,
        toks: &'a [Token],
        nps: &'a [Np],
        dates: &[dyad_time::TimeExpr],
    ) -> Sentence<'a> {
        let n = toks.len();
        let dated = toks
            .iter()
            .map(|t| {
                dates
                    .iter()
                    .any(|d| d.span.start < t.span.end && t.span.start < d.span.end)
            })
            .collect();
        let mut actor = vec![false; n];
        for np in nps
            .iter()
            .filter(|np| (np.code.is_some() && !np.defaulted) || np.reciprocal)
        {
            for x in actor.iter_mut().take(np.toks.1).skip(np.toks.0) {
                *x = true;
            }
        }
        Sentence {
            text,
            toks,
            nps,
            flags: vec![std::cell::Cell::new(0); n],
            dated,
            actor,
        }
    }

    /// The word classes of token `i` ([`bits`]); none past the sentence's
    /// end.
    #[inline]
    fn flags(&self, i: usize) -> u32 {
        match self.flags.get(i) {
            None => 0,
            Some(c) if c.get() & KNOWN != 0 => c.get(),
            Some(c) => {
                let f = self.classify(i) | KNOWN;
                c.set(f);
                f
            }
        }
    }

    #[inline(never)]
    fn classify(&self, i: usize) -> u32 {
        let toks = self.toks;
        let t = &toks[i];
        let w = t.norm.as_str();
        let raw = &self.text[t.span];
        let l = list_bits(w);
        let mut f = l;
        let first = raw.chars().next();
        if t.kind == TokenKind::Word {
            f |= bits::WORD;
            // "US" is a name, "Us" and "The" are not
            let acronym = raw.len() >= 2 && raw.chars().all(|c| c.is_uppercase() || c == '.');
            if first.is_some_and(|c| c.is_uppercase())
                && (acronym || l & (bits::CLOSED | bits::DETERMINER) == 0)
            {
                f |= bits::CAP;
            }
            if first.is_some_and(|c| c.is_lowercase()) {
                f |= bits::LOWER_FIRST;
            }
            // a lower-case word that may be a noun or an adjective: not a
            // closed word, and not a verb form (-ed, -ing) unless it
            // follows a determiner
            let open = l & (bits::CLOSED | bits::VERB | bits::DETERMINER) == 0
                && w.len() >= 2
                && first.is_some_and(|c| c.is_lowercase())
                // "annually", "sharply": adverbs
                && !(w.ends_with("ly") && w.len() > 4 && l & bits::NOT_ADVERB == 0);
            if open {
                f |= bits::OPEN_AFTER_DET;
                let verbish =
                    (w.ends_with("ed") && w.len() > 3) || (w.ends_with("ing") && w.len() > 5);
                if !verbish || l & bits::NOT_VERB != 0 {
                    f |= bits::OPEN;
                }
            }
        }
        if t.kind == TokenKind::Number || l & bits::NUMBER_WORD != 0 {
            f |= bits::NUMBER;
        }
        match w {
            "-" => f |= bits::HYPHEN,
            "'s" | "'" => f |= bits::POSSESSIVE,
            "another" | "every" => f |= bits::DET,
            "that" | "this" => {}
            // the period of an abbreviated title ("Gen. Khalifa Haftar")
            "." if i > 0
                && toks[i - 1].span.end == t.span.start
                && list_bits(toks[i - 1].norm.as_str()) & bits::ABBREVIATION != 0 =>
            {
                f |= bits::ABBREV_DOT
            }
            "." => {}
            _ if l & bits::DETERMINER != 0 => f |= bits::DET,
            _ => {}
        }
        // a word that may continue a noun compound to the right: a name, a
        // number, or a lower-case noun that is not a verb ("forces" is,
        // "says" is not: a word in -s followed by a determiner or a pronoun
        // is read as a verb)
        let cont = f & bits::CAP != 0
            || (f & bits::OPEN != 0
                && !(w.ends_with('s')
                    && !w.ends_with("ss")
                    && i + 1 < toks.len()
                    && ({
                        let next = toks[i + 1].norm.as_str();
                        list_bits(next) & bits::DETERMINER != 0
                            || matches!(
                                next,
                                "it" | "they" | "he" | "she" | "we" | "him" | "them" | "that"
                            )
                    })));
        if cont {
            f |= bits::CONTINUES;
        }
        f
    }
}

/// The words of one sentence as the extent rules read them.
struct Words<'s, 'a> {
    s: &'s Sentence<'a>,
    toks: &'a [Token],
    /// Tokens no phrase may take (trigger, time expressions, other actors).
    blocked: Blocked<'a>,
    /// The tokens of the mention being grown: not "another actor".
    own: (usize, usize),
}

/// Which tokens are blocked: worked out per token when a rule asks (the
/// rules read only the words near a mention), or given for every token.
enum Blocked<'a> {
    /// Outside the mention `own`: a dated token, or one that overlaps one
    /// of `spans`.
    Spans {
        dated: &'a [bool],
        spans: &'a [Span],
        own: (usize, usize),
    },
    Each(Vec<bool>),
}

impl Words<'_, '_> {
    fn len(&self) -> usize {
        self.toks.len()
    }
    /// Whether token `i` may not be taken (it must be a token).
    #[inline]
    fn is_blocked(&self, i: usize) -> bool {
        match &self.blocked {
            Blocked::Each(b) => b[i],
            Blocked::Spans { dated, spans, own } => {
                let t = &self.toks[i];
                !(own.0..own.1).contains(&i)
                    && (dated[i]
                        || spans
                            .iter()
                            .any(|x| x.start < t.span.end && t.span.start < x.end))
            }
        }
    }
    /// The word classes of token `i`; none past the sentence's end.
    #[inline]
    fn flags(&self, i: usize) -> u32 {
        self.s.flags(i)
    }
    #[inline]
    fn has(&self, i: usize, bit: u32) -> bool {
        self.flags(i) & bit != 0
    }
    /// The normalised word at `i`; "" past the sentence's end, so that the
    /// rules can look one or two words ahead without a bounds check.
    fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm.as_str())
    }
    fn free(&self, i: usize) -> bool {
        i < self.len() && !self.is_blocked(i)
    }
    /// A token of a mention, other than the one being grown, that names an
    /// actor by itself.
    fn actor(&self, i: usize) -> bool {
        self.s.actor[i] && !(self.own.0..self.own.1).contains(&i)
    }
    fn is_word(&self, i: usize) -> bool {
        self.has(i, bits::WORD)
    }
    fn is_cap(&self, i: usize) -> bool {
        self.has(i, bits::CAP)
    }
    /// The period of an abbreviated title ("Gen. Khalifa Haftar").
    fn is_abbrev_dot(&self, i: usize) -> bool {
        self.has(i, bits::ABBREV_DOT)
    }
    fn is_number(&self, i: usize) -> bool {
        self.has(i, bits::NUMBER)
    }
    fn is_hyphen(&self, i: usize) -> bool {
        self.has(i, bits::HYPHEN)
    }
    fn is_possessive(&self, i: usize) -> bool {
        self.has(i, bits::POSSESSIVE)
    }
    /// A lower-case word that may be a noun or an adjective: not a closed
    /// word, and not a verb form (-ed, -ing) unless `after_det` (the word
    /// follows a determiner: "the *detained* leaders").
    fn is_open(&self, i: usize, after_det: bool) -> bool {
        self.has(
            i,
            if after_det {
                bits::OPEN_AFTER_DET
            } else {
                bits::OPEN
            },
        )
    }
    /// A word that may continue a noun compound to the right: a name, a
    /// number, or a lower-case noun that is not a verb ("forces" is, "says"
    /// is not: a word in -s followed by a determiner or a pronoun is read as
    /// a verb).
    fn continues(&self, i: usize) -> bool {
        self.free(i) && self.has(i, bits::CONTINUES)
    }
}

/// What the head of a phrase names, when the mention ends it: a person
/// ("French President Emmanuel Macron"), a country ("Turkey") or anything
/// else. An "in" phrase after a person or a country says where it was,
/// not which one it is ("Macron in Paris"); an "of" phrase after a country
/// is not part of it ("accusations by the US of genocide").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Head {
    Person,
    Country,
    Other,
}

fn head_kind(lex: &Lexicon, np: Option<&Np>, head_end: usize) -> Head {
    let Some(np) = np else { return Head::Other };
    if np.toks.1 != head_end {
        return Head::Other;
    }
    if np
        .parts
        .iter()
        .any(|p| matches!(p.kind, MentionKind::Person(_)))
    {
        return Head::Person;
    }
    let country = np.parts.iter().all(|p| match p.kind {
        MentionKind::Actor(a) => matches!(
            lex.actors.get(a as usize).map(|x| x.kind),
            Some(ActorKind::Country | ActorKind::Region)
        ),
        _ => false,
    });
    if country {
        Head::Country
    } else {
        Head::Other
    }
}

/// Extends `..end` to the right over a compound's words and possessives:
/// "ISIS" -> "ISIS group bastion", "Trump" -> "Trump's decision".
fn head_right(w: &Words, mut end: usize) -> usize {
    loop {
        if w.free(end) && w.is_possessive(end) && w.continues(end + 1) {
            end += 2;
            continue;
        }
        if w.free(end) && w.is_abbrev_dot(end) {
            end += 1;
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
    if w.free(j) && w.has(j, bits::PREDETERMINER) && w.free(j + 1) && is_det(w, j + 1) {
        j += 1;
    }
    let mut after_det = false;
    if w.free(j) && is_det(w, j) {
        j += 1;
        after_det = true;
    }
    // numbers, and participles before a noun ("the *detained* leaders",
    // "*allied* forces")
    while w.free(j)
        && (w.is_number(j)
            || (w.is_open(j, true) && !w.continues(j) && (after_det || w.continues(j + 1))))
    {
        j += 1;
    }
    let content = j;
    let end = head_right(w, j);
    (end > content).then_some(end)
}

fn is_det(w: &Words, i: usize) -> bool {
    w.has(i, bits::DET)
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
            if j > 0 && w.free(j - 1) && w.has(j - 1, bits::PREDETERMINER) {
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
            if j > 0 && w.free(j - 1) && w.has(j - 1, bits::QUANTITY_OPENER) {
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
        if w.is_abbrev_dot(j) && w.free(j - 1) {
            s = j - 1;
            continue;
        }
        // a verb form is a modifier only after a determiner, a number or
        // a hyphen ("the detained leaders", "Iranian-backed")
        let before_ok = j > 0
            && w.free(j - 1)
            && (is_det(w, j - 1) || w.is_number(j - 1) || w.is_hyphen(j - 1));
        // a bare word after "to" or a modal is a verb ("to assist
        // Ethiopia", "will exchange ambassadors")
        let after_to = j > 0
            && matches!(
                w.norm(j - 1),
                "to" | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "may"
                    | "might"
                    | "must"
                    | "should"
                    | "shall"
                    | "did"
                    | "does"
                    | "do"
                    | "not"
            );
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
/// `subject`: the phrase is a subject, where "X and Y" with a Y that
/// names no actor is one phrase ("Yemeni army and allied forces have ...");
/// after a verb such a Y is more often an object of its own.
fn post(w: &Words, mut end: usize, head: Head, title: bool, subject: bool) -> usize {
    let person = head != Head::Other;
    let mut took_place = false;
    for _ in 0..4 {
        if !w.free(end) {
            break;
        }
        let n = w.norm(end);
        if n == "(" {
            let close = (end + 1..w.len().min(end + 16)).find(|&k| w.norm(k) == ")");
            if let Some(c) = close {
                if c > end + 1 && (end + 1..c).all(|k| w.free(k) && !w.has(k, bits::CLOSED)) {
                    end = c + 1;
                    continue;
                }
            }
            break;
        }
        // "the medical needs of people", "the Minister of Foreign Affairs",
        // "President Zelenskyy of Ukraine"
        let of_ok = match head {
            Head::Other => true,
            Head::Person => w.is_cap(end + 1),
            Head::Country => false,
        };
        if n == "of" && of_ok {
            if let Some(e) = np_from(w, end + 1) {
                end = e;
                continue;
            }
            break;
        }
        // "Minister for Foreign Affairs"
        let names_next = w.is_cap(end + 1) || (w.norm(end + 1) == "the" && w.is_cap(end + 2));
        if n == "for" && title && names_next {
            if let Some(e) = np_from(w, end + 1) {
                end = e;
                continue;
            }
            break;
        }
        // "Yemeni army and allied forces", "the Palestinian people and
        // organizations": a second noun phrase that names no actor of its own
        if n == "and" && subject && !person && w.free(end + 1) {
            if let Some(e) = np_from(w, end + 1) {
                if (end + 1..e).all(|k| !w.actor(k)) && !w.is_cap(end + 1) {
                    end = e;
                    continue;
                }
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
        if matches!(n, "in" | "near") && !person && !title && !took_place {
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
/// ("Angela Merkel, the German chancellor,", "Kristina Baum, a spokesperson
/// for the White House,"). It must be closed by a comma
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
    if person && w.free(k) {
        if matches!(w.norm(k), "the" | "a" | "an") {
            k += 1;
        }
        let first = k;
        while w.free(k) && (w.is_cap(k) || w.is_open(k, false)) && k < first + 5 {
            k += 1;
        }
        if k == first || !w.has(k - 1, bits::TITLE) {
            return None;
        }
        // "Kristina Baum, a spokesperson *for the White House*,"
        for _ in 0..2 {
            if w.free(k) && matches!(w.norm(k), "of" | "for") {
                if let Some(e) = np_from(w, k + 1) {
                    k = e;
                    continue;
                }
            }
            break;
        }
        return closed(k).then_some(k);
    }
    None
}

/// A place after "in"/"near": "eastern Afghanistan", "the country", "Borno
/// state village of Kamuya", "Kenya's Garissa town". Not a time, not an
/// idiom ("in response to"), not an event ("in a ceremony").
fn place_from(w: &Words, i: usize) -> Option<usize> {
    if !w.free(i) || w.has(i, bits::IN_IDIOM) {
        return None;
    }
    let mut j = i;
    if w.norm(j) == "the" {
        j += 1;
    }
    while w.free(j) && w.has(j, bits::PLACE_ADJECTIVE) {
        j += 1;
        if w.is_hyphen(j) && w.has(j + 1, bits::PLACE_ADJECTIVE) {
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
            || (w.has(end, bits::PLACE_NOUN) && (end > content || j > i)))
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
    subject: bool,
) -> (usize, usize) {
    let (a, b) = mention;
    let mut s = left(w, a);
    let mut head_end = head_right(w, b);
    // after a person's name a lower-case word is a verb ("demanded that
    // Omar al-Bashir *stand* trial"); names ("Trump Administration") and a
    // possessive ("Trump's decision") go on
    if head_kind(lex, np, b) == Head::Person && !w.is_possessive(b) {
        head_end = (b..head_end).find(|&k| !w.is_cap(k)).unwrap_or(head_end);
    }
    let head = head_kind(lex, np, head_end);
    let person = head != Head::Other;
    let title = w.has(head_end - 1, bits::TITLE);
    let e = post(w, head_end, head, title, subject);
    // an apposition before the mention, between commas or from the
    // sentence's start: "Zabihullah Mujahid, *the Taliban spokesman*,",
    // "Venezuela's embattled president, *Nicolas Maduro*,"
    let closed = e >= w.len() || matches!(w.norm(e), "," | "." | ";");
    if s >= 2 && w.free(s - 1) && w.norm(s - 1) == "," && w.free(s - 2) && closed {
        let h = s - 2;
        if title && w.is_cap(h) {
            let mut k = h;
            while k > 0 && w.free(k - 1) && w.is_cap(k - 1) {
                k -= 1;
            }
            if h + 1 - k >= 2 && (k == 0 || w.norm(k - 1) == ",") {
                s = k;
            }
        } else if person && w.has(h, bits::TITLE) {
            let k = left(w, h);
            if k == 0 || w.norm(k - 1) == "," {
                s = k;
            }
        }
    }
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
/// `s` is the sentence; `blocked` byte spans may not be taken (the
/// trigger's words, the event's other actor), nor may its time
/// expressions; `subject`: the mention is the act's subject (see [`post`]).
fn phrase(lex: &Lexicon, s: &Sentence, mention: Span, blocked: &[Span], subject: bool) -> Span {
    let toks = s.toks;
    let inside = |t: &Token| t.span.start >= mention.start && t.span.end <= mention.end;
    let (Some(a), Some(b)) = (toks.iter().position(inside), toks.iter().rposition(inside)) else {
        return mention;
    };
    let b = b + 1;
    // a pronoun or a word of the trigger standing for an actor is no noun
    // phrase to grow
    let Some(np) = s.nps.iter().find(|n| n.span == mention) else {
        return mention;
    };
    let w = Words {
        s,
        toks,
        blocked: Blocked::Spans {
            dated: &s.dated,
            spans: blocked,
            own: (a, b),
        },
        own: (a, b),
    };
    let (st, e) = phrase_tokens(lex, &w, Some(np), (a, b), subject);
    Span::new(
        toks[st].span.start.min(mention.start),
        toks[e - 1].span.end.max(mention.end),
    )
}

/// Up to four byte spans, without an allocation.
#[derive(Default)]
struct Spans {
    v: [Span; 4],
    n: usize,
}

impl Spans {
    fn push(&mut self, s: Span) {
        self.v[self.n] = s;
        self.n += 1;
    }
    fn extend(&mut self, s: Option<Span>) {
        if let Some(s) = s {
            self.push(s);
        }
    }
    fn as_slice(&self) -> &[Span] {
        &self.v[..self.n]
    }
}

/// The phrases of an event's source and target: the source's may not take
/// the target's mention, the target's may not take the source's phrase;
/// neither takes a time expression or the first and last words of the
/// trigger. The words between those may belong to the target ("released *a
/// Turkish ship*"), and so may the last when the target is named inside
/// the trigger: it is then the noun the target's words modify ("violated
/// *Philippine's holiday ceasefire*", "destroyed *several TTP camps*").
/// (`joined`: also the phrases joined to the target's, which only some
/// callers read.)
pub(crate) fn event_phrases(
    lex: &Lexicon,
    s: &Sentence,
    e: &crate::Event,
    joined: bool,
) -> crate::Phrases {
    let text = s.text;
    let mut blocked = Spans::default();
    let in_trigger = |t: &&Token| t.span.start >= e.trigger.start && t.span.end <= e.trigger.end;
    let mut words = s.toks.iter().filter(in_trigger);
    let mut last_word = None;
    let mut first_word = None;
    match (words.next(), words.next_back()) {
        (None, _) => blocked.push(e.trigger),
        (Some(first), Some(last)) => {
            first_word = Some(first.span);
            last_word = Some(last.span);
        }
        (Some(one), None) => blocked.push(one.span),
    }
    // "Taliban *attackers stormed*": a trigger that opens with a noun right
    // after the source names who the source is; that noun ends its phrase
    let source_noun = first_word.is_some_and(|f| {
        let gap = text.get(e.source.span.end..f.start).unwrap_or("x");
        gap.trim().is_empty() && agent_noun(&text[f.start..f.end])
    });
    let inside = |s: Span| e.trigger.start < s.start && s.end < e.trigger.end;
    let in_sentence = |s: Span| s.start >= e.sentence_span.start && s.end <= e.sentence_span.end;
    let mut source_blocked = Spans::default();
    source_blocked.extend(blocked.as_slice().first().copied());
    source_blocked.extend(last_word);
    if !source_noun {
        source_blocked.extend(first_word);
    }
    blocked.extend(first_word);
    if let Some(t) = &e.target {
        source_blocked.push(t.span);
    }
    let source = in_sentence(e.source.span)
        .then(|| phrase(lex, s, e.source.span, source_blocked.as_slice(), true));
    let target = e.target.as_ref().filter(|t| in_sentence(t.span)).map(|t| {
        let mut b = blocked;
        b.push(source.unwrap_or(e.source.span));
        if !inside(t.span) {
            b.extend(last_word);
        }
        let ph = phrase(lex, s, t.span, b.as_slice(), false);
        (object_at_place(s, e, ph).unwrap_or(ph), b)
    });
    let target_joined = target
        .as_ref()
        .filter(|_| joined)
        .map(|(t, b)| joined_after(s, *t, b.as_slice()))
        .unwrap_or_default();
    crate::Phrases {
        source,
        target: target.map(|(t, _)| t),
        target_joined,
    }
}

/// The noun phrases joined to the phrase `first` after it: "X and Y",
/// "X or Y", "X, Y and Z" (also with a comma before "and"). A comma list
/// counts only when an "and" or "or" closes it; a phrase that names an
/// actor of its own, takes a blocked word or is followed by a verb (a
/// second clause: "killed X and the police said") ends the search.
fn joined_after(s: &Sentence, first: Span, blocked: &[Span]) -> Vec<Span> {
    let toks = s.toks;
    let Some(mut k) = toks.iter().position(|t| t.span.start >= first.end) else {
        return Vec::new();
    };
    let blocked = toks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            s.dated[i]
                || blocked
                    .iter()
                    .any(|x| x.start < t.span.end && t.span.start < x.end)
        })
        .collect();
    let w = Words {
        s,
        toks,
        blocked: Blocked::Each(blocked),
        own: (0, 0),
    };
    let mut out = Vec::new();
    let mut closed = false;
    while !closed && w.free(k) {
        let j = match w.norm(k) {
            "and" | "or" => {
                closed = true;
                k + 1
            }
            "," if matches!(w.norm(k + 1), "and" | "or") => {
                closed = true;
                k + 2
            }
            "," => k + 1,
            _ => break,
        };
        let Some((a, e)) = np_after(&w, j, false) else {
            return Vec::new();
        };
        // a bare noun shares the first phrase's determiner ("a Cuban
        // physician and nurse" is one phrase); a lower-case word that is
        // no determiner opens a second clause ("and declared prayers")
        let opens =
            w.has(a, bits::DET | bits::CAP | bits::NUMBER) || w.has(a, bits::QUANTITY_OPENER);
        if !opens || (a..e).any(|i| w.is_blocked(i)) || (e < w.len() && w.has(e, bits::VERB)) {
            return Vec::new();
        }
        out.push(Span::new(toks[a].span.start, toks[e - 1].span.end));
        k = e;
    }
    if closed {
        out
    } else {
        Vec::new()
    }
}

/// "stormed a regional police headquarters in eastern Afghanistan",
/// "attacked a military base in Saudi Arabia's Jizan region": force aimed
/// at a place, the place named after the thing struck. The target's phrase
/// is the thing with its place (its country stays the event's target).
fn object_at_place(s: &Sentence, e: &crate::Event, place: Span) -> Option<Span> {
    if !matches!(e.cameo.get(..2), Some("18" | "19" | "20")) {
        return None;
    }
    let toks = s.toks;
    let k0 = toks.iter().position(|t| t.span.start >= e.trigger.end)?;
    let p = toks.iter().position(|t| t.span.start >= place.start)?;
    if p < k0 + 2
        || p - k0 > 8
        || !matches!(
            toks[p - 1].norm.as_str(),
            "in" | "near" | "at" | "outside" | "inside"
        )
    {
        return None;
    }
    let thing = &toks[k0..p - 1];
    let plain = thing.iter().all(|t| {
        matches!(
            t.kind,
            dyad_text::TokenKind::Word | dyad_text::TokenKind::Number
        ) && !t.norm.ends_with("ed")
            && !matches!(
                t.norm.as_str(),
                "and"
                    | "or"
                    | "to"
                    | "that"
                    | "which"
                    | "who"
                    | "in"
                    | "on"
                    | "at"
                    | "near"
                    | "with"
                    | "from"
                    | "by"
                    | "for"
            )
    });
    plain.then(|| Span::new(toks[k0].span.start, place.end))
}

/// A plural noun for people who act ("attackers", "militants", "gunmen",
/// "troops"), as some patterns open with.
fn agent_noun(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_lowercase())
        && [
            "ers", "ists", "ants", "ents", "men", "els", "ops", "ces", "iers", "ias",
        ]
        .iter()
        .any(|x| word.ends_with(x))
        && list_bits(word) & (bits::VERB | bits::CLOSED) == 0
}

/// Words between a subject and its verb that are not part of either
/// ("has", "also", "reportedly", "on Monday").
fn skippable(w: &Words, i: usize) -> bool {
    let n = w.norm(i);
    w.is_blocked(i)
        // the preposition of a time expression: "Seehofer *on* Wednesday
        // defended"
        || (matches!(n, "on" | "in" | "at" | "during" | "since" | "until" | "by")
            && i + 1 < w.len()
            && w.s.dated[i + 1])
        || crate::mention::is_aux_core(n)
        || matches!(
            n,
            "would"
                | "could"
                | "can"
                | "may"
                | "might"
                | "must"
                | "should"
                | "shall"
                | "did"
                | "does"
                | "do"
                | "been"
                | "be"
                | "being"
                | "not"
                | "also"
                | "reportedly"
                | "allegedly"
                | "then"
                | "later"
                | "already"
                | "again"
                | "still"
                | "just"
                | "today"
                | "yesterday"
                | "tonight"
                | "overnight"
        )
        || (n.ends_with("ly")
            && n.len() > 4
            && !matches!(
                n,
                "family" | "assembly" | "italy" | "supply" | "ally" | "rally"
            ))
}

/// The noun phrase that ends just before token `i` (skipping auxiliaries,
/// adverbs and time expressions): its token range.
fn np_before(w: &Words, i: usize) -> Option<(usize, usize)> {
    let mut k = i;
    while k > 0 && skippable(w, k - 1) {
        k -= 1;
    }
    if k == 0 {
        return None;
    }
    let h = k - 1;
    // "The Nigerian Air Force (NAF)": the head is before the parentheses
    let (h, end) = if w.norm(h) == ")" {
        let open = (h.saturating_sub(12)..h)
            .rev()
            .find(|&j| w.norm(j) == "(")?;
        (open.checked_sub(1)?, k)
    } else {
        (h, k)
    };
    if w.is_blocked(h) || !(w.is_cap(h) || w.is_open(h, false) || w.is_number(h)) {
        return None;
    }
    // "the Supreme [Court ordered]": a name the trigger's first word ends
    // is no subject of it
    if i < w.len() && w.is_cap(i) && end == i {
        return None;
    }
    let mut s = left(w, h);
    // "A court *in Venezuela*", "rebels loyal *to* ...", "The missiles fired
    // *by* the Israeli military": the noun the phrase hangs from is the subject
    for _ in 0..3 {
        if s < 2 || !w.free(s - 1) || !w.has(s - 1, bits::SUBJECT_LINK) {
            break;
        }
        let h = s - 2;
        if !w.free(h) || !(w.is_cap(h) || w.is_open(h, true) || w.is_number(h)) {
            return None;
        }
        s = left(w, h);
    }
    // a subject opens the sentence or a clause; after a verb ("seeks
    // *conditional* release") or a preposition it is an object
    let opens = s == 0 || {
        let n = w.norm(s - 1);
        matches!(n, "," | ";" | ":" | "\"" | "(" | "-")
            || w.flags(s - 1) & (bits::CLOSED | bits::PREPOSITION) == bits::CLOSED
    };
    opens.then_some((s, end))
}

/// Prepositions (and "loyal to"-like links) whose object belongs to the
/// subject before them.
const SUBJECT_LINKS: &[&str] = &["in", "at", "for", "of", "to", "by", "from", "near", "on"];

/// The noun phrase that starts at token `i` ("at least 26 soldiers",
/// "another ethnic Chechen", "a military base in Borno state").
fn np_after(w: &Words, i: usize, subject: bool) -> Option<(usize, usize)> {
    let mut j = i;
    // "at least", "more than", "up to"
    if w.free(j + 1)
        && matches!(
            (w.norm(j), w.norm(j + 1)),
            ("at", "least") | ("more", "than") | ("less", "than") | ("up", "to") | ("as", "many")
        )
    {
        j += 2;
    } else if w.free(j) && w.has(j, bits::QUANTITY_OPENER) && w.is_number(j + 1) {
        j += 1;
    }
    let head_end = np_from(w, j)?;
    Some((i, post(w, head_end, Head::Other, false, subject)))
}

/// The prepositions after an act's trigger whose object is what the act
/// is done to, or where.
const ACT_PREPOSITIONS: &[&str] = &[
    "to", "against", "on", "upon", "into", "with", "at", "in", "from", "of", "about", "over",
    "toward", "towards",
];

/// What [`act_phrases`] finds (see [`crate::Act`]).
#[derive(Default)]
pub(crate) struct ActPhrases {
    pub subject: Option<Span>,
    pub subject_joined: Option<Span>,
    pub object: Option<Span>,
}

/// Where a criticism whose words end at `last` points its object when it
/// names an attack right after it with no doer ("condemned terrorist
/// attacks in *Tehran*"): the token after the attack's noun of
/// special/words.txt [violent_incidents] (within five lower-case words, no
/// actor, "of", "and", "or", "by" or "to" between) and "on", "in", "at"
/// or "against".
pub(crate) fn struck_at(
    lex: &dyad_lexicon::Lexicon,
    norms: &[&str],
    nps: &[crate::mention::Np],
    last: usize,
) -> Option<usize> {
    let k = (last + 1..(last + 6).min(norms.len())).find(|&k| {
        lex.special
            .words
            .has(dyad_lexicon::Words::ViolentIncidents, norms[k])
    })?;
    let clear = norms[last + 1..k].iter().all(|w| {
        w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && !matches!(*w, "of" | "and" | "or" | "by" | "to")
    }) && !nps.iter().any(|n| n.toks.0 > last && n.toks.0 < k);
    (clear
        && matches!(
            norms.get(k + 1).copied(),
            Some("on" | "in" | "at" | "against")
        ))
    .then_some(k + 2)
}

/// The subject and object phrases of an act whose literal words are the
/// tokens `lits`: by word order only (see [`crate::Act`]).
/// `struck`: where the object starts instead, when the act criticises an
/// attack it names no doer for ("condemned terrorist attacks in *Tehran*").
pub(crate) fn act_phrases(s: &Sentence, lits: &[usize], struck: Option<usize>) -> ActPhrases {
    let toks = s.toks;
    let (Some(&first), Some(&last)) = (lits.first(), lits.last()) else {
        return ActPhrases::default();
    };
    // "Taliban *militants stormed*", "unknown *gunmen killed*": a pattern
    // that opens with a noun for the actors leaves that noun to the subject
    let opens_with_noun = lits.len() >= 2
        && agent_noun(toks[first].norm.as_str())
        && (first == 0 || {
            let prev = s.flags(first - 1);
            toks[first - 1].kind == TokenKind::Word
                && prev & bits::VERB == 0
                && (prev & bits::CLOSED == 0 || prev & bits::DETERMINER != 0)
        });
    let blocked = (0..toks.len())
        .map(|i| (lits.contains(&i) && !(opens_with_noun && i == first)) || s.dated[i])
        .collect();
    let w = Words {
        s,
        toks,
        blocked: Blocked::Each(blocked),
        own: (0, 0),
    };
    let bytes = |(s, e): (usize, usize)| Span::new(toks[s].span.start, toks[e - 1].span.end);
    let before = if opens_with_noun { first + 1 } else { first };
    // "A young inmate was tortured to death by prison guards": in the
    // passive the phrase before is what the act was done to, and the agent
    // follows "by"
    if !opens_with_noun && passive(&w, first) {
        let object = np_before(&w, before).map(bytes);
        let subject = (last + 1..(last + 8).min(w.len()))
            .take_while(|&k| !matches!(w.norm(k), "," | ";" | "." | "and" | "that" | "who"))
            .find(|&k| w.free(k) && w.norm(k) == "by")
            .and_then(|k| np_after(&w, k + 1, false))
            .map(bytes);
        return ActPhrases {
            subject,
            subject_joined: None,
            object,
        };
    }
    let near = np_before(&w, before);
    // "*KRG President Masoud Barzani* and top Kurdish officials rejected":
    // a phrase joined to the subject before it by "and"
    let joined = near
        .filter(|&(s, _)| s >= 2 && w.free(s - 1) && w.norm(s - 1) == "and")
        .and_then(|(s, _)| np_before(&w, s - 1))
        .map(bytes);
    let subject = near.or_else(|| sentence_subject(&w, first)).map(bytes);
    // "provided financial assistance *to* about 550 households", "imposed
    // a curfew *on* the city", "surrendered *to* the army": a trigger that
    // ends in its noun or takes its object with a preposition
    let object = struck
        .and_then(|k| np_after(&w, k, false))
        .or_else(|| np_after(&w, last + 1, false))
        .or_else(|| {
            (w.free(last + 1) && ACT_PREPOSITIONS.contains(&w.norm(last + 1)))
                .then(|| np_after(&w, last + 2, false))
                .flatten()
        })
        .map(bytes);
    ActPhrases {
        subject,
        subject_joined: joined,
        object,
    }
}

/// The trigger's first word at `first` is a past participle after a form
/// of "be" ("was *tortured*", "were *released*", "has been *arrested*"),
/// with an adverb or two between them ("was later *freed*").
fn passive(w: &Words, first: usize) -> bool {
    let n = w.norm(first);
    let participle = (n.ends_with("ed") && n.len() > 4)
        || (n.ends_with("en") && n.len() > 4)
        || matches!(
            n,
            "held"
                | "shot"
                | "hit"
                | "struck"
                | "caught"
                | "sent"
                | "kept"
                | "brought"
                | "fought"
                | "sought"
                | "led"
                | "set"
                | "put"
                | "cut"
                | "bound"
                | "found"
        );
    if !participle {
        return false;
    }
    let mut k = first;
    while k > 0 && first - k < 3 {
        k -= 1;
        match w.norm(k) {
            "was" | "were" | "is" | "are" | "be" | "been" | "being" => return true,
            x if x.ends_with("ly") && x.len() > 4 => continue,
            "also" | "later" | "then" | "reportedly" | "allegedly" | "not" => continue,
            _ => return false,
        }
    }
    false
}

/// The subject of a sentence (see [`sentence_subject`]), as a byte span.
pub(crate) fn subject_of(s: &Sentence) -> Option<Span> {
    let toks = s.toks;
    let w = Words {
        s,
        toks,
        blocked: Blocked::Each(s.dated.clone()),
        own: (0, 0),
    };
    let (a, e) = sentence_subject(&w, w.len())?;
    Some(Span::new(toks[a].span.start, toks[e - 1].span.end))
}

/// The subject of the sentence, before token `before`: its first noun
/// phrase, after an opening phrase set off by a comma ("In September, *a
/// car bomb* ..."), when a verb follows it ("*The Government* said that
/// ..."). News sentences name who acted first.
fn sentence_subject(w: &Words, before: usize) -> Option<(usize, usize)> {
    if w.len() == 0 {
        return None;
    }
    let n0 = w.norm(0);
    let opener = w.is_blocked(0)
        || w.has(0, bits::CLOSED | bits::PREPOSITION)
        || n0.ends_with("ing")
        || (n0.ends_with("ly") && !w.has(0, bits::NOT_ADVERB));
    let start = if opener {
        (0..before.min(12)).find(|&k| w.norm(k) == ",")? + 1
    } else {
        0
    };
    let (s, mut e) = np_after(w, start, true)?;
    // "*The United Kingdom and the European Union* have agreed": a
    // coordinated subject is the subject
    if w.free(e) && w.norm(e) == "and" {
        if let Some((_, e2)) = np_after(w, e + 1, true) {
            e = e2;
        }
    }
    if e > before {
        return None;
    }
    let mut k = e;
    while k < w.len() && k != before && skippable(w, k) {
        k += 1;
    }
    let verb = k > e
        || k == before
        || (k < w.len() && {
            let n = w.norm(k);
            w.has(k, bits::VERB)
                || (w.is_word(k)
                    && w.has(k, bits::LOWER_FIRST)
                    && (n.ends_with("ed") || (n.ends_with('s') && !n.ends_with("ss"))))
        });
    verb.then_some((s, e))
}
