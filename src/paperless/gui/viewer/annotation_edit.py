"""Typing into annotations: a sticky note's popup, a text box's in-place editor, a markup's
comment. One editor is open at a time; it is placed over the pages (and follows them when they
scroll or zoom). What was typed is saved when the editor closes, as one change: a new note or
text box is added with its text (an empty one is not added), an existing one updated (a text
box emptied is deleted)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from paperless.core.notes import Annotation, AnnotationKind
from paperless.gui.annotations import geometry as geo
from paperless.gui.annotations.editors import NotePopup, TextBoxEditor
from paperless.gui.annotations.shapes import PADDING, line_tone, text_font, text_height
from paperless.gui.annotations.tools import TEXTBOX_FONT_SIZE
from paperless.gui.viewer import annotation_paint as paint

if TYPE_CHECKING:
    from paperless.gui.viewer.annotating import Annotating


@dataclass
class _Edit:
    kind: AnnotationKind  # NOTE, TEXTBOX, or a markup (its comment)
    page: int
    box: geo.Box  # the note's icon, the text box, the markup's first line (points)
    uuid: str | None  # None: a new one, added when the editor closes
    color: str
    font_size: float = TEXTBOX_FONT_SIZE


class AnnotationEditing(QObject):
    def __init__(self, owner: Annotating) -> None:
        super().__init__(owner)
        self._owner = owner
        viewport = owner.canvas.viewport()
        self.popup = NotePopup(viewport)
        self.box_editor = TextBoxEditor(viewport)
        self._edit: _Edit | None = None
        self.popup.finished.connect(self._finished)
        self.popup.delete_requested.connect(self._delete)
        self.box_editor.finished.connect(self._finished)
        owner.canvas.viewport_changed.connect(self.place)

    @property
    def active(self) -> bool:
        return self._edit is not None

    def editing(self) -> str | None:
        return self._edit.uuid if self._edit is not None else None

    def hidden(self) -> set[str]:
        """What the layer must not draw: the text box being typed into (the editor shows it)."""
        e = self._edit
        return {e.uuid} if e is not None and e.uuid is not None and e.kind is AnnotationKind.TEXTBOX else set()

    # ---- opening -------------------------------------------------------------------------------

    def new_note(self, page: int, point: tuple[float, float]) -> None:
        self._open(_Edit(AnnotationKind.NOTE, page, paint.note_box(point), None,
                         self._owner.color(AnnotationKind.NOTE)), "")

    def new_textbox(self, page: int, box: geo.Box) -> None:
        self._open(_Edit(AnnotationKind.TEXTBOX, page, box, None, self._owner.color(AnnotationKind.TEXTBOX),
                         self._owner.toolbar.text_size.points()), "")

    def set_text_size(self, size: float) -> None:
        """A text size was picked: the selected text box takes it (one change; it grows to fit)."""
        owner, e = self._owner, self._edit
        if e is not None:  # a text box being typed: its text takes the size now, saved when it closes
            if e.kind is AnnotationKind.TEXTBOX:
                e.font_size = size
                self.place()
            return
        a = owner.find(owner.selected)
        if a is None or a.kind is not AnnotationKind.TEXTBOX or owner.controller is None:
            return
        box = geo.box_of(a.payload)
        if box is None or abs(geo.font_size_of(a.payload) - size) < 1e-6:
            return
        x0, y0, x1, y1 = box
        rect = [x0, y0, x1, round(max(y1, y0 + text_height(geo.text_of(a.payload), size, x1 - x0)), 2)]
        owner.controller.update(a.uuid, payload={**a.payload, "font_size": size, "rect": rect})

    def edit(self, annotation: Annotation, page: int | None = None) -> bool:
        """Open the editor of an existing note, text box or markup comment."""
        kind, payload = annotation.kind, annotation.payload
        page = annotation.page if page is None else page
        box = geo.bbox(annotation, page)
        if box is None:
            return False
        color = annotation.color or self._owner.color(kind)
        if kind is AnnotationKind.TEXTBOX:
            self._open(_Edit(kind, page, box, annotation.uuid, color, geo.font_size_of(payload)),
                       geo.text_of(payload))
        elif kind is AnnotationKind.NOTE:
            self._open(_Edit(kind, page, box, annotation.uuid, color), geo.text_of(payload))
        elif kind in geo.TEXT_KINDS:
            first = geo.line_rects(annotation, page)[0]
            self._open(_Edit(kind, page, first, annotation.uuid, color), geo.text_of(payload, "comment"))
        else:
            return False
        return True

    def _open(self, edit: _Edit, text: str) -> None:
        self.finish()
        self._edit = edit
        canvas = self._owner.canvas
        if edit.kind is AnnotationKind.TEXTBOX:
            font, margin = self._font(edit)
            colour = line_tone(QColor(edit.color), canvas.night)
            self._owner.hidden |= self.hidden()  # the editor shows it meanwhile
            self.box_editor.open_at(self._rect(edit), text, font, colour, margin)
        else:
            title = self.tr("Note") if edit.kind is AnnotationKind.NOTE else self.tr("Comment")
            self.popup.open_at(self._rect(edit), text, title=title,
                               deletable=edit.kind is AnnotationKind.NOTE and edit.uuid is not None)
        canvas.viewport().update()

    def _rect(self, edit: _Edit) -> QRect:
        canvas = self._owner.canvas
        return paint.to_pixels(canvas.page_target(edit.page), canvas.pages.scale, edit.box).toRect()

    def _font(self, edit: _Edit) -> tuple[QFont, float]:
        scale = self._owner.canvas.pages.scale
        font = text_font(edit.font_size)
        font.setPixelSize(max(1, round(edit.font_size * scale)))
        return font, PADDING * scale

    def place(self) -> None:
        """Follow the pages (scrolled or zoomed)."""
        e = self._edit
        if e is None or e.page >= self._owner.canvas.pages.page_count:
            return
        if e.kind is AnnotationKind.TEXTBOX:
            font, margin = self._font(e)
            self.box_editor.place(self._rect(e), font, margin)
        else:
            self.popup.place(self._rect(e))

    # ---- closing ---------------------------------------------------------------------------------

    def finish(self) -> None:
        """Close the open editor, saving what was typed."""
        if self.popup.is_open:
            self.popup.finish()
        if self.box_editor.is_open:
            self.box_editor.finish()

    def _finished(self, text: str) -> None:
        e, self._edit = self._edit, None
        owner = self._owner
        editor = self.box_editor if e is not None and e.kind is AnnotationKind.TEXTBOX else self.popup
        if not editor.focus_left and owner.canvas.isVisible():
            owner.canvas.setFocus(Qt.FocusReason.OtherFocusReason)  # closed with a key: back to the pages
        owner.end_preview()
        owner.canvas.viewport().update()
        if e is None or owner.controller is None:
            return
        if e.kind is AnnotationKind.NOTE:
            self._note_done(e, text)
        elif e.kind is AnnotationKind.TEXTBOX:
            self._box_done(e, text)
        else:
            a = owner.find(e.uuid)
            if a is not None:
                payload = dict(a.payload)
                if text.strip():
                    payload["comment"] = text
                else:
                    payload.pop("comment", None)
                if payload != a.payload:
                    owner.controller.update(a.uuid, payload=payload)

    def _note_done(self, e: _Edit, text: str) -> None:
        owner = self._owner
        point = (round(e.box[0], 2), round(e.box[1], 2))
        if e.uuid is None:
            if text.strip():
                owner.create(AnnotationKind.NOTE, e.page, paint.note_box(point), {"point": list(point), "text": text},
                             e.color)
            return
        a = owner.find(e.uuid)
        if a is not None and owner.controller is not None and text != geo.text_of(a.payload):
            owner.controller.update(a.uuid, payload={**a.payload, "text": text})

    def _box_done(self, e: _Edit, text: str) -> None:
        owner = self._owner
        x0, y0, x1, y1 = e.box
        grown = (x0, y0, x1, max(y1, y0 + text_height(text, e.font_size, x1 - x0)))
        box = (round(grown[0], 2), round(grown[1], 2), round(grown[2], 2), round(grown[3], 2))
        if e.uuid is None:
            if text.strip():
                owner.create(AnnotationKind.TEXTBOX, e.page, box,
                             {"rect": list(box), "text": text, "font_size": e.font_size}, e.color)
            return
        a = owner.find(e.uuid)
        if a is None or owner.controller is None:
            return
        if not text.strip():
            owner.controller.delete(a.uuid)
        elif text != geo.text_of(a.payload) or box != e.box or e.font_size != geo.font_size_of(a.payload):
            payload = geo.resized(a, e.box, box) if box != e.box else dict(a.payload)
            payload["text"], payload["font_size"] = text, e.font_size
            owner.controller.update(a.uuid, payload=payload)

    def _delete(self) -> None:
        e, self._edit = self._edit, None
        if e is not None and e.uuid is not None:
            self._owner.delete(e.uuid)
        self._owner.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- painting ----------------------------------------------------------------------------------

    def paint(self, painter: QPainter, page: int, target: QRectF, scale: float, night: bool) -> None:
        """A new sticky note's icon while its text is typed; the frame of the text box being typed
        into (its editor is transparent: the page shows through)."""
        e = self._edit
        if e is None or e.page != page:
            return
        if e.uuid is None and e.kind is AnnotationKind.NOTE:
            paint.paint_annotation(painter, target, scale, paint.pending_note(page, e.box[:2], e.color), page, night)
        elif e.kind is AnnotationKind.TEXTBOX and self.box_editor.is_open:
            paint.paint_frame(painter, QRectF(self.box_editor.geometry()).adjusted(-2, -2, 2, 2))
