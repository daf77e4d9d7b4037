"""Local state files that only the member's unlocked identity can write, and read.

Files in the member's data folder (the library, the trust store, the notes key, the latest
time seen …) used to be age files encrypted to the member's *public* recipient: anyone holding
the public card and write access to the folder could forge them. A sealed file is still an
age file to the member's own recipient (``age -d -i`` reads it), but its plaintext starts
with a MAC under a key derived from the identity's secrets
(:meth:`~paperless.core.identity.UnlockedIdentity.local_key`)::

    "paperless-local-state/1\\n" || HMAC-SHA256(key(purpose), MAGIC || purpose || NUL || body) || body

The ``purpose`` ("library", "trust", "notes-key" …) is bound in, so one sealed file cannot
stand in for another. Opening fails closed: a missing MAC, a wrong one, or a file that does
not decrypt raises :class:`LocalStateTamperedError` with a one-line message; nothing is ever
reset silently. What a seal cannot stop: an older genuine copy of the same file put back
(docs/security.md says what remains and who notices).
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from paperless.core.age import AgeError, AgeNoMatchError, decrypt_bytes, encrypt_bytes
from paperless.core.atomic import atomic_write
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import UnlockedIdentity

MAGIC = b"paperless-local-state/1\n"
TAG_SIZE = 32


class LocalStateError(PaperlessError):
    en = "Cannot read {path}: {detail}"
    vi = "Không đọc được {path}: {detail}"


class LocalStateTamperedError(LocalStateError):
    en = "{path} has been altered or damaged, so it was not used ({detail})."
    vi = "{path} đã bị sửa đổi hoặc bị hỏng nên không được dùng ({detail})."


class UnauthenticatedStateError(LocalStateTamperedError):
    """The file opens with the member's key but carries no seal (made by an older version,
    or planted by someone with the public card). ``body`` is its plaintext, for callers that
    have a safe way to take over a file from an older version."""

    def __init__(self, body: bytes, **params: object) -> None:
        super().__init__(**params)
        self.body = body


_NOT_SEALED = T("it carries no seal of your identity", "tệp không có dấu xác thực của danh tính của đồng chí")
_BAD_SEAL = T("its seal does not match", "dấu xác thực không khớp")


def _tag(identity: UnlockedIdentity, purpose: str, body: bytes) -> bytes:
    key = identity.local_key(f"state:{purpose}")
    return hmac.new(key, MAGIC + purpose.encode() + b"\0" + body, hashlib.sha256).digest()


def seal(identity: UnlockedIdentity, purpose: str, body: bytes) -> bytes:
    """``body`` sealed for ``purpose``: an age file to the member's own recipient."""
    return encrypt_bytes([identity.card.age_recipient], MAGIC + _tag(identity, purpose, body) + body)


def unseal(identity: UnlockedIdentity, purpose: str, blob: bytes, path: str) -> bytes:
    """The body of a sealed file; raises :class:`LocalStateTamperedError` on any doubt."""
    try:
        plain = decrypt_bytes([identity.age_identity], blob)
    except AgeNoMatchError:
        raise LocalStateTamperedError(path=path, detail=T("it belongs to another identity",
                                                          "tệp thuộc về một danh tính khác")) from None
    except AgeError as exc:
        raise LocalStateTamperedError(path=path, detail=str(exc)) from None
    if not plain.startswith(MAGIC):
        raise UnauthenticatedStateError(plain, path=path, detail=_NOT_SEALED)
    tag, body = plain[len(MAGIC):len(MAGIC) + TAG_SIZE], plain[len(MAGIC) + TAG_SIZE:]
    if len(tag) != TAG_SIZE or not hmac.compare_digest(tag, _tag(identity, purpose, body)):
        raise LocalStateTamperedError(path=path, detail=_BAD_SEAL)
    return body


def write_sealed(path: Path, identity: UnlockedIdentity, purpose: str, body: bytes) -> None:
    """Seal ``body`` and replace ``path`` atomically and durably (raises ``OutputFileError``)."""
    atomic_write(path, seal(identity, purpose, body), durable_name=True)


def read_sealed(path: Path, identity: UnlockedIdentity, purpose: str) -> bytes | None:
    """The body of the sealed file at ``path``, or None if there is no such file."""
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LocalStateError(path=str(path), detail=exc.strerror or str(exc)) from None
    return unseal(identity, purpose, blob, str(path))
