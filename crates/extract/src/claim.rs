//! The meaning of each figure (measure, actors, period, target or
//! observation) and the checks that compare figures with each other and
//! with reference tables.
use crate::lexicon::QtyLexicon;
use crate::reference::{actors_key, Reference};
use crate::scan::{figures_and_tokens, first_words, lex_words, Figure, Tok, TokKind};
use chrono::NaiveDate;
use dyad_lexicon::{Lexicon, PhraseHits, PhraseMatch, PhraseTarget};
use dyad_text::{sentences, tokenize, Doc, Norm, Span, Token};
use dyad_time::{Relation, Tagger, TimeExpr, TimeValue};
use std::borrow::Cow;
use std::collections::HashMap;

/// Whether a figure states what is, or what is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Observation,
    Target,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Observation => "observation",
            Status::Target => "target",
        }
    }
}

/// The outcome of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Consistent,
    Inconsistent,
    /// The arithmetic was done but there was nothing to compare it with.
    Unchecked,
    /// A target whose period the reference covers: reached or not.
    Met,
    Missed,
}

impl Verdict {
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Consistent => "consistent",
            Verdict::Inconsistent => "inconsistent",
            Verdict::Unchecked => "unchecked",
            Verdict::Met => "met",
            Verdict::Missed => "missed",
        }
    }
}

/// One consistency finding, with its arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// `multiple`, `percent-change`, `comparison`, `reference`, `target`, `across-texts`.
    pub check: &'static str,
    pub result: Verdict,
    /// The arithmetic, e.g. "107.8 billion / 8 billion = 13.48; stated over 13 times".
    pub detail: String,
    /// What it was compared with: a reference row's source, another
    /// document's sentence.
    pub against: Option<String>,
}

/// A figure with its meaning. Spans are into `doc.text`.
#[derive(Debug, Clone)]
pub struct Claim {
    pub sentence: usize,
    pub sentence_span: Span,
    pub figure: Figure,
    /// Normalised measure (`trade`, `border length`), or for counted
    /// things the noun counted.
    pub measure: Option<String>,
    pub measure_span: Option<Span>,
    pub measure_rule: Option<String>,
    /// ISO country codes, sorted.
    pub actors: Vec<String>,
    /// Whether the actors came from the document's main pair.
    pub actors_from_pair: bool,
    pub period: Option<TimeValue>,
    pub period_span: Option<Span>,
    /// For a change: the period it is measured against.
    pub base_period: Option<TimeValue>,
    pub status: Status,
    /// For a change or multiple: the index (in the document's claims) of
    /// the level it describes.
    pub of: Option<usize>,
    pub checks: Vec<Finding>,
}

impl Claim {
    pub fn period_iso(&self) -> Option<String> {
        self.period
            .as_ref()
            .map(|p| p.iso())
            .filter(|s| !s.is_empty())
    }
    fn is_level(&self) -> bool {
        self.figure.value.is_some()
            && self.figure.change.is_none()
            && !matches!(
                self.figure.dim.as_deref(),
                Some("percent" | "multiple" | "share")
            )
    }
}

/// Pulls claims out of documents.
pub struct Extractor<'a> {
    pub qty: &'a QtyLexicon,
    pub lex: &'a Lexicon,
    pub tagger: &'a Tagger,
    pub reference: &'a Reference,
}

/// Formats a value in base units for people: 107800000000 -> "107.8 billion".
pub fn human(v: f64) -> String {
    let a = v.abs();
    let (d, w) = if a >= 1e12 {
        (1e12, " trillion")
    } else if a >= 1e9 {
        (1e9, " billion")
    } else if a >= 1e6 {
        (1e6, " million")
    } else {
        (1.0, "")
    };
    let x = v / d;
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}{w}")
}

fn fmt_ratio(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Comparison words: (word, the word that must follow it or "", direction).
const COMPARE: &[(&str, &str, i8)] = &[
    ("exceeding", "", 1),
    ("exceeded", "", 1),
    ("exceeds", "", 1),
    ("surpassing", "", 1),
    ("surpassed", "", 1),
    ("topping", "", 1),
    ("topped", "", 1),
    ("outstripping", "", 1),
    ("above", "", 1),
    ("higher", "than", 1),
    ("more", "than", 1),
    ("below", "", -1),
    ("lower", "than", -1),
    ("less", "than", -1),
    ("fewer", "than", -1),
    ("short", "of", -1),
];

/// The direction of the first comparison among `words`, and where it is.
fn comparison<S: AsRef<str>, T: Copy>(words: &[(S, T)]) -> Option<(i8, T)> {
    words.iter().enumerate().find_map(|(i, (w, at))| {
        COMPARE.iter().find_map(|(cw, next, dir)| {
            (w.as_ref() == *cw
                && (next.is_empty() || words.get(i + 1).is_some_and(|n| n.0.as_ref() == *next)))
            .then_some((*dir, *at))
        })
    })
}

/// A document's sentences, with their tokens and vocabulary ids when the
/// caller has them already.
struct Sentences<'s> {
    spans: &'s [Span],
    tokens: Option<TokensAndIds<'s>>,
    /// Per sentence, the time expressions the coder found (`None`: not
    /// tagged there); tagged here otherwise.
    dates: &'s [Option<Vec<TimeExpr>>],
    /// Per sentence, the dictionary phrases the coder read in the
    /// caller's tokens (empty: read here).
    phrases: &'s PhraseHits,
}

/// Per sentence: its tokens, and their vocabulary ids.
type TokensAndIds<'s> = (&'s [Vec<Token>], &'s [Vec<u32>]);

