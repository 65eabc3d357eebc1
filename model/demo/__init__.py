"""Layer 8 — demo: a realistic synthetic year for `duban demo` and synthetic databases at
benchmark scales. Uses the same services as real work.
"""
