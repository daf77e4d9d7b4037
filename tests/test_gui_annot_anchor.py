"""A sticky note made before the document's text has loaded is saved at once with a
geometry-only anchor, then completed with the nearest text once the text is there — so it
can follow a revised document — and that completion is no undo step of its own."""

from __future__ import annotations

from annot_helpers import make_view, open_doc
from pytestqt.qtbot import QtBot
from test_notes_carry import doc_text

from paperless.core.notes import AnnotationKind, StickyNote
from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.geometry import note_box

pytest_plugins = ["annot_fixtures"]

WAIT = 15_000


def test_an_early_note_gets_its_text_context_once_the_text_has_loaded(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    annotating = view.annotating
    assert annotating.texts.text is None  # no tool picked yet: the words are not loaded
    point = (300.0, 330.0)
    annotating.create(AnnotationKind.NOTE, 0, note_box(point), StickyNote(point=point, text="Hỏi lại số liệu"))
    qtbot.waitUntil(lambda: len(controller.annotations(key)) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: controller.annotations(key)[0].payload["anchor"].get("context") is not None,
                    timeout=WAIT)
    [note] = controller.annotations(key)
    quote = note.payload["anchor"]["context"]["quote"]
    assert quote["exact"].strip() and quote["exact"] in doc_text(demo.report.read_bytes()).text  # text of the page
    assert note.payload["text"] == "Hỏi lại số liệu" and note.payload["point"] == list(point)
    assert controller.can_undo
    controller.undo()  # one step: the note goes, completed anchor and all
    qtbot.waitUntil(lambda: controller.annotations(key) == [], timeout=WAIT)
    assert not controller.can_undo
