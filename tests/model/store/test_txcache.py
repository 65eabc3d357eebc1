"""What one transaction remembers, and that it forgets at the right moments."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from model.core.errors import InputError
from model.plans.task_refs import TaskRef
from model.store.queries import next_id
from model.store.schema import ProgressReport
from model.store.txcache import remembered
from model.work.groups import edit_group_members
from model.work.progress import ReportInput, close_item, record_report

D = dt.date(2023, 9, 15)


def test_next_ids_count_on_within_a_transaction_and_reread_after_it(seeded):
    with seeded.write() as session:
        assert [next_id(session, ProgressReport) for _ in range(3)] == [1, 2, 3]
    with seeded.write() as session:
        record_report(
            session, ReportInput(TaskRef("air", 5), "住建局", D, "in_progress", 10), as_of=D
        )
    with seeded.write() as session:
        # The earlier transaction's counter is gone: the table's maximum is read again.
        assert next_id(session, ProgressReport) == 2


def test_the_cache_is_dropped_at_commit_and_rollback(seeded):
    loads: list[int] = []
    with seeded.read() as session:
        session.scalar(select(1))  # a transaction is open
        assert remembered(session, "k", lambda: loads.append(1) or 1) == 1
        assert remembered(session, "k", lambda: loads.append(2) or 2) == 1
        session.rollback()
        assert remembered(session, "k", lambda: loads.append(3) or 3) == 3
    assert loads == [1, 3]


def test_a_read_inside_a_write_sees_the_rows_written_before_it(seeded):
    # The services leave rows pending; closing reads the latest report with a Core query.
    ref = TaskRef("air", 5)
    with seeded.write() as session:
        record_report(session, ReportInput(ref, "住建局", D, "done", 100), as_of=D)
        close_item(session, ref, "住建局", D, reason="核验", verified_by="付国平", as_of=D)
        pending = session.scalar(select(func.count()).select_from(ProgressReport))
    assert pending == 1


def test_who_holds_what_is_read_again_after_a_group_changes(seeded):
    # 空气 6 is supported by 大气办有关成员单位, which has no members yet.
    ref = TaskRef("air", 6)
    report = ReportInput(ref, "财政局", D, "in_progress", 10)
    with seeded.write() as session:
        with pytest.raises(InputError, match="不承担"):
            record_report(session, report, as_of=D)  # remembers what 财政局 holds
        edit_group_members(session, "大气办有关成员单位", add=["财政局"], on=D)
        record_report(session, report, as_of=D)  # …and reads it again after the change
