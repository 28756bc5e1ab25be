//! The event coder: actor mentions, pattern matches, source and target,
//! modality and date, for every sentence of a document.
//!
//! The coder is a sequence of small, deterministic passes over the tokens of
//! a sentence (mentions -> noun phrases -> compound groups -> pattern
//! matches -> frames), so that every decision can be written to a trace and
//! shown by `dyad explain` exactly as it happened. Nothing here parses
//! syntax: frames come from word order, prepositions and the pattern's own
//! slots, which is what keeps the coder fast and its errors fixable by
//! editing a dictionary line.

mod extent;
mod frame;
mod mention;
mod merge;
mod modality;
mod record;

pub use mention::{Group, Mention, MentionKind, Np};
pub use merge::merge_records;
pub use record::{event_record, event_view, EventView};

/// The coder's passes one at a time, for the per-stage benchmarks
/// (`benches/`): each runs exactly the code [`Coder::code`] runs.
#[doc(hidden)]
pub mod stages {
    use super::*;

    /// Actor matching: the noun phrases of a sentence (phrase lookup and
    /// their resolution to actor codes).
    pub fn mentions(
        lex: &Lexicon,
        text: &str,
        toks: &[Token],
        ids: &[u32],
        date: Option<NaiveDate>,
    ) -> Vec<Np> {
        mention::find(lex, text, toks, ids, date)
    }

    /// Pattern matching: the number of pattern matches of a sentence.
    pub fn matches(lex: &Lexicon, toks: &[Token], ids: &[u32], nps: &[Np]) -> usize {
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        frame::find_matches(lex, &norms, ids, nps).len()
    }
}

use chrono::NaiveDate;
use dyad_lexicon::{Lexicon, Origin, PhraseHits};
use dyad_text::{sentences, tokenize, Doc, SharedStr, Span, Token};
use dyad_time::{Tagger, TimeExpr};

/// An actor as it appears in an event.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRef {
    pub code: SharedStr,
    pub country: Option<SharedStr>,
    /// The words in the text that named it (for a pronoun or a reciprocal
    /// reference, the pronoun itself).
    pub span: Span,
    /// How the code was reached, for `dyad explain`.
    pub via: SharedStr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modality {
    Asserted,
    Future,
    Intent,
    Negated,
    Hypothetical,
    Reported,
}

impl Modality {
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Future => "future",
            Modality::Intent => "intent",
            Modality::Negated => "negated",
            Modality::Hypothetical => "hypothetical",
            Modality::Reported => "reported",
        }
    }
}

/// A coded event; spans are into `doc.text`.
#[derive(Debug, Clone)]
pub struct Event {
    pub sentence: usize,
    pub sentence_span: Span,
    pub source: ActorRef,
    pub target: Option<ActorRef>,
    pub cameo: String,
    pub trigger: Span,
    pub rule: Origin,
    pub pattern: String,
    pub modality: Modality,
    pub date: Option<String>,
    pub date_basis: Option<&'static str>,
    pub date_span: Option<Span>,
    /// One line per decision taken, in order.
    pub why: Vec<String>,
    /// Who reported the act ("Putin emphasized that Russia will ..."), when
    /// that is not the source itself.
    pub reported_by: Option<ActorRef>,
    /// Made by an `@speaker` pattern: the speaker's words about an actor,
    /// not an act of the sentence's subject.
    pub by_speaker: bool,
    /// The source is a modifier of the act's noun ("Russia's invasion", "the
    /// Turkish allegations"), not a clause's subject: it is not remembered
    /// as the subject a later pronoun stands for.
    pub from_modifier: bool,
    /// The noun phrases that name the source and the target, filled once
    /// the sentence's events are decided (see [`Phrases`]).
    pub phrases: Phrases,
}

/// The whole noun phrases around an event's actor mentions ("*the* Afghan
/// Interior Ministry", "the last *ISIS* group bastion in the country"):
/// spans into `doc.text` that contain the mention's own span. `None` until
/// the coder sets them; a pronoun, a reciprocal or an actor taken from the
/// context keeps its own span. They only describe the text: the codes come
/// from the mentions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Phrases {
    pub source: Option<Span>,
    pub target: Option<Span>,
    /// Further noun phrases joined to the target's by "and", "or" or a
    /// list's commas ("detained *the head of Amnesty's Turkey branch* and
    /// *other rights activists*"), in text order, when they name no actor
    /// of their own: the act is done to them too. By word order only.
    /// (Empty when [`Coder::act_phrases`] is off.)
    pub target_joined: Vec<Span>,
}

impl Event {
    /// The span of the noun phrase naming the source (its mention's span
    /// when none was found).
    pub fn source_phrase(&self) -> Span {
        self.phrases.source.unwrap_or(self.source.span)
    }

    /// The span of the noun phrase naming the target, if there is a target.
    pub fn target_phrase(&self) -> Option<Span> {
        let t = self.target.as_ref()?;
        Some(self.phrases.target.unwrap_or(t.span))
    }
}

/// Everything the coder saw in one sentence, kept when tracing.
#[derive(Debug, Clone, Default)]
pub struct SentenceTrace {
    pub tokens: Vec<Token>,
    pub mentions: Vec<String>,
    pub groups: Vec<String>,
    pub matches: Vec<String>,
    pub dates: Vec<String>,
    /// The events coded and then dropped by a rule over the whole
    /// sentence (a general intent, a bare statement, a guessed self-pair,
    /// the same record twice), one line each with the reason.
    pub dropped: Vec<String>,
}

