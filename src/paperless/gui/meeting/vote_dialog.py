"""A member's ballot (biểu quyết): the motion, three large buttons Đồng ý / Không đồng ý / Phiếu
trắng (keys 1, 2, 3 or Alt+1, Alt+2, Alt+3), the choice made so far, a Close button.

The dialog only says what the member chose (``chosen``); the meeting part signs and sends the
ballot, and calls :meth:`VoteDialog.set_choice` once it counts. A member may change the choice
until the vote closes; :meth:`VoteDialog.set_closed` ends the choosing when the chair closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from paperless.core.meeting import wire as W

BALLOT_SCALE = 1.35  # the ballot's type, relative to the app's
BUTTON_HEIGHT = 84  # pixels: targets an unsteady hand finds at once
CHOICE_COLORS = {W.FOR: "#1b6e2a", W.AGAINST: "#a11b1b", W.BLANK: "#44515c"}


def _scaled(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


class VoteDialog(QDialog):
    """Biểu quyết: ``chosen(W.FOR | W.AGAINST | W.BLANK)`` each time the member picks a choice."""

    chosen = Signal(str)

    def __init__(self, motion: str, item_title: str | None, current: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voteDialog")
        self.setModal(False)
        self.resize(760, 460)
        self._motion = motion
        self._item_title = item_title
        self._current = current if current in W.CHOICES else None
        self._closed = False
        _scaled(self, BALLOT_SCALE)

        self.heading = QLabel(self)
        self.heading.setObjectName("voteHeading")
        _scaled(self.heading, 1.1, bold=True)
        self.item_label = QLabel(self)
        self.item_label.setObjectName("voteItem")
        self.item_label.setWordWrap(True)
        self.motion_label = QLabel(motion, self)
        self.motion_label.setObjectName("voteMotion")
        self.motion_label.setWordWrap(True)
        self.motion_label.setTextFormat(Qt.TextFormat.PlainText)
        self.motion_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        _scaled(self.motion_label, 1.15, bold=True)
        self.motion_label.setStyleSheet("QLabel { padding: 10px; border: 1px solid #9aa5ad; background: #f6f7f8; }")

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(16)
        for number, choice in enumerate(W.CHOICES, start=1):
            button = QPushButton(self)
            button.setObjectName(f"vote_{choice}")
            button.setCheckable(True)
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.setMinimumWidth(200)
            button.setAutoDefault(False)
            _scaled(button, 1.2, bold=True)
            color = CHOICE_COLORS[choice]
            button.setStyleSheet(
                f"QPushButton {{ border: 3px solid {color}; border-radius: 8px; color: {color};"
                f" background: white; padding: 6px; }}"
                f"QPushButton:checked {{ background: {color}; color: white; }}"
                f"QPushButton:focus {{ border: 4px dashed #1a4f8b; }}"
                f"QPushButton:disabled {{ border-color: #c4c9cd; color: #8a9299; background: #eef0f1; }}"
                f"QPushButton:checked:disabled {{ border-color: {color}; color: white; background: {color}; }}")
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
            for key in (str(number), f"Alt+{number}"):
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.activated.connect(lambda c=choice: self._choose(c))
            self.buttons[choice] = button
            row.addWidget(button)

        self.status = QLabel(self)
        self.status.setObjectName("voteStatus")
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(60)
        _scaled(self.status, 1.05, bold=True)  # its own font: the colour's style sheet would drop the larger type
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("voteClose")
        self.close_button.setMinimumHeight(48)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.item_label)
        layout.addWidget(self.motion_label)
        layout.addSpacing(8)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.retranslate()

    # -- what the part tells the dialog --------------------------------------------------------------
    @property
    def current(self) -> str | None:
        return self._current

    @property
    def closed(self) -> bool:
        return self._closed

    def set_choice(self, choice: str | None) -> None:
        """The choice that counts now (the part calls it when the ballot was accepted)."""
        self._current = choice if choice in W.CHOICES else None
        self._refresh()

    def set_closed(self) -> None:
        """The vote closed while the dialog was open: it says so, and no more choosing."""
        self._closed = True
        self._refresh()
        self.close_button.setFocus()

    def choice_label(self, choice: str) -> str:
        return {W.FOR: self.tr("For"), W.AGAINST: self.tr("Against"), W.BLANK: self.tr("Blank")}[choice]

    # -- inside --------------------------------------------------------------------------------------
    def _choose(self, choice: str) -> None:
        if self._closed:
            self._refresh()
            return
        self._current = choice
        self._refresh()
        self.chosen.emit(choice)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Vote"))
        self.heading.setText(self.tr("Vote on the motion"))
        self.item_label.setText(self.tr("Agenda item: {title}").format(title=self._item_title)
                                if self._item_title else self.tr("Not tied to an agenda item"))
        self.close_button.setText(self.tr("&Close"))
        self._refresh()

    def _refresh(self) -> None:
        for number, (choice, button) in enumerate(self.buttons.items(), start=1):
            button.setText(f"{number}.  {self.choice_label(choice)}")
            button.setChecked(choice == self._current)
            button.setEnabled(not self._closed)
            button.setAccessibleName(self.choice_label(choice))
            button.setToolTip(self.tr("Press {key}").format(key=number))
        if self._closed:
            text = (self.tr("The vote has closed. Your choice that counts: {choice}.").format(
                        choice=self.choice_label(self._current))
                    if self._current else self.tr("The vote has closed. You did not vote."))
            color = "#44515c"
        elif self._current:
            text = self.tr("You chose: {choice} — you can change it until the vote closes.").format(
                choice=self.choice_label(self._current))
            color = CHOICE_COLORS[self._current]
        else:
            text = self.tr("Press a button, or the key 1, 2 or 3. You can change your choice until the vote closes.")
            color = "#1a1a1a"
        self.status.setText(text)
        self.status.setStyleSheet(f"QLabel {{ color: {color}; }}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
