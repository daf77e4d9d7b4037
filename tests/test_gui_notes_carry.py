"""End to end: a member marks up version 1 of a session; the office re-issues the session with
the document revised (another page size, a paragraph inserted); opening version 2 finds the
notes on the revised document, and the window says so."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bundle_helpers import People, unlock, write_session
from gui_helpers import Harness, harnesses
from test_notes_carry import PARAS, doc_text, find_words, typeset

from paperless.core.anchoring import text_anchor
from paperless.core.bundle import build_bundle
from paperless.core.notes import AnnotationKind
from paperless.core.session import load_session
from paperless.gui.notes.panel import ANNOTATIONS_TAB

QUOTE = "Phê duyệt Kế hoạch chuyển đổi số"


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


def bundles(root: Path, people: People, v1: bytes, v2: bytes) -> tuple[Path, Path]:
    """Versions 1 and 2 of one session whose only document is ``v1``, then ``v2``."""
    out = []
    for number, pdf in ((1, v1), (2, v2)):
        folder = root / f"v{number}"
        folder.mkdir(parents=True)
        (folder / "kehoach.pdf").write_bytes(pdf)
        session = write_session(folder, people, docs={"Dự thảo Kế hoạch chuyển đổi số": [folder / "kehoach.pdf"]})
        path = folder / "phien12.paperless"
        build_bundle(load_session(session), unlock(people.clerk), path, version=number)
        out.append(path)
    return out[0], out[1]


def settled(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The notes are open and version 1's own carry-over run (nothing to carry) has ended, so
    its ``finished([])`` cannot be taken for the next version's."""
    qtbot.waitUntil(lambda: window.notes.controller.active and not window.notes.carry.running, timeout=10_000)


def saved(qtbot, controller, *args) -> None:  # type: ignore[no-untyped-def]
    """Add an annotation and wait for its own save (``changed`` also comes from loading)."""
    done: list[object] = []
    controller.add(*args, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)


def versions(root: Path, people: People) -> tuple[Path, Path, bytes, bytes]:
    v1 = typeset(PARAS, (595.0, 842.0))
    v2 = typeset(["Điều 0. Quyết định này có hiệu lực kể từ ngày ký.", *PARAS], (612.0, 792.0))
    return (*bundles(root, people, v1, v2), v1, v2)


