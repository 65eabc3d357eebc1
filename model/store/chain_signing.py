"""Ed25519 signatures over the audit chain's head: made at each write, checked by verify.

The hash chain alone proves nothing against someone who can write the file: they can
change an event and recompute every hash after it. So every write transaction that
appended events signs the new head — the message binds the database's UUID, the event's
id and its hash — with the office key (model.core.keys), and stores the signature in
`chain_signature`. An event is covered when a valid signature's head is at or after it
and the chain from the start up to that head is intact: a rewritten event changes every
later hash and no longer matches the signed one; an event appended or a tail cut off
after the last signature is "not covered".

What the signer does when this machine has no key, or another key than the database
records, is in `HeadSigner`: it never makes a new key while the database records one.

`cryptography` is imported only when a signature is made or checked (model.core.keys).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from model.core import strings
from model.core.errors import DatabaseError, DubanError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from model.core.keys import KeyStore, OfficeKey
    from model.store.head_anchor import SignedHead
    from model.store.reader import Reader, ReadOnlyDatabase

CHAIN_SCHEME = "duban-chain-v1"
GENESIS = "0" * 64  # model.store.schema.GENESIS_HASH, without importing the ORM schema
# The event the first signed write of a database holding unsigned events appends (entity
# `database`, like a migration's): how many earlier events were unsigned and their head.
START_ACTION = "signing.start"

_notes: list[str] = []
_notes_lock = threading.Lock()


def chain_message(database_uuid: str, event_id: int, event_hash: str) -> bytes:
    """What a chain signature covers: which database, which event, which hash."""
    return f"{CHAIN_SCHEME}\n{database_uuid}\n{event_id}\n{event_hash}".encode("ascii")


def say(text: str) -> None:
    """A note for the user about signing (once per process): the command line prints them
    after the command (`take_notes`), whichever command wrote."""
    with _notes_lock:
        if text not in _notes:
            _notes.append(text)


def take_notes() -> list[str]:
    with _notes_lock:
        taken = list(_notes)
        _notes.clear()
        return taken


class HeadSigner:
    """Signs the head of each write transaction; one per `Database`, which looks up this
    machine's key once (a keyring call can take milliseconds) and keeps it."""

    def __init__(self, database: Path | None = None) -> None:
        self._database = database  # for this machine's anchor, when signing begins
        self._lock = threading.Lock()
        self._looked = False
        self._store: KeyStore | None = None
        self._key: OfficeKey | None = None
        self._problem: str | None = None

    def _machine_key(self, recorded: str | None) -> OfficeKey | None:
        from model.core.keys import key_store, load_key, make_key

        if not self._looked:
            self._looked = True
            try:
                self._store = key_store()
                self._key = load_key(self._store)
            except DubanError as error:
                self._problem = str(error)
        # A key is made on first need only when the database records none: a database
        # that records one was signed with it, and a new key would orphan its signatures.
        if (
            self._key is None
            and recorded is None
            and self._problem is None
            and self._store is not None
            and self._store.kind != "none"
        ):
            try:
                self._key = make_key(self._store)
                say(
                    strings.KEY_MADE.format(
                        where=self._store.describe(), fingerprint=self._key.fingerprint
                    )
                )
            except DubanError as error:
                self._problem = str(error)
        return self._key

    def sign(self, session: Session) -> SignedHead | None:
        """Before commit, in the transaction: sign the head, or say why it stays unsigned.
        Returns the head signed (for this machine's anchor, written after the commit)."""
        from model.core.keys import fingerprint
        from model.store.head_anchor import SignedHead

        session.flush()
        connection = session.connection()
        identity = connection.exec_driver_sql(
            "SELECT uuid, public_key FROM database_identity WHERE id = 1"
        ).first()
        if identity is None:
            return None
        database_uuid, recorded = str(identity[0]), identity[1]
        with self._lock:
            key = self._machine_key(recorded)
            problem, store = self._problem, self._store
        if key is None:
            if recorded is not None:
                say(strings.KEY_UNSIGNED_MISSING.format(fingerprint=fingerprint(recorded)))
            elif problem is not None:
                say(strings.KEY_UNSIGNED_PROBLEM.format(problem=problem))
            else:
                detail = store.problem if store is not None and store.problem else ""
                say(strings.KEY_UNSIGNED_NO_STORE.format(detail=detail))
            return None
        if recorded is not None and recorded != key.public_hex:
            say(
                strings.KEY_UNSIGNED_OTHER.format(
                    recorded=fingerprint(recorded), machine=key.fingerprint
                )
            )
            return None
        _start_signing(session, self._database, database_uuid)
        head = connection.exec_driver_sql(
            "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1"
        ).first()
        if head is None:
            return None
        event_id, event_hash = int(head[0]), str(head[1])
        if recorded is None:
            connection.exec_driver_sql(
                "UPDATE database_identity SET public_key = ? WHERE id = 1", (key.public_hex,)
            )
        signature = key.sign(chain_message(database_uuid, event_id, event_hash))
        connection.exec_driver_sql(
            "INSERT OR REPLACE INTO chain_signature (event_id, event_hash, public_key, signature)"
            " VALUES (?, ?, ?, ?)",
            (event_id, event_hash, key.public_hex, signature),
        )
        return SignedHead(database_uuid, event_id, event_hash)


