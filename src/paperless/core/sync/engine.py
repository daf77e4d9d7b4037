"""One member's sync with the office server: log in, keys, pull, push, check (docs/sync-protocol.md).

:class:`SyncEngine` is Qt-free and blocking; the GUI calls :meth:`SyncEngine.sync_once` from a
background thread while its database thread keeps using the same
:class:`~paperless.core.notes.NotesStore` (every store call is one short transaction under the
store's lock; the engine never holds the store during network I/O). A round never raises for
network trouble: it returns a :class:`~.status.SyncReport` whose status is ``OFFLINE``
(no answer), ``REFUSED`` (the server answered but will not serve us, or is not the pinned
one) or ``REVOKED`` (this device was revoked: the member's data on it has been wiped and the
wipe acknowledged). Store failures (a damaged notes file, a full disk) do raise: they are the
member's to see, as everywhere else.

A round also sends the queued read receipts, carries out the office's recalls and the notes
retention rules (:mod:`.receipts`, :mod:`.recall`, :mod:`.retention`; docs/receipts-recall.md);
:attr:`SyncEngine.recalled` tells observers of each recall carried out.

Each request is retried with exponential backoff and jitter while the server does not answer;
nothing is lost by a cut: an outbox operation is marked sent only after the server's answer,
and an operation sent twice is applied once by the server.
"""

from __future__ import annotations

import functools
import random
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from paperless.core.consultation.book import ConsultationBook, send_consultation
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.library.errors import LibraryError
from paperless.core.localstate import LocalStateError
from paperless.core.model.observers import Observers
from paperless.core.notes import NotesStore
from paperless.core.notes.db import DB_FILE
from paperless.core.notes.hlc import WallClock, system_clock_ms
from paperless.core.notes.keyfile import KEY_FILE
from paperless.core.notes.syncing import NOTICE_UNREADABLE, DirtyRecord, PulledRecord
from paperless.core.sync import protocol as P
from paperless.core.sync.device import DEVICE_FILE, DeviceKey, load_or_create_device
from paperless.core.sync.envelope import EnvelopeError, generation_of, open_payload, seal
from paperless.core.sync.errors import (
    DeviceRevokedError,
    HttpError,
    NotConnectedError,
    OfflineError,
    PendingApprovalError,
    ProtocolError,
    RefusedError,
    SyncCancelledError,
    SyncError,
)
from paperless.core.sync.keys import KeyGenerationError, new_key, open_generation, seal_generation
from paperless.core.sync.office import load_office, office_path
from paperless.core.sync.recall import RecallEvent, handle_recalls, session_files
from paperless.core.sync.receipts import ReceiptsOutbox, send_receipts
from paperless.core.sync.retention import RetentionBook, enforce_retention
from paperless.core.sync.status import DeviceInfo, Notice, SyncReport, SyncState, SyncStatus
from paperless.core.sync.transport import DEFAULT_TIMEOUT_S, Connection, Json, Transport

if TYPE_CHECKING:
    from paperless.core.library import Library

Progress = Callable[[int, int], None]  # (records pulled so far, records known to come; 0 if unknown)
MAX_STALE_ROUNDS = 5
TOKEN_MARGIN_S = 30
MAX_KEY_ATTEMPTS = 16  # key fetches a round may need (races, generations given back one by one)


@dataclass
class _Round:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    notices: list[Notice] | None = None
    changed: list[str] = field(default_factory=list)

    def notice(self, text: T) -> None:
        if self.notices is None:
            self.notices = []
        note = Notice(text.en, text.vi)
        if note not in self.notices:
            self.notices.append(note)


class _Revoked(Exception):
    pass


def _both(exc: PaperlessError) -> T:
    return T(exc.message("en"), exc.message("vi"))


