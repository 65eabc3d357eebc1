"""Every user-facing sentence of the command line and the dashboard, in one place."""

from __future__ import annotations

from typing import Final

PROG_DESCRIPTION: Final = "督办 duban：蒲县 2023 年环境行动计划督办台账（终端仪表盘）"
USAGE_PREFIX: Final = "用法："
POSITIONALS: Final = "位置参数"
OPTIONS: Final = "选项"
HELP: Final = "显示本帮助并退出"
DB_HELP: Final = "数据库文件（默认在用户数据目录；也可用环境变量 DUBAN_DB 指定）"
AS_OF_HELP: Final = "截至日期 YYYY-MM-DD（默认今天）"
COMMANDS: Final = "子命令"
EXPORT_HELP: Final = "导出数据"
EXPORT_KIND_HELP: Final = (
    "导出内容：plans（计划数据）、scorecards（年终考核评分表）、"
    "progress（重点任务进展情况表）、notice（督办通知单）、bulletin（月度通报）、"
    "rubric（考核细则，docx 或 md）"
)
EXPORT_PLAN_HELP: Final = "只导出一个行动计划（如 air 或 空气；仅 progress）"
EXPORT_UNIT_HELP: Final = "督办通知单的单位（notice 必填）"
EXPORT_NOTICE_HELP: Final = "按已下发的督办单出具（如 督办〔2023〕5号；默认按逾期事项起草）"
UNSIGNED_HELP: Final = "不签名导出（本机没有可用的密钥环时才需要）"
DETAIL_HELP: Final = "另写一份评分明细 csv（每个单位的每一项得分及依据；仅 scorecards 的 csv）"
VERIFY_HELP: Final = "校验导出文件的签名（FILE.sig.toml）与审计链"
VERIFY_FILE_HELP: Final = "要校验的导出文件"
FORMAT_HELP: Final = "输出格式"
FORMAT_NOT_FOR_KIND: Final = "格式 {fmt} 不适用于 {kind}（可用：{formats}）"
OUTPUT_HELP: Final = "输出文件（计划数据默认写到标准输出；报表默认写入导出目录，文件名带日期）"
FORCE_HELP: Final = "覆盖已存在的输出文件"
DOCUMENT_HELP: Final = "文件文号（默认最新发布的文件）"
SEED_HELP: Final = "把计划文件（TOML/JSON，同导出格式）导入已有数据库"
SEED_FROM_HELP: Final = "要导入的计划文件"
STATUS_HELP: Final = "查看一个单位在所有计划中的任务（会前速查）"
STATUS_UNIT_HELP: Final = "单位名称、别名或拼音首字母（如 zjj）"
STATUS_FORMAT_HELP: Final = "输出格式：table（表格）或 json"
DEMO_HELP: Final = "打开演示数据库（单独的文件，含截至 2023-11-15 的合成进展）"
STATUS_HEADER: Final = "{unit}（{kind}）· 截至 {as_of}"
STATUS_MEMBERS: Final = "成员：{members}"
STATUS_COUNTS: Final = "红灯 {red} · 黄灯 {yellow} · 绿灯 {green} · 灰灯 {grey}"
STATUS_COLUMNS: Final = ("计划", "序号", "任务", "角色", "状态", "灯", "下一节点", "最近报送")
STATUS_NO_TASKS: Final = "（该单位没有承担任务）"
STATUS_NOTICES: Final = "督办单（{count}）"
STATUS_NOTICE_LINE: Final = "{number}  {level}  下发 {issued_on}  答复期限 {reply_due}  {state}"
VIA_GROUP: Final = "（经{group}）"
LIGHT_GLYPHS: Final = {"red": "红", "yellow": "黄", "green": "绿", "grey": "灰"}
RUBRIC_HELP: Final = "查看或检查考核细则"
RUBRIC_ACTION_HELP: Final = (
    "show：显示当前考核细则；check：检查考核细则文件；explain：写出可下发的考核细则全文"
)
RUBRIC_FILE_HELP: Final = "要检查或说明的文件（默认：配置目录中的 rubric.toml）"
RUBRIC_OK: Final = "考核细则有效：{path}（{name}；等次 {bands}；参与排名：{ranked}）"
RUBRIC_RANKED_NONE: Final = "无"
RUBRIC_SHOWN: Final = "# 当前考核细则：{path}"
AUDIT_HELP: Final = "审计：verify 校验审计链与数据；log 列出审计事件"
AUDIT_ACTION_HELP: Final = "verify 或 log"
AUDIT_UNIT_HELP: Final = "只看某单位的事件"
AUDIT_TASK_HELP: Final = "只看某任务的事件（如 air:3、地下水 9）"
AUDIT_SINCE_HELP: Final = "只看该日期（含）以后的事件"
AUDIT_LIMIT_HELP: Final = "最多列出多少条（默认 200）"
AUDIT_LOG_COLUMNS: Final = ("编号", "时间", "操作人", "操作", "内容", "原因")
AUDIT_EMPTY: Final = "（没有符合条件的审计事件）"
YEAR_HELP: Final = "考核年度（默认：截至日期所在年度）"
IMPORT_HELP: Final = "把行动计划文件（文本、GB18030 文本或 .docx）解析为计划数据并导入"
IMPORT_FILE_HELP: Final = "行动计划文件"
IMPORT_YEAR_HELP: Final = "计划年度（默认从标题读取）"
IMPORT_KEY_HELP: Final = "计划类别 air|water|soil|groundwater（标题无法判断时）"
IMPORT_DRY_HELP: Final = "只显示解析结果，不写入数据库"
IMPORT_MAP_HELP: Final = "把不认识的单位名对应到已知单位：旧名=已知单位（可重复）"
IMPORT_NEW_HELP: Final = "把不认识的单位名作为新单位建立（可重复）"
IMPORT_NUMBER_HELP: Final = "文号（文中找不到时）"
IMPORT_ISSUED_HELP: Final = "成文日期 YYYY-MM-DD（文中找不到时）"
GROUP_HELP: Final = "查看或编辑单位组的成员（如 大气办有关成员单位）"
GROUP_NAME_HELP: Final = "单位组名称"
GROUP_ADD_HELP: Final = "添加成员（可重复）"
GROUP_REMOVE_HELP: Final = "移除成员（可重复）"
REASON_HELP: Final = "变更原因（写入审计记录）"
GROUP_MEMBERS: Final = "{group}（{on}，{count} 个成员）：{members}"
NONE: Final = "无"

