//! PETRARCH2/TABARI compatibility: convert PETRARCH dictionaries into a dyad
//! lexicon folder, and read PETRARCH's validation suite.
//!
//! The converter reads the dictionary set named by `PETR_config.ini` (verb
//! dictionary with synsets and verb blocks, actor files with dated codes,
//! agents, discards, issues) and writes the lexicon files dyad's loader
//! reads (`docs/LEXICON-FORMAT.md`). It never drops an entry silently: every
//! entry it cannot express, or can express only with a loss, becomes a
//! [`Note`] with the source `file:line` and the reason, written to the
//! folder's import report. The generated folder is loaded with
//! [`dyad_lexicon::Lexicon::from_files`] before it is returned; lines the
//! loader still rejects are removed and reported the same way, so the
//! result always loads.
//!
//! Design choice: the conversion is a pure function from file contents to
//! file contents ([`import`]); reading folders and writing the output is
//! the caller's business, which keeps the tests free of the file system.

mod actors;
mod agents;
mod lines;
pub mod suite;
mod verbs;

use dyad_lexicon::Lexicon;
use dyad_text::{tokenize, Span};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The report file written beside the lexicon. Its extension is not `.txt`
/// because dyad's loader reads every `.txt` file of a lexicon folder.
pub const REPORT_FILE: &str = "IMPORT-REPORT.log";

/// One named PETRARCH file: `(file name, contents)`.
pub type NamedText = (String, String);

/// The PETRARCH dictionaries to convert.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    pub verbs: Option<NamedText>,
    pub actors: Vec<NamedText>,
    pub agents: Option<NamedText>,
    pub discards: Option<NamedText>,
    pub issues: Option<NamedText>,
}

/// An error reading the PETRARCH folder; names the file.
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Error {}

fn read(path: &Path) -> Result<NamedText, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error(format!("{}: {e}", path.display())))?;
    // PETRARCH files are mostly ASCII; a stray Latin-1 byte must not stop the import
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, text))
}

impl Sources {
    /// The files named in the `[Dictionaries]` section of a PETRARCH config
    /// (`PETR_config.ini`), relative to `dir`.
    pub fn from_config(dir: &Path, config: &Path) -> Result<Sources, Error> {
        let text = std::fs::read_to_string(config)
            .map_err(|e| Error(format!("{}: {e}", config.display())))?;
        let mut in_dicts = false;
        let mut s = Sources::default();
        for (i, line) in text.lines().enumerate() {
            let l = line.trim();
            if l.starts_with('#') || l.is_empty() {
                continue;
            }
            if l.starts_with('[') {
                in_dicts = l == "[Dictionaries]";
                continue;
            }
            if !in_dicts {
                continue;
            }
            let Some((k, v)) = l.split_once('=') else {
                return Err(Error(format!(
                    "{}:{}: expected key = value",
                    config.display(),
                    i + 1
                )));
            };
            let files: Vec<PathBuf> = v
                .split(',')
                .map(|x| x.trim())
                .filter(|x| !x.is_empty())
                .map(|x| dir.join(x))
                .collect();
            let one = |f: &[PathBuf]| -> Result<Option<NamedText>, Error> {
                f.first().map(|p| read(p)).transpose()
            };
            match k.trim() {
                "verbfile_name" => s.verbs = one(&files)?,
                "actorfile_list" => {
                    for f in &files {
                        s.actors.push(read(f)?);
                    }
                }
                "agentfile_name" => s.agents = one(&files)?,
                "discardfile_name" => s.discards = one(&files)?,
                "issuefile_name" => s.issues = one(&files)?,
                _ => {}
            }
        }
        Ok(s)
    }

