"""Each kind of event the verification replays, one malformed part at a time: an event whose
content cannot be read as what its action says is one finding, naming the event; one that
reads is replayed and finds nothing."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sqlalchemy import select

from model.core.strings import VERIFY_EVENT_CHANGED, VERIFY_EVENT_UNREADABLE
from model.store.audit import record
from model.store.audit_verify import table_digest, table_digests, verify_audit
from model.store.schema import GroupMember, Unit
from tests.conftest import sqlite_file


def append(database, action: str, after: Any, entity: str = "document", entity_id=None) -> int:
    with database.write() as session:
        return record(session, action=action, entity=entity, entity_id=entity_id, after=after).id


def findings(database) -> list[str]:
    with database.read() as session:
        return [finding.detail for finding in verify_audit(session).findings]


UNREADABLE = [
    ("seed.import", []),
    ("seed.import", {"rows": []}),
    ("seed.import", {"rows": {"unit": [{"id": "7"}]}}),
    ("seed.import", {"rows": {"unit": [{"id": True}]}}),
    ("seed.import", {"rows": {"unit": {"id": 7}}}),
    ("seed.import", {"rows": {"no_such_table": [{"id": 7}]}}),
    ("migration.baseline", []),
    ("migration.baseline", {"tables": []}),
    ("migration.baseline", {"tables": {"no_such_table": []}}),
    ("migration.fill", []),
    ("migration.fill", {"table": "unit", "column": "name", "values": []}),
    ("migration.fill", {"table": "no_such_table", "column": "name", "values": {}}),
    ("migration.fill", {"table": "unit", "column": 3, "values": {}}),
    ("migration.fill", {"table": "unit", "column": "name", "values": {"x": "甲"}}),
    ("synthetic.generate", {"rows": []}),
    ("synthetic.generate", {"digests": []}),
    ("synthetic.generate", {"digests": {"no_such_table": {}}}),
    ("synthetic.generate", {"digests": {"unit": []}}),
    ("synthetic.generate", {"digests": {"unit": {"through": "9", "count": 1, "sha256": ""}}}),
    ("synthetic.generate", {"digests": {"unit": {"through": 9, "count": None, "sha256": ""}}}),
]


@pytest.mark.parametrize(("action", "after"), UNREADABLE)
def test_an_event_that_cannot_be_read_as_its_action_is_one_finding(seeded, action, after):
    number = append(seeded, action, after)
    assert findings(seeded) == [VERIFY_EVENT_UNREADABLE.format(id=number)]


@pytest.mark.parametrize("entity_id", ["abc", "１２", None, "-3"])
def test_a_liaison_cleared_by_an_id_that_is_no_number_is_a_finding(seeded, entity_id):
    number = append(seeded, "liaison.clear", None, "unit_liaison", entity_id)
    assert findings(seeded) == [VERIFY_EVENT_UNREADABLE.format(id=number)]


def test_a_work_event_without_the_rows_id_is_a_finding(seeded):
    number = append(seeded, "report.record", {"percent": 50}, "progress_report", "1")
    assert findings(seeded) == [VERIFY_EVENT_UNREADABLE.format(id=number)]


@pytest.mark.parametrize(
    ("action", "after", "entity", "entity_id"),
    [
        ("migration.baseline", {"tables": {}}, "document", None),
        (
            "migration.fill",
            {"table": "unit", "column": "name", "values": {"99999": "甲"}},
            "document",
            None,
        ),
        ("synthetic.generate", None, "document", None),
        ("synthetic.generate", {"digests": {}}, "document", None),
        ("liaison.clear", None, "unit_liaison", "99999"),  # nothing left to clear
        ("seed.import", {"summary": "只有摘要"}, "document", None),
    ],
)
def test_an_event_that_reads_and_changes_nothing_finds_nothing(
    seeded, action, after, entity, entity_id
):
    append(seeded, action, after, entity, entity_id)
    assert findings(seeded) == []


@pytest.mark.parametrize(
    ("column", "value", "readable"),
    [
        ("before_json", "{不是 JSON", False),  # the before is read, though nothing replays it
        # A text column keeps bytes as bytes (a number it would turn into text).
        ("action", b"migration.baseline", False),
        ("reason", b"\xff", True),  # no crash: the content no longer matches its hash
    ],
)
def test_an_event_changed_outside_is_found_and_said_if_unreadable(seeded, column, value, readable):
    number = append(seeded, "migration.baseline", {"tables": {}})
    with sqlite_file(seeded.path) as connection:
        connection.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        connection.execute(f"UPDATE audit_event SET {column} = ? WHERE id = ?", (value, number))
    unreadable = [] if readable else [VERIFY_EVENT_UNREADABLE.format(id=number)]
    assert findings(seeded) == [VERIFY_EVENT_CHANGED.format(id=number), *unreadable]


def test_a_fill_sets_the_column_it_names_on_the_rows_it_names(seeded):
    with seeded.read() as session:
        first, first_name = session.execute(select(Unit.id, Unit.name).order_by(Unit.id)).first()
    append(
        seeded,
        "migration.fill",
        {"table": "unit", "column": "name", "values": {str(first): "改名后的单位"}},
    )
    assert findings(seeded) == [
        # named as the chain has it
        f"单位「改名后的单位」与审计记录不符（名称：审计为 「改名后的单位」，数据库为 「{first_name}」）"
        "：在 duban 之外被改动。"
    ]


def test_a_tables_digest_is_the_recorded_one():
    """Benchmark databases made by an earlier version carry these digests: the form of
    the digest (canonical JSON, one row a line, in id order) cannot change."""
    rows = [{"id": 1, "name": "甲"}, {"id": 2, "name": None}]
    assert table_digest(rows) == (
        2,
        "2da426d55ab4613256cd709e5677bdff7a7420d35de868db9556a44486f72e8b",
    )
    assert table_digest([]) == (0, hashlib.sha256(b"").hexdigest())


def test_an_empty_tables_digest_runs_through_no_row(seeded):
    with seeded.read() as session:
        digests = table_digests(session, ["score_adjustment", "unit"])
    assert digests["score_adjustment"] == {
        "through": 0,
        "count": 0,
        "sha256": hashlib.sha256(b"").hexdigest(),
    }
    assert digests["unit"]["through"] == digests["unit"]["count"] > 0


def test_a_baseline_ends_what_an_import_without_rows_left_open(seeded):
    """An old import recorded only its summary: until a baseline follows, a group event may
    name units the chain does not know. After the baseline it may not."""
    append(seeded, "seed.import", {"summary": "只有摘要"})
    append(seeded, "group.members", {"members": ["不存在的单位"]}, "unit", "不存在的单位组")
    assert findings(seeded) == []
    append(seeded, "migration.baseline", {"tables": {}})
    number = append(
        seeded, "group.members", {"members": ["不存在的单位"]}, "unit", "不存在的单位组"
    )
    assert findings(seeded) == [VERIFY_EVENT_UNREADABLE.format(id=number)]


def test_a_baseline_of_dated_spells_is_what_the_database_must_hold(seeded):
    with seeded.read() as session:
        rows = [
            {"id": r.id, "group_id": r.group_id, "member_id": r.member_id}
            for r in session.scalars(select(GroupMember).order_by(GroupMember.id))
        ]
    first = rows[0]["id"]
    rows[0] |= {"valid_from": "2023-03-01", "valid_to": "2023-12-31"}
    with sqlite_file(seeded.path) as connection:
        connection.execute(
            "UPDATE group_member SET valid_from = '2023-03-01', valid_to = '2023-12-31'"
            " WHERE id = ?",
            (first,),
        )
    append(seeded, "migration.baseline", {"tables": {"group_member": rows}})
    assert findings(seeded) == []
    with sqlite_file(seeded.path) as connection:
        connection.execute("UPDATE group_member SET valid_from = NULL WHERE id = ?", (first,))
    [finding] = findings(seeded)
    assert "缺少" in finding and "（2023-03-01 至 2023-12-31）" in finding
    assert "（至 2023-12-31）" in finding
