"""The head of the audit chain a report was computed from, and why a chain no longer leads
to it: each answer in full, at each place it can break."""

from __future__ import annotations

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from model.core import strings
from model.store.audit import digest_of, record
from model.store.audit_verify import chain_head, head_problem
from model.store.schema import AuditEvent
from model.store.schema.audit import GENESIS_HASH
from model.store.schema.base import Base
from tests.conftest import sqlite_file


def grow(database, events: int = 3) -> None:
    for number in range(events):
        with database.write() as session:
            record(session, action="test.note", entity="document", after={"n": number})


def test_an_empty_chain_has_the_genesis_head():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        assert chain_head(session) == (0, GENESIS_HASH)
        assert head_problem(session, 0, GENESIS_HASH) is None


def test_the_head_is_the_newest_event_and_the_chain_leads_to_it(seeded):
    grow(seeded)
    with seeded.read() as session:
        newest = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        head = chain_head(session)
        assert head == (newest.id, newest.hash) and newest.id > 1
        assert head_problem(session, *head) is None
        earlier = session.get(AuditEvent, newest.id - 1)
        assert head_problem(session, earlier.id, earlier.hash) is None
        assert head_problem(session, newest.id + 3, newest.hash) == strings.HEAD_MISSING.format(
            id=newest.id + 3
        )
        assert head_problem(session, newest.id, "f" * 64) == strings.HEAD_REWRITTEN.format(
            id=newest.id
        )


def test_an_event_relinked_and_rehashed_breaks_the_chain_there(seeded):
    grow(seeded)
    with seeded.read() as session:
        head = chain_head(session)
        event = session.get(AuditEvent, 1)
        event.prev_hash = "e" * 64
        rehashed = digest_of(event)
        session.rollback()
    with sqlite_file(seeded.path) as connection:
        connection.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        connection.execute(
            "UPDATE audit_event SET prev_hash = ?, hash = ? WHERE id = 1", ("e" * 64, rehashed)
        )
        # the next event links to the new hash, so only the first link is wrong
        connection.execute("UPDATE audit_event SET prev_hash = ? WHERE id = 2", (rehashed,))
    with seeded.read() as session:
        assert head_problem(session, *head) == strings.HEAD_CHAIN_BROKEN.format(id=1)
