"""The export dialog: presets from the screen on show, a signed file, refusals in place."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from textual.widgets import Checkbox, Input, Label, Select

from exports.signing import check_file
from model.demo.generator import DEMO_AS_OF
from tests.tui.conftest import settle
from tui import strings
from tui.app import DubanApp
from tui.screens.export_dialog import ExportDialog


@pytest.fixture
def export_app(demo_db, tmp_path) -> DubanApp:
    return DubanApp(demo_db, as_of=DEMO_AS_OF, actor="测试员", export_dir=tmp_path / "导出")


async def open_dialog(pilot, *presses: str) -> ExportDialog:
    await settle(pilot)
    for press in (*presses, "e"):
        await pilot.press(press)
        await settle(pilot)
    assert isinstance(pilot.app.screen, ExportDialog)
    return pilot.app.screen


async def test_scores_tab_exports_signed_scorecards(export_app, tmp_path):
    (tmp_path / "导出").mkdir()
    async with export_app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(pilot, "9")
        assert dialog.query_one("#export-kind", Select).value == "scorecards"
        dialog.query_one("#export-format", Select).value = "docx"
        await pilot.pause()
        path = tmp_path / "导出" / "年终考核评分表_演示_2023-11-15.docx"
        assert dialog.query_one("#export-path", Input).value == str(path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(export_app.screen, ExportDialog)
    assert path.exists() and check_file(path).kind == "scorecards"


async def test_plan_tab_presets_the_plan_and_refusals_stay_in_the_dialog(export_app, tmp_path):
    (tmp_path / "导出").mkdir()
    keyring.set_keyring(fail.Keyring())
    async with export_app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(pilot, "2")
        assert dialog.query_one("#export-kind", Select).value == "progress"
        assert dialog.query_one("#export-plan", Select).value == "air"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert export_app.screen is dialog  # still open, with the reason
        error = str(dialog.query_one("#form-error", Label).render())
        # In the dialog's words: its 不签名 box, never the command line's --unsigned.
        assert "勾选“不签名”" in error and "--" not in error
        assert not list((tmp_path / "导出").iterdir())
        # The focus is on the box the reason names: space ticks it, ctrl+s exports.
        assert dialog.focused is dialog.query_one("#export-unsigned", Checkbox)
        await pilot.press("space")
        assert dialog.query_one("#export-unsigned", Checkbox).value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(export_app.screen, ExportDialog)
    written = sorted(p.name for p in (tmp_path / "导出").iterdir())
    assert written == ["重点任务进展情况表_空气_演示_2023-11-15.xlsx"]


async def test_notice_for_the_unit_on_show(export_app, tmp_path):
    async with export_app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(pilot, "6", "k", "c", "z", "enter")
        assert dialog.query_one("#export-kind", Select).value == "notice"
        assert dialog.query_one("#export-unit", Select).value == "克城镇"
        dialog.query_one("#export-format", Select).value = "md"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        # The configured folder does not exist: said in the dialog, nothing created.
        assert "输出目录不存在" in str(dialog.query_one("#form-error", Label).render())
        assert not (tmp_path / "导出").exists()
        await pilot.press("escape")
        assert not isinstance(export_app.screen, ExportDialog)


async def test_a_later_as_of_reports_the_latest_plan_year_at_its_end(demo_db, tmp_path):
    """Run today (2026) on the 2023 plans: the report is of 2023, as of 2023-12-31."""
    import datetime as dt

    folder = tmp_path / "导出"
    folder.mkdir()
    app = DubanApp(demo_db, as_of=dt.date(2026, 11, 28), actor="测试员", export_dir=folder)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(pilot, "2")
        assert dialog.query_one("#export-plan", Select).value == "air"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
    path = folder / "重点任务进展情况表_空气_演示_2023-12-31.xlsx"
    assert check_file(path).as_of == "2023-12-31"


SIZES = [(80, 24), (120, 36)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_path_is_edited_and_an_existing_file_needs_the_overwrite_box(
    export_app, tmp_path, size
):
    (tmp_path / "导出").mkdir()
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    target = elsewhere / "考核.xlsx"
    async with export_app.run_test(size=size) as pilot:
        dialog = await open_dialog(pilot, "9")
        path = dialog.query_one("#export-path", Input)
        assert path.value == str(tmp_path / "导出" / "年终考核评分表_演示_2023-11-15.xlsx")
        path.value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(export_app.screen, ExportDialog)
        assert check_file(target).kind == "scorecards"
        first = target.stat().st_mtime_ns

        # The same file again: refused in words about the box, the box focused.
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-kind", Select).value = "scorecards"
        await pilot.pause()
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert export_app.screen is dialog
        error = dialog.query_one("#form-error", Label)
        text = str(error.render())
        assert text == strings.EXPORT_EXISTS.format(name=target.name)
        assert "覆盖已有文件" in text and "--force" not in text
        overwrite = dialog.query_one("#export-overwrite", Checkbox)
        assert dialog.focused is overwrite
        await pilot.press("space")  # ticked: the refusal no longer holds
        await pilot.pause()
        assert overwrite.value and not error.display
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(export_app.screen, ExportDialog)
    assert target.stat().st_mtime_ns > first
    assert check_file(target).kind == "scorecards"
    assert not list((tmp_path / "导出").iterdir())  # nothing went to the default folder


async def test_a_bare_name_goes_into_the_export_folder(export_app, tmp_path):
    (tmp_path / "导出").mkdir()
    async with export_app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot, "9")
        dialog.query_one("#export-path", Input).focus()
        await pilot.press("ctrl+u", *"我的评分表.xlsx", "enter")  # enter exports too
        await settle(pilot)
        assert not isinstance(export_app.screen, ExportDialog)
    assert check_file(tmp_path / "导出" / "我的评分表.xlsx").kind == "scorecards"


async def test_the_path_follows_the_choices_and_keeps_what_was_typed(export_app, tmp_path):
    folder = tmp_path / "导出"
    async with export_app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot, "9")
        path = dialog.query_one("#export-path", Input)
        kind = dialog.query_one("#export-kind", Select)
        fmt = dialog.query_one("#export-format", Select)
        fmt.value = "docx"
        await pilot.pause()
        assert path.value == str(folder / "年终考核评分表_演示_2023-11-15.docx")
        # Another folder, the report's name: the folder stays, the name follows.
        path.value = str(tmp_path / "别处" / "年终考核评分表_演示_2023-11-15.docx")
        kind.value = "bulletin"
        await pilot.pause()
        assert path.value == str(tmp_path / "别处" / "月度通报_演示_2023-11-15.docx")
        # A name of one's own: kept, with the format's suffix.
        path.value = str(tmp_path / "别处" / "十一月.docx")
        fmt.value = "md"
        await pilot.pause()
        assert path.value == str(tmp_path / "别处" / "十一月.md")


async def test_demo_exports_are_named_as_demo_and_real_ones_are_not(demo_db, seeded, tmp_path):
    from tests.conftest import AS_OF

    for database, as_of, demo in ((demo_db, DEMO_AS_OF, True), (seeded, AS_OF, False)):
        app = DubanApp(database, as_of=as_of, actor="测试员", export_dir=tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            dialog = await open_dialog(pilot, "9")
            name = Path(dialog.query_one("#export-path", Input).value).name
        assert name.startswith("年终考核评分表_") and name.endswith(".xlsx")
        assert ("_演示_" in name) is demo, name


async def test_a_notice_needs_a_unit_and_a_unit_with_nothing_late_is_told_so(export_app, tmp_path):
    (tmp_path / "导出").mkdir()
    async with export_app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(pilot, "8")
        dialog.query_one("#export-kind", Select).value = "notice"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(dialog.query_one("#form-error", Label).render()) == strings.EXPORT_PICK_UNIT
        dialog.query_one("#export-unit", Select).value = "住建局"  # all green: nothing late
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(dialog.query_one("#form-error", Label).render())
        assert "无需下发督办通知单" in error and "--" not in error


async def test_a_name_with_no_room_for_its_manifest_is_said_and_unsigned_is_written(
    export_app, tmp_path
):
    name = "长" * 83 + ".xlsx"  # 254 bytes: fits, its .sig.toml beside it would not
    async with export_app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-path", Input).value = str(tmp_path / name)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert export_app.screen is dialog
        error = str(dialog.query_one("#form-error", Label).render())
        assert "最多 242 字节，约 80 个汉字" in error and ".sig.toml" in error
        dialog.query_one("#export-unsigned", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(export_app.screen, ExportDialog)
    assert (tmp_path / name).is_file()