impl Sentences<'_> {
    /// Sentence `i`'s tokens and their ids: the caller's, or made here.
    fn tokens(&self, lex: &Lexicon, text: &str, i: usize) -> (Cow<'_, [Token]>, Cow<'_, [u32]>) {
        if let Some((t, ids)) = self.tokens {
            // (a caller's ids that do not fit its tokens are not used)
            if t[i].len() == ids[i].len() {
                return (Cow::Borrowed(&t[i]), Cow::Borrowed(&ids[i]));
            }
        }
        let toks = tokenize(text, self.spans[i]);
        let ids = toks.iter().map(|t| lex.token_id(&t.norm)).collect();
        (Cow::Owned(toks), Cow::Owned(ids))
    }

    /// Sentence `i`'s tokens when they are the caller's (as
    /// [`Sentences::tokens`] gives them).
    fn given(&self, i: usize) -> Option<&[Token]> {
        let (t, ids) = self.tokens?;
        (t[i].len() == ids[i].len()).then_some(t[i].as_slice())
    }

    /// Sentence `i`'s dictionary phrases as the caller read them in its
    /// tokens, when [`Sentences::tokens`] gives the caller's tokens.
    fn phrases(&self, i: usize) -> Option<&[(usize, PhraseMatch)]> {
        let (t, ids) = self.tokens?;
        if t[i].len() != ids[i].len() || self.phrases.sentences() != self.spans.len() {
            return None;
        }
        self.phrases.sentence(i)
    }
}

