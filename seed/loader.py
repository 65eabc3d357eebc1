"""Reading a plan file (TOML, or JSON of the same shape) into a validated `PlanDocument`.

Every problem is reported with the file and the place in it (line and column for syntax,
a key path such as plans[2].tasks[5].lead for content); nothing touches the database here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from model.core.enums import MEMBER_ROLES, UNIT_KINDS
from model.core.errors import InputError
from model.core.toml_errors import json_detail, locate_toml_error
from model.plans.data import (
    ROLE_KEYS,
    DocumentData,
    LeadingGroupData,
    MemberData,
    MilestoneData,
    PlanData,
    PlanDocument,
    TaskData,
    UnitData,
)
from seed import strings
from seed.input_files import read_input

DEFAULT_SEED = "puxian-2023.toml"
SOURCE_TEXT = "puxian-2023-action-plans.txt"


@dataclass(frozen=True)
class LoadedPlanFile:
    document: PlanDocument
    name: str
    sha256: str


def data_file(name: str) -> Path:
    """A file shipped in seed/data (the curated seed and the source text)."""
    return Path(str(resources.files("seed") / "data" / name))


class _Invalid(Exception):
    def __init__(self, where: str, detail: str) -> None:
        super().__init__(detail)
        self.where = where
        self.detail = detail


class _Node:
    """A value in the parsed file together with its key path, for precise strings."""

    def __init__(self, value: Any, where: str) -> None:
        self.value = value
        self.where = where

    def fail(self, detail: str) -> _Invalid:
        return _Invalid(self.where, detail)

    def table(self, allowed: tuple[str, ...]) -> dict[str, _Node]:
        if not isinstance(self.value, dict):
            raise self.fail(strings.WANT_TABLE)
        for key in self.value:
            if key not in allowed:
                raise _Invalid(
                    self.child(key).where,
                    strings.UNKNOWN_KEY.format(key=key, allowed="、".join(allowed)),
                )
        return {key: self.child(key) for key in self.value}

    def child(self, key: str) -> _Node:
        where = f"{self.where}.{key}" if self.where else key
        return _Node(self.value.get(key) if isinstance(self.value, dict) else None, where)

    def items(self) -> list[_Node]:
        if not isinstance(self.value, list):
            raise self.fail(strings.WANT_LIST)
        return [_Node(item, f"{self.where}[{i}]") for i, item in enumerate(self.value, 1)]

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            raise self.fail(strings.WANT_TEXT)
        return self.value.strip()

    def integer(self) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.fail(strings.WANT_INT)
        return self.value

    def date(self) -> dt.date:
        value = self.value
        if isinstance(value, dt.datetime):
            raise self.fail(strings.WANT_DATE)
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise self.fail(strings.WANT_DATE)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.fail(strings.IMPOSSIBLE_DATE.format(value=value)) from None

    def names(self) -> tuple[str, ...]:
        out: list[str] = []
        for item in self.items():
            name = item.text()
            if name in out:
                raise item.fail(strings.DUPLICATE_NAME_IN_LIST.format(name=name))
            out.append(name)
        return tuple(out)

    def choice(self, choices: tuple[str, ...]) -> str:
        value = self.text()
        if value not in choices:
            raise self.fail(strings.BAD_CHOICE.format(value=value, choices="、".join(choices)))
        return value


def _required(fields: dict[str, _Node], key: str, parent: _Node) -> _Node:
    if key not in fields:
        raise _Invalid(parent.child(key).where, strings.MISSING_KEY)
    return fields[key]


def _optional_names(fields: dict[str, _Node], key: str) -> tuple[str, ...]:
    """An optional list of names: none when the key is absent."""
    return fields[key].names() if key in fields else ()


def _optional_items(fields: dict[str, _Node], key: str) -> list[_Node]:
    """An optional list of tables: none when the key is absent."""
    return fields[key].items() if key in fields else []


def _milestone(node: _Node) -> MilestoneData:
    fields = node.table(("due", "start", "text"))
    due = _required(fields, "due", node).date()
    start = fields["start"].date() if "start" in fields else None
    if start is not None and start > due:
        raise node.fail(strings.START_AFTER_DUE.format(start=start, due=due))
    text = fields["text"].text() if "text" in fields else ""
    return MilestoneData(due=due, start=start, text=text)


_TASK_KEYS = ("number", "section", "title", "text", *ROLE_KEYS, "milestones")


def _task(node: _Node) -> TaskData:
    fields = node.table(_TASK_KEYS)
    number = _required(fields, "number", node).integer()
    if number <= 0:
        raise fields["number"].fail(strings.WANT_POSITIVE)
    roles = {role: _optional_names(fields, role) for role in ROLE_KEYS}
    if not any(roles.values()):
        raise node.fail(strings.TASK_WITHOUT_UNITS)
    return TaskData(
        number=number,
        section=_required(fields, "section", node).text(),
        title=_required(fields, "title", node).text(),
        text=_required(fields, "text", node).text(),
        lead=roles["lead"],
        support=roles["support"],
        responsible=roles["responsible"],
        milestones=tuple(_milestone(m) for m in _optional_items(fields, "milestones")),
    )


def _plan(node: _Node) -> PlanData:
    fields = node.table(("key", "title", "year", "goals", "tasks"))
    key_node = _required(fields, "key", node)
    key = key_node.text()
    if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise key_node.fail(strings.BAD_PLAN_KEY.format(value=key))
    year_node = _required(fields, "year", node)
    year = year_node.integer()
    if not 2000 <= year <= 2100:
        raise year_node.fail(strings.BAD_YEAR.format(value=year))
    tasks: list[TaskData] = []
    for task_node in _required(fields, "tasks", node).items():
        task = _task(task_node)
        if any(t.number == task.number for t in tasks):
            raise task_node.child("number").fail(strings.DUPLICATE_TASK.format(number=task.number))
        tasks.append(task)
    goals = _optional_items(fields, "goals")
    return PlanData(
        key=key,
        title=_required(fields, "title", node).text(),
        year=year,
        goals=tuple(goal.text() for goal in goals),
        tasks=tuple(tasks),
    )


def _unit(node: _Node) -> UnitData:
    fields = node.table(("name", "kind", "aliases", "members"))
    kind = _required(fields, "kind", node).choice(UNIT_KINDS)
    members = _optional_names(fields, "members")
    if members and kind != "group":
        raise fields["members"].fail(strings.MEMBERS_NOT_GROUP)
    return UnitData(
        name=_required(fields, "name", node).text(),
        kind=kind,
        aliases=_optional_names(fields, "aliases"),
        members=members,
    )


def _member(node: _Node) -> MemberData:
    fields = node.table(("name", "title", "unit", "role"))
    return MemberData(
        name=_required(fields, "name", node).text(),
        title=_required(fields, "title", node).text(),
        role=_required(fields, "role", node).choice(MEMBER_ROLES),
        unit=fields["unit"].text() if "unit" in fields else None,
    )


def _leading_group(node: _Node) -> LeadingGroupData:
    fields = node.table(("name", "office_unit", "members"))
    return LeadingGroupData(
        name=_required(fields, "name", node).text(),
        office_unit=_required(fields, "office_unit", node).text(),
        members=tuple(_member(m) for m in _optional_items(fields, "members")),
    )


def document_from_data(data: Any) -> PlanDocument:
    """Validate parsed TOML/JSON data; raises `_Invalid` naming the key path."""
    root = _Node(data, "")
    fields = root.table(("document", "plans", "units", "leading_group"))
    doc_node = _required(fields, "document", root)
    doc_fields = doc_node.table(("number", "issuer", "issued_on", "title"))
    document = DocumentData(
        number=_required(doc_fields, "number", doc_node).text(),
        issuer=_required(doc_fields, "issuer", doc_node).text(),
        issued_on=_required(doc_fields, "issued_on", doc_node).date(),
        title=doc_fields["title"].text() if "title" in doc_fields else "",
    )
    plans: list[PlanData] = []
    plan_nodes = _required(fields, "plans", root).items()
    if not plan_nodes:
        raise fields["plans"].fail(strings.NO_PLANS)
    for plan_node in plan_nodes:
        plan = _plan(plan_node)
        if any((p.key, p.year) == (plan.key, plan.year) for p in plans):
            raise plan_node.fail(strings.DUPLICATE_PLAN.format(key=plan.key, year=plan.year))
        plans.append(plan)
    units: list[UnitData] = []
    for unit_node in _optional_items(fields, "units"):
        unit = _unit(unit_node)
        if any(u.name == unit.name for u in units):
            raise unit_node.fail(strings.DUPLICATE_UNIT.format(name=unit.name))
        units.append(unit)
    group = _leading_group(fields["leading_group"]) if "leading_group" in fields else None
    return PlanDocument(
        document=document, plans=tuple(plans), units=tuple(units), leading_group=group
    )


# A plan data file (the contract, `duban seed --from`) is read whole and parsed into
# memory: the county's 2023 file is 57 KB, so 16 MB is some 280 such documents.
MAX_PLAN_FILE_BYTES = 16 * 1024 * 1024


def _parse(path: Path, text: str) -> Any:
    try:
        return _parse_text(path, text)
    except RecursionError as error:  # [[[[…]]]] a thousand deep: tomllib and json recurse
        raise InputError(strings.PLAN_FILE_TOO_DEEP.format(path=path)) from error


def _parse_text(path: Path, text: str) -> Any:
    suffix = path.suffix.lower()
    if suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            where = locate_toml_error(error, text)
            raise InputError(
                strings.TOML_MALFORMED.format(
                    path=path, line=where.line, col=where.column, detail=where.detail
                )
            ) from error
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(
                strings.JSON_MALFORMED.format(
                    path=path, line=error.lineno, col=error.colno, detail=json_detail(error.msg)
                )
            ) from error
    raise InputError(strings.UNKNOWN_FORMAT.format(path=path))


def load_plan_file(path: Path) -> LoadedPlanFile:
    """Read, parse and validate a plan file; raises InputError with file and place."""
    most = MAX_PLAN_FILE_BYTES // (1024 * 1024)
    raw = read_input(
        path,
        MAX_PLAN_FILE_BYTES,
        lambda _size: InputError(
            strings.PLAN_FILE_TOO_LARGE.format(path=path, size=f">{most}", most=most)
        ),
    )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(strings.NOT_UTF8.format(path=path, offset=error.start)) from error
    data = _parse(path, text)
    try:
        document = document_from_data(data)
    except _Invalid as error:
        where = error.where or strings.ROOT_WHERE
        message = strings.INVALID.format(path=path, where=where, detail=error.detail)
        raise InputError(message) from error
    return LoadedPlanFile(document=document, name=path.name, sha256=hashlib.sha256(raw).hexdigest())


def load_default_seed() -> LoadedPlanFile:
    return load_plan_file(data_file(DEFAULT_SEED))
