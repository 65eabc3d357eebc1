"""Signing exports: FILE.sig.toml beside each file, an Ed25519 signature by the office key.

The key is the office's one Ed25519 key (model.core.keys), the same that signs the audit
chain's head, so a receiver holding only the published public key can check a file
without the database or the secret: `duban verify FILE --public-key office.pub`.

The manifest (scheme duban-export-v2) binds the file's name, size and SHA-256, the report
kind and as-of date, the head of the audit chain the report was computed from, the
database's UUID, and the public key with its fingerprint; the signature covers all of it
(canonical JSON of every field but the signature). Verification re-renders the manifest
from its fields and requires the same bytes, so no byte of it can change unnoticed either.
A renamed file and manifest fail: the name is signed.

Writing is staged (exports.service._write): the new manifest is written beside as
FILE.sig.toml.new, then the file is renamed into place, then the manifest. An export
interrupted between the two renames leaves the new file, the old manifest and the staged
one; verification recognises the staged manifest and says the export was interrupted,
never that a genuine file was tampered with.

Manifests of the first scheme (duban-export-v1, an HMAC under a secret kept in the
keyring) still verify where that secret is (said as 旧版签名); `duban key backup` carries
it, so it is never lost with the machine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exports import strings
from model.core.canonical import canonical_json
from model.core.errors import DubanError, InputError
from model.core.files import read_regular
from model.core.os_errors import describe_os_error

if TYPE_CHECKING:
    from model.core.keys import OfficeKey

SCHEME = "duban-export-v2"
LEGACY_SCHEME = "duban-export-v1"
SUFFIX = ".sig.toml"
STAGED_SUFFIX = ".sig.toml.new"
MANIFEST_BYTES = 64 * 1024  # a manifest is a few hundred bytes; anything larger is not one


class SigningUnavailable(InputError):
    """No office key to sign with (and none may be made): the export is not written.
    `dialog` is the same refusal in the export dialog's words (its 不签名 box)."""

    def __init__(self, message: str, dialog: str) -> None:
        super().__init__(message)
        self.dialog = dialog


@dataclass(frozen=True)
class Manifest:
    file: str
    size: int
    sha256: str
    kind: str
    as_of: str
    audit_head_id: int
    audit_head_hash: str
    database_uuid: str
    public_key: str
    fingerprint: str
    scheme: str = SCHEME
    signature: str = ""

    def message(self) -> bytes:
        """What the signature covers: every field but itself, in one spelling."""
        content = {k: v for k, v in asdict(self).items() if k != "signature"}
        return canonical_json(content).encode("utf-8")

    def render(self) -> bytes:
        import tomli_w

        header = strings.MANIFEST_HEADER.format(file=self.file)
        return (header + tomli_w.dumps(asdict(self))).encode("utf-8")


@dataclass(frozen=True)
class LegacyManifest:
    """duban-export-v1: an HMAC-SHA256 under the v1 secret in this machine's keyring."""

    file: str
    sha256: str
    kind: str
    as_of: str
    audit_head_id: int
    audit_head_hash: str
    key_id: str
    scheme: str = LEGACY_SCHEME
    hmac_sha256: str = ""

    @property
    def size(self) -> int | None:
        return None

    def message(self) -> bytes:
        parts = (
            self.scheme,
            self.sha256,
            self.kind,
            self.as_of,
            str(self.audit_head_id),
            self.audit_head_hash,
            self.key_id,
        )
        return "\n".join(parts).encode("utf-8")

    def render(self) -> bytes:
        import tomli_w

        header = strings.MANIFEST_HEADER.format(file=self.file)
        return (header + tomli_w.dumps(asdict(self))).encode("utf-8")


AnyManifest = Manifest | LegacyManifest


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


def staged_path(path: Path) -> Path:
    return path.with_name(path.name + STAGED_SUFFIX)


