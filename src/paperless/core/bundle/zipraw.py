"""Safe, in-place access to the stored entries of a bundle's ZIP container, through one open file.

The bundle is opened **once**: the ZIP directory, every entry's hash and every document's
decryption read that same open file (``os.preadv`` on its descriptor, which has no shared
position; where it is missing, ``os.pread``; on Windows, a lock around seek and read).
Renaming another file over the path afterwards changes nothing for the reader; overwriting
the file in place changes what it reads, which the signed hashes catch (see :mod:`.reader`).
:meth:`BundleFile.still_at_path` tells whether the path still names the file that was opened.

Before ``zipfile`` parses anything, the end-of-central-directory record (and its ZIP64 form)
is read here and a directory far larger than any bundle can have is refused
(:data:`MAX_ENTRIES`, :data:`MAX_DIRECTORY_BYTES`), so a hostile file costs bounded work.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import struct
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from paperless.core.bundle.errors import BundleError, NotABundleError, TamperedError, UnsafeEntryError
from paperless.core.errors import T

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # 30 bytes
_LOCAL_SIGNATURE = b"PK\x03\x04"
_EOCD = struct.Struct("<4s4H2LH")  # 22 bytes
_EOCD_SIGNATURE = b"PK\x05\x06"
_EOCD64_LOCATOR = struct.Struct("<4sLQL")  # 20 bytes
_EOCD64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_EOCD64 = struct.Struct("<4sQ2H2L4Q")  # 56 bytes
_EOCD64_SIGNATURE = b"PK\x06\x06"
_CENTRAL_RECORD = 46  # the fixed part of one central directory record
_MAX_COMMENT = 0xFFFF
HASH_BLOCK = 1024 * 1024

#: manifest.json, manifest.json.minisig, agenda.age, office.age and documents/0000.age … documents/9999.age
MAX_ENTRIES = 4 + 10_000
#: generous for any writer: a record is 46 bytes + a name of ≤ 21 + ZIP64 and time extra fields
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 256

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RawEntry:
    name: str
    offset: int  # where the entry's bytes start in the file
    size: int


def _check_name(path: str, name: str) -> None:
    pure = PurePosixPath(name)
    if (
        not name
        or name.startswith(("/", "\\"))
        or "\\" in name
        or "\x00" in name
        or ":" in name
        or any(part in ("..", ".") for part in name.split("/"))
        or pure.is_absolute()
    ):
        raise UnsafeEntryError(path=path, name=name)


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


class BundleFile:
    """The ZIP container of a bundle, opened once, checked for safety and read in place.

    Thread-safe: reads at an offset never share a file position. :meth:`close` waits for reads
    in progress, and any read after it raises :class:`BundleError` (the descriptor is never
    used once closed, so it cannot read another file that reused its number).
    """

    def __init__(self, path: Path, *, fd: int | None = None) -> None:
        """Open ``path`` — or, with ``fd``, read the file that descriptor has open (a copy of the
        descriptor is taken: the same file even if ``path`` names another one by now)."""
        self.path = path
        self.label = str(path)
        try:
            self._file = open(path, "rb", buffering=0) if fd is None else os.fdopen(os.dup(fd), "rb", buffering=0)
        except OSError as exc:
            raise NotABundleError(path=self.label, detail=exc.strerror or str(exc)) from None
        self._fd = self._file.fileno()
        self._preadv = getattr(os, "preadv", None)  # no shared position; where missing (Windows),
        self._pread = getattr(os, "pread", None)  # pread, or else a lock around seek and read
        self._state = threading.Condition()
        self._reading = 0
        self._closed = False
        self._seek_lock = threading.Lock()  # only without pread: seek and read as one step
        try:
            st = os.fstat(self._fd)
            if not stat.S_ISREG(st.st_mode):
                raise NotABundleError(path=self.label, detail=T("not a regular file", "không phải tệp thường"))
            self._opened = _identity(st)
            self.file_size = st.st_size
            self.entries = self._read_directory()
        except BaseException:
            self._file.close()
            raise

    # -- reading at an offset, through the one open file ----------------------------------------

    def readinto_at(self, offset: int, buffer: memoryview) -> int:
        """Fill ``buffer`` from ``offset`` (fewer bytes only at the end of the file)."""
        with self._state:
            if self._closed:
                raise BundleError(path=self.label, detail=T("the bundle was closed", "gói tài liệu đã được đóng"))
            self._reading += 1
        try:
            done = 0
            while done < len(buffer):
                if self._preadv is not None:
                    n = self._preadv(self._fd, [buffer[done:]], offset + done)
                elif self._pread is not None:
                    data = self._pread(self._fd, len(buffer) - done, offset + done)
                    n = len(data)
                    buffer[done:done + n] = data
                else:
                    with self._seek_lock:
                        self._file.seek(offset + done)
                        n = self._file.readinto(buffer[done:]) or 0
                if not n:
                    break
                done += n
            return done
        except OSError as exc:
            raise NotABundleError(path=self.label, detail=exc.strerror or str(exc)) from None
        finally:
            with self._state:
                self._reading -= 1
                self._state.notify_all()

    def read_at(self, offset: int, size: int) -> bytes:
        """Up to ``size`` bytes at ``offset`` (fewer only at the end of the file)."""
        buf = bytearray(max(0, size))
        n = self.readinto_at(offset, memoryview(buf))
        del buf[n:]
        return bytes(buf)

    def reader(self, offset: int = 0, length: int | None = None) -> _View:
        """A seekable binary reader over ``[offset, offset + length)`` of the open file, with its own
        position (any number of them may be used at once, from any thread)."""
        end = self.file_size if length is None else offset + length
        return _View(self, offset, min(end, self.file_size))

    def same_file(self, path: Path) -> bool:
        """Whether ``path`` names the file held open (e.g. a hard link made to it)."""
        try:
            st, mine = os.stat(path), os.fstat(self._fd)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)

    def still_at_path(self) -> bool:
        """Whether the path still names the file opened, unchanged (same file, size, modification time)."""
        try:
            return _identity(os.stat(self.path)) == self._opened == _identity(os.fstat(self._fd))
        except OSError:
            return False

    # -- the ZIP directory -----------------------------------------------------------------------

    def _bad(self, en: str, vi: str) -> NotABundleError:
        return NotABundleError(path=self.label, detail=T(en, vi))

    def _end_record(self) -> tuple[int, int, int]:
        """(entries, directory size, directory offset) from the end records, bounded, or refused."""
        if self.file_size < _EOCD.size:
            raise self._bad("too short to be a ZIP file", "quá ngắn để là tệp ZIP")
        tail_start = max(0, self.file_size - _EOCD.size - _MAX_COMMENT)
        tail = self.read_at(tail_start, self.file_size - tail_start)
        # As zipfile does: the record at the very end (no comment), else the last signature.
        at = len(tail) - _EOCD.size
        if not (tail[at:at + 4] == _EOCD_SIGNATURE and tail[-2:] == b"\0\0"):
            at = tail.rfind(_EOCD_SIGNATURE)
        if at < 0 or at + _EOCD.size > len(tail):
            raise self._bad("no ZIP end-of-directory record", "không có bản ghi cuối thư mục ZIP")
        _sig, disk, cd_disk, _here, count, cd_size, cd_offset, _comment = _EOCD.unpack_from(tail, at)
        eocd_pos = tail_start + at
        locator_pos = eocd_pos - _EOCD64_LOCATOR.size
        if locator_pos >= 0 and self.read_at(locator_pos, 4) == _EOCD64_LOCATOR_SIGNATURE:
            locator = self.read_at(locator_pos, _EOCD64_LOCATOR.size)
            _sig, disk64, _rel, disks = _EOCD64_LOCATOR.unpack(locator)
            if disk64 != 0 or disks > 1:
                disk = 1
            record = self.read_at(locator_pos - _EOCD64.size, _EOCD64.size) if locator_pos >= _EOCD64.size else b""
            if len(record) == _EOCD64.size and record[:4] == _EOCD64_SIGNATURE:  # else zipfile ignores it too
                (_sig, _size, _made, _need, disk64_no, cd_disk, _here, count, cd_size,
                 cd_offset) = _EOCD64.unpack(record)
                disk = max(disk, disk64_no)
        if disk != 0 or cd_disk != 0:
            raise self._bad("a ZIP file split over several disks", "tệp ZIP chia thành nhiều phần")
        if count > MAX_ENTRIES or cd_size > MAX_DIRECTORY_BYTES:
            raise self._bad(
                f"its ZIP directory claims {count} entries in {cd_size} bytes, far more than a bundle has",
                f"thư mục ZIP khai {count} mục trong {cd_size} byte, nhiều hơn hẳn một gói tài liệu")
        if cd_size < count * _CENTRAL_RECORD or cd_offset + cd_size > eocd_pos:
            raise self._bad("its ZIP directory is inconsistent", "thư mục ZIP không nhất quán")
        return count, cd_size, cd_offset

    def _read_directory(self) -> dict[str, RawEntry]:
        count, _size, _offset = self._end_record()  # bounds what zipfile will parse
        try:
            with zipfile.ZipFile(self.reader()) as zf:
                infos = zf.infolist()
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            OSError,
            EOFError,
            ValueError,
            NotImplementedError,
            struct.error,
            UnicodeDecodeError,
        ) as exc:
            raise NotABundleError(path=self.label, detail=str(exc) or exc.__class__.__name__) from None
        if len(infos) != count:
            raise self._bad("its ZIP directory does not hold the number of entries it claims",
                            "thư mục ZIP không có đúng số mục đã khai")
        entries: dict[str, RawEntry] = {}
        for info in infos:
            _check_name(self.label, info.filename)
            if info.filename in entries:
                raise TamperedError(
                    path=self.label,
                    detail=T(f"entry {info.filename} appears twice", f"mục {info.filename} xuất hiện hai lần"),
                )
            if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:
                raise TamperedError(
                    path=self.label,
                    detail=T(
                        f"entry {info.filename} is compressed or encrypted",
                        f"mục {info.filename} bị nén hoặc mã hóa lạ",
                    ),
                )
            if info.compress_size != info.file_size:
                raise TamperedError(
                    path=self.label,
                    detail=T(
                        f"entry {info.filename} has inconsistent sizes", f"mục {info.filename} có kích thước mâu thuẫn"
                    ),
                )
            entries[info.filename] = RawEntry(info.filename, self._data_offset(info), info.file_size)
        return entries

    def _data_offset(self, info: zipfile.ZipInfo) -> int:
        header = self.read_at(info.header_offset, _LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size:
            raise NotABundleError(path=self.label, detail=T("truncated entry header", "phần đầu mục bị cắt cụt"))
        fields = _LOCAL_HEADER.unpack(header)
        name_len: int = fields[9]
        extra_len: int = fields[10]
        raw_name = self.read_at(info.header_offset + _LOCAL_HEADER.size, name_len)
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        if fields[0] != _LOCAL_SIGNATURE or raw_name.decode(encoding, "replace") != info.filename:
            raise TamperedError(
                path=self.label,
                detail=T(
                    f"entry {info.filename} has a mismatched local header",
                    f"phần đầu của mục {info.filename} không khớp",
                ),
            )
        offset: int = info.header_offset + _LOCAL_HEADER.size + name_len + extra_len
        if offset + info.file_size > self.file_size:
            raise NotABundleError(
                path=self.label,
                detail=T(f"entry {info.filename} runs past the end", f"mục {info.filename} vượt quá cuối tệp"),
            )
        return offset

    # -- entries -----------------------------------------------------------------------------------

    def _truncated(self, name: str) -> NotABundleError:
        return NotABundleError(path=self.label, detail=T(f"entry {name} is truncated", f"mục {name} bị cắt cụt"))

    def read(self, name: str, limit: int) -> bytes:
        entry = self.entries[name]
        if entry.size > limit:
            raise TamperedError(path=self.label, detail=T(f"entry {name} is too large", f"mục {name} quá lớn"))
        data = self.read_at(entry.offset, entry.size)
        if len(data) != entry.size:
            raise self._truncated(name)
        return data

    def sha256(self, name: str, progress: Progress | None = None, done: int = 0, total: int = 0) -> str:
        """SHA-256 of an entry's stored bytes, read in bounded blocks through the open file."""
        entry = self.entries[name]
        digest = hashlib.sha256()
        buf = bytearray(min(HASH_BLOCK, entry.size))
        view = memoryview(buf)
        pos, end = entry.offset, entry.offset + entry.size
        while pos < end:
            n = self.readinto_at(pos, view[: min(end - pos, HASH_BLOCK)])
            if not n:
                raise self._truncated(name)
            digest.update(view[:n])
            pos += n
            done += n
            if progress is not None:
                progress(done, total)
        return digest.hexdigest()

    def entry_reader(self, name: str) -> _View:
        """A reader over one entry's stored bytes (through the open file)."""
        entry = self.entries[name]
        return self.reader(entry.offset, entry.size)

    def duplicate(self) -> BundleFile:
        """Another BundleFile on the same open file (for work that outlives this one, e.g. the
        library's copy, which must copy the file that was opened, not what the path names later)."""
        with self._state:
            if self._closed:
                raise NotABundleError(path=self.label, detail=T("the file was closed", "tệp đã được đóng"))
            return BundleFile(self.path, fd=self._fd)

    def close(self) -> None:
        with self._state:
            if self._closed:
                return
            self._closed = True
            while self._reading:
                self._state.wait()
        self._file.close()

    def __enter__(self) -> BundleFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _View(io.RawIOBase):
    """A read-only, seekable window ``[start, end)`` of a :class:`BundleFile`, with its own position."""

    def __init__(self, bf: BundleFile, start: int, end: int) -> None:
        super().__init__()
        self._bf = bf
        self._start = start
        self._end = max(start, end)
        self._pos = start

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        view = memoryview(buffer).cast("B")
        want = min(len(view), self._end - self._pos)
        if want <= 0:
            return 0
        n = self._bf.readinto_at(self._pos, view[:want])
        self._pos += n
        return n

    def seek(self, offset: int, whence: int = os.SEEK_SET, /) -> int:
        base = {os.SEEK_SET: self._start, os.SEEK_CUR: self._pos, os.SEEK_END: self._end}.get(whence)
        if base is None:
            raise ValueError(f"invalid whence {whence}")
        if base + offset < self._start:
            raise OSError("seek before the start")  # zipfile expects OSError here
        self._pos = base + offset
        return self._pos - self._start

    def tell(self) -> int:
        return self._pos - self._start
