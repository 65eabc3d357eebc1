"""The mutation score of the rule modules, after `mutmut run` (see `make mutation`).

Reads every mutant's result (`mutmut results --all true`), leaves out the mutants listed in
mutation-equivalent.txt that were not run (each a change no behaviour can show, with the
reason: scripts/mutation_equivalents.py), and prints
each module's figures, every survivor, then one line:

    mutation score: 93.4% (killed 1234 of 1321)

A mutant that timed out counts as killed (the tests noticed it: they never finished); so
does one mypy --strict refuses (it could never be committed: `make test` runs mypy),
shown in its own column; one that no test reaches counts as surviving. Exit status 1
below TARGET.

Each module's line also says how long its mutants' tests ran, in worker seconds (two
workers run at once): where a run's time goes (scripts/mutation_run.py records it).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from mutation_equivalents import listed

ROOT = Path(__file__).resolve().parent.parent
TARGET = 90.0
KILLED = {"killed", "timeout"}
TYPE_CHECKED = "caught by type check"
SKIPPED = "skipped"  # a listed equivalent, not run (scripts/mutation_run.py)
# model.core.lights.x_derive__mutmut_12 → model.core.lights (a method's: xǁClassǁname__…)
MODULE = re.compile(r"^(?P<module>[\w.]+?)\.x[_ǁ]")


def results() -> dict[str, str]:
    mutmut = Path(sys.executable).with_name("mutmut")
    out = subprocess.run(
        [str(mutmut), "results", "--all", "true"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = {}
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep:
            found[name] = status
    return found


def seconds_by_module() -> Counter[str]:
    """Worker seconds each module's mutants took, from mutmut's per-file records."""
    spent: Counter[str] = Counter()
    for meta in (ROOT / "mutants").rglob("*.meta"):
        durations = json.loads(meta.read_text(encoding="utf-8")).get("durations_by_key", {})
        for name, seconds in durations.items():
            if match := MODULE.match(name):
                spent[match["module"]] += seconds
    return spent


def main() -> int:
    statuses = results()
    if not statuses:
        print("no mutation results: run `make mutation`")
        return 1
    skip = listed()
    # Listed but not made: its code changed (or the module is not in this run's list).
    mutated = {m["module"] for m in map(MODULE.match, statuses) if m}
    unknown = sorted(
        name
        for name in set(skip) - set(statuses)
        if (found := MODULE.match(name)) and found["module"] in mutated
    )
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: list[str] = []
    timeouts: list[str] = []
    stale: list[str] = []
    for name, status in sorted(statuses.items()):
        match = MODULE.match(name)
        module = match["module"] if match else "?"
        if name in skip and status == SKIPPED:
            by_module[module]["equivalent"] += 1
            continue
        if name in skip:  # run after all: its function is no longer the one judged
            stale.append(f"  {name}: {status}")
        caught = status in KILLED or status == TYPE_CHECKED
        kind = "mypy" if status == TYPE_CHECKED else "tests" if caught else "survived"
        by_module[module][kind] += 1
        if not caught:
            survivors.append(f"  {name}: {status}")
        elif status == "timeout":
            timeouts.append(f"  {name}")
    spent = seconds_by_module()
    print(
        f"{'module':<28} {'by tests':>9} {'by mypy':>8} {'survived':>9} {'score':>7}"
        f" {'equivalent':>11} {'seconds':>8}"
    )
    for module, counts in sorted(by_module.items()):
        killed = counts["tests"] + counts["mypy"]
        tested = killed + counts["survived"]
        score = 100 * killed / tested if tested else 100.0
        print(
            f"{module:<28} {counts['tests']:>9} {counts['mypy']:>8} {counts['survived']:>9}"
            f" {score:>6.1f}% {counts['equivalent']:>11} {spent[module]:>8.0f}"
        )
    if timeouts:
        # mutmut also records a test command pytest could not run (a test id that changed
        # between runs) as a timeout: each is worth a look before it is counted as killed.
        print("timed out, counted as killed:")
        print("\n".join(timeouts))
    if survivors:
        print("survivors (`mutmut show NAME` for the change):")
        print("\n".join(survivors))
    if stale:
        print("listed as equivalent, but the function changed since (read it again, then")
        print("update its line: `python scripts/mutation_equivalents.py`):")
        print("\n".join(stale))
    if unknown:
        print("listed as equivalent but not made (the code changed?):")
        print("\n".join(f"  {name}" for name in unknown))
    killed = sum(c["tests"] + c["mypy"] for c in by_module.values())
    tested = killed + sum(c["survived"] for c in by_module.values())
    score = 100 * killed / tested if tested else 100.0
    by_tests = sum(c["tests"] for c in by_module.values())
    by_mypy = killed - by_tests
    if tested > by_mypy:
        alone = 100 * by_tests / (tested - by_mypy)
        print(f"of the mutants mypy lets through, the tests kill {alone:.1f}%")
    print(f"mutation score: {score:.1f}% (killed {killed} of {tested})")
    return 0 if score >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