ERROR_PREFIX: Final = "错误："
NOTE_PREFIX: Final = "提示："
DB_BACKED_UP: Final = "迁移前已备份数据库：{path}"
BAD_DATE: Final = "日期「{value}」无效，应为存在的日期，格式 YYYY-MM-DD"
INTERRUPTED: Final = "已中断；本次操作未写入任何内容。"

# argparse's own messages, translated by pattern (argparse has no Chinese catalogue).
ARGPARSE_PATTERNS: Final = (
    (
        r"^argument (.+?): invalid choice: '?(.+?)'? \(choose from (.+)\)$",
        "参数 {0} 的值「{1}」无效，可选：{2}",
    ),
    (r"^argument (.+?): expected one argument$", "参数 {0} 需要一个值"),
    (r"^argument (.+?): (.+)$", "参数 {0}：{1}"),
    (r"^the following arguments are required: (.+)$", "缺少必需的参数：{0}"),
    (r"^unrecognized arguments: (.+)$", "无法识别的参数：{0}"),
)

APP_TITLE: Final = "督办"
# The as-of date first: on a narrow terminal the end of the line is cut (…), never the date.
APP_SUBTITLE: Final = "截至 {as_of} · {year} · {document}"
DEMO_BADGE: Final = "【演示数据】"

# What a background task was doing when it failed (the notification names it)
WORK_FAILED: Final = "{what}时出错，详情已写入日志：{path}"
WORK_FAILED_UNLOGGED: Final = "{what}时出错（日志无法写入：{path}）"
WORK_READ: Final = "读取“{name}”"
WORK_SAVE: Final = "保存“{name}”"
WORK_EXPORT: Final = "导出“{name}”"
WORK_IMPORT: Final = "导入“{name}”"
WORK_RELOAD_PLANS: Final = "重新读取行动计划"
WORK_WARM_UP: Final = "后台预加载（拼音检索、数据库）"
WORK_BACKGROUND: Final = "后台任务"
HELP_LOG: Final = "出错时的详细信息写入日志文件：{path}"

# Bindings (footer and help)
QUIT: Final = "退出"
HELP_KEY: Final = "帮助"
AS_OF_KEY: Final = "截至日期"
PALETTE_KEY: Final = "命令"
BACK: Final = "返回"
OPEN: Final = "打开"
REPORT_KEY: Final = "报送"
MILESTONE_KEY: Final = "节点完成"
CLOSE_KEY: Final = "销号"
REOPEN_KEY: Final = "重新打开"
NOTICE_KEY: Final = "督办"
REPLY_KEY: Final = "答复"
FILTER_LIGHT_KEY: Final = "按灯筛选"
SORT_KEY: Final = "排序"
FILTER_KEY: Final = "筛选"
SAVE: Final = "保存"
CANCEL: Final = "取消"

# Tabs
TAB_OVERVIEW: Final = "总览"
TAB_UNITS: Final = "单位"
TAB_TIMELINE: Final = "时间轴"
TAB_NOTICES: Final = "督办"
TAB_ROSTER: Final = "领导小组"
TAB_SCORES: Final = "考核"

# Lights, shown with a dot so colour is not the only cue
LIGHT_LABELS: Final = {"red": "● 红", "yellow": "● 黄", "green": "● 绿", "grey": "○ 灰"}
LIGHT_FILTER_ALL: Final = "全部"
SORT_NAMES: Final = {"number": "序号", "due": "截止日期", "light": "灯"}

# Overview
OV_PLANS: Final = "各计划任务（按灯）"
OV_OVERDUE: Final = "逾期事项（{count}）"
OV_DUE_SOON: Final = "{days} 天内到期的时间节点（{count}）"
OV_RED_UNITS: Final = "红灯最多的单位"
OV_NONE: Final = "（无）"
COL_PLAN: Final = "计划"
COL_UNIT: Final = "单位"
COL_ROLE: Final = "角色"
COL_STATUS: Final = "状态"
COL_LIGHT: Final = "灯"
COL_DUE: Final = "截止日期"
COL_NEXT_DUE: Final = "下一节点"
COL_LAST_REPORT: Final = "最近报送"
COL_OVERDUE_SINCE: Final = "逾期自"
COL_PENDING: Final = "未完成单位"
COL_COUNT: Final = "红灯数"
COL_TOTAL: Final = "任务数"
COL_PERCENT: Final = "进度"

# Plan tab
COL_NUMBER: Final = "序号"
COL_TITLE: Final = "任务"
COL_LEAD: Final = "牵头/责任单位"
COL_SUPPORT: Final = "配合单位"
COL_DEADLINES: Final = "时间节点"
NO_DEADLINE: Final = "—"
FILTER_PLACEHOLDER: Final = "筛选：任务、单位或拼音首字母（如 zjj）"
FILTER_STATUS: Final = "显示 {shown}/{total} 项 · 灯：{light} · 排序：{sort}"

# Units tab
UNIT_SEARCH_PLACEHOLDER: Final = "查找单位：名称、别名或拼音首字母（如 zjj）"
UNIT_PICK: Final = "在左侧选择一个单位"
UNIT_HEADER: Final = "{unit}（{kind}）"
UNIT_COUNTS: Final = "红 {red} · 黄 {yellow} · 绿 {green} · 灰 {grey} · 共 {total} 项"
UNIT_MEMBERS: Final = "成员：{members}"
UNIT_NOTICES: Final = "督办单：{notices}"
UNIT_NOTICE_ITEM: Final = "{number}（{level}）"

# Timeline
TL_AS_OF_ROW: Final = "━━ 截至 {as_of} ━━"
TL_CHART_TITLE: Final = "每月时间节点：到期与逾期"
TL_DUE: Final = "到期"
TL_OVERDUE: Final = "逾期"
TL_STATES: Final = {"done": "已完成", "overdue": "逾期", "soon": "临近", "future": "未到期"}
COL_MONTH: Final = "月份"
COL_MILESTONE: Final = "节点内容"

# Notices tab
COL_NOTICE_NUMBER: Final = "编号"
COL_LEVEL: Final = "级别"
COL_ISSUED: Final = "下发日期"
COL_REPLY_DUE: Final = "答复期限"
COL_REPLY: Final = "答复"
COL_TASKS: Final = "涉及任务"

