"""The dashboard says while a write waits for a busy database, and clears it after (#13)."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from model.store.audit import record
from model.store.write_policy import WritePolicy
from tests.tui.conftest import settle
from tui.widgets.busy_line import BusyLine


async def test_a_waiting_write_is_shown_until_it_is_done(app, seeded):
    seeded.policy = WritePolicy(busy_seconds=20)
    holder = sqlite3.connect(seeded.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")

    def save() -> None:
        with seeded.write() as session:
            record(session, action="t", entity="t")

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        worker = app.run_worker(save, thread=True)
        for _ in range(100):  # up to 10 s on a loaded machine; about 1 s as a rule
            await asyncio.sleep(0.1)
            lines = list(app.screen.query(BusyLine))
            if lines and "已等 1 秒" in str(lines[0].render()):
                break
        assert "数据库正忙，正在等待…（已等 1 秒）" in str(lines[0].render())
        holder.execute("COMMIT")
        await worker.wait()
        await pilot.pause()
        assert not list(app.screen.query(BusyLine))
    holder.close()
    with seeded.reader() as reader:
        # The seed, the write, and signing.start (the template's first signed write).
        assert reader.rows("SELECT count(*) FROM audit_event") == [(3,)]


async def test_a_failed_daily_backup_is_a_notification(app, seeded, monkeypatch):
    from model.store import safekeeping, write_policy

    write_policy.forget_daily_backups()
    safekeeping.backups_folder(seeded.path).write_text("not a folder")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        seeded.policy.keep = 3

        def save() -> None:
            with seeded.write() as session:
                record(session, action="t", entity="t")

        await app.run_worker(save, thread=True).wait()
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any("今日自动备份未能完成" in m for m in shown)


async def test_ctrl_s_again_while_waiting_saves_once(app, seeded):
    """A second ctrl+s while the first save waits for the database is ignored: one
    report, one dismissal (the task page behind the form stays open)."""
    from textual.widgets import Button, Input, Select

    from model.plans.task_refs import TaskRef
    from tui.screens.report_form import ReportForm
    from tui.screens.task_screen import TaskScreen

    seeded.policy = WritePolicy(busy_seconds=20)

    def reports() -> int:
        with seeded.reader() as reader:
            return int(reader.rows("SELECT count(*) FROM progress_report")[0][0])

    before = reports()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_task(TaskRef("air", 20))
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ReportForm)
        unit = form.query_one("#unit", Select)
        if unit.value is Select.NULL:
            unit.value = next(v for _, v in unit._options if v is not Select.NULL)
        form.query_one("#percent", Input).value = "40"
        form.query_one("#note", Input).value = "推进中"
        holder = sqlite3.connect(seeded.path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("ctrl+s")
            for _ in range(100):  # until the save waits (about 1 s as a rule)
                await asyncio.sleep(0.1)
                if list(form.query(BusyLine)):
                    break
            assert form.busy and form.query_one("#save", Button).disabled
            await pilot.press("ctrl+s")
            await pilot.press("escape")  # not while saving: the outcome is shown here
            await pilot.pause()
            assert app.screen is form
        finally:
            holder.execute("COMMIT")
            holder.close()
        for _ in range(100):
            await settle(pilot)
            if app.screen is not form:
                break
        assert isinstance(app.screen, TaskScreen)
    assert reports() == before + 1


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_the_busy_line_sits_above_the_footer_and_the_form_fits(demo_app, size):
    from textual.widgets import Button, Footer

    from model.plans.task_refs import TaskRef
    from tui.screens.report_form import ReportForm

    async with demo_app.run_test(size=size) as pilot:
        await settle(pilot)
        demo_app.open_task(TaskRef("air", 20))
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        form = demo_app.screen
        assert isinstance(form, ReportForm)
        demo_app.write_watch.show(3.0)
        await settle(pilot)
        line = form.query_one(BusyLine)
        footer = form.query_one(Footer)
        assert line.region.bottom == footer.region.y  # right above, not over it
        assert line.region.height == 1 and footer.region.height == 1
        for widget in [*form.query(Button), form.query_one(".dialog")]:
            assert not widget.region.overlaps(line.region), widget
        demo_app.write_watch.show(None)
        await settle(pilot)
        assert not list(form.query(BusyLine))
