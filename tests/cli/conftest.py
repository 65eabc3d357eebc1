"""Command-line fixtures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tui.cli import main


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if run in a terminal: the dashboard's refusal of scripts does not apply."""
    monkeypatch.setattr("tui.cli.dashboard.on_terminal", lambda: True)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch, terminal: None) -> dict[str, Any]:
    """The dashboard replaced: what it would have been opened with."""
    seen: dict[str, Any] = {}

    def fake_dashboard(database, settings, as_of, *, startup_notice=None):
        seen.update(path=database.path, as_of=as_of, notice=startup_notice)
        database.close()

    monkeypatch.setattr("tui.cli.dashboard.run_dashboard", fake_dashboard)
    return seen


@pytest.fixture(scope="session")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new office database, created and seeded by its first command, once."""
    path = tmp_path_factory.mktemp("office-cli") / "office.sqlite3"
    assert main(["--db", str(path), "unit", "住建局"]) == 0
    return path


@pytest.fixture
def office(office_template: Path, tmp_path: Path) -> tuple[str, ...]:
    """`--db` and a copy of that database, for each test (test_as_recorded has its own:
    the demo's)."""
    path = tmp_path / "office.sqlite3"
    path.write_bytes(office_template.read_bytes())
    return ("--db", str(path))
