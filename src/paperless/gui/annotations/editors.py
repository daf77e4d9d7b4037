"""The text editors of sticky notes and text boxes: ordinary Qt text widgets (so the system's
input method — Vietnamese Telex/VNI through Unikey or the Windows keyboard — works as in any
text field), placed over the pages as children of the canvas' viewport.

Both finish — and say so once, with ``finished(text)`` — when the focus goes elsewhere in the
app (a click on the page, another panel), on Esc, or on Ctrl+Enter. A window that merely loses
the focus (Alt+Tab, an input method's candidate window) does not finish them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

POPUP_SIZE = QSize(260, 170)
GAP = 6  # pixels between a note's icon and its popup


def _finishing_key(event: QKeyEvent) -> bool:
    enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    return event.key() == Qt.Key.Key_Escape or (enter and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))


class _Finisher(QObject):
    """Calls ``finish(focus_left=True)`` when the application's focus moves to a widget outside ``owner``."""

    def __init__(self, owner: QWidget, finish: Callable[..., None]) -> None:
        super().__init__(owner)
        self._owner = owner
        self._finish = finish
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        owner = self._owner
        if now is None or not owner.isVisible() or now is owner or owner.isAncestorOf(now):
            return
        self._finish(focus_left=True)


class NotePopup(QFrame):
    """A sticky note's text, in a small frame next to its icon."""

    finished = Signal(str)
    delete_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("notePopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Raised)
        self.setAutoFillBackground(True)
        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.delete_button = QToolButton(self)
        self.delete_button.setAutoRaise(True)
        self.delete_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.delete_button.clicked.connect(self._delete)
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setText("\u2715")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(lambda: self.finish())
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("noteText")
        self.editor.setTabChangesFocus(True)
        text_font = QFont(self.editor.font())
        text_font.setPointSizeF(text_font.pointSizeF() * 1.15)  # easy to read for every eye
        self.editor.setFont(text_font)
        self.editor.installEventFilter(self)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a click on the frame or its buttons keeps the focus here
        self.setFocusProxy(self.editor)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(2)
        head.addWidget(self.title)
        head.addWidget(self.delete_button)
        head.addWidget(self.close_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 6)
        box.setSpacing(4)
        box.addLayout(head)
        box.addWidget(self.editor, 1)
        self.resize(POPUP_SIZE)
        self._open = False
        self.focus_left = False
        self._finisher = _Finisher(self, self.finish)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Note"))
        self.editor.setPlaceholderText(self.tr("Type your note\u2026"))
        self.editor.setAccessibleName(self.tr("Note text"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete this note"))
        self.close_button.setToolTip(self.tr("Close the note (Esc); what you typed is kept"))
        self.close_button.setAccessibleName(self.tr("Close the note"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def is_open(self) -> bool:
        return self._open

    def open_at(self, icon: QRect, text: str, *, title: str | None = None, deletable: bool = True) -> None:
        """Show the popup beside ``icon`` (viewport pixels) with ``text``, ready to type."""
        self._open = True
        if title is not None:
            self.title.setText(title)
        self.delete_button.setVisible(deletable)
        self.editor.setPlainText(text)
        self.place(icon)
        self.show()
        self.raise_()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)

    def place(self, icon: QRect) -> None:
        """Beside the icon: right of it if there is room in the viewport, else left; kept inside."""
        parent = self.parentWidget()
        area = parent.rect() if parent is not None else QRect(0, 0, 10_000, 10_000)
        x = icon.right() + GAP
        if x + self.width() > area.right() and icon.left() - GAP - self.width() >= area.left():
            x = icon.left() - GAP - self.width()
        x = max(area.left(), min(x, area.right() - self.width()))
        y = max(area.top(), min(icon.top(), area.bottom() - self.height()))
        self.move(x, y)

    def text(self) -> str:
        return self.editor.toPlainText()

    def finish(self, *, focus_left: bool = False) -> None:
        """Close, saying what was typed (``focus_left``: because the focus went elsewhere)."""
        if not self._open:
            return
        self._open = False
        self.focus_left = focus_left
        text = self.text()
        self.hide()
        self.finished.emit(text)

    def _delete(self) -> None:
        if self._open:
            self._open = False
            self.hide()
            self.delete_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if _finishing_key(event):
                self.finish()
                return True
        return super().eventFilter(watched, event)


class TextBoxEditor(QPlainTextEdit):
    """A text box's text typed in place, over the box, at the page's zoom."""

    finished = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("textBoxEditor")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.viewport().setAutoFillBackground(False)
        self._open = False
        self.focus_left = False
        self._min_height = 0
        self._finisher = _Finisher(self, self.finish)
        self.textChanged.connect(self._grow)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Text box text"))
        self.setPlaceholderText(self.tr("Type here\u2026"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def is_open(self) -> bool:
        return self._open

    def open_at(self, box: QRect, text: str, font: QFont, colour: QColor, margin: float) -> None:
        self._open = True
        self.setFont(font)
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Text, colour)
            palette.setColor(group, QPalette.ColorRole.Base, QColor(0, 0, 0, 0))
        self.setPalette(palette)
        self.document().setDocumentMargin(margin)
        self.setPlainText(text)
        self.place(box)
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.setTextCursor(cursor)

    def place(self, box: QRect, font: QFont | None = None, margin: float | None = None) -> None:
        if font is not None:
            self.setFont(font)
        if margin is not None:
            self.document().setDocumentMargin(margin)
        self._min_height = box.height()
        self.setGeometry(box)
        self._grow()

    def needed_height(self) -> int:
        """Pixels the text needs at the current width (document margins included)."""
        layout = self.document().documentLayout()
        lines = max(1, round(layout.documentSize().height()))
        return int(lines * self.fontMetrics().lineSpacing() + 2 * self.document().documentMargin() + 2)

    def _grow(self) -> None:
        if self._open:
            height = max(self._min_height, self.needed_height())
            if height != self.height():
                self.resize(self.width(), height)
                parent = self.parentWidget()
                if parent is not None:
                    parent.update()  # the frame drawn around it on the page

    def finish(self, *, focus_left: bool = False) -> None:
        """Close, saying what was typed (``focus_left``: because the focus went elsewhere)."""
        if not self._open:
            return
        self._open = False
        self.focus_left = focus_left
        text = self.toPlainText()
        self.hide()
        self.finished.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _finishing_key(event):
            self.finish()
            return
        super().keyPressEvent(event)
