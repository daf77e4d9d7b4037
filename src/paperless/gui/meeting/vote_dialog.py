"""A member's ballot (placeholder: the control branch brings the real dialog; the signatures are the contract's)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from paperless.core.meeting import wire as W


class VoteDialog(QDialog):
    chosen = Signal(str)  # W.FOR | W.AGAINST | W.BLANK

    def __init__(self, motion: str, item_title: str | None, current: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voteDialog")
        self.setWindowTitle(self.tr("Vote"))
        layout = QVBoxLayout(self)
        self.motion = QLabel(motion if item_title is None else f"{item_title}\n\n{motion}", self)
        self.motion.setWordWrap(True)
        layout.addWidget(self.motion)
        self.buttons: dict[str, QPushButton] = {}
        for number, (choice, text) in enumerate(((W.FOR, self.tr("For")), (W.AGAINST, self.tr("Against")),
                                                 (W.BLANK, self.tr("Blank"))), start=1):
            button = QPushButton(f"&{number}  {text}", self)
            button.setObjectName(f"vote_{choice}")
            button.setCheckable(True)
            button.setChecked(choice == current)
            button.clicked.connect(lambda _c=False, c=choice: self._choose(c))
            self.buttons[choice] = button
            layout.addWidget(button)
        self.closed_note = QLabel(self.tr("The vote is closed."), self)
        self.closed_note.hide()
        layout.addWidget(self.closed_note)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        layout.addWidget(close)

    def _choose(self, choice: str) -> None:
        self.set_choice(choice)
        self.chosen.emit(choice)

    def set_choice(self, choice: str | None) -> None:
        """The ballot that counts (the control branch's dialog has the same)."""
        for c, button in self.buttons.items():
            button.setChecked(c == choice)

    def set_closed(self) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)
        self.closed_note.show()
