"""Issue 13 end to end: the clerk's workspace as a whole, in Vietnamese, against a real office server
(``paperless server run`` over HTTPS on loopback, SQLite) and a member's running app.

A clerk with no session.toml starts the workspace (:class:`ClerkLauncher`) on an empty folder, fills
the session, imports the members' cards (reading back each fingerprint), adds the agenda with a
DOCX and a PDF dropped on an item (converted in the background), an item restricted to one member,
an item open for comments and a poll; previews the session as a member; builds and signs it with the
office's passphrase and publishes it to the server through the workspace's own link. A member's app
connected to the server fetches it, opens it, comments on the open item, answers the poll and syncs;
the clerk's Follow step shows the member's receipts, the comment and the poll's tally, the clerk
answers the comment and exports the consolidation table, then recalls the session and sees the
member's computer confirm. The session.toml the workspace saved is the CLI's: ``paperless bundle
build`` builds it.

The second test goes from an empty folder to a built bundle by keyboard alone, in Vietnamese and in
English; on every step no two controls share an Alt letter (nor with the window's menus).

Set ``PAPERLESS_SHOTS`` to a folder to keep a screenshot of each step (1366×768, Vietnamese).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import docx
import pymupdf
import pytest
import shiboken6
from bundle_helpers import FONT, MEMBERS, PASSPHRASE, People, make_pdf, run_cli
from gui_helpers import OFFSCREEN_NOISE, FakeFiles, Harness, close_message_boxes, harnesses, make_services
from notes_gui_helpers import type_text
from PySide6.QtCore import QDate, QDateTime, QLocale, QMimeData, QPointF, Qt, QTime, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot
from server_helpers import Office, RunningServer, ServerSetup, cli, free_port, start_server

from paperless.core.bundle import verify_bundle
from paperless.core.clerk.documents import Status
from paperless.core.clerk.follow import Level
from paperless.core.identity import load_card
from paperless.core.session import load_session
from paperless.core.sync import protocol as P
from paperless.gui.app import shutdown
from paperless.gui.clerk.launcher import ClerkLauncher
from paperless.gui.clerk.window import ClerkWindow

pytestmark = [OFFSCREEN_NOISE, pytest.mark.qt_log_ignore("This plugin does not support raise")]
WAIT = 60_000
AN, BINH, CUONG = MEMBERS
TITLE = "Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 14"
PLACE = "Phòng họp số 1, Tỉnh ủy"
ITEMS = ("Báo cáo kết quả công tác quý IV", "Dự thảo Nghị quyết về chuyển đổi số", "Công tác cán bộ")
COMMENT = "Đề nghị bổ sung chỉ tiêu về chữ ký số cho cấp xã."
ANSWER = "Tiếp thu, bổ sung vào Điều 2."


# -- the office server and the clerk's app ----------------------------------------------------------------
@pytest.fixture
def office_server(tmp_path: Path, people: People) -> Iterator[RunningServer]:
    """A server the test office (``people``'s clerk) set up, with the three members enrolled."""
    folder, port = tmp_path / "server", free_port()
    assert cli("server", "init", folder, "--office", people.clerk, "--passphrase-env", "PL_E2E_PASS",
               "--url", f"https://127.0.0.1:{port}", env={"PL_E2E_PASS": PASSPHRASE}) == 0
    assert cli("server", "enroll", folder, *(people.member(k) / "card.toml" for k in ("an", "binh", "cuong"))) == 0
    running = start_server(ServerSetup(folder, port, Office(people.root)))
    yield running
    running.stop()


class Clerk:
    """The clerk's app: services on its own data folder with the office's identity (locked: the
    Publish step asks for its passphrase), and the workspace opened through :class:`ClerkLauncher`."""

    def __init__(self, qtbot: QtBot, home: Path, people: People, folder: Path, language: str = "vi") -> None:
        self.qtbot = qtbot
        self.files = FakeFiles()
        self.services = make_services(home, self.files, language=language, identity=people.clerk,
                                      trust=[people.clerk])
        self.launcher = ClerkLauncher(self.services)
        self.window: ClerkWindow = self.launcher.open(folder)
        self.window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        self.window.activateWindow()
        qtbot.waitUntil(self.window.isActiveWindow)

    def activate(self) -> None:
        self.window.activateWindow()
        self.qtbot.waitUntil(self.window.isActiveWindow)

    def page(self, key: str) -> QWidget:
        return self.window.page(key)

    def idle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.services.tasks.busy, timeout=WAIT)

    def close(self) -> None:
        try:
            self.idle()
            if self.launcher.window is not None and shiboken6.isValid(self.launcher.window):
                self.launcher.window.close()
        finally:
            shutdown(self.services)


