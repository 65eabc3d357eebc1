"""Every user-facing sentence of the model layer, in one place."""

from __future__ import annotations

from typing import Final

DB_DIR_MISSING: Final = "数据库目录不存在：{dir}（请先创建该目录，或用 --db 指定其他位置）"
DB_DIR_READONLY: Final = "数据库目录不可写：{dir}（请检查权限，或用 --db 指定其他位置）"
DB_FILE_READONLY: Final = "数据库文件只读：{path}（请检查文件权限）"
DB_NOT_A_FILE: Final = "数据库路径不是普通文件：{path}"
DB_NOT_SQLITE: Final = "文件不是 SQLite 数据库：{path}（文件头不符，未做任何修改）"
DB_CORRUPT: Final = "无法读取数据库：{path}（{detail}）"
DB_GONE: Final = "找不到数据库文件：{path}（打开后已被移动或删除）"
DB_NEWER_SCHEMA: Final = (
    "数据库 {path} 由更新版本的 duban 写入（数据库架构为{found}，本程序最高支持{known}）。"
    "请升级 duban 后再打开；数据库未做任何修改。"
)
DB_LOCKED: Final = (
    "数据库被其他程序占用（已等待 {seconds} 秒）：{path}。"
    "请关闭其他正在使用它的 duban 后重试；本次未写入任何内容。"
)
DB_WRITE_FAILED: Final = "写入数据库失败：{detail}。本次操作已整体撤销，数据未改动。"
DB_UNSUPPORTED_URL: Final = (
    "不支持的数据库地址：{url}（目前只支持 SQLite 文件路径或 sqlite:/// 地址）"
)
BACKUP_FAILED: Final = "迁移前备份数据库失败：{detail}。未执行迁移，数据库未改动。"
AUDIT_MISSING: Final = "内部错误：写入 {what} 时未记录审计事件，已拒绝写入。"

CONFIG_MALFORMED: Final = "配置文件格式错误：{path} 第 {line} 行第 {col} 列：{detail}"
CONFIG_BAD_VALUE: Final = "配置文件 {path} 中 {key} 的值无效：{detail}"

UNKNOWN_UNIT: Final = "{where}：未知单位「{name}」。{hint}"
UNKNOWN_UNIT_HINT: Final = "相近的单位有：{names}。"
UNKNOWN_UNIT_NO_HINT: Final = "没有相近的已知单位。"
UNIT_ALIAS_RESOLVED: Final = "单位「{alias}」按别名解析为「{name}」。"
UNIT_FULL_NAME: Final = "单位「{alias}」即「{name}」。"
UNIT_NOTE: Final = "{where}：{note}"
PLAN_EXISTS: Final = "「{plan}」计划（{year} 年）已在数据库中，未重复导入。"
DOCUMENT_CONFLICT: Final = (
    "文件 {number} 已在数据库中，但发文机关或日期不同（库中：{db}；文件中：{file}）。"
)
UNIT_KIND_CONFLICT: Final = "单位「{name}」在数据库中的类别为 {db}，导入文件中为 {file}。"
ALIAS_CONFLICT: Final = "别名「{alias}」已属于单位「{owner}」，不能再作为「{name}」的别名。"
NOT_A_GROUP: Final = "单位「{name}」不是单位组，不能编辑成员。"
LEADING_GROUP_EXISTS: Final = "领导小组「{name}」已在数据库中，未重复导入。"

PLAN_SHORT_NAMES: Final = {"air": "空气", "water": "水", "soil": "土壤", "groundwater": "地下水"}
ROLE_NAMES: Final = {"lead": "牵头单位", "support": "配合单位", "responsible": "责任单位"}
TASK_WHERE: Final = "{plan} 第 {number} 项任务的{role}"
GROUP_WHERE: Final = "单位组「{group}」的成员"
MEMBER_WHERE: Final = "领导小组成员「{name}」的单位"
OFFICE_WHERE: Final = "领导小组办公室所在单位"
DUPLICATE_ASSIGNMENT: Final = (
    "{plan} 第 {number} 项任务中，单位「{name}」出现了不止一次（{roles}）。"
)
NO_DOCUMENT: Final = "数据库中没有文件 {number}。"
EMPTY_DATABASE: Final = "数据库中还没有任何文件。"
GROUP_MEMBER_IS_GROUP: Final = "单位组「{group}」的成员不能是另一个单位组「{name}」。"
GROUP_NOTHING_TO_DO: Final = "没有指定要添加或移除的成员。"
GROUP_EDIT_WHERE: Final = "编辑单位组「{group}」"

STATUS_NAMES: Final = {
    "closed": "已销号",
    "done": "待销号",  # done by the unit's own record, awaiting the office's closing
    "overdue": "逾期",
    "due_soon": "临近节点",
    "stale": "未按期报送",
    "on_track": "序时推进",
    "idle": "未启动",
}
REPORT_STATUS_NAMES: Final = {
    "not_started": "未开始",
    "in_progress": "推进中",
    "done": "已完成",
    "blocked": "受阻",
}
ROLE_SHORT: Final = {"lead": "牵头", "support": "配合", "responsible": "责任"}
KIND_NAMES: Final = {
    "department": "部门",
    "township": "乡镇",
    "group": "单位组",
    "enterprise": "企业",
}

TASK_REF_BAD: Final = "无法识别任务「{ref}」（示例：空气 3、地下水 9、kq3、gw9）。"
TASK_REF_UNKNOWN: Final = "没有任务「{ref}」。"
NOT_A_HOLDER: Final = "单位「{unit}」不承担 {task}。"
DATE_AFTER_AS_OF: Final = "{what}「{date}」晚于截至日期 {as_of}。"
PERCENT_RANGE: Final = "进度应为 0 到 100 之间的整数，收到「{value}」。"
DONE_NEEDS_100: Final = "状态为“已完成”时进度应为 100%。"
BAD_REPORT_STATUS: Final = "报送状态「{value}」无效，应为 {choices} 之一。"
TEXT_TOO_LONG: Final = "{what}过长（{length}字），最多{limit}字。"
NOTE_WHAT: Final = "说明"
PROBLEMS_WHAT: Final = "存在问题"
NEXT_STEPS_WHAT: Final = "下步打算"
EVIDENCE_MISSING: Final = "佐证材料文件不存在：{path}"
EVIDENCE_NOT_FILE: Final = "佐证材料不是普通文件：{path}"
EVIDENCE_UNREADABLE: Final = "无法读取佐证材料：{path}（{detail}）"
ALREADY_CLOSED: Final = "{task} 的「{unit}」部分已于 {on} 销号。"
NOT_CLOSED: Final = "{task} 的「{unit}」部分尚未销号，无需重新打开。"
CLOSE_NEEDS_DONE: Final = (
    "{task} 的「{unit}」部分最近一次报送不是“已完成”，请先登记完成报送再销号。"
)
MILESTONE_UNKNOWN: Final = "{task} 没有第 {position} 个时间节点。"
MILESTONE_ALREADY_DONE: Final = "「{unit}」已于 {on} 完成该时间节点。"
NOTICE_LEVEL_BAD: Final = "督办级别「{value}」无效，应为 {choices} 之一。"
NOTICE_REPLY_BEFORE_ISSUE: Final = "答复期限 {reply_due} 早于下发日期 {issued_on}。"
NOTICE_UNKNOWN: Final = "没有督办单「{number}」。"
NOTICE_ALREADY_REPLIED: Final = "督办单「{number}」已于 {on} 答复。"
NOTICE_REPLY_EARLY: Final = "答复日期 {reply_on} 早于下发日期 {issued_on}。"
NOTICE_NO_TASKS: Final = "督办单至少要列出一项任务。"
NOTICE_NUMBER: Final = "督办〔{year}〕{n}号"
# The four states of a notice's reply (model.status.notices.ReplyState), everywhere alike.
REPLY_STATE_NAMES: Final = {
    "open": "未答复",
    "answered": "已答复",
    "overdue": "逾期未答复",
    "late": "逾期答复",
}
REPLY_STATE_DATED: Final = "{state}（{on}）"
TEXT_REQUIRED: Final = "{what}不能为空。"
PINYIN_MATCH: Final = "「{query}」匹配到单位「{name}」。"
NOT_A_DEMO: Final = "{path} 已有非演示数据，不能生成演示数据（演示数据库应是一个单独的文件）。"
UNIT_WHERE: Final = "查找单位"

RUBRIC_MALFORMED: Final = "考核细则格式错误：{path} 第 {line} 行第 {col} 列：{detail}"
RUBRIC_INVALID: Final = "考核细则 {path} 中 {key}：{detail}"
RUBRIC_UNKNOWN_KEY: Final = "未知的键（可用：{allowed}）"
RUBRIC_MISSING: Final = "缺少必填项"
RUBRIC_NUMBER: Final = "应为数字"
RUBRIC_NEGATIVE: Final = "不能为负数"
RUBRIC_FRACTION: Final = "应在 0 到 1 之间"
RUBRIC_TEXT: Final = "应为非空文本"
RUBRIC_INT: Final = "应为整数，范围 {low}–{high}"
RUBRIC_CADENCE: Final = '目前只支持 "monthly"（按月报送）'
RUBRIC_BANDS_EMPTY: Final = "至少要有一个等次"
RUBRIC_BANDS_ORDER: Final = (
    "等次应按分数线从高到低排列，且分数线不能重复（「{a}」{a_min} 与「{b}」{b_min}）"
)
RUBRIC_BANDS_GAP: Final = "最低等次的分数线应等于 limits.floor（{floor}），否则低分无等次可评"
RUBRIC_BANDS_DUP: Final = "等次名称「{name}」重复"
RUBRIC_VETO_BAND: Final = "「{name}」不是 bands 中的等次"
RUBRIC_LIMITS: Final = "limits.floor 应小于 limits.cap"
RUBRIC_KINDS_LIST: Final = '应为单位类别的列表，如 ["department", "township"]（可用：{allowed}）'
RUBRIC_KIND_UNKNOWN: Final = "未知的单位类别「{kind}」（可用：{allowed}）"
RUBRIC_KINDS_DUP: Final = "单位类别重复"
RUBRIC_NOT_UTF8: Final = "考核细则 {path} 不是 UTF-8 文本"
RUBRIC_UNREADABLE: Final = "无法读取考核细则 {path}（{detail}）"
ADJUST_POINTS: Final = "调整分值应在 -100 到 100 之间且不为 0，收到「{value}」。"
ADJUST_UNIT_KIND: Final = "单位组「{name}」不单独考核，请对其成员单位调整。"

