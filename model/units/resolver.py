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
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from model.core import strings
from model.core.checks import echoed
from model.core.errors import InputError
from model.store.reader import Reader
from model.units.search import UnitCandidate, rank_units

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from model.store.schema import Unit

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
class UnitRow:
    """A unit as read with SQL text (`model.store.reader`), for the reads that need no ORM."""

    id: int
    name: str
    kind: str


# A stored unit (a session's) or a row of one (a Reader's): finding one needs id, name, kind.
U = TypeVar("U", "Unit", UnitRow)


@dataclass(frozen=True)
class Resolution(Generic[U]):
    unit: U
    note: str | None  # said to the user when the name was not the canonical one


class Resolver(Generic[U]):
    """Every unit of the database by name, alias and normalized form."""

    def __init__(self, units: Iterable[U], aliases: Iterable[tuple[str, int]]) -> None:
        """`units` in id order; `aliases` as (alias, unit id) in the order they were added."""
        units = list(units)
        by_id = {u.id: u for u in units}
        self.by_name: dict[str, U] = {u.name: u for u in units}
        self.by_alias: dict[str, U] = {alias: by_id[unit_id] for alias, unit_id in aliases}
        # Built when a name is neither a unit's nor an alias (normalizing every name costs
        # more than the rest of `duban status` at scale L).
        self._normalized: dict[str, set[str]] | None = None

    def _normalized_names(self) -> dict[str, set[str]]:
        """Each normalized form of a name or an alias → the canonical names it stands for."""
        if self._normalized is None:
            self._normalized = {}
            for name in self.by_name:
                self._index(name, name)
            for alias, unit in self.by_alias.items():
                self._index(alias, unit.name)
        return self._normalized

    def _index(self, text: str, name: str) -> None:
        assert self._normalized is not None
        self._normalized.setdefault(normalize(text), set()).add(name)

    def add(self, unit: U, aliases: Iterable[str]) -> None:
        """A unit added in this transaction (a plan import)."""
        aliases = list(aliases)
        self.by_name[unit.name] = unit
        for alias in aliases:
            self.by_alias[alias] = unit
        if self._normalized is not None:
            for text in (unit.name, *aliases):
                self._index(text, unit.name)

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

    def lookup(self, name: str, *, typed: bool = True) -> Resolution[U] | None:
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
        matches = self._normalized_names().get(normalize(text), set())
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

    def resolve(self, name: str, where: str, notes: list[str], *, typed: bool = True) -> U:
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
    return strings.UNKNOWN_UNIT.format(where=where, name=echoed(name), hint=hint)


class UnitResolver(Resolver["Unit"]):
    """The resolver of a session: the stored units themselves (a plan import adds to them)."""

    def __init__(self, session: Session) -> None:
        from sqlalchemy import select

        from model.store.schema import Unit, UnitAlias

        super().__init__(
            session.scalars(select(Unit).order_by(Unit.id)),
            session.execute(select(UnitAlias.alias, UnitAlias.unit_id).order_by(UnitAlias.id)),
        )


def row_resolver(reader: Reader) -> Resolver[UnitRow]:
    """The resolver of a Reader: the units as rows."""
    return Resolver(
        [UnitRow(*row) for row in reader.rows("SELECT id, name, kind FROM unit ORDER BY id")],
        reader.rows("SELECT alias, unit_id FROM unit_alias ORDER BY id"),
    )


def unit_resolver(session: Session) -> UnitResolver:
    """The resolver of this transaction, built once; a plan import that adds units drops
    it with the rest of the transaction's cache (model.store.txcache.forget)."""
    from model.store.txcache import remembered

    return remembered(session, _CACHE_KEY, lambda: UnitResolver(session))


def resolve_unit(session: Session, name: str, where: str, notes: list[str]) -> Unit:
    """A unit from a name a person typed, for every command and form."""
    return unit_resolver(session).resolve(name, where, notes)


@overload
def find_unit(source: Session, query: str) -> tuple[Unit, list[str]]: ...
@overload
def find_unit(source: Reader, query: str) -> tuple[UnitRow, list[str]]: ...
def find_unit(source: Session | Reader, query: str) -> tuple[Unit | UnitRow, list[str]]:
    """A unit for the pre-meeting check and the reports; the notes say how it was found.

    From a session, the stored unit; from a Reader, its row."""
    resolver: Resolver[Unit] | Resolver[UnitRow] = (
        row_resolver(source) if isinstance(source, Reader) else unit_resolver(source)
    )
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
