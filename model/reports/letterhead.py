"""Who a report comes from: the county, the coordinating office, the plans' document."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.status.workspace import is_demo
from model.store.schema import Document, LeadingGroup, Plan

_GOVERNMENT = "人民政府"


@dataclass(frozen=True)
class Letterhead:
    region: str  # 蒲县
    office: str  # the leading group's office, which signs the reports
    document: str  # 蒲政办发〔2023〕23号
    demo: bool


def letterhead(session: Session, year: int) -> Letterhead:
    document = session.execute(
        select(Document.number, Document.issuer)
        .join(Plan, Plan.document_id == Document.id)
        .where(Plan.year == year)
        .order_by(Document.issued_on.desc(), Document.id.desc())
        .limit(1)
    ).first()
    number, issuer = document if document is not None else ("", "")
    region = issuer.split(_GOVERNMENT)[0] if _GOVERNMENT in issuer else ""
    group = session.scalar(select(LeadingGroup.name).order_by(LeadingGroup.id).limit(1))
    office = f"{group}办公室" if group else issuer
    return Letterhead(region=region, office=office, document=number, demo=is_demo(session))
