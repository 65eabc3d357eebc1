"""0005: group membership becomes dated spells; the members a database had stay members."""

from __future__ import annotations

import datetime as dt
import sqlite3

from sqlalchemy import select, text

from model.store.audit_verify import verify_audit
from model.store.db import open_database
from model.store.migrations.runner import downgrade_to
from model.store.schema import GroupMember
from model.store.schema_version import HEAD
from model.units.groups import group_members
from model.work.groups import edit_group_members


def _members(path) -> list[tuple[int, int]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT group_id, member_id FROM group_member ORDER BY group_id, member_id"
        ).fetchall()
    finally:
        connection.close()


def test_a_0004_database_keeps_its_members_as_open_spells(seeded, context):
    with seeded.read() as session:
        townships = group_members(session, "各乡镇", on=dt.date(2023, 9, 15))
    path = seeded.path
    downgrade_to(seeded.engine, "0004_report_fields")
    seeded.close()
    connection = sqlite3.connect(path)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(group_member)")}
    connection.close()
    assert "valid_from" not in columns and "id" not in columns
    undated = _members(path)
    assert len(undated) == 8
    with open_database(path, context) as database:
        assert database.backup is not None
        with database.read() as session:
            assert session.scalar(text("SELECT version_num FROM alembic_version")) == HEAD
            spells = session.execute(
                select(
                    GroupMember.group_id,
                    GroupMember.member_id,
                    GroupMember.valid_from,
                    GroupMember.valid_to,
                )
            ).all()
            assert sorted((g, m) for g, m, _, _ in spells) == undated
            assert {(f, t) for _, _, f, t in spells} == {(None, None)}
            for day in (dt.date(2000, 1, 1), dt.date(2023, 9, 15), dt.date(2099, 12, 31)):
                assert group_members(session, "各乡镇", on=day) == townships
            assert verify_audit(session).ok
        # The migrated table takes dated edits: a unit may leave and join again.
        with database.write() as session:
            edit_group_members(session, "各乡镇", remove=["克城镇"], on=dt.date(2026, 11, 28))
            edit_group_members(session, "各乡镇", add=["克城镇"], on=dt.date(2027, 1, 1))
        with database.read() as session:
            assert sorted(session.scalars(select(GroupMember.id))) == list(range(1, 10))
