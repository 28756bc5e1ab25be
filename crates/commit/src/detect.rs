//! Sentence analysis: is this sentence a commitment, and of what kind.
//!
//! A commitment needs a binding expression (`bind.cue`) whose subject can
//! act, followed by an act. The checks run in the order a reader would
//! apply them, and the first that fails names the reason:
//!
//! 1. a question, or a condition in the sentence (`if`, `unless`; not "if
//!    elected") -> not a commitment;
//! 2. a negation right after the expression ("will not") -> a refusal;
//! 3. "will" + a forecast verb ("will mark", "will be" + complement) -> a
//!    forecast; an active "will" whose subject cannot act ("this", "the
//!    year", "growth") -> a forecast;
//! 4. "committed to" + a noun ("committed to justice") -> a stance.
//!
//! Manifesto bullets without a subject ("Set up four universities";
//! "Creation of two theme parks") are commitments by their opening verb.
//! Scope: a figure to reach, a checkable verb (`specific` in `scope.cue`)
//! or an unknown verb with a due date make it specific; a verb of effort
//! (`broad`) or a vague lead-in ("continue to", "work to") make it broad.
use crate::cues::{Cue, Cues};
use dyad_extract::QtyLexicon;
use dyad_text::{Span, Token, TokenKind};
use dyad_time::{Relation, TimeExpr};

/// What the analysis found in one sentence; token indexes are into the
/// sentence's tokens, spans into the text given.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The binding expression (or the opening verb of a bullet).
    pub cue: Span,
    pub cue_kind: String,
    /// `file:line` of the cue that fired.
    pub rule: String,
    /// Tokens of the subject (may be empty: a bullet, a passive).
    pub subject: (usize, usize),
    /// The subject can act (an actor, a pronoun, an institution).
    pub agentive: bool,
    pub passive: bool,
    /// The verb of the act, normalised.
    pub verb: Option<String>,
    /// The act: from the verb (or the passive subject) to the clause end.
    pub action: Span,
    pub target: Option<Target>,
    pub due: Option<Due>,
    pub specific: bool,
    /// Why specific or broad, with the cue line when one decided.
    pub scope_rule: String,
    pub why: Vec<String>,
}

/// A figure the act is to reach.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub measure: Option<String>,
    /// Whether the measure names a relation between two actors (trade).
    pub value: f64,
    pub unit: String,
    /// `true`: at least the figure (increase to); `false`: at most (cut to).
    pub floor: bool,
    pub span: Span,
}

/// When the act is due.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    /// ISO 8601 at the precision of the text ("2024", "2022-02").
    pub iso: String,
    /// `before` ("by 2024") or `at` ("in February 2022").
    pub relation: &'static str,
    pub start: chrono::NaiveDate,
    pub end: chrono::NaiveDate,
    pub span: Span,
}

/// Why a sentence is not a commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub reason: String,
}

const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "while", "as", "which", "who", "that", "because", "so", "whereas", "where",
    "when", "although", "though",
];

const ADVERB_SKIP: &[&str] = &[
    "also",
    "then",
    "soon",
    "now",
    "again",
    "together",
    "jointly",
    "both",
    "all",
    "only",
    "first",
    "immediately",
    "quickly",
    "swiftly",
    "duly",
    "certainly",
    "definitely",
    "surely",
    "not",
    "too",
    "still",
];

const IRREGULAR_PARTICIPLES: &[&str] = &[
    "set",
    "made",
    "built",
    "held",
    "given",
    "taken",
    "done",
    "put",
    "laid",
    "brought",
    "sent",
    "paid",
    "kept",
    "run",
    "shut",
    "cut",
    "spent",
    "met",
    "sought",
    "undertaken",
    "begun",
    "drawn",
    "shown",
    "seen",
    "known",
    "written",
    "chosen",
    "driven",
    "grown",
    "thrown",
    "won",
    "sold",
    "told",
    "found",
    "left",
    "led",
    "lent",
    "read",
    "spread",
    "bound",
    "struck",
    "dealt",
    "meant",
    "felt",
    "heard",
    "hit",
    "let",
    "overseen",
    "rebuilt",
    "reset",
    "upheld",
    "withdrawn",
];

