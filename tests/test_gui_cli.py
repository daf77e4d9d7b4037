"""The app from the command line: ``paperless``, ``paperless open``, ``paperless demo``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bundle_helpers import PASSPHRASE, People
from PySide6.QtGui import QImage

pytestmark = pytest.mark.slow


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update({"PAPERLESS_HOME": str(tmp_path / "home"), "PAPERLESS_LANG": "en", "PAPERLESS_PASSPHRASE": PASSPHRASE,
                "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    env.update(extra)
    return env


def _run(tmp_path: Path, *args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "paperless", *map(str, args)], env=_env(tmp_path, **env),
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def test_no_display_no_crash(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux only: elsewhere there is always a display")
    r = _run(tmp_path)
    assert r.returncode == 0 and "No display" in r.stdout, r.stderr
    assert "--help" not in r.stdout
    assert _run(tmp_path, "--help").stdout.count("open") >= 1


def test_open_with_screenshot(tmp_path: Path, bundle: Path, people: People) -> None:
    out = tmp_path / "open.png"
    r = _run(tmp_path, "open", bundle, "--identity", people.member("an"), "--trust", people.clerk,
             "--passphrase-env", "PAPERLESS_PASSPHRASE", "--screenshot", out)
    assert r.returncode == 0, r.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() > 800
    assert list((tmp_path / "home" / "bundles").glob("*.paperless"))  # kept in the library


def test_open_refusals_exit_non_zero(tmp_path: Path, bundle: Path, people: People) -> None:
    out = tmp_path / "x.png"
    wrong = _run(tmp_path, "open", bundle, "--identity", people.member("an"), "--trust", people.clerk,
                 "--passphrase-env", "PAPERLESS_PASSPHRASE", "--screenshot", out, PAPERLESS_PASSPHRASE="sai")
    assert wrong.returncode == 1 and "Wrong passphrase" in wrong.stderr and not out.exists()
    rogue = _run(tmp_path, "open", bundle, "--identity", people.member("an"), "--trust", people.root / "rogue",
                 "--passphrase-env", "PAPERLESS_PASSPHRASE", "--screenshot", out)
    assert rogue.returncode == 1 and "unknown key" in rogue.stderr and not out.exists()
    missing = _run(tmp_path, "open", tmp_path / "nope.paperless", "--screenshot", out)
    assert missing.returncode == 64 and "not a file" in missing.stderr
    unset = _run(tmp_path, "open", bundle, "--identity", people.member("an"), "--passphrase-env", "NOT_SET_VAR")
    assert unset.returncode == 64 and "NOT_SET_VAR" in unset.stderr


def test_clerk_opens_the_workspace_on_a_session(tmp_path: Path, session_dir: Path, people: People) -> None:
    out = tmp_path / "clerk.png"
    r = _run(tmp_path, "clerk", session_dir / "session.toml", "--identity", people.clerk,
             "--passphrase-env", "PAPERLESS_PASSPHRASE", "--screenshot", out)
    assert r.returncode == 0, r.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 1000
    missing = _run(tmp_path, "clerk", tmp_path / "nope" / "session.toml", "--screenshot", out)
    assert missing.returncode == 64 and "does not exist" in missing.stderr
