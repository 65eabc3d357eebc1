"""The report kinds and file formats: a module of constants, so `duban --help` can list
them without importing the report machinery."""

from __future__ import annotations

KINDS = ("scorecards", "progress", "notice", "bulletin")
FORMATS = ("xlsx", "docx", "csv", "md")
