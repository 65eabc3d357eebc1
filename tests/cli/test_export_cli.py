"""`duban export` of the reports, signing and `duban verify`, and every refusal."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null

from exports import files as export_files
from model.store.audit import event_digest
from tests.conftest import run_cli

run = run_cli
AS_OF = ("--as-of", "2023-11-15")


@pytest.fixture
def demo_path(demo_template, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


def export(capsys, demo_path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "export", *args, *AS_OF, "--db", str(demo_path))


def test_export_signs_and_verify_accepts(capsys, demo_path, tmp_path, memory_keyring):
    out = tmp_path / "进展.xlsx"
    code, _, err = export(capsys, demo_path, "progress", "--format", "xlsx", "-o", str(out))
    assert code == 0, err
    assert "已写出" in err and "已签名" in err
    manifest = out.with_name("进展.xlsx.sig.toml")
    text = manifest.read_text(encoding="utf-8")
    assert 'kind = "progress"' in text and 'as_of = "2023-11-15"' in text
    assert "audit_head_hash" in text and "signature" in text and "database_uuid" in text
    assert 'scheme = "duban-export-v2"' in text and 'file = "进展.xlsx"' in text
    assert list(memory_keyring.secrets) == [("duban", "office-ed25519-key")]
    code, out_text, err = run(capsys, "verify", str(out), "--db", str(demo_path))
    assert code == 0, err
    assert out_text.startswith("校验通过") and "审计链" in out_text


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("target", "offset", "reason"),
    [
        ("file", 100, "文件已被改动"),
        ("file", -1, "文件已被改动"),
        ("manifest", 0, "清单"),
        ("manifest", -5, "清单"),
    ],
)
def test_one_changed_byte_fails_verification(capsys, demo_path, tmp_path, target, offset, reason):
    out = tmp_path / "通报.md"
    assert export(capsys, demo_path, "bulletin", "--format", "md", "-o", str(out))[0] == 0
    manifest = out.with_name(out.name + ".sig.toml")
    victim = out if target == "file" else manifest
    flip_byte(victim, offset if offset >= 0 else victim.stat().st_size + offset)
    code, _, err = run(capsys, "verify", str(out), "--db", str(demo_path))
    assert code == 1 and "校验失败" in err and reason in err


def test_changed_signature_in_manifest_fails(capsys, demo_path, tmp_path):
    out = tmp_path / "表.csv"
    assert export(capsys, demo_path, "scorecards", "--format", "csv", "-o", str(out))[0] == 0
    manifest = out.with_name(out.name + ".sig.toml")
    text = manifest.read_text(encoding="utf-8")
    start = text.index('signature = "') + len('signature = "')
    forged = text[:start] + ("0" if text[start] != "0" else "1") + text[start + 1 :]
    manifest.write_text(forged, encoding="utf-8")
    code, _, err = run(capsys, "verify", str(out), "--db", str(demo_path))
    assert code == 1 and "签名不符" in err


def rewrite_chain(path: Path, from_id: int) -> None:
    """What a forger with the database would do: change an event, recompute every hash."""
    connection = sqlite3.connect(path)
    connection.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    columns = "id, at, actor, action, entity, entity_id, before_json, after_json, reason, prev_hash"
    rows = connection.execute(
        f"SELECT {columns} FROM audit_event WHERE id >= ? ORDER BY id", (from_id,)
    ).fetchall()
    previous = connection.execute(
        "SELECT hash FROM audit_event WHERE id = ?", (from_id - 1,)
    ).fetchone()[0]
    names = columns.split(", ")
    for values in rows:
        fields = dict(zip(names, values, strict=True))
        if fields["id"] == from_id:
            fields["reason"] = "改写"
        fields["prev_hash"] = previous
        digest = event_digest(**fields)
        connection.execute(
            "UPDATE audit_event SET reason = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (fields["reason"], previous, digest, fields["id"]),
        )
        previous = digest
    connection.commit()
    connection.close()


def test_rewritten_audit_chain_fails_verification(capsys, demo_path, tmp_path):
    out = tmp_path / "评分.docx"
    assert export(capsys, demo_path, "scorecards", "--format", "docx", "-o", str(out))[0] == 0
    assert run(capsys, "verify", str(out), "--db", str(demo_path))[0] == 0
    rewrite_chain(demo_path, 10)
    code, _, err = run(capsys, "verify", str(out), "--db", str(demo_path))
    assert code == 1 and "审计链已被改写" in err


def test_edited_event_breaks_the_chain_under_the_head(capsys, demo_path, tmp_path):
    out = tmp_path / "评分.md"
    assert export(capsys, demo_path, "scorecards", "--format", "md", "-o", str(out))[0] == 0
    connection = sqlite3.connect(demo_path)
    connection.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    connection.execute("UPDATE audit_event SET actor = '他人' WHERE id = 3")
    connection.commit()
    connection.close()
    code, _, err = run(capsys, "verify", str(out), "--db", str(demo_path))
    assert code == 1 and "第 3 条事件" in err


def test_verify_with_another_key_or_none(capsys, demo_path, tmp_path, memory_keyring):
    out = tmp_path / "通报.csv"
    assert export(capsys, demo_path, "bulletin", "--format", "csv", "-o", str(out))[0] == 0
    memory_keyring.secrets.clear()
    code, _, err = run(capsys, "verify", str(out), "--db", str(demo_path))
    assert code == 1 and "无法确认签名者" in err and "--public-key" in err
    memory_keyring.secrets[("duban", "office-ed25519-key")] = "ab" * 32
    code, _, err = run(capsys, "verify", str(out), "--db", str(demo_path))
    assert code == 1 and "另一把密钥" in err


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring], ids=["fail", "null"])
def test_no_keyring_backend_refuses_unless_unsigned(capsys, demo_path, tmp_path, backend):
    keyring.set_keyring(backend())
    out = tmp_path / "通报.docx"
    code, _, err = export(capsys, demo_path, "bulletin", "--format", "docx", "-o", str(out))
    assert code == 2
    assert "keyring" in err and "PYTHON_KEYRING_BACKEND" in err and "--unsigned" in err
    assert "未写出任何文件" in err
    assert not list(tmp_path.glob("通报*"))  # nothing written, least of all a key file
    code, _, err = export(
        capsys, demo_path, "bulletin", "--format", "docx", "-o", str(out), "--unsigned"
    )
    assert code == 0 and "未签名" in err
    assert out.exists() and not out.with_name(out.name + ".sig.toml").exists()
    code, _, err = run(capsys, "verify", str(out), "--db", str(demo_path))
    assert code == 1 and "找不到签名清单" in err


def test_unsigned_overwrite_removes_a_stale_manifest(capsys, demo_path, tmp_path):
    out = tmp_path / "表.md"
    assert export(capsys, demo_path, "progress", "--format", "md", "-o", str(out))[0] == 0
    code, _, _ = export(
        capsys, demo_path, "progress", "--format", "md", "-o", str(out), "--force", "--unsigned"
    )
    assert code == 0 and not out.with_name(out.name + ".sig.toml").exists()


def test_default_output_is_the_export_folder_with_a_dated_chinese_name(capsys, demo_path):
    code, _, err = export(capsys, demo_path, "notice", "--unit", "克城镇", "--format", "docx")
    assert code == 0, err
    folder = Path(os.environ["HOME"]) / "Documents" / "督办导出"
    assert (folder / "督办通知单_克城镇_演示_2023-11-15.docx").exists()
    assert (folder / "督办通知单_克城镇_演示_2023-11-15.docx.sig.toml").exists()


def test_configured_export_folder(capsys, demo_path, tmp_path):
    folder = tmp_path / "上报"
    Path(os.environ["DUBAN_CONFIG"]).write_text(
        f'[export]\nfolder = "{folder.as_posix()}"\n', encoding="utf-8"
    )
    code, _, err = export(capsys, demo_path, "progress", "--plan", "空气", "--format", "csv")
    assert code == 2 and "输出目录不存在" in err  # a configured folder is not made up
    folder.mkdir()
    code, _, err = export(capsys, demo_path, "progress", "--plan", "空气", "--format", "csv")
    assert code == 0, err
    rows = list(
        csv.reader(
            io.StringIO(
                (folder / "重点任务进展情况表_空气_演示_2023-11-15.csv").read_text(
                    encoding="utf-8-sig"
                )
            )
        )
    )
    assert rows[0][0] == "序号" and len(rows) == 24


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("notice", "--format", "docx"), "须指定单位"),
        (("notice", "--unit", "天宫局", "--format", "docx"), "未知单位"),
        (("notice", "--unit", "交警大队", "--format", "md"), "没有逾期、滞后或未报送的事项"),
        (("notice", "--unit", "克城镇", "--notice", "督办〔2023〕2号"), "不是「克城镇」"),
        (("notice", "--unit", "克城镇", "--notice", "督办〔2023〕99号"), "没有督办单"),
        (("progress", "--plan", "天空"), "没有计划「天空」"),
        (("bulletin", "--plan", "air"), "只适用于重点任务进展情况表"),
        (("bulletin", "--format", "toml"), "格式 toml 不适用于 bulletin"),
    ],
)
def test_bad_requests_write_nothing(capsys, demo_path, tmp_path, args, message):
    out = tmp_path / "out.file"
    code, _, err = export(capsys, demo_path, *args, "-o", str(out))
    assert code == 2 and message in err
    assert not out.exists() and not list(tmp_path.glob("out.file*"))


def test_an_issued_notice_by_its_number_alone(capsys, demo_path, tmp_path):
    out = tmp_path / "n.md"
    args = ("notice", "--notice", "督办〔2023〕1号", "--format", "md", "--unsigned")
    code, _, err = run(capsys, "export", *args, "--as-of", "2023-12-20", "--db", str(demo_path))
    assert code == 0, err
    # No -o: the export folder, under the notice's number; the notice as issued on 11-06.
    folder = Path(os.environ["HOME"]) / "Documents" / "督办导出"
    (written,) = folder.glob("督办通知单_督办〔2023〕1号_*2023-12-20.md")
    text = written.read_text(encoding="utf-8")
    assert "克城镇：" in text and "截至2023年11月6日" in text and "2023年11月13日前" in text
    code, _, err = run(
        capsys, "export", *args, "--as-of", "2023-11-05", "--db", str(demo_path), "-o", str(out)
    )
    assert code == 2 and "早于下发日期" in err and not out.exists()


def test_issued_notice_sheet(capsys, demo_path, tmp_path):
    out = tmp_path / "n.md"
    args = ("notice", "--unit", "克城镇", "--notice", "督办〔2023〕1号", "--format", "md")
    code, _, err = export(capsys, demo_path, *args, "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "督办〔2023〕1号" in text and "2023年11月13日前" in text


def test_existing_file_refused_without_force(capsys, demo_path, tmp_path):
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"keep me")
    code, _, err = export(capsys, demo_path, "progress", "-o", str(out))
    assert code == 2 and "已存在" in err and out.read_bytes() == b"keep me"
    assert export(capsys, demo_path, "progress", "-o", str(out), "--force")[0] == 0
    assert out.read_bytes().startswith(b"PK")
    assert out.stat().st_mode & 0o777 == 0o644  # a document to share, not a private temp file


def test_missing_or_read_only_directory(capsys, demo_path, tmp_path):
    code, _, err = export(capsys, demo_path, "progress", "-o", str(tmp_path / "无" / "x.xlsx"))
    assert code == 2 and "输出目录不存在" in err
    locked = tmp_path / "只读"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = export(capsys, demo_path, "progress", "-o", str(locked / "x.xlsx"))
        assert code == 2 and "输出目录不可写" in err
        assert not list(locked.iterdir())
    finally:
        locked.chmod(0o700)


def test_interrupted_export_leaves_no_partial_file(capsys, demo_path, tmp_path, monkeypatch):
    out = tmp_path / "x.docx"
    real_fsync = os.fsync

    def interrupted(fd: int) -> None:
        real_fsync(fd)
        raise KeyboardInterrupt

    class ExportOs:
        """The export module's `os`, with its fsync interrupted: the rest of the process
        (the garbage collector's callbacks among it) keeps the real one."""

        fsync = staticmethod(interrupted)

        def __getattr__(self, name: str) -> object:
            return getattr(os, name)

    monkeypatch.setattr(export_files, "os", ExportOs())
    code, _, err = export(capsys, demo_path, "bulletin", "--format", "docx", "-o", str(out))
    assert code == 130 and "中断" in err
    assert list(tmp_path.iterdir()) == [demo_path] or not list(tmp_path.glob("*x.docx*"))
    assert not list(tmp_path.glob("*x.docx*"))


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[export]\nfolder = 3\n", "export.folder"),
        ('[export]\nfolder = ""\n', "export.folder"),
        ('[export]\ndir = "x"\n', "export.dir"),
    ],
)
def test_bad_export_setting_is_named(capsys, demo_path, tmp_path, config, message):
    Path(os.environ["DUBAN_CONFIG"]).write_text(config, encoding="utf-8")
    code, _, err = export(capsys, demo_path, "progress", "-o", str(tmp_path / "x.xlsx"))
    assert code == 2 and message in err and not (tmp_path / "x.xlsx").exists()


def test_a_later_as_of_reports_the_latest_plan_year_at_its_end(capsys, demo_path, tmp_path):
    later = ("--format", "md", "--as-of", "2026-11-28", "--db", str(demo_path))
    code, _, err = run(capsys, "export", "bulletin", *later, "-o", str(tmp_path / "b.md"))
    assert code == 0, err
    assert "截至2023年12月31日" in (tmp_path / "b.md").read_text(encoding="utf-8")
    code, _, err = run(
        capsys, "export", "progress", "--year", "2024", *later, "-o", str(tmp_path / "p.md")
    )
    assert code == 2 and "2024 年没有计划" in err


def test_a_notice_for_a_unit_with_nothing_late_points_to_notice(capsys, demo_path, tmp_path):
    code, _, err = run_cli(
        capsys,
        *("export", "notice", "--unit", "住建局", "--as-of", "2023-11-15"),
        *("--db", str(demo_path), "-o", str(tmp_path / "n.docx")),
    )
    assert code != 0 and "无需下发督办通知单" in err and "--notice" in err
    assert not (tmp_path / "n.docx").exists()
