"""A unit's liaison (联络人): the person it names to send its work to the office (各成员单位
要确定专人按期将工作信息报送至领导小组办公室), with a telephone and an optional note.

One audited write per change, in the caller's transaction: `set_liaison` names a unit's
liaison or changes part of it (what is not given is kept), `clear_liaison` removes it.
Each event carries the row before and after (`model.store.snapshots.liaison_snapshot`), so
`duban audit verify` rebuilds the table and a recorded copy undoes it. A group unit (各乡镇)
has none: its members are the units that report.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.errors import InputError
from model.core.settings import is_phone
from model.status.returns import Liaison
from model.status.unit_card import liaison_text
from model.store.audit import record
from model.store.queries import next_id
from model.store.schema import Unit, UnitLiaison
from model.store.snapshots import liaison_snapshot
from model.units.resolver import resolve_unit

NAME_LIMIT = 40  # the column's width
NOTE_LIMIT = 200
PHONE_LIMIT = 60


@dataclass(frozen=True)
class LiaisonChange:
    """What a write did: the unit (by its canonical name), the liaison before and after
    (None: none), and how the unit's name was understood."""

    unit: str
    before: Liaison | None
    after: Liaison | None
    notes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def describe(self) -> str:
        """What was done, in the office's words (the command line, the dashboard's form)."""
        if self.after is None:
            return strings.LIAISON_CLEARED_DONE.format(
                unit=self.unit, liaison=liaison_text(self.before)
            )
        if not self.changed:
            template = strings.LIAISON_UNCHANGED
        elif self.before is None:
            template = strings.LIAISON_SET_DONE
        else:
            template = strings.LIAISON_CHANGED_DONE
        return template.format(unit=self.unit, liaison=liaison_text(self.after))


def check_name(name: str) -> str:
    """A liaison's name, trimmed: required, at most NAME_LIMIT characters."""
    text = name.strip()
    if not text:
        raise InputError(strings.TEXT_REQUIRED.format(what=strings.LIAISON_NAME_WHAT))
    if len(text) > NAME_LIMIT:
        raise InputError(strings.LIAISON_NAME_TOO_LONG.format(length=len(text), limit=NAME_LIMIT))
    return text


def check_phone(phone: str) -> str:
    """A telephone, trimmed, by the rule of the settings' [office] phone."""
    text = phone.strip()
    if not text:
        raise InputError(strings.TEXT_REQUIRED.format(what=strings.LIAISON_PHONE_WHAT))
    if len(text) > PHONE_LIMIT or not is_phone(text):
        raise InputError(strings.LIAISON_BAD_PHONE.format(value=text))
    return text


def check_note(note: str) -> str:
    text = note.strip()
    if len(text) > NOTE_LIMIT:
        raise InputError(
            strings.TEXT_TOO_LONG.format(
                what=strings.LIAISON_NOTE_WHAT, length=len(text), limit=NOTE_LIMIT
            )
        )
    return text


def _unit(session: Session, name: str, notes: list[str]) -> Unit:
    unit = resolve_unit(session, name, strings.LIAISON_WHERE.format(unit=name.strip()), notes)
    if unit.kind == "group":
        raise InputError(strings.LIAISON_GROUP.format(unit=unit.name))
    return unit


def _current(session: Session, unit_id: int) -> UnitLiaison | None:
    return session.scalar(select(UnitLiaison).where(UnitLiaison.unit_id == unit_id))


def _view(row: UnitLiaison | None) -> Liaison | None:
    return None if row is None else Liaison(row.name, row.phone, row.note)


def set_liaison(
    session: Session,
    unit: str,
    *,
    name: str | None = None,
    phone: str | None = None,
    note: str | None = None,
    reason: str | None = None,
) -> LiaisonChange:
    """Name the unit's liaison, or change what is given of it (None: kept as it is). A unit
    with none needs a name and a telephone. Nothing is written when nothing changes."""
    checked_name = None if name is None else check_name(name)
    checked_phone = None if phone is None else check_phone(phone)
    checked_note = None if note is None else check_note(note)
    notes: list[str] = []
    target = _unit(session, unit, notes)
    row = _current(session, target.id)
    before = _view(row)
    if row is None and checked_name is None:
        raise InputError(strings.LIAISON_NEEDS_NAME.format(unit=target.name))
    if row is None and checked_phone is None:
        raise InputError(strings.TEXT_REQUIRED.format(what=strings.LIAISON_PHONE_WHAT))
    after = Liaison(
        checked_name if checked_name is not None else before.name if before else "",
        checked_phone if checked_phone is not None else before.phone if before else "",
        checked_note if checked_note is not None else before.note if before else "",
    )
    if after == before:
        return LiaisonChange(target.name, before, after, tuple(notes))
    why = reason.strip() if reason and reason.strip() else None
    if row is None:
        row = UnitLiaison(
            id=next_id(session, UnitLiaison),
            unit_id=target.id,
            name=after.name,
            phone=after.phone,
            note=after.note,
        )
        session.add(row)
        record(
            session,
            action="liaison.set",
            entity="unit_liaison",
            entity_id=row.id,
            after=liaison_snapshot(row),
            reason=why,
        )
    else:
        old = liaison_snapshot(row)
        row.name, row.phone, row.note = after.name, after.phone, after.note
        record(
            session,
            action="liaison.change",
            entity="unit_liaison",
            entity_id=row.id,
            before=old,
            after=liaison_snapshot(row),
            reason=why,
        )
    return LiaisonChange(target.name, before, after, tuple(notes))


def clear_liaison(session: Session, unit: str, *, reason: str | None = None) -> LiaisonChange:
    """Remove the unit's liaison (refused when it has none)."""
    notes: list[str] = []
    target = _unit(session, unit, notes)
    row = _current(session, target.id)
    if row is None:
        raise InputError(strings.LIAISON_NONE_TO_CLEAR.format(unit=target.name))
    before = _view(row)
    record(
        session,
        action="liaison.clear",
        entity="unit_liaison",
        entity_id=row.id,
        before=liaison_snapshot(row),
        reason=reason.strip() if reason and reason.strip() else None,
    )
    session.delete(row)
    return LiaisonChange(target.name, before, None, tuple(notes))
