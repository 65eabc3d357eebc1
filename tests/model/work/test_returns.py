"""Recording a returned sheet (报送表, #14): one audited transaction per sheet — the
submission and a report per row — refused whole, with every reason, when it cannot be."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core.lights import LightRules
from model.core.periods import Period
from model.status.task_detail import task_detail
from model.store.audit_history import audit_log, event_summary
from model.store.audit_verify import verify_audit
from model.store.rewind import recorded_copy
from model.work.returns import ReturnedSheet, ReturnRefused, record_return
from seed.returns_reader import read_return
from tests.conftest import file_digest, sqlite_file
from tests.seed.returns_workbooks import filled

OCTOBER = Period(2023, 10)
RECEIVED = dt.date(2023, 11, 6)
AS_OF = dt.date(2023, 11, 10)


def sheet_of(database, path, received_on=RECEIVED) -> ReturnedSheet:
    with database.read() as session:
        return read_return(session, path, received_on)


def collect(database, sheet, received_on=RECEIVED, as_of=AS_OF, **options):
    with database.write() as session:
        return record_return(session, sheet, received_on=received_on, as_of=as_of, **options)


def rows(database, sql: str, *params):
    with database.reader() as reader:
        return reader.rows(sql, params)


def test_a_sheet_is_recorded_as_reports_with_problems_and_next_steps(seeded, tmp_path):
    path, item = filled(seeded, tmp_path, "住建局", OCTOBER, [{"status": "受阻", "percent": 30}])
    recorded = collect(seeded, sheet_of(seeded, path))
    assert (recorded.unit, recorded.reports, recorded.replaced) == (
        "住建局",
        len(item.tasks),
        False,
    )
    [(unit, period, on, name, sha, replaces)] = rows(
        seeded,
        "SELECT u.name, period, received_on, file_name, sha256, replaces_id"
        " FROM return_submission r JOIN unit u ON u.id = r.unit_id",
    )
    assert (unit, period, on, name, replaces) == (
        "住建局",
        "2023-10",
        "2023-11-06",
        path.name,
        None,
    )
    assert sha == file_digest(path)
    reports = rows(
        seeded,
        "SELECT task_id, reported_on, status, percent, note, problems, next_steps, return_id"
        " FROM progress_report WHERE return_id IS NOT NULL ORDER BY id",
    )
    assert [r[0] for r in reports] == [t.task_id for t in item.tasks]
    first = reports[0]
    assert first[1:4] == ("2023-11-06", "blocked", 30)
    assert first[4] == "已完成现场排查，整改方案已报县政府。\n佐证材料：整改方案.pdf、现场照片.zip"
    assert first[5:] == ("资金尚未到位。", "11月底前完成招标。", recorded.submission_id)
    # No evidence file is pinned: the office holds the sheet, not the files it names.
    assert rows(seeded, "SELECT count(*) FROM evidence") == [(0,)]
    # The task screen shows the report with its 存在问题 and 下步打算.
    task = item.tasks[0]
    from model.plans.task_refs import TaskRef

    with seeded.read() as session:
        detail = task_detail(
            session, TaskRef(task.plan_key, task.number, 2023), AS_OF, LightRules()
        )
    shown = next(r for r in detail.reports if r.unit == "住建局")
    assert (shown.problems, shown.next_steps) == ("资金尚未到位。", "11月底前完成招标。")


def test_the_same_file_twice_is_refused(seeded, tmp_path):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    sheet = sheet_of(seeded, path)
    collect(seeded, sheet)
    seeded.engine.dispose()  # the WAL checkpointed into the file
    before = file_digest(seeded.path)
    with pytest.raises(ReturnRefused) as refused:
        collect(seeded, sheet, replace=True, reason="重发")
    assert refused.value.problems == (
        f"这份文件已于 2023-11-06 收取过（住建局，2023年10月，文件 {path.name}），"
        "同一文件不能重复收取",
    )
    seeded.engine.dispose()
    assert file_digest(seeded.path) == before


def test_a_second_return_is_refused_then_replaces_the_first_with_a_reason(seeded, tmp_path):
    first, _ = filled(seeded, tmp_path / "a", "住建局", OCTOBER)
    second, item = filled(seeded, tmp_path / "b", "住建局", OCTOBER, [{"percent": 70}])
    collect(seeded, sheet_of(seeded, first))
    sheet = sheet_of(seeded, second, dt.date(2023, 11, 8))
    with pytest.raises(ReturnRefused) as refused:
        collect(seeded, sheet, received_on=dt.date(2023, 11, 8))
    assert refused.value.problems[0].startswith("住建局2023年10月的报送表已于 2023-11-06 收取")
    with pytest.raises(ReturnRefused) as refused:
        collect(seeded, sheet, received_on=dt.date(2023, 11, 8), replace=True, reason="  ")
    assert refused.value.problems == ("替换已收取的报送表须说明原因",)
    recorded = collect(
        seeded, sheet, received_on=dt.date(2023, 11, 8), replace=True, reason="更正第1项进度"
    )
    assert recorded.replaced
    assert rows(seeded, "SELECT id, replaces_id, reason FROM return_submission ORDER BY id") == [
        (1, None, ""),
        (2, 1, "更正第1项进度"),
    ]
    # The first return's reports stay, as history; the latest report wins.
    assert rows(seeded, "SELECT count(*) FROM progress_report WHERE return_id = 1") == [
        (len(item.tasks),)
    ]
    with seeded.read() as session:
        [event] = [e for e in audit_log(session, limit=50) if e.action == "return.replace"]
    assert event.reason == "更正第1项进度"
    assert event_summary(event).startswith(f"2023-11-08 收到 {second.name}")


def test_received_from_the_periods_last_day_and_not_after_the_as_of_date(seeded, tmp_path):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    sheet = sheet_of(seeded, path, dt.date(2023, 10, 31))
    with pytest.raises(ReturnRefused) as refused:
        collect(seeded, sheet, received_on=dt.date(2023, 10, 30))
    assert refused.value.problems[0] == (
        "收取日期 2023-10-30 早于报送期 2023年10月 的最后一天 2023-10-31：报送表最早于该月最后一天收取"
    )
    with pytest.raises(ReturnRefused):
        collect(seeded, sheet, received_on=AS_OF + dt.timedelta(days=1))
    assert collect(seeded, sheet, received_on=dt.date(2023, 10, 31), as_of=dt.date(2023, 10, 31))


def test_audit_verify_is_clean_and_names_an_edited_return_in_words(seeded, tmp_path):
    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    collect(seeded, sheet_of(seeded, path))
    with seeded.read() as session:
        assert verify_audit(session).ok
    seeded.engine.dispose()
    with sqlite_file(seeded.path) as connection:
        connection.execute(
            "UPDATE return_submission SET received_on = '2023-11-01', sha256 = ?", ("0" * 64,)
        )
        connection.execute(
            "UPDATE progress_report SET return_id = NULL WHERE id = (SELECT max(id) FROM progress_report)"
        )
    with seeded.read() as session:
        findings = verify_audit(session).findings
    details = {f.record.split(":")[0]: f.detail for f in findings}
    assert set(details) == {"return_submission", "progress_report"}
    text = details["return_submission"]
    assert text.startswith("住建局 2023年10月 的报送表（2023-11-06 收取")
    assert "收取日期：审计为 2023-11-06，数据库为 2023-11-01" in text
    assert "文件摘要（SHA-256）" in text
    assert "所属报送表：审计为 住建局 2023年10月 的报送表" in details["progress_report"]


def test_a_recorded_copy_before_the_collection_has_neither_the_return_nor_its_reports(
    seeded, tmp_path
):
    import datetime

    from model.store.audit import AuditContext
    from model.store.db import open_database

    path, _ = filled(seeded, tmp_path, "住建局", OCTOBER)
    sheet = sheet_of(seeded, path)
    later = AuditContext(
        actor="测试员", clock=lambda: datetime.datetime(2023, 11, 6, 9, tzinfo=datetime.UTC)
    )
    with open_database(seeded.path, later) as database:
        collect(database, sheet)
        with recorded_copy(database, dt.date(2023, 11, 5)) as copy, copy.reader() as reader:
            assert reader.rows("SELECT count(*) FROM return_submission") == [(0,)]
            assert reader.rows(
                "SELECT count(*) FROM progress_report WHERE return_id IS NOT NULL"
            ) == [(0,)]
        with recorded_copy(database, dt.date(2023, 11, 6)) as copy, copy.reader() as reader:
            assert reader.rows("SELECT count(*) FROM return_submission") == [(1,)]
