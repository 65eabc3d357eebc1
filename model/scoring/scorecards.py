"""Year-end scorecards (年终考核) under a rubric, as of a date — every point explained.

One function, `compute_scorecards`, feeds the 考核 screen, the command line and the
exports. The arithmetic runs on polars lazy frames built from the database as of the
date (records dated after it are ignored). Each point of a score is a `ScoreLine` naming
its task and its basis (the report, closure, notice or adjustment it rests on, in words a
unit can check). A line's points are rounded to cents once, where the line is made; every
total on a card — task points, deductions, bonus, adjustments, limits, the score — is the
sum of its rounded lines, so every screen and every file adds up to the cent.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.periods import ReportingRules
from model.scoring.rubric import BandTone, Rubric, band_tone, reporting_rules
from model.status.notices import reply_state
from model.status.plan_view import shown_year
from model.status.returns import DueReturn, due_returns
from model.store.queries import fetch_raw
from model.store.schema import (
    ClosureEvent,
    Document,
    Milestone,
    MilestoneCompletion,
    Notice,
    Plan,
    ProgressReport,
    ScoreAdjustment,
    Task,
    Unit,
)

if TYPE_CHECKING:
    import polars as pl

    from model.status.holders import Holding

LINE_KINDS = ("task", "reporting", "notice", "bonus", "adjustment", "limit", "veto")


def cents(points: float) -> int:
    """Points as whole cents: the unit every total is added up in."""
    return round(points * 100)


def _from_cents(value: int) -> float:
    return value / 100


@dataclass(frozen=True)
class ScoreLine:
    kind: str  # one of LINE_KINDS
    task: str  # the task as a unit reads it (空气第5项 实施O₃污染综合防治); "" for none
    detail: str  # how the points were worked out
    points: float  # rounded to cents where the line is made
    basis: str  # the record the points rest on, in words (2023-11-10 销号; 未报送; …)
    full: float | None = None  # the most the line could earn (a task's share of the base)


@dataclass(frozen=True)
class Scorecard:
    rank: int | None  # within its category; None: not ranked (rubric [ranking])
    tied: bool  # another unit of its category has the same (rounded) score
    unit: str
    kind: str
    category: str | None  # the ranking category it was ranked in; None when not ranked
    support_only: bool  # every task it holds is a supporting (配合) one
    unranked_reason: str  # why it has no rank (企业不参与排名, 仅承担配合任务); "" when ranked
    score: float
    rating: str
    vetoed: bool
    lead: int
    support: int
    responsible: int
    done_on_time: int  # completed by the deadline (by the unit's own record)
    done_late: int
    awaiting_close: int  # reported done, not yet closed by the office (待销号)
    missed: int  # not done although the deadline has come (the veto counts these)
    missed_reports: int
    late_reports: int
    notices: int
    task_points: float
    reporting: float
    notice_points: float
    bonus: float
    adjustments: float
    limit: float  # the correction that keeps the score within the rubric's limits
    lines: tuple[ScoreLine, ...]

    @property
    def ranked(self) -> bool:
        return self.rank is not None

    @property
    def raw_score(self) -> float:
        """The score before the rubric's floor or cap (the `limit` line) moved it."""
        return _from_cents(cents(self.score) - cents(self.limit))

    @property
    def rank_label(self) -> str:
        """3, 并列第3 or 不参与排名."""
        if self.rank is None:
            return strings.SCORE_RANK_NONE
        return strings.SCORE_RANK_TIED.format(rank=self.rank) if self.tied else str(self.rank)


@dataclass(frozen=True)
class ScoreBoard:
    year: int
    as_of: dt.date
    rubric: str  # the rubric's own name ([meta] name)
    rubric_digest: str
    bands: tuple[str, ...]  # the rubric's band names, best first
    categories: tuple[str, ...]  # the ranking categories, in the rubric's order
    cards: tuple[Scorecard, ...]  # by category and rank, then unranked units by score
    provisional: bool  # 预评: computed before the plan year's end

    def card(self, unit: str) -> Scorecard:
        return next(c for c in self.cards if c.unit == unit)

    def tone(self, rating: str) -> BandTone:
        return band_tone(self.bands, rating)


def report_period(as_of: dt.date, years: list[int], year: int | None = None) -> tuple[int, dt.date]:
    """The plan year a score or report covers — the one asked for, else the as-of year,
    else the latest plan year before it — and the date it is computed as of, never past
    that year's end (in November 2026 the 2023 plans are reported as of 2023-12-31)."""
    if year is None:
        year = shown_year(as_of, years) or as_of.year
    return year, min(as_of, dt.date(year, 12, 31))


def _column_texts(session: Session, query: Any) -> tuple[str | None, ...]:
    """A large read (every report of the year: 225,000 rows at L) as one text per column,
    joined by SQLite, for polars to split: no Python object per value, which costs more
    than the query itself. Only for columns that are never NULL (group_concat skips a
    NULL, which would shift the column) and whose values hold no comma (numbers, dates,
    codes). None for each column when there is no row."""
    inner = query.subquery()
    # group_concat's own separator, a comma: given as a bound parameter it took twice as
    # long.
    return tuple(fetch_raw(session, select(*(func.group_concat(c) for c in inner.c)))[0])


