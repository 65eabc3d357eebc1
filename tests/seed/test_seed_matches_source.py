"""The curated seed against the source text, read here independently of the curation.

Task boundaries, titles, responsibility clauses and deadlines are recovered from the
plain text with deliberately different means (scanning for known unit names and the role
words near them) so that a slip in the TOML — a missing unit, a wrong role, a date off by
a month — fails here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from collections import Counter

import pytest

from seed.loader import DEFAULT_SEED, SOURCE_TEXT, data_file

PLAN_TITLE = re.compile(r"^蒲县(.+?)2023年行动计划$")
TASK_START = re.compile(r"^(\d+)\s*[.．]")
STOP = re.compile(r"^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[）)]")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("O_3", "O₃"))


@pytest.fixture(scope="module")
def seed() -> dict:
    return tomllib.loads(data_file(DEFAULT_SEED).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def source_tasks() -> dict[str, dict[int, str]]:
    """plan title (squashed) → task number → the task's raw text, squashed."""
    plans: dict[str, dict[int, str]] = {}
    current: dict[int, str] | None = None
    number: int | None = None
    for line in data_file(SOURCE_TEXT).read_text(encoding="utf-8").splitlines():
        flat = squash(line)
        if not flat:
            continue
        if PLAN_TITLE.match(flat):
            current = plans.setdefault(flat, {})
            number = None
        elif current is not None and (match := TASK_START.match(line.strip())):
            number = int(match.group(1))
            assert number not in current, f"task {number} twice in {list(plans)[-1]}"
            current[number] = squash(line.strip()[match.end() :])
        elif STOP.match(flat):
            number = None
        elif current is not None and number is not None:
            current[number] += flat
    return plans


def known_names(seed: dict) -> dict[str, str]:
    names = {}
    for unit in seed["units"]:
        names[unit["name"]] = unit["name"]
        for alias in unit["aliases"]:
            names[alias] = unit["name"]
    return names


def scan_units(clause: str, names: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every known name in the clause, longest match first."""
    found: list[tuple[int, int, str]] = []
    i = 0
    ordered = sorted(names, key=len, reverse=True)
    while i < len(clause):
        for name in ordered:
            if clause.startswith(name, i):
                found.append((i, i + len(name), names[name]))
                i += len(name)
                break
        else:
            i += 1
    return found


def roles_from_clause(clause: str, names: dict[str, str]) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {"lead": [], "support": [], "responsible": []}
    labels = {"牵头单位": "lead", "配合单位": "support", "责任单位": "responsible"}
    suffixes = {"牵头": "lead", "配合": "support", "负责": "responsible"}
    for start, end, name in scan_units(clause, names):
        before = clause[:start]
        label_hits = [(before.rfind(label), role) for label, role in labels.items()]
        position, role = max(label_hits)
        if position < 0:
            after = clause[end:]
            hits = [(after.find(word), r) for word, r in suffixes.items() if word in after]
            role = min(hits)[1]
        roles[role].append(name)
    return roles


def deadlines(text: str) -> list[dt.date]:
    dates = []
    for match in re.finditer(r"(?:(\d{4})年)?(?:(\d{1,2})月底|年底)前", text):
        year = int(match.group(1) or 2023)
        month = int(match.group(2) or 12)
        dates.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
    return dates


def test_every_plan_and_task_number_is_in_the_seed(seed, source_tasks):
    titles = [squash(plan["title"]) for plan in seed["plans"]]
    assert titles == list(source_tasks)
    counts = [len(plan["tasks"]) for plan in seed["plans"]]
    assert counts == [23, 16, 14, 15]
    assert sum(counts) == 68
    for plan, tasks in zip(seed["plans"], source_tasks.values(), strict=True):
        assert (
            [t["number"] for t in plan["tasks"]] == sorted(tasks) == list(range(1, len(tasks) + 1))
        )


def test_titles_and_text_come_from_the_source(seed, source_tasks):
    for plan, tasks in zip(seed["plans"], source_tasks.values(), strict=True):
        for task in plan["tasks"]:
            raw = tasks[task["number"]]
            assert raw.startswith(squash(task["title"]) + "。"), (plan["key"], task["number"])
            assert raw.startswith(squash(task["text"])), (plan["key"], task["number"])
            for milestone in task["milestones"]:
                assert squash(milestone["text"]) in raw, (plan["key"], task["number"])


def test_units_by_role_match_each_responsibility_clause(seed, source_tasks):
    names = known_names(seed)
    for plan, tasks in zip(seed["plans"], source_tasks.values(), strict=True):
        for task in plan["tasks"]:
            raw = tasks[task["number"]]
            clause = re.search(r"[（(]([^（）()]*)[）)]$", raw)
            assert clause, (plan["key"], task["number"])
            expected = roles_from_clause(clause.group(1), names)
            actual = {role: task[role] for role in ("lead", "support", "responsible")}
            assert actual == expected, (plan["key"], task["number"])
            # Every name-like token of the clause was recognised: nothing was dropped.
            leftovers = clause.group(1)
            for name in sorted(names, key=len, reverse=True):
                leftovers = leftovers.replace(name, "")
            assert not re.search(
                r"局|镇|乡|中心|大队|段|公司|单位(?!：)", leftovers.replace("单位：", "")
            ), (
                plan["key"],
                task["number"],
                leftovers,
            )


def test_every_dated_deadline_is_a_milestone(seed, source_tasks):
    total = 0
    for plan, tasks in zip(seed["plans"], source_tasks.values(), strict=True):
        for task in plan["tasks"]:
            due = [dt.date.fromisoformat(str(m["due"])) for m in task["milestones"]]
            assert Counter(due) == Counter(deadlines(tasks[task["number"]])), (
                plan["key"],
                task["number"],
            )
            total += len(due)
    assert total == 13


def test_a_start_date_is_kept_and_one_deadline_precedes_the_issue_date(seed):
    issued = dt.date.fromisoformat(str(seed["document"]["issued_on"]))
    milestones = [m for p in seed["plans"] for t in p["tasks"] for m in t["milestones"]]
    assert [m["start"] for m in milestones if "start" in m] == [dt.date(2023, 8, 1)]
    assert [m["due"] for m in milestones if m["due"] < issued] == [dt.date(2023, 6, 30)]


def test_townships_groups_and_roster(seed):
    units = {u["name"]: u for u in seed["units"]}
    assert units["各乡镇"]["members"] == [
        "蒲城镇",
        "克城镇",
        "薛关镇",
        "黑龙关镇",
        "山中乡",
        "古县乡",
        "红道乡",
        "太林乡",
    ]
    assert all(units[t]["kind"] == "township" for t in units["各乡镇"]["members"])
    assert units["大气办有关成员单位"]["kind"] == "group"
    assert units["县清洁取暖工作领导小组成员单位"]["kind"] == "group"
    assert "市场监督管理局" in units["市场监管局"]["aliases"]
    assert "各乡镇政府" in units["各乡镇"]["aliases"]
    roster = seed["leading_group"]
    assert roster["office_unit"] == "市生态环境局蒲县分局"
    by_role = Counter(m["role"] for m in roster["members"])
    assert by_role == {"组长": 1, "副组长": 2, "成员": 9, "办公室主任": 1}
    source = squash(data_file(SOURCE_TEXT).read_text(encoding="utf-8"))
    for member in roster["members"]:
        assert member["name"] in source
