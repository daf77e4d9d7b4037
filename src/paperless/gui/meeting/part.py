"""The meeting room in the reader (issue 14): the member's side, and the chair's and secretariat's panel.

:class:`MeetingPart` builds a Qt-free :class:`~paperless.core.meeting.client.MeetingClient` from the
sync engine's pinned connection and this laptop's device key, re-posts its observers to the GUI
thread, keeps the viewer on the presented page (:class:`~.follow.Follower`), and runs every action
(check in, ask to speak, vote; for the chair and secretariat the :class:`~.control.ControlPanel`'s)
on the task layer. The window composes its menu, status label, banners and panel; it holds no window.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QWidget

from paperless.core.atomic import atomic_write
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import UnlockedIdentity
from paperless.core.meeting import record as R
from paperless.core.meeting import state as S
from paperless.core.meeting import wire as W
from paperless.core.meeting.client import REFUSED, MeetingChange, MeetingClient
from paperless.core.model import LoadedDocument
from paperless.gui.banner import Banner
from paperless.gui.files import FilePicker
from paperless.gui.meeting.control import ControlPanel
from paperless.gui.meeting.follow import FOLLOW_KEY, Follower, Place
from paperless.gui.meeting.speak import SpeakDialog
from paperless.gui.meeting.vote_dialog import VoteDialog
from paperless.gui.reader import ReaderPane
from paperless.gui.session import SessionController
from paperless.gui.tasks import Tasks

if TYPE_CHECKING:
    from paperless.gui.sync.backend import GuiEngine

JOIN_KEY, CHECK_IN_KEY, SPEAK_KEY, VOTE_KEY = "Ctrl+Shift+M", "Ctrl+Shift+D", "Ctrl+Shift+H", "Ctrl+Shift+B"
PRESENT_EVERY_MS = 100  # presenting: quick page flips send the latest page at most this often


def votes_file_beside(attendance: Path) -> Path:
    """The votes file saved with the minutes, beside the attendance list: ``X.csv`` -> ``X-bieu-quyet.json``."""
    return attendance.with_name(f"{attendance.stem}-bieu-quyet.json")


class VoteClosedError(PaperlessError):
    en = "The vote has closed; this choice was not counted."
    vi = "Biểu quyết đã kết thúc; lựa chọn này không được tính."


class SaveError(PaperlessError):
    en = "The file could not be saved: {detail}"
    vi = "Không lưu được tệp: {detail}"


NOTICE_SCALE = 1.15  # the meeting's notices: a little larger than the rest, not to be missed


class MeetingPart(QObject):
    failed = Signal(object)  # an exception for the window's failure display
    message = Signal(str, int)  # a sentence for the status bar, and how long
    changed = Signal()  # the meeting's state (or connection) was shown
    joined_changed = Signal(bool)
    sent = Signal(str)  # an action the server accepted (its kind; tests wait on it)

    def __init__(self, tasks: Tasks, session: SessionController, reader: ReaderPane,
                 engine: Callable[[], GuiEngine | None], identity: Callable[[], UnlockedIdentity | None],
                 language: Callable[[], str], files: FilePicker, parent: QWidget) -> None:
        super().__init__(parent)
        self._tasks, self._session, self._reader, self._files = tasks, session, reader, files
        self._engine, self._identity, self._language, self._parent = engine, identity, language, parent
        self._scope = tasks.scope()
        self.client: MeetingClient | None = None
        self._joined_engine: GuiEngine | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self.follower = Follower(session, reader, parent)
        self.notice = Banner(parent)  # the floor, a vote to check in for, a vote's result
        self.notice.setObjectName("meetingNotice")
        self.notice.closed.connect(lambda: setattr(self, "_notice_what", ""))
        self.notice.action_clicked.connect(self._notice_action)
        for banner in (self.notice, self.follower.banner):
            larger = QFont(banner.font())
            larger.setPointSizeF(larger.pointSizeF() * NOTICE_SCALE)
            banner.setFont(larger)
        self._notice_what = ""  # floor | queue | check_in:<vote> | result:<vote>
        self.status_label = QLabel(parent)
        self.status_label.setObjectName("meetingStatus")
        self.status_label.hide()
        self.panel = ControlPanel(parent)
        self.panel.hide()
        self.vote_dialog: VoteDialog | None = None
        self._dialog_vote: str | None = None
        self.speak_dialog: SpeakDialog | None = None
        self._floor: str | None = None
        self._results: set[str] = set()  # votes whose result was shown
        self._queue_place: int | None = None  # the member's place in the speaking queue, as last seen
        self.presenting = False
        self._locked = False  # the idle lock is up: no ballot opens (nobody else votes in the member's name)
        self._to_present: tuple[int, str, int] | None = None
        self._presented: tuple[int, str, int] | None = None
        self._sending = False
        self._present_timer = QTimer(self, singleShot=True, interval=PRESENT_EVERY_MS)
        self._present_timer.timeout.connect(self._send_presented)

        def action(name: str, shortcut: str | None = None, *, checkable: bool = False) -> QAction:
            a = QAction(parent)
            a.setObjectName(name)
            a.setCheckable(checkable)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            parent.addAction(a)  # the shortcut works in full screen too
            return a

        self.join_action = action("meetingJoin", JOIN_KEY, checkable=True)
        self.join_action.toggled.connect(self._join_toggled)
        self.follow_action = action("meetingFollow", FOLLOW_KEY)
        self.follow_action.triggered.connect(self.follower.follow)
        self.present_action = action("meetingPresent", CHECK_IN_KEY)
        self.present_action.triggered.connect(lambda: self.check_in(W.PRESENT))
        self.online_action = action("meetingOnline")
        self.online_action.triggered.connect(lambda: self.check_in(W.ONLINE))
        self.speak_action = action("meetingSpeak", SPEAK_KEY)
        self.speak_action.triggered.connect(self.ask_to_speak)
        self.withdraw_action = action("meetingWithdraw")
        self.withdraw_action.triggered.connect(self.withdraw)
        self.vote_action = action("meetingVote", VOTE_KEY)
        self.vote_action.triggered.connect(self.show_vote)
        self.presenting_action = action("meetingPresenting", checkable=True)  # the chair, secretariat, or
        self.presenting_action.toggled.connect(self.set_presenting)  # the member they handed the presentation to
        self.menu = QMenu(parent)
        self.menu.setObjectName("meetingMenu")
        self.menu.addAction(self.join_action)
        self.menu.addAction(self.follow_action)
        self.menu.addSeparator()
        self.check_in_menu = self.menu.addMenu("")
        self.check_in_menu.addAction(self.present_action)
        self.check_in_menu.addAction(self.online_action)
        self.menu.addAction(self.speak_action)
        self.menu.addAction(self.withdraw_action)
        self.menu.addAction(self.vote_action)
        self.menu.addSeparator()
        self.menu.addAction(self.presenting_action)
        p = self.panel
        p.give_floor.connect(lambda member: self._control("give_floor", lambda c: c.give_floor(member)))
        p.close_floor.connect(lambda: self._control("close_floor", lambda c: c.close_floor()))
        p.open_vote.connect(lambda motion, item: self._control("open_vote", lambda c: c.open_vote(motion, item)))
        p.close_vote.connect(lambda: self._control("close_vote", lambda c: c.close_vote()))
        p.mark_absent.connect(lambda member, reason: self._control("mark_absent",
                                                                   lambda c: c.mark_absent(member, reason)))
        p.set_presenter.connect(lambda member: self._control("set_presenter", lambda c: c.set_presenter(member)))
        p.presenting_toggled.connect(self.set_presenting)
        p.export_minutes.connect(self.export_minutes)
        reader.page_changed.connect(self._own_page)
        session.document_ready.connect(self._own_document)
        session.session_changed.connect(self.refresh)
        self.follower.following_changed.connect(lambda _on: self._show_status())
        self.retranslate()
        self.refresh()

    # -- joining and leaving ---------------------------------------------------------------------
    @property
    def joined(self) -> bool:
        return self.client is not None

    def available(self) -> bool:
        """A session naming a chair or a secretariat is open, and the app is connected to the office."""
        opened = self._session.opened
        return (opened is not None and (opened.agenda.chair is not None or bool(opened.agenda.secretariat))
                and self._engine() is not None and self._identity() is not None)

    def refresh(self) -> None:
        """Re-check after the session or the sync connection changed (the window calls it)."""
        if self.client is not None:
            opened = self._session.opened
            if (opened is None or opened.agenda.session_id != self.client.session_id
                    or self._engine() is not self._joined_engine):
                self.leave()
        joined = self.client is not None
        self.join_action.setEnabled(joined or self.available())
        for a in (self.follow_action, self.present_action, self.online_action, self.speak_action):
            a.setEnabled(joined)
        state = self.client.state if self.client is not None else None
        me = self.client.me if self.client is not None else ""
        self.withdraw_action.setEnabled(state is not None and state.place_in_queue(me) is not None)
        self.vote_action.setEnabled(state is not None and state.open_vote is not None)
        self.presenting_action.setEnabled(self.may_present())
        self.check_in_menu.setEnabled(joined)

    def show_panel(self) -> None:
        """The control panel shows for the chair and the secretariat while in the meeting."""
        self.panel.setVisible(self.client is not None and self.client.is_control)

    def _join_toggled(self, on: bool) -> None:
        if on and self.client is None:
            self.join()
        elif not on and self.client is not None:
            self.leave()

    def join(self) -> None:
        opened, identity, engine = self._session.opened, self._identity(), self._engine()
        if opened is None or identity is None or engine is None or self.client is not None:
            self.join_action.setChecked(False)
            return
        agenda = opened.agenda

        def make() -> MeetingClient:  # the device key may need the server: off the GUI thread
            return MeetingClient(agenda, identity, engine.device_key(), engine.meeting_authorized)

        def failed(exc: BaseException) -> None:
            self.join_action.setChecked(False)
            self.failed.emit(exc)

        self.message.emit(self.tr("Joining the meeting room\u2026"), 5000)
        self._scope.run(self._tasks.pool, make, lambda client: self._joined(client, engine), failed)

    def _joined(self, client: MeetingClient, engine: GuiEngine) -> None:
        if self.client is not None or not self.join_action.isChecked():
            return
        self.client, self._joined_engine = client, engine
        self._unsubscribe = client.observers.subscribe(self._tasks.callback(self, MeetingPart._on_change,
                                                                            scope=self._scope))
        client.start()
        self.follower.start()
        self.show_panel()
        self.status_label.show()
        self.joined_changed.emit(True)
        self._apply()

    def leave(self) -> None:
        client = self.client
        if client is None:
            return
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._scope.renew()
        self.client = self._joined_engine = None
        self._tasks.pool.run(client.stop, None, lambda _exc: None)  # joins the stream's thread
        self.set_presenting(False)
        self.follower.stop()
        self.follower.place = None
        self.panel.hide()
        self.notice.clear()
        self._notice_what = ""
        self._floor = None
        self._results.clear()
        self._queue_place = None
        self._close_vote_dialog()
        self.status_label.hide()
        self.join_action.setChecked(False)
        self.joined_changed.emit(False)
        self.refresh()

    def set_locked(self, locked: bool) -> None:
        """The idle lock (the window's): while locked no ballot or dialog opens; once unlocked, an open
        vote's ballot comes back."""
        self._locked = locked
        if locked:
            self._close_vote_dialog()
            if self.speak_dialog is not None:
                self.speak_dialog.reject()
        else:
            self._apply()

    def shut_down(self) -> None:
        self.leave()
        self._scope.close()

    # -- the meeting's state, on the GUI thread ---------------------------------------------------------
    def _on_change(self, change: MeetingChange) -> None:
        if self.client is None:
            return
        if change.kind == REFUSED and change.detail is not None:
            self.message.emit(self._t(change.detail), 8000)
        self._apply()

    def _t(self, text: T) -> str:
        return text.vi if self._language() == "vi" else text.en

    def _apply(self) -> None:
        client = self.client
        if client is None:
            return
        state = client.state
        if self.presenting and not self.may_present():
            self.set_presenting(False)  # the presentation was taken back
        if not self.presenting:
            self.follower.present(self._place(client, state))
        self._floor_notice(client, state)
        self._queue_notice(client, state)
        self._votes(client, state)
        if client.is_control:
            cast = {v.vote_id: client.cast(v.vote_id) for v in state.votes}
            self.panel.show_state(state, client.roles, client.agenda, me=client.me, cast=cast,
                                  connected=client.connected)
        self._show_status()
        self.refresh()
        self.changed.emit()

    @staticmethod
    def _place(client: MeetingClient, state: S.MeetingState) -> Place | None:
        item = client.presented_item()
        if item is None:
            return None
        entry = state.entry if state.entry is not None else (item.documents[0].entry if item.documents else None)
        title = next((d.title for d in item.documents if d.entry == entry), "")
        return Place(entry, state.page or 1, client.may_read_presented(), f"{item.number}. {item.title}", title)

    def status_text(self) -> str:
        client = self.client
        if client is None:
            return ""
        state = client.state
        parts = [self.tr("Meeting room: connected") if client.connected
                 else self.tr("Meeting room: reconnecting\u2026") if client.snapshots
                 else self.tr("Meeting room: connecting\u2026")]
        status = state.status_of(client.me)
        parts.append(self.tr("Checked in: present") if status == W.PRESENT
                     else self.tr("Checked in: online") if status == W.ONLINE
                     else self.tr("Marked absent") if status == W.ABSENT
                     else self.tr("Not checked in yet"))
        if state.floor == client.me:
            parts.append(self.tr("You have the floor"))
        else:
            place = state.place_in_queue(client.me)
            if place is not None:
                parts.append(self.tr("You are number %1 in the queue to speak").replace("%1", str(place)))
        if not self.follower.following and not self.presenting:
            parts.append(self.tr("Browsing freely"))
        if self.presenting:
            parts.append(self.tr("Presenting: members follow your page"))
        return " \u00b7 ".join(parts)

    def _show_status(self) -> None:
        self.status_label.setText(self.status_text())

    def _floor_notice(self, client: MeetingClient, state: S.MeetingState) -> None:
        if state.floor == self._floor:
            return
        self._floor = state.floor
        if state.floor == client.me:
            self._notice_what = "floor"
            self.notice.show_message(self.tr("You have the floor: the chair invites you to speak now."), "warning",
                                     closable=True)
        elif self._notice_what == "floor":
            self._notice_what = ""
            self.notice.clear()

    def _queue_notice(self, client: MeetingClient, state: S.MeetingState) -> None:
        """While the member waits to speak: their place, and a button to withdraw (unless a more
        pressing notice is up: the floor, a vote)."""
        place = state.place_in_queue(client.me)
        shown, self._queue_place = self._queue_place, place
        if place is None:
            if self._notice_what == "queue":
                self._notice_what = ""
                self.notice.clear()
            return
        newer = self._notice_what.startswith("result:") and place != shown  # a vote's result gives way to news
        if self._notice_what not in ("", "queue") and not newer:
            return  # the floor, or a vote to check in for, first
        self._notice_what = "queue"
        text = self.tr("You have asked to speak: you are number %1 in the queue.").replace("%1", str(place))
        if self.notice.text != text or not self.notice.isVisible():
            self.notice.show_message(text, "info", action=self.tr("Withdraw my request"))

    def _notice_action(self) -> None:
        if self._notice_what == "queue":
            self.withdraw()

    # -- check in, speak --------------------------------------------------------------------------------
    def _run(self, kind: str, op: Callable[[MeetingClient], Any], then: Callable[[Any], None] | None = None) -> None:
        client = self.client
        if client is None:
            return

        def done(value: Any) -> None:
            if then is not None:
                then(value)
            self.sent.emit(kind)

        self._scope.run(self._tasks.pool, lambda: op(client), done, self.failed.emit)

    def check_in(self, mode: str) -> None:
        self._run("check_in", lambda c: c.check_in(mode))

    def ask_to_speak(self) -> None:
        client = self.client
        if client is None or self._locked:
            return
        if self.speak_dialog is not None:
            self.speak_dialog.raise_()
            return
        dialog = SpeakDialog(client.presented_item(), self._parent)
        self.speak_dialog = dialog

        def accepted() -> None:
            topic, item = dialog.topic(), dialog.item()
            self._run("raise_hand", lambda c: c.raise_hand(item, topic))

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: self._speak_closed(dialog))
        dialog.open()

    def _speak_closed(self, dialog: SpeakDialog) -> None:
        if self.speak_dialog is dialog:
            self.speak_dialog = None
        dialog.deleteLater()

    def withdraw(self) -> None:
        self._run("lower_hand", lambda c: c.lower_hand())

    # -- voting ---------------------------------------------------------------------------------------------
    def _votes(self, client: MeetingClient, state: S.MeetingState) -> None:
        vote = state.open_vote
        checked_in = state.status_of(client.me) in W.CHECK_IN_MODES
        if vote is not None and self._dialog_vote != vote.vote_id and not self._locked:
            if checked_in:
                self._open_vote_dialog(client, vote)
            elif self._notice_what != f"check_in:{vote.vote_id}":
                self._notice_what = f"check_in:{vote.vote_id}"
                self.notice.show_message(self.tr("A vote has opened. Check in first (Meeting \u25b8 Check in) "
                                                 "to vote."), "warning", closable=True)
        if self.vote_dialog is not None and self._dialog_vote is not None:
            shown = state.vote(self._dialog_vote)
            if shown is not None and not shown.open:
                self.vote_dialog.set_closed()
        closed = [v for v in state.votes if not v.open]
        if closed:
            last = closed[-1]
            # the counts once the final ballots are in (the close comes first): never a false "0, 0, 0"
            counted = len(last.ballots) >= client.cast(last.vote_id)
            text = self.result_text(last, client.roles.count) if counted else self.tr(
                "The vote \u201c%1\u201d has closed; counting the ballots\u2026").replace("%1", last.motion)
            what = f"result:{last.vote_id}"
            if last.vote_id not in self._results or (self._notice_what == what and self.notice.text != text):
                self._results.add(last.vote_id)
                self._notice_what = what
                self.notice.show_message(text, "info", closable=True)

    def result_text(self, vote: S.Vote, members: int) -> str:
        counts = vote.counts()
        text = self.tr("Result of the vote \u201c%1\u201d: for %2, against %3, blank %4 \u2014 %5").replace(
            "%1", vote.motion).replace("%2", str(counts[W.FOR])).replace("%3", str(counts[W.AGAINST])).replace(
            "%4", str(counts[W.BLANK]))
        return text.replace("%5", self.tr("adopted") if S.adopted(vote, members) else self.tr("not adopted"))

    def _open_vote_dialog(self, client: MeetingClient, vote: S.Vote) -> None:
        self._close_vote_dialog()
        if self._notice_what.startswith("check_in:"):
            self._notice_what = ""
            self.notice.clear()
        item = next((i for i in client.agenda.items if i.number == vote.item), None) if vote.item else None
        mine = client.my_ballot(vote.vote_id)
        dialog = VoteDialog(vote.motion, f"{item.number}. {item.title}" if item is not None else None,
                            mine.choice if mine is not None else None, self._parent)
        vote_id = vote.vote_id
        dialog.chosen.connect(lambda choice: self.vote(choice, vote_id))
        dialog.finished.connect(lambda _r: self._vote_dialog_closed(dialog))
        self.vote_dialog, self._dialog_vote = dialog, vote_id
        dialog.open()

    def _vote_dialog_closed(self, dialog: VoteDialog) -> None:
        if self.vote_dialog is dialog:
            self.vote_dialog = None
        dialog.deleteLater()

    def _close_vote_dialog(self) -> None:
        dialog, self.vote_dialog = self.vote_dialog, None
        self._dialog_vote = None
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    def show_vote(self) -> None:
        """Meeting ▸ Vote…: the open vote's dialog again (closed by the member meanwhile)."""
        client = self.client
        vote = client.state.open_vote if client is not None else None
        if client is None or vote is None or self._locked:
            return
        if client.state.status_of(client.me) not in W.CHECK_IN_MODES:
            self.message.emit(self.tr("Check in first to vote."), 8000)
            return
        if self.vote_dialog is not None:
            self.vote_dialog.raise_()
            return
        self._open_vote_dialog(client, vote)

    def vote(self, choice: str, vote_id: str) -> None:
        """Send a ballot (signed with the member's key) on the task layer; the dialog marks what counts."""
        labels = {W.FOR: self.tr("For"), W.AGAINST: self.tr("Against"), W.BLANK: self.tr("Blank")}

        def counted(_status: object) -> None:
            self._mark_choice(vote_id)
            self.message.emit(self.tr("Your vote was recorded: %1.").replace("%1", labels.get(choice, choice)),
                              10_000)
            self.sent.emit("vote")

        def refused(exc: BaseException) -> None:
            self._mark_choice(vote_id)  # back to the ballot that counts
            shown = self.client.state.vote(vote_id) if self.client is not None else None
            self.failed.emit(VoteClosedError() if shown is not None and not shown.open else exc)

        client = self.client
        if client is None:
            return
        self._scope.run(self._tasks.pool, lambda: client.vote(choice, vote_id),
                        counted, refused)

    def _mark_choice(self, vote_id: str) -> None:
        dialog, client = self.vote_dialog, self.client
        if dialog is None or client is None or self._dialog_vote != vote_id:
            return
        mine = client.my_ballot(vote_id)
        dialog.set_choice(mine.choice if mine is not None else None)

    # -- the chair and the secretariat ----------------------------------------------------------------------
    def _control(self, kind: str, op: Callable[[MeetingClient], Any]) -> None:
        self._run(kind, op)

    def export_minutes(self) -> None:
        """The panel's "export": the minutes' attachments where the secretariat chooses — the attendance
        list (CSV: status and reason of each member, and the quorum) and beside it the closed votes'
        signed ballots from the server (``paperless server export-votes``'s format, which ``paperless
        meeting verify-votes`` checks). Each file is written whole or not at all; a votes file already
        there is replaced only when the secretariat says so (the file dialog asks about the list)."""
        client = self.client
        if client is None:
            return
        path = self._files.save_file(self._parent, self.tr("Save the minutes (attendance list; the votes "
                                                           "file is saved beside it)"),
                                     f"{client.session_id}-diem-danh.csv", self.tr("CSV files (*.csv)"))
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(".csv")
        votes = votes_file_beside(path)
        if not votes.exists():
            self._write_minutes(client, path, votes)
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Replace the votes file?"),
                          self.tr("The file \u201c%1\u201d already exists. Replace it with this meeting\u2019s "
                                  "votes?").replace("%1", votes.name), QMessageBox.StandardButton.NoButton,
                          self._parent)
        box.setObjectName("meetingReplaceVotes")
        replace = box.addButton(self.tr("&Replace"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("&Keep the old file"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if box.clickedButton() is replace and self.client is client:
                self._write_minutes(client, path, votes)

        box.finished.connect(answered)
        box.open()

    def _write_minutes(self, client: MeetingClient, path: Path, votes_path: Path) -> None:
        state, roles = client.state, client.roles
        rows = [R.AttendanceRow(member, person.name, state.status_of(member) or "",
                                a.reason if (a := state.attendance.get(member)) is not None else "")
                for member, person in roles.people.items()]
        text = R.attendance_csv(rows, R.Quorum(state.attending(), roles.count, client.quorum()))

        def write() -> None:  # the votes from the server first: nothing is written when it cannot answer
            data = R.closed_votes_only(client.votes_file())
            try:
                atomic_write(path, text.encode("utf-8"))
                atomic_write(votes_path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
            except OSError as exc:
                raise SaveError(detail=exc.strerror or str(exc)) from None

        self._scope.run(self._tasks.pool, write, lambda _none: self._minutes_saved(votes_path), self.failed.emit)

    def _minutes_saved(self, votes_path: Path) -> None:
        self.message.emit(self.tr("The minutes were saved: the attendance list, and the votes in \u201c%1\u201d.")
                          .replace("%1", votes_path.name), 10_000)
        self.sent.emit("export")

    def may_present(self) -> bool:
        """The chair and the secretariat, and a member they handed the presentation to."""
        client = self.client
        return client is not None and (client.is_control or client.state.presenter == client.me)

    def set_presenting(self, on: bool) -> None:
        """Presenting: this viewer's document and page drive every member's screen."""
        on = on and self.may_present()
        self.panel.set_presenting(on)
        self.presenting_action.setChecked(on)
        if on == self.presenting:
            return
        self.presenting = on
        if on:
            self.follower.stop()
            self._presented = None
            self._own_moved()
        else:
            self._present_timer.stop()
            self._to_present = None
            if self.client is not None:
                self.follower.start()
                self._apply()
        self._show_status()

    def _own_page(self, page: int, count: int) -> None:
        if self.presenting and page >= 0 and count > 0:
            self._own_moved()

    def _own_document(self, _doc: LoadedDocument) -> None:
        if self.presenting:
            self._own_moved()

    def _own_moved(self) -> None:
        view, entry = self._reader.view, self._session.current
        if entry is None or view.document_id() != entry or view.page_count() == 0:
            return
        found = self._session.find(entry)
        if found is None:
            return
        self._to_present = (found[0].number, entry, view.current_page() + 1)
        if not self._present_timer.isActive() and not self._sending:
            self._present_timer.start()

    def _send_presented(self) -> None:
        place, client = self._to_present, self.client
        if place is None or client is None or not self.presenting or place == self._presented or self._sending:
            return
        self._sending, self._presented = True, place

        def done(_seq: object) -> None:
            self._sending = False
            self.sent.emit("go_to")
            if self._to_present != self._presented:
                self._present_timer.start()

        def failed(exc: BaseException) -> None:
            self._sending = False
            self._presented = None
            self.failed.emit(exc)

        self._scope.run(self._tasks.pool, lambda: client.go_to(*place), done, failed)

    # -- language -----------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Meeting"))
        self.join_action.setText(self.tr("&Join the meeting room"))
        self.join_action.setToolTip(self.tr("Join the meeting room: follow the presenter, check in, ask to speak "
                                            "and vote (%1)").replace("%1", JOIN_KEY))
        self.follow_action.setText(self.tr("&Follow the presenter"))
        self.check_in_menu.setTitle(self.tr("&Check in"))
        self.present_action.setText(self.tr("&Present in the meeting room"))
        self.online_action.setText(self.tr("&Online"))
        self.speak_action.setText(self.tr("&Ask to speak\u2026"))
        self.withdraw_action.setText(self.tr("&Withdraw my request to speak"))
        self.vote_action.setText(self.tr("&Vote\u2026"))
        self.presenting_action.setText(self.tr("Present from &my screen"))
        self.presenting_action.setToolTip(self.tr("The members' screens follow the document and page on yours"))
        self.panel.retranslate()
        self.follower.retranslate()
        self._show_status()
