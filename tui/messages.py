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
EXPORT_KIND_HELP: Final = "导出内容：plans（计划数据，见 DESIGN §4）"
FORMAT_HELP: Final = "输出格式"
OUTPUT_HELP: Final = "输出文件（默认写到标准输出）"
FORCE_HELP: Final = "覆盖已存在的输出文件"
DOCUMENT_HELP: Final = "文件文号（默认最新发布的文件）"
SEED_HELP: Final = "把计划文件（TOML/JSON，同导出格式）导入已有数据库"
SEED_FROM_HELP: Final = "要导入的计划文件"
STATUS_HELP: Final = "查看一个单位在所有计划中的任务（会前速查）"
STATUS_UNIT_HELP: Final = "单位名称、别名或拼音首字母（如 zjj）"
STATUS_FORMAT_HELP: Final = "输出格式：table（表格）或 json"
DEMO_HELP: Final = "打开演示数据库（单独的文件，含合成的全年进展）"
STATUS_HEADER: Final = "{unit}（{kind}）· 截至 {as_of}"
STATUS_MEMBERS: Final = "成员：{members}"
STATUS_COUNTS: Final = "红灯 {red} · 黄灯 {yellow} · 绿灯 {green} · 灰灯 {grey}"
STATUS_COLUMNS: Final = ("计划", "序号", "任务", "角色", "状态", "灯", "下一节点", "最近报送")
STATUS_NO_TASKS: Final = "（该单位没有承担任务）"
STATUS_NOTICES: Final = "督办单（{count}）"
STATUS_NOTICE_LINE: Final = "{number}  {level}  下发 {issued_on}  答复期限 {reply_due}  {state}"
NOTICE_ANSWERED: Final = "已答复 {on}"
NOTICE_OPEN: Final = "未答复"
NOTICE_LATE: Final = "未答复（已逾期）"
VIA_GROUP: Final = "（经{group}）"
LIGHT_GLYPHS: Final = {"red": "红", "yellow": "黄", "green": "绿", "grey": "灰"}
GROUP_HELP: Final = "查看或编辑单位组的成员（如 大气办有关成员单位）"
GROUP_NAME_HELP: Final = "单位组名称"
GROUP_ADD_HELP: Final = "添加成员（可重复）"
GROUP_REMOVE_HELP: Final = "移除成员（可重复）"
REASON_HELP: Final = "变更原因（写入审计记录）"
GROUP_MEMBERS: Final = "{group}（{count} 个成员）：{members}"
NONE: Final = "无"

ERROR_PREFIX: Final = "错误："
NOTE_PREFIX: Final = "提示："
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
APP_SUBTITLE: Final = "{document} · 截至 {as_of}"
LOADING: Final = "正在读取数据库…"
QUIT: Final = "退出"
COL_NUMBER: Final = "序号"
COL_SECTION: Final = "章节"
COL_TITLE: Final = "任务"
COL_LEAD: Final = "牵头/责任单位"
COL_SUPPORT: Final = "配合单位"
COL_DEADLINES: Final = "时间节点"
NO_DEADLINE: Final = "—"
PLAN_TAB_FALLBACK: Final = "{title}"
SEEDED_NOTICE: Final = "已新建数据库并导入 {plans} 个计划、{tasks} 项任务"
