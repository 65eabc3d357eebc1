"""`duban export … --as-recorded D`: the report the office could have printed on D, again.

The demo database is stamped with its synthetic days; a report printed "on" 2023-11-15 is
one exported from the records entered by then. Later entries dated on or before that day
change the report as of it, never the one as recorded on it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from model.store.audit import AuditContext
from model.store.db import open_database
from model.work.adjustments import add_adjustment
from model.work.notices import record_reply
from tests.conftest import run_cli

D = "2023-11-15"
DAY = dt.date(2023, 11, 15)


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The office's database at the end of D: the demo built up to D (nothing later)."""
    from model.demo.generator import generate_demo
    from seed.bootstrap import open_seeded

    path = tmp_path_factory.mktemp("office") / "office.sqlite3"
    context = AuditContext(actor="测试员", clock=lambda: dt.datetime(2023, 9, 15, tzinfo=dt.UTC))
    database, _ = open_seeded(path, context)
    with database, database.write() as session:
        generate_demo(session, until=DAY)
    return path


@pytest.fixture
def office(office_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite3"
    shutil.copy(office_template, path)
    return path


def enter_later(path: Path) -> None:
    """On 12-20, an adjustment and a reply, both dated on or before D."""
    later = AuditContext(actor="测试员", clock=lambda: dt.datetime(2023, 12, 20, tzinfo=dt.UTC))
    with open_database(path, later) as database, database.write() as session:
        add_adjustment(
            session,
            unit="水利局",
            year=2023,
            points=5,
            reason="补录的加分",
            approver="县政府办",
            decided_on=dt.date(2023, 11, 10),
            as_of=DAY,
        )
        record_reply(session, "督办〔2023〕1号", reply_on=DAY, text="补录的答复", as_of=DAY)


def export(capsys, database: Path, output: Path, *args: str) -> None:
    code, _, err = run_cli(capsys, "export", *args, "--db", str(database), "-o", str(output))
    assert code == 0, err


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_scorecards_printed_on_d_are_reproduced_byte_for_byte(capsys, office, tmp_path, fmt):
    name = f"年终考核评分表.{fmt}"
    first, now, again = (tmp_path / folder for folder in ("first", "now", "again"))
    for folder in (first, now, again):
        folder.mkdir()
    scorecards = ("scorecards", "--format", fmt)
    export(capsys, office, first / name, *scorecards, "--as-of", D)  # printed on D
    enter_later(office)
    export(capsys, office, now / name, *scorecards, "--as-of", D)
    assert (now / name).read_bytes() != (first / name).read_bytes()  # the late entries count
    code, _, err = run_cli(
        capsys,
        "export",
        *scorecards,
        "--as-recorded",
        D,
        "--db",
        str(office),
        "-o",
        str(again / name),
    )
    assert code == 0, err
    assert f"按 {D} 的录入重现：撤销了其后录入的 2 条记录" in err
    # The file and its signature manifest, as printed on D.
    assert (again / name).read_bytes() == (first / name).read_bytes()
    manifest = name + ".sig.toml"
    assert (again / manifest).read_bytes() == (first / manifest).read_bytes()
    code, out, err = run_cli(capsys, "verify", str(again / name), "--db", str(office))
    assert code == 0, err
    assert out.startswith("校验通过")


def test_every_report_kind_is_reproduced(capsys, office, tmp_path):
    kinds = {
        "progress": ("progress", "--format", "md"),
        "bulletin": ("bulletin", "--format", "csv"),
        "notice": ("notice", "--format", "md", "--notice", "督办〔2023〕1号"),
    }
    for kind, args in kinds.items():
        export(capsys, office, tmp_path / f"{kind}-first", *args, "--unsigned", "--as-of", D)
    enter_later(office)
    for kind, args in kinds.items():
        again = tmp_path / f"{kind}-again"
        export(capsys, office, again, *args, "--unsigned", "--as-recorded", D)
        assert again.read_bytes() == (tmp_path / f"{kind}-first").read_bytes(), kind


def test_the_as_of_date_is_the_recorded_day_unless_given(capsys, office, tmp_path):
    args = ("export", "progress", "--format", "md", "--unsigned", "--db", str(office))
    code, _, err = run_cli(capsys, *args, "--as-recorded", D, "-o", str(tmp_path / "a.md"))
    assert code == 0, err
    assert "（截至2023年11月15日）" in (tmp_path / "a.md").read_text(encoding="utf-8")
    code, _, err = run_cli(
        capsys, *args, "--as-recorded", D, "--as-of", "2023-11-01", "-o", str(tmp_path / "b.md")
    )
    assert code == 0, err
    assert "（截至2023年11月1日）" in (tmp_path / "b.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "message"),
    [("2023-02-30", "日期「2023-02-30」无效"), ("15.11.2023", "日期「15.11.2023」无效")],
)
def test_a_bad_date_is_refused_like_every_date(capsys, tmp_path, value, message):
    database = tmp_path / "none.sqlite3"
    with pytest.raises(SystemExit) as exit_:
        run_cli(capsys, "export", "scorecards", "--as-recorded", value, "--db", str(database))
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    assert not database.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("scorecards", "--as-recorded", "2100-01-01"), "--as-recorded 2100-01-01 还未到来"),
        (("plans", "--as-recorded", D), "--as-recorded 只适用于报表"),
    ],
)
def test_refusals_write_nothing(capsys, tmp_path, args, message):
    database = tmp_path / "none.sqlite3"
    output = tmp_path / "out.md"
    code, out, err = run_cli(capsys, "export", *args, "--db", str(database), "-o", str(output))
    assert code == 2
    assert message in err and "错误" in err
    assert out == ""
    assert not database.exists() and not output.exists()
