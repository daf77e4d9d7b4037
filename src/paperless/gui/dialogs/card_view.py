"""A public card shown for reading aloud: name, role and the fingerprint in large digits.

The card paints itself from the palette (Base background, a soft Mid border, Text on top),
so it reads the same on a light or a dark theme. A screen reader hears "Fingerprint" and the
digits one by one; the fingerprint can be reached and selected with the keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from paperless.core.identity import PublicCard
from paperless.gui.icons import blend, muted_text, set_text_colour


def spoken_digits(fingerprint: str) -> str:
    """"1234 5678" → "1 2 3 4, 5 6 7 8": read digit by digit, with a pause between groups."""
    return ", ".join(" ".join(group) for group in fingerprint.split())


class CardView(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        self.name = QLabel(self)
        name_font = QFont(self.name.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.3)
        name_font.setBold(True)
        self.name.setFont(name_font)
        self.name.setWordWrap(True)
        self._caption = QLabel(self)
        self._caption.setWordWrap(True)
        self.fingerprint = QLabel(self)
        self.fingerprint.setObjectName("fingerprint")
        fp_font = QFont(self.fingerprint.font())
        fp_font.setPointSizeF(max(20.0, fp_font.pointSizeF() * 2.2))
        fp_font.setBold(True)
        fp_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.5)
        self.fingerprint.setFont(fp_font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.fingerprint.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a tab stop: read aloud, copied
        self.fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint.setWordWrap(True)  # eight groups of five: two lines in a narrow dialog
        for label in (self.name, self._caption, self.fingerprint):
            label.setForegroundRole(QPalette.ColorRole.Text)  # on the Base-coloured card
        layout.addWidget(self.name)
        layout.addWidget(self._caption)
        layout.addWidget(self.fingerprint)
        self._card: PublicCard | None = None
        self._apply_palette()
        self.retranslate()

    def set_card(self, card: PublicCard | None) -> None:
        self._card = card
        self.name.setText(card.name if card else "")
        self.fingerprint.setText(card.fingerprint if card else "")
        self.retranslate()

    def retranslate(self) -> None:
        self.fingerprint.setAccessibleName(self.tr("Fingerprint"))
        self.fingerprint.setAccessibleDescription(spoken_digits(self._card.fingerprint) if self._card else "")
        if self._card is None:
            self._caption.setText("")
            return
        role = self.tr("office (signer)") if self._card.role == "clerk" else self.tr("member")
        caption = self.tr("Role: %1 \u2014 fingerprint:").replace("%1", role)
        if self._card.outdated:
            caption += "\n" + self.tr("This card file was made by an older version of Paperless: check these "
                                      "40 digits, not the 20 written on it.")
        self._caption.setText(caption)

    def _apply_palette(self) -> None:
        set_text_colour(self._caption, muted_text(self.palette(), QPalette.ColorRole.Base))

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(blend(palette.color(QPalette.ColorRole.Mid), base, 0.7), 1))
        painter.setBrush(base)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)