# A task's outcome for a unit, judged on the unit's own completion (the first record that
# made its part finished), not on the date the office got round to closing it (销号).
SCORE_OUTCOMES: Final = {
    "on_time": "按时完成",
    "late": "逾期完成",
    "in_progress": "年底未完成",
    "not_started": "未启动",
}
# Filled column-wise by polars (positional "{}" placeholders): role, outcome, detail,
# deadline, weight, points, share.
SCORE_TASK_LINE: Final = "{} · {}{} · 截止 {} · 权重 {} · 得分 {}/{}"
SCORE_TASK_LATE: Final = "（逾期{}天，按{}个月计）"  # started months: 12 days count as one
SCORE_TASK_PROGRESS: Final = "（进度 {}%）"
# An open part past its deadline: credited no more than a completion that late would be.
SCORE_TASK_PROGRESS_LATE: Final = "（进度 {}%，已逾期{}天，按{}个月计）"
SCORE_TASK_OPEN_LATE: Final = "（已逾期{}天，按{}个月计）"
SCORE_OPEN_AS_OF: Final = "截至 {} 未完成"  # a provisional card: the year is not over
# The deadline column of a task line: a dated milestone, the plan year's end for a task
# without one, or the issue date for a milestone dated before the document existed.
SCORE_DEADLINE_UNDATED: Final = "{}（无时间节点，按年底计）"
SCORE_DEADLINE_BEFORE_ISSUE: Final = "{}（时间节点 {} 早于印发日期，按{}计）"
SCORE_BEFORE_ISSUE_RULE: Final = {"issue_date": "印发日期", "year_end": "年底"}
SCORE_NOTICE_LINE: Final = "{number}（{level}，{issued_on}下发）{unanswered}"
SCORE_BONUS_LINE: Final = "提前 {} 天完成"
SCORE_CAP_LINE: Final = "{what}封顶 {limit:g} 分"
SCORE_CAP_WHAT: Final = {"reporting": "报送扣分", "notice": "督办扣分", "bonus": "加分"}
SCORE_LIMIT_LINE: Final = "总分限定在 {floor:g}–{cap:g} 分之间"
SCORE_VETO_LINE: Final = "{count} 项任务到年底未完成，一票否决：不得评为“{band}”"
SCORE_VETO_LINE_AS_OF: Final = (
    "{count} 项任务的时间节点已到（截至 {date}）仍未完成，一票否决：不得评为“{band}”"
)
# A task as a unit reads it: plan name, number, title (positional: filled by polars).
SCORE_TASK_LABEL: Final = "{}第{}项 {}"
SCORE_TASK_SHORT: Final = "{plan}第{number}项"
# The basis (依据) of a line: the record it rests on, in words the unit can check.
SCORE_BASIS_REPORT: Final = "{} 报送（进度 {}%）"
SCORE_BASIS_DONE: Final = "{} {}"  # date, how (SCORE_DONE_SOURCES)
SCORE_DONE_SOURCES: Final = {
    "report": "报送已完成",
    "milestone": "完成全部时间节点",
    "closure": "销号",
}
SCORE_BASIS_CONFIRMED: Final = "；{} 销号"
SCORE_BASIS_AWAITING: Final = "；待销号"
SCORE_BASIS_REOPENED: Final = "{} 重新打开，此前的报送和节点不再计为完成；{}"
SCORE_BASIS_NONE: Final = "未报送"
SCORE_BASIS_BONUS: Final = "{} 完成，时间节点 {}"
SCORE_BASIS_NOTICE: Final = "{issued_on}下发，限{reply_due}前答复；{state}"
SCORE_BASIS_REPLIED: Final = "{on}答复（{state}）"
SCORE_BASIS_ADJUST: Final = "人工调整：{reason}，批准人 {approver}（{decided_on}）"
SCORE_BASIS_CAP: Final = "考核细则：{what}最多 {limit:g} 分"
SCORE_BASIS_LIMIT: Final = "考核细则：总分 {floor:g}–{cap:g} 分"
SCORE_BASIS_VETO: Final = "未按期完成：{tasks}"
SCORE_RANK_TIED: Final = "并列第{rank}"
SCORE_RANK_NONE: Final = "不参与排名"
SCORE_UNRANKED_SUPPORT_ONLY: Final = "仅承担配合任务"
SCORE_UNRANKED_KIND: Final = "{kind}类单位"
SCORE_KINDS: Final = {
    "task": "任务完成",
    "reporting": "报送纪律",
    "notice": "督办扣分",
    "bonus": "加分",
    "adjustment": "人工调整",
    "limit": "限值",
    "veto": "一票否决",
}

VERIFY_EVENT_CHANGED: Final = "审计事件 #{id} 的内容与其哈希不符：事件在 duban 之外被改动。"
VERIFY_EVENT_LINK: Final = (
    "审计事件 #{id} 记录的前一事件哈希不符：其前面的事件被删除、插入或调换了顺序。"
)
VERIFY_EVENT_GAP: Final = "审计事件编号在 #{id} 处不连续（应为 #{expected}）：有事件被删除或调换。"
VERIFY_FIELD: Final = "{field}：审计为 {expected}，数据库为 {actual}"
VERIFY_EMPTY: Final = "（空）"
VERIFY_BYTES: Final = "二进制数据（{size} 字节）"
VERIFY_UNKNOWN_ROW: Final = "（不存在的记录）"
VERIFY_EVIDENCE_FILE: Final = "「{name}」（SHA-256 {sha}…，{size} 字节）"
TASK_LABEL: Final = "{plan}第{number}项"
TASK_REF_LABEL: Final = "{plan} 第 {number} 项任务"
ADJUST_WHERE: Final = "考核调整"
RUBRIC_ROOT: Final = "（根）"
RUBRIC_FILE_HEADER: Final = (
    "# duban 考核细则：可编辑；用 `duban rubric check` 检查。说明见 README。\n\n"
)
CLOSURE_ACTION_NAMES: Final = {"close": "销号", "reopen": "重新打开"}
# The fields of the audited records (model.store.snapshots), as a verification names them.
FIELD_NAMES: Final = {
    "id": "编号",
    "task_id": "任务",
    "unit_id": "单位",
    "reported_on": "报送日期",
    "status": "状态",
    "percent": "完成百分比",
    "note": "说明",
    "problems": "存在问题",
    "next_steps": "下步打算",
    "evidence": "佐证材料",
    "milestone_id": "时间节点",
    "done_on": "完成日期",
    "action": "操作",
    "on": "日期",
    "reason": "原因",
    "verified_by": "核验人",
    "number": "督办单编号",
    "level": "督办级别",
    "issued_on": "下发日期",
    "reply_due": "答复期限",
    "body": "正文",
    "task_ids": "涉及任务",
    "reply_on": "答复日期",
    "reply_text": "答复内容",
    "year": "考核年度",
    "decided_on": "决定日期",
    "points": "分值",
    "approver": "批准人",
}
VERIFY_BAD: Final = "审计校验发现 {count} 处问题："

AUDIT_ACTION_NAMES: Final = {
    "report.create": "登记报送",
    "milestone.done": "节点完成",
    "closure.close": "销号",
    "closure.reopen": "重新打开",
    "notice.issue": "下发督办单",
    "notice.reply": "登记答复",
    "seed.import": "导入计划",
    "group.members": "调整单位组成员",
    "demo.generate": "生成演示数据",
    "adjustment.create": "考核调整",
    "return.receive": "收到报送表",
}

# One line per audit event in the history tables and `duban audit log`.
SUMMARY_REPORT: Final = "{on} {status} {percent}% {note}"
SUMMARY_MILESTONE: Final = "{on} 完成 {note}"
SUMMARY_CLOSURE: Final = "{on} {reason}（核验人：{verifier}）"
SUMMARY_NOTICE: Final = "{number} {level}，限 {reply_due} 前答复"
SUMMARY_REPLY: Final = "{number} {on} 答复：{reply}"
SUMMARY_ADJUSTMENT: Final = "{on} {points} 分 {reason}（批准人：{approver}）"
SUMMARY_GROUP: Final = "成员：{members}"
SUMMARY_NONE: Final = "无"
SUMMARY_IMPORT: Final = "导入文件 {file}"
SUMMARY_SELF: Final = "{on} 自评「{item}」{points} 分 {note}"
SUMMARY_REVIEW: Final = "{on} 复核「{item}」{points} 分：{note}（复核人：{by}）"
SUMMARY_APPROVE: Final = "{on} 审定（审定人：{by}）"
SUMMARY_REOPEN: Final = "{on} 重新复核：{reason}（{by}）"