# Scores
SCORE_TITLE: Final = "{year} 年度考核{provisional} · 截至 {as_of} · {rubric}"
SCORE_PROVISIONAL: Final = "（预评）"  # before the plan year's end
SCORE_CHART_TITLE: Final = "各单位得分"
SCORE_PICK: Final = "选择一个单位查看得分明细（回车）"
SCORE_DETAIL: Final = "{unit}：{score:.2f} 分 · {rating} · {rank}{veto}"
SCORE_RANK: Final = "第 {rank} 名"
SCORE_UNRANKED_WORDS: Final = "{label}（{reason}）"
SCORE_RANK_TIED: Final = "并列第 {rank} 名"
SCORE_RANK_TIED_CELL: Final = "并列{rank}"  # the ranking's narrow rank column
SCORE_UNRANKED_CELL: Final = "—"  # the ranking's rank column for a unit not ranked
SCORE_VETOED: Final = " · 一票否决"
COL_RANK: Final = "名次"
COL_SCORE: Final = "得分"
COL_RATING: Final = "等次"
COL_ROLES_N: Final = "主责/配合"
COL_ON_TIME: Final = "按时"
COL_RED: Final = "未按期"  # tasks not done although their deadline has come (the veto)
COL_CATEGORY: Final = "排名类别"
COL_MISSED: Final = "缺报"
COL_NOTICE_N: Final = "督办"
COL_ADJUST: Final = "调整"
COL_KIND: Final = "类别"
COL_TASK: Final = "任务"
COL_POINTS: Final = "分值"
COL_BASIS: Final = "依据"
ADJUST_KEY: Final = "人工调整"
FORM_ADJUST: Final = "考核调整 · {unit} · {year} 年度"
FIELD_POINTS: Final = "分值（±）"
FIELD_APPROVER: Final = "批准人"
HINT_POINTS: Final = "如 2 或 -1.5"
ERR_POINTS: Final = "{field}应为 -100 到 100 之间、不为 0 的数。"
SAVED_ADJUST: Final = "{unit} 的考核调整已登记"

# Roster
ROSTER_OFFICE: Final = "办公室设在：{unit} · 办公室主任：{director}"
COL_NAME: Final = "姓名"
COL_POSITION: Final = "职务"
COL_MEMBER_ROLE: Final = "职责"

# Task screen
TASK_HEADER: Final = "{plan} 第 {number} 项 · {section}"
TASK_MILESTONES: Final = "时间节点"
TASK_HOLDERS: Final = "责任单位"
TASK_REPORTS: Final = "报送记录"
TASK_CLOSURES: Final = "销号记录"
TASK_NOTICES: Final = "督办单"
TASK_HISTORY: Final = "审计记录"
COL_DATE: Final = "日期"
COL_NOTE: Final = "说明"
COL_PROBLEMS: Final = "存在问题"
COL_NEXT_STEPS: Final = "下步打算"
COL_EVIDENCE: Final = "佐证"
COL_ACTION: Final = "操作"
COL_REASON: Final = "原因"
COL_VERIFIER: Final = "核验人"
COL_TIME: Final = "时间"
COL_ACTOR: Final = "操作人"
COL_DETAIL: Final = "内容"
CLOSURE_ACTIONS: Final = {"close": "销号", "reopen": "重新打开"}

# Forms
FORM_REPORT: Final = "登记进展报送 · {task}"
FORM_MILESTONE: Final = "登记节点完成 · {task}"
FORM_CLOSE: Final = "销号 · {task}"
FORM_REOPEN: Final = "重新打开 · {task}"
FORM_NOTICE: Final = "下发督办单"
FORM_REPLY: Final = "登记答复 · {number}"
FORM_AS_OF: Final = "修改截至日期"
FIELD_UNIT: Final = "单位"
FIELD_DATE: Final = "日期"
FIELD_STATUS: Final = "状态"
FIELD_PERCENT: Final = "进度（%）"
FIELD_NOTE: Final = "说明"
FIELD_PROBLEMS: Final = "存在问题"
FIELD_NEXT_STEPS: Final = "下步打算"
FIELD_EVIDENCE: Final = "佐证材料"
FIELD_MILESTONE: Final = "时间节点"
FIELD_REASON: Final = "原因"
FIELD_VERIFIER: Final = "核验人"
FIELD_LEVEL: Final = "级别"
FIELD_ISSUED: Final = "下发日期"
FIELD_REPLY_DUE: Final = "答复期限"
FIELD_TASKS: Final = "涉及任务"
FIELD_BODY: Final = "督办内容"
FIELD_REPLY: Final = "答复内容"
PICK_ONE: Final = "请选择"
HINT_DATE: Final = "YYYY-MM-DD"
HINT_PERCENT: Final = "0–100 的整数"
HINT_TASKS: Final = "如 空气 3、地下水 9（或 kq3 dxs9）"
HINT_EVIDENCE: Final = "文件路径；多个用 ; 分隔"
HINT_OPTIONAL: Final = "选填"
ERR_CHOOSE: Final = "请选择{field}。"
ERR_DATE: Final = "{field}应为存在的日期，格式 YYYY-MM-DD。"
ERR_INT: Final = "{field}应为 0 到 100 之间的整数。"
NOTICE_DEFAULT_BODY: Final = "以下任务已超过时间节点或进度滞后，请于答复期限前报送整改情况。"
SAVED_REPORT: Final = "{unit} 的报送已登记"
SAVED_MILESTONE: Final = "{unit} 的节点完成已登记"
SAVED_CLOSE: Final = "{unit} 部分已销号"
SAVED_REOPEN: Final = "{unit} 部分已重新打开"
SAVED_NOTICE: Final = "督办单 {number} 已下发"
SAVED_REPLY: Final = "督办单 {number} 的答复已登记"
AS_OF_CHANGED: Final = "截至日期改为 {as_of}"

# Import
IMPORT_KEY: Final = "导入计划"
FORM_IMPORT_PATH: Final = "导入行动计划文件"
FIELD_PATH: Final = "文件路径"
HINT_PATH: Final = "文本（UTF-8/GB18030）或 .docx"
IMPORT_TITLE: Final = "导入：{file}"
IMPORT_SOURCE: Final = "原文"
IMPORT_PARSED: Final = "解析结果：{summary}"
IMPORT_UNKNOWN: Final = "不认识的单位（请对应到已知单位，或新建）"
IMPORT_NO_UNKNOWN: Final = "所有单位都已识别。"
IMPORT_UNKNOWN_NAME: Final = "{name}（{where}）"
IMPORT_NEW_UNIT: Final = "【新建单位】"
IMPORT_PICK_ALL: Final = "请为每个不认识的单位选择对应单位或新建。"
IMPORT_LOAD: Final = "导入"
IMPORT_DONE: Final = "已导入 {plans} 个计划、{tasks} 项任务"
PATH_MISSING: Final = "找不到文件：{path}"

