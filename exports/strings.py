"""Every user-facing sentence of the exports package, in one place."""

from __future__ import annotations

from typing import Final

OUTPUT_DIR_MISSING: Final = "输出目录不存在：{dir}"
OUTPUT_DIR_READONLY: Final = "输出目录不可写：{dir}"
OUTPUT_EXISTS: Final = "输出文件已存在：{path}（如需覆盖请加 --force）"
OUTPUT_FAILED: Final = "写入输出文件失败：{path}（{detail}）；未留下不完整的文件。"
WROTE: Final = "已写出：{path}"

REPORT_NAMES: Final = {
    "scorecards": "年终考核评分表",
    "progress": "重点任务进展情况表",
    "notice": "督办通知单",
    "bulletin": "月度通报",
}
DEMO_MARK: Final = "【演示数据】"
AS_OF_NOTE: Final = "（截至{date}）"
SHEET_SUMMARY: Final = "汇总"
SHEET_FALLBACK: Final = "表"  # a worksheet whose name was nothing but forbidden characters
# The coloured columns, named once for the column list and for the colouring.
COLUMN_RATING: Final = "等次"
COLUMN_STATUS: Final = "状态"
COLUMN_STATUS_NOW: Final = "本期状态"
COLUMN_REPLY: Final = "答复情况"

# Layout words of the writers.
DEMO_FILE_MARK: Final = "演示"  # a demo file: 重点任务进展情况表_演示_2023-11-15.xlsx
SIGN_LINE: Final = "{label}（签字）："
CSV_PART_COLUMN: Final = "表"  # the leading column of stacked tables in a csv, by default
SCORECARDS_SIGNERS: Final = ("考核组", "审核")  # who signs the scorecards
PROGRESS_PART_COLUMN: Final = "计划"  # the progress csv: one table, a plan per row
# A title is broken between lines only after these characters or before these phrases.
TITLE_BREAK_AFTER: Final = "、，之的】）\u3000"
TITLE_PHRASES: Final = (
    "重点任务",
    "年终考核",
    "推进情况",
    "进展情况表",
    "月度通报",
    "评分表",
)

# A list of unit names is broken after a 、; a name too long for a line after the word
# for an office or before a phrase that starts a new part of it.
NAME_SEPARATOR: Final = "、"
NAME_BREAK_AFTER: Final = "局队办组司"
NAME_PHRASES: Final = ("分公司", "领导小组", "成员单位", "有关", "中心")

