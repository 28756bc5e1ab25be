//! PETRARCH's validation suite (`PETR.UnitTest.records.xml`): records with
//! their text, date, expected events and the configuration in force, and
//! the scores dyad reports on it.
//!
//! The reader is a small scanner for the suite's fixed layout, not a general
//! XML parser: comments are blanked first (keeping line numbers), then
//! `<Environment>`, `<Config>` and `<Sentence>` elements are read in order.
//! The parse trees are ignored: dyad reads only the text and the date.
use crate::Error;
use std::collections::BTreeSet;

/// An expected or coded event: source, target (`---` for none) and code.
pub type Triple = (String, String, String);

#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    Events(Vec<Triple>),
    NoEvents,
    /// PETRARCH stops with this error (discards, datelines, bad parses): no events.
    Error(String),
}

/// The options a record is coded under (`<Config>` changes them for the
/// records that follow).
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub require_dyad: bool,
    pub new_actor_length: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            require_dyad: true,
            new_actor_length: 0,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub category: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub text: String,
    pub expected: Expected,
    pub config: Config,
    /// Line of `<Sentence` in the suite file.
    pub line: usize,
}

impl Record {
    /// False for records that test PETRARCH's parse-tree input (a malformed
    /// `<Parse>` whose expected outcome is `bad_input_parse`): their text is
    /// well-formed, and a coder that reads only the text cannot be scored on
    /// them.
    pub fn applicable(&self) -> bool {
        !matches!(&self.expected, Expected::Error(e) if e == "bad_input_parse")
    }

