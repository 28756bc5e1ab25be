-- dyad store, schema version 3: full-text search over sentences.
--
-- The server (crates/server, search.rs) keeps this index: it cuts each
-- current document's sentences out of `original` by their byte spans and
-- indexes them once, recording the document in sentence_fts_docs. The FTS
-- table holds no copy of the text (content=''): a hit's rowid is
-- documents.id * 1048576 + the sentence index, and the text is read back
-- from the document. Superseded versions stay indexed and are filtered out
-- by documents.current at query time.

CREATE VIRTUAL TABLE sentence_fts USING fts5(
    text,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE sentence_fts_docs (
    doc_id INTEGER PRIMARY KEY REFERENCES documents (id)
);
