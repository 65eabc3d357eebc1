"""Layer 3 — units: finding a unit by any name an office writes (name, alias, official
full name, pinyin initials), and saying which names come close when none matches.
"""