def _frames(session: Session, year: int, as_of: dt.date) -> dict[str, pl.LazyFrame]:
    """The records of the year's plans as of the date, as lazy frames."""
    year_tasks = select(Task.id).join(Plan, Plan.id == Task.plan_id).where(Plan.year == year)
    # The largest read first, before polars is needed: SQLite joins the texts without
    # holding Python's lock, while polars loads (`_load_polars_meanwhile`).
    report_texts = _column_texts(
        session,
        select(
            ProgressReport.id,
            ProgressReport.task_id,
            ProgressReport.unit_id,
            ProgressReport.reported_on,
            ProgressReport.status,
            ProgressReport.percent,
        ).where(ProgressReport.task_id.in_(year_tasks), ProgressReport.reported_on <= as_of),
    )
    import polars as pl

    def frame(query: Any, schema: dict[str, Any]) -> pl.LazyFrame:
        # Dates arrive as ISO text from the raw cursor and are parsed column-wise by polars.
        text_schema = {k: pl.String if v == pl.Date else v for k, v in schema.items()}
        rows = fetch_raw(session, query)
        loaded = pl.DataFrame(rows, schema=text_schema, orient="row")
        dates = [k for k, v in schema.items() if v == pl.Date]
        return loaded.with_columns(pl.col(dates).str.to_date("%Y-%m-%d")).lazy()

    def packed(
        texts: tuple[str | None, ...], schema: dict[str, Any], order: tuple[str, ...]
    ) -> pl.LazyFrame:
        """The columns of `_column_texts`, split by polars and sorted."""
        if texts[0] is None:  # no rows
            return pl.LazyFrame(schema=schema)
        columns = [
            pl.Series(name, [text]).str.split(",").explode()
            for name, text in zip(schema, texts, strict=True)
        ]
        return (
            pl.DataFrame(columns)
            .with_columns(
                pl.col(k).str.to_date("%Y-%m-%d") if v == pl.Date else pl.col(k).cast(v)
                for k, v in schema.items()
            )
            .sort(order)  # once, here: a lazy frame would sort again for each use
            .lazy()
        )

    task_query = (
        select(Task.id, Plan.id, Plan.key, Plan.title, Task.number, Task.title, Document.issued_on)
        .join(Plan, Plan.id == Task.plan_id)
        .join(Document, Document.id == Plan.document_id)
        .where(Plan.year == year)
    )
    return {
        "tasks": frame(
            task_query,
            {
                "task_id": pl.Int64,
                "plan_id": pl.Int64,
                "plan": pl.String,
                "plan_title": pl.String,
                "number": pl.Int64,
                "title": pl.String,
                "start": pl.Date,
            },
        ),
        "milestones": frame(
            select(Milestone.task_id, Milestone.due_on).where(Milestone.task_id.in_(year_tasks)),
            {"task_id": pl.Int64, "due": pl.Date},
        ),
        # By day, then by record: the order every use of the reports relies on (the latest
        # report, the final run of "done"), sorted once here.
        "reports": packed(
            report_texts,
            {
                "report_id": pl.Int64,
                "task_id": pl.Int64,
                "unit_id": pl.Int64,
                "on": pl.Date,
                "status": pl.String,
                "pct": pl.Int64,
            },
            order=("on", "report_id"),
        ),
        "completions": frame(
            select(Milestone.task_id, MilestoneCompletion.unit_id, MilestoneCompletion.done_on)
            .join(Milestone, Milestone.id == MilestoneCompletion.milestone_id)
            .where(Milestone.task_id.in_(year_tasks), MilestoneCompletion.done_on <= as_of),
            {"task_id": pl.Int64, "unit_id": pl.Int64, "on": pl.Date},
        ),
        "closures": frame(
            select(
                ClosureEvent.id,
                ClosureEvent.task_id,
                ClosureEvent.unit_id,
                ClosureEvent.action,
                ClosureEvent.on,
            ).where(ClosureEvent.task_id.in_(year_tasks), ClosureEvent.on <= as_of),
            {
                "closure_id": pl.Int64,
                "task_id": pl.Int64,
                "unit_id": pl.Int64,
                "action": pl.String,
                "on": pl.Date,
            },
        ),
        "notices": frame(
            select(
                Notice.id,
                Notice.number,
                Notice.unit_id,
                Notice.level,
                Notice.issued_on,
                Notice.reply_due,
                Notice.reply_on,
            ).where(
                Notice.issued_on <= as_of,
                Notice.issued_on >= dt.date(year, 1, 1),
                Notice.issued_on <= dt.date(year, 12, 31),
            ),
            {
                "notice_id": pl.Int64,
                "number": pl.String,
                "unit_id": pl.Int64,
                "level": pl.String,
                "issued_on": pl.Date,
                "reply_due": pl.Date,
                "reply_on": pl.Date,
            },
        ),
        "adjustments": frame(
            select(
                ScoreAdjustment.id,
                ScoreAdjustment.unit_id,
                ScoreAdjustment.points,
                ScoreAdjustment.reason,
                ScoreAdjustment.approver,
                ScoreAdjustment.decided_on,
            ).where(ScoreAdjustment.year == year, ScoreAdjustment.decided_on <= as_of),
            {
                "adjustment_id": pl.Int64,
                "unit_id": pl.Int64,
                "points": pl.Float64,
                "reason": pl.String,
                "approver": pl.String,
                "decided_on": pl.Date,
            },
        ),
        "units": frame(
            select(Unit.id, Unit.name, Unit.kind),
            {"unit_id": pl.Int64, "unit": pl.String, "kind": pl.String},
        ),
    }


