"""What an independent review of #13 found at the command line, each reproduced."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli


def test_audit_never_creates_a_database_at_a_mistyped_path(tmp_path, capsys):
    typo = tmp_path / "typo1.db"
    for action in ("verify", "log"):
        code, out, err = run_cli(capsys, "--db", str(typo), "audit", action)
        assert code == 3, err
        assert "找不到数据库" in err and "不会新建数据库" in err
        assert out == ""
        assert not typo.exists()


def test_an_empty_db_option_is_refused_not_read_as_the_default(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code, _, err = run_cli(capsys, "--db", "", "status", "住建局")
    assert code == 2
    assert "参数 --db 不能为空" in err
    assert not (tmp_path / "data").exists()


def test_a_malformed_config_is_said_in_chinese_with_its_place(tmp_path, capsys, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("garbage [[[", encoding="utf-8")
    monkeypatch.setenv("DUBAN_CONFIG", str(config))
    code, _, err = run_cli(capsys, "--db", str(tmp_path / "x.db"), "status", "住建局")
    assert code == 2
    assert "第 1 行第 9 列" in err and "键后面缺少等号（=）" in err
    assert "Expected" not in err


def test_a_config_that_is_a_folder_or_a_fifo_is_refused_without_waiting(
    tmp_path, capsys, monkeypatch
):
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in (tmp_path, fifo):
        monkeypatch.setenv("DUBAN_CONFIG", str(target))
        code, _, err = run_cli(capsys, "--db", str(tmp_path / "x.db"), "status", "住建局")
        assert code == 2, err
        assert "Is a directory" not in err and "Errno" not in err
        assert "不是普通文件" in err or "文件夹" in err


def test_a_missing_subaction_is_named_by_its_choices(capsys):
    with pytest.raises(SystemExit) as exited:
        run_cli(capsys, "audit")
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert "缺少必需的参数：{verify,log}" in err and "action" not in err.splitlines()[-1]


def test_a_docx_whose_parts_are_not_what_they_claim_is_bad_input(tmp_path, capsys):
    import zipfile

    import docx

    good = tmp_path / "good.docx"
    document = docx.Document()
    document.add_paragraph("蒲县空气质量提升2024年行动计划")
    document.save(str(good))
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = (
                    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    b'package/2006/content-types"/>'
                )
            target.writestr(item, data)
    code, _, err = run_cli(
        capsys, "--db", str(tmp_path / "x.db"), "import-plan", str(bad), "--dry-run"
    )
    assert code == 2
    assert "不是有效的 .docx 文档" in err and "程序内部出错" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ("status", "甲" * 5000),
        ("audit", "log", "--task", "x" * 5000),
        ("group", "丁" * 5000),
    ],
)
def test_a_huge_name_is_not_printed_back_whole(seeded, capsys, argv):
    code, _, err = run_cli(capsys, "--db", str(seeded.path), *argv)
    assert code == 2
    assert len(err) < 600 and "…" in err


def test_dash_means_standard_output_for_text_and_is_refused_for_reports(
    seeded, capsys, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "--db", str(seeded.path), "export", "plans", "-o", "-")
    assert code == 0 and out.startswith("{")
    code, _, err = run_cli(capsys, "--db", str(seeded.path), "export", "scorecards", "-o", "-")
    assert code == 2 and "不能输出到标准输出" in err
    assert not (tmp_path / "-").exists()
