"""`mutmut run`, as `make mutation` runs it: mutmut, with some of its steps made quicker.

mutmut first has mypy check every mutant (`type_check_command` in pyproject.toml): a
mutant mypy --strict refuses could never be committed, so it is not run against the tests
(it counts as caught, shown apart by scripts/mutation_score.py). Here mypy runs beside
mutmut's first run of the tests, not before it (`MypyInBackground`). To tell which mutant an
error belongs to, mutmut parses each mutated file with libcst; the scorecards' file holds a
copy of a function for every mutant, a quarter of a million lines, and that parse took
five of the run's minutes and 8 GB. Python's own `ast` finds the same functions, by the
same names and lines, in seconds.

Before the first mutant, mutmut runs every selected test twice: once to learn which tests
reach which function (the run stops there if any test fails), then once more "clean". A
`make mutation` run always starts afresh, so the second run only repeats the first: it is
skipped (a minute and a half of the run).

A mutant listed in mutation-equivalent.txt, in the function it was judged in, is not run
(scripts/mutation_equivalents.py): it could only survive, after every test that reaches it.

mutmut's fork server records no time for a mutant (always 0.0): here each result carries
the seconds from its hand-off to its result (a mutant is handed off only when a worker is
free, so this is its own run), kept in mutmut's files for scripts/mutation_score.py.

A mutant's tests run from one collection of the tests, made once in mutmut's fork server
(`CollectedOnceRunner`), not from a `pytest.main` of their own.

Everything else is mutmut's (pinned below 4 in pyproject.toml; this replaces
`filter_mutants_with_type_checker`, `collect_source_file_mutation_data`,
`ForkServerRunner.run_clean_tests` and the fork server's `PytestRunner` of 3.8).
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import mutmut.__main__ as mutmut_main
from mutation_equivalents import function_of, listed
from mutmut.configuration import config
from mutmut.mutation.data import SourceFileMutationData
from mutmut.mutation.file_mutation import (
    FailedTypeCheckMutant,
    MutatedMethodLocation,
    group_by_path,
)
from mutmut.runners.harness import PytestRunner
from mutmut.type_checking import TypeCheckingError, parse_mypy_report
from mutmut.utils.file_utils import change_cwd
from mutmut.utils.format_utils import get_mutant_name, is_mutated_method_name
from mutmut.workers import isolation
from mutmut.workers.isolation import ForkServerRunner, MutantResult

if TYPE_CHECKING:
    import pytest

collect_source_file_mutation_data = mutmut_main.collect_source_file_mutation_data
SKIPPED = 34  # mutmut's exit code for a mutant it was told not to run
_handed_off: dict[str, float] = {}  # mutant name → time.monotonic() when it was handed off
_submit = ForkServerRunner.submit
_wait_for_result = ForkServerRunner.wait_for_result


def mutated_functions(path: Path) -> list[MutatedMethodLocation]:
    """Every mutant's function in a mutated file, with its first and last line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        MutatedMethodLocation(
            file=path,
            function_name=node.name,
            line_number_start=node.lineno,
            line_number_end=node.end_lineno or node.lineno,
        )
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and is_mutated_method_name(node.name)
    ]


def caught_by_mypy(errors: list[TypeCheckingError]) -> dict[str, FailedTypeCheckMutant]:
    """The mutants mypy refuses, by name, with mypy's first word on each (in mutants/)."""
    caught: dict[str, FailedTypeCheckMutant] = {}
    for path, errors_of_file in group_by_path(errors).items():
        functions = sorted(mutated_functions(path), key=lambda f: f.line_number_start)
        if not functions:
            continue
        for error in errors_of_file:
            function = next(
                (
                    f
                    for f in functions
                    if f.line_number_start <= error.line_number <= f.line_number_end
                ),
                None,
            )
            if function is None:  # as mutmut: an error outside every mutant
                raise RuntimeError(
                    f"type error outside any mutant: {path}:{error.line_number} "
                    f"({error.error_description})"
                )
            name = get_mutant_name(path.relative_to(Path(".").absolute()), function.function_name)
            caught.setdefault(
                name, FailedTypeCheckMutant(method_location=function, name=name, error=error)
            )
    return caught


