"""A public card shown for reading aloud: name, role and the fingerprint in large digits."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from paperless.core.identity import PublicCard


class CardView(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardView")
        self.setStyleSheet("QFrame#cardView { background: #f7f8fa; border: 1px solid #d5d9e0; border-radius: 8px; }"
                           "QFrame#cardView QLabel { border: none; background: transparent; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        self.name = QLabel(self)
        name_font = QFont(self.name.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.3)
        name_font.setBold(True)
        self.name.setFont(name_font)
        self.name.setWordWrap(True)
        self._caption = QLabel(self)
        self._caption.setStyleSheet("color: #555;")
        self.fingerprint = QLabel(self)
        self.fingerprint.setObjectName("fingerprint")
        fp_font = QFont(self.fingerprint.font())
        fp_font.setPointSizeF(max(20.0, fp_font.pointSizeF() * 2.2))
        fp_font.setBold(True)
        fp_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.5)
        self.fingerprint.setFont(fp_font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.name)
        layout.addWidget(self._caption)
        layout.addWidget(self.fingerprint)
        self._card: PublicCard | None = None
        self.retranslate()

    def set_card(self, card: PublicCard | None) -> None:
        self._card = card
        self.name.setText(card.name if card else "")
        self.fingerprint.setText(card.fingerprint if card else "")
        self.retranslate()

    def retranslate(self) -> None:
        if self._card is None:
            self._caption.setText("")
            return
        role = self.tr("office (signer)") if self._card.role == "clerk" else self.tr("member")
        self._caption.setText(self.tr("Role: %1 \u2014 fingerprint:").replace("%1", role))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
