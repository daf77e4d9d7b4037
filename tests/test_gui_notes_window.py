"""The notes panel in the main window, with a real bundle: the item note survives quitting,
bookmarks, the list of my annotations opens documents, Edit ▸ Undo/Redo follow the history,
reading mode hides the panel, failures are shown, and both exports write what they should."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_helpers import People, unlock, write_session
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses, open_message_boxes
from notes_gui_helpers import highlight_payload, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QLineEdit, QMessageBox

from paperless.core.bundle import build_bundle
from paperless.core.notes import AnnotationKind, NotesDiskFullError
from paperless.core.session import load_session
from paperless.gui.main_window import MainWindow
from paperless.gui.notes.panel import ANNOTATIONS_TAB, BOOKMARKS_TAB, ITEM_TAB

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


def _reading(qtbot, make, bundle: Path, people: People, **kwargs: object) -> Harness:  # type: ignore[no-untyped-def]
    h: Harness = make(people, **kwargs)
    h.unlock()
    h.open(bundle)
    h.wait_document()
    w = h.window
    qtbot.waitUntil(lambda: w.notes.controller.active and w.notes.panel.item_note.item is not None, timeout=10_000)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return h


def _doc_hash(w: MainWindow, entry: str) -> str:
    found = w.session.find(entry)
    assert found is not None
    return found[1].sha256


def _click_item(qtbot, w: MainWindow, number: int) -> None:  # type: ignore[no-untyped-def]
    row = w.agenda.item_row(number)
    assert row is not None
    rect = w.agenda.tree.visualItemRect(row)
    qtbot.mouseClick(w.agenda.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_item_note_survives_quitting_and_reopening(qtbot, make, bundle: Path, people: People,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    h = _reading(qtbot, make, bundle, people, home=tmp_path / "home")
    w = h.window
    note = w.notes.panel.item_note
    assert w.notes.panel.isVisible() and w.actions_.notes_panel.isChecked()
    assert note.item == 0 and note.heading.text() == "1. Báo cáo kết quả công tác quý IV/2023"
    note.editor.setFocus()
    type_text(note.editor, "Hỏi lại kinh phí năm 2025")
    _click_item(qtbot, w, 2)  # another agenda item: its own note; the first is saved at once
    assert note.item == 1 and note.heading.text() == "2. Dự thảo Kế hoạch chuyển đổi số"
    assert note.editor.toPlainText() == ""
    note.editor.setFocus()
    type_text(note.editor, "Đồng ý với dự thảo")
    h.close()  # quit straight away: no pause after typing

    again = _reading(qtbot, make, bundle, people, home=tmp_path / "home")
    note = again.window.notes.panel.item_note
    assert note.item == 0 and note.editor.toPlainText() == "Hỏi lại kinh phí năm 2025"
    _click_item(qtbot, again.window, 2)
    assert note.editor.toPlainText() == "Đồng ý với dự thảo"


def test_bookmarks_from_the_edit_menu(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = _reading(qtbot, make, bundle, people)
    w = h.window
    view, tab, c = w.reader.view, w.notes.panel.bookmarks, w.notes.controller
    view.go_to_page(2)
    qtbot.waitUntil(lambda: view.current_page() == 2)
    assert w.notes.panel.tabs.currentIndex() == ITEM_TAB
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # Edit ▸ Bookmark this page
    assert w.notes.panel.tabs.currentIndex() == BOOKMARKS_TAB
    qtbot.waitUntil(lambda: tab.tree.state() == QAbstractItemView.State.EditingState)
    [editor] = [e for e in tab.tree.viewport().findChildren(QLineEdit) if e.isVisible()]
    type_text(editor, "Bảng số liệu")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    doc = _doc_hash(w, "documents/0001.age")
    qtbot.waitUntil(lambda: [(b.page, b.label) for b in c.bookmarks(doc)] == [(2, "Bảng số liệu")])

    view.go_to_page(0)
    qtbot.waitUntil(lambda: view.current_page() == 0)
    row = tab.tree.topLevelItem(0)
    assert row is not None and row.text(0) == "Page 3" and row.text(1) == "Bảng số liệu"
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=tab.tree.visualItemRect(row).center())
    qtbot.waitUntil(lambda: view.current_page() == 2)

    w.session.open_document("documents/0002.age")  # another document: its own (no) bookmarks
    h.wait_document("documents/0002.age")
    assert tab.tree.topLevelItemCount() == 0 and tab.heading.text() == "Kế hoạch chuyển đổi số"
    w.session.open_document("documents/0001.age")
    h.wait_document("documents/0001.age")
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: c.bookmarks(doc) == [] and tab.tree.topLevelItemCount() == 0)


def test_my_annotations_open_their_document(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = _reading(qtbot, make, bundle, people)
    w = h.window
    c, tab = w.notes.controller, w.notes.panel.annotations
    plan = _doc_hash(w, "documents/0002.age")
    with qtbot.waitSignal(c.changed):
        c.add(plan, 3, AnnotationKind.HIGHLIGHT, "#ffd400", highlight_payload(plan, 3, "chuyển đổi số toàn diện"))
    w.notes.panel.show_tab(ANNOTATIONS_TAB)
    qtbot.waitUntil(lambda: len(tab.shown()) == 1)
    group = tab.tree.topLevelItem(0)
    assert group is not None and group.text(0) == "Kế hoạch chuyển đổi số (1)"
    row = group.child(0)
    assert row.text(0) == "Highlight \u00b7 Page 4\n\u201cchuyển đổi số toàn diện\u201d"
    tab.doc_filter.setCurrentIndex(tab.doc_filter.findData(_doc_hash(w, "documents/0001.age")))
    assert tab.shown() == [] and not tab.tree.isVisible()
    tab.doc_filter.setCurrentIndex(0)
    row = tab.tree.topLevelItem(0).child(0)  # type: ignore[union-attr]
    assert w.reader.view.document_id() == "documents/0001.age"
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=tab.tree.visualItemRect(row).center())
    h.wait_document("documents/0002.age")
    qtbot.waitUntil(lambda: w.reader.view.current_page() == 3)
    assert w.agenda.current_item == 1


def test_undo_and_redo_follow_the_history(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = _reading(qtbot, make, bundle, people)
    w = h.window
    a, c = w.actions_, w.notes.controller
    doc = _doc_hash(w, "documents/0001.age")
    assert a.edit_menu.title() == "&Edit"
    assert (a.undo.text(), a.undo.isEnabled(), a.redo.text(), a.redo.isEnabled()) == ("&Undo", False, "&Redo", False)
    with qtbot.waitSignal(c.history_changed):
        c.add(doc, 0, AnnotationKind.HIGHLIGHT, "#ffd400", highlight_payload(doc, 0, "Báo cáo quý IV"))
    assert (a.undo.text(), a.undo.isEnabled(), a.redo.isEnabled()) == ("&Undo Highlight", True, False)
    with qtbot.waitSignal(c.history_changed):
        qtbot.keyClick(w.reader.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z
    assert c.annotations(doc) == []
    assert (a.undo.isEnabled(), a.redo.text(), a.redo.isEnabled()) == (False, "&Redo Highlight", True)
    with qtbot.waitSignal(c.history_changed):
        qtbot.keyClick(w.reader.view, Qt.Key.Key_Z,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # Ctrl+Shift+Z
    [made] = c.annotations(doc)
    assert (a.undo.text(), a.redo.isEnabled()) == ("&Undo Highlight", False)
    with qtbot.waitSignal(c.history_changed):
        c.delete(made.uuid)
    assert a.undo.text() == "&Undo Delete Highlight"
    with qtbot.waitSignal(c.history_changed):
        a.undo.trigger()
    with qtbot.waitSignal(c.history_changed):
        c.update(made.uuid, color="#00ff00")
    assert a.undo.text() == "&Undo Change to Highlight"
    w.switch_language("vi")  # the same step, said in the new language (one place sets these texts)
    qtbot.waitUntil(lambda: a.undo.text() == "&Hoàn tác sửa: Tô sáng")
    assert a.undo.isEnabled() and a.undo.toolTip().startswith("Hoàn tác")
    assert w.page_label.text() == "Trang 1/5"  # the status bar's page too, without turning a page
    zoom = w.reader.view.toolbar().zoom_box
    assert zoom.currentText() == "Vừa chiều rộng"
    qtbot.waitUntil(lambda: zoom.lineEdit().width() >= zoom.fontMetrics().horizontalAdvance(zoom.currentText()))
    w.switch_language("en")
    qtbot.waitUntil(lambda: a.undo.text() == "&Undo Change to Highlight")
    w.close_session()  # the history goes with the session
    assert not a.undo.isEnabled() and a.undo.text() == "&Undo"


def test_reading_mode_hides_the_notes_and_puts_them_back(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = _reading(qtbot, make, bundle, people)
    w = h.window
    panel = w.notes.panel
    assert panel.isVisible()
    sizes = w.splitter.sizes()
    qtbot.keyClick(w, Qt.Key.Key_F11)
    assert w.isFullScreen() and not panel.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_F8)  # asked for: off (a preference) …
    assert not panel.isVisible() and not w.actions_.notes_panel.isChecked()
    qtbot.keyClick(w, Qt.Key.Key_F8)  # … and on again: shown even in full screen
    assert panel.isVisible() and w.isFullScreen()
    qtbot.keyClick(w, Qt.Key.Key_F8)
    qtbot.keyClick(w, Qt.Key.Key_F11)
    assert not w.isFullScreen() and not panel.isVisible()
    assert h.services.settings.flag("notes_panel", True) is False  # remembered
    qtbot.keyClick(w, Qt.Key.Key_F8)
    assert panel.isVisible() and w.splitter.sizes() == sizes  # as wide as it was
    qtbot.keyClick(w, Qt.Key.Key_F11)
    assert not panel.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert panel.isVisible() and w.splitter.sizes() == sizes
    w.close_session()
    assert not panel.isVisible()  # no session: no notes


def test_every_tab_can_be_read_out(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    from test_gui_accessibility import unnamed_focusable

    h = _reading(qtbot, make, bundle, people)
    w = h.window
    for tab in (ITEM_TAB, BOOKMARKS_TAB, ANNOTATIONS_TAB):
        w.notes.panel.show_tab(tab)
        assert unnamed_focusable(w) == [], tab


def test_a_failed_save_is_shown(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = _reading(qtbot, make, bundle, people)
    h.window.notes.controller.failed.emit(NotesDiskFullError(path="notes.sqlite3"))
    [box] = open_message_boxes()
    assert box.objectName() == "errorDialog" and box.property("paperless_error") == "NotesDiskFullError"
    box.close()


def _accept_warning(qtbot, *, dont_ask_again: bool) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(b.objectName() == "exportWarning" for b in open_message_boxes()))
    [box] = [b for b in open_message_boxes() if b.objectName() == "exportWarning"]
    assert "not be protected" in box.text()
    check = box.checkBox()
    assert isinstance(check, QCheckBox)
    check.setChecked(dont_ask_again)
    [go] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    go.click()


def _wait_saved(qtbot, h: Harness) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(b.objectName() == "exportDone" for b in open_message_boxes()), timeout=60_000)
    for box in open_message_boxes():
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert open_message_boxes() == []


@pytest.fixture(scope="module")
def printable_bundle(tmp_path_factory: pytest.TempPathFactory, people: People) -> Path:
    """A session whose policy allows printing and copying (the default forbids both)."""
    root = tmp_path_factory.mktemp("printable")
    session = write_session(root, people, extra="\n[policy]\nwatermark = true\nallow_copy = true\nallow_print = true\n")
    out = root / "phien12-in.paperless"
    build_bundle(load_session(session), unlock(people.clerk), out, version=1)
    return out


def test_the_default_policy_allows_no_pdf_copy_and_no_quotes(  # type: ignore[no-untyped-def]
        qtbot, make, bundle: Path, people: People, tmp_path: Path) -> None:
    h = _reading(qtbot, make, bundle, people)  # default policy: no printing, no copying
    w = h.window
    c = w.notes.controller
    doc = _doc_hash(w, "documents/0001.age")
    with qtbot.waitSignal(c.changed):
        c.add(doc, 1, AnnotationKind.HIGHLIGHT, "#ffd400", highlight_payload(doc, 1, "tăng trưởng 8,5 phần trăm", comment="Rõ"))
    assert not w.actions_.export_pdf.isEnabled() and "does not allow" in w.actions_.export_pdf.toolTip()
    w.notes.exporter.export_annotated(w.notes.document)  # even if called: nothing is asked, nothing made
    assert not open_message_boxes() and not w.notes.exporter.busy
    out = tmp_path / "out"
    out.mkdir()
    h.files.save_answers = [out / "ghichu.md"]
    w.actions_.export_notes.trigger()
    _accept_warning(qtbot, dont_ask_again=True)
    _wait_saved(qtbot, h)
    text = (out / "ghichu.md").read_text("utf-8")
    assert "Rõ" in text and "Page 2" in text  # my comment and where it is
    assert "tăng trưởng" not in text  # but not the document's text


@pytest.mark.slow
def test_exports(qtbot, make, printable_bundle: Path, people: People, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pymupdf

    bundle = printable_bundle
    h = _reading(qtbot, make, bundle, people)
    w = h.window
    c = w.notes.controller
    doc = _doc_hash(w, "documents/0001.age")
    with qtbot.waitSignal(c.changed):
        c.add(doc, 1, AnnotationKind.HIGHLIGHT, "#ffd400", highlight_payload(doc, 1, "Báo cáo quý IV", comment="Rõ"))
    with qtbot.waitSignal(c.changed):
        c.add(doc, 2, AnnotationKind.NOTE, "#ffd400", {"point": [100, 120], "text": "Hỏi lại số liệu"})
    note = w.notes.panel.item_note
    note.editor.setFocus()
    type_text(note.editor, "Ghi chú riêng về báo cáo")  # not yet saved: the export still has it

    out = tmp_path / "out"
    out.mkdir()
    h.files.save_answers = [out / "baocao-ghichu", None, out / "ghichu.md", out / "ghichu.pdf"]
    w.actions_.export_pdf.trigger()
    _accept_warning(qtbot, dont_ask_again=True)
    _wait_saved(qtbot, h)
    pdf = pymupdf.open(out / "baocao-ghichu.pdf")  # ".pdf" added
    found = [(page.number, a.type[1], a.info["content"]) for page in pdf for a in page.annots()]
    assert sorted(found) == [(1, "Highlight", "Rõ"), (2, "Text", "Hỏi lại số liệu")]
    assert "Nguyễn Văn An" in pdf[0].get_text()  # the session's policy asks for the watermark
    pdf.close()

    w.actions_.export_notes.trigger()  # no warning now; cancelled at the file question
    assert not any(b.objectName() == "exportWarning" for b in open_message_boxes())
    assert h.files.save_answers == [out / "ghichu.md", out / "ghichu.pdf"] and not h.window.notes.exporter.busy
    w.actions_.export_notes.trigger()
    _wait_saved(qtbot, h)
    text = (out / "ghichu.md").read_text("utf-8")
    assert "Ghi chú riêng về báo cáo" in text and "Báo cáo quý IV" in text and "Page 2" in text
    w.actions_.export_notes.trigger()
    _wait_saved(qtbot, h)
    summary = pymupdf.open(out / "ghichu.pdf")
    all_text = " ".join(page.get_text() for page in summary)
    assert "Báo cáo quý IV" in all_text and "Hỏi lại số liệu" in all_text
    summary.close()

    w.close_session()  # a new session warns again
    h.open(Path(bundle))
    h.wait_document()
    qtbot.waitUntil(lambda: w.notes.controller.active)
    w.actions_.export_notes.trigger()
    qtbot.waitUntil(lambda: any(b.objectName() == "exportWarning" for b in open_message_boxes()))
