"""Classified items in the real window: the agenda's stamp, the viewer's strip and watermark, the
policy per document (a classified document is never copied, printed nor exported, an
unclassified one in the same session keeps the session's policy), and the idle lock."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bundle_helpers import PASSPHRASE, People, unlock
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog
from test_classification import classified_session

from paperless.core.bundle import build_bundle
from paperless.core.classification import Level
from paperless.core.session import load_session
from paperless.gui.agenda import STAMP_ROLE
from paperless.gui.classification import STAMP_RED

pytestmark = OFFSCREEN_NOISE
WAIT = 30_000


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory, people: People) -> Path:
    """Item 1 unclassified, item 2 Mật, item 3 Tuyệt mật; the session lets everyone copy and print."""
    root = tmp_path_factory.mktemp("classified-gui")
    spec = load_session(classified_session(root, people, "\n[policy]\nallow_copy = true\nallow_print = true\n"))
    out = root / "mat.paperless"
    build_bundle(spec, unlock(people.clerk), out)
    return out


def reading(qtbot, make, bundle: Path, people: People, **kwargs: object) -> Harness:  # type: ignore[no-untyped-def]
    h: Harness = make(people, **kwargs)
    h.unlock()
    h.open(bundle)
    h.wait_document()
    qtbot.waitUntil(lambda: h.window.notes.controller.active, timeout=WAIT)
    return h


def entries(h: Harness) -> list[str]:
    opened = h.window.session.opened
    assert opened is not None
    return [it.documents[0].entry for it in opened.agenda.items]


def show(qtbot, h: Harness, entry: str) -> None:  # type: ignore[no-untyped-def]
    h.window.session.open_document(entry)
    h.wait_document(entry)
    qtbot.waitUntil(lambda: h.window.printing.document is not None and h.window.printing.document.entry == entry,
                    timeout=WAIT)


def red_pixels(image: QImage) -> int:
    red = QColor(STAMP_RED)
    count = 0
    for y in range(0, image.height()):
        for x in range(0, image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - red.red()) < 40 and abs(c.green() - red.green()) < 40 and abs(c.blue() - red.blue()) < 40:
                count += 1
    return count


def white_share(image: QImage, step: int = 4) -> float:
    """The share of pure white pixels: a PDF page on screen is mostly white; the lock screen is not."""
    white = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            white += image.pixel(x, y) & 0xFFFFFF == 0xFFFFFF
    return white / max(1, total)


# --- the stamp, the strip, the watermark, the policy per document ---------------------------------


def test_agenda_shows_the_stamp_beside_classified_items(qtbot, make, classified: Path,  # type: ignore[no-untyped-def]
                                                        people: People) -> None:
    h = reading(qtbot, make, classified, people)
    tree = h.window.agenda.tree
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert [r.data(0, STAMP_ROLE) if r is not None else None for r in rows] == [None, "MẬT", "TUYỆT MẬT"]
    assert rows[1] is not None and "may not be copied" in rows[1].toolTip(0)
    picture = tree.viewport().grab().toImage()
    reds = []
    for row in rows:
        assert row is not None
        reds.append(red_pixels(picture.copy(tree.visualItemRect(row))))
    assert reds[0] == 0 and reds[1] > 20 and reds[2] > 20  # the red stamp is drawn, and only on those


def test_classified_document_strip_watermark_and_refusals(qtbot, make, classified: Path,  # type: ignore[no-untyped-def]
                                                          people: People) -> None:
    h = reading(qtbot, make, classified, people)
    w, view = h.window, h.window.reader.view
    plain, mat, tuyet = entries(h)
    show(qtbot, h, plain)  # unclassified: the session's policy (copy and print allowed), no strip
    assert not view.classification.isVisible()
    assert w.actions_.print_.isEnabled() and w.actions_.export_pdf.isEnabled() and view.canvas.selectable
    assert not view.canvas.watermark.text.startswith("MẬT")

    show(qtbot, h, mat)
    assert view.classification.isVisible() and view.classification.stamp.text == "MẬT"
    assert "may not be copied, printed or exported" in view.classification.label.text()
    assert "recalled" not in view.classification.label.text()
    assert view.canvas.watermark.text.startswith("MẬT · Nguyễn Văn An · ")
    assert not view.canvas.selectable  # no selection, so no copy
    for action in (w.actions_.print_, w.actions_.export_pdf):
        assert not action.isEnabled() and "classified" in action.toolTip()
    w.printing.print_document()  # even if called: nothing is asked, nothing exported
    w.notes.exporter.export_annotated(w.printing.document)
    assert h.files.asked == []

    show(qtbot, h, tuyet)
    assert view.classification.stamp.text == "TUYỆT MẬT"
    assert "recalled after the meeting" in view.classification.label.text()
    assert view.canvas.watermark.text.startswith("TUYỆT MẬT · ")
    image = view.grab().toImage()
    assert red_pixels(image.copy(view.classification.geometry())) > 20

    show(qtbot, h, plain)  # back to the unclassified one: allowed again, no strip
    assert not view.classification.isVisible() and w.actions_.print_.isEnabled()
    w.close_session()
    assert not view.classification.isVisible()


# --- the idle lock -----------------------------------------------------------------------------------


def lock_after(h: Harness, ms_per_minute: int) -> None:
    lock = h.window.idle_lock
    lock.watch.ms_per_minute = ms_per_minute
    lock.recheck()


def test_idle_lock_hides_the_document_and_asks_the_passphrase(qtbot, make, classified: Path,  # type: ignore[no-untyped-def]
                                                              people: People) -> None:
    h = reading(qtbot, make, classified, people)
    w, view = h.window, h.window.reader.view
    plain, mat, _tuyet = entries(h)
    show(qtbot, h, mat)
    view.go_to_page(1)
    qtbot.waitUntil(lambda: view.current_page() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: white_share(w.grab().toImage()) > 0.2, timeout=WAIT)  # the page is on screen
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    view.canvas.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.canvas)
    lock = w.idle_lock
    lock.watch.ms_per_minute = 40  # Mật: 5 "minutes" = 200 ms without input
    assert w._idle_minutes() == 5
    started = time.monotonic()
    with qtbot.waitSignal(lock.locked_changed, timeout=WAIT) as locked:
        lock.watch.input()  # input now: the 200 ms start again
        lock.recheck()
    assert locked.args == [True] and lock.locked
    assert time.monotonic() - started >= 0.15
    screen = lock.screen
    assert screen is not None and screen.isVisible() and screen.geometry() == w.rect()
    # nothing of the document: whatever is under the canvas' middle is the lock screen, and the
    # window's picture (what a thumbnail shows) has no white page in it
    middle = view.canvas.mapTo(w, view.canvas.rect().center())
    under = w.childAt(middle)
    assert under is screen or screen.isAncestorOf(under)
    assert white_share(w.grab().toImage()) < 0.05
    assert "Nguyễn Văn An" in screen.explanation.text() and w.windowTitle() == "Paperless"
    assert QApplication.focusWidget() is screen.passphrase
    assert view.document_id() is None and len(w.session.cache) == 0  # the document is closed while locked

    # shortcuts of the window behind do nothing (Ctrl+L would show the library)
    page = w.centre.currentIndex()
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert w.centre.currentIndex() == page and lock.locked

    # a wrong passphrase is refused with a message; the field is emptied
    screen.passphrase.setText("sai mật khẩu")  # QTest types ASCII only
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert screen.passphrase.text() == ""
    qtbot.waitUntil(lambda: "Wrong passphrase" in screen.message.text(), timeout=WAIT)
    assert lock.locked
    qtbot.waitUntil(screen.passphrase.isEnabled, timeout=WAIT)  # after the short pause

    # the right one unlocks: the reader is where it was (the document is opened again)
    lock.watch.ms_per_minute = 60_000  # no second lock while it reopens
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(lock.locked_changed, timeout=WAIT) as unlocked:
        qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert unlocked.args == [False] and not lock.locked
    qtbot.waitUntil(lambda: view.document_id() == mat and view.current_page() == 1, timeout=WAIT)  # reopened
    assert QApplication.focusWidget() is view.canvas  # the keyboard is back where it was
    assert w.windowTitle().endswith("Paperless") and w.windowTitle() != "Paperless"
    qtbot.waitUntil(lambda: white_share(w.grab().toImage()) > 0.2, timeout=WAIT)
    assert plain != mat


def test_input_resets_the_idle_timer(qtbot, make, classified: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = reading(qtbot, make, classified, people)
    w = h.window
    lock = w.idle_lock
    assert w._idle_minutes() == 15  # the unclassified first document: the default
    lock.watch.ms_per_minute = 20  # 15 "minutes" = 300 ms
    canvas = w.reader.view.canvas.viewport()
    moves: list[float] = []

    def move() -> None:  # input every 100 ms for 600 ms: never 300 ms without input meanwhile
        if len(moves) >= 6:
            pulse.stop()
            return
        event = QMouseEvent(QMouseEvent.Type.MouseMove, QPoint(50 + len(moves), 50).toPointF(),
                            QPoint(50, 50).toPointF(), Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(canvas, event)
        moves.append(time.monotonic())

    pulse = QTimer(interval=100)
    pulse.timeout.connect(move)
    with qtbot.waitSignal(lock.locked_changed, timeout=WAIT):
        move()
        lock.recheck()
        pulse.start()
    locked_at = time.monotonic()
    assert len(moves) == 6  # it did not lock while input came
    assert locked_at - moves[-1] >= 0.27  # but a full wait after the last input


def test_lock_now_shortcut_and_clerk_minutes(qtbot, make, tmp_path: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    spec = load_session(classified_session(tmp_path, people, "\n[policy]\nidle_lock_minutes = 3\n"))
    out = tmp_path / "three.paperless"
    build_bundle(spec, unlock(people.clerk), out)
    h = reading(qtbot, make, out, people)
    w = h.window
    plain, mat, tuyet = entries(h)
    assert w._idle_minutes() == 3  # the clerk's, for an unclassified document
    show(qtbot, h, tuyet)
    assert w._idle_minutes() == 2
    show(qtbot, h, mat)
    assert w._idle_minutes() == 3  # the clerk's is shorter than Mật's 5
    action = w.actions_.lock
    assert action.shortcut().toString() == "Ctrl+Alt+L" and action.isEnabled()
    with qtbot.waitSignal(w.idle_lock.locked_changed, timeout=WAIT):
        qtbot.keyClick(w.reader.view.canvas, Qt.Key.Key_L,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert w.idle_lock.locked and plain != mat
    w.idle_lock.unlock()
    w.actions_.about.trigger()  # a dialog over the window: hidden while locked, back afterwards
    [about] = [d for d in QApplication.topLevelWidgets() if d is not w and isinstance(d, QDialog) and d.isVisible()]
    with qtbot.waitSignal(w.idle_lock.locked_changed, timeout=WAIT):
        lock_after(h, 1)  # the idle lock comes whatever dialog is open
    assert w.idle_lock.locked and not about.isVisible()
    w.idle_lock.unlock()
    assert about.isVisible()
    about.close()
    assert Level.MAT.idle_lock_cap == 5


def test_exported_notes_keep_quotes_only_of_unclassified_documents(  # type: ignore[no-untyped-def]
        qtbot, make, classified: Path, people: People, tmp_path: Path) -> None:
    from notes_gui_helpers import highlight_payload
    from test_gui_notes_window import _accept_warning, _wait_saved

    from paperless.core.notes import AnnotationKind

    h = reading(qtbot, make, classified, people)  # the session allows copying
    w = h.window
    c = w.notes.controller
    opened = w.session.opened
    assert opened is not None
    plain, mat = (opened.agenda.items[i].documents[0].sha256 for i in (0, 1))
    with qtbot.waitSignal(c.changed):
        c.add(plain, 0, AnnotationKind.HIGHLIGHT, "#ffd400", highlight_payload(plain, 0, "câu công khai", comment="A"))
    with qtbot.waitSignal(c.changed):
        c.add(mat, 0, AnnotationKind.HIGHLIGHT, "#ffd400", highlight_payload(mat, 0, "câu tài liệu mật", comment="B"))
    h.files.save_answers = [tmp_path / "ghichu.md"]
    w.actions_.export_notes.trigger()
    _accept_warning(qtbot, dont_ask_again=True)
    _wait_saved(qtbot, h)
    text = (tmp_path / "ghichu.md").read_text("utf-8")
    assert "câu công khai" in text  # the session's policy for the unclassified document
    assert "B" in text and "câu tài liệu mật" not in text  # my words on the Mật document, not its text
