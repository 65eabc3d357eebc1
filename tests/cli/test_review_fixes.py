"""What an independent review of #13 found at the command line, each reproduced."""

from __future__ import annotations

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
