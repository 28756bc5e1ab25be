//! dyad's dictionaries: parse, validate, compile.
//!
//! The lexicon is a folder of small line-oriented text files (see
//! `docs/LEXICON-FORMAT.md`). Every file is parsed into entries that keep the
//! `file:line` they came from, validated as a whole (unknown codes, bad
//! dates, patterns that cannot match), and compiled into token-keyed indexes
//! the coder uses. Line-oriented files were chosen over TOML so that every
//! entry has a line number without span bookkeeping, and so that users can
//! diff and grep them.
//!
//! All problems are collected and reported together, each with its file,
//! line and, where we can guess it, a suggested fix.

mod parse;
mod pattern;
mod phrase;
mod snapshot;

pub use dyad_text::fasthash::{pack15, pack7, FastHasher, FastMap, FastSet};
pub use snapshot::{get_leb128, put_leb128};

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

pub use parse::BLOCK;
pub use pattern::{
    cand_indexes, candidates, id_bit, mask_has, mask_of, overlaps, CandIndex, Elem, Mask, MayMatch,
    Pattern, PatternCand, Present,
};
pub use phrase::{Entries, PhraseHits, PhraseIndex, PhraseMatch};

use chrono::NaiveDate;
use dyad_text::SharedStr;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The lexicon files compiled into the binary: `(relative path, contents)`.
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    embedded::FILES
}

/// One problem found while loading a lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct LexError {
    pub file: String,
    pub line: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for LexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error: {}\n  --> {}:{}",
            self.message, self.file, self.line
        )?;
        if let Some(h) = &self.hint {
            write!(f, "\n  = help: {h}")?;
        }
        Ok(())
    }
}

/// All the problems of one load, shown one after the other.
#[derive(Debug, Clone)]
pub struct LexErrors(pub Vec<LexError>);

impl fmt::Display for LexErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        write!(f, "\n{} error(s) in the lexicon", self.0.len())
    }
}
impl std::error::Error for LexErrors {}

/// Where an entry came from, for `dyad explain` and the `rule` field.
/// The file name is a [`SharedStr`]: most fit in it without an allocation,
/// and a longer one is shared by the entries of its file (loading the
/// built-in lexicon made ~19,500 of these strings), as by the copies the
/// coder makes for its matches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    pub file: SharedStr,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A CAMEO event code with its scores and PLOVER mapping.
#[derive(Debug, Clone)]
pub struct EventCode {
    pub code: String,
    pub quad: u8,
    pub goldstein: f64,
    pub plover_event: String,
    pub plover_mode: Option<String>,
    pub plover_context: Vec<String>,
    pub label: String,
}

impl EventCode {
    pub fn root(&self) -> &str {
        &self.code[..2]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    Country,
    Region,
    Igo,
    Group,
}

/// An actor code that phrases point to.
#[derive(Debug, Clone)]
pub struct Actor {
    pub code: String,
    pub kind: ActorKind,
    /// ISO alpha-3 or CAMEO region code, or `None` (an organisation).
    pub country: Option<String>,
    pub origin: Origin,
}

/// A dated role of a person.
#[derive(Debug, Clone)]
pub struct Role {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub title: String,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub roles: Vec<Role>,
    pub origin: Origin,
}

impl Person {
    /// The role in force on `date`; without a date, the latest role.
    pub fn role_on(&self, date: Option<NaiveDate>) -> Option<&Role> {
        match date {
            None => self.roles.iter().max_by_key(|r| r.from),
            Some(d) => self
                .roles
                .iter()
                .find(|r| r.from.is_none_or(|f| f <= d) && r.to.is_none_or(|t| d <= t)),
        }
    }
    /// The role whose period is nearest to `date` (for former office-holders).
    pub fn nearest_role(&self, date: NaiveDate) -> Option<&Role> {
        self.roles.iter().min_by_key(|r| {
            let a = r
                .from
                .map(|f| (f - date).num_days().abs())
                .unwrap_or(i64::MAX / 4);
            let b =
                r.to.map(|t| (t - date).num_days().abs())
                    .unwrap_or(i64::MAX / 4);
            a.min(b)
        })
    }
}

/// An agent (a role joined to a country): `GOV`, `MIL`, ...
#[derive(Debug, Clone)]
pub struct Agent {
    pub code: String,
    pub origin: Origin,
}

/// What a phrase in the text names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseTarget {
    Actor(u32),
    Person(u32),
    Agent(u32),
    /// "the two sides", "each other": both actors of the pair.
    Reciprocal,
    /// A phrase that contains an actor's name but names no actor
    /// ("South China Sea", "Paris Agreement"): matched, then ignored.
    NotActor,
}

