"""The Qt-free model the app shows (napari's model layer): the open session and the member's notes.

The GUI observes it (``gui.model_events`` brings its notifications to the GUI thread) and calls
the task layer to change it; any other source — the coming sync and meeting channel — changes it
the same way, and what changed appears on screen without the GUI knowing where it came from.
"""

from paperless.core.model.notes import NotesChanged, NotesModel
from paperless.core.model.observers import Observers
from paperless.core.model.session import (
    CACHE_BYTES,
    Change,
    DocumentCache,
    LoadedDocument,
    SessionClosedError,
    SessionEvent,
    SessionModel,
    watermark_text,
)

__all__ = [
    "CACHE_BYTES", "Change", "DocumentCache", "LoadedDocument", "NotesChanged", "NotesModel", "Observers",
    "SessionClosedError", "SessionEvent", "SessionModel", "watermark_text",
]
