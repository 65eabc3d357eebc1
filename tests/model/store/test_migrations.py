from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from model.store.migrations.runner import script_revisions
from model.store.schema import Base
from model.store.schema_version import HEAD, KNOWN_REVISIONS


def test_known_revisions_match_the_script_directory():
    assert tuple(script_revisions()) == KNOWN_REVISIONS
    assert KNOWN_REVISIONS[-1] == HEAD


def test_migrations_build_exactly_the_models(seeded):
    with seeded.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_every_constraint_is_named(seeded):
    with seeded.engine.connect() as connection:
        sql = "\n".join(
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type='table' AND name <> 'alembic_version'"
            )
        )
    assert "CONSTRAINT pk_task PRIMARY KEY" in sql
    assert "CONSTRAINT uq_task_plan_id_number UNIQUE" in sql
    assert "CONSTRAINT ck_progress_report_percent_range CHECK" in sql
    assert "CONSTRAINT fk_task_plan_id_plan FOREIGN KEY" in sql
