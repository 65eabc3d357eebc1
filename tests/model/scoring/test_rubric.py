from __future__ import annotations

import tomllib

import pytest
import tomli_w

from model.core.errors import InputError
from model.scoring.rubric import (
    default_rubric,
    default_rubric_text,
    ensure_user_rubric,
    load_rubric_file,
    parse_rubric,
)


def data() -> dict:
    return tomllib.loads(default_rubric_text())


def check(tmp_path, content: dict | str):
    path = tmp_path / "rubric.toml"
    path.write_text(
        content if isinstance(content, str) else tomli_w.dumps(content), encoding="utf-8"
    )
    return load_rubric_file(path)


def test_default_rubric():
    rubric = default_rubric()
    assert rubric.weights == {"lead": 1.0, "responsible": 1.0, "support": 0.5}
    assert [(b.name, b.min) for b in rubric.bands] == [
        ("优秀", 90),
        ("良好", 80),
        ("合格", 60),
        ("不合格", 0),
    ]
    assert (
        rubric.rating(90) == "优秀"
        and rubric.rating(89.99) == "良好"
        and rubric.rating(0) == "不合格"
    )
    assert rubric.veto_bars == "优秀" and rubric.below("优秀") == "良好"


def test_user_copy_is_written_once_and_reads_back(tmp_path):
    path = ensure_user_rubric(tmp_path / "cfg" / "rubric.toml")
    assert load_rubric_file(path) == default_rubric()
    path.write_text(
        path.read_text(encoding="utf-8").replace("lead = 1.0", "lead = 2.0"), encoding="utf-8"
    )
    ensure_user_rubric(path)  # an edited copy is never overwritten
    assert load_rubric_file(path).weights["lead"] == 2.0


@pytest.mark.parametrize(
    ("mutate", "key", "detail"),
    [
        (lambda d: d["weights"].update(leader=1.0), "weights.leader", "未知的键"),
        (lambda d: d.update(extra={}), "extra", "未知的键"),
        (lambda d: d["weights"].update(support=-0.5), "weights.support", "不能为负数"),
        (
            lambda d: d["outcome"].update(in_progress_factor=1.5),
            "outcome.in_progress_factor",
            "应在 0 到 1 之间",
        ),
        (lambda d: d["bands"][1].update(min=95.0), "bands[2]", "从高到低"),
        (lambda d: d["bands"].pop(), "bands[3].min", "最低等次的分数线应等于 limits.floor"),
        (lambda d: d["bands"][2].update(name="良好"), "bands[3]", "重复"),
        (lambda d: d.update(bands=[]), "bands", "至少要有一个等次"),
        (lambda d: d["veto"].update(red_bars="特优"), "veto.red_bars", "不是 bands 中的等次"),
        (lambda d: d["notices"]["levels"].update(约谈=5.0), "notices.levels.约谈", "未知的键"),
        (lambda d: d["reporting"].update(cadence="weekly"), "reporting.cadence", "monthly"),
        (lambda d: d["reporting"].update(due_day=31), "reporting.due_day", "应为整数"),
        (lambda d: d["limits"].update(floor=100.0), "limits", "应小于"),
        (lambda d: d["meta"].pop("base"), "meta.base", "缺少必填项"),
        (
            lambda d: d["ranking"].update(kinds=["department", "company"]),
            "ranking.kinds",
            "未知的单位类别「company」（可用：department（部门）、township（乡镇）、enterprise（企业））",
        ),
        (
            lambda d: d["ranking"].update(kinds=["group"]),
            "ranking.kinds",
            "未知的单位类别「group」",
        ),
        (lambda d: d["ranking"].update(kinds="township"), "ranking.kinds", "应为单位类别的列表"),
        (
            lambda d: d["ranking"].update(kinds=["township", 1]),
            "ranking.kinds",
            "应为单位类别的列表",
        ),
        (
            lambda d: d["ranking"].update(kinds=["township", "township"]),
            "ranking.kinds",
            "单位类别重复",
        ),
        (lambda d: d["ranking"].update(kind=["township"]), "ranking.kind", "未知的键"),
        (lambda d: d["ranking"].pop("kinds"), "ranking.kinds", "缺少必填项"),
        (lambda d: d.update(ranking=["township"]), "ranking", "缺少必填项"),
    ],
)
def test_invalid_rubric_names_the_key(tmp_path, mutate, key, detail):
    content = data()
    mutate(content)
    with pytest.raises(InputError) as error:
        check(tmp_path, content)
    message = str(error.value)
    assert f"中 {key}：" in message and detail in message, message


def test_malformed_rubric_names_line_and_column(tmp_path):
    with pytest.raises(InputError, match=r"考核细则格式错误：.*rubric.toml 第 2 行第 \d+ 列"):
        check(tmp_path, "[meta]\nname = \n")


def test_parse_is_pure():
    assert parse_rubric(default_rubric_text(), "x") == default_rubric()


def test_ranked_kinds_default_and_setting(tmp_path):
    assert default_rubric().ranked_kinds == ("department", "township")
    assert default_rubric().name == "环境行动计划年度目标责任考核细则"
    content = data()
    content["ranking"]["kinds"] = ["enterprise", "department"]
    rubric = check(tmp_path, content)
    assert rubric.ranked_kinds == ("enterprise", "department")
    assert rubric.ranks("enterprise") and not rubric.ranks("township")
    assert rubric.digest() != default_rubric().digest()
    content["ranking"]["kinds"] = []
    assert check(tmp_path, content).ranked_kinds == ()  # nobody ranked: every card unranked


def test_a_rubric_written_before_the_ranking_setting_still_loads(tmp_path):
    content = data()
    del content["ranking"]
    assert check(tmp_path, content).ranked_kinds == ("department", "township")
