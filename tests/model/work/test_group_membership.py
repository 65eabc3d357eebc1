"""Dated group membership: a change takes effect on a day and never rewrites the days
before it; every read asks for the members of one day."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil

import pytest
from sqlalchemy import delete, func, select

from model.core.errors import InputError
from model.core.lights import LightRules
from model.core.strings import VERIFY_EVENT_UNREADABLE as UNREADABLE
from model.plans.dump import dump_plan_document
from model.plans.load import import_plan_document
from model.plans.task_refs import TaskRef
from model.scoring.rubric import default_rubric
from model.scoring.scorecards import compute_scorecards
from model.status.chasing import placeholder_groups
from model.status.holders import holder_states, holdings
from model.status.unit_check import unit_check
from model.store.audit import AuditContext, record
from model.store.audit_verify import verify_audit
from model.store.db import open_database
from model.store.schema import AuditEvent, GroupMember, Unit
from model.units.groups import group_members, group_view
from model.units.lookup import group_members_map, unit_name_map
from model.work.groups import edit_group_members
from model.work.progress import ReportInput, record_report
from seed.bootstrap import open_seeded
from tests.conftest import AS_OF, sqlite_file

TOWNSHIPS = "各乡镇"
KC = "克城镇"
AIR8 = TaskRef("air", 8)  # 各乡镇 answer for it: 克城镇 holds it through the group
LEFT = dt.date(2026, 11, 28)  # the first day 克城镇 is no longer a member
RULES = LightRules()


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory):
    """The seeded database, built once for this module (seeding is most of a test's time)."""
    path = tmp_path_factory.mktemp("groups") / "seeded.sqlite3"
    database, _ = open_seeded(path, AuditContext(actor="测试员"))
    database.close()
    return path


@pytest.fixture
def seeded(seeded_template, tmp_path, context):
    path = tmp_path / "seeded.sqlite3"
    shutil.copy(seeded_template, path)
    with open_database(path, context) as database:
        yield database


def edit(database, name=TOWNSHIPS, **kwargs):
    with database.write() as session:
        return edit_group_members(session, name, **kwargs)


def members(database, on: dt.date, name: str = TOWNSHIPS) -> list[str]:
    with database.read() as session:
        return group_members(session, name, on=on)


def spells(database, name: str = TOWNSHIPS) -> list[tuple[str, str | None, str | None]]:
    """The group's spells, as the last audit event of the group recorded them."""
    with database.read() as session:
        after = session.scalar(
            select(AuditEvent.after_json)
            .where(AuditEvent.action == "group.members", AuditEvent.entity_id == name)
            .order_by(AuditEvent.id.desc())
            .limit(1)
        )
    assert after is not None
    return [(s["member"], s["valid_from"], s["valid_to"]) for s in json.loads(after)["spells"]]


def rows(database) -> list[tuple]:
    with database.read() as session:
        return list(
            session.execute(
                select(
                    GroupMember.id,
                    GroupMember.group_id,
                    GroupMember.member_id,
                    GroupMember.valid_from,
                    GroupMember.valid_to,
                ).order_by(GroupMember.id)
            )
        )


def via_group(database, on: dt.date) -> set[str]:
    """The units holding a task through 各乡镇 on `on`."""
    with database.read() as session:
        names = unit_name_map(session)
        return {names[h.unit_id] for h in holdings(session, on=on) if h.via_group_id is not None}


def test_removing_a_member_keeps_its_past_and_ends_its_future(seeded):
    day_before = LEFT - dt.timedelta(days=1)
    assert KC in via_group(seeded, LEFT)
    after, _ = edit(seeded, remove=[KC], on=LEFT, reason="乡镇撤并")
    assert KC not in after and len(after) == 7
    # A member on its last day, valid_to; not on the day after.
    assert KC in members(seeded, day_before) and KC not in members(seeded, LEFT)
    assert KC in via_group(seeded, day_before) and KC not in via_group(seeded, LEFT)
    assert KC in members(seeded, dt.date(2023, 9, 15))
    assert (KC, None, "2026-11-27") in spells(seeded)


def test_adding_a_member_counts_from_its_first_day(seeded):
    start = dt.date(2024, 3, 1)
    placeholder = "大气办有关成员单位"
    edit(seeded, placeholder, add=["工信局"], on=start)
    # Not a member the day before valid_from; a member on valid_from.
    assert members(seeded, start - dt.timedelta(days=1), placeholder) == []
    assert members(seeded, start, placeholder) == ["工信局"]
    with seeded.read() as session:
        group_id = unit_check(session, placeholder, start, RULES).unit_id
        assert group_id in placeholder_groups(session, dt.date(2024, 2, 29))
        assert group_id not in placeholder_groups(session, start)
        assert group_members_map(session, dt.date(2024, 2, 29)).get(group_id) is None
        before = holder_states(session, dt.date(2024, 2, 29), RULES)
        after = holder_states(session, start, RULES)
    # The group holds its tasks itself until it has a member; then the member holds them.
    assert {(s.unit, s.via_group) for s in before if placeholder in (s.unit, s.via_group)} == {
        (placeholder, None)
    }
    assert {(s.unit, s.via_group) for s in after if placeholder in (s.unit, s.via_group)} == {
        ("工信局", placeholder)
    }


def test_remove_then_add_again_makes_two_spells(seeded):
    back = dt.date(2027, 3, 1)
    edit(seeded, remove=[KC], on=LEFT)
    after, _ = edit(seeded, add=[KC], on=back)
    assert KC in after
    assert [s for s in spells(seeded) if s[0] == KC] == [
        (KC, None, "2026-11-27"),
        (KC, "2027-03-01", None),
    ]
    assert KC not in members(seeded, dt.date(2027, 2, 28))
    with seeded.read() as session:
        view, _ = group_view(session, TOWNSHIPS, on=dt.date(2027, 1, 1))
    assert KC not in view.members
    assert [(s.member, s.valid_to) for s in view.former] == [(KC, dt.date(2026, 11, 27))]
    assert [(s.member, s.valid_from) for s in view.later] == [(KC, back)]


def test_removed_and_added_again_on_the_same_day_is_one_spell(seeded):
    edit(seeded, remove=[KC], on=LEFT)
    edit(seeded, add=[KC], on=LEFT)
    assert [s for s in spells(seeded) if s[0] == KC] == [(KC, None, None)]


def test_removing_on_the_day_it_was_added_deletes_the_spell(seeded):
    start = dt.date(2024, 3, 1)
    placeholder = "大气办有关成员单位"
    edit(seeded, placeholder, add=["工信局", "财政局"], on=start)
    before = len(rows(seeded))
    edit(seeded, placeholder, remove=["工信局"], on=start)
    assert len(rows(seeded)) == before - 1
    assert spells(seeded, placeholder) == [("财政局", "2024-03-01", None)]
    # A spell that starts later than the removal never takes effect either.
    edit(seeded, placeholder, remove=["财政局"], on=dt.date(2024, 1, 1))
    assert spells(seeded, placeholder) == []
    assert members(seeded, dt.date(2030, 1, 1), placeholder) == []


def test_the_audit_event_carries_the_spells_before_and_after(seeded):
    edit(seeded, remove=[KC], on=LEFT, reason="乡镇撤并")
    with seeded.read() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "group.members")
        ).one()
    before, after = json.loads(event.before_json), json.loads(event.after_json)
    assert (event.entity, event.entity_id, event.reason) == ("unit", TOWNSHIPS, "乡镇撤并")
    assert set(before) == set(after) == {"members", "spells"}
    assert KC in before["members"] and KC not in after["members"]
    assert len(before["spells"]) == len(after["spells"]) == 8
    assert {"member": KC, "valid_from": None, "valid_to": None} in before["spells"]
    assert {"member": KC, "valid_from": None, "valid_to": "2026-11-27"} in after["spells"]
    # The spells follow the member units' ids, like the members.
    assert [s["member"] for s in after["spells"] if s["member"] != KC] == after["members"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"add": ["蒲城镇"], "on": LEFT}, "在 2026-11-28 已经是单位组「各乡镇」的成员"),
        ({"remove": ["工信局"], "on": LEFT}, "及以后都不是单位组「各乡镇」的成员"),
        ({"add": ["工信局"], "remove": ["工信局"], "on": LEFT}, "既添加又移除"),
        ({"remove": [KC], "on": dt.date.min}, "过早"),
        ({"add": ["各乡镇"], "on": LEFT}, "不能是另一个单位组"),
    ],
)
def test_refused_edits_change_nothing(seeded, kwargs, message):
    before = rows(seeded)
    with pytest.raises(InputError, match=message):
        edit(seeded, **kwargs)
    assert rows(seeded) == before


