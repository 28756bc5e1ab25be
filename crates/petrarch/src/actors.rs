//! `*.actors.txt`: actors with synonyms and dated codes, to dyad actors and
//! people.
use crate::lines::{clean, date, phrase_words};
use crate::{Importer, Owner};

/// One `[...]` code of an actor entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawCode {
    pub code: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub line: usize,
}

#[derive(Debug, Default)]
struct Entry {
    names: Vec<(String, usize)>,
    codes: Vec<RawCode>,
}

/// Parses the inside of `[...]`: `CODE`, `CODE >YYMMDD`, `CODE <YYMMDD`,
/// `CODE YYMMDD-YYMMDD`.
pub(crate) fn parse_code(inner: &str, line: usize) -> Result<RawCode, String> {
    let inner = inner.trim();
    let end = inner
        .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .unwrap_or(inner.len());
    let code = inner[..end].to_string();
    let rest = inner[end..].trim();
    let (mut from, mut to) = (None, None);
    let bad = |s: &str| format!("bad date \"{s}\" in [{inner}] (YYMMDD or YYYYMMDD)");
    if let Some(d) = rest.strip_prefix('<') {
        to = Some(date(d).ok_or_else(|| bad(d))?);
    } else if let Some(d) = rest.strip_prefix('>') {
        from = Some(date(d).ok_or_else(|| bad(d))?);
    } else if !rest.is_empty() {
        let (a, b) = rest
            .split_once('-')
            .ok_or_else(|| format!("cannot read the date part \"{rest}\" of [{inner}]"))?;
        from = Some(date(a).ok_or_else(|| bad(a))?);
        to = Some(date(b).ok_or_else(|| bad(b))?);
    }
    if code.is_empty() {
        return Err(format!("[{inner}] has dates but no code"));
    }
    Ok(RawCode {
        code,
        from,
        to,
        line,
    })
}

pub(crate) fn import(imp: &mut Importer, file: &str, text: &str) {
    let mut entries: Vec<Entry> = Vec::new();
    let mut cur = Entry::default();
    let flush = |cur: &mut Entry, entries: &mut Vec<Entry>| {
        if !cur.names.is_empty() || !cur.codes.is_empty() {
            entries.push(std::mem::take(cur));
        }
    };
    for (n, line) in clean(text) {
        let t = line.trim();
        // split off the bracketed codes
        let (head, codes) = match t.find('[') {
            Some(p) => (t[..p].trim(), &t[p..]),
            None => (t, ""),
        };
        let mut rest = codes;
        let mut found = Vec::new();
        while let Some(p) = rest.find('[') {
            match rest[p..].find(']') {
                Some(q) => {
                    found.push(rest[p + 1..p + q].to_string());
                    rest = &rest[p + q + 1..];
                }
                None => {
                    imp.note(file, n, t, "unclosed [ in a code; line skipped", false);
                    found.clear();
                    break;
                }
            }
        }
        if !head.is_empty() {
            if let Some(alias) = head.strip_prefix('+') {
                cur.names.push((phrase_words(alias), n));
            } else {
                // a new primary name starts a new entry once the current one has its code
                if !cur.codes.is_empty() {
                    flush(&mut cur, &mut entries);
                }
                cur.names.push((phrase_words(head), n));
            }
        }
        for f in found {
            match parse_code(&f, n) {
                Ok(c) => cur.codes.push(c),
                Err(e) => imp.note(file, n, t, &format!("{e}; this code is dropped"), false),
            }
        }
    }
    flush(&mut cur, &mut entries);
    for e in entries {
        convert(imp, file, e);
    }
}