/// Closed word lists the coder consults.
#[derive(Debug, Default, Clone)]
pub struct Special {
    pub negation: Vec<Vec<String>>,
    pub future: Vec<Vec<String>>,
    pub intent: Vec<Vec<String>>,
    pub hypothetical: Vec<Vec<String>>,
    pub reporting: Vec<Vec<String>>,
    /// Set phrases that open with a word of the hypothetical list and make
    /// no condition ("if my memory serves me right", "if I am not
    /// mistaken"): `special/hedges.txt`.
    pub hedges: Vec<Vec<String>>,
    /// The coder's word lists by meaning (`special/words.txt`).
    pub words: CoderWords,
    /// The same lists as vocabulary ids.
    pub ids: SpecialIds,
}

/// The word lists of `special/words.txt`: single words (token norms) the
/// coder's rules consult by meaning, one `[section]` per rule.
macro_rules! word_sections {
    ($($variant:ident = $name:literal: $doc:literal,)*) => {
        /// A section of `special/words.txt`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Words {
            $(#[doc = $doc] $variant,)*
        }
        impl Words {
            /// Every section, in file order.
            pub const ALL: &'static [Words] = &[$(Words::$variant,)*];
            /// The section's name in the file.
            pub fn name(self) -> &'static str {
                match self {
                    $(Words::$variant => $name,)*
                }
            }
            /// What the rule reading the section does.
            pub fn doc(self) -> &'static str {
                match self {
                    $(Words::$variant => $doc,)*
                }
            }
        }
    };
}