def test_adding_before_a_later_spell_is_refused(seeded):
    edit(seeded, remove=[KC], on=LEFT)
    edit(seeded, add=[KC], on=dt.date(2027, 3, 1))
    before = rows(seeded)
    with pytest.raises(InputError, match="已定于 2027-03-01 加入"):
        edit(seeded, add=[KC], on=dt.date(2027, 1, 1))
    with pytest.raises(InputError, match="已经是单位组"):
        edit(seeded, add=[KC], on=dt.date(2026, 1, 1))
    assert rows(seeded) == before


@pytest.mark.parametrize("read_before", [False, True], ids=["changed-first", "read-first"])
def test_a_former_member_cannot_report_on_the_groups_tasks_after_it_left(seeded, read_before):
    with seeded.write() as session:
        if read_before:  # with 克城镇 still a member on every day: forgotten at the change
            report = ReportInput(AIR8, KC, LEFT - dt.timedelta(days=2), "in_progress", 50)
            record_report(session, report, as_of=LEFT)
        edit_group_members(session, TOWNSHIPS, remove=[KC], on=LEFT)
        # The same transaction: what 克城镇 holds is read again for each membership, first
        # for a day it was still a member (remembered), then for the day it left.
        record_report(
            session, ReportInput(AIR8, KC, LEFT - dt.timedelta(days=1), "done", 100), as_of=LEFT
        )
        with pytest.raises(InputError, match="不承担"):
            record_report(session, ReportInput(AIR8, KC, LEFT, "done", 100), as_of=LEFT)