    /// The expected events as a set (errors and no-event records: empty).
    pub fn expected_set(&self) -> BTreeSet<Triple> {
        match &self.expected {
            Expected::Events(v) => v.iter().cloned().collect(),
            _ => BTreeSet::new(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Suite {
    pub verbs: Option<String>,
    pub actors: Vec<String>,
    pub agents: Option<String>,
    pub discards: Option<String>,
    /// Categories the suite runs (`<Include>`); empty means all.
    pub include: Vec<String>,
    pub records: Vec<Record>,
}

impl Suite {
    /// The records the suite's `<Include>` selects.
    pub fn included(&self) -> impl Iterator<Item = &Record> {
        self.records
            .iter()
            .filter(|r| self.include.is_empty() || self.include.contains(&r.category))
    }
}

fn blank_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find("<!--") {
        out.push_str(&rest[..p]);
        let after = &rest[p..];
        let end = after.find("-->").map(|e| e + 3).unwrap_or(after.len());
        for c in after[..end].chars() {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Attributes of a start tag body: `date = "2009" id='x'`.
fn attrs(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let b = tag.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && !b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let ks = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        let key = &tag[ks..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let q = b[i];
        if q != b'"' && q != b'\'' {
            continue;
        }
        let vs = i + 1;
        let ve = tag[vs..]
            .find(q as char)
            .map(|e| vs + e)
            .unwrap_or(tag.len());
        out.push((key.to_string(), tag[vs..ve].to_string()));
        i = ve + 1;
    }
    out
}

fn attr<'a>(a: &'a [(String, String)], k: &str) -> Option<&'a str> {
    a.iter().find(|(x, _)| x == k).map(|(_, v)| v.as_str())
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn element<'a>(body: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let a = body.find(&open)? + open.len();
    let b = body[a..].find(&close)? + a;
    Some(&body[a..b])
}

fn truthy(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Reads a suite file's contents; `name` is used in error messages.
pub fn read(name: &str, xml: &str) -> Result<Suite, Error> {
    let s = blank_comments(xml);
    let line_of = |pos: usize| s[..pos].matches('\n').count() + 1;
    let mut suite = Suite::default();
    if let Some(env) = element(&s, "Environment") {
        suite.verbs = element(env, "Verbfile").map(|x| x.trim().to_string());
        suite.agents = element(env, "Agentfile").map(|x| x.trim().to_string());
        suite.discards = element(env, "Discardfile").map(|x| x.trim().to_string());
        let mut rest = env;
        while let Some(a) = element(rest, "Actorfile") {
            suite.actors.push(a.trim().to_string());
            let end = rest
                .find("</Actorfile>")
                .map(|e| e + 12)
                .unwrap_or(rest.len());
            rest = &rest[end..];
        }
        if let Some(inc) = element(env, "Include") {
            suite.include = inc
                .split_whitespace()
                .filter(|w| *w != "valid")
                .map(|w| w.to_string())
                .collect();
        }
    }
    let mut config = Config::default();
    let mut pos = s.find("<Sentences>").unwrap_or(0);
    loop {
        let next_cfg = s[pos..].find("<Config").map(|p| p + pos);
        let next_sen = s[pos..].find("<Sentence ").map(|p| p + pos);
        match (next_cfg, next_sen) {
            (Some(c), sen) if sen.is_none_or(|x| c < x) => {
                let end = s[c..]
                    .find('>')
                    .map(|e| c + e)
                    .ok_or_else(|| Error(format!("{name}:{}: unclosed <Config", line_of(c))))?;
                let a = attrs(&s[c + 7..end]);
                let (Some(opt), Some(val)) = (attr(&a, "option"), attr(&a, "value")) else {
                    return Err(Error(format!(
                        "{name}:{}: <Config> needs option and value",
                        line_of(c)
                    )));
                };
                match opt {
                    "require_dyad" => {
                        config.require_dyad = truthy(val).ok_or_else(|| {
                            Error(format!(
                                "{name}:{}: require_dyad \"{val}\" is not true or false",
                                line_of(c)
                            ))
                        })?
                    }
                    "new_actor_length" => {
                        config.new_actor_length = val.trim().parse().map_err(|_| {
                            Error(format!(
                                "{name}:{}: new_actor_length \"{val}\" is not a number",
                                line_of(c)
                            ))
                        })?
                    }
                    // comma_* tune PETRARCH's clause deletion in parse trees,
                    // stop_on_error its error handling: nothing to do for dyad
                    _ => {}
                }
                pos = end;
            }
            (_, Some(st)) => {
                let line = line_of(st);
                let tag_end = s[st..]
                    .find('>')
                    .map(|e| st + e)
                    .ok_or_else(|| Error(format!("{name}:{line}: unclosed <Sentence")))?;
                let close = s[tag_end..]
                    .find("</Sentence>")
                    .map(|e| tag_end + e)
                    .ok_or_else(|| {
                        Error(format!("{name}:{line}: <Sentence> without </Sentence>"))
                    })?;
                let a = attrs(&s[st + 9..tag_end]);
                let body = &s[tag_end + 1..close];
                suite.records.push(record(name, line, &a, body, &config)?);
                pos = close;
            }
            _ => break,
        }
    }
    Ok(suite)
}

fn record(
    name: &str,
    line: usize,
    a: &[(String, String)],
    body: &str,
    config: &Config,
) -> Result<Record, Error> {
    let id = attr(a, "id").unwrap_or("").to_string();
    let date = attr(a, "date").and_then(crate::lines::date);
    let text = element(body, "Text")
        .map(|t| decode(&t.split_whitespace().collect::<Vec<_>>().join(" ")))
        .ok_or_else(|| Error(format!("{name}:{line}: record {id} has no <Text>")))?;
    let mut events = Vec::new();
    let mut expected = None;
    let mut rest = body;
    while let Some(p) = rest.find("<EventCoding") {
        let end = rest[p..].find('>').map(|e| p + e).unwrap_or(rest.len());
        let ea = attrs(&rest[p + 12..end]);
        if let Some(err) = attr(&ea, "error") {
            expected = Some(Expected::Error(err.to_string()));
        } else if attr(&ea, "noevents").and_then(truthy) == Some(true) {
            expected = Some(Expected::NoEvents);
        } else {
            let get = |k: &str| attr(&ea, k).unwrap_or("---").trim_matches('"').to_string();
            events.push((get("sourcecode"), get("targetcode"), get("eventcode")));
        }
        rest = &rest[end.min(rest.len())..];
    }
    let expected = match expected {
        Some(e) if events.is_empty() => e,
        // a record without <EventCoding> expects nothing (PATTERN-06)
        _ if events.is_empty() => Expected::NoEvents,
        _ => Expected::Events(events),
    };
    Ok(Record {
        id,
        category: attr(a, "category").unwrap_or("").to_string(),
        date,
        text,
        expected,
        config: config.clone(),
        line,
    })
}

/// Scores of coded records against the suite.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub records: usize,
    pub exact: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn add(&mut self, expected: &BTreeSet<Triple>, coded: &BTreeSet<Triple>) {
        self.records += 1;
        if expected == coded {
            self.exact += 1;
        }
        let tp = expected.intersection(coded).count();
        self.tp += tp;
        self.fp += coded.len() - tp;
        self.fn_ += expected.len() - tp;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn accuracy(&self) -> f64 {
        ratio(self.exact, self.records)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Validation><Environment>
<Verbfile>V.txt</Verbfile><Actorfile>A.txt</Actorfile><Include>valid DEMO</Include>
</Environment><Sentences>
<!-- <Sentence date="19950101" id="X" category="DEMO"> commented out -->
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore ties with Gondor &amp; Rohan.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Config option="require_dyad" value="False"></Config>
<Sentence date = "20090101" category="OTHER" id ="E-1">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing.</Text>
</Sentence>
</Sentences></Validation>"#;

    #[test]
    fn reads_records_and_config() {
        let s = read("t.xml", XML).unwrap();
        assert_eq!(s.verbs.as_deref(), Some("V.txt"));
        assert_eq!(s.actors, vec!["A.txt"]);
        assert_eq!(s.records.len(), 2);
        let r = &s.records[0];
        assert_eq!(r.id, "DEMO-00");
        assert_eq!(r.date.as_deref(), Some("1995-01-01"));
        assert_eq!(
            r.text,
            "Arnor is about to restore ties with Gondor & Rohan."
        );
        assert!(r.config.require_dyad);
        assert_eq!(
            r.expected,
            Expected::Events(vec![("ARN".into(), "GON".into(), "064".into())])
        );
        assert_eq!(s.records[1].expected, Expected::NoEvents);
        assert!(!s.records[1].config.require_dyad);
        assert_eq!(s.included().count(), 1);
    }

    #[test]
    fn scores() {
        let t = |a: &str| (a.to_string(), "B".to_string(), "01".to_string());
        let mut sc = Score::default();
        sc.add(&[t("A")].into(), &[t("A"), t("C")].into());
        sc.add(&BTreeSet::new(), &BTreeSet::new());
        assert_eq!((sc.tp, sc.fp, sc.fn_, sc.exact), (1, 1, 0, 1));
        assert!((sc.precision() - 0.5).abs() < 1e-9);
        assert!((sc.accuracy() - 0.5).abs() < 1e-9);
    }
}
