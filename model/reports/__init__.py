"""Layer 7 — reports: the contents of the documents the office submits (progress table,
monthly bulletin, notice sheet, letterhead); `exports/` turns them into files.
"""
