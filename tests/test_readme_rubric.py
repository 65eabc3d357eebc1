"""The README's scoring section quotes the default rubric's 考核细则 as generated: the block
between its rubric markers is `explain_rubric(default_rubric())` rendered as Markdown."""

from __future__ import annotations

from pathlib import Path

from exports.rubric_builder import rubric_markdown
from model.scoring.explain import explain_rubric
from model.scoring.rubric import default_rubric

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- rubric:begin -->", "<!-- rubric:end -->"


def test_the_readme_quotes_the_default_rubric_as_generated():
    readme = README.read_text(encoding="utf-8")
    assert readme.count(BEGIN) == 1 and readme.count(END) == 1
    quoted = readme[readme.index(BEGIN) + len(BEGIN) : readme.index(END)]
    expected = "\n\n" + rubric_markdown(explain_rubric(default_rubric()), level=4) + "\n"
    assert quoted == expected, "README out of step: run .venv/bin/python scripts/readme_rubric.py"
