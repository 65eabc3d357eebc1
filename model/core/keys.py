"""The office's Ed25519 signing key: where it lives, making it, backing it up, checking with it.

One key signs both the audit chain's head (model.store.chain_signing) and exported reports
(exports.signing), so this module needs no database. The secret lives in the OS keyring
(Windows Credential Manager, macOS Keychain, Secret Service on Linux); where no keyring
works the user may name a key file in the settings (`[signing] key_file`), which is made
owner-only (0600) and refused when group or others can read it. With neither there is no
key: writes are recorded unsigned and every verification says so.

Nothing here makes a key on its own: `make_key` is called only by a caller that has checked
that no database records another one, so a lost key is never replaced silently.

The v1 HMAC key of older export manifests stays in the keyring under its old name: it is
read to verify those manifests and written into every backup, never made any more.

`cryptography` and `keyring` are imported inside the functions: `duban status` and the
dashboard's first screen do not pay for them.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from model.core import strings
from model.core.errors import InputError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

SERVICE = "duban"
KEY_NAME = "office-ed25519-key"  # the Ed25519 secret, 64 hex digits
HMAC_KEY_NAME = "office-signing-key"  # the v1 HMAC key of duban-export-v1 manifests
BACKUP_SCHEME = "duban-key-backup-v1"
PASSPHRASE_ENV = "DUBAN_KEY_PASSPHRASE"
# scrypt at 2^15 × 8: about 32 MiB and a tenth of a second, once per backup or restore.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**15, 8, 1


class KeyProblem(InputError):
    """The key store cannot be used as configured (a readable key file, a corrupt key)."""


class PublicKeyProblem(InputError):
    """The public key named to verify with (--public-key) cannot be used: nothing can be
    verified, so `duban verify` and `duban audit verify` both fail with 1 (not 2)."""

    exit_code = 1


@dataclass(frozen=True)
class KeyStore:
    """Where this machine keeps the office key: the keyring, a key file, or nowhere."""

    kind: Literal["keyring", "file", "none"]
    path: Path | None = None
    problem: str | None = None  # why "none", in Chinese

    def describe(self) -> str:
        if self.kind == "file":
            return strings.KEY_STORE_FILE.format(path=self.path)
        if self.kind == "keyring":
            return strings.KEY_STORE_KEYRING
        return strings.KEY_STORE_NONE


@dataclass(frozen=True)
class OfficeKey:
    secret: bytes  # the 32-byte Ed25519 seed
    store: KeyStore

    @property
    def public_hex(self) -> str:
        return public_hex_of(self.secret)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_hex)

    def sign(self, message: bytes) -> str:
        return _private(self.secret).sign(message).hex()


def _private(secret: bytes) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(secret)


def public_hex_of(secret: bytes) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = (
        _private(secret)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return raw.hex()


def fingerprint(public_hex: str) -> str:
    """What a person compares by eye: the first 128 bits of SHA-256 of the raw public key,
    in eight groups of four (the README tells the office to publish it with the key)."""
    digest = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:32]
    return "-".join(digest[i : i + 4] for i in range(0, 32, 4))


def verify(public_hex: str, message: bytes, signature_hex: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        key.verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- where the key lives ---


def configured_key_file() -> Path | None:
    from model.core.settings import load_settings

    return load_settings().key_file


def _keyring_problem() -> str | None:
    """None when the keyring backend can keep a secret; else why not."""
    import keyring
    from keyring.backends import fail, null

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return strings.KEY_NO_KEYRING
    if isinstance(backend, null.Keyring):
        return strings.KEY_KEYRING_KEEPS_NOTHING.format(backend=type(backend).__name__)
    return None


def key_store(key_file: Path | Literal["settings"] | None = "settings") -> KeyStore:
    """A configured key file wins (the user chose it); else the keyring if it works."""
    path = configured_key_file() if key_file == "settings" else key_file
    if path is not None:
        return KeyStore("file", path)
    problem = _keyring_problem()
    if problem is not None:
        return KeyStore("none", problem=problem)
    return KeyStore("keyring")


def _check_file_mode(path: Path) -> None:
    if sys.platform == "win32":  # ACLs, not mode bits: the user profile folder guards it
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise KeyProblem(strings.KEY_FILE_TOO_OPEN.format(path=path, mode=f"{mode:o}"))


def _parse_secret(text: str, where: str) -> bytes:
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            from cryptography.hazmat.primitives import serialization
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

            key = serialization.load_pem_private_key(text.encode("ascii"), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError("not Ed25519")
            return key.private_bytes(
                serialization.Encoding.Raw,
                serialization.PrivateFormat.Raw,
                serialization.NoEncryption(),
            )
        secret = bytes.fromhex(text)
        if len(secret) != 32:
            raise ValueError("length")
        return secret
    except (ValueError, TypeError, UnicodeEncodeError) as error:
        raise KeyProblem(strings.KEY_CORRUPT.format(where=where)) from error


_KEY_FILE_BYTES = 16 * 1024  # a PEM private key is about 120 bytes


def _read_key_file(path: Path) -> str:
    """The key file's text: only a regular file (a FIFO is never waited on, a device or a
    folder is said as such, before its mode is judged), only a key."""
    from model.core.files import NotARegularFile, read_regular
    from model.core.os_errors import describe_os_error

    try:
        raw = read_regular(path, _KEY_FILE_BYTES)
    except FileNotFoundError:
        raise
    except (NotARegularFile, IsADirectoryError) as error:
        raise KeyProblem(strings.KEY_FILE_NOT_REGULAR.format(path=path)) from error
    except OSError as error:
        raise KeyProblem(
            strings.KEY_FILE_UNREADABLE.format(path=path, detail=describe_os_error(error))
        ) from error
    _check_file_mode(path)
    if b"PUBLIC KEY" in raw:
        raise KeyProblem(strings.KEY_FILE_IS_PUBLIC.format(path=path))
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError as error:
        raise KeyProblem(strings.KEY_FILE_NOT_A_KEY.format(path=path)) from error
    if len(raw) > _KEY_FILE_BYTES or not text.strip():
        raise KeyProblem(strings.KEY_FILE_NOT_A_KEY.format(path=path))
    return text


def _keyring_call(action: str, *args: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        if action == "get":
            return keyring.get_password(SERVICE, args[0])
        keyring.set_password(SERVICE, args[0], args[1])
        return None
    except KeyringError as error:
        raise KeyProblem(strings.KEY_KEYRING_FAILED.format(detail=error)) from error


def load_key(store: KeyStore | None = None) -> OfficeKey | None:
    """The office key on this machine, or None; raises KeyProblem for a store that is there
    but cannot be trusted (a key file others can read, a corrupt key)."""
    store = key_store() if store is None else store
    if store.kind == "none":
        return None
    if store.kind == "file":
        assert store.path is not None
        try:
            text = _read_key_file(store.path)
        except FileNotFoundError:
            return None
        return OfficeKey(_parse_secret(text, store.describe()), store)
    stored = _keyring_call("get", KEY_NAME)
    if stored is None:
        return None
    return OfficeKey(_parse_secret(stored, store.describe()), store)


def _pem(secret: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return _private(secret).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def save_key(store: KeyStore, secret: bytes) -> OfficeKey:
    """Keep `secret` in `store` (replacing what is there: callers decide whether they may)."""
    if store.kind == "none":
        raise KeyProblem(strings.KEY_NO_STORE.format(detail=store.problem or ""))
    if store.kind == "file":
        assert store.path is not None
        write_private_file(store.path, _pem(secret))
    else:
        _keyring_call("set", KEY_NAME, secret.hex())
        # A backend that accepts a secret and keeps nothing would lose the office key.
        if _keyring_call("get", KEY_NAME) != secret.hex():
            raise KeyProblem(strings.KEY_KEYRING_KEEPS_NOTHING.format(backend="keyring"))
    return OfficeKey(secret, store)


def make_key(store: KeyStore) -> OfficeKey:
    """A new office key kept in `store`. Callers make one only when no database they write
    records a key: see the module's docstring."""
    return save_key(store, secrets.token_bytes(32))


