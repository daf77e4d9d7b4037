"""Issue 9: a change that arrives from elsewhere — the coming sync of the member's other devices, or
the meeting channel — appears on screen without the GUI knowing where it came from.

A "remote" source (here: the member's other device, a second notes store of the same identity)
makes records, and a plain thread hands them to the session's Qt-free notes model, while the
document is on screen. The page, the list of my annotations and the item note follow.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses
from notes_content import markup
from PySide6.QtGui import QImage

from paperless.core.notes import AnnotationKind, NotesStore, Record
from paperless.gui.annotations.controller import store_session_id
from paperless.gui.notes.panel import ANNOTATIONS_TAB

pytestmark = OFFSCREEN_NOISE
WAIT = 30_000
LINE = (72.0, 95.0, 400.0, 112.0)  # a line across the first page's first text


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


def from_another_thread(records: list[Record], apply: Callable[[list[Record]], object]) -> None:
    """What the sync will do: hand records to the model from its own thread."""
    thread = threading.Thread(target=apply, args=(records,), name="remote-source")
    thread.start()
    thread.join(10)
    assert not thread.is_alive()


def page_pixels(h: Harness) -> QImage:
    canvas = h.window.reader.view.canvas
    canvas.viewport().repaint()
    return canvas.viewport().grab().toImage()


def test_remote_annotations_and_notes_appear_on_screen(qtbot, make, bundle: Path, people: People,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    h: Harness = make(people)
    h.unlock()
    h.open(bundle)
    h.wait_document("documents/0001.age")
    w = h.window
    notes, view = w.notes, w.reader.view
    qtbot.waitUntil(lambda: notes.controller.active and notes.document is not None, timeout=WAIT)
    doc = notes.document
    assert doc is not None
    opened = w.session.opened
    assert opened is not None
    qtbot.waitUntil(lambda: bool(view.canvas.images), timeout=WAIT)  # the page is on screen
    before = page_pixels(h)
    model = notes.controller.model

    # The member's other device: the same identity, its own store.
    other = NotesStore.open(tmp_path / "other-device", unlock(people.member("an")))
    try:
        sid = store_session_id(opened.manifest.session_id)
        made = other.add_annotation(sid, doc.doc_hash, 0, AnnotationKind.HIGHLIGHT, "#d21f1f",
                                    markup("Báo cáo", doc_hash=doc.doc_hash, page=0, rect=LINE))
        from_another_thread([made], model.apply)
        qtbot.waitUntil(lambda: any(a.uuid == made.uuid for a in view.annotating.on_page(0)), timeout=WAIT)
        qtbot.waitUntil(lambda: page_pixels(h) != before, timeout=WAIT)  # drawn on the page
        marked = page_pixels(h)
        notes.panel.show_tab(ANNOTATIONS_TAB)  # and listed in My notes
        qtbot.waitUntil(lambda: any(a.uuid == made.uuid for a in notes.panel.annotations.shown()), timeout=WAIT)

        recoloured = other.update_annotation(made.uuid, color="#0b61d8")
        from_another_thread([recoloured], model.apply)
        qtbot.waitUntil(lambda: [a.color for a in view.annotating.on_page(0) if a.uuid == made.uuid] == ["#0b61d8"],
                        timeout=WAIT)
        qtbot.waitUntil(lambda: page_pixels(h) != marked, timeout=WAIT)

        gone = other.delete_annotation(made.uuid)
        older = recoloured  # an older copy arriving after the tombstone changes nothing
        from_another_thread([gone, older], model.apply)
        qtbot.waitUntil(lambda: not any(a.uuid == made.uuid for a in view.annotating.on_page(0)), timeout=WAIT)
        qtbot.waitUntil(lambda: page_pixels(h) == before, timeout=WAIT)  # the page as it was
        qtbot.waitUntil(lambda: not any(a.uuid == made.uuid for a in notes.panel.annotations.shown()), timeout=WAIT)

        # The item note of the agenda item on screen, written on the other device.
        w.agenda.item_chosen.emit(0)
        note = other.set_item_note(sid, 0, "Ý kiến từ máy ở nhà")
        from_another_thread([note], model.apply)
        qtbot.waitUntil(lambda: notes.panel.item_note.text() == "Ý kiến từ máy ở nhà", timeout=WAIT)
        edited = other.set_item_note(sid, 0, "Ý kiến đã sửa")
        from_another_thread([edited], model.apply)
        qtbot.waitUntil(lambda: notes.panel.item_note.text() == "Ý kiến đã sửa", timeout=WAIT)
        removed = other.delete_item_note(sid, 0)
        assert removed is not None
        from_another_thread([removed], model.apply)
        qtbot.waitUntil(lambda: notes.panel.item_note.text() == "", timeout=WAIT)
    finally:
        other.close()
