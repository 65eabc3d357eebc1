"""ChangeWatch: a commit by any other connection is noticed once; absorbed ones are not."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from model.core.errors import DatabaseError
from model.store.changes import ChangeWatch


def touch(seeded) -> None:
    with seeded.write() as session:
        session.execute(text("CREATE TABLE IF NOT EXISTS scratch (x)"))
        session.execute(text("INSERT INTO scratch VALUES (1)"))


def test_a_commit_is_noticed_once(seeded):
    watch = ChangeWatch(seeded.path)
    try:
        assert not watch.changed()
        with seeded.read() as session:  # reading changes nothing
            session.execute(text("SELECT count(*) FROM sqlite_master"))
        assert not watch.changed()
        touch(seeded)
        assert watch.changed()
        assert not watch.changed()
    finally:
        watch.close()


def test_absorbed_commits_are_not_reported(seeded):
    watch = ChangeWatch(seeded.path)
    try:
        touch(seeded)
        watch.absorb()
        assert not watch.changed()
    finally:
        watch.close()


def test_a_missing_file_is_a_database_error(tmp_path: Path):
    with pytest.raises(DatabaseError, match="无法读取数据库"):
        ChangeWatch(tmp_path / "none.sqlite3")
