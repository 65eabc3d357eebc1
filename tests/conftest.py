"""Shared fixtures: a fixed clock and actor, isolated config and data dirs, seeded DBs."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import importlib
import json
import os
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from filelock import FileLock
from hypothesis import Phase, settings
from keyring.backend import KeyringBackend
from keyring.backends import fail

from model.demo.generator import generate_demo
from model.plans.data import PlanDocument
from model.plans.load import import_plan_document
from model.store.audit import AuditContext
from model.store.chain_signing import take_notes
from model.store.db import Database, open_database
from seed.bootstrap import open_seeded

FIXED_NOW = dt.datetime(2023, 9, 15, 9, 30, tzinfo=dt.UTC)
AS_OF = dt.date(2023, 9, 15)


# Property tests draw the same examples on every run and machine (a failure seen once is
# seen again), have no deadline (a loaded machine made a quick example look slow and fail),
# and keep no database of past failures (in a mutation run one mutant's failing example
# would be replayed for the next mutants, making a kill depend on the order of the run).
settings.register_profile("duban", derandomize=True, deadline=None, database=None)
# In a mutation run, the first failing example is all a mutant needs: no shrinking. To find
# a smaller example hypothesis runs the test again and again, and for a mutant that fails
# every example of a database-building test that went on for ten minutes (a timeout is
# one more failure to it, so it shrank on).
settings.register_profile(
    "duban-mutation",
    parent=settings.get_profile("duban"),
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
)
settings.load_profile("duban-mutation" if "MUTANT_UNDER_TEST" in os.environ else "duban")


def pytest_configure(config: pytest.Config) -> None:
    """The dashboard tests make hundreds of thousands of short-lived objects (widgets,
    styles, strips): with Python's default thresholds the cyclic collector ran so often
    that it took a fifth of their time. Collections are rarer here, never skipped."""
    gc.set_threshold(50_000, 20, 50)


def pytest_sessionstart(session: pytest.Session) -> None:
    """In a mutation run, what the code imports only when it is used is imported once, in
    the process every mutant's tests are forked from, not again for each mutant (a fifth of
    a second each: polars alone is most of it)."""
    if "MUTANT_UNDER_TEST" not in os.environ:
        return
    for module in (
        "polars",
        "openpyxl",
        "docx",
        "xlsxwriter",
        "chinese_calendar",
        "pypinyin",
        "cryptography.hazmat.primitives.asymmetric.ed25519",
        "cryptography.hazmat.primitives.ciphers.aead",
        "exports.returns_workbook",
    ):
        importlib.import_module(module)


# What each test cost in mutmut's first run of the tests, setup and teardown as well as the
# call (mutmut's own record holds only the call, so a test whose module first builds the demo
# year looked as quick as one that builds nothing), in the order the tests ran.
_COSTS = "test-costs.json"
_spent: dict[str, list[float]] = {}


# Which tests killed each function's mutants so far in this mutation run, one file per
# function, a line per kill (appended by the mutants' processes as they fail).
_KILLS = "test-kills"
_SPECIAL_RUNS = ("", "stats", "fail", "list_all_tests")  # mutmut's runs of no mutant


def mutated_function(mutant: str) -> str:
    """model.core.lights.x_derive__mutmut_12 → model.core.lights.x_derive, as mutmut reads
    its own names (imported here: only a mutation run, where mutmut is loaded, needs it)."""
    from mutmut.utils.format_utils import mangled_name_from_mutant_name

    return mangled_name_from_mutant_name(mutant)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if mutant == "stats":
        phases = _spent.setdefault(report.nodeid, [0.0, 0.0])
        phases[report.when == "setup"] += report.duration
    elif report.failed and mutant not in _SPECIAL_RUNS:
        kills = Path(__file__).resolve().parent.parent / _KILLS
        kills.mkdir(exist_ok=True)
        # One short write in append mode: two mutants failing at once never mix lines.
        with open(kills / mutated_function(mutant), "a", encoding="utf-8") as record:
            record.write(report.nodeid + "\n")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if os.environ.get("MUTANT_UNDER_TEST") == "stats" and _spent:
        root = Path(__file__).resolve().parent.parent
        (root / _COSTS).write_text(json.dumps(_spent), encoding="utf-8")


def _own_costs(
    nodeids: list[str], spent: dict[str, list[float]]
) -> tuple[dict[str, list[str]], dict[str, float], dict[str, float]]:
    """The tests by module (in `nodeids`' order), what each test costs on its own, and what
    each module's start-up (its module-scoped fixtures) costs.

    `spent` holds each test's [call and teardown, setup] in the order the tests first ran.
    A module's start-up was paid by the first of its tests to run: what that test's setup
    took beyond the others' middle setup."""
    order = {nodeid: index for index, nodeid in enumerate(spent)}
    by_module: dict[str, list[str]] = {}
    for nodeid in nodeids:
        by_module.setdefault(nodeid.partition("::")[0], []).append(nodeid)
    own = {nodeid: sum(spent.get(nodeid, [0.0, 0.0])) for nodeid in nodeids}
    start_ups: dict[str, float] = {}
    for module, tests in by_module.items():
        known = sorted((t for t in tests if t in spent), key=order.__getitem__)
        setups = sorted(spent[t][1] for t in known[1:]) or [0.0]
        start_up = max(0.0, spent[known[0]][1] - setups[len(setups) // 2]) if known else 0.0
        if known:  # the start-up taken off the test that paid it
            own[known[0]] -= start_up
        start_ups[module] = start_up
    return by_module, own, start_ups


def cheapest_first(nodeids: list[str], spent: dict[str, list[float]]) -> list[str]:
    """The tests in the order that reaches a failing one soonest: a module's tests
    together, so its fixtures are built once, modules by what their cheapest test costs
    with the module's own start-up, each module's tests cheapest first."""
    by_module, own, start_ups = _own_costs(nodeids, spent)
    ranked: list[tuple[float, list[str]]] = []
    for module, tests in by_module.items():
        tests.sort(key=own.__getitem__)
        ranked.append((start_ups[module] + own[tests[0]], tests))
    ranked.sort(key=lambda entry: entry[0])
    return [nodeid for _, tests in ranked for nodeid in tests]


def cold_costs(nodeids: list[str], spent: dict[str, list[float]]) -> dict[str, float]:
    """What each test costs run first in a mutant's process: its own time and its
    module's start-up."""
    by_module, own, start_ups = _own_costs(nodeids, spent)
    return {t: own[t] + start_ups[module] for module, tests in by_module.items() for t in tests}


# A function's latest killer counts as this many more kills, the one before it as one more.
_RECENT_BONUS = (3, 1)
_UNKNOWN_COST = 1.0  # seconds: a test the record of costs does not know (none should be)


def killers_first(
    order: list[str],
    kills: list[str],
    costs: dict[str, float],
    earlier: Counter[str] | None = None,
) -> list[str]:
    """`order` with the tests known to kill the function's mutants first, each by what a
    kill by it is likely to cost: its cost in a fresh process divided by its kills; the
    tests that never killed one after, as they were.

    `kills` are this run's, in order; `earlier` counts the last run's
    (mutation-killers.txt). mutmut numbers a function's mutants in the order of its
    lines and neighbours mostly fall to the same test, so the latest killer counts as
    three more kills and the one before it as one more. Kills are divided by cost so that
    a golden test, which kills almost anything in two seconds, does not run first for
    ever once it has killed a few: a tenth-of-a-second test that kills as often goes
    before it."""
    killed = Counter(earlier or {}) + Counter(kills)
    recent = list(dict.fromkeys(reversed(kills)))[: len(_RECENT_BONUS)]
    weights = {nodeid: killed[nodeid] for nodeid in order}
    for nodeid, bonus in zip(recent, _RECENT_BONUS, strict=False):
        if nodeid in weights:
            weights[nodeid] += bonus
    place = {nodeid: index for index, nodeid in enumerate(order)}

    def rank(nodeid: str) -> tuple[bool, float, int]:
        weight = weights[nodeid]
        if not weight:
            return True, 0.0, place[nodeid]
        return False, costs.get(nodeid, _UNKNOWN_COST) / weight, place[nodeid]

    return sorted(order, key=rank)


_HISTORY = "mutation-killers.txt"


@functools.cache
def earlier_kills(path: Path) -> dict[str, Counter[str]]:
    """mutation-killers.txt (written by scripts/mutation_killers.py at the end of a run):
    each function's killers in the last run, with their kills. A line that is not one
    (a merge of two runs' files left its markers) is passed over: the history only orders
    the tests, and must never fail a mutant's run."""
    found: dict[str, Counter[str]] = {}
    if not path.exists():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        function, _, rest = line.partition("\t")
        count, _, nodeid = rest.partition("\t")
        if function and nodeid and count.isdigit():
            found.setdefault(function, Counter())[nodeid] += int(count)
    return found


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """In a mutation run (`make mutation`), a mutant's tests run killers first (this run's
    and the last run's, mutation-killers.txt), then cheapest first (`killers_first`,
    `cheapest_first`): mutmut stops at the first failure and hands the tests in no
    particular order, so a mutant the quickest unit test kills could first wait for the
    demo year's slowest check. Outside a mutation run nothing is reordered."""
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    root = Path(__file__).resolve().parent.parent
    costs = root / _COSTS
    if mutant in _SPECIAL_RUNS or not costs.exists():
        return
    by_id = {item.nodeid: item for item in items}
    spent = json.loads(costs.read_text(encoding="utf-8"))
    order = cheapest_first(list(by_id), spent)
    function = mutated_function(mutant)
    kills_file = root / _KILLS / function
    kills = kills_file.read_text(encoding="utf-8").splitlines() if kills_file.exists() else []
    earlier = earlier_kills(root / _HISTORY).get(function)
    if kills or earlier:
        order = killers_first(order, kills, cold_costs(order, spent), earlier)
    items[:] = [by_id[nodeid] for nodeid in order]


def pytest_collection_finish(session: pytest.Session) -> None:
    """What the test modules imported lives to the end: the collector stops walking it."""
    gc.collect()
    gc.freeze()


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


# The office key of every test (an Ed25519 seed): databases shared by the tests of a module
# are signed by one test and written by the next, as one office's machine would do.
TEST_OFFICE_KEY = "5d" * 32


def office_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    backend.secrets[("duban", "office-ed25519-key")] = TEST_OFFICE_KEY
    return backend


@pytest.fixture(scope="session", autouse=True)
def no_real_keyring() -> None:
    """Fixtures of a module or the session run before a test's own keyring is set: they
    get this one, never the machine's. The machine's is never even looked for: finding it
    loads every installed backend, a tenth of a second each time a mutant's tests start."""
    keyring.set_keyring(office_keyring())


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = office_keyring()
    keyring.set_keyring(backend)
    take_notes()  # what a fixture's writes said is not this test's to print
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def context() -> AuditContext:
    return AuditContext(actor="测试员", clock=lambda: FIXED_NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "duban.sqlite3"


def built_once(
    tmp_path_factory: pytest.TempPathFactory,
    worker_id: str,
    name: str,
    build: Callable[[Path], None],
) -> Path:
    """A database built once per test run by `build` and shared by the xdist workers."""
    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker has its own folder inside this run's; without it, the
    # run's own folder (never an older run's, which may hold an older schema). A mutation
    # run (`make mutation`) runs the tests once for each mutant: there the databases are
    # built once, with the code as written, in the folder DUBAN_TEST_TEMPLATES names — a
    # mutant is tested by the tests that call its code, not by rebuilding the demo year.
    shared = os.environ.get("DUBAN_TEST_TEMPLATES")
    root = Path(shared) if shared else base if worker_id == "master" else base.parent
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{name}-template.sqlite3"
    with FileLock(str(path) + ".lock"):
        if not path.exists():
            building = root / f"{name}-building-{worker_id}.sqlite3"
            # Built with no key (unsigned, no key recorded): whichever test builds it, every
            # test's own in-memory keyring then makes and records its key on its first write.
            previous = keyring.get_keyring()
            keyring.set_keyring(fail.Keyring())
            try:
                build(building)
            finally:
                keyring.set_keyring(previous)
                take_notes()
            building.replace(path)
    return path


def plan_database(
    tmp_path: Path, context: AuditContext, plan: PlanDocument, source: str = "测试"
) -> Database:
    """A new database holding `plan`, as opening one and importing the plan makes it: the
    import is made once and copied (building a database is most of a scoring test's time).
    Once per run and process; in a mutation run once for the whole run, in the folder
    DUBAN_TEST_TEMPLATES names (see `built_once`)."""
    shared = os.environ.get("DUBAN_TEST_TEMPLATES")
    root = Path(shared) if shared else tmp_path.parent / "plan-templates"
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(repr((plan, source)).encode()).hexdigest()[:16]
    template = root / f"plan-{digest}.sqlite3"
    with FileLock(str(template) + ".lock"):
        if not template.exists():
            building = template.with_suffix(f".building-{os.getpid()}")
            with open_database(building, context) as database, database.write() as session:
                import_plan_document(session, plan, source_name=source, source_sha256="0" * 64)
            building.replace(template)
    path = tmp_path / "plan.sqlite3"
    shutil.copy(template, path)
    return open_database(path, context)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The freshly seeded database: seeding every test's database took a sixth of the
    suite's time."""

    def seed(path: Path) -> None:
        database, result = open_seeded(path, AuditContext(actor="测试员", clock=lambda: FIXED_NOW))
        assert result is not None
        database.close()

    return built_once(tmp_path_factory, worker_id, "seeded", seed)


@pytest.fixture
def seeded(seeded_template: Path, db_path: Path, context: AuditContext) -> Iterator[Database]:
    # The same bytes open_seeded(db_path, context) writes: the template was seeded with
    # the same actor and clock.
    shutil.copy(seeded_template, db_path)
    database = open_database(db_path, context)
    with database:
        yield database


def next_year_document(year: int = 2024):
    """The 2023 plans issued again for `year`: same tasks and units, titles and milestone
    dates moved to that year, another document number."""
    import dataclasses

    from model.plans.data import PlanDocument
    from seed.loader import load_default_seed

    seed = load_default_seed().document
    shift = year - 2023

    def moved(day: dt.date | None) -> dt.date | None:
        return day.replace(year=day.year + shift) if day is not None else None

    plans = tuple(
        dataclasses.replace(
            plan,
            year=year,
            title=plan.title.replace("2023", str(year)),
            tasks=tuple(
                dataclasses.replace(
                    task,
                    milestones=tuple(
                        dataclasses.replace(m, due=moved(m.due), start=moved(m.start))
                        for m in task.milestones
                    ),
                )
                for task in plan.tasks
            ),
        )
        for plan in seed.plans
    )
    document = dataclasses.replace(
        seed.document, number=f"蒲政办发〔{year}〕5号", issued_on=dt.date(year, 3, 1)
    )
    return PlanDocument(document=document, plans=plans)


@pytest.fixture
def two_years(seeded: Database) -> Database:
    """The seeded database with the same plans imported again for 2024."""
    from model.plans.load import import_plan_document

    with seeded.write() as session:
        import_plan_document(
            session, next_year_document(2024), source_name="2024.toml", source_sha256="0" * 64
        )
    take_notes()  # what the fixture's write said (signing begun) is not the test's to show
    return seeded


@contextlib.contextmanager
def sqlite_file(path: Path | str) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection that is closed on leaving, committed when nothing
    failed. `with sqlite3.connect(...)` only commits: the file stayed open until the
    garbage collector came by, and a restore then found the database in use."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            yield connection
    finally:
        connection.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The demo database."""

    def demo(path: Path) -> None:
        context = AuditContext(
            actor="测试员", clock=lambda: dt.datetime(2023, 9, 15, tzinfo=dt.UTC)
        )
        database, _ = open_seeded(path, context)
        with database, database.write() as session:
            generate_demo(session)

    return built_once(tmp_path_factory, worker_id, "demo", demo)


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
