"""The four reports for submission, built from the model's services into `Report`s."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from exports import strings
from exports.report import (
    Block,
    Cell,
    Column,
    ColumnKind,
    Heading,
    Paragraph,
    Report,
    Signature,
    Table,
    Tone,
    chinese_date,
)
from model.core.strings import (
    COMPLETION_NAMES,
    KIND_NAMES,
    PLAN_SHORT_NAMES,
    PROGRESS_NAMES,
    ROLE_SHORT,
    UNREPORTED_NAME,
)
from model.reports.bulletin import Bulletin, UnitItems, pairs, tasks_of
from model.reports.letterhead import Letterhead
from model.reports.notice_sheet import NoticeSheet
from model.reports.progress_table import (
    Assessed,
    Progress,
    ProgressRow,
    ProgressTable,
    progress_counts,
    year_end_missed,
)
from model.scoring.review import ReviewBoard, UnitReview
from model.scoring.rubric import BandTone
from model.scoring.scorecards import ScoreBoard, Scorecard, ScoreLine
from model.status.holders import HolderState
from model.status.notices import NoticeView, ReplyState

PROGRESS_TONES: dict[str, Tone] = {
    PROGRESS_NAMES[Progress.OVERDUE]: "red",
    PROGRESS_NAMES[Progress.BEHIND]: "yellow",
    PROGRESS_NAMES[Progress.DONE]: "green",
}
# The notice sheet's status column adds the word for a unit that never reported.
NOTICE_TONES: dict[str, Tone] = {**PROGRESS_TONES, UNREPORTED_NAME: "yellow"}
BAND_TONES: dict[BandTone, Tone] = {BandTone.TOP: "green", BandTone.BOTTOM: "red"}
REPLY_TONES: dict[ReplyState, Tone] = {
    ReplyState.OVERDUE: "red",
    ReplyState.LATE: "yellow",
    ReplyState.ANSWERED: "green",
}


def _title(head: Letterhead, text: str) -> str:
    return (strings.DEMO_MARK if head.demo else "") + text


def _sheet(name: str, used: set[str]) -> str:
    """A worksheet name Excel accepts: no []:*?/\\, at most 31 characters, unique."""
    cleaned = (
        "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or strings.SHEET_FALLBACK
    )
    candidate, n = cleaned[:31], 1
    while candidate in used:
        n += 1
        suffix = f"_{n}"
        candidate = cleaned[: 31 - len(suffix)] + suffix
    used.add(candidate)
    return candidate


def _columns(
    names: tuple[str, ...], widths: tuple[int, ...], kinds: str = ""
) -> tuple[Column, ...]:
    """Columns from parallel name/width tuples; kinds: one letter per column: t text,
    w wrapped text, n unit names (wrapped between names), i int, s score (0.00), f float,
    d date, p percent."""
    kind_of: dict[str, ColumnKind] = {
        "t": "text",
        "w": "text",
        "n": "text",
        "i": "int",
        "s": "score",
        "f": "float",
        "d": "date",
        "p": "percent",
    }
    letters = kinds or "t" * len(names)
    return tuple(
        Column(name, width, kind_of[k], wrap=k in "wn", names=k == "n")
        for name, width, k in zip(names, widths, letters, strict=True)
    )


def _plan_task(state: HolderState) -> str:
    plan = PLAN_SHORT_NAMES.get(state.plan_key, state.plan_key)
    return strings.PLAN_TASK.format(plan=plan, number=state.task_number, title=state.task_title)


# 年终考核评分表 ----------------------------------------------------------------------


def _reasons(card: Scorecard) -> str:
    """What the non-task points of a card are for, in words (the numbers are in columns)."""
    counts = Counter(line.kind for line in card.lines)
    parts = []
    if card.reporting:
        reports = []
        if card.missed_reports:
            reports.append(strings.SCORECARDS_REASON_MISSED.format(count=card.missed_reports))
        if card.late_reports:
            reports.append(strings.SCORECARDS_REASON_LATE.format(count=card.late_reports))
        parts.append("、".join(reports))
    if card.notice_points:
        parts.append(strings.SCORECARDS_REASON_NOTICES.format(count=card.notices))
    if card.bonus:
        # A cap line is a correction, not an early closure: count the task lines only.
        early = sum(1 for line in card.lines if line.kind == "bonus" and line.task)
        parts.append(strings.SCORECARDS_REASON_BONUS.format(count=early))
    if card.adjustments:
        parts.append(strings.SCORECARDS_REASON_ADJUST.format(count=counts["adjustment"]))
    parts += [line.detail for line in card.lines if line.kind == "limit"]
    return "；".join(parts)


def _rank_in_category(category: str | None, rank: str) -> str:
    return (
        rank
        if category is None
        else strings.SCORECARDS_RANK_IN.format(category=category, rank=rank)
    )


def _parts(card: Scorecard) -> tuple[float, ...]:
    """The points of a card in the order of SCORECARDS_PARTS; they add up to its score."""
    return (
        card.task_points,
        card.reporting,
        card.notice_points,
        card.bonus,
        card.adjustments,
        card.limit,
    )


def _line_row(index: int, line: ScoreLine) -> tuple[Cell, ...]:
    kind = strings.SCORECARDS_LINE_KINDS.get(line.kind, "")
    return (index, kind, line.task, line.detail, line.points, line.basis)


def _csv_summary(board: ScoreBoard, review: ReviewBoard | None = None) -> Table:
    """The scorecards csv: one rectangular table, a row per unit, every number a number;
    with the year-end cycle, its totals and state beside the system's score."""
    rows = []
    for c in board.cards:
        note = strings.SCORECARDS_CSV_TIED if c.tied else ""
        if not c.ranked:
            note = c.rank_label
        rows.append(
            (
                c.rank,
                note,
                c.category or c.unranked_reason,
                c.unit,
                KIND_NAMES.get(c.kind, ""),
                c.lead,
                c.support,
                c.responsible,
                c.done_on_time,
                c.done_late,
                c.awaiting_close,
                c.missed,
                c.missed_reports,
                c.late_reports,
                c.notices,
                *_parts(c),
                c.score,
                c.rating,
            )
        )
    table = Table(
        caption=strings.SCORECARDS_SUMMARY_CAPTION,
        sheet=strings.SHEET_SUMMARY,
        columns=_columns(
            strings.SCORECARDS_CSV_COLUMNS,
            (6, 10, 12, 20, 8, 8, 8, 8, 8, 8, 6, 6, 6, 6, 6, 9, 9, 9, 9, 9, 9, 9, 8),
            "ittwtiiiiiiiiiissssssst",
        ),
        rows=tuple(rows),
        note=strings.AS_OF_NOTE.format(date=chinese_date(board.as_of)),
    )
    if review is None:
        return table

    def reviewed(row: tuple[Cell, ...], unit: UnitReview) -> dict[str, Cell]:
        rank_note = strings.SCORECARDS_CSV_TIED if unit.tied else ""
        return {
            strings.SCORECARDS_CSV_COLUMNS[0]: unit.rank,
            strings.SCORECARDS_CSV_COLUMNS[1]: rank_note if unit.rank else unit.rank_label,
            strings.COLUMN_RATING: unit.rating,
        }

    return _with_review(table, board, review, reviewed, state=True)


