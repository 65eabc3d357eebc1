"""The unit check shows the unit's liaison (联络人) and edits it with a form (#14): saved in
a worker through the audited service, refused with the model's words, cancelled by esc."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, Label, Static

from model.status.returns import Liaison, liaisons
from model.units.resolver import find_unit
from tests.tui.conftest import settle
from tui.screens.liaison_form import LiaisonForm

SIZES = [(80, 24), (120, 36)]
SIZE_IDS = ["80x24", "120x36"]
ZJJ = ("6", "z", "j", "j", "enter")  # the 单位 tab, 住建局 found by its initials


def liaison_of(database, unit: str = "住建局") -> Liaison | None:
    with database.read() as session:
        found, _ = find_unit(session, unit)
        return liaisons(session, [found.id]).get(found.id)


def events(database) -> int:
    with database.read() as session:
        # The first signed write of the (unsigned) template also says 启用签名: not counted.
        return len(
            session.connection()
            .exec_driver_sql("SELECT id FROM audit_event WHERE action <> 'signing.start'")
            .all()
        )


async def press(pilot, *keys: str) -> None:
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def summary(app) -> str:
    return str(app.query_one("#unit-summary", Static).render())


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_liaison_form(demo_app, snap_compare, size):
    async def run_before(pilot) -> None:
        await press(pilot, *ZJJ, "l")

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_unit_without_a_liaison(demo_app, snap_compare, size):
    # 山中乡 has named none in the demo: the unit check says so.
    async def run_before(pilot) -> None:
        await press(pilot, "6", "s", "z", "x", "enter")

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)


async def test_the_unit_check_shows_and_edits_the_liaison(demo_app, demo_db):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await press(pilot, *ZJJ)
        assert "联络人：赵丽 0357-5521222" in summary(demo_app)
        await press(pilot, "l")
        form = demo_app.screen
        assert isinstance(form, LiaisonForm)
        assert form.query_one("#name", Input).value == "赵丽"
        assert form.query_one("#phone", Input).value == "0357-5521222"
        # A phone the settings' rule refuses: marked as typed, refused on save, nothing written.
        form.query_one("#phone", Input).value = "找办公室"
        await press(pilot)
        assert not form.query_one("#phone", Input).is_valid
        before = events(demo_db)
        await press(pilot, "ctrl+s")
        assert demo_app.screen is form
        error = str(form.query_one("#form-error", Label).render())
        assert "联系电话「找办公室」不是电话号码" in error
        assert events(demo_db) == before
        form.query_one("#phone", Input).value = "13812345678"
        form.query_one("#note", Input).value = "环保股"
        form.query_one("#reason", Input).value = "换手机"
        await press(pilot, "ctrl+s")
        assert not isinstance(demo_app.screen, LiaisonForm)
        assert liaison_of(demo_db) == Liaison("赵丽", "13812345678", "环保股")
        assert events(demo_db) == before + 1
        assert "联络人：赵丽 13812345678（环保股）" in summary(demo_app)
        # Cleared from the same form; esc on another leaves it as it is.
        await press(pilot, "l")
        demo_app.screen.query_one("#clear", Checkbox).value = True
        await press(pilot, "ctrl+s")
        assert liaison_of(demo_db) is None
        assert "联络人：未确定" in summary(demo_app)
        await press(pilot, "l")
        assert not demo_app.screen.query("#clear")  # nothing on record to clear
        demo_app.screen.query_one("#name", Input).value = "钱多"
        await press(pilot, "escape")
        assert not isinstance(demo_app.screen, LiaisonForm)
        assert liaison_of(demo_db) is None and events(demo_db) == before + 2


async def test_a_group_has_no_liaison_form(demo_app):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await press(pilot, "6", "g", "x", "z", "enter")
        assert "联络人" not in summary(demo_app)
        await press(pilot, "l")
        assert not isinstance(demo_app.screen, LiaisonForm)
        said = [n.message for n in demo_app._notifications]
        assert any("是单位组，不能确定联络人" in m for m in said)
