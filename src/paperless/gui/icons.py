"""The app's few icons, loaded from resources/icons (SVG)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon


class Icons:
    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._cache: dict[str, QIcon] = {}

    def get(self, name: str) -> QIcon:
        icon = self._cache.get(name)
        if icon is None:
            path = self._folder / f"{name}.svg"
            icon = QIcon(str(path)) if path.is_file() else QIcon()
            self._cache[name] = icon
        return icon
