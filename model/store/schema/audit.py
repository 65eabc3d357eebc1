"""The append-only, hash-chained audit trail."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from model.store.schema.base import Base

GENESIS_HASH = "0" * 64


class AuditEvent(Base):
    """One change: who, when, what, before/after (canonical JSON), why, chained by hash.

    `hash` is SHA-256 over the canonical JSON of every other column including `id` and
    `prev_hash`, so a changed, deleted or reordered row breaks the chain.
    """

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str | None] = mapped_column(String(100))
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    __table_args__ = (
        CheckConstraint("length(hash) = 64 AND length(prev_hash) = 64", name="hash_length"),
        CheckConstraint("id > 0", name="id_positive"),
    )