/// A pattern that matched in a sentence, whether or not actors were found
/// for it: what the sentence says was done.
#[derive(Debug, Clone, Copy)]
pub struct Act {
    pub sentence: usize,
    /// Index into the lexicon's patterns.
    pub pattern: u32,
    /// Byte offset of the first matched word.
    pub start: usize,
    /// From the first matched word to the last.
    pub trigger: Span,
    /// The noun phrase just before the trigger ("*a car bomb* killed"),
    /// whatever it names, known actor or not: who did it, when the
    /// sentence says so in that order. By word order only.
    pub subject: Option<Span>,
    /// A noun phrase joined to the subject before it by "and" ("*KRG
    /// President Masoud Barzani* and top Kurdish officials rejected"): who
    /// did it too.
    pub subject_joined: Option<Span>,
    /// The noun phrase just after the trigger ("killed *another ethnic
    /// Chechen*"), or after a preposition right after it ("provided
    /// assistance *to about 550 households*"): to whom it was done. In the
    /// passive ("*Two journalists* were abducted by *masked gunmen*") the
    /// phrase before the trigger is the object and the one after "by" the
    /// subject.
    /// (Both are `None` when [`Coder::act_phrases`] is off.)
    pub object: Option<Span>,
    /// How the sentence tells the act, as an event's modality is read
    /// ("will release" future, "will not end the strike" negated), so that
    /// a reader of an act with no actors can code it as told: a promise
    /// as its intent (`cameo/intent.txt`), a refusal as such
    /// (`cameo/refusal.txt`); see [`Act::code`]. (`Asserted` when
    /// [`Coder::act_phrases`] is off.)
    pub modality: Modality,
}

impl Act {
    /// The act's CAMEO code as the sentence tells it: its pattern's code,
    /// or the intent of a promised act, or the refusal of a refused one,
    /// as the frames code an event.
    pub fn code<'a>(&self, lex: &'a Lexicon) -> &'a str {
        let code = lex.patterns[self.pattern as usize].code.as_str();
        match self.modality {
            Modality::Future | Modality::Intent => lex.intent_of(code).unwrap_or(code),
            Modality::Negated => lex.refusal_of(code).unwrap_or(code),
            _ => code,
        }
    }
}

#[derive(Debug, Default)]
pub struct Coded {
    pub sentences: Vec<Span>,
    /// Each sentence's tokens and their vocabulary ids, as the coder read
    /// them: the passes that read the same sentences after it (commitments)
    /// take them from here instead of tokenising again.
    pub tokens: Vec<Vec<Token>>,
    pub ids: Vec<Vec<u32>>,
    /// Each sentence's dictionary phrases as the mention search read them
    /// from those tokens (the longest at each token, reading on after it):
    /// claims' countries and the commitment detector's mentions take them
    /// from here instead of looking every token up again.
    pub phrases: PhraseHits,
    /// Each sentence's time expressions when the coder tagged it (those
    /// where a pattern match needed them, and every one when tracing):
    /// claims and commitments read them here
    /// instead of tagging the sentence again. `None`: not tagged.
    pub dates: Vec<Option<Vec<TimeExpr>>>,
    pub events: Vec<Event>,
    /// Every kept (non-blocking) pattern match, in text order: the acts a
    /// sentence tells, also those whose actors are unknown.
    pub acts: Vec<Act>,
    /// For each sentence that tells no act (no pattern matched): its index
    /// and its subject, the first noun phrase when a verb follows it, after
    /// an opening phrase set off by a comma ("On Monday, *Afghan President
    /// Ashraf Ghani* issued ..."): who the sentence is about, whatever it
    /// says they did. By word order only; empty when
    /// [`Coder::act_phrases`] is off.
    pub subjects: Vec<(usize, Span)>,
    /// Filled only when tracing.
    pub traces: Vec<SentenceTrace>,
}

pub struct Coder<'a> {
    pub lex: &'a Lexicon,
    pub tagger: &'a Tagger,
    pub trace: bool,
    /// Find the subject and object phrases of every act
    /// ([`Act::subject`], [`Act::object`]; on by default), and the noun
    /// phrases joined to each event's target ([`Phrases::target_joined`],
    /// which no record carries). A caller that reads no acts (`dyad code`
    /// writes only events) turns it off and saves that work; the acts and
    /// events are otherwise the same.
    pub act_phrases: bool,
}

/// A sentence's time expressions, tagged the first time a pass asks for
/// them ([`Dates::get`]); what [`Coded::dates`] keeps for the sentence when
/// one did.
pub(crate) struct Dates<'a> {
    tagger: &'a Tagger,
    text: &'a str,
    span: Span,
    date: Option<NaiveDate>,
    tagged: std::cell::OnceCell<Vec<TimeExpr>>,
}

impl Dates<'_> {
    pub(crate) fn get(&self) -> &[TimeExpr] {
        self.tagged
            .get_or_init(|| self.tagger.tag(self.text, self.span, self.date))
    }
}

/// Per-document state carried from sentence to sentence.
#[derive(Default)]
struct DocContext {
    /// The two countries the document is mostly about, with a code each.
    pair: Option<(SharedStr, SharedStr)>,
    /// The two countries the current sentence and the ones just before it
    /// are about: what "the two sides" and "each other" mean here (see
    /// [`local_pair`]); the document's pair when there are none.
    local_pair: Option<(SharedStr, SharedStr)>,
    /// The subject of the last sentence that had one: what "it" refers to.
    last_subject: Vec<ActorRef>,
    /// Who "we" and "I" are: the speaker named in the title of a press
    /// conference or statement ("Foreign Ministry Spokesperson Geng Shuang").
    speaker: Vec<ActorRef>,
    /// Inside a journalist's question ("Q:" until "A:"): "we" is not the speaker.
    in_question: bool,
    /// What "the Assembly" and "the Council" stand for in a document that
    /// names the UN General Assembly or the Security Council.
    forums: Vec<(&'static str, &'static str)>,
    /// The acts found so far (see [`Coded::acts`]).
    acts: Vec<Act>,
    /// The subjects of the sentences without an act (see [`Coded::subjects`]).
    subjects: Vec<(usize, Span)>,
}

