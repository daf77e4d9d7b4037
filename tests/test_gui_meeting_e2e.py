"""Issue 14 in the app, end to end: members' apps (MainWindow instances offscreen, each with its own
data folder and identity, connected to a real office server on loopback over HTTPS) in the
meeting room, with the secretariat (Cường) driving the meeting through the real MeetingClient of
``meeting_helpers.Laptop``, and the chair (An) presenting from the app.

Following across items and pages, a late joiner, a dropped connection, free browsing and back by
the banner, annotating while following, a restricted item; attendance, the speaking queue, a
vote with a changed ballot, a forged ballot, a ballot after the close, a member voting twice.

With ``PAPERLESS_SHOTS`` set to a folder, screenshots at 1366x768 in Vietnamese are saved there.
"""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bundle_helpers import run_cli
from distribution_helpers import SESSION_ID, publish, write_session_toml
from gui_helpers import OFFSCREEN_NOISE, Harness, close_message_boxes, harnesses, open_message_boxes
from meeting_helpers import Laptop, until
from PySide6.QtWidgets import QMessageBox
from server_helpers import MEMBERS, PASSPHRASE, Office, RunningServer, ServerSetup, setup_server, start_server

from paperless.core.bundle.writer import build_bundle
from paperless.core.errors import PaperlessError
from paperless.core.identity import load_card
from paperless.core.meeting import wire as W
from paperless.core.meeting.client import MeetingActionError
from paperless.core.session import load_session
from paperless.core.sync import import_office_file
from paperless.core.sync.errors import HttpError
from paperless.gui.annotations.tools import Tool
from paperless.gui.meeting.part import MeetingPart
from paperless.gui.meeting.speak import SpeakDialog
from paperless.gui.meeting.vote_dialog import VoteDialog

pytestmark = OFFSCREEN_NOISE
WAIT = 60_000
REPORT, PLAN, SECRET = "documents/0001.age", "documents/0002.age", "documents/0003.age"
RESTRICTED_NOTICE = "Tài liệu hạn chế \u2014 đồng chí không được xem"


def meeting_bundle(root: Path, office: Office) -> Path:
    """Three items of 4 pages; the third restricted to An and Cường; chair An, secretariat Cường."""
    toml = write_session_toml(root / "meeting", office, members=("an", "binh", "cuong"), pages=4,
                              docs={"Báo cáo quý IV": "Báo cáo quý IV", "Dự thảo kế hoạch": "Kế hoạch năm 2027",
                                    "Nhân sự": "Phương án nhân sự"})
    lines = toml.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("location"))
    lines[at + 1:at + 1] = [f'chair = "{MEMBERS["an"]}"', f'secretariat = ["{MEMBERS["cuong"]}"]']
    last = max(i for i, line in enumerate(lines) if line.startswith("title = "))
    lines.insert(last + 1, f'restricted_to = ["{MEMBERS["an"]}", "{MEMBERS["cuong"]}"]')
    toml.write_text("\n".join(lines) + "\n", "utf-8")
    out = root / "meeting.plb"
    build_bundle(load_session(toml), office.unlock("clerk"), out, version=1)
    return out


@pytest.fixture
def room(tmp_path: Path, office: Office) -> Iterator[tuple[ServerSetup, Path, Laptop]]:
    """A SQLite office server with the session published; the secretariat's laptop in the room."""
    setup = setup_server(tmp_path / "server", office)
    running: RunningServer = start_server(setup)
    try:
        bundle = meeting_bundle(tmp_path / "bundles", office)
        assert publish(setup.folder, bundle) == 0
        secretariat = Laptop(setup, "cuong", bundle).start()
        try:
            until(lambda: secretariat.client.connected, "the secretariat connected")
            yield setup, bundle, secretariat
        finally:
            secretariat.stop()
    finally:
        running.stop()