def write_private_file(path: Path, data: bytes) -> None:
    """Owner-only from the first byte (never chmod after writing), whole or not at all."""
    if not path.parent.is_dir():
        raise KeyProblem(strings.KEY_FILE_DIR_MISSING.format(dir=path.parent))
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as error:
        from model.core.os_errors import describe_os_error

        temporary.unlink(missing_ok=True)
        raise KeyProblem(
            strings.KEY_FILE_WRITE_FAILED.format(path=path, detail=describe_os_error(error))
        ) from error


def hmac_key() -> bytes | None:
    """The v1 HMAC key from the keyring, if this machine kept one (never made any more)."""
    if _keyring_problem() is not None:
        return None
    try:
        stored = _keyring_call("get", HMAC_KEY_NAME)
        return None if stored is None else bytes.fromhex(stored)
    except (KeyProblem, ValueError):
        return None


def save_hmac_key(key: bytes) -> None:
    if _keyring_problem() is None:
        _keyring_call("set", HMAC_KEY_NAME, key.hex())


# --- public keys as files ---


def public_key_text(public_hex: str) -> str:
    """`duban key public`: PEM (SubjectPublicKeyInfo, what openssl and other tools read)
    after two comment lines with the fingerprint; `read_public_key` skips the comments."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
    pem = key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")
    return strings.KEY_PUBLIC_FILE_HEADER.format(fingerprint=fingerprint(public_hex)) + pem


def read_public_key(path: Path) -> str:
    """A public key file (our PEM with comments, any Ed25519 PEM, or 64 hex digits) → hex.
    Read with `read_regular` (a FIFO or a device is refused, never waited on); a private
    key, a missing or unreadable file are said in words (PublicKeyProblem, exit 1)."""
    from model.core.files import NotARegularFile, read_regular
    from model.core.os_errors import describe_os_error

    try:
        raw = read_regular(path, _PUBLIC_KEY_BYTES)
    except NotARegularFile as error:
        raise PublicKeyProblem(strings.KEY_PUBLIC_NOT_A_FILE.format(path=path)) from error
    except FileNotFoundError as error:
        raise PublicKeyProblem(strings.KEY_PUBLIC_MISSING.format(path=path)) from error
    except OSError as error:
        raise PublicKeyProblem(
            strings.KEY_PUBLIC_UNREADABLE.format(path=path, detail=describe_os_error(error))
        ) from error
    if len(raw) > _PUBLIC_KEY_BYTES:
        raise PublicKeyProblem(strings.KEY_PUBLIC_BAD.format(path=path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PublicKeyProblem(strings.KEY_PUBLIC_BAD.format(path=path)) from error
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    body = body.strip()
    if "PRIVATE KEY" in body:
        raise PublicKeyProblem(strings.KEY_PUBLIC_IS_PRIVATE.format(path=path))
    try:
        if body.startswith("-----BEGIN"):
            from cryptography.hazmat.primitives import serialization
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

            key = serialization.load_pem_public_key(body.encode("ascii"))
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError("not Ed25519")
            return key.public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw
            ).hex()
        if len(body) == 64:
            bytes.fromhex(body)
            return body.lower()
        raise ValueError("length")
    except (ValueError, TypeError, UnicodeEncodeError) as error:
        raise PublicKeyProblem(strings.KEY_PUBLIC_BAD.format(path=path)) from error


_PUBLIC_KEY_BYTES = 16 * 1024  # a PEM public key is under 200 bytes


# --- passphrase-encrypted backups ---


@dataclass(frozen=True)
class Backup:
    secret: bytes
    hmac: bytes | None

    @property
    def public_hex(self) -> str:
        return public_hex_of(self.secret)


def _derive(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def backup_bytes(secret: bytes, hmac: bytes | None, passphrase: str) -> bytes:
    """A TOML file: the public key and fingerprint in clear (to tell backups apart), the
    secret and the v1 HMAC key sealed with AES-256-GCM under a scrypt-derived key; the
    public key is the associated data, so it cannot be swapped for another's."""
    import tomli_w
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    public = public_hex_of(secret)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    payload = json.dumps({"ed25519": secret.hex(), "hmac": None if hmac is None else hmac.hex()})
    sealed = AESGCM(_derive(passphrase, salt)).encrypt(
        nonce, payload.encode("ascii"), f"{BACKUP_SCHEME}\n{public}".encode("ascii")
    )
    body = {
        "scheme": BACKUP_SCHEME,
        "public_key": public,
        "fingerprint": fingerprint(public),
        "kdf": {
            "name": "scrypt",
            "n": _SCRYPT_N,
            "r": _SCRYPT_R,
            "p": _SCRYPT_P,
            "salt": salt.hex(),
        },
        "cipher": {"name": "AES-256-GCM", "nonce": nonce.hex(), "data": sealed.hex()},
    }
    return (strings.KEY_BACKUP_HEADER + tomli_w.dumps(body)).encode("utf-8")


