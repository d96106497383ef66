"""The progress file (stdlib sqlite3 only; no scheduling, no Textual).

- `connection`: `open_store(path)` (checks, pragmas, migrations, backup before upgrade),
  `backup_to`, `check_file`; every failure is a `errors.StoreError`.
- `schema`: the numbered migrations (`PRAGMA user_version`) and table conventions.
- `sync`: `sync_deck(conn, DeckInfo, [CardRecord], now) -> SyncResult`, `list_decks`.
- `cards`, `queue`: the rows and indexed queries the study session runs on.
- `stats`: `collect_stats(...)`, pure SQL; the logged answers behind calibration.
- `memory`: the review log card by card, for recomputing memory states.
- `settings`: the key/value table behind `srs.config`.
- `transaction`: `BEGIN IMMEDIATE` ... `COMMIT`, the one way writers take the lock.
"""
