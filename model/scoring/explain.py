"""The rubric as a document: the 考核细则 an office sends to units at the start of the year.

`explain_rubric(rubric)` writes the rules of model.scoring.scorecards in plain, formal
Chinese, every number and name taken from the `Rubric` (editing the rubric file changes
the text). The result is plain data — a title and numbered chapters of paragraphs and
small tables — that `duban rubric explain` prints, the export service turns into a docx or
md document (exports.rubric_builder) and the README quotes for the default rubric.
No setting's key or English value appears in the text: the wording is in
model.core.strings (the EXPLAIN_* block).
"""

from __future__ import annotations

from dataclasses import dataclass

from model.core import strings
from model.core.enums import ROLES
from model.core.strings import ROLE_NAMES
from model.core.text_width import display_width
from model.scoring.rubric import RANKABLE_KINDS, Band, Rubric

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (chapters and items, up to 99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def number(value: float) -> str:
    """A number as people write it: 100, 0.5, 2.25 (at most two decimals, no trailing 0)."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def points(value: float) -> str:
    """0.5 分, 100 分."""
    return strings.EXPLAIN_POINTS.format(value=number(value))


def percent(fraction: float) -> str:
    """A fraction as a percentage: 0.2 → 20%, 0.125 → 12.5%."""
    return strings.EXPLAIN_PERCENT.format(value=number(fraction * 100))


@dataclass(frozen=True)
class RuleTable:
    """A small table of a chapter (the bands, the notice levels): every cell is text."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = str | RuleTable  # a paragraph, or a table


@dataclass(frozen=True)
class Chapter:
    number: int  # 1, 2, …: shown 一、二、…
    title: str  # without its number
    blocks: tuple[Block, ...]  # paragraphs (numbered （一）（二） when more than one) and tables

    @property
    def label(self) -> str:
        """一、总则"""
        return strings.EXPLAIN_CHAPTER.format(number=chinese_numeral(self.number), title=self.title)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b for b in self.blocks if isinstance(b, str))

    @property
    def tables(self) -> tuple[RuleTable, ...]:
        return tuple(b for b in self.blocks if isinstance(b, RuleTable))


@dataclass(frozen=True)
class ExplainedRubric:
    title: str  # the rubric's own name ([meta] name)
    chapters: tuple[Chapter, ...]

    def text(self) -> str:
        """For a terminal: the title, each chapter under its number, tables in columns."""
        lines = [self.title, ""]
        for chapter in self.chapters:
            lines.append(chapter.label)
            for block in chapter.blocks:
                lines += _table_lines(block) if isinstance(block, RuleTable) else [block]
            lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"


def _table_lines(table: RuleTable) -> list[str]:
    widths = [
        max(display_width(row[i]) for row in (table.columns, *table.rows))
        for i in range(len(table.columns))
    ]

    def line(cells: tuple[str, ...]) -> str:
        padded = (c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True))
        return ("  " + "  ".join(padded)).rstrip()

    return [
        strings.EXPLAIN_TABLE_LINE.format(caption=table.caption),
        line(table.columns),
        *(line(row) for row in table.rows),
    ]


def _numbered(*blocks: Block | None) -> tuple[Block, ...]:
    """Paragraphs numbered （一）（二）… when a chapter has more than one; tables as they are."""
    kept = [b for b in blocks if b]
    count = sum(isinstance(b, str) for b in kept)
    if count < 2:
        return tuple(kept)
    out: list[Block] = []
    n = 0
    for block in kept:
        if isinstance(block, str):
            n += 1
            block = strings.EXPLAIN_ITEM.format(number=chinese_numeral(n), text=block)
        out.append(block)
    return tuple(out)


def _listed(parts: list[str]) -> str:
    """A、B和C"""
    if len(parts) < 2:
        return "".join(parts)
    return strings.EXPLAIN_AND.format(head="、".join(parts[:-1]), last=parts[-1])


def _has_bonus(rubric: Rubric) -> bool:
    return rubric.early_points > 0 and rubric.bonus_max > 0


