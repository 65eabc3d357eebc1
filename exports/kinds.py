"""The report kinds and file formats: a module of constants, so `duban --help` can list
them without importing the report machinery."""

from __future__ import annotations

KINDS = ("scorecards", "progress", "notice", "bulletin", "rubric")
FORMATS = ("xlsx", "docx", "csv", "md")
# A kind written in some formats only: the 考核细则 (rubric) is a document, not a table.
KIND_FORMATS: dict[str, tuple[str, ...]] = {"rubric": ("docx", "md")}


def formats_of(kind: str) -> tuple[str, ...]:
    """The formats a kind is written in, the default first."""
    return KIND_FORMATS.get(kind, FORMATS)
