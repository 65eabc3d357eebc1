from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.core.errors import InputError
from model.plans.data import to_contract
from seed.loader import document_from_data, load_default_seed, load_plan_file


def minimal() -> dict:
    return {
        "document": {
            "number": "蒲政办发〔2024〕1号",
            "issuer": "蒲县人民政府办公室",
            "issued_on": "2024-03-01",
        },
        "plans": [
            {
                "key": "air",
                "title": "蒲县空气质量提升2024年行动计划",
                "year": 2024,
                "goals": ["目标"],
                "tasks": [
                    {
                        "number": 1,
                        "section": "一节",
                        "title": "甲",
                        "text": "甲。",
                        "lead": ["发改局"],
                    },
                ],
            }
        ],
    }


def write(tmp_path: Path, data: dict | str, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    elif name.endswith(".json"):
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_default_seed_loads():
    loaded = load_default_seed()
    assert loaded.name == "puxian-2023.toml"
    assert len(loaded.sha256) == 64
    assert [p.key for p in loaded.document.plans] == ["air", "water", "soil", "groundwater"]


def test_json_export_shape_loads_back(tmp_path):
    contract = to_contract(load_default_seed().document)
    loaded = load_plan_file(write(tmp_path, contract, "plans.json"))
    assert to_contract(loaded.document) == contract


def test_malformed_toml_names_file_line_and_column(tmp_path):
    path = write(tmp_path, '[document]\nnumber = "x"\nissuer = \n')
    with pytest.raises(InputError) as error:
        load_plan_file(path)
    assert str(error.value) == f"TOML 格式错误：{path} 第 3 行第 10 列：值无效（文字请加引号）"


def test_unclosed_toml_at_end_of_file(tmp_path):
    path = write(tmp_path, 'a = [\n  "x",\n')
    with pytest.raises(InputError, match="第 3 行第 1 列"):
        load_plan_file(path)


def test_impossible_native_toml_date(tmp_path):
    text = tomli_w.dumps(minimal()).replace('issued_on = "2024-03-01"', "issued_on = 2023-02-30")
    path = write(tmp_path, text)
    with pytest.raises(
        InputError, match=r"第 \d+ 行第 \d+ 列：日期或时间无效（例如 2023-02-30 不存在）"
    ):
        load_plan_file(path)


def test_impossible_string_date_names_the_key(tmp_path):
    data = minimal()
    data["plans"][0]["tasks"][0]["milestones"] = [{"due": "2023-02-30", "text": "节点"}]
    with pytest.raises(InputError) as error:
        load_plan_file(write(tmp_path, data))
    assert "plans[1].tasks[1].milestones[1].due：日期「2023-02-30」不存在" in str(error.value)


def test_duplicate_task_number(tmp_path):
    data = minimal()
    data["plans"][0]["tasks"].append(dict(data["plans"][0]["tasks"][0], title="乙"))
    with pytest.raises(InputError, match=r"plans\[1\]\.tasks\[2\]\.number：任务编号 1 重复"):
        load_plan_file(write(tmp_path, data))


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["plans"][0]["tasks"][0].update(leed=["发改局"]), "未知的键「leed」"),
        (lambda d: d["plans"][0]["tasks"][0].pop("title"), "plans[1].tasks[1].title：缺少必填项"),
        (lambda d: d["plans"][0].update(key="Air!"), "计划键「Air!」无效"),
        (lambda d: d["plans"][0].update(year=1999), "年份 1999 不在"),
        (lambda d: d["plans"][0]["tasks"][0].update(lead=[]), "任务没有任何牵头、配合或责任单位"),
        (
            lambda d: d["plans"][0]["tasks"][0].update(lead=["发改局", "发改局"]),
            "「发改局」重复出现",
        ),
        (lambda d: d["plans"].append(dict(d["plans"][0])), "在文件中出现了两次"),
        (lambda d: d.update(units=[{"name": "甲局", "kind": "bureau"}]), "值「bureau」无效"),
        (
            lambda d: d.update(units=[{"name": "甲局", "kind": "department", "members": ["乙"]}]),
            "只有单位组",
        ),
        (
            lambda d: d["plans"][0]["tasks"][0].update(
                milestones=[{"due": "2024-05-31", "start": "2024-06-01"}]
            ),
            "开始日期 2024-06-01 晚于截止日期 2024-05-31",
        ),
        (lambda d: d.update(plans=[]), "文件中没有任何计划"),
    ],
)
def test_content_errors_name_the_key(tmp_path, mutate, expected):
    data = minimal()
    mutate(data)
    with pytest.raises(InputError) as error:
        load_plan_file(write(tmp_path, data))
    assert expected in str(error.value)
    assert str(tmp_path) in str(error.value)


def test_file_that_is_not_text(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(InputError, match="不是 UTF-8 编码"):
        load_plan_file(path)


def test_missing_file_and_unknown_suffix(tmp_path):
    with pytest.raises(InputError, match="找不到文件"):
        load_plan_file(tmp_path / "none.toml")
    with pytest.raises(InputError, match="无法识别文件类型"):
        load_plan_file(write(tmp_path, "x", "plan.xlsx"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.dates().map(str),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def shapes() -> st.SearchStrategy:
    """Mostly-right documents with random holes and wrong types, plus pure noise."""
    keys = ["document", "plans", "units", "leading_group", "number", "tasks", "lead", "due"]
    return st.one_of(
        json_values,
        st.dictionaries(st.sampled_from(keys), json_values, max_size=5),
        st.builds(
            lambda value, path: _poke(minimal(), path, value),
            json_values,
            st.sampled_from(
                [
                    ("document", "issued_on"),
                    ("plans", 0, "year"),
                    ("plans", 0, "tasks"),
                    ("plans", 0, "tasks", 0, "number"),
                    ("plans", 0, "tasks", 0, "lead"),
                    ("plans", 0, "goals"),
                ]
            ),
        ),
    )


def _poke(data: dict, path: tuple, value: object) -> dict:
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(shapes())
def test_validation_never_crashes(data):
    try:
        document_from_data(data)
    except Exception as error:  # the only allowed failure is a located validation error
        assert type(error).__name__ == "_Invalid", repr(error)
        assert error.detail  # type: ignore[attr-defined]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_toml_parsing_never_crashes(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "plan.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_plan_file(path)
    except InputError as error:
        assert str(path) in str(error)


def test_native_toml_dates_are_accepted(tmp_path):
    data = minimal()
    data["document"]["issued_on"] = dt.date(2024, 3, 1)
    assert load_plan_file(write(tmp_path, data)).document.document.issued_on == dt.date(2024, 3, 1)


def test_the_document_title_is_optional_and_round_trips(tmp_path):
    seed = load_default_seed().document.document
    assert seed.title.startswith("蒲县人民政府办公室关于印发我县2023年") and seed.title.endswith(
        "通知"
    )
    assert to_contract(load_default_seed().document)["document"]["title"] == seed.title
    untitled = load_plan_file(write(tmp_path, minimal())).document
    assert untitled.document.title == ""
    assert "title" not in to_contract(untitled)["document"]  # an unknown title is left out
    data = minimal()
    data["document"]["title"] = "  蒲县人民政府办公室关于印发某计划的通知 "
    titled = load_plan_file(write(tmp_path, data, "titled.json")).document
    assert titled.document.title == "蒲县人民政府办公室关于印发某计划的通知"
    data["document"]["title"] = " "
    with pytest.raises(InputError, match=r"document\.title"):
        load_plan_file(write(tmp_path, data, "blank.toml"))
