"""Enumerations stored as text; the schema CHECKs each column against these tuples."""

from __future__ import annotations

from typing import Final

UNIT_KINDS: Final = ("department", "township", "group", "enterprise")
ROLES: Final = ("lead", "support", "responsible")
MEMBER_ROLES: Final = ("组长", "副组长", "成员", "办公室主任")
REPORT_STATUSES: Final = ("not_started", "in_progress", "done", "blocked")
CLOSURE_ACTIONS: Final = ("close", "reopen")
NOTICE_LEVELS: Final = ("提醒", "督办", "专项督察")
