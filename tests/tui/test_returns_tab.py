"""The 督办 tab's returns (报送表): the period in collection by default, `[` and `]` to the
period before and after, missing units first, the reminder (催报) to copy; snapshots on the
demo as of 2023-11-20 with October's returns put in directly (tests/returns_data.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core.periods import Period, ReportingRules
from model.core.settings import OfficeContact
from model.status.returns_view import reminder, returns_view
from tests.returns_data import only_october_returns
from tests.tui.conftest import settle
from tests.tui.screen_text import screen_text
from tui.app import DubanApp
from tui.widgets.fitted_table import FittedTable
from tui.widgets.notices_pane import NoticesPane
from tui.widgets.reminder_screen import ReminderScreen

AS_OF = dt.date(2023, 11, 20)
SIZES = [(80, 24), (120, 36)]
SIZE_IDS = ["80x24", "120x36"]


@pytest.fixture
def october_app(demo_db) -> DubanApp:
    only_october_returns(demo_db.path)
    app = DubanApp(demo_db, as_of=AS_OF, actor="测试员")
    app.office = OfficeContact(contact="赵磊", phone="0357-5522123")
    return app


async def open_tab(pilot) -> NoticesPane:
    await settle(pilot)
    await pilot.press("8")
    await settle(pilot)
    return pilot.app.query_one(NoticesPane)


def shown_period(pane: NoticesPane) -> Period:
    assert pane.data is not None
    return pane.data.returns.period


def states(pilot) -> list[str]:
    table = pilot.app.query_one("#returns-table", FittedTable)
    return [str(cells[1]) for cells in table.full_rows.values()]


@pytest.mark.parametrize(
    ("name", "presses"),
    [("returns", ()), ("returns_focused", ("tab", "down")), ("reminder", ("c",))],
)
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_returns_screens(october_app, snap_compare, name, presses, size):
    async def run_before(pilot) -> None:
        await open_tab(pilot)
        for press in presses:
            await pilot.press(press)
            await settle(pilot)

    assert snap_compare(october_app, terminal_size=size, run_before=run_before)


async def test_missing_units_come_first_under_the_headline(october_app):
    async with october_app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        assert states(pilot) == ["未报送"] * 23 + ["迟报"] * 2 + ["已报送"] * 2
        text = screen_text(october_app)
        assert "2023年10月报送表　截止 2023年11月10日（星期五）" in text
        assert "应报 27 个单位：已报 2，迟报 2，未报 23" in text


async def test_brackets_step_through_the_periods(october_app):
    async with october_app.run_test(size=(120, 36)) as pilot:
        pane = await open_tab(pilot)
        assert shown_period(pane) == Period(2023, 10)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert shown_period(pane) == Period(2023, 9)
        assert set(states(pilot)) == {"未报送"}  # nobody returned September's
        assert "2023年9月报送表　截止 2023年10月10日（星期二）" in screen_text(october_app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert shown_period(pane) == Period(2023, 11)
        assert set(states(pilot)) == {"待报送"}  # due 2023-12-11
        # November has not ended on the 20th: nothing later to step to.
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert shown_period(pane) == Period(2023, 11)
        assert any("2023年11月还没有结束" in n.message for n in october_app._notifications)


async def test_no_period_before_the_first_plan_year(october_app):
    async with october_app.run_test(size=(120, 36)) as pilot:
        pane = await open_tab(pilot)
        pane.picked = (AS_OF, Period(2023, 1))
        pane.reload()
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert shown_period(pane) == Period(2023, 1)
        assert any("没有更早的报送期了" in n.message for n in october_app._notifications)


async def test_a_new_as_of_date_goes_back_to_the_period_in_collection(october_app):
    async with october_app.run_test(size=(120, 36)) as pilot:
        pane = await open_tab(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert shown_period(pane) == Period(2023, 9)
        october_app.set_as_of(dt.date(2023, 12, 5))
        await settle(pilot)
        assert shown_period(pane) == Period(2023, 11)
        # The same date again (a refresh) keeps the period stepped to.
        await pilot.press("left_square_bracket")
        await settle(pilot)
        october_app.refresh_data()
        await settle(pilot)
        assert shown_period(pane) == Period(2023, 10)


async def test_the_reminder_is_the_commands_text_and_copies(october_app, monkeypatch):
    copied: list[str] = []
    monkeypatch.setattr(DubanApp, "copy_to_clipboard", lambda self, text: copied.append(text))
    async with october_app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = october_app.screen
        assert isinstance(screen, ReminderScreen)
        with october_app.database.reader() as reader:
            view = returns_view(reader, ReportingRules(), AS_OF)
            from model.status.office import office_name

            expected, _ = reminder(view, office_name(reader, 2023), october_app.office)
        assert screen.query_one("#reminder-text").text == expected
        assert expected.startswith("【催报】2023年10月报送表")
        assert "联系人：赵磊，电话：0357-5522123" in expected
        await pilot.press("c")
        await settle(pilot)
        assert copied == [expected]
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(october_app.screen, ReminderScreen)
