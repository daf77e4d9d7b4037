"""The bundled Noto Sans faces used for text the export draws (they cover Vietnamese)."""

from __future__ import annotations

from pathlib import Path

from paperless.resources import resource_path

REGULAR = "NotoSans-Regular.ttf"
BOLD = "NotoSans-Bold.ttf"
ITALIC = "NotoSans-Italic.ttf"
BOLD_ITALIC = "NotoSans-BoldItalic.ttf"


def fonts_dir() -> Path:
    return resource_path("fonts")


def font_file(name: str) -> str:
    path = fonts_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"bundled font missing: {path}")
    return str(path)
