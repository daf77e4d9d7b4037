"""An annotation's context menu: its colour, edit its text or comment, delete it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMenu

from paperless.core.notes import Annotation, AnnotationKind
from paperless.gui.annotations import geometry as geo
from paperless.gui.annotations.toolbar import swatch
from paperless.gui.annotations.tools import PRESETS, color_for

if TYPE_CHECKING:
    from paperless.gui.viewer.annotating import Annotating


def _tr(text: str) -> str:
    return QCoreApplication.translate("AnnotationMenu", text)


def annotation_menu(owner: Annotating, a: Annotation, page: int) -> QMenu:
    """The menu of annotation ``a`` (on ``page``); each entry is one change (one undo step)."""
    menu = QMenu(owner.canvas)
    menu.setObjectName("annotationMenu")
    colours = menu.addMenu(_tr("Colour"))
    names = owner.toolbar.color_names()
    current = (a.color or "").lower()[:7]
    for preset in PRESETS:
        tone = preset.tone(a.kind)
        if tone is None:
            continue
        action = colours.addAction(swatch(tone), names[preset.name])
        action.setCheckable(True)
        action.setChecked(tone == current)
        action.setData(preset.name)
        color = color_for(a.kind, preset.name)
        action.triggered.connect(lambda _checked=False, c=color: recolour(owner, a.uuid, c))
    if a.kind in (AnnotationKind.NOTE, AnnotationKind.TEXTBOX):
        edit = menu.addAction(_tr("Edit the text\u2026"))
    elif a.kind in geo.TEXT_KINDS:
        has = bool(geo.text_of(a.payload, "comment").strip())
        edit = menu.addAction(_tr("Edit the comment\u2026") if has else _tr("Add a comment\u2026"))
    else:
        edit = None
    if edit is not None:
        edit.setObjectName("annotationEdit")
        edit.triggered.connect(lambda: owner.editing.edit(a, page))
    menu.addSeparator()
    delete = menu.addAction(_tr("Delete"))
    delete.setObjectName("annotationDelete")
    delete.setShortcut(Qt.Key.Key_Delete)
    delete.triggered.connect(lambda: _delete(owner, a.uuid))
    return menu


def _delete(owner: Annotating, uuid: str) -> None:
    owner.select(None)
    owner.delete(uuid)


def recolour(owner: Annotating, uuid: str, color: str) -> None:
    a, controller = owner.find(uuid), owner.controller
    if a is not None and controller is not None and a.color != color:
        controller.update(uuid, color=color)
