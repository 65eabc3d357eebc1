"""Checking the audit trail: the hash chain itself, and the data against the chain.

Every table that shapes a light, a score or a report is rebuilt from the events, starting
with the plan imports, and compared with the database:

* the plan structure (document, plan, plan_goal, section, task, milestone, unit,
  unit_alias, assignment, leading_group, leading_group_member) from the full rows a
  `seed.import` event carries (`snapshots.STRUCTURE_COLUMNS`), or a migration's baseline
  (`migration.baseline`, written by 0008 for a database whose imports predate them);
* group membership (`group_member`, dated spells) from the same rows, then each
  `group.members` event's spells, group by group;
* the office's work (progress_report with its evidence, milestone_completion,
  closure_event, notice with its notice_task rows, score_adjustment) and the year-end
  cycle (score_entry, score_approval) from the snapshots their write services record;
* a migration that filled a column (`migration.fill`) patches the rows it names;
* the benchmark generator's bulk rows (`synthetic.generate`) from per-table digests.

Tables are read with plain SQL, never the ORM, so a malformed value (a date that is no
date, text in a number, a NULL) is a difference like any other, not an error; an event
whose JSON cannot be read is a finding too. Each finding names the row in words — a unit
by its name, a task as 空气第3项, a milestone by its task and due date — never by its id.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.canonical import canonical_json, sha256_text
from model.core.errors import InputError
from model.core.evidence import evidence_label
from model.core.periods import Period
from model.store.audit import digest_of, event_digest
from model.store.schema import (
    GENESIS_HASH,
    AuditEvent,
    Evidence,
    GroupMember,
    Notice,
    NoticeTask,
    ProgressReport,
)
from model.store.snapshots import (
    LIAISON_COLUMNS,
    STRUCTURE_COLUMNS,
    EvidenceFile,
    adjustment_snapshot,
    closure_snapshot,
    completion_snapshot,
    liaison_snapshot,
    notice_snapshot,
    report_snapshot,
    return_snapshot,
    score_approval_snapshot,
    score_entry_snapshot,
    structure_snapshot,
)

Snapshot = dict[str, Any]
Rows = dict[int, Snapshot]

# What verification does with these event kinds (entity `database` unless said).
SEED_ACTION = "seed.import"  # entity `document`; after["rows"]: rows added, by table
BASELINE_ACTION = "migration.baseline"  # after["tables"]: every row of the tables named
FILL_ACTION = "migration.fill"  # after: table, column, values by id
SYNTHETIC_ACTION = "synthetic.generate"  # after["rows"] as an import, after["digests"]
GROUP_ACTION = "group.members"  # entity `unit`, entity_id the group's name


@dataclass(frozen=True)
class Finding:
    record: str  # "audit_event:12", "progress_report:7": for tests and logs, never shown
    detail: str


@dataclass(frozen=True)
class VerifyResult:
    events: int
    rows: int
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings


@dataclass(frozen=True)
class TableDigest:
    """Rows written in bulk and recorded as one digest: the rows with id up to `through`,
    `count` of them, their snapshots' canonical JSON lines hashing to `sha256`."""

    through: int
    count: int
    sha256: str


def table_digest(snapshots: Iterable[Snapshot]) -> tuple[int, str]:
    """How many rows and the SHA-256 over their canonical JSON, one line each, in id order;
    the benchmark generator writes it and verification checks it with this function."""
    lines = [canonical_json(s) for s in snapshots]
    return len(lines), sha256_text("\n".join(lines))


# --- reading the tables as the snapshots see them --------------------------------------


def _select(session: Session, table: str, columns: Iterable[str]) -> Iterator[SimpleNamespace]:
    """The rows as stored (no type conversion), their columns read by attribute."""
    names = tuple(columns)
    quoted = ", ".join(f'"{c}"' for c in names)
    result = session.connection().exec_driver_sql(f'SELECT {quoted} FROM "{table}" ORDER BY rowid')
    for row in result:
        yield SimpleNamespace(**dict(zip(names, row, strict=True)))


