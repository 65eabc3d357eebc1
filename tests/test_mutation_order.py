"""The order a mutant's tests run in during `make mutation` (tests/conftest.py)."""

from __future__ import annotations

from tests.conftest import cheapest_first, killers_first, mutated_function


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


def test_the_tests_that_killed_the_functions_mutants_run_first_latest_then_most() -> None:
    order = ["a", "b", "c", "d", "e", "f"]
    # the last two killers (latest first), then the others by their kills, then the rest
    kills = ["d", "d", "d", "b", "e", "e", "c", "f", "c"]
    assert killers_first(order, kills) == ["c", "f", "d", "e", "b", "a"]
    # as many kills each: the cheaper (earlier) first
    assert killers_first(order, ["e", "b", "d", "c"]) == ["c", "d", "b", "e", "a", "f"]
    assert killers_first(order, ["a"]) == order
    assert killers_first(order, []) == order


def test_a_kill_by_a_test_no_longer_in_the_list_changes_nothing() -> None:
    # a line half-written by another mutant's process, or a test since renamed
    assert killers_first(["a", "b"], ["tests/gone.py::x", "tests/ha"]) == ["a", "b"]


def test_the_mutants_of_one_function_share_their_kills() -> None:
    assert mutated_function("model.core.lights.x_derive__mutmut_12") == "model.core.lights.x_derive"
    assert (
        mutated_function("model.scoring.scorecards.xǁ_Cardǁcap__mutmut_3")
        == "model.scoring.scorecards.xǁ_Cardǁcap"
    )
