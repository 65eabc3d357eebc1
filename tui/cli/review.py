"""`duban review show|self|set|approve|reopen`: the year-end cycle (自评 → 复核 → 审定).

The as-of date is the date of an entry; the year defaults as the reports' does (the as-of
year, else the latest plan year before it). Each write is one transaction: a refusal
leaves the database as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from typing import TYPE_CHECKING, Any

from tui import strings
from tui.cli.common import as_of, note, notes, open_database, reporting_rules

if TYPE_CHECKING:
    from model.core.periods import ReportingRules
    from model.scoring.review import ReviewBoard, UnitReview
    from model.scoring.rubric import Rubric
    from model.store.db import UnitOfWork as Session

ACTIONS = ("show", "self", "set", "approve", "reopen")

# What each action needs and what it takes besides --year, --format and the globals.
_NEEDS = {
    "show": (),
    "self": ("unit", "item", "points"),
    "set": ("unit", "item", "points", "reason", "by"),
    "approve": ("by",),
    "reopen": ("reason", "by"),
}
_TAKES = {
    "show": ("unit",),
    "self": ("unit", "item", "points", "note"),
    "set": ("unit", "item", "points", "reason", "by"),
    "approve": ("by",),
    "reopen": ("reason", "by"),
}
_OPTION_NAMES = {
    "unit": "单位",
    "item": " --item",
    "points": " --points",
    "note": " --note",
    "reason": " --reason",
    "by": " --by",
}


def parse_points(value: str) -> float:
    """A number of points as typed (85, -1.5); refused in Chinese otherwise."""
    try:
        points = float(value)
    except ValueError:
        points = math.nan
    if not math.isfinite(points):
        raise argparse.ArgumentTypeError(strings.REVIEW_BAD_POINTS.format(value=value))
    return points


def _check_arguments(args: argparse.Namespace) -> None:
    """Every argument the action needs is there, and none it would ignore."""
    from model.core.errors import InputError

    action = args.action
    for name in _NEEDS[action]:
        value = getattr(args, name)
        if value is None or (isinstance(value, str) and not value.strip() and name == "unit"):
            what = strings.REVIEW_NEEDS_WHAT[name]
            raise InputError(strings.REVIEW_NEEDS.format(action=action, what=what))
    extra = [n for n in _OPTION_NAMES if n not in _TAKES[action] and getattr(args, n) is not None]
    if extra:
        options = " " + "、".join(_OPTION_NAMES[n].strip() for n in extra)
        raise InputError(strings.REVIEW_NOT_FOR.format(action=action, options=options))


def _points(value: float | None) -> str:
    return strings.REVIEW_DASH if value is None else f"{value:.2f}"


def board_lines(board: ReviewBoard) -> list[str]:
    from tui.text import table

    lines = [
        strings.REVIEW_TITLE.format(
            year=board.year,
            provisional=strings.REVIEW_PROVISIONAL if board.provisional else "",
            as_of=board.as_of,
            state=board.state_label,
        ),
        *board.notes,
        "",
    ]
    rows = [
        [
            u.rank_label,
            u.unit,
            u.category or strings.REVIEW_DASH,
            _points(u.computed_total),
            _points(u.self_total),
            _points(u.total),
            u.rating + (strings.REVIEW_VETO if u.vetoed else ""),
            u.state_label,
        ]
        for u in board.units
    ]
    return lines + table(strings.REVIEW_COLUMNS, rows)


def unit_lines(board: ReviewBoard, unit: UnitReview) -> list[str]:
    from model.core.strings import KIND_NAMES
    from tui.text import table

    lines = [
        strings.REVIEW_UNIT_TITLE.format(
            unit=unit.unit,
            kind=KIND_NAMES.get(unit.kind, ""),
            year=board.year,
            state=board.state_label if board.frozen else unit.state_label,
        ),
        *board.notes,
        "",
    ]
    rows = [
        [
            i.name,
            i.range_label,
            _points(i.computed),
            _points(i.self_points),
            i.self_note,
            _points(i.reviewed),
            strings.REVIEW_REVIEWED_BY.format(reason=i.reason, by=i.reviewed_by, on=i.reviewed_on)
            if i.is_reviewed
            else "",
        ]
        for i in unit.items
    ]
    rows.append([strings.REVIEW_ADJUSTMENTS, "", *[_points(unit.adjustments)] * 2, "", "", ""])
    rows[-1][5] = _points(unit.adjustments)
    if unit.limit:
        rows.append([strings.REVIEW_LIMIT, "", "", "", "", _points(unit.limit), ""])
    rows.append(
        [
            strings.REVIEW_TOTAL,
            "",
            _points(unit.computed_total),
            _points(unit.self_total),
            "",
            _points(unit.total),
            "",
        ]
    )
    lines += table(strings.REVIEW_ITEM_COLUMNS, rows)
    lines.append("")
    lines.append(
        strings.REVIEW_RESULT.format(
            total=_points(unit.total),
            rating=unit.rating,
            veto=strings.REVIEW_VETO if unit.vetoed else "",
            rank=unit.rank_label,
        )
    )
    return lines


def board_json(board: ReviewBoard) -> dict[str, Any]:
    """The data contract of `--format json`: the frozen cards' shape, with the state."""
    from model.core.strings import REVIEW_ITEM_NAMES

    data = board.frozen_data()
    for unit in data["units"]:
        for item in unit["items"]:
            item["name"] = REVIEW_ITEM_NAMES[item["item"]]
    data.update(
        provisional=board.provisional,
        state=board.state,
        state_label=board.state_label,
        approved=None
        if board.approval is None
        else {"by": board.approval.by, "on": board.approval.on.isoformat()},
        reopened=None
        if board.reopened is None
        else {
            "by": board.reopened.by,
            "on": board.reopened.on.isoformat(),
            "reason": board.reopened.reason,
        },
        changed_since_approval=board.changed,
    )
    return data


