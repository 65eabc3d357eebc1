"""The database as recorded on a day: every audited change entered after it, undone.

Reports and scores are computed *as of* a date D from every record dated on or before D,
with everything known now: a report entered on 12-20 but dated 11-10 changes the card as
of 11-15 after the fact. *As recorded on* D is the other, exact mode: only the entries made
by the end of D (the audit chain's `at`, read in the machine's local time as
`model.core.times.local_time` shows it), so that a card printed and signed on D can be
reproduced bit for bit later.

`recorded_copy(database, day)` makes that database: a temporary copy (the sqlite3 backup
API from a read-only connection — the original file is never written), in which every
audit event stamped at or after the end of `day` is undone, newest first, and removed from
the copy's chain. It is opened as a read-only `Database`, so every read service works on
it unchanged::

    with recorded_copy(database, day) as copy:      # a RecordedDatabase
        with copy.read() as session:
            board = compute_scorecards(session, year=..., as_of=day, rubric=...)
        copy.recorded.head                          # the chain head at the end of `day`

What is undone, per event kind (the undo of an event restores its `before`):

* a row created by a write service (report.create with its evidence, milestone.done,
  closure.close / closure.reopen, notice.issue with its notice_task rows,
  adjustment.create, return.collect / return.replace) is deleted;
* notice.reply restores the notice's columns (reply_on, reply_text) and its tasks from
  the event's `before`;
* group.members (entity `unit`, entity_id the group's name) restores the group's
  group_member rows from `before["spells"]`, or from `before["members"]` as open spells
  for events written before membership was dated. Rows that existed before the event keep
  their ids; a spell the event deleted comes back under a new id (nothing reads those ids);
* any other event whose entity names a table of the database (entity_id its primary key,
  snapshots keyed by column name): no `before` deletes the row, a `before` restores the
  columns it holds (inserting the row if the event had deleted it).

Several events on one row collapse into one statement per row and rows into one
statement per table and column set, so a long tail of events costs a few bulk writes.

Plan-structure events (`seed.import` for the seed and every imported plan document,
entity `document`; the demo and benchmark generators, entity `database`) are left as they
are, rows and audit events alike: the plans, units and groups they add are the skeleton
every record hangs on, not records of the office's work. A plan imported after the day is
therefore still in the copy (another year's plans do not change a year's reports).

An event that cannot be undone exactly — an unknown kind, a snapshot that is not a row,
a unit that no longer exists, a later-stamped event followed in the chain by an
earlier-stamped one on the same row (a clock set back) — raises `InputError`: no copy is
better than a wrong one. So does a copy whose foreign keys no longer hold after the undo.

The copy holds the entries made by the *end* of the day: a card printed in the morning of
D is reproduced exactly when nothing recorded later that day changes it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, event
from sqlalchemy.dialects import sqlite as sqlite_dialect

from model.core import strings
from model.core.errors import DatabaseError, InputError
from model.store.audit import AuditedSession
from model.store.backup import sqlite_uri
from model.store.db import Database, make_engine
from model.store.schema import GENESIS_HASH, Base

# Plan-structure entities: left in the copy as they are (see the module docstring).
SKELETON_ENTITIES = frozenset({"document", "database"})

# The write services' events, by (entity, action): the row they create or change is named
# by the snapshot's "id"; `True` when the event creates the row (it has no `before`).
_SERVICE_EVENTS: dict[tuple[str, str], bool] = {
    ("progress_report", "report.create"): True,
    ("milestone_completion", "milestone.done"): True,
    ("closure_event", "closure.close"): True,
    ("closure_event", "closure.reopen"): True,
    ("score_adjustment", "adjustment.create"): True,
    ("notice", "notice.issue"): True,
    ("notice", "notice.reply"): False,
    # A returned sheet (#14), first or replacing: its reports are report.create events.
    ("return_submission", "return.collect"): True,
    ("return_submission", "return.replace"): True,
}
_GROUP_EVENT = ("unit", "group.members")

# Tables whose snapshots are not plain rows, or whose rows are written only with another
# table's: an event on them that is not one of the kinds above cannot be undone generically.
_NOT_GENERIC = frozenset(
    {
        "progress_report",
        "evidence",
        "notice",
        "notice_task",
        "unit",
        "group_member",
        "audit_event",
        "alembic_version",
    }
)

# Snapshot keys that are not columns: the rows of a child table written with the row.
_CHILD_KEYS: dict[str, frozenset[str]] = {"notice": frozenset({"task_ids"})}

# Rows deleted with their parent (the services write them together, one event).
_CHILDREN: dict[str, tuple[str, str]] = {
    "progress_report": ("evidence", "report_id"),
    "notice": ("notice_task", "notice_id"),
}


def end_of_day(day: dt.date, tz: dt.tzinfo | None = None) -> dt.datetime:
    """The first moment after `day` in the machine's local time (or `tz`), in UTC.

    An event belongs to the day's entries when its `at` is before this moment.
    """
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
    local = midnight.replace(tzinfo=tz) if tz is not None else midnight.astimezone()
    return local.astimezone(dt.UTC)


@dataclass(frozen=True)
class Recorded:
    """What a recorded copy is: the day, its cutoff, and what was undone to make it."""

    day: dt.date
    cutoff: dt.datetime  # UTC: events at or after it were undone
    head: tuple[int, str]  # the newest event entered by the cutoff (id, hash)
    undone: int  # audit events undone
    later_skeleton: int  # plan-structure events after the cutoff, left in place
    entries: int  # events of the office's work (not plan structure) entered by the cutoff


class RecordedDatabase(Database):
    """A read-only `Database` over a recorded copy; `recorded` says what it holds."""

    recorded: Recorded

    @contextlib.contextmanager
    def write(self) -> Iterator[AuditedSession]:
        raise InputError(strings.REWIND_READ_ONLY.format(day=self.recorded.day))
        yield  # pragma: no cover - a generator, for contextmanager


def audit_head(database: Database, current: Callable[[], tuple[int, str]]) -> tuple[int, str]:
    """The audit head a report computed from `database` stands on: for a recorded copy the
    chain's head at the end of its day, else `current()` (the chain's head now)."""
    if isinstance(database, RecordedDatabase):
        return database.recorded.head
    return current()


@contextlib.contextmanager
def recorded_copy(
    database: Database, day: dt.date, *, tz: dt.tzinfo | None = None
) -> Iterator[RecordedDatabase]:
    """The database as recorded by the end of `day`: a temporary read-only copy, removed
    when the block ends. Raises InputError when an event cannot be undone exactly and
    DatabaseError when the copy cannot be made; the original is only read."""
    cutoff = end_of_day(day, tz)
    folder = Path(tempfile.mkdtemp(prefix="duban-recorded-"))
    copy: RecordedDatabase | None = None
    try:
        path = folder / "recorded.sqlite3"
        recorded = _make_copy(database.path, path, day, cutoff)
        engine = make_engine(path, database.busy_seconds)
        event.listen(engine, "connect", _query_only)
        copy = RecordedDatabase(path, database.context, database.busy_seconds, engine)
        copy.recorded = recorded
        yield copy
    finally:
        if copy is not None:
            copy.close()
        shutil.rmtree(folder, ignore_errors=True)


def _query_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA query_only = ON")


def _make_copy(source: Path, target: Path, day: dt.date, cutoff: dt.datetime) -> Recorded:
    try:
        with (
            contextlib.closing(sqlite3.connect(sqlite_uri(source, "ro"), uri=True)) as src,
            contextlib.closing(sqlite3.connect(target, isolation_level=None)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA foreign_keys = OFF")
            dst.execute("BEGIN IMMEDIATE")
            try:
                recorded = _Rewind(dst, day, cutoff).run()
                dst.execute("COMMIT")
            except BaseException:
                dst.execute("ROLLBACK")
                raise
    except sqlite3.Error as error:
        raise DatabaseError(strings.REWIND_COPY_FAILED.format(detail=error)) from error
    return recorded


@dataclass(frozen=True)
class _Event:
    id: int
    at: str
    action: str
    entity: str
    entity_id: str | None
    before: Any
    after: Any

    def label(self) -> dict[str, Any]:
        return {"id": self.id, "action": self.action, "entity": self.entity}


@dataclass(frozen=True)
class _Table:
    name: str
    columns: tuple[str, ...]
    pk: str | None  # the single-column primary key, None for none or several
    pk_is_int: bool


# What an undo leaves of a row: deleted, or these columns (`replace`: the row was deleted
# later and comes back with only them; otherwise they are set on the row, or make it).
@dataclass
class _RowState:
    delete: bool = False
    values: dict[str, Any] = field(default_factory=dict)
    replace: bool = False

    def undo(self, before: dict[str, Any] | None) -> None:
        """Undo one more (older) event on the row."""
        if before is None:
            self.delete, self.values, self.replace = True, {}, False
        elif self.delete:
            self.delete, self.values, self.replace = False, dict(before), True
        else:
            self.values = {**self.values, **before}


# What an event changed: (table, primary key), or (_GROUP, the group's name).
Key = tuple[str, Any]
_GROUP = "#group"


class _Rewind:
    def __init__(self, connection: sqlite3.Connection, day: dt.date, cutoff: dt.datetime) -> None:
        self.db = connection
        self.day = day
        self.cutoff = cutoff
        self.tables = self._tables()
        self.rows: dict[Key, _RowState] = {}
        self.groups: dict[str, Any] = {}  # group name → the oldest undone `before`
        self.group_event: dict[str, _Event] = {}

    # --- reading the chain -------------------------------------------------------------

    def _tables(self) -> dict[str, _Table]:
        names = [
            row[0]
            for row in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        tables: dict[str, _Table] = {}
        for name in names:
            info = self.db.execute(f'PRAGMA table_info("{name}")').fetchall()
            keys = [row for row in info if row[5]]
            pk = keys[0][1] if len(keys) == 1 else None
            pk_is_int = len(keys) == 1 and "INT" in str(keys[0][2]).upper()
            tables[name] = _Table(name, tuple(row[1] for row in info), pk, pk_is_int)
        return tables

    def _is_later(self, event_id: int, at: str) -> bool:
        try:
            moment = dt.datetime.fromisoformat(at)
        except ValueError:
            raise InputError(strings.REWIND_BAD_TIME.format(id=event_id, at=at)) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment >= self.cutoff

    def run(self) -> Recorded:
        from model.store.chain_signing import START_ACTION

        rows = self.db.execute("SELECT id, at, entity, action FROM audit_event ORDER BY id")
        # Signing began (signing.start) changes no row: later, it just leaves the chain.
        stamps: list[tuple[int, str, str]] = []
        began: list[tuple[int, str]] = []
        for event_id, at, entity, action in rows.fetchall():
            if action == START_ACTION:
                began.append((event_id, at))
            else:
                stamps.append((event_id, at, entity))
        later = {event_id for event_id, at, _ in stamps if self._is_later(event_id, at)}
        began_later = [event_id for event_id, at in began if self._is_later(event_id, at)]
        later.update(began_later)
        kept = [i for i, _, _ in stamps if i not in later] + [i for i, _ in began if i not in later]
        head_id = max(kept, default=0)
        skeleton = sum(1 for i, _, entity in stamps if i in later and entity in SKELETON_ENTITIES)
        work = [i for i, _, entity in stamps if i in later and entity not in SKELETON_ENTITIES]
        # Only the snapshots from the first event undone on are read (and parsed).
        tail = self._events(work[0]) if work else []
        undone = [e for e in tail if e.id in later and e.entity not in SKELETON_ENTITIES]
        first_undone: dict[Key, _Event] = {}
        for item in reversed(undone):  # newest first
            key = self._undo(item)
            first_undone[key] = item  # ends as the oldest undone event on the key
        self._refuse_interleaved(tail, later, first_undone)
        self._apply()
        self._drop_events([e.id for e in undone] + began_later)
        self._check_links()
        head = (head_id, self._hash(head_id))
        entries = sum(
            1 for i, _, entity in stamps if i not in later and entity not in SKELETON_ENTITIES
        )
        return Recorded(self.day, self.cutoff, head, len(undone), skeleton, entries)

    def _events(self, first: int) -> list[_Event]:
        rows = self.db.execute(
            "SELECT id, at, action, entity, entity_id, before_json, after_json"
            " FROM audit_event WHERE id >= ? ORDER BY id",
            (first,),
        )
        return [
            _Event(
                id=row[0],
                at=row[1],
                action=row[2],
                entity=row[3],
                entity_id=row[4],
                before=None if row[5] is None else json.loads(row[5]),
                after=None if row[6] is None else json.loads(row[6]),
            )
            for row in rows
        ]

    def _hash(self, event_id: int) -> str:
        if event_id == 0:
            return GENESIS_HASH
        row = self.db.execute("SELECT hash FROM audit_event WHERE id = ?", (event_id,)).fetchone()
        return str(row[0])

    # --- what each event undoes --------------------------------------------------------

    def _refuse(self, item: _Event) -> InputError:
        return InputError(strings.REWIND_CANNOT_UNDO.format(**item.label(), day=self.day))

    def _key(self, item: _Event) -> Key:
        """The row or group an event changed; raises for an event that cannot be undone."""
        kind = (item.entity, item.action)
        if kind == _GROUP_EVENT:
            if item.entity_id is None or not isinstance(item.before, dict):
                raise self._refuse(item)
            return (_GROUP, item.entity_id)
        table = self.tables.get(item.entity)
        if table is None or table.pk is None:
            raise self._refuse(item)
        if kind in _SERVICE_EVENTS:
            creates = _SERVICE_EVENTS[kind]
            if creates != (item.before is None):
                raise self._refuse(item)
            snapshot = item.after if creates else item.before
            pk = snapshot.get("id") if isinstance(snapshot, dict) else None
            if not isinstance(pk, int) or isinstance(pk, bool):
                raise self._refuse(item)
            return (table.name, pk)
        if table.name in _NOT_GENERIC or item.entity_id is None:
            raise self._refuse(item)
        if not table.pk_is_int:
            return (table.name, item.entity_id)
        try:
            return (table.name, int(item.entity_id))
        except ValueError:
            raise self._refuse(item) from None

    def _undo(self, item: _Event) -> Key:
        key = self._key(item)
        if key[0] == _GROUP:
            self.groups[key[1]] = item.before
            self.group_event[key[1]] = item
            return key
        table = self.tables[key[0]]
        before = item.before
        if before is not None:
            if not isinstance(before, dict):
                raise self._refuse(item)
            if set(before) - set(table.columns) - _CHILD_KEYS.get(table.name, frozenset()):
                raise self._refuse(item)
        self.rows.setdefault(key, _RowState()).undo(before)
        return key

    def _refuse_interleaved(
        self, tail: Sequence[_Event], later: set[int], first_undone: dict[Key, _Event]
    ) -> None:
        """An event entered by the cutoff that follows, in the chain, an undone event on the
        same row: undoing the later one would wipe the kept one (a clock set back)."""
        for item in tail:
            if item.id in later or item.entity in SKELETON_ENTITIES:
                continue
            try:
                key = self._key(item)
            except InputError:
                continue  # not undone, and touches no row we can name
            undone = first_undone.get(key)
            if undone is not None and undone.id < item.id:
                raise InputError(
                    strings.REWIND_CLOCK_BACK.format(
                        kept=item.id, kept_at=item.at, undone=undone.id, undone_at=undone.at
                    )
                )

    # --- writing the copy --------------------------------------------------------------

    def _apply(self) -> None:
        deletes: dict[str, list[Any]] = defaultdict(list)
        writes: dict[tuple[str, tuple[str, ...], bool], list[tuple[Any, ...]]] = defaultdict(list)
        notice_tasks: dict[int, list[int]] = {}
        for (name, pk), state in self.rows.items():
            table = self.tables[name]
            if state.delete or state.replace:
                deletes[name].append(pk)
            if state.delete:
                continue
            values = {k: v for k, v in state.values.items() if k in table.columns}
            values[str(table.pk)] = pk
            if name == "notice" and "task_ids" in state.values:
                notice_tasks[pk] = list(state.values["task_ids"])
            columns = tuple(sorted(values))
            converted = tuple(_stored(name, c, values[c]) for c in columns)
            writes[(name, columns, state.replace)].append(converted)
        for name, pks in deletes.items():
            pk_column = self.tables[name].pk
            child = _CHILDREN.get(name)
            params = [(pk,) for pk in pks]
            if child is not None:
                self.db.executemany(f'DELETE FROM "{child[0]}" WHERE "{child[1]}" = ?', params)
            self.db.executemany(f'DELETE FROM "{name}" WHERE "{pk_column}" = ?', params)
        for (name, columns, replace), params in writes.items():
            self.db.executemany(_upsert(self.tables[name], columns, plain=replace), params)
        for notice_id, task_ids in notice_tasks.items():
            self.db.execute("DELETE FROM notice_task WHERE notice_id = ?", (notice_id,))
            self.db.executemany(
                "INSERT INTO notice_task (notice_id, task_id) VALUES (?, ?)",
                [(notice_id, task_id) for task_id in task_ids],
            )
        for name, before in self.groups.items():
            self._restore_group(name, before)

    def _restore_group(self, name: str, before: dict[str, Any]) -> None:
        item = self.group_event[name]
        units = dict(self.db.execute("SELECT name, id FROM unit").fetchall())
        group_id = units.get(name)
        if group_id is None:
            raise InputError(strings.REWIND_UNIT_GONE.format(id=item.id, name=name))
        spells = before.get("spells")
        if spells is None:
            members = before.get("members")
            if not isinstance(members, list):
                raise self._refuse(item)
            spells = [{"member": m, "valid_from": None, "valid_to": None} for m in members]
        wanted: list[tuple[int, str | None, str | None]] = []
        for spell in spells if isinstance(spells, list) else [None]:
            if not isinstance(spell, dict) or not isinstance(spell.get("member"), str):
                raise self._refuse(item)
            member = units.get(spell["member"])
            if member is None:
                raise InputError(strings.REWIND_UNIT_GONE.format(id=item.id, name=spell["member"]))
            wanted.append((member, spell.get("valid_from"), spell.get("valid_to")))
        dated = "valid_from" in self.tables["group_member"].columns
        if not dated and any(w[1] is not None or w[2] is not None for w in wanted):
            raise self._refuse(item)
        current = self.db.execute(
            "SELECT id, member_id, valid_from, valid_to FROM group_member WHERE group_id = ?"
            if dated
            else "SELECT id, member_id, NULL, NULL FROM group_member WHERE group_id = ?",
            (group_id,),
        ).fetchall()
        keep: dict[int, tuple[int, str | None, str | None]] = {}
        pending = list(wanted)
        # Match the rows that were there before the event: exactly, then the same spell
        # since closed or reopened, then any spell of the same member.
        for width in (3, 2, 1):  # (member, from, to), then (member, from), then member
            for row in current:
                if row[0] in keep:
                    continue
                match = next((w for w in pending if tuple(row[1:])[:width] == w[:width]), None)
                if match is not None:
                    keep[row[0]] = match
                    pending.remove(match)
        gone = [(row[0],) for row in current if row[0] not in keep]
        self.db.executemany("DELETE FROM group_member WHERE id = ?", gone)
        if dated:
            self.db.executemany(
                "UPDATE group_member SET valid_from = ?, valid_to = ? WHERE id = ?",
                [(w[1], w[2], row_id) for row_id, w in keep.items()],
            )
        next_id = self.db.execute("SELECT coalesce(max(id), 0) FROM group_member").fetchone()[0]
        for offset, (member, valid_from, valid_to) in enumerate(pending, 1):
            if dated:
                self.db.execute(
                    "INSERT INTO group_member (id, group_id, member_id, valid_from, valid_to)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (next_id + offset, group_id, member, valid_from, valid_to),
                )
            else:
                self.db.execute(
                    "INSERT INTO group_member (id, group_id, member_id) VALUES (?, ?, ?)",
                    (next_id + offset, group_id, member),
                )

    def _drop_events(self, ids: list[int]) -> None:
        """The undone events leave the copy's chain (whose triggers refuse deletes: they are
        lifted for this and put back as they were)."""
        triggers = self.db.execute(
            "SELECT name, sql FROM sqlite_master"
            " WHERE type = 'trigger' AND tbl_name = 'audit_event' ORDER BY name"
        ).fetchall()
        for name, _sql in triggers:
            self.db.execute(f'DROP TRIGGER "{name}"')
        # Their head signatures go with them: the copy's chain ends where the day ended.
        self.db.executemany("DELETE FROM chain_signature WHERE event_id = ?", [(i,) for i in ids])
        self.db.executemany("DELETE FROM audit_event WHERE id = ?", [(i,) for i in ids])
        # The key is recorded by the first signature: with none left, it was not yet.
        self.db.execute(
            "UPDATE database_identity SET public_key = NULL"
            " WHERE NOT EXISTS (SELECT 1 FROM chain_signature)"
        )
        for _name, sql in triggers:
            self.db.execute(sql)

    def _check_links(self) -> None:
        """The foreign keys of the rows written, and of the rows pointing at rows deleted,
        hold; rows that a deletion cascades to go with their parent, as SQLite would."""
        written = {name for (name, _), state in self.rows.items() if not state.delete}
        deleted = {name for (name, _), state in self.rows.items() if state.delete or state.replace}
        if self.groups:
            written.add("group_member")
            deleted.add("group_member")
        parents: dict[str, set[str]] = {
            name: {row[2] for row in self.db.execute(f'PRAGMA foreign_key_list("{name}")')}
            for name in self.tables
        }
        check = written | {name for name, of in parents.items() if of & deleted}
        while check:  # each round deletes rows, so it ends
            broken = [
                (str(row[0]), int(row[1]), int(row[3]))
                for name in sorted(check)
                for row in self.db.execute(f'PRAGMA foreign_key_check("{name}")')
            ]
            if not broken:
                return
            for table, _rowid, fk_id in broken:
                if _on_delete(self.db, table, fk_id) != "CASCADE":
                    count = sum(1 for b in broken if b[0] == table)
                    raise InputError(
                        strings.REWIND_BROKEN_LINKS.format(day=self.day, table=table, count=count)
                    )
            for table, rowid, _fk in broken:
                self.db.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            cascaded = {b[0] for b in broken}
            check = {name for name, of in parents.items() if of & cascaded}


def _on_delete(connection: sqlite3.Connection, table: str, fk_id: int) -> str:
    for row in connection.execute(f'PRAGMA foreign_key_list("{table}")'):
        if row[0] == fk_id:
            return str(row[6]).upper()
    return ""


def _upsert(table: _Table, columns: tuple[str, ...], *, plain: bool) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    if plain:
        return sql
    updates = [f'"{c}" = excluded."{c}"' for c in columns if c != table.pk]
    action = f"DO UPDATE SET {', '.join(updates)}" if updates else "DO NOTHING"
    return f'{sql} ON CONFLICT ("{table.pk}") {action}'


_DIALECT = sqlite_dialect.dialect()


def _stored(table: str, column: str, value: Any) -> Any:
    """A snapshot's JSON value as the ORM stores it in the column (dates as ISO text)."""
    if value is None:
        return None
    mapped = Base.metadata.tables.get(table)
    if mapped is None or column not in mapped.c:
        return value
    kind = mapped.c[column].type
    if not isinstance(value, str) or not isinstance(kind, Date | DateTime):
        return value
    processor: Callable[[Any], Any] | None = kind.bind_processor(_DIALECT)
    try:
        parsed = (
            dt.datetime.fromisoformat(value)
            if isinstance(kind, DateTime)
            else dt.date.fromisoformat(value)
        )
    except ValueError:
        return value  # not a date after all: restored as it was recorded
    return processor(parsed) if processor is not None else value
