"""Locate files shipped under ``resources/`` in a source tree, a wheel or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "resources")
    here = Path(__file__).resolve().parent
    candidates.append(here / "resources")  # installed wheel
    candidates.append(here.parents[1] / "resources")  # source tree / editable install
    for c in candidates:
        if c.is_dir():
            return c
    raise FileNotFoundError("paperless resources folder not found")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
