from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from model.core.lights import LightRules
from model.demo.synthetic import SCALES, Scale, generate
from model.scoring.rubric import default_rubric
from model.scoring.scorecards import compute_scorecards
from model.status.unit_check import unit_check
from model.store.db import open_database
from model.store.schema import Plan, ProgressReport, Unit
from seed.loader import load_default_seed


def test_generator_is_deterministic_and_scores(tmp_path, context):
    scale = Scale("T", 2, (2022, 2023), 3)
    counts = []
    for name in ("a", "b"):
        with open_database(tmp_path / f"{name}.sqlite3", context) as database:
            with database.write() as session:
                counts.append(generate(session, load_default_seed().document, scale))
            with database.read() as session:
                assert session.scalar(select(func.count()).select_from(Plan)) == 16
                assert session.scalar(select(func.count()).select_from(Unit)) == 66
                reports = session.scalar(select(func.count()).select_from(ProgressReport))
                board = compute_scorecards(
                    session, year=2023, as_of=dt.date(2023, 12, 31), rubric=default_rubric()
                )
                check = unit_check(session, "c002住建局", dt.date(2023, 11, 15), LightRules())
    assert counts[0] == counts[1] and counts[0]["reports"] == reports
    assert len(board.cards) == 2 * 29
    assert {i.plan_key for i in check.items} == {
        "c002_air",
        "c002_water",
        "c002_soil",
        "c002_groundwater",
    }
    assert {i.plan_year for i in check.items} == {2022, 2023}


def test_scales_match_the_design_targets():
    tasks = 68
    assert SCALES["M"].counties * tasks == 1156
    assert SCALES["L"].counties * tasks * len(SCALES["L"].years) == 39780


def test_a_synthetic_database_verifies_and_an_edit_names_its_table(tmp_path, context):
    from model.store.audit_verify import verify_audit
    from tests.model.store.test_audit_verify import tamper

    with open_database(tmp_path / "t.sqlite3", context) as database:
        with database.write() as session:
            generate(session, load_default_seed().document, Scale("T", 2, (2023,), 3))
        with database.read() as session:
            assert verify_audit(session).findings == ()
        findings = tamper(
            database,
            "UPDATE task SET title = '改过的标题' WHERE id = 2",
            "INSERT INTO group_member (group_id, member_id) VALUES (31, 1)",
            # A row past those the summary covers is checked by itself, as any other.
            "INSERT INTO progress_report (id, task_id, unit_id, reported_on, status, percent,"
            " note) VALUES (99999, 1, 1, '2023-09-01', 'done', 100, '补录')",
        )
    assert [f.detail for f in findings] == [
        "「任务」中批量生成的记录与生成时的摘要不符（生成时 136 条，现有 136 条）："
        "记录在 duban 之外被改动、添加或删除。",
        "c001发改局 2023-09-01 对蒲县空气质量提升2023年行动计划第1项的进展报送没有对应的审计事件："
        "在 duban 之外被添加。",
        "单位组「c001各乡镇」的成员与审计记录不符（多出 c001发改局（始终））：在 duban 之外被改动。",
    ]
