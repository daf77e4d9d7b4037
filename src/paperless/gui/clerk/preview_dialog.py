"""Preview as a member: the agenda and a document as the chosen member will see them.

The reader's own agenda panel (locks on items restricted to others, secrecy stamps) and its
document view (the watermark across every page, the strip naming a classified document's level),
fed from :class:`~paperless.core.clerk.preview.PreparedSession` — the clerk's plaintext, never a
member's key. Choosing a member redraws both. Keyboard: Alt+M the member, Alt+A the agenda
(Enter opens a document), Esc closes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from paperless.core.clerk.preview import LOCKED_TEXT, MemberPreview, PreparedSession
from paperless.core.render import RenderWorker
from paperless.gui.agenda import AgendaPanel
from paperless.gui.banner import Banner
from paperless.gui.icons import Icons
from paperless.gui.tasks import Tasks
from paperless.gui.viewer import DocumentView


class MemberPreviewDialog(QDialog):
    def __init__(self, prepared: PreparedSession, worker: RenderWorker, tasks: Tasks, icons: Icons,
                 today: date, language: Callable[[], str], parent: QWidget | None = None,
                 member: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberPreviewDialog")
        self._prepared = prepared
        self._tasks = tasks
        self._icons = icons
        self._today = today
        self._language = language
        self._scope = tasks.scope()
        self.preview: MemberPreview | None = None
        self.shown_entry: str | None = None
        self.resize(1280, 720)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self._member_label = QLabel(self)
        self.members = QComboBox(self)
        self.members.setObjectName("previewMember")
        self.members.addItems(prepared.members)
        self._member_label.setBuddy(self.members)
        self.watermark = QLabel(self)
        self.watermark.setObjectName("previewWatermark")
        self.watermark.setWordWrap(True)
        top.addWidget(self._member_label)
        top.addWidget(self.members, 1)
        top.addSpacing(16)
        top.addWidget(self.watermark, 3)
        layout.addLayout(top)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.banner = Banner(self)
        self.banner.hide()
        layout.addWidget(self.banner)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.agenda = AgendaPanel(icons, split)
        self.view = DocumentView(worker, tasks, split)
        split.addWidget(self.agenda)
        split.addWidget(self.view)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([380, 900])
        layout.addWidget(split, 1)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._buttons.rejected.connect(self.reject)
        layout.addWidget(self._buttons)
        self.members.currentTextChanged.connect(self.show_member)
        self.agenda.document_activated.connect(self.open_document)
        agenda_key = QShortcut(QKeySequence("Alt+A"), self)
        agenda_key.activated.connect(lambda: self.agenda.tree.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.finished.connect(self._closing)
        self.retranslate()
        if member and member in prepared.members:
            self.members.setCurrentText(member)
        if prepared.members:
            self.show_member(self.members.currentText())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Preview as a member"))
        self._member_label.setText(self.tr("See the session as &member:"))
        self.note.setText(self.tr(
            "This is what the chosen member will see: locked items are restricted to other members. The preview "
            "uses your own copies of the documents; no member's key is used."))
        button = self._buttons.button(QDialogButtonBox.StandardButton.Close)
        if button is not None:
            button.setText(self.tr("&Close"))
        self._show_watermark()
        if self.shown_entry is None and self.preview is not None:
            self.view.clear(self.tr("Choose a document in the agenda to see it as this member will."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _text(self, en: str, vi: str) -> str:
        return vi if self._language() == "vi" else en

    def _show_watermark(self) -> None:
        if self.preview is None:
            self.watermark.clear()
            return
        text = self.preview.watermark()
        self.watermark.setText(self.tr("Watermark on every page: %1").replace("%1", text) if text
                               else self.tr("No watermark (classified documents always carry one)."))

    def show_member(self, member: str) -> None:
        if not member:
            return
        self._scope.renew()
        self.preview = self._prepared.as_member(member, self._today)
        self.agenda.set_session(self.preview.agenda, member, set(), None)
        self.shown_entry = None
        self.banner.clear()
        self.banner.hide()
        self.view.clear(self.tr("Choose a document in the agenda to see it as this member will."))
        self._show_watermark()
        first = next(iter(self.preview.readable()), None)
        if first is not None:
            self.open_document(first.entry)
            self.agenda.set_current(first.entry)

    def open_document(self, entry: str) -> None:
        preview = self.preview
        if preview is None:
            return
        doc = preview.document(entry)
        if not doc.readable:
            self.shown_entry = None
            self.view.clear(self._text(LOCKED_TEXT.en, LOCKED_TEXT.vi))
            self.banner.show_message(self._text(LOCKED_TEXT.en, LOCKED_TEXT.vi), "warning", self._icons.get("lock"))
            return
        self.banner.clear()
        self.banner.hide()

        def shown(data: bytes) -> None:
            self.shown_entry = entry
            # its own document ids: the render worker may hold the reader's open session too
            self.view.set_document(f"clerk-preview-{id(self)}/{entry}", data, title=doc.title, watermark=doc.watermark,
                                   allow_copy=preview.agenda.allow_copy and doc.level is None,
                                   level=doc.level)

        self._scope.run(self._tasks.pool, lambda: preview.read(entry), shown)

    def _closing(self, _result: int) -> None:
        self._scope.close()
        self.view.clear()
