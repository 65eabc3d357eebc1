"""Render every report of the demo year in every format, and the office files as pages.

    .venv/bin/python scripts/render_reports.py [--out build/reports] [--as-of 2023-11-15 ...]
                                               [--no-pages] [--dpi 60]

Builds the demo database (seeded, then the synthetic year, as tests/conftest.py does),
exports the scorecards, the progress table, a notice for 克城镇, the issued notice
督办〔2023〕1号 and the bulletin in xlsx, docx, csv and md as of each date (2023-11-15 and
2023-12-31 by default) under their default file names, and turns each xlsx and docx into
PNG page images with LibreOffice (soffice --headless --convert-to pdf) and poppler
(pdftoppm -png -r 60): OUT/<as-of>/pages/<file name>-<page>.png. On a fresh Debian or
Ubuntu machine: apt-get install libreoffice-calc libreoffice-writer poppler-utils
fonts-noto-cjk fonts-crosextra-carlito (Carlito has Calibri's metrics, which set a sheet's
column widths: without it a sheet prints smaller than in Excel). Look at the pages after a
change to a writer: stranded headings, rows split across pages, cut or mid-word-broken
text, numbers running into the next column, empty pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATES = (dt.date(2023, 11, 15), dt.date(2023, 12, 31))
FORMATS = ("xlsx", "docx", "csv", "md")
# (kind, unit, notice number): the reports the office submits.
REPORTS: tuple[tuple[str, str | None, str | None], ...] = (
    ("scorecards", None, None),
    ("progress", None, None),
    ("notice", "克城镇", None),
    ("notice", None, "督办〔2023〕1号"),
    ("bulletin", None, None),
)
PAGE_TOOLS = ("soffice", "pdftoppm")


def demo_database(folder: Path) -> Path:
    """The demo year, built as tests/conftest.py builds it (fixed actor and clock)."""
    from model.demo.generator import generate_demo
    from model.store.audit import AuditContext
    from seed.bootstrap import open_seeded

    path = folder / "demo.sqlite3"
    context = AuditContext(actor="演示", clock=lambda: dt.datetime(2023, 9, 15, tzinfo=dt.UTC))
    database, _ = open_seeded(path, context)
    with database, database.write() as session:
        generate_demo(session)
    return path


def export_all(database_path: Path, out: Path, as_of: dt.date, failed: list[str]) -> list[Path]:
    """Every report in every format as of `as_of`, unsigned, under its default name."""
    from exports.service import ExportRequest, run_export
    from model.core.lights import LightRules
    from model.scoring.rubric import default_rubric
    from model.scoring.scorecards import report_period
    from model.status.plan_view import plan_years
    from model.status.workspace import is_demo
    from model.store.audit import AuditContext
    from model.store.db import open_database

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    database = open_database(database_path, AuditContext(actor="演示"))
    with database:
        with database.read() as session:
            year, period_end = report_period(as_of, plan_years(session), None)
            demo = is_demo(session)
        for kind, unit, notice in REPORTS:
            for fmt in FORMATS:
                request = ExportRequest(
                    kind=kind,
                    fmt=fmt,
                    as_of=period_end,
                    year=year,
                    unit=unit,
                    notice=notice,
                    demo=demo,
                )
                name = request.file_name()
                path = out / name
                try:
                    run_export(
                        database,
                        request,
                        path,
                        rules=LightRules(),
                        rubric=default_rubric(),
                        force=True,
                        unsigned=True,
                    )
                except Exception:  # one broken report must not hide the others' pages
                    failed.append(name)
                    traceback.print_exc()
                    continue
                written.append(path)
    return written


def pages(files: list[Path], folder: Path, dpi: int = 60) -> list[Path]:
    """Each xlsx and docx as PDF (LibreOffice), then one PNG a page at `dpi` (poppler):
    pages/<file name>-<page>.png, e.g. 月度通报_演示_2023-11-15.docx-1.png."""
    folder.mkdir(parents=True, exist_ok=True)
    images = []
    for suffix in (".docx", ".xlsx"):
        office = [f for f in files if f.suffix == suffix]
        if not office:
            continue
        # A private LibreOffice profile: no clash with a running office, no first-run
        # dialogs; one folder per suffix, since the xlsx and docx of a report share a stem.
        with (
            tempfile.TemporaryDirectory(prefix="duban-lo-") as profile,
            tempfile.TemporaryDirectory(prefix="duban-pdf-") as converted,
        ):
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    converted,
                    *map(str, office),
                ],
                check=True,
                capture_output=True,
            )
            for file in office:
                pdf = folder / f"{file.name}.pdf"
                shutil.move(Path(converted) / f"{file.stem}.pdf", pdf)
                for old in folder.glob(f"{glob.escape(file.name)}-*.png"):
                    old.unlink()
                subprocess.run(
                    ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / file.name)],
                    check=True,
                )
                images += sorted(folder.glob(f"{glob.escape(file.name)}-*.png"))
    return images


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "reports")
    parser.add_argument(
        "--as-of", type=dt.date.fromisoformat, action="append", help="YYYY-MM-DD (repeatable)"
    )
    parser.add_argument("--no-pages", action="store_true", help="files only, no page images")
    parser.add_argument(
        "--dpi", type=int, default=60, help="page image resolution (60: a page at a glance)"
    )
    args = parser.parse_args(argv)
    missing = [] if args.no_pages else [t for t in PAGE_TOOLS if shutil.which(t) is None]
    if missing:
        print(
            f"missing {', '.join(missing)}: apt-get install libreoffice-calc "
            "libreoffice-writer poppler-utils fonts-noto-cjk fonts-crosextra-carlito "
            "(or pass --no-pages)",
            file=sys.stderr,
        )
        return 2
    # The report reads no user config or keyring: the default rubric, unsigned files.
    os.environ.setdefault("DUBAN_CONFIG", str(args.out / "config.toml"))
    args.out.mkdir(parents=True, exist_ok=True)
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="duban-demo-") as temporary:
        database = demo_database(Path(temporary))
        for as_of in args.as_of or DATES:
            folder = args.out / as_of.isoformat()
            files = export_all(database, folder, as_of, failed)
            print(f"{as_of}: {len(files)} files in {folder}")
            if not args.no_pages:
                images = pages(files, folder / "pages", args.dpi)
                print(f"{as_of}: {len(images)} pages in {folder / 'pages'}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
