"""The office's work on the plans: reports, evidence, closures, notices, score adjustments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from model.core.enums import CLOSURE_ACTIONS, NOTICE_LEVELS, REPORT_STATUSES
from model.store.schema.base import Base, sql_in
from model.store.schema.plans import Task
from model.store.schema.units import Unit


class ProgressReport(Base):
    """A unit's dated report on a task (进展报送); many per task and unit."""

    __tablename__ = "progress_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="RESTRICT"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    reported_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    percent: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="", server_default="")  # 存在问题
    next_steps: Mapped[str] = mapped_column(Text, default="", server_default="")  # 下步打算
    # The returned sheet (报送表) the report came in, if it came in one.
    return_id: Mapped[int | None] = mapped_column(
        ForeignKey("return_submission.id", ondelete="RESTRICT"), index=True
    )

    task: Mapped[Task] = relationship()
    unit: Mapped[Unit] = relationship()
    evidence: Mapped[list[Evidence]] = relationship(
        order_by="Evidence.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_progress_report_holder_date", "task_id", "unit_id", "reported_on"),
        CheckConstraint(sql_in("status", REPORT_STATUSES), name="status"),
        CheckConstraint("percent BETWEEN 0 AND 100", name="percent_range"),
        CheckConstraint("status <> 'done' OR percent = 100", name="done_is_complete"),
    )


class Evidence(Base):
    """A file offered as evidence (佐证材料), pinned by its SHA-256."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("progress_report.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'", name="sha256_hex"),
        CheckConstraint("size >= 0", name="size_non_negative"),
    )


class MilestoneCompletion(Base):
    """The office's record that a unit finished its part of one dated milestone."""

    __tablename__ = "milestone_completion"

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestone.id", ondelete="RESTRICT"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    done_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("milestone_id", "unit_id"),)


class ClosureEvent(Base):
    """Closing (销号) a unit's part of a task, or reopening it; the latest event wins."""

    __tablename__ = "closure_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="RESTRICT"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    action: Mapped[str] = mapped_column(String(10))
    on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    verified_by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (
        Index("ix_closure_event_holder_date", "task_id", "unit_id", "on"),
        CheckConstraint(sql_in("action", CLOSURE_ACTIONS), name="action"),
        CheckConstraint("length(trim(reason)) > 0", name="reason_not_empty"),
    )


class NoticeTask(Base):
    __tablename__ = "notice_task"

    notice_id: Mapped[int] = mapped_column(
        ForeignKey("notice.id", ondelete="CASCADE"), primary_key=True
    )
    task_id: Mapped[int] = mapped_column(
        ForeignKey("task.id", ondelete="RESTRICT"), primary_key=True
    )


class Notice(Base):
    """A supervision notice (督办单) to one unit about its late tasks, and the unit's reply."""

    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(100), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    level: Mapped[str] = mapped_column(String(10))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    reply_due: Mapped[dt.date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(Text, default="")
    reply_on: Mapped[dt.date | None] = mapped_column(Date)
    reply_text: Mapped[str | None] = mapped_column(Text)

    unit: Mapped[Unit] = relationship()
    tasks: Mapped[list[Task]] = relationship(secondary="notice_task", order_by="Task.id")

    __table_args__ = (
        CheckConstraint(sql_in("level", NOTICE_LEVELS), name="level"),
        CheckConstraint("reply_due >= issued_on", name="reply_after_issue"),
        CheckConstraint("reply_on IS NULL OR reply_on >= issued_on", name="reply_on_after_issue"),
        CheckConstraint("(reply_on IS NULL) = (reply_text IS NULL)", name="reply_complete"),
    )


class ScoreAdjustment(Base):
    """A manual ± adjustment to a unit's year-end score; reason and approver are mandatory."""

    __tablename__ = "score_adjustment"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    decided_on: Mapped[dt.date] = mapped_column(Date)
    points: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    approver: Mapped[str] = mapped_column(String(100))

    __table_args__ = (
        CheckConstraint("points <> 0 AND points BETWEEN -100 AND 100", name="points_range"),
        CheckConstraint("length(trim(reason)) > 0", name="reason_not_empty"),
        CheckConstraint("length(trim(approver)) > 0", name="approver_not_empty"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
    )
