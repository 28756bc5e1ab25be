//! `dyad eval --conflibert-class` and `--conflibert-spans`: scoring the coder
//! on the CAMEO data of ConfliBERT (Parolin et al., Multi-CoPED).
//!
//! Those files label one event per sentence: a five-way class
//! (`cameo_class_train.tsv`: sentence, tab, label 0-4) or the words of its
//! source, target and reciprocal participants (`cameo_ner_train.txt`: CoNLL,
//! one `token label` line per token, BIO labels `S`, `T`, `R`). The coder
//! may find several events in a sentence, so both modes first choose the
//! sentence's **main event**:
//!
//! 1. events asserted as fact (modality `asserted` or `reported`) are
//!    preferred over promised, negated or hypothetical ones;
//! 2. among those, the first in the text (by trigger position): news
//!    sentences put the act they report in the main clause, which comes
//!    first, and a later clause ("even as ...", "after ...") adds context.
//!
//! The class of the sentence is the class of its main event's code: root 01
//! is 0 (make a statement), otherwise the quad class of the code in the
//! lexicon (1 verbal cooperation 02-05, 2 material cooperation 06-08,
//! 3 verbal conflict 09-13, 4 material conflict 14-20). A sentence with no
//! event is class 0: what the coder cannot code as an act is most often a
//! report of what someone said, and "make a statement" is CAMEO's catch-all
//! for that. The scores for the other rule that suggests itself (the most
//! conflictual event wins) are printed beside it, for comparison.
//!
//! Spans: the gold source and target are the token runs labelled `S` and
//! `T`; a run labelled `R` (a participant of a reciprocal act) may be
//! matched by a predicted source or target. The predicted spans are the
//! noun phrases of the actors (`Event::phrases`), turned into token runs
//! (every token the phrase's bytes overlap): those of the main event and
//! of the other events with its trigger (see [`event_runs`]), or, in a
//! sentence with no event, the subject and named object of its first act
//! (see [`act_runs`]), and in one with no act either, its subject as the
//! source (`Coded::subjects`). A predicted span is right *exactly* when it covers
//! the same tokens as a gold span of its role, *up to an article* when they
//! are the same once a leading "a", "an" or "the" is left off (the gold
//! data are not consistent about articles), and *partially* when it shares
//! a token with one; each gold span is matched once. The exact F1 is the
//! headline figure. `--split dev` scores the sentences with an even
//! 0-based index, `--split test` the odd ones (docs/ANNOTATION.md).
use anyhow::{bail, Context, Result};
use dyad_code::{Act, Coder, Event, Modality};
use dyad_lexicon::Lexicon;
use dyad_text::{Doc, Span};
use dyad_time::Tagger;
use serde_json::json;
use std::io::Write;
use std::path::Path;

/// Output options shared by both modes.
pub struct Options {
    pub json: bool,
    pub errors: bool,
    /// Spans only: score the `dev` half (sentences with an even 0-based
    /// index in the file) or the `test` half (odd index); `None` scores all.
    pub split: Option<Split>,
}

/// A half of the span file, fixed by position so that it never depends on
/// what the coder does: `Dev` the sentences with an even 0-based index,
/// `Test` those with an odd one.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Split {
    Dev,
    Test,
}

impl Split {
    pub fn parse(s: &str) -> Result<Split> {
        match s {
            "dev" => Ok(Split::Dev),
            "test" => Ok(Split::Test),
            _ => bail!("--split takes dev or test, not \"{s}\""),
        }
    }
    fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
    /// Whether the sentence with this 0-based index in the file is in it.
    fn keeps(self, index: usize) -> bool {
        index.is_multiple_of(2) == (self == Split::Dev)
    }
}

/// How the main event of a sentence is chosen.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MainRule {
    /// First asserted event in the text (the documented rule).
    First,
    /// The most conflictual (highest class, then first) asserted event.
    MostConflictual,
}

fn asserted(e: &Event) -> bool {
    matches!(e.modality, Modality::Asserted | Modality::Reported)
}

