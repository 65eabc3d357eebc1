"""A property of the whole command line (#13): whatever the arguments, `duban` ends with a
documented exit code and never a traceback, and a command that only reads leaves the
database's bytes as they were.

Every subcommand but `demo` (it builds a whole year, a second each) is driven in-process
with generated arguments against a copy of the seeded database. Deterministic
(derandomize) and bounded, so it runs in seconds.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import file_digest
from tui.cli import main

DOCUMENTED = {0, 1, 2, 3, 4, 130, 141}
SEED_TEXT = Path(__file__).resolve().parents[2] / "seed" / "data" / "puxian-2023-action-plans.txt"


def _mostly(valid: list[str], bad: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Three draws in four valid, so that most command lines get past argparse."""
    good = st.sampled_from(valid)
    return st.one_of(good, good, good, bad)


DATES = _mostly(
    ["2023-09-15", "2023-12-31", "2024-03-01", "2000-01-01", "2100-12-31"],
    st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "1999-12-31",
            "2101-01-01",
            "2023-02-30",
            "2023-13-01",
            "20231115",
            "2023/11/15",
            "２０２３-11-15",
            "",
            "-1",
        ]
    )
    | st.text(max_size=12),
)
YEARS = _mostly(
    ["2023", "2024", "2000", "2100"],
    st.sampled_from(["1999", "99999", "-5", "0", "abc", ""])
    | (st.integers(-(10**12), 10**12).map(str)),
)
UNITS = _mostly(
    ["蒲城镇", "住建局", "zjj", "各乡镇", "克城镇"],
    st.sampled_from(
        [
            "",
            " ",
            "=SUM(A1)",
            "单" * 3000,
            "x" * 10_000,
            "a\x01b\x1b[31m",
            "\u202e蒲城镇",
            "蒲城镇\n克城镇",
            "a\x00b",
        ]
    )
    | st.text(max_size=20),
)
OUTPUTS = st.sampled_from(
    [
        "out.md",
        "a?b#c%d e 中.xlsx",
        "n" * 300 + ".md",
        "名" * 100 + ".csv",
        "missing/x.md",
        ".",
        "",
        "FIFO",
        "DIR",
        "/dev/null",
        "/dev/full",
    ]
)
FORMATS = st.sampled_from(["json", "toml", "xlsx", "docx", "csv", "md", "table", "pdf", ""])
TEXT = st.sampled_from(["", "空气", "air", "kq3", "空气 3", "x" * 300, "=1+1"]) | st.text(
    max_size=10
)
FILES = st.sampled_from(
    ["SEED_TEXT", "FIFO", "DIR", "missing.txt", "DEEP", "GARBAGE", "", "/dev/null"]
)


