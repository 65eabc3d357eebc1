"""Display width of mixed Chinese/Latin text, for aligned plain-text tables."""

from __future__ import annotations

from collections.abc import Sequence

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
