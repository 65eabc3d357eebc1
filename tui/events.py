"""Messages that travel up the DOM, and where a worker's failure ends up.

Textual's `Worker.StateChanged` goes only to the node that ran the worker (it does not
bubble). Every node that runs workers mixes in `RelaysWorkerFailures`, which turns a failed
worker into a `WorkerFailed` message naming, in Chinese, what was being done; the app
handles that message in one place. Unexpected errors go to the log file with their
traceback; the user sees what failed and where the details are, never the traceback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from textual import on
from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerState

from model.plans.task_refs import TaskRef
from tui import strings

LOG_NAME = "duban.log"


@dataclass
class OpenTask(Message):
    ref: TaskRef


@dataclass
class OpenUnit(Message):
    name: str


@dataclass
class WorkerFailed(Message):
    """A worker raised; `what` says in Chinese what it was doing (「读取“总览”」)."""

    worker: Worker[Any]
    what: str


class RelaysWorkerFailures(MessagePump):
    """Mixed into every node that runs workers, so the app hears of each failure."""

    def describe_work(self, worker: Worker[Any]) -> str:
        """What the worker was doing, in Chinese, for the notification."""
        return strings.WORK_BACKGROUND

    @on(Worker.StateChanged)
    def relay_worker_failure(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.post_message(WorkerFailed(event.worker, self.describe_work(event.worker)))


def log_file() -> Path:
    """Where tracebacks go: the platform's user log folder (XDG_STATE_HOME on Linux)."""
    return platformdirs.user_log_path("duban", appauthor=False) / LOG_NAME


def log_failure(what: str, error: BaseException | None) -> Path:
    """Append the error and its traceback to the log file; return the file's path.

    The handler is opened per failure (they are rare), so the file follows the user's
    log folder at the time of the failure and nothing stays open between failures.
    Raises OSError when the folder or the file cannot be written.
    """
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("duban.tui")
    logger.propagate = False  # never onto the terminal the dashboard is drawn on
    logger.addHandler(handler)
    try:
        logger.error("%s failed", what, exc_info=error or False)
    finally:
        logger.removeHandler(handler)
        handler.close()
    return path
