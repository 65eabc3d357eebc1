"""The 考核评分表 through the export service with the year-end cycle: 自评 and 复核 beside
the system's points, with their reasons, and the cycle's state."""

from __future__ import annotations

import csv
import datetime as dt
import io

from exports.service import ExportRequest, build_report, render
from model.core.lights import LightRules
from model.plans.task_refs import TaskRef
from model.scoring.review import compute_reviewed_board, item_ranges
from model.scoring.rubric import default_rubric
from model.work.progress import ReportInput, close_item, record_report
from model.work.reviews import approve, enter_self_score, set_review

DAY = dt.date(2024, 1, 10)
RUBRIC = default_rubric()
ITEMS_HEADER = "| 考核项目 | 分值 | 系统计分 | 自评得分 | 自评说明 | 复核得分 | 复核说明 |"


def export(database, fmt: str) -> str:
    request = ExportRequest("scorecards", fmt, as_of=dt.date(2023, 12, 31), year=2023)
    with database.read() as session:
        built = build_report(session, request, rules=LightRules(), rubric=RUBRIC)
    return render(built.report, fmt).decode("utf-8-sig")


def section(text: str, heading: str) -> list[str]:
    """The lines of a unit's section in the md, from its heading to the next one."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("###") and heading in line)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("#"))
    return lines[start:end]


def test_the_scorecards_show_self_and_reviewed_points_with_their_reasons(demo_db):
    ranges = item_ranges(RUBRIC)
    with demo_db.write() as session:
        for item, points, note in (("任务完成", 100, "全部完成"), ("进展报送", 0, "按月报送")):
            enter_self_score(
                session,
                unit="住建局",
                year=2023,
                item=item,
                points=points,
                note=note,
                on=DAY,
                as_of=DAY,
                ranges=ranges,
            )
        set_review(
            session,
            unit="住建局",
            year=2023,
            item="进展报送",
            points=-1,
            reason="12月报送内容不实",
            by="王主任",
            on=DAY,
            as_of=DAY,
            ranges=ranges,
        )
    md = export(demo_db, "md")
    assert "考核流程：已复核。" in md
    assert "| 得分 | 自评得分 | 复核得分 | 等次 |" in md
    unit = section(md, "住建局")
    assert unit[0].startswith("### ") and "（98.71分，良好）" in unit[0]  # the reviewed total
    assert ITEMS_HEADER in unit
    rows = {line.split(" | ")[0][2:]: line.split(" | ")[1:] for line in unit if "～" in line}
    assert rows["任务完成"][:4] == ["0～100", "98.21", "100.00", "全部完成"]
    assert rows["进展报送"][:6] == [
        "-10～0",
        "0.00",
        "0.00",
        "按月报送",
        "-1.00",
        "12月报送内容不实（王主任，2024-01-10） |",
    ]
    assert "| 合计 |  | 99.71 |  |  | 98.71 |  |" in unit  # self-assessed 2 of 4 items: no total
    other = section(md, "交通运输局")  # no 自评 yet: a sentence, not a table of repeats
    assert "未自评、未复核：各考核项目按系统计分（见汇总表）。" in other
    assert ITEMS_HEADER not in other

    with demo_db.write() as session:
        cards = compute_reviewed_board(session, year=2023, as_of=DAY, rubric=RUBRIC)
        approve(session, year=2023, by="李中煊", on=DAY, as_of=DAY, cards=cards.frozen_data())
    header, *rows_ = list(csv.reader(io.StringIO(export(demo_db, "csv"))))
    cells = {r[header.index("单位")]: dict(zip(header, r, strict=True)) for r in rows_}
    zjj = cells["住建局"]
    assert (zjj["得分"], zjj["自评得分"], zjj["复核得分"]) == ("99.71", "", "98.71")
    assert zjj["考核状态"] == "已审定（李中煊，2024-01-10）" and zjj["等次"] == "良好"
    assert header.index("自评得分") == header.index("得分") + 1

    # A record dated in the year, entered after the approval: the approved cards stand.
    ref, unit_name, on = TaskRef("water", 15), "住建局", dt.date(2023, 12, 30)
    with demo_db.write() as session:
        record_report(session, ReportInput(ref, unit_name, on, "done", 100), as_of=DAY)
        close_item(session, ref, unit_name, on, reason="核验", verified_by="主任", as_of=DAY)
    md = export(demo_db, "md")
    assert "考核流程：已审定（李中煊，2024-01-10）。" in md
    assert "审定后数据有变化：" in md
    assert "（98.71分，良好）" in section(md, "住建局")[0]
