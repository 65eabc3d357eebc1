"""Recording work through the model services, and reading it back as of a date."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from sqlalchemy import func, select

from model.core.errors import InputError
from model.core.lights import Light, LightRules, Status
from model.plans.task_refs import TaskRef
from model.status.holders import holder_states
from model.status.notices import list_notices
from model.status.task_detail import task_detail
from model.store.audit_verify import verify_audit
from model.store.schema import AuditEvent, MilestoneCompletion, ProgressReport
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


def test_report_turns_a_stale_item_green_and_is_audited(seeded):
    # Never reported and August's report owed: yellow, never grey (lights.derive).
    assert state(seeded, TaskRef("soil", 1), "市生态环境局蒲县分局").light is Light.YELLOW
    before = events(seeded)
    report(seeded, TaskRef("soil", 1), "市生态环境局蒲县分局", D, note="=SUM(A1)")
    assert state(seeded, TaskRef("soil", 1), "市生态环境局蒲县分局").status is Status.ON_TRACK
    assert events(seeded) == before + 2  # and signing.start: the template's first signed write
    with seeded.read() as session:
        stored = session.scalar(select(ProgressReport))
        assert stored.note == "=SUM(A1)"
        event = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action != "signing.start")
            .order_by(AuditEvent.id.desc())
        ).first()
        assert event.action == "report.create"
        assert json.loads(event.after_json)["note"] == "=SUM(A1)"
        assert verify_audit(session).ok


@pytest.mark.parametrize("typed", ["zjj", "住房和城乡建设局", "蒲县住建局"])
def test_a_report_for_a_unit_typed_any_way_lands_on_that_unit(seeded, typed):
    stored = report(seeded, TaskRef("air", 5), typed, D)
    with seeded.read() as session:
        row = session.get(ProgressReport, stored.id)
        assert row.unit.name == "住建局"
        assert verify_audit(session).ok


def test_problems_and_next_steps_are_kept_and_audited_only_when_written(seeded):
    report(
        seeded, AIR3, "市生态环境局蒲县分局", D, problems=" 资金缺口 ", next_steps="争取省级资金"
    )
    report(seeded, AIR3, "市生态环境局蒲县分局", D)
    with seeded.read() as session:
        rows = session.scalars(select(ProgressReport).order_by(ProgressReport.id)).all()
        assert [(r.problems, r.next_steps) for r in rows] == [
            ("资金缺口", "争取省级资金"),
            ("", ""),
        ]
        afters = [
            json.loads(e)
            for e in session.scalars(
                select(AuditEvent.after_json)
                .where(AuditEvent.action == "report.create")
                .order_by(AuditEvent.id)
            )
        ]
        assert (afters[0]["problems"], afters[0]["next_steps"]) == ("资金缺口", "争取省级资金")
        # Empty: left out, as in the events written before the fields existed.
        assert "problems" not in afters[1] and "next_steps" not in afters[1]
        assert verify_audit(session).ok


def test_evidence_is_pinned_by_sha256(seeded, tmp_path):
    evidence = tmp_path / "台账.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    report(seeded, AIR3, "市生态环境局蒲县分局", D, evidence=(evidence,))
    with seeded.read() as session:
        detail = task_detail(session, AIR3, D, RULES)
    name, digest = detail.reports[0].evidence[0]
    assert name == "台账.pdf"  # the name, never the absolute path (#13)
    assert digest == hashlib.sha256(b"%PDF-1.4 evidence").hexdigest()


def test_evidence_inside_the_evidence_folder_is_named_relative_to_it(seeded, tmp_path):
    folder = tmp_path / "证明材料"
    (folder / "2023" / "九月").mkdir(parents=True)
    inside = folder / "2023" / "九月" / "台账.pdf"
    inside.write_bytes(b"inside")
    outside = tmp_path / "照片.jpg"
    outside.write_bytes(b"outside")
    report(
        seeded, AIR3, "市生态环境局蒲县分局", D, evidence=(inside, outside), evidence_folder=folder
    )
    with seeded.read() as session:
        (row,) = session.scalars(select(ProgressReport)).all()
        stored = [(e.name, e.size) for e in row.evidence]
        events = session.scalars(select(AuditEvent.after_json)).all()
        assert verify_audit(session).ok
    assert stored == [("2023/九月/台账.pdf", 6), ("照片.jpg", 7)]
    assert str(tmp_path) not in events[-1]


def test_an_older_record_keeps_its_absolute_path_and_is_shown_by_name(seeded):
    from model.core.evidence import evidence_label
    from model.store.snapshots import EvidenceFile

    old = EvidenceFile("/home/王科长/材料/台账.pdf", "0" * 64, 3)
    report(seeded, AIR3, "市生态环境局蒲县分局", D, attachments=(old,))
    with seeded.read() as session:
        (row,) = session.scalars(select(ProgressReport)).all()
        assert row.evidence[0].name == "/home/王科长/材料/台账.pdf"  # history unchanged
        detail = task_detail(session, AIR3, D, RULES)
    assert detail.reports[0].evidence[0][0] == "台账.pdf"
    assert evidence_label(r"C:\材料\台账.pdf") == "台账.pdf"
    assert evidence_label("2023/台账.pdf") == "2023/台账.pdf"


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
        ({"problems": "长" * 2001}, "存在问题过长（2001字）"),
        ({"next_steps": "长" * 2001}, "下步打算过长"),
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
    extra = {k: args.pop(k) for k in ("problems", "next_steps") if k in args}
    before = events(seeded)
    with pytest.raises(InputError, match=message):
        report(
            seeded,
            AIR3,
            args["unit"],
            args["on"],
            args["status"],
            args["percent"],
            args["note"],
            **extra,
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
    with seeded.read() as session:
        (done,) = session.scalars(select(MilestoneCompletion)).all()
    assert (done.done_on, done.note) == (dt.date(2023, 9, 1), "")  # no note unless given
    # Each refusal in full: whose completion, which task, which date field.
    with pytest.raises(InputError) as caught, seeded.write() as session:
        mark_milestone_done(session, GW9, unit, 1, D, as_of=D)
    assert str(caught.value) == f"「{unit}」已于 2023-09-01 完成该时间节点。"
    with pytest.raises(InputError) as caught, seeded.write() as session:
        mark_milestone_done(session, GW9, unit, 2, D, as_of=D)
    assert str(caught.value) == "地下水 第 9 项任务 没有第 2 个时间节点。"
    later = D + dt.timedelta(days=1)
    with pytest.raises(InputError) as caught, seeded.write() as session:
        mark_milestone_done(session, GW9, unit, 2, later, as_of=D)
    assert str(caught.value) == f"完成日期「{later}」晚于截至日期 {D}。"


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
    # Reopened: the 已完成 report before it no longer finishes the part (lights.finished),
    # so its 8月31日 milestone is pending and passed again.
    assert state(seeded, AIR3, unit).status is Status.OVERDUE
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
            session,
            unit="水利局",
            tasks=[GW9],
            level="督办",
            issued_on=dt.date(2023, 9, 4),
            reply_due=dt.date(2023, 9, 11),
            body="请说明",
            as_of=D,
        )
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
    args = {
        "unit": "水利局",
        "tasks": [GW9],
        "level": "督办",
        "issued_on": dt.date(2023, 9, 4),
        "reply_due": dt.date(2023, 9, 11),
        "body": "",
        "as_of": D,
    }
    args.update(kwargs)
    with pytest.raises(InputError, match=message), seeded.write() as session:
        issue_notice(session, **args)


def test_a_report_by_a_unit_that_cannot_make_it_is_refused_in_full(seeded):
    def refused(unit: str) -> str:
        with pytest.raises(InputError) as caught:
            report(seeded, AIR3, unit, D)
        return str(caught.value)

    assert refused("发改局") == "单位「发改局」不承担 空气 第 3 项任务。"
    assert refused("宣传部").startswith("空气 第 3 项任务：未知单位「宣传部」。")


def test_each_closing_refusal_is_said_in_full(seeded, tmp_path):
    """Which part (task and unit), which date, which field: the whole sentence."""
    unit = "市生态环境局蒲县分局"
    part = f"空气 第 3 项任务 的「{unit}」部分"
    kwargs = {"reason": "核验通过", "verified_by": "付国平", "as_of": D}

    def refused(action, *args, **changes) -> str:
        with pytest.raises(InputError) as caught, seeded.write() as session:
            action(session, AIR3, unit, *args, **{**kwargs, **changes})
        return str(caught.value)

    assert refused(close_item, D) == (f"{part}最近一次报送不是“已完成”，请先登记完成报送再销号。")
    assert refused(reopen_item, D) == f"{part}尚未销号，无需重新打开。"
    assert refused(close_item, D, verified_by="  ") == "核验人不能为空。"
    assert refused(close_item, D, reason="") == "原因不能为空。"
    later = D + dt.timedelta(days=1)
    assert refused(close_item, later) == f"日期「{later}」晚于截至日期 {D}。"
    report(seeded, AIR3, unit, dt.date(2023, 9, 10), "done", 100)
    with seeded.write() as session:
        close_item(session, AIR3, unit, dt.date(2023, 9, 12), **kwargs)
    assert refused(close_item, D) == f"{part}已于 {D} 销号。"
    missing, folder = tmp_path / "nope.pdf", tmp_path
    with pytest.raises(InputError) as caught:
        report(seeded, AIR3, unit, D, evidence=(missing,))
    assert str(caught.value) == f"佐证材料文件不存在：{missing}"
    with pytest.raises(InputError) as caught:
        report(seeded, AIR3, unit, D, evidence=(folder,))
    assert str(caught.value) == f"佐证材料不是普通文件：{folder}"


def test_evidence_that_cannot_be_read_is_said_with_the_systems_reason(
    seeded, tmp_path, monkeypatch
):
    locked = tmp_path / "台账.pdf"
    locked.write_bytes(b"%PDF-1.4")

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    # Root reads any file whatever its mode: the refusal is the one open() would raise.
    monkeypatch.setattr("model.work.progress.sha256_file", refuse)
    with pytest.raises(InputError) as caught:
        report(seeded, AIR3, "市生态环境局蒲县分局", D, evidence=(locked,))
    assert str(caught.value) == f"无法读取佐证材料：{locked}（Permission denied）"
    with seeded.read() as session:
        assert session.scalar(select(func.count()).select_from(ProgressReport)) == 0
