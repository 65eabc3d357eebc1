"""Reading an action-plan document (text or .docx) into the plan data contract.

The genre, as the 2023 source and other offices write it:

- Plans: a title line per plan ("××2024年行动计划"); with none, the one plan the issuing
  notice issues ("《××2024年行动计划》已经县人民政府同意", "印发《…》"), not one it cites; a
  title without its year ("蒲县空气质量提升行动计划") takes `year` (--year) or is refused.
- Structure: numbered headings (一、 / （一）); numbered tasks ("1." "1．" "1、" or "（1）"
  "(1)", the first task fixing the form — the other form inside a task is a list of points)
  whose first sentence is the title; page footers (— 2 —) dropped, so a text cut across
  lines or pages is joined again; the signing date (and the issuer above it) ends the plans.
- Holders: a responsibility clause — bracketed or a plain sentence, in full- or half-width
  punctuation — with labels (牵头单位：…；配合单位：…, 牵头部门, bare 牵头：) or verbs
  (A牵头，B配合，C负责落实; A负责; …等按职责分工负责; units before a verb take its role).
  A list of units is split on 、，； and on 和/及/与/以及 name by name: a known name or
  official wording first (住房和城乡建设局 is one unit), else after a unit's last character
  (发改局和工信局 are two); see `_UnitNames.split`.
- Deadlines such as "8月底前" take the plan's year.

Unit names are matched against known names and aliases, then in the unit resolver's
normalized form (an official full name, a 蒲县/县 prefix, a 人民政府 suffix), as the load
itself resolves a document's names — never by pinyin; the rest are reported, never created.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from model.core.errors import InputError
from model.plans.data import DocumentData, MilestoneData, PlanData, PlanDocument, TaskData
from model.units.resolver import normalize
from seed import strings
from seed.input_files import read_input, zip_sizes

CN_NUMERALS = "一二三四五六七八九十"
PLAN_KEYS = (
    ("地下水", "groundwater"),
    ("土壤", "soil"),
    ("空气", "air"),
    ("大气", "air"),
    ("水", "water"),
)
TASK_AREAS = ("任务", "专项行动", "重点工作", "主要工作")
ROLE_LABELS = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "牵头": "lead",
    "配合单位": "support",
    "配合部门": "support",
    "参与单位": "support",
    "配合": "support",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "责任": "responsible",
}
# A label opens the clause or follows a separator, and ends with a colon: 牵头单位：A；配合：B.
# Other offices type half-width punctuation; in a clause it means what the full-width does
# (read by the patterns, not replaced: a name is always the text as written).
_LABEL = re.compile(
    "(?:^|(?<=[；;，,。]))(" + "|".join(sorted(ROLE_LABELS, key=len, reverse=True)) + ")[：:]"
)
_CLAUSE_PARTS = re.compile(r"[，,；;]")
ROLE_VERBS = (
    ("等按职责分工负责", "responsible"),
    ("按职责分工负责", "responsible"),
    ("负责落实", "responsible"),
    ("负责", "responsible"),
    ("牵头", "lead"),
    ("配合", "support"),
    ("参与", "support"),
    ("协助", "support"),
)

_PLAN_TITLE = re.compile(r"^[^《》]{0,40}?(\d{4})年?[^《》]{0,20}行动计划$|^[^《》]{2,40}行动计划$")
_HEADING = re.compile(rf"^[{CN_NUMERALS}]+、(.+)$")
_SECTION = re.compile(rf"^[（(][{CN_NUMERALS}]+[）)](.+)$")
_TASK = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$")
_PAREN_TASK = re.compile(r"^[（(](\d{1,3})[）)]\s*(.*)$")
_INLINE_TASK = re.compile(r"(?<=[）)〕。])\s*(\d{1,3})\s*[.．](?!\d)\s*(?=\S)")
_BRACKETS = re.compile(r"[（(〔]([^（）()〔〕]*)[）)〕]")
_DEADLINE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月底|(\d{1,2})月(\d{1,2})日|年底)前")
_START = re.compile(r"(\d{1,2})月起")
_NUMBER = re.compile(r"\S{1,20}〔\d{4}〕\d+号")
_NAMED_PLAN = re.compile(r"《([^《》]{2,60}?行动计划)》")
_ISSUED_AFTER = re.compile(r"(?:[、，,和及与]?《[^《》]*》)*[、，,和及与]?(?:已经|已|现)")
_ISSUED_BEFORE = re.compile(r"印发(?:《[^《》]*》[、，,和及与]?)*$")
_NOTICE_LINES = 40  # the issuing notice is at the top; a plan without headings is not read
_TITLE_ENDS = ("通知", "意见", "决定", "方案", "办法")
# A page footer left by printing to text: — 2 —, - 3 -, －4－, 第3页 共4页.
_PAGE_NUMBER = re.compile(r"^[-—－–]+\d{1,3}[-—－–]+$|^第\d{1,3}页(?:共\d{1,3}页)?$")
_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(?:印发)?$")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# Unit names in a clause: 、 and ， always separate two names; 和 / 及 / 与 / 以及 may join
# two names (发改局和工信局) or sit inside one (住房和城乡建设局, 工业和信息化局): see
# `_UnitNames.split`.
_UNIT_SEPARATORS = re.compile(r"[、，,；;]")
_CONNECTOR = re.compile(r"以及|及|和|与")
# The last character of a unit's name (局, 镇, 大队, 中心, 公路段, 领导小组, 成员单位, 办公室,
# 妇联…): a connector after one of these, in a name the database does not know, separates
# two names. Inside an official name 和 follows a word, not a unit (住房和, 工业和, 资源和).
_UNIT_ENDS = "局镇乡委办队府司站所院心部厅处会段组位社馆场校室区联协"


def normalise(text: str) -> str:
    """Spaces from PDF extraction go, except between Latin words; O_3 is ozone."""
    text = text.replace("O_3", "O₃").replace("\u3000", " ")
    return re.sub(r"(?<![A-Za-z0-9])[ \t]+|[ \t]+(?![A-Za-z0-9])", "", text).strip()


@dataclass(frozen=True)
class UnknownUnit:
    name: str
    where: str


@dataclass
class ParsedDocument:
    document: PlanDocument
    unknown: list[UnknownUnit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _UnitNames:
    """A document's unit names → canonical names: a known name or alias as written, else
    the one unit whose name or alias has the same normalized form (县住房和城乡建设局 → 住建局)."""

    def __init__(self, known: Mapping[str, str]) -> None:
        self.known = known
        self.forms: dict[str, set[str]] = {}
        for name, unit in known.items():
            self.forms.setdefault(normalize(name), set()).add(unit)

    def match(self, name: str) -> tuple[str | None, bool]:
        """The canonical name (None when unknown or ambiguous) and whether it was inferred."""
        if name in self.known:
            return self.known[name], False
        units = self.forms.get(normalize(name), set())
        return (next(iter(units)), True) if len(units) == 1 else (None, False)

    def is_unit(self, name: str) -> bool:
        """A known unit, or a name ending as units' names end (局, 镇, 中心…)."""
        return name[-1] in _UNIT_ENDS or self.match(name)[0] is not None

    def split(self, text: str) -> list[str]:
        """The unit names of a list (「A、B和C等」), in order.

        、 ， ； always separate. A connector (和 及 与 以及) is decided name by name, from
        the left: the longest run up to a connector or the end that is a known name — as
        written, an alias, or its official wording (住房和城乡建设局 → 住建局) — is one name,
        whatever connectors it holds; otherwise the name runs to the first connector that
        follows a unit's last character (局, 镇, 大队, 中心…; `_UNIT_ENDS`). So
        住房和城乡建设局和工信局 is two names, 发改局和工信局 two, 公路段和交警大队 two, and an
        unknown 自然资源和规划局 stays one name (to be mapped), never 自然资源 + 规划局.
        """
        names: list[str] = []
        for piece in _UNIT_SEPARATORS.split(text):
            names += self._split_joined(piece.strip())
        return [name for name in (re.sub(r"等$", "", n).strip() for n in names) if name]

    def _split_joined(self, piece: str) -> list[str]:
        connectors = [(m.start(), m.end()) for m in _CONNECTOR.finditer(piece)]
        names: list[str] = []
        start = 0
        while start < len(piece):
            later = [(s, e) for s, e in connectors if s > start]
            ends = [len(piece), *(s for s, _ in reversed(later))]
            end = next((e for e in ends if self.match(piece[start:e])[0] is not None), None)
            if end is None:
                end = next((s for s, _ in later if piece[s - 1] in _UNIT_ENDS), len(piece))
            names.append(piece[start:end])
            start = next((e for s, e in later if s == end), len(piece))
        return names


