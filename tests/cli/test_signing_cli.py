"""`duban verify` with only the public key, never creating a database; `duban key`
public, backup and restore; `duban audit verify` on a rewritten chain (#13)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exports import service
from tests.cli.test_export_cli import rewrite_chain
from tests.conftest import run_cli

run = run_cli
AS_OF = ("--as-of", "2023-11-15")
PASSPHRASE = "办公室 口令 2023"


@pytest.fixture
def demo_path(demo_template, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def exported(capsys, demo_path, tmp_path) -> Path:
    out = tmp_path / "通报.md"
    code, _, err = export_bulletin(capsys, out, demo_path)
    assert code == 0, err
    return out


def export_bulletin(capsys, out: Path, demo_path: Path, *more: str, as_of: str = AS_OF[1]):
    """`duban export bulletin --format md` of the demo to `out`, as of `as_of`."""
    return run(
        capsys,
        "export",
        "bulletin",
        "--format",
        "md",
        "-o",
        str(out),
        *more,
        "--as-of",
        as_of,
        "--db",
        str(demo_path),
    )


def publish(capsys, tmp_path) -> Path:
    pub = tmp_path / "office.pub"
    code, _, err = run(capsys, "key", "public", "-o", str(pub))
    assert code == 0 and "指纹" in err
    return pub


def test_verify_anywhere_with_the_public_key_alone(
    capsys, exported, tmp_path, memory_keyring, monkeypatch
):
    pub = publish(capsys, tmp_path)
    elsewhere = tmp_path / "接收方"
    elsewhere.mkdir()
    for source in (exported, exported.with_name(exported.name + ".sig.toml"), pub):
        shutil.copy(source, elsewhere / source.name)
    memory_keyring.secrets.clear()  # the receiver has no secret and no database
    monkeypatch.chdir(elsewhere)
    code, out, err = run(
        capsys, "verify", str(elsewhere / exported.name), "--public-key", str(elsewhere / pub.name)
    )
    assert code == 0, err
    assert "校验通过" in out and "--public-key" in out and "未核对" in out
    from model.store.dbfile import default_database_path

    assert not default_database_path().exists()


def test_verify_never_creates_a_database(capsys, exported, tmp_path):
    missing = tmp_path / "没有.sqlite3"
    code, _, err = run(capsys, "verify", str(exported), "--db", str(missing))
    assert code == 3 and "数据库不存在" in err and "不会创建" in err
    assert not missing.exists()
    foreign = tmp_path / "别的.sqlite3"
    foreign.write_bytes(b"not a database at all" * 10)
    code, _, err = run(capsys, "verify", str(exported), "--db", str(foreign))
    assert code == 3 and "不是 duban 数据库" in err, err
    assert foreign.read_bytes() == b"not a database at all" * 10


def test_verify_without_keyring_has_its_own_words(capsys, exported, demo_path):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    code, _, err = run(capsys, "verify", str(exported), "--db", str(demo_path))
    assert code == 1 and "无法确认签名者" in err and "未写出任何文件" not in err


def test_a_renamed_pair_fails(capsys, exported, demo_path):
    renamed = exported.with_name("改名.md")
    exported.rename(renamed)
    exported.with_name(exported.name + ".sig.toml").rename(renamed.with_name("改名.md.sig.toml"))
    code, _, err = run(capsys, "verify", str(renamed), "--db", str(demo_path))
    assert code == 1 and "文件名与签名不符" in err


def test_an_interrupted_export_is_said_as_interrupted(capsys, exported, demo_path, monkeypatch):
    def interrupted(staged: Path, manifest: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(service, "_publish", interrupted)
    code, _, err = export_bulletin(capsys, exported, demo_path, "--force", as_of="2023-12-15")
    assert code == 130
    code, _, err = run(capsys, "verify", str(exported), "--db", str(demo_path))
    assert code == 1 and "导出被中断" in err and "改动" in err and "已被改动" not in err


def test_export_refuses_to_sign_when_the_recorded_key_is_missing(
    capsys, demo_path, tmp_path, memory_keyring
):
    # A write records this machine's key in the database; then the key is lost.
    from model.store.audit import AuditContext
    from model.store.db import open_database
    from tests.model.store.test_chain_signing import writes

    with open_database(demo_path, AuditContext(actor="测试员")) as database:
        writes(database, 1)
    memory_keyring.secrets.clear()
    out = tmp_path / "表.md"
    code, _, err = export_bulletin(capsys, out, demo_path)
    assert code == 2 and "duban key restore" in err and not out.exists()
    assert memory_keyring.secrets == {}


def test_key_backup_and_restore_round_trip(
    capsys, exported, demo_path, tmp_path, memory_keyring, monkeypatch
):
    monkeypatch.setenv("DUBAN_KEY_PASSPHRASE", PASSPHRASE)
    memory_keyring.secrets[("duban", "office-signing-key")] = "cd" * 32  # an old v1 key
    backup = tmp_path / "备份.toml"
    code, _, err = run(capsys, "key", "backup", "-o", str(backup))
    assert code == 0 and "含旧版 HMAC 密钥" in err
    kept = dict(memory_keyring.secrets)
    memory_keyring.secrets.clear()
    monkeypatch.setenv("DUBAN_KEY_PASSPHRASE", "错的口令")
    code, _, err = run(capsys, "key", "restore", str(backup), "--db", str(demo_path))
    assert code == 2 and "口令不对" in err and memory_keyring.secrets == {}
    monkeypatch.setenv("DUBAN_KEY_PASSPHRASE", PASSPHRASE)
    code, _, err = run(capsys, "key", "restore", str(backup), "--db", str(demo_path))
    assert code == 0 and "已恢复" in err
    assert memory_keyring.secrets == kept
    code, _out, err = run(capsys, "verify", str(exported), "--db", str(demo_path))
    assert code == 0, err


def test_restore_refuses_a_key_the_database_does_not_record(
    capsys, demo_path, tmp_path, memory_keyring, monkeypatch
):
    from model.store.audit import AuditContext
    from model.store.db import open_database
    from tests.model.store.test_chain_signing import writes

    monkeypatch.setenv("DUBAN_KEY_PASSPHRASE", PASSPHRASE)
    with open_database(demo_path, AuditContext(actor="测试员")) as database:
        writes(database, 1)  # records this machine's key
    memory_keyring.secrets.clear()
    from model.core.keys import key_store, make_key

    make_key(key_store())  # another key, backed up
    backup = tmp_path / "另一把.toml"
    assert run(capsys, "key", "backup", "-o", str(backup))[0] == 0
    memory_keyring.secrets.clear()
    code, _, err = run(capsys, "key", "restore", str(backup), "--db", str(demo_path))
    assert code == 2 and "不是数据库" in err and "--force" in err
    assert memory_keyring.secrets == {}


def test_audit_verify_catches_a_rewritten_chain(capsys, demo_path, tmp_path):
    from model.store.audit import AuditContext
    from model.store.db import open_database
    from tests.model.store.test_chain_signing import writes

    with open_database(demo_path, AuditContext(actor="测试员")) as database:
        writes(database, 2)
    code, out, err = run(capsys, "audit", "verify", "--db", str(demo_path))
    assert code == 0, err
    assert "签名覆盖" in out
    pub = publish(capsys, tmp_path)
    rewrite_chain(demo_path, 10)
    code, out, err = run(
        capsys, "audit", "verify", "--db", str(demo_path), "--public-key", str(pub)
    )
    assert code == 4 and "哈希与签名时不同" in err


# --- review fixes (#13) ---


@pytest.fixture
def other_database(seeded_template, tmp_path) -> Path:
    """A database of another identity: a receiver's own duban."""
    path = tmp_path / "接收方.sqlite3"
    shutil.copy(seeded_template, path)
    return path


