"""`duban audit verify | log`: check the hash chain and the data, or list the events."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from model.core.times import local_time
from tui import strings
from tui.cli.common import open_database

if TYPE_CHECKING:
    from model.store.db import UnitOfWork

# The exit code when the chain or the data disagree with the audit trail.
AUDIT_BROKEN = 4


def run(args: argparse.Namespace) -> int:
    from model.core.strings import AUDIT_ACTION_NAMES, VERIFY_BAD, VERIFY_OK_ALL
    from model.plans.task_refs import parse_task_ref, resolve_task
    from model.store.audit_history import audit_log, event_summary
    from model.store.audit_verify import verify_audit
    from model.units.resolver import find_unit
    from tui.text import table

    database, _ = open_database(args, existing=True)
    with database, database.read() as session:
        if args.action == "verify":
            result = verify_audit(session)
            signed = _signatures(session, getattr(args, "public_key", None), database.path)
            if result.ok:
                print(VERIFY_OK_ALL.format(rows=result.rows))
            else:
                print(VERIFY_BAD.format(count=len(result.findings)), file=sys.stderr)
                for finding in result.findings:
                    # The detail names the row in words; finding.record (table:id) is not shown.
                    print(f"  {finding.detail}", file=sys.stderr)
            return 0 if result.ok and signed else AUDIT_BROKEN
        task_id = resolve_task(session, parse_task_ref(args.task)).id if args.task else None
        unit_id = find_unit(session, args.unit)[0].id if args.unit else None
        rows = audit_log(
            session, task_id=task_id, unit_id=unit_id, since=args.since, limit=args.limit
        )
    if not rows:
        print(strings.AUDIT_EMPTY)
        return 0
    lines = table(
        strings.AUDIT_LOG_COLUMNS,
        [
            [
                str(r.id),
                local_time(r.at, seconds=True),
                r.actor,
                AUDIT_ACTION_NAMES.get(r.action, r.action),
                event_summary(r),
                r.reason or "",
            ]
            for r in rows
        ],
    )
    print("\n".join(lines))
    return 0


def _signatures(session: UnitOfWork, public_key: Path | None, path: Path) -> bool:
    """The chain's head signatures and this machine's anchor of its newest signed head
    (#13): printed, and whether they hold."""
    from model.core.strings import VERIFY_SIGNATURES_BAD
    from model.store.chain_signing import check_chain
    from model.store.reader import reader_of

    check = check_chain(reader_of(session), public_key, path)
    for line in check.lines():
        print(line)
    if check.findings:
        print(VERIFY_SIGNATURES_BAD.format(count=len(check.findings)), file=sys.stderr)
        for finding in check.findings:
            print(f"  {finding}", file=sys.stderr)
    return check.ok
