"""The clerk's Agenda page (issue 13): items added by keyboard, reordered by drag and drop and by
keyboard, who may read an item and its count, polls following their item, undo, problems by the
field, and the saved session.toml read back by the CLI's loader."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from bundle_helpers import KEYS, MEMBERS, People, make_pdf
from gui_helpers import OFFSCREEN_NOISE, ensure_translations
from notes_gui_helpers import type_text
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from paperless.core.clerk import ItemDraft, MemberDraft, PollDraft, QuestionDraft, SessionDraft
from paperless.core.clerk.workspace import Workspace
from paperless.core.errors import T
from paperless.core.session import load_session
from paperless.gui.clerk.agenda_page import AgendaPage
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.i18n import Translators
from paperless.gui.tasks import Tasks

pytestmark = OFFSCREEN_NOISE
ICT = timezone(timedelta(hours=7))
WAIT = 10_000


@pytest.fixture
def vietnamese(qtbot) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The interface's Vietnamese translation installed (as the app does), removed afterwards."""
    locale = QLocale()
    translators = Translators(QCoreApplication.instance(), ensure_translations())
    assert translators.install("vi")
    yield
    translators.remove()
    QLocale.setDefault(locale)


@pytest.fixture
def tasks(qtbot) -> Iterator[Tasks]:  # type: ignore[no-untyped-def]
    t = Tasks()
    yield t
    assert t.wait_for_done(WAIT)


