"""The notes panel (issue 4): a private note per agenda item, bookmarks, my annotations; and
the window's notes actions (Undo/Redo, bookmark, exports), composed by :mod:`.wiring`."""