fn is_participle(w: &str) -> bool {
    (w.len() > 4 && (w.ends_with("ed") || w.ends_with("en"))) || IRREGULAR_PARTICIPLES.contains(&w)
}

fn is_boundary(t: &Token) -> bool {
    matches!(
        t.norm.as_str(),
        ";" | ":" | "," | "—" | "–" | "(" | ")" | "\""
    ) || CLAUSE_WORDS.contains(&t.norm.as_str())
}

/// Where a sentence's content starts: after list markers ("3.", "a)", "-").
pub(crate) fn content_start(toks: &[Token]) -> usize {
    let mut i = 0;
    while i < toks.len() && i < 4 {
        let t = &toks[i];
        let marker = t.kind == TokenKind::Punct
            || t.kind == TokenKind::Symbol
            || t.kind == TokenKind::Number
            || (t.norm.len() == 1
                && toks
                    .get(i + 1)
                    .is_some_and(|n| n.norm == "." || n.norm == ")"));
        if !marker {
            break;
        }
        i += 1;
    }
    i
}

/// Context the analysis needs besides the words.
pub struct Ctx<'a> {
    pub cues: &'a Cues,
    pub qty: &'a QtyLexicon,
    /// Whether tokens `a..b` contain an actor, person or agent of the main
    /// lexicon (the caller knows the lexicon).
    pub has_actor: &'a dyn Fn(usize, usize) -> bool,
    /// The sentence's time expressions, tagged when first asked for (most
    /// sentences hold no binding expression and never need them).
    pub dates: &'a dyn Fn() -> &'a [TimeExpr],
    pub doc_date: Option<chrono::NaiveDate>,
    /// Whether the reason of a rejection is read (the pledge model of
    /// manifestos reads it): when not, a [`Rejection`]'s reason is left
    /// empty, never formatted.
    pub reasons: bool,
}

/// A cheap and exact pre-test: whether [`analyse`] can accept the sentence
/// at all. It accepts only a binding expression from the content start on,
/// or a bullet opening with a scope cue; a sentence with neither is
/// rejected whatever else it says, so the caller can skip its analysis.
pub fn may_bind(cues: &Cues, toks: &[Token]) -> bool {
    may_bind_from(cues, toks).is_some()
}

/// As [`may_bind`]; when the sentence may bind, the token before which
/// no binding expression starts, for [`analyse_from`] (the first one's,
/// or the sentence's length when it has none).
pub fn may_bind_from(cues: &Cues, toks: &[Token]) -> Option<usize> {
    if toks.is_empty() {
        return None;
    }
    // (the cue sets read the tokens' norms in place: no vector of them
    // for every sentence)
    let s0 = content_start(toks);
    if let Some(i) = (s0..toks.len()).find(|&i| cues.bind.at(toks, i, &[]).is_some()) {
        return Some(i);
    }
    cues.scope
        .at(toks, s0, &["nominal", "specific"])
        .map(|_| toks.len())
}

/// Analyses one sentence (`span` of `text`, tokens `toks`).
pub fn analyse(cx: &Ctx, text: &str, span: Span, toks: &[Token]) -> Result<Finding, Rejection> {
    analyse_from(cx, text, span, toks, 0)
}

