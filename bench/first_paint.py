"""One process that paints the dashboard's first real screen and exits (run by bench.py).

`duban`: the real command line (argparse, settings, database, seeding check, app) with the
app exiting right after the overview has been painted with data. `bare`: a Textual app
with the same widget tree, stylesheet and row counts, from constants, no database.
Both run headless so the terminal does not enter the measurement.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.lazy import Lazy
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)

PLANS = ("空气", "水", "土壤", "地下水")
ROW = ("空气", "20", "持续开展“三清零”", "蒲城镇", "2023-10-31")
CSS = Path(__file__).resolve().parent.parent / "tui" / "app.tcss"


def table(rows: int) -> DataTable[str]:
    widget: DataTable[str] = DataTable()
    widget.add_columns("计划", "序号", "任务", "单位", "逾期自")
    widget.add_rows([ROW] * rows)
    return widget


class BareApp(App[None]):
    """The dashboard's widget tree and stylesheet, filled from constants."""

    CSS_PATH = CSS

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="overview"):
            with TabPane("总览", id="overview"), Vertical():
                yield Label("各计划任务（按灯）", classes="heading")
                yield table(4)
                with Horizontal(id="overview-lists"):
                    with Vertical(classes="column wide"):
                        yield Label("逾期事项（7）", classes="heading")
                        yield table(7)
                        yield Label("30 天内到期的时间节点（3）", classes="heading")
                        yield table(3)
                    with Vertical(classes="column narrow"):
                        yield Label("红灯最多的单位", classes="heading")
                        yield table(5)
            for index, plan in enumerate(PLANS):
                with TabPane(plan, id=f"plan{index}"):
                    yield Lazy(Vertical(Label(plan), Input(), Label(""), table(23)))
            with TabPane("单位", id="units"):
                yield Lazy(
                    Horizontal(
                        Vertical(Input(), OptionList(*[f"单位{i}" for i in range(33)])),
                        Vertical(Label(""), Static(""), table(0), Static("")),
                    )
                )
            with TabPane("时间轴", id="timeline"):
                yield Lazy(Vertical(table(13), Vertical(Static(""), Static(""))))
            with TabPane("督办", id="notices"):
                yield Lazy(Vertical(table(4)))
            with TabPane("考核", id="scores"):
                yield Lazy(
                    Vertical(
                        Label(""),
                        Horizontal(table(29), Vertical(Label("各单位得分"), Static(""))),
                        Label(""),
                        table(0),
                    )
                )
            with TabPane("领导小组", id="roster"):
                yield Lazy(Vertical(Label(""), Label(""), table(13)))
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "蒲政办发〔2023〕23号 · 截至 2023-11-15"
        self.call_after_refresh(self.exit)


def run_duban(argv: list[str]) -> None:
    import tui.app
    import tui.cli
    import tui.cli.dashboard

    # Headless: the dashboard's own check for a terminal would refuse the pipes.
    tui.cli.dashboard.on_terminal = lambda: True
    from tui.widgets.overview_pane import OverviewPane

    painted: list[bool] = []
    show = OverviewPane.show

    def show_then_exit(pane: OverviewPane, data: object) -> None:
        show(pane, data)  # type: ignore[arg-type]
        painted.append(True)
        pane.app.call_after_refresh(pane.app.exit)

    OverviewPane.show = show_then_exit  # type: ignore[method-assign]
    run = tui.app.DubanApp.run
    tui.app.DubanApp.run = lambda self, *a, **k: run(self, headless=True)  # type: ignore[method-assign]
    code = tui.cli.main(argv)
    if code or not painted:
        raise SystemExit(f"duban did not paint its first screen (exit {code})")


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        BareApp().run(headless=True)
    else:
        run_duban(sys.argv[2:])
