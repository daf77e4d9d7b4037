"""The app's icons, loaded from resources/icons (SVG), and colours derived from the palette.

Two kinds of icon: coloured ones (documents, locks, warnings) drawn as they are, and
monochrome action icons drawn with ``currentColor``, which ``Icons.tinted`` replaces with the
palette's text colour so that they read on a light or a dark window. SVG goes through Qt's
``svg`` image plugin (shipped in the frozen build), from memory: nothing is written to disk.

Colours are never hard-coded light or dark: widgets take them from their palette (Window,
Base, Text, Highlight, Mid …) when they paint or when the palette changes, so Windows' dark
mode gives light text on dark backgrounds instead of white on white.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QIcon, QImageReader, QPalette, QPixmap
from PySide6.QtWidgets import QWidget

TINT_SIZES = (16, 20, 24, 32, 48, 64)  # 64: a 32 px icon on a 200 % screen
MIN_CONTRAST = 4.5  # WCAG AA for body text


class Icons:
    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._cache: dict[str, QIcon] = {}

    def get(self, name: str) -> QIcon:
        icon = self._cache.get(name)
        if icon is None:
            path = self._folder / f"{name}.svg"
            icon = QIcon(str(path)) if path.is_file() else QIcon()
            self._cache[name] = icon
        return icon

    def tinted(self, name: str, colour: QColor) -> QIcon:
        """A monochrome icon (``currentColor`` in its SVG) drawn in ``colour``, at the usual sizes."""
        key = f"{name}@{colour.name(QColor.NameFormat.HexArgb)}"
        icon = self._cache.get(key)
        if icon is not None:
            return icon
        icon = QIcon()
        path = self._folder / f"{name}.svg"
        if path.is_file():
            data = path.read_bytes().replace(b"currentColor", colour.name().encode("ascii"))
            for size in TINT_SIZES:
                pixmap = _render_svg(data, size)
                if not pixmap.isNull():
                    icon.addPixmap(pixmap)
        self._cache[key] = icon
        return icon


def _render_svg(data: bytes, size: int) -> QPixmap:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(QSize(size, size))
    image = reader.read()
    buffer.close()
    return QPixmap.fromImage(image) if not image.isNull() else QPixmap()


# -- colours ------------------------------------------------------------------------------------

def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2), 0 for black to 1 for white."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """``amount`` of ``a`` over ``b`` (0: b, 1: a), opaque."""
    t = max(0.0, min(1.0, amount))
    return QColor.fromRgbF(a.redF() * t + b.redF() * (1 - t), a.greenF() * t + b.greenF() * (1 - t),
                           a.blueF() * t + b.blueF() * (1 - t))


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(QPalette.ColorRole.Window)) < 0.3


def readable(colour: QColor, background: QColor, text: QColor) -> QColor:
    """``colour``, moved towards ``text`` until it reads on ``background`` (contrast ≥ 4.5)."""
    for step in range(11):
        candidate = blend(text, colour, step / 10)
        if contrast(candidate, background) >= MIN_CONTRAST:
            return candidate
    return QColor(text)


def muted_text(palette: QPalette, background: QPalette.ColorRole = QPalette.ColorRole.Window) -> QColor:
    """Secondary text (dates, places, captions): softer than the text, still easy to read."""
    back = palette.color(background)
    text = palette.color(QPalette.ColorRole.Text if background == QPalette.ColorRole.Base
                         else QPalette.ColorRole.WindowText)
    return readable(blend(text, back, 0.68), back, text)


def error_text(palette: QPalette) -> QColor:
    """A red that reads on the window: dark red on light windows, light red on dark ones."""
    back = palette.color(QPalette.ColorRole.Window)
    red = QColor("#ff8a80") if is_dark(palette) else QColor("#9b1c1c")
    return readable(red, back, palette.color(QPalette.ColorRole.WindowText))


def set_text_colour(label: QWidget, colour: QColor) -> None:
    """Give one widget its own text colour (only when it changed: no needless palette events)."""
    palette = label.palette()
    role = label.foregroundRole()
    if palette.color(role) != colour or not palette.isBrushSet(QPalette.ColorGroup.Active, role):
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, role, colour)
        label.setPalette(palette)
