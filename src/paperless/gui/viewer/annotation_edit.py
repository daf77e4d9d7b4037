"""AnnotationEditing: typing into annotations in place — a sticky note's popup, a text box's
editor over the box, a markup's comment.

One editor is open at a time; it is placed over the pages (and follows them when they scroll or
zoom). What was typed is saved when the editor closes, as one change: an existing note, text
box or comment is updated (a text box emptied is deleted, one whose text grew is made taller);
a new note or text box (an empty one is not kept) is asked for with ``create_requested``, since
making one needs its anchor (see :mod:`.annotation_make`). While a text box is typed into, the
page does not draw it (``Marks.set_editing``): the editor shows it.

It owns the editor widgets and what is being edited; it reads and changes the document's
annotations through :class:`Marks` and needs of the canvas only :class:`~.overlay.PageArea`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from paperless.core.notes import Annotation, AnnotationKind, Content, StickyNote, TextBox, TextMarkup
from paperless.gui.annotations import geometry as geo
from paperless.gui.annotations.editors import NotePopup, TextBoxEditor
from paperless.gui.annotations.shapes import PADDING, base_color, line_tone, text_font, text_height
from paperless.gui.annotations.tools import TEXTBOX_FONT_SIZE
from paperless.gui.viewer import annotation_paint as paint
from paperless.gui.viewer.overlay import PageArea


class Marks(Protocol):
    """What the editors need of the document's annotations (:class:`~.annotation_view.ShownAnnotations`)."""

    selected: str | None

    def find(self, uuid: str | None) -> Annotation | None: ...
    def update(self, uuid: str, on_done: Callable[[Annotation], None] | None = None, **changes: Any) -> None: ...
    def delete(self, uuid: str) -> None: ...
    def set_editing(self, uuid: str | None) -> None: ...


class Focusable(PageArea, Protocol):
    """The pages, which take the keyboard back when an editor is closed with a key."""

    def setFocus(self, reason: Qt.FocusReason) -> None: ...
    def isVisible(self) -> bool: ...


@dataclass
class _Edit:
    kind: AnnotationKind  # NOTE, TEXTBOX, or a markup (its comment)
    page: int
    box: geo.Box  # the note's icon, the text box, the markup's first line (points)
    uuid: str | None  # None: a new one, asked for when the editor closes
    color: str
    font_size: float = TEXTBOX_FONT_SIZE


