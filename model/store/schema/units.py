"""Units (departments, townships, groups), who holds which task, and the leading group."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from model.core.enums import MEMBER_ROLES, ROLES, UNIT_KINDS
from model.store.schema.base import Base, sql_in
from model.store.schema.plans import Task


class Unit(Base):
    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))

    aliases: Mapped[list[UnitAlias]] = relationship(
        order_by="UnitAlias.id", cascade="all, delete-orphan"
    )
    # No `members` relationship: membership is dated (GroupMember spells), so it is always
    # read for a day — model.units.groups.group_members(session, name, on=...).

    __table_args__ = (
        CheckConstraint(sql_in("kind", UNIT_KINDS), name="kind"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),
    )


class UnitAlias(Base):
    __tablename__ = "unit_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(100), unique=True)

    __table_args__ = (CheckConstraint("length(trim(alias)) > 0", name="alias_not_empty"),)


class GroupMember(Base):
    """A spell of membership of a unit in a group unit (各乡镇 → its eight townships).

    Membership is dated so that editing a group never rewrites a past period: a unit is a
    member on every day from `valid_from` to `valid_to`, both inclusive; NULL means "since
    the group was set up" and "still a member". Removing a member closes its spell,
    re-adding it opens a new one.
    """

    __tablename__ = "group_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"))
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)

    group: Mapped[Unit] = relationship(foreign_keys=[group_id])
    member: Mapped[Unit] = relationship(foreign_keys=[member_id])

    __table_args__ = (
        CheckConstraint("group_id <> member_id", name="not_self"),
        CheckConstraint(
            "valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to", name="spell_order"
        ),
        Index("ix_group_member_group_member", "group_id", "member_id"),
    )


class Assignment(Base):
    """A unit's role on a task; one role per unit and task, in the order the text names them."""

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)

    task: Mapped[Task] = relationship()
    unit: Mapped[Unit] = relationship()

    __table_args__ = (
        UniqueConstraint("task_id", "unit_id"),
        CheckConstraint(sql_in("role", ROLES), name="role"),
    )


class LeadingGroup(Base):
    __tablename__ = "leading_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    office_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"))

    office_unit: Mapped[Unit] = relationship()
    members: Mapped[list[LeadingGroupMember]] = relationship(
        order_by="LeadingGroupMember.position", cascade="all, delete-orphan"
    )


class LeadingGroupMember(Base):
    __tablename__ = "leading_group_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    leading_group_id: Mapped[int] = mapped_column(
        ForeignKey("leading_group.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(100))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"))
    role: Mapped[str] = mapped_column(String(20))

    unit: Mapped[Unit | None] = relationship()

    __table_args__ = (
        UniqueConstraint("leading_group_id", "position"),
        UniqueConstraint("leading_group_id", "name", "role"),
        CheckConstraint(sql_in("role", MEMBER_ROLES), name="role"),
    )
