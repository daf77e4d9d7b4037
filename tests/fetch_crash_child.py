"""A member's app killed (SIGKILL) in the middle of a download, or right after it was checked.

argv: PAPERLESS_HOME, identity folder, where ("bytes:N": once N bytes are written; "admit": after
the download was checked, before it is renamed into the library); the passphrase in PL_PASS."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from paperless.core.distribution import client
from paperless.core.distribution.client import Fetcher
from paperless.core.identity import unlock_identity
from paperless.core.library import Library
from paperless.core.notes import NotesStore
from paperless.core.sync import SyncEngine


def main() -> int:
    home, identity_dir, where = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    identity = unlock_identity(identity_dir, os.environ["PL_PASS"], failure_delay=0)
    library = Library.open(home, identity)
    store = NotesStore.open(library.folder, identity)
    engine = SyncEngine(identity, library.folder, store, device_name="crash", trusted=library.trusted_signers)
    fetcher = Fetcher(library, engine.authorized)
    if where.startswith("bytes:"):
        limit = int(where.split(":")[1])

        def on_chunk(done: int) -> None:
            if done >= limit:
                os.kill(os.getpid(), signal.SIGKILL)

        fetcher.on_chunk = on_chunk
    else:
        real_replace = client.os.replace

        def replace(src: object, dst: object) -> None:
            if str(src).endswith(".part"):  # the checked download, about to join the library
                os.kill(os.getpid(), signal.SIGKILL)
            real_replace(src, dst)  # type: ignore[arg-type]

        client.os.replace = replace  # type: ignore[assignment]
    fetcher.fetch_all()
    return 3


if __name__ == "__main__":
    sys.exit(main())