def shot(widget: QWidget, name: str) -> None:
    """The widget as it is on screen (grabbed always; kept when ``PAPERLESS_SHOTS`` names a folder)."""
    QApplication.processEvents()
    image = widget.grab()
    assert not image.isNull()
    folder = os.environ.get("PAPERLESS_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(folder) / f"{name}.png"), "PNG")


def drop_files(target: QWidget, paths: list[Path]) -> None:
    """What the window system sends when files are dragged from a folder and dropped on ``target``."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = target.rect().center()
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(centre), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()


def make_word(path: Path, heading: str, text: str) -> Path:
    """A real Word document (python-docx), as an office writes one."""
    document = docx.Document()
    document.add_heading(heading, level=1)
    document.add_paragraph(text)
    document.save(str(path))
    return path


def draft_pdf(path: Path) -> Path:
    """A draft resolution with articles (Điều 1, Điều 2), for comments."""
    doc = pymupdf.open()
    page = doc.new_page()
    for y, text in ((80, "DỰ THẢO NGHỊ QUYẾT"), (120, "Điều 1. Phạm vi điều chỉnh"),
                    (150, "Nghị quyết này về chuyển đổi số của tỉnh."), (190, "Điều 2. Chỉ tiêu"),
                    (220, "1. Đến năm 2026, mọi văn bản được ký số.")):
        page.insert_text((72, y), text, fontfile=FONT, fontname="noto", fontsize=13)
    doc.save(path)
    doc.close()
    return path


def _box_open(name: str) -> QMessageBox | None:
    every = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    every += [b for w in QApplication.topLevelWidgets() for b in w.findChildren(QMessageBox)]
    return next((b for b in every if b.isVisible() and b.objectName() == name), None)


def connect_member(qtbot: QtBot, h: Harness, office_file: Path) -> None:
    """File ▸ Connect to the office server…, with the file the office gave (the app in Vietnamese)."""
    w = h.window
    h.files.open_answers.append(office_file)
    w.actions_.connect_office.trigger()
    qtbot.waitUntil(lambda: _box_open("confirmConnect") is not None, timeout=WAIT)
    box = _box_open("confirmConnect")
    assert box is not None
    next(b for b in box.buttons() if b.text().replace("&", "") == "Kết nối").click()
    qtbot.waitUntil(lambda: w.sync.connected, timeout=WAIT)


def meeting_day() -> datetime:
    day = date.today() + timedelta(days=10)
    return datetime(day.year, day.month, day.day, 8, 0)


# -- 1. prepare, publish, follow -----------------------------------------------------------------------------
def test_a_clerk_with_no_toml_prepares_publishes_and_follows_a_session(
        qtbot: QtBot, tmp_path: Path, people: People, office_server: RunningServer) -> None:
    from paperless.gui.clerk.agenda_page import AgendaPage
    from paperless.gui.clerk.documents_panel import DocumentsPanel
    from paperless.gui.clerk.follow_page import FollowPage
    from paperless.gui.clerk.follow_step import FollowStep
    from paperless.gui.clerk.members_page import MembersPage
    from paperless.gui.clerk.publish_page import PublishPage
    from paperless.gui.clerk.session_page import SessionPage

    office_file = office_server.setup.folder / P.OFFICE_FILE
    folder = tmp_path / "phien-14"
    folder.mkdir()
    assert list(folder.iterdir()) == []
    sources = tmp_path / "from-the-departments"
    sources.mkdir()
    report_docx = make_word(sources / "bao-cao-quy-IV.docx", "BÁO CÁO", "Kết quả công tác quý IV năm 2026.")
    appendix_pdf = make_pdf(sources / "phu-luc.pdf", "Phụ lục số liệu", 2)
    resolution_pdf = draft_pdf(sources / "du-thao-nghi-quyet.pdf")
    staff_pdf = make_pdf(sources / "de-an-nhan-su.pdf", "Đề án nhân sự", 1)
    locale = QLocale()  # the app sets the default locale to its language; put back afterwards
    clerk = Clerk(qtbot, tmp_path / "clerk-home", people, folder)
    window = clerk.window
    ws = window.controller.workspace
    member: Harness | None = None
    try:
        assert ws.folder == folder and ws.path is None and not (folder / "session.toml").exists()

        # 1. the session: title, date and time, place, the office server (office-server.toml)
        session = clerk.page("session")
        assert isinstance(session, SessionPage)
        session.title_edit.setFocus()
        type_text(session.title_edit, TITLE)
        qtbot.keyClick(session.title_edit, Qt.Key.Key_Return)
        start = meeting_day()
        session.starts_edit.setFocus()
        session.starts_edit.setDateTime(QDateTime(QDate(start.year, start.month, start.day), QTime(8, 0)))
        qtbot.keyClick(session.starts_edit, Qt.Key.Key_Return)
        session.location_edit.setFocus()
        type_text(session.location_edit, PLACE)
        qtbot.keyClick(session.location_edit, Qt.Key.Key_Return)
        clerk.files.open_answers.append(office_file)
        session.office_choose.click()
        d = ws.draft
        assert (d.title, d.location) == (TITLE, PLACE)
        assert d.starts_at is not None and (d.starts_at.date(), d.starts_at.hour) == (start.date(), 8)
        assert d.office_server and (folder / d.office_server).resolve() == office_file.resolve()
        assert TITLE in window.windowTitle()
        shot(window, "1-phien-hop")

        # 2. the members: their cards dropped on the page, each fingerprint read back and accepted
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        members = clerk.page("members")
        assert isinstance(members, MembersPage) and window.current_step() == "members"
        drop_files(members, [people.member(k) / "card.toml" for k in ("an", "binh", "cuong")])
        for name in MEMBERS:
            qtbot.waitUntil(lambda: members.dialog is not None and members.dialog.isVisible(), timeout=WAIT)
            dialog = members.dialog
            assert dialog is not None and dialog.card.name == name
            assert dialog.view.fingerprint.text() == dialog.card.fingerprint  # large, to read back on the phone
            if name == AN:
                shot(dialog, "2a-doc-lai-van-tay")
            dialog.accept_button.click()
        qtbot.waitUntil(lambda: [m.name for m in ws.draft.members] == list(MEMBERS), timeout=WAIT)
        clerk.activate()  # the offscreen platform gives the activation back to no one when a dialog closes
        assert all((folder / m.key).is_file() for m in ws.draft.members)  # copied into the session's folder
        shot(window, "2-thanh-vien")

        # 3. the agenda: three items, documents dropped, one restricted, one open for comments, a poll
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        agenda = clerk.page("agenda")
        assert isinstance(agenda, AgendaPage)
        editor = agenda.item_editor
        for n, title in enumerate(ITEMS):
            qtbot.keyClick(agenda.items.view, Qt.Key.Key_Insert)
            qtbot.waitUntil(lambda n=n: len(ws.draft.items) == n + 1 and editor.title.hasFocus(), timeout=WAIT)
            type_text(editor.title, title)
            qtbot.keyClick(editor.title, Qt.Key.Key_Tab)  # leaving the field keeps it
            assert editor.presenter.hasFocus()
            type_text(editor.presenter, "Văn phòng Tỉnh ủy")
            qtbot.keyClick(editor.presenter, Qt.Key.Key_Tab)
        assert [i.title for i in ws.draft.items] == list(ITEMS)
        assert all(i.presenter == "Văn phòng Tỉnh ủy" for i in ws.draft.items)

        def panel_of(row: int) -> DocumentsPanel:
            agenda.items.select(row)
            qtbot.waitUntil(lambda: editor.index == row, timeout=WAIT)
            panel = editor._panel
            assert isinstance(panel, DocumentsPanel) and panel.item == row
            return panel

        def ready(panel: DocumentsPanel, count: int) -> bool:
            states = panel.states()
            return len(states) == count and all(s is not None and s.status is Status.READY for s in states)

        first = panel_of(0)
        drop_files(first.list.viewport(), [report_docx, appendix_pdf])
        qtbot.waitUntil(lambda: len(ws.draft.items[0].documents) == 2, timeout=WAIT)
        qtbot.waitUntil(lambda: ready(first, 2), timeout=WAIT)  # the DOCX converted by LibreOffice, in the background
        assert [Path(p).parent.name for p in ws.draft.items[0].documents] == ["documents", "documents"]
        # each row: its pages, and the name members will see it under
        assert first.row_text(0) == "1. bao-cao-quy-IV.docx\n1 trang · thành viên thấy tên “bao-cao-quy-IV”"
        assert first.row_text(1) == "2. phu-luc.pdf\n2 trang · thành viên thấy tên “Phụ lục số liệu”"
        shot(window, "3a-tai-lieu")
        scroll = editor.parentWidget().parentWidget()
        assert isinstance(scroll, QScrollArea)
        scroll.ensureWidgetVisible(first.preview)
        qtbot.waitUntil(lambda: first.preview.page() >= 0 and first.preview.isVisible(), timeout=WAIT)
        shot(window, "3a2-tai-lieu-xem-trang")

        second = panel_of(1)
        drop_files(second.list.viewport(), [resolution_pdf])
        qtbot.waitUntil(lambda: ready(second, 1), timeout=WAIT)
        editor.comments.setFocus()
        qtbot.keyClick(editor.comments, Qt.Key.Key_Space)  # open for comments, until the day before at 17:00
        due = ws.draft.items[1].comments_due
        assert isinstance(due, datetime) and due.date() == start.date() - timedelta(days=1) and due.hour == 17

        third = panel_of(2)
        drop_files(third.list.viewport(), [staff_pdf])
        qtbot.waitUntil(lambda: ready(third, 1), timeout=WAIT)
        editor.chosen.click()  # only the members ticked below
        assert ws.draft.items[2].restricted_to == []
        an_row = next(editor.members.item(r) for r in range(editor.members.count())
                      if editor.members.item(r).data(Qt.ItemDataRole.UserRole) == AN)
        an_row.setCheckState(Qt.CheckState.Checked)  # the tick box
        assert ws.draft.items[2].restricted_to == [AN]
        assert editor.readers_count.text() == "1 trong 3 thành viên được đọc"
        shot(window, "3b-gioi-han")

        # a poll about item 2
        panel_of(1)
        editor.add_poll.click()
        qtbot.waitUntil(lambda: len(ws.draft.polls) == 1, timeout=WAIT)
        agenda.polls.select(0)
        poll = agenda.poll_editor
        qtbot.waitUntil(lambda: poll.index == 0 and bool(poll.boxes), timeout=WAIT)
        poll.title.setFocus()
        type_text(poll.title, "Phiếu lấy ý kiến về dự thảo Nghị quyết")
        qtbot.keyClick(poll.title, Qt.Key.Key_Return)
        question = poll.boxes[0].text
        question.setFocus()
        type_text(question, "Đồng chí có đồng ý thông qua dự thảo?")
        qtbot.keyClick(question, Qt.Key.Key_Return)
        [p] = ws.draft.polls
        assert p.item == 2 and p.title == "Phiếu lấy ý kiến về dự thảo Nghị quyết"
        assert p.questions[0].text == "Đồng chí có đồng ý thông qua dự thảo?"
        shot(window, "3c-phieu-lay-y-kien")
        assert ws.problems() == [], [p.message.en for p in ws.problems()]

        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: (folder / "session.toml").is_file() and not ws.dirty, timeout=WAIT)

        # 4. preview as a member: the restricted item is locked for Bình, the watermark names her
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        publish = clerk.page("publish")
        assert isinstance(publish, PublishPage)
        publish.preview_button.click()
        qtbot.waitUntil(lambda: publish.preview_dialog is not None and publish.preview_dialog.isVisible(),
                        timeout=WAIT)
        preview = publish.preview_dialog
        assert preview is not None
        preview.members.setCurrentText(BINH)
        qtbot.waitUntil(lambda: preview.shown_entry is not None, timeout=WAIT)
        assert preview.preview is not None
        assert BINH in preview.preview.watermark() and BINH in preview.watermark.text()
        staff_entry = preview.preview.agenda.items[2].documents[0].entry
        assert not preview.preview.document(staff_entry).readable
        preview.open_document(staff_entry)
        assert preview.shown_entry is None and preview.banner.isVisible()  # locked: "restricted to other members"
        preview.resize(1366, 768)
        assert not clashes(preview), clashes(preview)
        shot(preview, "4a-xem-truoc")
        preview.members.setCurrentText(AN)
        qtbot.waitUntil(lambda: preview.preview is not None and AN in preview.preview.watermark(), timeout=WAIT)
        assert preview.preview.document(staff_entry).readable
        preview.reject()
        qtbot.waitUntil(lambda: publish.preview_dialog is None, timeout=WAIT)
        clerk.activate()

        # 5. build and sign with the office's passphrase
        publish.build_button.click()
        qtbot.waitUntil(lambda: publish.passphrase_dialog is not None and publish.passphrase_dialog.isVisible(),
                        timeout=WAIT)
        dialog = publish.passphrase_dialog
        assert dialog is not None
        qtbot.waitUntil(dialog.passphrase.hasFocus)  # typing goes straight into the passphrase
        type_text(dialog.passphrase, PASSPHRASE)
        shot(dialog, "5a-mat-khau")
        with qtbot.waitSignal(publish.built, timeout=WAIT) as built:
            qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        report = built.args[0]
        clerk.activate()
        assert report.version == 1
        verified = verify_bundle(report.path, [load_card(people.clerk)])
        assert verified.manifest.version == 1
        shot(window, "5-tao-goi")

        # 6. publish to the office server, through the workspace's link (OfficeLink → OfficeClient)
        assert publish.publish_button.isEnabled()
        with qtbot.waitSignal(publish.published, timeout=WAIT) as published:
            publish.publish_button.click()
        record = published.args[0]
        assert record.version == 1 and record.where == "office"
        assert publish.publish_result.isVisible()
        shot(window, "6-phat-hanh")
        sid = verified.manifest.session_id

        # 7. a member's app fetches it, opens it, comments on the open item and syncs
        with harnesses(qtbot, tmp_path) as make:
            member = make(people, home=tmp_path / "an-home", language="vi")
            library = member.unlock()
            mw = member.window
            mw.resize(1366, 768)
            connect_member(qtbot, member, office_file)
            qtbot.waitUntil(lambda: sid in mw.library_view.session_ids(), timeout=WAIT)
            qtbot.waitUntil(lambda: not mw.sync.fetch.running, timeout=WAIT)
            mw.open_session(sid)
            qtbot.waitUntil(lambda: mw.session.record is not None, timeout=WAIT)
            member.wait_document()
            opened = mw.session.opened
            assert opened is not None and opened.agenda.title == TITLE
            assert not (mw.notice.isVisible() and "Phiên họp mới" in mw.notice.text)  # opened: no offer to open it
            assert [i.title for i in opened.agenda.items] == list(ITEMS)
            draft_entry = opened.agenda.items[1].documents[0].entry
            mw.session.open_document(draft_entry)
            member.wait_document(draft_entry)
            part, cpanel = mw.consultation, mw.consultation.panel
            qtbot.waitUntil(lambda: cpanel.row_for("item", 2) is not None, timeout=WAIT)
            cpanel.select("item", 2)
            cpanel.general_button.click()
            qtbot.waitUntil(lambda: part.editor is not None and shiboken6.isValid(part.editor)
                            and part.editor.isVisible(), timeout=WAIT)
            assert part.editor is not None
            part.editor.text.setFocus()
            type_text(part.editor.text, COMMENT)
            with qtbot.waitSignal(part.changed, timeout=WAIT):
                part.editor.send_button.click()
            member.wait_idle()
            book = member.services.consultation
            assert book is not None and len(book.pending()) == 1
            shot(mw, "7-thanh-vien-gop-y")
            part.open_poll("phieu-1")  # and answers the poll: Đồng ý
            qtbot.waitUntil(lambda: part.poll_form is not None and part.poll_form.isVisible(), timeout=WAIT)
            form = part.poll_form
            assert form is not None
            [agree] = [b for b in form.findChildren(QRadioButton) if b.text() == "Đồng ý"]
            agree.setChecked(True)
            with qtbot.waitSignal(part.changed, timeout=WAIT):
                form.send_button.click()
            member.wait_idle()
            assert len(book.pending()) == 2
            engine = mw.sync.part.engine
            assert engine is not None
            mw.actions_.sync_now.trigger()
            qtbot.waitUntil(lambda: book.pending() == [] and engine.receipts.pending() == [],  # type: ignore[attr-defined]
                            timeout=WAIT)
            assert library.has_session(sid)

            # 8. the clerk follows: the member received and opened it, the comment arrived, answered, exported
            clerk.activate()
            qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
            step = clerk.page("follow")
            assert isinstance(step, FollowStep)
            qtbot.waitUntil(lambda: isinstance(step.page, FollowPage), timeout=WAIT)
            follow = step.page
            assert isinstance(follow, FollowPage)
            with qtbot.waitSignal(follow.refreshed, timeout=WAIT):
                qtbot.keyClick(follow, Qt.Key.Key_F5)
            data = follow.data
            assert data is not None
            grid = data.grid
            an = next(r for r in grid.rows if r.name == AN)
            assert an.cells[0].level >= Level.RECEIVED and an.cells[1].best >= Level.OPENED
            assert an.cells[2].readable and an.missing == 0
            binh = next(r for r in grid.rows if r.name == BINH)
            assert not binh.cells[2].readable and binh.cells[0].level is Level.NONE
            table = follow.receipts.table
            for tab in range(follow.tabs.count()):
                follow.tabs.setCurrentIndex(tab)
                assert not clashes(window), clashes(window)
            follow.tabs.setCurrentIndex(0)
            assert table.rowCount() == 3
            shot(window, "8a-theo-doi-nhan")
            follow.tabs.setCurrentIndex(1)
            comments = follow.comments
            assert data.consultation is not None
            [line] = [c for dg in data.consultation.groups for g in dg.articles for c in g.comments]
            assert line.text == COMMENT and line.member == AN
            comments.select(line.comment_id)
            comments.answer.setFocus()
            type_text(comments.answer, ANSWER)
            comments.commit_answer()
            with qtbot.waitSignal(follow.exported, timeout=WAIT) as exported:
                qtbot.keyClick(comments, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
            shot(window, "8b-gop-y-tra-loi")
            paths = exported.args[0]
            written = next(p for p in paths if p.suffix == ".docx")
            cells = [cell.text for t in docx.Document(str(written)).tables for row in t.rows for cell in row.cells]
            assert any(COMMENT in c for c in cells) and any(ANSWER in c for c in cells)
            assert any(AN in c for c in cells)

            # the poll's tally: one "Đồng ý", and who has not answered
            follow.tabs.setCurrentIndex(2)
            [tally] = data.consultation.polls
            assert tally.poll_id == "phieu-1" and tally.answered == (AN,) and set(tally.not_answered) == {BINH, CUONG}
            assert dict(tally.questions[0].counts)["Đồng ý"] == 1
            shot(window, "8c-phieu-ket-qua")

            # after the meeting: the clerk recalls the session; the member's computer deletes it and confirms
            follow.tabs.setCurrentIndex(3)
            with qtbot.waitSignal(follow.recalled, timeout=WAIT):
                follow.recall.whole.click()
                qtbot.waitUntil(lambda: follow.last_dialog is not None and follow.last_dialog.isVisible(),
                                timeout=WAIT)
                box = follow.last_dialog
                assert box is not None
                shot(box, "9a-xac-nhan-thu-hoi")
                [yes] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
                yes.click()
            mw.actions_.sync_now.trigger()
            qtbot.waitUntil(lambda: not library.has_session(sid), timeout=WAIT)
            clerk.activate()

            def confirmed() -> bool:
                with qtbot.waitSignal(follow.refreshed, timeout=WAIT):
                    follow.refresh()
                recalls = follow.data.recalls if follow.data is not None else []
                return any(r.member_name == AN and r.device and r.acked_at is not None for r in recalls)

            qtbot.waitUntil(confirmed, timeout=WAIT)  # An's computer; Bình and Cường never connected one
            shot(window, "9-thu-hoi")

        # 9. the round trip with the CLI: the saved session.toml is the CLI's
        spec = load_session(folder / "session.toml")
        assert spec.title == TITLE and [i.title for i in spec.items] == list(ITEMS)
        assert list(spec.items[2].restricted_to or []) == [AN] and spec.items[1].comments_due is not None
        assert [m.name for m in spec.members] == list(MEMBERS)
        out = tmp_path / "cli.paperless"
        done = run_cli("bundle", "build", folder / "session.toml", "--signer", people.clerk, "--out", out,
                       "--version", "5", "--passphrase-env", "PL_E2E_PASS", env={"PL_E2E_PASS": PASSPHRASE},
                       timeout=180)
        assert done.returncode == 0, done.stderr
        again = verify_bundle(out, [load_card(people.clerk)])
        assert again.manifest.session_id == sid and again.manifest.version == 5
    finally:
        close_message_boxes()
        clerk.close()
        QLocale.setDefault(locale)



# -- 2. by keyboard alone ------------------------------------------------------------------------------------
def mnemonic_of(text: str) -> str:
    """The letter after a single "&" in a control's text ("" when it has none)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].upper()
            i += 1
        i += 1
    return ""


def mnemonics(root: QWidget) -> dict[str, list[str]]:
    """The mnemonic letters (Alt+letter) in force under ``root``: its menu bar's menus, its visible
    labels with a buddy, buttons (enabled or not: they may be enabled later) and group boxes —
    letter → the texts using it. Two texts on one letter: Alt+letter cannot reach both."""
    texts: list[str] = []
    if isinstance(root, QMainWindow):
        texts += [a.text() for a in root.menuBar().actions()]
    for w in root.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QLabel) and w.buddy() is not None and w.buddy().isVisible():
            texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
    found: dict[str, list[str]] = {}
    for text in texts:
        letter = mnemonic_of(text)
        if letter:
            found.setdefault(letter, []).append(text)
    return found


