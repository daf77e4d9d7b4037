"""CarryOver in the app: a revised document's words come from the render worker, the notes
move on the database worker, the controller's mirror shows them under the new hash."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from pytestqt.qtbot import QtBot
from test_notes_carry import PARAS, doc_text, find_words, typeset

from paperless.core.anchoring import text_anchor
from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import AnnotationKind
from paperless.core.notes.carry import TRIED
from paperless.core.render import RenderWorker
from paperless.gui.annotations.carry import CarryOver
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.tasks import Tasks


def mark(qtbot: QtBot, controller: AnnotationController, pdf: bytes, phrase: str,
         kind: AnnotationKind = AnnotationKind.HIGHLIGHT, color: str = "#ffe066") -> None:
    """A text markup on the first occurrence of ``phrase`` in ``pdf``, through the controller."""
    text, doc_hash = doc_text(pdf), hashlib.sha256(pdf).hexdigest()
    first, last = find_words(text, pdf, phrase)
    anchor = text_anchor(text, doc_hash, first, last)
    with qtbot.waitSignal(controller.changed):
        controller.add(doc_hash, anchor.page, kind, color, {"anchor": anchor.to_dict(), "quote": phrase})


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


@pytest.fixture
def parts(qtbot: QtBot, tmp_path: Path, an: UnlockedIdentity) -> Iterator[tuple[AnnotationController, CarryOver]]:
    controller = AnnotationController(Tasks())
    worker = RenderWorker()
    with qtbot.waitSignal(controller.ready, timeout=10_000):
        controller.start(tmp_path / "lib", an, "phien-12")
    yield controller, CarryOver(controller, worker, Tasks())
    controller.close()
    controller.wait()
    worker.shutdown()


def test_revised_document_gets_the_notes(qtbot: QtBot, parts: tuple[AnnotationController, CarryOver]) -> None:
    controller, carry = parts
    v1 = typeset(PARAS, (595.0, 842.0))
    v2 = typeset(["Điều 0. Quyết định có hiệu lực kể từ ngày ký.", *PARAS], (612.0, 792.0))
    h1, h2 = hashlib.sha256(v1).hexdigest(), hashlib.sha256(v2).hexdigest()
    mark(qtbot, controller, v1, "Phê duyệt Kế hoạch chuyển đổi số", AnnotationKind.HIGHLIGHT, "#ffe066")
    read: list[str] = []
    with qtbot.waitSignal(carry.finished, timeout=60_000) as finished:
        carry.run({h2: "documents/0002.age"}, lambda entry: (read.append(entry), v2)[1])
    [report] = finished.args[0]
    assert report.target == h2 and report.placed == 1 and read == ["documents/0002.age"]
    qtbot.waitUntil(lambda: bool(controller.annotations(h2)))
    [moved] = controller.annotations(h2)
    assert moved.payload["carried"]["from"] == h1
    assert controller.annotations(h1) == []
    with qtbot.waitSignal(carry.finished, timeout=60_000) as again:  # nothing stale: nothing read
        carry.run({h2: "documents/0002.age"}, lambda entry: (read.append(entry), v2)[1])
    assert again.args[0] == [] and read == ["documents/0002.age"]


def test_a_document_that_holds_none_of_the_quotes_is_not_chosen(
        qtbot: QtBot, parts: tuple[AnnotationController, CarryOver]) -> None:
    controller, carry = parts
    v1 = typeset(PARAS[:5], (595.0, 842.0))
    other = typeset(["Tờ trình về công tác cán bộ, không liên quan."], (595.0, 842.0))
    h1, h_other = hashlib.sha256(v1).hexdigest(), hashlib.sha256(other).hexdigest()
    mark(qtbot, controller, v1, "Kinh phí thực hiện từ nguồn ngân sách tỉnh", AnnotationKind.UNDERLINE, "#3366ff")
    with qtbot.waitSignal(carry.finished, timeout=60_000) as finished:
        carry.run({h_other: "documents/0003.age"}, lambda _entry: other)
    assert finished.args[0] == []
    qtbot.waitUntil(lambda: bool(controller.annotations(h1)))
    [kept] = controller.annotations(h1)
    controller.reload()
    qtbot.waitUntil(lambda: controller.annotations(h1) and TRIED in controller.annotations(h1)[0].payload)
    assert controller.annotations(h1)[0].payload[TRIED] == [h_other] and kept.uuid == controller.annotations(h1)[0].uuid


def test_a_second_run_is_not_lost_and_the_first_is_given_up(
        qtbot: QtBot, parts: tuple[AnnotationController, CarryOver]) -> None:
    controller, carry = parts
    v1 = typeset(PARAS, (595.0, 842.0))
    v2 = typeset(["Điều 0. Quyết định có hiệu lực kể từ ngày ký.", *PARAS], (612.0, 792.0))
    h1, h2 = hashlib.sha256(v1).hexdigest(), hashlib.sha256(v2).hexdigest()
    mark(qtbot, controller, v1, "Phê duyệt Kế hoạch chuyển đổi số", AnnotationKind.HIGHLIGHT, "#ffe066")
    results: list[object] = []
    carry.finished.connect(results.append)
    carry.run({h1: "documents/0001.age"}, lambda _entry: v1)  # a session that is left at once …
    carry.run({h2: "documents/0002.age"}, lambda _entry: v2)  # … for the revised one
    qtbot.waitUntil(lambda: bool(results), timeout=60_000)
    qtbot.wait(100)
    [reports] = results  # only the run that is still wanted reports
    assert [r.target for r in reports] == [h2] and not carry.running  # type: ignore[attr-defined]
    carry.stop()


def test_notes_on_a_document_restricted_in_this_version_are_left_alone(
        qtbot: QtBot, parts: tuple[AnnotationController, CarryOver]) -> None:
    controller, carry = parts
    v1 = typeset(PARAS[:5], (595.0, 842.0))
    summary = typeset(PARAS[:5], (612.0, 792.0))  # a readable document that quotes it all
    h1, h_summary = hashlib.sha256(v1).hexdigest(), hashlib.sha256(summary).hexdigest()
    mark(qtbot, controller, v1, "Kinh phí thực hiện từ nguồn ngân sách tỉnh", AnnotationKind.HIGHLIGHT, "#ffe066")
    read: list[str] = []
    with qtbot.waitSignal(carry.finished, timeout=60_000) as finished:
        carry.run({h_summary: "documents/0002.age"}, lambda e: (read.append(e), summary)[1],
                  known={h1, h_summary})  # h1 is still in the agenda, restricted to others now
    assert finished.args[0] == [] and read == []  # not stale: not moved, not marked, not even read
    controller.reload()
    qtbot.waitUntil(lambda: bool(controller.annotations(h1)), timeout=10_000)
    [kept] = controller.annotations(h1)
    assert TRIED not in kept.payload
