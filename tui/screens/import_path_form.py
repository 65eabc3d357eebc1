"""导入行动计划文件: which file to read."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input

from model.core.checks import required_text
from model.core.errors import InputError
from tui import strings
from tui.screens.form_screen import Dialog, labelled


class ImportPathForm(Dialog[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", strings.OK, id="import_path.ok"),
        Binding("escape", "cancel", strings.CANCEL, id="import_path.cancel"),
    ]
    title_text = strings.FORM_IMPORT_PATH
    submit_label = strings.OK

    def fields(self) -> ComposeResult:
        yield from labelled(strings.FIELD_PATH, Input("", id="path", placeholder=strings.HINT_PATH))

    def chosen(self) -> Path:
        path = Path(required_text(self.value("#path"), strings.FIELD_PATH)).expanduser()
        try:
            found, there = path.is_file(), path.exists()
        except (OSError, ValueError):  # a name too long, a NUL: no such file either
            found = there = False
        if not found:
            # A folder, a device (/dev/null), a pipe: there, but not a file to read.
            template = strings.PATH_NOT_A_FILE if there else strings.PATH_MISSING
            raise InputError(template.format(path=path))
        return path

    def check(self) -> None:
        self.chosen()

    def submit(self) -> None:
        self.dismiss(self.chosen())
