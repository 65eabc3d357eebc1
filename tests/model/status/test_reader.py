"""The read models through a Reader (SQL text on a plain sqlite3 connection, as `duban
status` reads) agree with them through a session, which the dashboard and reports use."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from model.core.lights import LightRules
from model.plans.task_refs import TaskRef
from model.status.holders import holder_states
from model.status.notices import list_notices, notice_detail
from model.status.unit_check import unit_check
from model.store.db import Database, open_database
from model.store.migrations.runner import downgrade_to
from model.store.reader import Reader, open_read_only, reader_of
from model.units.resolver import UnitRow, find_unit
from model.work.groups import edit_group_members
from model.work.progress import ReportInput, record_report

RULES = LightRules()
UNITS = [
    "住建局",
    "zjj",
    "环保局",
    "住房和城乡建设局",
    "各乡镇",
    "克城镇",
    "太林乡",
    "大气办有关成员单位",
]
DAYS = [dt.date(2023, 11, 13), dt.date(2023, 11, 14), dt.date(2023, 11, 15), dt.date(2023, 12, 31)]


@pytest.fixture
def dated_demo(demo_db: Database) -> Database:
    """The demo year with dated memberships: 克城镇 leaves 各乡镇 for October and November,
    and 大气办有关成员单位 gets members from 15 September."""
    with demo_db.write() as session:
        edit_group_members(
            session, "各乡镇", remove=["克城镇"], on=dt.date(2023, 10, 1), reason="调整"
        )
        edit_group_members(
            session, "各乡镇", add=["克城镇"], on=dt.date(2023, 11, 20), reason="调整"
        )
        edit_group_members(
            session,
            "大气办有关成员单位",
            add=["住建局", "蒲城镇"],
            on=dt.date(2023, 9, 15),
            reason="调整",
        )
    return demo_db


def test_the_unit_check_through_a_reader_is_the_one_through_a_session(dated_demo: Database):
    read_only = open_read_only(dated_demo.path)
    assert read_only is not None
    with read_only, read_only.read() as reader, dated_demo.read() as session:
        towns = unit_check(reader, "各乡镇", dt.date(2023, 11, 15), RULES).members
        assert "克城镇" not in towns and len(towns) == 7
        for name in UNITS:
            for day in [*DAYS, dt.date(2023, 9, 30), dt.date(2023, 11, 20)]:
                for year in (None, 2023, 2024):
                    by_session = unit_check(session, name, day, RULES, year=year)
                    by_reader = unit_check(reader, name, day, RULES, year=year)
                    assert by_reader == by_session, (name, day, year)


def test_the_notices_through_a_reader_are_those_through_a_session(demo_db: Database):
    read_only = open_read_only(demo_db.path)
    assert read_only is not None
    with read_only, read_only.read() as reader, demo_db.read() as session:
        for day in DAYS:
            assert list_notices(reader, day) == list_notices(session, day)
            assert list_notices(reader, day, unit_ids=[24, 30], year=2023) == list_notices(
                session, day, unit_ids=[24, 30], year=2023
            )
            assert notice_detail(reader, "督办〔2023〕1号", day, RULES) == notice_detail(
                session, "督办〔2023〕1号", day, RULES
            )
        assert notice_detail(reader, "督办〔2023〕1号", dt.date(2023, 11, 5), RULES) is None


def test_a_unit_found_through_a_reader_is_a_row_of_the_stored_unit(demo_db: Database):
    read_only = open_read_only(demo_db.path)
    assert read_only is not None
    with read_only, read_only.read() as reader, demo_db.read() as session:
        for name in [*UNITS, "各乡镇政府", "蒲县住建局"]:
            row, row_notes = find_unit(reader, name)
            stored, notes = find_unit(session, name)
            assert isinstance(row, UnitRow)
            assert (row.id, row.name, row.kind, row_notes) == (
                stored.id,
                stored.name,
                stored.kind,
                notes,
            )


def test_a_read_inside_a_write_sees_the_rows_it_added(demo_db: Database):
    """reader_of a session flushes what is pending first, as an ORM query would."""
    day = dt.date(2023, 11, 15)
    with demo_db.write() as session:
        record_report(
            session, ReportInput(TaskRef("air", 5), "住建局", day, "in_progress", 55), as_of=day
        )
        [state] = [
            s
            for s in holder_states(session, day, RULES, unit_ids=[7])
            if (s.plan_key, s.task_number) == ("air", 5)
        ]
        assert (state.last_report_on, state.percent) == (day, 55)
        assert isinstance(reader_of(session), Reader)
        session.rollback()


def test_only_a_current_database_is_opened_read_only(demo_template: Path, tmp_path: Path, context):
    assert open_read_only(tmp_path / "missing.sqlite3") is None
    (tmp_path / "empty.sqlite3").touch()
    assert open_read_only(tmp_path / "empty.sqlite3") is None
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database")
    assert open_read_only(tmp_path / "junk.sqlite3") is None
    assert open_read_only(tmp_path / "no-folder" / "x.sqlite3") is None

    older = tmp_path / "older.sqlite3"
    shutil.copy(demo_template, older)
    database = open_database(older, context)
    downgrade_to(database.engine, "0005_group_member_dates")
    database.close()
    assert open_read_only(older) is None

    current = tmp_path / "current.sqlite3"
    shutil.copy(demo_template, current)
    read_only = open_read_only(current)
    assert read_only is not None
    with read_only, read_only.read() as reader:
        assert reader.rows("SELECT count(*) FROM task") == [(68,)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.rows("DELETE FROM notice")
