"""A report as the writers see it: a title, headings, paragraphs, tables and a closing.

Each report kind is built once into this shape (exports.builders); the xlsx, docx, csv and
md writers only lay it out. So the four files of one report never disagree.

A cell holds a number, a date or text; its column's kind says how it is shown (`typed`
turns a number or an ISO date a builder passed as text into the real value, so a builder
may pass either). Every report has a closing — the issuing office and the 成文日期 — which
the writers add by themselves: where the builder placed a `Signature` block, else at the
end from the report's author and `issued_on` (the as-of date by default).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from exports import strings

Cell = str | int | float | dt.date | None
Tone = Literal["red", "yellow", "green", "grey", "blue"]
# text: as written; int: whole number; score: points with two decimals; float: a number
# with up to two decimals; date: a day (yyyy-mm-dd); percent: a fraction shown as 12.5%.
ColumnKind = Literal["text", "int", "score", "float", "date", "percent"]
NUMERIC_KINDS: frozenset[ColumnKind] = frozenset({"int", "score", "float", "percent"})

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
    width: int  # nominal, in half-width characters (a CJK character counts two)
    kind: ColumnKind = "text"
    wrap: bool = False  # long free text: wrapped, sharing the width left by the others


@dataclass(frozen=True)
class Table:
    caption: str
    sheet: str  # worksheet name in xlsx (at most 31 characters, unique in the report)
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""  # one line under the caption: scope, date, addressee
    tone_column: str | None = None
    tones: dict[str, Tone] = field(default_factory=dict)  # cell value → colour
    part: str = ""  # names this table's rows when tables are stacked into one (csv)

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
    """The issuing office and the date (成文日期): the closing of the report."""

    office: str
    on: dt.date


Block = Heading | Paragraph | Table | Signature


@dataclass(frozen=True)
class Report:
    kind: str  # scorecards | progress | notice | bulletin
    title: str
    subtitle: str
    author: str  # the issuing office
    as_of: dt.date
    blocks: tuple[Block, ...]
    landscape: bool = False  # wide tables: the Word file is laid out on A4 landscape
    issued_on: dt.date | None = None  # 成文日期 of the closing; the as-of date when None
    # Lines to sign above the closing, e.g. 考核组 / 审核: each is written 「考核组（签字）：」.
    signers: tuple[str, ...] = ()
    csv_table: Table | None = None  # the one table of the csv file, when a builder chooses it
    part_column: str = ""  # the csv's leading column when tables are stacked (e.g. 计划)

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    @property
    def flow(self) -> tuple[Block, ...]:
        """The blocks as the writers lay them out, closing included: where the builder
        placed its Signature (a notice's receipt follows it), else at the end."""
        if any(isinstance(b, Signature) for b in self.blocks):
            return self.blocks
        return (*self.blocks, Signature(self.author, self.issued_on or self.as_of))

    @property
    def closing(self) -> Signature:
        return next(b for b in self.flow if isinstance(b, Signature))


# Numbers and dates in words -------------------------------------------------------------

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
        prefix = (f"{chinese_number(n)}、", f"（{chinese_number(n)}）", f"{n}.")[level]
        labels[index] = tidy(prefix + block.text)
    return labels


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# Text ----------------------------------------------------------------------------------

_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# A space between Chinese and a number is Western typesetting; Chinese documents have none.
_SPACED = re.compile(rf"(?<=[{_CJK}]) +(?=[0-9+\-])|(?<=[0-9%]) +(?=[{_CJK}])")


def tidy(text: str) -> str:
    """共 68 项 → 共68项: no space between Chinese text and a number."""
    return _SPACED.sub("", text)


# The characters drawn two half-widths wide: East Asian wide and full-width, and the
# ambiguous ones Chinese fonts draw full width (quotes, dashes, ellipsis, middle dot,
# circled and Roman numerals). One regular expression, so that measuring the cells of a
# city's scorecards stays quick.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\u00a7\u00b0\u00b1\u00b7\u00d7\u00f7\u2010-\u2016\u2018-\u201f\u2025-\u2027"
    "\u2030\u2032\u2033\u203b\u2103\u2116\u2160-\u217f\u2190-\u2199\u2460-\u24ff"
    "\u2500-\u257f\u25a0-\u25ff\u2605\u2606\u3000\U00020000-\U0003fffd]"
)


