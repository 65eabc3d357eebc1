"""Benchmarks for the performance targets (figures for closing notes; no timed tests).

    python bench/bench.py startup    first painted screen: duban vs a bare Textual app (S)
    python bench/bench.py status     `duban status UNIT` whole process (S)
    python bench/bench.py scale      synthetic M and L: status at L, all scorecards at M and L
    python bench/bench.py ui         filter keystroke and tab switch on the dashboard at M
    python bench/bench.py export     `duban export scorecards` to xlsx and docx at M (process)
    python bench/bench.py demo       building the demo database: seeding, then the synthetic year

Each figure is the median of several runs of a fresh process on this machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable


def timed(command: list[str], runs: int) -> list[float]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    subprocess.run(command, check=True, capture_output=True, env=env)  # warm the disk cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return times


def demo_database(folder: Path) -> Path:
    path = folder / "demo.sqlite3"
    if not path.exists():
        from model.demo.generator import generate_demo
        from model.store.audit import AuditContext
        from seed.bootstrap import open_seeded

        database, _ = open_seeded(path, AuditContext(actor="bench"))
        with database, database.write() as session:
            generate_demo(session)
    return path


def report(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    low = min(times) * 1000
    print(f"{name:<44} median {median * 1000:7.0f} ms   min {low:6.0f} ms   n={len(times)}")
    return median


def bench_startup(folder: Path, runs: int) -> None:
    db = demo_database(folder)
    bare = report(
        "bare Textual app, same widgets",
        timed([PYTHON, str(HERE / "first_paint.py"), "bare"], runs),
    )
    duban = report(
        "duban (demo DB) to overview painted",
        timed(
            [
                PYTHON,
                str(HERE / "first_paint.py"),
                "duban",
                "--db",
                str(db),
                "--as-of",
                "2023-11-15",
            ],
            runs,
        ),
    )
    print(f"ratio duban / bare: {duban / bare:.2f}  (target ≤ 1.6)")


def bench_status(folder: Path, runs: int) -> None:
    db = demo_database(folder)
    command = [
        PYTHON,
        "-m",
        "tui.cli",
        "status",
        "住建局",
        "--db",
        str(db),
        "--as-of",
        "2023-11-15",
    ]
    report("duban status 住建局 (S, demo DB)", timed(command, runs))
    report("duban status 住建局 --format json (S)", timed([*command, "--format", "json"], runs))
    report("python -c pass (interpreter floor)", timed([PYTHON, "-c", "pass"], runs))


def scale_database(folder: Path, name: str) -> Path:
    path = folder / f"{name}.sqlite3"
    if not path.exists():
        from model.demo.synthetic import SCALES, generate
        from model.store.audit import AuditContext
        from model.store.db import open_database
        from seed.loader import load_default_seed

        start = time.perf_counter()
        database = open_database(path, AuditContext(actor="bench"))
        with database, database.write() as session:
            counts = generate(session, load_default_seed().document, SCALES[name])
        print(f"generated {name}: {counts} in {time.perf_counter() - start:.1f} s")
    return path


SCORE_SCRIPT = """
import datetime as dt, resource, sys, time
from pathlib import Path
from model.store.audit import AuditContext
from model.store.db import open_database
from model.scoring.rubric import default_rubric
from model.scoring.scorecards import compute_scorecards
database = open_database(Path(sys.argv[1]), AuditContext(actor="bench"))
start = time.perf_counter()
with database.read() as session:
    board = compute_scorecards(
        session, year=2023, as_of=dt.date(2023, 12, 31), rubric=default_rubric()
    )
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{len(board.cards)} {elapsed:.3f} {peak:.0f}")
"""


def bench_scale(folder: Path, runs: int) -> None:
    for name in ("M", "L"):
        db = scale_database(folder, name)
        results = []
        for _ in range(max(3, runs // 2)):
            out = subprocess.run(
                [PYTHON, "-c", SCORE_SCRIPT, str(db)], check=True, capture_output=True, text=True
            ).stdout.split()
            results.append((int(out[0]), float(out[1]), float(out[2])))
        cards = results[0][0]
        median = statistics.median(r[1] for r in results)
        peak = max(r[2] for r in results)
        label = f"all scorecards 2023, {name} ({cards} units)"
        print(f"{label:<44} median {median * 1000:7.0f} ms   peak {peak:.0f} MiB")
    db = scale_database(folder, "L")
    command = [
        PYTHON,
        "-m",
        "tui.cli",
        "status",
        "c050住建局",
        "--db",
        str(db),
        "--as-of",
        "2023-11-15",
    ]
    report("duban status c050住建局 (L, whole process)", timed(command, runs))


UI_SCRIPT = """
import asyncio, datetime as dt, statistics, sys, time
from pathlib import Path
from model.store.audit import AuditContext
from model.store.db import open_database
from model.units.search import pinyin_keys
from tui.app import DubanApp
from tui.widgets.plan_pane import PlanPane
from textual.widgets import Input