def _with_review(
    table: Table,
    board: ScoreBoard,
    review: ReviewBoard,
    replaced: Callable[[tuple[Cell, ...], UnitReview], dict[str, Cell]],
    *,
    state: bool,
    totals: bool = True,
) -> Table:
    """A summary table in the reviewed order: the cycle's totals (自评得分, 复核得分) and, in
    the csv, the unit's state after the system's score (得分, kept as it was: the csv is a
    data contract), and the cells `replaced` names (rank, rating) from the review. A unit
    the approved cards hold but today's computation does not keeps only what the approval
    recorded."""
    names = [c.name for c in table.columns]
    at = names.index(strings.SCORECARDS_COLUMN_SCORE)
    added = (
        [
            Column(strings.REVIEW_COLUMN_SELF, 9, "score"),
            Column(strings.REVIEW_COLUMN_REVIEWED, 9, "score"),
        ]
        if totals
        else []
    )
    if state:
        added.append(Column(strings.REVIEW_COLUMN_STATE, 16, "text", wrap=True))
    columns = (*table.columns[: at + 1], *added, *table.columns[at + 1 :])
    by_unit = dict(zip((c.unit for c in board.cards), table.rows, strict=True))
    unit_at = names.index(strings.REVIEW_UNIT_COLUMN)
    rows = []
    for unit in review.units:
        base = list(by_unit.get(unit.unit) or (None,) * len(names))
        base[unit_at] = unit.unit
        for name, value in replaced(tuple(base), unit).items():
            base[names.index(name)] = value
        cells: list[Cell] = [unit.self_total, unit.total] if totals else []
        if state:
            cells.append(review.state_label if review.frozen else unit.state_label)
        rows.append((*base[: at + 1], *cells, *base[at + 1 :]))
    return replace(table, columns=columns, rows=tuple(rows))


def _review_paragraphs(review: ReviewBoard) -> list[Block]:
    """The cycle's state (未自评 … 已审定（李中煊，2024-01-12）) and what a reader must know
    beside it: a reopening, a change since the approval (审定后数据有变化)."""
    template = strings.REVIEW_STATE_TEXT if review.state != "none" else strings.REVIEW_STATE_NONE
    text = template.format(state=review.state_label)
    return [Paragraph(text), *(Paragraph(note) for note in review.notes)]


