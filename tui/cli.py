"""The `duban` command: argument parsing and the commands that do not open the dashboard.

Heavy modules (Textual, Alembic, tomli-w) are imported inside the commands that need them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from exports.kinds import FORMATS as REPORT_FORMATS
from exports.kinds import KINDS as REPORT_KINDS
from model.core.errors import DubanError, InputError
from model.core.times import local_time
from tui import strings

if TYPE_CHECKING:
    from model.core.settings import Settings
    from model.status.unit_check import UnitCheck
    from model.store.db import Database


def parse_date(value: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise argparse.ArgumentTypeError(strings.BAD_DATE.format(value=value))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(strings.BAD_DATE.format(value=value)) from None


def translate_argparse(message: str) -> str:
    for pattern, template in strings.ARGPARSE_PATTERNS:
        match = re.match(pattern, message)
        if match:
            return template.format(*match.groups())
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: object,
        groups: object,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, strings.USAGE_PREFIX)


class ChineseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = strings.POSITIONALS
        self._optionals.title = strings.OPTIONS
        self.add_argument("-h", "--help", action="help", help=strings.HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{strings.ERROR_PREFIX}{translate_argparse(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    # --db and --as-of are accepted before or after the subcommand, as users type them.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help=strings.DB_HELP)
    common.add_argument(
        "--as-of", type=parse_date, default=argparse.SUPPRESS, help=strings.AS_OF_HELP
    )
    parser = ChineseArgumentParser(
        prog="duban", description=strings.PROG_DESCRIPTION, parents=[common]
    )
    commands = parser.add_subparsers(
        dest="command", title=strings.COMMANDS, parser_class=ChineseArgumentParser
    )

    status = commands.add_parser("status", parents=[common], help=strings.STATUS_HELP)
    status.add_argument("unit", help=strings.STATUS_UNIT_HELP)
    status.add_argument(
        "--format", choices=["table", "json"], default="table", help=strings.STATUS_FORMAT_HELP
    )
    commands.add_parser("demo", parents=[common], help=strings.DEMO_HELP)

    export = commands.add_parser("export", parents=[common], help=strings.EXPORT_HELP)
    export.add_argument("kind", choices=["plans", *REPORT_KINDS], help=strings.EXPORT_KIND_HELP)
    export.add_argument(
        "--format",
        choices=["json", "toml", *REPORT_FORMATS],
        default=None,
        help=strings.FORMAT_HELP,
    )
    export.add_argument("--year", type=int, help=strings.YEAR_HELP)
    export.add_argument("--plan", help=strings.EXPORT_PLAN_HELP)
    export.add_argument("--unit", help=strings.EXPORT_UNIT_HELP)
    export.add_argument("--notice", help=strings.EXPORT_NOTICE_HELP)
    export.add_argument("-o", "--output", type=Path, help=strings.OUTPUT_HELP)
    export.add_argument("--force", action="store_true", help=strings.FORCE_HELP)
    export.add_argument("--unsigned", action="store_true", help=strings.UNSIGNED_HELP)
    export.add_argument("--document", help=strings.DOCUMENT_HELP)

    verify = commands.add_parser("verify", parents=[common], help=strings.VERIFY_HELP)
    verify.add_argument("file", type=Path, help=strings.VERIFY_FILE_HELP)

    seed = commands.add_parser("seed", parents=[common], help=strings.SEED_HELP)
    seed.add_argument(
        "--from", dest="source", type=Path, required=True, help=strings.SEED_FROM_HELP
    )

    rubric = commands.add_parser("rubric", parents=[common], help=strings.RUBRIC_HELP)
    rubric.add_argument("action", choices=["show", "check"], help=strings.RUBRIC_ACTION_HELP)
    rubric.add_argument("file", nargs="?", type=Path, help=strings.RUBRIC_FILE_HELP)

    audit = commands.add_parser("audit", parents=[common], help=strings.AUDIT_HELP)
    audit.add_argument("action", choices=["verify", "log"], help=strings.AUDIT_ACTION_HELP)
    audit.add_argument("--unit", help=strings.AUDIT_UNIT_HELP)
    audit.add_argument("--task", help=strings.AUDIT_TASK_HELP)
    audit.add_argument("--since", type=parse_date, help=strings.AUDIT_SINCE_HELP)
    audit.add_argument("--limit", type=int, default=200, help=strings.AUDIT_LIMIT_HELP)

    plan_import = commands.add_parser("import-plan", parents=[common], help=strings.IMPORT_HELP)
    plan_import.add_argument("file", type=Path, help=strings.IMPORT_FILE_HELP)
    plan_import.add_argument("--year", type=int, help=strings.IMPORT_YEAR_HELP)
    plan_import.add_argument("--key", help=strings.IMPORT_KEY_HELP)
    plan_import.add_argument("--dry-run", action="store_true", help=strings.IMPORT_DRY_HELP)
    plan_import.add_argument(
        "--format", choices=["json", "toml"], default="json", help=strings.FORMAT_HELP
    )
    plan_import.add_argument("-o", "--output", type=Path, help=strings.OUTPUT_HELP)
    plan_import.add_argument("--force", action="store_true", help=strings.FORCE_HELP)
    plan_import.add_argument("--map", action="append", default=[], help=strings.IMPORT_MAP_HELP)
    plan_import.add_argument(
        "--new-unit", action="append", default=[], help=strings.IMPORT_NEW_HELP
    )
    plan_import.add_argument("--number", help=strings.IMPORT_NUMBER_HELP)
    plan_import.add_argument("--issued-on", type=parse_date, help=strings.IMPORT_ISSUED_HELP)

    group = commands.add_parser("group", parents=[common], help=strings.GROUP_HELP)
    group.add_argument("name", help=strings.GROUP_NAME_HELP)
    group.add_argument("--add", action="append", default=[], help=strings.GROUP_ADD_HELP)
    group.add_argument("--remove", action="append", default=[], help=strings.GROUP_REMOVE_HELP)
    group.add_argument("--reason", help=strings.REASON_HELP)
    return parser


def _note(text: str) -> None:
    print(f"{strings.NOTE_PREFIX}{text}", file=sys.stderr)


def _as_of(args: argparse.Namespace, default: dt.date | None = None) -> dt.date:
    # The one place the wall clock enters: the as-of date defaults to today.
    return getattr(args, "as_of", None) or default or dt.date.today()


def _open(args: argparse.Namespace, default_path: Path | None = None) -> tuple[Database, Settings]:
    from model.core.settings import load_settings
    from model.store.audit import AuditContext
    from model.store.db import resolve_database_path
    from seed import strings as seed_strings
    from seed.bootstrap import open_seeded

    settings = load_settings()
    path, is_default = resolve_database_path(getattr(args, "db", None))
    if is_default and default_path is not None:
        path = default_path
    context = AuditContext(actor=settings.actor)
    database, seeded = open_seeded(path, context, create_directory=is_default)
    if database.backup is not None:
        _note(f"迁移前已备份数据库：{database.backup}")
    if seeded is not None:
        _note(seed_strings.SEEDED.format(path=path, plans=len(seeded.plans), tasks=seeded.tasks))
        for note in seeded.notes:
            _note(note)
    return database, settings


def _write_output(args: argparse.Namespace, data: bytes) -> None:
    from exports import strings as export_strings
    from exports.files import write_atomically

    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomically(args.output, data, force=args.force)
        _note(export_strings.WROTE.format(path=args.output))


def cmd_export(args: argparse.Namespace) -> int:
    from exports.files import check_output_path

    if args.kind != "plans":
        return _export_report(args)
    formats = ("json", "toml")
    fmt = args.format or formats[0]
    if fmt not in formats:
        raise InputError(
            strings.FORMAT_NOT_FOR_KIND.format(fmt=fmt, kind=args.kind, formats="、".join(formats))
        )
    if args.output is not None:
        check_output_path(args.output, force=args.force)
    database, _ = _open(args)
    with database, database.read() as session:
        from exports.plans import render_plans
        from model.plans.dump import dump_plan_document

        data = render_plans(dump_plan_document(session, args.document), fmt).encode("utf-8")
    _write_output(args, data)
    return 0


def _export_report(args: argparse.Namespace) -> int:
    import dataclasses

    from exports import strings as export_strings
    from exports.service import ExportRequest, default_output, run_export
    from model.scoring.rubric import effective_rubric
    from model.scoring.scorecards import report_period
    from model.status.plan_view import plan_years

    fmt = args.format or "xlsx"
    if fmt not in REPORT_FORMATS:
        raise InputError(
            strings.FORMAT_NOT_FOR_KIND.format(
                fmt=fmt, kind=args.kind, formats="、".join(REPORT_FORMATS)
            )
        )
    request = ExportRequest(
        kind=args.kind, fmt=fmt, as_of=_as_of(args), year=args.year or _as_of(args).year,
        plan=args.plan, unit=args.unit, notice=args.notice,
    )  # fmt: skip
    request.validate()  # before the database is opened, or created and seeded
    rubric, _ = effective_rubric()
    database, settings = _open(args)
    with database:
        with database.read() as session:
            year, as_of = report_period(request.as_of, plan_years(session), args.year)
        request = dataclasses.replace(request, year=year, as_of=as_of)
        output = args.output or default_output(settings.export_dir, request)
        result = run_export(
            database, request, output, rules=settings.rules, rubric=rubric,
            force=args.force, unsigned=args.unsigned,
        )  # fmt: skip
    for note in result.notes:
        _note(note)
    _note(export_strings.WROTE.format(path=result.path))
    if result.manifest is not None:
        _note(export_strings.SIGNED.format(path=result.manifest))
    else:
        _note(export_strings.UNSIGNED)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from exports import strings as export_strings
    from exports.signing import check_signature
    from model.store.audit_verify import head_problem

    try:
        checked = check_signature(args.file).manifest
    except InputError as error:
        print(export_strings.VERIFY_FAILED.format(reason=error), file=sys.stderr)
        return 1
    database, _ = _open(args)
    with database, database.read() as session:
        problem = head_problem(session, checked.audit_head_id, checked.audit_head_hash)
    if problem is not None:
        print(export_strings.VERIFY_FAILED.format(reason=problem), file=sys.stderr)
        return 1
    print(
        export_strings.VERIFY_OK.format(
            path=args.file, kind=checked.kind, as_of=checked.as_of,
            sha256=checked.sha256, head_id=checked.audit_head_id,
        )
    )  # fmt: skip
    return 0


def cmd_rubric(args: argparse.Namespace) -> int:
    from model.scoring.rubric import effective_rubric, load_rubric_file, user_rubric_path

    if args.action == "check":
        path = args.file or user_rubric_path()
        rubric = load_rubric_file(path) if args.file else effective_rubric(path)[0]
        bands = "、".join(f"{b.name}≥{b.min:g}" for b in rubric.bands)
        print(strings.RUBRIC_OK.format(path=path, name=rubric.name, bands=bands))
        return 0
    rubric, path = effective_rubric(args.file)
    print(strings.RUBRIC_SHOWN.format(path=path))
    sys.stdout.write(path.read_text(encoding="utf-8"))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from model.core.strings import VERIFY_BAD, VERIFY_OK
    from model.plans.task_refs import parse_task_ref, resolve_task
    from model.status.unit_check import find_unit
    from model.store.audit_history import audit_log
    from model.store.audit_verify import verify_audit
    from tui.text import table

    database, _ = _open(args)
    with database, database.read() as session:
        if args.action == "verify":
            result = verify_audit(session)
            if result.ok:
                print(VERIFY_OK.format(events=result.events, rows=result.rows))
                return 0
            print(VERIFY_BAD.format(count=len(result.findings)), file=sys.stderr)
            for finding in result.findings:
                print(f"  [{finding.record}] {finding.detail}", file=sys.stderr)
            return 4
        task_id = resolve_task(session, parse_task_ref(args.task)).id if args.task else None
        unit_id = find_unit(session, args.unit)[0].id if args.unit else None
        rows = audit_log(
            session, task_id=task_id, unit_id=unit_id, since=args.since, limit=args.limit
        )
    if not rows:
        print(strings.AUDIT_EMPTY)
        return 0
    from model.core.strings import AUDIT_ACTION_NAMES

    lines = table(
        strings.AUDIT_LOG_COLUMNS,
        [
            [
                str(r.id),
                local_time(r.at, seconds=True),
                r.actor,
                AUDIT_ACTION_NAMES.get(r.action, r.action),
                f"{r.entity}:{r.entity_id or ''}",
                r.reason or "",
            ]
            for r in rows
        ],
    )
    print("\n".join(lines))
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from seed import strings as seed_strings
    from seed.bootstrap import import_file
    from seed.loader import load_plan_file

    loaded = load_plan_file(args.source)  # validate before the database is touched
    database, _ = _open(args)
    with database:
        result = import_file(database, loaded)
    for note in result.notes:
        _note(note)
    print(
        seed_strings.IMPORTED.format(
            file=loaded.name,
            plans=len(result.plans),
            tasks=result.tasks,
            milestones=result.milestones,
            units=len(result.units),
        )
    )
    return 0


def _known_units(args: argparse.Namespace) -> dict[str, str]:
    """Names and aliases of the database's units; the embedded seed's when there is no
    database yet, so a dry run creates nothing."""
    from model.store.db import resolve_database_path
    from model.units.resolver import known_unit_names
    from seed.loader import load_default_seed

    path, _ = resolve_database_path(getattr(args, "db", None))
    if not path.exists():
        known = {}
        for unit in load_default_seed().document.units:
            known.update({name: unit.name for name in (unit.name, *unit.aliases)})
        return known
    database, _ = _open(args)
    with database, database.read() as session:
        return known_unit_names(session)


def cmd_import_plan(args: argparse.Namespace) -> int:
    from exports.plans import render_plans
    from model.plans.load import import_plan_document
    from seed.plan_import_file import (
        apply_mapping,
        parse_file,
        parse_mapping,
        summary,
        unknown_message,
    )

    mapping = parse_mapping(args.map)
    known = _known_units(args)
    parsed, digest, _ = parse_file(
        args.file, known, year=args.year, key=args.key, number=args.number, issued_on=args.issued_on
    )
    document, unknown = apply_mapping(parsed, known, mapping, args.new_unit)
    for note in parsed.notes:
        _note(note)
    _note(summary(document))
    if args.dry_run:
        if unknown:
            _note(unknown_message(unknown))
        if args.output is not None:
            from exports.files import check_output_path

            check_output_path(args.output, force=args.force)
        _write_output(args, render_plans(document, args.format).encode("utf-8"))
        return 0
    if unknown:
        raise InputError(unknown_message(unknown))
    database, _ = _open(args)
    with database, database.write() as session:
        result = import_plan_document(
            session, document, source_name=args.file.name, source_sha256=digest
        )
    for note in result.notes:
        _note(note)
    from seed import strings as seed_strings

    print(
        seed_strings.IMPORTED.format(
            file=args.file.name, plans=len(result.plans), tasks=result.tasks,
            milestones=result.milestones, units=len(result.units),
        )
    )  # fmt: skip
    return 0


def cmd_group(args: argparse.Namespace) -> int:
    from model.work.groups import edit_group_members, group_members

    notes: list[str] = []
    database, _ = _open(args)
    with database:
        if args.add or args.remove:
            with database.write() as session:
                members, notes = edit_group_members(
                    session, args.name, add=args.add, remove=args.remove, reason=args.reason
                )
        else:
            with database.read() as session:
                members = group_members(session, args.name)
    for note in notes:
        _note(note)
    print(
        strings.GROUP_MEMBERS.format(
            group=args.name, count=len(members), members="、".join(members) or strings.NONE
        )
    )
    return 0


def _light(light: str, color: bool) -> str:
    glyph = strings.LIGHT_GLYPHS[light]
    codes = {"red": "31", "yellow": "33", "green": "32", "grey": "90"}
    return f"\x1b[{codes[light]}m{glyph}\x1b[0m" if color else glyph


def render_status(check: UnitCheck, *, color: bool = False) -> str:
    from model.core.strings import KIND_NAMES, PLAN_SHORT_NAMES, ROLE_SHORT, STATUS_NAMES
    from tui.text import table

    lines = [
        strings.STATUS_HEADER.format(
            unit=check.unit, kind=KIND_NAMES[check.kind], as_of=check.as_of.isoformat()
        )
    ]
    if check.members:
        lines.append(strings.STATUS_MEMBERS.format(members="、".join(check.members)))
    data = check.as_dict()
    lines.append(strings.STATUS_COUNTS.format(**data["counts"]))
    lines.append("")
    rows = [
        [
            PLAN_SHORT_NAMES.get(i.plan_key, i.plan_key),
            str(i.task_number),
            i.task_title,
            ROLE_SHORT[i.role]
            + (strings.VIA_GROUP.format(group=i.via_group) if i.via_group else ""),
            STATUS_NAMES[i.status.value],
            strings.LIGHT_GLYPHS[i.light.value],
            i.next_due.isoformat() if i.next_due else "—",
            i.last_report_on.isoformat() if i.last_report_on else "—",
        ]
        for i in check.items
    ]
    if rows:
        body = table(strings.STATUS_COLUMNS, rows)
        if color:
            # Colour the light column after alignment so escape codes do not skew widths.
            for index, item in enumerate(check.items, start=1):
                glyph = strings.LIGHT_GLYPHS[item.light.value]
                body[index] = body[index].replace(
                    f"  {glyph}  ", f"  {_light(item.light.value, True)}  ", 1
                )
        lines.extend(body)
    else:
        lines.append(strings.STATUS_NO_TASKS)
    if check.notices:
        lines.append("")
        lines.append(strings.STATUS_NOTICES.format(count=len(check.notices)))
        for notice in check.notices:
            state = (
                strings.NOTICE_ANSWERED.format(on=notice.reply_on)
                if notice.answered
                else strings.NOTICE_LATE
                if notice.overdue(check.as_of)
                else strings.NOTICE_OPEN
            )
            lines.append(
                strings.STATUS_NOTICE_LINE.format(
                    number=notice.number,
                    level=notice.level,
                    issued_on=notice.issued_on,
                    reply_due=notice.reply_due,
                    state=state,
                )
            )
    return "\n".join(lines) + "\n"


def cmd_status(args: argparse.Namespace) -> int:
    import json
    import os

    from model.status.unit_check import unit_check

    database, settings = _open(args)
    with database, database.read() as session:
        check = unit_check(session, args.unit, _as_of(args), settings.rules)
    for note in check.notes:
        _note(note)
    if args.format == "json":
        sys.stdout.write(json.dumps(check.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(render_status(check, color=color))
    return 0


def _run_dashboard(database: Database, settings: Settings, as_of: dt.date) -> None:
    from model.scoring.rubric import effective_rubric
    from tui.app import DubanApp

    rubric, _ = effective_rubric()
    with database:
        DubanApp(
            database, as_of=as_of, rules=settings.rules, actor=settings.actor, rubric=rubric,
            export_dir=settings.export_dir,
        ).run()  # fmt: skip


def cmd_dashboard(args: argparse.Namespace) -> int:
    database, settings = _open(args)
    _run_dashboard(database, settings, _as_of(args))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from model.demo.generator import DEMO_AS_OF, ensure_demo
    from model.store.db import default_database_path

    database, settings = _open(
        args, default_path=default_database_path().with_name("duban-demo.sqlite3")
    )
    try:
        with database.write() as session:
            ensure_demo(session, database.path)
    except BaseException:
        database.close()
        raise
    _run_dashboard(database, settings, _as_of(args, DEMO_AS_OF))
    return 0


COMMANDS = {
    "import-plan": cmd_import_plan,
    "rubric": cmd_rubric,
    "audit": cmd_audit,
    "status": cmd_status,
    "demo": cmd_demo,
    "export": cmd_export,
    "verify": cmd_verify,
    "seed": cmd_seed,
    "group": cmd_group,
    None: cmd_dashboard,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DubanError as error:
        print(f"{strings.ERROR_PREFIX}{error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(strings.INTERRUPTED, file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
