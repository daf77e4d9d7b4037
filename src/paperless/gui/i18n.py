"""Choosing and switching the interface language (Vietnamese or English).

The setting ``language`` is ``system`` (default), ``vi`` or ``en``. With ``system`` the
language comes from ``PAPERLESS_LANG`` or the system locale (Vietnamese for a Vietnamese
Windows or ``LANG=vi_VN.UTF-8``), otherwise English. Switching installs another
QTranslator at once: Qt sends every widget a LanguageChange event and the app's widgets
set their texts again, so the switch is live, without a restart.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

from paperless.core.i18n import user_language

SUPPORTED = ("vi", "en")


def system_language(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    forced = env.get("PAPERLESS_LANG", "").split("_")[0].split(".")[0].lower()
    if forced in SUPPORTED:
        return forced
    if QLocale.system().language() == QLocale.Language.Vietnamese:
        return "vi"
    return user_language(env)


def resolve_language(setting: str, override: str | None = None) -> str:
    if override in SUPPORTED:
        return str(override)
    if setting in SUPPORTED:
        return setting
    return system_language()


class Translators(QObject):
    """Owns the installed QTranslator; ``language`` is what the interface currently shows."""

    changed = Signal(str)

    def __init__(self, app: QCoreApplication, folder: Path) -> None:
        super().__init__(app)
        self._app = app
        self._folder = folder
        self._installed: list[QTranslator] = []
        self.language = "en"

    def remove(self) -> None:
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []

    def _load(self, name: str) -> bool:
        translator = QTranslator(self)
        if not translator.load(name, str(self._folder)):
            return False
        self._app.installTranslator(translator)
        self._installed.append(translator)
        return True

    def install(self, language: str) -> bool:
        """Switch to ``language``; False if its translation file is missing (English is used).

        ``paperless_<lang>`` holds the app's texts (English needs it only for plural forms);
        ``qt_extra_<lang>``, when present, the few Qt texts shown (text field menus)."""
        self.remove()
        loaded = self._load(f"paperless_{language}")
        if loaded:
            self._load(f"qt_extra_{language}")
        self.language = language if loaded or language == "en" else "en"
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if self.language == "vi"
                                   else QLocale.Language.English))
        self.changed.emit(self.language)
        return loaded
