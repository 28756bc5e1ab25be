//! Full-text search over sentences (SQLite FTS5, store migration 0003).
//!
//! The index is kept here, not at ingest: before a search, documents that
//! are current and not yet indexed are cut into their sentences (by the
//! stored byte spans) and added. A store filled by `dyad ingest` while the
//! server runs is indexed at the next search; the first search over a new
//! store of a thousand documents indexes them in a second or two.

use rusqlite::{params, Connection};

/// Rowid of a sentence in the index: the document row and the sentence.
pub const SHIFT: i64 = 1 << 20;

/// Indexes the current documents not indexed yet; returns how many.
pub fn refresh(conn: &Connection) -> rusqlite::Result<usize> {
    let todo: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM documents WHERE current = 1
             AND id NOT IN (SELECT doc_id FROM sentence_fts_docs) ORDER BY id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if todo.is_empty() {
        return Ok(0);
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let res = (|| -> rusqlite::Result<()> {
        for &id in &todo {
            // another process may have indexed it meanwhile
            let done: bool = conn
                .prepare_cached("SELECT count(*) FROM sentence_fts_docs WHERE doc_id = ?1")?
                .query_row([id], |r| r.get::<_, i64>(0))?
                > 0;
            if done {
                continue;
            }
            let original: String = conn
                .prepare_cached("SELECT original FROM documents WHERE id = ?1")?
                .query_row([id], |r| r.get(0))?;
            let spans: Vec<(i64, i64, i64)> = conn
                .prepare_cached("SELECT idx, start, \"end\" FROM sentences WHERE doc_id = ?1")?
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut ins =
                conn.prepare_cached("INSERT INTO sentence_fts (rowid, text) VALUES (?1, ?2)")?;
            for (idx, s, e) in spans {
                let text = original.get(s as usize..e as usize).unwrap_or("");
                if idx < SHIFT && !text.is_empty() {
                    ins.execute(params![id * SHIFT + idx, text])?;
                }
            }
            conn.prepare_cached("INSERT INTO sentence_fts_docs (doc_id) VALUES (?1)")?
                .execute([id])?;
        }
        Ok(())
    })();
    match res {
        Ok(()) => conn.execute_batch("COMMIT")?,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e);
        }
    }
    Ok(todo.len())
}

/// An FTS5 query that finds sentences with every word of `q` (each word a
/// quoted string, so no user text is read as query syntax); None when `q`
/// has no word.
pub fn match_expr(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(16)
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_quote_every_word() {
        assert_eq!(
            match_expr("Putin  Beijing").as_deref(),
            Some("\"Putin\" \"Beijing\"")
        );
        assert_eq!(match_expr("a OR b*").as_deref(), Some("\"a\" \"OR\" \"b\""));
        assert_eq!(match_expr("\"x\"").as_deref(), Some("\"x\""));
        assert_eq!(match_expr(" -- "), None);
    }

    #[test]
    fn indexes_sentences_and_finds_them() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE documents (id INTEGER PRIMARY KEY, current INTEGER, original TEXT);
             CREATE TABLE sentences (doc_id INTEGER, idx INTEGER, start INTEGER, \"end\" INTEGER);
             INSERT INTO documents VALUES (1, 1, 'Xi met Putin. Café talks in Moscow.');
             INSERT INTO sentences VALUES (1, 0, 0, 13), (1, 1, 14, 36);",
        )
        .unwrap();
        c.execute_batch(include_str!(
            "../../store/migrations/0003_sentence_search.sql"
        ))
        .unwrap();
        assert_eq!(refresh(&c).unwrap(), 1);
        assert_eq!(refresh(&c).unwrap(), 0, "indexed once");
        let hit = |q: &str| -> Vec<i64> {
            c.prepare("SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ?1")
                .unwrap()
                .query_map([match_expr(q).unwrap()], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        assert_eq!(hit("putin"), vec![SHIFT]);
        assert_eq!(hit("cafe moscow"), vec![SHIFT + 1], "diacritics folded");
        assert!(hit("putin moscow").is_empty(), "every word in one sentence");
    }
}
