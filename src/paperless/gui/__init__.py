"""The reader app (PySide6). Calls the core and shows results; see docs/design/reader-app.md."""