def test_a_new_member_can_report_on_the_groups_tasks_from_its_first_day(seeded):
    placeholder, unit, joined = "大气办有关成员单位", "林业局", dt.date(2024, 3, 1)
    air6 = TaskRef("air", 6)  # held by the placeholder, not by 林业局 itself
    with seeded.write() as session:
        edit_group_members(session, placeholder, add=[unit], on=joined)
        # The same transaction: the day before it joined is read first, and remembered.
        with pytest.raises(InputError, match="不承担"):
            record_report(
                session,
                ReportInput(air6, unit, joined - dt.timedelta(days=1), "in_progress", 10),
                as_of=joined,
            )
        record_report(session, ReportInput(air6, unit, joined, "in_progress", 20), as_of=joined)


def test_reading_the_plans_back_names_the_members_of_that_day(seeded):
    edit(seeded, remove=[KC], on=LEFT)
    with seeded.read() as session:
        then = dump_plan_document(session, on=dt.date(2023, 9, 15))
        now = dump_plan_document(session, on=LEFT)
    townships = {u.name: u.members for u in then.units}[TOWNSHIPS]
    assert KC in townships
    assert {u.name: u.members for u in now.units}[TOWNSHIPS] == tuple(
        m for m in townships if m != KC
    )


def test_a_document_naming_a_former_member_does_not_bring_it_back(seeded):
    edit(seeded, remove=[KC], on=LEFT)
    with seeded.read() as session:
        document = dump_plan_document(session, on=dt.date(2023, 9, 15))
    document = dataclasses.replace(
        document,
        document=dataclasses.replace(document.document, number="蒲政办发〔2027〕1号"),
        plans=(),
        leading_group=None,
    )
    count = len(rows(seeded))
    with seeded.write() as session:
        result = import_plan_document(session, document, source_name="x", source_sha256="0" * 64)
    assert len(rows(seeded)) == count
    assert result.notes == [
        "文件把「克城镇」列为单位组「各乡镇」的成员，但它已退出该组（成员至 2026-11-27），"
        "导入时未重新加入；如需恢复，请重新添加。"
    ]


def test_seeded_members_are_members_since_the_start(seeded):
    with seeded.read() as session:
        dates = set(session.execute(select(GroupMember.valid_from, GroupMember.valid_to)))
        assert session.scalar(select(func.count()).select_from(GroupMember)) == 8
    assert dates == {(None, None)}


