"""Data layer of duban: the schema, the database, and the domain services.

Nothing here imports Textual or any other duban package; the TUI, the command line,
the seed loader and the exporters all call into this package.
"""
