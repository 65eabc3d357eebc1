"""`duban verify FILE`: the file against its signature manifest and the audit chain."""

from __future__ import annotations

import argparse
import sys

from model.core.errors import InputError
from tui.cli.common import open_database


def run(args: argparse.Namespace) -> int:
    from exports import strings as export_strings
    from exports.signing import check_signature
    from model.store.audit_verify import head_problem

    try:
        checked = check_signature(args.file).manifest
    except InputError as error:
        print(export_strings.VERIFY_FAILED.format(reason=error), file=sys.stderr)
        return 1
    database, _ = open_database(args)
    with database, database.read() as session:
        problem = head_problem(session, checked.audit_head_id, checked.audit_head_hash)
    if problem is not None:
        print(export_strings.VERIFY_FAILED.format(reason=problem), file=sys.stderr)
        return 1
    print(
        export_strings.VERIFY_OK.format(
            path=args.file,
            kind=checked.kind,
            as_of=checked.as_of,
            sha256=checked.sha256,
            head_id=checked.audit_head_id,
        )
    )
    return 0
