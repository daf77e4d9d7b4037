"""A real tiny file system (tmpfs) for full-disk tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def tiny_tmpfs(parent: Path, size: str = "64k") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted under ``parent``: as root, or through ``sudo -n`` (passwordless
    sudo); otherwise the test fails (it does not skip) and says so."""
    mnt = parent / "tiny"
    mnt.mkdir()
    as_root = [] if os.geteuid() == 0 else ["sudo", "-n"]
    why = "sudo is not installed" if as_root and shutil.which("sudo") is None else ""
    if not why:
        r = subprocess.run([*as_root, "mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)],
                           capture_output=True)
        why = r.stderr.decode(errors="replace").strip() if r.returncode else ""
    if why:
        pytest.fail(f"cannot mount a small tmpfs to simulate a full disk (run the tests as root or with "
                    f"passwordless sudo): {why}", pytrace=False)
    try:
        yield mnt
    finally:
        subprocess.run([*as_root, "umount", str(mnt)], check=True)