PLAN_YEAR_EMPTY: Final = "{year} 年没有计划（数据库中的计划年度：{years}）。"
PLAN_UNKNOWN: Final = "{year} 年没有计划「{key}」（可用：{keys}）。"
PROGRESS_NAMES: Final = {
    "done": "已完成",
    "on_track": "序时推进",
    "behind": "滞后",
    "overdue": "逾期",
}
PROGRESS_NO_REPORT: Final = "尚未报送进展"
PROGRESS_SUMMARY: Final = "{unit}（{on}报送，进度{percent}%）：{note}"
CHINESE_DATE: Final = "{year}年{month}月{day}日"
CHINESE_MONTH_DAY: Final = "{month}月{day}日"  # a day of the year a table is titled with
PROGRESS_DUE: Final = "{date}前"  # 完成时限, one style for every task
PROGRESS_UNITS_MORE: Final = "{units}等{count}个单位"
PROGRESS_OVERDUE_UNIT: Final = "{unit}（{due}节点）"
PROGRESS_REMARK_UNREPORTED: Final = "未报送：{units}"
PROGRESS_UNREPORTED_UNIT: Final = "{unit}（缺报{owed}期）"
PROGRESS_REMARK_DUE_SOON: Final = "临近节点未报送：{units}"
PROGRESS_REMARK_MET_LATE: Final = "{due}节点逾期完成：{met}"
PROGRESS_MET_ON: Final = "{units}（{on}完成）"
PROGRESS_REMARK_PLACEHOLDER: Final = "「{group}」成员单位未确定（待办公室确定）"
PROGRESS_REMARK_EVIDENCE: Final = "佐证材料{count}份"
PROGRESS_REMARK_OVERDUE: Final = "逾期：{units}"
PROGRESS_REMARK_BEHIND: Final = "未按期报送：{units}"
PROGRESS_REMARK_NOTICES: Final = "已督办：{numbers}"
NOTICE_SHEET_NOTHING_LATE: Final = (
    "「{unit}」截至{as_of}没有逾期、滞后或未报送的事项，无需下发督办通知单。"
)
NOTICE_SHEET_BEFORE_ISSUE: Final = (
    "督办单「{number}」于{issued_on}下发，截至日期{as_of}早于下发日期；"
    "已下发的督办单按下发当日的情况出具，截至日期不能早于{issued_on}。"
)
NOTICE_SHEET_PLACEHOLDER: Final = (
    "「{unit}」成员单位未确定，不能作为督办对象（办公室可用 duban group 设定其成员单位）。"
)
NOTICE_SHEET_GROUP: Final = (
    "「{unit}」是单位组，请对其成员单位分别出具督办通知单（成员：{members}）。"
)
# The word the reports chase a unit with when it has never reported although reports are owed.
UNREPORTED_NAME: Final = "未报送"
NOTICE_NOT_FOR_UNIT: Final = "督办单「{number}」是下发给「{owner}」的，不是「{unit}」。"
HEAD_CHAIN_BROKEN: Final = "审计链在第 {id} 条事件处断开或被改动，报表所依据的记录已不可信。"
HEAD_MISSING: Final = "审计链中已没有第 {id} 条事件（链被截断或数据库不是导出时的那个）。"
HEAD_REWRITTEN: Final = "审计链第 {id} 条事件的哈希与签名时不同：审计链已被改写。"
# Refusals when the record exists but is dated after the as-of date the screens show.
MILESTONE_DONE_LATER: Final = (
    "「{unit}」的该时间节点已记录为 {on} 完成，晚于截至日期 {as_of}，"
    "所以截至该日仍显示未完成；同一节点不能再记一次完成。"
)
NOTICE_REPLIED_LATER: Final = (
    "督办单「{number}」已记录于 {on} 答复，晚于截至日期 {as_of}，"
    "所以截至该日仍显示未答复；不能再登记一次答复。"
)

# --- Scoring fairness (#16): rubric settings, ranking categories ---
RUBRIC_BOOL: Final = "应为 true 或 false"
RUBRIC_CHOICE: Final = "应为以下之一：{allowed}"
RUBRIC_RANKING_BOTH: Final = "kinds 与 categories 只能二选一"
RUBRIC_CATEGORY_DUP: Final = "排名类别「{name}」重复"
RUBRIC_CATEGORY_OVERLAP: Final = "同一单位类别不能属于两个排名类别"
CATEGORY_DEPARTMENTS: Final = "县直部门"
CATEGORY_TOWNSHIPS: Final = "乡镇"
CATEGORY_ALL: Final = "参与排名单位"
CATEGORY_SUPPORT_ONLY: Final = "仅承担配合任务的单位"

# --- Dated group membership: spells of membership, edits from a day on ---
GROUP_MEMBER_ALREADY_ON: Final = "「{name}」在 {on} 已经是单位组「{group}」的成员。"
GROUP_MEMBER_ABSENT_ON: Final = "「{name}」在 {on} 及以后都不是单位组「{group}」的成员，无法移除。"
GROUP_MEMBER_LATER: Final = (
    "「{name}」已定于 {start} 加入单位组「{group}」，不能再从 {on} 加入"
    "（如需提前，请先以 {start} 为日期移除，再从 {on} 添加）。"
)
GROUP_ADD_AND_REMOVE: Final = "「{name}」不能在同一次调整中既添加又移除。"
GROUP_DATE_TOO_EARLY: Final = "日期 {on} 过早，不能作为成员变动的日期。"
GROUP_MEMBER_LEFT: Final = (
    "文件把「{name}」列为单位组「{group}」的成员，但它已退出该组（成员至 {end}），"
    "导入时未重新加入；如需恢复，请重新添加。"
)

# --- As recorded on a day (model.store.rewind) ---
REWIND_CANNOT_UNDO: Final = (
    "无法按 {day} 的录入重现：审计记录第 {id} 条（{action}，{entity}）的更改无法准确撤销，"
    "未生成重现副本。"
)
REWIND_BAD_TIME: Final = "审计记录第 {id} 条的录入时间「{at}」无法识别，无法按录入日重现。"
REWIND_CLOCK_BACK: Final = (
    "审计记录第 {kept} 条（录入于 {kept_at}）排在第 {undone} 条（录入于 {undone_at}）之后，"
    "时间却更早，且改动的是同一条记录（录入时的时钟被调回过）：无法按录入日准确重现。"
)
REWIND_UNIT_GONE: Final = (
    "审计记录第 {id} 条提到的单位「{name}」已不在数据库中，无法恢复单位组成员。"
)
REWIND_BROKEN_LINKS: Final = (
    "按 {day} 的录入撤销后，表「{table}」中有 {count} 行指向已撤销的记录，未生成重现副本。"
)
REWIND_COPY_FAILED: Final = "无法复制数据库以按录入日重现：{detail}（原数据库未改动）"
REWIND_READ_ONLY: Final = "这是按 {day} 的录入重现的只读副本，不能在其中录入。"

# --- The year-end cycle: 自评 → 复核 → 审定 (model.work.reviews, model.scoring.review) ---
REVIEW_ITEM_NAMES: Final = {
    "task": "任务完成",
    "reporting": "进展报送",
    "notice": "督办落实",
    "bonus": "加分",
}
REVIEW_STATE_NAMES: Final = {
    "none": "未自评",
    "self": "已自评",
    "reviewed": "已复核",
    "approved": "已审定",
}
REVIEW_FIELD_NAMES: Final = {
    "self_note": "自评说明",
    "self_on": "自评日期",
    "reason": "复核理由",
    "by": "复核人",
    "review_on": "复核日期",
    "approver": "审定人",
    "approve_on": "审定日期",
    "reopen_reason": "重新复核的理由",
    "reopener": "重新复核经办人",
    "reopen_on": "重新复核日期",
}
REVIEW_ITEM_UNKNOWN: Final = "考核项目「{value}」不存在，可选：{choices}。"
REVIEW_POINTS_RANGE: Final = "「{item}」的得分应在 {low:g} 到 {high:g} 分之间，收到「{value}」。"
REVIEW_POINTS_CENTS: Final = "得分最多保留两位小数，收到「{value}」。"
REVIEW_TEXT_TOO_LONG: Final = "{what}过长（{length} 字），最多 {limit} 字。"
REVIEW_UNIT_GROUP: Final = "单位组「{name}」不单独考核，请对其成员单位自评或复核。"
REVIEW_UNIT_NO_CARD: Final = "「{name}」在 {year} 年度没有承担任务，没有考核卡。"
REVIEW_BEFORE_YEAR: Final = "{what}「{date}」早于 {year} 年度。"
REVIEW_FROZEN: Final = (
    "{year} 年度考核结果已于 {on} 由 {by} 审定，不能再自评或复核；"
    "如需修改，须先重新复核并说明理由。"
)
REVIEW_ALREADY_APPROVED: Final = "{year} 年度考核结果已于 {on} 由 {by} 审定，不能重复审定。"
REVIEW_NOT_APPROVED: Final = "{year} 年度考核结果尚未审定，无需重新复核。"
REVIEW_APPROVE_PROVISIONAL: Final = (
    "{year} 年度尚未结束（审定日期 {on}），预评结果不能审定；请在年底以后审定。"
)
REVIEW_APPROVE_EMPTY: Final = "{year} 年度没有考核卡，无可审定。"
REVIEW_REOPEN_BEFORE: Final = "重新复核日期「{on}」早于审定日期 {approved_on}。"
REVIEW_WHERE: Final = "年终考核"
REVIEW_APPROVED: Final = "已审定（{by}，{on}）"
REVIEW_REOPENED: Final = "重新复核：{reason}（{by}，{on}）"
REVIEW_CHANGED: Final = "审定后数据有变化"
REVIEW_CHANGED_DETAIL: Final = (
    "审定后数据有变化：按现有记录重新计算的结果与审定结果不同，"
    "显示的是审定结果；如需按现有记录修改，须先重新复核。"
)
REVIEW_SELF_PARTIAL: Final = "自评未完成（{done}/{total} 项）"
REVIEW_RANGE: Final = "{low:g}～{high:g}"  # an item's 分值: the points it can take
AUDIT_ACTION_NAMES.update(
    {
        "review.self": "登记自评",
        "review.set": "复核",
        "review.approve": "审定考核结果",
        "review.reopen": "重新复核",
    }
)

