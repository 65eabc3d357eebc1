"""One plan import, end to end: `duban import-plan` and the dashboard's import screen both
call this module.

1. `known_units`: the names and aliases the document's units are matched against — the
   database's, or the embedded seed's when there is no database yet (so a dry run creates
   nothing).
2. `preview_import`: the file read once (what is shown, parsed and hashed is the same
   bytes), parsed, and the choices for unknown names applied (`--map 旧名=已知单位`,
   `--new-unit 名称`, or the screen's picks). Nothing is written.
3. `load_import`: refused while a name is still unknown; otherwise one audited write
   transaction (model.plans.load.import_plan_document).

Rendering a dry run as JSON or TOML is the caller's (exports.plans.render_plans).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from model.core.errors import InputError
from seed import strings
from seed.plan_import_file import (
    apply_mapping,
    parse_file,
    parse_mapping,
    summary,
    unknown_message,
)

if TYPE_CHECKING:
    from model.plans.data import PlanDocument
    from model.plans.load import ImportResult
    from model.store.db import Database
    from seed.plan_parser import ParsedDocument, UnknownUnit


@dataclass(frozen=True)
class ImportOptions:
    """What the document may not say itself (the parser guesses the rest)."""

    year: int | None = None
    key: str | None = None
    number: str | None = None
    issued_on: dt.date | None = None


@dataclass(frozen=True)
class UnitChoices:
    """What to do with names the database does not know: map each to a known unit (old name
    → known name or alias) or create it as a new department."""

    mapping: Mapping[str, str] = field(default_factory=dict)
    new_units: tuple[str, ...] = ()

    @classmethod
    def from_arguments(cls, maps: Sequence[str], new_units: Sequence[str]) -> UnitChoices:
        """From `--map 旧名=已知单位` and `--new-unit 名称`; a malformed pair is refused."""
        names = (name.strip() for name in new_units)
        return cls(parse_mapping(maps), tuple(dict.fromkeys(name for name in names if name)))


@dataclass(frozen=True)
class ImportPreview:
    """A parsed document with the choices applied, ready to show or to load."""

    path: Path
    text: str  # the decoded source, shown beside the parsed tasks
    sha256: str  # of the file's bytes, recorded in the load's audit event
    parsed: ParsedDocument  # as parsed, before the choices
    known: Mapping[str, str]  # name or alias → canonical unit name
    choices: UnitChoices
    document: PlanDocument  # with the choices applied
    unknown: tuple[UnknownUnit, ...]  # names still unknown after the choices

    @property
    def notes(self) -> tuple[str, ...]:
        """What the parser had to assume (a missing document number or date)."""
        return tuple(self.parsed.notes)

    def summary(self) -> str:
        """「解析出 1 个计划、14 项任务、7 个时间节点。」"""
        return summary(self.document)

    def unknown_names(self) -> dict[str, str]:
        """Every name the database does not know, in document order, with where it first
        appears — before the choices, as the screen offers a choice for each."""
        names: dict[str, str] = {}
        for unit in self.parsed.unknown:
            names.setdefault(unit.name, unit.where)
        return names

    def unknown_message(self) -> str | None:
        """The refusal naming the names still unknown after the choices, or None."""
        return unknown_message(self.unknown) if self.unknown else None

    def refuse_unknown(self) -> None:
        """Raise InputError naming every name still unknown; a load must not go ahead."""
        message = self.unknown_message()
        if message is not None:
            raise InputError(message)

    def unit_names(self) -> list[str]:
        """The known units' canonical names, sorted: what an unknown name can be mapped to."""
        return sorted(set(self.known.values()))

    def choose(self, choices: UnitChoices) -> ImportPreview:
        """The same file with other choices for the unknown names."""
        document, unknown = apply_mapping(
            self.parsed, self.known, choices.mapping, choices.new_units
        )
        return replace(self, choices=choices, document=document, unknown=tuple(unknown))


def known_units(database: Database | None) -> dict[str, str]:
    """Every unit name and alias → its canonical name: the database's, or the embedded
    seed's when there is no database yet (the units a new database would be seeded with)."""
    if database is None:
        from seed.loader import load_default_seed

        known: dict[str, str] = {}
        for unit in load_default_seed().document.units:
            known.update({name: unit.name for name in (unit.name, *unit.aliases)})
        return known
    from model.units.resolver import known_unit_names

    with database.read() as session:
        return known_unit_names(session)


def preview_import(
    path: Path,
    known: Mapping[str, str],
    *,
    options: ImportOptions | None = None,
    choices: UnitChoices | None = None,
) -> ImportPreview:
    """Read and parse the document, match its units against `known`, apply the choices.

    Raises InputError for a file that cannot be read or holds no plan; unknown names are
    not an error here (a dry run lists them), only in `load_import`.
    """
    options = options or ImportOptions()
    parsed, digest, text = parse_file(
        path,
        known,
        year=options.year,
        key=options.key,
        number=options.number,
        issued_on=options.issued_on,
    )
    first = ImportPreview(
        path=path,
        text=text,
        sha256=digest,
        parsed=parsed,
        known=dict(known),
        choices=UnitChoices(),
        document=parsed.document,
        unknown=tuple(parsed.unknown),
    )
    return first.choose(choices or UnitChoices())


def load_import(database: Database, preview: ImportPreview) -> ImportResult:
    """Load the previewed plans in one audited write transaction; refused (InputError, nothing
    written) while a unit name is still unknown, or when the plans are already loaded."""
    from model.plans.load import import_plan_document

    preview.refuse_unknown()
    with database.write() as session:
        return import_plan_document(
            session, preview.document, source_name=preview.path.name, source_sha256=preview.sha256
        )


def imported_message(file: str, result: ImportResult) -> str:
    """「已导入 plan-2024.txt：1 个计划、14 项任务、7 个时间节点、新增单位 0 个。」"""
    return strings.IMPORTED.format(
        file=file,
        plans=len(result.plans),
        tasks=result.tasks,
        milestones=result.milestones,
        units=len(result.units),
    )