/// The five-way class of a CAMEO code in the scheme the ConfliBERT data
/// are labelled in (Parolin et al.'s PentaClass), by root. It differs from
/// CAMEO's quad classes in two roots, read off the labelled training
/// sentences: 02 appeals are "make a statement" (0), and 16 reductions of
/// relations (suspended aid, expelled diplomats) are verbal conflict (3),
/// not material conflict. See
/// docs/ANNOTATION.md; [`quad_penta`] gives the CAMEO quad-class reading.
pub fn penta_class(lex: &Lexicon, cameo: &str) -> u8 {
    match cameo.get(..2) {
        Some("01" | "02") => 0,
        Some("16") => 3,
        _ => quad_penta(lex, cameo),
    }
}

/// The five-way class from CAMEO's quad classes: 0 for root 01, else the
/// code's quad class.
pub fn quad_penta(lex: &Lexicon, cameo: &str) -> u8 {
    if cameo.starts_with("01") {
        return 0;
    }
    lex.code(cameo)
        .or_else(|| cameo.get(..2).and_then(|r| lex.code(r)))
        .map(|c| c.quad)
        .unwrap_or(0)
}

/// The main event of a sentence's events, by `rule` (see the module docs).
pub fn main_event<'e>(lex: &Lexicon, events: &'e [Event], rule: MainRule) -> Option<&'e Event> {
    let pool: Vec<&Event> = if events.iter().any(asserted) {
        events.iter().filter(|e| asserted(e)).collect()
    } else {
        events.iter().collect()
    };
    match rule {
        MainRule::First => pool.into_iter().min_by_key(|e| e.trigger.start),
        MainRule::MostConflictual => pool.into_iter().min_by_key(|e| {
            (
                std::cmp::Reverse(penta_class(lex, &e.cameo)),
                e.trigger.start,
            )
        }),
    }
}

/// The class of a sentence from its coded events (0 when there are none).
pub fn sentence_class(lex: &Lexicon, events: &[Event], rule: MainRule) -> u8 {
    main_event(lex, events, rule)
        .map(|e| penta_class(lex, &e.cameo))
        .unwrap_or(0)
}

const CLASS_NAMES: [&str; 5] = [
    "statement",
    "verbal coop",
    "material coop",
    "verbal conflict",
    "material conflict",
];

