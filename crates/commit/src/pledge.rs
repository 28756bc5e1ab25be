//! The pledge model: a logistic regression over the rule detector's own
//! signals and the sentence's words, which decides whether a manifesto
//! sentence is a pledge (a specific commitment, as the election-pledge
//! annotators marked them).
//!
//! The rules stay the evidence trail: their reading of the sentence (which
//! binding expression, which verb, why specific or broad, or why rejected)
//! is itself a set of features, beside lower-cased word unigrams and
//! bigrams. The weights are a plain-text data file,
//! `data/lexicon/commitment/pledge.model`, written by [`train`] (through
//! `dyad pledges train`) and validated at load with `file:line` errors like
//! the cue files.
//!
//! Format of the model file (`#` starts a comment):
//!
//! ```text
//! format: dyad-pledge-logreg 1
//! threshold: 0.4100        # a sentence is a pledge when p >= threshold
//! bias: -1.2345
//! 0.8123 r:S:modal         # weight, one space, feature name to the end of the line
//! -0.4410 b:will continue
//! ```
//!
//! Feature names start with one of [`PREFIXES`] and a colon.
use crate::cues::CueError;
use crate::detect::{Finding, Rejection};
use dyad_text::{Token, TokenKind};
use std::collections::HashMap;

/// Path of the built-in model, as cue errors name it.
pub const BUILTIN_PATH: &str = "commitment/pledge.model";

/// The format line a model file must carry.
pub const FORMAT: &str = "dyad-pledge-logreg 1";

/// Feature families: `w` word, `b` bigram, `r` the rule's verdict, `k` the
/// kind of binding expression, `c` its words, `s` why specific or broad (or
/// why rejected), `v` the verb of the act, `pv` passive or active + verb,
/// `subj` the last word of the subject, `a` a word of the act, `f` flags
/// (passive, due date, number, length, how the sentence opens ...).
pub const PREFIXES: &[&str] = &["w", "b", "r", "k", "c", "s", "v", "pv", "subj", "a", "f"];

/// A trained pledge model.
#[derive(Debug, Clone, Default)]
pub struct PledgeModel {
    pub weights: Weights,
    pub bias: f64,
    /// A sentence is a pledge when its probability is at least this.
    pub threshold: f64,
    /// Where the model came from (`commitment/pledge.model` or a path).
    pub origin: String,
    /// The weights by the FNV-1a hash of their name, so that a sentence's
    /// features are looked up without building their names
    /// ([`PledgeModel::reindex`] after changing `weights`).
    lookup: HashMap<u64, (f64, String), std::hash::BuildHasherDefault<IdHash>>,
}

/// FNV-1a of the concatenation of `parts`: a feature's key, from the
/// pieces of its name.
pub fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in p.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The hasher of keys that are hashes already.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdHash(u64);

impl std::hash::Hasher for IdHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// The weights' map: feature name to weight.
pub type Weights = HashMap<String, f64>;

/// The model's reading of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision<'m> {
    /// Probability of a pledge.
    pub p: f64,
    pub pledge: bool,
    /// The model's features the sentence has, with their weights.
    pub hits: Vec<(&'m str, f64)>,
}

impl Decision<'_> {
    /// The `n` features that weighed most towards the decision.
    pub fn top(&self, n: usize) -> Vec<(&str, f64)> {
        let mut v: Vec<(&str, f64)> = self
            .hits
            .iter()
            .filter(|(_, w)| (*w > 0.0) == self.pledge)
            .copied()
            .collect();
        v.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(b.0)));
        v.dedup_by(|a, b| a.0 == b.0);
        v.truncate(n);
        v
    }

    /// One line for `why` and `scope_rule`.
    pub fn describe(&self, m: &PledgeModel) -> String {
        let top: Vec<String> = self
            .top(3)
            .iter()
            .map(|(n, w)| format!("{n} {w:+.2}"))
            .collect();
        format!(
            "pledge model: p {:.2} {} {:.2} ({}; {})",
            self.p,
            if self.pledge { ">=" } else { "<" },
            m.threshold,
            top.join(", "),
            m.origin
        )
    }
}

