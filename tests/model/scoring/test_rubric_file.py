"""The user's rubric file: where it lives, how it is first written, each refusal of it in
full; and how a band is coloured by its place in the rubric."""

from __future__ import annotations

import datetime as dt
import errno
import tomllib

import pytest

from model.core import strings
from model.core.errors import InputError
from model.core.os_errors import describe_os_error
from model.scoring.rubric import (
    BandTone,
    band_tone,
    default_rubric,
    default_rubric_text,
    effective_rubric,
    ensure_user_rubric,
    load_rubric_file,
    user_rubric_path,
)
from model.scoring.scorecards import ScoreBoard

BANDS = ("优秀", "良好", "合格", "不合格")


@pytest.mark.parametrize(
    ("bands", "rating", "tone"),
    [
        (BANDS, "优秀", BandTone.TOP),
        (BANDS, "良好", BandTone.MIDDLE),
        (BANDS, "合格", BandTone.MIDDLE),
        (BANDS, "不合格", BandTone.BOTTOM),
        (BANDS, "未评", BandTone.MIDDLE),
        (("达标", "未达标"), "未达标", BandTone.BOTTOM),
        (("达标",), "达标", BandTone.TOP),  # one band is the best, not the worst
        ((), "优秀", BandTone.MIDDLE),
    ],
)
def test_a_band_is_coloured_by_its_place(bands, rating, tone):
    assert band_tone(bands, rating) is tone
    board = ScoreBoard(2023, dt.date(2023, 12, 31), "细则", "", bands, (), (), False)
    assert board.tone(rating) is tone


def test_the_users_rubric_is_written_once_beside_the_config_file(tmp_path, monkeypatch):
    config = tmp_path / "一层" / "两层" / "config.toml"
    monkeypatch.setenv("DUBAN_CONFIG", str(config))
    assert user_rubric_path() == config.with_name("rubric.toml")
    rubric, path = effective_rubric()
    assert path == config.with_name("rubric.toml")
    text = path.read_bytes().decode("utf-8")
    assert text.startswith(strings.RUBRIC_FILE_HEADER)
    assert tomllib.loads(text) == tomllib.loads(default_rubric_text())
    assert rubric == default_rubric()
    # an edited file is read as it is, never written over
    name = f'name = "{default_rubric().name}"'
    assert name in text
    path.write_text(text.replace(name, 'name = "改过的"', 1), encoding="utf-8")
    edited, _ = effective_rubric()
    assert edited.name == "改过的"


def test_the_rubric_is_written_into_a_folder_that_already_exists(tmp_path):
    path = tmp_path / "rubric.toml"
    assert ensure_user_rubric(path) == path
    assert load_rubric_file(path).name == default_rubric().name
    mine = tmp_path / "mine.toml"
    assert effective_rubric(mine) == (default_rubric(), mine)
    assert mine.exists() and not user_rubric_path().exists()


def test_each_refusal_of_the_rubric_file_names_it(tmp_path):
    missing = tmp_path / "none.toml"
    with pytest.raises(InputError) as caught:
        load_rubric_file(missing)
    detail = describe_os_error(FileNotFoundError(errno.ENOENT, "No such file", str(missing)))
    assert str(caught.value) == strings.RUBRIC_UNREADABLE.format(path=missing, detail=detail)
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes("名称".encode("gbk"))
    with pytest.raises(InputError) as caught:
        load_rubric_file(gbk)
    assert str(caught.value) == strings.RUBRIC_NOT_UTF8.format(path=gbk)
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + default_rubric_text().encode())
    assert load_rubric_file(bom).name == default_rubric().name
    bad = tmp_path / "bad.toml"
    bad.write_text(default_rubric_text().replace("[meta]", "[meta]\nextra = 1", 1), "utf-8")
    with pytest.raises(InputError) as caught:
        load_rubric_file(bad)
    assert str(caught.value).startswith(f"考核细则 {bad} 中 meta.extra：")
