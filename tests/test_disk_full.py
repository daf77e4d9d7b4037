"""A full disk gives a clear message, a non-zero exit, and leaves no half-written file."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import People, run_cli


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a small tmpfs to simulate a full disk: {r.stderr!r}")
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


def test_build_on_full_disk(tiny_disk: Path, session_dir: Path, people: People) -> None:
    out = tiny_disk / "b.paperless"
    r = run_cli("bundle", "build", session_dir / "session.toml", "--signer", people.clerk, "--out", out,
                "--passphrase-env", "PAPERLESS_PASSPHRASE")
    assert r.returncode == 1, r.stderr
    assert r.stderr.strip() == f"paperless: Not enough disk space to write {out}; nothing was written."
    assert list(tiny_disk.iterdir()) == []


def test_extract_on_full_disk(tiny_disk: Path, bundle: Path, people: People) -> None:
    out = tiny_disk / "an"
    r = run_cli("bundle", "extract", bundle, "--identity", people.member("an"), "--trust", people.clerk,
                "--out", out, "--passphrase-env", "PAPERLESS_PASSPHRASE", env={"PAPERLESS_LANG": "vi"})
    assert r.returncode == 1, r.stderr
    assert "Không đủ dung lượng đĩa" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert list(tiny_disk.iterdir()) == []
