"""Crash safety: SIGKILL right after a save is reported loses nothing that was reported."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from bundle_helpers import People, unlock
from notes_crash_child import SID, text

from paperless.core.notes import DB_FILE, NotesStore

CHILD = Path(__file__).with_name("notes_crash_child.py")
KILL_AFTER = (150, 37, 1, 260)  # saves reported before each kill


def _run_and_kill(folder: Path, identity: Path, round_no: int, after: int) -> dict[str, int]:
    """Start the child, read its reports, SIGKILL it right after the ``after``-th; return every reported save."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(CHILD.parent), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen([sys.executable, str(CHILD), str(folder), str(identity), str(round_no)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    reported: dict[str, int] = {}
    try:
        assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
        while len(reported) < after:
            line = child.stdout.readline()
            assert line.startswith("saved "), (line, child.stderr.read() if child.stderr else "")
            _, uuid, n = line.split()
            reported[uuid] = int(n)
        os.kill(child.pid, signal.SIGKILL)
        # Reports already in the pipe when the kill landed count too: their saves had returned.
        for line in child.stdout:
            if line.startswith("saved ") and line.endswith("\n"):
                _, uuid, n = line.split()
                reported[uuid] = int(n)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL
    return reported


def test_every_reported_annotation_survives_sigkill(tmp_path: Path, people: People) -> None:
    folder = tmp_path / "library" / "member"
    an = unlock(people.member("an"))
    everything: dict[str, tuple[int, int]] = {}
    for round_no, after in enumerate(KILL_AFTER):
        reported = _run_and_kill(folder, people.member("an"), round_no, after)
        assert len(reported) >= after
        everything.update({u: (round_no, n) for u, n in reported.items()})

        # The file is sound, and each annotation and its outbox operation were saved together.
        con = sqlite3.connect(folder / DB_FILE)
        try:
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            in_db = con.execute("SELECT COUNT(*) FROM annotations").fetchone()[0]
            ops = con.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]  # the child only adds: one create each
        finally:
            con.close()
        assert in_db == ops >= len(everything)
        assert in_db <= len(everything) + round_no + 1  # at most the one save per round that was never reported
        # The row digest was changed in the same transaction as the rows: the store opens (it is
        # refused when the digest and the rows disagree), whatever the kill interrupted.
        with NotesStore.open(folder, an) as store:
            assert len(store.pending_outbox()) == in_db

    with NotesStore.open(folder, an) as store:
        found = {a.uuid: a for a in store.annotations(SID)}
        for uuid, (round_no, n) in everything.items():
            assert uuid in found, (round_no, n)
            assert found[uuid].payload["text"] == text(round_no, n)
            assert found[uuid].page == n % 40
        outbox = {op.record_uuid for op in store.pending_outbox()}
        assert set(everything) <= outbox
        assert len(set(found)) == len(outbox)
