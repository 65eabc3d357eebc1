"""The user's configuration file (TOML): who they are, the thresholds of the lights, where
reports go, and the office's contact line printed on its notices."""

from __future__ import annotations

import getpass
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.core import strings
from model.core.errors import InputError
from model.core.files import read_regular
from model.core.lights import LightRules
from model.core.os_errors import describe_os_error
from model.core.toml_errors import locate_toml_error

CONFIG_ENV = "DUBAN_CONFIG"
_CONFIG_BYTES = 1024 * 1024  # a settings file is a few hundred bytes
_LIMITS = {"warning_days": (0, 90), "report_period_days": (1, 366)}
_SECTIONS: tuple[str, ...] = ("user", "lights", "export", "office", "signing", "backup")
_SECTIONS += ("database", "evidence", "calendar")
CONTACT_LIMIT = 40
_CONFIG_BYTES = 1024 * 1024  # a settings file is a few hundred bytes
# A telephone number as offices write it: 0357-5522123, (0357)5522123, 13812345678,
# several separated by 、 or ，; an extension with 转.
_PHONE = re.compile(r"[0-9+()（）\-－ 、，,/转]+")
_PHONE_DIGITS = 5


def is_phone(text: str) -> bool:
    """A telephone number as offices write it (the rule of [office] phone, and of a unit's
    liaison): the characters above, with at least five digits."""
    digits = sum(ch.isdigit() for ch in text)
    return bool(_PHONE.fullmatch(text.strip())) and digits >= _PHONE_DIGITS


def default_config_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("duban", appauthor=False) / "config.toml"


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else default_config_path()


def export_folder(configured: Path | None) -> Path:
    """Where reports go: the configured [export] folder, else Documents/督办导出."""
    if configured is not None:
        return configured
    from platformdirs import user_documents_path

    return user_documents_path() / "督办导出"


@dataclass(frozen=True)
class OfficeContact:
    """[office]: whom a unit calls about a notice (联系人, 联系电话); None when not set."""

    contact: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Settings:
    actor: str
    rules: LightRules = field(default_factory=LightRules)
    export_dir: Path | None = None  # None: the default folder, made on first export
    office: OfficeContact = field(default_factory=OfficeContact)
    safekeeping: Safekeeping = field(default_factory=lambda: Safekeeping())
    # [signing] key_file: the office key in a file where no OS keyring works (model.core.keys).
    key_file: Path | None = None
    # [calendar] file: the office's holidays for years chinese-calendar does not know
    # (model.core.workdays.load_calendar).
    calendar_file: Path | None = None


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        # Windows services and some containers have no login name.
        return "unknown"


def _bad(path: Path, key: str, detail: str) -> InputError:
    return InputError(strings.CONFIG_BAD_VALUE.format(path=path, key=key, detail=detail))


def _table(data: dict[str, Any], key: str, allowed: tuple[str, ...], path: Path) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _bad(path, key, f"应为表（[{key}]）")
    for name in value:
        if name not in allowed:
            raise _bad(path, f"{key}.{name}", "未知的设置项（可用：" + "、".join(allowed) + "）")
    return value


