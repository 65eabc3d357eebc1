"""Deterministic synthetic databases at the benchmark scales (S, M, L; see docs/ARCHITECTURE.md).

M: a city of 17 counties, one year (≈1.2k tasks, ≈600 units, ≈50k reports).
L: a province of 117 counties over five years (≈41k tasks, ≈4k units, ≈1M reports).

Each county gets the seed county's four plans (keys prefixed with the county, e.g.
c017_air) and its own copy of the units. Rows are written in bulk in one transaction
whose single audit event says so and carries, for `duban audit verify`, the group
members' rows (a few hundred, compared group by group) and one digest per other table
(`audit_verify.table_digests`: the rows' canonical snapshots hashed in id order). Full
rows would make the L event hundreds of megabytes (a million reports); a digest keeps it
small, and a change to any row is still found, the finding naming the table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from model.plans.data import PlanDocument
from model.store.audit import record
from model.store.audit_verify import table_digests

_MEMBER_COLUMNS = ("id", "group_id", "member_id", "valid_from", "valid_to")
# Every table the generator writes but group_member, as verification rebuilds them
# (evidence with its report, notice_task with its notice).
_DIGESTED = (
    "unit",
    "document",
    "plan",
    "section",
    "task",
    "milestone",
    "assignment",
    "progress_report",
    "closure_event",
    "notice",
    "return_submission",
)


@dataclass(frozen=True)
class Scale:
    name: str
    counties: int
    years: tuple[int, ...]
    reports_per_holder: int


SCALES = {
    "S": Scale("S", 1, (2023,), 7),
    "M": Scale("M", 17, (2023,), 7),
    "L": Scale("L", 117, (2019, 2020, 2021, 2022, 2023), 4),
}


def _insert(
    session: Session, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    if rows:
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        session.connection().exec_driver_sql(
            f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows
        )


def generate(
    session: Session, template: PlanDocument, scale: Scale, *, seed: int = 7
) -> dict[str, int]:
    """Fill an empty database; returns how many rows of each kind were written."""
    rng = random.Random(seed)
    # The returns are drawn from a sequence of their own: every other row stays as it was.
    returns_rng = random.Random(seed + 1)
    counts = dict.fromkeys(
        ("units", "tasks", "holders", "reports", "closures", "notices", "returns"), 0
    )
    unit_id = task_id = plan_id = section_id = milestone_id = report_id = closure_id = 0
    document_id = notice_id = assignment_id = member_id = return_id = 0
    members_written: list[dict[str, Any]] = []
    template_units = list(template.units)
    for county in range(1, scale.counties + 1):
        prefix = f"c{county:03d}"
        ids: dict[str, int] = {}
        unit_rows, member_rows = [], []
        for unit in template_units:
            unit_id += 1
            ids[unit.name] = unit_id
            unit_rows.append((unit_id, f"{prefix}{unit.name}", unit.kind))
        for unit in template_units:
            for name in unit.members:
                if name in ids:
                    member_id += 1
                    member_rows.append((member_id, ids[unit.name], ids[name], None, None))
        members_written += [dict(zip(_MEMBER_COLUMNS, row, strict=True)) for row in member_rows]
        _insert(session, "unit", ("id", "name", "kind"), unit_rows)
        _insert(session, "group_member", _MEMBER_COLUMNS, member_rows)
        counts["units"] += len(unit_rows)
        members = {ids[u.name]: [ids[m] for m in u.members] for u in template_units if u.members}
        groups = {ids[u.name] for u in template_units if u.kind == "group"}
        for year in scale.years:
            document_id += 1
            issued = dt.date(year, 3, 1)
            number = f"{prefix}政办发〔{year}〕{county}号"
            issuer = f"{prefix}人民政府办公室"
            _insert(
                session,
                "document",
                ("id", "number", "issuer", "issued_on"),
                [(document_id, number, issuer, issued)],
            )
            plan_rows, section_rows, task_rows, milestone_rows, assignment_rows = [], [], [], [], []
            report_rows, closure_rows, notice_rows, notice_task_rows = [], [], [], []
            returning: set[int] = set()  # units holding a lead or responsible task
            for plan in template.plans:
                plan_id += 1
                plan_rows.append(
                    (
                        plan_id,
                        document_id,
                        f"{prefix}_{plan.key}",
                        plan.title.replace("2023", str(year)),
                        year,
                    )
                )
                sections: dict[str, int] = {}
                for task in plan.tasks:
                    if task.section not in sections:
                        section_id += 1
                        sections[task.section] = section_id
                        section_rows.append((section_id, plan_id, len(sections), task.section))
                    task_id += 1
                    task_rows.append(
                        (
                            task_id,
                            plan_id,
                            sections[task.section],
                            task.number,
                            task.title,
                            task.text,
                        )
                    )
                    deadline = dt.date(year, 12, 31)
                    for position, milestone in enumerate(task.milestones, 1):
                        milestone_id += 1
                        due = milestone.due.replace(year=year)
                        deadline = max(deadline if position > 1 else due, due)
                        milestone_rows.append(
                            (milestone_id, task_id, position, due, None, milestone.text)
                        )
                    holders: list[int] = []
                    position = 0
                    for role, names in task.units_by_role().items():
                        for name in names:
                            position += 1
                            assignment_id += 1
                            assignment_rows.append(
                                (assignment_id, task_id, ids[name], role, position)
                            )
                            held = members.get(ids[name], [ids[name]])
                            holders += held
                            if role in ("lead", "responsible"):
                                returning.update(h for h in held if h not in groups)
                    for holder in holders:
                        counts["holders"] += 1
                        diligence = rng.random()
                        percent = 0
                        for month in sorted(rng.sample(range(4, 13), scale.reports_per_holder)):
                            report_id += 1
                            percent = min(100, percent + rng.randint(5, 30))
                            day = dt.date(year, month, rng.randint(1, 28))
                            status = "done" if percent == 100 else "in_progress"
                            report_rows.append(
                                (report_id, task_id, holder, day, status, percent, "合成数据")
                            )
                        if percent == 100 and diligence > 0.3:
                            closure_id += 1
                            closure_rows.append(
                                (
                                    closure_id,
                                    task_id,
                                    holder,
                                    "close",
                                    dt.date(year, 12, 20),
                                    "核验",
                                    "办公室",
                                )
                            )
                        elif diligence < 0.05:
                            notice_id += 1
                            notice_rows.append(
                                (
                                    notice_id,
                                    f"{prefix}督办〔{year}〕{notice_id}号",
                                    holder,
                                    "督办",
                                    dt.date(year, 9, 1),
                                    dt.date(year, 9, 8),
                                    "",
                                    None,
                                    None,
                                )
                            )
                            notice_task_rows.append((notice_id, task_id))
            _insert(session, "plan", ("id", "document_id", "key", "title", "year"), plan_rows)
            _insert(session, "section", ("id", "plan_id", "position", "heading"), section_rows)
            _insert(
                session,
                "task",
                ("id", "plan_id", "section_id", "number", "title", "text"),
                task_rows,
            )
            _insert(
                session,
                "milestone",
                ("id", "task_id", "position", "due_on", "start_on", "text"),
                milestone_rows,
            )
            _insert(
                session,
                "assignment",
                ("id", "task_id", "unit_id", "role", "position"),
                assignment_rows,
            )
            _insert(
                session,
                "progress_report",
                ("id", "task_id", "unit_id", "reported_on", "status", "percent", "note"),
                report_rows,
            )
            _insert(
                session,
                "closure_event",
                ("id", "task_id", "unit_id", "action", "on", "reason", "verified_by"),
                closure_rows,
            )
            _insert(
                session,
                "notice",
                (
                    "id",
                    "number",
                    "unit_id",
                    "level",
                    "issued_on",
                    "reply_due",
                    "body",
                    "reply_on",
                    "reply_text",
                ),
                notice_rows,
            )
            _insert(session, "notice_task", ("notice_id", "task_id"), notice_task_rows)
            # A return per returning unit and month from the plan's first (issued on the
            # 1st): most on time (by the 10th of the next month), some late, a few missing.
            return_rows = []
            for returner in sorted(returning):
                for month in range(issued.month, 13):
                    roll = returns_rng.random()
                    if roll >= 0.95:
                        continue
                    on = returns_rng.randint(1, 10) if roll < 0.8 else returns_rng.randint(11, 25)
                    after = dt.date(year + month // 12, month % 12 + 1, on)
                    return_id += 1
                    label = f"{returner}-{year}-{month:02d}"
                    return_rows.append(
                        (
                            return_id,
                            returner,
                            f"{year}-{month:02d}",
                            after,
                            f"{label}.xlsx",
                            hashlib.sha256(label.encode()).hexdigest(),
                            "",
                        )
                    )
            _insert(
                session,
                "return_submission",
                ("id", "unit_id", "period", "received_on", "file_name", "sha256", "reason"),
                return_rows,
            )
            counts["returns"] += len(return_rows)
            counts["tasks"] += len(task_rows)
            counts["reports"] += len(report_rows)
            counts["closures"] += len(closure_rows)
            counts["notices"] += len(notice_rows)
    # The rows are written with SQL, which the session does not see: the event follows
    # them, carrying what verification checks them against.
    record(
        session,
        action="synthetic.generate",
        entity="database",
        after={
            "scale": scale.name,
            "seed": seed,
            "rows": {"group_member": members_written},
            "digests": table_digests(session, _DIGESTED),
        },
        reason="基准测试用合成数据",
    )
    session.flush()
    session.connection().exec_driver_sql("ANALYZE")
    return counts
