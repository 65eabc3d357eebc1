"""Reading the audit trail back for one task or one unit (newest first)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from model.core import strings
from model.core.errors import InputError
from model.core.periods import Period
from model.store.reader import reader_of

if TYPE_CHECKING:
    from model.store.reader import Source

_COLUMNS = "id, at, actor, action, entity, entity_id, reason, after_json"


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str | None
    reason: str | None
    after: dict[str, object] | None


def _row(row: tuple[Any, ...]) -> AuditRow:
    id, at, actor, action, entity, entity_id, reason, after_json = row
    return AuditRow(
        id=id,
        at=at,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        reason=reason,
        after=None if after_json is None else json.loads(after_json),
    )


def _utc_start(day: dt.date) -> str:
    """The stored (UTC) stamp of local midnight starting `day`: times are shown in local
    time, so a day asked for is a local day."""
    local_midnight = dt.datetime.combine(day, dt.time.min).astimezone()
    return local_midnight.astimezone(dt.UTC).isoformat(timespec="seconds")


def _events(
    source: Source, where: str, params: list[Any], until: dt.date | None, limit: int
) -> list[AuditRow]:
    if until is not None:
        where = f"({where}) AND at < ?"
        params = [*params, _utc_start(until + dt.timedelta(days=1))]
    rows = reader_of(source).rows(
        f"SELECT {_COLUMNS} FROM audit_event WHERE {where} ORDER BY id DESC LIMIT ?",
        [*params, limit],
    )
    return [_row(r) for r in rows]


def task_history(
    session: Source, task_id: int, *, until: dt.date | None = None, limit: int = 200
) -> list[AuditRow]:
    """Events about the task: its reports, closures, milestone completions and notices."""
    milestone_ids = [
        m
        for (m,) in reader_of(session).rows(
            "SELECT id FROM milestone WHERE task_id = ?", (task_id,)
        )
    ]
    marks = ",".join("?" * len(milestone_ids))
    where = (
        "json_extract(after_json, '$.task_id') = ?"
        + (f" OR json_extract(after_json, '$.milestone_id') IN ({marks})" if marks else "")
        + " OR (entity = 'notice' AND EXISTS (SELECT 1 FROM json_each(audit_event.after_json,"
        " '$.task_ids') WHERE value = ?))"
    )
    return _events(session, where, [task_id, *milestone_ids, task_id], until, limit)


def unit_history(
    session: Source, unit_id: int, *, until: dt.date | None = None, limit: int = 200
) -> list[AuditRow]:
    # A liaison cleared has no `after`: the unit is in its `before`.
    where = (
        "json_extract(after_json, '$.unit_id') = ?"
        " OR (action = 'liaison.clear' AND json_extract(before_json, '$.unit_id') = ?)"
    )
    return _events(session, where, [unit_id, unit_id], until, limit)


def audit_log(
    session: Source,
    *,
    task_id: int | None = None,
    unit_id: int | None = None,
    since: dt.date | None = None,
    limit: int = 1000,
) -> list[AuditRow]:
    """Events newest first, narrowed to a task, a unit and/or a start date."""
    if task_id is not None:
        rows = task_history(session, task_id, limit=limit)
    elif unit_id is not None:
        rows = unit_history(session, unit_id, limit=limit)
    else:
        rows = _events(session, "1", [], None, limit)
    if unit_id is not None and task_id is not None:
        rows = [r for r in rows if r.after and r.after.get("unit_id") == unit_id]
    if since is not None:
        rows = [r for r in rows if r.at >= _utc_start(since)]
    return rows


# The field holding the day an event's record is dated, by action: the day the lights and
# lists compare with the as-of date (an event's `at` is when it was typed in).
_DATED_BY = {
    "report.create": "reported_on",
    "milestone.done": "done_on",
    "closure.close": "on",
    "closure.reopen": "on",
    "notice.issue": "issued_on",
    "notice.reply": "reply_on",
    "adjustment.create": "decided_on",
    "return.receive": "received_on",
    "review.self": "entered_on",
    "review.set": "entered_on",
    "review.approve": "decided_on",
    "review.reopen": "decided_on",
    "return.collect": "received_on",
    "return.replace": "received_on",
}


def event_day(row: AuditRow) -> dt.date | None:
    """The day the event's record is dated (a report's day, a closure's, a reply's); None
    for an event that is not dated (an import, a group change). A history that lists every
    event marks those dated after the as-of date: the screens do not count them yet."""
    key = _DATED_BY.get(row.action)
    value = (row.after or {}).get(key) if key else None
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def event_summary(row: AuditRow) -> str:
    """One line of what an event recorded, in the office's words (the history tables and
    `duban audit log`); dispatched on the event's action, never guessed from its fields."""
    after = row.after or {}

    def text(key: str) -> str:
        value = after.get(key)
        return "" if value is None else str(value)

    match row.action:
        case "report.create":
            status = strings.REPORT_STATUS_NAMES.get(text("status"), text("status"))
            return strings.SUMMARY_REPORT.format(
                on=text("reported_on"), status=status, percent=text("percent"), note=text("note")
            ).strip()
        case "milestone.done":
            return strings.SUMMARY_MILESTONE.format(on=text("done_on"), note=text("note")).strip()
        case "closure.close" | "closure.reopen":
            return strings.SUMMARY_CLOSURE.format(
                on=text("on"), reason=text("reason"), verifier=text("verified_by")
            )
        case "notice.issue":
            return strings.SUMMARY_NOTICE.format(
                number=text("number"), level=text("level"), reply_due=text("reply_due")
            )
        case "notice.reply":
            return strings.SUMMARY_REPLY.format(
                number=text("number"), on=text("reply_on"), reply=text("reply_text")
            )
        case "adjustment.create":
            points = after.get("points")
            return strings.SUMMARY_ADJUSTMENT.format(
                on=text("decided_on"),
                points=f"{points:+g}" if isinstance(points, int | float) else "",
                reason=text("reason"),
                approver=text("approver"),
            )
        case "return.receive":
            return strings.SUMMARY_RETURN_RECEIVED.format(
                period=_period_label(text("period")),
                on=text("received_on"),
                file=text("file_name"),
            )
        case "group.members":
            members = after.get("members")
            names = "、".join(str(m) for m in members) if isinstance(members, list) else ""
            return strings.SUMMARY_GROUP.format(members=names or strings.SUMMARY_NONE)
        case "review.self" | "review.set":
            item = strings.REVIEW_ITEM_NAMES.get(text("item"), text("item"))
            points = after.get("points")
            template = (
                strings.SUMMARY_SELF if row.action == "review.self" else strings.SUMMARY_REVIEW
            )
            return template.format(
                on=text("entered_on"),
                item=item,
                points=f"{points:g}" if isinstance(points, int | float) else "",
                note=text("note"),
                by=text("entered_by"),
            ).strip()
        case "review.approve" | "review.reopen":
            template = (
                strings.SUMMARY_APPROVE
                if row.action == "review.approve"
                else strings.SUMMARY_REOPEN
            )
            return template.format(
                on=text("decided_on"), by=text("decided_by"), reason=text("reason")
            ).strip()
        case "seed.import":
            return strings.SUMMARY_IMPORT.format(file=text("file"))
        case "return.collect" | "return.replace":
            return strings.SUMMARY_RETURN.format(
                on=text("received_on"), file=text("file_name"), reason=text("reason")
            ).strip()
        case "signing.start":
            return strings.SUMMARY_SIGNING_START.format(
                count=text("unsigned"), head=text("head_id")
            )
        case "liaison.set" | "liaison.change":
            return strings.SUMMARY_LIAISON.format(
                name=text("name"), phone=text("phone"), note=text("note")
            ).strip()
        case _:
            return ""


def _period_label(key: str) -> str:
    """2023-08 as 2023年8月; any other text as it is (a history never fails on a value)."""
    try:
        return Period.parse(key).label
    except InputError:
        return key
