//! Commitments: what an actor bound itself to, by when, and whether it was
//! kept.
//!
//! Detection ([`detect`]) reads a sentence for a binding expression ("will",
//! "is ready to", "pledged to", "set the goal of"; `data/lexicon/commitment/`)
//! and keeps it only when a reader would: the subject can act, no condition
//! hangs over it, and the verb is an act rather than a forecast ("The year
//! 2022 will mark the 25th anniversary"). Everything that depends on the
//! rest of the system is then taken from it rather than redone: the actors
//! and the CAMEO code come from the events the coder found in the same
//! sentence (a promised act is coded as a root-03 intent), the due date from
//! the temporal tagger, the target figure from the figure scanner of
//! `dyad-extract`.
//!
//! Outcome ([`resolve`]) is a pure function of the commitments, the events
//! and the figures of later documents and an as-of date, so that the same
//! rules run over one batch of files (`dyad commitments`) or over the store.
//! Each outcome names the rule that decided it and the evidence it rests on.

pub mod cues;
pub mod detect;
pub mod eval;
pub mod pledge;
pub mod record;
pub mod resolve;

pub use cues::{CueError, Cues};
pub use detect::{Due, Finding, Rejection, Target};
pub use pledge::PledgeModel;
pub use record::{commitment_record, commitment_view, CommitmentView};
pub use resolve::{claims_from_extract, resolve, Claim, EventFact, Evidence, Outcome, Status};

use chrono::NaiveDate;
use dyad_code::Coded;
use dyad_extract::QtyLexicon;
use dyad_lexicon::{Lexicon, PhraseMatch, PhraseTarget};
use dyad_text::{sentences, tokenize, Doc, Span, Token};
use dyad_time::Tagger;
use std::borrow::Cow;
use std::collections::HashMap;

/// An actor of a commitment.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Full actor code (`RUSGOV`), when known.
    pub code: Option<String>,
    pub country: Option<String>,
    pub text: String,
    /// Original-byte span of the mention, when it is in the sentence.
    pub span: Option<Span>,
}

/// A detected commitment. Spans are byte offsets into the original document.
#[derive(Debug, Clone)]
pub struct Commitment {
    pub doc: String,
    /// The date it was made: the document date.
    pub made: Option<NaiveDate>,
    pub sentence: usize,
    pub text: String,
    pub span: Span,
    pub actors: Vec<Actor>,
    /// Whom the act is directed at (the event's target), if anyone.
    pub counterparts: Vec<Actor>,
    pub cue: String,
    pub cue_span: Span,
    pub cue_kind: String,
    /// `file:line` of the binding expression.
    pub rule: String,
    pub action: String,
    pub action_span: Span,
    pub verb: Option<String>,
    /// CAMEO code of the promised act as the coder coded it (an 03 intent,
    /// or the act itself with future modality).
    pub cameo: Option<String>,
    /// CAMEO codes (or roots) whose occurrence fulfils the act ("036" -> "04").
    pub acts: Vec<String>,
    pub target: Option<TargetFigure>,
    pub due: Option<Due>,
    pub specific: bool,
    pub scope_rule: String,
    pub why: Vec<String>,
}

/// A figure to reach, with its text.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetFigure {
    pub measure: Option<String>,
    pub value: f64,
    pub unit: String,
    pub floor: bool,
    pub text: String,
    pub span: Span,
}

/// The kind of text read, which decides who says what is a pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Genre {
    /// Statements, press conferences, readouts, news: the rules decide.
    #[default]
    Diplomatic,
    /// Election manifestos: the pledge model (`commitment/pledge.model`)
    /// decides which sentences are pledges (specific commitments); what the
    /// rules find and the model does not take is kept as a broad
    /// commitment.
    Manifesto,
}

impl Genre {
    pub fn as_str(self) -> &'static str {
        match self {
            Genre::Diplomatic => "diplomatic",
            Genre::Manifesto => "manifesto",
        }
    }

    /// Parses `diplomatic` or `manifesto`.
    pub fn parse(s: &str) -> Result<Genre, String> {
        match s {
            "diplomatic" => Ok(Genre::Diplomatic),
            "manifesto" => Ok(Genre::Manifesto),
            _ => Err(format!(
                "unknown genre \"{s}\" (expected diplomatic or manifesto)"
            )),
        }
    }
}

