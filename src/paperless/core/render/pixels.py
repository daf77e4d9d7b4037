"""Pixel memory shared between the app and its render process.

A rendered page is 5-16 MB of RGB. Sending it back through the pipe costs a copy on each
side and fresh page faults (~20 ms for 15 MB here, as long as the render itself), so on
Linux big images are drawn by the render process straight into memory the app maps too:

* a :class:`Segment` is an anonymous ``memfd`` (no name in any file system, freed when the
  last mapping and descriptor go away — a crash leaves nothing behind), mapped here;
* it is sealed (it can never shrink or grow: a render process cannot make the app's mapping
  fault) and its descriptor is sent to the render process once (``SCM_RIGHTS``, see
  :mod:`paperless.core.isolation.wire`), which maps it, closes the descriptor and keeps the
  mapping for reuse (the app is not dumpable: nobody can open its ``/proc/<pid>/fd``);
* segments are reused: a page's :class:`~paperless.core.render.document.Image` holds the
  segment's ``mmap`` as its ``samples``; when the image is garbage (out of the cache and
  off the screen) the segment goes back to the :class:`SegmentPool`, so scrolling does not
  pay page faults again. Free segments beyond ``keep_free_bytes`` are closed and the render
  process is told to drop its mapping (by serial number, never by descriptor number, which
  the system reuses).

Elsewhere (Windows, macOS) :func:`shared_memory_supported` is false and every image comes
through the pipe. Only pixels ever live here — never document bytes — and only in memory.
"""

from __future__ import annotations

import fcntl
import itertools
import mmap
import os
import socket
import sys
import threading
import weakref
from collections import deque
from dataclasses import dataclass

from paperless.core.render.document import Image

SHARED_MIN_BYTES = 1 << 20  # smaller images (thumbnails) travel through the pipe
GRANULE = 256 * 1024  # segment sizes are rounded up to this, so near sizes share segments
KEEP_FREE_BYTES = 16 * 2**20  # about one page at 1920 px (more costs memory, not speed)
WARM_BYTES = 16 * 2**20  # one segment made ready at start: a first page up to this size pays no faults
FIT = 1.25  # a free segment serves an image up to this much smaller than itself


SEALS = getattr(fcntl, "F_SEAL_SHRINK", 2) | getattr(fcntl, "F_SEAL_GROW", 4) | getattr(fcntl, "F_SEAL_SEAL", 1)


def shared_memory_supported() -> bool:
    return (sys.platform.startswith("linux") and hasattr(os, "memfd_create") and hasattr(fcntl, "F_ADD_SEALS")
            and hasattr(socket, "SCM_RIGHTS"))


@dataclass(frozen=True)
class Token:
    """A segment: its descriptor here (sent to the render process), serial number and size."""

    fd: int
    serial: int
    size: int


class Segment:
    def __init__(self, token: Token, buffer: mmap.mmap) -> None:
        self.token = token
        self.buffer = buffer


