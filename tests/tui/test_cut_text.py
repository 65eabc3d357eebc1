"""Text too long for its place wraps or ends in "…", never cut silently (#13 review)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input

from tests.tui.conftest import settle
from tests.tui.screen_text import screen_text
from tui import strings

LOG = Path("/home/督办/.local/state/duban/log/duban.log")


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_the_help_shows_the_whole_log_path(demo_app, monkeypatch, size):
    monkeypatch.setattr("tui.screens.help_screen.log_file", lambda: LOG)
    async with demo_app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        demo_app.screen.query_one(".help", VerticalScroll).scroll_end(animate=False)
        await settle(pilot)
        # Every character of the path is on screen, in order, across the lines it wraps to.
        text = "".join(line.strip(" █") for line in screen_text(demo_app).splitlines())
        assert str(LOG) in text


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_the_unit_search_hint_fits_or_ends_in_an_ellipsis(demo_app, size):
    from rich.cells import cell_len

    async with demo_app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        field = demo_app.screen.query_one("#unit-search", Input)
        hint = field.placeholder
        assert cell_len(hint) < field.content_size.width
        if hint != strings.UNIT_SEARCH_PLACEHOLDER:
            assert hint.endswith("…") and strings.UNIT_SEARCH_PLACEHOLDER.startswith(hint[:-1])
        assert hint in screen_text(demo_app)
