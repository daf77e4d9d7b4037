"""The member's library on disk: ``library/<recipient-hash>/state.age`` under the data folder.

The state is JSON (:mod:`.state`) encrypted with age to the member's own X25519 recipient,
so only their unlocked identity can read it. Writes are atomic: a temporary file in the
same folder, flushed, then ``os.replace``. The highest version seen per session is kept in
the encrypted state and, as ids and numbers only, in the shared cleartext
:class:`~paperless.core.bundle.SeenVersions` file the command line also uses.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from paperless.core.age import AgeError, decrypt_bytes, encrypt_bytes
from paperless.core.atomic import atomic_write, fsync_folder
from paperless.core.bundle import OpenedBundle, SeenVersions
from paperless.core.errors import OutputFileError
from paperless.core.identity import UnlockedIdentity
from paperless.core.library.errors import LibraryError, UnknownSessionError
from paperless.core.library.state import DocumentState, LibraryState, SessionRecord

STATE_FILE = "state.age"
LIBRARY_DIR = "library"
BUNDLES_DIR = "bundles"
SEEN_FILE = "seen-versions.json"

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
        self.seen = SeenVersions(root / SEEN_FILE)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.RLock()
        self.dirty = False

    @classmethod
    def open(cls, root: Path, identity: UnlockedIdentity, *, clock: Clock | None = None) -> Library:
        """Decrypt the member's state, or start an empty library if there is none yet."""
        lib = cls(root, identity, LibraryState(), clock=clock)
        try:
            data = lib.state_path.read_bytes()
        except FileNotFoundError:
            return lib
        except OSError as exc:
            raise LibraryError(path=str(lib.state_path), detail=exc.strerror or str(exc)) from None
        try:
            plain = decrypt_bytes([identity.age_identity], data)
        except AgeError as exc:
            raise LibraryError(path=str(lib.state_path), detail=str(exc)) from None
        lib.state = LibraryState.from_json(plain, str(lib.state_path))
        return lib

    def now(self) -> datetime:
        return self._clock()

    def save(self) -> None:
        """Encrypt the state to the member's own recipient and replace the file atomically."""
        with self._lock:
            data = encrypt_bytes([self.identity.card.age_recipient], self.state.to_json())
            atomic_write(self.state_path, data)
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
        path = Path(record.bundle)
        return path if path.is_absolute() else self.bundles_dir / path

    def highest_seen(self, session_id: str) -> int | None:
        """The highest version of the session opened on this computer (library or command line)."""
        with self._lock:
            versions = [v for v in (self.seen.highest(session_id),) if v is not None]
            record = self.state.sessions.get(session_id)
            if record is not None:
                versions.append(record.version)
            return max(versions) if versions else None

    def remember(self, opened: OpenedBundle, bundle: Path) -> SessionRecord:
        """Record an opened bundle (title, dates, version, readable documents) and save."""
        try:
            name = str(bundle.relative_to(self.bundles_dir))
        except ValueError:
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
            self.seen.record(manifest.session_id, manifest.version)
            self.save()
            if old is not None and old.bundle != name:
                self._drop_bundle_file(old.bundle)
            return record

    # -- the library's copies of bundles (see .keeping) ----------------------------------------

    def is_kept(self, record: SessionRecord) -> bool:
        """True if the record's bundle is a file in the library's own bundles folder."""
        path = Path(record.bundle)
        return not path.is_absolute() and (self.bundles_dir / path).is_file()

    def copy_wanted(self, session_id: str) -> Path | None:
        """The file a session is read from while the library has no copy of it yet, else None."""
        with self._lock:
            record = self.state.sessions.get(session_id)
            if record is None or not Path(record.bundle).is_absolute():
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
            record.bundle = str(final.relative_to(self.bundles_dir))
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
        """Remove a superseded copy that lives in our bundles folder (never the user's files)."""
        path = Path(name)
        if path.is_absolute():
            return
        try:
            (self.bundles_dir / path).unlink(missing_ok=True)
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