def _review_items(unit: UnitReview, used: set[str]) -> Table:
    """考核项目 | 分值 | 系统计分 | 自评得分 | 自评说明 | 复核得分 | 复核说明, then the office's
    adjustments, the floor/cap correction and the totals."""
    rows: list[tuple[Cell, ...]] = [
        (
            item.name,
            item.range_label,
            item.computed,
            item.self_points,
            item.self_note,
            item.reviewed,
            strings.REVIEW_REVIEWED_BY.format(
                reason=item.reason, by=item.reviewed_by, on=item.reviewed_on
            )
            if item.is_reviewed
            else "",
        )
        for item in unit.items
    ]
    if unit.adjustments:
        adjustments = unit.adjustments
        rows.append((strings.REVIEW_ADJUSTMENTS, "", adjustments, adjustments, "", adjustments, ""))
    if unit.limit:
        rows.append((strings.REVIEW_LIMIT, "", None, None, "", unit.limit, ""))
    rows.append(
        (strings.REVIEW_TOTAL, "", unit.computed_total, unit.self_total, "", unit.total, "")
    )
    return Table(
        caption=strings.REVIEW_ITEMS_CAPTION.format(unit=unit.unit),
        sheet=_sheet(strings.REVIEW_ITEMS_SHEET.format(unit=unit.unit), used),
        columns=_columns(strings.REVIEW_ITEMS_COLUMNS, (10, 9, 9, 9, 30, 9, 36), "ttsswsw"),
        rows=tuple(rows),
    )


def _title_of(board: ScoreBoard, head: Letterhead) -> str:
    title = strings.SCORECARDS_TITLE.format(region=head.region, year=board.year)
    return _title(head, title + (strings.SCORECARDS_PROVISIONAL if board.provisional else ""))


def _subtitle_of(board: ScoreBoard) -> str:
    return strings.SCORECARDS_SUBTITLE.format(
        provisional=strings.SCORECARDS_SUBTITLE_PROVISIONAL if board.provisional else "",
        date=chinese_date(board.as_of),
        rubric=board.rubric,
    )


def _rating_tones(board: ScoreBoard) -> dict[str, Tone]:
    """Ratings coloured by the band's place in the rubric (best green, worst red)."""
    tones: dict[str, Tone] = {}
    for name in board.bands:
        tone = BAND_TONES.get(board.tone(name))
        if tone is not None:
            tones[name] = tone
    return tones


