"""Data layer of duban: the schema, the database, and the domain services.

Subpackages are layers, each importing only those below it (import-linter enforces it):
core → store → units → plans → status → work → reports | scoring → demo.
Nothing here imports Textual or any other duban package; the TUI, the command line,
the seed loader and the exporters all call into this package.
"""