def _start_signing(session: Session, database: Path | None, database_uuid: str) -> None:
    """The first signed write of a database that holds unsigned events (no signature at
    all) says so in the chain: a `signing.start` event naming how many earlier events were
    unsigned and their head, signed with this write — verification then reports those as
    written before signing, and any other unsigned event as a finding. Said loudly: a
    database that was signed before and has lost its signatures looks the same here."""
    from model.store.audit import record, transaction_start

    connection = session.connection()
    if connection.exec_driver_sql("SELECT 1 FROM chain_signature LIMIT 1").first() is not None:
        return
    start = transaction_start(session)
    if start is None or start[0] == 0:
        return  # a new database: its first write is signed, nothing came before it
    head_id, head_hash = start
    earlier = connection.exec_driver_sql(
        "SELECT id FROM audit_event WHERE action = ? AND id <= ? ORDER BY id LIMIT 1",
        (START_ACTION, head_id),
    ).first()
    record(
        session,
        action=START_ACTION,
        entity="database",
        after={"unsigned": head_id, "head_id": head_id, "head_hash": head_hash},
    )
    session.flush()
    if earlier is not None:
        say(strings.SIGNING_RESTARTED_NOTE.format(count=head_id, first=int(earlier[0])))
    else:
        say(strings.SIGNING_STARTED_NOTE.format(count=head_id))
    if database is not None:
        # This machine signed this database before (its anchor): the signatures were removed.
        from model.core.times import local_time
        from model.store import head_anchor

        anchor = head_anchor.load(database, database_uuid)
        if anchor is not None:
            say(
                strings.SIGNING_WAS_SIGNED_HERE.format(
                    id=anchor.head.event_id, when=local_time(anchor.recorded_at, seconds=True)
                )
            )


# --- verification ---


@dataclass(frozen=True)
class TrustedKey:
    public_hex: str
    source: Literal["option", "machine", "database"]

    @property
    def fingerprint(self) -> str:
        from model.core.keys import fingerprint

        return fingerprint(self.public_hex)

    def describe(self) -> str:
        template = {
            "option": strings.CHAIN_KEY_FROM_OPTION,
            "machine": strings.CHAIN_KEY_FROM_MACHINE,
            "database": strings.CHAIN_KEY_FROM_DATABASE,
        }[self.source]
        return template.format(fingerprint=self.fingerprint)


def trusted_key(recorded: str | None, option: Path | None, notes: list[str]) -> TrustedKey | None:
    """Which public key to check with: the file given, else this machine's key, else the
    one the database records (said as not independently confirmed by `describe`)."""
    from model.core.keys import load_key, read_public_key

    if option is not None:
        return TrustedKey(read_public_key(option), "option")
    try:
        machine = load_key()
    except DubanError as error:
        notes.append(str(error))
        machine = None
    if machine is not None:
        return TrustedKey(machine.public_hex, "machine")
    if recorded is not None:
        return TrustedKey(recorded, "database")
    return None


