# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""The bundled Noto Sans faces held in memory: an export child reads them before its sandbox
closes (after that no file can be opened), and every export draws from memory, not by path."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from paperless.core.export.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, font_file

FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)


class FontSet:
    def __init__(self, faces: Mapping[str, bytes]) -> None:
        self._faces = dict(faces)

    @classmethod
    def load(cls) -> FontSet:
        """Read the bundled faces (raises FileNotFoundError if one is missing)."""
        faces = {}
        for name in FACES:
            with open(font_file(name), "rb") as f:
                faces[name] = f.read()
        return cls(faces)

    def data(self, name: str) -> bytes:
        return self._faces[name]

    def font(self, name: str) -> Any:
        """A ``pymupdf.Font`` of the face ``name`` (e.g. ``fonts.REGULAR``)."""
        import pymupdf

        return pymupdf.Font(fontbuffer=self._faces[name])

    def archive(self) -> Any:
        """A ``pymupdf.Archive`` holding the faces under their file names (for ``Story`` CSS)."""
        import pymupdf

        archive = pymupdf.Archive()
        for name, data in self._faces.items():
            archive.add(data, name)
        return archive
