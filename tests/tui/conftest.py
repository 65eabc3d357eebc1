from __future__ import annotations

import pytest

from tests.conftest import AS_OF
from tui.app import DubanApp


@pytest.fixture
def app(seeded) -> DubanApp:
    return DubanApp(seeded, as_of=AS_OF)


async def settle(pilot) -> None:
    """Wait for the loading worker and the repaint after it."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
