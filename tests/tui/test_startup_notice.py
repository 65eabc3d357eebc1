"""What `duban` has to say before the app starts (a database just created) is shown inside
the app, where the user sees it, not on the terminal the app covers."""

from __future__ import annotations

from model.core.settings import load_settings
from tests.conftest import AS_OF
from tests.tui.conftest import settle
from tui.app import DubanApp
from tui.cli.dashboard import run_dashboard

NOTICE = "已创建并初始化数据库：/tmp/[办公室]/duban.sqlite3（导入 4 个计划、68 项任务）"


def toasts(app: DubanApp) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def test_the_startup_notice_is_shown_when_the_app_is_up(seeded):
    app = DubanApp(seeded, as_of=AS_OF, actor="测试员", startup_notice=NOTICE)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        assert any(NOTICE in text for text in toasts(app))  # brackets shown, not markup


async def test_no_notice_without_one(seeded):
    app = DubanApp(seeded, as_of=AS_OF, actor="测试员")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        assert toasts(app) == []


def test_the_command_hands_its_notice_to_the_app(seeded, monkeypatch):
    seen: list[str | None] = []
    monkeypatch.setattr(DubanApp, "run", lambda self: seen.append(self.startup_notice))
    run_dashboard(seeded, load_settings(), AS_OF, startup_notice=NOTICE)
    assert seen == [NOTICE]
