"""收取报送表 in the dashboard (#14): the file or folder chosen, each file's preview or
problems, and the files that passed recorded on ctrl+s."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Checkbox, Input

from model.core.periods import Period
from model.demo.generator import DEMO_AS_OF
from tests.conftest import sqlite_file
from tests.seed.returns_workbooks import filled
from tests.tui.conftest import settle
from tui import strings
from tui.screens.collect_form import CollectForm, CollectRequest
from tui.screens.collect_screen import CollectScreen

SIZES = [(80, 24), (120, 36)]
SIZE_IDS = ["80x24", "120x36"]
OCTOBER = Period(2023, 10)


def no_returns(path) -> None:
    with sqlite_file(path) as connection:
        connection.execute("UPDATE progress_report SET return_id = NULL")
        connection.execute("DELETE FROM return_submission")


@pytest.fixture
def folder(demo_db, tmp_path):
    """One sheet that can be recorded and one with a percent out of range (a fixed name:
    the screen shows none of the path)."""
    folder = tmp_path / "报送表"
    no_returns(demo_db.path)  # the demo's own returns taken out: October is still to collect
    filled(demo_db, folder, "住建局", OCTOBER, [{"status": "已完成", "percent": 100}])
    filled(demo_db, folder, "交通运输局", OCTOBER, [{}, {"percent": 120}, {"note": None}])
    return folder


def open_collect(request: CollectRequest):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.open_collect(request)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_collect_screen(demo_app, snap_compare, folder, size):
    request = CollectRequest(folder, DEMO_AS_OF)
    assert snap_compare(demo_app, terminal_size=size, run_before=open_collect(request))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_collect_form(demo_app, snap_compare, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.action_collect_returns()
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)


def returns(path) -> list[tuple[str, str]]:
    with sqlite_file(path) as connection:
        return connection.execute(
            "SELECT u.name, r.period FROM return_submission r JOIN unit u ON u.id = r.unit_id"
        ).fetchall()


async def test_the_form_checks_the_path_and_the_reason_then_the_screen_records(
    demo_app, demo_db, folder
):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        demo_app.action_collect_returns()
        await settle(pilot)
        form = demo_app.screen
        assert isinstance(form, CollectForm)
        form.query_one("#path", Input).value = str(folder / "没有这个")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.error_text.startswith("找不到文件或文件夹：")
        form.query_one("#path", Input).value = str(folder)
        form.query_one("#replace", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.error_text == strings.COLLECT_REASON_REQUIRED
        form.query_one("#replace", Checkbox).value = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = demo_app.screen
        assert isinstance(screen, CollectScreen)
        assert screen.checked is not None and [c.ok for c in screen.checked] == [False, True]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(demo_app.screen, CollectScreen)
        assert "已记录 1 份报送表，1 份未收取。" in [n.message for n in demo_app._notifications]
    assert returns(demo_db.path) == [("住建局", "2023-10")]


async def test_escape_records_nothing(demo_app, demo_db, folder):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        demo_app.open_collect(CollectRequest(folder, DEMO_AS_OF))
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(demo_app.screen, CollectScreen)
    assert returns(demo_db.path) == []


async def test_nothing_to_record_is_said(demo_app, demo_db, folder):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        early = dt.date(2023, 10, 30)  # before October's last day: every file refused
        demo_app.open_collect(CollectRequest(folder, early))
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = demo_app.screen
        assert isinstance(screen, CollectScreen)
        assert str(screen.query_one("#form-error").render()) == strings.COLLECT_NOTHING
    assert returns(demo_db.path) == []