def _round_up(nbytes: int) -> int:
    return max(GRANULE, -(-nbytes // GRANULE) * GRANULE)


class SegmentPool:
    """The app's side: lease a segment for a render, adopt it into the image it becomes.

    Thread-safe: images die on whatever thread drops them last (usually the GUI's).
    """

    def __init__(self, keep_free_bytes: int = KEEP_FREE_BYTES) -> None:
        self._keep = keep_free_bytes
        self._lock = threading.Lock()
        self._serials = itertools.count(1)
        self._free: list[Segment] = []  # oldest first
        self._free_bytes = 0
        self._in_use = 0
        self._forgotten: list[int] = []
        self._closed = False
        # Segments of images that died, waiting to be taken back. An image's finalizer may run
        # inside a garbage collection started while this pool's lock is held (on any thread):
        # it only appends here (no lock); the methods below take them back under the lock.
        self._returned: deque[Segment] = deque()

    def _take_returned_locked(self) -> None:
        while self._returned:
            self._give_back_locked(self._returned.popleft())

    def lease(self, nbytes: int) -> Segment:
        size = _round_up(nbytes)
        with self._lock:
            self._take_returned_locked()
            fitting = [(seg.token.size, i) for i, seg in enumerate(self._free)
                       if size <= seg.token.size <= size * FIT]
            if fitting:
                _size, i = min(fitting)
                segment = self._free.pop(i)
                self._free_bytes -= segment.token.size
                self._in_use += 1
                return segment
        segment = self._create(size)
        with self._lock:
            self._in_use += 1
        return segment

    def _create(self, size: int, *, allocate: bool = False) -> Segment:
        fd = os.memfd_create("paperless-pixels", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
        try:
            os.ftruncate(fd, size)
            fcntl.fcntl(fd, fcntl.F_ADD_SEALS, SEALS)  # its size is final, for everyone
            if allocate:
                os.posix_fallocate(fd, 0, size)  # the memory itself now, not page by page later
            buffer = mmap.mmap(fd, size)
        except BaseException:
            os.close(fd)
            raise
        return Segment(Token(fd, next(self._serials), size), buffer)

    def warm(self, size: int = WARM_BYTES) -> Token:
        """Make one free segment ready (its memory allocated) for the first page; returns its
        token so the render process can map it before it is needed (see :meth:`lease_free`)."""
        segment = self._create(_round_up(size), allocate=True)
        with self._lock:
            self._free.append(segment)
            self._free_bytes += segment.token.size
        return segment.token

    def lease_free(self, token: Token) -> Segment | None:
        """The free segment ``token`` names, leased (so its descriptor stays open while it is
        sent); None once it has been used or closed. Give it back after."""
        with self._lock:
            self._take_returned_locked()
            for i, segment in enumerate(self._free):
                if segment.token == token:
                    del self._free[i]
                    self._free_bytes -= segment.token.size
                    self._in_use += 1
                    return segment
        return None

    def adopt(self, image: Image, segment: Segment) -> None:
        """``image.samples`` is ``segment.buffer``: take the segment back when the image dies."""
        weakref.finalize(image, self._returned.append, segment)

    def give_back(self, segment: Segment) -> None:
        """Return a segment no image uses any more (also after a failed render)."""
        with self._lock:
            self._take_returned_locked()
            self._give_back_locked(segment)

    def _give_back_locked(self, segment: Segment) -> None:
        self._in_use -= 1
        self._free.append(segment)
        self._free_bytes += segment.token.size
        while self._free and (self._closed or self._free_bytes > self._keep):
            old = self._free.pop(0)
            self._free_bytes -= old.token.size
            self._forgotten.append(old.token.serial)
            _close(old)

    def take_forgotten(self) -> list[int]:
        """Serials of segments closed since the last call (the render process unmaps them)."""
        with self._lock:
            self._take_returned_locked()
            forgotten, self._forgotten = self._forgotten, []
            return forgotten

    def stats(self) -> tuple[int, int]:
        """(segments in use, bytes kept free) — for tests and benchmarks."""
        with self._lock:
            self._take_returned_locked()
            return self._in_use, self._free_bytes

    def close(self) -> None:
        """Close the free segments now and the others when their images die."""
        with self._lock:
            self._closed = True
            self._take_returned_locked()
            while self._free:
                old = self._free.pop()
                self._free_bytes -= old.token.size
                _close(old)


def _close(segment: Segment) -> None:
    try:
        segment.buffer.close()
    except BufferError:  # still exported somewhere: the mapping goes when that does
        pass
    try:
        os.close(segment.token.fd)
    except OSError:
        pass


class ChildMappings:
    """The render process's side: each segment mapped once (from the descriptor the app sent,
    closed at once), kept by serial number until forgotten."""

    def __init__(self) -> None:
        self._maps: dict[int, mmap.mmap] = {}

    def adopt(self, serial: int, size: int, fd: int, *, populate: bool = False) -> mmap.mmap:
        """Map the segment ``fd`` (``size`` bytes) as ``serial``; the descriptor is closed."""
        try:
            old = self._maps.pop(serial, None)
            if old is not None:
                old.close()
            flags = mmap.MAP_SHARED | (getattr(mmap, "MAP_POPULATE", 0) if populate else 0)
            buffer = mmap.mmap(fd, size, flags=flags)
        finally:
            os.close(fd)
        self._maps[serial] = buffer
        return buffer

    def get(self, serial: int) -> mmap.mmap:
        buffer = self._maps.get(serial)
        if buffer is None:
            raise KeyError(f"segment {serial} was never sent")
        return buffer

    def forget(self, serials: list[int]) -> None:
        for serial in serials:
            buffer = self._maps.pop(serial, None)
            if buffer is not None:
                buffer.close()

    def __len__(self) -> int:
        return len(self._maps)
