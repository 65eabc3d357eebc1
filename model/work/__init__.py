"""Layer 6 — work: the audited writes — progress reports, milestone completions,
closures, notices and replies, score adjustments, group membership.
"""