/// As [`analyse`], knowing that no binding expression starts before token
/// `bind_from` (what [`may_bind_from`] found): the same result, without
/// looking for one again there.
pub fn analyse_from(
    cx: &Ctx,
    text: &str,
    span: Span,
    toks: &[Token],
    bind_from: usize,
) -> Result<Finding, Rejection> {
    let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
    let c = cx.cues;
    let reject = |r: String| Err(Rejection { reason: r });
    if toks.is_empty() {
        return reject("empty sentence".into());
    }
    if let Some(q) = c.block.cues.iter().find(|q| q.kind == "question") {
        if norms.last() == Some(&q.tokens[0].as_str()) {
            if !cx.reasons {
                return reject(String::new());
            }
            return reject(format!("a question ({})", q.origin));
        }
    }
    let s0 = content_start(toks);
    // conditions anywhere in the sentence, unless exempt ("if elected")
    let mut i = s0;
    while i < norms.len() {
        // the first exempt and the first conditional cue here, from one
        // lookup (what `at` with either kind gives)
        let (mut ex, mut cond) = (None, None);
        for q in c.block.matches(&norms, i) {
            match q.kind.as_str() {
                "exempt" if ex.is_none() => ex = Some(q),
                "conditional" if cond.is_none() => cond = Some(q),
                _ => {}
            }
        }
        if let Some(ex) = ex {
            i += ex.tokens.len();
            continue;
        }
        if let Some(cond) = cond {
            if !cx.reasons {
                return reject(String::new());
            }
            return reject(format!(
                "conditional: \"{}\" ({})",
                cond.tokens.join(" "),
                cond.origin
            ));
        }
        i += 1;
    }
    let mut first_rejection: Option<String> = None;
    // no binding expression starts before `bind_from`
    let mut i = s0.max(bind_from);
    while i < norms.len() {
        let Some(cue) = c.bind.at(&norms, i, &[]) else {
            i += 1;
            continue;
        };
        let j = i + cue.tokens.len();
        // (only the first rejection's reason is kept)
        let keep_reason = cx.reasons && first_rejection.is_none();
        match check_cue(cx, text, span, toks, &norms, s0, i, j, cue, keep_reason) {
            Ok(f) => return Ok(f),
            Err(r) => {
                first_rejection.get_or_insert(r);
                i = j;
            }
        }
    }
    if let Some(r) = first_rejection {
        return reject(r);
    }
    // bullets: an opening verb or nominal pledge, with no subject
    if let Some(f) = bullet(cx, text, span, toks, &norms, s0) {
        return Ok(f);
    }
    reject("no binding expression".into())
}

/// A manifesto bullet: "Set up four universities", "Creation of ...".
fn bullet(
    cx: &Ctx,
    text: &str,
    span: Span,
    toks: &[Token],
    norms: &[&str],
    s0: usize,
) -> Option<Finding> {
    let c = cx.cues;
    let cue = c.scope.at(norms, s0, &["nominal", "specific"])?;
    // the exact base form only ("set up", not "setting up" unless listed)
    if cue.kind == "specific" && cue.tokens.iter().zip(&norms[s0..]).any(|(a, b)| a != b) {
        return None;
    }
    let j = s0 + cue.tokens.len();
    // "Open markets are ..." : a verb-like opening followed by a finite verb
    if norms[j..]
        .iter()
        .take(6)
        .any(|w| matches!(*w, "is" | "are" | "was" | "were" | "has" | "have" | "had"))
    {
        return None;
    }
    let end = clause_end(toks, j);
    let action = Span::new(toks[s0].span.start, end_byte(toks, end, span));
    let mut f = Finding {
        cue: Span::new(toks[s0].span.start, toks[j - 1].span.end),
        cue_kind: format!("bullet-{}", cue.kind),
        rule: cue.origin.clone(),
        subject: (s0, s0),
        agentive: true,
        passive: false,
        verb: Some(cue.tokens.join(" ")),
        action,
        target: None,
        due: None,
        specific: true,
        scope_rule: format!("bullet opening with a checkable act ({})", cue.origin),
        why: vec![format!(
            "a bullet opening with \"{}\" ({}): the speaker's pledge",
            cue.tokens.join(" "),
            cue.origin
        )],
    };
    f.target = target(cx, text, toks, norms, s0, end);
    f.due = due(cx, toks, s0);
    Some(f)
}

fn end_byte(toks: &[Token], end: usize, span: Span) -> usize {
    if end == 0 {
        return span.start;
    }
    toks.get(end - 1).map(|t| t.span.end).unwrap_or(span.end)
}

