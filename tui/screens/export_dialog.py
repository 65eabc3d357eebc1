"""导出报表: pick the report, the format and its scope; written into the export folder.

The export runs in a worker (reading, rendering and signing can take seconds at scale)
and reports its steps to the progress bar. A refusal — no keyring, an existing file, a
unit with nothing late — stays in the dialog with the reason; escape cancels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, ProgressBar, Select, Static
from textual.worker import Worker, WorkerState

from exports.kinds import FORMATS
from exports.service import STEPS, ExportRequest, ExportResult, run_export
from exports.strings import REPORT_NAMES
from model.core.errors import DubanError
from tui import strings
from tui.events import RelaysWorkerFailures

if TYPE_CHECKING:
    from tui.app import DubanApp

ALL_PLANS = "__all__"


@dataclass(frozen=True)
class ExportPreset:
    kind: str = "progress"
    plan: str | None = None
    unit: str | None = None


class ExportDialog(RelaysWorkerFailures, ModalScreen[ExportResult | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", strings.CANCEL, id="export.cancel"),
        Binding("ctrl+s", "export", strings.EXPORT_RUN, id="export.run"),
    ]

    @dataclass
    class Step(Message):
        done: int
        what: str

    @dataclass
    class Finished(Message):
        result: ExportResult | None
        error: str | None

    def __init__(
        self,
        preset: ExportPreset,
        *,
        plans: list[tuple[str, str]],
        units: list[str],
        year: int,
        as_of: dt.date,
        folder: Path,
    ) -> None:
        super().__init__()
        self.preset, self.plans, self.units = preset, plans, units
        self.year, self.as_of, self.folder = year, as_of, folder

    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Label(strings.EXPORT_TITLE.format(as_of=self.as_of), classes="form-title")
            yield Label(strings.EXPORT_KIND, classes="field-label")
            yield Select(
                [(name, kind) for kind, name in REPORT_NAMES.items()],
                value=self.preset.kind,
                allow_blank=False,
                id="export-kind",
            )
            yield Label(strings.EXPORT_FORMAT, classes="field-label")
            yield Select(
                [(strings.EXPORT_FORMAT_NAMES[f], f) for f in FORMATS],
                value="xlsx",
                allow_blank=False,
                id="export-format",
            )
            yield Label(strings.EXPORT_PLAN, classes="field-label export-plan")
            yield Select(
                [(strings.EXPORT_ALL_PLANS, ALL_PLANS), *((t, k) for k, t in self.plans)],
                value=self.preset.plan
                if self.preset.plan in {k for k, _ in self.plans}
                else ALL_PLANS,
                allow_blank=False,
                id="export-plan",
                classes="export-plan",
            )
            yield Label(strings.EXPORT_UNIT, classes="field-label export-unit")
            yield Select(
                [(u, u) for u in self.units],
                value=self.preset.unit if self.preset.unit in self.units else Select.NULL,
                prompt=strings.PICK_ONE,
                id="export-unit",
                classes="export-unit",
            )
            yield Checkbox(strings.EXPORT_UNSIGNED, id="export-unsigned", compact=True)
            yield Static("", id="export-path", classes="muted")
            yield ProgressBar(total=len(STEPS), show_eta=False, id="export-progress")
            yield Label("", id="export-step", classes="muted")
            yield Label("", id="form-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button(strings.EXPORT_RUN, id="export", variant="primary")
                yield Button(strings.CANCEL, id="cancel")

    def on_mount(self) -> None:
        for select in self.query(Select):
            select.compact = True
        self.refresh_fields()

    def request(self) -> ExportRequest:
        kind = str(self.query_one("#export-kind", Select).value)
        plan = self.query_one("#export-plan", Select).value
        unit = self.query_one("#export-unit", Select).value
        return ExportRequest(
            kind=kind,
            fmt=str(self.query_one("#export-format", Select).value),
            as_of=self.as_of,
            year=self.year,
            plan=str(plan) if kind == "progress" and plan != ALL_PLANS else None,
            unit=str(unit) if kind == "notice" and unit is not Select.NULL else None,
            demo=self.duban.workspace.demo,
        )

    @on(Select.Changed)
    def refresh_fields(self) -> None:
        request = self.request()
        for widget in self.query(".export-plan"):
            widget.display = request.kind == "progress"
        for widget in self.query(".export-unit"):
            widget.display = request.kind == "notice"
        self.query_one("#export-path", Static).update(
            strings.EXPORT_PATH.format(path=self.folder / request.file_name())
        )

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        self.query_one("#form-error", Label).update("")
        self.query_one("#export", Button).disabled = True
        self.query_one("#export-progress", ProgressBar).update(progress=0)
        self.run(self.request(), self.query_one("#export-unsigned", Checkbox).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run(self, request: ExportRequest, unsigned: bool) -> None:
        app = self.duban

        def progress(done: int, what: str) -> None:
            self.post_message(self.Step(done, what))

        try:
            result = run_export(
                app.database,
                request,
                app.export_path(request),
                rules=app.rules,
                rubric=app.rubric,
                unsigned=unsigned,
                progress=progress,
            )
        except DubanError as error:
            self.post_message(self.Finished(None, str(error)))
            return
        self.post_message(self.Finished(result, None))

    def describe_work(self, worker: Worker[Any]) -> str:
        return strings.WORK_EXPORT.format(name=REPORT_NAMES[self.request().kind])

    @on(Step)
    def show_step(self, message: ExportDialog.Step) -> None:
        self.query_one("#export-progress", ProgressBar).update(progress=message.done)
        self.query_one("#export-step", Label).update(message.what)

    @on(Finished)
    def finished(self, message: ExportDialog.Finished) -> None:
        if message.result is not None:
            self.dismiss(message.result)
            return
        self.ready_again(message.error or "")

    @on(Worker.StateChanged)
    def export_failed(self, event: Worker.StateChanged) -> None:
        """An unexpected failure is reported by the app; the dialog lets the user retry."""
        if event.state is WorkerState.ERROR:
            self.ready_again("")

    def ready_again(self, error: str) -> None:
        self.query_one("#export", Button).disabled = False
        self.query_one("#export-step", Label).update("")
        self.query_one("#form-error", Label).update(error)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
