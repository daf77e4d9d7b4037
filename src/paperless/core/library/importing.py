"""Opening a bundle for the library: cheap checks, rollback and recipient, remember, show.

Nothing here costs time in proportion to the bundle's size. :func:`open_bundle` opens the file
once — everything later is read through that open file, so a file renamed over the path does
not matter — checks the signature, the manifest, the entry list and sizes, rollback and the
agenda's hash, and decrypts the agenda; each document is checked against its signed hash
before it is first used, and its decrypted bytes against the agenda every time. A
bundle opened from elsewhere (a USB stick, a download folder) is read in place for this
session; the library's copy is made afterwards, off the critical path, by
:func:`~paperless.core.library.keeping.keep_copy` (which also checks every entry's hash before
the library keeps it). A refused bundle leaves nothing behind: every refusal happens before
anything is written, and messages name the file the user chose.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from paperless.core.bundle import OpenedBundle, TamperedError, check_rollback, open_bundle
from paperless.core.errors import InputFileError, T
from paperless.core.identity import PublicCard
from paperless.core.library.errors import RecalledSessionError
from paperless.core.library.state import SessionRecord
from paperless.core.library.store import Library


def is_in_library(library: Library, path: Path) -> bool:
    try:
        path.resolve().relative_to(library.bundles_dir.resolve())
    except ValueError:
        return False
    return True


def _check_readable(source: Path) -> None:
    try:
        readable = source.is_file() and os.access(source, os.R_OK)
    except OSError:
        readable = False
    if not readable:
        raise InputFileError(path=str(source), detail="not a readable file")


def _open_checked(library: Library, path: Path, trusted: Sequence[PublicCard], now: datetime | None,
                  session_id: str | None = None) -> OpenedBundle:
    """open_bundle, then rollback against everything seen here (and the expected session, if any)."""
    # Expiry by the library's clock: it never goes back past the latest time seen (unless a fixed
    # ``now`` is given, for tests and tools).
    opened = open_bundle(path, library.identity, trusted, now=now, clock=library.trusted_time)
    try:
        manifest = opened.manifest
        if session_id is not None and manifest.session_id != session_id:
            raise TamperedError(path=str(path), detail=T("the file holds another session",
                                                         "tệp chứa một phiên họp khác"))
        check_rollback(manifest.version, library.highest_seen(manifest.session_id), str(path))
        if library.is_recalled(manifest.session_id, manifest.version):
            raise RecalledSessionError(path=str(path))
    except BaseException:
        opened.close()
        raise
    return opened


def import_bundle(library: Library, source: Path, trusted: Sequence[PublicCard], *,
                  now: datetime | None = None) -> OpenedBundle:
    """Open ``source`` for the library's member and remember it (reading state, rollback).

    Raises the bundle errors (unknown signer, tampered manifest or agenda, rollback, not a
    recipient …) with nothing written. The returned bundle reads from ``source``; while the
    library has no copy of this version, ``library.copy_wanted(session_id)`` names ``source``.
    """
    _check_readable(source)
    opened = _open_checked(library, source, trusted, now)
    try:
        if is_in_library(library, source):
            library.remember(opened, source)
        else:
            library.remember_external(opened, source)
    except BaseException:
        opened.close()
        raise
    return opened


def reopen_session(library: Library, record: SessionRecord, trusted: Sequence[PublicCard], *,
                   now: datetime | None = None) -> OpenedBundle:
    """Open a session already in the library (signature and structure are checked again).

    It reads the library's copy, or — if the copy was not made yet — the file it was opened from.
    """
    path = library.bundle_path(record)
    if not path.is_file():
        raise InputFileError(path=str(path), detail="missing")
    opened = _open_checked(library, path, trusted, now, record.session_id)
    try:
        library.remember(opened, path)
    except BaseException:
        opened.close()
        raise
    return opened
