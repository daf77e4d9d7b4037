"""The GUI's one door to ``paperless.core.sync``: checking and keeping the office-server file,
and the engine the sync part drives (with the records a round changed, for the notes model)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.notes import Record
from paperless.core.sync.protocol import OFFICE_FILE
from paperless.core.sync.status import DeviceInfo, SyncReport, SyncStatus


def is_connected(library_folder: Path) -> bool:
    """This library keeps an office-server file (checked again when the engine is made)."""
    return (library_folder / OFFICE_FILE).is_file()


def check_office_file(path: Path, trusted: Sequence[PublicCard]) -> str:
    raise NotImplementedError


def keep_office_file(path: Path, library_folder: Path, trusted: Sequence[PublicCard]) -> None:
    raise NotImplementedError


class GuiEngine:
    def __init__(self, identity: UnlockedIdentity, library_folder: Path, store: object,
                 trusted: Sequence[PublicCard], *, device_name: str) -> None:
        raise NotImplementedError

    def sync_once(self, progress: Callable[[int, int], None] | None = None) -> SyncReport:
        raise NotImplementedError

    def status(self) -> SyncStatus:
        raise NotImplementedError

    def changed_records(self) -> list[Record]:
        raise NotImplementedError

    def devices(self) -> list[DeviceInfo]:
        raise NotImplementedError

    def revoke(self, device: str) -> None:
        raise NotImplementedError
