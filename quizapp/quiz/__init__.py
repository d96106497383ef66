"""Self-assessment blocks, scoring, results files and item statistics (no Textual here).

- `builder`: `BlockSpec(pool, size, mode, decks, topics)`, `build_block(conn, library, spec,
  now) -> block id`, `candidates(...)` (the pool), `topics_of(library, decks)`.
- `session`: `BlockSession(conn, block_id, clock)`: answer, strike-out, flag, move, save
  time, pause, submit, each committed at once; `load_block(conn, block_id) -> Block`.
  Submitting records Again on the card behind each wrong answer (`quizapp.srs.session`),
  so quiz and study share one memory model (the one import of `srs` from this layer).
- `scoring`: `score_block(block) -> BlockScore` (score, per topic, seconds per question),
  `history(conn)`, `unfinished(conn)`.
- `export`: `export_results(conn, path, now, learner=None)`, `import_results(path, folder)`.
- `results_file`: the versioned results JSON (read strictly, write atomically).
- `item_analysis`: p, D, r_pb, distractors, flags and KR-20 per block; `class_report`:
  the same pooled per item over a class whose learners each built their own blocks.
- `report_format`: table, CSV (injection-safe) and JSON renderings.

Quiz accuracy per topic for the statistics screen: `quizapp.store.quiz.quiz_topic_stats`.
"""
