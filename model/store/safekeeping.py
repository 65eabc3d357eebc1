"""Backups the office makes and restores: `duban backup`, `duban restore`, the daily backup.

Every copy is made with the sqlite3 backup API (safe while the dashboard writes), into a
temporary file beside its destination created 0600, and proven before it gets its name:
`PRAGMA integrity_check`, a duban schema, and the audit chain linked hash by hash
(`model.store.audit_verify.head_problem`, the check `duban verify` uses). A copy is a
single file (journal mode DELETE): it can be carried, opened and restored on its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from model.core import strings
from model.core.errors import DatabaseError, InputError
from model.store.backup import sqlite_uri
from model.store.dbfile import DEFAULT_BUSY_SECONDS, inspect_file
from model.store.schema_version import HEAD

if TYPE_CHECKING:
    from model.store.chain_signing import ChainCheck

BACKUPS_FOLDER = "backups"
_DAILY = "daily"
_BEFORE_RESTORE = "before-restore"
_SIDE_FILES = ("-wal", "-shm", "-journal")


def backups_folder(database: Path) -> Path:
    """Where backups go unless told otherwise: a `backups` folder beside the database."""
    return database.parent / BACKUPS_FOLDER


def _stamp(now: dt.datetime) -> str:
    return now.astimezone().strftime("%Y%m%d-%H%M%S")


def manual_backup_path(database: Path, now: dt.datetime) -> Path:
    return backups_folder(database) / f"{database.stem}-{_stamp(now)}{_suffix(database)}"


def daily_backup_path(database: Path, day: dt.date) -> Path:
    name = f"{database.stem}-{_DAILY}-{day.isoformat()}{_suffix(database)}"
    return backups_folder(database) / name


def _suffix(database: Path) -> str:
    return database.suffix or ".sqlite3"


@dataclass(frozen=True)
class CopyCheck:
    """What was proven of a copy."""

    revision: str
    events: int  # audit events, linked from the first to the head


def _fail(path: Path, detail: object) -> DatabaseError:
    return DatabaseError(strings.COPY_UNUSABLE.format(path=path, detail=detail))


def check_copy(path: Path, shown: Path) -> CopyCheck:
    """Prove a database file nobody else has open: integrity, a known duban schema no newer
    than this program's, the audit chain intact. `shown` is the name said in a refusal
    (the file the user named, not our temporary copy of it)."""
    try:
        state = inspect_file(path)
    except DatabaseError as error:
        raise DatabaseError(str(error).replace(str(path), str(shown))) from error
    if not state.exists or state.revision is None:
        raise DatabaseError(strings.NOT_A_DUBAN_DATABASE.format(path=shown))
    try:
        _single_file(path)  # ours alone: read-only connections below leave no -wal/-shm
        with contextlib.closing(sqlite3.connect(sqlite_uri(path, "ro"), uri=True)) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            has_chain = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_event'"
            ).fetchone()
    except sqlite3.DatabaseError as error:
        raise _fail(shown, error) from error
    if problems != ["ok"]:
        raise _fail(shown, "；".join(problems[:3]))
    if not has_chain:
        raise DatabaseError(strings.NOT_A_DUBAN_DATABASE.format(path=shown))
    return CopyCheck(state.revision, _chain_length(path, shown))


def _chain_length(path: Path, shown: Path) -> int:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session

    from model.store.audit_verify import chain_head, head_problem

    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    )
    try:
        with Session(engine) as session:
            head_id, head_hash = chain_head(session)
            problem = head_problem(session, head_id, head_hash)
    except SQLAlchemyError as error:
        raise _fail(shown, getattr(error, "orig", error)) from error
    finally:
        engine.dispose()
    if problem is not None:
        raise _fail(shown, problem)
    return head_id


@contextlib.contextmanager
def _temporary(beside: Path) -> Iterator[Path]:
    """An empty file 0600 next to `beside`, removed when the block ends unless renamed."""
    temporary = beside.with_name(f".{beside.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)  # a crashed run of this same process id
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        yield temporary
    finally:
        for path in (temporary, *(Path(f"{temporary}{end}") for end in _SIDE_FILES)):
            path.unlink(missing_ok=True)


def _single_file(path: Path) -> None:
    """Journal mode DELETE: the copy needs no -wal/-shm beside it."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")


def _online_copy(source: sqlite3.Connection, destination: Path) -> None:
    with contextlib.closing(sqlite3.connect(destination, isolation_level=None)) as target:
        source.backup(target)
    _single_file(destination)


def _publish(temporary: Path, destination: Path) -> None:
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    if destination.exists():  # checked before the work too; the copy is not worth a clobber
        raise InputError(strings.BACKUP_EXISTS.format(path=destination))
    os.replace(temporary, destination)


