"""How domain values look on screen: lights in colour with a glyph, reply states, dates,
roles, plans. Colours follow the model's states and positions, never a label's wording."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from model.core.lights import Light
from model.core.strings import PLAN_SHORT_NAMES, ROLE_SHORT, STATUS_NAMES
from model.scoring.rubric import BandTone
from model.status.holders import HolderState
from model.status.notices import NoticeView, ReplyState
from tui import strings

LIGHT_STYLES = {
    Light.RED: "bold red",
    Light.YELLOW: "bold yellow",
    Light.GREEN: "green",
    Light.GREY: "dim",
}
STATE_STYLES = {"overdue": "bold red", "soon": "yellow", "done": "green", "future": ""}
REPLY_STYLES = {
    ReplyState.OPEN: "",
    ReplyState.ANSWERED: "green",
    ReplyState.LATE: "yellow",
    ReplyState.OVERDUE: "bold red",
}
# A rating's colour comes from its band's place in the rubric (ScoreBoard.tone).
TONE_COLORS = {BandTone.TOP: "green", BandTone.MIDDLE: "yellow", BandTone.BOTTOM: "red"}


def light(value: Light) -> Text:
    return Text(strings.LIGHT_LABELS[value.value], style=LIGHT_STYLES[value])


def status(value: str, tone: Light | None = None) -> Text:
    return Text(STATUS_NAMES.get(value, value), style=LIGHT_STYLES.get(tone, "") if tone else "")


def reply(notice: NoticeView, as_of: dt.date) -> Text:
    """未答复 / 已答复（2023-09-15）/ 逾期未答复 / 逾期答复（…）, coloured by state."""
    return Text(notice.describe(as_of), style=REPLY_STYLES[notice.state(as_of)])


def date(value: dt.date | None) -> str:
    return value.isoformat() if value else strings.NO_DEADLINE


def plan(key: str) -> str:
    return PLAN_SHORT_NAMES.get(key, key)


def role(value: str, via_group: str | None = None) -> str:
    text = ROLE_SHORT.get(value, value)
    return text + strings.VIA_GROUP.format(group=via_group) if via_group else text


def names(values: tuple[str, ...] | list[str]) -> str:
    return "、".join(values) or strings.NO_DEADLINE


def year_label(year: int | None) -> str:
    """2023年度, or 全部年度 for every year at once."""
    return strings.YEAR_ALL if year is None else strings.YEAR_ONE.format(year=year)


def holder_cells(state: HolderState, status_text: str | None = None) -> list[str | Text]:
    """A holder's role, status, light, next due date and last report, as every table that
    lists holders shows them (`status_text`: a label such as 未报送 instead of the status)."""
    return [
        role(state.role, state.via_group),
        status(status_text if status_text is not None else state.status.value, state.light),
        light(state.light),
        date(state.next_due),
        date(state.last_report_on),
    ]