@dataclass(frozen=True)
class Chain:
    """The audit chain as stored: each event's hash, and how far it is intact."""

    hashes: dict[int, str]
    intact_to: int  # events 1..intact_to link up and hash right
    broken_at: int | None  # the first event that does not

    @property
    def events(self) -> int:
        return len(self.hashes)


def read_chain(reader: Reader) -> Chain:
    from model.store.audit import event_digest

    hashes: dict[int, str] = {}
    previous, expected, intact_to, broken_at = GENESIS, 1, 0, None
    for row in reader.rows(
        "SELECT id, at, actor, action, entity, entity_id, before_json, after_json, reason,"
        " prev_hash, hash FROM audit_event ORDER BY id"
    ):
        event_id, stored = int(row[0]), str(row[10])
        hashes[event_id] = stored
        if broken_at is not None:
            continue
        digest = event_digest(
            id=event_id,
            at=row[1],
            actor=row[2],
            action=row[3],
            entity=row[4],
            entity_id=row[5],
            before_json=row[6],
            after_json=row[7],
            reason=row[8],
            prev_hash=row[9],
        )
        if event_id != expected or row[9] != previous or digest != stored:
            broken_at = min(event_id, expected)
            continue
        intact_to, previous, expected = event_id, stored, event_id + 1
    return Chain(hashes, intact_to, broken_at)


def identity(reader: Reader) -> tuple[str, str | None] | None:
    """The database's UUID and recorded public key; None when the row (or table) is gone."""
    import sqlite3

    try:
        rows = reader.rows("SELECT uuid, public_key FROM database_identity WHERE id = 1")
    except sqlite3.OperationalError:
        return None
    return (str(rows[0][0]), rows[0][1]) if rows else None


def head_problem(chain: Chain, head_id: int, head_hash: str) -> str | None:
    """Why the chain no longer leads to this head (an export's) — None when it does."""
    if chain.broken_at is not None and chain.broken_at <= head_id:
        return strings.HEAD_CHAIN_BROKEN.format(id=chain.broken_at)
    if head_id == 0:
        return None if head_hash == GENESIS else strings.HEAD_REWRITTEN.format(id=head_id)
    if head_id not in chain.hashes:
        return strings.HEAD_MISSING.format(id=head_id)
    if chain.hashes[head_id] != head_hash:
        return strings.HEAD_REWRITTEN.format(id=head_id)
    return None


@dataclass(frozen=True)
class ChainCheck:
    """What `duban audit verify` says about the chain and its signatures."""

    events: int
    broken_at: int | None
    covered: int  # events 1..covered are under a valid signature
    last_signed: int | None
    valid: int
    key: TrustedKey | None
    recorded: str | None
    expected: bool  # a key is at hand or known to sign: unsigned events are a finding
    findings: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())
    before_signing: int = 0  # events 1..this were written before a signed signing.start
    signing_started: int | None = None  # that signing.start event
    unsigned_finding: str | None = None  # the finding that is only "events unsigned"

    @property
    def mismatches(self) -> tuple[str, ...]:
        """The findings that are more than events left unsigned: a signature that does not
        hold, a signed event changed or gone, a broken chain (a restore refuses these)."""
        return tuple(f for f in self.findings if f != self.unsigned_finding)

    def summary(self) -> str:
        """One line for `duban backup` and `duban restore`: what the signatures show."""
        if self.mismatches:
            return strings.SIGNATURES_SUMMARY_BAD.format(
                count=len(self.mismatches), first=self.mismatches[0]
            )
        if self.key is None:
            return strings.SIGNATURES_SUMMARY_NO_KEY.format(events=self.events)
        parts = [
            strings.SIGNATURES_SUMMARY_COVERED.format(covered=self.covered)
            if self.covered
            else strings.SIGNATURES_SUMMARY_NONE
        ]
        if self.before_signing:
            parts.append(strings.SIGNATURES_SUMMARY_BEFORE.format(count=self.before_signing))
        if self.uncovered:
            parts.append(strings.SIGNATURES_SUMMARY_UNSIGNED.format(count=self.uncovered))
        return "；".join(parts)

    @property
    def uncovered(self) -> int:
        return self.events - self.covered

    @property
    def ok(self) -> bool:
        return not self.findings

    def lines(self) -> list[str]:
        """The report, in order: the chain, the key, the coverage (findings separately)."""
        out = [
            strings.CHAIN_INTACT.format(events=self.events)
            if self.broken_at is None
            else strings.CHAIN_BROKEN.format(id=self.broken_at, events=self.events)
        ]
        out.append(self.key.describe() if self.key else strings.CHAIN_NO_KEY)
        if self.key is not None:
            out.append(
                strings.CHAIN_COVERED.format(covered=self.covered, last=self.last_signed)
                if self.last_signed is not None
                else strings.CHAIN_NONE_COVERED
            )
        if self.before_signing and self.signing_started is not None:
            out.append(
                strings.CHAIN_BEFORE_SIGNING.format(
                    count=self.before_signing, start=self.signing_started
                )
            )
        if self.uncovered and (self.key is None or not self.expected):
            out.append(strings.CHAIN_UNSIGNED_NOTE.format(count=self.uncovered))
        out.extend(self.notes)
        return out


