"""Opening a bundle into the library: verify, check rollback and recipient, keep a copy, open.

A bundle opened from elsewhere (a USB stick, a download folder) is first copied into the
library's ``bundles/`` folder under a temporary name, verified and opened there, and only
then given its final name — so a refused bundle leaves nothing behind. The copy is
encrypted exactly as received. Reopening a session from the library skips the full hash
check (done on import); each document is still checked against its signed hash when read.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from paperless.core.bundle import OpenedBundle, open_bundle, verify_bundle
from paperless.core.bundle.zipraw import Progress
from paperless.core.errors import InputFileError, OutputFileError, PaperlessError
from paperless.core.identity import PublicCard
from paperless.core.library.state import SessionRecord
from paperless.core.library.store import Library

_SAFE = re.compile(r"[^A-Za-z0-9-]")


def _final_name(session_id: str, version: int) -> str:
    return f"{_SAFE.sub('', session_id)[:64] or 'session'}-v{version}.paperless"


def _copy_in(library: Library, source: Path) -> Path:
    try:
        readable = source.is_file() and os.access(source, os.R_OK)
    except OSError:
        readable = False
    if not readable:
        raise InputFileError(path=str(source), detail="not a readable file")
    try:
        library.bundles_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".incoming-", suffix=".paperless", dir=library.bundles_dir)
        os.close(fd)
    except OSError as exc:
        raise OutputFileError(path=str(library.bundles_dir), detail=exc.strerror or str(exc)) from None
    tmp = Path(name)
    try:
        shutil.copyfile(source, tmp)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputFileError(path=str(library.bundles_dir), detail=exc.strerror or str(exc)) from None
    return tmp


def is_in_library(library: Library, path: Path) -> bool:
    try:
        path.resolve().relative_to(library.bundles_dir.resolve())
    except ValueError:
        return False
    return True


def import_bundle(library: Library, source: Path, trusted: Sequence[PublicCard], *,
                  progress: Progress | None = None, now: datetime | None = None) -> OpenedBundle:
    """Verify ``source`` completely, open it for the library's member and remember it.

    Raises the bundle errors (unknown signer, tampered, rollback, not a recipient …) with
    nothing written. Returns the opened bundle, reading from the library's copy.
    """
    identity = library.identity
    if is_in_library(library, source):
        verified = verify_bundle(source, trusted, progress=progress)
        opened = open_bundle(source, identity, trusted, verified=verified, now=now,
                             highest_seen=library.highest_seen(verified.manifest.session_id))
        library.remember(opened, source)
        return opened
    tmp = _copy_in(library, source)
    try:
        verified = verify_bundle(tmp, trusted, progress=progress)
        manifest = verified.manifest
        with open_bundle(tmp, identity, trusted, verified=verified, now=now,
                         highest_seen=library.highest_seen(manifest.session_id)):
            pass  # rollback and recipient checked before the copy is kept
        final = library.bundles_dir / _final_name(manifest.session_id, manifest.version)
        os.replace(tmp, final)
    except PaperlessError as exc:
        tmp.unlink(missing_ok=True)
        if exc.params.get("path") == str(tmp):  # name the file the user chose, not our copy
            exc.params["path"] = str(source)
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    opened = open_bundle(final, identity, trusted, verified=verified, now=now,
                         highest_seen=library.highest_seen(manifest.session_id))
    try:
        library.remember(opened, final)
    except BaseException:
        opened.close()
        raise
    return opened


def reopen_session(library: Library, record: SessionRecord, trusted: Sequence[PublicCard], *,
                   now: datetime | None = None) -> OpenedBundle:
    """Open a session already in the library (signature and structure are checked again)."""
    path = library.bundle_path(record)
    if not path.is_file():
        raise InputFileError(path=str(path), detail="missing")
    opened = open_bundle(path, library.identity, trusted, now=now,
                         highest_seen=library.highest_seen(record.session_id))
    try:
        library.remember(opened, path)
    except BaseException:
        opened.close()
        raise
    return opened
