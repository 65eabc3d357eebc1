from __future__ import annotations

import datetime as dt
import sqlite3
import time

import pytest
from sqlalchemy import insert, select, update

from model.core.canonical import canonical_json
from model.core.errors import AuditMissingError
from model.store.audit import (
    AuditedSession,
    audit_context,
    bind_context,
    flush_before_record,
    record,
    transaction_start,
)
from model.store.audit_context import AuditContext
from model.store.audit_verify import verify_audit
from model.store.schema import AuditEvent, Unit, UnitAlias


def test_seed_import_is_one_audited_event(seeded):
    with seeded.read() as session:
        events = session.scalars(select(AuditEvent)).all()
    assert len(events) == 1
    event = events[0]
    assert (event.action, event.entity, event.entity_id) == (
        "seed.import",
        "document",
        "蒲政办发〔2023〕23号",
    )
    assert event.actor == "测试员"
    assert event.at == "2023-09-15T09:30:00+00:00"
    assert '"file":"puxian-2023.toml"' in event.after_json
    assert '"tasks":68' in event.after_json
    assert len(event.prev_hash) == 64 and event.prev_hash == "0" * 64


def test_events_chain_and_verify(seeded):
    with seeded.write() as session:
        unit = Unit(name="测试局", kind="department")
        session.add(unit)
        record(session, action="unit.create", entity="unit", after={"name": "测试局"})
        record(session, action="unit.note", entity="unit", reason="第二条同一事务")
    with seeded.read() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        # The template is from before signing: its first signed write appends signing.start.
        assert [e.id for e in events] == [1, 2, 3, 4] and events[3].action == "signing.start"
        assert events[1].prev_hash == events[0].hash
        assert events[2].prev_hash == events[1].hash
        # The chain holds; the unit's row is not in its event, so it is not accounted for.
        assert [f.detail for f in verify_audit(session).findings] == [
            "单位「测试局」没有对应的审计事件：在 duban 之外被添加。"
        ]


def test_unaudited_orm_write_is_refused_and_rolled_back(seeded):
    with pytest.raises(AuditMissingError) as caught, seeded.write() as session:
        session.add(Unit(name="偷偷加的局", kind="department"))
        session.add(Unit(name="又一个局", kind="department"))
        session.add(UnitAlias(alias="别名", unit_id=1))
    # Each kind of record named once, in order: the programmer sees what was unaudited.
    assert str(caught.value) == "内部错误：写入 Unit, UnitAlias 时未记录审计事件，已拒绝写入。"
    with seeded.read() as session:
        assert session.scalar(select(Unit).where(Unit.name == "偷偷加的局")) is None


def test_unaudited_dml_is_refused(seeded):
    with pytest.raises(AuditMissingError), seeded.write() as session:
        session.execute(update(Unit).values(kind="township"))
    with pytest.raises(AuditMissingError), seeded.write() as session:
        session.execute(insert(Unit).values(name="x", kind="department"))


