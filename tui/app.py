"""The dashboard: overview, a tab per plan, units, timeline, notices, roster.

Data is read by workers through model services and arrives as messages; writes go through
modal forms that save in a worker. The as-of date is in the header and drives every view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.lazy import Lazy
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Footer, Header, Tab, TabbedContent, TabPane, Tabs
from textual.worker import Worker, get_current_worker

from model.core.errors import DubanError
from model.core.lights import LightRules
from model.core.settings import os_user
from model.core.strings import PLAN_SHORT_NAMES
from model.plans.task_refs import TaskRef
from model.scoring.rubric import Rubric, default_rubric
from model.status.overview import overview
from model.status.plan_view import PlanHeading, TaskEntry
from model.status.workspace import Workspace, load_workspace
from model.store.db import Database
from model.units.search import UnitCandidate
from tui import strings
from tui.commands import DubanCommands
from tui.events import (
    OpenTask,
    OpenUnit,
    RelaysWorkerFailures,
    WorkerFailed,
    log_failure,
    log_file,
)
from tui.widgets.data_pane import DataPane
from tui.widgets.notices_pane import NoticesPane
from tui.widgets.overview_pane import OverviewPane
from tui.widgets.plan_pane import PlanPane
from tui.widgets.roster_pane import RosterPane
from tui.widgets.score_pane import ScorePane
from tui.widgets.timeline_pane import TimelinePane
from tui.widgets.unit_pane import UnitPane

if TYPE_CHECKING:
    from exports.service import ExportRequest, ExportResult
    from tui.screens.export_dialog import ExportPreset

TASK_SCREEN = "task-screen"


def plan_tab_label(heading: PlanHeading, headings: list[PlanHeading]) -> str:
    """空气, or 空气2024 once a plan key has more than one year."""
    short = PLAN_SHORT_NAMES.get(heading.key, heading.title)
    years = {h.year for h in headings if h.key == heading.key}
    return f"{short}{heading.year}" if len(years) > 1 else short


@dataclass
class WorkspaceLoaded(Message):
    workspace: Workspace


class DubanApp(RelaysWorkerFailures, App[None]):
    # Absolute, so a subclass defined elsewhere (the benchmark) still finds it.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = strings.APP_TITLE
    COMMANDS = App.COMMANDS | {DubanCommands}
    # The date every light, count and score is computed for (截至); set in __init__.
    as_of: reactive[dt.date] = reactive(dt.date.min, init=False)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", strings.QUIT, id="quit"),
        Binding("question_mark", "help", strings.HELP_KEY, id="help"),
        Binding("d", "change_as_of", strings.AS_OF_KEY, id="as_of"),
        Binding("i", "import_plan", strings.IMPORT_KEY, id="import"),
        Binding("e", "export", strings.EXPORT_KEY, id="export"),
        Binding(
            "ctrl+p",
            "command_palette",
            strings.PALETTE_KEY,
            id="palette",
            priority=True,
            show=False,
        ),
        # 1–9 and 0 open the first ten tabs (0 is the tenth, as on the keyboard's top row).
        *(
            Binding(str(i % 10), f"show_index({i})", show=False, id=f"tab.{i}")
            for i in range(1, 11)
        ),
    ]

    def __init__(
        self,
        database: Database,
        *,
        as_of: dt.date,
        rules: LightRules | None = None,
        actor: str | None = None,
        workspace: Workspace | None = None,
        rubric: Rubric | None = None,
        export_dir: Path | None = None,
        startup_notice: str | None = None,
    ) -> None:
        super().__init__()
        self.export_dir = export_dir
        # Said before the app started (a database just created): shown once it is up.
        self.startup_notice = startup_notice
        self.rubric = rubric or default_rubric()
        self.database = database
        self.set_reactive(DubanApp.as_of, as_of)
        self.rules = rules or LightRules()
        self.actor = actor or database.context.actor or os_user()
        # Read before the UI thread exists: the tabs and the overview are the first screen,
        # and reading them here paints it sooner than a worker racing the mount would.
        with database.read() as session:
            self.workspace = workspace or load_workspace(session)
            self.prefetched: dict[str, object] = {
                "pane-overview": overview(session, self.as_of, self.rules)
            }

    @property
    def plan_years(self) -> list[int]:
        return sorted({p.year for p in self.workspace.plans})

    @property
    def task_entries(self) -> list[TaskEntry]:
        return self.workspace.tasks

    @property
    def unit_entries(self) -> list[UnitCandidate]:
        return self.workspace.units

    def compose(self) -> ComposeResult:
        yield Header()
        plans = self.workspace.plans
        with TabbedContent(id="tabs", initial="overview"):
            with TabPane(strings.TAB_OVERVIEW, id="overview"):
                yield OverviewPane(id="pane-overview")
            for heading in plans:
                key, year = heading.key, heading.year
                with TabPane(plan_tab_label(heading, plans), id=f"plan-{key}-{year}"):
                    yield Lazy(PlanPane(key, year, id=f"pane-plan-{key}-{year}"))
            # Hidden tabs mount after the first paint (Lazy), so the overview shows sooner.
            with TabPane(strings.TAB_UNITS, id="units"):
                yield Lazy(UnitPane(id="pane-units"))
            with TabPane(strings.TAB_TIMELINE, id="timeline"):
                yield Lazy(TimelinePane(id="pane-timeline"))
            with TabPane(strings.TAB_NOTICES, id="notices"):
                yield Lazy(NoticesPane(id="pane-notices"))
            with TabPane(strings.TAB_SCORES, id="scores"):
                yield Lazy(ScorePane(id="pane-scores"))
            with TabPane(strings.TAB_ROSTER, id="roster"):
                yield Lazy(RosterPane(id="pane-roster"))
        yield Footer()

    def on_mount(self) -> None:
        self.update_subtitle()
        if self.startup_notice:
            self.notify(self.startup_notice, timeout=10, markup=False)
        # After the first screen has settled, so the import does not compete with it.
        self.set_timer(2.0, self.warm_pinyin)

    @work(thread=True, exit_on_error=False)
    def warm_pinyin(self) -> None:
        """Load the pinyin dictionary after the first paint, not on the first keystroke."""
        from model.units.search import pinyin_keys

        for unit in self.workspace.units:
            pinyin_keys(unit.name)

    def pane_mounted(self, pane: DataPane[Any]) -> None:
        """A pane arrived (some lazily): load it now if its tab is the one shown."""
        if pane.id in self.prefetched:
            pane.take(self.prefetched.pop(str(pane.id)))
        tabs = self.query_one("#tabs", TabbedContent)
        if tabs.active_pane is not None and pane in tabs.active_pane.query(DataPane):
            pane.ensure_fresh()
            pane.focus_default()

    def update_subtitle(self) -> None:
        text = strings.APP_SUBTITLE.format(
            document=self.workspace.document, as_of=self.as_of.isoformat()
        )
        self.sub_title = (strings.DEMO_BADGE + text) if self.workspace.demo else text

    # Tabs -------------------------------------------------------------------------------
    def tab_labels(self) -> list[tuple[str, str]]:
        """(pane id, label) in the order the tab strip shows them."""
        tabs = self.query_one("#tabs", TabbedContent)
        pane_of: dict[Tab, str] = {tabs.get_tab(pane): str(pane.id) for pane in tabs.query(TabPane)}
        strip = tabs.query_one(Tabs)
        return [(pane_of[tab], tab.label_text) for tab in strip.query(Tab) if tab in pane_of]

    def tab_label(self, tab_id: str) -> str:
        return self.query_one("#tabs", TabbedContent).get_tab(tab_id).label_text

    def active_pane(self) -> DataPane[Any] | None:
        tab_pane = self.query_one("#tabs", TabbedContent).active_pane
        if tab_pane is None:
            return None
        return next(iter(tab_pane.query(DataPane)), None)

    def show_tab(self, tab_id: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab_id

    def action_show_index(self, index: int) -> None:
        labels = self.tab_labels()
        if 0 < index <= len(labels):
            self.show_tab(labels[index - 1][0])

    @on(TabbedContent.TabActivated)
    def tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane is not None:
            for pane in event.pane.query(DataPane):
                pane.ensure_fresh()
                pane.focus_default()

    # Data changes -----------------------------------------------------------------------
    def data_changed(self) -> None:
        for pane in self.query(DataPane):
            pane.stale = True
        active = self.active_pane()
        if active is not None:
            active.ensure_fresh()
        from tui.screens.task_screen import TaskScreen

        if isinstance(self.screen, TaskScreen):
            self.screen.reload()

    def set_as_of(self, value: dt.date | None) -> None:
        if value is not None and value != self.as_of:
            self.as_of = value
            self.notify(strings.AS_OF_CHANGED.format(as_of=value.isoformat()))

    def watch_as_of(self) -> None:
        # Every light, count and score follows the as-of date.
        self.update_subtitle()
        self.data_changed()

    def action_change_as_of(self) -> None:
        from tui.screens.as_of_form import AsOfForm

        self.push_screen(AsOfForm(self.as_of), self.set_as_of)

    def action_import_plan(self) -> None:
        from tui.screens.import_path_form import ImportPathForm

        self.push_screen(ImportPathForm(), self.open_import)

    def open_import(self, path: Path | None) -> None:
        from tui.screens.import_screen import ImportScreen

        if path is not None:
            self.push_screen(ImportScreen(path), self.imported)

    def imported(self, message: str | None) -> None:
        if message:
            self.notify(message)
            self.reload_workspace()

    @work(thread=True, exclusive=True, group="workspace", exit_on_error=False)
    def reload_workspace(self) -> None:
        with self.database.read() as session:
            workspace = load_workspace(session)
        if not get_current_worker().is_cancelled:
            self.post_message(WorkspaceLoaded(workspace))

    @on(WorkspaceLoaded)
    async def apply_workspace(self, message: WorkspaceLoaded) -> None:
        """New plans get tabs; labels follow (空气 becomes 空气2023 once 2024 arrives)."""
        workspace = self.workspace = message.workspace
        tabs = self.query_one("#tabs", TabbedContent)
        present = {tab_id for tab_id, _ in self.tab_labels()}
        for heading in workspace.plans:
            tab_id = f"plan-{heading.key}-{heading.year}"
            label = plan_tab_label(heading, workspace.plans)
            if tab_id in present:
                tabs.get_tab(tab_id).label = label
            else:
                pane_id = f"pane-plan-{heading.key}-{heading.year}"
                pane = TabPane(label, PlanPane(heading.key, heading.year, id=pane_id), id=tab_id)
                await tabs.add_pane(pane, before="units")
        self.update_subtitle()
        self.data_changed()

    # Exports ----------------------------------------------------------------------------
    def export_preset(self) -> ExportPreset:
        """What the screen on show suggests: its plan, its unit, its report."""
        from tui.screens.export_dialog import ExportPreset

        tab = str(self.query_one("#tabs", TabbedContent).active)
        if tab.startswith("plan-"):
            return ExportPreset("progress", plan=tab.removeprefix("plan-").rsplit("-", 1)[0])
        if tab == "units":
            return ExportPreset("notice", unit=self.query_one(UnitPane).selected)
        return ExportPreset({"scores": "scorecards", "notices": "bulletin"}.get(tab, "progress"))

    def export_path(self, request: ExportRequest) -> Path:
        from exports.service import default_output

        return default_output(self.export_dir, request)

    def action_export(self) -> None:
        from model.core.settings import export_folder
        from model.scoring.scorecards import report_period
        from tui.screens.export_dialog import ExportDialog

        year, as_of = report_period(self.as_of, self.plan_years)
        dialog = ExportDialog(
            self.export_preset(),
            plans=[(h.key, h.title) for h in self.workspace.plans if h.year == year],
            units=[u.name for u in self.unit_entries if u.kind != "group"],
            year=year,
            as_of=as_of,
            folder=export_folder(self.export_dir),
        )
        self.push_screen(dialog, self.exported)

    def exported(self, result: ExportResult | None) -> None:
        if result is None:
            return
        template = strings.EXPORT_DONE_SIGNED if result.manifest else strings.EXPORT_DONE_UNSIGNED
        self.notify(template.format(path=result.path), timeout=8)

    def action_help(self) -> None:
        from tui.screens.help_screen import HelpScreen

        self.push_screen(HelpScreen())

    # Navigation -------------------------------------------------------------------------
    def open_task(self, ref: TaskRef) -> None:
        from tui.screens.task_screen import TaskScreen

        self.push_screen(TaskScreen(ref, id=TASK_SCREEN))

    def open_unit(self, name: str) -> None:
        while self.screen.id == TASK_SCREEN:
            self.pop_screen()
        self.show_tab("units")
        self.query_one(UnitPane).select_unit(name)

    @on(OpenTask)
    def task_requested(self, message: OpenTask) -> None:
        self.open_task(message.ref)

    @on(OpenUnit)
    def unit_requested(self, message: OpenUnit) -> None:
        self.open_unit(message.name)

    # Forms opened from more than one place ----------------------------------------------
    def form_saved(self, message: str | None) -> None:
        if message:
            self.notify(message)
            self.data_changed()

    def open_notice_form(
        self,
        *,
        units: list[str] | None = None,
        unit: str | None = None,
        tasks: str = "",
        callback: Callable[[str | None], None] | None = None,
    ) -> None:
        from tui.screens.notice_form import NoticeForm

        names = units or [u.name for u in self.unit_entries if u.kind != "group"]
        self.push_screen(
            NoticeForm(names, self.as_of, unit=unit, tasks=tasks), callback or self.form_saved
        )

    def open_adjustment_form(self, unit: str, year: int) -> None:
        from tui.screens.adjustment_form import AdjustmentForm

        self.push_screen(AdjustmentForm(unit, year, self.as_of, self.actor), self.form_saved)

    def open_reply_form(self, number: str) -> None:
        from tui.screens.reply_form import ReplyForm

        self.push_screen(ReplyForm(number, self.as_of), self.form_saved)

    # Failures -----------------------------------------------------------------------------
    def describe_work(self, worker: Worker[Any]) -> str:
        names = {"reload_workspace": strings.WORK_RELOAD_PLANS, "warm_pinyin": strings.WORK_PINYIN}
        return names.get(worker.name, strings.WORK_BACKGROUND)

    @on(WorkerFailed)
    def worker_failed(self, message: WorkerFailed) -> None:
        """Every worker's failure ends here, the app's own and every pane's and screen's.

        A DubanError is expected and says in Chinese what is wrong: it is shown as it is.
        Anything else is a bug: the traceback goes to the log file, and the user is told
        what failed and where the details are.
        """
        message.stop()
        error = message.worker.error
        if isinstance(error, DubanError):
            self.notify(str(error), severity="error", markup=False)
            return
        try:
            path = log_failure(f"{message.worker.name} ({message.what})", error)
        except OSError:
            text = strings.WORK_FAILED_UNLOGGED.format(what=message.what, path=log_file())
        else:
            text = strings.WORK_FAILED.format(what=message.what, path=path)
        self.notify(text, severity="error", timeout=10, markup=False)
