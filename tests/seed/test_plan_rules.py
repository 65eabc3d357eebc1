"""The plan parser's rules one at a time: each clause, deadline, title and structure form
on its own, with the text on both sides of every limit."""

from __future__ import annotations

import datetime as dt

import pytest

from model.core.errors import InputError
from seed import strings
from seed.import_service import known_units
from seed.plan_parser import (
    _UnitNames,
    document_title,
    normalise,
    parse_clause,
    parse_document,
    parse_milestones,
)

PLAN = "蒲县空气质量提升2024年行动计划"


@pytest.fixture(scope="module")
def known() -> dict[str, str]:
    return known_units(None)


def plan_text(*tasks: str, title: str = PLAN, before: str = "", after: str = "") -> str:
    body = "\n".join(f"{number}. {task}" for number, task in enumerate(tasks, 1))
    return f"{before}{title}\n一、重点任务\n{body}\n{after}"


def parse(text: str, known: dict[str, str], **kwargs):
    return parse_document(text, known=known, source="测试.txt", **kwargs)


def only_plan(text: str, known: dict[str, str], **kwargs):
    [plan] = parse(text, known, **kwargs).document.plans
    return plan


def roles(task) -> tuple[tuple[str, ...], ...]:
    return task.lead, task.support, task.responsible


# --- normalising a line ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("蒲县\u3000空气  质量", "蒲县空气质量"),  # an ideographic space goes too
        ("PM2.5\u3000and O_3 浓度", "PM2.5 and O₃浓度"),  # kept between Latin words
        ("降低 NOx 排放", "降低NOx排放"),
        ("\u3000\t甲 ", "甲"),
    ],
)
def test_spaces_go_except_between_latin_words(line, expected):
    assert normalise(line) == expected


# --- unit names ------------------------------------------------------------------------


def test_a_name_two_units_share_is_neither():
    names = _UnitNames({"县发改局": "发改局", "蒲县发改局": "发改委"})
    assert names.match("发改局") == (None, False)
    assert names.match("县发改局") == ("发改局", False)
    assert not names.is_unit("甲乙")
    assert names.is_unit("甲局")  # ends as a unit's name ends
    assert _UnitNames({"环保专班": "环保专班"}).is_unit("环保专班")  # known, ending otherwise


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # a label repeated adds its units; it never replaces the first
        ("牵头单位：发改局；牵头单位：工信局", (["发改局", "工信局"], [], [])),
        ("发改局牵头，工信局牵头", (["发改局", "工信局"], [], [])),
        # a verb alone names no unit
        ("牵头，工信局配合", ([], ["工信局"], [])),
        ("发改局、工信局等按职责分工负责", ([], [], ["发改局", "工信局"])),
        ("责任单位：发改局，工信局；", ([], [], ["发改局", "工信局"])),
        ("配合单位：负责", ([], ["负责"], [])),  # only the verb: kept as written
        ("参与单位：财政局", ([], ["财政局"], [])),
        ("发改局牵头，财政局协助", (["发改局"], ["财政局"], [])),
        ("发改局与工信局牵头", (["发改局", "工信局"], [], [])),
    ],
)
def test_every_clause_form_by_role(clause, expected):
    found = parse_clause(clause)
    assert found is not None
    assert (found["lead"], found["support"], found["responsible"]) == expected


@pytest.mark.parametrize("clause", ["加快推进", "发改局、工信局", "完成整治"])
def test_a_sentence_without_a_role_is_no_clause(clause):
    assert parse_clause(clause) is None


def test_a_clause_in_a_middle_sentence_is_found_and_taken_out(known):
    plan = only_plan(plan_text("推进整治。加强监管。发改局牵头，财政局配合。年底前完成。"), known)
    [task] = plan.tasks
    assert roles(task) == (("发改局",), ("财政局",), ())
    assert task.text == "推进整治。加强监管。年底前完成。"


def test_a_clause_in_the_last_sentence_keeps_its_last_role(known):
    plan = only_plan(plan_text("推进整治。加强监管。发改局牵头，财政局配合。"), known)
    [task] = plan.tasks
    assert roles(task) == (("发改局",), ("财政局",), ())
    assert task.text == "推进整治。加强监管。"


