//! Byte offsets to UTF-16 offsets, at the HTTP boundary only.
//!
//! Records keep byte spans into the document's original text (the contract);
//! browsers index strings in UTF-16 code units. The API adds `span16`
//! beside every `span` it returns with a text, converting through one
//! table per text (see docs/OFFSETS.md).

/// Maps byte offsets of one text to UTF-16 offsets.
pub struct Utf16Map {
    /// For each char boundary in byte order: (byte offset, utf16 offset).
    marks: Vec<(usize, usize)>,
    ascii: bool,
    len: usize,
}

impl Utf16Map {
    pub fn new(text: &str) -> Utf16Map {
        if text.is_ascii() {
            return Utf16Map {
                marks: Vec::new(),
                ascii: true,
                len: text.len(),
            };
        }
        let mut marks = Vec::with_capacity(text.len() + 1);
        let mut u = 0;
        for (b, c) in text.char_indices() {
            marks.push((b, u));
            u += c.len_utf16();
        }
        marks.push((text.len(), u));
        Utf16Map {
            marks,
            ascii: false,
            len: text.len(),
        }
    }

    /// The UTF-16 offset of a byte offset. An offset inside a character
    /// maps to that character's start; past the end, to the end.
    pub fn at(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.len);
        }
        match self.marks.binary_search_by_key(&byte, |m| m.0) {
            Ok(i) => self.marks[i].1,
            Err(0) => 0,
            Err(i) => self.marks[i - 1].1,
        }
    }
}

/// Adds `span16` beside every `span` ([start, end] of integers) in a JSON
/// value, recursively; objects naming another document (`doc`, as the
/// evidence of a commitment may) are left as they are.
pub fn add_span16(v: &mut serde_json::Value, map: &Utf16Map, doc: &str) {
    use serde_json::Value;
    match v {
        Value::Object(o) => {
            if o.get("doc")
                .and_then(Value::as_str)
                .is_some_and(|d| d != doc)
            {
                return;
            }
            let s16 = o.get("span").and_then(|s| {
                let a = s.get(0)?.as_u64()? as usize;
                let b = s.get(1)?.as_u64()? as usize;
                Some(serde_json::json!([map.at(a), map.at(b)]))
            });
            for (_, x) in o.iter_mut() {
                add_span16(x, map, doc);
            }
            if let Some(s) = s16 {
                o.insert("span16".into(), s);
            }
        }
        Value::Array(a) => {
            for x in a {
                add_span16(x, map, doc);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_bytes_to_utf16() {
        // é: 2 bytes, 1 unit; 中: 3 bytes, 1 unit; 😀: 4 bytes, 2 units
        let t = "aé中😀b";
        let m = Utf16Map::new(t);
        assert_eq!(m.at(0), 0);
        assert_eq!(m.at(1), 1);
        assert_eq!(m.at(3), 2);
        assert_eq!(m.at(6), 3);
        assert_eq!(m.at(10), 5);
        assert_eq!(m.at(11), 6);
        assert_eq!(m.at(4), 2, "inside a character: its start");
        assert_eq!(m.at(99), 6);
        let a = Utf16Map::new("abc");
        assert_eq!(a.at(2), 2);
        assert_eq!(a.at(9), 3);
        // agrees with the UTF-16 encoding of every prefix
        for (b, _) in t.char_indices() {
            assert_eq!(m.at(b), t[..b].encode_utf16().count());
        }
    }

    #[test]
    fn adds_span16_recursively() {
        let t = "中 X";
        let m = Utf16Map::new(t);
        let mut v = serde_json::json!({"doc": "d", "span": [0, 5], "source": {"span": [4, 5]}, "n": [1],
            "evidence": [{"doc": "other", "span": [0, 1]}]});
        add_span16(&mut v, &m, "d");
        assert!(v["evidence"][0].get("span16").is_none());
        assert_eq!(v["span16"], serde_json::json!([0, 3]));
        assert_eq!(v["source"]["span16"], serde_json::json!([2, 3]));
    }
}