    /// The dictionaries of a folder: by its `PETR_config.ini` when present,
    /// otherwise by file name (`*verbs*`/`CAMEO*` verbs, `*actors*`,
    /// `*agents*`, `*discards*`, `*Issue*`).
    pub fn from_dir(dir: &Path) -> Result<Sources, Error> {
        let cfg = dir.join("PETR_config.ini");
        if cfg.is_file() {
            return Sources::from_config(dir, &cfg);
        }
        let rd = std::fs::read_dir(dir).map_err(|e| Error(format!("{}: {e}", dir.display())))?;
        let mut names: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        names.sort();
        let mut s = Sources::default();
        for p in names {
            let n = p
                .file_name()
                .map(|x| x.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if !n.ends_with(".txt") {
                continue;
            }
            if n.contains("actors") {
                s.actors.push(read(&p)?);
            } else if n.contains("agents") {
                s.agents = Some(read(&p)?);
            } else if n.contains("discards") {
                s.discards = Some(read(&p)?);
            } else if n.contains("issue") {
                s.issues = Some(read(&p)?);
            } else if (n.contains("verbs") || n.starts_with("cameo")) && s.verbs.is_none() {
                s.verbs = Some(read(&p)?);
            }
        }
        if s.verbs.is_none() && s.actors.is_empty() {
            return Err(Error(format!(
                "{}: no PETR_config.ini and no PETRARCH dictionaries (*verbs*, CAMEO*, *actors*) found",
                dir.display()
            )));
        }
        Ok(s)
    }
}

/// Import options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Add dyad's own coder resources to the output: its CAMEO code table
    /// scores, symmetric and intent code lists, modality and reporting word
    /// lists, irregular verbs. Off for dictionaries whose codes are not
    /// CAMEO (the validation suite's WEIS-style codes).
    pub dyad_extras: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { dyad_extras: true }
    }
}

/// One entry that was not converted, or converted with a loss.
#[derive(Debug, Clone)]
pub struct Note {
    pub file: String,
    pub line: usize,
    pub entry: String,
    pub reason: String,
    /// True when the entry was written with the loss described.
    pub partly: bool,
}

/// Counts of what was read and written.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub synsets: usize,
    pub blocks: usize,
    pub verbs: usize,
    pub verbs_not: usize,
    pub patterns: usize,
    pub patterns_ok: usize,
    pub patterns_partial: usize,
    pub patterns_not: usize,
    pub transformations: usize,
    pub dyad_patterns: usize,
    pub actor_entries: usize,
    pub actor_ok: usize,
    pub actor_not: usize,
    pub roles: usize,
    pub agent_entries: usize,
    pub agent_ok: usize,
    pub agent_not: usize,
    pub discards: usize,
    pub issues: usize,
    pub phrases: usize,
    pub phrase_conflicts: usize,
    /// Entries that repeat earlier ones (every phrase already had this
    /// meaning): nothing new to write, nothing lost.
    pub duplicates: usize,
    pub loader_rejected: usize,
}

impl Stats {
    /// Source entries converted (fully or partly) and not converted.
    pub fn totals(&self) -> (usize, usize) {
        let ok = self.verbs - self.verbs_not
            + self.patterns_ok
            + self.actor_ok
            + self.agent_ok
            + self.duplicates
            + self.discards
            + self.issues;
        let not = self.verbs_not
            + self.patterns_not
            + self.transformations
            + self.actor_not
            + self.agent_not;
        (ok, not)
    }
}

/// A sentence- or story-level discard phrase.
#[derive(Debug, Clone)]
pub struct Discard {
    pub phrase: String,
    pub story: bool,
}

