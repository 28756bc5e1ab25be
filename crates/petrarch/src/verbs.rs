//! The verb dictionary (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`): synsets,
//! verb blocks with their forms and patterns, to dyad verb patterns.
//!
//! A PETRARCH pattern is matched against a parse tree; dyad matches token
//! sequences with bounded gaps. The translation keeps the order of the
//! pattern's words around the verb (`*`), turns `_` (adjacent words) and
//! `{...}` noun phrases into adjacent tokens and spaces into gaps, `$`/`+`
//! after the verb into `{S}`/`{T}` slots, `^` (skip a phrase) into a gap,
//! and expands synsets (`&NAME`) and the block's verbs into alternatives:
//! single-token alternatives become one `(a|b+|c)` group, multi-word ones
//! separate patterns.
use crate::lines::clean;
use crate::Importer;
use dyad_text::{tokenize, Span};
use std::collections::{BTreeMap, BTreeSet};

/// Most patterns a single PETRARCH pattern may expand into.
const MAX_VARIANTS: usize = 64;
/// Gap standing for `^` (a skipped noun phrase).
const SKIP_GAP: &str = "*6";

/// One token of a dyad alternative: a word and whether it takes inflections.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Tok {
    word: String,
    infl: bool,
}

/// One way to fill a position: one or more adjacent tokens.
type Opt = Vec<Tok>;

#[derive(Debug, Clone)]
enum Item {
    Word(String, bool),
    Syn(String),
    Verb,
    Src,
    Tgt,
    Skip,
    Compound,
}

#[derive(Debug, Clone)]
enum Piece {
    Choice(Vec<Opt>),
    Src,
    Tgt,
}

struct Verb {
    /// Ways to write the verb (base and its forms), each a token sequence.
    opts: Vec<Opt>,
    code: Option<String>,
    line: usize,
    text: String,
}

fn ntoks(s: &str) -> Vec<String> {
    tokenize(s, Span::new(0, s.len()))
        .into_iter()
        .map(|t| String::from(t.norm))
        .collect()
}

/// Words that keep their form (no inflection) in patterns.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "to"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "from"
            | "into"
            | "over"
            | "as"
            | "against"
            | "near"
            | "and"
            | "or"
            | "not"
            | "no"
            | "will"
            | "would"
            | "should"
            | "may"
            | "must"
            | "can"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "said"
            | "up"
            | "down"
            | "out"
            | "off"
            | "toward"
            | "towards"
            | "upon"
            | "about"
            | "between"
    )
}

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "to" | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "from"
            | "into"
            | "over"
            | "about"
            | "against"
            | "toward"
            | "towards"
            | "upon"
            | "between"
            | "near"
            | "onto"
            | "across"
            | "through"
    )
}

/// A PETRARCH word (`BANNED`, `CASH_`, `UN_PEACEKEEPERS`) as tokens.
fn word_opt(w: &str, exact: bool) -> Option<Opt> {
    let mut out = Vec::new();
    let parts: Vec<&str> = w.split(['_', ' ']).filter(|p| !p.is_empty()).collect();
    let last = parts.len().saturating_sub(1);
    for (i, p) in parts.iter().enumerate() {
        if p.contains([
            '(', ')', '[', ']', '{', '}', '|', '*', '#', '=', '&', '$', '%', '^',
        ]) {
            return None;
        }
        let t = ntoks(p);
        if t.is_empty() {
            return None;
        }
        let single = t.len() == 1;
        for x in t {
            let infl = single && i == last && !exact && !is_function_word(&x) && x.len() > 2;
            out.push(Tok { word: x, infl });
        }
    }
    (!out.is_empty()).then_some(out)
}

fn render_tok(t: &Tok) -> String {
    if t.infl {
        format!("{}+", t.word)
    } else {
        t.word.clone()
    }
}

