"""The user's configuration file (TOML): who they are, for the audit trail."""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from model import messages
from model.errors import InputError
from model.toml_errors import locate_toml_error

CONFIG_ENV = "DUBAN_CONFIG"


def default_config_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("duban", appauthor=False) / "config.toml"


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else default_config_path()


@dataclass(frozen=True)
class Settings:
    actor: str


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        # Windows services and some containers have no login name.
        return "unknown"


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file if there is one; a missing file means defaults."""
    path = config_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(actor=os_user())
    except OSError as error:
        raise InputError(
            messages.CONFIG_BAD_VALUE.format(path=path, key="(文件)", detail=error.strerror)
        ) from error
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InputError(
            messages.CONFIG_BAD_VALUE.format(path=path, key="(文件)", detail="不是 UTF-8 文本")
        ) from error
    except tomllib.TOMLDecodeError as error:
        where = locate_toml_error(error, raw.decode("utf-8"))
        raise InputError(
            messages.CONFIG_MALFORMED.format(
                path=path, line=where.line, col=where.column, detail=where.detail
            )
        ) from error
    user = data.get("user", {})
    name = user.get("name") if isinstance(user, dict) else None
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise InputError(
            messages.CONFIG_BAD_VALUE.format(path=path, key="user.name", detail="应为非空文本")
        )
    return Settings(actor=name.strip() if name else os_user())