def _session(folder: Path, people: People) -> SessionDraft:
    """Three real members (their cards), three items with real PDFs, a poll about item 2."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        make_pdf(docs / name, name, 1)
    return SessionDraft(
        folder=folder, title="Hội nghị Ban Thường vụ", starts_at=datetime(2025, 1, 15, 8, tzinfo=ICT),
        expires_at=datetime(2025, 2, 15, tzinfo=ICT),
        members=[MemberDraft(name, str(people.member(key))) for name, key in zip(MEMBERS, KEYS, strict=True)],
        items=[ItemDraft("Báo cáo quý IV", "Văn phòng", ["docs/a.pdf"]),
               ItemDraft("Kế hoạch chuyển đổi số", "Sở TT&TT", ["docs/b.pdf"]),
               ItemDraft("Công tác cán bộ", "Ban Tổ chức", ["docs/c.pdf"])],
        polls=[PollDraft("phieu-1", "Phiếu về kế hoạch", datetime(2025, 1, 14, 17, tzinfo=ICT), 2,
                         [QuestionDraft("Đồng ý thông qua?")])])


def _page(qtbot, draft: SessionDraft, tasks: Tasks, **kwargs: object) -> tuple[AgendaPage, Workspace]:  # type: ignore[no-untyped-def]
    ws = Workspace(draft)
    controller = WorkspaceController(ws, tasks)
    page = AgendaPage(controller, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=WAIT)
    return page, ws


def _titles(ws: Workspace) -> list[str]:
    return [i.title for i in ws.draft.items]


def _rows(page: AgendaPage) -> list[str]:
    model = page.items.model
    return [str(model.data(model.index(r))) for r in range(model.rowCount())]


def _visible_problems(widget: QWidget) -> list[str]:
    return [w.text() for w in widget.findChildren(QLabel, "problem") if w.isVisibleTo(widget) and w.text()]


def test_three_items_added_and_named_by_keyboard(qtbot, tmp_path: Path, tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    page, ws = _page(qtbot, SessionDraft(folder=tmp_path), tasks)
    for title in ("Báo cáo quý IV", "Kế hoạch chuyển đổi số", "Công tác cán bộ"):
        qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Insert)
        qtbot.waitUntil(lambda: page.item_editor.title.hasFocus(), timeout=WAIT)
        type_text(page.item_editor.title, title)
    page.commit_pending()
    assert _titles(ws) == ["Báo cáo quý IV", "Kế hoạch chuyển đổi số", "Công tác cán bộ"]
    assert [r.split("  ⚠")[0] for r in _rows(page)] == [
        "1. Báo cáo quý IV", "2. Kế hoạch chuyển đổi số", "3. Công tác cán bộ"]
    assert ws.undo_label() == T("Rename item 3", "Đổi tên mục 3")  # each a step: add, then rename
    ws.undo()
    assert _titles(ws)[2] == "" and page.item_editor.title.text() == ""


def _drop(page: AgendaPage, src: int, onto: int) -> None:
    """Drag row ``src`` and drop it on the upper half of row ``onto``, through the view's own
    drag enter, move and drop events (as a mouse drag delivers them)."""
    view = page.items.view
    model = page.items.model
    mime = model.mimeData([model.index(src)])
    rect = view.visualRect(model.index(onto))
    pos = QPoint(rect.center().x(), rect.top() + 2)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, Qt.DropAction.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(pos, Qt.DropAction.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), move)
    assert move.isAccepted()
    drop = QDropEvent(QPointF(pos), Qt.DropAction.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), drop)
    assert drop.isAccepted()


def test_drag_and_drop_reorders_keeping_the_poll_and_the_restriction(qtbot, tmp_path: Path, tasks: Tasks,  # type: ignore[no-untyped-def]
                                                                       people: People) -> None:
    draft = _session(tmp_path, people)
    draft.items[1].restricted_to = [MEMBERS[0]]
    page, ws = _page(qtbot, draft, tasks)
    _drop(page, 2, 0)  # "Công tác cán bộ" to the top
    assert _titles(ws) == ["Công tác cán bộ", "Báo cáo quý IV", "Kế hoạch chuyển đổi số"]
    assert ws.draft.polls[0].item == 3 and ws.draft.items[2].restricted_to == [MEMBERS[0]]
    assert _rows(page)[0] == "1. Công tác cán bộ"
    assert ws.undo_label() == T("Move item 3 to place 1", "Chuyển mục 3 đến vị trí 1")
    assert page.items.current() == 0 and page.item_editor.title.text() == "Công tác cán bộ"
    _drop(page, 0, 2)  # dropped above the last row: to the middle
    assert _titles(ws) == ["Báo cáo quý IV", "Công tác cán bộ", "Kế hoạch chuyển đổi số"]
    assert ws.undo_label() == T("Move item 1 down", "Chuyển mục 1 xuống")
    _drop(page, 2, 0)  # the item with the poll and the restriction to the top
    assert _titles(ws) == ["Kế hoạch chuyển đổi số", "Báo cáo quý IV", "Công tác cán bộ"]
    assert ws.draft.polls[0].item == 1 and ws.draft.items[0].restricted_to == [MEMBERS[0]]
    for _ in range(3):
        ws.undo()
    assert _titles(ws) == ["Báo cáo quý IV", "Kế hoạch chuyển đổi số", "Công tác cán bộ"]
    assert ws.draft.polls[0].item == 2 and ws.draft.items[1].restricted_to == [MEMBERS[0]]
    assert [r[:3] for r in _rows(page)] == ["1. ", "2. ", "3. "]


def test_a_drop_of_something_else_is_refused(qtbot, tmp_path: Path, tasks: Tasks, people: People) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData

    page, ws = _page(qtbot, _session(tmp_path, people), tasks)
    other = QMimeData()
    other.setText("1")
    model = page.items.model
    assert not model.canDropMimeData(other, Qt.DropAction.MoveAction, 0, 0, model.index(0).parent())
    assert not model.dropMimeData(other, Qt.DropAction.MoveAction, 0, 0, model.index(0).parent())
    assert ws.undo_label() is None


def test_keyboard_moves_a_poll_follows_its_item_and_undo_restores(qtbot, tmp_path: Path, tasks: Tasks,  # type: ignore[no-untyped-def]
                                                                  people: People, vietnamese: None) -> None:
    page, ws = _page(qtbot, _session(tmp_path, people), tasks)
    view = page.items.view
    page.items.select(1)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _titles(ws) == ["Báo cáo quý IV", "Công tác cán bộ", "Kế hoạch chuyển đổi số"]
    assert ws.draft.polls[0].item == 3  # the poll about "Kế hoạch chuyển đổi số" followed it
    assert ws.undo_label() == T("Move item 2 down", "Chuyển mục 2 xuống")
    assert page.items.current() == 2
    assert page.polls.view.item(0).text().endswith("mục 3")
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _titles(ws) == ["Kế hoạch chuyển đổi số", "Báo cáo quý IV", "Công tác cán bộ"]
    assert ws.draft.polls[0].item == 1
    assert ws.undo_label() == T("Move item 2 up", "Chuyển mục 2 lên")
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # already first: nothing
    assert ws.undo_label() == T("Move item 2 up", "Chuyển mục 2 lên")
    while ws.undo():
        pass
    assert _titles(ws) == ["Báo cáo quý IV", "Kế hoạch chuyển đổi số", "Công tác cán bộ"]
    assert ws.draft.polls[0].item == 2
    assert page.polls.view.item(0).text().endswith("mục 2")
    page.items.select(1)
    assert "Phiếu về kế hoạch" in page.item_editor.polls_label.text()


def test_who_may_read_ticked_by_keyboard_with_the_count(qtbot, tmp_path: Path, tasks: Tasks,  # type: ignore[no-untyped-def]
                                                        vietnamese: None) -> None:
    names = [f"Thành viên {i:02d}" for i in range(1, 16)]
    draft = SessionDraft(folder=tmp_path, members=[MemberDraft(n, "") for n in names],
                         items=[ItemDraft("Công tác cán bộ")])
    page, ws = _page(qtbot, draft, tasks)
    editor = page.item_editor
    assert editor.readers_count.text() == "Cả 15 thành viên được đọc"
    assert not editor.members.isEnabled()
    editor.chosen.click()
    assert ws.draft.items[0].restricted_to == []
    assert editor.readers_count.text() == "0 trong 15 thành viên được đọc"
    assert "⚠ giới hạn người đọc nhưng chưa chọn ai" in _visible_problems(editor.readers_box)
    assert editor.members.isEnabled()
    editor.members.setFocus()
    for row in (0, 4, 9):
        editor.members.setCurrentRow(row)
        qtbot.keyClick(editor.members, Qt.Key.Key_Space)
    assert ws.draft.items[0].restricted_to == [names[0], names[4], names[9]]
    assert editor.readers_count.text() == "3 trong 15 thành viên được đọc"
    assert _visible_problems(editor.readers_box) == []
    assert ws.undo_label() == T("Choose who may read item 1", "Chọn người được đọc mục 1")
    assert "hạn chế" in _rows(page)[0] or "giới hạn" in _rows(page)[0]
    editor.everyone.click()
    assert ws.draft.items[0].restricted_to is None
    ws.undo()
    assert editor.readers_count.text() == "3 trong 15 thành viên được đọc" and editor.chosen.isChecked()


def test_problems_appear_by_their_field_and_clear(qtbot, tmp_path: Path, tasks: Tasks, people: People,  # type: ignore[no-untyped-def]
                                                  vietnamese: None) -> None:
    page, ws = _page(qtbot, _session(tmp_path, people), tasks)
    editor = page.item_editor
    page.items.select(1)
    assert _visible_problems(editor) == []
    # a duplicate title
    editor.title.setFocus()
    editor.title.selectAll()
    type_text(editor.title, "Báo cáo quý IV")
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert editor.title_problem.isVisibleTo(editor) and "có hai lần" in editor.title_problem.text()
    assert "⚠" in _rows(page)[1]
    ws.undo()
    assert not editor.title_problem.isVisibleTo(editor) and "⚠" not in _rows(page)[1]
    # a comments deadline after the meeting starts
    editor.comments.click()
    assert ws.draft.items[1].comments_due == datetime(2025, 1, 14, 17, tzinfo=ICT)  # the day before, 17:00
    assert not editor.comments_problem.isVisibleTo(editor)
    editor.comments_due.setDateTime(QDateTime(QDate(2025, 1, 16), QTime(9, 0)))
    editor.comments_due.editingFinished.emit()
    assert ws.draft.items[1].comments_due == datetime(2025, 1, 16, 9, tzinfo=ICT)
    assert "hạn góp ý sau giờ bắt đầu phiên họp" in editor.comments_problem.text()
    assert ws.undo_label() == T("Change the comments deadline of item 2", "Đổi hạn góp ý mục 2")
    ws.undo()
    assert not editor.comments_problem.isVisibleTo(editor)
    # an item with no document: the read-only list says so (the documents panel will replace it)
    page.items.add()
    assert editor.index == 3
    assert "nội dung chưa có tài liệu" in editor.documents_problem.text()
    assert "nội dung chưa có tên" in editor.title_problem.text()
    type_text(editor.title, "Các vấn đề khác")
    page.commit_pending()
    assert not editor.title_problem.isVisibleTo(editor)
    # a poll: its title and a question, by their fields
    page.polls.add(None)
    pe = page.poll_editor
    assert page.editors.currentWidget().widget() is pe  # type: ignore[attr-defined]
    assert "tên phiếu còn trống" in pe.title_problem.text()
    assert "câu hỏi còn trống" in pe.boxes[0].text_problem.text()
    pe.title.setFocus()
    type_text(pe.title, "Phiếu lấy ý kiến")
    type_text(pe.boxes[0].text, "Đồng ý?")
    page.commit_pending()
    assert not pe.title_problem.isVisibleTo(pe) and not pe.boxes[0].text_problem.isVisibleTo(pe)
    assert ws.draft.polls[1].poll_id == "phieu-2" and ws.draft.polls[1].item is None


def test_remove_with_undo_and_the_poll_about_it(qtbot, tmp_path: Path, tasks: Tasks, people: People) -> None:  # type: ignore[no-untyped-def]
    page, ws = _page(qtbot, _session(tmp_path, people), tasks)
    page.items.select(1)
    page.items.view.setFocus()
    qtbot.keyClick(page.items.view, Qt.Key.Key_Delete)
    assert _titles(ws) == ["Báo cáo quý IV", "Công tác cán bộ"] and ws.draft.polls[0].item is None
    assert page.items.undo_button.isVisibleTo(page)
    page.items.undo_button.click()
    assert _titles(ws) == ["Báo cáo quý IV", "Kế hoạch chuyển đổi số", "Công tác cán bộ"]
    assert ws.draft.polls[0].item == 2 and not page.items.undo_button.isVisibleTo(page)


def test_the_poll_editor(qtbot, tmp_path: Path, tasks: Tasks, people: People) -> None:  # type: ignore[no-untyped-def]
    page, ws = _page(qtbot, _session(tmp_path, people), tasks)
    page.polls.select(0)
    pe = page.poll_editor
    assert pe.item.currentData() == 2
    pe.item.setCurrentIndex(3)
    pe.item.activated.emit(3)
    assert ws.draft.polls[0].item == 3
    box = pe.boxes[0]
    box.mode.setCurrentIndex(1)
    box.mode.activated.emit(1)  # choices of my own: starts from the usual ones
    assert ws.draft.polls[0].questions[0].choices == ["Đồng ý", "Không đồng ý", "Ý kiến khác"]
    box = pe.boxes[0]
    box.choices.setFocus()
    box.choices.setPlainText("Phương án 1\nPhương án 2\n\n")
    page.commit_pending()
    assert ws.draft.polls[0].questions[0].choices == ["Phương án 1", "Phương án 2"]
    box.text_answer.click()
    assert ws.draft.polls[0].questions[0].text_answer is True
    pe.add_question.click()
    assert len(pe.boxes) == 2 and len(ws.draft.polls[0].questions) == 2
    pe.boxes[1].mode.setCurrentIndex(2)
    pe.boxes[1].mode.activated.emit(2)  # a written answer only
    assert ws.draft.polls[0].questions[1].choices == [] and pe.boxes[1].text_answer.isChecked()
    pe.boxes[1].remove.click()
    assert len(ws.draft.polls[0].questions) == 1
    page.polls.view.setFocus()
    qtbot.keyClick(page.polls.view, Qt.Key.Key_Delete)
    assert ws.draft.polls == []


def test_documents_panel_slot(qtbot, tmp_path: Path, tasks: Tasks, people: People) -> None:  # type: ignore[no-untyped-def]
    made: list[int] = []

    def panel(index: int) -> QWidget:
        made.append(index)
        label = QLabel(f"panel {index}")
        label.setObjectName("fakePanel")
        return label

    page, _ws = _page(qtbot, _session(tmp_path, people), tasks, documents_panel=panel)
    page.items.select(2)
    assert made == [0, 2]
    qtbot.waitUntil(lambda: [w.text() for w in page.item_editor.documents_box.findChildren(QLabel, "fakePanel")
                             if w.isVisibleTo(page)] == ["panel 2"], timeout=WAIT)
    assert not page.item_editor.documents.isVisibleTo(page)


def test_without_a_panel_the_documents_are_listed_by_name(qtbot, tmp_path: Path, tasks: Tasks,  # type: ignore[no-untyped-def]
                                                          people: People) -> None:
    draft = _session(tmp_path, people)
    draft.items[0].documents.append("docs/b.pdf")
    page, _ws = _page(qtbot, draft, tasks)
    docs = page.item_editor.documents
    assert [docs.item(r).text() for r in range(docs.count())] == ["a.pdf", "b.pdf"]


def test_the_saved_session_loads_with_the_new_order_and_restrictions(qtbot, tmp_path: Path, tasks: Tasks,  # type: ignore[no-untyped-def]
                                                                      people: People) -> None:
    page, ws = _page(qtbot, _session(tmp_path, people), tasks)
    _drop(page, 2, 0)  # "Công tác cán bộ" first
    page.items.select(0)
    editor = page.item_editor
    editor.chosen.click()
    editor.members.item(1).setCheckState(Qt.CheckState.Checked)
    editor.level.setCurrentIndex(1)
    editor.level.activated.emit(1)
    page.items.select(2)
    page.items.view.setFocus()
    qtbot.keyClick(page.items.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # the poll's item goes up
    assert ws.problems() == []
    path = ws.save()
    spec = load_session(path)
    assert [i.title for i in spec.items] == ["Công tác cán bộ", "Kế hoạch chuyển đổi số", "Báo cáo quý IV"]
    assert spec.items[0].restricted_to == (MEMBERS[1],) and spec.items[0].level is not None
    assert spec.items[1].restricted_to is None and spec.items[2].restricted_to is None
    assert spec.polls[0].item == 2 and spec.items[spec.polls[0].item - 1].title == "Kế hoạch chuyển đổi số"
    assert [d.name for i in spec.items for d in i.documents] == ["c.pdf", "b.pdf", "a.pdf"]


def test_the_page_follows_a_language_switch(qtbot, tmp_path: Path, tasks: Tasks, people: People) -> None:  # type: ignore[no-untyped-def]
    page, _ws = _page(qtbot, _session(tmp_path, people), tasks)
    editor = page.item_editor
    assert editor.readers_count.text() == "All 3 members can read this"
    assert page.items.add_button.text() == "Add item (Insert)"
    locale = QLocale()
    translators = Translators(QCoreApplication.instance(), ensure_translations())
    try:
        assert translators.install("vi")
        qtbot.waitUntil(lambda: page.items.add_button.text() == "Thêm mục (Insert)", timeout=WAIT)
        assert editor.readers_count.text() == "Cả 3 thành viên được đọc"
        assert editor.level.currentText() == "Không mật" and editor.heading.text() == "Mục 1"
        assert page.polls.view.item(0).text().endswith("mục 2")
    finally:
        translators.remove()
        QLocale.setDefault(locale)
    qtbot.waitUntil(lambda: page.items.add_button.text() == "Add item (Insert)", timeout=WAIT)