def test_a_bracketed_clause_reads_names_with_the_units_known(known):
    plan = only_plan(plan_text("推进整治。（牵头单位：住房和城乡建设局和工信局）"), known)
    assert roles(plan.tasks[0]) == (("住建局", "工信局"), (), ())
    assert parse(plan_text("推进整治。（牵头单位：住房和城乡建设局和工信局）"), known).notes[
        :1
    ] == ["文中的「住房和城乡建设局」按单位「住建局」导入。"]


# --- deadlines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dues"),
    [
        ("8月底前完成", [dt.date(2024, 8, 31)]),
        ("2月底前完成", [dt.date(2024, 2, 29)]),  # the plan's year: a leap year
        ("6月30日前完成", [dt.date(2024, 6, 30)]),
        ("3月5日前完成", [dt.date(2024, 3, 5)]),  # month, then day
        ("2025年3月5日前完成", [dt.date(2025, 3, 5)]),  # an explicit year is kept
        ("2025年6月底前完成", [dt.date(2025, 6, 30)]),
        ("年底前完成", [dt.date(2024, 12, 31)]),
        ("2月30日前完成甲，6月30日前完成乙", [dt.date(2024, 6, 30)]),  # no such day
        ("每季度调度一次", []),
    ],
)
def test_every_deadline_form(text, dues):
    assert [m.due for m in parse_milestones(text, 2024)] == dues


def test_a_milestone_keeps_its_own_words_and_start():
    [first, second] = parse_milestones("，8月起开展整治，10月底前完成；甲，年底前验收", 2024)
    assert (first.start, first.due, first.text) == (
        dt.date(2024, 8, 1),
        dt.date(2024, 10, 31),
        "8月起开展整治，10月底前完成",
    )
    assert (second.start, second.text) == (None, "年底前验收")


# --- the issuing document's title ------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            ["蒲县人民政府办公室", "关于印发蒲县2024年行动计划的通知"],
            "蒲县人民政府办公室关于印发蒲县2024年行动计划的通知",
        ),
        (
            ["蒲县人民政府办公室文件", "关于印发蒲县2024年行动计划的通知"],
            "关于印发蒲县2024年行动计划的通知",
        ),
        (
            ["蒲政办发〔2024〕1号", "关于印发蒲县2024年行动计划的通知"],
            "关于印发蒲县2024年行动计划的通知",
        ),
        (["关于印发蒲县", "2024年", "行动计划", "的通知"], "关于印发蒲县2024年行动计划的通知"),
        (["关于印发", "甲", "乙", "丙", "的通知"], ""),  # no more than three lines joined
        (["关于印发蒲县2024年行动计划", "各乡镇：", "的通知"], ""),
        (["《关于加强管理的意见》印发的通知"], ""),  # a title cited, not this one
        (["按照关于印发计划的通知：", "的通知"], ""),  # a line leading into a list
        ([*["蒲县文件"] * 11, "关于印发计划的通知"], "关于印发计划的通知"),
        ([*["蒲县文件"] * 12, "关于印发计划的通知"], ""),  # past the header
    ],
)
def test_the_document_title_forms(lines, title):
    assert document_title(lines) == title


# --- structure -------------------------------------------------------------------------


def test_a_form_feed_is_a_line_break_and_an_inline_task_starts_a_line(known):
    text = plan_text("推进整治。（牵头单位：发改局）\f2. 加强监管。（牵头单位：工信局）")
    assert [(t.number, t.title) for t in only_plan(text, known).tasks] == [
        (1, "推进整治"),
        (2, "加强监管"),
    ]
    inline = plan_text("推进整治（牵头单位：发改局）。 2. 加强监管。（牵头单位：工信局）")
    assert [(t.number, t.title, t.lead) for t in only_plan(inline, known).tasks] == [
        (1, "推进整治", ("发改局",)),
        (2, "加强监管", ("工信局",)),
    ]


def test_a_plan_title_is_at_most_60_characters(known):
    long_title = "蒲县" + "甲" * 38 + "2024年" + "空气" + "乙" * 9 + "行动计划"
    assert len(long_title) == 60
    assert only_plan(plan_text("推进。（牵头单位：发改局）", title=long_title), known).title == (
        long_title
    )
    too_long = long_title.replace("乙", "乙乙", 1)
    with pytest.raises(InputError, match="没有找到行动计划标题"):
        parse(plan_text("推进。（牵头单位：发改局）", title=too_long), known)


