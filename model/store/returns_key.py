"""The database's identity for returns (报送表): its UUID and the secret of the keyed hash
an issued return carries (`model.core.returns_sheet.locked_digest`). Both sides of a
return read it here — issuing to sign, collecting to check — with SQL text, so neither
needs the ORM. The key never leaves the database: no file, message or screen shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from model.core import strings
from model.core.errors import DatabaseError
from model.store.reader import reader_of

if TYPE_CHECKING:
    from model.store.reader import Source

KEY_BYTES = 32


@dataclass(frozen=True)
class ReturnsKey:
    database: str  # the database's UUID, as an issued return names it
    key: bytes = field(repr=False)  # never the secret in a log or a traceback


def returns_key(source: Source) -> ReturnsKey:
    """The UUID and returns key of the database `source` reads; a database without them
    (its identity row lost, the key not 64 hex digits) is refused in words."""
    rows = reader_of(source).rows("SELECT uuid, returns_key FROM database_identity WHERE id = 1")
    if not rows or rows[0][0] is None:
        raise DatabaseError(strings.RETURNS_KEY_MISSING)
    database, text = rows[0]
    try:
        key = bytes.fromhex(text) if isinstance(text, str) else b""
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise DatabaseError(strings.RETURNS_KEY_MISSING)
    return ReturnsKey(str(database), key)