async def main():
    database = open_database(Path(sys.argv[1]), AuditContext(actor="bench"))
    app = DubanApp(database, as_of=dt.date(2023, 11, 15))
    pinyin_keys("预热")
    async with app.run_test(size=(160, 45)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        tab_count = len(app.tab_labels())
        plan_tabs = [t for t, _ in app.tab_labels() if t.startswith("plan-")][:8]
        switches = []
        for tab in plan_tabs * 2:
            start = time.perf_counter()
            app.show_tab(tab)
            await app.workers.wait_for_complete()
            await pilot.pause()
            switches.append(time.perf_counter() - start)
        pane = app.query(PlanPane).first()
        app.show_tab(str(pane.parent.id))
        await pilot.pause()
        field = pane.query_one("#filter", Input)
        keys = []
        for text in ["z", "zj", "zjj", "zjjx", "市", "市生", "", "1", "12"]:
            start = time.perf_counter()
            field.value = text
            pane.render_rows()
            app.screen._refresh_layout()
            keys.append(time.perf_counter() - start)
        pause = []
        for _ in range(5):
            start = time.perf_counter()
            await pilot.pause()
            pause.append(time.perf_counter() - start)
    print(tab_count, statistics.median(switches[len(plan_tabs):]),
          statistics.median(keys), max(keys), statistics.median(pause))

asyncio.run(main())
"""


def bench_ui(folder: Path) -> None:
    db = scale_database(folder, "M")
    out = subprocess.run(
        [PYTHON, "-c", UI_SCRIPT, str(db)], check=True, capture_output=True, text=True
    ).stdout.split()
    tabs, switch, key, key_max, pause = int(out[0]), *map(float, out[1:])
    print(
        f"M: {tabs} tabs; tab switch (loaded, incl. one Pilot pause) median {switch * 1000:.0f} ms"
    )
    print(f"M: filter keystroke (filter, re-render, layout): median {key * 1000:.1f} ms")
    print(f"   slowest keystroke {key_max * 1000:.1f} ms")
    print(f"   (a Pilot pause alone: {pause * 1000:.0f} ms)")


def bench_export(folder: Path, runs: int) -> None:
    db = scale_database(folder, "M")
    for fmt in ("xlsx", "docx"):
        out = folder / f"scorecards-M.{fmt}"
        # Unsigned: a benchmark box has no keyring; signing is one SHA-256 of the file.
        command = [
            PYTHON,
            "-m",
            "tui.cli",
            "export",
            "scorecards",
            "--format",
            fmt,
            "--unsigned",
            "--force",
            "-o",
            str(out),
            "--db",
            str(db),
            "--as-of",
            "2023-12-31",
        ]
        report(f"duban export scorecards --format {fmt} (M)", timed(command, max(3, runs // 2)))
        print(f"{'':<44} {out.stat().st_size / 1e6:.1f} MB")


def bench_demo(folder: Path, runs: int) -> None:
    """The demo year in-process (seeding apart), each run on a fresh file."""
    from model.demo.generator import generate_demo
    from model.store.audit import AuditContext
    from seed.bootstrap import open_seeded

    seeding, year = [], []
    for run in range(runs):
        path = folder / f"demo-bench-{run}.sqlite3"
        path.unlink(missing_ok=True)
        start = time.perf_counter()
        database, _ = open_seeded(path, AuditContext(actor="bench"))
        seeded = time.perf_counter()
        with database, database.write() as session:
            generate_demo(session)
        year.append(time.perf_counter() - seeded)
        seeding.append(seeded - start)
        path.unlink()
    report("seed a new database (in-process)", seeding)
    report("demo year: generate_demo (in-process)", year)
    report("demo database in all", [a + b for a, b in zip(seeding, year, strict=True)])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "what", choices=["startup", "status", "scale", "ui", "export", "demo", "all"]
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work", type=Path, help="folder for generated databases (default: temp)")
    args = parser.parse_args()
    folder = args.work or Path(tempfile.mkdtemp(prefix="duban-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.what in ("startup", "all"):
        bench_startup(folder, args.runs)
    if args.what in ("status", "all"):
        bench_status(folder, args.runs)
    if args.what in ("scale", "all"):
        bench_scale(folder, args.runs)
    if args.what in ("ui", "all"):
        bench_ui(folder)
    if args.what in ("export", "all"):
        bench_export(folder, args.runs)
    if args.what in ("demo", "all"):
        bench_demo(folder, args.runs)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    main()