def test_a_receiver_with_their_own_default_database_can_verify(
    capsys, exported, tmp_path, other_database, memory_keyring
):
    from model.store.dbfile import default_database_path

    pub = publish(capsys, tmp_path)
    memory_keyring.secrets.clear()
    default = default_database_path()
    default.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(other_database, default)
    code, out, err = run(capsys, "verify", str(exported), "--public-key", str(pub))
    assert code == 0, err
    assert out.splitlines()[0] == f"校验通过：{exported}"
    assert "  审计链：未核对（本机数据库不是导出该文件的数据库）" in out.splitlines()


def test_an_explicit_database_of_another_identity_fails_naming_both(
    capsys, exported, tmp_path, other_database, monkeypatch
):
    pub = publish(capsys, tmp_path)
    monkeypatch.setenv("DUBAN_DB", str(other_database))
    code, out, err = run(capsys, "verify", str(exported), "--public-key", str(pub))
    assert code == 1
    assert out.startswith(f"文件与签名核对通过：{exported}")  # said first, and still true
    assert "校验失败：该文件来自另一个数据库" in err and str(other_database) in err


@pytest.mark.parametrize("kind", ["missing", "fifo", "folder", "garbage", "private"])
def test_a_bad_public_key_is_a_key_problem_never_hidden(
    capsys, exported, tmp_path, other_database, monkeypatch, kind
):
    import os

    from model.core.keys import _pem

    bad = tmp_path / "office.pub"
    if kind == "fifo":
        os.mkfifo(bad)
    elif kind == "folder":
        bad.mkdir()
    elif kind == "garbage":
        bad.write_bytes(b"\xff\xfe not a key")
    elif kind == "private":
        bad.write_bytes(_pem(bytes.fromhex("5d" * 32)))
    monkeypatch.setenv("DUBAN_DB", str(other_database))  # never reported instead
    code, _, err = run(capsys, "verify", str(exported), "--public-key", str(bad))
    expected = {
        "missing": "找不到公钥文件",
        "fifo": "不是普通文件",
        "folder": "文件夹",
        "garbage": "公钥文件格式不对",
        "private": "是私钥，不是公钥",
    }[kind]
    assert code == 1 and expected in err, err
    assert "Errno" not in err and "另一个数据库" not in err
    code, _, err = run(
        capsys, "audit", "verify", "--db", str(other_database), "--public-key", str(bad)
    )
    assert code == 1 and expected in err, err  # the same exit code for the same problem


