"""自评 or 复核 of one item of a unit's card (the year-end cycle, model.work.reviews).

The item is chosen from the card's four (任务完成, 进展报送, 督办落实, 加分); choosing one puts
its current points in the points field (the self-score entered so far, or the reviewed
points — the system's until reviewed). A review needs its reason and the reviewer; the
service checks the item's range, the date and whether the year is approved.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Select

from model.core.checks import required_text
from model.core.errors import InputError
from model.work.reviews import ItemRange, enter_self_score, set_review
from tui import strings
from tui.screens.form_screen import FormScreen, Write, choices, date_field, labelled
from tui.validators import parse_date

if TYPE_CHECKING:
    from model.scoring.review import UnitReview
    from model.store.db import UnitOfWork as Session


def parse_review_points(value: str, field: str) -> float:
    """A number of points as typed (85, -1.5); its range is the service's to check."""
    try:
        points = float(value.strip())
    except ValueError:
        points = math.nan
    if not math.isfinite(points):
        raise InputError(strings.ERR_REVIEW_POINTS.format(field=field))
    return points


class ReviewPoints(Validator):
    def __init__(self, field: str) -> None:
        super().__init__(failure_description=strings.ERR_REVIEW_POINTS.format(field=field))
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        try:
            parse_review_points(value, self.field)
        except InputError:
            return self.failure()
        return self.success()


class ReviewForm(FormScreen):
    def __init__(
        self,
        unit: UnitReview,
        year: int,
        as_of: dt.date,
        *,
        stage: str,  # "self" (自评) or "review" (复核)
        ranges: Mapping[str, ItemRange],
    ) -> None:
        super().__init__()
        self.unit = unit
        self.year = year
        self.as_of = as_of
        self.stage = stage
        self.ranges = ranges
        template = strings.FORM_SELF_SCORE if stage == "self" else strings.FORM_REVIEW
        self.title_text = template.format(unit=unit.unit, year=year)

    def current(self, name: str) -> str:
        """The points an item has now at this stage, as the field shows them."""
        item = next(i for i in self.unit.items if i.name == name)
        points = item.self_points if self.stage == "self" else item.reviewed
        return "" if points is None else f"{points:g}"

    def fields(self) -> ComposeResult:
        names = [i.name for i in self.unit.items]
        yield from labelled(
            strings.FIELD_REVIEW_ITEM,
            Select(choices(names), value=names[0], allow_blank=False, id="item"),
        )
        yield from labelled(
            strings.FIELD_REVIEW_POINTS,
            Input(
                self.current(names[0]),
                id="points",
                placeholder=strings.HINT_REVIEW_POINTS,
                validators=[ReviewPoints(strings.FIELD_REVIEW_POINTS)],
            ),
        )
        if self.stage == "self":
            yield from labelled(strings.FIELD_SELF_NOTE, Input("", id="note"))
        else:
            yield from labelled(strings.FIELD_REVIEW_REASON, Input("", id="note"))
            yield from labelled(strings.FIELD_REVIEWER, Input("", id="by"))
        yield from date_field(strings.FIELD_DATE, self.as_of)

    @on(Select.Changed, "#item")
    def item_chosen(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.query_one("#points", Input).value = self.current(str(event.value))

    def collect(self) -> Write:
        item = self.choice("#item", strings.FIELD_REVIEW_ITEM)
        points = parse_review_points(self.value("#points"), strings.FIELD_REVIEW_POINTS)
        note = self.value("#note")
        on_day = parse_date(self.value("#date"), strings.FIELD_DATE)
        unit, year, as_of, ranges = self.unit.unit, self.year, self.as_of, self.ranges
        if self.stage == "self":

            def enter(session: Session) -> str:
                enter_self_score(
                    session,
                    unit=unit,
                    year=year,
                    item=item,
                    points=points,
                    note=note,
                    on=on_day,
                    as_of=as_of,
                    ranges=ranges,
                )
                return strings.SAVED_SELF_SCORE.format(unit=unit, item=item)

            return enter
        reason = required_text(note, strings.FIELD_REVIEW_REASON)
        by = required_text(self.value("#by"), strings.FIELD_REVIEWER)

        def review(session: Session) -> str:
            set_review(
                session,
                unit=unit,
                year=year,
                item=item,
                points=points,
                reason=reason,
                by=by,
                on=on_day,
                as_of=as_of,
                ranges=ranges,
            )
            return strings.SAVED_REVIEW.format(unit=unit, item=item)

        return review
