"""The member's encrypted, sync-ready notes: annotations, item notes, bookmarks (issue 4, Storage).

See :mod:`.store` for the rules (one transaction per change, outbox, tombstones, threads),
:mod:`.content` for what an annotation holds (one typed, checked value per kind), :mod:`.crypto`
and :mod:`.records` for what is sealed and how, :mod:`.integrity` for the row
digest that notices rolled-back rows, and :mod:`.keyfile` for the sealed key file.
"""

from typing import TYPE_CHECKING, Any

from paperless.core.notes.content import (
    Carried,
    Content,
    ContentError,
    Ink,
    StickyNote,
    TextBox,
    TextMarkup,
    parse_content,
)
from paperless.core.notes.errors import (
    NoteNotFoundError,
    NotesBusyError,
    NotesCorruptError,
    NotesDiskFullError,
    NotesError,
    NotesFromNewerAppError,
    NotesKeyError,
    NotesKeyMissingError,
    NotesKeyRejectedNotice,
    NotesRolledBackError,
    NotesTamperedError,
    NotesUnreadableContentError,
)
from paperless.core.notes.hlc import Hlc, HybridClock, WallClock, system_clock_ms
from paperless.core.notes.records import (
    Annotation,
    AnnotationKind,
    Bookmark,
    ItemNote,
    JsonDict,
    OpKind,
    OutboxOp,
    Record,
    UnreadableAnnotation,
)

if TYPE_CHECKING:
    from paperless.core.notes.db import DB_FILE
    from paperless.core.notes.keyfile import KEY_FILE
    from paperless.core.notes.migrations import MIGRATIONS, SCHEMA_VERSION
    from paperless.core.notes.store import UNSET, NotesStore

# The store and its database layer (SQLAlchemy: ~35 MB and ~0.25 s to import) load when first
# used — opening a session's notes — not when the reader starts or only needs the records.
_LAZY = {"DB_FILE": "db", "KEY_FILE": "keyfile", "MIGRATIONS": "migrations", "SCHEMA_VERSION": "migrations",
         "UNSET": "store", "NotesStore": "store"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)

__all__ = [
    "DB_FILE", "KEY_FILE", "MIGRATIONS", "SCHEMA_VERSION", "UNSET", "Annotation", "AnnotationKind", "Bookmark",
    "Carried", "Content", "ContentError", "Hlc", "HybridClock", "Ink", "ItemNote", "JsonDict", "NoteNotFoundError",
    "NotesBusyError", "NotesCorruptError", "NotesDiskFullError", "NotesError", "NotesFromNewerAppError",
    "NotesKeyError", "NotesKeyMissingError", "NotesKeyRejectedNotice", "NotesRolledBackError", "NotesStore",
    "NotesTamperedError", "NotesUnreadableContentError", "OpKind", "OutboxOp", "Record", "StickyNote", "TextBox",
    "TextMarkup", "UnreadableAnnotation", "WallClock", "parse_content", "system_clock_ms",
]