class MypyInBackground(Mapping[str, FailedTypeCheckMutant]):
    """mypy's verdicts, from a mypy started at once and read when first asked for.

    mutmut runs mypy (a minute, one core) and then its first run of the tests (a minute
    and a half, one core) one after the other, and needs mypy's answer only when the
    mutants start: here the two run side by side on the machine's two cores. mypy writes
    to a file, not a pipe, so it never waits on a full pipe for a reader."""

    def __init__(self, command: list[str]) -> None:
        self._output = Path("mutants", "mypy.jsonl").absolute()
        self._errors = Path("mutants", "mypy.stderr").absolute()
        # mypy keeps its own copies of the two files: these close once it has them.
        with self._output.open("w") as output, self._errors.open("w") as errors:
            self._process = subprocess.Popen(command, cwd="mutants", stdout=output, stderr=errors)
        self._caught: dict[str, FailedTypeCheckMutant] | None = None

    def _verdicts(self) -> dict[str, FailedTypeCheckMutant]:
        if self._caught is None:
            self._process.wait()
            text = self._output.read_text(encoding="utf-8")
            try:
                report = [json.loads(line) for line in text.splitlines() if line.strip()]
            except json.JSONDecodeError:
                raise RuntimeError(
                    f"mypy did not answer in JSON: {text[:2000]} "
                    f"{self._errors.read_text(encoding='utf-8')[:2000]}"
                ) from None
            with change_cwd(Path("mutants")):
                self._caught = caught_by_mypy(parse_mypy_report(report))
        return self._caught

    def __getitem__(self, name: str) -> FailedTypeCheckMutant:
        return self._verdicts()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._verdicts())

    def __len__(self) -> int:
        return len(self._verdicts())


def filter_mutants_with_type_checker() -> Mapping[str, FailedTypeCheckMutant]:
    """mypy's verdicts on every mutant, mypy run beside mutmut's first run of the tests."""
    return MypyInBackground(config().type_check_command)


def without_listed_equivalents(
    *, mutant_names: tuple[str, ...] | list[str]
) -> tuple[list[tuple[SourceFileMutationData, str, int | None]], dict[str, SourceFileMutationData]]:
    """mutmut's list of mutants to run, a listed equivalent marked skipped (exit code 34)
    while its function is the one it was judged in (scripts/mutation_equivalents.py): it
    ran every test that reaches it, only to survive, and counts for nothing in the score."""
    mutants, by_path = collect_source_file_mutation_data(mutant_names=mutant_names)
    equivalents = listed()
    kept: list[tuple[SourceFileMutationData, str, int | None]] = []
    for data, name, result in mutants:
        entry = equivalents.get(name)
        if entry and data.hash_by_function_name.get(function_of(name)[1]) == entry.function_hash:
            data.exit_code_by_key[name] = SKIPPED
            data.save()
            result = SKIPPED
        kept.append((data, name, result))
    return kept, by_path


def clean_run_already_made(runner: ForkServerRunner, tests: Iterable[str]) -> int:
    """The tests just passed, unmutated, in the run that mapped them to functions."""
    return 0


def submit_timed(
    runner: ForkServerRunner,
    mutant_name: str,
    tests: list[str],
    cpu_time_limit: int,
    estimated_time: float,
) -> None:
    _handed_off[mutant_name] = time.monotonic()
    _submit(runner, mutant_name, tests, cpu_time_limit, estimated_time)


def wait_for_result_timed(runner: ForkServerRunner, timeout: float | None = None) -> MutantResult:
    result = _wait_for_result(runner, timeout)
    handed_off = _handed_off.pop(result.mutant_name, None)
    if handed_off is not None:
        result.duration = time.monotonic() - handed_off
    return result


