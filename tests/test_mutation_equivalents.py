"""mutation-equivalent.txt stays true to the code (scripts/mutation_equivalents.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "mutation_equivalents.py"


@pytest.fixture(scope="module")
def equivalents():
    spec = importlib.util.spec_from_file_location("mutation_equivalents", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def test_every_listed_mutant_is_in_the_function_it_was_judged_in(equivalents):
    """A function changed since one of its mutants was judged equivalent: read the mutant
    again (`mutmut show NAME` after `make mutation`), then update the line's hash
    (`python scripts/mutation_equivalents.py` prints it)."""
    assert [entry.name for entry, _ in equivalents.stale()] == []
    assert len(equivalents.listed()) > 40


def test_a_mutants_name_gives_its_module_and_function(equivalents):
    assert equivalents.function_of("model.core.lights.x_derive__mutmut_12") == (
        "model.core.lights",
        "x_derive",
    )
    assert equivalents.function_of("model.core.workdays.xǁWorkCalendarǁon_or_after__mutmut_3") == (
        "model.core.workdays",
        "xǁWorkCalendarǁon_or_after",
    )


def test_a_line_without_its_hash_or_reason_is_refused(equivalents, tmp_path):
    listing = tmp_path / "mutation-equivalent.txt"
    listing.write_text("# a comment\nmodel.a.x_f__mutmut_1 0123456789ab  # why\n", "utf-8")
    assert list(equivalents.listed(listing)) == ["model.a.x_f__mutmut_1"]
    for bad in ("model.a.x_f__mutmut_1  # why\n", "model.a.x_f__mutmut_1 0123456789ab\n"):
        listing.write_text(bad, "utf-8")
        with pytest.raises(SystemExit, match="expected `name hash  # reason`"):
            equivalents.listed(listing)


def test_a_functions_mutants_are_numbered_as_mutmut_numbers_them(equivalents, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.mutmut]\nsource_paths = ["pkg"]\n', "utf-8")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text(
        "def late(days):\n"
        "    return days > 0\n"
        "\n"
        "\n"
        "class Card:\n"
        "    def late(self, days):\n"
        "        return days >= 3\n",
        "utf-8",
    )
    assert equivalents.mutants_of("pkg.m.x_late", tmp_path) == [
        (1, "> 0", ">= 0"),
        (2, "0", "1"),
    ]
    # a method of the same name is numbered on its own
    assert equivalents.mutants_of("pkg.m.xǁCardǁlate", tmp_path) == [
        (1, ">= 3", "> 3"),
        (2, "3", "4"),
    ]
