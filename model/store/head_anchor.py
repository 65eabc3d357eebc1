"""This machine's record of the newest signed head of each database it writes (#13).

Signatures alone cannot show a chain cut back to an earlier signed head: deleting the later
events, their rows and their signatures together leaves a state the office once signed. So
after each signed write commits, the head just signed (event id, hash, when) is written to
a small file in the user's data folder; `duban audit verify` then says so when the chain no
longer holds that event with that hash. A restore moves the database back in time on
purpose, so it resets the record to the restored file's newest signed head.

One file per database UUID and database path: copies of a file (backups, a test's template)
share the UUID, and a copy written elsewhere must not make the original look cut. The file
is written to a temporary name and renamed (never half-written), owner-only. Failing to
write it never fails the write it records: the commit has happened; it is said once.

The standard library only, and only `platformdirs` for the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from model.core import strings
from model.core.os_errors import describe_os_error
from model.core.times import local_time

ANCHOR_FOLDER = "anchors"
_SCHEME = "duban-anchor-v1"


@dataclass(frozen=True)
class SignedHead:
    """The head a write transaction signed: which database, which event, which hash."""

    database_uuid: str
    event_id: int
    event_hash: str


@dataclass(frozen=True)
class Anchor:
    head: SignedHead
    recorded_at: str  # UTC ISO text, shown in local time


def anchor_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path("duban", appauthor=False) / ANCHOR_FOLDER


def _where(database: Path) -> str:
    # The same file however it was named (relative, through a symlink, in another case on
    # Windows): the anchor belongs to the file the office writes.
    return os.path.normcase(str(database.resolve()))


def anchor_path(database: Path, database_uuid: str) -> Path:
    place = hashlib.sha256(_where(database).encode("utf-8")).hexdigest()[:16]
    return anchor_folder() / f"{database_uuid}.{place}.json"


def record(database: Path, head: SignedHead, recorded_at: str) -> None:
    """Write the anchor (raises OSError; callers decide what a failure means)."""
    target = anchor_path(database, head.database_uuid)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    text = json.dumps(
        {
            "scheme": _SCHEME,
            "database": _where(database),
            "uuid": head.database_uuid,
            "event_id": head.event_id,
            "event_hash": head.event_hash,
            "recorded_at": recorded_at,
        },
        ensure_ascii=False,
    )
    # A name of this process and thread alone: the dashboard writes from worker threads.
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        # No fsync: one per write transaction costs more than the write; a crash can at
        # worst lose the newest anchor, which reads as an older one or none.
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def record_quietly(database: Path, head: SignedHead, recorded_at: str) -> None:
    """After a signed write commits: the anchor, or a note (once) that it was not written.
    Nothing here may fail the write: it is already committed."""
    from model.store.chain_signing import say

    try:
        record(database, head, recorded_at)
    except OSError as error:
        say(strings.ANCHOR_NOT_WRITTEN.format(detail=describe_os_error(error)))
    except Exception as error:  # e.g. no home folder to derive the data folder from
        say(strings.ANCHOR_NOT_WRITTEN.format(detail=error))


def load(database: Path, database_uuid: str) -> Anchor | None:
    """This machine's anchor for the database, None when there is none or it is unreadable
    (a lost anchor weakens the check; it is not itself evidence against the database)."""
    try:
        data = json.loads(anchor_path(database, database_uuid).read_text(encoding="utf-8"))
        head = SignedHead(str(data["uuid"]), int(data["event_id"]), str(data["event_hash"]))
        recorded_at = str(data["recorded_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if data.get("scheme") != _SCHEME or head.database_uuid != database_uuid:
        return None
    return Anchor(head, recorded_at)


def finding(anchor: Anchor, hashes: dict[int, str]) -> str | None:
    """Why the chain (event id → stored hash) no longer holds the anchored head, or None."""
    head = anchor.head
    when = local_time(anchor.recorded_at)
    if head.event_id not in hashes:
        if not hashes:
            return strings.ANCHOR_CHAIN_EMPTY.format(id=head.event_id, when=when)
        return strings.ANCHOR_CHAIN_SHORTER.format(id=head.event_id, when=when, last=max(hashes))
    if hashes[head.event_id] != head.event_hash:
        return strings.ANCHOR_EVENT_CHANGED.format(id=head.event_id, when=when)
    return None


def newest_signed_head(path: Path) -> tuple[str | None, SignedHead | None]:
    """A database file's UUID and its newest signature whose event is still in its chain
    with the signed hash (a restored copy's head); None for what it lacks (an older schema
    has no identity, a database never signed no head)."""
    from model.store.backup import sqlite_uri

    try:
        with contextlib.closing(sqlite3.connect(sqlite_uri(path, "ro"), uri=True)) as connection:
            identity = connection.execute(
                "SELECT uuid FROM database_identity WHERE id = 1"
            ).fetchone()
            head = connection.execute(
                "SELECT s.event_id, s.event_hash FROM chain_signature AS s"
                " JOIN audit_event AS e ON e.id = s.event_id AND e.hash = s.event_hash"
                " ORDER BY s.event_id DESC LIMIT 1"
            ).fetchone()
    except sqlite3.Error:
        return None, None
    if identity is None:
        return None, None
    database_uuid = str(identity[0])
    if head is None:
        return database_uuid, None
    return database_uuid, SignedHead(database_uuid, int(head[0]), str(head[1]))


def reset(database: Path, database_uuid: str, head: SignedHead | None, recorded_at: str) -> None:
    """After a restore: the anchor is the restored file's newest signed head, or none when
    it has no signed head. A failure is said, with what it means for the next verify."""
    from model.store.chain_signing import say

    try:
        if head is None:
            anchor_path(database, database_uuid).unlink(missing_ok=True)
        else:
            record(database, head, recorded_at)
    except OSError as error:
        say(strings.ANCHOR_NOT_RESET.format(detail=describe_os_error(error)))
    except Exception as error:  # no home folder: there is no anchor to be stale either
        say(strings.ANCHOR_NOT_RESET.format(detail=error))
