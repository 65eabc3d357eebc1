"""The order a mutant's tests run in during `make mutation` (tests/conftest.py)."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import (
    cheapest_first,
    cold_costs,
    earlier_kills,
    killers_first,
    mutated_function,
)

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "mutation_killers.py"


def history(kills: Path) -> str:
    """scripts/mutation_killers.py's `history`: the scripts are not a package."""
    spec = importlib.util.spec_from_file_location("mutation_killers", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.history(kills))


def test_a_module_that_builds_something_first_waits_behind_one_that_does_not() -> None:
    spent = {
        # the demo module: its first test paid two seconds to build the demo year
        "tests/a.py::first": [0.01, 2.0],
        "tests/a.py::second": [0.01, 0.01],
        "tests/a.py::third": [0.02, 0.01],
        # a plain module: no start-up, slower calls
        "tests/b.py::slow": [0.5, 0.01],
        "tests/b.py::quick": [0.1, 0.01],
    }
    order = cheapest_first(list(spent), spent)
    assert order == [
        "tests/b.py::quick",
        "tests/b.py::slow",
        "tests/a.py::first",
        "tests/a.py::second",
        "tests/a.py::third",
    ]


def test_within_a_module_the_start_up_is_not_held_against_the_test_that_paid_it() -> None:
    spent = {
        "tests/a.py::paid": [0.01, 3.0],
        "tests/a.py::costly": [1.0, 0.02],
        "tests/a.py::middling": [0.2, 0.02],
    }
    assert cheapest_first(list(spent), spent) == [
        "tests/a.py::paid",
        "tests/a.py::middling",
        "tests/a.py::costly",
    ]


def test_tests_missing_from_the_record_still_run() -> None:
    spent = {"tests/a.py::known": [0.3, 0.0]}
    order = cheapest_first(["tests/a.py::known", "tests/a.py::new", "tests/c.py::new"], spent)
    assert sorted(order) == ["tests/a.py::known", "tests/a.py::new", "tests/c.py::new"]
    assert order[0] in ("tests/a.py::new", "tests/c.py::new")


def test_killers_run_first_by_their_cost_per_kill_then_the_rest_as_they_were() -> None:
    order = ["a", "b", "c", "d", "e", "f"]
    costs = {"a": 0.1, "b": 0.1, "c": 0.1, "d": 0.1, "e": 0.1, "f": 0.1}
    # as cheap as each other: most kills first; the latest killer counts as 3 more kills,
    # the one before it as 1 more (c: 2 + 3, f: 1 + 1, d: 3, e: 2, b: 1)
    kills = ["d", "d", "d", "b", "e", "e", "c", "f", "c"]
    assert killers_first(order, kills, costs) == ["c", "d", "e", "f", "b", "a"]
    # as many kills each: the earlier in `order` first
    assert killers_first(order, ["e", "b", "d", "c"], {t: 0.1 for t in order}) == [
        "c",
        "d",
        "b",
        "e",
        "a",
        "f",
    ]
    assert killers_first(order, ["a"], costs) == order
    assert killers_first(order, [], costs) == order


def test_a_costly_killer_waits_behind_a_cheap_one_that_kills_as_often_per_second() -> None:
    order = ["cheap", "golden", "other"]
    costs = {"cheap": 0.1, "golden": 2.0, "other": 0.05}
    # the golden test killed the last mutant and ten before: 2.0 / (11 + 3) > 0.1 / (4 + 1)
    kills = ["cheap"] * 4 + ["golden"] * 11
    assert killers_first(order, kills, costs) == ["cheap", "golden", "other"]
    # …but not one that kills forty times less often: 0.1 / (1 + 1) > 2.0 / (40 + 3)
    kills = ["cheap"] + ["golden"] * 40
    assert killers_first(order, kills, costs) == ["golden", "cheap", "other"]


