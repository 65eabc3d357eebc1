"""The 督办通知单 names the unit's liaison where it addresses the unit (联络人, #14): in the
致 line every format writes (docx, xlsx, md; the csv holds the table's rows only)."""

from __future__ import annotations

import datetime as dt

from exports.builders import notice_report
from exports.service import render
from model.core.lights import LightRules
from model.core.settings import OfficeContact
from model.reports.letterhead import letterhead
from model.reports.notice_sheet import notice_sheet
from model.store.db import Database
from model.work.liaisons import clear_liaison, set_liaison

AS_OF = dt.date(2023, 11, 15)


def note(database: Database, unit: str, number: str | None = None) -> tuple[str, str]:
    with database.read() as session:
        sheet = notice_sheet(session, unit, as_of=AS_OF, rules=LightRules(), number=number)
        report = notice_report(sheet, letterhead(session, 2023, OfficeContact()))
    (table, _) = report.tables
    return table.note, render(report, "md").decode("utf-8")


def test_the_notice_names_the_liaison_of_the_unit(demo_db: Database) -> None:
    text, md = note(demo_db, "克城镇")
    assert (
        text
        == "致：克城镇（联络人：王敏　联系电话：0357-5521740）　（待编号）　请于2023年11月22日前书面答复"
    )
    assert text in md
    with demo_db.write() as session:
        set_liaison(session, "克城镇", name="刘洋", phone="13812345678")
    assert note(demo_db, "克城镇")[0].startswith(
        "致：克城镇（联络人：刘洋　联系电话：13812345678）　"
    )


def test_a_unit_without_a_liaison_is_addressed_by_name(demo_db: Database) -> None:
    with demo_db.write() as session:
        clear_liaison(session, "克城镇")
    text, md = note(demo_db, "克城镇")
    assert text == "致：克城镇　（待编号）　请于2023年11月22日前书面答复"
    assert "联络人" not in md


def test_an_issued_notice_names_the_liaison_too(demo_db: Database) -> None:
    # 督办〔2023〕1号 went to 克城镇; 山中乡 (督办〔2023〕4号) has named no liaison.
    text, _ = note(demo_db, "", "督办〔2023〕1号")
    assert text.startswith("致：克城镇（联络人：王敏　联系电话：0357-5521740）　督办〔2023〕1号")
    text, _ = note(demo_db, "", "督办〔2023〕4号")
    assert text.startswith("致：山中乡　督办〔2023〕4号")
