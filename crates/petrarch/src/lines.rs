//! Line cleaning shared by all PETRARCH dictionary readers.

/// The meaningful lines of a PETRARCH file: 1-based line number and the line
/// without its `#` comment, with `<!-- ... -->` blocks (one or several lines)
/// removed and blank lines skipped. Leading white space is kept, since an
/// indented `[CODE]` line belongs to the entry above it.
pub fn clean(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_xml = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = raw.trim_end_matches('\r').to_string();
        if in_xml {
            match line.find("-->") {
                Some(p) => {
                    in_xml = false;
                    line = line[p + 3..].to_string();
                }
                None => continue,
            }
        }
        while let Some(p) = line.find("<!") {
            match line[p..].find("-->") {
                Some(q) => line.replace_range(p..p + q + 3, ""),
                None => {
                    in_xml = true;
                    line.truncate(p);
                    break;
                }
            }
        }
        if let Some(p) = line.find('#') {
            line.truncate(p);
        }
        if line.trim().is_empty() {
            continue;
        }
        out.push((i + 1, line.trim_end().to_string()));
    }
    out
}

/// A PETRARCH phrase (`SECRETARY-GENERAL_BAN_KI-MOON_`) as words: `_` joins
/// words, a trailing `_` (no plural) is dropped.
pub fn phrase_words(s: &str) -> String {
    s.split(['_', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `YYMMDD` or `YYYYMMDD` as `YYYY-MM-DD` (two-digit years below 30 are
/// 20xx, as in PETRARCH's own reader).
pub fn date(s: &str) -> Option<String> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: u32 = s[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    let m: u32 = rest[..2].parse().ok()?;
    let d: u32 = rest[2..].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_xml_blocks_go() {
        let t = "<!-- one -->\nA [X] # c\n<!--\nB\n-->\n\n\tC\n<! -- x -->D";
        let l = clean(t);
        assert_eq!(
            l,
            vec![
                (2, "A [X]".to_string()),
                (7, "\tC".to_string()),
                (8, "D".to_string())
            ]
        );
    }

    #[test]
    fn dates() {
        assert_eq!(date("950601").as_deref(), Some("1995-06-01"));
        assert_eq!(date("070723").as_deref(), Some("2007-07-23"));
        assert_eq!(date("19270101").as_deref(), Some("1927-01-01"));
        assert_eq!(date("2004017"), None);
        assert_eq!(date("991399"), None);
        assert_eq!(phrase_words("BAN_KI-MOON_"), "BAN KI-MOON");
    }
}
