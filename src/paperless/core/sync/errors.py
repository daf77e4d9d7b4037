"""The sync's errors: each a one-line message in both languages."""

from __future__ import annotations

from typing import Any

from paperless.core.errors import PaperlessError


class SyncError(PaperlessError):
    en = "Sync with the office server failed: {detail}"
    vi = "Không đồng bộ được với máy chủ văn phòng: {detail}"


class OfficeFileError(SyncError):
    en = "{path} is not a valid office-server file: {detail}"
    vi = "{path} không phải là tệp máy chủ văn phòng hợp lệ: {detail}"


class NotConnectedError(SyncError):
    en = "Not connected to an office server yet (paperless connect FILE)."
    vi = "Chưa kết nối với máy chủ văn phòng (paperless connect TỆP)."


class OfflineError(SyncError):
    """The server did not answer (network down, refused connection, timeout, cut)."""

    en = "Cannot reach the office server ({address}): {detail}"
    vi = "Không liên lạc được với máy chủ văn phòng ({address}): {detail}"


class RefusedError(SyncError):
    """The server answered but will not serve us, or is not the pinned server."""

    en = "The office server ({address}) refused: {detail}"
    vi = "Máy chủ văn phòng ({address}) từ chối: {detail}"


class ProtocolError(RefusedError):
    """An answer that is not what the protocol says."""

    en = "The office server ({address}) answered something unexpected: {detail}"
    vi = "Máy chủ văn phòng ({address}) trả lời không đúng giao thức: {detail}"


class HttpError(RefusedError):
    """A 4xx answer with its protocol code."""

    def __init__(self, status: int, code: str, *, answer: dict[str, Any] | None = None, **params: object) -> None:
        super().__init__(**params)
        self.status = status
        self.code = code
        self.answer: dict[str, Any] = answer or {}  # the JSON body of the 4xx, as the server sent it


class ServerError(OfflineError):
    """A 5xx answer (or a proxy's): retried like a network failure."""


class DeviceRevokedError(SyncError):
    en = "This device was revoked; the member's notes on it were removed."
    vi = "Thiết bị này đã bị vô hiệu hoá; ghi chú của đồng chí trên máy này đã được xoá."


class SyncCancelledError(OfflineError):
    """The engine was cancelled (the app is closing): no more requests."""

    en = "Sync stopped."
    vi = "Đã dừng đồng bộ."


class PendingApprovalError(RefusedError):
    """A new device of a member who has revoked one: the server waits for the office or another of
    the member's devices to approve it (``403 device_pending``)."""

    en = ("This computer waits for approval: ask the office, or approve it from another of your computers "
          "(File ▸ My devices).")
    vi = ("Máy này đang chờ được duyệt: hãy nhờ văn phòng, hoặc duyệt từ một máy khác của đồng chí "
          "(Tệp ▸ Thiết bị của tôi).")
