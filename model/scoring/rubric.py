"""The year-end scoring rubric: a TOML file of settings, checked key by key.

The default ships in model/data/rubric.toml; `ensure_user_rubric()` writes it (tomli-w)
into the user's config folder the first time, where the office edits it.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from model.core import strings
from model.core.canonical import canonical_json, sha256_text
from model.core.enums import NOTICE_LEVELS, ROLES, UNIT_KINDS
from model.core.errors import InputError
from model.core.files import read_regular
from model.core.os_errors import describe_os_error
from model.core.periods import ReportingRules
from model.core.toml_errors import locate_toml_error
from model.core.workdays import WorkCalendar


class BandTone(StrEnum):
    """How a rating is coloured: by the band's place in the rubric, never by its name,
    so renaming 优秀 or adding a fifth band colours the same on screen and on paper."""

    TOP = "top"
    MIDDLE = "middle"
    BOTTOM = "bottom"


def band_tone(bands: tuple[str, ...], rating: str) -> BandTone:
    """The best band is TOP, the worst BOTTOM, any other (or an unknown name) MIDDLE."""
    if not bands:
        return BandTone.MIDDLE
    if rating == bands[0]:  # checked first: with one band it is the best
        return BandTone.TOP
    return BandTone.BOTTOM if rating == bands[-1] else BandTone.MIDDLE


# The unit kinds a rubric may rank: a group is never scored itself (its members are).
RANKABLE_KINDS: tuple[str, ...] = tuple(k for k in UNIT_KINDS if k != "group")
DEFAULT_RANKED_KINDS: tuple[str, ...] = ("department", "township")

# [deadlines] before_issue: what a milestone dated before its document was issued means.
# "issue_date": due on the issue date (a unit cannot be late for the time before the plan
# existed); "year_end": due at the plan year's end, like a task without a dated milestone.
BEFORE_ISSUE_CHOICES: tuple[str, ...] = ("issue_date", "year_end")
# [ranking] support_only: units whose every task is a supporting (配合) one. "unranked":
# scored and listed, not ranked; "own": ranked in a category of their own; "with_kind":
# ranked with the other units of their kind.
SUPPORT_ONLY_CHOICES: tuple[str, ...] = ("unranked", "own", "with_kind")


@dataclass(frozen=True)
class Category:
    """A ranking category: the units of these kinds are ranked against each other only."""

    name: str
    kinds: tuple[str, ...]


DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category(strings.CATEGORY_DEPARTMENTS, ("department",)),
    Category(strings.CATEGORY_TOWNSHIPS, ("township",)),
)


# Optional settings (rubric files written before them stay valid): who returns a monthly
# sheet, and in how many working days a notice is answered unless the office sets a date.
DEFAULT_REPORTING_ROLES: tuple[str, ...] = ("lead", "responsible")
DEFAULT_REPLY_WORKDAYS = 5
MAX_REPLY_WORKDAYS = 60


@dataclass(frozen=True)
class Band:
    name: str
    min: float


@dataclass(frozen=True)
class Rubric:
    name: str
    base: float
    weights: dict[str, float]
    closed_on_time: float
    closed_late: float
    late_per_month: float
    late_floor: float
    in_progress_factor: float
    not_started: float
    cadence: str
    due_day: int
    missed_report: float
    late_report: float
    reporting_max: float
    notice_levels: dict[str, float]
    notice_unanswered: float
    notices_max: float
    early_days: int
    early_points: float
    bonus_max: float
    floor: float
    cap: float
    veto_bars: str | None
    bands: tuple[Band, ...]
    categories: tuple[Category, ...] = DEFAULT_CATEGORIES
    support_only: str = "unranked"  # one of SUPPORT_ONLY_CHOICES
    before_issue: str = "issue_date"  # one of BEFORE_ISSUE_CHOICES
    bonus_lifts_band: bool = False  # may the bonus lift a unit into a better band?
    # [limits] per_item (扣完为止 of a task's reporting deductions): still read, so files
    # written before #14 stay valid, but returns are counted per unit: it changes no score.
    per_item_floor: bool = True
    # [reporting] roles: whose holders owe a monthly return (supporting units report
    # through the lead); [notices] reply_workdays: a notice's default reply date.
    reporting_roles: tuple[str, ...] = DEFAULT_REPORTING_ROLES
    reply_workdays: int = DEFAULT_REPLY_WORKDAYS

    @property
    def ranked_kinds(self) -> tuple[str, ...]:
        """Every unit kind some category ranks."""
        return tuple(k for c in self.categories for k in c.kinds)

    def ranks(self, kind: str) -> bool:
        return kind in self.ranked_kinds

    def category(self, kind: str, *, support_only: bool) -> str | None:
        """The name of the category a unit is ranked in, or None when it is not ranked."""
        if support_only and self.support_only == "unranked":
            return None
        if support_only and self.support_only == "own":
            return strings.CATEGORY_SUPPORT_ONLY
        return next((c.name for c in self.categories if kind in c.kinds), None)

    def category_names(self) -> tuple[str, ...]:
        """The categories in the order cards and reports list them."""
        names = tuple(c.name for c in self.categories)
        return names + ((strings.CATEGORY_SUPPORT_ONLY,) if self.support_only == "own" else ())

    def rating(self, score: float) -> str:
        return next(b.name for b in self.bands if score >= b.min)

    def rate(self, score: float, bonus: float) -> str:
        """The band of a score. Unless the rubric lets it, the bonus cannot lift a band: the
        band is that of the score without it (the bonus still counts in the score)."""
        if self.bonus_lifts_band:
            return self.rating(score)
        without = max(min(score, round(score - bonus, 2)), self.floor)  # the floor's band
        return self.rating(without)

    def below(self, band: str) -> str:
        names = [b.name for b in self.bands]
        index = names.index(band)
        return names[min(index + 1, len(names) - 1)]

    def digest(self) -> str:
        """Identifies the rubric a scorecard was computed under."""
        return sha256_text(canonical_json(asdict(self)))[:16]


def default_rubric_text() -> str:
    return (resources.files("model") / "data" / "rubric.toml").read_text(encoding="utf-8")


class _Reader:
    def __init__(self, path: Path | str) -> None:
        self.path = path

    def fail(self, key: str, detail: str) -> InputError:
        return InputError(strings.RUBRIC_INVALID.format(path=self.path, key=key, detail=detail))

    def table(
        self, data: dict[str, Any], key: str, allowed: tuple[str, ...], parent: str = ""
    ) -> dict[str, Any]:
        full = f"{parent}.{key}" if parent else key
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(full, strings.RUBRIC_MISSING)
        for name in value:
            if name not in allowed:
                raise self.fail(
                    f"{full}.{name}", strings.RUBRIC_UNKNOWN_KEY.format(allowed="、".join(allowed))
                )
        return value

    def number(
        self, table: dict[str, Any], prefix: str, key: str, *, fraction: bool = False
    ) -> float:
        full = f"{prefix}.{key}"
        if key not in table:
            raise self.fail(full, strings.RUBRIC_MISSING)
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(full, strings.RUBRIC_NUMBER)
        if value < 0:
            raise self.fail(full, strings.RUBRIC_NEGATIVE)
        if fraction and value > 1:
            raise self.fail(full, strings.RUBRIC_FRACTION)
        return float(value)

    def integer(self, table: dict[str, Any], prefix: str, key: str, low: int, high: int) -> int:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(f"{prefix}.{key}", strings.RUBRIC_INT.format(low=low, high=high))
        return value

    def flag(self, table: dict[str, Any], prefix: str, key: str, *, default: bool) -> bool:
        """An optional true/false setting (files written before it existed stay valid)."""
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{prefix}.{key}", strings.RUBRIC_BOOL)
        return value

    def choice(self, table: dict[str, Any], prefix: str, key: str, choices: tuple[str, ...]) -> str:
        """An optional word out of `choices`; the first is the default."""
        value = table.get(key, choices[0])
        if value not in choices:
            raise self.fail(
                f"{prefix}.{key}", strings.RUBRIC_CHOICE.format(allowed="、".join(choices))
            )
        return str(value)

    def text(self, table: dict[str, Any], prefix: str, key: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{prefix}.{key}", strings.RUBRIC_TEXT)
        return value.strip()


# The rubric file's tables, in the order the default file lists them.
TOP_KEYS: tuple[str, ...] = ("meta", "weights", "outcome", "reporting", "notices")
TOP_KEYS += ("deadlines", "bonus", "limits", "veto", "ranking", "bands")


def rubric_from_data(data: Any, path: Path | str) -> Rubric:
    r = _Reader(path)
    if not isinstance(data, dict):
        raise r.fail(strings.RUBRIC_ROOT, strings.RUBRIC_MISSING)
    for key in data:
        if key not in TOP_KEYS:
            raise r.fail(key, strings.RUBRIC_UNKNOWN_KEY.format(allowed="、".join(TOP_KEYS)))
    meta = r.table(data, "meta", ("name", "base"))
    weights = r.table(data, "weights", ("lead", "responsible", "support"))
    outcome = r.table(
        data,
        "outcome",
        (
            "closed_on_time",
            "closed_late",
            "late_per_month",
            "late_floor",
            "in_progress_factor",
            "not_started",
        ),
    )
    reporting = r.table(
        data, "reporting", ("cadence", "due_day", "roles", "missed", "late", "max_deduction")
    )
    notices = r.table(data, "notices", ("levels", "unanswered", "max_deduction", "reply_workdays"))
    levels = r.table(notices, "levels", NOTICE_LEVELS, parent="notices")
    bonus = r.table(data, "bonus", ("early_days", "early_points", "max", "lifts_band"))
    limits = r.table(data, "limits", ("floor", "cap", "per_item"))
    veto = r.table(data, "veto", ("red_bars",))
    if reporting.get("cadence") != "monthly":
        raise r.fail("reporting.cadence", strings.RUBRIC_CADENCE)
    floor, cap = r.number(limits, "limits", "floor"), r.number(limits, "limits", "cap")
    if floor >= cap:
        raise r.fail("limits", strings.RUBRIC_LIMITS)
    credits = _credits(r, outcome)
    bands = _bands(r, data.get("bands"), floor)
    categories, support_only = _ranking(r, data)
    deadlines = r.table(data, "deadlines", ("before_issue",)) if "deadlines" in data else {}
    veto_bars = veto.get("red_bars")
    if veto_bars is not None and veto_bars not in {b.name for b in bands}:
        raise r.fail("veto.red_bars", strings.RUBRIC_VETO_BAND.format(name=veto_bars))
    return Rubric(
        name=r.text(meta, "meta", "name"),
        base=r.number(meta, "meta", "base"),
        weights={k: r.number(weights, "weights", k) for k in ("lead", "responsible", "support")},
        closed_on_time=credits["closed_on_time"],
        closed_late=credits["closed_late"],
        late_per_month=r.number(outcome, "outcome", "late_per_month", fraction=True),
        late_floor=credits["late_floor"],
        in_progress_factor=credits["in_progress_factor"],
        not_started=credits["not_started"],
        cadence="monthly",
        due_day=r.integer(reporting, "reporting", "due_day", 1, 28),
        missed_report=r.number(reporting, "reporting", "missed"),
        late_report=r.number(reporting, "reporting", "late"),
        reporting_max=r.number(reporting, "reporting", "max_deduction"),
        notice_levels={level: r.number(levels, "notices.levels", level) for level in NOTICE_LEVELS},
        notice_unanswered=r.number(notices, "notices", "unanswered"),
        notices_max=r.number(notices, "notices", "max_deduction"),
        early_days=r.integer(bonus, "bonus", "early_days", 0, 366),
        early_points=r.number(bonus, "bonus", "early_points"),
        bonus_max=r.number(bonus, "bonus", "max"),
        floor=floor,
        cap=cap,
        veto_bars=veto_bars,
        bands=bands,
        categories=categories,
        support_only=support_only,
        before_issue=r.choice(deadlines, "deadlines", "before_issue", BEFORE_ISSUE_CHOICES),
        bonus_lifts_band=r.flag(bonus, "bonus", "lifts_band", default=False),
        per_item_floor=r.flag(limits, "limits", "per_item", default=True),
        reporting_roles=_roles(r, reporting),
        reply_workdays=(
            r.integer(notices, "notices", "reply_workdays", 1, MAX_REPLY_WORKDAYS)
            if "reply_workdays" in notices
            else DEFAULT_REPLY_WORKDAYS
        ),
    )


def _roles(r: _Reader, reporting: dict[str, Any]) -> tuple[str, ...]:
    """[reporting] roles: a list of the roles whose holders owe a return, none twice, not
    empty (a return nobody owes would leave the reporting rules with nothing to count)."""
    if "roles" not in reporting:
        return DEFAULT_REPORTING_ROLES
    value = reporting["roles"]
    allowed = "、".join(f"{role}（{strings.ROLE_NAMES[role]}）" for role in ROLES)
    where = "reporting.roles"
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise r.fail(where, strings.RUBRIC_ROLES_LIST.format(allowed=allowed))
    if not value:
        raise r.fail(where, strings.RUBRIC_ROLES_EMPTY.format(allowed=allowed))
    for role in value:
        if role not in ROLES:
            raise r.fail(where, strings.RUBRIC_ROLE_UNKNOWN.format(role=role, allowed=allowed))
    if len(set(value)) != len(value):
        raise r.fail(where, strings.RUBRIC_ROLES_DUP)
    # In the order the app names roles everywhere (牵头、配合、责任), whatever the file's.
    return tuple(role for role in ROLES if role in value)


def _credits(r: _Reader, outcome: dict[str, Any]) -> dict[str, float]:
    """The credits of [outcome], each a fraction, in an order that keeps completing worth at
    least as much as not completing: on time ≥ late ≥ its floor, and on time ≥ any open
    part's credit. (An open part past its deadline is also held below the late credit:
    model.scoring.scorecards.)"""
    keys = ("closed_on_time", "closed_late", "late_floor", "in_progress_factor", "not_started")
    number = {k: r.number(outcome, "outcome", k, fraction=True) for k in keys}
    on_time = number["closed_on_time"]
    for key, most in (
        ("closed_late", on_time),
        ("late_floor", number["closed_late"]),
        ("in_progress_factor", on_time),
        ("not_started", on_time),
    ):
        if number[key] > most:
            raise r.fail(f"outcome.{key}", strings.RUBRIC_OUTCOME_ORDER.format(most=most))
    return number


def _kinds(r: _Reader, value: Any, where: str) -> tuple[str, ...]:
    allowed = "、".join(f"{k}（{strings.KIND_NAMES[k]}）" for k in RANKABLE_KINDS)
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise r.fail(where, strings.RUBRIC_KINDS_LIST.format(allowed=allowed))
    for kind in value:
        if kind not in RANKABLE_KINDS:
            raise r.fail(where, strings.RUBRIC_KIND_UNKNOWN.format(kind=kind, allowed=allowed))
    if len(set(value)) != len(value):
        raise r.fail(where, strings.RUBRIC_KINDS_DUP)
    return tuple(value)


def _ranking(r: _Reader, data: dict[str, Any]) -> tuple[tuple[Category, ...], str]:
    """[ranking]: the categories units are ranked in, and what becomes of units holding only
    supporting tasks. Optional: without it, 县直部门 and 乡镇 apart, support-only units unranked.
    The older form `kinds = [...]` (one ranking of those kinds, support-only units included)
    stays valid."""
    if "ranking" not in data:
        return DEFAULT_CATEGORIES, SUPPORT_ONLY_CHOICES[0]
    ranking = r.table(data, "ranking", ("kinds", "categories", "support_only"))
    if "kinds" in ranking and "categories" in ranking:
        raise r.fail("ranking", strings.RUBRIC_RANKING_BOTH)
    if "kinds" in ranking:
        kinds = _kinds(r, ranking["kinds"], "ranking.kinds")
        legacy = (Category(strings.CATEGORY_ALL, kinds),) if kinds else ()
        return legacy, r.choice(ranking, "ranking", "support_only", ("with_kind",))
    support_only = r.choice(ranking, "ranking", "support_only", SUPPORT_ONLY_CHOICES)
    value = ranking.get("categories")
    if not isinstance(value, list):
        raise r.fail("ranking.categories", strings.RUBRIC_MISSING)
    categories: list[Category] = []
    seen: set[str] = set()
    for index, item in enumerate(value, 1):
        where = f"ranking.categories[{index}]"
        if not isinstance(item, dict):
            raise r.fail(where, strings.RUBRIC_MISSING)
        for key in item:
            if key not in ("name", "kinds"):
                raise r.fail(
                    f"{where}.{key}", strings.RUBRIC_UNKNOWN_KEY.format(allowed="name、kinds")
                )
        name = r.text(item, where, "name")
        kinds = _kinds(r, item.get("kinds"), f"{where}.kinds")
        if name in {c.name for c in categories} or name == strings.CATEGORY_SUPPORT_ONLY:
            raise r.fail(where, strings.RUBRIC_CATEGORY_DUP.format(name=name))
        if seen & set(kinds):
            raise r.fail(f"{where}.kinds", strings.RUBRIC_CATEGORY_OVERLAP)
        seen |= set(kinds)
        categories.append(Category(name, kinds))
    return tuple(categories), support_only


def _bands(r: _Reader, value: Any, floor: float) -> tuple[Band, ...]:
    if not isinstance(value, list) or not value:
        raise r.fail("bands", strings.RUBRIC_BANDS_EMPTY)
    bands: list[Band] = []
    for index, item in enumerate(value, 1):
        where = f"bands[{index}]"
        if not isinstance(item, dict):
            raise r.fail(where, strings.RUBRIC_MISSING)
        for key in item:
            if key not in ("name", "min"):
                raise r.fail(
                    f"{where}.{key}", strings.RUBRIC_UNKNOWN_KEY.format(allowed="name、min")
                )
        band = Band(r.text(item, where, "name"), r.number(item, where, "min"))
        if any(b.name == band.name for b in bands):
            raise r.fail(where, strings.RUBRIC_BANDS_DUP.format(name=band.name))
        if bands and band.min >= bands[-1].min:
            previous = bands[-1]
            raise r.fail(
                where,
                strings.RUBRIC_BANDS_ORDER.format(
                    a=previous.name, a_min=previous.min, b=band.name, b_min=band.min
                ),
            )
        bands.append(band)
    if bands[-1].min != floor:
        raise r.fail(f"bands[{len(bands)}].min", strings.RUBRIC_BANDS_GAP.format(floor=floor))
    return tuple(bands)


def parse_rubric(text: str, path: Path | str) -> Rubric:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = locate_toml_error(error, text)
        raise InputError(
            strings.RUBRIC_MALFORMED.format(
                path=path, line=where.line, col=where.column, detail=where.detail
            )
        ) from error
    return rubric_from_data(data, path)


def load_rubric_file(path: Path) -> Rubric:
    try:
        raw = read_regular(path)
    except OSError as error:
        raise InputError(
            strings.RUBRIC_UNREADABLE.format(path=path, detail=describe_os_error(error))
        ) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(strings.RUBRIC_NOT_UTF8.format(path=path)) from error
    return parse_rubric(text, path)


def default_rubric() -> Rubric:
    return parse_rubric(default_rubric_text(), "model/data/rubric.toml")


def user_rubric_path() -> Path:
    from model.core.settings import config_path

    return config_path().with_name("rubric.toml")


def ensure_user_rubric(path: Path | None = None) -> Path:
    """Write the default rubric for editing if the user has none yet (tomli-w)."""
    import tomli_w

    path = path or user_rubric_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        data = tomllib.loads(default_rubric_text())
        header = strings.RUBRIC_FILE_HEADER
        path.write_text(header + tomli_w.dumps(data), encoding="utf-8")
    return path


def effective_rubric(path: Path | None = None) -> tuple[Rubric, Path]:
    """The user's rubric, written from the default on first use."""
    path = ensure_user_rubric(path)
    return load_rubric_file(path), path


def reporting_rules(rubric: Rubric, calendar: WorkCalendar | None = None) -> ReportingRules:
    """When returns are due under this rubric and who owes them (its `[reporting] due_day`
    and `roles`), and a notice's default reply date (`[notices] reply_workdays`), by
    `calendar` — the working days of the office's override file, else the package's."""
    return ReportingRules(
        due_day=rubric.due_day,
        roles=rubric.reporting_roles,
        calendar=calendar or WorkCalendar(),
        reply_workdays=rubric.reply_workdays,
    )
