"""Keys: every tab on a number key that never moves, q and esc on sub-screens, quitting."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TabbedContent

from model.plans.task_refs import TaskRef
from seed.import_service import UnitChoices, known_units, load_import, preview_import
from tests.tui.conftest import settle
from tui import strings
from tui.screens.confirm_quit import ConfirmQuit
from tui.screens.help_screen import HelpScreen
from tui.screens.report_form import ReportForm
from tui.screens.task_screen import TaskScreen

PLAN_2024 = Path(__file__).parent.parent / "seed" / "fixtures" / "plan-2024.txt"

KEYS = {
    "1": "overview",
    "2": "plan-air-2023",
    "3": "plan-water-2023",
    "4": "plan-soil-2023",
    "5": "plan-groundwater-2023",
    "6": "units",
    "7": "timeline",
    "8": "notices",
    "9": "scores",
    "0": "roster",
}


async def press_tab_keys(pilot, keys: dict[str, str]) -> None:
    tabs = pilot.app.query_one("#tabs", TabbedContent)
    for key, tab in keys.items():
        await pilot.press(key)
        await pilot.pause()
        assert tabs.active == tab, key


async def test_every_tab_has_a_number_key(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert {tab for tab, _ in app.tab_labels()} == set(KEYS.values())
        await press_tab_keys(pilot, KEYS)
        assert app.tab_label("roster") == strings.TAB_ROSTER  # 0 opens 领导小组


async def test_tab_keys_stay_when_a_plan_is_imported(app, seeded):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        preview = preview_import(
            PLAN_2024, known_units(seeded), choices=UnitChoices({"各县市区人民政府": "各乡镇"})
        )
        load_import(seeded, preview)
        app.reload_workspace()
        await settle(pilot)
        tab_ids = [tab for tab, _ in app.tab_labels()]
        assert tab_ids.index("plan-air-2024") < tab_ids.index("units")  # a tab was added
        assert len(tab_ids) == 11
        # The pages after the plans keep their keys; 2 still opens 空气 (the year looked at).
        await press_tab_keys(pilot, KEYS)
        tabs = app.query_one("#tabs", TabbedContent)
        await pilot.press("2", "2")  # one year looked at: pressed again, 2 stays on it
        await pilot.pause()
        assert tabs.active == "plan-air-2023"
        # With every year shown, 2 opens the as-of year's 空气; pressed again, the next year's.
        app.set_year(None)
        await settle(pilot)
        await pilot.press("1")
        for expected in ("plan-air-2023", "plan-air-2024", "plan-air-2023"):
            await pilot.press("2")
            await pilot.pause()
            assert tabs.active == expected
        await pilot.press("3")  # water has one year: pressed again, it stays
        await pilot.press("3")
        await pilot.pause()
        assert tabs.active == "plan-water-2023"


async def test_the_help_names_every_tab_key(app):
    text = strings.HELP_TEXT
    assert "1–9, 0" not in text
    for keys in ("1 ", "2 3 4 5", "6 7 8 9 0", "ctrl+r", "ctrl+q"):
        assert keys in text
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen)
        assert app.return_code is None


async def open_task(pilot, ref: TaskRef) -> TaskScreen:
    pilot.app.open_task(ref)
    await settle(pilot)
    assert isinstance(pilot.app.screen, TaskScreen)
    return pilot.app.screen


async def test_q_and_escape_go_back_from_the_task_screen(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for key in ("q", "escape"):
            await open_task(pilot, TaskRef("soil", 1))
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, TaskScreen), key
            assert app.return_code is None, key  # went back, did not quit
        # The task screen's footer says 返回, never 退出.
        await open_task(pilot, TaskRef("soil", 1))
        shown = {b.binding.description for b in app.screen.active_bindings.values()}
        assert strings.QUIT not in {
            b.binding.description for b in app.screen.active_bindings.values() if b.binding.show
        }
        assert strings.BACK in shown


async def test_q_goes_back_from_a_form_and_types_into_a_field(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        task = await open_task(pilot, TaskRef("soil", 1))
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ReportForm)
        note = form.query_one("#note", Input)
        note.focus()
        await pilot.press("q")
        assert app.screen is form and note.value == "q"  # a letter typed, not a key
        form.query_one("#save").focus()  # a button: q is not typed there
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is task  # the form was cancelled, the app still runs
        assert app.return_code is None


async def test_q_on_the_main_screen_quits(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_quitting_with_unsaved_input_asks_first(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_task(pilot, TaskRef("soil", 1))
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        note = form.query_one("#note", Input)
        note.focus()
        await pilot.press(*"abc")
        await pilot.press("ctrl+q")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmQuit) and app.return_code is None
        assert form.title_text in str(confirm.query_one("#confirm-text").render())
        await pilot.press("escape")  # 继续编辑: back to the form, the text kept
        await pilot.pause()
        assert app.screen is form and note.value == "abc"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("enter")  # the focused button is 继续编辑, so enter is safe
        await pilot.pause()
        assert app.screen is form and app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#quit")
        await pilot.pause()
        assert app.return_code == 0


async def test_quitting_from_an_untouched_form_does_not_ask(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_task(pilot, TaskRef("soil", 1))
        await pilot.press("n")  # the notice form opens filled in: unit, task, dates, text
        await settle(pilot)
        assert app.screen.__class__.__name__ == "NoticeForm"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmQuit)
        assert app.return_code == 0


async def test_ctrl_c_says_how_to_quit_in_chinese(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert strings.QUIT_HINT in messages
        assert not any("quit" in m.lower() for m in messages)


async def test_enter_on_a_roster_member_opens_the_unit(demo_app):
    from tui.widgets.unit_pane import UnitPane

    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # 副组长 付国平, 市生态环境局蒲县分局
        await settle(pilot)
        assert demo_app.query_one("#tabs", TabbedContent).active == "units"
        assert demo_app.query_one(UnitPane).selected == "市生态环境局蒲县分局"


async def test_keys_with_nothing_to_do_say_so(demo_app):
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_task(pilot, TaskRef("air", 5, 2023))  # no milestones
        await pilot.press("m")
        await settle(pilot)
        assert any(n.message == strings.TASK_NO_MILESTONES for n in demo_app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("down")  # 督办〔2023〕3号, answered on 2023-11-12
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert any("已于" in n.message for n in demo_app._notifications)


async def test_a_unit_search_that_finds_nothing_says_so(demo_app):
    from textual.widgets import OptionList

    async with demo_app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press(*"[bold]x")  # markup in what is typed is shown as typed
        await settle(pilot)
        hits = demo_app.query_one("#unit-hits", OptionList)
        assert hits.option_count == 1
        option = hits.get_option_at_index(0)
        assert option.disabled and "没有找到「[bold]x」" in str(option.prompt)
