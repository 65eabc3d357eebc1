"""The command palette in Chinese: its prompt, its commands, "no matches"; pinyin search."""

from __future__ import annotations

import re

from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import TabbedContent

from tests.tui.conftest import settle
from tui import strings
from tui.screens.task_screen import TaskScreen

# Textual's own words, any of which would mean a built-in text got through untranslated.
ENGLISH = re.compile(r"[A-Za-z]{4,}")


async def open_palette(pilot) -> CommandPalette:
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    return palette


def shown(palette: CommandPalette) -> list[str]:
    """The text of every line the palette lists (the prompts, not the help under them)."""
    options = palette.query_one(CommandList)
    texts = []
    for index in range(options.option_count):
        prompt = options.get_option_at_index(index).prompt
        texts.append(str(getattr(prompt, "renderable", prompt)))
    return texts


async def test_the_palette_speaks_chinese(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        palette = await open_palette(pilot)
        search = palette.query_one(CommandInput)
        assert search.placeholder == strings.PALETTE_PLACEHOLDER
        lines = shown(palette)
        for name in ("退出", "帮助", "截至日期", "导出", "导入计划", "刷新"):
            assert any(name in line for line in lines), name
        assert any(line.endswith(strings.TAB_ROSTER) for line in lines)
        english = [line for line in [search.placeholder, *lines] if ENGLISH.search(line)]
        assert english == []  # no Theme, Keys, Maximize, Screenshot, Quit, "Search for…"
        await pilot.press(*"vvvv")
        await pilot.pause(1.0)  # Textual waits half a second before saying there is nothing
        assert shown(palette) == [strings.PALETTE_NO_MATCHES]


async def test_system_commands_are_the_apps_own(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = app.screen_stack[0]
        names = [command.title for command in app.get_system_commands(main)]
        assert names == ["帮助", "刷新", "截至日期", "导入计划", "导出", "收取报送表", "退出"]
        help_texts = [command.help for command in app.get_system_commands(main)]
        assert not any(ENGLISH.search(text) for text in help_texts)


async def test_the_palettes_quit_asks_like_ctrl_q(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        palette = await open_palette(pilot)
        palette.query_one(CommandInput).value = "退出"
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.return_code == 0


async def jump(pilot, query: str) -> None:
    await open_palette(pilot)
    await pilot.press(*query)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await settle(pilot)


async def test_plans_by_pinyin_initials(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for query, expected in (("kq20", ("air", 20)), ("dxs9", ("groundwater", 9))):
            await jump(pilot, query)
            screen = app.screen
            assert isinstance(screen, TaskScreen), query
            assert (screen.ref.plan_key, screen.ref.number) == expected
            await pilot.press("escape")
            await pilot.pause()


async def test_pages_by_pinyin_initials(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tabs = app.query_one("#tabs", TabbedContent)
        for query, expected in (("ldxz", "roster"), ("tr", "plan-soil-2023"), ("sjz", "timeline")):
            await jump(pilot, query)
            assert tabs.active == expected, query