def test_sections_and_the_task_heading(known):
    text = (
        f"{PLAN}\n一、工作目标\n空气改善。\n二、重点任务\n1. 甲。（牵头单位：发改局）\n"
        "三、保障措施\n加强领导。\n四、专项行动\n2. 乙。（牵头单位：工信局）\n"
        "五、重点工作任务\n3. 丙。（牵头单位：财政局）\n"
    )
    plan = only_plan(text, known)
    assert plan.goals == ("空气改善。",)
    assert [(t.number, t.section) for t in plan.tasks] == [
        (1, strings.NO_SECTION),
        (2, "专项行动"),
        (3, "专项行动"),  # a heading ending 任务 names no section of its own
    ]


def test_the_signature_above_the_date_is_not_the_last_tasks_text(known):
    text = plan_text(
        "推进整治。（牵头单位：发改局）",
        "加强监管。（牵头单位：工信局）",
        after="蒲县人民政府办公室\n2024年3月1日\n",
    )
    plan = only_plan(text, known)
    assert plan.tasks[-1].text == "加强监管。"
    assert plan.tasks[0].text == "推进整治。"


def test_a_task_line_that_looks_like_a_signature_keeps_its_text(known):
    # The line above the date is the last task's own line (its number and all): no
    # signature was added to that task, nothing is cut from it.
    text = plan_text("推进整治。（牵头单位：发改局）", "建设环境监测站", after="2024年3月1日\n")
    assert [t.text for t in only_plan(text, known).tasks] == ["推进整治。", "建设环境监测站"]


def test_a_task_whose_whole_text_is_the_signature_is_not_emptied(known):
    text = plan_text(
        "推进整治。（牵头单位：发改局）", "", after="蒲县人民政府办公室\n2024年3月1日\n"
    )
    assert [t.text for t in only_plan(text, known).tasks] == ["推进整治。", "蒲县人民政府办公室"]


def test_a_date_inside_a_task_is_not_the_signing_date(known):
    text = plan_text(
        "推进整治，于",
        after="2024年6月30日\n前完成。（牵头单位：发改局）\n2. 乙。（牵头单位：工信局）\n",
    )
    plan = only_plan(text, known)
    assert [t.number for t in plan.tasks] == [1, 2]


def test_a_second_plan_after_the_signature_starts_its_own_tasks(known):
    second = "蒲县水环境质量2024年行动计划"
    text = plan_text(
        "推进整治。（牵头单位：发改局）",
        after=f"蒲县人民政府办公室\n2024年3月1日\n{second}\n一、重点任务\n1. 乙。（牵头单位：水利局）\n",
    )
    plans = parse(text, known).document.plans
    assert [(p.key, [t.text for t in p.tasks]) for p in plans] == [
        ("air", ["推进整治。"]),
        ("water", ["乙。"]),
    ]


def test_the_key_given_names_the_only_plan_not_one_of_two(known):
    one = plan_text("甲。（牵头单位：发改局）", title="某县专项2024年行动计划")
    assert only_plan(one, known, key="noise").key == "noise"
    two = one + "某县水环境2024年行动计划\n一、重点任务\n1. 乙。（牵头单位：水利局）\n"
    with pytest.raises(InputError, match="无法从标题「某县专项2024年行动计划」判断计划类别"):
        parse(two, known, key="noise")


def test_without_plans_or_tasks_the_source_is_named(known):
    with pytest.raises(InputError) as caught:
        parse("一份通知。", known)
    assert str(caught.value) == strings.IMPORT_NO_PLANS.format(path="测试.txt")
    with pytest.raises(InputError) as caught:
        parse(f"{PLAN}\n一、工作目标\n改善。\n", known)
    assert str(caught.value) == strings.IMPORT_NO_TASKS.format(path="测试.txt")


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("牵头单位：发改局。", (["发改局"], [], [])),  # the full stop is not part of a name
        ("牵头单位：发改局等、工信局等", (["发改局", "工信局"], [], [])),
        # a name that starts with a connector is kept as written (and reported unknown)
        ("牵头单位：发改局、和工信局", (["发改局", "和工信局"], [], [])),
    ],
)
def test_a_label_clause_drops_its_punctuation_and_each_names_deng(clause, expected):
    found = parse_clause(clause)
    assert found is not None
    assert (found["lead"], found["support"], found["responsible"]) == expected


