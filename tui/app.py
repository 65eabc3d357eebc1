"""The dashboard: overview, a tab per plan, units, timeline, notices, roster.

Data is read by workers through model services and arrives as messages; writes go through
modal forms that save in a worker. The as-of date is in the header and drives every view.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import signal
import sys
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.query import NoMatches
from textual.lazy import Lazy
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Tab, TabbedContent, TabPane, Tabs
from textual.worker import Worker, get_current_worker

from model.core.errors import DubanError
from model.core.lights import LightRules
from model.core.periods import ReportingRules
from model.core.settings import OfficeContact, os_user
from model.core.strings import PLAN_SHORT_NAMES
from model.plans.task_refs import TaskRef
from model.scoring.rubric import Rubric, default_rubric, reporting_rules
from model.status.overview import overview
from model.status.plan_view import PlanHeading, TaskEntry, shown_year
from model.status.workspace import Workspace, load_workspace
from model.store.changes import ChangeWatch
from model.store.db import Database
from model.units.search import UnitCandidate
from tui import display, strings
from tui.commands import DubanCommands
from tui.events import (
    OpenTask,
    OpenUnit,
    RelaysWorkerFailures,
    WorkerFailed,
    log_failure,
    log_file,
)
from tui.screens.confirm_quit import ConfirmQuit, FieldValues, field_values, unsaved_input
from tui.textual_zh import ChinesePalette, translate_builtin_bindings
from tui.widgets.busy_line import WriteWatch
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
    from model.core.periods import ReportingRules
    from model.scoring.review import UnitReview
    from model.status.returns import Liaison
    from tui.screens.collect_form import CollectRequest
    from tui.screens.export_dialog import ExportPreset

TASK_SCREEN = "task-screen"

# How long a noticed change waits for this app's own save to report back (seconds).
SETTLE_SECONDS = 0.2

# Tab keys that never move, however many plans there are: 1 is 总览; 2–5 are a plan kind each
# (pressed again, that kind's next year); 6–0 are the pages after the plans. Importing a
# plan adds a tab, never shifts a key.
PAGE_KEYS: dict[str, str] = {
    "1": "overview",
    "6": "units",
    "7": "timeline",
    "8": "notices",
    "9": "scores",
    "0": "roster",
}
PLAN_KEYS: dict[str, str] = {"2": "air", "3": "water", "4": "soil", "5": "groundwater"}
TAB_ACTIONS: dict[str, str] = {
    **{key: f"show_page('{tab}')" for key, tab in PAGE_KEYS.items()},
    **{key: f"show_plan('{plan}')" for key, plan in PLAN_KEYS.items()},
}
# Text fields where a digit is never typed (unit names have none): a number key there still
# switches tabs, so the 单位 tab, whose search field takes the keyboard, is no dead end. In
# every other field a digit is typed (a task number in a plan's filter, a date in a form).
DIGIT_FREE_FIELDS = frozenset({"unit-search"})


def plan_tab_label(
    heading: PlanHeading, headings: list[PlanHeading], year: int | None = None
) -> str:
    """空气 — or, with every year shown (`year` None) and a plan key in more than one
    year, 空气2024. Plain text (an imported plan's title is not markup): shown as
    `Content(...)`."""
    short = PLAN_SHORT_NAMES.get(heading.key, heading.title)
    years = {h.year for h in headings if h.key == heading.key}
    return f"{short}{heading.year}" if year is None and len(years) > 1 else short


def terminal_gone() -> None:
    """End the process as the terminal's hang-up (SIGHUP) would have ended it.

    Textual cannot shut down on a closed terminal: its output thread dies on the first
    failed write and the shutdown waits for it for ever. Nothing is lost that a hang-up
    would keep: a write in flight is one transaction, rolled back by SQLite.
    """
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGHUP)


@dataclass
class WorkspaceLoaded(Message):
    workspace: Workspace


@dataclass
class DatabaseChanged(Message):
    """Someone committed to the database file since the last look (another process)."""

    seen_at: float  # time.monotonic() when the change was noticed


class DubanApp(RelaysWorkerFailures, App[None]):
    # Absolute, so a subclass defined elsewhere (the benchmark) still finds it.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = strings.APP_TITLE
    COMMANDS = App.COMMANDS | {DubanCommands}
    # The date every light, count and score is computed for (截至); set in __init__.
    as_of: reactive[dt.date] = reactive(dt.date.min, init=False)
    # The plan year looked at (None: every year): plan tabs, 总览, 单位, 时间轴, 督办 and 考核
    # follow it. By default the as-of year (model.status.plan_view.shown_year).
    year: reactive[int | None] = reactive(None, init=False)
    BINDINGS: ClassVar[list[BindingType]] = [
        # q quits from the main screen; on a sub-screen it goes back, as esc does there.
        # Priority, to reach the app from a form (a modal screen); a text field still
        # takes the letter (Textual leaves a key a focused field consumes to the field).
        Binding("q", "quit_main", strings.QUIT, priority=True, id="quit"),
        Binding("q", "back", strings.BACK, show=False, priority=True, id="back"),
        Binding("ctrl+q", "quit", strings.QUIT, show=False, priority=True, id="quit.anywhere"),
        Binding("question_mark", "help", strings.HELP_KEY, id="help"),
        Binding("d", "change_as_of", strings.AS_OF_KEY, id="as_of"),
        Binding("i", "import_plan", strings.IMPORT_KEY, show=False, id="import"),
        Binding("e", "export", strings.EXPORT_KEY, id="export"),
        # In the help, not the footer: an 80-column footer cut its last keys.
        Binding("ctrl+r", "refresh_data", strings.REFRESH_KEY, show=False, id="refresh"),
        Binding("y", "next_year", strings.YEAR_KEY, id="year"),
        Binding(
            "ctrl+p",
            "command_palette",
            strings.PALETTE_KEY,
            id="palette",
            priority=True,
            show=False,
        ),
        *(Binding(key, action, show=False, id=f"tab.{key}") for key, action in TAB_ACTIONS.items()),
    ]
    # How often another process's writes are looked for (seconds); tests shorten it.
    POLL_SECONDS: ClassVar[float] = 1.0

    def __init__(
        self,
        database: Database,
        *,
        as_of: dt.date,
        rules: LightRules | None = None,
        actor: str | None = None,
        workspace: Workspace | None = None,
        rubric: Rubric | None = None,
        reporting: ReportingRules | None = None,
        export_dir: Path | None = None,
        startup_notice: str | None = None,
    ) -> None:
        super().__init__()
        translate_builtin_bindings()
        self.poll_seconds = self.POLL_SECONDS
        self.change_watch: ChangeWatch | None = None
        self.refreshed_at = 0.0  # time.monotonic() of the last data_changed
        self.signing_said: set[str] = set()  # signing notes shown (once per session each)
        self.terminal_fd: int | None = None  # the terminal's keyboard, watched for hang-up
        # What each open form's fields held when it opened (for "unsaved input").
        self.opened_with: weakref.WeakKeyDictionary[Screen[Any], FieldValues] = (
            weakref.WeakKeyDictionary()
        )
        self.export_dir = export_dir
        self.evidence_dir: Path | None = None  # [evidence] folder, set by the dashboard command
        # Counts the changes of data, as-of date and year (data_changed): a hidden pane's
        # data read ahead in an older generation is read again instead of shown.
        self.generation = 0
        self.read_ahead_timer: Timer | None = None
        # Said before the app started (a database just created): shown once it is up.
        self.startup_notice = startup_notice
        self.rubric = rubric or default_rubric()
        # When returns are due, who owes them and a notice's default reply date: built by
        # the command (tui.cli.common.reporting_rules, with the calendar file); else from
        # the rubric with the package's calendar.
        self.reporting = reporting or reporting_rules(self.rubric)
        self.office = OfficeContact()
        self.database = database
        self.set_reactive(DubanApp.as_of, as_of)
        self.rules = rules or LightRules()
        self.actor = actor or database.context.actor or os_user()
        # Read before the UI thread exists: the tabs and the overview are the first screen,
        # and reading them here paints it sooner than a worker racing the mount would. With
        # the standard library only: SQLAlchemy is loaded after the first paint.
        with database.reader() as reader:
            self.workspace = workspace or load_workspace(reader)
            self.set_reactive(DubanApp.year, shown_year(as_of, self.plan_years))
            # Shown as if read ahead (DataPane.ahead): the overview pane's first frame.
            self.first_overview: tuple[int, dt.date, object] = (
                self.generation,
                self.as_of,
                overview(reader, self.as_of, self.rules, year=self.year),
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text, whoever asks for it (a widget's `notify`
        passes Textual's default, markup): a path, a unit's name or a database message
        holding brackets ([/b], [database]) is shown as typed, never read as markup."""
        if timeout is None:
            super().notify(message, title=title, severity=severity, markup=False)
        else:
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

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
                first = OverviewPane(id="pane-overview")
                first.ahead = self.first_overview
                yield first
            for heading in plans:
                key, year = heading.key, heading.year
                label = plan_tab_label(heading, plans, self.year)
                with TabPane(Content(label), id=f"plan-{key}-{year}"):
                    yield self.held(PlanPane(key, year, id=f"pane-plan-{key}-{year}"))
            # Hidden tabs mount after the first paint (Lazy), so the overview shows sooner.
            with TabPane(strings.TAB_UNITS, id="units"):
                yield self.held(UnitPane(id="pane-units"))
            with TabPane(strings.TAB_TIMELINE, id="timeline"):
                yield self.held(TimelinePane(id="pane-timeline"))
            with TabPane(strings.TAB_NOTICES, id="notices"):
                yield self.held(NoticesPane(id="pane-notices"))
            with TabPane(strings.TAB_SCORES, id="scores"):
                yield self.held(ScorePane(id="pane-scores"))
            with TabPane(strings.TAB_ROSTER, id="roster"):
                yield self.held(RosterPane(id="pane-roster"))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.write_watch = WriteWatch(self, self.database)  # busy waits, backup failures
        self.show_year_tabs()
        self.update_subtitle()
        if self.startup_notice:
            self.notify(self.startup_notice, timeout=10, markup=False)
        # After the first screen has settled, so the imports do not compete with it.
        self.set_timer(2.0, self.warm_up)
        self.schedule_read_ahead()
        self.screen_change_signal.subscribe(self, self.screen_changed)
        self.start_watching()
        self.watch_terminal()

    # Reading ahead -----------------------------------------------------------------------
    READ_AHEAD_DELAY: ClassVar[float] = 0.5  # after the first screen, or the last change

    def schedule_read_ahead(self) -> None:
        if self.read_ahead_timer is not None:
            self.read_ahead_timer.stop()
        self.read_ahead_timer = self.set_timer(self.READ_AHEAD_DELAY, self.start_read_ahead)

    def start_read_ahead(self) -> None:
        """Read the hidden tabs' data in the background, in the tabs' order, so that a tab
        opened for the first time shows in its first frame; only the read is done ahead
        (a hidden pane's tables are filled when it is shown)."""
        found = self.query("#tabs").results(TabbedContent)
        tabs = next(found, None)
        if tabs is None:
            return  # the app is closing: its tabs are gone
        active = self.active_pane()
        # The panes of the tabs in the strip, in its order (not those of plan years not
        # looked at), mounted or still held.
        hidden: list[DataPane[Any]] = []
        for tab_id, _ in self.tab_labels():
            tab = tabs.get_pane(tab_id)
            for pane in tab.query(DataPane):
                if pane is not active and pane.stale and not pane.uses_orm:
                    hidden.append(pane)
        if hidden and tabs.is_mounted:
            self.read_ahead(hidden, self.generation)

    @work(thread=True, exclusive=True, group="read-ahead", exit_on_error=False)
    def read_ahead(self, panes: list[DataPane[Any]], generation: int) -> None:
        worker = get_current_worker()
        try:
            with self.database.reader() as reader:
                for pane in panes:
                    if worker.is_cancelled or generation != self.generation:
                        return
                    as_of, data = pane.read_ahead(reader)
                    self.call_from_thread(self.keep_ahead, pane, generation, as_of, data)
        except Exception:
            # Nobody asked for this read: a failure is logged, and the pane reads again
            # when it is shown, where its failure is reported (tui.events).
            logging.getLogger("duban.tui").exception("read ahead")

    def keep_ahead(
        self, pane: DataPane[Any], generation: int, as_of: dt.date, data: object
    ) -> None:
        if generation == self.generation and pane.stale:
            pane.ahead = (generation, as_of, data)

    @work(thread=True, exit_on_error=False)
    def warm_up(self) -> None:
        """Load what the first paint did without, before it is asked for: the pinyin
        dictionary (the first search keystroke) and the ORM with its engine (the first form
        saved, the scores)."""
        from model.units.search import pinyin_keys

        for unit in self.workspace.units:
            pinyin_keys(unit.name)
        import model.store.audit  # noqa: F401  (the ORM and the schema)

        self.database.engine  # noqa: B018  (made on first use)

    def pane_mounted(self, pane: DataPane[Any]) -> None:
        """A pane arrived (some lazily): load it now if its tab is the one shown."""
        tabs = self.query_one("#tabs", TabbedContent)
        if tabs.active_pane is not None and pane in tabs.active_pane.query(DataPane):
            pane.ensure_fresh()
            pane.focus_default()
        else:
            self.schedule_read_ahead()  # once the last hidden pane has arrived

    def update_subtitle(self) -> None:
        """The year's document, the year and the as-of date (… · 2023年度 · 截至 …)."""
        text = strings.APP_SUBTITLE.format(
            document=self.workspace.document_of(self.year),
            year=display.year_label(self.year),
            as_of=self.as_of.isoformat(),
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

    def action_show_page(self, tab_id: str) -> None:
        self.show_tab(tab_id)

    def action_show_plan(self, key: str) -> None:
        """The plan of that kind for the year looked at; with every year shown, the one for
        the as-of year, and pressed again the same kind's next year."""
        years = sorted(h.year for h in self.workspace.plans if h.key == key)
        if self.year is not None:
            years = [y for y in years if y == self.year]
        if not years:
            return
        tab_ids = [f"plan-{key}-{year}" for year in years]
        active = str(self.query_one("#tabs", TabbedContent).active)
        if active in tab_ids:
            self.show_tab(tab_ids[(tab_ids.index(active) + 1) % len(tab_ids)])
            return
        current = [year for year in years if year <= self.as_of.year]
        self.show_tab(f"plan-{key}-{current[-1] if current else years[0]}")

    def held(self, pane: DataPane[Any]) -> Lazy:
        """A hidden tab's pane, mounted after the first paint."""
        return Lazy(pane)

    @on(TabbedContent.TabActivated)
    def tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane is not None:
            for pane in event.pane.query(DataPane):
                pane.ensure_fresh()
                pane.focus_default()

    # Data changes -----------------------------------------------------------------------
    def data_changed(self) -> None:
        self.show_signing_notes()
        # Everything committed so far is read below: the watch need not report it again.
        self.absorb_changes()
        self.refreshed_at = time.monotonic()
        self.generation += 1  # what was read ahead before now is not shown
        for pane in self.query(DataPane):
            pane.stale = True
        self.schedule_read_ahead()
        active = self.active_pane()
        if active is not None:
            active.ensure_fresh()
        from tui.screens.task_screen import TaskScreen

        if isinstance(self.screen, TaskScreen):
            self.screen.reload()

    def show_signing_notes(self) -> None:
        """What a save had to say about signing (left unsigned: this machine lacks the
        database's key; a key made; signing begun) as the command line says it after a
        command: a warning, each once per session. Only if a save loaded the signer."""
        signing = sys.modules.get("model.store.chain_signing")
        if signing is None:
            return
        for text in signing.take_notes():
            if text not in self.signing_said:
                self.signing_said.add(text)
                self.notify(text, severity="warning", timeout=15, markup=False)

    # The terminal ------------------------------------------------------------------------
    def watch_terminal(self) -> None:
        stdin = sys.__stdin__
        if not self.is_headless and stdin is not None and os.isatty(stdin.fileno()):
            self.terminal_fd = stdin.fileno()
            self.set_interval(1.0, self.check_terminal, name="check-terminal")

    def check_terminal(self) -> None:
        """End once the terminal is gone (its window closed, the tmux session killed).

        The hang-up normally ends the process. When SIGHUP is ignored (started under
        nohup, or by a launcher that ignores it) it does not: the SIGCONT that follows
        a hang-up makes Textual restart its input, and its input threads then read the
        closed terminal's end-of-file in a loop, at full CPU, for ever. A closed
        terminal is no longer a tty.
        """
        if self.terminal_fd is not None and not os.isatty(self.terminal_fd):
            self.terminal_fd = None
            terminal_gone()

    # Live data: other processes' writes --------------------------------------------------
    def start_watching(self) -> None:
        try:
            self.change_watch = ChangeWatch(self.database.path)
        except DubanError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.set_interval(self.poll_seconds, self.poll_database, name="watch-database")

    def poll_database(self) -> None:
        if self.change_watch is not None and not self.workers_in_group("watch"):
            self.look_for_changes(self.change_watch)

    def workers_in_group(self, group: str) -> bool:
        return any(w.group == group and not w.is_finished for w in self.workers)

    @work(thread=True, group="watch", exit_on_error=False)
    def look_for_changes(self, watch: ChangeWatch) -> None:
        try:
            changed = watch.changed()
        except DubanError:
            self.call_from_thread(self.stop_watching)  # told once (WorkerFailed), not each second
            raise
        if changed:
            self.post_message(DatabaseChanged(time.monotonic()))

    def stop_watching(self) -> None:
        watch, self.change_watch = self.change_watch, None
        if watch is not None:
            watch.close()

    def absorb_changes(self) -> None:
        if self.change_watch is not None:
            with contextlib.suppress(DubanError):  # the next look reports it
                self.change_watch.absorb()

    @on(DatabaseChanged)
    def database_changed(self, message: DatabaseChanged) -> None:
        # This app's own save may have been noticed before the form that made it reported
        # back: wait a moment, and refresh only if no refresh has started since.
        self.set_timer(SETTLE_SECONDS, partial(self.changed_elsewhere, message.seen_at))

    def changed_elsewhere(self, seen_at: float) -> None:
        if self.refreshed_at < seen_at:
            self.notify(strings.DATA_CHANGED_ELSEWHERE, timeout=3)
            self.refresh_data()

    def refresh_data(self) -> None:
        """Read everything again: the plans (another process may have imported one), then
        every pane (in apply_workspace)."""
        self.absorb_changes()
        self.reload_workspace()

    def action_refresh_data(self) -> None:
        self.refresh_data()
        self.notify(strings.REFRESHED, timeout=2)

    async def on_unmount(self) -> None:
        self.stop_watching()

    def set_as_of(self, value: dt.date | None) -> None:
        if value is not None and value != self.as_of:
            self.as_of = value
            self.notify(strings.AS_OF_CHANGED.format(as_of=value.isoformat()))

    def watch_as_of(self, old: dt.date, new: dt.date) -> None:
        # An as-of date in another year looks at that year's plans (unless every year is
        # shown); the year's watcher then refreshes everything once.
        year = shown_year(new, self.plan_years)
        if self.year is not None and old.year != new.year and year != self.year:
            self.year = year
            return
        # Every light, count and score follows the as-of date.
        self.update_subtitle()
        self.data_changed()

    # Years ------------------------------------------------------------------------------
    def year_choices(self) -> list[int | None]:
        """The years to switch between: each plan year, then every year at once (none when
        there is one plan year only)."""
        years: list[int | None] = list(self.plan_years)
        return [*years, None] if len(years) > 1 else []

    def action_next_year(self) -> None:
        choices = self.year_choices()
        index = choices.index(self.year) if self.year in choices else -1
        self.set_year(choices[(index + 1) % len(choices)])

    def set_year(self, year: int | None) -> None:
        if year != self.year:
            self.year = year
            self.notify(strings.YEAR_CHANGED.format(year=display.year_label(year)))

    def watch_year(self) -> None:
        self.show_year_tabs()
        self.update_subtitle()
        self.data_changed()

    def show_year_tabs(self) -> None:
        """Only the year's plan tabs are in the strip (all of them, named with their year,
        when every year is shown); a plan tab left open moves to the same kind's tab."""
        tabs = self.query_one("#tabs", TabbedContent)
        plans = self.workspace.plans
        shown = {f"plan-{h.key}-{h.year}" for h in plans if self.year in (None, h.year)}
        for heading in plans:
            tab_id = f"plan-{heading.key}-{heading.year}"
            tabs.get_tab(tab_id).label = Content(plan_tab_label(heading, plans, self.year))
            if tab_id in shown:
                tabs.show_tab(tab_id)
        # The new tab is opened before the old is hidden: hiding the open tab would open its
        # neighbour (of the old year) after this.
        active = str(tabs.active)
        if active.startswith("plan-") and active not in shown:
            key = active.removeprefix("plan-").rsplit("-", 1)[0]
            same = f"plan-{key}-{self.year}"
            tabs.active = same if same in shown else "overview"
        for heading in plans:
            tab_id = f"plan-{heading.key}-{heading.year}"
            if tab_id not in shown:
                tabs.hide_tab(tab_id)

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

    # --- collecting returns (#14) ---
    def action_collect_returns(self) -> None:
        from tui.screens.collect_form import CollectForm

        self.push_screen(CollectForm(self.as_of), self.open_collect)

    def open_collect(self, request: CollectRequest | None) -> None:
        from tui.screens.collect_screen import CollectScreen

        if request is not None:
            self.push_screen(CollectScreen(request), self.form_saved)

    def imported(self, message: str | None) -> None:
        if message:
            self.notify(message)
            self.reload_workspace()

    @work(thread=True, exclusive=True, group="workspace", exit_on_error=False)
    def reload_workspace(self) -> None:
        with self.database.reader() as reader:
            workspace = load_workspace(reader)
        if not get_current_worker().is_cancelled:
            self.post_message(WorkspaceLoaded(workspace))

    @on(WorkspaceLoaded)
    async def apply_workspace(self, message: WorkspaceLoaded) -> None:
        """New plans get tabs; labels follow (空气 becomes 空气2023 once 2024 arrives)."""
        workspace = self.workspace = message.workspace
        try:
            tabs = self.query_one("#tabs", TabbedContent)
        except NoMatches:
            return  # read while the app was closing: there are no tabs left to update
        present = {tab_id for tab_id, _ in self.tab_labels()}
        elsewhere = sorted(
            {
                h.year
                for h in workspace.plans
                if f"plan-{h.key}-{h.year}" not in present and self.year not in (None, h.year)
            }
        )
        if elsewhere:  # new plans of another year: their tabs appear once that year is shown
            self.notify(strings.YEAR_NEW_PLANS.format(years="、".join(map(str, elsewhere))))
        for heading in workspace.plans:
            tab_id = f"plan-{heading.key}-{heading.year}"
            label = plan_tab_label(heading, workspace.plans, self.year)
            if tab_id in present:
                tabs.get_tab(tab_id).label = Content(label)
            else:
                pane_id = f"pane-plan-{heading.key}-{heading.year}"
                pane = TabPane(
                    Content(label), PlanPane(heading.key, heading.year, id=pane_id), id=tab_id
                )
                await tabs.add_pane(pane, before="units")
        self.show_year_tabs()
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
            # The pane may still be mounting if 6 and e came together: no unit chosen yet.
            pane = next(self.query(UnitPane).results(), None)
            return ExportPreset("notice", unit=None if pane is None else pane.selected)
        return ExportPreset({"scores": "scorecards", "notices": "bulletin"}.get(tab, "progress"))

    def export_path(self, request: ExportRequest) -> Path:
        from exports.service import default_output

        return default_output(self.export_dir, request)

    def action_export(self) -> None:
        from model.core.settings import export_folder
        from model.scoring.scorecards import report_period
        from tui.screens.export_dialog import ExportDialog

        year, as_of = report_period(self.as_of, self.plan_years, self.year)
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

    # Quitting and going back ------------------------------------------------------------
    def screen_changed(self, screen: Screen[Any]) -> None:
        """A form opened: remember what its fields hold once they are all mounted."""
        if screen is not self.screen_stack[0] and screen not in self.opened_with:
            screen.call_later(self.remember_fields, screen)

    def remember_fields(self, screen: Screen[Any]) -> None:
        self.opened_with.setdefault(screen, field_values(screen))

    def unsaved_screen(self) -> Screen[Any] | None:
        """The topmost screen holding input that was typed or chosen and not saved."""
        for screen in reversed(self.screen_stack[1:]):
            if unsaved_input(screen, self.opened_with.get(screen, {})):
                return cast("Screen[Any]", screen)
        return None

    async def action_quit(self) -> None:
        """Quit; first ask when a form holds unsaved input (ctrl+q, the palette's 退出)."""
        unsaved = self.unsaved_screen()
        if unsaved is None or isinstance(self.screen, ConfirmQuit):
            self.exit()  # nothing to lose, or ctrl+q pressed again while asked
        else:
            title = str(getattr(unsaved, "title_text", "")) or strings.UNSAVED_SCREEN
            self.push_screen(ConfirmQuit(title), self.quit_confirmed)

    def quit_confirmed(self, answer: bool | None) -> None:
        if answer:
            self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """q is 退出 on the main screen and 返回 elsewhere (each shown only where it applies)."""
        if action == "quit_main":
            return len(self.screen_stack) <= 1
        if action == "back":
            return len(self.screen_stack) > 1
        if action in ("show_page", "show_plan"):
            return self.number_keys_switch_tabs()
        if action == "next_year":  # shown only where there is a year to switch to
            return self.number_keys_switch_tabs() and bool(self.year_choices())
        if action in ("change_as_of", "export", "import_plan"):
            # The main screen's: a sub-screen's footer has room for its own keys only.
            return self.number_keys_switch_tabs()
        return True

    def number_keys_switch_tabs(self) -> bool:
        """Only on the main screen: on the task screen or in a form the tabs are hidden."""
        return len(self.screen_stack) <= 1

    async def on_event(self, event: events.Event) -> None:
        """A number key typed in a digit-free field (DIGIT_FREE_FIELDS) switches tabs."""
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and event.key in TAB_ACTIONS
            and isinstance(self.focused, Input)
            and self.focused.id in DIGIT_FREE_FIELDS
            and self.number_keys_switch_tabs()
        ):
            await self.run_action(TAB_ACTIONS[event.key])
            return
        await super().on_event(event)

    async def action_quit_main(self) -> None:
        await self.action_quit()

    async def action_back(self) -> None:
        """Whatever esc does on the screen on show (cancel a form, close the task)."""
        escape = self.screen.active_bindings.get("escape")
        if escape is not None and escape.node is not self:
            await self.run_action(escape.binding.action, escape.node)
        else:
            self.screen.dismiss(None)

    def action_help_quit(self) -> None:
        """ctrl+c (Textual's hint that it does not quit), in Chinese."""
        self.notify(strings.QUIT_HINT, title=strings.QUIT_HINT_TITLE)

    # The command palette -----------------------------------------------------------------
    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, ChinesePalette):
            self.push_screen(ChinesePalette())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's commands: only what applies here, in Chinese (none of Textual's
        Theme, Keys, Maximize or Screenshot)."""
        yield SystemCommand(strings.HELP_KEY, strings.CMD_HELP_HELP, self.action_help)
        yield SystemCommand(strings.REFRESH_KEY, strings.CMD_REFRESH_HELP, self.action_refresh_data)
        if not isinstance(screen, ModalScreen):  # not from inside a form
            yield SystemCommand(strings.AS_OF_KEY, strings.CMD_AS_OF_HELP, self.action_change_as_of)
            yield SystemCommand(
                strings.IMPORT_KEY, strings.CMD_IMPORT_HELP, self.action_import_plan
            )
            yield SystemCommand(strings.EXPORT_KEY, strings.CMD_EXPORT_HELP, self.action_export)
            yield SystemCommand(
                strings.COLLECT_KEY, strings.CMD_COLLECT_HELP, self.action_collect_returns
            )
            for year in self.year_choices():
                yield SystemCommand(
                    strings.CMD_YEAR.format(year=display.year_label(year)),
                    strings.CMD_YEAR_HELP,
                    partial(self.set_year, year),
                )
        yield SystemCommand(strings.QUIT, strings.CMD_QUIT_HELP, self.action_quit)

    # Navigation -------------------------------------------------------------------------
    def open_task(self, ref: TaskRef) -> None:
        from tui.screens.task_screen import TaskScreen

        self.push_screen(TaskScreen(ref, id=TASK_SCREEN))

    async def open_unit(self, name: str) -> None:
        while self.screen.id == TASK_SCREEN:
            self.pop_screen()
        self.show_tab("units")
        self.query_one(UnitPane).select_unit(name)

    @on(OpenTask)
    def task_requested(self, message: OpenTask) -> None:
        self.open_task(message.ref)

    @on(OpenUnit)
    async def unit_requested(self, message: OpenUnit) -> None:
        await self.open_unit(message.name)

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
            NoticeForm(names, self.as_of, unit=unit, tasks=tasks, reporting=self.reporting),
            callback or self.form_saved,
        )

    def open_adjustment_form(self, unit: str, year: int) -> None:
        from tui.screens.adjustment_form import AdjustmentForm

        # The approver is another person than the one entering it: left blank to be typed.
        self.push_screen(AdjustmentForm(unit, year, self.as_of, ""), self.form_saved)

    def open_liaison_form(self, unit: str, liaison: Liaison | None) -> None:
        """联络人 of a unit (#14): named, changed or cleared from the unit check."""
        from tui.screens.liaison_form import LiaisonForm

        self.push_screen(LiaisonForm(unit, liaison), self.form_saved)

    def open_recorded_form(self, pane: ScorePane) -> None:
        """h on 考核: the day whose entries the cards are reproduced from."""
        from tui.screens.recorded_form import RecordedForm

        def chosen(day: dt.date | None) -> None:
            if day is not None:
                pane.recorded_on = day

        self.push_screen(RecordedForm(self.as_of, dt.date.today()), chosen)

    def open_review_form(self, unit: UnitReview, year: int, stage: str) -> None:
        """自评 (stage "self") or 复核 ("review") of one of the unit's items."""
        from model.scoring.review import item_ranges
        from tui.screens.review_form import ReviewForm

        ranges = item_ranges(self.rubric)
        form = ReviewForm(unit, year, self.as_of, stage=stage, ranges=ranges)
        self.push_screen(form, self.form_saved)

    def open_reply_form(self, number: str) -> None:
        from tui.screens.reply_form import ReplyForm

        self.push_screen(ReplyForm(number, self.as_of), self.form_saved)

    # Failures -----------------------------------------------------------------------------
    def describe_work(self, worker: Worker[Any]) -> str:
        names = {
            "reload_workspace": strings.WORK_RELOAD_PLANS,
            "warm_up": strings.WORK_WARM_UP,
            "look_for_changes": strings.WORK_WATCH,
        }
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