def test_a_staged_manifest_counts_only_if_the_office_signed_it(capsys, exported, demo_path):
    import dataclasses

    from exports.signing import manifest_path, staged_path

    text = exported.read_bytes() + "\n| 伪造 | 100 |\n".encode()
    exported.write_bytes(text)
    import hashlib

    from exports.signing import _load

    current = _load(manifest_path(exported))
    forged = dataclasses.replace(
        current,
        size=len(text),
        sha256=hashlib.sha256(text).hexdigest(),
        public_key="ab" * 32,
        signature="00" * 64,
    )
    staged_path(exported).write_bytes(forged.render())
    code, _, err = run(capsys, "verify", str(exported), "--db", str(demo_path))
    assert code == 1 and "文件已被改动" in err and "导出被中断" not in err
    # The office's own key but a junk signature: the same.
    staged_path(exported).write_bytes(
        dataclasses.replace(forged, public_key=current.public_key).render()
    )
    code, _, err = run(capsys, "verify", str(exported), "--db", str(demo_path))
    assert code == 1 and "文件已被改动" in err and "导出被中断" not in err


def _fifo(path: Path) -> Path:
    import os

    os.mkfifo(path)
    return path


def test_key_restore_of_a_fifo_is_refused_without_waiting(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DUBAN_KEY_PASSPHRASE", PASSPHRASE)
    code, _, err = run(capsys, "key", "restore", str(_fifo(tmp_path / "k.bak")))
    assert code == 2 and "不是普通文件" in err and "不是密钥备份文件" in err
    code, _, err = run(capsys, "key", "restore", str(tmp_path / "没有.bak"))
    assert code == 2 and "找不到密钥备份文件" in err and "Errno" not in err


@pytest.mark.parametrize("kind", ["fifo", "devnull", "folder", "public", "garbage"])
def test_a_configured_key_file_that_is_no_key_is_said_in_chinese(
    capsys, tmp_path, monkeypatch, kind
):
    from model.core.keys import public_key_text

    target = {
        "fifo": lambda: _fifo(tmp_path / "key.pem"),
        "devnull": lambda: Path("/dev/null"),
        "folder": lambda: tmp_path,
    }.get(kind)
    if target is not None:
        key_file = target()
    else:
        key_file = tmp_path / "key.pem"
        if kind == "public":
            key_file.write_text(public_key_text("ab" * 32), encoding="utf-8")
        else:
            key_file.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
        key_file.chmod(0o600)
    config = tmp_path / "config.toml"
    config.write_text(f'[signing]\nkey_file = "{key_file}"\n', encoding="utf-8")
    monkeypatch.setenv("DUBAN_CONFIG", str(config))
    code, _, err = run(capsys, "key", "public")
    expected = {
        "fifo": "不是普通文件",
        "devnull": "不是普通文件",
        "folder": "不是普通文件",
        "public": "是公钥，不是签名所需的私钥",
        "garbage": "没有可用的签名密钥",
    }[kind]
    assert code == 2 and expected in err, err
    assert "chmod" not in err and "codec" not in err and "Errno" not in err


def test_a_fifo_as_the_settings_file_is_refused_without_waiting(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DUBAN_CONFIG", str(_fifo(tmp_path / "config.toml")))
    code, _, err = run(capsys, "key", "public")
    assert code == 2 and "不是普通文件" in err, err


def test_key_backup_without_a_terminal_says_how_in_chinese(tmp_path):
    import os
    import subprocess
    import sys

    from model.core.keys import _pem, write_private_file

    key_file = tmp_path / "key.pem"
    write_private_file(key_file, _pem(bytes.fromhex("5d" * 32)))
    config = tmp_path / "config.toml"
    config.write_text(f'[signing]\nkey_file = "{key_file}"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DUBAN_KEY_PASSPHRASE"}
    env.update(DUBAN_CONFIG=str(config), HOME=str(tmp_path), PYTHONPATH=os.getcwd())
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "key", "backup", "-o", str(tmp_path / "k.bak")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        start_new_session=True,  # no controlling terminal to fall back on
    )
    assert done.returncode == 2, done.stderr
    assert "没有终端" in done.stderr and "DUBAN_KEY_PASSPHRASE" in done.stderr
    assert "Warning" not in done.stderr and "程序内部出错" not in done.stderr
    assert not (tmp_path / "k.bak").exists()


def test_ctrl_d_at_the_prompt_and_a_short_passphrase_are_refused(capsys, tmp_path, monkeypatch):
    import getpass
    import sys

    monkeypatch.delenv("DUBAN_KEY_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)

    def ended(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", ended)
    backup = tmp_path / "k.bak"
    code, _, err = run(capsys, "key", "backup", "-o", str(backup))
    assert code == 2 and "未输入口令" in err and not backup.exists()
    monkeypatch.setenv("DUBAN_KEY_PASSPHRASE", "短口令")
    code, _, err = run(capsys, "key", "backup", "-o", str(backup))
    assert code == 2 and "口令太短：至少 8 个字符" in err and not backup.exists()


def test_key_restore_with_a_missing_database_says_so_in_its_own_context(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("DUBAN_KEY_PASSPHRASE", PASSPHRASE)
    backup = tmp_path / "k.bak"
    assert run(capsys, "key", "backup", "-o", str(backup))[0] == 0
    missing = tmp_path / "missing.db"
    code, _, err = run(capsys, "key", "restore", str(backup), "--db", str(missing))
    assert code == 3 and "数据库不存在" in err and "不会创建数据库" in err
    assert "校验" not in err and "导出时所用" not in err and not missing.exists()


def test_a_deleted_identity_is_said_without_table_names(capsys, demo_path):
    import sqlite3

    connection = sqlite3.connect(demo_path)
    connection.execute("DELETE FROM database_identity")
    connection.commit()
    connection.close()
    code, out, err = run(capsys, "audit", "verify", "--db", str(demo_path))
    assert code == 4 and "缺少自身的标识记录" in err
    assert "database_identity" not in out + err