word_sections! {
    NamingNouns = "naming_nouns": "nouns a name can stand before as a label, not an actor (\"the Wagner group\")",
    VenueNouns = "venue_nouns": "nouns of venues and frameworks an act happens in, not a party to it",
    PlaceNouns = "place_nouns": "nouns of places (\"the town of\")",
    AnaphoricNouns = "anaphoric_nouns": "nouns that refer back to an act told before (\"these moves\")",
    RelationalNouns = "relational_nouns": "nouns of a relation to another actor (\"its neighbour\")",
    FreeAdjNouns = "free_adj_nouns": "words after \"free\" that make it an adjective (\"free trade\"), not the verb",
    Wanting = "wanting": "verbs and nouns of wanting an act of another (\"wants Putin to\"): the act is not done",
    Intransitive = "intransitive": "trigger words of acts done to no one, coded with a null target (resign, surrender)",
    Protesters = "protesters": "nouns that name the protesters themselves as a protest's trigger",
    ViolentIncidents = "violent_incidents": "nouns of an attack or incident: a past verb after \"which\"/\"that\" following one is the incident's, no actor's",
    CriticisedAdjectives = "criticised_adjectives": "adjectives with no telltale ending before an act's noun right after a criticism (\"condemned recent assault\"): the act is what is criticised",
    SayingNow = "saying_now": "verbs of saying after the speaker's \"will\"/\"shall\" and before \"that\": said now, not future",
    PreventingVerbs = "preventing_verbs": "verbs of preventing an act (\"prevent a military confrontation\"): the act right after is not done",
    DoneToParticiples = "done_to_participles": "participles of acts done to people (\"the civilians imprisoned for\") that, after a common noun and before a preposition, name no doer",
    NecessityAdjectives = "necessity_adjectives": "adjectives that make an act named by a gerund or an indefinite noun before \"is\" a wish (\"Resuming talks is desirable\")",
    ProtestNouns = "protest_nouns": "nouns of a protest or crowd that repression puts down (\"break up protests\"): aimed at the state's own protesters",
    Gifts = "gifts": "nouns of a gift one is thanked for (\"thank India for the gift of vaccines\")",
    MedicalGifts = "medical_gifts": "words that make a gift medical aid (073)",
    Thanks = "thanks": "words of thanking: the one thanked gave what it is thanked for",
    Posted = "posted": "nouns of people posted abroad: a meeting with them there is no visit",
    NamesLikeAdjectives = "names_like_adjectives": "country names that end like an adjective (Mali, Fiji)",
    FacilityNouns = "facility_nouns": "capitalised nouns after a place name that make it a building, road or document (\"the Europe Bridge\")",
    SloganNouns = "slogan_nouns": "nouns of a banner or a slogan after words in quotation marks (\"Free Tibet\" banners): the words are the slogan's, no act",
    PressingParticiples = "pressing_participles": "participles before \"by\" an actor and \"to\" (\"pressured by Congress to help Iran\"): the act after \"to\" is asked, not done",
    CountryNouns = "country_nouns": "nouns of a country (\"the Central Asian nation of Kyrgyzstan\", \"a certain country\")",
    LawNouns = "law_nouns": "capitalised nouns that end a law's title after \"the\" and a place name (\"the Taiwan Travel Act\"): the name is part of the title",
    PeopleOf = "people_of": "nouns of people of an actor (\"leaders of\", \"officials from\")",
    PeopleIn = "people_in": "words of people before \"in\" and a country that make the country their actor, not a place (\"some in the US\", \"politicians in Washington\")",
    CountOf = "count_of": "nouns of a count or crowd of people (\"thousands of\")",
    PersonPremodifiers = "person_premodifiers": "words before a person's title or name that keep the person (\"former\", \"senior\")",
    Backers = "backers": "participles after a hyphened country that make it a backer or a model (\"US-backed\")",
    PoliteSaying = "polite_saying": "verbs of saying after \"would like to\": the polite formula, asserted",
    PromiseVerbs = "promise_verbs": "verbs of promising whose \"to\" makes the act an intent",
    PerformativeNouns = "performative_nouns": "nouns of a performative (\"expresses its gratitude\")",
    Performative = "performative": "verbs that do what they say (\"we thank\", \"we condemn\")",
    DocumentNouns = "document_nouns": "nouns after a seat of government's name that make it a document or a process, capitalised or not (\"the Doha agreement\")",
    ForeignActs = "foreign_acts": "trigger words of acts only ever done to another country (invasion, annexation)",
    RefusedParticiples = "refused_participles": "participles after \"have\" that make it an auxiliary of refusing (\"have refused talks with\")",
    DoneBy = "done_by": "participles before \"by\" that name the doer of an act's noun (\"atrocities committed by\")",
    OfficeNouns = "office_nouns": "nouns of an office that, won or taken, are a post and not the government (\"winning the presidency\")",
    TakingOffice = "taking_office": "words before an office noun that make it a post won or taken (\"won\", \"assumed\", \"election to\")",
    OneSidedIntent = "one_sided_intent": "words of an intent voiced by one party (\"ready\", \"pledged\", \"hopes\"): its symmetric act is that party's alone",
    DecisionNouns = "decision_nouns": "nouns of a decision or plan whose \"to\" names the decider's act (\"the US decision to sell\")",
    SpeakerNouns = "speaker_nouns": "nouns after \"my\" or \"our\" in a document with a speaker that name its country (\"my country\")",
    SpeakerGovernment = "speaker_government": "nouns after \"my\" or \"our\" in a document with a speaker that name its government (\"my delegation\")",
    NotSpeakerAfter = "not_speaker_after": "words after \"my country\" that make it no actor (\"our country team\")",
    NotSpeakerPossessed = "not_speaker_possessed": "words after \"my country's\" that keep it from being an actor: a speaker's feeling or an agent that names the actor itself (\"my country's gratitude\", \"my country's Government\")",
    VerbalAttack = "verbal_attack": "words near \"attack\" that make it an attack in words (111), not force (\"slander and attack China\")",
    VerbalAttackObjects = "verbal_attack_objects": "words after \"attack\" that name what is attacked in words (\"attacked China's political system\")",
    ForceWords = "force_words": "words of force that keep \"attack\" an act of force next to a word of [verbal_attack] (\"terrorist attacks\")",
    GenericSubjects = "generic_subjects": "nouns that, after \"all\", \"every\", \"each\" or \"no\" and before a modal or an auxiliary, make a clause's subject everyone in general (\"all countries should\"): its act has no named doer",
    AidingVerbs = "aiding_verbs": "verbs of helping or backing an actor after which \"in\" and a gerund name that actor's act (\"we support the ICC in investigating\")",
    HarmVerbs = "harm_verbs": "verbs of harming people after which civilians whose country is not named take the country of the place named (\"shelled the city of Kharkiv, killing three civilians\"), not the attacker's",
    Warning = "warning": "verbs of warning before an actor, \"against\" and a gerund: the act warned against is not done (\"warned Washington against sending missiles\")",
    FightTopics = "fight_topics": "nouns of acts about a fight, before \"in\", \"to\", \"of\" or \"on\" and the fight's noun: the fight has no doer there (\"a mediating role in the armed conflict\")",
    Plotting = "plotting": "words of plotting an act of force just before it (\"suspected of plotting attacks\"): the act is not done",
    PassiveBlame = "passive_blame": "participles of blame that, in the passive with no agent, name no accuser (\"Iran was accused of\"): no event, and the acts alleged after them are not asserted",
    GoBetween = "go_between": "participles of a go-between before \"by\" (\"a ceasefire brokered by\"): the one after \"by\" is no party to the cooperative act before",
    SubjectVerbs = "subject_verbs": "present-tense verbs that follow a country as its subject, never a word of its agent's name (\"China welcomes foreign companies\")",
}