class SyncEngine:
    def __init__(self, identity: UnlockedIdentity, library_folder: Path, store: NotesStore,
                 connection: Transport | None = None, *, device_name: str | None = None,
                 clock: WallClock | None = None, retries: int = 5, backoff_s: float = 0.1,
                 sleep: Callable[[float], None] | None = None, jitter: Callable[[], float] = random.random,
                 trusted: Callable[[], Sequence[PublicCard]] | None = None,
                 request_timeout_s: float = DEFAULT_TIMEOUT_S,
                 library: Callable[[], Library] | None = None,
                 consultation: ConsultationBook | None = None) -> None:
        self.identity = identity
        # the office cards the member trusts (the app passes its own, already open); None: read the library
        self._trusted = trusted
        self.folder = library_folder
        self.store = store
        self.member = P.member_id(identity.card.fingerprint)
        self.device_name = device_name or socket.gethostname() or "device"
        self._connection = connection
        self._clock = clock or system_clock_ms
        self._retries = max(1, retries)
        self._backoff = backoff_s
        self._sleep = sleep  # None: wait on the cancel event (a test may pass its own)
        self._jitter = jitter
        self._request_timeout = request_timeout_s
        self._cancelled = threading.Event()
        self._round_lock = threading.Lock()
        self._connect_lock = threading.Lock()  # the connection and device key, made once by either path
        # the meeting room's own token path (its own lock and token): an action never waits on a round
        self._side_lock = threading.Lock()
        self._side_token: str | None = None
        self._side_until = 0.0
        self._token: str | None = None
        self._token_until = 0.0
        self._epoch = ""
        self._device: DeviceKey | None = None
        self._keys: dict[int, bytes] = {}
        self._keys_epoch = ""  # the server's epoch when self._keys were last checked against its generations
        self._missing: set[int] = set()  # generations a pulled payload named that the server does not give
        self._state = SyncState.NOT_CONNECTED
        self._detail = T("", "")
        self._revoked = False
        # read receipts and recalls (core/sync/receipts.py, recall.py): the app passes its open library
        self._library = library
        self.receipts = ReceiptsOutbox(library_folder, identity)
        # comments and poll answers to the office, sealed (core/consultation/book.py): sent each round;
        # the app passes the book its windows write to (one instance per file: one lock)
        self.consultation = consultation or ConsultationBook(library_folder, identity)
        self.recalled: Observers[RecallEvent] = Observers()  # told after a recall was carried out here
        # a test hook: called with the name of a step ("pushed" after the server's answer, before
        # the ack is recorded) so a test can kill the process exactly there
        self.crash_hook: Callable[[str], None] | None = None

    # -- what the GUI asks ----------------------------------------------------------------------

    @property
    def address(self) -> str:
        if self._connection is not None:
            return self._connection.address
        return ""

    def status(self) -> SyncStatus:
        """Cheap: no network, two counts in the store."""
        if self._revoked:
            return SyncStatus(SyncState.REVOKED, self.address, None, 0, self._detail)
        if self._connection is None and not office_path(self.folder).exists():
            return SyncStatus(SyncState.NOT_CONNECTED)
        # before the first round of this engine: SYNCING (the app starts one at once)
        state = SyncState.SYNCING if self._state is SyncState.NOT_CONNECTED else self._state
        return SyncStatus(state, self.address, self.store.last_synced(), self.store.sync_pending(), self._detail)

    def cancel(self) -> None:
        """Stop for good (any thread; for shutting the app down): no more retries or backoff waits,
        no new requests, the requests on the wire cut; a round running returns promptly as OFFLINE."""
        self._cancelled.set()
        abort = getattr(self._connection, "abort", None)
        if callable(abort):
            abort()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def sync_once(self, progress: Progress | None = None) -> SyncReport:
        """One complete round; never raises for network trouble (see the module's docstring)."""
        if self._cancelled.is_set():
            return self._cancelled_report()
        with self._round_lock:
            done = _Round()
            if self._state is SyncState.NOT_CONNECTED:
                self._state = SyncState.SYNCING
            try:
                self._connect()
                self._round(done, progress)
                state, detail = SyncState.SYNCED, T("", "")
            except _Revoked:
                self._wipe_and_ack()
                state, detail = SyncState.REVOKED, T(DeviceRevokedError.en, DeviceRevokedError.vi)
                self._state, self._detail = state, detail
                return SyncReport(done.pushed, done.pulled, done.conflicts, 0,
                                  SyncStatus(state, self.address, None, 0, detail, tuple(done.notices or ())))
            except NotConnectedError as exc:
                state, detail = SyncState.NOT_CONNECTED, _both(exc)
            except OfflineError as exc:
                state, detail = SyncState.OFFLINE, _both(SyncCancelledError() if self.cancelled else exc)
            except SyncError as exc:  # refused, protocol, a bad office file
                state, detail = SyncState.REFUSED, _both(exc)
            except (LocalStateError, LibraryError) as exc:  # the device key file or the library refused
                state, detail = SyncState.REFUSED, _both(exc)
            self._state, self._detail = state, detail
            pending = self.store.sync_pending()
            last = self.store.last_synced()
            return SyncReport(done.pushed, done.pulled, done.conflicts, pending,
                              SyncStatus(state, self.address, last, pending, detail, tuple(done.notices or ())),
                              tuple(dict.fromkeys(done.changed)))

    def _cancelled_report(self) -> SyncReport:
        detail = _both(SyncCancelledError())
        self._detail = detail
        return SyncReport(0, 0, 0, 0, SyncStatus(SyncState.OFFLINE, self.address, None, 0, detail))

    def wait_for_changes(self, timeout_s: int = P.MAX_WAIT_S) -> bool:
        """Block until the server has changes this device has not pulled (True) or ``timeout_s``
        passes (False); False also when the server cannot be reached or refuses (never raises for
        network trouble). For a background thread that then calls :meth:`sync_once`; it does not
        hold the round, so a round may run meanwhile."""
        timeout_s = max(0, min(int(timeout_s), P.MAX_WAIT_S))
        try:
            with self._round_lock:
                self._connect()
                self._login()
                token = self._token
            _epoch, cursor = self.store.sync_cursor()
            answer = self._conn().request("GET", f"{P.WAIT}?after={cursor}&timeout={timeout_s}", None, token,
                                          timeout=timeout_s + 15)
        except (SyncError, LocalStateError, LibraryError, _Revoked):
            return False
        counter = answer.get("counter")
        return isinstance(counter, int) and counter > cursor

    def devices(self) -> list[DeviceInfo]:
        """The member's devices as the server knows them (raises :class:`SyncError` when it cannot ask)."""
        with self._round_lock:
            self._connect()
            try:
                answer = self._call("GET", P.DEVICES)
            except _Revoked:
                raise DeviceRevokedError() from None
        found = answer.get("devices")
        if not isinstance(found, list):
            raise self._protocol("devices is not a list")
        devices = []
        for d in found:
            if not isinstance(d, dict) or not P.is_uuid(d.get("device")):
                raise self._protocol("a device entry is not in shape")
            seen = d.get("last_seen")
            devices.append(DeviceInfo(str(d["device"]), str(d.get("name", "")), str(d.get("created", "")),
                                      seen if isinstance(seen, int) and not isinstance(seen, bool) else None,
                                      d.get("revoked") not in (None, False, 0),
                                      d.get("wiped") not in (None, False, 0), d.get("current") is True,
                                      d.get("pending") is True))
        return devices

    def revoke(self, device_id: str) -> None:
        """Revoke one of the member's devices (raises :class:`SyncError` when the server does not)."""
        self._device_action(device_id, "revoke")

    def approve(self, device_id: str) -> None:
        """Approve a new device of the member that waits for approval (``pending``); raises
        :class:`SyncError` when the server does not."""
        self._device_action(device_id, "approve")

    def _device_action(self, device_id: str, action: str) -> None:
        if not P.is_uuid(device_id):
            raise ValueError("a device id is a uuid")
        with self._round_lock:
            self._connect()
            try:
                self._call("POST", f"{P.DEVICES}/{quote(device_id)}/{action}", {})
            except _Revoked:
                raise DeviceRevokedError() from None

    def authorized(self) -> tuple[Transport, str]:
        """The pinned connection and a live bearer token (logging in, or registering, when needed): for
        the other endpoints of the same server (:mod:`paperless.core.distribution`)."""
        with self._round_lock:
            try:
                self._connect()
                self._login()
            except _Revoked:
                raise DeviceRevokedError() from None
            assert self._token is not None
            return self._conn(), self._token

    def meeting_authorized(self) -> tuple[Transport, str]:
        """Like :meth:`authorized`, but never holding (nor waiting on) the round lock: a login of its
        own on the same device key, its own token, so the meeting room's actions (a ballot) never wait
        for a sync round. Only a device the server does not know yet registers through the round."""
        with self._side_lock:
            if self._side_token is not None and time.monotonic() < self._side_until:
                return self._conn(), self._side_token
            self._side_token = None
            try:
                self._connect()
                try:
                    answer = self._auth("login")
                except HttpError as exc:
                    if exc.status != 401:
                        raise
                    return self.authorized()  # not registered yet: once, with the round
            except _Revoked:
                raise DeviceRevokedError() from None
            token, expires = answer.get("token"), answer.get("expires_in")
            if not isinstance(token, str) or not token or not isinstance(expires, int):
                raise self._protocol("a login answer is not in shape")
            self._side_token = token
            self._side_until = time.monotonic() + max(0, min(expires, P.TOKEN_TTL_S) - TOKEN_MARGIN_S)
            return self._conn(), token

    def device_key(self) -> DeviceKey:
        """This laptop's device key (registered with the server when needed): it signs the meeting
        room's events (:mod:`paperless.core.meeting`). Never waits on a round once registered."""
        self.meeting_authorized()
        device = self._device
        if device is None:  # authorized() loads or makes it
            raise NotConnectedError()
        return device

    # -- a round --------------------------------------------------------------------------------

    def _connect(self) -> None:
        if self._revoked:
            raise _Revoked
        if self._cancelled.is_set():
            raise SyncCancelledError()
        with self._connect_lock:  # the round and the meeting room's path may both get here first
            self._connect_locked()

    def _connect_locked(self) -> None:
        if self._connection is None:
            from paperless.core.library import Library

            if self._trusted is not None:
                trusted = list(self._trusted())
            else:
                trusted = Library.open(self.folder.parent.parent, self.identity).trusted_signers()
            office = load_office(self.folder, trusted)
            if office is None:
                raise NotConnectedError()
            self._connection = Connection(office, timeout=self._request_timeout)
            if self._cancelled.is_set():  # cancelled meanwhile: cancel() saw no connection to abort
                self._connection.abort()
        if self._device is None:
            created = datetime.fromtimestamp(self._clock() / 1000, UTC)
            self._device = load_or_create_device(self.folder, self.identity, self.device_name, created)

    def _round(self, done: _Round, progress: Progress | None) -> None:
        self._login()
        self._missing.clear()
        self._load_keys()
        self._receipts_and_recalls(done)  # before the push: a recall's deleted notes go out in this round
        for attempt in range(MAX_STALE_ROUNDS):
            self._pull(done, progress, retry=attempt == 0)
            if attempt == 0:  # after the pull: notes other devices made past their retention go too
                self._retention(done)
            if not self._push(done):
                break
        else:
            raise RefusedError(address=self.address, detail=T(
                "other devices keep changing the same notes; try again",
                "các thiết bị khác liên tục sửa cùng ghi chú; hãy thử lại"))
        if not self._digest_matches():
            self._pull(done, progress)  # another device may have pushed meanwhile: the cheap way first
            if not self._digest_matches():
                self.store.sync_begin_reconcile(self._epoch)
                self._pull(done, progress)
                self._push(done)
                if not self._digest_matches():
                    raise RefusedError(address=self.address, detail=T(
                        "the server's records still differ after a full reconcile",
                        "dữ liệu trên máy chủ vẫn khác sau khi đối chiếu toàn bộ"))
        if self.store.sync_pending() == 0:
            self.store.set_last_synced(self._clock())

    # -- authentication -------------------------------------------------------------------------

    def _login(self, *, force: bool = False) -> None:
        if not force and self._token is not None and time.monotonic() < self._token_until:
            return
        self._token = None
        try:
            answer = self._auth("login")
        except HttpError as exc:
            if exc.status != 401:
                raise
            try:
                answer = self._auth("register")
            except HttpError as again:
                if again.status == 401:
                    raise RefusedError(address=self.address, detail=T(
                        "this member is not enrolled with the office server, or the device was not accepted",
                        "đồng chí chưa được đăng ký với máy chủ văn phòng, hoặc thiết bị không được chấp nhận"),
                    ) from None
                raise
        token, expires, epoch = answer.get("token"), answer.get("expires_in"), answer.get("epoch")
        if not isinstance(token, str) or not token or not isinstance(expires, int) or not isinstance(epoch, str):
            raise self._protocol("a login answer is not in shape")
        self._token = token
        self._token_until = time.monotonic() + max(0, min(expires, P.TOKEN_TTL_S) - TOKEN_MARGIN_S)
        self._epoch = epoch

    def _challenge(self, action: str) -> bytes:
        assert self._device is not None
        answer = self._retrying(lambda: self._conn().request(
            "POST", P.CHALLENGE, {"member": self.member, "device": self._device_id(), "action": action}))
        try:
            return P.unb64(answer.get("challenge"), limit=P.CHALLENGE_BYTES * 2)
        except ValueError:
            raise self._protocol("a challenge is not base64") from None

    def _auth(self, action: str, device: DeviceKey | None = None) -> Json:
        dev = device or self._device
        assert dev is not None
        challenge = self._challenge(action)
        signature = dev.sign(P.auth_message(action, self.address, self.member, dev.device_id, challenge))
        body: Json = {"member": self.member, "device": dev.device_id, "challenge": P.b64(challenge),
                      "signature": P.b64(signature)}
        path = {"login": P.LOGIN, "register": P.REGISTER, "revoked-ack": P.REVOKED_ACK}[action]
        if action == "register":
            body.update(device_key=dev.public_b64, name=dev.name, created=dev.created,
                        certificate=dev.certificate(self.identity))
        try:
            return self._retrying(lambda: self._conn().request("POST", path, body))
        except HttpError as exc:
            if exc.status == 403 and exc.code == P.DEVICE_REVOKED and action != "revoked-ack":
                raise _Revoked from None
            if exc.status == 403 and exc.code == P.DEVICE_PENDING:
                raise PendingApprovalError(address=self.address) from None
            raise

    def _device_id(self) -> str:
        assert self._device is not None
        return self._device.device_id

    # -- requests -------------------------------------------------------------------------------

    def _conn(self) -> Transport:
        if self._connection is None:
            raise NotConnectedError()
        return self._connection

    def _protocol(self, detail: str) -> ProtocolError:
        return ProtocolError(address=self.address, detail=detail)

    def _retrying(self, call: Callable[[], Json]) -> Json:
        """``call`` again after a failure to reach the server, with exponential backoff and jitter."""
        for attempt in range(self._retries):
            if self._cancelled.is_set():
                raise SyncCancelledError()
            try:
                return call()
            except OfflineError:
                if self._cancelled.is_set():
                    raise SyncCancelledError() from None
                if attempt == self._retries - 1:
                    raise
                delay = self._backoff * (2 ** attempt) * (0.5 + self._jitter())
                if self._sleep is not None:
                    self._sleep(delay)
                elif self._cancelled.wait(delay):
                    raise SyncCancelledError() from None
        raise AssertionError("unreachable")

    def _call(self, method: str, path: str, body: Json | None = None) -> Json:
        """An authenticated request: logs in when the token is missing or expired (once again on a 401)."""
        for attempt in range(2):
            self._login()
            try:
                return self._retrying(functools.partial(self._conn().request, method, path, body, self._token))
            except HttpError as exc:
                if exc.status == 403 and exc.code == P.DEVICE_REVOKED:
                    raise _Revoked from None
                if exc.status == 403 and exc.code == P.DEVICE_PENDING:
                    raise PendingApprovalError(address=self.address) from None
                if exc.status == 401 and attempt == 0:
                    self._token = None
                    continue
                raise
        raise AssertionError("unreachable")

    # -- keys -----------------------------------------------------------------------------------

    def _load_keys(self) -> None:
        """Fetch the member's key generations (open and verified, never trusted otherwise); make the
        next one if there is none or the server asks to rotate. After a restore (a new epoch) the
        generations held in memory are forgotten and fetched again, and any the server lacks (made
        after its backup) is uploaded again, as made, before anything is sealed with it."""
        held: dict[int, bytes] = {}
        forgot = False
        for _ in range(MAX_KEY_ATTEMPTS):
            answer = self._call("GET", P.KEYS)  # may log in again and so learn of a new epoch
            epoch = self._epoch
            if epoch != self._keys_epoch and not forgot:
                held, self._keys, forgot = self._keys, {}, True
            generations, rotate = answer.get("generations"), answer.get("rotate")
            if not isinstance(generations, list):
                raise self._protocol("generations is not a list")
            highest = 0
            for g in generations:
                if not isinstance(g, dict) or not isinstance(g.get("generation"), int):
                    raise self._protocol("a key generation is not in shape")
                number = int(g["generation"])
                highest = max(highest, number)
                if number in self._keys:
                    continue
                try:
                    sealed = P.unb64(g.get("sealed"), limit=P.MAX_SEALED_KEY_BYTES)
                    self._keys[number] = open_generation(self.identity, self.member, number, sealed)
                except (ValueError, KeyGenerationError):
                    continue  # not made by this member: never used, for writing or reading
                held.pop(number, None)  # the server's own (the same key, unless another device made it again)
            lost = sorted(n for n in held if n > highest)
            if lost:  # the server lost generations this device holds: give them back, the lowest first
                number = lost[0]
                if number == highest + 1 and self._put_key(number, held[number]):
                    self._keys[number] = held.pop(number)
                elif number != highest + 1:
                    held = {}  # a gap the server cannot take: those are not used (what they sealed waits to be retried)
                continue  # look again (after a 409 another device may have given it back first)
            held = {}
            if self._keys and highest in self._keys and not rotate:
                self._keys_epoch = epoch
                return
            number = highest + 1
            key = new_key()
            if not self._put_key(number, key):
                continue  # another device made it first: take theirs
            self._keys[number] = key
            self._keys_epoch = epoch
            return
        raise RefusedError(address=self.address, detail=T("no usable notes key on the server",
                                                          "không có khóa ghi chú dùng được trên máy chủ"))

    def _put_key(self, number: int, key: bytes) -> bool:
        """Upload generation ``number`` (authenticated: :func:`seal_generation`); False on a race (409)."""
        sealed = seal_generation(self.identity, self.member, number, key)
        try:
            self._call("PUT", f"{P.KEYS}/{number}", {"sealed": P.b64(sealed)})
        except HttpError as exc:
            if exc.status == 409:
                return False
            raise
        return True

    def _current_key(self) -> tuple[int, bytes]:
        if self._keys_epoch != self._epoch or not self._keys:  # the server was restored meanwhile
            self._load_keys()
        number = max(self._keys)
        return number, self._keys[number]

    # -- pull -----------------------------------------------------------------------------------

    def _pull(self, done: _Round, progress: Progress | None, *, retry: bool = False) -> None:
        epoch, cursor = self.store.sync_cursor()
        reconcile = False
        if epoch != self._epoch:  # a restored server (or the first round): everything from 0
            self.store.sync_begin_reconcile(self._epoch)
            epoch, cursor, reconcile = self._epoch, 0, True
        elif cursor == 0:
            reconcile = True
        elif retry:  # versions that did not open here last time: pulled again from where they were
            again = self.store.sync_retry_from()
            if again is not None and again < cursor:
                cursor = again
        total = 0
        if cursor == 0 and progress is not None:  # a first (or full) sync: say how many are coming
            count = self._call("GET", P.DIGEST).get("count")
            total = count if isinstance(count, int) and count >= 0 else 0
        while True:
            # the largest pages the server gives: half the requests and commits of the default's
            answer = self._call("GET", f"{P.PULL}?after={cursor}&limit={P.MAX_PULL_LIMIT}")
            server_epoch = answer.get("epoch")
            if not isinstance(server_epoch, str):
                raise self._protocol("no epoch")
            if server_epoch != epoch:  # restored while we pulled
                self._epoch = server_epoch
                self.store.sync_begin_reconcile(server_epoch)
                epoch, cursor, reconcile = server_epoch, 0, True
                continue
            records, next_cursor, more = answer.get("records"), answer.get("cursor"), answer.get("more")
            if not isinstance(records, list) or not isinstance(next_cursor, int) or not isinstance(more, bool):
                raise self._protocol("a pull answer is not in shape")
            if next_cursor < cursor or (records and next_cursor == cursor):
                raise self._protocol("the cursor went backwards")
            page = list(self._open_records(records))
            outcome = self.store.sync_apply(page, (epoch, next_cursor))  # the page and the cursor: one commit
            cursor = next_cursor
            done.pulled += outcome.applied
            done.conflicts += outcome.conflicts
            done.changed.extend(outcome.changed)
            for text in outcome.notices:
                done.notice(text)
            if outcome.skipped:
                done.notice(NOTICE_UNREADABLE)
            if progress is not None:
                progress(done.pulled, max(total, done.pulled) if total else 0)
            if not more:
                break
        if reconcile:
            self.store.sync_finish_reconcile()

    def _open_records(self, records: list[Any]) -> Iterator[PulledRecord]:
        for r in records:
            if not isinstance(r, dict) or not P.is_uuid(r.get("uuid")) or not isinstance(r.get("version"), int):
                raise self._protocol("a pulled record is not in shape")
            uuid, version = str(r["uuid"]), int(r["version"])
            counter = r.get("counter")
            counter = counter if isinstance(counter, int) and not isinstance(counter, bool) else 0
            try:
                blob = P.unb64(r.get("payload"), limit=P.MAX_PAYLOAD_BYTES)
                generation = generation_of(blob)
                if generation not in self._keys and generation not in self._missing:
                    self._load_keys()
                    if generation not in self._keys:
                        self._missing.add(generation)  # asked once a round
                text = open_payload(self._keys, self.member, uuid, blob)
            except (ValueError, EnvelopeError):
                # not readable with this member's keys (yet): never applied; kept on the store's retry
                # list and pulled again next round (see NotesStore.sync_retry_from)
                text = b""
            yield PulledRecord(uuid, version, text, counter)

    # -- push -----------------------------------------------------------------------------------

    def _push(self, done: _Round) -> bool:
        """Push every dirty record; True if the server had newer versions of some (pull, then again)."""
        ids = self.store.sync_dirty_ids()
        stale = False
        number, key = self._current_key()
        for start in range(0, len(ids), P.PUSH_BATCH):
            batch = self.store.sync_dirty(ids[start:start + P.PUSH_BATCH])  # one short store call per batch
            if not batch:
                continue
            ops = [{"op": d.op_id, "uuid": d.uuid, "base": d.base,
                    "payload": P.b64(seal(key, number, self.member, d.uuid, d.plaintext))} for d in batch]
            answer = self._call("POST", P.PUSH, {"ops": ops})
            results = answer.get("results")
            if isinstance(answer.get("epoch"), str) and answer["epoch"] != self._keys_epoch:
                # restored under our feet (a new login in _call): make sure the server has the generation
                # this batch was sealed with; the next pull sees the new epoch and reconciles
                self._epoch = str(answer["epoch"])
                number, key = self._current_key()
            if not isinstance(results, list) or len(results) != len(batch):
                raise self._protocol("push results do not match the operations")
            if self.crash_hook is not None:
                self.crash_hook("pushed")
            acked: list[tuple[DirtyRecord, int]] = []
            for record, result in zip(batch, results, strict=True):
                if not isinstance(result, dict) or result.get("op") != record.op_id:
                    raise self._protocol("push results are not in the order sent")
                status, version = result.get("status"), result.get("version")
                if status in (P.APPLIED, P.DUPLICATE) and isinstance(version, int) and version > 0:
                    acked.append((record, version))
                elif status == P.STALE:
                    stale = True
                else:
                    raise self._protocol(f"an unknown push result {status!r}")
            self.store.sync_acked(acked)
            done.pushed += len(acked)
        return stale

    # -- integrity ------------------------------------------------------------------------------

    def _digest_matches(self) -> bool:
        answer = self._call("GET", P.DIGEST)
        digest, epoch = answer.get("digest"), answer.get("epoch")
        if not isinstance(digest, str) or not isinstance(epoch, str):
            raise self._protocol("a digest answer is not in shape")
        if epoch != self._epoch:
            self._epoch = epoch
            return False
        return digest == P.records_digest(self.store.sync_known())

    # -- read receipts and recalls ---------------------------------------------------------------

    def _open_library(self) -> Library:
        from paperless.core.library import Library

        if self._library is not None:
            return self._library()
        return Library.open(self.folder.parent.parent, self.identity)

    def _receipts_and_recalls(self, done: _Round) -> None:
        device = self._device
        assert device is not None

        def call(method: str, path: str, body: Json | None) -> Json:
            return self._call(method, path, body)

        def trusted() -> Sequence[PublicCard]:
            return list(self._trusted()) if self._trusted is not None else self._open_library().trusted_signers()

        try:
            try:
                send_receipts(self.receipts, call, self.member, device.device_id, device.sign, self.crash_hook)
            except LocalStateError as exc:  # a damaged queue is refused (never reset); the rest goes on
                done.notice(_both(exc))
            handle_recalls(call, self.member, device.device_id, device.sign, self._open_library, self.store,
                           trusted, self.recalled.notify, self.crash_hook)
            try:
                send_consultation(self.consultation, call, self.crash_hook)
            except LocalStateError as exc:  # refused, never reset: the notes still sync
                done.notice(_both(exc))
        except ValueError as exc:
            raise self._protocol(str(exc)) from None
        except HttpError as exc:
            if exc.status != 404:
                raise
            # a server from before receipts and recalls (or a recall withdrawn meanwhile): the notes
            # still sync; the receipts wait in their queue and the recalls are asked again next round

    def _retention(self, done: _Round) -> None:
        """Notes past their session's retention: tombstones, pushed in this round."""
        try:
            library = self._open_library()
            trusted = list(self._trusted()) if self._trusted is not None else library.trusted_signers()
            outcome = enforce_retention(RetentionBook(self.folder, self.identity), library, self.store, trusted)
        except (LocalStateError, LibraryError) as exc:
            done.notice(_both(exc))
            return
        for deadline, count in outcome.deleted:
            done.notice(deadline.deleted(count))
        for deadline in outcome.warnings:
            done.notice(deadline.warning())

    # -- revocation -----------------------------------------------------------------------------

    def _wipe_and_ack(self) -> None:
        """This device was revoked: remove the member's notes, their key, the library state, the
        kept bundles and the device key from this laptop, then tell the server it is done."""
        device = self._device
        self._revoked = True
        bundles: list[Path] = []
        with suppress(PaperlessError, OSError):
            from paperless.core.library import Library

            library = Library.open(self.folder.parent.parent, self.identity)
            # every session's files: the library's copies (older versions too) and the files opened in place
            bundles = [path for r in library.sessions() for path in session_files(library, r)]
        self.store.close()
        names = [DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", f"{DB_FILE}-journal", KEY_FILE, "state.age",
                 DEVICE_FILE, P.OFFICE_FILE]
        for path in [self.folder / n for n in names] + bundles:
            with suppress(FileNotFoundError):
                path.unlink()
        for leftover in self.folder.glob("*"):  # set-aside copies (…rejected-…) hold notes too
            if leftover.is_file():
                with suppress(OSError):
                    leftover.unlink()
        if device is not None:
            with suppress(SyncError):
                self._auth("revoked-ack", device)

