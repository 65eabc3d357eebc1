"""Errors that carry a message for the user (in Chinese); callers print `str(error)`."""

from __future__ import annotations


class DubanError(Exception):
    """A problem the user can act on; the message says what is wrong and where."""

    exit_code = 1


class DatabaseError(DubanError):
    """The database cannot be opened, created, migrated or written."""

    exit_code = 3


class InputError(DubanError):
    """Input (a file, an argument, a form field) is not acceptable; nothing was written."""

    exit_code = 2


class AuditMissingError(DubanError):
    """A write tried to change domain rows without appending an audit event."""
