"""The member's encrypted, sync-ready notes: annotations, item notes, bookmarks (issue 4, Storage).

See :mod:`.store` for the rules (one transaction per change, outbox, tombstones, threads)
and :mod:`.crypto` for what is encrypted and how.
"""

from paperless.core.notes.crypto import KEY_FILE
from paperless.core.notes.db import DB_FILE
from paperless.core.notes.errors import (
    NoteNotFoundError,
    NotesBusyError,
    NotesCorruptError,
    NotesDiskFullError,
    NotesError,
    NotesFromNewerAppError,
    NotesKeyError,
    NotesKeyMissingError,
    NotesTamperedError,
)
from paperless.core.notes.hlc import Hlc, HybridClock, WallClock, system_clock_ms
from paperless.core.notes.migrations import MIGRATIONS, SCHEMA_VERSION
from paperless.core.notes.records import (
    Annotation,
    AnnotationKind,
    Bookmark,
    ItemNote,
    JsonDict,
    OpKind,
    OutboxOp,
    Record,
)
from paperless.core.notes.store import UNSET, NotesStore

__all__ = [
    "DB_FILE", "KEY_FILE", "MIGRATIONS", "SCHEMA_VERSION", "UNSET", "Annotation", "AnnotationKind", "Bookmark",
    "Hlc", "HybridClock", "ItemNote", "JsonDict", "NoteNotFoundError", "NotesBusyError", "NotesCorruptError",
    "NotesDiskFullError", "NotesError", "NotesFromNewerAppError", "NotesKeyError", "NotesKeyMissingError",
    "NotesStore", "NotesTamperedError", "OpKind", "OutboxOp", "Record", "WallClock", "system_clock_ms",
]
