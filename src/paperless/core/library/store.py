"""The member's library on disk: ``library/<recipient-hash>/state.age`` under the data folder.

The state is JSON (:mod:`.state`) sealed with :mod:`paperless.core.localstate`: an age file to
the member's own recipient carrying a MAC under a key derived from the identity's secrets, so
only the member's unlocked identity can read it *or write one the app will accept*. A file that
is not sealed, or whose seal fails, is refused (:class:`LibraryTamperedError`) — never silently
replaced by an empty library, which would reset the rollback protection it holds; the member
may choose to start a new library (:meth:`Library.start_over`), which keeps the refused file
aside. Writes are atomic and durable. The state also holds the highest version seen of every
session (kept when a session is forgotten), the trusted office cards, and the latest time seen.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from paperless.core.atomic import fsync_folder
from paperless.core.bundle import OpenedBundle
from paperless.core.errors import OutputFileError, T
from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.library.errors import (
    LibraryError,
    LibraryTamperedError,
    NotAnOfficeCardError,
    UnknownSessionError,
)
from paperless.core.library.state import (
    DocumentState,
    LibraryState,
    SessionRecord,
    is_external,
    is_kept_name,
)
from paperless.core.localstate import LocalStateError, LocalStateTamperedError, read_sealed, write_sealed

STATE_FILE = "state.age"
STATE_PURPOSE = "library"
LIBRARY_DIR = "library"
BUNDLES_DIR = "bundles"
REJECTED_SUFFIX = ".rejected-"

Clock = Callable[[], datetime]


def recipient_hash(recipient: str) -> str:
    """A short, stable folder name for a member that does not reveal their key."""
    return hashlib.sha256(f"paperless-library\n{recipient}\n".encode()).hexdigest()[:24]


class Library:
    """One member's sessions and reading state; load with :meth:`open`, persist with :meth:`save`.

    Safe to use from several threads (the app opens bundles off its GUI thread): every method
    holds one lock while it reads or changes the state.
    """

    def __init__(self, root: Path, identity: UnlockedIdentity, state: LibraryState, *,
                 clock: Clock | None = None) -> None:
        self.root = root
        self.identity = identity
        self.state = state
        self.folder = root / LIBRARY_DIR / recipient_hash(identity.card.recipient)
        self.state_path = self.folder / STATE_FILE
        self.bundles_dir = root / BUNDLES_DIR
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.RLock()
        self.dirty = False
        self.discarded = False  # its files were wiped (this device was revoked): nothing is written again

    @classmethod
    def open(cls, root: Path, identity: UnlockedIdentity, *, clock: Clock | None = None) -> Library:
        """Open the member's sealed state, or start an empty library if there is none yet.

        Raises :class:`LibraryTamperedError` for a state that is not sealed by this identity or
        whose seal fails (see :meth:`start_over`), :class:`LibraryError` for one that cannot be read.
        """
        lib = cls(root, identity, LibraryState(), clock=clock)
        try:
            plain = read_sealed(lib.state_path, identity, STATE_PURPOSE)
        except LocalStateTamperedError as exc:
            raise LibraryTamperedError(path=str(lib.state_path), detail=exc.params.get("detail", "")) from None
        except LocalStateError as exc:
            raise LibraryError(path=str(lib.state_path), detail=exc.params.get("detail", "")) from None
        if plain is not None:
            lib.state = LibraryState.from_json(plain, str(lib.state_path))
        return lib

    @classmethod
    def start_over(cls, root: Path, identity: UnlockedIdentity, *, clock: Clock | None = None) -> Library:
        """The member's choice after a refused state: keep the refused file aside (``state.age.rejected-…``)
        and start a new, empty library. Sessions must then be opened again from their files; the
        versions seen before are no longer known on this computer."""
        lib = cls(root, identity, LibraryState(), clock=clock)
        if lib.state_path.exists():
            stamp = lib._clock().strftime("%Y%m%dT%H%M%S")
            aside = lib.state_path.with_name(f"{STATE_FILE}{REJECTED_SUFFIX}{stamp}")
            try:
                os.replace(lib.state_path, aside)
            except OSError as exc:
                raise OutputFileError(path=str(lib.state_path), detail=exc.strerror or str(exc)) from None
        lib.trusted_time()
        lib.save()
        return lib

    def use_clock(self, clock: Clock) -> None:
        """Read the time from ``clock`` from now on (the app's; tests set it)."""
        with self._lock:
            self._clock = clock

    def now(self) -> datetime:
        """This computer's clock, never earlier than the latest time the library has seen."""
        return self.trusted_time()

    def trusted_time(self) -> datetime:
        """The clock, but never earlier than the latest time this library has seen (a high-water
        mark kept in the sealed state): setting the clock back does not revive an expired session.
        A later time than the one recorded is remembered (saved with the next save)."""
        with self._lock:
            now = self._clock()
            latest = self.state.latest_time
            if latest is None or now > latest:
                self.state.latest_time = now
                self.dirty = True
                return now
            return latest

    def discard(self) -> None:
        """This library's files were wiped (the office server revoked this device): from now on
        nothing is saved back, so what the app still holds in memory never recreates them."""
        with self._lock:
            self.discarded = True
            self.dirty = False

    def save(self) -> None:
        """Seal the state and replace the file atomically (not once :meth:`discard` was called)."""
        with self._lock:
            if self.discarded:
                return
            write_sealed(self.state_path, self.identity, STATE_PURPOSE, self.state.to_json())
            self.dirty = False

    def save_if_dirty(self) -> None:
        with self._lock:
            if self.dirty:
                self.save()

    # -- sessions ---------------------------------------------------------------------------

    def sessions(self) -> list[SessionRecord]:
        """Sessions opened here, newest meeting first."""
        with self._lock:
            return self.state.newest_first()

    def has_session(self, session_id: str) -> bool:
        with self._lock:
            return session_id in self.state.sessions

    def session(self, session_id: str) -> SessionRecord:
        with self._lock:
            try:
                return self.state.sessions[session_id]
            except KeyError:
                raise UnknownSessionError(path=str(self.state_path)) from None

    def bundle_path(self, record: SessionRecord) -> Path:
        """Where the record's bundle is read from: the library's own copy, or the member's file."""
        return _confined(self.bundles_dir, record.bundle)

    def highest_seen(self, session_id: str) -> int | None:
        """The highest version of the session opened with this library (app or command line)."""
        with self._lock:
            versions = [v for v in (self.state.seen.get(session_id),) if v is not None]
            record = self.state.sessions.get(session_id)
            if record is not None:
                versions.append(record.version)
            return max(versions) if versions else None

    def mark_recalled(self, session_id: str) -> None:
        """The office recalled the session: refuse every version seen here so far, wherever a copy
        of it comes from (:meth:`is_recalled`); saves. Nothing to refuse if none was seen."""
        with self._lock:
            seen = self.highest_seen(session_id)
            if seen is not None and self.state.recalled.get(session_id, 0) < seen:
                self.state.recalled[session_id] = seen
                self.save()

    def is_recalled(self, session_id: str, version: int) -> bool:
        """True if the office recalled this version of the session (or a later one) from this library."""
        with self._lock:
            return version <= self.state.recalled.get(session_id, 0)

    def record_seen(self, session_id: str, version: int) -> None:
        """Remember that ``version`` of the session was opened (the command line's extract); saves."""
        with self._lock:
            if self.state.seen.get(session_id, 0) < version:
                self.state.seen[session_id] = version
                self.save()

    # -- trusted office cards -------------------------------------------------------------------

    def trusted_signers(self) -> list[PublicCard]:
        with self._lock:
            return list(self.state.trusted)

    def is_trusted(self, card: PublicCard) -> bool:
        with self._lock:
            return any(c.fingerprint == card.fingerprint for c in self.state.trusted)

    def trust(self, card: PublicCard) -> None:
        """Trust an office card to sign sessions (idempotent); only a card with the clerk role may."""
        if card.role != "clerk":
            raise NotAnOfficeCardError(name=card.name)
        with self._lock:
            if not self.is_trusted(card):
                self.state.trusted.append(card)
                self.save()

    def untrust(self, card: PublicCard) -> None:
        with self._lock:
            kept = [c for c in self.state.trusted if c.fingerprint != card.fingerprint]
            if len(kept) != len(self.state.trusted):
                self.state.trusted = kept
                self.save()

    # -- sessions -------------------------------------------------------------------------------

    def remember(self, opened: OpenedBundle, bundle: Path) -> SessionRecord:
        """Record an opened bundle (title, dates, version, readable documents) and save."""
        try:
            name = str(bundle.relative_to(self.bundles_dir))
        except ValueError:
            name = ""
        if not is_kept_name(name):  # not one of the library's own copies: the file where it is
            name = str(bundle.resolve())
        return self._record(opened, name)

    def remember_external(self, opened: OpenedBundle, source: Path) -> SessionRecord:
        """Record a bundle opened from outside the library, read from ``source`` for now.

        A copy of the same version already in the library stays the record's bundle;
        otherwise the record names ``source`` until :meth:`adopt_copy` gives it the library's copy.
        """
        with self._lock:
            old = self.state.sessions.get(opened.manifest.session_id)
            if old is not None and old.version == opened.manifest.version and self.is_kept(old):
                return self._record(opened, old.bundle)
            return self._record(opened, str(source.resolve()))

    def _record(self, opened: OpenedBundle, name: str) -> SessionRecord:
        with self._lock:
            agenda, manifest = opened.agenda, opened.manifest
            old = self.state.sessions.get(manifest.session_id)
            readable = [d.entry for it in agenda.items if it.readable_by(opened.member) for d in it.documents]
            docs: dict[str, DocumentState] = {}
            hashes = {d.entry: d.sha256 for it in agenda.items for d in it.documents}
            for entry in readable:
                before = old.documents.get(entry) if old else None
                if before is not None and (not before.sha256 or before.sha256 == hashes[entry]):
                    docs[entry] = DocumentState(before.last_page, before.read, hashes[entry])
                elif before is not None:  # the document changed in this version: keep the place, unread
                    docs[entry] = DocumentState(before.last_page, False, hashes[entry])
                else:
                    docs[entry] = DocumentState(0, False, hashes[entry])
            record = SessionRecord(
                session_id=manifest.session_id, bundle=name, title=agenda.title,
                starts_at=agenda.starts_at.isoformat(), location=agenda.location,
                expires_at=manifest.expires_at.isoformat() if manifest.expires_at else None,
                version=max(manifest.version, old.version if old else 0),
                last_opened=self.now().isoformat(), readable=readable, documents=docs,
                last_document=old.last_document if old and old.last_document in docs else None,
            )
            self.state.sessions[manifest.session_id] = record
            self.state.seen[manifest.session_id] = max(manifest.version, self.state.seen.get(manifest.session_id, 0))
            self.save()
            if old is not None and old.bundle != name:
                self._drop_bundle_file(old.bundle)
            return record

    # -- the library's copies of bundles (see .keeping) ----------------------------------------

    def is_kept(self, record: SessionRecord) -> bool:
        """True if the record's bundle is a file in the library's own bundles folder."""
        return is_kept_name(record.bundle) and (self.bundles_dir / record.bundle).is_file()

    def copy_wanted(self, session_id: str) -> Path | None:
        """The file a session is read from while the library has no copy of it yet, else None."""
        with self._lock:
            record = self.state.sessions.get(session_id)
            if record is None or not is_external(record.bundle):
                return None
            return Path(record.bundle)

    def adopt_copy(self, session_id: str, version: int, source: str, copy: Path, final: Path) -> bool:
        """Give a finished, checked copy its final name in ``bundles/`` and record it.

        Only if the session still wants it (same version, still read from ``source``);
        otherwise the copy is removed and False returned.
        """
        with self._lock:
            record = self.state.sessions.get(session_id)
            if record is None or record.version != version or record.bundle != source:
                copy.unlink(missing_ok=True)
                return False
            try:
                os.replace(copy, final)
                fsync_folder(final.parent)
            except OSError as exc:
                copy.unlink(missing_ok=True)
                raise OutputFileError(path=str(final), detail=exc.strerror or str(exc)) from None
            name = str(final.relative_to(self.bundles_dir))
            if not is_kept_name(name):
                copy.unlink(missing_ok=True)
                raise OutputFileError(path=str(final), detail=T("not a name of the library's copies",
                                                                "không phải tên bản lưu của thư viện"))
            record.bundle = name
            try:
                self.save()
            except BaseException:
                record.bundle = source
                final.unlink(missing_ok=True)
                raise
            return True

    def drop_damaged(self, session_id: str, version: int, source: str) -> bool:
        """Forget a session whose bundle turned out damaged (its version stays seen: rollback)."""
        with self._lock:
            record = self.state.sessions.get(session_id)
            if record is None or record.version != version or record.bundle != source:
                return False
            del self.state.sessions[session_id]
            self.save()
            return True

    def _drop_bundle_file(self, name: str) -> None:
        """Remove a superseded copy that lives in our bundles folder (never the user's files,
        never anything a name from the stored state could reach outside that folder)."""
        if not is_kept_name(name):
            return
        try:
            (self.bundles_dir / name).unlink(missing_ok=True)
        except OSError:
            pass  # an old copy left behind does no harm: it is encrypted

    def forget(self, session_id: str) -> None:
        with self._lock:
            record = self.state.sessions.pop(session_id, None)
            if record is not None:
                self._drop_bundle_file(record.bundle)
                self.save()

    # -- reading state ------------------------------------------------------------------------

    def set_position(self, session_id: str, entry: str, page: int) -> None:
        with self._lock:
            record = self.session(session_id)
            doc = record.document(entry)
            if doc.last_page != page or record.last_document != entry:
                doc.last_page = max(0, page)
                record.last_document = entry
                self.dirty = True

    def mark_read(self, session_id: str, entry: str, read: bool = True) -> None:
        with self._lock:
            doc = self.session(session_id).document(entry)
            if doc.read != read:
                doc.read = read
                self.dirty = True

    def is_read(self, session_id: str, entry: str) -> bool:
        with self._lock:
            record = self.state.sessions.get(session_id)
            doc = record.documents.get(entry) if record else None
            return doc is not None and doc.read

    def last_page(self, session_id: str, entry: str) -> int:
        with self._lock:
            record = self.state.sessions.get(session_id)
            doc = record.documents.get(entry) if record else None
            return doc.last_page if doc else 0


def _confined(folder: Path, name: str) -> Path:
    """A stored bundle name as a path: a copy's plain name inside ``folder``, or an absolute path
    to the member's own file. Anything else (``../x``, ``sub/x``) is refused."""
    if is_kept_name(name):
        return folder / name
    if is_external(name):
        return Path(name)
    raise LibraryTamperedError(path=str(folder), detail=T(f"a stored file name is not allowed: {name!r}",
                                                          f"tên tệp đã lưu không hợp lệ: {name!r}"))