/// The word lists of `special/words.txt`, each sorted for lookup.
#[derive(Clone, Default)]
pub struct CoderWords {
    sets: Vec<Vec<String>>,
    /// Every word of the lists with a bit per section it is in (bit `k`
    /// for `Words::ALL[k]`), keyed by [`pack15`] (nearly every word is that
    /// short): what [`CoderWords::has`] reads, one look-up of two integers
    /// where a binary search of the section called `memcmp` at each step
    /// (the rules ask about most tokens of a sentence with a match).
    short: FastMap<(u64, u64), u64>,
    /// The same for the words longer than fifteen bytes.
    long: FastMap<String, u64>,
}

// (a section is a bit of a `u64`)
const _: () = assert!(Words::ALL.len() <= 64);

impl fmt::Debug for CoderWords {
    // the lists, which the index is derived from
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CoderWords")
            .field("sets", &self.sets)
            .finish()
    }
}

impl CoderWords {
    /// Whether `w` (a token's norm) is in the section.
    #[inline]
    pub fn has(&self, k: Words, w: &str) -> bool {
        let bits = match pack15(w) {
            Some(key) => self.short.get(&key),
            None => self.long.get(w),
        };
        bits.is_some_and(|&b| b >> (k as u32) & 1 != 0)
    }

    /// The section's words, sorted.
    pub fn list(&self, k: Words) -> &[String] {
        self.sets.get(k as usize).map(|s| &s[..]).unwrap_or(&[])
    }

    pub(crate) fn from_sets(mut sets: Vec<Vec<String>>) -> CoderWords {
        for s in &mut sets {
            s.sort();
            s.dedup();
        }
        CoderWords::from_sorted(sets)
    }

    /// The lists, each sorted and without repeats already (as in a
    /// snapshot), with their index.
    pub(crate) fn from_sorted(sets: Vec<Vec<String>>) -> CoderWords {
        let mut short: FastMap<(u64, u64), u64> = FastMap::default();
        let mut long: FastMap<String, u64> = FastMap::default();
        // (a section past the 64th could not be asked about: `Words` has
        // fewer, and `has` is only asked about a `Words`)
        for (k, set) in sets.iter().enumerate().take(64) {
            for w in set {
                let bit = 1u64 << k;
                match pack15(w) {
                    Some(key) => *short.entry(key).or_default() |= bit,
                    None => *long.entry(w.clone()).or_default() |= bit,
                }
            }
        }
        CoderWords { sets, short, long }
    }
}

/// The closed word lists as sequences of vocabulary ids.
#[derive(Debug, Default, Clone)]
pub struct SpecialIds {
    pub negation: Vec<Vec<u32>>,
    pub future: Vec<Vec<u32>>,
    pub intent: Vec<Vec<u32>>,
    pub hypothetical: Vec<Vec<u32>>,
    pub reporting: Vec<Vec<u32>>,
    pub hedges: Vec<Vec<u32>>,
    /// The first words of each list's phrases as one [`Mask`], in the
    /// order negation, future, intent, hypothetical, reporting: a token
    /// outside it starts no phrase of the list.
    pub firsts: [Mask; 5],
    /// For each list (same order), `(first word, phrase index)` of its
    /// phrases, sorted: the phrases that start with a word, in list order,
    /// without scanning the list.
    pub starts: [Vec<(u32, u32)>; 5],
}