def member_app(qtbot, make: Callable[..., Harness], tmp_path: Path, office: Office,  # type: ignore[no-untyped-def]
               setup: ServerSetup, bundle: Path, key: str, *, join: bool = True) -> Harness:
    """A member's app on its own data folder: unlocked, connected to the office server, the session open."""
    from paperless.gui.dialogs.unlock import unlock_and_load

    h = make(office, home=tmp_path / f"home-{key}", member=key, language="vi")
    h.window.resize(1366, 768)
    identity, library = unlock_and_load(h.services.paths.root, h.services.identity_folder, PASSPHRASE)
    import_office_file(setup.office_file, library.folder, [load_card(office.clerk)])
    h.window.set_unlocked(identity, library)
    qtbot.waitUntil(lambda: h.window.sync.connected, timeout=WAIT)
    h.open(bundle)
    h.wait_document()
    if join:
        join_meeting(qtbot, h.window.meeting)
    return h


def join_meeting(qtbot, part: MeetingPart) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(part.join_action.isEnabled, timeout=WAIT)
    part.join_action.trigger()
    qtbot.waitUntil(lambda: part.client is not None and part.client.connected, timeout=WAIT)


def sent(qtbot, part: MeetingPart, kind: str, action: Callable[[], object]) -> None:  # type: ignore[no-untyped-def]
    """Do ``action`` and wait until the server accepted the part's ``kind`` action (a refusal fails the test)."""
    done: list[str] = []
    failures: list[BaseException] = []
    part.sent.connect(done.append)
    part.failed.connect(failures.append)
    try:
        action()
        qtbot.waitUntil(lambda: kind in done or bool(failures), timeout=WAIT)
    finally:
        part.sent.disconnect(done.append)
        part.failed.disconnect(failures.append)
    assert not failures, failures


def at(h: Harness, entry: str, page: int) -> bool:
    """The viewer shows ``entry`` at ``page`` (from 1), following."""
    view, follower = h.window.reader.view, h.window.meeting.follower
    return (follower.following and view.document_id() == entry and view.page_count() > 0
            and view.current_page() == page - 1)


def shot(h: Harness, name: str) -> None:
    """The window as the member sees it, with its open dialogs drawn where they are (offscreen, a
    dialog is a window of its own)."""
    folder = os.environ.get("PAPERLESS_SHOTS")
    if not folder:
        return
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QDialog

    Path(folder).mkdir(parents=True, exist_ok=True)
    h.qtbot.wait(300)  # the pages painted
    window = h.window
    image = window.grab()
    painter = QPainter(image)
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            dialog.adjustSize()
            x = (window.width() - dialog.width()) // 2
            y = (window.height() - dialog.height()) // 2
            painter.drawPixmap(x, y, dialog.grab())
    painter.end()
    image.save(str(Path(folder) / f"member-{name}.png"))