def check_chain(
    reader: Reader, option: Path | None = None, database: Path | None = None
) -> ChainCheck:
    """The chain and its signatures; with `database` (the file's path), also this machine's
    anchor of the newest head it signed there (model.store.head_anchor)."""
    from model.core.keys import fingerprint, verify

    notes: list[str] = []
    chain = read_chain(reader)
    found = identity(reader)
    findings: list[str] = []
    if chain.broken_at is not None:
        findings.append(strings.CHAIN_FINDING_BROKEN.format(id=chain.broken_at))
    if found is None:
        findings.append(strings.CHAIN_IDENTITY_MISSING)
        database_uuid, recorded = "", None
    else:
        database_uuid, recorded = found
    key = trusted_key(recorded, option, notes)
    signatures = reader.rows(
        "SELECT event_id, event_hash, public_key, signature FROM chain_signature ORDER BY event_id"
    )
    if key is not None and recorded is not None and recorded != key.public_hex:
        findings.append(
            strings.CHAIN_RECORDED_OTHER.format(
                recorded=fingerprint(recorded), trusted=key.fingerprint
            )
        )
    covered, last_signed, valid, other = 0, None, 0, 0
    for event_id, event_hash, public_hex, signature in signatures if key else []:
        assert key is not None
        if public_hex != key.public_hex:
            other += 1
            continue
        if not verify(
            key.public_hex, chain_message(database_uuid, event_id, event_hash), signature
        ):
            findings.append(strings.CHAIN_SIGNATURE_INVALID.format(id=event_id))
            continue
        if event_id not in chain.hashes:
            findings.append(strings.CHAIN_SIGNED_EVENT_GONE.format(id=event_id))
            continue
        if chain.hashes[event_id] != event_hash:
            findings.append(strings.CHAIN_SIGNED_EVENT_CHANGED.format(id=event_id))
            continue
        valid += 1
        if event_id <= chain.intact_to and event_id > covered:
            covered, last_signed = event_id, event_id
    if key is None and signatures:
        # Signatures but no key to check them with: the database's record of its key is gone.
        findings.append(strings.CHAIN_SIGNATURES_NO_KEY.format(count=len(signatures)))
    if other:
        notes.append(strings.CHAIN_OTHER_KEY_SIGNATURES.format(count=other))
    before, started = _signing_start(reader, chain, covered, findings)
    # Unsigned events are a finding whenever a key is at hand (--public-key, this machine's,
    # or the one the database records): to a verifier an event appended by a forger, a chain
    # rewritten and stripped of its signatures, one written where the key was missing and
    # one from before signing look the same. The one exception is the events a signed
    # `signing.start` names as written before signing (a note); the remedy for a tail
    # written without the key is cheap (restore it: the next write signs over them).
    expected = key is not None or bool(signatures)
    uncovered = chain.events - covered
    unsigned_finding = None
    if key is not None and uncovered:
        template = strings.CHAIN_UNCOVERED if signatures else strings.CHAIN_NEVER_SIGNED
        unsigned_finding = template.format(count=uncovered, first=covered + 1)
        findings.append(unsigned_finding)
    if database is not None and database_uuid:
        # A chain cut back to an earlier signed head verifies by its signatures alone; the
        # head this machine signed last for this file shows it (no anchor: nothing to say).
        from model.store import head_anchor

        anchor = head_anchor.load(database, database_uuid)
        problem = head_anchor.finding(anchor, chain.hashes) if anchor is not None else None
        if problem is not None:
            findings.append(problem)
    return ChainCheck(
        events=chain.events,
        broken_at=chain.broken_at,
        covered=covered,
        last_signed=last_signed,
        valid=valid,
        key=key,
        recorded=recorded,
        expected=expected,
        findings=tuple(findings),
        notes=tuple(notes),
        before_signing=before,
        signing_started=started,
        unsigned_finding=unsigned_finding,
    )