/// The class of a rule's reason: its words without quoted phrases, cue
/// lines or details ("a forecast: the subject \"x\" cannot act" -> "a
/// forecast"; "\"will\" is a noun here (...)" -> "is a noun here").
fn reason_class(s: &str) -> &str {
    let mut s = s.trim_start();
    if let Some(rest) = s.strip_prefix('"') {
        s = rest.split_once('"').map(|x| x.1).unwrap_or("").trim_start();
    }
    let end = s.find([':', '"', '(', ';']).unwrap_or(s.len());
    s[..end].trim().trim_end_matches(',')
}

/// Opening words that are not verbs although a determiner follows them.
const OPENING_NON_VERBS: &[&str] = &[
    "in", "of", "for", "to", "by", "on", "with", "at", "from", "all", "under", "through", "during",
    "after", "since", "as", "is", "are", "was", "were", "and", "that", "this",
];

/// The token as the n-gram features see it: numbers become `<year>` or
/// `<num>`.
fn gram(t: &Token) -> &str {
    if t.kind == TokenKind::Number {
        let d = t.norm.as_bytes();
        if d.len() == 4 && (d.starts_with(b"19") || d.starts_with(b"20")) {
            "<year>"
        } else {
            "<num>"
        }
    } else {
        t.norm.as_str()
    }
}

