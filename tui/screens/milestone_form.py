"""登记节点完成: which unit finished which dated milestone, and when."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select

from model.plans.task_refs import TaskRef
from model.work.progress import mark_milestone_done
from tui import strings
from tui.screens.form_screen import FormScreen, Write, date_field, labelled, unit_field
from tui.validators import parse_date

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


class MilestoneForm(FormScreen):
    def __init__(
        self, ref: TaskRef, units: list[str], milestones: list[tuple[int, str]], as_of: dt.date
    ) -> None:
        super().__init__()
        self.ref = ref
        self.units = units
        self.milestones = milestones
        self.as_of = as_of
        self.title_text = strings.FORM_MILESTONE.format(task=ref.label())

    def fields(self) -> ComposeResult:
        yield from unit_field(self.units)
        yield from labelled(
            strings.FIELD_MILESTONE,
            Select(
                [(Text(label), str(position)) for position, label in self.milestones],
                prompt=strings.PICK_ONE,
                id="milestone",
                value=str(self.milestones[0][0]) if len(self.milestones) == 1 else Select.NULL,
            ),
        )
        yield from date_field(strings.FIELD_DATE, self.as_of, "date")
        yield from labelled(strings.FIELD_NOTE, Input("", id="note"))

    def collect(self) -> Write:
        unit = self.choice("#unit", strings.FIELD_UNIT)
        position = int(self.choice("#milestone", strings.FIELD_MILESTONE))
        done_on = parse_date(self.value("#date"), strings.FIELD_DATE)
        note = self.value("#note")

        def write(session: Session) -> str:
            mark_milestone_done(
                session, self.ref, unit, position, done_on, as_of=self.as_of, note=note
            )
            return strings.SAVED_MILESTONE.format(unit=unit)

        return write
