"""The office key: keyring, a 0600 key file, none; backups sealed under a passphrase."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null

from model.core.errors import InputError
from model.core.keys import (
    KeyProblem,
    backup_bytes,
    key_store,
    load_key,
    make_key,
    public_key_text,
    read_backup,
    read_public_key,
    verify,
)


def test_keyring_store_makes_keeps_and_signs(memory_keyring):
    memory_keyring.secrets.clear()
    store = key_store()
    assert store.kind == "keyring" and load_key(store) is None
    key = make_key(store)
    assert load_key(store) == key
    assert ("duban", "office-ed25519-key") in memory_keyring.secrets
    signature = key.sign(b"message")
    assert verify(key.public_hex, b"message", signature)
    assert not verify(key.public_hex, b"other", signature)


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring], ids=["fail", "null"])
def test_no_keyring_and_no_key_file_means_no_key(backend):
    keyring.set_keyring(backend())
    store = key_store()
    assert store.kind == "none" and store.problem
    assert load_key(store) is None
    with pytest.raises(KeyProblem):
        make_key(store)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_key_file_is_made_owner_only_and_refused_when_others_can_read(tmp_path):
    keyring.set_keyring(fail.Keyring())
    path = tmp_path / "office.key"
    Path(os.environ["DUBAN_CONFIG"]).write_text(
        f'[signing]\nkey_file = "{path.as_posix()}"\n', encoding="utf-8"
    )
    store = key_store()
    assert store.kind == "file" and store.path == path
    key = make_key(store)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key(store) == key
    path.chmod(0o644)
    with pytest.raises(KeyProblem, match="chmod 600"):
        load_key(store)


def test_public_key_file_round_trip(tmp_path):
    key = make_key(key_store())
    path = tmp_path / "office.pub"
    path.write_text(public_key_text(key.public_hex), encoding="utf-8")
    assert read_public_key(path) == key.public_hex
    assert key.fingerprint in path.read_text(encoding="utf-8")
    path.write_text("not a key", encoding="utf-8")
    with pytest.raises(InputError, match="公钥文件格式不对"):
        read_public_key(path)


def test_backup_round_trip_and_wrong_passphrase():
    key = make_key(key_store())
    data = backup_bytes(key.secret, b"h" * 32, "口令 one")
    assert key.secret.hex() not in data.decode("utf-8")
    restored = read_backup(data, "口令 one", where="backup")
    assert restored.secret == key.secret and restored.hmac == b"h" * 32
    with pytest.raises(InputError, match="口令不对"):
        read_backup(data, "wrong", where="backup")
    with pytest.raises(InputError, match="不是有效的"):
        read_backup(b"garbage", "口令 one", where="backup")