/// A closed word list as [`SpecialIds::list`] gives it: its phrases, the
/// mask of their first words, their index by first word.
pub type SpecialList<'a> = (&'a [Vec<u32>], &'a Mask, &'a [(u32, u32)]);

impl SpecialIds {
    /// List `k` (0 negation, 1 future, 2 intent, 3 hypothetical, 4
    /// reporting): its phrases, the mask of their first words and their
    /// index by first word.
    pub fn list(&self, k: usize) -> SpecialList<'_> {
        let l = match k {
            0 => &self.negation,
            1 => &self.future,
            2 => &self.intent,
            3 => &self.hypothetical,
            _ => &self.reporting,
        };
        (l, &self.firsts[k], &self.starts[k])
    }
}

/// A loaded, validated and compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    pub codes: HashMap<String, EventCode>,
    pub actors: Vec<Actor>,
    pub people: Vec<Person>,
    pub agents: Vec<Agent>,
    pub patterns: Vec<Pattern>,
    pub special: Special,
    /// Phrases naming actors, persons, agents and reciprocal references.
    pub phrases: PhraseIndex<PhraseTarget>,
    /// Patterns by the vocabulary id of their first token.
    pub pattern_index: Vec<Vec<u32>>,
    /// The same lists with each pattern's first mask beside its id, so that
    /// the mask test that rejects most candidates reads one contiguous
    /// list instead of each pattern's own heap vector, ordered by that mask
    /// so that a mask several patterns share is tested once.
    pub pattern_cands: Vec<Vec<PatternCand>>,
    /// A bit per token id, set when the id opens a pattern (its list in
    /// `pattern_cands` is not empty): asked about every token of a
    /// sentence, most of which open none, from 1.4 KB rather than from the
    /// lists' 24-byte headers (a cache miss at nearly every token).
    pub pattern_firsts: Vec<u64>,
    /// The indexes of the long candidate lists ([`CandIndex`], derived
    /// from `pattern_cands` on loading), and where each list's is, by its
    /// first word's id.
    pub cand_indexes: Vec<CandIndex>,
    pub cand_index_of: FastMap<u32, u32>,
    /// The masks after the first of every pattern, one pattern after
    /// another ([`PatternCand::rest`]).
    pub rest_masks: Vec<Mask>,
    /// The required words after the first of every pattern, as token ids,
    /// one pattern after another ([`PatternCand::words`]).
    pub pattern_words: Vec<u32>,
    /// Every token of the phrases, patterns and word lists, with its id.
    pub vocab: FastMap<String, u32>,
    /// The words of `vocab` of up to fifteen bytes, keyed by [`pack15`]:
    /// what [`Lexicon::token_id`] looks up for nearly every token of a
    /// text (two integers hashed and compared, not a string).
    pub(crate) vocab_short: ShortVocab,
    /// Codes coded in both directions (meetings, talks, joint exercises).
    pub symmetric: FastSet<String>,
    /// Code of an act -> code of the expressed intent to do it (root 03),
    /// used when the act is promised rather than done.
    pub intent: HashMap<String, String>,
    /// Code of a cooperative act -> code of refusing it (root 12), used when
    /// the act is denied ("refused to meet", "would not release").
    pub refusal: HashMap<String, String>,
    /// Declared country and region codes.
    pub countries: FastSet<String>,
    /// Persons by the last word of their full name, built on first use
    /// ([`Lexicon::surnames`]).
    pub surname_index: std::sync::OnceLock<FastMap<String, Vec<(u32, u32)>>>,
    /// The past forms of the irregular verbs (`verbs/irregular.txt`):
    /// "held", "sent", "withdrew", which no `-ed` test finds.
    pub irregular_pasts: FastSet<String>,
    /// The region codes among them (`AFR`, `EAF`, `WST`, ...).
    pub regions: HashSet<String>,
    /// Where the lexicon came from ("built-in" or a folder) and a short hash
    /// of its contents, stored with every record it codes.
    pub version: String,
    /// Files that were present, with their number of entries.
    pub files: Vec<(String, usize)>,
}

