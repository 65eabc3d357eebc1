"""Cutting text with "…" and sharing a table's width among its columns (tui.text)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from tui.text import Need, allocate, ellipsize
from tui.widgets.fitted_table import Col, as_cell, needs

# Two cells of padding per column, as a DataTable draws them.


def test_text_that_fits_is_kept_whole():
    text = Text("市生态环境局")  # 12 cells
    assert ellipsize(text, 12) is text
    assert ellipsize(text, 11).plain == "市生态环境…"


def test_a_cut_ends_in_an_ellipsis_within_the_width():
    for width in range(1, 30):
        cut = ellipsize(Text("市生态环境局蒲县分局、工信局 2023-11-14"), width)
        assert cut.plain.endswith("…") and cell_len(cut.plain) <= width


def test_a_wide_character_is_never_split():
    assert ellipsize(Text("市生态"), 5).plain == "市生…"  # 2 + 2 + 1
    assert ellipsize(Text("市生态"), 4).plain == "市…"  # 生 would leave no cell for …
    assert ellipsize(Text("ab生态"), 4).plain == "ab…"


def test_a_cut_does_not_end_on_a_separator():
    assert ellipsize(Text("工信局、住建局"), 9).plain == "工信局…"
    assert ellipsize(Text("工信局、住建局"), 10).plain == "工信局…"
    assert ellipsize(Text("工信局、住建局"), 11).plain == "工信局、住…"


def test_no_room_at_all():
    assert ellipsize(Text("工信局"), 1).plain == "…"
    assert ellipsize(Text("工信局"), 0).plain == ""


def test_the_ellipsis_keeps_the_style_of_what_it_ends():
    cut = ellipsize(Text("逾期答复（2023-11-14）", style="yellow"), 10)
    assert cut.plain == "逾期答复…" and str(cut.style) == "yellow"
    mixed = ellipsize(Text.assemble(("abc", "red"), ("defgh", "bold")), 5)
    assert mixed.plain == "abcd…"
    assert [str(span.style) for span in mixed.spans if span.start == 4] == ["bold"]


def test_every_column_at_its_ideal_width_when_it_fits():
    columns = [Need(4, 10, 10), Need(4, 10, 10, priority=1)]
    assert allocate(columns, 24) == [10, 10]


def test_a_secondary_column_is_dropped_when_the_ideals_do_not_fit():
    columns = [Need(4, 10, 30), Need(4, 10, 10, priority=1)]
    assert allocate(columns, 24) == [10, 10]
    assert allocate(columns, 23) == [21, None]  # the width it leaves goes to the first


def test_the_highest_priority_number_goes_first_then_the_rightmost():
    columns = [Need(4, 4, 4, priority=1), Need(4, 4, 4, priority=2), Need(4, 4, 4, priority=1)]
    assert allocate(columns, 18) == [4, 4, 4]
    assert allocate(columns, 17) == [4, None, 4 + 5]
    assert allocate(columns, 11) == [4 + 5, None, None]
    assert allocate(columns, 5) == [4, None, None]  # wider than the table: it scrolls


def test_a_column_dropped_early_comes_back_when_a_later_drop_makes_room():
    columns = [Need(4, 4, 4, priority=2), Need(10, 20, 20, priority=1), Need(10, 10, 10)]
    assert allocate(columns, 18) == [4, None, 10]
    assert allocate(columns, 17) == [None, None, 15]


def test_essential_columns_are_squeezed_to_their_least_widths_never_dropped():
    columns = [Need(4, 10, 10), Need(4, 10, 10)]
    assert allocate(columns, 24) == [10, 10]
    assert allocate(columns, 23) == [10, 9]  # the rightmost of equals gives first
    assert allocate(columns, 20) == [8, 8]
    assert allocate(columns, 12) == [4, 4]
    assert allocate(columns, 11) == [4, 4]  # at least: the table scrolls


def test_spare_width_goes_to_the_most_important_columns_first():
    columns = [Need(5, 5, 15, priority=1), Need(5, 5, 15)]
    assert allocate(columns, 24) == [5, 15]
    assert allocate(columns, 25) == [6, 15]
    assert allocate(columns, 23) == [5, 14]


def test_columns_of_one_priority_share_a_cell_at_a_time():
    columns = [Need(5, 5, 15), Need(5, 5, 15)]
    assert allocate(columns, 14 + 3) == [7, 6]
    assert allocate(columns, 14 + 4) == [7, 7]


def test_what_no_column_needs_goes_to_the_last_one():
    columns = [Need(5, 5, 5), Need(5, 5, 5)]
    assert allocate(columns, 14) == [5, 5]
    assert allocate(columns, 30) == [5, 21]
    assert allocate([], 30) == []


def test_a_column_asks_for_its_title_and_at_most_its_widest_cell():
    columns = [
        Col("未完成单位", "pending", least=6, ideal=16),  # the title is 10 cells
        Col("灯", "light", least=4),
        Col("任务", "title", least=8, ideal=20),
    ]
    rows = [[as_cell("蒲城镇"), as_cell("● 红"), as_cell("持续开展“三清零”")]]
    assert needs(columns, rows) == [Need(10, 10, 10), Need(4, 4, 4), Need(8, 16, 16)]
    long = [[as_cell("蒲城镇、克城镇、山中乡、古县乡"), as_cell("●"), as_cell("")]]
    assert needs(columns, long) == [Need(10, 16, 30), Need(2, 2, 2), Need(4, 4, 4)]


def test_a_cell_is_one_line_and_prints_whole():
    cell = as_cell(Text("第一行\n第二行", style="red"))
    assert str(cell) == "第一行 第二行" and str(cell.style) == "red"
    assert str(as_cell(None)) == "" and str(as_cell(3)) == "3"
