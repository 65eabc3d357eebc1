"""The database's returns key (#14): read with the UUID, refused in words when missing."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from model.core.errors import DatabaseError
from model.store.returns_key import returns_key


def test_a_new_database_has_a_returns_key_of_its_own(seeded):
    with seeded.reader() as reader:
        found = returns_key(reader)
        (uuid,) = reader.rows("SELECT uuid FROM database_identity")[0]
    assert found.database == uuid
    assert len(found.key) == 32
    assert found.key.hex() not in repr(found)  # never in a log or a traceback


@pytest.mark.parametrize("value", [None, "", "zz" * 32, "ab" * 16])
def test_a_missing_or_broken_key_is_refused_in_words(seeded, value):
    # Broken behind duban's back, as a damaged or hand-edited file would be.
    with contextlib.closing(sqlite3.connect(seeded.path)) as connection, connection:
        connection.execute("UPDATE database_identity SET returns_key = ?", (value,))
    with seeded.reader() as reader, pytest.raises(DatabaseError, match="报送表校验密钥"):
        returns_key(reader)
