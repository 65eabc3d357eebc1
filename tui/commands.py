"""Command palette providers: jump to any task ("地下水 9", "gw9", "dxs9"), unit, or page.

Pages are found by their names or the pinyin of them (kq → 空气, ldxz → 领导小组); the
app's own commands (退出, 帮助, …) come from `DubanApp.get_system_commands`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from model.core.errors import InputError
from model.plans.task_refs import TaskRef, parse_task_ref
from model.units.search import rank_units
from model.units.search import score as pinyin_score
from tui import display, strings

if TYPE_CHECKING:
    from tui.app import DubanApp


def highlight(matcher: Matcher, text: str) -> Content:
    """`Matcher.highlight` on plain text: Textual's reads the text as markup, and a task's
    title or a unit's name may hold brackets."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class DubanCommands(Provider):
    @property
    def duban(self) -> DubanApp:
        return cast("DubanApp", self.app)

    async def discover(self) -> Hits:
        for tab_id, label in self.duban.tab_labels():
            text = f"{strings.PALETTE_SCREEN}：{label}"
            # Plain text: an imported plan's title holding brackets is not markup.
            yield DiscoveryHit(Content(text), partial(self.duban.show_tab, tab_id), text=text)

    async def search(self, query: str) -> Hits:
        app = self.duban
        matcher = self.matcher(query)
        try:
            ref = parse_task_ref(query)
        except InputError:
            ref = None
        several_years = len(app.plan_years) > 1
        for entry in app.task_entries:
            plan = display.plan(entry.plan_key)
            if several_years:
                plan = f"{plan}{entry.year}"
            text = f"{strings.PALETTE_TASK}：{plan} {entry.number} {entry.title}"
            exact = ref is not None and (ref.plan_key, ref.number) == (entry.plan_key, entry.number)
            score = 1.0 if exact else matcher.match(text)
            if score > 0:
                target = TaskRef(entry.plan_key, entry.number, entry.year)
                yield Hit(
                    score, highlight(matcher, text), partial(app.open_task, target), text=text
                )
        for hit in rank_units(app.unit_entries, query, limit=8):
            text = f"{strings.PALETTE_UNIT}：{hit.name}"
            yield Hit(
                min(hit.score / 100, 0.99),
                highlight(matcher, text),
                partial(app.open_unit, hit.name),
                text=text,
            )
        for tab_id, label in app.tab_labels():
            text = f"{strings.PALETTE_SCREEN}：{label}"
            score = max(matcher.match(text), min(pinyin_score(query, label) / 100, 0.99))
            if score > 0:
                yield Hit(score, highlight(matcher, text), partial(app.show_tab, tab_id), text=text)
