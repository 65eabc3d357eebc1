"""The demo database of `duban demo` never contradicts itself: it holds nothing dated after
the day it opens as of, it is the whole demo year cut at that day, and what a user records
in it as of that day is accepted and shown."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from model.core.lights import Light, LightRules
from model.demo.generator import DEMO_AS_OF, DEMO_END, demo_until, ensure_demo
from model.plans.task_refs import TaskRef
from model.status.holders import holder_states
from model.status.notices import list_notices
from model.status.task_detail import task_detail
from model.status.timeline import milestone_rows
from model.store.audit import AuditContext
from model.store.audit_history import audit_log, event_day
from model.store.db import Database, open_database
from model.work.notices import issue_notice, record_reply
from model.work.progress import mark_milestone_done
from seed.bootstrap import open_seeded

# The user's own writes are stamped with the wall clock, long after the demo year.
LATER = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)

# Every dated record, by table and date column.
DATED = {
    "progress_report": "reported_on",
    "milestone_completion": "done_on",
    "closure_event": '"on"',
    "notice": "issued_on",
    "score_adjustment": "decided_on",
}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database `duban demo` builds (ensure_demo with its default day)."""
    path = tmp_path_factory.mktemp("demo") / "duban-demo.sqlite3"
    context = AuditContext(actor="测试员", clock=lambda: LATER)
    database, _ = open_seeded(path, context)
    with database, database.write() as session:
        made = ensure_demo(session, path)
    assert made.generated and made.until == DEMO_AS_OF
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "demo.sqlite3"
    path.write_bytes(demo_file.read_bytes())
    with open_database(path, AuditContext(actor="测试员", clock=lambda: LATER)) as database:
        yield database


def rows_until(path: Path, day: dt.date) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        rows = {
            table: connection.execute(
                f"SELECT * FROM {table} WHERE {column} <= ? ORDER BY id", (day.isoformat(),)
            ).fetchall()
            for table, column in DATED.items()
        }
        rows["reply"] = connection.execute(
            "SELECT number, reply_on, reply_text FROM notice WHERE reply_on <= ? ORDER BY id",
            (day.isoformat(),),
        ).fetchall()
    finally:
        connection.close()
    return rows


def test_nothing_in_the_demo_is_dated_after_the_day_it_opens_as_of(demo_file):
    connection = sqlite3.connect(demo_file)
    try:
        for table, column in DATED.items():
            later = connection.execute(
                f"SELECT count(*) FROM {table} WHERE {column} > ?", (DEMO_AS_OF.isoformat(),)
            ).fetchone()[0]
            assert later == 0, table
        replies = connection.execute(
            "SELECT count(*) FROM notice WHERE reply_on > ?", (DEMO_AS_OF.isoformat(),)
        ).fetchone()[0]
        assert replies == 0
        # The demo's events are stamped with the simulated days, none after its last day.
        last = connection.execute(
            "SELECT max(at) FROM audit_event WHERE action != 'seed.import'"
        ).fetchone()[0]
        assert last < (DEMO_AS_OF + dt.timedelta(days=1)).isoformat()
        assert connection.execute("SELECT count(*) FROM progress_report").fetchone()[0] > 1000
    finally:
        connection.close()
    # The day each event's record is dated, as a history marks those after the as-of date.
    context = AuditContext(actor="测试员")
    with open_database(demo_file, context) as database, database.read() as session:
        rows = audit_log(session, limit=10_000)
    days = {row.action: event_day(row) for row in rows}
    undated = ("seed.import", "demo.generate", "liaison.set")  # a liaison has no date (#14)
    assert all(days[action] is None for action in undated)
    dated = [event_day(row) for row in rows if row.action not in undated]
    assert all(day is not None and day <= DEMO_AS_OF for day in dated)
    assert {"report.create", "milestone.done", "closure.reopen", "notice.reply"} <= set(days)