def _signing_start(
    reader: Reader, chain: Chain, covered: int, findings: list[str]
) -> tuple[int, int | None]:
    """How many events the database's first `signing.start` names as written before
    signing (0 unless a valid signature covers that event and the head it names is the
    chain's), and that event. A second one is a finding: a database that began signing
    once and again had lost every signature in between."""
    import json

    starts = reader.rows(
        "SELECT id, after_json FROM audit_event WHERE action = ? ORDER BY id", (START_ACTION,)
    )
    for event_id, _ in starts[1:]:
        findings.append(
            strings.CHAIN_SIGNING_RESTARTED.format(id=int(event_id), first=int(starts[0][0]))
        )
    if not starts or int(starts[0][0]) > covered:
        return 0, None
    start_id = int(starts[0][0])
    try:
        after = json.loads(starts[0][1] or "null")
        head_id, head_hash = int(after["head_id"]), str(after["head_hash"])
    except (ValueError, TypeError, KeyError):
        head_id, head_hash = -1, ""
    if not 0 < head_id < start_id or chain.hashes.get(head_id) != head_hash:
        findings.append(strings.CHAIN_SIGNING_START_BAD.format(id=start_id))
        return 0, None
    return head_id, start_id


def open_existing(path: Path) -> ReadOnlyDatabase:
    """An existing duban database, read-only, for verification: never created, seeded or
    migrated (a missing or foreign file is said, not made)."""
    import sqlite3

    from model.store.dbfile import DEFAULT_BUSY_SECONDS
    from model.store.reader import ReadOnlyDatabase, connect

    if not path.is_file():
        raise DatabaseError(strings.VERIFY_DB_MISSING.format(path=path))
    try:
        connection = connect(path, DEFAULT_BUSY_SECONDS, "ro")
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error) or "file is encrypted" in str(error):
            raise DatabaseError(strings.VERIFY_DB_FOREIGN.format(path=path)) from error
        raise DatabaseError(
            strings.VERIFY_DB_UNREADABLE.format(path=path, detail=_sqlite_detail(error))
        ) from error
    if "audit_event" not in tables:
        connection.close()
        raise DatabaseError(strings.VERIFY_DB_FOREIGN.format(path=path))
    if "database_identity" not in tables:
        connection.close()
        raise DatabaseError(strings.VERIFY_DB_OLD.format(path=path))
    return ReadOnlyDatabase(path, connection, DEFAULT_BUSY_SECONDS)


def record_public_key(path: Path, public_hex: str) -> None:
    """`duban key restore --force`: the database now records this key (the office chose to
    sign it with another; earlier signatures stay, checked with the key that made them)."""
    import contextlib
    import sqlite3

    from model.store.dbfile import DEFAULT_BUSY_SECONDS
    from model.store.reader import connect

    try:
        with contextlib.closing(connect(path, DEFAULT_BUSY_SECONDS, "rw")) as connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "UPDATE database_identity SET public_key = ? WHERE id = 1", (public_hex,)
            )
            connection.execute("COMMIT")
    except sqlite3.Error as error:
        raise DatabaseError(
            strings.VERIFY_DB_UNREADABLE.format(path=path, detail=_sqlite_detail(error))
        ) from error


def _sqlite_detail(error: Exception) -> str:
    """What went wrong reading a database, in words: an OS error by its errno, else a
    plain sentence (SQLite's English never reaches the user)."""
    import sqlite3

    from model.core.os_errors import describe_os_error

    if isinstance(error, OSError):
        return describe_os_error(error)
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        return strings.OS_ERROR_TEXTS["EBUSY"]
    return strings.DB_SQLITE_UNREADABLE