def text_width(text: str) -> float:
    """Half-width characters: CJK, full-width and the quotes and dashes Chinese fonts draw
    full width (“”—…) count two."""
    return float(len(text) + len(_WIDE.findall(text)))


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def typed(column: Column, value: Cell) -> Cell:
    """The value as its column's kind: "12" → 12 in an int column, "-0.50" → -0.5 in a score
    column, "12.5%" → 0.125 in a percent column, "2023-10-31" → a date in a date column.
    Text that is not such a value (a dash, a remark) stays text."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        text = value.strip()
        if column.kind in NUMERIC_KINDS:
            if not text:
                return None
            scale = 1.0
            if column.kind == "percent" and text.endswith(("%", "％")):
                text, scale = text[:-1], 0.01
            if _NUMBER.fullmatch(text):
                number = float(text) * scale
                return int(number) if column.kind == "int" and number.is_integer() else number
        elif column.kind == "date":
            if not text:
                return None
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return value
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and column.kind == "int" and value.is_integer():
        return int(value)
    return value


def cell_text(column: Column, value: Cell) -> str:
    """A cell as it reads in a document: points 0.50, 12.5%, 2023-10-31."""
    value = typed(column, value)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if column.kind == "percent":
            return f"{value:.1%}"
        if column.kind == "score":
            return f"{value:.2f}"
        if isinstance(value, float):
            return f"{value:.2f}".rstrip("0").rstrip(".") if column.kind != "int" else str(value)
        return str(value)
    return tidy(str(value))


# Column widths -------------------------------------------------------------------------

HEADER_BREAK_BEFORE = "（("
HEADER_BREAK_AFTER = "）)及和、/"
NOWRAP_LIMIT = 24  # a short column whose longest cell is wider than this wraps instead
WORD_LIMIT = 10  # the longest piece a wrapped column keeps on one line (a unit's name)
_PIECES = re.compile(r"[、，；。,;\s]+")
# Digits and Latin letters (2023-10-31, 85%) with the brackets and punctuation that cannot
# be parted from them, and a month and day in words (12月31日前): never broken.
_ATOMS = re.compile(
    r"[（(〔【“‘《]*(?:\d{1,2}月(?:\d{1,2}日)?[前后止起]?|[0-9A-Za-z.\-:/%+_]+)[）)〕】”’》，。、；：％%]*"
)
# A date in words (2023年12月31日前): whole unless the table is crowded.
_DATES = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?[前后止起]?")


@dataclass(frozen=True)
class ColumnLayout:
    width: float  # half-width characters, padding included
    header: tuple[str, ...]  # the header's lines: split only between words
    wrap: bool  # the cells may wrap (else the column is as wide as its widest cell)


def header_lines(name: str) -> tuple[str, ...]:
    """A header on two lines at a word boundary, or on one: 牵头/任务, 扣分/（事由）,
    牵头（责任）/单位; 已完成 and 状态 are never broken."""
    cuts = {
        i
        for i in range(1, len(name))
        if name[i] in HEADER_BREAK_BEFORE or name[i - 1] in HEADER_BREAK_AFTER
    }
    if not cuts and len(name) >= 4 and len(name) % 2 == 0 and text_width(name) == 2 * len(name):
        cuts = {len(name) // 2}  # 按时完成 → 按时/完成: Chinese words of two characters
    if not cuts:
        return (name,)
    best = min(cuts, key=lambda i: (max(text_width(name[:i]), text_width(name[i:])), -i))
    return (name[:best], name[best:])


Measure = Callable[[str], float]


_MEASURED: dict[tuple[int, Measure], tuple[Table, list[list[str]], list[list[list[float]]]]] = {}


def _measured(table: Table, measure: Measure) -> tuple[list[list[str]], list[list[list[float]]]]:
    """Each cell's text and the width of each of its lines, by column; the last few
    tables are remembered (a writer measures a table for each size it tries)."""
    key = (id(table), measure)
    known = _MEASURED.get(key)
    if known is not None and known[0] is table:
        return known[1], known[2]
    texts = [[cell_text(c, row[i]) for row in table.rows] for i, c in enumerate(table.columns)]
    lines = [[[measure(p) for p in t.splitlines()] for t in ts] for ts in texts]
    if len(_MEASURED) >= 8:
        _MEASURED.clear()
    _MEASURED[key] = (table, texts, lines)
    return texts, lines


def layout_columns(
    table: Table,
    budget: float,
    *,
    pad: float = 2.0,
    cap: float = 1e9,
    measure: Measure = text_width,
    split_headers: bool = True,
    word_limit: float = WORD_LIMIT,
    stretch: bool = False,
) -> list[ColumnLayout]:
    """Widths from the content, fitted to `budget` half-width characters when they can be:
    numbers, dates and short words (序号, 状态, 2023-10-31) as wide as their widest cell so
    they never break; free text shares the rest by how much text it holds (the progress
    text gets the most), never less than its longest word (up to WORD_LIMIT) nor more
    than its widest cell. Headers stay on one line, or (`split_headers`) break between
    words (按时/完成) when that leaves the free text room for fewer lines. `cap` bounds
    every column (an xlsx sheet wraps beyond it); `measure` is how wide a text is drawn;
    `word_limit` the longest word kept whole; with `stretch` a crowded table grows past
    the budget rather than break its words (a sheet printed one page wide)."""
    count = len(table.columns)
    texts, lines = _measured(table, measure)
    widths = [[max(cell, default=0.0) for cell in column] for column in lines]
    longest = [max(ws, default=0.0) for ws in widths]
    wraps = [
        c.wrap or (c.kind == "text" and longest[i] > max(NOWRAP_LIMIT, measure(c.name)))
        for i, c in enumerate(table.columns)
    ]
    # The narrowest a wrapped column may be: its longest word up to WORD_LIMIT (a unit's
    # name), its longest date in words, its longest run of digits and Latin letters with
    # the brackets around it (（2023-10-31）, never broken).
    # A crowded table gives up the words and the dates in words: only digits stay whole.
    atoms = [
        max((min(measure(a), NOWRAP_LIMIT) for t in ts for a in _ATOMS.findall(t)), default=0.0)
        for ts in texts
    ]
    words = [
        max(
            [min(measure(p), word_limit) for t in ts for p in _PIECES.split(t)]
            + [measure(d) for t in ts for d in _DATES.findall(t)]
            + [atom]
        )
        for ts, atom in zip(texts, atoms, strict=True)
    ]
    # How much text a column holds, a row on average: widths in proportion to it give the
    # columns about the same number of lines.
    weight = [
        max(sum(ws) / max(1, len(ws)), measure(c.name), 1.0)
        for ws, c in zip(widths, table.columns, strict=True)
    ]

    def allocate(headers: list[tuple[str, ...]]) -> list[ColumnLayout]:
        head = [max(measure(line) for line in lines) + pad for lines in headers]
        out = [0.0] * count
        floor, ceiling = {}, {}
        for i in range(count):
            if wraps[i]:
                floor[i] = min(max(words[i] + pad, head[i]), cap)
            else:
                out[i] = min(max(longest[i] + pad, head[i]), cap)
        left = budget - sum(out)
        if sum(floor.values()) > left and not stretch:
            # Crowded: each column keeps what share of its words the room allows.
            hard = {i: min(max(atoms[i] + pad, head[i]), cap) for i in floor}
            wanted = sum(floor.values()) - sum(hard.values())
            room = min(1.0, max(0.0, left - sum(hard.values())) / wanted) if wanted > 0 else 0.0
            floor = {i: hard[i] + max(0.0, floor[i] - hard[i]) * room for i in floor}
        for i in floor:
            ceiling[i] = min(max(longest[i] + pad, floor[i]), cap)
        open_ = set(floor)
        while open_:  # share by weight; a column held at its floor or ceiling drops out
            total = sum(weight[i] for i in open_)
            share = {i: left * weight[i] / total for i in open_}
            held = {i for i in open_ if not floor[i] <= share[i] <= ceiling[i]}
            if not held:
                for i in open_:
                    out[i] = share[i]
                break
            for i in held:
                out[i] = floor[i] if share[i] < floor[i] else ceiling[i]
                left -= out[i]
                open_.discard(i)
        if floor:
            lead = max(floor, key=lambda i: (weight[i], -i))
            _shorten(out, floor, ceiling, [lines[i] for i in range(count)], pad, lead)
        return [ColumnLayout(out[i], headers[i], wraps[i]) for i in range(count)]

    # A column with nothing in it needs no more than its header, on two lines if it can.
    whole = allocate(
        [
            header_lines(c.name) if split_headers and not longest[i] else (c.name,)
            for i, c in enumerate(table.columns)
        ]
    )
    if not split_headers:
        return whole
    broken = allocate([header_lines(c.name) for c in table.columns])
    if sum(c.width for c in whole) <= budget + 1e-6 and table_lines(
        table, broken, pad, measure
    ) >= table_lines(table, whole, pad, measure):
        return whole
    # A header the column is wide enough for stays on one line.
    return [
        ColumnLayout(c.width, (name,), c.wrap) if measure(name) + pad <= c.width else c
        for c, name in zip(broken, (c.name for c in table.columns), strict=True)
    ]


REFINE_STEPS = 16  # moves of width between wrapped columns, each a 32nd of their width
REFINE_ROWS = 400  # a longer table keeps the shares by weight (the moves cost rows × columns)


def _shorten(
    out: list[float],
    floor: dict[int, float],
    ceiling: dict[int, float],
    cells: list[list[list[float]]],
    pad: float,
    lead: int,
) -> None:
    """Move width between the wrapped columns while that makes the table shorter: the
    shares by weight suit columns of even text, but one very long cell (a remark naming
    every late unit) makes its row tall, and a little width there saves many lines. No
    column grows wider than `lead`, the column holding the most text."""
    free = sorted(floor)
    rows = len(cells[0]) if cells else 0
    if len(free) < 2 or rows > REFINE_ROWS:
        return

    def count(i: int, width: float) -> list[int]:
        return _line_counts(cells[i], width, pad)

    step = sum(out[i] for i in free) / 32
    now = {i: count(i, out[i]) for i in free}
    for _ in range(REFINE_STEPS):
        # Each row's tallest and second tallest cell among the wrapped columns, and which
        # column holds the tallest: a row's height without column i in one look-up.
        first, second, holder = [1] * rows, [1] * rows, [-1] * rows
        for i in free:
            for r, n in enumerate(now[i]):
                if n > first[r]:
                    first[r], second[r], holder[r] = n, first[r], i
                elif n > second[r]:
                    second[r] = n
        total = sum(first)

        wider = {i: count(i, out[i] + step) for i in free if out[i] + step <= ceiling[i] + 1e-9}
        narrower = {i: count(i, out[i] - step) for i in free if out[i] - step >= floor[i] - 1e-9}
        gains = {i: total - _height(i, n, first, second, holder) for i, n in wider.items()}
        losses = {i: _height(i, n, first, second, holder) - total for i, n in narrower.items()}
        if not gains or not losses:
            return
        taker = max(gains, key=lambda i: (gains[i], -i))
        giver = min((i for i in losses if i != taker), key=lambda i: (losses[i], i), default=None)
        if giver is None or gains[taker] <= losses[giver]:
            return
        widest = out[lead] - (step if giver == lead else 0.0)
        if taker != lead and out[taker] + step > widest + 1e-9:
            return
        out[taker] += step
        out[giver] -= step
        now[taker], now[giver] = wider[taker], narrower[giver]


def _height(
    column: int, changed: list[int], tallest: list[int], runner_up: list[int], holder: list[int]
) -> int:
    """A table's lines with one column's cells changed, the other columns as they are."""
    return sum(
        max(n, runner_up[r] if holder[r] == column else tallest[r]) for r, n in enumerate(changed)
    )


def line_count(text: str, width: float, pad: float = 2.0, measure: Measure = text_width) -> int:
    """Lines a text takes in a column `width` half-width characters wide."""
    usable = max(1.0, width - pad)
    return sum(max(1, math.ceil(measure(line) / usable)) for line in text.splitlines() or [""])


def table_lines(
    table: Table, layouts: list[ColumnLayout], pad: float = 2.0, measure: Measure = text_width
) -> int:
    """How many lines of text the table's rows take, its header included."""
    _, lines = _measured(table, measure)
    counts = [
        _line_counts(column, layout.width, pad) if layout.wrap else [1] * len(table.rows)
        for column, layout in zip(lines, layouts, strict=True)
    ]
    header = max((len(layout.header) for layout in layouts), default=1)
    return header + sum(max(row, default=1) for row in zip(*counts, strict=True))


