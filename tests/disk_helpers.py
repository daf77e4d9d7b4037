"""A real tiny file system (tmpfs) for full-disk tests."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def tiny_tmpfs(parent: Path, size: str = "64k") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted under ``parent`` (root needed; CI runs as root and must mount it)."""
    mnt = parent / "tiny"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a small tmpfs to simulate a full disk: {r.stderr!r}")
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=True)