_NO_NAMES = _UnitNames({})  # a clause read on its own: connectors split by `_UNIT_ENDS` only


def read_source(path: Path) -> str:
    """The document's text: .docx paragraphs, or bytes in UTF-8 or GB18030."""
    return decode_source(read_bytes(path), path)


# Import limits, far above any real plan document and low enough that a wrong or hostile
# file is refused at once instead of parsed for a minute in a gigabyte. The 2023 source
# (seed/data/puxian-2023-action-plans.txt) is 47 KB of text for four plans and 68 tasks:
# 2 MB of text is forty such documents. A .docx holding it is about 30 KB; its parts are
# measured from the zip directory before anything is inflated: 20 MB of XML (a hundred
# times a long document), 64 MB in all (pictures are stored as they are, already small).
MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_DOCX_BYTES = 64 * 1024 * 1024  # the file itself, and all of its parts inflated
MAX_DOCX_XML_BYTES = 20 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refused (InputError) when missing, unreadable or too large."""

    def too_large(size: int, most: int = MAX_DOCX_BYTES) -> InputError:
        return InputError(
            strings.IMPORT_TOO_LARGE.format(path=path, size=_mb(size), most=_mb(most))
        )

    raw = read_input(path, MAX_DOCX_BYTES, too_large)
    if not raw.startswith(b"PK\x03\x04") and len(raw) > MAX_TEXT_BYTES:
        raise too_large(len(raw), MAX_TEXT_BYTES)
    return raw


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _check_docx_size(path: Path) -> None:
    """Refuse a zip bomb from the zip's directory, before python-docx inflates anything.
    (`zip_sizes`)."""
    import zipfile

    try:
        total, xml = zip_sizes(path)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InputError(
            strings.IMPORT_DOCX_BAD.format(path=path, detail=strings.DOCX_NOT_ZIP)
        ) from error
    if total > MAX_DOCX_BYTES or xml > MAX_DOCX_XML_BYTES:
        raise InputError(
            strings.IMPORT_DOCX_TOO_LARGE.format(
                path=path,
                size=_mb(total),
                most=_mb(MAX_DOCX_BYTES),
                xml_most=_mb(MAX_DOCX_XML_BYTES),
            )
        )


def decode_source(raw: bytes, path: Path) -> str:
    if not raw.strip():
        raise InputError(strings.IMPORT_EMPTY.format(path=path))
    if raw.startswith(b"PK\x03\x04"):
        return _docx_text(path)
    if b"\x00" in raw[:4096]:
        raise InputError(strings.IMPORT_BINARY.format(path=path))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(strings.IMPORT_ENCODING.format(path=path))


def _docx_text(path: Path) -> str:
    import zipfile

    import docx  # python-docx, only for .docx imports
    from docx.opc.exceptions import PackageNotFoundError

    _check_docx_size(path)
    try:
        document = docx.Document(str(path))
        paragraphs = [paragraph.text for paragraph in document.paragraphs]
    except (
        PackageNotFoundError,
        KeyError,
        ValueError,
        zipfile.BadZipFile,
        # a package whose parts are not what they claim ([Content_Types].xml empty…):
        # python-docx meets a None or a wrong element type where a part should be
        AttributeError,
        TypeError,
        IndexError,
    ) as error:
        detail = strings.DOCX_BROKEN  # python-docx's words are English
        raise InputError(strings.IMPORT_DOCX_BAD.format(path=path, detail=detail)) from error
    except (SyntaxError, RecursionError, MemoryError) as error:
        # XML lxml cannot or will not read (too deep, too large; its XMLSyntaxError is a
        # SyntaxError): said, not raised.
        raise InputError(
            strings.IMPORT_DOCX_BAD.format(path=path, detail=strings.DOCX_BAD_XML)
        ) from error
    return "\n".join(paragraphs)


def plan_key_from_title(title: str) -> str | None:
    return next((key for word, key in PLAN_KEYS if word in title), None)


def _units(text: str, names: _UnitNames) -> list[str]:
    text = text.strip("，,；;。 ")
    for verb, _ in ROLE_VERBS:  # "责任单位：A、各乡镇等按职责分工负责"
        if text.endswith(verb) and len(text) > len(verb):
            text = text[: -len(verb)]
            break
    # 等 ends the list before it is split: a known name holding a connector
    # (环保局和林业局联合执法队等) is found whole only without it.
    return names.split(re.sub(r"等$", "", text))


def parse_clause(clause: str, names: _UnitNames = _NO_NAMES) -> dict[str, list[str]] | None:
    """Units by role from a responsibility clause; None when it is not one. `names` are the
    units known, which decide whether 和 joins two names or belongs to one.

    Half-width ( ) , ; : read as their full-width forms. With verbs, a part naming only
    units and no verb belongs to the next verb: in (A牵头,B,C配合) B and C are 配合.
    """
    roles: dict[str, list[str]] = {"lead": [], "support": [], "responsible": []}
    labels = list(_LABEL.finditer(clause))
    if labels:
        for index, match in enumerate(labels):
            end = labels[index + 1].start() if index + 1 < len(labels) else len(clause)
            roles[ROLE_LABELS[match.group(1)]] += _units(clause[match.end() : end], names)
        return roles
    found = False
    pending: list[str] = []  # units waiting for their verb
    for segment in _CLAUSE_PARTS.split(clause):
        segment = segment.strip()
        for verb, role in ROLE_VERBS:
            if segment.endswith(verb) and len(segment) > len(verb):
                roles[role] += pending + _units(segment[: -len(verb)], names)
                pending, found = [], True
                break
        else:
            listed = _units(segment, names)
            units = bool(listed) and all(names.is_unit(name) for name in listed)
            pending = pending + listed if units else []
    return roles if found else None


def _find_clause(body: str, names: _UnitNames) -> tuple[dict[str, list[str]] | None, str]:
    """The responsibility clause and the task text without it."""
    for match in reversed(list(_BRACKETS.finditer(body))):
        roles = parse_clause(match.group(1), names)
        if roles and any(roles.values()):
            return roles, (body[: match.start()] + body[match.end() :]).strip()
    sentences = [s for s in re.split(r"(?<=。)", body) if s]
    for index in range(len(sentences) - 1, 0, -1):
        roles = parse_clause(sentences[index].rstrip("。"), names)
        if roles and any(roles.values()):
            return roles, "".join(sentences[:index] + sentences[index + 1 :]).strip()
    return None, body


def parse_milestones(text: str, year: int) -> list[MilestoneData]:
    out: list[MilestoneData] = []
    for sentence in re.split(r"[。；]", text):
        for match in _DEADLINE.finditer(sentence):
            y = int(match.group(1) or year)
            if match.group(2):
                month = int(match.group(2))
                due = dt.date(y, month, calendar.monthrange(y, month)[1])
            elif match.group(3):
                try:
                    due = dt.date(y, int(match.group(3)), int(match.group(4)))
                except ValueError:
                    continue
            else:
                due = dt.date(y, 12, 31)
            start_match = _START.search(sentence[: match.start()])
            begin = start_match.start() if start_match else match.start()
            cut = sentence.rfind("，", 0, begin) + 1
            start = dt.date(y, int(start_match.group(1)), 1) if start_match else None
            out.append(MilestoneData(due=due, start=start, text=sentence[cut:]))
    return out


def document_title(lines: list[str]) -> str:
    """The issuing document's title in its header: from the line with 关于 to the one
    ending 的通知 (or 意见, 方案…), joined across lines; empty when there is none."""
    for index, line in enumerate(lines[:12]):
        if "关于" not in line or line.startswith("《") or line.endswith("："):
            continue
        title = line
        before = lines[index - 1] if index else ""
        if (
            line.startswith("关于")
            and before
            and not before.endswith("文件")
            and "〔" not in before
        ):
            title = before + title  # the issuer on a line of its own above 关于…
        for more in lines[index + 1 : index + 4]:
            if title.endswith(_TITLE_ENDS) or more.endswith("："):
                break
            title += more
        return title if title.endswith(_TITLE_ENDS) else ""
    return ""


def _lines(text: str) -> list[str]:
    """The document's non-empty lines, normalised, without page footers: a text cut at a
    line or page break (住房和城乡 / — 2 — / 建设局) is joined again by the task it belongs to."""
    text = _INLINE_TASK.sub(lambda m: "\n" + m.group(0), text)
    lines = (normalise(raw) for raw in text.splitlines())
    return [line for line in lines if line and not _PAGE_NUMBER.match(line)]


@dataclass
class _PlanDraft:
    title: str
    goals: list[str] = field(default_factory=list)
    tasks: list[tuple[int, str, str]] = field(default_factory=list)  # number, section, body
    # How the first task is numbered: `_TASK` (1. 1． 1、) or `_PAREN_TASK` (（1） (1)). The
    # other form inside a task is a list of points in its text, not a task.
    numbering: re.Pattern[str] | None = None


def notice_titles(lines: list[str]) -> list[str]:
    """The plans an issuing notice issues, in order, once each: named before the first
    heading, as 《…行动计划》已经县人民政府同意 or 印发《…行动计划》 (a chain of titles
    counts whole; a title may be cut across lines). A plan only cited (根据《临汾市…行动计划》)
    is not one of them."""
    head: list[str] = []
    for line in lines[:_NOTICE_LINES]:
        if _HEADING.match(line):
            break
        head.append(line)
    text = "".join(head)
    titles = []
    for match in _NAMED_PLAN.finditer(text):
        issued = _ISSUED_AFTER.match(text, match.end()) or _ISSUED_BEFORE.search(
            text[: match.start()]
        )
        if issued and _PLAN_TITLE.match(match.group(1)):
            titles.append(match.group(1))
    return list(dict.fromkeys(titles))


def _drafts(lines: list[str], source: str) -> list[_PlanDraft]:
    """The plans of the document, each from its title line. A document with no title line
    is the one plan its issuing notice names; a notice naming several cannot be divided."""
    drafts = _read_drafts(lines, None)
    if drafts:
        return drafts
    titles = notice_titles(lines)
    if len(titles) > 1:
        raise InputError(
            strings.IMPORT_NOTICE_PLANS.format(
                path=source, count=len(titles), titles="".join(f"《{t}》" for t in titles)
            )
        )
    return _read_drafts(lines, titles[0]) if titles else []


def _is_plan_title(line: str) -> bool:
    return bool(_PLAN_TITLE.match(line)) and len(line) <= 60


def _signed_here(lines: list[str], after: int) -> bool:
    """Whether a line that is only a date is where the plan was signed or printed: no
    heading or numbered task follows before the next plan. A date a line break left alone
    inside a task (…于 / 2024年6月30日 / 前完成) is followed by the rest of the plan."""
    for line in lines[after:]:
        if _is_plan_title(line):
            return True
        if _HEADING.match(line) or _TASK.match(line) or _PAREN_TASK.match(line):
            return False
    return True


def _is_signature(line: str) -> bool:
    """A line that names an office and says nothing else (蒲县人民政府办公室)."""
    return line[-1] in _UNIT_ENDS and not re.search(r"[。；;，,：:）)]", line)


def _read_drafts(lines: list[str], title: str | None) -> list[_PlanDraft]:
    drafts: list[_PlanDraft] = [_PlanDraft(title)] if title else []
    area: str | None = None
    section = ""
    for index, line in enumerate(lines):
        if _is_plan_title(line):
            drafts.append(_PlanDraft(line))
            area, section = None, ""
            continue
        if not drafts:
            continue
        plan = drafts[-1]
        heading = _HEADING.match(line)
        if heading:
            name = heading.group(1)
            area = (
                "goals"
                if "目标" in name
                else "tasks"
                if any(w in name for w in TASK_AREAS)
                else None
            )
            if area == "tasks" and not name.endswith("任务"):
                section = name
            continue
        if _DATE_LINE.match(line) and _signed_here(lines, index + 1):
            # The date the document was signed or printed ends its plans; the issuer's
            # name on the line above it is the signature, not the last task's text.
            if area == "tasks" and plan.tasks and _is_signature(lines[index - 1]):
                number, sec, body = plan.tasks[-1]
                if body.endswith(lines[index - 1]) and body != lines[index - 1]:
                    plan.tasks[-1] = (number, sec, body[: -len(lines[index - 1])])
            area = None
        elif area == "goals":
            plan.goals.append(line)
        elif area == "tasks":
            sub = _SECTION.match(line)
            numbering = _TASK
            task = numbering.match(line)
            if task is None:
                numbering = _PAREN_TASK
                task = numbering.match(line)
            if task and plan.numbering not in (None, numbering):
                task = None  # （1） under a task numbered 1. is a point of that task
            if sub and not task:
                section = sub.group(1)
            elif task:
                plan.numbering = numbering
                plan.tasks.append((int(task.group(1)), section, task.group(2)))
            elif plan.tasks:
                number, sec, body = plan.tasks[-1]
                plan.tasks[-1] = (number, sec, body + line)
    return drafts


def parse_document(
    text: str,
    *,
    known: Mapping[str, str],
    source: str,
    year: int | None = None,
    key: str | None = None,
    number: str | None = None,
    issued_on: dt.date | None = None,
) -> ParsedDocument:
    """Plans, tasks, units by role and milestones; `known` maps names and aliases to units."""
    lines = _lines(text)
    drafts = _drafts(lines, source)
    if not drafts:
        raise InputError(strings.IMPORT_NO_PLANS.format(path=source))
    if not any(d.tasks for d in drafts):
        raise InputError(strings.IMPORT_NO_TASKS.format(path=source))
    unknown: list[UnknownUnit] = []
    notes: list[str] = []
    unit_names = _UnitNames(known)
    inferred: dict[str, str] = {}  # name as written → the unit it was taken for
    plans: list[PlanData] = []
    for draft in (d for d in drafts if d.tasks):
        found_year = re.search(r"(\d{4})年", draft.title)
        plan_year = year or (int(found_year.group(1)) if found_year else None)
        if plan_year is None:
            raise InputError(strings.IMPORT_NO_YEAR.format(title=draft.title))
        plan_key = (key if len(drafts) == 1 and key else None) or plan_key_from_title(draft.title)
        if plan_key is None:
            raise InputError(strings.IMPORT_NO_KEY.format(title=draft.title))
        label = strings.PLAN_WHERE.format(title=draft.title)
        tasks = []
        for task_number, section, body in draft.tasks:
            roles, task_text = _find_clause(body, unit_names)
            where = strings.TASK_WHERE.format(plan=label, number=task_number)
            resolved: dict[str, tuple[str, ...]] = {}
            for role, names in (roles or {"lead": [], "support": [], "responsible": []}).items():
                units = []
                for name in names:
                    canonical, guessed = unit_names.match(name)
                    if canonical is None:
                        unknown.append(UnknownUnit(name, where))
                        canonical = name
                    elif guessed:
                        inferred.setdefault(name, canonical)
                    if canonical not in units:
                        units.append(canonical)
                resolved[role] = tuple(units)
            tasks.append(
                TaskData(
                    number=task_number,
                    section=section or strings.NO_SECTION,
                    title=task_text.split("。")[0].strip(),
                    text=task_text,
                    lead=resolved["lead"],
                    support=resolved["support"],
                    responsible=resolved["responsible"],
                    milestones=tuple(parse_milestones(task_text, plan_year)),
                )
            )
        plans.append(PlanData(plan_key, draft.title, plan_year, tuple(draft.goals), tuple(tasks)))
    notes.extend(
        strings.IMPORT_UNIT_INFERRED.format(name=name, unit=unit) for name, unit in inferred.items()
    )
    header = "\n".join(lines[:12])
    doc_number = number or (m.group(0) if (m := _NUMBER.search(header)) else None)
    if doc_number is None:
        doc_number = strings.DEFAULT_NUMBER.format(title=plans[0].title)
        notes.append(strings.IMPORT_NO_DOCUMENT.format(number=doc_number))
    issuer = next((line[:-2] for line in lines[:5] if line.endswith("文件")), "")
    dates = [m for m in _DATE.finditer(text)]
    doc_date = issued_on
    if doc_date is None and dates:
        y, mo, d = (int(g) for g in dates[-1].groups())
        doc_date = dt.date(y, mo, d)
    if doc_date is None:
        doc_date = dt.date(plans[0].year, 1, 1)
        notes.append(strings.IMPORT_NO_DATE.format(date=doc_date))
    document = PlanDocument(
        DocumentData(doc_number, issuer or strings.DEFAULT_ISSUER, doc_date, document_title(lines)),
        tuple(plans),
    )
    return ParsedDocument(document, unknown, notes)