/// Quad-class accuracy on a `sentence \t label` file. Returns the accuracy.
pub fn run_class(lex: &Lexicon, tagger: &Tagger, path: &Path, o: &Options) -> Result<f64> {
    let body = std::fs::read_to_string(path)
        .with_context(|| format!("reading ConfliBERT class file {}", path.display()))?;
    let mut rows = Vec::new();
    for (i, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((text, label)) = line.rsplit_once('\t') else {
            bail!(
                "{}:{}: expected a sentence, a tab and a label 0-4",
                path.display(),
                i + 1
            );
        };
        let label: u8 = match label.trim().parse() {
            Ok(l) if l <= 4 => l,
            _ => bail!(
                "{}:{}: label \"{}\" is not a class 0-4",
                path.display(),
                i + 1,
                label.trim()
            ),
        };
        rows.push((i + 1, text.to_string(), label));
    }
    if rows.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    let coder = Coder::new(lex, tagger);
    let mut confusion = [[0usize; 5]; 5];
    let (mut right, mut right_alt, mut with_events, mut right_with_events) = (0, 0, 0, 0);
    let mut right_quad = 0;
    let mut error_lines = Vec::new();
    for (line, text, label) in &rows {
        let doc = Doc::plain(format!("line{line}"), text.clone(), None);
        let coded = coder.code(&doc);
        let events = coded.events;
        // no event: the first act the sentence tells, even with actors the
        // dictionaries do not know ("a car bomb killed ..."), else 0
        let act_class = coded.acts.first().map(|a| penta_class(lex, a.code(lex)));
        let pred = if events.is_empty() {
            act_class.unwrap_or(0)
        } else {
            sentence_class(lex, &events, MainRule::First)
        };
        let alt = if events.is_empty() {
            act_class.unwrap_or(0)
        } else {
            sentence_class(lex, &events, MainRule::MostConflictual)
        };
        // the same main event read with CAMEO's quad classes
        let quad = match main_event(lex, &events, MainRule::First) {
            Some(e) => quad_penta(lex, &e.cameo),
            None => coded
                .acts
                .first()
                .map(|a| quad_penta(lex, a.code(lex)))
                .unwrap_or(0),
        };
        right_quad += usize::from(quad == *label);
        confusion[*label as usize][pred as usize] += 1;
        right += usize::from(pred == *label);
        right_alt += usize::from(alt == *label);
        if !events.is_empty() {
            with_events += 1;
            right_with_events += usize::from(pred == *label);
        }
        if o.errors && pred != *label {
            let codes: Vec<&str> = events.iter().map(|e| e.cameo.as_str()).collect();
            error_lines.push(format!(
                "line {line}: gold {label} predicted {pred} [{}] {}",
                codes.join(" "),
                text
            ));
        }
    }
    let n = rows.len();
    let acc = right as f64 / n as f64;
    let mut out = std::io::stdout().lock();
    let per_class: Vec<_> = (0..5)
        .map(|c| {
            let gold: usize = confusion[c].iter().sum();
            let pred: usize = (0..5).map(|g| confusion[g][c]).sum();
            let tp = confusion[c][c];
            json!({"class": c, "name": CLASS_NAMES[c], "gold": gold, "predicted": pred,
                   "precision": ratio(tp, pred), "recall": ratio(tp, gold)})
        })
        .collect();
    if o.json {
        let v = json!({
            "file": path.display().to_string(), "sentences": n, "accuracy": acc,
            "rule": "first asserted event; no event = 0",
            "accuracy_most_conflictual_rule": ratio(right_alt, n),
            "accuracy_cameo_quad_classes": ratio(right_quad, n),
            "sentences_with_events": with_events,
            "accuracy_on_sentences_with_events": ratio(right_with_events, with_events),
            "per_class": per_class, "confusion": confusion,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        writeln!(
            out,
            "ConfliBERT class file {} — {n} sentences",
            path.display()
        )?;
        writeln!(out,
            "accuracy {acc:.3} (main event = first asserted; no event = 0); most-conflictual rule {:.3}",
            ratio(right_alt, n)
        )?;
        writeln!(
            out,
            "sentences with an event: {with_events}, accuracy on them {:.3}",
            ratio(right_with_events, with_events)
        )?;
        writeln!(
            out,
            "classes read as the data label them (02 -> 0, 16 -> 3); with CAMEO's quad classes instead: {:.3}",
            ratio(right_quad, n)
        )?;
        writeln!(out, "confusion (rows gold, columns predicted):")?;
        writeln!(
            out,
            "{:<20} {:>5} {:>5} {:>5} {:>5} {:>5}",
            "", 0, 1, 2, 3, 4
        )?;
        for (c, row) in confusion.iter().enumerate() {
            writeln!(
                out,
                "{:<20} {:>5} {:>5} {:>5} {:>5} {:>5}",
                format!("{c} {}", CLASS_NAMES[c]),
                row[0],
                row[1],
                row[2],
                row[3],
                row[4]
            )?;
        }
        for l in error_lines {
            writeln!(out, "{l}")?;
        }
    }
    Ok(acc)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// One sentence of the CoNLL file: its tokens' byte spans in the rebuilt
/// text, and the gold spans (role, first token, last token + 1).
#[derive(Debug)]
struct NerSentence {
    line: usize,
    text: String,
    tokens: Vec<Span>,
    /// Whether each token is an article ("a", "an", "the").
    det: Vec<bool>,
    gold: Vec<(char, usize, usize)>,
}

/// Tokens that attach to the previous token without a space.
fn glue_left(t: &str) -> bool {
    matches!(
        t,
        "." | "," | ")" | "]" | "'s" | "’s" | "'" | "’" | "%" | ":" | ";" | "?" | "!" | "”" | "n't"
    ) || t == "-"
}

/// Tokens that the next token attaches to without a space.
fn glue_right(t: &str) -> bool {
    matches!(t, "(" | "[" | "$" | "€" | "£" | "“" | "-")
}

/// Rebuilds readable text from tokens ("Baghdad ’ s" → "Baghdad’s",
/// "Syria - related" → "Syria-related"), keeping each token's byte span.
fn detokenize(toks: &[&str]) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(toks.len());
    let mut prev: Option<&str> = None;
    for (i, t) in toks.iter().enumerate() {
        let after_apostrophe_s = matches!(prev, Some("’") | Some("'")) && (*t == "s" || *t == "S");
        // "3 , 000" → "3,000", "6 . 3 million" → "6.3 million": a number's
        // separators were split off as punctuation
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let in_number = i >= 2
            && digits(toks[i - 2])
            && digits(t)
            && ((toks[i - 1] == "," && t.len() == 3) || toks[i - 1] == ".");
        // "Pe ñ a" → "Peña": a letter outside ASCII was split off its word
        let lone_letter = |s: &str| {
            let mut c = s.chars();
            c.next().is_some_and(|c| c.is_alphabetic() && !c.is_ascii()) && c.next().is_none()
        };
        let in_word = lone_letter(t) || prev.is_some_and(lone_letter);
        let space = match prev {
            None => false,
            Some(p) => {
                !(glue_left(t) || glue_right(p) || after_apostrophe_s || in_number || in_word)
            }
        };
        // an opening quote that starts a quotation: keep the space before it
        if space {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(t);
        spans.push(Span::new(start, text.len()));
        prev = Some(toks[i]);
    }
    (text, spans)
}

fn parse_conll(path: &Path, body: &str) -> Result<Vec<NerSentence>> {
    let mut out = Vec::new();
    let mut toks: Vec<&str> = Vec::new();
    let mut labels: Vec<&str> = Vec::new();
    let mut first_line = 1;
    let mut flush = |toks: &mut Vec<&str>, labels: &mut Vec<&str>, line: usize| {
        if toks.is_empty() {
            return;
        }
        let (text, spans) = detokenize(toks);
        let mut gold = Vec::new();
        let mut cur: Option<(char, usize)> = None;
        for (i, l) in labels.iter().enumerate() {
            let (bio, role) = match l.split_once('-') {
                Some((b, r)) => (b, r.chars().next().unwrap_or('O')),
                None => ("O", 'O'),
            };
            let continues = bio == "I" && cur.is_some_and(|(r, _)| r == role);
            if !continues {
                if let Some((r, s)) = cur.take() {
                    gold.push((r, s, i));
                }
                if bio == "B" || bio == "I" {
                    cur = Some((role, i));
                }
            }
        }
        if let Some((r, s)) = cur.take() {
            gold.push((r, s, labels.len()));
        }
        let det = toks
            .iter()
            .map(|t| matches!(t.to_ascii_lowercase().as_str(), "a" | "an" | "the"))
            .collect();
        out.push(NerSentence {
            line,
            text,
            tokens: spans,
            det,
            gold,
        });
        toks.clear();
        labels.clear();
    };
    for (i, line) in body.lines().enumerate() {
        let l = line.trim_end();
        if l.trim().is_empty() {
            flush(&mut toks, &mut labels, first_line);
            first_line = i + 2;
            continue;
        }
        let Some((tok, label)) = l.rsplit_once([' ', '\t']) else {
            bail!(
                "{}:{}: expected a token and a BIO label",
                path.display(),
                i + 1
            );
        };
        let ok = label == "O"
            || (label.len() > 2
                && (label.starts_with("B-") || label.starts_with("I-"))
                && matches!(&label[2..], "S" | "T" | "R"));
        if !ok {
            bail!(
                "{}:{}: label \"{label}\" is not O or B-/I- with S, T or R",
                path.display(),
                i + 1
            );
        }
        let tok = tok.trim();
        if tok.is_empty() {
            bail!("{}:{}: empty token", path.display(), i + 1);
        }
        toks.push(tok);
        labels.push(label);
    }
    flush(&mut toks, &mut labels, first_line);
    Ok(out)
}

/// The token run a byte span covers (every token it overlaps).
fn token_run(tokens: &[Span], sp: Span) -> Option<(usize, usize)> {
    let hit: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.start < sp.end && sp.start < t.end)
        .map(|(i, _)| i)
        .collect();
    Some((*hit.first()?, *hit.last()? + 1))
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn f1(&self) -> f64 {
        let (p, r) = (ratio(self.tp, self.pred), ratio(self.tp, self.gold));
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn json(&self) -> serde_json::Value {
        json!({"tp": self.tp, "predicted": self.pred, "gold": self.gold,
               "precision": ratio(self.tp, self.pred), "recall": ratio(self.tp, self.gold), "f1": self.f1()})
    }
}

/// How close a predicted run must be to a gold run.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Fit {
    /// The same tokens.
    Exact,
    /// The same tokens once a leading article is left off either run (the
    /// gold data write "a Swiss court" but also "Afghan Interior Ministry"
    /// for "The Afghan Interior Ministry").
    Article,
    /// At least one token in common.
    Partial,
}

/// Matches predicted runs to gold runs one-to-one, at most as loosely as
/// `fit` allows; closer fits are matched first, so a loose match does not
/// take a gold run a closer one needs. A gold `R` run accepts either role.
fn match_spans(
    gold: &[(char, usize, usize)],
    pred: &[(char, usize, usize)],
    det: &[bool],
    fit: Fit,
) -> Vec<bool> {
    let trim = |s: usize, e: usize| {
        if e > s + 1 && det.get(s).copied().unwrap_or(false) {
            (s + 1, e)
        } else {
            (s, e)
        }
    };
    let mut used = vec![false; gold.len()];
    let mut hits = vec![false; pred.len()];
    for pass in [Fit::Exact, Fit::Article, Fit::Partial] {
        if pass > fit {
            break;
        }
        for (pi, &(pr, ps, pe)) in pred.iter().enumerate() {
            if hits[pi] {
                continue;
            }
            let found = gold.iter().enumerate().position(|(gi, &(gr, gs, ge))| {
                !used[gi]
                    && (gr == pr || gr == 'R')
                    && match pass {
                        Fit::Exact => gs == ps && ge == pe,
                        Fit::Article => trim(gs, ge) == trim(ps, pe),
                        Fit::Partial => gs < pe && ps < ge,
                    }
            });
            if let Some(gi) = found {
                used[gi] = true;
                hits[pi] = true;
            }
        }
    }
    hits
}

/// The runs the eval takes from a sentence's coded events, given its main
/// event `main`: the phrases of the sources and the targets of every event
/// with the main event's trigger (a coordinated subject or object gives one
/// event per actor: "The United Kingdom and France opposed ..."), each
/// span once, as a source when it is one. Both sides of a symmetric act
/// named together ("Britain and Germany have agreed", coded both ways) are
/// one source run over the coordination, as the data label them.
fn event_runs(text: &str, events: &[Event], main: &Event) -> Vec<(char, Span)> {
    // "Russia says *Israel must* end attacks on Syria": an obligation
    // reported by a speaker is the speaker's demand on the one who must
    // act, and the data label it so (the speaker the source, the one who
    // must the target)
    if let Some(r) = &main.reported_by {
        let sp = main.source_phrase();
        let next = text[sp.end..].split_whitespace().next().unwrap_or("");
        if r.span.end <= sp.start && matches!(next, "must" | "should") {
            return vec![('S', r.span), ('T', sp)];
        }
    }
    let chosen: Vec<&Event> = events
        .iter()
        .filter(|e| e.trigger == main.trigger)
        .collect();
    // the main event's actors first, in their roles (a meeting coded both
    // ways keeps the main event's orientation), then the other events'
    // (a target no words name, such as the people a curfew binds, has
    // only the trigger for its evidence: no span of it to compare)
    let named_target = |e: &Event| e.target_phrase().filter(|t| *t != e.trigger);
    let mut spans: Vec<(char, Span)> = vec![('S', main.source_phrase())];
    spans.extend(named_target(main).map(|t| ('T', t)));
    for e in &chosen {
        let sp = e.source_phrase();
        if !spans.iter().any(|x| x.1 == sp) {
            spans.push(('S', sp));
        }
    }
    for e in &chosen {
        if let Some(tp) = named_target(e) {
            if !spans.iter().any(|x| x.1 == tp) {
                spans.push(('T', tp));
            }
        }
    }
    // what the act is done to besides, joined to a target by "and"
    for e in &chosen {
        for &j in &e.phrases.target_joined {
            if !spans.iter().any(|x| x.1.start < j.end && j.start < x.1.end) {
                spans.push(('T', j));
            }
        }
    }
    // the actors that are both source and target of the trigger (a
    // symmetric act), in text order
    let mut both: Vec<Span> = chosen
        .iter()
        .filter(|e| {
            chosen.iter().any(|x| {
                Some(x.source_phrase()) == e.target_phrase()
                    && x.target_phrase() == Some(e.source_phrase())
            })
        })
        .map(|e| e.source_phrase())
        .collect();
    both.sort_by_key(|s| (s.start, s.end));
    both.dedup();
    let joined = |a: Span, b: Span| {
        a.end <= b.start && matches!(text[a.end..b.start].trim(), "and" | "," | ", and")
    };
    for i in 1..both.len() {
        let (a, b) = (both[i - 1], both[i]);
        if joined(a, b) {
            // "*Both* Britain and Germany"
            let before = text[..a.start].trim_end();
            let word_start = before
                .rfind(|c: char| !c.is_alphabetic())
                .map_or(0, |i| i + 1);
            let start = if matches!(
                before[word_start..].to_ascii_lowercase().as_str(),
                "both" | "either"
            ) {
                word_start
            } else {
                a.start
            };
            let m = Span::new(start, b.end);
            spans.retain(|x| x.1 != a && x.1 != b);
            spans.push(('S', m));
            both[i] = m;
        }
    }
    spans
}

/// The runs the eval takes from a sentence with no coded event but an act
/// (`Coded::acts`, the first in the text): the noun phrase before its
/// trigger as the source (and one joined to it by "and"), and the one after it as the target when that
/// names someone or counts something (a capitalised word or a digit:
/// "another ethnic Chechen" is; "a request", "the release" are not).
fn act_runs(text: &str, act: &Act) -> Vec<(char, Span)> {
    let mut out = Vec::new();
    // "*KRG President Masoud Barzani* and *top Kurdish officials*
    // rejected": each side of a coordinated subject is a run
    out.extend(act.subject_joined.map(|sp| ('S', sp)));
    if let Some(sp) = act.subject {
        out.push(('S', sp));
    }
    let names = |o: &Span| {
        text[o.start..o.end].split_whitespace().any(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
    };
    if let Some(o) = act.object.filter(names) {
        out.push(('T', o));
    }
    out
}

/// Source/target span F1 on a CoNLL file. Returns the exact-match F1.
pub fn run_spans(lex: &Lexicon, tagger: &Tagger, path: &Path, o: &Options) -> Result<f64> {
    let body = std::fs::read_to_string(path)
        .with_context(|| format!("reading ConfliBERT span file {}", path.display()))?;
    let mut sents = parse_conll(path, &body)?;
    if sents.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    if let Some(split) = o.split {
        sents = sents
            .into_iter()
            .enumerate()
            .filter(|(i, _)| split.keeps(*i))
            .map(|(_, s)| s)
            .collect();
    }
    let coder = Coder::new(lex, tagger);
    // [exact, article, partial] x [source, target, all]
    let mut c = [[Counts::default(); 3]; 3];
    let mut with_event = 0;
    let mut with_act = 0;
    let mut error_lines = Vec::new();
    for s in &sents {
        let doc = Doc::plain(format!("line{}", s.line), s.text.clone(), None);
        let coded = coder.code(&doc);
        let events = coded.events;
        let mut from_act = false;
        let runs = if let Some(e) = main_event(lex, &events, MainRule::First) {
            with_event += 1;
            event_runs(&s.text, &events, e)
        } else if let Some(a) = coded.acts.first() {
            with_act += 1;
            from_act = true;
            act_runs(&s.text, a)
        } else {
            // no act the patterns know: the sentence still names its
            // actor first
            coded
                .subjects
                .first()
                .map(|&(_, sp)| ('S', sp))
                .into_iter()
                .collect()
        };
        let pred: Vec<(char, usize, usize)> = runs
            .into_iter()
            .filter_map(|(r, sp)| token_run(&s.tokens, sp).map(|t| (r, t.0, t.1)))
            .collect();
        for (k, fit) in [Fit::Exact, Fit::Article, Fit::Partial]
            .into_iter()
            .enumerate()
        {
            let hits = match_spans(&s.gold, &pred, &s.det, fit);
            for (ri, role) in ['S', 'T'].into_iter().enumerate() {
                let cnt = &mut c[k][ri];
                cnt.pred += pred.iter().filter(|p| p.0 == role).count();
                cnt.tp += pred
                    .iter()
                    .zip(&hits)
                    .filter(|(p, h)| p.0 == role && **h)
                    .count();
            }
            // gold R spans count once, in "all" only; S and T per role
            for (ri, role) in ['S', 'T'].into_iter().enumerate() {
                c[k][ri].gold += s.gold.iter().filter(|g| g.0 == role).count();
            }
            c[k][2].pred += pred.len();
            c[k][2].gold += s.gold.len();
            c[k][2].tp += hits.iter().filter(|h| **h).count();
            let all_right = hits.iter().all(|h| *h) && pred.len() == s.gold.len();
            if o.errors && fit == Fit::Exact && !all_right {
                let show = |v: &[(char, usize, usize)]| {
                    v.iter()
                        .map(|(r, a, b)| {
                            format!(
                                "{r}:\"{}\"",
                                &s.text[s.tokens[*a].start..s.tokens[b - 1].end]
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                error_lines.push(format!(
                    "line {}: gold {} | predicted{} {} | {}",
                    s.line,
                    show(&s.gold),
                    if from_act { " (act)" } else { "" },
                    show(&pred),
                    s.text
                ));
            }
        }
    }
    let exact = c[0][2].f1();
    let mut out = std::io::stdout().lock();
    if o.json {
        let v = json!({
            "file": path.display().to_string(), "sentences": sents.len(),
            "split": o.split.map(Split::name),
            "sentences_with_an_event": with_event,
            "sentences_with_an_act_only": with_act,
            "exact": {"source": c[0][0].json(), "target": c[0][1].json(), "all": c[0][2].json()},
            "article": {"source": c[1][0].json(), "target": c[1][1].json(), "all": c[1][2].json()},
            "partial": {"source": c[2][0].json(), "target": c[2][1].json(), "all": c[2][2].json()},
            "f1_exact": exact, "f1_article": c[1][2].f1(), "f1_partial": c[2][2].f1(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        writeln!(
            out,
            "ConfliBERT span file {}{} — {} sentences, {with_event} with a coded event, {with_act} more with an act",
            path.display(),
            o.split
                .map(|s| format!(", split {}", s.name()))
                .unwrap_or_default(),
            sents.len()
        )?;
        writeln!(
            out,
            "{:<10} {:<8} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
            "match", "role", "tp", "pred", "gold", "prec", "recall", "F1"
        )?;
        for (k, name) in ["exact", "article", "partial"].into_iter().enumerate() {
            for (ri, role) in ["source", "target", "all"].into_iter().enumerate() {
                let x = c[k][ri];
                writeln!(
                    out,
                    "{:<10} {:<8} {:>6} {:>6} {:>6} {:>7.3} {:>7.3} {:>7.3}",
                    name,
                    role,
                    x.tp,
                    x.pred,
                    x.gold,
                    ratio(x.tp, x.pred),
                    ratio(x.tp, x.gold),
                    x.f1()
                )?;
            }
        }
        writeln!(out, "(gold R spans, participants of reciprocal acts, count under \"all\" only and match either role)")?;
        for l in error_lines {
            writeln!(out, "{l}")?;
        }
    }
    Ok(exact)
}

/// Runs the modes asked for (class, spans or both); exit 3 when a score
/// (accuracy, exact span F1) is below `min`.
pub fn run(
    lex: &Lexicon,
    tagger: &Tagger,
    class: Option<&Path>,
    spans: Option<&Path>,
    o: &Options,
    min: Option<f64>,
) -> Result<i32> {
    let mut code = 0;
    for (path, is_class) in [(class, true), (spans, false)] {
        let Some(path) = path else { continue };
        let (score, what) = if is_class {
            (run_class(lex, tagger, path, o)?, "quad-class accuracy")
        } else {
            (run_spans(lex, tagger, path, o)?, "exact span F1")
        };
        if let Some(min) = min {
            if score < min {
                eprintln!("dyad: {what} {score:.3} is below the floor {min:.3}");
                code = 3;
            }
        }
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penta_classes_follow_the_data_not_the_quad_classes() {
        let lex = Lexicon::builtin().unwrap();
        let cases = [
            ("010", 0, 0),
            ("020", 0, 1),
            ("051", 1, 1),
            ("061", 2, 2),
            ("090", 3, 3),
            ("111", 3, 3),
            ("160", 3, 4),
            ("1623", 3, 4),
            ("174", 4, 4),
            ("190", 4, 4),
        ];
        for (code, penta, quad) in cases {
            assert_eq!(penta_class(&lex, code), penta, "{code}");
            assert_eq!(quad_penta(&lex, code), quad, "{code}");
        }
    }

    #[test]
    fn detokenize_joins_clitics_and_hyphens() {
        let toks = [
            "Baghdad", "’", "s", "Syria", "-", "related", "talks", "(", "U.S.", ")", ".",
        ];
        let (text, spans) = detokenize(&toks);
        assert_eq!(text, "Baghdad’s Syria-related talks (U.S.).");
        for (t, sp) in toks.iter().zip(&spans) {
            assert_eq!(&text[sp.start..sp.end], *t);
        }
    }

    #[test]
    fn a_reported_obligation_is_the_speakers_demand() {
        let lex = Lexicon::builtin().unwrap();
        let coder = Coder::new(&lex, Tagger::builtin());
        let text = "Kenya says Ethiopia must withdraw its troops from Somalia.";
        let events = coder.code(&Doc::plain("r", text, None)).events;
        let main = main_event(&lex, &events, MainRule::First).expect("an event");
        let runs: Vec<(char, &str)> = event_runs(text, &events, main)
            .into_iter()
            .map(|(r, sp)| (r, &text[sp.start..sp.end]))
            .collect();
        assert_eq!(runs, [('S', "Kenya"), ('T', "Ethiopia")]);
    }

    #[test]
    fn detokenize_rejoins_numbers_and_split_letters() {
        let toks = [
            "Pe", "ñ", "a", "sent", "3", ",", "000", "troops", "and", "6", ".", "5", "tons", ",",
            "2", ",", "he", "said",
        ];
        let (text, spans) = detokenize(&toks);
        assert_eq!(text, "Peña sent 3,000 troops and 6.5 tons, 2, he said");
        for (t, sp) in toks.iter().zip(&spans) {
            assert_eq!(&text[sp.start..sp.end], *t);
        }
    }

    #[test]
    fn conll_runs_and_bad_labels() {
        let body = "Russia B-S\ncriticized O\nthe B-T\nUS I-T\n. O\n\nA B-R\nmet O\nB B-R\n";
        let s = parse_conll(Path::new("x"), body).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].gold, vec![('S', 0, 1), ('T', 2, 4)]);
        assert_eq!(s[1].gold, vec![('R', 0, 1), ('R', 2, 3)]);
        assert_eq!(s[1].line, 7);
        let err = parse_conll(Path::new("x.txt"), "a B-X\n").unwrap_err();
        assert!(err.to_string().contains("x.txt:1"), "{err}");
    }

    #[test]
    fn exact_and_partial_matching() {
        let gold = [('S', 0, 2), ('T', 3, 5), ('R', 6, 7)];
        // exact source, partial target, a source on an R span, a stray target
        let pred = [('S', 0, 2), ('T', 4, 5), ('S', 6, 7), ('T', 8, 9)];
        let det = [false; 10];
        assert_eq!(
            match_spans(&gold, &pred, &det, Fit::Exact),
            vec![true, false, true, false]
        );
        assert_eq!(
            match_spans(&gold, &pred, &det, Fit::Partial),
            vec![true, true, true, false]
        );
        // "a Swiss court" vs "Swiss court": right once the article is left off
        let mut det = [false; 10];
        det[3] = true;
        let gold = [('T', 3, 5)];
        let pred = [('T', 4, 5)];
        assert_eq!(match_spans(&gold, &pred, &det, Fit::Exact), vec![false]);
        assert_eq!(match_spans(&gold, &pred, &det, Fit::Article), vec![true]);
    }
}
