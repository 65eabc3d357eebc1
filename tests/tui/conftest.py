"""Dashboard fixtures: a demo database generated once per worker, copied per test."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from model.db import Database, open_database
from model.demo import DEMO_AS_OF, generate_demo
from seed.bootstrap import open_seeded
from tests.conftest import AS_OF
from tui.app import DubanApp


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from model.audit import AuditContext

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    context = AuditContext(actor="测试员", clock=lambda: dt.datetime(2023, 9, 15, tzinfo=dt.UTC))
    database, _ = open_seeded(path, context)
    with database, database.write() as session:
        generate_demo(session)
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path, context) -> Database:
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    database = open_database(path, context)
    yield database
    database.close()


@pytest.fixture
def app(seeded) -> DubanApp:
    return DubanApp(seeded, as_of=AS_OF, actor="测试员")


@pytest.fixture
def demo_app(demo_db) -> DubanApp:
    return DubanApp(demo_db, as_of=DEMO_AS_OF, actor="测试员")


async def settle(pilot) -> None:
    """Wait for loading workers and the repaint after them."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
