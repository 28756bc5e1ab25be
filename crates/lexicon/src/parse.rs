//! Line parsers for each kind of lexicon file, and the cross-file checks.
use crate::pattern::{compile, Irregulars};
use crate::phrase::{PhraseEntry, PhraseIndex};
use crate::*;
use dyad_text::{tokenize, Span};

/// The code of a blocking pattern: it wins its words from weaker patterns and
/// codes nothing ("visa - free visit" is no visit).
pub const BLOCK: &str = "---";

/// Tokenises a phrase exactly as text is tokenised; returns (norms, raws).
pub(crate) fn phrase_tokens(s: &str) -> (Vec<String>, Vec<String>) {
    let toks = tokenize(s, Span::new(0, s.len()));
    let raws = toks.iter().map(|t| s[t.span].to_string()).collect();
    (
        toks.into_iter().map(|t| String::from(t.norm)).collect(),
        raws,
    )
}

/// The token norms of an entry of a closed word list (`special/`). One
/// that opens with a clitic ("'ll", "'s going to") is tokenised as in
/// running text, after a word ("it'll"): alone, its apostrophe would be a
/// quotation mark and the entry would never match.
fn list_tokens(s: &str) -> Vec<String> {
    if s.starts_with(['\'', '\u{2019}']) {
        let mut norms = phrase_tokens(&format!("x{s}")).0;
        if norms.len() > 1 && norms[0] == "x" {
            norms.remove(0);
            return norms;
        }
    }
    phrase_tokens(s).0
}

