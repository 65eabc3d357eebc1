"""Audit events written by migrations that change data, with plain SQL.

A migration that fills or rewrites rows says so in the chain, so that `audit verify`
(model.store.audit_verify) can account for the rows it changed: the event is appended
at the chain's tip, hashed like every other (`model.store.audit.event_digest`), with the
migration as its actor. Its entity is `database`: a recorded copy (model.store.rewind)
leaves it in place, as it does the plan imports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection

from model.core import strings
from model.core.canonical import canonical_json
from model.store.audit import event_digest
from model.store.schema import GENESIS_HASH


def append_event(connection: Connection, *, action: str, after: Any, reason: str) -> int:
    """Append one event to the chain on this connection; returns its id."""
    tip = connection.exec_driver_sql(
        "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1"
    ).first()
    last_id, last_hash = (0, GENESIS_HASH) if tip is None else (int(tip[0]), str(tip[1]))
    content: dict[str, Any] = {
        "id": last_id + 1,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "actor": strings.MIGRATION_ACTOR,
        "action": action,
        "entity": "database",
        "entity_id": None,
        "before_json": None,
        "after_json": canonical_json(after),
        "reason": reason,
        "prev_hash": last_hash,
    }
    digest = event_digest(**content)
    connection.exec_driver_sql(
        "INSERT INTO audit_event (id, at, actor, action, entity, entity_id, before_json,"
        " after_json, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*content.values(), digest),
    )
    return last_id + 1
