"""The dashboard says what a save had to say about signing (#13): a save left unsigned
because this machine lacks the database's key is a warning, once per session."""

from __future__ import annotations

from tests.model.store.test_chain_signing import writes
from tests.tui.conftest import settle
from tui.app import DubanApp
from tui.screens.adjustment_form import AdjustmentForm


async def save_adjustment(app: DubanApp, pilot) -> None:
    app.push_screen(AdjustmentForm("水利局", 2023, app.as_of, "测试员"), app.form_saved)
    await pilot.pause()
    await pilot.press("-", "1", "tab", *"ok", "ctrl+s")
    await settle(pilot)


async def test_an_unsigned_save_is_a_warning_once_per_session(demo_db, memory_keyring):
    from model.store.chain_signing import take_notes
    from model.store.db import open_database
    from tests.tui.conftest import DEMO_AS_OF

    with open_database(demo_db.path, demo_db.context) as other:
        writes(other, 1)  # the database now records this machine's key…
    take_notes()
    memory_keyring.secrets.clear()  # …which this machine then loses
    app = DubanApp(demo_db, as_of=DEMO_AS_OF, actor="测试员")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await save_adjustment(app, pilot)
        await save_adjustment(app, pilot)
        warnings = [
            n.message
            for n in app._notifications
            if n.severity == "warning" and "duban key restore" in n.message
        ]
    assert len(warnings) == 1 and "未签名" in warnings[0]
