"""Each rule a rubric file is held to, with its refusal in full and the values on both sides
of every limit."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from typing import Any

import pytest

from model.core import strings
from model.core.errors import InputError
from model.scoring.rubric import (
    DEFAULT_CATEGORIES,
    default_rubric,
    default_rubric_text,
    parse_rubric,
    rubric_from_data,
)

PATH = "细则.toml"
ROLES = "lead（牵头单位）、support（配合单位）、responsible（责任单位）"
KINDS = "department（部门）、township（乡镇）、enterprise（企业）"


def data() -> dict[str, Any]:
    return tomllib.loads(default_rubric_text())


def refusal(mutate: Callable[[dict[str, Any]], object]) -> str:
    content = data()
    mutate(content)
    with pytest.raises(InputError) as caught:
        rubric_from_data(content, PATH)
    return str(caught.value)


def said(key: str, detail: str) -> str:
    return strings.RUBRIC_INVALID.format(path=PATH, key=key, detail=detail)


def edited(mutate: Callable[[dict[str, Any]], object]):
    content = data()
    mutate(content)
    return rubric_from_data(content, PATH)


@pytest.mark.parametrize(
    ("mutate", "key", "most"),
    [
        (lambda d: d["outcome"].update(closed_late=1.0, closed_on_time=0.9), "closed_late", 0.9),
        (lambda d: d["outcome"].update(late_floor=0.6, closed_late=0.5), "late_floor", 0.5),
        (
            lambda d: d["outcome"].update(
                in_progress_factor=0.95, closed_on_time=0.9, closed_late=0.9
            ),
            "in_progress_factor",
            0.9,
        ),
        (
            lambda d: d["outcome"].update(not_started=0.95, closed_on_time=0.9, closed_late=0.9),
            "not_started",
            0.9,
        ),
    ],
)
def test_completing_is_never_worth_less_than_not(mutate, key, most):
    detail = strings.RUBRIC_OUTCOME_ORDER.format(most=most)
    assert refusal(mutate) == said(f"outcome.{key}", detail)


def test_each_credit_may_equal_the_one_above_it():
    rubric = edited(
        lambda d: d["outcome"].update(
            closed_on_time=0.9, closed_late=0.9, late_floor=0.9, in_progress_factor=0.9
        )
    )
    assert (rubric.closed_late, rubric.late_floor, rubric.in_progress_factor) == (0.9, 0.9, 0.9)


@pytest.mark.parametrize(
    ("roles", "detail"),
    [
        ("lead", strings.RUBRIC_ROLES_LIST.format(allowed=ROLES)),
        ([], strings.RUBRIC_ROLES_EMPTY.format(allowed=ROLES)),
        (["owner"], strings.RUBRIC_ROLE_UNKNOWN.format(role="owner", allowed=ROLES)),
        (["lead", "lead"], strings.RUBRIC_ROLES_DUP),
    ],
)
def test_each_refusal_of_the_reporting_roles_in_full(roles, detail):
    assert refusal(lambda d: d["reporting"].update(roles=roles)) == said("reporting.roles", detail)


@pytest.mark.parametrize(("due_day", "refused"), [(0, True), (1, False), (28, False), (29, True)])
def test_the_due_day_is_a_whole_day_of_any_month(due_day, refused):
    mutate = lambda d: d["reporting"].update(due_day=due_day)  # noqa: E731
    if refused:
        assert refusal(mutate) == said(
            "reporting.due_day", strings.RUBRIC_INT.format(low=1, high=28)
        )
    else:
        assert edited(mutate).due_day == due_day


def test_a_choice_lists_every_word_it_takes():
    assert refusal(lambda d: d["ranking"].update(support_only="some")) == said(
        "ranking.support_only", strings.RUBRIC_CHOICE.format(allowed="unranked、own、with_kind")
    )


def test_without_a_ranking_table_the_default_categories_and_support_only_unranked():
    rubric = edited(lambda d: d.pop("ranking"))
    assert (rubric.categories, rubric.support_only) == (DEFAULT_CATEGORIES, "unranked")


def test_the_older_ranking_form_in_full():
    older = edited(lambda d: d.update(ranking={"kinds": ["township"]}))
    assert [(c.name, c.kinds) for c in older.categories] == [(strings.CATEGORY_ALL, ("township",))]
    assert older.support_only == "with_kind"
    assert edited(lambda d: d.update(ranking={"kinds": []})).categories == ()
    assert refusal(lambda d: d.update(ranking={"kinds": "township"})) == said(
        "ranking.kinds", strings.RUBRIC_KINDS_LIST.format(allowed=KINDS)
    )
    assert refusal(
        lambda d: d.update(ranking={"kinds": ["township"], "support_only": "own"})
    ) == said("ranking.support_only", strings.RUBRIC_CHOICE.format(allowed="with_kind"))


def test_a_kind_in_the_first_and_third_categories_is_refused():
    def three(d: dict[str, Any]) -> None:
        d["ranking"]["categories"] = [
            {"name": "甲", "kinds": ["department"]},
            {"name": "乙", "kinds": ["township"]},
            {"name": "丙", "kinds": ["department"]},
        ]

    assert refusal(three) == said("ranking.categories[3].kinds", strings.RUBRIC_CATEGORY_OVERLAP)


def test_a_category_with_an_unknown_key_lists_the_keys_it_takes():
    assert refusal(lambda d: d["ranking"]["categories"][0].update(rank=1)) == said(
        "ranking.categories[1].rank", strings.RUBRIC_UNKNOWN_KEY.format(allowed="name、kinds")
    )


def test_each_refusal_of_the_bands_in_full():
    assert refusal(lambda d: d["bands"][0].update(colour="红")) == said(
        "bands[1].colour", strings.RUBRIC_UNKNOWN_KEY.format(allowed="name、min")
    )
    assert refusal(lambda d: d["bands"][2].update(name="良好")) == said(
        "bands[3]", strings.RUBRIC_BANDS_DUP.format(name="良好")
    )
    assert refusal(lambda d: d["bands"][1].update(min=90.0)) == said(
        "bands[2]", strings.RUBRIC_BANDS_ORDER.format(a="优秀", a_min=90.0, b="良好", b_min=90.0)
    )
    floor = default_rubric().floor
    assert refusal(lambda d: d["bands"][3].update(min=10.0)) == said(
        "bands[4].min", strings.RUBRIC_BANDS_GAP.format(floor=floor)
    )


def test_the_band_below_the_lowest_is_the_lowest():
    rubric = default_rubric()
    assert [rubric.below(b) for b in ("优秀", "良好", "合格", "不合格")] == [
        "良好",
        "合格",
        "不合格",
        "不合格",
    ]


def test_a_malformed_file_says_where_and_what():
    with pytest.raises(InputError) as caught:
        parse_rubric("[meta]\nname = \n", PATH)
    assert str(caught.value) == strings.RUBRIC_MALFORMED.format(
        path=PATH, line=2, col=8, detail="值无效（文字请加引号）"
    )


TOP = "meta、weights、outcome、reporting、notices、deadlines、bonus、limits、veto、ranking、bands"


@pytest.mark.parametrize(
    ("mutate", "key", "detail"),
    [
        (lambda d: d.update(extra={}), "extra", strings.RUBRIC_UNKNOWN_KEY.format(allowed=TOP)),
        (
            lambda d: d["meta"].update(owner="办公室"),
            "meta.owner",
            strings.RUBRIC_UNKNOWN_KEY.format(allowed="name、base"),
        ),
        (lambda d: d["limits"].pop("floor"), "limits.floor", strings.RUBRIC_MISSING),
        (lambda d: d["limits"].pop("cap"), "limits.cap", strings.RUBRIC_MISSING),
        (lambda d: d["meta"].update(name=" "), "meta.name", strings.RUBRIC_TEXT),
        (lambda d: d["weights"].update(lead="1.0"), "weights.lead", strings.RUBRIC_NUMBER),
        (lambda d: d["weights"].update(lead=True), "weights.lead", strings.RUBRIC_NUMBER),
        (lambda d: d.update(notices=5), "notices", strings.RUBRIC_MISSING),
        (
            lambda d: d["veto"].update(red_bars="特优"),
            "veto.red_bars",
            strings.RUBRIC_VETO_BAND.format(name="特优"),
        ),
    ],
)
def test_each_refusal_of_a_setting_in_full(mutate, key, detail):
    assert refusal(mutate) == said(key, detail)


NUMBERS = [
    ("meta", "base"),
    ("outcome", "late_per_month"),
    ("reporting", "missed"),
    ("reporting", "late"),
    ("reporting", "max_deduction"),
    ("notices", "unanswered"),
    ("notices", "max_deduction"),
    ("notices.levels", "督办"),
    ("bonus", "early_points"),
    ("bonus", "max"),
    ("limits", "floor"),
    ("limits", "cap"),
]


def setting(d: dict[str, Any], table: str) -> dict[str, Any]:
    for part in table.split("."):
        d = d[part]
    return d


@pytest.mark.parametrize(("table", "key"), NUMBERS)
def test_each_number_setting_says_its_own_key(table, key):
    assert refusal(lambda d: setting(d, table).update({key: "一"})) == said(
        f"{table}.{key}", strings.RUBRIC_NUMBER
    )


@pytest.mark.parametrize(
    ("table", "key", "low", "high"),
    [
        ("reporting", "due_day", 1, 28),
        ("bonus", "early_days", 0, 366),
        ("notices", "reply_workdays", 1, 60),
    ],
)
def test_each_whole_number_setting_takes_its_range_and_says_its_own_key(table, key, low, high):
    for value in (low, high):
        assert getattr(edited(lambda d, v=value: d[table].update({key: v})), key) == value
    for value in (low - 1, high + 1, True):
        assert refusal(lambda d, v=value: d[table].update({key: v})) == said(
            f"{table}.{key}", strings.RUBRIC_INT.format(low=low, high=high)
        )


def test_the_late_deduction_per_month_is_a_fraction():
    assert refusal(lambda d: d["outcome"].update(late_per_month=1.5)) == said(
        "outcome.late_per_month", strings.RUBRIC_FRACTION
    )