def test_the_demo_is_the_whole_year_cut_at_its_last_day(demo_file, demo_template, context):
    """Same records up to DEMO_AS_OF as the full year the reports and tests use, so every
    screen as of DEMO_AS_OF is the same on both."""
    assert rows_until(demo_file, DEMO_AS_OF) == rows_until(demo_template, DEMO_AS_OF)
    assert rows_until(demo_template, DEMO_END) != rows_until(demo_template, DEMO_AS_OF)
    lights = []
    for path in (demo_file, demo_template):
        with open_database(path, context) as database, database.read() as session:
            states = holder_states(session, DEMO_AS_OF, LightRules())
            lights.append(sorted((s.task_id, s.unit, s.light.value) for s in states))
            assert demo_until(session) == (DEMO_AS_OF if path == demo_file else DEMO_END)
    assert lights[0] == lights[1]


def test_an_existing_demo_is_kept_with_its_last_day(demo):
    with demo.write() as session:
        again = ensure_demo(session, demo.path, until=DEMO_END)
    assert (again.generated, again.until) == (False, DEMO_AS_OF)


def test_the_office_can_act_on_what_the_demo_shows_as_of_its_day(demo):
    """Every overdue milestone can be recorded done, every unanswered notice answered, and
    a new notice takes the next number after those listed: no refusal contradicts a light."""
    rules = LightRules()
    with demo.read() as session:
        red = {
            (s.plan_key, s.task_number, s.unit)
            for s in holder_states(session, DEMO_AS_OF, rules)
            if s.light is Light.RED
        }
        overdue = [
            (TaskRef(r.plan_key, r.task_number, r.plan_year), r.position, unit)
            for r in milestone_rows(session, DEMO_AS_OF, rules)
            if r.state == "overdue"
            for unit in r.pending_units
        ]
        notices = list_notices(session, DEMO_AS_OF)
    assert red and overdue
    assert {(ref.plan_key, ref.number, unit) for ref, _, unit in overdue} >= red
    unanswered = [n.number for n in notices if n.reply_on is None]
    assert unanswered
    with demo.write() as session:
        for ref, position, unit in overdue:
            mark_milestone_done(session, ref, unit, position, DEMO_AS_OF, as_of=DEMO_AS_OF)
        for number in unanswered:
            record_reply(session, number, reply_on=DEMO_AS_OF, text="已整改", as_of=DEMO_AS_OF)
        plan, number, unit = sorted(red)[0]
        notice = issue_notice(
            session,
            unit=unit,
            tasks=[TaskRef(plan, number, 2023)],
            level="提醒",
            issued_on=DEMO_AS_OF,
            reply_due=DEMO_AS_OF + dt.timedelta(days=7),
            body="请按期整改。",
            as_of=DEMO_AS_OF,
        )
    assert notice.number == f"督办〔2023〕{len(notices) + 1}号"
    with demo.read() as session:
        states = holder_states(session, DEMO_AS_OF, rules)
        assert not {(s.plan_key, s.task_number, s.unit) for s in states if s.light is Light.RED}
        assert [n.number for n in list_notices(session, DEMO_AS_OF)][-1] == notice.number


def test_the_users_own_writes_show_in_the_task_history(demo):
    """Recorded now (the wall clock), dated DEMO_AS_OF: the task's history shows them."""
    rules = LightRules()
    with demo.read() as session:
        row = next(r for r in milestone_rows(session, DEMO_AS_OF, rules) if r.state == "overdue")
    ref = TaskRef(row.plan_key, row.task_number, row.plan_year)
    with demo.write() as session:
        mark_milestone_done(
            session, ref, row.pending_units[0], row.position, DEMO_AS_OF, as_of=DEMO_AS_OF
        )
    with demo.read() as session:
        history = task_detail(session, ref, DEMO_AS_OF, rules).history
    newest = history[0]
    assert newest.action == "milestone.done" and newest.at.startswith("2026-03-02")
    assert event_day(newest) == DEMO_AS_OF
