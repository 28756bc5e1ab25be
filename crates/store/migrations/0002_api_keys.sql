-- dyad store, schema version 2: API keys for the HTTP API's write routes.
--
-- Only a SHA-256 hash of each key is kept; the key itself is shown once,
-- when it is created. A revoked key keeps its row (revoked_at is set), so
-- the log of who could write stays readable.

CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    prefix     TEXT    NOT NULL,            -- the first characters, to tell keys apart
    hash       TEXT    NOT NULL UNIQUE,     -- hex SHA-256 of the whole key
    created_at TEXT    NOT NULL,
    revoked_at TEXT
);
