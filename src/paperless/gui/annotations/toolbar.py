"""AnnotationToolBar: the markup tools, their colour and pen width, undo and redo.

The tools are checkable actions in one exclusive group (Select is the default); each has a
one-letter shortcut, shown in its tooltip. The document view owns the toolbar (like the
viewer's own) and hands it out for the main window to place; it also adds the tool actions to
itself (shortcuts while the document has the focus) and the undo/redo actions (shortcuts
anywhere in the window). Each tool remembers its colour; pen width applies to the pen, text size to text boxes
(``text_size``).

Icons come from ``set_icons`` (monochrome SVGs tinted with the palette's text colour); the
colour and width buttons draw their own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

from paperless.core.notes import AnnotationKind
from paperless.core.notes.editing import Step
from paperless.gui.icons import Icons
from paperless.gui.notes.kinds import redo_text, undo_text

from .choices import choice_menu
from .text_size import TextSizeButton
from .tools import (
    DEFAULT_PEN_WIDTH,
    DEFAULT_PRESET,
    KIND_OF_TOOL,
    PEN_WIDTHS,
    PRESET_BY_NAME,
    PRESETS,
    Tool,
    preset_of,
)

SHORTCUTS: dict[Tool, str] = {
    Tool.SELECT: "V", Tool.HIGHLIGHT: "H", Tool.UNDERLINE: "U", Tool.STRIKEOUT: "S", Tool.INK: "P",
    Tool.ERASER: "E", Tool.NOTE: "N", Tool.TEXTBOX: "T",
}
ICONS: dict[Tool, str] = {
    Tool.SELECT: "tool-select", Tool.HIGHLIGHT: "tool-highlight", Tool.UNDERLINE: "tool-underline",
    Tool.STRIKEOUT: "tool-strikeout", Tool.INK: "tool-pen", Tool.ERASER: "tool-eraser", Tool.NOTE: "tool-note",
    Tool.TEXTBOX: "tool-textbox",
}
SWATCH = 16


def _key_text(key: str | QKeySequence.StandardKey) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def swatch(color: str | None, size: int = SWATCH, *, ring: QColor | None = None) -> QIcon:
    """A round colour sample (a crossed-out circle for ``None``: not available)."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(ring or QColor(90, 90, 90), 1.0))
    p.setBrush(QColor(color) if color else Qt.GlobalColor.transparent)
    p.drawEllipse(QPointF(size / 2, size / 2), size / 2 - 1.5, size / 2 - 1.5)
    if not color:
        p.drawLine(QPointF(3, size - 3), QPointF(size - 3, 3))
    p.end()
    return QIcon(pixmap)


def width_icon(width: float, colour: QColor, size: int = SWATCH) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(colour, min(size / 2, max(1.0, width)))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawLine(QPointF(3, size / 2), QPointF(size - 3, size / 2))
    p.end()
    return QIcon(pixmap)


