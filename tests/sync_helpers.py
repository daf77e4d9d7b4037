"""Devices of one member for the end-to-end sync tests: each its own PAPERLESS_HOME (a laptop)
with a copy of the member's identity folder; the real CLI in a subprocess for connect, sync and
export, and the notes store in this process to write notes (with a clock of the test's choosing)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from server_helpers import PASSPHRASE, SRC, Office, ServerSetup

from paperless.core.identity import UnlockedIdentity, unlock_identity
from paperless.core.library import Library
from paperless.core.notes import NotesStore
from paperless.core.notes.hlc import WallClock

SESSION = "hdnd-2026-12-ky-hop-thu-9"
DOC_A = "a" * 64
DOC_B = "b" * 64
SYNC_TIMEOUT_S = 120


@dataclass
class Device:
    """One laptop of a member."""

    home: Path
    identity_dir: Path
    name: str
    office: Office

    @classmethod
    def make(cls, root: Path, office: Office, member: str, name: str) -> Device:
        home = root / name
        home.mkdir(parents=True)
        identity_dir = home / "identity"
        shutil.copytree(office.member(member), identity_dir)
        return cls(home, identity_dir, name, office)

    def env(self) -> dict[str, str]:
        return {**os.environ, "PAPERLESS_HOME": str(self.home), "PL_PASS": PASSPHRASE, "PAPERLESS_LANG": "en",
                "PYTHONPATH": str(SRC)}

    def run(self, *args: str | Path, timeout: float = SYNC_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "paperless", *map(str, args)], env=self.env(),
                              capture_output=True, text=True, timeout=timeout, check=False)

    def connect(self, setup: ServerSetup) -> None:
        r = self.run("connect", setup.office_file, "--identity", self.identity_dir, "--trust", self.office.clerk,
                     "--passphrase-env", "PL_PASS")
        assert r.returncode == 0, r.stderr
        assert "Traceback" not in r.stderr

    def sync(self) -> subprocess.CompletedProcess[str]:
        r = self.run("sync", "--identity", self.identity_dir, "--passphrase-env", "PL_PASS", "--device-name", self.name)
        assert "Traceback" not in r.stderr, r.stderr
        return r

    def sync_ok(self) -> str:
        r = self.sync()
        assert r.returncode == 0, f"{self.name}: {r.returncode} {r.stdout} {r.stderr}"
        return r.stdout

    def export(self, session: str | None = None) -> list[dict[str, Any]]:
        args: list[str | Path] = ["notes", "export", "--identity", self.identity_dir, "--passphrase-env", "PL_PASS",
                                  "--format", "json"]
        if session:
            args += ["--session", session]
        r = self.run(*args)
        assert r.returncode == 0, r.stderr
        records: list[dict[str, Any]] = json.loads(r.stdout)["records"]
        return records

    def identity(self) -> UnlockedIdentity:
        return unlock_identity(self.identity_dir, PASSPHRASE, failure_delay=0)

    def folder(self) -> Path:
        return Library.open(self.home, self.identity()).folder

    @contextmanager
    def store(self, clock: WallClock | None = None) -> Iterator[NotesStore]:
        identity = self.identity()
        with NotesStore.open(Library.open(self.home, identity).folder, identity, clock=clock) as store:
            yield store


def by_uuid(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["uuid"]: r for r in records}


def converge(*devices: Device, rounds: int = 3) -> list[dict[str, Any]]:
    """Sync every device in turn (a few rounds) and check they hold the same notes, record by record."""
    for _ in range(rounds):
        for dev in devices:
            dev.sync_ok()
    exports = [dev.export() for dev in devices]
    first = by_uuid(exports[0])
    for dev, other in zip(devices[1:], exports[1:], strict=True):
        theirs = by_uuid(other)
        assert set(theirs) == set(first), f"{dev.name}: records differ"
        for uuid, record in first.items():
            assert theirs[uuid] == record, f"{dev.name}: {uuid} differs"
    return exports[0]
