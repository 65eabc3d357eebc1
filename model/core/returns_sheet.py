"""The contract of a return (报送表) workbook, shared by the writer that issues it
(`exports`) and the reader that collects it (`seed`): where each thing is, and the keyed
hash that ties a returned file to the unit, period and tasks it was issued for.

Layout of the visible sheet (`SHEET`), 1-based rows as a spreadsheet shows them:

- rows 1–`HEAD_ROWS`: the title and the unit, period, due date and liaison (locked);
- row `HEADER_ROW`: the column headings (`COLUMNS`, locked);
- from `FIRST_ROW` on, one row per task, in `task_ids` order: the `LOCKED` columns say
  what the task is, the `INPUTS` columns are for the unit to fill in.

The hidden sheet (`META_SHEET`, "very hidden") holds `META_KEYS` in column A and their
values in column B. `digest` is an HMAC-SHA256, under the database's returns key, over the
canonical JSON of the identity and every locked cell of the task rows as issued: a file
returned for another unit or period, with a row moved, or with a locked cell edited (sheet
protection is easily lifted) no longer matches it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from model.core import strings
from model.core.canonical import canonical_json

FORMAT: Final = "duban-return-v1"
SHEET: Final = "报送表"
META_SHEET: Final = "duban"
HEAD_ROWS: Final = 4
HEADER_ROW: Final = 6
FIRST_ROW: Final = 7

# (heading, key) in column order; the keys name the fields in code.
LOCKED: Final = (
    ("序号", "row"),
    ("计划", "plan"),
    ("编号", "number"),
    ("任务", "title"),
    ("职责", "role"),
    ("时间节点", "milestones"),
    ("上次报送", "last"),
)
INPUTS: Final = (
    ("进展情况", "note"),
    ("完成百分比", "percent"),
    ("状态", "status"),
    ("存在问题", "problems"),
    ("下步打算", "next_steps"),
    ("佐证材料", "evidence"),
)
COLUMNS: Final = LOCKED + INPUTS
# What a unit may pick in the 状态 column: the report statuses as the office says them
# everywhere else (model.core.strings.REPORT_STATUS_NAMES), so that one word means one thing.
META_KEYS: Final = (
    "format",
    "database",
    "unit_id",
    "unit",
    "period",
    "issued_on",
    "due_on",
    "task_ids",
    "digest",
)


@dataclass(frozen=True)
class ReturnIdentity:
    """Whose return, for which period, as issued."""

    database: str  # the database's UUID
    unit_id: int
    unit: str
    period: str  # 2023-11
    issued_on: str  # ISO date
    due_on: str  # ISO date
    task_ids: tuple[int, ...]


def locked_digest(key: bytes, identity: ReturnIdentity, locked_rows: list[list[str]]) -> str:
    """The keyed hash over the identity and the locked cells (as text, row by row)."""
    message = canonical_json(
        {
            "format": FORMAT,
            "database": identity.database,
            "unit_id": identity.unit_id,
            "unit": identity.unit,
            "period": identity.period,
            "issued_on": identity.issued_on,
            "due_on": identity.due_on,
            "task_ids": list(identity.task_ids),
            "rows": locked_rows,
        }
    )
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def digest_matches(
    key: bytes, identity: ReturnIdentity, locked_rows: list[list[str]], digest: str
) -> bool:
    return hmac.compare_digest(locked_digest(key, identity, locked_rows), digest)


# --- the locked cells as text (#14, collect) ---
# The writer writes these texts into the locked cells and digests them; the reader reads
# the cells back through `cell_text` and digests what it read. One function for both, so
# that a wording changed in one place cannot make every issued sheet fail its check.


class LockedTask(Protocol):
    """What a task row says in its locked cells (`model.status.returns.ReturnTask`)."""

    @property
    def plan_key(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def milestones(self) -> tuple[dt.date, ...]: ...
    @property
    def last_status(self) -> str | None: ...
    @property
    def last_percent(self) -> int | None: ...
    @property
    def last_report_on(self) -> dt.date | None: ...


def locked_cells(position: int, task: LockedTask) -> list[str]:
    """The text of each `LOCKED` column of the task's row, `position` counting from 1."""
    if task.last_report_on is None or task.last_status is None:
        last = strings.RETURN_NEVER_REPORTED
    else:
        last = strings.RETURN_LAST_REPORT.format(
            on=task.last_report_on.isoformat(),
            status=strings.REPORT_STATUS_NAMES.get(task.last_status, task.last_status),
            percent=task.last_percent,
        )
    return [
        str(position),
        strings.PLAN_SHORT_NAMES.get(task.plan_key, task.plan_key),
        str(task.number),
        task.title,
        strings.ROLE_NAMES.get(task.role, task.role),
        "、".join(day.isoformat() for day in task.milestones) or strings.RETURN_NO_MILESTONE,
        last,
    ]


def locked_rows(tasks: Sequence[LockedTask]) -> list[list[str]]:
    """Every task row's locked cells, in `task_ids` order: what `locked_digest` covers."""
    return [locked_cells(position, task) for position, task in enumerate(tasks, 1)]


def cell_text(value: object) -> str:
    """A cell's value as the text the digest sees: what the writer wrote, whether the
    spreadsheet kept it as text or made it a number (序号 1, not 1.0) or a date."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def task_ids_text(task_ids: Sequence[int]) -> str:
    """The `task_ids` value of the meta sheet: the ids, comma-separated (12,15,31)."""
    return ",".join(str(task_id) for task_id in task_ids)


def parse_task_ids(text: str) -> tuple[int, ...]:
    """`task_ids_text` read back (brackets and spaces tolerated); ValueError when not ids."""
    parts = [part.strip() for part in text.strip().strip("[]").split(",")]
    if parts == [""]:
        return ()
    if not all(part.isdigit() and part.isascii() for part in parts):
        raise ValueError(text)
    return tuple(int(part) for part in parts)
