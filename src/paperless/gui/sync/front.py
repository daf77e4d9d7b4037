"""SyncFront: what the main window composes for sync — the part, the connect flow, the Devices
dialog, the background download of new sessions (``fetching.SessionFetch``), and, while connected,
the read receipts of the open session and the office's recalls (``core.sync.reading``) — given only
the services, the notes controller (its store and model), the Qt-free session model and a parent
for dialogs. It knows nothing of the window; the window connects the menu actions to its slots and
puts its widgets in the status bar.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from paperless.core.bundle import OpenedBundle
from paperless.core.bundle.manifest import OFFICE_NAME
from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.library import Library
from paperless.core.localstate import LocalStateError
from paperless.core.model.session import SessionModel
from paperless.core.sync.reading import ReceiptRecorder, close_on_recall
from paperless.core.sync.recall import RecallEvent
from paperless.core.sync.status import SyncStatus
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.services import AppServices
from paperless.gui.sync import backend
from paperless.gui.sync.connect import BundleOffer, ConnectFlow, Offer
from paperless.gui.sync.devices import DevicesDialog
from paperless.gui.sync.fetching import SessionFetch
from paperless.gui.sync.part import LaneStore, SyncPart

if TYPE_CHECKING:
    from paperless.core.distribution.client import Fetched

RECEIPTS_TOLD = "receipts_notice_shown"  # the member was told once that the office sees what they open


class SyncFront(QObject):
    state_changed = Signal()  # connected / running changed: the actions' enabled state
    message = Signal(str, int)  # a sentence for the status bar, and how long to show it
    device_revoked = Signal()  # this laptop was revoked and wiped: the window forgets the member
    recalled = Signal(str)  # the office recalled this session (id): it was deleted from this computer
    receipts_notice = Signal()  # connected for the first time: tell the member what the office sees

    def __init__(self, services: AppServices, controller: AnnotationController, model: SessionModel,
                 dialogs: QWidget) -> None:
        super().__init__(dialogs)
        self._services, self._controller, self._model, self._dialogs = services, controller, model, dialogs
        tasks = services.tasks
        self.part = SyncPart(tasks, lambda: services.language, self)
        self.fetch = SessionFetch(tasks, lambda: services.language, self)
        self.part.synced.connect(self.fetch.fetch_now)  # a round reached the server: anything new?
        self.fetch.running_changed.connect(lambda _running: self.state_changed.emit())
        self.fetch.fetched.connect(self._received)
        self._engine: backend.GuiEngine | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        self.part.status_changed.connect(self.state_changed)
        self.part.notice.connect(lambda text: self.message.emit(text, 10_000))
        self.part.records_arrived.connect(controller.model.apply)
        self.part.revoked.connect(self._revoked)
        controller.changed.connect(lambda _doc: self.part.local_change())
        controller.notes_changed.connect(self.part.local_change)
        self._identity: UnlockedIdentity | None = None
        self._library: Library | None = None
        self.connect_flow = ConnectFlow(services.files, tasks.pool, self._check, self._keep, lambda: services.language,
                                        self)
        self.connect_flow.connected.connect(self._start_engine)
        self.bundle_offer = BundleOffer(tasks.pool, self._offer, self._keep_bundled, lambda: services.language, self)
        self.bundle_offer.connected.connect(self._start_engine)
        self.devices_dialog: DevicesDialog | None = None

    @property
    def connected(self) -> bool:
        return self.part.connected

    @property
    def engine(self) -> backend.GuiEngine | None:
        """The engine while connected (the meeting room signs in through it)."""
        return self._engine

    @property
    def running(self) -> bool:
        return self.part.running

    def retranslate(self) -> None:
        self.part.retranslate()
        self.fetch.retranslate()
        if self.devices_dialog is not None:
            self.devices_dialog.retranslate()

    # -- life cycle ---------------------------------------------------------------------------

    def start(self, identity: UnlockedIdentity, library: Library) -> None:
        """Unlocked: sync if this library is connected to an office server."""
        self._identity, self._library = identity, library
        self._start_engine()

    def stop(self) -> None:
        self._detach()
        self._identity = self._library = None

    def _detach(self) -> None:
        self.fetch.detach()
        self.part.detach()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        self._engine = None

    def _start_engine(self) -> None:
        identity, library = self._identity, self._library
        if identity is None or library is None:
            return
        tasks, services = self._services.tasks, self._services
        if not backend.is_connected(library.folder):
            self._detach()
            return

        def make() -> tuple[backend.GuiEngine, SyncStatus]:
            store = self._controller.ensure_store(library.folder, identity)  # on the database lane
            # the app's own library, each of its calls on the database lane: a recall or the retention
            # in a round changes the library the app shows and saves
            engine = backend.GuiEngine(identity, library.folder, LaneStore(store, tasks.db), services.trusted,
                                       device_name=socket.gethostname() or "Paperless",
                                       library=LaneStore(library, tasks.db),
                                       consultation=services.consultation)
            # what to show until the first round ends, read here with the store itself: on this lane a
            # call through the LaneStore would wait for itself, and on the GUI thread it would wait for
            # whatever the database lane is doing
            return engine, backend.first_status(store, engine.address)

        tasks.db.run(make, lambda made: self._attach(*made))

    def _attach(self, engine: backend.GuiEngine, status: SyncStatus) -> None:
        """Connected: rounds, downloads, read receipts of the open session, recalls carried out."""
        self._detach()
        tasks = self._services.tasks
        self._unsubscribe.append(close_on_recall(engine, self._model))  # on the network lane: the model is Qt-free
        told = tasks.callback(self, SyncFront._recall_done)
        self._unsubscribe.append(engine.recalled.subscribe(told))
        recorder = ReceiptRecorder(self._model, engine.receipts, run=self._on_database_lane)
        self._unsubscribe.append(recorder.stop)
        self._engine = engine
        self._already_open(engine)
        self.fetch.attach(engine.fetcher)
        self.part.attach(engine, status)
        settings = self._services.settings
        if not settings.flag(RECEIPTS_TOLD):
            settings.set_flag(RECEIPTS_TOLD, True)
            self.receipts_notice.emit()

    def _on_database_lane(self, job: Callable[[], None]) -> object:
        """A receipt is written to its sealed queue on the database lane. A damaged queue is refused
        (never reset): the sync round says so; reading goes on."""

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, LocalStateError):
                self._services.tasks.report(exc)

        return self._services.tasks.db.run(job, None, refused)

    def _already_open(self, engine: backend.GuiEngine) -> None:
        """Connected while a session is open: what the recorder would have said when it opened."""
        opened, current = self._model.opened, self._model.current
        if opened is None:
            return
        sid, version = opened.manifest.session_id, opened.manifest.version
        entries = self._model.readable_entries()
        outbox = engine.receipts

        def record() -> None:
            for entry in entries:
                outbox.record(sid, version, "received", entry=entry)
            if current is not None:
                outbox.record(sid, version, "opened", entry=current)

        self._on_database_lane(record)

    def _received(self, fetched: Fetched) -> None:
        """A session (version) came from the office server: received, for every document the member may read."""
        engine, library = self._engine, self._library
        if engine is None or library is None:
            return
        outbox = engine.receipts

        def record() -> None:
            if library.has_session(fetched.session_id):
                for entry in library.session(fetched.session_id).readable:
                    outbox.record(fetched.session_id, fetched.version, "received", entry=entry)

        self._on_database_lane(record)

    def _recall_done(self, event: RecallEvent) -> None:
        self.recalled.emit(event.session_id)

    def fetch_sessions(self) -> None:
        """File ▸ Fetch new sessions: list what is new on the office server and download it now."""
        self.fetch.fetch_now(asked=True)

    # -- actions ------------------------------------------------------------------------------

    def connect_office(self) -> None:
        self.connect_flow.run(self._dialogs)

    def bundle_opened(self, opened: OpenedBundle, _record: object = None) -> None:
        """A session was opened (OpenFlow.opened): if it carries the office's server file, offer it."""
        raw = opened.office_file
        if raw is not None and self._library is not None:
            self.bundle_offer.offer(raw, opened.signer, f"{opened.path.name} ({OFFICE_NAME})", self._dialogs)

    def sync_now(self) -> None:
        self.part.sync_now()

    def show_devices(self) -> None:
        engine = self.part.engine
        if engine is None:
            return
        if self.devices_dialog is not None:
            self.devices_dialog.raise_()
            self.devices_dialog.activateWindow()
            return
        tasks = self._services.tasks
        dialog = DevicesDialog(tasks, tasks.network, engine.devices, engine.revoke, engine.approve,
                               lambda: self._services.language, self._dialogs)
        dialog.finished.connect(self._devices_closed)
        self.devices_dialog = dialog
        dialog.open()

    def _devices_closed(self) -> None:
        if self.devices_dialog is not None:
            self.devices_dialog.deleteLater()
        self.devices_dialog = None

    # -- what the core does -------------------------------------------------------------------

    def _check(self, path: Path) -> str:
        """On the pool lane: the file's signature and shape; the server's address."""
        return backend.check_office_file(path, self._services.trusted())

    def _keep(self, path: Path) -> None:
        library = self._library
        if library is None:
            raise RuntimeError("not unlocked")
        backend.keep_office_file(path, library.folder, self._services.trusted())

    def _offer(self, raw: bytes, signer: PublicCard, label: str) -> Offer:
        """On the pool lane: the session's office file checked, and what connecting would change."""
        library = self._library
        if library is None:  # locked meanwhile: nothing to offer
            return Offer("", None, True, ("", ""))
        return backend.bundle_offer(raw, signer, label, library.folder, self._services.trusted())

    def _keep_bundled(self, raw: bytes, signer: PublicCard, label: str) -> None:
        backend.keep_bundled_office(raw, signer, label, self._folder(), self._services.trusted())

    def _folder(self) -> Path:
        library = self._library
        if library is None:
            raise RuntimeError("not unlocked")
        return library.folder

    def _revoked(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("This computer was revoked"),
                          self.tr("This computer was removed from your devices (by you on another computer, or by "
                                  "the office). Your notes and sessions on it have been deleted."),
                          QMessageBox.StandardButton.Ok, self._dialogs)
        box.setObjectName("revokedMessage")
        box.finished.connect(box.deleteLater)
        box.open()
        self._identity = self._library = None
        self.device_revoked.emit()
        self.state_changed.emit()
