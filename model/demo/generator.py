"""A living example: deterministic, realistic synthetic progress for the 2023 plans.

Units report about monthly; some are diligent, some late, some lag; milestones are met or
missed; lead and responsible units report in a monthly return (报送表), one per unit and
period, received on the day of their first report of the month after it — so diligent
units return on time, late units some days late, a unit that reports nothing that month
not at all; the office closes finished items, issues notices to units with red items and
records their replies. At the start most units name their liaison (联络人). Every change
goes through the same audited services as real work, stamped with the simulated day it
happened, so the audit trail reads like a real year.

A demo database holds the records dated up to one day (`until`) and is opened as of that
day, so it never contradicts itself: nothing on screen has happened "after today", and
what the user records in it comes after everything already there. `duban demo` stops at
DEMO_AS_OF; the whole year (the default of `generate_demo`) feeds the year-end reports,
the tests and the benchmarks. The year up to any day is the same in both: the random
choices come in the same order whatever the last day, so a shorter demo is the longer one
cut at its last day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import heapq
import itertools
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from model.core import strings
from model.core.errors import InputError
from model.core.lights import Light, LightRules
from model.core.periods import Period, ReportingRules, first_period
from model.plans.lookup import milestones_by_task, task_infos
from model.plans.task_refs import TaskRef
from model.status.holders import Holding, holder_states, holdings
from model.status.workspace import DEMO_ACTION, is_demo
from model.store.audit import AuditContext, audit_context, bind_context, record
from model.store.schema import AuditEvent, Milestone, Unit
from model.store.snapshots import EvidenceFile
from model.units.lookup import unit_name_map
from model.work.liaisons import set_liaison
from model.work.notices import issue_notice, record_reply
from model.work.progress import (
    ReportInput,
    close_item,
    mark_milestone_done,
    record_report,
    reopen_item,
)
from model.work.returns import ReturnRow, record_return_rows

DEMO_START = dt.date(2023, 8, 1)
DEMO_END = dt.date(2023, 12, 31)
DEMO_AS_OF = dt.date(2023, 11, 15)
NOTICE_DAYS = (
    dt.date(2023, 9, 4),
    dt.date(2023, 10, 9),
    dt.date(2023, 11, 6),
    dt.date(2023, 12, 4),
)
OFFICE_VERIFIER = "付国平"
# The office's spot check that reopens one closure: before DEMO_AS_OF, so `duban demo`
# shows a reopened item and why.
SPOT_CHECK_DAY = dt.date(2023, 11, 13)

NOTES_PROGRESS = (
    "已制定工作方案，正在组织实施",
    "完成阶段性排查，建立问题台账",
    "按月调度推进，进度符合序时要求",
    "已完成摸底，正在分类处置",
    "已召开专题会议部署，落实责任人",
    "=按计划推进，待现场验收",  # starts with "=": exports must keep it text
)
NOTES_SLOW = ("资金尚未到位，进度滞后", "受天气影响施工暂停", "等待上级技术指导意见")
NOTES_DONE = ("已全部完成，佐证材料已报送", "完成整改并通过验收")
# 存在问题 / 下步打算 of the demo reports: chosen by task and month, not drawn from the
# random sequence, so the rest of the demo year stays what it was.
PROBLEMS = ("", "资金缺口较大，需县级财政协调", "", "部分点位整改难度大，需技术支撑", "")
NEXT_STEPS = (
    "按月调度，确保按期完成",
    "加快推进剩余整改任务",
    "组织现场核查，完善佐证材料",
    "对照时间节点倒排工期",
)
# A lead or responsible unit's monthly return: the chance it is never sent, and the chance
# it is sent on time whatever day the unit's first report of the month would have come.
RETURN_HABITS = {"diligent": (0.02, 0.0), "late": (0.06, 0.4), "laggard": (0.15, 0.25)}
REPLIES = ("已收到督办单，已制定整改计划，预计两周内完成", "已落实整改，相关材料随后报送")
# The liaisons the units name at the start (联络人, #14): by unit id, not drawn from the
# random sequence; every sixth unit has named none yet, so the demo shows both.
# Surnames and given names: the pairs by index are distinct for 30 units.
LIAISON_SURNAMES = "王李张刘陈杨赵黄周吴"
LIAISON_GIVEN = "丽强敏洋静帆"


@dataclass(order=True)
class _Action:
    day: dt.date
    order: int
    run: Callable[[], object] = field(compare=False)


def _evidence(rng: random.Random, label: str) -> tuple[EvidenceFile, ...]:
    if rng.random() < 0.5:
        return ()
    name = f"佐证材料/{label}.pdf"
    content = f"{label}-{rng.random()}".encode()
    return (EvidenceFile(name, hashlib.sha256(content).hexdigest(), 20_000 + len(content)),)


def generate_demo(session: Session, *, seed: int = 2023, until: dt.date = DEMO_END) -> int:
    """Write a year of synthetic work into a freshly seeded database, the records dated up
    to `until` (every record of the year by default); returns the changes made."""
    rng = random.Random(seed)
    real = audit_context(session)
    clock_day = [DEMO_START]
    bind_context(
        session,
        AuditContext(
            actor=f"{real.actor}（演示数据）",
            clock=lambda: dt.datetime.combine(clock_day[0], dt.time(9, 0), tzinfo=dt.UTC),
        ),
    )
    rules = LightRules()
    reporting = ReportingRules()  # the default rubric's: returns due on the 10th, by workday
    held = holdings(session, on=until)
    groups = {u for (u,) in session.execute(select(Unit.id).where(Unit.kind == "group"))}
    infos = task_infos(session, None)
    names = unit_name_map(session)
    dues = milestones_by_task(session, None)
    positions = {m: p for m, p in session.execute(select(Milestone.id, Milestone.position))}
    profile_of: dict[int, str] = {}
    for unit_id in sorted({h.unit_id for h in held}):
        roll = rng.random()
        profile_of[unit_id] = "diligent" if roll < 0.55 else "late" if roll < 0.85 else "laggard"
    profile_of[next(i for i, n in names.items() if n == "市生态环境局蒲县分局")] = "diligent"

    queue: list[_Action] = []
    counter = itertools.count()
    # The reports of lead and responsible units, by unit and month: sent in returns below.
    returned: dict[tuple[int, int], list[tuple[int, ReportInput]]] = defaultdict(list)
    # What becomes of each unit's return of each month, drawn from a sequence of its own
    # (every other choice of the year is drawn as before): never sent (its reports with
    # it), sent on time on a day drawn here, or sent on the day of its first report.
    fates = random.Random(seed + 1)
    missing: set[tuple[int, int]] = set()
    prompt_day: dict[tuple[int, int], int] = {}
    for unit_id in sorted(profile_of):
        lost, prompt = RETURN_HABITS[profile_of[unit_id]]
        for month in range(DEMO_START.month + 1, DEMO_END.month + 1):
            roll = fates.random()
            if roll < lost:
                missing.add((unit_id, month))
            elif roll < lost + prompt:
                prompt_day[(unit_id, month)] = fates.randint(1, 8)

    def returns(h: Holding) -> bool:
        return h.role in reporting.roles and h.unit_id not in groups

    changes = [0]

    def plan(day: dt.date, run: Callable[[], object]) -> None:
        # The plans for every month are drawn whether kept or not, and the office's
        # choices as their days come: `until` only cuts the year short.
        if day <= min(until, DEMO_END):
            heapq.heappush(queue, _Action(day, next(counter), run))

    groups = set(session.scalars(select(Unit.id).where(Unit.kind == "group")))
    liaison_units = sorted({h.unit_id for h in held if h.role in ("lead", "responsible")} - groups)
    for index, unit_id in enumerate(liaison_units):
        if index % 6 != 5:
            name = LIAISON_SURNAMES[index % 10] + LIAISON_GIVEN[index % 6]
            phone = f"0357-552{1000 + 37 * index:04d}"
            plan(
                DEMO_START,
                partial(set_liaison, session, names[unit_id], name=name, phone=phone),
            )

    for h in held:
        info = infos[h.task_id]
        ref = TaskRef(info.plan_key, info.number, info.plan_year)
        unit = names[h.unit_id]
        profile = profile_of[h.unit_id]
        percent = 0
        month_days = {
            "diligent": (1.0, 3, 9, 15, 30),
            "late": (0.7, 12, 26, 10, 20),
            "laggard": (0.35, 15, 28, 5, 15),
        }[profile]
        chance, first_day, last_day, step_low, step_high = month_days
        for month in range(DEMO_START.month, DEMO_END.month + 1):
            if rng.random() > chance or percent >= 100:
                continue
            day = dt.date(2023, month, rng.randint(first_day, last_day))
            percent = min(100, percent + rng.randint(step_low, step_high))
            if profile == "laggard" and rng.random() < 0.3:
                status, note = "blocked", rng.choice(NOTES_SLOW)
            elif percent == 100:
                status, note = "done", rng.choice(NOTES_DONE)
            else:
                status, note = "in_progress", rng.choice(NOTES_PROGRESS)
            report = ReportInput(
                task=ref,
                unit=unit,
                reported_on=day,
                status=status,
                percent=percent,
                note=note,
                problems=note if status == "blocked" else PROBLEMS[(info.number + month) % 5],
                next_steps="" if status == "done" else NEXT_STEPS[(info.number + month) % 4],
                attachments=_evidence(rng, f"{info.plan_key}{info.number}-{unit}-{month}月"),
            )
            kept = not (returns(h) and (h.unit_id, month) in missing)
            if returns(h) and kept:
                returned[(h.unit_id, month)].append((h.task_id, report))
            elif kept:
                plan(day, partial(record_report, session, report, as_of=day))
            if status == "done" and rng.random() < 0.8:
                # Drawn all the same, so the rest of the year stays as it is; nothing to
                # close when the report never came.
                closed_on = day + dt.timedelta(days=rng.randint(3, 12))
                if kept:
                    plan(
                        closed_on,
                        partial(
                            close_item,
                            session,
                            ref,
                            unit,
                            closed_on,
                            reason="核验佐证材料，同意销号",
                            verified_by=OFFICE_VERIFIER,
                            as_of=closed_on,
                        ),
                    )
        for milestone_id, due in dues.get(h.task_id, []):
            on_time = {"diligent": 0.9, "late": 0.6, "laggard": 0.25}[profile]
            if rng.random() < on_time:
                done_on = due - dt.timedelta(days=rng.randint(0, 10))
            elif profile != "laggard" or rng.random() < 0.4:
                done_on = due + dt.timedelta(days=rng.randint(5, 25))
            else:
                continue
            done_on = max(done_on, DEMO_START)
            plan(
                done_on,
                partial(
                    mark_milestone_done,
                    session,
                    ref,
                    unit,
                    positions[milestone_id],
                    done_on,
                    as_of=done_on,
                    note="节点任务完成",
                ),
            )

    # A unit's reports of a month make its return for the period before (due on the 10th,
    # or the next working day), received on the day of the first of them: every report of
    # the return is dated that day (never later than drawn, so a closure still follows its
    # report). Reports of a month whose period asks no return yet (the plan's first period
    # is August) are sent task by task as drawn.
    for (unit_id, month), sent in sorted(returned.items()):
        reports = [report for _, report in sent]
        received = min(r.reported_on for r in reports)
        if (unit_id, month) in prompt_day:  # never later than drawn: closures follow reports
            due = reporting.due(Period.of(dt.date(2023, month, 1) - dt.timedelta(days=1)))
            received = min(received, due.replace(day=prompt_day[(unit_id, month)]))
            reports = [dataclasses.replace(r, reported_on=received) for r in reports]
        period = Period.of(dt.date(2023, month, 1) - dt.timedelta(days=1))
        if period < min(first_period(infos[task_id].plan_start) for task_id, _ in sent):
            for report in reports:
                day = report.reported_on
                plan(day, partial(record_report, session, report, as_of=day))
            continue
        unit = names[unit_id]
        label = f"{unit}-{period.key}-{received.isoformat()}"
        rows = [
            ReturnRow(
                task=r.task,
                status=r.status,
                percent=r.percent,
                note=r.note,
                problems=r.problems,
                next_steps=r.next_steps,
                attachments=r.attachments,
            )
            for r in reports
        ]
        plan(
            received,
            partial(
                record_return_rows,
                session,
                unit=unit,
                period=period,
                received_on=received,
                file_name=strings.DEMO_RETURN_FILE.format(unit=unit, period=period.label),
                sha256=hashlib.sha256(label.encode()).hexdigest(),
                rows=rows,
                as_of=received,
            ),
        )

    notice_counts: dict[str, int] = defaultdict(int)

    def supervise(day: dt.date) -> None:
        red: dict[str, list[TaskRef]] = defaultdict(list)
        for state in holder_states(session, day, rules):
            if state.light is Light.RED:
                red[state.unit].append(TaskRef(state.plan_key, state.task_number, state.plan_year))
        for unit, refs in sorted(red.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:4]:
            notice_counts[unit] += 1
            level = "督办" if notice_counts[unit] == 1 else "专项督察"
            notice = issue_notice(
                session,
                unit=unit,
                tasks=refs[:3],
                level=level,
                issued_on=day,
                reply_due=reporting.reply_due(day),
                as_of=day,
                body="以下任务已超过时间节点，请于答复期限前报送整改情况。",
            )
            if rng.random() < 0.7:
                reply_on = day + dt.timedelta(days=rng.randint(2, 9))
                plan(
                    reply_on,
                    partial(
                        record_reply,
                        session,
                        notice.number,
                        reply_on=reply_on,
                        text=rng.choice(REPLIES),
                        as_of=reply_on,
                    ),
                )

    for day in NOTICE_DAYS:
        plan(day, partial(supervise, day))

    def spot_check() -> None:
        # One closure reopened after a spot check: the history must show it and why.
        day = SPOT_CHECK_DAY
        for state in holder_states(session, day, rules):
            if state.status.value == "closed":
                ref = TaskRef(state.plan_key, state.task_number, state.plan_year)
                reopen_item(
                    session,
                    ref,
                    state.unit,
                    day,
                    reason="抽查发现佐证材料不完整，重新打开",
                    verified_by=OFFICE_VERIFIER,
                    as_of=day,
                )
                return

    plan(SPOT_CHECK_DAY, spot_check)

    while queue:
        action = heapq.heappop(queue)
        clock_day[0] = action.day
        action.run()
        changes[0] += 1
    record(
        session,
        action=DEMO_ACTION,
        entity="database",
        after={
            "seed": seed,
            "start": DEMO_START,
            "end": min(until, DEMO_END),
            "changes": changes[0],
        },
        reason="演示数据：合成的进展、销号与督办记录",
    )
    bind_context(session, real)
    session.flush()
    return changes[0]


@dataclass(frozen=True)
class DemoDatabase:
    generated: bool  # generated now (False: the database already held the demo)
    until: dt.date  # the last day its records are dated: the day it opens as of


def demo_until(session: Session) -> dt.date | None:
    """The last day a demo database's records are dated; None if it holds no demo."""
    after = session.scalar(
        select(func.json_extract(AuditEvent.after_json, "$.end"))
        .where(AuditEvent.action == DEMO_ACTION)
        .order_by(AuditEvent.id)
        .limit(1)
    )
    if after is None:
        return DEMO_END if is_demo(session) else None
    return dt.date.fromisoformat(str(after))


def ensure_demo(session: Session, path: object, *, until: dt.date = DEMO_AS_OF) -> DemoDatabase:
    """The demo data in a freshly seeded database, its records dated up to `until`.

    A database that already holds demo data is left as it is (with the day its records
    end); one with real work is refused.
    """
    existing = demo_until(session)
    if existing is not None:
        return DemoDatabase(generated=False, until=existing)
    if session.scalar(select(func.count()).select_from(AuditEvent)) != 1:
        raise InputError(strings.NOT_A_DEMO.format(path=path))
    generate_demo(session, until=until)
    return DemoDatabase(generated=True, until=min(until, DEMO_END))
