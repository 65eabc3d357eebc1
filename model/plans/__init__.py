"""Layer 4 — plans: the plan document as data, loading it into the database and reading
it back, and naming a task (`空气 3`, `gw9`).
"""
