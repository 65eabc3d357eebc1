"""How domain values look on screen: lights in colour with a glyph, dates, roles, plans."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from model.core.lights import Light
from model.core.strings import PLAN_SHORT_NAMES, ROLE_SHORT, STATUS_NAMES
from tui import strings

LIGHT_STYLES = {
    Light.RED: "bold red",
    Light.YELLOW: "bold yellow",
    Light.GREEN: "green",
    Light.GREY: "dim",
}
STATE_STYLES = {"overdue": "bold red", "soon": "yellow", "done": "green", "future": ""}


def light(value: Light) -> Text:
    return Text(strings.LIGHT_LABELS[value.value], style=LIGHT_STYLES[value])


def status(value: str, tone: Light | None = None) -> Text:
    return Text(STATUS_NAMES.get(value, value), style=LIGHT_STYLES.get(tone, "") if tone else "")


def date(value: dt.date | None) -> str:
    return value.isoformat() if value else strings.NO_DEADLINE


def plan(key: str) -> str:
    return PLAN_SHORT_NAMES.get(key, key)


def role(value: str, via_group: str | None = None) -> str:
    text = ROLE_SHORT.get(value, value)
    return text + strings.VIA_GROUP.format(group=via_group) if via_group else text


def names(values: tuple[str, ...] | list[str]) -> str:
    return "、".join(values) or strings.NO_DEADLINE
