"""The 考核细则 as a document: the explained rubric (model.scoring.explain) as a `Report`.

Each chapter is a first-level heading (the writers number them 一、二、… as the explained
rubric does), each paragraph body text, each small table (the bands, the notice levels, the
ranking categories) a table with its caption. The closing is the office and the date, as
for every report. `rubric_markdown` writes the same chapters without a letterhead or a
closing, for the README's scoring section.
"""

from __future__ import annotations

import datetime as dt

from exports import strings
from exports.report import Block, Column, Heading, Paragraph, Report, Table, text_width, tidy
from model.reports.letterhead import Letterhead
from model.scoring.explain import ExplainedRubric, RuleTable


def _table(table: RuleTable, used: set[str]) -> Table:
    widths = [
        int(max(text_width(row[i]) for row in (table.columns, *table.rows))) + 2
        for i in range(len(table.columns))
    ]
    sheet = table.caption[:31]
    while sheet in used:
        sheet = sheet[:29] + f"_{len(used)}"
    used.add(sheet)
    return Table(
        caption=table.caption,
        sheet=sheet,
        columns=tuple(
            Column(name, width) for name, width in zip(table.columns, widths, strict=True)
        ),
        rows=table.rows,
    )


def rubric_report(
    explained: ExplainedRubric, head: Letterhead, *, year: int, as_of: dt.date
) -> Report:
    """The explained rubric under the office's letterhead, dated `as_of`."""
    used: set[str] = set()
    blocks: list[Block] = []
    for chapter in explained.chapters:
        blocks.append(Heading(chapter.title, 1))
        for block in chapter.blocks:
            blocks.append(_table(block, used) if isinstance(block, RuleTable) else Paragraph(block))
    return Report(
        kind="rubric",
        title=(strings.DEMO_MARK if head.demo else "") + explained.title,
        subtitle=strings.RUBRIC_SUBTITLE.format(year=year),
        author=head.office,
        as_of=as_of,
        blocks=tuple(blocks),
    )


def rubric_markdown(explained: ExplainedRubric, level: int = 1) -> str:
    """The chapters as Markdown: the title at heading `level`, the chapters one below, the
    tables as pipe tables under their caption; no letterhead, no closing."""
    lines = ["#" * level + " " + tidy(explained.title), ""]
    for chapter in explained.chapters:
        lines += ["#" * (level + 1) + " " + tidy(chapter.label), ""]
        for block in chapter.blocks:
            if isinstance(block, RuleTable):
                lines += [f"**{tidy(block.caption)}**", ""]
                lines.append("| " + " | ".join(tidy(c) for c in block.columns) + " |")
                lines.append("|" + "|".join("---" for _ in block.columns) + "|")
                lines += ["| " + " | ".join(tidy(c) for c in row) + " |" for row in block.rows]
                lines.append("")
            else:
                lines += [tidy(block), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
