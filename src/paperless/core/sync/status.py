"""What the app says about sync: a plain value the engine produces and the GUI shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from paperless.core.errors import T


class SyncState(StrEnum):
    NOT_CONNECTED = "not_connected"  # no office-server file imported
    SYNCING = "syncing"
    SYNCED = "synced"  # the last round pushed and pulled everything
    OFFLINE = "offline"  # the server did not answer (network down, laptop asleep…)
    REFUSED = "refused"  # the server answered but refused us (not enrolled, bad pin…)
    REVOKED = "revoked"  # this device was revoked; its data was wiped


@dataclass(frozen=True)
class Notice:
    """Something a sync round did that the member should hear of (a conflict kept both, an edit
    won against a deletion…), in both languages."""

    en: str
    vi: str


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState
    address: str = ""  # the server's https://host:port
    last_synced_ms: int | None = None  # wall time of the last complete round
    pending: int = 0  # local changes not yet acknowledged by the server
    detail: T = T("", "")  # why OFFLINE/REFUSED, one line in both languages
    notices: tuple[Notice, ...] = field(default=())


@dataclass(frozen=True)
class SyncReport:
    """The outcome of one round (what ``paperless sync`` prints in one line)."""

    pushed: int
    pulled: int
    conflicts: int
    pending: int
    status: SyncStatus
    changed: tuple[str, ...] = ()  # uuids of the local records this round added or changed


@dataclass(frozen=True)
class DeviceInfo:
    """One of the member's devices as the server lists it (the Devices dialog's row)."""

    device: str
    name: str
    created: str  # as the device wrote it in its certificate (ISO 8601 UTC)
    last_seen_ms: int | None  # milliseconds since the Unix epoch; None: never
    revoked: bool
    wiped: bool  # a revoked device that has acknowledged wiping the member's data
    current: bool  # the device asking
    pending: bool = False  # a new device waiting for approval (the office, or another of the member's devices)


MINUTE_MS = 60_000


def _ago(now_ms: int, then_ms: int) -> T:
    minutes = max(0, now_ms - then_ms) // MINUTE_MS
    if minutes < 1:
        return T("just now", "vừa xong")
    if minutes < 60:
        return T(f"{minutes} minute{'s' if minutes != 1 else ''} ago", f"{minutes} phút trước")
    hours = minutes // 60
    if hours < 24:
        return T(f"{hours} hour{'s' if hours != 1 else ''} ago", f"{hours} giờ trước")
    days = hours // 24
    return T(f"{days} day{'s' if days != 1 else ''} ago", f"{days} ngày trước")


def _waiting(pending: int) -> T:
    return T(f"{pending} change{'s' if pending != 1 else ''} waiting", f"{pending} thay đổi đang chờ gửi")


def _host(address: str) -> str:
    return address.removeprefix("https://").rstrip("/")


def describe(status: SyncStatus, now_ms: int) -> T:
    """The status bar's sentence for ``status`` at wall time ``now_ms``, in both languages."""
    s = status
    if s.state is SyncState.NOT_CONNECTED:
        return T("Not connected to the office server", "Chưa kết nối máy chủ văn phòng")
    if s.state is SyncState.SYNCING:
        return T("Syncing notes\u2026", "Đang đồng bộ ghi chú\u2026")
    if s.state is SyncState.REVOKED:
        return T("This laptop was removed from your devices; its notes were deleted",
                 "Máy này đã bị vô hiệu hoá; ghi chú của đồng chí trên máy đã được xoá")
    if s.state is SyncState.REFUSED:
        why = f": {s.detail.en}" if s.detail.en else ""
        why_vi = f": {s.detail.vi}" if s.detail.vi else ""
        return T(f"The office server refused this laptop{why}", f"Máy chủ văn phòng từ chối máy này{why_vi}")
    if s.state is SyncState.OFFLINE:
        if s.pending:
            w = _waiting(s.pending)
            return T(f"Offline \u2014 {w.en}", f"Ngoại tuyến \u2014 {w.vi}")
        host = _host(s.address)
        return T(f"Cannot reach the office server ({host})", f"Không kết nối được máy chủ văn phòng ({host})")
    if s.last_synced_ms is None:
        return T("Not synced yet", "Chưa đồng bộ")
    ago = _ago(now_ms, s.last_synced_ms)
    text = T(f"Synced {ago.en}", f"Đã đồng bộ {ago.vi}")
    if s.pending:
        w = _waiting(s.pending)
        text = T(f"{text.en} \u2014 {w.en}", f"{text.vi} \u2014 {w.vi}")
    return text