def signing_key(recorded: str | None) -> OfficeKey:
    """The office key to sign an export with. Made on first need only when the database
    records no key; a database that records one is never signed for by another."""
    from model.core.keys import fingerprint, key_store, load_key, make_key

    try:
        store = key_store()
        key = load_key(store)
        if key is None and recorded is None and store.kind != "none":
            key = make_key(store)
    except DubanError as error:
        raise SigningUnavailable(
            strings.SIGN_KEY_PROBLEM.format(detail=error),
            strings.SIGN_KEY_PROBLEM_DIALOG.format(detail=error),
        ) from error
    if key is None and recorded is not None:
        raise SigningUnavailable(
            strings.SIGN_KEY_MISSING.format(fingerprint=fingerprint(recorded)),
            strings.SIGN_KEY_MISSING_DIALOG.format(fingerprint=fingerprint(recorded)),
        )
    if key is None:
        raise SigningUnavailable(
            strings.KEYRING_UNAVAILABLE.format(detail=store.problem or ""),
            strings.KEYRING_UNAVAILABLE_DIALOG,
        )
    if recorded is not None and recorded != key.public_hex:
        raise SigningUnavailable(
            strings.SIGN_KEY_OTHER.format(recorded=fingerprint(recorded), machine=key.fingerprint),
            strings.SIGN_KEY_OTHER_DIALOG,
        )
    return key


def sign(
    key: OfficeKey,
    *,
    file: str,
    data: bytes,
    kind: str,
    as_of: dt.date,
    head: tuple[int, str],
    database_uuid: str,
) -> Manifest:
    unsigned = Manifest(
        file=file,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        kind=kind,
        as_of=as_of.isoformat(),
        audit_head_id=head[0],
        audit_head_hash=head[1],
        database_uuid=database_uuid,
        public_key=key.public_hex,
        fingerprint=key.fingerprint,
    )
    return Manifest(**{**asdict(unsigned), "signature": key.sign(unsigned.message())})


# --- verification ---


def _load(where: Path) -> AnyManifest:
    """The manifest at `where`, refused unless every byte is as `render` writes it."""
    try:
        raw = read_regular(where, MANIFEST_BYTES)
    except FileNotFoundError:
        raise
    except OSError as error:
        detail = describe_os_error(error)
        raise InputError(strings.VERIFY_UNREADABLE.format(path=where, detail=detail)) from error
    if len(raw) > MANIFEST_BYTES:
        raise InputError(strings.VERIFY_BAD_MANIFEST.format(path=where))
    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
        kind: type[Manifest] | type[LegacyManifest] = (
            LegacyManifest if data.get("scheme") == LEGACY_SCHEME else Manifest
        )
        manifest = kind(**data)
        for spec in fields(kind):
            expected = int if spec.type == "int" else str
            value = getattr(manifest, spec.name)
            if not isinstance(value, expected) or isinstance(value, bool):
                raise TypeError(spec.name)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError) as error:
        raise InputError(strings.VERIFY_BAD_MANIFEST.format(path=where)) from error
    if manifest.scheme not in (SCHEME, LEGACY_SCHEME):
        raise InputError(strings.VERIFY_SCHEME.format(scheme=manifest.scheme))
    if manifest.render() != raw:
        raise InputError(strings.VERIFY_MANIFEST_ALTERED.format(path=where))
    return manifest


def _mismatch(path: Path, data: bytes, manifest: AnyManifest) -> str | None:
    """Why `data` (the bytes at `path`) is not the file the manifest describes."""
    if manifest.file != path.name:
        return strings.VERIFY_NAME_CHANGED.format(name=path.name, signed=manifest.file)
    size = manifest.size
    if (size is not None and size != len(data)) or hashlib.sha256(
        data
    ).hexdigest() != manifest.sha256:
        return strings.VERIFY_FILE_ALTERED.format(path=path)
    return None