/// Files outside the lexicon crate's concern (the temporal tagger owns
/// `temporal/`); they are embedded and overridable the same way.
pub fn is_foreign(path: &str) -> bool {
    path.starts_with("temporal/")
}

/// The short words of a vocabulary, for [`Lexicon::vocab_short`].
pub(crate) fn vocab_short(vocab: &FastMap<String, u32>) -> ShortVocab {
    ShortVocab::of(vocab)
}

/// The words of a vocabulary of up to fifteen bytes, keyed by [`pack15`],
/// in one open-addressed table probed linearly from the key's hash (half
/// full at most): what [`Lexicon::token_id`] looks up for nearly every
/// token of a text. One slot holds the key and the id, so a look-up reads
/// one cache line and compares two integers, where the general hash map
/// read its control bytes and then its slot (~75 instructions a token).
#[derive(Debug, Default)]
pub(crate) struct ShortVocab {
    slots: Vec<ShortSlot>,
    /// 64 less the number of bits of a slot index.
    shift: u32,
}

#[derive(Debug, Clone, Copy)]
struct ShortSlot {
    key: (u64, u64),
    id: u32,
}

impl ShortVocab {
    /// No [`pack15`] key: the top byte of its second word is the string's
    /// length, at most fifteen.
    const EMPTY: (u64, u64) = (0, u64::MAX);

    /// The short words of `vocab`.
    pub(crate) fn of(vocab: &FastMap<String, u32>) -> ShortVocab {
        let keys: Vec<((u64, u64), u32)> = vocab
            .iter()
            .filter_map(|(w, &id)| pack15(w).map(|k| (k, id)))
            .collect();
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut t = ShortVocab {
            slots: vec![
                ShortSlot {
                    key: Self::EMPTY,
                    id: u32::MAX,
                };
                size
            ],
            shift: 64 - size.trailing_zeros(),
        };
        let mask = size - 1;
        for (key, id) in keys {
            let mut i = t.slot(key);
            // (the keys are distinct: the vocabulary's words are)
            while t.slots[i].key != Self::EMPTY {
                i = (i + 1) & mask;
            }
            t.slots[i] = ShortSlot { key, id };
        }
        t
    }

    #[inline(always)]
    fn slot(&self, (a, b): (u64, u64)) -> usize {
        let h = (a ^ b.rotate_left(31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> self.shift) as usize
    }

    /// The id of a key, if a word of the vocabulary has it.
    #[inline(always)]
    pub(crate) fn get(&self, key: (u64, u64)) -> Option<u32> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.slot(key);
        // (a table is never full, so an empty slot ends every probe)
        while let Some(s) = self.slots.get(i) {
            if s.key == key {
                return Some(s.id);
            }
            if s.key == Self::EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
        None
    }
}

impl Lexicon {
    /// Persons by the last word of their full name, lower-cased, where no
    /// phrase of theirs is that word alone: (person, the phrase entry of the
    /// full name). A surname a file leaves out because it is ambiguous
    /// ("Abbas", "Duterte", "Morales") still names its person right after a
    /// title the person held on the day ("President Abbas"); the coder
    /// checks the title and the date.
    pub fn surnames(&self) -> &FastMap<String, Vec<(u32, u32)>> {
        self.surname_index.get_or_init(|| {
            let mut alone: FastSet<(u32, String)> = FastSet::default();
            for e in &self.phrases.entries {
                if let PhraseTarget::Person(p) = e.value {
                    let t = e.text.as_str().trim_start_matches('=');
                    if !t.contains(' ') {
                        alone.insert((p, t.to_lowercase()));
                    }
                }
            }
            let mut map: FastMap<String, Vec<(u32, u32)>> = FastMap::default();
            for (i, e) in self.phrases.entries.iter().enumerate() {
                let PhraseTarget::Person(p) = e.value else {
                    continue;
                };
                let name = &self.people[p as usize].name;
                if e.text.as_str().trim_start_matches('=') != name.as_str() {
                    continue;
                }
                let words: Vec<&str> = name.split_whitespace().collect();
                // (a patronymic is no surname: "King Abdulaziz" is not
                // Abdullah bin Abdulaziz, nor "King Salman" Mohammed bin
                // Salman)
                let [.., before, last] = words[..] else {
                    continue;
                };
                if matches!(
                    before.to_lowercase().as_str(),
                    "bin" | "ibn" | "bint" | "ben" | "ould" | "wuld" | "al" | "el"
                ) {
                    continue;
                }
                let last = last.to_lowercase();
                if alone.contains(&(p, last.clone())) {
                    continue;
                }
                let v = map.entry(last).or_default();
                if !v.iter().any(|&(q, _)| q == p) {
                    v.push((p, i as u32));
                }
            }
            map
        })
    }

