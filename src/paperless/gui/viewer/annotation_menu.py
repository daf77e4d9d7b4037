"""An annotation's context menu: its colour, edit its text or comment, delete it.

The menu only says what was chosen (``recolour``, ``edit``, ``delete``); whoever shows it turns
that into one change (one undo step) or opens the editor.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QMenu, QWidget

from paperless.core.notes import Annotation, AnnotationKind, TextMarkup
from paperless.gui.annotations.toolbar import swatch
from paperless.gui.annotations.tools import PRESETS, color_for


class AnnotationMenu(QMenu):
    recolour = Signal(str)  # the stored colour chosen
    edit = Signal()
    delete = Signal()

    def __init__(self, annotation: Annotation, color_names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        translate = QCoreApplication.translate  # literal calls: pyside6-lupdate finds the texts
        a = annotation
        self.setObjectName("annotationMenu")
        colours = self.addMenu(translate("AnnotationMenu", "Colour"))
        current = (a.color or "").lower()[:7]
        for preset in PRESETS:
            tone = preset.tone(a.kind)
            if tone is None:
                continue
            action = colours.addAction(swatch(tone), color_names[preset.name])
            action.setCheckable(True)
            action.setChecked(tone == current)
            action.setData(preset.name)
            color = color_for(a.kind, preset.name)
            if color != a.color:
                action.triggered.connect(lambda _checked=False, c=color: self.recolour.emit(c))
        content = a.content
        if a.kind in (AnnotationKind.NOTE, AnnotationKind.TEXTBOX):
            edit = self.addAction(translate("AnnotationMenu", "Edit the text\u2026"))
        elif isinstance(content, TextMarkup):
            has = bool((content.comment or "").strip())
            edit = self.addAction(translate("AnnotationMenu", "Edit the comment\u2026") if has
                                  else translate("AnnotationMenu", "Add a comment\u2026"))
        else:
            edit = None
        if edit is not None:
            edit.setObjectName("annotationEdit")
            edit.triggered.connect(self.edit)
        self.addSeparator()
        delete = self.addAction(translate("AnnotationMenu", "Delete"))
        delete.setObjectName("annotationDelete")
        delete.setShortcut(Qt.Key.Key_Delete)
        delete.triggered.connect(self.delete)
