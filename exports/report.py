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
import functools
import itertools
import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, cast

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
    # A list of unit names (发改局、市生态环境局蒲县分局): wrapped after a 、, a name broken
    # only between its parts (市生态环境局/蒲县分局) and only when a line cannot hold it.
    names: bool = False


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


def cells(table: Table) -> int:
    """The cells of a table, its header row's included: how much laying it out costs."""
    return len(table.columns) * (len(table.rows) + 1)


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
    # Names a line of a table's cell never breaks inside (the units): exports.report.text_lines.
    words: tuple[str, ...] = ()

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


_TIDIED: dict[str, str] = {}


def tidy(text: str) -> str:
    """共 68 项 → 共68项: no space between Chinese text and a number. Remembered: a report
    tidies the same texts many times."""
    found = _TIDIED.get(text)
    if found is None:
        if len(_TIDIED) > 200_000:
            _TIDIED.clear()
        found = _TIDIED[text] = _SPACED.sub("", text)
    return found


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


_TEXT_WIDTHS: dict[str, float] = {}


def text_width(text: str) -> float:
    """Half-width characters: CJK, full-width and the quotes and dashes Chinese fonts draw
    full width (“”—…) count two. Remembered: a report measures the same texts many times."""
    found = _TEXT_WIDTHS.get(text)
    if found is None:
        if len(_TEXT_WIDTHS) > 200_000:
            _TEXT_WIDTHS.clear()
        found = _TEXT_WIDTHS[text] = float(len(text) + len(_WIDE.findall(text)))
    return found


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
    if type(value) is str and column.kind == "text":
        return tidy(value)  # what the rest comes to for text (the commonest cell), quickly
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


# Lists of names ------------------------------------------------------------------------

Measure = Callable[[str], float]


def name_parts(name: str) -> list[str]:
    """A unit's name in the parts a line may end between: after the word for an office
    (市生态环境局/蒲县分局, 大气办/有关/成员单位) or before a phrase that starts a new part
    (中石化蒲县/分公司, 县清洁取暖工作/领导小组/成员单位)."""
    cuts = [
        i
        for i in range(1, len(name))
        if name[i - 1] in strings.NAME_BREAK_AFTER or name.startswith(strings.NAME_PHRASES, i)
    ]
    return [name[a:b] for a, b in itertools.pairwise([0, *cuts, len(name)])]


def _named(paragraph: str, whole: bool = False) -> list[list[str]]:
    """Each name of a list as its parts (`whole`: as one part), the 、 after it kept with
    its last part."""
    sep = strings.NAME_SEPARATOR
    names = paragraph.split(sep)
    out = []
    for number, name in enumerate(names):
        parts = ([name] if whole else name_parts(name)) or [""]
        if number < len(names) - 1:
            parts[-1] += sep
        if parts != [""]:
            out.append(parts)
    return out


def name_lines(
    text: str, capacity: float, measure: Measure = text_width, *, whole: bool = False
) -> tuple[str, ...]:
    """A list of names (发改局、市生态环境局蒲县分局、…) on lines at most `capacity` wide:
    each line ends after a 、 (which never starts a line); a name a line cannot hold
    breaks between its parts, and only a part wider than a whole line breaks inside.
    With `whole` a name is never broken: one too wide has a line of its own (a sheet's
    cell keeps each name intact, so a formula can look it up)."""
    lines: list[str] = []
    sep = strings.NAME_SEPARATOR
    for paragraph in text.splitlines() or [""]:
        line = ""
        for parts in _named(paragraph, whole):
            piece = "".join(parts)
            if measure(line + piece) <= capacity:
                line += piece
                continue
            if line:
                lines.append(line)
                line = ""
            if measure(piece) <= capacity:
                line = piece
                continue
            for part in parts:
                if line and measure(line + part) > capacity:
                    lines.append(line)
                    line = ""
                while not whole and not line and len(part) > 1 and measure(part) > capacity:
                    cut = max(
                        [k for k in range(1, len(part)) if measure(part[:k]) <= capacity] or [1]
                    )
                    if part[cut:] == sep:  # a 、 stays at the end of its line
                        break
                    lines.append(part[:cut])
                    part = part[cut:]
                line += part
        if line or not paragraph:
            lines.append(line)
    return tuple(lines) or ("",)


