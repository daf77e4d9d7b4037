"""A full disk gives a clear message, a non-zero exit, and leaves no half-written file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import People, run_cli
from disk_helpers import tiny_tmpfs


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with tiny_tmpfs(tmp_path) as mnt:
        yield mnt


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
