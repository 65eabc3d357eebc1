"""Enter on a notice of the 督办 tab opens it: every field, its tasks as 空气 20, the reply
and the follow-up from there, esc or q back; at 80×24 and 120×36."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Input, Select, Static, TabbedContent

from tests.tui.conftest import settle
from tests.tui.screen_text import screen_text
from tests.tui.test_fitted_tables import drawn_rows, problems_of
from tui.screens.notice_form import NoticeForm
from tui.screens.reply_form import ReplyForm
from tui.screens.task_screen import TaskScreen
from tui.widgets.fitted_table import FittedTable
from tui.widgets.notice_screen import NoticeScreen

SIZES = [(80, 24), (120, 36)]
PLAN_KEY = re.compile(r"\b(air|water|soil|groundwater)\b|[a-z]+:\d", re.IGNORECASE)


async def open_notice(pilot, number: str = "督办〔2023〕4号") -> NoticeScreen:
    """The 督办 tab, the cursor on `number`, Enter."""
    app = pilot.app
    await settle(pilot)
    await pilot.press("8")
    await settle(pilot)
    table = app.screen.query_one("#notice-table", FittedTable)
    table.move_cursor(row=table.get_row_index(number))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, NoticeScreen)
    return app.screen


def field(screen: NoticeScreen, key: str) -> str:
    return str(screen.query_one(f"#notice-{key}", Static).render())


@pytest.mark.parametrize("size", SIZES)
async def test_enter_opens_the_notice_with_every_field(demo_app, size):
    async with demo_app.run_test(size=size) as pilot:
        screen = await open_notice(pilot)
        assert screen.number == "督办〔2023〕4号"
        assert {
            key: field(screen, key)
            for key in ("number", "level", "unit", "tasks", "issued", "reply-due", "state")
        } == {
            "number": "督办〔2023〕4号",
            "level": "督办",
            "unit": "山中乡",
            "tasks": "空气 20、地下水 2",
            "issued": "2023-11-06",
            "reply-due": "2023-11-13",
            "state": "逾期未答复",
        }
        assert field(screen, "reply-on") == field(screen, "reply-text") == "—"
        assert field(screen, "body").startswith("以下任务已超过时间节点")
        text = screen_text(demo_app)
        for words in ("督办〔2023〕4号", "山中乡", "空气 20、地下水 2", "逾期未答复", "2023-11-13"):
            assert words in text, words
        assert not PLAN_KEY.search(text)
        # The tasks, with where 山中乡 stands on each, whole or cut with "…".
        table = screen.query_one("#notice-task-table", FittedTable)
        tasks = [dict(cells)["task"] for _, cells in drawn_rows(table)]
        assert tasks == ["空气 20", "地下水 2"]
        assert problems_of(table) == []
        assert "逾期" in dict(drawn_rows(table)[0][1])["status"]
        # Everything fits without scrolling, the keys in the footer.
        page = screen.query_one("#notice-page")
        assert page.virtual_size.height <= page.size.height
        assert page.region.bottom <= size[1] - 1
        for word in ("登记答复", "再次督办/升级", "返回"):
            assert word in text.splitlines()[-1], word


async def test_an_answered_notice_shows_the_reply(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_notice(pilot, "督办〔2023〕3号")
        assert field(screen, "state") == "已答复（2023-11-12）"
        assert field(screen, "reply-on") == "2023-11-12"
        assert field(screen, "reply-text") not in ("", "—")
        await pilot.press("a")  # already answered: said so, no form
        await settle(pilot)
        assert demo_app.screen is screen


@pytest.mark.parametrize("size", SIZES)
async def test_the_reply_is_registered_from_the_notice(demo_app, size):
    async with demo_app.run_test(size=size) as pilot:
        screen = await open_notice(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = demo_app.screen
        assert isinstance(form, ReplyForm) and form.number == "督办〔2023〕4号"
        form.query_one("#reply", Input).value = "已组织整改"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is screen  # back on the notice, read again
        assert field(screen, "state") == "逾期答复（2023-11-15）"
        assert field(screen, "reply-on") == "2023-11-15"
        assert field(screen, "reply-text") == "已组织整改"


async def test_the_follow_up_notice_names_the_unit_and_the_tasks(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_notice(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = demo_app.screen
        assert isinstance(form, NoticeForm)
        assert form.query_one("#unit", Select).value == "山中乡"
        assert form.query_one("#tasks", Input).value == "空气 20、地下水 2"


@pytest.mark.parametrize("key", ["escape", "q"])
async def test_esc_and_q_go_back_to_the_notices(demo_app, key):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_notice(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert not isinstance(demo_app.screen, NoticeScreen)
        assert demo_app.query_one("#tabs", TabbedContent).active == "notices"


async def test_enter_on_a_task_opens_it_and_esc_comes_back(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_notice(pilot)
        table = screen.query_one("#notice-task-table", FittedTable)
        table.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        task = demo_app.screen
        assert isinstance(task, TaskScreen)
        assert (task.ref.plan_key, task.ref.number) == ("groundwater", 2)
        await pilot.press("escape")
        await settle(pilot)
        assert demo_app.screen is screen