/// The token index where the clause starting at `from` ends (exclusive):
/// the next `;` or `:` or the sentence end (a final "." excluded).
fn clause_end(toks: &[Token], from: usize) -> usize {
    let mut end = toks.len();
    for (k, t) in toks.iter().enumerate().skip(from) {
        if matches!(t.norm.as_str(), ";" | ":") {
            end = k;
            break;
        }
    }
    while end > from && matches!(toks[end - 1].norm.as_str(), "." | "!" | "\"" | "”") {
        end -= 1;
    }
    end
}

#[allow(clippy::too_many_arguments)]
fn check_cue(
    cx: &Ctx,
    text: &str,
    span: Span,
    toks: &[Token],
    norms: &[&str],
    s0: usize,
    i: usize,
    j: usize,
    cue: &Cue,
    keep_reason: bool,
) -> Result<Finding, String> {
    let c = cx.cues;
    // the reason of a rejection, formatted only when the caller keeps it
    // (only the first rejection of a sentence is kept, and only where the
    // reasons are read: [`Ctx::reasons`])
    macro_rules! reject {
        ($($arg:tt)*) => {
            return Err(if keep_reason { format!($($arg)*) } else { String::new() })
        };
    }
    let cue_text = Joined(&cue.tokens);
    // "the will of the people": the noun, not the modal
    if cue.tokens.len() == 1 {
        let before = i
            .checked_sub(1)
            .and_then(|b| c.block.at(norms, b, &["noun_before"]));
        let after = c.block.at(norms, j, &["noun_after"]);
        if let Some(n) = before.or(after) {
            reject!(
                "\"{cue_text}\" is a noun here (\"{}\", {})",
                n.tokens.join(" "),
                n.origin
            );
        }
    }
    // subject: back to the clause boundary; an empty clause takes the one before
    let mut a = i;
    while a > s0 && !is_boundary(&toks[a - 1]) {
        a -= 1;
    }
    // a relative pronoun is the subject ("a release that will come out")
    if a > s0 && matches!(norms[a - 1], "which" | "that" | "who") {
        a -= 1;
    }
    if a == i && a > s0 {
        let mut b = a - 1;
        while b > s0 && !is_boundary(&toks[b - 1]) {
            b -= 1;
        }
        a = b;
    }
    let subject = (a, i);
    let subj_actor = (cx.has_actor)(a, i);
    let subj_agent = (a..i).any(|k| c.agents.at(norms, k, &["agent"]).is_some());
    let subj_inert = (a..i).any(|k| c.agents.at(norms, k, &["inert"]).is_some());
    let agentive = subj_actor || subj_agent || a == i;
    if let Some(neg) = c.block.at(norms, j, &["negation"]) {
        reject!(
            "a refusal, not a commitment: \"{cue_text} {}\" ({})",
            neg.tokens.join(" "),
            neg.origin
        );
    }
    // the verb: skip adverbs and vague lead-ins ("would be" hands its "be" on)
    let mut k = if cue.tokens.last().is_some_and(|t| t == "be") {
        j - 1
    } else {
        j
    };
    let mut vague: Option<&Cue> = None;
    let mut passive = false;
    for _ in 0..6 {
        if k >= norms.len() {
            break;
        }
        if let Some(v) = c.scope.at(norms, k, &["vague"]) {
            vague.get_or_insert(v);
            k += v.tokens.len();
            continue;
        }
        let w = norms[k];
        if ADVERB_SKIP.contains(&w) || (w.len() > 4 && w.ends_with("ly")) || w == "," {
            k += 1;
            continue;
        }
        if w == "be"
            && norms
                .get(k + 1)
                .is_some_and(|n| n.len() > 4 && n.ends_with("ing"))
        {
            // "will be meeting": a progressive act
            k += 1;
            break;
        }
        if w == "be" && !passive {
            // "be" + participle is a passive act; adverbs may intervene
            let mut m = k + 1;
            while m < norms.len()
                && (ADVERB_SKIP.contains(&norms[m])
                    || (norms[m].len() > 4 && norms[m].ends_with("ly"))
                    || c.scope.at(norms, m, &["vague"]).is_some())
            {
                if let Some(v) = c.scope.at(norms, m, &["vague"]) {
                    vague.get_or_insert(v);
                }
                m += 1;
            }
            if m < norms.len() && is_participle(norms[m]) {
                passive = true;
                k = m;
            }
            break;
        }
        break;
    }
    if k >= norms.len() {
        reject!("\"{cue_text}\" is not followed by an act");
    }
    let verb_word = norms[k];
    if toks[k].kind == TokenKind::Punct {
        reject!("\"{cue_text}\" is not followed by an act");
    }
    if let Some((_, w)) = c.block.find(norms, s0, i, &["wish"]) {
        reject!(
            "a wish about another's act: \"{}\" ({})",
            w.tokens.join(" "),
            w.origin
        );
    }
    if cue.kind == "plan" && !subj_actor && !subj_agent {
        reject!(
            "a schedule, not a commitment: the subject \"{}\" cannot act",
            words(toks, text, a, i)
        );
    }
    if cue.kind == "modal" && !passive {
        if let Some(f) = c.block.at(norms, k, &["forecast"]) {
            let there = subject.1 > subject.0 && norms[subject.1 - 1] == "there";
            if !(there && verb_word == "be") {
                reject!(
                    "a forecast or description: \"{cue_text} {}\" ({})",
                    f.tokens.join(" "),
                    f.origin
                );
            }
        }
        if subj_inert && !subj_actor && !subj_agent {
            reject!(
                "a forecast: the subject \"{}\" cannot act",
                words(toks, text, a, i)
            );
        }
        if !agentive {
            if let Some(f) = c.block.at(norms, k, &["soft"]) {
                reject!(
                    "a forecast: \"{}\" {} \"{}\" ({}), and the subject is not an actor",
                    words(toks, text, a, i),
                    cue_text,
                    f.tokens.join(" "),
                    f.origin
                );
            }
        }
    }
    let next = norms.get(j).copied().unwrap_or("");
    if cue.tokens.last().is_some_and(|t| t == "to") && cue.kind == "goal" {
        let act = next.ends_with("ing")
            || c.scope
                .at(norms, j, &["specific", "broad", "vague"])
                .is_some();
        if !act {
            reject!("a stance, not an act: \"{cue_text} {next}\"");
        }
    }
    if cue.tokens.last().is_some_and(|t| t == "to")
        && matches!(
            next,
            "the" | "a" | "an" | "this" | "these" | "its" | "their"
        )
    {
        reject!("\"{cue_text}\" takes a noun phrase, not an act");
    }
    // (made only now: a rejected cue never reads it)
    // (the lines of `why` and the scope rule are joined from their parts,
    // not formatted: they are made for every commitment found)
    let mut why = vec![quoted(
        "binding expression ",
        &cue.tokens,
        &[&cue.kind, ", ", &cue.origin],
    )];
    let end = clause_end(toks, k).max(k + 1);
    let act_from = if passive { a } else { k };
    let action = Span::new(toks[act_from].span.start, end_byte(toks, end, span));
    if passive {
        why.push(
            [
                "passive: \"be ",
                verb_word,
                "\", the act is done to the subject",
            ]
            .concat(),
        );
    } else if a == i {
        why.push("no subject: the speaker's own act".into());
    } else {
        why.push(
            [
                "subject \"",
                words(toks, text, a, i),
                "\"",
                if subj_actor {
                    " names an actor"
                } else if subj_agent {
                    " can act"
                } else {
                    ""
                },
            ]
            .concat(),
        );
    }
    let tgt = target(cx, text, toks, norms, if passive { a } else { k }, end);
    let du = due(cx, toks, s0);
    let scope_cue = c.scope.at(norms, k, &["specific", "broad"]);
    // (the act's figures from its tokens, when it ends at one's end)
    let act_figures = || match toks.get(act_from..end) {
        Some(t @ [.., last]) if last.span.end == action.end => {
            dyad_extract::figures_of_tokens(cx.qty, text, t)
        }
        _ => dyad_extract::figures(cx.qty, text, action),
    };
    let number_in_act = tgt.is_none()
        && act_figures()
            .iter()
            .any(|fg| fg.value.is_some() && !is_year(fg.value));
    // a manner of working ("adopt an approach", "steps will be taken")
    let obj_from = if passive { a } else { k + 1 };
    let obj_to = if passive { k } else { (k + 6).min(end) };
    let vague_obj = (obj_from..obj_to).find_map(|m| c.scope.at(norms, m, &["vague_object"]));
    let anaphoric = passive && subj_inert && !subj_actor && !subj_agent;
    let (specific, scope_rule) = if let Some(t) = &tgt {
        (
            true,
            format!("a figure to reach: {} {}", fmt_value(t.value), t.unit),
        )
    } else if let Some(v) = vague_obj {
        (
            false,
            quoted("a manner of working: ", &v.tokens, &[&v.origin]),
        )
    } else if anaphoric {
        (
            false,
            ["the act is named only by \"", words(toks, text, a, i), "\""].concat(),
        )
    } else if let Some(v) =
        vague.filter(|_| scope_cue.is_none_or(|s| s.kind != "specific") || du.is_none())
    {
        (
            false,
            quoted("a direction of effort: ", &v.tokens, &[&v.origin]),
        )
    } else if let Some(s) = scope_cue {
        if s.kind == "specific" {
            (true, quoted("a checkable act: ", &s.tokens, &[&s.origin]))
        } else {
            (
                false,
                quoted("a direction of effort: ", &s.tokens, &[&s.origin]),
            )
        }
    } else if let Some(d) = &du {
        (true, ["an act with a due date (", &d.iso, ")"].concat())
    } else if number_in_act {
        (true, "a counted act (a number in the act)".to_string())
    } else {
        (
            passive,
            [
                "no checkable act, figure or date (verb \"",
                verb_word,
                "\")",
                if passive {
                    "; a passive act is taken as checkable"
                } else {
                    ""
                },
            ]
            .concat(),
        )
    };
    Ok(Finding {
        cue: Span::new(toks[i].span.start, toks[j - 1].span.end),
        cue_kind: cue.kind.clone(),
        rule: cue.origin.clone(),
        subject,
        agentive,
        passive,
        verb: Some(verb_word.to_string()),
        action,
        target: tgt,
        due: du,
        specific,
        scope_rule,
        why,
    })
}