# The readers below are bound to their table when this module is imported and run when a
# database is verified (functools.partial, not a closure made at import: what runs is the
# module's function, so a test reaches the code that reads the rows).
def _structure_rows(table: str, session: Session) -> Rows:
    return {
        row.id: structure_snapshot(table, row)
        for row in _select(session, table, STRUCTURE_COLUMNS[table])
    }


def _structure(table: str) -> Callable[[Session], Rows]:
    return partial(_structure_rows, table)


def _reports(session: Session) -> Rows:
    files: dict[int, list[EvidenceFile]] = {}
    for row in _select(session, Evidence.__tablename__, ("report_id", "name", "sha256", "size")):
        files.setdefault(row.report_id, []).append(EvidenceFile(row.name, row.sha256, row.size))
    columns = ("id", "task_id", "unit_id", "reported_on", "status", "percent", "note")
    return {
        row.id: report_snapshot(row, files.get(row.id, []))
        for row in _select(
            session, ProgressReport.__tablename__, (*columns, "problems", "next_steps", "return_id")
        )
    }


def _notices(session: Session) -> Rows:
    tasks: dict[int, list[int]] = {}
    for row in _select(session, NoticeTask.__tablename__, ("notice_id", "task_id")):
        tasks.setdefault(row.notice_id, []).append(row.task_id)
    columns = ("id", "number", "unit_id", "level", "issued_on", "reply_due", "body")
    return {
        row.id: notice_snapshot(row, _sortable(tasks.get(row.id, [])))
        for row in _select(session, Notice.__tablename__, (*columns, "reply_on", "reply_text"))
    }


def _sortable(values: list[Any]) -> list[Any]:
    # A task id changed to text by an outside tool still sorts (and is then named).
    return values if all(isinstance(v, int) for v in values) else [str(v) for v in values]


def _simple_rows(
    table: str, columns: tuple[str, ...], snapshot: Callable[[Any], Snapshot], session: Session
) -> Rows:
    return {row.id: snapshot(row) for row in _select(session, table, columns)}


def _simple(
    table: str, columns: tuple[str, ...], snapshot: Callable[[Any], Snapshot]
) -> Callable[[Session], Rows]:
    return partial(_simple_rows, table, columns, snapshot)


# Every row-keyed table verification rebuilds, in the order its findings are listed.
# group_member is compared group by group (`_check_groups`), after these.
_TABLES: dict[str, Callable[[Session], Rows]] = {
    **{t: _structure(t) for t in STRUCTURE_COLUMNS if t != "group_member"},
    "progress_report": _reports,
    "milestone_completion": _simple(
        "milestone_completion",
        ("id", "milestone_id", "unit_id", "done_on", "note"),
        completion_snapshot,
    ),
    "closure_event": _simple(
        "closure_event",
        ("id", "task_id", "unit_id", "action", "on", "reason", "verified_by"),
        closure_snapshot,
    ),
    "notice": _notices,
    "score_adjustment": _simple(
        "score_adjustment",
        ("id", "unit_id", "year", "decided_on", "points", "reason", "approver"),
        adjustment_snapshot,
    ),
    "score_entry": _simple(
        "score_entry",
        ("id", "unit_id", "year", "stage", "item", "points", "note", "entered_by", "entered_on"),
        score_entry_snapshot,
    ),
    "score_approval": _simple(
        "score_approval",
        ("id", "year", "action", "decided_on", "decided_by", "reason", "cards", "cards_sha256"),
        score_approval_snapshot,
    ),
    # Returned sheets (#14): collected by model.work.returns.
    "return_submission": _simple(
        "return_submission",
        ("id", "unit_id", "period", "received_on", "file_name", "sha256", "replaces_id", "reason"),
        return_snapshot,
    ),
}
# --- unit liaisons (#14): set and changed with full rows; a clear deletes the row ---
_TABLES["unit_liaison"] = _simple("unit_liaison", LIAISON_COLUMNS, liaison_snapshot)
# Events that delete a work row: its id is the event's entity_id, and it has no `after`.
_DELETES = frozenset({("unit_liaison", "liaison.clear")})

# The work tables: an event whose entity is one of them and whose `after` is a snapshot
# with an id sets that row.
_WORK = frozenset(_TABLES) - frozenset(STRUCTURE_COLUMNS)

