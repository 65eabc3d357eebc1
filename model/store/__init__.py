"""Layer 2 — store: the database.

Schema, migrations, engine and sessions, backups, the audit chain and its verification,
the audit snapshots of each audited table and shared query helpers. Knows tables, not
rules about units or plans.
"""
