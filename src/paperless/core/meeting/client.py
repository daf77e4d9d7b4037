"""A member's (or the secretariat's) connection to the meeting room: Qt-free, observable.

:class:`MeetingClient` follows the meeting over Server-Sent Events (docs/meeting.md): a background
thread opens ``GET /v1/meeting/{session}/stream`` on the pinned connection, rebuilds the state from
the ``snapshot`` the server sends on every (re)connect, then applies each ``event``. Everything
relayed is checked here against the signed agenda (:class:`~.roles.AgendaRoles`): a forged event,
or meeting control from anyone but the chair and the secretariat, is dropped (and reported to the
observers), never followed. A cut connection is retried with backoff (0.2 s doubling to 5 s, with
jitter); reading goes on meanwhile, and the next snapshot restores the state.

Actions (:meth:`check_in`, :meth:`raise_hand`, :meth:`vote`, …; for the secretariat :meth:`go_to`,
:meth:`open_vote`, …) are blocking HTTPS requests: the GUI runs them through its task layer. They
raise :class:`MeetingActionError` (a one-line message in both languages) when the server refuses.

Observers (:class:`~paperless.core.model.observers.Observers`) get a :class:`MeetingChange` on the
stream's thread after each change; the GUI's adapter re-posts them to the GUI thread.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import Any, Protocol

from paperless.core.bundle.manifest import Agenda, AgendaItem
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import UnlockedIdentity
from paperless.core.meeting import state as S
from paperless.core.meeting import wire as W
from paperless.core.meeting.roles import AgendaRoles
from paperless.core.model.observers import Observers
from paperless.core.sync import protocol as P
from paperless.core.sync.errors import HttpError, OfflineError, ProtocolError
from paperless.core.sync.transport import Connection

READ_TIMEOUT_S = 35.0  # the server sends a comment line every 10 s: silence this long means a dead connection
BACKOFF_FIRST_S, BACKOFF_MAX_S = 0.2, 5.0
MAX_LINE = 64 * 1024 * 1024  # a snapshot is one line: a long meeting's is a few MB

# what changed (MeetingChange.kind)
STATE, CONNECTION, REFUSED, CAST = "state", "connection", "refused", "cast"


class MeetingActionError(PaperlessError):
    en = "The meeting room did not accept this: {detail}"
    vi = "Phòng họp không chấp nhận thao tác này: {detail}"


@dataclass(frozen=True)
class MeetingChange:
    kind: str  # state | connection | refused | cast
    state: S.MeetingState
    connected: bool
    detail: T | None = None


class DeviceSigner(Protocol):
    """What signs this laptop's events: the device key registered with the office server
    (:class:`~paperless.core.sync.device.DeviceKey`)."""

    @property
    def device_id(self) -> str: ...

    def sign(self, message: bytes) -> bytes: ...


class MeetingClient:
    def __init__(self, agenda: Agenda, identity: UnlockedIdentity, device: DeviceSigner,
                 authorize: Callable[[], tuple[Connection, str]], *, read_timeout: float = READ_TIMEOUT_S,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self.roles = AgendaRoles.from_agenda(agenda)
        self.agenda = agenda
        self.session_id = agenda.session_id
        self.identity = identity
        self.me = P.member_id(identity.card.fingerprint)
        self.device = device
        self._authorize = authorize
        self._read_timeout = read_timeout
        self.observers: Observers[MeetingChange] = Observers(on_error)
        self._lock = threading.Lock()
        self._state = S.MeetingState(self.session_id)
        self._cast: dict[str, int] = {}
        self._mine: dict[str, W.Ballot] = {}  # vote → my last ballot (shown to me at once; counted at the close)
        self._connected = False
        self._stop = threading.Event()
        self._live: Any = None
        self._actions: Connection | None = None  # see _actions_for
        self._thread: threading.Thread | None = None
        self.snapshots = 0  # how many snapshots were received (tests, the status line)

    # -- what is known ---------------------------------------------------------------------------------
    @property
    def state(self) -> S.MeetingState:
        with self._lock:
            return self._state

    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def is_control(self) -> bool:
        return self.roles.is_control(self.me)

    def cast(self, vote_id: str) -> int:
        """Ballots counted so far in an open vote (the server's figure: who voted how shows at the close)."""
        with self._lock:
            return self._cast.get(vote_id, 0)

    def my_ballot(self, vote_id: str) -> W.Ballot | None:
        with self._lock:
            return self._mine.get(vote_id)

    def quorum(self) -> bool:
        return S.quorum(self.state, self.roles.count)

    def presented_item(self) -> AgendaItem | None:
        """The agenda item being presented, if any."""
        number = self.state.item
        return next((i for i in self.agenda.items if i.number == number), None) if number is not None else None

    def may_read_presented(self) -> bool:
        """False when the presented item is restricted to other members: the GUI then shows "Restricted
        document — not available to you" instead of following onto it."""
        item = self.presented_item()
        name = self.agenda.member_for(self.identity.card.recipient)
        return item is None or (name is not None and item.readable_by(name))

    # -- the stream --------------------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"meeting-{self.session_id}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            actions, self._actions = self._actions, None
        if actions is not None:
            actions.abort()
        self.drop_connection()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def drop_connection(self) -> None:
        """Cut the stream under way (as a dropped LAN does): the client reconnects by itself."""
        with self._lock:
            live = self._live
        if live is not None:
            with suppress(OSError, AttributeError):
                live.fp.raw._sock.shutdown(2)

    def _notify(self, kind: str, detail: T | None = None) -> None:
        self.observers.notify(MeetingChange(kind, self.state, self._connected, detail))

    def _set_connected(self, value: bool, detail: T | None = None) -> None:
        if self._connected != value:
            self._connected = value
            self._notify(CONNECTION, detail)

    def _run(self) -> None:
        backoff = BACKOFF_FIRST_S
        while not self._stop.is_set():
            try:
                if self._follow():
                    backoff = BACKOFF_FIRST_S  # a snapshot came: the next cut starts the backoff afresh
                detail = T("the connection ended", "kết nối bị ngắt")
            except (OfflineError, ProtocolError, HttpError) as exc:
                detail = T(exc.message("en"), exc.message("vi"))
            except PaperlessError as exc:
                detail = T(exc.message("en"), exc.message("vi"))
            self._set_connected(False, detail)
            if self._stop.wait(backoff * (0.5 + random.random())):
                break
            backoff = min(BACKOFF_MAX_S, backoff * 2)

    def _follow(self) -> bool:
        """One connection: read the stream until it ends; True if a snapshot came."""
        conn, token = self._authorize()
        got_snapshot = False
        with conn.stream(W.stream_path(self.session_id), token, {"Accept": "text/event-stream"},
                         timeout=self._read_timeout) as response:
            with self._lock:
                self._live = response
            try:
                kind, data = "", list[str]()
                while not self._stop.is_set():
                    raw = response.readline(MAX_LINE)
                    if not raw:
                        return got_snapshot
                    if len(raw) >= MAX_LINE and not raw.endswith(b"\n"):
                        raise ProtocolError(address=conn.address, detail=T("a message over the size limit",
                                                                         "thông điệp quá lớn"))
                    line = raw.decode("utf-8").rstrip("\r\n")
                    if line.startswith(":"):
                        continue
                    if line == "":
                        if kind and data:
                            got_snapshot |= self._dispatch(kind, json.loads("\n".join(data)))
                        kind, data = "", []
                    elif line.startswith("event:"):
                        kind = line[6:].strip()
                    elif line.startswith("data:"):
                        data.append(line[5:].lstrip(" "))
            except (OSError, ValueError) as exc:
                if self._stop.is_set():
                    return got_snapshot
                raise OfflineError(address=conn.address, detail=str(exc) or type(exc).__name__) from None
            finally:
                with self._lock:
                    self._live = None
        return got_snapshot

    def _dispatch(self, kind: str, data: Any) -> bool:
        if not isinstance(data, dict):
            return False
        if kind == "snapshot":
            self._snapshot(data)
            return True
        if kind == "event":
            self._event(data)
        elif kind == "ballots":
            self._closed_ballots(str(data.get("vote")), data.get("ballots"))
            self._notify(STATE)
        elif kind == "cast":
            count = data.get("count")
            if isinstance(count, int):
                with self._lock:
                    self._cast[str(data.get("vote"))] = count
                self._notify(CAST)
        return False

    def _checked(self, item: Any) -> tuple[int, W.Event] | T:
        """A relayed event, verified: (seq, event), or why it was dropped."""
        try:
            seq = item["seq"]
            event = W.parse_event(item.get("event"))
            sender = W.parse_sender(item.get("sender"))
        except (W.WireError, KeyError, TypeError):
            return T("an event not in shape was dropped", "đã bỏ qua một sự kiện sai định dạng")
        if not isinstance(seq, int) or event.session_id != self.session_id:
            return T("an event of another meeting was dropped", "đã bỏ qua một sự kiện của cuộc họp khác")
        if not self.roles.signed_by_sender(event, sender):
            return T("an event with a forged signature was dropped", "đã bỏ qua một sự kiện có chữ ký giả")
        return seq, event

    def _snapshot(self, data: dict[str, Any]) -> None:
        state = S.MeetingState(self.session_id)
        refused: list[T] = []
        for item in data.get("events") or []:
            checked = self._checked(item)
            if isinstance(checked, T):
                refused.append(checked)
                continue
            try:
                state = S.apply_event(state, checked[1], checked[0], self.roles)
            except S.Refused as exc:
                refused.append(exc.reason)
        seq = data.get("seq")
        if isinstance(seq, int) and seq > state.seq:
            state = replace(state, seq=seq)
        with self._lock:
            self._state = state
            cast = data.get("cast")
            self._cast = {str(k): v for k, v in cast.items() if isinstance(v, int)} if isinstance(cast, dict) else {}
        ballots = data.get("ballots")
        if isinstance(ballots, dict):
            for vote, final in ballots.items():
                self._closed_ballots(str(vote), final)
        self.snapshots += 1
        self._set_connected(True)
        for reason in refused:
            self._notify(REFUSED, reason)
        self._notify(STATE)

    def _event(self, item: dict[str, Any]) -> None:
        checked = self._checked(item)
        if isinstance(checked, T):
            self._notify(REFUSED, checked)
            return
        seq, event = checked
        with self._lock:
            current = self._state
        if seq <= current.seq:
            return  # already in the snapshot
        try:
            new = S.apply_event(current, event, seq, self.roles)
        except S.Refused as exc:  # e.g. control from someone the agenda does not name: not followed
            with self._lock:
                self._state = replace(current, seq=seq)
            self._notify(REFUSED, exc.reason)
            return
        with self._lock:
            self._state = new
        self._notify(STATE)

    def _closed_ballots(self, vote_id: str, final: Any) -> None:
        """The final ballots of a closed vote: each checked against the voter's card, then counted."""
        if not isinstance(final, list):
            return
        with self._lock:
            state = self._state
        found = state.vote(vote_id)
        if found is None or found.open:
            return
        for raw in final:
            try:
                ballot = W.parse_ballot(raw)
            except W.WireError:
                self._notify(REFUSED, T("a ballot not in shape was dropped", "đã bỏ qua một phiếu sai định dạng"))
                continue
            if ballot.vote != vote_id or not self.roles.ballot_signed(ballot):
                self._notify(REFUSED, T("a ballot with a forged signature was dropped",
                                        "đã bỏ qua một phiếu có chữ ký giả"))
                continue
            try:
                state, _ = S.apply_ballot(state, ballot, self.roles, closed_ok=True)
            except S.Refused as exc:
                self._notify(REFUSED, exc.reason)
        counted = state.vote(vote_id)
        assert counted is not None
        with self._lock:  # only this vote's ballots change: whatever else happened meanwhile stays
            self._state = replace(self._state, votes=tuple(counted if v.vote_id == vote_id else v
                                                           for v in self._state.votes))

    # -- actions -------------------------------------------------------------------------------------------
    def _actions_for(self, conn: Connection) -> Connection:
        """The connection actions go on: one kept open to the same server (a page move or a ballot
        costs no TLS handshake; both are safe to send twice: the server answers ``duplicate``)."""
        if conn.aborted:
            return conn  # refuses, as it should
        with self._lock:
            actions = self._actions
            if actions is None or actions.office != conn.office or actions.aborted:
                if actions is not None:
                    actions.abort()
                actions = self._actions = Connection(conn.office, timeout=conn.timeout, keep_alive=True)
            return actions

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        conn, token = self._authorize()
        try:
            return self._actions_for(conn).request("POST", path, body, token)
        except HttpError as exc:
            raise MeetingActionError(detail=T(exc.message("en"), exc.message("vi"))) from None

    def votes_file(self) -> dict[str, Any]:
        """The meeting's votes file from the server (``paperless server export-votes``'s format, checked by
        ``paperless meeting verify-votes``): for the chair and the secretariat (network)."""
        conn, token = self._authorize()
        try:
            return conn.request("GET", W.votes_file_path(self.session_id), None, token)
        except HttpError as exc:
            raise MeetingActionError(detail=T(exc.message("en"), exc.message("vi"))) from None

    def _send(self, kind: str, fields: dict[str, Any]) -> int:
        presenting = kind == W.GO_TO and self.state.presenter == self.me
        if kind in W.CONTROL_TYPES and not self.is_control and not presenting:
            raise MeetingActionError(detail=T("only the chair or the secretariat runs the meeting",
                                              "chỉ chủ trì hoặc thư ký điều hành cuộc họp"))
        event = W.make_event(self.session_id, self.me, self.device.device_id, kind, fields, self.device.sign)
        answer = self._post(W.events_path(self.session_id), {"event": event.to_wire()})
        seq = answer.get("seq")
        return seq if isinstance(seq, int) else 0

    def check_in(self, mode: str = W.PRESENT) -> int:
        """Điểm danh: present in the room, or online."""
        return self._send(W.CHECK_IN, {"mode": mode})

    def raise_hand(self, item: int | None = None, topic: str = "") -> int:
        """Đăng ký phát biểu (optionally on an agenda item, with a short topic)."""
        return self._send(W.RAISE_HAND, {"item": item, "topic": W.clean_text(topic)[:W.MAX_TOPIC]})

    def lower_hand(self) -> int:
        return self._send(W.LOWER_HAND, {})

    def vote(self, choice: str, vote_id: str | None = None) -> str:
        """Biểu quyết on the open vote (or ``vote_id``): a new ballot replaces the earlier one until the
        close. Signed with this member's own key. Returns counted|duplicate."""
        vote_id = vote_id or (self.state.open_vote.vote_id if self.state.open_vote else None)
        if vote_id is None:
            raise MeetingActionError(detail=T("no vote is open", "không có cuộc biểu quyết nào đang mở"))
        with self._lock:
            earlier = self._mine.get(vote_id)
        revision = earlier.revision + 1 if earlier is not None else 1
        ballot = W.make_ballot(self.session_id, vote_id, self.me, choice, revision, self.identity.signing_key)
        answer = self._post(W.ballots_path(self.session_id), {"ballot": ballot.to_wire()})
        with self._lock:
            self._mine[vote_id] = ballot
        self._notify(STATE)
        return str(answer.get("status", ""))

    # the chair and the secretariat
    def go_to(self, item: int, entry: str | None, page: int) -> int:
        return self._send(W.GO_TO, {"item": item, "entry": entry, "page": page})

    def set_presenter(self, member: str | None) -> int:
        return self._send(W.SET_PRESENTER, {"presenter": member})

    def open_vote(self, motion: str, item: int | None = None) -> str:
        vote_id = W.new_id()
        self._send(W.OPEN_VOTE, {"vote": vote_id, "motion": W.clean_text(motion)[:W.MAX_MOTION], "item": item})
        return vote_id

    def close_vote(self, vote_id: str | None = None) -> int:
        vote_id = vote_id or (self.state.open_vote.vote_id if self.state.open_vote else None)
        if vote_id is None:
            raise MeetingActionError(detail=T("no vote is open", "không có cuộc biểu quyết nào đang mở"))
        return self._send(W.CLOSE_VOTE, {"vote": vote_id})

    def give_floor(self, member: str) -> int:
        return self._send(W.GIVE_FLOOR, {"to": member})

    def close_floor(self) -> int:
        return self._send(W.CLOSE_FLOOR, {})

    def mark_absent(self, member: str, reason: str) -> int:
        return self._send(W.MARK_ABSENT, {"target": member, "reason": W.clean_text(reason)[:W.MAX_TOPIC]})
