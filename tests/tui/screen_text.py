"""The current screen as the terminal shows it: one string per row of cells."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App


def screen_lines(app: App[object]) -> list[str]:
    """The rows of the screen as drawn (as `App.export_screenshot` renders them)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False).split("\n")[:height]


def screen_text(app: App[object]) -> str:
    return "\n".join(screen_lines(app))
