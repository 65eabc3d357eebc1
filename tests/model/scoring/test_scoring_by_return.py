"""Scoring by return (#14): one count per return owed per unit and period, due on the
rubric's day of the next month moved to a working day; a line per missing or late return
naming its period."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest

from model.core.periods import Period, ReportingRules
from model.core.workdays import load_calendar
from model.scoring.rubric import default_rubric, reporting_rules
from model.scoring.scorecards import compute_scorecards
from model.status.returns import ReturnState, due_returns, return_statuses
from model.work.returns import ReturnRow, record_return_rows
from tests.conftest import plan_database
from tests.model.scoring.test_scorecards import T1, T2, tiny_plan

END = dt.date(2023, 12, 31)
RUBRIC = default_rubric()  # 缺报 0.5, 迟报 0.1 per return, at most 10; lead and responsible


@pytest.fixture
def tiny(tmp_path, context):
    # 甲局 leads 空气1 and supports 空气2, 乙局 leads 空气2; issued 2023-01-01, so a return
    # is owed for every month from January.
    database = plan_database(tmp_path, context, tiny_plan(), "tiny")
    yield database
    database.close()


def send(database, unit, month, received_on, *rows):
    period = Period(2023, month)
    label = f"{unit}{period.key}{received_on}"
    with database.write() as session:
        record_return_rows(
            session,
            unit=unit,
            period=period,
            received_on=received_on,
            file_name=f"{label}.xlsx",
            sha256=hashlib.sha256(label.encode()).hexdigest(),
            rows=rows or (ReturnRow(T1 if unit == "甲局" else T2, "in_progress", 40),),
            as_of=END,
        )


def card(database, unit, *, as_of=END, rubric=RUBRIC, reporting=None):
    with database.read() as session:
        board = compute_scorecards(
            session, year=2023, as_of=as_of, rubric=rubric, reporting=reporting
        )
    return board.card(unit)


def returns(found):
    return [(line.basis, line.points) for line in found.lines if line.kind == "reporting"]


def test_a_return_received_on_its_due_date_is_on_time_the_day_after_late(tiny):
    # January's return is due 2023-02-10, a Friday.
    send(tiny, "甲局", 1, dt.date(2023, 2, 10))
    send(tiny, "乙局", 1, dt.date(2023, 2, 11))
    as_of = dt.date(2023, 2, 28)
    assert returns(card(tiny, "甲局", as_of=as_of)) == []
    late = card(tiny, "乙局", as_of=as_of)
    assert returns(late) == [("2023年1月报送表 迟报 1 天", -0.1)]
    assert (late.missed_reports, late.late_reports, late.reporting) == (0, 1, -0.1)


def test_a_due_date_on_a_weekend_or_holiday_moves_to_the_next_working_day(tiny):
    # August's return: 2023-09-10 is a Sunday, so it is due Monday 2023-09-11.
    send(tiny, "甲局", 8, dt.date(2023, 9, 11))
    send(tiny, "乙局", 8, dt.date(2023, 9, 12))
    as_of = dt.date(2023, 9, 30)
    assert not [b for b, _ in returns(card(tiny, "甲局", as_of=as_of)) if "8月" in b]
    assert ("2023年8月报送表 迟报 1 天", -0.1) in returns(card(tiny, "乙局", as_of=as_of))


def test_a_due_date_in_the_national_day_holiday_moves_to_the_adjusted_working_day(tiny):
    # Due on the 1st: September's return would be due 2023-10-01, in the holiday (29
    # September – 6 October); Saturday 7 October is a working day (调休).
    rubric = dataclasses.replace(RUBRIC, due_day=1)
    send(tiny, "甲局", 9, dt.date(2023, 10, 7))
    send(tiny, "乙局", 9, dt.date(2023, 10, 8))
    as_of = dt.date(2023, 10, 31)
    assert not [b for b, _ in returns(card(tiny, "甲局", as_of=as_of, rubric=rubric)) if "9月" in b]
    assert ("2023年9月报送表 迟报 1 天", -0.1) in returns(
        card(tiny, "乙局", as_of=as_of, rubric=rubric)
    )


def test_the_office_calendar_file_moves_a_due_date_too(tiny, tmp_path):
    # The office's file makes Friday 2023-11-10 a day off: October's return is due Monday.
    path = tmp_path / "holidays.toml"
    path.write_text('[2023]\nholidays = ["2023-11-10"]\n', encoding="utf-8")
    office = reporting_rules(RUBRIC, load_calendar(path))
    send(tiny, "甲局", 10, dt.date(2023, 11, 13))
    as_of = dt.date(2023, 11, 30)
    assert ("2023年10月报送表 迟报 3 天", -0.1) in returns(card(tiny, "甲局", as_of=as_of))
    assert not [
        b for b, _ in returns(card(tiny, "甲局", as_of=as_of, reporting=office)) if "10月" in b
    ]


def test_only_periods_due_by_the_evaluation_date_count(tiny):
    # January's return is due 2023-02-10: not counted the day before, missing that day.
    assert returns(card(tiny, "甲局", as_of=dt.date(2023, 2, 9))) == []
    on_the_day = card(tiny, "甲局", as_of=dt.date(2023, 2, 10))
    assert returns(on_the_day) == []  # due, still on time: not missing until the day after
    missing = card(tiny, "甲局", as_of=dt.date(2023, 2, 11))
    assert returns(missing) == [("2023年1月报送表 未报送", -0.5)]
    assert missing.missed_reports == 1


def test_missed_and_late_are_counted_per_return_period_by_period(tiny):
    send(tiny, "甲局", 1, dt.date(2023, 2, 3))  # on time
    send(tiny, "甲局", 2, dt.date(2023, 3, 13))  # due 03-10 (Friday): 3 days late
    # March missing; April's return is late by 9 days (due 05-10)
    send(tiny, "甲局", 4, dt.date(2023, 5, 19))
    found = card(tiny, "甲局", as_of=dt.date(2023, 5, 31))
    assert returns(found) == [
        ("2023年2月报送表 迟报 3 天", -0.1),
        ("2023年3月报送表 未报送", -0.5),
        ("2023年4月报送表 迟报 9 天", -0.1),
    ]
    assert (found.missed_reports, found.late_reports, found.reporting) == (1, 2, -0.7)
    lines = [line for line in found.lines if line.kind == "reporting"]
    assert lines[0].detail == "应于 2023-03-10 前报送，2023-03-13 收到"
    assert lines[1].detail == "应于 2023-04-10 前报送，截至 2023-05-31 未收到"
    assert all(line.task == "" for line in lines)  # the unit's return, not a task's
    # Every total is the sum of its lines.
    assert round(sum(line.points for line in found.lines), 2) == found.score


def test_one_return_is_one_count_whatever_the_tasks_it_covers(tiny):
    # 甲局 also supports 空气2: supporting units report through the lead, so its return
    # covers 空气1 only — and would count once even if it covered both.
    send(tiny, "甲局", 1, dt.date(2023, 2, 15), ReturnRow(T1, "in_progress", 40))
    everyone = dataclasses.replace(RUBRIC, reporting_roles=("lead", "support", "responsible"))
    found = card(tiny, "甲局", as_of=dt.date(2023, 2, 28), rubric=everyone)
    assert returns(found) == [("2023年1月报送表 迟报 5 天", -0.1)]  # due 02-10 (Friday)


def test_a_unit_in_no_returning_role_owes_no_return(tiny):
    only_support = dataclasses.replace(RUBRIC, reporting_roles=("support",))
    assert card(tiny, "乙局", rubric=only_support).missed_reports == 0
    assert card(tiny, "甲局", rubric=only_support).missed_reports == 11  # January – November


def test_the_deductions_stop_at_the_rubric_maximum(tiny):
    # Eleven returns due by year-end (January – November), none received: 11 × 0.5 = 5.5.
    found = card(tiny, "乙局")
    assert found.missed_reports == 11 and found.reporting == -5.0 + -0.5
    capped = card(tiny, "乙局", rubric=dataclasses.replace(RUBRIC, reporting_max=5.0))
    assert capped.reporting == -5.0
    cap = next(line for line in capped.lines if "报送扣分封顶 5 分" in line.detail)
    assert (cap.kind, cap.points, cap.basis) == ("reporting", 0.5, "考核细则：报送扣分最多 5 分")
    assert round(sum(line.points for line in capped.lines), 2) == capped.score


def test_a_finished_part_owes_no_more_returns(tiny):
    # 乙局 reports 空气2 done in its February return, received 02-28: from March on it owes
    # none. Received on 03-01 instead, March had begun with the part open: March is owed.
    send(tiny, "乙局", 1, dt.date(2023, 2, 1))
    send(tiny, "乙局", 2, dt.date(2023, 2, 28), ReturnRow(T2, "done", 100))
    found = card(tiny, "乙局")
    assert returns(found) == []
    assert found.missed_reports == 0


def test_a_part_finished_after_a_period_began_owes_that_period(tiny):
    send(tiny, "乙局", 1, dt.date(2023, 2, 1))
    send(tiny, "乙局", 2, dt.date(2023, 3, 1), ReturnRow(T2, "done", 100))
    assert returns(card(tiny, "乙局")) == [("2023年3月报送表 未报送", -0.5)]


def test_the_bulk_read_says_what_return_statuses_says(demo_db):
    rules = ReportingRules()
    with demo_db.reader() as reader:
        for as_of in (dt.date(2023, 9, 11), dt.date(2023, 9, 12), dt.date(2023, 11, 15), END):
            bulk = {(d.unit_id, d.period): d for d in due_returns(reader, 2023, as_of, rules)}
            single = {
                (s.unit_id, s.period): s
                for month in range(1, 13)
                if rules.due(Period(2023, month)) <= as_of
                for s in return_statuses(reader, Period(2023, month), rules, as_of)
            }
            assert bulk.keys() == single.keys()
            for key, status in single.items():
                due = bulk[key]
                assert (due.state, due.days_late) == (status.state, status.days_late)
                assert due.missing == (status.state is ReturnState.MISSING)


def test_the_demo_has_returns_on_time_late_and_missing(demo_db):
    with demo_db.reader() as reader:
        due = due_returns(reader, 2023, END, ReportingRules())
    missing = sum(d.missing for d in due)
    late = sum(d.days_late > 0 for d in due)
    assert 0 < missing < late < len(due) - missing - late  # most on time, a few missing
