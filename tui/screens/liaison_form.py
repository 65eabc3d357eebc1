"""联络人: name, change or clear a unit's liaison (name, telephone, an optional note), with
an optional reason for the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input

from model.status.returns import Liaison
from model.work.liaisons import check_name, check_note, check_phone, clear_liaison, set_liaison
from tui import strings
from tui.screens.form_screen import FormScreen, Write, labelled
from tui.validators import Checks

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


class LiaisonForm(FormScreen):
    def __init__(self, unit: str, liaison: Liaison | None) -> None:
        super().__init__()
        self.unit = unit
        self.liaison = liaison
        self.title_text = strings.FORM_LIAISON.format(unit=unit)

    def fields(self) -> ComposeResult:
        now = self.liaison
        yield from labelled(
            strings.FIELD_LIAISON_NAME,
            Input(now.name if now else "", id="name", validators=[Checks(check_name)]),
        )
        yield from labelled(
            strings.FIELD_LIAISON_PHONE,
            Input(
                now.phone if now else "",
                id="phone",
                placeholder=strings.HINT_PHONE,
                validators=[Checks(check_phone)],
            ),
        )
        yield from labelled(
            strings.FIELD_LIAISON_NOTE,
            Input(
                now.note if now else "",
                id="note",
                placeholder=strings.HINT_OPTIONAL,
                validators=[Checks(check_note)],
            ),
        )
        yield from labelled(
            strings.FIELD_REASON, Input("", id="reason", placeholder=strings.HINT_OPTIONAL)
        )
        if now is not None:  # only a liaison on record can be cleared
            yield from labelled(strings.FIELD_LIAISON_CLEAR, Checkbox(id="clear"))

    def collect(self) -> Write:
        unit, reason = self.unit, self.value("#reason")
        if self.liaison is not None and self.query_one("#clear", Checkbox).value:

            def clear(session: Session) -> str:
                return clear_liaison(session, unit, reason=reason).describe()

            return clear
        name = check_name(self.value("#name"))
        phone = check_phone(self.value("#phone"))
        note = check_note(self.value("#note"))

        def write(session: Session) -> str:
            change = set_liaison(session, unit, name=name, phone=phone, note=note, reason=reason)
            return change.describe()

        return write