/// Parses a verb line: `HURRY {HURRIES HURRYING HURRIED }`, `+BREAK_DOWN {...}`,
/// `KLM_NOP_+RST [002]`, `DOWNPLAY [014]`.
fn parse_verb(line: &str, n: usize) -> Result<Verb, String> {
    let t = line.trim();
    let code = match (t.find('['), t.rfind(']')) {
        (Some(a), Some(b)) if a < b => Some(t[a + 1..b].trim().to_string()),
        (Some(_), _) => return Err("unclosed [ in a verb line".into()),
        _ => None,
    };
    let forms: Option<Vec<String>> = match (t.find('{'), t.find('}')) {
        (Some(a), Some(b)) if a < b => Some(
            t[a + 1..b]
                .split_whitespace()
                .map(|s| s.to_string())
                .collect(),
        ),
        (Some(_), _) => return Err("unclosed { in a verb line".into()),
        _ => None,
    };
    let head_end = t.find(['{', '[']).unwrap_or(t.len());
    let head = t[..head_end].trim();
    if head.is_empty() {
        return Err("verb line without a verb".into());
    }
    // words of a (multi-word) verb and the position of the verb proper
    let split = |s: &str| -> (Vec<String>, usize) {
        let s = s.trim_start_matches('+');
        let words: Vec<&str> = s.split('_').filter(|w| !w.is_empty()).collect();
        let pos = words.iter().position(|w| w.starts_with('+')).unwrap_or(0);
        (
            words
                .iter()
                .map(|w| w.trim_start_matches('+').to_string())
                .collect(),
            pos,
        )
    };
    let mk = |words: &[String], pos: usize, infl: bool| -> Option<Opt> {
        let mut o = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let t = ntoks(w);
            if t.is_empty() || w.contains(['(', ')', '|', '*', '#', '&', '$', '%', '^']) {
                return None;
            }
            let single = t.len() == 1;
            for x in t {
                o.push(Tok {
                    word: x,
                    infl: infl && i == pos && single,
                });
            }
        }
        Some(o)
    };
    let (words, pos) = split(head);
    let mut opts = Vec::new();
    match &forms {
        None => opts.push(mk(&words, pos, true).ok_or("verb has no usable word")?),
        Some(fs) => {
            opts.push(mk(&words, pos, false).ok_or("verb has no usable word")?);
            for f in fs {
                let (fw, fp) = split(f);
                if let Some(o) = mk(&fw, fp, false) {
                    opts.push(o);
                }
            }
        }
    }
    Ok(Verb {
        opts,
        code,
        line: n,
        text: t.to_string(),
    })
}

/// Tokenises a pattern body (the part between `-` and `[code]`).
fn parse_items(body: &str) -> Vec<(Item, bool)> {
    let mut out: Vec<(Item, bool)> = Vec::new();
    let mut in_brace = false;
    for chunk in body.split_whitespace() {
        let opens = chunk.contains('{');
        let closes = chunk.contains('}');
        let clean: String = chunk.chars().filter(|c| !"(){}".contains(*c)).collect();
        let brace_join = in_brace && !opens;
        if opens {
            in_brace = true;
        }
        if closes {
            in_brace = false;
        }
        let parts: Vec<&str> = clean.split('_').collect();
        let mut first = true;
        let n = parts.len();
        for (i, p) in parts.iter().enumerate() {
            if p.is_empty() {
                // a trailing `_` marks the word before as exact (no plural)
                if i == n - 1 && i > 0 {
                    if let Some((Item::Word(_, exact), _)) = out.last_mut() {
                        *exact = true;
                    }
                }
                continue;
            }
            let joined = if first { brace_join } else { true };
            first = false;
            let item = match *p {
                "*" => Item::Verb,
                "$" => Item::Src,
                "+" => Item::Tgt,
                "^" => Item::Skip,
                "%" => Item::Compound,
                w if w.starts_with('&') => Item::Syn(w[1..].trim_end_matches('_').to_string()),
                w => Item::Word(w.to_string(), false),
            };
            out.push((item, joined));
        }
    }
    out
}