def scorecards_report(
    board: ScoreBoard, head: Letterhead, review: ReviewBoard | None = None
) -> Report:
    """年终考核评分表: a summary and every unit's lines. Its csv is one table, a row per
    unit (`csv_table`); `scorecards_detail_report` is the lines in one long table.

    With the year-end cycle (`review`, model.scoring.review), the summary puts 自评得分 and
    复核得分 beside the system's score and ranks and rates by 复核得分 (the approved cards
    once approved), says the cycle's state, and each unit's section opens with its items
    (考核项目 | 分值 | 系统计分 | 自评得分 | 自评说明 | 复核得分 | 复核说明)."""
    bands = board.bands
    summary = Table(
        caption=strings.SCORECARDS_SUMMARY_CAPTION,
        sheet=strings.SHEET_SUMMARY,
        # Counts in pairs and triples (4/2/0) so the printed summary keeps its unit names and
        # numbers whole on an A4 page; the csv has each count in a column of its own.
        columns=_columns(
            strings.SCORECARDS_COLUMNS,
            (9, 18, 9, 7, 6, 8, 8, 8, 6, 8, 8, 8, 8, 24),
            "ttttissssssstw",  # one unit a row: its name kept whole (never 公路/段)
        ),
        rows=tuple(
            (
                # The category above the rank (乡镇 / 并列第1): ranks restart in each, and a
                # column of its own would crowd the page. Why a unit is not ranked is said
                # once, above the table.
                _rank_in_category(c.category, c.rank_label),
                c.unit,
                f"{c.lead}/{c.support}/{c.responsible}",
                f"{c.done_on_time}/{c.done_late}",
                c.missed,
                *_parts(c),
                c.score,
                c.rating,
                _reasons(c),
            )
            for c in board.cards
        ),
        note=strings.AS_OF_NOTE.format(date=chinese_date(board.as_of)),
        tone_column=strings.COLUMN_RATING,
        tones=_rating_tones(board),
    )
    if review is not None:
        summary = _with_review(
            summary,
            board,
            review,
            lambda _, unit: {
                strings.SCORECARDS_COLUMNS[0]: _rank_in_category(unit.category, unit.rank_label),
                strings.COLUMN_RATING: unit.rating,
            },
            state=False,
            # 自评得分 and 复核得分 once a unit has entered the cycle: before, they repeat 得分.
            totals=review.state != "none",
        )
    results: Sequence[Scorecard | UnitReview] = board.cards if review is None else review.units
    ratings = Counter(c.rating for c in results)
    band_text = "，".join(
        strings.SCORECARDS_BAND.format(name=name, count=ratings.get(name, 0)) for name in bands
    )
    blocks: list[Block] = [Heading(strings.SCORECARDS_SUMMARY_HEADING, 1)]
    if board.provisional:
        blocks.append(
            Paragraph(
                strings.SCORECARDS_PROVISIONAL_TEXT.format(
                    year=board.year, date=chinese_date(board.as_of)
                )
            )
        )
    blocks.append(
        Paragraph(strings.SCORECARDS_SUMMARY_TEXT.format(units=len(board.cards), bands=band_text))
    )
    unranked = [
        strings.SCORECARDS_UNRANKED_UNIT.format(unit=c.unit, kind=c.unranked_reason)
        for c in board.cards
        if not c.ranked
    ]
    if unranked:
        blocks.append(Paragraph(strings.SCORECARDS_UNRANKED_TEXT.format(units="、".join(unranked))))
    if any(c.tied for c in results):
        blocks.append(Paragraph(strings.SCORECARDS_TIED_TEXT))
    if board.categories:
        counts = Counter(c.category for c in board.cards if c.category)
        listed = "，".join(
            strings.SCORECARDS_CATEGORY_COUNT.format(name=name, count=counts.get(name, 0))
            for name in board.categories
        )
        blocks.append(Paragraph(strings.SCORECARDS_CATEGORY_TEXT.format(categories=listed)))
    if any(c.missed for c in board.cards):
        red = strings.SCORECARDS_RED_TEXT.format(date=chinese_date(board.as_of))
        blocks.append(Paragraph(red))
    vetoed = "、".join(c.unit for c in results if c.vetoed)
    if vetoed and bands:
        veto = (
            strings.SCORECARDS_VETO_TEXT_AS_OF.format(
                units=vetoed, date=chinese_date(board.as_of), band=bands[0]
            )
            if board.provisional
            else strings.SCORECARDS_VETO_TEXT.format(units=vetoed, band=bands[0])
        )
        blocks.append(Paragraph(veto))
    if review is not None:
        blocks += _review_paragraphs(review)
    blocks += [summary, Heading(strings.SCORECARDS_DETAIL_HEADING, 1)]
    used = {summary.sheet}
    cards = {c.unit: c for c in board.cards}
    for result in results:
        heading = strings.SCORECARDS_UNIT_HEADING.format(
            unit=result.unit,
            score=f"{result.score if isinstance(result, Scorecard) else result.total:.2f}",
            rating=result.rating,
        )
        blocks.append(Heading(heading, 2))
        if isinstance(result, UnitReview) and result.state != "none":
            blocks.append(_review_items(result, used))
        elif isinstance(result, UnitReview):
            # Before a unit's 自评 its items are the system's points, already in the summary:
            # a sentence says so instead of a table of repeats (and a sheet per unit).
            blocks.append(Paragraph(strings.REVIEW_ITEMS_NONE))
        card = cards.get(result.unit)
        if card is None:
            continue
        blocks.append(
            Table(
                caption=strings.SCORECARDS_UNIT_CAPTION.format(unit=card.unit),
                sheet=_sheet(card.unit, used),
                columns=_columns(strings.SCORECARDS_LINE_COLUMNS, (6, 10, 30, 50, 9, 30), "twwwsw"),
                rows=tuple(_line_row(i, line) for i, line in enumerate(card.lines, start=1)),
            )
        )
    return Report(
        kind="scorecards",
        title=_title_of(board, head),
        subtitle=_subtitle_of(board),
        author=head.office,
        as_of=board.as_of,
        blocks=tuple(blocks),
        landscape=True,
        signers=strings.SCORECARDS_SIGNERS,
        csv_table=_csv_summary(board, review),
    )


def scorecards_detail_report(board: ScoreBoard, head: Letterhead) -> Report:
    """Every line of every card in one long table (unit, category, task, detail, points,
    basis): the second csv of `duban export scorecards --detail`."""
    table = Table(
        caption=strings.SCORECARDS_DETAIL_HEADING,
        sheet=strings.SCORECARDS_DETAIL_HEADING,
        columns=_columns(strings.SCORECARDS_DETAIL_CSV_COLUMNS, (20, 10, 30, 50, 9, 30), "wtwwsw"),
        rows=tuple(
            (card.unit, *_line_row(0, line)[1:]) for card in board.cards for line in card.lines
        ),
        note=strings.AS_OF_NOTE.format(date=chinese_date(board.as_of)),
    )
    return Report(
        kind="scorecards",
        title=strings.SCORECARDS_DETAIL_TITLE.format(title=_title_of(board, head)),
        subtitle=_subtitle_of(board),
        author=head.office,
        as_of=board.as_of,
        blocks=(table,),
        landscape=True,
        csv_table=table,
    )


