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
    reporting_rules,
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
            lambda d: d["ranking"]["categories"][0].update(kinds=["department", "company"]),
            "ranking.categories[1].kinds",
            "未知的单位类别「company」（可用：department（部门）、township（乡镇）、enterprise（企业））",
        ),
        (
            lambda d: d["ranking"]["categories"][1].update(kinds=["group"]),
            "ranking.categories[2].kinds",
            "未知的单位类别「group」",
        ),
        (
            lambda d: d["ranking"]["categories"][1].update(kinds="township"),
            "ranking.categories[2].kinds",
            "应为单位类别的列表",
        ),
        (
            lambda d: d["ranking"]["categories"][0].update(kinds=["township", "township"]),
            "ranking.categories[1].kinds",
            "单位类别重复",
        ),
        (
            lambda d: d["ranking"]["categories"][1].update(kinds=["department"]),
            "ranking.categories[2].kinds",
            "同一单位类别不能属于两个排名类别",
        ),
        (
            lambda d: d["ranking"]["categories"][1].update(name="县直部门"),
            "ranking.categories[2]",
            "排名类别「县直部门」重复",
        ),
        (lambda d: d["ranking"]["categories"][0].pop("name"), "ranking.categories[1].name", "非空"),
        (lambda d: d["ranking"].update(kind=["township"]), "ranking.kind", "未知的键"),
        (lambda d: d["ranking"].pop("categories"), "ranking.categories", "缺少必填项"),
        (lambda d: d["ranking"].update(kinds=["township"]), "ranking", "二选一"),
        (lambda d: d.update(ranking=["township"]), "ranking", "缺少必填项"),
        (lambda d: d["ranking"].update(support_only="some"), "ranking.support_only", "unranked"),
        (lambda d: d["bonus"].update(lifts_band="no"), "bonus.lifts_band", "true 或 false"),
        (lambda d: d["limits"].update(per_item=1), "limits.per_item", "true 或 false"),
        (lambda d: d["deadlines"].update(before_issue="x"), "deadlines.before_issue", "issue_date"),
        (lambda d: d["deadlines"].update(grace=1), "deadlines.grace", "未知的键"),
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


def test_ranking_categories_default_and_setting(tmp_path):
    rubric = default_rubric()
    assert [(c.name, c.kinds) for c in rubric.categories] == [
        ("县直部门", ("department",)),
        ("乡镇", ("township",)),
    ]
    assert rubric.ranked_kinds == ("department", "township")
    assert rubric.support_only == "unranked" and rubric.category_names() == ("县直部门", "乡镇")
    assert rubric.category("township", support_only=False) == "乡镇"
    assert rubric.category("township", support_only=True) is None
    assert rubric.category("enterprise", support_only=False) is None
    assert default_rubric().name == "环境行动计划年度目标责任考核细则"
    content = data()
    content["ranking"]["support_only"] = "own"
    content["ranking"]["categories"][0]["kinds"] = ["enterprise", "department"]
    rubric = check(tmp_path, content)
    assert rubric.ranked_kinds == ("enterprise", "department", "township")
    assert rubric.category("enterprise", support_only=False) == "县直部门"
    assert rubric.category("township", support_only=True) == "仅承担配合任务的单位"
    assert rubric.category_names()[-1] == "仅承担配合任务的单位"
    assert rubric.digest() != default_rubric().digest()
    content["ranking"]["support_only"] = "with_kind"
    assert check(tmp_path, content).category("township", support_only=True) == "乡镇"
    content["ranking"]["categories"] = []
    assert check(tmp_path, content).ranked_kinds == ()  # nobody ranked: every card unranked


def test_the_older_ranking_kinds_form_ranks_one_list(tmp_path):
    content = data()
    content["ranking"] = {"kinds": ["enterprise", "department"]}
    rubric = check(tmp_path, content)
    assert [(c.name, c.kinds) for c in rubric.categories] == [
        ("参与排名单位", ("enterprise", "department"))
    ]
    assert rubric.category("department", support_only=True) == "参与排名单位"
    content["ranking"] = {"kinds": []}
    assert check(tmp_path, content).ranked_kinds == ()


def test_settings_added_later_are_optional(tmp_path):
    content = data()
    del content["deadlines"]
    del content["bonus"]["lifts_band"]
    del content["reporting"]["roles"]
    del content["notices"]["reply_workdays"]
    rubric = check(tmp_path, content)
    assert rubric == default_rubric()
    assert rubric.reporting_roles == ("lead", "responsible") and rubric.reply_workdays == 5


def test_per_item_is_still_read_but_no_longer_in_the_default_file(tmp_path):
    # Returns are counted per unit (#14): 扣完为止 of a task's deductions no longer applies,
    # but rubric files written before it stay valid.
    content = data()
    assert "per_item" not in content["limits"]
    content["limits"]["per_item"] = False
    assert check(tmp_path, content).per_item_floor is False


@pytest.mark.parametrize(
    ("roles", "detail"),
    [
        ([], "不能为空"),
        ("lead", "应为单位职责的列表"),
        (["lead", 1], "应为单位职责的列表"),
        (["lead", "owner"], "未知的职责「owner」"),
        (["lead", "lead"], "职责重复"),
    ],
)
def test_reporting_roles_are_checked_in_words(tmp_path, roles, detail):
    content = data()
    content["reporting"]["roles"] = roles
    with pytest.raises(InputError) as error:
        check(tmp_path, content)
    message = str(error.value)
    assert "reporting.roles" in message and detail in message
    assert "lead（牵头单位）" in message or detail == "职责重复"


def test_reporting_roles_and_reply_workdays_make_the_reporting_rules(tmp_path):
    content = data()
    content["reporting"]["roles"] = ["responsible", "support", "lead"]
    content["notices"]["reply_workdays"] = 3
    rubric = check(tmp_path, content)
    # In the app's order of roles, whatever the file's.
    assert rubric.reporting_roles == ("lead", "support", "responsible")
    rules = reporting_rules(rubric)
    assert rules.roles == ("lead", "support", "responsible")
    assert rules.reply_workdays == 3 and rules.due_day == rubric.due_day


@pytest.mark.parametrize("days", [0, 61, 2.5, True])
def test_reply_workdays_is_a_whole_number_of_days(tmp_path, days):
    content = data()
    content["notices"]["reply_workdays"] = days
    with pytest.raises(InputError) as error:
        check(tmp_path, content)
    assert "notices.reply_workdays" in str(error.value) and "1–60" in str(error.value)


def test_bonus_does_not_lift_a_band_unless_the_rubric_says_so(tmp_path):
    rubric = default_rubric()
    assert rubric.rate(90.5, 1.0) == "良好" and rubric.rate(91.0, 1.0) == "优秀"
    assert rubric.rate(89.0, 0.0) == "良好" and rubric.rate(90.0, 0.0) == "优秀"
    content = data()
    content["bonus"]["lifts_band"] = True
    assert check(tmp_path, content).rate(90.5, 1.0) == "优秀"


def test_a_rubric_written_before_the_ranking_setting_still_loads(tmp_path):
    content = data()
    del content["ranking"]
    assert check(tmp_path, content).ranked_kinds == ("department", "township")