SCORECARDS_TITLE: Final = "{region}{year}年度重点任务年终考核评分表"
SCORECARDS_PROVISIONAL: Final = "（预评）"  # after the title, before the plan year's end
SCORECARDS_SUBTITLE: Final = "（{provisional}截至{date}　考核细则：{rubric}）"
SCORECARDS_SUBTITLE_PROVISIONAL: Final = "预评，"
SCORECARDS_PROVISIONAL_TEXT: Final = (
    "{year}年度尚未结束，本表为截至{date}的预评结果，仅供参考：截至该日尚未完成的任务按其进度"
    "计分，年终考核以年度结束后的评分为准。"
)
SCORECARDS_SUMMARY_HEADING: Final = "考核结果汇总"
SCORECARDS_SUMMARY_TEXT: Final = "本次共考核 {units} 个单位，其中{bands}。"
SCORECARDS_BAND: Final = "{name} {count} 个"
SCORECARDS_UNRANKED_TEXT: Final = "{units}不参与排名，其评分列于汇总表末。"
SCORECARDS_UNRANKED_UNIT: Final = "{unit}（{kind}）"
SCORECARDS_TIED_TEXT: Final = "得分相同的单位名次并列。"
# What the summary's 未按期完成 column counts, so a reader can check it against the lines.
SCORECARDS_RED_TEXT: Final = (
    "“未按期完成”为截至{date}时间节点已到（含当日）而仍未完成的任务项数；年底评定时，"
    "年底前未完成的任务均计入。“按时完成”“逾期完成”以单位自身完成记录的日期为准，"
    "办公室尚未销号的（待销号）不扣分。"
)
SCORECARDS_VETO_TEXT: Final = (
    "{units}得分达到{band}，但年底仍有未完成的任务，实行一票否决，不得评为{band}。"
)
SCORECARDS_VETO_TEXT_AS_OF: Final = (
    "{units}得分达到{band}，但截至{date}仍有时间节点已到而未完成的任务，实行一票否决，"
    "不得评为{band}。"
)
SCORECARDS_CATEGORY_TEXT: Final = "各单位在所属类别内排名：{categories}。"
SCORECARDS_CATEGORY_COUNT: Final = "{name} {count} 个"
SCORECARDS_SUMMARY_CAPTION: Final = "年终考核评分汇总表"
SCORECARDS_COLUMN_SCORE: Final = "得分"
# The summary: counts, then the points of each part, which add up to the score.
SCORECARDS_RANK_IN: Final = "{category}\n{rank}"  # the summary's rank cell
SCORECARDS_COLUMNS: Final = (
    "排名",
    "单位",
    "牵头/配合/责任任务",
    "按时/逾期完成",
    "未按期完成",
    "任务得分",
    "报送扣分",
    "督办扣分",
    "加分",
    "人工调整",
    "保底封顶",
    SCORECARDS_COLUMN_SCORE,
    COLUMN_RATING,
    "扣分加分事由",
)
# The points columns of the summary and of the csv, in the order they add up.
SCORECARDS_PARTS: Final = ("任务得分", "报送扣分", "督办扣分", "加分", "人工调整", "保底封顶")
SCORECARDS_REASON_MISSED: Final = "缺报{count}次"
SCORECARDS_REASON_LATE: Final = "迟报{count}次"
SCORECARDS_REASON_NOTICES: Final = "督办单{count}份"
SCORECARDS_REASON_BONUS: Final = "提前完成{count}项"
SCORECARDS_REASON_ADJUST: Final = "人工调整{count}次"
# The csv: one row per unit, every number a number.
SCORECARDS_CSV_COLUMNS: Final = (
    "排名",
    "排名说明",
    "排名类别",
    "单位",
    "单位类别",
    "牵头任务",
    "配合任务",
    "责任任务",
    "按时完成",
    "逾期完成",
    "待销号",
    "未按期完成",
    "缺报",
    "迟报",
    "督办单",
    *SCORECARDS_PARTS,
    SCORECARDS_COLUMN_SCORE,
    COLUMN_RATING,
)
SCORECARDS_CSV_TIED: Final = "并列"
SCORECARDS_DETAIL_CSV_COLUMNS: Final = ("单位", "类别", "任务", "说明", "分值", "依据")
SCORECARDS_DETAIL_TITLE: Final = "{title}（明细）"
SCORECARDS_DETAIL_HEADING: Final = "各单位评分明细"
SCORECARDS_UNIT_HEADING: Final = "{unit}（{score}分，{rating}）"
SCORECARDS_UNIT_CAPTION: Final = "{unit}评分明细"
SCORECARDS_LINE_COLUMNS: Final = ("序号", "类别", "任务", "说明", "分值", "依据")
SCORECARDS_LINE_KINDS: Final = {
    "task": "任务",
    "reporting": "报送",
    "notice": "督办",
    "bonus": "加分",
    "adjustment": "调整",
    "limit": "封顶/保底",
    "veto": "一票否决",
}

PROGRESS_TITLE_ALL: Final = "{region}{year}年环境保护行动计划重点任务进展情况表"
PROGRESS_TITLE_PLAN: Final = "{plan}重点任务进展情况表"
PROGRESS_SUMMARY_TEXT: Final = (
    "截至{date}，共{tasks}项任务：已完成{done}项，序时推进{on_track}项，"
    "滞后{behind}项，逾期{overdue}项。"
)
PROGRESS_COLUMNS: Final = (
    "序号",
    "任务",
    "牵头（责任）单位",
    "配合单位",
    "完成时限",
    "进展情况",
    "存在问题",
    "下步打算",
    COLUMN_STATUS,
    "备注",
)
PROGRESS_TASK: Final = "{number}. {title}"

