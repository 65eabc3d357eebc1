"""The database's identity as a returned sheet (报送表) names it: its UUID, and the secret
of the keyed hash over each issued sheet's locked cells (`model.core.returns_sheet`).

The writer that issues sheets and the reader that collects them both read it here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.core import strings
from model.core.errors import DatabaseError
from model.store.reader import reader_of

if TYPE_CHECKING:
    from model.store.reader import Source


@dataclass(frozen=True)
class ReturnsKey:
    database: str  # the database's UUID, written into every sheet it issues
    key: bytes


def returns_key(source: Source) -> ReturnsKey:
    rows = reader_of(source).rows("SELECT uuid, returns_key FROM database_identity WHERE id = 1")
    if not rows or not rows[0][1]:
        raise DatabaseError(strings.RETURNS_KEY_MISSING)
    uuid, key = rows[0]
    try:
        return ReturnsKey(str(uuid), bytes.fromhex(str(key)))
    except ValueError:
        raise DatabaseError(strings.RETURNS_KEY_MISSING) from None
