"""Lookups remembered for the length of one transaction.

A write transaction holds SQLite's write lock (BEGIN IMMEDIATE), so what it has read —
the units, the tasks, who holds what, the next free id — cannot change under it except
through its own session; services that change such facts call `forget()`. The cache is
dropped at commit and rollback, so nothing outlives the unit of work that read it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

T = TypeVar("T")
_KEY = "duban.txcache"


def remembered(session: Session, key: Any, load: Callable[[], T]) -> T:
    """The value cached under `key` in this transaction, loading it on first use."""
    cache: dict[Any, Any] = session.info.setdefault(_KEY, {})
    if key not in cache:
        cache[key] = load()
    value: T = cache[key]
    return value


def cache_of(session: Session) -> dict[Any, Any]:
    """The raw cache, for counters that are updated in place (next ids)."""
    cache: dict[Any, Any] = session.info.setdefault(_KEY, {})
    return cache


def forget(session: Session, *prefixes: str) -> None:
    """Drop cached entries whose key (or the key's first element) is one of `prefixes`;
    with no prefixes, drop everything."""
    cache: dict[Any, Any] = session.info.get(_KEY, {})
    if not prefixes:
        cache.clear()
        return
    for key in list(cache):
        head = key[0] if isinstance(key, tuple) else key
        if head in prefixes:
            del cache[key]


def _drop(session: Session, *_: object) -> None:
    session.info.pop(_KEY, None)


event.listen(Session, "after_commit", _drop)
event.listen(Session, "after_rollback", _drop)
