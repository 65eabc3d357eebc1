"""The `duban` argument parser: Chinese help and errors, dates checked as they are parsed."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from exports.kinds import FORMATS as REPORT_FORMATS
from exports.kinds import KINDS as REPORT_KINDS
from model.core.checks import FIRST_YEAR, LAST_YEAR, NotADate, iso_date, year_in_range
from tui import strings

# `audit log --limit`: beyond this a terminal listing is no use, and SQLite's integers end.
MAX_LIMIT = 100_000


def parse_date(value: str) -> dt.date:
    """Every date argument: YYYY-MM-DD, a day that exists, in FIRST_YEAR…LAST_YEAR.
    argparse names the flag in front of the message (参数 --as-of：…)."""
    try:
        return iso_date(value)
    except NotADate as error:
        template = strings.DATE_OUT_OF_RANGE if error.out_of_range else strings.BAD_DATE
        message = template.format(value=value, first=FIRST_YEAR, last=LAST_YEAR)
        raise argparse.ArgumentTypeError(message) from None


def _integer(value: str) -> int | None:
    text = value.strip()
    # int() would also take "1_000", "１２" and digits beyond what anyone types.
    if not text or len(text) > 9 or not text.lstrip("-").isascii():
        return None
    try:
        return int(text)
    except ValueError:
        return None


def parse_year(value: str) -> int:
    """--year: a whole number in FIRST_YEAR…LAST_YEAR, as every date is."""
    year = _integer(value)
    if year is None or not year_in_range(year):
        message = strings.BAD_YEAR.format(value=value, first=FIRST_YEAR, last=LAST_YEAR)
        raise argparse.ArgumentTypeError(message)
    return year


def parse_limit(value: str) -> int:
    """--limit: how many events to list, 1…MAX_LIMIT."""
    limit = _integer(value)
    if limit is None or not 1 <= limit <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(strings.BAD_LIMIT.format(value=value, most=MAX_LIMIT))
    return limit


def parse_percent(value: str) -> int:
    """--percent: a whole number; its range is the report service's to say (0…100)."""
    percent = _integer(value)
    if percent is None:
        raise argparse.ArgumentTypeError(strings.BAD_PERCENT_ARG.format(value=value))
    return percent


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
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        # argparse passes prefix "" when it builds a subcommand's prog from the usage line;
        # only the printed usage line gets the Chinese prefix.
        super().add_usage(
            usage, actions, groups, strings.USAGE_PREFIX if prefix is None else prefix
        )