def check_file(path: Path) -> AnyManifest:
    """The file against its manifest (or a staged one): no key needed yet. Raises with the
    reason; an interrupted export is said as such, never as a tampered file."""
    try:
        data = read_regular(path)  # a FIFO or a device named by mistake is refused, not read
    except FileNotFoundError:
        raise InputError(strings.VERIFY_FILE_MISSING.format(path=path)) from None
    except OSError as error:
        detail = describe_os_error(error)
        raise InputError(strings.VERIFY_UNREADABLE.format(path=path, detail=detail)) from error
    where = manifest_path(path)
    current: AnyManifest | None
    problem: InputError | None = None
    try:
        current = _load(where)
    except FileNotFoundError:
        current = None
    except InputError as error:
        current, problem = None, error
    if current is not None:
        reason = _mismatch(path, data, current)
        if reason is None:
            return current
        problem = InputError(reason)
    staged = staged_path(path)
    try:
        pending = _load(staged)
    except (FileNotFoundError, InputError):
        pending = None
    if problem is None:
        problem = InputError(strings.VERIFY_NO_MANIFEST.format(path=where))
    if isinstance(pending, Manifest) and _mismatch(path, data, pending) is None:
        raise InterruptedExport(
            strings.VERIFY_INTERRUPTED.format(path=path, staged=staged.name),
            staged=pending,
            current=current if current is not None else _quietly(where),
            problem=problem,
        )
    raise problem


def _quietly(where: Path) -> AnyManifest | None:
    try:
        return _load(where)
    except (FileNotFoundError, InputError):
        return None


class InterruptedExport(InputError):
    """The file matches the staged manifest `FILE.sig.toml.new`, not its own: an export
    cut off between its two renames — but only if the staged manifest is the office's
    (`judged`); anyone can write a file and a staged manifest beside it."""

    def __init__(
        self, message: str, *, staged: Manifest, current: AnyManifest | None, problem: InputError
    ) -> None:
        super().__init__(message)
        self.staged = staged
        self.current = current
        self.problem = problem  # what is said when the staged manifest is not trusted

    def judged(self, public_hex: str, database_uuid: str | None = None) -> InputError:
        """This (interrupted) when the staged manifest's signature verifies under the
        trusted key and it names the same database as the manifest it was to replace (or
        `database_uuid`); otherwise the file is reported as changed."""
        try:
            check_signature(self.staged, public_hex)
        except InputError:
            return self.problem
        expected = {database_uuid} - {None}
        if isinstance(self.current, Manifest):
            expected.add(self.current.database_uuid)
        if any(uuid != self.staged.database_uuid for uuid in expected):
            return self.problem
        return self


def check_signature(manifest: Manifest, public_hex: str) -> None:
    """The manifest's signature under the trusted public key; raises with the reason."""
    from model.core.keys import fingerprint, verify

    if manifest.public_key != public_hex:
        raise InputError(
            strings.VERIFY_OTHER_KEY.format(
                signed=manifest.fingerprint, trusted=fingerprint(public_hex)
            )
        )
    if manifest.fingerprint != fingerprint(manifest.public_key) or not verify(
        public_hex, manifest.message(), manifest.signature
    ):
        raise InputError(strings.VERIFY_BAD_SIGNATURE)


def check_legacy(manifest: LegacyManifest) -> None:
    """A v1 manifest's HMAC under the v1 secret this machine kept; raises with the reason."""
    from model.core.keys import hmac_key

    key = hmac_key()
    if key is None:
        raise InputError(strings.VERIFY_LEGACY_NO_KEY)
    key_id = hashlib.sha256(b"duban-key-id\n" + key).hexdigest()[:16]
    if key_id != manifest.key_id:
        raise InputError(strings.VERIFY_LEGACY_OTHER_KEY.format(key_id=manifest.key_id))
    digest = hmac.new(key, manifest.message(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, manifest.hmac_sha256):
        raise InputError(strings.VERIFY_BAD_HMAC)
