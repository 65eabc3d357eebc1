"""`duban returns issue | collect | status | remind`: the monthly cycle of returns (报送表).

Each action lives in a module of its own, imported only when it runs (start-up time)."""

from __future__ import annotations

import argparse
import importlib


def run(args: argparse.Namespace) -> int:
    module = importlib.import_module(f"tui.cli.returns_{_MODULES[args.action]}")
    code: int = module.run(args)
    return code


_MODULES = {"issue": "issue", "collect": "collect", "status": "status", "remind": "status"}
