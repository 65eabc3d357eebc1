"""`duban export plans`: the data contract as JSON or TOML text."""

from __future__ import annotations

import json
from typing import Literal

from model.plans.data import PlanDocument, to_contract

PlanFormat = Literal["json", "toml"]


def render_plans(doc: PlanDocument, fmt: PlanFormat) -> str:
    if fmt == "json":
        return json.dumps(to_contract(doc), ensure_ascii=False, indent=2) + "\n"
    import tomli_w

    return tomli_w.dumps(to_contract(doc, native_dates=True))