impl<'a> Coder<'a> {
    pub fn new(lex: &'a Lexicon, tagger: &'a Tagger) -> Coder<'a> {
        Coder {
            lex,
            tagger,
            trace: false,
            act_phrases: true,
        }
    }

    /// Codes a whole document.
    pub fn code(&self, doc: &Doc) -> Coded {
        let text = doc.text.as_str();
        let spans = sentences(text);
        // Pass 1: mentions everywhere, to learn what the document is about.
        let mut per_sentence = Vec::with_capacity(spans.len());
        // (the order of the map is never read: top_pair sorts fully)
        let mut counts: dyad_lexicon::FastMap<SharedStr, (usize, usize)> = Default::default();
        // the countries each sentence names, in order, once each
        let mut named: Vec<Vec<SharedStr>> = Vec::with_capacity(spans.len());
        let mut phrases = PhraseHits::default();
        for (i, &sp) in spans.iter().enumerate() {
            let toks = tokenize(text, sp);
            let ids: Vec<u32> = toks.iter().map(|t| self.lex.token_id(&t.norm)).collect();
            let mut nps =
                mention::find_reading(self.lex, text, &toks, &ids, doc.date, &mut phrases);
            // "KHARTOUM, April 15, 2023 - Heavy fighting broke out ...": the
            // dateline's place is where the story was filed, no actor
            if let Some(end) = dateline_end(text, &toks) {
                nps.retain(|n| n.toks.0 >= end);
            }
            let mut here: Vec<SharedStr> = Vec::new();
            for np in &nps {
                if let Some(c) = np.country.as_ref().filter(|c| c.len() == 3) {
                    if !here.contains(c) {
                        here.push(c.clone());
                    }
                }
            }
            named.push(here);
            for np in &nps {
                if let Some(c) = &np.country {
                    // the code is cloned only the first time it is counted
                    match counts.get_mut(c) {
                        Some(e) => e.0 += 1,
                        None => {
                            counts.insert(c.clone(), (1, i));
                        }
                    }
                }
            }
            per_sentence.push((toks, ids, nps));
        }
        let mut ctx = DocContext {
            pair: top_pair(&counts),
            speaker: self.speaker(doc, &spans),
            forums: {
                let title = doc.title.as_deref().unwrap_or("");
                let mut f = Vec::new();
                if doc.text.contains("General Assembly")
                    || title.contains("General Assembly")
                    || title.contains("General Debate")
                {
                    f.push(("Assembly", "IGOUNOGEN"));
                }
                if doc.text.contains("Security Council") || title.contains("Security Council") {
                    f.push(("Council", "IGOUNOSEC"));
                }
                f
            },
            ..Default::default()
        };
        let mut out = Coded {
            sentences: spans.clone(),
            tokens: Vec::with_capacity(spans.len()),
            ids: Vec::with_capacity(spans.len()),
            phrases,
            dates: Vec::with_capacity(spans.len()),
            // (about one event for every three sentences: grown by doubling
            // from nothing, the records were copied ~2 times over)
            events: Vec::with_capacity(spans.len() / 2),
            ..Default::default()
        };
        let mut exchange_start = 0;
        for (i, (toks, ids, nps)) in per_sentence.into_iter().enumerate() {
            match toks.first().map(|t| t.norm.as_str()) {
                Some("q") if toks.get(1).is_some_and(|t| t.norm == ":") => ctx.in_question = true,
                Some("a") if toks.get(1).is_some_and(|t| t.norm == ":") => ctx.in_question = false,
                _ => {}
            }
            // a journalist's question sets the topic of its answer: the
            // exchange starts at the last "Q:"
            if toks.first().is_some_and(|t| t.norm == "q")
                && toks.get(1).is_some_and(|t| t.norm == ":")
            {
                exchange_start = i;
            }
            // (only a reciprocal phrase reads it)
            ctx.local_pair = if let Some(r) = nps.iter().position(|n| n.reciprocal) {
                let before = pair_candidates(&toks, &nps, r);
                let pair = local_pair(&named, i, exchange_start, &ctx, &before);
                // what the phrase meant is what a later one looking back
                // finds first ("The two sides condemned the United States
                // ... Both countries expressed concern ...")
                if let Some((a, b)) = pair.as_ref().or(ctx.pair.as_ref()) {
                    let here = &mut named[i];
                    here.retain(|c| c != a && c != b);
                    here.insert(0, b.clone());
                    here.insert(0, a.clone());
                }
                pair
            } else {
                None
            };
            let mut trace = self.trace.then(SentenceTrace::default);
            let (mut evs, dates) =
                self.code_sentence(doc, i, spans[i], &toks, &ids, nps, &mut ctx, trace.as_mut());
            // a heading above a body tells nothing the body does not
            // (docs/ANNOTATION.md, guideline 16)
            if !evs.is_empty() && i + 1 < spans.len() && is_heading(text, spans[i], toks.len()) {
                evs.clear();
                if let Some(t) = trace.as_mut() {
                    t.matches.push(
                        "heading line (a whole line with no closing punctuation, above the body): no events"
                            .into(),
                    );
                }
            }
            out.events.extend(evs);
            out.dates.push(dates);
            if let Some(mut t) = trace {
                t.tokens = toks.clone();
                out.traces.push(t);
            }
            out.tokens.push(toks);
            out.ids.push(ids);
        }
        out.acts = std::mem::take(&mut ctx.acts);
        out.subjects = std::mem::take(&mut ctx.subjects);
        out
    }

    /// The actor a document speaks for: the first actor named in its title
    /// when the title is a statement, briefing or press conference.
    fn speaker(&self, doc: &Doc, spans: &[Span]) -> Vec<ActorRef> {
        // a plain text's heading line stands for its title ("Foreign
        // Ministry statement on the expulsion of ..." above the statement)
        let heading = spans
            .first()
            .filter(|sp| {
                spans.len() > 1
                    && is_heading(
                        &doc.text,
                        **sp,
                        doc.text[sp.start..sp.end].split_whitespace().count(),
                    )
            })
            .map(|sp| doc.text[sp.start..sp.end].trim());
        let Some(title) = doc.title.as_deref().or(heading) else {
            return Vec::new();
        };
        let lower = title.to_lowercase();
        let speaking = [
            "spokesperson",
            "spokesman",
            "spokeswoman",
            "press conference",
            "briefing",
            "statement",
            "remarks",
        ]
        .iter()
        .any(|w| lower.contains(w));
        if !speaking {
            return Vec::new();
        }
        let toks = tokenize(title, Span::new(0, title.len()));
        let ids: Vec<u32> = toks.iter().map(|t| self.lex.token_id(&t.norm)).collect();
        let nps = mention::find(self.lex, title, &toks, &ids, doc.date);
        nps.iter()
            .find(|n| n.code.is_some())
            .and_then(|n| n.actor_ref(title))
            .map(|mut a| {
                a.via = format!("the speaker named in the title (\"{title}\"): {}", a.via).into();
                // spans of a title are not spans of the text
                a.span = Span::new(0, 0);
                vec![a]
            })
            .unwrap_or_default()
    }

    #[allow(clippy::too_many_arguments)]
    fn code_sentence(
        &self,
        doc: &Doc,
        idx: usize,
        span: Span,
        toks: &[Token],
        ids: &[u32],
        nps: Vec<Np>,
        ctx: &mut DocContext,
        trace: Option<&mut SentenceTrace>,
    ) -> (Vec<Event>, Option<Vec<TimeExpr>>) {
        let text = doc.text.as_str();
        let mut nps = nps;
        let speaker_country = ctx.speaker.first().and_then(|s| s.country.as_deref());
        mention::ethnic_residents(self.lex, toks, &mut nps);
        mention::supporters_of(toks, &mut nps);
        mention::default_countries(
            self.lex,
            text,
            toks,
            &mut nps,
            ctx.pair.as_ref().map(|p| p.0.as_str()),
            speaker_country,
        );
        mention::forum_bodies(self.lex, text, toks, &mut nps, &ctx.forums);
        mention::first_person_country(self.lex, text, toks, &mut nps, speaker_country);
        mention::that_country(toks, &mut nps, speaker_country);
        mention::named_in_apposition(text, toks, &mut nps);
        mention::distribute_agents(self.lex, toks, &mut nps);
        mention::distribute_agents_back(self.lex, toks, &mut nps);
        let groups = mention::group(self.lex, text, toks, &nps);
        // the period of a title ("Mr. Csaba Korosi": a `title` word of the
        // segmenter's abbreviations) ends no clause: the frames read it as
        // no punctuation
        let norms: Vec<&str> = toks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let title = t.norm == "."
                    && i > 0
                    && toks[i - 1].span.end == t.span.start
                    && text
                        .get(toks[i - 1].span.start..t.span.end)
                        .is_some_and(|w| {
                            dyad_text::segment::abbreviation(w)
                                == Some(dyad_text::segment::AbbrevClass::Title)
                        });
                if title {
                    "\u{b7}"
                } else {
                    t.norm.as_str()
                }
            })
            .collect();
        let matches = frame::find_matches(self.lex, &norms, ids, &nps);
        // (tagged only if a pass asks: most sentences with a match give no
        // event and never do)
        let dates = Dates {
            tagger: self.tagger,
            text,
            span,
            date: doc.date,
            tagged: std::cell::OnceCell::new(),
        };
        // what the phrase rules read of the sentence, built once when an
        // act or an event first needs it
        let mut words: Option<extent::Sentence> = None;
        for m in matches.iter().filter(|m| m.kept) {
            let p = &self.lex.patterns[m.pattern as usize];
            if p.code != dyad_lexicon::BLOCK && !p.speaker {
                let first = m.lits.first().copied().unwrap_or(m.start);
                let last = m.lits.last().copied().unwrap_or(first);
                let found = if self.act_phrases {
                    let words = words.get_or_insert_with(|| {
                        extent::Sentence::new(text, toks, &nps, dates.get())
                    });
                    let struck = p
                        .code
                        .starts_with("11")
                        .then(|| extent::struck_at(self.lex, &norms, &nps, last))
                        .flatten();
                    extent::act_phrases(words, &m.lits, struck)
                } else {
                    extent::ActPhrases::default()
                };
                let modality = if self.act_phrases {
                    let cs = frame::clause_start(&norms, first);
                    modality::modality(self.lex, text, toks, &norms, ids, cs, first, &m.lits).0
                } else {
                    Modality::Asserted
                };
                ctx.acts.push(Act {
                    sentence: idx,
                    pattern: m.pattern,
                    start: toks[first].span.start,
                    trigger: Span::new(toks[first].span.start, toks[last].span.end),
                    subject: found.subject,
                    subject_joined: found.subject_joined,
                    object: found.object,
                    modality,
                });
            }
        }
        if self.act_phrases && ctx.acts.last().is_none_or(|a| a.sentence != idx) {
            let words =
                words.get_or_insert_with(|| extent::Sentence::new(text, toks, &nps, dates.get()));
            if let Some(sp) = extent::subject_of(words) {
                ctx.subjects.push((idx, sp));
            }
        }
        let mut no_event: Vec<(usize, String)> = Vec::new();
        // the frames of the sentence's matches (twice when a second chance
        // is taken, below)
        let mut frames = |ms: &[frame::Match], notes: &mut Vec<(usize, String)>| {
            frame::events(
                self, doc, idx, span, toks, &norms, ids, &nps, &groups, ms, &dates, ctx, notes,
            )
        };
        let mut evs = frames(&matches, &mut no_event);
        // A second chance: a kept match that gave no event leaves its words
        // to the weaker matches it overlapped ("has accepted Erdogan's
        // invitation": when "invitation to visit" names no one,
        // "accept+ * invitation" may); only their events are taken from the
        // second run.
        let mut second: Vec<usize> = Vec::new();
        let gave = |evs: &[Event], m: &frame::Match| {
            let first = m.lits.first().copied().unwrap_or(m.start);
            first < toks.len()
                && evs
                    .iter()
                    .any(|e| e.trigger.start == toks[first].span.start)
        };
        let failed: Vec<usize> = (0..matches.len())
            .filter(|&i| {
                let m = &matches[i];
                let p = &self.lex.patterns[m.pattern as usize];
                // (a denial keeps its words: in "Moscow denied accusations
                // that it had interfered" the accusation is not Moscow's)
                m.kept
                    && p.code != dyad_lexicon::BLOCK
                    && !p.speaker
                    && !p.code.starts_with("016")
                    && !gave(&evs, m)
            })
            .collect();
        if !failed.is_empty() {
            let mut alt = matches.clone();
            for &f in &failed {
                alt[f].kept = false;
                alt[f].asks = true;
            }
            // the words still held by the kept matches that gave events
            let mut used = vec![false; toks.len()];
            for m in alt.iter().filter(|m| m.kept) {
                for &t in &m.lits {
                    used[t] = true;
                }
            }
            // the strongest first, as the first choice was made
            let mut cands: Vec<usize> = (0..alt.len())
                .filter(|&i| {
                    let m = &alt[i];
                    let p = &self.lex.patterns[m.pattern as usize];
                    !m.kept
                        && !failed.contains(&i)
                        && p.code != dyad_lexicon::BLOCK
                        && !p.speaker
                        && failed
                            .iter()
                            .any(|&f| matches[f].lits.iter().any(|t| m.lits.contains(t)))
                        // (not a reading of the first of the failed match's
                        // own words as another kind of act, its head word
                        // cut off: "launch war" of "launch war games"; "resign"
                        // of "agreed to resign" is its head)
                        && !failed.iter().any(|&f| {
                            let fm = &matches[f];
                            let fp = &self.lex.patterns[fm.pattern as usize];
                            fp.code[..2] != p.code[..2]
                                && m.lits.iter().all(|t| fm.lits.contains(t))
                                && m.lits.last().is_some_and(|&l| {
                                    fm.lits.contains(&(l + 1))
                                        && !mention::PREPOSITIONS.contains(&norms[l + 1])
                                })
                        })
                        // (nor an act of force read again by fewer of its
                        // words: "attacks" of "terrorist attacks" that a
                        // criticism named, "condemned terrorist attacks in
                        // Tehran", is the same attack, no one's)
                        && !failed.iter().any(|&f| {
                            let fm = &matches[f];
                            let fp = &self.lex.patterns[fm.pattern as usize];
                            let force = |c: &str| matches!(&c[..2], "18" | "19" | "20");
                            force(&fp.code)
                                && force(&p.code)
                                && m.lits.iter().any(|t| fm.lits.contains(t))
                        })
                })
                .collect();
            cands.sort_by(|&a, &b| {
                let pa = &self.lex.patterns[alt[a].pattern as usize];
                let pb = &self.lex.patterns[alt[b].pattern as usize];
                pb.weight.cmp(&pa.weight).then(a.cmp(&b))
            });
            for i in cands {
                if alt[i].lits.iter().any(|&t| used[t]) {
                    continue;
                }
                for &t in &alt[i].lits {
                    used[t] = true;
                }
                alt[i].kept = true;
                second.push(i);
            }
            if !second.is_empty() {
                let mut unused = Vec::new();
                let more = frames(&alt, &mut unused);
                let starts: Vec<usize> = second
                    .iter()
                    .filter_map(|&i| alt[i].lits.first().map(|&t| toks[t].span.start))
                    .collect();
                second.retain(|&i| gave(&more, &alt[i]));
                evs.extend(
                    more.into_iter()
                        .filter(|e| starts.contains(&e.trigger.start)),
                );
            }
        }
        // remember the subject for pronouns in the next sentences
        if let Some(e) = evs
            .iter()
            .find(|e| !e.source.via.starts_with("pronoun") && !e.by_speaker && !e.from_modifier)
        {
            // "He said China firmly supports Russia. He also criticized ...":
            // the reporter of a reported act is the sentence's subject (and
            // a reporter that is itself a pronoun keeps the one before)
            // ("He said ..." with the pronoun first: the reporter is who "he"
            // was, and stays so)
            let pronoun_reports = matches!(norms.first().copied(), Some("he" | "she" | "they"))
                && (1..ids.len().min(4)).any(|i| {
                    self.lex
                        .special
                        .ids
                        .reporting
                        .iter()
                        .any(|p| !p.is_empty() && ids.get(i..i + p.len()) == Some(&p[..]))
                });
            if pronoun_reports && e.trigger.start > toks[1].span.start {
                // the subject stays the pronoun's referent
            } else if let Some(r) = &e.reported_by {
                if !r.via.starts_with("pronoun") {
                    ctx.last_subject = vec![r.clone()];
                }
            } else {
                let mut subj: Vec<ActorRef> = Vec::new();
                for x in evs.iter().filter(|x| x.trigger == e.trigger) {
                    if !subj.iter().any(|s| s.code == x.source.code) {
                        subj.push(x.source.clone());
                    }
                }
                ctx.last_subject = subj;
            }
        } else if let Some(g) = groups
            .iter()
            .find(|g| !g.object_like && g.members.iter().all(|&m| !nps[m].reciprocal))
        {
            let subj: Vec<ActorRef> = g
                .members
                .iter()
                .filter_map(|&m| nps[m].actor_ref(text))
                .collect();
            if !subj.is_empty() {
                ctx.last_subject = subj;
            }
        }
        evs.sort_by_key(|e| (e.trigger.start, e.source.span.start));
        // one event per (source, target, code, modality) in a sentence: "State
        // Councilor and Foreign Minister Wang Yi met with ..." is one meeting
        // A country and its government are one actor here ("China" and "the
        // Chinese Premier" in one sentence): keep the more specific code.
        fn actor_key(a: &ActorRef) -> (&str, &str) {
            let role = a.code.get(3..).unwrap_or("");
            let role = if role.is_empty() { "GOV" } else { role };
            (a.country.as_deref().unwrap_or(&a.code), role)
        }
        evs.sort_by_key(|e| {
            let spec = e.source.code.len() + e.target.as_ref().map(|t| t.code.len()).unwrap_or(0);
            (e.trigger.start, std::cmp::Reverse(spec))
        });
        // the first of each key is kept (a sentence has a few events: a
        // list is enough, and the keys borrow from the events)
        let keep: Vec<bool> = {
            let mut seen = Vec::with_capacity(evs.len());
            evs.iter()
                .map(|e| {
                    let key = (
                        actor_key(&e.source),
                        e.target.as_ref().map(actor_key),
                        e.cameo.as_str(),
                        e.modality,
                    );
                    let new = !seen.contains(&key);
                    if new {
                        seen.push(key);
                    }
                    new
                })
                .collect()
        };
        if self.trace {
            for (e, _) in evs.iter().zip(&keep).filter(|(_, k)| !**k) {
                no_event.push((
                    frame::DROPPED,
                    frame::describe_dropped(
                        text,
                        e,
                        "the same record as another event of the sentence (one per source, target, code and modality; a country and its government are one actor, the more specific code kept)",
                    ),
                ));
            }
        }
        let mut keep = keep.into_iter();
        evs.retain(|_| keep.next().unwrap_or(true));
        evs.sort_by_key(|e| (e.trigger.start, e.source.span.start));
        if !evs.is_empty() {
            let words =
                words.get_or_insert_with(|| extent::Sentence::new(text, toks, &nps, dates.get()));
            for e in evs.iter_mut() {
                e.phrases = extent::event_phrases(self.lex, words, e, self.act_phrases);
            }
        }
        if let Some(t) = trace {
            t.mentions = nps.iter().map(|n| n.describe(text)).collect();
            t.groups = groups.iter().map(|g| g.describe(text, &nps)).collect();
            t.matches = matches
                .iter()
                .enumerate()
                .map(|(mi, m)| {
                    let p = &self.lex.patterns[m.pattern as usize];
                    let words: Vec<&str> = m.lits.iter().map(|&i| norms[i]).collect();
                    let first = m.lits.first().copied().unwrap_or(m.start);
                    let outcome = if second.contains(&mi) {
                        " — used: the stronger match it overlapped gave no event".to_string()
                    } else if !m.kept {
                        " — dropped: overlaps a stronger match".to_string()
                    } else if let Some((_, why)) = no_event.iter().find(|(i, _)| *i == mi) {
                        format!(" — no event: {why}")
                    } else if first < toks.len()
                        && !evs
                            .iter()
                            .any(|e| e.trigger.start == toks[first].span.start)
                    {
                        " — no event: its events were dropped after coding (see \"events \
                         dropped after coding\")"
                            .to_string()
                    } else {
                        String::new()
                    };
                    format!(
                        "{} \"{}\" ({}) matched \"{}\"{}",
                        p.code,
                        p.text,
                        p.origin,
                        words.join(" "),
                        outcome
                    )
                })
                .collect();
            t.dates = dates
                .get()
                .iter()
                .map(|d| {
                    format!(
                        "\"{}\" -> {} ({}, rule {})",
                        &text[d.span],
                        d.value.iso(),
                        d.relation.as_str(),
                        d.rule
                    )
                })
                .collect();
            t.dropped = no_event
                .iter()
                .filter(|(i, _)| *i == frame::DROPPED)
                .map(|(_, line)| line.clone())
                .collect();
        }
        (evs, dates.tagged.into_inner())
    }
}

