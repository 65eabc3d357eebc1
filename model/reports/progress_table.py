"""重点任务进展情况表: one row per task with its progress as of a date.

The four report states (已完成 / 序时推进 / 滞后 / 逾期) are read from the same holder
statuses the dashboard's lights come from (model.core.lights), so a report never disagrees
with the screen: a finished part (lights.finished) is 已完成 and never chased; a missed
deadline (lights.deadline_missed — at the plan year's end, one due that day as well) is
逾期; a holder that never reported although reports were owed (model.status.chasing) is
滞后, and named 未报送. Completions are counted one way (lights.count_completions): closed
by the office, or done and awaiting its closing (待销号).

A row's word and the progress it quotes describe the same holders: when the unit quoted is
not one the word rests on (a lead at 100% on a task another unit has let slip), the
summary names those units first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.errors import InputError
from model.core.lights import (
    Completion,
    Completions,
    LightRules,
    Status,
    completion,
    count_completions,
)
from model.plans.lookup import task_roles
from model.plans.task_refs import plan_key_of
from model.status.chasing import Chase, Chasing
from model.status.holders import HolderState, holder_states
from model.status.plan_view import plan_years
from model.store.queries import core_connection
from model.store.schema import (
    Evidence,
    Milestone,
    MilestoneCompletion,
    Notice,
    NoticeTask,
    Plan,
    ProgressReport,
    Task,
    Unit,
)


class Progress(StrEnum):
    DONE = "done"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    OVERDUE = "overdue"


# Worst first: a task is as far behind as its furthest-behind holder.
PROGRESS_ORDER = (Progress.OVERDUE, Progress.BEHIND, Progress.ON_TRACK, Progress.DONE)
# The roles that answer for a task: its done-ness and the progress the table quotes.
OWNER_ROLES = ("lead", "responsible")


def holder_progress(state: HolderState, chase: Chase | None = None) -> Progress:
    """The report word of one holder; `chase` adds what the lights do not see: a holder
    that never reported although reports are owed is behind."""
    if state.status.finished:
        return Progress.DONE  # closed, or done by the unit's own record (lights.finished)
    if state.status is Status.OVERDUE:
        return Progress.OVERDUE
    if state.status is Status.STALE:
        return Progress.BEHIND
    if state.status is Status.DUE_SOON and state.last_report_on is None:
        return Progress.BEHIND  # a deadline within the warning window and nothing reported
    if chase is not None and chase.unreported:
        return Progress.BEHIND
    return Progress.ON_TRACK


def worst_progress(progresses: Iterable[Progress]) -> Progress:
    found = set(progresses)
    return next((p for p in PROGRESS_ORDER if p in found), Progress.ON_TRACK)


def task_progress(holders: Sequence[Assessed]) -> Progress:
    """A task with an overdue holder is 逾期 (so the tasks counted overdue are the tasks of
    the overdue units). Otherwise it is 已完成 when every unit that answers for it — its
    lead or responsible units, else every holder — is done (closed, or reported 已完成 or
    100%), as the progress the table quotes says; else it is as far behind as its
    furthest-behind holder. A placeholder group cannot act, so the task is judged on the
    units that can."""
    able = [h for h in holders if not h.chase.placeholder]
    if any(h.progress is Progress.OVERDUE for h in able):
        return Progress.OVERDUE
    owners = [h for h in able if h.state.role in OWNER_ROLES] or able
    if owners and all(h.progress is Progress.DONE for h in owners):
        return Progress.DONE
    return worst_progress(h.progress for h in able)


@dataclass(frozen=True)
class Assessed:
    """A holder as the reports judge it: its status, its report word and its chase."""

    state: HolderState
    progress: Progress
    chase: Chase

    @property
    def culprit(self) -> bool:
        """Behind or overdue, and a unit that can be chased (not a placeholder group); a
        finished part never is."""
        return not self.chase.placeholder and self.progress in (Progress.OVERDUE, Progress.BEHIND)

    @property
    def completion(self) -> Completion | None:
        """已销号 or 待销号 for a finished part; None otherwise."""
        return completion(self.state.status)

    @property
    def year_end_missed(self) -> bool:
        return year_end_missed(self.state)


def year_end_missed(state: HolderState) -> bool:
    """Overdue because the plan year ended with no dated milestone pending (the deadline is
    the year's end: lights.derive), rather than for a milestone passed — said 年底未完成."""
    return state.status is Status.OVERDUE and state.next_due is None


def deciding(holders: Sequence[Assessed], progress: Progress) -> list[Assessed]:
    """The holders a task's word rests on (task_progress): for 已完成 the units that answer
    for the task; otherwise the chased holders as far behind as the word says."""
    able = [h for h in holders if not h.chase.placeholder]
    if progress is Progress.DONE:
        return [h for h in able if h.state.role in OWNER_ROLES] or able
    return [h for h in able if h.progress is progress]


def assess(chasing: Chasing, states: Iterable[HolderState]) -> list[Assessed]:
    out = []
    for state in states:
        chase = chasing.of(state)
        out.append(Assessed(state, holder_progress(state, chase), chase))
    return out


def chinese_date(day: dt.date) -> str:
    return strings.CHINESE_DATE.format(year=day.year, month=day.month, day=day.day)


def deadline_text(dues: Sequence[dt.date], year: int) -> str:
    """完成时限 in one style for the whole column: 8月31日前；12月31日前 — the year is the
    plan year the table is titled with, so it is written only for a date in another year
    (2024年6月30日前), as the plans themselves write 8月底前. A task with no dated
    milestone is due by its plan year's end."""
    days = dues or [dt.date(year, 12, 31)]
    return "；".join(
        strings.PROGRESS_DUE.format(
            date=chinese_date(d)
            if d.year != year
            else strings.CHINESE_MONTH_DAY.format(month=d.month, day=d.day)
        )
        for d in days
    )


@dataclass(frozen=True)
class LateMilestone:
    """A milestone met after its due date: the units that met it late, by the day they did."""

    due: dt.date
    met: tuple[tuple[dt.date, tuple[str, ...]], ...]  # (done on, units), earliest first


@dataclass(frozen=True)
class ProgressRow:
    task_id: int
    plan_key: str
    plan_title: str
    number: int
    title: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline: str  # 完成时限: the milestone dates, or the plan year's end, all 「…日前」
    summary: str  # 进展情况: the newest report of an owning unit (else of any holder)
    problems: str  # 存在问题 of that report
    next_steps: str  # 下步打算 of that report
    progress: Progress
    evidence: int
    remarks: str
    holders: tuple[Assessed, ...]
    late_milestones: tuple[LateMilestone, ...] = ()
    quoted: str | None = None  # the unit whose report 进展情况 quotes

    @property
    def completions(self) -> Completions:
        """Its holders by completion (placeholder groups left out): the count the bulletin
        and the scorecards make too."""
        return count_completions(h.state.status for h in self.holders if not h.chase.placeholder)

    @property
    def deciding(self) -> list[Assessed]:
        return deciding(self.holders, self.progress)

    @property
    def owners(self) -> tuple[str, ...]:
        """Who answers for the task: its lead and its responsible units (a task may have
        both: 空气 8 is led by the bureau with every township responsible)."""
        return self.lead + tuple(u for u in self.responsible if u not in self.lead)

    @property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(h.state.unit for h in self.holders if h.chase.placeholder)


@dataclass(frozen=True)
class ProgressTable:
    year: int
    as_of: dt.date
    plan_key: str | None
    plans: tuple[tuple[str, str], ...]  # (key, title) in document order
    rows: tuple[ProgressRow, ...]

    def rows_of(self, plan_key: str) -> list[ProgressRow]:
        return [row for row in self.rows if row.plan_key == plan_key]


def progress_counts(rows: Iterable[ProgressRow]) -> dict[Progress, int]:
    """Tasks by report state, every state present (zero when none)."""
    counts = dict.fromkeys(Progress, 0)
    for row in rows:
        counts[row.progress] += 1
    return counts


def _plans(session: Session, year: int, plan_key: str | None) -> list[tuple[int, str, str]]:
    plans = [
        (pid, key, title)
        for pid, key, title in session.execute(
            select(Plan.id, Plan.key, Plan.title).where(Plan.year == year).order_by(Plan.id)
        )
    ]
    if not plans:
        years = "、".join(map(str, plan_years(session))) or "无"
        raise InputError(strings.PLAN_YEAR_EMPTY.format(year=year, years=years))
    if plan_key is None:
        return plans
    key = plan_key_of(plan_key)
    chosen = [p for p in plans if p[1] == key]
    if not chosen:
        keys = "、".join(strings.PLAN_SHORT_NAMES.get(k, title) for _, k, title in plans)
        raise InputError(strings.PLAN_UNKNOWN.format(key=plan_key, year=year, keys=keys or "无"))
    return chosen


@dataclass(frozen=True)
class _Report:
    reported_on: dt.date
    unit_id: int
    unit: str
    percent: int
    note: str
    problems: str
    next_steps: str


def _reports(session: Session, task_ids: Sequence[int], as_of: dt.date) -> dict[int, list[_Report]]:
    """Per task, its reports up to `as_of`, newest first."""
    out: dict[int, list[_Report]] = defaultdict(list)
    query = (
        select(
            ProgressReport.task_id,
            ProgressReport.reported_on,
            ProgressReport.unit_id,
            Unit.name,
            ProgressReport.percent,
            ProgressReport.note,
            ProgressReport.problems,
            ProgressReport.next_steps,
        )
        .join(Unit, Unit.id == ProgressReport.unit_id)
        .where(ProgressReport.task_id.in_(task_ids), ProgressReport.reported_on <= as_of)
        .order_by(ProgressReport.reported_on.desc(), ProgressReport.id.desc())
    )
    for task_id, on, unit_id, unit, percent, note, problems, next_steps in core_connection(
        session
    ).execute(query):
        out[task_id].append(_Report(on, unit_id, unit, percent, note, problems, next_steps))
    return out


def _newest(reports: list[_Report], holders: Sequence[Assessed]) -> _Report | None:
    """The newest report of a lead or responsible holder, else of anyone."""
    owners = {h.state.unit_id for h in holders if h.state.role in OWNER_ROLES}
    own = [r for r in reports if r.unit_id in owners]
    chosen = own or reports
    return chosen[0] if chosen else None


def _standing(held: Assessed) -> str:
    """Where one holder stands, in a few words: 已销号 / 待销号, its percent, or 未报送."""
    found = held.completion
    if found is not None:
        return strings.COMPLETION_NAMES[found.value]
    if held.state.percent is None:
        return strings.UNREPORTED_NAME
    return strings.PROGRESS_PERCENT.format(percent=held.state.percent)


def _summary(report: _Report | None, holders: Sequence[Assessed], progress: Progress) -> str:
    """进展情况 as the office would quote it: the unit, the date, the percent and its words;
    when several units answer for the task and some are done, how many (and how many of
    those await closing), so that one unit's 100% does not read as the whole task's; and,
    when the unit quoted is not one the row's word rests on, those units first, with where
    each stands (逾期：克城镇（进度31%）、古县乡（未报送）；…)."""
    owners = [h for h in holders if h.state.role in OWNER_ROLES and not h.chase.placeholder]
    counted = count_completions(h.state.status for h in owners)
    prefix = ""
    if len(owners) > 1 and counted.done:
        prefix = strings.PROGRESS_OWNERS_COUNT.format(owners=len(owners), done=counted.done)
        if counted.awaiting:
            prefix += strings.PROGRESS_OWNERS_AWAITING.format(awaiting=counted.awaiting)
        prefix += strings.PROGRESS_SUMMARY_JOIN
    deciders = deciding(holders, progress)
    if report is not None and not any(h.state.unit_id == report.unit_id for h in deciders):
        named = [
            strings.PROGRESS_STANDING.format(unit=h.state.unit, standing=_standing(h))
            for h in deciders
        ]
        prefix = (
            strings.PROGRESS_DECIDED_BY.format(progress=strings.PROGRESS_NAMES[progress.value])
            + _units(named)
            + strings.PROGRESS_SUMMARY_JOIN
            + prefix
        )
    if report is None:
        return prefix + strings.PROGRESS_NO_REPORT
    text = strings.PROGRESS_SUMMARY.format(
        unit=report.unit,
        on=chinese_date(report.reported_on),
        percent=report.percent,
        note=report.note.strip(),
    ).rstrip("：")
    quoted = next((h for h in holders if h.state.unit_id == report.unit_id), None)
    if quoted is not None and quoted.completion is not None and report.percent < 100:
        # Finished by its own record (every milestone met) though the report says less.
        text += strings.PROGRESS_QUOTED_FINISHED.format(
            unit=report.unit, completion=strings.COMPLETION_NAMES[quoted.completion.value]
        )
    return prefix + text


def _units(names: Sequence[str]) -> str:
    """A list of units for a remark: all of them, or the first three 等N个单位."""
    if len(names) <= 3:
        return "、".join(names)
    return strings.PROGRESS_UNITS_MORE.format(units="、".join(names[:3]), count=len(names))


def _remarks(
    holders: Sequence[Assessed],
    late: Sequence[LateMilestone],
    notices: Sequence[str],
    evidence: int,
) -> str:
    parts: list[str] = []
    chased = [h for h in holders if not h.chase.placeholder]
    overdue = [h for h in chased if h.progress is Progress.OVERDUE]
    if overdue:
        parts.append(
            strings.PROGRESS_REMARK_OVERDUE.format(
                units="、".join(
                    strings.PROGRESS_YEAR_END_UNIT.format(unit=h.state.unit)
                    if h.year_end_missed
                    else strings.PROGRESS_OVERDUE_UNIT.format(
                        unit=h.state.unit, due=chinese_date(h.state.overdue_since)
                    )
                    for h in overdue
                    if h.state.overdue_since is not None
                )
            )
        )
    unreported = [h for h in chased if h.chase.unreported]
    if unreported:
        parts.append(
            strings.PROGRESS_REMARK_UNREPORTED.format(
                units="、".join(
                    strings.PROGRESS_UNREPORTED_UNIT.format(unit=h.state.unit, owed=h.chase.owed)
                    for h in unreported
                )
            )
        )
    behind = [h.state for h in chased if h.progress is Progress.BEHIND and not h.chase.unreported]
    stale = [s.unit for s in behind if s.status is Status.STALE]
    if stale:
        parts.append(strings.PROGRESS_REMARK_BEHIND.format(units="、".join(stale)))
    soon = [s.unit for s in behind if s.status is not Status.STALE]
    if soon:
        parts.append(strings.PROGRESS_REMARK_DUE_SOON.format(units="、".join(soon)))
    for milestone in late:
        met = "、".join(
            strings.PROGRESS_MET_ON.format(units=_units(units), on=chinese_date(on))
            for on, units in milestone.met
        )
        parts.append(
            strings.PROGRESS_REMARK_MET_LATE.format(due=chinese_date(milestone.due), met=met)
        )
    awaiting = [h.state.unit for h in chased if h.completion is Completion.AWAITING]
    if awaiting:
        parts.append(strings.PROGRESS_REMARK_AWAITING.format(units=_units(awaiting)))
    for group in dict.fromkeys(h.state.unit for h in holders if h.chase.placeholder):
        parts.append(strings.PROGRESS_REMARK_PLACEHOLDER.format(group=group))
    if notices:
        parts.append(strings.PROGRESS_REMARK_NOTICES.format(numbers="、".join(notices)))
    if evidence:
        parts.append(strings.PROGRESS_REMARK_EVIDENCE.format(count=evidence))
    return "；".join(parts)


def _late_milestones(
    session: Session, task_ids: Sequence[int], as_of: dt.date
) -> dict[int, list[LateMilestone]]:
    """Per task, its milestones met after their due date (by as_of), grouped by the day."""
    met: dict[tuple[int, int, dt.date], dict[dt.date, list[str]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for task_id, position, due, done_on, unit in session.execute(
        select(
            Milestone.task_id,
            Milestone.position,
            Milestone.due_on,
            MilestoneCompletion.done_on,
            Unit.name,
        )
        .join(MilestoneCompletion, MilestoneCompletion.milestone_id == Milestone.id)
        .join(Unit, Unit.id == MilestoneCompletion.unit_id)
        .where(
            Milestone.task_id.in_(task_ids),
            MilestoneCompletion.done_on <= as_of,
            MilestoneCompletion.done_on > Milestone.due_on,
        )
        .order_by(Milestone.task_id, Milestone.position, MilestoneCompletion.done_on, Unit.id)
    ):
        met[(task_id, position, due)][done_on].append(unit)
    out: dict[int, list[LateMilestone]] = defaultdict(list)
    for (task_id, _, due), days in met.items():
        out[task_id].append(
            LateMilestone(due, tuple((on, tuple(units)) for on, units in days.items()))
        )
    return out


def progress_table(
    session: Session,
    *,
    year: int,
    as_of: dt.date,
    rules: LightRules,
    plan_key: str | None = None,
) -> ProgressTable:
    plans = _plans(session, year, plan_key)
    plan_ids = [p[0] for p in plans]
    tasks = list(
        session.execute(
            select(Task.id, Task.plan_id, Task.number, Task.title)
            .where(Task.plan_id.in_(plan_ids))
            .order_by(Task.plan_id, Task.number)
        )
    )
    task_ids = [t[0] for t in tasks]
    roles = task_roles(session, task_ids)
    dues: dict[int, list[dt.date]] = defaultdict(list)
    for task_id, due in session.execute(
        select(Milestone.task_id, Milestone.due_on)
        .where(Milestone.task_id.in_(task_ids))
        .order_by(Milestone.task_id, Milestone.position)
    ):
        dues[task_id].append(due)
    evidence: dict[int, int] = {
        task_id: count
        for task_id, count in session.execute(
            select(ProgressReport.task_id, func.count(Evidence.id))
            .join(Evidence, Evidence.report_id == ProgressReport.id)
            .where(ProgressReport.task_id.in_(task_ids), ProgressReport.reported_on <= as_of)
            .group_by(ProgressReport.task_id)
        )
    }
    notices: dict[int, list[str]] = defaultdict(list)
    for task_id, notice_number in session.execute(
        select(NoticeTask.task_id, Notice.number)
        .join(Notice, Notice.id == NoticeTask.notice_id)
        .where(NoticeTask.task_id.in_(task_ids), Notice.issued_on <= as_of)
        .order_by(Notice.issued_on, Notice.id)
    ):
        notices[task_id].append(notice_number)
    all_states = holder_states(session, as_of, rules, task_ids=task_ids) if task_ids else []
    chasing = Chasing(session, as_of, all_states)
    states: dict[int, list[Assessed]] = defaultdict(list)
    for assessed in assess(chasing, all_states):
        states[assessed.state.task_id].append(assessed)
    reports = _reports(session, task_ids, as_of) if task_ids else {}
    late = _late_milestones(session, task_ids, as_of) if task_ids else {}
    titles = {pid: title for pid, _, title in plans}
    keys = {pid: key for pid, key, _ in plans}
    rows = []
    for task_id, plan_id, number, title in tasks:
        held = states.get(task_id, [])
        newest = _newest(reports.get(task_id, []), held)
        progress = task_progress(held)
        rows.append(
            ProgressRow(
                task_id=task_id,
                plan_key=keys[plan_id],
                plan_title=titles[plan_id],
                number=number,
                title=title,
                lead=tuple(roles[task_id]["lead"]),
                support=tuple(roles[task_id]["support"]),
                responsible=tuple(roles[task_id]["responsible"]),
                deadline=deadline_text(dues.get(task_id, []), year),
                summary=_summary(newest, held, progress),
                problems="" if newest is None else newest.problems,
                next_steps="" if newest is None else newest.next_steps,
                progress=progress,
                evidence=int(evidence.get(task_id, 0)),
                remarks=_remarks(
                    held, late.get(task_id, []), notices.get(task_id, []), evidence.get(task_id, 0)
                ),
                holders=tuple(held),
                late_milestones=tuple(late.get(task_id, [])),
                quoted=None if newest is None else newest.unit,
            )
        )
    return ProgressTable(
        year=year,
        as_of=as_of,
        plan_key=None if plan_key is None else plans[0][1],
        plans=tuple((key, title) for _, key, title in plans),
        rows=tuple(rows),
    )
