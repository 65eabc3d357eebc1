"""Unit names and group members by id, for the read models' bulk queries.

SQL text through a `model.store.reader.Reader`: a session or a Reader alike.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from model.store.reader import optional_date, reader_of

if TYPE_CHECKING:
    from model.store.reader import Source


def member_on(on: dt.date) -> tuple[str, tuple[str, str]]:
    """The spells of group membership that cover the day `on` (both ends inclusive, NULL
    open): a unit is a member of a group on a day when one of its spells covers it.

    A condition on `group_member` and its two parameters, in that order.
    """
    day = on.isoformat()
    return (
        "(group_member.valid_from IS NULL OR group_member.valid_from <= ?)"
        " AND (group_member.valid_to IS NULL OR group_member.valid_to >= ?)",
        (day, day),
    )


def group_members_map(source: Source, on: dt.date) -> dict[int, list[int]]:
    """The members of every group on the day `on`, by group id, in unit id order."""
    covers, params = member_on(on)
    members: dict[int, list[int]] = defaultdict(list)
    for group_id, member_id in reader_of(source).rows(
        "SELECT DISTINCT group_id, member_id FROM group_member"
        f" WHERE {covers} ORDER BY group_id, member_id",
        params,
    ):
        members[group_id].append(member_id)
    return members


Spell = tuple[int, int, dt.date | None, dt.date | None]  # group, member, from, to


def spells_by_unit(source: Source) -> dict[int, list[Spell]]:
    """Every spell of group membership, under its group and under its member."""
    out: dict[int, list[Spell]] = defaultdict(list)
    for group_id, member_id, start, end in reader_of(source).rows(
        "SELECT group_id, member_id, valid_from, valid_to FROM group_member"
    ):
        spell = (group_id, member_id, optional_date(start), optional_date(end))
        out[group_id].append(spell)
        out[member_id].append(spell)
    return out


def unit_name_map(source: Source, unit_ids: Iterable[int] | None = None) -> dict[int, str]:
    reader = reader_of(source)
    if unit_ids is None:
        return {i: n for i, n in reader.rows("SELECT id, name FROM unit")}
    return {
        i: n
        for i, n in reader.rows_in("SELECT id, name FROM unit WHERE id IN ({ids})", set(unit_ids))
    }
