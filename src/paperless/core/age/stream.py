"""The STREAM payload: 64 KiB ChaCha20-Poly1305 chunks with a counter + last-flag nonce.

Chunks are processed in batches of :data:`BATCH` chunks read with ``readinto`` into reused
buffers and (de)crypted with ``encrypt_into``/``decrypt_into``; pyca/cryptography releases the
GIL there, so a batch is split between the calling thread and one worker thread when the
machine has more than one core. Memory stays at a few batch buffers whatever the file size.

Decryption releases only authenticated chunks, in order, and behaves like the reference
implementation on damaged input: a full-size chunk that fails as a non-final chunk is retried
as the final chunk (a file whose last chunk is exactly 64 KiB), anything after the final
chunk is an error, and so is an end of file before a final chunk.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from paperless.core.age._io import Input, Writable, write_all
from paperless.core.age.errors import AgeHeaderError, AgePayloadError, AgeUsageError
from paperless.core.age.header import hkdf

CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
ENC_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE
NONCE_SIZE = 16
BATCH = 32  # chunks per read: 2 MiB of ciphertext (larger batches amortise thread hand-offs)
_MIN_PARALLEL = 4  # chunks; below this a worker thread costs more than it saves
_MAX_COUNTER = 1 << 88


def payload_key(file_key: bytes, nonce: bytes) -> bytes:
    return hkdf(file_key, nonce, b"payload")


def chunk_nonce(counter: int, last: bool) -> bytes:
    if counter >= _MAX_COUNTER:
        raise AgePayloadError(detail="too many chunks")
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def default_workers() -> int:
    return 2 if (os.cpu_count() or 1) > 1 else 1


Run = Callable[[ChaCha20Poly1305, int, int], int]


class ChunkCipher:
    """The payload AEAD plus an optional worker thread to split batches of chunks."""

    def __init__(self, key: bytes, workers: int | None = None) -> None:
        self.aead = ChaCha20Poly1305(key)
        self._key = key
        self._workers = default_workers() if workers is None else max(1, workers)
        self._helper: ChaCha20Poly1305 | None = None
        self._executor: ThreadPoolExecutor | None = None

    def __enter__(self) -> ChunkCipher:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def run(self, fn: Run, count: int) -> int:
        """Run ``fn(aead, start, end)`` over ``[0, count)``, split in two when worthwhile.

        ``fn`` returns the index of its first failing chunk, or ``end``; so does ``run``.
        """
        if self._workers < 2 or count < _MIN_PARALLEL:
            return fn(self.aead, 0, count)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="age-stream")
            self._helper = ChaCha20Poly1305(self._key)
        assert self._helper is not None
        half = count // 2
        future: Future[int] = self._executor.submit(fn, self._helper, half, count)
        first = fn(self.aead, 0, half)
        second = future.result()
        return first if first < half else second


def open_chunks(cipher: ChunkCipher, counter: int, src: memoryview, dst: memoryview, count: int) -> int:
    """Decrypt ``count`` full chunks as non-final; return how many leading ones verified."""

    def run(aead: ChaCha20Poly1305, start: int, end: int) -> int:
        for i in range(start, end):
            try:
                aead.decrypt_into(
                    chunk_nonce(counter + i, False),
                    src[i * ENC_CHUNK_SIZE : (i + 1) * ENC_CHUNK_SIZE],
                    None,
                    dst[i * CHUNK_SIZE : (i + 1) * CHUNK_SIZE],
                )
            except InvalidTag:
                return i
        return end

    return cipher.run(run, count)


def open_final(aead: ChaCha20Poly1305, counter: int, src: memoryview, dst: memoryview) -> int:
    """Decrypt the final chunk ``src`` into ``dst``; return the plaintext length."""
    try:
        return aead.decrypt_into(chunk_nonce(counter, True), src, None, dst[: len(src) - TAG_SIZE])
    except InvalidTag:
        raise AgePayloadError(detail=f"chunk {counter} failed authentication") from None


def decrypt_stream(file_key: bytes, inp: Input, dst: Writable, workers: int | None = None) -> None:
    """Read the payload nonce and chunks from ``inp``; write verified plaintext to ``dst``."""
    nonce = inp.read(NONCE_SIZE)
    if len(nonce) != NONCE_SIZE:
        raise AgeHeaderError(detail="the payload nonce is missing or truncated")
    ct = bytearray(BATCH * ENC_CHUNK_SIZE)
    pt = bytearray(BATCH * CHUNK_SIZE)
    ctv, ptv = memoryview(ct), memoryview(pt)
    counter = 0
    try:
        with ChunkCipher(payload_key(file_key, nonce), workers) as cipher:
            while True:
                n = inp.read_into(ctv)
                if n == 0:
                    raise AgePayloadError(detail="no data after the header" if counter == 0 else "missing final chunk")
                full, rem = divmod(n, ENC_CHUNK_SIZE)
                good = open_chunks(cipher, counter, ctv, ptv, full)
                write_all(dst, ptv[: good * CHUNK_SIZE])
                if good < full:  # maybe a full-size final chunk; else a corrupted chunk
                    at = good * ENC_CHUNK_SIZE
                    out = ptv[good * CHUNK_SIZE :]
                    size = open_final(cipher.aead, counter + good, ctv[at : at + ENC_CHUNK_SIZE], out)
                    write_all(dst, out[:size])
                    if good + 1 < full or rem or not inp.at_eof():
                        raise AgePayloadError(detail="data after the final chunk")
                    return
                counter += full
                if rem:  # a short read means end of file: this is the final chunk
                    if rem < TAG_SIZE:
                        raise AgePayloadError(detail="truncated final chunk")
                    if rem == TAG_SIZE and counter > 0:
                        raise AgePayloadError(detail="empty final chunk")
                    at = full * ENC_CHUNK_SIZE
                    out = ptv[full * CHUNK_SIZE :]
                    size = open_final(cipher.aead, counter, ctv[at:n], out)
                    write_all(dst, out[:size])
                    return
    finally:
        pt[:] = bytes(len(pt))  # no plaintext left in freed memory (the idle lock looks for none)


def encrypt_stream(file_key: bytes, inp: Input, dst: Writable, workers: int | None = None) -> None:
    """Write the payload nonce and the encrypted chunks of all of ``inp`` to ``dst``."""
    nonce = os.urandom(NONCE_SIZE)
    write_all(dst, nonce)
    pt = bytearray(BATCH * CHUNK_SIZE)
    ct = bytearray(BATCH * ENC_CHUNK_SIZE)
    ptv, ctv = memoryview(pt), memoryview(ct)
    counter = 0
    with ChunkCipher(payload_key(file_key, nonce), workers) as cipher:
        while True:
            n = inp.read_into(ptv)
            final = n < len(pt) or inp.at_eof()
            if n == 0 and counter > 0:
                raise AgeUsageError(detail="the input ended while it was being read")
            count = max(1, -(-n // CHUNK_SIZE)) if final else BATCH
            plain = count - 1 if final else count

            def run(aead: ChaCha20Poly1305, start: int, end: int, base: int = counter) -> int:
                for i in range(start, end):
                    aead.encrypt_into(
                        chunk_nonce(base + i, False),
                        ptv[i * CHUNK_SIZE : (i + 1) * CHUNK_SIZE],
                        None,
                        ctv[i * ENC_CHUNK_SIZE : (i + 1) * ENC_CHUNK_SIZE],
                    )
                return end

            cipher.run(run, plain)
            if not final:
                write_all(dst, ctv[: plain * ENC_CHUNK_SIZE])
                counter += plain
                continue
            last = ptv[plain * CHUNK_SIZE : n]
            at = plain * ENC_CHUNK_SIZE
            size = cipher.aead.encrypt_into(
                chunk_nonce(counter + plain, True), last, None, ctv[at : at + len(last) + TAG_SIZE]
            )
            write_all(dst, ctv[: at + size])
            return
