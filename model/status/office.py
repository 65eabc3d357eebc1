"""Who the office is: the leading group's office (…领导小组办公室), which signs what the office
sends out — the reports' letterhead and the reminders (催报) alike — or, with no leading
group recorded, the issuer of the year's plan document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.core import strings
from model.store.reader import reader_of

if TYPE_CHECKING:
    from model.store.reader import Source


def document_of_year(source: Source, year: int) -> tuple[str, str, str] | None:
    """The latest document of the year's plans: (number, issuer, title)."""
    rows = reader_of(source).rows(
        "SELECT d.number, d.issuer, d.title FROM document d JOIN plan p ON p.document_id = d.id"
        " WHERE p.year = ? ORDER BY d.issued_on DESC, d.id DESC LIMIT 1",
        (year,),
    )
    return (rows[0][0], rows[0][1], rows[0][2]) if rows else None


def office_name(source: Source, year: int) -> str:
    rows = reader_of(source).rows("SELECT name FROM leading_group ORDER BY id LIMIT 1")
    if rows:
        return f"{rows[0][0]}{strings.OFFICE_SUFFIX}"
    document = document_of_year(source, year)
    return document[1] if document is not None else ""
