"""Write the default rubric's 考核细则 into the README, between its rubric markers.

    .venv/bin/python scripts/readme_rubric.py [--check]

The README's scoring section quotes the rules as `duban rubric explain` writes them for the
default rubric (model/data/rubric.toml), as Markdown (exports.rubric_builder.rubric_markdown)
between `<!-- rubric:begin -->` and `<!-- rubric:end -->`. Run this after changing the
default rubric or the wording of the rules; tests/test_readme_rubric.py fails until then.
--check writes nothing and exits 1 when the README is out of step.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BEGIN, END = "<!-- rubric:begin -->", "<!-- rubric:end -->"


def rubric_block() -> str:
    """What stands between the markers: the default rubric's rules, headings from ####."""
    from exports.rubric_builder import rubric_markdown
    from model.scoring.explain import explain_rubric
    from model.scoring.rubric import default_rubric

    return "\n" + rubric_markdown(explain_rubric(default_rubric()), level=4) + "\n"


def with_block(readme: str, block: str) -> str:
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    return readme[:start] + "\n" + block + readme[end:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is in step")
    args = parser.parse_args()
    path = ROOT / "README.md"
    readme = path.read_text(encoding="utf-8")
    updated = with_block(readme, rubric_block())
    if args.check:
        print("README 考核细则: " + ("in step" if updated == readme else "out of step"))
        return 0 if updated == readme else 1
    if updated != readme:
        path.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