/// The pair "the two sides", "both countries" and "each other" stand for in
/// sentence `i`: of the countries the sentence names before the phrase, or
/// after it in a hyphened pair or after "between" (`before`), the
/// document's pair when it is among them, else the first two ("Kishida
/// held a telephone talk with Biden, and the two leaders agreed to respond
/// to North Korea's provocations" in a text about Japan and North Korea);
/// else the countries of up to three
/// sentences before it, nearest first, not reaching back past the question
/// that opened the exchange, then the sentence's own; with a named
/// speaker, the speaker and the one other country in view ("Wang Yi met the Greek foreign minister ... the
/// two sides signed"). None: the document's pair stands.
fn local_pair(
    named: &[Vec<SharedStr>],
    i: usize,
    exchange_start: usize,
    ctx: &DocContext,
    before: &[SharedStr],
) -> Option<(SharedStr, SharedStr)> {
    if let Some((a, b)) = &ctx.pair {
        if before.contains(a) && before.contains(b) {
            return ctx.pair.clone();
        }
    }
    // the two named before the phrase ("China and Greece ... the two
    // sides"); a phrase that opens the sentence ("The two sides condemned
    // the United States' attempts to ... in the Asia-Pacific") looks back
    // first, then at what the sentence names after it
    if before.len() >= 2 {
        return Some((before[0].clone(), before[1].clone()));
    }
    // the sentences before it, nearest first, then the sentence's own
    // country ("Cyclone Kenneth hit Mozambique and the Comoros ... Will
    // China consider assistance to the two countries?")
    let mut seen: Vec<&SharedStr> = Vec::new();
    let from = i.saturating_sub(3).max(exchange_start);
    for k in (from..i).rev().chain(std::iter::once(i)) {
        for c in &named[k] {
            if !seen.contains(&c) {
                seen.push(c);
            }
        }
        if seen.len() >= 2 {
            return Some((seen[0].clone(), seen[1].clone()));
        }
    }
    let speaker = ctx.speaker.first().and_then(|s| s.country.clone())?;
    match seen.as_slice() {
        [c] if **c != speaker => Some((speaker, (*c).clone())),
        _ => None,
    }
}

