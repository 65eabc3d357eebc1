"""Recording work through the model services, and reading it back as of a date."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from sqlalchemy import func, select

from model.core.errors import InputError
from model.core.lights import Light, LightRules, Status
from model.plans.task_refs import TaskRef, parse_task_ref
from model.status.holders import holder_states
from model.status.notices import list_notices
from model.status.overview import overview
from model.status.roster import rosters
from model.status.task_detail import task_detail
from model.status.timeline import milestone_rows, month_counts
from model.status.unit_check import find_unit, unit_check
from model.store.audit_verify import verify_audit
from model.store.schema import AuditEvent, ProgressReport
from model.units.search import search_units
from model.work.notices import issue_notice, record_reply
from model.work.progress import (
    ReportInput,
    close_item,
    mark_milestone_done,
    record_report,
    reopen_item,
)

D = dt.date(2023, 9, 15)
RULES = LightRules()
GW9 = TaskRef("groundwater", 9)
AIR3 = TaskRef("air", 3)


def events(database) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent))


def state(database, ref: TaskRef, unit: str, as_of: dt.date = D):
    with database.read() as session:
        return next(
            s
            for s in holder_states(session, as_of, RULES)
            if (s.plan_key, s.task_number, s.unit) == (ref.plan_key, ref.number, unit)
        )


def report(database, ref, unit, on, status="in_progress", percent=50, note="", **kw):
    with database.write() as session:
        return record_report(
            session, ReportInput(ref, unit, on, status, percent, note, **kw), as_of=D
        )


@pytest.mark.parametrize(
    ("text", "ref"),
    [("air:3", TaskRef("air", 3)), ("空气 3", TaskRef("air", 3)), ("地下水 9", GW9),
     ("gw9", GW9), ("GW 9", GW9), ("水3", TaskRef("water", 3)), ("soil：14", TaskRef("soil", 14))],
)  # fmt: skip
def test_task_refs(text, ref):
    assert parse_task_ref(text) == ref


def test_bad_task_ref():
    with pytest.raises(InputError, match="无法识别任务"):
        parse_task_ref("第三项")


def test_townships_hold_group_tasks_with_the_groups_role(seeded):
    with seeded.read() as session:
        check = unit_check(session, "蒲城镇", D, RULES)
    air8 = next(i for i in check.items if (i.plan_key, i.task_number) == ("air", 8))
    assert (air8.role, air8.via_group) == ("responsible", "各乡镇")
    assert len(check.items) == 35


def test_group_check_lists_members_and_one_row_per_task(seeded):
    with seeded.read() as session:
        check = unit_check(session, "各乡镇政府", D, RULES)
    assert check.unit == "各乡镇"
    assert check.members[:2] == ("蒲城镇", "克城镇")
    assert len(check.items) == 35
    assert {i.unit for i in check.items} == {"各乡镇"}


def test_report_turns_a_stale_item_green_and_is_audited(seeded):
    assert state(seeded, TaskRef("soil", 1), "市生态环境局蒲县分局").light is Light.GREY
    before = events(seeded)
    report(seeded, TaskRef("soil", 1), "市生态环境局蒲县分局", D, note="=SUM(A1)")
    assert state(seeded, TaskRef("soil", 1), "市生态环境局蒲县分局").status is Status.ON_TRACK
    assert events(seeded) == before + 1
    with seeded.read() as session:
        stored = session.scalar(select(ProgressReport))
        assert stored.note == "=SUM(A1)"
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event.action == "report.create"
        assert json.loads(event.after_json)["note"] == "=SUM(A1)"
        assert verify_audit(session).ok


def test_evidence_is_pinned_by_sha256(seeded, tmp_path):
    evidence = tmp_path / "台账.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    report(seeded, AIR3, "市生态环境局蒲县分局", D, evidence=(evidence,))
    with seeded.read() as session:
        detail = task_detail(session, AIR3, D, RULES)
    name, digest = detail.reports[0].evidence[0]
    assert name == str(evidence)
    assert digest == hashlib.sha256(b"%PDF-1.4 evidence").hexdigest()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"unit": "发改局"}, "不承担"),
        ({"unit": "宣传部"}, "未知单位「宣传部」"),
        ({"percent": 101}, "进度应为 0 到 100"),
        ({"status": "done", "percent": 90}, "应为 100%"),
        ({"status": "finished"}, "报送状态「finished」无效"),
        ({"on": dt.date(2023, 9, 16)}, "晚于截至日期"),
        ({"note": "长" * 2001}, "说明过长"),
    ],
)
def test_bad_reports_write_nothing(seeded, kwargs, message, tmp_path):
    args = {
        "unit": "市生态环境局蒲县分局",
        "on": D,
        "status": "in_progress",
        "percent": 50,
        "note": "",
    }
    args.update(kwargs)
    before = events(seeded)
    with pytest.raises(InputError, match=message):
        report(
            seeded, AIR3, args["unit"], args["on"], args["status"], args["percent"], args["note"]
        )
    assert events(seeded) == before


def test_missing_evidence_file_writes_nothing(seeded, tmp_path):
    before = events(seeded)
    with pytest.raises(InputError, match="佐证材料文件不存在"):
        report(seeded, AIR3, "市生态环境局蒲县分局", D, evidence=(tmp_path / "nope.pdf",))
    assert events(seeded) == before


def test_milestone_done_clears_red(seeded):
    unit = "市生态环境局蒲县分局"
    assert state(seeded, GW9, unit).light is Light.RED
    with seeded.write() as session:
        mark_milestone_done(session, GW9, unit, 1, dt.date(2023, 9, 1), as_of=D)
    assert state(seeded, GW9, unit).status is not Status.OVERDUE
    # As of a date before the completion, it was still red: replay by date.
    assert state(seeded, GW9, unit, dt.date(2023, 8, 31)).light is Light.RED
    with pytest.raises(InputError, match="已于 2023-09-01 完成"), seeded.write() as session:
        mark_milestone_done(session, GW9, unit, 1, D, as_of=D)
    with pytest.raises(InputError, match="没有第 2 个时间节点"), seeded.write() as session:
        mark_milestone_done(session, GW9, unit, 2, D, as_of=D)


def test_close_needs_a_done_report_then_reopen_needs_a_reason(seeded):
    unit = "市生态环境局蒲县分局"
    kwargs = {"reason": "核验通过", "verified_by": "付国平", "as_of": D}
    with pytest.raises(InputError, match="请先登记完成报送"), seeded.write() as session:
        close_item(session, AIR3, unit, D, **kwargs)
    report(seeded, AIR3, unit, dt.date(2023, 9, 10), "done", 100)
    with seeded.write() as session:
        close_item(session, AIR3, unit, dt.date(2023, 9, 12), **kwargs)
    assert state(seeded, AIR3, unit).status is Status.CLOSED
    with pytest.raises(InputError, match="已于"), seeded.write() as session:
        close_item(session, AIR3, unit, D, **kwargs)
    with pytest.raises(InputError, match="原因不能为空"), seeded.write() as session:
        reopen_item(session, AIR3, unit, D, reason="  ", verified_by="付国平", as_of=D)
    with seeded.write() as session:
        reopen_item(session, AIR3, unit, D, reason="抽查不合格", verified_by="付国平", as_of=D)
    assert state(seeded, AIR3, unit).status is Status.DONE
    assert state(seeded, AIR3, unit, dt.date(2023, 9, 13)).status is Status.CLOSED
    with seeded.read() as session:
        detail = task_detail(session, AIR3, D, RULES)
    assert [c.action for c in detail.closures] == ["reopen", "close"]
    assert [h.action for h in detail.history][:3] == [
        "closure.reopen",
        "closure.close",
        "report.create",
    ]
    with pytest.raises(InputError, match="尚未销号"), seeded.write() as session:
        reopen_item(session, AIR3, unit, D, reason="再开", verified_by="付国平", as_of=D)


def test_notice_issue_and_reply(seeded):
    with seeded.write() as session:
        notice = issue_notice(
            session, unit="水利局", tasks=[GW9], level="督办", issued_on=dt.date(2023, 9, 4),
            reply_due=dt.date(2023, 9, 11), body="请说明", as_of=D,
        )  # fmt: skip
    assert notice.number == "督办〔2023〕1号"
    with seeded.read() as session:
        [view] = list_notices(session, D)
    assert view.tasks == ("地下水 第 9 项任务",)
    assert view.overdue(D) and not view.answered
    with seeded.write() as session:
        record_reply(
            session, "督办〔2023〕1号", reply_on=dt.date(2023, 9, 12), text="已整改", as_of=D
        )
    with seeded.read() as session:
        assert list_notices(session, D)[0].answered
        assert not list_notices(session, dt.date(2023, 9, 11))[0].answered
        assert list_notices(session, dt.date(2023, 9, 3)) == []
        detail = task_detail(session, GW9, D, RULES)
    assert [n.number for n in detail.notices] == ["督办〔2023〕1号"]
    assert [h.action for h in detail.history] == ["notice.reply", "notice.issue"]
    with pytest.raises(InputError, match="已于 2023-09-12 答复"), seeded.write() as session:
        record_reply(session, "督办〔2023〕1号", reply_on=D, text="再答", as_of=D)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"level": "警告"}, "督办级别「警告」无效"),
        ({"tasks": []}, "至少要列出一项任务"),
        ({"unit": "发改局"}, "不承担"),
        ({"reply_due": dt.date(2023, 9, 1)}, "早于下发日期"),
    ],
)
def test_bad_notices(seeded, kwargs, message):
    args = {"unit": "水利局", "tasks": [GW9], "level": "督办", "issued_on": dt.date(2023, 9, 4),
            "reply_due": dt.date(2023, 9, 11), "body": "", "as_of": D}  # fmt: skip
    args.update(kwargs)
    with pytest.raises(InputError, match=message), seeded.write() as session:
        issue_notice(session, **args)


def test_overview_and_timeline(seeded):
    with seeded.read() as session:
        view = overview(session, D, RULES)
        rows = milestone_rows(session, D, LightRules())
    assert [p.key for p in view.plans] == ["air", "water", "soil", "groundwater"]
    assert sum(p.tasks for p in view.plans) == 68
    assert {(s.plan_key, s.task_number) for s in view.overdue} == {
        ("air", 3),
        ("water", 3),
        ("groundwater", 9),
    }
    # "Due soon" is the lights' warning window: 09-30 is 15 days after 09-15.
    assert view.due_soon == ()
    with seeded.read() as session:
        wider = overview(session, D, LightRules(warning_days=15))
    assert [(r.plan_key, r.task_number, r.due) for r in wider.due_soon] == [
        ("water", 3, dt.date(2023, 9, 30))
    ]
    months = month_counts(rows)
    assert len(months) == 12 and months[5].month == "2023-06" and months[5].overdue == 1
    assert sum(m.due for m in months) == 13


def test_unit_search_by_pinyin(seeded):
    with seeded.read() as session:
        assert search_units(session, "zjj")[0].name == "住建局"
        assert search_units(session, "hbj")[0].name == "市生态环境局蒲县分局"
        assert search_units(session, "各乡")[0].name == "各乡镇"
        unit, notes = find_unit(session, "zjj")
        assert unit.name == "住建局" and notes == ["「zjj」匹配到单位「住建局」。"]
        with pytest.raises(InputError, match="相近的单位有"):
            find_unit(session, "局")


def test_roster(seeded):
    with seeded.read() as session:
        [roster] = rosters(session)
    assert roster.director == "付国平"
    assert roster.members[0].name == "李中煊"
    assert len(roster.members) == 13
