-- dyad store, schema version 1.
--
-- Every coded row belongs to one version of one document. A document whose
-- content changes gets a new version; the old version and its rows stay,
-- with current = 0, so history is kept and queries look at current rows.
-- Spans are byte offsets into documents.original (the bytes as read).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    doc         TEXT    NOT NULL,            -- the record contract's `doc`
    version     INTEGER NOT NULL,            -- 1, 2, ... per doc
    current     INTEGER NOT NULL DEFAULT 1,  -- 1 for the live version
    hash        TEXT    NOT NULL,            -- content hash (format, metadata, bytes)
    format      TEXT    NOT NULL,            -- text | markdown | html | jsonl
    date        TEXT,                        -- document date YYYY-MM-DD
    source      TEXT,
    url         TEXT,
    title       TEXT,
    original    TEXT    NOT NULL,            -- the bytes as read (recode reads these)
    sentences   INTEGER NOT NULL,
    lexicon     TEXT    NOT NULL,            -- lexicon version that coded it
    ingested_at TEXT    NOT NULL,
    replaced_at TEXT,
    UNIQUE (doc, version)
);
CREATE UNIQUE INDEX documents_live ON documents (doc) WHERE current = 1;

CREATE TABLE sentences (
    doc_id INTEGER NOT NULL REFERENCES documents (id),
    idx    INTEGER NOT NULL,
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    doc_id         INTEGER NOT NULL REFERENCES documents (id),
    current        INTEGER NOT NULL DEFAULT 1,
    sentence       INTEGER NOT NULL,
    sent_start     INTEGER NOT NULL,
    sent_end       INTEGER NOT NULL,
    source_code    TEXT    NOT NULL,
    source_country TEXT,
    source_text    TEXT,
    source_start   INTEGER,
    source_end     INTEGER,
    target_code    TEXT,
    target_country TEXT,
    target_text    TEXT,
    target_start   INTEGER,
    target_end     INTEGER,
    cameo          TEXT    NOT NULL,
    root           TEXT    NOT NULL,
    quad_class     INTEGER,
    goldstein      REAL,
    plover_event   TEXT,
    plover_mode    TEXT,
    plover_context TEXT,                     -- JSON array
    trigger_text   TEXT,
    trigger_start  INTEGER,
    trigger_end    INTEGER,
    rule           TEXT,
    pattern        TEXT,
    modality       TEXT    NOT NULL,
    date           TEXT,                     -- as in the record: 2021, 2021-12, 2021-12-15, 2021-07/2021-12
    date_basis     TEXT,
    date_start     TEXT,                     -- first day the date can mean, YYYY-MM-DD
    period         TEXT,                     -- YYYY-MM, or YYYY when only the year is known
    lexicon        TEXT    NOT NULL,
    record         TEXT    NOT NULL          -- the JSON record as produced
);
CREATE INDEX events_pair_date ON events (source_country, target_country, date_start);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_date ON events (date_start);

-- Claims and commitments: the contract fields as columns, the record as produced.
CREATE TABLE claims (
    id         INTEGER PRIMARY KEY,
    doc_id     INTEGER NOT NULL REFERENCES documents (id),
    current    INTEGER NOT NULL DEFAULT 1,
    sentence   INTEGER NOT NULL,
    sent_start INTEGER NOT NULL,
    sent_end   INTEGER NOT NULL,
    quantity   TEXT,
    value      REAL,
    unit       TEXT,
    qualifier  TEXT,
    period     TEXT,
    actors     TEXT,                         -- JSON
    checks     TEXT,                         -- JSON
    date_start TEXT,                         -- first day of `period` when it is a date
    lexicon    TEXT,
    record     TEXT    NOT NULL
);
CREATE INDEX claims_doc ON claims (doc_id);
CREATE INDEX claims_quantity ON claims (quantity);

CREATE TABLE commitments (
    id            INTEGER PRIMARY KEY,
    doc_id        INTEGER NOT NULL REFERENCES documents (id),
    current       INTEGER NOT NULL DEFAULT 1,
    sentence      INTEGER NOT NULL,
    sent_start    INTEGER NOT NULL,
    sent_end      INTEGER NOT NULL,
    actor         TEXT,                      -- actor code
    actor_country TEXT,
    action        TEXT,
    due           TEXT,
    date_start    TEXT,                      -- first day of `due`
    status        TEXT,
    evidence      TEXT,                      -- JSON
    lexicon       TEXT,
    record        TEXT    NOT NULL
);
CREATE INDEX commitments_doc ON commitments (doc_id);
CREATE INDEX commitments_actor ON commitments (actor);

-- Kept at ingest and recode: current events with a country on both sides
-- and a date, per direction, period, quad class and modality. `dyad dyad`
-- reads only this table.
CREATE TABLE pair_counts (
    src      TEXT    NOT NULL,
    tgt      TEXT    NOT NULL,
    period   TEXT    NOT NULL,
    quad     INTEGER NOT NULL,
    modality TEXT    NOT NULL,
    n        INTEGER NOT NULL,
    gsum     REAL    NOT NULL,
    PRIMARY KEY (src, tgt, period, quad, modality)
) WITHOUT ROWID;
