"""A client killed (SIGKILL) at a step of the receipts and recalls part of a sync round: after the
server stored the receipts and before the answer is kept (``receipts-sent``), or after a recall
was carried out and before its acknowledgement is sent (``recall-applied``).

argv: PAPERLESS_HOME, identity folder, the office's clerk folder, the step; the passphrase in
PL_PASS. Exits by SIGKILL at the step."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from paperless.core.identity import load_card, unlock_identity
from paperless.core.library import Library
from paperless.core.notes import NotesStore
from paperless.core.sync import SyncEngine


def main() -> int:
    home, identity_dir, clerk_dir, step = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
    identity = unlock_identity(identity_dir, os.environ["PL_PASS"], failure_delay=0)
    clerk = load_card(clerk_dir)
    library = Library.open(home, identity)
    store = NotesStore.open(library.folder, identity)
    engine = SyncEngine(identity, library.folder, store, device_name="crash", trusted=lambda: [clerk],
                        library=lambda: library)

    def crash(at: str) -> None:
        if at == step:
            os.kill(os.getpid(), signal.SIGKILL)

    engine.crash_hook = crash
    report = engine.sync_once()
    print(report.status.state, report.status.detail, file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main())