# Palette
PALETTE_TASK: Final = "任务"
PALETTE_UNIT: Final = "单位"
PALETTE_SCREEN: Final = "页面"

# Help
HELP_TITLE: Final = "帮助 · 按键"
HELP_TEXT: Final = """[b]全局[/b]
  1          总览
  2 3 4 5    空气、水、土壤、地下水（全部年度时再按一次：下一年度）
  6 7 8 9 0  单位、时间轴、督办、考核、领导小组（导入新计划后不变）
  ctrl+p     命令面板：任务（地下水 9、gw9、dxs9）、单位（名称、zjj）、
             页面（ldxz 即领导小组），以及退出、截至日期、导出等命令
  ctrl+r     刷新（其他程序修改了数据库时，1 秒内自动刷新）
  d          修改截至日期（所有灯与统计随之变化）
  y          切换年度（默认截至日期所在年度；也可显示全部年度）
  i          导入新的行动计划文件（先预览，再对应单位，后导入）
  e          导出报表（评分表、进展表、督办通知单、月度通报），自动签名
  ?          本帮助
  q          退出；在任务页、表单等子页面为返回（同 esc）
  ctrl+q     随时退出（表单中有未保存的内容时先确认）

[b]列表[/b]
  ↑ ↓ 回车   移动并打开所选任务或单位
  /          在计划页聚焦筛选框（文字、单位、拼音首字母）
  l          按灯筛选（全部 → 红 → 黄 → 绿 → 灰）
  s          排序（序号 → 截止日期 → 灯）

[b]任务页[/b]
  r 报送  m 节点完成  c 销号  o 重新打开  n 下发督办单  esc 或 q 返回

[b]督办页[/b]
  n 下发督办单  a 登记答复  [ ] 上一期、下一期报送表  c 催报通知（可复制）

[b]考核页[/b]
  ↑ ↓ 选择单位查看得分明细  a 人工调整（须填原因与批准人）
  s 自评  v 复核（须填原因）  h 按录入日重现（只读，再按 h 返回）

[b]灯[/b]
  红：时间节点已过未完成（年底当日到期的也算）
  黄：临近节点，或本期应报而未报送（含从未报送）
  绿：序时推进、待销号或已销号 · 灰：尚无应报事项"""

EXPORT_KEY: Final = "导出"
EXPORT_TITLE: Final = "导出报表（截至 {as_of}）"
EXPORT_KIND: Final = "报表"
EXPORT_FORMAT: Final = "格式"
EXPORT_FORMAT_NAMES: Final = {
    "xlsx": "Excel（.xlsx）",
    "docx": "Word（.docx，公文格式）",
    "csv": "CSV（.csv，带 BOM）",
    "md": "Markdown（.md）",
}
EXPORT_PLAN: Final = "行动计划"
EXPORT_ALL_PLANS: Final = "全部行动计划"
EXPORT_UNIT: Final = "单位"
EXPORT_UNSIGNED: Final = "不签名（仅当本机没有可用的签名密钥时）"
EXPORT_RUN: Final = "导出"
EXPORT_DONE_SIGNED: Final = "已导出并签名：{path}"
EXPORT_DONE_UNSIGNED: Final = "已导出（未签名）：{path}"

# Keys, the palette, live data and quitting (issue #12)
REFRESH_KEY: Final = "刷新"
REFRESHED: Final = "已重新读取数据"
DATA_CHANGED_ELSEWHERE: Final = "数据已被其他程序修改，已刷新"
WORK_WATCH: Final = "检查数据是否更新"
QUIT_HINT: Final = "在主界面按 q，或在任意界面按 ctrl+q 退出"
QUIT_HINT_TITLE: Final = "要退出吗？"
CONFIRM_QUIT_TITLE: Final = "退出督办？"
CONFIRM_QUIT_TEXT: Final = "“{screen}”中有尚未保存的内容，退出后将丢失。"
CONFIRM_QUIT_YES: Final = "退出"
CONFIRM_QUIT_NO: Final = "继续编辑"
UNSAVED_SCREEN: Final = "当前表单"
PALETTE_PLACEHOLDER: Final = "输入任务（如 空气 3、kq3）、单位（如 zjj）、页面或命令…"
PALETTE_NO_MATCHES: Final = "没有找到匹配项"
PALETTE_CLOSE: Final = "关闭命令面板"
SELECT_DISMISS: Final = "收起列表"
CMD_QUIT_HELP: Final = "退出督办"
CMD_HELP_HELP: Final = "查看每个按键的作用"
CMD_AS_OF_HELP: Final = "修改截至日期，所有灯与统计随之变化"
CMD_IMPORT_HELP: Final = "导入新的行动计划文件"
CMD_EXPORT_HELP: Final = "导出评分表、进展表、督办通知单或月度通报"
CMD_REFRESH_HELP: Final = "重新读取数据库（其他程序的修改会在 1 秒内自动显示）"

# Forms and the export dialog (tui/screens/form_screen.py and the forms built on it).
OK: Final = "确定"
ERR_TASKS: Final = "无法识别任务「{ref}」：请写计划简称加序号，如 空气 3、地下水 9。"
ERR_TASKS_HINT: Final = "{field}应为计划简称加序号，如 空气 3、地下水 9。"
FIELD_EXPORT_PATH: Final = "保存到"
EXPORT_OVERWRITE: Final = "覆盖已有文件"
# The name on a line of its own, so that it is not broken across lines.
EXPORT_EXISTS: Final = "文件已存在（如需覆盖，请勾选“覆盖已有文件”）：\n{name}"

# Fitted tables (tui/widgets/fitted_table.py): the highlighted row in full under a table.
ROW_DETAIL_FIELD: Final = "{title}："
ROW_DETAIL_SEP: Final = "　｜　"
UNIT_PICK_ABOVE: Final = "在上方输入并选择一个单位"

# Starting the dashboard: a terminal, `duban demo --no-open` (tui/cli/dashboard.py, demo.py).
NEEDS_TERMINAL: Final = (
    "仪表盘须在终端中打开：标准输入、标准输出和标准错误都须连接到终端。"
    "脚本中请用 duban status、duban export 等命令；只生成演示数据库请用 duban demo --no-open。"
)
DEMO_NO_OPEN_HELP: Final = "只生成演示数据库（已有则不动）并说明它在哪里，不打开仪表盘"
DEMO_AS_OF_HELP: Final = (
    "截至日期（YYYY-MM-DD）：新建的演示数据库只含该日及以前的记录；默认 2023-11-15，"
    "已有的演示数据库默认按其数据的最后一天打开"
)
DEMO_READY: Final = "演示数据库已生成：{path}（合成数据截至 {until}）"
DEMO_EXISTING: Final = "演示数据库已存在：{path}（合成数据截至 {until}，未重新生成）"

