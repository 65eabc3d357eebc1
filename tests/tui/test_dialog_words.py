"""The dialogs speak of their own boxes and say what is wrong with a path (#13 review)."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, Label

from tests.tui.conftest import settle
from tests.tui.test_forms import open_form
from tui import strings


async def refusal(pilot, form) -> str:
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert pilot.app.screen is form
    return str(form.query_one("#form-error", Label).render())


@pytest.mark.parametrize("overwrite", [False, True])
async def test_an_export_onto_a_folder_or_a_device_is_said_with_the_dialogs_box(
    demo_app, tmp_path, overwrite
):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, "export")
        box = form.query_one("#export-unsigned", Checkbox)
        assert "签名密钥" in str(box.label) and "密钥环" not in str(box.label)
        form.query_one("#export-overwrite", Checkbox).value = overwrite
        for target in (str(tmp_path), "/dev/null"):
            form.query_one("#export-path", Input).value = target
            error = await refusal(pilot, form)
            assert "不是普通文件" in error and "勾选“覆盖已有文件”也不会覆盖它" in error
            assert "--" not in error


async def test_importing_a_folder_or_a_device_says_it_is_not_a_file(demo_app, tmp_path):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, "import-path")
        for target in (str(tmp_path), "/dev/null"):
            form.query_one("#path", Input).value = target
            assert await refusal(pilot, form) == strings.PATH_NOT_A_FILE.format(path=target)
        missing = str(tmp_path / "无此文件.txt")
        form.query_one("#path", Input).value = missing
        assert await refusal(pilot, form) == strings.PATH_MISSING.format(path=missing)
