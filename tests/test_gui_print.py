"""File ▸ Print… through the real window: allowed only by the session's policy (the default
says no, and why); the chosen pages come out — here through Qt's own PDF printer, read back
with PyMuPDF — with the page, the watermark and the member's annotations; Cancel stops."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from bundle_helpers import People, unlock, write_session
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses

from paperless.core.bundle import build_bundle
from paperless.core.notes import AnnotationKind
from paperless.core.session import load_session

pytestmark = OFFSCREEN_NOISE
WAIT = 30_000


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


@pytest.fixture(scope="module")
def printable(tmp_path_factory: pytest.TempPathFactory, people: People) -> Path:
    root = tmp_path_factory.mktemp("print")
    session = write_session(root, people, extra="\n[policy]\nwatermark = true\nallow_print = true\n")
    out = root / "phien12-in.paperless"
    build_bundle(load_session(session), unlock(people.clerk), out, version=1)
    return out


def reading(qtbot, make, bundle: Path, people: People) -> Harness:  # type: ignore[no-untyped-def]
    h: Harness = make(people)
    h.unlock()
    h.open(bundle)
    h.wait_document()
    qtbot.waitUntil(lambda: h.window.printing.document is not None and h.window.notes.controller.active,
                    timeout=WAIT)
    return h


def red_share(page: pymupdf.Page) -> float:
    pix = page.get_pixmap(dpi=40)
    samples, n = pix.samples, pix.n
    red = sum(1 for i in range(0, len(samples), n)
              if samples[i] > 170 and samples[i + 1] < 90 and samples[i + 2] < 90)
    return red / (pix.width * pix.height)


def test_the_default_policy_does_not_print_and_says_why(qtbot, make, bundle: Path,  # type: ignore[no-untyped-def]
                                                         people: People) -> None:
    h = reading(qtbot, make, bundle, people)
    action = h.window.actions_.print_
    assert not action.isEnabled() and "does not allow printing" in action.toolTip()
    h.window.printing.print_document()  # even if called: nothing is asked
    assert not any(a.startswith("print") for a in h.files.asked)


def test_printing_the_chosen_pages_with_watermark_and_annotations(qtbot, make, printable: Path,  # type: ignore[no-untyped-def]
                                                                   people: People, tmp_path: Path) -> None:
    h = reading(qtbot, make, printable, people)
    w = h.window
    action = w.actions_.print_
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+P"
    doc = w.printing.document
    assert doc is not None
    c = w.notes.controller
    strokes = [[[80.0, 200.0 + 30 * i], [520.0, 210.0 + 30 * i]] for i in range(10)]
    with qtbot.waitSignal(c.changed, timeout=WAIT):
        c.add(doc.doc_hash, 1, AnnotationKind.INK, "#d32f2f", {"strokes": strokes, "width": 10.0})
    qtbot.waitUntil(lambda: bool(w.reader.view.annotating.on_page(1)), timeout=WAIT)

    out = tmp_path / "in.pdf"
    h.files.printer_answers = [(out, 2, 3)]  # pages 2 to 3 of 5
    with qtbot.waitSignal(w.printing.finished, timeout=WAIT) as done:
        action.trigger()
    assert done.args == [2, None]
    assert h.files.asked[-1] == f"print {doc.pages}"
    printed = pymupdf.open(out)
    assert printed.page_count == 2 and not list(tmp_path.glob(".*.part"))  # written aside, then renamed
    first, second = printed[0], printed[1]
    assert "Nguyễn Văn An" in first.get_text() and "Nguyễn Văn An" in second.get_text()  # the watermark
    assert red_share(first) > 0.01 and red_share(second) == 0  # the pen strokes are on page 2 only
    image_sizes = [img[2] for img in first.get_images(full=True)]
    assert image_sizes and max(image_sizes) >= 2400  # the page itself, at print resolution
    assert not action.isEnabled() or not w.printing.busy


def test_cancel_stops_the_job_and_nothing_is_left_half_printed(qtbot, make, printable: Path,  # type: ignore[no-untyped-def]
                                                               people: People, tmp_path: Path) -> None:
    h = reading(qtbot, make, printable, people)
    w = h.window
    folder = tmp_path / "out"
    folder.mkdir()
    h.files.printer_answers = [(folder / "in.pdf", 0, 0), None]
    with qtbot.waitSignal(w.printing.finished, timeout=WAIT) as done:
        w.actions_.print_.trigger()
        assert w.printing.busy and not w.actions_.print_.isEnabled()
        w.printing.cancel()
    assert done.args == [0, None] and not w.printing.busy and w.actions_.print_.isEnabled()
    assert list(folder.iterdir()) == []  # cancelled: no file, whole or part
    w.actions_.print_.trigger()  # the dialog cancelled: nothing happens
    assert not w.printing.busy


def test_the_refusal_is_said_again_in_the_new_language(qtbot, make, bundle: Path,  # type: ignore[no-untyped-def]
                                                        people: People) -> None:
    h = reading(qtbot, make, bundle, people)
    action = h.window.actions_.print_
    h.services.translators.install("vi")
    export = h.window.actions_.export_pdf
    qtbot.waitUntil(lambda: "không cho phép in" in action.toolTip() and "không cho phép in" in export.toolTip(),
                    timeout=WAIT)
    assert action.text() == "&In\u2026" and not action.isEnabled() and not export.isEnabled()


def test_a_page_that_cannot_be_rendered_stops_the_job_with_a_message(  # type: ignore[no-untyped-def]
        qtbot, make, printable: Path, people: People, tmp_path: Path) -> None:
    from gui_helpers import close_message_boxes, open_message_boxes

    h = reading(qtbot, make, printable, people)
    w = h.window
    doc = w.printing.document
    assert doc is not None
    h.files.printer_answers = [(tmp_path / "in.pdf", 0, 0)]
    with qtbot.waitSignal(w.printing.finished, timeout=WAIT) as done:
        w.actions_.print_.trigger()
        w.services.worker.close_document(doc.entry)  # the document is gone under the job
    printed, error = done.args
    assert printed == 0 and error is not None and error.message("en").startswith("Page ")
    qtbot.waitUntil(lambda: bool(open_message_boxes()), timeout=WAIT)
    [box] = open_message_boxes()
    assert "could not be printed" in box.informativeText() + box.text()
    close_message_boxes()
    assert not w.printing.busy
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*.part"))  # aborted: no half-made file


def test_a_file_that_cannot_be_saved_is_said_and_nothing_is_left(  # type: ignore[no-untyped-def]
        qtbot, make, printable: Path, people: People, tmp_path: Path) -> None:
    from gui_helpers import close_message_boxes, open_message_boxes

    h = reading(qtbot, make, printable, people)
    w = h.window
    folder = tmp_path / "out"
    taken = folder / "in.pdf"
    taken.mkdir(parents=True)  # a folder of that name: the finished file cannot take its place
    h.files.printer_answers = [(taken, 1, 1)]
    with qtbot.waitSignal(w.printing.finished, timeout=WAIT) as done:
        w.actions_.print_.trigger()
    printed, error = done.args
    assert printed == 0 and str(taken) in error.message("en") and "Không lưu được tệp in" in error.message("vi")
    qtbot.waitUntil(lambda: bool(open_message_boxes()), timeout=WAIT)
    close_message_boxes()
    assert sorted(p.name for p in folder.iterdir()) == ["in.pdf"] and taken.is_dir()
