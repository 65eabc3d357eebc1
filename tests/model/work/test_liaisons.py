"""A unit's liaison (联络人): set, changed, cleared through the audited service; audit verify
rebuilds the table and names an outside edit in words; a recorded copy undoes them."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from model.core.errors import InputError
from model.core.settings import is_phone
from model.status.returns import Liaison, liaisons
from model.store.audit import AuditContext
from model.store.audit_history import event_summary, unit_history
from model.store.audit_verify import verify_audit
from model.store.db import Database, open_database
from model.store.rewind import recorded_copy
from model.units.resolver import find_unit
from model.work.liaisons import clear_liaison, set_liaison

UNIT = "住建局"


def liaison_of(database: Database, unit: str = UNIT) -> Liaison | None:
    with database.read() as session:
        found, _ = find_unit(session, unit)
        return liaisons(session, [found.id]).get(found.id)


def rows(database: Database) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(database.path)) as connection:
        return connection.execute("SELECT * FROM unit_liaison ORDER BY id").fetchall()


def events(database: Database) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(database.path)) as connection:
        return connection.execute(
            "SELECT action, entity, entity_id, before_json IS NULL, after_json IS NULL, reason"
            " FROM audit_event WHERE entity = 'unit_liaison' ORDER BY id"
        ).fetchall()


def test_set_change_and_clear_are_audited(seeded: Database) -> None:
    with seeded.write() as session:
        change = set_liaison(
            session, "住房和城乡建设局", name=" 王丽 ", phone="0357-5521234", note="环保股"
        )
    assert change.unit == UNIT and change.before is None and change.changed
    assert change.notes  # how the official wording was understood
    assert liaison_of(seeded) == Liaison("王丽", "0357-5521234", "环保股")
    with seeded.write() as session:
        change = set_liaison(session, UNIT, phone="13812345678", reason="换手机")
    assert change.before == Liaison("王丽", "0357-5521234", "环保股")
    assert liaison_of(seeded) == Liaison("王丽", "13812345678", "环保股")
    with seeded.write() as session:
        clear_liaison(session, UNIT, reason="人员调动")
    assert liaison_of(seeded) is None
    assert [e[:5] for e in events(seeded)] == [
        ("liaison.set", "unit_liaison", "1", 1, 0),
        ("liaison.change", "unit_liaison", "1", 0, 0),
        ("liaison.clear", "unit_liaison", "1", 0, 1),
    ]
    assert [e[5] for e in events(seeded)] == [None, "换手机", "人员调动"]
    with seeded.read() as session:
        assert verify_audit(session).ok
        found, _ = find_unit(session, UNIT)
        history = unit_history(session, found.id)
    assert [h.action for h in history] == ["liaison.clear", "liaison.change", "liaison.set"]
    assert event_summary(history[1]) == "王丽 13812345678 环保股"


def test_nothing_changed_writes_nothing(seeded: Database) -> None:
    with seeded.write() as session:
        set_liaison(session, UNIT, name="王丽", phone="0357-5521234")
    with seeded.write() as session:
        change = set_liaison(session, UNIT, name="王丽", phone=" 0357-5521234 ")
    assert not change.changed
    assert len(events(seeded)) == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "", "phone": "0357-5521234"}, "联络人姓名不能为空。"),
        ({"name": "王" * 41, "phone": "0357-5521234"}, "联络人姓名过长（41字），最多40字。"),
        ({"name": "王丽", "phone": "找办公室"}, "联系电话「找办公室」不是电话号码"),
        ({"name": "王丽", "phone": "1234"}, "联系电话「1234」不是电话号码"),
        ({"name": "王丽", "phone": ""}, "联系电话不能为空。"),
        ({"name": "王丽"}, "联系电话不能为空。"),
        ({"phone": "0357-5521234"}, "单位「住建局」还没有联络人：请写明联络人姓名和联系电话。"),
        (
            {"name": "王丽", "phone": "0357-5521234", "note": "备" * 201},
            "联络人备注过长（201字），最多200字。",
        ),
    ],
)
def test_bad_input_writes_nothing(seeded: Database, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(InputError) as error, seeded.write() as session:
        set_liaison(session, UNIT, **kwargs)
    assert message in str(error.value)
    assert rows(seeded) == [] and events(seeded) == []


def test_a_group_has_no_liaison_and_an_unknown_unit_is_said(seeded: Database) -> None:
    with pytest.raises(InputError) as error, seeded.write() as session:
        set_liaison(session, "各乡镇", name="王丽", phone="0357-5521234")
    assert "是单位组，不能确定联络人：请为其成员单位分别确定联络人。" in str(error.value)
    with pytest.raises(InputError) as error, seeded.write() as session:
        set_liaison(session, "没有这个局", name="王丽", phone="0357-5521234")
    assert "没有这个局" in str(error.value)
    with pytest.raises(InputError) as error, seeded.write() as session:
        clear_liaison(session, UNIT)
    assert str(error.value) == "单位「住建局」没有登记联络人，无需清除。"
    assert rows(seeded) == [] and events(seeded) == []


def test_the_phone_rule_is_the_settings_rule() -> None:
    assert is_phone("0357-5522123") and is_phone("(0357)5522123、13812345678")
    assert is_phone("0357-5522123转801")
    assert not is_phone("1234") and not is_phone("电话") and not is_phone("")


def tamper(database: Database, *statements: str) -> list[str]:
    database.engine.dispose()
    with contextlib.closing(sqlite3.connect(database.path)) as connection:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    with database.read() as session:
        return [f.detail for f in verify_audit(session).findings]


def test_an_outside_edit_is_a_finding_in_words(seeded: Database) -> None:
    with seeded.write() as session:
        set_liaison(session, UNIT, name="王丽", phone="0357-5521234")
        set_liaison(session, "蒲城镇", name="李强", phone="0357-5520001")
    findings = tamper(seeded, "UPDATE unit_liaison SET phone = '110' WHERE name = '王丽'")
    assert findings == [
        "单位「住建局」的联络人与审计记录不符（联系电话：审计为 「0357-5521234」，数据库为 「110」）："
        "在 duban 之外被改动。"
    ]
    findings = tamper(seeded, "DELETE FROM unit_liaison WHERE name = '李强'")
    assert "单位「蒲城镇」的联络人有审计记录，但数据库中已没有：在 duban 之外被删除。" in findings
    unit_id = "(SELECT id FROM unit WHERE name = '克城镇')"
    findings = tamper(
        seeded,
        f"INSERT INTO unit_liaison (id, unit_id, name, phone, note)"
        f" VALUES (9, {unit_id}, '张三', '0357-1234567', '')",
    )
    assert "单位「克城镇」的联络人没有对应的审计事件：在 duban 之外被添加。" in findings


def test_a_cleared_liaison_put_back_outside_is_a_finding(seeded: Database) -> None:
    with seeded.write() as session:
        set_liaison(session, UNIT, name="王丽", phone="0357-5521234")
    with seeded.write() as session:
        clear_liaison(session, UNIT)
    findings = tamper(
        seeded,
        "INSERT INTO unit_liaison (id, unit_id, name, phone, note)"
        " SELECT 1, id, '王丽', '0357-5521234', '' FROM unit WHERE name = '住建局'",
    )
    assert findings == ["单位「住建局」的联络人没有对应的审计事件：在 duban 之外被添加。"]


@contextlib.contextmanager
def clocked(database: Database, at: dt.datetime) -> Iterator[Database]:
    other = open_database(database.path, AuditContext(actor="测试员", clock=lambda: at))
    with other:
        yield other


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)


def test_a_recorded_copy_undoes_later_liaison_changes(seeded: Database) -> None:
    first, second, third = dt.date(2023, 10, 9), dt.date(2023, 10, 20), dt.date(2023, 11, 2)
    with clocked(seeded, at(first)) as db, db.write() as session:
        set_liaison(session, UNIT, name="王丽", phone="0357-5521234")
    with clocked(seeded, at(second)) as db, db.write() as session:
        set_liaison(session, UNIT, name="赵敏", note="新任")
    with clocked(seeded, at(third)) as db, db.write() as session:
        clear_liaison(session, UNIT)
    expected = {
        dt.date(2023, 10, 8): None,
        first: Liaison("王丽", "0357-5521234", ""),
        second: Liaison("赵敏", "0357-5521234", "新任"),
        third: None,
    }
    for day, liaison in expected.items():
        with recorded_copy(seeded, day, tz=dt.UTC) as copy:
            assert liaison_of(copy) == liaison, day
            with copy.read() as session:
                assert verify_audit(session).ok, day
