"""登记进展报送: unit, date, status, percent, note, problems and next steps (optional),
evidence files (hashed on save)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input, Select

from model.core.enums import REPORT_STATUSES
from model.core.strings import REPORT_STATUS_NAMES
from model.plans.task_refs import TaskRef
from model.work.progress import ReportInput, record_report, validate_report_fields
from tui import strings
from tui.screens.form_screen import FormScreen, Write, date_field, labelled, unit_field
from tui.validators import Percent, parse_date, parse_percent

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


class ReportForm(FormScreen):
    def __init__(self, ref: TaskRef, units: list[str], as_of: dt.date) -> None:
        super().__init__()
        self.ref = ref
        self.units = units
        self.as_of = as_of
        self.title_text = strings.FORM_REPORT.format(task=ref.label())

    def fields(self) -> ComposeResult:
        yield from unit_field(self.units)
        yield from date_field(strings.FIELD_DATE, self.as_of, "date")
        yield from labelled(
            strings.FIELD_STATUS,
            Select(
                [(REPORT_STATUS_NAMES[s], s) for s in REPORT_STATUSES],
                value="in_progress",
                allow_blank=False,
                id="status",
            ),
        )
        yield from labelled(
            strings.FIELD_PERCENT,
            Input(
                "",
                id="percent",
                placeholder=strings.HINT_PERCENT,
                validators=[Percent(strings.FIELD_PERCENT)],
            ),
        )
        yield from labelled(strings.FIELD_NOTE, Input("", id="note"))
        yield from labelled(
            strings.FIELD_PROBLEMS, Input("", id="problems", placeholder=strings.HINT_OPTIONAL)
        )
        yield from labelled(
            strings.FIELD_NEXT_STEPS, Input("", id="next-steps", placeholder=strings.HINT_OPTIONAL)
        )
        yield from labelled(
            strings.FIELD_EVIDENCE, Input("", id="evidence", placeholder=strings.HINT_EVIDENCE)
        )

    def collect(self) -> Write:
        unit = self.choice("#unit", strings.FIELD_UNIT)
        reported_on = parse_date(self.value("#date"), strings.FIELD_DATE)
        status = self.choice("#status", strings.FIELD_STATUS)
        percent = parse_percent(self.value("#percent"), strings.FIELD_PERCENT)
        note = self.value("#note")
        problems = self.value("#problems")
        next_steps = self.value("#next-steps")
        validate_report_fields(status, percent, note, problems, next_steps)
        evidence = tuple(
            Path(part.strip()).expanduser()
            for part in self.value("#evidence").split(";")
            if part.strip()
        )
        data = ReportInput(
            self.ref,
            unit,
            reported_on,
            status,
            percent,
            note,
            evidence,
            problems=problems,
            next_steps=next_steps,
            evidence_folder=getattr(self.app, "evidence_dir", None),
        )

        def write(session: Session) -> str:
            record_report(session, data, as_of=self.as_of)
            return strings.SAVED_REPORT.format(unit=unit)

        return write