/// The result of an import.
#[derive(Debug)]
pub struct Imported {
    /// Lexicon files `(relative path, contents)`; they load.
    pub files: Vec<(String, String)>,
    /// Other files for the output folder (report, issues, discards).
    pub extra: Vec<(String, String)>,
    pub notes: Vec<Note>,
    pub stats: Stats,
    pub discards: Vec<Discard>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Owner {
    Actor(String),
    Person(usize),
    Agent(String),
    NotActor,
}

pub(crate) struct PersonOut {
    pub names: Vec<String>,
    pub roles: Vec<actors::RawCode>,
    pub origin: String,
}

#[derive(Default)]
pub(crate) struct Importer {
    pub notes: Vec<Note>,
    pub stats: Stats,
    /// Phrases seen again with the meaning they already had.
    pub same: usize,
    phrases: HashMap<String, (Owner, String)>,
    actors: Vec<(String, Vec<String>, String)>,
    actor_index: HashMap<String, usize>,
    pub people: Vec<PersonOut>,
    pub agents: Vec<(String, Vec<String>, String)>,
    pub not_actors: Vec<(String, String)>,
    patterns: Vec<(String, String, String)>,
    pattern_seen: BTreeSet<(String, String)>,
    codes: BTreeMap<String, String>,
    /// Per code: uses paired with itself (`[X:X]`) and other uses.
    pairing: BTreeMap<String, (Vec<(String, usize)>, usize)>,
    symmetric: BTreeSet<String>,
}

fn phrase_key(s: &str) -> String {
    tokenize(s, Span::new(0, s.len()))
        .into_iter()
        .map(|t| String::from(t.norm))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Importer {
    pub(crate) fn note(
        &mut self,
        file: &str,
        line: usize,
        entry: &str,
        reason: &str,
        partly: bool,
    ) {
        self.notes.push(Note {
            file: file.to_string(),
            line,
            entry: entry.trim().to_string(),
            reason: reason.to_string(),
            partly,
        });
    }

    /// Claims a phrase for one meaning; false (and a note) when another
    /// entry already gave it a different one, or when it cannot be written.
    pub(crate) fn claim(&mut self, file: &str, line: usize, phrase: &str, owner: Owner) -> bool {
        if phrase.contains('|') || phrase.starts_with('=') {
            self.note(
                file,
                line,
                phrase,
                "phrase contains | or starts with =; not converted",
                false,
            );
            return false;
        }
        let key = phrase_key(phrase);
        if key.is_empty() {
            self.note(
                file,
                line,
                phrase,
                "phrase has no words; not converted",
                false,
            );
            return false;
        }
        let here = format!("{file}:{line}");
        match self.phrases.get(&key) {
            None => {
                self.phrases.insert(key, (owner, here));
                self.stats.phrases += 1;
                true
            }
            Some((o, _)) if *o == owner => {
                self.same += 1;
                false
            }
            Some((Owner::Agent(_), _)) if matches!(owner, Owner::Agent(_)) => {
                self.same += 1;
                false
            }
            Some((o, at)) => {
                let msg = format!(
                    "phrase already names {} (at {at}); dyad gives a phrase one meaning, this one is not converted",
                    describe(o)
                );
                self.stats.phrase_conflicts += 1;
                self.note(file, line, phrase, &msg, false);
                false
            }
        }
    }

    pub(crate) fn add_actor(&mut self, code: &str, names: Vec<String>, origin: String) {
        match self.actor_index.get(code) {
            Some(&i) => self.actors[i].1.extend(names),
            None => {
                self.actor_index.insert(code.to_string(), self.actors.len());
                self.actors.push((code.to_string(), names, origin));
            }
        }
    }

    pub(crate) fn code_used(&mut self, code: &str, pair: Option<&str>, file: &str, line: usize) {
        if code == dyad_lexicon::BLOCK {
            return;
        }
        self.codes
            .entry(code.to_string())
            .or_insert_with(|| format!("{file}:{line}"));
        let e = self.pairing.entry(code.to_string()).or_default();
        if pair == Some(code) {
            e.0.push((file.to_string(), line));
        } else {
            e.1 += 1;
        }
    }

    pub(crate) fn add_pattern(&mut self, code: &str, text: &str, origin: &str) {
        if self
            .pattern_seen
            .insert((code.to_string(), text.to_lowercase()))
        {
            self.patterns
                .push((code.to_string(), text.to_string(), origin.to_string()));
        }
    }
}

fn describe(o: &Owner) -> String {
    match o {
        Owner::Actor(c) => format!("actor {c}"),
        Owner::Person(_) => "a person".into(),
        Owner::Agent(c) => format!("agent {c}"),
        Owner::NotActor => "no actor (a discard)".into(),
    }
}

/// A generated file: lines with the PETRARCH origin they came from.
struct OutFile {
    path: String,
    head: String,
    lines: Vec<(String, Option<String>)>,
}

impl OutFile {
    fn new(path: &str, head: &str) -> OutFile {
        OutFile {
            path: path.into(),
            head: head.into(),
            lines: Vec::new(),
        }
    }
    fn push(&mut self, line: String, origin: Option<String>) {
        self.lines.push((line, origin));
    }
    fn text(&self) -> String {
        let mut s = self.head.clone();
        for (l, _) in &self.lines {
            s.push_str(l);
            s.push('\n');
        }
        s
    }
    /// Origin of the entry on a 1-based line of `text()`.
    fn at(&self, line: usize) -> Option<usize> {
        let head = self.head.lines().count();
        line.checked_sub(head + 1).filter(|&i| i < self.lines.len())
    }
}

fn builtin(path: &str) -> Option<&'static str> {
    dyad_lexicon::builtin_files()
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, c)| *c)
}

