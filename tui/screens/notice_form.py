"""下发督办单: to one unit, about its late tasks, with a level and a reply due date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input, Select

from model.core.enums import NOTICE_LEVELS
from model.core.periods import ReportingRules
from model.plans.task_refs import BadTaskRef, format_task_refs, parse_task_refs
from model.work.notices import issue_notice
from tui import strings
from tui.screens.form_screen import FormScreen, Write, date_field, labelled, unit_field
from tui.validators import Tasks, parse_date, parse_tasks

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


class NoticeForm(FormScreen):
    def __init__(
        self,
        units: list[str],
        as_of: dt.date,
        *,
        unit: str | None = None,
        tasks: str = "",
        reporting: ReportingRules | None = None,
    ) -> None:
        super().__init__()
        self.units = units
        self.as_of = as_of
        # The app's rules (tui.cli.common.reporting_rules); the rubric's defaults without.
        self.reporting = reporting or ReportingRules()
        self.unit = unit
        self.tasks = shown_tasks(tasks)
        self.title_text = strings.FORM_NOTICE

    def fields(self) -> ComposeResult:
        yield from unit_field(self.units, self.unit)
        yield from labelled(
            strings.FIELD_LEVEL,
            Select(
                [(level, level) for level in NOTICE_LEVELS],
                value="督办",
                allow_blank=False,
                id="level",
            ),
        )
        yield from labelled(
            strings.FIELD_TASKS,
            Input(
                self.tasks,
                id="tasks",
                placeholder=strings.HINT_TASKS,
                validators=[Tasks(strings.FIELD_TASKS)],
            ),
        )
        yield from date_field(strings.FIELD_ISSUED, self.as_of, "issued")
        # The rubric's working days after the issue, by the official calendar (调休 too).
        due = self.reporting.reply_due(self.as_of)
        yield from date_field(strings.FIELD_REPLY_DUE, due, "reply-due")
        yield from labelled(strings.FIELD_BODY, Input(strings.NOTICE_DEFAULT_BODY, id="body"))

    def collect(self) -> Write:
        unit = self.choice("#unit", strings.FIELD_UNIT)
        level = self.choice("#level", strings.FIELD_LEVEL)
        refs = parse_tasks(self.value("#tasks"), strings.FIELD_TASKS)
        issued = parse_date(self.value("#issued"), strings.FIELD_ISSUED)
        reply_due = parse_date(self.value("#reply-due"), strings.FIELD_REPLY_DUE)
        body = self.value("#body")

        def write(session: Session) -> str:
            notice = issue_notice(
                session,
                unit=unit,
                tasks=refs,
                level=level,
                issued_on=issued,
                reply_due=reply_due,
                body=body,
                as_of=self.as_of,
            )
            return strings.SAVED_NOTICE.format(number=notice.number)

        return write


def shown_tasks(text: str) -> str:
    """The tasks a form opens with, the way they are typed: 空气 第 3 项任务 → 空气 3."""
    try:
        return format_task_refs(parse_task_refs(text))
    except BadTaskRef:
        return text
