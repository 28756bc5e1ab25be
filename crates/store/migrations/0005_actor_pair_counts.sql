-- dyad store, schema version 5: the current events per pair of actors,
-- dated or not, kept by triggers.
--
-- `pair_counts` holds only dated events with a country on both sides (the
-- series needs a period), so it cannot give the number of events an actor
-- filter matches. Counting them from `events` reads every match (the
-- API's count before a `dyad=` page scanned the table: 13.5 s at 12.9
-- million events). This table has one row per source code, source
-- country, target code and target country of the current events, all of
-- them; an actor filter (`actor`, `source`, `target`, `dyad`, `country`)
-- is the same condition on these columns, so its count is a sum over a
-- few thousand rows. A missing country or target is '' (a key column
-- cannot be NULL), which no filter value equals or matches by prefix.
--
-- Triggers keep it: every insert, delete and change of `current` or of
-- an actor column in `events`, whatever wrote it (ingest, a replaced
-- document's retirement, recode, SQL by hand), moves the count in the
-- same transaction.

CREATE TABLE actor_pair_counts (
    source_code    TEXT    NOT NULL,
    source_country TEXT    NOT NULL,
    target_code    TEXT    NOT NULL,
    target_country TEXT    NOT NULL,
    n              INTEGER NOT NULL,
    PRIMARY KEY (source_code, target_code, source_country, target_country)
) WITHOUT ROWID;

INSERT INTO actor_pair_counts (source_code, source_country, target_code, target_country, n)
SELECT source_code, coalesce(source_country, ''), coalesce(target_code, ''),
       coalesce(target_country, ''), count(*)
FROM events
WHERE current = 1
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER events_actor_count_insert AFTER INSERT ON events
WHEN NEW.current = 1
BEGIN
    INSERT INTO actor_pair_counts (source_code, source_country, target_code, target_country, n)
    VALUES (NEW.source_code, coalesce(NEW.source_country, ''), coalesce(NEW.target_code, ''),
            coalesce(NEW.target_country, ''), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER events_actor_count_delete AFTER DELETE ON events
WHEN OLD.current = 1
BEGIN
    UPDATE actor_pair_counts SET n = n - 1
    WHERE source_code = OLD.source_code
      AND target_code = coalesce(OLD.target_code, '')
      AND source_country = coalesce(OLD.source_country, '')
      AND target_country = coalesce(OLD.target_country, '');
    DELETE FROM actor_pair_counts
    WHERE source_code = OLD.source_code
      AND target_code = coalesce(OLD.target_code, '')
      AND source_country = coalesce(OLD.source_country, '')
      AND target_country = coalesce(OLD.target_country, '')
      AND n <= 0;
END;

CREATE TRIGGER events_actor_count_update
AFTER UPDATE OF current, source_code, source_country, target_code, target_country ON events
BEGIN
    UPDATE actor_pair_counts SET n = n - 1
    WHERE OLD.current = 1
      AND source_code = OLD.source_code
      AND target_code = coalesce(OLD.target_code, '')
      AND source_country = coalesce(OLD.source_country, '')
      AND target_country = coalesce(OLD.target_country, '');
    DELETE FROM actor_pair_counts
    WHERE OLD.current = 1
      AND source_code = OLD.source_code
      AND target_code = coalesce(OLD.target_code, '')
      AND source_country = coalesce(OLD.source_country, '')
      AND target_country = coalesce(OLD.target_country, '')
      AND n <= 0;
    INSERT INTO actor_pair_counts (source_code, source_country, target_code, target_country, n)
    SELECT NEW.source_code, coalesce(NEW.source_country, ''), coalesce(NEW.target_code, ''),
           coalesce(NEW.target_country, ''), 1
    WHERE NEW.current = 1
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