def test_members_follow_the_presenter_browse_freely_and_come_back(
        qtbot, tmp_path: Path, office: Office, room: tuple[ServerSetup, Path, Laptop]) -> None:  # type: ignore[no-untyped-def]
    setup, bundle, secretariat = room
    control = secretariat.client
    with harnesses(qtbot, tmp_path) as make:
        binh = member_app(qtbot, make, tmp_path, office, setup, bundle, "binh")
        part, view = binh.window.meeting, binh.window.reader.view
        assert not part.client.is_control and not part.panel.isVisible()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: "Phòng họp: đã kết nối" in part.status_label.text(), timeout=WAIT)

        # following across pages and items
        control.go_to(1, REPORT, 3)
        qtbot.waitUntil(lambda: at(binh, REPORT, 3), timeout=WAIT)
        control.go_to(2, PLAN, 1)
        control.go_to(2, PLAN, 2)
        qtbot.waitUntil(lambda: at(binh, PLAN, 2), timeout=WAIT)
        assert not part.follower.banner.isVisible()

        # a late joiner lands on the presented page at once
        an = member_app(qtbot, make, tmp_path, office, setup, bundle, "an")
        qtbot.waitUntil(lambda: at(an, PLAN, 2), timeout=WAIT)
        assert an.window.meeting.client.is_control and an.window.meeting.panel.isVisible()  # type: ignore[union-attr]
        an.window.meeting.join_action.trigger()  # the chair leaves the room: the viewer is hers again
        assert an.window.meeting.client is None and not an.window.meeting.status_label.isVisible()

        # the member pages on: free browsing, the banner says where the presenter is; the presenter moves on
        qtbot.waitUntil(lambda: not part.follower.settling, timeout=WAIT)
        view.go_to_page(3)
        qtbot.waitUntil(lambda: not part.follower.following, timeout=WAIT)
        control.go_to(2, PLAN, 3)
        banner = part.follower.banner
        qtbot.waitUntil(lambda: banner.isVisible() and banner.text == "Người trình bày đang ở trang 3", timeout=WAIT)
        assert "Ctrl+Shift+T" in banner.action.toolTip()
        assert view.current_page() == 3  # stays where the member is reading
        assert banner.action.text() == "Theo dõi người trình bày"
        assert "Đang xem tự do" in part.status_label.text()
        shot(binh, "follow-banner")
        banner.action.click()  # one click back
        qtbot.waitUntil(lambda: at(binh, PLAN, 3) and not banner.isVisible(), timeout=WAIT)

        # another document opened by the member: free browsing too; the shortcut's action brings them back
        binh.window.session.open_document(REPORT)
        qtbot.waitUntil(lambda: not part.follower.following and view.document_id() == REPORT, timeout=WAIT)
        qtbot.waitUntil(lambda: banner.text == "Người trình bày đang ở trang 3 của tài liệu \u201cKế hoạch năm 2027\u201d",
                        timeout=WAIT)
        part.follow_action.trigger()
        qtbot.waitUntil(lambda: at(binh, PLAN, 3), timeout=WAIT)

        # annotating never breaks following: an ink stroke on the page, then the presenter moves
        from annot_helpers import drag, page_point, use_tool

        use_tool(view, Tool.INK)
        points = [page_point(view, 2, x, 200) for x in (100, 160, 220, 280)]
        drag(qtbot, view.canvas.viewport(), points)
        qtbot.waitUntil(lambda: len(view.annotating.on_page(2)) == 1, timeout=WAIT)
        assert part.follower.following
        control.go_to(2, PLAN, 4)
        qtbot.waitUntil(lambda: at(binh, PLAN, 4), timeout=WAIT)
        use_tool(view, Tool.SELECT)

        # a dropped connection: reading goes on; the presenter moves meanwhile; the snapshot restores following
        client = part.client
        assert client is not None
        snapshots = client.snapshots
        client.drop_connection()
        control.go_to(1, REPORT, 2)
        qtbot.waitUntil(lambda: client.snapshots > snapshots and client.connected, timeout=WAIT)
        qtbot.waitUntil(lambda: at(binh, REPORT, 2) and "Phòng họp: đã kết nối" in part.status_label.text(),
                        timeout=WAIT)

        # a restricted item: the notice, never the content
        control.go_to(3, SECRET, 1)
        qtbot.waitUntil(lambda: part.follower.restricted_shown, timeout=WAIT)
        assert view.document_id() is None and view.page_count() == 0 and not view.canvas.images
        assert view.canvas.message.startswith(RESTRICTED_NOTICE) and "3. Nhân sự" in view.canvas.message
        assert binh.window.session.current != SECRET
        # the agenda's highlight moves to the presented (restricted) document: the previous one no longer
        agenda = binh.window.agenda
        secret_row = agenda.document_item(SECRET)
        assert secret_row is not None
        qtbot.waitUntil(lambda: agenda.tree.currentItem() is secret_row, timeout=WAIT)
        assert not agenda.tree.selectedItems()
        image = view.canvas.viewport().grab().toImage()
        dark = sum(1 for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)
                   if image.pixelColor(x, y).lightness() < 100)
        assert dark < 400  # a line of text, no page of a document
        shot(binh, "restricted-notice")

        # back to a readable item: the document again, at the page
        control.go_to(1, REPORT, 4)
        qtbot.waitUntil(lambda: at(binh, REPORT, 4) and not part.follower.restricted_shown, timeout=WAIT)
        assert agenda.tree.selectedItems() == [agenda.document_item(REPORT)]

        # the language switched live: the status, the menu and the banner in English
        for h in (an, binh):  # one application: every window's translator goes (each app has only its own)
            h.window.switch_language("en")
        qtbot.waitUntil(lambda: part.status_label.text().startswith("Meeting room: connected"), timeout=WAIT)
        assert part.menu.title() == "&Meeting" and part.follow_action.text() == "&Follow the presenter"
        qtbot.waitUntil(lambda: not part.follower.settling, timeout=WAIT)  # the member's own move, not the app's
        view.go_to_page(0)
        qtbot.waitUntil(lambda: banner.text == "The presenter is on page 4", timeout=WAIT)
        assert banner.action.text() == "Follow the presenter"