NOTICE_TITLE: Final = "督办通知单"
NOTICE_DRAFT_NUMBER: Final = "（待编号）"
NOTICE_SUBTITLE: Final = "{number}　级别：{level}"
NOTICE_ADDRESSEE: Final = "{unit}："
NOTICE_BODY: Final = (
    "根据{source}要求，经调度，截至{date}，你单位承担的以下{count}项任务逾期、滞后或未报送进展"
    "（见下表）。请高度重视，采取有效措施加快推进，并于{reply_due}前将整改落实情况"
    "书面报送{office}。"
)
# The document cited: its full title and number, or the number alone when the title is
# not known (a database loaded from a plan file without one).
NOTICE_SOURCE: Final = "《{title}》（{number}）"
NOTICE_SOURCE_NUMBER: Final = "{number}文件"
NOTICE_SOURCE_NONE: Final = "县有关工作部署"
NOTICE_BODY_ISSUED_EXTRA: Final = "督办事由：{body}"
NOTICE_CAPTION: Final = "逾期、滞后及未报送事项清单"
NOTICE_TABLE_NOTE: Final = "致：{unit}　{number}　请于{reply_due}前书面答复"
NOTICE_COLUMNS: Final = ("序号", "任务", "职责", "节点日期", "最近报送", COLUMN_STATUS, "情况说明")
PLAN_TASK: Final = "{plan}第{number}项 {title}"
NOTICE_OVERDUE_DETAIL: Final = "{since}节点已过，逾期{days}天"
NOTICE_STALE_DETAIL: Final = "超过{days}天未报送进展"
NOTICE_UNREPORTED_DETAIL: Final = "从未报送进展（缺报{owed}期）"
NOTICE_DUE_SOON_DETAIL: Final = "{due}节点临近，尚未报送进展"
NOTICE_ON_TRACK_DETAIL: Final = "按督办单列入"
NOTICE_DETAIL_JOIN: Final = "；"
NOTICE_CONTACT: Final = "联系人：{contact}"
NOTICE_PHONE: Final = "联系电话：{phone}"
NOTICE_CONTACT_JOIN: Final = "　"
# 回执: the slip the unit fills in and sends back with its reply.
RECEIPT_CAPTION: Final = "督办通知单回执"
RECEIPT_SHEET: Final = "回执"
RECEIPT_NOTE: Final = "请于{reply_due}前随整改落实情况一并报送{office}"
RECEIPT_COLUMNS: Final = ("项目", "填写内容")
RECEIPT_NUMBER: Final = "督办单编号"
RECEIPT_UNIT: Final = "接收单位（盖章）"
RECEIPT_RECEIVED_BY: Final = "签收人"
RECEIPT_DATE: Final = "签收日期"
RECEIPT_DATE_BLANK: Final = "＿＿＿＿年＿＿月＿＿日"
RECEIPT_PHONE: Final = "联系电话"
RECEIPT_REPLY: Final = "整改落实情况（摘要）"
RECEIPT_REPLY_LINES: Final = 4  # blank lines to write the reply summary on

