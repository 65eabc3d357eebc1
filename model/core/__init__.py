"""Layer 1 — core: rules and words that need no database.

Errors, the string catalogue (`strings`), canonical JSON, text width, input checks,
the settings file and the light rules. Imports nothing else from `model`.
"""