def test_attendance_speaking_queue_and_voting(
        qtbot, tmp_path: Path, office: Office, room: tuple[ServerSetup, Path, Laptop]) -> None:  # type: ignore[no-untyped-def]
    setup, bundle, secretariat = room
    control = secretariat.client
    with harnesses(qtbot, tmp_path) as make:
        binh = member_app(qtbot, make, tmp_path, office, setup, bundle, "binh")
        part = binh.window.meeting
        client = part.client
        assert client is not None
        assert "Chưa điểm danh" in part.status_label.text()

        # a vote opened before Bình checked in: a notice to check in first, no ballot dialog
        control.go_to(1, REPORT, 1)
        vote_id = control.open_vote("Thông qua báo cáo quý IV", 1)
        qtbot.waitUntil(lambda: part.notice.isVisible() and "điểm danh" in part.notice.text, timeout=WAIT)
        assert part.vote_dialog is None

        # attendance: present in the room; then the ballot dialog opens
        part.present_action.trigger()
        qtbot.waitUntil(lambda: "Đã điểm danh: có mặt" in part.status_label.text(), timeout=WAIT)
        until(lambda: control.state.status_of(client.me) == W.PRESENT, "the secretariat sees Bình present")
        qtbot.waitUntil(lambda: isinstance(part.vote_dialog, VoteDialog) and part.vote_dialog.isVisible(),
                        timeout=WAIT)
        shot(binh, "vote-dialog")
        dialog = part.vote_dialog
        assert dialog is not None

        # a vote, then a changed ballot; the same ballot sent twice counts once
        sent(qtbot, part, "vote", lambda: dialog.chosen.emit(W.FOR))
        until(lambda: control.cast(vote_id) == 1, "Bình's ballot counted")
        sent(qtbot, part, "vote", lambda: dialog.chosen.emit(W.AGAINST))
        mine = client.my_ballot(vote_id)
        assert mine is not None and mine.choice == W.AGAINST and mine.revision == 2
        again = secretariat.connection.request("POST", W.ballots_path(SESSION_ID), {"ballot": mine.to_wire()},
                                               client._authorize()[1])
        assert again.get("status") == "duplicate"
        until(lambda: control.cast(vote_id) == 1, "still one ballot of Bình's")

        # a forged ballot (Bình's name, Cường's key) is refused by the server
        forged = W.make_ballot(SESSION_ID, vote_id, client.me, W.FOR, 9, secretariat.identity.signing_key)
        with pytest.raises(HttpError):
            secretariat.connection.request("POST", W.ballots_path(SESSION_ID), {"ballot": forged.to_wire()},
                                           secretariat.authorize()[1])

        # the close: the dialog says so, the result shows (counts, not adopted: 0 of 3 for)
        control.close_vote(vote_id)
        qtbot.waitUntil(lambda: part.notice.isVisible() and "Kết quả biểu quyết" in part.notice.text, timeout=WAIT)
        text = part.notice.text
        assert "đồng ý 0" in text and "không đồng ý 1" in text and "phiếu trắng 0" in text
        assert "không được thông qua" in text
        shot(binh, "vote-result")
        closed = control.state.vote(vote_id)
        assert closed is not None and closed.counts() == {W.FOR: 0, W.AGAINST: 1, W.BLANK: 0}

        # a ballot after the close is refused: one line in the failure display
        failures: list[BaseException] = []
        part.failed.connect(failures.append)
        part.vote(W.FOR, vote_id)
        qtbot.waitUntil(lambda: bool(failures), timeout=WAIT)
        assert isinstance(failures[0], PaperlessError)
        assert failures[0].message("vi") == "Biểu quyết đã kết thúc; lựa chọn này không được tính."
        close_message_boxes()
        dialog.reject()  # the member closes the ballot

        # the speaking queue: Cường first, Bình second (on the item presented, with a topic)
        control.raise_hand(None, "Về nhân sự")
        part.speak_action.trigger()
        qtbot.waitUntil(lambda: isinstance(part.speak_dialog, SpeakDialog), timeout=WAIT)
        speak = part.speak_dialog
        assert speak is not None and speak.on_item.isChecked()
        speak.topic_edit.setText("Ý kiến về báo cáo")
        speak.accept()
        qtbot.waitUntil(lambda: "Đồng chí đứng thứ 2 trong danh sách phát biểu" in part.status_label.text(),
                        timeout=WAIT)
        until(lambda: len(control.state.queue) == 2, "the secretariat sees both requests")
        qtbot.waitUntil(lambda: part.notice.text == "Đồng chí đã đăng ký phát biểu: đứng thứ 2 trong danh sách.",
                        timeout=WAIT)
        hand = control.state.queue[1]
        shot(binh, "speaking-queue")
        assert (hand.member, hand.item, hand.topic) == (client.me, 1, "Ý kiến về báo cáo")
        assert part.withdraw_action.isEnabled()

        # the floor to Bình: a clear notice; withdrawing after that is not needed
        control.give_floor(client.me)
        qtbot.waitUntil(lambda: part.notice.isVisible() and "phát biểu" in part.notice.text
                        and "Đồng chí được mời phát biểu" in part.notice.text, timeout=WAIT)
        assert "Đồng chí đang được phát biểu" in part.status_label.text()
        shot(binh, "floor")
        control.close_floor()
        qtbot.waitUntil(lambda: "Đồng chí đang được phát biểu" not in part.status_label.text(), timeout=WAIT)

        # ask again, then withdraw
        part.speak_action.trigger()
        qtbot.waitUntil(lambda: isinstance(part.speak_dialog, SpeakDialog), timeout=WAIT)
        assert part.speak_dialog is not None
        part.speak_dialog.accept()
        qtbot.waitUntil(lambda: "danh sách phát biểu" in part.status_label.text(), timeout=WAIT)
        qtbot.waitUntil(lambda: part.notice.isVisible() and part.notice.action.isVisible(), timeout=WAIT)
        part.notice.action.click()  # "Rút đăng ký" on the notice
        qtbot.waitUntil(lambda: "danh sách phát biểu" not in part.status_label.text()
                        and not part.notice.isVisible(), timeout=WAIT)
        until(lambda: control.state.place_in_queue(client.me) is None, "Bình's request withdrawn")


