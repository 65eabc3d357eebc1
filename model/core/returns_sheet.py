"""The contract of a return (报送表) workbook, shared by the writer that issues it
(`exports`) and the reader that collects it (`seed`): where each thing is, and the keyed
hash that ties a returned file to the unit, period and tasks it was issued for.

Layout of the visible sheet (`SHEET`), 1-based rows as a spreadsheet shows them:

- rows 1–`HEAD_ROWS`: the title and the unit, period, due date and liaison (locked);
- the row between: what to fill in and how (locked);
- row `HEADER_ROW`: the column headings (`COLUMNS`, locked);
- from `FIRST_ROW` on, one row per task, in `task_ids` order: the `LOCKED` columns say
  what the task is, the `INPUTS` columns are for the unit to fill in.

The hidden sheet (`META_SHEET`, "very hidden") holds `META_KEYS` in column A and their
values in column B, all as text (`meta_rows`; `task_ids` joined by ","). `digest` is an
HMAC-SHA256, under the database's returns key, over the canonical JSON of the identity and
every locked cell of the task rows as issued: a file returned for another unit or period,
with a row moved, or with a locked cell edited (sheet protection is easily lifted) no
longer matches it. Writer and reader turn a cell into the
text the digest covers with the one function `cell_text` (`locked_texts` for the rows).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

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


# --- the writer's side of the contract (issuing returns, #14) ---
# `task_ids` in the meta sheet: the ids in row order, joined by this.
TASK_ID_SEPARATOR: Final = ","
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def cell_text(value: object) -> str:
    """A cell's value as the digest reads it, the same whether the writer's value or what a
    reader (openpyxl) finds after Excel, WPS or LibreOffice saved the file again: a whole
    number stored as a float (1.0) reads as 1, every line end as a line feed, an empty
    cell as ""."""
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
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    # Other control characters do not survive a file: xlsx escapes them (_x0001_) and not
    # every reader turns them back. The writer writes cells as this function gives them.
    return _CONTROL.sub("", text)


def locked_texts(rows: Iterable[Sequence[object]]) -> list[list[str]]:
    """The `LOCKED` cells of the task rows, row by row, as `locked_digest` takes them."""
    return [[cell_text(value) for value in row[: len(LOCKED)]] for row in rows]


def meta_rows(identity: ReturnIdentity, digest: str) -> list[tuple[str, str]]:
    """The meta sheet's rows (`META_KEYS` order), every value as text."""
    values = {
        "format": FORMAT,
        "database": identity.database,
        "unit_id": str(identity.unit_id),
        "unit": identity.unit,
        "period": identity.period,
        "issued_on": identity.issued_on,
        "due_on": identity.due_on,
        "task_ids": TASK_ID_SEPARATOR.join(str(task) for task in identity.task_ids),
        "digest": digest,
    }
    return [(key, values[key]) for key in META_KEYS]


def parse_task_ids(text: str) -> tuple[int, ...]:
    """`task_ids` as the meta sheet holds it; ValueError when it is not that."""
    return tuple(int(part) for part in text.split(TASK_ID_SEPARATOR)) if text else ()