/// Reads the file: synsets first (they may be used before they are defined).
pub(crate) fn import(imp: &mut Importer, file: &str, text: &str) {
    let lines = clean(text);
    let mut synsets: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    {
        let mut cur: Option<String> = None;
        for (n, l) in &lines {
            let t = l.trim();
            if let Some(name) = t.strip_prefix('&') {
                let name = name.split_whitespace().next().unwrap_or("");
                let name = name.trim_end_matches('_').to_string();
                synsets.entry(name.clone()).or_default();
                cur = Some(name);
                imp.stats.synsets += 1;
            } else if let (Some(c), Some(m)) = (&cur, t.strip_prefix('+')) {
                if let Some(v) = synsets.get_mut(c) {
                    v.push((m.trim().to_string(), *n));
                }
            } else {
                cur = None;
            }
        }
    }
    // expand synsets into options once
    let mut syn_opts: BTreeMap<String, Vec<Opt>> = BTreeMap::new();
    for name in synsets.keys() {
        let mut seen = BTreeSet::new();
        let opts = expand_syn(imp, file, name, &synsets, &mut seen);
        syn_opts.insert(name.clone(), opts);
    }

    // verb blocks
    let mut block: Option<(String, Option<String>, usize)> = None;
    let mut verbs: Vec<Verb> = Vec::new();
    let mut patterns: Vec<(usize, String)> = Vec::new();
    let mut in_syn = false;
    let finish = |imp: &mut Importer,
                  block: &Option<(String, Option<String>, usize)>,
                  verbs: &mut Vec<Verb>,
                  patterns: &mut Vec<(usize, String)>| {
        if let Some(b) = block {
            convert_block(imp, file, b, verbs, patterns, &syn_opts);
        }
        verbs.clear();
        patterns.clear();
    };
    for (n, l) in &lines {
        let t = l.trim();
        if t.starts_with('&') {
            in_syn = true;
            continue;
        }
        if in_syn && t.starts_with('+') {
            continue;
        }
        in_syn = false;
        if let Some(h) = t.strip_prefix("---") {
            finish(imp, &block, &mut verbs, &mut patterns);
            let h = h.trim().trim_end_matches('-').trim();
            let name = h.split('[').next().unwrap_or("").trim().to_string();
            let codes: Vec<String> = h
                .split('[')
                .skip(1)
                .filter_map(|s| s.split(']').next())
                .map(|s| s.trim().to_string())
                .collect();
            if codes.len() > 1 {
                imp.note(
                    file,
                    *n,
                    t,
                    &format!(
                        "block header with {} codes; dyad uses the first, {}",
                        codes.len(),
                        codes[0]
                    ),
                    true,
                );
            }
            block = Some((name, codes.first().cloned(), *n));
            imp.stats.blocks += 1;
        } else if t.starts_with('~') {
            imp.stats.transformations += 1;
            imp.note(
                file,
                *n,
                t,
                "transformation (recoding an event reported inside another event) has no dyad equivalent; not converted",
                false,
            );
        } else if let Some(p) = t.strip_prefix('-') {
            if block.is_none() {
                imp.note(
                    file,
                    *n,
                    t,
                    "pattern outside any verb block; not converted",
                    false,
                );
                continue;
            }
            patterns.push((*n, p.trim().to_string()));
        } else if block.is_some() {
            imp.stats.verbs += 1;
            match parse_verb(t, *n) {
                Ok(v) => verbs.push(v),
                Err(e) => {
                    imp.note(file, *n, t, &format!("{e}; verb not converted"), false);
                    imp.stats.verbs_not += 1;
                }
            }
        } else {
            imp.note(
                file,
                *n,
                t,
                "line outside any verb block or synset; not converted",
                false,
            );
        }
    }
    finish(imp, &block, &mut verbs, &mut patterns);
}

fn expand_syn(
    imp: &mut Importer,
    file: &str,
    name: &str,
    synsets: &BTreeMap<String, Vec<(String, usize)>>,
    seen: &mut BTreeSet<String>,
) -> Vec<Opt> {
    let mut out = Vec::new();
    if !seen.insert(name.to_string()) {
        return out;
    }
    for (m, n) in synsets.get(name).cloned().unwrap_or_default() {
        if let Some(inner) = m.strip_prefix('&') {
            out.extend(expand_syn(
                imp,
                file,
                inner.trim_end_matches('_'),
                synsets,
                seen,
            ));
            continue;
        }
        let exact = m.ends_with('_');
        match word_opt(&m, exact) {
            Some(o) => out.push(o),
            None => imp.note(
                file,
                n,
                &m,
                &format!("synset &{name} member cannot be written as dyad tokens; left out"),
                false,
            ),
        }
    }
    seen.remove(name);
    out.sort();
    out.dedup();
    out
}

/// `[042:043]` -> ("042", Some("043")); errors say why no event can be written.
fn parse_code(s: &str) -> Result<(String, Option<String>), String> {
    let (a, b) = match s.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (s.trim(), None),
    };
    if a == "---" && b.is_none_or(|b| b.is_empty() || b == "---") {
        // a null code blocks coding; dyad's blocking pattern does the same
        return Ok((dyad_lexicon::BLOCK.to_string(), None));
    }
    if a.is_empty() || a == "---" {
        return Err(match b {
            Some(b) if !b.is_empty() && b != "---" => format!(
                "code [{s}] codes only the reverse event (target to source) {b}; dyad patterns cannot swap the actors"
            ),
            _ => format!("null code [{s}]: the pattern blocks coding; dyad has no blocking pattern"),
        });
    }
    if !(2..=4).contains(&a.len()) || !a.bytes().all(|c| c.is_ascii_digit()) {
        return Err(format!("code [{s}] is not a CAMEO code (2 to 4 digits)"));
    }
    let b = b
        .filter(|b| !b.is_empty() && *b != "---")
        .map(|b| b.to_string());
    Ok((a.to_string(), b))
}

