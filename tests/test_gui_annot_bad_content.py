"""A saved annotation whose content does not validate (written by another app, say, with a valid
seal) is treated like a damaged record: the page never shows it, not even in part, and the app
says so once; the other annotations are shown and work."""

from __future__ import annotations

from pathlib import Path

from annot_helpers import doc_hash, make_view, open_doc
from bundle_helpers import unlock
from notes_content import markup, write_unvalidated
from pytestqt.qtbot import QtBot

from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import NotesStore, NotesUnreadableContentError
from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments
from paperless.gui.annotations.controller import AnnotationController, store_session_id
from paperless.gui.tasks import Tasks

pytest_plugins = ["annot_fixtures"]

WAIT = 15_000


def test_content_that_does_not_validate_is_hidden_and_said_once(
        qtbot: QtBot, tmp_path: Path, an: UnlockedIdentity, worker: RenderWorker, demo: DemoDocuments) -> None:
    folder, key = tmp_path / "lib", doc_hash(demo.report)
    with NotesStore.open(folder, an) as store:
        sid = store_session_id("phien-12")
        good = store.add_annotation(sid, key, 0, "highlight", "#ffe14d",
                                    markup("Ban Thường vụ", doc_hash=key, rect=(100, 140, 500, 152)))
        bad = write_unvalidated(store, sid, key, 0, "ink", "#d32f2f",  # a pen this version cannot draw
                                {"strokes": [[[100, 300], [400, 320]]], "width": 5000.0})
        half = write_unvalidated(store, sid, key, 0, "textbox", "#1565c0",  # its text, but no box
                                 {"text": "Ý kiến", "font_size": 12})
    controller = AnnotationController(Tasks())
    reported: list[BaseException] = []
    controller.damaged.connect(reported.append)
    controller.failed.connect(reported.append)
    with qtbot.waitSignal(controller.ready, timeout=10_000):
        controller.start(folder, an, "phien-12")
    try:
        view = make_view(qtbot, worker, controller)
        open_doc(qtbot, view, demo.report)
        qtbot.waitUntil(lambda: [a.uuid for a in view.annotating.on_page(0)] == [good.uuid], timeout=WAIT)
        controller.reload()  # read again: said once all the same
        controller.wait()
        qtbot.wait(50)
        assert [a.uuid for a in controller.annotations(key)] == [good.uuid]
        assert sorted(e.params["uuid"] for e in reported) == sorted([bad, half])  # type: ignore[attr-defined]
        assert all(isinstance(e, NotesUnreadableContentError) for e in reported)
        by_uuid = {e.params["uuid"]: e for e in reported}  # type: ignore[attr-defined]
        assert "ink: 'width'" in by_uuid[bad].message("en")  # type: ignore[attr-defined]
        assert "text box: 'rect' is missing" in by_uuid[half].message("en")  # type: ignore[attr-defined]
        assert "Không hiển thị được" in by_uuid[half].message("vi")  # type: ignore[attr-defined]
        view.annotating.select(good.uuid)  # the rest works as ever
        assert view.annotating.selected == good.uuid
    finally:
        controller.close()
        controller.wait()


def test_the_session_still_opens_on_another_computer(tmp_path: Path, people) -> None:  # type: ignore[no-untyped-def]
    """Hidden, not lost: the record stays in the store (and its outbox, for the sync) as it was."""
    an = unlock(people.member("an"))
    with NotesStore.open(tmp_path, an) as store:
        uuid = write_unvalidated(store, "phien-12", "ab" * 32, 0, "note", None, {"text": "không có vị trí"})
        told: list[BaseException] = []
        store.on_damaged = told.append
        assert store.annotations("phien-12") == [] and len(told) == 1
        [op] = store.pending_outbox()
        assert op.record_uuid == uuid and store.open_op(op)["data"] == {"text": "không có vị trí"}
