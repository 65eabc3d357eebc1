"""登记答复: the unit's reply to a supervision notice."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input

from model.core.checks import required_text
from model.work.notices import record_reply
from tui import strings
from tui.screens.form_screen import FormScreen, Write, date_field, labelled
from tui.validators import parse_date

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


class ReplyForm(FormScreen):
    def __init__(self, number: str, as_of: dt.date) -> None:
        super().__init__()
        self.number = number
        self.as_of = as_of
        self.title_text = strings.FORM_REPLY.format(number=number)

    def fields(self) -> ComposeResult:
        yield from date_field(strings.FIELD_DATE, self.as_of, "date")
        yield from labelled(strings.FIELD_REPLY, Input("", id="reply"))

    def collect(self) -> Write:
        reply_on = parse_date(self.value("#date"), strings.FIELD_DATE)
        text = required_text(self.value("#reply"), strings.FIELD_REPLY)

        def write(session: Session) -> str:
            record_reply(session, self.number, reply_on=reply_on, text=text, as_of=self.as_of)
            return strings.SAVED_REPLY.format(number=self.number)

        return write
