"""单位: find a unit fast (name, alias, pinyin initials), then everything it holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from model.core.lights import Light
from model.core.strings import KIND_NAMES
from model.plans.task_refs import TaskRef
from model.status.returns import Liaison, liaisons
from model.status.unit_card import liaison_line
from model.status.unit_check import UnitCheck, unit_check
from model.store.audit_history import AuditRow, unit_history
from model.units.search import UnitCandidate, rank_units, unit_candidates
from tui import display, strings
from tui.events import OpenTask
from tui.text import ellipsize
from tui.widgets.data_pane import DataPane
from tui.widgets.fitted_table import Col, FittedTable, RowDetail
from tui.widgets.history_rows import history_cells, history_heading

if TYPE_CHECKING:
    from model.store.reader import Source


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


NARROW = 100


def item_columns(*, via_group: bool = False) -> tuple[Col, ...]:
    """The light, the state and the dates stay; the plan and the number go first. A unit
    that holds tasks through a group (牵头（经各乡镇）) sees the group in every such row."""
    return (
        Col(strings.COL_PLAN, "plan", priority=1),
        Col(strings.COL_NUMBER, "number", priority=1),
        Col(strings.COL_TITLE, "title", least=8, ideal=20, detail=True),
        Col(strings.COL_ROLE, "role", least=16 if via_group else 4, priority=0 if via_group else 3),
        Col(strings.COL_STATUS, "status", least=10),
        Col(strings.COL_LIGHT, "light"),
        Col(strings.COL_NEXT_DUE, "due", least=10),
        Col(strings.COL_LAST_REPORT, "reported", least=10),
    )


HISTORY_COLUMNS = (
    Col(strings.COL_TIME, "time", least=16),
    Col(strings.COL_ACTOR, "actor", least=6, ideal=12, priority=1),
    Col(strings.COL_ACTION, "action", least=10),
    Col(strings.COL_DETAIL, "detail", least=10, ideal=30, detail=True),
)


class UnitPane(DataPane[list[UnitCandidate]]):
    @dataclass
    class Checked(Message):
        check: UnitCheck
        history: list[AuditRow]
        liaison: Liaison | None = None  # who sends the unit's work to the office (#14)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "edit_liaison", strings.LIAISON_KEY, id="unit.liaison"),
    ]
    focus_target = "#unit-search"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.selected: str | None = None
        self.shown: UnitPane.Checked | None = None  # the unit on screen, for its liaison form

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="unit-finder"):
                yield Input(placeholder=strings.UNIT_SEARCH_PLACEHOLDER, id="unit-search")
                yield OptionList(id="unit-hits")
            with Vertical(id="unit-detail"):
                with Horizontal(id="unit-heading"):
                    yield Label(
                        strings.UNIT_PICK, id="unit-header", classes="heading", markup=False
                    )
                    yield Static(id="unit-summary", markup=False)
                detail = RowDetail(id="unit-row-detail", classes="row-detail")
                yield FittedTable(
                    *item_columns(), detail=detail, id="unit-items", zebra_stripes=True
                )
                yield Static(id="unit-notices", markup=False)
                yield Label(
                    strings.TASK_HISTORY, id="unit-history-heading", classes="heading", markup=False
                )
                yield FittedTable(
                    *HISTORY_COLUMNS, detail=detail, id="unit-history", zebra_stripes=True
                )
                yield detail

    def on_resize(self, event: events.Resize) -> None:
        # Below 100 cells the finder goes above the tables, which keep the whole width.
        narrow = event.size.width < NARROW
        self.set_class(narrow, "-narrow")
        if self.selected is None:
            pick = strings.UNIT_PICK_ABOVE if narrow else strings.UNIT_PICK
            self.query_one("#unit-header", Label).update(pick)
        self.call_after_refresh(self.fit_placeholder)

    def fit_placeholder(self) -> None:
        """The search field's hint, ending in "…" when the field is narrower (never cut
        silently)."""
        field = self.query_one("#unit-search", Input)
        width = field.content_size.width - 1  # the cursor's cell at the end
        if width > 0:
            hint = ellipsize(Text(strings.UNIT_SEARCH_PLACEHOLDER), width).plain
            if field.placeholder != hint:
                field.placeholder = hint

    @on(events.DescendantFocus)
    def focus_moved(self, event: events.DescendantFocus) -> None:
        # When narrow, the hits show only while the finder has the keyboard.
        finder = self.query_one("#unit-finder")
        self.set_class(finder in event.widget.ancestors_with_self, "-finding")

    def fetch(self, session: Source) -> list[UnitCandidate]:
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
            # Plain text: a unit's name holding brackets is not markup.
            Option(Text.assemble(hit.name, "  ", (KIND_NAMES[hit.kind], "dim")), id=hit.name)
            for hit in hits
        )
        if hits:
            options.highlighted = 0
        else:  # a search that finds nothing says so, instead of an empty list
            no_match = Text(strings.UNIT_NO_MATCH.format(query=query), style="dim")
            options.add_option(Option(no_match, disabled=True))

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
        with app.database.reader() as session:
            result = unit_check(session, name, app.as_of, app.rules, year=app.year)
            # Every event up to now: one dated after the as-of date is shown, marked.
            history = unit_history(session, result.unit_id, limit=50)
            liaison = liaisons(session, [result.unit_id]).get(result.unit_id)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Checked(result, history, liaison))

    @on(Checked)
    def show_check(self, message: UnitPane.Checked) -> None:
        message.stop()
        self.shown = message
        check = message.check
        self.query_one("#unit-header", Label).update(
            strings.UNIT_HEADER.format(unit=check.unit, kind=KIND_NAMES[check.kind])
        )
        counts = {light.value: check.count(light) for light in Light}
        summary = Text(strings.UNIT_COUNTS.format(total=len(check.items), **counts))
        if check.members:
            summary.append("\n" + strings.UNIT_MEMBERS.format(members="、".join(check.members)))
        elif check.kind != "group":  # a group has none: its members report
            summary.append("\n" + liaison_line(message.liaison))
        self.query_one("#unit-summary", Static).update(summary)
        via_group = any(item.via_group for item in check.items)
        self.query_one("#unit-items", FittedTable).set_rows(
            (
                (
                    f"{index}:{item.plan_key}:{item.task_number}:{item.plan_year}",
                    [
                        display.plan(item.plan_key),
                        str(item.task_number),
                        item.task_title,
                        *display.holder_cells(item, label),
                    ],
                )
                for index, (item, label) in enumerate(zip(check.items, check.labels, strict=True))
            ),
            columns=item_columns(via_group=via_group),
        )
        self.query_one("#unit-notices", Static).update(notice_line(check))
        self.query_one("#unit-history-heading", Label).update(history_heading(check.as_of))
        self.query_one("#unit-history", FittedTable).set_rows(
            (None, history_cells(event, check.as_of)) for event in message.history
        )

    @on(DataTable.RowSelected, "#unit-items")
    def item_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        _, plan_key, number, year = str(event.row_key.value).split(":")
        self.post_message(OpenTask(TaskRef(plan_key, int(number), int(year))))

    # --- the unit's liaison (#14) ---
    def action_edit_liaison(self) -> None:
        from model.core.strings import LIAISON_GROUP

        shown = self.shown
        if shown is None:
            self.notify(strings.LIAISON_PICK_UNIT, severity="warning")
        elif shown.check.kind == "group":
            self.notify(LIAISON_GROUP.format(unit=shown.check.unit), severity="warning")
        else:
            self.duban.open_liaison_form(shown.check.unit, shown.liaison)