def _holder_frame(
    session: Session, f: dict[str, pl.LazyFrame], as_of: dt.date
) -> tuple[pl.LazyFrame, list[Holding]]:
    """Every holder of the year's tasks with its role: `model.status.holders.holdings`, the
    rule every screen uses. (The scorecards need no light: deriving one per holder, as
    `holder_states` does, cost two seconds at scale L.)"""
    import polars as pl

    from model.status.holders import holdings

    task_ids = f["tasks"].select("task_id").collect()["task_id"].to_list()
    held = holdings(session, on=as_of, task_ids=task_ids) if task_ids else []
    frame = pl.LazyFrame(
        {
            "task_id": [h.task_id for h in held],
            "unit_id": [h.unit_id for h in held],
            "role": [h.role for h in held],
        },
        schema={"task_id": pl.Int64, "unit_id": pl.Int64, "role": pl.String},
    )
    return frame, held


def _record_frame(f: dict[str, pl.LazyFrame]) -> pl.DataFrame:
    """Per holder with any record: its latest report (percent, day) and its completion
    (`_completion_frame`). Only polars: it runs while Python expands the holdings.

    The latest report is the last by day, then by record, as `holders.latest_reports`
    orders them: the reports are in that order (`_frames`) and a group keeps the order of
    its rows."""
    import polars as pl

    latest = (
        f["reports"]
        .group_by("task_id", "unit_id")
        .agg(pl.col("pct").last().alias("percent"), pl.col("on").last().alias("reported_on"))
    )
    return latest.join(
        _completion_frame(f), on=["task_id", "unit_id"], how="full", coalesce=True
    ).collect()


def _completion_frame(f: dict[str, pl.LazyFrame]) -> pl.LazyFrame:
    """Per holder: when its part was closed (销号) and when the unit itself completed it.

    The unit's completion is the first record of its final run of "done": the first 已完成
    (or 100%) report after its last unfinished one, its last milestone marked done, or the
    closure, whichever came first. A reopening (重新打开) means the office found the part not
    done: only records from that day on count. So the office's backlog never costs a unit,
    and a unit that later reported less than done is not done."""
    import polars as pl

    holder = ["task_id", "unit_id"]
    closures = f["closures"].sort("on", "closure_id")
    closed = (
        closures.group_by(holder)
        .last()
        .filter(pl.col("action") == "close")
        .select(*holder, pl.col("on").alias("closed_on"))
    )
    reopened = (
        closures.filter(pl.col("action") == "reopen")
        .group_by(holder)
        .agg(pl.col("on").max().alias("reopened_on"))
    )

    def since_reopened(frame: pl.LazyFrame) -> pl.LazyFrame:
        return frame.join(reopened, on=holder, how="left").filter(
            pl.col("reopened_on").is_null() | (pl.col("on") >= pl.col("reopened_on"))
        )

    # The reports are in order (`_frames`): a report's row number says where it stands
    # among its holder's reports.
    reports = since_reopened(f["reports"].with_row_index("seq")).with_columns(
        ((pl.col("status") == "done") | (pl.col("pct") >= 100)).alias("done")
    )
    # The last report below done: where it stands among the reports, and its day.
    last_open = (
        reports.filter(~pl.col("done"))
        .group_by(holder)
        .agg(pl.col("seq").max().alias("open"), pl.col("on").max().alias("open_on"))
    )
    reported_done = (
        reports.filter(pl.col("done"))
        .join(last_open, on=holder, how="left")
        .filter(pl.col("open").is_null() | (pl.col("seq") > pl.col("open")))
        .group_by(holder)
        .agg(pl.col("on").min().alias("report_done_on"))
    )
    milestones = f["milestones"].group_by("task_id").agg(pl.len().alias("milestones"))
    # A report below done dated after the last milestone says the task is not finished
    # (a milestone is often an early step: "建立清单"): the milestones no longer complete it.
    milestones_done = (
        since_reopened(f["completions"])
        .group_by(holder)
        .agg(pl.len().alias("completed"), pl.col("on").max().alias("all_done_on"))
        .join(milestones, on="task_id")
        .filter(pl.col("completed") >= pl.col("milestones"))
        .join(last_open.select(*holder, "open_on"), on=holder, how="left")
        .filter(pl.col("open_on").is_null() | (pl.col("open_on") <= pl.col("all_done_on")))
        .select(*holder, pl.col("all_done_on").alias("milestone_done_on"))
    )
    sources = ("report_done_on", "milestone_done_on", "closed_on")
    return (
        closed.join(reported_done, on=holder, how="full", coalesce=True)
        .join(milestones_done, on=holder, how="full", coalesce=True)
        .join(reopened, on=holder, how="full", coalesce=True)
        .with_columns(pl.min_horizontal(*sources).alias("done_on"))
        .with_columns(
            # Which record the completion rests on, for the line's basis.
            pl.when(pl.col("report_done_on") == pl.col("done_on"))
            .then(pl.lit("report"))
            .when(pl.col("milestone_done_on") == pl.col("done_on"))
            .then(pl.lit("milestone"))
            .otherwise(pl.lit("closure"))
            .alias("done_by")
        )
        .select(*holder, "closed_on", "done_on", "done_by", "reopened_on")
    )