def _option(flag: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    # Absent two times in three: a line with every option given is refused for one of them.
    return st.one_of(st.just([]), st.just([]), values.map(lambda value: [flag, value]))


def _switch(flag: str) -> st.SearchStrategy[list[str]]:
    return st.sampled_from([[], [flag]])


def _line(*parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    return st.tuples(*parts).map(lambda lists: [a for part in lists for a in part])


def _words(*words: str) -> st.SearchStrategy[list[str]]:
    return st.just(list(words))


def _one(values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return values.map(lambda value: [value])


AS_OF = _option("--as-of", DATES)
COMMAND_LINES = st.one_of(
    _line(_words("status"), _one(UNITS), AS_OF, _option("--format", FORMATS)),
    _line(
        _words("export"),
        _one(
            st.sampled_from(
                ["plans", "scorecards", "progress", "notice", "bulletin", "rubric", "x"]
            )
        ),
        AS_OF,
        _option("--format", FORMATS),
        _option("--year", YEARS),
        _option("--plan", TEXT),
        _option("--unit", UNITS),
        _option("--notice", TEXT),
        _option("-o", OUTPUTS),
        _switch("--force"),
        _switch("--unsigned"),
        _switch("--detail"),
        _option("--as-recorded", DATES),
    ),
    _line(_words("verify"), _one(OUTPUTS | FILES)),
    _line(
        _words("rubric"),
        _one(st.sampled_from(["show", "check", "explain", "x"])),
        _option("", FILES).map(lambda a: a[1:]),
    ),
    _line(
        _words("audit"),
        _one(st.sampled_from(["verify", "log", "x"])),
        _option("--unit", UNITS),
        _option("--task", TEXT),
        _option("--since", DATES),
        _option("--limit", YEARS),
    ),
    _line(
        _words("import-plan"),
        _one(FILES),
        _option("--year", YEARS),
        _option("--key", TEXT),
        _switch("--dry-run"),
        _option("--format", FORMATS),
        _option("-o", OUTPUTS),
        _option("--map", TEXT),
        _option("--new-unit", UNITS),
        _option("--issued-on", DATES),
    ),
    _line(_words("seed", "--from"), _one(FILES)),
    _line(
        _words("group"),
        _one(UNITS),
        _option("--add", UNITS),
        _option("--remove", UNITS),
        _option("--on", DATES),
        _option("--reason", TEXT),
    ),
    _line(
        _words("review"),
        _one(st.sampled_from(["show", "self", "set", "approve", "reopen", "x"])),
        _one(UNITS),
        AS_OF,
        _option("--year", YEARS),
        _option("--item", TEXT),
        _option("--points", st.sampled_from(["85", "-1.5", "nan", "inf", "1e309", "abc", ""])),
        _option("--note", TEXT),
        _option("--reason", TEXT),
        _option("--by", UNITS),
    ),
    # --- a unit and its liaison, one report (#14) ---
    _line(
        _words("unit"),
        _one(UNITS),
        AS_OF,
        _option("--liaison", TEXT),
        _option("--phone", TEXT),
        _option("--note", TEXT),
        _switch("--clear-liaison"),
        _option("--reason", TEXT),
    ),
    _line(
        _words("report"),
        _one(UNITS),
        _one(TEXT),
        AS_OF,
        _option("--status", st.sampled_from(["推进中", "已完成", "done", "x", ""])),
        _option("--percent", st.sampled_from(["0", "100", "101", "-1", "abc", "1e9", ""])),
        _option("--note", TEXT),
        _option("--evidence", OUTPUTS | FILES),
        _option("--date", DATES),
    ),
    _line(AS_OF),  # the dashboard (refused off a terminal, as under pytest)
)


def _read_only(argv: list[str]) -> bool:
    command = next((a for a in argv if a in _COMMANDS), None)
    if command in {"status", "verify", "rubric", "audit", None}:
        return True
    if command == "import-plan":
        return "--dry-run" in argv
    if command == "unit":  # only its liaison options write
        return not {"--liaison", "--phone", "--note", "--clear-liaison"} & set(argv)
    # A signed export records nothing in the database; an unsigned one neither.
    return command == "export"


_COMMANDS = {
    "status",
    "export",
    "verify",
    "rubric",
    "audit",
    "import-plan",
    "seed",
    "group",
    "review",
    "unit",
    "report",
}


def _materialise(argv: list[str], folder: Path) -> list[str]:
    """The placeholder names made real in the example's own folder."""
    (folder / "DIR").mkdir()
    os.mkfifo(folder / "FIFO")
    (folder / "DEEP").write_text("a = " + "[" * 3000 + "]" * 3000 + "\n")
    (folder / "GARBAGE").write_bytes(bytes(range(256)) * 4)
    names = {"SEED_TEXT": str(SEED_TEXT), "DEEP": str(folder / "DEEP.toml")}
    shutil.copy(folder / "DEEP", folder / "DEEP.toml")
    return [names.get(arg, arg) for arg in argv]


@pytest.mark.skipif(os.name == "nt", reason="FIFOs and /dev are POSIX")
def test_no_command_line_ends_in_a_traceback(seeded_template, tmp_path, monkeypatch, capsys):
    counter = itertools.count()

    @settings(
        derandomize=True,
        max_examples=200,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(argv=COMMAND_LINES)
    def run(argv: list[str]) -> None:
        folder = tmp_path / f"example-{next(counter)}"
        folder.mkdir()
        monkeypatch.chdir(folder)
        database = folder / "office.sqlite3"
        shutil.copy(seeded_template, database)
        before = file_digest(database)
        full = ["--db", str(database), *_materialise(argv, folder)]
        try:
            code = main(full)
        except SystemExit as exit_:  # argparse: --help, or a refused argument
            code = int(exit_.code or 0)
        _, err = capsys.readouterr()
        assert code in DOCUMENTED, (full, code, err)
        assert "Traceback" not in err, (full, err)
        assert "程序内部出错" not in err, (full, err)  # the net caught a bug: find it
        if _read_only(argv):
            assert file_digest(database) == before, full
        assert Path("/dev/null").is_char_device() and Path("/dev/full").is_char_device()

    run()