class AnnotationToolBar(QToolBar):
    tool_changed = Signal(str)  # the Tool now chosen
    color_chosen = Signal(str)  # a preset's name, picked by the user (also recolours the selection)
    width_chosen = Signal(float)  # a pen width (points), picked by the user
    text_size_chosen = Signal(float)  # a text box's text size (points), picked by the user

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationToolbar")
        self.setIconSize(QSize(18, 18))
        self._tool = Tool.SELECT
        self._presets: dict[Tool, str] = dict(DEFAULT_PRESET)
        self._width = DEFAULT_PEN_WIDTH
        self._text_colour = QColor(60, 60, 60)
        self._enabled = True
        self._selected: tuple[AnnotationKind, str | None] | None = None  # the selected annotation's kind, colour
        self._history: tuple[Step | None, Step | None] = (None, None)  # what Undo, Redo would do

        self.tools = QActionGroup(self)
        self.tools.setExclusive(True)
        self.tool_actions: dict[Tool, QAction] = {}
        for tool in Tool:
            action = QAction(self)
            action.setCheckable(True)
            action.setData(tool.value)
            action.setShortcut(QKeySequence(SHORTCUTS[tool]))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setObjectName(f"tool-{tool.value}")
            self.tools.addAction(action)
            self.tool_actions[tool] = action
            if tool in (Tool.HIGHLIGHT, Tool.INK, Tool.NOTE):
                self.addSeparator()
            self.addAction(action)
        self.tool_actions[Tool.SELECT].setChecked(True)
        self.tools.triggered.connect(self._tool_triggered)
        self.addSeparator()

        self.colors, self.color_menu, self.color_actions = choice_menu(self, [p.name for p in PRESETS])
        self.colors.triggered.connect(lambda a: self._color_picked(str(a.data())))
        self.color_button = QToolButton(self)
        self.color_button.setObjectName("annotationColour")
        self.color_button.setMenu(self.color_menu)
        self.color_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.addWidget(self.color_button)

        self.widths, self.width_menu, self.width_actions = choice_menu(self, PEN_WIDTHS)
        self.widths.triggered.connect(lambda a: self._width_picked(float(a.data())))
        self.width_button = QToolButton(self)
        self.width_button.setObjectName("annotationPenWidth")
        self.width_button.setMenu(self.width_menu)
        self.width_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.addWidget(self.width_button)
        self.text_size = TextSizeButton(self)
        self.text_size.size_chosen.connect(self.text_size_chosen)
        self.addWidget(self.text_size)
        self.addSeparator()

        self.undo_action = QAction(self)
        self.undo_action.setObjectName("annotationUndo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = QAction(self)
        self.redo_action.setObjectName("annotationRedo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setEnabled(False)
            self.addAction(action)
        self._sync_color()
        self._sync_width()
        self.retranslate()

    # ---- texts ----------------------------------------------------------------------------

    def tool_names(self) -> dict[Tool, tuple[str, str]]:
        """Each tool's name and what it does (tooltip sentence)."""
        return {
            Tool.SELECT: (self.tr("Select"), self.tr("Select text or an annotation to move, change or delete it")),
            Tool.HIGHLIGHT: (self.tr("Highlight"), self.tr("Highlight text: drag over it, or select it first")),
            Tool.UNDERLINE: (self.tr("Underline"), self.tr("Underline text: drag over it, or select it first")),
            Tool.STRIKEOUT: (self.tr("Strike out"), self.tr("Strike out text: drag over it, or select it first")),
            Tool.INK: (self.tr("Pen"), self.tr("Draw freehand with the mouse, touchpad or pen")),
            Tool.ERASER: (self.tr("Eraser"), self.tr("Erase pen strokes: drag over them")),
            Tool.NOTE: (self.tr("Sticky note"), self.tr("Add a sticky note: click where it goes")),
            Tool.TEXTBOX: (self.tr("Text box"), self.tr("Write on the page: drag a box, then type")),
        }

    def color_names(self) -> dict[str, str]:
        return {"yellow": self.tr("Yellow"), "green": self.tr("Green"), "blue": self.tr("Blue"),
                "pink": self.tr("Pink"), "red": self.tr("Red"), "black": self.tr("Black")}

    def width_names(self) -> dict[float, str]:
        return {1.0: self.tr("Fine"), 2.0: self.tr("Medium"), 3.5: self.tr("Thick"), 6.0: self.tr("Marker")}

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Annotations"))
        self.setAccessibleName(self.tr("Annotation tools"))
        for tool, (name, sentence) in self.tool_names().items():
            key = SHORTCUTS[tool]
            keys = f"{key}, {_key_text('Esc')}" if tool is Tool.SELECT else key
            self._texts(self.tool_actions[tool], name, f"{sentence} ({keys})")
        names = self.color_names()
        for name, action in self.color_actions.items():
            action.setText(names[name])
        for width, action in self.width_actions.items():
            action.setText(self.tr("{name} ({points} pt)").format(name=self.width_names()[width], points=f"{width:g}"))
        self.color_button.setText(self.tr("Colour"))
        self._sync_color()
        self.width_button.setText(self.tr("Pen width"))
        self._sync_width()
        self._history_texts()

    def _history_texts(self) -> None:
        undo_keys = _key_text(QKeySequence.StandardKey.Undo)
        redo_keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in self.redo_action.shortcuts())
        self._texts(self.undo_action, undo_text(self._history[0]),
                    self.tr("Undo the last change to your annotations ({keys})").format(keys=undo_keys))
        self._texts(self.redo_action, redo_text(self._history[1]),
                    self.tr("Redo the change you undid ({keys})").format(keys=redo_keys))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _texts(self, action: QAction, text: str, tip: str) -> None:
        action.setText(text)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        button = self.widgetForAction(action)
        if button is not None:
            button.setAccessibleName(text.replace("&", ""))
            button.setAccessibleDescription(tip)

    def set_icons(self, icons: Icons, colour: QColor) -> None:
        """Icons drawn in ``colour`` (the palette's text colour; call again when it changes)."""
        self._text_colour = QColor(colour)
        for tool, name in ICONS.items():
            self.tool_actions[tool].setIcon(icons.tinted(name, colour))
        self.undo_action.setIcon(icons.tinted("undo", colour))
        self.redo_action.setIcon(icons.tinted("redo", colour))
        self._sync_color()
        self._sync_width()

    # ---- state ------------------------------------------------------------------------------

    def tool(self) -> Tool:
        return self._tool

    def set_tool(self, tool: Tool) -> None:
        """Choose a tool (as if its button was pressed); ``tool_changed`` if it changed."""
        self.tool_actions[tool].setChecked(True)
        self._set_tool(tool)

    def preset(self, tool: Tool | None = None) -> str:
        return self._presets.get(tool or self._tool, "yellow")

    def set_preset(self, preset: str, tool: Tool | None = None) -> None:
        """The colour ``tool`` (default: the current one) uses from now on, without a signal."""
        if preset in PRESET_BY_NAME:
            self._presets[tool or self._tool] = preset
            self._sync_color()

    def pen_width(self) -> float:
        return self._width

    def set_tools_enabled(self, on: bool) -> None:
        """Tools, colour and width on or off (no document, or no store for the notes)."""
        self._enabled = on
        for action in self.tool_actions.values():
            action.setEnabled(on)
        self._sync_color()
        self._sync_width()

    def tools_enabled(self) -> bool:
        return self._enabled

    def show_selected(self, kind: AnnotationKind | None, color: str | None = None, width: float | None = None,
                      text_size: float | None = None) -> None:
        """With the Select tool, the colour (pen width, text size) buttons show the selected annotation's."""
        self._selected = None if kind is None else (kind, color)
        if width is not None and kind is AnnotationKind.INK:
            self._width = width
        if text_size is not None and kind is AnnotationKind.TEXTBOX:
            self.text_size.set_size(text_size)
        self._sync_color()
        self._sync_width()

    def show_history(self, undo: Step | None, redo: Step | None) -> None:
        """What Undo and Redo would do ("Undo Highlight"), or nothing: their texts and enabled state,
        kept here alone (the Edit menu shows the same actions) and said again on a language switch."""
        self._history = (undo, redo)
        self.undo_action.setEnabled(undo is not None)
        self.redo_action.setEnabled(redo is not None)
        self._history_texts()

    # ---- internals -----------------------------------------------------------------------------

    def _tool_triggered(self, action: QAction) -> None:
        self._set_tool(Tool(str(action.data())))

    def _set_tool(self, tool: Tool) -> None:
        changed = tool is not self._tool
        self._tool = tool
        self._sync_color()
        self._sync_width()
        if changed:
            self.tool_changed.emit(tool.value)

    def _kind(self) -> AnnotationKind:
        if self._tool is Tool.SELECT and self._selected is not None:
            return self._selected[0]
        return KIND_OF_TOOL.get(self._tool, AnnotationKind.HIGHLIGHT)

    def _chosen(self) -> str:
        if self._tool is Tool.SELECT and self._selected is not None:
            found = preset_of(self._selected[1])
            return found.name if found is not None else ""
        return self._presets.get(self._tool, "yellow")

    def _sync_color(self) -> None:
        kind = self._kind()
        chosen = self._chosen()
        for name, action in self.color_actions.items():
            tone = PRESET_BY_NAME[name].tone(kind)
            action.setIcon(swatch(tone))
            action.setEnabled(tone is not None)
            action.setChecked(name == chosen)
        if chosen in PRESET_BY_NAME:
            shown: str | None = PRESET_BY_NAME[chosen].tone(kind) or PRESET_BY_NAME[chosen].strong
        else:
            shown = self._selected[1] if self._selected is not None else None
        self.color_button.setIcon(swatch(shown))
        colour_on = self._tool is not Tool.ERASER and (self._tool is not Tool.SELECT or self._selected is not None)
        self.color_button.setEnabled(colour_on and self._enabled)
        names = self.color_names()
        tip = self.tr("Colour: {name}").format(name=names.get(chosen, shown or ""))
        self.color_button.setToolTip(tip)
        self.color_button.setAccessibleName(self.tr("Colour"))
        self.color_button.setAccessibleDescription(tip)

    def _sync_width(self) -> None:
        for width, action in self.width_actions.items():
            action.setIcon(width_icon(width, self._text_colour))
            action.setChecked(abs(width - self._width) < 1e-6)
        self.width_button.setIcon(width_icon(self._width, self._text_colour))
        ink_selected = self._selected is not None and self._selected[0] is AnnotationKind.INK
        self.width_button.setEnabled(self._enabled and (self._tool is Tool.INK
                                                        or (self._tool is Tool.SELECT and ink_selected)))
        box_selected = self._selected is not None and self._selected[0] is AnnotationKind.TEXTBOX
        self.text_size.setEnabled(self._enabled and (self._tool is Tool.TEXTBOX
                                                     or (self._tool is Tool.SELECT and box_selected)))
        tip = self.tr("Pen width: {points} pt").format(points=f"{self._width:g}")
        self.width_button.setToolTip(tip)
        self.width_button.setAccessibleName(self.tr("Pen width"))
        self.width_button.setAccessibleDescription(tip)

    def _color_picked(self, preset: str) -> None:
        self._presets[self._tool] = preset
        self._sync_color()
        self.color_chosen.emit(preset)

    def _width_picked(self, width: float) -> None:
        self._width = width
        self._sync_width()
        self.width_chosen.emit(width)
