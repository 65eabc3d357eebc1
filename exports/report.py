"""A report as the writers see it: a title, headings, paragraphs and tables.

Each report kind is built once into this shape (exports.builders); the xlsx, docx, csv and
md writers only lay it out. So the four files of one report never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Cell = str | int | float | None
Tone = Literal["red", "yellow", "green", "grey", "blue"]
ColumnKind = Literal["text", "int", "score"]

# One palette for Excel fills and Word cell shading: background, text.
TONE_FILLS: dict[Tone, tuple[str, str]] = {
    "red": ("#F8CBAD", "#9C0006"),
    "yellow": ("#FFE699", "#7F6000"),
    "green": ("#C6EFCE", "#006100"),
    "grey": ("#E7E6E6", "#3A3838"),
    "blue": ("#DDEBF7", "#1F4E78"),
}


@dataclass(frozen=True)
class Column:
    name: str
    width: int  # in half-width characters: a CJK character counts two
    kind: ColumnKind = "text"
    wrap: bool = False  # long free text: wrapped, the column kept at `width`


@dataclass(frozen=True)
class Table:
    caption: str
    sheet: str  # worksheet name in xlsx (at most 31 characters, unique in the report)
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""  # one line under the caption: scope, date, addressee
    tone_column: str | None = None
    tones: dict[str, Tone] = field(default_factory=dict)  # cell value → colour

    @property
    def tone_index(self) -> int | None:
        if self.tone_column is None:
            return None
        return [c.name for c in self.columns].index(self.tone_column)

    def tone_of(self, row: tuple[Cell, ...]) -> Tone | None:
        index = self.tone_index
        return None if index is None else self.tones.get(str(row[index]))


@dataclass(frozen=True)
class Heading:
    text: str  # without its number: the writers number 一、/（一）/1.
    level: int  # 1, 2 or 3


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True  # the two-character first-line indent of body text


@dataclass(frozen=True)
class Signature:
    """The issuing office and the date, at the foot of the body text."""

    office: str
    on: dt.date


Block = Heading | Paragraph | Table | Signature


@dataclass(frozen=True)
class Report:
    kind: str  # scorecards | progress | notice | bulletin
    title: str
    subtitle: str
    author: str
    as_of: dt.date
    blocks: tuple[Block, ...]
    landscape: bool = False  # wide tables: the Word file is laid out on A4 landscape

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))


_DIGITS = "零一二三四五六七八九"
_PLACES = ("", "十", "百", "千")


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一, 101 → 一百零一, 610 → 六百一十 (a city has 600 units)."""
    if n >= 10000 or n < 0:
        return str(n)
    if 10 <= n < 20:
        return "十" + ("" if n == 10 else _DIGITS[n - 10])
    if n < 10:
        return _DIGITS[n]
    digits = [int(d) for d in str(n)]
    out, gap = "", False
    for index, digit in enumerate(digits):
        if digit == 0:
            gap = True
            continue
        if gap:
            out += "零"
        gap = False
        out += _DIGITS[digit] + _PLACES[len(digits) - 1 - index]
    return out


def heading_labels(blocks: tuple[Block, ...]) -> dict[int, str]:
    """Each heading's numbered text by block index: 一、 / （一） / 1. (GB/T 9704 §7.3.3)."""
    counters = [0, 0, 0]
    labels = {}
    for index, block in enumerate(blocks):
        if not isinstance(block, Heading):
            continue
        level = min(max(block.level, 1), 3) - 1
        counters[level] += 1
        for deeper in range(level + 1, 3):
            counters[deeper] = 0
        n = counters[level]
        prefix = (f"{chinese_number(n)}、", f"（{chinese_number(n)}）", f"{n}. ")[level]
        labels[index] = prefix + block.text
    return labels


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