def cell_lines(
    column: Column,
    value: Cell,
    width: float,
    pad: float = 2.0,
    measure: Measure = text_width,
    *,
    sheet: bool = False,
    words: tuple[str, ...] = (),
) -> tuple[str, ...]:
    """A cell's text as the lines a writer puts in it, for a column `width` wide: a names
    column's broken where `name_lines` says; wrapped text where `text_lines` says, never
    inside a number, a date or one of `words`. A sheet's cell (`sheet`) keeps each name
    whole and breaks only text holding a date (2023-12-31, which Excel would break after
    a hyphen); the rest it leaves to the program, so the cell stays plain text."""
    text = cell_text(column, value)
    if not column.names and not column.wrap and (sheet or column.kind != "text"):
        return (text,)  # a number, a date, or a sheet's short text: as it is
    # A hair of tolerance: a column chosen to fit its longest name exactly comes back from
    # the docx writer's conversion to millimetres a float rounding error narrower.
    room = max(1.0, width - pad) + 1e-9
    breaker = _breaker(measure, words)
    key = (text, room, column.names, column.wrap, column.kind, sheet)
    found = breaker.cells.get(key)
    if found is None:
        if len(breaker.cells) > breaker.LIMIT:
            breaker.cells.clear()
        found = breaker.cells[key] = _cell_lines(column, text, room, breaker, sheet)
    return found


def _cell_lines(
    column: Column, text: str, room: float, breaker: _Breaker, sheet: bool
) -> tuple[str, ...]:
    if column.names:
        return name_lines(text, room, breaker.measure, whole=sheet)
    if column.wrap and (not sheet or _HYPHENATED.search(text)):
        return breaker.text_lines(text, room)
    if not sheet and column.kind == "text" and breaker.width(text) > room:
        # A short-text column squeezed in a crowded table: broken here, where the rules
        # allow (never 督办〔2023〕8/号), rather than by the word processor anywhere.
        return breaker.text_lines(text, room)
    return (text,)


# Text Word, WPS and LibreOffice would break inside a date or a fraction ("2023-" / "12-31").
_HYPHENATED = re.compile(r"[0-9A-Za-z][-/][0-9A-Za-z]")
# Characters that never start a line, and those that never end one (GB/T 15834 practice).
_NO_START = "，。、；：？！）》」』】〕”’…%％,.;:?!)]·"
_NO_END = "（《「『【〔“‘(["
# Where a line had best end: after a punctuation mark or a space.
_SOFT = "，。、；：？！·） "
SOFT_FILL = 0.6  # a line ends at a punctuation mark if that leaves it this full
_UNITS_AFTER_NUMBER = "次期项份天个日月年号分条件家人元"
# What a line never ends inside: a document number (督办〔2023〕8号), a short quotation
# (“三清零”, 「大气办有关成员单位」), a date in words (2023年12月31日前), a number with the unit
# after it (40次, 2023年, 0–100分, 2023-12-31, 13.33/13.33, 85%), with the brackets
# around it; else one character.
_PIECE = (
    r"(?:[\u4e00-\u9fff]{1,3}发|[\u4e00-\u9fff]{0,2})〔\d{4}〕\d+号"
    r"|“[^”\n]{1,8}”|「[^」\n]{1,12}」"
    r"|[（(〔【“‘《]*(?:(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?[前后止起]?"
    rf"|[0-9A-Za-z.\-–:/%+_]+[{_UNITS_AFTER_NUMBER}]?)[）)〕】”’》％%]*"
    r"|."
)
_TOKENS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _longest_of(words: set[str]) -> str:
    """A pattern matching the longest of `words` that starts where it is tried, as a
    trie: a report's 500 unit names as one list of alternatives were tried one by one at
    every character. A word's end is the last alternative at its node, so a longer word
    through it is tried first; the branches of a node start with different characters,
    so at most one of them can match."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + pattern(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ("|" if "" in node else "") + ")"

    return pattern(trie)


def _token_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A token a line may end after (see `_tokens`): a piece (_PIECE, or one of `words`),
    then each piece that starts with a mark that may not start a line, or follows an
    opening mark — the pieces joined in the regular expression, which finds them in C."""
    pattern = _TOKENS.get(words)
    if pattern is None:
        names = _longest_of({w for w in words if w})
        piece = "(?:" + (f"(?:{names})|" if names else "") + _PIECE + ")"
        no_end = "".join(re.escape(c) for c in _NO_END)
        no_start = "".join(re.escape(c) for c in _NO_START)
        pattern = re.compile(
            f"{piece}(?:(?<=[{no_end}]){piece}|(?=[{no_start}]){piece})*", re.DOTALL
        )
        if len(_TOKENS) > 16:
            _TOKENS.clear()
        _TOKENS[words] = pattern
    return pattern


