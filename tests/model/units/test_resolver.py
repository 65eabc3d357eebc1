"""One resolver for every name a user types or a document writes."""

from __future__ import annotations

import pytest

from model.core.errors import InputError
from model.units.resolver import UnitResolver, find_unit, normalize, resolve_unit
from model.units.search import search_units


def test_unit_search_by_pinyin(seeded):
    with seeded.read() as session:
        assert search_units(session, "zjj")[0].name == "住建局"
        assert search_units(session, "hbj")[0].name == "市生态环境局蒲县分局"
        assert search_units(session, "各乡")[0].name == "各乡镇"
        unit, notes = find_unit(session, "zjj")
        assert unit.name == "住建局" and notes == ["「zjj」匹配到单位「住建局」。"]
        with pytest.raises(InputError, match="相近的单位有"):
            find_unit(session, "局")


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("住房和城乡建设局", "住建局"),
        ("发展和改革局", "发改局"),
        ("工业和信息化局", "工信局"),
        ("蒲城镇人民政府", "蒲城镇"),
        ("蒲城镇政府", "蒲城镇"),
        ("市监局", "市场监管局"),
        ("市场监督管理局", "市场监管局"),
        ("蒲县公安局", "公安局"),
        ("县住建局", "住建局"),
        ("蒲县住房和城乡建设局", "住建局"),
        (" 住建局 ", "住建局"),
        ("应急局", "应急管理局"),
        ("zjj", "住建局"),
        ("gxj", "工信局"),
        ("dqb", "大气办有关成员单位"),  # the beginning of one unit's initials
        ("gongan", "公安局"),  # the beginning of its full pinyin
    ],
)
def test_every_way_of_writing_a_unit_finds_it(seeded, typed, unit):
    with seeded.read() as session:
        found, _ = find_unit(session, typed)
    assert found.name == unit


def test_normalize_contracts_official_wordings():
    assert normalize("蒲县住房和城乡建设局") == normalize("住建局")
    assert normalize("红道乡人民政府") == "红道乡"
    # 县 and 蒲县 prefixes are dropped on both sides of a comparison alike.
    assert normalize("县政府办") == normalize("蒲县政府办") == "政府办"
    assert normalize("县") == "县"


def test_names_from_a_document_are_not_guessed_by_pinyin(seeded):
    with seeded.read() as session:
        resolver = UnitResolver(session)
        assert resolver.lookup("zjj", typed=False) is None
        assert resolver.lookup("住建", typed=False) is None
        assert resolver.lookup("住房和城乡建设局", typed=False).unit.name == "住建局"
        assert resolver.lookup("住建", typed=True).unit.name == "住建局"


def test_an_ambiguous_or_unknown_name_names_the_nearest(seeded):
    with seeded.read() as session:
        with pytest.raises(InputError, match="未知单位「成员单位」。相近的单位有：") as error:
            find_unit(session, "成员单位")
        assert "大气办有关成员单位" in str(error.value)
        with pytest.raises(InputError, match="未知单位「局」"):
            find_unit(session, "局")  # inside many names: a question, not an answer
        with pytest.raises(InputError, match="未知单位「宣传部」"):
            find_unit(session, "宣传部")


def test_notes_say_how_a_name_was_understood(seeded):
    with seeded.read() as session:
        notes: list[str] = []
        unit = resolve_unit(session, "住房和城乡建设局", "空气 第 5 项任务", notes)
    assert unit.name == "住建局"
    assert notes == ["空气 第 5 项任务：单位「住房和城乡建设局」即「住建局」。"]
