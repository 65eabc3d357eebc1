"""Export fixtures."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from exports.report import Report
from exports.service import ExportRequest, build_report
from model.core.lights import LightRules
from model.scoring.rubric import default_rubric
from model.store.audit import AuditContext
from model.store.db import open_database


@pytest.fixture(scope="session")
def reports(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    """The demo's progress table and scorecards at the year's end, as the writers get them
    (reports are frozen: shared by the tests that lay them out)."""
    path = tmp_path_factory.mktemp("reports") / "demo.sqlite3"
    shutil.copy(demo_template, path)
    out = {}
    with open_database(path, AuditContext(actor="测试员")) as database, database.read() as s:
        for kind in ("progress", "scorecards"):
            request = ExportRequest(kind=kind, fmt="docx", as_of=dt.date(2023, 12, 31), year=2023)
            out[kind] = build_report(s, request, rules=LightRules(), rubric=default_rubric()).report
    return out