def _line_counts(cells: list[list[float]], width: float, pad: float) -> list[int]:
    """The lines of each cell of a column `width` wide, from its lines' widths."""
    usable = max(1.0, width - pad)
    return [sum(max(1, math.ceil(w / usable)) for w in cell) or 1 for cell in cells]


# Titles --------------------------------------------------------------------------------


def title_lines(title: str, capacity: float) -> tuple[str, ...]:
    """A title on as few lines as fit `capacity` half-width characters, broken only between
    phrases (after 、，之的 and 】, or before a phrase such as 重点任务 or 进展情况表), the
    lines as even as they can be. A title with no such break that fits is not broken at
    all; one that cannot fit otherwise breaks where it must."""
    if text_width(title) <= capacity:
        return (title,)
    cuts = sorted(
        i
        for i in range(1, len(title))
        if title[i - 1] in strings.TITLE_BREAK_AFTER or title.startswith(strings.TITLE_PHRASES, i)
    )
    best: tuple[str, ...] | None = None
    for n in range(1, len(cuts) + 1):
        for chosen in itertools.combinations(cuts, n):
            bounds = [0, *chosen, len(title)]
            lines = tuple(title[a:b] for a, b in itertools.pairwise(bounds))
            if max(text_width(line) for line in lines) > capacity:
                continue
            if best is None or _evenness(lines) < _evenness(best):
                best = lines
        if best is not None:
            return best
    per_line = max(1, int(capacity))
    forced: list[str] = []
    line = ""
    for ch in title:
        if text_width(line + ch) > per_line:
            forced.append(line)
            line = ""
        line += ch
    return (*forced, line)


def _evenness(lines: tuple[str, ...]) -> tuple[float, float]:
    widths = [text_width(line) for line in lines]
    return (max(widths) - min(widths), -widths[0])
