"""单位: find a unit fast (name, alias, pinyin initials), then everything it holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from model.core.lights import Light
from model.core.strings import AUDIT_ACTION_NAMES, KIND_NAMES
from model.core.times import local_time
from model.plans.task_refs import TaskRef
from model.status.unit_check import UnitCheck, unit_check
from model.store.audit_history import AuditRow, event_summary, unit_history
from model.units.search import UnitCandidate, rank_units, unit_candidates
from tui import display, strings
from tui.events import OpenTask
from tui.widgets.data_pane import DataPane

if TYPE_CHECKING:
    from model.store.db import UnitOfWork as Session


def notice_line(check: UnitCheck) -> Text:
    """督办单：督办〔2023〕1号（督办）已答复（2023-09-15）；…, each state in its colour."""
    items = Text("；").join(
        Text.assemble(
            strings.UNIT_NOTICE_ITEM.format(number=n.number, level=n.level),
            display.reply(n, check.as_of),
        )
        for n in check.notices
    )
    line = Text(strings.UNIT_NOTICES.format(notices=""))
    return line.append_text(items) if check.notices else line.append(strings.OV_NONE)


class UnitPane(DataPane[list[UnitCandidate]]):
    @dataclass
    class Checked(Message):
        check: UnitCheck
        history: list[AuditRow]

    focus_target = "#unit-search"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.selected: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="unit-finder"):
                yield Input(placeholder=strings.UNIT_SEARCH_PLACEHOLDER, id="unit-search")
                yield OptionList(id="unit-hits")
            with Vertical(id="unit-detail"):
                yield Label(strings.UNIT_PICK, id="unit-header", classes="heading")
                yield Static(id="unit-summary")
                yield DataTable(id="unit-items", cursor_type="row", zebra_stripes=True)
                yield Static(id="unit-notices")
                yield Label(strings.TASK_HISTORY, classes="heading")
                yield DataTable(id="unit-history", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#unit-items", DataTable)
        display.add_columns(
            table,
            (strings.COL_PLAN, 6),
            (strings.COL_NUMBER, 4),
            (strings.COL_TITLE, 18),
            (strings.COL_ROLE, 8),
            (strings.COL_STATUS, 8),
            (strings.COL_LIGHT, 4),
            (strings.COL_NEXT_DUE, 10),
            (strings.COL_LAST_REPORT, 10),
        )

        history = self.query_one("#unit-history", DataTable)
        display.add_columns(
            history,
            (strings.COL_TIME, 16),
            (strings.COL_ACTOR, 12),
            (strings.COL_ACTION, 10),
            (strings.COL_DETAIL, 40),
        )

    def fetch(self, session: Session) -> list[UnitCandidate]:
        return unit_candidates(session)

    def show(self, data: list[UnitCandidate]) -> None:
        self.render_hits()
        if self.selected:
            self.check(self.selected)

    def render_hits(self) -> None:
        query = self.query_one("#unit-search", Input).value
        candidates = self.data or []
        hits = rank_units(candidates, query, limit=len(candidates)) if query.strip() else candidates
        options = self.query_one("#unit-hits", OptionList)
        options.clear_options()
        options.add_options(
            Option(f"{hit.name}  [dim]{KIND_NAMES[hit.kind]}[/]", id=hit.name) for hit in hits
        )
        if hits:
            options.highlighted = 0

    @on(Input.Changed, "#unit-search")
    def search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.render_hits()

    @on(Input.Submitted, "#unit-search")
    def search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#unit-hits", OptionList)
        if options.highlighted is not None and options.option_count:
            option = options.get_option_at_index(options.highlighted)
            self.select_unit(str(option.id))

    @on(OptionList.OptionSelected, "#unit-hits")
    def hit_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.select_unit(str(event.option.id))

    def select_unit(self, name: str) -> None:
        self.selected = name
        self.check(name)
        self.query_one("#unit-items", DataTable).focus()  # next: browse what it holds

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def check(self, name: str) -> None:
        app = self.duban
        with app.database.read() as session:
            result = unit_check(session, name, app.as_of, app.rules)
            history = unit_history(session, result.unit_id, until=app.as_of, limit=50)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Checked(result, history))

    @on(Checked)
    def show_check(self, message: UnitPane.Checked) -> None:
        message.stop()
        check = message.check
        self.query_one("#unit-header", Label).update(
            strings.UNIT_HEADER.format(unit=check.unit, kind=KIND_NAMES[check.kind])
        )
        counts = {light.value: check.count(light) for light in Light}
        summary = Text(strings.UNIT_COUNTS.format(total=len(check.items), **counts))
        if check.members:
            summary.append("\n" + strings.UNIT_MEMBERS.format(members="、".join(check.members)))
        self.query_one("#unit-summary", Static).update(summary)
        table = self.query_one("#unit-items", DataTable)
        table.clear()
        for index, (item, label) in enumerate(zip(check.items, check.labels, strict=True)):
            table.add_row(
                display.plan(item.plan_key),
                str(item.task_number),
                item.task_title,
                display.role(item.role, item.via_group),
                display.status(label, item.light),
                display.light(item.light),
                display.date(item.next_due),
                display.date(item.last_report_on),
                key=f"{index}:{item.plan_key}:{item.task_number}:{item.plan_year}",
            )
        self.query_one("#unit-notices", Static).update(notice_line(check))
        history = self.query_one("#unit-history", DataTable)
        history.clear()
        for event in message.history:
            history.add_row(
                local_time(event.at),
                event.actor,
                AUDIT_ACTION_NAMES.get(event.action, event.action),
                event_summary(event),
            )

    @on(DataTable.RowSelected, "#unit-items")
    def item_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        _, plan_key, number, year = str(event.row_key.value).split(":")
        self.post_message(OpenTask(TaskRef(plan_key, int(number), int(year))))