class CollectedOnceRunner(PytestRunner):
    """mutmut's pytest runner, with the tests collected once, in the fork server.

    mutmut's own runner calls `pytest.main` in every mutant's process: it reads the options,
    loads the plugins and collects the mutant's test modules before running one test, a
    fifth of a second each time, for a pure function's mutant most of what it costs. Here
    the fork server starts one pytest session and collects every selected test (what
    `pytest.main` does up to its test loop); a mutant's process, forked from it, runs its
    own tests from that collection through pytest's protocol for one test (fixtures,
    reports, the conftest's hooks, the per-test timeout), killers and cheapest first as
    the conftest orders them, and stops at the first failure, as `-x` would.

    Output is captured at the `sys` level (`--capture=sys`): file-descriptor capture would
    have every mutant's process write the same temporary files, opened once in the fork
    server. Each process has temporary folders of its own, removed when it ends (under
    mutants/, which the next `make mutation` removes, if a timeout ended it first).

    Only the mutants' runs are made this way; mutmut's runs of every test (the stats run,
    the forced failure) are its own, as before.
    """

    def __init__(self) -> None:
        super().__init__()
        self._session: pytest.Session | None = None
        self._items: dict[str, pytest.Item] = {}
        self._temporary = Path("mutants", "tmp").absolute()

    def warm_up(self) -> None:
        # Imported here, in the fork server: mutmut's own process never loads pytest.
        import pytest
        from _pytest.config import _prepareconfig

        args = [
            "--rootdir=.",
            "--tb=native",
            *self._pytest_args_regular_run([]),
            *self._pytest_add_cli_args,
            "--capture=sys",
        ]
        # `pytest.main`'s own first steps (wrap_session, up to the test loop): pytest's
        # private names, which is why pyproject.toml keeps pytest below 9.
        with change_cwd("mutants"):
            config = _prepareconfig(args)
            session = pytest.Session.from_config(config)
            config._do_configure()
            config.hook.pytest_sessionstart(session=session)
            config.hook.pytest_collection(session=session)
        self._session = session
        self._items = {item.nodeid: item for item in session.items}

    def run_tests(self, *, mutant_name: str | None, tests: Iterable[str]) -> int:
        tests = list(tests)
        session = self._session
        if session is None or not tests or any(t not in self._items for t in tests):
            return super().run_tests(mutant_name=mutant_name, tests=tests)
        config = session.config
        items = [self._items[t] for t in tests]
        self._temporary.mkdir(exist_ok=True)
        temporary = Path(tempfile.mkdtemp(dir=self._temporary))
        factory: Any = config._tmp_path_factory  # type: ignore[attr-defined]
        factory._given_basetemp = temporary / "pytest"
        factory._basetemp = None
        try:
            with change_cwd("mutants"):
                # The conftest orders a mutant's tests here, as at a collection of its own
                # (the fork server's collection ran with no mutant set).
                config.hook.pytest_collection_modifyitems(
                    session=session, config=config, items=items
                )
                for index, item in enumerate(items):
                    following = items[index + 1] if index + 1 < len(items) else None
                    config.hook.pytest_runtest_protocol(item=item, nextitem=following)
                    if session.testsfailed:
                        return 1
            return 0
        finally:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    mutmut_main.filter_mutants_with_type_checker = filter_mutants_with_type_checker  # type: ignore[attr-defined]
    mutmut_main.collect_source_file_mutation_data = without_listed_equivalents
    ForkServerRunner.run_clean_tests = clean_run_already_made  # type: ignore[method-assign,assignment]
    ForkServerRunner.submit = submit_timed  # type: ignore[method-assign]
    ForkServerRunner.wait_for_result = wait_for_result_timed  # type: ignore[method-assign]
    isolation.PytestRunner = CollectedOnceRunner  # type: ignore[misc]
    mutmut_main.cli()
