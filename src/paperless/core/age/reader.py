"""Random access to the plaintext of a binary age file stored inside a bigger file."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, BinaryIO

from paperless.core.age.api import open_input, unwrap_file_key
from paperless.core.age.errors import (
    AgeHeaderError,
    AgePayloadError,
    AgeUnsupportedError,
    AgeUsageError,
)
from paperless.core.age.header import Header, read_header
from paperless.core.age.recipients import Identity
from paperless.core.age.stream import (
    BATCH,
    CHUNK_SIZE,
    ENC_CHUNK_SIZE,
    NONCE_SIZE,
    TAG_SIZE,
    ChunkCipher,
    open_chunks,
    open_final,
    payload_key,
)

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


class _Window:
    """Sequential ``read`` over ``[offset, offset + length)`` of a shared file object."""

    def __init__(self, fileobj: BinaryIO, offset: int, length: int) -> None:
        self._f = fileobj
        self._pos = offset
        self._end = offset + length

    def read(self, size: int = -1, /) -> bytes:
        size = self._end - self._pos if size < 0 else min(size, self._end - self._pos)
        if size <= 0:
            return b""
        self._f.seek(self._pos)
        data = self._f.read(size)
        self._pos += len(data)
        return data


class AgeReader(io.RawIOBase):
    """A readable, seekable view of the plaintext of a binary age file.

    ``fileobj`` must be a seekable binary file; the age file is the ``length`` bytes at
    ``offset`` (default: from ``offset`` to the end), e.g. a stored entry inside a ZIP. The
    header is parsed, the file key unwrapped and the header MAC verified in the
    constructor, which also authenticates the final chunk so that :attr:`size` can be
    trusted. Reads decrypt only the chunks they need. ``fileobj`` is not closed by
    :meth:`close`, and is always repositioned before use, so it may be shared.
    """

    def __init__(
        self,
        fileobj: BinaryIO,
        identities: Sequence[Identity],
        *,
        offset: int = 0,
        length: int | None = None,
        workers: int | None = None,
    ) -> None:
        super().__init__()
        if length is None:
            length = fileobj.seek(0, os.SEEK_END) - offset
        if offset < 0 or length < 0:
            raise AgeUsageError(detail="invalid offset or length of the age file")
        self._f = fileobj
        self._lock = threading.RLock()
        self._pos = 0
        inp, armored = open_input(_Window(fileobj, offset, length))
        if armored:
            raise AgeUnsupportedError(detail="random access needs a binary (not armored) age file")
        self.header: Header = read_header(inp)
        file_key = unwrap_file_key(self.header, identities)
        nonce = inp.read(NONCE_SIZE)
        if len(nonce) != NONCE_SIZE:
            raise AgeHeaderError(detail="the payload nonce is missing or truncated")
        self._start = offset + inp.consumed
        payload = length - inp.consumed
        if payload == 0:
            raise AgePayloadError(detail="no data after the header")
        self._chunks = -(-payload // ENC_CHUNK_SIZE)
        last = payload - (self._chunks - 1) * ENC_CHUNK_SIZE
        if last < TAG_SIZE or (last == TAG_SIZE and self._chunks > 1):
            raise AgePayloadError(detail="truncated or empty final chunk")
        self._last_size = last
        self._size = payload - self._chunks * TAG_SIZE
        self._cipher = ChunkCipher(payload_key(file_key, nonce), workers)
        self._cache: tuple[int, bytes] = (-1, b"")
        self._chunk(self._chunks - 1)  # authenticate the final chunk now: size is then exact

    @property
    def size(self) -> int:
        """The plaintext size in bytes."""
        return self._size

    def _ciphertext(self, index: int, size: int) -> bytes:
        self._f.seek(self._start + index * ENC_CHUNK_SIZE)
        data = self._f.read(size)
        if len(data) != size:
            raise AgePayloadError(detail="the file is shorter than expected (truncated)")
        return data

    def _chunk(self, index: int) -> bytes:
        """The verified plaintext of chunk ``index`` (cached: the last one used)."""
        if self._cache[0] == index:
            return self._cache[1]
        final = index == self._chunks - 1
        size = self._last_size if final else ENC_CHUNK_SIZE
        ct = memoryview(self._ciphertext(index, size))
        out = bytearray(size - TAG_SIZE)
        if final:
            open_final(self._cipher.aead, index, ct, memoryview(out))
        elif open_chunks(self._cipher, index, ct, memoryview(out), 1) != 1:
            raise AgePayloadError(detail=f"chunk {index} failed authentication")
        self._cache = (index, bytes(out))
        return self._cache[1]

    def _read_into(self, pos: int, out: memoryview) -> int:
        n = max(0, min(len(out), self._size - pos))
        done = 0
        while done < n:
            index, skip = divmod(pos + done, CHUNK_SIZE)
            want = n - done
            if skip == 0 and want >= CHUNK_SIZE and index < self._chunks - 1:
                count = min(want // CHUNK_SIZE, self._chunks - 1 - index, BATCH)
                ct = memoryview(self._ciphertext(index, count * ENC_CHUNK_SIZE))
                dst = out[done : done + count * CHUNK_SIZE]
                good = open_chunks(self._cipher, index, ct, dst, count)
                if good < count:
                    dst[good * CHUNK_SIZE :] = bytes(len(dst) - good * CHUNK_SIZE)
                    raise AgePayloadError(detail=f"chunk {index + good} failed authentication")
                done += count * CHUNK_SIZE
                continue
            chunk = self._chunk(index)
            take = min(len(chunk) - skip, want)
            out[done : done + take] = chunk[skip : skip + take]
            done += take
        return n

    def read_at(self, offset: int, n: int) -> bytes:
        """Up to ``n`` plaintext bytes at ``offset`` (fewer only at the end)."""
        if offset < 0 or n < 0:
            raise AgeUsageError(detail="negative offset or size")
        buf = bytearray(max(0, min(n, self._size - offset)))
        with self._lock:
            self._read_into(offset, memoryview(buf))
        return bytes(buf)

    # io.RawIOBase interface

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        self._checkClosed()
        with self._lock:
            n = self._read_into(self._pos, memoryview(buffer).cast("B"))
            self._pos += n
        return n

    def readall(self) -> bytes:
        with self._lock:
            data = self.read_at(self._pos, max(0, self._size - self._pos))
            self._pos += len(data)
        return data

    def seek(self, offset: int, whence: int = os.SEEK_SET, /) -> int:
        self._checkClosed()
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._size}.get(whence)
        if base is None:
            raise ValueError(f"invalid whence {whence}")
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        cipher = getattr(self, "_cipher", None)  # absent if the constructor failed
        if cipher is not None and not self.closed:
            cipher.close()
            self._cache = (-1, b"")
        super().close()
