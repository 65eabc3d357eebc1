"""A long report's tables laid out in several processes (exports.parallel) make the very
bytes one process makes, in each writer; a machine where no helper process can start
gets the same file from this one; the runs cover every table once, in order."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exports import parallel
from exports.docx_format import report_docx
from exports.parallel import chunks, map_tables, processes_for, runs_for
from exports.report import Report
from exports.service import render
from exports.xlsx_format import report_xlsx

WRITERS = {"docx": report_docx, "xlsx": report_xlsx}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("kind", ["scorecards", "progress"])
def test_several_processes_write_the_bytes_one_process_writes(reports, kind, fmt):
    report = reports[kind]
    assert len(report.tables) >= 4  # enough tables for every helper to get some
    alone = WRITERS[fmt](report, 1)
    assert WRITERS[fmt](report, 2) == alone
    assert WRITERS[fmt](report, 3) == alone


def test_no_helper_process_the_same_file_from_this_one(reports, monkeypatch):
    report = reports["scorecards"]
    alone = report_docx(report, 1)

    class NoProcesses:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError(38, "Function not implemented")  # no sem_open, no /dev/shm

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", NoProcesses)
    assert report_docx(report, 2) == alone


def test_results_come_in_order_and_each_once():
    # A module's function: it travels to the helpers by name.
    items = list(range(50))
    switching = sys.getswitchinterval()
    assert list(map_tables(str, items, [1] * 50, 3)) == [str(i) for i in items]
    assert list(map_tables(str, items, [1] * 50, 2, own=0.3)) == [str(i) for i in items]
    assert list(map_tables(str, items, [1] * 50, 1)) == [str(i) for i in items]
    assert sys.getswitchinterval() == switching  # put back once the helpers are done


def test_this_process_takes_its_share_first_and_the_helpers_a_few_runs_each():
    runs = runs_for([1] * 100, 2)
    assert runs[0] == range(0, 50)
    assert len(runs) == 1 + parallel.RUNS_PER_HELPER
    assert runs_for([1] * 100, 2, own=0.3)[0] == range(0, 15)
    assert runs_for([1] * 90, 3, own=1.0)[0] == range(0, 30)
    assert len(runs_for([1] * 90, 3)) == 1 + 2 * parallel.RUNS_PER_HELPER


def test_a_small_report_stays_in_one_process(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda _: {0, 1, 2, 3, 4, 5, 6, 7}, raising=False)
    assert processes_for(parallel.MIN_CELLS - 1) == 1
    assert processes_for(parallel.MIN_CELLS) == parallel.MAX_PROCESSES
    monkeypatch.setattr("os.sched_getaffinity", lambda _: {0, 1}, raising=False)
    assert processes_for(parallel.MIN_CELLS) == 2


def test_only_the_command_line_asks_for_processes(reports, monkeypatch):
    """The dashboard renders in a worker thread: a process forked from it could inherit a
    lock another thread held. render() uses processes only when asked (`parallel`)."""
    asked: list[int] = []

    def counting(report: Report, processes: int = 1) -> bytes:
        asked.append(processes)
        return b""

    monkeypatch.setattr("exports.docx_format.report_docx", counting)
    monkeypatch.setattr(parallel, "MIN_CELLS", 1)
    monkeypatch.setattr("os.sched_getaffinity", lambda _: {0, 1}, raising=False)
    render(reports["scorecards"], "docx")
    render(reports["scorecards"], "docx", parallel=True)
    assert asked == [1, 2]


@given(st.lists(st.integers(0, 500), max_size=60), st.integers(1, 8))
def test_runs_cover_every_item_once_in_order(weights, parts):
    runs = chunks(weights, parts)
    assert [i for run in runs for i in run] == list(range(len(weights)))
    assert len(runs) <= parts
    assert all(len(run) > 0 for run in runs)


@given(
    st.lists(st.integers(0, 500), min_size=2, max_size=60),
    st.integers(2, 4),
    st.floats(0.0, 1.0),
)
def test_map_tables_runs_cover_every_item_once_in_order(weights, processes, own):
    runs = runs_for(weights, processes, own)
    assert [i for run in runs for i in run] == list(range(len(weights)))
    assert len(runs) <= 1 + (processes - 1) * parallel.RUNS_PER_HELPER


def test_runs_are_even_by_weight():
    assert chunks([1] * 10, 2) == [range(0, 5), range(5, 10)]
    # One heavy table up front: it is a run of its own.
    assert chunks([100, 1, 1, 1, 1], 2) == [range(0, 1), range(1, 5)]
    assert chunks([1, 1, 1, 1, 100], 2) == [range(0, 4), range(4, 5)]
