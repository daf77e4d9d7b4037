"""Office-server files made by the real ``paperless server init``, and session bundles carrying one."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bundle_helpers import People, run_cli, unlock, write_session
from server_helpers import SRC, free_port

from paperless.core.bundle import build_bundle
from paperless.core.session import load_session


def cli(*args: str | Path, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``paperless …`` in a subprocess running this worktree's code (as a member or the clerk would)."""
    env = {"PYTHONPATH": str(SRC)}
    if home is not None:
        env["PAPERLESS_HOME"] = str(home)
    return run_cli(*args, env=env)


def one_line_error(r: subprocess.CompletedProcess[str]) -> str:
    """The command failed with one line on stderr (no traceback); that line."""
    assert r.returncode != 0, r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    return lines[0]


def server_init(folder: Path, clerk: Path, url: str) -> Path:
    """``paperless server init`` signed by ``clerk`` (passphrase from PAPERLESS_PASSPHRASE, set by
    run_cli): the office-server.toml it writes."""
    r = cli("server", "init", folder, "--office", clerk, "--passphrase-env", "PAPERLESS_PASSPHRASE", "--url", url)
    assert r.returncode == 0, r.stderr
    return folder / "office-server.toml"


@dataclass(frozen=True)
class OfficeFiles:
    url: str  # of the good server: a loopback port where nothing listens (a sync round fails at once)
    good: Path  # signed by the clerk who signs the bundles, for ``url``
    moved_url: str
    moved: Path  # signed by the same clerk: another server (``moved_url``, another certificate)
    rogue: Path  # signed by another clerk key, for ``url``


def make_office_files(root: Path, people: People) -> OfficeFiles:
    url, moved_url = f"https://127.0.0.1:{free_port()}", f"https://127.0.0.1:{free_port()}"
    return OfficeFiles(url, server_init(root / "server", people.clerk, url),
                       moved_url, server_init(root / "server2", people.clerk, moved_url),
                       server_init(root / "rogue-server", people.root / "rogue", url))


def session_with_office(root: Path, people: People, office_file: Path | None, name: str = "office-server.toml") -> Path:
    """A session.toml (three items) whose [session] names ``office_file``, copied next to it as ``name``."""
    root.mkdir(parents=True, exist_ok=True)
    path = write_session(root, people)
    if office_file is not None:
        shutil.copyfile(office_file, root / name)
        text = path.read_text("utf-8").replace("[session]\n", f'[session]\noffice_server = "{name}"\n', 1)
        path.write_text(text, "utf-8")
    return path


def build(session: Path, people: People, out: Path, version: int = 1) -> Path:
    build_bundle(load_session(session), unlock(people.clerk), out, version=version)
    return out