/// The detector: main lexicon, temporal tagger, cue and quantity lexicons,
/// and the genre of the text.
pub struct Detector<'a> {
    pub lex: &'a Lexicon,
    pub tagger: &'a Tagger,
    pub cues: &'a Cues,
    pub qty: &'a QtyLexicon,
    pub genre: Genre,
}

/// An actor-like mention in a sentence: token range, code and country.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub from: usize,
    pub to: usize,
    pub code: Option<String>,
    pub country: Option<String>,
}

impl<'a> Detector<'a> {
    /// A detector over the built-in cue and quantity lexicons.
    pub fn new(lex: &'a Lexicon, tagger: &'a Tagger) -> Detector<'a> {
        Detector {
            lex,
            tagger,
            cues: Cues::builtin(),
            qty: QtyLexicon::builtin(),
            genre: Genre::Diplomatic,
        }
    }

    /// A copy of this detector for another genre of text.
    pub fn clone_with_genre(&self, genre: Genre) -> Detector<'a> {
        Detector {
            lex: self.lex,
            tagger: self.tagger,
            cues: self.cues,
            qty: self.qty,
            genre,
        }
    }

    /// The same detector for another genre of text.
    pub fn with_genre(mut self, genre: Genre) -> Detector<'a> {
        self.genre = genre;
        self
    }

    /// The same detector with other cue lists (from `--lexicon DIR`).
    pub fn with_cues(mut self, cues: &'a Cues) -> Detector<'a> {
        self.cues = cues;
        self
    }

    /// Actor, person, agent and reciprocal mentions of a sentence.
    /// `ids` are the tokens' vocabulary ids (`Lexicon::token_id`).
    pub(crate) fn mentions(
        &self,
        text: &str,
        toks: &[Token],
        ids: &[u32],
        date: Option<NaiveDate>,
    ) -> Vec<Mention> {
        let raws: Vec<&str> = toks
            .iter()
            .map(|t| text.get(t.span.start..t.span.end).unwrap_or(""))
            .collect();
        self.mentions_in(&self.lex.phrases.read(ids, &raws), date)
    }

    /// [`Detector::mentions`] from the sentence's dictionary phrases as
    /// read from left to right ([`dyad_lexicon::PhraseIndex::read`], or the coder's
    /// reading of the same tokens in `Coded::phrases`).
    fn mentions_in(&self, hits: &[(usize, PhraseMatch)], date: Option<NaiveDate>) -> Vec<Mention> {
        let mut out = Vec::new();
        for (i, m) in hits {
            let i = *i;
            let entry = m
                .entries
                .first()
                .and_then(|&e| self.lex.phrases.entries.get(e as usize));
            let (code, country, keep) = match entry.map(|e| e.value) {
                Some(PhraseTarget::Actor(id)) => match self.lex.actors.get(id as usize) {
                    Some(a) => (Some(a.code.clone()), a.country.clone(), true),
                    None => (None, None, false),
                },
                Some(PhraseTarget::Person(id)) => {
                    let role = self.lex.people.get(id as usize).and_then(|p| {
                        p.role_on(date)
                            .or_else(|| date.and_then(|d| p.nearest_role(d)))
                    });
                    match role {
                        Some(r) => (
                            Some(r.code.clone()),
                            self.lex.country_of(&r.code).map(String::from),
                            true,
                        ),
                        None => (None, None, true),
                    }
                }
                Some(PhraseTarget::Agent(_)) | Some(PhraseTarget::Reciprocal) => (None, None, true),
                _ => (None, None, false),
            };
            if keep {
                out.push(Mention {
                    from: i,
                    to: i + m.len,
                    code,
                    country,
                });
            }
        }
        out
    }

    fn ids(&self, toks: &[Token]) -> Vec<u32> {
        toks.iter().map(|t| self.lex.token_id(&t.norm)).collect()
    }

    /// Analyses one sentence of `text` without a document (the pledge
    /// evaluation and `explain`-style use).
    pub fn sentence(
        &self,
        text: &str,
        span: Span,
        date: Option<NaiveDate>,
    ) -> Result<Finding, Rejection> {
        self.read_sentence(text, span, date, true).1
    }

    /// The rules' reading of one sentence, whatever the genre, with its
    /// tokens: what the pledge model's features are made from.
    pub fn rules_reading(
        &self,
        text: &str,
        span: Span,
        date: Option<NaiveDate>,
    ) -> (Vec<Token>, Result<Finding, Rejection>) {
        self.read_sentence(text, span, date, false)
    }

    fn read_sentence(
        &self,
        text: &str,
        span: Span,
        date: Option<NaiveDate>,
        model: bool,
    ) -> (Vec<Token>, Result<Finding, Rejection>) {
        let toks = tokenize(text, span);
        let ids = self.ids(&toks);
        let ms = self.mentions(text, &toks, &ids, date);
        let has_actor = |a: usize, b: usize| ms.iter().any(|m| m.from < b && m.to > a);
        let tagged = std::cell::OnceCell::new();
        let dates = || {
            tagged
                .get_or_init(|| self.tagger.tag(text, span, date))
                .as_slice()
        };
        let cx = detect::Ctx {
            cues: self.cues,
            qty: self.qty,
            has_actor: &has_actor,
            dates: &dates,
            doc_date: date,
            // (`sentence` returns the rejection, and `rules_reading` is
            // what the pledge model reads)
            reasons: true,
        };
        let r = detect::analyse(&cx, text, span, &toks);
        let r = if model {
            self.pledge_layer(&cx, text, span, &toks, r)
        } else {
            r
        };
        (toks, r)
    }

    /// In manifestos, the pledge model decides what is a pledge: a
    /// sentence it takes is a specific commitment (found by the rules or
    /// not); a commitment the rules found and it does not take stays, as a
    /// broad one. Other genres keep the rules' reading.
    fn pledge_layer(
        &self,
        cx: &detect::Ctx,
        text: &str,
        span: Span,
        toks: &[Token],
        r: Result<Finding, Rejection>,
    ) -> Result<Finding, Rejection> {
        if self.genre != Genre::Manifesto || toks.is_empty() {
            return r;
        }
        let Some(m) = self.cues.pledge_model() else {
            return r;
        };
        let d = m.decide(text, toks, &r);
        match r {
            Ok(mut f) => {
                let note = d.describe(m);
                f.why.push(format!(
                    "the rules read it as {}: {}",
                    if f.specific { "specific" } else { "broad" },
                    f.scope_rule
                ));
                f.specific = d.pledge;
                f.scope_rule = if d.pledge {
                    note.clone()
                } else {
                    format!("not a checkable pledge: {note}")
                };
                f.why.push(note);
                Ok(f)
            }
            Err(e) if d.pledge => Ok(detect::model_finding(
                cx,
                text,
                span,
                toks,
                &e,
                d.describe(m),
                &m.origin,
            )),
            Err(e) => Err(e),
        }
    }

    /// The commitments of a coded document.
    pub fn detect(&self, doc: &Doc, coded: &Coded) -> Vec<Commitment> {
        let text = doc.text.as_str();
        let spans: Vec<Span> = if coded.sentences.is_empty() {
            sentences(text)
        } else {
            coded.sentences.clone()
        };
        // the coder's tokens when it coded these sentences, else our own
        let shared = coded.sentences == spans
            && coded.tokens.len() == spans.len()
            && coded.ids.len() == spans.len();
        let sentence = |i: usize| -> (Cow<[Token]>, Cow<[u32]>) {
            if shared && coded.tokens[i].len() == coded.ids[i].len() {
                (
                    Cow::Borrowed(coded.tokens[i].as_slice()),
                    Cow::Borrowed(coded.ids[i].as_slice()),
                )
            } else {
                let toks = tokenize(text, spans[i]);
                let ids = self.ids(&toks);
                (Cow::Owned(toks), Cow::Owned(ids))
            }
        };
        // a sentence's mentions: from the coder's reading of its phrases
        // when it read these tokens
        let phrases_fit = shared && coded.phrases.sentences() == spans.len();
        let mentions_of = |i: usize, toks: &[Token], ids: &[u32]| -> Vec<Mention> {
            match coded.phrases.sentence(i) {
                Some(hits) if phrases_fit && coded.tokens[i].len() == coded.ids[i].len() => {
                    self.mentions_in(hits, doc.date)
                }
                _ => self.mentions(text, toks, ids, doc.date),
            }
        };
        // the document's pair (for bilateral targets), from the mentions of
        // all its sentences: found only if a commitment asks for it
        let pair = std::cell::OnceCell::new();
        let pair_of = || {
            pair.get_or_init(|| {
                let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
                for i in 0..spans.len() {
                    let (toks, ids) = sentence(i);
                    for m in mentions_of(i, &toks, &ids) {
                        if let Some(c) = m.country.filter(|c| c.len() == 3) {
                            counts.entry(c).or_insert((0, i)).0 += 1;
                        }
                    }
                }
                top_pair(&counts)
            })
            .as_ref()
        };
        let mut out = Vec::new();
        for (idx, &sp) in spans.iter().enumerate() {
            let Some(s) = text.get(sp.start..sp.end) else {
                continue;
            };
            // in a manifesto the pledge model reads every sentence, also
            // those the rules would skip
            let all = self.genre == Genre::Manifesto;
            if !all && !quick_cue(s) {
                continue;
            }
            let (toks, ids) = sentence(idx);
            // most sentences bind no one: skip them before any analysis
            let bind_from = if all {
                0
            } else {
                match detect::may_bind_from(self.cues, &toks) {
                    Some(k) => k,
                    None => continue,
                }
            };
            // the sentence's mentions, found only when the analysis asks
            // whether a subject names an actor, or a commitment is built
            // (most sentences with a cue are turned away before either)
            let ms = std::cell::OnceCell::new();
            let mentions = || ms.get_or_init(|| mentions_of(idx, &toks, &ids)).as_slice();
            let has_actor = |a: usize, b: usize| mentions().iter().any(|m| m.from < b && m.to > a);
            let tagged = std::cell::OnceCell::new();
            // the coder's, when it tagged this sentence of this text
            let coder_dates = match coded.dates.get(idx) {
                Some(Some(d)) if shared && coded.dates.len() == spans.len() => Some(d.as_slice()),
                _ => None,
            };
            let dates = || {
                coder_dates.unwrap_or_else(|| {
                    tagged
                        .get_or_init(|| self.tagger.tag(text, sp, doc.date))
                        .as_slice()
                })
            };
            let cx = detect::Ctx {
                cues: self.cues,
                qty: self.qty,
                has_actor: &has_actor,
                dates: &dates,
                doc_date: doc.date,
                // only the pledge model of manifestos reads a rejection
                reasons: self.genre == Genre::Manifesto,
            };
            let r = detect::analyse_from(&cx, text, sp, &toks, bind_from);
            let Ok(f) = self.pledge_layer(&cx, text, sp, &toks, r) else {
                continue;
            };
            out.push(self.build(doc, coded, idx, sp, &toks, mentions(), &f, &pair_of));
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn build<'p>(
        &self,
        doc: &Doc,
        coded: &Coded,
        idx: usize,
        sp: Span,
        toks: &[Token],
        ms: &[Mention],
        f: &Finding,
        pair: &dyn Fn() -> Option<&'p (String, String)>,
    ) -> Commitment {
        let text = doc.text.as_str();
        let slice = |s: Span| text.get(s.start..s.end).unwrap_or("").to_string();
        let mut why = f.why.clone();
        // the coder's events of this sentence that lie in the act
        let evs: Vec<&dyad_code::Event> = coded
            .events
            .iter()
            .filter(|e| e.sentence == idx && e.trigger.start >= f.cue.start)
            .collect();
        let mut actors: Vec<Actor> = Vec::new();
        let mut counterparts: Vec<Actor> = Vec::new();
        let lead = evs.first().map(|e| e.trigger);
        for e in evs.iter().filter(|e| Some(e.trigger) == lead) {
            let a = Actor {
                code: Some(e.source.code.as_str().to_owned()),
                country: e.source.country.as_deref().map(str::to_owned),
                text: slice(e.source.span),
                span: (!e.source.span.is_empty()).then(|| doc.to_original(e.source.span)),
            };
            if !actors.iter().any(|x| x.code == a.code) {
                actors.push(a);
            }
            if let Some(t) = &e.target {
                let b = Actor {
                    code: Some(t.code.as_str().to_owned()),
                    country: t.country.as_deref().map(str::to_owned),
                    text: slice(t.span),
                    span: (!t.span.is_empty()).then(|| doc.to_original(t.span)),
                };
                if !counterparts.iter().any(|x| x.code == b.code)
                    && !actors.iter().any(|x| x.code == b.code)
                {
                    counterparts.push(b);
                }
            }
        }
        // symmetric acts list both sides as actors; keep them as actors only
        counterparts.retain(|c| !actors.iter().any(|a| a.country == c.country));
        let cameo = evs
            .iter()
            .find(|e| Some(e.trigger) == lead)
            .map(|e| e.cameo.clone());
        if let Some(e) = evs.first() {
            // (written piece by piece: one for most commitments)
            let mut w = String::from("actors and code from the coder's event \"");
            w.push_str(text.get(e.trigger.start..e.trigger.end).unwrap_or(""));
            w.push_str("\" (");
            w.push_str(&e.cameo);
            w.push(' ');
            w.push_str(&e.source.code);
            w.push_str(" -> ");
            w.push_str(e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"));
            w.push(')');
            why.push(w);
        }
        {
            // actors named in the subject (beside the event's, or instead)
            let before = actors.len();
            for m in ms
                .iter()
                .filter(|m| m.from < f.subject.1 && m.to > f.subject.0 && m.code.is_some())
            {
                let s = Span::new(toks[m.from].span.start, toks[m.to - 1].span.end);
                if !actors
                    .iter()
                    .any(|x| x.code == m.code || (x.country.is_some() && x.country == m.country))
                {
                    actors.push(Actor {
                        code: m.code.clone(),
                        country: m.country.clone(),
                        text: slice(s),
                        span: Some(doc.to_original(s)),
                    });
                }
            }
            if actors.len() > before {
                why.push("actors named in the subject".into());
            }
        }
        let acts = cameo
            .as_deref()
            .map(|c| acts_for(self.lex, c))
            .unwrap_or_default();
        let target = f.target.as_ref().map(|t| TargetFigure {
            measure: t.measure.clone(),
            value: t.value,
            unit: t.unit.clone(),
            floor: t.floor,
            text: slice(t.span),
            span: doc.to_original(t.span),
        });
        // a bilateral measure (trade) is between the document's two countries
        if let Some(t) = &target {
            let bilateral = matches!(t.measure.as_deref(), Some("trade") | Some("investment"));
            let countries: Vec<&str> = actors.iter().filter_map(|a| a.country.as_deref()).collect();
            let pair = if bilateral && countries.len() < 2 {
                pair()
            } else {
                None
            };
            if let Some((a, b)) = pair {
                actors.clear();
                for c in [a, b] {
                    actors.push(Actor {
                        code: Some(c.clone()),
                        country: Some(c.clone()),
                        text: String::new(),
                        span: None,
                    });
                }
                why.push(format!(
                    "the {} target is bilateral: actors are the document's pair {a}, {b}",
                    t.measure.as_deref().unwrap_or("")
                ));
            }
        }
        let mut due = f.due.clone();
        if let Some(d) = &mut due {
            d.span = doc.to_original(d.span);
            why.push(format!(
                "due {} ({}, \"{}\")",
                d.iso,
                d.relation,
                doc.original_str(d.span)
            ));
        }
        Commitment {
            doc: doc.id.clone(),
            made: doc.date,
            sentence: idx,
            text: slice(sp),
            span: doc.to_original(sp),
            actors,
            counterparts,
            cue: slice(f.cue),
            cue_span: doc.to_original(f.cue),
            cue_kind: f.cue_kind.clone(),
            rule: f.rule.clone(),
            action: slice(f.action),
            action_span: doc.to_original(f.action),
            verb: f.verb.clone(),
            cameo,
            acts,
            target,
            due,
            specific: f.specific,
            scope_rule: f.scope_rule.clone(),
            why,
        }
    }
}

/// Codes whose occurrence fulfils a promised act: for an intent code
/// (root 03), the acts the lexicon maps to it (`036` <- `04`); otherwise
/// the code itself.
pub fn acts_for(lex: &Lexicon, cameo: &str) -> Vec<String> {
    if cameo.starts_with("03") {
        let mut v: Vec<String> = lex
            .intent
            .iter()
            .filter(|(_, i)| i.as_str() == cameo)
            .map(|(a, _)| a.clone())
            .collect();
        v.sort();
        v
    } else {
        vec![cameo.to_string()]
    }
}

/// Parses `YYYY-MM-DD`.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Cheap pre-test: could this sentence hold a commitment at all?
fn quick_cue(s: &str) -> bool {
    s.len() > 8
}

/// The two most mentioned countries of a document (ties: first mentioned).
fn top_pair(counts: &HashMap<String, (usize, usize)>) -> Option<(String, String)> {
    let mut v: Vec<(&String, &(usize, usize))> = counts.iter().collect();
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

#[cfg(test)]
mod tests;