def test_notes_follow_the_revised_document(qtbot, make, people: People, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second, v1, v2 = versions(tmp_path / "office", people)
    h1, h2 = hashlib.sha256(v1).hexdigest(), hashlib.sha256(v2).hexdigest()
    h: Harness = make(people)
    h.unlock()
    h.open(first)
    h.wait_document()
    w = h.window
    controller = w.notes.controller
    settled(qtbot, w)
    t1 = doc_text(v1)
    start, end = find_words(t1, v1, QUOTE)
    anchor = text_anchor(t1, h1, start, end)
    saved(qtbot, controller, h1, anchor.page, AnnotationKind.HIGHLIGHT, "#ffe066",
          {"anchor": anchor.to_dict(), "quote": QUOTE})
    with qtbot.waitSignal(w.notes.carry.finished, timeout=60_000) as carried:
        h.open(second)  # the same session, version 2
    [report] = carried.args[0]
    assert report.target == h2 and report.placed == 1
    qtbot.waitUntil(lambda: bool(controller.annotations(h2)), timeout=10_000)
    [moved] = controller.annotations(h2)
    assert moved.payload["quote"] == QUOTE and moved.page == 0
    assert w.notes.carry_message == "1 of your notes moved to the revised documents."
    assert w.hint.text == w.notes.carry_message
    w.notes.panel.show_tab(ANNOTATIONS_TAB)
    qtbot.waitUntil(lambda: [a.uuid for a in w.notes.panel.annotations.shown()] == [moved.uuid],
                    timeout=10_000)  # listed under the revised document


def test_notes_whose_text_is_gone_can_be_placed_by_hand_or_dropped(  # type: ignore[no-untyped-def]
        qtbot, make, people: People, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from paperless.core.anchoring import geometry_anchor
    from paperless.gui.annotations.tools import Tool

    v1 = typeset(PARAS[:5], (595.0, 842.0))
    gone = "Sở Thông tin và Truyền thông hướng dẫn"  # paragraph "Điều 4." is removed in version 2
    v2_paras = [p.replace("Điều 4. Sở Thông tin và Truyền thông hướng dẫn", "Điều 4. Văn phòng hướng dẫn")
                for p in PARAS[:5]]
    pdf2 = typeset(v2_paras, (612.0, 792.0))
    b1, b2 = bundles(tmp_path / "office", people, v1, pdf2)
    h1, h2 = hashlib.sha256(v1).hexdigest(), hashlib.sha256(pdf2).hexdigest()
    h: Harness = make(people)
    h.unlock()
    h.open(b1)
    h.wait_document()
    w = h.window
    c = w.notes.controller
    settled(qtbot, w)
    t1 = doc_text(v1)
    start, end = find_words(t1, v1, gone)
    anchor = text_anchor(t1, h1, start, end)
    saved(qtbot, c, h1, anchor.page, AnnotationKind.HIGHLIGHT, "#ffe066", {"anchor": anchor.to_dict(), "quote": gone})
    ink = geometry_anchor(t1, h1, 0, [(300.0, 300.0, 360.0, 330.0)])
    saved(qtbot, c, h1, 0, AnnotationKind.INK, "#ff0000",
          {"anchor": ink.to_dict(), "strokes": [[[300.0, 300.0], [360.0, 330.0]]], "width": 2.0})
    with qtbot.waitSignal(w.notes.carry.finished, timeout=60_000) as carried:
        h.open(b2)
    [report] = carried.args[0]
    assert len(report.orphaned) >= 1  # the highlight's text is gone: never guessed elsewhere
    h.wait_document()
    w.notes.panel.show_tab(ANNOTATIONS_TAB)
    tab = w.notes.panel.annotations
    qtbot.waitUntil(lambda: any(a.doc_hash == h1 for a in tab.shown()), timeout=10_000)
    lost = [a for a in tab.shown() if a.doc_hash == h1]
    highlight = next(a for a in lost if a.kind == AnnotationKind.HIGHLIGHT)
    assert any("Not placed" in tab.tree.topLevelItem(i).text(0) for i in range(tab.tree.topLevelItemCount()))

    tab.place_requested.emit(highlight)  # Place: the highlighter is armed for it
    view = w.reader.view
    assert view.annotation_toolbar().tool() is Tool.HIGHLIGHT
    t2 = doc_text(pdf2)
    s2, e2 = find_words(t2, pdf2, "Văn phòng hướng dẫn")
    view.annotating.create_markup(AnnotationKind.HIGHLIGHT, s2, e2, "Văn phòng hướng dẫn")
    qtbot.waitUntil(lambda: getattr(c.find(highlight.uuid), "doc_hash", None) == h2, timeout=10_000)
    placed = c.find(highlight.uuid)
    assert placed is not None and placed.doc_hash == h2 and placed.payload["quote"] == "Văn phòng hướng dẫn"
    assert "carry_tried" not in placed.payload
    assert [a.uuid for a in c.annotations(h2)].count(highlight.uuid) == 1  # moved, not copied

    others = [a for a in c.all_loaded() if a.doc_hash == h1]
    for other in others:  # whatever is still not placed: dropped with the Delete key
        qtbot.waitUntil(lambda o=other: any(a.uuid == o.uuid for a in tab.shown()), timeout=10_000)
        row = next(tab.tree.topLevelItem(i).child(j) for i in range(tab.tree.topLevelItemCount())
                   for j in range(tab.tree.topLevelItem(i).childCount())
                   if tab.tree.topLevelItem(i).child(j).data(0, Qt.ItemDataRole.UserRole + 10) == other.uuid)
        tab.tree.setCurrentItem(row)
        with qtbot.waitSignal(c.changed):
            qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)
        assert c.find(other.uuid) is None
    assert not [a for a in c.all_loaded() if a.doc_hash == h1]
    assert c.can_undo  # a drop is undoable