# One notice, the 考核 tab's limits and chart, history after the as-of date, the import
# preview (issue #12: tui/widgets/notice_screen.py, score_pane.py, unit_pane.py, task_screen.py).
NOTICE_TITLE: Final = "督办单 {number}"
NOTICE_MISSING: Final = "截至 {as_of} 没有督办单 {number}"
NOTICE_REPLY_ON: Final = "答复日期"
NOTICE_TASKS_HEADING: Final = "涉及任务 · {unit}截至 {as_of} 的情况（回车打开任务）"
NOTICE_NOT_HELD: Final = "已不承担"
NOTICE_REPLY_KEY: Final = "登记答复"
NOTICE_FOLLOW_UP_KEY: Final = "再次督办/升级"
NOTICE_REPLIED: Final = "督办单 {number} 已于 {on} 答复"
COL_TASK_TITLE: Final = "任务名称"
SCORE_FLOORED: Final = "原始分 {raw:.2f} → 保底 {score:.2f}"
SCORE_CAPPED: Final = "原始分 {raw:.2f} → 封顶 {score:.2f}"
SCORE_LIMITED: Final = "（{moved}）"
SCORE_LIMIT_DETAIL: Final = "{moved}（{rule}）"
HISTORY_LATER: Final = "（晚于截至日期）"
HISTORY_HEADING: Final = "审计记录（全部；灰色为晚于截至日期 {as_of} 的记录，不计入灯与统计）"


# Plan years (the year looked at: y, the palette) ------------------------------------------
YEAR_KEY: Final = "年度"
YEAR_ONE: Final = "{year}年度"
YEAR_ALL: Final = "全部年度"
YEAR_CHANGED: Final = "已切换到{year}"
CMD_YEAR: Final = "查看{year}"
CMD_YEAR_HELP: Final = "计划页、总览、单位、时间轴、督办和考核只看这一年度（快捷键 y 依次切换）"
TL_MONTH: Final = "{month}月"
TL_MONTH_WITH_YEAR: Final = "{year}年{month}月"  # the first month, and where a year starts
YEAR_NEW_PLANS: Final = "新增了{years}年度的计划：按 y 切换年度查看"
TASK_NO_MILESTONES: Final = "该任务没有时间节点"
EXPORT_PICK_UNIT: Final = "请选择单位。"
NOTICE_NOTHING_LATE_CLI_HINT: Final = "如需按已下发的督办单出具，请指定 --notice 编号。"
UNIT_NO_MATCH: Final = "没有找到「{query}」（可输入名称、别名或拼音首字母，如 zjj）"

# --- Dated group membership (duban group --on) ---
GROUP_ON_HELP: Final = "成员变动生效的日期，或要查看哪一天的成员 YYYY-MM-DD（默认：截至日期）"
GROUP_FORMER: Final = "已退出：{spells}"
GROUP_LATER: Final = "{on} 之后加入：{spells}"
GROUP_SPELL_FROM_TO: Final = "{name}（{start} 至 {end}）"
GROUP_SPELL_TO: Final = "{name}（至 {end}）"
GROUP_SPELL_FROM: Final = "{name}（{start} 起）"

# --- As recorded on a day (duban export --as-recorded) ---
AS_RECORDED_HELP: Final = (
    "按某日的录入重现报表 YYYY-MM-DD：只用该日结束前录入的记录（按审计记录的录入时间），"
    "重现当日可能出具的文件；截至日期默认为该日"
)
AS_RECORDED_NOTE: Final = (
    "按 {day} 的录入重现：撤销了其后录入的 {undone} 条记录，依据审计链第 {head} 条；"
    "文件与签名清单与当日出具的相同，不另加标注。"
)
AS_RECORDED_NOTHING: Final = "{day} 结束前尚未录入任何进展、销号、督办或调整记录。"
AS_RECORDED_FUTURE: Final = (
    "--as-recorded {day} 还未到来（今天是 {today}）：只能按已过去的日子或今天的录入重现。"
)
AS_RECORDED_NOT_PLANS: Final = (
    "--as-recorded 只适用于报表（scorecards、progress、notice、bulletin）；计划本身不按录入日回溯。"
)

