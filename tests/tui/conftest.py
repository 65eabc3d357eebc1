"""Dashboard fixtures: the app on the seeded or the demo database."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest

from model.demo.generator import DEMO_AS_OF
from tests.conftest import AS_OF
from tui.app import DubanApp


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make snapshots depend on timing: keep it shown."""
    from textual.widgets import Input

    created = Input.__init__

    def steady(self: Input, *args: Any, **kwargs: Any) -> None:
        created(self, *args, **kwargs)
        self.cursor_blink = False

    monkeypatch.setattr(Input, "__init__", steady)


@pytest.fixture(autouse=True)
def no_read_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hidden tabs are not read ahead (tests/tui/test_read_ahead.py turns it back on):
    each test would pay for reading every tab, and when it starts depends on the clock."""
    monkeypatch.setattr(DubanApp, "READ_AHEAD_DELAY", 3600.0)


@pytest.fixture(autouse=True)
def lasting_toasts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A toast goes after its timeout on the wall clock: on a loaded machine a snapshot
    taken a few seconds late would miss it. In the tests every toast stays."""
    notify = DubanApp.notify

    def lasting(self: DubanApp, message: str, **options: Any) -> None:
        options["timeout"] = 3600
        notify(self, message, **options)

    monkeypatch.setattr(DubanApp, "notify", lasting)


@pytest.fixture
def app(seeded) -> DubanApp:
    return DubanApp(seeded, as_of=AS_OF, actor="测试员")


@pytest.fixture
def demo_app(demo_db) -> DubanApp:
    return DubanApp(demo_db, as_of=DEMO_AS_OF, actor="测试员")


async def settle(pilot) -> None:
    """Wait for loading workers and the repaint after them."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        # An exclusive worker replaced by a newer one (a reload while loading) is cancelled:
        # the newer one is what is waited for.
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
