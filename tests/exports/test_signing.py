"""Signing manifests (duban-export-v2): round trip, every field bound, any manifest bytes
handled, the name signed, an interrupted write recognised, v1 HMAC manifests still read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.signing import (
    LegacyManifest,
    Manifest,
    check_file,
    check_legacy,
    check_signature,
    manifest_path,
    sign,
    signing_key,
    staged_path,
)
from exports.text_formats import FORMULA_PREFIXES, safe_cell
from model.core.errors import InputError

HEAD = (42, "ab" * 32)
UUID = "12345678-1234-1234-1234-123456789abc"


def manifest_of(name: str, data: bytes) -> Manifest:
    return sign(
        signing_key(None),
        file=name,
        data=data,
        kind="progress",
        as_of=dt.date(2023, 11, 15),
        head=HEAD,
        database_uuid=UUID,
    )


def signed(tmp_path: Path, data: bytes = b"report") -> tuple[Path, Manifest]:
    path = tmp_path / "报表.md"
    path.write_bytes(data)
    manifest = manifest_of(path.name, data)
    manifest_path(path).write_bytes(manifest.render())
    return path, manifest


def test_round_trip(tmp_path):
    path, manifest = signed(tmp_path)
    assert check_file(path) == manifest
    check_signature(manifest, manifest.public_key)
    assert signing_key(None) == signing_key(manifest.public_key)  # made once, then reused


@pytest.mark.parametrize(
    "field",
    [
        "size",
        "sha256",
        "kind",
        "as_of",
        "audit_head_id",
        "audit_head_hash",
        "database_uuid",
        "file",
    ],
)
def test_every_field_is_under_the_signature(tmp_path, field):
    _path, manifest = signed(tmp_path)
    value = getattr(manifest, field)
    changed = value + 1 if isinstance(value, int) else ("0" if value[0] != "0" else "1") + value[1:]
    forged = dataclasses.replace(manifest, **{field: changed})
    with pytest.raises(InputError):
        check_signature(forged, manifest.public_key)


def test_a_renamed_pair_fails(tmp_path):
    path, _ = signed(tmp_path)
    renamed = tmp_path / "别的报表.md"
    path.rename(renamed)
    manifest_path(path).rename(manifest_path(renamed))
    with pytest.raises(InputError, match="文件名与签名不符"):
        check_file(renamed)


def test_a_staged_manifest_says_interrupted_not_tampered(tmp_path):
    path, old = signed(tmp_path, b"old report")
    # What an export interrupted between its two renames leaves: the new file in place,
    # the old manifest, the new manifest staged beside.
    staged_path(path).write_bytes(manifest_of(path.name, b"new report").render())
    path.write_bytes(b"new report")
    with pytest.raises(InputError, match="导出被中断"):
        check_file(path)
    # A staged manifest left over beside an intact old pair changes nothing.
    path.write_bytes(b"old report")
    assert check_file(path) == old


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_manifest_bytes_give_a_clear_refusal(tmp_path, raw):
    path, _ = signed(tmp_path)
    manifest_path(path).write_bytes(raw)
    with pytest.raises(InputError):
        check_file(path)


def test_a_v1_manifest_verifies_while_its_hmac_key_is_kept(tmp_path, memory_keyring):
    key = bytes(range(32))
    memory_keyring.secrets[("duban", "office-signing-key")] = key.hex()
    path = tmp_path / "旧.md"
    path.write_bytes(b"old")
    unsigned = LegacyManifest(
        file=path.name,
        sha256=hashlib.sha256(b"old").hexdigest(),
        kind="progress",
        as_of="2023-11-15",
        audit_head_id=1,
        audit_head_hash="cd" * 32,
        key_id=hashlib.sha256(b"duban-key-id\n" + key).hexdigest()[:16],
    )
    mac = hmac.new(key, unsigned.message(), hashlib.sha256).hexdigest()
    legacy = dataclasses.replace(unsigned, hmac_sha256=mac)
    manifest_path(path).write_bytes(legacy.render())
    read = check_file(path)
    assert isinstance(read, LegacyManifest)
    check_legacy(read)
    del memory_keyring.secrets[("duban", "office-signing-key")]
    with pytest.raises(InputError, match="旧版签名"):
        check_legacy(read)


@given(st.sampled_from(FORMULA_PREFIXES), st.text(max_size=30))
def test_formula_prefixes_are_neutralised(prefix, rest):
    assert safe_cell(prefix + rest) == "'" + prefix + rest


@given(st.text(max_size=30).filter(lambda s: not s.startswith(FORMULA_PREFIXES)))
def test_other_text_is_untouched(text):
    assert safe_cell(text) == text
