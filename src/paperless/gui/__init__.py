"""The reader app (PySide6). Calls the core and shows results; see docs/design/reader-app.md."""

from paperless.gui import _pyside_fix  # noqa: F401 - must run before any signal is emitted
