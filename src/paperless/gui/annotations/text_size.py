"""TextSizeButton: the text size of text boxes, in the annotation toolbar next to the pen width.

On with the Text box tool (the size new boxes get) and with the Select tool when a text box is
selected (picking a size changes that box: one undoable change, the box grows to fit).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from .choices import choice_menu
from .tools import TEXT_SIZES, TEXTBOX_FONT_SIZE


class TextSizeButton(QToolButton):
    size_chosen = Signal(float)  # points, picked by the user

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationTextSize")
        self._size = TEXTBOX_FONT_SIZE
        self.sizes, self.menu_, self.actions_ = choice_menu(self, TEXT_SIZES)
        self.sizes.triggered.connect(lambda a: self._picked(float(a.data())))
        self.setMenu(self.menu_)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.retranslate()

    def points(self) -> float:
        return self._size

    def set_size(self, size: float) -> None:
        self._size = size
        self._sync()

    def retranslate(self) -> None:
        names = {10.0: self.tr("Small"), 12.0: self.tr("Normal"), 14.0: self.tr("Large"),
                 18.0: self.tr("Larger"), 24.0: self.tr("Largest")}
        for size, action in self.actions_.items():
            action.setText(self.tr("{name} ({points} pt)").format(name=names[size], points=f"{size:g}"))
        self.setAccessibleName(self.tr("Text size"))
        self._sync()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _sync(self) -> None:
        for size, action in self.actions_.items():
            action.setChecked(abs(size - self._size) < 1e-6)
        self.setText(f"{self._size:g} pt")
        tip = self.tr("Text size: {points} pt").format(points=f"{self._size:g}")
        self.setToolTip(tip)
        self.setAccessibleDescription(tip)

    def _picked(self, size: float) -> None:
        self._size = size
        self._sync()
        self.size_chosen.emit(size)
