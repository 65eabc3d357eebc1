"""The one way to find a unit from a name someone typed or a document wrote.

In order: the canonical name; an alias; the official full name or a variant the office
writes (住房和城乡建设局 → 住建局, 蒲城镇人民政府 → 蒲城镇, 市监局 → 市场监管局, a 蒲县/县
prefix); and — for names a person types, not names read from a document — pinyin initials
or an unambiguous beginning (zjj → 住建局). Anything else is refused with the nearest names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.errors import InputError
from model.store.schema import Unit, UnitAlias
from model.store.txcache import remembered
from model.units.search import UnitCandidate, rank_units

# Official wordings and the short forms county documents use for the same office. Applied
# to both sides of a comparison, so either spelling finds the other.
_CONTRACTIONS: tuple[tuple[str, str], ...] = (
    ("住房和城乡建设", "住建"),
    ("住房城乡建设", "住建"),
    ("发展和改革", "发改"),
    ("发展改革", "发改"),
    ("工业和信息化", "工信"),
    ("市场监督管理", "市场监管"),
    ("市监", "市场监管"),
    ("卫生健康和体育", "卫体"),
    ("行政审批服务管理", "行政审批"),
    ("应急局", "应急管理局"),
    ("交通局", "交通运输局"),
)
_PREFIXES = ("蒲县", "县")
_SPACES = re.compile(r"\s+")
# A unique match at least this good in the pinyin search is taken without asking: the
# beginning of a name, of its initials or of its full pinyin (scores 72 and up, see
# units.search.score); a match inside a name (at most 70) or a scattered one is a question.
_SURE_MATCH = 72
_CACHE_KEY = "units"


def normalize(name: str) -> str:
    """The comparison form of a unit name: no spaces, no county prefix, no 人民政府 suffix,
    official wordings contracted."""
    text = _SPACES.sub("", name.replace("\u3000", ""))
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 1:
            text = text[len(prefix) :]
            break
    if text.endswith("人民政府") and len(text) > 4:
        text = text[: -len("人民政府")]
    elif text.endswith("政府") and text[:-2].endswith(("镇", "乡")):
        text = text[:-2]
    for long, short in _CONTRACTIONS:
        text = text.replace(long, short)
    return text


@dataclass(frozen=True)
class Resolution:
    unit: Unit
    note: str | None  # said to the user when the name was not the canonical one


class UnitResolver:
    """Every unit of the database by name, alias and normalized form."""

    def __init__(self, session: Session) -> None:
        units = list(session.scalars(select(Unit).order_by(Unit.id)))
        by_id = {u.id: u for u in units}
        self.by_name: dict[str, Unit] = {u.name: u for u in units}
        self.by_alias: dict[str, Unit] = {
            a.alias: by_id[a.unit_id]
            for a in session.scalars(select(UnitAlias).order_by(UnitAlias.id))
        }
        self._normalized: dict[str, set[str]] = {}
        for unit in units:
            self._index(unit, [a for a, u in self.by_alias.items() if u is unit])

    def _index(self, unit: Unit, aliases: Iterable[str]) -> None:
        for text in (unit.name, *aliases):
            self._normalized.setdefault(normalize(text), set()).add(unit.name)

    def add(self, unit: Unit, aliases: Iterable[str]) -> None:
        """A unit added in this transaction (a plan import)."""
        aliases = list(aliases)
        self.by_name[unit.name] = unit
        for alias in aliases:
            self.by_alias[alias] = unit
        self._index(unit, aliases)

    def known(self) -> list[str]:
        return [*self.by_name, *self.by_alias]

    def candidates(self) -> list[UnitCandidate]:
        aliases: dict[str, list[str]] = {}
        for alias, unit in self.by_alias.items():
            aliases.setdefault(unit.name, []).append(alias)
        return [
            UnitCandidate(u.name, u.kind, tuple(aliases.get(u.name, ())))
            for u in self.by_name.values()
        ]

    def lookup(self, name: str, *, typed: bool = True) -> Resolution | None:
        """The unit a name means, or None when it means none (or several) of them.

        `typed` allows the pinyin and prefix search; a name read from a document must
        match a name, an alias or an official wording.
        """
        text = name.strip()
        if text in self.by_name:
            return Resolution(self.by_name[text], None)
        if text in self.by_alias:
            unit = self.by_alias[text]
            return Resolution(unit, strings.UNIT_ALIAS_RESOLVED.format(alias=text, name=unit.name))
        matches = self._normalized.get(normalize(text), set())
        if len(matches) == 1:
            unit = self.by_name[next(iter(matches))]
            return Resolution(unit, strings.UNIT_FULL_NAME.format(alias=text, name=unit.name))
        if not typed or not text:
            return None
        sure = [h for h in rank_units(self.candidates(), text, limit=5) if h.score >= _SURE_MATCH]
        if len(sure) == 1:
            unit = self.by_name[sure[0].name]
            return Resolution(unit, strings.PINYIN_MATCH.format(query=text, name=unit.name))
        return None

    def resolve(self, name: str, where: str, notes: list[str], *, typed: bool = True) -> Unit:
        found = self.lookup(name, typed=typed)
        if found is None:
            raise self.unknown(name, where)
        if found.note is not None:
            notes.append(strings.UNIT_NOTE.format(where=where, note=found.note))
        return found.unit

    def unknown(self, name: str, where: str) -> InputError:
        """Refusal naming the nearest units (by pinyin and spelling)."""
        suggested = [h.name for h in rank_units(self.candidates(), name, limit=3)]
        return InputError(unknown_unit_message(name.strip(), where, self.known(), suggested))


def unknown_unit_message(
    name: str, where: str, known: list[str], suggested: Iterable[str] = ()
) -> str:
    similar = difflib.get_close_matches(name, known, n=3, cutoff=0.4)
    close = list(dict.fromkeys([*suggested, *similar]))[:3]
    hint = (
        strings.UNKNOWN_UNIT_HINT.format(names="、".join(close))
        if close
        else strings.UNKNOWN_UNIT_NO_HINT
    )
    return strings.UNKNOWN_UNIT.format(where=where, name=name, hint=hint)


def unit_resolver(session: Session) -> UnitResolver:
    """The resolver of this transaction, built once; a plan import that adds units drops
    it with the rest of the transaction's cache (model.store.txcache.forget)."""
    return remembered(session, _CACHE_KEY, lambda: UnitResolver(session))


def resolve_unit(session: Session, name: str, where: str, notes: list[str]) -> Unit:
    """A unit from a name a person typed, for every command and form."""
    return unit_resolver(session).resolve(name, where, notes)


def find_unit(session: Session, query: str) -> tuple[Unit, list[str]]:
    """A unit for the pre-meeting check and the reports; the notes say how it was found."""
    resolver = unit_resolver(session)
    found = resolver.lookup(query)
    if found is None:
        raise resolver.unknown(query, strings.UNIT_WHERE)
    return found.unit, [] if found.note is None else [found.note]


def known_unit_names(session: Session) -> dict[str, str]:
    """Every name and alias → its unit's canonical name."""
    resolver = unit_resolver(session)
    names = {name: name for name in resolver.by_name}
    names.update({alias: unit.name for alias, unit in resolver.by_alias.items()})
    return names
