"""What the audit trail records of each audited row: one snapshot function per table.

The write services call these to fill an event's `after`; `audit_verify` calls the same
functions on the rows it reads back, so a record and its check can never drift apart.
They live here, below the write services, so that verification does not depend on them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from model.store.schema import (
    ClosureEvent,
    MilestoneCompletion,
    Notice,
    ProgressReport,
    ReturnSubmission,
    ScoreAdjustment,
    ScoreApproval,
    ScoreEntry,
)


@dataclass(frozen=True)
class EvidenceFile:
    name: str
    sha256: str
    size: int


# A row as the snapshots read it: an ORM object, or a plain result row (verification and
# the migrations read the tables with SQL, so that a malformed value is a finding rather
# than an error of the ORM's date parsing). Columns are read by attribute.
Columns = Any


# Fields added after the first reports were audited: a snapshot carries them only when
# they hold a value (text, the returned sheet that carried the report), so the events
# written before they existed still match their rows.
REPORT_OPTIONAL_FIELDS = ("problems", "next_steps", "return_id")


def report_snapshot(
    report: ProgressReport | Columns, evidence: Sequence[EvidenceFile]
) -> dict[str, Any]:
    snapshot: dict[str, Any] = {
        "id": report.id,
        "task_id": report.task_id,
        "unit_id": report.unit_id,
        "reported_on": report.reported_on,
        "status": report.status,
        "percent": report.percent,
        "note": report.note,
        "evidence": [{"name": e.name, "sha256": e.sha256, "size": e.size} for e in evidence],
    }
    for name in REPORT_OPTIONAL_FIELDS:
        value = getattr(report, name)
        if value:
            snapshot[name] = value
    return snapshot


def return_snapshot(row: ReturnSubmission | Columns) -> dict[str, Any]:
    """A returned sheet (报送表) as collected: the file's SHA-256 is its evidence."""
    return {
        "id": row.id,
        "unit_id": row.unit_id,
        "period": row.period,
        "received_on": row.received_on,
        "file_name": row.file_name,
        "sha256": row.sha256,
        "replaces_id": row.replaces_id,
        "reason": row.reason,
    }


def completion_snapshot(row: MilestoneCompletion | Columns) -> dict[str, Any]:
    return {
        "id": row.id,
        "milestone_id": row.milestone_id,
        "unit_id": row.unit_id,
        "done_on": row.done_on,
        "note": row.note,
    }


def closure_snapshot(event: ClosureEvent | Columns) -> dict[str, Any]:
    return {
        "id": event.id,
        "task_id": event.task_id,
        "unit_id": event.unit_id,
        "action": event.action,
        "on": event.on,
        "reason": event.reason,
        "verified_by": event.verified_by,
    }


def notice_snapshot(notice: Notice | Columns, task_ids: Sequence[int]) -> dict[str, Any]:
    return {
        "id": notice.id,
        "number": notice.number,
        "unit_id": notice.unit_id,
        "level": notice.level,
        "issued_on": notice.issued_on,
        "reply_due": notice.reply_due,
        "body": notice.body,
        "task_ids": sorted(task_ids),
        "reply_on": notice.reply_on,
        "reply_text": notice.reply_text,
    }


def adjustment_snapshot(row: ScoreAdjustment | Columns) -> dict[str, Any]:
    return {
        "id": row.id,
        "unit_id": row.unit_id,
        "year": row.year,
        "decided_on": row.decided_on,
        "points": row.points,
        "reason": row.reason,
        "approver": row.approver,
    }


