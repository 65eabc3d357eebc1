"""考核调整: ± points for one unit and year, with a mandatory reason and approver."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input

from model.adjustments import add_adjustment
from model.errors import InputError
from tui import messages
from tui.screens.form_screen import FormScreen, Write, date_field, labelled
from tui.validators import parse_date, required

if TYPE_CHECKING:
    from model.db import UnitOfWork as Session


def parse_points(value: str, field: str) -> float:
    try:
        points = float(value.strip())
    except ValueError:
        raise InputError(messages.ERR_POINTS.format(field=field)) from None
    if not -100 <= points <= 100 or points == 0:
        raise InputError(messages.ERR_POINTS.format(field=field))
    return points


class AdjustmentForm(FormScreen):
    def __init__(self, unit: str, year: int, as_of: dt.date, approver: str) -> None:
        super().__init__()
        self.unit = unit
        self.year = year
        self.as_of = as_of
        self.approver = approver
        self.title_text = messages.FORM_ADJUST.format(unit=unit, year=year)

    def fields(self) -> ComposeResult:
        yield from labelled(
            messages.FIELD_POINTS, Input("", id="points", placeholder=messages.HINT_POINTS)
        )
        yield from labelled(messages.FIELD_REASON, Input("", id="reason"))
        yield from labelled(messages.FIELD_APPROVER, Input(self.approver, id="approver"))
        yield from date_field(messages.FIELD_DATE, self.as_of)

    def collect(self) -> Write:
        points = parse_points(self.value("#points"), messages.FIELD_POINTS)
        reason = required(self.value("#reason"), messages.FIELD_REASON)
        approver = required(self.value("#approver"), messages.FIELD_APPROVER)
        decided_on = parse_date(self.value("#date"), messages.FIELD_DATE)

        def write(session: Session) -> str:
            add_adjustment(
                session, unit=self.unit, year=self.year, points=points, reason=reason,
                approver=approver, decided_on=decided_on, as_of=self.as_of,
            )  # fmt: skip
            return messages.SAVED_ADJUST.format(unit=self.unit)

        return write
