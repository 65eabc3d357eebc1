"""Every user-facing sentence of the seed package, in one place."""

from __future__ import annotations

from typing import Final

FILE_MISSING: Final = "找不到文件：{path}"
FILE_UNREADABLE: Final = "无法读取文件：{path}（{detail}）"
NOT_UTF8: Final = "{path} 不是 UTF-8 编码的文本文件（第 {offset} 字节处无法解码）。"
TOML_MALFORMED: Final = "TOML 格式错误：{path} 第 {line} 行第 {col} 列：{detail}"
JSON_MALFORMED: Final = "JSON 格式错误：{path} 第 {line} 行第 {col} 列：{detail}"
UNKNOWN_FORMAT: Final = "无法识别文件类型：{path}（应为 .toml 或 .json）"
INVALID: Final = "{path} 中 {where}：{detail}"

MISSING_KEY: Final = "缺少必填项"
UNKNOWN_KEY: Final = "未知的键「{key}」（可用的键：{allowed}）"
WANT_TABLE: Final = "应为表（键值对）"
WANT_LIST: Final = "应为列表"
WANT_TEXT: Final = "应为非空文本"
WANT_INT: Final = "应为整数"
WANT_POSITIVE: Final = "应为正整数"
WANT_DATE: Final = "应为日期（YYYY-MM-DD）"
IMPOSSIBLE_DATE: Final = "日期「{value}」不存在"
BAD_CHOICE: Final = "值「{value}」无效，应为 {choices} 之一"
BAD_PLAN_KEY: Final = "计划键「{value}」无效，应为小写英文字母、数字或下划线（如 air）"
BAD_YEAR: Final = "年份 {value} 不在 2000—2100 之间"
DUPLICATE_TASK: Final = "任务编号 {number} 重复"
DUPLICATE_PLAN: Final = "计划「{key}」（{year} 年）在文件中出现了两次"
DUPLICATE_UNIT: Final = "单位「{name}」在文件中登记了两次"
DUPLICATE_NAME_IN_LIST: Final = "「{name}」重复出现"
START_AFTER_DUE: Final = "开始日期 {start} 晚于截止日期 {due}"
TASK_WITHOUT_UNITS: Final = "任务没有任何牵头、配合或责任单位"
MEMBERS_NOT_GROUP: Final = '只有单位组（kind = "group"）才能有 members'
NO_PLANS: Final = "文件中没有任何计划"

# tomllib's own messages, in the words our users read.
TOML_DETAILS: Final = {
    "Invalid date or datetime": "日期或时间无效（例如 2023-02-30 不存在）",
    "Invalid value": "值无效",
    "Expected '=' after a key in a key/value pair": "键后面缺少“=”",
    "Unclosed array": "列表没有闭合",
    "Unterminated string": "字符串没有闭合",
    "Cannot overwrite a value": "同一个键被赋值了两次",
    "Cannot declare": "表被重复声明",
    "Invalid statement": "无效的语句",
}

SEEDED: Final = "已创建并初始化数据库：{path}（导入 {plans} 个计划、{tasks} 项任务）"
IMPORTED: Final = (
    "已导入 {file}：{plans} 个计划、{tasks} 项任务、{milestones} 个时间节点、新增单位 {units} 个。"
)