fn convert_block(
    imp: &mut Importer,
    file: &str,
    block: &(String, Option<String>, usize),
    verbs: &[Verb],
    patterns: &[(usize, String)],
    syn: &BTreeMap<String, Vec<Opt>>,
) {
    let (bname, bcode, bline) = block;
    if verbs.is_empty() {
        if !patterns.is_empty() {
            imp.note(
                file,
                *bline,
                bname,
                "verb block without verbs; its patterns are not converted",
                false,
            );
            imp.stats.patterns += patterns.len();
            imp.stats.patterns_not += patterns.len();
        }
        return;
    }
    // the bare verbs, grouped by their code
    let mut by_code: BTreeMap<String, Vec<Opt>> = BTreeMap::new();
    for v in verbs {
        let code = v.code.clone().or_else(|| bcode.clone());
        let Some(code) = code else { continue };
        match parse_code(&code) {
            Ok((c, pair)) => {
                imp.code_used(&c, pair.as_deref(), file, v.line);
                by_code.entry(c).or_default().extend(v.opts.iter().cloned());
            }
            Err(e) if code.trim() == "---" => {
                let _ = e;
            }
            Err(e) => {
                let line = if v.code.is_some() { v.line } else { *bline };
                imp.note(
                    file,
                    line,
                    &v.text,
                    &format!("{e}; the bare verb codes nothing"),
                    false,
                );
            }
        }
    }
    for (code, opts) in by_code {
        let pieces = vec![(Piece::Choice(opts), false)];
        emit(imp, file, *bline, bname, &code, &pieces, &BTreeSet::new());
        // PETRARCH reads passives from the parse ("Eriador was opposed by
        // Osgiliath" codes Osgiliath against Eriador); dyad needs the form
        // spelt out: with {S} and no {T}, the subject is the one acted upon.
        if let Piece::Choice(opts) = &pieces[0].0 {
            let tok = |w: &str, infl: bool| {
                vec![Tok {
                    word: w.to_string(),
                    infl,
                }]
            };
            let passive = vec![
                (Piece::Choice(vec![tok("be", true)]), false),
                (Piece::Choice(opts.clone()), false),
                (Piece::Choice(vec![tok("by", false)]), true),
                (Piece::Src, true),
            ];
            emit(imp, file, *bline, bname, &code, &passive, &BTreeSet::new());
        }
    }
    let all_opts: Vec<Opt> = verbs.iter().flat_map(|v| v.opts.iter().cloned()).collect();
    for (n, p) in patterns {
        imp.stats.patterns += 1;
        convert_pattern(imp, file, *n, p, &all_opts, syn);
    }
}