def _item_frame(
    f: dict[str, pl.LazyFrame],
    holders: pl.LazyFrame,
    records: pl.DataFrame,
    year: int,
    as_of: dt.date,
    rubric: Rubric,
) -> pl.LazyFrame:
    """Per holder: deadline, completion, outcome, credit, share and points (rounded to cents)."""
    import polars as pl

    year_end = dt.date(year, 12, 31)
    milestone_deadline = (
        f["milestones"].group_by("task_id").agg(pl.col("due").max().alias("milestone_due"))
    )
    weight = pl.col("role").replace_strict(rubric.weights, return_dtype=pl.Float64)
    # A milestone dated before the document was issued cannot be missed for the time before
    # the plan existed: the rubric says which date stands in for it.
    before_issue = pl.col("milestone_due") < pl.col("start")
    substitute = pl.col("start") if rubric.before_issue == "issue_date" else pl.lit(year_end)
    deadline = (
        pl.when(pl.col("milestone_due").is_null())
        .then(pl.lit(year_end))
        .when(before_issue)
        .then(substitute)
        .otherwise(pl.col("milestone_due"))
    )
    # Days late: to the completion, or — for a part still open — to the as-of date.
    days_late = (pl.coalesce("done_on", pl.lit(as_of)) - pl.col("deadline")).dt.total_days()
    months_late = ((days_late + 29) // 30).clip(lower_bound=0)
    late_credit = pl.max_horizontal(
        pl.lit(rubric.late_floor), pl.lit(rubric.closed_late) - months_late * rubric.late_per_month
    )
    # A part still open after its deadline is at least as late as any completion would have
    # been: its credit never exceeds the late credit of the months it is overdue. So
    # completing — on time or late — never scores below leaving the part open.
    open_cap = pl.when(pl.col("months_late") > 0).then(late_credit).otherwise(pl.lit(1.0))
    done = pl.col("done_on").is_not_null()
    outcome = (
        pl.when(done & (pl.col("done_on") <= pl.col("deadline")))
        .then(pl.lit("on_time"))
        .when(done)
        .then(pl.lit("late"))
        .when(pl.col("percent").is_not_null())
        .then(pl.lit("in_progress"))
        .otherwise(pl.lit("not_started"))
    )
    credit = (
        pl.when(pl.col("outcome") == "on_time")
        .then(pl.lit(rubric.closed_on_time))
        .when(pl.col("outcome") == "late")
        .then(late_credit)
        .when(pl.col("outcome") == "in_progress")
        .then(
            pl.col("percent").cast(pl.Float64)
            / 100
            * pl.min_horizontal(pl.lit(rubric.in_progress_factor), open_cap)
        )
        .otherwise(pl.min_horizontal(pl.lit(rubric.not_started), open_cap))
    )
    # The plan as a unit reads it: its short name, else the plan's title — never its key.
    plan_name = pl.col("plan").replace_strict(
        strings.PLAN_SHORT_NAMES, default=pl.col("plan_title"), return_dtype=pl.String
    )
    return (
        holders.join(f["tasks"], on="task_id")
        .join(milestone_deadline, on="task_id", how="left")
        .join(records.lazy(), on=["task_id", "unit_id"], how="left")
        .with_columns(
            deadline.alias("deadline"),
            before_issue.fill_null(False).alias("before_issue"),
            # A real deadline: a dated milestone the unit could meet early (or miss).
            (pl.col("milestone_due").is_not_null() & ~before_issue.fill_null(False)).alias("dated"),
        )
        .with_columns(
            weight.alias("weight"),
            outcome.alias("outcome"),
            months_late.fill_null(0).alias("months_late"),
            days_late.fill_null(0).alias("days_late"),
            plan_name.alias("plan_name"),
            (done & pl.col("closed_on").is_null()).alias("awaiting"),
            # The veto's count: not done although its deadline has come — a deadline on the
            # evaluation day itself included, and at year-end every task not done.
            (~done & (pl.col("deadline") <= as_of)).alias("missed"),
        )
        .with_columns(
            credit.alias("credit"),
            pl.format(strings.SCORE_TASK_LABEL, "plan_name", "number", "title").alias("label"),
        )
        .with_columns(
            (pl.col("weight") / pl.col("weight").sum().over("unit_id") * rubric.base).alias("share")
        )
        # Rounded once, here: the line shows these cents and every total adds them up.
        .with_columns((pl.col("share") * pl.col("credit")).round(2).alias("points"))
    )


def _money(column: str) -> pl.Expr:
    """A number as text with two decimals (polars has no format spec)."""
    import polars as pl

    cents = (pl.col(column).abs() * 100).round(0).cast(pl.Int64)
    sign = pl.when(pl.col(column) < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    return pl.format("{}{}.{}", sign, cents // 100, (cents % 100).cast(pl.String).str.zfill(2))


def _task_lines(
    items: pl.DataFrame, as_of: dt.date, provisional: bool, rubric: Rubric
) -> pl.DataFrame:
    import polars as pl

    weight = (
        pl.when(pl.col("weight") == pl.col("weight").floor())
        .then(pl.col("weight").cast(pl.Int64).cast(pl.String))
        .otherwise(pl.col("weight").cast(pl.String))
    )
    outcomes = dict(strings.SCORE_OUTCOMES)
    if provisional:  # the year is not over: "not done by the as-of date", not "by year-end"
        outcomes["in_progress"] = strings.SCORE_OPEN_AS_OF.format(as_of.isoformat())
    when = (
        pl.when(pl.col("outcome") == "late")
        .then(pl.format(strings.SCORE_TASK_LATE, pl.col("days_late"), pl.col("months_late")))
        .when((pl.col("outcome") == "in_progress") & (pl.col("months_late") > 0))
        .then(
            pl.format(
                strings.SCORE_TASK_PROGRESS_LATE,
                pl.col("percent"),
                pl.col("days_late"),
                pl.col("months_late"),
            )
        )
        .when(pl.col("outcome") == "in_progress")
        .then(pl.format(strings.SCORE_TASK_PROGRESS, pl.col("percent")))
        .when((pl.col("outcome") == "not_started") & (pl.col("months_late") > 0))
        .then(pl.format(strings.SCORE_TASK_OPEN_LATE, pl.col("days_late"), pl.col("months_late")))
        .otherwise(pl.lit(""))
    )

    def day(column: str) -> pl.Expr:
        return pl.col(column).dt.to_string("%Y-%m-%d")

    confirmation = (
        pl.when(pl.col("closed_on").is_not_null())
        .then(pl.format(strings.SCORE_BASIS_CONFIRMED, day("closed_on")))
        .otherwise(pl.lit(strings.SCORE_BASIS_AWAITING))
    )
    done_by = pl.col("done_by").replace_strict(strings.SCORE_DONE_SOURCES, return_dtype=pl.String)
    basis = (
        pl.when(pl.col("done_on").is_not_null() & (pl.col("done_by") == "closure"))
        .then(pl.format(strings.SCORE_BASIS_DONE, day("done_on"), done_by))
        .when(pl.col("done_on").is_not_null())
        .then(
            pl.format(
                "{}{}", pl.format(strings.SCORE_BASIS_DONE, day("done_on"), done_by), confirmation
            )
        )
        .when(pl.col("reported_on").is_not_null())
        .then(pl.format(strings.SCORE_BASIS_REPORT, day("reported_on"), pl.col("percent")))
        .otherwise(pl.lit(strings.SCORE_BASIS_NONE))
    )
    # Not done after a reopening: say so, or a report of 100% before it reads as a puzzle.
    basis = (
        pl.when(pl.col("done_on").is_null() & pl.col("reopened_on").is_not_null())
        .then(pl.format(strings.SCORE_BASIS_REOPENED, day("reopened_on"), basis))
        .otherwise(basis)
    )
    rule = strings.SCORE_BEFORE_ISSUE_RULE[rubric.before_issue]
    deadline = (
        pl.when(pl.col("before_issue"))
        .then(
            pl.format(
                strings.SCORE_DEADLINE_BEFORE_ISSUE,
                day("deadline"),
                day("milestone_due"),
                pl.lit(rule),
            )
        )
        .when(pl.col("milestone_due").is_null())
        .then(pl.format(strings.SCORE_DEADLINE_UNDATED, day("deadline")))
        .otherwise(day("deadline"))
    )
    detail = pl.format(
        strings.SCORE_TASK_LINE,
        pl.col("role").replace_strict(strings.ROLE_SHORT, return_dtype=pl.String),
        pl.col("outcome").replace_strict(outcomes, return_dtype=pl.String),
        when,
        deadline,
        weight,
        _money("points"),
        _money("share"),
    )
    return items.with_row_index("order").select(
        "unit_id",
        pl.lit(0).alias("section"),
        pl.col("order").cast(pl.Int64),
        pl.lit(0).alias("sub"),
        pl.lit("task").alias("kind"),
        pl.col("label").alias("task"),
        detail.alias("detail"),
        pl.col("points"),
        basis.alias("basis"),
        pl.col("share").round(2).alias("full"),
    )


def _bonus_lines(items: pl.DataFrame, rubric: Rubric) -> pl.DataFrame:
    """Early completion earns the bonus only against a real deadline — a dated milestone
    that was not before the document — never against the default year-end."""
    import polars as pl

    early = (pl.col("deadline") - pl.col("done_on")).dt.total_days()
    return (
        items.with_row_index("order")
        .filter((pl.col("outcome") == "on_time") & pl.col("dated") & (early >= rubric.early_days))
        .filter(pl.lit(rubric.early_points > 0))
        .select(
            "unit_id",
            pl.lit(0).alias("section"),
            pl.col("order").cast(pl.Int64),
            pl.lit(1).alias("sub"),
            pl.lit("bonus").alias("kind"),
            pl.col("label").alias("task"),
            pl.format(strings.SCORE_BONUS_LINE, early).alias("detail"),
            pl.lit(rubric.early_points).alias("points"),  # to cents with every line
            pl.format(
                strings.SCORE_BASIS_BONUS,
                pl.col("done_on").dt.to_string("%Y-%m-%d"),
                pl.col("deadline").dt.to_string("%Y-%m-%d"),
            ).alias("basis"),
            pl.lit(None, dtype=pl.Float64).alias("full"),
        )
    )


def _returns_frame(due: list[DueReturn], unit_ids: pl.Series) -> pl.DataFrame:
    """Per unit and period due by the evaluation date (`model.status.returns.due_returns`):
    was its return missing, or late by how many days (the state `return_statuses` says)?
    Only units with a card: a unit that owed a return but no longer holds a task on the
    evaluation date has none."""
    import polars as pl

    frame = pl.DataFrame(
        {
            "unit_id": [d.unit_id for d in due],
            "order": [d.period.year * 12 + d.period.month for d in due],
            "period": [d.period.label for d in due],
            "due_on": [d.due_on for d in due],
            "received_on": [d.received_on for d in due],
            "missed": [d.missing for d in due],
            "late": [d.late for d in due],
            "days_late": [d.days_late for d in due],
        },
        schema={
            "unit_id": pl.Int64,
            "order": pl.Int64,
            "period": pl.String,
            "due_on": pl.Date,
            "received_on": pl.Date,
            "missed": pl.Boolean,
            "late": pl.Boolean,
            "days_late": pl.Int64,
        },
    )
    return frame.filter(pl.col("unit_id").is_in(unit_ids.implode()))


def _return_lines(returns: pl.DataFrame, as_of: dt.date, rubric: Rubric) -> pl.DataFrame:
    """A line per return missing or late, on the unit's card after its tasks, period by
    period: one return is one count, whatever the number of tasks it reports on."""
    import polars as pl

    def day(column: str) -> pl.Expr:
        return pl.col(column).dt.to_string("%Y-%m-%d")

    missed = pl.col("missed")
    return returns.filter(missed | pl.col("late")).select(
        "unit_id",
        pl.lit(1).alias("section"),
        pl.col("order"),
        pl.lit(0).alias("sub"),
        pl.lit("reporting").alias("kind"),
        pl.lit("").alias("task"),
        pl.when(missed)
        .then(pl.format(strings.SCORE_RETURN_MISSED_LINE, day("due_on"), pl.lit(as_of.isoformat())))
        .otherwise(pl.format(strings.SCORE_RETURN_LATE_LINE, day("due_on"), day("received_on")))
        .alias("detail"),
        pl.when(missed)
        .then(pl.lit(-rubric.missed_report))
        .otherwise(pl.lit(-rubric.late_report))
        .alias("points"),
        pl.when(missed)
        .then(pl.format(strings.SCORE_BASIS_RETURN_MISSED, "period"))
        .otherwise(pl.format(strings.SCORE_BASIS_RETURN_LATE, "period", "days_late"))
        .alias("basis"),
        pl.lit(None, dtype=pl.Float64).alias("full"),
    )


def _unit_frame(
    items: pl.DataFrame,
    returns: pl.DataFrame,
    lines: pl.DataFrame,
    units: pl.DataFrame,
    notices: pl.DataFrame,
) -> pl.DataFrame:
    """One row per unit holding a task, in unit id order (the order of `lines`): its name and
    kind, its counts, the cents of its task, reporting and bonus lines, how many lines it
    has, and the tasks the veto would name — all grouped once, not per unit in Python."""
    import polars as pl
    import polars.selectors as cs

    counts = items.group_by("unit_id").agg(
        (pl.col("role") == "lead").sum().alias("lead"),
        (pl.col("role") == "support").sum().alias("support"),
        (pl.col("role") == "responsible").sum().alias("responsible"),
        (pl.col("outcome") == "on_time").sum().alias("done_on_time"),
        (pl.col("outcome") == "late").sum().alias("done_late"),
        pl.col("awaiting").sum().alias("awaiting_close"),
        pl.col("missed").sum().alias("missed_tasks"),
    )
    reports = returns.group_by("unit_id").agg(
        pl.col("missed").sum().alias("missed_reports"), pl.col("late").sum().alias("late_reports")
    )
    notice_counts = notices.group_by("unit_id").agg(pl.len().alias("notices"))

    def kind_cents(kind: str) -> pl.Expr:
        return pl.col("cents").filter(pl.col("kind") == kind).sum().alias(kind)

    line_sums = lines.group_by("unit_id").agg(
        pl.len().alias("line_count"), *(kind_cents(k) for k in ("task", "reporting", "bonus"))
    )
    return (
        counts.join(units, on="unit_id", how="left")
        .join(reports, on="unit_id", how="left")
        .join(notice_counts, on="unit_id", how="left")
        .join(line_sums, on="unit_id", how="left")
        .join(_missed_tasks(items), on="unit_id", how="left")
        # A unit with no return due, no notice or no missed task counts 0 of them.
        .with_columns(cs.numeric().fill_null(0))
        .sort("unit_id")
    )


def _line_objects(lines: pl.DataFrame) -> list[ScoreLine]:
    """A ScoreLine per row of the sorted line frame, built from whole columns."""
    points = [value / 100 for value in lines["cents"].to_list()]
    full = [None if value is None else value / 100 for value in lines["full_cents"].to_list()]
    return list(
        map(
            ScoreLine,
            lines["kind"].to_list(),
            lines["task"].to_list(),
            lines["detail"].to_list(),
            points,
            lines["basis"].to_list(),
            full,
        )
    )


def _rows(frame: pl.DataFrame) -> Iterator[dict[str, Any]]:
    """Rows as dicts, built from whole columns (much faster than iter_rows at scale L)."""
    names = frame.columns
    for values in zip(*(frame[name].to_list() for name in names), strict=True):
        yield dict(zip(names, values, strict=True))


class _Card:
    """A unit's lines with the cents of each kind kept as they are added: a total is never
    added up again from the lines, yet is always their sum."""

    def __init__(self, lines: list[ScoreLine], totals: dict[str, int]) -> None:
        self.lines = lines
        self.totals = dict.fromkeys(LINE_KINDS, 0) | totals

    def add(self, line: ScoreLine) -> None:
        self.lines.append(line)
        self.totals[line.kind] += cents(line.points)

    def total(self) -> int:
        return sum(self.totals.values())

    def cap(self, kind: str, limit: float, *, negative: bool) -> None:
        """Add a correcting line when a part's total passes its cap."""
        total = self.totals[kind]
        bound = cents(limit)
        capped = max(total, -bound) if negative else min(total, bound)
        if capped != total:
            what = strings.SCORE_CAP_WHAT[kind]
            self.add(
                ScoreLine(
                    kind,
                    "",
                    strings.SCORE_CAP_LINE.format(what=what, limit=limit),
                    _from_cents(capped - total),
                    strings.SCORE_BASIS_CAP.format(what=what, limit=limit),
                )
            )


def _notice_line(row: dict[str, Any], as_of: dt.date, rubric: Rubric) -> ScoreLine:
    # The same reply rule as every screen and report: a reply dated after the as-of date
    # has not happened yet.
    reply_on = row["reply_on"] if row["reply_on"] and row["reply_on"] <= as_of else None
    state = reply_state(row["reply_due"], reply_on, as_of)
    points = -(
        rubric.notice_levels[row["level"]]  # every level: the schema's and the rubric's
        + (rubric.notice_unanswered if state.faulted else 0.0)
    )
    detail = strings.SCORE_NOTICE_LINE.format(
        level=row["level"],
        number=row["number"],
        issued_on=row["issued_on"],
        unanswered=state.label if state.faulted else "",
    )
    described = (
        state.label
        if reply_on is None
        else strings.SCORE_BASIS_REPLIED.format(on=reply_on, state=state.label)
    )
    basis = strings.SCORE_BASIS_NOTICE.format(
        issued_on=row["issued_on"],
        reply_due=row["reply_due"],
        state=described,
    )
    return ScoreLine("notice", "", detail, _from_cents(cents(points)), basis)


def _adjustment_line(row: dict[str, Any]) -> ScoreLine:
    basis = strings.SCORE_BASIS_ADJUST.format(
        reason=row["reason"], approver=row["approver"], decided_on=row["decided_on"]
    )
    return ScoreLine("adjustment", "", row["reason"], _from_cents(cents(row["points"])), basis)


def _placings(
    keys: list[tuple[int, str, str | None]], rubric: Rubric
) -> list[tuple[int, int | None, bool]]:
    """The board's order of entries given as (score in cents, unit, category): each entry's
    index, rank and whether it shares it. Each category's units by score, ranked within it
    (equal scores, to the cent, share a rank: 1, 2, 2, 4), categories in the rubric's order;
    then the units no category ranks, by score, without a rank."""
    order = sorted(range(len(keys)), key=lambda i: (-keys[i][0], keys[i][1]))
    out: list[tuple[int, int | None, bool]] = []
    for category in rubric.category_names():
        ranked = [i for i in order if keys[i][2] == category]
        sharing = Counter(keys[i][0] for i in ranked)
        previous: tuple[int, int] | None = None  # the score and rank of the unit above
        for position, i in enumerate(ranked, start=1):
            score = keys[i][0]
            rank = previous[1] if previous is not None and previous[0] == score else position
            previous = (score, rank)
            out.append((i, rank, sharing[score] > 1))
    out += [(i, None, False) for i in order if keys[i][2] is None]
    return out


def rank_cards(cards: list[Scorecard], rubric: Rubric) -> tuple[Scorecard, ...]:
    """The cards in the board's order with their ranks (`_placings`)."""
    keys = [(cents(c.score), c.unit, c.category) for c in cards]
    return tuple(
        replace(cards[i], rank=rank, tied=tied) for i, rank, tied in _placings(keys, rubric)
    )


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a board is built. At scale L a board is some
    200,000 new objects (lines, their texts, rows), none of them in a cycle, yet each burst
    of allocations set the collector walking every live object again: a fifth of the time.
    It is switched back on (if it was on) however the build ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compute_scorecards(
    session: Session,
    *,
    year: int,
    as_of: dt.date,
    rubric: Rubric,
    reporting: ReportingRules | None = None,
) -> ScoreBoard:
    """Every scored unit's card for `year`, as of `as_of`, ranked by score.

    Before the year's end the board is provisional (预评): a task not closed yet is "not
    closed as of the date", not "not closed at year-end". `reporting`: when returns are
    due and who owes them (`tui.cli.common.reporting_rules`, with the office's calendar);
    without it, the rubric's with the package's calendar."""
    rules = reporting or reporting_rules(rubric)
    _load_polars_meanwhile()
    with _cycle_collector_paused():
        return _compute(session, year=year, as_of=as_of, rubric=rubric, reporting=rules)


def _load_polars_meanwhile() -> None:
    """Start importing polars in a thread if no one has: the first board of a process (the
    command line's, the 考核 tab's first) spent a tenth of a second on it before reading.
    The first read (`_frames`) needs no polars and runs in SQLite without holding Python's
    lock, so the two overlap; the first `import polars` after it waits for the thread.
    Nothing here can change a result, only how soon it comes: `make mutation` leaves it be."""
    if "polars" not in sys.modules:  # pragma: no mutate block
        threading.Thread(
            target=importlib.import_module, args=("polars",), name="import polars", daemon=True
        ).start()


def _compute(
    session: Session, *, year: int, as_of: dt.date, rubric: Rubric, reporting: ReportingRules
) -> ScoreBoard:
    import polars as pl

    provisional = as_of < dt.date(year, 12, 31)
    f = _frames(session, year, as_of)
    # polars works out each holder's records in a thread, without Python's lock, while
    # Python expands the holdings (a tenth of a second each at L, now side by side). How
    # the pool is made changes when, not what: `make mutation` leaves the line be.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scorecards")  # pragma: no mutate
    with pool:
        records = pool.submit(_record_frame, f)
        holders, held = _holder_frame(session, f, as_of)
        done = records.result()
    # polars does not keep row order through joins and groups: sort for stable cards.
    items = (
        _item_frame(f, holders, done, year, as_of, rubric)
        .sort("unit_id", "plan_id", "number")
        .collect()
    )
    # The returns owed per unit and period (one return, one count), by the rule of the
    # 督办 tab and `duban returns status`; the holdings read above serve every period
    # whose group memberships are those of the evaluation date.
    due = due_returns(session, year, as_of, reporting, held=(as_of, held))
    returns = _returns_frame(due, items["unit_id"].unique())
    notices = f["notices"].collect().sort("issued_on", "notice_id")
    adjustments = f["adjustments"].collect().sort("decided_on", "adjustment_id")

    # Every line made in polars is rounded to cents there (`points`); its cents are kept as
    # an integer column so the totals below are sums of exactly the cents the lines show.
    lines_frame = (
        pl.concat(
            [
                _task_lines(items, as_of, provisional, rubric),
                _bonus_lines(items, rubric),
                _return_lines(returns, as_of, rubric),
            ]
        )
        .sort("unit_id", "section", "order", "sub")
        # Every line to whole cents, here (a task line's points were already rounded where
        # they were made): what a line shows is what every total adds up.
        .with_columns(
            (pl.col("points") * 100).round(0).cast(pl.Int64).alias("cents"),
            (pl.col("full") * 100).round(0).cast(pl.Int64).alias("full_cents"),
        )
    )
    made = _line_objects(lines_frame)
    unit_rows = _unit_frame(items, returns, lines_frame, f["units"].collect(), notices)

    # The few notices and adjustments are turned into lines one by one, by the reply rule
    # every screen uses (model.status.notices.reply_state).
    extra: dict[int, list[ScoreLine]] = defaultdict(list)
    for row in _rows(notices):
        extra[row["unit_id"]].append(_notice_line(row, as_of, rubric))
    for row in _rows(adjustments):
        extra[row["unit_id"]].append(_adjustment_line(row))

    fields: list[dict[str, Any]] = []
    start = 0
    for s in _rows(unit_rows):
        # The line frame is sorted by unit, like the unit rows: each unit's lines are the
        # next run of it.
        unit, end = s["unit_id"], start + s["line_count"]
        card = _Card(made[start:end], {k: s[k] for k in ("task", "reporting", "bonus")})
        start = end
        if s["kind"] == "group":
            continue
        for line in extra.get(unit, ()):
            card.add(line)
        card.cap("reporting", rubric.reporting_max, negative=True)
        card.cap("notice", rubric.notices_max, negative=True)
        card.cap("bonus", rubric.bonus_max, negative=False)
        raw = card.total()
        bounded = min(max(raw, cents(rubric.floor)), cents(rubric.cap))
        if bounded != raw:
            card.add(
                ScoreLine(
                    "limit",
                    "",
                    strings.SCORE_LIMIT_LINE.format(floor=rubric.floor, cap=rubric.cap),
                    _from_cents(bounded - raw),
                    strings.SCORE_BASIS_LIMIT.format(floor=rubric.floor, cap=rubric.cap),
                )
            )
        score = _from_cents(card.total())
        bonus = _from_cents(card.totals["bonus"])
        rating = rubric.rate(score, bonus)
        vetoed = bool(s["missed_tasks"]) and rating == rubric.veto_bars
        if vetoed and rubric.veto_bars is not None:
            rating = rubric.below(rubric.veto_bars)
            count = s["missed_tasks"]
            veto = (
                strings.SCORE_VETO_LINE_AS_OF.format(
                    count=count, date=as_of.isoformat(), band=rubric.veto_bars
                )
                if provisional
                else strings.SCORE_VETO_LINE.format(count=count, band=rubric.veto_bars)
            )
            basis = strings.SCORE_BASIS_VETO.format(tasks="、".join(s["missed_list"]))
            card.add(ScoreLine("veto", "", veto, 0.0, basis))
        support_only = s["support"] > 0 and s["lead"] + s["responsible"] == 0
        category = rubric.category(s["kind"], support_only=support_only)

        part = {kind: _from_cents(value) for kind, value in card.totals.items()}
        fields.append(
            dict(
                unit=s["unit"],
                kind=s["kind"],
                category=category,
                support_only=support_only,
                unranked_reason=_unranked_reason(rubric, s["kind"], category),
                score=score,
                rating=rating,
                vetoed=vetoed,
                lead=s["lead"],
                support=s["support"],
                responsible=s["responsible"],
                done_on_time=s["done_on_time"],
                done_late=s["done_late"],
                awaiting_close=s["awaiting_close"],
                missed=s["missed_tasks"],
                missed_reports=s["missed_reports"],
                late_reports=s["late_reports"],
                notices=s["notices"],
                task_points=part["task"],
                reporting=part["reporting"],
                notice_points=part["notice"],
                bonus=part["bonus"],
                adjustments=part["adjustment"],
                limit=part["limit"],
                lines=tuple(card.lines),
            )
        )
    # Each card is made once, with its rank (rank_cards would copy every card to rank it).
    keys = [(cents(c["score"]), c["unit"], c["category"]) for c in fields]
    cards = tuple(
        Scorecard(rank=rank, tied=tied, **fields[i]) for i, rank, tied in _placings(keys, rubric)
    )
    return ScoreBoard(
        year=year,
        as_of=as_of,
        rubric=rubric.name,
        rubric_digest=rubric.digest(),
        bands=tuple(b.name for b in rubric.bands),
        categories=rubric.category_names(),
        cards=cards,
        provisional=provisional,
    )


def _unranked_reason(rubric: Rubric, kind: str, category: str | None) -> str:
    """Why a unit has no rank: its kind is in no category, else it only supports others."""
    if category is not None:
        return ""
    if not rubric.ranks(kind):
        return strings.SCORE_UNRANKED_KIND.format(kind=strings.KIND_NAMES.get(kind, ""))
    return strings.SCORE_UNRANKED_SUPPORT_ONLY


def _missed_tasks(items: pl.DataFrame) -> pl.DataFrame:
    """Each unit's tasks not done by their deadline, short (空气第5项), in plan and task
    order, for a veto's basis. Each task's name is written once, not once per holder."""
    import polars as pl

    missed = items.filter(pl.col("missed")).select("unit_id", "plan_name", "number")
    pairs = missed.select("plan_name", "number").unique()
    short = pairs.with_columns(
        pl.Series(
            "short",
            [
                strings.SCORE_TASK_SHORT.format(plan=plan, number=number)
                for plan, number in pairs.iter_rows()
            ],
            dtype=pl.String,
        )
    )
    return (
        missed.join(short, on=["plan_name", "number"], how="left", maintain_order="left")
        .group_by("unit_id", maintain_order=True)
        .agg(pl.col("short").alias("missed_list"))
    )
