"""How a secrecy level looks: the red stamp ("MẬT", "TỐI MẬT", "TUYỆT MẬT") beside an agenda item,
and the strip over a classified document in the viewer.

The stamp is always the Vietnamese mark, as printed on paper documents (the "độ mật"); the
sentences around it are in the member's language. The rules themselves are in
:mod:`paperless.core.classification` and :mod:`paperless.core.policy`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from paperless.core.classification import Level
from paperless.gui.icons import blend, is_dark

STAMP_RED = "#c62828"
STAMP_RED_DARK = "#ff8a80"  # on a dark theme


def stamp_colour(palette: QPalette) -> QColor:
    return QColor(STAMP_RED_DARK if is_dark(palette) else STAMP_RED)


def level_name(level: Level) -> str:
    """The level in the member's language, with the Vietnamese term in English."""
    translate = QCoreApplication.translate
    names = {
        Level.MAT: translate("Classification", "Confidential (Mật)"),
        Level.TOI_MAT: translate("Classification", "Secret (Tối mật)"),
        Level.TUYET_MAT: translate("Classification", "Top secret (Tuyệt mật)"),
    }
    return names[level]


def level_rules(level: Level) -> str:
    """One calm sentence: what a document of this level may not do, and its recall."""
    translate = QCoreApplication.translate
    if level.recall_required:
        return translate("Classification", "%1 document: it may not be copied, printed or exported, and will be "
                                           "recalled after the meeting.").replace("%1", level_name(level))
    return translate("Classification", "%1 document: it may not be copied, printed or exported.").replace(
        "%1", level_name(level))


def stamp_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setBold(True)
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    return font


def stamp_size(base: QFont, text: str) -> QSize:
    metrics = QFontMetrics(stamp_font(base))
    return QSize(metrics.horizontalAdvance(text) + 12, metrics.height() + 4)


def paint_stamp(painter: QPainter, rect: QRect, text: str, base: QFont, palette: QPalette) -> None:
    """The stamp in ``rect``: red bold capitals in a red frame, as on a paper document."""
    colour = stamp_colour(palette)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, 1.5))
    painter.setBrush(blend(colour, palette.color(QPalette.ColorRole.Base), 0.08))
    painter.drawRoundedRect(QRectF(rect).adjusted(0.75, 0.75, -0.75, -0.75), 3, 3)
    painter.setFont(stamp_font(base))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()


class Stamp(QWidget):
    """The stamp as a widget (the viewer's strip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_text(self, text: str) -> None:
        self.text = text
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return stamp_size(self.font(), self.text) + QSize(8, 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_stamp(painter, self.rect().adjusted(0, 0, -8, -6).translated(4, 3), self.text, self.font(),
                    self.palette())
        painter.end()


class ClassificationBar(QFrame):
    """A strip over a classified document, shown as long as it is open: its stamp and its rules."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classificationBar")
        self.level: Level | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(10)
        self.stamp = Stamp(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.Text)
        layout.addWidget(self.stamp, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # a strip: the page gets the rest
        self.hide()

    def set_level(self, level: Level | None) -> None:
        self.level = level
        self.retranslate()
        self.setVisible(level is not None)

    def retranslate(self) -> None:
        level = self.level
        self.stamp.set_text(level.vi if level is not None else "")
        self.label.setText(level_rules(level) if level is not None else "")
        self.setAccessibleName(level_name(level) if level is not None else "")
        self.setAccessibleDescription(self.label.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        colour = stamp_colour(palette)
        base = palette.color(QPalette.ColorRole.Base)
        painter = QPainter(self)
        painter.setPen(QPen(blend(colour, base, 0.6), 1))
        painter.setBrush(blend(colour, base, 0.24 if is_dark(palette) else 0.1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()
