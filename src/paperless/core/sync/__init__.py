"""Sync of a member's sealed notes with the office server (Qt-free; see docs/sync-protocol.md).

What the app calls::

    from paperless.core.sync import SyncEngine, import_office_file
    engine = SyncEngine(identity, library.folder, store)        # the office file kept in library.folder
    report = engine.sync_once(progress=None)                    # background thread; never raises for network
    engine.status() -> SyncStatus                               # cheap, any thread
    engine.devices() -> list[DeviceInfo]; engine.revoke(device_id); engine.approve(device_id)
                                                                # raise SyncError when the server cannot be asked
    engine.cancel()                                             # any thread, at shutdown: the round returns at once
"""

from typing import TYPE_CHECKING

from paperless.core.sync.errors import (
    DeviceRevokedError,
    NotConnectedError,
    OfficeFileError,
    OfflineError,
    PendingApprovalError,
    RefusedError,
    SyncCancelledError,
    SyncError,
)
from paperless.core.sync.office import OfficeServer, import_office_file, load_office, parse_office_file
from paperless.core.sync.status import DeviceInfo, Notice, SyncReport, SyncState, SyncStatus

if TYPE_CHECKING:
    from paperless.core.sync.engine import SyncEngine


def __getattr__(name: str) -> object:
    """``SyncEngine`` is imported when first asked for: it brings the notes store (SQLAlchemy),
    which the app loads only once the member's notes are opened (start-up stays quick)."""
    if name == "SyncEngine":
        from paperless.core.sync.engine import SyncEngine

        return SyncEngine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "DeviceInfo",
    "DeviceRevokedError",
    "NotConnectedError",
    "Notice",
    "OfficeFileError",
    "OfficeServer",
    "OfflineError",
    "PendingApprovalError",
    "RefusedError",
    "SyncEngine",
    "SyncCancelledError",
    "SyncError",
    "SyncReport",
    "SyncState",
    "SyncStatus",
    "import_office_file",
    "load_office",
    "parse_office_file",
]
