"""Saving an export: atomic (all or nothing), a clear error on a full disk (a real tiny tmpfs)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from disk_helpers import tiny_tmpfs

from paperless.core.errors import OutputFileError
from paperless.core.export import write_export

DATA = bytes(range(256)) * 800  # 200 KiB: more than the tiny disk holds


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with tiny_tmpfs(tmp_path) as mnt:
        yield mnt


def test_writes_the_bytes_and_leaves_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "Ghi chú của tôi.pdf"
    write_export(out, DATA)
    assert out.read_bytes() == DATA
    write_export(out, b"second")
    assert out.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_creates_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "xuất" / "notes.md"
    write_export(out, "# Ghi chú riêng\n".encode())
    assert out.read_text("utf-8") == "# Ghi chú riêng\n"


def test_full_disk_is_an_output_error_and_writes_nothing(tiny_disk: Path) -> None:
    out = tiny_disk / "annotated.pdf"
    with pytest.raises(OutputFileError) as caught:
        write_export(out, DATA)
    assert str(out) in str(caught.value)
    assert caught.value.message("vi").startswith("Không ghi được")
    assert list(tiny_disk.iterdir()) == []


def test_full_disk_keeps_the_older_file(tiny_disk: Path) -> None:
    out = tiny_disk / "annotated.pdf"
    write_export(out, b"older export")
    with pytest.raises(OutputFileError):
        write_export(out, DATA)
    assert out.read_bytes() == b"older export"
    assert [p.name for p in tiny_disk.iterdir()] == ["annotated.pdf"]


def test_failed_flush_keeps_the_older_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "notes.md"
    out.write_bytes(b"older")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputFileError):
        write_export(out, DATA)
    assert out.read_bytes() == b"older"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_interrupted_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "notes.pdf"

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_export(out, DATA)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_in_the_way_is_an_output_error(tmp_path: Path) -> None:
    out = tmp_path / "notes.pdf"
    out.mkdir()
    with pytest.raises(OutputFileError):
        write_export(out, DATA)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.pdf"] and out.is_dir()
