"""This machine's anchor of the newest signed head (#13): a chain cut back to an earlier
signed head passes the signatures but not the anchor; no anchor, nothing said; a restore
resets it; an anchor that cannot be written never blocks the write."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from model.store import head_anchor
from model.store.chain_signing import check_chain, take_notes
from model.store.db import Database
from tests.conftest import run_cli, sqlite_file
from tests.model.store.test_chain_signing import execute, rows, writes


def cut_back_to(path: Path, head: int) -> None:
    """What a forger with the file does: delete every event after `head`, with their
    signatures, so the chain ends at a head the office once signed."""
    execute(
        path,
        f"DELETE FROM chain_signature WHERE event_id > {head}",
        f"DELETE FROM audit_event WHERE id > {head}",
    )


def uuid_of(path: Path) -> str:
    return str(rows(path, "SELECT uuid FROM database_identity")[0][0])


def last_event(path: Path) -> int:
    return int(rows(path, "SELECT max(id) FROM audit_event")[0][0])  # type: ignore[call-overload]


def check(database: Database, anchored: bool = True):
    with database.reader() as reader:
        return check_chain(reader, None, database.path if anchored else None)


def test_each_signed_write_records_the_head_owner_only(seeded):
    writes(seeded, 2)
    anchor = head_anchor.load(seeded.path, uuid_of(seeded.path))
    assert anchor is not None
    head, digest = rows(seeded.path, "SELECT id, hash FROM audit_event ORDER BY id DESC")[0]
    assert (anchor.head.event_id, anchor.head.event_hash) == (head, digest)
    assert anchor.recorded_at == "2023-09-15T09:30:00+00:00"  # the audit context's clock
    file = head_anchor.anchor_path(seeded.path, uuid_of(seeded.path))
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert [p.name for p in file.parent.iterdir()] == [file.name]  # no temporary left


def test_a_chain_cut_back_to_an_earlier_signed_head_is_caught(seeded):
    writes(seeded, 4)
    last = last_event(seeded.path)
    assert check(seeded).ok
    cut_back_to(seeded.path, last - 2)
    # The signatures alone pass: the state left is one the office once signed.
    assert check(seeded, anchored=False).ok
    result = check(seeded)
    assert result.findings == (
        f"本机记录的最新签名在第 {last} 条事件（记录于 2023-09-15 09:30），"
        f"数据库的审计链现在只到第 {last - 2} 条：审计链在 duban 之外被截短或改写。",
    )


def test_an_anchored_event_with_another_hash_is_caught(seeded):
    writes(seeded, 2)
    anchor = head_anchor.load(seeded.path, uuid_of(seeded.path))
    assert anchor is not None
    other = head_anchor.Anchor(
        head_anchor.SignedHead(anchor.head.database_uuid, anchor.head.event_id, "ab" * 32),
        anchor.recorded_at,
    )
    problem = head_anchor.finding(other, {anchor.head.event_id: anchor.head.event_hash})
    assert problem is not None and f"第 {anchor.head.event_id} 条已与当时不同" in problem


def test_no_anchor_no_finding(seeded):
    writes(seeded, 3)
    last = last_event(seeded.path)
    head_anchor.anchor_path(seeded.path, uuid_of(seeded.path)).unlink()
    cut_back_to(seeded.path, last - 1)
    result = check(seeded)
    assert result.ok and not any("本机记录" in line for line in result.lines())


def test_a_copy_written_elsewhere_leaves_the_original_alone(seeded, tmp_path):
    """A copy shares the UUID; its writes anchor its own path, not the original's."""
    writes(seeded, 1)
    copy = tmp_path / "copy.sqlite3"
    with sqlite_file(seeded.path) as source, sqlite_file(copy) as target:
        source.backup(target)
    from model.store.db import open_database

    with open_database(copy, seeded.context) as other:
        writes(other, 3)
    assert check(seeded).ok


def test_an_anchor_that_cannot_be_written_never_blocks_the_write(seeded, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(head_anchor, "anchor_folder", lambda: blocker / "anchors")
    before = last_event(seeded.path)
    writes(seeded, 2)
    # Two notes and the signing.start event of the template's first signed write.
    assert last_event(seeded.path) == before + 3
    notes = [n for n in take_notes() if "启用签名" not in n]
    assert len(notes) == 1 and "未能记下最新签名的位置" in notes[0]
    assert check(seeded).ok  # nothing anchored, nothing said


def test_audit_verify_prints_the_finding_and_restore_resets_the_anchor(seeded, tmp_path, capsys):
    path = seeded.path
    writes(seeded, 1)
    backup = tmp_path / "backup.sqlite3"
    code, _, err = run_cli(capsys, "--db", str(path), "backup", "-o", str(backup))
    assert code == 0, err
    writes(seeded, 3)
    last = last_event(path)
    seeded.close()
    code, out, err = run_cli(capsys, "--db", str(path), "audit", "verify")
    assert code == 0, err
    # Restoring the backup moves the database back in time: verify stays clean.
    code, _, err = run_cli(capsys, "--db", str(path), "restore", str(backup))
    assert code == 0, err
    anchor = head_anchor.load(path, uuid_of(path))
    assert anchor is not None and anchor.head.event_id == last - 3
    code, out, err = run_cli(capsys, "--db", str(path), "audit", "verify")
    assert code == 0, err
    assert "本机记录" not in out + err
    # A cut made outside duban after the restore is caught, in words.
    with Database(path, seeded.context, seeded.busy_seconds) as database:
        writes(database, 2)
    cut_back_to(path, last - 2)
    code, out, err = run_cli(capsys, "--db", str(path), "audit", "verify")
    assert code == 4
    assert f"本机记录的最新签名在第 {last - 1} 条事件（记录于 2023-09-15 09:30）" in err
    assert f"数据库的审计链现在只到第 {last - 2} 条" in err


@pytest.mark.parametrize("signed", [True, False])
def test_restore_of_a_file_without_a_signed_head_removes_the_anchor(
    seeded, tmp_path, capsys, signed
):
    path = seeded.path
    backup = tmp_path / "backup.sqlite3"
    if signed:
        writes(seeded, 1)
    assert rows(path, "SELECT count(*) FROM chain_signature") == [(int(signed),)]
    assert run_cli(capsys, "--db", str(path), "backup", "-o", str(backup))[0] == 0
    writes(seeded, 2)
    seeded.close()
    assert head_anchor.load(path, uuid_of(path)) is not None
    code, _, err = run_cli(capsys, "--db", str(path), "restore", str(backup))
    assert code == 0, err
    assert (head_anchor.load(path, uuid_of(path)) is None) is not signed