# A spell of a group's membership as compared: (member unit id, valid_from, valid_to).
Spell = tuple[Any, Any, Any]


def table_digests(session: Session, tables: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Each table's rows as one digest (`TableDigest`'s fields), read as verification reads
    them: what the benchmark generator records of the rows it writes in bulk."""
    digests: dict[str, dict[str, Any]] = {}
    for table in tables:
        rows = _TABLES[table](session)
        count, sha = table_digest(rows[i] for i in sorted(rows))
        digests[table] = {"through": max(rows, default=0), "count": count, "sha256": sha}
    return digests


# --- the state the chain describes -------------------------------------------------------


@dataclass
class _Expected:
    rows: dict[str, Rows] = field(default_factory=lambda: {t: {} for t in _TABLES})
    spells: dict[Any, list[Spell]] = field(default_factory=dict)  # by group id
    digests: dict[str, TableDigest] = field(default_factory=dict)
    # An import recorded only its summary (before #13) and no baseline followed yet: the
    # units a group event names may be unknown to the chain until the baseline.
    summary_only: bool = False

    def unit_ids(self) -> dict[str, int]:
        return {str(r.get("name")): i for i, r in self.rows["unit"].items()}

    def add_rows(self, by_table: Any) -> bool:
        """Rows of an import (or the generator) by table; False when not readable."""
        if not isinstance(by_table, dict):
            return False
        for table, rows in by_table.items():
            if not isinstance(rows, list) or not all(_has_id(r) for r in rows):
                return False
            if table == "group_member":
                for row in rows:
                    self.spells.setdefault(row.get("group_id"), []).append(_spell_of(row))
            elif table in self.rows:
                self.rows[table].update({int(r["id"]): r for r in rows})
            else:
                return False
        return True

    def baseline(self, tables: Any) -> bool:
        """Every row of the tables named, as a migration found them: replaces them."""
        if not isinstance(tables, dict):
            return False
        self.summary_only = False
        for table in tables:
            if table == "group_member":
                self.spells = {}
            elif table in self.rows:
                self.rows[table] = {}
            else:
                return False
        return self.add_rows(tables)

    def fill(self, after: Any) -> bool:
        if not isinstance(after, dict) or not isinstance(after.get("values"), dict):
            return False
        rows = self.rows.get(str(after.get("table")))
        column = after.get("column")
        if rows is None or not isinstance(column, str):
            return False
        for key, value in after["values"].items():
            if not str(key).isdigit():
                return False
            if int(key) in rows:
                rows[int(key)] = {**rows[int(key)], column: value}
        return True

    def add_digests(self, digests: Any) -> bool:
        if not isinstance(digests, dict):
            return False
        for table, value in digests.items():
            if table not in self.rows or not isinstance(value, dict):
                return False
            through, count, digest = value.get("through"), value.get("count"), value.get("sha256")
            if not isinstance(through, int) or not isinstance(count, int):
                return False
            self.digests[table] = TableDigest(through, count, str(digest))
        return True

    def group(self, name: str | None, after: Any) -> bool:
        """A group's membership after a `group.members` event: its spells (or, from before
        membership was dated, its members as open spells)."""
        group_id = self.unit_ids().get(str(name))
        if group_id is None and self.summary_only:
            return True  # the baseline that follows holds the group's spells
        if group_id is None or not isinstance(after, dict):
            return False
        spells = after.get("spells")
        if spells is None and isinstance(after.get("members"), list):
            spells = [{"member": m} for m in after["members"]]  # open: no dates
        if not isinstance(spells, list) or not all(isinstance(s, dict) for s in spells):
            return False
        ids = self.unit_ids()
        if any(str(s.get("member")) not in ids for s in spells):
            return self.summary_only
        self.spells[group_id] = [
            (ids[str(s["member"])], s.get("valid_from"), s.get("valid_to")) for s in spells
        ]
        return True

    def work(self, table: str, after: Any) -> bool:
        if not _has_id(after):
            return False
        self.rows[table][int(after["id"])] = after
        return True

    def delete(self, table: str, entity_id: Any) -> bool:
        if not isinstance(entity_id, str) or not (entity_id.isascii() and entity_id.isdigit()):
            return False
        self.rows[table].pop(int(entity_id), None)
        return True


def _has_id(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("id"), int)
        and not isinstance(value.get("id"), bool)
    )


def _spell_of(row: Mapping[str, Any]) -> Spell:
    return (row.get("member_id"), row.get("valid_from"), row.get("valid_to"))


def _apply(expected: _Expected, action: str, entity: str, entity_id: Any, after: Any) -> bool:
    """Play one event onto the expected state; False when it should change rows but its
    content cannot be read as such."""
    if action == SEED_ACTION:
        # An import from before imports carried their rows: a migration's baseline
        # (0008) stands in for it.
        if not isinstance(after, dict):
            return False
        if "rows" not in after:
            expected.summary_only = True
            return True
        return expected.add_rows(after["rows"])
    if action == BASELINE_ACTION:
        return isinstance(after, dict) and expected.baseline(after.get("tables"))
    if action == FILL_ACTION:
        return expected.fill(after)
    if action == SYNTHETIC_ACTION:
        if not isinstance(after, dict):
            return True
        rows_ok = "rows" not in after or expected.add_rows(after["rows"])
        return rows_ok and ("digests" not in after or expected.add_digests(after["digests"]))
    if (entity, action) == ("unit", GROUP_ACTION):
        return expected.group(entity_id, after)
    if entity in _WORK and after is not None:
        return expected.work(entity, after)
    if (entity, action) in _DELETES:
        return expected.delete(entity, entity_id)
    return True


# --- naming rows and values in words -----------------------------------------------------


def _evidence_file(item: Any) -> str:
    if not isinstance(item, dict):
        return f"「{item}」"
    name = evidence_label(str(item.get("name", "")))
    sha = str(item.get("sha256", ""))
    return strings.VERIFY_EVIDENCE_FILE.format(name=name, sha=sha[:12], size=item.get("size"))


class _Words:
    """Rows and values as the office reads them: units and tasks by name, codes as words.
    Names are looked up in the rows as the chain has them, then as the database has them
    (a row added outside duban is named by what it says)."""

    def __init__(self, expected: _Expected, actual: dict[str, Rows]) -> None:
        self.expected = expected.rows
        self.actual = actual

    def _row(self, table: str, key: Any) -> Snapshot | None:
        if not isinstance(key, int) or isinstance(key, bool):
            return None
        return self.expected.get(table, {}).get(key) or self.actual.get(table, {}).get(key)

    def _name(self, table: str, key: Any, column: str) -> str:
        row = self._row(table, key)
        return strings.VERIFY_UNKNOWN_ROW if row is None else _text(row.get(column))

    def unit(self, key: Any) -> str:
        return self._name("unit", key, "name")

    def plan(self, key: Any) -> str:
        row = self._row("plan", key)
        if row is None:
            return strings.VERIFY_UNKNOWN_ROW
        short = strings.PLAN_SHORT_NAMES.get(str(row.get("key")))
        if short is None:  # a plan of a kind an office named itself: its own title
            return _text(row.get("title"))
        return strings.VERIFY_PLAN_NAME.format(plan=short, year=_text(row.get("year")))

    def task(self, key: Any) -> str:
        row = self._row("task", key)
        plan = None if row is None else self._row("plan", row.get("plan_id"))
        if row is None or plan is None:
            return strings.VERIFY_UNKNOWN_ROW
        short = strings.PLAN_SHORT_NAMES.get(str(plan.get("key")), _text(plan.get("title")))
        return strings.TASK_LABEL.format(plan=short, number=_text(row.get("number")))

    def milestone(self, key: Any) -> str:
        row = self._row("milestone", key)
        if row is None:
            return strings.VERIFY_UNKNOWN_ROW
        return strings.VERIFY_MILESTONE_NAME.format(
            task=self.task(row.get("task_id")), due=_text(row.get("due_on"))
        )

    def returned_sheet(self, key: Any) -> str:
        """A returned sheet by its unit, period and day received (never its id)."""
        row = self._row("return_submission", key)
        if row is None:
            return strings.VERIFY_UNKNOWN_ROW
        return self.row("return_submission", row)

    def section(self, key: Any) -> str:
        return self._name("section", key, "heading")

    def value(self, table: str, key: str, value: Any) -> str:
        if value is None:
            return strings.VERIFY_EMPTY
        match key:
            case "unit_id" | "member_id" | "group_id" | "office_unit_id":
                return self.unit(value)
            case "task_id":
                return self.task(value)
            case "task_ids" if isinstance(value, list):
                return "、".join(self.task(v) for v in value) or strings.VERIFY_EMPTY
            case "milestone_id":
                return self.milestone(value)
            case "replaces_id" | "return_id":
                return self.returned_sheet(value)
            case "plan_id":
                return self.plan(value)
            case "section_id":
                return self.section(value)
            case "document_id":
                return self._name("document", value, "number")
            case "leading_group_id":
                return self._name("leading_group", value, "name")
            case "status" if isinstance(value, str):
                return strings.REPORT_STATUS_NAMES.get(value, f"「{value}」")
            case "action" if isinstance(value, str):
                names = (
                    strings.VERIFY_APPROVAL_ACTIONS
                    if table == "score_approval"
                    else strings.CLOSURE_ACTION_NAMES
                )
                return names.get(value, f"「{value}」")
            case "key" if isinstance(value, str) and table == "plan":
                # A plan's category as its plans are called (空气); a key an office chose
                # itself for another kind of plan (--key noise) is its own word.
                return strings.PLAN_SHORT_NAMES.get(value, f"「{value}」")
            case "role" if isinstance(value, str) and table == "assignment":
                return strings.ROLE_NAMES.get(value, f"「{value}」")
            case "kind" if isinstance(value, str):
                return strings.KIND_NAMES.get(value, f"「{value}」")
            case "stage" if isinstance(value, str):
                return strings.VERIFY_STAGE_NAMES.get(value, f"「{value}」")
            case "item" if isinstance(value, str):
                return strings.REVIEW_ITEM_NAMES.get(value, f"「{value}」")
            case "evidence" if isinstance(value, list):
                # Each file by name and the start of its SHA-256: a file swapped for another
                # of the same count is seen (not "1 file, database 1 file").
                return "、".join(_evidence_file(item) for item in value) or strings.VERIFY_EMPTY
            case "cards" if isinstance(value, str):
                return strings.VERIFY_CARDS.format(length=len(value))
        if isinstance(value, bytes):
            return strings.VERIFY_BYTES.format(size=len(value))
        if key in _DATES and isinstance(value, str):
            return value if _is_date(value) else strings.VERIFY_NOT_A_DATE.format(value=value)
        if isinstance(value, str):
            return f"「{value}」"
        return canonical_json(value)

    def field(self, table: str, key: str) -> str:
        names = strings.VERIFY_FIELD_NAMES.get(table, {})
        return names.get(key) or strings.FIELD_NAMES.get(key) or strings.VERIFY_OTHER_FIELD

    def row(self, table: str, snap: Snapshot) -> str:
        """One row in words: what the office would call it."""
        get = snap.get

        def own(name: str, column: str) -> Any:  # the row itself, or the row it refers to
            return get("id") if table == name else get(column)

        text = strings.VERIFY_ROW_NAMES[table]
        return text.format(
            unit=self.unit(get("unit_id")),
            task=self.task(own("task", "task_id")),
            plan=self.plan(own("plan", "plan_id")),
            milestone=self.milestone(own("milestone", "milestone_id")),
            role=self.value(table, "role", get("role")),
            action=self.value(table, "action", get("action")),
            stage=self.value(table, "stage", get("stage")),
            item=self.value(table, "item", get("item")),
            **{
                k: _text(get(k))
                for k in (
                    "number",
                    "name",
                    "title",
                    "alias",
                    "heading",
                    "position",
                    "year",
                    "reported_on",
                    "on",
                    "decided_on",
                    "entered_on",
                    "received_on",
                    "file_name",
                )
            },
            period=_period_label(get("period")),
        )


def _period_label(value: Any) -> str:
    """A reporting period as said (2023年10月), or as stored when it is not one."""
    try:
        return Period.parse(value).label if isinstance(value, str) else _text(value)
    except InputError:
        return _text(value)


# The date columns: shown as the date, or said not to be one.
_DATES = frozenset(
    {
        "issued_on",
        "due_on",
        "start_on",
        "reported_on",
        "done_on",
        "on",
        "reply_due",
        "reply_on",
        "decided_on",
        "entered_on",
        "received_on",
        "valid_from",
        "valid_to",
    }
)


def _is_date(value: str) -> bool:
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _text(value: Any) -> str:
    return strings.VERIFY_EMPTY if value is None else str(value)


# --- the check ---------------------------------------------------------------------------


def _read_json(text: Any) -> tuple[Any, bool]:
    if text is None:
        return None, True
    try:
        return json.loads(text), True
    except (TypeError, ValueError):
        return None, False


def _chain(session: Session, expected: _Expected, findings: list[Finding]) -> int:
    previous_hash, expected_id, count = GENESIS_HASH, 1, 0
    columns = (
        "id",
        "at",
        "actor",
        "action",
        "entity",
        "entity_id",
        "before_json",
        "after_json",
        "reason",
        "prev_hash",
        "hash",
    )
    for event in _select(session, AuditEvent.__tablename__, columns):
        count += 1
        record = f"audit_event:{event.id}"
        if event.id != expected_id:
            findings.append(
                Finding(record, strings.VERIFY_EVENT_GAP.format(id=event.id, expected=expected_id))
            )
        elif event.prev_hash != previous_hash:
            findings.append(Finding(record, strings.VERIFY_EVENT_LINK.format(id=event.id)))
        content = {c: getattr(event, c) for c in columns[:-1]}
        if event_digest(**content) != event.hash:
            findings.append(Finding(record, strings.VERIFY_EVENT_CHANGED.format(id=event.id)))
        previous_hash, expected_id = event.hash, event.id + 1
        after, readable = _read_json(event.after_json)
        if readable and not isinstance(event.action, str):
            readable = False
        if readable:
            readable = _apply(expected, event.action, event.entity, event.entity_id, after)
        if not readable or not _read_json(event.before_json)[1]:
            findings.append(Finding(record, strings.VERIFY_EVENT_UNREADABLE.format(id=event.id)))
    return count


def _differences(words: _Words, table: str, audited: Snapshot, actual: Snapshot) -> list[str]:
    return [
        strings.VERIFY_FIELD.format(
            field=words.field(table, key),
            expected=words.value(table, key, audited.get(key)),
            actual=words.value(table, key, actual.get(key)),
        )
        for key in sorted(set(actual) | set(audited))
        if canonical_json(actual.get(key)) != canonical_json(audited.get(key))
    ]


def _check_digest(
    table: str, digest: TableDigest, actual: Rows, findings: list[Finding]
) -> set[int]:
    covered = sorted(i for i in actual if i <= digest.through)
    count, sha = table_digest(actual[i] for i in covered)
    if (count, sha) != (digest.count, digest.sha256):
        findings.append(
            Finding(
                f"{table}:*",
                strings.VERIFY_TABLE_DIGEST.format(
                    table=strings.VERIFY_TABLE_NAMES[table], expected=digest.count, actual=count
                ),
            )
        )
    return set(covered)


def _check_rows(
    words: _Words, expected: _Expected, actual: dict[str, Rows], findings: list[Finding]
) -> None:
    for table in _TABLES:
        found, audited = actual[table], expected.rows[table]
        digest = expected.digests.get(table)
        covered = set() if digest is None else _check_digest(table, digest, found, findings)
        for row_id in sorted(set(found) | set(audited)):
            if row_id in covered and row_id not in audited:
                continue
            record = f"{table}:{row_id}"
            if row_id not in audited:
                what = words.row(table, found[row_id])
                findings.append(Finding(record, strings.VERIFY_ADDED.format(what=what)))
            elif row_id not in found:
                what = words.row(table, audited[row_id])
                findings.append(Finding(record, strings.VERIFY_DELETED.format(what=what)))
            elif canonical_json(found[row_id]) != canonical_json(audited[row_id]):
                fields = _differences(words, table, audited[row_id], found[row_id])
                what = words.row(table, audited[row_id])
                findings.append(
                    Finding(
                        record,
                        strings.VERIFY_CHANGED.format(what=what, fields="；".join(fields)),
                    )
                )


_SPELL_DAYS = ((1, "valid_from"), (2, "valid_to"))


def _spell_text(words: _Words, spell: Spell) -> str:
    member = words.unit(spell[0])
    table = GroupMember.__tablename__
    start, end = (words.value(table, key, spell[i]) for i, key in _SPELL_DAYS)
    if spell[1] is None and spell[2] is None:
        return strings.VERIFY_SPELL_ALWAYS.format(member=member)
    if spell[2] is None:
        return strings.VERIFY_SPELL_FROM.format(member=member, start=start)
    if spell[1] is None:
        return strings.VERIFY_SPELL_UNTIL.format(member=member, end=end)
    return strings.VERIFY_SPELL_BETWEEN.format(member=member, start=start, end=end)


def _check_groups(
    session: Session, words: _Words, expected: _Expected, findings: list[Finding]
) -> int:
    actual: dict[Any, list[Spell]] = {}
    rows = 0
    for row in _select(session, GroupMember.__tablename__, STRUCTURE_COLUMNS["group_member"]):
        rows += 1
        actual.setdefault(row.group_id, []).append((row.member_id, row.valid_from, row.valid_to))
    groups = sorted(set(actual) | set(expected.spells), key=lambda g: (str(type(g)), g))
    for group in groups:
        # Spells compared by their canonical spelling, shown as they were read.
        spelled: dict[str, Spell] = {}
        counts: list[Counter[str]] = []
        for spells in (actual.get(group, []), expected.spells.get(group, [])):
            spelling = [canonical_json(list(s)) for s in spells]
            spelled.update(zip(spelling, spells, strict=True))
            counts.append(Counter(spelling))
        have, want = counts
        if have == want:
            continue
        parts = [
            *(
                strings.VERIFY_SPELL_MISSING.format(spell=_spell_text(words, spelled[s]))
                for s in sorted((want - have).elements())
            ),
            *(
                strings.VERIFY_SPELL_ADDED.format(spell=_spell_text(words, spelled[s]))
                for s in sorted((have - want).elements())
            ),
        ]
        findings.append(
            Finding(
                f"group_member:{group}",
                strings.VERIFY_GROUP_CHANGED.format(
                    group=words.unit(group), parts="；".join(parts)
                ),
            )
        )
    return rows


def verify_audit(session: Session) -> VerifyResult:
    """Check the chain, rebuild every audited table from it and compare with the
    database; every difference is a finding, never an exception."""
    findings: list[Finding] = []
    expected = _Expected()
    events = _chain(session, expected, findings)
    actual = {table: load(session) for table, load in _TABLES.items()}
    words = _Words(expected, actual)
    _check_rows(words, expected, actual, findings)
    rows = sum(len(found) for found in actual.values())
    rows += _check_groups(session, words, expected, findings)
    return VerifyResult(events, rows, tuple(findings))


def chain_head(session: Session) -> tuple[int, str]:
    """The newest event of the audit chain: what a report computed now was computed from."""
    row = session.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))


def head_problem(session: Session, head_id: int, head_hash: str) -> str | None:
    """Why the chain no longer leads, link by link, to this head — None when it does."""
    previous, expected = GENESIS_HASH, 1
    for event in session.scalars(
        select(AuditEvent).where(AuditEvent.id <= head_id).order_by(AuditEvent.id)
    ):
        if event.id != expected or event.prev_hash != previous or digest_of(event) != event.hash:
            return strings.HEAD_CHAIN_BROKEN.format(id=event.id)
        previous, expected = event.hash, event.id + 1
    if expected != head_id + 1:
        return strings.HEAD_MISSING.format(id=head_id)
    if previous != head_hash:
        return strings.HEAD_REWRITTEN.format(id=head_id)
    return None
