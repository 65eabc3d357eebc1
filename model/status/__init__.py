"""Layer 5 — status: the read models — who holds what, each holder's light as of a date,
and the views built on it (plan view, timeline, overview, unit check, task detail,
notices and their reply state, the leading group).
"""
