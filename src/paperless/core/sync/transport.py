"""HTTPS to the pinned office server with the standard library only (the reader's frozen build
carries no HTTP client library).

The TLS context trusts exactly the certificate the signed office-server file carries (no
certificate authority, no system store), needs TLS 1.2 or newer, and after the handshake the
peer's certificate is compared byte for byte (SHA-256 of the DER) with the pin. Every failure
becomes one of three errors: :class:`~.errors.OfflineError` (no answer: refused, timed out,
cut; also a 5xx, :class:`~.errors.ServerError`), :class:`~.errors.HttpError` (a 4xx with its
protocol code) or :class:`~.errors.ProtocolError` (an answer that is not the protocol's, a
certificate that is not the pinned one: :class:`~.errors.RefusedError`).
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import http.client
import json
import select
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, BinaryIO, Protocol

from paperless.core.errors import T
from paperless.core.sync.errors import HttpError, OfflineError, ProtocolError, RefusedError, ServerError
from paperless.core.sync.office import OfficeServer
from paperless.core.sync.protocol import MAX_BODY_BYTES

Json = dict[str, Any]
INSUFFICIENT_STORAGE = 507  # the server's disk is full: its JSON answer says so, for the user
DEFAULT_TIMEOUT_S = 15.0
UPLOAD_BLOCK = 64 * 1024  # bytes sent per write of an upload
_POLL_S = 0.1  # how often a connection being made looks whether it was aborted
KEEP_IDLE_S = 3.0  # keep_alive: a connection idle longer is not reused (the server closes it at 5 s)
_CONNECTING = {errno.EINPROGRESS, errno.EALREADY, errno.EWOULDBLOCK, errno.EAGAIN, getattr(errno, "WSAEWOULDBLOCK", -1)}


class _StaleConnection(Exception):
    """A kept connection the server had closed before it answered (keep_alive: sent again)."""


class Transport(Protocol):
    """What the engine needs from a connection (tests may give another)."""

    @property
    def address(self) -> str: ...

    def request(self, method: str, path: str, body: Json | None = None, token: str | None = None,
                *, timeout: float | None = None) -> Json: ...


def pinned_context(office: OfficeServer) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = False  # the pin below names the server exactly; the address is signed with it
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(cadata=office.certificate.strip() + "\n")
    ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    return ctx


class Connection:
    """Requests to one office server; a new TLS connection per request (nothing half-used is reused
    after a cut), each with a timeout (``timeout``, seconds, per request). :meth:`abort` (any
    thread) cuts the requests on the wire at once and refuses every later one.

    ``keep_alive``: :meth:`request` keeps one connection open after an answer read in full and
    sends the next request on it if it has been idle under :data:`KEEP_IDLE_S` (the office server
    closes an idle connection after 5 s), saving a TCP and TLS handshake per request. A request on a
    reused connection that the server had closed before answering is sent once more on a new one:
    only for requests that may be sent twice (the meeting room's: an event or a ballot sent again is
    answered ``duplicate``). Uploads and :meth:`stream` always use a connection of their own."""

    def __init__(self, office: OfficeServer, *, timeout: float = DEFAULT_TIMEOUT_S, keep_alive: bool = False) -> None:
        self.office = office
        self.timeout = timeout
        self.keep_alive = keep_alive
        self._context = pinned_context(office)
        self._lock = threading.Lock()
        self._live: set[socket.socket] = set()
        self._aborted = False
        self._idle: tuple[http.client.HTTPSConnection, ssl.SSLSocket, float] | None = None  # (conn, socket, since)

    def abort(self) -> None:
        """Cut every request on the wire (it fails as offline) and refuse new ones: for shutting down."""
        with self._lock:
            self._aborted = True
            live = list(self._live)
            idle, self._idle = self._idle, None
        for sock in live:
            with suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # wakes a thread blocked reading it
        if idle is not None:
            idle[0].close()

    def close_idle(self) -> None:
        """Close the connection kept open (keep_alive), if any."""
        with self._lock:
            idle, self._idle = self._idle, None
        if idle is not None:
            self._forget(idle[1])
            idle[0].close()

    def _take_idle(self) -> tuple[http.client.HTTPSConnection, ssl.SSLSocket] | None:
        with self._lock:
            idle, self._idle = self._idle, None
        if idle is None:
            return None
        if time.monotonic() - idle[2] < KEEP_IDLE_S:
            return idle[0], idle[1]
        self._forget(idle[1])
        idle[0].close()
        return None

    def _keep(self, conn: http.client.HTTPSConnection, sock: ssl.SSLSocket) -> bool:
        with self._lock:
            if self._aborted or self._idle is not None:
                return False
            self._idle = (conn, sock, time.monotonic())
            return True

    @property
    def aborted(self) -> bool:
        return self._aborted

    def _stopped(self) -> OfflineError:
        return self._offline(T("stopped", "đã dừng"))

    def _track(self, sock: socket.socket, old: socket.socket | None = None) -> None:
        with self._lock:
            if old is not None:
                self._live.discard(old)
            self._live.add(sock)
            aborted = self._aborted
        if aborted:
            raise self._stopped()

    def _forget(self, sock: socket.socket) -> None:
        with self._lock:
            self._live.discard(sock)

    def _open_socket(self, timeout: float) -> ssl.SSLSocket:
        """A TLS socket to the server, its handshake done; every wait cut short by :meth:`abort`."""
        family, kind, proto, _name, addr = socket.getaddrinfo(self.office.host, self.office.port,
                                                              type=socket.SOCK_STREAM)[0]
        raw = socket.socket(family, kind, proto)
        try:
            # http.client sends a request's headers and body in two writes: with Nagle's algorithm the
            # body waits for the server's delayed ACK of the headers (~10-40 ms per POST on loopback)
            with suppress(OSError):
                raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._track(raw)
            raw.setblocking(False)
            deadline = time.monotonic() + timeout
            error = raw.connect_ex(addr)
            while error in _CONNECTING:  # connecting: wait a little at a time, to see an abort
                if self._aborted:
                    raise self._stopped()
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                _r, writable, failed = select.select([], [raw], [raw], min(_POLL_S, left))  # Windows: failed
                if writable or failed:
                    error = raw.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if error:
                raise ConnectionRefusedError(error, errno.errorcode.get(error, "cannot connect"))
            raw.settimeout(timeout)
            wrapped = self._context.wrap_socket(raw, do_handshake_on_connect=False)
        except BaseException:
            self._forget(raw)
            raw.close()
            raise
        try:
            self._track(wrapped, raw)
            wrapped.do_handshake()
        except BaseException:
            self._forget(wrapped)
            wrapped.close()
            raise
        return wrapped

    @property
    def address(self) -> str:
        return self.office.url

    def _offline(self, detail: str | T) -> OfflineError:
        return OfflineError(address=self.address, detail=detail)

    def request(self, method: str, path: str, body: Json | None = None, token: str | None = None,
                *, timeout: float | None = None) -> Json:
        data = json.dumps(body, separators=(",", ":")).encode() if body is not None else None
        if data is not None and len(data) > MAX_BODY_BYTES:
            raise ValueError("a request body over the protocol's limit")
        headers = {"Accept": "application/json"} if self.keep_alive else {"Accept": "application/json",
                                                                           "Connection": "close"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if self.keep_alive:
            reused = self._take_idle()
            if reused is not None:
                try:
                    return self._exchange(method, path, data, headers, timeout, reused)
                except _StaleConnection:
                    pass  # closed by the server while idle: sent again on a new connection
        return self._exchange(method, path, data, headers, timeout)

    def upload(self, path: str, source: BinaryIO, size: int, token: str, *, timeout: float | None = None) -> Json:
        """POST ``size`` bytes read from ``source`` (a file: a bundle, streamed, never held in memory)
        as ``application/octet-stream``; the answer and the failures as for :meth:`request`."""
        headers = {"Accept": "application/json", "Connection": "close", "Content-Type": "application/octet-stream",
                   "Content-Length": str(size), "Authorization": f"Bearer {token}"}
        return self._exchange("POST", path, source, headers, timeout)

    def _exchange(self, method: str, path: str, data: bytes | BinaryIO | None, headers: dict[str, str],
                  timeout: float | None,
                  reused: tuple[http.client.HTTPSConnection, ssl.SSLSocket] | None = None) -> Json:
        if self._aborted:
            raise self._stopped()
        wait = timeout or self.timeout
        kept = False
        sock: ssl.SSLSocket | None = None
        if reused is not None:
            conn, sock = reused
            sock.settimeout(wait)
        else:
            conn = http.client.HTTPSConnection(self.office.host, self.office.port, context=self._context,
                                               timeout=wait, blocksize=UPLOAD_BLOCK)
        try:
            if reused is None:
                try:
                    sock = self._open_socket(wait)
                    conn.sock = sock
                except ssl.SSLCertVerificationError as exc:
                    raise RefusedError(address=self.address, detail=T(
                        f"its certificate is not the pinned one ({exc.verify_message})",
                        f"chứng chỉ của máy chủ không phải chứng chỉ đã ghim ({exc.verify_message})")) from None
                peer = sock.getpeercert(binary_form=True)
                if not peer or not hmac.compare_digest(hashlib.sha256(peer).hexdigest(),
                                                       self.office.certificate_sha256):
                    raise RefusedError(address=self.address, detail=T(
                        "its certificate is not the pinned one", "chứng chỉ của máy chủ không phải chứng chỉ đã ghim"))
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError, ssl.SSLEOFError):
                if reused is not None and not self._aborted:
                    raise _StaleConnection from None
                raise
            raw = response.read(MAX_BODY_BYTES + 1)
            status = response.status
            if self.keep_alive and sock is not None and not response.will_close and len(raw) <= MAX_BODY_BYTES:
                kept = self._keep(conn, sock)
        except (RefusedError, ValueError, _StaleConnection):
            raise
        except (OSError, http.client.HTTPException) as exc:
            if self._aborted:
                raise self._stopped() from None
            if isinstance(exc, TimeoutError):
                raise self._offline(T("no answer in time", "không trả lời kịp")) from None
            if isinstance(exc, ssl.SSLError):
                raise self._offline(f"TLS: {exc.reason or exc}") from None
            raise self._offline(str(exc) or type(exc).__name__) from None
        finally:
            if not kept:
                if sock is not None:
                    self._forget(sock)
                conn.close()
        if len(raw) > MAX_BODY_BYTES:
            raise ProtocolError(address=self.address, detail=T("an answer over the size limit", "câu trả lời quá lớn"))
        if status >= 500 and status != INSUFFICIENT_STORAGE:  # 507 says why, for the user (a full disk)
            raise ServerError(address=self.address, detail=f"HTTP {status}")
        try:
            answer = json.loads(raw) if raw else {}
        except (ValueError, UnicodeDecodeError):
            answer = None
        if 400 <= status < 500 or status == INSUFFICIENT_STORAGE:
            code = answer.get("error") if isinstance(answer, dict) else None
            detail = answer.get("detail") if isinstance(answer, dict) else None
            raise HttpError(status, code if isinstance(code, str) else "",
                            answer=answer if isinstance(answer, dict) else None,
                            address=self.address, detail=f"HTTP {status} {code or ''} {str(detail or '')[:200]}")
        if not 200 <= status < 300 or not isinstance(answer, dict):
            raise ProtocolError(address=self.address, detail=f"HTTP {status}, not a JSON object")
        return answer

    @contextmanager
    def stream(self, path: str, token: str, headers: dict[str, str] | None = None, *,
               timeout: float | None = None) -> Iterator[http.client.HTTPResponse]:
        """A GET whose 2xx answer is read by the caller, a bit at a time (a bundle download).

        Failures as for :meth:`request`: no answer (also while the body is read) is
        :class:`OfflineError`, a 4xx :class:`HttpError`, a 5xx :class:`ServerError`; :meth:`abort`
        cuts it."""
        if self._aborted:
            raise self._stopped()
        wait = timeout or self.timeout
        conn = http.client.HTTPSConnection(self.office.host, self.office.port, context=self._context, timeout=wait)
        sock: ssl.SSLSocket | None = None
        try:
            try:
                sock = self._open_socket(wait)
                conn.sock = sock
                peer = sock.getpeercert(binary_form=True)
                if not peer or not hmac.compare_digest(hashlib.sha256(peer).hexdigest(),
                                                       self.office.certificate_sha256):
                    raise RefusedError(address=self.address, detail=T(
                        "its certificate is not the pinned one", "chứng chỉ của máy chủ không phải chứng chỉ đã ghim"))
                conn.request("GET", path, headers={"Authorization": f"Bearer {token}", "Connection": "close",
                                                   **(headers or {})})
                response = conn.getresponse()
            except ssl.SSLCertVerificationError as exc:
                raise RefusedError(address=self.address, detail=T(
                    f"its certificate is not the pinned one ({exc.verify_message})",
                    f"chứng chỉ của máy chủ không phải chứng chỉ đã ghim ({exc.verify_message})")) from None
            if response.status >= 500:
                raise ServerError(address=self.address, detail=f"HTTP {response.status}")
            if response.status >= 400:
                raw = response.read(64 * 1024)
                try:
                    answer = json.loads(raw) if raw else {}
                except (ValueError, UnicodeDecodeError):
                    answer = None
                code = answer.get("error") if isinstance(answer, dict) else None
                raise HttpError(response.status, code if isinstance(code, str) else "", address=self.address,
                                detail=f"HTTP {response.status} {code or ''}")
            yield response
        except (RefusedError, HttpError, ServerError):
            raise
        except (OSError, http.client.HTTPException) as exc:
            if self._aborted:
                raise self._stopped() from None
            if isinstance(exc, TimeoutError):
                raise self._offline(T("no answer in time", "không trả lời kịp")) from None
            if isinstance(exc, ssl.SSLError):
                raise self._offline(f"TLS: {exc.reason or exc}") from None
            raise self._offline(str(exc) or type(exc).__name__) from None
        finally:
            if sock is not None:
                self._forget(sock)
            conn.close()
