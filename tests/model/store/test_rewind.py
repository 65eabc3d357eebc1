"""As recorded on a day (model.store.rewind): entries made after the day, undone in a copy.

The demo database holds the whole synthetic year, each entry stamped with its own day (the
last on 12-28). Entries are written here through the real services with an audit clock
after the day and dated on or before it, so that they change what is shown *as of* the
day; the copy *as recorded on* the day must be the database before them, row for row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from model.core.errors import DatabaseError, InputError
from model.core.lights import LightRules
from model.plans.task_refs import TaskRef
from model.scoring.rubric import default_rubric
from model.scoring.scorecards import ScoreBoard, compute_scorecards
from model.status.holders import HolderState, holder_states
from model.status.notices import list_notices
from model.store.audit import AuditContext, record
from model.store.db import Database, open_database
from model.store.rewind import end_of_day, recorded_copy
from model.store.schema import Notice
from model.store.snapshots import EvidenceFile
from model.work.adjustments import add_adjustment
from model.work.groups import edit_group_members
from model.work.notices import issue_notice, record_reply
from model.work.progress import (
    ReportInput,
    close_item,
    mark_milestone_done,
    record_report,
    reopen_item,
)

D = dt.date(2023, 12, 31)  # the demo's last day: nothing of it is stamped later
LATER = dt.datetime(2024, 1, 10, 10, 0, tzinfo=dt.UTC)
EARLIER = dt.datetime(2023, 12, 31, 12, 0, tzinfo=dt.UTC)  # entered on D
PRINTED = dt.date(2023, 11, 15)  # the day a card is printed, in the middle of the demo


def tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read without writing a byte."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
        names = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"'), key=repr) for name in names
        }


@contextlib.contextmanager
def clocked(database: Database, at: dt.datetime) -> Iterator[Database]:
    """The same file, written by someone whose audit clock reads `at`."""
    other = open_database(database.path, AuditContext(actor="测试员", clock=lambda: at))
    with other:
        yield other


def write(database: Database, at: dt.datetime, change: Callable[[Any], object]) -> None:
    with clocked(database, at) as other, other.write() as session:
        change(session)


def states(database: Database, day: dt.date = D) -> list[HolderState]:
    with database.read() as session:
        return holder_states(session, day, LightRules())


def ref(state: HolderState) -> TaskRef:
    return TaskRef(state.plan_key, state.task_number, state.plan_year)


def as_recorded(database: Database, day: dt.date = D, **kw: Any) -> dict[str, list[Any]]:
    with recorded_copy(database, day, **kw) as copy:
        return tables(copy.path)


# --- each kind of event, undone alone ---------------------------------------------------
# Each returns the change to make later, dated on or before `day`; some first enter, on
# `day` itself, what the change needs (a done report before a closure).

Change = Callable[[Any], object]


def report(database: Database, day: dt.date) -> Change:
    state = states(database, day)[0]
    files = (EvidenceFile("照片.jpg", "a" * 64, 10), EvidenceFile("台账.pdf", "b" * 64, 20))
    data = ReportInput(
        ref(state),
        state.unit,
        day - dt.timedelta(days=5),
        "in_progress",
        60,
        "补录",
        attachments=files,
        problems="问题",
        next_steps="打算",
    )
    return lambda s: record_report(s, data, as_of=day)


def milestone(database: Database, day: dt.date) -> Change:
    with database.read() as session:
        pending = {
            (row.task_id, row.unit_id): row.position
            for row in session.execute(
                text(
                    "SELECT m.task_id, a.unit_id, min(m.position) AS position"
                    " FROM milestone m JOIN assignment a ON a.task_id = m.task_id"
                    " WHERE NOT EXISTS (SELECT 1 FROM milestone_completion c"
                    " WHERE c.milestone_id = m.id AND c.unit_id = a.unit_id)"
                    " GROUP BY m.task_id, a.unit_id"
                )
            )
        }
    state = next(s for s in states(database, day) if (s.task_id, s.unit_id) in pending)
    position = pending[(state.task_id, state.unit_id)]
    return lambda s: mark_milestone_done(s, ref(state), state.unit, position, day, as_of=day)


def close(database: Database, day: dt.date) -> Change:
    state = next(s for s in states(database, day) if s.status.value != "closed")
    done = ReportInput(ref(state), state.unit, day, "done", 100)
    entered_on_day = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    write(database, entered_on_day, lambda s: record_report(s, done, as_of=day))
    return lambda s: close_item(
        s, ref(state), state.unit, day, reason="核验通过", verified_by="办公室", as_of=day
    )


def reopen(database: Database, day: dt.date) -> Change:
    state = next(s for s in states(database, day) if s.status.value == "closed")
    return lambda s: reopen_item(
        s, ref(state), state.unit, day, reason="抽查不合格", verified_by="办公室", as_of=day
    )


def notice(database: Database, day: dt.date) -> Change:
    state = states(database, day)[0]
    return lambda s: issue_notice(
        s,
        unit=state.unit,
        tasks=[ref(state)],
        level="督办",
        issued_on=day - dt.timedelta(days=5),
        reply_due=day + dt.timedelta(days=2),
        body="请整改",
        as_of=day,
    )


def reply(database: Database, day: dt.date) -> Change:
    with database.read() as session:  # never answered, not even after `day`
        number = next(n.number for n in list_notices(session, D) if not n.answered)
    return lambda s: record_reply(s, number, reply_on=day, text="已整改到位", as_of=day)


def adjustment(database: Database, day: dt.date) -> Change:
    return lambda s: add_adjustment(
        s,
        unit="水利局",
        year=2023,
        points=3,
        reason="专项工作突出",
        approver="县政府办",
        decided_on=day - dt.timedelta(days=5),
        as_of=day,
    )


def group_add(database: Database, day: dt.date) -> Change:
    return lambda s: edit_group_members(s, "大气办有关成员单位", add=["财政局"], on=day)


def group_remove(database: Database, day: dt.date) -> Change:
    return lambda s: edit_group_members(s, "各乡镇", remove=["太林乡"], on=dt.date(2023, 11, 1))


KINDS: dict[str, Callable[[Database, dt.date], Change]] = {
    "report.create": report,
    "milestone.done": milestone,
    "closure.close": close,
    "closure.reopen": reopen,
    "notice.issue": notice,
    "notice.reply": reply,
    "adjustment.create": adjustment,
    "group.members add": group_add,
    "group.members remove": group_remove,
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_of_entry_is_undone_exactly(demo_db, kind):
    change = KINDS[kind](demo_db, D)
    before = tables(demo_db.path)
    write(demo_db, LATER, change)
    after = tables(demo_db.path)
    changed = {name for name in before if before[name] != after[name]}
    assert "audit_event" in changed and len(changed) > 1  # the entry wrote a domain row
    assert as_recorded(demo_db) == before
    # As recorded on the day the entry was made, it is there.
    assert as_recorded(demo_db, LATER.date()) == after


def test_several_entries_on_one_row_collapse_to_its_state_before_the_first(demo_db):
    issue = notice(demo_db, D)
    before = tables(demo_db.path)

    def issue_and_answer(session: Any) -> None:
        issued = issue(session)
        assert isinstance(issued, Notice)
        record_reply(session, issued.number, reply_on=D, text="已整改", as_of=D)

    write(demo_db, LATER, issue_and_answer)
    write(demo_db, LATER, group_add(demo_db, D))
    later = LATER + dt.timedelta(days=3)
    write(
        demo_db,
        later,
        lambda s: edit_group_members(s, "大气办有关成员单位", remove=["财政局"], on=later.date()),
    )
    assert as_recorded(demo_db) == before


# --- the scorecards: as of D changes, as recorded on D does not -------------------------


def test_the_card_as_recorded_on_the_day_ignores_what_was_entered_later(demo_db):
    """Printed on 11-15 as of 11-15; on 12-20 entries dated on or before 11-15 are made."""
    rubric = default_rubric()

    def board(database: Database) -> ScoreBoard:
        with database.read() as session:
            return compute_scorecards(session, year=2023, as_of=PRINTED, rubric=rubric)

    late = ("report.create", "notice.reply", "adjustment.create", "closure.close")
    changes = [KINDS[kind](demo_db, PRINTED) for kind in late]  # the closure's report: on 11-15
    changes.append(group_remove(demo_db, PRINTED))
    printed = board(demo_db)
    for change in changes:
        write(demo_db, dt.datetime(2023, 12, 20, 10, tzinfo=dt.UTC), change)
    assert board(demo_db) != printed  # as of 11-15: the late entries count
    with recorded_copy(demo_db, PRINTED) as copy:
        assert board(copy) == printed  # as recorded on 11-15: exactly what was printed
        assert copy.recorded.head == chain_head_on(demo_db, PRINTED)


def chain_head_on(database: Database, day: dt.date) -> tuple[int, str]:
    """The newest event stamped by the end of `day` (UTC in the tests)."""
    cutoff = end_of_day(day).isoformat(timespec="seconds")
    with database.read() as session:
        row = session.execute(
            text("SELECT id, hash FROM audit_event WHERE at < :cutoff ORDER BY id DESC LIMIT 1"),
            {"cutoff": cutoff},
        ).one()
    return int(row[0]), str(row[1])


# --- the day's boundary, in local time --------------------------------------------------


def adjustments_at(database: Database, *moments: dt.datetime) -> None:
    for points, at in enumerate(moments, 1):
        write(
            database,
            at,
            lambda s, p=points: add_adjustment(
                s,
                unit="水利局",
                year=2023,
                points=p,
                reason="边界",
                approver="县政府办",
                decided_on=D,
                as_of=D,
            ),
        )


def adjustment_points(database: Database, day: dt.date, **kw: Any) -> list[float]:
    with recorded_copy(database, day, **kw) as copy, copy.read() as session:
        points = session.execute(
            text("SELECT points FROM score_adjustment WHERE reason = '边界' ORDER BY points")
        )
        return list(points.scalars())


def test_an_entry_at_the_last_second_of_the_day_is_in_and_midnight_is_not(demo_db):
    adjustments_at(
        demo_db,
        dt.datetime(2024, 1, 1, 23, 59, 59, tzinfo=dt.UTC),
        dt.datetime(2024, 1, 2, 0, 0, 0, tzinfo=dt.UTC),
    )
    assert adjustment_points(demo_db, dt.date(2024, 1, 1)) == [1.0]
    assert adjustment_points(demo_db, dt.date(2024, 1, 2)) == [1.0, 2.0]
    assert adjustment_points(demo_db, D) == []


def test_the_day_ends_at_local_midnight(demo_db):
    shanghai = ZoneInfo("Asia/Shanghai")  # UTC+8: 2024-01-01 ends at 16:00 UTC
    new_year = dt.date(2024, 1, 1)
    assert end_of_day(new_year, shanghai) == dt.datetime(2024, 1, 1, 16, 0, tzinfo=dt.UTC)
    assert end_of_day(new_year) == dt.datetime(2024, 1, 2, tzinfo=dt.UTC)  # TZ=UTC
    adjustments_at(
        demo_db,
        dt.datetime(2024, 1, 1, 15, 59, 59, tzinfo=dt.UTC),
        dt.datetime(2024, 1, 1, 16, 0, 0, tzinfo=dt.UTC),
    )
    assert adjustment_points(demo_db, new_year, tz=shanghai) == [1.0]
    assert adjustment_points(demo_db, new_year) == [1.0, 2.0]


# --- the copy: read-only, temporary, and the original untouched -------------------------


def test_the_original_is_only_read_and_the_copy_is_read_only_and_removed(demo_db):
    write(demo_db, LATER, adjustment(demo_db, D))
    with demo_db.read() as session:  # open, as the dashboard holds it
        session.execute(text("SELECT count(*) FROM unit")).scalar_one()
    # The database and its write-ahead log; the -shm index is SQLite's scratch space,
    # which every reader (read-only ones too) marks.
    files = [demo_db.path, demo_db.path.with_name(demo_db.path.name + "-wal")]
    untouched = [path.read_bytes() if path.exists() else None for path in files]
    with recorded_copy(demo_db, D) as copy:
        assert copy.path.parent != demo_db.path.parent
        with pytest.raises(InputError, match="只读副本"), copy.write():
            pass
        with pytest.raises(DatabaseError, match="readonly"), copy.read() as session:
            session.connection().exec_driver_sql("DELETE FROM evidence")
    assert not copy.path.parent.exists()
    assert [path.read_bytes() if path.exists() else None for path in files] == untouched


def test_a_day_before_any_entry_leaves_only_the_plans(demo_db):
    with recorded_copy(demo_db, dt.date(2023, 1, 1)) as copy:
        rows = tables(copy.path)
        assert copy.recorded.entries == 0 and copy.recorded.head[0] == 0
    for name in ("progress_report", "closure_event", "notice", "milestone_completion"):
        assert rows[name] == []
    assert rows["task"] == tables(demo_db.path)["task"]
    assert [row[3] for row in rows["audit_event"]] == ["seed.import", "demo.generate"]


# --- tables the write services do not know: the generic rule ----------------------------


def review_table(database: Database) -> None:
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE year_review (id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL"
            " REFERENCES unit (id), decided_on DATE, verdict TEXT)"
        )


def review_event(
    session: Any, action: str, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> None:
    record(session, action=action, entity="year_review", entity_id=1, before=before, after=after)
    if before is None:
        sql, values = "INSERT INTO year_review VALUES (:id, :unit_id, :decided_on, :verdict)", after
    elif after is None:
        sql, values = "DELETE FROM year_review WHERE id = :id", before
    else:
        sql, values = "UPDATE year_review SET verdict = :verdict WHERE id = :id", after
    session.execute(text(sql), values)


def test_a_table_named_by_its_events_is_rewound_by_primary_key(demo_db):
    review_table(demo_db)
    first = {"id": 1, "unit_id": 2, "decided_on": "2023-11-10", "verdict": "初审"}
    second = {**first, "verdict": "复审"}
    write(demo_db, EARLIER, lambda s: review_event(s, "review.create", None, first))
    before = tables(demo_db.path)
    write(demo_db, LATER, lambda s: review_event(s, "review.update", first, second))
    write(demo_db, LATER, lambda s: review_event(s, "review.delete", second, None))
    assert tables(demo_db.path)["year_review"] == []
    assert as_recorded(demo_db) == before
    assert as_recorded(demo_db)["year_review"] == [(1, 2, "2023-11-10", "初审")]
    assert as_recorded(demo_db, dt.date(2023, 11, 1))["year_review"] == []


def test_the_year_end_cycle_is_rewound_entry_by_entry(demo_db):
    """自评 on 01-10, 复核 and 审定 on 01-15 (entity = table, full-row snapshots)."""
    from model.scoring.review import compute_reviewed_board, item_ranges
    from model.work.reviews import approve, enter_self_score, set_review

    rubric = default_rubric()
    ranges = item_ranges(rubric)
    jan = dt.date(2024, 1, 15)
    before = tables(demo_db.path)
    write(
        demo_db,
        dt.datetime(2024, 1, 10, 9, tzinfo=dt.UTC),
        lambda s: enter_self_score(
            s,
            unit="水利局",
            year=2023,
            item="任务完成",
            points=90,
            note="自评",
            on=dt.date(2024, 1, 10),
            as_of=jan,
            ranges=ranges,
        ),
    )
    self_assessed = tables(demo_db.path)

    def review_and_approve(session: Any) -> None:
        set_review(
            session,
            unit="水利局",
            year=2023,
            item="任务完成",
            points=85,
            reason="佐证不全",
            by="王主任",
            on=jan,
            as_of=jan,
            ranges=ranges,
        )
        board = compute_reviewed_board(session, year=2023, as_of=jan, rubric=rubric)
        approve(session, year=2023, by="李县长", on=jan, as_of=jan, cards=board.frozen_data())

    write(demo_db, dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC), review_and_approve)
    assert tables(demo_db.path)["score_approval"] != []
    assert as_recorded(demo_db, dt.date(2024, 1, 12)) == self_assessed
    assert as_recorded(demo_db) == before


# --- what cannot be undone is refused ---------------------------------------------------


@pytest.mark.parametrize(
    ("entity", "action", "before"),
    [
        ("progress_report", "report.edit", {"id": 1, "note": "改"}),  # no such service event
        ("somewhere", "thing.do", None),  # no such table
        ("score_adjustment", "adjustment.create", {"id": 1, "points": 1}),  # create with before
        ("year_review", "review.update", {"id": 1, "mood": "好"}),  # not a column
    ],
)
def test_an_event_that_cannot_be_undone_is_refused(demo_db, entity, action, before):
    review_table(demo_db)
    write(
        demo_db,
        LATER,
        lambda s: record(s, action=action, entity=entity, entity_id=1, before=before, after={}),
    )
    with pytest.raises(InputError, match=f"{action}.*无法准确撤销"):
        as_recorded(demo_db)


def test_a_clock_set_back_on_the_same_row_is_refused(demo_db):
    review_table(demo_db)
    first = {"id": 1, "unit_id": 2, "decided_on": "2023-11-10", "verdict": "初审"}
    write(demo_db, LATER, lambda s: review_event(s, "review.create", None, first))
    second = {**first, "verdict": "复审"}
    write(demo_db, EARLIER, lambda s: review_event(s, "review.update", first, second))
    with pytest.raises(InputError, match="时钟被调回"):
        as_recorded(demo_db)


def test_the_demo_year_as_recorded_on_a_day_is_the_demo_built_up_to_that_day(
    demo_template, tmp_path
):
    """The demo stamps each entry with its synthetic day and a shorter demo is the longer
    one cut at its last day: the year as recorded on 11-15 is the demo built up to 11-15,
    row for row (the demo's own event, which says until when it was built, aside)."""
    from model.demo.generator import generate_demo
    from seed.bootstrap import open_seeded

    short = tmp_path / "short.sqlite3"
    context = AuditContext(actor="测试员", clock=lambda: dt.datetime(2023, 9, 15, tzinfo=dt.UTC))
    database, _ = open_seeded(short, context)
    with database, database.write() as session:
        generate_demo(session, until=PRINTED)
    expected = tables(short)
    with open_database(demo_template, context) as year:
        rows = as_recorded(year, PRINTED)
    assert set(rows) == set(expected)
    for name, table in expected.items():
        if name in ("database_identity", "chain_signature"):
            continue  # each file has its own identity, and signatures name its key
        if name == "audit_event":
            entries = [row for row in rows[name] if row[3] != "demo.generate"]
            assert entries == [row for row in table if row[3] != "demo.generate"]
            assert len(entries) == len(table) - 1
            continue
        assert rows[name] == table, name