# --- The year-end cycle: 自评 → 复核 → 审定 (duban review) ---
REVIEW_HELP: Final = "年终考核的自评、复核与审定"
REVIEW_AS_OF_HELP: Final = (
    "截至日期 YYYY-MM-DD，也是自评、复核、审定和重新复核的登记日期（默认今天）"
)
REVIEW_ACTION_HELP: Final = (
    "show：查看考核卡的自评与复核；self：登记单位自评；set：复核一项得分；"
    "approve：审定全年考核结果；reopen：重新复核已审定的结果"
)
REVIEW_UNIT_HELP: Final = "单位名称、别名或拼音首字母（show 可省略：全部单位）"
REVIEW_ITEM_HELP: Final = "考核项目：任务完成、进展报送、督办落实或加分"
REVIEW_POINTS_HELP: Final = (
    "得分：任务完成 0 到满分，进展报送、督办落实为扣分（0 或负数），加分 0 到上限"
)
REVIEW_NOTE_HELP: Final = "自评说明"
REVIEW_REASON_HELP: Final = "复核或重新复核的理由（必填，写入审计记录）"
REVIEW_BY_HELP: Final = "复核人、审定人或重新复核经办人"
REVIEW_BAD_POINTS: Final = "得分应为数字，收到「{value}」"
REVIEW_NEEDS: Final = "review {action} 需要{what}。"
REVIEW_NEEDS_WHAT: Final = {
    "unit": "单位",
    "item": " --item（考核项目）",
    "points": " --points（得分）",
    "reason": " --reason（理由）",
    "by": " --by（经办人）",
}
REVIEW_NOT_FOR: Final = "review {action} 不接受{options}。"
REVIEW_NO_CARD: Final = "「{unit}」在 {year} 年度没有考核卡。"
REVIEW_TITLE: Final = "{year} 年度年终考核{provisional} · 截至 {as_of} · {state}"
REVIEW_PROVISIONAL: Final = "（预评）"
REVIEW_COLUMNS: Final = (
    "名次",
    "单位",
    "类别",
    "系统得分",
    "自评得分",
    "复核得分",
    "等次",
    "状态",
)
REVIEW_UNIT_TITLE: Final = "{unit}（{kind}）· {year} 年度年终考核 · {state}"
REVIEW_ITEM_COLUMNS: Final = (
    "考核项目",
    "分值",
    "系统计分",
    "自评得分",
    "自评说明",
    "复核得分",
    "复核说明",
)
REVIEW_ADJUSTMENTS: Final = "人工调整"
REVIEW_LIMIT: Final = "保底封顶"
REVIEW_TOTAL: Final = "合计"
REVIEW_REVIEWED_BY: Final = "{reason}（{by}，{on}）"
REVIEW_RESULT: Final = "复核得分 {total} · 等次 {rating}{veto} · 名次 {rank}"
REVIEW_VETO: Final = "（一票否决）"
REVIEW_DASH: Final = "—"
REVIEW_SELF_SAVED: Final = "已登记「{unit}」{year} 年度「{item}」自评得分 {points}（{on}）。"
REVIEW_SET_SAVED: Final = (
    "已复核「{unit}」{year} 年度「{item}」：{points} 分（系统计分 {computed}）。"
)
REVIEW_APPROVED_SAVED: Final = (
    "已审定 {year} 年度考核结果（{by}，{on}）：{count} 个单位的考核卡已冻结。"
)
REVIEW_REOPENED_SAVED: Final = (
    "已重新复核 {year} 年度考核结果（{by}，{on}）：可再次自评和复核，之后须重新审定。"
)
# The 考核 tab: a unit's items through the cycle, and where the cycle stands.
COL_REVIEW_ITEM: Final = "考核项目"
COL_REVIEW_RANGE: Final = "分值"
COL_REVIEW_SYSTEM: Final = "系统"
COL_REVIEW_SELF: Final = "自评"
COL_REVIEW_SELF_NOTE: Final = "自评说明"
COL_REVIEW_REVIEWED: Final = "复核"
COL_REVIEW_REASON: Final = "复核说明"
REVIEW_DETAIL_STATE: Final = " · {state}"
REVIEW_DETAIL_RESULT: Final = " · {what} {total:.2f} 分（{rating}，{rank}）"
REVIEW_REVIEWED_WORD: Final = "复核"
REVIEW_APPROVED_WORD: Final = "审定"
REVIEW_TITLE_STATE: Final = " · 考核流程：{state}"
REVIEW_TITLE_CHANGED: Final = " · {changed}"
REVIEW_SELF_KEY: Final = "自评"
REVIEW_SET_KEY: Final = "复核"
REVIEW_FROZEN_NOTE: Final = (
    "{year} 年度考核结果已于 {on} 由 {by} 审定，不能再自评或复核；如需修改，须先重新复核"
    "（duban review reopen）。"
)
FORM_SELF_SCORE: Final = "自评 · {unit} · {year} 年度"
FORM_REVIEW: Final = "复核 · {unit} · {year} 年度"
FIELD_REVIEW_ITEM: Final = "考核项目"
FIELD_REVIEW_POINTS: Final = "得分"
HINT_REVIEW_POINTS: Final = "如 85，扣分项填负数如 -1.5"
FIELD_SELF_NOTE: Final = "自评说明"
FIELD_REVIEW_REASON: Final = "复核理由"
FIELD_REVIEWER: Final = "复核人"
ERR_REVIEW_POINTS: Final = "{field}应为数字"
SAVED_SELF_SCORE: Final = "{unit} 的「{item}」自评已登记"
SAVED_REVIEW: Final = "{unit} 的「{item}」复核已登记"

# --- 考核 tab: the cards as recorded on a day (h) ---
RECORDED_KEY: Final = "按录入日重现"
RECORDED_FORM: Final = "按录入日重现考核"
RECORDED_FIELD: Final = "录入日（只用该日结束前录入的记录）"
RECORDED_TITLE: Final = " · 按 {day} 的录入重现（只读，h 返回）"
RECORDED_OFF: Final = "已返回当前考核结果"
RECORDED_READ_ONLY: Final = "重现的是过去某日的考核结果，不能在此登记；按 h 返回当前结果后再操作"
RECORDED_FUTURE: Final = "录入日不能晚于今天（{today}）"

