"""The progress file (stdlib sqlite3 only; no scheduling, no Textual).

- `connection`: `open_store(path)` (checks, pragmas, migrations, backup before upgrade),
  `open_reader` (a worker's read-only connection), `backup_to`, `check_file`; every
  failure is a `errors.StoreError`.
- `schema`: the numbered migrations (`PRAGMA user_version`) and table conventions.
- `sync`: `sync_deck(conn, DeckInfo, [CardRecord], now, source) -> SyncResult`, `list_decks`.
- `deck_cache`: each deck's source files and hash, header and stored cards, so an unchanged
  deck is not loaded again at start-up.
- `cards`, `queue`: the rows and indexed queries the study session runs on.
- `stats`: `collect_stats(...)`, pure SQL; the logged answers behind calibration.
- `memory`: the review log card by card, for recomputing memory states.
- `settings`: the key/value table behind `srs.config`.
- `freshness`: `change_stamp(conn)`, whether anything changed since values were read.
- `transaction`: `BEGIN IMMEDIATE` ... `COMMIT`, the one way writers take the lock.
"""
