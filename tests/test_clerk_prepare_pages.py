"""The clerk's Session and Members pages (issue 13, Prepare): filled by keyboard, problems shown
by their field, undo, cards imported with their fingerprint checked, the roster, drag and drop."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from bundle_helpers import People
from gui_helpers import OFFSCREEN_NOISE, FakeFiles, make_services
from notes_gui_helpers import type_text
from PySide6.QtCore import QLocale, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QVBoxLayout, QWidget

from paperless.core.clerk.draft import ItemDraft, SessionDraft
from paperless.core.clerk.roster import Roster
from paperless.core.clerk.workspace import Workspace
from paperless.core.errors import T
from paperless.core.identity import load_card
from paperless.core.session import load_session
from paperless.gui.app import shutdown
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.field_notes import FieldNote
from paperless.gui.clerk.members_page import FingerprintDialog, MembersPage, RosterDialog
from paperless.gui.clerk.session_page import SessionPage
from paperless.gui.services import AppServices

pytestmark = OFFSCREEN_NOISE
ICT = timezone(timedelta(hours=7))
_HOSTS: list[QWidget] = []


@pytest.fixture
def services(qtbot, tmp_path: Path) -> Iterator[AppServices]:  # type: ignore[no-untyped-def]
    locale = QLocale()
    made = make_services(tmp_path / "home", FakeFiles())
    try:
        yield made
    finally:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible():
                w.close()
        _HOSTS.clear()
        shutdown(made)
        QLocale.setDefault(locale)


def _host(qtbot, page_for) -> tuple[QWidget, QWidget]:  # type: ignore[no-untyped-def]
    host = QWidget()
    host.resize(1366, 768)
    layout = QVBoxLayout(host)
    page = page_for(host)
    layout.addWidget(page)
    qtbot.addWidget(host)
    _HOSTS.append(host)  # kept until the test ends
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    return host, page


def _note(page: QWidget, where: tuple[object, ...]) -> FieldNote:
    return next(n for n in page.findChildren(FieldNote) if n.where == where)


def _workspace(tmp_path: Path, services: AppServices, name: str = "phien") -> WorkspaceController:
    (tmp_path / name).mkdir()
    return WorkspaceController(Workspace.new(tmp_path / name), services.tasks)


def _focus(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    widget.window().activateWindow()  # again after a dialog
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def _type(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    _focus(qtbot, widget)
    type_text(widget, text)


# -- the Session page ---------------------------------------------------------------------------------


def test_the_session_page_filled_by_keyboard(qtbot, tmp_path: Path, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    controller = _workspace(tmp_path, services)
    _host_widget, page = _host(qtbot, lambda host: SessionPage(controller, services, host))
    assert isinstance(page, SessionPage)
    title = _note(page, ("session", "title"))
    assert title.isVisible() and "no title" in title.text()

    _type(qtbot, page.title_edit, "Hội nghị Ban Thường vụ — phiên 12")
    assert controller.draft.title == ""  # not per keystroke
    QTest.keyClick(page.title_edit, Qt.Key.Key_Tab)  # leaves the field: kept, one step
    assert controller.draft.title == "Hội nghị Ban Thường vụ — phiên 12"
    assert not title.isVisible()
    assert page.body_edit.hasFocus() or page.body_edit.lineEdit().hasFocus()
    type_text(page.body_edit.lineEdit(), "Ban Thường vụ Tỉnh ủy")
    QTest.keyClick(page.body_edit.lineEdit(), Qt.Key.Key_Tab)
    assert controller.draft.body == "Ban Thường vụ Tỉnh ủy"
    assert page.starts_edit.hasFocus()
    QTest.keyClicks(page.starts_edit, "15012027 0830")  # digits: each part fills and moves on
    QTest.keyClick(page.starts_edit, Qt.Key.Key_Tab)
    start = controller.draft.starts_at
    assert start is not None and (start.year, start.month, start.day, start.hour, start.minute) == (2027, 1, 15, 8, 30)
    assert not _note(page, ("session", "starts_at")).isVisible()
    assert page.location_edit.hasFocus()
    type_text(page.location_edit, "Phòng họp số 1")
    QTest.keyClick(page.location_edit, Qt.Key.Key_Tab)
    assert controller.draft.location == "Phòng họp số 1"

    # documents due: ticked by keyboard, a default 5 days before; a date after the meeting is a problem by it
    assert page.due_check.hasFocus()
    QTest.keyClick(page.due_check, Qt.Key.Key_Space)
    assert controller.draft.documents_due == date(2027, 1, 10)
    due = _note(page, ("session", "documents_due"))
    assert not due.isVisible()
    QTest.keyClick(page.due_check, Qt.Key.Key_Tab)
    assert page.due_edit.hasFocus()
    QTest.keyClicks(page.due_edit, "20012027")
    QTest.keyClick(page.due_edit, Qt.Key.Key_Return)
    assert controller.draft.documents_due == date(2027, 1, 20)
    assert due.isVisible() and "after the meeting" in due.text()
    assert page.due_edit.accessibleDescription() == due.text()

    # undo restores the field and the problem goes
    steps = len(controller.workspace._undo)
    assert steps == 6  # title, body, date, place, due ticked, due typed
    assert controller.workspace.undo()
    assert controller.draft.documents_due == date(2027, 1, 10)
    assert page.due_edit.date().day() == 10 and not due.isVisible()
    assert controller.workspace.undo()
    assert not page.due_check.isChecked() and not page.due_edit.isEnabled()
    assert controller.workspace.redo()
    assert page.due_check.isChecked()

    # the policy: by keyboard too; a classification note in words
    _focus(qtbot, page.print_check)
    QTest.keyClick(page.print_check, Qt.Key.Key_Space)
    assert controller.draft.policy.allow_print
    _type(qtbot, page.idle_spin, "5")
    QTest.keyClick(page.idle_spin, Qt.Key.Key_Tab)
    assert controller.draft.policy.idle_lock_minutes == 5
    assert "Tối mật" in page.levels_text.text() and "recalled" in page.levels_text.text()


def test_expiry_before_the_meeting_is_shown_by_the_field(qtbot, tmp_path: Path, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    controller = _workspace(tmp_path, services)
    controller.edit(T("x", "x"), lambda d: setattr(d, "starts_at", datetime(2027, 1, 15, 8, tzinfo=ICT)))
    _host_widget, page = _host(qtbot, lambda host: SessionPage(controller, services, host))
    assert isinstance(page, SessionPage)
    _focus(qtbot, page.expires_check)
    QTest.keyClick(page.expires_check, Qt.Key.Key_Space)
    assert controller.draft.expires_at == datetime(2027, 2, 14, 0, 0, tzinfo=ICT)  # 30 days after, the meeting's zone
    note = _note(page, ("session", "expires_at"))
    assert not note.isVisible()
    QTest.keyClick(page.expires_check, Qt.Key.Key_Tab)
    assert page.expires_edit.hasFocus()
    QTest.keyClicks(page.expires_edit, "01012027 0000")
    QTest.keyClick(page.expires_edit, Qt.Key.Key_Tab)
    assert controller.draft.expires_at == datetime(2027, 1, 1, tzinfo=ICT)
    assert note.isVisible() and "expire before" in note.text()


def test_a_field_being_typed_in_keeps_its_text_when_another_edit_arrives(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                        services: AppServices) -> None:
    controller = _workspace(tmp_path, services)
    _host_widget, page = _host(qtbot, lambda host: SessionPage(controller, services, host))
    assert isinstance(page, SessionPage)
    _type(qtbot, page.title_edit, "Phiên")
    page.title_edit.setCursorPosition(2)
    controller.edit(T("x", "x"), lambda d: setattr(d, "location", "Hội trường"), ("session", "location"))
    assert page.title_edit.text() == "Phiên" and page.title_edit.cursorPosition() == 2
    assert page.location_edit.text() == "Hội trường"
    page.commit()  # before saving: what is typed is kept
    assert controller.draft.title == "Phiên"


def test_the_office_server_file_is_chosen_with_the_file_picker(qtbot, tmp_path: Path, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    controller = _workspace(tmp_path, services)
    _host_widget, page = _host(qtbot, lambda host: SessionPage(controller, services, host))
    assert isinstance(page, SessionPage)
    office = tmp_path / "srv" / "office-server.toml"
    office.parent.mkdir()
    office.write_text("stand-in", "utf-8")
    assert isinstance(services.files, FakeFiles)
    services.files.open_answers.append(office)
    page.office_choose.click()
    assert controller.draft.office_server == "../srv/office-server.toml"
    assert not _note(page, ("session", "office_server")).isVisible()
    office.unlink()
    controller.edit(T("x", "x"), lambda d: setattr(d, "title", "T"))
    assert _note(page, ("session", "office_server")).isVisible()
    page.office_clear.click()
    assert controller.draft.office_server == ""


# -- the Members page ---------------------------------------------------------------------------------


def _members_page(qtbot, tmp_path: Path, services: AppServices, name: str = "phien") -> MembersPage:  # type: ignore[no-untyped-def]
    controller = _workspace(tmp_path, services, name)
    _host_widget, page = _host(qtbot, lambda host: MembersPage(controller, services, parent=host))
    assert isinstance(page, MembersPage)
    return page


def _dialog(qtbot, page: MembersPage) -> FingerprintDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: isinstance(page.dialog, FingerprintDialog) and page.dialog.isVisible())
    assert isinstance(page.dialog, FingerprintDialog)
    return page.dialog


def test_a_new_card_is_checked_by_its_fingerprint_before_it_is_added(qtbot, tmp_path: Path, people: People,  # type: ignore[no-untyped-def]
                                                                     services: AppServices) -> None:
    page = _members_page(qtbot, tmp_path, services)
    controller = page.controller
    assert _note(page, ("members",)).isVisible()  # no members yet
    assert isinstance(services.files, FakeFiles)
    services.files.open_answers.append(people.member("an") / "card.toml")
    _focus(qtbot, page.roster_button)
    QTest.keyClick(page.roster_button, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # Ctrl+O is File ▸ Open
    dialog = _dialog(qtbot, page)
    card = load_card(people.member("an"))
    assert dialog.view.fingerprint.text() == card.fingerprint and len(card.fingerprint.split()) == 8
    assert "phone" in dialog._intro.text()
    QTest.keyClick(dialog, Qt.Key.Key_Return)  # Enter alone refuses
    assert controller.draft.members == [] and page.dialog is None
    assert "refused" in page.last_message

    services.files.open_answers.append(people.member("an") / "card.toml")
    page.import_button.click()
    dialog = _dialog(qtbot, page)
    dialog.accept_button.click()
    assert [m.name for m in controller.draft.members] == ["Nguyễn Văn An"]
    key = controller.draft.members[0].key
    assert key.startswith("cards/") and load_card(controller.draft.folder / key) == card  # copied beside the session
    assert not _note(page, ("members",)).isVisible()

    # the same card again: not asked, refused with a clear message
    page.import_files([people.member("an")])
    assert page.dialog is None and len(controller.draft.members) == 1
    assert "already a member" in page.last_message
    # another card with the same name
    other = tmp_path / "other"
    shutil.copytree(people.member("binh"), other)
    text = (other / "card.toml").read_text("utf-8")
    fake = load_card(other)
    (other / "card.toml").write_text(text.replace(fake.name, "Nguyễn Văn An"), "utf-8")
    page.import_files([other / "card.toml"])
    assert page.dialog is None and "another card" in page.last_message
    # not a card
    page.import_files([people.member("an") / "secret.age"])
    assert "is not a member's card" in page.last_message and len(controller.draft.members) == 1

    # a checked card is not asked about again, in another session too
    page2 = _members_page(qtbot, tmp_path, services, "phien-2")
    page2.import_files([people.member("an") / "card.toml"])
    assert page2.dialog is None and [m.name for m in page2.controller.draft.members] == ["Nguyễn Văn An"]


def test_members_are_renamed_removed_and_the_session_loads(qtbot, tmp_path: Path, people: People,  # type: ignore[no-untyped-def]
                                                         services: AppServices) -> None:
    page = _members_page(qtbot, tmp_path, services)
    controller = page.controller
    page.import_files([people.member("an"), people.member("binh")])
    _dialog(qtbot, page).accept_button.click()
    _dialog(qtbot, page).accept_button.click()
    assert [m.name for m in controller.draft.members] == ["Nguyễn Văn An", "Trần Thị Bình"]
    # a duplicate name typed: shown by that member's name
    row = page._rows[1]
    _type(qtbot, row.name, "")
    row.name.selectAll()
    type_text(row.name, "Nguyễn Văn An")
    QTest.keyClick(row.name, Qt.Key.Key_Tab)
    note = row.note
    assert note.isVisible() and "listed twice" in note.text()
    controller.workspace.undo()
    assert not note.isVisible() and row.name.text() == "Trần Thị Bình"
    row.remove.click()
    assert [m.name for m in controller.draft.members] == ["Nguyễn Văn An"] and len(page._rows) == 1
    controller.workspace.undo()
    assert len(page._rows) == 2
    # the session folder is self-contained: its members load from the copied cards
    (controller.draft.folder / "a.pdf").write_bytes(b"%PDF-1.7 stand-in")

    def fill(d: SessionDraft) -> None:
        d.title, d.starts_at = "Phiên", datetime(2027, 1, 15, 8, tzinfo=ICT)
        d.items.append(ItemDraft("Báo cáo", documents=["a.pdf"]))

    controller.edit(T("x", "x"), fill)
    assert controller.workspace.problems() == []
    path = controller.workspace.save()
    assert 'key = "cards/' in path.read_text("utf-8")
    moved = tmp_path / "usb" / "phien"
    shutil.copytree(path.parent, moved)
    spec = load_session(moved / "session.toml")
    assert [m.card for m in spec.members] == [load_card(people.member("an")), load_card(people.member("binh"))]


def test_the_roster_is_saved_and_reused_in_another_session(qtbot, tmp_path: Path, people: People,  # type: ignore[no-untyped-def]
                                                          services: AppServices) -> None:
    page = _members_page(qtbot, tmp_path, services)
    page.import_files([people.member("an"), people.member("binh"), people.member("cuong")])
    for _ in range(3):
        _dialog(qtbot, page).accept_button.click()
    row = page._rows[0]
    row.position.setFocus()
    row.position.lineEdit().selectAll()
    type_text(row.position.lineEdit(), "Bí thư")
    page.save_to_roster()
    assert "3 members saved" in page.last_message
    roster = Roster.in_data_folder(services.paths.root)
    assert [(e.name, e.position) for e in roster.entries()] == [
        ("Nguyễn Văn An", "Bí thư"), ("Trần Thị Bình", ""), ("Lê Hoàng Cường", "")]

    page2 = _members_page(qtbot, tmp_path, services, "phien-2")
    page2.import_files([people.member("binh")])  # already checked: added without asking
    assert page2.dialog is None
    page2.roster_button.click()
    qtbot.waitUntil(lambda: isinstance(page2.dialog, RosterDialog) and page2.dialog.isVisible())
    dialog = page2.dialog
    assert isinstance(dialog, RosterDialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[0] == "Nguyễn Văn An — Bí thư" and "already in this session" in texts[1]
    assert not dialog.list.item(1).flags() & Qt.ItemFlag.ItemIsEnabled
    dialog.list.setFocus()
    dialog.list.setCurrentRow(0)
    QTest.keyClick(dialog.list, Qt.Key.Key_Space)  # ticked by keyboard
    dialog.add_button.click()
    assert [m.name for m in page2.controller.draft.members] == ["Trần Thị Bình", "Nguyễn Văn An"]
    assert page2._rows[1].position.currentText() == "Bí thư"
    assert len(page2.controller.workspace._undo) == 2


def test_a_card_dropped_on_the_page_is_imported(qtbot, tmp_path: Path, people: People,  # type: ignore[no-untyped-def]
                                               services: AppServices) -> None:
    page = _members_page(qtbot, tmp_path, services)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(people.member("cuong") / "card.toml"))])
    at = page.drop_hint.geometry().center()
    text = QMimeData()
    text.setText("không phải tệp")
    refused = QDragEnterEvent(at, Qt.DropAction.CopyAction, text, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    refused.ignore()
    QApplication.sendEvent(page, refused)
    assert not refused.isAccepted()
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page, drop)
    _dialog(qtbot, page).accept_button.click()
    assert [m.name for m in page.controller.draft.members] == ["Lê Hoàng Cường"]
