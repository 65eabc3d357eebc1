"""From a plan document on disk to data ready to load: parse, map unknown units, check."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from model.core.errors import InputError
from model.plans.data import PlanDocument, TaskData, UnitData
from seed import strings
from seed.plan_parser import (
    ParsedDocument,
    UnknownUnit,
    decode_source,
    parse_document,
    read_bytes,
)


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise InputError(strings.IMPORT_BAD_MAP.format(value=pair))
        mapping[old.strip()] = new.strip()
    return mapping


def apply_mapping(
    parsed: ParsedDocument,
    known: Mapping[str, str],
    mapping: Mapping[str, str],
    new_units: Sequence[str],
) -> tuple[PlanDocument, list[UnknownUnit]]:
    """Rename mapped names to known units, add the new ones; return what is still unknown."""
    created = {name: name for name in new_units}
    targets = {old: known.get(new, created.get(new, new)) for old, new in mapping.items()}

    def fix(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(targets.get(n, n) for n in names))

    def fix_task(task: TaskData) -> TaskData:
        return dataclasses.replace(
            task, lead=fix(task.lead), support=fix(task.support), responsible=fix(task.responsible)
        )

    plans = tuple(
        dataclasses.replace(plan, tasks=tuple(fix_task(task) for task in plan.tasks))
        for plan in parsed.document.plans
    )
    resolved = set(known.values()) | set(created)
    still = [u for u in parsed.unknown if targets.get(u.name, u.name) not in resolved]
    units = tuple(UnitData(name, "department") for name in new_units)
    return dataclasses.replace(parsed.document, plans=plans, units=units), still


def unknown_message(unknown: Sequence[UnknownUnit]) -> str:
    seen: dict[str, str] = {}
    for unit in unknown:
        seen.setdefault(unit.name, unit.where)
    names = "、".join(strings.IMPORT_UNKNOWN_WHERE.format(name=n, where=w) for n, w in seen.items())
    return strings.IMPORT_UNKNOWN_UNITS.format(count=len(seen), names=names)


def summary(document: PlanDocument) -> str:
    tasks: list[TaskData] = [t for p in document.plans for t in p.tasks]
    return strings.IMPORT_SUMMARY.format(
        plans=len(document.plans),
        tasks=len(tasks),
        milestones=sum(len(t.milestones) for t in tasks),
    )


def parse_file(
    path: Path,
    known: Mapping[str, str],
    *,
    year: int | None = None,
    key: str | None = None,
    number: str | None = None,
    issued_on: dt.date | None = None,
) -> tuple[ParsedDocument, str, str]:
    """The parsed document, the file's SHA-256 (for the load's audit event) and its text.

    The file is read once: what is shown, parsed and hashed is the same bytes.
    """
    raw = read_bytes(path)
    text = decode_source(raw, path)
    parsed = parse_document(
        text, known=known, source=str(path), year=year, key=key, number=number, issued_on=issued_on
    )
    return parsed, hashlib.sha256(raw).hexdigest(), text