/// A cue's tokens written with a space between them (what
/// `tokens.join(" ")` gives) when formatted, with no string made before.
struct Joined<'a>(&'a [String]);

impl std::fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (k, t) in self.0.iter().enumerate() {
            if k > 0 {
                f.write_str(" ")?;
            }
            f.write_str(t)?;
        }
        Ok(())
    }
}

/// `before`, the words quoted and joined by spaces, and `origin`'s parts
/// in parentheses: `before"w1 w2" (o1o2)`, as `format!` with
/// [`Joined`] writes it, in one allocation.
fn quoted(before: &str, words: &[String], origin: &[&str]) -> String {
    let n = before.len()
        + words.iter().map(|w| w.len() + 1).sum::<usize>()
        + origin.iter().map(|o| o.len()).sum::<usize>()
        + 4;
    let mut s = String::with_capacity(n);
    s.push_str(before);
    s.push('"');
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(w);
    }
    s.push_str("\" (");
    for o in origin {
        s.push_str(o);
    }
    s.push(')');
    s
}

fn is_year(v: Option<f64>) -> bool {
    v.is_some_and(|v| (1900.0..=2100.0).contains(&v) && v.fract() == 0.0)
}

fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn words<'t>(toks: &[Token], text: &'t str, a: usize, b: usize) -> &'t str {
    if a >= b || b > toks.len() {
        return "";
    }
    text.get(toks[a].span.start..toks[b - 1].span.end)
        .unwrap_or("")
}