def test_the_chair_presents_from_her_viewer(
        qtbot, tmp_path: Path, office: Office, room: tuple[ServerSetup, Path, Laptop]) -> None:  # type: ignore[no-untyped-def]
    setup, bundle, secretariat = room
    with harnesses(qtbot, tmp_path) as make:
        an = member_app(qtbot, make, tmp_path, office, setup, bundle, "an")
        binh = member_app(qtbot, make, tmp_path, office, setup, bundle, "binh")
        chair = an.window.meeting
        assert chair.panel.isVisible()
        an.window.actions_.full_screen.setChecked(True)  # reading mode: only the document (the banners stay)
        qtbot.waitUntil(lambda: an.window.reading_mode and not chair.panel.isVisible(), timeout=WAIT)
        an.window.actions_.full_screen.setChecked(False)
        qtbot.waitUntil(lambda: not an.window.reading_mode and chair.panel.isVisible(), timeout=WAIT)
        chair.panel.presenting_toggled.emit(True)
        assert chair.presenting
        view = an.window.reader.view
        moves: list[str] = []
        chair.sent.connect(moves.append)
        for page in (1, 2, 3):  # quick page flips: coalesced, the latest arrives
            view.go_to_page(page)
        qtbot.waitUntil(lambda: at(binh, REPORT, 4) and "go_to" in moves, timeout=WAIT)
        assert moves.count("go_to") < 3
        chair.sent.disconnect(moves.append)
        an.window.session.open_document(PLAN)
        qtbot.waitUntil(lambda: at(binh, PLAN, 1), timeout=WAIT)
        state = secretariat.client.state
        until(lambda: (secretariat.client.state.item, secretariat.client.state.entry) == (2, PLAN),
              "the secretariat sees item 2")
        assert state is not None
        # the control panel's actions reach the server through the task layer
        sent(qtbot, chair, "open_vote", lambda: chair.panel.open_vote.emit("Thông qua kế hoạch", 2))
        until(lambda: secretariat.client.state.open_vote is not None, "the vote opened by the chair")
        qtbot.waitUntil(lambda: chair.client is not None and chair.client.state.open_vote is not None, timeout=WAIT)
        sent(qtbot, chair, "close_vote", lambda: chair.panel.close_vote.emit())
        until(lambda: secretariat.client.state.open_vote is None, "the vote closed by the chair")

        # the presentation handed to Bình: his screen drives, the chair's follows; taken back, he follows again
        chair.presenting_action.trigger()
        assert not chair.presenting and chair.follower.active
        member = binh.window.meeting
        assert not member.presenting_action.isEnabled()
        secretariat.client.set_presenter(member.client.me)  # type: ignore[union-attr]
        qtbot.waitUntil(member.presenting_action.isEnabled, timeout=WAIT)
        member.presenting_action.trigger()
        assert member.presenting and not member.follower.active
        binh.window.reader.view.go_to_page(2)
        qtbot.waitUntil(lambda: at(an, PLAN, 3), timeout=WAIT)
        secretariat.client.set_presenter(None)
        qtbot.waitUntil(lambda: not member.presenting and member.follower.active, timeout=WAIT)
        assert not member.presenting_action.isChecked() and not member.presenting_action.isEnabled()

        # the attendance list, where the chair chooses: Bình checked in, the others not yet
        sent(qtbot, binh.window.meeting, "check_in", binh.window.meeting.online_action.trigger)
        binh_me = binh.window.meeting.client.me  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: chair.client is not None and chair.client.state.status_of(binh_me) == W.ONLINE,
                        timeout=WAIT)
        out = tmp_path / "diem-danh.csv"
        an.files.save_answers.append(out)
        chair.panel.export_minutes.emit()
        qtbot.waitUntil(lambda: out.exists() and out.read_text("utf-8").count("\n") == 6, timeout=WAIT)
        rows = out.read_text("utf-8").splitlines()
        assert rows[0] == "member,name,status,trạng thái,reason" and len(rows) == 6
        assert rows[-1].startswith("quorum,1/3,not reached,")
        assert any(MEMBERS["binh"] in r and ",online," in r for r in rows)

        # a vote opening while Bình's app is locked: no ballot (nobody votes in his name); unlocked, it comes
        lock = binh.window.idle_lock
        lock.lock()
        assert lock.locked
        vote_id = secretariat.client.open_vote("Thông qua phương án", 3)
        qtbot.waitUntil(member.vote_action.isEnabled, timeout=WAIT)  # the app has taken in the open vote
        assert member.client is not None and member.client.state.open_vote is not None
        assert member.client.state.open_vote.vote_id == vote_id and member.vote_dialog is None
        member.vote_action.trigger()
        assert member.vote_dialog is None
        screen = lock.screen
        assert screen is not None
        screen.passphrase.setText(PASSPHRASE)
        screen.submitted.emit(PASSPHRASE)
        qtbot.waitUntil(lambda: not lock.locked, timeout=WAIT)
        qtbot.waitUntil(lambda: member.vote_dialog is not None and member.vote_dialog.isVisible(), timeout=WAIT)


