"""导入行动计划文件: which file to read."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui import strings


class ImportPathForm(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", strings.CANCEL, id="import_path.cancel")
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(strings.FORM_IMPORT_PATH, classes="form-title")
            yield Label(strings.FIELD_PATH, classes="field-label")
            yield Input("", id="path", placeholder=strings.HINT_PATH)
            yield Label("", id="form-error", classes="form-error")

    @on(Input.Submitted, "#path")
    def take_path(self, event: Input.Submitted) -> None:
        event.stop()
        path = Path(event.value.strip()).expanduser()
        if not path.is_file():
            self.query_one("#form-error", Label).update(strings.PATH_MISSING.format(path=path))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