# 重点任务进展情况表 --------------------------------------------------------------------


def _progress_row(row: ProgressRow) -> tuple[Cell, ...]:
    """序号 is the task's number in its plan; the lead column holds the responsible units
    of a task that has no lead (各乡镇 负责)."""
    return (
        row.number,
        row.title,
        "、".join(row.owners),
        "、".join(row.support),
        row.deadline,
        row.summary,
        row.problems,
        row.next_steps,
        PROGRESS_NAMES[row.progress],
        row.remarks,
    )


def _progress_summary(date: str, rows: Sequence[ProgressRow]) -> Paragraph:
    """截至…，共N项任务：已完成…; the counts keyed for the template ({done}, {on_track}, …)."""
    counts = {p.value: n for p, n in progress_counts(rows).items()}
    return Paragraph(strings.PROGRESS_SUMMARY_TEXT.format(date=date, tasks=len(rows), **counts))


def progress_report(table: ProgressTable, head: Letterhead) -> Report:
    single = table.plan_key is not None
    title = (
        strings.PROGRESS_TITLE_PLAN.format(plan=table.plans[0][1])
        if single
        else strings.PROGRESS_TITLE_ALL.format(region=head.region, year=table.year)
    )
    date = chinese_date(table.as_of)
    blocks: list[Block] = [_progress_summary(date, table.rows)]
    used: set[str] = set()
    for key, plan_title in table.plans:
        rows = table.rows_of(key)
        if not single:
            blocks.append(Heading(plan_title, 1))
            blocks.append(_progress_summary(date, rows))
        blocks.append(
            Table(
                caption=plan_title,
                sheet=_sheet(PLAN_SHORT_NAMES.get(key, key), used),
                columns=_columns(
                    strings.PROGRESS_COLUMNS,
                    (6, 26, 16, 16, 16, 36, 20, 20, 8, 28),
                    "iwnnwwwwtw",
                ),
                rows=tuple(_progress_row(r) for r in rows),
                note=strings.AS_OF_NOTE.format(date=date),
                tone_column=strings.COLUMN_STATUS,
                tones=PROGRESS_TONES,
                part=PLAN_SHORT_NAMES.get(key, key),
            )
        )
    return Report(
        kind="progress",
        title=_title(head, title),
        subtitle=strings.AS_OF_NOTE.format(date=date),
        author=head.office,
        as_of=table.as_of,
        blocks=tuple(blocks),
        landscape=True,
        part_column=strings.PROGRESS_PART_COLUMN,
    )


# 督办通知单 ----------------------------------------------------------------------------


def _notice_status(item: Assessed) -> str:
    """逾期 / 未报送 / 滞后 / …: a unit that never reported is named so, as in the
    progress table's remarks and the bulletin."""
    if item.chase.unreported and item.progress is not Progress.OVERDUE:
        return UNREPORTED_NAME
    return PROGRESS_NAMES[item.progress]


def _notice_detail(item: Assessed, sheet: NoticeSheet) -> str:
    state, progress, parts = item.state, item.progress, []
    if progress is Progress.OVERDUE and state.overdue_since is not None:
        days = (sheet.as_of - state.overdue_since).days
        since = chinese_date(state.overdue_since)
        if item.year_end_missed:  # no milestone pending: the plan year's end was the deadline
            parts.append(strings.NOTICE_YEAR_END_DETAIL.format(due=since))
        elif days == 0:  # due that day, at the plan year's end (lights.deadline_missed)
            parts.append(strings.NOTICE_DUE_TODAY_DETAIL.format(since=since))
        else:
            parts.append(strings.NOTICE_OVERDUE_DETAIL.format(since=since, days=days))
    if item.chase.unreported:
        parts.append(strings.NOTICE_UNREPORTED_DETAIL.format(owed=item.chase.owed))
    elif progress is Progress.BEHIND and state.last_report_on is not None:
        days = (sheet.as_of - state.last_report_on).days
        parts.append(strings.NOTICE_STALE_DETAIL.format(days=days))
    elif progress is Progress.BEHIND and state.next_due is not None:
        parts.append(strings.NOTICE_DUE_SOON_DETAIL.format(due=chinese_date(state.next_due)))
    if not parts and item.completion is not None:  # an issued notice's task, since finished
        name = COMPLETION_NAMES[item.completion.value]
        parts.append(strings.NOTICE_FINISHED_DETAIL.format(completion=name))
    elif not parts:
        parts.append(strings.NOTICE_ON_TRACK_DETAIL)
    return strings.NOTICE_DETAIL_JOIN.join(parts)