class _HeldRound:
    """A test double of the notes store as the sync engine sees it: the round blocks on its pull (holding
    the engine's round lock) until released — a sync round held busy, e.g. by a slow server."""

    def __init__(self, inner: object) -> None:
        self._inner = inner
        self.entered, self.release = threading.Event(), threading.Event()

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)

    def sync_cursor(self) -> object:
        self.entered.set()
        self.release.wait()
        return self._inner.sync_cursor()  # type: ignore[attr-defined]


def test_a_ballot_never_waits_for_a_sync_round(
        qtbot, tmp_path: Path, office: Office, room: tuple[ServerSetup, Path, Laptop]) -> None:  # type: ignore[no-untyped-def]
    setup, bundle, secretariat = room
    control = secretariat.client
    with harnesses(qtbot, tmp_path) as make:
        binh = member_app(qtbot, make, tmp_path, office, setup, bundle, "binh")
        part = binh.window.meeting
        engine = binh.window.sync.engine
        assert engine is not None
        core = engine._engine
        control.go_to(1, REPORT, 1)
        vote_id = control.open_vote("Thông qua báo cáo quý IV", 1)
        part.present_action.trigger()
        qtbot.waitUntil(lambda: isinstance(part.vote_dialog, VoteDialog) and part.vote_dialog.isVisible(),
                        timeout=WAIT)
        dialog = part.vote_dialog
        assert dialog is not None

        held = _HeldRound(core.store)
        core.store = held  # type: ignore[assignment]
        round_ = threading.Thread(target=core.sync_once, daemon=True)
        round_.start()
        try:
            assert held.entered.wait(WAIT / 1000), "the round did not start"
            assert core._round_lock.locked()
            core._side_token = None  # the ballot logs in too (its own path), not only reuses the token
            done: list[str] = []
            failures: list[BaseException] = []
            part.sent.connect(done.append)
            part.failed.connect(failures.append)
            dialog.chosen.emit(W.FOR)
            qtbot.waitUntil(lambda: "vote" in done or bool(failures), timeout=20_000)
            assert not failures, failures
            until(lambda: control.cast(vote_id) == 1, "Bình's ballot counted while the round is held")
            assert round_.is_alive() and core._round_lock.locked()  # the round still held: it never waited
        finally:
            held.release.set()
            round_.join(WAIT / 1000)
            core.store = held._inner  # type: ignore[assignment]
        assert not round_.is_alive()