# --- The rubric as a document (考核细则, model.scoring.explain) ---
# Every number and name in it comes from the rubric; these are the words around them.
EXPLAIN_CHAPTER: Final = "{number}、{title}"
EXPLAIN_ITEM: Final = "（{number}）{text}"
EXPLAIN_TABLE_LINE: Final = "表：{caption}"
EXPLAIN_POINTS: Final = "{value} 分"
EXPLAIN_PERCENT: Final = "{value}%"
EXPLAIN_ABOUT: Final = "约 {value}"
EXPLAIN_AND: Final = "{head}和{last}"
EXPLAIN_SENTENCE: Final = "{text}。"
EXPLAIN_NO_DEDUCTION: Final = "不扣分"
EXPLAIN_GENERAL: Final = "总则"
EXPLAIN_PURPOSE: Final = (
    "为推动年度环境行动计划各项重点任务落实，客观评价各责任单位的工作成效，制定本细则。"
)
EXPLAIN_SCOPE: Final = (
    "考核对象为承担年度行动计划重点任务的各单位。以单位组名义（如“各乡镇”）分配的任务，"
    "由组内各单位按该任务中的角色分别承担、分别计分，单位组本身不单独考核。"
)
EXPLAIN_COMPOSITION: Final = "各单位满分 {base}，考核得分由{parts}组成。"
EXPLAIN_PARTS: Final = ("任务完成得分", "进展报送扣分", "督办扣分")
EXPLAIN_PART_BONUS: Final = "加分"
EXPLAIN_AS_OF: Final = (
    "考核以考核日（年度考核为计划年度的 12 月 31 日）及以前的记录为准；"
    "年度结束前计算的得分为预评，仅供参考。"
)
EXPLAIN_SHARES: Final = "任务分值"
EXPLAIN_ROLE_TASK: Final = "{role}任务"
EXPLAIN_WEIGHT_PART: Final = "{roles}每项权重为 {weight}"
EXPLAIN_WEIGHTS: Final = "各单位的满分按所承担任务的角色分配到各项任务：{weights}。{ratio}"
EXPLAIN_RATIO_HALF: Final = "在同一单位内，一项配合任务的分值是一项牵头任务的一半。"
EXPLAIN_RATIO_SAME: Final = "在同一单位内，配合任务与牵头任务的分值相同。"
EXPLAIN_RATIO: Final = "在同一单位内，一项配合任务的分值是一项牵头任务的 {ratio} 倍。"
EXPLAIN_RATIO_NONE: Final = "配合任务不占分值。"
EXPLAIN_SHARE_FORMULA: Final = "某项任务的分值＝满分×该任务的权重÷本单位全部任务的权重之和。"
EXPLAIN_SHARE_EXAMPLE: Final = (
    "例如，某单位牵头 {lead} 项、配合 {support} 项任务，"
    "则每项牵头任务 {lead_share}，每项配合任务 {support_share}。"
)
EXPLAIN_DATES: Final = "截止日期和完成日期"
EXPLAIN_DEADLINE: Final = (
    "任务的截止日期为其最后一个时间节点；没有时间节点的任务，以计划年度的 12 月 31 日为截止日期；"
    "时间节点早于计划文件印发日期的，{before_issue}。"
)
EXPLAIN_BEFORE_ISSUE: Final = {
    "issue_date": "以印发日期为截止日期",
    "year_end": "以计划年度的 12 月 31 日为截止日期",
}
EXPLAIN_DONE: Final = (
    "单位完成任务的日期，为本单位最后一个时间节点标记完成之日、报送“已完成”或进度 100% 之日、"
    "办公室销号之日中最早的一天。"
)
EXPLAIN_AWAITING: Final = (
    "单位已完成、办公室尚未销号的任务为“待销号”，按单位的完成日期计分，不因尚未销号而扣分。"
)
EXPLAIN_REOPENED: Final = "办公室复查后重新打开（撤销销号）的任务，只认定重新打开之日及以后的记录。"
EXPLAIN_OUTCOMES: Final = "任务完成得分"
EXPLAIN_ON_TIME: Final = "按期完成：在截止日期当日或之前完成的，按该项任务分值的 {credit} 计分。"
EXPLAIN_LATE: Final = (
    "逾期完成：在截止日期之后完成的，按分值的 {credit} 计分，每逾期 30 天（不足 30 天的按 30 天计）"
    "减少分值的 {step}，{floor}。例如逾期 {days} 天的，按分值的 {example} 计分。"
)
EXPLAIN_LATE_FLOOR: Final = "最低按分值的 {floor} 计分"
EXPLAIN_LATE_NO_FLOOR: Final = "减完为止"
EXPLAIN_LATE_FLAT: Final = "逾期完成：在截止日期之后完成的，按分值的 {credit} 计分。"
EXPLAIN_EXAMPLE_DAYS: Final = 45  # the worked example of a late completion
EXPLAIN_EXAMPLE_PERCENT: Final = 50  # the worked example of work in progress
EXPLAIN_IN_PROGRESS: Final = (
    "未完成：截至考核日仍未完成的，按最近一次报送的进度计分，即分值×进度×{factor}。"
    "例如进度 {percent} 的，按分值的 {example} 计分。"
)
EXPLAIN_NOT_STARTED: Final = "未报送：从未报送进展的，按分值的 {credit} 计分。"
EXPLAIN_NOT_STARTED_ZERO: Final = "未报送：从未报送进展的，该项任务不得分。"
EXPLAIN_OPEN_LATE: Final = (
    "截止日期已过仍未完成的，按截至考核日的逾期天数计算逾期完成的比例，上项中的 {factor} 以该比例"
    "为限，使完成任务的得分不低于不完成。例如逾期 {days} 天仍未完成、进度 {percent} 的，"
    "按分值的 {example} 计分。"
)
EXPLAIN_REPORTING: Final = "进展报送"
EXPLAIN_REPORT_FREE: Final = "缺报、迟报不扣分。"
EXPLAIN_REPORT_MAX: Final = "报送扣分合计最多 {max}。"
EXPLAIN_NOTICES: Final = "督办"
EXPLAIN_NOTICE_LEVELS: Final = "办公室对工作滞后的单位下发督办单，每份督办单按其级别扣分，见下表。"
EXPLAIN_NOTICE_TABLE: Final = "督办扣分标准"
EXPLAIN_NOTICE_COLUMNS: Final = ("督办级别", "每份扣分")
EXPLAIN_NOTICE_UNANSWERED: Final = "未在答复期限内答复或逾期答复的，每份督办单另扣 {points}。"
EXPLAIN_NOTICE_MAX: Final = "督办扣分合计最多 {max}。"
EXPLAIN_NOTICE_YEAR: Final = "计入考核的是计划年度内下发的督办单。"
EXPLAIN_BONUS: Final = "加分"
EXPLAIN_BONUS_EARLY: Final = (
    "比截止日期提前 {days} 天及以上完成任务的，每项加 {points}。截止日期须为任务的时间节点："
    "没有时间节点的任务和时间节点早于计划文件印发日期的任务，不加分。"
)
EXPLAIN_BONUS_ON_TIME: Final = (
    "在截止日期当日或之前完成任务的，每项加 {points}。截止日期须为任务的时间节点："
    "没有时间节点的任务和时间节点早于计划文件印发日期的任务，不加分。"
)
EXPLAIN_BONUS_MAX: Final = "加分合计最多 {max}。"
EXPLAIN_BONUS_NO_LIFT: Final = "加分计入总分，但不提升等次：等次按不含加分的得分评定。"
EXPLAIN_BONUS_LIFTS: Final = "加分计入总分，等次按含加分的总分评定。"
EXPLAIN_BONUS_NONE: Final = "本细则不设加分。"
EXPLAIN_TOTAL: Final = "总分和等次"
EXPLAIN_LIMITS: Final = (
    "总分低于 {floor}的按 {floor}计，高于 {cap}的按 {cap}计；评分表同时列出调整前的原始得分。"
)
EXPLAIN_BANDS: Final = "按总分评定等次，见下表。"
EXPLAIN_BAND_TABLE: Final = "等次划分"
EXPLAIN_BAND_COLUMNS: Final = ("等次", "总分")
EXPLAIN_BAND_FROM: Final = "{min}及以上"
EXPLAIN_BAND_BETWEEN: Final = "{min}及以上，不足 {next}"
EXPLAIN_BAND_BELOW: Final = "不足 {next}"
EXPLAIN_VETO: Final = (
    "一票否决：截至考核日，有任务已到截止日期（含截止日期当日）仍未完成的单位，"
    "不得评为“{band}”，得分达到“{band}”的按“{lower}”评定。年度考核时，所有未完成的任务均计入。"
)
EXPLAIN_VETO_PLAIN: Final = (
    "一票否决：截至考核日，有任务已到截止日期（含截止日期当日）仍未完成的单位，"
    "不得评为“{band}”。年度考核时，所有未完成的任务均计入。"
)
EXPLAIN_RANKING: Final = "排名"
EXPLAIN_CATEGORIES: Final = "考核结果按类别分别排名，见下表。"
EXPLAIN_CATEGORY_TABLE: Final = "排名类别"
EXPLAIN_CATEGORY_COLUMNS: Final = ("排名类别", "参加排名的单位")
EXPLAIN_CATEGORY_KINDS: Final = "{kinds}类单位"
EXPLAIN_CATEGORY_OWN: Final = "各类单位中仅承担配合任务的单位"
EXPLAIN_TIES: Final = (
    "同一类别内按总分从高到低排名；总分相同（精确到 0.01 分）的，名次并列，其后的名次顺延，"
    "例如两个单位并列第 2 名的，下一个单位为第 4 名。"
)
EXPLAIN_UNRANKED_KINDS: Final = "{kinds}类单位参加考核、列入评分表，不参与排名。"
EXPLAIN_SUPPORT_ONLY: Final = {
    "unranked": "仅承担配合任务的单位参加考核、列入评分表，不参与排名。",
    "own": "仅承担配合任务的单位不与其他单位同列，单独排名（“{category}”）。",
    "with_kind": "仅承担配合任务的单位与同类单位一并排名。",
}
EXPLAIN_NO_RANKING: Final = "本细则不排名：各单位只评分、评定等次。"
EXPLAIN_PROCEDURE: Final = "考核程序"
EXPLAIN_SELF_ASSESS: Final = "单位自评：年度结束后，各单位对照本细则逐项自评，报领导小组办公室。"
EXPLAIN_REVIEW: Final = (
    "办公室复核：办公室逐项复核各单位的自评结果，调整分数的逐项说明理由；未经复核的项目按系统计分。"
)
EXPLAIN_APPROVE: Final = (
    "领导审定：复核结果经领导审定后，评分表定稿，排名和等次按审定的得分确定；"
    "审定后确需重新复核的，须说明理由。"
)
EXPLAIN_ADJUST: Final = (
    "加减分：确需对个别单位加减分的，写明理由和批准人，作为单独一项计入总分，并在评分表中列明。"
)
EXPLAIN_SUPPLEMENTARY: Final = "附则"
EXPLAIN_BASIS: Final = (
    "评分表逐项列明每一分的计算依据（进展报送、时间节点完成、销号、督办单及其答复、"
    "加减分的记录），各单位可据此核对。"
)
EXPLAIN_INTERPRET: Final = "本细则由领导小组办公室负责解释。"

