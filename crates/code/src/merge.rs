//! Event coreference: the same act told several times becomes one event
//! with several mentions.
//!
//! Two event records are the same event when they have the same source and
//! target actor codes, the same CAMEO code and the same date, and either the
//! date came from the text (so two documents reporting "the phone call on
//! 15 December" agree) or they are in the same document (a summit in one
//! sentence and "during the summit" in the next). Modality must agree too: a
//! promised visit is not the visit.
use serde_json::{json, Value};
use std::collections::HashMap;

fn act(r: &Value) -> Option<String> {
    let s = r["source"]["code"].as_str()?;
    let t = r["target"]["code"].as_str().unwrap_or("-");
    let c = r["cameo"].as_str()?;
    let m = r["modality"].as_str().unwrap_or("");
    let date = r["date"].as_str().unwrap_or("");
    Some(format!("{s}\u{1}{t}\u{1}{c}\u{1}{m}\u{1}{date}"))
}

fn mention(r: &Value) -> Value {
    json!({"doc": r["doc"], "sentence": r["sentence"], "span": r["span"], "trigger": r["trigger"], "rule": r["rule"]})
}

/// Merges event records (in input order); other records pass through.
/// Each merged event keeps its first record and lists every mention.
pub fn merge_records(records: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(records.len());
    // within a document: same act and date, whatever fixed the date
    let mut in_doc: HashMap<(String, String), usize> = HashMap::new();
    // across documents: only dates that the text itself gives
    let mut across: HashMap<String, usize> = HashMap::new();
    for r in records {
        let Some(a) = (r["kind"] == "event").then(|| act(&r)).flatten() else {
            out.push(r);
            continue;
        };
        let doc = r["doc"].as_str().unwrap_or("").to_string();
        let text_dated = r["date_basis"] == "text";
        let found = in_doc.get(&(doc.clone(), a.clone())).copied().or_else(|| {
            if text_dated {
                across.get(&a).copied()
            } else {
                None
            }
        });
        match found {
            Some(i) => {
                if let Some(m) = out[i]["mentions"].as_array_mut() {
                    m.push(mention(&r));
                }
                in_doc.insert((doc, a.clone()), i);
                if text_dated {
                    across.entry(a).or_insert(i);
                }
            }
            None => {
                let mut first = r;
                let m = mention(&first);
                first["mentions"] = json!([m]);
                let i = out.len();
                in_doc.insert((doc, a.clone()), i);
                if text_dated {
                    across.insert(a, i);
                }
                out.push(first);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(doc: &str, sentence: u64, basis: &str, date: &str, code: &str) -> Value {
        json!({"kind": "event", "doc": doc, "sentence": sentence, "span": [0, 1], "trigger": {"text": "x"},
               "source": {"code": "RUSGOV"}, "target": {"code": "CHNGOV"}, "cameo": code, "modality": "asserted",
               "date": date, "date_basis": basis, "rule": "r"})
    }

    #[test]
    fn same_act_merges_within_and_across_documents() {
        let recs = vec![
            ev("a", 0, "text", "2021-12-15", "041"),
            ev("a", 3, "document", "2021-12-16", "041"),
            ev("b", 1, "text", "2021-12-15", "041"),
            ev("a", 4, "document", "2021-12-16", "041"),
            ev("c", 4, "document", "2021-12-16", "041"),
            ev("a", 5, "text", "2021-12-15", "042"),
            json!({"kind": "claim", "doc": "a"}),
        ];
        let m = merge_records(recs);
        assert_eq!(m.len(), 5);
        assert_eq!(
            m[0]["mentions"].as_array().unwrap().len(),
            2,
            "text-dated: across documents"
        );
        assert_eq!(
            m[1]["mentions"].as_array().unwrap().len(),
            2,
            "document-dated: within one document only"
        );
        assert_eq!(m[2]["doc"], "c");
        assert_eq!(m[3]["cameo"], "042");
        assert_eq!(m[4]["kind"], "claim");
    }
}
