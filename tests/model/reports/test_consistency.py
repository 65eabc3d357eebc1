"""The status rules and the reports never contradict each other: a finished part is never
chased; at the plan year's end an unfinished deadline is 逾期 in every report; a row's word
and the progress it quotes describe the same units; completions are counted one way by the
progress table, the bulletin and the scorecards; a unit owing reports is never grey."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core import strings
from model.core.lights import Completion, Light, LightRules
from model.plans.task_refs import TaskRef
from model.reports.bulletin import monthly_bulletin
from model.reports.notice_sheet import notice_sheet
from model.reports.progress_table import Progress, ProgressRow, progress_table
from model.scoring.rubric import default_rubric
from model.scoring.scorecards import compute_scorecards
from model.work.progress import ReportInput, record_report

RULES = LightRules()
DEMO = dt.date(2023, 11, 15)
YEAR_END = dt.date(2023, 12, 31)
EPB = "市生态环境局蒲县分局"


def rows(database, as_of: dt.date) -> dict[tuple[str, int], ProgressRow]:
    with database.read() as session:
        table = progress_table(session, year=2023, as_of=as_of, rules=RULES)
    return {(r.plan_key, r.number): r for r in table.rows}


def bulletin(database, as_of: dt.date):
    with database.read() as session:
        return monthly_bulletin(session, year=2023, as_of=as_of, rules=RULES)


def draft(database, unit: str, as_of: dt.date):
    with database.read() as session:
        return notice_sheet(session, unit, as_of=as_of, rules=RULES)


@pytest.mark.parametrize("as_of", [DEMO, YEAR_END])
def test_a_finished_part_is_never_chased(demo_db, as_of):
    """Finished — closed, reported 已完成 or 100%, or every milestone met — is never 未报送,
    behind or overdue, in the table, the bulletin or a draft notice."""
    table = rows(demo_db, as_of)
    held = [h for r in table.values() for h in r.holders]
    finished = [h for h in held if h.state.status.finished]
    assert finished and all(h.progress is Progress.DONE for h in finished)
    assert not any(h.culprit or h.chase.unreported for h in finished)
    listed = bulletin(demo_db, as_of)
    for units in (listed.red_units, listed.unreported_units):
        assert not any(s.status.finished for u in units for s in u.items)
    assert not any(a.state.status.finished for a in draft(demo_db, "蒲城镇", as_of).items)


def test_a_unit_that_met_its_milestones_is_not_chased_for_never_reporting(demo_db):
    # 空气 20 (三清零, one milestone: 10月31日): 蒲城镇 never reported but met the milestone on
    # 11-19 — the scorecards count it done late; no report may chase it as 未报送.
    row = rows(demo_db, YEAR_END)[("air", 20)]
    (town,) = [h for h in row.holders if h.state.unit == "蒲城镇"]
    assert town.state.last_report_on is None
    assert town.completion is Completion.AWAITING and not town.chase.unreported
    assert "未报送" not in row.remarks and "待销号：" in row.remarks
    listed = bulletin(demo_db, YEAR_END)
    chased = {(u.unit, s.task_number, s.plan_key) for u in listed.unreported_units for s in u.items}
    assert ("蒲城镇", 20, "air") not in chased
    sheet = draft(demo_db, "蒲城镇", YEAR_END)
    assert ("air", 20) not in {(a.state.plan_key, a.state.task_number) for a in sheet.items}


@pytest.fixture
def reported_in_december(seeded):
    """水 15 (two responsible units, one milestone: 12月31日) and 空气 23 (the bureau alone,
    no milestone: due by the year's end), reported on 12-20 at 60%."""
    on = dt.date(2023, 12, 20)
    with seeded.write() as session:
        for ref, unit in [
            (TaskRef("water", 15), EPB),
            (TaskRef("water", 15), "住建局"),
            (TaskRef("air", 23), EPB),
        ]:
            record_report(session, ReportInput(ref, unit, on, "in_progress", 60), as_of=on)
    return seeded


@pytest.mark.parametrize(("as_of", "overdue"), [(dt.date(2023, 12, 30), False), (YEAR_END, True)])
def test_at_the_years_end_an_unfinished_deadline_is_overdue_in_every_report(
    reported_in_december, as_of, overdue
):
    database = reported_in_december
    table = rows(database, as_of)
    water, air = table[("water", 15)], table[("air", 23)]
    assert (water.progress is Progress.OVERDUE) is overdue
    assert (air.progress is Progress.OVERDUE) is overdue
    if overdue:
        assert "住建局（2023年12月31日节点）" in water.remarks
        assert f"{EPB}（年底未完成）" in air.remarks
    else:
        assert water.progress is air.progress is Progress.ON_TRACK
    red = {
        (u.unit, s.plan_key, s.task_number)
        for u in bulletin(database, as_of).red_units
        for s in u.items
    }
    assert (("住建局", "water", 15) in red) is overdue
    assert ((EPB, "air", 23) in red) is overdue
    items = {
        (a.state.plan_key, a.state.task_number): a for a in draft(database, "住建局", as_of).items
    }
    assert (("water", 15) in items) is overdue
    if overdue:
        assert items[("water", 15)].progress is Progress.OVERDUE


@pytest.mark.parametrize("as_of", [DEMO, YEAR_END])
def test_a_rows_word_and_quoted_progress_describe_the_same_units(demo_db, as_of):
    """A row quoting a unit its word does not rest on (a lead at 100% on a task another unit
    has let slip) names the units the word rests on, first."""
    table = rows(demo_db, as_of)
    explained = 0
    for row in table.values():
        deciders = [h.state.unit for h in row.deciding]
        if row.quoted is None or row.quoted in deciders:
            continue
        word = strings.PROGRESS_NAMES[row.progress.value]
        assert row.summary.startswith(f"{word}："), row.summary
        assert deciders[0] in row.summary.split("；")[0]
        explained += 1
    assert explained
    # 地下水 1 as of the year's end: the bureau's 100% beside 逾期, and who is late.
    gw1 = rows(demo_db, YEAR_END)[("groundwater", 1)]
    assert gw1.progress is Progress.OVERDUE and "进度100%" in gw1.summary
    assert gw1.summary.startswith("逾期：蒲城镇（")


@pytest.mark.parametrize("as_of", [DEMO, YEAR_END])
def test_the_reports_count_the_same_completions_of_san_qing_ling(demo_db, as_of):
    """空气 20 (持续开展“三清零”): done (closed, or finished by the unit's own record and
    awaiting its closing) counted alike by the progress table, the bulletin and the
    scorecards."""
    row = rows(demo_db, as_of)[("air", 20)]
    done = {h.state.unit for h in row.holders if h.completion is not None}
    awaiting = {h.state.unit for h in row.holders if h.completion is Completion.AWAITING}
    counted = row.completions
    assert (counted.done, counted.awaiting) == (len(done), len(awaiting))
    assert awaiting or as_of == DEMO  # at the year's end some are done and not yet closed
    assert f"{counted.holders}个牵头（责任）单位中{counted.done}个已完成" in row.summary
    listed = bulletin(demo_db, as_of)
    assert {
        u.unit
        for u in listed.awaiting_units
        for s in u.items
        if (s.plan_key, s.task_number) == ("air", 20)
    } == awaiting
    red = {
        u.unit
        for u in listed.red_units
        for s in u.items
        if s.task_number == 20 and s.plan_key == "air"
    }
    assert red == {h.state.unit for h in row.holders if h.progress is Progress.OVERDUE}
    assert not red & done
    with demo_db.read() as session:
        board = compute_scorecards(session, year=2023, as_of=as_of, rubric=default_rubric())
    outcomes = (strings.SCORE_OUTCOMES["on_time"], strings.SCORE_OUTCOMES["late"])
    scored_done, scored_awaiting = set(), set()
    for card in board.cards:
        for line in card.lines:
            if line.kind == "task" and "三清零" in line.task:
                if any(o in line.detail for o in outcomes):
                    scored_done.add(card.unit)
                if line.basis.endswith(strings.SCORE_BASIS_AWAITING):
                    scored_awaiting.add(card.unit)
    assert (scored_done, scored_awaiting) == (done, awaiting)


def test_a_unit_owing_reports_is_never_grey(demo_db):
    table = rows(demo_db, DEMO)
    unreported = [h for r in table.values() for h in r.holders if h.chase.unreported]
    assert unreported and all(h.state.light in (Light.YELLOW, Light.RED) for h in unreported)
    grey = [h for r in table.values() for h in r.holders if h.state.light is Light.GREY]
    assert all(h.chase.owed == 0 for h in grey)