def _source(head: Letterhead) -> str:
    """The document a notice rests on: 《full title》（number）, else its number."""
    if head.document_title and head.document:
        return strings.NOTICE_SOURCE.format(title=head.document_title, number=head.document)
    if head.document:
        return strings.NOTICE_SOURCE_NUMBER.format(number=head.document)
    return strings.NOTICE_SOURCE_NONE


def _contact(head: Letterhead) -> list[Block]:
    """联系人 and 联系电话 from the settings' [office]; no line when neither is set."""
    parts = []
    if head.contact.contact:
        parts.append(strings.NOTICE_CONTACT.format(contact=head.contact.contact))
    if head.contact.phone:
        parts.append(strings.NOTICE_PHONE.format(phone=head.contact.phone))
    return [Paragraph(strings.NOTICE_CONTACT_JOIN.join(parts))] if parts else []


def _addressee(sheet: NoticeSheet) -> str:
    """The unit the notice goes to, with the liaison who sends its work (#14) when it has one:
    克城镇（联络人：王丽　联系电话：0357-5521234）."""
    if sheet.liaison is None:
        return sheet.unit
    return strings.NOTICE_ADDRESSEE_LIAISON.format(
        unit=sheet.unit, name=sheet.liaison.name, phone=sheet.liaison.phone
    )


def _receipt(sheet: NoticeSheet, head: Letterhead, number: str) -> Table:
    """回执: the slip the unit fills in — who received the notice, when, and its reply."""
    rows: list[tuple[Cell, ...]] = [
        (strings.RECEIPT_NUMBER, number),
        (strings.RECEIPT_UNIT, sheet.unit),
        (strings.RECEIPT_RECEIVED_BY, ""),
        (strings.RECEIPT_DATE, strings.RECEIPT_DATE_BLANK),
        (strings.RECEIPT_PHONE, ""),
        (strings.RECEIPT_REPLY, ""),
    ]
    rows += [("", "")] * (strings.RECEIPT_REPLY_LINES - 1)
    return Table(
        caption=strings.RECEIPT_CAPTION,
        sheet=strings.RECEIPT_SHEET,
        columns=_columns(strings.RECEIPT_COLUMNS, (20, 60), "tw"),
        rows=tuple(rows),
        note=strings.RECEIPT_NOTE.format(
            reply_due=chinese_date(sheet.reply_due), office=head.office
        ),
    )


def notice_report(sheet: NoticeSheet, head: Letterhead) -> Report:
    number = sheet.number or strings.NOTICE_DRAFT_NUMBER
    reply_due = chinese_date(sheet.reply_due)
    rows = tuple(
        (
            i,
            _plan_task(s),
            ROLE_SHORT[s.role],
            s.overdue_since or s.next_due,
            s.last_report_on,
            _notice_status(a),
            _notice_detail(a, sheet),
        )
        for i, (s, a) in enumerate(zip(sheet.states, sheet.items, strict=True), start=1)
    )
    blocks: list[Block] = [
        Paragraph(strings.NOTICE_ADDRESSEE.format(unit=sheet.unit), indent=False),
        Paragraph(
            strings.NOTICE_BODY.format(
                source=_source(head),
                date=chinese_date(sheet.as_of),
                count=len(rows),
                reply_due=reply_due,
                office=head.office,
            )
        ),
    ]
    if sheet.body:
        blocks.append(Paragraph(strings.NOTICE_BODY_ISSUED_EXTRA.format(body=sheet.body)))
    blocks += [
        Table(
            caption=strings.NOTICE_CAPTION,
            sheet=strings.NOTICE_TITLE,
            columns=_columns(strings.NOTICE_COLUMNS, (6, 40, 6, 12, 12, 6, 24), "iwtddtw"),
            rows=rows,
            note=strings.NOTICE_TABLE_NOTE.format(
                unit=_addressee(sheet), number=number, reply_due=reply_due
            ),
            tone_column=strings.COLUMN_STATUS,
            tones=NOTICE_TONES,
        ),
        *_contact(head),
        # Signed and dated on its issue date (a draft: the as-of date).
        Signature(head.office, sheet.issued_on),
        _receipt(sheet, head, number),
    ]
    return Report(
        kind="notice",
        title=_title(head, strings.NOTICE_TITLE),
        subtitle=strings.NOTICE_SUBTITLE.format(number=number, level=sheet.level),
        author=head.office,
        as_of=sheet.as_of,
        blocks=tuple(blocks),
    )


# 月度通报 -----------------------------------------------------------------------------


def _rate(done: int, tasks: int) -> str:
    return f"{done / tasks:.1%}" if tasks else "—"


