"""`duban verify FILE`: the file against its signed manifest, and the audit chain's head.

The file and signature come first and need no database: with `--public-key office.pub`
any machine can check them (a bad key file is said as such, exit 1, before any database
is looked at). Without it the key is this machine's office key, else — when the database
at hand is the one the file names — the key that database records, said as not
independently confirmed.

The chain head is checked against a database named explicitly (`--db`, DUBAN_DB): one of
another identity is a failure naming both. The default database is used only when it is
the file's own (its identity matches); otherwise the chain is said as not checked — a
receiver with a duban of their own can verify what they were sent. Databases are opened
read-only and never created, seeded or migrated.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from model.core.errors import DatabaseError, InputError
from tui.cli.common import database_path

if TYPE_CHECKING:
    from model.store.chain_signing import Chain

VERIFY_FAILED = 1


def _database(path: Path) -> tuple[Chain, tuple[str, str | None] | None]:
    from model.store.chain_signing import identity, open_existing, read_chain

    with open_existing(path) as database, database.read() as reader:
        return read_chain(reader), identity(reader)


def run(args: argparse.Namespace) -> int:
    from exports import strings as export_strings
    from exports.signing import (
        AnyManifest,
        InterruptedExport,
        LegacyManifest,
        check_file,
        check_legacy,
        check_signature,
    )
    from model.core.keys import read_public_key
    from model.store.chain_signing import TrustedKey, head_problem, trusted_key

    def failed(reason: object) -> int:
        print(export_strings.VERIFY_FAILED.format(reason=reason), file=sys.stderr)
        return VERIFY_FAILED

    # 1. The file against its manifest, and the key named to check with: no database yet.
    # A file that matches only a staged manifest (an interrupted export) is judged once the
    # trusted key is known: the staged manifest counts only if the office signed it.
    interrupted: InterruptedExport | None = None
    try:
        try:
            manifest: AnyManifest = check_file(args.file)
        except InterruptedExport as error:
            interrupted, manifest = error, error.staged
        public_key: Path | None = getattr(args, "public_key", None)
        option = None if public_key is None else read_public_key(public_key)
    except InputError as error:
        return failed(error)
    path, is_default = database_path(args)
    explicit = not is_default
    # 2. The database: named (it must be the file's), or the default if it is the file's.
    chain = found = None
    not_checked = export_strings.VERIFY_NO_CHAIN
    if explicit or path.exists():
        try:
            chain, found = _database(path)
        except DatabaseError:
            if explicit:
                raise
            chain, not_checked = None, export_strings.VERIFY_CHAIN_DEFAULT_UNREADABLE
    other_database = (
        not isinstance(manifest, LegacyManifest)
        and found is not None
        and found[0] != manifest.database_uuid
    )
    if other_database and not explicit:
        chain, found, not_checked = None, None, export_strings.VERIFY_CHAIN_NOT_THIS_DB
        other_database = False
    # 3. The signature.
    lines = []
    try:
        if isinstance(manifest, LegacyManifest):
            check_legacy(manifest)
            signer = export_strings.VERIFY_OK_LEGACY.format(key_id=manifest.key_id)
        else:
            notes: list[str] = []
            key = (
                TrustedKey(option, "option")
                if option is not None
                else trusted_key(found[1] if found and not other_database else None, None, notes)
            )
            if key is None:
                return failed(
                    export_strings.VERIFY_NO_TRUSTED_KEY.format(fingerprint=manifest.fingerprint)
                )
            if interrupted is not None:
                database_uuid = found[0] if found and not other_database else None
                return failed(interrupted.judged(key.public_hex, database_uuid))
            check_signature(manifest, key.public_hex)
            source = {
                "option": export_strings.VERIFY_SOURCE_OPTION,
                "machine": export_strings.VERIFY_SOURCE_MACHINE,
                "database": export_strings.VERIFY_SOURCE_DATABASE,
            }[key.source]
            signer = export_strings.VERIFY_OK_SIGNER.format(
                fingerprint=key.fingerprint, source=source
            )
    except InputError as error:
        return failed(error)
    details = dict(
        path=args.file,
        kind=export_strings.kind_name(manifest.kind),
        as_of=manifest.as_of,
        sha256=manifest.sha256,
    )
    # 4. The chain: a failure here still says that the file and its signature hold.
    problem = None
    if other_database:
        assert found is not None and not isinstance(manifest, LegacyManifest)
        problem = export_strings.VERIFY_OTHER_DATABASE.format(
            signed=manifest.database_uuid, db=path, found=found[0]
        )
    elif chain is not None:
        problem = head_problem(chain, manifest.audit_head_id, manifest.audit_head_hash)
    if problem is not None:
        print(export_strings.VERIFY_OK_FILE_ONLY.format(**details))
        print(signer)
        return failed(problem)
    lines = [export_strings.VERIFY_OK_FILE.format(**details), signer]
    if chain is None:
        lines.append(not_checked)
    else:
        lines.append(export_strings.VERIFY_OK_CHAIN.format(head_id=manifest.audit_head_id, db=path))
    print("\n".join(lines))
    return 0