def copy_verified(source: Path, destination: Path) -> CopyCheck:
    """An online copy of `source` at `destination`, proven; nothing left behind on failure."""
    try:
        with (
            _temporary(destination) as temporary,
            contextlib.closing(
                sqlite3.connect(sqlite_uri(source, "ro"), uri=True, timeout=DEFAULT_BUSY_SECONDS)
            ) as connection,
        ):
            _online_copy(connection, temporary)
            checked = check_copy(temporary, source)
            _publish(temporary, destination)
    except (OSError, sqlite3.Error) as error:
        raise DatabaseError(strings.BACKUP_COPY_FAILED.format(path=source, detail=error)) from error
    return checked


@dataclass(frozen=True)
class Backup:
    path: Path
    checked: CopyCheck
    signatures: str  # what the chain's signatures show (ChainCheck.summary)


@dataclass(frozen=True)
class SignatureCheck:
    """What a copy's chain signatures show: ChainCheck, or nothing for a schema from
    before signatures (0007)."""

    check: ChainCheck | None
    uuid: str | None  # the copy's identity

    @property
    def mismatches(self) -> tuple[str, ...]:
        return () if self.check is None else self.check.mismatches

    def summary(self) -> str:
        return strings.SIGNATURES_SUMMARY_OLD if self.check is None else self.check.summary()


def signature_check(path: Path) -> SignatureCheck:
    """The chain's head signatures in a proven copy nobody else has open
    (model.store.chain_signing.check_chain): the hash links alone prove nothing against
    a chain rewritten with recomputed hashes."""
    from model.store.chain_signing import check_chain, identity
    from model.store.reader import Reader, connect

    with contextlib.closing(connect(path, DEFAULT_BUSY_SECONDS, "ro")) as connection:
        reader = Reader(connection)
        found = identity(reader)
        tables = {row[0] for row in reader.rows("SELECT name FROM sqlite_master")}
        if "chain_signature" not in tables:
            return SignatureCheck(None, None if found is None else found[0])
        return SignatureCheck(check_chain(reader), None if found is None else found[0])


def _refuse_unless_regular(path: Path, missing: str) -> None:
    """A restore's source must be a regular file: a FIFO would block the copy, a device
    never end (said as such, not as missing)."""
    if path.is_file():
        return
    if not path.exists():
        raise InputError(missing.format(path=path))
    if path.is_dir():
        raise InputError(strings.RESTORE_IS_FOLDER.format(path=path))
    raise InputError(strings.RESTORE_NOT_A_FILE.format(path=path))


def _check_output(output: Path) -> None:
    if output.is_dir():
        raise InputError(strings.BACKUP_OUTPUT_IS_FOLDER.format(path=output))
    if output.exists() and not output.is_file():
        raise InputError(strings.BACKUP_OUTPUT_NOT_A_FILE.format(path=output))
    if output.exists():
        raise InputError(strings.BACKUP_EXISTS.format(path=output))


def make_backup(database: Path, output: Path | None, now: dt.datetime) -> Backup:
    """`duban backup`: the database as it is now, to `output` or the backups folder."""
    state = inspect_file(database)
    if not state.exists:
        raise DatabaseError(strings.BACKUP_NO_DATABASE.format(path=database))
    if state.revision is None:
        raise DatabaseError(strings.NOT_A_DUBAN_DATABASE.format(path=database))
    made_folder = False
    if output is None:
        output = manual_backup_path(database, now)
        made_folder = not output.parent.exists()
        _make_folder(output.parent)
    elif not output.parent.is_dir():
        raise InputError(strings.BACKUP_FOLDER_MISSING.format(dir=output.parent))
    try:
        _check_output(output)
        checked = copy_verified(database, output)
        return Backup(output, checked, signature_check(output).summary())
    except BaseException:
        if made_folder:  # a failed first backup leaves no trace, not even its folder
            with contextlib.suppress(OSError):
                output.parent.rmdir()
        raise


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        raise DatabaseError(strings.BACKUP_COPY_FAILED.format(path=folder, detail=error)) from error


def daily_backup(database: Path, day: dt.date, keep: int) -> Path | None:
    """The day's backup unless the backups folder has it; then the oldest beyond `keep` go.
    Returns the file made, None when it was there already."""
    target = daily_backup_path(database, day)
    made = None
    if not target.exists():
        _make_folder(target.parent)
        copy_verified(database, target)
        made = target
    prune(target.parent, f"{database.stem}-{_DAILY}-", _suffix(database), keep)
    return made


def prune(folder: Path, prefix: str, suffix: str, keep: int) -> list[Path]:
    """Remove all but the newest `keep` files named prefix + sortable stamp + suffix."""
    if keep <= 0 or not folder.is_dir():
        return []
    found = sorted(
        (p for p in folder.iterdir() if p.name.startswith(prefix) and p.name.endswith(suffix)),
        key=lambda p: p.name[len(prefix) : len(p.name) - len(suffix)],
    )
    removed = found[: max(len(found) - keep, 0)]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def prune_migration_backups(database: Path, keep: int) -> list[Path]:
    """The backups `open_database` makes before migrating (`backup_path_for`, beside the
    database: stem.backup-vN-STAMP, N the schema's edition; older ones named by the
    revision id), the newest `keep` kept, ordered by their stamp."""
    prefix, suffix = f"{database.stem}.backup-", _suffix(database)
    if keep <= 0 or not database.parent.is_dir():
        return []

    def stamp(path: Path) -> str:
        return path.name[len(prefix) : len(path.name) - len(suffix)].rsplit("-", 1)[-1]

    found = sorted(
        (
            p
            for p in database.parent.iterdir()
            if p.name.startswith(prefix) and p.name.endswith(suffix)
        ),
        key=stamp,
    )
    removed = found[: max(len(found) - keep, 0)]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


