"""Text from the user, the database or the system is shown as typed, never read as markup
(#13 review): a path holding `[/b]` once ended the dashboard with a MarkupError, and
`[database]` vanished from the text around it."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label, Select
from textual.widgets._toast import Toast

from tests.tui.conftest import settle
from tests.tui.screen_text import screen_text
from tests.tui.test_forms import OPENERS, back_to_main, open_form
from tui.screens.form_screen import Dialog
from tui.screens.notice_form import NoticeForm
from tui.screens.report_form import ReportForm

SAMPLES = ["[/b]", "[bold]x[/bold]", "[database]y.xlsx"]


def shown(label: Label) -> str:
    return str(label.render())


async def test_every_form_shows_its_error_as_typed(demo_app):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        for name in OPENERS:
            form = await open_form(pilot, name)
            for sample in SAMPLES:
                form.show_error(f"出错：{sample}")
                await pilot.pause()
                assert shown(form.query_one("#form-error", Label)) == f"出错：{sample}", name
            assert "出错：[database]y.xlsx" in screen_text(demo_app)
            await back_to_main(pilot)


def pick_unit(form: Dialog) -> None:
    unit = form.query_one("#unit", Select)
    if unit.value is Select.NULL:
        unit.value = next(v for _, v in unit._options if v is not Select.NULL)


async def submit(pilot, form: Dialog) -> str:
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert pilot.app.screen is form  # refused, not saved, and the app still runs
    return shown(form.query_one("#form-error", Label))


async def test_an_export_path_with_brackets_is_said_as_typed(demo_app, tmp_path):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, "export")
        path = form.query_one("#export-path", Input)
        path.value = f"{tmp_path}/[/b]/y.xlsx"  # a folder that does not exist
        assert f"{tmp_path}/[/b]" in await submit(pilot, form)
        (tmp_path / "[database]y.xlsx").write_bytes(b"")
        path.value = f"{tmp_path}/[database]y.xlsx"
        assert "[database]y.xlsx" in await submit(pilot, form)


async def test_a_notice_with_brackets_for_tasks_is_refused_in_words(demo_app):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, "notice")
        assert isinstance(form, NoticeForm)
        pick_unit(form)
        form.query_one("#tasks", Input).value = "[/b]"
        assert "[/b]" in await submit(pilot, form)


async def test_evidence_not_found_is_said_even_with_brackets(demo_app, tmp_path):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, "report")
        assert isinstance(form, ReportForm)
        pick_unit(form)
        form.query_one("#percent", Input).value = "40"
        form.query_one("#note", Input).value = "推进中"
        form.query_one("#evidence", Input).value = f"{tmp_path}/[/i]/a.pdf"
        error = await submit(pilot, form)
        assert f"{tmp_path}/[/i]/a.pdf" in error
        assert "日志" not in error  # said in words, not as a failure logged
        assert not demo_app._notifications


async def test_an_import_path_with_brackets_is_said_as_typed(demo_app, tmp_path):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, "import-path")
        form.query_one("#path", Input).value = f"{tmp_path}/[x]/a.txt"
        assert f"{tmp_path}/[x]/a.txt" in await submit(pilot, form)


@pytest.mark.parametrize("sample", SAMPLES)
async def test_a_notification_is_shown_as_typed(demo_app, sample):
    async with demo_app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        demo_app.notify(f"甲{sample}")
        demo_app.screen.notify(f"乙{sample}")  # a widget's notify asks for markup
        demo_app.notify(f"丙{sample}", markup=True)
        await settle(pilot)
        assert all(not n.markup for n in demo_app._notifications)
        toasts = [str(toast.render()) for toast in demo_app.screen.query(Toast)]
        assert toasts == [f"{mark}{sample}" for mark in "甲乙丙"]


async def test_a_busy_line_and_a_row_detail_are_plain(demo_app):
    from tui.widgets.busy_line import BusyLine
    from tui.widgets.fitted_table import RowDetail

    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        line, detail = BusyLine("[/b] 等待"), RowDetail()
        await demo_app.screen.mount(line)
        await demo_app.screen.mount(detail)
        detail.update("[bold]x[/bold]")
        await pilot.pause()
        assert str(line.render()) == "[/b] 等待"
        assert str(detail.render()) == "[bold]x[/bold]"


async def test_a_unit_named_with_brackets_is_listed_as_named(demo_app):
    from textual.widgets import OptionList

    from model.units.search import UnitCandidate
    from tui.widgets.unit_pane import UnitPane

    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        pane = demo_app.query_one(UnitPane)
        pane.data = [UnitCandidate("[/b]局", "department", ()), *(pane.data or [])]
        pane.render_hits()
        await pilot.pause()
        first = pane.query_one("#unit-hits", OptionList).get_option_at_index(0)
        assert str(first.prompt).startswith("[/b]局")
        assert "[/b]局" in screen_text(demo_app)


def test_a_palette_hit_is_highlighted_as_plain_text():
    from textual.fuzzy import Matcher

    from tui.commands import highlight

    for text in ("单位：[/b]局", "任务：空气 1 [bold]x[/bold]"):
        shown = highlight(Matcher("b"), text)
        assert shown.plain == text
        assert shown.spans  # the match is still marked