def test_the_minutes_attendance_and_verifiable_votes(
        qtbot, tmp_path: Path, office: Office, room: tuple[ServerSetup, Path, Laptop]) -> None:  # type: ignore[no-untyped-def]
    """The panel's export writes the attendance (reasons, quorum) and the closed votes' signed ballots,
    which ``paperless meeting verify-votes`` (a real subprocess) checks; an old votes file is kept unless
    the secretariat says to replace it."""
    setup, bundle, secretariat = room
    control = secretariat.client
    with harnesses(qtbot, tmp_path) as make:
        an = member_app(qtbot, make, tmp_path, office, setup, bundle, "an")
        binh = member_app(qtbot, make, tmp_path, office, setup, bundle, "binh")
        chair, part = an.window.meeting, binh.window.meeting
        assert chair.panel.isVisible() and chair.client is not None
        control.go_to(1, REPORT, 1)
        sent(qtbot, part, "check_in", part.present_action.trigger)
        sent(qtbot, chair, "check_in", chair.online_action.trigger)
        control.mark_absent(secretariat.member, "Đi công tác, có báo cáo")
        vote_id = control.open_vote("Thông qua báo cáo quý IV", 1)
        qtbot.waitUntil(lambda: isinstance(part.vote_dialog, VoteDialog) and part.vote_dialog.isVisible(),
                        timeout=WAIT)
        dialog = part.vote_dialog
        assert dialog is not None
        sent(qtbot, part, "vote", lambda: dialog.chosen.emit(W.FOR))
        until(lambda: control.cast(vote_id) == 1, "Bình's ballot counted")
        control.close_vote(vote_id)
        still_open = control.open_vote("Thông qua kế hoạch", 2)  # not closed: not in the minutes
        qtbot.waitUntil(lambda: chair.client is not None and chair.client.state.open_vote is not None
                        and chair.client.state.open_vote.vote_id == still_open
                        and chair.client.state.status_of(secretariat.member) == W.ABSENT, timeout=WAIT)
        close_message_boxes()  # the chair's own ballot dialog may be open: not what this test is about

        out = tmp_path / "bien-ban.csv"
        votes = tmp_path / "bien-ban-bieu-quyet.json"
        votes.write_text("old\n", "utf-8")

        def replace_box() -> QMessageBox | None:
            return next((b for b in open_message_boxes() if b.objectName() == "meetingReplaceVotes"), None)

        def answer(role: QMessageBox.ButtonRole) -> None:
            qtbot.waitUntil(lambda: replace_box() is not None, timeout=WAIT)
            box = replace_box()
            assert box is not None
            next(b for b in box.buttons() if box.buttonRole(b) == role).click()

        # an old votes file: asked, kept — nothing written
        an.files.save_answers.append(out)
        chair.panel.export_minutes.emit()
        answer(QMessageBox.ButtonRole.RejectRole)
        qtbot.waitUntil(lambda: replace_box() is None, timeout=WAIT)
        assert votes.read_text("utf-8") == "old\n" and not out.exists()

        # asked again, replaced: both files
        an.files.save_answers.append(out)
        sent(qtbot, chair, "export", lambda: (chair.panel.export_minutes.emit(),
                                              answer(QMessageBox.ButtonRole.AcceptRole)))
        rows = out.read_text("utf-8").splitlines()
        assert rows[0] == "member,name,status,trạng thái,reason"
        assert any(MEMBERS["cuong"] in r and ",absent," in r and "Đi công tác, có báo cáo" in r for r in rows)
        assert any(MEMBERS["binh"] in r and ",present," in r for r in rows)
        assert rows[-1].startswith("quorum,2/3,reached,")
        data = json.loads(votes.read_text("utf-8"))
        assert [v["vote"] for v in data["votes"]] == [vote_id]
        checked = run_cli("meeting", "verify-votes", votes)
        assert checked.returncode == 0, checked.stderr
        assert "Thông qua báo cáo quý IV" in checked.stdout
        # the file is what verify-votes checks: a changed ballot fails it
        data["votes"][0]["ballots"][-1]["ballot"]["body"]["choice"] = W.AGAINST
        tampered = tmp_path / "tampered.json"
        tampered.write_text(json.dumps(data), "utf-8")
        assert run_cli("meeting", "verify-votes", tampered).returncode != 0
        # a member who does not run the meeting does not get the votes file from the server
        assert part.client is not None
        with pytest.raises(MeetingActionError):
            part.client.votes_file()


