"""A worker that raises: the user is told what failed, the traceback goes to the log."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input, Label, Select, TabbedContent

from model.core.errors import InputError
from model.plans.task_refs import TaskRef
from tests.tui.conftest import settle
from tui.events import log_file
from tui.screens.export_dialog import ExportDialog
from tui.screens.report_form import ReportForm


def toasts(app) -> list[str]:
    """The text of every notification on screen."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """platformdirs puts logs under XDG_STATE_HOME on Linux: keep them in the test's folder."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


async def test_a_failing_pane_is_named_and_its_traceback_logged(app, log_dir, monkeypatch):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom in milestone_rows")

    monkeypatch.setattr("tui.widgets.timeline_pane.milestone_rows", broken)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        path = log_file()
        assert path.is_relative_to(log_dir)
        shown = toasts(app)
        assert len(shown) == 1
        text = "".join(shown[0].split())  # the toast wraps the long path
        assert text == f"读取“时间轴”时出错，详情已写入日志：{path}".replace(" ", "")
        assert "boom" not in shown[0] and "Traceback" not in shown[0]
        # The app carries on: other tabs still load.
        await pilot.press("1")
        await settle(pilot)
        assert app.query_one("#tabs", TabbedContent).active == "overview"
        assert app.is_running
    log = path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: boom in milestone_rows" in log
    assert "读取“时间轴”" in log


async def test_an_expected_error_shows_its_own_message_and_logs_nothing(app, log_dir, monkeypatch):
    def refused(*args: object, **kwargs: object) -> None:
        raise InputError("时间节点暂不可用")

    monkeypatch.setattr("tui.widgets.timeline_pane.milestone_rows", refused)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert toasts(app) == ["时间节点暂不可用"]
    assert not log_file().exists()


async def test_a_failing_save_keeps_the_form_open(app, log_dir, monkeypatch):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("tui.screens.report_form.record_report", broken)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        app.open_task(TaskRef("soil", 1))
        await settle(pilot)
        await pilot.press("r")
        form = app.screen
        assert isinstance(form, ReportForm)
        form.query_one("#unit", Select).value = "市生态环境局蒲县分局"
        form.query_one("#percent", Input).value = "30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # what was typed is still there
        assert form.query_one("#percent", Input).value == "30"
        text = "".join("".join(toasts(app)).split())
        assert text.startswith("保存“登记进展报送·土壤第1项任务”时出错，详情已写入日志：")
    assert "RuntimeError: disk on fire" in log_file().read_text(encoding="utf-8")


async def test_help_names_the_log_file(app, log_dir):
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = "".join(str(label.render()) for label in app.screen.query(Label))
        assert str(log_file()) in text


async def test_a_failing_export_is_named_and_the_dialog_can_retry(demo_app, log_dir, monkeypatch):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr("tui.screens.export_dialog.run_export", broken)
    async with demo_app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("9", "e")
        await settle(pilot)
        dialog = demo_app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is dialog
        assert not dialog.query_one("#export", Button).disabled
        text = "".join("".join(toasts(demo_app)).split())
        assert text.startswith("导出“年终考核评分表”时出错，详情已写入日志：")
    assert "RuntimeError: renderer crashed" in log_file().read_text(encoding="utf-8")


async def test_a_failing_task_screen_is_named_and_the_pane_reads_again(app, log_dir, monkeypatch):
    calls = {"n": 0}
    from model.status import timeline

    real = timeline.milestone_rows

    def broken_once(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("boom once")
        return real(*args, **kwargs)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom in task_detail")

    monkeypatch.setattr("tui.screens.task_screen.task_detail", broken)
    monkeypatch.setattr("tui.widgets.timeline_pane.milestone_rows", broken_once)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        app.open_task(TaskRef("air", 3))
        await settle(pilot)
        assert any("出错，详情已写入日志" in "".join(t.split()) for t in toasts(app))
        assert app.is_running
        await pilot.press("escape")
        await settle(pilot)
        # A pane whose read failed reads again when it is shown again.
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert calls["n"] == 2
        assert app.query_one("#tabs", TabbedContent).active == "timeline"
    assert "RuntimeError: boom in task_detail" in log_file().read_text(encoding="utf-8")
