"""考核调整: ± points for one unit and year, with a mandatory reason and approver."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input

from model.core.checks import required_text
from model.work.adjustments import add_adjustment
from tui import strings
from tui.screens.form_screen import FormScreen, Write, date_field, labelled
from tui.validators import Points, parse_date, parse_points

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


class AdjustmentForm(FormScreen):
    def __init__(self, unit: str, year: int, as_of: dt.date, approver: str) -> None:
        super().__init__()
        self.unit = unit
        self.year = year
        self.as_of = as_of
        self.approver = approver
        self.title_text = strings.FORM_ADJUST.format(unit=unit, year=year)

    def fields(self) -> ComposeResult:
        yield from labelled(
            strings.FIELD_POINTS,
            Input(
                "",
                id="points",
                placeholder=strings.HINT_POINTS,
                validators=[Points(strings.FIELD_POINTS)],
            ),
        )
        yield from labelled(strings.FIELD_REASON, Input("", id="reason"))
        yield from labelled(strings.FIELD_APPROVER, Input(self.approver, id="approver"))
        yield from date_field(strings.FIELD_DATE, self.as_of)

    def collect(self) -> Write:
        points = parse_points(self.value("#points"), strings.FIELD_POINTS)
        reason = required_text(self.value("#reason"), strings.FIELD_REASON)
        approver = required_text(self.value("#approver"), strings.FIELD_APPROVER)
        decided_on = parse_date(self.value("#date"), strings.FIELD_DATE)

        def write(session: Session) -> str:
            add_adjustment(
                session,
                unit=self.unit,
                year=self.year,
                points=points,
                reason=reason,
                approver=approver,
                decided_on=decided_on,
                as_of=self.as_of,
            )
            return strings.SAVED_ADJUST.format(unit=self.unit)

        return write
