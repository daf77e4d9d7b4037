"""The workspace's "Build, check, publish" page (issue 13).

Top to bottom, in the order the clerk works:

1. **What changed** since the last published version (``.published/last.json``,
   :mod:`paperless.core.clerk.revision`), and the version this build will carry (last + 1);
2. **Preview as a member…** (:class:`~.preview_dialog.MemberPreviewDialog`);
3. **Build and sign**: the clerk's passphrase (unless the workspace holds the unlocked office
   identity), then the build with its stage and a bar, then the check of the written bundle —
   "Signed by …, 5 documents, 3 items, version 2". Esc or Cancel stops it; nothing is left behind;
4. **Publish to the office server** (:class:`~paperless.core.clerk.office.OfficeService`) or
   **Save for a USB stick…**; either records the version as published.

All slow work (hashing the documents for the changes, preparing a preview, building, publishing,
copying) runs on the task layer's pool lane; the page only shows progress and results. It reads
the draft from the :class:`~paperless.gui.clerk.controller.WorkspaceController` and never changes it.
"""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from paperless.core.clerk.draft import SessionDraft
from paperless.core.clerk.office import NoOfficeError, OfficeService, PublishedVersion
from paperless.core.clerk.preview import PreparedSession, prepare_preview
from paperless.core.clerk.publishing import (
    BuildCancelledError,
    BuildReport,
    CopyCancelledError,
    build_checked,
    save_copy,
)
from paperless.core.clerk.revision import (
    Change,
    PublishedRecord,
    diff,
    load_last,
    next_version,
    save_last,
    snapshot,
)
from paperless.core.clerk.workspace import Happened, WorkspaceEvent
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import UnlockedIdentity
from paperless.core.render import RenderWorker
from paperless.gui.banner import Banner
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.passphrase import ClerkPassphraseDialog
from paperless.gui.clerk.preview_dialog import MemberPreviewDialog
from paperless.gui.files import FilePicker
from paperless.gui.icons import Icons
from paperless.gui.tasks import Tasks

REFRESH_DELAY_MS = 400  # after the last edit, the changes are computed again (hashing the documents)


