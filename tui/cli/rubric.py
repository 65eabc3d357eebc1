"""`duban rubric show | check | explain [FILE]`: the scoring rubric (年终考核细则)."""

from __future__ import annotations

import argparse
import sys

from tui import strings


def run(args: argparse.Namespace) -> int:
    from model.core.strings import KIND_NAMES
    from model.scoring.rubric import effective_rubric, load_rubric_file, user_rubric_path

    if args.action == "check":
        path = args.file or user_rubric_path()
        rubric = load_rubric_file(path) if args.file else effective_rubric(path)[0]
        bands = "、".join(f"{b.name}≥{b.min:g}" for b in rubric.bands)
        ranked = (
            "；".join(
                f"{c.name}（{'、'.join(KIND_NAMES[k] for k in c.kinds)}）"
                for c in rubric.categories
            )
            or strings.RUBRIC_RANKED_NONE
        )
        print(strings.RUBRIC_OK.format(path=path, name=rubric.name, bands=bands, ranked=ranked))
        return 0
    if args.action == "explain":
        from model.scoring.explain import explain_rubric

        rubric = load_rubric_file(args.file) if args.file else effective_rubric()[0]
        sys.stdout.write(explain_rubric(rubric).text())
        return 0
    rubric, path = effective_rubric(args.file)
    print(strings.RUBRIC_SHOWN.format(path=path))
    sys.stdout.write(path.read_text(encoding="utf-8"))
    return 0
