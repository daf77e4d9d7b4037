"""Light and dark themes: every text the app draws itself keeps its contrast.

Windows' dark mode hands Qt a dark palette; colours hard-coded for a light window then give
white text on white cards. These tests apply a light and a dark palette, render the real
widgets and measure, in the grabbed pixels, the contrast between each label's text and what
is behind it (WCAG ratio; 4.5 is the minimum for body text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bundle_helpers import People
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QAction, QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from paperless.core.identity import load_card
from paperless.core.library import SessionRecord
from paperless.gui.banner import Banner
from paperless.gui.dialogs.card_view import CardView
from paperless.gui.dialogs.unlock import UnlockDialog
from paperless.gui.library_view import LibraryView, SessionRow

pytestmark = OFFSCREEN_NOISE
MIN_RATIO = 4.5


def dark_palette() -> QPalette:
    """Roughly what Windows 10/11 dark mode gives Qt."""
    r = QPalette.ColorRole
    colours = {r.Window: "#202124", r.WindowText: "#e8eaed", r.Base: "#17181a", r.AlternateBase: "#26272b",
               r.Text: "#e8eaed", r.Button: "#2b2c30", r.ButtonText: "#e8eaed", r.Highlight: "#3d6fb6",
               r.HighlightedText: "#ffffff", r.ToolTipBase: "#2b2c30", r.ToolTipText: "#e8eaed",
               r.PlaceholderText: "#9aa0a6", r.Light: "#4a4b50", r.Midlight: "#3a3b40", r.Mid: "#5f6368",
               r.Dark: "#0f1011", r.Shadow: "#000000", r.Link: "#8ab4f8", r.BrightText: "#ffffff"}
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (r.WindowText, r.Text, r.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#80868b"))
    return palette


def light_palette() -> QPalette:
    """Windows' light palette, near enough."""
    palette = QPalette(QColor("#f0f0f0"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#0078d7"))
    return palette


PALETTES = {"light": light_palette, "dark": dark_palette}


@pytest.fixture(params=sorted(PALETTES))
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    saved = QPalette(qapp.palette())
    qapp.setPalette(PALETTES[request.param]())
    try:
        yield request.param
    finally:
        qapp.setPalette(saved)


# -- measuring ----------------------------------------------------------------------------------

def _luminance(c: QColor) -> float:
    def ch(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())


def _ratio(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_contrast(image: QImage, rect: QRect) -> float:
    """In ``rect`` of ``image``: the background is the commonest colour, the text the pixel most
    unlike it (the core of a glyph stroke); their contrast ratio."""
    rect = rect.intersected(image.rect())
    assert rect.width() > 4 and rect.height() > 4, rect
    pixels = [image.pixel(x, y) for y in range(rect.top(), rect.bottom() + 1)
              for x in range(rect.left(), rect.right() + 1)]
    background = QColor.fromRgb(Counter(pixels).most_common(1)[0][0])
    return max(_ratio(background, QColor.fromRgb(p)) for p in set(pixels))


def label_contrast(top: QWidget, label: QLabel) -> float:
    assert label.text().strip() and label.isVisibleTo(top), label.objectName()
    QApplication.processEvents()
    image = top.grab().toImage()
    ratio = image.width() / max(1, top.width())  # device pixels per pixel
    origin = label.mapTo(top, QPoint(0, 0))
    box = QRect(origin, label.size())
    return text_contrast(image, QRect(round(box.x() * ratio), round(box.y() * ratio),
                                      round(box.width() * ratio), round(box.height() * ratio)))


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


def _row(view: LibraryView) -> SessionRow:
    row = view.list.itemWidget(view.list.item(0))
    assert isinstance(row, SessionRow)
    return row


def _record() -> SessionRecord:
    return SessionRecord(session_id="s1", bundle="s1.paperless", title="Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12",
                         starts_at="2025-01-16T08:00:00+07:00", location="Phòng họp Ban Thường vụ",
                         expires_at="2026-01-16T00:00:00+07:00", version=1, last_opened="2025-01-10T08:00:00+07:00",
                         readable=["a", "b"])


# -- the reviewer's two white-on-white cases, and their neighbours ----------------------------------

def test_library_row_reads_on_both_themes(qtbot, theme: str) -> None:  # type: ignore[no-untyped-def]
    view = LibraryView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.set_locked(False)
    view.set_sessions([_record()], datetime(2025, 1, 12, tzinfo=UTC))
    view.show()
    qtbot.waitExposed(view)
    row = _row(view)
    for label in (row.title, row.facts, row.progress_label, view.heading, view.hint):
        assert label_contrast(view, label) >= MIN_RATIO, (theme, label.text())
    view.list.setCurrentRow(0)  # chosen: a Highlight border, the text unchanged
    assert label_contrast(view, row.title) >= MIN_RATIO


def test_card_view_reads_on_both_themes(qtbot, theme: str, people: People) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    card = CardView(host)
    QVBoxLayout(host).addWidget(card)
    card.set_card(load_card(people.clerk))
    host.resize(560, 240)
    host.show()
    qtbot.waitExposed(host)
    for label in (card.name, card._caption, card.fingerprint):
        assert label_contrast(host, label) >= MIN_RATIO, (theme, label.text())
    # the card stands out from the window it sits on
    image = host.grab().toImage()
    inside = image.pixelColor(card.x() + 6, card.y() + card.height() // 2)
    assert inside == host.palette().color(QPalette.ColorRole.Base)


@pytest.mark.parametrize("kind", ["error", "info", "warning"])
def test_banner_keeps_contrast(qtbot, theme: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    banner = Banner(host)
    QVBoxLayout(host).addWidget(banner)
    banner.show_message("Phiên họp này đã hết hạn ngày 15/02/2024; không thể mở tài liệu nữa.", kind)
    host.resize(600, 80)
    host.show()
    qtbot.waitExposed(host)
    assert label_contrast(host, banner._text) >= MIN_RATIO, (theme, kind)
    background, text, _border = banner.colours()
    assert _ratio(background, text) >= MIN_RATIO
    # and it is still recognisably tinted, not plain Base
    assert background != host.palette().color(QPalette.ColorRole.Base)


def test_unlock_message_reads_on_both_themes(qtbot, make, theme: str, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    dialog = UnlockDialog(h.services, people.member("an"), h.window)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.try_unlock()  # empty: "Please type your passphrase." in the error colour
    for label in (dialog.message, dialog._who):
        assert label_contrast(dialog, label) >= MIN_RATIO, (theme, label.text())


def test_open_session_reads_on_both_themes(make, theme: str, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h: Harness = make(people)
    h.unlock()
    h.open(bundle)
    h.wait_document()
    w = h.window
    for label in (w.agenda.title, w.agenda.facts):
        assert label_contrast(w, label) >= MIN_RATIO, (theme, label.text())
    tree = w.agenda.tree
    QApplication.processEvents()
    image = tree.viewport().grab().toImage()
    scale = image.width() / max(1, tree.viewport().width())
    top = tree.topLevelItem(0)
    assert top is not None
    for item in (top, top.child(0), top.child(1)):  # an item, its presenter (muted), its document (chosen)
        r = tree.visualItemRect(item).adjusted(28, 0, 0, 0)  # the text only, not the (coloured) icon
        box = QRect(round(r.x() * scale), round(r.y() * scale), round(r.width() * scale), round(r.height() * scale))
        assert text_contrast(image, box) >= MIN_RATIO, (theme, item.text(0))
    assert tree.currentItem() is top.child(1)
    w.show_library()
    assert label_contrast(w, _row(w.library_view).title) >= MIN_RATIO


def test_palette_switch_while_running(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    """Windows can switch to dark mode while the app is open: colours follow at once."""
    saved = QPalette(qapp.palette())
    view = LibraryView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.set_locked(False)
    view.set_sessions([_record()], datetime(2025, 1, 12, tzinfo=UTC))
    view.show()
    qtbot.waitExposed(view)
    try:
        for make_palette in (light_palette, dark_palette, light_palette):
            qapp.setPalette(make_palette())
            row = _row(view)
            for label in (row.title, row.facts, view.hint):
                assert label_contrast(view, label) >= MIN_RATIO, (make_palette.__name__, label.text())
    finally:
        qapp.setPalette(saved)


def _icons_drawn_in(window: QWidget, actions: list[QAction]) -> None:
    text = window.palette().color(QPalette.ColorRole.WindowText)
    for action in actions:
        icon = action.icon()
        assert not icon.isNull(), action.text()
        image = icon.pixmap(32, 32).toImage()
        drawn = [image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width())
                 if image.pixelColor(x, y).alpha() == 255]
        assert drawn, action.text()
        assert all(abs(c.lightness() - text.lightness()) < 8 for c in drawn), action.text()


def test_action_icons_follow_the_text_colour(make, qapp: QApplication, theme: str) -> None:  # type: ignore[no-untyped-def]
    h = make()
    a = h.window.actions_
    actions = [a.open, a.zoom_in, a.zoom_out, a.fit_width, a.fit_page, a.night, a.full_screen, a.search_panel]
    _icons_drawn_in(h.window, actions)
    qapp.setPalette(PALETTES["light" if theme == "dark" else "dark"]())  # switched while running
    _icons_drawn_in(h.window, actions)
