"""What the dashboard needs before its first paint: the document, the plans, the index."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from model.status.plan_view import (
    PlanHeading,
    TaskEntry,
    latest_document_number,
    plan_headings,
    task_index,
    year_documents,
)
from model.store.reader import reader_of
from model.units.search import UnitCandidate, unit_candidates

if TYPE_CHECKING:
    from model.store.reader import Source

DEMO_ACTION = "demo.generate"


def is_demo(session: Source) -> bool:
    """A database made by `duban demo` (its synthetic year is one audited event)."""
    rows = reader_of(session).rows(
        "SELECT EXISTS (SELECT 1 FROM audit_event WHERE action = ?)", (DEMO_ACTION,)
    )
    return bool(rows[0][0])


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


def load_workspace(session: Source) -> Workspace:
    return Workspace(
        document=latest_document_number(session),
        demo=is_demo(session),
        plans=plan_headings(session),
        tasks=task_index(session),
        units=unit_candidates(session),
        documents=year_documents(session),
    )
