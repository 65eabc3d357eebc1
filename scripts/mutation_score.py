"""The mutation score of the rule modules, after `mutmut run` (see `make mutation`).

Reads every mutant's result (`mutmut results --all true`), leaves out the mutants listed in
mutation-equivalent.txt (each a change no behaviour can show, with the reason), and prints
each module's figures, every survivor, then one line:

    mutation score: 93.4% (killed 1234 of 1321)

A mutant that timed out counts as killed (the tests noticed it: they never finished); one
that no test reaches counts as surviving. Exit status 1 below TARGET.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "mutation-equivalent.txt"
TARGET = 90.0
KILLED = {"killed", "timeout"}
# model.core.lights.x_derive__mutmut_12 → model.core.lights (a method's: xǁClassǁname__…)
MODULE = re.compile(r"^(?P<module>[\w.]+?)\.x[_ǁ]")


def equivalent() -> dict[str, str]:
    """Mutant name → why it cannot change behaviour (lines `name  # reason`)."""
    found: dict[str, str] = {}
    if EQUIVALENT.exists():
        for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
            name, _, reason = line.partition("#")
            if name.strip():
                found[name.strip()] = reason.strip()
    return found


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


def main() -> int:
    statuses = results()
    if not statuses:
        print("no mutation results: run `make mutation`")
        return 1
    skip = equivalent()
    # Listed but not made: its code changed (or the module is not in this run's list).
    mutated = {m["module"] for m in map(MODULE.match, statuses) if m}
    unknown = sorted(
        name
        for name in set(skip) - set(statuses)
        if (found := MODULE.match(name)) and found["module"] in mutated
    )
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: list[str] = []
    for name, status in sorted(statuses.items()):
        match = MODULE.match(name)
        module = match["module"] if match else "?"
        if name in skip:
            by_module[module]["equivalent"] += 1
            continue
        caught = status in KILLED
        by_module[module]["killed" if caught else "survived"] += 1
        if not caught:
            survivors.append(f"  {name}: {status}")
    print(f"{'module':<32} {'killed':>7} {'of':>5} {'score':>7} {'equivalent':>11}")
    for module, counts in sorted(by_module.items()):
        tested = counts["killed"] + counts["survived"]
        score = 100 * counts["killed"] / tested if tested else 100.0
        print(
            f"{module:<32} {counts['killed']:>7} {tested:>5} {score:>6.1f}% "
            f"{counts['equivalent']:>11}"
        )
    if survivors:
        print("survivors (`mutmut show NAME` for the change):")
        print("\n".join(survivors))
    if unknown:
        print("listed as equivalent but not made (the code changed?):")
        print("\n".join(f"  {name}" for name in unknown))
    killed = sum(c["killed"] for c in by_module.values())
    tested = killed + sum(c["survived"] for c in by_module.values())
    score = 100 * killed / tested if tested else 100.0
    print(f"mutation score: {score:.1f}% (killed {killed} of {tested})")
    return 0 if score >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