# --- Completions and the year's end in the reports (model.reports, model.core.lights) ---
# A finished part: closed by the office, or done by the unit's own record and not closed yet.
COMPLETION_NAMES: Final = {"closed": "已销号", "awaiting": "待销号"}
PROGRESS_OWNERS_COUNT: Final = "{owners}个牵头（责任）单位中{done}个已完成"
PROGRESS_OWNERS_AWAITING: Final = "（其中{awaiting}个待销号）"
PROGRESS_SUMMARY_JOIN: Final = "；"
# The units a row's word rests on, named before a quoted report of another unit.
PROGRESS_DECIDED_BY: Final = "{progress}："
PROGRESS_STANDING: Final = "{unit}（{standing}）"
PROGRESS_PERCENT: Final = "进度{percent}%"
PROGRESS_YEAR_END_UNIT: Final = "{unit}（年底未完成）"
PROGRESS_REMARK_AWAITING: Final = "待销号：{units}"
PROGRESS_QUOTED_FINISHED: Final = "；{unit}已完成（{completion}）"
RUBRIC_OUTCOME_ORDER: Final = "不能大于 {most:g}：完成任务的得分不能低于未完成或逾期完成"

# --- audit verification of every table (#13) ---
# `duban audit verify` rebuilds every table that shapes a light, a score or a report from
# the audit chain (model.store.audit_verify); each finding names the row in words.
VERIFY_OK_ALL: Final = (
    "数据与审计记录一致：计划、任务、时间节点、分工、单位、单位组成员、领导小组和各项工作记录"
    "共 {rows} 条。"
)
VERIFY_CHANGED: Final = "{what}与审计记录不符（{fields}）：在 duban 之外被改动。"
VERIFY_ADDED: Final = "{what}没有对应的审计事件：在 duban 之外被添加。"
VERIFY_DELETED: Final = "{what}有审计记录，但数据库中已没有：在 duban 之外被删除。"
VERIFY_EVENT_UNREADABLE: Final = (
    "审计事件 #{id} 的内容无法读取（不是有效的记录）：事件在 duban 之外被改动。"
)
VERIFY_TABLE_DIGEST: Final = (
    "「{table}」中批量生成的记录与生成时的摘要不符（生成时 {expected} 条，现有 {actual} 条）："
    "记录在 duban 之外被改动、添加或删除。"
)
VERIFY_GROUP_CHANGED: Final = (
    "单位组「{group}」的成员与审计记录不符（{parts}）：在 duban 之外被改动。"
)
VERIFY_SPELL_MISSING: Final = "缺少 {spell}"
VERIFY_SPELL_ADDED: Final = "多出 {spell}"
VERIFY_SPELL_ALWAYS: Final = "{member}（始终）"
VERIFY_SPELL_FROM: Final = "{member}（{start} 起）"
VERIFY_SPELL_UNTIL: Final = "{member}（至 {end}）"
VERIFY_SPELL_BETWEEN: Final = "{member}（{start} 至 {end}）"
VERIFY_PLAN_NAME: Final = "{year}年{plan}计划"
VERIFY_MILESTONE_NAME: Final = "{task}时限为 {due} 的时间节点"
VERIFY_NOT_A_DATE: Final = "「{value}」（不是有效日期）"
VERIFY_CARDS: Final = "评分表（{length} 字）"
VERIFY_OTHER_FIELD: Final = "其他字段"
VERIFY_APPROVAL_ACTIONS: Final = {"approve": "审定", "reopen": "重新复核"}
VERIFY_STAGE_NAMES: Final = {"self": "自评", "review": "复核"}
VERIFY_TABLE_NAMES: Final = {
    "document": "文件",
    "plan": "计划",
    "plan_goal": "计划目标",
    "section": "计划章节",
    "task": "任务",
    "milestone": "时间节点",
    "unit": "单位",
    "unit_alias": "单位别名",
    "group_member": "单位组成员",
    "assignment": "分工",
    "leading_group": "领导小组",
    "leading_group_member": "领导小组成员",
    "progress_report": "进展报送",
    "milestone_completion": "节点完成",
    "closure_event": "销号记录",
    "notice": "督办单",
    "score_adjustment": "考核调整",
    "score_entry": "自评与复核",
    "score_approval": "考核审定",
}
# Each row in words; the placeholders are filled from the row (see _Words.row).
VERIFY_ROW_NAMES: Final = {
    "document": "文件「{number}」",
    "plan": "{plan}",
    "plan_goal": "{plan}的第 {position} 条目标",
    "section": "{plan}的第 {position} 部分「{heading}」",
    "task": "{task}",
    "milestone": "{milestone}",
    "unit": "单位「{name}」",
    "unit_alias": "单位「{unit}」的别名「{alias}」",
    "assignment": "{task}的{unit}（{role}）",
    "leading_group": "领导小组「{name}」",
    "leading_group_member": "领导小组成员{name}（{title}）",
    "progress_report": "{unit} {reported_on} 对{task}的进展报送",
    "milestone_completion": "{unit}完成{milestone}的记录",
    "closure_event": "{unit}{task}的{action}记录（{on}）",
    "notice": "督办单「{number}」",
    "score_adjustment": "{unit} {year} 年度的考核调整（{decided_on}）",
    "score_entry": "{unit} {year} 年度「{item}」的{stage}（{entered_on}）",
    "score_approval": "{year} 年度的{action}（{decided_on}）",
}
# Column names where a table's differ from FIELD_NAMES.
VERIFY_FIELD_NAMES: Final = {
    "document": {"number": "文号", "issuer": "发文单位", "issued_on": "印发日期", "title": "标题"},
    "plan": {"document_id": "所属文件", "key": "计划类别", "title": "名称", "year": "年度"},
    "plan_goal": {"plan_id": "所属计划", "position": "序号", "text": "内容"},
    "section": {"plan_id": "所属计划", "position": "序号", "heading": "标题"},
    "task": {
        "plan_id": "所属计划",
        "section_id": "所属章节",
        "number": "序号",
        "title": "标题",
        "text": "内容",
    },
    "milestone": {"position": "序号", "due_on": "完成时限", "start_on": "开始日期", "text": "原文"},
    "unit": {"name": "名称", "kind": "类别"},
    "unit_alias": {"alias": "别名"},
    "assignment": {"role": "职责", "position": "排序"},
    "leading_group": {"name": "名称", "office_unit_id": "办公室所在单位"},
    "leading_group_member": {
        "leading_group_id": "领导小组",
        "position": "排序",
        "name": "姓名",
        "title": "职务",
        "role": "小组职务",
    },
    "score_entry": {
        "year": "考核年度",
        "stage": "环节",
        "item": "考核项目",
        "note": "说明",
        "entered_by": "经办人",
        "entered_on": "日期",
    },
    "score_approval": {
        "action": "操作",
        "decided_by": "经办人",
        "cards": "审定的评分表",
        "cards_sha256": "评分表摘要",
    },
}
AUDIT_ACTION_NAMES.update(
    {
        "migration.fill": "数据库升级：补填数据",
        "migration.baseline": "数据库升级：建立审计基线",
        "synthetic.generate": "生成基准测试数据",
    }
)
MIGRATION_ACTOR: Final = "duban（数据库升级）"
MIGRATION_FILL_REASON: Final = (
    "数据库升级：为已有的考核调整补填决定日期（取其考核年度的 12 月 31 日）"
)
MIGRATION_BASELINE_REASON: Final = (
    "数据库升级：旧版本导入计划时只记录了摘要，以升级时数据库中的计划、任务、时间节点、分工、"
    "单位、单位组成员和领导小组为审计基线"
)
# --- backup, restore, busy waiting, evidence (#13) ---
DB_STAYED_BUSY: Final = (
    "数据库被其他程序占用，已等待 {seconds} 秒仍未空闲（等待上限见设置 [database] busy_seconds）："
    "{path}。请稍后重试，或关闭其他正在写入的 duban；本次未写入任何内容。"
)
DAILY_BACKUP_FAILED: Final = "今日自动备份未能完成（{detail}）；本次写入照常进行。"
NOT_A_DUBAN_DATABASE: Final = "不是督办数据库：{path}（没有督办的数据库架构版本或审计记录）"
COPY_UNUSABLE: Final = "数据库未通过检查：{path}（{detail}）"
BACKUP_COPY_FAILED: Final = "备份 {path} 失败：{detail}。未留下备份文件，数据库未改动。"
BACKUP_NO_DATABASE: Final = "找不到要备份的数据库：{path}"
BACKUP_EXISTS: Final = "备份文件已存在：{path}（请换一个文件名）"
BACKUP_FOLDER_MISSING: Final = "备份目录不存在：{dir}"
RESTORE_NO_FILE: Final = "找不到要恢复的文件：{path}"
RESTORE_SAME_FILE: Final = "要恢复的文件就是当前数据库：{path}"
RESTORE_IN_USE: Final = (
    "数据库正被其他程序使用：{path}。请先关闭督办看板和其他正在运行的 duban，再恢复；"
    "两个文件均未改动。"
)
RESTORE_FAILED: Final = "恢复失败：{detail}。当前数据库未被替换。"
# --- signatures and keys (#13) ---
KEY_STORE_KEYRING: Final = "系统密钥环"
KEY_STORE_FILE: Final = "密钥文件 {path}"
KEY_STORE_NONE: Final = "（无）"
KEY_NO_KEYRING: Final = "本机没有可用的系统密钥环"
KEY_KEYRING_KEEPS_NOTHING: Final = "密钥环后端 {backend} 不保存写入的密钥"
KEY_KEYRING_FAILED: Final = "系统密钥环出错：{detail}"
KEY_FILE_TOO_OPEN: Final = (
    "密钥文件 {path} 可被其他用户读取（权限 {mode}），为安全起见拒绝使用。"
    "请执行 chmod 600 {path} 后重试。"
)
KEY_FILE_UNREADABLE: Final = "无法读取密钥文件 {path}（{detail}）"
KEY_FILE_DIR_MISSING: Final = "密钥文件所在目录不存在：{dir}"
KEY_FILE_WRITE_FAILED: Final = "无法写入密钥文件 {path}（{detail}）"
KEY_CORRUPT: Final = "{where}中保存的签名密钥已损坏，无法使用。可用 duban key restore 从备份恢复。"
KEY_NO_STORE: Final = (
    "本机没有存放签名密钥的地方（{detail}）。请配置系统密钥环，"
    '或在设置文件中写 [signing] key_file = "密钥文件路径"。'
)
KEY_MADE: Final = (
    "已生成办公室签名密钥，保存在{where}（指纹 {fingerprint}）。请尽快用 duban key backup 备份。"
)
KEY_UNSIGNED_MISSING: Final = (
    "本数据库由办公室签名密钥（指纹 {fingerprint}）签名，但本机没有这把密钥："
    "本次写入已保存，但未签名。请用 duban key restore 备份文件 恢复密钥，之后的写入会重新签名。"
)
KEY_UNSIGNED_OTHER: Final = (
    "本机的签名密钥（指纹 {machine}）不是本数据库记录的密钥（指纹 {recorded}）："
    "本次写入已保存，但未签名。请用 duban key restore 备份文件 恢复数据库所用的密钥。"
)
KEY_UNSIGNED_PROBLEM: Final = "签名密钥不可用，本次写入已保存，但未签名：{problem}"
KEY_UNSIGNED_NO_STORE: Final = (
    "本机没有可用的签名密钥存放处（{detail}），本次写入已保存，但未签名。"
    '请配置系统密钥环，或在设置文件中写 [signing] key_file = "密钥文件路径"。'
)
KEY_PUBLIC_FILE_HEADER: Final = "# 督办（duban）办公室签名公钥\n# 指纹：{fingerprint}\n"
KEY_PUBLIC_UNREADABLE: Final = "无法读取公钥文件 {path}（{detail}）"
KEY_PUBLIC_BAD: Final = "公钥文件格式不对：{path}（应为 duban key public 写出的 Ed25519 公钥）"
KEY_BACKUP_HEADER: Final = (
    "# 督办（duban）办公室签名密钥备份，已用口令加密。\n"
    "# 恢复：duban key restore 本文件。请与口令分开妥善保管。\n"
)
KEY_BACKUP_BAD: Final = "不是有效的 duban 密钥备份文件：{path}"
KEY_BACKUP_WRONG_PASSPHRASE: Final = "口令不对，无法解开密钥备份。未做任何修改。"
KEY_PASSPHRASE_PROMPT: Final = "密钥备份口令："
KEY_PASSPHRASE_AGAIN: Final = "再输入一次口令："
KEY_PASSPHRASE_MISMATCH: Final = "两次输入的口令不一致，未写出任何文件。"
KEY_PASSPHRASE_EMPTY: Final = "口令不能为空。"
CHAIN_INTACT: Final = "审计链完整：共 {events} 条事件，逐条相连且哈希无误。"
CHAIN_BROKEN: Final = "审计链在第 {id} 条事件处断开或被改动（共 {events} 条事件）。"
CHAIN_FINDING_BROKEN: Final = "审计链在第 {id} 条事件处断开或被改动：此后的事件不可信。"
CHAIN_KEY_FROM_OPTION: Final = "核对签名所用公钥：--public-key 指定的文件（指纹 {fingerprint}）。"
CHAIN_KEY_FROM_MACHINE: Final = "核对签名所用公钥：本机的办公室签名密钥（指纹 {fingerprint}）。"
CHAIN_KEY_FROM_DATABASE: Final = (
    "核对签名所用公钥：数据库自身记录的公钥（指纹 {fingerprint}），未经独立确认——"
    "能改写数据库的人也能改写它。请与办公室公布的指纹比对，或用 --public-key 指定公钥文件。"
)
CHAIN_NO_KEY: Final = "没有可用于核对的签名公钥：本数据库从未签名，本机也没有办公室签名密钥。"
CHAIN_COVERED: Final = (
    "签名覆盖：第 1 至第 {covered} 条事件由有效签名担保（最新签名在第 {last} 条）。"
)
CHAIN_NONE_COVERED: Final = "签名覆盖：没有任何事件由有效签名担保。"
CHAIN_UNSIGNED_NOTE: Final = (
    "另有 {count} 条事件没有签名担保。无从判断原因：可能写于启用签名之前，"
    "可能写入时没有签名密钥，也可能是在 duban 之外改写后删除了签名。"
)
CHAIN_UNCOVERED: Final = (
    "第 {first} 条起的 {count} 条事件没有有效签名担保。无从判断原因：可能是在本机没有签名密钥时"
    "写入的（恢复密钥后下一次写入会签名覆盖），也可能是在 duban 之外追加或改写的，或签名被删除。"
)
CHAIN_SIGNATURE_INVALID: Final = "第 {id} 条事件处的链头签名无效：签名或其所签内容被改动。"
CHAIN_SIGNED_EVENT_GONE: Final = "第 {id} 条事件曾被签名，但已不在审计链中：链尾被截去。"
CHAIN_SIGNED_EVENT_CHANGED: Final = "第 {id} 条事件的哈希与签名时不同：审计链在此之前被改写。"
CHAIN_IDENTITY_MISSING: Final = (
    "数据库缺少自身的标识记录（在 duban 之外被删除）：无法核对签名属于哪个数据库。"
)
CHAIN_RECORDED_OTHER: Final = (
    "数据库记录的签名公钥（指纹 {recorded}）与用于核对的公钥（指纹 {trusted}）不同。"
)
CHAIN_SIGNATURES_NO_KEY: Final = (
    "数据库中有 {count} 个链头签名，却没有记录签名公钥，本机也没有密钥：公钥记录可能被删除。"
    "请用 --public-key 指定办公室公布的公钥再核对。"
)
CHAIN_OTHER_KEY_SIGNATURES: Final = "另有 {count} 个签名来自另一把密钥，未据以担保任何事件。"
VERIFY_SIGNATURES_BAD: Final = "链头签名核对发现 {count} 处问题："
VERIFY_DB_MISSING: Final = (
    "数据库不存在：{path}（此命令不会创建数据库；请用 --db 指定一个已有的督办数据库）"
)
VERIFY_DB_FOREIGN: Final = "不是 duban 数据库：{path}（未做任何修改）"
VERIFY_DB_UNREADABLE: Final = "无法读取数据库：{path}（{detail}）"
VERIFY_DB_OLD: Final = (
    "数据库 {path} 的版本较旧（尚未升级），无法核对其标识；请先用 duban 打开一次以升级。"
)
# --- never a traceback (#13) ---
# What the operating system said, in the user's words (model.core.os_errors); the errno's
# English text never reaches a user.
OS_ERROR_TEXTS: Final = {
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "磁盘配额已用完",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "EROFS": "所在磁盘是只读的",
    "ENAMETOOLONG": "文件名或路径过长",
    "ENOENT": "文件或文件夹不存在",
    "ENOTDIR": "路径中有一段不是文件夹",
    "EISDIR": "这是一个文件夹，不是文件",
    "EEXIST": "文件已存在",
    "EBUSY": "文件正被其他程序使用",
    "EIO": "磁盘读写出错",
    "EMFILE": "打开的文件过多",
    "ENFILE": "打开的文件过多",
    "EINVAL": "文件名或路径无效",
    "EXDEV": "不能跨磁盘移动文件",
    "ELOOP": "路径中的符号链接过多",
    "EPIPE": "输出已被关闭",
}
OS_ERROR_OTHER: Final = "系统错误（代码 {code}）"
OS_ERROR_WINDOWS: Final = "系统错误（Windows 代码 {code}）"
DB_FOREIGN: Final = (
    "{path} 是其他程序的 SQLite 数据库（含有表：{tables}），不是督办数据库；"
    "为免改动它，未打开。请用 --db 指定督办数据库或一个新文件名。"
)
DB_URL_QUERY: Final = (
    "数据库地址 {url} 中有 ? 或 #，它们在地址中另有含义，不支持；"
    "请直接给出文件路径（路径中可以含有这些字符），或在地址中写作 %3F、%23。"
)
DB_PATH_BAD: Final = "数据库路径无效：{path}（{detail}）"
NOT_A_REGULAR_FILE: Final = "{path} 不是普通文件（是文件夹、设备或管道），无法读取。"
# --- schema revisions as users read them (model.store.schema_version.schema_label) ---
SCHEMA_EDITION: Final = "第 {number} 版"
SCHEMA_UNKNOWN: Final = "本程序不认识的版本"
# --- the machine's anchor of the signed head (#13) ---
# model.store.head_anchor: after each signed write this machine records the newest signed
# head of the database; `duban audit verify` says when the chain no longer holds it.
ANCHOR_CHAIN_SHORTER: Final = (
    "本机记录的最新签名在第 {id} 条事件（记录于 {when}），数据库的审计链现在只到第 {last} 条："
    "审计链在 duban 之外被截短或改写。"
)
ANCHOR_CHAIN_EMPTY: Final = (
    "本机记录的最新签名在第 {id} 条事件（记录于 {when}），数据库的审计链现在没有任何事件："
    "审计链在 duban 之外被截短或改写。"
)
ANCHOR_EVENT_CHANGED: Final = (
    "本机记录的最新签名在第 {id} 条事件（记录于 {when}），数据库中的第 {id} 条已与当时不同："
    "审计链在 duban 之外被截短或改写。"
)
ANCHOR_NOT_WRITTEN: Final = (
    "写入已保存并已签名，但本机未能记下最新签名的位置（{detail}）；"
    "这只会减弱 duban audit verify 对审计链被截短的检查。"
)
ANCHOR_NOT_RESET: Final = (
    "恢复已完成，但本机未能更新所记的最新签名位置（{detail}）；"
    "在下一次写入之前，duban audit verify 可能把这次恢复报为审计链被截短。"
)
# --- reporting periods and the working-day calendar (#14) ---
PERIOD_LABEL: Final = "{year}年{month}月"
PERIOD_BAD: Final = "报送期「{text}」格式不对，应写作 年-月，如 2023-11"
PERIOD_OUT_OF_RANGE: Final = "报送期「{text}」超出范围，应在 2000-01 至 2100-12 之间"
CALENDAR_NO_WORKDAY: Final = "{day} 之后一个月内没有工作日：节假日日历有误，请检查日历文件"
CALENDAR_UNREADABLE: Final = "无法读取节假日日历文件 {path}（{detail}）"
CALENDAR_BAD: Final = "节假日日历文件 {path} 不是有效的 TOML：{detail}"
CALENDAR_BAD_YEAR: Final = "节假日日历文件 {path} 中的「{key}」不是年份（应写作 [2027] 这样的节）"
CALENDAR_BAD_KEY: Final = (
    "节假日日历文件 {path} 中的「{key}」无效：每年只能有 holidays 和 workdays 两项，均为日期列表"
)
CALENDAR_BAD_DAY: Final = (
    "节假日日历文件 {path} 的 {key} 中「{value}」不是该年的日期（应写作 YYYY-MM-DD）"
)
# --- returns (报送表, #14): where a unit's return for a period stands ---
RETURN_STATE_NAMES: Final = {
    "returned": "已报送",
    "late": "迟报",
    "missing": "未报送",
    "not_due": "待报送",
}
# --- a migration that lost rows is undone (model.store.db) ---
MIGRATION_LOST_ROWS: Final = (
    "数据库升级后有记录丢失：{tables}。已恢复升级前的数据库（备份仍在 {backup}），"
    "请勿继续使用本版本，并把此信息告知维护人员。"
)
# Tables named for a person where no audit finding names them (a migration's row check).
TABLE_PLAIN_NAMES: Final = {
    **VERIFY_TABLE_NAMES,
    "evidence": "佐证材料",
    "notice_task": "督办单所涉任务",
    "audit_event": "审计事件",
    "chain_signature": "审计链签名",
    "database_identity": "数据库标识",
    "unit_liaison": "单位联络人",
    "return_submission": "报送表",
}
TABLE_OTHER: Final = "其他记录"
DB_OPTION_EMPTY: Final = (
    "参数 --db 不能为空（是否引用了一个未设置的环境变量？）；不指定时请省略 --db"
)
CONFIG_UNREADABLE: Final = "无法读取配置文件 {path}：{detail}"
CONFIG_TOO_LARGE: Final = "配置文件 {path} 太大（超过 1 MB），不是督办的配置文件"
# --- issuing returns (报送表, #14) ---
RETURNS_KEY_MISSING: Final = (
    "数据库缺少报送表校验密钥（或数据库标识），无法生成或核对报送表；请用 duban restore 恢复备份。"
)
# --- collecting returns (#14) ---
AUDIT_ACTION_NAMES.update({"return.collect": "收取报送表", "return.replace": "替换报送表"})
SUMMARY_RETURN: Final = "{on} 收到 {file} {reason}"
# audit verify: a returned sheet and a report's sheet, in words.
VERIFY_TABLE_NAMES.update({"return_submission": "报送表"})
VERIFY_ROW_NAMES.update(
    {"return_submission": "{unit} {period} 的报送表（{received_on} 收取，文件 {file_name}）"}
)
VERIFY_FIELD_NAMES.update(
    {
        "return_submission": {
            "period": "报送期",
            "received_on": "收取日期",
            "file_name": "文件名",
            "sha256": "文件摘要（SHA-256）",
            "replaces_id": "所替换的报送表",
            "reason": "替换原因",
        },
        "progress_report": {"return_id": "所属报送表"},
    }
)
# model.work.returns: a returned sheet previewed, refused or recorded.
RETURN_STATUS_COUNT: Final = "{status} {count} 项"
RETURN_SUMMARY: Final = "{unit}，{period}，{rows} 项：{counts}"
RETURN_NO_ROWS: Final = "没有任务行"
RETURN_REFUSED: Final = "{file}：未收取，发现 {count} 个问题（整份文件均未记录）：\n{problems}"
RETURN_AT_ROW: Final = "第 {row} 行"
RETURN_AT_CELL: Final = "第 {row} 行「{column}」"
RETURN_UNIT_UNKNOWN: Final = "本数据库中已没有单位「{unit}」"
RETURN_TASK_UNKNOWN: Final = "{where}：本数据库中已没有这项任务"
RETURN_NOT_HELD: Final = "{where}：{unit}在 {on} 已不承担{task}，不能为它报送"
RETURN_RECEIVED_WHAT: Final = "收取日期"
RETURN_RECEIVED_EARLY: Final = (
    "收取日期 {on} 早于报送期 {period} 的最后一天 {first}：报送表最早于该月最后一天收取"
)
RETURN_SAME_FILE: Final = (
    "这份文件已于 {on} 收取过（{unit}，{period}，文件 {file}），同一文件不能重复收取"
)
RETURN_ALREADY: Final = (
    "{unit}{period}的报送表已于 {on} 收取（文件 {file}）；"
    "如确需以这份替换，请选择替换并说明原因（命令行：--replace --reason 原因）"
)
RETURN_REPLACE_REASON: Final = "替换已收取的报送表须说明原因"
RETURN_EVIDENCE_NOTE: Final = "佐证材料：{names}"
# --- returns status and reminders (#14): `duban returns status | remind`, the 督办 tab ---
WEEKDAY_NAMES: Final = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
RETURNS_DUE_DATE: Final = "{date}（{weekday}）"
RETURNS_HEADLINE_TITLE: Final = "{period}报送表"
RETURNS_HEADLINE_DUE: Final = "截止 {due}"
RETURNS_HEADLINE_SEP: Final = "　"
RETURNS_HEADLINE_COUNTS: Final = "应报 {owed} 个单位：{parts}"
RETURNS_HEADLINE_PART: Final = {
    "returned": "已报 {n}",
    "late": "迟报 {n}",
    "missing": "未报 {n}",
    "not_due": "待报 {n}",
}
RETURNS_HEADLINE_NONE: Final = "无应报单位"
RETURNS_HEADLINE_NONE_UNIT: Final = "{unit}本期无需报送"
RETURNS_COLUMNS: Final = ("单位", "状态", "收到日期", "迟报天数", "任务数", "联络人", "电话")
RETURNS_NO_LIAISON: Final = "未登记"
RETURNS_BLANK: Final = "—"
REMIND_TITLE_OVERDUE: Final = "【催报】{period}报送表"
REMIND_TITLE_UPCOMING: Final = "【报送提醒】{period}报送表"
REMIND_OVERDUE: Final = (
    "{period}报送表已于{due}截止，截至{as_of}，以下{count}个单位尚未报送，已逾期{days}天："
)
REMIND_UPCOMING: Final = "{period}报送表将于{due}截止（还有{days}天），以下{count}个单位尚未报送："
REMIND_TODAY: Final = "{period}报送表今天（{due}）截止，以下{count}个单位尚未报送："
REMIND_UNIT: Final = "{index}. {unit}（联络人：{name}{phone}）"
REMIND_UNIT_PHONE: Final = "，电话：{phone}"
REMIND_UNIT_NO_LIAISON: Final = "{index}. {unit}（未登记联络人）"
REMIND_WHAT: Final = (
    "报送方式：在办公室下发的本单位报送表（Excel 文件）中，于「{first}」至「{last}」各列填写"
    "各项任务{period}的进展，其他内容和文件名请勿改动，填好后将文件直接回复在本群。"
)
REMIND_ASK_OVERDUE: Final = "请以上单位立即报送。"
REMIND_ASK_UPCOMING: Final = "请以上单位于{due}前报送。"
REMIND_ASK_TODAY: Final = "请以上单位于今天下班前报送。"
REMIND_CONTACT: Final = "联系人：{contact}，电话：{phone}"
REMIND_CONTACT_NAME: Final = "联系人：{contact}"
REMIND_CONTACT_PHONE: Final = "联系电话：{phone}"
REMIND_NOTHING_MISSING: Final = "{period}报送表应报的{owed}个单位均已报送，无需催报。"
REMIND_NOTHING_OWED: Final = "{period}没有应报送报送表的单位，无需催报。"
REMIND_NOTHING_OWED_UNIT: Final = "{unit}无需报送{period}报送表，无需催报。"
OFFICE_SUFFIX: Final = "办公室"
# --- review fixes: signatures, keys, backups (#13) ---
AUDIT_ACTION_NAMES.update({"signing.start": "启用签名"})
SUMMARY_SIGNING_START: Final = "此前的 {count} 条事件未经签名担保（至第 {head} 条）"
SIGNING_STARTED_NOTE: Final = (
    "【注意】本数据库此前没有任何签名，从本次写入起启用签名："
    "此前的 {count} 条事件未经签名担保，已在审计记录中记为「启用签名」。"
    "如果本数据库以前签过名，说明签名记录已被删除、数据库可能在 duban 之外被改写："
    "请用 duban audit verify --public-key 办公室公钥 核对，必要时从备份恢复。"
)
SIGNING_RESTARTED_NOTE: Final = (
    "【警告】本数据库曾在第 {first} 条事件启用签名，现在却没有任何签名："
    "签名记录已被删除，数据库可能在 duban 之外被改写。"
    "本次写入已保存并重新启用签名（此前 {count} 条事件未经签名担保）；"
    "请用 duban audit verify --public-key 办公室公钥 核对，并考虑从备份恢复。"
)
SIGNING_WAS_SIGNED_HERE: Final = (
    "【警告】本机记录过这个数据库的签名（第 {id} 条事件，记录于 {when}），"
    "现在数据库里却没有任何签名：签名记录已被删除，数据库可能在 duban 之外被改写。"
    "请从备份恢复，或用 duban audit verify 核对。"
)
CHAIN_BEFORE_SIGNING: Final = (
    "第 1 至第 {count} 条事件在启用签名前写入、未经签名担保"
    "（签名只证明它们自第 {start} 条事件「启用签名」以来未被改动）。"
)
CHAIN_NEVER_SIGNED: Final = (
    "第 {first} 条起的 {count} 条事件没有有效签名担保，数据库中也没有任何签名。无从判断原因："
    "可能写于启用签名之前，可能写入时没有签名密钥，也可能是在 duban 之外改写后删除了签名。"
    "若确信数据库未被改动，办公室的下一次录入会启用签名，并把这些事件记为启用签名前写入。"
)
CHAIN_SIGNING_RESTARTED: Final = (
    "第 {id} 条事件再次「启用签名」（第 {first} 条已启用过）：其间的签名记录曾被删除，"
    "审计链可能在 duban 之外被改写。"
)
CHAIN_SIGNING_START_BAD: Final = (
    "第 {id} 条事件「启用签名」所记的此前链头与审计链不符：审计链在 duban 之外被改写。"
)
KEY_PUBLIC_MISSING: Final = "找不到公钥文件：{path}。无法据以核对签名。"
KEY_PUBLIC_NOT_A_FILE: Final = (
    "公钥文件 {path} 不是普通文件（是文件夹、设备或管道）：无法据以核对签名。"
)
KEY_PUBLIC_IS_PRIVATE: Final = (
    "{path} 是私钥，不是公钥：请勿把私钥交给他人。"
    "请用 duban key public 导出公钥，再用 --public-key 指定。"
)
DB_SQLITE_UNREADABLE: Final = "SQLite 无法打开或读取它"
SIGNATURES_SUMMARY_BAD: Final = "签名核对发现 {count} 处问题：{first}"
SIGNATURES_SUMMARY_NO_KEY: Final = "签名未核对（没有可用于核对的签名公钥），{events} 条事件"
SIGNATURES_SUMMARY_COVERED: Final = "签名担保第 1 至第 {covered} 条事件"
SIGNATURES_SUMMARY_NONE: Final = "没有任何事件由有效签名担保"
SIGNATURES_SUMMARY_BEFORE: Final = "其中前 {count} 条写于启用签名之前、未经签名担保"
SIGNATURES_SUMMARY_UNSIGNED: Final = "另有 {count} 条事件没有签名担保"
RESTORE_SIGNATURES_BAD: Final = (
    "要恢复的文件 {path} 未通过签名核对：{detail}。它可能在 duban 之外被改写；"
    "未恢复，两个文件均未改动。确需恢复，请加 --force。"
)
RESTORE_OTHER_DATABASE: Final = (
    "恢复的文件是另一个数据库，不是当前数据库的备份：{path} 的标识为 {source}，"
    "当前数据库 {database} 的标识为 {current}。未恢复，两个文件均未改动。"
    "确要用另一个数据库替换当前数据库，请加 --force。"
)
RESTORE_NOT_A_FILE: Final = (
    "要恢复的 {path} 不是普通文件（是设备或管道），不能用来恢复；请给出备份文件。"
)
RESTORE_IS_FOLDER: Final = "要恢复的 {path} 是文件夹，不是备份文件；请给出文件夹中的备份文件。"
BACKUP_OUTPUT_IS_FOLDER: Final = (
    "{path} 是文件夹，不能作为备份文件；请给出文件名，如 {path}/备份.sqlite3。"
)
BACKUP_OUTPUT_NOT_A_FILE: Final = (
    "{path} 不是普通文件（是设备或管道），不能作为备份文件；请给出一个新文件名。"
)
SIGNATURES_SUMMARY_OLD: Final = "未核对（数据库版本较旧，尚无签名记录）"
KEY_FILE_NOT_REGULAR: Final = (
    "设置中的密钥文件 {path} 不是普通文件（是文件夹、设备或管道），无法用作签名密钥。"
    "请在设置文件的 [signing] key_file 中写一个文件路径（duban 会在那里生成密钥）。"
)
KEY_FILE_NOT_A_KEY: Final = (
    "密钥文件 {path} 中没有可用的签名密钥（内容不是 duban 保存的密钥）。"
    "请检查 [signing] key_file 是否写错；如密钥已损坏，可用 duban key restore 从备份恢复。"
)
KEY_FILE_IS_PUBLIC: Final = (
    "密钥文件 {path} 中是公钥，不是签名所需的私钥。"
    "请检查 [signing] key_file 是否写错；可用 duban key restore 从备份恢复私钥。"
)
CONFIG_NOT_A_FILE: Final = "不是普通文件（是文件夹、设备或管道）"
KEY_PASSPHRASE_NO_TERMINAL: Final = (
    "需要输入密钥备份口令，但没有终端可供输入。请在终端中运行，"
    "或（在脚本中）用环境变量 {env} 给出口令。未做任何修改。"
)
KEY_PASSPHRASE_ENDED: Final = "未输入口令（输入已结束），已取消。未做任何修改。"
KEY_PASSPHRASE_SHORT: Final = "口令太短：至少 {least} 个字符。未写出任何文件。"
# --- liaisons (联络人, #14) ---
LIAISON_WHERE: Final = "登记单位「{unit}」的联络人"
LIAISON_NAME_WHAT: Final = "联络人姓名"
LIAISON_PHONE_WHAT: Final = "联系电话"
LIAISON_NOTE_WHAT: Final = "联络人备注"
LIAISON_NAME_TOO_LONG: Final = "联络人姓名过长（{length}字），最多{limit}字。"
LIAISON_BAD_PHONE: Final = (
    "联系电话「{value}」不是电话号码：应写作 0357-5522123 或 13812345678 这样。"
)
LIAISON_GROUP: Final = "「{unit}」是单位组，不能确定联络人：请为其成员单位分别确定联络人。"
LIAISON_NONE_TO_CLEAR: Final = "单位「{unit}」没有登记联络人，无需清除。"
LIAISON_NEEDS_NAME: Final = "单位「{unit}」还没有联络人：请写明联络人姓名和联系电话。"
LIAISON_TEXT: Final = "{name} {phone}"
LIAISON_TEXT_NOTE: Final = "{name} {phone}（{note}）"
LIAISON_LINE: Final = "联络人：{liaison}"
LIAISON_UNSET: Final = "未确定"
SUMMARY_LIAISON: Final = "{name} {phone} {note}"
LIAISON_SET_DONE: Final = "已确定{unit}的联络人：{liaison}"
LIAISON_CHANGED_DONE: Final = "已更改{unit}的联络人：{liaison}"
LIAISON_CLEARED_DONE: Final = "已清除{unit}的联络人（原为 {liaison}）"
LIAISON_UNCHANGED: Final = "{unit}的联络人未改变：{liaison}"
AUDIT_ACTION_NAMES.update(
    {
        "liaison.set": "确定联络人",
        "liaison.change": "更改联络人",
        "liaison.clear": "清除联络人",
    }
)
VERIFY_TABLE_NAMES.update({"unit_liaison": "单位联络人"})
VERIFY_ROW_NAMES.update({"unit_liaison": "单位「{unit}」的联络人"})
VERIFY_FIELD_NAMES.update({"unit_liaison": {"name": "姓名", "phone": "联系电话", "note": "备注"}})
# --- scoring by return (#14) ---
RUBRIC_ROLES_LIST: Final = '应为单位职责的列表，如 ["lead", "responsible"]（可用：{allowed}）'
RUBRIC_ROLES_EMPTY: Final = "不能为空：至少要有一种职责的单位报送（可用：{allowed}）"
RUBRIC_ROLE_UNKNOWN: Final = "未知的职责「{role}」（可用：{allowed}）"
RUBRIC_ROLES_DUP: Final = "职责重复"
SCORE_RETURN_MISSED_LINE: Final = "应于 {} 前报送，截至 {} 未收到"
SCORE_RETURN_LATE_LINE: Final = "应于 {} 前报送，{} 收到"
SCORE_BASIS_RETURN_MISSED: Final = "{}报送表 未报送"
SCORE_BASIS_RETURN_LATE: Final = "{}报送表 迟报 {} 天"
EXPLAIN_RETURN_DUE: Final = (
    "自计划文件印发后的第一个完整月份起，各单位每月报送一份进展报送表，一份报送表涵盖本单位承担的"
    "全部任务；每月的报送表于次月 {due_day} 日前报送，遇周末或法定节假日顺延至下一个工作日"
    "（按国家公布的节假日安排，调休上班日照常计算）。本单位承担的任务在某月开始前均已完成的，"
    "该月起不再报送。"
)
EXPLAIN_RETURN_ROLES: Final = "报送单位为{roles}。"
EXPLAIN_RETURN_THROUGH: Final = "{others}不单独报送，其工作进展由牵头单位汇总报送。"
EXPLAIN_RETURN_MISSED: Final = "到期未报送的为缺报，每缺报一份扣 {points}"
EXPLAIN_RETURN_LATE: Final = "超过报送期限才报送的为迟报，每迟报一份扣 {points}"
EXPLAIN_RETURN_COUNT: Final = (
    "缺报、迟报按报送表计算，每份报送表计一次，不论其涵盖多少项任务；计入考核的是截至考核日已到"
    "报送期限的报送表。"
)
EXPLAIN_NOTICE_REPLY: Final = "督办单未另定答复期限的，答复期限为下发之日后第 {days} 个工作日。"
RETURN_RECEIVED_FIELD: Final = "收到日期"
RETURN_FILE_FIELD: Final = "报送表文件名"
RETURN_BEFORE_PERIOD: Final = "{period}报送表的收到日期 {received_on} 早于该月开始"
RETURN_BAD_SHA256: Final = "报送表「{file}」的 SHA-256 应为 64 位小写十六进制数字"
RETURN_ROWS_NONE: Final = "{period}报送表没有任何任务行"
DEMO_RETURN_FILE: Final = "{unit}{period}报送表.xlsx"
SUMMARY_RETURN_RECEIVED: Final = "{period}报送表 {on} 收到（{file}）"
