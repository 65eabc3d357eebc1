"""A table whose columns share out the width there is, and never cut a cell silently.

Each column is a `Col`: its title, how narrow it may get, how wide it would like to be
and how important it is. On every resize and every new set of rows the widths are shared
out again (`tui.text.allocate`): light, dates, units and titles first; secondary columns
are dropped whole rather than squeezed to nothing. A cell wider than its column ends in
"…" (`Cell`), and the highlighted row's full text — every cut or dropped cell and the
columns marked `detail` — is shown whole in a `RowDetail` line under the table.

The table keeps each row's full values: `get_row_at` and friends return them (as `Cell`
texts whose `str` is the whole value), only the drawing is cut.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Self

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.text import Text
from textual import events, on
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static
from textual.widgets.data_table import CursorType, RowKey

from tui import strings
from tui.text import Need, allocate, ellipsize


def plain(value: str | Text) -> str:
    return value.plain if isinstance(value, Text) else value


class Cell(Text):
    """A table cell's whole text, drawn cut with "…" when its column is narrower."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Segment]:
        width = options.max_width
        if cell_len(self.plain) > width:
            yield from ellipsize(self, width).__rich_console__(console, options)
        else:
            yield from super().__rich_console__(console, options)


def as_cell(value: object) -> Cell:
    """A value of a row as a `Cell` (one line: a line break becomes a space)."""
    if isinstance(value, Text):
        cell = Cell(
            value.plain.replace("\n", " "),
            style=value.style,
            justify=value.justify,
            spans=list(value.spans),
            end="",
        )
    else:
        cell = Cell("" if value is None else str(value).replace("\n", " "), end="")
    cell.no_wrap = True
    return cell


@dataclass(frozen=True)
class Col:
    """A column: `least` and `ideal` widths in cells (`ideal` 0: as wide as its widest cell).

    `priority` 0 is never dropped; among the others a higher number is dropped first.
    `detail`: always in the detail line, cut or not (what names the row: its title, units).
    """

    title: str | Text
    key: str
    least: int = 4
    ideal: int = 0
    priority: int = 0
    detail: bool = False


def needs(columns: Sequence[Col], rows: Iterable[Sequence[Text]]) -> list[Need]:
    """What each column asks for, given the rows it has to show."""
    titles = [cell_len(plain(c.title)) for c in columns]
    widest = list(titles)
    for row in rows:
        widest = [max(w, cell_len(cell.plain)) for w, cell in zip(widest, row, strict=True)]
    result = []
    for column, title, full in zip(columns, titles, widest, strict=True):
        least = max(title, min(column.least, full))
        ideal = max(least, min(column.ideal or full, full))
        result.append(Need(least, ideal, full, column.priority))
    return result


