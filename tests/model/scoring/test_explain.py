"""The rubric as a document (考核细则): written from the rubric's values, in Chinese only."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from typing import Any

import pytest

from model.scoring.explain import (
    ExplainedRubric,
    RuleTable,
    chinese_numeral,
    explain_rubric,
    number,
    percent,
)
from model.scoring.rubric import default_rubric, default_rubric_text, rubric_from_data

Edit = Callable[[dict[str, Any]], None]


def explained(edit: Edit | None = None) -> ExplainedRubric:
    data = tomllib.loads(default_rubric_text())
    if edit is not None:
        edit(data)
    return explain_rubric(rubric_from_data(data, "test.toml"))


def text(edit: Edit | None = None) -> str:
    return explained(edit).text()


def chapter(document: ExplainedRubric, title: str) -> str:
    found = next(c for c in document.chapters if c.title == title)
    return "\n".join(b if isinstance(b, str) else repr(b) for b in found.blocks)


def set_(path: str, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        *tables, key = path.split(".")
        target = data
        for table in tables:
            target = target[table]
        target[key] = value

    return edit


def test_numbers_as_people_write_them():
    assert [number(v) for v in (100.0, 0.5, 0.25, 2.255, 1e-9)] == [
        "100",
        "0.5",
        "0.25",
        "2.25",
        "0",
    ]
    assert [percent(v) for v in (0.2, 1.0, 0.125, 0.0)] == ["20%", "100%", "12.5%", "0%"]
    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 23)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十三",
    ]


def test_the_default_rubric_as_a_document():
    document = explained()
    assert document.title == "环境行动计划年度目标责任考核细则"
    labels = [c.label for c in document.chapters]
    assert labels[:3] == ["一、总则", "二、任务分值", "三、截止日期和完成日期"]
    assert labels[-1] == "十一、附则"
    whole = document.text()
    for phrase in (
        "各单位满分 100 分",
        "牵头任务、责任任务每项权重为 1，配合任务每项权重为 0.5",
        "一项配合任务的分值是一项牵头任务的一半",
        "每项牵头任务 20 分，每项配合任务 10 分",
        "时间节点早于计划文件印发日期的，以印发日期为截止日期",
        "待销号",
        "减少分值的 20%，最低按分值的 20% 计分。例如逾期 45 天的，按分值的 60% 计分",
        "分值×进度×80%",
        "各单位每月报送一份进展报送表，一份报送表涵盖本单位承担的全部任务",
        "每月的报送表于次月 10 日前报送，遇周末或法定节假日顺延至下一个工作日",
        "报送单位为牵头单位和责任单位。配合单位不单独报送，其工作进展由牵头单位汇总报送。",
        "（四）截止日期已过仍未完成的，按截至考核日的逾期天数计算逾期完成的比例，上项中的 80% 以该比例为限",
        "例如逾期 45 天仍未完成、进度 50% 的，按分值的 30% 计分",
        "每缺报一份扣 0.5 分；超过报送期限才报送的为迟报，每迟报一份扣 0.1 分",
        "每份报送表计一次，不论其涵盖多少项任务",
        "报送扣分合计最多 10 分",
        "答复期限为下发之日后第 5 个工作日",
        "每份督办单另扣 1 分",
        "比截止日期提前 15 天及以上完成任务的，每项加 0.5 分",
        "加分合计最多 5 分",
        "等次按不含加分的得分评定",
        "不得评为“优秀”，得分达到“优秀”的按“良好”评定",
        "企业类单位参加考核、列入评分表，不参与排名",
        "仅承担配合任务的单位参加考核、列入评分表，不参与排名",
        "（四）加减分：",
    ):
        assert phrase in whole, phrase
    bands = next(t for c in document.chapters for t in c.tables if t.caption == "等次划分")
    assert bands.rows == (
        ("优秀", "90 分及以上"),
        ("良好", "80 分及以上，不足 90 分"),
        ("合格", "60 分及以上，不足 80 分"),
        ("不合格", "不足 60 分"),
    )
    levels = next(t for c in document.chapters for t in c.tables if t.caption == "督办扣分标准")
    assert levels.rows == (("提醒", "0.5 分"), ("督办", "1 分"), ("专项督察", "3 分"))


@pytest.mark.parametrize(
    ("edit", "title", "phrase"),
    [
        (set_("outcome.late_per_month", 0.25), "任务完成得分", "减少分值的 25%"),
        (set_("outcome.late_per_month", 0.25), "任务完成得分", "进度 50% 的，按分值的 25% 计分"),
        (set_("outcome.late_per_month", 0.0), "任务完成得分", "之后完成的，按分值的 100% 计分。"),
        (
            set_("outcome.late_floor", 0.0),
            "任务完成得分",
            "减完为止。例如逾期 45 天的，按分值的 60%",
        ),
        (set_("outcome.in_progress_factor", 0.6), "任务完成得分", "即分值×进度×60%"),
        (set_("outcome.not_started", 0.1), "任务完成得分", "按分值的 10% 计分"),
        (
            set_("deadlines.before_issue", "year_end"),
            "截止日期和完成日期",
            "早于计划文件印发日期的，以计划年度的 12 月 31 日为截止日期",
        ),
        (set_("weights.support", 1.0), "任务分值", "牵头任务、责任任务、配合任务每项权重为 1"),
        (set_("weights.support", 0.4), "任务分值", "一项牵头任务的 0.4 倍"),
        (set_("weights.responsible", 0.8), "任务分值", "责任任务每项权重为 0.8"),
        (set_("meta.base", 50.0), "总则", "各单位满分 50 分"),
        (set_("reporting.due_day", 5), "进展报送", "次月 5 日前"),
        (set_("reporting.late", 0.0), "进展报送", "每缺报一份扣 0.5 分。"),
        (
            set_("reporting.roles", ["lead"]),
            "进展报送",
            "报送单位为牵头单位。配合单位和责任单位不单独",
        ),
        (
            set_("reporting.roles", ["lead", "support", "responsible"]),
            "进展报送",
            "报送单位为牵头单位、配合单位和责任单位。\n（三）",
        ),
        (set_("reporting.roles", ["responsible"]), "进展报送", "报送单位为责任单位。\n（三）"),
        (set_("notices.reply_workdays", 10), "督办", "下发之日后第 10 个工作日"),
        (set_("notices.unanswered", 2.0), "督办", "另扣 2 分"),
        (set_("notices.levels.督办", 1.5), "督办", "'督办', '1.5 分'"),
        (set_("bonus.lifts_band", True), "加分", "等次按含加分的总分评定"),
        (set_("bonus.early_days", 30), "加分", "提前 30 天及以上"),
        (set_("bonus.early_points", 0.0), "加分", "本细则不设加分"),
        (set_("limits.cap", 105.0), "总分和等次", "高于 105 分的按 105 分计"),
        (
            set_("veto.red_bars", "良好"),
            "总分和等次",
            "不得评为“良好”，得分达到“良好”的按“合格”评定",
        ),
        (
            set_("ranking.support_only", "own"),
            "排名",
            "'仅承担配合任务的单位', '各类单位中仅承担配合任务的单位'",
        ),
        (
            set_("ranking.support_only", "with_kind"),
            "排名",
            "仅承担配合任务的单位与同类单位一并排名",
        ),
    ],
)
def test_a_setting_shows_in_the_text(edit, title, phrase):
    document = explained(edit)
    assert phrase in chapter(document, title)
    assert document.text() != text()


def test_a_band_and_a_category_show_in_the_text():
    def bands(data: dict[str, Any]) -> None:
        data["bands"][0]["min"] = 85.0
        data["bands"][1]["name"] = "较好"

    document = explained(bands)
    table = next(t for t in document.chapters[7].tables if t.caption == "等次划分")
    assert table.rows[:2] == (("优秀", "85 分及以上"), ("较好", "80 分及以上，不足 85 分"))
    assert "按“较好”评定" in document.text()

    def categories(data: dict[str, Any]) -> None:
        data["ranking"]["categories"][0] = {
            "name": "县直单位",
            "kinds": ["department", "enterprise"],
        }

    ranking = chapter(explained(categories), "排名")
    assert "'县直单位', '部门、企业类单位'" in ranking
    assert "企业类单位参加考核" not in ranking


def test_without_a_veto_or_a_ranking():
    def plain(data: dict[str, Any]) -> None:
        del data["veto"]["red_bars"]
        data["ranking"] = {"categories": []}

    document = explained(plain)
    assert "一票否决" not in document.text()
    assert chapter(document, "排名") == "本细则不排名：各单位只评分、评定等次。"


def test_the_older_ranking_form_is_explained():
    def legacy(data: dict[str, Any]) -> None:
        data["ranking"] = {"kinds": ["department", "township"]}

    ranking = chapter(explained(legacy), "排名")
    assert "'参与排名单位', '部门、乡镇类单位'" in ranking
    assert "仅承担配合任务的单位与同类单位一并排名" in ranking


EDITS: list[Edit | None] = [
    None,
    set_("deadlines.before_issue", "year_end"),
    set_("ranking.support_only", "own"),
    set_("ranking.support_only", "with_kind"),
    set_("bonus.lifts_band", True),
    set_("bonus.early_days", 0),
    set_("outcome.late_floor", 0.0),
    set_("weights.support", 0.0),
]


@pytest.mark.parametrize("edit", EDITS)
def test_no_english_key_or_value_in_the_text(edit):
    document = explained(edit)
    words = [document.title]
    for c in document.chapters:
        words.append(c.label)
        for block in c.blocks:
            if isinstance(block, RuleTable):
                words += [
                    block.caption,
                    *block.columns,
                    *(cell for row in block.rows for cell in row),
                ]
            else:
                words.append(block)
    for word in words:
        assert not re.search(r"[A-Za-z_]", word), word
        assert "{" not in word and "}" not in word, word


def test_chapters_number_their_paragraphs_only_when_several():
    document = explain_rubric(default_rubric())
    for c in document.chapters:
        paragraphs = c.paragraphs
        if len(paragraphs) > 1:
            assert [p[:3] for p in paragraphs][:2] == ["（一）", "（二）"]
    no_bonus = chapter(explained(set_("bonus.max", 0.0)), "加分")
    assert no_bonus == "本细则不设加分。"


def test_an_open_part_is_held_below_a_late_completion_only_when_it_can_be():
    flat = chapter(explained(set_("outcome.late_per_month", 0.0)), "任务完成得分")
    assert "截止日期已过仍未完成的" not in flat
    assert "（四）未报送" in flat
