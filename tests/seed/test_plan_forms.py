"""Plan documents as other offices write them (#14): one fixture per form, each parsed
exactly — plans, tasks, units by role and deadlines. The 2023 source still reproduces the
seed (test_plan_parser.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from model.core.errors import InputError
from model.plans.data import PlanData
from seed.import_service import known_units
from seed.loader import SOURCE_TEXT, data_file
from seed.plan_parser import (
    ParsedDocument,
    notice_titles,
    parse_clause,
    parse_document,
    read_source,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def known() -> dict[str, str]:
    return known_units(None)  # the embedded seed's names and aliases


def parse(name: str, known: dict[str, str], **kwargs) -> ParsedDocument:
    return parse_document(read_source(FIXTURES / name), known=known, source=name, **kwargs)


Task = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], list[dt.date]]


def tasks(plan: PlanData) -> dict[int, Task]:
    """number → (title, lead, support, responsible, deadlines)."""
    return {
        t.number: (t.title, t.lead, t.support, t.responsible, [m.due for m in t.milestones])
        for t in plan.tasks
    }


def test_he_inside_a_unit_name_and_between_two(known):
    parsed = parse("plan-units-with-he.txt", known)
    [plan] = parsed.document.plans
    assert (plan.key, plan.year, plan.title) == (
        "water",
        2024,
        "蒲县水环境质量再提升2024年行动计划",
    )
    assert tasks(plan) == {
        1: (
            "推进城镇污水管网建设",
            ("住建局",),  # 县住房和城乡建设局: one unit, its official wording
            ("发改局", "财政局"),  # 县发展和改革局 likewise
            (),
            [dt.date(2024, 9, 30)],
        ),
        2: (
            "整治工业集聚区废水",
            ("工信局",),  # 工业和信息化局
            ("市生态环境局蒲县分局", "应急管理局"),  # 和 between two units
            (),
            [],
        ),
        # 水利局和住房和城乡建设局: two units, the second holding a 和 of its own
        3: ("保障饮用水水源安全", ("水利局", "住建局"), (), ("各乡镇",), []),
        # 公路段和交警大队: two known units although 段 ends no 局; 自然资源和规划局 is not
        # known and stays one name, never 自然资源 + 规划局
        4: (
            "开展河道清淤疏浚",
            ("水利局",),
            ("自然资源和规划局", "公路段", "交警大队"),
            (),
            [dt.date(2024, 6, 30)],
        ),
        5: ("加强入河排污口监管", ("发改局", "工信局"), ("财政局", "各乡镇"), (), []),  # 与, 以及
    }
    assert [(u.name, u.where) for u in parsed.unknown] == [
        ("自然资源和规划局", "《蒲县水环境质量再提升2024年行动计划》 第 4 项")
    ]
    assert parsed.notes == [
        "文中的「县住房和城乡建设局」按单位「住建局」导入。",
        "文中的「县发展和改革局」按单位「发改局」导入。",
        "文中的「工业和信息化局」按单位「工信局」导入。",
        "文中的「住房和城乡建设局」按单位「住建局」导入。",
    ]
    document = parsed.document.document
    assert (document.number, document.issued_on) == ("蒲政办发〔2024〕15号", dt.date(2024, 4, 2))


@pytest.mark.parametrize(
    ("clause", "lead"),
    [
        ("住房和城乡建设局和工业和信息化局牵头", ["住房和城乡建设局", "工业和信息化局"]),
        ("自然资源和规划局牵头", ["自然资源和规划局"]),
        ("公路段和交警大队牵头", ["公路段", "交警大队"]),
        ("甲局以及乙镇与丙中心等牵头", ["甲局", "乙镇", "丙中心"]),
    ],
)
def test_without_known_names_he_separates_after_a_units_last_character(clause, lead):
    assert (parse_clause(clause) or {}).get("lead") == lead


BROKEN_NAMES = {
    1: (
        "开展耕地土壤调查",
        ("农业农村局",),
        ("住建局", "工信局"),  # 县住房和城乡 / 建设局, 工业和 / 信息化局
        (),
        [dt.date(2024, 10, 31)],
    ),
    # 市生态环境局 / 蒲县分局; 住房 / — 2 — / 和城乡建设局 across a page footer
    2: ("管控建设用地风险", ("市生态环境局蒲县分局",), (), ("自然资源局", "住建局"), []),
    3: ("规范腾退地块管理", ("发改局",), ("住建局", "各乡镇"), (), [dt.date(2024, 12, 31)]),
    4: ("加强执法检查", ("公安局",), ("市场监管局",), (), []),  # 市场监督 / - 3 - / 管理局
    5: ("开展农膜回收", ("农业农村局",), ("供销合作社",), (), []),  # 供销 / 第3页 共4页 / 合作社
}


def test_a_unit_name_broken_across_lines_and_pages_is_one_name(known):
    parsed = parse("plan-broken-names.txt", known)  # CRLF line ends, as Windows saves it
    [plan] = parsed.document.plans
    assert (plan.key, plan.year, plan.title) == ("soil", 2024, "蒲县土壤污染防治2024年行动计划")
    assert tasks(plan) == BROKEN_NAMES
    assert [t.section for t in plan.tasks] == [
        "农用地",
        "农用地",
        "建设用地",
        "建设用地",
        "建设用地",
    ]
    assert [u.name for u in parsed.unknown] == [
        "供销合作社"
    ]  # not a seed unit: --map or --new-unit


def test_a_unit_name_broken_across_docx_paragraphs(tmp_path, known):
    import docx

    document = docx.Document()
    for line in (FIXTURES / "plan-broken-names.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    [plan] = parse_document(read_source(path), known=known, source=path.name).document.plans
    assert tasks(plan) == BROKEN_NAMES


def test_half_width_punctuation_and_label_variants(known):
    parsed = parse("plan-half-width.txt", known)
    [plan] = parsed.document.plans
    assert (plan.key, plan.year) == ("groundwater", 2024)
    assert tasks(plan) == {
        # (X牵头,Y,Z配合,W负责落实): the comma lists 配合 units as well as separating roles
        1: (
            "开展地下水环境状况调查",
            ("市生态环境局蒲县分局",),
            ("自然资源局", "水利局"),
            ("各乡镇",),
            [dt.date(2024, 11, 30)],
        ),
        2: ("加强地下水污染源管控", ("水利局",), ("住建局", "农业农村局"), (), []),  # 牵头单位:…;
        3: ("推进化工园区防渗改造", ("工信局",), (), ("各乡镇",), []),  # （…) mixed
        4: ("规范矿井水处置", ("能源局",), ("应急管理局",), (), []),  # (A牵头;B配合)
        5: ("建立地下水监测网络", ("市生态环境局蒲县分局",), ("水利局",), (), []),  # a sentence
        6: (
            "开展加油站防渗排查",
            ("市场监管局",),  # 牵头: / 配合: without 单位
            ("应急管理局", "交通运输局"),
            (),
            [dt.date(2024, 8, 31)],
        ),
        7: ("摸清废弃矿井底数", ("能源局",), ("自然资源局",), ("各乡镇",), []),  # 牵头部门: …
    }
    assert parsed.unknown == [] and parsed.notes == []
    assert plan.tasks[0].text == "开展地下水环境状况调查。11月底前完成调查评估。"


def test_words_that_are_not_units_are_not_carried_into_a_role():
    # a part that names no unit is not carried to the verb after it
    expected = {"lead": [], "support": [], "responsible": ["发改局"]}
    assert parse_clause("含小型项目,发改局负责") == expected


def test_the_plan_title_only_in_the_issuing_notice(known):
    parsed = parse("plan-title-in-notice.txt", known)
    [plan] = parsed.document.plans
    # 《蒲县大气污染防治2024年 / 行动计划》已经县人民政府同意: the plan the notice issues,
    # not the 《临汾市…行动计划》 the preamble cites
    assert (plan.key, plan.year, plan.title) == ("air", 2024, "蒲县大气污染防治2024年行动计划")
    assert plan.goals == ("PM2.5平均浓度持续下降。", "优良天数比例稳步提高。")
    assert tasks(plan) == {
        1: (
            "推进焦化行业深度治理",
            ("工信局",),
            ("市生态环境局蒲县分局",),
            (),
            [dt.date(2024, 9, 30)],
        ),
        2: ("整治燃煤锅炉", ("能源局",), ("市场监管局",), (), []),
        3: ("强化施工扬尘管控", (), (), ("住建局",), []),
    }
    assert [t.section for t in plan.tasks] == ["工业污染治理", "工业污染治理", "扬尘污染治理"]
    document = parsed.document.document
    assert (document.number, document.issued_on, document.title) == (
        "蒲政办发〔2024〕30号",
        dt.date(2024, 3, 15),
        "蒲县人民政府办公室关于印发蒲县大气污染防治2024年行动计划的通知",
    )
    assert parsed.unknown == [] and parsed.notes == []


def test_a_notice_issuing_several_plans_needs_their_title_lines(known):
    source = read_source(data_file(SOURCE_TEXT))
    titled = re.compile(r"^蒲县\S+ 2023 年行动计划$", re.MULTILINE)
    assert len(titled.findall(source)) == 4
    with pytest.raises(InputError) as raised:
        parse_document(titled.sub("", source), known=known, source="2023.txt")
    assert str(raised.value) == (
        "2023.txt 的印发通知列出了 4 个行动计划（《蒲县空气质量提升2023年行动计划》"
        "《蒲县水环境质量再提升2023年行动计划》《蒲县土壤污染防治2023年行动计划》"
        "《蒲县地下水污染防治2023年行动计划》），但正文中没有各计划的标题行，"
        "无法分清哪些任务属于哪个计划。请在每个计划的正文前加上它的标题"
        "（如“蒲县空气质量提升2024年行动计划”）后再导入。"
    )


@pytest.mark.parametrize(
    ("header", "titles"),
    [
        (["关于印发《甲县空气2024年行动计划》的通知"], ["甲县空气2024年行动计划"]),
        (
            ["《甲县空气2024年行动计划》、《甲县水2024年行动计划》已经县政府同意"],
            ["甲县空气2024年行动计划", "甲县水2024年行动计划"],
        ),
        (["根据《乙市空气2024年行动计划》要求"], []),  # cited, not issued
        (
            ["《甲县空气2024年行动计划》已经同意", "一、目标", "《甲县水2024年行动计划》已经同意"],
            ["甲县空气2024年行动计划"],
        ),
    ],
)
def test_the_plans_a_notice_issues(header, titles):
    assert notice_titles(header) == titles


def test_a_title_without_its_year_takes_the_year_given(known):
    with pytest.raises(InputError) as raised:
        parse("plan-no-year.txt", known)
    assert str(raised.value) == "无法从标题「蒲县空气质量提升行动计划」判断年度，请用 --year 指定。"
    parsed = parse("plan-no-year.txt", known, year=2025)
    [plan] = parsed.document.plans
    assert (plan.key, plan.year, plan.title) == ("air", 2025, "蒲县空气质量提升行动计划")
    assert tasks(plan) == {
        1: ("开展散煤清零", ("能源局",), (), ("各乡镇",), [dt.date(2025, 10, 31)]),
        2: ("管控秸秆焚烧", ("农业农村局",), ("公安局",), (), [dt.date(2025, 12, 31)]),
        3: ("推进清洁运输", (), (), ("交通运输局",), []),
    }
    assert plan.tasks[0].milestones[0].start == dt.date(2025, 8, 1)  # 8月起 of the year given
    assert parsed.document.document.issued_on == dt.date(2025, 1, 1)  # said in a note


def test_tasks_numbered_in_brackets(known):
    parsed = parse("plan-numbered-paren.txt", known)
    [plan] = parsed.document.plans
    assert (plan.key, plan.year) == ("water", 2024)
    assert tasks(plan) == {
        1: (  # （1）
            "规范水源地保护区划定",
            ("水利局",),
            ("自然资源局",),
            (),
            [dt.date(2024, 6, 30)],
        ),
        2: ("排查水源地环境问题", ("市生态环境局蒲县分局",), ("水利局",), (), []),  # (2)
        3: ("提升污水处理能力", (), (), ("住建局",), [dt.date(2024, 12, 31)]),  # （3）
        4: ("加强农村生活污水治理", (), (), ("各乡镇",), []),  # (4) with no space
    }
    assert [t.section for t in plan.tasks] == ["饮用水水源保护"] * 2 + ["污水治理"] * 2
    # 1． 2． under a task numbered （3） are its points; the date line below ends the plan
    assert (
        plan.tasks[2].text
        == "提升污水处理能力。年底前完成提标改造。主要内容：1．新建污水管网。2．改造提升泵站。"
    )
    assert plan.tasks[3].text == "加强农村生活污水治理。"
    document = parsed.document.document
    assert (document.number, document.issuer, document.issued_on) == (
        "蒲水发〔2024〕6号",
        "蒲县水利局",
        dt.date(2024, 2, 28),
    )


def test_tasks_numbered_1_with_points_in_brackets(known):
    [plan] = parse("plan-numbered-dun.txt", known).document.plans
    assert (plan.key, plan.year) == ("soil", 2024)
    assert tasks(plan) == {
        1: (  # 1、 with its points （1） (2), the clause after them
            "加强耕地保护",
            ("自然资源局",),
            ("农业农村局",),
            (),
            [dt.date(2024, 11, 30)],
        ),
        2: ("严控涉重金属企业排放", (), (), ("市生态环境局蒲县分局",), []),  # 2、
        3: ("规范建设用地准入", ("自然资源局",), ("住建局",), (), []),  # 3．
    }
    assert plan.tasks[0].text == (
        "加强耕地保护。重点做好以下工作：（1）划定永久基本农田。(2)开展耕地质量监测，11月底前完成年度监测。"
    )
    assert [t.section for t in plan.tasks] == ["农用地保护", "农用地保护", "建设用地管理"]


def test_a_date_left_alone_by_a_line_break_stays_in_its_task(known):
    text = (
        "蒲县空气质量提升2024年行动计划\n二、重点任务\n"
        "（1）任务一。于\n2024年6月30日\n前完成。（发改局负责）\n"
        "（2）任务二。（工信局负责）\n蒲县人民政府办公室\n2024年7月1日\n抄送：县委办\n"
    )
    [plan] = parse_document(text, known=known, source="计划.txt").document.plans
    first, second = plan.tasks
    assert first.text == "任务一。于2024年6月30日前完成。"
    assert [m.due for m in first.milestones] == [dt.date(2024, 6, 30)]
    # the signing date ends the plan, and the issuer's name above it is no task's text
    assert second.text == "任务二。"
