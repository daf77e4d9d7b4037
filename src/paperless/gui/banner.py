"""A calm, full-width message strip (expired session, a document that cannot be shown …)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

STYLES = {
    "info": ("#e8f0fb", "#2f4f7f", "#b9cce8"),
    "warning": ("#fff4d6", "#5c4300", "#e8cf85"),
    "error": ("#fde8e8", "#7f1d1d", "#efb4b4"),
}


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(10)
        self._icon = QLabel(self)
        self._icon.setFixedSize(24, 24)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        self.hide()

    @property
    def text(self) -> str:
        return self._text.text()

    def show_message(self, text: str, kind: str = "info", icon: QIcon | None = None) -> None:
        bg, fg, border = STYLES.get(kind, STYLES["info"])
        self.setStyleSheet(
            f"QFrame#banner {{ background: {bg}; border: 1px solid {border}; border-radius: 6px; }}"
            f"QFrame#banner QLabel {{ color: {fg}; background: transparent; border: none; }}"
        )
        self._text.setText(text)
        if icon is not None and not icon.isNull():
            self._icon.setPixmap(icon.pixmap(24, 24))
            self._icon.show()
        else:
            self._icon.hide()
        self.show()

    def clear(self) -> None:
        self._text.setText("")
        self.hide()
