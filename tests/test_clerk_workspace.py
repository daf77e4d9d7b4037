"""The clerk's workspace model: edits, undo / redo, dirty state, save, observers (Qt-free)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperless.core.clerk import ItemDraft, SessionDraft
from paperless.core.clerk.workspace import Happened, Workspace, WorkspaceEvent
from paperless.core.errors import T


def _label(text: str) -> T:
    return T(text, text)


def test_an_edit_is_one_undoable_step_and_observers_are_told(tmp_path: Path) -> None:
    ws = Workspace.new(tmp_path)
    seen: list[WorkspaceEvent] = []
    ws.observers.subscribe(seen.append)

    def add(d: SessionDraft) -> None:
        d.items.append(ItemDraft(title="Báo cáo"))

    ws.edit(_label("add item"), add, ("items",))
    assert [i.title for i in ws.draft.items] == ["Báo cáo"]
    assert seen[-1] == WorkspaceEvent(Happened.EDITED, ("items",), _label("add item"))
    assert ws.undo_label() == _label("add item")
    assert ws.undo() and ws.draft.items == []
    assert ws.redo_label() == _label("add item")
    assert ws.redo() and [i.title for i in ws.draft.items] == ["Báo cáo"]
    assert not ws.redo()


def test_a_failed_edit_leaves_the_draft_and_a_no_op_leaves_no_step(tmp_path: Path) -> None:
    ws = Workspace.new(tmp_path)

    def broken(d: SessionDraft) -> None:
        d.title = "half"
        raise ValueError("no")

    with pytest.raises(ValueError):
        ws.edit(_label("broken"), broken)
    assert ws.draft.title == "" and ws.undo_label() is None
    ws.edit(_label("nothing"), lambda d: None)
    assert ws.undo_label() is None


def test_dirty_until_saved_and_the_saved_file_reads_back(tmp_path: Path) -> None:
    ws = Workspace.new(tmp_path)
    assert ws.dirty
    ws.edit(_label("title"), lambda d: setattr(d, "title", "Phiên họp"))
    path = ws.save()
    assert path == tmp_path / "session.toml" and not ws.dirty
    assert Workspace.open(path).draft.title == "Phiên họp"
    ws.edit(_label("title"), lambda d: setattr(d, "title", "Phiên họp 2"))
    assert ws.dirty
    ws.undo()
    assert not ws.dirty  # back to what is on disk


def test_save_elsewhere_keeps_paths_pointing_at_the_same_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "doc.pdf").write_bytes(b"%PDF")
    ws = Workspace.new(tmp_path / "a")
    ws.edit(_label("item"), lambda d: d.items.append(ItemDraft(title="x", documents=["doc.pdf"])))
    (tmp_path / "b").mkdir()
    ws.save(tmp_path / "b" / "session.toml")
    assert ws.draft.items[0].documents == ["../a/doc.pdf"]
    assert ws.undo_label() is None  # the snapshots held paths relative to the old folder


def test_problems_are_kept_per_change_and_filtered_by_field(tmp_path: Path) -> None:
    ws = Workspace.new(tmp_path)
    assert any(p.where[:2] == ("session", "title") for p in ws.problems_at(("session",)))
    ws.edit(_label("title"), lambda d: setattr(d, "title", "Phiên họp"))
    assert not any(p.where[:2] == ("session", "title") for p in ws.problems_at(("session",)))
