"""The library's own copy of a bundle, made after the agenda is shown (meant for a worker thread).

The first opening of a bundle from elsewhere reads the user's file (see :mod:`.importing`).
:func:`keep_copy` then puts a copy into the library's ``bundles/`` folder, reading the user's
file through **one** open file (a file renamed over the path meanwhile is not what is kept):

1. a hard link (``os.link``: same file system, instant, no space used) — kept only if it names
   the very file held open — or else a copy of the open file, under a temporary name
   (``.incoming-…``) in ``bundles/``; a copy is written, flushed and fsync-ed;
2. every entry's SHA-256 is checked against the signed manifest the session was opened with,
   through that open file — for a copy, over the bytes as they are written (one read of the
   user's file) — and the copy is opened again (signature, entry list) to be sure it holds
   what was hashed;
3. :meth:`Library.adopt_copy` renames it to its final name and records it — only then, and only
   if the session still wants it (not forgotten, no newer version opened meanwhile).

An entry that does not match means a damaged or altered bundle: the temporary file is removed,
the session is dropped from the library (its version stays recorded, for rollback protection)
and :class:`TamperedError` names the user's file. A copy that cannot be made (disk full, the
file gone) is removed and reported as :class:`LibraryCopyError`; the session keeps reading from
the user's file and the next opening tries again. Cancelling leaves nothing behind.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import secrets
import shutil
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from paperless.core.bundle import BundleError, Manifest, TamperedError, open_bundle
from paperless.core.bundle.zipraw import BundleFile, RawEntry
from paperless.core.errors import OutputFileError, PaperlessError, T
from paperless.core.identity import PublicCard
from paperless.core.library.errors import LibraryCopyError
from paperless.core.library.store import Library

CHUNK = 1024 * 1024
INCOMING_PREFIX = ".incoming-"
STALE_SECONDS = 3600  # a temporary file untouched this long was left by a process that died
SPACE_MARGIN = 16 * 2**20  # left free on the disk after a copy
_SAFE = re.compile(r"[^A-Za-z0-9-]")


def final_name(session_id: str, version: int) -> str:
    return f"{_SAFE.sub('', session_id)[:64] or 'session'}-v{version}.paperless"


class _Cancelled(Exception):
    pass


class _Changed(Exception):
    """The file is no longer the one that was opened (replaced, cut short while being read)."""

    def __init__(self, detail: T) -> None:
        super().__init__(detail.en)
        self.detail = detail


class _Damaged(Exception):
    def __init__(self, entry: str) -> None:
        super().__init__(entry)
        self.entry = entry


_CHANGED = T("the file changed while it was being copied", "tệp đã thay đổi trong khi sao chép")


def keep_copy(library: Library, manifest: Manifest, source: Path, trusted: Sequence[PublicCard], *,
              cancel: threading.Event | None = None, opened: BundleFile | None = None) -> Path | None:
    """Put a checked copy of ``source`` (opened with the signed ``manifest``) into the library.

    ``source`` is the path the library's record names (``library.copy_wanted(session_id)``);
    ``opened``: the file the session was opened from (``OpenedBundle.duplicate_file()``, closed
    here), so that the copy is of that file even if ``source`` names another one by now.
    Returns the copy once it is recorded, or None if it is no longer wanted or ``cancel`` was
    set. Raises :class:`TamperedError` (the session is then dropped from the library) or
    :class:`LibraryCopyError`, both naming ``source``.
    """
    folder = library.bundles_dir
    label = str(source)
    sweep_incoming(folder)
    try:
        bf = opened if opened is not None else BundleFile(source)  # the one open file everything below reads
    except BundleError:
        raise LibraryCopyError(path=label, detail=_CHANGED) from None
    with bf:
        return _keep(library, manifest, bf, trusted, cancel)


def _keep(library: Library, manifest: Manifest, bf: BundleFile, trusted: Sequence[PublicCard],
          cancel: threading.Event | None) -> Path | None:
    folder = library.bundles_dir
    label = str(bf.path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp, linked = _link_or_create(bf, folder)
    except OSError as exc:
        raise _copy_error(label, exc) from None
    try:
        _fill_and_check(library, tmp, linked, bf, manifest, trusted, cancel)
    except _Cancelled:
        tmp.unlink(missing_ok=True)
        return None
    except _Damaged as damaged:
        tmp.unlink(missing_ok=True)
        try:
            library.drop_damaged(manifest.session_id, manifest.version, label)
        except PaperlessError:
            pass  # the state could not be saved: the damage is still reported, and found again next time
        name = damaged.entry
        raise TamperedError(path=label, detail=T(
            f"entry {name} has been altered; the session was not kept in your library",
            f"mục {name} đã bị sửa đổi; phiên họp không được lưu vào thư viện")) from None
    except _Changed as changed:
        tmp.unlink(missing_ok=True)
        raise LibraryCopyError(path=label, detail=changed.detail) from None
    except BundleError:  # the open file could not be read (cut short, a device gone)
        tmp.unlink(missing_ok=True)
        raise LibraryCopyError(path=label, detail=_CHANGED) from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _copy_error(label, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    final = folder / final_name(manifest.session_id, manifest.version)
    try:
        adopted = library.adopt_copy(manifest.session_id, manifest.version, label, tmp, final)
    except OutputFileError as exc:
        raise LibraryCopyError(path=label, detail=exc.params.get("detail", "")) from None
    return final if adopted else None


def sweep_incoming(folder: Path, older_than: float = STALE_SECONDS) -> None:
    """Remove temporary files left by a process that died while copying."""
    now = time.time()
    try:
        leftovers = list(folder.glob(f"{INCOMING_PREFIX}*"))
    except OSError:
        return
    for path in leftovers:
        try:
            if now - path.stat().st_ctime > older_than:  # ctime: a link or a write counts as a touch
                path.unlink()
        except OSError:
            pass


def _copy_error(label: str, exc: OSError) -> LibraryCopyError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return LibraryCopyError(path=label, detail=T("the disk is full", "đĩa đã đầy"))
    return LibraryCopyError(path=label, detail=exc.strerror or str(exc))


def _link_or_create(bf: BundleFile, folder: Path) -> tuple[Path, bool]:
    """A hard link to the file ``bf`` holds open, in ``folder``, if possible, else a new empty
    file; (path, linked)."""
    link_failed = False
    while True:
        tmp = folder / f"{INCOMING_PREFIX}{secrets.token_hex(8)}.paperless"
        if not link_failed:
            try:
                os.link(bf.path, tmp)
            except FileExistsError:
                continue
            except OSError:  # another file system, no hard links there, not our file …
                link_failed = True
            else:
                if bf.same_file(tmp):
                    return tmp, True
                tmp.unlink(missing_ok=True)  # the path names another file now: copy the one open
                link_failed = True
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            return tmp, False
        except FileExistsError:
            continue


def _fill_and_check(library: Library, tmp: Path, linked: bool, bf: BundleFile, manifest: Manifest,
                    trusted: Sequence[PublicCard], cancel: threading.Event | None) -> None:
    """Hash every entry through ``bf`` (the link's own file), or copy ``bf`` into ``tmp`` while hashing."""
    spans = _spans(bf.entries, manifest)
    if linked:
        digests = _stream(bf.reader(), None, spans, cancel)
    else:
        if shutil.disk_usage(tmp.parent).free < bf.file_size + SPACE_MARGIN:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        with open(tmp, "wb") as dst:
            digests = _stream(bf.reader(), dst, spans, cancel)
            dst.flush()
            os.fsync(dst.fileno())
        try:
            with BundleFile(tmp) as copy:
                copied = _spans(copy.entries, manifest)
        except BundleError:
            raise _Changed(_CHANGED) from None
        if copied != spans:
            raise _Changed(_CHANGED)
    for entry in manifest.entries:
        if digests[entry.name] != entry.sha256:
            raise _Damaged(entry.name)
    try:  # the copy's own signature and entry list: what a reopen will check
        with open_bundle(tmp, library.identity, trusted) as again:
            same = again.manifest == manifest
    except PaperlessError as exc:
        raise _Changed(T(exc.message("en"), exc.message("vi"))) from None
    if not same:
        raise _Changed(_CHANGED)


def _spans(entries: Mapping[str, RawEntry], manifest: Manifest) -> list[RawEntry]:
    """Where the manifest's entries lie in a bundle's ``entries`` (sizes as signed), in manifest order."""
    spans = []
    for entry in manifest.entries:
        raw = entries.get(entry.name)
        if raw is None or raw.size != entry.size:
            raise _Changed(_CHANGED)
        spans.append(raw)
    return spans


def _stream(src: io.RawIOBase, dst: io.BufferedIOBase | None, spans: Sequence[RawEntry],
            cancel: threading.Event | None) -> dict[str, str]:
    """Read ``src`` to its end (writing it to ``dst``), hashing each span's bytes on the way."""
    digests = {s.name: hashlib.sha256() for s in spans}
    pending = sorted(spans, key=lambda s: s.offset, reverse=True)  # next to start at the end
    active: list[RawEntry] = []
    buf = bytearray(CHUNK)
    view = memoryview(buf)
    pos = 0
    while True:
        if cancel is not None and cancel.is_set():
            raise _Cancelled()
        n = src.readinto(view) or 0
        if not n:
            break
        chunk = view[:n]
        if dst is not None:
            dst.write(chunk)
        end = pos + n
        while pending and pending[-1].offset < end:
            active.append(pending.pop())
        still: list[RawEntry] = []
        for span in active:
            lo, hi = max(span.offset, pos), min(span.offset + span.size, end)
            if hi > lo:
                digests[span.name].update(chunk[lo - pos:hi - pos])
            if span.offset + span.size > end:
                still.append(span)
        active = still
        pos = end
    if active or any(s.size for s in pending):
        raise _Changed(_CHANGED)
    return {name: d.hexdigest() for name, d in digests.items()}
