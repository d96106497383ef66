"""The learner's submitted blocks as a results file, and importing a classmate's file.

Export writes only submitted blocks (an open block's answers may still change) and nothing
personal: no user name, path or host; `learner` stays None unless a name is given. A block's
id in the file is derived from its set of questions (`q-` + a hash of the sorted item ids),
so two learners who took the same questions share a block id and are analysed together,
and a database row number (which every learner's file would reuse) never merges different
blocks. A repeat of the same set by one learner gets a `-2`, `-3` suffix.

Import means: add a results file to a class folder (by default `class-results/` beside the
progress file), which `quizapp report` reads. The file is validated in full first and then
written atomically from the validated content, so a bad file adds nothing and a good one is
never half-copied. The progress file is not touched.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from quizapp.quiz.results_file import (
    ResultBlock,
    ResultItem,
    ResultsFile,
    ResultsFileError,
    read_results,
    results_to_json,
    write_results,
)
from quizapp.quiz.session import Block, load_block
from quizapp.store import quiz as store
from quizapp.store.settings import read_settings, write_setting


def block_uid(item_ids: list[str]) -> str:
    """The same questions give the same id, whoever took them and in whatever order."""
    digest = hashlib.sha256("\n".join(sorted(item_ids)).encode()).hexdigest()
    return f"q-{digest[:12]}"


def _result_block(block: Block, uid: str) -> ResultBlock:
    assert block.submitted_at is not None
    return ResultBlock(
        id=uid,
        mode=block.mode,
        started_at=block.created_at,
        submitted_at=max(block.submitted_at, block.created_at),
        items=tuple(
            ResultItem(
                item_id=state.item.card_id,
                deck=state.item.deck,
                topic=state.item.topic,
                kind=state.item.kind,
                options=state.item.labels,
                key=state.item.key,
                chosen=state.chosen,
                correct=state.correct,
                seconds=round(state.seconds, 3),
                flagged=state.flagged,
            )
            for state in block.items
        ),
    )


def collect_results(
    conn: sqlite3.Connection, exported_at: datetime, learner: str | None = None
) -> ResultsFile:
    """Every submitted block, oldest first, as a results file."""
    blocks = []
    seen: dict[str, int] = {}
    for block_id in reversed(store.block_ids(conn, submitted=True)):
        block = load_block(conn, block_id)
        uid = block_uid([state.item.card_id for state in block.items])
        seen[uid] = seen.get(uid, 0) + 1
        blocks.append(_result_block(block, uid if seen[uid] == 1 else f"{uid}-{seen[uid]}"))
    learner = learner.strip() if learner else None
    return ResultsFile(
        blocks=tuple(blocks),
        learner=learner or None,
        exported_at=exported_at,
        learner_id=learner_id(conn),
    )


LEARNER_ID_SETTING = "learner_id"


def learner_id(conn: sqlite3.Connection) -> str:
    """This progress file's learner id, made (random) on first use: every export of one
    learner carries the same id, so a class folder and a report count them once."""
    stored = read_settings(conn).get(LEARNER_ID_SETTING)
    if isinstance(stored, str) and stored:
        return stored
    made = f"l-{secrets.token_hex(8)}"
    write_setting(conn, LEARNER_ID_SETTING, made)
    return made


def export_results(
    conn: sqlite3.Connection,
    path: str | os.PathLike[str],
    exported_at: datetime,
    learner: str | None = None,
    *,
    force: bool = False,
    keep: Mapping[Path, str] | None = None,
) -> ResultsFile:
    """Write the results file atomically and return what was written; `keep` names files
    that must never be written (the progress file), see `quizapp.output`."""
    results = collect_results(conn, exported_at, learner)
    write_results(path, results, force=force, keep=keep)
    return results


def class_folder(db_path: Path) -> Path:
    """Where imported results files are kept: beside the progress file."""
    return db_path.parent / "class-results"


SUPERSEDED = "superseded"


def import_results(
    source: str | os.PathLike[str],
    folder: Path,
    on_replace: Callable[[Path, Path], None] | None = None,
) -> Path:
    """Validate `source` and add it to `folder`; the new file's path.

    The copy is named after its content, so importing the same file twice is refused
    rather than counting one learner twice in a report. A newer export of a learner already
    in the folder (same `learner_id`) replaces the older one, which is moved into
    `superseded/` (kept, never deleted; reports read only the folder itself) and reported
    through `on_replace(old, moved_to)`; an older one is refused.
    """
    results = read_results(source)
    text = results_to_json(results)
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    for existing in sorted(folder.glob(f"*-{digest}.json")) if folder.is_dir() else []:
        raise ResultsFileError(
            os.fspath(source), "", f"already imported as {existing}; nothing was added"
        )
    earlier = _same_learner(folder, results)
    for path, other in earlier:
        if other.exported_at >= results.exported_at:
            raise ResultsFileError(
                os.fspath(source),
                "",
                f"{path} is this learner's export from {other.exported_at:%Y-%m-%d %H:%M} UTC, "
                "as new as this one or newer; nothing was added",
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ResultsFileError(str(folder), "", f"cannot create: {error.strerror}") from None
    stem = Path(source).stem or "results"
    target = folder / f"{stem}-{digest}.json"
    write_results(target, results, inputs=[source])
    for path, _ in earlier:  # only once the new one is safely written
        moved = _supersede(path, folder)
        if on_replace is not None:
            on_replace(path, moved)
    return target


def _same_learner(folder: Path, results: ResultsFile) -> list[tuple[Path, ResultsFile]]:
    """Files in the class folder with this learner's id (unreadable ones are not theirs)."""
    if results.learner_id is None or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            other = read_results(path)
        except ResultsFileError:
            continue
        if other.learner_id == results.learner_id:
            found.append((path, other))
    return found


def _supersede(path: Path, folder: Path) -> Path:
    """Move an older export aside (same folder tree, so a rename): kept, but not counted."""
    aside = folder / SUPERSEDED / path.name
    try:
        aside.parent.mkdir(exist_ok=True)
        os.replace(path, aside)
        return aside
    except OSError as error:
        raise ResultsFileError(
            os.fspath(path), "", f"cannot move the older export aside: {error.strerror}"
        ) from None
