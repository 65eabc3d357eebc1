"""A tab's pane held until the tab is first shown.

The dashboard has a tab per plan (74 at the synthetic M scale): mounting every hidden
pane after the first paint, as Textual's `Lazy` does, kept the app busy for what the user
may never open, and every widget mounted is walked again on each refresh. `OnShow` holds
the pane unmounted; `DubanApp.reveal` mounts it in the holder's place when its tab is
first activated. Its data may be read before that (DubanApp.read_ahead), so it shows in
the tab's first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from tui.widgets.data_pane import DataPane


class OnShow(Widget):
    DEFAULT_CSS = """
    OnShow {
        display: none;
    }
    """

    def __init__(self, pane: DataPane[object]) -> None:
        super().__init__()
        self.pane = pane

    def reveal(self) -> AwaitMount | None:
        """Mount the pane where the holder is and go. Not awaited by the tab switch: the
        app's handler must not hold the keys typed meanwhile; the pane's Mount loads it."""
        parent = self.parent
        if not isinstance(parent, Widget):
            return None
        mounting = parent.mount(self.pane, after=self)
        self.remove()
        return mounting
