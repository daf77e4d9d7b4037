"""The red line under a field of the Session and Members pages that says its problem, and
texts in the user's language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

from paperless.core.clerk.draft import FieldRef, Problem
from paperless.core.errors import T
from paperless.gui.icons import error_text, set_text_colour


def in_language(text: T, language: str) -> str:
    return text.vi if language == "vi" else text.en


class FieldNote(QLabel):
    """A field's problems, one per line, in red under it; hidden when there are none. A screen
    reader hears them as the field's description."""

    def __init__(self, where: FieldRef, parent: QWidget | None = None, *, exact: bool = False) -> None:
        super().__init__(parent)
        self.where = where
        self.exact = exact  # only the field itself, not the fields inside it
        self.setObjectName("fieldNote")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.field: QWidget | None = None
        self._apply_palette()
        self.hide()

    def show_problems(self, problems: list[Problem], language: str) -> None:
        n = len(self.where)
        mine = [p for p in problems if (p.where == self.where if self.exact else p.where[:n] == self.where)]
        text = "\n".join(dict.fromkeys(in_language(p.message, language) for p in mine))
        self.setText(text)
        self.setVisible(bool(text))
        if self.field is not None:
            self.field.setAccessibleDescription(text)

    def _apply_palette(self) -> None:
        set_text_colour(self, error_text(self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)


Language = Callable[[], str]
