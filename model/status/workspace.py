"""What the dashboard needs before its first paint: the document, the plans, the index."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from model.status.plan_view import (
    PlanHeading,
    TaskEntry,
    latest_document_number,
    plan_headings,
    task_index,
    year_documents,
)
from model.store.schema import AuditEvent
from model.units.search import UnitCandidate, unit_candidates

DEMO_ACTION = "demo.generate"


def is_demo(session: Session) -> bool:
    """A database made by `duban demo` (its synthetic year is one audited event)."""
    return bool(session.scalar(select(exists().where(AuditEvent.action == DEMO_ACTION))))


@dataclass(frozen=True)
class Workspace:
    document: str
    demo: bool
    plans: list[PlanHeading]
    tasks: list[TaskEntry]
    units: list[UnitCandidate]
    documents: dict[int, str] = field(default_factory=dict)  # plan year → document number

    def document_of(self, year: int | None) -> str:
        """The document a plan year's plans come from; for every year, each year's."""
        if year is None:
            return "、".join(self.documents[y] for y in sorted(self.documents)) or self.document
        return self.documents.get(year, self.document)


def load_workspace(session: Session) -> Workspace:
    return Workspace(
        document=latest_document_number(session),
        demo=is_demo(session),
        plans=plan_headings(session),
        tasks=task_index(session),
        units=unit_candidates(session),
        documents=year_documents(session),
    )