def test_the_last_runs_killers_count_with_this_runs() -> None:
    order = ["a", "b", "c"]
    costs = {"a": 0.1, "b": 0.1, "c": 0.1}
    earlier = Counter({"c": 5, "b": 1, "tests/gone.py::x": 9})
    assert killers_first(order, [], costs, earlier) == ["c", "b", "a"]
    # this run's latest kill by b: 1 + 1 + 3 = 5 against c's 5, and b is earlier
    assert killers_first(order, ["b"], costs, earlier) == ["b", "c", "a"]


def test_a_test_missing_from_the_costs_counts_as_a_second() -> None:
    earlier = Counter({"a": 1, "b": 1})
    assert killers_first(["a", "b"], [], {"b": 0.5}, earlier) == ["b", "a"]
    assert killers_first(["a", "b"], [], {"b": 1.5}, earlier) == ["a", "b"]


def test_a_kill_by_a_test_no_longer_in_the_list_changes_nothing() -> None:
    # a line half-written by another mutant's process, or a test since renamed
    costs = {"a": 0.1, "b": 0.2}
    assert killers_first(["a", "b"], ["tests/gone.py::x", "tests/ha"], costs) == ["a", "b"]


def test_a_tests_cost_in_a_fresh_process_includes_its_modules_start_up() -> None:
    spent = {
        "tests/a.py::first": [0.01, 2.0],
        "tests/a.py::second": [0.05, 0.01],
        "tests/a.py::third": [0.02, 0.01],
        "tests/b.py::only": [0.5, 0.01],
    }
    costs = cold_costs(list(spent), spent)
    assert costs == pytest.approx(
        {
            "tests/a.py::first": 2.01,
            "tests/a.py::second": 2.05,
            "tests/a.py::third": 2.02,
            "tests/b.py::only": 0.51,
        }
    )


def test_the_last_runs_killers_are_read_from_the_written_history(tmp_path: Path) -> None:
    kills = tmp_path / "test-kills"
    kills.mkdir()
    (kills / "model.core.lights.x_derive").write_text(
        "tests/a.py::one\ntests/b.py::two[x y]\ntests/a.py::one\n", encoding="utf-8"
    )
    (kills / "model.core.lights.x_worst").write_text("tests/c.py::three\n", encoding="utf-8")
    path = tmp_path / "mutation-killers.txt"
    path.write_text(history(kills), encoding="utf-8")
    assert path.read_text(encoding="utf-8").splitlines()[2:] == [
        "model.core.lights.x_derive\t2\ttests/a.py::one",
        "model.core.lights.x_derive\t1\ttests/b.py::two[x y]",
        "model.core.lights.x_worst\t1\ttests/c.py::three",
    ]
    assert earlier_kills(path) == {
        "model.core.lights.x_derive": Counter({"tests/a.py::one": 2, "tests/b.py::two[x y]": 1}),
        "model.core.lights.x_worst": Counter({"tests/c.py::three": 1}),
    }
    assert earlier_kills(tmp_path / "none.txt") == {}


def test_a_line_of_the_history_that_is_not_one_is_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "mutation-killers.txt"
    path.write_text(
        "# a comment\n"
        "<<<<<<< HEAD\n"
        "model.core.lights.x_derive\t2\ttests/a.py::one\n"
        "=======\n"
        "model.core.lights.x_derive\t3\ttests/a.py::one\n"
        ">>>>>>> other\n"
        "model.core.lights.x_derive\tmany\ttests/a.py::two\n"
        "model.core.lights.x_derive\t1\n"
        "\n",
        encoding="utf-8",
    )
    assert earlier_kills(path) == {"model.core.lights.x_derive": Counter({"tests/a.py::one": 5})}


def test_the_mutants_of_one_function_share_their_kills() -> None:
    assert mutated_function("model.core.lights.x_derive__mutmut_12") == "model.core.lights.x_derive"
    assert (
        mutated_function("model.scoring.scorecards.xǁ_Cardǁcap__mutmut_3")
        == "model.scoring.scorecards.xǁ_Cardǁcap"
    )
