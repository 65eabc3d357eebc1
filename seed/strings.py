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
ROOT_WHERE: Final = "（根）"  # a problem with the file as a whole, not under a key

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


SEEDED: Final = "已创建并初始化数据库：{path}（导入 {plans} 个计划、{tasks} 项任务）"
IMPORTED: Final = (
    "已导入 {file}：{plans} 个计划、{tasks} 项任务、{milestones} 个时间节点、新增单位 {units} 个。"
)

# Importing a plan document
IMPORT_EMPTY: Final = "{path} 是空文件。"
IMPORT_BINARY: Final = "{path} 不是文本文件或 .docx 文档（含有二进制内容）。"
IMPORT_ENCODING: Final = "{path} 无法按 UTF-8 或 GB18030 解码，请另存为 UTF-8 文本后再导入。"
IMPORT_DOCX_BAD: Final = "{path} 不是有效的 .docx 文档（{detail}）。"
IMPORT_NO_PLANS: Final = "{path} 中没有找到行动计划标题（形如“××2024年行动计划”）。"
IMPORT_NO_TASKS: Final = "{path} 中没有找到编号的重点任务（形如“1. 任务标题。……”）。"
IMPORT_NO_KEY: Final = (
    "无法从标题「{title}」判断计划类别（空气、水、土壤、地下水），请用 --key 指定。"
)
IMPORT_NO_YEAR: Final = "无法从标题「{title}」判断年度，请用 --year 指定。"
IMPORT_UNKNOWN_UNITS: Final = (
    "有 {count} 个单位名称不认识：{names}。"
    "请用 --map 旧名=已知单位 对应，或用 --new-unit 名称 新建。"
)
IMPORT_UNKNOWN_WHERE: Final = "「{name}」（{where}）"
IMPORT_UNIT_INFERRED: Final = "文中的「{name}」按单位「{unit}」导入。"
TASK_WHERE: Final = "{plan} 第 {number} 项"
IMPORT_BAD_MAP: Final = "--map 的格式应为 旧名=已知单位，收到「{value}」。"
IMPORT_NO_DOCUMENT: Final = "未找到文号，已用“{number}”；可用 --number 指定。"
IMPORT_NO_DATE: Final = "未找到成文日期，已用 {date}；可用 --issued-on 指定。"
IMPORT_SUMMARY: Final = "解析出 {plans} 个计划、{tasks} 项任务、{milestones} 个时间节点。"
PLAN_WHERE: Final = "《{title}》"
NO_SECTION: Final = "重点任务"
DEFAULT_NUMBER: Final = "《{title}》"
DEFAULT_ISSUER: Final = "（未注明）"

# --- never a traceback (#13) ---
IMPORT_TOO_LARGE: Final = (
    "{path} 太大（{size} MB），不像行动计划文档；文本文件最多 {most} MB。请检查是否选错了文件。"
)
IMPORT_DOCX_TOO_LARGE: Final = (
    "{path} 解压后太大（{size} MB），不像行动计划文档；.docx 解压后最多 {most} MB，"
    "其中文字部分最多 {xml_most} MB。请检查是否选错了文件。"
)
DOCX_NOT_ZIP: Final = "文件已损坏，无法按压缩包读取"
DOCX_BROKEN: Final = "文件缺少 Word 文档应有的内容或已损坏"
DOCX_BAD_XML: Final = "文档内容无法解析（嵌套过深或格式错误）"
PLAN_FILE_TOO_LARGE: Final = "{path} 太大（{size} MB）；计划数据文件最多 {most} MB。"
PLAN_FILE_TOO_DEEP: Final = "{path} 的嵌套层次过深，不是计划数据文件。"
# --- collecting returns (#14) ---
# seed.returns_reader: why a returned sheet (报送表) is refused, each with its place.
RETURN_TOO_LARGE: Final = "{path} 太大；报送表最多 {most} MB。"
RETURN_NOT_XLSX: Final = "不是 Excel 工作簿（.xlsx），或文件已损坏"
RETURN_INFLATES: Final = "工作簿解压后超过 {most} MB，不是报送表"
RETURN_NOT_A_RETURN: Final = "不是本系统下发的报送表（缺少报送表的识别信息）"
RETURN_META_BROKEN: Final = (
    "报送表的识别信息（隐藏页）不完整或被改动，无法确定是哪个单位、哪个报送期的表"
)
RETURN_OTHER_DATABASE: Final = "这份报送表不是本数据库下发的（来自另一个督办数据库）"
RETURN_DIGEST_MISMATCH: Final = (
    "报送表中锁定的内容（单位、报送期、任务及其顺序）与下发时不一致：锁定单元格被改动、"
    "行被移动，或这份表不是下发给该单位、该报送期的；请在下发的原表上填报"
)
RETURN_REQUIRED: Final = "必须填写"
RETURN_BAD_PERCENT: Final = "应为 0 到 100 之间的整数，填的是「{value}」"
RETURN_BAD_STATUS: Final = "「{value}」不是可选的状态，应为 {choices} 之一"
RETURN_DONE_BELOW_100: Final = "状态为“已完成”时应为 100，填的是「{value}」"
RETURN_NOTE_REQUIRED: Final = "状态不是“未开始”时必须填写"
RETURN_FORMULA: Final = "是公式，请直接填写内容"
RETURN_TOO_LONG: Final = "过长（{length} 字），最多 {limit} 字"
RETURN_EXTRA_ROW: Final = "{where}：下发的任务行之后填写了内容；报送表只收下发的任务，请删去"
# seed.returns_collect: a batch of files.
RETURN_EMPTY_FOLDER: Final = "文件夹中没有 .xlsx 文件"
RETURN_SAME_IN_BATCH: Final = "与本批中的 {file} 是同一个文件，同一文件只收取一次"
RETURN_UNIT_IN_BATCH: Final = (
    "本批中的 {file} 已是{unit}{period}的报送表；如要以这份替换，请选择替换并说明原因"
)

# --- plan documents as other offices write them (#14) ---
IMPORT_NOTICE_PLANS: Final = (
    "{path} 的印发通知列出了 {count} 个行动计划（{titles}），但正文中没有各计划的标题行，"
    "无法分清哪些任务属于哪个计划。请在每个计划的正文前加上它的标题（如“蒲县空气质量提升"
    "2024年行动计划”）后再导入。"
)
