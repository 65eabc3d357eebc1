"""销号 / 重新打开: one unit's part of a task, with a reason and who verified it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from textual.app import ComposeResult
from textual.widgets import Input

from model.core.checks import required_text
from model.plans.task_refs import TaskRef
from model.work.progress import close_item, reopen_item
from tui import strings
from tui.screens.form_screen import FormScreen, Write, date_field, labelled, unit_field
from tui.validators import parse_date

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


class ClosureForm(FormScreen):
    def __init__(
        self,
        ref: TaskRef,
        units: list[str],
        as_of: dt.date,
        *,
        action: Literal["close", "reopen"],
        verifier: str,
    ) -> None:
        super().__init__()
        self.ref = ref
        self.units = units
        self.as_of = as_of
        self.action = action
        self.verifier = verifier
        title = strings.FORM_CLOSE if action == "close" else strings.FORM_REOPEN
        self.title_text = title.format(task=ref.label())

    def fields(self) -> ComposeResult:
        yield from unit_field(self.units)
        yield from date_field(strings.FIELD_DATE, self.as_of, "date")
        yield from labelled(strings.FIELD_REASON, Input("", id="reason"))
        yield from labelled(strings.FIELD_VERIFIER, Input(self.verifier, id="verifier"))

    def collect(self) -> Write:
        unit = self.choice("#unit", strings.FIELD_UNIT)
        on = parse_date(self.value("#date"), strings.FIELD_DATE)
        reason = required_text(self.value("#reason"), strings.FIELD_REASON)
        verifier = required_text(self.value("#verifier"), strings.FIELD_VERIFIER)
        service = close_item if self.action == "close" else reopen_item
        saved = strings.SAVED_CLOSE if self.action == "close" else strings.SAVED_REOPEN

        def write(session: Session) -> str:
            service(
                session, self.ref, unit, on, reason=reason, verified_by=verifier, as_of=self.as_of
            )
            return saved.format(unit=unit)

        return write
