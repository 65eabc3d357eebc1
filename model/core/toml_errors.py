"""Where a TOML syntax error is, in terms a user can find in their editor."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


@dataclass(frozen=True)
class TomlErrorPosition:
    line: int
    column: int
    detail: str


def locate_toml_error(error: tomllib.TOMLDecodeError, text: str) -> TomlErrorPosition:
    """Line and column (1-based) and the parser's own words without the position suffix."""
    message = str(error.args[0]) if error.args else str(error)
    line = getattr(error, "lineno", None)
    column = getattr(error, "colno", None)
    match = _POSITION.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    elif _AT_END.search(message):
        lines = text.split("\n")
        line, column = len(lines), len(lines[-1]) + 1
        message = _AT_END.sub("", message)
    if not isinstance(line, int) or not isinstance(column, int):
        line, column = 0, 0
    return TomlErrorPosition(line, column, message.strip())
