"""The GUI's one door to ``paperless.core.sync``: checking and keeping the office-server file,
and the engine the sync part drives (with the records a round changed, for the notes model).

The engine works on the app's own open library (``library``: recalls and retention in the app's
rounds change the library the app shows and saves, never a second copy read from disk); the GUI
passes it wrapped so that each of its calls runs on the ONE database lane (``part.LaneStore``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.notes import Record
from paperless.core.sync import DeviceInfo, import_office_file, parse_office_file
from paperless.core.sync.errors import OfficeFileError
from paperless.core.sync.office import bundled_office, import_office_bytes, load_office, office_path, same_server
from paperless.core.sync.status import SyncReport, SyncState, SyncStatus
from paperless.gui.sync.connect import Offer

if TYPE_CHECKING:
    from paperless.core.consultation.book import ConsultationBook
    from paperless.core.distribution.client import Fetcher
    from paperless.core.library import Library
    from paperless.core.model.observers import Observers
    from paperless.core.sync.device import DeviceKey
    from paperless.core.sync.recall import RecallEvent
    from paperless.core.sync.receipts import ReceiptsOutbox
    from paperless.core.sync.transport import Connection


def is_connected(library_folder: Path) -> bool:
    """This library keeps an office-server file (checked again by the engine at every round)."""
    return office_path(library_folder).is_file()


def check_office_file(path: Path, trusted: Sequence[PublicCard]) -> str:
    """The server's address, once the file's signature and shape are checked (raises a known error)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise OfficeFileError(path=str(path), detail=exc.strerror or str(exc)) from None
    return parse_office_file(raw, trusted, str(path)).url


def keep_office_file(path: Path, library_folder: Path, trusted: Sequence[PublicCard]) -> None:
    import_office_file(path, library_folder, trusted)


def bundle_offer(raw: bytes, signer: PublicCard, label: str, library_folder: Path,
                 trusted: Sequence[PublicCard]) -> Offer:
    """What connecting to the server a session's office file names would change (raises a known
    error if the file does not verify as one given on its own, signed by the session's office)."""
    server = bundled_office(raw, signer, label, trusted)
    try:
        current = load_office(library_folder, trusted)
    except OfficeFileError:
        current = None  # the kept file no longer verifies (a card no longer trusted …): not connected
    same = current is not None and same_server(current, server)
    return Offer(server.url, current.url if current is not None else None, same,
                 (server.url, server.certificate_sha256))


def keep_bundled_office(raw: bytes, signer: PublicCard, label: str, library_folder: Path,
                        trusted: Sequence[PublicCard]) -> None:
    """Verify the session's office file again and keep it: this library now syncs with its server."""
    bundled_office(raw, signer, label, trusted)
    import_office_bytes(raw, label, library_folder, trusted)


def first_status(store: Any, address: str) -> SyncStatus:
    """The status shown before the first round ends (SYNCING: the app starts one at once), read
    from the store directly — call it on the database lane."""
    return SyncStatus(SyncState.SYNCING, address, store.last_synced(), store.sync_pending())


class GuiEngine:
    """The core's engine with what the GUI needs besides: the records the last round changed.

    ``store`` is the notes store as seen from the network lane (``part.LaneStore``: each call runs
    on the database lane)."""

    def __init__(self, identity: UnlockedIdentity, library_folder: Path, store: object,
                 trusted: Callable[[], Sequence[PublicCard]], *, device_name: str,
                 library: object | None = None, consultation: ConsultationBook | None = None) -> None:
        from paperless.core.sync.engine import SyncEngine  # the notes store's SQLAlchemy: on the database lane

        self._store: Any = store
        self._library: Any = library  # the app's library as seen from the network lane (a LaneStore)
        self._trusted = trusted
        self._engine = SyncEngine(identity, library_folder, cast(Any, store), device_name=device_name,
                                  trusted=trusted, library=(lambda: self._library) if library is not None else None,
                                  consultation=consultation)
        self._changed: tuple[str, ...] = ()
        # told (on the network lane) after a recall was carried out on this device
        self.recalled: Observers[RecallEvent] = self._engine.recalled

    @property
    def receipts(self) -> ReceiptsOutbox:
        return self._engine.receipts

    def fetcher(self) -> Fetcher:
        """A downloader of the sessions published for the member, into the app's library (network lane)."""
        from paperless.core.distribution.client import Fetcher

        if self._library is None:
            raise RuntimeError("no library to fetch into")
        return Fetcher(cast("Library", self._library), self._engine.authorized, trusted=self._trusted)

    def authorized(self) -> tuple[Connection, str]:
        """The pinned connection and a live token (network; blocks while a round runs)."""
        conn, token = self._engine.authorized()
        return cast("Connection", conn), token

    def meeting_authorized(self) -> tuple[Connection, str]:
        """The pinned connection and the meeting room's own token (network; never waits on a round)."""
        conn, token = self._engine.meeting_authorized()
        return cast("Connection", conn), token

    def device_key(self) -> DeviceKey:
        """This laptop's device key, registered with the server (network): it signs meeting events."""
        return self._engine.device_key()

    def sync_once(self, progress: Callable[[int, int], None] | None = None) -> SyncReport:
        report = self._engine.sync_once(progress)
        self._changed = report.changed
        return report

    @property
    def address(self) -> str:
        return self._engine.address

    def status(self) -> SyncStatus:
        return self._engine.status()

    def changed_records(self) -> list[Record]:
        changed, self._changed = self._changed, ()
        return list(self._store.records(changed)) if changed else []

    def devices(self) -> list[DeviceInfo]:
        return self._engine.devices()

    def revoke(self, device: str) -> None:
        self._engine.revoke(device)

    def approve(self, device: str) -> None:
        self._engine.approve(device)

    def cancel(self) -> None:
        self._engine.cancel()
