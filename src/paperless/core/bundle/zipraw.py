"""Safe, in-place access to the stored entries of a bundle's ZIP container.

Entries are read straight from the file at their data offset (no decompression, no copy),
so an age reader can seek inside a document without touching the rest of the bundle.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from paperless.core.bundle.errors import NotABundleError, TamperedError, UnsafeEntryError
from paperless.core.errors import T

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # 30 bytes
_LOCAL_SIGNATURE = b"PK\x03\x04"
HASH_BLOCK = 1024 * 1024

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


class BundleFile:
    """The ZIP container of a bundle, checked for safety and read in place."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = str(path)
        try:
            self._file: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed in close()
        except OSError as exc:
            raise NotABundleError(path=self.label, detail=exc.strerror or str(exc)) from None
        try:
            self.file_size = os.fstat(self._file.fileno()).st_size
            self.entries = self._read_directory()
        except BaseException:
            self._file.close()
            raise

    def _read_directory(self) -> dict[str, RawEntry]:
        try:
            with zipfile.ZipFile(self._file) as zf:
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
        self._file.seek(info.header_offset)
        header = self._file.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size:
            raise NotABundleError(path=self.label, detail=T("truncated entry header", "phần đầu mục bị cắt cụt"))
        fields = _LOCAL_HEADER.unpack(header)
        name_len: int = fields[9]
        extra_len: int = fields[10]
        raw_name = self._file.read(name_len)
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

    def read(self, name: str, limit: int) -> bytes:
        entry = self.entries[name]
        if entry.size > limit:
            raise TamperedError(path=self.label, detail=T(f"entry {name} is too large", f"mục {name} quá lớn"))
        self._file.seek(entry.offset)
        data = self._file.read(entry.size)
        if len(data) != entry.size:
            raise NotABundleError(path=self.label, detail=T(f"entry {name} is truncated", f"mục {name} bị cắt cụt"))
        return data

    def sha256(self, name: str, progress: Progress | None = None, done: int = 0, total: int = 0) -> str:
        """SHA-256 of an entry's stored bytes, read in bounded blocks through a private handle."""
        entry = self.entries[name]
        digest = hashlib.sha256()
        with open(self.path, "rb", buffering=0) as f:
            f.seek(entry.offset)
            remaining = entry.size
            buf = bytearray(HASH_BLOCK)
            view = memoryview(buf)
            while remaining:
                n = int(f.readinto(view[: min(remaining, HASH_BLOCK)]) or 0)
                if not n:
                    raise NotABundleError(
                        path=self.label, detail=T(f"entry {name} is truncated", f"mục {name} bị cắt cụt")
                    )
                digest.update(view[:n])
                remaining -= n
                done += n
                if progress is not None:
                    progress(done, total)
        return digest.hexdigest()

    def open_raw(self) -> BinaryIO:
        """A new handle on the bundle file, for one reader (readers must not share handles)."""
        return io.BufferedReader(io.FileIO(self.path, "rb"), buffer_size=256 * 1024)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> BundleFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