/// Converts a set of PETRARCH dictionaries.
pub fn import(src: &Sources, opts: &Options) -> Result<Imported, Error> {
    let mut imp = Importer::default();
    for (name, text) in &src.actors {
        actors::import(&mut imp, name, text);
    }
    if let Some((name, text)) = &src.agents {
        agents::import(&mut imp, name, text);
    }
    let mut discards = Vec::new();
    let mut discard_tsv = String::from("# PETRARCH discards: source\tlevel\tphrase\n");
    if let Some((name, text)) = &src.discards {
        for (n, l) in lines::clean(text) {
            let t = l.trim();
            let (story, p) = match t.strip_prefix('+') {
                Some(p) => (true, p.trim()),
                None => (false, t),
            };
            let phrase = lines::phrase_words(p);
            imp.stats.discards += 1;
            let level = if story { "story" } else { "sentence" };
            let _ = writeln!(discard_tsv, "{name}:{n}\t{level}\t{phrase}");
            discards.push(Discard {
                phrase: phrase.clone(),
                story,
            });
            if imp.claim(name, n, &phrase, Owner::NotActor) {
                imp.not_actors.push((phrase, format!("{name}:{n}")));
            }
        }
        imp.note(
            name,
            0,
            "(all discards)",
            "dyad does not discard sentences or stories: the phrases are written to special/not_actors.txt (they name no actor) and to petrarch-discards.tsv; `dyad eval --petrarch-suite` applies them as discards",
            true,
        );
    }
    let mut issues_tsv =
        String::from("# PETRARCH issues: source\tcategory\tphrase\tcode (or EXCLUDE)\n");
    if let Some((name, text)) = &src.issues {
        let mut cat = String::new();
        for (n, l) in lines::clean(text) {
            let t = l.trim();
            if t.starts_with("<ISSUE") {
                cat = t
                    .split("CATEGORY=\"")
                    .nth(1)
                    .and_then(|x| x.split('"').next())
                    .unwrap_or("")
                    .to_string();
                continue;
            }
            if t.starts_with("</") {
                continue;
            }
            imp.stats.issues += 1;
            let (phrase, code) = match (t.find('['), t.rfind(']')) {
                (Some(a), Some(b)) if a < b => (t[..a].trim().to_string(), t[a + 1..b].to_string()),
                _ if t.starts_with('~') => (t[1..].trim().to_string(), "EXCLUDE".to_string()),
                _ => (t.to_string(), String::new()),
            };
            let _ = writeln!(issues_tsv, "{name}:{n}\t{cat}\t{phrase}\t{code}");
        }
        imp.note(
            name,
            0,
            "(all issues)",
            "issue coding is recorded in petrarch-issues.tsv; the dyad coder does not use it",
            true,
        );
    }
    if let Some((name, text)) = &src.verbs {
        verbs::import(&mut imp, name, text);
    }
    build(imp, src, opts, discards, discard_tsv, issues_tsv)
}