def clashes(root: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in mnemonics(root).items() if len(v) > 1}


class Keyboard:
    """Keys to whatever has the focus, as a keyboard sends them (no mouse, no method calls)."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot

    def focused(self) -> QWidget:
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        w = QApplication.focusWidget()
        assert w is not None
        return w

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.focused(), key, modifier)
            QApplication.processEvents()  # as the event loop runs between two keys

    def ctrl(self, key: Qt.Key) -> None:
        self.press(key, Qt.KeyboardModifier.ControlModifier)

    def tab_to(self, target: QWidget, most: int = 20) -> None:
        """Tab until ``target`` has the focus (it must be reachable in ``most`` presses)."""
        for _ in range(most):
            if target.hasFocus():
                return
            self.press(Qt.Key.Key_Tab)
        assert target.hasFocus(), f"Tab never reached {target!r}; stopped at {self.focused()!r}"

    def type(self, text: str) -> None:
        type_text(self.focused(), text)
        QApplication.processEvents()

    def alt(self, control: QWidget) -> None:
        """Alt + the control's mnemonic (read from its text: the test works in any language)."""
        text = control.text() if isinstance(control, QAbstractButton | QLabel) \
            else control.title() if isinstance(control, QGroupBox) else ""
        letter = mnemonic_of(text)
        assert letter, f"no mnemonic in {text!r}"
        self.press(Qt.Key(ord(letter)), Qt.KeyboardModifier.AltModifier)
        if isinstance(control, QAbstractButton):  # a button's mnemonic presses it, and lets go 100 ms later
            self.qtbot.waitUntil(lambda: not shiboken6.isValid(control) or not control.isDown())
            QApplication.processEvents()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_main_steps_by_keyboard_only(qtbot: QtBot, tmp_path: Path, people: People, language: str) -> None:
    """From an empty folder to a built bundle with keys alone, in each language (the Alt letters are
    read from the controls' texts: each translation must give every control its own)."""
    from paperless.gui.clerk.agenda_page import AgendaPage
    from paperless.gui.clerk.members_page import MembersPage
    from paperless.gui.clerk.publish_page import PublishPage
    from paperless.gui.clerk.session_page import SessionPage

    folder = tmp_path / "phien-15"
    folder.mkdir()
    pdf = make_pdf(tmp_path / "bao-cao.pdf", "Báo cáo", 2)
    appendix = make_pdf(tmp_path / "phu-luc.pdf", "Phụ lục", 1)
    locale = QLocale()  # the app sets the default locale to its language; put back afterwards
    clerk = Clerk(qtbot, tmp_path / "clerk-home", people, folder, language)
    window = clerk.window
    ws = window.controller.workspace
    kb = Keyboard(qtbot)
    try:
        # the session
        kb.ctrl(Qt.Key.Key_1)
        session = clerk.page("session")
        assert isinstance(session, SessionPage)
        assert not clashes(window), clashes(window)
        kb.alt(session.title_label)
        assert session.title_edit.hasFocus()
        kb.type("Phiên họp thứ 15")
        kb.press(Qt.Key.Key_Tab)
        assert ws.draft.title == "Phiên họp thứ 15"
        kb.alt(session.starts_label)
        assert session.starts_edit.hasFocus()
        start = meeting_day()
        kb.type(start.strftime("%d%m%Y%H%M"))
        kb.press(Qt.Key.Key_Return)
        assert ws.draft.starts_at is not None and ws.draft.starts_at.replace(tzinfo=None) == start
        kb.alt(session.location_label)
        kb.type("Phòng họp số 2")
        kb.press(Qt.Key.Key_Return)
        assert ws.draft.location == "Phòng họp số 2"
        kb.alt(session.due_label)  # documents due: the tick box, then the date
        assert session.due_check.hasFocus()
        kb.press(Qt.Key.Key_Space)
        assert ws.draft.documents_due == start.date() - timedelta(days=5)
        kb.press(Qt.Key.Key_Tab)
        assert session.due_edit.hasFocus() and session.due_edit.isEnabled()
        kb.type((start - timedelta(days=6)).strftime("%d%m%Y"))
        kb.press(Qt.Key.Key_Return)
        assert ws.draft.documents_due == start.date() - timedelta(days=6)

        # the members: two cards, each accepted after reading its fingerprint back
        kb.ctrl(Qt.Key.Key_2)
        members = clerk.page("members")
        assert isinstance(members, MembersPage)
        assert not clashes(window), clashes(window)
        for key in ("an", "binh"):
            clerk.files.open_answers.append(people.member(key) / "card.toml")
            if key == "an":
                kb.alt(members.import_button)
            else:  # the shortcut the button names, with the focus on the page
                assert members.isAncestorOf(kb.focused())
                [keys] = re.findall(r"\((Ctrl\+\w)\)", members.import_button.text())
                kb.press(Qt.Key(ord(keys[-1])), Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(lambda: members.dialog is not None and members.dialog.isActiveWindow(), timeout=WAIT)
            dialog = members.dialog
            assert dialog is not None
            assert not clashes(dialog), clashes(dialog)
            kb.alt(dialog.accept_button)
            qtbot.waitUntil(lambda: members.dialog is None, timeout=WAIT)
            clerk.activate()
        assert [m.name for m in ws.draft.members] == [AN, BINH]

        # the agenda: two items, a document, the second restricted to An and open for comments
        kb.ctrl(Qt.Key.Key_3)
        agenda = clerk.page("agenda")
        assert isinstance(agenda, AgendaPage)
        editor = agenda.item_editor
        for n, title in enumerate(("Báo cáo tình hình", "Công tác cán bộ")):
            kb.alt(agenda.items.heading)  # to the list of items (in the documents list, Insert adds a document)
            assert agenda.items.view.hasFocus()
            kb.press(Qt.Key.Key_Insert)
            qtbot.waitUntil(lambda n=n: len(ws.draft.items) == n + 1 and editor.title.hasFocus(), timeout=WAIT)
            kb.type(title)
            kb.press(Qt.Key.Key_Tab)
            kb.type("Văn phòng Tỉnh ủy")
            kb.press(Qt.Key.Key_Tab)
            assert ws.draft.items[n].title == title and ws.draft.items[n].presenter == "Văn phòng Tỉnh ủy"
            assert not clashes(window), clashes(window)
            panel = editor._panel
            assert panel is not None
            clerk.files.open_answers.append(pdf)
            kb.alt(panel.add_button)
            qtbot.waitUntil(lambda n=n: len(ws.draft.items[n].documents) == 1, timeout=WAIT)
            if n == 0:  # Insert in the documents list adds a document there (not an agenda item)
                kb.tab_to(panel.list)
                clerk.files.open_answers.append(appendix)
                kb.press(Qt.Key.Key_Insert)
                qtbot.waitUntil(lambda: len(ws.draft.items[0].documents) == 2, timeout=WAIT)
                assert len(ws.draft.items) == 1
        kb.alt(editor.chosen)
        assert editor.chosen.isChecked() and ws.draft.items[1].restricted_to == []
        kb.press(Qt.Key.Key_Tab)
        assert editor.members.hasFocus()
        kb.press(Qt.Key.Key_Space)  # ticks the first member, An
        assert ws.draft.items[1].restricted_to == [AN]
        kb.alt(editor.comments)
        assert ws.draft.items[1].comments_due is not None

        # a poll about item 2: to the polls (Alt), Tab to "Add poll", Space; its fields by Alt and Tab
        kb.alt(agenda.polls.heading)
        assert agenda.polls.view.hasFocus()
        kb.tab_to(agenda.polls.add_button)
        kb.press(Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: len(ws.draft.polls) == 1 and agenda.poll_editor.isVisible(), timeout=WAIT)
        poll = agenda.poll_editor
        assert not clashes(window), clashes(window)
        kb.alt(poll.captions[0])
        kb.type("Phiếu lấy ý kiến về nhân sự")
        kb.alt(poll.captions[2])  # about item: the arrow keys choose
        assert poll.item.hasFocus()
        kb.press(Qt.Key.Key_Down, times=2)
        assert ws.draft.polls[0].item == 2
        kb.tab_to(poll.boxes[0].text)
        kb.type("Đồng chí có đồng ý với phương án nhân sự?")
        kb.press(Qt.Key.Key_Tab)
        [p] = ws.draft.polls
        assert p.title == "Phiếu lấy ý kiến về nhân sự"
        assert p.questions[0].text == "Đồng chí có đồng ý với phương án nhân sự?"
        shot(window, f"k3-phieu-ban-phim-{language}")

        # undo and redo by keyboard; save
        kb.ctrl(Qt.Key.Key_Z)
        assert ws.draft.polls[0].questions[0].text == ""
        kb.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert ws.draft.polls[0].questions[0].text == "Đồng chí có đồng ý với phương án nhân sự?"
        assert ws.problems() == [], [p.message.en for p in ws.problems()]
        kb.ctrl(Qt.Key.Key_S)
        qtbot.waitUntil(lambda: (folder / "session.toml").is_file() and not ws.dirty, timeout=WAIT)

        # build and sign: the passphrase typed, Enter
        kb.ctrl(Qt.Key.Key_4)
        publish = clerk.page("publish")
        assert isinstance(publish, PublishPage)
        assert not clashes(window), clashes(window)
        kb.alt(publish.build_button)
        qtbot.waitUntil(lambda: publish.passphrase_dialog is not None and publish.passphrase_dialog.passphrase.hasFocus(),
                        timeout=WAIT)
        kb.type(PASSPHRASE)
        with qtbot.waitSignal(publish.built, timeout=WAIT) as built:
            kb.press(Qt.Key.Key_Return)
        report = built.args[0]
        assert verify_bundle(report.path, [load_card(people.clerk)]).manifest.version == 1
        clerk.activate()
        kb.ctrl(Qt.Key.Key_5)
        assert window.current_step() == "follow"
    finally:
        close_message_boxes()
        clerk.close()
        QLocale.setDefault(locale)