def test_the_status_says_reconnecting_while_the_server_is_unreachable(
        qtbot, tmp_path: Path, office: Office) -> None:  # type: ignore[no-untyped-def]
    """The server really gone (killed: the port refuses), then back on the same port: the member's status
    says *đang kết nối lại…* meanwhile, and *đã kết nối* again after."""
    setup = setup_server(tmp_path / "server", office)
    running: RunningServer = start_server(setup)
    try:
        bundle = meeting_bundle(tmp_path / "bundles", office)
        assert publish(setup.folder, bundle) == 0
        with harnesses(qtbot, tmp_path) as make:
            binh = member_app(qtbot, make, tmp_path, office, setup, bundle, "binh")
            part = binh.window.meeting
            qtbot.waitUntil(lambda: "Phòng họp: đã kết nối" in part.status_label.text(), timeout=WAIT)

            running.kill()
            with pytest.raises(OSError):  # unreachable: nothing listens on the port
                socket.create_connection(("127.0.0.1", setup.port), timeout=5).close()
            qtbot.waitUntil(lambda: "Phòng họp: đang kết nối lại\u2026" in part.status_label.text(), timeout=WAIT)
            assert part.client is not None and not part.client.connected
            assert "đã kết nối" not in part.status_label.text()

            running = running.restart()
            qtbot.waitUntil(lambda: "Phòng họp: đã kết nối" in part.status_label.text(), timeout=WAIT)
            assert part.client is not None and part.client.connected
    finally:
        running.stop()
