"""收取报送表: every file's preview (单位、报送期、N 项…) or every problem, then the files
that passed recorded on ctrl+s — each file on its own, all of it or nothing.

The reading and the recording are `seed.returns_collect`, shared with `duban returns
collect`; both run in thread workers and hand back by messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Static
from textual.worker import Worker

from model.core.errors import DubanError
from tui import strings
from tui.events import RelaysWorkerFailures
from tui.screens.collect_form import CollectRequest

if TYPE_CHECKING:
    from seed.returns_collect import CheckedReturn, CollectOptions
    from tui.app import DubanApp


def file_text(item: CheckedReturn) -> Text:
    """One file: its name, what it holds, and whether it can be recorded or why not."""
    text = Text(item.path.name, style="bold")
    if item.preview:
        text.append(f"\n  {item.preview}")
    if item.ok:
        text.append(f"\n  {strings.COLLECT_FILE_OK}", style="green")
    else:
        text.append(f"\n  {strings.COLLECT_REFUSED.format(count=len(item.problems))}", style="red")
        for problem in item.problems:
            text.append(f"\n    {problem}")
    return text


class CollectScreen(RelaysWorkerFailures, Screen[str | None]):
    DEFAULT_CSS = """
    CollectScreen #collect-files {
        height: 1fr;
        padding: 0 1;
    }
    CollectScreen .collect-file {
        margin-bottom: 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", strings.CANCEL, id="collect.cancel"),
        Binding("ctrl+s", "record", strings.COLLECT_RECORD, id="collect.record"),
    ]

    @dataclass
    class Checked(Message):
        checked: list[CheckedReturn]

    def __init__(self, request: CollectRequest) -> None:
        super().__init__()
        self.request = request
        self.checked: list[CheckedReturn] | None = None

    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    def options(self) -> CollectOptions:
        from seed.returns_collect import CollectOptions

        return CollectOptions(
            received_on=self.request.received_on,
            as_of=self.duban.as_of,
            replace=self.request.replace,
            reason=self.request.reason,
        )

    def describe_work(self, worker: Worker[Any]) -> str:
        return strings.WORK_COLLECT

    def compose(self) -> ComposeResult:
        yield Header()
        replacing = strings.COLLECT_SCREEN_REPLACING if self.request.replace else ""
        yield Label(
            strings.COLLECT_SCREEN_TITLE.format(
                on=self.request.received_on.isoformat(), replace=replacing
            ),
            classes="heading",
        )
        yield Label(strings.COLLECT_READING, id="collect-summary", classes="muted")
        yield VerticalScroll(id="collect-files")
        yield Label("", id="form-error", classes="form-error")
        with Horizontal(classes="form-buttons"):
            yield Button(strings.COLLECT_RECORD, id="record", variant="primary")
            yield Button(strings.CANCEL, id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.check()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def check(self) -> None:
        from seed.returns_collect import check_returns

        app = self.duban

        def progress(done: int, total: int) -> None:
            text = strings.COLLECT_READ_FILE.format(done=done, total=total)
            app.call_from_thread(self.query_one("#collect-summary", Label).update, text)

        try:
            checked = check_returns(
                app.database, [self.request.path], self.options(), on_file=progress
            )
        except DubanError as error:
            app.call_from_thread(self.show_error, str(error))
            return
        self.post_message(self.Checked(checked))

    def show_error(self, text: str) -> None:
        self.query_one("#form-error", Label).update(text)

    @on(Checked)
    async def show_checked(self, message: CollectScreen.Checked) -> None:
        from seed.returns_collect import tally

        self.checked = message.checked
        good, refused = tally(message.checked)
        self.query_one("#collect-summary", Label).update(
            strings.COLLECT_PREVIEW.format(files=len(message.checked), good=good, refused=refused)
        )
        box = self.query_one("#collect-files", VerticalScroll)
        await box.remove_children()
        await box.mount_all(
            Static(file_text(item), classes="collect-file") for item in message.checked
        )

    @on(Button.Pressed, "#record")
    def action_record(self) -> None:
        if self.checked is None:
            return
        if not any(item.ok for item in self.checked):
            self.show_error(strings.COLLECT_NOTHING)
            return
        self.show_error("")
        self.record(self.checked)

    @work(thread=True, exclusive=True, group="record", exit_on_error=False)
    def record(self, checked: list[CheckedReturn]) -> None:
        from seed.returns_collect import record_returns

        app = self.duban
        try:
            done = record_returns(app.database, checked, self.options())
        except DubanError as error:
            app.call_from_thread(self.show_error, str(error))
            return
        recorded = sum(1 for item in done if item.recorded is not None)
        refused = len(done) - recorded
        template = strings.COLLECT_DONE_SOME if refused else strings.COLLECT_DONE
        app.call_from_thread(self.dismiss, template.format(good=recorded, refused=refused))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
