"""One supervision notice (督办单): what was asked of whom, the reply, and the follow-up.

Opened with Enter on the 督办 tab. The fields on top, then the notice's tasks with where
the unit stands on each as of the date (Enter opens the task); `a` registers the reply,
`n` issues the next notice (again, or at a higher level) to the same unit about the same
tasks; esc or q goes back. The screen reads the notice again whenever it is shown again,
so a reply or a new notice saved from here is on it when the form closes.

It lives beside the pane that opens it: the pane pushes it itself (widgets may not import
screens), and nothing else opens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static
from textual.worker import Worker, get_current_worker

from model.status.notices import NoticeDetail, NoticeTask, notice_detail
from tui import display, strings
from tui.events import OpenTask, RelaysWorkerFailures
from tui.widgets.fitted_table import Col, FittedTable, RowDetail

if TYPE_CHECKING:
    from tui.app import DubanApp

# The task, its state and light and the next deadline stay; the role and the last report
# go first (the detail line shows the highlighted row in full).
TASK_COLUMNS = (
    Col(strings.COL_TASK, "task", least=6),
    Col(strings.COL_TASK_TITLE, "title", least=8, ideal=24, detail=True),
    Col(strings.COL_ROLE, "role", priority=2),
    Col(strings.COL_STATUS, "status", least=6),
    Col(strings.COL_LIGHT, "light"),
    Col(strings.COL_NEXT_DUE, "due", least=10),
    Col(strings.COL_LAST_REPORT, "reported", least=10, priority=1),
)

# (field id, title): two short fields a row, then the texts a row each.
FIELDS = (
    ("number", strings.COL_NOTICE_NUMBER),
    ("level", strings.FIELD_LEVEL),
    ("unit", strings.FIELD_UNIT),
    ("state", strings.FIELD_STATUS),
    ("issued", strings.FIELD_ISSUED),
    ("reply-due", strings.FIELD_REPLY_DUE),
    ("reply-on", strings.NOTICE_REPLY_ON),
    ("tasks", strings.FIELD_TASKS),
)
TEXTS = (("reply-text", strings.FIELD_REPLY), ("body", strings.FIELD_BODY))


def task_cells(task: NoticeTask) -> list[object]:
    holder = task.holder
    if holder is None:
        return [
            task.ref.short(),
            task.title,
            strings.NO_DEADLINE,
            strings.NOTICE_NOT_HELD,
            strings.NO_DEADLINE,
            strings.NO_DEADLINE,
            strings.NO_DEADLINE,
        ]
    return [
        task.ref.short(),
        task.title,
        *display.holder_cells(holder),
    ]


class NoticeScreen(RelaysWorkerFailures, Screen[None]):
    DEFAULT_CSS = """
    NoticeScreen #notice-page {
        padding: 0 2;
    }
    NoticeScreen .notice-fields {
        grid-size: 4;
        grid-columns: 9 1fr 9 1fr;
        grid-rows: auto;
        grid-gutter: 0 1;
        height: auto;
    }
    NoticeScreen #notice-texts {
        grid-size: 2;
        grid-columns: 9 1fr;
        margin-bottom: 1;
    }
    NoticeScreen .field-title {
        color: $text-muted;
    }
    NoticeScreen #notice-task-table {
        height: auto;
        max-height: 12;
    }
    NoticeScreen #notice-row-detail {
        padding: 0 2;
    }
    """
    AUTO_FOCUS = "#notice-task-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", strings.BACK, id="notice.back"),
        Binding("a", "reply", strings.NOTICE_REPLY_KEY, id="notice.reply"),
        Binding("n", "follow_up", strings.NOTICE_FOLLOW_UP_KEY, id="notice.follow_up"),
    ]

    @dataclass
    class Loaded(Message):
        detail: NoticeDetail | None

    def __init__(self, number: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.number = number
        self.detail: NoticeDetail | None = None

    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    def compose(self) -> ComposeResult:
        detail = RowDetail(id="notice-row-detail", classes="row-detail")
        yield Header()
        with VerticalScroll(id="notice-page"):
            yield Label(
                strings.NOTICE_TITLE.format(number=self.number),
                id="notice-title",
                classes="heading",
                markup=False,
            )
            with Grid(id="notice-fields", classes="notice-fields"):
                for key, title in FIELDS:
                    yield Label(title, classes="field-title", markup=False)
                    yield Static(id=f"notice-{key}", markup=False)
            with Grid(id="notice-texts", classes="notice-fields"):
                for key, title in TEXTS:
                    yield Label(title, classes="field-title", markup=False)
                    yield Static(id=f"notice-{key}", markup=False)
            yield Label(id="notice-tasks-heading", classes="heading", markup=False)
            yield FittedTable(
                *TASK_COLUMNS, detail=detail, id="notice-task-table", zebra_stripes=True
            )
        yield detail
        yield Footer(compact=True)

    def describe_work(self, worker: Worker[Any]) -> str:
        return strings.WORK_READ.format(name=strings.NOTICE_TITLE.format(number=self.number))

    @on(events.ScreenResume)
    def resumed(self) -> None:
        """Shown for the first time, or again after a form or the task screen: read anew
        (a reply or a notice saved meanwhile, another process's writes)."""
        self.reload()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def reload(self) -> None:
        app = self.duban
        with app.database.reader() as session:
            detail = notice_detail(session, self.number, app.as_of, app.rules)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(detail))

    @on(Loaded)
    def show_notice(self, message: NoticeScreen.Loaded) -> None:
        message.stop()
        detail = self.detail = message.detail
        if detail is None:
            self.query_one("#notice-title", Label).update(
                strings.NOTICE_MISSING.format(number=self.number, as_of=self.duban.as_of)
            )
            return
        notice, as_of = detail.notice, detail.as_of
        values: dict[str, str | Text] = {
            "number": notice.number,
            "level": notice.level,
            "unit": notice.unit,
            "state": display.reply(notice, as_of),
            "issued": notice.issued_on.isoformat(),
            "reply-due": notice.reply_due.isoformat(),
            "reply-on": display.date(notice.reply_on),
            "tasks": notice.task_names or strings.OV_NONE,
            "reply-text": notice.reply_text or strings.NO_DEADLINE,
            "body": notice.body or strings.NO_DEADLINE,
        }
        for key, value in values.items():
            # Plain text: a reply may hold brackets that are not markup.
            shown = value if isinstance(value, Text) else Text(value)
            self.query_one(f"#notice-{key}", Static).update(shown)
        self.query_one("#notice-tasks-heading", Label).update(
            strings.NOTICE_TASKS_HEADING.format(unit=notice.unit, as_of=as_of)
            if detail.tasks
            else strings.FIELD_TASKS + strings.OV_NONE
        )
        table = self.query_one("#notice-task-table", FittedTable)
        table.set_rows((str(index), task_cells(task)) for index, task in enumerate(detail.tasks))
        table.display = bool(detail.tasks)

    @on(DataTable.RowSelected, "#notice-task-table")
    def task_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.detail is not None:
            task = self.detail.tasks[int(str(event.row_key.value))]
            self.post_message(OpenTask(task.ref))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_reply(self) -> None:
        if self.detail is None:
            return
        notice = self.detail.notice
        if notice.reply_on is not None:
            self.notify(strings.NOTICE_REPLIED.format(number=notice.number, on=notice.reply_on))
            return
        self.duban.open_reply_form(notice.number)

    def action_follow_up(self) -> None:
        if self.detail is not None:
            notice = self.detail.notice
            self.duban.open_notice_form(unit=notice.unit, tasks=notice.task_names)
