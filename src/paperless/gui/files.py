"""Asking the user for files, folders and a printer (Qt's dialogs), behind a small interface
tests replace."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


class FilePicker(Protocol):
    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None: ...
    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None: ...
    def folder(self, parent: QWidget | None, title: str) -> Path | None: ...
    def choose_printer(self, parent: QWidget | None, printer: QPrinter, pages: int) -> bool: ...


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

    def choose_printer(self, parent: QWidget | None, printer: QPrinter, pages: int) -> bool:
        """The system's print dialog set up on ``printer`` (pages 1 to ``pages``); False: cancelled."""
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

        dialog = QPrintDialog(printer, parent)
        dialog.setMinMax(1, max(1, pages))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        return dialog.exec() == QDialog.DialogCode.Accepted
