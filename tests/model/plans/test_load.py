from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from model.core.errors import InputError
from model.plans.data import PlanData, PlanDocument, TaskData, to_contract
from model.plans.dump import dump_plan_document
from model.plans.load import import_plan_document
from model.store.schema import AuditEvent, GroupMember, Plan, Task, Unit
from seed.loader import load_default_seed


def next_year(tasks: tuple[TaskData, ...], key: str = "air") -> PlanDocument:
    seed = load_default_seed().document
    plan = PlanData(
        key=key, title="蒲县空气质量提升2024年行动计划", year=2024, goals=("目标",), tasks=tasks
    )
    document = dataclasses.replace(
        seed.document, number="蒲政办发〔2024〕9号", issued_on=dt.date(2024, 3, 1)
    )
    return PlanDocument(document=document, plans=(plan,))


def task(number: int = 1, **roles: tuple[str, ...]) -> TaskData:
    return TaskData(number=number, section="一节", title=f"任务{number}", text="正文。", **roles)


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_seed_round_trips_through_the_database(seeded):
    with seeded.read() as session:
        dumped = dump_plan_document(session, on=dt.date(2023, 9, 15))
    assert to_contract(dumped) == to_contract(load_default_seed().document)


def test_seed_counts(seeded):
    with seeded.read() as session:
        assert count(session, Plan) == 4
        assert count(session, Task) == 68
        assert count(session, Unit) == 33
        assert count(session, GroupMember) == 8


def test_alias_is_resolved_and_said_so(seeded):
    doc = next_year((task(lead=("市场监督管理局",), support=("各乡镇政府",)),))
    with seeded.write() as session:
        result = import_plan_document(session, doc, source_name="2024.toml", source_sha256="0" * 64)
    assert result.notes == [
        "空气 第 1 项任务的牵头单位：单位「市场监督管理局」按别名解析为「市场监管局」。",
        "空气 第 1 项任务的配合单位：单位「各乡镇政府」按别名解析为「各乡镇」。",
    ]
    with seeded.read() as session:
        dumped = dump_plan_document(session, on=dt.date(2023, 9, 15))
    assert dumped.document.number == "蒲政办发〔2024〕9号"
    assert dumped.plans[0].tasks[0].lead == ("市场监管局",)
    assert dumped.plans[0].tasks[0].support == ("各乡镇",)


def _unchanged(seeded, action) -> None:
    with seeded.read() as session:
        before = (count(session, Plan), count(session, Task), count(session, AuditEvent))
    action()
    with seeded.read() as session:
        assert (count(session, Plan), count(session, Task), count(session, AuditEvent)) == before


def _import(seeded, doc: PlanDocument) -> None:
    with seeded.write() as session:
        import_plan_document(session, doc, source_name="x.toml", source_sha256="0" * 64)


def test_unknown_unit_suggests_names_and_writes_nothing(seeded):
    doc = next_year((task(1, lead=("发改局",)), task(2, lead=("生态环境分局",))))

    def run() -> None:
        with pytest.raises(InputError) as error:
            _import(seeded, doc)
        assert "空气 第 2 项任务的牵头单位：未知单位「生态环境分局」" in str(error.value)
        assert "市生态环境局蒲县分局" in str(error.value)

    _unchanged(seeded, run)


def test_existing_plan_is_refused(seeded):
    seed = load_default_seed().document

    def run() -> None:
        with pytest.raises(InputError, match="已在数据库中"):
            _import(seeded, seed)

    _unchanged(seeded, run)


def test_same_unit_twice_in_a_task_is_refused(seeded):
    doc = next_year((task(lead=("发改局",), support=("发改局",)),))

    def run() -> None:
        with pytest.raises(InputError, match="出现了不止一次"):
            _import(seeded, doc)

    _unchanged(seeded, run)


def test_document_number_clash_is_refused(seeded):
    doc = next_year((task(lead=("发改局",)),))
    clash = dataclasses.replace(
        doc, document=dataclasses.replace(doc.document, number="蒲政办发〔2023〕23号")
    )

    def run() -> None:
        with pytest.raises(InputError, match="发文机关或日期不同"):
            _import(seeded, clash)

    _unchanged(seeded, run)
