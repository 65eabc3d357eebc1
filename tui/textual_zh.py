"""The words Textual itself puts on screen, in Chinese.

Textual has no message catalogue: its command palette says "Search for commands…" and
"No matches found", and the list of a `Select` puts "esc Dismiss menu" in the footer. The
palette is replaced by a subclass that takes the placeholder and says "no matches" in
Chinese; the `Select` list's one binding is given a Chinese description once, at start-up.
The app's own system commands (退出, 帮助, …) are in `DubanApp.get_system_commands`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.align import Align
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.widgets._select import SelectOverlay
from textual.widgets.option_list import Option

from tui import strings


class ChinesePalette(CommandPalette):
    """The command palette with a Chinese placeholder, key descriptions and "no matches"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "escape", strings.PALETTE_CLOSE),
    ]

    def __init__(self) -> None:
        super().__init__(placeholder=strings.PALETTE_PLACEHOLDER, id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own method with the sentence taken from the catalogue.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(strings.PALETTE_NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def translate_builtin_bindings() -> None:
    """Chinese descriptions for the bindings of Textual's widgets that reach the footer."""
    SelectOverlay.BINDINGS = [Binding("escape", "dismiss", strings.SELECT_DISMISS)]
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()