/// The two most mentioned countries of a document (ties: first mentioned).
fn top_pair(
    counts: &dyad_lexicon::FastMap<SharedStr, (usize, usize)>,
) -> Option<(SharedStr, SharedStr)> {
    let mut v: Vec<(&SharedStr, &(usize, usize))> =
        counts.iter().filter(|(c, _)| c.len() == 3).collect();
    v.sort_by(|a, b| {
        b.1 .0
            .cmp(&a.1 .0)
            .then(a.1 .1.cmp(&b.1 .1))
            .then(a.0.cmp(b.0))
    });
    match v.as_slice() {
        [a, b, ..] => Some((a.0.clone(), b.0.clone())),
        _ => None,
    }
}

/// The countries a reciprocal phrase (the noun phrase `r`) may mean from
/// its own sentence, in order: those named before it, or after it as a
/// hyphened pair ("the two sides agreed to deepen China-Pakistan
/// cooperation") or after "between" ("waive sanctions on projects between
/// the ROK and the DPRK"); never the subject of an appeal made to it
/// ("Egypt and Saudi Arabia called on both sides to exercise restraint").
fn pair_candidates(toks: &[Token], nps: &[mention::Np], r: usize) -> Vec<SharedStr> {
    let hyphened = |k: usize| {
        let n = &nps[k];
        (n.toks.0 > 0 && toks[n.toks.0 - 1].norm == "-")
            || toks.get(n.toks.1).is_some_and(|t| t.norm == "-")
    };
    let after_between = |k: usize| {
        let j = skip_back(toks, nps[k].toks.0, &["the", "a", "an"]);
        j > 0
            && (toks[j - 1].norm == "between"
                || (toks[j - 1].norm == "and" && k > 0 && {
                    let i2 = skip_back(toks, nps[k - 1].toks.0, &["the", "a", "an"]);
                    i2 > 0 && toks[i2 - 1].norm == "between"
                }))
    };
    // "welcomes the improving Pakistan-US ties and supports the two
    // countries in": the nearest hyphened pair before the phrase is the
    // pair it means, whatever else is named
    let country = |k: usize| nps[k].country.as_ref().filter(|c| c.len() == 3);
    if let Some(k) = (0..r.saturating_sub(1)).rev().find(|&k| {
        toks.get(nps[k].toks.1).is_some_and(|t| t.norm == "-")
            && nps[k + 1].toks.0 == nps[k].toks.1 + 1
            && country(k).is_some()
            && country(k + 1).is_some()
            && country(k) != country(k + 1)
    }) {
        if let (Some(a), Some(b)) = (country(k), country(k + 1)) {
            return vec![a.clone(), b.clone()];
        }
    }
    let appealers = appealers(toks, nps, r);
    let mut before: Vec<SharedStr> = Vec::new();
    for (k, np) in nps.iter().enumerate() {
        if appealers.contains(&k) || (k > r && !hyphened(k) && !after_between(k)) {
            continue;
        }
        if let Some(c) = np.country.as_ref().filter(|c| c.len() == 3) {
            if !before.contains(c) {
                before.push(c.clone());
            }
        }
    }
    before
}