fn convert_pattern(
    imp: &mut Importer,
    file: &str,
    n: usize,
    p: &str,
    verb_opts: &[Opt],
    syn: &BTreeMap<String, Vec<Opt>>,
) {
    let shown = format!("- {p}");
    let (body, code) = match (p.rfind('['), p.rfind(']')) {
        (Some(a), Some(b)) if a < b => (&p[..a], p[a + 1..b].to_string()),
        _ => {
            imp.note(
                file,
                n,
                &shown,
                "pattern without a [code]; not converted",
                false,
            );
            imp.stats.patterns_not += 1;
            return;
        }
    };
    let (code, pair) = match parse_code(&code) {
        Ok(x) => x,
        Err(e) => {
            imp.note(file, n, &shown, &format!("{e}; not converted"), false);
            imp.stats.patterns_not += 1;
            return;
        }
    };
    let items = parse_items(body);
    let verb_at = items.iter().position(|(i, _)| matches!(i, Item::Verb));
    let Some(verb_at) = verb_at else {
        imp.note(
            file,
            n,
            &shown,
            "pattern without the verb marker *; not converted",
            false,
        );
        imp.stats.patterns_not += 1;
        return;
    };
    let mut partial: Vec<String> = Vec::new();
    let mut pieces: Vec<(Piece, bool)> = Vec::new();
    let mut pending_gap = false;
    let mut skip_before: BTreeSet<usize> = BTreeSet::new();
    let mut verb_piece: Option<usize> = None;
    for (k, (item, joined)) in items.into_iter().enumerate() {
        match item {
            Item::Word(w, exact) => match word_opt(&w, exact) {
                Some(o) => pieces.push((Piece::Choice(vec![o]), joined)),
                None => {
                    imp.note(file, n, &shown, &format!("word \"{w}\" cannot be written as dyad tokens; not converted"), false);
                    imp.stats.patterns_not += 1;
                    return;
                }
            },
            Item::Syn(name) => match syn.get(&name) {
                Some(o) if !o.is_empty() => pieces.push((Piece::Choice(o.clone()), joined)),
                _ => {
                    imp.note(file, n, &shown, &format!("unknown or empty synset &{name}; not converted"), false);
                    imp.stats.patterns_not += 1;
                    return;
                }
            },
            Item::Verb => {
                verb_piece = Some(pieces.len());
                pieces.push((Piece::Choice(verb_opts.to_vec()), joined))
            }
            Item::Src => {
                if k < verb_at && pieces.is_empty() {
                    // the subject before the verb is dyad's default source
                    continue;
                }
                pieces.push((Piece::Src, joined));
            }
            Item::Tgt => {
                if pieces.is_empty() {
                    imp.note(
                        file,
                        n,
                        &shown,
                        "target (+) before the verb as the first element: dyad patterns start with a word and take the subject as the source; not converted",
                        false,
                    );
                    imp.stats.patterns_not += 1;
                    return;
                }
                pieces.push((Piece::Tgt, joined));
            }
            Item::Skip => {
                pending_gap = true;
                continue;
            }
            Item::Compound => partial.push(
                "the compound-actor marker % has no dyad equivalent (dyad codes compounds as separate pairs); dropped".into(),
            ),
        }
        if pending_gap && pieces.len() > 1 {
            // the piece just pushed follows a skipped phrase
            skip_before.insert(pieces.len() - 1);
        }
        pending_gap = false;
    }
    if pieces.is_empty() || !matches!(pieces[0].0, Piece::Choice(_)) {
        imp.note(
            file,
            n,
            &shown,
            "pattern has no word to start with; not converted",
            false,
        );
        imp.stats.patterns_not += 1;
        return;
    }
    imp.code_used(&code, pair.as_deref(), file, n);
    if let Some(b) = &pair {
        if *b != code {
            partial.push(format!(
                "paired code [{code}:{b}]: the reverse event {b} (target to source) is not coded; dyad patterns code one direction"
            ));
        }
    }
    let wrote = emit(imp, file, n, &shown, &code, &pieces, &skip_before);
    // PETRARCH takes the verb's object as the target when the pattern names
    // none; the words after the verb may then follow that object ("allowed
    // that Mordor isn't a really pleasant ..."). A dyad gap never crosses an
    // actor, so a second pattern puts the target slot after the verb.
    let slotless = !pieces
        .iter()
        .any(|(p, _)| matches!(p, Piece::Src | Piece::Tgt));
    if let Some(v) = verb_piece.filter(|&v| slotless && v + 1 < pieces.len() && !pieces[v + 1].1) {
        let mut with_t = pieces.clone();
        with_t.insert(v + 1, (Piece::Tgt, false));
        let shifted: BTreeSet<usize> = skip_before
            .iter()
            .map(|&k| if k > v { k + 1 } else { k })
            .collect();
        emit(imp, file, n, &shown, &code, &with_t, &shifted);
    }
    // A pattern that ends in a preposition ("- * CALLED_ON", "- * RUMORS
    // ABOUT") expects the preposition's object, which PETRARCH takes as the
    // target; dyad does not take an actor after a topic preposition
    // ("about", "on", "at") unless the pattern says so.
    let ends_in_prep = matches!(pieces.last(), Some((Piece::Choice(o), _))
        if o.len() == 1 && o[0].len() == 1 && is_preposition(&o[0][0].word));
    if slotless && ends_in_prep {
        let mut with_t = pieces.clone();
        with_t.push((Piece::Tgt, true));
        emit(imp, file, n, &shown, &code, &with_t, &skip_before);
    }
    if wrote {
        imp.stats.patterns_ok += 1;
        imp.stats.patterns_partial += usize::from(!partial.is_empty());
        for r in partial {
            imp.note(file, n, &shown, &r, true);
        }
    } else {
        imp.note(
            file,
            n,
            &shown,
            "an element has no dyad form; not converted",
            false,
        );
        imp.stats.patterns_not += 1;
    }
}

