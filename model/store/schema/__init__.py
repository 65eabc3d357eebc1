"""The SQLAlchemy schema; import the tables from here."""

from model.store.schema.audit import GENESIS_HASH, AuditEvent
from model.store.schema.base import Base
from model.store.schema.identity import ChainSignature, DatabaseIdentity
from model.store.schema.plans import Document, Milestone, Plan, PlanGoal, Section, Task
from model.store.schema.returns import ReturnSubmission, UnitLiaison
from model.store.schema.review import (
    APPROVAL_ACTIONS,
    REVIEW_ITEMS,
    REVIEW_STAGES,
    ScoreApproval,
    ScoreEntry,
)
from model.store.schema.units import (
    Assignment,
    GroupMember,
    LeadingGroup,
    LeadingGroupMember,
    Unit,
    UnitAlias,
)
from model.store.schema.work import (
    ClosureEvent,
    Evidence,
    MilestoneCompletion,
    Notice,
    NoticeTask,
    ProgressReport,
    ScoreAdjustment,
)

__all__ = [
    "APPROVAL_ACTIONS",
    "GENESIS_HASH",
    "REVIEW_ITEMS",
    "REVIEW_STAGES",
    "Assignment",
    "AuditEvent",
    "Base",
    "ChainSignature",
    "ClosureEvent",
    "DatabaseIdentity",
    "Document",
    "Evidence",
    "GroupMember",
    "LeadingGroup",
    "LeadingGroupMember",
    "Milestone",
    "MilestoneCompletion",
    "Notice",
    "NoticeTask",
    "Plan",
    "PlanGoal",
    "ProgressReport",
    "ReturnSubmission",
    "ScoreAdjustment",
    "ScoreApproval",
    "ScoreEntry",
    "Section",
    "Task",
    "Unit",
    "UnitAlias",
    "UnitLiaison",
]