fn valid_code(c: &str) -> bool {
    c.len() >= 3
        && c.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn convert(imp: &mut Importer, file: &str, e: Entry) {
    imp.stats.actor_entries += 1;
    let first_line = e.names.first().map(|x| x.1).unwrap_or(0);
    let label = e
        .names
        .first()
        .map(|x| x.0.clone())
        .unwrap_or_else(|| "(no name)".into());
    if e.names.is_empty() {
        imp.note(file, first_line, &label, "codes without a name", false);
        imp.stats.actor_not += 1;
        return;
    }
    if e.codes.is_empty() {
        imp.note(file, first_line, &label, "entry has no [CODE]", false);
        imp.stats.actor_not += 1;
        return;
    }
    let mut codes = Vec::new();
    for mut c in e.codes {
        if c.code == "---" {
            if c.from.is_none() && c.to.is_none() {
                // the entry names no actor: dyad's not-actor list does that
                codes.clear();
                codes.push(c);
                break;
            }
            imp.note(
                file,
                c.line,
                &label,
                "a dated [--- ...] (no actor in this period) cannot be expressed: dyad roles always name an actor; period dropped",
                true,
            );
            continue;
        }
        if let Some((a, _)) = c.code.split_once('/') {
            imp.note(
                file,
                c.line,
                &c.code,
                &format!("several codes in one bracket; dyad keeps one, {a}"),
                true,
            );
            c.code = a.to_string();
        }
        let up = c.code.to_ascii_uppercase();
        if up != c.code {
            imp.note(
                file,
                c.line,
                &c.code,
                &format!("lower-case code written as {up}"),
                true,
            );
            c.code = up;
        }
        if !valid_code(&c.code) {
            imp.note(
                file,
                c.line,
                &c.code,
                "not an actor code (dyad codes are 3 or more upper-case letters and digits); code dropped",
                false,
            );
            continue;
        }
        codes.push(c);
    }
    if codes.is_empty() {
        imp.note(
            file,
            first_line,
            &label,
            "no usable code left; entry not converted",
            false,
        );
        imp.stats.actor_not += 1;
        return;
    }
    if codes.len() == 1 && codes[0].code == "---" {
        let same_before = imp.same;
        let mut kept = 0;
        for (name, n) in &e.names {
            if imp.claim(file, *n, name, Owner::NotActor) {
                imp.not_actors.push((name.clone(), format!("{file}:{n}")));
                kept += 1;
            }
        }
        if kept > 0 {
            imp.stats.actor_ok += 1;
        } else if imp.same > same_before {
            imp.stats.duplicates += 1;
        } else {
            imp.stats.actor_not += 1;
        }
        return;
    }
    let undated: Vec<&RawCode> = codes
        .iter()
        .filter(|c| c.from.is_none() && c.to.is_none())
        .collect();
    if codes.len() == 1 && undated.len() == 1 {
        let code = codes[0].code.clone();
        let same_before = imp.same;
        let mut names = Vec::new();
        for (name, n) in &e.names {
            if imp.claim(file, *n, name, Owner::Actor(code.clone())) {
                names.push(name.clone());
            }
        }
        if names.is_empty() {
            if imp.same > same_before {
                imp.stats.duplicates += 1;
            } else {
                imp.stats.actor_not += 1;
            }
            return;
        }
        imp.add_actor(&code, names, format!("{file}:{first_line}"));
        imp.stats.actor_ok += 1;
        return;
    }
    // a person with dated roles; undated codes are the fallback, written last
    if undated.len() > 1 {
        imp.note(
            file,
            undated[1].line,
            &label,
            "more than one undated code; dyad uses the first one outside the dated periods",
            true,
        );
    }
    let pid = imp.people.len();
    let mut names = Vec::new();
    for (name, n) in &e.names {
        if imp.claim(file, *n, name, Owner::Person(pid)) {
            names.push(name.clone());
        }
    }
    if names.is_empty() {
        imp.stats.actor_not += 1;
        return;
    }
    let mut roles: Vec<RawCode> = codes
        .iter()
        .filter(|c| c.from.is_some() || c.to.is_some())
        .cloned()
        .collect();
    roles.extend(undated.into_iter().take(1).cloned());
    for r in &roles {
        if let (Some(a), Some(b)) = (&r.from, &r.to) {
            if a > b {
                imp.note(
                    file,
                    r.line,
                    &r.code,
                    "period ends before it starts; role dropped",
                    false,
                );
            }
        }
    }
    roles.retain(|r| !matches!((&r.from, &r.to), (Some(a), Some(b)) if a > b));
    imp.stats.roles += roles.len();
    imp.people.push(crate::PersonOut {
        names,
        roles,
        origin: format!("{file}:{first_line}"),
    });
    imp.stats.actor_ok += 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_forms() {
        let c = parse_code("HOB < 950601", 1).unwrap();
        assert_eq!(
            (c.code.as_str(), c.to.as_deref()),
            ("HOB", Some("1995-06-01"))
        );
        let c = parse_code("HOBGOV 19950601 - 19990815", 1).unwrap();
        assert_eq!(c.from.as_deref(), Some("1995-06-01"));
        assert_eq!(c.to.as_deref(), Some("1999-08-15"));
        let c = parse_code("HOBELI >20130119", 1).unwrap();
        assert_eq!(c.from.as_deref(), Some("2013-01-19"));
        assert!(parse_code("KORGOVBUS 2004017-20061201", 1).is_err());
        assert_eq!(parse_code(" ~GOV", 1).unwrap().code, "~GOV");
    }
}
