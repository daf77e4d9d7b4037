"""Where Paperless keeps its files on this machine (overridable with PAPERLESS_HOME)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    home = env.get("PAPERLESS_HOME")
    if home:
        return Path(home)
    return Path(platformdirs.user_data_dir("Paperless", appauthor=False))
