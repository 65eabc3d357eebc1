"""Signing manifests: round trip, every field bound, any manifest bytes handled."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.signing import Manifest, check_signature, manifest_path, office_key, sign
from exports.text_formats import FORMULA_PREFIXES, safe_cell
from model.core.errors import InputError

HEAD = (42, "ab" * 32)


def signed(tmp_path: Path, data: bytes = b"report") -> tuple[Path, Manifest]:
    path = tmp_path / "报表.md"
    path.write_bytes(data)
    key = office_key(create=True)
    assert key is not None
    manifest = sign(
        key, file=path.name, data=data, kind="progress", as_of=dt.date(2023, 11, 15), head=HEAD
    )
    manifest_path(path).write_bytes(manifest.render())
    return path, manifest


def test_round_trip(tmp_path):
    path, manifest = signed(tmp_path)
    assert check_signature(path).manifest == manifest
    assert office_key(create=False) == office_key(create=True)  # made once, then reused


@pytest.mark.parametrize("field", ["sha256", "kind", "as_of", "audit_head_id", "audit_head_hash"])
def test_every_field_is_under_the_hmac(tmp_path, field):
    path, manifest = signed(tmp_path)
    value = getattr(manifest, field)
    changed = value + 1 if isinstance(value, int) else ("0" if value[0] != "0" else "1") + value[1:]
    forged = dataclasses.replace(manifest, **{field: changed})
    manifest_path(path).write_bytes(forged.render())
    with pytest.raises(InputError):
        check_signature(path)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_manifest_bytes_give_a_clear_refusal(tmp_path, raw):
    path, _ = signed(tmp_path)
    manifest_path(path).write_bytes(raw)
    with pytest.raises(InputError):
        check_signature(path)


@given(st.sampled_from(FORMULA_PREFIXES), st.text(max_size=30))
def test_formula_prefixes_are_neutralised(prefix, rest):
    assert safe_cell(prefix + rest) == "'" + prefix + rest


@given(st.text(max_size=30).filter(lambda s: not s.startswith(FORMULA_PREFIXES)))
def test_other_text_is_untouched(text):
    assert safe_cell(text) == text
