"""An OSError in the user's words: by its errno, never its English strerror."""

from __future__ import annotations

import errno

from model.core import strings


def describe_os_error(error: OSError) -> str:
    """「磁盘空间不足」, 「没有权限」…; an errno without words is named by its number."""
    code = error.errno
    name = errno.errorcode.get(code) if code is not None else None
    if name is not None and name in strings.OS_ERROR_TEXTS:
        return strings.OS_ERROR_TEXTS[name]
    winerror = getattr(error, "winerror", None)
    if winerror is not None:
        return strings.OS_ERROR_WINDOWS.format(code=winerror)
    return strings.OS_ERROR_OTHER.format(code=code if code is not None else "?")
