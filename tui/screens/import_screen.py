"""导入: the source text beside the parsed tasks; unknown units mapped before loading."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Select, Static
from textual.worker import Worker

from model.core.errors import DubanError
from seed.import_service import (
    ImportPreview,
    UnitChoices,
    known_units,
    load_import,
    preview_import,
)
from tui import display, strings
from tui.events import RelaysWorkerFailures
from tui.widgets.fitted_table import Col, FittedTable, RowDetail

if TYPE_CHECKING:
    from tui.app import DubanApp

NEW_UNIT = "__new__"

# The number, the title and the lead units stay; the plan, the supporting units and the
# deadlines go first (the detail line under the table shows the highlighted task whole).
PARSED_COLUMNS = (
    Col(strings.COL_PLAN, "plan", priority=2),
    Col(strings.COL_NUMBER, "number"),
    Col(strings.COL_TITLE, "title", least=8, ideal=20, detail=True),
    Col(strings.COL_LEAD, "lead", least=6, ideal=18, detail=True),
    Col(strings.COL_SUPPORT, "support", least=6, ideal=14, priority=1, detail=True),
    Col(strings.COL_DEADLINES, "deadlines", least=5, ideal=12, priority=3),
)


class ImportScreen(RelaysWorkerFailures, Screen[str | None]):
    DEFAULT_CSS = """
    ImportScreen #parsed-summary {
        width: 100%;
    }
    ImportScreen #parsed-tasks {
        height: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", strings.CANCEL, id="import.cancel"),
        Binding("ctrl+s", "load", strings.IMPORT_LOAD, id="import.load"),
    ]

    @dataclass
    class Parsed(Message):
        preview: ImportPreview

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.preview: ImportPreview | None = None

    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    def describe_work(self, worker: Worker[Any]) -> str:
        # Parsing reads the file; loading writes the plans: say which one failed.
        name = strings.IMPORT_LOAD if worker.group == "load" else self.path.name
        return strings.WORK_IMPORT.format(name=name)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(
            strings.IMPORT_TITLE.format(file=self.path.name), classes="heading", markup=False
        )
        with Horizontal(id="import-main"):
            with VerticalScroll(id="import-source"):
                yield Label(strings.IMPORT_SOURCE, classes="muted", markup=False)
                yield Static(id="source-text", markup=False)
            with Vertical(id="import-parsed"):
                yield Label(id="parsed-summary", classes="muted", markup=False)
                detail = RowDetail(id="parsed-row-detail", classes="row-detail")
                yield FittedTable(
                    *PARSED_COLUMNS, detail=detail, id="parsed-tasks", zebra_stripes=True
                )
                yield detail
        yield Label(strings.IMPORT_UNKNOWN, classes="heading", markup=False)
        yield VerticalScroll(id="unknown-units")
        yield Label("", id="form-error", classes="form-error", markup=False)
        with Horizontal(classes="form-buttons"):
            yield Button(strings.IMPORT_LOAD, id="load", variant="primary")
            yield Button(strings.CANCEL, id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.parse()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def parse(self) -> None:
        app = self.duban
        try:
            preview = preview_import(self.path, known_units(app.database))
        except DubanError as error:
            app.call_from_thread(self.show_error, str(error))
            return
        self.post_message(self.Parsed(preview))

    def show_error(self, text: str) -> None:
        self.query_one("#form-error", Label).update(text)

    @on(Parsed)
    async def show_parsed(self, message: ImportScreen.Parsed) -> None:
        preview = self.preview = message.preview
        self.query_one("#source-text", Static).update(Text(preview.text))
        self.query_one("#parsed-summary", Label).update(
            strings.IMPORT_PARSED.format(summary=preview.summary())
        )
        self.query_one("#parsed-tasks", FittedTable).set_rows(
            (
                f"{plan.key}:{plan.year}:{task.number}",
                [
                    display.plan(plan.key),
                    str(task.number),
                    task.title,
                    display.names(task.lead or task.responsible),
                    display.names(task.support),
                    " ".join(m.due.strftime("%m-%d") for m in task.milestones)
                    or strings.NO_DEADLINE,
                ],
            )
            for plan in preview.document.plans
            for task in plan.tasks
        )
        box = self.query_one("#unknown-units", VerticalScroll)
        names = preview.unknown_names()
        if not names:
            await box.mount(Label(strings.IMPORT_NO_UNKNOWN, markup=False))
        options = [(Text(strings.IMPORT_NEW_UNIT), NEW_UNIT)]
        options += [(Text(name), name) for name in preview.unit_names()]
        for index, (name, where) in enumerate(names.items()):
            select: Select[str] = Select(options, prompt=strings.PICK_ONE, id=f"map-{index}")
            select.compact = True
            label = Label(
                strings.IMPORT_UNKNOWN_NAME.format(name=name, where=where),
                classes="unknown-name",
                markup=False,
            )
            await box.mount(Horizontal(label, select, classes="field"))

    def choices(self) -> UnitChoices:
        """The pick for each unknown name; ValueError until every name has one."""
        assert self.preview is not None
        mapping: dict[str, str] = {}
        new_units: list[str] = []
        for index, name in enumerate(self.preview.unknown_names()):
            value = self.query_one(f"#map-{index}", Select).value
            if value is Select.NULL:
                raise ValueError(strings.IMPORT_PICK_ALL)
            if value == NEW_UNIT:
                new_units.append(name)
            else:
                mapping[name] = str(value)
        return UnitChoices(mapping, tuple(new_units))

    @on(Button.Pressed, "#load")
    def action_load(self) -> None:
        if self.preview is None:
            return
        try:
            choices = self.choices()
        except ValueError as error:
            self.show_error(str(error))
            return
        self.show_error("")
        self.load(self.preview.choose(choices))

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, preview: ImportPreview) -> None:
        app = self.duban
        try:
            done = load_import(app.database, preview)
        except DubanError as error:
            app.call_from_thread(self.show_error, str(error))
            return
        app.call_from_thread(
            self.dismiss, strings.IMPORT_DONE.format(plans=len(done.plans), tasks=done.tasks)
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
