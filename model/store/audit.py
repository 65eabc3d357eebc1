"""Appending to and checking the hash-chained audit trail.

Every domain write goes through a service that calls `record()` in the same transaction;
`AuditedSession` refuses to flush or execute DML in a transaction that has no audit event,
so no code path can change domain rows silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from model.core import strings
from model.core.canonical import canonical_json, sha256_text
from model.core.errors import AuditMissingError
from model.store.audit_context import AuditContext as AuditContext  # re-exported
from model.store.audit_context import Clock as Clock
from model.store.audit_context import utc_now as utc_now
from model.store.schema import GENESIS_HASH, AuditEvent

_AUDITED = "duban.audited"
_TIP = "duban.audit_tip"
_CONTEXT = "duban.audit_context"
_OWED = "duban.audit_owed"
_START = "duban.audit_start"  # the head before this transaction's first event


class AuditedSession(Session):
    """A session that knows its audit context and enforces audit-before-write."""


def audit_context(session: Session) -> AuditContext:
    context = session.info.get(_CONTEXT)
    if not isinstance(context, AuditContext):
        raise RuntimeError("session has no audit context")
    return context


def bind_context(session: Session, context: AuditContext) -> None:
    session.info[_CONTEXT] = context


def event_digest(
    *,
    id: int,
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    before_json: str | None,
    after_json: str | None,
    reason: str | None,
    prev_hash: str,
) -> str:
    """SHA-256 over the canonical content of one event, its position and its predecessor."""
    return sha256_text(
        canonical_json(
            {
                "id": id,
                "at": at,
                "actor": actor,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "before": before_json,
                "after": after_json,
                "reason": reason,
                "prev_hash": prev_hash,
            }
        )
    )


def digest_of(row: AuditEvent) -> str:
    return event_digest(
        id=row.id,
        at=row.at,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        before_json=row.before_json,
        after_json=row.after_json,
        reason=row.reason,
        prev_hash=row.prev_hash,
    )


def _chain_tip(session: Session) -> tuple[int, str]:
    tip = session.info.get(_TIP)
    if tip is not None:
        tip_id, tip_hash = tip
        return int(tip_id), str(tip_hash)
    with session.no_autoflush:
        row = session.execute(
            select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
        ).first()
    return (0, GENESIS_HASH) if row is None else (row[0], row[1])


def record(
    session: Session,
    *,
    action: str,
    entity: str,
    entity_id: str | int | None = None,
    before: Any = None,
    after: Any = None,
    reason: str | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction."""
    context = audit_context(session)
    last_id, last_hash = _chain_tip(session)
    if _TIP not in session.info:
        session.info[_START] = (last_id, last_hash)
    at = context.clock().astimezone(dt.UTC).isoformat(timespec="seconds")
    row = AuditEvent(
        id=last_id + 1,
        at=at,
        actor=context.actor,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before_json=None if before is None else canonical_json(before),
        after_json=None if after is None else canonical_json(after),
        reason=reason,
        prev_hash=last_hash,
    )
    row.hash = digest_of(row)
    session.add(row)
    session.info[_TIP] = (row.id, row.hash)
    session.info[_AUDITED] = True
    session.info.pop(_OWED, None)
    return row


def flush_before_record(session: Session) -> None:
    """Flush a write's rows before its audit event, for an event that must carry the ids
    the database gives them (a plan import's rows, by id). The event is then owed: the
    transaction refuses to commit until `record` appends it."""
    session.info[_OWED] = True
    session.info[_AUDITED] = True
    session.flush()


def appended(session: Session) -> bool:
    """Whether this transaction has appended events (its head is then signed at commit)."""
    return session.info.get(_TIP) is not None


def transaction_start(session: Session) -> tuple[int, str] | None:
    """The chain's head before this transaction appended its first event (None: none yet)."""
    start = session.info.get(_START)
    return None if start is None else (int(start[0]), str(start[1]))


def _forget(session: Session, *_: object) -> None:
    session.info.pop(_AUDITED, None)
    session.info.pop(_TIP, None)
    session.info.pop(_START, None)
    session.info.pop(_OWED, None)


def _describe(objects: list[object]) -> str:
    return ", ".join(sorted({type(o).__name__ for o in objects}))


@event.listens_for(AuditedSession, "before_flush")
def _require_audit_on_flush(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    changed = [
        o for o in (*session.new, *session.dirty, *session.deleted) if not isinstance(o, AuditEvent)
    ]
    if changed and not session.info.get(_AUDITED):
        session.info.pop(_TIP, None)
        raise AuditMissingError(strings.AUDIT_MISSING.format(what=_describe(changed)))


@event.listens_for(AuditedSession, "do_orm_execute")
def _require_audit_on_dml(state: ORMExecuteState) -> None:
    if (state.is_insert or state.is_update or state.is_delete) and not state.session.info.get(
        _AUDITED
    ):
        raise AuditMissingError(strings.AUDIT_MISSING.format(what=str(state.statement)[:60]))


@event.listens_for(AuditedSession, "before_commit")
def _require_owed_event(session: Session) -> None:
    if session.info.get(_OWED):
        raise AuditMissingError(strings.AUDIT_MISSING.format(what="导入的计划"))


event.listen(AuditedSession, "after_commit", _forget)
event.listen(AuditedSession, "after_rollback", _forget)
