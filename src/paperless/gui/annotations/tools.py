"""The annotation tools and their colours (no widgets here).

Every preset colour has two tones: a light one for what covers text or is a piece of paper
(highlights, sticky notes) and a strong one for what is drawn with a line or written (underline,
strike-out, pen, text boxes), so that "yellow" reads well as both. Colours are stored as the
store wants them: ``#rrggbb``, lower case.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from paperless.core.notes import AnnotationKind


class Tool(StrEnum):
    SELECT = "select"
    HIGHLIGHT = "highlight"
    UNDERLINE = "underline"
    STRIKEOUT = "strikeout"
    INK = "ink"
    ERASER = "eraser"
    NOTE = "note"
    TEXTBOX = "textbox"


MARKUP_TOOLS = frozenset({Tool.HIGHLIGHT, Tool.UNDERLINE, Tool.STRIKEOUT})
ONE_SHOT_TOOLS = frozenset({Tool.NOTE, Tool.TEXTBOX})  # back to Select once one is placed

KIND_OF_TOOL: dict[Tool, AnnotationKind] = {
    Tool.HIGHLIGHT: AnnotationKind.HIGHLIGHT,
    Tool.UNDERLINE: AnnotationKind.UNDERLINE,
    Tool.STRIKEOUT: AnnotationKind.STRIKEOUT,
    Tool.INK: AnnotationKind.INK,
    Tool.NOTE: AnnotationKind.NOTE,
    Tool.TEXTBOX: AnnotationKind.TEXTBOX,
}
TOOL_OF_KIND: dict[AnnotationKind, Tool] = {kind: tool for tool, kind in KIND_OF_TOOL.items()}

LIGHT_KINDS = frozenset({AnnotationKind.HIGHLIGHT, AnnotationKind.NOTE})  # take a preset's light tone


@dataclass(frozen=True)
class Preset:
    name: str  # stable id (the toolbar gives each its translated name)
    light: str | None  # None: not offered for highlights and notes
    strong: str

    def tone(self, kind: AnnotationKind) -> str | None:
        return self.light if kind in LIGHT_KINDS else self.strong


PRESETS: tuple[Preset, ...] = (
    Preset("yellow", "#ffe14d", "#d9a300"),
    Preset("green", "#8fe388", "#1e8e3e"),
    Preset("blue", "#93c8ff", "#1565c0"),
    Preset("pink", "#ffa6d2", "#d81b78"),
    Preset("red", "#ff9e94", "#d32f2f"),
    Preset("black", None, "#212121"),
)
PRESET_BY_NAME = {p.name: p for p in PRESETS}

DEFAULT_PRESET: dict[Tool, str] = {
    Tool.HIGHLIGHT: "yellow",
    Tool.UNDERLINE: "blue",
    Tool.STRIKEOUT: "red",
    Tool.INK: "red",
    Tool.NOTE: "yellow",
    Tool.TEXTBOX: "blue",
}

PEN_WIDTHS: tuple[float, ...] = (1.0, 2.0, 3.5, 6.0)  # points
DEFAULT_PEN_WIDTH = 2.0
TEXTBOX_FONT_SIZE = 12.0  # points
TEXT_SIZES: tuple[float, ...] = (10.0, 12.0, 14.0, 18.0, 24.0)  # points, offered for text boxes
NOTE_ICON = 20.0  # points: a sticky note's icon is this square, its top-left at payload["point"]


def preset_of(color: str | None) -> Preset | None:
    """The preset a stored colour belongs to (either tone), if any."""
    if not color:
        return None
    c = color.lower()[:7]
    for p in PRESETS:
        if c in (p.light, p.strong):
            return p
    return None


def color_for(kind: AnnotationKind, preset: str) -> str:
    """The stored colour of ``preset`` for an annotation of ``kind`` (its light or strong tone)."""
    p = PRESET_BY_NAME.get(preset) or PRESET_BY_NAME["yellow"]
    tone = p.tone(kind)
    return tone if tone is not None else p.strong
