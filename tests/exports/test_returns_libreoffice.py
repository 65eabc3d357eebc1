"""An issued return (报送表) opened and saved again by LibreOffice (#14), the closest stand-in
here for a unit's Excel or WPS: the meta sheet, the protection, the validations and the
keyed hash must all survive. Skipped where LibreOffice is not installed (CI)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from exports.returns_workbook import return_workbook
from model.core import returns_sheet as contract
from tests.exports.test_returns_workbook import ISSUED, KEY, identity_of, read_locked, read_meta

SOFFICE = shutil.which("soffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


def round_trip(source: Path, out: Path, fmt: str) -> Path:
    assert SOFFICE is not None
    profile = out.parent / "lo-profile"  # a profile of its own: no clash with another soffice
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    converted = out / f"{source.stem}.{fmt}"
    assert converted.is_file()
    return converted


def test_a_return_saved_by_libreoffice_keeps_its_identity_protection_and_hash(tmp_path):
    issued = tmp_path / "报送表_2023-10_住建局.xlsx"
    issued.write_bytes(return_workbook(ISSUED, KEY))
    saved = round_trip(issued, tmp_path / "saved", "xlsx")
    assert saved.read_bytes() != issued.read_bytes()  # really written again

    book = openpyxl.load_workbook(saved)
    assert book.sheetnames == [contract.SHEET, contract.META_SHEET]
    # LibreOffice has no "very hidden": it saves the sheet hidden. Still out of sight, and
    # what the reader needs is its values.
    assert book[contract.META_SHEET].sheet_state in ("veryHidden", "hidden")
    meta = read_meta(book)
    assert meta == read_meta(openpyxl.load_workbook(issued))
    identity = identity_of(meta)
    read = read_locked(book, len(identity.task_ids))
    assert contract.digest_matches(KEY.key, identity, read, meta["digest"])

    sheet = book[contract.SHEET]
    assert sheet.protection.sheet
    first, last = contract.FIRST_ROW, contract.FIRST_ROW + len(identity.task_ids) - 1
    for row in sheet.iter_rows(min_row=1, max_row=last, max_col=len(contract.COLUMNS)):
        for cell in row:
            is_input = cell.row >= first and cell.column > len(contract.LOCKED)
            assert cell.protection.locked is not is_input, cell.coordinate
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert set(rules) == {f"{col}{first}:{col}{last}" for col in "HIJKLM"}
    percent = rules[f"I{first}:I{last}"]
    assert (percent.type, percent.formula1, percent.formula2) == ("whole", "0", "100")
    status = rules[f"J{first}:J{last}"]
    assert status.type == "list" and status.formula1 == '"未开始,推进中,已完成,受阻"'
    assert sheet.print_title_rows == f"${contract.HEADER_ROW}:${contract.HEADER_ROW}"
    assert sheet.page_setup.orientation == "landscape"


def test_a_return_prints_through_libreoffice(tmp_path):
    issued = tmp_path / "报送表_2023-10_住建局.xlsx"
    issued.write_bytes(return_workbook(ISSUED, KEY))
    pdf = round_trip(issued, tmp_path / "pdf", "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