/// The noun phrases of the subject that appeals to the phrase `r` ("X and Y
/// called on both sides"): the actors just before the appeal's verb (and
/// its adverbs), joined by "and" or commas. Empty when `r` is no appeal's
/// object, or is "each other" / "one another" (which mean the subjects).
fn appealers(toks: &[Token], nps: &[mention::Np], r: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let j = skip_back(toks, nps[r].toks.0, &["the", "all"]);
    let phrase = &toks[nps[r].toks.0..nps[r].toks.1];
    let appeal = j > 0
        && matches!(
            toks[j - 1].norm.as_str(),
            "on" | "upon" | "urged" | "urge" | "urges" | "asked" | "ask" | "asks"
        )
        && !phrase
            .iter()
            .any(|t| matches!(t.norm.as_str(), "other" | "another"));
    if !appeal {
        return out;
    }
    let mut v = j - 1;
    if matches!(toks[v].norm.as_str(), "on" | "upon") && v > 0 {
        v -= 1;
    }
    while v > 0 && toks[v - 1].norm.ends_with("ly") {
        v -= 1;
    }
    let mut end = v;
    while let Some(k) = nps[..r].iter().rposition(|n| n.toks.1 == end) {
        out.push(k);
        let s0 = nps[k].toks.0;
        end = if s0 >= 2 && toks[s0 - 1].norm == "and" && toks[s0 - 2].norm == "," {
            s0 - 2
        } else if s0 >= 1 && matches!(toks[s0 - 1].norm.as_str(), "and" | ",") {
            s0 - 1
        } else {
            break;
        };
    }
    out
}

