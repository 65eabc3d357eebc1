"""Who a report comes from: the county, the coordinating office, the plans' document, and
whom to call about it (the [office] contact of the settings)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.core.settings import OfficeContact, load_settings
from model.status.office import office_name
from model.status.workspace import is_demo
from model.store.schema import Document, Plan

_GOVERNMENT = "人民政府"


@dataclass(frozen=True)
class Letterhead:
    region: str  # 蒲县
    office: str  # the leading group's office, which signs the reports
    document: str  # 蒲政办发〔2023〕23号
    demo: bool
    document_title: str = ""  # 蒲县人民政府办公室关于印发…的通知; empty when not known
    contact: OfficeContact = field(default_factory=OfficeContact)


def letterhead(session: Session, year: int, contact: OfficeContact | None = None) -> Letterhead:
    """The letterhead of the year's reports; `contact` defaults to the settings' [office]."""
    document = session.execute(
        select(Document.number, Document.issuer, Document.title)
        .join(Plan, Plan.document_id == Document.id)
        .where(Plan.year == year)
        .order_by(Document.issued_on.desc(), Document.id.desc())
        .limit(1)
    ).first()
    number, issuer, title = document if document is not None else ("", "", "")
    region = issuer.split(_GOVERNMENT)[0] if _GOVERNMENT in issuer else ""
    return Letterhead(
        region=region,
        office=office_name(session, year),
        document=number,
        demo=is_demo(session),
        document_title=title,
        contact=load_settings().office if contact is None else contact,
    )
