"""导出报表: pick the report, the format and its scope, and where the file goes.

The target path is filled with the export folder and the report's name (with 演示 from
the demo database) and follows the choices until the user edits it: an edited folder keeps
the report's name, an edited name keeps its folder. An existing file is refused with the
reason in the dialog unless 覆盖已有文件 is ticked. The export runs in a worker (reading,
rendering and signing can take seconds at scale) and reports its steps to the progress
bar. A refusal — no keyring, an existing file, a unit with nothing late — stays in the
dialog with the reason; escape cancels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, ProgressBar, Select
from textual.worker import Worker, WorkerState

from exports.files import OutputRefused, check_name_length, check_output_path
from exports.kinds import FORMATS
from exports.service import STEPS, ExportRequest, ExportResult, companions, run_export
from exports.signing import SigningUnavailable, manifest_path
from exports.strings import REPORT_NAMES
from model.core.checks import required_text
from model.core.errors import DubanError, InputError
from tui import strings
from tui.events import RelaysWorkerFailures
from tui.screens.form_screen import Dialog, choices, labelled

if TYPE_CHECKING:
    from tui.app import DubanApp

ALL_PLANS = "__all__"


@dataclass(frozen=True)
class ExportPreset:
    kind: str = "progress"
    plan: str | None = None
    unit: str | None = None


class FileExists(InputError):
    """The target (or its manifest) exists and 覆盖已有文件 is not ticked."""


class ExportDialog(RelaysWorkerFailures, Dialog[ExportResult | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", strings.EXPORT_RUN, id="export.run"),
        Binding("escape", "cancel", strings.CANCEL, id="export.cancel"),
    ]
    submit_label = strings.EXPORT_RUN
    submit_id = "export"

    @dataclass
    class Step(Message):
        done: int
        what: str

    @dataclass
    class Finished(Message):
        result: ExportResult | None
        error: str | None
        # The box the refusal is about, given the focus (the keyring's: 不签名).
        at_fault: str | None = None

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
        self.title_text = strings.EXPORT_TITLE.format(as_of=as_of)
        self.suggested: Path | None = None  # the path last filled in for the user

    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    def fields(self) -> ComposeResult:
        yield from labelled(
            strings.EXPORT_KIND,
            Select(
                [(name, kind) for kind, name in REPORT_NAMES.items()],
                value=self.preset.kind,
                allow_blank=False,
                id="export-kind",
            ),
        )
        yield from labelled(
            strings.EXPORT_FORMAT,
            Select(
                [(strings.EXPORT_FORMAT_NAMES[f], f) for f in FORMATS],
                value="xlsx",
                allow_blank=False,
                id="export-format",
            ),
        )
        yield from labelled(
            strings.EXPORT_PLAN,
            Select(
                [
                    (Text(strings.EXPORT_ALL_PLANS), ALL_PLANS),
                    *((Text(t), k) for k, t in self.plans),
                ],
                value=self.preset.plan
                if self.preset.plan in {k for k, _ in self.plans}
                else ALL_PLANS,
                allow_blank=False,
                id="export-plan",
            ),
            classes="export-plan",
        )
        yield from labelled(
            strings.EXPORT_UNIT,
            Select(
                choices(self.units),
                value=self.preset.unit if self.preset.unit in self.units else Select.NULL,
                prompt=strings.PICK_ONE,
                id="export-unit",
            ),
            classes="export-unit",
        )
        yield from labelled(strings.FIELD_EXPORT_PATH, Input("", id="export-path"))
        yield from labelled("", Checkbox(strings.EXPORT_OVERWRITE, id="export-overwrite"))
        yield from labelled("", Checkbox(strings.EXPORT_UNSIGNED, id="export-unsigned"))

    def status(self) -> ComposeResult:
        yield ProgressBar(
            total=len(STEPS), show_eta=False, id="export-progress", classes="dialog-status"
        )
        yield Label("", id="export-step", classes="muted dialog-status", markup=False)

    def on_mount(self) -> None:
        self.show_progress(False)
        self.refresh_fields()

    def show_progress(self, shown: bool) -> None:
        for widget in self.query(".dialog-status"):
            widget.display = shown

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
        self.suggest_path(self.folder / request.file_name(), request.fmt)

    def suggest_path(self, suggested: Path, fmt: str) -> None:
        """The default path, or the user's own kept: their folder with the report's name,
        or their name with the chosen format's suffix."""
        field = self.query_one("#export-path", Input)
        typed = field.value.strip()
        previous, self.suggested = self.suggested, suggested
        if previous is None or not typed or typed == str(previous):
            path = str(suggested)
        elif Path(typed).name == previous.name:
            path = str(Path(typed).with_name(suggested.name))
        elif Path(typed).suffix.lstrip(".") in FORMATS:
            path = str(Path(typed).with_suffix(f".{fmt}"))
        else:
            return
        if path != field.value:
            field.value = path
            self.call_after_refresh(self.show_file_name)

    def show_file_name(self) -> None:
        """A long path shows its end, the file name, when it is filled in (the folder is
        scrolled to the left, never wrapped)."""
        field = self.query_one("#export-path", Input)
        if not field.has_focus:
            field.cursor_position = 0
            field.cursor_position = len(field.value)

    def target(self) -> Path:
        """Where the user asked for the file: a bare name goes into the export folder."""
        text = required_text(self.value("#export-path"), strings.FIELD_EXPORT_PATH)
        path = Path(text).expanduser()
        return path if path.is_absolute() else self.folder / path

    def check(self) -> None:
        if self.request().kind == "notice" and self.request().unit is None:
            raise InputError(strings.EXPORT_PICK_UNIT)  # the dialog's words, not --unit
        target = self.target()
        overwrite = self.query_one("#export-overwrite", Checkbox).value
        signed = not self.query_one("#export-unsigned", Checkbox).value
        # A name that fits, with room for the signature manifest beside it when signed.
        check_name_length(target, companions(target, signed=signed, detail=False))
        for path in (target, manifest_path(target)) if signed else (target,):
            # The command line's refusals (a name too long, a device or a folder, a missing
            # folder), but not of the default folder, which the export makes on first use.
            if path.parent != self.folder or self.folder.is_dir():
                try:
                    check_output_path(path, force=True)
                except OutputRefused as error:  # the dialog's box, not --force
                    raise InputError(error.dialog) from error
            if not overwrite and path.exists():
                raise FileExists(strings.EXPORT_EXISTS.format(name=path.name))

    def refused(self, error: InputError) -> None:
        super().refused(error)
        if isinstance(error, FileExists):
            self.query_one("#export-overwrite", Checkbox).focus()

    def submit(self) -> None:
        request, target = self.request(), self.target()
        # The suggested path goes through the app, which makes the default folder on first use.
        output = None if target == self.folder / request.file_name() else target
        self.set_busy(True)
        self.show_progress(True)
        self.query_one("#export-progress", ProgressBar).update(progress=0)
        overwrite = self.query_one("#export-overwrite", Checkbox).value
        self.run(request, output, self.query_one("#export-unsigned", Checkbox).value, overwrite)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run(self, request: ExportRequest, output: Path | None, unsigned: bool, force: bool) -> None:
        app = self.duban

        def progress(done: int, what: str) -> None:
            self.post_message(self.Step(done, what))

        try:
            result = run_export(
                app.database,
                request,
                app.export_path(request) if output is None else output,
                rules=app.rules,
                rubric=app.rubric,
                reporting=app.reporting,
                force=force,
                unsigned=unsigned,
                progress=progress,
            )
        except SigningUnavailable as error:
            # Said in the dialog's words: its 不签名 box, not the command line's --unsigned.
            self.post_message(self.Finished(None, error.dialog, "#export-unsigned"))
            return
        except OutputRefused as error:  # its 覆盖已有文件 box, not --force
            self.post_message(self.Finished(None, error.dialog, "#export-path"))
            return
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
        if message.at_fault is not None:
            self.query_one(message.at_fault).focus()

    @on(Worker.StateChanged)
    def export_failed(self, event: Worker.StateChanged) -> None:
        """An unexpected failure is reported by the app; the dialog lets the user retry."""
        if event.state is WorkerState.ERROR:
            self.ready_again("")

    def ready_again(self, error: str) -> None:
        self.set_busy(False)
        self.show_progress(False)
        self.query_one("#export-step", Label).update("")
        self.show_error(error)
