"""导入: the source text beside the parsed tasks; unknown units mapped before loading."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Label, Select, Static

from model.core.errors import DubanError
from model.plans.load import import_plan_document
from model.units.resolver import known_unit_names
from seed.plan_import_file import apply_mapping, parse_file, summary
from seed.plan_parser import ParsedDocument
from tui import display, strings

if TYPE_CHECKING:
    from tui.app import DubanApp

NEW_UNIT = "__new__"


class ImportScreen(Screen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", strings.CANCEL, id="import.cancel"),
        Binding("ctrl+s", "load", strings.IMPORT_LOAD, id="import.load"),
    ]

    class Parsed(Message):
        def __init__(
            self, text: str, parsed: ParsedDocument, digest: str, known: dict[str, str]
        ) -> None:
            super().__init__()
            self.text, self.parsed, self.digest, self.known = text, parsed, digest, known

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.result: ImportScreen.Parsed | None = None

    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(strings.IMPORT_TITLE.format(file=self.path.name), classes="heading")
        with Horizontal(id="import-main"):
            with VerticalScroll(id="import-source"):
                yield Label(strings.IMPORT_SOURCE, classes="muted")
                yield Static(id="source-text")
            with Vertical(id="import-parsed"):
                yield Label(id="parsed-summary", classes="muted")
                yield DataTable(id="parsed-tasks", cursor_type="row", zebra_stripes=True)
        yield Label(strings.IMPORT_UNKNOWN, classes="heading")
        yield VerticalScroll(id="unknown-units")
        yield Label("", id="form-error", classes="form-error")
        with Horizontal(classes="form-buttons"):
            yield Button(strings.IMPORT_LOAD, id="load", variant="primary")
            yield Button(strings.CANCEL, id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#parsed-tasks", DataTable)
        for title, width in ((strings.COL_PLAN, 6), (strings.COL_NUMBER, 4),
                             (strings.COL_TITLE, 20), (strings.COL_LEAD, 18),
                             (strings.COL_SUPPORT, 14), (strings.COL_DEADLINES, 10)):  # fmt: skip
            table.add_column(title, width=width)
        self.parse()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def parse(self) -> None:
        app = self.duban
        try:
            with app.database.read() as session:
                known = known_unit_names(session)
            parsed, digest, text = parse_file(self.path, known)
        except DubanError as error:
            app.call_from_thread(self.show_error, str(error))
            return
        self.post_message(self.Parsed(text, parsed, digest, known))

    def show_error(self, text: str) -> None:
        self.query_one("#form-error", Label).update(text)

    async def on_import_screen_parsed(self, message: ImportScreen.Parsed) -> None:
        self.result = message
        self.query_one("#source-text", Static).update(Text(message.text))
        document = message.parsed.document
        self.query_one("#parsed-summary", Label).update(
            strings.IMPORT_PARSED.format(summary=summary(document))
        )
        table = self.query_one("#parsed-tasks", DataTable)
        for plan in document.plans:
            for task in plan.tasks:
                table.add_row(
                    display.plan(plan.key), str(task.number), task.title,
                    display.names(task.lead or task.responsible), display.names(task.support),
                    " ".join(m.due.strftime("%m-%d") for m in task.milestones) or "—",
                )  # fmt: skip
        box = self.query_one("#unknown-units", VerticalScroll)
        names = dict.fromkeys(u.name for u in message.parsed.unknown)
        if not names:
            await box.mount(Label(strings.IMPORT_NO_UNKNOWN))
        options = [(strings.IMPORT_NEW_UNIT, NEW_UNIT)] + [
            (name, name) for name in sorted(set(message.known.values()))
        ]
        for index, name in enumerate(names):
            where = next(u.where for u in message.parsed.unknown if u.name == name)
            select: Select[str] = Select(options, prompt=strings.PICK_ONE, id=f"map-{index}")
            select.compact = True
            await box.mount(
                Horizontal(
                    Label(f"{name}（{where}）", classes="unknown-name"), select, classes="field"
                )
            )

    def mapping(self) -> tuple[dict[str, str], list[str]]:
        assert self.result is not None
        names = list(dict.fromkeys(u.name for u in self.result.parsed.unknown))
        mapping: dict[str, str] = {}
        new_units: list[str] = []
        for index, name in enumerate(names):
            value = self.query_one(f"#map-{index}", Select).value
            if value is Select.NULL:
                raise ValueError(strings.IMPORT_PICK_ALL)
            if value == NEW_UNIT:
                new_units.append(name)
            else:
                mapping[name] = str(value)
        return mapping, new_units

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "load":
            self.action_load()
        else:
            self.action_cancel()

    def action_load(self) -> None:
        if self.result is None:
            return
        try:
            mapping, new_units = self.mapping()
        except ValueError as error:
            self.show_error(str(error))
            return
        self.show_error("")
        self.load(mapping, new_units)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, mapping: dict[str, str], new_units: list[str]) -> None:
        app, result = self.duban, self.result
        assert result is not None
        document, _ = apply_mapping(result.parsed, result.known, mapping, new_units)
        try:
            with app.database.write() as session:
                done = import_plan_document(
                    session, document, source_name=self.path.name, source_sha256=result.digest
                )
        except DubanError as error:
            app.call_from_thread(self.show_error, str(error))
            return
        app.call_from_thread(
            self.dismiss, strings.IMPORT_DONE.format(plans=len(done.plans), tasks=done.tasks)
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
