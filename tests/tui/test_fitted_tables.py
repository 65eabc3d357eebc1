"""Every table of every tab and of the task screen, read off the screen as drawn: a cell
shows its whole value or ends in "…", and the key columns survive 80×24."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from model.core.strings import RETURNS_COLUMNS
from model.plans.task_refs import TaskRef
from tests.tui.conftest import settle
from tui import strings
from tui.app import DubanApp
from tui.widgets.fitted_table import FittedTable

# What every table keeps at 80×24: its light, its dates and the units that hold the item
# (and the titles, states and scores that say what a row is).
KEY_COLUMNS = {
    "plan-counts": [strings.COL_PLAN, strings.COL_TOTAL, *strings.LIGHT_LABELS.values()],
    "overdue": [strings.COL_TITLE, strings.COL_UNIT, strings.COL_OVERDUE_SINCE],
    "soon": [strings.COL_DUE, strings.COL_TITLE, strings.COL_PENDING],
    "red-units": [strings.COL_UNIT, strings.COL_COUNT],
    "tasks": [
        strings.COL_NUMBER,
        strings.COL_TITLE,
        strings.COL_LEAD,
        strings.COL_NEXT_DUE,
        strings.COL_LIGHT,
    ],
    "unit-items": [
        strings.COL_TITLE,
        strings.COL_STATUS,
        strings.COL_LIGHT,
        strings.COL_NEXT_DUE,
        strings.COL_LAST_REPORT,
    ],
    "unit-history": [strings.COL_TIME, strings.COL_ACTION, strings.COL_DETAIL],
    "milestones": [strings.COL_DUE, strings.COL_TITLE, strings.COL_STATUS, strings.COL_PENDING],
    "notice-table": [
        strings.COL_NOTICE_NUMBER,
        strings.COL_UNIT,
        strings.COL_REPLY_DUE,
        strings.COL_REPLY,
    ],
    # Whom to chase and how to reach them; 任务数 and 收到日期 may go (#14).
    "returns-table": [RETURNS_COLUMNS[i] for i in (0, 1, 3, 5, 6)],
    "ranking": [strings.COL_RANK, strings.COL_UNIT, strings.COL_SCORE, strings.COL_RATING],
    "score-lines": [strings.COL_TASK, strings.COL_DETAIL, strings.COL_POINTS],
    "score-items": [
        strings.COL_REVIEW_ITEM,
        strings.COL_REVIEW_SYSTEM,
        strings.COL_REVIEW_SELF,
        strings.COL_REVIEW_REVIEWED,
    ],
    "roster-table": [strings.COL_MEMBER_ROLE, strings.COL_NAME, strings.COL_UNIT],
    "task-milestones": [
        strings.COL_DUE,
        strings.COL_MILESTONE,
        strings.COL_STATUS,
        strings.COL_PENDING,
    ],
    "task-holders": [
        strings.COL_UNIT,
        strings.COL_STATUS,
        strings.COL_LIGHT,
        strings.COL_NEXT_DUE,
        strings.COL_LAST_REPORT,
    ],
    "task-reports": [strings.COL_DATE, strings.COL_UNIT, strings.COL_STATUS, strings.COL_PERCENT],
    "task-closures": [strings.COL_DATE, strings.COL_UNIT, strings.COL_ACTION],
    "task-notices": [
        strings.COL_NOTICE_NUMBER,
        strings.COL_UNIT,
        strings.COL_REPLY_DUE,
        strings.COL_REPLY,
    ],
    "task-history": [strings.COL_TIME, strings.COL_ACTION, strings.COL_DETAIL],
    "notice-task-table": [
        strings.COL_TASK,
        strings.COL_STATUS,
        strings.COL_LIGHT,
        strings.COL_NEXT_DUE,
    ],
    "parsed-tasks": [strings.COL_NUMBER, strings.COL_TITLE, strings.COL_LEAD],
}


def drawn_rows(table: DataTable) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rows on screen as drawn: (row key, [(column key, text in the cell)])."""
    padding = table.cell_padding
    rows = []
    for y in range(table.header_height, table.scrollable_content_region.height):
        index = int(table.scroll_y) + y - table.header_height
        if index >= table.row_count:
            break
        strip = table.render_line(y)
        x = -int(table.scroll_x)
        cells = []
        for column in table.ordered_columns:
            width = column.get_render_width(table)
            text = strip.crop(x + padding, x + width - padding).text
            cells.append((str(column.key.value), text.rstrip()))
            x += width
        rows.append((str(table.ordered_rows[index].key.value), cells))
    return rows


