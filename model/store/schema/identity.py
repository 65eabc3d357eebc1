"""Who this database is and who vouches for its audit chain.

`database_identity` holds one row made when the file is created (or migrated to 0007):
a UUID that signed exports name, so a report cannot be passed off as coming from another
database, and the public half of the office's signing key once one has signed. A file
that records a key but finds none on this machine says how to restore it instead of
making a new one.

`chain_signature` holds Ed25519 signatures over the head of the audit chain, one per write
transaction that had a key to sign with: anyone holding the public key can check that
the chain up to a signed event is the one the office wrote.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from model.store.schema.base import Base


class DatabaseIdentity(Base):
    __tablename__ = "database_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    created_at: Mapped[str] = mapped_column(String(40))  # UTC ISO, as audit events
    public_key: Mapped[str | None] = mapped_column(String(64))  # Ed25519, hex
    # The secret of the keyed hash on issued returns (报送表): the office can tell a sheet
    # it issued, for whom and for which period, from one misattributed or edited in its
    # locked cells. It never leaves the database (0009).
    returns_key: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("length(uuid) = 36", name="uuid_length"),
        CheckConstraint("public_key IS NULL OR length(public_key) = 64", name="key_length"),
    )


class ChainSignature(Base):
    __tablename__ = "chain_signature"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("audit_event.id", ondelete="RESTRICT"), primary_key=True, autoincrement=False
    )
    event_hash: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[str] = mapped_column(String(64))  # Ed25519, hex
    signature: Mapped[str] = mapped_column(String(128))  # Ed25519, hex

    __table_args__ = (
        CheckConstraint("length(event_hash) = 64", name="hash_length"),
        CheckConstraint("length(public_key) = 64", name="key_length"),
        CheckConstraint("length(signature) = 128", name="signature_length"),
    )