fn build(
    mut imp: Importer,
    src: &Sources,
    opts: &Options,
    discards: Vec<Discard>,
    discard_tsv: String,
    issues_tsv: String,
) -> Result<Imported, Error> {
    let head = "# Imported from PETRARCH dictionaries by `dyad lexicon import --from petrarch`.\n# The comment or note on each line names the PETRARCH file:line it came from.\n";
    // dyad codes both directions per code, PETRARCH per pattern: a code is
    // symmetric when every use of it is paired with itself
    for (code, (paired, other)) in std::mem::take(&mut imp.pairing) {
        if other == 0 && !paired.is_empty() {
            imp.symmetric.insert(code);
        } else {
            for (f, l) in paired {
                let msg = format!("paired code [{code}:{code}]: the reverse event is not coded, since other patterns code {code} in one direction and dyad's symmetric list is per code");
                imp.note(&f, l, &format!("[{code}:{code}]"), &msg, true);
            }
        }
    }
    // actors: countries are the 3-letter codes; role codes need a declared prefix
    let mut declared: BTreeSet<String> = BTreeSet::new();
    for (c, _, _) in &imp.actors {
        if c.len() == 3 && !c.starts_with("IGO") {
            declared.insert(c.clone());
        }
    }
    let mut act = OutFile::new("actors/petrarch.txt", head);
    let mut kind = "";
    let actors = std::mem::take(&mut imp.actors);
    let known: BTreeSet<String> = actors.iter().map(|a| a.0.clone()).collect();
    let mut extra_codes: BTreeSet<String> = BTreeSet::new();
    for p in &imp.people {
        for r in &p.roles {
            let pre = r.code.get(..3).unwrap_or("");
            if !declared.contains(pre)
                && !known.contains(&r.code)
                && !r.code.starts_with("IGO")
                && !r.code.starts_with("NGO")
            {
                extra_codes.insert(r.code.clone());
            }
        }
    }
    for (code, names, origin) in &actors {
        let k = if code.starts_with("IGO") {
            "igo"
        } else if code.len() == 3 {
            "country"
        } else {
            "group"
        };
        if k != kind {
            act.push(format!("@kind {k}"), None);
            kind = k;
        }
        act.push(
            format!("{code} | {}   # {origin}", names.join(" | ")),
            Some(origin.clone()),
        );
    }
    if !extra_codes.is_empty() {
        act.push("@kind group".into(), None);
        act.push("# codes used only by dated roles".into(), None);
        for c in &extra_codes {
            act.push(c.clone(), None);
        }
    }
    let mut ppl = OutFile::new("people/petrarch.txt", head);
    for p in &imp.people {
        ppl.push(
            format!("{}   # {}", p.names.join(" | "), p.origin),
            Some(p.origin.clone()),
        );
        for r in &p.roles {
            ppl.push(
                format!(
                    "  {} | {} | {} | imported",
                    r.code,
                    r.from.as_deref().unwrap_or(""),
                    r.to.as_deref().unwrap_or("")
                ),
                Some(p.origin.clone()),
            );
        }
    }
    let mut ag = OutFile::new("agents/petrarch.txt", head);
    for (code, names, origin) in &imp.agents {
        ag.push(
            format!("{code} | {}   # {origin}", names.join(" | ")),
            Some(origin.clone()),
        );
    }
    let mut vb = OutFile::new(
        "verbs/petrarch.txt",
        &format!("{head}# code | pattern | PETRARCH origin\n"),
    );
    for (code, text, origin) in &imp.patterns {
        vb.push(format!("{code} | {text} | {origin}"), Some(origin.clone()));
    }
    let mut na = OutFile::new("special/not_actors.txt", head);
    for (p, origin) in &imp.not_actors {
        na.push(format!("{p}   # {origin}"), Some(origin.clone()));
    }
    // the code table: dyad's scores where it knows the code
    let table = builtin("cameo/codes.txt").unwrap_or("");
    let mut known_codes: BTreeMap<String, (String, String)> = BTreeMap::new();
    for l in table.lines() {
        let f: Vec<&str> = l.split('|').map(|x| x.trim()).collect();
        if f.len() >= 3 && !l.trim_start().starts_with('#') {
            known_codes.insert(f[0].to_string(), (f[1].to_string(), f[2].to_string()));
        }
    }
    let mut codes_txt = String::from(table);
    if !codes_txt.ends_with('\n') {
        codes_txt.push('\n');
    }
    let mut added = Vec::new();
    for (c, origin) in &imp.codes {
        if known_codes.contains_key(c) {
            continue;
        }
        let parent = (2..c.len())
            .rev()
            .find_map(|n| known_codes.get(&c[..n]))
            .cloned();
        let (q, g) = parent.unwrap_or(("1".into(), "0.0".into()));
        added.push(format!(
            "{c} | {q} | {g} | | | | imported from PETRARCH ({origin}); not a dyad code, scores of its nearest parent"
        ));
    }
    if !added.is_empty() {
        codes_txt.push_str(
            "# codes used by the PETRARCH dictionaries that dyad's table does not have\n",
        );
        for a in added {
            codes_txt.push_str(&a);
            codes_txt.push('\n');
        }
    }
    let mut sym: BTreeSet<String> = imp.symmetric.clone();
    let mut fixed: Vec<(String, String)> = vec![("cameo/codes.txt".into(), codes_txt)];
    if opts.dyad_extras {
        if let Some(s) = builtin("cameo/symmetric.txt") {
            for l in s.lines() {
                let l = l.split('#').next().unwrap_or("");
                for c in l.split('|') {
                    if !c.trim().is_empty() {
                        sym.insert(c.trim().to_string());
                    }
                }
            }
        }
        for p in [
            "cameo/intent.txt",
            "verbs/irregular.txt",
            "special/negation.txt",
            "special/future.txt",
            "special/intent.txt",
            "special/hypothetical.txt",
            "special/hedges.txt",
            "special/reporting.txt",
        ] {
            if let Some(c) = builtin(p) {
                fixed.push((p.into(), c.into()));
            }
        }
        if let Some(c) = builtin("special/reciprocal.txt") {
            let mut keep = Vec::new();
            for (i, l) in c.lines().enumerate() {
                let l = l.split('#').next().unwrap_or("");
                for p in l.split('|').map(|x| x.trim()).filter(|x| !x.is_empty()) {
                    if imp.claim("dyad special/reciprocal.txt", i + 1, p, Owner::NotActor) {
                        keep.push(p.to_string());
                    }
                }
            }
            fixed.push(("special/reciprocal.txt".into(), keep.join(" | ") + "\n"));
        }
    }
    let sym_txt = format!(
        "# codes coded in both directions ({} paired [X:X] codes from PETRARCH{})\n{}\n",
        imp.symmetric.len(),
        if opts.dyad_extras {
            " and dyad's own list"
        } else {
            ""
        },
        sym.into_iter().collect::<Vec<_>>().join(" | ")
    );
    if sym_txt.lines().nth(1).is_some_and(|l| !l.trim().is_empty()) {
        fixed.push(("cameo/symmetric.txt".into(), sym_txt));
    }

    // load, drop what the loader rejects (with a note), load again
    let mut outs = vec![act, ppl, ag, vb, na];
    let mut rounds = 0;
    loop {
        let mut files = fixed.clone();
        for o in &outs {
            if !o.lines.is_empty() {
                files.push((o.path.clone(), o.text()));
            }
        }
        match Lexicon::from_files(&files) {
            Ok(lex) => {
                imp.stats.dyad_patterns = lex.patterns.len();
                let report = report(&imp, src, &files, &lex);
                let mut notes = imp.notes;
                notes.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
                let extra = vec![
                    (REPORT_FILE.to_string(), report),
                    ("petrarch-issues.tsv".to_string(), issues_tsv),
                    ("petrarch-discards.tsv".to_string(), discard_tsv),
                ];
                return Ok(Imported {
                    files,
                    extra,
                    notes,
                    stats: imp.stats,
                    discards,
                });
            }
            Err(errs) => {
                rounds += 1;
                let mut removed = 0;
                let mut drop: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
                for e in &errs.0 {
                    let Some(fi) = outs.iter().position(|o| o.path == e.file) else {
                        continue;
                    };
                    if let Some(i) = outs[fi].at(e.line) {
                        drop.entry(fi).or_default().insert(i);
                        let (line, origin) = outs[fi].lines[i].clone();
                        let (f, l) = split_origin(origin.as_deref());
                        let msg = format!(
                            "dyad's loader rejects the converted line \"{line}\": {}; removed",
                            e.message
                        );
                        imp.notes.push(Note {
                            file: f,
                            line: l,
                            entry: line,
                            reason: msg,
                            partly: false,
                        });
                        imp.stats.loader_rejected += 1;
                    }
                }
                for (fi, set) in drop {
                    for i in set.into_iter().rev() {
                        outs[fi].lines.remove(i);
                        removed += 1;
                    }
                }
                if removed == 0 || rounds > 5 {
                    return Err(Error(format!(
                        "the converted lexicon does not load:\n{errs}"
                    )));
                }
            }
        }
    }
}

