"""下发督办单: to one unit, about its late tasks, with a level and a reply due date."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input, Select

from model.notices import DEFAULT_REPLY_DAYS, issue_notice
from model.schema.enums import NOTICE_LEVELS
from model.task_refs import parse_task_ref
from tui import messages
from tui.screens.form_screen import FormScreen, Write, date_field, labelled, unit_field
from tui.validators import parse_date, required

if TYPE_CHECKING:
    from model.db import UnitOfWork as Session


class NoticeForm(FormScreen):
    def __init__(
        self, units: list[str], as_of: dt.date, *, unit: str | None = None, tasks: str = ""
    ) -> None:
        super().__init__()
        self.units = units
        self.as_of = as_of
        self.unit = unit
        self.tasks = tasks
        self.title_text = messages.FORM_NOTICE

    def fields(self) -> ComposeResult:
        yield from unit_field(self.units, self.unit)
        yield from labelled(
            messages.FIELD_LEVEL,
            Select(
                [(level, level) for level in NOTICE_LEVELS],
                value="督办",
                allow_blank=False,
                id="level",
            ),
        )
        yield from labelled(
            messages.FIELD_TASKS, Input(self.tasks, id="tasks", placeholder=messages.HINT_TASKS)
        )
        yield from date_field(messages.FIELD_ISSUED, self.as_of, "issued")
        due = self.as_of + dt.timedelta(days=DEFAULT_REPLY_DAYS)
        yield from date_field(messages.FIELD_REPLY_DUE, due, "reply-due")
        yield from labelled(messages.FIELD_BODY, Input(messages.NOTICE_DEFAULT_BODY, id="body"))

    def collect(self) -> Write:
        unit = self.choice("#unit", messages.FIELD_UNIT)
        level = self.choice("#level", messages.FIELD_LEVEL)
        text = required(self.value("#tasks"), messages.FIELD_TASKS)
        refs = [parse_task_ref(part) for part in re.split(r"[,，;；、]", text) if part.strip()]
        issued = parse_date(self.value("#issued"), messages.FIELD_ISSUED)
        reply_due = parse_date(self.value("#reply-due"), messages.FIELD_REPLY_DUE)
        body = self.value("#body")

        def write(session: Session) -> str:
            notice = issue_notice(
                session, unit=unit, tasks=refs, level=level, issued_on=issued,
                reply_due=reply_due, body=body, as_of=self.as_of,
            )  # fmt: skip
            return messages.SAVED_NOTICE.format(number=notice.number)

        return write
