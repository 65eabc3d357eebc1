"""How `make mutation` runs a mutant's tests (scripts/mutation_run.py, CollectedOnceRunner):
from one collection made before the fork, a failure or an error in a fixture counting as a
kill, stopping at the first failure, each process's temporary folders its own and gone.

The runner starts a pytest session of its own, so it runs in a process of its own here,
on a small project in a temporary folder laid out as mutmut lays out `mutants/`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"

TESTS = """
import pathlib

import pytest

MARK = pathlib.Path(__file__).parent / "after-the-failure"


@pytest.fixture
def broken():
    raise RuntimeError("a fixture that cannot be built")


def test_passes():
    assert True


def test_fails():
    assert False


def test_errs(broken):
    pass


def test_marks():
    MARK.write_text("ran")


def test_writes_a_temporary_file(tmp_path):
    (tmp_path / "f").write_text("x")
    assert str(tmp_path).startswith(str(pathlib.Path(__file__).parent.parent / "tmp"))
"""

# Each case in a process forked from the one that collected the tests, as in the fork server.
RUN = """
import json, os, sys
sys.path.insert(0, {scripts!r})
import mutation_run

runner = mutation_run.CollectedOnceRunner()
runner.warm_up()
cases = json.loads({cases!r})
results = {{}}
for name, tests in cases.items():
    pid = os.fork()
    if pid == 0:
        os._exit(runner.run_tests(mutant_name="m", tests=tests))
    _, status = os.waitpid(pid, 0)
    results[name] = os.waitstatus_to_exitcode(status)
# Not printed: the session captures this process's output from its start.
with open("results.json", "w") as out:
    json.dump(results, out)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="mutmut forks: no mutation run here")
def test_a_mutants_tests_run_from_the_collection_made_before_the_fork(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mutmut]\nsource_paths = ["."]\n')
    tests = tmp_path / "mutants" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_cases.py").write_text(TESTS, encoding="utf-8")
    test = "tests/test_cases.py::"
    cases = {
        "survives": [f"{test}test_passes", f"{test}test_writes_a_temporary_file"],
        "killed": [f"{test}test_passes", f"{test}test_fails"],
        "fixture error": [f"{test}test_errs"],
        "stops at the failure": [f"{test}test_fails", f"{test}test_marks"],
    }
    done = subprocess.run(
        [sys.executable, "-c", RUN.format(scripts=str(SCRIPTS), cases=json.dumps(cases))],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "MUTANT_UNDER_TEST": ""},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    assert results == {
        "survives": 0,
        "killed": 1,
        "fixture error": 1,
        "stops at the failure": 1,
    }
    assert not (tests / "after-the-failure").exists()
    assert list((tmp_path / "mutants" / "tmp").iterdir()) == []
