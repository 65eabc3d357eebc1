"""按录入日重现考核: the day whose entries the 考核 tab reproduces (model.store.rewind)."""

from __future__ import annotations

import datetime as dt

from model.core.errors import InputError
from tui import strings
from tui.screens.as_of_form import AsOfForm


class RecordedForm(AsOfForm):
    """The as-of dialog with its own title and field; a day still to come is refused, since
    nothing can have been recorded on it yet."""

    title_text = strings.RECORDED_FORM
    field_label = strings.RECORDED_FIELD

    def __init__(self, current: dt.date, today: dt.date) -> None:
        super().__init__(current)
        self.today = today

    def chosen(self) -> dt.date:
        day = super().chosen()
        if day > self.today:
            raise InputError(strings.RECORDED_FUTURE.format(today=self.today))
        return day
