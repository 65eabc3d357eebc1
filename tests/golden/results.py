"""Every result a speed-up could change, as canonical JSON: the scorecards (all fields,
every line) and the overview, on the demo database (in full) and on the synthetic M scale
(a digest per result).

`python -m tests.golden.results` rewrites the recorded files; only do so for a change
that is meant to change results, and say so in the commit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

from model.core.lights import LightRules
from model.scoring.rubric import default_rubric
from model.scoring.scorecards import compute_scorecards
from model.status.overview import overview
from model.store.db import Database

HERE = Path(__file__).resolve().parent
# The as-of days: mid-year (provisional cards, lights with yellows and reds) and year-end.
DAYS = (dt.date(2023, 9, 15), dt.date(2023, 11, 15), dt.date(2023, 12, 31))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def results(database: Database) -> dict[str, Any]:
    rules = LightRules()
    out: dict[str, Any] = {}
    with database.read() as session:
        for day in DAYS:
            board = compute_scorecards(session, year=2023, as_of=day, rubric=default_rubric())
            out[f"scorecards {day}"] = _plain(board)
            out[f"overview {day}"] = _plain(overview(session, day, rules))
    return out


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)


def digests(data: dict[str, Any]) -> dict[str, str]:
    """One SHA-256 per result: M's full results would weigh a megabyte in the repo."""
    return {
        key: hashlib.sha256(canonical(value).encode()).hexdigest() for key, value in data.items()
    }


def recorded(name: str) -> dict[str, Any]:
    with gzip.open(HERE / f"{name}.json.gz", "rt", encoding="utf-8") as file:
        data: dict[str, Any] = json.load(file)
    return data


def record(name: str, data: dict[str, Any]) -> None:
    # mtime=0: the same results write the same bytes, so git sees no change.
    with (
        open(HERE / f"{name}.json.gz", "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed,
    ):
        packed.write(canonical(data).encode("utf-8"))


def build(kind: str, path: Path) -> Database:
    """The demo database, or the synthetic M scale, from nothing, in the file `path`."""
    from model.store.audit import AuditContext
    from model.store.db import open_database

    context = AuditContext(actor="测试员", clock=lambda: dt.datetime(2023, 9, 15, tzinfo=dt.UTC))
    if kind == "demo":
        from model.demo.generator import generate_demo
        from seed.bootstrap import open_seeded

        database, _ = open_seeded(path, context)
        with database.write() as session:
            generate_demo(session)
        return database
    from model.demo.synthetic import SCALES, generate
    from seed.loader import load_default_seed

    database = open_database(path, context)
    with database.write() as session:
        generate(session, load_default_seed().document, SCALES["M"])
    return database


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for kind in ("demo", "M"):
            with build(kind, Path(folder) / f"{kind}.sqlite3") as database:
                data = results(database)
                record(kind, data if kind == "demo" else digests(data))
            print(f"recorded {kind}")