class RowDetail(Static):
    """The highlighted row of a table, in full: what the table had to cut or leave out.
    Plain text: a cell holding brackets is not markup."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)

    def show_row(self, table: FittedTable) -> None:
        self.update(table.detail_text())


class FittedTable(DataTable[Any]):
    DEFAULT_CSS = """
    FittedTable {
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        scrollbar-size-horizontal: 0;
        overflow-x: hidden;
    }
    """

    def __init__(
        self,
        *columns: Col,
        detail: RowDetail | None = None,
        id: str | None = None,
        classes: str | None = None,
        zebra_stripes: bool = False,
        cursor_type: CursorType = "row",
    ) -> None:
        super().__init__(
            id=id, classes=classes, zebra_stripes=zebra_stripes, cursor_type=cursor_type
        )
        self.specs: tuple[Col, ...] = columns
        self.detail = detail
        self.full_rows: dict[str, tuple[Cell, ...]] = {}  # by row key, every column
        self.quiet: set[str] = set()
        self.widths: list[int | None] = []  # per spec: its width, None when dropped
        self._next_key = 0

    # Rows ---------------------------------------------------------------------------

    def set_columns(self, *columns: Col) -> None:
        """Other columns (a new title or priority): the rows are laid out again."""
        if columns != self.specs:
            self.specs = columns
            self.relayout(force=True)

    def set_rows(
        self,
        rows: Iterable[tuple[str | None, Sequence[object]]],
        *,
        columns: Sequence[Col] | None = None,
        quiet: Iterable[str] = (),
    ) -> None:
        """Every row at once, as (key, cells) with one cell per column, full length (and
        the columns, when they change with the rows). `quiet` rows (headings, markers)
        show only what is cut in the detail line, without the column titles. The cursor
        keeps its row number."""
        cursor = self.cursor_row
        self.quiet = set(quiet)
        if columns is not None:
            self.specs = tuple(columns)
        self.full_rows = {}
        for key, cells in rows:
            self._store(key, cells)
        self.relayout(force=True, cursor=cursor)

    def add_row(
        self,
        *cells: object,
        height: int | None = 1,
        key: str | None = None,
        label: object = None,
    ) -> RowKey:
        """One more row (prefer `set_rows` for many): widths are shared out again."""
        row_key = self._store(key, cells)
        self.relayout(force=True, cursor=self.cursor_row)
        return RowKey(row_key)

    def clear(self, columns: bool = False) -> Self:
        self.full_rows = {}
        self.quiet = set()
        super().clear()
        self._build_columns()
        return self

    def _store(self, key: str | None, cells: Sequence[object]) -> str:
        if len(cells) > len(self.specs):
            raise ValueError(f"{len(cells)} cells for {len(self.specs)} columns")
        if key is None:
            key = f"row-{self._next_key}"
            self._next_key += 1
        padded = [*cells, *([""] * (len(self.specs) - len(cells)))]
        self.full_rows[key] = tuple(as_cell(c) for c in padded)
        return key

    # Layout -------------------------------------------------------------------------

    def available_width(self) -> int:
        return self.scrollable_content_region.width

    def layout_widths(self) -> list[int | None]:
        width = self.available_width()
        column_needs = needs(self.specs, self.full_rows.values())
        if width <= 0:  # not laid out yet: every column at its ideal width
            return [need.ideal for need in column_needs]
        return allocate(column_needs, width, 2 * self.cell_padding)

    def relayout(self, *, force: bool = False, cursor: int | None = None) -> None:
        """Share out the width again; when it comes out otherwise (or `force`), build the
        columns and rows again, keeping the cursor's row number and the scroll."""
        widths = self.layout_widths()
        if widths == self.widths and not force:
            return
        if cursor is None:
            cursor = self.cursor_row
        scroll_y = self.scroll_y
        self.widths = widths
        super().clear(columns=True)
        self._build_columns()
        kept = [i for i, w in enumerate(widths) if w is not None]
        for key, cells in self.full_rows.items():
            super().add_row(*(cells[i] for i in kept), key=key)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1), animate=False, scroll=False)
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
        self.show_detail()

    def _build_columns(self) -> None:
        if not self.widths:
            self.widths = [need.ideal for need in needs(self.specs, [])]
        if self.columns:
            return
        for column, width in zip(self.specs, self.widths, strict=True):
            if width is not None:
                self.add_column(column.title, key=column.key, width=width)

    @on(events.Resize)
    def resized(self) -> None:
        self.relayout()

    # Detail -------------------------------------------------------------------------

    def highlighted_key(self) -> str | None:
        if not self.row_count:
            return None
        row = min(self.cursor_row, self.row_count - 1)
        return str(self.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value)

    def detail_text(self) -> Text:
        """The highlighted row in full: its cut and dropped cells and its `detail` columns
        (which name the row), each after its column's title, in the columns' order. A
        `quiet` row (a heading) shows its cut text alone."""
        key = self.highlighted_key()
        if key is None or key not in self.full_rows:
            return Text()
        quiet = key in self.quiet
        parts = []
        for column, width, cell in zip(self.specs, self.widths, self.full_rows[key], strict=True):
            if cell.plain.strip() in ("", strings.NO_DEADLINE):
                continue
            cut = width is None or cell_len(cell.plain) > width
            if quiet and cut:
                parts.append(cell.copy())
            elif not quiet and (cut or column.detail):
                title = strings.ROW_DETAIL_FIELD.format(title=plain(column.title))
                parts.append(Text.assemble(Text(title, style="dim"), cell.copy()))
        return Text(strings.ROW_DETAIL_SEP).join(parts)

    def show_detail(self, *, focused: bool = False) -> None:
        """Show the highlighted row in the detail line: a line shared by several tables
        shows the row of the one that has (or is getting) the keyboard."""
        if self.detail is None or not self.is_mounted:
            return
        if focused or self.has_focus or not self._sharing_detail():
            self.detail.show_row(self)

    def _sharing_detail(self) -> bool:
        """Another table of the screen shows its rows in the same detail line."""
        return any(
            t is not self and t.detail is self.detail for t in self.screen.query(FittedTable)
        )

    @on(DataTable.RowHighlighted)
    def row_highlighted(self) -> None:
        self.show_detail()

    def on_focus(self) -> None:
        self.show_detail(focused=True)  # runs before has_focus is set