def _general(rubric: Rubric) -> tuple[Block, ...]:
    parts = list(strings.EXPLAIN_PARTS)
    if _has_bonus(rubric):
        parts.append(strings.EXPLAIN_PART_BONUS)
    return _numbered(
        strings.EXPLAIN_PURPOSE,
        strings.EXPLAIN_SCOPE,
        strings.EXPLAIN_COMPOSITION.format(base=points(rubric.base), parts=_listed(parts)),
        strings.EXPLAIN_AS_OF,
    )


def _shares(rubric: Rubric) -> tuple[Block, ...]:
    by_weight: dict[float, list[str]] = {}
    for role in ("lead", "responsible", "support"):
        by_weight.setdefault(rubric.weights[role], []).append(
            strings.EXPLAIN_ROLE_TASK.format(role=strings.ROLE_SHORT[role])
        )
    weights = "，".join(
        strings.EXPLAIN_WEIGHT_PART.format(roles="、".join(roles), weight=number(weight))
        for weight, roles in by_weight.items()
    )
    lead, support = rubric.weights["lead"], rubric.weights["support"]
    ratio = ""
    if support == 0:
        ratio = strings.EXPLAIN_RATIO_NONE
    elif lead > 0:
        ratio = {1.0: strings.EXPLAIN_RATIO_SAME, 0.5: strings.EXPLAIN_RATIO_HALF}.get(
            support / lead, strings.EXPLAIN_RATIO.format(ratio=number(support / lead))
        )
    example = None
    leads, supports = 4, 2
    total = leads * lead + supports * support
    if lead > 0 and support > 0 and total > 0:
        example = strings.EXPLAIN_SHARE_EXAMPLE.format(
            lead=leads,
            support=supports,
            lead_share=_about(rubric.base * lead / total),
            support_share=_about(rubric.base * support / total),
        )
    return _numbered(
        strings.EXPLAIN_WEIGHTS.format(weights=weights, ratio=ratio),
        strings.EXPLAIN_SHARE_FORMULA + (example or ""),
    )


def _about(value: float) -> str:
    """20 分, or 约 16.67 分 when rounding to cents changed it."""
    exact = round(value, 2) == value
    return points(value) if exact else strings.EXPLAIN_ABOUT.format(value=points(value))


def _dates(rubric: Rubric) -> tuple[Block, ...]:
    return _numbered(
        strings.EXPLAIN_DEADLINE.format(
            before_issue=strings.EXPLAIN_BEFORE_ISSUE[rubric.before_issue]
        ),
        strings.EXPLAIN_DONE,
        strings.EXPLAIN_AWAITING,
        strings.EXPLAIN_REOPENED,
    )


