"""The first screen does not wait for SQLAlchemy: opening a current database and reading
the dashboard's first screen (its tabs and the overview) import neither the ORM nor the
scoring. Checked in a fresh interpreter, since this test run has imported both long ago."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import datetime as dt, sys
from pathlib import Path
from model.store.audit_context import AuditContext
from model.store.db import open_database
import tui.app, tui.cli, tui.cli.dashboard

database = open_database(Path(sys.argv[1]), AuditContext(actor="测试员"))
app = tui.app.DubanApp(database, as_of=dt.date(2023, 11, 15))
assert app.first_overview[2].plans, "the overview was read"
heavy = sorted(
    name for name in sys.modules
    if name.split(".")[0] in ("sqlalchemy", "alembic", "polars", "cryptography")
    or name in ("model.store.schema", "model.scoring.scorecards")
)
print(" ".join(heavy))
"""


def test_the_first_screen_is_read_without_the_orm(demo_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    path.write_bytes(demo_template.read_bytes())
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
