"""One task: its text, milestones, holders, reports, closures, notices and audit history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static
from textual.worker import Worker, get_current_worker

from model.core.lights import Light
from model.core.strings import REPORT_STATUS_NAMES
from model.plans.task_refs import TaskRef
from model.status.notices import NoticeView
from model.status.task_detail import TaskDetail, task_detail
from tui import display, strings
from tui.events import RelaysWorkerFailures
from tui.screens.closure_form import ClosureForm
from tui.screens.milestone_form import MilestoneForm
from tui.screens.report_form import ReportForm
from tui.text import ellipsize
from tui.widgets.fitted_table import Col, FittedTable, RowDetail
from tui.widgets.history_rows import history_cells, history_heading

if TYPE_CHECKING:
    from tui.app import DubanApp


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    columns: tuple[Col, ...]


# Every table keeps its dates, units, states and lights at 80 columns; notes, levels and
# who did it go first (the detail line at the bottom shows the highlighted row in full).
MILESTONE_TEXT = 48  # cells of a milestone's text in the milestone form's choice list

SECTIONS = [
    Section(
        "milestones",
        strings.TASK_MILESTONES,
        (
            Col(strings.COL_DUE, "due", least=10),
            Col(strings.COL_MILESTONE, "text", least=10, ideal=30, detail=True),
            Col(strings.COL_STATUS, "state", least=6),
            Col(strings.COL_PENDING, "pending", least=10, ideal=20, detail=True),
        ),
    ),
    Section(
        "holders",
        strings.TASK_HOLDERS,
        (
            Col(strings.COL_UNIT, "unit", least=8, ideal=20, detail=True),
            Col(strings.COL_ROLE, "role", ideal=16, priority=1),
            Col(strings.COL_STATUS, "status", least=10),
            Col(strings.COL_LIGHT, "light"),
            Col(strings.COL_NEXT_DUE, "due", least=10),
            Col(strings.COL_LAST_REPORT, "reported", least=10),
            Col(strings.COL_PERCENT, "percent", priority=2),
        ),
    ),
    Section(
        "reports",
        strings.TASK_REPORTS,
        (
            Col(strings.COL_DATE, "date", least=10),
            Col(strings.COL_UNIT, "unit", least=8, ideal=16, detail=True),
            Col(strings.COL_STATUS, "status", least=6),
            Col(strings.COL_PERCENT, "percent"),
            Col(strings.COL_NOTE, "note", least=8, ideal=20, priority=1, detail=True),
            Col(strings.COL_PROBLEMS, "problems", least=8, ideal=16, priority=2, detail=True),
            Col(strings.COL_NEXT_STEPS, "next", least=8, ideal=16, priority=3, detail=True),
            Col(strings.COL_EVIDENCE, "evidence", priority=4),
        ),
    ),
    Section(
        "closures",
        strings.TASK_CLOSURES,
        (
            Col(strings.COL_DATE, "date", least=10),
            Col(strings.COL_UNIT, "unit", least=8, ideal=16, detail=True),
            Col(strings.COL_ACTION, "action"),
            Col(strings.COL_REASON, "reason", least=8, ideal=24, priority=1, detail=True),
            Col(strings.COL_VERIFIER, "verifier", least=6, priority=2),
        ),
    ),
    Section(
        "notices",
        strings.TASK_NOTICES,
        (
            Col(strings.COL_NOTICE_NUMBER, "number", least=14),
            Col(strings.COL_UNIT, "unit", least=6, ideal=12, detail=True),
            Col(strings.COL_LEVEL, "level", priority=2),
            Col(strings.COL_ISSUED, "issued", least=10, priority=3),
            Col(strings.COL_REPLY_DUE, "reply-due", least=10),
            Col(strings.COL_REPLY, "reply", least=8, ideal=24, detail=True),
        ),
    ),
    Section(
        "history",
        strings.TASK_HISTORY,
        (
            Col(strings.COL_TIME, "time", least=16),
            Col(strings.COL_ACTOR, "actor", least=6, ideal=12, priority=2),
            Col(strings.COL_ACTION, "action", least=10),
            Col(strings.COL_DETAIL, "detail", least=10, ideal=30, detail=True),
        ),
    ),
]


def section_rows(detail: TaskDetail) -> dict[str, list[list[object]]]:
    """The cells of every section's rows, by section key."""
    return {
        "milestones": [
            [
                m.due.isoformat(),
                m.text,
                Text(strings.TL_STATES[m.state], style=display.STATE_STYLES[m.state]),
                display.names(m.pending_units),
            ]
            for m in detail.milestones
        ],
        "holders": [
            [
                h.unit,
                *display.holder_cells(h),
                "—" if h.percent is None else f"{h.percent}%",
            ]
            for h in detail.holders
        ],
        "reports": [
            [
                r.reported_on.isoformat(),
                r.unit,
                REPORT_STATUS_NAMES.get(r.status, r.status),
                f"{r.percent}%",
                r.note,
                r.problems,
                r.next_steps,
                str(len(r.evidence)),
            ]
            for r in detail.reports
        ],
        "closures": [
            [c.on.isoformat(), c.unit, strings.CLOSURE_ACTIONS[c.action], c.reason, c.verified_by]
            for c in detail.closures
        ],
        "notices": [
            [
                n.number,
                n.unit,
                n.level,
                n.issued_on.isoformat(),
                n.reply_due.isoformat(),
                reply_cell(n, detail.as_of),
            ]
            for n in detail.notices
        ],
        # Every event up to now; one dated after the as-of date dimmed and marked.
        "history": [history_cells(e, detail.as_of) for e in detail.history],
    }


