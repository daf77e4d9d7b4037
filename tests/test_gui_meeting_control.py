"""The chair's and the secretariat's meeting controls and a member's ballot (issue 14), pytest-qt
offscreen: real meeting states made by applying real signed events and ballots through the real
reducer (a committee of nine), shown in the panel; what it says, and what its buttons and keys ask
for. One test follows a real meeting on a real office server with the real MeetingClient.
Screenshots in Vietnamese at 1366×768 (PAPERLESS_MEETING_SHOTS, else /tmp/shots-meeting)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from gui_helpers import OFFSCREEN_NOISE, ensure_translations
from meeting_helpers import Laptop, publish_meeting, until
from notes_gui_helpers import type_text
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from server_helpers import FAST_LOG_N, MEMBERS, PASSPHRASE, Office, RunningServer

from paperless.core.bundle.manifest import Agenda, AgendaItem, AgendaMember
from paperless.core.identity import UnlockedIdentity, create_identity
from paperless.core.meeting import state as S
from paperless.core.meeting import wire as W
from paperless.core.meeting.roles import AgendaRoles
from paperless.core.sync import protocol as P
from paperless.core.sync.device import DeviceKey
from paperless.gui.i18n import Translators
from paperless.gui.meeting.control import ATTENDANCE, PRESENTING, SPEAKING, VOTING, ControlPanel
from paperless.gui.meeting.vote_dialog import VoteDialog

pytestmark = OFFSCREEN_NOISE

SESSION = "btv-2026-12-phien-thu-15"
NAMES = {"an": "Nguyễn Văn An", "binh": "Trần Thị Bình", "cuong": "Lê Hoàng Cường", "dung": "Phạm Minh Dũng",
         "giang": "Vũ Văn Giang", "ha": "Đặng Thị Hà", "khanh": "Bùi Quốc Khánh", "lan": "Đỗ Thị Lan",
         "minh": "Hoàng Đức Minh"}
ITEMS = ((1, "Báo cáo tình hình kinh tế - xã hội năm 2026"), (2, "Dự thảo Nghị quyết về chuyển đổi số"),
         (3, "Tờ trình về công tác cán bộ"))
SHOTS = Path(os.environ.get("PAPERLESS_MEETING_SHOTS", "/tmp/shots-meeting"))
ASKED = datetime(2026, 12, 20, 9, 12)


class Member:
    def __init__(self, root: Path, key: str) -> None:
        create_identity(root / key, NAMES[key], "member", PASSPHRASE, log_n=FAST_LOG_N)
        self.identity: UnlockedIdentity = Office(root).unlock(key)
        self.member = P.member_id(self.identity.card.fingerprint)
        self.name = NAMES[key]
        self.device = DeviceKey(W.new_id(), f"{key}-laptop", "2026-12-07T08:00:00Z", Ed25519PrivateKey.generate())

    def event(self, kind: str, **fields: object) -> W.Event:
        return W.make_event(SESSION, self.member, self.device.device_id, kind, dict(fields), self.device.sign)

    def ballot(self, vote: str, choice: str, revision: int = 1) -> W.Ballot:
        return W.make_ballot(SESSION, vote, self.member, choice, revision, self.identity.signing_key)


class Committee:
    """Nine members (chair: an; secretariat: cuong), the agenda, and the meeting's state as the real
    reducer makes it from their signed events and ballots."""

    def __init__(self, root: Path) -> None:
        self.people = {k: Member(root, k) for k in NAMES}
        members = tuple(AgendaMember(p.identity.card.name, p.identity.card.recipient, p.identity.card.signing_key)
                        for p in self.people.values())
        items = tuple(AgendaItem(n, title, "Văn phòng", None, ()) for n, title in ITEMS)
        self.agenda = Agenda(SESSION, 1, "Phiên họp thứ 15", datetime(2026, 12, 20, tzinfo=UTC), "Phòng họp số 1",
                             None, members, True, False, False, items, chair=NAMES["an"], secretariat=(NAMES["cuong"],))
        self.roles = AgendaRoles.from_agenda(self.agenda)
        self.state = S.MeetingState(SESSION)
        self.seq = 0

    def __getitem__(self, key: str) -> Member:
        return self.people[key]

    def do(self, who: str, kind: str, **fields: object) -> S.MeetingState:
        self.seq += 1
        self.state = S.apply_event(self.state, self.people[who].event(kind, **fields), self.seq, self.roles)
        return self.state

    def ballot(self, who: str, choice: str, revision: int = 1, *, closed_ok: bool = False) -> None:
        vote = self.state.votes[-1].vote_id
        self.state, _ = S.apply_ballot(self.state, self.people[who].ballot(vote, choice, revision), self.roles,
                                       closed_ok=closed_ok)

    def show(self, panel: ControlPanel, *, cast: dict[str, int] | None = None, connected: bool = True) -> None:
        panel.show_state(self.state, self.roles, self.agenda, me=self["cuong"].member, cast=cast or {},
                         connected=connected)


@pytest.fixture(scope="module")
def committee_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("committee")


@pytest.fixture(scope="module")
def _made(committee_root: Path) -> Committee:
    return Committee(committee_root)


@pytest.fixture
def committee(_made: Committee) -> Committee:
    """The same nine people each test, a fresh meeting."""
    _made.state, _made.seq = S.MeetingState(SESSION), 0
    return _made


@pytest.fixture
def panel(qtbot: QtBot) -> Iterator[ControlPanel]:
    p = ControlPanel()
    p.clock = lambda: ASKED
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.show()
    yield p
    for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]:
        box.close()


def _rows(tree: QTreeWidget) -> list[list[str]]:
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]  # type: ignore[union-attr]
            for i in range(tree.topLevelItemCount())]


def _activate(qtbot: QtBot, panel: ControlPanel) -> None:
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key to whatever has the focus, as a keyboard sends it."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    QApplication.processEvents()


def _box(qtbot: QtBot) -> QMessageBox:
    found: list[QMessageBox] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is found[0])  # the keys go to it
    return found[0]


def _click(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
    assert isinstance(button, QPushButton)
    button.click()


# -- attendance ------------------------------------------------------------------------------------------------
def test_attendance_lists_every_member_states_the_quorum_and_marks_absent_with_a_reason(
        qtbot: QtBot, panel: ControlPanel, committee: Committee) -> None:
    c = committee
    c.show(panel)
    assert panel.quorum.text() == "No quorum yet: 0/9 attending — 6 needed"
    assert [r[0] for r in _rows(panel.attendance)] == list(NAMES.values())
    assert {r[1] for r in _rows(panel.attendance)} == {"Not checked in yet"}
    for key in ("an", "binh", "cuong", "dung"):
        c.do(key, W.CHECK_IN, mode=W.PRESENT)
    c.do("giang", W.CHECK_IN, mode=W.ONLINE)
    c.do("cuong", W.MARK_ABSENT, target=c["lan"].member, reason="Đi công tác nước ngoài")
    c.show(panel)
    assert panel.quorum.text() == "No quorum yet: 5/9 attending — 6 needed"
    assert panel.tally.text() == "Present: 4 · Online: 1 · Absent: 1 · Not checked in yet: 3"
    rows = {r[0]: r[1:] for r in _rows(panel.attendance)}
    assert rows[NAMES["an"]] == ["✓ Present in the room", "Chair"]
    assert rows[NAMES["cuong"]] == ["✓ Present in the room", "Secretariat"]
    assert rows[NAMES["giang"]] == ["✓ Online", ""]
    assert rows[NAMES["lan"]] == ["✗ Absent: Đi công tác nước ngoài", ""]
    assert rows[NAMES["minh"]] == ["Not checked in yet", ""]
    c.do("ha", W.CHECK_IN, mode=W.PRESENT)
    c.show(panel)
    assert panel.quorum.text() == "Quorum reached: 6/9 attending — 6 needed"

    # mark Minh absent: choose him, give a reason (the button waits for both), by click then by Enter
    assert not panel.absent_button.isEnabled()
    minh = next(i for i in range(9) if panel.attendance.topLevelItem(i).text(0) == NAMES["minh"])  # type: ignore[union-attr]
    panel.attendance.setCurrentItem(panel.attendance.topLevelItem(minh))
    assert not panel.absent_button.isEnabled()
    type_text(panel.reason, "Ốm")
    with qtbot.waitSignal(panel.mark_absent) as marked:
        panel.absent_button.click()
    assert marked.args == [c["minh"].member, "Ốm"] and panel.reason.text() == ""
    c.show(panel)  # a redraw keeps the chosen member chosen
    assert panel.attendance.currentItem().text(0) == NAMES["minh"]  # type: ignore[union-attr]
    type_text(panel.reason, "  Họp   ở Trung ương ")
    with qtbot.waitSignal(panel.mark_absent) as marked:
        qtbot.keyClick(panel.reason, Qt.Key.Key_Return)
    assert marked.args == [c["minh"].member, "Họp ở Trung ương"]


# -- speaking ---------------------------------------------------------------------------------------------------
def _three_hands(c: Committee) -> None:
    for key in ("an", "binh", "dung", "giang", "cuong"):
        c.do(key, W.CHECK_IN, mode=W.PRESENT)
    c.do("binh", W.RAISE_HAND, item=2, topic="Về lộ trình chuyển đổi số")
    c.do("dung", W.RAISE_HAND, item=None, topic="")
    c.do("giang", W.RAISE_HAND, item=1, topic="Số liệu tăng trưởng quý IV")


def test_the_speaking_queue_in_order_gives_and_closes_the_floor_by_mouse_and_keyboard(
        qtbot: QtBot, panel: ControlPanel, committee: Committee) -> None:
    c = committee
    c.show(panel)
    assert _rows(panel.queue) == [["", "Nobody has asked to speak.", "", "", ""]]
    assert panel.floor.text() == "Nobody has the floor."
    assert not panel.give_first.isEnabled() and not panel.close_floor_button.isEnabled()
    _three_hands(c)
    c.show(panel)
    assert panel.tabs.tabText(SPEAKING) == "&Speaking (3)"  # seen from any tab
    assert _rows(panel.queue) == [
        ["1", NAMES["binh"], f"2. {ITEMS[1][1]}", "Về lộ trình chuyển đổi số", "09:12"],
        ["2", NAMES["dung"], "", "", "09:12"],
        ["3", NAMES["giang"], f"1. {ITEMS[0][1]}", "Số liệu tăng trưởng quý IV", "09:12"]]
    with qtbot.waitSignal(panel.give_floor) as given:
        panel.give_first.click()
    assert given.args == [c["binh"].member]
    panel.queue.setCurrentItem(panel.queue.topLevelItem(2))
    with qtbot.waitSignal(panel.give_floor) as given:
        panel.give_selected.click()
    assert given.args == [c["giang"].member]
    panel.queue.setFocus()
    panel.queue.setCurrentItem(panel.queue.topLevelItem(1))
    with qtbot.waitSignal(panel.give_floor) as given:
        qtbot.keyClick(panel.queue, Qt.Key.Key_Return)  # Enter on a request gives that member the floor
    assert given.args == [c["dung"].member]

    c.do("an", W.GIVE_FLOOR, to=c["binh"].member)
    panel.clock = lambda: datetime(2026, 12, 20, 9, 30)  # a redraw keeps when each request was first seen
    c.show(panel)
    assert panel.floor.text() == f"Has the floor: {NAMES['binh']}"
    assert [r[:2] + r[4:] for r in _rows(panel.queue)] == [["1", NAMES["dung"], "09:12"], ["2", NAMES["giang"], "09:12"]]
    assert panel.queue.currentItem().text(1) == NAMES["dung"]  # type: ignore[union-attr]
    _activate(qtbot, panel)
    panel.tabs.setCurrentIndex(VOTING)
    _press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # Alt+S: the Speaking tab
    assert panel.tabs.currentIndex() == SPEAKING
    with qtbot.waitSignal(panel.close_floor):
        _press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # Alt+L: Close the floor
    with qtbot.waitSignal(panel.give_floor) as given:
        _press(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # Alt+G: the first in the queue
    assert given.args == [c["dung"].member]
    c.do("an", W.CLOSE_FLOOR)
    c.show(panel)
    assert panel.floor.text() == "Nobody has the floor." and not panel.close_floor_button.isEnabled()


# -- voting ------------------------------------------------------------------------------------------------------
def test_a_vote_opens_on_the_presented_item_counts_closes_after_confirmation_and_shows_who_voted_how(
        qtbot: QtBot, panel: ControlPanel, committee: Committee) -> None:
    c = committee
    for key in ("an", "binh", "cuong", "dung", "giang", "ha", "khanh"):
        c.do(key, W.CHECK_IN, mode=W.PRESENT)
    c.do("cuong", W.GO_TO, item=2, entry=None, page=4)
    c.show(panel)
    panel.tabs.setCurrentIndex(VOTING)
    assert panel.open_box.isVisible() and not panel.running_box.isVisible() and not panel.results_box.isVisible()
    assert panel.item.currentData() == 2  # the presented item, by default
    assert panel.open_quorum.text() == "Quorum reached: 7/9 attending — 6 needed"
    assert not panel.open_button.isEnabled()  # no motion yet
    type_text(panel.motion, "Thông qua Nghị quyết về chuyển đổi số")
    c.show(panel)  # a redraw while typing keeps the text and the item
    assert panel.motion.toPlainText() == "Thông qua Nghị quyết về chuyển đổi số" and panel.item.currentData() == 2
    removed: list[object] = []
    for combo in (panel.item, panel.hand_to):
        combo.model().rowsRemoved.connect(lambda *args: removed.append(args))
    c.do("cuong", W.GO_TO, item=2, entry=None, page=5)  # the presenter turns a page: a redraw
    c.show(panel)
    assert removed == []  # the lists are left alone (one the secretariat has open stays open)
    panel.item.setCurrentIndex(panel.item.findData(None))
    c.show(panel)
    assert panel.item.currentData() is None  # the secretariat's choice stays while the presenter does not move
    panel.item.setCurrentIndex(panel.item.findData(2))
    with qtbot.waitSignal(panel.open_vote) as opened:
        panel.open_button.click()
    assert opened.args == ["Thông qua Nghị quyết về chuyển đổi số", 2]

    vote = W.new_id()
    c.do("cuong", W.OPEN_VOTE, vote=vote, motion="Thông qua Nghị quyết về chuyển đổi số", item=2)
    c.show(panel, cast={vote: 0})
    assert not panel.open_box.isVisible() and panel.running_box.isVisible()
    assert panel.running_motion.text() == ("Motion: Thông qua Nghị quyết về chuyển đổi số\n"
                                           f"Agenda item: 2. {ITEMS[1][1]}")
    assert panel.cast_label.text() == "Votes cast: 0/9"
    assert panel.running_note.text().startswith("7 members attending may vote.")
    c.show(panel, cast={vote: 7})
    assert panel.cast_label.text() == "Votes cast: 7/9"

    # closing asks first; "Continue voting" (the default, and Escape) leaves it open
    panel.close_vote_button.click()
    box = _box(qtbot)
    assert box.text() == "End the vote? After it ends nobody can vote any more."
    assert box.informativeText() == "Votes cast: 7/9"
    with qtbot.assertNotEmitted(panel.close_vote):
        _click(box, "Continue voting")
        qtbot.waitUntil(lambda: not box.isVisible())
    panel.close_vote_button.click()
    box = _box(qtbot)
    with qtbot.waitSignal(panel.close_vote):
        _click(box, "End the vote")

    c.do("cuong", W.CLOSE_VOTE, vote=vote)
    c.show(panel, cast={vote: 7})
    assert panel.open_box.isVisible() and panel.results_box.isVisible()
    assert panel.result_line.text() == "Receiving the ballots (0 of 7)…"  # the server sends them after the close
    for key, choice in (("an", W.FOR), ("binh", W.FOR), ("cuong", W.FOR), ("dung", W.AGAINST), ("giang", W.FOR),
                        ("ha", W.BLANK)):
        c.ballot(key, choice, closed_ok=True)
    c.ballot("khanh", W.FOR, revision=2, closed_ok=True)  # changed from Against before the close
    c.show(panel, cast={vote: 7})
    assert panel.result_line.text() == "ADOPTED: 5 of 9 members voted for (more than half: 5)"
    assert panel.counts_line.text() == "For: 5 · Against: 1 · Blank: 1 · Did not vote: 2"
    assert dict(_rows(panel.ballots)) == {  # type: ignore[arg-type]
        NAMES["an"]: "For", NAMES["binh"]: "For", NAMES["cuong"]: "For", NAMES["dung"]: "Against",
        NAMES["giang"]: "For", NAMES["ha"]: "Blank", NAMES["khanh"]: "For", NAMES["lan"]: "— did not vote",
        NAMES["minh"]: "— did not vote"}

    # a second vote, not adopted (four for out of nine is not more than half); both stay to look at
    second = W.new_id()
    c.do("an", W.OPEN_VOTE, vote=second, motion="Hoãn mục 3 sang phiên sau", item=3)
    for key, choice in (("an", W.FOR), ("binh", W.FOR), ("dung", W.FOR), ("giang", W.FOR), ("ha", W.AGAINST)):
        c.ballot(key, choice)
    c.do("an", W.CLOSE_VOTE, vote=second)
    c.show(panel, cast={vote: 7, second: 5})
    assert [panel.results_pick.itemText(i) for i in range(2)] == ["2. Hoãn mục 3 sang phiên sau",
                                                                  "1. Thông qua Nghị quyết về chuyển đổi số"]
    assert panel.result_line.text() == "NOT ADOPTED: 4 of 9 members voted for (more than half needed: 5)"
    panel.results_pick.setCurrentIndex(1)
    assert panel.result_line.text().startswith("ADOPTED: 5 of 9")
    c.show(panel, cast={vote: 7, second: 5})
    assert panel.results_pick.currentIndex() == 1  # the vote being looked at stays on a redraw


def test_a_vote_is_opened_and_ended_with_the_keyboard_alone(qtbot: QtBot, panel: ControlPanel,
                                                             committee: Committee) -> None:
    c = committee
    for key in ("an", "binh", "cuong"):
        c.do(key, W.CHECK_IN, mode=W.PRESENT)
    c.do("cuong", W.GO_TO, item=3, entry=None, page=1)
    c.show(panel)
    assert panel.open_quorum.text() == "⚠ No quorum yet: 3/9 attending — 6 needed"  # said before opening
    _activate(qtbot, panel)
    _press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Alt+V: the Voting tab
    assert panel.tabs.currentIndex() == VOTING
    _press(qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # Alt+M: the motion
    assert panel.motion.hasFocus()
    type_text(panel.motion, "Cho ý kiến về nhân sự")
    with qtbot.waitSignal(panel.open_vote) as opened:
        _press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # Alt+O: Open the vote
    assert opened.args == ["Cho ý kiến về nhân sự", 3]
    vote = W.new_id()
    c.do("cuong", W.OPEN_VOTE, vote=vote, motion="Cho ý kiến về nhân sự", item=3)
    c.show(panel, cast={vote: 2})
    _press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Alt+E: End the vote…
    box = _box(qtbot)
    with qtbot.assertNotEmitted(panel.close_vote):
        _press(qtbot, Qt.Key.Key_Return)  # Enter is "Continue voting": ending takes a deliberate choice
        qtbot.waitUntil(lambda: not box.isVisible())
    _activate(qtbot, panel)
    _press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    _box(qtbot)
    with qtbot.waitSignal(panel.close_vote):
        _press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Alt+E in the question: End the vote


def test_while_disconnected_the_controls_wait_and_say_why(qtbot: QtBot, panel: ControlPanel,
                                                          committee: Committee) -> None:
    c = committee
    _three_hands(c)
    c.do("an", W.GIVE_FLOOR, to=c["binh"].member)
    c.show(panel, connected=False)
    assert panel.connection.text().startswith("⚠ Connection to the office server lost")
    type_text(panel.motion, "Biểu quyết thử")
    assert not any(b.isEnabled() for b in (panel.give_first, panel.give_selected, panel.close_floor_button,
                                           panel.open_button, panel.hand_button))
    with qtbot.assertNotEmitted(panel.give_floor):
        panel.queue.setFocus()
        qtbot.keyClick(panel.queue, Qt.Key.Key_Return)
    c.show(panel)
    assert panel.connection.text() == "Connected to the meeting room."
    assert panel.give_first.isEnabled() and panel.open_button.isEnabled() and panel.close_floor_button.isEnabled()


# -- presenting -------------------------------------------------------------------------------------------------
def test_presenting_handing_over_taking_back_and_exporting(qtbot: QtBot, panel: ControlPanel,
                                                           committee: Committee) -> None:
    c = committee
    c.show(panel)
    panel.tabs.setCurrentIndex(PRESENTING)
    assert panel.shown.text() == "Nothing is presented yet."
    assert panel.presenter.text() == "The pages are moved by: the secretariat"
    assert not panel.take_back.isEnabled()
    assert NAMES["cuong"] not in [panel.hand_to.itemText(i) for i in range(panel.hand_to.count())]  # not myself
    with qtbot.waitSignal(panel.presenting_toggled) as toggled:
        panel.presenting.click()
    assert toggled.args == [True] and panel.presenting.text() == "Presentin&g: ON — members follow this laptop"
    with qtbot.assertNotEmitted(panel.presenting_toggled):
        panel.set_presenting(False)
    assert not panel.presenting.isChecked() and panel.presenting.text() == "Presentin&g: OFF — press to start"
    c.do("cuong", W.GO_TO, item=1, entry=None, page=12)
    panel.hand_to.setCurrentIndex(panel.hand_to.findData(c["dung"].member))
    c.show(panel)
    assert panel.shown.text() == f"On members' screens: 1. {ITEMS[0][1]}, page 12"
    assert panel.hand_to.currentData() == c["dung"].member  # kept across the redraw
    with qtbot.waitSignal(panel.set_presenter) as handed:
        panel.hand_button.click()
    assert handed.args == [c["dung"].member]
    c.do("cuong", W.SET_PRESENTER, presenter=c["dung"].member)
    c.show(panel)
    assert panel.presenter.text() == f"The pages are moved by: {NAMES['dung']} (handed over)"
    with qtbot.waitSignal(panel.set_presenter) as back:
        panel.take_back.click()
    assert back.args == [None]
    with qtbot.waitSignal(panel.export_minutes):
        panel.export.click()


# -- the ballot ---------------------------------------------------------------------------------------------------
def test_the_ballot_takes_a_click_or_a_key_shows_the_choice_and_stops_when_the_vote_closes(qtbot: QtBot) -> None:
    dialog = VoteDialog("Thông qua Nghị quyết về chuyển đổi số", "2. Dự thảo Nghị quyết về chuyển đổi số", None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert [b.text() for b in dialog.buttons.values()] == ["1.  For", "2.  Against", "3.  Blank"]
    assert not any(b.isChecked() for b in dialog.buttons.values())
    assert dialog.status.text().startswith("Press a button, or the key 1, 2 or 3.")
    with qtbot.waitSignal(dialog.chosen) as chosen:
        dialog.buttons[W.AGAINST].click()
    assert chosen.args == [W.AGAINST] and dialog.buttons[W.AGAINST].isChecked()
    assert dialog.status.text() == "You chose: Against — you can change it until the vote closes."
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.keyClick(dialog, Qt.Key.Key_1)
    assert chosen.args == [W.FOR] and dialog.current == W.FOR
    assert [b.isChecked() for b in dialog.buttons.values()] == [True, False, False]
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.keyClick(dialog, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert chosen.args == [W.BLANK]
    dialog.set_choice(W.FOR)  # what the part says counts
    assert dialog.buttons[W.FOR].isChecked() and not dialog.buttons[W.BLANK].isChecked()
    dialog.set_closed()
    assert dialog.status.text() == "The vote has closed. Your choice that counts: For."
    assert not any(b.isEnabled() for b in dialog.buttons.values())
    with qtbot.assertNotEmitted(dialog.chosen):
        qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert dialog.current == W.FOR
    with qtbot.waitSignal(dialog.rejected):
        dialog.close_button.click()


def test_the_ballot_opens_on_the_current_choice_and_says_when_there_was_none(qtbot: QtBot) -> None:
    dialog = VoteDialog("Hoãn mục 3", None, W.BLANK)
    qtbot.addWidget(dialog)
    assert dialog.item_label.text() == "Not tied to an agenda item"
    assert dialog.buttons[W.BLANK].isChecked() and dialog.status.text().startswith("You chose: Blank")
    fresh = VoteDialog("Hoãn mục 3", None, None)
    qtbot.addWidget(fresh)
    fresh.set_closed()
    assert fresh.status.text() == "The vote has closed. You did not vote."


# -- a real meeting -------------------------------------------------------------------------------------------------
def test_the_panel_follows_a_real_meeting_and_its_buttons_drive_the_real_client(
        qtbot: QtBot, panel: ControlPanel, server: RunningServer, tmp_path: Path) -> None:
    """The secretariat's laptop (cuong) runs the real MeetingClient against the real server; an and binh
    check in and ask to speak from theirs; the panel shows it, and its Give-the-floor and vote buttons,
    wired straight to the client, change the meeting everyone sees."""
    bundle = publish_meeting(tmp_path / "bundles", server.setup)
    laptops = {k: Laptop(server.setup, k, bundle).start() for k in ("an", "binh", "cuong")}
    try:
        until(lambda: all(p.client.connected for p in laptops.values()), "every laptop connected")
        secretariat = laptops["cuong"].client

        def show() -> None:
            state = secretariat.state
            vote = state.votes[-1].vote_id if state.votes else None
            panel.show_state(state, secretariat.roles, secretariat.agenda, me=secretariat.me,
                             cast={vote: secretariat.cast(vote)} if vote else {}, connected=secretariat.connected)

        panel.give_floor.connect(secretariat.give_floor)
        panel.open_vote.connect(secretariat.open_vote)
        panel.close_vote.connect(lambda: secretariat.close_vote())
        for key in ("an", "binh"):
            laptops[key].client.check_in(W.PRESENT)
        laptops["binh"].client.raise_hand(1, "Về báo cáo")
        laptops["an"].client.raise_hand(None, "")
        until(lambda: len(secretariat.state.queue) == 2, "two requests reach the secretariat")
        show()
        assert panel.quorum.text() == "Quorum reached: 2/3 attending — 2 needed"
        assert [r[1] for r in _rows(panel.queue)] == [MEMBERS["binh"], MEMBERS["an"]]
        panel.give_first.click()
        until(lambda: laptops["binh"].client.state.floor == laptops["binh"].member, "Bình has the floor")
        until(lambda: secretariat.state.floor is not None, "the secretariat sees it")
        show()
        assert panel.floor.text() == f"Has the floor: {MEMBERS['binh']}"
        assert [r[1] for r in _rows(panel.queue)] == [MEMBERS["an"]]

        type_text(panel.motion, "Thông qua báo cáo")
        panel.open_button.click()
        until(lambda: secretariat.state.open_vote is not None, "the vote is open")
        vote = secretariat.state.open_vote
        assert vote is not None and vote.motion == "Thông qua báo cáo" and vote.item is None
        until(lambda: all(p.client.state.open_vote is not None for p in laptops.values()), "every laptop sees it")
        laptops["an"].client.vote(W.FOR)
        laptops["binh"].client.vote(W.AGAINST)
        laptops["binh"].client.vote(W.FOR)  # changed
        until(lambda: secretariat.cast(vote.vote_id) == 2, "two ballots counted")
        show()
        assert panel.cast_label.text() == "Votes cast: 2/3"
        panel.close_vote_button.click()
        _click(_box(qtbot), "End the vote")
        until(lambda: sum((secretariat.state.vote(vote.vote_id) or vote).counts().values()) == 2
              and not (secretariat.state.vote(vote.vote_id) or vote).open, "the results reach the secretariat")
        show()
        assert panel.result_line.text() == "ADOPTED: 2 of 3 members voted for (more than half: 2)"
        assert dict(_rows(panel.ballots)) == {MEMBERS["an"]: "For", MEMBERS["binh"]: "For",  # type: ignore[arg-type]
                                             MEMBERS["cuong"]: "— did not vote"}
    finally:
        for laptop in laptops.values():
            laptop.stop()


# -- in Vietnamese -----------------------------------------------------------------------------------------------
@pytest.fixture
def vietnamese(qtbot: QtBot) -> Iterator[None]:
    locale = QLocale()
    translators = Translators(QCoreApplication.instance(), ensure_translations())  # type: ignore[arg-type]
    assert translators.install("vi")
    yield
    translators.remove()
    QLocale.setDefault(locale)


def _save(widget: Any, name: str, size: tuple[int, int] | None = None) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for _ in range(3):  # the layouts settle, as the event loop lets them between two redraws
        QApplication.processEvents()
    if size is not None:
        assert (widget.width(), widget.height()) == size
    assert widget.grab().save(str(SHOTS / name))


def test_screens_in_vietnamese(qtbot: QtBot, panel: ControlPanel, committee: Committee, vietnamese: None) -> None:
    """The speaking queue with three requests, an open vote, a closed vote's results and the ballot,
    at 1366×768 in Vietnamese, saved for looking at."""
    c = committee
    panel.resize(1366, 768)
    _three_hands(c)
    for key in ("ha", "khanh"):
        c.do(key, W.CHECK_IN, mode=W.PRESENT)
    c.do("cuong", W.MARK_ABSENT, target=c["lan"].member, reason="Đi công tác nước ngoài")
    c.do("cuong", W.GO_TO, item=2, entry=None, page=4)
    c.do("an", W.GIVE_FLOOR, to=c["ha"].member)
    c.show(panel)
    assert panel.tabs.tabText(SPEAKING) != "&Speaking"  # translated
    assert panel.quorum.text() == "Đủ số lượng: 7/9 có mặt — cần 6"
    assert panel.minimumSizeHint().height() < 400  # it fits as a dock on a 1366×768 laptop (the tabs scroll)
    _save(panel, "attendance-vi.png", (1366, 768))
    panel.tabs.setCurrentIndex(SPEAKING)
    _save(panel, "speaking-queue-vi.png", (1366, 768))
    vote = W.new_id()
    c.do("cuong", W.OPEN_VOTE, vote=vote, motion="Thông qua Nghị quyết về chuyển đổi số giai đoạn 2026–2030", item=2)
    panel.tabs.setCurrentIndex(VOTING)
    c.show(panel, cast={vote: 6})
    assert panel.cast_label.text() == "Đã bỏ phiếu: 6/9"
    _save(panel, "vote-open-vi.png", (1366, 768))
    panel.close_vote_button.click()
    box = _box(qtbot)
    assert box.text() == "Kết thúc biểu quyết? Sau khi kết thúc không thể bỏ phiếu nữa."
    _save(box, "vote-close-confirm-vi.png")
    _click(box, "Tiếp tục biểu quyết")
    c.do("cuong", W.CLOSE_VOTE, vote=vote)
    for key, choice in (("an", W.FOR), ("binh", W.FOR), ("cuong", W.FOR), ("dung", W.AGAINST), ("giang", W.FOR),
                        ("ha", W.FOR), ("khanh", W.BLANK)):
        c.ballot(key, choice, closed_ok=True)
    c.show(panel, cast={vote: 7})
    assert panel.result_line.text().startswith("THÔNG QUA")
    _save(panel, "vote-results-vi.png", (1366, 768))
    panel.tabs.setCurrentIndex(PRESENTING)
    _save(panel, "presenting-vi.png", (1366, 768))
    dialog = VoteDialog("Thông qua Nghị quyết về chuyển đổi số giai đoạn 2026–2030",
                        f"2. {ITEMS[1][1]}", W.FOR)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.status.text() == "Đồng chí đã chọn: Đồng ý — có thể đổi đến khi kết thúc biểu quyết."
    _save(dialog, "vote-dialog-vi.png")
    dialog.set_closed()
    _save(dialog, "vote-dialog-closed-vi.png")


def _letters(panel: ControlPanel) -> dict[str, list[str]]:
    """The Alt letters in force on the panel's current tab: the tabs', and its visible buttons', group
    boxes' and labelled fields' — letter → the texts using it."""
    texts = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    for w in panel.tabs.currentWidget().findChildren(QWidget):
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
        letter = re.search(r"&([^&])", text.replace("&&", ""))
        if letter:
            found.setdefault(letter.group(1).upper(), []).append(text)
    return found


@pytest.mark.parametrize("language", ["en", "vi"])
def test_every_control_has_its_own_alt_letter_on_each_tab(qtbot: QtBot, panel: ControlPanel, committee: Committee,
                                                           language: str) -> None:
    translators = Translators(QCoreApplication.instance(), ensure_translations())  # type: ignore[arg-type]
    locale = QLocale()
    assert translators.install(language)
    try:
        attendance = {"en": "&Attendance", "vi": "Điểm &danh"}[language]
        qtbot.waitUntil(lambda: panel.tabs.tabText(ATTENDANCE) == attendance)  # the panel took the language
        c = committee
        _three_hands(c)
        c.do("an", W.GIVE_FLOOR, to=c["binh"].member)
        for vote_open in (False, True):
            if vote_open:
                c.do("cuong", W.OPEN_VOTE, vote=W.new_id(), motion="Biểu quyết", item=None)
            c.show(panel)
            for tab in range(panel.tabs.count()):
                panel.tabs.setCurrentIndex(tab)
                letters = _letters(panel)
                assert {k: v for k, v in letters.items() if len(v) > 1} == {}
                assert all(k.isascii() and k.isalnum() for k in letters), letters  # typed on any keyboard
                labelled = [w for w in panel.tabs.currentWidget().findChildren(QAbstractButton) if w.isVisible()]
                assert all(b.text().strip() for b in labelled)
    finally:
        translators.remove()
        QLocale.setDefault(locale)


def test_the_ballot_and_the_panel_change_language_while_open(qtbot: QtBot, panel: ControlPanel,
                                                             committee: Committee) -> None:
    c = committee
    c.do("an", W.CHECK_IN, mode=W.PRESENT)
    c.show(panel)
    dialog = VoteDialog("Hoãn mục 3", None, W.AGAINST)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.buttons[W.AGAINST].text() == "2.  Against"
    translators = Translators(QCoreApplication.instance(), ensure_translations())  # type: ignore[arg-type]
    locale = QLocale()
    assert translators.install("vi")
    try:
        qtbot.waitUntil(lambda: dialog.buttons[W.AGAINST].text() == "2.  Không đồng ý")
        assert dialog.status.text() == "Đồng chí đã chọn: Không đồng ý — có thể đổi đến khi kết thúc biểu quyết."
        qtbot.waitUntil(lambda: panel.quorum.text() == "Chưa đủ số lượng: 1/9 có mặt — cần 6")
        assert panel.attendance.topLevelItem(0).text(1) == "✓ Có mặt tại phòng họp"  # type: ignore[union-attr]
    finally:
        translators.remove()
        QLocale.setDefault(locale)
    qtbot.waitUntil(lambda: panel.quorum.text() == "No quorum yet: 1/9 attending — 6 needed")