/// Writes the variants of one pattern; false when none could be written.
fn emit(
    imp: &mut Importer,
    file: &str,
    n: usize,
    shown: &str,
    code: &str,
    pieces: &[(Piece, bool)],
    skip_before: &BTreeSet<usize>,
) -> bool {
    let origin = format!("{file}:{n}");
    // per piece: the renderings it can take
    let mut choices: Vec<Vec<String>> = Vec::new();
    for (p, _) in pieces {
        let r = match p {
            Piece::Src => vec!["{S}".to_string()],
            Piece::Tgt => vec!["{T}".to_string()],
            Piece::Choice(opts) => {
                let mut singles: Vec<String> = opts
                    .iter()
                    .filter(|o| o.len() == 1)
                    .map(|o| render_tok(&o[0]))
                    .collect();
                singles.sort();
                singles.dedup();
                let mut r = Vec::new();
                match singles.len() {
                    0 => {}
                    1 => r.push(singles[0].clone()),
                    _ => r.push(format!("({})", singles.join("|"))),
                }
                for o in opts.iter().filter(|o| o.len() > 1) {
                    r.push(o.iter().map(render_tok).collect::<Vec<_>>().join(" "));
                }
                r.dedup();
                r
            }
        };
        if r.is_empty() {
            return false;
        }
        choices.push(r);
    }
    let total: usize = choices.iter().map(|c| c.len()).product();
    if total > MAX_VARIANTS {
        imp.note(
            file,
            n,
            shown,
            &format!("expands to {total} dyad patterns (multi-word synset members and verbs); the first {MAX_VARIANTS} are written"),
            true,
        );
    }
    let mut idx = vec![0usize; choices.len()];
    let mut written = 0;
    loop {
        let mut s = String::new();
        for (k, c) in choices.iter().enumerate() {
            if k > 0 {
                if skip_before.contains(&k) {
                    s.push(' ');
                    s.push_str(SKIP_GAP);
                } else if !pieces[k].1 {
                    s.push_str(" *");
                }
                s.push(' ');
            }
            s.push_str(&c[idx[k]]);
        }
        imp.add_pattern(code, &s, &origin);
        written += 1;
        if written >= MAX_VARIANTS {
            break;
        }
        // next combination
        let mut k = choices.len();
        loop {
            if k == 0 {
                return true;
            }
            k -= 1;
            idx[k] += 1;
            if idx[k] < choices[k].len() {
                break;
            }
            idx[k] = 0;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_of_a_pattern() {
        let it = parse_items("SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS");
        assert_eq!(it.len(), 6);
        assert!(matches!(it[1], (Item::Tgt, true)));
        assert!(matches!(it[2], (Item::Verb, false)));
        assert!(matches!(it[4], (Item::Syn(ref s), true) if s == "GENINT"));
        let it = parse_items("* (TO LIST) (OF {BANNED PARTIES})");
        assert!(matches!(it[4], (Item::Word(ref w, _), false) if w == "BANNED"));
        assert!(matches!(it[5], (Item::Word(ref w, _), true) if w == "PARTIES"));
        let it = parse_items("+ WAS_ * TO_ ^ FROM $");
        assert!(matches!(it[1], (Item::Word(ref w, true), false) if w == "WAS"));
    }

    #[test]
    fn verbs_and_forms() {
        let v = parse_verb("SPEED {SPEEDING SPEEDS SPED }", 1).unwrap();
        assert_eq!(v.opts.len(), 4);
        assert!(!v.opts[0][0].infl);
        let v = parse_verb("+BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN }", 1).unwrap();
        assert_eq!(v.opts[2][0].word, "broke");
        assert_eq!(v.opts[2][1].word, "down");
        let v = parse_verb("KLM_NOP_+RST [002]", 1).unwrap();
        assert_eq!(v.code.as_deref(), Some("002"));
        assert!(v.opts[0][2].infl && !v.opts[0][0].infl);
    }

    #[test]
    fn codes() {
        assert_eq!(
            parse_code("042:043").unwrap(),
            ("042".into(), Some("043".into()))
        );
        assert_eq!(parse_code("---").unwrap().0, "---");
        assert!(parse_code(":190").is_err());
        assert!(parse_code("075A").is_err());
    }
}
