"""Query helpers shared by the read models: raw bulk reads, chunked IN lists, next ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from model.store.reader import chunks as chunks  # re-exported: one chunk size for every read
from model.store.schema import Base
from model.store.txcache import cache_of


def fetch_raw(session: Session, query: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows straight from the sqlite3 cursor: no per-row conversion (dates stay ISO text).

    For the few bulk reads where a million rows pass (scorecards at scale L).
    """
    connection = core_connection(session)
    compiled = query.compile(dialect=connection.dialect)
    params = compiled.construct_params()
    values = [
        v.isoformat() if isinstance(v, dt.date) else v
        for v in (params[name] for name in compiled.positiontup or ())
    ]
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        return list(cursor.execute(str(compiled), values).fetchall())
    finally:
        cursor.close()


def core_connection(session: Session) -> Connection:
    """The session's connection: column queries skip the ORM's row loading (costly at L).

    Core statements do not autoflush, so pending rows are flushed first, as an ORM query
    would: the write services leave their rows pending and a read must still see them.
    """
    if session.autoflush:
        session.flush()  # returns at once when nothing is pending
    return session.connection()


def next_id(session: Session, model: type[Base]) -> int:
    """The id the next row will get; safe because writes run under BEGIN IMMEDIATE.

    The table's maximum is read once per transaction and counted on from there, so a
    transaction that adds many rows (the demo year, an import) does not query per row.
    """
    counters = cache_of(session)
    key = ("next_id", model.__tablename__)
    if key not in counters:
        column = model.__table__.c.id
        with session.no_autoflush:
            counters[key] = int(session.scalar(select(func.coalesce(func.max(column), 0))) or 0)
    counters[key] += 1
    value: int = counters[key]
    return value