BULLETIN_TITLE: Final = "{region}环境保护重点任务推进情况月度通报"
BULLETIN_SUBTITLE: Final = "（{year}年第{month}期　截至{date}）"
BULLETIN_OVERALL: Final = "总体进展"
BULLETIN_OVERALL_TEXT: Final = (
    "截至{date}，{year}年{plans}个行动计划共{tasks}项重点任务（按任务计：有单位逾期的计为逾期；"
    "牵头（责任）单位均已完成的计为已完成；其余按进展最慢的单位计），已完成{done}项（完成率{rate}），"
    "序时推进{on_track}项，"
    "滞后{behind}项，逾期{overdue}项。"
)
BULLETIN_FIGURES_CAPTION: Final = "各行动计划任务进展统计（按任务计）"
BULLETIN_FIGURE_COLUMNS: Final = (
    "行动计划",
    "任务数",
    "已完成",
    "序时推进",
    "滞后",
    "逾期",
    "完成率",
)
BULLETIN_TOTAL: Final = "合计"
# The lists by unit count unit–task pairs (项次): one unit's part of one task.
BULLETIN_PAIRS_NOTE: Final = "一个单位承担的一项任务计一项次"
BULLETIN_RED: Final = "逾期事项（按单位）"
BULLETIN_RED_TEXT: Final = (
    "共有{units}个单位存在逾期事项{pairs}项次，涉及任务{tasks}项（{pairs_note}），"
    "请相关单位抓紧整改。"
)
BULLETIN_RED_NONE: Final = "本期无逾期事项。"
BULLETIN_RED_CAPTION: Final = "逾期事项统计（按单位）"
BULLETIN_RED_COLUMNS: Final = ("序号", "单位", "逾期事项（项次）", "逾期事项")
BULLETIN_RED_ITEM: Final = "{task}（{since}节点）"
BULLETIN_UNREPORTED: Final = "未报送进展（按单位）"
BULLETIN_UNREPORTED_TEXT: Final = (
    "共有{units}个单位对承担的任务从未报送进展，计{pairs}项次，涉及任务{tasks}项"
    "（{pairs_note}），请相关单位按月报送。"
)
BULLETIN_UNREPORTED_NONE: Final = "本期各单位均已报送进展。"
BULLETIN_UNREPORTED_CAPTION: Final = "未报送进展统计（按单位）"
BULLETIN_UNREPORTED_COLUMNS: Final = ("序号", "单位", "未报送事项（项次）", "未报送事项")
BULLETIN_UNREPORTED_ITEM: Final = "{task}（缺报{owed}期）"
BULLETIN_PLACEHOLDER_TEXT: Final = (
    "{groups}成员单位未确定，其在{tasks}项任务中承担的工作暂未落实到具体单位，未列入上述统计；"
    "待办公室确定成员单位后列入统计。"
)
BULLETIN_PLACEHOLDER_GROUP: Final = "「{group}」"
BULLETIN_NOTICES: Final = "督办情况"
BULLETIN_NOTICES_TEXT: Final = (
    "本期（{start}至{end}）下发督办单{issued}份；收到答复{replies}份，"
    "其中{answered_name}{answered}份、{late_name}{late}份。"
)
BULLETIN_OUTSTANDING_TEXT: Final = "截至{end}，{overdue_name}的督办单共{overdue}份：{numbers}。"
BULLETIN_NOTICES_CAPTION: Final = "本期督办单、答复及此前逾期未答复的督办单"
BULLETIN_NOTICE_COLUMNS: Final = (
    "督办单编号",
    "单位",
    "级别",
    "下发日期",
    "答复期限",
    COLUMN_REPLY,
)
BULLETIN_CHANGES: Final = "与上期相比"
BULLETIN_CHANGES_TEXT: Final = "与上期（截至{previous}）相比，{count}项任务状态发生变化：{parts}。"
BULLETIN_CHANGES_NONE: Final = "与上期（截至{previous}）相比，各项任务状态没有变化。"
BULLETIN_CHANGE_PART: Final = "转为{name}{count}项"
BULLETIN_CHANGES_CAPTION: Final = "状态变化的任务"
BULLETIN_CHANGE_COLUMNS: Final = ("序号", "行动计划", "任务", "上期状态", COLUMN_STATUS_NOW)

MANIFEST_HEADER: Final = (
    "# 督办（duban）导出签名清单：{file}\n"
    "# 用 duban verify 校验；改动本清单或所签文件的任何一个字节都会使校验失败。\n"
)
KEYRING_UNAVAILABLE: Final = (
    "没有可用于保存办公室签名密钥的地方（{detail}）。"
    "请先配置密钥环：Windows 使用“凭据管理器”、macOS 使用“钥匙串”（均为系统自带）；"
    "Linux 请安装并解锁 gnome-keyring 或 KWallet（Secret Service），"
    "或用环境变量 PYTHON_KEYRING_BACKEND、keyringrc.cfg 指定 keyring 后端；"
    '没有密钥环的电脑可在设置文件中写 [signing] key_file = "密钥文件路径"。'
    "如确需导出不签名的文件，请加 --unsigned。未写出任何文件。"
)
# The same refusal in the export dialog: in the user's words, pointing at its checkbox.
KEYRING_UNAVAILABLE_DIALOG: Final = (
    "本机没有可用的系统密钥环，无法签名。如确需导出不签名的文件，请勾选“不签名”；"
    "要签名，请先配置密钥环（Windows“凭据管理器”、macOS“钥匙串”，Linux 为 gnome-keyring 或"
    " KWallet），或在设置文件中指定 [signing] key_file。未写出任何文件。"
)
VERIFY_NO_MANIFEST: Final = "找不到签名清单：{path}（该文件未签名，或清单未与文件放在一起）"
VERIFY_UNREADABLE: Final = "无法读取 {path}（{detail}）"
VERIFY_BAD_MANIFEST: Final = "签名清单格式错误：{path}"
VERIFY_MANIFEST_ALTERED: Final = "签名清单已被改动：{path}"
VERIFY_SCHEME: Final = "不认识的签名方案「{scheme}」"
VERIFY_FILE_ALTERED: Final = "文件内容与签名清单不符（SHA-256 不同），文件已被改动：{path}"
VERIFY_FAILED: Final = "校验失败：{reason}"