@dataclass(frozen=True)
class MemberSpell:
    """A spell of a unit's membership in a group: a member on every day from `valid_from`
    to `valid_to`, both inclusive; None means since the start / still a member."""

    member_id: int
    member: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def covers(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


def spell_order(spell: MemberSpell) -> tuple[int, dt.date]:
    """By member (unit id), then start (since-the-start first)."""
    return spell.member_id, spell.valid_from or dt.date.min


def group_snapshot(spells: Iterable[MemberSpell], on: dt.date) -> dict[str, Any]:
    """A group's membership in an event of action `group.members`: the names of the
    members on the day of the change, and every spell (by member unit id, then start), so
    the table can be rebuilt from the events."""
    ordered = sorted(spells, key=spell_order)
    return {
        "members": list(dict.fromkeys(s.member for s in ordered if s.covers(on))),
        "spells": [
            {
                "member": s.member,
                "valid_from": None if s.valid_from is None else s.valid_from.isoformat(),
                "valid_to": None if s.valid_to is None else s.valid_to.isoformat(),
            }
            for s in ordered
        ],
    }


# The year-end cycle (model.work.reviews): full rows keyed by column name, so a rewind can
# delete or restore them by the table's convention.


def score_entry_snapshot(row: ScoreEntry | Columns) -> dict[str, Any]:
    return {
        "id": row.id,
        "unit_id": row.unit_id,
        "year": row.year,
        "stage": row.stage,
        "item": row.item,
        "points": row.points,
        "note": row.note,
        "entered_by": row.entered_by,
        "entered_on": row.entered_on,
    }


def score_approval_snapshot(row: ScoreApproval | Columns) -> dict[str, Any]:
    return {
        "id": row.id,
        "year": row.year,
        "action": row.action,
        "decided_on": row.decided_on,
        "decided_by": row.decided_by,
        "reason": row.reason,
        "cards": row.cards,
        "cards_sha256": row.cards_sha256,
    }


# The plan structure (documents, plans, tasks, milestones, units, who holds what, the
# groups and the leading group): full rows by column name. A plan import's event
# (`seed.import`) carries one per row it added, and a migration's baseline
# (`migration.baseline`) one per row it found, so verification can rebuild the tables.
STRUCTURE_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "document": ("id", "number", "issuer", "issued_on", "title"),
    "plan": ("id", "document_id", "key", "title", "year"),
    "plan_goal": ("id", "plan_id", "position", "text"),
    "section": ("id", "plan_id", "position", "heading"),
    "task": ("id", "plan_id", "section_id", "number", "title", "text"),
    "milestone": ("id", "task_id", "position", "due_on", "start_on", "text"),
    "unit": ("id", "name", "kind"),
    "unit_alias": ("id", "unit_id", "alias"),
    "group_member": ("id", "group_id", "member_id", "valid_from", "valid_to"),
    "assignment": ("id", "task_id", "unit_id", "role", "position"),
    "leading_group": ("id", "name", "office_unit_id"),
    "leading_group_member": (
        "id",
        "leading_group_id",
        "position",
        "name",
        "title",
        "unit_id",
        "role",
    ),
}


def plain(value: Any) -> Any:
    """A column value as the database stores it: dates as ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):  # never written by duban; shown, not crashed on
        return value.hex()
    return value


def structure_snapshot(table: str, row: Columns) -> dict[str, Any]:
    return {column: plain(getattr(row, column)) for column in STRUCTURE_COLUMNS[table]}


def structure_rows(objects: Iterable[object]) -> dict[str, list[dict[str, Any]]]:
    """The snapshots of the plan-structure rows among `objects` (flushed: they have ids),
    by table, in id order; other objects are left out."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for item in objects:
        table = getattr(type(item), "__tablename__", None)
        if isinstance(table, str) and table in STRUCTURE_COLUMNS:
            rows.setdefault(table, []).append(structure_snapshot(table, item))
    return {table: sorted(found, key=lambda r: int(r["id"])) for table, found in rows.items()}


# --- unit liaisons (#14) ---
# A unit's liaison (unit_liaison, model.work.liaisons): the full row by column name, so a
# rewind restores or deletes it by the table's convention. An event that clears the
# liaison has this as its `before` and no `after`.
LIAISON_COLUMNS: Final = ("id", "unit_id", "name", "phone", "note")


def liaison_snapshot(row: Columns) -> dict[str, Any]:
    return {column: getattr(row, column) for column in LIAISON_COLUMNS}
