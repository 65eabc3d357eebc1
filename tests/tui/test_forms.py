"""Every form and dialog, driven by keys at 80×24 and 120×36: the focus starts on the first
field, the buttons and the form's own keys are on screen, errors wrap in full and go once
fixed, tasks are typed and shown as 空气 3."""

from __future__ import annotations

import math

import pytest
from rich.cells import cell_len
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select
from textual.widgets._footer import FooterKey

from model.plans.task_refs import TaskRef
from model.status.notices import list_notices
from tests.tui.conftest import settle
from tui import strings
from tui.screens.adjustment_form import AdjustmentForm
from tui.screens.form_screen import FIELDS, Dialog
from tui.screens.notice_form import NoticeForm
from tui.screens.report_form import ReportForm

SIZES = [(80, 24), (120, 36)]
EPB = "市生态环境局蒲县分局"  # holds 空气 3, 空气 4 and 地下水 9

# How each form is opened, as a user would: keys from the overview, "task" opens 空气 20.
OPENERS = {
    "report": ("task", "r"),
    "closure": ("task", "c"),
    "milestone": ("task", "m"),
    "task-notice": ("task", "n"),
    "notice": ("8", "n"),
    "reply": ("8", "a"),
    "adjustment": ("9", "a"),
    "as-of": ("d",),
    "import-path": ("i",),
    "export": ("e",),
    "liaison": ("6", "z", "j", "j", "enter", "l"),  # #14: the unit check's 联络人
}


async def open_form(pilot, name: str) -> Dialog:
    app = pilot.app
    await settle(pilot)
    for press in OPENERS[name]:
        if press == "task":
            app.open_task(TaskRef("air", 20))
        else:
            await pilot.press(press)
        await settle(pilot)
    assert isinstance(app.screen, Dialog), name
    return app.screen


def fields(screen: Screen) -> list[Widget]:
    """The fields that take the focus in turn (not those of a hidden row)."""
    shown = set(screen.query(FIELDS))
    return [w for w in screen.focus_chain if w in shown]


def footer_keys(screen: Screen) -> dict[str, str]:
    return {key.description: key.key_display for key in screen.query(FooterKey)}


def on_screen(widget: Widget, screen: Screen) -> bool:
    """Drawn whole, inside the screen and above the footer; a field inside the part of the
    scrolled fields in view, a button below it (nothing drawn over either)."""
    footer_top = screen.size.height - 1
    region = widget.region
    body = screen.query_one(".dialog-body").region
    inside = (
        body.contains_region(region) if body.contains_region(region) else region.y >= body.bottom
    )
    return (
        region.width > 0
        and region.height > 0
        and screen.region.contains_region(region)
        and region.bottom <= footer_top
        and inside
    )


async def back_to_main(pilot) -> None:
    while len(pilot.app.screen_stack) > 1:
        pilot.app.pop_screen()
    await settle(pilot)


async def test_focus_buttons_and_footer(demo_app):
    # Every form in one app (one start-up, not one a form: the suite stays quick), at 80×24:
    # the size where fields and buttons compete for rows. At 120×36 every form fits whole
    # (the snapshots show each of them there).
    async with demo_app.run_test(size=(80, 24)) as pilot:
        for name in OPENERS:
            form = await open_form(pilot, name)
            # The first field has the focus, not the scroll container.
            assert form.focused is fields(form)[0], name
            # Both buttons are drawn on screen, at every size.
            buttons = list(form.query(Button))
            assert [b.id for b in buttons] == [form.submit_id, "cancel"], name
            for button in buttons:
                assert on_screen(button, form), (name, button.id, button.region)
            # The footer is the form's own: its keys, not the screen's behind it.
            keys = footer_keys(form)
            assert keys[form.submit_label] == "^s", name
            assert keys[strings.CANCEL] == "esc", name
            assert strings.REPORT_KEY not in keys and strings.QUIT not in keys, name
            # Moving through every field keeps the focused field and the buttons in view.
            for _ in fields(form)[1:]:
                await pilot.press("tab")
                await pilot.pause()
                assert form.focused is not None and on_screen(form.focused, form), (
                    name,
                    form.focused,
                )
                assert all(on_screen(b, form) for b in buttons), name
            await back_to_main(pilot)


@pytest.mark.parametrize(("name", "count"), [("report", 8), ("export", 6), ("notice", 6)])
async def test_a_long_error_leaves_every_field_reachable_and_in_view(demo_app, name, count):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, name)
        message = "无法使用系统密钥环保存签名密钥，请先配置密钥环。" * 6
        form.show_error(message)
        await pilot.pause()
        error = form.query_one("#form-error", Label)
        assert on_screen(error, form)
        assert error.region.height >= math.ceil(cell_len(message) / error.region.width) >= 4
        seen = [form.focused]
        for _ in fields(form)[1:]:
            await pilot.press("tab")
            await pilot.pause()
            seen.append(form.focused)
            assert form.focused is not None and on_screen(form.focused, form), form.focused
            assert all(on_screen(b, form) for b in form.query(Button))
        assert seen == fields(form)  # every field reached in turn, none skipped
        assert len(seen) == count


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_typing_goes_into_the_first_field_and_ctrl_s_saves(demo_app, size):
    results: list[str | None] = []
    async with demo_app.run_test(size=size) as pilot:
        await settle(pilot)
        demo_app.push_screen(
            AdjustmentForm("水利局", 2023, demo_app.as_of, "测试员"), results.append
        )
        await pilot.pause()
        await pilot.press("-", "1", ".", "5", "tab", *"ok")
        form = demo_app.screen
        assert isinstance(form, AdjustmentForm)
        assert form.query_one("#points", Input).value == "-1.5"
        assert form.query_one("#reason", Input).value == "ok"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is not form
    assert results == [strings.SAVED_ADJUST.format(unit="水利局")]