class ChineseArgumentParser(argparse.ArgumentParser):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(**kwargs)
        self._positionals.title = strings.POSITIONALS
        self._optionals.title = strings.OPTIONS
        self.add_argument("-h", "--help", action="help", help=strings.HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{strings.ERROR_PREFIX}{translate_argparse(message)}\n")


def _add_common(parser: argparse.ArgumentParser, as_of_help: str = strings.AS_OF_HELP) -> None:
    """--db and --as-of, accepted before or after the subcommand, as users type them."""
    parser.add_argument("--db", default=argparse.SUPPRESS, help=strings.DB_HELP)
    parser.add_argument("--as-of", type=parse_date, default=argparse.SUPPRESS, help=as_of_help)


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(prog="duban", description=strings.PROG_DESCRIPTION)
    _add_common(parser)
    commands = parser.add_subparsers(
        dest="command", title=strings.COMMANDS, parser_class=ChineseArgumentParser
    )

    def command(
        name: str, help_text: str, as_of_help: str = strings.AS_OF_HELP
    ) -> ChineseArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        _add_common(sub, as_of_help)
        return sub

    status = command("status", strings.STATUS_HELP)
    status.add_argument("unit", help=strings.STATUS_UNIT_HELP)
    status.add_argument(
        "--format", choices=["table", "json"], default="table", help=strings.STATUS_FORMAT_HELP
    )
    demo = command("demo", strings.DEMO_HELP, strings.DEMO_AS_OF_HELP)
    demo.add_argument("--no-open", action="store_true", help=strings.DEMO_NO_OPEN_HELP)

    export = command("export", strings.EXPORT_HELP)
    export.add_argument("kind", choices=["plans", *REPORT_KINDS], help=strings.EXPORT_KIND_HELP)
    export.add_argument(
        "--format",
        choices=["json", "toml", *REPORT_FORMATS],
        default=None,
        help=strings.FORMAT_HELP,
    )
    export.add_argument("--year", type=parse_year, help=strings.YEAR_HELP)
    export.add_argument("--plan", help=strings.EXPORT_PLAN_HELP)
    export.add_argument("--unit", help=strings.EXPORT_UNIT_HELP)
    export.add_argument("--notice", help=strings.EXPORT_NOTICE_HELP)
    export.add_argument("-o", "--output", type=Path, help=strings.OUTPUT_HELP)
    export.add_argument("--force", action="store_true", help=strings.FORCE_HELP)
    export.add_argument("--unsigned", action="store_true", help=strings.UNSIGNED_HELP)
    export.add_argument("--detail", action="store_true", help=strings.DETAIL_HELP)
    export.add_argument("--document", help=strings.DOCUMENT_HELP)
    export.add_argument("--as-recorded", type=parse_date, help=strings.AS_RECORDED_HELP)

    verify = command("verify", strings.VERIFY_HELP)
    verify.add_argument("file", type=Path, help=strings.VERIFY_FILE_HELP)
    verify.add_argument("--public-key", type=Path, help=strings.PUBLIC_KEY_HELP)

    seed = command("seed", strings.SEED_HELP)
    seed.add_argument(
        "--from", dest="source", type=Path, required=True, help=strings.SEED_FROM_HELP
    )

    rubric = command("rubric", strings.RUBRIC_HELP)
    rubric.add_argument(
        "action", choices=["show", "check", "explain"], help=strings.RUBRIC_ACTION_HELP
    )
    rubric.add_argument("file", nargs="?", type=Path, help=strings.RUBRIC_FILE_HELP)

    audit = command("audit", strings.AUDIT_HELP)
    audit.add_argument("action", choices=["verify", "log"], help=strings.AUDIT_ACTION_HELP)
    audit.add_argument("--unit", help=strings.AUDIT_UNIT_HELP)
    audit.add_argument("--task", help=strings.AUDIT_TASK_HELP)
    audit.add_argument("--since", type=parse_date, help=strings.AUDIT_SINCE_HELP)
    audit.add_argument("--limit", type=parse_limit, default=200, help=strings.AUDIT_LIMIT_HELP)
    audit.add_argument("--public-key", type=Path, help=strings.PUBLIC_KEY_HELP)

    key = command("key", strings.KEY_HELP)
    key.add_argument(
        "action", choices=["public", "backup", "restore"], help=strings.KEY_ACTION_HELP
    )
    key.add_argument("file", nargs="?", type=Path, help=strings.KEY_FILE_HELP)
    key.add_argument("-o", "--output", type=Path, help=strings.KEY_OUTPUT_HELP)
    key.add_argument("--force", action="store_true", help=strings.KEY_FORCE_HELP)

    plan_import = command("import-plan", strings.IMPORT_HELP)
    plan_import.add_argument("file", type=Path, help=strings.IMPORT_FILE_HELP)
    plan_import.add_argument("--year", type=parse_year, help=strings.IMPORT_YEAR_HELP)
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

    group = command("group", strings.GROUP_HELP)
    group.add_argument("name", help=strings.GROUP_NAME_HELP)
    group.add_argument("--add", action="append", default=[], help=strings.GROUP_ADD_HELP)
    group.add_argument("--remove", action="append", default=[], help=strings.GROUP_REMOVE_HELP)
    group.add_argument("--on", type=parse_date, help=strings.GROUP_ON_HELP)
    group.add_argument("--reason", help=strings.REASON_HELP)

    # The monthly cycle of returns (报送表): each action is a module of its own
    # (tui/cli/returns_issue.py, returns_collect.py, returns_status.py).
    returns = command("returns", strings.RETURNS_HELP)
    returns.add_argument(
        "action", choices=["issue", "collect", "status", "remind"], help=strings.RETURNS_ACTION_HELP
    )
    returns.add_argument("files", nargs="*", type=Path, help=strings.RETURNS_FILES_HELP)
    returns.add_argument("--period", help=strings.RETURNS_PERIOD_HELP)
    returns.add_argument("--unit", help=strings.RETURNS_UNIT_HELP)
    returns.add_argument("-o", "--output", type=Path, help=strings.RETURNS_OUTPUT_HELP)
    returns.add_argument("--force", action="store_true", help=strings.FORCE_HELP)
    returns.add_argument("--dry-run", action="store_true", help=strings.RETURNS_DRY_RUN_HELP)
    returns.add_argument("--replace", action="store_true", help=strings.RETURNS_REPLACE_HELP)
    returns.add_argument("--reason", help=strings.REASON_HELP)
    returns.add_argument("--received-on", type=parse_date, help=strings.RETURNS_RECEIVED_HELP)
    returns.add_argument(
        "--format", choices=["table", "json"], default="table", help=strings.STATUS_FORMAT_HELP
    )

    from tui.cli.review import ACTIONS as REVIEW_ACTIONS
    from tui.cli.review import parse_points

    review = command("review", strings.REVIEW_HELP, strings.REVIEW_AS_OF_HELP)
    review.add_argument("action", choices=REVIEW_ACTIONS, help=strings.REVIEW_ACTION_HELP)
    review.add_argument("unit", nargs="?", help=strings.REVIEW_UNIT_HELP)
    review.add_argument("--year", type=parse_year, help=strings.YEAR_HELP)
    review.add_argument("--item", help=strings.REVIEW_ITEM_HELP)
    review.add_argument("--points", type=parse_points, help=strings.REVIEW_POINTS_HELP)
    review.add_argument("--note", help=strings.REVIEW_NOTE_HELP)
    review.add_argument("--reason", help=strings.REVIEW_REASON_HELP)
    review.add_argument("--by", help=strings.REVIEW_BY_HELP)
    review.add_argument(
        "--format", choices=["table", "json"], default="table", help=strings.STATUS_FORMAT_HELP
    )

    # --- backup and restore (#13) ---
    backup = command("backup", strings.BACKUP_HELP)
    backup.add_argument("-o", "--output", type=Path, help=strings.BACKUP_OUTPUT_HELP)
    restore = command("restore", strings.RESTORE_HELP)
    restore.add_argument("file", type=Path, help=strings.RESTORE_FILE_HELP)
    restore.add_argument("--force", action="store_true", help=strings.RESTORE_FORCE_HELP)

    # --- a unit and its liaison, one report from the command line (#14) ---
    unit = command("unit", strings.UNIT_HELP)
    unit.add_argument("unit", help=strings.UNIT_NAME_HELP)
    unit.add_argument("--liaison", help=strings.UNIT_LIAISON_HELP)
    unit.add_argument("--phone", help=strings.UNIT_PHONE_HELP)
    unit.add_argument("--note", help=strings.UNIT_NOTE_HELP)
    unit.add_argument("--clear-liaison", action="store_true", help=strings.UNIT_CLEAR_HELP)
    unit.add_argument("--reason", help=strings.REASON_HELP)
    report = command("report", strings.REPORT_HELP)
    report.add_argument("unit", help=strings.REPORT_UNIT_HELP)
    report.add_argument("task", nargs="+", help=strings.REPORT_TASK_HELP)  # 空气 3: two words
    report.add_argument("--status", required=True, help=strings.REPORT_STATUS_HELP)
    report.add_argument(
        "--percent", type=parse_percent, required=True, help=strings.REPORT_PERCENT_HELP
    )
    report.add_argument("--note", default="", help=strings.REPORT_NOTE_HELP)
    report.add_argument("--problems", default="", help=strings.REPORT_PROBLEMS_HELP)
    report.add_argument("--next-steps", default="", help=strings.REPORT_NEXT_STEPS_HELP)
    report.add_argument(
        "--evidence", nargs="+", type=Path, default=[], help=strings.REPORT_EVIDENCE_HELP
    )
    report.add_argument("--date", type=parse_date, help=strings.REPORT_DATE_HELP)
    for sub in commands.choices.values():
        # A missing subaction is named by its choices ({verify,log}), as the usage line
        # shows it, not by its English destination name ("action").
        for action in sub._actions:
            if action.dest == "action" and action.choices is not None and action.metavar is None:
                action.metavar = "{" + ",".join(str(c) for c in action.choices) + "}"
    return parser
