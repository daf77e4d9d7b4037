"""The member's encrypted library and reading state (see docs/design/reader-app.md)."""

from paperless.core.atomic import atomic_write
from paperless.core.library.errors import (
    LibraryCopyError,
    LibraryError,
    LibraryFromNewerAppError,
    LibraryTamperedError,
    NotAnOfficeCardError,
    UnknownSessionError,
)
from paperless.core.library.home import has_identity, identity_dir, import_identity
from paperless.core.library.importing import import_bundle, is_in_library, reopen_session
from paperless.core.library.keeping import keep_copy
from paperless.core.library.state import (
    MIGRATIONS,
    SCHEMA_VERSION,
    DocumentState,
    LibraryState,
    SessionRecord,
    migrate,
)
from paperless.core.library.store import Library, recipient_hash

__all__ = [
    "MIGRATIONS", "SCHEMA_VERSION", "DocumentState", "Library", "LibraryCopyError", "LibraryError",
    "LibraryFromNewerAppError", "LibraryState", "LibraryTamperedError", "NotAnOfficeCardError", "SessionRecord",
    "UnknownSessionError", "atomic_write", "has_identity", "identity_dir", "import_bundle", "import_identity",
    "is_in_library", "keep_copy", "migrate", "recipient_hash", "reopen_session",
]
