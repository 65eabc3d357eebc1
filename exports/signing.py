"""Signing exports: FILE.sig.toml beside each file, an HMAC-SHA256 under the office key.

The key is 32 random bytes made on first use and kept in the OS keyring (Windows
Credential Manager, macOS Keychain, Secret Service on Linux) — or whatever backend the
user named in PYTHON_KEYRING_BACKEND / keyringrc.cfg, which keyring itself honours. When
no backend works the export stops and says how to configure one: the key is never put in
a plain file behind the user's back.

The manifest binds the file's SHA-256, the report kind, the as-of date and the head of
the audit chain the report was computed from. Verification re-renders the manifest from
its fields and requires the same bytes, so no byte of it can change unnoticed either.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from exports import strings
from model.core.errors import InputError
from model.core.files import read_regular
from model.core.os_errors import describe_os_error

SERVICE = "duban"
KEY_NAME = "office-signing-key"
SCHEME = "duban-export-v1"
SUFFIX = ".sig.toml"
MANIFEST_BYTES = 64 * 1024  # a manifest is a few hundred bytes; anything larger is not one


class SigningUnavailable(InputError):
    """No usable keyring backend (or it refused): the export is not written."""


@dataclass(frozen=True)
class Manifest:
    file: str
    sha256: str
    kind: str
    as_of: str
    audit_head_id: int
    audit_head_hash: str
    key_id: str
    scheme: str = SCHEME
    hmac_sha256: str = ""

    def message(self) -> bytes:
        """What the HMAC covers: everything that says what the file is and where it came from."""
        fields = (
            self.scheme,
            self.sha256,
            self.kind,
            self.as_of,
            str(self.audit_head_id),
            self.audit_head_hash,
            self.key_id,
        )
        return "\n".join(fields).encode("utf-8")

    def render(self) -> bytes:
        import tomli_w

        header = strings.MANIFEST_HEADER.format(file=self.file)
        return (header + tomli_w.dumps(asdict(self))).encode("utf-8")


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


def _keyring_error(detail: str) -> SigningUnavailable:
    return SigningUnavailable(strings.KEYRING_UNAVAILABLE.format(detail=detail))


def office_key(*, create: bool) -> bytes | None:
    """The office key from the keyring; made and stored on first use when `create`."""
    import keyring
    from keyring.backends import fail
    from keyring.errors import KeyringError

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise _keyring_error(strings.KEYRING_NO_BACKEND)
    try:
        stored = keyring.get_password(SERVICE, KEY_NAME)
        if stored is None and create:
            made = secrets.token_hex(32)
            keyring.set_password(SERVICE, KEY_NAME, made)
            # Some backends (keyring's null backend) accept a secret and keep nothing: a
            # file signed with a key nobody kept could never be verified.
            if keyring.get_password(SERVICE, KEY_NAME) != made:
                raise _keyring_error(strings.KEYRING_NOT_KEPT.format(backend=type(backend)))
            stored = made
    except KeyringError as error:
        raise _keyring_error(f"{type(error).__name__}: {error}") from error
    if stored is None:
        return None
    try:
        return bytes.fromhex(stored)
    except ValueError as error:
        raise _keyring_error(strings.KEYRING_BAD_KEY) from error


def key_id(key: bytes) -> str:
    """A short public fingerprint: tells which key signed, reveals nothing of it."""
    return hashlib.sha256(b"duban-key-id\n" + key).hexdigest()[:16]


def _hmac(key: bytes, manifest: Manifest) -> str:
    return hmac.new(key, manifest.message(), hashlib.sha256).hexdigest()


def sign(
    key: bytes, *, file: str, data: bytes, kind: str, as_of: dt.date, head: tuple[int, str]
) -> Manifest:
    unsigned = Manifest(
        file=file,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=kind,
        as_of=as_of.isoformat(),
        audit_head_id=head[0],
        audit_head_hash=head[1],
        key_id=key_id(key),
    )
    return Manifest(**{**asdict(unsigned), "hmac_sha256": _hmac(key, unsigned)})


@dataclass(frozen=True)
class Checked:
    """A manifest whose file and signature hold; the audit head is checked by the caller."""

    manifest: Manifest


def _read_manifest(path: Path) -> tuple[Manifest, bytes]:
    where = manifest_path(path)
    try:
        raw = read_regular(where, MANIFEST_BYTES)
    except FileNotFoundError:
        raise InputError(strings.VERIFY_NO_MANIFEST.format(path=where)) from None
    except OSError as error:
        detail = describe_os_error(error)
        raise InputError(strings.VERIFY_UNREADABLE.format(path=where, detail=detail)) from error
    if len(raw) > MANIFEST_BYTES:
        raise InputError(strings.VERIFY_BAD_MANIFEST.format(path=where))
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        manifest = Manifest(**data)
        if not all(isinstance(getattr(manifest, k), str) for k in ("sha256", "kind", "as_of")):
            raise TypeError
        if not isinstance(manifest.audit_head_id, int):
            raise TypeError
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError) as error:
        raise InputError(strings.VERIFY_BAD_MANIFEST.format(path=where)) from error
    return manifest, raw


def check_signature(path: Path) -> Checked:
    """The file matches its manifest and the manifest its HMAC; raises with the reason."""
    manifest, raw = _read_manifest(path)
    where = manifest_path(path)
    if manifest.render() != raw:
        raise InputError(strings.VERIFY_MANIFEST_ALTERED.format(path=where))
    if manifest.scheme != SCHEME:
        raise InputError(strings.VERIFY_SCHEME.format(scheme=manifest.scheme))
    try:
        data = read_regular(path)  # a FIFO or a device named by mistake is refused, not read
    except OSError as error:
        detail = describe_os_error(error)
        raise InputError(strings.VERIFY_UNREADABLE.format(path=path, detail=detail)) from error
    if hashlib.sha256(data).hexdigest() != manifest.sha256:
        raise InputError(strings.VERIFY_FILE_ALTERED.format(path=path))
    key = office_key(create=False)
    if key is None:
        raise InputError(strings.VERIFY_NO_KEY)
    if key_id(key) != manifest.key_id:
        raise InputError(strings.VERIFY_OTHER_KEY.format(key_id=manifest.key_id))
    if not hmac.compare_digest(_hmac(key, manifest), manifest.hmac_sha256):
        raise InputError(strings.VERIFY_BAD_HMAC.format(path=where))
    return Checked(manifest)