/// Strips a `#` comment: a `#` at the start or after white space.
fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// Splits on `|` outside brackets, so `(a|b)` and `[a|b]` stay whole.
fn fields(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '|' if depth <= 0 => {
                out.push(line[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(line[start..].trim());
    out
}

fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

struct RawPattern {
    code: String,
    speaker: bool,
    text: String,
    note: Option<String>,
    origin: Origin,
}

struct RawPhrase {
    text: String,
    exact: bool,
    target: PhraseTarget,
    origin: Origin,
}

#[derive(Default)]
pub(crate) struct Builder {
    errors: Vec<LexError>,
    codes: HashMap<String, EventCode>,
    code_origin: HashMap<String, Origin>,
    actors: Vec<Actor>,
    actor_ids: HashMap<String, u32>,
    people: Vec<Person>,
    agents: Vec<Agent>,
    agent_ids: HashMap<String, u32>,
    phrases: Vec<RawPhrase>,
    raw_patterns: Vec<RawPattern>,
    irregular: Irregulars,
    special: Special,
    countries: HashSet<String>,
    regions: HashSet<String>,
    files: Vec<(String, usize)>,
    saw_codes_file: bool,
    saw_words: bool,
    symmetric: Vec<String>,
    intent: HashMap<String, String>,
    refusal: HashMap<String, String>,
    /// Codes named outside codes.txt, checked once all files are read.
    code_refs: Vec<(String, Origin)>,
}

impl Builder {
    /// Adds a phrase; a leading `=` makes it case-exact.
    fn phrase(&mut self, name: &str, target: PhraseTarget, origin: Origin) {
        let (text, exact) = match name.strip_prefix('=') {
            Some(s) => (s.to_string(), true),
            None => (name.to_string(), false),
        };
        self.phrases.push(RawPhrase {
            text,
            exact,
            target,
            origin,
        });
    }

    fn err(&mut self, file: &str, line: usize, message: impl Into<String>, hint: Option<String>) {
        self.errors.push(LexError {
            file: file.to_string(),
            line,
            message: message.into(),
            hint,
        });
    }

    pub(crate) fn add_file(&mut self, path: &str, contents: &str) {
        let folder = path.split('/').next().unwrap_or("");
        let stem = path
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .trim_end_matches(".txt");
        let before = self.count();
        match folder {
            "cameo" if stem == "symmetric" => self.parse_code_list(path, contents),
            "cameo" if stem == "intent" => self.parse_code_map(path, contents, false),
            "cameo" if stem == "refusal" => self.parse_code_map(path, contents, true),
            "cameo" => {
                self.saw_codes_file = true;
                self.parse_codes(path, contents)
            }
            "actors" => self.parse_actors(path, contents),
            "people" => self.parse_people(path, contents),
            "agents" => self.parse_agents(path, contents),
            "verbs" if stem == "irregular" => self.parse_irregular(path, contents),
            "verbs" => self.parse_verbs(path, contents),
            "special" if stem == "words" => self.parse_words(path, contents),
            "special" => self.parse_special(path, stem, contents),
            _ => self.err(
                path,
                0,
                format!("unknown lexicon folder \"{folder}\""),
                Some("lexicon files live in actors/, people/, agents/, verbs/, cameo/, special/ or temporal/".into()),
            ),
        }
        let after = self.count();
        self.files.push((path.to_string(), after - before));
    }

    fn count(&self) -> usize {
        self.codes.len()
            + self.actors.len()
            + self.people.len()
            + self.agents.len()
            + self.phrases.len()
            + self.raw_patterns.len()
            + self.irregular.len()
    }

    fn lines<'a>(contents: &'a str) -> impl Iterator<Item = (usize, &'a str)> + 'a {
        contents
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, strip_comment(l)))
            .filter(|(_, l)| !l.trim().is_empty())
    }

    fn parse_codes(&mut self, path: &str, contents: &str) {
        for (n, line) in Self::lines(contents) {
            let f = fields(line);
            if f.len() < 7 {
                self.err(
                    path,
                    n,
                    format!("expected 7 fields, found {}", f.len()),
                    Some("code | quad | goldstein | plover event | plover mode | plover context | label".into()),
                );
                continue;
            }
            let code = f[0];
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|c| c.is_ascii_digit()) {
                self.err(
                    path,
                    n,
                    format!("bad CAMEO code \"{code}\""),
                    Some("2 to 4 digits, e.g. 0411".into()),
                );
                continue;
            }
            let quad = match f[1].parse::<u8>() {
                Ok(q @ 1..=4) => q,
                _ => {
                    self.err(
                        path,
                        n,
                        format!("bad quad class \"{}\"", f[1]),
                        Some("1, 2, 3 or 4".into()),
                    );
                    continue;
                }
            };
            let goldstein = match f[2].parse::<f64>() {
                Ok(g) if (-10.0..=10.0).contains(&g) => g,
                _ => {
                    self.err(
                        path,
                        n,
                        format!("bad Goldstein score \"{}\"", f[2]),
                        Some("a number from -10 to 10".into()),
                    );
                    continue;
                }
            };
            if let Some(prev) = self.code_origin.get(code) {
                let msg = format!("CAMEO code {code} defined twice (first at {prev})");
                self.err(path, n, msg, None);
                continue;
            }
            let ctx = f[5]
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            self.code_origin.insert(
                code.to_string(),
                Origin {
                    file: path.into(),
                    line: n,
                },
            );
            self.codes.insert(
                code.to_string(),
                EventCode {
                    code: code.to_string(),
                    quad,
                    goldstein,
                    plover_event: f[3].to_string(),
                    plover_mode: (!f[4].is_empty()).then(|| f[4].to_string()),
                    plover_context: ctx,
                    label: f[6].to_string(),
                },
            );
        }
    }

    fn parse_code_list(&mut self, path: &str, contents: &str) {
        for (n, line) in Self::lines(contents) {
            for c in fields(line) {
                if !c.is_empty() {
                    self.code_refs.push((
                        c.to_string(),
                        Origin {
                            file: path.into(),
                            line: n,
                        },
                    ));
                    self.symmetric.push(c.to_string());
                }
            }
        }
    }

    fn parse_code_map(&mut self, path: &str, contents: &str, refusal: bool) {
        for (n, line) in Self::lines(contents) {
            let f = fields(line);
            if f.len() != 2 || f[0].is_empty() || f[1].is_empty() {
                self.err(
                    path,
                    n,
                    "expected: code | code of the expressed intent",
                    Some("e.g. 061 | 0311".into()),
                );
                continue;
            }
            for c in &f {
                self.code_refs.push((
                    c.to_string(),
                    Origin {
                        file: path.into(),
                        line: n,
                    },
                ));
            }
            let map = if refusal {
                &mut self.refusal
            } else {
                &mut self.intent
            };
            map.insert(f[0].to_string(), f[1].to_string());
        }
    }

    fn parse_actors(&mut self, path: &str, contents: &str) {
        let mut kind = ActorKind::Country;
        for (n, line) in Self::lines(contents) {
            let t = line.trim();
            if let Some(k) = t.strip_prefix("@kind") {
                kind = match k.trim() {
                    "country" => ActorKind::Country,
                    "region" => ActorKind::Region,
                    "igo" => ActorKind::Igo,
                    "group" => ActorKind::Group,
                    other => {
                        self.err(
                            path,
                            n,
                            format!("unknown kind \"{other}\""),
                            Some("country, region, igo or group".into()),
                        );
                        continue;
                    }
                };
                continue;
            }
            let f = fields(t);
            let code = f[0];
            if !is_code(code) || code.len() < 3 {
                self.err(
                    path,
                    n,
                    format!("bad actor code \"{code}\""),
                    Some("upper-case letters and digits, at least 3, e.g. CHN or CHNGOV".into()),
                );
                continue;
            }
            if code.len() == 3 && matches!(kind, ActorKind::Country | ActorKind::Region) {
                self.countries.insert(code.to_string());
                if kind == ActorKind::Region {
                    self.regions.insert(code.to_string());
                }
            }
            let origin = Origin {
                file: path.into(),
                line: n,
            };
            let mut country = None;
            let mut names = Vec::new();
            for &fld in &f[1..] {
                if let Some(c) = fld.strip_prefix("country=") {
                    country = Some(c.trim().to_string());
                } else if !fld.is_empty() {
                    names.push(fld);
                }
            }
            let id = match self.actor_ids.get(code) {
                Some(&id) => {
                    if country.is_some() {
                        self.actors[id as usize].country = country;
                    }
                    id
                }
                None => {
                    let id = self.actors.len() as u32;
                    self.actor_ids.insert(code.to_string(), id);
                    self.actors.push(Actor {
                        code: code.to_string(),
                        kind,
                        country,
                        origin: origin.clone(),
                    });
                    id
                }
            };
            for name in names {
                self.phrase(name, PhraseTarget::Actor(id), origin.clone());
            }
        }
    }

    fn parse_people(&mut self, path: &str, contents: &str) {
        for (n, line) in Self::lines(contents) {
            let origin = Origin {
                file: path.into(),
                line: n,
            };
            let indented = line.starts_with(' ') || line.starts_with('\t');
            let f = fields(line);
            if !indented {
                let names: Vec<&str> = f.iter().copied().filter(|s| !s.is_empty()).collect();
                if names.is_empty() {
                    self.err(path, n, "a person line needs a name", None);
                    continue;
                }
                let id = self.people.len() as u32;
                self.people.push(Person {
                    name: names[0].to_string(),
                    roles: Vec::new(),
                    origin: origin.clone(),
                });
                for name in names {
                    self.phrase(name, PhraseTarget::Person(id), origin.clone());
                }
                continue;
            }
            if self.people.is_empty() {
                self.err(
                    path,
                    n,
                    "a role line before any person",
                    Some("put the person's name on an unindented line above".into()),
                );
                continue;
            }
            if f.len() < 3 {
                self.err(
                    path,
                    n,
                    format!(
                        "a role needs code | from | to | title, found {} field(s)",
                        f.len()
                    ),
                    Some("e.g.   RUSGOV | 2012-05-07 |  | President".into()),
                );
                continue;
            }
            let code = f[0];
            if !is_code(code) || code.len() < 3 {
                self.err(
                    path,
                    n,
                    format!("bad actor code \"{code}\""),
                    Some("e.g. RUSGOV".into()),
                );
                continue;
            }
            let mut date = |s: &str, which: &str| -> Result<Option<NaiveDate>, ()> {
                if s.is_empty() {
                    return Ok(None);
                }
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| {
                        self.errors.push(LexError {
                            file: path.into(),
                            line: n,
                            message: format!("bad {which} date \"{s}\""),
                            hint: Some("write YYYY-MM-DD, or leave empty".into()),
                        })
                    })
            };
            let (Ok(from), Ok(to)) = (date(f[1], "start"), date(f[2], "end")) else {
                continue;
            };
            if let (Some(a), Some(b)) = (from, to) {
                if a > b {
                    self.err(
                        path,
                        n,
                        format!("role ends ({b}) before it starts ({a})"),
                        Some("swap the dates".into()),
                    );
                    continue;
                }
            }
            let title = f.get(3).map(|s| s.to_string()).unwrap_or_default();
            if let Some(p) = self.people.last_mut() {
                p.roles.push(Role {
                    code: code.to_string(),
                    from,
                    to,
                    title,
                    origin,
                });
            }
        }
    }

    fn parse_agents(&mut self, path: &str, contents: &str) {
        for (n, line) in Self::lines(contents) {
            let f = fields(line);
            let code = f[0];
            if code.len() != 3 || !code.bytes().all(|c| c.is_ascii_uppercase()) {
                self.err(
                    path,
                    n,
                    format!("bad agent code \"{code}\""),
                    Some("three upper-case letters, e.g. GOV".into()),
                );
                continue;
            }
            let origin = Origin {
                file: path.into(),
                line: n,
            };
            let id = *self.agent_ids.entry(code.to_string()).or_insert_with(|| {
                self.agents.push(Agent {
                    code: code.to_string(),
                    origin: origin.clone(),
                });
                (self.agents.len() - 1) as u32
            });
            for &name in &f[1..] {
                if name.is_empty() {
                    continue;
                }
                let (text, exact) = match name.strip_prefix('=') {
                    Some(s) => (s.to_string(), true),
                    None => (name.to_string(), false),
                };
                let plural = if exact { None } else { plural_of(&text) };
                self.phrases.push(RawPhrase {
                    text,
                    exact,
                    target: PhraseTarget::Agent(id),
                    origin: origin.clone(),
                });
                if let Some(p) = plural {
                    self.phrases.push(RawPhrase {
                        text: p,
                        exact: false,
                        target: PhraseTarget::Agent(id),
                        origin: origin.clone(),
                    });
                }
            }
        }
    }

    fn parse_irregular(&mut self, path: &str, contents: &str) {
        for (n, line) in Self::lines(contents) {
            let f = fields(line);
            if f.len() != 5 || f[0].is_empty() {
                self.err(
                    path,
                    n,
                    format!("expected 5 fields, found {}", f.len()),
                    Some("lemma | 3rd person | past | past participle | -ing (empty fields fall back to the rule)".into()),
                );
                continue;
            }
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_lowercase());
            self.irregular.insert(
                f[0].to_lowercase(),
                [opt(f[1]), opt(f[2]), opt(f[3]), opt(f[4])],
            );
        }
    }

    fn parse_verbs(&mut self, path: &str, contents: &str) {
        for (n, line) in Self::lines(contents) {
            let f = fields(line);
            if f.len() < 2 || f[1].is_empty() {
                self.err(
                    path,
                    n,
                    "expected code | pattern [| note]",
                    Some("e.g. 042 | visit+ {T}".into()),
                );
                continue;
            }
            let (code, speaker) = match f[0].split_once(char::is_whitespace) {
                Some((c, flag)) if flag.trim() == "@speaker" => (c, true),
                Some((c, flag)) => {
                    self.err(
                        path,
                        n,
                        format!("unknown flag \"{}\" after the code {c}", flag.trim()),
                        Some(
                            "the only flag is @speaker (e.g. 111 @speaker | {T} aggression)".into(),
                        ),
                    );
                    continue;
                }
                None => (f[0], false),
            };
            self.raw_patterns.push(RawPattern {
                code: code.to_string(),
                speaker,
                text: f[1].to_string(),
                note: f.get(2).filter(|s| !s.is_empty()).map(|s| s.to_string()),
                origin: Origin {
                    file: path.into(),
                    line: n,
                },
            });
        }
    }

    /// `special/words.txt`: `[section]` lines, then `|`-separated single
    /// words.
    fn parse_words(&mut self, path: &str, contents: &str) {
        self.saw_words = true;
        let mut sets: Vec<Option<Vec<String>>> = vec![None; crate::Words::ALL.len()];
        let mut cur: Option<usize> = None;
        for (n, line) in Self::lines(contents) {
            let t = line.trim();
            if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
                let name = name.trim();
                match crate::Words::ALL.iter().position(|w| w.name() == name) {
                    Some(k) if sets[k].is_some() => {
                        self.err(
                            path,
                            n,
                            format!("section [{name}] appears twice"),
                            Some("put all of a section's words under one heading".into()),
                        );
                        cur = None;
                    }
                    Some(k) => {
                        sets[k] = Some(Vec::new());
                        cur = Some(k);
                    }
                    None => {
                        let names: Vec<&str> = crate::Words::ALL.iter().map(|w| w.name()).collect();
                        let hint = match crate::closest(name, names.iter().copied()) {
                            Some(c) => format!("did you mean [{c}]?"),
                            None => format!("the sections are {}", names.join(", ")),
                        };
                        self.err(path, n, format!("unknown section [{name}]"), Some(hint));
                        cur = None;
                    }
                }
                continue;
            }
            let Some(k) = cur else {
                if !self
                    .errors
                    .iter()
                    .any(|e| e.file == path && e.message.starts_with("unknown section"))
                {
                    self.err(
                        path,
                        n,
                        "words before any [section] heading",
                        Some("start the list with a heading such as [wanting]".into()),
                    );
                }
                continue;
            };
            for w in fields(line) {
                if w.is_empty() {
                    continue;
                }
                let toks = phrase_tokens(w).0;
                if toks.len() != 1 {
                    self.err(
                        path,
                        n,
                        format!("\"{w}\" is not one word"),
                        Some("each entry is a single word; phrases belong in verbs/ or another special/ list".into()),
                    );
                    continue;
                }
                if let Some(set) = sets[k].as_mut() {
                    set.extend(toks);
                }
            }
        }
        for (k, s) in sets.iter().enumerate() {
            if s.is_none() {
                let w = crate::Words::ALL[k];
                self.err(
                    path,
                    0,
                    format!("section [{}] is missing ({})", w.name(), w.doc()),
                    Some(format!(
                        "add a [{}] heading with its words (`dyad lexicon export DIR` writes the built-in file)",
                        w.name()
                    )),
                );
            }
        }
        self.special.words =
            crate::CoderWords::from_sets(sets.into_iter().map(Option::unwrap_or_default).collect());
    }

    fn parse_special(&mut self, path: &str, stem: &str, contents: &str) {
        let mut list = Vec::new();
        let mut origins = Vec::new();
        for (n, line) in Self::lines(contents) {
            for p in fields(line) {
                if !p.is_empty() {
                    list.push(p.to_string());
                    origins.push(n);
                }
            }
        }
        let toks =
            |v: &[String]| -> Vec<Vec<String>> { v.iter().map(|p| list_tokens(p)).collect() };
        match stem {
            "reciprocal" => {
                for (p, n) in list.iter().zip(origins) {
                    self.phrases.push(RawPhrase {
                        text: p.clone(),
                        exact: false,
                        target: PhraseTarget::Reciprocal,
                        origin: Origin { file: path.into(), line: n },
                    });
                }
            }
            "not_actors" => {
                for (p, n) in list.iter().zip(origins) {
                    self.phrase(p, PhraseTarget::NotActor, Origin { file: path.into(), line: n });
                }
            }
            "negation" => self.special.negation.extend(toks(&list)),
            "future" => self.special.future.extend(toks(&list)),
            "intent" => self.special.intent.extend(toks(&list)),
            "hypothetical" => self.special.hypothetical.extend(toks(&list)),
            "reporting" => self.special.reporting.extend(toks(&list)),
            "hedges" => self.special.hedges.extend(toks(&list)),
            _ => self.err(
                path,
                0,
                format!("unknown special list \"{stem}\""),
                Some("special/ holds reciprocal, not_actors, negation, future, intent, hypothetical, hedges, reporting and words".into()),
            ),
        }
    }

    pub(crate) fn finish(mut self) -> Result<Lexicon, LexErrors> {
        // a lexicon folder without the coder's word lists uses the built-in ones
        if !self.saw_words {
            if let Some((p, c)) = crate::builtin_files()
                .iter()
                .find(|(p, _)| *p == "special/words.txt")
            {
                self.parse_words(p, c);
            }
        }
        if !self.saw_codes_file {
            self.err(
                "cameo/codes.txt",
                0,
                "no CAMEO code table",
                Some("a lexicon needs cameo/codes.txt".into()),
            );
        } else {
            for r in 1..=20 {
                let root = format!("{r:02}");
                if !self.codes.contains_key(&root) {
                    self.err(
                        "cameo/codes.txt",
                        0,
                        format!("root {root} is missing"),
                        None,
                    );
                }
            }
        }
        for (c, o) in std::mem::take(&mut self.code_refs) {
            if !self.codes.contains_key(&c) {
                let hint = closest(&c, self.codes.keys().map(|s| s.as_str()))
                    .map(|h| format!("did you mean \"{h}\"?"));
                self.errors.push(LexError {
                    file: o.file.into(),
                    line: o.line,
                    message: format!("unknown CAMEO code \"{c}\""),
                    hint,
                });
            }
        }
        // Roles must point at a declared country, region or IGO.
        let mut role_errs = Vec::new();
        for p in &self.people {
            for r in &p.roles {
                let ok = self.countries.contains(r.code.get(..3).unwrap_or(""))
                    || self.actor_ids.contains_key(&r.code)
                    || r.code.starts_with("IGO")
                    || r.code.starts_with("NGO");
                if !ok {
                    role_errs.push(LexError {
                        file: r.origin.file.to_string(),
                        line: r.origin.line,
                        message: format!(
                            "role code \"{}\" names no known country or organisation",
                            r.code
                        ),
                        hint: closest(
                            &r.code[..3.min(r.code.len())],
                            self.countries.iter().map(|s| s.as_str()),
                        )
                        .map(|c| format!("did you mean {c}{}?", r.code.get(3..).unwrap_or(""))),
                    });
                }
            }
        }
        self.errors.extend(role_errs);

        // Phrases: tokenise, detect the same phrase naming two things.
        let mut index = PhraseIndex::default();
        let mut seen: HashMap<(Vec<String>, bool), (PhraseTarget, Origin)> = HashMap::new();
        let phrases = std::mem::take(&mut self.phrases);
        for p in phrases {
            let (norms, raws) = phrase_tokens(&p.text);
            if norms.is_empty() {
                self.err(
                    &p.origin.file,
                    p.origin.line,
                    format!("phrase \"{}\" has no words", p.text),
                    None,
                );
                continue;
            }
            let key = (norms.clone(), p.exact);
            if let Some((t, o)) = seen.get(&key) {
                if *t != p.target
                    && !matches!(
                        (t, p.target),
                        (PhraseTarget::Agent(_), PhraseTarget::Agent(_))
                    )
                {
                    let what = |t: &PhraseTarget| self.describe(*t);
                    let msg = format!(
                        "phrase \"{}\" names {} here but {} at {o}",
                        p.text,
                        what(&p.target),
                        what(t)
                    );
                    self.errors.push(LexError {
                        file: p.origin.file.to_string(),
                        line: p.origin.line,
                        message: msg,
                        hint: Some(
                            "keep one meaning per phrase; remove one of them or make it longer"
                                .into(),
                        ),
                    });
                }
                continue;
            }
            seen.insert(key, (p.target, p.origin.clone()));
            index.insert(
                norms,
                PhraseEntry {
                    ids: Vec::new(),
                    exact: p.exact.then_some(raws),
                    value: p.target,
                    origin: p.origin,
                    text: p.text.into(),
                },
            );
        }
        let mut vocab: crate::FastMap<String, u32> = Default::default();
        index.intern(&mut vocab);

        // Patterns.
        let mut patterns = Vec::new();
        let mut pattern_index: HashMap<u32, Vec<u32>> = HashMap::new();

        let tok = |s: &str| {
            // most pattern words are plain ASCII letters: one token, its
            // lower case (what the tokenizer gives them), without
            // tokenising; this runs at every start, for every word
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphabetic()) {
                return vec![s.to_ascii_lowercase()];
            }
            phrase_tokens(s).0
        };
        let raw = std::mem::take(&mut self.raw_patterns);
        let mut seen_pat: HashMap<(String, String), Origin> = HashMap::new();
        for rp in raw {
            if rp.code != BLOCK && !self.codes.contains_key(&rp.code) {
                let hint = closest(&rp.code, self.codes.keys().map(|s| s.as_str()))
                    .map(|c| format!("did you mean \"{c}\"?"));
                self.errors.push(LexError {
                    file: rp.origin.file.to_string(),
                    line: rp.origin.line,
                    message: format!("unknown CAMEO code \"{}\"", rp.code),
                    hint,
                });
                continue;
            }
            let key = (
                rp.code.clone(),
                rp.text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase(),
            );
            if let Some(o) = seen_pat.get(&key) {
                let msg = format!(
                    "pattern \"{}\" for {} repeats the one at {o}",
                    rp.text, rp.code
                );
                self.err(
                    &rp.origin.file,
                    rp.origin.line,
                    msg,
                    Some("delete one of them".into()),
                );
                continue;
            }
            seen_pat.insert(key, rp.origin.clone());
            match compile(&rp.text, &self.irregular, &tok) {
                Ok((mut elems, forms, weight)) => {
                    let id = patterns.len() as u32;
                    let lits = elems.iter_mut().filter_map(|e| match e {
                        Elem::Lit { ids, .. } => Some(ids),
                        _ => None,
                    });
                    for (ids, alts) in lits.zip(&forms) {
                        for a in alts {
                            let next = vocab.len() as u32;
                            ids.push(*vocab.entry(a.clone()).or_insert(next));
                        }
                        ids.sort_unstable();
                        ids.dedup();
                    }
                    // indexed by its first word (after a leading slot)
                    let first = elems.iter().position(|e| matches!(e, Elem::Lit { .. }));
                    if let Some(Elem::Lit { ids, .. }) = first.map(|k| &elems[k]) {
                        for &t in ids {
                            pattern_index.entry(t).or_default().push(id);
                        }
                    }
                    let masks = elems
                        .iter()
                        .skip(first.map_or(1, |k| k + 1))
                        .filter_map(|e| match e {
                            Elem::Lit {
                                ids, opt: false, ..
                            } => Some(crate::pattern::mask_of(ids.iter().copied())),
                            _ => None,
                        })
                        .collect();
                    patterns.push(Pattern {
                        code: rp.code,
                        elems,
                        text: rp.text,
                        note: rp.note,
                        origin: rp.origin,
                        weight,
                        masks,
                        speaker: rp.speaker,
                    });
                }
                Err((msg, hint)) => self.errors.push(LexError {
                    file: rp.origin.file.into(),
                    line: rp.origin.line,
                    message: format!("{msg} in pattern \"{}\"", rp.text),
                    hint,
                }),
            }
        }
        // the closed word lists, as ids too
        let mut intern_lists = |lists: &[Vec<String>]| -> Vec<Vec<u32>> {
            lists
                .iter()
                .map(|p| {
                    p.iter()
                        .map(|t| {
                            let next = vocab.len() as u32;
                            *vocab.entry(t.clone()).or_insert(next)
                        })
                        .collect()
                })
                .collect()
        };
        let sp = &self.special;
        let mut special_ids = crate::SpecialIds {
            negation: intern_lists(&sp.negation),
            future: intern_lists(&sp.future),
            intent: intern_lists(&sp.intent),
            hypothetical: intern_lists(&sp.hypothetical),
            reporting: intern_lists(&sp.reporting),
            hedges: intern_lists(&sp.hedges),
            firsts: Default::default(),
            starts: Default::default(),
        };
        let firsts = |l: &[Vec<u32>]| crate::mask_of(l.iter().filter_map(|p| p.first().copied()));
        special_ids.firsts = [
            firsts(&special_ids.negation),
            firsts(&special_ids.future),
            firsts(&special_ids.intent),
            firsts(&special_ids.hypothetical),
            firsts(&special_ids.reporting),
        ];
        let starts = |l: &[Vec<u32>]| -> Vec<(u32, u32)> {
            let mut v: Vec<(u32, u32)> = l
                .iter()
                .enumerate()
                .filter_map(|(k, p)| p.first().map(|&f| (f, k as u32)))
                .collect();
            v.sort_unstable();
            v
        };
        special_ids.starts = [
            starts(&special_ids.negation),
            starts(&special_ids.future),
            starts(&special_ids.intent),
            starts(&special_ids.hypothetical),
            starts(&special_ids.reporting),
        ];
        self.special.ids = special_ids;
        // dense: token id -> patterns starting with it
        let mut dense: Vec<Vec<u32>> = vec![Vec::new(); vocab.len()];
        for (t, mut ids) in pattern_index {
            ids.sort_unstable();
            ids.dedup();
            dense[t as usize] = ids;
        }

        if !self.errors.is_empty() {
            let mut errs = self.errors;
            errs.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            return Err(LexErrors(errs));
        }
        for a in &mut self.actors {
            if a.country.is_none() && a.code.len() >= 3 && self.countries.contains(&a.code[..3]) {
                a.country = Some(a.code[..3].to_string());
            }
        }
        let (pattern_cands, rest_masks, pattern_words) = crate::candidates(&dense, &patterns);
        let (cand_index_of, cand_indexes) = crate::cand_indexes(&pattern_cands, &rest_masks);
        Ok(Lexicon {
            codes: self.codes,
            actors: self.actors,
            people: self.people,
            agents: self.agents,
            patterns,
            special: self.special,
            phrases: index,
            pattern_firsts: crate::pattern::firsts(&pattern_cands),
            cand_indexes,
            cand_index_of,
            pattern_cands,
            rest_masks,
            pattern_words,
            pattern_index: dense,
            vocab_short: crate::vocab_short(&vocab),
            vocab,
            // looked up for every mention and event: the fast hasher (the
            // builder keeps its own set for the error hints)
            countries: self.countries.into_iter().collect(),
            surname_index: std::sync::OnceLock::new(),
            irregular_pasts: self
                .irregular
                .values()
                .filter_map(|forms| forms[1].clone())
                .collect(),
            regions: self.regions,
            symmetric: self.symmetric.into_iter().collect(),
            intent: self.intent,
            refusal: self.refusal,
            version: String::new(),
            files: self.files,
        })
    }

    fn describe(&self, t: PhraseTarget) -> String {
        match t {
            PhraseTarget::Actor(i) => format!("actor {}", self.actors[i as usize].code),
            PhraseTarget::Person(i) => format!("person {}", self.people[i as usize].name),
            PhraseTarget::Agent(i) => format!("agent {}", self.agents[i as usize].code),
            PhraseTarget::Reciprocal => "a reciprocal reference".into(),
            PhraseTarget::NotActor => "no actor (special/not_actors.txt)".into(),
        }
    }
}

/// The regular plural of an agent noun phrase (its last word).
fn plural_of(s: &str) -> Option<String> {
    let last = s.rsplit(' ').next()?;
    if last.is_empty() || !last.chars().all(|c| c.is_alphabetic()) || last.ends_with('s') {
        return None;
    }
    let head = &s[..s.len() - last.len()];
    let b = last.as_bytes();
    let n = b.len();
    let p = if last.ends_with("ch") || last.ends_with("sh") || last.ends_with('x') {
        format!("{last}es")
    } else if n >= 2 && b[n - 1] == b'y' && !b"aeiou".contains(&b[n - 2]) {
        format!("{}ies", &last[..n - 1])
    } else if last.ends_with("man") {
        format!("{}men", &last[..n - 3])
    } else {
        format!("{last}s")
    };
    Some(format!("{head}{p}"))
}
