"""First run: open the database and, if it has never been written to, seed it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from model.store.audit_context import AuditContext
from model.store.db import Database, open_database
from seed.loader import LoadedPlanFile, load_default_seed, load_plan_file

if TYPE_CHECKING:
    from model.plans.load import ImportResult


def import_file(database: Database, loaded: LoadedPlanFile) -> ImportResult:
    """Load a validated plan file in one audited write transaction."""
    # Here, not at the top: opening a database that is already seeded needs no ORM.
    from model.plans.load import import_plan_document

    with database.write() as session:
        return import_plan_document(
            session, loaded.document, source_name=loaded.name, source_sha256=loaded.sha256
        )


def open_seeded(
    path: Path,
    context: AuditContext,
    *,
    create_directory: bool = False,
    seed_file: Path | None = None,
) -> tuple[Database, ImportResult | None]:
    """Open the database; seed a fresh one from the embedded (or given) plan file.

    The seed file is validated before the database is touched.
    """
    loaded = load_plan_file(seed_file) if seed_file else None
    database = open_database(path, context, create_directory=create_directory)
    try:
        if not database.is_empty():
            return database, None
        return database, import_file(database, loaded or load_default_seed())
    except BaseException:
        database.close()
        raise
