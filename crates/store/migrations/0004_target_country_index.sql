-- dyad store, schema version 4: an index on the target's country.
--
-- The actor filters (`--target`, `--actor`) match a code by prefix or a
-- country exactly; SQLite answers such an OR from one index per side, and
-- the target's country had none (events_pair_date leads with the source's),
-- so `dyad query events --target X` scanned every event.

CREATE INDEX events_target_country ON events (target_country, source_country, date_start);