def test_units_before_a_verb_standing_alone_take_no_role():
    assert parse_clause("发改局、工信局，牵头") is None


# A known name an office's unit list has, holding a connector after a unit's last
# character: only the names known keep it whole.
JOINT = {"环保局和林业局联合执法队": "联合执法队", "发改局": "发改局"}


@pytest.mark.parametrize(
    "task",
    [
        "推进整治。（牵头单位：环保局和林业局联合执法队）",
        "推进整治。环保局和林业局联合执法队牵头，发改局配合。",
        "推进整治。（牵头单位：环保局和林业局联合执法队等）",
    ],
)
def test_a_clause_is_read_with_the_names_known(task):
    plan = only_plan(plan_text(task), JOINT)
    assert plan.tasks[0].lead == ("联合执法队",)


def test_a_task_without_a_clause_is_held_by_no_one(known):
    plan = only_plan(plan_text("推进整治。", "加强监管。（牵头单位：发改局）"), known)
    assert [roles(t) for t in plan.tasks] == [((), (), ()), (("发改局",), (), ())]


def test_a_form_feed_between_the_heading_and_the_first_task(known):
    text = f"{PLAN}\n一、重点任务\f1. 推进整治。（牵头单位：发改局）\n"
    assert [t.number for t in only_plan(text, known).tasks] == [1]


def test_a_notice_issuing_two_plans_needs_their_title_lines(known):
    notice = (
        "关于印发《蒲县空气质量提升2024年行动计划》《蒲县水环境质量2024年行动计划》的通知\n"
        "《蒲县空气质量提升2024年行动计划》《蒲县水环境质量2024年行动计划》已经县人民政府同意，"
        "现印发给你们。\n一、重点任务\n1. 甲。（牵头单位：发改局）\n"
    )
    with pytest.raises(InputError, match="2 个"):
        parse(notice, known)


def test_tasks_before_any_section_of_a_plan_named_only_in_its_notice(known):
    notice = (
        "《蒲县空气质量提升2024年行动计划》已经县人民政府同意，现印发给你们。\n"
        "一、重点任务\n1. 甲。（牵头单位：发改局）\n"
    )
    plan = only_plan(notice, known)
    assert [(t.number, t.section) for t in plan.tasks] == [(1, strings.NO_SECTION)]


def test_a_clause_on_the_line_above_the_date_is_no_signature(known):
    source = plan_text("加强监管。牵头单位：发改局，", after="配合单位：工信局\n2024年3月1日\n")
    [task] = only_plan(source, known).tasks
    assert roles(task) == (("发改局",), ("工信局",), ())


def test_words_on_the_line_above_the_date_that_name_no_office_stay_in_the_task(known):
    source = plan_text("加强监管。（牵头单位：发改局）", after="特此通知\n2024年3月1日\n")
    [task] = only_plan(source, known).tasks
    assert task.text == "加强监管。特此通知"


def test_without_a_number_or_a_date_the_notes_say_what_was_used(known):
    parsed = parse(plan_text("甲。（牵头单位：发改局）"), known)
    document = parsed.document.document
    assert (document.number, document.issued_on, document.issuer) == (
        f"《{PLAN}》",
        dt.date(2024, 1, 1),
        strings.DEFAULT_ISSUER,
    )
    assert parsed.notes == [
        strings.IMPORT_NO_DOCUMENT.format(number=f"《{PLAN}》"),
        strings.IMPORT_NO_DATE.format(date=dt.date(2024, 1, 1)),
    ]


@pytest.mark.parametrize(("filler", "found"), [(4, True), (5, False)])
def test_the_issuer_is_read_from_the_first_five_lines(known, filler, found):
    before = "说明\n" * filler + "蒲县人民政府办公室文件\n"
    document = parse(plan_text("甲。（牵头单位：发改局）", before=before), known).document
    assert document.document.issuer == ("蒲县人民政府办公室" if found else strings.DEFAULT_ISSUER)


@pytest.mark.parametrize(("filler", "found"), [(11, True), (12, False)])
def test_the_number_is_read_from_the_first_twelve_lines(known, filler, found):
    before = "说明\n" * filler + "蒲政办发〔2024〕7号\n"
    document = parse(plan_text("甲。（牵头单位：发改局）", before=before), known).document
    assert document.document.number == ("蒲政办发〔2024〕7号" if found else f"《{PLAN}》")
