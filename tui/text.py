"""Display width of mixed Chinese/Latin text: aligned plain-text tables, text cut with "…",
and the widths of a table's columns shared out of the width there is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size
from rich.style import Style
from rich.text import Text

from model.core.text_width import display_width


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def table(header: Sequence[str], rows: Sequence[Sequence[str]], gap: str = "  ") -> list[str]:
    """Left-aligned columns whose widths count a CJK character as two cells."""
    widths = [display_width(h) for h in header]
    for row in rows:
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row, strict=True)]
    return [
        gap.join(pad(cell, w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in (header, *rows)
    ]


# Cut text ends here rather than on a separator or a space ("工信…", not "工信、…").
_TRAILING = " \u3000、，,；;：:"


def ellipsize(text: Text, width: int) -> Text:
    """`text` cut to at most `width` cells, ending in "…" when anything was cut.

    A CJK character counts two cells and is never split; the ellipsis takes the style of
    the last character kept. Text that fits is returned as it is.
    """
    if cell_len(text.plain) <= width:
        return text
    if width <= 0:
        return Text("", style=text.style)
    budget, used, end = width - 1, 0, 0
    for index, char in enumerate(text.plain):
        used += get_character_cell_size(char)
        if used > budget:
            break
        end = index + 1
    while end > 0 and text.plain[end - 1] in _TRAILING:
        end -= 1
    cut = text[:end]
    covering = [span.style for span in text.spans if span.start < end <= span.end]
    styles = [Style.parse(s) if isinstance(s, str) else s for s in covering]
    cut.append("…", style=Style.combine(styles) if styles else None)
    return cut


@dataclass(frozen=True)
class Need:
    """What one column asks of the width, in cells of content (padding not included).

    `least` is the narrowest it may be squeezed to, `ideal` what it gets before any spare
    width is shared and `full` what shows its widest cell whole. `priority` 0 is never
    dropped; otherwise a higher number is dropped first.
    """

    least: int
    ideal: int
    full: int
    priority: int = 0


def allocate(needs: Sequence[Need], available: int, padding: int = 2) -> list[int | None]:
    """Column widths that fill `available` cells: `None` for a column that is dropped.

    1. While the kept columns' ideal widths (each plus `padding`) do not fit, drop the
       column with the highest priority number (the rightmost of equals); priority 0
       columns, and the last column left, are never dropped. A column dropped early
       comes back if the width freed by a later drop lets it fit at its ideal width.
    2. If the columns left still do not fit, squeeze them towards their least widths,
       taking a cell from the column furthest above its least width each time (when even
       the least widths do not fit the table scrolls sideways).
    3. Share what is left among the columns not yet at full width, the most important
       first (priority 0 until all are full, then 1, …), a cell at a time to each column
       of a priority in turn; the rest goes to the last column, so that the table spans
       the width as a table drawn at its natural widths would, blank at the right.
    """
    kept = list(range(len(needs)))

    def used(columns: Sequence[int]) -> int:
        return sum(needs[i].ideal + padding for i in columns)

    dropped: list[int] = []
    while used(kept) > available:
        droppable = [i for i in kept if needs[i].priority > 0]
        if not droppable or len(kept) == 1:
            break
        victim = max(droppable, key=lambda i: (needs[i].priority, i))
        kept.remove(victim)
        dropped.append(victim)
    for index in sorted(dropped, key=lambda i: (needs[i].priority, i)):
        if used(kept) + needs[index].ideal + padding <= available:
            kept = sorted([*kept, index])
    widths = [need.ideal for need in needs]
    excess = used(kept) - available
    while excess > 0:
        index = max(kept, key=lambda i: (widths[i] - needs[i].least, i))
        if widths[index] <= needs[index].least:
            break
        widths[index] -= 1
        excess -= 1
    spare = -excess
    for tier in sorted({needs[i].priority for i in kept}):
        while spare > 0:
            wanting = [i for i in kept if needs[i].priority == tier and widths[i] < needs[i].full]
            if not wanting:
                break
            for index in wanting[:spare]:
                widths[index] += 1
            spare -= min(spare, len(wanting))
    if spare > 0 and kept:
        widths[kept[-1]] += spare
    return [widths[i] if i in kept else None for i in range(len(needs))]
