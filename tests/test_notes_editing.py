"""AnnotationEditor: every change saved at once, undo and redo across the session, saved too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from notes_content import ink, markup, note, written

from paperless.core.anchoring import Anchor, Context, PageRect, TextQuote
from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import AnnotationKind, NotesStore, OpKind
from paperless.core.notes.editing import AnnotationEditor, History, StepKind

SID = "phien-12"
DOC = "ab" * 32


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


@pytest.fixture
def editor(tmp_path: Path, an: UnlockedIdentity) -> Iterator[AnnotationEditor]:
    store = NotesStore.open(tmp_path / "lib", an)
    yield AnnotationEditor(store, SID)
    store.close()


def live(editor: AnnotationEditor) -> dict[str, tuple[int, str | None, str]]:
    return {a.uuid: (a.page, a.color, written(a.content)) for a in editor.annotations(DOC) if not a.deleted}


def test_add_update_delete_then_undo_all_and_redo_all(editor: AnnotationEditor) -> None:
    first = editor.add(DOC, 0, AnnotationKind.HIGHLIGHT, "#ffe066", markup("Điều 1")).annotation
    second = editor.add(DOC, 2, AnnotationKind.NOTE, "#ffcc00", note("hỏi lại số liệu")).annotation
    editor.update(second.uuid, color="#ff0000", content=note("hỏi lại số liệu quý IV"))
    editor.delete(first.uuid)
    states = [live(editor)]
    assert states[0] == {second.uuid: (2, "#ff0000", "hỏi lại số liệu quý IV")}
    while editor.can_undo:
        editor.undo()
        states.append(live(editor))
    assert states[1] == {first.uuid: (0, "#ffe066", "Điều 1"), second.uuid: (2, "#ff0000", "hỏi lại số liệu quý IV")}
    assert states[2] == {first.uuid: (0, "#ffe066", "Điều 1"), second.uuid: (2, "#ffcc00", "hỏi lại số liệu")}
    assert states[3] == {first.uuid: (0, "#ffe066", "Điều 1")}
    assert states[4] == {}
    assert editor.undo() is None
    redone = []
    while editor.can_redo:
        editor.redo()
        redone.append(live(editor))
    assert redone == states[-2::-1]  # the same states, forwards


def test_a_new_change_after_undo_drops_the_redo_steps(editor: AnnotationEditor) -> None:
    made = editor.add(DOC, 0, AnnotationKind.INK, "#0000ff", ink((((1, 2), (3, 4)),))).annotation
    editor.update(made.uuid, color="#00ff00")
    editor.undo()
    assert editor.can_redo
    editor.update(made.uuid, page=1)
    assert not editor.can_redo
    assert live(editor)[made.uuid][:2] == (1, "#0000ff")


def test_undo_and_redo_are_saved_and_go_to_the_outbox(tmp_path: Path, an: UnlockedIdentity) -> None:
    store = NotesStore.open(tmp_path / "lib", an)
    editor = AnnotationEditor(store, SID)
    made = editor.add(DOC, 4, AnnotationKind.UNDERLINE, "#3366ff", markup("quy hoạch")).annotation
    outcome = editor.undo()
    assert outcome is not None and outcome.annotation.deleted and outcome.step is not None
    assert outcome.step.kind is StepKind.ADD
    editor.redo()
    editor.undo()
    store.close()
    reopened = NotesStore.open(tmp_path / "lib", an)  # what was saved stays saved
    try:
        found = reopened.annotation(made.uuid)
        assert found is not None and found.deleted
        kinds = [op.op for op in reopened.pending_outbox() if op.record_uuid == made.uuid]
        assert kinds == [OpKind.CREATE, OpKind.DELETE, OpKind.RESTORE, OpKind.DELETE]
    finally:
        reopened.close()


def test_history_is_bounded() -> None:
    history = History(limit=3)
    editor_steps = [object() for _ in range(5)]
    for step in editor_steps:
        history.push(step)  # type: ignore[arg-type]
    assert history.done == editor_steps[-3:]


def test_completing_an_anchor_is_saved_but_is_no_undo_step(editor: AnnotationEditor) -> None:
    geometry_only = Anchor(DOC, 1, (PageRect(1, 50.0, 60.0, 90.0, 80.0),))
    full = Anchor(DOC, 1, geometry_only.rects, context=Context(TextQuote("Điều 2"), 0, 50.0, 60.0))
    made = editor.add(DOC, 1, AnnotationKind.INK, "#d32f2f",
                      {"anchor": geometry_only.to_dict(), "strokes": [[[50, 60]]]}).annotation
    done = editor.complete_anchor(made.uuid, made.hlc, full)
    assert done is not None and done.step is None and done.annotation.payload["anchor"] == full.to_dict()
    assert done.annotation.payload["strokes"] == [[[50, 60]]] and done.annotation.hlc > made.hlc
    assert len(editor.history.done) == 1  # only the add
    ops = [o.op for o in editor.store.pending_outbox() if o.record_uuid == made.uuid]
    assert ops == [OpKind.CREATE, OpKind.UPDATE]  # saved (and synced) like any change
    assert editor.complete_anchor(made.uuid, made.hlc, full) is None  # changed since: left alone
    editor.undo()  # undoing the add still removes it whole
    assert live(editor) == {}
    assert editor.complete_anchor(made.uuid, done.annotation.hlc, full) is None  # gone: left alone
