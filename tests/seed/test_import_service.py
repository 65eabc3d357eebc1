"""The import service shared by `duban import-plan` and the dashboard's import screen."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from model.core.errors import InputError
from model.store.db import Database
from model.store.schema import AuditEvent, Plan, Unit
from seed.import_service import (
    ImportOptions,
    UnitChoices,
    imported_message,
    known_units,
    load_import,
    preview_import,
)

FIXTURE = Path(__file__).parent / "fixtures" / "plan-2024.txt"
UNKNOWN = "各县市区人民政府"
WHERE = "《蒲县空气质量提升2024年行动计划》 第 7 项"


def events(database: Database) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def task(preview, number: int):
    return next(t for t in preview.document.plans[0].tasks if t.number == number)


def test_without_a_database_the_seeds_units_are_known(seeded):
    assert known_units(None) == known_units(seeded)
    assert known_units(None)["市场监督管理局"] == "市场监管局"


def test_preview_parses_lists_unknown_names_and_writes_nothing(seeded):
    before = events(seeded)
    preview = preview_import(FIXTURE, known_units(seeded))
    assert preview.summary() == "解析出 1 个计划、14 项任务、7 个时间节点。"
    assert preview.sha256 == hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert "蒲政办发〔2024〕9号" in preview.text
    assert preview.document.document.number == "蒲政办发〔2024〕9号"
    assert preview.unknown_names() == {UNKNOWN: WHERE}
    message = preview.unknown_message()
    assert message is not None and f"「{UNKNOWN}」（{WHERE}）" in message
    assert "各乡镇" in preview.unit_names() and UNKNOWN not in preview.unit_names()
    assert task(preview, 7).responsible == (UNKNOWN,)
    assert events(seeded) == before


def test_choices_map_an_unknown_name_to_a_known_unit(seeded):
    preview = preview_import(FIXTURE, known_units(seeded))
    mapped = preview.choose(UnitChoices({UNKNOWN: "各乡镇"}))
    assert mapped.unknown == () and mapped.unknown_message() is None
    assert task(mapped, 7).responsible == ("各乡镇",)
    # The parse is kept, so the screen can choose again; the first preview is unchanged.
    assert mapped.unknown_names() == {UNKNOWN: WHERE}
    assert task(preview, 7).responsible == (UNKNOWN,)
    # An alias is a valid target and lands on the canonical name.
    aliased = preview.choose(UnitChoices({UNKNOWN: "各乡镇人民政府"}))
    assert aliased.unknown == () and task(aliased, 7).responsible == ("各乡镇",)


def test_a_map_onto_an_unknown_name_leaves_it_unknown(seeded):
    preview = preview_import(
        FIXTURE, known_units(seeded), choices=UnitChoices({UNKNOWN: "不存在的局"})
    )
    assert [u.name for u in preview.unknown] == [UNKNOWN]


def test_load_is_refused_while_a_name_is_unknown(seeded):
    before = events(seeded)
    preview = preview_import(FIXTURE, known_units(seeded))
    with pytest.raises(InputError, match=UNKNOWN):
        load_import(seeded, preview)
    assert events(seeded) == before


def test_mapped_load_is_one_audited_event_and_not_repeated(seeded):
    before = events(seeded)
    preview = preview_import(FIXTURE, known_units(seeded), choices=UnitChoices({UNKNOWN: "各乡镇"}))
    result = load_import(seeded, preview)
    assert (len(result.plans), result.tasks, result.milestones, result.units) == (1, 14, 7, [])
    assert imported_message(FIXTURE.name, result) == (
        "已导入 plan-2024.txt：1 个计划、14 项任务、7 个时间节点、新增单位 0 个。"
    )
    with seeded.read() as session:
        last = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action != "signing.start")
            .order_by(AuditEvent.id.desc())
        ).first()
        years = set(session.scalars(select(Plan.year).where(Plan.key == "air")))
    assert events(seeded) == before + 2  # and signing.start: the template's first signed write
    assert last is not None and last.action == "seed.import"
    after = json.loads(last.after_json or "{}")
    assert (after["file"], after["sha256"]) == ("plan-2024.txt", preview.sha256)
    assert years == {2023, 2024}
    with pytest.raises(InputError, match="已在数据库中"):
        load_import(seeded, preview)
    assert events(seeded) == before + 2


def test_a_new_unit_is_created_on_request(seeded):
    preview = preview_import(
        FIXTURE, known_units(seeded), choices=UnitChoices(new_units=(UNKNOWN,))
    )
    assert preview.unknown == ()
    result = load_import(seeded, preview)
    assert result.units == [UNKNOWN]
    with seeded.read() as session:
        assert session.scalar(select(Unit.kind).where(Unit.name == UNKNOWN)) == "department"


def test_options_say_what_the_document_does_not(seeded):
    options = ImportOptions(year=2025, number="蒲政办发〔2025〕1号", issued_on=dt.date(2025, 2, 3))
    preview = preview_import(FIXTURE, known_units(seeded), options=options)
    plan = preview.document.plans[0]
    assert (plan.year, preview.document.document.number) == (2025, "蒲政办发〔2025〕1号")
    assert preview.document.document.issued_on == dt.date(2025, 2, 3)
    # "8月底前" takes the plan's year; "2024年11月底前" says its own.
    assert [m.due for m in next(t for t in plan.tasks if t.number == 10).milestones] == [
        dt.date(2025, 8, 31)
    ]
    assert [m.due for m in next(t for t in plan.tasks if t.number == 11).milestones] == [
        dt.date(2024, 11, 30)
    ]


def test_unit_choices_from_the_command_line():
    choices = UnitChoices.from_arguments([" 旧名 = 各乡镇 "], ["新单位", "新单位", " 另一个 "])
    assert dict(choices.mapping) == {"旧名": "各乡镇"}
    assert choices.new_units == ("新单位", "另一个")
    with pytest.raises(InputError, match="--map 的格式应为"):
        UnitChoices.from_arguments(["缺等号"], [])


def test_an_unreadable_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="找不到文件"):
        preview_import(tmp_path / "none.txt", known_units(None))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="是空文件"):
        preview_import(empty, known_units(None))
