"""Finding a unit fast: by name, alias, full pinyin or pinyin initials (zjj → 住建局)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.store.reader import reader_of

if TYPE_CHECKING:
    from model.store.reader import Source


@functools.lru_cache(maxsize=8192)
def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a Chinese name, lower case, without tones or spaces."""
    from pypinyin import Style, lazy_pinyin  # a large dictionary: load it only when searching

    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="default")
    return "".join(syllables).lower(), "".join(s[0] for s in syllables if s).lower()


@dataclass(frozen=True)
class UnitHit:
    name: str
    kind: str
    score: float
    matched: str


def _subsequence(query: str, text: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in query)


def score(query: str, candidate: str) -> float:
    """Higher is better; 0 means no match. Prefix beats substring beats subsequence."""
    q = query.strip().lower()
    if not q:
        return 0.0
    best = 0.0
    full, initials = pinyin_keys(candidate)
    for text, weight in ((candidate.lower(), 1.0), (initials, 0.95), (full, 0.9)):
        if text == q:
            best = max(best, 100 * weight)
        elif text.startswith(q):
            best = max(best, (80 + 10 * len(q) / len(text)) * weight)
        elif q in text:
            best = max(best, (60 + 10 * len(q) / len(text)) * weight)
        elif _subsequence(q, text):
            best = max(best, (30 + 10 * len(q) / len(text)) * weight)
    return best


@dataclass(frozen=True)
class UnitCandidate:
    name: str
    kind: str
    aliases: tuple[str, ...]


def unit_candidates(source: Source) -> list[UnitCandidate]:
    reader = reader_of(source)
    aliases: dict[int, list[str]] = {}
    for unit_id, alias in reader.rows("SELECT unit_id, alias FROM unit_alias"):
        aliases.setdefault(unit_id, []).append(alias)
    return [
        UnitCandidate(name, kind, tuple(aliases.get(unit_id, ())))
        for name, kind, unit_id in reader.rows("SELECT name, kind, id FROM unit ORDER BY id")
    ]


def rank_units(candidates: list[UnitCandidate], query: str, limit: int = 10) -> list[UnitHit]:
    """Units ranked by how well their name or any alias matches the query."""
    hits: list[UnitHit] = []
    for unit in candidates:
        best, matched = 0.0, unit.name
        for candidate in (unit.name, *unit.aliases):
            value = score(query, candidate)
            if value > best:
                best, matched = value, candidate
        if best > 0:
            hits.append(UnitHit(unit.name, unit.kind, best, matched))
    hits.sort(key=lambda h: (-h.score, len(h.name)))
    return hits[:limit]


def search_units(source: Source, query: str, limit: int = 10) -> list[UnitHit]:
    return rank_units(unit_candidates(source), query, limit)