/// From token `j`, back over any of `words` ("the", "a"): the first token
/// index not preceded by one of them.
fn skip_back(toks: &[Token], mut j: usize, words: &[&str]) -> usize {
    while j > 0 && words.contains(&toks[j - 1].norm.as_str()) {
        j -= 1;
    }
    j
}

/// A heading: a whole line of at most 25 words that does not end as a
/// sentence does ("EU adopts 11th sanctions package against Russia",
/// "Readout of the Meeting between President Biden and President Xi").
fn is_heading(text: &str, span: Span, words: usize) -> bool {
    let line_start = text[..span.start]
        .trim_end_matches([' ', '\t'])
        .ends_with('\n')
        || text[..span.start].trim().is_empty();
    let line_end = text[span.end..]
        .trim_start_matches([' ', '\t'])
        .starts_with(['\n', '\r']);
    let s = text[span.start..span.end].trim_end();
    let closed = s.ends_with([
        '.', '!', '?', ':', ';', '"', '\u{201d}', '\u{2019}', ')', ',',
    ]);
    // a line broken inside a sentence ("... against Palestinians and") is
    // no heading
    let last = s.rsplit(' ').next().unwrap_or("").to_lowercase();
    let hanging = matches!(
        last.as_str(),
        "and"
            | "or"
            | "but"
            | "of"
            | "the"
            | "a"
            | "an"
            | "to"
            | "in"
            | "on"
            | "with"
            | "for"
            | "by"
            | "at"
            | "from"
            | "that"
            | "which"
            | "who"
            | "as"
            | "its"
            | "their"
            | "is"
            | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "be"
    );
    let capital = s
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    line_start && line_end && !closed && !hanging && capital && words <= 25
}

