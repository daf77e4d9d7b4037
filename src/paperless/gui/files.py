"""Asking the user for files and folders (Qt's dialogs), behind a small interface tests replace."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QWidget


class FilePicker(Protocol):
    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None: ...
    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None: ...
    def folder(self, parent: QWidget | None, title: str) -> Path | None: ...


class QtFilePicker:
    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None

    def folder(self, parent: QWidget | None, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title)
        return Path(name) if name else None