/// Emits the feature names of one sentence: `text` and its tokens `toks`,
/// and the rule detector's reading `r` of it. Each name is given in
/// pieces, to be concatenated (or hashed, [`fnv`]); names may repeat.
pub fn features(
    text: &str,
    toks: &[Token],
    r: &Result<Finding, Rejection>,
    emit: &mut dyn FnMut(&[&str]),
) {
    let mut put = |parts: &[&str]| emit(parts);
    put(&["f:bias"]);
    // words and bigrams (a final full stop says nothing)
    let n = toks.len() - usize::from(toks.last().is_some_and(|t| t.norm == "."));
    let mut prev = "<s>";
    for t in &toks[..n] {
        let g = gram(t);
        put(&["w:", g]);
        put(&["b:", prev, " ", g]);
        prev = g;
    }
    put(&["b:", prev, " </s>"]);
    let len = match n {
        0..=5 => "f:len<=5",
        6..=10 => "f:len<=10",
        11..=20 => "f:len<=20",
        21..=35 => "f:len<=35",
        _ => "f:len>35",
    };
    put(&[len]);
    if toks.iter().any(|t| t.kind == TokenKind::Number) {
        let year = toks.iter().any(|t| gram(t) == "<year>");
        let num = toks.iter().any(|t| gram(t) == "<num>");
        if year {
            put(&["f:year"]);
        }
        if num {
            put(&["f:number"]);
        }
    }
    // names of things (an Act, a Fund, a Board): capitalised words after
    // the first, and quoted names
    let caps = toks
        .iter()
        .skip(1)
        .filter(|t| {
            t.kind == TokenKind::Word
                && text
                    .get(t.span.start..t.span.end)
                    .and_then(|w| w.chars().next())
                    .is_some_and(|c| c.is_uppercase())
        })
        .count();
    put(&[match caps {
        0 => "f:caps=0",
        1 => "f:caps=1",
        2..=3 => "f:caps<=3",
        _ => "f:caps>3",
    }]);
    if toks
        .iter()
        .any(|t| matches!(t.norm.as_str(), "\"" | "'") || t.norm == "‘" || t.norm == "“")
    {
        put(&["f:quoted"]);
    }
    if toks[..n].last().is_some_and(|t| t.norm == ":") {
        put(&["f:ends-colon"]);
    }
    put(&[match toks.iter().filter(|t| t.norm == "and").count() {
        0 => "f:ands=0",
        1 => "f:ands=1",
        2 => "f:ands=2",
        _ => "f:ands>2",
    }]);
    // how the sentence opens, after a bullet's number or letter: a
    // gerund ("Enhancing the funds"), a noun of action ("Electrification
    // of"), lower case (a fragment), or a word then a determiner, as an
    // imperative verb has ("Implement the", "Facilitate all")
    let s0 = crate::detect::content_start(toks);
    if s0 > 0 {
        put(&["f:numbered"]);
    }
    if let Some(t0) = toks.get(s0).filter(|t| t.kind == TokenKind::Word) {
        let w0 = t0.norm.as_str();
        if w0.len() > 5 && w0.ends_with("ing") {
            put(&["f:opens-ing"]);
        }
        if w0.ends_with("tion") || w0.ends_with("ment") {
            put(&["f:opens-nominal"]);
        }
        if text
            .get(t0.span.start..t0.span.end)
            .and_then(|w| w.chars().next())
            .is_some_and(|c| c.is_lowercase())
        {
            put(&["f:opens-lower"]);
        }
        let det = toks.get(s0 + 1).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "all"
                    | "every"
                    | "more"
                    | "new"
                    | "special"
                    | "national"
                    | "adequate"
            )
        });
        if det && !OPENING_NON_VERBS.contains(&w0) {
            put(&["f:opens-verb-det"]);
        }
    }
    match r {
        Ok(f) => {
            let sb = if f.specific { "S" } else { "B" };
            put(&["r:", sb]);
            put(&["r:", sb, ":", &f.cue_kind]);
            put(&["k:", &f.cue_kind]);
            put(&["s:", reason_class(&f.scope_rule)]);
            let cue = text.get(f.cue.start..f.cue.end).unwrap_or("");
            if !cue.is_empty() {
                put(&["c:", &cue.to_lowercase()]);
            }
            if let Some(v) = &f.verb {
                put(&["v:", v]);
                put(&["pv:", if f.passive { "passive " } else { "active " }, v]);
            }
            if f.passive {
                put(&["f:passive"]);
            }
            if f.agentive {
                put(&["f:agentive"]);
            }
            if f.target.is_some() {
                put(&["f:target"]);
            }
            if f.due.is_some() {
                put(&["f:due"]);
            }
            // the act's own words, apart from the sentence's, its length,
            // whether it holds a number, and how much precedes the cue
            let act = toks
                .iter()
                .filter(|t| t.span.start >= f.action.start && t.span.end <= f.action.end);
            let mut len = 0;
            let mut number = false;
            for t in act {
                put(&["a:", gram(t)]);
                len += 1;
                number |= t.kind == TokenKind::Number;
            }
            put(&[match len {
                0..=3 => "f:act<=3",
                4..=8 => "f:act<=8",
                9..=16 => "f:act<=16",
                _ => "f:act>16",
            }]);
            if number {
                put(&["f:act-number"]);
            }
            put(&[
                match toks.iter().filter(|t| t.span.end <= f.cue.start).count() {
                    0 => "f:precue=0",
                    1..=3 => "f:precue<=3",
                    4..=8 => "f:precue<=8",
                    _ => "f:precue>8",
                },
            ]);
            let (a, b) = f.subject;
            if a < b && b <= toks.len() {
                put(&["subj:", gram(&toks[b - 1])]);
                if toks[a..b]
                    .iter()
                    .any(|t| matches!(t.norm.as_str(), "we" | "our" | "us"))
                {
                    put(&["f:subject-we"]);
                }
            } else {
                put(&["subj:<none>"]);
            }
        }
        Err(e) => {
            put(&["r:-"]);
            put(&["s:-", reason_class(&e.reason)]);
        }
    }
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