def problems_of(table: DataTable) -> list[str]:
    """Every cell on screen that is neither its whole value nor a beginning ending in "…"."""
    name = table.id or "?"
    if not isinstance(table, FittedTable):
        return [f"{name}: a DataTable that does not fit its columns"]
    found = []
    drawn = sum(column.get_render_width(table) for column in table.ordered_columns)
    if drawn > table.scrollable_content_region.width:
        found.append(f"{name}: {drawn} cells of columns in {table.size.width}")
    spec_index = {column.key: index for index, column in enumerate(table.specs)}
    for key, cells in drawn_rows(table):
        for column_key, shown in cells:
            whole = table.full_rows[key][spec_index[column_key]].plain.rstrip()
            if shown == whole:
                continue
            if not (shown.endswith("…") and whole.startswith(shown[:-1])):
                found.append(f"{name}[{key}].{column_key}: {shown!r} cut from {whole!r}")
            if cell_len(shown) > table.columns[column_key].width:  # type: ignore[index]
                found.append(f"{name}[{key}].{column_key}: {shown!r} wider than its column")
    return found


def detail_problems(table: FittedTable) -> list[str]:
    """Every cell of the highlighted row that is cut or left out is whole in the detail
    line."""
    key = table.highlighted_key()
    if key is None or table.detail is None:
        return []
    detail = table.detail_text().plain
    return [
        f"{table.id}[{key}].{column.key}: {cell.plain!r} is not whole in {detail!r}"
        for column, width, cell in zip(table.specs, table.widths, table.full_rows[key], strict=True)
        if (width is None or cell_len(cell.plain) > width)
        and cell.plain.strip() not in ("", strings.NO_DEADLINE)  # nothing to show
        and cell.plain.strip() not in detail
    ]


def shown_tables(app: DubanApp) -> list[DataTable]:
    return [t for t in app.screen.query(DataTable) if t.display and t.region.area]


async def visit_everything(
    pilot, check: Callable[[str, list[DataTable]], None], *, unit: str = "zjj"
) -> None:
    """Every tab (the unit check of `unit`, the notice under the cursor of 督办), then the
    task screen of air 20."""
    app = pilot.app
    await settle(pilot)
    for key in "1234567890":
        await pilot.press(key)
        await settle(pilot)
        if key == "6":
            await pilot.press(*unit, "enter")
            await settle(pilot)
        check(f"tab {key}", shown_tables(app))
        if key == "8":
            await pilot.press("enter")
            await settle(pilot)
            check("notice", shown_tables(app))
            await pilot.press("escape")
            await settle(pilot)
    app.open_task(TaskRef("air", 20, 2023))
    await settle(pilot)
    check("task air 20", shown_tables(app))


