"""Audit histories list every event up to now, whatever the as-of date; an event whose
record is dated after the as-of date is dimmed and marked, and the heading says so."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Label

from model.plans.task_refs import TaskRef, resolve_task
from model.store.audit_history import event_day, task_history, unit_history
from model.units.resolver import find_unit
from model.work.progress import ReportInput, record_report
from tests.tui.conftest import settle
from tui import strings
from tui.app import DubanApp
from tui.widgets.fitted_table import FittedTable
from tui.widgets.history_rows import after_as_of

# The events of the demo year were stamped 2023-09-15 (the tests' clock), as is a report
# written now: with the as-of date before that day, the old `until` filter hid them all.
AS_OF = dt.date(2023, 9, 10)
MARK = strings.HISTORY_LATER


@pytest.fixture
def early_app(demo_db) -> DubanApp:
    with demo_db.write() as session:  # the user's own write about a day before the as-of
        record_report(
            session,
            ReportInput(TaskRef("air", 20, 2023), "克城镇", dt.date(2023, 9, 5), "in_progress", 60),
            as_of=AS_OF,
        )
    return DubanApp(demo_db, as_of=AS_OF, actor="测试员")


def assert_marked(table: FittedTable, events) -> None:
    rows = list(table.full_rows.values())
    assert len(rows) == len(events) > 0
    later = [after_as_of(event, AS_OF) for event in events]
    assert any(later) and not all(later)
    for event, cells, is_later in zip(events, rows, later, strict=True):
        detail = cells[-1].plain
        assert detail.endswith(MARK) is is_later, (detail, event_day(event))
        assert all(("dim" in str(cell.style)) is is_later for cell in cells), cells
    newest = rows[0][-1].plain
    assert "2023-09-05" in newest and not newest.endswith(MARK)  # the new write, counted


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_unit_history_lists_every_event_and_marks_later_ones(early_app, size):
    async with early_app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press(*"kcz", "enter")
        await settle(pilot)
        pane = early_app.screen
        table = pane.query_one("#unit-history", FittedTable)
        with early_app.database.read() as session:
            unit_id = find_unit(session, "克城镇")[0].id
            events = unit_history(session, unit_id, limit=50)
        assert_marked(table, events)
        heading = str(pane.query_one("#unit-history-heading", Label).render())
        assert heading == strings.HISTORY_HEADING.format(as_of="2023-09-10")
        assert "晚于截至日期 2023-09-10" in heading


async def test_the_task_history_marks_later_events(early_app):
    async with early_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        early_app.open_task(TaskRef("air", 20, 2023))
        await settle(pilot)
        screen = early_app.screen
        table = screen.query_one("#task-history", FittedTable)
        assert screen.detail is not None
        assert_marked(table, list(screen.detail.history))
        heading = str(screen.query_one("#heading-history", Label).render())
        assert "晚于截至日期 2023-09-10" in heading
        with early_app.database.read() as session:
            task_id = resolve_task(session, TaskRef("air", 20, 2023)).id
            assert len(task_history(session, task_id)) == table.row_count
