"""The record of the last published version and the changes of the draft since (Qt-free, real files)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bundle_helpers import People, make_pdf, write_session

from paperless.core.clerk.draft import ItemDraft, SessionDraft
from paperless.core.clerk.revision import (
    ChangeKind,
    DocumentRecord,
    ItemRecord,
    PublishedRecord,
    PublishedRecordError,
    diff,
    load_last,
    next_version,
    record_path,
    save_last,
    snapshot,
)


@pytest.fixture
def draft(tmp_path: Path, people: People) -> SessionDraft:
    return SessionDraft.load(write_session(tmp_path, people))


def kinds(changes: list) -> list[tuple[ChangeKind, int]]:  # type: ignore[type-arg]
    return [(c.kind, c.number) for c in changes]


def test_nothing_changed_means_no_changes(draft: SessionDraft) -> None:
    assert diff(snapshot(draft), snapshot(draft)) == []


def test_record_round_trip_atomic_and_version(draft: SessionDraft) -> None:
    folder = draft.folder
    assert load_last(folder) is None and next_version(None) == 1
    record = PublishedRecord("btv-12", 2, "ab" * 32, datetime(2026, 12, 7, 9, 0, tzinfo=UTC),
                             snapshot(draft, [["Báo cáo quý IV"]]), "office")
    save_last(folder, record)
    assert load_last(folder) == record
    assert next_version(load_last(folder)) == 3
    assert [p.name for p in record_path(folder).parent.iterdir()] == ["last.json"]  # no temporary file left
    assert record.items[0].documents[0].title == "Báo cáo quý IV"
    assert record.items[0].documents[0].label == "Báo cáo quý IV (baocao.pdf)"


def test_a_damaged_record_is_a_clear_error(draft: SessionDraft) -> None:
    path = record_path(draft.folder)
    path.parent.mkdir()
    path.write_text('{"format": "paperless-published", "version": "two"}', "utf-8")
    with pytest.raises(PublishedRecordError) as info:
        load_last(draft.folder)
    assert "last.json" in info.value.message("en") and "phiên bản 1" in info.value.message("vi")


def test_a_document_with_new_content_is_replaced(draft: SessionDraft) -> None:
    before = snapshot(draft)
    make_pdf(draft.folder / "docs" / "kehoach.pdf", "Kế hoạch chuyển đổi số — bản sửa", 4)
    changes = diff(before, snapshot(draft))
    assert kinds(changes) == [(ChangeKind.DOC_REPLACED, 2)]
    assert "kehoach.pdf" in changes[0].text().en and "Thay tài liệu" in changes[0].text().vi


def test_another_file_in_the_same_place_is_replaced(draft: SessionDraft) -> None:
    before = snapshot(draft)
    make_pdf(draft.folder / "docs" / "kehoach-v2.pdf", "Kế hoạch lần 2", 3)
    draft.items[1].documents[0] = "docs/kehoach-v2.pdf"
    changes = diff(before, snapshot(draft))
    assert kinds(changes) == [(ChangeKind.DOC_REPLACED, 2)]
    assert changes[0].old == "kehoach.pdf" and changes[0].document == "kehoach-v2.pdf"


def test_documents_added_and_removed(draft: SessionDraft) -> None:
    before = snapshot(draft)
    draft.items[1].documents.remove("docs/phuluc.pdf")
    make_pdf(draft.folder / "docs" / "totrinh.pdf", "Tờ trình", 1)
    draft.items[0].documents.append("docs/totrinh.pdf")
    changes = diff(before, snapshot(draft))
    assert kinds(changes) == [(ChangeKind.DOC_ADDED, 1), (ChangeKind.DOC_REMOVED, 2)]
    assert changes[0].document == "totrinh.pdf" and changes[1].document == "phuluc.pdf"


def test_a_renamed_file_with_the_same_content_is_no_change(draft: SessionDraft) -> None:
    before = snapshot(draft)
    shutil.copy(draft.folder / "docs" / "baocao.pdf", draft.folder / "docs" / "baocao-copy.pdf")
    draft.items[0].documents = ["docs/baocao-copy.pdf"]
    assert diff(before, snapshot(draft)) == []


def test_items_moved_added_removed_renamed(draft: SessionDraft) -> None:
    before = snapshot(draft)
    draft.items.reverse()  # 3 2 1: the longest run kept in order is one item, the two others moved
    changes = diff(before, snapshot(draft))
    assert sorted(c.kind.value for c in changes) == ["item_moved", "item_moved"]
    assert {(c.old_number, c.number) for c in changes} <= {(3, 1), (2, 2), (1, 3)}

    draft.items.reverse()
    draft.items[0].title = "Báo cáo kết quả công tác năm 2023"  # renamed: same documents
    removed = draft.items.pop(2)
    make_pdf(draft.folder / "docs" / "moi.pdf", "Việc mới", 1)
    draft.items.append(ItemDraft(title="Việc phát sinh", documents=["docs/moi.pdf"]))
    changes = diff(before, snapshot(draft))
    assert kinds(changes) == [(ChangeKind.ITEM_RENAMED, 1), (ChangeKind.ITEM_ADDED, 3), (ChangeKind.ITEM_REMOVED, 3)]
    assert changes[0].old == "Báo cáo kết quả công tác quý IV/2023"
    assert "Đổi tên nội dung 1" in changes[0].text().vi
    assert changes[2].item == removed.title


def test_a_document_moved_to_another_item(draft: SessionDraft) -> None:
    before = snapshot(draft)
    draft.items[1].documents.remove("docs/phuluc.pdf")
    draft.items[0].documents.append("docs/phuluc.pdf")
    changes = diff(before, snapshot(draft))
    assert kinds(changes) == [(ChangeKind.DOC_MOVED, 1)]
    assert changes[0].old == "Dự thảo Kế hoạch chuyển đổi số"


def test_a_moved_item_among_others() -> None:
    def item(title: str) -> ItemRecord:
        return ItemRecord(title, (DocumentRecord(f"docs/{title}.pdf", title * 4),))

    old = [item(t) for t in "ABCDE"]
    new = [item(t) for t in "ABDEC"]  # C moved to the end
    changes = diff(old, new)
    assert [(c.kind, c.item, c.old_number, c.number) for c in changes] == [(ChangeKind.ITEM_MOVED, "C", 3, 5)]
    assert changes[0].text().vi == "Chuyển nội dung từ mục 3 sang mục 5: C"
