"""What the app says about sync: a plain value the engine produces and the GUI shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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
    detail: str = ""  # why OFFLINE/REFUSED, one line (already in the member's language)
    notices: tuple[Notice, ...] = field(default=())


@dataclass(frozen=True)
class SyncReport:
    """The outcome of one round (what ``paperless sync`` prints in one line)."""

    pushed: int
    pulled: int
    conflicts: int
    pending: int
    status: SyncStatus
