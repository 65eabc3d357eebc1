"""A report's tables worked on in several processes.

A city's scorecards hold 500 tables, and laying each one out — its column widths, the
lines of every cell, the cell XML a writer needs — is a pure function of that table. So
the cores a machine has share the tables: the results come back in the tables' order and
are the ones a single process makes (tests/exports/test_parallel.py compares the bytes).
A small report stays in one process, where starting another would cost more than it
saves; and anything that keeps processes from starting leaves the work to this one.
"""

from __future__ import annotations

import bisect
import itertools
import os
import sys
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Cells below which one process does all: a second one costs some 50 ms to start and to
# hand the tables over, which a county's 40 scorecards (5,000 cells) never repay.
MIN_CELLS = 20_000
MAX_PROCESSES = 4  # beyond this the handing over grows faster than the work shrinks
# Runs for each helper: its first results reach the writer early (see `map_tables`).
RUNS_PER_HELPER = 4
HANDOVER_SWITCH = 0.0001  # seconds: see map_tables


def processes_for(cells: int) -> int:
    """How many processes (this one included) should share work on `cells` cells."""
    if cells < MIN_CELLS:
        return 1
    # The cores this process may run on (a container's share), where the system says.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MAX_PROCESSES))


# In a helper process: the function and the items it works on (see `_helper_start`).
_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _run(run: range) -> list[Any]:
    """A helper's work on one run of the items it was given."""
    assert _WORK is not None  # set by _helper_start before any run
    function, items = _WORK
    return [function(items[i]) for i in run]


def _helper_start(function: Callable[[Any], Any], items: Sequence[Any]) -> None:
    """A helper process ignores Ctrl+C: the command line stops it (exit 130) and says so
    once, rather than each helper printing where it was interrupted. A forked helper
    never collects what it inherited: a database connection the parent left for the
    collector would otherwise be closed here, and SQLite closing what it takes for the
    last connection checkpoints the parent's write-ahead log. The runs then name only
    which items to work on."""
    import gc
    import signal

    global _WORK
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    # Forked, the helper has the items already (nothing is pickled); spawned, they came
    # once with the helper, not with each run.
    _WORK = (function, items)


def chunks(weights: Sequence[int], parts: int) -> list[range]:
    """`weights` cut into at most `parts` runs of neighbouring items (the tables keep
    their order): each cut where the weight so far comes nearest its even share."""
    sums = list(itertools.accumulate(weights, initial=0))  # the weight before each item
    total = sums[-1]
    bounds = [0]
    for part in range(1, parts):
        target = total * part / parts
        # The first place at or past the target, or the one before it if nearer.
        at = bisect.bisect_left(sums, target, lo=bounds[-1] + 1)
        if at > bounds[-1] + 1 and (at >= len(sums) or target - sums[at - 1] <= sums[at] - target):
            at -= 1
        if at >= len(weights):
            break
        bounds.append(at)
    bounds.append(len(weights))
    return [range(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def runs_for(weights: Sequence[int], processes: int, own: float = 1.0) -> list[range]:
    """The runs of `map_tables`: this process's first, `own` times an even share of the
    weight, then the rest cut into RUNS_PER_HELPER runs for each helper."""
    sums = list(itertools.accumulate(weights))  # the weight up to each item, itself included
    first = bisect.bisect_right(sums, (sums[-1] if sums else 0) * own / processes)
    rest = chunks(weights[first:], (processes - 1) * RUNS_PER_HELPER)
    return [range(0, first)] + [range(r.start + first, r.stop + first) for r in rest]


def map_tables(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    weights: Sequence[int],
    processes: int = 1,
    *,
    own: float = 1.0,
) -> Generator[Result, None, None]:
    """`function` of each item, in order, as the caller takes them. With `processes` > 1
    this process works out a first run of items while the helpers work out the rest, a
    few runs each; the results are handed on as they come, so the writer writes the
    first tables while the others are still laid out. `own`: this process's share of
    the work against a helper's — less than 1 for a writer with much to do with the
    results (an xlsx file's cells are written here). `function` and the items reach
    the helpers once, when they start (a module's function, plain data)."""
    runs = runs_for(weights, processes, own) if processes > 1 and len(items) > 1 else []
    if len(runs) < 2:
        yield from map(function, items)
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # fork on Linux: the helpers start with everything already imported. Elsewhere a
    # fresh interpreter (macOS's system libraries are not safe across a fork).
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    pool: ProcessPoolExecutor | None = None
    futures: list[Future[list[Result]]] = []
    # The pool's thread that receives a helper's results reads them from a pipe a piece
    # at a time and waits for this thread to let go of the interpreter before each: at
    # Python's usual 5 ms a turn, tens of megabytes of table XML took longer to arrive
    # than to work out, and the helper stood waiting for the pipe.
    switching = sys.getswitchinterval()
    sys.setswitchinterval(HANDOVER_SWITCH)
    try:
        try:
            pool = ProcessPoolExecutor(
                processes - 1,
                mp_context=context,
                initializer=_helper_start,
                initargs=(function, items),
            )
            futures = [pool.submit(_run, run) for run in runs[1:]]
        except (OSError, ImportError, NotImplementedError, BrokenProcessPool):
            # No helper could start (a locked-down machine, a system without the
            # semaphores processes share): all of it done here.
            futures = []
        for number, run in enumerate(runs):
            results: list[Result] | None = None
            if number and len(futures) == len(runs) - 1:
                try:
                    results = futures[number - 1].result()
                except BrokenProcessPool:
                    results = None  # a helper was killed: its run is done here
            yield from results if results is not None else map(function, (items[i] for i in run))
    finally:
        sys.setswitchinterval(switching)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
