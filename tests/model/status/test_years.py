"""One plan year at a time: the 2023 plans imported again for 2024 stay apart."""

from __future__ import annotations

import datetime as dt

from model.core.lights import LightRules
from model.status.notices import list_notices
from model.status.overview import overview
from model.status.timeline import milestone_rows
from model.status.unit_check import unit_check
from model.status.workspace import load_workspace
from model.work.notices import issue_notice

RULES = LightRules()
D = dt.date(2024, 11, 15)


def test_the_overview_of_a_year_holds_that_year_only(two_years):
    with two_years.read() as session:
        both = overview(session, D, RULES)
        y2023 = overview(session, D, RULES, year=2023)
        y2024 = overview(session, D, RULES, year=2024)
    assert [p.year for p in both.plans] == [2024] * 4 + [2023] * 4
    assert {p.year for p in y2023.plans} == {2023} and len(y2023.plans) == 4
    assert {p.year for p in y2024.plans} == {2024} and len(y2024.plans) == 4
    assert {s.plan_year for s in y2023.overdue} <= {2023}
    assert {s.plan_year for s in y2024.overdue} <= {2024}
    assert len(both.overdue) == len(y2023.overdue) + len(y2024.overdue)
    assert {r.plan_year for r in y2024.due_soon} <= {2024}


def test_the_unit_check_and_the_timeline_follow_the_year(two_years):
    with two_years.read() as session:
        both = unit_check(session, "住建局", D, RULES)
        y2024 = unit_check(session, "住建局", D, RULES, year=2024)
        rows = milestone_rows(session, D, RULES, year=2023)
        all_rows = milestone_rows(session, D, RULES)
    assert {i.plan_year for i in y2024.items} == {2024}
    assert len(both.items) == 2 * len(y2024.items)
    assert rows and {r.plan_year for r in rows} == {2023}
    assert {r.due.year for r in rows} == {2023}
    assert len(all_rows) == 2 * len(rows)


def test_notices_belong_to_the_year_of_their_tasks(two_years):
    from model.plans.task_refs import TaskRef

    with two_years.write() as session:
        for year, day in ((2023, dt.date(2023, 11, 1)), (2024, dt.date(2024, 1, 5))):
            issue_notice(
                session,
                unit="住建局",
                tasks=[TaskRef("air", 18, year)],
                level="督办",
                issued_on=day,
                reply_due=day + dt.timedelta(days=7),
                body="请按期报送。",
                as_of=D,
            )
    with two_years.read() as session:
        assert [n.issued_on.year for n in list_notices(session, D, year=2023)] == [2023]
        assert [n.issued_on.year for n in list_notices(session, D, year=2024)] == [2024]
        assert len(list_notices(session, D)) == 2


def test_the_workspace_knows_each_years_document(two_years):
    with two_years.read() as session:
        workspace = load_workspace(session)
    assert workspace.documents == {2023: "蒲政办发〔2023〕23号", 2024: "蒲政办发〔2024〕5号"}
    assert workspace.document_of(2023) == "蒲政办发〔2023〕23号"
    assert workspace.document == "蒲政办发〔2024〕5号"  # the latest
    assert workspace.document_of(None) == "蒲政办发〔2023〕23号、蒲政办发〔2024〕5号"