def copy_name(title: str, version: int, fallback: str) -> str:
    """The file name offered for the USB copy: the session's title and version ("Hội nghị … phiên thứ
    14 (v2).paperless"), which the members recognise, rather than the bundle's identifier; characters no
    file system takes become "-"."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", " ".join(title.split())).strip(" .-")
    if not cleaned:
        return fallback
    return f"{cleaned[:100].rstrip(' .-')} (v{version}){Path(fallback).suffix or '.paperless'}"


def _changes_since(draft: SessionDraft) -> tuple[PublishedRecord | None, list[Change]]:
    last = load_last(draft.folder)
    return last, ([] if last is None else diff(last.items, snapshot(draft)))


class PublishPage(QWidget):
    built = Signal(object)  # BuildReport: a bundle was built and verified
    published = Signal(object)  # PublishedRecord: a version went out (office server or file)
    signer_unlocked = Signal(object)  # UnlockedIdentity: the office's key, for the workspace to keep
    progressed = Signal(str, int, int)  # stage ("prepare", "ocr", "encrypt", "verify", "copy", "publish"), done, total

    def __init__(self, controller: WorkspaceController, tasks: Tasks, office: OfficeService, files: FilePicker,
                 worker: RenderWorker, icons: Icons, signer_folder: Path, language: Callable[[], str],
                 parent: QWidget | None = None, *, signer: UnlockedIdentity | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC), unlock_delay_scale: float = 1.0,
                 due: Callable[[], datetime | None] = lambda: None) -> None:
        """``signer``: the office's identity when the workspace holds it unlocked (else the passphrase
        of ``signer_folder`` is asked at the first build); ``due``: the documents-due date to publish
        with (the office server's reminders), when the session has one."""
        super().__init__(parent)
        self.setObjectName("publishPage")
        self._controller = controller
        self._tasks = tasks
        self._office = office
        self._files = files
        self._worker = worker
        self._icons = icons
        self._signer_folder = signer_folder
        self._signer = signer
        self._language = language
        self._clock = clock
        self._delay_scale = unlock_delay_scale
        self._due = due
        self._edits = 0  # edits of the draft so far: a build that saw fewer is out of date when it ends
        self._scope = tasks.scope()  # the changes list: a newer computation drops an older one
        self.last: PublishedRecord | None = None
        self.changes: list[Change] = []
        self.report: BuildReport | None = None  # the last build (None: none, or the draft changed since)
        self.busy = ""  # "", "preview", "build", "publish", "copy"
        self._cancel: threading.Event | None = None
        self.preview_dialog: MemberPreviewDialog | None = None
        self.passphrase_dialog: ClerkPassphraseDialog | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._build_ui()
        controller.changed.connect(self._draft_changed)
        self.retranslate()
        self._update_buttons()
        self.refresh()

    # -- layout ---------------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        self._heading = QLabel(body)
        font = QFont(self._heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self._heading.setFont(font)
        layout.addWidget(self._heading)
        self.session_line = QLabel(body)
        self.session_line.setWordWrap(True)
        layout.addWidget(self.session_line)

        self._changes_box = QGroupBox(body)
        box = QVBoxLayout(self._changes_box)
        self.version_line = QLabel(self._changes_box)
        self.version_line.setObjectName("versionLine")
        self.version_line.setWordWrap(True)
        bold = QFont(self.version_line.font())
        bold.setBold(True)
        self.version_line.setFont(bold)
        self.change_list = QListWidget(self._changes_box)
        self.change_list.setObjectName("changeList")
        self.change_list.setMinimumHeight(110)
        self.change_list.setWordWrap(True)
        box.addWidget(self.version_line)
        box.addWidget(self.change_list)
        layout.addWidget(self._changes_box)

        self._build_box = QGroupBox(body)
        bbox = QVBoxLayout(self._build_box)
        self.build_hint = QLabel(self._build_box)
        self.build_hint.setWordWrap(True)
        row = QHBoxLayout()
        self.preview_button = QPushButton(self._build_box)
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(self.start_preview)
        self.build_button = QPushButton(self._build_box)
        self.build_button.setObjectName("buildButton")
        self.build_button.clicked.connect(self.start_build)
        self.cancel_button = QPushButton(self._build_box)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.preview_button)
        row.addWidget(self.build_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        self.stage = QLabel(self._build_box)
        self.stage.setObjectName("stageLabel")
        self.bar = QProgressBar(self._build_box)
        self.bar.setObjectName("progressBar")
        self.bar.setTextVisible(True)
        self.result = Banner(self._build_box)
        self.result.setObjectName("buildResult")
        self.result.hide()
        bbox.addWidget(self.build_hint)
        bbox.addLayout(row)
        bbox.addWidget(self.stage)
        bbox.addWidget(self.bar)
        bbox.addWidget(self.result)
        layout.addWidget(self._build_box)

        self._publish_box = QGroupBox(body)
        pbox = QVBoxLayout(self._publish_box)
        self.publish_hint = QLabel(self._publish_box)
        self.publish_hint.setWordWrap(True)
        prow = QHBoxLayout()
        self.publish_button = QPushButton(self._publish_box)
        self.publish_button.setObjectName("publishButton")
        self.publish_button.clicked.connect(self.start_publish)
        self.usb_button = QPushButton(self._publish_box)
        self.usb_button.setObjectName("usbButton")
        self.usb_button.clicked.connect(self.start_save_copy)
        prow.addWidget(self.publish_button)
        prow.addWidget(self.usb_button)
        prow.addStretch(1)
        self.publish_result = Banner(self._publish_box)
        self.publish_result.setObjectName("publishResult")
        self.publish_result.hide()
        pbox.addWidget(self.publish_hint)
        pbox.addLayout(prow)
        pbox.addWidget(self.publish_result)
        layout.addWidget(self._publish_box)
        layout.addStretch(1)
        self._idle_progress()

    def retranslate(self) -> None:
        self._heading.setText(self.tr("Build, check and publish"))
        self._changes_box.setTitle(self.tr("What changed since the last published version"))
        self._build_box.setTitle(self.tr("Build and sign"))
        self._publish_box.setTitle(self.tr("Publish"))
        self.build_hint.setText(self.tr(
            "Building encrypts every document for the members allowed to read it and signs the bundle with the "
            "office's key. Then the bundle is checked as a member's computer will check it."))
        self.preview_button.setText(self.tr("&Preview as a member\u2026"))
        self.preview_button.setToolTip(self.tr("See the agenda and the documents as one member will see them"))
        self.build_button.setText(self.tr("&Build and sign"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop (Esc); nothing is left half written"))
        self.publish_hint.setText(self.tr(
            "Send the checked bundle to the office server, where members' computers fetch it, or save it as a "
            "file to hand out on a USB stick."))
        self.publish_button.setText(self.tr("Publish to the &office server"))
        self.usb_button.setText(self.tr("&Save for a USB stick\u2026"))
        self._show_session()
        self._show_changes()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc, from anywhere on the page, stops what is running (a child that wants Esc keeps it)."""
        if event.key() == Qt.Key.Key_Escape and self.busy in ("preview", "build", "copy"):
            self.cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """Shown again (the clerk may have replaced a file meanwhile): the changes computed afresh."""
        super().showEvent(event)
        self._show_session()
        self.refresh()

    def _t(self, text: T) -> str:
        return text.vi if self._language() == "vi" else text.en

    def _error(self, exc: PaperlessError) -> str:
        return exc.message(self._language())

    # -- the draft and its changes -----------------------------------------------------------------

    @property
    def draft(self) -> SessionDraft:
        return self._controller.draft

    @property
    def version(self) -> int:
        return next_version(self.last)

    def _draft_changed(self, event: WorkspaceEvent) -> None:
        if event.happened is Happened.SAVED:
            return
        self._edits += 1
        if self.report is not None and self.busy != "publish":
            self.report = None  # the bundle no longer says what the draft says
            self.result.show_message(self.tr("The session changed after the last build; build it again before "
                                             "publishing."), "warning", self._icons.get("warning"))
        self._show_session()
        self._update_buttons()
        self._refresh_timer.start()

    def refresh(self) -> None:
        """Read the record of the last published version and compute the changes since (pool lane)."""
        draft = copy.deepcopy(self.draft)
        self._scope.renew()
        self._scope.run(self._tasks.pool, lambda: _changes_since(draft), self._changes_known, self._changes_failed)

    def _changes_known(self, result: tuple[PublishedRecord | None, list[Change]]) -> None:
        self.last, self.changes = result
        self._show_changes()
        self._update_buttons()

    def _changes_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PaperlessError):
            self._tasks.report(exc)
            return
        self.last, self.changes = None, []
        self.version_line.setText(self._error(exc))
        self.change_list.clear()

    def _show_session(self) -> None:
        d = self.draft
        when = d.starts_at.strftime("%H:%M, %d/%m/%Y") if d.starts_at is not None else ""
        self.session_line.setText(" \u2014 ".join(p for p in (d.title, when, d.location) if p))

    def _show_changes(self) -> None:
        self.change_list.clear()
        if self.last is None:
            self.version_line.setText(self.tr("Not published yet: this will be version %1.")
                                      .replace("%1", str(self.version)))
            self.change_list.addItem(self.tr("The whole session is new to the members."))
            return
        when = self.last.published_at.astimezone().strftime("%H:%M, %d/%m/%Y")
        self.version_line.setText(self.tr("Version %1 was published on %2. This will be version %3.")
                                  .replace("%1", str(self.last.version)).replace("%2", when)
                                  .replace("%3", str(self.version)))
        if not self.changes:
            self.change_list.addItem(self.tr("Nothing has changed since version %1.")
                                     .replace("%1", str(self.last.version)))
        for change in self.changes:
            self.change_list.addItem("\u2022 " + self._t(change.text()))

    # -- buttons ---------------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        idle = not self.busy
        self.preview_button.setEnabled(idle)
        self.build_button.setEnabled(idle)
        self.cancel_button.setEnabled(self.busy in ("preview", "build", "copy"))
        ready = idle and self.report is not None
        self.publish_button.setEnabled(ready)
        self.usb_button.setEnabled(ready)

    def _start(self, what: str) -> threading.Event:
        self.busy = what
        self._cancel = threading.Event()
        self._update_buttons()
        return self._cancel

    def _done(self) -> None:
        self.busy = ""
        self._cancel = None
        self._update_buttons()

    def cancel(self) -> None:
        if self._cancel is not None and self.busy in ("preview", "build", "copy"):
            self._cancel.set()
            self.stage.setText(self.tr("Stopping\u2026"))

    def _idle_progress(self) -> None:
        self.stage.setText("")
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.bar.setFormat("")

    def _progress(self, stage: str, done: int, total: int) -> None:
        """On the GUI thread: the stage in words and the bar."""
        if self._cancel is not None and self._cancel.is_set():
            return
        self.progressed.emit(stage, done, total)
        names = {
            "prepare": self.tr("Checking and converting documents (%1 of %2)").replace("%1", str(done))
            .replace("%2", str(total)),
            "ocr": self.tr("Reading scanned pages (%1 of %2)").replace("%1", str(done)).replace("%2", str(total)),
            "encrypt": self.tr("Encrypting and signing"),
            "verify": self.tr("Checking the written bundle"),
            "copy": self.tr("Copying to the USB stick"),
            "publish": self.tr("Sending to the office server\u2026"),
        }
        self.stage.setText(names.get(stage, stage))
        if total <= 0:
            self.bar.setRange(0, 0)  # busy, no known end
            self.bar.setFormat("")
            return
        self.bar.setRange(0, 1000)
        self.bar.setValue(int(1000 * min(done, total) / total))
        self.bar.setFormat("%p%")

    def _progress_callback(self) -> Callable[[str, int, int], None]:
        """For a worker thread: progress posted to the GUI thread."""
        post = self._tasks.callback(self, PublishPage._progress)
        last: list[tuple[str, int]] = []

        def report(stage: str, done: int, total: int) -> None:
            step = (stage, int(1000 * done / total) if total > 0 else -1)
            if not last or last[0] != step:  # one post per stage and permille, not per 64 KiB chunk
                last[:] = [step]
                post(stage, done, total)

        return report

    # -- preview ---------------------------------------------------------------------------------------

    def start_preview(self) -> None:
        if self.busy:
            return
        cancel = self._start("preview")
        self.result.clear()
        self.result.hide()
        draft, version = copy.deepcopy(self.draft), self.version
        progress = self._progress_callback()
        self._progress("prepare", 0, max(1, sum(len(i.documents) for i in draft.items)))
        self._tasks.pool.run(
            lambda: prepare_preview(draft, version, progress=lambda d, t: progress("prepare", d, t), cancel=cancel),
            self._preview_ready, self._preview_failed)

    def _preview_ready(self, prepared: PreparedSession) -> None:
        self._done()
        self._idle_progress()
        today: date = self._clock().astimezone().date()
        dialog = MemberPreviewDialog(prepared, self._worker, self._tasks, self._icons, today, self._language, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._preview_closed(prepared))
        self.preview_dialog = dialog
        dialog.open()

    def _preview_closed(self, prepared: PreparedSession) -> None:
        self.preview_dialog = None
        self._tasks.background.run(prepared.close)

    def _preview_failed(self, exc: BaseException) -> None:
        self._done()
        self._idle_progress()
        self._show_failure(self.result, exc)

    # -- build -----------------------------------------------------------------------------------------

    def start_build(self) -> None:
        if self.busy:
            return
        if self._signer is None:
            dialog = ClerkPassphraseDialog(self._tasks, self._signer_folder, self._language, self,
                                           delay_scale=self._delay_scale)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.unlocked.connect(self._unlocked)
            dialog.finished.connect(lambda _r: setattr(self, "passphrase_dialog", None))
            self.passphrase_dialog = dialog
            dialog.open()
            return
        self._build(self._signer)

    def _unlocked(self, identity: UnlockedIdentity) -> None:
        self._signer = identity
        self.signer_unlocked.emit(identity)
        self._build(identity)

    def _build(self, signer: UnlockedIdentity) -> None:
        cancel = self._start("build")
        self.report = None
        self.result.clear()
        self.result.hide()
        self.publish_result.clear()
        self.publish_result.hide()
        draft, version, edits = copy.deepcopy(self.draft), self.version, self._edits
        progress = self._progress_callback()
        self._progress("prepare", 0, max(1, sum(len(i.documents) for i in draft.items)))
        self._tasks.pool.run(lambda: build_checked(draft, signer, version, progress=progress, cancel=cancel),
                             lambda report: self._built(report, edits), self._build_failed)

    def _built(self, report: BuildReport, edits: int | None = None) -> None:
        self._done()
        self._idle_progress()
        if edits is not None and edits != self._edits:  # the draft changed while it was being built
            self.result.show_message(self.tr("The session changed after the last build; build it again before "
                                             "publishing."), "warning", self._icons.get("warning"))
            return
        self.report = report
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.bar.setFormat(self.tr("Done"))
        self.result.show_message("\u2713 " + self._t(report.summary()) + "\n" + str(report.path), "info")
        self._update_buttons()
        self.built.emit(report)
        self.publish_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_failed(self, exc: BaseException) -> None:
        self._done()
        self._idle_progress()
        if isinstance(exc, BuildCancelledError):
            self.result.show_message(self._error(exc), "info")
            return
        self._show_failure(self.result, exc)

    def _show_failure(self, banner: Banner, exc: BaseException) -> None:
        if isinstance(exc, PaperlessError):
            banner.show_message(self._error(exc), "error", self._icons.get("warning"))
        else:
            banner.show_message(self.tr("Something went wrong; nothing was published. The details were recorded."),
                                "error", self._icons.get("warning"))
            self._tasks.report(exc)

    # -- publish ---------------------------------------------------------------------------------------

    def _record(self, report: BuildReport, where: str) -> PublishedRecord:
        return PublishedRecord(report.session_id, report.version, report.sha256, self._clock(), report.snapshot,
                               where)

    def start_publish(self) -> None:
        report = self.report
        if self.busy or report is None:
            return
        self._start("publish")
        self.publish_result.clear()
        self.publish_result.hide()
        self._progress("publish", 0, 0)
        office, folder, due = self._office, self.draft.folder, self._due()
        record = self._record(report, "office")

        def job() -> tuple[PublishedVersion, PublishedRecord]:
            published = office.publish(report.path, due)
            save_last(folder, record, report.session_toml)
            return published, record

        self._tasks.pool.run(job, self._published, self._publish_failed)

    def _published(self, result: tuple[PublishedVersion, PublishedRecord]) -> None:
        published, record = result
        self._done()
        self._idle_progress()
        if published.new:
            text = self.tr("Published version %1 to the office server. %2 members can fetch it now.") \
                .replace("%1", str(published.version)).replace("%2", str(published.enrolled))
        else:
            text = self.tr("Version %1 was already on the office server; nothing changed.") \
                .replace("%1", str(published.version))
        self._after_publish(record, text)

    def _after_publish(self, record: PublishedRecord, text: str) -> None:
        self.report = None  # published: the next build is the next version
        self.publish_result.show_message("\u2713 " + text, "info")
        self.published.emit(record)
        self.refresh()
        self._update_buttons()

    def _publish_failed(self, exc: BaseException) -> None:
        self._done()
        self._idle_progress()
        if isinstance(exc, NoOfficeError):
            self.publish_result.show_message(self._error(exc), "warning", self._icons.get("warning"))
            self.usb_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._show_failure(self.publish_result, exc)

    def start_save_copy(self) -> None:
        report = self.report
        if self.busy or report is None:
            return
        target = self._files.save_file(self, self.tr("Save the bundle for a USB stick"),
                                       copy_name(self.draft.title, report.version, report.path.name),
                                       self.tr("Paperless session (*.paperless)"))
        if target is None:
            return
        cancel = self._start("copy")
        self.publish_result.clear()
        self.publish_result.hide()
        folder = self.draft.folder
        record = self._record(report, "file")
        progress = self._progress_callback()

        def job() -> tuple[Path, PublishedRecord]:
            saved = save_copy(report.path, target, progress=progress, cancel=cancel)
            save_last(folder, record, report.session_toml)
            return saved, record

        self._tasks.pool.run(job, self._copied, self._copy_failed)

    def _copied(self, result: tuple[Path, PublishedRecord]) -> None:
        saved, record = result
        self._done()
        self._idle_progress()
        self._after_publish(record, self.tr("Saved version %1 as %2. Give the file to the members on the stick.")
                            .replace("%1", str(record.version)).replace("%2", str(saved)))

    def _copy_failed(self, exc: BaseException) -> None:
        self._done()
        self._idle_progress()
        if isinstance(exc, CopyCancelledError):
            self.publish_result.show_message(self._error(exc), "info")
            return
        self._show_failure(self.publish_result, exc)