fn split_origin(o: Option<&str>) -> (String, usize) {
    match o.and_then(|o| o.rsplit_once(':')) {
        Some((f, l)) => (f.to_string(), l.parse().unwrap_or(0)),
        None => ("(generated)".into(), 0),
    }
}

fn report(imp: &Importer, src: &Sources, files: &[(String, String)], lex: &Lexicon) -> String {
    let s = &imp.stats;
    let mut r = String::new();
    let _ = writeln!(r, "dyad lexicon import --from petrarch: report");
    let _ = writeln!(r);
    let mut names: Vec<&str> = Vec::new();
    names.extend(src.verbs.iter().map(|x| x.0.as_str()));
    names.extend(src.actors.iter().map(|x| x.0.as_str()));
    names.extend(src.agents.iter().map(|x| x.0.as_str()));
    names.extend(src.discards.iter().map(|x| x.0.as_str()));
    names.extend(src.issues.iter().map(|x| x.0.as_str()));
    let _ = writeln!(r, "source files: {}", names.join(", "));
    let (ok, not) = s.totals();
    let _ = writeln!(r, "entries converted: {ok}; not converted: {not}");
    let _ = writeln!(
        r,
        "verbs: {} synsets, {} blocks, {} verbs ({} not converted); {} patterns: {} converted ({} with a loss), {} not converted; {} transformations not converted",
        s.synsets, s.blocks, s.verbs, s.verbs_not, s.patterns, s.patterns_ok, s.patterns_partial, s.patterns_not, s.transformations
    );
    let _ = writeln!(
        r,
        "actors: {} entries, {} converted ({} people with {} dated roles), {} not converted",
        s.actor_entries,
        s.actor_ok,
        imp.people.len(),
        s.roles,
        s.actor_not
    );
    let _ = writeln!(
        r,
        "agents: {} entries, {} converted, {} not converted",
        s.agent_entries, s.agent_ok, s.agent_not
    );
    let _ = writeln!(r, "discards: {} (special/not_actors.txt, petrarch-discards.tsv); issues: {} (petrarch-issues.tsv)", s.discards, s.issues);
    let _ = writeln!(
        r,
        "phrases: {} written, {} left out because another entry gave them another meaning; {} entries repeat earlier ones; {} converted lines rejected by the loader",
        s.phrases, s.phrase_conflicts, s.duplicates, s.loader_rejected
    );
    let _ = writeln!(
        r,
        "dyad lexicon: {} files, {} event codes, {} actors, {} persons, {} agents, {} phrases, {} patterns",
        files.len(),
        lex.codes.len(),
        lex.actors.len(),
        lex.people.len(),
        lex.agents.len(),
        lex.phrases.len(),
        lex.patterns.len()
    );
    let _ = writeln!(r);
    let _ = writeln!(r, "Every entry not converted, or converted with a loss (file:line | status | entry | reason):");
    let mut notes: Vec<&Note> = imp.notes.iter().collect();
    notes.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    for n in notes {
        let _ = writeln!(
            r,
            "{}:{} | {} | {} | {}",
            n.file,
            n.line,
            if n.partly {
                "converted with a loss"
            } else {
                "not converted"
            },
            n.entry,
            n.reason
        );
    }
    r
}

/// Writes an import to a folder: lexicon files and the extra files.
pub fn write(imported: &Imported, out: &Path) -> Result<(), Error> {
    for (p, c) in imported.files.iter().chain(imported.extra.iter()) {
        let dest = out.join(p);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error(format!("creating {}: {e}", parent.display())))?;
        }
        std::fs::write(&dest, c).map_err(|e| Error(format!("writing {}: {e}", dest.display())))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
