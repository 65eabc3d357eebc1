"""Where a TOML syntax error is, in terms a user can find in their editor."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


# The parser's words (Python's tomllib) in Chinese; a message not listed is said plainly as
# a syntax error rather than shown in English.
_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), chinese)
    for pattern, chinese in (
        (r"Cannot overwrite a value", "同一个键被重复赋值"),
        (r"Cannot declare .* twice", "同一个节或键声明了两次"),
        (r"Cannot (mutate immutable|redefine) namespace", "与前面已定义的节或键冲突"),
        (r"Duplicate inline table key", "行内表中有重复的键"),
        (r"Escaped character is not a Unicode scalar value", "转义字符无效"),
        (r"Expected '=' after a key", "键后面缺少等号（=）"),
        (r"Expected ']' at the end of a table", "节名后面缺少右方括号（]）"),
        (r"Expected ']]' at the end of an array", "数组表名后面缺少 ]]"),
        (r"Expected", "此处缺少应有的符号"),
        (r"Invalid date or datetime", "日期或时间无效（例如 2023-02-30 不存在）"),
        (r"Invalid hex value", "十六进制转义无效"),
        (r"Invalid initial character for a key", "键名的第一个字符无效（含中文的键名请加引号）"),
        (r"Invalid statement", "这一行不是有效的设置（应为 键 = 值，或 [节名]）"),
        (r"Invalid value", "值无效（文字请加引号）"),
        (r"Unclosed array", "数组缺少右方括号（]）"),
        (r"Unclosed inline table", "行内表缺少右花括号（}）"),
        (r"Unescaped", "字符串中的反斜杠须写两个（\\\\），或改用单引号"),
        (r"Unterminated string", "字符串缺少结束的引号"),
        (r"(Found invalid|Illegal) character", "含有不允许的字符"),
    )
)


def chinese_detail(detail: str) -> str:
    for pattern, chinese in _WORDS:
        if pattern.match(detail):
            return chinese
    return "不符合 TOML 语法"


@dataclass(frozen=True)
class TomlErrorPosition:
    line: int
    column: int
    detail: str


def locate_toml_error(error: tomllib.TOMLDecodeError, text: str) -> TomlErrorPosition:
    """Line and column (1-based) and what is wrong, in Chinese."""
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
    return TomlErrorPosition(line, column, chinese_detail(message.strip()))


# json's own messages, likewise (a plan data file may be JSON).
_JSON_WORDS: tuple[tuple[str, str], ...] = (
    ("Expecting value", "此处缺少值"),
    ("Expecting ',' delimiter", "缺少逗号（,）"),
    ("Expecting ':' delimiter", "缺少冒号（:）"),
    ("Expecting property name enclosed in double quotes", "键名须用双引号括起"),
    ("Unterminated string", "字符串缺少结束的引号"),
    ("Invalid control character", "字符串中含有控制字符"),
    ("Invalid \\escape", "转义字符无效"),
    ("Extra data", "数据结束后还有多余内容"),
)


def json_detail(message: str) -> str:
    for english, chinese in _JSON_WORDS:
        if message.startswith(english):
            return chinese
    return "不符合 JSON 语法"
