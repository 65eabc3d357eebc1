"""The plan-document parser on the 2023 source and on every form of the genre."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.core.errors import InputError
from model.plans.data import to_contract
from seed.import_service import known_units
from seed.loader import SOURCE_TEXT, data_file, load_default_seed
from seed.plan_parser import document_title, parse_document, read_source

FIXTURE = Path(__file__).parent / "fixtures" / "plan-2024.txt"


@pytest.fixture(scope="module")
def known() -> dict[str, str]:
    return known_units(None)  # the embedded seed's names and aliases


def parse(text: str, known: dict[str, str], **kwargs):
    return parse_document(text, known=known, source="测试.txt", **kwargs)


def test_the_2023_source_reproduces_the_curated_seed(known):
    parsed = parse(read_source(data_file(SOURCE_TEXT)), known)
    seed = load_default_seed().document
    assert parsed.unknown == [] and parsed.notes == []
    assert to_contract(parsed.document)["plans"] == to_contract(seed)["plans"]
    assert parsed.document.document == seed.document


@pytest.fixture(scope="module")
def plan(known):
    parsed = parse(FIXTURE.read_text(encoding="utf-8"), known)
    [plan] = parsed.document.plans
    return parsed, {task.number: task for task in plan.tasks}


def test_header_title_goals_sections(plan):
    parsed, tasks = plan
    document = parsed.document
    assert (document.document.number, document.document.issuer) == (
        "蒲政办发〔2024〕9号",
        "蒲县人民政府办公室",
    )
    assert document.document.issued_on == dt.date(2024, 3, 1)
    [p] = document.plans
    assert (p.key, p.year, p.title, p.goals) == (
        "air",
        2024,
        "蒲县空气质量提升2024年行动计划",
        ("空气质量持续改善。",),
    )
    assert sorted(tasks) == list(range(1, 15))  # the 保障措施 bracket is not a task
    assert tasks[10].section == "第一节" and tasks[11].section == "第二节"


@pytest.mark.parametrize(
    ("number", "lead", "support", "responsible"),
    [
        (1, ("发改局", "工信局"), ("能源局",), ()),
        (2, ("市生态环境局蒲县分局",), (), ("各乡镇",)),
        (3, (), (), ("住建局", "水利局", "林业局")),
        (4, ("交通运输局",), ("公安局", "交警大队", "各乡镇"), ()),
        (5, (), (), ("市生态环境局蒲县分局",)),
        (6, (), (), ("发改局", "财政局", "各乡镇")),
        (7, ("能源局",), ("水利局",), ("各县市区人民政府",)),
        (8, ("住建局",), ("公安局",), ()),
        (9, ("工信局",), ("应急管理局",), ()),
        (10, ("林业局",), (), ()),
        (11, (), (), ("农业农村局",)),
        (12, ("能源局",), (), ()),
        (13, ("市场监管局",), (), ()),
        (14, ("公路段",), (), ()),
    ],
)
def test_every_clause_form(plan, number, lead, support, responsible):
    _, tasks = plan
    task = tasks[number]
    assert (task.lead, task.support, task.responsible) == (lead, support, responsible)


def test_titles_and_text(plan):
    _, tasks = plan
    assert tasks[9].title == "任务九"
    assert tasks[9].text == "任务九。对（一）类项目开展排查（含小型项目）。"  # inner brackets stay
    assert tasks[10].text == "任务十。并于8月底前完成造林任务。"  # a clause mid-text is lifted out
    assert tasks[14].text == "任务十四。内容跨页继续的内容。"  # joined across the page break


def test_every_deadline_form(plan):
    _, tasks = plan
    assert [m.due for m in tasks[10].milestones] == [dt.date(2024, 8, 31)]
    assert [m.due for m in tasks[11].milestones] == [dt.date(2024, 11, 30)]
    assert [m.due for m in tasks[12].milestones] == [dt.date(2024, 10, 31)]
    milestones = tasks[13].milestones
    assert [(m.start, m.due) for m in milestones] == [
        (dt.date(2024, 8, 1), dt.date(2024, 10, 31)),
        (None, dt.date(2024, 12, 31)),
        (None, dt.date(2024, 12, 31)),
        (None, dt.date(2024, 12, 31)),
    ]  # 每季度 / 每月 are cadences, not dates
    assert milestones[0].text == "8月起，开展专项整治，10月底前完成"
    assert tasks[1].milestones == ()


def test_unknown_units_are_listed_not_created(plan):
    parsed, _ = plan
    assert [(u.name, u.where) for u in parsed.unknown] == [
        ("各县市区人民政府", "《蒲县空气质量提升2024年行动计划》 第 7 项")
    ]


def test_year_and_key_overrides(known):
    text = "某县某某专项2025年行动计划\n一、重点任务\n1. 甲。乙。（牵头单位：发改局）\n"
    with pytest.raises(InputError, match="无法从标题「某县某某专项2025年行动计划」判断计划类别"):
        parse(text, known)
    [p] = parse(text, known, key="noise").document.plans
    assert (p.key, p.year) == ("noise", 2025)
    [p] = parse(text, known, key="noise", year=2026).document.plans
    assert p.year == 2026 and p.tasks[0].lead == ("发改局",)


def test_gb18030_and_docx(tmp_path, known):
    text = FIXTURE.read_text(encoding="utf-8")
    gbk = tmp_path / "plan.txt"
    gbk.write_bytes(text.encode("gb18030"))
    expected = to_contract(parse(text, known).document)
    assert to_contract(parse(read_source(gbk), known).document) == expected

    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert to_contract(parse(read_source(path), known).document) == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "是空文件"),
        (b"   \n\n", "是空文件"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是文本文件"),
        (b"\xff\xff\xff\x80", "无法按 UTF-8 或 GB18030 解码"),
        (b"PK\x03\x04not really a zip", "不是有效的 .docx"),
    ],
)
def test_bad_files(tmp_path, content, message):
    path = tmp_path / "plan.docx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_source(path)


def test_text_without_plans_or_tasks(known):
    with pytest.raises(InputError, match="没有找到行动计划标题"):
        parse("一份通知。\n没有计划。", known)
    with pytest.raises(InputError, match="没有找到编号的重点任务"):
        parse("蒲县空气质量提升2024年行动计划\n一、工作目标\n改善。\n", known)


HEADINGS = ("蒲县空气质量提升2024年行动计划", "二、重点任务", "（一）一节", "1.", "2．")
PUNCTUATION = ("。", "，", "（", "）", "\n", "、")
CLAUSE_WORDS = ("牵头单位：", "配合", "负责", "发改局", "某某局", "及", "等")
DEADLINES = ("8月底前", "年底前")
words = st.sampled_from([*HEADINGS, *PUNCTUATION, *CLAUSE_WORDS, *DEADLINES])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(words, st.text(max_size=6)), max_size=40))
def test_parser_never_crashes_nor_invents_units(known, pieces):
    text = "".join(pieces)
    try:
        parsed = parse(text, known)
    except InputError:
        return
    for plan in parsed.document.plans:
        for task in plan.tasks:
            for name in (*task.lead, *task.support, *task.responsible):
                aliases = [alias for alias, canonical in known.items() if canonical == name]
                assert any(a.replace(" ", "") in text.replace(" ", "") for a in [name, *aliases]), (
                    name
                )


# The forms other offices write (#14): 和 inside and between names, half-width clauses,
# bracketed numbers, a title only in the notice or without its year, page footers.
OTHER_FORMS = (
    "蒲县空气质量提升行动计划",
    "《蒲县空气质量提升2024年行动计划》",
    "已经县人民政府同意",
    "印发",
    "（1）",
    "(2)",
    "1、",
    "3．",
    "和",
    "住房和城乡",
    "建设局",
    "工业和信息化局",
    "自然资源和规划局",
    "公路段",
    "(",
    ")",
    ",",
    ";",
    ":",
    "牵头:",
    "配合部门：",
    "负责落实",
    "— 2 —",
    "2024年3月1日",
)
other_words = st.sampled_from([*HEADINGS, *PUNCTUATION, *CLAUSE_WORDS, *DEADLINES, *OTHER_FORMS])


def _parsed(text: str, known: dict[str, str], year: int | None) -> object:
    try:
        return to_contract(parse(text, known, year=year).document)
    except InputError as error:
        return str(error)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(other_words, st.text(max_size=4)), max_size=40),
    st.sampled_from([None, 2025]),
)
def test_other_offices_forms_never_crash_and_parse_the_same_twice(known, pieces, year):
    text = "".join(pieces)
    first = _parsed(text, known, year)
    assert _parsed(text, known, year) == first
    if not isinstance(first, dict):
        return
    # A name no unit has comes from the text as written (lines and page footers joined):
    # never guessed.
    flat = re.sub(r"\s|[-—－–]+\d+[-—－–]+", "", text)
    for plan in first["plans"]:
        for task in plan["tasks"]:
            for name in (*task["lead"], *task["support"], *task["responsible"]):
                assert name in known.values() or name in flat, name


def test_official_full_names_are_taken_for_the_unit_with_a_note(known):
    text = (
        "蒲县空气质量提升2024年行动计划\n二、重点任务\n"
        "1. 任务一。内容一。（牵头单位：蒲县住房和城乡建设局；配合单位：蒲城镇人民政府）\n"
        "2. 任务二。内容二。（牵头单位：蒲县住房和城乡建设局）\n"
    )
    parsed = parse(text, known)
    first, second = parsed.document.plans[0].tasks
    assert (first.lead, first.support, second.lead) == (("住建局",), ("蒲城镇",), ("住建局",))
    assert parsed.unknown == []
    assert parsed.notes.count("文中的「蒲县住房和城乡建设局」按单位「住建局」导入。") == 1


def test_the_document_title_is_read_from_the_header():
    lines = [
        "蒲县人民政府办公室文件",
        "蒲政办发〔2024〕9号",
        "蒲县人民政府办公室",
        "关于印发某某",
        "行动计划的通知",
    ]
    assert document_title([*lines, "各乡镇人民政府：", "正文"]) == (
        "蒲县人民政府办公室关于印发某某行动计划的通知"
    )
    # No 关于…通知 in the header (a plan printed on its own): no title, not a guess.
    assert (
        document_title(["蒲政办发〔2024〕9号", "蒲县空气质量提升2024年行动计划", "一、目标"]) == ""
    )
    assert document_title(["关于某事", "各乡镇人民政府：", "的通知"]) == ""