def test_removing_a_township_now_leaves_its_2023_scores_alone(demo_db):
    """The acceptance test: editing a group never rewrites a past period."""
    rubric = default_rubric()
    end = dt.date(2023, 12, 31)
    with demo_db.read() as session:
        board = compute_scorecards(session, year=2023, as_of=end, rubric=rubric)
        held = {
            s.task_id
            for s in holder_states(session, end, RULES)
            if s.unit == KC and s.via_group == TOWNSHIPS
        }
    assert len(held) == 35
    edit(demo_db, remove=[KC], on=LEFT, reason="乡镇撤并")
    with demo_db.read() as session:
        again = compute_scorecards(session, year=2023, as_of=end, rubric=rubric)
        later = holder_states(session, LEFT, RULES)
        check = unit_check(session, TOWNSHIPS, LEFT, RULES)
        then = unit_check(session, TOWNSHIPS, end, RULES)
    card, card_again = board.card(KC), again.card(KC)
    assert (card_again.score, card_again.lines) == (card.score, card.lines)
    assert again == board
    assert not any(s.unit == KC and s.via_group == TOWNSHIPS for s in later)
    assert KC not in check.members and KC in then.members


def findings(database) -> list[str]:
    with database.read() as session:
        return [finding.detail for finding in verify_audit(session).findings]


def test_dated_membership_edits_verify_and_an_outside_edit_names_the_spells(seeded):
    edit(seeded, remove=[KC], on=LEFT)
    edit(seeded, add=[KC], on=dt.date(2027, 3, 1))
    edit(seeded, "大气办有关成员单位", add=["工信局"], on=dt.date(2024, 3, 1))
    assert findings(seeded) == []
    with sqlite_file(seeded.path) as connection:
        connection.execute(
            "UPDATE group_member SET valid_from = '2024-01-01', valid_to = '2024-06-30'"
            " WHERE valid_from = '2024-03-01'"
        )
        connection.execute(
            "UPDATE group_member SET valid_to = '2026-12-31' WHERE valid_to = '2026-11-27'"
        )
    assert findings(seeded) == [
        "单位组「各乡镇」的成员与审计记录不符（缺少 克城镇（至 2026-11-27）；"
        "多出 克城镇（至 2026-12-31））：在 duban 之外被改动。",
        "单位组「大气办有关成员单位」的成员与审计记录不符（缺少 工信局（2024-03-01 起）；"
        "多出 工信局（2024-01-01 至 2024-06-30））：在 duban 之外被改动。",
    ]


def test_a_membership_event_from_before_spells_lists_the_members_as_always(seeded):
    """Databases from before membership was dated recorded only the members' names."""
    with seeded.write() as session:
        names = group_members(session, TOWNSHIPS, on=AS_OF)
        kc = session.scalar(select(Unit.id).where(Unit.name == KC))
        record(
            session,
            action="group.members",
            entity="unit",
            entity_id=TOWNSHIPS,
            before={"members": names},
            after={"members": [name for name in names if name != KC]},
        )
        session.execute(delete(GroupMember).where(GroupMember.member_id == kc))
    assert findings(seeded) == []
    with sqlite_file(seeded.path) as connection:
        connection.execute(
            "INSERT INTO group_member (group_id, member_id, valid_from, valid_to)"
            " SELECT group_id, ?, NULL, NULL FROM group_member LIMIT 1",
            (kc,),
        )
    assert findings(seeded) == [
        "单位组「各乡镇」的成员与审计记录不符（多出 克城镇（始终））：在 duban 之外被改动。"
    ]


@pytest.mark.parametrize(
    "after",
    [
        None,
        ["蒲城镇"],
        {"spells": "蒲城镇"},
        {"spells": ["蒲城镇"]},
        {"members": "蒲城镇"},
        {"spells": [{"member": "不存在的单位", "valid_from": None, "valid_to": None}]},
    ],
)
def test_a_membership_event_that_cannot_be_read_is_a_finding(seeded, after):
    with seeded.write() as session:
        event = record(
            session, action="group.members", entity="unit", entity_id=TOWNSHIPS, after=after
        )
        number = event.id
    assert findings(seeded) == [UNREADABLE.format(id=number)]


def test_a_membership_event_of_an_unknown_group_is_a_finding(seeded):
    with seeded.write() as session:
        number = record(
            session,
            action="group.members",
            entity="unit",
            entity_id="不存在的单位组",
            after={"members": []},
        ).id
    assert findings(seeded) == [UNREADABLE.format(id=number)]
