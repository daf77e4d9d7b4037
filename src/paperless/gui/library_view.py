"""The library: sessions already opened on this computer, newest first.

Shown in the centre when no document is open. Opening one needs nothing but the passphrase
typed at start-up: the bundle is kept (encrypted) in the library.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from paperless.core.library import SessionRecord
from paperless.gui.agenda import format_when

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SessionRow(QFrame):
    def __init__(self, record: SessionRecord, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self._now = now
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        self.title = QLabel(record.title, self)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setStyleSheet("color: #555;")
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(round(record.fraction_read * 100))
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(160)
        self.progress.setFixedHeight(8)
        self.progress_label = QLabel(self)
        self.progress_label.setStyleSheet("color: #555;")
        row.addWidget(self.progress)
        row.addWidget(self.progress_label, 1)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        r = self.record
        facts = [format_when(r.starts()), r.location]
        if r.is_expired(self._now):
            when = r.expires()
            assert when is not None
            facts.append(self.tr("Expired on %1").replace("%1", format_when(when)))
        elif r.expires() is not None:
            when = r.expires()
            assert when is not None
            facts.append(self.tr("Available until %1").replace("%1", format_when(when)))
        self.facts.setText("\n".join(f for f in facts if f))
        done = sum(1 for e in r.readable if (d := r.documents.get(e)) is not None and d.read)
        self.progress_label.setText(self.tr("%1 of %2 documents read").replace("%1", str(done))
                                    .replace("%2", str(len(r.readable))))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class LibraryView(QWidget):
    session_requested = Signal(str)  # session id
    open_file_requested = Signal()
    unlock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
        self._locked = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #444;")
        self.list = QListWidget(self)
        self.list.setObjectName("sessionList")
        self.list.setSpacing(4)
        self.list.setStyleSheet("QListWidget { border: none; background: transparent; }"
                                "QListWidget::item { border: 1px solid #d5d9e0; border-radius: 8px; background: #fff; }"
                                "QListWidget::item:selected { border: 2px solid #9b1c1c; background: #fff; }")
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openFile")
        self.open_button.clicked.connect(self.open_file_requested)
        self.unlock_button = QPushButton(self)
        self.unlock_button.clicked.connect(self.unlock_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self._records: list[SessionRecord] = []
        self.retranslate()

    def set_locked(self, locked: bool) -> None:
        self._locked = locked
        if locked:
            self.set_sessions([], datetime.now())
        self.retranslate()

    def set_sessions(self, records: list[SessionRecord], now: datetime) -> None:
        self._records = list(records)
        self.list.clear()
        for record in records:
            item = QListWidgetItem(self.list)
            item.setData(ID_ROLE, record.session_id)
            row = SessionRow(record, now, self.list)
            row.setStyleSheet("background: transparent;")
            item.setSizeHint(QSize(200, row.sizeHint().height() + 6))
            self.list.setItemWidget(item, row)
        self.retranslate()

    def session_ids(self) -> list[str]:
        return [str(self.list.item(i).data(ID_ROLE)) for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.session_requested.emit(str(item.data(ID_ROLE)))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Sessions on this computer"))
        if self._locked:
            self.hint.setText(self.tr("Paperless is locked. Unlock it with your passphrase to see your sessions."))
        elif not self._records:
            self.hint.setText(self.tr("No sessions yet. Open a session file you received from the office, "
                                      "or drag it onto this window."))
        else:
            self.hint.setText(self.tr("Choose a session to read it, or open a new session file."))
        self.open_button.setText(self.tr("&Open a session file\u2026"))
        self.open_button.setVisible(not self._locked)
        self.unlock_button.setText(self.tr("&Unlock\u2026"))
        self.unlock_button.setVisible(self._locked)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