STEP_READ: Final = "读取数据"
STEP_RENDER: Final = "生成报表"
STEP_WRITE: Final = "写出文件并签名"
STEP_DONE: Final = "完成"
EXPORT_KIND_UNKNOWN: Final = "未知的报表类型「{kind}」。"
EXPORT_FORMAT_UNKNOWN: Final = "未知的导出格式「{fmt}」，应为 {formats} 之一。"
EXPORT_NEEDS_UNIT: Final = "导出督办通知单须指定单位（--unit）或已下发的督办单编号（--notice）。"
EXPORT_PLAN_ONLY_PROGRESS: Final = "--plan 只适用于重点任务进展情况表（progress）。"
EXPORT_NOTICE_ONLY_NOTICE: Final = "--notice 只适用于督办通知单（notice）。"
SIGNED: Final = "已签名：{path}"
UNSIGNED: Final = "按 --unsigned 导出，文件未签名。"
# 年终考核评分表 --detail: every line of every card, one long csv beside the summary.
EXPORT_DETAIL_ONLY_SCORECARDS_CSV: Final = (
    "--detail 只用于年终考核评分表的 csv 格式（scorecards --format csv）；"
    "xlsx、docx、md 已含各单位的评分明细。"
)
DETAIL_FILE_SUFFIX: Final = "_明细"

# --- The 考核细则 as a document (exports.rubric_builder) ---
# Documents the export writes besides the reports (not offered by the dashboard's dialog).
DOCUMENT_NAMES: Final = {"rubric": "考核细则"}


def kind_name(kind: str) -> str:
    """A report kind as the office calls it; a kind this version does not know (a manifest
    from a later duban) is said as unknown rather than shown as its code."""
    return {**REPORT_NAMES, **DOCUMENT_NAMES}.get(kind, UNKNOWN_KIND)


UNKNOWN_KIND: Final = "（未知报表类型）"
RUBRIC_SUBTITLE: Final = "（{year}年度）"
EXPORT_FORMAT_NOT_FOR_KIND: Final = "{kind} 不能导出为 {fmt}（可用：{formats}）。"

# --- The year-end cycle in the 评分表: 自评 → 复核 → 审定 (exports.builders) ---
REVIEW_COLUMN_SELF: Final = "自评得分"
REVIEW_COLUMN_REVIEWED: Final = "复核得分"
REVIEW_COLUMN_STATE: Final = "考核状态"
REVIEW_UNIT_COLUMN: Final = "单位"  # the summaries' unit column (SCORECARDS_COLUMNS, …_CSV_…)
REVIEW_STATE_TEXT: Final = (
    "考核流程：{state}。“得分”为按考核细则计算的系统得分；"
    "自评得分为单位自评各项得分与人工调整之和（自评未完成的不计），"
    "复核得分为办公室复核后的各项得分与人工调整之和（未复核的项目按系统计分），"
    "排名和等次均按复核得分评定。"
)
REVIEW_STATE_NONE: Final = (
    "考核流程：{state}。表中“得分”为按考核细则计算的系统得分；各单位自评、办公室复核后，"
    "本表增列自评得分和复核得分，排名和等次按复核得分评定。"
)
REVIEW_ITEMS_COLUMNS: Final = (
    "考核项目",
    "分值",
    "系统计分",
    "自评得分",
    "自评说明",
    "复核得分",
    "复核说明",
)
REVIEW_ITEMS_CAPTION: Final = "{unit}自评与复核"
REVIEW_ITEMS_SHEET: Final = "{unit}_复核"
# The end of a cell's text too long for Excel's tallest row (exports.xlsx_format).
SHEET_CUT: Final = "……（余略，全文见同一报表的 docx 或 csv 文件）"
REVIEW_ITEMS_NONE: Final = "未自评、未复核：各考核项目按系统计分（见汇总表）。"
REVIEW_ADJUSTMENTS: Final = "人工调整"
REVIEW_LIMIT: Final = "保底封顶"
REVIEW_TOTAL: Final = "合计"
REVIEW_REVIEWED_BY: Final = "{reason}（{by}，{on}）"

