"""The library: sessions already opened on this computer, newest first.

Shown in the centre when no document is open. Opening one needs nothing but the passphrase
typed at start-up: the bundle is kept (encrypted) in the library.

Each session is a card painted from the palette (Base, a soft Mid border, Highlight around
the chosen one) with the palette's Text on it: readable on light and dark themes alike.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QPen
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
from paperless.gui.icons import blend, muted_text, set_text_colour

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SessionRow(QFrame):
    def __init__(self, record: SessionRecord, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self._now = now
        self._selected = False
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
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(round(record.fraction_read * 100))
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(160)
        self.progress.setFixedHeight(8)
        self.progress_label = QLabel(self)
        for label in (self.title, self.facts, self.progress_label):
            label.setForegroundRole(QPalette.ColorRole.Text)  # on the Base-coloured card
        row.addWidget(self.progress)
        row.addWidget(self.progress_label, 1)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(row)
        self._apply_palette()
        self.retranslate()

    def summary(self) -> str:
        """What a screen reader says for this row."""
        return ". ".join(t.replace("\n", ", ") for t in (self.title.text(), self.facts.text(),
                                                          self.progress_label.text()) if t)

    def set_selected(self, selected: bool) -> None:
        if selected != self._selected:
            self._selected = selected
            self.update()

    def _apply_palette(self) -> None:
        palette = self.palette()
        muted = muted_text(palette, QPalette.ColorRole.Base)
        set_text_colour(self.facts, muted)
        set_text_colour(self.progress_label, muted)
        track = blend(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.15)
        bar = self.progress.palette()  # an empty track still shows on the card, light or dark
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
            bar.setColor(role, track)
        if bar != self.progress.palette():
            self.progress.setPalette(bar)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        if self._selected:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
        else:
            pen = QPen(blend(palette.color(QPalette.ColorRole.Mid), base, 0.7), 1)
        inset = pen.widthF() / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        painter.setBrush(base)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 8, 8)
        painter.end()

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
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
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
        self.list = QListWidget(self)
        self.list.setObjectName("sessionList")
        self.list.setSpacing(4)
        # no colours here: each row paints its own card from the palette
        self.list.setStyleSheet("QListWidget { border: none; background: transparent; }"
                                "QListWidget::item, QListWidget::item:selected, QListWidget::item:hover "
                                "{ border: none; background: transparent; }")
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.currentItemChanged.connect(self._current_changed)
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
        QWidget.setTabOrder(self.open_button, self.unlock_button)  # as on screen: the buttons, then the list
        QWidget.setTabOrder(self.unlock_button, self.list)
        self._records: list[SessionRecord] = []
        self._apply_palette()
        self.retranslate()

    def _apply_palette(self) -> None:
        set_text_colour(self.hint, muted_text(self.palette()))

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
            item.setSizeHint(QSize(200, row.sizeHint().height() + 6))
            self.list.setItemWidget(item, row)
        self.retranslate()

    def session_ids(self) -> list[str]:
        return [str(self.list.item(i).data(ID_ROLE)) for i in range(self.list.count())]

    def row(self, index: int) -> SessionRow | None:
        widget = self.list.itemWidget(self.list.item(index))
        return widget if isinstance(widget, SessionRow) else None

    def _current_changed(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        for item, selected in ((previous, False), (current, True)):
            row = self.list.itemWidget(item) if item is not None else None
            if isinstance(row, SessionRow):
                row.set_selected(selected)

    def _activated(self, item: QListWidgetItem) -> None:
        self.session_requested.emit(str(item.data(ID_ROLE)))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Sessions on this computer"))
        self.list.setAccessibleName(self.tr("Sessions on this computer"))
        self.list.setAccessibleDescription(self.tr("Press Enter to read the chosen session."))
        for i in range(self.list.count()):
            row = self.row(i)
            if row is not None:
                row.retranslate()
                self.list.item(i).setData(Qt.ItemDataRole.AccessibleTextRole, row.summary())
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
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)
