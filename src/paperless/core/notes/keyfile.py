"""The notes key file, ``notes.key.age``: sealed by the member's identity, and when to trust one that is not.

The key (32 random bytes, after :data:`KEY_MAGIC`) is kept with :mod:`paperless.core.localstate`
(purpose ``"notes-key"``): an age file to the member's own recipient whose plaintext carries
an HMAC under a key derived from the identity's *secret* keys. The first releases wrote it
encrypted to the public recipient only, so anyone holding the member's card and write access
to the folder could plant a key they knew before the notes database existed, and then read
every note written under it. The rules, failing closed:

* no key file and nothing depending on one → make a new sealed key;
* no key file beside notes → refuse (:class:`~.errors.NotesKeyMissingError`), never replace it;
* a file that is not sealed (an older version's, or planted) or whose seal fails, where no
  notes depend on a key → never used: moved aside (``notes.key.age.rejected-<UTC time>``), a
  new sealed key made, and a :class:`~.errors.NotesKeyRejectedNotice` returned for the app to
  show; the database's own key check, if it had one and no rows, is cleared first;
* a sealed key beside notes → used (the database's key check must still match);
* a key whose seal fails beside notes → refused (:class:`~.errors.NotesKeyError`), never
  overwritten;
* an *unsealed* key beside notes in a database of schema 1 or 2 (made by the previous
  version) → the upgrade: used only if it opens that database's key check, and then at once
  rewritten sealed, before the database is migrated; beside a schema-3 database (which only
  this version makes, always with a sealed key) an unsealed key is refused.

"Notes depend on a key" means the database holds at least one record or outbox operation.

Residual upgrade window: a format-1 database and an unsealed key are both made from public
things only, so someone who can write the member's folder *before this version first opens
it* can plant an old-format database holding one record and a key they know; the upgrade rule
then takes that key and seals it, and notes written later are readable with it. The window
closes for good on the first opening by this version (the key is sealed then, and a schema-3
database never accepts an unsealed key); an empty database beside a planted key does not open
it (nothing depends on the key, so the key is set aside).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from paperless.core.atomic import fsync_folder
from paperless.core.errors import T
from paperless.core.identity import UnlockedIdentity
from paperless.core.localstate import (
    LocalStateError,
    LocalStateTamperedError,
    UnauthenticatedStateError,
    read_sealed,
    write_sealed,
)
from paperless.core.notes.crypto import KEY_SIZE
from paperless.core.notes.errors import NotesKeyError, NotesKeyMissingError, NotesKeyRejectedNotice
from paperless.core.notes.hlc import WallClock
from paperless.core.notes.legacy import LegacyCipher

KEY_FILE = "notes.key.age"
KEY_PURPOSE = "notes-key"
KEY_MAGIC = b"paperless-notes-key/1\n"
REJECTED_SUFFIX = ".rejected-"
SEALED_SINCE = 3  # the schema version from which every key file beside the database is sealed

_log = logging.getLogger(__name__)
_NOT_A_KEY = T("not a notes key", "không phải khóa ghi chú")
_UNCHECKED = T("it carries no seal of your identity and is not the key of these notes",
               "tệp không có dấu xác thực của danh tính của đồng chí và không phải khóa của các ghi chú này")


@dataclass(frozen=True)
class DatabaseFacts:
    """What the key rules need to know of the database, read before the key is chosen."""

    version: int  # its schema version (0: a new file)
    has_rows: bool  # any record or outbox operation, in any table (notes depend on the key)
    key_check: bytes | None  # the sealed known value in ``meta``, if any


@dataclass(frozen=True)
class KeyChoice:
    key: bytes
    notices: tuple[NotesKeyRejectedNotice, ...] = ()
    upgraded: bool = False  # an older version's unsealed key, checked and now sealed


def _parse(body: bytes) -> bytes | None:
    if len(body) != len(KEY_MAGIC) + KEY_SIZE or not body.startswith(KEY_MAGIC):
        return None
    return body[len(KEY_MAGIC):]


class NotesKeyFile:
    """The member's key file in one folder; :meth:`obtain` applies the rules above."""

    def __init__(self, path: Path, identity: UnlockedIdentity, wall: WallClock) -> None:
        self.path = path
        self._identity = identity
        self._wall = wall

    def obtain(self, facts: DatabaseFacts, clear_key_check: Callable[[], None]) -> KeyChoice:
        """The key to use. ``clear_key_check`` empties the database's key check; it is called
        only when nothing depends on the key and a new one is about to be made."""
        try:
            body = read_sealed(self.path, self._identity, KEY_PURPOSE)
        except UnauthenticatedStateError as exc:
            return self._unsealed(exc, facts, clear_key_check)
        except LocalStateTamperedError as exc:
            return self._untrusted(exc.params.get("detail", ""), facts, clear_key_check)
        except LocalStateError as exc:
            raise NotesKeyError(path=str(self.path), detail=exc.params.get("detail", "")) from None
        if body is None:
            if facts.has_rows:
                raise NotesKeyMissingError(path=str(self.path))
            return self._fresh(facts, clear_key_check, ())
        key = _parse(body)
        if key is None:
            return self._untrusted(_NOT_A_KEY, facts, clear_key_check)
        return KeyChoice(key)

    def _unsealed(self, exc: UnauthenticatedStateError, facts: DatabaseFacts,
                  clear_key_check: Callable[[], None]) -> KeyChoice:
        if not facts.has_rows:
            return self._set_aside(exc.params.get("detail", ""), facts, clear_key_check)
        key = _parse(exc.body)
        if (key is None or facts.version >= SEALED_SINCE or facts.key_check is None
                or not LegacyCipher(key).matches(facts.key_check)):
            raise NotesKeyError(path=str(self.path), detail=_UNCHECKED if key is not None else _NOT_A_KEY)
        write_sealed(self.path, self._identity, KEY_PURPOSE, KEY_MAGIC + key)
        _log.info("notes key %s from an older version checked against its notes and sealed", self.path)
        return KeyChoice(key, upgraded=True)

    def _untrusted(self, detail: object, facts: DatabaseFacts, clear_key_check: Callable[[], None]) -> KeyChoice:
        if facts.has_rows:
            raise NotesKeyError(path=str(self.path), detail=detail)
        return self._set_aside(detail, facts, clear_key_check)

    def _set_aside(self, detail: object, facts: DatabaseFacts, clear_key_check: Callable[[], None]) -> KeyChoice:
        if facts.key_check is not None:
            clear_key_check()  # first: a crash after it leaves a key that nothing depends on
        stamp = datetime.fromtimestamp(self._wall() / 1000, UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}{REJECTED_SUFFIX}{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}{REJECTED_SUFFIX}{stamp}-{n}")
        try:
            os.replace(self.path, aside)
        except OSError as exc:
            raise NotesKeyError(path=str(self.path), detail=exc.strerror or str(exc)) from None
        fsync_folder(self.path.parent)
        notice = NotesKeyRejectedNotice(path=str(self.path), detail=detail, aside=aside.name)
        _log.warning("%s", notice.message("en"))
        return self._fresh(DatabaseFacts(facts.version, facts.has_rows, None), clear_key_check, (notice,))

    def _fresh(self, facts: DatabaseFacts, clear_key_check: Callable[[], None],
               notices: tuple[NotesKeyRejectedNotice, ...]) -> KeyChoice:
        if facts.key_check is not None:
            clear_key_check()
        key = AESGCM.generate_key(bit_length=KEY_SIZE * 8)
        write_sealed(self.path, self._identity, KEY_PURPOSE, KEY_MAGIC + key)  # atomic, durable name
        return KeyChoice(key, notices)
