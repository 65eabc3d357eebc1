"""After a refusal the keyboard is in the field at fault, not where it was (#13 review)."""

from __future__ import annotations

from textual.widgets import Input, Label, Select

from tests.tui.conftest import settle
from tests.tui.test_forms import open_form
from tui import strings
from tui.screens.report_form import ReportForm


async def test_the_field_at_fault_gets_the_focus(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "report")
        assert isinstance(form, ReportForm)
        note = form.query_one("#note", Input)

        async def refused_at(selector: str) -> str:
            note.focus()
            await pilot.pause()
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert demo_app.screen is form
            assert form.focused is form.query_one(selector), (selector, form.focused)
            return str(form.query_one("#form-error", Label).render())

        unit = form.query_one("#unit", Select)
        assert unit.value is Select.NULL
        assert await refused_at("#unit") == strings.ERR_CHOOSE.format(field=strings.FIELD_UNIT)
        unit.value = next(v for _, v in unit._options if v is not Select.NULL)
        form.query_one("#date", Input).value = "2023-02-30"
        assert strings.FIELD_DATE in await refused_at("#date")
        form.query_one("#date", Input).value = "2023-11-15"
        form.query_one("#percent", Input).value = "200"
        assert strings.FIELD_PERCENT in await refused_at("#percent")
        # Typing now fixes the field at fault, and Enter there saves again.
        await pilot.press("backspace", "backspace", "backspace", "4", "0")
        assert form.query_one("#percent", Input).value == "40"
        note.value = "推进中"
        form.query_one("#percent", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert demo_app.screen is not form