# --- Completions and the year's end in the notice sheet and the bulletin ---
NOTICE_YEAR_END_DETAIL: Final = "完成时限{due}已到，年底仍未完成"
NOTICE_DUE_TODAY_DETAIL: Final = "{since}节点已到，年底仍未完成"
NOTICE_FINISHED_DETAIL: Final = "已完成，{completion}（按督办单列入）"
BULLETIN_YEAR_END_ITEM: Final = "{task}（年底未完成）"
BULLETIN_COMPLETIONS_TEXT: Final = (
    "按项次计（{pairs_note}），各单位承担{pairs}项次，已完成{done}项次，"
    "其中已销号{closed}项次、待销号{awaiting}项次。"
)
BULLETIN_AWAITING: Final = "待销号事项（按单位）"
BULLETIN_AWAITING_TEXT: Final = (
    "共有{units}个单位的{pairs}项次已完成、待办公室核验销号，涉及任务{tasks}项（{pairs_note}）。"
)
BULLETIN_AWAITING_NONE: Final = "本期没有待销号事项。"
BULLETIN_AWAITING_CAPTION: Final = "待销号事项统计（按单位）"
BULLETIN_AWAITING_COLUMNS: Final = ("序号", "单位", "待销号事项（项次）", "待销号事项")

# --- signatures and keys (#13) ---
SIGN_KEY_PROBLEM: Final = (
    "无法使用办公室签名密钥：{detail} 如确需导出不签名的文件，请加 --unsigned。未写出任何文件。"
)
SIGN_KEY_PROBLEM_DIALOG: Final = (
    "无法使用办公室签名密钥：{detail} 如确需导出不签名的文件，请勾选“不签名”。未写出任何文件。"
)
SIGN_KEY_MISSING: Final = (
    "本数据库由办公室签名密钥（指纹 {fingerprint}）签名，但本机没有这把密钥，不会另生成新密钥。"
    "请用 duban key restore 备份文件 恢复密钥；"
    "如确需导出不签名的文件，请加 --unsigned。未写出任何文件。"
)
SIGN_KEY_MISSING_DIALOG: Final = (
    "本机没有本数据库所用的办公室签名密钥（指纹 {fingerprint}）。请在命令行用"
    " duban key restore 备份文件 恢复；或勾选“不签名”。未写出任何文件。"
)
SIGN_KEY_OTHER: Final = (
    "本机的签名密钥（指纹 {machine}）不是本数据库记录的密钥（指纹 {recorded}）。"
    "请用 duban key restore 备份文件 恢复数据库所用的密钥；"
    "如确需导出不签名的文件，请加 --unsigned。未写出任何文件。"
)
SIGN_KEY_OTHER_DIALOG: Final = (
    "本机的签名密钥不是本数据库记录的密钥。请在命令行用 duban key restore 恢复；"
    "或勾选“不签名”。未写出任何文件。"
)
VERIFY_FILE_MISSING: Final = "找不到要校验的文件：{path}"
VERIFY_NAME_CHANGED: Final = (
    "文件名与签名不符：签名的是「{signed}」，现在叫「{name}」（文件或清单被改名）。"
)
VERIFY_INTERRUPTED: Final = (
    "导出被中断：{path} 是完整的新文件，但签名清单没有替换完成（新清单留在 {staged}）。"
    "文件并未被改动；请重新导出一次。"
)
VERIFY_OTHER_KEY: Final = (
    "该文件由另一把密钥（指纹 {signed}）签名，不是用于核对的办公室公钥（指纹 {trusted}）。"
)
VERIFY_BAD_SIGNATURE: Final = "签名不符：清单内容或签名被改动。"
VERIFY_LEGACY_NO_KEY: Final = (
    "这是旧版签名（HMAC），只能用保存该密钥的电脑校验，本机没有这把旧密钥"
    "（可用 duban key restore 从含旧密钥的备份恢复）。"
)
VERIFY_LEGACY_OTHER_KEY: Final = "这是旧版签名（HMAC），由另一把旧密钥（编号 {key_id}）签名。"
VERIFY_BAD_HMAC: Final = "旧版签名（HMAC）不符：清单或文件被改动。"
VERIFY_NO_TRUSTED_KEY: Final = (
    "无法确认签名者：本机没有办公室签名密钥，也没有指定公钥。"
    "清单中的公钥指纹为 {fingerprint}；请用 --public-key 指定办公室公布的公钥文件再校验。"
)
VERIFY_OK_FILE: Final = "校验通过：{path}\n  报表：{kind}　截至：{as_of}\n  SHA-256：{sha256}"
VERIFY_OK_SIGNER: Final = "  签名：办公室签名密钥（指纹 {fingerprint}），{source}"
VERIFY_SOURCE_OPTION: Final = "公钥取自 --public-key 指定的文件"
VERIFY_SOURCE_MACHINE: Final = "公钥取自本机的办公室签名密钥"
VERIFY_SOURCE_DATABASE: Final = (
    "公钥取自数据库自身记录，未经独立确认（能改写数据库的人也能改写它；请与办公室公布的指纹比对）"
)
VERIFY_OK_LEGACY: Final = "  签名：旧版签名（HMAC，编号 {key_id}），用本机保存的旧密钥校验"
VERIFY_OK_CHAIN: Final = "  审计链：第 {head_id} 条事件仍在数据库 {db} 的链中且未被改写"
VERIFY_NO_CHAIN: Final = "  审计链：未核对（没有数据库；可用 --db 指定）"
VERIFY_OTHER_DATABASE: Final = (
    "该文件来自另一个数据库（标识 {signed}），不是 {db}（标识 {found}）。"
)
# --- never a traceback (#13) ---
OUTPUT_NOT_A_FILE: Final = (
    "{path} 不是普通文件（是文件夹、设备或管道），不能作为输出文件，--force 也不会覆盖它；"
    "请给出一个文件名。"
)
OUTPUT_NAME_TOO_LONG: Final = (
    "输出文件名过长（最多 {most} 字节，约 {chars} 个汉字{room}）：「{name}…」；"
    "请换一个短些的文件名。"
)
# --- issuing returns (报送表, #14) ---
RETURN_TITLE: Final = "{period}重点任务进展报送表"
RETURN_DEMO_TITLE: Final = "【演示数据】{period}重点任务进展报送表"
RETURN_UNIT_LINE: Final = "报送单位：{unit}\u3000\u3000报送期：{period}\u3000\u3000共{tasks}项任务"
RETURN_DUE_LINE: Final = "报送截止：{due}（逾期按迟报计）\u3000\u3000下发日期：{issued}"
RETURN_LIAISON_LINE: Final = "本单位联系人：{name}\u3000\u3000电话：{phone}"
RETURN_LIAISON_NO_PHONE: Final = "本单位联系人：{name}"
RETURN_NO_LIAISON: Final = "本单位联系人：未登记（请报送时告知办公室本单位联系人及电话）"
RETURN_HOW: Final = (
    "填写说明：只需填写浅黄色单元格，其他单元格已锁定，请勿改动、增删行或调换顺序。"
    "完成百分比填0至100的整数；状态从下拉列表中选择；佐证材料填写随本表一并发送的文件名。"
)
RETURN_MILESTONE: Final = "{date}前"
RETURN_NO_MILESTONE: Final = "无"
RETURN_LAST: Final = "{status} {percent}%\n{date}"  # the date on a line of its own
RETURN_NEVER: Final = "尚未报送"
RETURN_FILE_NAME: Final = "报送表_{period}_{unit}.xlsx"
RETURN_FOLDER: Final = "报送表 {period}"
RETURN_PAGE_HEADER: Final = "{unit}\u3000{period}报送表"
# Notes on the headers of the input columns (shown when the pointer rests on them).
RETURN_NOTES: Final = {
    "note": "本月工作进展：做了什么、完成了哪些节点，尽量写明数量和日期。",
    "percent": "截至本月底的累计完成百分比，填0至100的整数，不带%号。",
    "status": "从下拉列表中选择：未开始、推进中、已完成或受阻。选「已完成」时完成百分比应为100。",
    "problems": "推进中遇到的困难和需要协调的事项；没有可留空。",
    "next_steps": "下个月的工作安排。",
    "evidence": (
        "填写随本表一并发送的佐证材料文件名（如：验收报告.pdf、现场照片1.jpg），"
        "多个文件用顿号分隔；文件请与本表一起发送，不要把图片粘贴到表格里。没有可留空。"
    ),
}
# Data validation: the prompt when a cell is selected and the refusal of a wrong value
# (Excel allows a title of 32 characters and a message of 255).
RETURN_PERCENT_PROMPT: Final = "填写0至100的整数"
RETURN_PERCENT_ERROR: Final = "完成百分比应为0至100之间的整数（不带%号）。"
RETURN_STATUS_PROMPT: Final = "请从下拉列表中选择"
RETURN_STATUS_ERROR: Final = "状态只能是：{choices}。"
RETURN_TEXT_PROMPT: Final = "最多{limit}字"
RETURN_TEXT_ERROR: Final = "内容过长：最多{limit}字，请精简或另附材料。"
RETURN_ERROR_TITLE: Final = "输入有误"
RETURN_NOT_A_FOLDER: Final = "{path} 不是文件夹：-o 应给出报送表所在的文件夹。"
RETURN_NOTHING_OWED: Final = (
    "{period}没有需要报送的单位（该期不在年度计划的报送期内），未生成报送表。"
)
RETURN_UNIT_OWES_NONE: Final = (
    "{unit}在{period}没有需要报送的任务，未生成报送表"
    "（报送表只发给承担任务的{roles}；该期之前已完成的任务无需报送）。"
)
RETURN_SAME_FILE: Final = "两个单位的报送表文件名相同：{name}；请用 --unit 分别生成。"
# --- review fixes: signatures, keys, backups (#13) ---
VERIFY_OK_FILE_ONLY: Final = (
    "文件与签名核对通过：{path}\n  报表：{kind}　截至：{as_of}\n  SHA-256：{sha256}"
)
VERIFY_CHAIN_NOT_THIS_DB: Final = "  审计链：未核对（本机数据库不是导出该文件的数据库）"
VERIFY_CHAIN_DEFAULT_UNREADABLE: Final = "  审计链：未核对（本机数据库无法读取；可用 --db 指定）"
# --- review fixes: dashboard forms (#13) ---
OUTPUT_NAME_ROOM: Final = "；旁边的{what} 还需 {extra} 字节"
COMPANION_MANIFEST: Final = "签名清单 .sig.toml"
COMPANION_STAGED: Final = "签名清单的临时文件 .sig.toml.new"
COMPANION_DETAIL: Final = "明细文件 _明细"
OUTPUT_NOT_A_FILE_DIALOG: Final = (
    "{path} 不是普通文件（是文件夹、设备或管道），不能作为输出文件，勾选“覆盖已有文件”也不会"
    "覆盖它；请给出一个文件名。"
)
OUTPUT_EXISTS_DIALOG: Final = "输出文件已存在：{path}（如需覆盖，请勾选“覆盖已有文件”）"
COMPANION_DETAIL_MANIFEST: Final = "明细文件的签名清单 .sig.toml"
# --- liaisons on notices (#14) ---
NOTICE_ADDRESSEE_LIAISON: Final = "{unit}（联络人：{name}　联系电话：{phone}）"