def _tokens(paragraph: str, words: tuple[str, ...] = ()) -> list[str]:
    """The pieces a line may end between (_PIECE, and any of `words`); punctuation that may
    not start a line joins the piece before it, an opening bracket the piece after it."""
    return _breaker(text_width, words).tokens(paragraph)


_FIRST = operator.itemgetter(0)
_LAST = operator.itemgetter(-1)
_Prepared = tuple[list[str], list[float], list[float], list[float], list[bool]]


class _Breaker:
    """Breaks text into lines for one measure and one list of words, remembering what it
    worked out: a city's scorecards hold the same texts (a task's title, a basis) in many
    cells, and the same characters in all of them. Everything here is a pure function of
    its arguments, so what is remembered is what would be worked out again."""

    LIMIT = 200_000  # remembered texts and widths, each, before starting afresh

    def __init__(self, measure: Measure, words: tuple[str, ...]) -> None:
        self.measure = measure
        self.words = words
        self.pattern = _token_pattern(words)
        assert self.pattern.groups == 0  # findall gives whole matches (`tokens`)
        self.known: dict[str, float] = {}  # a piece's width
        self.joins: dict[str, float] = {}  # two characters side by side: `join`
        # A paragraph's pieces, their widths and what each adds beside the one before it.
        self.pieces: dict[str, _Prepared] = {}
        self.lines: dict[tuple[str, float], tuple[str, ...]] = {}
        self.cells: dict[tuple[str, float, bool, bool, str, bool], tuple[str, ...]] = {}

    def width(self, piece: str) -> float:
        found = self.known.get(piece)
        if found is None:
            if len(self.known) > self.LIMIT:
                self.known.clear()
            found = self.known[piece] = self.measure(piece)
        return found

    def join(self, left: str, right: str) -> float:
        """What drawing two pieces side by side adds (a space where Chinese meets a digit)."""
        if not left or not right or left[-1].isascii() == right[0].isascii():
            return 0.0  # only where a Latin letter or a digit meets Chinese
        pair = left[-1] + right[0]
        found = self.joins.get(pair)
        if found is None:
            width = self.width
            found = self.joins[pair] = width(pair) - width(left[-1]) - width(right[0])
        return found

    def tokens(self, paragraph: str) -> list[str]:
        # The pattern has no capturing group: findall gives each whole match.
        tokens: list[str] = self.pattern.findall(paragraph)
        return tokens

    def prepared(self, paragraph: str) -> _Prepared:
        """A paragraph's pieces, their widths, what each adds beside the one before it,
        the two together (what the piece adds to a line it does not start), and whether
        each ends in a punctuation mark a line had best end at."""
        found = self.pieces.get(paragraph)
        if found is None:
            tokens = self.tokens(paragraph)
            # (list(map(...)) throughout: each list made in C, not a step at a time)
            looked_up = list(map(self.known.get, tokens))
            sizes: list[float] = (
                [self.width(t) if w is None else w for t, w in zip(tokens, looked_up, strict=True)]
                if None in looked_up  # a piece not measured yet
                else cast(list[float], looked_up)
            )
            # Something is added only where a Latin letter or a digit meets Chinese
            # (`join`): those places found in C, the rest 0.
            extras = [0.0] * len(tokens)
            ends = list(map(_LAST, tokens))
            latin_ends = list(map(str.isascii, ends))
            latin_starts = list(map(str.isascii, map(_FIRST, tokens)))
            changes = map(operator.ne, latin_ends, latin_starts[1:])
            for k in itertools.compress(itertools.count(1), changes):
                extras[k] = self.join(tokens[k - 1], tokens[k])
            joined = list(map(operator.add, sizes, extras))  # size + extra, as the loop adds
            soft = list(map(_SOFT.__contains__, ends))
            if len(self.pieces) > self.LIMIT:
                self.pieces.clear()
            found = self.pieces[paragraph] = (tokens, sizes, extras, joined, soft)
        return found

    def text_lines(self, text: str, capacity: float) -> tuple[str, ...]:
        key = (text, capacity)
        found = self.lines.get(key)
        if found is None:
            if len(self.lines) > self.LIMIT:
                self.lines.clear()
            found = self.lines[key] = self._text_lines(text, capacity)
        return found

    def _text_lines(self, text: str, capacity: float) -> tuple[str, ...]:
        measure = self.measure
        lines: list[str] = []
        soft_room = SOFT_FILL * capacity
        for paragraph in text.splitlines() or [""]:
            if self.width(paragraph) <= capacity:
                lines.append(paragraph)
                continue
            tokens, sizes, extras, joined, soft = self.prepared(paragraph)
            pieces: list[str] = []
            widths: list[float] = []
            softs: list[bool] = []  # whether each piece ends in a punctuation mark
            total = 0.0
            count = len(tokens)
            k = 0
            while k < count:
                if pieces:
                    # The tokens that fit on the line as it stands, found in one pass in
                    # C: each as the loop below would add it (its width beside the one
                    # before it, the line's width summed in the same order).
                    fits = map(
                        operator.add,
                        map(
                            operator.add,
                            itertools.accumulate(joined[k:], initial=total),
                            extras[k:],
                        ),
                        sizes[k:],
                    )
                    stop = next(
                        itertools.compress(
                            itertools.count(k), map(operator.gt, fits, itertools.repeat(capacity))
                        ),
                        count,
                    )
                    if stop > k:
                        pieces += tokens[k:stop]
                        widths += joined[k:stop]
                        softs += soft[k:stop]
                        total = functools.reduce(operator.add, joined[k:stop], total)
                        k = stop
                        if k == count:
                            break
                token, size = tokens[k], sizes[k]
                # What the token adds beside the piece before it on the line (the last
                # piece is always the token before this one, or what is left of it).
                extra = extras[k] if pieces else 0.0
                while pieces and total + extra + size > capacity:
                    # End the line at its last punctuation mark if that keeps it full
                    # enough (and again if what it carries over still leaves no room).
                    # (the last piece but one that ends in one, found from the end in C)
                    cut = len(pieces)
                    if cut > 1 and True in softs[: cut - 1]:
                        i = cut - 1 - softs[cut - 2 :: -1].index(True)
                        if sum(widths[:i]) >= soft_room:
                            cut = i
                    lines.append("".join(pieces[:cut]))
                    pieces, widths, softs = pieces[cut:], widths[cut:], softs[cut:]
                    total = sum(widths)
                    extra = extras[k] if pieces else 0.0
                pieces.append(token)
                widths.append(size + extra)
                softs.append(soft[k])
                total += size + extra
                k += 1
                if len(pieces) == 1 and size > capacity and len(token) > 1:
                    # A piece wider than a line: broken where it must (never before a
                    # mark that may not start a line).
                    line = pieces.pop()
                    while len(line) > 1 and measure(line) > capacity:
                        most = max(
                            [k for k in range(1, len(line)) if measure(line[:k]) <= capacity] or [1]
                        )
                        # Not before a closing mark, nor inside a number or a Latin word,
                        # if the line leaves a place for that.
                        cut = next(
                            (
                                k
                                for k in range(most, 0, -1)
                                if line[k] not in _NO_START
                                and not (line[k - 1] + line[k]).isascii()
                            ),
                            most,
                        )
                        lines.append(line[:cut])
                        line = line[cut:]
                    # (what is left ends as the token did: soft[k - 1] still holds)
                    pieces, widths, total = [line], [measure(line)], measure(line)
                    softs = [soft[k - 1]]
            lines.append("".join(pieces))
        return tuple(lines)