@dataclass(frozen=True)
class Restored:
    database: Path
    source: Path
    checked: CopyCheck
    kept: Path | None  # the database it replaced, kept in the backups folder
    needs_migration: bool  # an older schema: migrated (with its own backup) when next opened
    signatures: str = ""  # what the restored chain's signatures show (ChainCheck.summary)


def restore(database: Path, source: Path, now: dt.datetime, *, force: bool = False) -> Restored:
    """Replace the database with `source`, proven first; the current one kept as a backup.

    `source` is only ever read (copied, then checked as a copy). Every refusal comes
    before the database is touched: the copy's checks — its chain's signatures, and that
    it is this database's backup (the same identity) unless `force` — then taking the
    database for this process alone, which fails at once when any other connection has
    it open."""
    _refuse_unless_regular(source, strings.RESTORE_NO_FILE)
    inspect_file(database)  # the folder and the file usable (nothing written)
    if database.exists() and source.resolve() == database.resolve():
        raise InputError(strings.RESTORE_SAME_FILE.format(path=source))
    from model.store import head_anchor

    try:
        with _temporary(database) as staged:
            shutil.copyfile(source, staged)
            checked = check_copy(staged, source)
            signatures = signature_check(staged)
            if signatures.mismatches and not force:
                raise DatabaseError(
                    strings.RESTORE_SIGNATURES_BAD.format(
                        path=source, detail=signatures.mismatches[0]
                    )
                )
            restored_uuid, signed = head_anchor.newest_signed_head(staged)
            other = None if force else (source, signatures.uuid)
            kept = _keep_current(database, now, other) if database.exists() else None
            _publish_over(staged, database)
    except (OSError, sqlite3.Error) as error:
        raise DatabaseError(strings.RESTORE_FAILED.format(detail=error)) from error
    if restored_uuid is not None:
        # The database went back in time on purpose: this machine's anchor of its newest
        # signed head follows, or `duban audit verify` would report the restore as a cut.
        recorded_at = now.astimezone(dt.UTC).isoformat()
        head_anchor.reset(database, restored_uuid, signed, recorded_at)
    return Restored(database, source, checked, kept, checked.revision != HEAD, signatures.summary())


def _refuse_another_database(
    connection: sqlite3.Connection, database: Path, source: Path, restored: str | None
) -> None:
    """A restore puts back a backup of this database: a file of another identity would
    replace it with another database altogether (refused unless --force)."""
    try:
        row = connection.execute("SELECT uuid FROM database_identity WHERE id = 1").fetchone()
    except sqlite3.Error:
        return  # an older schema, or a file that cannot be read: what a restore is for
    current = None if row is None else str(row[0])
    if current is not None and restored is not None and current != restored:
        raise DatabaseError(
            strings.RESTORE_OTHER_DATABASE.format(
                path=source, source=restored, database=database, current=current
            )
        )


def _keep_current(
    database: Path, now: dt.datetime, other: tuple[Path, str | None] | None = None
) -> Path:
    """Take the database for this connection alone, fold its WAL in, copy it to the backups
    folder; closing the last connection removes the -wal and -shm files. With `other`
    (the file restored and its identity), refuse first if the identities differ."""
    connection = sqlite3.connect(sqlite_uri(database), uri=True, timeout=0, isolation_level=None)
    with contextlib.closing(connection):
        # In EXCLUSIVE locking mode a WAL database is opened without shared memory, and the
        # lock needs every other connection gone: an open dashboard, even idle, holds one.
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            connection.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as error:
            raise DatabaseError(strings.RESTORE_IN_USE.format(path=database)) from error
        connection.execute("COMMIT")  # the lock stays: locking mode EXCLUSIVE
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if other is not None:
            _refuse_another_database(connection, database, *other)
        name = f"{database.stem}-{_BEFORE_RESTORE}-{_stamp(now)}{_suffix(database)}"
        kept = backups_folder(database) / name
        _make_folder(kept.parent)
        with _temporary(kept) as temporary:
            _online_copy(connection, temporary)
            _publish(temporary, kept)
    return kept


def _publish_over(staged: Path, database: Path) -> None:
    if database.exists():  # the database keeps its permissions; only its contents change
        staged.chmod(stat.S_IMODE(database.stat().st_mode))
    with staged.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(staged, database)
    for leftover in (Path(f"{database}-wal"), Path(f"{database}-shm")):
        # Left by the replaced file's last close only if empty; never the new file's.
        if leftover.exists() and leftover.stat().st_size == 0:
            leftover.unlink()