/// The first currency, percent or count figure of tokens `from..to` that is
/// not a year, with its measure and direction.
fn target(
    cx: &Ctx,
    text: &str,
    toks: &[Token],
    norms: &[&str],
    from: usize,
    to: usize,
) -> Option<Target> {
    if from >= to || to > toks.len() {
        return None;
    }
    let fig = dyad_extract::figures_of_tokens(cx.qty, text, &toks[from..to])
        .into_iter()
        .find(|f| {
            f.value.is_some() && matches!(f.dim.as_deref(), Some("currency") | Some("percent"))
        })?;
    let value = fig.value?;
    let unit = fig.unit.clone()?;
    // tokens before the figure: the measure (nearest) and the direction
    let fig_tok = toks
        .iter()
        .position(|t| t.span.start >= fig.span.start)
        .unwrap_or(to);
    let c = cx.cues;
    let mut measure = None;
    let mut floor = true;
    let mut dir_found = false;
    for k in (from.saturating_sub(12)..fig_tok).rev() {
        if measure.is_none() {
            if let Some(m) = c.figure.at(norms, k, &["measure"]) {
                measure = m.value.clone();
            }
        }
        if !dir_found {
            if let Some(d) = c.figure.at(norms, k, &["up", "down"]) {
                floor = d.kind == "up";
                dir_found = true;
            }
        }
    }
    Some(Target {
        measure,
        value,
        unit,
        floor,
        span: fig.span,
    })
}

