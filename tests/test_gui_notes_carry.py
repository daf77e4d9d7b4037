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


def versions(root: Path, people: People) -> tuple[Path, Path, bytes, bytes]:
    v1 = typeset(PARAS, (595.0, 842.0))
    v2 = typeset(["Điều 0. Quyết định này có hiệu lực kể từ ngày ký.", *PARAS], (612.0, 792.0))
    out = []
    for number, pdf in ((1, v1), (2, v2)):
        folder = root / f"v{number}"
        folder.mkdir(parents=True)
        (folder / "kehoach.pdf").write_bytes(pdf)
        session = write_session(folder, people, docs={"Dự thảo Kế hoạch chuyển đổi số": [folder / "kehoach.pdf"]})
        path = folder / "phien12.paperless"
        build_bundle(load_session(session), unlock(people.clerk), path, version=number)
        out.append(path)
    return out[0], out[1], v1, v2


def test_notes_follow_the_revised_document(qtbot, make, people: People, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second, v1, v2 = versions(tmp_path / "office", people)
    h1, h2 = hashlib.sha256(v1).hexdigest(), hashlib.sha256(v2).hexdigest()
    h: Harness = make(people)
    h.unlock()
    h.open(first)
    h.wait_document()
    w = h.window
    controller = w.notes.controller
    qtbot.waitUntil(lambda: controller.active, timeout=10_000)
    t1 = doc_text(v1)
    start, end = find_words(t1, v1, QUOTE)
    anchor = text_anchor(t1, h1, start, end)
    with qtbot.waitSignal(controller.changed):
        controller.add(h1, anchor.page, AnnotationKind.HIGHLIGHT, "#ffe066", {"anchor": anchor.to_dict(), "quote": QUOTE})
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
