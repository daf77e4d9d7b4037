"""Helpers for the annotation tool tests (tests/test_gui_annot_*.py): a real controller and
store, a DocumentView with a real RenderWorker on the demo documents, and page coordinates."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pymupdf
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from paperless.core.notes import Annotation, AnnotationKind
from paperless.core.render import RenderWorker
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.tools import Tool
from paperless.gui.tasks import Tasks
from paperless.gui.viewer import DocumentView

WAIT = 15_000
Box = tuple[float, float, float, float]


# ---- helpers ------------------------------------------------------------------------------------


def make_view(qtbot: QtBot, worker: RenderWorker, controller: AnnotationController | None,
              size: tuple[int, int] = (900, 700)) -> DocumentView:
    view = DocumentView(worker, Tasks())
    qtbot.addWidget(view)
    view.resize(*size)
    view.sidebar.hide()
    view.show()
    qtbot.waitExposed(view)
    view.set_annotations(controller)
    return view


def doc_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_doc(qtbot: QtBot, view: DocumentView, path: Path, *, allow_copy: bool = True,
             watermark: str | None = None) -> str:
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()
    with qtbot.waitSignal(view.document_loaded, timeout=WAIT):
        view.set_document("documents/0001.age", data, title="Tài liệu", watermark=watermark,
                          allow_copy=allow_copy, doc_hash=key)
    qtbot.waitUntil(lambda: 0 in view.canvas.images, timeout=WAIT)
    qtbot.waitUntil(lambda: view.annotation_toolbar().tools_enabled(), timeout=WAIT)
    return key


def page_point(view: DocumentView, page: int, x: float, y: float) -> QPoint:
    """Viewport position of a point (PDF points) on a page."""
    target = view.canvas.page_target(page)
    scale = view.canvas.pages.scale
    return QPoint(round(target.x() + x * scale), round(target.y() + y * scale))


def page_pointf(view: DocumentView, page: int, x: float, y: float) -> QPointF:
    target = view.canvas.page_target(page)
    scale = view.canvas.pages.scale
    return QPointF(target.x() + x * scale, target.y() + y * scale)


def pdf_words(path: Path, page: int) -> list[tuple[float, float, float, float, str, int, int]]:
    with pymupdf.open(path) as pdf:
        return [(w[0], w[1], w[2], w[3], w[4], w[5], w[6]) for w in pdf[page].get_text("words")]


def line_boxes(words: list[tuple[float, float, float, float, str, int, int]]) -> list[Box]:
    """The union of the words' boxes, line by line, in order."""
    lines: dict[tuple[int, int], list[float]] = {}
    for x0, y0, x1, y1, _t, block, line in words:
        box = lines.setdefault((block, line), [x0, y0, x1, y1])
        box[:] = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
    return [(b[0], b[1], b[2], b[3]) for b in lines.values()]


def drag(qtbot: QtBot, widget: QWidget, points: list[QPoint]) -> None:
    """Press at the first point, move through the others, release at the last."""
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=points[0])
    for p in points[1:]:
        qtbot.mouseMove(widget, p)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=points[-1])


def use_tool(view: DocumentView, tool: Tool) -> None:
    view.annotation_toolbar().tool_actions[tool].trigger()


def wait_count(qtbot: QtBot, controller: AnnotationController, key: str, count: int,
               kind: AnnotationKind | None = None) -> list[Annotation]:
    def found() -> list[Annotation]:
        return [a for a in controller.annotations(key) if kind is None or a.kind is kind]

    qtbot.waitUntil(lambda: len(found()) == count, timeout=WAIT)
    return found()


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as key events carrying the characters (QTest's keyClicks takes ASCII only),
    as a Vietnamese keyboard layout (or Unikey sending Unicode) delivers them."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def ime_commit(widget: QWidget, preedit: str, commit: str) -> None:
    """What an input method (Telex through the Windows IME) sends: a composition, then the text."""
    QApplication.sendEvent(widget, QInputMethodEvent(preedit, []))
    event = QInputMethodEvent()
    event.setCommitString(commit)
    QApplication.sendEvent(widget, event)


def wait_change(qtbot: QtBot, controller: AnnotationController, action: Callable[[], object]) -> None:
    with qtbot.waitSignal(controller.changed, timeout=WAIT):
        action()