impl PledgeModel {
    /// The model's decision on a sentence, with the three features that
    /// weighed most towards it.
    pub fn decide(
        &self,
        text: &str,
        toks: &[Token],
        r: &Result<Finding, Rejection>,
    ) -> Decision<'_> {
        let mut z = self.bias;
        let mut hits: Vec<(&str, f64)> = Vec::with_capacity(64);
        features(text, toks, r, &mut |parts| {
            if let Some((w, name)) = self.lookup.get(&fnv(parts)) {
                z += w;
                hits.push((name.as_str(), *w));
            }
        });
        let p = sigmoid(z);
        Decision {
            p,
            pledge: p >= self.threshold,
            hits,
        }
    }

    /// The probability of a pledge from feature names (training and tests).
    pub fn prob_of(&self, names: &[String]) -> f64 {
        sigmoid(
            self.bias
                + names
                    .iter()
                    .filter_map(|n| self.lookup.get(&fnv(&[n])).map(|x| x.0))
                    .sum::<f64>(),
        )
    }

    /// Rebuilds the lookup from `weights`; returns the names whose hash
    /// another name has already (left out of the lookup).
    pub fn reindex(&mut self) -> Vec<String> {
        self.lookup.clear();
        self.lookup.reserve(self.weights.len());
        let mut clash = Vec::new();
        // of names with one hash the first in name order is kept, as if
        // they were added sorted (without sorting all ~10,000 names)
        for (n, w) in &self.weights {
            match self.lookup.entry(fnv(&[n])) {
                std::collections::hash_map::Entry::Occupied(mut o) => {
                    if *n < o.get().1 {
                        let (_, kept) = o.insert((*w, n.clone()));
                        clash.push(kept);
                    } else {
                        clash.push(n.clone());
                    }
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert((*w, n.clone()));
                }
            }
        }
        clash.sort();
        clash
    }

    /// Parses and validates a model file; every problem is reported with
    /// its line.
    pub fn parse(path: &str, text: &str) -> Result<PledgeModel, Vec<CueError>> {
        let mut errs = Vec::new();
        let mut m = PledgeModel {
            origin: path.to_string(),
            ..Default::default()
        };
        let (mut format, mut threshold, mut bias) = (false, None, None);
        // names borrowed from `text`, both maps sized once: this runs at
        // every start of `dyad code` over ~10,000 weight lines
        let lines = text.lines().count();
        let mut seen: dyad_lexicon::FastMap<&str, usize> = Default::default();
        seen.reserve(lines);
        m.weights.reserve(lines);
        for (ln, line) in text.lines().enumerate() {
            let ln = ln + 1;
            let err = |m: String| CueError {
                file: path.to_string(),
                line: ln,
                message: m,
            };
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let first = line.chars().next().unwrap_or(' ');
            if first.is_ascii_digit() || first == '-' || first == '+' || first == '.' {
                let Some((w, name)) = line.split_once(' ') else {
                    errs.push(err(format!(
                        "\"{line}\": a weight line is `WEIGHT FEATURE`"
                    )));
                    continue;
                };
                let name = name.trim();
                let w: f64 = match w.parse() {
                    Ok(w) if f64::is_finite(w) => w,
                    _ => {
                        errs.push(err(format!("weight \"{w}\" is not a finite number")));
                        continue;
                    }
                };
                let known = name
                    .split_once(':')
                    .is_some_and(|(p, rest)| PREFIXES.contains(&p) && !rest.is_empty());
                if !known {
                    errs.push(err(format!(
                        "feature \"{name}\" does not start with a known family ({}) and a colon",
                        PREFIXES.join(", ")
                    )));
                    continue;
                }
                if let Some(prev) = seen.get(name) {
                    errs.push(err(format!(
                        "feature \"{name}\" is already weighted at {path}:{prev}"
                    )));
                    continue;
                }
                seen.insert(name, ln);
                m.weights.insert(name.to_string(), w);
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                errs.push(err(format!(
                    "\"{line}\" is neither `key: value` nor `WEIGHT FEATURE`"
                )));
                continue;
            };
            let value = value.trim();
            let num = |v: &str| v.parse::<f64>().ok().filter(|x| x.is_finite());
            match key.trim() {
                "format" if value == FORMAT => format = true,
                "format" => errs.push(err(format!(
                    "format \"{value}\" is not \"{FORMAT}\" (a model for another version?)"
                ))),
                "threshold" => match num(value) {
                    Some(t) if t > 0.0 && t < 1.0 => threshold = Some(t),
                    _ => errs.push(err(format!(
                        "threshold \"{value}\" must be a number between 0 and 1"
                    ))),
                },
                "bias" => match num(value) {
                    Some(b) => bias = Some(b),
                    None => errs.push(err(format!("bias \"{value}\" is not a finite number"))),
                },
                k => {
                    let hint = dyad_lexicon::closest(k, ["format", "threshold", "bias"])
                        .map(|c| format!(" (did you mean \"{c}\"?)"))
                        .unwrap_or_default();
                    errs.push(err(format!(
                        "unknown key \"{k}\"{hint}; allowed: format, threshold, bias"
                    )))
                }
            }
        }
        let missing = |what: &str| CueError {
            file: path.to_string(),
            line: 0,
            message: format!("no `{what}` line"),
        };
        if !format {
            errs.push(missing(&format!("format: {FORMAT}")));
        }
        match threshold {
            Some(t) => m.threshold = t,
            None => errs.push(missing("threshold: P")),
        }
        match bias {
            Some(b) => m.bias = b,
            None => errs.push(missing("bias: B")),
        }
        for n in m.reindex() {
            errs.push(CueError {
                file: path.to_string(),
                line: seen.get(n.as_str()).copied().unwrap_or(0),
                message: format!("feature \"{n}\" has the hash of another; rename it"),
            });
        }
        if errs.is_empty() {
            Ok(m)
        } else {
            Err(errs)
        }
    }

    /// The model as a file: `head` (comment lines) first, then the weights
    /// by decreasing size (ties by name), so that the file reads from the
    /// strongest evidence down and diffs stay small.
    pub fn to_text(&self, head: &[String]) -> String {
        let mut out = String::new();
        for h in head {
            out.push_str("# ");
            out.push_str(h);
            out.push('\n');
        }
        out.push_str(&format!(
            "format: {FORMAT}\nthreshold: {:.4}\nbias: {:.4}\n",
            self.threshold, self.bias
        ));
        let mut w: Vec<(&String, &f64)> = self.weights.iter().collect();
        w.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(b.0)));
        for (n, x) in w {
            out.push_str(&format!("{x:.4} {n}\n"));
        }
        out
    }
}

