"""Choosing the user's language for messages produced by the core and the CLI.

The GUI uses Qt's translation files; the core and the command line use the two message
templates each error class carries (``en`` and ``vi``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

SUPPORTED = ("vi", "en")


def user_language(environ: Mapping[str, str] | None = None) -> str:
    """Return ``"vi"`` or ``"en"`` from PAPERLESS_LANG or the POSIX locale variables."""
    env = os.environ if environ is None else environ
    for var in ("PAPERLESS_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = env.get(var, "")
        if not value:
            continue
        lang = value.split(":")[0].split("_")[0].split(".")[0].lower()
        if lang in SUPPORTED:
            return lang
        if var == "PAPERLESS_LANG":
            continue
        return "en"
    return "en"
