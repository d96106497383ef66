"""Issue 17, item 2, for `quizapp export`: even with --force, an export writes only a
regular file of its own type: never a FIFO, a device, a symbolic link or a database."""

import os
import sqlite3
import stat

import pytest

from tests.export.helpers import SMALL, run

EXPORTS = [(["anki"], ".apkg"), (["csv"], ".csv"), (["lms", "--format", "gift"], ".gift")]


@pytest.mark.parametrize("kind", ["fifo", "link", "sqlite"])
@pytest.mark.parametrize(("words", "suffix"), EXPORTS, ids=["anki", "csv", "gift"])
def test_force_never_replaces_what_is_not_a_plain_file(tmp_path, words, suffix, kind):
    target = tmp_path / f"out{suffix}"
    victim = tmp_path / "progress.sqlite3"
    plain = sqlite3.connect(victim)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "link":
        target.symlink_to(victim)
    else:
        target.write_bytes(victim.read_bytes())
    before = os.lstat(target)
    result = run("export", *words, SMALL, "-o", target, "--force")
    assert result.exit_code == 1 and result.stderr.startswith("quizapp: "), result.output
    after = os.lstat(target)
    assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (
        before.st_ino,
        stat.S_IFMT(before.st_mode),
    )
    assert sqlite3.connect(victim).execute("SELECT count(*) FROM t").fetchone() == (0,)