def _write(
    session: Session,
    args: argparse.Namespace,
    *,
    unit: str | None,
    year: int,
    day: dt.date,
    rubric: Rubric,
    reporting: ReportingRules,
) -> tuple[ReviewBoard, str]:
    """The action's write, then the board it leaves and what to say about it."""
    from model.scoring.review import compute_reviewed_board, item_ranges
    from model.work import reviews

    def board() -> ReviewBoard:
        return compute_reviewed_board(
            session, year=year, as_of=day, rubric=rubric, reporting=reporting
        )

    if args.action == "approve":
        cards = board()
        reviews.approve(
            session, year=year, by=args.by, on=day, as_of=day, cards=cards.frozen_data()
        )
        said = strings.REVIEW_APPROVED_SAVED.format(
            year=year, by=args.by.strip(), on=day, count=len(cards.units)
        )
        return board(), said
    if args.action == "reopen":
        reviews.reopen(session, year=year, reason=args.reason, by=args.by, on=day, as_of=day)
        return board(), strings.REVIEW_REOPENED_SAVED.format(year=year, by=args.by.strip(), on=day)
    ranges = item_ranges(rubric)
    if args.action == "self":
        row = reviews.enter_self_score(
            session,
            unit=args.unit,
            year=year,
            item=args.item,
            points=args.points,
            note=args.note or "",
            on=day,
            as_of=day,
            ranges=ranges,
        )
        template = strings.REVIEW_SELF_SAVED
    else:
        row = reviews.set_review(
            session,
            unit=args.unit,
            year=year,
            item=args.item,
            points=args.points,
            reason=args.reason,
            by=args.by,
            on=day,
            as_of=day,
            ranges=ranges,
        )
        template = strings.REVIEW_SET_SAVED
    after = board()
    item = after.unit(unit or "").item(row.item)
    said = template.format(
        unit=unit,
        year=year,
        item=item.name,
        points=_points(row.points),
        on=day,
        computed=_points(item.computed),
    )
    return after, said


def run(args: argparse.Namespace) -> int:
    from model.core.errors import InputError
    from model.scoring.review import compute_reviewed_board
    from model.scoring.rubric import effective_rubric
    from model.scoring.scorecards import report_period
    from model.status.plan_view import plan_years
    from model.units.resolver import find_unit

    _check_arguments(args)
    day = as_of(args)
    rubric, _ = effective_rubric()
    found: list[str] = []
    said = ""
    database, settings = open_database(args)
    reporting = reporting_rules(settings, rubric)
    with database:
        write = args.action != "show"
        with database.write() if write else database.read() as session:
            year, _ = report_period(day, plan_years(session), args.year)
            unit_name = None
            if args.unit is not None:
                unit, found = find_unit(session, args.unit)
                unit_name = unit.name
            if write:
                board, said = _write(
                    session,
                    args,
                    unit=unit_name,
                    year=year,
                    day=day,
                    rubric=rubric,
                    reporting=reporting,
                )
            else:
                board = compute_reviewed_board(
                    session, year=year, as_of=day, rubric=rubric, reporting=reporting
                )
    notes(found)
    if said:
        note(said)
    card = None if unit_name is None else board.find(unit_name)
    if unit_name is not None and card is None:
        raise InputError(strings.REVIEW_NO_CARD.format(unit=unit_name, year=year))
    if args.format == "json":
        data = board_json(board)
        if card is not None:
            data["units"] = [u for u in data["units"] if u["unit"] == card.unit]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif card is None:
        sys.stdout.write("\n".join(board_lines(board)) + "\n")
    else:
        sys.stdout.write("\n".join(unit_lines(board, card)) + "\n")
    return 0