# --- backup, restore, busy waiting, evidence (#13) ---
BACKUP_HELP: Final = "在线备份数据库（看板打开时也可），并检查备份"
BACKUP_OUTPUT_HELP: Final = "备份文件（默认：数据库旁 backups 目录下带日期时间的文件）"
RESTORE_HELP: Final = "用备份文件替换当前数据库（当前数据库先另存为备份）"
RESTORE_FILE_HELP: Final = "要恢复的备份文件"
BACKUP_DONE: Final = (
    "已备份到 {path}\n"
    "  来源：{database}\n"
    "  检查：完整性检查通过；数据库架构{revision}；审计链 {events} 条事件逐条相连（哈希无误）\n"
    "  签名：{signatures}"
)
RESTORE_DONE: Final = (
    "已用 {source} 恢复数据库 {database}\n"
    "  检查：完整性检查通过；数据库架构{revision}；审计链 {events} 条事件逐条相连（哈希无误）\n"
    "  签名：{signatures}"
)
RESTORE_KEPT: Final = "  原数据库已另存为：{path}"
RESTORE_OLDER_SCHEMA: Final = "恢复的数据库架构较旧，下次打开时会先备份再升级。"
BUSY_WAITING: Final = "数据库正忙，正在等待…（已等 {seconds} 秒）"
BUSY_WAITING_CLI: Final = "数据库正忙，正在等待（最多 {limit} 秒）…"
# --- signatures and keys (#13) ---
PUBLIC_KEY_HELP: Final = "用于核对签名的办公室公钥文件（duban key public 写出；不给则用本机密钥）"
KEY_HELP: Final = "办公室签名密钥：公布公钥、备份、恢复"
KEY_ACTION_HELP: Final = "public 显示或写出公钥；backup 写出口令加密的备份；restore 从备份恢复"
KEY_FILE_HELP: Final = "restore：要恢复的备份文件"
KEY_OUTPUT_HELP: Final = "public、backup：写到此文件（public 不给则显示在屏幕上）"
KEY_FORCE_HELP: Final = "restore：即使与数据库记录或本机现有的密钥不同也恢复；backup：覆盖已有文件"
KEY_NONE_HERE: Final = "本机没有办公室签名密钥（{where}）。可用 duban key restore 备份文件 恢复。"
KEY_PUBLIC_SHOWN: Final = "指纹：{fingerprint}"
KEY_PUBLIC_WROTE: Final = (
    "已写出公钥：{path}（指纹 {fingerprint}）。请把它与指纹一起公布给接收报表的单位。"
)
KEY_BACKUP_NEEDS_OUTPUT: Final = "请用 -o 指定备份文件，如 duban key backup -o 督办密钥备份.toml"
KEY_BACKUP_WROTE: Final = (
    "已写出密钥备份：{path}（指纹 {fingerprint}{legacy}）。请把备份与口令分开保管。"
)
KEY_BACKUP_WITH_LEGACY: Final = "，含旧版 HMAC 密钥"
KEY_RESTORE_NEEDS_FILE: Final = "请指定备份文件，如 duban key restore 督办密钥备份.toml"
KEY_RESTORE_UNREADABLE: Final = "无法读取备份文件 {path}（{detail}）"
KEY_RESTORE_DIFFERS_DB: Final = (
    "备份中的密钥（指纹 {backup}）不是数据库 {db} 记录的密钥（指纹 {recorded}）。"
    "未做任何修改；确需改用这把密钥，请加 --force（之前的签名将无法用新公钥核对）。"
)
KEY_RESTORE_DIFFERS_HERE: Final = (
    "本机已有另一把签名密钥（指纹 {machine}），备份中的是指纹 {backup}。"
    "未做任何修改；确需替换，请先备份现有密钥，再加 --force。"
)
KEY_RESTORE_SAME: Final = "本机已有这把签名密钥（指纹 {fingerprint}），无需恢复。"
KEY_RESTORED: Final = (
    "已恢复办公室签名密钥到{where}（指纹 {fingerprint}{legacy}）。之后的写入会重新签名。"
)
KEY_RESTORED_DB: Final = "数据库 {db} 记录的签名公钥已改为这把密钥（指纹 {fingerprint}）。"
# --- never a traceback (#13) ---
DATE_OUT_OF_RANGE: Final = "日期「{value}」超出范围，应在 {first} 年至 {last} 年之间"
BAD_YEAR: Final = "年度「{value}」无效，应为 {first} 至 {last} 之间的整数"
BAD_LIMIT: Final = "条数「{value}」无效，应为 1 至 {most} 之间的整数"
ERR_DATE_RANGE: Final = "{field}应在 {first} 年至 {last} 年之间。"
# main(): what reached the top instead of a traceback. Each says nothing was left half done
# only where that is true of every command (writes are transactions, files are renamed).
FAILED_OS: Final = "操作失败：{detail}。"
FAILED_VALUE: Final = "输入的值无法处理（超出范围或格式不对），未写入任何内容。"
FAILED_TOO_DEEP: Final = "输入的内容嵌套过深，无法处理，未写入任何内容。"
FAILED_MEMORY: Final = "内存不足，操作未完成，未写入任何内容。"
FAILED_UNICODE: Final = "输入或输出中有无法处理的字符（请检查终端或文件的编码），操作未完成。"
FAILED_INTERNAL: Final = "程序内部出错，操作未完成；详情已写入日志：{path}"
FAILED_INTERNAL_UNLOGGED: Final = "程序内部出错，操作未完成（日志无法写入：{path}）。"
# --- the monthly cycle of returns (#14): the command line ---
RETURNS_HELP: Final = (
    "报送表：下发（issue）、收取（collect）、查看报送情况（status）、催报（remind）"
)
RETURNS_ACTION_HELP: Final = (
    "issue 为各单位生成报送表；collect 收取填好的报送表；status 列出已报、迟报、未报的单位；"
    "remind 生成催报通知"
)
RETURNS_FILES_HELP: Final = "collect：填好的报送表文件或所在文件夹（可多个）"
RETURNS_PERIOD_HELP: Final = "报送期，写作 年-月，如 2023-10"
RETURNS_UNIT_HELP: Final = "只处理这个单位"
RETURNS_OUTPUT_HELP: Final = "issue：报送表写到这个文件夹（默认：导出文件夹下的「报送表 年-月」）"
RETURNS_DRY_RUN_HELP: Final = "collect：只检查并预览将记录的内容，不写入"
RETURNS_REPLACE_HELP: Final = "collect：替换该单位本期已收取的报送表（须用 --reason 说明原因）"
RETURNS_RECEIVED_HELP: Final = "collect：办公室收到报送表的日期（默认：截至日期）"
# --- duban audit never creates a database at a path the user named (#13) ---
DB_NOT_FOUND_FOR_READING: Final = (
    "找不到数据库：{path}。核对审计记录不会新建数据库，请检查 --db 或 DUBAN_DB。"
)
REPORT_NOT_TO_STDOUT: Final = (
    "报表须写成文件（签名清单放在它旁边），不能输出到标准输出；请用 -o 给出文件名"
)
# --- issuing returns (报送表, #14) ---
RETURNS_ISSUE_NEEDS_PERIOD: Final = "请用 --period 指定报送期，写作 年-月，如 --period 2023-10"
RETURNS_ISSUE_OPTION: Final = "{option} 不适用于 duban returns issue（它只生成报送表）"
RETURNS_ISSUE_FILES_OPTION: Final = "文件参数"
RETURNS_ISSUED_FILE: Final = "{unit}：{tasks} 项任务 → {path}"
RETURNS_ISSUED_SUMMARY: Final = (
    "已生成{period}报送表：{units} 个单位、{tasks} 项任务、截止 {due}；文件夹：{folder}"
)
# --- collecting returns (#14) ---
# duban returns collect
COLLECT_NO_FILES: Final = "请给出要收取的报送表文件或文件夹。"
COLLECT_REPLACE_NEEDS_REASON: Final = "替换已收取的报送表须用 --reason 说明原因。"
COLLECT_RECORDED: Final = "已记录。"
COLLECT_REPLACED: Final = "已记录，替换了该单位本期之前收取的报送表。"
COLLECT_WOULD_RECORD: Final = "可以记录（预览，未写入）。"
COLLECT_REFUSED: Final = "未收取，发现 {count} 个问题（整份文件均未记录）："
COLLECT_TOTAL: Final = "共 {files} 份：已记录 {good} 份，未收取 {refused} 份。"
COLLECT_DRY_TOTAL: Final = (
    "预览（未写入）：共 {files} 份，可记录 {good} 份，将被拒收 {refused} 份。"
)
# the dashboard: 收取报送表 (tui/screens/collect_form.py, collect_screen.py)
COLLECT_KEY: Final = "收取报送表"
CMD_COLLECT_HELP: Final = "读取各单位填好的报送表，预览后记录"
COLLECT_TITLE: Final = "收取报送表"
COLLECT_CHECK: Final = "检查"
COLLECT_FIELD_PATH: Final = "文件路径"
COLLECT_HINT_PATH: Final = "报送表 .xlsx，或报送表所在的文件夹"
COLLECT_PATH_MISSING: Final = "找不到文件或文件夹：{path}"
COLLECT_FIELD_RECEIVED: Final = "收取日期"
COLLECT_FIELD_REPLACE: Final = "替换该单位本期已收取的报送表"
COLLECT_HINT_REASON: Final = "替换时必填"
COLLECT_RECEIVED_LATE: Final = "收取日期 {on} 晚于截至日期 {as_of}。"
COLLECT_REASON_REQUIRED: Final = "替换已收取的报送表须说明原因。"
COLLECT_SCREEN_TITLE: Final = "收取报送表（收取日期 {on}{replace}）"
COLLECT_SCREEN_REPLACING: Final = "，替换已收取的"
COLLECT_READING: Final = "正在读取报送表…"
COLLECT_READ_FILE: Final = "正在读取报送表…（{done}/{total}）"
COLLECT_PREVIEW: Final = (
    "共 {files} 份：可记录 {good} 份，未收取 {refused} 份。按 ctrl+s 记录可记录的报送表，esc 取消。"
)
COLLECT_NOTHING: Final = "没有可记录的报送表。"
COLLECT_RECORD: Final = "记录"
COLLECT_FILE_OK: Final = "可以记录"
COLLECT_DONE: Final = "已记录 {good} 份报送表。"
COLLECT_DONE_SOME: Final = "已记录 {good} 份报送表，{refused} 份未收取。"
WORK_COLLECT: Final = "收取报送表"
# --- returns status and reminders (#14): `duban returns status | remind`, the 督办 tab ---
RETURNS_NOT_FOR_ACTION: Final = "{action} 不接受{what}（只有 {only} 用得到）"
RETURNS_WHAT_FILES: Final = "文件参数"
RETURNS_WHAT_OPTION: Final = "参数 {option}"
RETURNS_PREVIOUS_KEY: Final = "上一期"
RETURNS_NEXT_KEY: Final = "下一期"
RETURNS_REMIND_KEY: Final = "催报"
RETURNS_NO_EARLIER: Final = "没有更早的报送期了（{period}）"
RETURNS_NO_LATER: Final = "{period}还没有结束，没有更晚的报送期"
REMINDER_TITLE: Final = "催报通知（{period}，可选中复制）"
REMINDER_HINT: Final = "c 复制全文（经由终端，部分终端不支持；也可用鼠标选中复制）　esc 返回"
REMINDER_COPIED: Final = "催报通知已复制（{lines} 行）"
REMINDER_COPY_KEY: Final = "复制"
WORK_REMINDER: Final = "生成催报通知"
# --- review fixes: signatures, keys, backups (#13) ---
RESTORE_FORCE_HELP: Final = "即使文件来自另一个数据库、或签名核对发现问题，也照样恢复"
KEY_RESTORE_NOT_A_FILE: Final = "{path} 不是普通文件（是文件夹、设备或管道），不是密钥备份文件。"
KEY_RESTORE_MISSING: Final = "找不到密钥备份文件：{path}"
KEY_RESTORE_NOT_A_BACKUP: Final = "{path} 不是 duban 密钥备份文件（文件过大）。"
# --- review fixes: dashboard forms (#13) ---
PATH_NOT_A_FILE: Final = "{path} 不是普通文件（是文件夹、设备或管道）；请给出要导入的计划文件。"
# --- liaisons and one report from the command line (#14) ---
UNIT_HELP: Final = "查看单位（名称、类别、别名、所属单位组、联络人），或登记、更改、清除其联络人"
UNIT_NAME_HELP: Final = "单位名称、别名或拼音首字母（如 zjj）"
UNIT_LIAISON_HELP: Final = "联络人姓名（确定或更改联络人）"
UNIT_PHONE_HELP: Final = "联络人的联系电话，如 0357-5522123"
UNIT_NOTE_HELP: Final = "联络人备注（如所在股室；写空字符串可清除备注）"
UNIT_CLEAR_HELP: Final = "清除该单位的联络人"
UNIT_CLEAR_WITH_OTHERS: Final = "--clear-liaison 不能与 --liaison、--phone、--note 同时使用。"
UNIT_CARD_NAME: Final = "{name}（{kind}）"
UNIT_CARD_ALIASES: Final = "别名：{aliases}"
UNIT_CARD_GROUPS: Final = "所属单位组（{on}）：{groups}"
UNIT_CARD_MEMBERS: Final = "成员（{on}，{count} 个）：{members}"
UNIT_CARD_GROUP_LIAISON: Final = "联络人：单位组不设联络人，由成员单位各自确定"
REPORT_HELP: Final = "登记一条进展报送（与看板的报送表单同样检查），供脚本和补录使用"
REPORT_UNIT_HELP: Final = "报送单位：名称、别名或拼音首字母"
REPORT_TASK_HELP: Final = "任务，如「空气 3」、kq3、地下水9"
REPORT_STATUS_HELP: Final = "状态：未开始、推进中、已完成、受阻"
REPORT_PERCENT_HELP: Final = "完成百分比，0 到 100 的整数（已完成须为 100）"
REPORT_NOTE_HELP: Final = "进展情况说明"
REPORT_PROBLEMS_HELP: Final = "存在问题（可选）"
REPORT_NEXT_STEPS_HELP: Final = "下步打算（可选）"
REPORT_EVIDENCE_HELP: Final = "佐证材料文件（可多个），保存时记下其名称、大小和 SHA-256"
REPORT_DATE_HELP: Final = "报送日期 YYYY-MM-DD（默认：截至日期；不能晚于截至日期）"
BAD_PERCENT_ARG: Final = "完成百分比「{value}」应为 0 到 100 之间的整数"
REPORT_RECORDED: Final = "已登记{unit}对{task}的进展报送：{on} {status} {percent}%"
REPORT_RECORDED_FILES: Final = "（佐证材料 {count} 份）"
LIAISON_KEY: Final = "联络人"
FORM_LIAISON: Final = "联络人 · {unit}"
FIELD_LIAISON_NAME: Final = "姓名"
FIELD_LIAISON_PHONE: Final = "联系电话"
FIELD_LIAISON_NOTE: Final = "备注"
FIELD_LIAISON_CLEAR: Final = "清除联络人"
HINT_PHONE: Final = "如 0357-5522123"
LIAISON_PICK_UNIT: Final = "请先在左侧选择一个单位。"