def _rules(data: dict[str, Any], path: Path) -> LightRules:
    table = _table(data, "lights", tuple(_LIMITS), path)
    values: dict[str, int] = {}
    for name, (low, high) in _LIMITS.items():
        if name not in table:
            continue
        value = table[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _bad(path, f"lights.{name}", f"应为 {low} 到 {high} 之间的整数")
        values[name] = value
    return LightRules(**values)


def _office(data: dict[str, Any], path: Path) -> OfficeContact:
    table = _table(data, "office", ("contact", "phone"), path)
    contact, phone = table.get("contact"), table.get("phone")
    if contact is not None and (
        not isinstance(contact, str) or not contact.strip() or len(contact.strip()) > CONTACT_LIMIT
    ):
        raise _bad(path, "office.contact", f"应为非空文本，最多{CONTACT_LIMIT}字")
    if phone is not None:
        if not isinstance(phone, str):
            raise _bad(path, "office.phone", '应为文本（加引号，如 phone = "0357-5522123"）')
        if not is_phone(phone):
            raise _bad(path, "office.phone", "应为电话号码，如 0357-5522123")
    return OfficeContact(
        contact=contact.strip() if contact else None, phone=phone.strip() if phone else None
    )


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file if there is one; a missing file means defaults."""
    from model.core.files import NotARegularFile

    path = config_path() if path is None else path
    try:
        # Not path.read_bytes(): a FIFO named in DUBAN_CONFIG would block for ever (a
        # folder, FIFO or device is refused as NotARegularFile, an InputError).
        raw = read_regular(path, _CONFIG_BYTES)
    except FileNotFoundError:
        return Settings(actor=os_user())
    except NotARegularFile as error:
        raise _bad(path, "(文件)", strings.CONFIG_NOT_A_FILE) from error
    except OSError as error:
        raise InputError(
            strings.CONFIG_UNREADABLE.format(path=path, detail=describe_os_error(error))
        ) from error
    if len(raw) > _CONFIG_BYTES:
        raise InputError(strings.CONFIG_TOO_LARGE.format(path=path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _bad(path, "(文件)", "不是 UTF-8 文本") from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = locate_toml_error(error, text)
        raise InputError(
            strings.CONFIG_MALFORMED.format(
                path=path, line=where.line, col=where.column, detail=where.detail
            )
        ) from error
    for key in data:
        if key not in _SECTIONS:
            raise _bad(path, key, "未知的设置节（可用：" + "、".join(_SECTIONS) + "）")
    user = _table(data, "user", ("name",), path)
    name = user.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise _bad(path, "user.name", "应为非空文本")
    folder = _table(data, "export", ("folder",), path).get("folder")
    if folder is not None and (not isinstance(folder, str) or not folder.strip()):
        raise _bad(path, "export.folder", "应为非空的目录路径文本")
    return Settings(
        actor=name.strip() if name else os_user(),
        rules=_rules(data, path),
        export_dir=Path(folder).expanduser() if folder else None,
        office=_office(data, path),
        safekeeping=_safekeeping(data, path),
        key_file=_key_file(data, path),
        calendar_file=_calendar_file(data, path),
    )


# --- backup, busy waiting, evidence (#13) ---
BACKUP_KEEP = 7
BUSY_SECONDS = 30.0
_KEEP_LIMIT = 366
_BUSY_LIMIT = 3600


@dataclass(frozen=True)
class Safekeeping:
    """[backup] keep (daily backups kept, 0: none), [database] busy_seconds (how long a
    write waits for a busy database), [evidence] folder (evidence named relative to it)."""

    backup_keep: int = BACKUP_KEEP
    busy_seconds: float = BUSY_SECONDS
    evidence_dir: Path | None = None


def _safekeeping(data: dict[str, Any], path: Path) -> Safekeeping:
    keep = _table(data, "backup", ("keep",), path).get("keep", BACKUP_KEEP)
    if isinstance(keep, bool) or not isinstance(keep, int) or not 0 <= keep <= _KEEP_LIMIT:
        raise _bad(path, "backup.keep", f"应为 0 到 {_KEEP_LIMIT} 之间的整数（0 表示不做每日备份）")
    busy = _table(data, "database", ("busy_seconds",), path).get("busy_seconds", BUSY_SECONDS)
    if isinstance(busy, bool) or not isinstance(busy, int | float) or not 1 <= busy <= _BUSY_LIMIT:
        raise _bad(path, "database.busy_seconds", f"应为 1 到 {_BUSY_LIMIT} 之间的秒数")
    folder = _table(data, "evidence", ("folder",), path).get("folder")
    if folder is not None and (not isinstance(folder, str) or not folder.strip()):
        raise _bad(path, "evidence.folder", "应为非空的目录路径文本")
    return Safekeeping(
        backup_keep=keep,
        busy_seconds=float(busy),
        evidence_dir=Path(folder).expanduser() if folder else None,
    )


def _key_file(data: dict[str, Any], path: Path) -> Path | None:
    value = _table(data, "signing", ("key_file",), path).get("key_file")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _bad(path, "signing.key_file", "应为非空的文件路径文本")
    return Path(value).expanduser()


def _calendar_file(data: dict[str, Any], path: Path) -> Path | None:
    value = _table(data, "calendar", ("file",), path).get("file")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _bad(path, "calendar.file", "应为非空的文件路径文本")
    return Path(value).expanduser()
