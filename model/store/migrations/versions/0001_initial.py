"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.String(length=100), nullable=True),
        sa.Column("before_json", sa.Text(), nullable=True),
        sa.Column("after_json", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id > 0", name=op.f("ck_audit_event_id_positive")),
        sa.CheckConstraint(
            "length(hash) = 64 AND length(prev_hash) = 64", name=op.f("ck_audit_event_hash_length")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_event_hash")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.CheckConstraint("length(number) > 0", name=op.f("ck_document_number_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("number", name=op.f("uq_document_number")),
    )
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "kind IN ('department', 'township', 'group', 'enterprise')", name=op.f("ck_unit_kind")
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_unit_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("name", name=op.f("uq_unit_name")),
    )
    op.create_table(
        "group_member",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("group_id <> member_id", name=op.f("ck_group_member_not_self")),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["unit.id"],
            name=op.f("fk_group_member_group_id_unit"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["unit.id"],
            name=op.f("fk_group_member_member_id_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("group_id", "member_id", name=op.f("pk_group_member")),
    )
    op.create_table(
        "leading_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("office_unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_unit_id"],
            ["unit.id"],
            name=op.f("fk_leading_group_office_unit_id_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leading_group")),
        sa.UniqueConstraint("name", name=op.f("uq_leading_group_name")),
    )
    op.create_table(
        "notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("reply_due", sa.Date(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("reply_on", sa.Date(), nullable=True),
        sa.Column("reply_text", sa.Text(), nullable=True),
        sa.CheckConstraint("level IN ('提醒', '督办', '专项督察')", name=op.f("ck_notice_level")),
        sa.CheckConstraint(
            "(reply_on IS NULL) = (reply_text IS NULL)", name=op.f("ck_notice_reply_complete")
        ),
        sa.CheckConstraint("reply_due >= issued_on", name=op.f("ck_notice_reply_after_issue")),
        sa.CheckConstraint(
            "reply_on IS NULL OR reply_on >= issued_on", name=op.f("ck_notice_reply_on_after_issue")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_notice_unit_id_unit"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice")),
        sa.UniqueConstraint("number", name=op.f("uq_notice_number")),
    )
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notice_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "key GLOB '[a-z]*' AND key NOT GLOB '*[^a-z0-9_]*'", name=op.f("ck_plan_key_slug")
        ),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name=op.f("ck_plan_year_range")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_plan_document_id_document"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
        sa.UniqueConstraint("key", "year", name=op.f("uq_plan_key_year")),
    )
    op.create_table(
        "score_adjustment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("approver", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "length(trim(approver)) > 0", name=op.f("ck_score_adjustment_approver_not_empty")
        ),
        sa.CheckConstraint(
            "length(trim(reason)) > 0", name=op.f("ck_score_adjustment_reason_not_empty")
        ),
        sa.CheckConstraint(
            "points <> 0 AND points BETWEEN -100 AND 100",
            name=op.f("ck_score_adjustment_points_range"),
        ),
        sa.CheckConstraint(
            "year BETWEEN 2000 AND 2100", name=op.f("ck_score_adjustment_year_range")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_score_adjustment_unit_id_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_adjustment")),
    )
    with op.batch_alter_table("score_adjustment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_score_adjustment_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "unit_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=100), nullable=False),
        sa.CheckConstraint("length(trim(alias)) > 0", name=op.f("ck_unit_alias_alias_not_empty")),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_unit_alias_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_alias")),
        sa.UniqueConstraint("alias", name=op.f("uq_unit_alias_alias")),
    )
    op.create_table(
        "leading_group_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leading_group_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "role IN ('组长', '副组长', '成员', '办公室主任')",
            name=op.f("ck_leading_group_member_role"),
        ),
        sa.ForeignKeyConstraint(
            ["leading_group_id"],
            ["leading_group.id"],
            name=op.f("fk_leading_group_member_leading_group_id_leading_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_leading_group_member_unit_id_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leading_group_member")),
        sa.UniqueConstraint(
            "leading_group_id",
            "name",
            "role",
            name=op.f("uq_leading_group_member_leading_group_id_name_role"),
        ),
        sa.UniqueConstraint(
            "leading_group_id",
            "position",
            name=op.f("uq_leading_group_member_leading_group_id_position"),
        ),
    )
    op.create_table(
        "plan_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_plan_goal_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_goal")),
        sa.UniqueConstraint("plan_id", "position", name=op.f("uq_plan_goal_plan_id_position")),
    )
    op.create_table(
        "section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("heading", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_section_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_section")),
        sa.UniqueConstraint("plan_id", "heading", name=op.f("uq_section_plan_id_heading")),
        sa.UniqueConstraint("plan_id", "position", name=op.f("uq_section_plan_id_position")),
    )
    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint("length(title) > 0", name=op.f("ck_task_title_not_empty")),
        sa.CheckConstraint("number > 0", name=op.f("ck_task_number_positive")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_task_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["section.id"],
            name=op.f("fk_task_section_id_section"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
        sa.UniqueConstraint("plan_id", "number", name=op.f("uq_task_plan_id_number")),
    )
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "role IN ('lead', 'support', 'responsible')", name=op.f("ck_assignment_role")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_assignment_task_id_task"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_assignment_unit_id_unit"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
        sa.UniqueConstraint("task_id", "unit_id", name=op.f("uq_assignment_task_id_unit_id")),
    )
    op.create_table(
        "closure_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("verified_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("action IN ('close', 'reopen')", name=op.f("ck_closure_event_action")),
        sa.CheckConstraint(
            "length(trim(reason)) > 0", name=op.f("ck_closure_event_reason_not_empty")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["task.id"],
            name=op.f("fk_closure_event_task_id_task"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_closure_event_unit_id_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closure_event")),
    )
    with op.batch_alter_table("closure_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_closure_event_task_id"), ["task_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_closure_event_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "start_on IS NULL OR start_on <= due_on", name=op.f("ck_milestone_start_before_due")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_milestone_task_id_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone")),
        sa.UniqueConstraint("task_id", "position", name=op.f("uq_milestone_task_id_position")),
    )
    op.create_table(
        "notice_task",
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["notice.id"],
            name=op.f("fk_notice_task_notice_id_notice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_notice_task_task_id_task"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("notice_id", "task_id", name=op.f("pk_notice_task")),
    )
    op.create_table(
        "progress_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "status <> 'done' OR percent = 100", name=op.f("ck_progress_report_done_is_complete")
        ),
        sa.CheckConstraint(
            "status IN ('not_started', 'in_progress', 'done', 'blocked')",
            name=op.f("ck_progress_report_status"),
        ),
        sa.CheckConstraint(
            "percent BETWEEN 0 AND 100", name=op.f("ck_progress_report_percent_range")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["task.id"],
            name=op.f("fk_progress_report_task_id_task"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_progress_report_unit_id_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_report")),
    )
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_report_task_id"), ["task_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_progress_report_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'",
            name=op.f("ck_evidence_sha256_hex"),
        ),
        sa.CheckConstraint("size >= 0", name=op.f("ck_evidence_size_non_negative")),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["progress_report.id"],
            name=op.f("fk_evidence_report_id_progress_report"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    # The audit trail is append-only at the database level too; the hash chain catches
    # anyone who drops these triggers with an outside tool.
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
        )


def downgrade() -> None:
    for verb in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS audit_event_no_{verb}")
    op.drop_table("evidence")
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_report_unit_id"))
        batch_op.drop_index(batch_op.f("ix_progress_report_task_id"))

    op.drop_table("progress_report")
    op.drop_table("notice_task")
    op.drop_table("milestone")
    with op.batch_alter_table("closure_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_closure_event_unit_id"))
        batch_op.drop_index(batch_op.f("ix_closure_event_task_id"))

    op.drop_table("closure_event")
    op.drop_table("assignment")
    op.drop_table("task")
    op.drop_table("section")
    op.drop_table("plan_goal")
    op.drop_table("leading_group_member")
    op.drop_table("unit_alias")
    with op.batch_alter_table("score_adjustment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_adjustment_unit_id"))

    op.drop_table("score_adjustment")
    op.drop_table("plan")
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notice_unit_id"))

    op.drop_table("notice")
    op.drop_table("leading_group")
    op.drop_table("group_member")
    op.drop_table("unit")
    op.drop_table("document")
    op.drop_table("audit_event")
