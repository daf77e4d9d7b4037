"""Fetching published sessions from the office server into the member's library (Qt-free, blocking;
docs/distribution-protocol.md).

:class:`Fetcher` owns one member's downloads: :meth:`~Fetcher.available` lists the versions on the
server newer than the library has seen, :meth:`~Fetcher.fetch` downloads one into a partial file
in the member's library folder (``downloads/<sha256>.part``, ciphertext), resuming with ``Range``
and ``If-Range`` from the partial's size, checks the finished file (its SHA-256, then the bundle
reader: signature by an office the member trusts, every entry's hash, the session and version the
server named, rollback), and only then renames it into the library's ``bundles/`` and imports it
through the library's own import path. A crash or cut at any point leaves either the partial
(resumed next time) or nothing; a refused download is deleted and nothing is added.

Meant for a background task: ``progress(done, total)`` in bytes, :meth:`~Fetcher.cancel` from any
thread, and a :class:`Fetched` result with the notification text ("New session: …",
"Version 2 of … — 3 documents changed, 1 added") in both languages.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperless.core.bundle import BundleError, open_bundle, verify_bundle
from paperless.core.bundle.manifest import Agenda
from paperless.core.distribution import protocol as D
from paperless.core.errors import DiskFullError, OutputFileError, PaperlessError, T
from paperless.core.identity import PublicCard
from paperless.core.library import Library, import_bundle
from paperless.core.library.keeping import final_name
from paperless.core.sync.errors import HttpError, OfflineError, ProtocolError, SyncCancelledError
from paperless.core.sync.transport import Connection, Transport

Progress = Callable[[int, int], None]  # (bytes done, bytes in all)
CHUNK = 256 * 1024  # read and written per step: a resumed download re-fetches less than this
DOWNLOADS = "downloads"
MAX_ATTEMPTS = 5  # connections per download before giving up (each resumes where the last stopped)


class DownloadRefusedError(PaperlessError):
    en = "The download of {what} was refused: {detail}. Nothing was added."
    vi = "Bản tải về {what} bị từ chối: {detail}. Chưa thêm gì vào thư viện."


@dataclass(frozen=True)
class Offer:
    """One version of a session on the server."""

    session_id: str
    version: int
    sha256: str
    size: int
    due: str | None
    superseded: bool


@dataclass(frozen=True)
class Changes:
    """What changed between two versions, by document (titles from the decrypted agendas)."""

    changed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fetched:
    """A session (version) now in the library, with what to tell the member."""

    session_id: str
    version: int
    title: str
    new_session: bool
    changes: Changes = field(default_factory=Changes)

    @property
    def notice(self) -> T:
        if self.new_session:
            return T(f"New session: {self.title}", f"Phiên họp mới: {self.title}")
        c = self.changes
        en: list[str] = []
        vi: list[str] = []
        if c.changed:
            en.append(f"{len(c.changed)} document{'s' if len(c.changed) != 1 else ''} changed")
            vi.append(f"{len(c.changed)} tài liệu thay đổi")
        if c.added:
            en.append(f"{len(c.added)} added")
            vi.append(f"{len(c.added)} tài liệu mới")
        if c.removed:
            en.append(f"{len(c.removed)} removed")
            vi.append(f"{len(c.removed)} tài liệu bị bỏ")
        if not en:
            en, vi = ["no document changed"], ["không có tài liệu nào thay đổi"]
        return T(f"Version {self.version} of {self.title} — {', '.join(en)}",
                 f"Phiên bản {self.version} của {self.title} — {', '.join(vi)}")


def compare(old: Agenda | None, new: Agenda, member: str) -> Changes:
    """The documents ``member`` may read that changed, were added or removed between two agendas
    (a document is known by its item's title and its place in the item; changed: another plaintext
    SHA-256, or another title)."""

    def docs(agenda: Agenda) -> dict[tuple[str, int], tuple[str, str]]:
        return {(it.title, n): (d.sha256 + d.title, d.title) for it in agenda.items if it.readable_by(member)
                for n, d in enumerate(it.documents)}

    before = docs(old) if old is not None else {}
    after = docs(new)
    return Changes(
        changed=tuple(after[k][1] for k in after if k in before and before[k][0] != after[k][0]),
        added=tuple(after[k][1] for k in after if k not in before),
        removed=tuple(before[k][1] for k in before if k not in after))


class Fetcher:
    """One member's downloads from the office server into their library.

    ``authorize`` gives the pinned connection and a live bearer token (the sync engine's
    :meth:`~paperless.core.sync.engine.SyncEngine.authorized`)."""

    def __init__(self, library: Library, authorize: Callable[[], tuple[Transport, str]], *,
                 trusted: Callable[[], Sequence[PublicCard]] | None = None, attempts: int = MAX_ATTEMPTS) -> None:
        self.library = library
        self._authorize = authorize
        self._trusted = trusted or library.trusted_signers
        self._attempts = max(1, attempts)
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._live: Any = None  # the response being read (its socket is cut by cancel)
        # test hook: called with the bytes received so far after each chunk is written
        self.on_chunk: Callable[[int], None] | None = None
        self.resumed_from: list[int] = []  # the Range start of every request that resumed a partial

    @property
    def downloads(self) -> Path:
        return self.library.folder / DOWNLOADS

    def cancel(self) -> None:
        """Stop the download under way (any thread): its partial file stays, to be resumed."""
        self._cancelled.set()
        with self._lock:
            live = self._live
        if live is not None:
            with contextlib.suppress(OSError, AttributeError):
                live.fp.raw._sock.shutdown(2)  # wakes the reading thread at once

    # -- what is there ---------------------------------------------------------------------------
    def offers(self) -> list[Offer]:
        """Every version on the server addressed to this member."""
        conn, token = self._authorize()
        answer = conn.request("GET", D.BUNDLES, token=token)
        items = answer.get("bundles")
        if not isinstance(items, list):
            raise ProtocolError(address=conn.address, detail="the list of bundles is not in shape")
        offers = []
        for raw in items:
            try:
                offer = Offer(str(raw["session_id"]), _int(raw["version"]), str(raw["sha256"]), _int(raw["size"]),
                              raw.get("due") if isinstance(raw.get("due"), str) else None, bool(raw["superseded"]))
            except (KeyError, TypeError, ValueError):
                raise ProtocolError(address=conn.address, detail="a bundle in the list is not in shape") from None
            if not D.SHA256.fullmatch(offer.sha256):
                raise ProtocolError(address=conn.address, detail="a bundle in the list has no SHA-256 name")
            offers.append(offer)
        return offers

    def available(self) -> list[Offer]:
        """The newest version of each session that is newer than what this library has seen."""
        newest: dict[str, Offer] = {}
        for offer in self.offers():
            if offer.session_id not in newest or offer.version > newest[offer.session_id].version:
                newest[offer.session_id] = offer
        return [o for o in newest.values()
                if o.version > (self.library.highest_seen(o.session_id) or 0)]

    # -- fetching --------------------------------------------------------------------------------
    def fetch(self, offer: Offer, progress: Progress | None = None) -> Fetched:
        """Download, check and import one version (see the module's docstring)."""
        part = self._download(offer, progress)
        return self._admit(offer, part)

    def fetch_all(self, progress: Callable[[Offer, int, int], None] | None = None) -> list[Fetched]:
        """Fetch everything :meth:`available` lists, one after the other."""
        done = []
        for offer in self.available():
            each: Progress | None = None
            if progress is not None:
                each = (lambda o: lambda d, t: progress(o, d, t))(offer)
            done.append(self.fetch(offer, each))
        return done

    def _download(self, offer: Offer, progress: Progress | None) -> Path:
        if not D.SHA256.fullmatch(offer.sha256):  # the partial's name is made from it: 64 hex digits only
            raise ValueError("an offer's sha256 is 64 lower-case hex digits")
        part = self.downloads / f"{offer.sha256}.part"
        try:
            self.downloads.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputFileError(path=str(self.downloads), detail=exc.strerror or str(exc)) from None
        for attempt in range(self._attempts):
            if self._cancelled.is_set():
                raise SyncCancelledError()
            try:
                if self._one_request(offer, part, progress):
                    return part
            except OfflineError:
                if self._cancelled.is_set():
                    raise SyncCancelledError() from None
                if attempt == self._attempts - 1:
                    raise
        part.unlink(missing_ok=True)
        raise DownloadRefusedError(what=f"{offer.session_id} v{offer.version}", detail=T(
            "the server does not give the file it listed", "máy chủ không gửi đúng tệp đã liệt kê"))

    def _one_request(self, offer: Offer, part: Path, progress: Progress | None) -> bool:
        """One GET from where the partial file ends: True once it holds ``offer.size`` bytes."""
        have = part.stat().st_size if part.exists() else 0
        if have > offer.size:
            part.unlink()
            have = 0
        if have == offer.size:
            return True
        headers = {}
        if have:
            headers = {"Range": f"bytes={have}-", "If-Range": D.etag(offer.sha256)}
            self.resumed_from.append(have)
        conn, token = self._authorize()
        if not isinstance(conn, Connection):
            raise ProtocolError(address=conn.address, detail="this connection cannot download")
        try:
            with conn.stream(f"{D.BUNDLES}/{offer.sha256}", token, headers) as response:
                if response.status == 206:
                    start, total = _content_range(response.getheader("content-range") or "")
                    if start != have:
                        raise ProtocolError(address=conn.address, detail="the server resumed at another place")
                elif response.status == 200:
                    have, total = 0, _int_text(response.getheader("content-length") or "")  # the whole file again
                else:
                    raise ProtocolError(address=conn.address, detail=f"HTTP {response.status}")
                if total != offer.size:
                    part.unlink(missing_ok=True)
                    raise DownloadRefusedError(what=f"{offer.session_id} v{offer.version}", detail=T(
                        f"the server sends {total} bytes, not the {offer.size} it listed",
                        f"máy chủ gửi {total} byte, không phải {offer.size} byte như đã liệt kê"))
                with self._lock:
                    self._live = response
                try:
                    self._receive(response, part, have, offer.size, progress)
                finally:
                    with self._lock:
                        self._live = None
        except HttpError as exc:
            if exc.status == 416:  # what we have is not a beginning of the file: start again
                part.unlink(missing_ok=True)
                return False
            raise
        return part.stat().st_size >= offer.size

    def _receive(self, response: Any, part: Path, have: int, size: int, progress: Progress | None) -> None:
        try:
            out = open(part, "r+b" if have else "wb")
        except OSError as exc:
            raise _output_error(part, exc) from None
        with out:
            out.truncate(have)
            out.seek(have)
            done = have
            while done < size:
                if self._cancelled.is_set():
                    raise SyncCancelledError()
                chunk = response.read(min(CHUNK, size - done))
                if not chunk:
                    break
                try:
                    out.write(chunk)
                    out.flush()
                except OSError as exc:
                    raise _output_error(part, exc) from None
                done += len(chunk)
                if progress is not None:
                    progress(done, size)
                if self.on_chunk is not None:
                    self.on_chunk(done)
            try:
                os.fsync(out.fileno())
            except OSError as exc:
                raise _output_error(part, exc) from None
        if self._cancelled.is_set():
            raise SyncCancelledError()

    def _admit(self, offer: Offer, part: Path) -> Fetched:
        """Check the finished download and import it; a refusal deletes it and adds nothing."""
        what = f"{offer.session_id} v{offer.version}"
        try:
            if _sha256(part) != offer.sha256:
                raise DownloadRefusedError(what=what, detail=T("its bytes are not the ones the server listed",
                                                               "dữ liệu không khớp với danh sách của máy chủ"))
            trusted = list(self._trusted())
            try:
                manifest = verify_bundle(part, trusted).manifest
            except BundleError as exc:
                raise DownloadRefusedError(what=what, detail=T(exc.message("en"), exc.message("vi"))) from None
            if manifest.session_id != offer.session_id or manifest.version != offer.version:
                raise DownloadRefusedError(what=what, detail=T(
                    f"it holds version {manifest.version} of {manifest.session_id}, not the one the server named",
                    f"gói chứa phiên bản {manifest.version} của {manifest.session_id}, không phải bản máy chủ nêu"))
            seen = self.library.highest_seen(manifest.session_id)
            if seen is not None and manifest.version <= seen:
                raise DownloadRefusedError(what=what, detail=T(
                    f"version {seen} of this session is already here; an older or equal one is refused",
                    f"máy này đã có phiên bản {seen} của phiên họp; bản cũ hơn hoặc bằng bị từ chối"))
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        old_agenda = self._old_agenda(manifest.session_id, trusted)
        final = self.library.bundles_dir / final_name(manifest.session_id, manifest.version)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, final)
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise _output_error(final, exc) from None
        try:
            opened = import_bundle(self.library, final, trusted)
        except BaseException:
            final.unlink(missing_ok=True)
            raise
        try:
            agenda, member = opened.agenda, opened.member
        finally:
            opened.close()
        return Fetched(manifest.session_id, manifest.version, agenda.title, old_agenda is None,
                       compare(old_agenda, agenda, member))

    def _old_agenda(self, session_id: str, trusted: Sequence[PublicCard]) -> Agenda | None:
        """The agenda of the version in the library now (None: a new session, or one not readable now)."""
        if not self.library.has_session(session_id):
            return None
        try:
            opened = open_bundle(self.library.bundle_path(self.library.session(session_id)), self.library.identity,
                                 trusted, clock=self.library.trusted_time)
        except PaperlessError:
            return None
        try:
            return opened.agenda
        finally:
            opened.close()


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("not a whole number")
    return value


def _int_text(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else -1


def _content_range(header: str) -> tuple[int, int]:
    """(first byte, whole size) of ``bytes FIRST-LAST/SIZE``; -1 for what is not in that shape."""
    unit, _, rest = header.partition(" ")
    span, _, size = rest.partition("/")
    if unit != "bytes":
        return -1, -1
    return _int_text(span.partition("-")[0]), _int_text(size)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def _output_error(path: Path, exc: OSError) -> PaperlessError:
    if exc.errno == errno.ENOSPC:
        return DiskFullError(path=str(path))
    return OutputFileError(path=str(path), detail=exc.strerror or str(exc))


__all__ = ["Changes", "DownloadRefusedError", "Fetched", "Fetcher", "Offer", "compare"]