def test_audit_rows_cannot_be_updated_or_deleted(seeded):
    connection = sqlite3.connect(seeded.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("UPDATE audit_event SET actor = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("DELETE FROM audit_event")
    connection.close()


def test_verify_chain_finds_an_outside_edit(seeded):
    with seeded.write() as session:
        record(session, action="a", entity="x")
        record(session, action="b", entity="x")
    connection = sqlite3.connect(seeded.path)
    connection.execute("DROP TRIGGER audit_event_no_update")
    connection.execute("UPDATE audit_event SET reason = 'forged' WHERE id = 2")
    connection.commit()
    connection.close()
    with seeded.read() as session:
        findings = verify_audit(session).findings
    assert [f.record for f in findings] == ["audit_event:2"]


def test_canonical_json_is_stable():
    assert canonical_json({"b": 1, "a": ["甲", None]}) == '{"a":["甲",null],"b":1}'


def test_every_audited_action_has_a_summary_in_words(demo_db):
    import datetime as dt

    from model.store.audit_history import audit_log, event_summary
    from model.work.adjustments import add_adjustment

    with demo_db.write() as session:
        add_adjustment(
            session,
            unit="住建局",
            year=2023,
            points=-1.5,
            reason="材料弄虚作假",
            approver="李中煊",
            decided_on=dt.date(2023, 12, 1),
            as_of=dt.date(2023, 12, 31),
        )
    with demo_db.read() as session:
        rows = audit_log(session, limit=100_000)
    seen = {}
    for row in rows:
        seen.setdefault(row.action, event_summary(row))
    assert seen["adjustment.create"] == "2023-12-01 -1.5 分 材料弄虚作假（批准人：李中煊）"
    for action, summary in seen.items():
        if action != "demo.generate":
            assert summary and "None" not in summary, action


def test_history_days_are_local_days(seeded, monkeypatch):
    import datetime as dt
    import time

    from model.store.audit_history import audit_log

    # The seeding event was stamped 2023-09-15 09:30 UTC: 17:30 on the 15th in Beijing,
    # but 23:30 on the 14th in Honolulu. A day asked for is the user's local day.
    try:
        monkeypatch.setenv("TZ", "Asia/Shanghai")
        time.tzset()
        with seeded.read() as session:
            assert audit_log(session, since=dt.date(2023, 9, 15))
            assert not audit_log(session, since=dt.date(2023, 9, 16))
        monkeypatch.setenv("TZ", "Pacific/Honolulu")
        time.tzset()
        with seeded.read() as session:
            assert audit_log(session, since=dt.date(2023, 9, 14))
            assert not audit_log(session, since=dt.date(2023, 9, 15))
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


# --- the guard across transactions of one session, and what an event records ---


def one_session(database) -> AuditedSession:
    session = AuditedSession(bind=database.engine, expire_on_commit=False)
    bind_context(session, AuditContext(actor="测试员", clock=lambda: FIXED))
    return session


FIXED = dt.datetime(2023, 9, 15, 17, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_a_session_that_audited_once_must_audit_each_transaction(seeded):
    session = one_session(seeded)
    with session.begin():
        assert transaction_start(session) is None  # nothing appended yet
        record(session, action="test.note", entity="note", entity_id=1)
        assert transaction_start(session) == (1, session.scalar(select(AuditEvent.hash)))
    with session.begin():
        assert transaction_start(session) is None  # forgotten with the commit
    with pytest.raises(AuditMissingError), session.begin():
        session.add(Unit(name="偷偷加的局", kind="department"))
    session.close()


def test_each_transaction_reads_the_chain_tip_afresh(seeded):
    first, other = one_session(seeded), one_session(seeded)
    with first.begin():
        record(first, action="test.note", entity="note", entity_id=1)
    with other.begin():
        record(other, action="test.note", entity="note", entity_id=2)
    with first.begin():
        event = record(first, action="test.note", entity="note", entity_id=3)
    assert event.id == 4  # after the other session's event 3, not a second event 3
    first.close()
    other.close()
    with seeded.read() as session:
        assert verify_audit(session).ok


def test_an_owed_event_is_forgotten_with_its_rolled_back_transaction(seeded):
    session = one_session(seeded)
    with pytest.raises(AuditMissingError) as caught, session.begin():
        session.add(Unit(name="导入的局", kind="department"))
        flush_before_record(session)  # a plan import's rows, flushed for their ids …
    # … and committed without the event they owe: refused.
    assert str(caught.value) == "内部错误：写入 导入的计划 时未记录审计事件，已拒绝写入。"
    with session.begin():  # the next transaction owes nothing
        session.scalar(select(Unit.id))
    session.close()


def test_a_session_without_its_context_is_a_programming_error(seeded):
    session = AuditedSession(bind=seeded.engine)
    with pytest.raises(RuntimeError, match=r"^session has no audit context$"):
        audit_context(session)
    session.close()


def test_an_event_is_stamped_in_utc_whatever_the_machine_zone(seeded, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    session = one_session(seeded)
    with session.begin():
        plain = record(session, action="test.note", entity="note")
        numbered = record(session, action="test.note", entity="note", entity_id=7)
    session.close()
    assert plain.at == "2023-09-15T09:30:00+00:00"
    assert (plain.entity_id, numbered.entity_id) == (None, "7")
