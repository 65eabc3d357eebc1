"""Shared fixtures: a fixed clock and actor, isolated config and data dirs, seeded DBs."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from filelock import FileLock
from keyring.backend import KeyringBackend

from model.demo.generator import generate_demo
from model.store.audit import AuditContext
from model.store.db import Database, open_database
from seed.bootstrap import open_seeded

FIXED_NOW = dt.datetime(2023, 9, 15, 9, 30, tzinfo=dt.UTC)
AS_OF = dt.date(2023, 9, 15)


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads the developer's config, database or home directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DUBAN_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("DUBAN_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("HOME", str(home))
    # Audit times are shown in local time: pin the zone so screens and logs are stable.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict: no test touches the machine's real keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def context() -> AuditContext:
    return AuditContext(actor="测试员", clock=lambda: FIXED_NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "duban.sqlite3"


@pytest.fixture
def seeded(db_path: Path, context: AuditContext) -> Iterator[Database]:
    database, result = open_seeded(db_path, context)
    assert result is not None
    with database:
        yield database


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The demo database, built once per test run and shared by the xdist workers."""
    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker has its own folder inside this run's; without it, the
    # run's own folder (never an older run's, which may hold an older schema).
    root = base if worker_id == "master" else base.parent
    path = root / "demo-template.sqlite3"
    with FileLock(str(path) + ".lock"):
        if not path.exists():
            building = root / f"demo-building-{worker_id}.sqlite3"
            context = AuditContext(
                actor="测试员", clock=lambda: dt.datetime(2023, 9, 15, tzinfo=dt.UTC)
            )
            database, _ = open_seeded(building, context)
            with database, database.write() as session:
                generate_demo(session)
            building.replace(path)
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path, context) -> Database:
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    database = open_database(path, context)
    yield database
    database.close()


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `duban` in-process: exit code, stdout, stderr."""
    from tui.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