def _reply_tones(notices: Iterable[NoticeView], as_of: dt.date) -> dict[str, Tone]:
    """The reply cell's colour by its text: the text carries the reply date, so each
    notice's wording is keyed to the tone of its state (an open reply stays uncoloured)."""
    tones: dict[str, Tone] = {}
    for notice in notices:
        tone = REPLY_TONES.get(notice.state(as_of))
        if tone is not None:
            tones[notice.describe(as_of)] = tone
    return tones


def _figure_row(title: str, tasks: int, counts: Mapping[Progress, int]) -> tuple[Cell, ...]:
    done = counts[Progress.DONE]
    return (
        title,
        tasks,
        done,
        counts[Progress.ON_TRACK],
        counts[Progress.BEHIND],
        counts[Progress.OVERDUE],
        done / tasks if tasks else None,
    )


def _unit_items_table(
    units: Sequence[UnitItems],
    caption: str,
    columns: tuple[str, ...],
    item: Callable[[HolderState, int], str],
    date: str,
) -> Table:
    """A list by unit: its unit–task pairs (项次) counted and named."""
    return Table(
        caption=caption,
        sheet=caption[:31],
        columns=_columns(columns, (6, 22, 10, 70), "itiw"),
        rows=tuple(
            (
                i,
                u.unit,
                len(u.items),
                "；".join(item(s, owed) for s, owed in zip(u.items, u.owed, strict=True)),
            )
            for i, u in enumerate(units, start=1)
        ),
        note=strings.AS_OF_NOTE.format(date=date),
    )


def _outstanding(bulletin: Bulletin, date: str) -> list[Block]:
    """The notices still unanswered past their reply date, whichever month they went out."""
    if not bulletin.outstanding:
        return []
    return [
        Paragraph(
            strings.BULLETIN_OUTSTANDING_TEXT.format(
                end=date,
                overdue_name=ReplyState.OVERDUE.label,
                overdue=len(bulletin.outstanding),
                numbers="、".join(n.number for n in bulletin.outstanding),
            )
        )
    ]


def _units_paragraph(units: Sequence[UnitItems], text: str, none: str) -> Paragraph:
    """How many units, unit–task pairs and tasks a list of the bulletin holds (or none)."""
    if not units:
        return Paragraph(none)
    return Paragraph(
        text.format(
            units=len(units),
            pairs=pairs(units),
            tasks=tasks_of(units),
            pairs_note=strings.BULLETIN_PAIRS_NOTE,
        )
    )


