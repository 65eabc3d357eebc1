"""`duban key public | backup | restore`: the office signing key (model.core.keys).

`public` prints (or writes with -o) the public key as PEM after two comment lines with its
fingerprint: what the office publishes so receivers can run `duban verify --public-key`.
`backup -o FILE` writes the secret (and the v1 HMAC key, if this machine has one)
encrypted under a passphrase; `restore FILE` puts them back. The passphrase is asked at
the terminal (twice for a backup) or taken from DUBAN_KEY_PASSPHRASE. Restore refuses a
key other than the one the database records, or than the one this machine holds, unless
--force; nothing is written when anything is refused.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from model.core.errors import DubanError, InputError
from tui import strings
from tui.cli.common import database_path, note

if TYPE_CHECKING:
    from model.core.keys import OfficeKey


_BACKUP_BYTES = 64 * 1024  # a key backup is about 700 bytes


def run(args: argparse.Namespace) -> int:
    if args.action == "public":
        return _public(args)
    if args.action == "backup":
        return _backup(args)
    return _restore(args)


def _machine_key() -> OfficeKey:
    from model.core.keys import key_store, load_key

    store = key_store()
    key = load_key(store)
    if key is None:
        raise InputError(strings.KEY_NONE_HERE.format(where=store.problem or store.describe()))
    return key


def _public(args: argparse.Namespace) -> int:
    from exports.files import write_atomically
    from model.core.keys import public_key_text

    key = _machine_key()
    text = public_key_text(key.public_hex)
    if args.output is None:
        sys.stdout.write(text)
        print(strings.KEY_PUBLIC_SHOWN.format(fingerprint=key.fingerprint), file=sys.stderr)
        return 0
    write_atomically(args.output, text.encode("utf-8"), force=args.force)
    note(strings.KEY_PUBLIC_WROTE.format(path=args.output, fingerprint=key.fingerprint))
    return 0


def _backup(args: argparse.Namespace) -> int:
    from exports.files import check_output_path
    from model.core.keys import backup_bytes, hmac_key, passphrase, write_private_file

    if args.output is None:
        raise InputError(strings.KEY_BACKUP_NEEDS_OUTPUT)
    key = _machine_key()
    check_output_path(args.output, force=args.force)  # before the passphrase is asked
    legacy = hmac_key()
    data = backup_bytes(key.secret, legacy, passphrase(twice=True))
    write_private_file(args.output, data)  # encrypted, and still nobody else's to read
    note(
        strings.KEY_BACKUP_WROTE.format(
            path=args.output,
            fingerprint=key.fingerprint,
            legacy=strings.KEY_BACKUP_WITH_LEGACY if legacy else "",
        )
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    from model.core.keys import (
        fingerprint,
        hmac_key,
        key_store,
        load_key,
        passphrase,
        read_backup,
        save_hmac_key,
        save_key,
    )
    from model.store.chain_signing import identity, open_existing, record_public_key

    if args.file is None:
        raise InputError(strings.KEY_RESTORE_NEEDS_FILE)
    from model.core.files import NotARegularFile, read_regular
    from model.core.os_errors import describe_os_error

    try:
        raw = read_regular(args.file, _BACKUP_BYTES)  # a FIFO is refused, never waited on
    except NotARegularFile as error:
        raise InputError(strings.KEY_RESTORE_NOT_A_FILE.format(path=args.file)) from error
    except FileNotFoundError as error:
        raise InputError(strings.KEY_RESTORE_MISSING.format(path=args.file)) from error
    except OSError as error:
        raise InputError(
            strings.KEY_RESTORE_UNREADABLE.format(path=args.file, detail=describe_os_error(error))
        ) from error
    if len(raw) > _BACKUP_BYTES:
        raise InputError(strings.KEY_RESTORE_NOT_A_BACKUP.format(path=args.file))
    backup = read_backup(raw, passphrase(twice=False), where=str(args.file))
    new = backup.public_hex
    # Which key the database records, if there is a database (never created here).
    path, is_default = database_path(args)
    recorded = None
    if not (is_default and not path.exists()):
        with open_existing(path) as database, database.read() as reader:
            found = identity(reader)
        recorded = found[1] if found else None
    if recorded is not None and recorded != new and not args.force:
        raise InputError(
            strings.KEY_RESTORE_DIFFERS_DB.format(
                backup=fingerprint(new), db=path, recorded=fingerprint(recorded)
            )
        )
    store = key_store()
    try:
        machine = load_key(store)
    except DubanError:
        machine = None  # a corrupt or unreadable key is what a restore is for
    if machine is not None and machine.public_hex != new and not args.force:
        raise InputError(
            strings.KEY_RESTORE_DIFFERS_HERE.format(
                machine=machine.fingerprint, backup=fingerprint(new)
            )
        )
    legacy = ""
    if backup.hmac is not None and hmac_key() is None:
        save_hmac_key(backup.hmac)
        legacy = strings.KEY_BACKUP_WITH_LEGACY
    if machine is not None and machine.public_hex == new:
        note(strings.KEY_RESTORE_SAME.format(fingerprint=machine.fingerprint))
        return 0
    restored = save_key(store, backup.secret)
    note(
        strings.KEY_RESTORED.format(
            where=store.describe(), fingerprint=restored.fingerprint, legacy=legacy
        )
    )
    if recorded is not None and recorded != new:
        record_public_key(path, new)
        note(strings.KEY_RESTORED_DB.format(db=path, fingerprint=restored.fingerprint))
    return 0