/// One training sentence: its feature names, its label and its group (the
/// manifesto: rows of one group are never split between train and test).
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<String>,
    pub label: bool,
    pub group: String,
}

/// Settings of [`train`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainOptions {
    pub epochs: usize,
    /// AdaGrad's base learning rate.
    pub rate: f64,
    /// L2 penalty per example.
    pub l2: f64,
    /// Features seen in fewer training sentences are left out.
    pub min_count: usize,
    /// Weights smaller than this are not written.
    pub prune: f64,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        // chosen by out-of-group F1 within the training manifestos (the
        // held-out ones unseen): few, small steps work best on these labels
        TrainOptions {
            epochs: 10,
            rate: 0.01,
            l2: 3e-4,
            min_count: 4,
            prune: 1e-3,
            seed: 5,
        }
    }
}

/// A small deterministic generator for the shuffles (xorshift64*); the seed
/// must not be 0.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Trains a logistic regression (AdaGrad, L2) on `data`; the threshold is
/// set to `threshold`. Deterministic for the same data and options.
pub fn train(data: &[&Example], o: &TrainOptions, threshold: f64) -> PledgeModel {
    // vocabulary: features in at least min_count sentences, in first-seen order
    let mut count: HashMap<&str, usize> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for e in data {
        let mut mine: Vec<&str> = e.features.iter().map(|s| s.as_str()).collect();
        mine.sort_unstable();
        mine.dedup();
        for f in mine {
            let c = count.entry(f).or_insert(0);
            if *c == 0 {
                order.push(f);
            }
            *c += 1;
        }
    }
    order.retain(|f| count[f] >= o.min_count.max(1));
    order.sort_unstable();
    let index: HashMap<&str, usize> = order.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    // each example as sorted, distinct feature ids (binary features)
    let rows: Vec<(Vec<usize>, f64)> = data
        .iter()
        .map(|e| {
            let mut ids: Vec<usize> = e
                .features
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            (ids, if e.label { 1.0 } else { 0.0 })
        })
        .collect();
    let dim = order.len();
    let mut w = vec![0.0f64; dim];
    let mut g2 = vec![0.0f64; dim];
    let (mut bias, mut bias_g2) = (0.0f64, 0.0f64);
    let mut perm: Vec<usize> = (0..rows.len()).collect();
    let mut rng = Rng(o.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    for _ in 0..o.epochs {
        for i in (1..perm.len()).rev() {
            perm.swap(i, rng.below(i + 1));
        }
        for &r in &perm {
            let (ids, y) = &rows[r];
            let z = bias + ids.iter().map(|&i| w[i]).sum::<f64>();
            let g = sigmoid(z) - y;
            bias_g2 += g * g;
            bias -= o.rate * g / (bias_g2.sqrt() + 1e-8);
            for &i in ids {
                let gi = g + o.l2 * w[i];
                g2[i] += gi * gi;
                w[i] -= o.rate * gi / (g2[i].sqrt() + 1e-8);
            }
        }
    }
    let weights = order
        .iter()
        .zip(&w)
        .filter(|(_, x)| x.abs() >= o.prune)
        .map(|(f, x)| (f.to_string(), round4(*x)))
        .collect();
    let mut m = PledgeModel {
        weights,
        bias: round4(bias),
        threshold,
        origin: "trained".into(),
        lookup: Default::default(),
    };
    // a name whose hash another has cannot be looked up: leave it out
    for n in m.reindex() {
        m.weights.remove(&n);
    }
    m
}

/// Weights are written with four decimals; the model in memory after
/// training is the model the file holds.
fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// Out-of-group probabilities: for each group, a model trained on the
/// other groups scores that group's sentences. Returned in the order of
/// `data`.
pub fn out_of_group(data: &[&Example], o: &TrainOptions) -> Vec<f64> {
    let mut groups: Vec<&str> = data.iter().map(|e| e.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    let mut probs = vec![0.0; data.len()];
    for g in groups {
        let train_on: Vec<&Example> = data.iter().filter(|e| e.group != g).copied().collect();
        let m = train(&train_on, o, 0.5);
        for (k, e) in data.iter().enumerate() {
            if e.group == g {
                probs[k] = m.prob_of(&e.features);
            }
        }
    }
    probs
}

/// The threshold that maximises F1 over `(probability, label)` pairs,
/// half-way between neighbouring probabilities; and that F1.
pub fn best_threshold(scored: &[(f64, bool)]) -> (f64, f64) {
    let mut v: Vec<(f64, bool)> = scored.to_vec();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    let pos = v.iter().filter(|x| x.1).count();
    let (mut tp, mut best, mut thr) = (0usize, 0.0f64, 0.5f64);
    for k in 0..v.len() {
        if v[k].1 {
            tp += 1;
        }
        // predict the first k+1 as pledges; only cut between distinct scores
        if k + 1 < v.len() && v[k + 1].0 == v[k].0 {
            continue;
        }
        let (p, r) = (tp as f64 / (k + 1) as f64, tp as f64 / pos.max(1) as f64);
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        if f1 > best {
            best = f1;
            let next = v.get(k + 1).map(|x| x.0).unwrap_or(0.0);
            thr = (v[k].0 + next) / 2.0;
        }
    }
    (thr.clamp(1e-4, 1.0 - 1e-4), best)
}

/// Trains the shipped kind of model: the threshold is chosen on
/// out-of-group predictions within `data` (each group scored by a model
/// that did not see it), then the model is trained on all of `data`.
pub fn train_with_threshold(data: &[&Example], o: &TrainOptions) -> PledgeModel {
    let probs = out_of_group(data, o);
    let scored: Vec<(f64, bool)> = probs.iter().zip(data).map(|(p, e)| (*p, e.label)).collect();
    let (thr, _) = best_threshold(&scored);
    train(data, o, round4(thr))
}