def bulletin_report(bulletin: Bulletin, head: Letterhead) -> Report:
    date = chinese_date(bulletin.as_of)
    names = PROGRESS_NAMES
    totals = {p: bulletin.total(p) for p in Progress}
    done = totals[Progress.DONE]
    figures = [_figure_row(f.title, f.tasks, f.counts) for f in bulletin.figures]
    figures.append(_figure_row(strings.BULLETIN_TOTAL, bulletin.tasks, totals))
    blocks: list[Block] = [
        Heading(strings.BULLETIN_OVERALL, 1),
        Paragraph(
            strings.BULLETIN_OVERALL_TEXT.format(
                date=date,
                year=bulletin.year,
                plans=len(bulletin.figures),
                tasks=bulletin.tasks,
                rate=_rate(done, bulletin.tasks),
                **{p.value: n for p, n in totals.items()},
            )
        ),
        Table(
            caption=strings.BULLETIN_FIGURES_CAPTION,
            sheet=strings.BULLETIN_OVERALL,
            columns=_columns(strings.BULLETIN_FIGURE_COLUMNS, (36, 8, 8, 10, 8, 8, 10), "wiiiiip"),
            rows=tuple(figures),
            note=strings.AS_OF_NOTE.format(date=date),
        ),
        Paragraph(
            strings.BULLETIN_COMPLETIONS_TEXT.format(
                pairs=bulletin.completions.holders,
                done=bulletin.completions.done,
                closed=bulletin.completions.closed,
                awaiting=bulletin.completions.awaiting,
                pairs_note=strings.BULLETIN_PAIRS_NOTE,
            )
        ),
        Heading(strings.BULLETIN_RED, 1),
    ]
    red = bulletin.red_units
    blocks.append(_units_paragraph(red, strings.BULLETIN_RED_TEXT, strings.BULLETIN_RED_NONE))
    blocks.append(
        _unit_items_table(
            red,
            strings.BULLETIN_RED_CAPTION,
            strings.BULLETIN_RED_COLUMNS,
            lambda s, _: (
                strings.BULLETIN_YEAR_END_ITEM.format(task=_plan_task(s))
                if year_end_missed(s)
                else strings.BULLETIN_RED_ITEM.format(
                    task=_plan_task(s), since=chinese_date(s.overdue_since or bulletin.as_of)
                )
            ),
            date,
        )
    )
    unreported = bulletin.unreported_units
    blocks += [
        Heading(strings.BULLETIN_UNREPORTED, 1),
        _units_paragraph(
            unreported, strings.BULLETIN_UNREPORTED_TEXT, strings.BULLETIN_UNREPORTED_NONE
        ),
        _unit_items_table(
            unreported,
            strings.BULLETIN_UNREPORTED_CAPTION,
            strings.BULLETIN_UNREPORTED_COLUMNS,
            lambda s, owed: strings.BULLETIN_UNREPORTED_ITEM.format(task=_plan_task(s), owed=owed),
            date,
        ),
    ]
    if bulletin.placeholders:
        groups = "".join(
            strings.BULLETIN_PLACEHOLDER_GROUP.format(group=p.group) for p in bulletin.placeholders
        )
        held = len({s.task_id for p in bulletin.placeholders for s in p.items})
        blocks.append(
            Paragraph(strings.BULLETIN_PLACEHOLDER_TEXT.format(groups=groups, tasks=held))
        )
    awaiting = bulletin.awaiting_units
    blocks += [
        Heading(strings.BULLETIN_AWAITING, 1),
        _units_paragraph(awaiting, strings.BULLETIN_AWAITING_TEXT, strings.BULLETIN_AWAITING_NONE),
        _unit_items_table(
            awaiting,
            strings.BULLETIN_AWAITING_CAPTION,
            strings.BULLETIN_AWAITING_COLUMNS,
            lambda s, _: _plan_task(s),
            date,
        ),
    ]
    blocks += [
        Heading(strings.BULLETIN_NOTICES, 1),
        Paragraph(
            strings.BULLETIN_NOTICES_TEXT.format(
                start=chinese_date(bulletin.previous + dt.timedelta(days=1)),
                end=date,
                issued=len(bulletin.notices),
                replies=len(bulletin.replies),
                answered_name=ReplyState.ANSWERED.label,
                answered=bulletin.replies_in(ReplyState.ANSWERED),
                late_name=ReplyState.LATE.label,
                late=bulletin.replies_in(ReplyState.LATE),
            )
        ),
        *_outstanding(bulletin, date),
        Table(
            caption=strings.BULLETIN_NOTICES_CAPTION,
            sheet=strings.BULLETIN_NOTICES,
            columns=_columns(strings.BULLETIN_NOTICE_COLUMNS, (18, 22, 8, 12, 12, 18), "tttddt"),
            rows=tuple(
                (
                    n.number,
                    n.unit,
                    n.level,
                    n.issued_on,
                    n.reply_due,
                    n.describe(bulletin.as_of),
                )
                for n in bulletin.listed_notices
            ),
            note=strings.AS_OF_NOTE.format(date=date),
            tone_column=strings.COLUMN_REPLY,
            tones=_reply_tones(bulletin.listed_notices, bulletin.as_of),
        ),
        Heading(strings.BULLETIN_CHANGES, 1),
    ]
    previous = chinese_date(bulletin.previous)
    if bulletin.changes:
        moved = Counter(c.after for c in bulletin.changes)
        parts = "，".join(
            strings.BULLETIN_CHANGE_PART.format(name=names[p], count=moved[p])
            for p in Progress
            if moved[p]
        )
        blocks.append(
            Paragraph(
                strings.BULLETIN_CHANGES_TEXT.format(
                    previous=previous, count=len(bulletin.changes), parts=parts
                )
            )
        )
    else:
        blocks.append(Paragraph(strings.BULLETIN_CHANGES_NONE.format(previous=previous)))
    blocks += [
        Table(
            caption=strings.BULLETIN_CHANGES_CAPTION,
            sheet=strings.BULLETIN_CHANGES,
            columns=_columns(strings.BULLETIN_CHANGE_COLUMNS, (6, 10, 44, 10, 10), "itttt"),
            rows=tuple(
                (
                    i,
                    PLAN_SHORT_NAMES.get(c.plan_key, c.plan_key),
                    strings.PROGRESS_TASK.format(number=c.number, title=c.title),
                    names[c.before],
                    names[c.after],
                )
                for i, c in enumerate(bulletin.changes, start=1)
            ),
            note=strings.AS_OF_NOTE.format(date=date),
            tone_column=strings.COLUMN_STATUS_NOW,
            tones=PROGRESS_TONES,
        ),
        Signature(head.office, bulletin.as_of),
    ]
    return Report(
        kind="bulletin",
        title=_title(head, strings.BULLETIN_TITLE.format(region=head.region)),
        subtitle=strings.BULLETIN_SUBTITLE.format(
            year=bulletin.as_of.year, month=bulletin.as_of.month, date=date
        ),
        author=head.office,
        as_of=bulletin.as_of,
        blocks=tuple(blocks),
    )