    /// The lexicon compiled into the binary.
    pub fn builtin() -> Result<Lexicon, LexErrors> {
        let files: Vec<(String, String)> = builtin_files()
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        let mut lex = Lexicon::from_files(&files)?;
        lex.version = format!("built-in:{}", content_hash(&files));
        Ok(lex)
    }

    /// Reads all `.txt` files of a folder (recursively) as a lexicon.
    pub fn read_dir_files(dir: &Path) -> Result<Vec<(String, String)>, LexErrors> {
        let mut out = Vec::new();
        let mut errs = Vec::new();
        read_dir_rec(dir, dir, &mut out, &mut errs);
        if !dir.is_dir() {
            errs.push(LexError {
                file: dir.display().to_string(),
                line: 0,
                message: "lexicon folder not found".into(),
                hint: Some(
                    "give a folder laid out like data/lexicon/ (actors/, verbs/, ...)".into(),
                ),
            });
        }
        if errs.is_empty() {
            out.sort();
            Ok(out)
        } else {
            Err(LexErrors(errs))
        }
    }

    /// A lexicon from a user's folder, replacing the built-in one.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, LexErrors> {
        let files = Lexicon::read_dir_files(dir)?;
        let mut lex = Lexicon::from_files(&files)?;
        lex.version = format!("{}:{}", dir.display(), content_hash(&files));
        Ok(lex)
    }

    /// The built-in lexicon with a user's folder laid over it: files with the
    /// same relative path replace built-in ones, others are added.
    pub fn overlay_files(dir: &Path) -> Result<Vec<(String, String)>, LexErrors> {
        let extra = Lexicon::read_dir_files(dir)?;
        let mut map: std::collections::BTreeMap<String, String> = builtin_files()
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        for (p, c) in extra {
            map.insert(p, c);
        }
        Ok(map.into_iter().collect())
    }

    /// Parses, validates and compiles a set of `(relative path, contents)`.
    pub fn from_files(files: &[(String, String)]) -> Result<Lexicon, LexErrors> {
        let mut b = parse::Builder::default();
        for (path, contents) in files {
            if is_foreign(path) || path.ends_with("README.txt") {
                continue;
            }
            b.add_file(path, contents);
        }
        let mut lex = b.finish()?;
        lex.version = format!("custom:{}", content_hash(files));
        Ok(lex)
    }

    pub fn code(&self, code: &str) -> Option<&EventCode> {
        self.codes.get(code)
    }

    /// The vocabulary id of a normalised token; `u32::MAX` when no
    /// dictionary entry uses it.
    // (inlined: a call saved and restored registers for ~15 of its ~75
    // instructions, once for every token of a text)
    #[inline(always)]
    pub fn token_id(&self, norm: &str) -> u32 {
        match pack15(norm) {
            Some(k) => self.vocab_short.get(k),
            None => self.vocab.get(norm).copied(),
        }
        .unwrap_or(u32::MAX)
    }

    /// The longest dictionary phrases at token `i`, for callers that hold
    /// normalised tokens rather than vocabulary ids (ids are looked up for
    /// the few tokens a phrase can span).
    pub fn phrase_at(&self, norms: &[&str], raws: &[&str], i: usize) -> Option<PhraseMatch> {
        let end = norms.len().min(i + self.phrases.max_len.max(1));
        let mut ids = vec![u32::MAX; i];
        ids.extend(norms[i..end].iter().map(|w| self.token_id(w)));
        self.phrases.longest_at_ids(&ids, &raws[..end], i)
    }