async def test_tab_to_a_field_below_a_select_and_type(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "report")
        assert isinstance(form, ReportForm)
        await pilot.press("enter", "down", "enter")  # the unit, from the list
        await pilot.press("tab", "tab", "tab", "4", "0")  # date, status, percent
        assert form.query_one("#unit", Select).value is not Select.NULL
        assert form.query_one("#percent", Input).value == "40"


async def test_escape_cancels_and_writes_nothing(demo_app):
    results: list[str | None] = []
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        demo_app.push_screen(
            AdjustmentForm("水利局", 2023, demo_app.as_of, "测试员"), results.append
        )
        await pilot.pause()
        await pilot.press("2", "tab", *"ok", "escape")
        await settle(pilot)
        assert not isinstance(demo_app.screen, Dialog)
    assert results == [None]
    from sqlalchemy import select

    from model.store.schema import ScoreAdjustment

    with demo_app.database.read() as session:
        reasons = session.scalars(select(ScoreAdjustment.reason)).all()
    assert "ok" not in reasons


async def test_cancel_button_cancels(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "notice")
        await pilot.click("#cancel")
        await pilot.pause()
        assert demo_app.screen is not form


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_an_error_wraps_in_full_and_goes_once_fixed(demo_app, size):
    piece = "甲乙丙丁戊己庚辛壬癸" * 4
    message = strings.ERR_TASKS.format(ref=piece)
    async with demo_app.run_test(size=size) as pilot:
        form = await open_form(pilot, "task-notice")
        error = form.query_one("#form-error", Label)
        assert not error.display  # no error, no empty line
        tasks = form.query_one("#tasks", Input)
        tasks.value = f"空气 20、{piece}"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form is demo_app.screen
        assert error.display and str(error.render()) == message
        # Wrapped inside the dialog, every line of it drawn.
        dialog = form.query_one(".dialog")
        assert dialog.content_region.contains_region(error.region)
        assert error.region.height >= math.ceil(cell_len(message) / error.region.width) > 1
        assert all(on_screen(b, form) for b in form.query(Button))
        # Another field changed: the error still holds, it stays.
        form.query_one("#body", Input).value = "请抓紧整改"
        await pilot.pause()
        assert str(error.render()) == message
        # The field fixed: the error goes at once, before any save.
        tasks.value = "空气 20"
        await pilot.pause()
        assert not error.display and form.error_text == ""


async def test_a_failed_save_is_shown_and_goes_on_the_next_change(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "reply")
        form.query_one("#date", Input).value = "2023-12-01"  # after the as-of date
        form.query_one("#reply", Input).value = "已整改"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = form.query_one("#form-error", Label)
        assert "晚于截至日期" in str(error.render())
        form.query_one("#date", Input).value = "2023-11-15"
        await pilot.pause()
        assert not error.display


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_tasks_are_typed_and_shown_as_plan_and_number(demo_app, size):
    results: list[str | None] = []
    async with demo_app.run_test(size=size) as pilot:
        form = await open_form(pilot, "task-notice")
        tasks = form.query_one("#tasks", Input)
        assert tasks.value == "空气 20"  # the task screen's task, as a person types it
        assert "air" not in tasks.placeholder and "空气 3" in tasks.placeholder
        form.dismiss(None)
        await settle(pilot)
        demo_app.push_screen(
            NoticeForm([EPB], demo_app.as_of, unit=EPB, tasks="空气 3、地下水 9"),
            results.append,
        )
        await pilot.pause()
        form = demo_app.screen
        assert form.query_one("#tasks", Input).value == "空气 3、地下水 9"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is not form, str(form.query_one("#form-error", Label).render())
    assert results and results[0]
    with demo_app.database.read() as session:
        latest = list_notices(session, demo_app.as_of)[-1]
    assert latest.unit == EPB
    assert latest.tasks == ("空气 第 3 项任务", "地下水 第 9 项任务")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("kq3 dxs9", "空气 3、地下水 9"), ("gw9", "地下水 9"), ("空气 3，4", "空气 3、空气 4")],
)
async def test_pinyin_initials_and_keys_are_still_accepted(demo_app, typed, shown):
    results: list[str | None] = []
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        demo_app.push_screen(
            NoticeForm([EPB], demo_app.as_of, unit=EPB, tasks=typed), results.append
        )
        await settle(pilot)  # mounted and filled in, even on a loaded machine
        assert demo_app.screen.query_one("#tasks", Input).value == shown
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert results and results[0]


async def test_a_bad_task_is_named_without_plan_keys(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "task-notice")
        form.query_one("#tasks", Input).value = "空气 20、第三项"
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = str(form.query_one("#form-error", Label).render())
        assert text == strings.ERR_TASKS.format(ref="第三项")
        assert "air" not in text and ":" not in text


async def test_the_as_of_form_takes_enter_and_its_button(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "as-of")
        date = form.query_one("#as-of", Input)
        assert form.focused is date
        await pilot.press("end", *["backspace"] * 10, *"2023-10-01")
        assert date.value == "2023-10-01"
        await pilot.click(f"#{form.submit_id}")
        await settle(pilot)
        assert demo_app.screen is not form
        assert str(demo_app.as_of) == "2023-10-01"


async def test_the_tasks_field_is_checked_as_you_type(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "task-notice")
        tasks = form.query_one("#tasks", Input)
        tasks.focus()
        await pilot.press("end", "space", *"第三项")
        assert tasks.value == "空气 20 第三项"
        assert tasks.has_class("-invalid")
        await pilot.press(*["backspace"] * 3, *"kq3")
        assert tasks.value == "空气 20 kq3"
        assert tasks.has_class("-valid")
