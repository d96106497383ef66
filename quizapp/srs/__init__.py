"""Scheduling with the `fsrs` package: the study queue, limits, the study day, undo.

- `session`: `StudySession`, the API the TUI drives (see its module docstring).
- `config`: `StudyConfig` (Anki's defaults) and its overrides in the file.
- `days`: the study day with a rollover hour, in local time.
- `elapsed`: elapsed time for fsrs counted in study days, not 24-hour periods.
- `stats`: `stats_today(conn, deck_id)`, statistics for the learner's current day;
  `memory_stats`, predicted recall and its calibration.
- `calibration`: predicted against achieved recall, by bins (pure).
- `recompute`: memory states replayed from the review log when FSRS settings change.
"""