impl<'a> Extractor<'a> {
    pub fn new(
        qty: &'a QtyLexicon,
        lex: &'a Lexicon,
        tagger: &'a Tagger,
        reference: &'a Reference,
    ) -> Extractor<'a> {
        Extractor {
            qty,
            lex,
            tagger,
            reference,
        }
    }

    /// Countries named in a sentence, and whether it says "the two sides".
    fn countries(
        &self,
        text: &str,
        sent: &Sentences,
        si: usize,
        date: Option<NaiveDate>,
    ) -> (Vec<(String, Span)>, bool) {
        let (toks, ids) = sent.tokens(self.lex, text, si);
        let read;
        let hits = match sent.phrases(si) {
            Some(hits) => hits,
            None => {
                let raws: Vec<&str> = toks
                    .iter()
                    .map(|t| text.get(t.span.start..t.span.end).unwrap_or(""))
                    .collect();
                read = self.lex.phrases.read(&ids, &raws);
                &read[..]
            }
        };
        let mut out = Vec::new();
        let mut recip = false;
        for (i, m) in hits {
            let i = *i;
            {
                for &e in &m.entries {
                    match self.lex.phrases.entries[e as usize].value {
                        PhraseTarget::Actor(a) => {
                            if let Some(c) = self
                                .lex
                                .actors
                                .get(a as usize)
                                .and_then(|x| x.country.clone())
                                .filter(|c| c.len() == 3)
                            {
                                out.push((
                                    c,
                                    Span::new(toks[i].span.start, toks[i + m.len - 1].span.end),
                                ));
                                break;
                            }
                        }
                        PhraseTarget::Person(p) => {
                            // a person's country on the document's date ("Wang Yi" -> CHN)
                            if let Some(c) = self
                                .lex
                                .people
                                .get(p as usize)
                                .and_then(|x| x.role_on(date))
                                .and_then(|r| self.lex.country_of(&r.code))
                                .map(String::from)
                            {
                                out.push((
                                    c,
                                    Span::new(toks[i].span.start, toks[i + m.len - 1].span.end),
                                ));
                                break;
                            }
                        }
                        PhraseTarget::Reciprocal => recip = true,
                        _ => {}
                    }
                }
            }
        }
        (out, recip)
    }

    /// The two countries named most often in the document.
    fn doc_pair(&self, text: &str, sent: &Sentences) -> Vec<String> {
        let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
        for i in 0..sent.spans.len() {
            for (c, _) in self.countries(text, sent, i, None).0 {
                counts.entry(c).or_insert((0, i)).0 += 1;
            }
        }
        let mut v: Vec<(String, (usize, usize))> = counts.into_iter().collect();
        v.sort_by(|a, b| {
            b.1 .0
                .cmp(&a.1 .0)
                .then(a.1 .1.cmp(&b.1 .1))
                .then(a.0.cmp(&b.0))
        });
        v.into_iter().take(2).map(|(c, _)| c).collect()
    }

    /// All claims of a document, with the checks inside the document and
    /// against the reference tables.
    pub fn extract(&self, doc: &Doc) -> Vec<Claim> {
        let spans = sentences(&doc.text);
        self.extract_in(
            doc,
            &Sentences {
                spans: &spans,
                tokens: None,
                dates: &[],
                phrases: &PhraseHits::default(),
            },
        )
    }

    /// As [`Extractor::extract`], over the sentences of `doc` as the coder
    /// segmented and tokenised them (`Coded::sentences`, `tokens`, `ids`),
    /// so that nothing is read twice. Tokens and ids that do not fit the
    /// sentences are ignored (and the sentences tokenised here).
    pub fn extract_tokenized(
        &self,
        doc: &Doc,
        spans: &[Span],
        tokens: &[Vec<Token>],
        ids: &[Vec<u32>],
    ) -> Vec<Claim> {
        self.extract_tokenized_dated(doc, spans, tokens, ids, &[])
    }

    /// As [`Extractor::extract_tokenized`], also with the time expressions
    /// the coder found in the sentences it tagged (`Coded::dates`), so that
    /// those are not tagged twice; dates that do not fit the sentences are
    /// ignored.
    pub fn extract_tokenized_dated(
        &self,
        doc: &Doc,
        spans: &[Span],
        tokens: &[Vec<Token>],
        ids: &[Vec<u32>],
        dates: &[Option<Vec<TimeExpr>>],
    ) -> Vec<Claim> {
        self.extract_coded(doc, spans, tokens, ids, dates, &PhraseHits::default())
    }

    /// As [`Extractor::extract_tokenized_dated`], also with the dictionary
    /// phrases the coder read in each sentence's tokens (`Coded::phrases`),
    /// so that the countries a sentence names are not looked up token by
    /// token again; phrases that do not fit the sentences are ignored.
    pub fn extract_coded(
        &self,
        doc: &Doc,
        spans: &[Span],
        tokens: &[Vec<Token>],
        ids: &[Vec<u32>],
        dates: &[Option<Vec<TimeExpr>>],
        phrases: &PhraseHits,
    ) -> Vec<Claim> {
        let fits = tokens.len() == spans.len() && ids.len() == spans.len();
        self.extract_in(
            doc,
            &Sentences {
                spans,
                tokens: fits.then_some((tokens, ids)),
                dates: if dates.len() == spans.len() {
                    dates
                } else {
                    &[]
                },
                phrases,
            },
        )
    }

    fn extract_in(&self, doc: &Doc, sent: &Sentences) -> Vec<Claim> {
        let text = doc.text.as_str();
        let spans = sent.spans;
        let mut claims: Vec<Claim> = Vec::new();
        let mut pair: Option<Vec<String>> = None;
        for (si, &sp) in spans.iter().enumerate() {
            let (figs, words) = figures_and_tokens(self.qty, text, sp, sent.given(si));
            if figs.is_empty() {
                continue;
            }
            let tagged;
            let times: &[TimeExpr] = match sent.dates.get(si) {
                Some(Some(d)) => d,
                _ => {
                    tagged = self.tagger.tag(text, sp, doc.date);
                    &tagged
                }
            };
            let (mut countries, recip) = self.countries(text, sent, si, doc.date);
            // "US$8 billion" names a currency, not the United States
            countries.retain(|(_, cs)| {
                !figs.iter().any(|f| {
                    f.dim.as_deref() == Some("currency")
                        && cs.start < f.span.end
                        && f.span.start < cs.end
                })
            });
            let measures = self.measures(sp, &words);
            let first = claims.len();
            // the claim index of each figure (figures that are part of a period have none)
            let mut fig_claim: Vec<Option<usize>> = vec![None; figs.len()];
            for (fi, f) in figs.iter().enumerate() {
                if f.dim.as_deref() == Some("duration") {
                    let before = text[sp.start..f.span.start].trim_end().to_lowercase();
                    if ["first", "last", "next", "initial", "final", "coming"]
                        .iter()
                        .any(|w| before.ends_with(w))
                        && times
                            .iter()
                            .any(|t| t.span.start <= f.span.start && f.span.end <= t.span.end)
                    {
                        // part of the period ("the first 11 months of 2021"), not a claim
                        continue;
                    }
                }
                let mut c = Claim {
                    sentence: si,
                    sentence_span: sp,
                    figure: f.clone(),
                    measure: None,
                    measure_span: None,
                    measure_rule: None,
                    actors: Vec::new(),
                    actors_from_pair: false,
                    period: None,
                    period_span: None,
                    base_period: None,
                    status: Status::Observation,
                    of: None,
                    checks: Vec::new(),
                };
                if f.value.is_none() {
                    fig_claim[fi] = Some(claims.len());
                    claims.push(c);
                    continue;
                }
                // a change or a multiple right after a level describes it
                if let (true, Some(pi)) = (
                    f.change.is_some() || f.dim.as_deref() == Some("percent"),
                    fi.checked_sub(1).and_then(|p| fig_claim[p]),
                ) {
                    let prev = &figs[fi - 1];
                    let mut gap = text[prev.span.end.min(f.span.start)..f.span.start].to_string();
                    // "US$240.11 billion in 2023, up 26.3 percent": the level's own period may sit between
                    if let Some(ps) = claims[pi].period_span {
                        if ps.start >= prev.span.end && ps.end <= f.span.start {
                            gap = format!(
                                "{}{}",
                                &text[prev.span.end..ps.start],
                                &text[ps.end..f.span.start]
                            );
                        }
                    }
                    let g = gap.trim().trim_matches(',').trim().to_lowercase();
                    if (g.is_empty() || g.trim_end_matches(',').trim() == "in")
                        && claims[pi].is_level()
                    {
                        c.of = Some(pi);
                    }
                }
                self.assign_period(text, &mut c, &figs, fi, times, doc.date);
                // "at least 32 million people ..., including 18,000 deaths": the same period
                if c.period.is_none() {
                    if let Some(pi) = fi.checked_sub(1).and_then(|p| fig_claim[p]) {
                        let gap = &text[claims[pi].figure.span.end.min(f.span.start)..f.span.start];
                        if gap.contains("including") && !gap.contains([';', '.']) {
                            c.period = claims[pi].period.clone();
                            c.period_span = claims[pi].period_span;
                        }
                    }
                }
                if let Some(pi) = c.of {
                    let (pp, ps) = (claims[pi].period.clone(), claims[pi].period_span);
                    if c.period.is_none() || c.base_period.is_some() {
                        c.period = pp;
                        c.period_span = ps;
                    }
                    if c.base_period.is_none() {
                        // "year on year", "over the previous year"
                        let mut to = sp.end.min(f.span.end + 40);
                        while !text.is_char_boundary(to) {
                            to -= 1;
                        }
                        let after = &text[f.span.end..to].to_lowercase();
                        if after.trim_start().starts_with("year on year")
                            || after.trim_start().starts_with("year-on-year")
                            || after.trim_start().starts_with("from a year")
                            || after.trim_start().starts_with("over the previous year")
                            || after.trim_start().starts_with("over last year")
                        {
                            c.base_period = c.period.as_ref().and_then(|p| p.shift_years(-1));
                        }
                    }
                }
                // what it measures
                if let Some(pi) = c.of {
                    c.measure = claims[pi].measure.clone();
                    c.measure_span = claims[pi].measure_span;
                    c.measure_rule = claims[pi].measure_rule.clone();
                } else if let (Some(n), Some(_)) = (
                    &f.counted,
                    nearest_measure(text, &measures, f.span)
                        .filter(|m| m.1.start < f.span.end && f.span.start < m.1.end),
                ) {
                    // "1.8 billion doses of vaccines": the phrase inside the figure wins
                    let _ = n;
                    let m = nearest_measure(text, &measures, f.span).expect("checked above");
                    c.measure = Some(m.0.clone());
                    c.measure_span = Some(m.1);
                    c.measure_rule = Some(m.2.clone());
                } else if let Some(n) = &f.counted {
                    c.measure = Some(n.clone());
                } else if let Some((m, ms, rule, _)) = nearest_measure(text, &measures, f.span) {
                    c.measure = Some(m.clone());
                    c.measure_span = Some(*ms);
                    c.measure_rule = Some(rule.clone());
                } else if f.dim.as_deref() == Some("count") {
                    c.measure = f.unit.clone();
                }
                let bilateral = nearest_measure(text, &measures, f.span)
                    .map(|m| m.3)
                    .unwrap_or(false)
                    || c.of.is_some_and(|pi| claims[pi].actors_from_pair);
                // whose
                let mut actors: Vec<String> = countries.iter().map(|(c, _)| c.clone()).collect();
                actors.sort();
                actors.dedup();
                if (bilateral && actors.len() < 2) || (recip && actors.is_empty()) {
                    let p = pair.get_or_insert_with(|| self.doc_pair(text, sent));
                    if p.len() == 2 && (actors.is_empty() || actors.iter().all(|a| p.contains(a))) {
                        actors = p.clone();
                        actors.sort();
                        c.actors_from_pair = true;
                    }
                }
                c.actors = actors;
                // target or observation
                c.status = self.status(text, sp, &words, &c, doc.date);
                fig_claim[fi] = Some(claims.len());
                claims.push(c);
            }
            // multiples: attach to the measure of the figures around them
            for k in first..claims.len() {
                if claims[k].figure.dim.as_deref() == Some("multiple")
                    && claims[k].status == Status::Observation
                {
                    if let Some(fc) = claims[first..]
                        .iter()
                        .position(|x| x.is_level() && x.figure.dim.as_deref() == Some("currency"))
                    {
                        let fc = first + fc;
                        if claims[k].measure.is_none() {
                            claims[k].measure = claims[fc].measure.clone();
                        }
                        if claims[k].actors.is_empty() {
                            claims[k].actors = claims[fc].actors.clone();
                        }
                    }
                }
            }
        }
        self.check_within(text, spans, &mut claims);
        for c in claims.iter_mut() {
            self.check_reference(c);
        }
        claims
    }

    /// Measure phrases of a sentence: (measure, span, rule, bilateral).
    /// `toks`: the sentence's tokens without spaces (as the figure scanner
    /// read them).
    fn measures(&self, sp: Span, toks: &[Tok]) -> Vec<(String, Span, String, bool)> {
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some((e, n)) = self.qty.measures.longest_at(&norms, i, |_| true) {
                out.push((
                    e.key.clone(),
                    Span::new(sp.start + toks[i].start, sp.start + toks[i + n - 1].end),
                    e.rule.to_string(),
                    e.pos == "bilateral",
                ));
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    fn assign_period(
        &self,
        text: &str,
        c: &mut Claim,
        figs: &[Figure],
        fi: usize,
        times: &[TimeExpr],
        _date: Option<NaiveDate>,
    ) {
        let f = &figs[fi];
        let in_time = |g: &Figure| {
            times
                .iter()
                .any(|t| t.span.start <= g.span.start && g.span.end <= t.span.end)
        };
        let next_start = figs[fi + 1..]
            .iter()
            .find(|g| !in_time(g))
            .map(|g| g.span.start)
            .unwrap_or(usize::MAX);
        let prev_end = figs[..fi]
            .iter()
            .rev()
            .find(|g| !in_time(g))
            .map(|g| g.span.end)
            .unwrap_or(0);
        let usable = |t: &TimeExpr| {
            t.value.is_resolved() && !(t.span.start < f.span.end && f.span.start < t.span.end)
        };
        // right after: "US$8 billion in 2000", "US$200 billion by 2024"
        for t in times.iter().filter(|t| usable(t)) {
            if t.span.start >= f.span.end && t.span.start < next_start {
                let gap = &text[f.span.end..t.span.start];
                let g = gap.trim().to_lowercase();
                if gap.len() <= 30 && !gap.contains([';', '(']) {
                    let base_words = [
                        "over",
                        "from",
                        "than",
                        "compared with",
                        "compared to",
                        "against",
                        "over the",
                    ];
                    if f.change.is_some() && base_words.iter().any(|w| g == *w || g.ends_with(w)) {
                        c.base_period = Some(t.value.clone());
                        return;
                    }
                    if !gap.contains(',') {
                        c.period = Some(t.value.clone());
                        c.period_span = Some(t.span);
                        if t.relation == Relation::Before {
                            c.status = Status::Target;
                        }
                        return;
                    }
                }
            }
        }
        // before it in the same clause: "in the first 11 months of 2021 was US$130.428 billion"
        if let Some(t) = times
            .iter()
            .rev()
            .find(|t| usable(t) && t.span.end <= f.span.start && t.span.start >= prev_end)
        {
            let gap = &text[t.span.end..f.span.start];
            if !gap.contains(';') && !gap.contains(" that ") && gap.len() <= 80 {
                c.period = Some(t.value.clone());
                c.period_span = Some(t.span);
                if t.relation == Relation::Before {
                    c.status = Status::Target;
                }
                return;
            }
        }
        // "In 2021, Wang Yi held four meetings and three phone calls": a
        // period that opens the sentence covers all of it
        let sent_start = f
            .span
            .start
            .saturating_sub(f.span.start - c.sentence_span.start);
        if let Some(t) = times
            .iter()
            .find(|t| usable(t) && t.span.end <= f.span.start)
        {
            let lead = &text[sent_start..t.span.start];
            if lead.split_whitespace().count() <= 5
                && text[t.span.end..f.span.start].matches(',').count() <= 1
            {
                c.period = Some(t.value.clone());
                c.period_span = Some(t.span);
            }
        }
    }

    /// `words`: the sentence's tokens without spaces, as `lex_words` gives
    /// them for `text[sp]` (what `figures_and_tokens` returned).
    fn status(
        &self,
        text: &str,
        sp: Span,
        words: &[Tok],
        c: &Claim,
        date: Option<NaiveDate>,
    ) -> Status {
        // a figure for a period that has not begun is not an observation
        if let (Some(p), Some(d)) = (&c.period, date) {
            if p.bounds().is_some_and(|(start, _)| start > d) {
                return Status::Target;
            }
        }
        if c.status == Status::Target {
            // "by 2024" after a past document date is a deadline already passed
            if let (Some(p), Some(d)) = (&c.period, date) {
                if let Some((_, end)) = p.bounds() {
                    if end < d {
                        return Status::Observation;
                    }
                }
            }
            return Status::Target;
        }
        // target words within six words before the figure or just after it
        let f = &c.figure;
        let before = &text[sp.start..f.span.start];
        let after_end = (f.span.end + 60).min(sp.end);
        let after_end = (after_end..=sp.end)
            .find(|&k| text.is_char_boundary(k))
            .unwrap_or(sp.end);
        let after = &text[f.span.end..after_end];
        // the last six words before the figure: those of the sentence's
        // tokens that end before it, when the figure does not start inside
        // a token. The lexer decides each token from its own bytes and the
        // one or two after its end (a digit after a separator, a letter
        // after an apostrophe), and never joins a token with the one after
        // it, so lexing the text up to a point that no token straddles
        // gives the tokens that end before that point; otherwise the text
        // before the figure is lexed as it was.
        let cut = f.span.start - sp.start;
        let n = words.partition_point(|t| t.end <= cut);
        let lexed;
        let before_words: &[Tok] = if words.get(n).is_none_or(|t| t.start >= cut) {
            &words[..n]
        } else {
            lexed = lex_words(before);
            &lexed
        };
        let mut win_b: Vec<&str> = before_words
            .iter()
            .rev()
            .filter(|t| t.kind == TokKind::Word)
            .take(6)
            .map(|t| t.norm.as_str())
            .collect();
        win_b.reverse();
        let win_a: Vec<Norm> = first_words(after.split([';', '.']).next().unwrap_or(""), 6);
        let win_a: Vec<&str> = win_a.iter().map(|s| s.as_str()).collect();
        let hit = |norms: &[&str]| {
            (0..norms.len()).any(|i| self.qty.targets.longest_at(norms, i, |_| true).is_some())
        };
        if hit(&win_b) || hit(&win_a) {
            Status::Target
        } else {
            Status::Observation
        }
    }

    /// Multiples against their endpoints, changes against their base, and
    /// comparisons in words.
    fn check_within(&self, text: &str, spans: &[Span], claims: &mut [Claim]) {
        let n = claims.len();
        for k in 0..n {
            let c = &claims[k];
            let Some(v) = c.figure.value else { continue };
            // 1. a multiple against the endpoints of its sentence
            if c.figure.dim.as_deref() == Some("multiple") {
                let ends: Vec<usize> = (0..n)
                    .filter(|&j| {
                        claims[j].sentence == c.sentence
                            && claims[j].is_level()
                            && claims[j].period.is_some()
                            && claims[j].status == Status::Observation
                    })
                    .collect();
                // the two ends with the same unit, earliest and latest period
                let mut best: Option<(usize, usize)> = None;
                for &a in &ends {
                    for &b in &ends {
                        let (ca, cb) = (&claims[a], &claims[b]);
                        if a != b && ca.figure.unit == cb.figure.unit {
                            let (pa, pb) = (
                                ca.period.as_ref().and_then(|p| p.bounds()),
                                cb.period.as_ref().and_then(|p| p.bounds()),
                            );
                            if let (Some(pa), Some(pb)) = (pa, pb) {
                                if pa.1 < pb.0 && best.is_none() {
                                    best = Some((a, b));
                                }
                            }
                        }
                    }
                }
                if let Some((a, b)) = best {
                    let (va, vb) = (
                        claims[a].figure.value.unwrap_or(0.0),
                        claims[b].figure.value.unwrap_or(0.0),
                    );
                    if va > 0.0 {
                        let ratio = vb / va;
                        let q = c.figure.qualifier.as_deref();
                        let ok = match q {
                            Some("over") | Some("at least") => ratio >= v,
                            Some("under") | Some("at most") => ratio <= v,
                            Some("nearly") => ratio <= v + 0.05 && ratio >= v * 0.9,
                            Some("about") => (ratio - v).abs() <= 0.1 * v.max(1.0),
                            _ => (ratio - v).abs() < 0.5 || (ratio - 1.0 - v).abs() < 0.5,
                        };
                        let detail = format!(
                            "{} ({}) / {} ({}) = {}; stated {}{} times",
                            human(vb),
                            claims[b].period_iso().unwrap_or_default(),
                            human(va),
                            claims[a].period_iso().unwrap_or_default(),
                            fmt_ratio(ratio),
                            q.map(|q| format!("{q} ")).unwrap_or_default(),
                            fmt_ratio(v)
                        );
                        let f = Finding {
                            check: "multiple",
                            result: if ok {
                                Verdict::Consistent
                            } else {
                                Verdict::Inconsistent
                            },
                            detail,
                            against: Some(format!("sentence {}", claims[b].sentence)),
                        };
                        claims[k].checks.push(f);
                        // the multiple covers the span between its endpoints
                        if let (Some(pa), Some(pb)) =
                            (claims[a].period.clone(), claims[b].period.clone())
                        {
                            claims[k].period = Some(TimeValue::Range(Box::new(pa), Box::new(pb)));
                            claims[k].period_span = None;
                        }
                    }
                }
                continue;
            }
            // 2. a percent change against the base it implies
            if c.figure.dim.as_deref() == Some("percent")
                && c.figure.change.is_some()
                && c.figure.unit.as_deref() == Some("percent")
            {
                let Some(li) = c.of else { continue };
                let l = &claims[li];
                let Some(lv) = l.figure.value else { continue };
                let sign = if c.figure.change.as_deref() == Some("down") {
                    -1.0
                } else {
                    1.0
                };
                let factor = 1.0 + sign * v / 100.0;
                if factor <= 0.0 {
                    continue;
                }
                let implied = lv / factor;
                // how far rounding alone can move it
                let pr = c.figure.rounding.max(0.0);
                let lo = (lv - l.figure.rounding) / (1.0 + sign * (v + pr * sign.signum()) / 100.0);
                let hi = (lv + l.figure.rounding) / (1.0 + sign * (v - pr * sign.signum()) / 100.0);
                let (lo, hi) = (lo.min(hi), lo.max(hi));
                let tol = 0.005 * implied.abs();
                let base = c.base_period.clone();
                let base_iso = base.as_ref().map(|b| b.iso()).unwrap_or_default();
                let arith = format!(
                    "{} / (1 {} {}%) = {} implied for {}",
                    human(lv),
                    if sign > 0.0 { "+" } else { "-" },
                    fmt_ratio(v),
                    human(implied),
                    if base_iso.is_empty() {
                        "the base period".to_string()
                    } else {
                        base_iso.clone()
                    }
                );
                // the base stated elsewhere in the document, or in a reference table
                let mut other: Option<(f64, String)> = None;
                if !base_iso.is_empty() {
                    for (j, o) in claims.iter().enumerate() {
                        if j != li
                            && o.is_level()
                            && o.period_iso().as_deref() == Some(base_iso.as_str())
                            && o.figure.unit == l.figure.unit
                            && o.measure == l.measure
                        {
                            other = o
                                .figure
                                .value
                                .map(|x| (x, format!("sentence {}", o.sentence)));
                            break;
                        }
                    }
                    if other.is_none() {
                        if let (Some(m), Some(u)) = (&l.measure, &l.figure.unit) {
                            if let Some(r) = self
                                .reference
                                .lookup(m, &actors_key(&l.actors), &base_iso, u)
                                .first()
                            {
                                other = Some((r.value, format!("{} ({})", r.source, r.origin)));
                            }
                        }
                    }
                }
                let f = match other {
                    Some((x, src)) => {
                        let ok = x >= lo - tol && x <= hi + tol;
                        Finding {
                            check: "percent-change",
                            result: if ok {
                                Verdict::Consistent
                            } else {
                                Verdict::Inconsistent
                            },
                            detail: format!(
                                "{arith}; stated base {} ({:+.2}%)",
                                human(x),
                                (implied - x) / x * 100.0
                            ),
                            against: Some(src),
                        }
                    }
                    None => Finding {
                        check: "percent-change",
                        result: Verdict::Unchecked,
                        detail: format!("{arith}; no figure for that period to compare"),
                        against: None,
                    },
                };
                claims[k].checks.push(f);
                continue;
            }
            // 3. comparisons in words after a level: "exceeding the year-round figure of 2020"
            if !c.is_level() {
                continue;
            }
            let sp = c.sentence_span;
            // the comparison must come after this figure and before the next level figure
            let next_level = (k + 1..n)
                .find(|&j| claims[j].sentence == c.sentence && claims[j].is_level())
                .map(|j| claims[j].figure.span.start)
                .unwrap_or(sp.end);
            let seg_start = c.figure.span.end;
            let seg = &text[seg_start..next_level.max(seg_start)];
            let words: Vec<(Norm, usize)> = lex_words(seg)
                .into_iter()
                .filter(|t| t.kind == TokKind::Word)
                .map(|t| (t.norm, seg_start + t.start))
                .collect();
            let Some((dir, at)) = comparison(&words) else {
                continue;
            };
            // what it is compared with: a figure right after, else a period figure
            let target = (0..n).find(|&j| {
                claims[j].sentence == c.sentence
                    && claims[j].figure.span.start >= at
                    && claims[j].figure.span.start < at + 60
                    && claims[j].is_level()
                    && claims[j].figure.unit == c.figure.unit
            });
            let mut against: Option<usize> = target;
            if against.is_none() {
                let sentence_times =
                    self.tagger
                        .tag(text, Span::new(at, sp.end.min(at + 60)), None);
                if let Some(t) = sentence_times.first() {
                    let iso = t.value.iso();
                    against = (0..n).find(|&j| {
                        j != k
                            && claims[j].is_level()
                            && claims[j].period_iso().as_deref() == Some(iso.as_str())
                            && claims[j].figure.unit == c.figure.unit
                            && claims[j].measure == c.measure
                    });
                }
            }
            // "The figure exceeded ...": a comparison that opens its sentence speaks of the previous one
            let _ = spans;
            if let Some(j) = against {
                let (a, b) = (v, claims[j].figure.value.unwrap_or(0.0));
                let ok = if dir > 0 { a > b } else { a < b };
                let f = Finding {
                    check: "comparison",
                    result: if ok {
                        Verdict::Consistent
                    } else {
                        Verdict::Inconsistent
                    },
                    detail: format!(
                        "{} {} {} {} ({}{})",
                        human(a),
                        if dir > 0 { ">" } else { "<" },
                        human(b),
                        claims[j].figure.unit.as_deref().unwrap_or(""),
                        claims[j].period_iso().unwrap_or_default(),
                        if claims[j].status == Status::Target {
                            ", target"
                        } else {
                            ""
                        }
                    ),
                    against: Some(format!("sentence {}", claims[j].sentence)),
                };
                claims[k].checks.push(f);
            }
        }
        // comparisons that open a sentence ("The figure exceeded the target of
        // US$200 billion") speak of the last level of the previous sentence
        for k in 0..n {
            let c = &claims[k];
            if !c.is_level() || c.figure.value.is_none() {
                continue;
            }
            let sp = c.sentence_span;
            let before = &text[sp.start..c.figure.span.start];
            // one of the first three words names the figure (read first:
            // most sentences stop here; the first words of `first_words`
            // do not depend on how many are read) ...
            if !first_words(before, 3)
                .iter()
                .any(|w| matches!(w.as_str(), "figure" | "it" | "this" | "total" | "volume"))
            {
                continue;
            }
            // ... and nine words at most: more than eight are passed over
            let words = first_words(before, 9);
            if words.len() > 8 {
                continue;
            }
            let pairs: Vec<(&str, ())> = words.iter().map(|w| (w.as_str(), ())).collect();
            let Some((dir, ())) = comparison(&pairs) else {
                continue;
            };
            if c.sentence == 0 {
                continue;
            }
            let Some(j) = (0..k).rev().find(|&j| {
                claims[j].sentence == c.sentence - 1
                    && claims[j].is_level()
                    && claims[j].figure.unit == c.figure.unit
            }) else {
                continue;
            };
            let (a, b) = (
                claims[j].figure.value.unwrap_or(0.0),
                c.figure.value.unwrap_or(0.0),
            );
            let ok = if dir > 0 { a > b } else { a < b };
            // "The figure exceeded the target of ...": the target measures the same thing
            if c.measure.is_none() {
                let (m, ms, mr, act, fp) = (
                    claims[j].measure.clone(),
                    claims[j].measure_span,
                    claims[j].measure_rule.clone(),
                    claims[j].actors.clone(),
                    claims[j].actors_from_pair,
                );
                let c = &mut claims[k];
                c.measure = m;
                c.measure_span = ms;
                c.measure_rule = mr;
                if c.actors.is_empty() || fp {
                    c.actors = act;
                    c.actors_from_pair = fp;
                }
            }
            let c = &claims[k];
            let f = Finding {
                check: "comparison",
                result: if ok {
                    Verdict::Consistent
                } else {
                    Verdict::Inconsistent
                },
                detail: format!(
                    "{} ({}) {} {} ({}{})",
                    human(a),
                    claims[j].period_iso().unwrap_or_default(),
                    if dir > 0 { ">" } else { "<" },
                    human(b),
                    c.period_iso().unwrap_or_default(),
                    if c.status == Status::Target {
                        ", target"
                    } else {
                        ""
                    }
                ),
                against: Some(format!("sentence {}", c.sentence)),
            };
            claims[j].checks.push(f);
        }
    }

    /// Compares a claim with the reference tables.
    fn check_reference(&self, c: &mut Claim) {
        if !c.is_level() {
            return;
        }
        let (Some(m), Some(u), Some(p), Some(v)) = (
            c.measure.clone(),
            c.figure.unit.clone(),
            c.period_iso(),
            c.figure.value,
        ) else {
            return;
        };
        let key = actors_key(&c.actors);
        let rows = self.reference.lookup(&m, &key, &p, &u);
        let Some(r) = rows.first() else { return };
        let src = Some(format!("{} ({})", r.source, r.origin));
        if c.status == Status::Target {
            let met = r.value >= v;
            c.checks.push(Finding {
                check: "target",
                result: if met { Verdict::Met } else { Verdict::Missed },
                detail: format!(
                    "target {} {u} for {p}; reference {} {u} ({:+.1}%)",
                    human(v),
                    human(r.value),
                    (r.value - v) / v * 100.0
                ),
                against: src,
            });
            return;
        }
        let tol = c.figure.rounding.max(0.005 * r.value.abs());
        let ok = agrees(c.figure.qualifier.as_deref(), v, r.value, tol);
        c.checks.push(Finding {
            check: "reference",
            result: if ok {
                Verdict::Consistent
            } else {
                Verdict::Inconsistent
            },
            detail: format!(
                "stated {}{} {u} for {p}; reference {} {u}; difference {:+.2}% (tolerance {})",
                c.figure
                    .qualifier
                    .as_deref()
                    .map(|q| format!("{q} "))
                    .unwrap_or_default(),
                human(v),
                human(r.value),
                (v - r.value) / r.value * 100.0,
                human(tol)
            ),
            against: src,
        });
    }
}

/// Whether `other` agrees with a figure stated as `qualifier stated`,
/// within `tol` (rounding) for exact figures and 5% for "about". The one
/// rule for every check of figures against figures (the store uses it too).
pub fn agrees(qualifier: Option<&str>, stated: f64, other: f64, tol: f64) -> bool {
    match qualifier {
        Some("over") | Some("at least") => other >= stated - tol,
        Some("under") | Some("at most") => other <= stated + tol,
        Some("nearly") => other <= stated + tol && other >= 0.9 * stated,
        Some("about") => (other - stated).abs() <= tol.max(0.05 * stated.abs()),
        _ => (other - stated).abs() <= tol,
    }
}

fn nearest_measure<'m>(
    text: &str,
    ms: &'m [(String, Span, String, bool)],
    f: Span,
) -> Option<&'m (String, Span, String, bool)> {
    ms.iter()
        .filter_map(|m| {
            let d = if m.1.end <= f.start {
                f.start - m.1.end
            } else if m.1.start >= f.end {
                // "60 percent of global GDP": the measure the figure is "of"
                let gap = text.get(f.end..m.1.start).unwrap_or("");
                if gap.len() <= 20 && gap.trim_start().starts_with("of ") {
                    0
                } else {
                    m.1.start - f.end + 20
                }
            } else {
                0
            };
            (d <= 140).then_some((d, m))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, m)| m)
}