def _late_credit(rubric: Rubric, days: int) -> float:
    months = -(-days // 30)
    return max(rubric.late_floor, rubric.closed_late - months * rubric.late_per_month)


def _outcomes(rubric: Rubric) -> tuple[Block, ...]:
    if rubric.late_per_month > 0:
        floor = (
            strings.EXPLAIN_LATE_FLOOR.format(floor=percent(rubric.late_floor))
            if rubric.late_floor > 0
            else strings.EXPLAIN_LATE_NO_FLOOR
        )
        late = strings.EXPLAIN_LATE.format(
            credit=percent(rubric.closed_late),
            step=percent(rubric.late_per_month),
            floor=floor,
            days=strings.EXPLAIN_EXAMPLE_DAYS,
            example=percent(_late_credit(rubric, strings.EXPLAIN_EXAMPLE_DAYS)),
        )
    else:
        late = strings.EXPLAIN_LATE_FLAT.format(credit=percent(rubric.closed_late))
    progress = strings.EXPLAIN_EXAMPLE_PERCENT
    not_started = (
        strings.EXPLAIN_NOT_STARTED.format(credit=percent(rubric.not_started))
        if rubric.not_started > 0
        else strings.EXPLAIN_NOT_STARTED_ZERO
    )
    # An open part past its deadline earns no more than a completion as late would have.
    days = strings.EXPLAIN_EXAMPLE_DAYS
    held = min(rubric.in_progress_factor, _late_credit(rubric, days))
    open_late = None
    if rubric.late_per_month > 0 or rubric.closed_late < rubric.in_progress_factor:
        open_late = strings.EXPLAIN_OPEN_LATE.format(
            factor=percent(rubric.in_progress_factor),
            days=days,
            percent=percent(progress / 100),
            example=percent(progress / 100 * held),
        )
    return _numbered(
        strings.EXPLAIN_ON_TIME.format(credit=percent(rubric.closed_on_time)),
        late,
        strings.EXPLAIN_IN_PROGRESS.format(
            factor=percent(rubric.in_progress_factor),
            percent=percent(progress / 100),
            example=percent(progress / 100 * rubric.in_progress_factor),
        ),
        open_late,  # right after the in-progress paragraph it limits (上项)
        not_started,
    )


def _cost(template: str, value: float) -> str:
    return template.format(points=points(value)) if value > 0 else ""


def _reporting(rubric: Rubric) -> tuple[Block, ...]:
    costs = [
        _cost(strings.EXPLAIN_RETURN_MISSED, rubric.missed_report),
        _cost(strings.EXPLAIN_RETURN_LATE, rubric.late_report),
    ]
    costs = [c for c in costs if c]
    charged = any(costs)
    roles = [r for r in ROLES if r in rubric.reporting_roles]
    others = [r for r in ROLES if r not in rubric.reporting_roles]
    # Units of a role left out report through the lead, when the lead returns at all.
    through = (
        strings.EXPLAIN_RETURN_THROUGH.format(others=_listed([ROLE_NAMES[r] for r in others]))
        if others and "lead" in roles
        else ""
    )
    return _numbered(
        strings.EXPLAIN_RETURN_DUE.format(due_day=rubric.due_day),
        strings.EXPLAIN_RETURN_ROLES.format(roles=_listed([ROLE_NAMES[r] for r in roles]))
        + through,
        strings.EXPLAIN_SENTENCE.format(text="；".join(costs))
        if charged
        else strings.EXPLAIN_REPORT_FREE,
        strings.EXPLAIN_RETURN_COUNT if charged else None,
        strings.EXPLAIN_REPORT_MAX.format(max=points(rubric.reporting_max)) if charged else None,
    )


def _notices(rubric: Rubric) -> tuple[Block, ...]:
    table = RuleTable(
        strings.EXPLAIN_NOTICE_TABLE,
        strings.EXPLAIN_NOTICE_COLUMNS,
        tuple(
            (level, points(value) if value > 0 else strings.EXPLAIN_NO_DEDUCTION)
            for level, value in rubric.notice_levels.items()
        ),
    )
    return _numbered(
        strings.EXPLAIN_NOTICE_LEVELS,
        table,
        strings.EXPLAIN_NOTICE_REPLY.format(days=rubric.reply_workdays),
        _cost(strings.EXPLAIN_NOTICE_UNANSWERED, rubric.notice_unanswered),
        strings.EXPLAIN_NOTICE_MAX.format(max=points(rubric.notices_max)),
        strings.EXPLAIN_NOTICE_YEAR,
    )


def _bonus(rubric: Rubric) -> tuple[Block, ...]:
    if not _has_bonus(rubric):
        return (strings.EXPLAIN_BONUS_NONE,)
    early = (
        strings.EXPLAIN_BONUS_EARLY.format(
            days=rubric.early_days, points=points(rubric.early_points)
        )
        if rubric.early_days > 0
        else strings.EXPLAIN_BONUS_ON_TIME.format(points=points(rubric.early_points))
    )
    return _numbered(
        early,
        strings.EXPLAIN_BONUS_MAX.format(max=points(rubric.bonus_max)),
        strings.EXPLAIN_BONUS_LIFTS if rubric.bonus_lifts_band else strings.EXPLAIN_BONUS_NO_LIFT,
    )


def _band_range(bands: tuple[Band, ...], index: int) -> str:
    band = bands[index]
    if index == 0:
        return strings.EXPLAIN_BAND_FROM.format(min=points(band.min))
    upper = points(bands[index - 1].min)
    if index == len(bands) - 1:
        return strings.EXPLAIN_BAND_BELOW.format(next=upper)
    return strings.EXPLAIN_BAND_BETWEEN.format(min=points(band.min), next=upper)


def _total(rubric: Rubric) -> tuple[Block, ...]:
    bands = RuleTable(
        strings.EXPLAIN_BAND_TABLE,
        strings.EXPLAIN_BAND_COLUMNS,
        tuple((b.name, _band_range(rubric.bands, i)) for i, b in enumerate(rubric.bands)),
    )
    veto = None
    if rubric.veto_bars is not None:
        lower = rubric.below(rubric.veto_bars)
        veto = (
            strings.EXPLAIN_VETO.format(band=rubric.veto_bars, lower=lower)
            if lower != rubric.veto_bars
            else strings.EXPLAIN_VETO_PLAIN.format(band=rubric.veto_bars)
        )
    return _numbered(
        strings.EXPLAIN_LIMITS.format(floor=points(rubric.floor), cap=points(rubric.cap)),
        strings.EXPLAIN_BANDS,
        bands,
        veto,
    )


def _kinds(kinds: tuple[str, ...]) -> str:
    return "、".join(strings.KIND_NAMES[k] for k in kinds)


def _ranking(rubric: Rubric) -> tuple[Block, ...]:
    rows = [
        (c.name, strings.EXPLAIN_CATEGORY_KINDS.format(kinds=_kinds(c.kinds)))
        for c in rubric.categories
    ]
    if rubric.support_only == "own":
        rows.append((strings.CATEGORY_SUPPORT_ONLY, strings.EXPLAIN_CATEGORY_OWN))
    if not rows:
        return (strings.EXPLAIN_NO_RANKING,)
    unranked = tuple(k for k in RANKABLE_KINDS if not rubric.ranks(k))
    return _numbered(
        strings.EXPLAIN_CATEGORIES,
        RuleTable(strings.EXPLAIN_CATEGORY_TABLE, strings.EXPLAIN_CATEGORY_COLUMNS, tuple(rows)),
        strings.EXPLAIN_TIES,
        strings.EXPLAIN_UNRANKED_KINDS.format(kinds=_kinds(unranked)) if unranked else None,
        strings.EXPLAIN_SUPPORT_ONLY[rubric.support_only].format(
            category=strings.CATEGORY_SUPPORT_ONLY
        ),
    )


def _procedure() -> tuple[Block, ...]:
    return _numbered(
        strings.EXPLAIN_SELF_ASSESS,
        strings.EXPLAIN_REVIEW,
        strings.EXPLAIN_APPROVE,
        strings.EXPLAIN_ADJUST,
    )


def _closing() -> tuple[Block, ...]:
    return _numbered(strings.EXPLAIN_BASIS, strings.EXPLAIN_INTERPRET)


def explain_rubric(rubric: Rubric) -> ExplainedRubric:
    """The rubric's rules as the chapters of a 考核细则, written from its values."""
    parts = (
        (strings.EXPLAIN_GENERAL, _general(rubric)),
        (strings.EXPLAIN_SHARES, _shares(rubric)),
        (strings.EXPLAIN_DATES, _dates(rubric)),
        (strings.EXPLAIN_OUTCOMES, _outcomes(rubric)),
        (strings.EXPLAIN_REPORTING, _reporting(rubric)),
        (strings.EXPLAIN_NOTICES, _notices(rubric)),
        (strings.EXPLAIN_BONUS, _bonus(rubric)),
        (strings.EXPLAIN_TOTAL, _total(rubric)),
        (strings.EXPLAIN_RANKING, _ranking(rubric)),
        (strings.EXPLAIN_PROCEDURE, _procedure()),
        (strings.EXPLAIN_SUPPLEMENTARY, _closing()),
    )
    chapters = tuple(Chapter(n, title, blocks) for n, (title, blocks) in enumerate(parts, start=1))
    return ExplainedRubric(rubric.name, chapters)