/// The end (token index) of a wire dateline opening a sentence: a place in
/// capitals ("KHARTOUM", "NEW YORK"), then a comma or a bracket, and a dash
/// within the next twelve tokens ("BAKU, Sept 19 (Reuters) -").
fn dateline_end(text: &str, toks: &[Token]) -> Option<usize> {
    let caps = |t: &Token| {
        let w = &text[t.span];
        w.len() >= 2
            && w.chars().any(|c| c.is_alphabetic())
            && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '-')
    };
    let mut k = 0;
    while k < toks.len() && k < 4 && caps(&toks[k]) {
        k += 1;
    }
    if k == 0 || !matches!(toks.get(k).map(|t| t.norm.as_str()), Some("," | "(")) {
        return None;
    }
    (k..toks.len().min(k + 12))
        .find(|&i| matches!(toks[i].norm.as_str(), "-" | "\u{2013}" | "\u{2014}" | "--"))
        .map(|i| i + 1)
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    fn first_sentence(text: &str) -> (Span, usize) {
        let span = dyad_text::segment::sentences(text)[0];
        (span, tokenize(text, span).len())
    }

    #[test]
    fn a_heading_is_a_whole_unpunctuated_line() {
        let text = "EU adopts sanctions package\n\nThe EU adopted it on Friday.";
        let (span, n) = first_sentence(text);
        assert!(is_heading(text, span, n));
        // a sentence with its full stop, or a line broken inside a sentence
        for text in [
            "EU adopts sanctions package.\n\nThe EU adopted it on Friday.",
            "The leaders who committed crimes against civilians and\nSyrians alike were named.",
            "the package was adopted\n\nThe EU adopted it on Friday.",
        ] {
            let (span, n) = first_sentence(text);
            assert!(!is_heading(text, span, n), "{text:?}");
        }
    }

    #[test]
    fn a_dateline_ends_at_its_dash() {
        let text = "ANKARA, Oct 9 (Reuters) - Heavy shelling hit the town.";
        let toks = tokenize(text, Span::new(0, text.len()));
        let end = dateline_end(text, &toks).expect("a dateline");
        assert_eq!(toks[end].norm.as_str(), "heavy");
        for text in [
            "Ankara, Oct 9 - shelling hit the town.",
            "NATO, the EU and the UN met on Friday.",
        ] {
            let toks = tokenize(text, Span::new(0, text.len()));
            assert_eq!(dateline_end(text, &toks), None, "{text:?}");
        }
    }
}
