"""Opening a session: check → open → show, with a clear dialog for each refusal; then keep a copy.

A file from elsewhere is checked the cheap way (signature, manifest, entry list and sizes,
the agenda's hash), checked against rollback and for this member, remembered and shown —
reading the user's file: nothing on this path costs time in proportion to the bundle's size.
Each document is checked against its signed hash before it is first shown. Then, on the task
layer's low-priority background lane, the library keeps a copy (``core.library.keep_copy``: a
hard link or a copy, every entry's hash checked; cancelled when the window closes or a newer
version is opened); a damaged bundle is then dropped from the library and said so, a failed
copy (disk full …) is said so and the session goes on reading the user's file. A session from
the library is reopened with the identity already unlocked. Refusals —
unknown signer, tampering, an older version, not sent to this member — come from the core
with a one-line message in Vietnamese and English; the dialog adds a short headline and advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from paperless.core.bundle import OpenedBundle, UnknownSignerError
from paperless.core.errors import PaperlessError
from paperless.core.library import Library, SessionRecord, import_bundle, keep_copy, reopen_session
from paperless.gui.dialogs.errors import error_message_box, show_failure
from paperless.gui.dialogs.trust import choose_and_trust
from paperless.gui.services import AppServices
from paperless.gui.tasks import Task

BUNDLE_SUFFIX = ".paperless"
STOP_WAIT_S = 10.0  # at most, when the window closes, for a cancelled copy to clean up


@dataclass
class _Copy:
    key: tuple[int, str]  # version, the file read
    task: Task


class OpenFlow(QObject):
    opened = Signal(object, object)  # OpenedBundle, SessionRecord
    started = Signal(str)  # what is being opened (file name), for the status bar
    refused = Signal(object)  # the PaperlessError, after its dialog is shown
    kept = Signal(str, object)  # session id, the library's copy (Path), or None if no longer wanted
    keep_failed = Signal(str, object)  # session id, the PaperlessError, after its dialog is shown

    def __init__(self, services: AppServices, window: QWidget) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self.busy = False
        self.last_dialog: QMessageBox | None = None
        self._copies: dict[str, _Copy] = {}
        window.installEventFilter(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_copies)

    def open_file(self, path: Path) -> None:
        library = self._services.library
        if library is None or self.busy:
            return
        trusted = self._services.trusted()
        self.busy = True
        self.started.emit(path.name)
        self._services.tasks.pool.run(lambda: import_bundle(library, path, trusted),
                                      self._done, self._failed)

    def reopen(self, record: SessionRecord) -> None:
        library = self._services.library
        if library is None or self.busy:
            return
        trusted = self._services.trusted()
        self.busy = True
        self.started.emit(record.title)
        self._services.tasks.pool.run(lambda: reopen_session(library, record, trusted),
                                      self._done, self._failed)

    def _done(self, opened: OpenedBundle) -> None:
        self.busy = False
        library = self._services.library
        if library is None:
            opened.close()
            return
        record = library.session(opened.manifest.session_id)
        if library.copy_wanted(opened.manifest.session_id) is not None:
            self._keep(library, opened)  # before the session is shown: its file is still open
        self.opened.emit(opened, record)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if not isinstance(exc, PaperlessError):
            self._services.tasks.report(exc)
            return
        if isinstance(exc, UnknownSignerError):
            box = error_message_box(self._window, exc, self._services.language)
            trust_button = box.addButton(self.tr("Trust an office card\u2026"), QMessageBox.ButtonRole.ActionRole)
            trust_button.clicked.connect(lambda: choose_and_trust(self._services, self._window))
            box.open()
            self.last_dialog = box
        else:
            self.last_dialog = show_failure(self._window, exc, self._services.language)
        self.refused.emit(exc)

    # -- the library's copy, in the background ------------------------------------------------

    @property
    def copying(self) -> bool:
        return bool(self._copies)

    def _keep(self, library: Library, opened: OpenedBundle) -> None:
        """Start copying the bundle into the library if it is still read from elsewhere (on the
        task layer's low-priority background lane; cancelled when no longer wanted)."""
        manifest = opened.manifest
        sid = manifest.session_id
        source = library.copy_wanted(sid)
        if source is None:
            return
        key = (manifest.version, str(source))
        running = self._copies.get(sid)
        if running is not None:
            if running.key == key:
                return
            running.task.cancel()  # an older version or another file: its result is not wanted
        trusted = self._services.trusted()
        try:
            from_file = opened.duplicate_file()  # the copy is of the file opened, whatever the path names later
        except PaperlessError as exc:
            self.last_dialog = show_failure(self._window, exc, self._services.language)
            return
        task = Task(f"keep-{sid[:8]}")
        job = _Copy(key, task)
        self._copies[sid] = job

        def done(result: Path | None) -> None:
            self._copied(job, sid)
            self.kept.emit(sid, result)

        def failed(error: BaseException) -> None:
            self._copied(job, sid)
            if isinstance(error, PaperlessError):
                self.last_dialog = show_failure(self._window, error, self._services.language)
                self.keep_failed.emit(sid, error)
            else:
                self._services.tasks.report(error)

        def work() -> Path | None:
            return keep_copy(library, manifest, source, trusted, cancel=task.cancelled, opened=from_file)

        self._services.tasks.background.run(work, done, failed, task=task)

    def _copied(self, job: _Copy, sid: str) -> None:
        if self._copies.get(sid) is job:
            del self._copies[sid]

    def stop_copies(self) -> None:
        """Cancel the copies still running and wait for them to remove their temporary files."""
        jobs = list(self._copies.values())
        self._copies.clear()
        for job in jobs:
            job.task.cancel()
        for job in jobs:
            job.task.wait(STOP_WAIT_S)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.stop_copies()
        return False


def bundle_paths(paths: list[Path]) -> list[Path]:
    """The session files among dropped files."""
    return [p for p in paths if p.suffix.lower() == BUNDLE_SUFFIX and p.is_file()]
