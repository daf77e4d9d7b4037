"""A client killed (SIGKILL) after the server answered a push and before the answer is recorded.

argv: PAPERLESS_HOME, identity folder; the passphrase in PL_PASS. Exits by SIGKILL when it pushed."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from paperless.core.identity import unlock_identity
from paperless.core.library import Library
from paperless.core.notes import NotesStore
from paperless.core.sync import SyncEngine


def main() -> int:
    home, identity_dir = Path(sys.argv[1]), Path(sys.argv[2])
    identity = unlock_identity(identity_dir, os.environ["PL_PASS"], failure_delay=0)
    library = Library.open(home, identity)
    store = NotesStore.open(library.folder, identity)
    engine = SyncEngine(identity, library.folder, store, device_name="crash")

    def crash(step: str) -> None:
        if step == "pushed":
            os.kill(os.getpid(), signal.SIGKILL)

    engine.crash_hook = crash
    report = engine.sync_once()
    print(report.status.state, report.status.detail, file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main())
