"""Which tests killed each function's mutants in the last `make mutation` run, kept for the
next run (mutation-killers.txt, committed beside the configuration).

A run with no history tries each mutant's tests cheapest first until one fails; for a
function reached by a hundred tests, a mutant only the fortieth notices waits for the
thirty-nine before it. With the last run's killers known, each function's mutants try them
first (`killers_first` in tests/conftest.py): the history only orders the tests, every test
still runs until one fails, so it changes how soon a mutant is killed, never whether.

    python scripts/mutation_killers.py        # after a run: mutants/test-kills → the file

A line per function and test, tab-separated: `function  kills  test`, each function's
tests most kills first. A test or function since renamed or removed is ignored.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "mutation-killers.txt"
KILLS = ROOT / "mutants" / "test-kills"
HEADER = (
    "# Each function's killers in the last `make mutation` run, most kills first: the next\n"
    "# run tries them first (scripts/mutation_killers.py). Written by `make mutation`.\n"
)


def history(kills: Path) -> str:
    """The file's text, from a run's kill records (a file per function, a line per kill)."""
    lines = [HEADER]
    for record in sorted(kills.iterdir()) if kills.is_dir() else []:
        counted = Counter(line for line in record.read_text(encoding="utf-8").splitlines() if line)
        for nodeid, count in sorted(counted.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"{record.name}\t{count}\t{nodeid}\n")
    return "".join(lines)


if __name__ == "__main__":
    HISTORY.write_text(history(KILLS), encoding="utf-8")
