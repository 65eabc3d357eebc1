"""Returns and liaisons put straight into a test database, for the tests of what is read
from them (status, reminders, the 督办 tab): the collecting service is tested on its own,
and these tests must not depend on how it or the demo fills the tables."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

from tests.conftest import sqlite_file


def _unit_id(connection: sqlite3.Connection, unit: str) -> int:
    row = connection.execute("SELECT id FROM unit WHERE name = ?", (unit,)).fetchone()
    assert row is not None, unit
    return int(row[0])


def add_liaison(path: Path, unit: str, name: str, phone: str = "") -> None:
    with sqlite_file(path) as connection:
        connection.execute(
            "INSERT INTO unit_liaison (unit_id, name, phone, note) VALUES (?, ?, ?, '')",
            (_unit_id(connection, unit), name, phone),
        )


def add_return(path: Path, unit: str, period: str, received_on: dt.date) -> None:
    digest = hashlib.sha256(f"{unit}{period}{received_on}".encode()).hexdigest()
    with sqlite_file(path) as connection:
        connection.execute(
            "INSERT INTO return_submission (unit_id, period, received_on, file_name, sha256,"
            " reason) VALUES (?, ?, ?, ?, ?, '')",
            (
                _unit_id(connection, unit),
                period,
                received_on.isoformat(),
                f"报送表 {period} {unit}.xlsx",
                digest,
            ),
        )


# October 2023 as the tests chase it: due 2023-11-10 (a Friday). Two units returned on time
# (one on the due date itself), two late, two with liaisons (one without a phone); the rest
# of the 27 units owing a return did not send one.
OCTOBER = "2023-10"
OCTOBER_DUE = dt.date(2023, 11, 10)


def october_returns(path: Path) -> None:
    add_return(path, "住建局", OCTOBER, dt.date(2023, 11, 8))
    add_return(path, "水利局", OCTOBER, OCTOBER_DUE)
    add_return(path, "克城镇", OCTOBER, dt.date(2023, 11, 13))
    add_return(path, "林业局", OCTOBER, dt.date(2023, 11, 15))
    add_liaison(path, "交警大队", "张敏", "13903570001")
    add_liaison(path, "公安局", "李强")
    add_liaison(path, "住建局", "王芳", "0357-5522001")


def only_october_returns(path: Path) -> None:
    """October's returns and liaisons as above, and no others: whatever a database (the
    demo's) recorded before is taken out, so what is shown depends on this file alone."""
    with sqlite_file(path) as connection:
        connection.execute("UPDATE progress_report SET return_id = NULL")
        connection.execute("DELETE FROM return_submission")
        connection.execute("DELETE FROM unit_liaison")
    october_returns(path)