def read_backup(data: bytes, passphrase: str, *, where: str) -> Backup:
    import tomllib

    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        body = tomllib.loads(data.decode("utf-8"))
        if body.get("scheme") != BACKUP_SCHEME:
            raise ValueError("scheme")
        public = str(body["public_key"])
        kdf, cipher = body["kdf"], body["cipher"]
        if (kdf["n"], kdf["r"], kdf["p"]) != (_SCRYPT_N, _SCRYPT_R, _SCRYPT_P):
            raise ValueError("kdf")  # never let a file choose a cost that hangs the machine
        salt, nonce = bytes.fromhex(kdf["salt"]), bytes.fromhex(cipher["nonce"])
        sealed = bytes.fromhex(cipher["data"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise InputError(strings.KEY_BACKUP_BAD.format(path=where)) from error
    try:
        payload = AESGCM(_derive(passphrase, salt)).decrypt(
            nonce, sealed, f"{BACKUP_SCHEME}\n{public}".encode("ascii")
        )
    except InvalidTag:
        raise InputError(strings.KEY_BACKUP_WRONG_PASSPHRASE) from None
    except ValueError as error:
        raise InputError(strings.KEY_BACKUP_BAD.format(path=where)) from error
    content = json.loads(payload)
    secret = bytes.fromhex(content["ed25519"])
    hmac = None if content.get("hmac") is None else bytes.fromhex(content["hmac"])
    if public_hex_of(secret) != public:
        raise InputError(strings.KEY_BACKUP_BAD.format(path=where))
    return Backup(secret, hmac)


PASSPHRASE_MIN = 8  # for a new backup; a restore takes whatever the backup was made with


def passphrase(*, twice: bool) -> str:
    """DUBAN_KEY_PASSPHRASE for scripts and tests, else asked at the terminal (twice when a
    backup is made: a typo there would lock the key away for good). With no terminal and
    no DUBAN_KEY_PASSPHRASE it is refused with a hint (never Python's GetPassWarning);
    ctrl+d at the prompt is a refusal (exit 2), ctrl+c an interruption (130). A backup's
    passphrase has at least PASSPHRASE_MIN characters."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given is None:
        given = _ask(twice=twice)
    if not given:
        raise InputError(strings.KEY_PASSPHRASE_EMPTY)
    if twice and len(given) < PASSPHRASE_MIN:
        raise InputError(strings.KEY_PASSPHRASE_SHORT.format(least=PASSPHRASE_MIN))
    return given


def _ask(*, twice: bool) -> str:
    import getpass

    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise InputError(strings.KEY_PASSPHRASE_NO_TERMINAL.format(env=PASSPHRASE_ENV))
    try:
        given = getpass.getpass(strings.KEY_PASSPHRASE_PROMPT)
        if twice and getpass.getpass(strings.KEY_PASSPHRASE_AGAIN) != given:
            raise InputError(strings.KEY_PASSPHRASE_MISMATCH)
    except EOFError:
        raise InputError(strings.KEY_PASSPHRASE_ENDED) from None
    return given


__all__ = [
    "Backup",
    "KeyProblem",
    "KeyStore",
    "OfficeKey",
    "PublicKeyProblem",
    "backup_bytes",
    "fingerprint",
    "hmac_key",
    "key_store",
    "load_key",
    "make_key",
    "passphrase",
    "public_hex_of",
    "public_key_text",
    "read_backup",
    "read_public_key",
    "save_hmac_key",
    "save_key",
    "verify",
]