# By the list's identity: the list itself (kept, so its id is not reused) and its breaker.
_BREAKERS: dict[tuple[int, Measure], tuple[tuple[str, ...], _Breaker]] = {}
_BREAKERS_BY_WORDS: dict[tuple[tuple[str, ...], Measure], _Breaker] = {}


def _breaker(measure: Measure, words: tuple[str, ...]) -> _Breaker:
    """The breaker for a measure and a list of words, found by the list's identity (a
    report's 500 unit names are not hashed for every cell), else by its words: the
    same list arrives as a new tuple with each run of tables a helper process lays out
    (exports.parallel), and what the breaker has learnt is kept."""
    key = (id(words), measure)
    known = _BREAKERS.get(key)
    if known is not None and known[0] is words:
        return known[1]
    if len(_BREAKERS) >= 8:
        _BREAKERS.clear()
    found = _BREAKERS_BY_WORDS.get((words, measure))
    if found is None:
        if len(_BREAKERS_BY_WORDS) >= 8:
            _BREAKERS_BY_WORDS.clear()
        found = _BREAKERS_BY_WORDS[(words, measure)] = _Breaker(measure, words)
    _BREAKERS[key] = (words, found)
    return found


def text_lines(
    text: str, capacity: float, measure: Measure = text_width, words: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """Text on lines at most `capacity` wide, broken between characters as Chinese text is
    but never inside a number, a date, a document number, a short quotation or one of
    `words` (unit names), never before a closing mark or after an opening one; at a
    punctuation mark when that leaves the line at least SOFT_FILL full. A piece wider
    than a line breaks where it must."""
    return _breaker(measure, words).text_lines(text, capacity)


# Column widths -------------------------------------------------------------------------

HEADER_BREAK_BEFORE = "（("
HEADER_BREAK_AFTER = "）)及和、/"
NOWRAP_LIMIT = 24  # a short column whose longest cell is wider than this wraps instead
WORD_LIMIT = 10  # the longest phrase of free text a wrapped column keeps on one line
NAME_LIMIT = 18  # the longest part of a name a names column keeps on one line, room allowing
_PIECES = re.compile(r"[、，；。,;\s]+")
# Digits and Latin letters (2023-10-31, 85%) with the brackets and punctuation that cannot
# be parted from them, a month and day in words (12月31日前) and a document number: never
# broken, so a column is never narrower than the widest of them.
_ATOMS = re.compile(
    r"[\u4e00-\u9fff]{0,2}〔\d{4}〕\d+号[，。、；：]*"  # a document number: 督办〔2023〕8号
    r"|[（(〔【“‘《]*(?:\d{1,2}月(?:\d{1,2}日)?[前后止起]?|[0-9A-Za-z.\-:/%+_]+)[）)〕】”’》，。、；：％%]*"
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
        # Chinese words of two characters: 按时/完成, 扣分加分/事由 (never 扣分加/分事由)
        cuts = set(range(2, len(name), 2))
    if not cuts:
        return (name,)
    best = min(cuts, key=lambda i: (max(text_width(name[:i]), text_width(name[i:])), -i))
    return (name[:best], name[best:])


@dataclass
class _Measures:
    """A table's cells as one measure draws them, and the line counts worked out from
    them (a column's cells at a width): the layout tries the same widths again and
    again while it moves width between the columns."""

    table: Table
    texts: list[list[str]]  # by column, each cell's text
    lines: list[list[list[float]]]  # by column, the width of each line of each cell
    counts: dict[tuple[int, float, float, bool], list[int]] = field(default_factory=dict)


_MEASURED: dict[tuple[int, Measure], _Measures] = {}
# The widths of a text's lines, by measure: the same texts fill many tables. (Shared
# lists: never changed once made.)
_LINE_WIDTHS: dict[Measure, dict[str, list[float]]] = {}


def _measures(table: Table, measure: Measure) -> _Measures:
    """The last few tables are remembered (a writer measures a table for each size it
    tries, and lays it out more than once)."""
    key = (id(table), measure)
    known = _MEASURED.get(key)
    if known is not None and known.table is table:
        return known
    texts = [[cell_text(c, row[i]) for row in table.rows] for i, c in enumerate(table.columns)]
    known_lines = _LINE_WIDTHS.setdefault(measure, {})
    if len(known_lines) > 200_000:
        known_lines.clear()
    lines = [
        [
            known_lines[t]
            if t in known_lines
            else known_lines.setdefault(t, [measure(p) for p in t.splitlines()])
            for t in ts
        ]
        for ts in texts
    ]
    if len(_MEASURED) >= 8:
        _MEASURED.clear()
    known = _MEASURED[key] = _Measures(table, texts, lines)
    return known


def _measured(table: Table, measure: Measure) -> tuple[list[list[str]], list[list[list[float]]]]:
    """Each cell's text and the width of each of its lines, by column."""
    known = _measures(table, measure)
    return known.texts, known.lines


_FACTS: dict[tuple[Measure, float, bool, bool], dict[str, tuple[float, float | None]]] = {}


def _column_facts(
    texts: list[str], measure: Measure, word_limit: float, names: bool, whole_names: bool
) -> list[tuple[float, float | None]]:
    """`_text_facts` of each of a column's texts, remembered: a city's scorecards repeat
    their texts in many tables."""
    known = _FACTS.setdefault((measure, word_limit, names, whole_names), {})
    if len(known) > 200_000:
        known.clear()
    return [
        known[t]
        if t in known
        else known.setdefault(t, _text_facts(t, measure, word_limit, names, whole_names))
        for t in texts
    ]


def _text_facts(
    text: str, measure: Measure, word_limit: float, names: bool, whole_names: bool
) -> tuple[float, float | None]:
    """What a cell's text asks of its column's width (see `layout_columns`): its widest
    run of digits and Latin letters with the brackets around it, up to NOWRAP_LIMIT (0
    when it has none); and its widest word up to `word_limit` or date in words — in a
    names column its widest part of a name up to NAME_LIMIT (None when it has none)."""
    atom = max((min(measure(a), NOWRAP_LIMIT) for a in _ATOMS.findall(text)), default=0.0)
    word: float | None
    if not names:
        word = max(
            [min(measure(p), word_limit) for p in _PIECES.split(text)]
            + [measure(d) for d in _DATES.findall(text)]
        )
    else:
        # A names column: its longest name part with the 、 after it (市生态环境局,
        # 蒲县分局、), up to NAME_LIMIT.
        word = max(
            (
                min(measure(part), NAME_LIMIT)
                for paragraph in text.splitlines()
                for parts in _named(paragraph, whole_names)
                for part in parts
            ),
            default=None,
        )
    return atom, word


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
    whole_names: bool = False,
) -> list[ColumnLayout]:
    """Widths from the content, fitted to `budget` half-width characters when they can be:
    numbers, dates and short words (序号, 状态, 2023-10-31) as wide as their widest cell so
    they never break; free text shares the rest by how much text it holds (the progress
    text gets the most), never less than its longest word (up to WORD_LIMIT) nor more
    than its widest cell. Headers stay on one line, or (`split_headers`) break between
    words (按时/完成) when that leaves the free text room for fewer lines. `cap` bounds
    every column (an xlsx sheet wraps beyond it); `measure` is how wide a text is drawn;
    `word_limit` the longest word kept whole; with `stretch` a crowded table grows past
    the budget rather than break its words (a sheet printed one page wide); with
    `whole_names` a names column is as wide as its longest name up to NAME_LIMIT, and
    its names are never broken (`name_lines`)."""
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
    facts = [
        _column_facts(ts, measure, word_limit, c.names, whole_names)
        for ts, c in zip(texts, table.columns, strict=True)
    ]
    atoms = [max((atom for atom, _ in column), default=0.0) for column in facts]
    words = [
        max([word for _, word in column if word is not None] + [atom])
        for column, atom in zip(facts, atoms, strict=True)
    ]
    # How much text a column holds, a row on average: widths in proportion to it give the
    # columns about the same number of lines.
    weight = [
        max(sum(ws) / max(1, len(ws)), measure(c.name), 1.0)
        for ws, c in zip(widths, table.columns, strict=True)
    ]

    def counter(i: int, width: float) -> list[int]:
        return _line_counts(table, i, width, pad, measure, whole_names)

    allocated: dict[tuple[float, ...], list[float]] = {}  # widths by the headers' widths

    def allocate(headers: list[tuple[str, ...]]) -> list[ColumnLayout]:
        head = [max(measure(line) for line in lines) + pad for lines in headers]
        # Headers that no column is split for (序号, 说明) come to the same widths: worked
        # out once.
        known = allocated.get(tuple(head))
        if known is None:
            known = allocated[tuple(head)] = shares(head)
        return [ColumnLayout(known[i], headers[i], wraps[i]) for i in range(count)]

    def shares(head: list[float]) -> list[float]:
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
            low = {i for i in open_ if share[i] < floor[i]}
            high = {i for i in open_ if share[i] > ceiling[i]}
            if not low and not high:
                for i in open_:
                    out[i] = share[i]
                break
            # Hold only one side a round: the columns raised to their floors take width
            # from the others, which may then no longer reach their ceilings (and the
            # other way round), so holding both at once would overspend the budget.
            short = sum(floor[i] - share[i] for i in low)
            spare = sum(share[i] - ceiling[i] for i in high)
            held = low if short >= spare else high
            for i in held:
                out[i] = floor[i] if share[i] < floor[i] else ceiling[i]
                left -= out[i]
                open_.discard(i)
        if floor:
            lead = max(floor, key=lambda i: (weight[i], -i))
            _shorten(out, floor, ceiling, counter, lead)
        return out

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
    count: Callable[[int, float], list[int]],
    lead: int,
) -> None:
    """Move width between the wrapped columns while that makes the table shorter: the
    shares by weight suit columns of even text, but one very long cell (a remark naming
    every late unit) makes its row tall, and a little width there saves many lines. No
    column grows wider than `lead`, the column holding the most text."""
    free = sorted(floor)
    if len(free) < 2:
        return
    rows = len(count(free[0], out[free[0]]))
    if rows > REFINE_ROWS:
        return
    step = sum(out[i] for i in free) / 32
    now = {i: count(i, out[i]) for i in free}
    for _ in range(REFINE_STEPS):
        # Each row's tallest cell among the other wrapped columns, for each column: the
        # table's lines with that column's cells changed are then one sum (in C). Line
        # counts are at least 1, as a row is.
        others = {i: _row_max([now[j] for j in free if j != i]) for i in free}
        total = sum(_row_max([now[i] for i in free]))

        wider = {i: count(i, out[i] + step) for i in free if out[i] + step <= ceiling[i] + 1e-9}
        narrower = {i: count(i, out[i] - step) for i in free if out[i] - step >= floor[i] - 1e-9}
        gains = {i: total - sum(map(max, n, others[i])) for i, n in wider.items()}
        losses = {i: sum(map(max, n, others[i])) - total for i, n in narrower.items()}
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