    /// Patterns whose first word is the token `id`, with their first masks
    /// (the same patterns as [`Lexicon::patterns_starting`], ordered by
    /// first mask: [`PatternCand::list`]).
    #[inline]
    pub fn pattern_cands(&self, id: u32) -> &[PatternCand] {
        let opens = self
            .pattern_firsts
            .get(id as usize / 64)
            .is_some_and(|w| w >> (id % 64) & 1 != 0);
        if !opens {
            return &[];
        }
        self.pattern_cands
            .get(id as usize)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// The words of a sentence whose token ids are `ids`, for
    /// [`Lexicon::patterns_may_match`].
    pub fn present(&self, ids: &[u32]) -> Present {
        Present::new(self.vocab.len(), ids)
    }

    /// The patterns whose first word is the token `id` that may match a
    /// sentence whose words are `present` ([`Lexicon::present`]): those of
    /// [`Lexicon::pattern_cands`] that pass [`PatternCand::may_match`] and
    /// [`Present::has_words_of`], in their order.
    #[inline]
    pub fn patterns_may_match<'a>(&'a self, id: u32, present: &'a Present) -> MayMatch<'a> {
        let cands = self.pattern_cands(id);
        // (only a long list may have a run index: no look-up for the others)
        if cands.len() >= CandIndex::MIN_CANDS {
            if let Some(ix) = self
                .cand_index_of
                .get(&id)
                .and_then(|&k| self.cand_indexes.get(k as usize))
            {
                return MayMatch::with_index(
                    cands,
                    ix,
                    present,
                    &self.patterns,
                    &self.rest_masks,
                    &self.pattern_words,
                );
            }
        }
        MayMatch::new(
            cands,
            present,
            &self.patterns,
            &self.rest_masks,
            &self.pattern_words,
        )
    }

    /// Patterns whose first word is the token `id`.
    pub fn patterns_starting(&self, id: u32) -> &[u32] {
        self.pattern_index
            .get(id as usize)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// Whether a code is coded both ways (by the code or one of its parents).
    pub fn is_symmetric(&self, code: &str) -> bool {
        (2..=code.len()).any(|n| self.symmetric.contains(&code[..n]))
    }

    /// The refusal code for a denied cooperative act (most specific wins).
    pub fn refusal_of(&self, code: &str) -> Option<&str> {
        (2..=code.len())
            .rev()
            .find_map(|n| self.refusal.get(&code[..n]).map(|s| s.as_str()))
    }

    /// The intent code for a promised act (most specific mapping wins).
    pub fn intent_of(&self, code: &str) -> Option<&str> {
        (2..=code.len())
            .rev()
            .find_map(|n| self.intent.get(&code[..n]).map(|s| s.as_str()))
    }

    /// The country of an actor code: its first three letters when those are
    /// a declared country or region.
    pub fn country_of(&self, code: &str) -> Option<SharedStr> {
        if code.len() >= 3 && code.is_char_boundary(3) && self.countries.contains(&code[..3]) {
            return Some(SharedStr::new(&code[..3]));
        }
        None
    }
}

fn read_dir_rec(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, String)>,
    errs: &mut Vec<LexError>,
) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            read_dir_rec(root, &p, out, errs);
        } else if name.ends_with(".txt") {
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            match std::fs::read(&p) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(s) => out.push((rel, s)),
                    Err(e) => errs.push(LexError {
                        file: p.display().to_string(),
                        line: 0,
                        message: format!(
                            "not UTF-8 text (invalid byte at offset {})",
                            e.utf8_error().valid_up_to()
                        ),
                        hint: Some("save the file as UTF-8".into()),
                    }),
                },
                Err(e) => errs.push(LexError {
                    file: p.display().to_string(),
                    line: 0,
                    message: format!("cannot read: {e}"),
                    hint: None,
                }),
            }
        }
    }
}

/// FNV-1a over all files: a short, stable identity of a lexicon's contents.
pub fn content_hash(files: &[(String, String)]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for (p, c) in files {
        for b in p.bytes().chain([0u8]).chain(c.bytes()).chain([0u8]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{:012x}", h & 0xffff_ffff_ffff)
}

/// The closest candidate by edit distance, for "did you mean" hints.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(&str, usize)> = None;
    for c in candidates {
        let d = edit_distance(word, c);
        if d <= 2.max(word.len() / 3) && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    best.map(|(c, _)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests;
