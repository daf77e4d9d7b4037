"""ASCII armor: the strict PEM encoding (RFC 7468) with label "AGE ENCRYPTED FILE".

The reader follows the reference implementation: up to 1 KiB of whitespace is allowed before
and after the block, lines end with LF or CRLF, every line is exactly 64 columns of canonical
padded base64 except a shorter last one, and nothing else (no headers, no blank lines, no
trailing spaces, no checksum) is accepted. Long runs of full lines are decoded in bulk.
"""

from __future__ import annotations

import binascii

from paperless.core.age._io import Input, Writable, write_all
from paperless.core.age.errors import AgeArmorError

BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
END = b"-----END AGE ENCRYPTED FILE-----"
COLUMNS = 64
BYTES_PER_LINE = 48
MAX_WHITESPACE = 1024
WHITESPACE = b" \t\r\n\v\f"
_FAST_LINES = 8 * 1024  # lines per bulk-decoded block (about 512 KiB of text)
_LINE_LIMIT = 256


def looks_armored(head: bytes) -> bool:
    """Whether the first bytes of a file that is not binary age look like an armored file."""
    return head.lstrip(WHITESPACE).startswith(b"-----") or BEGIN in head


def _decode_line(line: bytes) -> bytes:
    try:
        data = binascii.a2b_base64(line, strict_mode=True)
    except binascii.Error:
        raise AgeArmorError(detail="invalid base64 line") from None
    if binascii.b2a_base64(data, newline=False) != line:
        raise AgeArmorError(detail="non-canonical base64 line")
    return data


class ArmorReader:
    """Decodes an armored age file read from ``inp``; use like a binary file (``read``)."""

    def __init__(self, inp: Input) -> None:
        self._inp = inp
        self._started = False
        self._done = False
        self._pending = b""
        self._slow_lines = 0

    def _line(self, limit: int = _LINE_LIMIT) -> bytes | None:
        raw = self._inp.readline(limit)
        if not raw:
            return None
        if raw.endswith(b"\n"):
            raw = raw[:-1]
        elif len(raw) >= limit:
            raise AgeArmorError(detail="line too long")
        return raw[:-1] if raw.endswith(b"\r") else raw

    def _start(self) -> None:
        skipped = 0
        while True:
            line = self._line(MAX_WHITESPACE + _LINE_LIMIT)
            if line is None:
                raise AgeArmorError(detail="missing BEGIN line")
            if line.strip(WHITESPACE):
                break
            skipped += len(line) + 1
            if skipped > MAX_WHITESPACE:
                raise AgeArmorError(detail="too much whitespace before the BEGIN line")
        if line != BEGIN:
            raise AgeArmorError(detail="the first line is not the BEGIN line")
        self._started = True

    def _finish(self) -> None:
        rest = self._inp.read(MAX_WHITESPACE)
        if rest.strip(WHITESPACE):
            raise AgeArmorError(detail="data after the END line")
        if len(rest) >= MAX_WHITESPACE:
            raise AgeArmorError(detail="too much whitespace after the END line")
        self._done = True

    def _bulk(self) -> bytes:
        """Decode a run of plain 64-column lines (all LF or all CRLF) at once, or b"".

        Only lines of exactly 64 base64 letters (no padding, so canonical) qualify; the
        run stops before the first other line, which the line-by-line path then handles.
        """
        if self._slow_lines:
            self._slow_lines -= 1
            return b""
        head = self._inp.peek(COLUMNS + 2)
        eol = b"\n" if head[COLUMNS:][:1] == b"\n" else head[COLUMNS:]
        if eol not in (b"\n", b"\r\n"):
            return b""
        width = COLUMNS + len(eol)
        block = self._inp.peek(_FAST_LINES * width)
        count = len(block) // width
        for at, char in enumerate(eol, COLUMNS):  # line ends where they belong
            ends = block[at : count * width : width]
            count = min(count, len(ends) - len(ends.lstrip(bytes((char,)))))
        for stop in (b"-", b"="):  # END line, padded last line
            found = block.find(stop, 0, count * width)
            if found >= 0:
                count = found // width
        if count == 0:
            return b""
        try:
            data = binascii.a2b_base64(block[: count * width].translate(None, eol), strict_mode=True)
        except binascii.Error:
            data = b""
        if len(data) != count * BYTES_PER_LINE:  # a bad character: find it line by line
            self._slow_lines = count
            return b""
        self._inp.read(count * width)
        return data

    def _produce(self) -> bytes:
        if not self._started:
            self._start()
        if self._done:
            return b""
        data = self._bulk()
        if data:
            return data
        line = self._line()
        if line is None:
            raise AgeArmorError(detail="missing END line")
        if line == END:
            self._finish()
            return b""
        if not line:
            raise AgeArmorError(detail="empty line")
        if len(line) > COLUMNS:
            raise AgeArmorError(detail="line longer than 64 columns")
        data = _decode_line(line)
        if len(data) < BYTES_PER_LINE:  # a short line must be the last one
            if self._line() != END:
                raise AgeArmorError(detail="a short line is not followed by the END line")
            self._finish()
        return data

    def read(self, size: int = -1, /) -> bytes:
        while not self._pending and not self._done:
            self._pending = self._produce()
        if size < 0 or size >= len(self._pending):
            data, self._pending = self._pending, b""
            return data
        data, self._pending = self._pending[:size], self._pending[size:]
        return data


class ArmorWriter:
    """Encodes everything written to it as an armored file on ``dst``; call :meth:`close`."""

    def __init__(self, dst: Writable) -> None:
        self._dst = dst
        self._pending = bytearray()
        write_all(dst, BEGIN + b"\n")

    def _emit(self, data: bytes | bytearray) -> None:
        text = binascii.b2a_base64(data, newline=False)
        rows, rest = divmod(len(text), COLUMNS)
        out = bytearray(rows * (COLUMNS + 1))
        out[COLUMNS :: COLUMNS + 1] = b"\n" * rows
        for col in range(COLUMNS):  # 64 strided copies beat one slice per line
            out[col :: COLUMNS + 1] = text[col : rows * COLUMNS : COLUMNS]
        if rest:
            out += text[rows * COLUMNS :] + b"\n"
        write_all(self._dst, out)

    def write(self, data: bytes | bytearray | memoryview, /) -> int:
        self._pending += data
        full = len(self._pending) // BYTES_PER_LINE * BYTES_PER_LINE
        if full >= 64 * BYTES_PER_LINE:
            self._emit(self._pending[:full])
            del self._pending[:full]
        return len(data)

    def close(self) -> None:
        if self._pending:
            self._emit(self._pending)
            self._pending = bytearray()
        write_all(self._dst, END + b"\n")