/// The due date: a "by" expression anywhere in the sentence, else a dated
/// expression that is not in the past of the document.
fn due(cx: &Ctx, toks: &[Token], s0: usize) -> Option<Due> {
    let from = toks.get(s0).map(|t| t.span.start).unwrap_or(0);
    let ok = |e: &&TimeExpr| {
        e.span.start >= from
            && e.value
                .bounds()
                .is_some_and(|(_, end)| cx.doc_date.is_none_or(|d| end >= d))
    };
    let dates = (cx.dates)();
    let pick = dates
        .iter()
        .filter(ok)
        .find(|e| e.relation == Relation::Before)
        .or_else(|| dates.iter().filter(ok).find(|e| e.relation == Relation::At))?;
    let (start, end) = pick.value.bounds()?;
    let before = pick.relation == Relation::Before;
    let start = if before {
        cx.doc_date.unwrap_or(start).min(start)
    } else {
        start
    };
    Some(Due {
        iso: pick.value.iso(),
        relation: if before { "before" } else { "at" },
        start,
        end,
        span: pick.span,
    })
}

/// A pledge the rules did not find and the pledge model did: the act is
/// the sentence's content (after any list marker) up to the clause end,
/// with the due date and target figure the rules would read in it.
pub(crate) fn model_finding(
    cx: &Ctx,
    text: &str,
    span: Span,
    toks: &[Token],
    rules: &Rejection,
    note: String,
    origin: &str,
) -> Finding {
    let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
    let s0 = content_start(toks).min(toks.len().saturating_sub(1));
    let end = clause_end(toks, s0).max(s0 + 1).min(toks.len());
    let action = Span::new(toks[s0].span.start, end_byte(toks, end, span));
    Finding {
        cue: action,
        cue_kind: "model".into(),
        rule: origin.into(),
        subject: (s0, s0),
        agentive: false,
        passive: false,
        verb: None,
        action,
        target: target(cx, text, toks, &norms, s0, end),
        due: due(cx, toks, s0),
        specific: true,
        scope_rule: note.clone(),
        why: vec![
            format!("the rules found no commitment: {}", rules.reason),
            note,
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::{quoted, Joined};

    /// The lines joined from their parts are what `format!` wrote.
    #[test]
    fn quoted_lines_are_the_formatted_ones() {
        for words in [
            &[][..],
            &["will".to_string()],
            &["is", "ready", "to"].map(String::from),
        ] {
            assert_eq!(
                quoted("binding expression ", words, &["modal", ", ", "bind.txt:3"]),
                format!(
                    "binding expression \"{}\" ({}, {})",
                    Joined(words),
                    "modal",
                    "bind.txt:3"
                )
            );
            assert_eq!(
                quoted("a checkable act: ", words, &["scope.txt:9"]),
                format!(
                    "a checkable act: \"{}\" ({})",
                    words.join(" "),
                    "scope.txt:9"
                )
            );
        }
    }
}
