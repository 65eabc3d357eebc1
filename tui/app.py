"""The dashboard: a tab per plan, fed from the database by a worker thread."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Footer, Header, LoadingIndicator, TabbedContent, TabPane

from model.db import Database
from model.lights import LightRules
from model.plan_data import PlanDocument
from model.plan_dump import dump_plan_document
from model.plan_import import plan_label
from tui import messages
from tui.widgets.plan_table import PlanTable


class PlansLoaded(Message):
    def __init__(self, document: PlanDocument) -> None:
        super().__init__()
        self.document = document


class DubanApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = messages.APP_TITLE
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", messages.QUIT, id="quit")]

    def __init__(self, database: Database, *, as_of: dt.date, rules: LightRules | None = None) -> None:
        super().__init__()
        self.database = database
        self.as_of = as_of
        self.rules = rules or LightRules()

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator(id="loading")
        yield TabbedContent(id="plans")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = messages.LOADING
        self.load_plans()

    @work(thread=True, exclusive=True)
    def load_plans(self) -> None:
        with self.database.read() as session:
            document = dump_plan_document(session)
        self.post_message(PlansLoaded(document))

    @on(PlansLoaded)
    async def show_plans(self, message: PlansLoaded) -> None:
        document = message.document
        self.sub_title = messages.APP_SUBTITLE.format(
            document=document.document.number, as_of=self.as_of.isoformat()
        )
        tabs = self.query_one("#plans", TabbedContent)
        for plan in document.plans:
            pane = TabPane(
                plan_label(plan.key, plan.title),
                PlanTable(plan, id=f"table-{plan.key}"),
                id=f"plan-{plan.key}",
            )
            await tabs.add_pane(pane)
        self.query_one("#loading").display = False
        first = document.plans[0].key if document.plans else None
        if first:
            tabs.active = f"plan-{first}"
            self.query_one(f"#table-{first}", PlanTable).focus()
