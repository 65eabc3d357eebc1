"""Every screen at 80x24 and 120x36 on the demo data as of 2023-11-15, Chinese text
included; the plan year switch on the 2023 plans imported again for 2024."""

from __future__ import annotations

import pytest

from model.plans.task_refs import TaskRef
from tests.tui.conftest import settle

SIZES = [(80, 24), (120, 36)]
SIZE_IDS = ["80x24", "120x36"]


@pytest.fixture(autouse=True)
def fixed_log_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The help screen shows where the log file is: the same path on every machine."""
    from pathlib import Path

    path = Path("/home/督办/.local/state/duban/log/duban.log")
    monkeypatch.setattr("tui.screens.help_screen.log_file", lambda: path)


def keys(*presses: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for press in presses:
            await pilot.press(press)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize(
    ("name", "presses"),
    [
        ("overview", ()),
        ("plan_air", ("2",)),
        ("plan_groundwater_red_first", ("5", "s", "s")),
        ("units_zjj", ("6", "z", "j", "j", "enter")),
        ("units_group", ("6", "g", "x", "z", "enter")),
        ("timeline", ("7",)),
        ("notices", ("8",)),
        ("scores", ("9",)),
        ("scores_detail", ("9", "down", "down")),
        ("roster", ("0",)),
        ("help", ("question_mark",)),
        ("as_of_form", ("d",)),
        ("notice_form", ("8", "n")),
        ("notice_detail", ("8", "enter")),
    ],
)
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_screen(demo_app, snap_compare, name, presses, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=keys(*presses))


def open_task_then(*presses: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.open_task(TaskRef("air", 20, 2023))
        await settle(pilot)
        for press in presses:
            await pilot.press(press)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize(
    ("name", "presses"),
    [("task", ()), ("report_form", ("r",)), ("close_form", ("c",)), ("milestone_form", ("m",))],
)
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_task_screens(demo_app, snap_compare, name, presses, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=open_task_then(*presses))


@pytest.mark.parametrize(("name", "presses"), [("one_year", ()), ("every_year", ("y", "2"))])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_year_switch(two_years, snap_compare, name, presses, size):
    import datetime as dt

    from tui.app import DubanApp

    app = DubanApp(two_years, as_of=dt.date(2024, 11, 15), actor="测试员")
    assert snap_compare(app, terminal_size=size, run_before=keys(*presses))


def test_overview_at_200x60(demo_app, snap_compare):
    assert snap_compare(demo_app, terminal_size=(200, 60), run_before=keys())


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_import_screen(app, snap_compare, size):
    from pathlib import Path

    fixture = Path(__file__).parent.parent / "seed" / "fixtures" / "plan-2024.txt"

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.open_import(fixture)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize(
    ("name", "presses"),
    [
        ("scores", ("9", "e")),
        ("plan_air", ("2", "e")),
        ("notice", ("6", "z", "j", "j", "enter", "e")),
    ],
)
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_export_dialog(demo_db, snap_compare, name, presses, size):
    from pathlib import Path

    from model.demo.generator import DEMO_AS_OF
    from tui.app import DubanApp

    # A fixed folder: the dialog shows the path it will write to.
    folder = Path("/srv/督办导出")
    app = DubanApp(demo_db, as_of=DEMO_AS_OF, actor="测试员", export_dir=folder)
    assert snap_compare(app, terminal_size=size, run_before=keys(*presses))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_busy_line_above_the_footer(demo_app, snap_compare, size):
    """A save waiting for the database: the line sits above the form's footer (#13 review)."""

    async def run_before(pilot) -> None:
        await open_task_then("r")(pilot)
        pilot.app.write_watch.show(3.0)  # as the write policy says it from the worker
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_units_search_hint(demo_app, snap_compare, size):
    """The search field's hint ends in "…" where the field is narrower (#13 review)."""
    assert snap_compare(demo_app, terminal_size=size, run_before=keys("6"))