def reply_cell(notice: NoticeView, as_of: dt.date) -> Text:
    """The reply's state in its colour, then what the unit answered (the row has the dates)."""
    state = notice.state(as_of)
    cell = Text(state.label, style=display.REPLY_STYLES[state])
    return cell.append(f"：{notice.reply_text}") if notice.reply_text else cell


class TaskScreen(RelaysWorkerFailures, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", strings.BACK, id="task.back"),
        Binding("r", "report", strings.REPORT_KEY, id="task.report"),
        Binding("m", "milestone", strings.MILESTONE_KEY, id="task.milestone"),
        Binding("c", "close_item", strings.CLOSE_KEY, id="task.close"),
        Binding("o", "reopen_item", strings.REOPEN_KEY, id="task.reopen"),
        Binding("n", "notice", strings.NOTICE_KEY, id="task.notice"),
    ]

    @dataclass
    class Loaded(Message):
        detail: TaskDetail

    def __init__(self, ref: TaskRef, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ref = ref
        self.detail: TaskDetail | None = None

    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    def compose(self) -> ComposeResult:
        detail = RowDetail(id="task-row-detail", classes="row-detail")
        yield Header()
        with VerticalScroll(id="task-body"):
            yield Label(id="task-header", classes="muted", markup=False)
            yield Label(id="task-title", classes="task-title", markup=False)
            yield Static(id="task-text", classes="task-text", markup=False)
            for section in SECTIONS:
                yield Label(
                    section.title, id=f"heading-{section.key}", classes="heading", markup=False
                )
                yield FittedTable(
                    *section.columns,
                    detail=detail,
                    id=f"task-{section.key}",
                    zebra_stripes=True,
                )
        yield detail
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def reload(self) -> None:
        app = self.duban
        with app.database.read() as session:
            detail = task_detail(session, self.ref, app.as_of, app.rules)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(detail))

    def describe_work(self, worker: Worker[Any]) -> str:
        return strings.WORK_READ.format(name=self.ref.label())

    @on(Loaded)
    def show_detail(self, message: TaskScreen.Loaded) -> None:
        detail = self.detail = message.detail
        self.query_one("#task-header", Label).update(
            strings.TASK_HEADER.format(
                plan=display.plan(detail.plan_key), number=detail.number, section=detail.section
            )
        )
        self.query_one("#task-title", Label).update(detail.title)
        self.query_one("#task-text", Static).update(Text(detail.text))
        for key, rows in section_rows(detail).items():
            self.fill_section(key, rows)
        if detail.history:  # says which rows the as-of date does not count yet
            self.query_one("#heading-history", Label).update(history_heading(detail.as_of))

    def fill_section(self, key: str, rows: list[list[object]]) -> None:
        table = self.query_one(f"#task-{key}", FittedTable)
        table.set_rows((None, row) for row in rows)
        table.display = bool(rows)
        title = next(section.title for section in SECTIONS if section.key == key)
        heading = title if rows else f"{title}{strings.OV_NONE}"
        self.query_one(f"#heading-{key}", Label).update(heading)

    def holder_units(self, lights: tuple[Light, ...] | None = None) -> list[str]:
        if self.detail is None:
            return []
        return list(
            dict.fromkeys(
                h.unit for h in self.detail.holders if lights is None or h.light in lights
            )
        )

    def after_save(self, message: str | None) -> None:
        if message:
            self.notify(message)
            self.duban.data_changed()  # reloads this screen too

    def action_back(self) -> None:
        self.dismiss(None)

    def action_report(self) -> None:
        if self.detail:
            self.app.push_screen(
                ReportForm(self.detail.ref, self.holder_units(), self.duban.as_of), self.after_save
            )

    def action_milestone(self) -> None:
        if self.detail and not self.detail.milestones:
            self.notify(strings.TASK_NO_MILESTONES)
        if self.detail and self.detail.milestones:
            milestones = [
                (m.position, f"{m.due} {ellipsize(Text(m.text), MILESTONE_TEXT).plain}")
                for m in self.detail.milestones
            ]
            self.app.push_screen(
                MilestoneForm(self.detail.ref, self.holder_units(), milestones, self.duban.as_of),
                self.after_save,
            )

    def open_closure(self, action: Literal["close", "reopen"]) -> None:
        if self.detail:
            form = ClosureForm(
                self.detail.ref,
                self.holder_units(),
                self.duban.as_of,
                action=action,
                # Blank: who checked the evidence is a person's name, typed each time, not
                # the computer's login (root, Administrator).
                verifier="",
            )
            self.app.push_screen(form, self.after_save)

    def action_close_item(self) -> None:
        self.open_closure("close")

    def action_reopen_item(self) -> None:
        self.open_closure("reopen")

    def action_notice(self) -> None:
        if self.detail:
            late = self.holder_units((Light.RED, Light.YELLOW)) or self.holder_units()
            ref = self.detail.ref
            self.duban.open_notice_form(
                units=self.holder_units(),
                unit=late[0],
                tasks=ref.label(),
                callback=self.after_save,
            )
