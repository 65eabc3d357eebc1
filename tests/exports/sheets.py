"""Reading an exported workbook back in the export tests."""

from __future__ import annotations


def table_rows(sheet, first: str) -> tuple[list, list[tuple]]:
    """The header row of a sheet's table (found by its first cell) and the rows under it,
    up to the blank row above the closing."""
    for row in sheet.iter_rows():
        if row[0].value == first:
            rows = []
            for below in sheet.iter_rows(min_row=row[0].row + 1):
                if below[0].value is None:
                    break
                rows.append(below)
            return [c.value for c in row], rows
    raise AssertionError(f"no table headed {first} in {sheet.title}")
