"""One line of an audit event's content, for the task and unit history tables."""

from __future__ import annotations

from model.core.strings import REPORT_STATUS_NAMES


def history_detail(after: dict[str, object] | None) -> str:
    if not after:
        return ""
    if "percent" in after:
        status = REPORT_STATUS_NAMES.get(str(after.get("status")), str(after.get("status")))
        return (
            f"{after.get('reported_on')} {status} {after.get('percent')}% {after.get('note', '')}"
        )
    if "reason" in after:
        return f"{after.get('on')} {after.get('reason')}"
    if "number" in after:
        reply = after.get("reply_text")
        return f"{after.get('number')} {after.get('level')}" + (f"：{reply}" if reply else "")
    if "done_on" in after:
        return f"{after.get('done_on')} {after.get('note', '')}"
    return ""
