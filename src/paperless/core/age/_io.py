"""Small I/O helpers: a peekable buffered input and a write-everything helper."""

from __future__ import annotations

from typing import Protocol


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes | None: ...


class Writable(Protocol):
    def write(self, data: bytes | bytearray | memoryview, /) -> int | None: ...


_BLOCK = 1 << 16


class Input:
    """Buffered reader with ``peek``, ``readline`` and full reads into caller buffers.

    Reads from ``src`` (anything with ``read``, optionally ``readinto``). ``consumed`` counts
    the bytes handed out so far, which gives the header length after parsing it.
    """

    def __init__(self, src: Readable) -> None:
        self._src = src
        self._readinto = getattr(src, "readinto", None)
        self._buf = bytearray()
        self._pos = 0
        self._eof = False
        self.consumed = 0

    def _fill(self, want: int) -> None:
        """Buffer at least ``want`` unread bytes, unless EOF comes first."""
        while len(self._buf) - self._pos < want and not self._eof:
            if self._pos and self._pos >= len(self._buf) // 2:
                del self._buf[: self._pos]
                self._pos = 0
            data = self._src.read(max(_BLOCK, want - (len(self._buf) - self._pos)))
            if not data:
                self._eof = True
            else:
                self._buf += data

    def peek(self, n: int) -> bytes:
        """Up to ``n`` next bytes (fewer only at EOF), without consuming them."""
        self._fill(n)
        return bytes(self._buf[self._pos : self._pos + n])

    def readline(self, limit: int) -> bytes:
        """The next line including its LF if that fits in ``limit`` bytes.

        Otherwise (line too long, or EOF first) up to ``limit`` bytes without a final LF,
        which the caller treats as an error.
        """
        searched = 0
        while True:
            avail = len(self._buf) - self._pos
            window = min(avail, limit)
            end = self._buf.find(b"\n", self._pos + searched, self._pos + window)
            if end >= 0:
                return self._take(end + 1 - self._pos)
            searched = window
            if avail >= limit or self._eof:
                return self._take(window)
            self._fill(avail + 1)

    def _take(self, n: int) -> bytes:
        self._fill(n)
        n = min(n, len(self._buf) - self._pos)
        data = bytes(self._buf[self._pos : self._pos + n])
        self._pos += n
        self.consumed += n
        return data

    def read(self, n: int) -> bytes:
        """Exactly ``n`` bytes, or fewer at EOF."""
        return self._take(n) if n <= len(self._buf) - self._pos else self._read_big(n)

    def _read_big(self, n: int) -> bytes:
        out = bytearray(n)
        got = self.read_into(memoryview(out))
        del out[got:]
        return bytes(out)

    def read_into(self, out: memoryview) -> int:
        """Fill ``out`` completely, or as far as EOF; return the number of bytes written."""
        size = len(out)
        done = min(size, len(self._buf) - self._pos)
        if done:
            out[:done] = self._buf[self._pos : self._pos + done]
            self._pos += done
        if self._pos == len(self._buf) and self._buf:
            self._buf = bytearray()
            self._pos = 0
        while done < size and not self._eof:
            if self._readinto is not None:
                n = self._readinto(out[done:])
            else:
                data = self._src.read(size - done)
                n = len(data) if data else 0
                out[done : done + n] = data or b""
            if not n:
                self._eof = True
            else:
                done += n
        self.consumed += done
        return done

    def at_eof(self) -> bool:
        """True when no byte is left (may read one block ahead)."""
        self._fill(1)
        return self._pos >= len(self._buf)


def write_all(dst: Writable, data: bytes | bytearray | memoryview) -> None:
    """Write all of ``data`` to ``dst``, looping over short writes of raw files."""
    view = memoryview(data).cast("B")
    while view:
        n = dst.write(view)
        if n is None or n >= len(view):
            return
        view = view[n:]