def _row_max(columns: list[list[int]]) -> list[int]:
    """Each row's largest line count across `columns` (one or more)."""
    return columns[0] if len(columns) == 1 else list(map(max, *columns))


def line_count(text: str, width: float, pad: float = 2.0, measure: Measure = text_width) -> int:
    """Lines a text takes in a column `width` half-width characters wide."""
    usable = max(1.0, width - pad)
    return sum(max(1, math.ceil(measure(line) / usable)) for line in text.splitlines() or [""])


def table_lines(
    table: Table,
    layouts: list[ColumnLayout],
    pad: float = 2.0,
    measure: Measure = text_width,
    *,
    whole_names: bool = False,
) -> int:
    """How many lines of text the table's rows take, its header included."""
    counts = [
        _line_counts(table, i, layout.width, pad, measure, whole_names)
        if layout.wrap
        else [1] * len(table.rows)
        for i, layout in enumerate(layouts)
    ]
    header = max((len(layout.header) for layout in layouts), default=1)
    return header + sum(max(row, default=1) for row in zip(*counts, strict=True))


def _line_counts(
    table: Table, column: int, width: float, pad: float, measure: Measure, whole_names: bool
) -> list[int]:
    """The lines of each cell of a column `width` wide: a names column's as `name_lines`
    breaks them (a line too wide, a whole name, wraps), any other's from the widths of
    its lines."""
    known = _measures(table, measure)
    key = (column, width, pad, whole_names)
    counts = known.counts.get(key)
    if counts is None:
        counts = known.counts[key] = _counted(known, column, width, pad, measure, whole_names)
    return counts


def _counted(
    known: _Measures, column: int, width: float, pad: float, measure: Measure, whole_names: bool
) -> list[int]:
    table, texts, lines = known.table, known.texts, known.lines
    usable = max(1.0, width - pad)
    if table.columns[column].names:
        return [
            sum(
                max(1, math.ceil(measure(line) / usable))
                for line in name_lines(text, usable, measure, whole=whole_names)
            )
            for text in texts[column]
        ]
    # Free text: from the widths of its lines (the writer's own breaks, text_lines, may
    # add a line now and then; this is what the widths are chosen by, not what is drawn).
    ceil = math.ceil
    return [
        max(1, ceil(cell[0] / usable))
        if len(cell) == 1
        else sum(max(1, ceil(w / usable)) for w in cell) or 1
        for cell in lines[column]
    ]


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