# At 80×24, where every table is squeezed (the snapshots show each screen at 120×36, and
# tui.text.allocate/ellipsize are tested at every width): one app, every tab, every table.
@pytest.mark.parametrize("size", [(80, 24)])
async def test_every_cell_is_whole_or_ends_in_an_ellipsis(demo_app, size):
    seen: set[str] = set()
    found: list[str] = []

    def check(where: str, tables: list[DataTable]) -> None:
        assert tables, where
        for table in tables:
            seen.add(str(table.id))
            found.extend(f"{where}: {problem}" for problem in problems_of(table))
            if isinstance(table, FittedTable):
                found.extend(f"{where}: {problem}" for problem in detail_problems(table))
            if size == (80, 24):  # the narrowest keeps every table's key columns
                titles = {column.label.plain for column in table.ordered_columns}
                found.extend(
                    f"{where}: {table.id} lost {title}"
                    for title in KEY_COLUMNS[str(table.id)]
                    if title not in titles
                )

    # One visit a size checks both rules (a visit of every screen is the slow part).
    async with demo_app.run_test(size=size) as pilot:
        await visit_everything(pilot, check)
    assert not found, "\n".join(found)
    # air 20 has no closures; the import preview is checked below.
    assert seen >= set(KEY_COLUMNS) - {"task-closures", "parsed-tasks"}


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_import_preview_fits_its_table(demo_app, size):
    from pathlib import Path

    from tui.screens.import_screen import ImportScreen

    plan = Path(__file__).parent.parent / "seed" / "fixtures" / "plan-2024.txt"
    async with demo_app.run_test(size=size) as pilot:
        await settle(pilot)
        demo_app.push_screen(ImportScreen(plan))
        await settle(pilot)
        table = demo_app.screen.query_one("#parsed-tasks", DataTable)
        assert table.row_count == 14
        assert problems_of(table) == []
        assert isinstance(table, FittedTable)
        assert detail_problems(table) == []
        titles = {column.label.plain for column in table.ordered_columns}
        assert set(KEY_COLUMNS["parsed-tasks"]) <= titles
        await pilot.press("down", "down")  # a long unit list, whole in the detail line
        await settle(pilot)
        assert detail_problems(table) == []


async def test_the_check_catches_a_silent_cut(demo_app, monkeypatch):
    """Without the ellipsis, the drawing crops cells: the check above must notice."""
    monkeypatch.setattr(
        "tui.widgets.fitted_table.ellipsize", lambda text, width: Text().append_text(text)
    )
    found: list[str] = []

    def check(where: str, tables: list[DataTable]) -> None:
        for table in tables:
            found.extend(problems_of(table))

    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # a plan tab: long titles and unit lists
        await settle(pilot)
        check("tab 2", shown_tables(demo_app))
    assert any("cut from" in problem for problem in found)


async def test_a_plain_data_table_is_reported(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert problems_of(DataTable(id="plain")) == [
            "plain: a DataTable that does not fit its columns"
        ]


async def test_rows_found_through_a_unit_show_it_at_80x24(demo_app):
    """空气, filtered by zjj: every row shows 住建局, whether it leads or supports."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash", *"zjj", "enter")
        await settle(pilot)
        table = demo_app.screen.query_one("#pane-plan-air-2023 #tasks", FittedTable)
        rows = [(key, cells) for key, cells in drawn_rows(table) if key.startswith("task:")]
        assert len(rows) == 5
        for key, cells in rows:
            assert any(text.startswith("住建局") for _, text in cells), key


async def test_a_unit_holding_through_a_group_sees_the_group_at_80x24(demo_app):
    """克城镇 holds tasks as a member of 各乡镇: the role shows it whole in the row."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press(*"kcz", "enter")
        await settle(pilot)
        table = demo_app.screen.query_one("#unit-items", FittedTable)
        roles = [dict(cells).get("role") for _, cells in drawn_rows(table)]
        assert "责任（经各乡镇）" in roles or "牵头（经各乡镇）" in roles
        assert problems_of(table) == []


async def test_the_detail_line_shows_the_highlighted_row_in_full(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press(*"zjj", "enter")
        await settle(pilot)
        table = demo_app.screen.query_one("#unit-items", FittedTable)
        await pilot.press("down")
        await settle(pilot)
        key = table.highlighted_key()
        assert key is not None
        title = table.full_rows[key][2].plain
        shown = dict(drawn_rows(table)[table.cursor_row][1])["title"]
        assert shown.endswith("…") and shown != title  # cut in the table …
        detail = str(demo_app.screen.query_one("#unit-row-detail").render())
        assert f"{strings.COL_TITLE}：{title}" in detail  # … and whole under it