class AnnotationEditing(QObject):
    create_requested = Signal(object, int, object, object, str)  # kind, page, box, Content, colour: a new one

    def __init__(self, marks: Marks, pages: Focusable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._marks = marks
        self._pages = pages
        viewport: QWidget = pages.viewport()
        self.popup = NotePopup(viewport)
        self.box_editor = TextBoxEditor(viewport)
        self._edit: _Edit | None = None
        self.popup.finished.connect(self._finished)
        self.popup.delete_requested.connect(self._delete)
        self.box_editor.finished.connect(self._finished)

    @property
    def active(self) -> bool:
        return self._edit is not None

    def editing(self) -> str | None:
        return self._edit.uuid if self._edit is not None else None

    # ---- opening -------------------------------------------------------------------------------

    def new_note(self, page: int, point: tuple[float, float], color: str) -> None:
        self._open(_Edit(AnnotationKind.NOTE, page, geo.note_box(point), None, color), "")

    def new_textbox(self, page: int, box: geo.Box, color: str, font_size: float) -> None:
        self._open(_Edit(AnnotationKind.TEXTBOX, page, box, None, color, font_size), "")

    def set_text_size(self, size: float) -> None:
        """A text size was picked: the text box being typed takes it now (saved when it closes),
        else the selected text box (one change; it grows to fit)."""
        e = self._edit
        if e is not None:
            if e.kind is AnnotationKind.TEXTBOX:
                e.font_size = size
                self.place()
            return
        a = self._marks.find(self._marks.selected)
        if a is None or not isinstance(a.content, TextBox) or abs(a.content.font_size - size) < 1e-6:
            return
        box = a.content
        x0, y0, x1, y1 = box.rect
        rect = (x0, y0, x1, round(max(y1, y0 + text_height(box.text, size, x1 - x0)), 2))
        self._marks.update(a.uuid, content=replace(box, font_size=size, rect=rect))

    def edit(self, annotation: Annotation, page: int | None = None) -> bool:
        """Open the editor of an existing note, text box or markup comment (False: ink, or nothing
        of it on ``page``)."""
        content = annotation.content
        page = geo.pages_of(annotation)[0] if page is None else page
        box = geo.bbox(annotation, page)
        if box is None:
            return False
        color = annotation.color or base_color(annotation).name()  # as the page shows it
        if isinstance(content, TextBox):
            self._open(_Edit(annotation.kind, page, box, annotation.uuid, color, content.font_size), content.text)
        elif isinstance(content, StickyNote):
            self._open(_Edit(annotation.kind, page, box, annotation.uuid, color), content.text)
        elif isinstance(content, TextMarkup):
            first = content.lines_on(page)[0]
            self._open(_Edit(annotation.kind, page, first, annotation.uuid, color), content.comment or "")
        else:
            return False
        return True

    def _open(self, edit: _Edit, text: str) -> None:
        self.finish()
        self._edit = edit
        if edit.kind is AnnotationKind.TEXTBOX:
            font, margin = self._font(edit)
            colour = line_tone(QColor(edit.color), self._pages.night)
            self._marks.set_editing(edit.uuid)  # the editor shows it meanwhile
            self.box_editor.open_at(self._rect(edit), text, font, colour, margin)
        else:
            title = self.tr("Note") if edit.kind is AnnotationKind.NOTE else self.tr("Comment")
            self.popup.open_at(self._rect(edit), text, title=title,
                               deletable=edit.kind is AnnotationKind.NOTE and edit.uuid is not None)
        self._pages.viewport().update()

    def _rect(self, edit: _Edit) -> QRect:
        return paint.to_pixels(self._pages.page_target(edit.page), self._pages.pages.scale, edit.box).toRect()

    def _font(self, edit: _Edit) -> tuple[QFont, float]:
        scale = self._pages.pages.scale
        font = text_font(edit.font_size)
        font.setPixelSize(max(1, round(edit.font_size * scale)))
        return font, PADDING * scale

    def place(self) -> None:
        """Follow the pages (scrolled or zoomed)."""
        e = self._edit
        if e is None or e.page >= self._pages.pages.page_count:
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
        editor = self.box_editor if e is not None and e.kind is AnnotationKind.TEXTBOX else self.popup
        if not editor.focus_left and self._pages.isVisible():
            self._pages.setFocus(Qt.FocusReason.OtherFocusReason)  # closed with a key: back to the pages
        self._marks.set_editing(None)
        self._pages.viewport().update()
        if e is None:
            return
        if e.kind is AnnotationKind.NOTE:
            self._note_done(e, text)
        elif e.kind is AnnotationKind.TEXTBOX:
            self._box_done(e, text)
        else:
            a = self._marks.find(e.uuid)
            if a is not None and isinstance(a.content, TextMarkup):
                comment = text if text.strip() else None
                if comment != a.content.comment:
                    self._marks.update(a.uuid, content=replace(a.content, comment=comment))

    def _note_done(self, e: _Edit, text: str) -> None:
        point = (round(e.box[0], 2), round(e.box[1], 2))
        if e.uuid is None:
            if text.strip():
                self._create(AnnotationKind.NOTE, e.page, geo.note_box(point), StickyNote(point=point, text=text),
                             e.color)
            return
        a = self._marks.find(e.uuid)
        if a is not None and isinstance(a.content, StickyNote) and text != a.content.text:
            self._marks.update(a.uuid, content=replace(a.content, text=text))

    def _box_done(self, e: _Edit, text: str) -> None:
        x0, y0, x1, y1 = e.box
        grown = (x0, y0, x1, max(y1, y0 + text_height(text, e.font_size, x1 - x0)))
        box = (round(grown[0], 2), round(grown[1], 2), round(grown[2], 2), round(grown[3], 2))
        if e.uuid is None:
            if text.strip():
                self._create(AnnotationKind.TEXTBOX, e.page, box, TextBox(rect=box, text=text, font_size=e.font_size),
                             e.color)
            return
        a = self._marks.find(e.uuid)
        if a is None or not isinstance(a.content, TextBox):
            return
        if not text.strip():
            self._marks.delete(a.uuid)
        elif text != a.content.text or box != e.box or e.font_size != a.content.font_size:
            bigger = geo.resized(a, e.box, box) if box != e.box else a.content  # its anchor follows
            assert isinstance(bigger, TextBox)
            self._marks.update(a.uuid, content=replace(bigger, text=text, font_size=e.font_size))

    def _create(self, kind: AnnotationKind, page: int, box: geo.Box, content: Content, color: str) -> None:
        self.create_requested.emit(kind, page, box, content, color)

    def _delete(self) -> None:
        e, self._edit = self._edit, None
        if e is not None and e.uuid is not None:
            self._marks.delete(e.uuid)
        self._pages.setFocus(Qt.FocusReason.OtherFocusReason)

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
