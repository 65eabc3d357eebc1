"""Command-line fixtures."""

from __future__ import annotations

from typing import Any

import pytest


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
