"""`duban verify FILE`: the file against its signed manifest, and the audit chain's head.

The file and signature need no database: with `--public-key office.pub` any machine can
check them. Without it the key is this machine's office key, else — when a database is at
hand and the file names it — the key that database records, said as not independently
confirmed. The chain head is checked when a database is given (`--db`, DUBAN_DB) or the
default one exists; it is opened read-only and never created, seeded or migrated.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from model.core.errors import InputError
from tui.cli.common import database_path

VERIFY_FAILED = 1


def run(args: argparse.Namespace) -> int:
    from exports import strings as export_strings
    from exports.signing import LegacyManifest, check_file, check_legacy, check_signature
    from model.store.chain_signing import (
        head_problem,
        identity,
        open_existing,
        read_chain,
        trusted_key,
    )

    def failed(reason: object) -> int:
        print(export_strings.VERIFY_FAILED.format(reason=reason), file=sys.stderr)
        return VERIFY_FAILED

    try:
        manifest = check_file(args.file)
    except InputError as error:
        return failed(error)
    path, is_default = database_path(args)
    chain = found = None
    if not (is_default and not path.exists()):
        with open_existing(path) as database, database.read() as reader:
            chain, found = read_chain(reader), identity(reader)
    public_key: Path | None = getattr(args, "public_key", None)
    lines = [
        export_strings.VERIFY_OK_FILE.format(
            path=args.file,
            kind=export_strings.kind_name(manifest.kind),
            as_of=manifest.as_of,
            sha256=manifest.sha256,
        )
    ]
    try:
        if isinstance(manifest, LegacyManifest):
            check_legacy(manifest)
            lines.append(export_strings.VERIFY_OK_LEGACY.format(key_id=manifest.key_id))
        else:
            if found is not None and found[0] != manifest.database_uuid:
                return failed(
                    export_strings.VERIFY_OTHER_DATABASE.format(
                        signed=manifest.database_uuid, db=path, found=found[0]
                    )
                )
            notes: list[str] = []
            key = trusted_key(found[1] if found else None, public_key, notes)
            if key is None:
                return failed(
                    export_strings.VERIFY_NO_TRUSTED_KEY.format(fingerprint=manifest.fingerprint)
                )
            check_signature(manifest, key.public_hex)
            source = {
                "option": export_strings.VERIFY_SOURCE_OPTION,
                "machine": export_strings.VERIFY_SOURCE_MACHINE,
                "database": export_strings.VERIFY_SOURCE_DATABASE,
            }[key.source]
            lines.append(
                export_strings.VERIFY_OK_SIGNER.format(fingerprint=key.fingerprint, source=source)
            )
    except InputError as error:
        return failed(error)
    if chain is None:
        lines.append(export_strings.VERIFY_NO_CHAIN)
    else:
        problem = head_problem(chain, manifest.audit_head_id, manifest.audit_head_hash)
        if problem is not None:
            return failed(problem)
        lines.append(export_strings.VERIFY_OK_CHAIN.format(head_id=manifest.audit_head_id, db=path))
    print("\n".join(lines))
    return 0
