"""The app's few preferences, in ``settings.ini`` in the data folder (nothing confidential).

Only harmless things are kept here: language, view toggles, window geometry and where the
member's identity folder is. Session titles, paths of documents and reading positions live
in the encrypted library instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

LANGUAGES = ("system", "vi", "en")


class Settings:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    @property
    def language(self) -> str:
        value = str(self._qs.value("language", "system"))
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("language", value if value in LANGUAGES else "system")

    def flag(self, key: str, default: bool = False) -> bool:
        return self._bool(f"view/{key}", default)

    def set_flag(self, key: str, value: bool) -> None:
        self._qs.setValue(f"view/{key}", bool(value))

    @property
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    def sync(self) -> None:
        self._qs.sync()
