"""Liaisons and returns: who sends a unit's work information, and the sheets they send.

`unit_liaison` is the person each member unit names to send its work to the office (专人
报送), with a telephone. `return_submission` is one returned sheet (报送表) of a unit for a
reporting period: the file's name and SHA-256 (its evidence), the day the office received
it, and — when it replaces an earlier return of the same unit and period — which one and
why. The reports it carried point back at it (`progress_report.return_id`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from model.store.schema.base import Base


class UnitLiaison(Base):
    __tablename__ = "unit_liaison"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("unit.id", ondelete="RESTRICT"), unique=True, index=True
    )
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),)


class ReturnSubmission(Base):
    __tablename__ = "return_submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"))
    period: Mapped[str] = mapped_column(String(7))  # 2023-11
    received_on: Mapped[dt.date] = mapped_column(Date)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    replaces_id: Mapped[int | None] = mapped_column(
        ForeignKey("return_submission.id", ondelete="RESTRICT")
    )
    reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_return_submission_unit_period", "unit_id", "period"),
        Index("ix_return_submission_sha256", "sha256"),
        CheckConstraint("period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'", name="period_format"),
        CheckConstraint("length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'", name="sha256_hex"),
        CheckConstraint(
            "replaces_id IS NULL OR length(trim(reason)) > 0", name="replacement_reasoned"
        ),
    )
