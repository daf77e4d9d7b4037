"""Child process of test_notes_crash.py: make annotations forever, reporting each one once saved.

    python tests/notes_crash_child.py LIBRARY_FOLDER IDENTITY_FOLDER ROUND

Prints ``saved <uuid> <n>`` (flushed) only after ``add_annotation`` has returned; the parent
kills this process with SIGKILL at some point and then checks every reported annotation.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from bundle_helpers import unlock

from paperless.core.notes import NotesStore, StickyNote

SID = "phien-12"
DOC = "5a" * 32


def text(round_no: int, n: int) -> str:
    return f"lượt {round_no} — ghi chú số {n}: “trích dẫn có dấu”"


def main() -> None:
    folder, identity, round_no = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    store = NotesStore.open(folder, unlock(identity))
    print("ready", flush=True)
    for n in itertools.count():
        a = store.add_annotation(SID, DOC, n % 40, "note", "#ffd400",
                                 StickyNote(point=(72.0, 100.0 + n % 600), text=text(round_no, n)))
        print(f"saved {a.uuid} {n}", flush=True)


if __name__ == "__main__":
    main()
