"""The mutants listed in mutation-equivalent.txt: changes no behaviour can show.

One per line: the mutant's name, the hash of the function it mutates as the line was
written, then after "#" why the change cannot matter:

    model.core.workdays.x_load_calendar__mutmut_5 3f2a9c0d1b7e  # "utf-8" → "UTF-8": …

mutmut numbers a function's mutants in the order it finds them in that function, and the
hash (mutmut's own: of the function's syntax tree) says whether the function is still
the one that was read. While it is, `make mutation` does not run the mutant (it is shown
as skipped, and left out of the score); once the function changes, the listing no longer
counts: the mutant runs like any other, and scripts/mutation_score.py names the line to
read again.

`python scripts/mutation_equivalents.py` prints each listed mutant whose function changed
since, with the function's hash now. `python scripts/mutation_equivalents.py show
model.scoring.scorecards.x__bonus_lines` prints that function's hash and its mutants as
mutmut numbers them, each with its change, from the source as it is (no run needed).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import libcst as cst
from mutmut.mutation.file_mutation import compute_function_hashes, create_mutations
from mutmut.utils.file_utils import change_cwd
from mutmut.utils.format_utils import mangled_name_from_mutant_name

ROOT = Path(__file__).resolve().parent.parent
LISTING = ROOT / "mutation-equivalent.txt"


@dataclass(frozen=True)
class Listed:
    name: str
    function_hash: str
    reason: str


def module_and_key(function: str) -> tuple[str, str]:
    """model.core.lights.x_derive → ("model.core.lights", "x_derive")."""
    module, _, key = function.rpartition(".")
    return module, key


def function_of(name: str) -> tuple[str, str]:
    """model.core.lights.x_derive__mutmut_12 → ("model.core.lights", "x_derive")."""
    return module_and_key(mangled_name_from_mutant_name(name))


def listed(path: Path = LISTING) -> dict[str, Listed]:
    found: dict[str, Listed] = {}
    if not path.exists():
        return found
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        entry, _, reason = line.partition("#")
        if not entry.strip():
            continue
        parts = entry.split()
        if len(parts) != 2 or not reason.strip():
            raise SystemExit(f"{path.name}:{number}: expected `name hash  # reason`")
        found[parts[0]] = Listed(parts[0], parts[1], reason.strip())
    return found


def hashes_now(module: str, root: Path = ROOT) -> dict[str, str]:
    """The hash of each function of a module, from its source as it is now."""
    source = root / (module.replace(".", "/") + ".py")
    if not source.exists():
        return {}
    return compute_function_hashes(source.read_text(encoding="utf-8"))


def stale() -> list[tuple[Listed, str | None]]:
    """Each listed mutant whose function changed since, with the function's hash now
    (None: no such function any more)."""
    by_module: dict[str, dict[str, str]] = {}
    changed: list[tuple[Listed, str | None]] = []
    for entry in listed().values():
        module, key = function_of(entry.name)
        if module not in by_module:
            by_module[module] = hashes_now(module)
        now = by_module[module].get(key)
        if now != entry.function_hash:
            changed.append((entry, now))
    return changed


def mutants_of(function: str, root: Path = ROOT) -> list[tuple[int, str, str]]:
    """Each mutant of a function (model.core.lights.x_derive, a method as mutmut names
    it: model.scoring.scorecards.xǁ_Cardǁcap) as mutmut numbers them: the number, the code
    as written and as mutated."""
    module, key = module_and_key(function)
    _, class_name, method = key.split("ǁ") if "ǁ" in key else ("", "", key.removeprefix("x_"))
    source = root / (module.replace(".", "/") + ".py")
    with change_cwd(root):  # mutmut reads its settings (lines never mutated) from there
        tree, mutations, *_ = create_mutations(str(source), source.read_text(encoding="utf-8"))
    owners = [
        node.body.body
        for node in tree.body
        if isinstance(node, cst.ClassDef) and node.name.value == class_name
    ] or [tree.body]
    found: list[tuple[int, str, str]] = []
    for mutation in mutations:
        where = mutation.contained_by_top_level_function
        if (
            isinstance(where, cst.FunctionDef)
            and where.name.value == method
            and any(where in body for body in owners)
        ):
            found.append(
                (
                    len(found) + 1,
                    " ".join(tree.code_for_node(mutation.original_node).split()),
                    " ".join(tree.code_for_node(mutation.mutated_node).split()),
                )
            )
    return found


def main() -> int:
    if sys.argv[1:2] == ["show"] and len(sys.argv) == 3:
        function = sys.argv[2]
        module, key = module_and_key(function)
        print(f"{function} {hashes_now(module).get(key, '(no such function)')}")
        for number, before, after in mutants_of(function):
            print(f"  {number:>4}  {before[:60]}  →  {after[:60]}")
        return 0
    changed = stale()
    for entry, now in changed:
        print(f"{entry.name} {now or '(no such function)'}  # was {entry.function_hash}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
