"""What the clerk's workspace asks of the office server, without Qt and without HTTP details.

:class:`OfficeService` is the narrow interface the workspace's Publish and Follow pages use; the
real one talks HTTPS to the office server as the clerk (the signer of ``office-server.toml``),
pinning its certificate. :class:`NoOffice` is the null implementation for a workspace with no
server configured: each call fails with one clear message, and the pages offer "save the file
for a USB stick" instead.

Every call blocks; the GUI runs them on the task layer, never on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from paperless.core.errors import PaperlessError
from paperless.core.identity import UnlockedIdentity


@dataclass(frozen=True)
class PublishedVersion:
    session_id: str
    version: int
    sha256: str
    size: int
    enrolled: int  # members enrolled on the server the bundle is encrypted to
    new: bool  # False: this very file was already published (nothing changed)


@dataclass(frozen=True)
class ReceiptEntry:
    member: str  # fingerprint
    member_name: str
    device: str
    version: int
    target: str  # "" for the session itself, else the document's entry
    event: str  # "received", "opened", "read_to_end"
    at: str  # ISO 8601, as the device signed it


@dataclass(frozen=True)
class RecallEntry:
    recall_id: str
    session_id: str
    item: int | None  # None: the whole session
    recalled_at: int  # ms since the epoch (server clock)
    member_name: str
    device: str
    device_name: str
    acked_at: int | None  # None: the device has not confirmed yet
    revoked: bool  # the device was revoked meanwhile (it wipes everything anyway)


@dataclass(frozen=True)
class HeldEnvelope:
    """A member's sealed comment or poll answer as the server holds it (fits
    :class:`paperless.office.collect.Envelope`); only the office's key opens ``sealed``."""

    member: str
    kind: str
    session_id: str
    key: str
    revision: int
    received: int
    sealed: bytes


class OfficeService(Protocol):
    def publish(self, bundle: Path, due: datetime | None = None) -> PublishedVersion: ...
    def receipts(self, session_id: str) -> list[ReceiptEntry]: ...
    def recall(self, session_id: str, item: int | None = None) -> None: ...
    def recall_status(self, session_id: str) -> list[RecallEntry]: ...
    def envelopes(self, session_id: str) -> list[HeldEnvelope]: ...


class NoOfficeError(PaperlessError):
    en = ("This workspace is not connected to an office server (choose the office-server.toml file in "
          "the session's settings), so it can only save the bundle as a file.")
    vi = ("Không gian làm việc này chưa kết nối máy chủ của Văn phòng (chọn tệp office-server.toml trong "
          "phần thiết lập phiên họp), nên chỉ lưu được gói thành tệp.")


class NoOffice:
    """The null :class:`OfficeService`: no server configured."""

    def publish(self, bundle: Path, due: datetime | None = None) -> PublishedVersion:
        raise NoOfficeError()

    def receipts(self, session_id: str) -> list[ReceiptEntry]:
        raise NoOfficeError()

    def recall(self, session_id: str, item: int | None = None) -> None:
        raise NoOfficeError()

    def recall_status(self, session_id: str) -> list[RecallEntry]:
        raise NoOfficeError()

    def envelopes(self, session_id: str) -> list[HeldEnvelope]:
        raise NoOfficeError()


class OfficeLink:
    """The :class:`OfficeService` of a workspace: the server its draft names (``office_server``,
    the signed ``office-server.toml``), reached as the office whose identity ``identity`` gives.

    The client is made at the first call and made again when the file or the identity changes
    (the clerk chose another server, or unlocked the office's key in the Publish step). Without a
    server file every call is :class:`NoOffice`'s; without the office's key unlocked, a clear
    message. Any thread (calls are serialised)."""

    def __init__(self, office_file: Callable[[], Path | None],
                 identity: Callable[[], UnlockedIdentity | None]) -> None:
        self._office_file = office_file
        self._identity = identity
        self._lock = threading.Lock()
        self._client: OfficeService | None = None
        self._key: tuple[Path, float, str] | None = None

    def _service(self) -> OfficeService:
        path = self._office_file()
        if path is None:
            return NoOffice()
        identity = self._identity()
        if identity is None:
            raise OfficeLockedError()
        try:
            mtime = path.stat().st_mtime
        except OSError:
            mtime = -1.0  # the client says what is wrong with the file
        key = (path, mtime, identity.card.fingerprint)
        if self._client is None or key != self._key:
            from paperless.core.clerk.office_client import OfficeClient

            self._client = OfficeClient.from_file(path, identity)
            self._key = key
        return self._client

    def publish(self, bundle: Path, due: datetime | None = None) -> PublishedVersion:
        with self._lock:
            return self._service().publish(bundle, due)

    def receipts(self, session_id: str) -> list[ReceiptEntry]:
        with self._lock:
            return self._service().receipts(session_id)

    def recall(self, session_id: str, item: int | None = None) -> None:
        with self._lock:
            self._service().recall(session_id, item)

    def recall_status(self, session_id: str) -> list[RecallEntry]:
        with self._lock:
            return self._service().recall_status(session_id)

    def envelopes(self, session_id: str) -> list[HeldEnvelope]:
        with self._lock:
            return self._service().envelopes(session_id)


class OfficeLockedError(PaperlessError):
    en = "Unlock the office's identity first (build the session in the Build and publish step, with its passphrase)."
    vi = "Hãy mở khóa danh tính của Văn phòng trước (tạo gói ở bước Tạo gói và phát hành, với cụm mật khẩu)."
