//! Reference tables: official figures to check claims against.
//!
//! A table is a CSV file with the header `measure,actors,period,value,unit,source`:
//! `measure` as the claims name it (`trade`), `actors` as ISO codes joined
//! by `;` in any order (`CHN;RUS`), `period` in ISO form (`2020`,
//! `2021-03`, `2021-01/2021-11`), `value` a plain number, `unit` a unit
//! code optionally followed by a scale word (`USD billion`), and `source`
//! the rest of the line (commas allowed, quotes optional). Lines starting
//! with `#` are comments.
use std::collections::HashMap;

/// One reference figure, value in base units.
#[derive(Debug, Clone, PartialEq)]
pub struct RefRow {
    pub measure: String,
    pub actors: String,
    pub period: String,
    pub value: f64,
    pub unit: String,
    pub source: String,
    /// `file:line` of the row.
    pub origin: String,
}

/// A set of reference tables, indexed by (measure, actors, period).
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub rows: Vec<RefRow>,
    index: HashMap<(String, String, String), Vec<usize>>,
}

/// The bundled China-Russia trade table.
pub const CHINA_RUSSIA_TRADE: &str = include_str!("../../../data/reference/china_russia_trade.csv");

/// Sorts and joins actor codes the way tables and claims both key them.
pub fn actors_key(actors: &[String]) -> String {
    let mut v: Vec<String> = actors.iter().map(|a| a.trim().to_uppercase()).collect();
    v.sort();
    v.dedup();
    v.join(";")
}

fn scale_word(w: &str) -> Option<f64> {
    Some(match w.to_lowercase().as_str() {
        "thousand" | "k" => 1e3,
        "million" | "mn" | "m" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

impl Reference {
    /// The bundled default tables.
    pub fn builtin() -> Reference {
        // Tested to parse (see tests); a failure would be a build defect.
        Reference::parse("data/reference/china_russia_trade.csv", CHINA_RUSSIA_TRADE)
            .unwrap_or_default()
    }

    /// Parses one CSV table; every error names the file, line and field.
    pub fn parse(name: &str, text: &str) -> Result<Reference, Vec<String>> {
        let mut r = Reference::default();
        r.add(name, text)?;
        Ok(r)
    }

    /// Adds one CSV table to the set.
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), Vec<String>> {
        let mut errs = Vec::new();
        let mut header_seen = false;
        for (n, line) in text.lines().enumerate() {
            let lineno = n + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let fields = split_csv(line, 6);
            if !header_seen {
                header_seen = true;
                let want = ["measure", "actors", "period", "value", "unit", "source"];
                let got: Vec<String> = fields.iter().map(|f| f.trim().to_lowercase()).collect();
                if got != want {
                    errs.push(format!(
                        "{name}:{lineno}: the header must be \"{}\", found \"{line}\"",
                        want.join(",")
                    ));
                    return Err(errs);
                }
                continue;
            }
            if fields.len() < 6 {
                errs.push(format!(
                    "{name}:{lineno}: expected 6 fields (measure,actors,period,value,unit,source), found {}",
                    fields.len()
                ));
                continue;
            }
            let value_s = fields[3].trim();
            let Some(value) = value_s.parse::<f64>().ok().filter(|v| v.is_finite()) else {
                errs.push(format!(
                    "{name}:{lineno}: field value: \"{value_s}\" is not a number"
                ));
                continue;
            };
            let mut unit_parts = fields[4].split_whitespace();
            let Some(unit) = unit_parts.next() else {
                errs.push(format!("{name}:{lineno}: field unit is empty"));
                continue;
            };
            let mut factor = 1.0;
            if let Some(sw) = unit_parts.next() {
                match scale_word(sw) {
                    Some(f) => factor = f,
                    None => {
                        errs.push(format!(
                            "{name}:{lineno}: field unit: unknown scale \"{sw}\" (use thousand, million, billion or trillion)"
                        ));
                        continue;
                    }
                }
            }
            let period = fields[2].trim().to_string();
            if period.is_empty() || !period.starts_with(|c: char| c.is_ascii_digit()) {
                errs.push(format!(
                    "{name}:{lineno}: field period: \"{period}\" is not an ISO date or interval"
                ));
                continue;
            }
            let actors: Vec<String> = fields[1].split(';').map(|s| s.to_string()).collect();
            let row = RefRow {
                measure: fields[0].trim().to_lowercase(),
                actors: actors_key(&actors),
                period,
                value: value * factor,
                unit: unit.to_string(),
                source: fields[5].trim().to_string(),
                origin: format!("{name}:{lineno}"),
            };
            let key = (row.measure.clone(), row.actors.clone(), row.period.clone());
            self.index.entry(key).or_default().push(self.rows.len());
            self.rows.push(row);
        }
        if !header_seen {
            errs.push(format!(
                "{name}: no header line (measure,actors,period,value,unit,source)"
            ));
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }

    /// Reference figures for a measure, actor set and period.
    pub fn lookup(&self, measure: &str, actors: &str, period: &str, unit: &str) -> Vec<&RefRow> {
        self.index
            .get(&(measure.to_string(), actors.to_string(), period.to_string()))
            .map(|v| {
                v.iter()
                    .map(|&i| &self.rows[i])
                    .filter(|r| r.unit == unit)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Splits a CSV line into at most `max` fields; the last takes the rest.
/// Double quotes group a field and `""` is a quote inside one.
fn split_csv(line: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cur.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == '"' && cur.trim().is_empty() {
            quoted = true;
            cur.clear();
        } else if c == ',' && out.len() + 1 < max {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses() {
        let r = Reference::parse("china_russia_trade.csv", CHINA_RUSSIA_TRADE).unwrap();
        assert!(r.rows.len() >= 19);
        let y2020 = r.lookup("trade", "CHN;RUS", "2020", "USD");
        assert_eq!(y2020.len(), 1);
        assert!((y2020[0].value - 107.76e9).abs() < 1.0);
        assert!(y2020[0].source.contains("http"));
    }

    #[test]
    fn errors_name_line_and_field() {
        let e = Reference::parse(
            "t.csv",
            "measure,actors,period,value,unit,source\ntrade,CHN;RUS,2020,abc,USD,x\ntrade,CHN,2021,5,USD zillion,y\ntrade,CHN\n",
        )
        .unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].starts_with("t.csv:2: field value"));
        assert!(e[1].starts_with("t.csv:3: field unit"));
        assert!(e[2].starts_with("t.csv:4: expected 6 fields"));
        let e = Reference::parse("t.csv", "a,b\n").unwrap_err();
        assert!(e[0].contains("header"));
    }

    #[test]
    fn quoted_sources_and_actor_order() {
        let r = Reference::parse(
            "t.csv",
            "measure,actors,period,value,unit,source\nTrade,RUS;CHN,2023,240.11,USD billion,\"GACC, via a wire\"\n",
        )
        .unwrap();
        let row = &r.lookup("trade", "CHN;RUS", "2023", "USD")[0];
        assert_eq!(row.source, "GACC, via a wire");
        assert_eq!(row.origin, "t.csv:2");
    }
}
