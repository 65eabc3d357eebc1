"""Every user-facing sentence of the exports package, in one place."""

from __future__ import annotations

from typing import Final

OUTPUT_DIR_MISSING: Final = "输出目录不存在：{dir}"
OUTPUT_DIR_READONLY: Final = "输出目录不可写：{dir}"
OUTPUT_EXISTS: Final = "输出文件已存在：{path}（如需覆盖请加 --force）"
OUTPUT_FAILED: Final = "写入输出文件失败：{path}（{detail}）；未留下不完整的文件。"
WROTE: Final = "已写出：{path}"
