"""A calm, full-width message strip (expired session, a document that cannot be shown …).

Its colours come from the palette when it paints: a little of the kind's hue (blue, amber,
red) over the Base colour, with the palette's Text on top, so the message keeps its contrast
on a light and on a dark theme alike. It sits in a layout, or floats for a few seconds at the
top of its parent (``show_floating``: "press Esc to leave full screen"). A banner may carry one
action button ("Open it") and a close button (``show_message(..., action=…, closable=True)``): it
then stays until the member acts on it or closes it — never a dialog that blocks the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from paperless.gui.icons import blend, is_dark

HUES = {"info": "#2f6fca", "warning": "#e0a100", "error": "#d64545"}


class Banner(QFrame):
    action_clicked = Signal()  # the banner's action button ("Open it")
    closed = Signal()  # the member closed it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._kind = "info"
        self._float_timer: QTimer | None = None
        self._float_width = 480
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(10)
        self._icon = QLabel(self)
        self._icon.setFixedSize(24, 24)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setForegroundRole(QPalette.ColorRole.Text)  # on a Base-derived background
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        self.action = QPushButton(self)
        self.action.setObjectName("bannerAction")
        self.action.clicked.connect(self.action_clicked)
        self.action.hide()
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("bannerClose")
        self.close_button.setText("\u2715")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._close_clicked)
        self.close_button.hide()
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        self.retranslate()

    @property
    def text(self) -> str:
        return self._text.text()

    @property
    def kind(self) -> str:
        return self._kind

    def colours(self) -> tuple[QColor, QColor, QColor]:
        """Background, text and border for the current kind, from the current palette."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        hue = QColor(HUES.get(self._kind, HUES["info"]))
        background = blend(hue, base, 0.24 if is_dark(palette) else 0.16)
        return background, palette.color(QPalette.ColorRole.Text), blend(hue, base, 0.6)

    def show_message(self, text: str, kind: str = "info", icon: QIcon | None = None, *,
                     action: str | None = None, closable: bool = False) -> None:
        """Show ``text``; ``action``: the text of a button (``action_clicked``); ``closable``: a close button."""
        self._kind = kind if kind in HUES else "info"
        self._text.setText(text)
        self.action.setText(action or "")
        self.action.setVisible(bool(action))
        self.close_button.setVisible(closable)
        if icon is not None and not icon.isNull():
            self._icon.setPixmap(icon.pixmap(24, 24))
            self._icon.show()
        else:
            self._icon.hide()
        self.retranslate()
        self.show()
        self.update()

    def show_floating(self, text: str, ms: int, width: int = 480) -> None:
        """Float over the top centre of the parent (following its size) for ``ms`` milliseconds."""
        parent = self.parentWidget()
        if parent is None:
            return
        if self._float_timer is None:
            self._float_timer = QTimer(self, singleShot=True)
            self._float_timer.timeout.connect(self.hide)
            parent.installEventFilter(self)
        self._float_width = width
        self.show_message(text, "info")
        self._place()
        self.raise_()
        self._float_timer.start(ms)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None and self._float_timer is not None:
            width = max(120, min(parent.width() - 40, self._float_width))
            height = self.heightForWidth(width)
            self.setGeometry((parent.width() - width) // 2, 24, width,
                             height if height > 0 else self.sizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget() and self.isVisible():
            self._place()
        return False

    def _close_clicked(self) -> None:
        self.clear()
        self.closed.emit()

    def clear(self) -> None:
        self.action.hide()
        self.close_button.hide()
        self._text.setText("")
        self.setAccessibleDescription("")
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        background, _text, border = self.colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border, 1))
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.end()

    def retranslate(self) -> None:
        names = {"info": self.tr("Information"), "warning": self.tr("Warning"), "error": self.tr("Problem")}
        self.setAccessibleName(names[self._kind])
        self.setAccessibleDescription(self._text.text())
        self.close_button.setToolTip(self.tr("Close this message"))
        self.close_button.setAccessibleName(self.tr("Close this message"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
