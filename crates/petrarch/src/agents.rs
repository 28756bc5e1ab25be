//! `*.agents.txt`: agent nouns with `[~CODE]` (suffix) or `[CODE~]`
//! (prefix) codes and `!MACRO!` substitutions, to dyad agents.
use crate::lines::{clean, phrase_words};
use crate::{Importer, Owner};
use std::collections::BTreeMap;

/// Expands `!NAME!` macros: `CATTLE!PERSON!` gives `CATTLEMAN`, `CATTLEMEN`, ...
fn expand(s: &str, macros: &BTreeMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(a) = s.find('!') else {
        return Ok(vec![s.to_string()]);
    };
    let Some(b) = s[a + 1..].find('!').map(|b| a + 1 + b) else {
        return Err(format!("unclosed macro in \"{s}\""));
    };
    let name = &s[a + 1..b];
    let Some(vals) = macros.get(name) else {
        return Err(format!("unknown macro !{name}!"));
    };
    let mut out = Vec::new();
    for v in vals {
        out.extend(expand(&format!("{}{}{}", &s[..a], v, &s[b + 1..]), macros)?);
    }
    Ok(out)
}

pub(crate) fn import(imp: &mut Importer, file: &str, text: &str) {
    let mut macros: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut pending: Vec<(String, usize)> = Vec::new();
    for (n, line) in clean(text) {
        let t = line.trim();
        if t.starts_with('!') {
            if let Some((k, v)) = t.split_once('=') {
                let k = k.trim().trim_matches('!').to_string();
                let vals = v
                    .split(',')
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect();
                macros.insert(k, vals);
                continue;
            }
        }
        imp.stats.agent_entries += 1;
        let head_end = t.find(['{', '[']).unwrap_or(t.len());
        let head = t[..head_end].trim().trim_start_matches('+');
        let plurals: Vec<String> = match (t.find('{'), t.find('}')) {
            (Some(a), Some(b)) if a < b => t[a + 1..b]
                .split_whitespace()
                .map(|s| s.to_string())
                .collect(),
            _ => Vec::new(),
        };
        let code = match (t.find('['), t.rfind(']')) {
            (Some(a), Some(b)) if a < b => Some(t[a + 1..b].replace(' ', "")),
            _ => None,
        };
        let Some(code) = code else {
            pending.push((head.to_string(), n));
            continue;
        };
        let letters: String = code.chars().filter(|c| *c != '~').collect();
        let prefix = code.ends_with('~') && !code.starts_with('~');
        if letters.len() < 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
            imp.note(
                file,
                n,
                t,
                &format!(
                    "agent code [{code}] is not 3 or more upper-case letters; entry not converted"
                ),
                false,
            );
            imp.stats.agent_not += 1;
            continue;
        }
        let agent = letters[..3].to_string();
        if letters.len() > 3 {
            imp.note(
                file,
                n,
                t,
                &format!("agent code [{code}] kept as {agent}: a dyad agent is one 3-letter code joined to the country"),
                true,
            );
        }
        if prefix {
            imp.note(
                file,
                n,
                t,
                &format!(
                    "prefix agent [{code}] joined after the country like a suffix agent ({agent})"
                ),
                true,
            );
        }
        let mut heads = std::mem::take(&mut pending);
        heads.push((head.to_string(), n));
        let same_before = imp.same;
        let mut names = Vec::new();
        for (h, hn) in heads {
            let mut forms = vec![h];
            forms.extend(plurals.iter().cloned());
            for f in forms {
                match expand(&f, &macros) {
                    Ok(v) => {
                        for x in v {
                            let w = phrase_words(&x);
                            if !w.is_empty() && imp.claim(file, hn, &w, Owner::Agent(agent.clone()))
                            {
                                names.push(w);
                            }
                        }
                    }
                    Err(e) => imp.note(file, hn, &f, &format!("{e}; phrase not converted"), false),
                }
            }
        }
        if names.is_empty() && imp.same > same_before {
            imp.stats.duplicates += 1;
        } else if names.is_empty() {
            imp.stats.agent_not += 1;
        } else {
            imp.stats.agent_ok += 1;
            imp.agents.push((agent, names, format!("{file}:{n}")));
        }
    }
    for (h, n) in pending {
        imp.note(
            file,
            n,
            &h,
            "agent phrase without a [~CODE]; not converted",
            false,
        );
        imp.stats.agent_not += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macros_expand() {
        let mut m = BTreeMap::new();
        m.insert(
            "PERSON".to_string(),
            vec!["MAN".to_string(), "MEN".to_string()],
        );
        assert_eq!(
            expand("CATTLE!PERSON!", &m).unwrap(),
            vec!["CATTLEMAN", "CATTLEMEN"]
        );
        assert!(expand("X!NOPE!", &m).is_err());
    }
}
