"""the database's identity (a UUID) and Ed25519 signatures over the audit chain's head

Revision ID: 0007_signatures
Revises: 0006_score_review
Create Date: 2026-11-29
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007_signatures"
down_revision = "0006_score_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    identity = op.create_table(
        "database_identity",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_database_identity_single_row")),
        sa.CheckConstraint("length(uuid) = 36", name=op.f("ck_database_identity_uuid_length")),
        sa.CheckConstraint(
            "public_key IS NULL OR length(public_key) = 64",
            name=op.f("ck_database_identity_key_length"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_database_identity")),
        sa.UniqueConstraint("uuid", name=op.f("uq_database_identity_uuid")),
    )
    op.create_table(
        "chain_signature",
        sa.Column("event_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("event_hash", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.CheckConstraint("length(event_hash) = 64", name=op.f("ck_chain_signature_hash_length")),
        sa.CheckConstraint("length(public_key) = 64", name=op.f("ck_chain_signature_key_length")),
        sa.CheckConstraint(
            "length(signature) = 128", name=op.f("ck_chain_signature_signature_length")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["audit_event.id"],
            name=op.f("fk_chain_signature_event_id_audit_event"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_chain_signature")),
    )
    # A database gets its identity when it is made or first migrated here: the UUID is
    # random, the time is when this happened (not a fact of the office's work, so no
    # audit event: the identity is checked by the signatures, not by the chain).
    op.bulk_insert(
        identity,
        [
            {
                "id": 1,
                "uuid": str(uuid.uuid4()),
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "public_key": None,
            }
        ],
    )


def downgrade() -> None:
    op.drop_table("chain_signature")
    op.drop_table("database_identity")