/// Claims of earlier documents, for the across-texts check: same measure,
/// actors, period, unit and status with a different value.
/// (measure, actors, period, unit, status)
type CrossKey = (String, String, String, String, &'static str);
/// (document, sentence, value, rounding)
type CrossSeen = (String, usize, f64, f64);

#[derive(Debug, Default)]
pub struct CrossIndex {
    seen: HashMap<CrossKey, Vec<CrossSeen>>,
}

impl CrossIndex {
    /// Checks the claims of `doc_id` against earlier documents, then remembers them.
    pub fn check_and_add(&mut self, doc_id: &str, claims: &mut [Claim]) {
        for c in claims.iter_mut() {
            // counted nouns ("eight rounds") are too loose a key to compare
            if !c.is_level() || c.measure_rule.is_none() {
                continue;
            }
            let (Some(m), Some(u), Some(p), Some(v)) = (
                c.measure.clone(),
                c.figure.unit.clone(),
                c.period_iso(),
                c.figure.value,
            ) else {
                continue;
            };
            let key = (
                m,
                actors_key(&c.actors),
                p.clone(),
                u.clone(),
                c.status.as_str(),
            );
            let entries = self.seen.entry(key).or_default();
            for (d, s, ov, orr) in entries.iter().filter(|e| e.0 != doc_id).take(3) {
                let tol = c.figure.rounding.max(*orr).max(0.005 * ov.abs());
                let ok = agrees(c.figure.qualifier.as_deref(), v, *ov, tol);
                c.checks.push(Finding {
                    check: "across-texts",
                    result: if ok {
                        Verdict::Consistent
                    } else {
                        Verdict::Inconsistent
                    },
                    detail: format!(
                        "{} {u} for {p} here; {} {u} in {d} sentence {s} ({:+.2}%)",
                        human(v),
                        human(*ov),
                        (v - ov) / ov * 100.0
                    ),
                    against: Some(format!("{d} sentence {s}")),
                });
            }
            entries.push((doc_id.to_string(), c.sentence, v, c.figure.rounding));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(text: &str, date: &str, reference: &Reference) -> Vec<Claim> {
        let lex = Lexicon::from_files(&[(
            "actors/countries.txt".to_string(),
            "CHN China\n  Chinese\nRUS Russia\n  Russian\n".to_string(),
        )]);
        // the tests do not depend on the production actor lexicon when a
        // small one parses; fall back to the built-in one otherwise
        let lex = lex.or_else(|_| Lexicon::builtin()).expect("a lexicon");
        let ex = Extractor::new(QtyLexicon::builtin(), &lex, Tagger::builtin(), reference);
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        ex.extract(&Doc::plain("t", text, d))
    }

    #[test]
    fn claims_from_the_callers_tokens_are_the_claims_read_alone() {
        let lex = Lexicon::builtin().expect("built-in lexicon");
        let r = Reference::builtin();
        let ex = Extractor::new(QtyLexicon::builtin(), &lex, Tagger::builtin(), &r);
        // the second figure takes its countries from the document's pair
        let text = "Trade between China and Russia reached US$146.9 billion in 2021, \
                    up 35.9 percent. Wang Yi met Sergei Lavrov. Both sides aim to raise \
                    trade to US$200 billion by 2024. Exports grew 8 percent.";
        let doc = Doc::plain("t", text, NaiveDate::from_ymd_opt(2022, 2, 4));
        let alone = ex.extract(&doc);
        assert!(alone.len() >= 3, "{alone:?}");
        let spans = sentences(text);
        let tokens: Vec<Vec<Token>> = spans.iter().map(|&s| tokenize(text, s)).collect();
        let ids: Vec<Vec<u32>> = tokens
            .iter()
            .map(|t| t.iter().map(|t| lex.token_id(&t.norm)).collect())
            .collect();
        let given = ex.extract_tokenized(&doc, &spans, &tokens, &ids);
        assert_eq!(format!("{given:?}"), format!("{alone:?}"));
        // and with the phrases read in those tokens (as the coder reads
        // them); phrases that do not fit the sentences are not used
        let mut phrases = dyad_lexicon::PhraseHits::default();
        for (t, i) in tokens.iter().zip(&ids) {
            let raws: Vec<&str> = t.iter().map(|t| &text[t.span]).collect();
            phrases.read(&lex.phrases, i, &raws);
        }
        let given = ex.extract_coded(&doc, &spans, &tokens, &ids, &[], &phrases);
        assert_eq!(format!("{given:?}"), format!("{alone:?}"));
        let mut fewer = dyad_lexicon::PhraseHits::default();
        for (t, i) in tokens.iter().zip(&ids).skip(1) {
            let raws: Vec<&str> = t.iter().map(|t| &text[t.span]).collect();
            fewer.read(&lex.phrases, i, &raws);
        }
        let given = ex.extract_coded(&doc, &spans, &tokens, &ids, &[], &fewer);
        assert_eq!(format!("{given:?}"), format!("{alone:?}"));
        // tokens that do not fit the sentences are not used
        let wrong = ex.extract_tokenized(&doc, &spans, &tokens[1..], &ids);
        assert_eq!(format!("{wrong:?}"), format!("{alone:?}"));
        let mut short = ids.clone();
        short[0].pop();
        let wrong = ex.extract_tokenized(&doc, &spans, &tokens, &short);
        assert_eq!(format!("{wrong:?}"), format!("{alone:?}"));
        // tokens whose spans lie past this text (another, longer text's)
        // do not make it panic
        let long = text.repeat(3);
        let foreign: Vec<Vec<Token>> = spans
            .iter()
            .map(|&s| tokenize(&long, Span::new(s.start + text.len(), s.end + text.len())))
            .collect();
        let foreign_ids: Vec<Vec<u32>> = foreign
            .iter()
            .map(|t| t.iter().map(|t| lex.token_id(&t.norm)).collect())
            .collect();
        assert!(foreign.iter().flatten().any(|t| t.span.end > text.len()));
        let _ = ex.extract_tokenized(&doc, &spans, &foreign, &foreign_ids);
    }

    #[test]
    fn malformed_figures_are_unparsed_not_misvalued() {
        let cs = extract(
            "Trade reached US$1.2.3 billion and the border is 4,30,0 km long.",
            "2022-01-01",
            &Reference::default(),
        );
        assert_eq!(cs.len(), 2, "{cs:?}");
        for c in &cs {
            assert!(c.figure.value.is_none());
            assert!(c.figure.unparsed.is_some());
        }
    }

    #[test]
    fn across_texts_finds_different_values_for_the_same_period() {
        let r = Reference::default();
        let mut a = extract(
            "Trade between China and Russia reached US$107.8 billion in 2020.",
            "2021-01-15",
            &r,
        );
        let mut b = extract(
            "Trade between China and Russia reached US$104 billion in 2020.",
            "2021-02-15",
            &r,
        );
        let mut x = CrossIndex::default();
        x.check_and_add("a", &mut a);
        x.check_and_add("b", &mut b);
        let f = b[0]
            .checks
            .iter()
            .find(|k| k.check == "across-texts")
            .expect("an across-texts finding");
        assert_eq!(f.result, Verdict::Inconsistent, "{f:?}");
        assert!(f.detail.contains("104 billion") && f.detail.contains("107.8 billion"));
    }

    #[test]
    fn multiple_against_endpoints_shows_its_arithmetic() {
        let cs = extract(
            "Bilateral trade grew by over 13 times, from US$8 billion in 2000 to US$107.8 billion in 2020.",
            "2022-01-01",
            &Reference::default(),
        );
        let m = cs
            .iter()
            .find(|c| c.figure.unit.as_deref() == Some("times"))
            .unwrap();
        let k = &m.checks[0];
        assert_eq!(k.check, "multiple");
        assert_eq!(k.result, Verdict::Consistent);
        assert!(k.detail.contains("= 13.47"), "{}", k.detail);
        // and a wrong multiple is caught
        let cs = extract(
            "Bilateral trade grew by over 20 times, from US$8 billion in 2000 to US$107.8 billion in 2020.",
            "2022-01-01",
            &Reference::default(),
        );
        let m = cs
            .iter()
            .find(|c| c.figure.unit.as_deref() == Some("times"))
            .unwrap();
        assert_eq!(m.checks[0].result, Verdict::Inconsistent);
    }

    #[test]
    fn reference_mismatch_is_inconsistent() {
        let r = Reference::parse(
            "t.csv",
            "measure,actors,period,value,unit,source\ntrade,CHN;RUS,2020,107.76,USD billion,test\n",
        )
        .unwrap();
        let cs = extract(
            "Trade between China and Russia reached US$120 billion in 2020.",
            "2021-01-15",
            &r,
        );
        let k = cs[0]
            .checks
            .iter()
            .find(|k| k.check == "reference")
            .unwrap();
        assert_eq!(k.result, Verdict::Inconsistent, "{k:?}");
    }
}
